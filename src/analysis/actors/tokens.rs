//! Words and punctuation with the few facts the actor finder needs: shape,
//! possessive, abbreviation dot, sentence-initial position, line breaks;
//! and each token's word id in the text's vocabulary ([`Tokens`]).
//!
//! The text is read by bytes: an ASCII word of up to fifteen bytes (most
//! words) by one or two eight-byte reads that give its end, its bytes as
//! integers (the vocabulary's key) and its shape ([`short_word`]); an ASCII
//! mark by a table of the marks' ids; a longer ASCII word by eight-byte
//! steps and byte rules ([`word_end`], [`plain_token`]); only words with an
//! apostrophe, a hyphen or a char beyond ASCII take the char rules
//! ([`marked_token`]). The tests keep the char-by-char tokenizer this
//! replaced and check that both agree.

use super::classes::{CAP_MID, LOWER_TOKEN};
use super::lexicon::Lexicon;
use super::vocab::Vocab;
use crate::analysis::table::Hashed;
use crate::text::bytes::{alnum_end, byte_classes, load8, low_bytes, non_alnum_bytes};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "Putin", "McDonald", "Jong-un", "al-Amr".
    Title,
    /// "NATO", "U.S.", "KYIV".
    Caps,
    /// "A." in "Sergei A. Ryabkov".
    Initial,
    Lower,
    Num,
    /// A word that is neither a name nor lower-case ("Russian-Ukrainian", "A").
    Other,
    Punct,
}

/// One token. `s()..e()` is the word without a possessive (or, for a
/// compound like "Russian-backed", its head "Russian"); `pe()` ends the
/// possessive ("’s"). Kept small (12 bytes, offsets as `u32`, the
/// possessive's length and three flags in one byte, [`Tok::bits`]): the
/// token list is the largest structure of the analysis, about one token
/// per six bytes of text, and the actor finder walks it several times, so
/// its size is memory traffic (with 24-byte tokens, `usize` offsets, the
/// 10 MB bench text ran ~8 % slower side by side) and peak heap. Texts are
/// tokenized up to [`MAX_TEXT`] bytes.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    start: u32,
    end: u32,
    pub shape: Shape,
    /// First word of a sentence, line, quotation or title-case headline:
    /// its capital says nothing.
    pub initial: bool,
    /// A line break before the token.
    pub nl: bool,
    /// The bytes of the possessive after `e` ([`POSS`]: at most 4, an
    /// apostrophe and "s") and the flags [`COMPOUND`], [`SHOUT`],
    /// [`ASCII`] (read by [`Tok::compound`], [`Tok::shout`],
    /// [`Tok::ascii`]): one byte, where four fields made a 16-byte token.
    bits: u8,
}

/// [`Tok::bits`]: the possessive's length.
const POSS: u8 = 0b111;
/// [`Tok::bits`]: "Russian-backed", a name head with a lower-case tail.
const COMPOUND: u8 = 1 << 3;
/// [`Tok::bits`]: in an all-capitals line, where capitals say nothing either.
const SHOUT: u8 = 1 << 4;
/// [`Tok::bits`]: the word is one to fifteen ASCII letters and digits,
/// ended by an ASCII byte that joins nothing ([`short_word`]'s words, but
/// for one that takes its abbreviation dot): the disputes reader takes
/// such a word as it is.
const ASCII: u8 = 1 << 5;

/// A text's tokens and its distinct words: `ids[k]` is the [`Vocab`] id
/// of token `k`'s word (`s()..e()`); `seen[id]` how the text writes the
/// word of `id` ([`LOWER_TOKEN`], [`CAP_MID`]: the word classes' text flags).
///
/// Why here: each word is interned as it is read, its bytes still at hand,
/// rather than in a second pass over the tokens; its flags are noted as
/// the positions are marked ([`Marks`]), not in a pass of their own.
pub struct Tokens<'a> {
    pub toks: Vec<Tok>,
    pub ids: Vec<u32>,
    pub vocab: Vocab<'a>,
    pub seen: Vec<u32>,
}

/// The longest text tokenized: offsets must fit a `u32`. (Beyond 4 GiB, a
/// text is read up to there; no browser or CLI use comes near.)
pub const MAX_TEXT: usize = u32::MAX as usize;

/// A byte offset of a tokenized text (at most [`MAX_TEXT`], so exact) as
/// stored in a token. (A plain cast: a checked conversion cost the
/// tokenizer's loop a compare and a move per offset.)
#[inline]
fn off(i: usize) -> u32 {
    debug_assert!(u32::try_from(i).is_ok());
    i as u32
}

impl Tok {
    /// Where the word starts (bytes).
    #[inline]
    pub fn s(&self) -> usize {
        self.start as usize
    }
    /// Where the bare word ends (bytes).
    #[inline]
    pub fn e(&self) -> usize {
        self.end as usize
    }
    pub fn is_word(&self) -> bool {
        self.shape != Shape::Punct
    }
    pub fn has_poss(&self) -> bool {
        self.bits & POSS != 0
    }
    /// The end of the word with its possessive.
    pub fn pe(&self) -> usize {
        self.e() + usize::from(self.bits & POSS)
    }
    /// "Russian-backed": a name head with a lower-case tail ([`COMPOUND`]).
    #[inline]
    pub fn compound(&self) -> bool {
        self.bits & COMPOUND != 0
    }
    /// In an all-capitals line ([`SHOUT`]).
    #[inline]
    pub fn shout(&self) -> bool {
        self.bits & SHOUT != 0
    }
    /// A word of one to fifteen ASCII letters and digits taken as it is
    /// ([`ASCII`]).
    #[inline]
    pub fn ascii(&self) -> bool {
        self.bits & ASCII != 0
    }
    /// A token of `start..end` (no possessive, no flags but `nl`, not
    /// initial yet).
    #[inline]
    fn new(start: usize, end: usize, shape: Shape, nl: bool) -> Tok {
        Tok { start: off(start), end: off(end), shape, initial: false, nl, bits: 0 }
    }
    /// The token with a possessive of `poss` bytes after `e()` (at most 4:
    /// an apostrophe and "s"), and [`COMPOUND`] if `compound`.
    fn with_poss(mut self, poss: usize, compound: bool) -> Tok {
        debug_assert!(poss <= usize::from(POSS));
        self.bits = (poss as u8 & POSS) | if compound { COMPOUND } else { 0 };
        self
    }
    /// Can be part of a name.
    pub fn namey(&self) -> bool {
        matches!(self.shape, Shape::Title | Shape::Caps | Shape::Initial)
    }
}

