//! Reading annotation files a reader imports: W3C JSON (one annotation, an
//! array, a collection with embedded pages), newsgloss's own export and
//! stored form, and Hypothesis JSON (the API's `{"rows": [...]}`, the
//! client export's `{"annotations": [...]}`).
//!
//! All or nothing: the first invalid item stops the import with a message
//! that names it and says why, and nothing is changed. Limits keep a
//! hostile file from eating the page's memory or storage quota.
//!
//! Pure: ids for annotations that have none are derived from their content,
//! so importing the same file twice gives the same ids.

use serde_json::Value;

use super::model::{
    object_has_type, Annotation, Body, Motivation, OneOrMany, Selector, SpecificResource, Target, TextualBody,
};
use super::reader::selectors_of;
use super::store::FORMAT;
use super::uuid::content_urn;

/// Largest file read (bytes of UTF-8).
pub const MAX_BYTES: usize = 50_000_000;
/// Most annotations in one file.
pub const MAX_ITEMS: usize = 50_000;
/// Longest string anywhere in an item (code points).
pub const MAX_STRING_CHARS: usize = 100_000;
/// Deepest nesting of arrays and objects inside an item.
pub const MAX_DEPTH: usize = 24;

/// Why nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The item at fault (0-based), when one is.
    pub item: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.item {
            Some(i) => write!(f, "item {}: {}", i + 1, self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// What a file holds, ready to be merged into the page's store.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The file's format, for the report ("W3C collection", "Hypothesis API", ...).
    pub format: &'static str,
    pub annotations: Vec<Annotation>,
    /// Items deliberately left out, with why (Hypothesis page notes and
    /// replies have no text to attach to).
    pub skipped: Vec<String>,
    /// How many targeted another address and now target this page.
    pub retargeted: usize,
}

/// Reads `text` as annotations of the page `source`.
pub fn import(text: &str, source: &str) -> Result<Imported, ImportError> {
    let whole = |message: String| ImportError { item: None, message };
    if text.len() > MAX_BYTES {
        return Err(whole(format!(
            "the file is {} MB; the most newsgloss reads is {} MB",
            text.len() / 1_000_000,
            MAX_BYTES / 1_000_000
        )));
    }
    if text.trim().is_empty() {
        return Err(whole("the file is empty".into()));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let why =
            if e.to_string().contains("recursion limit") { "it nests too deeply".to_string() } else { e.to_string() };
        whole(format!("the file is not JSON: {why}"))
    })?;
    let (format, items) = items(value).map_err(whole)?;
    if items.len() > MAX_ITEMS {
        return Err(whole(format!(
            "the file holds {} annotations; the most newsgloss imports at once is {MAX_ITEMS}",
            items.len()
        )));
    }
    let mut out = Imported {
        format: format.name(),
        annotations: Vec::with_capacity(items.len()),
        skipped: Vec::new(),
        retargeted: 0,
    };
    for (i, item) in items.into_iter().enumerate() {
        let err = |message: String| ImportError { item: Some(i), message };
        check_size(&item, 0).map_err(err)?;
        let a = match format {
            Format::Hypothesis(_) => match hypothesis(item).map_err(err)? {
                Some(a) => a,
                None => {
                    out.skipped.push(format!("item {}: a page note or reply, not attached to text", i + 1));
                    continue;
                }
            },
            _ => w3c(item).map_err(err)?,
        };
        let mut a = a;
        if retarget(&mut a, source) {
            out.retargeted += 1;
        }
        out.annotations.push(a);
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy)]
enum Format {
    W3cOne,
    W3cArray,
    W3cCollection,
    W3cPage,
    Ours,
    Hypothesis(&'static str),
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::W3cOne => "W3C annotation",
            Format::W3cArray => "W3C annotations",
            Format::W3cCollection => "W3C collection",
            Format::W3cPage => "W3C annotation page",
            Format::Ours => "newsgloss storage",
            Format::Hypothesis(which) => which,
        }
    }
}

