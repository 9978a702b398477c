//! Words and marks of a short stretch of text, with byte offsets, and where
//! its sentences end. Attribution only ever reads bounded windows around a
//! quotation, so this never sees more than a few hundred bytes at a time.
//! Runs of ASCII letters and digits are read eight bytes at a time
//! ([`alnum_end`], shared with the actor tokenizer and the disputes reader).

use super::lexicon;
use crate::analysis::actors::tokens::char_at;
use crate::text::bytes::{alnum_end, byte_classes};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits, with inner apostrophes, hyphens and dots
    /// ("D’Souza", "non-partisan", "U.S").
    Word,
    /// A quotation mark of any shape (“ ” „ « » " `` '').
    Quote,
    /// Any other punctuation mark, one character.
    Punct(char),
    /// A line break: the end of a paragraph.
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or_default()
    }
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// [`char::is_alphanumeric`], answered without the Unicode tables for
/// ASCII and for General Punctuation (U+2000..U+206F: dashes, curly quotes,
/// the ’ of "Russia’s"), which holds no letter or digit: their slow search
/// cost more than the rest of a word's reading.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‐' | '‑')
}

/// The tokens of `text[start..end]` (the range is clamped to char
/// boundaries). Spaces are dropped; `\n` is a [`Kind::Break`].
/// (Test code: attribution reads its windows into reused lists,
/// [`tokenize_into`].)
#[cfg(test)]
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    tokenize_into(text, start, end, &mut out);
    out
}

/// [`tokenize`] into `out` (cleared first): for a caller that reuses one
/// list for many windows, not allocating one each.
pub(crate) fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    out.clear();
    let start = floor_boundary(text, start);
    let end = floor_boundary(text, end.max(start));
    let Some(s) = text.get(start..end) else {
        return;
    };
    out.reserve(s.len() / 5 + 1);
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // An ASCII byte (nine in ten) is told by itself, no char decoded;
        // the commonest two kinds by one look-up.
        match BYTE_CLASS[usize::from(b)] {
            ALNUM => {
                i = push_word(s, i, 1, start, out);
                continue;
            }
            BLANK => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let (kind, len) = match b {
            b'\n' => (Kind::Break, 1),
            b'"' => (Kind::Quote, 1),
            b'`' | b'\'' if bytes.get(i + 1) == Some(&b) => (Kind::Quote, 2),
            0..=0x7f => (Kind::Punct(char::from(b)), 1),
            _ => {
                let Some(c) = char_at(s, i) else { break };
                let len = c.len_utf8();
                if is_alnum(c) {
                    i = push_word(s, i, len, start, out);
                    continue;
                }
                match c {
                    '“' | '”' | '„' | '«' | '»' => (Kind::Quote, len),
                    c if c.is_whitespace() => {
                        i += len;
                        continue;
                    }
                    c => (Kind::Punct(c), len),
                }
            }
        };
        out.push(Tok { start: start + i, end: start + i + len, kind });
        i += len;
    }
}

/// [`BYTE_CLASS`] of an ASCII letter or digit: a word starts.
const ALNUM: u8 = 1;
/// [`BYTE_CLASS`] of a space or tab (not a line break): read over.
const BLANK: u8 = 2;

/// The class of each byte as [`tokenize_into`] first sorts it: [`ALNUM`],
/// [`BLANK`], or 0 for any other (read further). One load where a chain of
/// range tests cost some eight instructions a token.
static BYTE_CLASS: [u8; 256] = byte_classes!(
    |c| if c.is_ascii_alphanumeric() {
        ALNUM
    } else if matches!(c, b' ' | b'\t' | b'\r' | 0x0b | 0x0c) {
        BLANK
    } else {
        0
    },
    wide: 0
);

