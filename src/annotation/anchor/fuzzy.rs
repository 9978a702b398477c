//! Stage 3: approximate occurrences of a quote and their scores.
//!
//! Why these numbers (checked on `benches/anchor.rs`: 1,000 annotations,
//! 100,000 words, 1 % of them edited; see `bench/README.md`):
//! - At most [`max_errors`] = half the quote (capped at 256) edits, as
//!   Hypothesis allows: a word inserted into or deleted from a three-word
//!   quote is 30-40 % of it. A quarter missed those and anchored 3 fewer
//!   annotations right; the noise half admits is rejected by the score.
//! - Score = (50 × quote + 20 × prefix + 20 × suffix + 20 × position) / 110,
//!   each a similarity in 0..=1. Quote and context weigh as in Hypothesis;
//!   position weighs 20, not 2, and decays with the distance in code points,
//!   1 / (1 + d / 4096), not relative to the text's length: news pages
//!   repeat passages (pull quotes, summaries, live blogs), and on a long
//!   page Hypothesis's term cannot tell a copy a paragraph away from one
//!   pages away. Measured: position weight 2 → 929 of 1,000 on their exact
//!   span, 10 → 957, 20 → 969, 30 → 970.
//! - Context similarities are edit distances anchored at the match's edges
//!   (the text right before it against the end of `prefix`), not anywhere
//!   in a slice as in Hypothesis.
//! - Accepted from [`THRESHOLD`] = 0.75: a changed word inside the quote
//!   with intact context scores above 0.9; a quote that is gone, matched by
//!   chance with up to half its length in errors, scores about 0.6 (its
//!   context is unrelated text, similarity ~0.4).

use super::myers::Pattern;
use super::{Anchor, Method, Query, WINDOW};
use crate::annotation::selector::TextSelectors;

/// Minimum score of an approximate match.
pub const THRESHOLD: f64 = 0.75;

/// Longest quote (code points) searched approximately: 64 blocks per text
/// character. Longer quotes are only found exactly.
pub const FUZZY_MAX_CHARS: usize = 4096;

/// Most block steps (text code points × ⌈quote / 64⌉) one whole-text scan
/// may take; past it only the window around the old position is searched.
pub const FUZZY_BUDGET: usize = 1 << 26;

/// Candidate runs scored per search (fewest errors first).
const MAX_CANDIDATES: usize = 256;

/// How much each similarity counts in a score (see the module doc).
struct Weights {
    quote: f64,
    prefix: f64,
    suffix: f64,
    position: f64,
}

const WEIGHTS: Weights = Weights { quote: 50.0, prefix: 20.0, suffix: 20.0, position: 20.0 };
/// Distance (code points) at which the position similarity halves.
const POSITION_SCALE: f64 = 4096.0;

/// Errors allowed in an approximate match of a quote of `chars` code points.
pub fn max_errors(chars: usize) -> usize {
    (chars / 2).min(256)
}

/// Scores candidate spans against one query.
pub(crate) struct Scorer {
    chars: usize,
    /// The prefix reversed (matched leftwards from a candidate's start).
    prefix: Pattern,
    suffix: Pattern,
    hint: Option<usize>,
}

impl Scorer {
    pub fn new(q: &Query) -> Self {
        Scorer {
            chars: q.chars,
            prefix: Pattern::new(q.prefix.chars().rev()),
            suffix: Pattern::new(q.suffix.chars()),
            hint: q.hint,
        }
    }

    /// The weighted similarity of `[start, end)` with `errors` edits.
    pub fn score(&self, text: &TextSelectors, start: usize, end: usize, errors: usize) -> f64 {
        let quote = 1.0 - errors as f64 / self.chars.max(1) as f64;
        let p = self.prefix.len();
        let prefix = similarity(&self.prefix, text.before(start).chars().rev(), 2 * p);
        let s = self.suffix.len();
        let suffix = similarity(&self.suffix, text.after(end).chars(), 2 * s);
        let position = self.hint.map_or(1.0, |h| 1.0 / (1.0 + h.abs_diff(start) as f64 / POSITION_SCALE));
        let w = &WEIGHTS;
        (w.quote * quote.max(0.0) + w.prefix * prefix + w.suffix * suffix + w.position * position)
            / (w.quote + w.prefix + w.suffix + w.position)
    }
}

/// 1 − (edits between the context and the text next to the match) / its
/// length; 1 without a stored context.
fn similarity(context: &Pattern, text: impl Iterator<Item = char>, limit: usize) -> f64 {
    if context.len() == 0 {
        return 1.0;
    }
    let errors = context.best_prefix(text, limit);
    (1.0 - errors as f64 / context.len() as f64).max(0.0)
}

