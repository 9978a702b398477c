//! Word classes as bits: every word list a word is on (title, first name,
//! demonym, common word, ...) and what this text says about it (seen in
//! lower case, capitalised mid-sentence), in one `u32`.
//!
//! Why: the actor finder asks a dozen such questions about each capitalised
//! word, and each used to be a hash lookup of its own (profiles showed the
//! hashing near a quarter of the run). Here the lists are merged into one
//! static table, generated with the lexicon ([`LexClasses`]: the bits of
//! a key as a word written so and as a lower-cased word), and each
//! distinct capitalised word of a text gets its bits once ([`WordClasses`]); a question is then one lookup. Every bit means exactly
//! "is in that list", so answers are the same as asking the lists.

use std::cell::Cell;

#[cfg(test)]
use super::hash::Map;
use super::lexicon::norm_key;
#[cfg(test)]
use super::lexicon::{build::Lists, Lexicon};
use super::vocab::Vocab;
use crate::analysis::table::{Hashed, List, Table};
use crate::text::bytes::ascii_lower8;

// Lists matched as written.
pub const HONORIFIC: u32 = 1 << 0;
pub const TITLE: u32 = 1 << 1;
pub const FIRST_NAME: u32 = 1 << 2;
pub const DEMONYM: u32 = 1 << 3;
pub const DEMONYM_PLURAL: u32 = 1 << 4;
pub const GROUP_PLURAL: u32 = 1 << 5;
pub const TITLE_MOD: u32 = 1 << 6;
pub const TITLE_FIRST: u32 = 1 << 7;
pub const ORG_SUFFIX: u32 = 1 << 8;
pub const NONACTOR: u32 = 1 << 9;
pub const NONACTOR_PREFIX: u32 = 1 << 10;
pub const POSTNOMINAL: u32 = 1 << 11;
pub const REGION_PREFIX: u32 = 1 << 12;
pub const PLACE_PREFIX: u32 = 1 << 13;
pub const PLACE_SUFFIX: u32 = 1 << 14;
pub const HEAD_OF: u32 = 1 << 15;
pub const PLACE_OF: u32 = 1 << 16;
pub const PARTICLE: u32 = 1 << 17;
pub const GROUP_MOD: u32 = 1 << 18;
// Lower-case lists matched as written.
pub const GOV_NOUN: u32 = 1 << 25;
pub const ANAPHOR_AS_WRITTEN: u32 = 1 << 26;
pub const ACT_NOUN: u32 = 1 << 27;

// Lists matched lower-cased (the word's lookup form, [`with_lower`]).
pub const COMMON: u32 = 1 << 19;
pub const GROUP_NOUN: u32 = 1 << 20;
pub const ANAPHOR: u32 = 1 << 21;
/// Some lexicon name starts with this word.
pub const STARTS_NAME: u32 = 1 << 22;

// What the text says.
/// The word's lower-cased form occurs as a lower-case word of the text.
pub const SEEN_LOWER: u32 = 1 << 23;
/// The word occurs capitalised away from a sentence start.
pub const MID_CAP: u32 = 1 << 24;

/// Calls `f` with `w` in its lookup form (lower case, ’ as '), without
/// allocating for short ASCII words.
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    with_lower_bytes(w, |b| f(std::str::from_utf8(b).unwrap_or_default()))
}

/// The longest ASCII word lower-cased on the stack by [`with_lower`].
const LOWER_BUF: usize = 48;

/// [`with_lower`] as bytes, for callers that look the form up by bytes
/// and need not check it as UTF-8 again.
fn with_lower_bytes<R>(w: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buf = [0u8; LOWER_BUF];
    if w.len() <= buf.len() && w.is_ascii() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        f(b)
    } else {
        f(norm_key(w).as_bytes())
    }
}

