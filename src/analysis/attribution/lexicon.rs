//! The words attribution reads: verbs of saying (`cue_verbs.txt`) and the
//! other word classes (`words.txt`: pronouns aside, every list is data).
//! General English only.

use std::sync::OnceLock;

use crate::analysis::actors::classes::pack8;
use crate::analysis::table::{Hashed, List, Table};
use crate::text::bytes::ascii_lower8;

/// A word list: membership only.
type Set = Table<()>;

/// The verbs of saying (strong, weak) and the sections of `words.txt`, as
/// static tables (`lexicon_tables.rs`, generated from the two files by the
/// builders in `build`, test code; see `analysis::table` for why).
#[derive(Debug)]
pub(super) struct Lists {
    pub(super) strong: Set,
    pub(super) weak: Set,
    pub(super) sections: List<(&'static str, Set)>,
    /// For each pair of ASCII letters (`26 * first + second`), the lengths
    /// of the document nouns that start with it ([`length_bit`]):
    /// [`may_start`]'s filter for [`is_document_noun`]. The document owner
    /// is looked for some 200 words back from a quotation, and nine in ten
    /// of them ("the", "said", "reporters") start as no document noun of
    /// their length does.
    pub(super) document_starts: [u16; 26 * 26],
    /// [`Lists::document_starts`] for the verbs of saying, strong and weak:
    /// [`cue_class`]'s filter. It is asked of every word of a quotation's
    /// sentence, and most ("the", "proposal", "officials") start as no
    /// verb of their length does.
    pub(super) cue_starts: [u16; 26 * 26],
    /// For each section, in `sections`' order, and each ASCII letter, the
    /// lengths of its words that start with it ([`length_bit`]): [`listed`]'s
    /// filter. Some 300 look-ups a quotation's sentences ask, most of words
    /// ("Ukraine", "proposal") that no word of the section of their length
    /// starts like.
    pub(super) section_letters: List<[u16; 26]>,
}

/// The bytes of `word` with its ASCII letters lower-cased, in `buf`, when it
/// is short; `None` otherwise (no listed word is long). Bytes, not a `&str`:
/// the tables look them up as they are, and checking them as UTF-8 again
/// cost more than the lookup on every word near a quotation.
pub(crate) fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    for (b, w) in buf.iter_mut().zip(bytes) {
        *b = w.to_ascii_lowercase();
    }
    Some(&buf[..bytes.len()])
}

/// `word` with its ASCII letters lower-cased, as a table key: a word of up
/// to eight bytes (most) as one integer, lower-cased all at once and never
/// copied; a longer one through `buf` ([`lower`]).
fn lower_key<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<Hashed<'b>> {
    let bytes = word.as_bytes();
    match pack8(bytes) {
        Some(packed) => Some(Hashed::packed(ascii_lower8(packed), bytes.len())),
        None => lower(word, buf).map(Hashed::new),
    }
}

/// The verbs of saying, and the weak ones (thinking, judging) after `[weak]`.
fn cue_verbs() -> (&'static Set, &'static Set) {
    (&super::lexicon_tables::LISTS.strong, &super::lexicon_tables::LISTS.weak)
}

/// The sections of `words.txt`: `[name]` then its words.
fn sections() -> &'static [(&'static str, Set)] {
    &super::lexicon_tables::LISTS.sections
}

/// A section of `words.txt`: its words, and the lengths of those that
/// start with each ASCII letter ([`Lists::section_letters`]).
type Section = (&'static Set, &'static [u16; 26]);

/// The section called `name`, if there is one.
fn section_named(name: &str) -> Option<Section> {
    let i = sections().iter().position(|(n, _)| *n == name)?;
    Some((&sections().get(i)?.1, super::lexicon_tables::LISTS.section_letters.get(i)?))
}

/// One section of `words.txt`, looked up once per call site.
macro_rules! section {
    ($name:literal) => {{
        static SECTION: OnceLock<Option<Section>> = OnceLock::new();
        *SECTION.get_or_init(|| section_named($name))
    }};
}

