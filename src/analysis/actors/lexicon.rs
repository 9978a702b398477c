//! The word lists the actor finder reads, from
//! `src/analysis/lexicon/*.txt`, as static tables generated from the lists
//! (`lexicon_tables.rs`; see `analysis::table` for why and how).
//!
//! Keys are token texts joined by one space. Entries written in capitals
//! ("US", "NATO") match only capitals; other names match in any case
//! ("KYIV" is Kyiv). Word-class lists (titles, suffixes) match exactly,
//! except those documented as lower-cased.

use super::classes::{pack8, LexClasses};
use crate::analysis::table::{Hashed, List, Table};
use crate::text::bytes::{low_bytes, HIGH, ONES};

/// A word list: membership only.
pub type Words = Table<()>;

/// What a lexicon name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A country, city or region: index into [`Lexicon::place_names`].
    Place(u32),
    /// A known organization: index into [`Lexicon::org_names`].
    Org(u32),
}

/// A place entry's class, for rules that want countries only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceClass {
    Country,
    City,
    Region,
}

/// The lists the actor finder reads at run time, as static tables
/// (`lexicon_tables.rs`, generated from `src/analysis/lexicon/*.txt` by
/// [`build`]; `Debug` writes the Rust expression of the tables). The word
/// lists asked about per word are in [`LexClasses`] only, as bits; the
/// lists themselves are [`build::Lists`], test code.
#[derive(Debug)]
pub struct Lexicon {
    /// Lower-cased names (any case in text).
    pub(super) names: Table<Entry>,
    /// Names written in capitals, matched as written.
    pub(super) names_exact: Table<Entry>,
    pub place_names: List<&'static str>,
    pub place_class: List<PlaceClass>,
    pub org_names: List<&'static str>,
    /// Adjective demonym (exact case) -> place id.
    pub demonym: Table<u32>,
    /// Lookup forms of every name's leading words ("north atlantic").
    pub(super) prefixes: Words,
    /// Longest name, in tokens.
    pub max_words: usize,
    pub title: Words,
    pub title_max_words: usize,
    pub title_prefix: Words,
    pub region_prefix: Words,
    pub stop_acronym: Words,
    pub abbrev: Words,
    /// Lower-case speech and stance verbs.
    pub speech: Words,
    /// The word lists merged into bits per word.
    pub(super) classes: LexClasses,
}

/// The lexicon: static data, nothing is built at run time.
pub fn lexicon() -> &'static Lexicon {
    &super::lexicon_tables::LEXICON
}

/// The lower-cased lookup form: ’ as ', one space between words.
pub fn norm_key(s: &str) -> String {
    let mut out = String::new();
    norm_key_into(&mut out, s);
    out
}

