//! Readers' annotations in the browser: the tab's copy of the page's store,
//! where each annotation sits on the page this time, saving (with the
//! quota and other tabs in mind), and the events scripts listen to.
//!
//! The rules (the W3C shape, merging, anchoring, import) are the core's;
//! this module calls them and moves the results to and from the DOM.

use std::collections::HashMap;

use wasm_bindgen::JsValue;
use web_sys::{Document, Range};

use super::body::Body;
use super::storage::{PageStorage, SaveError};
use crate::annotation::export;
use crate::annotation::import::{import, Imported};
use crate::annotation::reader::{
    correction_annotation, edited, note_annotation, selectors_of, view, Correction, Draft, COLOURS,
};
use crate::annotation::store::Store;
use crate::annotation::{Anchorer, Annotation, TextSelectors};
use crate::article::body::BodyMap;
use crate::ui::notes::{rows, Mark, Message, NotesModel};

/// The tab's annotations of one page.
pub struct Notes {
    source: String,
    storage: Option<PageStorage>,
    store: Store,
    /// Body span of each annotation that anchored this time, by id.
    anchors: HashMap<String, (usize, usize)>,
    message: Option<Message>,
    /// A change is not in storage yet (quota full): retried on the next
    /// change and by a timer.
    pub unsaved: bool,
    undo: Option<Annotation>,
    /// The reader's current selection in the body: its span, text, and
    /// where to show the "Annotate" button.
    pub selection: Option<((usize, usize), String, f64, f64)>,
    /// The selection the open editor is about, and its text.
    pub pending: Option<(usize, usize)>,
    pub pending_text: Option<String>,
    /// How many times a key asked for the editor (see `NotesModel`).
    pub open_editor: u32,
    /// Corrections that anchored but changed nothing (set by the shell
    /// after applying them).
    pub inactive: std::collections::HashSet<String>,
    /// `listener(type, annotation)` for scripts (the loader fans it out).
    pub listener: Option<js_sys::Function>,
}

/// A stored correction: its annotation's id, what it says, and the article
/// span it anchored to (`None`: outside the article).
pub type PlacedCorrection = (String, Correction, Option<(usize, usize)>);

/// What an import did, for the reader and for `importJson`.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub ok: bool,
    pub format: Option<String>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: Vec<String>,
    pub error: Option<String>,
    pub message: String,
}

