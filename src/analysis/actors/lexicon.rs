//! The word lists the actor finder reads, compiled in from
//! `src/analysis/lexicon/*.txt` and indexed once on first use.
//!
//! Keys are token texts joined by one space. Entries written in capitals
//! ("US", "NATO") match only capitals; other names match in any case
//! ("KYIV" is Kyiv). Word-class lists (titles, suffixes) match exactly,
//! except those documented as lower-cased.

use std::sync::OnceLock;

use super::classes::LexClasses;
use super::hash::{Map, Set};

const COUNTRIES: &str = include_str!("../lexicon/countries.txt");
const CITIES: &str = include_str!("../lexicon/cities.txt");
const REGIONS: &str = include_str!("../lexicon/regions.txt");
const ORGS: &str = include_str!("../lexicon/orgs.txt");
const TITLES: &str = include_str!("../lexicon/titles.txt");
const ORG_WORDS: &str = include_str!("../lexicon/orgwords.txt");
const GROUPS: &str = include_str!("../lexicon/groups.txt");
const FIRST_NAMES: &str = include_str!("../lexicon/firstnames.txt");
const COMMON: &str = include_str!("../lexicon/common.txt");

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

#[derive(Default)]
pub struct Lexicon {
    /// Lower-cased names (any case in text).
    names: Map<String, Entry>,
    /// Names written in capitals, matched as written.
    names_exact: Map<String, Entry>,
    pub place_names: Vec<&'static str>,
    pub place_class: Vec<PlaceClass>,
    pub org_names: Vec<&'static str>,
    /// Adjective demonym (exact case) -> place id.
    pub demonym: Map<&'static str, u32>,
    /// Plural demonym (exact case) -> place id.
    pub demonym_plural: Map<&'static str, u32>,
    /// Lookup forms of every name's leading words ("north atlantic").
    prefixes: Set<String>,
    /// Lookup forms of every name's first word.
    starts: Set<String>,
    /// Longest name, in tokens.
    pub max_words: usize,
    pub title: Set<&'static str>,
    pub title_max_words: usize,
    /// First words of the titles.
    pub title_first: Set<&'static str>,
    pub title_mod: Set<&'static str>,
    pub honorific: Set<&'static str>,
    pub postnominal: Set<&'static str>,
    pub title_prefix: Set<&'static str>,
    pub org_suffix: Set<&'static str>,
    pub head_of: Set<&'static str>,
    /// Lower-case nouns: "government", "military".
    pub gov_noun: Set<&'static str>,
    /// Lower-case heads a definite description can refer back with: "the ministry".
    pub anaphor: Set<&'static str>,
    /// Lower-case nouns of acts and stances after which a demonym is its
    /// country acting: "the Russian proposal".
    pub act_noun: Set<&'static str>,
    pub place_suffix: Set<&'static str>,
    pub place_of: Set<&'static str>,
    pub place_prefix: Set<&'static str>,
    pub region_prefix: Set<&'static str>,
    /// Lower-case plural group nouns: "officials".
    pub group_noun: Set<&'static str>,
    pub group_mod: Set<&'static str>,
    pub group_plural: Set<&'static str>,
    pub first_name: Set<&'static str>,
    /// Lower-case common words.
    pub common: Set<&'static str>,
    pub nonactor: Set<&'static str>,
    pub nonactor_prefix: Set<&'static str>,
    pub stop_acronym: Set<&'static str>,
    pub abbrev: Set<&'static str>,
    pub particle: Set<&'static str>,
    /// Lower-case speech and stance verbs.
    pub speech: Set<&'static str>,
    /// The word lists above merged into bits per word.
    classes: LexClasses,
}

/// The lexicon, built on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

/// Whether a name is written in capitals (a case-sensitive alias).
fn is_caps_alias(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

/// The lower-cased lookup form: ’ as ', one space between words.
pub fn norm_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
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
    out
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

fn set(map: &Map<&'static str, Vec<&'static str>>, name: &str) -> Set<&'static str> {
    map.get(name).map(|v| v.iter().copied().collect()).unwrap_or_default()
}

