//! What-if scenarios: `/scenarios/`, one page per scenario (its figures, charts and table at
//! the published assumptions, the assumptions and the method; with JavaScript, a slider and
//! a number field for every assumption), and `/data/scenarios/<id>.json` and `.csv`.
//!
//! The page carries the compiled model ([`BrowserModel`]) the browser module runs, so the
//! figures the page prints, the browser's and `hearth scenario`'s are the same numbers.

use std::collections::BTreeMap;

use hearth_model::scenario::{Results, Scenario};
use hearth_model::{Place, format};
use serde::Serialize;

use super::charts;
use super::csv::Csv;
use super::outturns::OutturnView;
use super::site::Site;
use super::view::{Html, Link, ScriptJson};
use crate::load::scenarios::Built;

/// What the browser module needs: the compiled program (see `Compiled::encode`), the inputs'
/// ids and bounds, and how figures are written (`Presentation`). The page's JavaScript turns
/// this into the arrays `ScenarioModel` takes.
///
/// Fields are in alphabetical order, as the page's JSON has always been written.
#[derive(Debug, Serialize)]
pub struct BrowserModel {
    charts: Vec<Vec<usize>>,
    inputs: Vec<Bounds>,
    outputs: Vec<OutputLook>,
    program: Vec<f64>,
    series: Vec<SeriesLook>,
}

#[derive(Debug, Serialize)]
struct Bounds {
    id: String,
    max: f64,
    min: f64,
    step: f64,
}

#[derive(Debug, Serialize)]
struct SeriesLook {
    decimals: u8,
    id: String,
    label: String,
    unit: Option<String>,
}

#[derive(Debug, Serialize)]
struct OutputLook {
    decimals: u8,
    id: String,
    unit: Option<String>,
}

impl BrowserModel {
    pub fn new(sc: &Scenario, b: &Built) -> BrowserModel {
        let look = sc.presentation();
        BrowserModel {
            program: b.compiled.encode(),
            inputs: sc
                .inputs
                .iter()
                .map(|i| Bounds {
                    id: i.id.clone(),
                    min: i.min,
                    max: i.max,
                    step: i.step,
                })
                .collect(),
            series: sc
                .series
                .iter()
                .zip(&look.series)
                .map(|(s, l)| SeriesLook {
                    id: s.id.clone(),
                    label: l.label.clone(),
                    unit: l.unit.clone(),
                    decimals: l.decimals,
                })
                .collect(),
            outputs: sc
                .outputs
                .iter()
                .zip(&look.outputs)
                .map(|(o, l)| OutputLook {
                    id: o.id.clone(),
                    unit: l.unit.clone(),
                    decimals: l.decimals,
                })
                .collect(),
            charts: look.charts,
        }
    }
}

/// A scenario's results keyed by id: what `hearth scenario --json` prints and the core of
/// `/data/scenarios/<id>.json`.
#[derive(Debug, Serialize)]
pub struct ResultsRecord<'s> {
    pub id: &'s str,
    pub inputs: BTreeMap<&'s str, f64>,
    pub years: &'s [i32],
    pub series: BTreeMap<&'s str, &'s [f64]>,
    pub outputs: BTreeMap<&'s str, f64>,
}

impl<'s> ResultsRecord<'s> {
    pub fn new(sc: &'s Scenario, inputs: &[f64], r: &'s Results) -> ResultsRecord<'s> {
        ResultsRecord {
            id: &sc.id,
            inputs: sc
                .inputs
                .iter()
                .map(|i| i.id.as_str())
                .zip(inputs.iter().copied())
                .collect(),
            years: &r.years,
            series: sc
                .series
                .iter()
                .map(|s| s.id.as_str())
                .zip(r.series.iter().map(Vec::as_slice))
                .collect(),
            outputs: sc
                .outputs
                .iter()
                .map(|o| o.id.as_str())
                .zip(r.outputs.iter().copied())
                .collect(),
        }
    }
}

/// `/data/scenarios/<id>.json`: the results at the published assumptions, the labels, and
/// the model the browser runs.
#[derive(Serialize)]
struct ScenarioData<'s> {
    #[serde(flatten)]
    results: ResultsRecord<'s>,
    title: &'s str,
    method: &'s str,
    labels: Labels<'s>,
    model: &'s BrowserModel,
}

#[derive(Serialize)]
struct Labels<'s> {
    inputs: BTreeMap<&'s str, InputLabel<'s>>,
    series: BTreeMap<&'s str, Label<'s>>,
    outputs: BTreeMap<&'s str, Label<'s>>,
}

#[derive(Serialize)]
struct InputLabel<'s> {
    label: &'s str,
    unit: Option<&'s str>,
    min: f64,
    max: f64,
    step: f64,
    source: Option<&'s str>,
}

#[derive(Serialize)]
struct Label<'s> {
    label: &'s str,
    unit: Option<&'s str>,
}

/// An assumption's slider and number field.
#[derive(Serialize)]
struct InputView<'s> {
    id: &'s str,
    label: &'s str,
    unit: Option<&'s str>,
    min: f64,
    max: f64,
    step: f64,
    default: f64,
    text: String,
    min_text: String,
    max_text: String,
    decimals: u8,
    source: Option<Html>,
    help: Option<Html>,
}