/// The char starting at byte `i`, if one does. ASCII, most of any text,
/// skips the UTF-8 decoder (an ASCII byte always starts a char).
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Letters, digits and combining marks continue a word.
fn is_word_char(c: char) -> bool {
    // ASCII first: the common case, without the Unicode tables.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // General Punctuation (U+2000..U+206F: spaces, dashes, curly quotes,
    // ellipsis), common in news text, holds no letter or digit (the test
    // `general_punctuation_is_no_word_char` checks every char): skip the
    // Unicode tables' slow search for it.
    if ('\u{2000}'..='\u{206f}').contains(&c) {
        return false;
    }
    // Latin-1 letters and Latin Extended-A and -B (U+00C0..U+024F, accented
    // names: "José", "Łukasz") are all letters but the signs × and ÷, and
    // so is Latin Extended Additional (U+1E00..U+1EFF: Vietnamese "Nguyễn");
    // the guillemets « » are none (the test `latin_letters_are_word_chars`
    // checks every char): no table search for them either.
    if ('\u{c0}'..='\u{24f}').contains(&c) {
        return !matches!(c, '×' | '÷');
    }
    if ('\u{1e00}'..='\u{1eff}').contains(&c) {
        return true;
    }
    if matches!(c, '«' | '»') {
        return false;
    }
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Tails that make "X-tail" an adjective built on a name: "Russian-backed", "Cold War-like".
fn compound_tail(t: &str) -> bool {
    const TAILS: &[&str] = &[
        "like",
        "era",
        "style",
        "type",
        "born",
        "made",
        "run",
        "held",
        "wide",
        "free",
        "led",
        "backed",
        "based",
        "critic",
        "critics",
        "friendly",
        "centric",
        "esque",
        "ish",
        "speaking",
        "aligned",
        "leaning",
        "owned",
        "controlled",
        "linked",
        "funded",
        "allied",
        "bound",
        "oriented",
        "inspired",
        "sponsored",
        "supported",
        "occupied",
        "annexed",
        "appointed",
        "elected",
        "affiliated",
        "related",
        "specific",
        "wide",
        "level",
        "shaped",
        "class",
        "grade",
        "sized",
        "area",
        "zone",
        "bloc",
        "proof",
        "ready",
        "only",
        "first",
    ];
    t.chars().count() >= 3 && (TAILS.contains(&t) || t.ends_with("ed") || t.ends_with("ing"))
}

/// [`shape_of`] for ASCII text, by bytes (the same rules: for ASCII the
/// char classes are the ASCII ones); most words take this path.
fn ascii_shape(w: &[u8], dotted: bool) -> Shape {
    let Some(&first) = w.first() else { return Shape::Other };
    if first.is_ascii_digit() {
        return Shape::Num;
    }
    if first.is_ascii_lowercase() {
        return Shape::Lower;
    }
    if !first.is_ascii_uppercase() {
        return Shape::Other;
    }
    if w.iter().any(u8::is_ascii_lowercase) {
        return Shape::Title;
    }
    let letters = w.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if letters >= 2 {
        Shape::Caps
    } else if dotted {
        Shape::Initial
    } else {
        Shape::Other
    }
}

/// Lower-case prefixes glued to a family name: "al-Amr", "bin-Salman".
fn name_prefix(p: &str) -> bool {
    matches!(p, "al" | "el" | "ad" | "ash" | "as" | "at" | "an" | "ar" | "az" | "bin" | "ibn" | "abu" | "ben" | "bint")
        || matches!(p, "ul" | "ud" | "d" | "o" | "mc" | "mac" | "van" | "von" | "de" | "da" | "di" | "du" | "le" | "la")
}

fn shape_of(w: &str, dotted: bool) -> Shape {
    // An ASCII first byte is the first char, whose (ASCII) classes decide
    // every shape but a capitalised word's: no need to scan the word first.
    match w.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => return Shape::Num,
        Some(b) if b.is_ascii_lowercase() => return Shape::Lower,
        Some(b) if b.is_ascii() && !b.is_ascii_uppercase() => return Shape::Other,
        _ => {}
    }
    if w.is_ascii() {
        return ascii_shape(w.as_bytes(), dotted);
    }
    let Some(first) = w.chars().next() else { return Shape::Other };
    if first.is_numeric() {
        return Shape::Num;
    }
    if first.is_lowercase() {
        return Shape::Lower;
    }
    if !first.is_uppercase() {
        return Shape::Other;
    }
    // (A lower-case letter first: it decides most such words, and the
    // letters need not be counted then.)
    if w.chars().any(char::is_lowercase) {
        return Shape::Title;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 {
        Shape::Caps
    } else if dotted {
        Shape::Initial
    } else {
        Shape::Other
    }
}

/// Splits `text` into tokens, interning each token's word as it goes.
/// Linear in the text.
///
/// Read by bytes: ASCII spaces, letters and digits (most of a news text)
/// never go through the char decoder or the Unicode tables; other chars
/// take the char path.
#[inline(never)]
pub fn tokenize<'a>(text: &'a str, lx: &Lexicon) -> Tokens<'a> {
    // (Written without `min`: on 32-bit targets no text is longer.)
    let mut cut = if u32::try_from(text.len()).is_ok() { text.len() } else { MAX_TEXT };
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = text.get(..cut).unwrap_or_default();
    let bytes = text.as_bytes();
    let mut out = Sink::new(text.len() / 5 + 1);
    // A short article has some 600 distinct words (sized so that its
    // table never grows); a long text's vocabulary grows more slowly than
    // its tokens (about one per six bytes), and the table grows as needed.
    let mut vocab = Vocab::new(text, text.len() / 96 + 600);
    // The ids of the ASCII punctuation marks met so far (`u32::MAX`: none
    // yet): a mark is interned once, not once per occurrence.
    let mut punct_ids = [u32::MAX; 128];
    let mut marks = Marks::new();
    let mut i = 0;
    let mut nl = false;
    while let Some(&x) = bytes.get(i) {
        let class = byte_class(x);
        if class == ALNUM {
            // Most tokens: a short ASCII word, read as integers and interned so.
            if let Some(w) = short_word(bytes, i) {
                let (tok, id, next) = short_token(bytes, i, w, nl, &mut vocab, lx);
                let k = out.len();
                out.push(marks.word::<true>(k, text, tok, id, &mut vocab), id);
                nl = false;
                i = next;
                continue;
            }
        } else if class == SPACE {
            i += 1;
            continue;
        } else if (MARK..=JOINER).contains(&class) {
            // An ASCII char that is neither a letter, a digit nor a space
            // is a mark of its own.
            let m = &mut punct_ids[usize::from(x & 0x7f)];
            if *m == u32::MAX {
                *m = vocab.intern_packed(i, 1, u64::from(x));
            }
            marks.punct(out.len(), nl, mark_starts_sentence(text, i, x), &mut vocab);
            out.push(punct_token(i, i + 1, nl), *m);
            nl = false;
            // A space after the mark (a comma's, most) is read past at
            // once, not by a turn of the loop of its own.
            i += 1 + usize::from(bytes.get(i + 1) == Some(&b' '));
            continue;
        }
        // The length of the punctuation char at `i`, if it is one (else a
        // word starts there).
        let mut punct = None;
        if !x.is_ascii_alphanumeric() {
            let Some(c) = char_at(text, i) else { break };
            if c.is_whitespace() {
                nl |= is_break(c);
                i += c.len_utf8();
                continue;
            }
            if !is_word_char(c) {
                punct = Some(c.len_utf8());
            }
        }
        let (tok, next) = match punct {
            None => word_token(text, i, nl, lx),
            Some(len) => (punct_token(i, i + len, nl), i + len),
        };
        let id = vocab.intern(tok.s(), tok.e());
        let k = out.len();
        if tok.shape == Shape::Punct {
            marks.punct(k, nl, starts_sentence(text, i), &mut vocab);
            out.push(tok, id);
        } else {
            out.push(marks.word::<false>(k, text, tok, id, &mut vocab), id);
        }
        nl = false;
        i = next;
    }
    let (mut toks, mut ids) = out.finish();
    let seen = marks.finish(text, &mut toks, &ids, &mut vocab);
    // The capacity was a guess; give back what it overshot.
    toks.shrink_to_fit();
    ids.shrink_to_fit();
    vocab.shrink_to_fit();
    Tokens { toks, ids, vocab, seen }
}

/// Tokens gathered per block of [`BATCH`] on the stack.
const BATCH: usize = 64;

/// The token list and the ids being made, each token and its id kept in a
/// block on the stack and moved to the lists a block at a time.
///
/// Why: a push to each list per token cost the tokenizer's loop two
/// capacity checks and two loads and stores of each list's length (most
/// of its state lives on the stack); a store into the block, at an index
/// that needs no bounds check, and one test per token cost less, and a
/// block is moved by two copies.
struct Sink {
    toks: Vec<Tok>,
    ids: Vec<u32>,
    block: [Tok; BATCH],
    block_ids: [u32; BATCH],
    /// Tokens pushed so far, in the lists and in the block.
    n: usize,
}

impl Sink {
    /// An empty sink whose lists have room for `expect` tokens.
    fn new(expect: usize) -> Self {
        let (toks, ids) = (Vec::with_capacity(expect), Vec::with_capacity(expect));
        Sink { toks, ids, block: [punct_token(0, 0, false); BATCH], block_ids: [0; BATCH], n: 0 }
    }

    /// Tokens pushed so far (the index of the next one).
    #[inline(always)]
    fn len(&self) -> usize {
        self.n
    }

    /// Token `tok` of word id `id`, next. (A full block is moved to the
    /// lists before the next token, not after its last.)
    #[inline(always)]
    fn push(&mut self, tok: Tok, id: u32) {
        let j = self.n % BATCH;
        if j == 0 {
            self.flush();
        }
        self.block_ids[j] = id;
        self.block[j] = tok;
        self.n += 1;
    }

    /// Moves the block's tokens to the lists (none before the first token).
    #[inline(never)]
    fn flush(&mut self) {
        let m = self.n - self.toks.len();
        self.toks.extend_from_slice(self.block.get(..m).unwrap_or_default());
        self.ids.extend_from_slice(self.block_ids.get(..m).unwrap_or_default());
    }

    /// The tokens and their ids.
    fn finish(mut self) -> (Vec<Tok>, Vec<u32>) {
        self.flush();
        (self.toks, self.ids)
    }
}

/// A word of one to fifteen ASCII letters and digits as [`short_word`]
/// read it: its bytes as two integers, the first eight (of a word of up
/// to eight bytes, only its own: [`super::classes::pack8`], the
/// vocabulary's key) and the others, zero-padded ([`Vocab::intern_read`]
/// takes both), its shape, and the byte after it.
struct ShortWord {
    len: usize,
    head: u64,
    tail: u64,
    shape: Shape,
    stop: u8,
}

