//! Applies readers' corrections to the engine's reading, on every load:
//! rejected findings disappear, confirmed ones are marked, a quote gets the
//! speaker the reader chose, missed actors and quotes are added.
//!
//! Why here and pure: corrections are annotations (they are stored,
//! exported and imported like notes), and what they do to an analysis must
//! not depend on the browser. Each correction comes with the article span
//! its target anchored to this time (the shell anchors, maps body offsets
//! to article offsets, and passes them in).

use std::collections::BTreeSet;

use super::reader::{Correction, FindingKind};
use crate::analysis::{Actor, Analysis, Quote, QuoteKind, Span, Speaker};

/// An analysis after the reader's corrections.
#[derive(Debug, Clone, PartialEq)]
pub struct Corrected {
    pub analysis: Analysis,
    /// Ids of the actors, quotes and disputes a reader confirmed.
    pub confirmed: BTreeSet<String>,
    /// Indices (into the corrections given) of those that found nothing to
    /// correct (the finding is gone, or the speaker is no actor): shown to
    /// the reader, never dropped.
    pub unapplied: Vec<usize>,
}

/// `analysis` with `corrections` applied in order; each correction's span
/// is in code points of `analysis.text`.
pub fn apply(analysis: &Analysis, corrections: &[(Correction, (usize, usize))]) -> Corrected {
    let mut out = Corrected { analysis: analysis.clone(), confirmed: BTreeSet::new(), unapplied: Vec::new() };
    for (i, (c, span)) in corrections.iter().enumerate() {
        if !apply_one(&mut out, c, *span) {
            out.unapplied.push(i);
        }
    }
    out
}

fn apply_one(out: &mut Corrected, c: &Correction, span: (usize, usize)) -> bool {
    let a = &mut out.analysis;
    match c {
        Correction::Confirm { finding } | Correction::Reject { finding } => {
            let Some(id) = finding_at(a, *finding, span) else { return false };
            if matches!(c, Correction::Confirm { .. }) {
                out.confirmed.insert(id);
            } else {
                remove(a, *finding, &id);
                out.confirmed.remove(&id);
            }
            true
        }
        Correction::Speaker { name } => {
            let Some(qi) = best(a.quotes.iter().map(|q| (q.start, q.end)), span) else { return false };
            let Some(actor) = actor_named(a, name) else { return false };
            let mention = actor.mentions.iter().min_by_key(|m| m.start.abs_diff(span.0)).copied();
            let id = actor.id.clone();
            let (start, end) = mention.map_or((0, 0), |m| (m.start, m.end));
            a.quotes[qi].speaker = Some(Speaker { actor: Some(id), start, end });
            true
        }
        Correction::MissedActor { kind } => {
            let name: String = a.text.chars().skip(span.0).take(span.1.saturating_sub(span.0)).collect();
            let name = name.trim().to_string();
            if name.is_empty() {
                return false;
            }
            let mention = Span { start: span.0, end: span.1 };
            match a.actors.iter_mut().find(|x| x.name.eq_ignore_ascii_case(&name) && x.kind == *kind) {
                Some(x) if x.mentions.contains(&mention) => {}
                Some(x) => {
                    x.mentions.push(mention);
                    x.mentions.sort_by_key(|m| (m.start, m.end));
                }
                None => {
                    let id = fresh_id(a.actors.iter().map(|x| x.id.as_str()), "r");
                    a.actors.push(Actor { id, name, kind: *kind, mentions: vec![mention] });
                }
            }
            true
        }
        Correction::MissedQuote { speaker } => {
            if span.0 >= span.1 || a.quotes.iter().any(|q| (q.start, q.end) == span) {
                return span.0 < span.1;
            }
            let speaker = speaker.as_deref().and_then(|n| actor_named(a, n)).map(|x| {
                let m = x.mentions.iter().min_by_key(|m| m.start.abs_diff(span.0)).copied();
                Speaker { actor: Some(x.id.clone()), start: m.map_or(0, |m| m.start), end: m.map_or(0, |m| m.end) }
            });
            let id = fresh_id(a.quotes.iter().map(|q| q.id.as_str()), "rq");
            let at = a.quotes.partition_point(|q| (q.start, q.end) < span);
            a.quotes.insert(
                at,
                Quote { id, start: span.0, end: span.1, kind: QuoteKind::Direct, speaker, parts: Vec::new() },
            );
            true
        }
    }
}

/// The id of the finding of `kind` that overlaps `span` most.
fn finding_at(a: &Analysis, kind: FindingKind, span: (usize, usize)) -> Option<String> {
    match kind {
        FindingKind::Actor => {
            let spans =
                a.actors.iter().enumerate().flat_map(|(i, x)| x.mentions.iter().map(move |m| (i, (m.start, m.end))));
            let (i, _) = spans.max_by_key(|(_, s)| overlap(*s, span)).filter(|(_, s)| overlap(*s, span) > 0)?;
            Some(a.actors[i].id.clone())
        }
        FindingKind::Quote => best(a.quotes.iter().map(|q| (q.start, q.end)), span).map(|i| a.quotes[i].id.clone()),
        FindingKind::Dispute => {
            let score = |d: &crate::analysis::Dispute| {
                let parts =
                    std::iter::once((d.claim.start, d.claim.end)).chain(d.positions.iter().map(|p| (p.start, p.end)));
                parts.map(|s| overlap(s, span)).max().unwrap_or(0)
            };
            a.disputes.iter().filter(|d| score(d) > 0).max_by_key(|d| score(d)).map(|d| d.id.clone())
        }
    }
}