/// The best-scoring approximate occurrence: around the old position first,
/// then (unless `window_only`, and within [`FUZZY_BUDGET`]) in the whole
/// text. Its method is [`Method::Quote`] when it has no errors. The caller
/// applies [`THRESHOLD`].
pub(crate) fn best(text: &TextSelectors, q: &Query, scorer: &Scorer, window_only: bool) -> Option<Anchor> {
    let k = max_errors(q.chars);
    if k == 0 || q.chars > FUZZY_MAX_CHARS {
        return None;
    }
    let search = Search {
        text,
        scorer,
        k,
        forward: Pattern::new(q.exact.chars()),
        backward: Pattern::new(q.exact.chars().rev()),
    };
    let n = text.char_len();
    let mut found = None;
    if let Some(h) = q.hint {
        let (from, to) = (h.saturating_sub(WINDOW + q.chars), h.saturating_add(WINDOW + 2 * q.chars).min(n));
        found = search.run(from, to);
        let whole = from == 0 && to == n;
        if whole || window_only || found.is_some_and(|a: Anchor| a.score >= THRESHOLD) {
            return found;
        }
    }
    if window_only || n.saturating_mul(search.forward.blocks()) > FUZZY_BUDGET {
        return found;
    }
    match (found, search.run(0, n)) {
        (Some(w), Some(a)) => Some(if w.score >= a.score { w } else { a }),
        (w, a) => w.or(a),
    }
}

struct Search<'t, 's> {
    text: &'t TextSelectors<'t>,
    scorer: &'s Scorer,
    k: usize,
    forward: Pattern,
    backward: Pattern,
}

/// Ends (and starts) kept per candidate: a few near the fewest errors, so
/// that the context decides between "honor its" ending at "wide" (fewer
/// edits) or at "widely its" (the stored suffix follows).
const MAX_ENDS: usize = 16;

/// Starts scored per end (fewest errors first).
const MAX_STARTS: usize = 4;

/// Errors above a candidate's fewest that its other ends and starts may
/// have and still be scored.
fn slack(chars: usize) -> usize {
    2 + chars / 16
}

/// Consecutive match ends (at most a quote long): the [`MAX_ENDS`] with the
/// fewest errors.
struct Run {
    first: usize,
    last: usize,
    ends: Vec<(usize, usize)>, // (errors, end)
}

impl Run {
    fn add(&mut self, end: usize, errors: usize) {
        self.last = end;
        if self.ends.len() < MAX_ENDS {
            self.ends.push((errors, end));
        } else if let Some(worst) = self.ends.iter_mut().max() {
            if errors < worst.0 {
                *worst = (errors, end);
            }
        }
    }

    fn fewest(&self) -> usize {
        self.ends.iter().map(|e| e.0).min().unwrap_or(usize::MAX)
    }
}

impl Search<'_, '_> {
    /// The best match ending in code points `(from, to]`.
    fn run(&self, from: usize, to: usize) -> Option<Anchor> {
        let m = self.forward.len();
        let mut runs: Vec<Run> = Vec::new();
        self.forward.search(self.text.slice(from, to).chars(), self.k, |end, errors| {
            let end = from + end;
            match runs.last_mut() {
                // A run longer than the quote holds more than one match.
                Some(r) if r.last + 1 == end && end - r.first < m => r.add(end, errors),
                _ => runs.push(Run { first: end, last: end, ends: vec![(errors, end)] }),
            }
        });
        if runs.len() > MAX_CANDIDATES {
            runs.select_nth_unstable_by_key(MAX_CANDIDATES, Run::fewest);
            runs.truncate(MAX_CANDIDATES);
        }
        let slack = slack(m);
        let mut best: Option<(f64, usize, Anchor)> = None; // (score, -distance, anchor)
        for run in &runs {
            let fewest = run.fewest();
            for &(_, end) in run.ends.iter().filter(|e| e.0 <= fewest + slack) {
                // Where a match ending here starts: the reversed quote against
                // the text leftwards from `end`; every length within the slack.
                let reach = m + self.k;
                let left = self.text.before(end).chars().rev();
                let distances = self.backward.prefix_distances(left, reach);
                let least = distances.iter().copied().min().unwrap_or(m);
                let mut lengths: Vec<(usize, usize)> = distances
                    .into_iter()
                    .enumerate()
                    .filter(|&(_, e)| e <= least + slack)
                    .map(|(l, e)| (e, l))
                    .collect();
                lengths.sort_unstable();
                for &(errors, len) in lengths.iter().take(MAX_STARTS) {
                    let start = end - len.min(end);
                    let score = self.scorer.score(self.text, start, end, errors);
                    let near = usize::MAX - self.scorer_distance(start);
                    if best.is_none_or(|(s, d, _)| (score, near) > (s, d)) {
                        let method = if errors == 0 { Method::Quote } else { Method::Fuzzy };
                        best = Some((score, near, Anchor { start, end, method, score }));
                    }
                }
            }
        }
        best.map(|(_, _, a)| a)
    }

    fn scorer_distance(&self, start: usize) -> usize {
        self.scorer.hint.map_or(0, |h| h.abs_diff(start))
    }
}
