//! Re-attaching stored text selectors to a text that may have changed since
//! they were made (issue 5, "Anchoring that survives page edits").
//!
//! Why a module of its own: readers' annotations outlive the page version
//! they were made on, and every load must find each one again or show it as
//! an orphan, never silently drop or misplace it. The rules live here, pure
//! and native-testable; the widget only feeds in the page text and turns the
//! spans into ranges.
//!
//! The stages, cheapest and surest first:
//! 1. [`Method::Position`]: the position selector's span, when the text there
//!    still equals the quote's `exact` (or there is no quote).
//! 2. [`Method::Quote`]: the exact occurrences of `exact`, the one whose
//!    surroundings agree longest with `prefix`/`suffix` winning, ties going
//!    to the one nearest the old position ([`exact`]). Final when all its
//!    stored context agrees and it is near the old position; otherwise it
//!    competes with stage 3's candidates on the same score.
//! 3. [`Method::Fuzzy`]: approximate occurrences with at most
//!    [`max_errors`] edits, found with Myers' bit-parallel algorithm
//!    ([`myers`]) and scored on quote, context and position ([`fuzzy`]);
//!    accepted from [`THRESHOLD`] up.
//!
//! Work is bounded: each search looks [`WINDOW`] code points around the old
//! position first and scans the whole text only when that finds nothing
//! convincing; approximate search skips quotes over [`FUZZY_MAX_CHARS`] and
//! whole-text scans over [`FUZZY_BUDGET`]; contexts count up to
//! [`CONTEXT_MAX`] code points. Offsets are code points, end exclusive;
//! conversions go through [`TextSelectors`] (so through `text::Offsets`).

use serde::Serialize;

use super::model::{Selector, TextQuoteSelector};
use super::selector::TextSelectors;

mod exact;
mod fuzzy;
mod myers;

pub use fuzzy::{max_errors, FUZZY_BUDGET, FUZZY_MAX_CHARS, THRESHOLD};

/// Code points searched on each side of the old position before the whole
/// text (edits before an annotation move it by far less on a news page).
pub const WINDOW: usize = 4096;

/// Code points of `prefix`/`suffix` taken into account (the selectors we
/// make carry 32; imported ones may carry anything).
pub const CONTEXT_MAX: usize = 256;

/// How a stored target was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Position,
    Quote,
    Fuzzy,
}

/// Where a target is in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Anchor {
    /// Code points, end exclusive.
    pub start: usize,
    pub end: usize,
    pub method: Method,
    /// 0..=1, 1 = exact: 1 for [`Method::Position`]; otherwise the weighted
    /// similarity of quote, context and position (see [`fuzzy`]), which is 1
    /// for the exact quote in its exact context at its old position.
    pub score: f64,
}

/// Indexes one text once; anchors many targets against it.
#[derive(Debug, Clone)]
pub struct Anchorer<'a> {
    text: TextSelectors<'a>,
}

impl<'a> Anchorer<'a> {
    pub fn new(text: &'a str) -> Self {
        Anchorer { text: TextSelectors::new(text) }
    }

    /// The text's length in code points.
    pub fn char_len(&self) -> usize {
        self.text.char_len()
    }

    /// The span (code points, end exclusive) that `selectors`
    /// (TextQuoteSelector and/or TextPositionSelector, others ignored)
    /// select in this text, or `None`: an orphan.
    pub fn anchor(&self, selectors: &[Selector]) -> Option<Anchor> {
        anchor_in(&self.text, selectors)
    }
}

/// Anchors every target against `text` (indexed once).
pub fn anchor_all(text: &str, targets: &[Vec<Selector>]) -> Vec<Option<Anchor>> {
    let anchorer = Anchorer::new(text);
    targets.iter().map(|t| anchorer.anchor(t)).collect()
}

/// [`Anchorer::anchor`] over an already indexed text (shared with
/// [`TextSelectors::resolve`]).
pub(crate) fn anchor_in(text: &TextSelectors, selectors: &[Selector]) -> Option<Anchor> {
    let quote = selectors.iter().find_map(|s| match s {
        Selector::TextQuote(q) => Some(q),
        _ => None,
    });
    let position = selectors.iter().find_map(|s| match s {
        Selector::TextPosition(p) => Some((p.start, p.end)),
        _ => None,
    });
    let n = text.char_len();
    let valid = position.filter(|&(s, e)| s <= e && e <= n);
    let at = |(start, end): (usize, usize)| Anchor { start, end, method: Method::Position, score: 1.0 };
    match (quote, valid) {
        (None, p) => p.map(at),
        (Some(q), Some(p)) if text.slice(p.0, p.1) == q.exact => Some(at(p)),
        (Some(q), _) => find_quote(text, q, position.map(|p| p.0.min(n))),
    }
}

/// A quote selector prepared for searching: `exact` and its length, the
/// context capped at [`CONTEXT_MAX`], the old start.
pub(crate) struct Query<'q> {
    pub exact: &'q str,
    pub chars: usize,
    pub prefix: &'q str,
    pub suffix: &'q str,
    pub hint: Option<usize>,
}

impl<'q> Query<'q> {
    fn new(q: &'q TextQuoteSelector, hint: Option<usize>) -> Self {
        let prefix = q.prefix.as_deref().unwrap_or_default();
        let suffix = q.suffix.as_deref().unwrap_or_default();
        Query {
            exact: &q.exact,
            chars: q.exact.chars().count(),
            prefix: last_chars(prefix),
            suffix: first_chars(suffix),
            hint,
        }
    }
}

fn first_chars(s: &str) -> &str {
    s.char_indices().nth(CONTEXT_MAX).map_or(s, |(b, _)| &s[..b])
}

fn last_chars(s: &str) -> &str {
    s.char_indices().rev().nth(CONTEXT_MAX - 1).map_or(s, |(b, _)| &s[b..])
}

/// Stages 2 and 3 for a quote whose position did not hold.
fn find_quote(text: &TextSelectors, q: &TextQuoteSelector, hint: Option<usize>) -> Option<Anchor> {
    if q.exact.is_empty() {
        return None;
    }
    let query = Query::new(q, hint);
    let scorer = fuzzy::Scorer::new(&query);
    let hit = exact::best(text, &query);
    let exact = hit.map(|h| Anchor {
        start: h.start,
        end: h.end,
        method: Method::Quote,
        score: scorer.score(text, h.start, h.end, 0),
    });
    if let (Some(h), Some(a)) = (hit, exact) {
        if h.strong {
            return Some(a);
        }
    }
    // No occurrence, or none near the old position in the stored context:
    // an approximate match there may fit better (a typo fixed inside a
    // quote whose words recur elsewhere). All candidates are weighed on
    // one score; with an exact occurrence in hand, only the window around
    // the old position is searched approximately.
    let near = fuzzy::best(text, &query, &scorer, exact.is_some());
    let near = near.filter(|a| a.method == Method::Quote || a.score >= THRESHOLD);
    match (exact, near) {
        (Some(e), Some(f)) => Some(if f.score > e.score { f } else { e }),
        (e, f) => e.or(f),
    }
}

#[cfg(test)]
mod tests;