/// The word at `start` if it is of one to fifteen ASCII letters and digits
/// ended by an ASCII byte that joins nothing (a space, a comma, a dot
/// before a space: most words); `None` for any other word, or none, or too
/// few bytes left to read. (A dot after it may still be its own:
/// [`abbreviated`].)
///
/// One eight-byte read finds the end, the bytes, the shape and the byte
/// after most words (whether a word starts at all: its first byte), with
/// no byte loop; a word of eight letters or more takes a second read. Such
/// a word takes none of [`word_end`]'s joins and none of [`plain_token`]'s
/// possessive or dot rules, so its token is the one they would make (the
/// test `bytewise_tokenizer_agrees_with_the_char_one` checks).
#[inline]
fn short_word(bytes: &[u8], start: usize) -> Option<ShortWord> {
    let first = load8(bytes, start)?;
    let stops = non_alnum_bytes(first);
    if stops & 0x80 != 0 {
        // No letter or digit at `start`.
        return None;
    }
    let (len, head, tail, after) = if stops != 0 {
        let n = (stops.trailing_zeros() / 8) as usize;
        (n, first & low_bytes(n), 0, first >> (8 * n))
    } else {
        // Eight letters or digits: the word goes on into the next eight bytes.
        let next = load8(bytes, start + 8)?;
        let more = non_alnum_bytes(next);
        if more == 0 {
            return None;
        }
        let m = (more.trailing_zeros() / 8) as usize;
        (8 + m, first, next & low_bytes(m), next >> (8 * m))
    };
    let stop = after as u8;
    let class = byte_class(stop);
    if class >= DOT {
        // A hyphen or an apostrophe may join what follows; a char beyond
        // ASCII may be a letter.
        if class != DOT {
            return None;
        }
        // A dot joins what follows unless that is no word char: an ASCII
        // byte but a letter or digit, or none.
        if bytes.get(start + len + 1).is_some_and(|&b| !b.is_ascii() || b.is_ascii_alphanumeric()) {
            return None;
        }
    }
    Some(ShortWord { len, head, tail, shape: packed_shape(head, tail), stop })
}

/// The token of the word `w` that [`short_word`] read at `start` (after a
/// line break if `nl`), its word's id, and where the text goes on after
/// it: after the space that follows most words, or after the word's
/// abbreviation dot ("Mr.", [`abbreviated`]), which is part of the word.
///
/// A lower-case word's [`LOWER_TOKEN`] is noted here, once per word: its
/// shape is its first byte's (on every path: a token whose word starts
/// with a lower-case ASCII letter is [`Shape::Lower`]), so every token of
/// its id is lower-case, and [`Marks::word`] need not note it per token.
#[inline(always)]
fn short_token(
    bytes: &[u8],
    start: usize,
    mut w: ShortWord,
    nl: bool,
    vocab: &mut Vocab,
    lx: &Lexicon,
) -> (Tok, u32, usize) {
    let mut end = start + w.len;
    let mut next = end + usize::from(w.stop == b' ');
    let lower = if w.shape == Shape::Lower { LOWER_TOKEN } else { 0 };
    let id = if w.stop == b'.' && abbreviated(&w, bytes.get(start..end).unwrap_or_default(), lx) {
        end += 1;
        next = end;
        if w.shape == Shape::Other {
            w.shape = Shape::Initial;
        }
        let id = vocab.intern(start, end);
        vocab.note(id, lower);
        id
    } else {
        vocab.intern_read(start, w.len, w.head, w.tail, lower)
    };
    // The word alone, without an abbreviation dot, is flagged [`ASCII`].
    let tok = Tok { bits: if end == start + w.len { ASCII } else { 0 }, ..Tok::new(start, end, w.shape, nl) };
    (tok, id, next)
}

/// Whether the word `word` that [`short_word`] read, followed by a dot,
/// takes the dot: a single capital ("A.") or an abbreviation ("Mr.").
/// ([`plain_token`]'s rule for a word without inner dots.)
#[inline]
fn abbreviated(w: &ShortWord, word: &[u8], lx: &Lexicon) -> bool {
    let single = w.len == 1 && (w.head as u8).is_ascii_uppercase();
    single
        || if w.len <= 8 {
            lx.abbrev.get_hashed(&Hashed::packed(w.head, w.len)).is_some()
        } else {
            lx.abbrev.get_bytes(word).is_some()
        }
}

/// [`byte_class`]: an ASCII letter or digit.
const ALNUM: u8 = 0;
/// A space.
const SPACE: u8 = 1;
/// Other ASCII white space (line breaks, tabs), which the char path takes.
const OTHER_SPACE: u8 = 2;
/// Any other ASCII byte, a mark of its own (this and the next two: the
/// classes [`MARK`] to [`JOINER`]).
const MARK: u8 = 3;
/// A dot: a mark that may join a word to what follows, or end it.
const DOT: u8 = 4;
/// A hyphen or an apostrophe: a mark that may join a word to what follows.
const JOINER: u8 = 5;
/// A byte beyond ASCII: part of a wider char, which the char path takes.
/// (The classes from [`DOT`] on are those that may not end a short word
/// as they are: one compare tells most bytes after a word.)
const WIDE: u8 = 6;

/// What the tokenizer does with each byte ([`byte_class`]), worked out
/// once: one load, where the tests it stands for (a letter or digit, a
/// space, white space, a joiner) cost the main loop a few compares and
/// branches for every token.
const BYTE_CLASSES: [u8; 256] = byte_classes!(
    |c| if c.is_ascii_alphanumeric() {
        ALNUM
    } else if c == b' ' {
        SPACE
    } else if matches!(c, b'\t'..=b'\r') {
        OTHER_SPACE
    } else if matches!(c, b'-' | b'\'') {
        JOINER
    } else if c == b'.' {
        DOT
    } else {
        MARK
    },
    wide: WIDE
);

/// The class of byte `b` ([`ALNUM`], [`SPACE`], ...).
#[inline]
fn byte_class(b: u8) -> u8 {
    BYTE_CLASSES[usize::from(b)]
}

/// Bit 0x40 of each of eight bytes: set in an ASCII letter, clear in a
/// digit and in zero padding.
const LETTER_BITS: u64 = 0x4040_4040_4040_4040;

/// [`ascii_shape`] (undotted) of a word of ASCII letters and digits held
/// as [`short_word`] reads it (`head`, `tail`: its bytes, zero-padded), by
/// bit tests on all its bytes at once. In such bytes bit 0x40 marks a
/// letter and, with it, bit 0x20 a lower-case one.
#[inline]
fn packed_shape(head: u64, tail: u64) -> Shape {
    let first = head as u8;
    if first.is_ascii_digit() {
        return Shape::Num;
    }
    if first.is_ascii_lowercase() {
        return Shape::Lower;
    }
    // A capital first. (Bit 0x20 moved up onto bit 0x40, within each byte.)
    let lower = |v: u64| v & (v << 1) & LETTER_BITS;
    if lower(head) | lower(tail) != 0 {
        Shape::Title
    } else if ((head >> 8) | tail) & LETTER_BITS != 0 {
        // Another letter than the first.
        Shape::Caps
    } else {
        Shape::Other
    }
}

/// The token of a punctuation char at `start..end`.
fn punct_token(start: usize, end: usize, nl: bool) -> Tok {
    Tok::new(start, end, Shape::Punct, nl)
}

/// Where the word starting at byte `start` (a word char) ends: letters and
/// digits, joined by inner hyphens, apostrophes and (in "U.S", "gawker.com")
/// dots; and whether the word is plain (ASCII, no apostrophe or hyphen:
/// letters, digits and dots only).
///
/// ASCII letters and digits are skipped by a byte loop; any other ASCII
/// byte but a joiner ends the word there, without decoding a char.
fn word_end(text: &str, start: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut j = start;
    let mut seg_start = start;
    let mut plain = true;
    loop {
        j = alnum_end(bytes, j);
        match bytes.get(j) {
            None => break,
            Some(&x) if x.is_ascii() && !matches!(x, b'-' | b'\'' | b'.') => break,
            Some(_) => {}
        }
        let Some(d) = char_at(text, j) else { break };
        if is_word_char(d) {
            // Not ASCII (the byte loop took those).
            plain = false;
            j += d.len_utf8();
            continue;
        }
        let joiner = is_hyphen(d) || is_apostrophe(d) || d == '.';
        let Some(n) = char_at(text, j + d.len_utf8()) else { break };
        if !joiner || !is_word_char(n) {
            break;
        }
        if d == '.' {
            let seg_chars = text[seg_start..j].chars().count();
            let digits = text[seg_start..j].chars().all(|c| c.is_ascii_digit()) && n.is_ascii_digit();
            if !(seg_chars == 1 || n.is_lowercase() || digits) {
                break;
            }
        }
        plain &= d == '.';
        j += d.len_utf8();
        seg_start = j;
    }
    (j, plain)
}

/// The apostrophe (' or ’) starting at byte `i`, if one does: a byte test
/// first, as most words are followed by neither.
#[inline]
fn apostrophe_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(b'\'') => Some('\''),
        Some(0xE2) => char_at(text, i).filter(|&a| is_apostrophe(a)),
        _ => None,
    }
}

/// The token of the word starting at byte `start` (a word char) with
/// `nl` (a line break before it), and where the text goes on after it.
#[inline]
fn word_token(text: &str, start: usize, nl: bool, lx: &Lexicon) -> (Tok, usize) {
    let (j, plain) = word_end(text, start);
    if plain {
        plain_token(text, start, j, nl, lx)
    } else {
        marked_token(text, start, j, nl, lx)
    }
}