/// The bytes of a word of one to eight bytes as one integer, zero-padded,
/// the first byte lowest (words hold no NUL, so distinct words pack
/// differently, and none packs to 0); `None` for other lengths.
///
/// Two overlapping fixed-size reads, not a copy of the word's length into a
/// buffer: that copy is a call to `memcpy`, and this runs for most words of
/// a text. (The overlapping bytes are the same bytes, so or-ing them is exact.)
#[inline]
pub fn pack8(b: &[u8]) -> Option<u64> {
    let n = b.len();
    let le4 = |s: &[u8]| s.try_into().map_or(0, |a: [u8; 4]| u64::from(u32::from_le_bytes(a)));
    let le2 = |s: &[u8]| s.try_into().map_or(0, |a: [u8; 2]| u64::from(u16::from_le_bytes(a)));
    match n {
        4..=8 => Some(le4(&b[..4]) | le4(&b[n - 4..]) << (8 * (n - 4))),
        2..=3 => Some(le2(&b[..2]) | le2(&b[n - 2..]) << (8 * (n - 2))),
        1 => Some(u64::from(b[0])),
        _ => None,
    }
}

/// The first `n` bytes of `b` (at most eight) as one little-endian
/// integer, zero-padded: words hold no NUL, so distinct words pack
/// differently. What [`pack8`] gives, at compile time (for the static
/// tables of packed words).
pub(crate) const fn pack_const(b: &[u8], n: usize) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < n && i < b.len() && i < 8 {
        k |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

/// The high bit of each of eight bytes: a packed word ([`pack8`]) is ASCII
/// when none is set.
const ASCII_HIGH: u64 = crate::text::bytes::HIGH;

/// The bits of the lists matched lower-cased ([`with_lower`]): a word's
/// lookup form has these, the word as written the others ([`EXACT`]).
const FOLDED: u32 = COMMON | GROUP_NOUN | ANAPHOR | STARTS_NAME;
/// The bits of the lists matched as written.
const EXACT: u32 = !FOLDED;

/// Bits in [`LexClasses::cased`]: a filter of 16384 bits, 2 KB.
const CASED_BITS: usize = 1 << 14;

/// The bit of [`LexClasses::cased`] of the lookup form whose table hash
/// ([`Hashed::hash`]) is `hash`: the hash's top bits, as an index of a
/// `u64` and a bit in it.
#[inline]
fn cased_bit(hash: u64) -> (usize, u64) {
    let i = (hash >> (64 - CASED_BITS.trailing_zeros())) as usize;
    (i / 64, 1 << (i % 64))
}

/// The lexicon's lists merged: word -> bits. One static table, generated
/// with the lexicon (`lexicon_tables.rs`) by [`LexClasses::new`]: a key's
/// value holds its bits as a word written so ([`EXACT`]) and as a lookup
/// form ([`FOLDED`]), which are different bits.
///
/// Why one table: most words asked about are their own lookup form (lower
/// case), and for them one lookup answers both questions (two tables cost
/// two hashes' probes and compares, about fifty instructions each).
#[derive(Debug)]
pub struct LexClasses {
    pub(super) words: Table<u32>,
    /// A filter of lookup forms ([`cased_bit`]): the bit of the lookup
    /// form of each word on a list matched as written that is not its own
    /// lookup form ("Vladimir": "vladimir") is set. A capitalised word
    /// whose form's bit is clear is on none of those lists (most such
    /// words asked about, names, are not), and need not be looked up as
    /// written; the form is looked up anyway, and its hash is at hand.
    pub(super) cased: List<u64>,
}

impl LexClasses {
    /// Built from the lexicon's lists themselves, so a bit is set exactly
    /// when the list holds the word. (Test code: the generator.)
    #[cfg(test)]
    pub fn new(lx: &Lexicon, lists: &Lists) -> Self {
        let mut bits: Map<&'static str, u32> = Map::default();
        let exact: [(&Table<()>, u32); 20] = [
            (&lists.honorific, HONORIFIC),
            (&lx.title, TITLE),
            (&lists.first_name, FIRST_NAME),
            (&lists.group_plural, GROUP_PLURAL),
            (&lists.title_mod, TITLE_MOD),
            (&lists.title_first, TITLE_FIRST),
            (&lists.org_suffix, ORG_SUFFIX),
            (&lists.nonactor, NONACTOR),
            (&lists.nonactor_prefix, NONACTOR_PREFIX),
            (&lists.postnominal, POSTNOMINAL),
            (&lx.region_prefix, REGION_PREFIX),
            (&lists.place_prefix, PLACE_PREFIX),
            (&lists.place_suffix, PLACE_SUFFIX),
            (&lists.head_of, HEAD_OF),
            (&lists.place_of, PLACE_OF),
            (&lists.particle, PARTICLE),
            (&lists.group_mod, GROUP_MOD),
            (&lists.gov_noun, GOV_NOUN),
            (&lists.anaphor, ANAPHOR_AS_WRITTEN),
            (&lists.act_noun, ACT_NOUN),
        ];
        for (set, bit) in exact {
            for w in set.keys() {
                *bits.entry(w).or_default() |= bit;
            }
        }
        for w in lx.demonym.keys() {
            *bits.entry(w).or_default() |= DEMONYM;
        }
        for w in lists.demonym_plural.keys() {
            *bits.entry(w).or_default() |= DEMONYM_PLURAL;
        }
        for (set, bit) in [(&lists.common, COMMON), (&lists.group_noun, GROUP_NOUN), (&lists.anaphor, ANAPHOR)] {
            for w in set.keys() {
                *bits.entry(w).or_default() |= bit;
            }
        }
        for w in lists.starts.keys() {
            *bits.entry(w).or_default() |= STARTS_NAME;
        }
        let mut cased = vec![0u64; CASED_BITS / 64];
        for (w, _) in bits.iter().filter(|&(w, b)| b & EXACT != 0 && !is_lookup_form(w.as_bytes())) {
            let (i, bit) = cased_bit(with_lower(w, |l| Hashed::new(l.as_bytes()).hash()));
            cased[i] |= bit;
        }
        LexClasses { words: Table::build(bits), cased: List::build(cased) }
    }

    /// Every bit of the key `w`: as written and as a lookup form.
    fn all_of(&self, w: &Hashed<'_>) -> u32 {
        self.words.get_hashed(w).copied().unwrap_or(0)
    }

    /// The bits of a word that is not its own lookup form, whose key is
    /// made by `word` if need be, and of its lookup form `l`: the word is
    /// looked up as written only if the filter [`LexClasses::cased`] says
    /// it may be on a list matched as written.
    fn cased_of<'k>(&self, word: impl FnOnce() -> Hashed<'k>, l: &Hashed<'_>) -> u32 {
        let folded = self.all_of(l) & FOLDED;
        let exact = if self.may_be_cased(l) { self.exact_of(&word()) } else { 0 };
        exact | folded
    }

    /// Whether the filter [`LexClasses::cased`] has the bit of lookup form
    /// `l`: a word of that form may be on a list matched as written.
    fn may_be_cased(&self, l: &Hashed<'_>) -> bool {
        let (i, bit) = cased_bit(l.hash());
        self.cased.get(i).is_some_and(|w| w & bit != 0)
    }

    /// The bits of the lists matched as written, of the word `w`.
    fn exact_of(&self, w: &Hashed<'_>) -> u32 {
        self.all_of(w) & EXACT
    }
}

