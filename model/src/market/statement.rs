//! `market/market.yaml`: the statement itself: context, headline messages, commissioning
//! intentions, forecasts, routes to market, the timeline and contacts.

use serde::{Deserialize, Serialize};

use crate::content::Unit;
use crate::period::Period;

/// The statement itself: `market/market.yaml`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// The statement's title, e.g. "Market position statement 2021 to 2023".
    pub title: String,
    /// What the statement is and who it is for, for the provider home page (Markdown).
    pub summary: String,
    /// When this edition was published (period).
    pub published: Period,
    /// When it will next be reviewed (period).
    #[serde(default)]
    pub review: Option<Period>,
    /// The sufficiency duty, the vision and the children looked after.
    #[serde(default)]
    pub context: Option<Context>,
    /// Headline messages for providers, shown on the home page.
    #[serde(default)]
    pub messages: Vec<Message>,
    /// Commissioning intentions: what the council will do, with numeric targets and dates.
    #[serde(default)]
    pub intentions: Vec<Intention>,
    /// The what-if scenarios that forecast demand.
    #[serde(default)]
    pub forecasts: Option<Forecasts>,
    /// Frameworks, dynamic purchasing systems and what is coming up.
    #[serde(default)]
    pub procurement: Option<Procurement>,
    /// Who providers can talk to.
    #[serde(default)]
    pub contacts: Vec<MarketContact>,
}

/// The context of the statement: the duty, the vision and the children.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// The sufficiency duty in brief (Markdown).
    #[serde(default)]
    pub duty: Option<String>,
    /// The authority's vision (Markdown); the strategy's vision when absent.
    #[serde(default)]
    pub vision: Option<String>,
    /// The children the council looks after, in brief (Markdown).
    #[serde(default)]
    pub children: Option<String>,
    /// Ids of key facts (facts.yaml) shown beside it.
    #[serde(default)]
    pub facts: Vec<String>,
}

/// A headline message: a title and a short text (Markdown).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// A short title.
    pub title: String,
    /// The message (Markdown).
    pub text: String,
}

/// A commissioning intention, usually one of the strategy's priorities seen by providers.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Intention {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    /// What the council will do.
    pub title: String,
    /// The strategy priority it delivers (id).
    #[serde(default)]
    pub priority: Option<String>,
    /// What it means for providers (Markdown).
    #[serde(default)]
    pub detail: Option<String>,
    /// Numeric targets, each with a date.
    #[serde(default)]
    pub targets: Vec<IntentionTarget>,
}

/// A numeric target with its date: "60 to 80% by 2023 (now 42%)".
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IntentionTarget {
    /// What is measured, e.g. "Mainstream fostering households recruited".
    pub label: String,
    /// What the numbers are.
    pub unit: Unit,
    /// Where it stands now (optional).
    #[serde(default)]
    pub now: Option<f64>,
    /// The target, or the lower end of a target range.
    pub target: f64,
    /// The upper end of a target range (optional).
    #[serde(default)]
    pub upper: Option<f64>,
    /// When the target should be met (period).
    pub by: Period,
    /// The measure that tracks it (id of a metric).
    #[serde(default)]
    pub metric: Option<String>,
    /// A note, such as stretch target.
    #[serde(default)]
    pub note: Option<String>,
}

/// How the council forecasts demand.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Forecasts {
    /// How the council forecasts demand (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// Ids of what-if scenarios (content/scenarios/*.yaml).
    #[serde(default)]
    pub scenarios: Vec<String>,
}

/// How the council buys placements.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// How the council buys placements, in brief (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// Frameworks, dynamic purchasing systems and other routes to market.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// What is coming up: events, tenders, contract dates.
    #[serde(default)]
    pub timeline: Vec<Milestone>,
}

/// A route to market: a framework, a dynamic purchasing system (DPS), a block contract ...
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Lower-case letters, digits and hyphens; asks and the timeline refer to it by id.
    pub id: String,
    /// Its name, such as Northbrook Homes Gateway.
    pub name: String,
    /// dps, framework, block-contract, spot-purchase, partnership, grant or other.
    pub kind: RouteKind,
    /// open, planned or closed.
    pub status: RouteStatus,
    /// What it buys (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// When it opened or opens (period).
    #[serde(default)]
    pub opens: Option<Period>,
    /// When it closes or the agreement ends (period).
    #[serde(default)]
    pub closes: Option<Period>,
    /// How to join (Markdown).
    #[serde(default)]
    pub join: Option<String>,
    /// The tender portal or information page.
    #[serde(default)]
    pub url: Option<String>,
    /// Its lots; asks refer to them by id.
    #[serde(default)]
    pub lots: Vec<Lot>,
    /// The providers on it: how many are approved, how many have children placed, by type
    /// and by who owns them, as at a date.
    #[serde(default)]
    pub providers: Option<Providers>,
    /// Who to talk to about it (the `id` of one of the statement's `contacts`).
    #[serde(default)]
    pub contact: Option<String>,
    /// Where a provider registers interest or applies: an https://, http:// or mailto: address.
    #[serde(default)]
    pub register: Option<String>,
}