/// Appends the lookup form of `s` ([`norm_key`]) to `out`.
pub fn norm_key_into(out: &mut String, s: &str) {
    // Most names (and every lexicon entry's own name, keyed again for each
    // mention) are ASCII with single spaces already: then the form is a
    // copy, lower-cased in place if it has capitals, not a char-by-char
    // rebuild.
    let at = out.len();
    if let Some(caps) = spaced_ascii(s.as_bytes()) {
        out.push_str(s);
        if caps {
            out[at..].make_ascii_lowercase();
        }
        return;
    }
    out.reserve(s.len());
    for w in s.split_whitespace() {
        if out.len() > at {
            out.push(' ');
        }
        for c in w.chars() {
            // ASCII first: the common case, without the Unicode tables.
            match c {
                _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                '’' | '‘' => out.push('\''),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
}

/// `Some(has_capitals)` if `b` is ASCII with single spaces between words
/// and none at either end, and no other whitespace (`split_whitespace`
/// would change nothing), else `None`. (Conservative: ASCII control bytes
/// that are no whitespace answer `None` too; the general path gives the
/// same form for them.)
///
/// Eight bytes at a time ([`spaced_chunk`]): this runs for every word the
/// actor finder looks up, and a byte loop cost about seven instructions a
/// byte. Whether there are capitals comes free, and most words have none
/// to lower.
fn spaced_ascii(b: &[u8]) -> Option<bool> {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return None;
    }
    let mut carry = 0;
    let mut caps = false;
    for chunk in b.chunks(8) {
        let (v, n) = (pack8(chunk)?, chunk.len());
        caps |= spaced_chunk(v, n, &mut carry)?;
    }
    Some(caps)
}

/// One chunk of [`spaced_ascii`]: the first `n` (1 to 8) bytes of `v`
/// (the first lowest); `carry` is the high bit of the lowest byte if the
/// chunk before ended in a space, and is set for the next. `Some(has
/// capitals)` if the chunk is ASCII, without whitespace but spaces, and
/// without two spaces in a row.
///
/// Range tests on all eight bytes at once: for a 7-bit value `x`,
/// `x + (0x80 - lo)` has its high bit set exactly when `x >= lo`, and no
/// sum carries into the next byte.
#[inline]
fn spaced_chunk(v: u64, n: usize, carry: &mut u64) -> Option<bool> {
    let at_least = |x: u64, lo: u64| (x + ONES * (0x80 - lo)) & HIGH;
    let valid = HIGH & low_bytes(n.clamp(1, 8));
    let x = v & !HIGH;
    let space = !at_least(x ^ (ONES * 0x20), 1) & HIGH;
    let control = !at_least(x, 0x21) & HIGH;
    let bad = (v & HIGH) | (control & !space);
    let space = space & valid;
    if bad & valid != 0 || space & ((space << 8) | *carry) != 0 {
        return None;
    }
    *carry = space >> 56;
    let upper = at_least(x, b'A'.into()) & !at_least(x, u64::from(b'Z') + 1);
    Some(upper & valid != 0)
}

impl Lexicon {
    /// The entry for a name as written in the text: capitals first as
    /// written, then folded. `caps_ok` is false in shouted (all-capitals)
    /// lines, where "US" may be the word "us".
    pub fn lookup(&self, written: &str, folded: &str) -> Option<Entry> {
        if let Some(e) = self.names_exact.get(written) {
            return Some(*e);
        }
        // A lower-cased entry never matches an all-capitals short word
        // ("WHO" the pronoun in a shouted headline is not "who").
        self.names.get(folded).copied()
    }

    /// [`Lexicon::lookup`] of a phrase of two words or more, with
    /// [`Lexicon::is_prefix`] of it: by its folded form alone, as no name
    /// written in capitals has a space (the test
    /// `caps_names_are_single_words` checks), so the written form is no
    /// key of [`Lexicon::names_exact`]; and hashed once for both tables.
    pub fn phrase_and_prefix(&self, folded: &str) -> (Option<Entry>, bool) {
        let key = Hashed::new(folded.as_bytes());
        (self.names.get_hashed(&key).copied(), self.prefixes.get_hashed(&key).is_some())
    }

    /// The word lists as bits per word.
    pub fn classes(&self) -> &LexClasses {
        &self.classes
    }

    /// Whether some longer name starts with these (folded) words.
    pub fn is_prefix(&self, folded: &str) -> bool {
        self.prefixes.contains(folded)
    }

    pub fn entry_name(&self, e: Entry) -> &'static str {
        match e {
            Entry::Place(i) => self.place_names.get(i as usize).copied().unwrap_or(""),
            Entry::Org(i) => self.org_names.get(i as usize).copied().unwrap_or(""),
        }
    }

    pub fn is_country(&self, e: Entry) -> bool {
        matches!(e, Entry::Place(i) if self.place_class.get(i as usize) == Some(&PlaceClass::Country))
    }
}

/// The lexicon built from the word lists: the definition of what the
/// generated tables hold. Test code: `generated_tables_are_current` checks
/// `lexicon_tables.rs` against it (and rewrites it when asked).
///
/// Keys are token texts joined by one space. Entries written in capitals
/// ("US", "NATO") match only capitals; other names match in any case
/// ("KYIV" is Kyiv). Word-class lists (titles, suffixes) match exactly,
/// except those documented as lower-cased.
#[cfg(test)]
pub(super) mod build {
    use super::super::hash::{Map, Set};
    use super::*;

    /// The word lists that reach the finder only as [`LexClasses`] bits.
    pub struct Lists {
        /// Plural demonym (exact case) -> place id.
        pub demonym_plural: Table<u32>,
        /// The lookup forms of every name's first word (a possessive is
        /// also listed cut: "people's republic" starts with "people" and
        /// "people's").
        pub starts: Words,
        /// First words of the titles.
        pub title_first: Words,
        pub title_mod: Words,
        pub honorific: Words,
        pub postnominal: Words,
        pub org_suffix: Words,
        pub head_of: Words,
        /// Lower-case nouns: "government", "military".
        pub gov_noun: Words,
        /// Lower-case heads a definite description can refer back with: "the ministry".
        pub anaphor: Words,
        /// Lower-case nouns of acts and stances after which a demonym is its
        /// country acting: "the Russian proposal".
        pub act_noun: Words,
        pub place_suffix: Words,
        pub place_of: Words,
        pub place_prefix: Words,
        /// Lower-case plural group nouns: "officials".
        pub group_noun: Words,
        pub group_mod: Words,
        pub group_plural: Words,
        pub first_name: Words,
        /// Lower-case common words.
        pub common: Words,
        pub nonactor: Words,
        pub nonactor_prefix: Words,
        pub particle: Words,
    }

    const COUNTRIES: &str = include_str!("../lexicon/countries.txt");
    const CITIES: &str = include_str!("../lexicon/cities.txt");
    const REGIONS: &str = include_str!("../lexicon/regions.txt");
    const ORGS: &str = include_str!("../lexicon/orgs.txt");
    const TITLES: &str = include_str!("../lexicon/titles.txt");
    const ORG_WORDS: &str = include_str!("../lexicon/orgwords.txt");
    const GROUPS: &str = include_str!("../lexicon/groups.txt");
    const FIRST_NAMES: &str = include_str!("../lexicon/firstnames.txt");
    const COMMON: &str = include_str!("../lexicon/common.txt");

    /// The names and what depends on their order while they are added.
    #[derive(Default)]
    struct Names {
        names: Map<&'static str, Entry>,
        names_exact: Map<&'static str, Entry>,
        place_names: Vec<&'static str>,
        place_class: Vec<PlaceClass>,
        org_names: Vec<&'static str>,
        demonym: Map<&'static str, u32>,
        demonym_plural: Map<&'static str, u32>,
        prefixes: Set<&'static str>,
        starts: Set<&'static str>,
        max_words: usize,
    }

    /// A generated string lives as long as the test run.
    fn leak(s: String) -> &'static str {
        s.leak()
    }

    /// Whether a name is written in capitals (a case-sensitive alias).
    fn is_caps_alias(s: &str) -> bool {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    }

    fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
        data.lines().filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
    }

    /// `[section]` lists: entries separated by commas or newlines.
    fn sections(data: &'static str) -> Map<&'static str, Vec<&'static str>> {
        let mut out: Map<&'static str, Vec<&'static str>> = Map::default();
        let mut current = "";
        for line in entries(data) {
            let t = line.trim();
            if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                current = name;
                continue;
            }
            out.entry(current).or_default().extend(t.split(',').map(str::trim).filter(|w| !w.is_empty()));
        }
        out
    }

    fn words(words: impl IntoIterator<Item = &'static str>) -> Words {
        let set: Set<&'static str> = words.into_iter().collect();
        Table::build(set.into_iter().map(|w| (w, ())))
    }

    /// A section's words. (Lower-case lists are written lower-case and
    /// kept as they are.)
    fn set(map: &Map<&'static str, Vec<&'static str>>, name: &str) -> Words {
        words(map.get(name).into_iter().flatten().copied())
    }

    fn table<V>(map: Map<&'static str, V>) -> Table<V> {
        Table::build(map)
    }

    impl Names {
        fn add_name(&mut self, name: &'static str, entry: Entry) {
            let name = name.trim();
            if name.is_empty() {
                return;
            }
            let words = name.split_whitespace().count();
            self.max_words = self.max_words.max(words);
            let folded = norm_key(name);
            let first = folded.split(' ').next().unwrap_or("");
            self.starts.insert(leak(first.trim_end_matches("'s").to_string()));
            self.starts.insert(leak(first.to_string()));
            for (i, _) in folded.match_indices(' ') {
                self.prefixes.insert(leak(folded[..i].to_string()));
            }
            if is_caps_alias(name) {
                self.names_exact.entry(name).or_insert(entry);
            } else {
                self.names.entry(leak(norm_key(name))).or_insert(entry);
            }
        }

        fn add_places(&mut self, data: &'static str, class: PlaceClass) {
            for line in entries(data) {
                let mut parts = line.split(';');
                let names: Vec<&'static str> = parts.next().unwrap_or("").split('|').map(str::trim).collect();
                let Some(&canonical) = names.first() else { continue };
                if canonical.is_empty() {
                    continue;
                }
                // One id per canonical name, even when listed twice.
                let id = match self.lookup_exact_or_folded(canonical) {
                    Some(Entry::Place(id)) => id,
                    _ => {
                        self.place_names.push(canonical);
                        self.place_class.push(class);
                        (self.place_names.len() - 1) as u32
                    }
                };
                for n in &names {
                    self.add_name(n, Entry::Place(id));
                }
                for d in parts.next().unwrap_or("").split('|').map(str::trim).filter(|d| !d.is_empty()) {
                    self.demonym.entry(d).or_insert(id);
                }
                for d in parts.next().unwrap_or("").split('|').map(str::trim).filter(|d| !d.is_empty()) {
                    self.demonym_plural.entry(d).or_insert(id);
                }
            }
        }

        fn lookup_exact_or_folded(&self, name: &str) -> Option<Entry> {
            self.names_exact.get(name).or_else(|| self.names.get(norm_key(name).as_str())).copied()
        }
    }

    /// The lexicon and the lists its class bits are made of.
    pub fn build() -> (Lexicon, Lists) {
        let mut n = Names::default();
        n.add_places(COUNTRIES, PlaceClass::Country);
        n.add_places(CITIES, PlaceClass::City);
        n.add_places(REGIONS, PlaceClass::Region);
        for line in entries(ORGS) {
            let names: Vec<&'static str> = line.split('|').map(str::trim).collect();
            let Some(&canonical) = names.first() else { continue };
            n.org_names.push(canonical);
            let id = (n.org_names.len() - 1) as u32;
            for name in names {
                n.add_name(name, Entry::Org(id));
            }
        }
        let t = sections(TITLES);
        let o = sections(ORG_WORDS);
        let g = sections(GROUPS);
        let c = sections(COMMON);
        let title = set(&t, "title");
        let lists = Lists {
            demonym_plural: table(n.demonym_plural),
            starts: words(n.starts),
            title_first: words(title.keys().filter_map(|s| s.split_whitespace().next())),
            title_mod: set(&t, "modifier"),
            honorific: set(&t, "honorific"),
            postnominal: set(&t, "postnominal"),
            org_suffix: set(&o, "suffix"),
            head_of: set(&o, "head_of"),
            gov_noun: set(&o, "gov_noun"),
            anaphor: set(&o, "anaphor"),
            act_noun: set(&o, "act_noun"),
            place_suffix: set(&o, "place_suffix"),
            place_of: set(&o, "place_of"),
            place_prefix: set(&o, "place_prefix"),
            group_noun: set(&g, "noun"),
            group_mod: set(&g, "modifier"),
            group_plural: set(&g, "plural"),
            first_name: words(entries(FIRST_NAMES).flat_map(|l| l.split(',')).map(str::trim).filter(|w| !w.is_empty())),
            common: set(&c, "common"),
            nonactor: set(&c, "nonactor"),
            nonactor_prefix: set(&c, "nonactor_prefix"),
            particle: set(&c, "particle"),
        };
        let mut lx = Lexicon {
            names: table(n.names),
            names_exact: table(n.names_exact),
            place_names: List::build(n.place_names),
            place_class: List::build(n.place_class),
            org_names: List::build(n.org_names),
            demonym: table(n.demonym),
            prefixes: words(n.prefixes),
            max_words: n.max_words,
            title_max_words: title.keys().map(|s| s.split_whitespace().count()).max().unwrap_or(1),
            title,
            title_prefix: set(&t, "prefix"),
            region_prefix: set(&o, "region_prefix"),
            stop_acronym: set(&c, "stop_acronym"),
            abbrev: set(&c, "abbrev"),
            speech: set(&c, "speech"),
            classes: LexClasses { words: Table::build([]), cased: List::build(Vec::new()) },
        };
        lx.classes = LexClasses::new(&lx, &lists);
        (lx, lists)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`Lexicon::phrase_and_prefix`] relies on: names matched as written
    /// (in capitals) are single words.
    #[test]
    fn caps_names_are_single_words() {
        let lx = lexicon();
        assert!(lx.names_exact.len() > 10);
        for k in lx.names_exact.keys() {
            assert!(!k.contains(char::is_whitespace), "{k:?}");
        }
        for (written, folded) in [("United States", "united states"), ("New York", "new york"), ("Foo Bar", "foo bar")]
        {
            assert_eq!(lx.phrase_and_prefix(folded), (lx.lookup(written, folded), lx.is_prefix(folded)), "{written}");
        }
    }

    /// [`spaced_ascii`] as a byte loop, with the capitals: the reference it
    /// must agree with (any byte below `!` but the space sends a name to
    /// the general path, which gives the same form for it).
    fn spaced_ascii_bytewise(b: &[u8]) -> Option<bool> {
        let mut after_space = true;
        for &c in b {
            if !c.is_ascii() || c < 0x21 && c != b' ' || (c == b' ' && after_space) {
                return None;
            }
            after_space = c == b' ';
        }
        (!after_space || b.is_empty()).then(|| b.iter().any(u8::is_ascii_uppercase))
    }

    #[test]
    fn spaced_ascii_agrees_with_a_byte_loop() {
        // Every byte value at every place of words of 1 to 19 bytes, and
        // spaces next to each other across chunk edges.
        let base = b"New York City Hall:";
        for len in 0..=base.len() {
            for pos in 0..len {
                for x in 0..=255u8 {
                    let mut w = base[..len].to_vec();
                    w[pos] = x;
                    assert_eq!(spaced_ascii(&w), spaced_ascii_bytewise(&w), "{w:?}");
                }
                let mut w = base[..len].to_vec();
                if pos + 1 < len {
                    w[pos] = b' ';
                    w[pos + 1] = b' ';
                    assert_eq!(spaced_ascii(&w), None, "{w:?}");
                }
            }
        }
        assert_eq!(spaced_ascii(b"new york"), Some(false));
        assert_eq!(spaced_ascii(b"united states of america"), Some(false));
        assert_eq!(spaced_ascii(b"united states of Americas"), Some(true));
        assert_eq!(spaced_ascii(b"a"), Some(false));
        assert_eq!(spaced_ascii(b""), Some(false));
    }

    /// The ASCII shortcut of `norm_key` gives what the general path gives.
    #[test]
    fn norm_key_shortcut_agrees() {
        for s in [
            "",
            " ",
            "A",
            "New York",
            "New  York",
            " New York",
            "New York ",
            "New\tYork",
            "U.S. State Department",
            "O'Brien",
            "O’Brien",
            "São Paulo",
            "A\u{b}B",
            "A\u{1f}B",
            "ΣΟΦΙΑ",
            "NATO",
            "a b",
            "A  B",
            "Ab ",
            " aB",
            "AbCdEfGh",
            "AbCdEfGhI",
            "a\tb",
            "Ab\u{7f}",
            "A\u{0}B",
            "Zoë",
            "O’B",
            "[@`{]",
        ] {
            let general: Vec<String> = s
                .split_whitespace()
                .map(|w| {
                    w.chars()
                        .flat_map(|c| match c {
                            '’' | '‘' => vec!['\''],
                            _ => c.to_lowercase().collect(),
                        })
                        .collect()
                })
                .collect();
            assert_eq!(norm_key(s), general.join(" "), "{s:?}");
        }
    }

    #[test]
    fn lexicon_parses() {
        let lx = lexicon();
        let russia = lx.lookup("Russian Federation", "russian federation");
        assert_eq!(russia, lx.lookup("Russia", "russia"));
        assert!(matches!(russia, Some(Entry::Place(_))));
        assert_eq!(lx.lookup("KYIV", "kyiv"), lx.lookup("Kiev", "kiev"));
        assert!(lx.lookup("us", "us").is_none());
        assert!(matches!(lx.lookup("US", "us"), Some(Entry::Place(_))));
        assert_eq!(
            lx.lookup("NATO", "nato"),
            lx.lookup("North Atlantic Treaty Organization", "north atlantic treaty organization")
        );
        assert!(lx.title.contains("Secretary of State"));
        let (_, lists) = build::build();
        assert!(lists.honorific.contains("Mr."));
        assert!(lists.org_suffix.contains("Ministry"));
        assert!(lists.group_noun.contains("officials"));
        assert!(lists.first_name.contains("Vladimir"));
        assert!(lists.common.contains("however"));
        assert!(lx.demonym.contains_key("Russian"));
        assert!(lx.max_words >= 5);
    }

    #[test]
    fn generated_tables_are_current() {
        let body = format!(
            "//! The actor lexicon's tables (see `lexicon.rs`).\n\n\
             use super::classes::LexClasses;\n\
             use super::lexicon::Entry::{{Org, Place}};\n\
             use super::lexicon::Lexicon;\n\
             use super::lexicon::PlaceClass::{{City, Country, Region}};\n\
             use crate::analysis::table::{{List, Table}};\n\n\
             pub static LEXICON: Lexicon = {:?};",
            build::build().0
        );
        crate::analysis::table::check_generated("src/analysis/actors/lexicon_tables.rs", &body);
    }
}