/// A headline figure at the published assumptions.
#[derive(Serialize)]
struct OutputView<'s> {
    id: &'s str,
    label: &'s str,
    value: String,
    unit: Option<&'s str>,
    text: String,
    note: Option<Html>,
}

#[derive(Serialize)]
struct ChartView<'s> {
    id: String,
    title: &'s str,
    index: usize,
    series: &'s [String],
    json: ScriptJson,
    /// The chart at the published assumptions, drawn at build time.
    svg: Option<Html>,
    /// What the browser module needs to draw it again ([`charts::live_chart_view`]).
    look: Option<ScriptJson>,
    summary: String,
}

#[derive(Serialize)]
struct Column<'s> {
    id: &'s str,
    label: &'s str,
    unit: Option<&'s str>,
}

#[derive(Serialize)]
struct YearRow<'s> {
    year: i32,
    step: usize,
    cells: Vec<YearCell<'s>>,
}

#[derive(Serialize)]
struct YearCell<'s> {
    series: &'s str,
    value: f64,
    text: String,
}

#[derive(Serialize)]
struct Horizon {
    from: Option<i32>,
    to: Option<i32>,
}

#[derive(Serialize)]
struct ScenarioRef<'s> {
    id: &'s str,
    title: &'s str,
}

#[derive(Serialize)]
struct ScenarioPage<'s> {
    title: &'s str,
    scenario: ScenarioRef<'s>,
    summary: Option<Html>,
    method: Html,
    horizon: Horizon,
    inputs: Vec<InputView<'s>>,
    outputs: Vec<OutputView<'s>>,
    charts: Vec<ChartView<'s>>,
    columns: Vec<Column<'s>>,
    rows: Vec<YearRow<'s>>,
    metrics: Vec<Link>,
    priorities: Vec<Link>,
    model_json: ScriptJson,
    json: String,
    csv: String,
    /// Earlier editions' forecasts for this scenario's years that now have an outturn.
    outturns: Vec<OutturnView>,
}

#[derive(Serialize)]
struct ScenarioCard<'s> {
    id: &'s str,
    title: &'s str,
    href: String,
    summary: Option<Html>,
    outputs: Vec<OutputView<'s>>,
    horizon: Horizon,
}

#[derive(Serialize)]
struct ScenariosPage<'s> {
    title: &'static str,
    scenarios: Vec<ScenarioCard<'s>>,
}

/// The decimals a slider's step needs (0.5 -> 1, 0.25 -> 2), at most 6.
fn decimals_of_step(step: f64) -> u8 {
    let text = format!("{step}");
    text.split_once('.')
        .map_or(0, |(_, f)| f.len().min(6) as u8)
}

/// `/scenarios/`, `/scenarios/<id>/` and their data files.
pub fn render(site: &mut Site<'_>) {
    let folder = site.folder;
    let c = site.c;
    if c.scenarios.is_empty() {
        return;
    }
    let mut cards = Vec::new();
    let outturns = super::outturns::outturns(site);
    for b in &folder.scenarios {
        let sc = &c.scenarios[b.index];
        let model = BrowserModel::new(sc, b);
        let mut page = scenario_page(site, sc, b, &model, "../../");
        page.outturns = outturns
            .iter()
            .filter(|o| o.scenario == sc.id)
            .cloned()
            .collect();
        cards.push(ScenarioCard {
            id: &sc.id,
            title: &sc.title,
            href: format!("scenarios/{}/", sc.id),
            summary: site.md_opt(&sc.summary, Place::new(&sc.file, "summary"), "../", false),
            outputs: outputs(site, sc, b, "../../"),
            horizon: horizon(b),
        });
        site.page(
            &format!("scenarios/{}/index.html", sc.id),
            "scenario.html",
            "scenarios",
            &page,
        );
        open_data(site, sc, b, &model);
    }
    let page = ScenariosPage {
        title: "What if?",
        scenarios: cards,
    };
    site.page("scenarios/index.html", "scenarios.html", "scenarios", &page);
}

fn horizon(b: &Built) -> Horizon {
    let years = &b.defaults.years;
    Horizon {
        from: years.first().copied(),
        to: years.last().copied(),
    }
}

fn outputs<'s>(site: &Site<'_>, sc: &'s Scenario, b: &Built, root: &str) -> Vec<OutputView<'s>> {
    let look = sc.presentation();
    sc.outputs
        .iter()
        .zip(&b.defaults.outputs)
        .enumerate()
        .map(|(i, (o, v))| OutputView {
            id: &o.id,
            label: &o.label,
            value: v.to_string(),
            unit: o.unit.as_deref(),
            text: look.output_text(i, *v),
            note: site.md_opt(
                &o.note,
                Place::new(&sc.file, format!("outputs[{i}].note")),
                root,
                true,
            ),
        })
        .collect()
}

