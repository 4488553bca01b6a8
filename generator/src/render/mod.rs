//! Rendering: a loaded [`Project`] into the site's files in memory (pages, open data,
//! charts and static files). Nothing here touches the disk; `crate::output` writes the result
//! atomically.

pub mod brand;
pub mod charts;
pub mod csv;
pub mod editions;
pub mod links;
pub mod markdown;
pub mod market;
pub mod scenarios;

use std::cell::RefCell;
use std::collections::BTreeMap;

use hearth_model::analysis::{self, Judgement};
use hearth_model::scenario::Scenario;
use hearth_model::validate::{FACTS_FILE, Ids, SITE_FILE, STRATEGY_FILE};
use hearth_model::{Action, Content, Flag, Metric, Period, Place, Rag, Unit, Workstream, format};
use minijinja::Environment;
use serde_json::{Value, json};

use self::csv::Csv;
use self::markdown::Markdown;
use crate::diag::{Diagnostic, Location, line_col};
use crate::load::editions::{Archived, EDITIONS, History};
use crate::load::yamlpos::Pos;
use crate::load::{Folder, Project, Theme};

/// A rendered site: relative output path -> bytes, plus what was found on the way.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
}

pub(crate) struct Builder<'a> {
    pub(crate) loaded: &'a Folder,
    /// Earlier editions and what changed since the latest (see `crate::load::editions`).
    pub(crate) history: &'a History,
    pub(crate) c: &'a Content,
    ids: Ids,
    env: Environment<'a>,
    pub(crate) out: BTreeMap<String, Vec<u8>>,
    diags: RefCell<Vec<Diagnostic>>,
    pages: usize,
    /// Common template context: site facts and navigation.
    common: Value,
}

/// The Content Security Policy of every page (the meta tag in base.html says the same; a
/// test checks they agree).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

/// Relative prefix from a page at `path` (e.g. `plan/x/index.html`) back to the site root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Render a project: the current site, each frozen edition under `/editions/<version>/`
/// (without its own copy of the static files), then check every internal link and anchor.
/// A broken link is reported where it is written in the content, when it can be found.
pub fn render(project: &Project) -> Rendered {
    let theme = &project.theme;
    let mut rendered = render_with(&project.current, theme, &project.history);
    // Earlier editions, each a whole site under /editions/<version>/ with its banner. A
    // frozen edition is rendered with today's theme, so every page keeps working.
    for (version, edition) in &project.editions {
        if edition.has_errors() {
            continue;
        }
        let archived = History {
            archived: Some(Archived {
                version: version.clone(),
                published: edition.content.site.edition.published.clone(),
            }),
            ..History::default()
        };
        let old = render_with(edition, theme, &archived);
        rendered.diagnostics.extend(old.diagnostics);
        for (path, bytes) in old.files {
            // One copy of the theme's static files serves every edition.
            if path.starts_with("static/") || path == "sitemap.xml" {
                continue;
            }
            rendered
                .files
                .insert(format!("{EDITIONS}/{version}/{path}"), bytes);
        }
    }
    let broken = links::check(&rendered.files, |link| {
        links::locate(link, project.sources())
    });
    rendered.diagnostics.extend(broken);
    rendered
}

/// Render with the content's editions: the current site (with `/editions/` and `/changes/`),
/// or, when `history.archived` is set, an earlier edition carrying its "not current" banner.
pub fn render_with(loaded: &Folder, theme: &Theme, history: &History) -> Rendered {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".svg") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    let mut diags = Vec::new();
    for (name, bytes) in theme.templates() {
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(_) => {
                diags.push(Diagnostic::file(
                    format!("theme/templates/{name}"),
                    "this template is not UTF-8 text",
                ));
                continue;
            }
        };
        if let Err(e) = env.add_template_owned(name.to_string(), text) {
            diags.push(template_error(name, &e));
        }
    }
    let c = &loaded.content;
    let mut b = Builder {
        loaded,
        history,
        c,
        ids: Ids::of(c),
        env,
        out: BTreeMap::new(),
        diags: RefCell::new(diags),
        pages: 0,
        common: Value::Null,
    };
    b.common = b.common_context();
    b.home();
    b.strategy_page();
    b.priorities();
    b.plan();
    b.measures();
    b.facts();
    b.scenarios();
    b.market();
    b.narrative_pages();
    b.editions_pages();
    b.accessibility_statement();
    b.not_found();
    b.open_data();
    b.sitemap();
    b.headers();
    for (name, bytes) in theme.statics() {
        b.out.insert(format!("static/{name}"), bytes.to_vec());
    }
    b.brand_files();
    let mut diagnostics = b.diags.into_inner();
    dedupe(&mut diagnostics);
    Rendered {
        files: b.out,
        diagnostics,
        pages: b.pages,
    }
}

/// The filter form's facets with their unfiltered counts, and the index as script-safe JSON.
pub fn filter_json(index: &hearth_model::filter::Index, prefix: &str) -> Value {
    let outcome = index.apply(&index.query_string(""));
    let facets: Vec<Value> = index
        .facets
        .iter()
        .enumerate()
        .map(|(f, facet)| {
            let values: Vec<Value> = facet
                .values
                .iter()
                .enumerate()
                .map(|(v, value)| {
                    json!({
                        "key": value.key, "label": value.label,
                        "count": outcome.counts.get(f).and_then(|c| c.get(v)).copied().unwrap_or(0),
                        "control": format!("{prefix}-{}-{}", facet.name, value.key),
                    })
                })
                .collect();
            json!({"name": facet.name, "label": facet.label, "values": values})
        })
        .collect();
    let by_name: serde_json::Map<String, Value> = facets
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap_or_default().to_string(),
                f.clone(),
            )
        })
        .collect();
    let json = serde_json::to_string(index).unwrap_or_else(|_| "{}".into());
    json!({
        "facets": facets, "facet": by_name, "total": index.items.len(), "prefix": prefix,
        "index_json": charts::escape_script_json(&json),
    })
}

fn dedupe(diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::BTreeSet::new();
    diags.retain(|d| seen.insert(format!("{}|{}", d.location, d.message)));
}

fn template_error(name: &str, e: &minijinja::Error) -> Diagnostic {
    let mut d = Diagnostic::error(
        Location {
            file: format!("theme/templates/{}", e.name().unwrap_or(name)),
            pos: e.line().map(|line| Pos { line, column: 1 }),
            field: String::new(),
        },
        format!(
            "template error: {}",
            e.detail()
                .map(str::to_string)
                .unwrap_or_else(|| e.to_string())
        ),
    );
    d.hint = Some(format!("{:?}", e.kind()));
    d
}

