//! The stored form of one page's reader annotations: a versioned envelope
//! (read with migrations from older versions), and the merge that lets two
//! tabs, or a tab and an import, combine their changes without losing any.
//!
//! Why pure: what is in the browser's storage is the reader's work. Every
//! rule about reading it (what is unreadable, what a newer version wrote),
//! and about combining copies, is decided here and tested natively; the
//! shell only moves strings in and out of `localStorage`.
//!
//! # Format (version 2)
//!
//! ```json
//! {"format": "newsgloss-annotations", "version": 2, "source": "https://…",
//!  "annotations": [ W3C annotations ],
//!  "deleted": {"urn:uuid:…": "2026-11-28T10:00:00.000Z"}}
//! ```
//!
//! `deleted` holds tombstones (id → when it was deleted), so that a merge
//! with an older copy does not bring a deleted annotation back, and an undo
//! (the annotation saved again, later) does.
//!
//! Version 1 (`{"version": 1, "annotations": [...]}`, no tombstones) is
//! migrated on reading.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::Annotation;
use super::time;

/// The `format` every envelope carries.
pub const FORMAT: &str = "newsgloss-annotations";
/// The version this build writes.
pub const VERSION: u64 = 2;

/// One page's annotations and tombstones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Store {
    pub format: String,
    pub version: u64,
    pub source: String,
    pub annotations: Vec<Annotation>,
    #[serde(default)]
    pub deleted: BTreeMap<String, String>,
}

/// Why stored data cannot be used. It is then kept aside, never written
/// over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, or not this shape.
    Corrupt(String),
    /// Written by a newer newsgloss (this version number).
    Future(u64),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Corrupt(why) => write!(f, "the stored notes are damaged ({why})"),
            Unreadable::Future(v) => {
                write!(
                    f,
                    "the stored notes were written by a newer version of newsgloss (format {v}, this is {VERSION})"
                )
            }
        }
    }
}

impl Store {
    /// An empty store for `source`.
    pub fn new(source: &str) -> Store {
        Store { format: FORMAT.into(), version: VERSION, source: source.into(), ..Store::default() }
    }

    /// Reads what the shell found in storage, migrating older versions.
    pub fn parse(raw: &str) -> Result<Store, Unreadable> {
        let v: Value = serde_json::from_str(raw).map_err(|e| Unreadable::Corrupt(e.to_string()))?;
        let obj = v.as_object().ok_or_else(|| Unreadable::Corrupt("not an object".into()))?;
        let version =
            obj.get("version").and_then(Value::as_u64).ok_or_else(|| Unreadable::Corrupt("no version".into()))?;
        if version > VERSION {
            return Err(Unreadable::Future(version));
        }
        let mut obj = obj.clone();
        if version == 1 {
            obj.insert("format".into(), FORMAT.into());
            obj.entry("source").or_insert_with(|| "".into());
            obj.insert("deleted".into(), Value::Object(Default::default()));
            obj.insert("version".into(), VERSION.into());
        }
        if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(Unreadable::Corrupt("not newsgloss annotations".into()));
        }
        let store: Store =
            serde_json::from_value(Value::Object(obj)).map_err(|e| Unreadable::Corrupt(e.to_string()))?;
        if store.annotations.iter().any(|a| a.id.is_empty()) {
            return Err(Unreadable::Corrupt("an annotation has no id".into()));
        }
        Ok(store)
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The annotation with `id`.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// Adds `a`, or replaces the annotation with its id. A tombstone older
    /// than `a.modified` is lifted (that is what undo relies on).
    pub fn upsert(&mut self, a: Annotation) {
        if self
            .deleted
            .get(&a.id)
            .is_some_and(|when| time::compare(Some(when), a.modified.as_deref()) == Ordering::Less)
        {
            self.deleted.remove(&a.id);
        }
        match self.annotations.iter_mut().find(|x| x.id == a.id) {
            Some(x) => *x = a,
            None => self.annotations.push(a),
        }
    }

    /// Deletes `id` at time `now`; returns what was deleted (for undo).
    pub fn remove(&mut self, id: &str, now: &str) -> Option<Annotation> {
        let i = self.annotations.iter().position(|a| a.id == id)?;
        self.deleted.insert(id.to_string(), now.to_string());
        Some(self.annotations.remove(i))
    }

    /// `self` combined with `other` (another tab's copy, or what storage
    /// holds now): every annotation of either, the newer version of one in
    /// both (by `modified`; ties by content, so every tab picks the same),
    /// minus those deleted at or after their last change. The order is
    /// `self`'s, then `other`'s new ones.
    pub fn merge(&self, other: &Store) -> Store {
        let mut deleted = self.deleted.clone();
        for (id, when) in &other.deleted {
            let newer = deleted.get(id).is_none_or(|mine| time::compare(Some(when), Some(mine)) == Ordering::Greater);
            if newer {
                deleted.insert(id.clone(), when.clone());
            }
        }
        let mut annotations: Vec<Annotation> = Vec::with_capacity(self.annotations.len() + other.annotations.len());
        // Position of each id in `annotations`: merging stays linear for
        // imports of thousands.
        let mut at: HashMap<String, usize> = HashMap::with_capacity(annotations.capacity());
        for a in self.annotations.iter().chain(&other.annotations) {
            match at.get(&a.id) {
                Some(&i) => {
                    if newer_version(a, &annotations[i]) {
                        annotations[i] = a.clone();
                    }
                }
                None => {
                    at.insert(a.id.clone(), annotations.len());
                    annotations.push(a.clone());
                }
            }
        }
        annotations.retain(|a| {
            deleted.get(&a.id).is_none_or(|when| time::compare(Some(when), a.modified.as_deref()) == Ordering::Less)
        });
        // A tombstone that lost to a later edit is spent.
        let live: std::collections::HashSet<&str> = annotations.iter().map(|a| a.id.as_str()).collect();
        deleted.retain(|id, _| !live.contains(id.as_str()));
        let source = if self.source.is_empty() { other.source.clone() } else { self.source.clone() };
        Store { format: FORMAT.into(), version: VERSION, source, annotations, deleted }
    }
}

