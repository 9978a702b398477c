//! The engine's findings as Web Annotations: one annotation per actor
//! mention, quotation, disputed claim and position, in one collection.
//!
//! Every annotation targets a span of the analysed text: its `target` is the
//! `source` with a [`TextQuoteSelector`](super::TextQuoteSelector) (exact text
//! and 32 code points of context on each side) and a
//! [`TextPositionSelector`](super::TextPositionSelector) (code points, end
//! exclusive); an interrupted quotation ("A," she said, "B.") has one such
//! target per piece, so the reporter's words between are not in it. Its
//! `creator` is the engine (a `Software` agent). Items are in
//! reading order (by start, then end).
//!
//! # Motivations and purposes
//!
//! Each kind of finding has its own motivation, so a consumer tells them
//! apart by that alone:
//!
//! | finding | motivation | why |
//! | --- | --- | --- |
//! | actor mention | `identifying` | the span names someone or something; the bodies say who (§3.3.5: "assign an identity to the Target") |
//! | quotation | `classifying` | the span is classified as a quotation of a kind, with its speaker; `highlighting` would say nothing about what the bodies mean |
//! | disputed claim | `questioning` | the article puts the claim in question (others dispute, deny or qualify it); the engine does not judge it true or false, which `assessing` would suggest |
//! | position on a claim | `assessing` | the span is someone's assessment of a claim; the stance body states which |
//!
//! The bodies are `text/plain` [`TextualBody`]s and, for links to other
//! resources, [`SpecificResource`]s with a purpose (the model lets a linked
//! resource carry a purpose only that way, §3.3.5):
//!
//! | body | purpose | on |
//! | --- | --- | --- |
//! | the finding's class: actor kind (`person`, `organization`, `place`, `group`) or quote kind (`direct`, `partial`, `scare`), as in the analysis JSON; `claim` for a claim | `classifying` | all but positions |
//! | the stance (`disputes`, `denies`, `qualifies`, `supports`) | `assessing` | positions |
//! | the dispute's topic | `tagging` | claims, positions |
//! | the actor's name | `identifying` | mentions |
//! | the actor, by IRI ([`actor_iri`]) | `identifying` | mentions |
//! | the speaker's or holder's name | `describing` | quotes, claims, positions (when known) |
//! | the speaker or holder, by actor IRI | `linking` | same, when the actor is known |
//! | the claim, by its annotation's id | `linking` | positions |
//!
//! Engine classes use `classifying`, not `tagging`: `tagging` is left to
//! readers' own tags, so that imported or merged annotations keep the two
//! apart. A position's two `linking` bodies are told apart by what they
//! point at: an actor IRI also appears in some mention's `identifying` body,
//! a claim's id is an item of the same collection.
//!
//! # Ids
//!
//! Ids are `urn:uuid:` version 5 UUIDs (newsgloss namespace) of the source,
//! the kind of finding, its offsets and its exact text (and, for a mention,
//! the actor; for a position, its claim's span): the same findings of the
//! same source get the same ids on every run, and any change to what an
//! annotation says about which span gives a new one. The collection's id
//! depends on the source and the whole text only, so a re-analysis of the
//! same text (a newer engine) updates the same collection.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::model::{
    Agent, Annotation, AnnotationCollection, Body, Motivation, OneOrMany, Purpose, SpecificResource, Target,
    TextualBody,
};
use super::selector::TextSelectors;
use super::uuid::content_urn;
use crate::analysis::{Actor, Analysis};

/// The engine as the creator of its findings.
pub fn engine_agent() -> Agent {
    Agent::software(concat!("newsgloss ", env!("CARGO_PKG_VERSION")))
}

/// The IRI standing for an actor of an analysis of `source`: a `urn:uuid:`
/// of the source, the actor's kind and name (not its `a1`-style id, which
/// depends on the order the engine found actors in).
pub fn actor_iri(source: &str, actor: &Actor) -> String {
    content_urn(&["actor", source, &enum_name(&actor.kind), &actor.name])
}

