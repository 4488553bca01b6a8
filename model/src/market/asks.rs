//! `market/asks.yaml`: what the council wants from providers, and the categories the asks
//! are described and filtered by.

use serde::{Deserialize, Serialize};

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::content::{Figure, Unit};
use crate::period::Period;

/// `market/asks.yaml`: what the council wants from providers, and the categories used to
/// describe (and filter) the asks.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Asks {
    /// Introduction on the asks page (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub placement_types: Vec<Category>,
    #[serde(default)]
    pub age_bands: Vec<Category>,
    #[serde(default)]
    pub needs: Vec<Category>,
    #[serde(default)]
    pub localities: Vec<Category>,
    #[serde(default)]
    pub asks: Vec<Ask>,
}

/// A value of one of the ask categories: an id and the label readers see.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Lower-case letters, digits and hyphens; asks refer to it by id.
    pub id: String,
    /// What readers see.
    pub label: String,
    /// A glossary term that explains it (id).
    #[serde(default)]
    pub glossary: Option<String>,
}

/// One market ask. Only its id, title and type are required: a document that does not say
/// for which ages, where or by when leaves those out, and the pages say nothing of them.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// Lower-case letters, digits and hyphens. Link to it with ask:ID.
    pub id: String,
    /// What the council wants, in a line.
    pub title: String,
    /// The placement type (id of one of `placement_types`), or a list of them when the ask
    /// covers several.
    #[serde(rename = "type")]
    pub types: TypeIds,
    /// Age bands (ids of `age_bands`), if the document says.
    #[serde(default)]
    pub ages: Vec<String>,
    /// Needs (ids of `needs`).
    #[serde(default)]
    pub needs: Vec<String>,
    /// Where the homes are wanted (id of one of `localities`), if the document says.
    #[serde(default)]
    pub locality: Option<String>,
    /// How many children need this now (a count of children: small numbers are withheld).
    #[serde(default)]
    pub volume_now: Option<f64>,
    /// How many children we expect to need it by `by` (also withheld when small).
    #[serde(default)]
    pub volume_forecast: Option<f64>,
    /// By when (period), if the document says.
    #[serde(default)]
    pub by: Option<Period>,
    /// What the council expects to pay, as the document gives it: text such as "within the
    /// framework rates", or `{ amount: 4500, unit: gbp-per-week }`.
    #[serde(default)]
    pub budget: Option<Budget>,
    /// The route to market (id of a route in market.yaml).
    #[serde(default)]
    pub route: Option<String>,
    /// The lot of that route (id).
    #[serde(default)]
    pub lot: Option<String>,
    /// Who to talk to about it (the `id` of one of market.yaml's `contacts`).
    #[serde(default)]
    pub contact: Option<String>,
    /// Where a provider registers interest: an https://, http:// or mailto: address.
    #[serde(default)]
    pub register: Option<String>,
    /// The strategy priority it serves (id).
    #[serde(default)]
    pub priority: Option<String>,
    /// The what-if scenario that forecasts it (id).
    #[serde(default)]
    pub scenario: Option<String>,
    /// Measures that track it (ids).
    #[serde(default)]
    pub metrics: Vec<String>,
    /// What we want, in more detail (Markdown).
    #[serde(default)]
    pub detail: Option<String>,
}

/// The placement types of an ask: one id (`type: foster-care`) or several
/// (`type: [foster-care, childrens-home]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeIds(pub Vec<String>);

impl TypeIds {
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.iter()
    }

    /// The first type named: the group the ask is listed under.
    pub fn first(&self) -> Option<&str> {
        self.0.first().map(String::as_str)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|x| x == id)
    }
}

impl From<&str> for TypeIds {
    fn from(id: &str) -> TypeIds {
        TypeIds(vec![id.to_string()])
    }
}

impl Serialize for TypeIds {
    /// One type serialises as text, several as a list (as they are written).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => s.serialize_str(one),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for TypeIds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TypeIds, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TypeIds;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the id of a placement type, or a list of ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TypeIds, E> {
                Ok(TypeIds::from(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TypeIds, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(TypeIds(ids))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for TypeIds {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TypeIds".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "hearth_model::market::TypeIds".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The id of a placement type, or a list of ids when the ask covers several.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" }, "minItems": 1 }
            ],
            "examples": ["foster-care", ["foster-care", "childrens-home"]]
        })
    }
}

/// What the council expects to pay for an ask, as the document gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Budget {
    /// In words, such as "within the framework rates".
    Text(String),
    /// A figure with its unit: `{ amount: 4500, unit: gbp-per-week }`, or
    /// `{ amount: "up to 4500", unit: gbp-per-week, note: ... }`.
    Amount(BudgetAmount),
}

/// A budget as a figure and a unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BudgetAmount {
    /// The figure as the document writes it: 4500, "up to 4500", "4000-4500".
    pub amount: Figure,
    /// `gbp-per-week` or `gbp`.
    pub unit: Unit,
    /// A note, such as "including education".
    #[serde(default)]
    pub note: Option<String>,
}

impl Serialize for Budget {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Budget::Text(t) => s.serialize_str(t),
            Budget::Amount(a) => a.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Budget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Budget, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Budget;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the budget in words, or `{ amount: 4500, unit: gbp-per-week }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Budget, E> {
                Ok(Budget::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Budget, E> {
                Err(E::custom(format!(
                    "a budget of {v} needs its unit\nexpected: `{{ amount: {v}, unit: gbp-per-week }}` or the budget in words\nhint: write the unit (gbp-per-week or gbp) so readers know what the figure means"
                )))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Budget, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Budget, E> {
                Err(E::custom(format!(
                    "a budget of {v} needs its unit\nexpected: `{{ amount: {v}, unit: gbp-per-week }}` or the budget in words\nhint: write the unit (gbp-per-week or gbp) so readers know what the figure means"
                )))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Budget, A::Error> {
                BudgetAmount::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Budget::Amount)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Budget {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Budget".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "hearth_model::market::Budget".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let amount = generator.subschema_for::<BudgetAmount>();
        schemars::json_schema!({
            "description": "What the council expects to pay, as the document gives it: in words, or a figure with its unit.",
            "anyOf": [ { "type": "string" }, amount ],
            "examples": ["within the framework rates", { "amount": 4500, "unit": "gbp-per-week" }]
        })
    }
}