fn rag_json(r: Rag) -> Value {
    json!({ "key": r.key(), "label": r.label(), "meaning": r.meaning() })
}

fn rag_counts_json<'x>(rags: impl IntoIterator<Item = &'x Rag>) -> Value {
    let counts = analysis::rag_counts(rags);
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let mut x = 0.0;
    let items: Vec<Value> = counts
        .iter()
        .map(|(r, n)| {
            let width = if total == 0 {
                0.0
            } else {
                100.0 * *n as f64 / total as f64
            };
            let item = json!({
                "key": r.key(), "label": r.label(), "meaning": r.meaning(), "count": n,
                "x": format!("{x:.2}"), "width": format!("{width:.2}"),
            });
            x += width;
            item
        })
        .collect();
    json!({ "items": items, "total": total })
}

pub(crate) fn period_json(p: &Period) -> Value {
    json!({
        "text": p.text(), "label": p.label(),
        "start": p.start().map(|d| d.iso()), "end": p.end().map(|d| d.iso()),
        "start_label": p.start().map(format::date_long), "end_label": p.end().map(format::date_long),
    })
}

pub(crate) fn opt_period(p: &Option<Period>) -> Value {
    p.as_ref().map_or(Value::Null, period_json)
}

fn flag_json(f: Option<Flag>) -> Value {
    f.map_or(
        Value::Null,
        |f| json!({ "symbol": f.symbol(), "meaning": f.meaning() }),
    )
}

