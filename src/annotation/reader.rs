//! Readers' own annotations: notes, tags, colours and corrections of the
//! engine's reading, written as W3C Web Annotations and read back into the
//! flat [`NoteView`] the sidebar shows.
//!
//! Why one module: the mapping between "what the reader did" and the W3C
//! shape must be the same in both directions, or an export/import round
//! trip changes meaning. The vocabulary follows [`super::findings`]:
//!
//! | reader's act | motivation | bodies (`text/plain`, by purpose) |
//! | --- | --- | --- |
//! | note | `commenting` | `commenting`: the note; `tagging`: each tag; `highlighting`: the colour |
//! | tags only | `tagging` | as above, without a note |
//! | plain highlight | `highlighting` | `highlighting`: the colour |
//! | confirm / reject a finding | `assessing` | `assessing`: `correct` / `incorrect`; `classifying`: `actor`, `quote` or `dispute` |
//! | change a quote's speaker | `editing` | `classifying`: `quote`; `describing`: the speaker's name |
//! | mark a missed actor | `editing` | `classifying`: `person`, `organization`, `place` or `group`; `identifying`: the name |
//! | mark a missed quote | `editing` | `classifying`: `direct`; `describing`: the speaker, if given |
//!
//! Pure: ids and clock readings come from the caller.

use serde::{Deserialize, Serialize};

use super::findings::{engine_agent, enum_name};
use super::model::{Annotation, Body, Motivation, OneOrMany, Selector, SpecificResource, Target, TextualBody};
use crate::analysis::ActorKind;

/// The colours a reader can give a note; the first is the default.
pub const COLOURS: [&str; 5] = ["yellow", "green", "blue", "pink", "purple"];

/// Longest note, tag and speaker name kept (code points): beyond this a
/// string is data, not a note, and would eat the page's storage quota.
pub const MAX_NOTE_CHARS: usize = 20_000;
/// Longest tag (code points).
pub const MAX_TAG_CHARS: usize = 100;

/// What the reader typed in the editor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// One of [`COLOURS`]; anything else is taken as the default.
    #[serde(default)]
    pub colour: String,
}

impl Draft {
    /// The draft as stored: note trimmed at the ends, tags trimmed, without
    /// empty or repeated ones, colour one of [`COLOURS`], lengths capped.
    pub fn cleaned(&self) -> Draft {
        let mut tags: Vec<String> = Vec::new();
        for t in &self.tags {
            let t = cap(t.trim(), MAX_TAG_CHARS);
            if !t.is_empty() && !tags.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                tags.push(t);
            }
        }
        Draft { note: cap(self.note.trim(), MAX_NOTE_CHARS), tags, colour: colour(&self.colour).to_string() }
    }
}

/// What a finding a correction is about is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    Actor,
    Quote,
    Dispute,
}

/// A reader's correction of the engine's reading of the span it targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Correction {
    /// The finding of this kind at the span is right.
    Confirm { finding: FindingKind },
    /// The finding of this kind at the span is wrong: hide it.
    Reject { finding: FindingKind },
    /// The quote at the span was said by `name`.
    Speaker { name: String },
    /// The span names an actor the engine missed.
    MissedActor { kind: ActorKind },
    /// The span is a quotation the engine missed, said by `speaker`.
    MissedQuote { speaker: Option<String> },
}

/// One annotation as the sidebar shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    pub id: String,
    /// The text it is attached to (its quote selector's `exact`).
    pub exact: String,
    pub note: String,
    pub tags: Vec<String>,
    pub colour: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
}

/// A new note on `selectors` of `source`.
pub fn note_annotation(id: &str, source: &str, selectors: Vec<Selector>, draft: &Draft, now: &str) -> Annotation {
    let mut a = new_annotation(id, source, selectors, now);
    set_draft(&mut a, draft);
    a
}

/// `a` with the reader's new draft; id, target, `created` and everything
/// the widget does not write (other bodies, extensions) kept.
pub fn edited(a: &Annotation, draft: &Draft, now: &str) -> Annotation {
    let mut a = a.clone();
    set_draft(&mut a, draft);
    a.modified = Some(now.to_string());
    a
}

