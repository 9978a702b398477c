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
}

impl<'a> WordClasses<'a> {
    /// `capitalised`: the text's capitalised words, with [`MID_CAP`] set on
    /// those seen away from a sentence start; their other bits are worked
    /// out here, once per distinct word.
    pub fn new(lex: &'static LexClasses, lower_seen: Set<&'a str>, mut capitalised: Map<&'a str, u32>) -> Self {
        for (w, bits) in capitalised.iter_mut() {
            *bits |= compute(lex, &lower_seen, w, !MID_CAP);
        }
        WordClasses { lex, lower_seen, known: capitalised }
    }

    /// Whether `w` has any of `bits`.
    pub fn is(&self, w: &str, bits: u32) -> bool {
        self.bits(w, bits) != 0
    }

    /// Which of `wanted` the word `w` has.
    pub fn bits(&self, w: &str, wanted: u32) -> u32 {
        // Learned words are capitalised: a word that starts in lower case
        // (most of those asked about in a text) skips that lookup.
        let learned = match w.as_bytes().first() {
            Some(b) if b.is_ascii() && !b.is_ascii_uppercase() => None,
            _ => self.known.get(w),
        };
        match learned {
            Some(&b) => b & wanted,
            None => self.compute(w, wanted) & wanted,
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
