//! `plan/*.yaml`: the delivery plan, one workstream a file, with its actions and their RAG
//! ratings.

use serde::{Deserialize, Serialize};

use super::strategy::{PerformanceMeasure, Progress};
use crate::period::Period;

/// `plan/*.yaml`: one workstream of the delivery plan, with its actions.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Workstream {
    #[serde(skip_deserializing, default)]
    pub file: String,
    /// Lower-case letters, digits and hyphens. Link to it with plan:ID.
    pub id: String,
    /// The workstream's title.
    pub title: String,
    /// Position among the workstreams (then by file name).
    #[serde(default)]
    pub order: Option<i64>,
    /// The role that leads it, or a list of roles when several lead it together; actions
    /// without an owner have these.
    #[serde(default)]
    pub lead: Roles,
    /// What the workstream is about (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// What will be different when the workstream has done its work (Markdown, one item each).
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
    /// When the workstream should be done (a period).
    #[serde(default)]
    pub timescale: Option<Period>,
    /// Words shown after the timescale, or in its place when it is not a period (such as
    /// throughout the strategy).
    #[serde(default)]
    pub timescale_note: Option<String>,
    /// The workstream's actions.
    pub actions: Vec<Action>,
}

/// An action of the delivery plan.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Unique across all workstreams, such as fc-07. Link to it with action:ID.
    pub id: String,
    /// What needs to be done.
    pub title: String,
    /// What good will look like (Markdown).
    #[serde(default)]
    pub quality_measure: Option<String>,
    /// How we will know it is having an impact.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Where we are now.
    #[serde(default)]
    pub status: Option<String>,
    /// The rating: red, amber, green, complete or not-started. Leave it out when the plan
    /// gives the action no rating: it is then shown as "Not rated" (never as not started)
    /// and published with an empty rating.
    #[serde(default)]
    pub rag: Option<Rag>,
    /// When this step should be done (a period).
    pub timescale: Period,
    /// Words shown after the timescale, such as reviewed monthly.
    #[serde(default)]
    pub timescale_note: Option<String>,
    /// The role that owns it, or a list of roles when several share it (default: the
    /// workstream's lead).
    #[serde(default)]
    pub owner: Roles,
    /// Ids of the priorities it serves.
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Ids of the aims it serves.
    #[serde(default)]
    pub aims: Vec<String>,
    /// Ids of the measures it should move.
    #[serde(default)]
    pub metrics: Vec<String>,
    /// Dated progress notes, newest last.
    #[serde(default)]
    pub updates: Vec<ActionUpdate>,
}

/// One role (`owner: Fostering Service Manager`) or several
/// (`owner: [Fostering Service Manager, Commissioning Manager]`), as written. Empty when the
/// field is left out or empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roles(pub Vec<String>);

impl Roles {
    /// The roles, trimmed, leaving out empty ones, in the order written.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|r| r.trim()).filter(|r| !r.is_empty())
    }

    /// Whether no role is named.
    pub fn is_empty(&self) -> bool {
        self.names().next().is_none()
    }
}

impl From<&str> for Roles {
    fn from(role: &str) -> Roles {
        Roles(vec![role.to_string()])
    }
}

impl Serialize for Roles {
    /// One role serialises as text, several as a list (as they are written).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => s.serialize_str(one),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Roles {
    /// A role as text, a list of roles, or nothing (`owner:` with no value).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Roles, D::Error> {
        use serde::de::{self, SeqAccess, Visitor};
        struct RolesVisitor;
        impl<'de> Visitor<'de> for RolesVisitor {
            type Value = Roles;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a role such as Fostering Service Manager, or a list of roles")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Roles, E> {
                Ok(Roles::from(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Roles, E> {
                Ok(Roles::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Roles, E> {
                Ok(Roles::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Roles, A::Error> {
                let mut roles = Vec::new();
                while let Some(Role(role)) = seq.next_element()? {
                    roles.push(role);
                }
                Ok(Roles(roles))
            }
        }
        /// One role of a list: text only.
        struct Role(String);
        impl<'de> Deserialize<'de> for Role {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Role, D::Error> {
                struct RoleVisitor;
                impl Visitor<'_> for RoleVisitor {
                    type Value = Role;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a role in words, such as Fostering Service Manager")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<Role, E> {
                        Ok(Role(v.to_string()))
                    }
                }
                d.deserialize_any(RoleVisitor)
            }
        }
        d.deserialize_any(RolesVisitor)
    }
}

/// The JSON Schema of one role or several (`hearth schema`).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Roles {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Roles".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "hearth_model::Roles".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A role, such as Fostering Service Manager, or a list of roles when several share it.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ],
            "examples": ["Fostering Service Manager", ["Fostering Service Manager", "Commissioning Manager"]]
        })
    }
}