fn lower_set(map: &Map<&'static str, Vec<&'static str>>, name: &str, out: &mut Set<&'static str>) {
    // Lower-case lists are written lower-case; keep them as they are.
    for w in map.get(name).into_iter().flatten() {
        out.insert(w);
    }
}

impl Lexicon {
    fn add_name(&mut self, name: &'static str, entry: Entry) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let words = name.split_whitespace().count();
        self.max_words = self.max_words.max(words);
        let folded = norm_key(name);
        let first = folded.split(' ').next().unwrap_or("");
        self.starts.insert(first.trim_end_matches("'s").to_string());
        self.starts.insert(first.to_string());
        for (i, _) in folded.match_indices(' ') {
            self.prefixes.insert(folded[..i].to_string());
        }
        if is_caps_alias(name) {
            self.names_exact.entry(name.to_string()).or_insert(entry);
        } else {
            self.names.entry(norm_key(name)).or_insert(entry);
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
        self.names_exact.get(name).or_else(|| self.names.get(&norm_key(name))).copied()
    }

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

    /// The lookup forms of every name's first word (a possessive is also
    /// listed cut: "people's republic" starts with "people" and "people's").
    pub fn name_starts(&self) -> impl Iterator<Item = &String> {
        self.starts.iter()
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

fn build() -> Lexicon {
    let mut lx = Lexicon::default();
    lx.add_places(COUNTRIES, PlaceClass::Country);
    lx.add_places(CITIES, PlaceClass::City);
    lx.add_places(REGIONS, PlaceClass::Region);
    for line in entries(ORGS) {
        let names: Vec<&'static str> = line.split('|').map(str::trim).collect();
        let Some(&canonical) = names.first() else { continue };
        lx.org_names.push(canonical);
        let id = (lx.org_names.len() - 1) as u32;
        for n in names {
            lx.add_name(n, Entry::Org(id));
        }
    }
    let t = sections(TITLES);
    lx.title = set(&t, "title");
    lx.title_max_words = lx.title.iter().map(|s| s.split_whitespace().count()).max().unwrap_or(1);
    lx.title_first = lx.title.iter().filter_map(|s| s.split_whitespace().next()).collect();
    lx.title_mod = set(&t, "modifier");
    lx.honorific = set(&t, "honorific");
    lx.postnominal = set(&t, "postnominal");
    lx.title_prefix = set(&t, "prefix");
    let o = sections(ORG_WORDS);
    lx.org_suffix = set(&o, "suffix");
    lx.head_of = set(&o, "head_of");
    lower_set(&o, "gov_noun", &mut lx.gov_noun);
    lower_set(&o, "anaphor", &mut lx.anaphor);
    lower_set(&o, "act_noun", &mut lx.act_noun);
    lx.place_suffix = set(&o, "place_suffix");
    lx.place_of = set(&o, "place_of");
    lx.place_prefix = set(&o, "place_prefix");
    lx.region_prefix = set(&o, "region_prefix");
    let g = sections(GROUPS);
    lower_set(&g, "noun", &mut lx.group_noun);
    lx.group_mod = set(&g, "modifier");
    lx.group_plural = set(&g, "plural");
    lx.first_name = entries(FIRST_NAMES).flat_map(|l| l.split(',')).map(str::trim).filter(|w| !w.is_empty()).collect();
    let c = sections(COMMON);
    lower_set(&c, "common", &mut lx.common);
    lx.nonactor = set(&c, "nonactor");
    lx.nonactor_prefix = set(&c, "nonactor_prefix");
    lx.stop_acronym = set(&c, "stop_acronym");
    lx.abbrev = set(&c, "abbrev");
    lx.particle = set(&c, "particle");
    lower_set(&c, "speech", &mut lx.speech);
    lx.classes = LexClasses::new(&lx);
    lx
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(lx.honorific.contains("Mr."));
        assert!(lx.org_suffix.contains("Ministry"));
        assert!(lx.group_noun.contains("officials"));
        assert!(lx.first_name.contains("Vladimir"));
        assert!(lx.common.contains("however"));
        assert!(lx.demonym.contains_key("Russian"));
        assert!(lx.max_words >= 5);
    }
}