/// Pushes the word of `s` that starts at byte `i` with a letter or digit
/// of `first` bytes (offsets shifted by `base`); returns where reading
/// goes on: after the word, and after the space that follows it (most
/// words have one).
fn push_word(s: &str, i: usize, first: usize, base: usize, out: &mut Vec<Tok>) -> usize {
    let bytes = s.as_bytes();
    let mut e = i + first;
    loop {
        // Runs of ASCII letters and digits eight bytes at a time.
        e = alnum_end(bytes, e);
        match bytes.get(e) {
            // The commonest end by far: a space, read over at once.
            Some(b' ') => {
                out.push(Tok { start: base + i, end: base + e, kind: Kind::Word });
                return e + 1;
            }
            // Then an ASCII byte that is not in the run (so no letter or
            // digit) and joins nothing (a comma, a stop).
            Some(&x) if x.is_ascii() && !matches!(x, b'\'' | b'-' | b'.' | b'&') => break,
            _ => {}
        }
        let Some(d) = char_at(s, e) else { break };
        if is_alnum(d) {
            e += d.len_utf8();
        } else if joins_word(d) {
            // Only inside a word: the next char must be a letter or digit.
            let after = e + d.len_utf8();
            if char_at(s, after).is_some_and(is_alnum) {
                e = after;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    out.push(Tok { start: base + i, end: base + e, kind: Kind::Word });
    if bytes.get(e) == Some(&b' ') {
        e + 1
    } else {
        e
    }
}

pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(crate) fn ceil_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether a sentence ends right after token `i` (a `.`, `?` or `!`, maybe
/// followed by closing marks), judged by what comes next: a capital, a
/// quotation mark, a break, or nothing.
///
/// Asked of every token of a window: the kind is checked here, inlined, and
/// only a stop is read further ([`stop_ends_sentence`]).
#[inline]
pub(crate) fn ends_sentence(text: &str, toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| matches!(t.kind, Kind::Break | Kind::Punct('.' | '?' | '!' | '…')))
        && stop_ends_sentence(text, toks, i)
}

/// [`ends_sentence`] for any token (the full reading, out of line).
fn stop_ends_sentence(text: &str, toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    match t.kind {
        Kind::Break => return true,
        Kind::Punct('.') => {
            if let Some(prev) = i.checked_sub(1).and_then(|p| toks.get(p)) {
                // "Mr." "U.S." "A." are no sentence ends (the word touches the
                // dot), unless a sentence plainly starts after "U.S." or "D.C.":
                // "... in the U.S. He says".
                if prev.is_word() && prev.end == t.start && lexicon::is_abbreviation(prev.text(text)) {
                    let next = toks.get(i + 1).filter(|n| n.is_word()).map(|n| n.text(text)).unwrap_or_default();
                    let opener = is_capitalized(next)
                        && (lexicon::pronoun(next).is_some()
                            || lexicon::is_function_word_cased(next)
                            || lexicon::is_determiner(next));
                    if !(prev.text(text).contains('.') && opener) {
                        return false;
                    }
                }
            }
        }
        Kind::Punct('?' | '!' | '…') => {}
        _ => return false,
    }
    // Skip closing marks and brackets after the stop.
    let mut j = i + 1;
    while let Some(n) = toks.get(j) {
        match n.kind {
            Kind::Punct(')' | '’' | ']') => j += 1,
            // A closing quotation mark glued to the stop: look past it.
            Kind::Quote if n.start == toks[j - 1].end => j += 1,
            _ => break,
        }
    }
    match toks.get(j) {
        None => true,
        Some(n) => match n.kind {
            Kind::Break | Kind::Quote => true,
            Kind::Word => n.text(text).starts_with(|c: char| c.is_uppercase() || c.is_numeric()),
            Kind::Punct(c) => matches!(c, '(' | '[' | '‘' | '—' | '–' | '-'),
        },
    }
}

pub(crate) fn is_capitalized(word: &str) -> bool {
    // An ASCII first byte (nearly all) is told without decoding a char.
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.starts_with(|c: char| c.is_uppercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_capitalized_is_a_first_char_upper_case() {
        for w in ["", "A", "a", "Über", "über", "1st", "’s", "Ωmega", "ωmega", "É", "«A", "Z9"] {
            assert_eq!(is_capitalized(w), w.starts_with(|c: char| c.is_uppercase()), "{w:?}");
        }
    }

    #[test]
    fn tokenize_into_a_used_list_gives_the_fresh_tokens() {
        let t = "He said: “We’re done.”\nU.S. officials, 12 of them — left.";
        let mut out = tokenize(t, 0, t.len());
        for (lo, hi) in [(0, 8), (3, t.len()), (9, 9), (t.len(), 2), (0, t.len() + 5)] {
            tokenize_into(t, lo, hi, &mut out);
            assert_eq!(out, tokenize(t, lo, hi), "{lo} {hi}");
        }
    }

    fn words(t: &str) -> Vec<&str> {
        tokenize(t, 0, t.len()).iter().map(|k| k.text(t)).collect()
    }

    /// The tokenizer as it was, char by char: the byte-indexed one must
    /// give the same tokens.
    fn tokenize_by_chars(s: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_alphanumeric() {
                let mut e = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    let next = s.get(j + d.len_utf8()..).and_then(|r| r.chars().next());
                    if d.is_alphanumeric() || (joins_word(d) && next.is_some_and(char::is_alphanumeric)) {
                        e = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                out.push(Tok { start: i, end: e, kind: Kind::Word });
                continue;
            }
            let kind = match c {
                '\n' => Kind::Break,
                '“' | '”' | '„' | '«' | '»' | '"' => Kind::Quote,
                '`' | '\'' if matches!(it.peek(), Some(&(_, d)) if d == c) => {
                    it.next();
                    out.push(Tok { start: i, end: i + 2, kind: Kind::Quote });
                    continue;
                }
                c if c.is_whitespace() => continue,
                c => Kind::Punct(c),
            };
            out.push(Tok { start: i, end: i + c.len_utf8(), kind });
        }
        out
    }

    #[test]
    fn tokens_are_those_of_the_char_by_char_reader() {
        for t in [
            "Mr. D’Souza’s U.S. non-partisan “plan,” ``so'' it's '' `x` -- a-b- -c D.C.\n\nÉlan‐vital ‑x 9.5 %",
            "Ünïcödé ß Он 中文 😀 x\u{a0}y \u{2003} ’s' ''' ``` &&a&b ½ ²x",
            "",
            "'",
            "a'",
        ] {
            assert_eq!(tokenize(t, 0, t.len()), tokenize_by_chars(t), "{t:?}");
        }
    }

    /// Pseudo-random mixes of the chars the tokenizer treats apart, each
    /// read whole and between a random start and end: the same tokens as the
    /// char-by-char reader (which reads the clamped slice).
    #[test]
    fn random_mixes_are_read_as_the_char_by_char_reader_reads_them() {
        const PIECES: [&str; 24] = [
            "a", "Z9", "word", "é", "Он", "中", " ", "\n", "\t", "\r", "\u{b}", "\u{c}", "\u{a0}", "'", "`", "\"", "’",
            "“", "”", "«", "-", ".", "&", "😀",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let n = (next() % 12) as usize;
            let t: String = (0..n).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
            assert_eq!(tokenize(&t, 0, t.len()), tokenize_by_chars(&t), "{t:?}");
            let (a, b) = ((next() as usize) % (t.len() + 1), (next() as usize) % (t.len() + 1));
            let (lo, hi) = (floor_boundary(&t, a.min(b)), floor_boundary(&t, a.max(b)));
            let want: Vec<Tok> = tokenize_by_chars(&t[lo..hi])
                .into_iter()
                .map(|k| Tok { start: k.start + lo, end: k.end + lo, kind: k.kind })
                .collect();
            assert_eq!(tokenize(&t, a.min(b), a.max(b)), want, "{t:?} {lo}..{hi}");
        }
    }

    #[test]
    fn is_alnum_is_char_is_alphanumeric() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn words_keep_inner_marks() {
        assert_eq!(
            words("Mr. D’Souza’s U.S. non-partisan “plan,”"),
            vec!["Mr", ".", "D’Souza’s", "U.S", ".", "non-partisan", "“", "plan", ",", "”"]
        );
        assert_eq!(words("''no'' ``yes''"), vec!["''", "no", "''", "``", "yes", "''"]);
    }

    #[test]
    fn sentence_ends_skip_abbreviations() {
        let t = "Mr. Putin said so. He left. The U.S. team won. In the U.S. He said no.";
        let toks = tokenize(t, 0, t.len());
        let ends: Vec<usize> = (0..toks.len()).filter(|&i| ends_sentence(t, &toks, i)).map(|i| toks[i].start).collect();
        assert_eq!(ends, vec![17, 26, 45, 57, 69]);
    }

    /// The inlined check of the kind passes every token the full reading
    /// could call a sentence end.
    #[test]
    fn only_stops_and_breaks_are_read_further() {
        let t = "Mr. Putin said so! He left? The U.S. team won… “No.” (Yes.) x — y, z; a: b\nNew";
        let toks = tokenize(t, 0, t.len());
        for i in 0..=toks.len() {
            assert_eq!(ends_sentence(t, &toks, i), stop_ends_sentence(t, &toks, i), "{i}");
        }
    }

    #[test]
    fn ranges_inside_chars_are_clamped() {
        let t = "é“a”";
        assert!(!tokenize(t, 1, 5).is_empty());
        assert!(tokenize(t, 9, 3).is_empty());
    }
}