/// The collection's id for `text` read from `source`.
pub fn collection_id(source: &str, text: &str) -> String {
    content_urn(&["collection", source, text])
}

/// All findings of `analysis` as one collection of annotations on `source`
/// (an IRI: the page's URL, a `file://` URL, or
/// [`STDIN_SOURCE`](super::STDIN_SOURCE)). Offsets out of the text are
/// clamped; never fails.
pub fn findings_to_w3c(analysis: &Analysis, source: &str) -> AnnotationCollection {
    let id = collection_id(source, &analysis.text);
    let page_id = content_urn(&["page", &id, "0"]);
    let mut collection = AnnotationCollection::single_page(id, page_id, findings_annotations(analysis, source));
    collection.label = Some(format!("newsgloss findings: {source}"));
    collection.creator = Some(OneOrMany::One(engine_agent()));
    collection
}

/// The annotations of [`findings_to_w3c`], without the collection.
pub fn findings_annotations(analysis: &Analysis, source: &str) -> Vec<Annotation> {
    let mut b = Builder {
        source,
        selectors: TextSelectors::new(&analysis.text),
        actors: analysis.actors.iter().map(|a| (a.id.as_str(), a)).collect(),
        seen: HashSet::new(),
        out: Vec::new(),
    };

    for actor in &analysis.actors {
        let kind = enum_name(&actor.kind);
        for m in &actor.mentions {
            let bodies = [
                text_body(&kind, Motivation::Classifying),
                text_body(&actor.name, Motivation::Identifying),
                Some(link_body(actor_iri(source, actor), Motivation::Identifying)),
            ];
            b.push("mention", m.start, m.end, &[&kind, &actor.name], Motivation::Identifying, bodies);
        }
    }

    for q in &analysis.quotes {
        let kind = enum_name(&q.kind);
        let mut bodies = vec![text_body(&kind, Motivation::Classifying)];
        if let Some(s) = &q.speaker {
            let actor = s.actor.as_deref().and_then(|id| b.actors.get(id).copied());
            let name = actor.map_or_else(|| b.selectors.slice(s.start, s.end).trim().to_string(), |a| a.name.clone());
            bodies.push(text_body(&name, Motivation::Describing));
            bodies.push(actor.map(|a| link_body(actor_iri(source, a), Motivation::Linking)));
        }
        // An interrupted quotation ("A," she said, "B.") targets its pieces,
        // not the reporter's words between them.
        b.push_pieces("quote", &q.pieces(), &[&kind], Motivation::Classifying, bodies);
    }

    for d in &analysis.disputes {
        let claim = &d.claim;
        let mut bodies = vec![text_body("claim", Motivation::Classifying), text_body(&d.topic, Motivation::Tagging)];
        bodies.extend(b.holder_bodies(claim.holder.as_deref()));
        let claim_id = b.push("claim", claim.start, claim.end, &[&d.topic], Motivation::Questioning, bodies);
        let (cs, ce) = b.selectors.clamp(claim.start, claim.end);
        let claim_span = format!("{cs}-{ce}");
        for p in &d.positions {
            let stance = enum_name(&p.stance);
            let mut bodies = vec![text_body(&stance, Motivation::Assessing), text_body(&d.topic, Motivation::Tagging)];
            bodies.extend(b.holder_bodies(p.holder.as_deref()));
            bodies.push(Some(link_body(claim_id.clone(), Motivation::Linking)));
            b.push("position", p.start, p.end, &[&stance, &d.topic, &claim_span], Motivation::Assessing, bodies);
        }
    }

    let mut out = b.out;
    out.sort_by_key(|(start, end, _)| (*start, *end));
    out.into_iter().map(|(_, _, a)| a).collect()
}

