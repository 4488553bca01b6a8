//! `strategy.yaml`: the strategy itself: summary, vision, aims, priorities (with their
//! outcomes, targets, performance measures, progress and timescale), governance, phases,
//! and the lists a strategy may carry (commitments, related documents, in-house services,
//! its history and what reviews found).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::period::Period;

/// `strategy.yaml`: the strategy itself.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// Plain-English summary for the home page (Markdown).
    pub summary: String,
    /// The vision, in a sentence or two (Markdown).
    #[serde(default)]
    pub vision: Option<String>,
    /// The law behind the strategy: a summary and the legislation.
    #[serde(default)]
    pub legal_basis: Option<LegalBasis>,
    /// Short headline statements, such as "the right home, in the right place, at the right time".
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// How we will work: each a title and a text.
    #[serde(default)]
    pub principles: Vec<Theme>,
    /// The aims. Priorities and actions refer to them by id. Optional: a strategy that
    /// states no aims leaves them out, and its pages say nothing about aims.
    #[serde(default)]
    pub aims: Vec<Aim>,
    /// The priorities (at least one): each serves aims, makes commitments and is tracked by
    /// measures.
    pub priorities: Vec<Priority>,
    /// What will be different, as bullet points.
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// Who oversees the strategy: a summary and the boards and groups.
    #[serde(default)]
    pub governance: Option<Governance>,
    /// How progress is monitored and reviewed (Markdown).
    #[serde(default)]
    pub monitoring: Option<String>,
    /// The timeline of the strategy, phase by phase.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// What the strategy as a whole commits to ("we will ..."): each the text (Markdown), or
    /// `{ text: ..., due: PERIOD, owner: ..., status: ..., priorities: [IDS], metrics: [IDS] }`.
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    /// Other documents the strategy relates to: each a title, a date and an address.
    #[serde(default)]
    pub related_documents: Vec<RelatedDocument>,
    /// The council's own (in-house) services: each its name, since when it has run and what
    /// it offers.
    #[serde(default)]
    pub in_house_services: Vec<Service>,
    /// What has happened so far: past milestones, oldest first (the phases are what is
    /// planned).
    #[serde(default)]
    pub history: Vec<Milestone>,
    /// What reviews of the strategy found, each with its date.
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// The strategy that came before this one and what it achieved, looking back.
    #[serde(default)]
    pub previous: Option<super::PreviousStrategy>,
}

/// The law behind the strategy.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The legal duty in brief (Markdown).
    pub summary: String,
    /// The Acts and regulations, one an item.
    #[serde(default)]
    pub legislation: Vec<String>,
}

/// A short headline statement with a title (themes and principles).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// A short title (optional: without one, the statement stands alone).
    #[serde(default)]
    pub title: Option<String>,
    /// The statement (Markdown).
    pub text: String,
}

/// One of the strategy's aims.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Aim {
    /// Lower-case letters, digits and hyphens. Link to it with aim:ID.
    pub id: String,
    /// A short title.
    pub title: String,
    /// The aim in full (Markdown).
    pub statement: String,
}

/// One of the strategy's priorities.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// Lower-case letters, digits and hyphens. Link to it with priority:ID.
    pub id: String,
    /// A short title.
    pub title: String,
    /// Why this priority matters (Markdown).
    pub summary: String,
    /// Ids of the aims it serves.
    #[serde(default)]
    pub aims: Vec<String>,
    /// "What we will do".
    #[serde(default)]
    pub commitments: Vec<String>,
    /// Ids of the measures that track it.
    #[serde(default)]
    pub metrics: Vec<String>,
    /// What will be different when the priority is met (Markdown, one item each).
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// Its targets, as the document writes them (Markdown, one item each).
    #[serde(default)]
    pub targets: Vec<String>,
    /// How progress is measured: each an indicator in words, optionally tracked by a measure.
    #[serde(default)]
    pub performance_measures: Vec<PerformanceMeasure>,
    /// Progress so far: each a note, optionally dated.
    #[serde(default)]
    pub progress: Vec<Progress>,
    /// When the priority should be met (a period).
    #[serde(default)]
    pub timescale: Option<Period>,
    /// Words shown after the timescale, or in its place when it is not a period (such as
    /// throughout the strategy).
    #[serde(default)]
    pub timescale_note: Option<String>,
}