/// The file's items and format.
fn items(value: Value) -> Result<(Format, Vec<Value>), String> {
    let mut obj = match value {
        Value::Array(items) => {
            let format = if items.first().is_some_and(is_hypothesis_row) {
                Format::Hypothesis("Hypothesis annotations")
            } else {
                Format::W3cArray
            };
            return Ok((format, items));
        }
        Value::Object(obj) => obj,
        _ => return Err("the file holds no annotations (expected a JSON object or array)".into()),
    };
    if let Some(Value::Array(rows)) = obj.remove("rows") {
        return Ok((Format::Hypothesis("Hypothesis API"), rows));
    }
    if obj.get("format").and_then(Value::as_str) == Some(FORMAT) {
        return match obj.remove("annotations") {
            Some(Value::Array(items)) => Ok((Format::Ours, items)),
            _ => Err("newsgloss storage without annotations".into()),
        };
    }
    if let Some(Value::Array(items)) = obj.remove("annotations") {
        return Ok((Format::Hypothesis("Hypothesis export"), items));
    }
    if object_has_type(&obj, "AnnotationCollection") {
        let total = obj.get("total").and_then(Value::as_u64);
        let mut items = Vec::new();
        let mut page = obj.remove("first");
        while let Some(p) = page {
            let Value::Object(mut p) = p else {
                return Err("the collection's pages are not in the file (only their addresses are)".into());
            };
            match p.remove("items") {
                Some(Value::Array(more)) => items.extend(more),
                _ => return Err("a page of the collection has no items list".into()),
            }
            page = p.remove("next").filter(Value::is_object);
            if items.len() > MAX_ITEMS {
                break;
            }
        }
        if let Some(total) = total.filter(|&t| t as usize > items.len()) {
            return Err(format!(
                "the collection has {total} annotations but the file holds {} (its other pages are not in the file)",
                items.len()
            ));
        }
        return Ok((Format::W3cCollection, items));
    }
    if object_has_type(&obj, "AnnotationPage") {
        return match obj.remove("items") {
            Some(Value::Array(items)) => Ok((Format::W3cPage, items)),
            _ => Err("the annotation page has no items list".into()),
        };
    }
    if object_has_type(&obj, "Annotation") {
        return Ok((Format::W3cOne, vec![Value::Object(obj)]));
    }
    Err("the file is not a W3C annotation, collection or page, nor a Hypothesis export".into())
}

fn is_hypothesis_row(v: &Value) -> bool {
    v.get("type").is_none() && v.get("uri").is_some()
}

/// Refuses items that nest too deeply or carry huge strings.
fn check_size(v: &Value, depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("it nests deeper than {MAX_DEPTH} levels"));
    }
    match v {
        Value::String(s) if s.len() > MAX_STRING_CHARS && s.chars().count() > MAX_STRING_CHARS => {
            Err(format!("a text of {} characters is longer than the {MAX_STRING_CHARS} allowed", s.chars().count()))
        }
        Value::Array(a) => a.iter().try_for_each(|x| check_size(x, depth + 1)),
        Value::Object(o) => o.values().try_for_each(|x| check_size(x, depth + 1)),
        _ => Ok(()),
    }
}

/// One W3C annotation, checked: an object of type `Annotation`, well-typed,
/// with a target the widget can place on the text.
fn w3c(item: Value) -> Result<Annotation, String> {
    let Value::Object(obj) = &item else {
        return Err(format!("expected an annotation object, found {}", kind_of(&item)));
    };
    if !object_has_type(obj, "Annotation") {
        return Err("its \"type\" is not \"Annotation\"".into());
    }
    let id = obj.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
    let mut a: Annotation = serde_json::from_value(item.clone()).map_err(|e| e.to_string())?;
    if a.id.is_empty() {
        a.id = content_urn(&["imported", &item.to_string()]);
    } else {
        a.id = id;
    }
    if !has_text_selector(&a) {
        return Err(
            "its target has no TextQuoteSelector or TextPositionSelector, so it cannot be placed on the text".into()
        );
    }
    if a.body.is_some() && a.body_value.is_some() {
        return Err("it has both \"body\" and \"bodyValue\"".into());
    }
    Ok(a)
}

fn has_text_selector(a: &Annotation) -> bool {
    selectors_of(a).iter().any(|s| {
        matches!(s, Selector::TextQuote(q) if !q.exact.is_empty())
            || matches!(s, Selector::TextPosition(p) if p.start < p.end)
    })
}

