//! The content of `content/scenarios/<id>.yaml`: the scenario, its horizon, inputs (sliders),
//! series, outputs and charts, and the text of a formula.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One scenario file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Kebab-case id used in URLs, e.g. `foster-sufficiency`.
    pub id: String,
    /// The question the forecast answers, such as Will we have enough of our own foster homes?
    pub title: String,
    /// Markdown, one paragraph.
    #[serde(default)]
    pub summary: Option<String>,
    /// Markdown shown to readers: how the forecast works.
    pub method: String,
    /// The years forecast, one step a year, both included (at most 100 years).
    pub horizon: Horizon,
    /// The sliders (at least one).
    pub inputs: Vec<Input>,
    /// The yearly series (at least one).
    pub series: Vec<SeriesDef>,
    /// Headline figures worked out from whole series.
    #[serde(default)]
    pub outputs: Vec<OutputDef>,
    /// Charts of the series, each with a data table and a text summary.
    #[serde(default)]
    pub charts: Vec<ChartDef>,
    /// Related metric ids (links), validated elsewhere.
    #[serde(default)]
    pub metrics: Vec<String>,
    /// Related priority ids, validated elsewhere.
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Set by the loader.
    #[serde(skip)]
    pub file: String,
}

/// Inclusive years, one step per year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// The first year, such as 2024.
    pub from: i32,
    /// The last year, such as 2030.
    pub to: i32,
}

/// A slider.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// A name for formulas: lower-case letters, digits and _ (no hyphens).
    pub id: String,
    /// What the slider sets, in words.
    pub label: String,
    /// Shown with the value; "%" and "£ a week" style units are understood.
    #[serde(default)]
    pub unit: Option<String>,
    /// The slider's lowest value.
    pub min: f64,
    /// The slider's highest value.
    pub max: f64,
    /// How far one step of the slider moves.
    pub step: f64,
    /// The published assumption (between min and max).
    pub default: f64,
    /// Where the figure comes from (Markdown).
    #[serde(default)]
    pub source: Option<String>,
    /// A hint shown under the label (Markdown).
    #[serde(default)]
    pub help: Option<String>,
}

/// A series: either `value`, or both `start` and `next`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SeriesDef {
    /// A name for formulas: lower-case letters, digits and _ (no hyphens).
    pub id: String,
    /// What the series is, in words.
    pub label: String,
    /// Shown in the table heading, such as children.
    #[serde(default)]
    pub unit: Option<String>,
    /// The first year's value (a formula, with next).
    #[serde(default)]
    pub start: Option<FormulaText>,
    /// Every later year's value (a formula); the series' own name means its value last year.
    #[serde(default)]
    pub next: Option<FormulaText>,
    /// The value, worked out afresh every year (a formula, instead of start and next).
    #[serde(default)]
    pub value: Option<FormulaText>,
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// The id of the measure this series forecasts. A later edition compares each year's
    /// forecast with the measure's figure for that year (see `years`), once it has one.
    #[serde(default)]
    pub measure: Option<String>,
    /// What a forecast year means beside the measure: calendar (year 2026 is the period
    /// 2026; the default), year-to-31-march (2025/26) or at-31-march (31 March 2026).
    #[serde(default)]
    pub years: Option<super::ForecastYears>,
}

/// A single number worked out from whole series.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OutputDef {
    /// A name: lower-case letters, digits and _.
    pub id: String,
    /// What the figure is, in words.
    pub label: String,
    /// A formula; it may use x[first], x[last], x[2027], total(x) and mean(x).
    pub value: FormulaText,
    /// Shown with the figure, such as children.
    #[serde(default)]
    pub unit: Option<String>,
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// A note shown with the figure.
    #[serde(default)]
    pub note: Option<String>,
}

/// A chart of some of the series.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChartDef {
    /// The chart's title.
    pub title: String,
    /// Series ids.
    pub series: Vec<String>,
    /// line or bar (default line).
    #[serde(default)]
    pub kind: ChartKind,
    /// The label of the vertical axis.
    #[serde(default)]
    pub y_label: Option<String>,
}

/// How a scenario chart is drawn (not the same as [`crate::ChartKind`] of breakdowns).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Lines.
    #[default]
    Line,
    /// Bars.
    Bar,
}

/// The text of a formula. In YAML it may be written as a string or a bare number
/// (`start: 270`); it always serialises as a string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormulaText(pub String);

impl FormulaText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for FormulaText {
    fn from(s: &str) -> Self {
        FormulaText(s.to_string())
    }
}

impl fmt::Display for FormulaText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for FormulaText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The JSON Schema of a formula (`hearth schema`): text, or a bare number.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for FormulaText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Formula".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "hearth_model::scenario::FormulaText".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A formula, in quotes: numbers, + - * / ^, brackets, inputs and series by id (households[prev] is last year's value), metric('id') for the latest value of a measure, and the functions min, max, round, floor, ceil, abs, clamp and if. A plain number may be written without quotes.",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                { "type": "number" }
            ],
            "examples": ["metric('fostering-households')", "households * (1 - leaving_pct / 100) + approvals", "shortfall[last]", 270]
        })
    }
}

impl<'de> Deserialize<'de> for FormulaText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = FormulaText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a formula (text or a number)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<FormulaText, E> {
                Ok(FormulaText(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<FormulaText, E> {
                Ok(FormulaText(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<FormulaText, E> {
                Ok(FormulaText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<FormulaText, E> {
                Ok(FormulaText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<FormulaText, E> {
                Ok(FormulaText(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formula_text_from_numbers_and_serialisation() {
        let s: SeriesDef =
            serde_yaml::from_str("{ id: x, label: X, start: 0.78, next: -5 }").unwrap();
        assert_eq!(s.start.unwrap().as_str(), "0.78");
        assert_eq!(s.next.unwrap().as_str(), "-5");
        let yaml = serde_yaml::to_string(&FormulaText::from("270")).unwrap();
        assert_eq!(yaml.trim(), "'270'");
        assert!(serde_yaml::from_str::<SeriesDef>("{ id: x, label: X, value: [1] }").is_err());
        assert!(serde_yaml::from_str::<SeriesDef>("{ id: x, label: X, valeu: 1 }").is_err());
        let c: ChartDef = serde_yaml::from_str("{ title: T, series: [x], kind: bar }").unwrap();
        assert_eq!(c.kind, ChartKind::Bar);
    }
}