/// A performance measure: an indicator in words (Markdown), optionally tracked by one of the
/// measures. Written as text, or as `{ text: ..., metric: ID }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PerformanceMeasure {
    /// The indicator, as the document writes it (Markdown).
    pub text: String,
    /// The id of the measure in `metrics/` that tracks it, if there is one.
    pub metric: Option<String>,
}

/// A progress note (Markdown), optionally dated. Written as text, or as
/// `{ date: PERIOD, text: ... }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    /// When (a period), if the document says.
    pub date: Option<Period>,
    /// What has happened (Markdown).
    pub text: String,
}

/// One of the strategy's commitments: its text (Markdown) and, when the content says, when it
/// is due, who owns it, its status in the council's words and the priorities and measures it
/// belongs to. Written as text, or as a mapping of these fields. A field left out is shown
/// as absent, never given a value.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Commitment {
    /// What we will do (Markdown).
    pub text: String,
    /// When it should be done (a period).
    pub due: Option<Period>,
    /// Who is responsible for it.
    pub owner: Option<String>,
    /// Where it stands, in the council's words (such as "On track" or "Done").
    pub status: Option<String>,
    /// Ids of the priorities it belongs to; it is shown on their pages.
    pub priorities: Vec<String>,
    /// Ids of the measures that track it.
    pub metrics: Vec<String>,
}

/// The fields of a [`Commitment`] written as a mapping.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct CommitmentFields {
    /// What we will do (Markdown).
    text: String,
    /// When it should be done (a period).
    #[serde(default)]
    due: Option<Period>,
    /// Who is responsible for it.
    #[serde(default)]
    owner: Option<String>,
    /// Where it stands, in the council's words (such as "On track" or "Done").
    #[serde(default)]
    status: Option<String>,
    /// Ids of the priorities it belongs to.
    #[serde(default)]
    priorities: Vec<String>,
    /// Ids of the measures that track it.
    #[serde(default)]
    metrics: Vec<String>,
}

impl From<CommitmentFields> for Commitment {
    fn from(f: CommitmentFields) -> Self {
        Commitment {
            text: f.text,
            due: f.due,
            owner: f.owner,
            status: f.status,
            priorities: f.priorities,
            metrics: f.metrics,
        }
    }
}

impl From<String> for Commitment {
    fn from(text: String) -> Self {
        Commitment {
            text,
            ..Commitment::default()
        }
    }
}

impl<'de> Deserialize<'de> for Commitment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text_or_fields::<D, CommitmentFields, _>(
            d,
            "a commitment in words, or `{ text: ..., due: PERIOD, owner: ..., status: ..., priorities: [IDS], metrics: [IDS] }`",
        )
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Commitment {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Commitment".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        text_or_fields_schema::<CommitmentFields>(
            generator,
            "A commitment: the text, or `{ text: ..., due: PERIOD, owner: ..., status: ..., priorities: [IDS], metrics: [IDS] }` when the strategy says more about it.",
        )
    }
}

/// The fields of a [`PerformanceMeasure`] written as a mapping.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct PerformanceMeasureFields {
    /// The indicator, as the document writes it (Markdown).
    text: String,
    /// The id of the measure in `metrics/` that tracks it.
    #[serde(default)]
    metric: Option<String>,
}

/// The fields of a [`Progress`] note written as a mapping.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ProgressFields {
    /// When (a period).
    #[serde(default)]
    date: Option<Period>,
    /// What has happened (Markdown).
    text: String,
}

impl From<PerformanceMeasureFields> for PerformanceMeasure {
    fn from(f: PerformanceMeasureFields) -> Self {
        PerformanceMeasure {
            text: f.text,
            metric: f.metric,
        }
    }
}

impl From<String> for PerformanceMeasure {
    fn from(text: String) -> Self {
        PerformanceMeasure { text, metric: None }
    }
}