/// Whether `word` is in the section: none is whose first letter and length
/// no word of it has (answered without hashing), else [`listed_in`].
fn listed(section: Option<Section>, word: &str) -> bool {
    let Some((set, letters)) = section else { return false };
    may_start_letter(letters, word) && listed_in(set, word)
}

/// Whether `word`, its ASCII letters lower-cased, is in `set`.
fn listed_in(set: &Set, word: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(key) = lower_key(word, &mut buf) else { return false };
    set.get_hashed(&key).is_some()
}

/// Whether `word` may be in a list whose words' first letters and lengths
/// are `letters` ([`Lists::section_letters`]): `false` only for a word
/// that starts with an ASCII letter that starts none of them of its length
/// (the look-ups lower-case ASCII letters only, which keeps lengths).
fn may_start_letter(letters: &[u16; 26], word: &str) -> bool {
    match word.as_bytes().first() {
        Some(&b) if b.is_ascii_alphabetic() => {
            letters.get(usize::from(b.to_ascii_lowercase() - b'a')).is_some_and(|&l| l & length_bit(word.len()) != 0)
        }
        _ => true,
    }
}

/// A verb of saying, in any of its forms ("said", "tells", "warning"). Only
/// lower-case words count: "States" or "Post" in a name is no verb.
pub(crate) fn is_cue_verb(word: &str) -> bool {
    cue_class(word).is_some()
}

/// The bytes of the shortest verb of saying ("say", "ask"; a test checks).
const SHORTEST_CUE_VERB: usize = 3;

/// Which verbs of saying a word is among: `Some(true)` a weak one
/// ([`is_weak_cue`]), `Some(false)` another, `None` no verb of saying
/// ([`is_cue_verb`]). One look-up answers both questions, hashed once for
/// both tables: a backward pass over a sentence asks them of every word.
pub(crate) fn cue_class(word: &str) -> Option<bool> {
    // "a", "of", "to", "he": a third of the words, and too short to be listed.
    if word.len() < SHORTEST_CUE_VERB
        || !word.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        || !may_start(&super::lexicon_tables::LISTS.cue_starts, word)
    {
        return None;
    }
    let mut buf = [0u8; 24];
    let key = lower_key(word, &mut buf)?;
    let (strong, weak) = cue_verbs();
    if weak.get_hashed(&key).is_some() {
        Some(true)
    } else {
        strong.get_hashed(&key).is_some().then_some(false)
    }
}

/// A verb of thinking or judging ("believes", "expects", "blamed"): a cue
/// only where no verb of saying is.
pub(crate) fn is_weak_cue(word: &str) -> bool {
    let mut buf = [0u8; 24];
    word.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && lower(word, &mut buf).is_some_and(|w| cue_verbs().1.get_bytes(w).is_some())
}

/// "-ing" forms ("saying", "adding"): their subject is the clause's.
pub(crate) fn is_gerund(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ing")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// he, she
    Person,
    /// they
    Plural,
    /// it
    Thing,
    /// I, we, you: the writer or the interviewer; never resolved.
    Local,
    /// who: stands for the phrase before it.
    Relative,
}

pub(crate) fn pronoun(word: &str) -> Option<Pronoun> {
    // None is longer than four bytes: most words are, and are not copied.
    if word.len() > 4 {
        return None;
    }
    let mut buf = [0u8; 24];
    match lower(word, &mut buf)? {
        b"he" | b"she" => Some(Pronoun::Person),
        b"they" => Some(Pronoun::Plural),
        b"it" => Some(Pronoun::Thing),
        b"i" | b"we" | b"you" => Some(Pronoun::Local),
        b"who" => Some(Pronoun::Relative),
        _ => None,
    }
}

/// Titles and honorifics that put a person's name after them.
pub(crate) fn is_title(word: &str) -> bool {
    listed(section!("title"), word)
}