/// Whether `w` is its own lookup form ([`with_lower`]): ASCII (short
/// enough for its buffer) without a capital, as most words of a text are.
/// Such a word is looked up once for both kinds of lists, and it is seen in
/// lower case exactly when it occurs as a lower-case token.
///
/// Eight bytes at a time ([`pack8`], [`ascii_lower8`]): a byte loop cost
/// the longer words asked about (nine bytes or more, a fifth of them)
/// some ninety instructions each.
#[inline]
fn is_lookup_form(w: &[u8]) -> bool {
    w.len() <= LOWER_BUF && w.chunks(8).all(|c| pack8(c).is_some_and(|k| k & ASCII_HIGH == 0 && ascii_lower8(k) == k))
}

/// The bits of one text's words: the lexicon's and the text's own, per
/// distinct word ([`Vocab`] id), worked out the first time a word is asked
/// about.
///
/// Why: the actor finder asks about the same words again and again (each
/// rule of a capitalised run asks about its words; the scans for groups and
/// government nouns ask about every word, most of them a few function
/// words). Every token has its word's id, so a question about a token is
/// two array loads; the lexicon lookups run once per distinct word asked
/// about. The answer to each question is fixed per word (what a string is),
/// so answers are the same as asking the lists.
pub struct WordClasses<'a> {
    lex: &'static LexClasses,
    vocab: Vocab<'a>,
    /// Per id: [`DONE`] once the bits are worked out (then every bit is
    /// known), and the text's flags [`LOWER_TOKEN`], [`CAP_MID`].
    info: Vec<Cell<u32>>,
}