struct Builder<'a> {
    source: &'a str,
    selectors: TextSelectors<'a>,
    actors: HashMap<&'a str, &'a Actor>,
    seen: HashSet<String>,
    out: Vec<(usize, usize, Annotation)>,
}

impl Builder<'_> {
    /// Adds the annotation of one finding on one span; returns its id.
    fn push(
        &mut self,
        finding: &str,
        start: usize,
        end: usize,
        key: &[&str],
        motivation: Motivation,
        bodies: impl IntoIterator<Item = Option<Body>>,
    ) -> String {
        self.push_pieces(finding, &[(start, end)], key, motivation, bodies)
    }

    /// Adds the annotation of one finding on one or more spans (in order,
    /// apart), one target each; returns its id. A one-span finding's id
    /// depends on its span and text as [`Self::push`] says; further spans
    /// add their offsets and text.
    fn push_pieces(
        &mut self,
        finding: &str,
        pieces: &[(usize, usize)],
        key: &[&str],
        motivation: Motivation,
        bodies: impl IntoIterator<Item = Option<Body>>,
    ) -> String {
        let spans: Vec<(usize, usize)> = pieces.iter().map(|&(s, e)| self.selectors.clamp(s, e)).collect();
        let (start, end) = match (spans.first(), spans.last()) {
            (Some(first), Some(last)) => (first.0, last.1),
            _ => (0, 0),
        };
        let offsets: Vec<[String; 2]> = spans.iter().map(|(s, e)| [s.to_string(), e.to_string()]).collect();
        let mut parts = vec!["annotation", self.source, finding];
        for ([s, e], &(a, b)) in offsets.iter().zip(&spans) {
            parts.extend([s.as_str(), e.as_str(), self.selectors.slice(a, b)]);
        }
        parts.extend_from_slice(key);
        let mut id = content_urn(&parts);
        // Two findings saying the same about the same span (the engine
        // should not, a hand-made analysis may): keep ids unique, still
        // deterministic.
        let mut n = 1usize;
        while self.seen.contains(&id) {
            n += 1;
            let count = n.to_string();
            let mut more = parts.clone();
            more.push(&count);
            id = content_urn(&more);
        }
        self.seen.insert(id.clone());

        let mut targets: Vec<Target> = spans
            .iter()
            .map(|&(s, e)| Target::Specific(SpecificResource::selected(self.source, self.selectors.pair(s, e))))
            .collect();
        let target = if targets.len() == 1 { OneOrMany::One(targets.remove(0)) } else { OneOrMany::Many(targets) };
        let mut a = Annotation::new(id.clone(), target);
        a.motivation = Some(OneOrMany::One(motivation));
        a.creator = Some(OneOrMany::One(engine_agent()));
        a.body = Some(OneOrMany::Many(bodies.into_iter().flatten().collect()));
        self.out.push((start, end, a));
        id
    }

    /// The holder's name and actor link, if the holder is a known actor.
    fn holder_bodies(&self, holder: Option<&str>) -> [Option<Body>; 2] {
        match holder.and_then(|id| self.actors.get(id)) {
            Some(a) => [
                text_body(&a.name, Motivation::Describing),
                Some(link_body(actor_iri(self.source, a), Motivation::Linking)),
            ],
            None => [None, None],
        }
    }
}

/// A `text/plain` body, or none for blank text.
fn text_body(value: &str, purpose: Purpose) -> Option<Body> {
    let value = value.trim();
    (!value.is_empty()).then(|| Body::Textual(TextualBody::plain(value, purpose)))
}

fn link_body(iri: String, purpose: Purpose) -> Body {
    Body::Specific(SpecificResource::with_purpose(iri, purpose))
}