/// Abbreviations after which a full stop does not end the sentence.
///
/// Asked of the word before every full stop near a quotation: the capital
/// is tested once, and a lower-case word is never counted or looked up.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let capital = chars.next().is_some_and(char::is_uppercase);
    // A single capital (an initial), or a listed capitalised word.
    (capital && (chars.next().is_none() || listed(section!("abbreviation"), word)))
        || word.bytes().any(|b| b == b'.')
        || matches!(word, "vs" | "v" | "etc" | "approx" | "est" | "al")
}

/// Words that end a noun phrase read backwards: clause links, prepositions,
/// auxiliaries. (A determiner ends it too, after being taken in.)
pub(crate) fn is_function_word(word: &str) -> bool {
    listed(section!("function"), word)
}

/// [`is_function_word`] for a word as written: a capitalised "Will",
/// "May" or "Long" and an all-capitals "US" or "IT" are names.
///
/// The function-word look-up first: most capitalised words asked about are
/// names, in neither list, and need that one look-up only.
pub(crate) fn is_function_word_cased(word: &str) -> bool {
    if !is_function_word(word) {
        return false;
    }
    // No lower-case letter first: that test mostly stops at the first
    // char, where counting the letters reads them all.
    if word.chars().all(|c| !c.is_lowercase()) && word.chars().filter(|c| c.is_alphabetic()).nth(1).is_some() {
        return false;
    }
    !(super::tokens::is_capitalized(word) && listed(section!("name_not_function"), word))
}

pub(crate) fn is_determiner(word: &str) -> bool {
    listed(section!("determiner"), word)
}

/// Between a subject and its verb of saying: auxiliaries, negations, adverbs
/// of time ("Mr. Kim later told", "officials have repeatedly said").
pub(crate) fn is_skippable_before_verb(word: &str) -> bool {
    if super::tokens::is_capitalized(word) {
        // Capitalised: only a weekday ("Trump Tuesday said").
        return listed(section!("time"), word) && word.ends_with("day");
    }
    (word.len() > 3 && word.ends_with("ly")) || listed(section!("before_verb"), word)
}

/// Weekdays, months and other words of time that adverbials are made of.
pub(crate) fn is_time_word(word: &str) -> bool {
    listed(section!("time"), word)
}

/// Nouns for texts that "say" things for their authors ("the statement
/// said", "suggests the text").
pub(crate) fn is_document_noun(word: &str) -> bool {
    may_start(&super::lexicon_tables::LISTS.document_starts, word) && listed(section!("document"), word)
}

/// Whether `word` may be in a list whose words' starts are `starts`
/// ([`Lists::document_starts`]): `false` only for a word whose first two bytes are
/// ASCII letters that start none of them of its length (the lists'
/// look-ups lower-case ASCII letters only, which keeps lengths, so such a
/// word is in none). Far cheaper than the look-up itself.
fn may_start(starts: &[u16; 26 * 26], word: &str) -> bool {
    let (Some(&a), Some(&b)) = (word.as_bytes().first(), word.as_bytes().get(1)) else { return true };
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    if !a.is_ascii_lowercase() || !b.is_ascii_lowercase() {
        return true;
    }
    let pair = usize::from(a - b'a') * 26 + usize::from(b - b'a');
    starts.get(pair).is_some_and(|&lengths| lengths & length_bit(word.len()) != 0)
}

/// A word's length as one bit of [`Lists::document_starts`]' masks: 15 and longer
/// share the top bit.
const fn length_bit(len: usize) -> u16 {
    1 << if len < 15 { len } else { 15 }
}

/// Heads of a speaker phrase that speak for someone named in the phrase
/// ("NATO officials", "a spokesman for the campaign", "Russia's statement").
pub(crate) fn is_proxy_noun(word: &str) -> bool {
    is_document_noun(word) || listed(section!("proxy"), word)
}