impl From<ProgressFields> for Progress {
    fn from(f: ProgressFields) -> Self {
        Progress {
            date: f.date,
            text: f.text,
        }
    }
}

impl From<String> for Progress {
    fn from(text: String) -> Self {
        Progress { date: None, text }
    }
}

/// Deserialise `T` from text, or from a mapping of its fields `F`; `expecting` says what
/// was wanted when it is neither.
fn text_or_fields<'de, D, F, T>(d: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: Deserialize<'de> + Into<T>,
    T: From<String>,
{
    struct TextOrFields<F, T>(&'static str, PhantomData<(F, T)>);
    impl<'de, F: Deserialize<'de> + Into<T>, T: From<String>> Visitor<'de> for TextOrFields<F, T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v.to_string()))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            F::deserialize(de::value::MapAccessDeserializer::new(map)).map(Into::into)
        }
    }
    d.deserialize_any(TextOrFields::<F, T>(expecting, PhantomData))
}

impl<'de> Deserialize<'de> for PerformanceMeasure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text_or_fields::<D, PerformanceMeasureFields, _>(
            d,
            "a measure in words, or `{ text: ..., metric: ID }`",
        )
    }
}

impl<'de> Deserialize<'de> for Progress {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text_or_fields::<D, ProgressFields, _>(d, "a note, or `{ date: PERIOD, text: ... }`")
    }
}

/// The JSON Schema of an item written as text or as a mapping of its fields (`hearth schema`).
#[cfg(feature = "schema")]
fn text_or_fields_schema<F: schemars::JsonSchema>(
    generator: &mut schemars::SchemaGenerator,
    description: &str,
) -> schemars::Schema {
    let fields = generator.subschema_for::<F>();
    schemars::json_schema!({
        "description": description,
        "anyOf": [ { "type": "string" }, fields ]
    })
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for PerformanceMeasure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PerformanceMeasure".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        text_or_fields_schema::<PerformanceMeasureFields>(
            generator,
            "A performance measure: the indicator in words, or `{ text: ..., metric: ID }` when one of the measures tracks it.",
        )
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Progress {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Progress".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        text_or_fields_schema::<ProgressFields>(
            generator,
            "Progress so far: a note, or `{ date: PERIOD, text: ... }` when it is dated.",
        )
    }
}

/// Who oversees the strategy.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// How the strategy is governed (Markdown).
    pub summary: String,
    /// The boards and groups involved.
    #[serde(default)]
    pub bodies: Vec<GovernanceBody>,
}

/// A board or group.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GovernanceBody {
    /// Its name, such as Placement Sufficiency Board.
    pub name: String,
    /// What it does (Markdown).
    pub role: String,
    /// How often it meets, such as Monthly.
    #[serde(default)]
    pub meets: Option<String>,
    /// Who chairs it.
    #[serde(default)]
    pub chair: Option<String>,
}

/// A phase of the strategy's timeline.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// A short title.
    pub title: String,
    /// When (a period, such as Sept 2018 - Dec 2018).
    pub period: Period,
    /// What happens in this phase (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
}

/// A document the strategy relates to.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RelatedDocument {
    /// Its title, such as Corporate Parenting Strategy.
    pub title: String,
    /// When it was published (a period).
    #[serde(default)]
    pub date: Option<Period>,
    /// Where to read it: a web address.
    #[serde(default)]
    pub url: Option<String>,
    /// What it is, in a line (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
}

/// One of the council's own (in-house) services.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Its name, such as Placement Support Team.
    pub name: String,
    /// Since when it has run (a period).
    #[serde(default)]
    pub since: Option<Period>,
    /// What it offers (Markdown).
    #[serde(default)]
    pub offers: Option<String>,
}

/// A past milestone of the strategy's history.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// When it happened (a period).
    pub date: Period,
    /// What happened, in a short title.
    pub title: String,
    /// More about it (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
}

/// What a review of the strategy found.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// When the review reported (a period).
    pub date: Period,
    /// The review's name, such as Annual review 2021.
    #[serde(default)]
    pub title: Option<String>,
    /// Who carried it out.
    #[serde(default)]
    pub by: Option<String>,
    /// What it found (Markdown).
    pub findings: String,
}
