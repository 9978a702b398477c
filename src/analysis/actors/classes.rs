//! Word classes as bits: every word list a word is on (title, first name,
//! demonym, common word, ...) and what this text says about it (seen in
//! lower case, capitalised mid-sentence), in one `u32`.
//!
//! Why: the actor finder asks a dozen such questions about each capitalised
//! word, and each used to be a hash lookup of its own (profiles showed the
//! hashing near a quarter of the run). Here the lists are merged into two
//! static tables, generated with the lexicon ([`LexClasses`]: words as
//! written, and lower-cased words), and each distinct capitalised word of a text gets its bits once
//! ([`WordClasses`]); a question is then one lookup. Every bit means exactly
//! "is in that list", so answers are the same as asking the lists.

use std::cell::Cell;

use super::hash::{Map, Set};
use super::lexicon::norm_key;
#[cfg(test)]
use super::lexicon::{build::Lists, Lexicon};
use crate::analysis::table::Table;

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
/// Every bit of a list matched as written.
const EXACT: u32 = ((1 << 19) - 1) | GOV_NOUN | ANAPHOR_AS_WRITTEN | ACT_NOUN;

// Lists matched lower-cased (the word's lookup form, [`with_lower`]).
pub const COMMON: u32 = 1 << 19;
pub const GROUP_NOUN: u32 = 1 << 20;
pub const ANAPHOR: u32 = 1 << 21;
/// Some lexicon name starts with this word.
pub const STARTS_NAME: u32 = 1 << 22;
const FOLDED: u32 = COMMON | GROUP_NOUN | ANAPHOR | STARTS_NAME;

// What the text says.
/// The word's lower-cased form occurs as a lower-case word of the text.
pub const SEEN_LOWER: u32 = 1 << 23;
/// The word occurs capitalised away from a sentence start.
pub const MID_CAP: u32 = 1 << 24;

/// Calls `f` with `w` in its lookup form (lower case, ’ as '), without
/// allocating for short ASCII words.
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 48];
    if w.len() <= buf.len() && w.is_ascii() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        f(std::str::from_utf8(b).unwrap_or_default())
    } else {
        f(&norm_key(w))
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

/// The lexicon's lists merged: word -> bits. Static tables, generated with
/// the lexicon (`lexicon_tables.rs`) by [`LexClasses::new`].
#[derive(Debug)]
pub struct LexClasses {
    pub(super) exact: Table<u32>,
    pub(super) folded: Table<u32>,
}

impl LexClasses {
    /// Built from the lexicon's lists themselves, so a bit is set exactly
    /// when the list holds the word. (Test code: the generator.)
    #[cfg(test)]
    pub fn new(lx: &Lexicon, lists: &Lists) -> Self {
        let mut exact_bits: Map<&'static str, u32> = Map::default();
        let mut folded_bits: Map<&'static str, u32> = Map::default();
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
                *exact_bits.entry(w).or_default() |= bit;
            }
        }
        for w in lx.demonym.keys() {
            *exact_bits.entry(w).or_default() |= DEMONYM;
        }
        for w in lists.demonym_plural.keys() {
            *exact_bits.entry(w).or_default() |= DEMONYM_PLURAL;
        }
        for (set, bit) in [(&lists.common, COMMON), (&lists.group_noun, GROUP_NOUN), (&lists.anaphor, ANAPHOR)] {
            for w in set.keys() {
                *folded_bits.entry(w).or_default() |= bit;
            }
        }
        for w in lists.starts.keys() {
            *folded_bits.entry(w).or_default() |= STARTS_NAME;
        }
        LexClasses { exact: Table::build(exact_bits), folded: Table::build(folded_bits) }
    }

    /// The lexicon bits of `w` among `wanted`.
    fn of(&self, w: &str, wanted: u32) -> u32 {
        let mut bits = 0;
        if wanted & EXACT != 0 {
            bits |= self.exact.get(w).copied().unwrap_or(0);
        }
        if wanted & FOLDED != 0 {
            bits |= with_lower(w, |l| self.folded.get(l).copied().unwrap_or(0));
        }
        bits
    }
}

/// The bits of one text's words: the lexicon's and the text's own.
pub struct WordClasses<'a> {
    lex: &'static LexClasses,
    /// Words seen in lower case somewhere in the text.
    lower_seen: Set<&'a str>,
    /// Every bit of the text's capitalised words, the words asked about
    /// most. Only capitalised words can be [`MID_CAP`], so that bit is
    /// known for every word.
    known: Map<&'a str, u32>,
    /// Answers for words of the text itself, by position.
    memo: Memo,
}