/// A dated progress note.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionUpdate {
    /// When (a period).
    pub date: Period,
    /// The rating at that date.
    #[serde(default)]
    pub rag: Option<Rag>,
    /// The progress note (Markdown).
    pub note: String,
}

/// Red, amber, green rating of an action, plus complete and not started.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Rag {
    /// Off track: needs action to recover.
    Red,
    /// Some risk to delivery.
    Amber,
    /// On track.
    Green,
    /// Done.
    Complete,
    /// Not yet started.
    NotStarted,
}

impl Rag {
    /// An action with no rating, in the plan's filter (`?rag=not-rated`) and CSS classes.
    /// The open data leave its rating empty instead.
    pub const NOT_RATED_KEY: &'static str = "not-rated";
    /// An action with no rating, as pages, summaries and `hearth diff` name it.
    pub const NOT_RATED_LABEL: &'static str = "Not rated";
    /// What having no rating means, in words.
    pub const NOT_RATED_MEANING: &'static str = "The plan gives this action no rating";

    /// The label of a rating, or [`Rag::NOT_RATED_LABEL`] for none.
    pub fn label_of(r: Option<Rag>) -> &'static str {
        r.map_or(Rag::NOT_RATED_LABEL, Rag::label)
    }

    pub const ALL: [Rag; 5] = [
        Rag::Red,
        Rag::Amber,
        Rag::Green,
        Rag::Complete,
        Rag::NotStarted,
    ];

    /// The value written in YAML and used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Complete => "complete",
            Rag::NotStarted => "not-started",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
            Rag::Complete => "Complete",
            Rag::NotStarted => "Not started",
        }
    }

    /// What the rating means, in words (so colour is never the only signal).
    pub fn meaning(self) -> &'static str {
        match self {
            Rag::Red => "Off track: needs action to recover",
            Rag::Amber => "Some risk to delivery",
            Rag::Green => "On track",
            Rag::Complete => "Done",
            Rag::NotStarted => "Not yet started",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn owner(yaml: &str) -> Roles {
        #[derive(Deserialize)]
        struct A {
            #[serde(default)]
            owner: Roles,
        }
        serde_yaml::from_str::<A>(yaml).unwrap().owner
    }

    #[test]
    fn an_owner_is_one_role_or_a_list_of_roles() {
        assert_eq!(owner("owner: Fostering Manager").0, ["Fostering Manager"]);
        assert_eq!(
            owner("owner: [Fostering Manager, \"Head of Service, 16+\"]").0,
            ["Fostering Manager", "Head of Service, 16+"]
        );
        // Left out, or given no value: none.
        assert!(owner("{}").is_empty());
        assert!(owner("owner:").is_empty());
        assert!(owner("owner: []").is_empty());
    }

    #[test]
    fn roles_are_trimmed_and_blank_ones_left_out() {
        let roles = owner("owner: [\"  Fostering Manager \", \"\", \" \"]");
        assert_eq!(roles.names().collect::<Vec<_>>(), ["Fostering Manager"]);
        assert!(!roles.is_empty());
        assert!(owner("owner: \"  \"").is_empty());
    }

    #[test]
    fn roles_serialise_as_they_are_written() {
        let one = serde_yaml::to_string(&Roles::from("A")).unwrap();
        assert_eq!(one.trim(), "A");
        let two = serde_yaml::to_string(&Roles(vec!["A".into(), "B".into()])).unwrap();
        assert_eq!(two.trim(), "- A\n- B");
    }
}
