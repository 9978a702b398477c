//! The analysis engine's one entry point, [`analyze`], and its output: plain
//! data with offsets in Unicode code points (end exclusive) into `text`, the
//! JSON the CLI prints and the widget's `analysis()` returns.
//!
//! Architecture invariant: analysis never fails. Odd or hostile text yields
//! fewer findings, never an error or a panic.

pub mod actors;
pub mod attribution;
pub mod disputes;
pub mod json;
mod packed;
pub mod quotes;
mod runs;
pub(crate) mod table;

use serde::{Deserialize, Serialize};

use crate::text::Offsets;

/// Everything the engine found in one text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub text: String,
    pub actors: Vec<Actor>,
    pub quotes: Vec<Quote>,
    pub disputes: Vec<Dispute>,
}

/// A code-point span into [`Analysis::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Place,
    Group,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A clause or sentence someone said.
    Direct,
    /// A few quoted words inside the reporter's sentence.
    Partial,
    /// A quoted term with no speaker.
    Scare,
}

/// One quotation. A quotation interrupted by its own attribution ("“...,”
/// she said. “...”") is one quotation, the way reporters and PolNeAR count
/// it: `start..end` runs from the first piece to the last, cue included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    /// The quoted pieces of an interrupted quotation, so that the widget
    /// paints the words said and not the cue between them; empty for a
    /// quotation in one piece. In memory only: the public JSON has the
    /// issue's shape.
    #[serde(skip)]
    pub parts: Vec<Span>,
}

impl Quote {
    /// The spans that are quoted words: the pieces, or the whole quote.
    pub fn pieces(&self) -> Vec<(usize, usize)> {
        if self.parts.is_empty() {
            vec![(self.start, self.end)]
        } else {
            self.parts.iter().map(|p| (p.start, p.end)).collect()
        }
    }
}

/// Who said a quote: the mention the cue attaches to, and its actor if known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub actor: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Disputes,
    Denies,
    Qualifies,
    Supports,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub start: usize,
    pub end: usize,
    pub holder: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub start: usize,
    pub end: usize,
    pub holder: Option<String>,
    pub stance: Stance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    pub id: String,
    pub topic: String,
    pub claim: Claim,
    pub positions: Vec<Position>,
}

/// What the engine found in one text, without the text: for callers that
/// hold the text already (the wasm `analyzeText`), so that it is neither
/// copied nor serialised again.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Findings {
    pub actors: Vec<Actor>,
    pub quotes: Vec<Quote>,
    pub disputes: Vec<Dispute>,
}

/// Reads `text` and returns what it found, with the text: the CLI's and
/// the widget's analysis ([`find`] and a copy of the text).
pub fn analyze(text: &str) -> Analysis {
    let Findings { actors, quotes, disputes } = find(text);
    Analysis { text: text.to_string(), actors, quotes, disputes }
}

/// An id of the public JSON: `prefix` and the 1-based `index` ("a1",
/// "q12"), as [`json::push_id`] writes it into the wasm JSON.
fn id(prefix: u8, index: usize) -> String {
    let mut out = Vec::with_capacity(8);
    json::push_id(&mut out, prefix, index);
    String::from_utf8(out).unwrap_or_default()
}

/// What the stages found, in byte offsets: the one input of both outputs,
/// [`find`] (plain data, for the CLI and the widget) and
/// [`json::findings_json`] (the wasm JSON, written straight from here so
/// that a call allocates no ids, spans or vectors it then throws away).
pub(crate) struct Found {
    /// The actors, with the holders that the disputes stage met and that
    /// name no actor ("his spokesperson") after them.
    pub actors: Vec<actors::ActorFound>,
    /// The quotations as a reader counts them.
    pub quotes: Vec<runs::Run>,
    pub disputes: Vec<disputes::DisputeFound>,
}

/// The actor stage as [`Found::of`] runs it (and the measuring examples
/// with it): the actors, and their tokens for the disputes reader
/// ([`disputes::find_disputes_tokenized`]), which then reads most words
/// by their ids instead of scanning their bytes again (instructions: the
/// seed -2.6 % in session 10, 100 KB -4.6 % in session 9).
///
/// Kept, the tokens live through attribution and the disputes stage:
/// 16 bytes a token with its id, some 2.7 times the text, on top of those
/// stages' own buffers, which weigh most in a short text; so the reader's
/// own are small when it has them (its word memory is 2 KB, its kept words
/// 4 bytes each). The peak heap of `analyze()` (`cargo bench --profile
/// native --bench analyze -- nomatch`, 2026-11-29, session 10): the seed
/// (9 KB) 9.0x the text, the first 16 KB of the 100 KB text 8.5x, 32 KB
/// 7.1x, 64 KB 6.7x, 100 KB 6.4x; the product's bound is 10x. (Before
/// session 10, with 20 bytes a token and the reader's larger buffers:
/// 11.8x, 11.6x, 10.2x, 8.7x, 8.0x, so they were kept only from 64 KB. A
/// text of a few KB is over 10x either way, by some 1x: its fixed-size
/// tables weigh most.)
pub fn actor_stage(text: &str) -> (Vec<actors::ActorFound>, actors::Tokenized) {
    actors::find_actors_tokenized(text)
}