/// A new correction on `selectors` of `source`.
pub fn correction_annotation(
    id: &str,
    source: &str,
    selectors: Vec<Selector>,
    correction: &Correction,
    now: &str,
) -> Annotation {
    let mut a = new_annotation(id, source, selectors, now);
    let b = |value: &str, purpose| Body::Textual(TextualBody::plain(value, purpose));
    let (motivation, bodies) = match correction {
        Correction::Confirm { finding } | Correction::Reject { finding } => {
            let verdict = if matches!(correction, Correction::Confirm { .. }) { "correct" } else { "incorrect" };
            (
                Motivation::Assessing,
                vec![b(verdict, Motivation::Assessing), b(finding_name(*finding), Motivation::Classifying)],
            )
        }
        Correction::Speaker { name } => (
            Motivation::Editing,
            vec![b("quote", Motivation::Classifying), b(&cap(name.trim(), MAX_TAG_CHARS), Motivation::Describing)],
        ),
        Correction::MissedActor { kind } => {
            let name = a.targets().first().and_then(exact_of).unwrap_or_default();
            (
                Motivation::Editing,
                vec![b(&actor_kind_name(*kind), Motivation::Classifying), b(&name, Motivation::Identifying)],
            )
        }
        Correction::MissedQuote { speaker } => {
            let mut bodies = vec![b("direct", Motivation::Classifying)];
            if let Some(s) = speaker.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                bodies.push(b(&cap(s, MAX_TAG_CHARS), Motivation::Describing));
            }
            (Motivation::Editing, bodies)
        }
    };
    a.motivation = Some(OneOrMany::One(motivation));
    a.body = Some(OneOrMany::Many(bodies));
    a
}

/// The sidebar's view of any annotation (ours, imported, Hypothesis's): the
/// note is its `commenting` (or purpose-less) text bodies and `bodyValue`,
/// the tags its `tagging` bodies, the colour its `highlighting` body.
pub fn view(a: &Annotation) -> NoteView {
    let mut notes: Vec<&str> = a.body_value.as_deref().into_iter().collect();
    notes.extend(
        texts(a).filter(|t| t.purpose.is_none() || t.has_purpose(&Motivation::Commenting)).map(|t| t.value.as_str()),
    );
    let correction = correction_of(a);
    NoteView {
        id: a.id.clone(),
        exact: a.targets().first().and_then(exact_of).unwrap_or_default(),
        note: if correction.is_some() { String::new() } else { notes.join("\n\n") },
        tags: if correction.is_some() {
            Vec::new()
        } else {
            values(a, &Motivation::Tagging).map(str::to_string).collect()
        },
        colour: colour(values(a, &Motivation::Highlighting).next().unwrap_or_default()).to_string(),
        correction,
        created: a.created.clone(),
        modified: a.modified.clone(),
    }
}

fn texts(a: &Annotation) -> impl Iterator<Item = &TextualBody> {
    a.bodies().iter().filter_map(|b| match b {
        Body::Textual(t) => Some(t),
        _ => None,
    })
}

/// The values of `a`'s text bodies with purpose `p`.
fn values<'a>(a: &'a Annotation, p: &'a Motivation) -> impl Iterator<Item = &'a str> {
    texts(a).filter(move |t| t.has_purpose(p)).map(|t| t.value.as_str())
}

fn correction_of(a: &Annotation) -> Option<Correction> {
    let first = |p: &Motivation| values(a, p).next().map(str::to_string);
    let class = first(&Motivation::Classifying)?;
    if a.is_motivated_by(&Motivation::Assessing) {
        let finding = match class.as_str() {
            "actor" => FindingKind::Actor,
            "quote" => FindingKind::Quote,
            "dispute" => FindingKind::Dispute,
            _ => return None,
        };
        return match first(&Motivation::Assessing)?.as_str() {
            "correct" => Some(Correction::Confirm { finding }),
            "incorrect" => Some(Correction::Reject { finding }),
            _ => None,
        };
    }
    if !a.is_motivated_by(&Motivation::Editing) {
        return None;
    }
    let described = first(&Motivation::Describing);
    match class.as_str() {
        "quote" => described.map(|name| Correction::Speaker { name }),
        "direct" | "partial" => Some(Correction::MissedQuote { speaker: described }),
        kind => actor_kind(kind).map(|kind| Correction::MissedActor { kind }),
    }
}