impl Builder<'_> {
    pub(crate) fn diag(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
    }

    /// Render Markdown from a YAML field at `place`, for a page at depth `root`.
    pub(crate) fn md(&self, text: &str, place: Place, root: &str, inline: bool) -> String {
        let md = Markdown {
            ids: &self.ids,
            root,
        };
        let (html, problems) = if inline {
            md.inline(text)
        } else {
            md.block(text)
        };
        for p in problems {
            let issue = hearth_model::Issue {
                severity: if p.unsafe_content {
                    hearth_model::Severity::Warning
                } else {
                    hearth_model::Severity::Error
                },
                place: place.clone(),
                message: p.message,
                expected: p.expected,
                hint: p.hint,
                related: None,
            };
            self.diag(self.loaded.sources.diagnose_in(&issue, text, p.offset));
        }
        html
    }

    pub(crate) fn md_opt(
        &self,
        text: &Option<String>,
        place: Place,
        root: &str,
        inline: bool,
    ) -> Value {
        text.as_ref().map_or(Value::Null, |t| {
            Value::String(self.md(t, place, root, inline))
        })
    }

    /// A URL from site.yaml, kept only if it is a web, mail or relative address.
    fn safe_url(&self, url: &Option<String>, field: &str) -> Value {
        self.safe_url_at(url, Place::new(SITE_FILE, field))
    }

    /// A URL from the content at `place`, kept only if it is a web, mail or relative
    /// address; anything else is left out with a warning.
    pub(crate) fn safe_url_at(&self, url: &Option<String>, place: Place) -> Value {
        match url {
            Some(u) if markdown::is_safe_url(u) => Value::String(u.clone()),
            Some(u) => {
                let issue = hearth_model::Issue::warning(
                    place,
                    format!(
                        "the address `{}` is not a web address and is left out",
                        u.chars().take(60).collect::<String>()
                    ),
                )
                .expected("an https:// or http:// address")
                .hint("addresses that run code (javascript:, data:, ...) are never published");
                self.diag(self.loaded.sources.diagnose(&issue));
                Value::Null
            }
            None => Value::Null,
        }
    }

    fn common_context(&self) -> Value {
        let s = &self.c.site;
        let mut nav = vec![
            json!({"key": "home", "title": "Home", "href": ""}),
            json!({"key": "strategy", "title": "The strategy", "href": "strategy/"}),
            json!({"key": "priorities", "title": "Priorities", "href": "priorities/"}),
            json!({"key": "plan", "title": "Delivery plan", "href": "plan/"}),
            json!({"key": "measures", "title": "Measures", "href": "measures/"}),
        ];
        if !self.c.facts.facts.is_empty() || !self.c.breakdowns.is_empty() {
            nav.push(json!({"key": "facts", "title": "Facts and figures", "href": "facts/"}));
        }
        if !self.c.scenarios.is_empty() {
            nav.push(json!({"key": "scenarios", "title": "What if?", "href": "scenarios/"}));
        }
        if self.c.market.is_some() {
            nav.push(json!({"key": "market", "title": "For providers", "href": "market/"}));
        }
        let pages: Vec<Value> = self
            .c
            .pages
            .iter()
            .filter(|p| p.front.nav)
            .map(|p| json!({"key": p.slug, "title": p.front.title, "href": format!("{}/", p.slug)}))
            .collect();
        json!({
            "site": {
                "authority": s.authority,
                "title": s.title,
                "short_title": s.short_title.clone().unwrap_or_else(|| s.title.clone()),
                "tagline": s.tagline,
                "example": s.example,
                "language": s.language.clone().unwrap_or_else(|| "en-GB".into()),
                "covers": opt_period(&s.covers),
                "edition": {
                    "version": s.edition.version,
                    "status": s.edition.status.label(),
                    "status_key": format!("{:?}", s.edition.status).to_lowercase(),
                    "published": period_json(&s.edition.published),
                    "review": opt_period(&s.edition.review),
                    "supersedes": s.edition.supersedes,
                },
                "contact": {
                    "team": s.contact.team, "email": s.contact.email, "phone": s.contact.phone,
                    "address": s.contact.address, "url": self.safe_url(&s.contact.url, "contact.url"),
                },
                "licence": {"name": s.licence.name, "url": self.safe_url(&s.licence.url, "licence.url")},
                "branding": self.branding_json(),
            },
            "nav": nav,
            "pages": pages,
            "market": self.c.market.as_ref().map(|m| json!({"title": m.statement.title, "href": "market/"})),
            "archived": self.history.archived.as_ref().map(|a| json!({"version": a.version, "published": a.published.label()})),
            "history": {"editions": !self.history.editions.is_empty(), "changes": self.history.changes.is_some()},
        })
    }

    /// Render `template` with `ctx` (merged over the common context) to `path`.
    pub(crate) fn page(&mut self, path: &str, template: &str, section: &str, ctx: Value) {
        let root = root_prefix(path);
        let mut full = self.common.clone();
        if let (Value::Object(base), Value::Object(extra)) = (&mut full, ctx) {
            base.extend(extra);
            // Static files are shared by the current site and its earlier editions, which
            // live two folders down (`editions/<version>/`).
            let assets = if self.history.archived.is_some() {
                format!("{root}../../")
            } else {
                root.clone()
            };
            base.insert("assets".into(), Value::String(assets));
            base.insert("root".into(), Value::String(root));
            base.insert("section".into(), Value::String(section.into()));
            base.insert(
                "path".into(),
                Value::String(path.trim_end_matches("index.html").into()),
            );
        }
        let result = self
            .env
            .get_template(template)
            .and_then(|t| t.render(minijinja::value::Serde(&full)));
        match result {
            Ok(html) => {
                self.out.insert(path.to_string(), html.into_bytes());
                self.pages += 1;
            }
            Err(e) => self.diag(template_error(template, &e)),
        }
    }

    fn action_json(&self, w: &Workstream, a: &Action, i: usize, root: &str) -> Value {
        let at = |f: &str| Place::new(&w.file, format!("actions[{i}].{f}"));
        let link_list = |ids: &[String], kind: &str| -> Vec<Value> {
            ids.iter()
                .map(|id| {
                    let title = match kind {
                        "priority" => self.c.priority(id).map(|p| p.title.clone()),
                        "aim" => self.c.aim(id).map(|p| p.title.clone()),
                        _ => self.c.metric(id).map(|m| m.title.clone()),
                    };
                    let href = markdown::content_url(kind, id).unwrap_or_default();
                    json!({"id": id, "title": title.unwrap_or_else(|| id.clone()), "href": href})
                })
                .collect()
        };
        let updates: Vec<Value> = a
            .updates
            .iter()
            .enumerate()
            .map(|(j, u)| {
                json!({
                    "date": period_json(&u.date),
                    "rag": u.rag.map(rag_json),
                    "note": self.md(&u.note, at(&format!("updates[{j}].note")), root, true),
                })
            })
            .collect();
        json!({
            "id": a.id,
            "href": format!("plan/{}/", a.id),
            "title": a.title,
            "quality_measure": self.md_opt(&a.quality_measure, at("quality_measure"), root, true),
            "indicators": a.indicators,
            "status": a.status,
            "rag": rag_json(a.rag),
            "timescale": period_json(&a.timescale),
            "timescale_note": a.timescale_note,
            "owner": a.owner.clone().or_else(|| w.lead.clone()),
            "workstream": {"id": w.id, "title": w.title, "href": format!("plan/#workstream-{}", w.id)},
            "priorities": link_list(&a.priorities, "priority"),
            "aims": link_list(&a.aims, "aim"),
            "metrics": link_list(&a.metrics, "metric"),
            "updates": updates,
        })
    }

    fn metric_card(&self, m: &Metric) -> Value {
        let (latest, _) = analysis::latest_two(m);
        let d = m.decimals();
        let trend = analysis::trend(m);
        let target = analysis::current_target(m);
        json!({
            "id": m.id,
            "href": format!("measures/{}/", m.id),
            "title": m.title,
            "short_title": m.short_title.clone().unwrap_or_else(|| m.title.clone()),
            "unit": m.unit.label(),
            "polarity": m.polarity.label(),
            "latest": latest.map(|p| json!({
                "value": format::value(p.value.unwrap_or_default(), m.unit, d),
                "period": p.period.label(),
            })),
            "trend": trend.map(|t| json!({
                "direction": format!("{:?}", t.direction).to_lowercase(),
                "judgement": match t.judgement { Judgement::Better => "better", Judgement::Worse => "worse", Judgement::NoChange => "same", Judgement::Neutral => "neutral" },
                "label": t.judgement.label(),
            })),
            "target": target.map(|t| json!({
                "value": format::value(t.value, m.unit, d),
                "period": t.period.label(),
            })),
            "meets_target": analysis::meets_target(m),
            "summary": analysis::summary(m),
        })
    }

    fn home(&mut self) {
        let root = "";
        let s = &self.c.strategy;
        let summary = self.md(
            &s.summary,
            Place::new(STRATEGY_FILE, "summary"),
            root,
            false,
        );
        let aims: Vec<Value> = s
            .aims
            .iter()
            .enumerate()
            .map(|(i, a)| {
                json!({"id": a.id, "title": a.title,
                    "statement": self.md(&a.statement, Place::new(STRATEGY_FILE, format!("aims[{i}].statement")), root, true)})
            })
            .collect();
        let facts = self.facts_json(root, 8);
        let rag = rag_counts_json(self.c.actions().map(|(_, a)| &a.rag));
        let priorities: Vec<Value> = s
            .priorities
            .iter()
            .map(|p| {
                let rags: Vec<Rag> = self
                    .c
                    .actions()
                    .filter(|(_, a)| a.priorities.contains(&p.id))
                    .map(|(_, a)| a.rag)
                    .collect();
                json!({"id": p.id, "title": p.title, "href": format!("priorities/{}/", p.id), "rag": rag_counts_json(rags.iter())})
            })
            .collect();
        let metrics: Vec<Value> = self
            .c
            .metrics
            .iter()
            .take(6)
            .map(|m| self.metric_card(m))
            .collect();
        let themes: Vec<Value> = s
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| json!({"title": t.title, "text": self.md(&t.text, Place::new(STRATEGY_FILE, format!("themes[{i}].text")), root, true)}))
            .collect();
        let notes: Vec<Value> = self
            .c
            .site
            .edition
            .notes
            .iter()
            .map(|n| json!({"date": period_json(&n.date), "text": self.md(&n.text, Place::new(SITE_FILE, "edition.notes"), root, true)}))
            .collect();
        self.page(
            "index.html",
            "home.html",
            "home",
            json!({
                "title": self.c.site.title, "summary": summary, "aims": aims, "facts": facts,
                "facts_total": self.c.facts.facts.len(), "rag": rag, "priorities": priorities,
                "metrics": metrics, "metrics_total": self.c.metrics.len(), "themes": themes, "notes": notes,
            }),
        );
    }

    fn facts_json(&self, root: &str, limit: usize) -> Value {
        let f = &self.c.facts;
        let mut footnotes: Vec<String> = Vec::new();
        let items: Vec<Value> = f
            .facts
            .iter()
            .take(limit)
            .enumerate()
            .map(|(i, fact)| {
                let note = fact.source.as_ref().map(|sid| match footnotes.iter().position(|x| x == sid) {
                    Some(n) => n + 1,
                    None => {
                        footnotes.push(sid.clone());
                        footnotes.len()
                    }
                });
                json!({
                    "id": fact.id,
                    "value": format::value(fact.value, fact.unit, fact.decimals.unwrap_or_else(|| default_decimals(fact.value))),
                    "label": fact.label,
                    "detail": self.md_opt(&fact.detail, Place::new(FACTS_FILE, format!("facts[{i}].detail")), root, true),
                    "date": opt_period(&fact.date),
                    "footnote": note,
                    "metric_href": fact.metric.as_ref().map(|m| format!("measures/{m}/")),
                })
            })
            .collect();
        let sources: Vec<Value> = footnotes
            .iter()
            .enumerate()
            .filter_map(|(n, sid)| {
                f.sources.iter().find(|s| &s.id == sid).map(|s| {
                    json!({"n": n + 1, "id": s.id, "title": s.title, "publisher": s.publisher,
                        "date": opt_period(&s.date), "url": s.url.as_ref().filter(|u| markdown::is_safe_url(u))})
                })
            })
            .collect();
        json!({"as_at": opt_period(&f.as_at), "items": items, "sources": sources})
    }

    fn strategy_page(&mut self) {
        let root = "../";
        let s = &self.c.strategy;
        let p = |path: String| Place::new(STRATEGY_FILE, path);
        let themes = |list: &[hearth_model::Theme], field: &str| -> Vec<Value> {
            list.iter()
                .enumerate()
                .map(|(i, t)| json!({"title": t.title, "text": self.md(&t.text, p(format!("{field}[{i}].text")), root, false)}))
                .collect()
        };
        let aims: Vec<Value> = s
            .aims
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let priorities: Vec<Value> = s
                    .priorities
                    .iter()
                    .filter(|pr| pr.aims.contains(&a.id))
                    .map(|pr| json!({"title": pr.title, "href": format!("priorities/{}/", pr.id)}))
                    .collect();
                json!({"id": a.id, "title": a.title, "number": i + 1,
                    "statement": self.md(&a.statement, p(format!("aims[{i}].statement")), root, true),
                    "priorities": priorities})
            })
            .collect();
        let governance = s.governance.as_ref().map(|g| {
            json!({
                "summary": self.md(&g.summary, p("governance.summary".into()), root, false),
                "bodies": g.bodies.iter().enumerate().map(|(i, b)| json!({
                    "name": b.name, "meets": b.meets, "chair": b.chair,
                    "role": self.md(&b.role, p(format!("governance.bodies[{i}].role")), root, true),
                })).collect::<Vec<_>>(),
            })
        });
        let phases: Vec<Value> = s
            .phases
            .iter()
            .enumerate()
            .map(|(i, ph)| {
                json!({"title": ph.title, "period": period_json(&ph.period),
                "summary": self.md_opt(&ph.summary, p(format!("phases[{i}].summary")), root, true)})
            })
            .collect();
        let legal = s.legal_basis.as_ref().map(|l| {
            json!({"summary": self.md(&l.summary, p("legal_basis.summary".into()), root, false), "legislation": l.legislation})
        });
        let all_pages: Vec<Value> = self
            .c
            .pages
            .iter()
            .map(|pg| json!({"title": pg.front.title, "href": format!("{}/", pg.slug), "summary": pg.front.summary}))
            .collect();
        let ctx = json!({
            "title": "About the strategy",
            "vision": self.md_opt(&s.vision, p("vision".into()), root, false),
            "summary": self.md(&s.summary, p("summary".into()), root, false),
            "legal": legal,
            "themes": themes(&s.themes, "themes"),
            "principles": themes(&s.principles, "principles"),
            "aims": aims,
            "outcomes": s.outcomes,
            "governance": governance,
            "monitoring": self.md_opt(&s.monitoring, p("monitoring".into()), root, false),
            "phases": phases,
            "all_pages": all_pages,
        });
        self.page("strategy/index.html", "strategy.html", "strategy", ctx);
    }

    fn priorities(&mut self) {
        let s = &self.c.strategy;
        let mut list = Vec::new();
        for (i, pr) in s.priorities.iter().enumerate() {
            let root = "../../";
            let at = |f: String| Place::new(STRATEGY_FILE, format!("priorities[{i}].{f}"));
            let actions: Vec<Value> = self
                .c
                .workstreams
                .iter()
                .flat_map(|w| w.actions.iter().enumerate().map(move |(j, a)| (w, j, a)))
                .filter(|(_, _, a)| a.priorities.contains(&pr.id))
                .map(|(w, j, a)| self.action_json(w, a, j, root))
                .collect();
            let rags: Vec<Rag> = self
                .c
                .actions()
                .filter(|(_, a)| a.priorities.contains(&pr.id))
                .map(|(_, a)| a.rag)
                .collect();
            let metrics: Vec<Value> = pr
                .metrics
                .iter()
                .filter_map(|id| self.c.metric(id))
                .map(|m| self.metric_card(m))
                .collect();
            let aims: Vec<Value> = pr
                .aims
                .iter()
                .filter_map(|id| self.c.aim(id))
                .map(|a| json!({"id": a.id, "title": a.title, "href": format!("strategy/#aim-{}", a.id)}))
                .collect();
            let commitments: Vec<String> = pr
                .commitments
                .iter()
                .enumerate()
                .map(|(j, t)| self.md(t, at(format!("commitments[{j}]")), root, true))
                .collect();
            let ctx = json!({
                "title": pr.title,
                "priority": {"id": pr.id, "title": pr.title},
                "summary": self.md(&pr.summary, at("summary".into()), root, false),
                "commitments": commitments, "aims": aims, "actions": actions, "metrics": metrics,
                "rag": rag_counts_json(rags.iter()),
            });
            self.page(
                &format!("priorities/{}/index.html", pr.id),
                "priority.html",
                "priorities",
                ctx,
            );
            list.push(json!({
                "id": pr.id, "title": pr.title, "href": format!("priorities/{}/", pr.id),
                "summary": self.md(&pr.summary, at("summary".into()), "../", false),
                "aims": pr.aims.iter().filter_map(|id| self.c.aim(id)).map(|a| a.title.clone()).collect::<Vec<_>>(),
                "rag": rag_counts_json(rags.iter()),
                "metrics": pr.metrics.len(),
            }));
        }
        self.page(
            "priorities/index.html",
            "priorities.html",
            "priorities",
            json!({"title": "Priorities", "priorities": list}),
        );
    }

    fn plan(&mut self) {
        let mut groups = Vec::new();
        let all: Vec<(&Workstream, usize, &Action)> = self
            .c
            .workstreams
            .iter()
            .flat_map(|w| w.actions.iter().enumerate().map(move |(i, a)| (w, i, a)))
            .collect();
        for w in &self.c.workstreams {
            let actions: Vec<Value> = w
                .actions
                .iter()
                .enumerate()
                .map(|(i, a)| self.action_json(w, a, i, "../"))
                .collect();
            groups.push(json!({
                "id": w.id, "title": w.title, "lead": w.lead,
                "summary": self.md_opt(&w.summary, Place::new(&w.file, "summary"), "../", false),
                "actions": actions,
                "rag": rag_counts_json(w.actions.iter().map(|a| &a.rag)),
            }));
        }
        let rag = rag_counts_json(all.iter().map(|(_, _, a)| &a.rag));
        let index = hearth_model::filter::plan_index(self.c);
        let filters = filter_json(&index, "f");
        self.page(
            "plan/index.html",
            "plan.html",
            "plan",
            json!({
                "title": "Delivery plan", "workstreams": groups, "rag": rag, "total": all.len(),
                "filters": filters,
            }),
        );
        for (n, (w, i, a)) in all.iter().enumerate() {
            let action = self.action_json(w, a, *i, "../../");
            let prev = n
                .checked_sub(1)
                .and_then(|k| all.get(k))
                .map(|(_, _, p)| json!({"title": p.title, "href": format!("plan/{}/", p.id)}));
            let next = all
                .get(n + 1)
                .map(|(_, _, p)| json!({"title": p.title, "href": format!("plan/{}/", p.id)}));
            self.page(
                &format!("plan/{}/index.html", a.id),
                "action.html",
                "plan",
                json!({"title": a.title, "action": action, "prev": prev, "next": next, "position": n + 1, "total": all.len()}),
            );
        }
    }

    fn measures(&mut self) {
        let cards: Vec<Value> = self.c.metrics.iter().map(|m| self.metric_card(m)).collect();
        self.page(
            "measures/index.html",
            "measures.html",
            "measures",
            json!({"title": "Measures", "metrics": cards}),
        );
        for m in &self.c.metrics {
            let root = "../../";
            let at = |f: &str| Place::new(&m.file, f);
            let d = m.decimals();
            let periods = charts::metric_periods(m);
            let cell = |pts: &[hearth_model::Point], p: &Period| -> Value {
                match pts.iter().find(|x| x.period.sort_key() == p.sort_key()) {
                    Some(x) => match (x.value, x.flag) {
                        (_, Some(f)) => {
                            json!({"text": f.symbol(), "flag": flag_json(Some(f)), "note": x.note})
                        }
                        (Some(v), None) => {
                            json!({"text": format::value(v, m.unit, d), "note": x.note})
                        }
                        _ => json!({"text": ""}),
                    },
                    None => json!({"text": ""}),
                }
            };
            let rows: Vec<Value> = periods
                .iter()
                .map(|p| {
                    let target = m
                        .targets
                        .iter()
                        .find(|t| t.period.sort_key() == p.sort_key())
                        .map(|t| format::number(t.value, d));
                    json!({
                        "period": p.label(),
                        "value": cell(&m.series, p),
                        "target": target,
                        "comparators": m.comparators.iter().map(|c| cell(&c.series, p)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let chart = charts::to_script_json(&charts::metric_chart(m, &self.c.site.authority));
            let priorities: Vec<Value> = self
                .c
                .strategy
                .priorities
                .iter()
                .filter(|p| p.metrics.contains(&m.id))
                .map(|p| json!({"title": p.title, "href": format!("priorities/{}/", p.id)}))
                .collect();
            let actions: Vec<Value> = self
                .c
                .actions()
                .filter(|(_, a)| a.metrics.contains(&m.id))
                .map(|(_, a)| json!({"id": a.id, "title": a.title, "href": format!("plan/{}/", a.id), "rag": rag_json(a.rag)}))
                .collect();
            let flags: Vec<Value> = {
                let mut fl: Vec<Flag> = m
                    .series
                    .iter()
                    .chain(m.comparators.iter().flat_map(|c| c.series.iter()))
                    .filter_map(|p| p.flag)
                    .collect();
                fl.sort_by_key(|f| f.symbol());
                fl.dedup();
                fl.into_iter().map(|f| flag_json(Some(f))).collect()
            };
            let source = &m.source;
            let ctx = json!({
                "title": m.title,
                "metric": self.metric_card(m),
                "definition": self.md(&m.definition, at("definition"), root, false),
                "why": self.md_opt(&m.why, at("why"), root, false),
                "source": {
                    "publisher": source.publisher, "dataset": source.dataset,
                    "url": source.url.as_ref().filter(|u| markdown::is_safe_url(u)),
                    "retrieved": opt_period(&source.retrieved), "licence": source.licence,
                },
                "authority": self.c.site.authority,
                "comparators": m.comparators.iter().map(|c| c.label.clone()).collect::<Vec<_>>(),
                "has_targets": !m.targets.is_empty(),
                "rows": rows,
                "flags": flags,
                "figure": {"id": format!("chart-{}", m.id), "json": chart, "description": chart_description(m, &self.c.site.authority)},
                "csv": format!("data/metrics/{}.csv", m.id),
                "priorities": priorities,
                "actions": actions,
            });
            self.page(
                &format!("measures/{}/index.html", m.id),
                "measure.html",
                "measures",
                ctx,
            );
        }
    }

    fn facts(&mut self) {
        if self.c.facts.facts.is_empty() && self.c.breakdowns.is_empty() {
            return;
        }
        let root = "../";
        let facts = self.facts_json(root, usize::MAX);
        let breakdowns: Vec<Value> = self
            .c
            .breakdowns
            .iter()
            .map(|b| {
                let d = b.decimals.unwrap_or(0);
                let rows: Vec<Value> = b
                    .rows
                    .iter()
                    .map(|r| match (r.value, r.flag) {
                        (_, Some(f)) => json!({"label": r.label, "text": f.symbol(), "flag": flag_json(Some(f))}),
                        (Some(v), None) => json!({"label": r.label, "text": format::value(v, b.unit, d)}),
                        _ => json!({"label": r.label, "text": ""}),
                    })
                    .collect();
                json!({
                    "id": b.id, "title": b.title, "as_at": period_json(&b.as_at),
                    "dimension": b.dimension, "value_label": b.value_label.clone().unwrap_or_else(|| capitalise(b.unit.label())),
                    "rows": rows,
                    "note": self.md_opt(&b.note, Place::new(&b.file, "note"), root, false),
                    "source": b.source.as_ref().map(|s| json!({"publisher": s.publisher, "dataset": s.dataset,
                        "url": s.url.as_ref().filter(|u| markdown::is_safe_url(u)), "retrieved": opt_period(&s.retrieved)})),
                    "chart": charts::breakdown_script(b).map(|(text, tall)| json!({"id": format!("chart-{}", b.id), "json": text, "tall": tall})),
                    "summary": breakdown_summary(b),
                    "csv": format!("data/breakdowns/{}.csv", b.id),
                })
            })
            .collect();
        self.page(
            "facts/index.html",
            "facts.html",
            "facts",
            json!({"title": "Facts and figures", "facts": facts, "breakdowns": breakdowns}),
        );
    }

    fn scenarios(&mut self) {
        if self.c.scenarios.is_empty() {
            return;
        }
        let mut cards = Vec::new();
        for b in &self.loaded.scenarios {
            let sc = &self.c.scenarios[b.index];
            let page = self.scenario_json(sc, b, "../../");
            cards.push(json!({
                "id": sc.id, "title": sc.title, "href": format!("scenarios/{}/", sc.id),
                "summary": self.md_opt(&sc.summary, Place::new(&sc.file, "summary"), "../", true),
                "outputs": page["outputs"].clone(), "horizon": page["horizon"].clone(),
            }));
            self.page(
                &format!("scenarios/{}/index.html", sc.id),
                "scenario.html",
                "scenarios",
                page,
            );
            let inputs = b.compiled.defaults();
            let mut data = scenarios::results_json(sc, &inputs, &b.defaults);
            if let Value::Object(map) = &mut data {
                map.insert("title".into(), json!(sc.title));
                map.insert("method".into(), json!(sc.method));
                map.insert(
                    "labels".into(),
                    json!({
                        "inputs": sc.inputs.iter().map(|i| (i.id.clone(), json!({"label": i.label, "unit": i.unit, "min": i.min, "max": i.max, "step": i.step, "source": i.source}))).collect::<serde_json::Map<_, _>>(),
                        "series": sc.series.iter().map(|s| (s.id.clone(), json!({"label": s.label, "unit": s.unit}))).collect::<serde_json::Map<_, _>>(),
                        "outputs": sc.outputs.iter().map(|o| (o.id.clone(), json!({"label": o.label, "unit": o.unit}))).collect::<serde_json::Map<_, _>>(),
                    }),
                );
                map.insert("model".into(), scenarios::browser_model(sc, b));
            }
            self.json(&format!("data/scenarios/{}.json", sc.id), &data);
            let mut head = vec!["year"];
            head.extend(sc.series.iter().map(|s| s.id.as_str()));
            let mut csv = Csv::new(&head);
            for (t, year) in b.defaults.years.iter().enumerate() {
                let mut row = vec![year.to_string()];
                row.extend(b.defaults.series.iter().map(|v| short_number(v[t])));
                csv.row(&row);
            }
            self.out.insert(
                format!("data/scenarios/{}.csv", sc.id),
                csv.finish().into_bytes(),
            );
        }
        self.page(
            "scenarios/index.html",
            "scenarios.html",
            "scenarios",
            json!({"title": "What if?", "scenarios": cards}),
        );
    }

    /// The template context of one scenario page at its published assumptions.
    fn scenario_json(&self, sc: &Scenario, b: &crate::load::scenarios::Built, root: &str) -> Value {
        let r = &b.defaults;
        let look = sc.presentation();
        let decimals_of_step = |step: f64| -> u8 {
            let text = format!("{step}");
            text.split_once('.')
                .map_or(0, |(_, f)| f.len().min(6) as u8)
        };
        let inputs: Vec<Value> = sc
            .inputs
            .iter()
            .enumerate()
            .map(|(i, input)| {
                let decimals = decimals_of_step(input.step);
                json!({
                    "id": input.id, "label": input.label, "unit": input.unit,
                    "min": input.min, "max": input.max, "step": input.step, "default": input.default,
                    "text": format::quantity(input.default, decimals, input.unit.as_deref()),
                    "min_text": format::quantity(input.min, decimals, input.unit.as_deref()),
                    "max_text": format::quantity(input.max, decimals, input.unit.as_deref()),
                    "decimals": decimals,
                    "source": self.md_opt(&input.source, Place::new(&sc.file, format!("inputs[{i}].source")), root, true),
                    "help": self.md_opt(&input.help, Place::new(&sc.file, format!("inputs[{i}].help")), root, true),
                })
            })
            .collect();
        let outputs: Vec<Value> = sc
            .outputs
            .iter()
            .zip(&r.outputs)
            .enumerate()
            .map(|(i, (o, v))| {
                json!({
                    "id": o.id, "label": o.label, "value": v.to_string(), "unit": o.unit,
                    "text": look.output_text(i, *v),
                    "note": self.md_opt(&o.note, Place::new(&sc.file, format!("outputs[{i}].note")), root, true),
                })
            })
            .collect();
        let (first, last) = (r.years.first().copied(), r.years.last().copied());
        let charts: Vec<Value> = sc
            .charts
            .iter()
            .enumerate()
            .map(|(n, ch)| {
                json!({
                    "id": format!("chart-{}-{n}", sc.id), "title": ch.title, "index": n,
                    "series": ch.series,
                    "json": charts::to_script_json(&charts::scenario_chart(sc, ch, r)),
                    "summary": look.chart_summary(n, r),
                })
            })
            .collect();
        let columns: Vec<Value> = sc
            .series
            .iter()
            .map(|s| json!({"id": s.id, "label": s.label, "unit": s.unit}))
            .collect();
        let rows: Vec<Value> = r
            .years
            .iter()
            .enumerate()
            .map(|(t, year)| {
                let cells: Vec<Value> = sc
                    .series
                    .iter()
                    .zip(&r.series)
                    .enumerate()
                    .map(|(k, (s, v))| json!({"series": s.id, "value": v[t], "text": look.series_text(k, v[t])}))
                    .collect();
                json!({"year": year, "step": t, "cells": cells})
            })
            .collect();
        let metrics: Vec<Value> = sc
            .metrics
            .iter()
            .filter_map(|id| self.c.metric(id))
            .map(|m| json!({"title": m.title, "href": format!("measures/{}/", m.id)}))
            .collect();
        let priorities: Vec<Value> = sc
            .priorities
            .iter()
            .filter_map(|id| self.c.priority(id))
            .map(|p| json!({"title": p.title, "href": format!("priorities/{}/", p.id)}))
            .collect();
        let model = serde_json::to_string(&scenarios::browser_model(sc, b)).unwrap_or_default();
        json!({
            "title": sc.title,
            "scenario": {"id": sc.id, "title": sc.title},
            "summary": self.md_opt(&sc.summary, Place::new(&sc.file, "summary"), root, false),
            "method": self.md(&sc.method, Place::new(&sc.file, "method"), root, false),
            "horizon": {"from": first, "to": last},
            "inputs": inputs, "outputs": outputs, "charts": charts,
            "columns": columns, "rows": rows,
            "metrics": metrics, "priorities": priorities,
            "model_json": charts::escape_script_json(&model),
            "json": format!("data/scenarios/{}.json", sc.id),
            "csv": format!("data/scenarios/{}.csv", sc.id),
        })
    }

    fn narrative_pages(&mut self) {
        for page in &self.c.pages {
            let root = "../";
            let md = Markdown {
                ids: &self.ids,
                root,
            };
            let (html, problems) = md.block(&page.body);
            for p in problems {
                let (line, column) = line_col(&page.body, p.offset);
                let mut d = Diagnostic::error(
                    Location {
                        file: self.loaded.sources.display(&page.file),
                        pos: Some(Pos {
                            line: line + page.body_line - 1,
                            column,
                        }),
                        field: String::new(),
                    },
                    p.message,
                );
                if p.unsafe_content {
                    d.severity = hearth_model::Severity::Warning;
                }
                d.expected = p.expected;
                d.hint = p.hint;
                if let Some(f) = self.loaded.sources.get(&page.file) {
                    d = d.with_source(&f.text);
                }
                self.diag(d);
            }
            let ctx = json!({"title": page.front.title, "summary": page.front.summary, "body": html, "slug": page.slug});
            self.page(
                &format!("{}/index.html", page.slug),
                "page.html",
                &page.slug.clone(),
                ctx,
            );
        }
    }

    fn not_found(&mut self) {
        self.page(
            "404.html",
            "404.html",
            "",
            json!({"title": "Page not found"}),
        );
    }

    fn open_data(&mut self) {
        // Actions.
        let mut rows = Vec::new();
        let mut csv = Csv::new([
            "id",
            "title",
            "workstream",
            "workstream_title",
            "rag",
            "status",
            "owner",
            "timescale",
            "start",
            "end",
            "quality_measure",
            "indicators",
            "priorities",
            "aims",
            "url",
        ]);
        for (w, a) in self.c.actions() {
            let owner = a.owner.clone().or_else(|| w.lead.clone());
            rows.push(json!({
                "id": a.id, "title": a.title, "workstream": w.id, "workstream_title": w.title,
                "rag": a.rag.key(), "status": a.status, "owner": owner,
                "timescale": a.timescale.label(), "timescale_note": a.timescale_note,
                "start": a.timescale.start().map(|d| d.iso()), "end": a.timescale.end().map(|d| d.iso()),
                "quality_measure": a.quality_measure, "indicators": a.indicators,
                "priorities": a.priorities, "aims": a.aims, "metrics": a.metrics,
                "updates": a.updates.iter().map(|u| json!({"date": u.date.text(), "rag": u.rag.map(Rag::key), "note": u.note})).collect::<Vec<_>>(),
                "url": format!("plan/{}/", a.id),
            }));
            csv.row(&[
                a.id.clone(),
                a.title.clone(),
                w.id.clone(),
                w.title.clone(),
                a.rag.key().into(),
                a.status.clone().unwrap_or_default(),
                owner.unwrap_or_default(),
                a.timescale.label(),
                a.timescale.start().map(|d| d.iso()).unwrap_or_default(),
                a.timescale.end().map(|d| d.iso()).unwrap_or_default(),
                a.quality_measure.clone().unwrap_or_default(),
                a.indicators.join("; "),
                a.priorities.join("; "),
                a.aims.join("; "),
                format!("plan/{}/", a.id),
            ]);
        }
        self.json("data/actions.json", &Value::Array(rows));
        self.out
            .insert("data/actions.csv".into(), csv.finish().into_bytes());

        // Metrics.
        let mut metrics = Vec::new();
        for m in &self.c.metrics {
            let d = m.decimals();
            let pts = |s: &[hearth_model::Point]| -> Vec<Value> {
                s.iter()
                    .map(|p| json!({"period": p.period.text(), "start": p.period.start().map(|x| x.iso()), "end": p.period.end().map(|x| x.iso()),
                        "value": if p.flag.is_some() { Value::Null } else { json!(p.value) }, "flag": p.flag.map(Flag::symbol), "note": p.note}))
                    .collect()
            };
            metrics.push(json!({
                "id": m.id, "title": m.title, "unit": m.unit, "polarity": m.polarity, "decimals": d,
                "definition": m.definition, "source": m.source,
                "series": pts(&m.series),
                "targets": m.targets.iter().map(|t| json!({"period": t.period.text(), "value": t.value, "note": t.note})).collect::<Vec<_>>(),
                "comparators": m.comparators.iter().map(|c| json!({"id": c.id, "label": c.label, "kind": c.kind, "series": pts(&c.series)})).collect::<Vec<_>>(),
                "url": format!("measures/{}/", m.id),
                "csv": format!("data/metrics/{}.csv", m.id),
            }));
            let mut head = vec![
                "period".to_string(),
                "start".into(),
                "end".into(),
                "value".into(),
                "flag".into(),
                "target".into(),
            ];
            head.extend(m.comparators.iter().map(|c| c.id.clone()));
            let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
            let mut csv = Csv::new(&head_refs);
            let plain = |pts: &[hearth_model::Point], p: &Period| -> String {
                pts.iter()
                    .find(|x| x.period.sort_key() == p.sort_key())
                    .map(|x| match (x.value, x.flag) {
                        (_, Some(f)) => f.symbol().to_string(),
                        (Some(v), None) => format::plain(v, d),
                        _ => String::new(),
                    })
                    .unwrap_or_default()
            };
            for p in charts::metric_periods(m) {
                let own = m
                    .series
                    .iter()
                    .find(|x| x.period.sort_key() == p.sort_key());
                let mut row = vec![
                    p.text().to_string(),
                    p.start().map(|x| x.iso()).unwrap_or_default(),
                    p.end().map(|x| x.iso()).unwrap_or_default(),
                    own.and_then(|x| if x.flag.is_some() { None } else { x.value })
                        .map(|v| format::plain(v, d))
                        .unwrap_or_default(),
                    own.and_then(|x| x.flag)
                        .map(|f| f.symbol().to_string())
                        .unwrap_or_default(),
                    m.targets
                        .iter()
                        .find(|t| t.period.sort_key() == p.sort_key())
                        .map(|t| format::plain(t.value, d))
                        .unwrap_or_default(),
                ];
                row.extend(m.comparators.iter().map(|c| plain(&c.series, &p)));
                csv.row(&row);
            }
            self.out.insert(
                format!("data/metrics/{}.csv", m.id),
                csv.finish().into_bytes(),
            );
        }
        self.json("data/metrics.json", &Value::Array(metrics));

        for b in &self.c.breakdowns {
            let d = b.decimals.unwrap_or(0);
            let mut csv = Csv::new([&b.dimension, "value", "flag"]);
            for r in &b.rows {
                csv.row(&[
                    r.label.clone(),
                    if r.flag.is_some() {
                        String::new()
                    } else {
                        r.value.map(|v| format::plain(v, d)).unwrap_or_default()
                    },
                    r.flag.map(|f| f.symbol().to_string()).unwrap_or_default(),
                ]);
            }
            self.out.insert(
                format!("data/breakdowns/{}.csv", b.id),
                csv.finish().into_bytes(),
            );
        }
    }

    pub(crate) fn json(&mut self, path: &str, v: &Value) {
        let mut text = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
        text.push('\n');
        self.out.insert(path.to_string(), text.into_bytes());
    }

    /// `/accessibility/`: the accessibility statement, from `accessibility:` in site.yaml.
    fn accessibility_statement(&mut self) {
        let s = &self.c.site;
        let a = s.accessibility.clone().unwrap_or_default();
        let declared = s.accessibility.is_some();
        let place = |f: &str| Place::new(SITE_FILE, format!("accessibility.{f}"));
        let issues: Vec<Value> = a
            .known_issues
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Value::String(self.md(t, place(&format!("known_issues[{i}]")), "../", true))
            })
            .collect();
        let contact = a.contact.as_ref().unwrap_or(&s.contact);
        let ctx = json!({
            "title": "Accessibility statement",
            "declared": declared,
            "status": a.status.sentence(),
            "status_key": format!("{:?}", a.status).to_lowercase(),
            "tested": opt_period(&a.tested),
            "prepared": opt_period(&a.prepared),
            "method": self.md_opt(&a.method, place("method"), "../", false),
            "known_issues": issues,
            "contact": {"team": contact.team, "email": contact.email, "phone": contact.phone},
            "response_time": a.response_time,
        });
        self.page(
            "accessibility/index.html",
            "accessibility.html",
            "accessibility",
            ctx,
        );
    }

    /// `_headers` for hosts that read it (Netlify, Cloudflare Pages and others): the same
    /// Content Security Policy as every page's meta tag, plus what a meta tag cannot carry.
    fn headers(&mut self) {
        if self.history.archived.is_some() {
            return;
        }
        let text = format!(
            "/*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  X-Frame-Options: DENY\n  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n\n/*.wasm\n  Content-Type: application/wasm\n"
        );
        self.out.insert("_headers".into(), text.into_bytes());
    }

    fn sitemap(&mut self) {
        let base = self.c.site.base_url.clone().unwrap_or_default();
        let base = if base.is_empty() || base.ends_with('/') {
            base
        } else {
            format!("{base}/")
        };
        if base.is_empty() {
            self.diag(
                Diagnostic {
                    severity: hearth_model::Severity::Warning,
                    ..Diagnostic::error(
                        Location { file: self.loaded.sources.display(SITE_FILE), pos: None, field: "base_url".into() },
                        "`base_url` is not set, so sitemap.xml lists addresses relative to the site",
                    )
                }
                .with_hint("set `base_url:` to the address the site will be published at"),
            );
        }
        let mut urls: Vec<String> = self
            .out
            .keys()
            .filter(|k| k.ends_with("index.html"))
            .map(|k| format!("{base}{}", k.trim_end_matches("index.html")))
            .collect();
        urls.sort();
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for u in urls {
            xml.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&u)));
        }
        xml.push_str("</urlset>\n");
        self.out.insert("sitemap.xml".into(), xml.into_bytes());
    }
}