impl Found {
    /// Runs the stages over `text`, in order, each on byte offsets.
    pub fn of(text: &str) -> Found {
        let (mut actors, tokens) = actor_stage(text);
        let (spans, paragraphs) = quotes::find_quotes_and_paragraphs(text);
        let attributions = attribution::attribute_in(text, &spans, &paragraphs, &actors);
        let disputes::Disputes { disputes, extra_actors } =
            disputes::find_disputes_tokenized(text, &tokens, &actors, &spans, &attributions);
        drop(tokens);
        actors.extend(extra_actors);
        Found { actors, quotes: runs::quotations(text, &spans, &attributions), disputes }
    }

    /// The actor a stage's holder or speaker index names in the output:
    /// the index itself, or none when it is past the actors.
    pub fn actor(&self, index: Option<usize>) -> Option<usize> {
        index.filter(|&i| i < self.actors.len())
    }
}

/// Reads `text` and returns what it found: the stages' results ([`Found`])
/// with ids, and offsets in code points, which appear only here and in
/// [`json::findings_json`].
pub fn find(text: &str) -> Findings {
    let mut found = Found::of(text);
    // Taken out, so that their topics are moved, not copied.
    let disputes = std::mem::take(&mut found.disputes);
    let o = Offsets::new(text);
    let span = |s: usize, e: usize| o.byte_span_to_chars(s, e);
    let actor_id = |i: Option<usize>| found.actor(i).map(|i| id(b'a', i));
    let quotes = found
        .quotes
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let at = run.attribution;
            let (start, end) = span(run.start, run.end);
            Quote {
                id: id(b'q', i),
                start,
                end,
                kind: at.kind,
                speaker: at.speaker.map(|s| {
                    let (start, end) = span(s.start, s.end);
                    Speaker { actor: actor_id(s.actor), start, end }
                }),
                parts: if run.pieces.len() > 1 {
                    run.pieces.iter().map(|&(s, e)| span(s, e)).map(|(start, end)| Span { start, end }).collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let disputes = disputes
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let (start, end) = span(d.claim.start, d.claim.end);
            Dispute {
                id: id(b'd', i),
                topic: d.topic,
                claim: Claim { start, end, holder: actor_id(d.claim.holder) },
                positions: d
                    .positions
                    .iter()
                    .map(|(p, stance)| {
                        let (start, end) = span(p.start, p.end);
                        Position { start, end, holder: actor_id(p.holder), stance: *stance }
                    })
                    .collect(),
            }
        })
        .collect();
    // The actors last, their names moved, not copied.
    let actors = found
        .actors
        .into_iter()
        .enumerate()
        .map(|(i, a)| Actor {
            id: id(b'a', i),
            name: a.name,
            kind: a.kind,
            mentions: a
                .mentions
                .iter()
                .map(|m| {
                    let (start, end) = span(m.start, m.end);
                    Span { start, end }
                })
                .collect(),
        })
        .collect();
    Findings { actors, quotes, disputes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_prefix_and_the_number_from_one() {
        for i in [0, 8, 9, 10, 98, 99, 12_344, usize::MAX - 1] {
            assert_eq!(id(b'a', i), format!("a{}", i + 1));
        }
    }

    #[test]
    fn quote_offsets_are_code_points() {
        let text = "😀 Putin said “no” today.";
        let a = analyze(text);
        assert_eq!(a.quotes.len(), 1);
        let q = &a.quotes[0];
        let got: String = text.chars().skip(q.start).take(q.end - q.start).collect();
        assert_eq!(got, "no");
        assert_eq!((q.start, q.end), (14, 16));
    }

    #[test]
    fn serializes_to_the_public_json_shape() {
        let a = analyze("“We will not back down from this fight,” Maria Lopez said on Monday.");
        let v = serde_json::to_value(&a).unwrap_or_default();
        let keys: Vec<&str> = v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        assert_eq!(keys, ["text", "actors", "quotes", "disputes"]);
        let q = &v["quotes"][0];
        assert_eq!(q["id"], "q1");
        assert_eq!(q["kind"], "direct");
        // The speaker points at an actor that exists, by id.
        let id = q["speaker"]["actor"].as_str().unwrap_or_default();
        let actor = v["actors"].as_array().and_then(|xs| xs.iter().find(|x| x["id"] == id)).cloned();
        assert_eq!(actor.map(|x| x["name"].clone()), Some("Maria Lopez".into()));
        assert!(v["disputes"].as_array().is_some_and(|d| d.is_empty()));
    }
}