/// Small direct-mapped memos of [`WordClasses::bits`]: short words by
/// their bytes, longer words of the analysed text by their place in it.
///
/// Why: the actor finder asks about the same words again and again (each
/// rule of a capitalised run asks about its words; the scans for groups and
/// government nouns ask about every word, most of them a few function
/// words), and every question was a string hash and compare. Here a
/// repeated question costs a load and a compare. A word of up to eight
/// bytes is its own key (its bytes, and for a shorter word its length,
/// packed into an integer, so distinct strings pack differently, even with
/// a NUL in them). A longer word is keyed by its offset
/// and length in the text, which name the same bytes for as long as the text
/// is borrowed; words outside the text (built strings) are never keyed so,
/// so a reused heap address cannot answer for another word. A slot holds
/// the bits of the questions asked so far (`have`); the answer to each
/// question is fixed per word, so merging answers is exact.
struct Memo {
    /// Words of up to eight bytes: (packed bytes and length, 0 when
    /// empty), bits asked, their answers.
    short: [Slot; SHORT_SLOTS],
    /// Address range of the text (`start..end`); empty when not set.
    start: usize,
    end: usize,
    /// Longer words of the text: (offset << 8 | length, plus 1; 0 when
    /// empty), bits asked, their answers.
    long: Vec<Slot>,
}

/// A memo slot: (key, 0 when empty), bits asked, their answers.
type Slot = Cell<(u64, u32, u32)>;

/// Slots for short words (a power of two). A fixed array: 8 KB beside the
/// document, whatever the text's size.
const SHORT_SLOTS: usize = 512;

impl Default for Memo {
    fn default() -> Self {
        Memo { short: [const { Cell::new((0, 0, 0)) }; SHORT_SLOTS], start: 0, end: 0, long: Vec::new() }
    }
}

impl Memo {
    /// A memo for the words of `text`: a slot for longer words per 512
    /// bytes of text, 16 to 1,024 slots (16 bytes each), so it stays small
    /// beside the text and its tokens (an article of a few KB is held to
    /// its peak heap of 10x the text, too).
    fn new(text: &str) -> Self {
        let n = (text.len() / 512).clamp(16, 1024).next_power_of_two();
        let start = text.as_ptr() as usize;
        Memo { start, end: start + text.len(), long: vec![Cell::new((0, 0, 0)); n], ..Memo::default() }
    }

    /// The slot and key of `w`, if it has one.
    #[inline]
    fn slot(&self, w: &str) -> Option<(&Slot, u64)> {
        let b = w.as_bytes();
        // The length of a shorter word goes in the top byte (1 to 7), so
        // that any string asked about keys apart from every other, even
        // with a NUL in it; an eight-byte word whose last byte is below 8
        // (a control char) is left out to keep the two kinds apart.
        let n = b.len();
        let keyed = pack8(b).filter(|_| n < 8 || b[7] >= 8).map(|k| if n < 8 { k | (n as u64) << 56 } else { k });
        if let Some(k) = keyed {
            let i = (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize % SHORT_SLOTS;
            return Some((&self.short[i], k));
        }
        let at = b.as_ptr() as usize;
        if at < self.start || at + b.len() > self.end || b.len() > 255 || self.long.is_empty() {
            return None;
        }
        let off = at - self.start;
        let key = ((off as u64) << 8 | b.len() as u64) + 1;
        Some((&self.long[off & (self.long.len() - 1)], key))
    }
}

impl<'a> WordClasses<'a> {
    /// `capitalised`: the text's capitalised words, with [`MID_CAP`] set on
    /// those seen away from a sentence start; their other bits are worked
    /// out here, once per distinct word.
    pub fn new(lex: &'static LexClasses, lower_seen: Set<&'a str>, mut capitalised: Map<&'a str, u32>) -> Self {
        for (w, bits) in capitalised.iter_mut() {
            *bits |= compute(lex, &lower_seen, w, !MID_CAP);
        }
        WordClasses { lex, lower_seen, known: capitalised, memo: Memo::default() }
    }

    /// Memoises answers for the words of `text` (the text the words come
    /// from), see [`Memo`].
    pub fn memoise(&mut self, text: &'a str) {
        self.memo = Memo::new(text);
    }

    /// Whether `w` has any of `bits`.
    pub fn is(&self, w: &str, bits: u32) -> bool {
        self.bits(w, bits) != 0
    }