/// The quote selector's `exact` of a target, if it has one.
pub fn exact_of(t: &Target) -> Option<String> {
    match t {
        Target::Specific(r) => r.selectors().iter().find_map(|s| match s {
            Selector::TextQuote(q) => Some(q.exact.clone()),
            _ => None,
        }),
        _ => None,
    }
}

/// The selectors of an annotation's first target.
pub fn selectors_of(a: &Annotation) -> &[Selector] {
    a.targets().first().map_or(&[], Target::selectors)
}

fn new_annotation(id: &str, source: &str, selectors: Vec<Selector>, now: &str) -> Annotation {
    let mut a = Annotation::new(id, Target::Specific(SpecificResource::selected(source, selectors)));
    a.created = Some(now.to_string());
    a.modified = Some(now.to_string());
    a.generator = Some(OneOrMany::One(engine_agent()));
    a
}

/// Replaces the bodies the editor owns (untyped/commenting text, tags,
/// colour) and keeps the others; sets the motivation to match.
fn set_draft(a: &mut Annotation, draft: &Draft) {
    let draft = draft.cleaned();
    let owned = |b: &Body| match b {
        Body::Textual(t) => {
            t.purpose.is_none()
                || [Motivation::Commenting, Motivation::Tagging, Motivation::Highlighting]
                    .iter()
                    .any(|p| t.has_purpose(p))
        }
        _ => false,
    };
    let mut bodies: Vec<Body> = a.bodies().iter().filter(|b| !owned(b)).cloned().collect();
    if !draft.note.is_empty() {
        bodies.push(Body::Textual(TextualBody::plain(&draft.note, Motivation::Commenting)));
    }
    bodies.extend(draft.tags.iter().map(|t| Body::Textual(TextualBody::plain(t, Motivation::Tagging))));
    bodies.push(Body::Textual(TextualBody::plain(&draft.colour, Motivation::Highlighting)));
    a.body_value = None;
    a.body = Some(OneOrMany::Many(bodies));
    a.motivation = Some(OneOrMany::One(if !draft.note.is_empty() {
        Motivation::Commenting
    } else if !draft.tags.is_empty() {
        Motivation::Tagging
    } else {
        Motivation::Highlighting
    }));
}

fn colour(s: &str) -> &'static str {
    COLOURS.iter().find(|c| c.eq_ignore_ascii_case(s.trim())).copied().unwrap_or(COLOURS[0])
}

fn cap(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn finding_name(f: FindingKind) -> &'static str {
    match f {
        FindingKind::Actor => "actor",
        FindingKind::Quote => "quote",
        FindingKind::Dispute => "dispute",
    }
}

/// An actor kind as the analysis JSON names it, and back.
fn actor_kind_name(k: ActorKind) -> String {
    enum_name(&k)
}