/// A number for data files: up to 6 decimals, trailing zeros dropped (`272`, `262.6`).
fn short_number(v: f64) -> String {
    let text = format::plain(v, 6);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn default_decimals(v: f64) -> u8 {
    if (v - v.round()).abs() < 1e-9 { 0 } else { 1 }
}

/// One sentence describing a breakdown: its largest category.
fn breakdown_summary(b: &hearth_model::Breakdown) -> String {
    let d = b.decimals.unwrap_or(0);
    let valued: Vec<(&str, f64)> = b
        .rows
        .iter()
        .filter(|r| r.flag.is_none())
        .filter_map(|r| r.value.map(|v| (r.label.as_str(), v)))
        .collect();
    let Some((top, v)) = valued.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return format!("{}: no values published.", b.title);
    };
    let what = if b.unit == Unit::Percent {
        "the largest share"
    } else {
        "the largest group"
    };
    format!(
        "{} as at {}: {} categories; {what} is {top} ({}).",
        b.title,
        b.as_at.label(),
        b.rows.len(),
        format::value(v, b.unit, d)
    )
}

/// What a metric's chart shows, in words (the figures themselves are in the table).
fn chart_description(m: &Metric, authority: &str) -> String {
    let periods = charts::metric_periods(m);
    let span = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if a != b => format!(" from {} to {}", a.label(), b.label()),
        (Some(a), _) => format!(" for {}", a.label()),
        _ => String::new(),
    };
    let mut lines = vec![authority.to_string()];
    if !m.targets.is_empty() {
        lines.push("the target".into());
    }
    lines.extend(m.comparators.iter().map(|c| c.label.clone()));
    let list = match lines.len() {
        1 => lines[0].clone(),
        n => format!("{} and {}", lines[..n - 1].join(", "), lines[n - 1]),
    };
    format!("Line chart{span} showing {list}. The table below gives every figure.")
}