/// Markers before a quotation that make it a term, not anyone's words:
/// "the so-called “X”", "such “X”", "known as “X”".
pub(crate) fn is_scare_marker(word: &str) -> bool {
    listed(section!("scare_marker"), word)
}

/// Nouns that a quoted term names when it stands right before them
/// (“open door” policy, the “Never Trump” movement).
pub(crate) fn is_named_thing(word: &str) -> bool {
    listed(section!("named_thing"), word)
}

/// Common irregular past tenses ("shot back", "went on"): after a name, the
/// name's verb.
pub(crate) fn is_irregular_past(word: &str) -> bool {
    listed(section!("irregular_past"), word)
}

/// Verbs of saying that are as often nouns ("a fundraising call", "Trump's
/// repeated calls"): read as verbs only without a determiner before them.
pub(crate) fn is_noun_homograph(word: &str) -> bool {
    listed(section!("noun_homograph"), word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer_case_blind() {
        assert!(is_cue_verb("said") && is_cue_verb("tweeted") && !is_cue_verb("Said") && !is_cue_verb("table"));
        assert!(is_cue_verb("believes") && is_weak_cue("believes") && !is_weak_cue("said"));
        assert_eq!(cue_class("said"), Some(false));
        assert_eq!(cue_class("believes"), Some(true));
        assert_eq!(cue_class("table"), None);
        assert_eq!(cue_class("Said"), None);
        assert_eq!(cue_class("say"), Some(false));
        let (strong, weak) = cue_verbs();
        assert!(strong.keys().chain(weak.keys()).all(|w| w.len() >= SHORTEST_CUE_VERB));
        assert_eq!(cue_class("saidsaidsaidsaidsaidsaidsaid"), None);
        assert!(is_function_word("Amid") && is_determiner("the") && is_time_word("Thursday"));
        assert!(!is_function_word_cased("US") && !is_function_word_cased("Will") && is_function_word_cased("But"));
        assert!(!is_function_word_cased("IT") && !is_function_word_cased("U.S") && is_function_word_cased("in"));
        assert!(is_abbreviation("Mr") && is_abbreviation("U.S") && is_abbreviation("A") && !is_abbreviation("Putin"));
        assert!(is_abbreviation("No") && !is_abbreviation("no") && is_abbreviation("etc"));
        assert!(
            is_skippable_before_verb("Tuesday")
                && !is_skippable_before_verb("Will")
                && is_skippable_before_verb("also")
        );
        assert!(is_proxy_noun("statement") && is_proxy_noun("officials") && is_named_thing("policy"));
        assert_eq!(pronoun("She"), Some(Pronoun::Person));
        assert_eq!(pronoun("who"), Some(Pronoun::Relative));
        assert_eq!(pronoun("THEY"), Some(Pronoun::Plural));
        assert_eq!(pronoun("they’"), None);
        assert_eq!(pronoun(""), None);
        assert!(sections().len() >= 12);
    }

    /// The two tests as they were written before their look-ups were
    /// reordered answer as they do, on every listed word and others.
    #[test]
    fn abbreviation_and_cased_function_word_tests_answer_as_before() {
        let abbreviation = |w: &str| {
            (w.chars().count() == 1 && w.starts_with(|c: char| c.is_uppercase()))
                || w.contains('.')
                || (w.starts_with(|c: char| c.is_uppercase()) && listed(section!("abbreviation"), w))
                || matches!(w, "vs" | "v" | "etc" | "approx" | "est" | "al")
        };
        let function_cased = |w: &str| {
            if w.chars().all(|c| !c.is_lowercase()) && w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some() {
                return false;
            }
            if w.starts_with(|c: char| c.is_uppercase()) && listed(section!("name_not_function"), w) {
                return false;
            }
            is_function_word(w)
        };
        let mut words: Vec<String> = ["", "A", "a", "É", "é", "U.S", "vs", "Mr", "No", "IT", "Will", "9", "ÉTÉ"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for w in sections().iter().flat_map(|(_, set)| set.keys()) {
            let mut title = w.to_string();
            if let Some(first) = title.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            words.extend([w.to_string(), w.to_uppercase(), title, format!("{w}s")]);
        }
        for w in &words {
            assert_eq!(is_abbreviation(w), abbreviation(w), "{w:?}");
            assert_eq!(is_function_word_cased(w), function_cased(w), "{w:?}");
        }
    }

    /// The filtered look-up answers as the look-up alone, for every
    /// section, on its words in three casings and on others.
    #[test]
    fn section_letters_pass_every_listed_word() {
        let names: Vec<&str> = sections().iter().map(|(name, _)| *name).collect();
        let mut words: Vec<String> = ["", "Ünï", "9am", "’s", "x", "Ukraine", "proposal"].map(String::from).to_vec();
        for w in sections().iter().flat_map(|(_, set)| set.keys()) {
            words.extend([w.to_string(), w.to_uppercase(), format!("{w}s"), format!("a{w}")]);
        }
        let mut passed_over = 0;
        for name in names {
            let section = section_named(name);
            let (set, letters) = section.unwrap();
            for w in &words {
                assert_eq!(listed(section, w), listed_in(set, w), "{name} {w:?}");
                passed_over += usize::from(!may_start_letter(letters, w));
            }
        }
        assert!(passed_over > words.len());
        assert!(!listed(None, "the"));
    }

    #[test]
    fn cue_starts_pass_every_verb_of_saying_and_few_other_words() {
        let starts = &super::super::lexicon_tables::LISTS.cue_starts;
        let (strong, weak) = cue_verbs();
        for w in strong.keys().chain(weak.keys()) {
            assert!(may_start(starts, w), "{w:?}");
            assert_eq!(cue_class(w), Some(weak.get(w).is_some()), "{w:?}");
        }
        let others = ["the", "officials", "military", "border", "troops", "government", "security", "agreement"];
        assert!(others.iter().all(|w| cue_class(w).is_none()));
        assert!(others.iter().filter(|w| !may_start(starts, w)).count() >= others.len() / 2);
    }

    #[test]
    fn document_starts_pass_every_document_noun_and_few_other_words() {
        let starts = &super::super::lexicon_tables::LISTS.document_starts;
        let (set, _) = section!("document").unwrap();
        let mut n = 0;
        for w in set.keys() {
            n += 1;
            for v in [w.to_string(), w.to_uppercase()] {
                assert!(may_start(starts, &v), "{v:?}");
            }
            for v in [w.to_string(), w.to_uppercase(), format!("{w}s"), format!("{w}-x")] {
                assert_eq!(is_document_noun(&v), listed_in(set, &v), "{v:?}");
            }
        }
        assert!(n > 50);
        for w in ["the", "said", "That", "they", "Putin", "reporters", "Posts"] {
            assert!(!may_start(starts, w), "{w:?}");
        }
        for w in ["", "s", "’s", "1st", "Ünï", "s-x", "recent", "Country"] {
            assert!(may_start(starts, w), "{w:?}");
        }
        // Words of two ASCII letters or more, by their first two and length.
        let pairs = build::letter_pairs(&["ab", "Cd", "e-f", "g", "Üb"]);
        assert_eq!(length_bit(16), length_bit(15));
        let mut want = [0u16; 26 * 26];
        want[1] = 1 << 2;
        want[2 * 26 + 3] = 1 << 2;
        assert_eq!(pairs, want);
    }

    /// A key made at once from a short word finds what the word copied,
    /// lower-cased, finds: every listed word in three casings, and others.
    #[test]
    fn lower_keys_find_what_lowered_copies_find() {
        let (strong, weak) = cue_verbs();
        let mut words: Vec<String> = vec![
            String::new(),
            "Ünï".into(),
            "SAID".into(),
            "d’Souza".into(),
            "x".repeat(9),
            "y".repeat(30),
            "Statements".into(),
        ];
        for w in strong.keys().chain(weak.keys()).chain(sections().iter().flat_map(|(_, set)| set.keys())) {
            words.extend([w.to_string(), w.to_uppercase(), format!("{w}s")]);
        }
        for w in &words {
            let mut buf = [0u8; 24];
            for set in [strong, weak].into_iter().chain(sections().iter().map(|(_, set)| set)) {
                let copied = lower(w, &mut buf).is_some_and(|l| set.get_bytes(l).is_some());
                assert_eq!(listed_in(set, w), copied, "{w:?}");
            }
        }
    }

    #[test]
    fn generated_tables_are_current() {
        let body = format!(
            "//! Attribution's word lists as tables (see `lexicon.rs`).\n\n\
             use super::lexicon::Lists;\n\
             use crate::analysis::table::{{List, Table}};\n\n\
             pub static LISTS: Lists = {:?};",
            build::build()
        );
        crate::analysis::table::check_generated("src/analysis/attribution/lexicon_tables.rs", &body);
    }
}

/// The lists built from `cue_verbs.txt` and `words.txt`: the definition of
/// what the generated tables hold (test code, the generator).
#[cfg(test)]
mod build {
    use super::{length_bit, List, Lists, Set, Table};
    use std::collections::{BTreeMap, BTreeSet};

    const CUE_VERBS: &str = include_str!("cue_verbs.txt");
    const WORDS: &str = include_str!("words.txt");

    fn words_of(text: &'static str) -> impl Iterator<Item = &'static str> {
        text.lines().filter(|l| !l.trim_start().starts_with('#')).flat_map(str::split_whitespace)
    }

    fn set(words: impl IntoIterator<Item = &'static str>) -> Set {
        let words: BTreeSet<&'static str> = words.into_iter().collect();
        Table::build(words.into_iter().map(|w| (w, ())))
    }

    pub fn build() -> Lists {
        let (strong, weak) = CUE_VERBS.split_once("\n[weak]\n").unwrap_or((CUE_VERBS, ""));
        let mut map: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
        let mut current = "";
        for line in WORDS.lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = name;
                continue;
            }
            map.entry(current).or_default().extend(line.split_whitespace());
        }
        let document_starts = letter_pairs(map.get("document").map_or(&[][..], Vec::as_slice));
        let cue_starts = letter_pairs(&words_of(strong).chain(words_of(weak)).collect::<Vec<_>>());
        let section_letters = List::build(map.values().map(|words| first_letters(words)).collect());
        Lists {
            strong: set(words_of(strong)),
            weak: set(words_of(weak)),
            sections: List::build(map.into_iter().map(|(name, words)| (name, set(words))).collect()),
            document_starts,
            cue_starts,
            section_letters,
        }
    }

    /// For each ASCII letter, the lengths of `words` that start with it,
    /// in either case ([`length_bit`]). Words that do not start with an
    /// ASCII letter are left out: the filter passes every word that does
    /// not either.
    pub fn first_letters(words: &[&str]) -> [u16; 26] {
        let mut out = [0u16; 26];
        for w in words {
            if let Some(x) = w.bytes().next().filter(u8::is_ascii_alphabetic) {
                out[usize::from(x.to_ascii_lowercase() - b'a')] |= length_bit(w.len());
            }
        }
        out
    }

    /// For each pair of ASCII letters (`26 * first + second`), the lengths
    /// of `words` that start with it ([`length_bit`]). Words that do not
    /// start with two ASCII letters are left out: the filter passes every
    /// word that does not either.
    pub fn letter_pairs(words: &[&str]) -> [u16; 26 * 26] {
        let mut out = [0u16; 26 * 26];
        for w in words {
            if let [x, y, ..] = w.as_bytes() {
                let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
                if x.is_ascii_lowercase() && y.is_ascii_lowercase() {
                    out[usize::from(x - b'a') * 26 + usize::from(y - b'a')] |= length_bit(w.len());
                }
            }
        }
        out
    }
}