    /// Which of `wanted` the word `w` has.
    pub fn bits(&self, w: &str, wanted: u32) -> u32 {
        let Some((slot, key)) = self.memo.slot(w) else {
            return self.lookup(w, wanted).0 & wanted;
        };
        let (k, have, bits) = slot.get();
        if k == key && wanted & !have == 0 {
            return bits & wanted;
        }
        let (found, asked) = self.lookup(w, wanted);
        let (have, bits) = if k == key { (have | asked, bits | (found & asked)) } else { (asked, found & asked) };
        slot.set((key, have, bits));
        bits & wanted
    }

    /// The bits of `w` and which of them they answer: all for a learned
    /// word, else `wanted` (and [`MID_CAP`], never set for such a word).
    fn lookup(&self, w: &str, wanted: u32) -> (u32, u32) {
        // Learned words are capitalised: a word that starts in lower case
        // (most of those asked about in a text) skips that lookup.
        let learned = match w.as_bytes().first() {
            Some(b) if b.is_ascii() && !b.is_ascii_uppercase() => None,
            _ => self.known.get(w),
        };
        match learned {
            Some(&b) => (b, u32::MAX),
            None => (self.compute(w, wanted), wanted | MID_CAP),
        }
    }

    /// Whether the capitalised word `w` was seen mid-sentence (any string).
    pub fn mid_cap(&self, w: &str) -> bool {
        self.known.get(w).is_some_and(|b| b & MID_CAP != 0)
    }

    fn compute(&self, w: &str, wanted: u32) -> u32 {
        // Not a capitalised word of the text: never MID_CAP.
        compute(self.lex, &self.lower_seen, w, wanted & !MID_CAP)
    }
}

/// The bits among `wanted` of `w` that the lexicon and the lower-case words of the text give.
fn compute(lex: &LexClasses, lower_seen: &Set<&str>, w: &str, wanted: u32) -> u32 {
    let mut bits = lex.of(w, wanted);
    if wanted & SEEN_LOWER != 0 && with_lower(w, |l| lower_seen.contains(l)) {
        bits |= SEEN_LOWER;
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{build, lexicon};
    use super::*;

    #[test]
    fn bits_agree_with_the_lists() {
        let lx = lexicon();
        let (_, lists) = build::build();
        let words = WordClasses::new(lx.classes(), Set::default(), Map::default());
        let asked =
            ["Mr.", "Secretary", "Vladimir", "Russian", "Ministry", "ministry", "officials", "Officials", "however"];
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

    #[test]
    fn memoised_answers_stay_per_word() {
        let lx = lexicon();
        let text = "Secretary Secretariat Mr. Mr.\0 Mr secretary";
        let mut words = WordClasses::new(lx.classes(), Set::default(), Map::default());
        words.memoise(text);
        let pieces: Vec<&str> = text.split(' ').collect();
        for _ in 0..2 {
            for &w in &pieces {
                for bit in [TITLE, HONORIFIC, COMMON, STARTS_NAME, SEEN_LOWER, MID_CAP] {
                    let plain = WordClasses::new(lx.classes(), Set::default(), Map::default());
                    assert_eq!(words.is(w, bit), plain.lookup(w, bit).0 & bit != 0, "{w:?} {bit}");
                }
            }
        }
        assert!(words.is("Mr.", HONORIFIC) && !words.is("Mr.\0", HONORIFIC));
        assert!(words.is(pieces[0], TITLE) && !words.is(pieces[1], TITLE));
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

    #[test]
    fn capitalised_words_answer_like_any_other() {
        let lx = lexicon();
        let lower: Set<&str> = ["north"].into_iter().collect();
        let asked = ["Putin", "North", "Russian", "Zorblax", "al-Amr"];
        let plain = WordClasses::new(lx.classes(), lower.clone(), Map::default());
        let capitalised: Map<&str, u32> = asked.iter().map(|&w| (w, if w == "Putin" { MID_CAP } else { 0 })).collect();
        let known = WordClasses::new(lx.classes(), lower, capitalised);
        for w in asked {
            assert_eq!(plain.bits(w, !MID_CAP), known.bits(w, !MID_CAP), "{w}");
        }
        assert!(known.is("Putin", MID_CAP) && known.mid_cap("Putin") && !known.mid_cap("Nato"));
        assert!(known.is("North", SEEN_LOWER) && !known.is("Zorblax", SEEN_LOWER));
    }
}