fn actor_kind(s: &str) -> Option<ActorKind> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::TextSelectors;

    const SRC: &str = "https://news.example/a";

    fn selectors() -> Vec<Selector> {
        TextSelectors::new("Mr. Putin said “no” to NATO.").pair(4, 9)
    }

    #[test]
    fn a_note_round_trips_through_the_w3c_shape() {
        let draft = Draft {
            note: "  <img src=x onerror=alert(1)>\nsecond line ".into(),
            tags: vec!["Russia ".into(), "russia".into(), "".into(), "NATO".into()],
            colour: "Green".into(),
        };
        let a = note_annotation("urn:uuid:1", SRC, selectors(), &draft, "2026-11-28T10:00:00.000Z");
        assert!(a.is_motivated_by(&Motivation::Commenting));
        let json = serde_json::to_string(&a).unwrap_or_default();
        let back: Annotation = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        let v = view(&back);
        assert_eq!(v.exact, "Putin");
        assert_eq!(v.note, "<img src=x onerror=alert(1)>\nsecond line");
        assert_eq!(v.tags, ["Russia", "NATO"]);
        assert_eq!(v.colour, "green");
        assert_eq!(v.correction, None);
        assert_eq!(v.created.as_deref(), Some("2026-11-28T10:00:00.000Z"));
    }

    #[test]
    fn editing_keeps_id_created_and_foreign_bodies() {
        let mut a =
            note_annotation("urn:uuid:1", SRC, selectors(), &Draft { note: "a".into(), ..Draft::default() }, "t1");
        a.body.get_or_insert(OneOrMany::Many(vec![])).push(Body::Iri("https://example.org/x".into()));
        let e = edited(&a, &Draft { tags: vec!["t".into()], colour: "blue".into(), ..Draft::default() }, "t2");
        assert_eq!(
            (e.id.as_str(), e.created.as_deref(), e.modified.as_deref()),
            ("urn:uuid:1", Some("t1"), Some("t2"))
        );
        assert!(e.is_motivated_by(&Motivation::Tagging));
        assert!(e.bodies().contains(&Body::Iri("https://example.org/x".into())));
        let v = view(&e);
        assert_eq!((v.note.as_str(), v.tags.as_slice(), v.colour.as_str()), ("", &["t".to_string()][..], "blue"));
        let plain = edited(&e, &Draft::default(), "t3");
        assert!(plain.is_motivated_by(&Motivation::Highlighting));
        assert_eq!(view(&plain).colour, "yellow");
    }

    #[test]
    fn every_correction_round_trips() {
        let all = [
            Correction::Confirm { finding: FindingKind::Actor },
            Correction::Reject { finding: FindingKind::Quote },
            Correction::Reject { finding: FindingKind::Dispute },
            Correction::Speaker { name: "James Baker".into() },
            Correction::MissedActor { kind: ActorKind::Organization },
            Correction::MissedQuote { speaker: Some("Mr. Putin".into()) },
            Correction::MissedQuote { speaker: None },
        ];
        for c in all {
            let a = correction_annotation("urn:uuid:2", SRC, selectors(), &c, "t");
            let back: Annotation =
                serde_json::from_value(serde_json::to_value(&a).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(view(&back).correction, Some(c.clone()), "{c:?}");
            assert_eq!(view(&back).note, "");
        }
        let actor =
            correction_annotation("i", SRC, selectors(), &Correction::MissedActor { kind: ActorKind::Person }, "t");
        assert!(actor.bodies().iter().any(|b| matches!(b, Body::Textual(t) if t.value == "Putin")));
    }

    #[test]
    fn foreign_annotations_show_their_text() {
        let json = r#"{"id":"x","type":"Annotation","bodyValue":"plain note",
            "body":[{"type":"TextualBody","value":"more"},{"type":"TextualBody","value":"tag1","purpose":"tagging"}],
            "target":{"source":"s","selector":{"type":"TextQuoteSelector","exact":"Putin"}}}"#;
        let a: Annotation = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        let v = view(&a);
        assert_eq!(
            (v.note.as_str(), v.tags.as_slice(), v.exact.as_str()),
            ("plain note\n\nmore", &["tag1".to_string()][..], "Putin")
        );
        assert_eq!(v.colour, "yellow");
    }

    #[test]
    fn drafts_are_capped() {
        let d = Draft { note: "x".repeat(MAX_NOTE_CHARS + 5), tags: vec!["é".repeat(500)], colour: "mauve".into() }
            .cleaned();
        assert_eq!(
            (d.note.chars().count(), d.tags[0].chars().count(), d.colour.as_str()),
            (MAX_NOTE_CHARS, MAX_TAG_CHARS, "yellow")
        );
    }
}