/// Whether `a` should replace `b` (same id).
fn newer_version(a: &Annotation, b: &Annotation) -> bool {
    match time::compare(a.modified.as_deref(), b.modified.as_deref()) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => serde_json::to_string(a).unwrap_or_default() > serde_json::to_string(b).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::reader::{edited, note_annotation, Draft};
    use crate::annotation::TextSelectors;

    fn note(id: &str, text: &str, when: &str) -> Annotation {
        let sel = TextSelectors::new("one two three").pair(4, 7);
        note_annotation(id, "s", sel, &Draft { note: text.into(), ..Draft::default() }, when)
    }

    const T1: &str = "2026-11-28T10:00:00.000Z";
    const T2: &str = "2026-11-28T11:00:00.000Z";
    const T3: &str = "2026-11-28T12:00:00.000Z";

    #[test]
    fn round_trips() {
        let mut s = Store::new("https://x.example/a");
        s.upsert(note("a", "hello", T1));
        s.remove("missing", T2);
        let back = Store::parse(&s.to_json());
        assert_eq!(back, Ok(s));
    }

    #[test]
    fn migrates_version_one() {
        let a = serde_json::to_string(&note("a", "old", T1)).unwrap_or_default();
        let raw = format!(r#"{{"version": 1, "annotations": [{a}]}}"#);
        let s = Store::parse(&raw).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((s.version, s.format.as_str(), s.annotations.len()), (VERSION, FORMAT, 1));
        assert!(s.deleted.is_empty());
    }

    #[test]
    fn refuses_damaged_and_future_data() {
        for raw in [
            "",
            "{",
            "[]",
            r#"{"version":"2"}"#,
            r#"{"format":"other","version":2,"source":"","annotations":[]}"#,
            r#"{"format":"newsgloss-annotations","version":2,"source":"","annotations":[{"type":"Annotation"}]}"#,
        ] {
            assert!(matches!(Store::parse(raw), Err(Unreadable::Corrupt(_))), "{raw}");
        }
        assert_eq!(Store::parse(r#"{"version": 3, "anything": true}"#), Err(Unreadable::Future(3)));
        assert!(Unreadable::Future(3).to_string().contains("newer version"));
    }

    #[test]
    fn concurrent_edits_of_different_annotations_both_survive() {
        let mut base = Store::new("s");
        base.upsert(note("a", "a0", T1));
        base.upsert(note("b", "b0", T1));
        let mut tab1 = base.clone();
        let mut tab2 = base.clone();
        tab1.upsert(edited(&note("a", "", T1), &Draft { note: "a1".into(), ..Draft::default() }, T2));
        tab2.upsert(edited(&note("b", "", T1), &Draft { note: "b2".into(), ..Draft::default() }, T3));
        tab2.upsert(note("c", "new", T3));
        let merged = tab1.merge(&tab2);
        let notes: Vec<String> = merged.annotations.iter().map(|a| crate::annotation::reader::view(a).note).collect();
        assert_eq!(notes, ["a1", "b2", "new"]);
        assert_eq!(tab2.merge(&tab1).annotations.len(), 3);
        // Idempotent.
        assert_eq!(merged.merge(&merged), merged);
    }

    #[test]
    fn deletion_wins_over_older_copies_and_undo_wins_over_deletion() {
        let mut tab1 = Store::new("s");
        tab1.upsert(note("a", "a0", T1));
        let old_copy = tab1.clone();
        let gone = tab1.remove("a", T2);
        assert!(gone.is_some());
        let merged = tab1.merge(&old_copy);
        assert!(merged.annotations.is_empty(), "an older copy must not resurrect it");
        assert!(old_copy.merge(&tab1).annotations.is_empty());
        // Undo: saved again later.
        let mut undone = merged.clone();
        if let Some(a) = gone {
            undone.upsert(edited(&a, &Draft { note: "a0".into(), ..Draft::default() }, T3));
        }
        assert_eq!(undone.annotations.len(), 1);
        assert!(undone.deleted.is_empty());
        assert_eq!(undone.merge(&tab1).annotations.len(), 1);
    }

    #[test]
    fn same_time_edits_resolve_the_same_way_in_every_tab() {
        let mut x = Store::new("s");
        x.upsert(note("a", "from x", T2));
        let mut y = Store::new("s");
        y.upsert(note("a", "from y", T2));
        assert_eq!(x.merge(&y).annotations, y.merge(&x).annotations);
    }
}
