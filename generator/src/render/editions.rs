//! The pages about editions: `/changes/` (what changed since the latest frozen edition, and
//! the dated updates) and `/editions/` (the earlier editions, each published whole under
//! `/editions/<version>/`).

use hearth_model::Period;
use hearth_model::changes::Direction;
use serde_json::{Value, json};

use super::Builder;

impl Builder<'_> {
    /// `/changes/` (what changed since the latest edition, and the dated updates) and
    /// `/editions/` (the list of earlier editions). Nothing for an archived edition.
    pub(crate) fn editions_pages(&mut self) {
        if self.history.archived.is_some() || self.history.editions.is_empty() {
            return;
        }
        let action = |id: &str, title: &str| json!({"id": id, "title": title, "href": format!("plan/{id}/")});
        let measure = |v: &hearth_model::changes::ValueChange, decimals: Option<u8>| {
            let d = decimals.unwrap_or(0);
            let show = |x: Option<f64>| x.map(|x| hearth_model::format::number(x, d));
            json!({
                "id": v.metric, "title": v.title, "href": format!("measures/{}/", v.metric),
                "period": v.period.label(), "from": show(v.from), "to": show(v.to),
            })
        };
        let decimals = |id: &str| self.c.metric(id).map(|m| m.decimals());
        let changes = self.history.changes.as_ref().map(|(version, c)| {
            let rag: Vec<Value> = c
                .rag
                .iter()
                .map(|r| {
                    let mut a = action(&r.action.id, &r.action.title);
                    a["from"] = json!({"key": r.from.key(), "label": r.from.label(), "meaning": r.from.meaning()});
                    a["to"] = json!({"key": r.to.key(), "label": r.to.label(), "meaning": r.to.meaning()});
                    a["direction"] = json!(match r.direction {
                        Direction::Better => "better",
                        Direction::Worse => "worse",
                        Direction::Other => "other",
                    });
                    a
                })
                .collect();
            let latest = self.history.editions.iter().find(|e| &e.version == version);
            json!({
                "version": version,
                "href": format!("editions/{version}/"),
                "published": latest.map(|e| e.published.label()),
                "count": c.count(),
                "rag_up": c.rag_up(), "rag_down": c.rag_down(),
                "added": c.actions_added.iter().map(|a| action(&a.id, &a.title)).collect::<Vec<_>>(),
                "removed": c.actions_removed.iter().map(|a| json!({"id": a.id, "title": a.title, "href": format!("editions/{version}/plan/{}/", a.id)})).collect::<Vec<_>>(),
                "rag": rag,
                "status": c.status.iter().map(|s| { let mut a = action(&s.action.id, &s.action.title); a["from"] = json!(s.from); a["to"] = json!(s.to); a }).collect::<Vec<_>>(),
                "timescales": c.timescales.iter().map(|t| { let mut a = action(&t.action.id, &t.action.title); a["from"] = json!(t.from.label()); a["to"] = json!(t.to.label()); a["later"] = json!(t.later); a }).collect::<Vec<_>>(),
                "values_added": c.values_added.iter().map(|v| measure(v, decimals(&v.metric))).collect::<Vec<_>>(),
                "values_revised": c.values_revised.iter().map(|v| measure(v, decimals(&v.metric))).collect::<Vec<_>>(),
                "targets": c.targets.iter().map(|v| measure(v, decimals(&v.metric))).collect::<Vec<_>>(),
            })
        });
        // Dated updates: the current edition's notes and every earlier edition's, newest first.
        let mut updates: Vec<(Period, String, String)> = self
            .c
            .site
            .edition
            .notes
            .iter()
            .map(|n| {
                (
                    n.date.clone(),
                    n.text.clone(),
                    self.c.site.edition.version.clone(),
                )
            })
            .collect();
        for e in &self.history.editions {
            updates.extend(
                e.notes
                    .iter()
                    .map(|n| (n.date.clone(), n.text.clone(), e.version.clone())),
            );
        }
        updates.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
        updates.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let updates: Vec<Value> = updates
            .iter()
            .map(|(date, text, version)| json!({"date": date.label(), "text": text, "version": version}))
            .collect();
        let editions: Vec<Value> = self
            .history
            .editions
            .iter()
            .rev()
            .map(|e| {
                json!({
                    "version": e.version, "href": format!("editions/{}/", e.version),
                    "published": e.published.label(), "status": e.status,
                    "notes": e.notes.iter().map(|n| json!({"date": n.date.label(), "text": n.text})).collect::<Vec<_>>(),
                })
            })
            .collect();
        self.page(
            "changes/index.html",
            "changes.html",
            "changes",
            json!({"title": "What changed", "changes": changes, "updates": updates}),
        );
        self.page(
            "editions/index.html",
            "editions.html",
            "changes",
            json!({"title": "Earlier editions", "editions": editions}),
        );
    }
}