fn remove(a: &mut Analysis, kind: FindingKind, id: &str) {
    match kind {
        FindingKind::Actor => {
            a.actors.retain(|x| x.id != id);
            for q in &mut a.quotes {
                if q.speaker.as_ref().is_some_and(|s| s.actor.as_deref() == Some(id)) {
                    q.speaker = None;
                }
            }
            for d in &mut a.disputes {
                let clear = |h: &mut Option<String>| {
                    if h.as_deref() == Some(id) {
                        *h = None;
                    }
                };
                clear(&mut d.claim.holder);
                d.positions.iter_mut().for_each(|p| clear(&mut p.holder));
            }
        }
        FindingKind::Quote => a.quotes.retain(|q| q.id != id),
        FindingKind::Dispute => a.disputes.retain(|d| d.id != id),
    }
}

/// The index of the span overlapping `span` most (at least one code point).
fn best(spans: impl Iterator<Item = (usize, usize)>, span: (usize, usize)) -> Option<usize> {
    spans
        .enumerate()
        .map(|(i, s)| (overlap(s, span), i))
        .filter(|&(o, _)| o > 0)
        .max_by_key(|&(o, i)| (o, usize::MAX - i))
        .map(|(_, i)| i)
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn actor_named<'a>(a: &'a Analysis, name: &str) -> Option<&'a Actor> {
    let name = name.trim();
    a.actors.iter().find(|x| x.name.eq_ignore_ascii_case(name))
}

fn fresh_id<'a>(taken: impl Iterator<Item = &'a str> + Clone, prefix: &str) -> String {
    (1..).map(|n| format!("{prefix}{n}")).find(|id| !taken.clone().any(|t| t == id)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, ActorKind};

    fn seedish() -> Analysis {
        analyze(
            "Mr. Putin said on Tuesday that NATO had promised not to expand. “We were cheated,” Mr. Putin said.\n\
             James Baker denied that. The “assurance” was never given, Baker said. Sergei Lavrov agreed with Putin.",
        )
    }

    fn span_of(a: &Analysis, s: &str, nth: usize) -> (usize, usize) {
        let b = a.text.match_indices(s).nth(nth).map(|(b, _)| b).unwrap_or_else(|| panic!("{s}"));
        let start = a.text[..b].chars().count();
        (start, start + s.chars().count())
    }

    #[test]
    fn reject_and_confirm_findings() {
        let a = seedish();
        let putin = a.actors.iter().find(|x| x.name.contains("Putin")).map(|x| x.id.clone()).unwrap_or_default();
        let quote = a.quotes.first().map(|q| q.id.clone()).unwrap_or_default();
        let c = apply(
            &a,
            &[
                (Correction::Confirm { finding: FindingKind::Quote }, span_of(&a, "We were cheated", 0)),
                (Correction::Reject { finding: FindingKind::Actor }, span_of(&a, "Putin", 1)),
                (Correction::Reject { finding: FindingKind::Quote }, span_of(&a, "Tuesday", 0)),
            ],
        );
        assert!(c.confirmed.contains(&quote), "{:?}", c.confirmed);
        assert!(!c.analysis.actors.iter().any(|x| x.id == putin));
        assert!(c
            .analysis
            .quotes
            .iter()
            .all(|q| q.speaker.as_ref().and_then(|s| s.actor.as_deref()) != Some(putin.as_str())));
        assert_eq!(c.unapplied, [2], "no quote near Tuesday");
    }

    #[test]
    fn change_speaker_and_add_what_was_missed() {
        let a = seedish();
        let c = apply(
            &a,
            &[
                (Correction::MissedActor { kind: ActorKind::Person }, span_of(&a, "Sergei Lavrov", 0)),
                (Correction::Speaker { name: "sergei lavrov".into() }, span_of(&a, "We were cheated", 0)),
                (
                    Correction::MissedQuote { speaker: Some("Sergei Lavrov".into()) },
                    span_of(&a, "NATO had promised not to expand", 0),
                ),
                (Correction::Speaker { name: "Nobody Known".into() }, span_of(&a, "We were cheated", 0)),
            ],
        );
        let lavrov = c.analysis.actors.iter().find(|x| x.name == "Sergei Lavrov").map(|x| x.id.clone());
        assert!(lavrov.is_some());
        let said_by = |text: &str| {
            let span = span_of(&a, text, 0);
            c.analysis
                .quotes
                .iter()
                .find(|q| overlap((q.start, q.end), span) > 0)
                .and_then(|q| q.speaker.as_ref())
                .and_then(|s| s.actor.clone())
        };
        assert_eq!(said_by("We were cheated"), lavrov);
        assert_eq!(said_by("NATO had promised not to expand"), lavrov);
        assert_eq!(c.unapplied, [3]);
        // Quotes stay in text order.
        assert!(c.analysis.quotes.windows(2).all(|w| w[0].start <= w[1].start));
    }
}