/// [`word_token`] for a plain word `text[start..j]` (ASCII letters, digits
/// and dots, see [`word_end`]), by bytes: such a word holds no apostrophe
/// or hyphen, so only a possessive or a dot after it and its shape are to
/// work out. (The same rules as [`marked_token`], which the test
/// `plain_words_take_the_same_rules` checks.)
#[inline]
fn plain_token(text: &str, start: usize, j: usize, nl: bool, lx: &Lexicon) -> (Tok, usize) {
    let bytes = text.as_bytes();
    let word = bytes.get(start..j).unwrap_or_default();
    let mut e = j;
    let mut pe = j;
    let mut dotted = false;
    match bytes.get(j) {
        // Possessive: "NATO's", "Thomas'".
        Some(b'\'' | 0xE2) => {
            if let Some(a) = apostrophe_at(text, j) {
                let after = char_at(text, j + a.len_utf8());
                let lower = ascii_shape(word, false) == Shape::Lower;
                if word.ends_with(b"s") && after.is_none_or(|n| !is_word_char(n)) && !lower {
                    pe = j + a.len_utf8();
                }
            }
        }
        // Abbreviation and initial dots belong to the word: "Mr.", "A.", "U.S.".
        Some(b'.') => {
            let single = word.len() == 1 && word.first().is_some_and(u8::is_ascii_uppercase);
            let initialism = word.contains(&b'.') && word.split(|&b| b == b'.').all(|p| p.len() == 1);
            if single || initialism || lx.abbrev.contains(text.get(start..j).unwrap_or_default()) {
                e = j + 1;
                pe = j + 1;
                dotted = true;
            }
        }
        _ => {}
    }
    let shape = ascii_shape(bytes.get(start..e).unwrap_or_default(), dotted);
    (Tok::new(start, e, shape, nl).with_poss(pe - e, false), pe)
}

/// [`word_token`] for a word `text[start..j]` that holds an apostrophe, a
/// hyphen or a char beyond ASCII: possessives, contractions, compounds.
fn marked_token(text: &str, start: usize, mut j: usize, nl: bool, lx: &Lexicon) -> (Tok, usize) {
    let mut e = j;
    let mut pe = j;
    let word = &text[start..j];
    // Possessive: "Russia’s", "NATO's", "Thomas'".
    let before_s = word.strip_suffix(['s', 'S']).and_then(|w| w.chars().next_back());
    if word.len() > 3 && before_s.is_some_and(is_apostrophe) {
        let ap = before_s.map_or(1, char::len_utf8);
        e = j - 1 - ap;
    } else if let Some(a) = apostrophe_at(text, j) {
        let after = char_at(text, j + a.len_utf8());
        if word.ends_with('s') && after.is_none_or(|n| !is_word_char(n)) && shape_of(word, false) != Shape::Lower {
            pe = j + a.len_utf8();
        }
    }
    // Abbreviation and initial dots belong to the word: "Mr.", "A.", "U.S.".
    let mut dotted = false;
    if pe == j && text.as_bytes().get(j) == Some(&b'.') {
        let single = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let initialism = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
        if single || initialism || lx.abbrev.contains(word) {
            e = j + 1;
            pe = j + 1;
            j += 1;
            dotted = true;
        }
    }
    let bare = &text[start..e];
    let mut s = start;
    let mut compound = false;
    let mut shape = shape_of(bare, dotted);
    // "I’m", "We’re", "Don't": contractions are never names.
    if let Some(a) = bare.rfind(is_apostrophe) {
        let tail = bare[a..].trim_start_matches(is_apostrophe);
        if is_contraction_tail(tail) {
            shape = Shape::Other;
        }
    }
    if let Some(h) = bare.find(is_hyphen) {
        let first = &bare[..h];
        let hl = bare[h..].chars().next().map_or(1, char::len_utf8);
        let rest = &bare[h + hl..];
        let rest_upper = rest.chars().next().is_some_and(char::is_uppercase);
        let last = rest.rsplit(is_hyphen).next().unwrap_or(rest);
        if matches!(shape, Shape::Lower | Shape::Title) && title_prefix_lower(lx, first) && rest_upper {
            // "then-Secretary", "Then-President": the title starts after the hyphen.
            s = start + h + hl;
            shape = shape_of(rest, dotted);
        } else if shape == Shape::Lower {
            if lx.title_prefix.contains(first) && rest_upper {
                // "then-Secretary": the title starts after the hyphen.
                s = start + h + hl;
                shape = shape_of(rest, dotted);
            } else if name_prefix(first) && rest_upper {
                shape = Shape::Title;
            }
        } else if matches!(shape, Shape::Title | Shape::Caps) {
            if last.chars().next().is_some_and(char::is_lowercase) && compound_tail(last) {
                compound = true;
                let head_end = start + bare.rfind(is_hyphen).unwrap_or(bare.len());
                e = head_end;
                pe = head_end;
                shape = shape_of(&text[s..e], false);
            } else if bare
                .split(is_hyphen)
                .all(|p| lx.demonym.contains_key(p) || lx.region_prefix.contains(p) || p.is_empty())
            {
                // "Russian-Ukrainian", "Euro-Atlantic" style adjectives.
                shape = Shape::Other;
            }
        }
    }
    let tok = Tok::new(s, e, shape, nl).with_poss(pe.saturating_sub(e), compound);
    (tok, j.max(pe))
}

/// Whether `tail`, what follows a word's last apostrophe, lower-cased is
/// a contraction's ("m", "d", "ve", "ll", "re", "t"): compared ignoring
/// ASCII case, not lower-cased into a new string (no char beyond ASCII
/// lower-cases to these letters, so the answer is the same).
fn is_contraction_tail(tail: &str) -> bool {
    ["m", "d", "ve", "ll", "re", "t"].iter().any(|c| tail.eq_ignore_ascii_case(c))
}

/// Whether the lexicon's title prefixes ("then", "ex") hold `w`
/// lower-cased: on the stack for a short ASCII word (all of theirs), as
/// `to_lowercase` would give it, not in a new string.
fn title_prefix_lower(lx: &Lexicon, w: &str) -> bool {
    let mut buf = [0u8; 16];
    match buf.get_mut(..w.len()) {
        Some(b) if w.is_ascii() => {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            lx.title_prefix.get_bytes(b).is_some()
        }
        _ => lx.title_prefix.contains(&w.to_lowercase()),
    }
}

fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "for"
            | "to"
            | "and"
            | "or"
            | "with"
            | "by"
            | "from"
            | "as"
            | "vs"
            | "is"
            | "are"
            | "after"
            | "over"
            | "into"
            | "its"
            | "his"
            | "her"
    )
}

/// Sets `initial` and `shout`, line by line, as the tokenizer reads the
/// tokens, and gathers the text flags of the distinct words: [`LOWER_TOKEN`]
/// for a word written in lower case, [`CAP_MID`] for one capitalised on a
/// token not marked initial.
///
/// Why as the tokens are read (each is marked before it is pushed,
/// [`Marks::word`], [`Marks::punct`]): a walk of its own over the tokens
/// cost a load and a store of every token again, and its loop. A line is
/// marked as it is read; the few lines that may be headlines or shouted
/// are noted and closed ([`end_line`]) at the end ([`Marks::finish`]). A
/// capitalised word's [`CAP_MID`] waits while its line may still be a
/// headline (which would mark it initial): it is noted when the line's
/// second lower-case content word rules that out, or once the line is
/// closed.
#[derive(Default)]
struct Marks {
    /// The lines (token ranges) that may be headlines, with their counts.
    headlines: Vec<(usize, usize, LineCounts)>,
    /// The ids of the capitalised words of the line so far, while it may
    /// be a headline (until two lower-case content words are counted:
    /// [`LineCounts::may_be_headline_still`]).
    pending: Vec<u32>,
    /// The first token of the line.
    line: usize,
    /// The next word starts a sentence.
    start: bool,
    counts: LineCounts,
}

impl Marks {
    fn new() -> Self {
        Marks { start: true, ..Marks::default() }
    }

    /// A line break before token `k`: the line before it (if any) ends.
    #[inline]
    fn line_break(&mut self, k: usize, vocab: &mut Vocab) {
        if k > self.line {
            close_line(vocab, &mut self.pending, &mut self.headlines, (self.line, k, self.counts));
            (self.line, self.start, self.counts) = (k, true, LineCounts::default());
        }
    }

    /// Token `k`, a punctuation mark (`starts`: [`starts_sentence`]).
    #[inline(always)]
    fn punct(&mut self, k: usize, nl: bool, starts: bool, vocab: &mut Vocab) {
        if nl {
            self.line_break(k, vocab);
        }
        if starts {
            self.start = true;
        }
    }

