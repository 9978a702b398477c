//! Stage 2: exact occurrences of a quote, disambiguated by how far their
//! surroundings agree with the stored prefix/suffix, then by distance from
//! the old position.
//!
//! Why windowed: most annotations stay near their old position, and an
//! occurrence there whose whole stored context agrees cannot be beaten by
//! one farther away (same agreement, larger distance), so the whole text is
//! scanned only when the window has no such occurrence. Only such a near,
//! fully agreeing occurrence is final; any other is weighed against the
//! approximate matches around the old position (news pages repeat
//! passages: a pull quote, a summary, the same paragraph in a live blog).

use super::{Query, WINDOW};
use crate::annotation::selector::TextSelectors;

/// The best exact occurrence of a query's `exact`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    /// Certain enough to skip the approximate search: all the stored
    /// context agrees, and the occurrence is near the old position (or there
    /// is none). A far copy of the quote (a repeated passage) must beat the
    /// approximate matches near the old position on the common score.
    pub strong: bool,
}

pub(crate) fn best(text: &TextSelectors, q: &Query) -> Option<Hit> {
    let full = q.prefix.chars().count() + q.suffix.chars().count();
    let hit = |(common, start): (usize, usize), near: bool| Hit {
        start,
        end: start + q.chars,
        strong: near && common == full,
    };
    if let Some(h) = q.hint {
        let window = scan(text, q, h.saturating_sub(WINDOW), h.saturating_add(WINDOW + q.chars));
        if let Some(found) = window.filter(|&(common, _)| common == full) {
            return Some(hit(found, true));
        }
    }
    scan(text, q, 0, text.char_len()).map(|found| hit(found, q.hint.is_none()))
}

/// The best occurrence starting in code points `[from, to)` (clamped):
/// (agreeing context chars, start).
fn scan(text: &TextSelectors, q: &Query, from: usize, to: usize) -> Option<(usize, usize)> {
    let offsets = text.offsets();
    let all = offsets.text();
    let byte = |c: usize| offsets.char_to_byte(c.min(text.char_len())).unwrap_or(all.len());
    let (from, to) = (byte(from), byte(to.saturating_add(q.chars)));
    let step = q.exact.chars().next().map_or(1, char::len_utf8);
    let mut best: Option<((usize, usize), usize)> = None; // ((common, -distance), start)
    let mut at = from;
    while let Some(found) = all.get(at..to).and_then(|hay| hay.find(q.exact)) {
        let b = at + found;
        let before = all.get(..b).unwrap_or_default();
        let after = all.get(b + q.exact.len()..).unwrap_or_default();
        let common = common_suffix_chars(before, q.prefix) + common_prefix_chars(after, q.suffix);
        let start = offsets.byte_to_char(b);
        let distance = q.hint.map_or(0, |h| h.abs_diff(start));
        let key = (common, usize::MAX - distance);
        if best.is_none_or(|(k, _)| key > k) {
            best = Some((key, start));
        }
        at = b + step;
    }
    best.map(|((common, _), start)| (common, start))
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}