/// One Hypothesis row as a W3C annotation; `None` for page notes and
/// replies (no selector).
fn hypothesis(item: Value) -> Result<Option<Annotation>, String> {
    let Value::Object(obj) = item else {
        return Err(format!("expected a Hypothesis annotation object, found {}", kind_of(&item)));
    };
    let str_of = |key: &str| -> Result<Option<String>, String> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(format!("\"{key}\" should be text, found {}", kind_of(v))),
        }
    };
    let hid = str_of("id")?.filter(|s| !s.is_empty()).ok_or("it has no \"id\"")?;
    let uri = str_of("uri")?.unwrap_or_default();
    let text = str_of("text")?.unwrap_or_default();
    let tags: Vec<String> = match obj.get("tags") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(t)) => {
            t.iter().map(|x| x.as_str().map(str::to_string).ok_or("a tag is not text")).collect::<Result<_, _>>()?
        }
        Some(v) => return Err(format!("\"tags\" should be a list, found {}", kind_of(v))),
    };
    let targets = match obj.get("target") {
        Some(Value::Array(t)) => t.clone(),
        None | Some(Value::Null) => Vec::new(),
        Some(v) => return Err(format!("\"target\" should be a list, found {}", kind_of(v))),
    };
    let Some(target) = targets.into_iter().next() else { return Ok(None) };
    let source = target.get("source").and_then(Value::as_str).unwrap_or(&uri).to_string();
    let selectors: Vec<Selector> = match target.get("selector") {
        None | Some(Value::Null) => return Ok(None),
        Some(s) => serde_json::from_value::<OneOrMany<Selector>>(s.clone())
            .map_err(|e| format!("its selectors: {e}"))?
            .into_vec(),
    };
    let mut a = Annotation::new(
        content_urn(&["hypothesis", &hid]),
        Target::Specific(SpecificResource::selected(source, selectors)),
    );
    if !has_text_selector(&a) {
        return Ok(None);
    }
    a.created = str_of("created")?;
    a.modified = str_of("updated")?.or_else(|| a.created.clone());
    let mut bodies = Vec::new();
    if !text.is_empty() {
        bodies.push(Body::Textual(TextualBody::plain(&text, Motivation::Commenting)));
    }
    bodies.extend(tags.iter().map(|t| Body::Textual(TextualBody::plain(t, Motivation::Tagging))));
    a.motivation = Some(OneOrMany::One(if !text.is_empty() {
        Motivation::Commenting
    } else if !tags.is_empty() {
        Motivation::Tagging
    } else {
        Motivation::Highlighting
    }));
    if !bodies.is_empty() {
        a.body = Some(OneOrMany::Many(bodies));
    }
    a.extra.insert("canonical".into(), format!("https://hypothes.is/a/{hid}").into());
    Ok(Some(a))
}