    /// Token `k`, the word `t` of id `id`: counted for its line, its
    /// word's flags noted ([`LOWER_TOKEN`] unless `LOWER_NOTED`:
    /// [`short_token`] noted it when the word was new), and returned
    /// marked initial or not, to be pushed.
    #[inline(always)]
    fn word<const LOWER_NOTED: bool>(&mut self, k: usize, text: &str, mut t: Tok, id: u32, vocab: &mut Vocab) -> Tok {
        if t.nl {
            self.line_break(k, vocab);
        }
        t.initial = self.start;
        // (Once two lower-case content words are counted the line is
        // neither a headline nor shouted: the rest is not counted.)
        if self.counts.may_be_headline_still() {
            self.counts.add(text, &t);
            // This word is the second: never a headline.
            if !self.counts.may_be_headline_still() {
                for &p in &self.pending {
                    vocab.note(p, CAP_MID);
                }
                self.pending.clear();
            }
        }
        match t.shape {
            Shape::Lower if !LOWER_NOTED => vocab.note(id, LOWER_TOKEN),
            Shape::Title | Shape::Caps if !self.start => {
                if self.counts.may_be_headline_still() {
                    self.pending.push(id);
                } else {
                    vocab.note(id, CAP_MID);
                }
            }
            _ => {}
        }
        self.start = false;
        t
    }

    /// Closes the last line and the lines that may be headlines (the
    /// tokens `toks`, of ids `ids`), and returns the flags of the words
    /// of `vocab`.
    #[inline(never)]
    fn finish(mut self, text: &str, toks: &mut [Tok], ids: &[u32], vocab: &mut Vocab) -> Vec<u32> {
        close_line(vocab, &mut self.pending, &mut self.headlines, (self.line, toks.len(), self.counts));
        for &(a, b, counts) in &self.headlines {
            let line = toks.get_mut(a..b).unwrap_or_default();
            end_line(text, line, &counts);
            for (t, &id) in line.iter().zip(ids.get(a..b).unwrap_or_default()) {
                if matches!(t.shape, Shape::Title | Shape::Caps) && !t.initial {
                    vocab.note(id, CAP_MID);
                }
            }
        }
        vocab.take_flags()
    }
}

/// Ends the line `a..b` of [`Marks`] with its `counts`: a line
/// that may be a headline is kept for [`end_line`] (its capitalised words'
/// flags then wait for it), any other's `pending` capitalised words are
/// noted [`CAP_MID`].
fn close_line(
    vocab: &mut Vocab,
    pending: &mut Vec<u32>,
    headlines: &mut Vec<(usize, usize, LineCounts)>,
    (a, b, counts): (usize, usize, LineCounts),
) {
    if counts.may_be_headline() {
        headlines.push((a, b, counts));
    } else {
        for &p in pending.iter() {
            vocab.note(p, CAP_MID);
        }
    }
    pending.clear();
}

/// Closes a line whose words [`Marks`] has marked as sentence
/// starts or not and counted (`counts`): every word of a title-case
/// headline or a shouted line is marked too.
fn end_line(text: &str, line: &mut [Tok], counts: &LineCounts) {
    let ends_sentence = line.last().is_some_and(|t| {
        t.shape == Shape::Punct && text[t.s()..t.e()].starts_with(['.', '!', '?', '"', '”', ')', ':', ';', ','])
    });
    let &LineCounts { content, caps, shouted, lower_content } = counts;
    if content >= 3 && lower_content == 0 && shouted * 10 >= content * 8 {
        for t in line {
            t.bits |= SHOUT;
            t.initial = true;
        }
    } else if content >= 4 && lower_content <= usize::from(!ends_sentence) && caps * 10 >= content * 8 {
        for t in line {
            t.initial = true;
        }
    }
}

/// Whether the punctuation at byte `s` starts a sentence (or a quotation,
/// a bracket, a list item) after it. An ASCII mark (most) is told by its
/// byte, without decoding a char.
fn starts_sentence(text: &str, s: usize) -> bool {
    match text.as_bytes().get(s) {
        Some(&b) if b.is_ascii() => mark_starts_sentence(text, s, b),
        _ => match char_at(text, s).unwrap_or(' ') {
            '…' | '“' | '«' | '„' | '•' => true,
            '‘' => opens_quotation(text, s),
            _ => false,
        },
    }
}

/// [`starts_sentence`] for the ASCII mark `b` at byte `s`, told by its
/// byte: the tokenizer's path for ASCII marks (most marks) asks this, in
/// line, not the whole test out of line.
#[inline]
fn mark_starts_sentence(text: &str, s: usize, b: u8) -> bool {
    match b {
        b'.' | b'!' | b'?' | b':' | b'(' | b'[' | b'|' => true,
        b'"' | b'\'' => opens_quotation(text, s),
        _ => false,
    }
}

/// Whether the straight or opening quote at byte `s` opens a quotation:
/// only after a gap (else it closes one, or is an apostrophe).
fn opens_quotation(text: &str, s: usize) -> bool {
    let gap_before = s == 0 || char_at(text, s - 1).is_none_or(char::is_whitespace);
    let prev_char = text[..s].chars().next_back();
    gap_before || prev_char.is_some_and(|p| matches!(p, '(' | '[' | '—' | '–'))
}

/// What a line's content words are like, to tell headlines and shouted
/// lines (function words, "the", "of", do not count).
#[derive(Default, Clone, Copy)]
struct LineCounts {
    content: usize,
    caps: usize,
    shouted: usize,
    lower_content: usize,
}

impl LineCounts {
    /// Whether [`end_line`] may mark the line: enough content words, at
    /// most one in lower case (what both of its tests ask at least).
    fn may_be_headline(&self) -> bool {
        self.content >= 3 && self.lower_content <= 1
    }

    /// Whether more words could still make the line one that
    /// [`LineCounts::may_be_headline`]: at most one lower-case content word.
    #[inline]
    fn may_be_headline_still(&self) -> bool {
        self.lower_content <= 1
    }

    /// Counts the word `t`. (Once two lower-case content words are seen the
    /// line is neither a headline nor shouted: [`Marks::word`] counts no
    /// more. Out of line: a line's first few words only are counted.)
    #[inline(never)]
    fn add(&mut self, text: &str, t: &Tok) {
        // (The word is read only where its shape does not say enough.)
        let word = || text.get(t.s()..t.e()).unwrap_or_default();
        match t.shape {
            Shape::Lower if is_stop(word()) => return,
            Shape::Lower => self.lower_content += 1,
            Shape::Title => self.caps += 1,
            Shape::Caps => {
                self.caps += 1;
                if word().chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                    self.shouted += 1;
                }
            }
            _ => {}
        }
        self.content += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::lexicon;
    use super::*;

    fn words(text: &str) -> Vec<(String, Shape, bool)> {
        tokenize(text, lexicon())
            .toks
            .iter()
            .filter(|t| t.is_word())
            .map(|t| (text[t.s()..t.e()].to_string(), t.shape, t.initial))
            .collect()
    }

