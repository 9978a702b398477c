//! An article, reader annotations on it, and an edited version of it with
//! the true new place of every annotation: the input of the anchoring
//! benchmark (`benches/anchor.rs`, and through `bench/corpus/anchor.json`
//! `bench/anchor.mjs`).
//!
//! Why words: edits and annotations are both made of whole words, so each
//! original word's new span (or its deletion) is known exactly and an
//! annotation's true span is simply its first to last surviving word.
//! Deterministic: the same arguments give the same case.

use newsgloss::annotation::{Selector, TextSelectors};

use crate::corpus::{article, Rng};

/// Words some edits insert (with an emoji and an astral char: code points
/// must not be confused with UTF-16 units).
const INSERTED: &[&str] = &["reportedly", "also", "officially", "now", "😀", "still", "𝄞", "widely", "not"];

pub struct Case {
    pub original: String,
    pub edited: String,
    pub targets: Vec<Vec<Selector>>,
    /// The true span of each target in `edited`; `None` when all its words
    /// were deleted.
    pub truth: Vec<Option<(usize, usize)>>,
    pub words: usize,
    pub edited_words: usize,
    pub deleted_paragraphs: usize,
}

/// `words` words of generated news in paragraphs, `annotations` spans of
/// 1-30 words (within a paragraph), then `percent` % of the words
/// substituted (a typo or another word), inserted after or deleted, and
/// `deleted_paragraphs` whole paragraphs removed.
pub fn case(words: usize, annotations: usize, percent: usize, deleted_paragraphs: usize, seed: u64) -> Case {
    let mut rng = Rng::new(seed);
    let source = article(words * 8, seed);
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    let mut total = 0;
    for line in source.lines() {
        let mut tokens: Vec<String> = line.split_whitespace().take(words - total).map(str::to_string).collect();
        if tokens.is_empty() {
            continue;
        }
        for t in &mut tokens {
            if rng.below(1000) < 2 {
                t.push_str(if rng.chance(50) { "🇺🇦" } else { "😀" });
            }
        }
        total += tokens.len();
        paragraphs.push(tokens);
        if total >= words {
            break;
        }
    }
    let (original, spans) = render(&paragraphs, |_, _, w| vec![(true, w.to_string())]);
    // Word w of paragraph p is flat index first[p] + w.
    let first: Vec<usize> = paragraphs.iter().scan(0, |n, p| Some(std::mem::replace(n, *n + p.len()))).collect();

    let selectors = TextSelectors::new(&original);
    let mut words_of = Vec::with_capacity(annotations);
    let mut targets = Vec::with_capacity(annotations);
    for _ in 0..annotations {
        let p = rng.below(paragraphs.len());
        let w = rng.below(paragraphs[p].len());
        let len = (1 + rng.below(30)).min(paragraphs[p].len() - w);
        let (from, to) = (first[p] + w, first[p] + w + len);
        targets.push(selectors.pair(spans[from].map_or(0, |s| s.0), spans[to - 1].map_or(0, |s| s.1)));
        words_of.push((from, to));
    }

    // The edits, one per chosen word; then whole paragraphs.
    let mut edits: Vec<Edit> = vec![Edit::Keep; total];
    let mut edited_words = 0;
    while edited_words < total * percent / 100 {
        let i = rng.below(total);
        if edits[i] != Edit::Keep {
            continue;
        }
        edits[i] = match rng.below(10) {
            0..=1 => Edit::Typo(rng.below(64), (b'a' + rng.below(26) as u8) as char),
            2..=3 => Edit::Replace(rng.below(total)),
            4..=6 => Edit::InsertAfter(rng.pick(INSERTED)),
            _ => Edit::Delete,
        };
        edited_words += 1;
    }
    let mut gone = vec![false; paragraphs.len()];
    for _ in 0..deleted_paragraphs {
        gone[rng.below(paragraphs.len())] = true;
    }
    let flat: Vec<&str> = paragraphs.iter().flatten().map(String::as_str).collect();
    let (edited, new_spans) = render(&paragraphs, |p, i, word| match edits[first[p] + i] {
        _ if gone[p] => vec![],
        Edit::Keep => vec![(true, word.to_string())],
        Edit::Typo(at, c) => {
            let mut chars: Vec<char> = word.chars().collect();
            let at = at % chars.len().max(1);
            if let Some(old) = chars.get_mut(at) {
                *old = if *old == c { '_' } else { c };
            }
            vec![(true, chars.into_iter().collect())]
        }
        Edit::Replace(other) => vec![(true, flat[other].to_string())],
        Edit::InsertAfter(extra) => vec![(true, word.to_string()), (false, extra.to_string())],
        Edit::Delete => vec![],
    });
    let truth = words_of
        .iter()
        .map(|&(from, to)| {
            let kept: Vec<(usize, usize)> = new_spans[from..to].iter().flatten().copied().collect();
            Some((kept.first()?.0, kept.last()?.1))
        })
        .collect();
    let deleted_paragraphs = gone.iter().filter(|&&g| g).count();
    Case { original, edited, targets, truth, words: total, edited_words, deleted_paragraphs }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Edit {
    Keep,
    /// Change the char at this index (modulo the word's length) to this one.
    Typo(usize, char),
    /// Replace the word with word number n.
    Replace(usize),
    InsertAfter(&'static str),
    Delete,
}

/// Joins paragraphs (`\n`) of words (` `), word `i` of paragraph `p`
/// written as `rewrite(p, i, word)`: the words to put in its place, the one
/// marked `true` standing for it (none: it is deleted; a paragraph left with
/// no words disappears). Returns the text and each original word's span in
/// code points (`None` when deleted).
fn render(
    paragraphs: &[Vec<String>],
    mut rewrite: impl FnMut(usize, usize, &str) -> Vec<(bool, String)>,
) -> (String, Vec<Option<(usize, usize)>>) {
    let mut text = String::new();
    let mut chars = 0;
    let mut spans = Vec::new();
    for (p, tokens) in paragraphs.iter().enumerate() {
        let mut line = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let index = spans.len();
            spans.push(None);
            line.extend(rewrite(p, i, t).into_iter().map(|(stands, w)| (stands.then_some(index), w)));
        }
        if line.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
            chars += 1;
        }
        for (j, (index, w)) in line.into_iter().enumerate() {
            if j > 0 {
                text.push(' ');
                chars += 1;
            }
            let start = chars;
            chars += w.chars().count();
            text.push_str(&w);
            if let Some(i) = index {
                spans[i] = Some((start, chars));
            }
        }
    }
    (text, spans)
}