/// Points every target at `source`; whether any pointed elsewhere.
fn retarget(a: &mut Annotation, source: &str) -> bool {
    let mut changed = false;
    let mut fix = |t: &mut Target| match t {
        Target::Specific(r) if r.source != source => {
            r.source = source.to_string();
            changed = true;
        }
        Target::Iri(iri) if iri != source => {
            *iri = source.to_string();
            changed = true;
        }
        _ => {}
    };
    match &mut a.target {
        OneOrMany::One(t) => fix(t),
        OneOrMany::Many(ts) => ts.iter_mut().for_each(fix),
    }
    changed
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::reader::{note_annotation, view, Draft};
    use crate::annotation::TextSelectors;

    const SRC: &str = "https://news.example/a";

    fn note_json(id: &str) -> String {
        let sel = TextSelectors::new("one two three").pair(4, 7);
        let a = note_annotation(id, SRC, sel, &Draft { note: "n".into(), ..Draft::default() }, "2026-11-28T10:00:00Z");
        serde_json::to_string(&a).unwrap_or_default()
    }

    fn ok(text: &str) -> Imported {
        import(text, SRC).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reads_every_w3c_shape() {
        let one = note_json("urn:uuid:a");
        assert_eq!(ok(&one).format, "W3C annotation");
        let arr = format!("[{one}, {}]", note_json("urn:uuid:b"));
        assert_eq!(ok(&arr).annotations.len(), 2);
        let coll = format!(
            r#"{{"@context":"http://www.w3.org/ns/anno.jsonld","id":"c","type":"AnnotationCollection","total":2,
               "first":{{"id":"p1","type":"AnnotationPage","items":[{one}],
                 "next":{{"id":"p2","type":"AnnotationPage","items":[{}]}}}}}}"#,
            note_json("urn:uuid:b")
        );
        let got = ok(&coll);
        assert_eq!((got.format, got.annotations.len()), ("W3C collection", 2));
        let page = format!(r#"{{"id":"p","type":"AnnotationPage","items":[{one}]}}"#);
        assert_eq!(ok(&page).annotations[0].id, "urn:uuid:a");
    }

    #[test]
    fn reads_hypothesis_api_and_client_exports() {
        let row = r#"{"id":"Hx1","created":"2026-01-02T03:04:05.678901+00:00","updated":"2026-01-03T00:00:00+00:00",
            "uri":"https://elsewhere.example/a","text":"a note","tags":["t1","t2"],"user":"acct:x@hypothes.is",
            "target":[{"source":"https://elsewhere.example/a","selector":[
              {"type":"RangeSelector","startContainer":"/p[1]","startOffset":0,"endContainer":"/p[1]","endOffset":3},
              {"type":"TextPositionSelector","start":4,"end":7},
              {"type":"TextQuoteSelector","exact":"two","prefix":"one ","suffix":" three"}]}]}"#;
        let page_note =
            r#"{"id":"Hx2","uri":"https://elsewhere.example/a","text":"page note","target":[{"source":"x"}]}"#;
        let api = ok(&format!(r#"{{"total":2,"rows":[{row},{page_note}]}}"#));
        assert_eq!((api.format, api.annotations.len(), api.skipped.len(), api.retargeted), ("Hypothesis API", 1, 1, 1));
        let a = &api.annotations[0];
        let v = view(a);
        assert_eq!((v.note.as_str(), v.tags.len(), v.exact.as_str()), ("a note", 2, "two"));
        assert_eq!(a.targets()[0].source(), Some(SRC));
        assert_eq!(a.modified.as_deref(), Some("2026-01-03T00:00:00+00:00"));
        let export = ok(&format!(r#"{{"export_date":"x","client_version":"1","annotations":[{row}]}}"#));
        assert_eq!(export.format, "Hypothesis export");
        // The same Hypothesis annotation gets the same id every time.
        assert_eq!(export.annotations[0].id, a.id);
    }

    #[test]
    fn one_bad_item_stops_everything_and_is_named() {
        let good = note_json("urn:uuid:a");
        let cases = [
            (format!("[{good}, 5]"), Some(1), "found a number"),
            (
                format!(r#"[{good}, {{"type":"Annotation","target":{{"source":"s"}}}}]"#),
                Some(1),
                "no TextQuoteSelector",
            ),
            (format!(r#"[{good}, {{"type":"Note","target":"s"}}]"#), Some(1), "not \"Annotation\""),
            (format!(r#"[{good}, {{"type":"Annotation","created":5,"target":"s"}}]"#), Some(1), "invalid type"),
            (r#"{"rows":[{"id":7,"uri":"u"}]}"#.to_string(), Some(0), "\"id\" should be text"),
            ("".to_string(), None, "empty"),
            ("{\"a\":".to_string(), None, "not JSON"),
            ("\"hello\"".to_string(), None, "no annotations"),
            (
                r#"{"type":"AnnotationCollection","total":3,"first":"https://x/p1"}"#.to_string(),
                None,
                "not in the file",
            ),
        ];
        for (text, item, says) in cases {
            let e = import(&text, SRC).err().unwrap_or_else(|| panic!("accepted {text}"));
            assert_eq!(e.item, item, "{text}: {e}");
            assert!(e.to_string().contains(says), "{text}: {e}");
        }
    }

    #[test]
    fn hostile_files_get_clear_errors() {
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(import(&deep, SRC).err().is_some_and(|e| e.message.contains("too deeply")));
        let nested = format!(r#"[{{"type":"Annotation","target":"s","x":{}1{}}}]"#, "[".repeat(60), "]".repeat(60));
        assert!(import(&nested, SRC).err().is_some_and(|e| e.message.contains("deeper")));
        let huge = format!(
            r#"{{"type":"Annotation","target":{{"source":"s","selector":{{"type":"TextQuoteSelector","exact":"{}"}}}}}}"#,
            "x".repeat(MAX_STRING_CHARS + 1)
        );
        assert!(import(&huge, SRC).err().is_some_and(|e| e.to_string().starts_with("item 1: a text of 100001")));
    }

    #[test]
    fn ten_thousand_annotations_import_with_stable_ids() {
        let items: Vec<String> = (0..10_000)
            .map(|i| format!(r#"{{"type":"Annotation","target":{{"source":"s","selector":{{"type":"TextQuoteSelector","exact":"w{i}"}}}}}}"#))
            .collect();
        let text = format!("[{}]", items.join(","));
        let a = ok(&text);
        assert_eq!(a.annotations.len(), 10_000);
        let b = ok(&text);
        assert_eq!(a.annotations[9_999].id, b.annotations[9_999].id);
        assert!(a.annotations[0].id.starts_with("urn:uuid:"));
    }
}