    #[test]
    fn shapes_possessives_and_dots() {
        let text = "Mr. Putin met Sergei A. Ryabkov in the U.S. on Russia’s border, said Thomas' sister.";
        let w = words(text);
        let names: Vec<&str> = w.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "Mr.", "Putin", "met", "Sergei", "A.", "Ryabkov", "in", "the", "U.S.", "on", "Russia", "border",
                "said", "Thomas", "sister"
            ]
        );
        assert_eq!(w[4].1, Shape::Initial);
        assert_eq!(w[8].1, Shape::Caps);
        assert!(w[0].2 && !w[1].2);
    }

    #[test]
    fn hyphens() {
        let text =
            "then-Secretary Baker, Russian-backed rebels, al-Amr, Kim Jong-un, anti-Russian, a Cold War-like deal";
        let toks = tokenize(text, lexicon()).toks;
        let get = |w: &str| toks.iter().find(|t| text[t.s()..].starts_with(w)).copied().unwrap();
        assert_eq!(&text[get("Secretary").s()..get("Secretary").e()], "Secretary");
        let rb = get("Russian-backed");
        assert!(rb.compound() && &text[rb.s()..rb.e()] == "Russian");
        assert_eq!(get("al-Amr").shape, Shape::Title);
        assert_eq!(get("Jong-un").shape, Shape::Title);
        assert_eq!(get("anti-Russian").shape, Shape::Lower);
        assert!(get("War-like").compound());
    }

    #[test]
    fn general_punctuation_is_no_word_char() {
        for c in '\u{2000}'..='\u{206f}' {
            // What `is_word_char`'s shortcut for this block skips asking.
            assert!(!(c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)), "{c:?}");
        }
    }

    #[test]
    fn latin_letters_are_word_chars() {
        for c in ('\u{c0}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}').chain(['«', '»']) {
            // What `is_word_char`'s shortcuts for these blocks answer.
            let shortcut = !matches!(c, '×' | '÷' | '«' | '»');
            assert_eq!(shortcut, c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c), "{c:?}");
            assert_eq!(is_word_char(c), shortcut, "{c:?}");
        }
    }

    /// The byte test of an ASCII mark answers as the chars do, for every
    /// mark, after a gap and after a word.
    #[test]
    fn sentence_start_marks_by_byte_and_by_char() {
        let by_char = |text: &str, s: usize| match char_at(text, s).unwrap_or(' ') {
            '.' | '!' | '?' | '…' | ':' | '“' | '«' | '„' | '(' | '[' | '•' | '|' => true,
            '"' | '\'' | '‘' => opens_quotation(text, s),
            _ => false,
        };
        let marks: Vec<char> = (0u8..128).map(char::from).chain("…“«„•‘’”—–»".chars()).collect();
        for m in marks {
            for before in ["", " ", "a", "(", "—", "é"] {
                let t = format!("{before}{m}x");
                assert_eq!(starts_sentence(&t, before.len()), by_char(&t, before.len()), "{t:?}");
                if let Some(b) = u8::try_from(m).ok().filter(u8::is_ascii) {
                    assert_eq!(mark_starts_sentence(&t, before.len(), b), by_char(&t, before.len()), "{t:?}");
                }
            }
        }
        assert!(starts_sentence("a. b", 1) && starts_sentence("a \"b", 2) && !starts_sentence("a\"b", 1));
    }

    #[test]
    fn sentence_starts() {
        let w = words("He left. However, NATO said: “Tensions rose.” Understanding\nThe end");
        let initial: Vec<&str> = w.iter().filter(|x| x.2).map(|x| x.0.as_str()).collect();
        assert_eq!(initial, ["He", "However", "Tensions", "Understanding", "The"]);
    }

    /// A token as comparable fields.
    fn fields(t: &Tok) -> (u32, u32, u8, Shape, bool, bool, bool, bool) {
        (t.start, t.end, t.bits & POSS, t.shape, t.initial, t.nl, t.compound(), t.shout())
    }

    /// Words that take every path of the tokenizer: possessives, initials,
    /// abbreviations, inner dots and hyphens, contractions, words beyond
    /// ASCII, and the punctuation and spaces around them.
    const TRICKY: &[&str] = &[
        "U.S.",
        "Jong-un",
        "Russia’s",
        "Thomas'",
        "al-Amr",
        "gawker.com",
        "3.5",
        "Mr.",
        "Zelenskyy’s",
        "Ólafur",
        "北京市",
        "NATO's",
        "NATO’S",
        "I’m",
        "Don't",
        "we're",
        "then-Secretary",
        "Then-President",
        "Russian-backed",
        "Cold War-like",
        "Russian-Ukrainian",
        "A.",
        "e.g.",
        "i.e",
        "St.",
        "Gen.",
        "1,000",
        "1.5.2",
        "v2.0",
        "IE6",
        "x\u{301}y",
        "naïve",
        "São",
        "Paulo",
        "Müller’s",
        "ABCDEFGHIJ",
        "abcdefghijklmnopq",
        "Abcdefgh",
        "Washington",
        "abcdefghijklmno",
        "ABCDEFGHIJKLMNOP",
        "s",
        "S",
        "a",
        "I",
        "the",
        "of",
        "over",
        "SAID",
        "KYIV",
        "—",
        "–",
        "…",
        "...",
        ".",
        ",",
        ";",
        ":",
        "!",
        "?",
        "(",
        ")",
        "[",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "\"",
        "«",
        "»",
        "-",
        "‐",
        "‑",
        "•",
        "|",
        " ",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\t",
        "\u{a0}",
        "\u{2028}",
        "\u{85}",
        "\u{2009}",
        "\0",
        "\u{7f}",
        "_",
        "@",
        "#",
        "ß",
        "Σ",
        "ǅ",
        "٣",
        "¼",
        "Ⅻ",
        "\u{200d}",
        "🙂",
        "bin-Salman",
        "Mc-Donald",
        "anti-Russian",
        "Abu",
        "Mr",
        "Dr.",
        "Inc.",
    ];

    /// Texts of tricky words joined by nothing, a space or a line break,
    /// drawn by a fixed pseudo-random sequence (the same on every run).
    fn tricky_texts(n: usize) -> Vec<String> {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |m: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m as u64) as usize
        };
        (0..n)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..1 + next(12) {
                    t.push_str(TRICKY[next(TRICKY.len())]);
                    t.push_str(["", " ", " ", " ", "\n"][next(5)]);
                }
                t
            })
            .collect()
    }

    /// The text flags as the word classes once read them off the marked
    /// tokens, in a pass of their own.
    fn seen_by_pass(t: &Tokens<'_>) -> Vec<u32> {
        let mut seen = vec![0; t.vocab.len()];
        for (t, &id) in t.toks.iter().zip(&t.ids) {
            seen[id as usize] |= match t.shape {
                Shape::Lower => LOWER_TOKEN,
                Shape::Title | Shape::Caps if !t.initial => CAP_MID,
                _ => 0,
            };
        }
        seen
    }

    #[test]
    fn seen_flags_are_those_of_the_marked_tokens() {
        let lx = lexicon();
        let mut texts = tricky_texts(400);
        texts.extend(
            [
                // A headline's capitals are initial; the same words mid-sentence are not.
                "Putin Meets Leaders In Paris\nThe talks in Paris were long.",
                "Putin Meets Leaders In Paris\nThe talks were long.",
                "PUTIN WARNS NATO TROOPS\nIt said NATO was ready, and Putin agreed.",
                // A line with one lower-case word may still be a headline; with two not.
                "Leaders of Nations Meet in Paris Today",
                "Leaders of the Nations meet in Paris",
                "The leaders met and Paris hosted them. Then Paris slept.",
                "By John Smith\nJohn Smith reports from Paris.",
            ]
            .map(String::from),
        );
        for text in &texts {
            let t = tokenize(text, lx);
            assert_eq!(t.seen, seen_by_pass(&t), "{text:?}");
        }
        // Both flags occur: the comparison is not of empty flags.
        let t = tokenize("The talks in Paris were long.", lx);
        let paris = t.vocab.find(b"Paris").unwrap_or(u32::MAX) as usize;
        let talks = t.vocab.find(b"talks").unwrap_or(u32::MAX) as usize;
        assert_eq!((t.seen.get(paris), t.seen.get(talks)), (Some(&CAP_MID), Some(&LOWER_TOKEN)));
    }

    #[test]
    fn headlines_and_shouted_lines_are_marked() {
        let text = "PUTIN WARNS NATO TROOPS\nPutin Meets Leaders In Paris\nThe minister said it was Putin.";
        let t = tokenize(text, lexicon());
        let lines: Vec<Vec<(bool, bool)>> = text
            .split('\n')
            .scan(0, |at, l| {
                let (s, e) = (*at, *at + l.len());
                *at = e + 1;
                Some(t.toks.iter().filter(|t| (s..e).contains(&t.s())).map(|t| (t.initial, t.shout())).collect())
            })
            .collect();
        assert!(lines[0].iter().all(|&f| f == (true, true)), "{:?}", lines[0]);
        assert!(lines[1].iter().all(|&f| f == (true, false)), "{:?}", lines[1]);
        assert_eq!(lines[2].iter().filter(|f| f.0).count(), 1, "{:?}", lines[2]);
        assert!(lines[2].iter().all(|f| !f.1));
    }

    #[test]
    fn end_line_marks_only_lines_that_may_be_headlines() {
        // A line of one mark, ending a sentence or not.
        for text in [".", "—"] {
            for (content, caps, shouted, lower_content) in (0..6)
                .flat_map(|c| (0..=c).flat_map(move |k| (0..=k).flat_map(move |s| (0..3).map(move |l| (c, k, s, l)))))
            {
                let counts = LineCounts { content, caps, shouted, lower_content };
                let mut line = [punct_token(0, text.len(), false)];
                end_line(text, &mut line, &counts);
                if line[0].initial || line[0].shout() {
                    assert!(counts.may_be_headline(), "{text:?} {content} {caps} {shouted} {lower_content}");
                }
            }
        }
        // A headline is marked; the same words with two lower-case ones are not.
        let marked = |t: &str| tokenize(t, lexicon()).toks.iter().all(|t| t.initial);
        assert!(marked("Trump Would Put Liberals On Court"));
        assert!(!marked("Trump would put liberals On Court"));
    }

    #[test]
    fn contraction_tails_and_title_prefixes_as_lower_cased() {
        for tail in ["m", "M", "d", "ve", "VE", "Ll", "re", "t", "T", "s", "", "vé", "mm", "K"] {
            let want = matches!(tail.to_lowercase().as_str(), "m" | "d" | "ve" | "ll" | "re" | "t");
            assert_eq!(is_contraction_tail(tail), want, "{tail:?}");
        }
        let lx = lexicon();
        for w in ["then", "Then", "THEN", "ex", "Ex", "former", "x", "", "thén", "Thenabcdefghijklmnop"] {
            assert_eq!(title_prefix_lower(lx, w), lx.title_prefix.contains(&w.to_lowercase()), "{w:?}");
        }
        assert!(title_prefix_lower(lx, "Then"));
    }

    #[test]
    fn bytewise_tokenizer_agrees_with_the_char_one() {
        let lx = lexicon();
        let mut texts: Vec<String> = TRICKY.iter().map(|w| w.to_string()).collect();
        texts.push(TRICKY.join(" "));
        texts.push(TRICKY.join(""));
        texts.push(TRICKY.join("\n"));
        texts.push("Mr. Putin met Sergei A. Ryabkov in the U.S. on Russia’s border, said Thomas' sister.".into());
        texts.push("RUSSIA SAYS NATO MUST LEAVE\nThe Big Five Meet In Kyiv Today\n\"Quote\" (‘x’) —‘y’".into());
        for w in TRICKY {
            for after in ["", ".", ". ", ".x", "'", "' ", "’s", "’ ", "-", "-x", "-X", "\n"] {
                texts.push(format!("{w}{after}"));
                texts.push(format!("x {w}{after}"));
            }
        }
        texts.extend(tricky_texts(4000));
        for t in &texts {
            let fast: Vec<_> = tokenize(t, lx).toks.iter().map(fields).collect();
            let slow: Vec<_> = tokenize_by_chars(t, lx).iter().map(fields).collect();
            assert_eq!(fast, slow, "{t:?}");
        }
    }

    /// Each byte's class is what the byte tests it stands for say.
    #[test]
    fn short_word_takes_only_words_that_join_nothing() {
        let w = short_word(b"Putin, who said", 0).expect("a short word");
        assert_eq!((w.len, w.shape, w.stop), (5, Shape::Title, b','));
        assert_eq!((Some(w.head), w.tail), (super::super::classes::pack8(b"Putin"), 0));
        assert_eq!(short_word(b"x NATO said", 2).map(|w| (w.len, w.shape, w.stop)), Some((4, Shape::Caps, b' ')));
        // Eight to fifteen bytes: the first eight, and the rest zero-padded.
        for w in ["abcdefgh", "Washington", "administrations"] {
            let t = format!("{w}, and more text after it");
            let r = short_word(t.as_bytes(), 0).expect("a word of two reads");
            assert_eq!((r.len, r.shape, r.stop), (w.len(), ascii_shape(w.as_bytes(), false), b','), "{w}");
            let rest = w.as_bytes().get(8..).unwrap_or_default();
            assert_eq!(r.head, super::super::classes::pack8(&w.as_bytes()[..8]).unwrap_or(0), "{w}");
            assert_eq!(r.tail, super::super::classes::pack8(rest).unwrap_or(0), "{w}");
        }
        // No word, sixteen letters or more, a joiner or a char beyond
        // ASCII after it, or too few bytes left to read: the other paths
        // decide.
        for t in [
            " abcdefgh",
            ", and the",
            "é and the",
            "abcdefgh ",
            "abcdefghijklmnop and on",
            "Washington’s view",
            "U.S. and so",
            "gawker.com x",
            "Washington.é and",
            "Jong-un x",
            "NATO's xx",
            "Russia’s",
            "naïve xxx",
            "word",
        ] {
            assert!(short_word(t.as_bytes(), 0).is_none(), "{t:?}");
        }
        // A dot that joins nothing after it: the word is read, the dot is
        // left to `abbreviated`.
        for t in ["Washington. And then", "Mr. Putin", "said.\n And", "said.\" and", "it.. xxxxxx"] {
            assert_eq!(short_word(t.as_bytes(), 0).map(|w| w.stop), Some(b'.'), "{t:?}");
        }
    }

    /// A word read by `short_word` before a dot takes it as `plain_token`
    /// would: single capitals and abbreviations, nothing else.
    #[test]
    fn abbreviated_is_the_plain_rule() {
        let lx = lexicon();
        for w in
            ["Mr", "A", "a", "Gen", "Sept", "approx", "Approx", "Putin", "said", "I", "3", "vs", "Mrs", "ABCDEFGHIJ"]
        {
            let t = format!("{w}. xxxxxxxxxxxxxxxx");
            let r = short_word(t.as_bytes(), 0).expect("a short word");
            let (tok, _) = plain_token(&t, 0, w.len(), false, lx);
            assert_eq!(abbreviated(&r, w.as_bytes(), lx), tok.e() == w.len() + 1, "{w}");
        }
        assert!(abbreviated(&short_word(b"Mr. Putin xxxxxx", 0).expect("Mr"), b"Mr", lx));
    }

    /// The shape by bit tests is `ascii_shape`'s: every word over "aZ0"
    /// of one to seven bytes, alone, with eight digits after it, and split
    /// by eight digits after its first byte (so that its other bytes lie
    /// in the second integer).
    #[test]
    fn packed_shape_is_ascii_shape() {
        let pack = super::super::classes::pack8;
        for len in 1..=7u32 {
            for code in 0..3usize.pow(len) {
                let u: Vec<u8> = (0..len).map(|k| b"aZ0"[code / 3usize.pow(k) % 3]).collect();
                let spaced = [&u[..1], b"00000000", &u[1..]].concat();
                for w in [u.clone(), [&u[..], b"00000000"].concat(), spaced] {
                    let head = pack(&w[..w.len().min(8)]).unwrap_or(0);
                    let tail = w.get(8..).and_then(pack).unwrap_or(0);
                    assert_eq!(packed_shape(head, tail), ascii_shape(&w, false), "{:?}", String::from_utf8_lossy(&w));
                }
            }
        }
    }

    /// A token is twelve bytes (the disputes reader keeps the tokens of
    /// every text, and their size counts towards the peak heap), and its
    /// possessive and flags read back as they were set.
    #[test]
    fn tokens_are_small_and_keep_their_flags() {
        assert_eq!(std::mem::size_of::<Tok>(), 12);
        for poss in 0..=4 {
            for compound in [false, true] {
                let t = Tok::new(3, 8, Shape::Title, true).with_poss(poss, compound);
                assert_eq!(
                    (t.pe(), t.has_poss(), t.compound(), t.shout(), t.ascii()),
                    (8 + poss, poss > 0, compound, false, false)
                );
            }
        }
    }

    /// The sink gives back every token and id pushed, in order, across
    /// blocks (none, part of one, one exactly, several).
    #[test]
    fn sink_keeps_every_token_in_order() {
        for count in [0, 1, BATCH - 1, BATCH, BATCH + 1, 3 * BATCH + 5] {
            let mut out = Sink::new(2);
            for k in 0..count {
                assert_eq!(out.len(), k);
                out.push(punct_token(k, k + 1, k % 3 == 0), k as u32 * 7);
            }
            let (toks, ids) = out.finish();
            assert_eq!(toks.len(), count);
            for (k, (t, &id)) in toks.iter().zip(&ids).enumerate() {
                assert_eq!((t.s(), t.e(), t.nl, id), (k, k + 1, k % 3 == 0, k as u32 * 7));
            }
        }
    }

    /// Each token's id names its word, whichever path read the word.
    #[test]
    fn ids_name_the_tokens_words() {
        let lx = lexicon();
        let mut texts = tricky_texts(500);
        texts.push("Washington, Washington and washington; administrations administrations. abcdefghijklmno x".into());
        for t in &texts {
            let tokens = tokenize(t, lx);
            for (tok, &id) in tokens.toks.iter().zip(&tokens.ids) {
                assert_eq!(tokens.vocab.word(id), &t[tok.s()..tok.e()], "{t:?}");
                assert_eq!(tokens.vocab.find(&t.as_bytes()[tok.s()..tok.e()]), Some(id), "{t:?}");
            }
        }
    }

    #[test]
    fn plain_words_take_the_same_rules() {
        // The plain path and the marked one, on plain words followed by
        // each thing a plain word can be followed by.
        let lx = lexicon();
        for w in [
            "U.S",
            "A",
            "a",
            "Mr",
            "mr",
            "Gen",
            "NATO",
            "Putin",
            "said",
            "3",
            "3.5",
            "gawker.com",
            "ABCs",
            "Jones",
            "jones",
        ] {
            for after in ["", " ", ".", ". ", "'", "' ", "’", "’ ", "'s", "’t", ",", ".x"] {
                let t = format!("{w}{after}");
                let (j, plain) = word_end(&t, 0);
                if !plain {
                    // "U.S's", "Jones’t": the apostrophe joined the word.
                    assert!(after.ends_with(['s', 't']), "{t:?}");
                    continue;
                }
                let (a, an) = plain_token(&t, 0, j, false, lx);
                let (b, bn) = marked_token(&t, 0, j, false, lx);
                assert_eq!((fields(&a), an), (fields(&b), bn), "{t:?}");
            }
        }
    }

    /// A word's shape by its chars alone, as the shape rules read before
    /// any byte shortcut (`shape_of`'s, `ascii_shape`'s): the reference
    /// tokenizer below uses it, so those shortcuts are checked too.
    fn shape_by_chars(w: &str, dotted: bool) -> Shape {
        let Some(first) = w.chars().next() else { return Shape::Other };
        if first.is_numeric() {
            return Shape::Num;
        }
        if first.is_lowercase() {
            return Shape::Lower;
        }
        if !first.is_uppercase() {
            return Shape::Other;
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if w.chars().any(char::is_lowercase) {
            Shape::Title
        } else if letters >= 2 {
            Shape::Caps
        } else if dotted {
            Shape::Initial
        } else {
            Shape::Other
        }
    }

    /// The tokenizer as it was, char by char, kept as the reference the
    /// byte-wise one must agree with. Frozen: not to be edited to follow
    /// the tokenizer. It shares `is_word_char` with it; its hyphen and
    /// possessive rules are `marked_token`'s as they were.
    fn tokenize_by_chars(text: &str, lx: &Lexicon) -> Vec<Tok> {
        // (Written without `min`: on 32-bit targets no text is longer.)
        let mut cut = if u32::try_from(text.len()).is_ok() { text.len() } else { MAX_TEXT };
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = text.get(..cut).unwrap_or_default();
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
        let mut i = 0;
        let mut nl = false;
        while let Some(c) = char_at(text, i) {
            let clen = c.len_utf8();
            if c.is_whitespace() {
                nl |= is_break(c);
                i += clen;
                continue;
            }
            if !is_word_char(c) {
                toks.push(Tok::new(i, i + clen, Shape::Punct, nl));
                nl = false;
                i += clen;
                continue;
            }
            // A word: letters and digits, joined by inner hyphens, apostrophes
            // and (in "U.S", "gawker.com") dots.
            let start = i;
            let mut j = i + clen;
            let mut seg_start = start;
            // No apostrophe, hyphen or other non-ASCII char met in the word
            // (see `marked` below).
            let mut plain = c.is_ascii();
            while let Some(d) = char_at(text, j) {
                if is_word_char(d) {
                    plain &= d.is_ascii();
                    j += d.len_utf8();
                    continue;
                }
                let joiner = is_hyphen(d) || is_apostrophe(d) || d == '.';
                let Some(n) = char_at(text, j + d.len_utf8()) else { break };
                if !joiner || !is_word_char(n) {
                    break;
                }
                if d == '.' {
                    let seg_chars = text[seg_start..j].chars().count();
                    let digits = text[seg_start..j].chars().all(|c| c.is_ascii_digit()) && n.is_ascii_digit();
                    if !(seg_chars == 1 || n.is_lowercase() || digits) {
                        break;
                    }
                }
                plain &= d == '.';
                j += d.len_utf8();
                seg_start = j;
            }
            let mut e = j;
            let mut pe = j;
            let word = &text[start..j];
            // Possessive: "Russia’s", "NATO's", "Thomas'".
            let before_s = word.strip_suffix(['s', 'S']).and_then(|w| w.chars().next_back());
            if word.len() > 3 && before_s.is_some_and(is_apostrophe) {
                let ap = before_s.map_or(1, char::len_utf8);
                e = j - 1 - ap;
            } else if let Some(a) = char_at(text, j).filter(|&a| is_apostrophe(a)) {
                let after = char_at(text, j + a.len_utf8());
                if word.ends_with('s')
                    && after.is_none_or(|n| !is_word_char(n))
                    && shape_by_chars(word, false) != Shape::Lower
                {
                    pe = j + a.len_utf8();
                }
            }
            // Abbreviation and initial dots belong to the word: "Mr.", "A.", "U.S.".
            let mut dotted = false;
            if pe == j && char_at(text, j) == Some('.') {
                let single = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                let initialism = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
                if single || initialism || lx.abbrev.contains(word) {
                    e = j + 1;
                    pe = j + 1;
                    j += 1;
                    dotted = true;
                }
            }
            let mut s = start;
            let mut compound = false;
            let bare = &text[s..e];
            let mut shape = shape_by_chars(bare, dotted);
            // Most words hold no apostrophe or hyphen: the word scan above says
            // so, before the char searches below. (`bare` lies within the
            // scanned word, plus an ASCII dot, so it holds such a char only if
            // the scan met one; when it met one outside `bare`, the searches
            // find nothing, as if unmarked.)
            let marked = !plain;
            // "I’m", "We’re", "Don't": contractions are never names.
            if let Some(a) = marked.then(|| bare.rfind(is_apostrophe)).flatten() {
                let tail = bare[a..].trim_start_matches(is_apostrophe).to_lowercase();
                if matches!(tail.as_str(), "m" | "d" | "ve" | "ll" | "re" | "t") {
                    shape = Shape::Other;
                }
            }
            if let Some(h) = marked.then(|| bare.find(is_hyphen)).flatten() {
                let first = &bare[..h];
                let hl = bare[h..].chars().next().map_or(1, char::len_utf8);
                let rest = &bare[h + hl..];
                let rest_upper = rest.chars().next().is_some_and(char::is_uppercase);
                let last = rest.rsplit(is_hyphen).next().unwrap_or(rest);
                if matches!(shape, Shape::Lower | Shape::Title)
                    && lx.title_prefix.contains(first.to_lowercase().as_str())
                    && rest_upper
                {
                    // "then-Secretary", "Then-President": the title starts after the hyphen.
                    s = start + h + hl;
                    shape = shape_by_chars(rest, dotted);
                } else if shape == Shape::Lower {
                    if lx.title_prefix.contains(first) && rest_upper {
                        // "then-Secretary": the title starts after the hyphen.
                        s = start + h + hl;
                        shape = shape_by_chars(rest, dotted);
                    } else if name_prefix(first) && rest_upper {
                        shape = Shape::Title;
                    }
                } else if matches!(shape, Shape::Title | Shape::Caps) {
                    if last.chars().next().is_some_and(char::is_lowercase) && compound_tail(last) {
                        compound = true;
                        let head_end = start + bare.rfind(is_hyphen).unwrap_or(bare.len());
                        e = head_end;
                        pe = head_end;
                        shape = shape_by_chars(&text[s..e], false);
                    } else if bare
                        .split(is_hyphen)
                        .all(|p| lx.demonym.contains_key(p) || lx.region_prefix.contains(p) || p.is_empty())
                    {
                        // "Russian-Ukrainian", "Euro-Atlantic" style adjectives.
                        shape = Shape::Other;
                    }
                }
            }
            toks.push(Tok::new(s, e, shape, nl).with_poss(pe.saturating_sub(e), compound));
            nl = false;
            i = j.max(pe);
        }
        mark_positions_by_chars(text, &mut toks);
        // The capacity was a guess; give back what it overshot.
        toks.shrink_to_fit();
        toks
    }

    /// `mark_positions` as it was, in two passes over the tokens.
    fn mark_positions_by_chars(text: &str, toks: &mut [Tok]) {
        let mut start = true;
        for k in 0..toks.len() {
            if toks[k].nl {
                start = true;
            }
            if toks[k].shape == Shape::Punct {
                let c = char_at(text, toks[k].s()).unwrap_or(' ');
                let gap_before = toks[k].s() == 0 || char_at(text, toks[k].s() - 1).is_none_or(char::is_whitespace);
                let prev_char = text[..toks[k].s()].chars().next_back();
                let gap_before = gap_before || prev_char.is_some_and(|p| matches!(p, '(' | '[' | '—' | '–'));
                match c {
                    '.' | '!' | '?' | '…' | ':' | '“' | '«' | '„' | '(' | '[' | '•' | '|' => start = true,
                    '"' | '\'' | '‘' if gap_before => start = true,
                    _ => {}
                }
                continue;
            }
            toks[k].initial = start;
            start = false;
        }
        // Lines: title-case headlines and shouted lines say nothing by capitals.
        let mut a = 0;
        while a < toks.len() {
            let mut b = a + 1;
            while b < toks.len() && !toks[b].nl {
                b += 1;
            }
            let line = &toks[a..b];
            let mut content = 0usize;
            let mut caps = 0usize;
            let mut shouted = 0usize;
            let mut lower_content = 0usize;
            for t in line.iter().filter(|t| t.is_word()) {
                let w = &text[t.s()..t.e()];
                if matches!(t.shape, Shape::Lower) && is_stop(w) {
                    continue;
                }
                content += 1;
                match t.shape {
                    Shape::Title => caps += 1,
                    Shape::Caps => {
                        caps += 1;
                        if w.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                            shouted += 1;
                        }
                    }
                    Shape::Lower => lower_content += 1,
                    _ => {}
                }
            }
            let ends_sentence = line.last().is_some_and(|t| {
                t.shape == Shape::Punct && text[t.s()..t.e()].starts_with(['.', '!', '?', '"', '”', ')', ':', ';', ','])
            });
            if content >= 3 && lower_content == 0 && shouted * 10 >= content * 8 {
                for t in &mut toks[a..b] {
                    t.bits |= SHOUT;
                    t.initial = true;
                }
            } else if content >= 4 && lower_content <= usize::from(!ends_sentence) && caps * 10 >= content * 8 {
                for t in &mut toks[a..b] {
                    t.initial = true;
                }
            }
            a = b;
        }
    }
}