/// A unit enum's name as the analysis JSON writes it (`person`, `direct`, ...).
pub(crate) fn enum_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{ActorKind, Claim, Dispute, Position, Quote, QuoteKind, Span, Speaker, Stance};

    fn sample() -> Analysis {
        let text = "Łukasz Nowak said “ça va 😀” and Ana denied it.";
        Analysis {
            text: text.to_string(),
            actors: vec![
                Actor {
                    id: "a1".into(),
                    name: "Łukasz Nowak".into(),
                    kind: ActorKind::Person,
                    mentions: vec![Span { start: 0, end: 12 }],
                },
                Actor {
                    id: "a2".into(),
                    name: "Ana".into(),
                    kind: ActorKind::Person,
                    mentions: vec![Span { start: 32, end: 35 }],
                },
            ],
            quotes: vec![Quote {
                id: "q1".into(),
                start: 19,
                end: 26,
                kind: QuoteKind::Direct,
                speaker: Some(Speaker { actor: Some("a1".into()), start: 0, end: 12 }),
                parts: Vec::new(),
            }],
            disputes: vec![Dispute {
                id: "d1".into(),
                topic: "ça va".into(),
                claim: Claim { start: 19, end: 26, holder: Some("a1".into()) },
                positions: vec![Position { start: 32, end: 45, holder: Some("a2".into()), stance: Stance::Denies }],
            }],
        }
    }

    #[test]
    fn one_annotation_per_finding_in_reading_order() {
        let c = findings_to_w3c(&sample(), "https://example.org/a");
        let items = c.items();
        assert_eq!(c.total, Some(5));
        let motivations: Vec<_> = items.iter().map(|a| a.motivation.clone()).collect();
        use Motivation::*;
        let expected = [Identifying, Classifying, Questioning, Identifying, Assessing];
        assert_eq!(motivations, expected.map(|m| Some(OneOrMany::One(m))));
        let Target::Specific(t) = &items[1].targets()[0] else { panic!("specific") };
        let v = serde_json::to_value(t.selectors()).unwrap_or_default();
        assert_eq!(v[0]["exact"], "ça va 😀");
        assert_eq!(v[0]["prefix"], "Łukasz Nowak said “");
        assert_eq!(v[1]["start"], 19);
        // The position links its claim.
        let claim_id = &items[2].id;
        assert!(items[4].bodies().iter().any(|b| matches!(b, Body::Specific(r) if &r.source == claim_id)));
    }

    #[test]
    fn ids_are_stable_unique_and_depend_on_the_source() {
        let a = findings_to_w3c(&sample(), "https://example.org/a");
        let b = findings_to_w3c(&sample(), "https://example.org/a");
        let c = findings_to_w3c(&sample(), "https://example.org/b");
        assert_eq!(a, b);
        let ids: HashSet<_> = a.items().iter().map(|x| x.id.clone()).collect();
        assert_eq!(ids.len(), 5);
        assert!(a.items().iter().zip(c.items()).all(|(x, y)| x.id != y.id));
        assert_ne!(a.id, c.id);
    }

    #[test]
    fn duplicate_and_out_of_range_findings_are_kept_apart_and_clamped() {
        let mut s = sample();
        s.quotes.push(s.quotes[0].clone());
        s.quotes.push(Quote {
            id: "q3".into(),
            start: 40,
            end: 4000,
            kind: QuoteKind::Scare,
            speaker: None,
            parts: Vec::new(),
        });
        let c = findings_to_w3c(&s, "urn:newsgloss:stdin");
        let ids: HashSet<_> = c.items().iter().map(|x| x.id.clone()).collect();
        assert_eq!(ids.len(), 7);
        let last = c.items().last().map(|a| serde_json::to_value(a.targets()).unwrap_or_default());
        assert_eq!(last.as_ref().map(|v| &v[0]["selector"][1]["end"]), Some(&serde_json::json!(46)));
    }

    #[test]
    fn empty_analysis_gives_an_empty_collection() {
        let c = findings_to_w3c(&Analysis::default(), "urn:newsgloss:stdin");
        assert_eq!(c.total, Some(0));
        assert!(c.first.is_none());
    }
}
