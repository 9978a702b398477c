//! Who said each quotation, and what kind of quotation it is.

use super::actors::ActorFound;
use super::quotes::QuoteSpan;
use super::QuoteKind;

/// The mention a quote's cue attaches to (bytes), and its actor's index in
/// the actor list when it is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerFound {
    pub actor: Option<usize>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub kind: QuoteKind,
    pub speaker: Option<SpeakerFound>,
}

/// One attribution per quote, in the same order.
pub fn attribute(text: &str, quotes: &[QuoteSpan], _actors: &[ActorFound]) -> Vec<Attribution> {
    quotes
        .iter()
        .map(|q| Attribution { kind: super::guess_kind(text.get(q.start..q.end).unwrap_or_default()), speaker: None })
        .collect()
}