/// The bits of an id are worked out.
const DONE: u32 = 1 << 31;
/// The word occurs as a lower-case word of the text.
pub(super) const LOWER_TOKEN: u32 = 1 << 30;
/// The word occurs capitalised ("Title" or capitals) away from a sentence start.
pub(super) const CAP_MID: u32 = 1 << 29;
/// The bits that answer questions.
const ANSWERS: u32 = (1 << 28) - 1;

impl<'a> WordClasses<'a> {
    /// The classes of the words of `vocab`, with what the text says about
    /// each (`seen[id]`: [`LOWER_TOKEN`], [`CAP_MID`], as the tokenizer
    /// noted them while marking positions); the rest is worked out when
    /// first asked.
    pub fn new(lex: &'static LexClasses, vocab: Vocab<'a>, seen: Vec<u32>) -> Self {
        // (Every id has its flags: a missing one is a word never seen.)
        let mut info: Vec<Cell<u32>> = seen.into_iter().map(Cell::new).collect();
        info.resize(vocab.len(), Cell::new(0));
        WordClasses { lex, vocab, info }
    }

    /// How many distinct words (ids `0..distinct()`).
    pub fn distinct(&self) -> usize {
        self.info.len()
    }

    /// The id of the word spelt by `w`, if the text has it.
    pub fn id_of(&self, w: &[u8]) -> Option<u32> {
        self.vocab.find(w)
    }

    /// Whether `w` has any of `bits`.
    pub fn is(&self, w: &str, bits: u32) -> bool {
        self.bits(w, bits) != 0
    }

    /// Whether the word of id `id` has any of `bits`.
    #[inline]
    pub fn id_is(&self, id: u32, bits: u32) -> bool {
        self.id_bits(id, bits) != 0
    }

    /// Which of `wanted` the word `w` has.
    pub fn bits(&self, w: &str, wanted: u32) -> u32 {
        match self.vocab.find(w.as_bytes()) {
            Some(id) => self.id_bits(id, wanted),
            // Not a word of the text: never seen capitalised in it.
            None => self.compute(w, 0) & wanted,
        }
    }

    /// Which of `wanted` the word of id `id` has.
    #[inline]
    pub fn id_bits(&self, id: u32, wanted: u32) -> u32 {
        let Some(cell) = self.info.get(id as usize) else { return 0 };
        let mut v = cell.get();
        if v & DONE == 0 {
            v |= self.compute(self.vocab.word(id), v) | DONE;
            cell.set(v);
        }
        v & wanted & ANSWERS
    }

    /// The lexicon bits of `w`, and whether its lookup form occurs as a
    /// lower-case token (`flags`: its own text flags).
    fn lists_of(&self, w: &str, flags: u32) -> (u32, bool) {
        // The word as written is hashed only if looked up so.
        let key = || Hashed::new(w.as_bytes());
        if is_lookup_form(w.as_bytes()) {
            return (self.lex.all_of(&key()), flags & LOWER_TOKEN != 0);
        }
        with_lower_bytes(w, |l| (self.lex.cased_of(key, &Hashed::new(l)), self.lower_token(l)))
    }