impl Notes {
    /// The stored annotations of page `source` (a message if they could
    /// not be read; they are then kept aside).
    pub fn open(source: &str) -> Notes {
        let storage = PageStorage::open(source);
        let (store, warning) = match &storage {
            Some(s) => s.load(),
            None => (
                Store::new(source),
                Some("This browser gives newsgloss no storage: notes last until the tab closes.".to_string()),
            ),
        };
        Notes {
            source: source.to_string(),
            storage,
            store,
            anchors: HashMap::new(),
            message: warning.map(|text| Message { text, error: true, undo: false }),
            unsaved: false,
            undo: None,
            selection: None,
            pending: None,
            pending_text: None,
            open_editor: 0,
            inactive: Default::default(),
            listener: None,
        }
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn storage_key(&self) -> Option<&str> {
        self.storage.as_ref().map(PageStorage::key)
    }

    /// All annotations, as stored.
    pub fn annotations(&self) -> &[Annotation] {
        &self.store.annotations
    }

    /// Finds every annotation's place in the body's current text.
    pub fn anchor(&mut self, body: &Body) {
        let anchorer = Anchorer::new(&body.text);
        self.anchors = self
            .store
            .annotations
            .iter()
            .filter_map(|a| {
                let at = anchorer.anchor(selectors_of(a))?;
                (at.start < at.end).then(|| (a.id.clone(), (at.start, at.end)))
            })
            .collect();
    }

    /// Where annotation `id` sits in the body, if it anchored.
    pub fn span(&self, id: &str) -> Option<(usize, usize)> {
        self.anchors.get(id).copied()
    }

    /// The panel's model.
    pub fn model(&self) -> NotesModel {
        let (rows, orphans, tags) = rows(
            self.store
                .annotations
                .iter()
                .map(|a| (view(a), self.anchors.get(&a.id).map(|s| s.0), self.inactive.contains(&a.id)))
                .collect(),
        );
        NotesModel {
            rows,
            orphans,
            tags,
            message: self.message.clone(),
            selection: self.selection.as_ref().map(|(_, text, x, y)| (text.clone(), *x, *y)),
            pending: self.pending_text.clone(),
            open_editor: self.open_editor,
        }
    }

    /// Ranges to highlight, by colour (notes only: corrections change the
    /// findings instead).
    pub fn ranges(&self, body: &Body, doc: &Document) -> Vec<(&'static str, Vec<Range>)> {
        let view_ = body.view();
        let mut out: Vec<(&'static str, Vec<Range>)> = COLOURS.iter().map(|&c| (c, Vec::new())).collect();
        for a in &self.store.annotations {
            let Some(&(s, e)) = self.anchors.get(&a.id) else { continue };
            let v = view(a);
            if v.correction.is_some() {
                continue;
            }
            if let (Some(slot), Some(r)) = (out.iter_mut().find(|(c, _)| *c == v.colour), body.range(&view_, doc, s, e))
            {
                slot.1.push(r);
            }
        }
        out
    }

    /// The corrections that anchored, by id, with their article spans
    /// (`None`: the text is outside the article).
    pub fn corrections(&self, map: &BodyMap) -> Vec<PlacedCorrection> {
        self.store
            .annotations
            .iter()
            .filter_map(|a| {
                let c = view(a).correction?;
                let (s, e) = self.anchors.get(&a.id)?;
                Some((a.id.clone(), c, map.to_article(*s, *e)))
            })
            .collect()
    }

    /// A new note (and a correction, when the reader marks the text as an
    /// actor or a quote) on body span `span`.
    pub fn create(&mut self, body: &Body, span: (usize, usize), draft: &Draft, mark: Option<Mark>) -> Vec<Annotation> {
        let selectors = TextSelectors::new(&body.text).pair(span.0, span.1);
        let now = now();
        let mut made = Vec::new();
        let cleaned = draft.cleaned();
        let has_note = !cleaned.note.is_empty() || !cleaned.tags.is_empty() || mark.is_none();
        if has_note {
            made.push(note_annotation(&new_id(), &self.source, selectors.clone(), draft, &now));
        }
        if let Some(mark) = mark {
            let c = match mark {
                Mark::Actor(kind) => Correction::MissedActor { kind },
                Mark::Quote => Correction::MissedQuote { speaker: None },
            };
            made.push(correction_annotation(&new_id(), &self.source, selectors, &c, &now));
        }
        for a in &made {
            self.store.upsert(a.clone());
        }
        self.saved("created", &made);
        made
    }

    /// A correction on body span `span`, replacing earlier confirmations
    /// or rejections of the same text.
    pub fn correct(&mut self, body: &Body, span: (usize, usize), correction: Correction) -> Annotation {
        let selectors = TextSelectors::new(&body.text).pair(span.0, span.1);
        let now = now();
        let same_target = |a: &Annotation, anchors: &HashMap<String, (usize, usize)>| {
            anchors.get(&a.id) == Some(&span)
                && matches!(
                    (view(a).correction, &correction),
                    (
                        Some(Correction::Confirm { .. } | Correction::Reject { .. }),
                        Correction::Confirm { .. } | Correction::Reject { .. }
                    ) | (Some(Correction::Speaker { .. }), Correction::Speaker { .. })
                )
        };
        let old: Vec<String> =
            self.store.annotations.iter().filter(|a| same_target(a, &self.anchors)).map(|a| a.id.clone()).collect();
        for id in old {
            self.store.remove(&id, &now);
        }
        let a = correction_annotation(&new_id(), &self.source, selectors, &correction, &now);
        self.store.upsert(a.clone());
        self.saved("created", std::slice::from_ref(&a));
        a
    }

    /// The reader edited annotation `id`.
    pub fn update(&mut self, id: &str, draft: &Draft) -> Option<Annotation> {
        let a = edited(self.store.get(id)?, draft, &now());
        self.store.upsert(a.clone());
        self.saved("updated", std::slice::from_ref(&a));
        Some(a)
    }

    /// Deletes `id`, keeping it for undo.
    pub fn delete(&mut self, id: &str) -> Option<Annotation> {
        let a = self.store.remove(id, &now())?;
        self.undo = Some(a.clone());
        self.saved("deleted", std::slice::from_ref(&a));
        if !self.unsaved {
            self.message = Some(Message { text: "Note deleted.".into(), error: false, undo: true });
        }
        Some(a)
    }

    /// Brings back the last deleted annotation.
    pub fn undo(&mut self) -> Option<Annotation> {
        let a = self.undo.take()?;
        let mut back = a.clone();
        back.modified = Some(now());
        self.store.upsert(back.clone());
        self.message = None;
        self.saved("created", std::slice::from_ref(&back));
        Some(back)
    }

    /// Adds or replaces annotations given by a script or an import; they
    /// keep their ids and times.
    pub fn put(&mut self, items: Vec<Annotation>, event: &str) {
        for a in &items {
            self.store.upsert(a.clone());
        }
        self.saved(event, &items);
    }

    /// Imports a file's text: all or nothing.
    pub fn import(&mut self, text: &str) -> ImportReport {
        let mut report = ImportReport {
            ok: false,
            format: None,
            added: 0,
            updated: 0,
            unchanged: 0,
            skipped: Vec::new(),
            error: None,
            message: String::new(),
        };
        match import(text, &self.source) {
            Err(e) => {
                report.error = Some(e.to_string());
                report.message = format!("Nothing was imported: {e}.");
            }
            Ok(Imported { format, annotations, skipped, retargeted }) => {
                // Importing is the reader's explicit act: it brings back
                // annotations deleted here before.
                let mut incoming = Store::new(&self.source);
                for a in &annotations {
                    self.store.deleted.remove(&a.id);
                }
                incoming.annotations = annotations.clone();
                let merged = self.store.merge(&incoming);
                let before: HashMap<&str, &Annotation> =
                    self.store.annotations.iter().map(|a| (a.id.as_str(), a)).collect();
                let after: HashMap<&str, &Annotation> = merged.annotations.iter().map(|a| (a.id.as_str(), a)).collect();
                let mut changed = Vec::new();
                for a in annotations {
                    match before.get(a.id.as_str()) {
                        None => report.added += 1,
                        Some(old) if **old != a && after.get(a.id.as_str()) == Some(&&a) => report.updated += 1,
                        Some(_) => {
                            report.unchanged += 1;
                            continue;
                        }
                    }
                    changed.push(a);
                }
                drop((before, after));
                self.store = merged;
                report.ok = true;
                report.format = Some(format.to_string());
                report.message = format!(
                    "Imported from {format}: {} new, {} updated, {} unchanged{}{}.",
                    report.added,
                    report.updated,
                    report.unchanged,
                    if skipped.is_empty() {
                        String::new()
                    } else {
                        format!(", {} skipped (not attached to text)", skipped.len())
                    },
                    if retargeted > 0 { format!("; {retargeted} were made on another address") } else { String::new() },
                );
                report.skipped = skipped;
                self.message = Some(Message { text: report.message.clone(), error: false, undo: false });
                self.saved("created", &changed);
                return report;
            }
        }
        self.message = Some(Message { text: report.message.clone(), error: true, undo: false });
        report
    }

    /// The export file: the reader's annotations, and the findings (already
    /// moved onto body offsets) when given.
    pub fn export(&self, findings: Vec<Annotation>) -> String {
        let mut all = self.store.annotations.clone();
        all.extend(findings);
        export::to_json(&export::collection(&self.source, all))
    }

    /// Another tab changed the stored copy: merge it in. Whether anything
    /// changed here.
    pub fn sync(&mut self) -> bool {
        let Some(stored) = self.storage.as_ref().and_then(PageStorage::peek) else { return false };
        let merged = self.store.merge(&stored);
        let changed = merged != self.store;
        self.store = merged;
        changed
    }

    /// Sets a message for the reader.
    pub fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message { text: text.into(), error, undo: false });
    }