fn inputs<'s>(site: &Site<'_>, sc: &'s Scenario, root: &str) -> Vec<InputView<'s>> {
    sc.inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let decimals = decimals_of_step(input.step);
            let unit = input.unit.as_deref();
            let at = |f: &str| Place::new(&sc.file, format!("inputs[{i}].{f}"));
            InputView {
                id: &input.id,
                label: &input.label,
                unit,
                min: input.min,
                max: input.max,
                step: input.step,
                default: input.default,
                text: format::quantity(input.default, decimals, unit),
                min_text: format::quantity(input.min, decimals, unit),
                max_text: format::quantity(input.max, decimals, unit),
                decimals,
                source: site.md_opt(&input.source, at("source"), root, true),
                help: site.md_opt(&input.help, at("help"), root, true),
            }
        })
        .collect()
}

/// The page of one scenario at its published assumptions.
fn scenario_page<'s>(
    site: &Site<'s>,
    sc: &'s Scenario,
    b: &'s Built,
    model: &BrowserModel,
    root: &str,
) -> ScenarioPage<'s> {
    let c = site.c;
    let r = &b.defaults;
    let look = sc.presentation();
    let charts = sc
        .charts
        .iter()
        .enumerate()
        .map(|(n, ch)| {
            let (view, live) = charts::live_chart_view(
                format!("chart-{}-{n}", sc.id),
                &charts::scenario_chart(sc, ch, r),
            );
            ChartView {
                id: view.id,
                title: &ch.title,
                index: n,
                series: &ch.series,
                json: view.json,
                look: live,
                svg: view.svg,
                summary: look.chart_summary(n, r),
            }
        })
        .collect();
    let rows = r
        .years
        .iter()
        .enumerate()
        .map(|(t, year)| YearRow {
            year: *year,
            step: t,
            cells: sc
                .series
                .iter()
                .zip(&r.series)
                .enumerate()
                .map(|(k, (s, v))| YearCell {
                    series: &s.id,
                    value: v[t],
                    text: look.series_text(k, v[t]),
                })
                .collect(),
        })
        .collect();
    ScenarioPage {
        title: &sc.title,
        scenario: ScenarioRef {
            id: &sc.id,
            title: &sc.title,
        },
        inputs: inputs(site, sc, root),
        outputs: outputs(site, sc, b, root),
        charts,
        columns: sc
            .series
            .iter()
            .map(|s| Column {
                id: &s.id,
                label: &s.label,
                unit: s.unit.as_deref(),
            })
            .collect(),
        rows,
        metrics: sc
            .metrics
            .iter()
            .filter_map(|id| c.metric(id))
            .map(|m| Link::new(&m.id, &m.title, format!("measures/{}/", m.id)))
            .collect(),
        priorities: sc
            .priorities
            .iter()
            .filter_map(|id| c.priority(id))
            .map(|p| Link::new(&p.id, &p.title, format!("priorities/{}/", p.id)))
            .collect(),
        model_json: ScriptJson::of(model),
        summary: site.md_opt(&sc.summary, Place::new(&sc.file, "summary"), root, false),
        method: site.md(&sc.method, Place::new(&sc.file, "method"), root, false),
        horizon: horizon(b),
        json: format!("data/scenarios/{}.json", sc.id),
        csv: format!("data/scenarios/{}.csv", sc.id),
        outturns: Vec::new(),
    }
}

/// A number for data files: up to 6 decimals, trailing zeros dropped (`272`, `262.6`).
pub(super) fn short_number(v: f64) -> String {
    let text = format::plain(v, 6);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// `/data/scenarios/<id>.json` and `.csv` at the published assumptions.
fn open_data(site: &mut Site<'_>, sc: &Scenario, b: &Built, model: &BrowserModel) {
    let inputs = b.compiled.defaults();
    let data = ScenarioData {
        results: ResultsRecord::new(sc, &inputs, &b.defaults),
        title: &sc.title,
        method: sc.method.as_str(),
        labels: Labels {
            inputs: sc
                .inputs
                .iter()
                .map(|i| {
                    let label = InputLabel {
                        label: &i.label,
                        unit: i.unit.as_deref(),
                        min: i.min,
                        max: i.max,
                        step: i.step,
                        source: i.source.as_deref(),
                    };
                    (i.id.as_str(), label)
                })
                .collect(),
            series: sc
                .series
                .iter()
                .map(|s| {
                    (
                        s.id.as_str(),
                        Label {
                            label: &s.label,
                            unit: s.unit.as_deref(),
                        },
                    )
                })
                .collect(),
            outputs: sc
                .outputs
                .iter()
                .map(|o| {
                    (
                        o.id.as_str(),
                        Label {
                            label: &o.label,
                            unit: o.unit.as_deref(),
                        },
                    )
                })
                .collect(),
        },
        model,
    };
    site.json(&format!("data/scenarios/{}.json", sc.id), &data);
    let mut head = vec!["year"];
    head.extend(sc.series.iter().map(|s| s.id.as_str()));
    let mut csv = Csv::new(head);
    for (t, year) in b.defaults.years.iter().enumerate() {
        let mut row = vec![year.to_string()];
        row.extend(b.defaults.series.iter().map(|v| short_number(v[t])));
        csv.row(row);
    }
    site.text(&format!("data/scenarios/{}.csv", sc.id), csv.finish());
}
