//! The export file: a page's annotations as one W3C `AnnotationCollection`,
//! deterministic (same annotations, same bytes), so that export → clear →
//! import → export gives the same file.
//!
//! The engine's findings can ride along; their spans are offsets into the
//! article text, so [`rebase`] moves them onto the page's body text first,
//! where readers' annotations live (the convention Hypothesis uses).

use serde_json::Value;

use super::findings::engine_agent;
use super::model::{Annotation, AnnotationCollection, OneOrMany, Target};
use super::selector::TextSelectors;
use super::uuid::content_urn;
use super::Selector;

/// `annotations` of `source` as a collection, in the order given.
pub fn collection(source: &str, annotations: Vec<Annotation>) -> AnnotationCollection {
    let id = content_urn(&["export", source]);
    let page = content_urn(&["export-page", source]);
    let mut c = AnnotationCollection::single_page(id, page, annotations);
    c.label = Some(format!("newsgloss annotations: {source}"));
    c.creator = Some(OneOrMany::One(engine_agent()));
    c
}

/// The file's text: pretty JSON-LD.
pub fn to_json(c: &AnnotationCollection) -> String {
    serde_json::to_string_pretty(c).unwrap_or_default()
}

/// `json` with object keys sorted and collection items sorted by id: two
/// files that mean the same compare equal as strings.
pub fn normalized(json: &str) -> Option<String> {
    let mut v: Value = serde_json::from_str(json).ok()?;
    if let Some(items) = v.pointer_mut("/first/items").and_then(Value::as_array_mut) {
        items.sort_by(|a, b| a.get("id").and_then(Value::as_str).cmp(&b.get("id").and_then(Value::as_str)));
    }
    Some(sorted(v).to_string())
}

fn sorted(v: Value) -> Value {
    match v {
        Value::Object(o) => {
            let mut pairs: Vec<(String, Value)> = o.into_iter().collect();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(pairs.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        v => v,
    }
}

/// Moves annotations made over one text (the article's) onto another (the
/// body's): each target's position is mapped by `map` (code points to code
/// points) and its selectors are made anew over `to`. A target `map` cannot
/// place (`None`) is dropped, and so is an annotation left with none.
pub fn rebase(
    annotations: Vec<Annotation>,
    to: &TextSelectors,
    map: impl Fn(usize, usize) -> Option<(usize, usize)>,
) -> Vec<Annotation> {
    annotations
        .into_iter()
        .filter_map(|mut a| {
            let mut moved: Vec<Target> = a
                .targets()
                .iter()
                .filter_map(|t| {
                    let (start, end) = t.selectors().iter().find_map(|s| match s {
                        Selector::TextPosition(p) => Some((p.start, p.end)),
                        _ => None,
                    })?;
                    let (s, e) = map(start, end)?;
                    let source = t.source().unwrap_or_default().to_string();
                    Some(Target::Specific(super::model::SpecificResource::selected(source, to.pair(s, e))))
                })
                .collect();
            a.target = match moved.len() {
                0 => return None,
                1 => OneOrMany::One(moved.remove(0)),
                _ => OneOrMany::Many(moved),
            };
            Some(a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::import::import;
    use crate::annotation::reader::selectors_of;
    use crate::annotation::reader::{note_annotation, Draft};

    #[test]
    fn export_import_export_is_the_same_file() {
        let text = "KYIV — Mr. Putin said “no” to NATO on Tuesday.";
        let sel = TextSelectors::new(text);
        let notes = vec![
            note_annotation(
                "urn:uuid:b",
                "https://n.example/a",
                sel.pair(7, 16),
                &Draft { note: "who".into(), tags: vec!["x".into()], colour: "pink".into() },
                "2026-11-28T10:00:00.000Z",
            ),
            note_annotation(
                "urn:uuid:a",
                "https://n.example/a",
                sel.pair(34, 38),
                &Draft::default(),
                "2026-11-28T11:00:00.000Z",
            ),
        ];
        let file = to_json(&collection("https://n.example/a", notes));
        let back = import(&file, "https://n.example/a").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.retargeted, 0);
        let again = to_json(&collection("https://n.example/a", back.annotations));
        assert_eq!(again, file);
        // Order does not matter after normalising.
        let mut reversed = import(&file, "https://n.example/a").map(|i| i.annotations).unwrap_or_default();
        reversed.reverse();
        let other = to_json(&collection("https://n.example/a", reversed));
        assert_ne!(other, file);
        assert_eq!(normalized(&other), normalized(&file));
    }

    #[test]
    fn rebase_moves_spans_onto_the_body_text() {
        let article = "Putin spoke.";
        let body = "Menu Home\nPutin spoke.\nFooter";
        let a = note_annotation("i", "s", TextSelectors::new(article).pair(0, 5), &Draft::default(), "t");
        let moved = rebase(vec![a.clone(), a], &TextSelectors::new(body), |s, e| (s < 1).then_some((s + 10, e + 10)));
        assert_eq!(moved.len(), 2);
        let sel = selectors_of(&moved[0]);
        assert!(
            matches!(&sel[0], Selector::TextQuote(q) if q.exact == "Putin" && q.prefix.as_deref() == Some("Menu Home\n"))
        );
        assert!(matches!(&sel[1], Selector::TextPosition(p) if (p.start, p.end) == (10, 15)));
        let none = rebase(moved, &TextSelectors::new(body), |_, _| None);
        assert!(none.is_empty());
    }

    /// An interrupted quotation's pieces move one by one; a piece that
    /// cannot be placed goes, the rest stay.
    #[test]
    fn rebase_moves_every_target() {
        let article = "“A,” he said. “B.”";
        let body = "Menu\n“A,” he said. “B.”";
        let sel = TextSelectors::new(article);
        let piece = |s, e| Target::Specific(super::super::model::SpecificResource::selected("s", sel.pair(s, e)));
        let a = Annotation::new("q", OneOrMany::Many(vec![piece(1, 3), piece(15, 17)]));
        let to = TextSelectors::new(body);
        let moved = rebase(vec![a.clone()], &to, |s, e| Some((s + 5, e + 5)));
        let exacts: Vec<String> = moved[0]
            .targets()
            .iter()
            .map(|t| match t.selectors().first() {
                Some(Selector::TextQuote(q)) => q.exact.clone(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(exacts, ["A,", "B."]);
        let half = rebase(vec![a], &to, |s, e| (s < 10).then_some((s + 5, e + 5)));
        assert!(matches!(&half[0].target, OneOrMany::One(t) if t.selectors().len() == 2));
    }
}