    /// [`WordClasses::lists_of`] for an ASCII word of `len` bytes (one to
    /// eight: most words) packed into `packed` ([`pack8`]): lower-cased as
    /// one integer ([`ascii_lower8`]), looked up and searched for as one,
    /// never copied into a buffer.
    fn lists_of_packed(&self, packed: u64, len: usize, flags: u32) -> (u32, bool) {
        let lower = ascii_lower8(packed);
        if lower == packed {
            return (self.lex.all_of(&Hashed::packed(packed, len)), flags & LOWER_TOKEN != 0);
        }
        let bits = self.lex.cased_of(|| Hashed::packed(packed, len), &Hashed::packed(lower, len));
        let seen_lower = self.vocab.find_packed(lower, len).is_some_and(|id| self.has_flag(id, LOWER_TOKEN));
        (bits, seen_lower)
    }

    /// Whether the word of id `id` has the text flag `flag`.
    fn has_flag(&self, id: u32, flag: u32) -> bool {
        self.info.get(id as usize).is_some_and(|c| c.get() & flag != 0)
    }

    /// Whether the word spelt by `b` occurs as a lower-case token.
    fn lower_token(&self, b: &[u8]) -> bool {
        self.vocab.find(b).and_then(|id| self.info.get(id as usize)).is_some_and(|c| c.get() & LOWER_TOKEN != 0)
    }

    /// Whether the capitalised word `w` was seen mid-sentence (any string).
    pub fn mid_cap(&self, w: &str) -> bool {
        self.vocab.find(w.as_bytes()).and_then(|id| self.info.get(id as usize)).is_some_and(|c| c.get() & CAP_MID != 0)
    }