/// A lot of a route to market.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lot {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    /// The lot's title, such as Lot 1: Independent fostering agencies.
    pub title: String,
    /// What the lot covers (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// The providers on this lot.
    #[serde(default)]
    pub providers: Option<Providers>,
}

/// The providers on a route to market or a lot, as the document counts them. Every part is
/// optional; these are counts of organisations, not of children, so none is withheld.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Providers {
    /// When the providers were counted (period), such as April 2021.
    #[serde(default)]
    pub as_at: Option<Period>,
    /// How many providers are approved (on the framework, the DPS or the lot).
    #[serde(default)]
    pub approved: Option<f64>,
    /// How many of them have children placed with them.
    #[serde(default)]
    pub with_placements: Option<f64>,
    /// The approved providers by type, as the document lists them.
    #[serde(default)]
    pub by_type: Vec<ProviderCount>,
    /// The approved providers by who owns them.
    #[serde(default)]
    pub by_ownership: Option<Ownership>,
    /// A note on the counts (Markdown), such as a provider counted under two types.
    #[serde(default)]
    pub note: Option<String>,
}

/// A number of providers of one type, such as 34 independent fostering agencies.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderCount {
    /// The type of provider, as the document names it.
    pub label: String,
    /// How many providers.
    pub count: f64,
}

/// Who owns the providers: the council (or another local authority), voluntary or
/// not-for-profit organisations, or private companies. Give only the counts the document states.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ownership {
    /// Run by the council or another local authority.
    #[serde(default)]
    pub council: Option<f64>,
    /// Run by voluntary or not-for-profit organisations.
    #[serde(default)]
    pub voluntary: Option<f64>,
    /// Run by private companies.
    #[serde(default)]
    pub private: Option<f64>,
}

impl Ownership {
    /// The counts the content gives, with their field names and the labels readers see.
    pub fn parts(&self) -> Vec<(&'static str, &'static str, f64)> {
        [
            ("council", "Council (local authority)", self.council),
            ("voluntary", "Voluntary or not-for-profit", self.voluntary),
            ("private", "Private", self.private),
        ]
        .into_iter()
        .filter_map(|(k, l, v)| v.map(|v| (k, l, v)))
        .collect()
    }
}

impl Providers {
    /// Whether the content gives any count at all.
    pub fn has_counts(&self) -> bool {
        self.approved.is_some()
            || self.with_placements.is_some()
            || !self.by_type.is_empty()
            || self
                .by_ownership
                .as_ref()
                .is_some_and(|o| !o.parts().is_empty())
    }
}

/// What kind of route to market it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RouteKind {
    Dps,
    Framework,
    BlockContract,
    SpotPurchase,
    Partnership,
    Grant,
    Other,
}

impl RouteKind {
    pub fn label(self) -> &'static str {
        match self {
            RouteKind::Dps => "Dynamic purchasing system",
            RouteKind::Framework => "Framework agreement",
            RouteKind::BlockContract => "Block contract",
            RouteKind::SpotPurchase => "Spot purchase",
            RouteKind::Partnership => "Partnership",
            RouteKind::Grant => "Grant",
            RouteKind::Other => "Other route",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            RouteKind::Dps => "dps",
            RouteKind::Framework => "framework",
            RouteKind::BlockContract => "block-contract",
            RouteKind::SpotPurchase => "spot-purchase",
            RouteKind::Partnership => "partnership",
            RouteKind::Grant => "grant",
            RouteKind::Other => "other",
        }
    }
}

/// Whether providers can join: open, planned or closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RouteStatus {
    Open,
    Planned,
    Closed,
}

impl RouteStatus {
    pub fn key(self) -> &'static str {
        match self {
            RouteStatus::Open => "open",
            RouteStatus::Planned => "planned",
            RouteStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RouteStatus::Open => "Open",
            RouteStatus::Planned => "Coming up",
            RouteStatus::Closed => "Closed",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            RouteStatus::Open => "providers can apply to join now",
            RouteStatus::Planned => "not open yet; see the dates",
            RouteStatus::Closed => "not accepting new providers",
        }
    }
}

/// One entry in the timeline of what is coming up.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub period: Period,
    /// What happens.
    pub title: String,
    /// More about it (Markdown).
    #[serde(default)]
    pub detail: Option<String>,
    /// The route to market it concerns (id).
    #[serde(default)]
    pub route: Option<String>,
}

/// A person or team providers can talk to.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MarketContact {
    /// Lower-case letters, digits and hyphens; routes and asks name it with `contact:`.
    #[serde(default)]
    pub id: Option<String>,
    /// A team or role, e.g. "Placements Commissioning Team".
    pub name: String,
    /// What to contact them about.
    #[serde(default)]
    pub about: Option<String>,
    /// An email address.
    #[serde(default)]
    pub email: Option<String>,
    /// A telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// A web page.
    #[serde(default)]
    pub url: Option<String>,
}
