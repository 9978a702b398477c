//! Disputed claims: a claim someone holds and the positions that contest,
//! deny, qualify or support it.

use super::actors::ActorFound;
use super::attribution::Attribution;
use super::quotes::QuoteSpan;
use super::Stance;

/// A claim or position: a byte span and its holder's index in the actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stated {
    pub start: usize,
    pub end: usize,
    pub holder: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DisputeFound {
    pub topic: String,
    pub claim: Stated,
    pub positions: Vec<(Stated, Stance)>,
}

/// The disputes of `text`, in order of their claims.
pub fn find_disputes(
    _text: &str,
    _actors: &[ActorFound],
    _quotes: &[QuoteSpan],
    _attributions: &[Attribution],
) -> Vec<DisputeFound> {
    Vec::new()
}
