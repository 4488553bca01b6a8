//! The asks page's filter index (see [`crate::filter`]).

use super::{Asks, Category};
use crate::filter::{Facet, FacetValue, Index, Item};

/// The asks page's index: facets `type`, `age`, `need` and `locality` (in that order); the
/// due date is the end of `by`; the text is the title, detail, category labels and id.
pub fn asks_index(a: &Asks) -> Index {
    let values = |list: &[Category]| -> Vec<FacetValue> {
        list.iter()
            .map(|c| FacetValue {
                key: c.id.clone(),
                label: c.label.clone(),
            })
            .collect()
    };
    let position = |list: &[Category], id: &str| -> Option<u32> {
        list.iter().position(|c| c.id == id).map(|i| i as u32)
    };
    let positions = |list: &[Category], ids: &[String]| -> Vec<u32> {
        let mut out: Vec<u32> = ids.iter().filter_map(|id| position(list, id)).collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    let label = |list: &[Category], id: &str| -> String {
        list.iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.label.clone())
    };
    let items = a
        .asks
        .iter()
        .map(|ask| {
            let mut text = String::new();
            let mut parts: Vec<String> = vec![ask.title.clone()];
            parts.extend(ask.detail.clone());
            parts.push(label(&a.placement_types, &ask.placement_type));
            parts.extend(ask.ages.iter().map(|x| label(&a.age_bands, x)));
            parts.extend(ask.needs.iter().map(|x| label(&a.needs, x)));
            parts.push(label(&a.localities, &ask.locality));
            parts.push(ask.id.clone());
            for part in parts {
                text.push_str(&part.to_lowercase());
                text.push('\n');
            }
            Item {
                id: ask.id.clone(),
                facets: vec![
                    position(&a.placement_types, &ask.placement_type)
                        .into_iter()
                        .collect(),
                    positions(&a.age_bands, &ask.ages),
                    positions(&a.needs, &ask.needs),
                    position(&a.localities, &ask.locality).into_iter().collect(),
                ],
                due: ask.by.end().map(|d| d.to_days()),
                text,
            }
        })
        .collect();
    Index {
        facets: vec![
            Facet {
                name: "type".into(),
                label: "Placement type".into(),
                values: values(&a.placement_types),
            },
            Facet {
                name: "age".into(),
                label: "Age band".into(),
                values: values(&a.age_bands),
            },
            Facet {
                name: "need".into(),
                label: "Need".into(),
                values: values(&a.needs),
            },
            Facet {
                name: "locality".into(),
                label: "Locality".into(),
                values: values(&a.localities),
            },
        ],
        items,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_asks_index_has_four_facets() {
        let asks: Asks = serde_yaml::from_str(
            r#"
placement_types: [{ id: fostering, label: Foster care }, { id: homes, label: Children's homes }]
age_bands: [{ id: 0-9, label: 0 to 9 }, { id: 14-17, label: 14 to 17 }]
needs: [{ id: siblings, label: Sibling groups }]
localities: [{ id: city, label: In the city }]
asks:
  - { id: a, title: Teenagers, type: fostering, ages: [14-17], locality: city, by: 2022 }
  - { id: b, title: Brothers and sisters, type: fostering, ages: [14-17, 0-9], needs: [siblings], locality: city, by: Ongoing }
"#,
        )
        .unwrap();
        let ix = asks_index(&asks);
        let names: Vec<&str> = ix.facets.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["type", "age", "need", "locality"]);
        assert_eq!(ix.items[1].facets[1], vec![0, 1]);
        assert!(ix.items[0].due.is_some());
        assert!(ix.items[1].due.is_none());
        let hits = |q: &str| {
            let o = ix.apply(&ix.query_string(q));
            ix.items
                .iter()
                .zip(&o.visible)
                .filter(|(_, v)| **v)
                .map(|(i, _)| i.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(hits("need=siblings"), ["b"]);
        assert_eq!(hits("age=14-17"), ["a", "b"]);
        assert_eq!(hits("q=sibling"), ["b"]);
    }
}