    /// Every answer bit of `w`, whose text flags are `flags` (those of its
    /// id, 0 for a word not of the text).
    ///
    /// The word is lower-cased at most once, and a word that is its own
    /// lookup form (most) is looked up once for all its bits and needs no
    /// search of the vocabulary: its own flags say whether it occurs as a
    /// lower-case token.
    fn compute(&self, w: &str, flags: u32) -> u32 {
        let b = w.as_bytes();
        let (mut bits, seen_lower) = match pack8(b) {
            Some(packed) if packed & ASCII_HIGH == 0 => self.lists_of_packed(packed, b.len(), flags),
            _ => self.lists_of(w, flags),
        };
        if seen_lower {
            bits |= SEEN_LOWER;
        }
        // Only a word that starts capitalised (or not in ASCII) is asked
        // whether it was seen mid-sentence.
        let lower_start = w.as_bytes().first().is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase());
        if flags & CAP_MID != 0 && !lower_start {
            bits |= MID_CAP;
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{build, lexicon};
    use super::super::tokens::{tokenize, Tok};
    use super::*;

    /// The classes of `text`'s words, and its tokens' ids.
    fn classes(text: &str) -> (WordClasses<'_>, Vec<Tok>, Vec<u32>) {
        let lx = lexicon();
        let t = tokenize(text, lx);
        (WordClasses::new(lx.classes(), t.vocab, t.seen), t.toks, t.ids)
    }

    #[test]
    fn bits_agree_with_the_lists() {
        let lx = lexicon();
        let (_, lists) = build::build();
        let asked =
            ["Mr.", "Secretary", "Vladimir", "Russian", "Ministry", "ministry", "officials", "Officials", "however"];
        let text = asked.join(" ");
        // Words of no text, and the same words as words of a text.
        let (none, _, _) = classes("");
        let (some, _, _) = classes(&text);
        for words in [none, some] {
            for w in asked {
                assert_eq!(words.is(w, HONORIFIC), lists.honorific.contains(w), "{w}");
                assert_eq!(words.is(w, TITLE), lx.title.contains(w), "{w}");
                assert_eq!(words.is(w, FIRST_NAME), lists.first_name.contains(w), "{w}");
                assert_eq!(words.is(w, DEMONYM), lx.demonym.contains_key(w), "{w}");
                assert_eq!(words.is(w, ORG_SUFFIX), lists.org_suffix.contains(w), "{w}");
                assert_eq!(words.is(w, ANAPHOR_AS_WRITTEN), lists.anaphor.contains(w), "{w}");
                assert_eq!(words.is(w, GROUP_NOUN), with_lower(w, |l| lists.group_noun.contains(l)), "{w}");
                assert_eq!(words.is(w, COMMON), with_lower(w, |l| lists.common.contains(l)), "{w}");
                assert_eq!(words.is(w, STARTS_NAME), with_lower(w, |l| lists.starts.contains(l)), "{w}");
            }
            assert!(words.is("Secretary", TITLE) && words.is("Mr.", HONORIFIC) && words.is("Officials", GROUP_NOUN));
        }
    }

    #[test]
    fn ids_answer_like_their_words() {
        let text = "Secretary Secretariat Mr. Mr Secretary secretary. The North met north Putin, al-Amr";
        let (words, toks, ids) = classes(text);
        let id_of = |word: &str| {
            toks.iter().zip(&ids).find(|(t, _)| &text[t.s()..t.e()] == word).map(|(_, &id)| id).expect("in text")
        };
        // One id per distinct word, whatever the occurrence.
        for (t, &id) in toks.iter().zip(&ids) {
            assert_eq!(id, id_of(&text[t.s()..t.e()]), "{:?}", &text[t.s()..t.e()]);
        }
        assert_ne!(id_of("Secretary"), id_of("secretary"));
        // What each id answers, stated here, not read back from the table.
        let expect = [
            ("Secretary", TITLE, true),
            ("Secretariat", TITLE, false),
            ("Mr.", HONORIFIC, true),
            ("North", SEEN_LOWER, true),
            ("Putin", SEEN_LOWER, false),
            ("Putin", TITLE, false),
        ];
        for (w, bit, want) in expect {
            assert_eq!(words.id_is(id_of(w), bit), want, "{w} {bit}");
        }
        assert!(words.is("Mr.", HONORIFIC) && !words.is("Mr.\0", HONORIFIC));
        assert!(words.is("Secretary", TITLE) && !words.is("Secretariat", TITLE));
    }

    /// One table holds both kinds of bits, apart: a key's bits as written
    /// never answer for its lookup form, nor the other way round.
    #[test]
    fn exact_and_folded_bits_are_apart() {
        let (_, lists) = build::build();
        let lex = lexicon().classes();
        // "ministry" is an anaphor both as written and lower-cased: one
        // key, both bits.
        assert!(lists.anaphor.contains("ministry"));
        let key = Hashed::new(b"ministry");
        let all = lex.all_of(&key);
        assert_eq!(all & (ANAPHOR | ANAPHOR_AS_WRITTEN), ANAPHOR | ANAPHOR_AS_WRITTEN);
    }

    /// The lookup forms of names matched as written have their bits in the
    /// filter (the generator sets one for every such key that is not its own
    /// lookup form; `generated_tables_are_current` keeps the file as it
    /// builds it), and most bits are clear: a filter, not every form.
    #[test]
    fn cased_keys_set_their_lookup_forms_bits() {
        let lex = lexicon().classes();
        let is_set = |l: &str| lex.may_be_cased(&Hashed::new(l.as_bytes()));
        assert!(is_set("vladimir") && is_set("secretary"));
        // A filter, not every form: most bits clear.
        let set: u32 = lex.cased.iter().map(|w| w.count_ones()).sum();
        assert!((set as usize) < CASED_BITS / 4, "{set}");
    }

    #[test]
    fn pack8_is_the_zero_padded_bytes() {
        for w in ["a", "of", "the", "said", "which", "abcdefg", "abcdefgh", "é", "’s"] {
            let mut a = [0u8; 8];
            a[..w.len()].copy_from_slice(w.as_bytes());
            assert_eq!(pack8(w.as_bytes()), Some(u64::from_le_bytes(a)), "{w}");
        }
        assert_eq!(pack8(b""), None);

        assert_eq!(pack8(b"abcdefghi"), None);
    }

    /// The rule both lookup paths follow, written plainly: the lists of
    /// the word as written, those matched lower-cased of its lower-case
    /// form, and whether that form occurs as a lower-case token of the
    /// text (a vocabulary search, not the word's own flags).
    fn lists_by_rule(words: &WordClasses, w: &str) -> (u32, bool) {
        let exact = words.lex.words.get_bytes(w.as_bytes()).copied().unwrap_or(0) & EXACT;
        with_lower(w, |l| {
            let folded = words.lex.words.get_bytes(l.as_bytes()).copied().unwrap_or(0) & FOLDED;
            (exact | folded, words.lower_token(l.as_bytes()))
        })
    }

    /// Short ASCII words (taken as integers) and others (as bytes) answer
    /// as the plain rule does, each with its own text flags, whatever its
    /// case.
    #[test]
    fn packed_words_answer_like_words_in_memory() {
        let text = "Official official Officials officials NATO nato Mr. Putin putin Zorblax zorblax ministry Ministry \
                    GOVERNMENT government Government ministries Ministries MINISTRIES Zorblaxian Éric éric";
        let (words, toks, ids) = classes(text);
        for (t, &id) in toks.iter().zip(&ids) {
            let w = &text[t.s()..t.e()];
            let flags = words.info[id as usize].get();
            let want = lists_by_rule(&words, w);
            // The packed path is for ASCII words (as `compute` takes it).
            if let Some(p) = pack8(w.as_bytes()).filter(|_| w.is_ascii()) {
                assert_eq!(words.lists_of_packed(p, w.len(), flags), want, "{w} (packed)");
            }
            assert_eq!(words.lists_of(w, flags), want, "{w}");
        }
        assert!(words.is("Officials", GROUP_NOUN) && words.is("Zorblax", SEEN_LOWER) && !words.is("Mr.", SEEN_LOWER));
        assert!(!words.is("Zorblaxian", SEEN_LOWER));
    }

    #[test]
    fn lookup_forms_are_what_lower_casing_leaves() {
        let long = "a".repeat(LOWER_BUF + 1);
        let words = ["said", "u.s.", "al-amr", "", "Said", "NATO", "é", "’s", "\0a", long.as_str()];
        // Words of more than eight bytes, a capital or a wider char in each eight.
        let longer =
            ["governments", "Governments", "governmenTs", "abcdefghijklmnopq", "abcdefghijklmnopQ", "abcdefghé"];
        for w in words.into_iter().chain(longer) {
            let same = with_lower(w, |l| l == w) && w.is_ascii() && w.len() <= LOWER_BUF;
            assert_eq!(is_lookup_form(w.as_bytes()), same, "{w}");
        }
    }

    #[test]
    fn capitalised_words_answer_like_any_other() {
        let (words, _, _) = classes("Zorblax met the north. Then Putin, North and al-Amr left. Russian");
        let (none, _, _) = classes("");
        for w in ["Putin", "North", "Russian", "Zorblax", "al-Amr"] {
            assert_eq!(none.bits(w, !(MID_CAP | SEEN_LOWER)), words.bits(w, !(MID_CAP | SEEN_LOWER)), "{w}");
        }
        assert!(words.is("Putin", MID_CAP) && words.mid_cap("Putin") && !words.mid_cap("Nato"));
        assert!(!words.is("Zorblax", MID_CAP) && !words.is("Russian", MID_CAP));
        // Capitalised mid-sentence, but asked as a lower-case-led word: never MID_CAP.
        assert!(words.mid_cap("al-Amr") && !words.is("al-Amr", MID_CAP));
        assert!(words.is("North", SEEN_LOWER) && !words.is("Zorblax", SEEN_LOWER));
    }
}
