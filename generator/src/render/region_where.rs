//! `/where-children-live/` on a regional site: region.yaml's `where_children_live:` table
//! (placing council by the area the child lives in) after the small-number rule, its totals
//! where every count is exact, the share living in their own council's area from exact rows
//! only, and its open data (`/data/where-children-live.csv` and `.json`, keyed by member
//! code). One view ([`WhereView`]) makes the page, the CSV and the JSON.

use hearth_model::format;
use hearth_model::market::disclosure::{Shown, Suppression};
use hearth_model::where_live::{Matrix, WhereChildrenLive, own_area_share, publish_matrix};
use serde::Serialize;

use super::csv::Csv;
use super::site::Site;
use super::view::FlagView;
use crate::load::region::Region;

/// The page's folder (and the data files' name).
pub const WHERE: &str = "where-children-live";

/// One area (a column): a member (with its id and code) or another area the content names.
#[derive(Serialize)]
struct AreaView {
    name: String,
    id: Option<String>,
    code: Option<String>,
}

/// One published count: the text shown (`None`: the content gives no count), the exact
/// number when published, the flag's symbol when withheld or not given.
#[derive(Serialize, Clone)]
struct CellView {
    text: Option<String>,
    value: Option<f64>,
    flag: Option<String>,
    /// What the flag means, for readers.
    meaning: Option<String>,
    own: bool,
}

#[derive(Serialize)]
struct RowView {
    id: String,
    code: Option<String>,
    authority: String,
    cells: Vec<CellView>,
    total: Option<CellView>,
}

#[derive(Serialize)]
struct ShareView {
    inside: f64,
    of: f64,
    percent: String,
    members: Vec<String>,
    left_out: Vec<String>,
}

#[derive(Serialize)]
struct FlagText {
    symbol: String,
    meaning: String,
}

#[derive(Serialize)]
struct WhereView {
    title: &'static str,
    date: String,
    source: Option<String>,
    note: Option<String>,
    measure: Option<String>,
    areas: Vec<AreaView>,
    rows: Vec<RowView>,
    column_totals: Vec<CellView>,
    any_column_total: bool,
    any_row_total: bool,
    total: Option<CellView>,
    summary: String,
    share: Option<ShareView>,
    flags: Vec<FlagView>,
    absent: bool,
    /// The small-number rule's symbol and its note, when a count is withheld.
    suppression: Option<FlagText>,
    /// The date as the content writes it (`2024-03-31`).
    period: String,
    csv: String,
    json: String,
}

fn cell_view(s: Option<Shown>, rule: &Suppression, own: bool) -> CellView {
    match s {
        None => CellView {
            text: None,
            value: None,
            flag: None,
            meaning: None,
            own,
        },
        Some(Shown::Value(v)) => CellView {
            text: Some(format::number(v, 0)),
            value: Some(v),
            flag: None,
            meaning: None,
            own,
        },
        Some(other) => {
            let symbol = other.symbol(rule).map(str::to_string);
            let meaning = match other {
                Shown::Flag(f) => f.meaning().to_string(),
                _ => "withheld so that no child can be identified".to_string(),
            };
            CellView {
                text: symbol.clone(),
                value: None,
                flag: symbol,
                meaning: Some(meaning),
                own,
            }
        }
    }
}

fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn view(region: &Region, spec: &WhereChildrenLive, matrix: &Matrix) -> WhereView {
    let rule = &region.own.current.content.site.suppression;
    let published = publish_matrix(matrix, rule);
    let authority = |i: usize| {
        region
            .members
            .get(i)
            .map(|mp| mp.project.current.content.site.authority.clone())
            .unwrap_or_default()
    };
    let mut areas: Vec<AreaView> = region
        .members
        .iter()
        .enumerate()
        .map(|(i, mp)| AreaView {
            name: authority(i),
            id: Some(mp.member.id.clone()),
            code: mp.member.code.clone(),
        })
        .collect();
    areas.extend(matrix.others.iter().map(|o| AreaView {
        name: o.clone(),
        id: None,
        code: None,
    }));
    let rows: Vec<RowView> = region
        .members
        .iter()
        .enumerate()
        .map(|(r, mp)| RowView {
            id: mp.member.id.clone(),
            code: mp.member.code.clone(),
            authority: authority(r),
            cells: published.cells[r]
                .iter()
                .enumerate()
                .map(|(c, s)| cell_view(*s, rule, c == r))
                .collect(),
            total: published.row_totals[r].map(|s| cell_view(Some(s), rule, false)),
        })
        .collect();
    let date = spec
        .date
        .phrase(hearth_model::Preposition::On)
        .unwrap_or_else(|| spec.date.label());
    let share = own_area_share(&published).map(|s| ShareView {
        inside: s.inside,
        of: s.of,
        percent: format::number(s.inside / s.of * 100.0, 0),
        members: s.used.iter().map(|&r| authority(r)).collect(),
        left_out: s.left_out.iter().map(|&r| authority(r)).collect(),
    });
    let summary = match &share {
        Some(s) => {
            let mut out = format!(
                "{} of the {} children looked after by {} ({}%) lived in their own council's area {date}.",
                format::number(s.inside, 0),
                format::number(s.of, 0),
                list(&s.members),
                s.percent
            );
            if !s.left_out.is_empty() {
                out.push_str(&format!(
                    " {} {} left out of this figure: not every count in {} row is an exact figure.",
                    list(&s.left_out),
                    if s.left_out.len() == 1 { "is" } else { "are" },
                    if s.left_out.len() == 1 {
                        "its"
                    } else {
                        "their"
                    },
                ));
            }
            out
        }
        None => format!(
            "No member council's row has an exact figure in every cell, so the share of children living in their own council's area {date} cannot be given."
        ),
    };
    let mut flags: Vec<&'static str> = published
        .cells
        .iter()
        .flatten()
        .flatten()
        .filter_map(|s| match s {
            Shown::Flag(f) => Some(f.symbol()),
            _ => None,
        })
        .collect();
    flags.sort_unstable();
    flags.dedup();
    let flags = flags
        .into_iter()
        .filter_map(|sym| {
            [
                hearth_model::Flag::NotAvailable,
                hearth_model::Flag::NotApplicable,
            ]
            .into_iter()
            .find(|f| f.symbol() == sym)
            .map(FlagView::of)
        })
        .collect();
    let withheld = published
        .cells
        .iter()
        .flatten()
        .any(|s| matches!(s, Some(Shown::Withheld)));
    WhereView {
        title: "Where children live",
        date,
        source: spec.source.clone(),
        note: spec.note.clone(),
        measure: spec.measure.clone(),
        areas,
        any_row_total: published.row_totals.iter().any(Option::is_some),
        any_column_total: published.column_totals.iter().any(Option::is_some),
        column_totals: published
            .column_totals
            .iter()
            .map(|s| cell_view(*s, rule, false))
            .collect(),
        total: published.total.map(|s| cell_view(Some(s), rule, false)),
        rows,
        summary,
        share,
        flags,
        absent: published.cells.iter().flatten().any(Option::is_none),
        suppression: withheld.then(|| FlagText {
            symbol: rule.symbol.clone(),
            meaning: rule.note_text(),
        }),
        period: spec.date.text().to_string(),
        csv: format!("data/{WHERE}.csv"),
        json: format!("data/{WHERE}.json"),
    }
}

/// The page and its data, when region.yaml has `where_children_live:`; whether it did.
pub fn render(site: &mut Site<'_>, region: &Region) -> bool {
    let (Some(spec), Some(matrix)) = (&region.spec.where_children_live, &region.where_live) else {
        return false;
    };
    let v = view(region, spec, matrix);
    site.page(
        &format!("{WHERE}/index.html"),
        "region_where.html",
        WHERE,
        &v,
    );
    let mut csv = Csv::new([
        "date",
        "placing_code",
        "placing_id",
        "placing_authority",
        "area_code",
        "area_id",
        "area",
        "count",
        "flag",
    ]);
    let period = spec.date.text().to_string();
    for row in &v.rows {
        for (area, cell) in v.areas.iter().zip(&row.cells) {
            if cell.text.is_none() {
                continue;
            }
            csv.row([
                period.clone(),
                row.code.clone().unwrap_or_default(),
                row.id.clone(),
                row.authority.clone(),
                area.code.clone().unwrap_or_default(),
                area.id.clone().unwrap_or_default(),
                area.name.clone(),
                cell.value.map(|x| format::plain(x, 0)).unwrap_or_default(),
                cell.flag.clone().unwrap_or_default(),
            ]);
        }
    }
    site.text(&format!("data/{WHERE}.csv"), csv.finish());
    site.data_titles.insert(
        format!("data/{WHERE}"),
        (
            "Where children live".into(),
            "The children each member council looks after, by the council area they live in, at one date: a row per count, keyed by member code and id; the JSON adds the totals that are exact and the share living in their own council's area.".into(),
        ),
    );
    site.json(&format!("data/{WHERE}.json"), &v);
    true
}