    pub fn dismiss(&mut self) {
        self.message = None;
    }

    /// Saves after a change, tells listeners.
    fn saved(&mut self, event: &str, items: &[Annotation]) {
        self.save();
        if let Some(f) = &self.listener {
            for a in items {
                let json = serde_json::to_string(a).unwrap_or_default();
                let value = js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL);
                let _ = f.call2(&JsValue::NULL, &JsValue::from_str(event), &value);
            }
        }
    }

    /// Writes the tab's copy (merged with what another tab stored). On a
    /// full quota the change stays in memory and `unsaved` is set: the
    /// shell retries. Whether it is stored now.
    pub fn save(&mut self) -> bool {
        let Some(storage) = &self.storage else { return false };
        match storage.save(&self.store) {
            Ok(merged) => {
                self.store = merged;
                if self.unsaved {
                    self.unsaved = false;
                    self.say("Storage has room again: all notes are saved.", false);
                }
                true
            }
            Err(SaveError::Full) => {
                self.unsaved = true;
                self.say(
                    "This browser's storage for this site is full: your change is kept in this tab and will be saved as soon as there is room. Export your notes to be safe.",
                    true,
                );
                false
            }
            Err(SaveError::Refused(why)) => {
                self.unsaved = true;
                self.say(format!("Storage refused the change ({why}); it is kept in this tab and retried."), true);
                false
            }
        }
    }
}

/// Now, as the annotations' timestamps write it.
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A fresh `urn:uuid:` (random, version 4).
pub fn new_id() -> String {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    let uuid = crypto
        .and_then(|c| {
            let f = js_sys::Reflect::get(&c, &"randomUUID".into()).ok()?;
            let f: &js_sys::Function = wasm_bindgen::JsCast::dyn_ref(&f)?;
            f.call0(&c).ok()?.as_string()
        })
        .unwrap_or_else(|| {
            let hex =
                |n: usize| (0..n).map(|_| format!("{:x}", (js_sys::Math::random() * 16.0) as u8)).collect::<String>();
            format!("{}-{}-4{}-a{}-{}", hex(8), hex(4), hex(3), hex(3), hex(12))
        });
    format!("urn:uuid:{uuid}")
}
