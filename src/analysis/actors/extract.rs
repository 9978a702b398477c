//! Mentions before coreference: capitalised runs split and classified by
//! the lexicons, titles and honorifics, then groups ("NATO officials"),
//! government nouns ("Indonesian military") and lone names resolved
//! against the names found elsewhere in the text.

use std::cell::{Cell, LazyCell, RefCell};

use super::classes::{self as cls, with_lower, WordClasses};
use super::hash::{Map, Quick, Set};
use super::lexicon::{norm_key, norm_key_into, Entry, Lexicon};
use super::tokens::{Shape, Tok, Tokens};
use super::vocab::Vocab;
use crate::analysis::ActorKind;
use crate::text::bytes::ascii_lower8;
use std::collections::hash_map::Entry as Slot;
use std::hash::BuildHasher;

/// A key's id in [`Keys`]: equal ids, equal keys.
pub type KeyId = u32;

/// What a mention refers to, before clustering: ids of lower-cased
/// lookup forms in [`Keys`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Place(KeyId),
    Org(KeyId),
    Person {
        first: Option<KeyId>,
        last: KeyId,
    },
    Group(KeyId),
    /// "the ministry": the last organization with that head word.
    Anaphor(KeyId),
}

/// The mentions' keys, each distinct one kept once in this table: a
/// mention carries its key's id, not a string of its own.
///
/// Why one string for all keys, and a map by hash: a key stored as a
/// `Box<str>` in a list and again as the map's key was two allocations per
/// distinct key (and two frees), which in wasm cost more than the lookups.
#[derive(Default)]
pub struct Keys {
    /// Every key's text, one after another: key `i` ends at `ends[i]`.
    text: String,
    ends: Vec<usize>,
    /// The hash of a key's text to the first key with that hash; keys of
    /// an equal hash (rare) are chained by `next`.
    by_hash: Map<u64, KeyId>,
    /// Per key, the next key of its hash ([`NO_KEY`] at the end).
    next: Vec<KeyId>,
    /// Hashes the keys' text (the process's seed, as [`Map`]s do).
    hasher: Quick,
    /// The lookup form being built, kept between calls.
    buf: String,
    /// Per lexicon entry (a place's index `i` as `2 * i`, an
    /// organization's as `2 * i + 1`), its key once worked out
    /// ([`Keys::cached`]): no lookup form built and hashed again. A map,
    /// not a vector indexed by entry: a text names a few dozen of the
    /// lexicon's thousands of entries, and a vector as long as the highest
    /// index named was 6.7 KB of the seed's peak heap (8.45x -> 9.21x).
    entries: Map<u32, KeyId>,
    /// The recent answers of `entries`, see [`EntryMemo`].
    recent: EntryMemo,
    /// Per word id, its word's key once worked out ([`Keys::word`];
    /// [`NO_KEY`] before): an index, not a hash, per mention.
    words: Vec<KeyId>,
}

/// A few recent answers of [`Keys::cached`], direct-mapped by the
/// entry's number: a text names a few dozen entries, each many times, and
/// a slot here is one compare where the map is a hash and a probe.
struct EntryMemo([(u32, KeyId); ENTRY_MEMO_SLOTS]);

/// Slots of [`EntryMemo`] (a power of two).
const ENTRY_MEMO_SLOTS: usize = 64;

impl Default for EntryMemo {
    fn default() -> Self {
        // (u32::MAX: no entry's number, see [`Keys::cached`].)
        EntryMemo([(u32::MAX, NO_KEY); ENTRY_MEMO_SLOTS])
    }
}

impl EntryMemo {
    /// The slot of entry number `i`.
    fn slot(i: u32) -> usize {
        (i.wrapping_mul(0x9E37_79B9) >> 26) as usize % ENTRY_MEMO_SLOTS
    }

    /// The key of entry number `i`, if its slot holds it (never for
    /// `u32::MAX`, the empty slots' number).
    fn get(&self, i: u32) -> Option<KeyId> {
        self.0.get(Self::slot(i)).filter(|&&(k, _)| k == i && i != u32::MAX).map(|&(_, v)| v)
    }

    /// Keeps `key` as entry number `i`'s (not for `u32::MAX`).
    fn set(&mut self, i: u32, key: KeyId) {
        if let Some(slot) = self.0.get_mut(Self::slot(i)).filter(|_| i != u32::MAX) {
            *slot = (i, key);
        }
    }
}

/// A word id of [`Keys::words`] whose key is not worked out yet.
const NO_KEY: KeyId = KeyId::MAX;

/// The most lexicon entries [`Keys::entries`] holds from the start (a
/// hashbrown table of 32 buckets; fewer for a text of fewer keys): a news
/// text names a few dozen, and the map grown from empty was four tables
/// and three rehashes to hold the seed's 19 (push_entry 50.7 K -> 45.8 K
/// instructions on the seed's stages).
const ENTRY_KEYS: usize = 28;

/// [`Keys::cached`]'s tags: a lexicon entry's key.
const ENTRY_PLACE: usize = 0;
const ENTRY_ORG: usize = 1;

impl Keys {
    /// A table sized for about `n` keys, grown only past them, for a text
    /// of `words` distinct words (each with its slot in [`Keys::words`]
    /// from the start, rather than grown as ids come).
    fn with_capacity(n: usize, words: usize) -> Self {
        Keys {
            words: vec![NO_KEY; words],
            // Most keys are a word or two.
            text: String::with_capacity(n * 12),
            ends: Vec::with_capacity(n),
            by_hash: Map::with_capacity_and_hasher(n, Quick::default()),
            next: Vec::with_capacity(n),
            buf: String::with_capacity(64),
            entries: Map::with_capacity_and_hasher(n.min(ENTRY_KEYS), Quick::default()),
            ..Keys::default()
        }
    }

    /// The id of `k`, interned if new.
    pub fn id(&mut self, k: &str) -> KeyId {
        self.id_hashed(k, self.hasher.hash_one(k))
    }

    /// [`Keys::id`] of `k` whose hash is `h`.
    ///
    /// The hash's slot is probed once, for the look-up and the insertion
    /// both (most keys asked are new: each distinct key is asked through
    /// a per-word or per-entry memo).
    fn id_hashed(&mut self, k: &str, h: u64) -> KeyId {
        let Keys { text, ends, by_hash, next, .. } = self;
        let slot = by_hash.entry(h);
        let mut last = None;
        if let Slot::Occupied(first) = &slot {
            let mut i = *first.get();
            while i != NO_KEY {
                if key_at(text, ends, i) == k {
                    return i;
                }
                last = Some(i);
                i = next.get(i as usize).copied().unwrap_or(NO_KEY);
            }
        }
        // More distinct keys than u32 holds would need a text of 4 GB of
        // names at least; the last id is shared then rather than panicking.
        let Some(i) = KeyId::try_from(ends.len()).ok().filter(|&i| i < NO_KEY) else { return NO_KEY - 1 };
        text.push_str(k);
        ends.push(text.len());
        next.push(NO_KEY);
        match last.and_then(|l| next.get_mut(l as usize)) {
            Some(link) => *link = i,
            None => {
                slot.or_insert(i);
            }
        }
        i
    }

    /// The id of `s`'s lookup form ([`norm_key`]).
    pub fn norm(&mut self, s: &str) -> KeyId {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        norm_key_into(&mut buf, s);
        let i = self.id(&buf);
        self.buf = buf;
        i
    }

    /// The key of word `w`, whose word id is `id`.
    fn word(&mut self, id: u32, w: &str) -> KeyId {
        let i = id as usize;
        if let Some(&k) = self.words.get(i).filter(|&&k| k != NO_KEY) {
            return k;
        }
        let k = self.norm(w);
        if i >= self.words.len() {
            self.words.resize(i + 1, NO_KEY);
        }
        if let Some(slot) = self.words.get_mut(i) {
            *slot = k;
        }
        k
    }

    /// The id of `s`'s lookup form, `s` being the one thing `(id, tag)`
    /// stands for (a lexicon entry's name).
    fn cached(&mut self, id: u32, tag: usize, s: &str) -> KeyId {
        let i = id.saturating_mul(2).saturating_add(tag as u32);
        if let Some(k) = self.recent.get(i) {
            return k;
        }
        let k = match self.entries.get(&i) {
            Some(&k) => k,
            None => {
                let k = self.norm(s);
                self.entries.insert(i, k);
                k
            }
        };
        self.recent.set(i, k);
        k
    }

    /// The id of `k` if some mention has that key.
    pub fn find(&self, k: &str) -> Option<KeyId> {
        self.find_hashed(k, self.hasher.hash_one(k))
    }

    /// [`Keys::find`] of `k` whose hash is `h`.
    fn find_hashed(&self, k: &str, h: u64) -> Option<KeyId> {
        let mut i = *self.by_hash.get(&h)?;
        while i != NO_KEY {
            if self.get(i) == k {
                return Some(i);
            }
            i = self.next.get(i as usize).copied().unwrap_or(NO_KEY);
        }
        None
    }

    /// How many distinct keys (ids `0..count()`).
    pub fn count(&self) -> usize {
        self.ends.len()
    }

    /// The key of id `i`.
    pub fn get(&self, i: KeyId) -> &str {
        key_at(&self.text, &self.ends, i)
    }
}

/// Key `i` of [`Keys`]' `text` and `ends` ("" for no such key): apart
/// from the table, for [`Keys::id_hashed`], which holds its map's slot
/// while it reads the keys.
fn key_at<'t>(text: &'t str, ends: &[usize], i: KeyId) -> &'t str {
    let i = i as usize;
    let Some(&end) = ends.get(i) else { return "" };
    let start = i.checked_sub(1).and_then(|j| ends.get(j)).copied().unwrap_or(0);
    text.get(start..end).unwrap_or("")
}

/// One mention: `s..e` as highlighted (titles included), `ns..ne` the
/// name inside it; `canon` the lexicon's name for it.
#[derive(Debug, Clone)]
pub struct Raw {
    pub s: usize,
    pub e: usize,
    pub ns: usize,
    pub ne: usize,
    pub kind: ActorKind,
    pub key: Key,
    pub canon: Option<&'static str>,
}

/// Nouns after a possessive that make its owner a person: "Obama’s wife".
const PERSONAL: &[&str] = &[
    "wife",
    "husband",
    "son",
    "daughter",
    "sons",
    "daughters",
    "children",
    "family",
    "mother",
    "father",
    "brother",
    "sister",
    "campaign",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "lawyer",
    "lawyers",
    "attorney",
    "aides",
    "aide",
    "administration",
    "presidency",
    "supporters",
    "chief",
    "running",
    "girlfriend",
    "boyfriend",
    "widow",
];

/// A lone name's uses, whether one acts as an actor, and person and organization votes.
type Votes = (Vec<usize>, bool, i32, i32);

/// Nouns after a possessive that make its owner an organization: "Microsoft's website".
const OWNED_BY_ORG: &[&str] = &[
    "website",
    "site",
    "shares",
    "stock",
    "products",
    "product",
    "software",
    "browser",
    "services",
    "service",
    "platform",
    "app",
    "network",
    "channel",
    "headquarters",
    "employees",
    "staff",
    "board",
    "users",
    "customers",
    "subscribers",
    "brand",
    "stores",
    "store",
    "reporting",
    "coverage",
    "editors",
    "reporters",
    "owner",
    "parent",
    "subsidiary",
    "revenue",
    "profits",
    "earnings",
    "sales",
    "plant",
    "factory",
    "offices",
    "members",
    "membership",
    "policy",
    "policies",
    "leadership",
    "ceo",
    "CEO",
    "founder",
    "chairman",
    "executives",
    "shareholders",
    "investors",
];

/// Longest capitalised run looked at as one (longer runs are cut).
const MAX_RUN: usize = 12;
/// Longest run [`Doc::lexicon_run`] answers: [`Doc::lex_spans`] looks
/// this far back for a name covering a word.
const LEXICON_RUN: usize = 6;
/// Longest person name, in tokens, after its titles.
const MAX_NAME: usize = 6;
/// Longest title chain, in tokens.
const MAX_TITLE: usize = 7;

pub struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Each token's word id in `words`.
    pub ids: Vec<u32>,
    /// Per word id, the answers of [`Doc::derived`].
    derived: Vec<Cell<u8>>,
    /// Per word id, the entries [`Doc::first_word`] found, as written and
    /// folded ([`pack_entry`]; whether it looked, and whether a longer name
    /// may follow, are bits of [`Doc::derived`]).
    first_words: Vec<Cell<(u32, u32)>>,
    /// Per word id, whether [`Doc::scan_groups`] may look at it
    /// ([`GROUP_NONE`], [`GROUP_ENDING`], [`GROUP_CLASSED`]): its walk
    /// tests a token with one load by its id, not its bytes and classes.
    group_words: Vec<Cell<u8>>,
    pub lx: &'static Lexicon,
    /// The word lists and the text's own evidence, as bits per word.
    words: WordClasses<'a>,
    /// Phrase buffers kept between calls: the second is
    /// [`Doc::lex_phrases`]' folded phrase (it runs for most capitalised
    /// words), the first [`Doc::title_at`]'s.
    lex_bufs: RefCell<(String, String)>,
    /// Recent answers of [`Doc::lex_match`], see [`LexMemo`].
    lex_memo: LexMemo,
    /// Two-word phrases that no longer name starts with, see [`PairMemo`].
    pair_memo: PairMemo,
    pub raws: Vec<Raw>,
    /// The keys the raws' ids stand for.
    pub keys: Keys,
    /// Lone capitalised words to resolve once every full name is known.
    singles: Vec<usize>,
    /// Sentence-initial words with no evidence of a name: kept only if
    /// they repeat a family name or an organization's short name.
    weak: Vec<usize>,
    /// Two- or three-word names with no mark of a person yet (token ranges).
    maybe: Vec<(usize, usize)>,
    /// Letter prefixes of versioned names ("IE" of "IE6"): products, not acronyms.
    versioned: Set<&'a str>,
    /// The word ids of "the" and "The" ([`Doc::is_the`]).
    the_ids: [u32; 2],
    /// The word ids of "government" and "governments"
    /// ([`Doc::next_noun_candidate`]).
    government_ids: [u32; 2],
}

fn lower(w: &str) -> String {
    norm_key(w)
}

/// Words that join or open a name ("of", "and", "&", "the"), as bytes.
fn is_connector(w: &[u8]) -> bool {
    matches!(w, b"of" | b"and" | b"&" | b"the")
}

/// Endings of ordinary words, for a capitalised word at a sentence start.
///
/// The endings are picked by the word's last letter first (an ending
/// with another last letter cannot match): asked once per distinct
/// capitalised word, the whole list's tests cost about a thousand
/// instructions a word.
fn wordlike_ending(w: &str) -> bool {
    with_lower(w, |l| {
        // (More than four chars needs more than four bytes.)
        l.len() > 4 && endings_by_last(l.as_bytes()).iter().any(|e| l.ends_with(e)) && l.chars().count() > 4
    })
}

/// The endings of [`wordlike_ending`] that end in `l`'s last byte.
fn endings_by_last(l: &[u8]) -> &'static [&'static str] {
    match l.last() {
        Some(b'g') => &["ing"],
        Some(b'y') => &["ly", "ity"],
        Some(b'n') => &["tion", "sion"],
        Some(b's') => &["tions", "sions", "ments", "ness", "ities", "ists", "ous", "less", "ers", "ies", "als"],
        Some(b't') => &["ment", "est"],
        Some(b'e') => &["ance", "ence", "ive", "able", "ible"],
        Some(b'm') => &["ism"],
        Some(b'l') => &["ful"],
        Some(b'd') => &["ed"],
        _ => &[],
    }
}

/// Bodies of a state, after which a country's name is its own mention:
/// "US State Department" is the US and its State Department.
fn institution(w: &str) -> bool {
    matches!(
        w,
        "Department"
            | "Ministry"
            | "Army"
            | "Navy"
            | "Force"
            | "Embassy"
            | "Government"
            | "Parliament"
            | "Police"
            | "Senate"
            | "Congress"
            | "Forces"
            | "Agency"
            | "Office"
            | "Service"
            | "Services"
            | "Commission"
            | "Court"
            | "Bureau"
            | "Administration"
            | "Guard"
            | "Marines"
            | "Corps"
            | "Cabinet"
            | "Command"
    )
}

/// "TRUMP" -> "Trump".
fn titlecase(w: &str) -> String {
    let mut cs = w.chars();
    cs.next().map(|f| f.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect()).unwrap_or_default()
}

/// The longest ASCII word [`with_titlecase`] builds on the stack.
const TITLE_BUF: usize = 32;

/// `f` of [`titlecase`]`(w)`, built on the stack for a short ASCII word
/// (every acronym and most shouted words) rather than in a new string:
/// asked per shouted token, and an allocation costs most in wasm.
fn with_titlecase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; TITLE_BUF];
    match buf.get_mut(..w.len()).filter(|_| w.is_ascii()) {
        Some(b) => {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            if let Some(first) = b.first_mut() {
                first.make_ascii_uppercase();
            }
            // ASCII in, ASCII out: always UTF-8.
            f(std::str::from_utf8(b).unwrap_or_default())
        }
        None => f(&titlecase(w)),
    }
}

/// Weekdays, months and function words end a name even when capitalised
/// ("Joe Monday", "President Of The").
///
/// An ASCII word is compared as it is, lower-cased as one integer
/// ([`calendar_key`]): asked once per distinct capitalised word, a
/// `match` on its lower-cased copy compared the strings one by one.
fn calendar_or_function(w: &str) -> bool {
    if w.is_ascii() {
        calendar_key(w.as_bytes())
    } else {
        with_lower(w, |l| calendar_key(l.as_bytes()))
    }
}

/// Whether `b`, its dots trimmed from the end, is one of
/// [`calendar_or_function`]'s words in any ASCII case.
fn calendar_key(mut b: &[u8]) -> bool {
    while let [rest @ .., b'.'] = b {
        b = rest;
    }
    match b.len() {
        // (A NUL would pack as the word without it.)
        1..=8 => cls::pack8(b)
            .is_some_and(|v| CALENDAR_OR_FUNCTION.binary_search(&ascii_lower8(v)).is_ok() && !b.contains(&0)),
        9 => b.eq_ignore_ascii_case(b"wednesday") || b.eq_ignore_ascii_case(b"september"),
        _ => false,
    }
}

/// [`calendar_or_function`]'s words of up to eight bytes, packed
/// ([`cls::pack_const`]) and sorted.
const CALENDAR_OR_FUNCTION: [u64; 50] = {
    const WORDS: [&str; 50] = [
        "monday", "tuesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
        "june", "july", "august", "october", "november", "december", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
        "the", "of", "and", "to", "for", "with", "in", "on", "at", "by", "from", "a", "an", "or", "as", "is", "are",
        "was", "be", "not", "no", "this", "that", "it", "his", "her", "their",
    ];
    let mut out = [0u64; 50];
    let mut i = 0;
    while i < WORDS.len() {
        // Insertion sort: the table is made at compile time.
        let v = cls::pack_const(WORDS[i].as_bytes(), 8);
        let mut j = i;
        while j > 0 && out[j - 1] > v {
            out[j] = out[j - 1];
            j -= 1;
        }
        out[j] = v;
        i += 1;
    }
    out
};

/// Plural nouns that keep their possessive inside a name: "Korean People's Army".
fn keeps_possessive(w: &str) -> bool {
    matches!(w, "People" | "Women" | "Children" | "Workers" | "Veterans" | "Men" | "Citizens" | "Farmers" | "Martyrs")
}

/// Nouns before "of X" that make X a place: "the town of Yeoncheon".
fn place_of_noun(w: &str) -> bool {
    matches!(
        w,
        "town"
            | "city"
            | "village"
            | "province"
            | "region"
            | "district"
            | "capital"
            | "suburb"
            | "port"
            | "county"
            | "island"
            | "municipality"
            | "neighbourhood"
            | "neighborhood"
            | "outskirts"
            | "state"
            | "hamlet"
            | "oblast"
    )
}

/// Questions of [`Doc::derived`]: the bit saying it was asked; the answer
/// is the bit above.
const WORDLIKE: u8 = 1;
const CALENDAR: u8 = 4;
/// [`Doc::first_word`] looked at the word; the bit above: a longer name may follow.
const FIRST: u8 = 16;
/// [`Doc::acronym_word`].
const ACRONYM: u8 = 64;

/// An entry (or none) as one integer, for the per-word caches: 0 for none,
/// else twice the index plus 2 (a place) or 3 (an organization).
fn pack_entry(e: Option<Entry>) -> Option<u32> {
    let (i, org) = match e {
        None => return Some(0),
        Some(Entry::Place(i)) => (i, 0),
        Some(Entry::Org(i)) => (i, 1),
    };
    i.checked_mul(2)?.checked_add(2 + org)
}

fn unpack_entry(v: u32) -> Option<Entry> {
    match v {
        0 | 1 => None,
        _ if v & 1 == 0 => Some(Entry::Place((v - 2) / 2)),
        _ => Some(Entry::Org((v - 3) / 2)),
    }
}

/// A few recent answers of [`Doc::lex_match`] for runs of consecutive
/// tokens, keyed by the first token and the number looked at.
///
/// Why: the rules ask about the same places of a run again and again (a
/// chunk's start as a strong start, as a whole name, at each position,
/// around each "of" and "and"), and each answer builds the phrase's two
/// forms word by word and looks them up. Calls for one run come together,
/// so a small direct-mapped table holds them.
struct LexMemo {
    /// (first token + 1, 0 when empty; tokens looked at; the answer).
    slots: [Cell<(usize, usize, LexHit)>; LEX_MEMO_SLOTS],
}

/// An answer of [`Doc::lex_match`]: the name's length in tokens, its entry.
type LexHit = Option<(usize, Entry)>;

/// Slots of [`LexMemo`] (a power of two).
const LEX_MEMO_SLOTS: usize = 64;

impl Default for LexMemo {
    fn default() -> Self {
        LexMemo { slots: [const { Cell::new((0, 0, None)) }; LEX_MEMO_SLOTS] }
    }
}

impl LexMemo {
    fn get(&self, first: usize, len: usize) -> Option<LexHit> {
        let (k, l, hit) = self.slots[first % LEX_MEMO_SLOTS].get();
        (k == first + 1 && l == len).then_some(hit)
    }

    fn set(&self, first: usize, len: usize, hit: LexHit) {
        self.slots[first % LEX_MEMO_SLOTS].set((first + 1, len, hit));
    }
}

/// The second step of [`Doc::lex_phrases`] for pairs of words seen
/// before, keyed by the two word ids: whether the two words are a name
/// (its entry), and whether a longer name starts with them.
///
/// Why: the same two capitalised words meet again and again in a text
/// ("White House", "Prime Minister", "United States"), and each time the
/// phrase's lookup form was built word by word and hashed for two tables,
/// to learn that the walk stops there (no longer name starts so, or the
/// chunk ends after the two words). The answers depend only on the two
/// words (when neither is shouted nor has a possessive), so a small
/// direct-mapped table keeps the recent ones; a pair that lost its slot
/// is only asked again.
struct PairMemo {
    /// (the two ids, [`PAIR_EMPTY`] when empty; [`pack_entry`] of the
    /// pair's entry; whether a longer name starts with the pair).
    slots: [Cell<(u64, u32, bool)>; PAIR_MEMO_SLOTS],
}

/// Slots of [`PairMemo`] (a power of two).
const PAIR_MEMO_SLOTS: usize = 256;

/// An empty slot of [`PairMemo`]: no two word ids make it (ids are below
/// `u32::MAX`).
const PAIR_EMPTY: u64 = u64::MAX;

impl Default for PairMemo {
    fn default() -> Self {
        PairMemo { slots: [const { Cell::new((PAIR_EMPTY, 0, false)) }; PAIR_MEMO_SLOTS] }
    }
}

impl PairMemo {
    /// The slot and key of the pair of word ids `a`, `b`.
    fn slot(a: u32, b: u32) -> (usize, u64) {
        let key = u64::from(a) << 32 | u64::from(b);
        let at = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % PAIR_MEMO_SLOTS;
        (at, key)
    }

    /// The entry of the pair `a`, `b` and whether a longer name starts
    /// with it, if it was set (and kept).
    fn get(&self, a: u32, b: u32) -> Option<(Option<Entry>, bool)> {
        let (at, key) = Self::slot(a, b);
        let (k, v, longer) = self.slots.get(at)?.get();
        (k == key).then(|| (unpack_entry(v), longer))
    }

    fn set(&self, a: u32, b: u32, e: Option<Entry>, longer: bool) {
        let (at, key) = Self::slot(a, b);
        if let (Some(slot), Some(v)) = (self.slots.get(at), pack_entry(e)) {
            slot.set((key, v, longer));
        }
    }
}

/// The word classes that make a capitalised word the start of a name
/// wherever it stands ([`Doc::strong`]; [`Doc::plain_alone`] asks for them
/// too, so the two never disagree).
const STRONG_WORD: u32 =
    cls::HONORIFIC | cls::TITLE | cls::FIRST_NAME | cls::DEMONYM | cls::DEMONYM_PLURAL | cls::GROUP_PLURAL;

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, tokens: Tokens<'a>, lx: &'static Lexicon) -> Self {
        let Tokens { toks, ids, vocab, seen } = tokens;
        let mut versioned = Set::default();
        for t in &toks {
            // The digit looked for in the bytes first (no other char holds
            // an ASCII byte), the word sliced as a string only if it has one.
            let has_digit = || text.as_bytes().get(t.s()..t.e()).is_some_and(|b| b.iter().any(u8::is_ascii_digit));
            if t.shape == Shape::Caps && has_digit() {
                let w = &text[t.s()..t.e()];
                let n = w.find(|c: char| !c.is_alphabetic()).unwrap_or(w.len());
                if n >= 1 {
                    versioned.insert(&w[..n]);
                }
            }
        }
        let group_words = group_endings(&vocab);
        let words = WordClasses::new(lx.classes(), vocab, seen);
        let derived = vec![Cell::new(0); words.distinct()];
        let first_words = vec![Cell::new((0, 0)); words.distinct()];
        // (u32::MAX: no word's id, for a text without the word.)
        let the_ids = [b"the", b"The"].map(|w| words.id_of(w).unwrap_or(u32::MAX));
        let government_ids = [&b"government"[..], b"governments"].map(|w| words.id_of(w).unwrap_or(u32::MAX));
        // About one mention per ten tokens in news text: sized once rather
        // than grown (each growth a copy of every mention so far).
        let raws = Vec::with_capacity(toks.len() / 8);
        // A key for about one distinct word in eight.
        let keys = Keys::with_capacity(words.distinct() / 8, words.distinct());
        Doc {
            text,
            toks,
            ids,
            derived,
            first_words,
            group_words,
            lx,
            words,
            lex_bufs: RefCell::new((String::with_capacity(64), String::with_capacity(64))),
            lex_memo: LexMemo::default(),
            pair_memo: PairMemo::default(),
            raws,
            keys,
            singles: Vec::new(),
            weak: Vec::new(),
            maybe: Vec::new(),
            versioned,
            the_ids,
            government_ids,
        }
    }

    /// The bare word of token `i`.
    pub fn w(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.s()..t.e()]
    }

    /// Whether the word of token `k` has any of `bits`.
    ///
    /// Always inlined, as the two below and [`Doc::wb`]: asked of most
    /// words by every rule, and kept out of line in wasm (a call each).
    #[inline(always)]
    fn is(&self, k: usize, bits: u32) -> bool {
        self.words.id_is(self.ids[k], bits)
    }

    #[inline(always)]
    fn seen_lower(&self, k: usize) -> bool {
        self.is(k, cls::SEEN_LOWER)
    }

    #[inline(always)]
    fn common(&self, k: usize) -> bool {
        self.is(k, cls::COMMON)
    }

    /// Ordinary-word evidence for the capitalised word of token `k`.
    fn ordinary(&self, k: usize) -> bool {
        self.is(k, cls::COMMON | cls::SEEN_LOWER) || self.derived(k, WORDLIKE, wordlike_ending)
    }

    /// Whether the word of token `k` is a weekday, month or function word.
    fn calendar_or_function(&self, k: usize) -> bool {
        self.derived(k, CALENDAR, calendar_or_function)
    }

    /// `test` of the word of token `k`, worked out once per distinct word
    /// (`which`: its bit in [`Doc::derived`]).
    #[inline]
    fn derived(&self, k: usize, which: u8, test: impl FnOnce(&str) -> bool) -> bool {
        let id = self.ids[k] as usize;
        let Some(cell) = self.derived.get(id) else { return test(self.w(k)) };
        let v = cell.get();
        // Two bits per question: asked, and the answer.
        if v & which == 0 {
            let answer = test(self.w(k));
            cell.set(v | which | if answer { which << 1 } else { 0 });
            return answer;
        }
        v & (which << 1) != 0
    }

    /// The possessive after token `i`'s word ("'s", "’s", "'"), if it has one.
    fn possessive(&self, i: usize) -> Option<&'a str> {
        let t = &self.toks[i];
        self.text.get(t.e()..t.pe()).filter(|p| !p.is_empty())
    }

    /// The bare word of token `i` as bytes: for comparing with ASCII
    /// words, without the char-boundary checks of slicing the text.
    #[inline(always)]
    fn wb(&self, i: usize) -> &'a [u8] {
        let t = &self.toks[i];
        self.text.as_bytes().get(t.s()..t.e()).unwrap_or_default()
    }

    /// Whether token `i` is "the" or "The".
    ///
    /// Asked of most words (by [`Doc::scan_nouns`]): one compare of word
    /// ids, not of the word's bytes sliced from the text.
    fn is_the(&self, i: usize) -> bool {
        self.ids.get(i).is_some_and(|&id| is_the_id(self.the_ids, id))
    }

    fn same_line(&self, a: usize, b: usize) -> bool {
        (a + 1..=b).all(|k| !self.toks[k].nl)
    }

    /// Whether "the" or "The" stands just before token `i` on its line.
    fn after_the(&self, i: usize) -> bool {
        i > 0 && !self.toks[i].nl && self.is_the(i - 1)
    }

    /// Longest lexicon name starting at `c[p]`, within `c`.
    fn lex_match(&self, c: &[usize], p: usize) -> Option<(usize, Entry)> {
        // Most words start no name: one lookup says so.
        let &first = c.get(p)?;
        if !self.is(first, cls::STARTS_NAME) {
            return None;
        }
        // Most of the rest end at their first word: known per distinct
        // word, cheaper than the memo's check that the tokens are consecutive.
        if let Some(hit) = self.first_word(first) {
            return hit.map(|e| (1, e));
        }
        let lim = c.len().min(p + self.lx.max_words);
        // The answer depends only on the tokens looked at: for a run of
        // consecutive tokens (every caller's), on the first and how many.
        let consecutive = c[p..lim].iter().enumerate().all(|(k, &t)| t == c[p] + k);
        if consecutive {
            if let Some(hit) = self.lex_memo.get(c[p], lim - p) {
                return hit;
            }
        }
        let best = self.lex_phrases(c, p, lim);
        if consecutive {
            self.lex_memo.set(c[p], lim - p, best);
        }
        best
    }

    /// The first step of [`Doc::lex_phrases`] for token `t`, if no longer
    /// name can follow: the entry of the word alone. `None` when a longer
    /// name may follow, or the word has a possessive (which the phrase
    /// keeps when it goes on).
    fn first_word(&self, t: usize) -> Option<Option<Entry>> {
        let tok = &self.toks[t];
        if tok.has_poss() {
            return None;
        }
        let id = self.ids[t] as usize;
        let (Some(cell), Some(flags)) = (self.first_words.get(id), self.derived.get(id)) else { return None };
        let (exact, folded) = if flags.get() & FIRST == 0 {
            let bare = self.w(t);
            let exact = self.lx.names_exact.get(bare).copied();
            // Folded on the stack (a token has no white space: its lookup
            // form is its lower case), not in a string per word.
            let (folded, longer) = with_lower(bare, |f| (self.lx.names.get(f).copied(), self.lx.is_prefix(f)));
            if let (Some(x), Some(y)) = (pack_entry(exact), pack_entry(folded)) {
                cell.set((x, y));
                flags.set(flags.get() | FIRST | if longer { FIRST << 1 } else { 0 });
            }
            if longer {
                return None;
            }
            (exact, folded)
        } else {
            if flags.get() & (FIRST << 1) != 0 {
                return None;
            }
            let (x, y) = cell.get();
            (unpack_entry(x), unpack_entry(y))
        };
        // As `Lexicon::lookup`, which shouted words ask without their written form.
        let exact = if tok.shout() { self.lx.names_exact.get("").copied() } else { exact };
        Some(exact.or(folded))
    }

    /// What [`Doc::first_word`] learnt of token `t`'s word when a longer
    /// name may follow it: the entry of the word alone (as
    /// `Lexicon::lookup` answers it). `None` if it was not asked, or the
    /// token has a possessive.
    fn first_known(&self, t: usize) -> Option<Option<Entry>> {
        let tok = &self.toks[t];
        let id = self.ids[t] as usize;
        let flags = self.derived.get(id)?.get();
        if tok.has_poss() || flags & FIRST == 0 || flags & (FIRST << 1) == 0 {
            return None;
        }
        let (x, y) = self.first_words.get(id)?.get();
        let exact = if tok.shout() { self.lx.names_exact.get("").copied() } else { unpack_entry(x) };
        Some(exact.or(unpack_entry(y)))
    }

    /// The names starting at `c[p]` within `c[..lim]`, phrase by phrase.
    fn lex_phrases(&self, c: &[usize], p: usize, lim: usize) -> Option<(usize, Entry)> {
        // A known first word with no word after it (a one-word chunk): its
        // answer, with no phrase built.
        if lim == p + 1 {
            if let Some(hit) = c.get(p).and_then(|&t| self.first_known(t)) {
                return hit.map(|e| (1, e));
            }
        }
        // Two known words that end the walk: their answer, with no phrase built.
        if let Some(hit) = self.known_pair(c, p, lim) {
            return hit;
        }
        // The phrase buffer is the document's, reused from call to call.
        // Only the folded phrase is built: the written form is looked up
        // for the first word alone (no name in capitals has a space:
        // [`Lexicon::phrase_and_prefix`]), which is the word itself.
        let mut bufs = self.lex_bufs.borrow_mut();
        let (_, folded) = &mut *bufs;
        folded.clear();
        let mut best = None;
        // Whether the first word's answers were known ([`Doc::known_pair`]'s condition).
        let mut first_known = false;
        for (k, &t) in c.iter().enumerate().take(lim).skip(p) {
            if k > p {
                folded.push(' ');
            }
            let bare = self.w(t);
            norm_key_into(folded, bare);
            // The first word's answers are known when it was asked alone
            // (and it has no possessive: then a longer name may follow).
            let known = if k == p { self.first_known(t) } else { None };
            // Whether a longer name starts so, when asked with the lookup.
            let mut prefix = None;
            let hit = match known {
                Some(hit) => hit,
                None if self.toks[t].shout() => self.lx.lookup("", folded),
                // Two words or more: no name in capitals has a space.
                None if k > p => {
                    let (hit, longer) = self.lx.phrase_and_prefix(folded);
                    prefix = Some(longer);
                    if k == p + 1 && first_known && self.pair_plain(t) {
                        self.pair_memo.set(self.ids[c[p]], self.ids[t], hit, longer);
                    }
                    hit
                }
                None => self.lx.lookup(bare, folded),
            };
            if let Some(e) = hit {
                best = Some((k - p + 1, e));
            }
            if known.is_some() {
                first_known = true;
                continue;
            }
            // Inner words keep their possessive: "People's Republic of China".
            // (Appended to the bare word's form: a word has no white space,
            // so its lookup form is its chars' forms, word and possessive
            // apart as together, without the whole word's again.)
            if let Some(poss) = self.possessive(t) {
                norm_key_into(folded, poss);
                prefix = None;
            }
            if !prefix.unwrap_or_else(|| self.lx.is_prefix(folded)) {
                break;
            }
        }
        best
    }

    /// [`Doc::lex_phrases`]' answer from [`PairMemo`]: when the first
    /// word's answers are known ([`Doc::first_known`]) and the pair of it
    /// and the next word was asked before, and the walk ends there (no
    /// longer name starts with the pair, or `c` ends after it). `None` when
    /// the walk must be made.
    fn known_pair(&self, c: &[usize], p: usize, lim: usize) -> Option<LexHit> {
        if lim < p + 2 {
            return None;
        }
        let (&a, &b) = (c.get(p)?, c.get(p + 1)?);
        if !self.pair_plain(b) {
            return None;
        }
        let first = self.first_known(a)?;
        let (second, longer) = self.pair_memo.get(*self.ids.get(a)?, *self.ids.get(b)?)?;
        if longer && lim > p + 2 {
            return None;
        }
        Some(match second {
            Some(e) => Some((2, e)),
            None => first.map(|e| (1, e)),
        })
    }

    /// Whether token `t`, second in a phrase, is looked up by its word
    /// alone: not shouted (looked up another way), no possessive (kept
    /// in the phrase).
    fn pair_plain(&self, t: usize) -> bool {
        let tok = &self.toks[t];
        !tok.shout() && !tok.has_poss()
    }

    fn is_acronym(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.shape != Shape::Caps || t.shout() {
            return false;
        }
        // A capitalised word beside another is shouting ("MAKE AMERICA GREAT").
        let n = self.toks.len();
        let caps_word = |k: usize| {
            self.toks[k].shape == Shape::Caps && self.w(k).chars().filter(|c| c.is_alphabetic()).count() >= 3
        };
        let shouting = (i > 0 && !t.nl && caps_word(i - 1)) || (i + 1 < n && !self.toks[i + 1].nl && caps_word(i + 1));
        !shouting && !self.is(i, cls::COMMON | cls::SEEN_LOWER) && self.acronym_word(i)
    }

    /// What [`Doc::is_acronym`] asks of the word of token `i` alone,
    /// worked out once per distinct word: two to five letters (and dots),
    /// not a listed non-acronym, not the letters of a versioned name, never
    /// written in title case mid-sentence.
    fn acronym_word(&self, i: usize) -> bool {
        self.derived(i, ACRONYM, |w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            (2..=5).contains(&letters)
                && w.chars().all(|c| c.is_alphabetic() || c == '.')
                && !self.lx.stop_acronym.contains(w.trim_end_matches('.'))
                && !self.versioned.contains(w)
                && !with_titlecase(w, |t| self.words.mid_cap(t))
        })
    }

    /// The start of a name whatever its position: lexicon, title, first name.
    fn strong(&self, c: &[usize], i: usize) -> bool {
        self.is(c[i], STRONG_WORD)
            || self.is_acronym(c[i])
            || self.lex_match(c, i).is_some()
            || self.region_place(c, i).is_some()
            || (self.is(c[i], cls::TITLE_MOD) && self.title_chain(c, i).is_some())
            || (i + 1 == c.len() && !self.ordinary(c[i]) && self.comma_place_after(c[i]))
    }

    /// Drops leading words whose capital comes from their position; the
    /// dropped ones that may still be names go to `weak`.
    fn strip_leading<'c>(&mut self, c: &'c [usize]) -> &'c [usize] {
        let mut i = 0;
        while i < c.len() {
            let t = c[i];
            if is_connector(self.wb(t)) || self.toks[t].shape == Shape::Lower || self.toks[t].shape == Shape::Punct {
                i += 1;
                continue;
            }
            if self.strong(c, i) {
                break;
            }
            // "the Post", "the Ministry": a short name referring back.
            if c.len() == 1 && self.after_the(t) && self.is(t, cls::ANAPHOR) {
                break;
            }
            if self.common(t) {
                i += 1;
                continue;
            }
            if self.toks[t].initial {
                if self.is(t, cls::MID_CAP) && !self.seen_lower(t) {
                    break;
                }
                if i + 1 < c.len() && self.toks[c[i + 1]].namey() && !self.ordinary(t) {
                    break;
                }
                if self.toks[t].shape == Shape::Title {
                    self.weak.push(t);
                }
                i += 1;
                continue;
            }
            break;
        }
        let mut j = c.len();
        while j > i && (is_connector(self.wb(c[j - 1])) || self.toks[c[j - 1]].shape == Shape::Lower) {
            j -= 1;
        }
        &c[i..j]
    }

    /// Phase one: every capitalised run.
    // Kept out of line: each phase is one entry in a profile.
    #[inline(never)]
    pub fn scan_runs(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        // Both reused by every run, so a run allocates nothing.
        let mut run: Vec<usize> = Vec::with_capacity(MAX_RUN + 4);
        let mut chunks: Vec<(usize, usize)> = Vec::new();
        // Most tokens start no run: a walk over them finds the next that does.
        while let Some(start) = self.toks.get(i..).and_then(|t| t.iter().position(Tok::namey)) {
            i += start;
            run.clear();
            run.push(i);
            let mut k = i;
            loop {
                let t = self.toks[k];
                if (t.has_poss() && !keeps_possessive(self.w(k))) || t.compound() || run.len() >= MAX_RUN {
                    break;
                }
                let nx = k + 1;
                if nx >= n || self.toks[nx].nl {
                    break;
                }
                if self.toks[nx].namey() {
                    // "Trump Would Put Liberals On Court": capitalised function words split headlines.
                    if self.toks[nx].shape == Shape::Title && self.calendar_or_function(nx) && !self.is(nx, cls::TITLE)
                    {
                        break;
                    }
                    run.push(nx);
                    k = nx;
                    continue;
                }
                let wn = self.wb(nx);
                let joins = matches!(wn, b"of" | b"and" | b"&")
                    || (self.toks[nx].shape == Shape::Lower && self.is(nx, cls::PARTICLE));
                if joins {
                    let mut m = nx + 1;
                    if wn == b"of" && m < n && self.wb(m) == b"the" && !self.toks[m].nl {
                        m += 1;
                    }
                    if m < n && self.toks[m].namey() && !self.toks[m].nl && self.same_line(nx, m) {
                        run.extend(nx..=m);
                        k = m;
                        continue;
                    }
                }
                break;
            }
            let r = std::mem::take(&mut run);
            self.process_run(&r, &mut chunks);
            run = r;
            i = k + 1;
        }
    }

    /// Whether token `t`, a run of its own that is no lexicon name
    /// ([`Doc::lexicon_run`], asked first), is an ordinary word capitalised
    /// by its place ("The", "But", "In" at a sentence start), which
    /// [`Doc::classify_chunk`] would drop with nothing found: a common word
    /// in title case that starts no name or title and is no head word
    /// "the" may refer back with. ("The" is no lexicon entry alone, though
    /// it starts "The Hague".)
    ///
    /// Why: most runs are such a word, and this answers them with two
    /// lookups rather than the chunk's whole walk. (Alone, a word is no
    /// compass word before a place, and title case is no acronym.)
    fn plain_alone(&self, t: usize) -> bool {
        // What makes a word strong ([`Doc::strong`]), a title's modifier
        // (it may start a title chain) or a word "the" refers back with.
        const NAMES: u32 = STRONG_WORD | cls::TITLE_MOD | cls::ANAPHOR;
        self.toks[t].shape == Shape::Title && self.common(t) && !self.is(t, NAMES)
    }

    /// The lexicon entry run `r` names as a whole ("Russia", "NATO",
    /// "United States"), if it is one of at most [`LEXICON_RUN`] tokens:
    /// what [`Doc::process_run`] would push for it. The run is not split
    /// (a lexicon name covers every "and" and "of" in it, see
    /// [`Doc::lex_spans`]), and [`Doc::classify_chunk`] strips nothing
    /// (the name is strong; a run ends with a capitalised word) and finds
    /// the name as the whole chunk.
    ///
    /// Why: such runs are many (a text names its countries and
    /// organizations again and again), and this answers them with the
    /// one lookup the chunk's walk would make first.
    fn lexicon_run(&self, r: &[usize]) -> Option<Entry> {
        match self.lex_match(r, 0) {
            Some((len, e)) if len == r.len() && len <= LEXICON_RUN => Some(e),
            _ => None,
        }
    }

    /// Whether token `t`, a run of its own that is no lexicon name
    /// ([`Doc::lexicon_run`]), is a demonym in title case that names
    /// nothing alone ("Russian", "Ukrainian"), for which
    /// [`Doc::classify_chunk`] would push nothing: a demonym is strong (so
    /// not stripped), starts no title here, is no head word "the" refers
    /// back with, and the chunk's walk steps over it.
    ///
    /// Why: after the lexicon's names, demonyms are a text's most frequent
    /// runs of one word ("Russian troops" is found by the group scan).
    fn demonym_alone(&self, t: usize) -> bool {
        self.toks[t].shape == Shape::Title
            && self.is(t, cls::DEMONYM)
            && !self.is(t, cls::ANAPHOR)
            && self.title_chain(&[t], 0).is_none()
    }

    /// Whether a lexicon name covers position `idx` of `r` from before it.
    fn lex_spans(&self, r: &[usize], idx: usize) -> bool {
        (idx.saturating_sub(LEXICON_RUN - 1)..idx).any(|j| self.lex_match(r, j).is_some_and(|(len, _)| j + len > idx))
    }

    /// The mentions of run `r`: a lexicon name, a word that names
    /// nothing alone, or else [`Doc::split_run`]'s; `chunks` is scratch
    /// space.
    fn process_run(&mut self, r: &[usize], chunks: &mut Vec<(usize, usize)>) {
        if let Some(e) = self.lexicon_run(r) {
            self.push_entry(r, e);
            return;
        }
        if let [t] = *r {
            if self.plain_alone(t) || self.demonym_alone(t) {
                return;
            }
        }
        self.split_run(r, chunks);
    }

    /// Splits run `r` at "and" and "of" where they join two names and
    /// classifies each part; `chunks` is scratch space.
    fn split_run(&mut self, r: &[usize], chunks: &mut Vec<(usize, usize)>) {
        let ends_org = r.last().is_some_and(|&l| self.is(l, cls::ORG_SUFFIX));
        let mut a = 0;
        chunks.clear();
        let mut idx = 0;
        while idx < r.len() {
            let split = match self.wb(r[idx]) {
                b"and" | b"&" => {
                    // "The Globe and Mail" is one name; "MSNBC and Fox News" two.
                    let left = &r[a..idx];
                    let complete = !left.is_empty()
                        && (self.lex_match(left, 0).is_some_and(|(l, _)| l == left.len())
                            || (left.len() == 1 && self.is_acronym(left[0])));
                    (!ends_org || complete) && !self.lex_spans(r, idx)
                }
                b"of" if idx > 0 => {
                    !(self.is(r[idx - 1], cls::HEAD_OF | cls::PLACE_OF | cls::TITLE | cls::TITLE_MOD)
                        || self.lex_spans(r, idx))
                }
                _ => false,
            };
            if split {
                chunks.push((a, idx));
                a = idx + 1;
            }
            idx += 1;
        }
        chunks.push((a, r.len()));
        for &(a, b) in chunks.iter() {
            self.classify_chunk(&r[a..b]);
        }
    }

    fn span_text(&self, s: usize, e: usize) -> &'a str {
        &self.text[s..e]
    }

    /// The key of token `t`'s word: worked out once per distinct word.
    fn word_key(&mut self, t: usize) -> KeyId {
        let w = self.w(t);
        match self.ids.get(t) {
            Some(&id) => self.keys.word(id, w),
            None => self.keys.norm(w),
        }
    }

    fn push(&mut self, s: usize, e: usize, kind: ActorKind, key: Key, canon: Option<&'static str>) {
        self.raws.push(Raw { s, e, ns: s, ne: e, kind, key, canon });
    }

    fn push_entry(&mut self, c: &[usize], e: Entry) {
        let (s, end) = (self.toks[c[0]].s(), self.toks[*c.last().unwrap_or(&c[0])].e());
        // "NZ $ 26 million": a currency, not the country.
        let next = c.last().map(|&l| l + 1).filter(|&l| l < self.toks.len());
        if next.is_some_and(|l| self.wb(l) == b"$") {
            return;
        }
        let name = self.lx.entry_name(e);
        let key = match e {
            Entry::Place(i) => self.keys.cached(i, ENTRY_PLACE, name),
            Entry::Org(i) => self.keys.cached(i, ENTRY_ORG, name),
        };
        match e {
            Entry::Place(_) => self.push(s, end, ActorKind::Place, Key::Place(key), Some(name)),
            Entry::Org(_) => self.push(s, end, ActorKind::Organization, Key::Org(key), Some(name)),
        }
    }

    fn push_org(&mut self, c: &[usize]) {
        let (s, e) = (self.toks[c[0]].s(), self.toks[c[c.len() - 1]].e());
        let name = self.span_text(s, e);
        let key = self.keys.norm(name);
        self.push(s, e, ActorKind::Organization, Key::Org(key), None);
    }

    fn push_place(&mut self, c: &[usize]) {
        let (s, e) = (self.toks[c[0]].s(), self.toks[c[c.len() - 1]].e());
        let name = self.span_text(s, e);
        let key = self.keys.norm(name);
        self.push(s, e, ActorKind::Place, Key::Place(key), None);
    }

    /// A place named by a compass word and a known place: "Eastern Europe".
    fn region_place(&self, c: &[usize], p: usize) -> Option<usize> {
        let mut q = p;
        while q < c.len() && q < p + 2 && self.is(c[q], cls::REGION_PREFIX) {
            q += 1;
        }
        if q == p || q >= c.len() {
            return None;
        }
        let (len, _) = self.lex_match(c, q)?;
        Some(q + len)
    }

    /// Title chain at `c[p]`: honorifics, titles and their modifiers.
    /// Returns the index after it.
    fn title_chain(&self, c: &[usize], p: usize) -> Option<usize> {
        let mut k = p;
        let mut found = false;
        let mut end = p;
        while k < c.len() && k < p + MAX_TITLE {
            if self.is(c[k], cls::HONORIFIC) {
                k += 1;
                found = true;
                end = k;
                continue;
            }
            // Longest title phrase here.
            let best = if self.is(c[k], cls::TITLE_FIRST) { self.title_at(&c[k..]) } else { 0 };
            if best > 0 {
                k += best;
                found = true;
                end = k;
                continue;
            }
            if self.is(c[k], cls::TITLE_MOD)
                || (k == p && (self.is(c[k], cls::DEMONYM | cls::GROUP_MOD)))
                || (k > p && !found && self.is(c[k], cls::ORG_SUFFIX))
            {
                k += 1;
                continue;
            }
            if matches!(self.wb(c[k]), b"of" | b"the") && found && k + 1 < c.len() {
                k += 1;
                continue;
            }
            break;
        }
        found.then_some(end)
    }

    /// The length in tokens of the longest title phrase starting at `c[0]`
    /// (0 for none), built in [`Doc::lex_bufs`]' first buffer (free
    /// outside [`Doc::lex_phrases`]) rather than in a new string per call.
    fn title_at(&self, c: &[usize]) -> usize {
        let lx = self.lx;
        let mut own = String::new();
        let mut bufs = self.lex_bufs.try_borrow_mut().ok();
        let phrase = match bufs.as_mut() {
            Some(b) => &mut b.0,
            None => &mut own,
        };
        phrase.clear();
        let mut best = 0;
        for (j, &t) in c.iter().enumerate().take(lx.title_max_words) {
            if j > 0 {
                phrase.push(' ');
            }
            phrase.push_str(self.w(t));
            // One word alone: its class says whether the list has it (the
            // title list is the class's table), without hashing it again.
            let listed = if j == 0 { self.is(t, cls::TITLE) } else { lx.title.contains(phrase.as_str()) };
            if listed {
                best = j + 1;
            }
        }
        best
    }

    /// End of the person name starting at `c[p]`.
    fn name_end(&self, c: &[usize], p: usize) -> usize {
        let mut j = p;
        while j < c.len() && j < p + MAX_NAME {
            let t = &self.toks[c[j]];
            if j > p && self.is(c[j], cls::POSTNOMINAL) {
                return j + 1;
            }
            match t.shape {
                Shape::Title | Shape::Initial => {
                    if (t.shape == Shape::Title && self.calendar_or_function(c[j]))
                        || (self.is(c[j], cls::NONACTOR) && !(j == p && self.is(c[j], cls::FIRST_NAME)))
                        || (j > p && self.is(c[j], cls::ORG_SUFFIX))
                        || self.is(c[j], cls::GROUP_PLURAL | cls::DEMONYM_PLURAL | cls::GROUP_NOUN)
                    {
                        break;
                    }
                    // Headlines: "Donald Trump Praises Breitbart" names two words at most.
                    if j >= p + 2 && self.toks[c[j]].initial && self.toks[c[p]].initial && t.shape == Shape::Title {
                        let titled = (p..j).filter(|&x| self.toks[c[x]].shape == Shape::Title).count();
                        if titled >= 2 {
                            break;
                        }
                    }
                    j += 1;
                    if t.has_poss() {
                        break;
                    }
                }
                Shape::Lower if j > p && self.is(c[j], cls::PARTICLE) && j + 1 < c.len() => j += 1,
                _ => break,
            }
        }
        // A name never ends on a particle.
        while j > p && self.toks[c[j - 1]].shape == Shape::Lower {
            j -= 1;
        }
        j
    }

    fn comma_place_after(&self, i: usize) -> bool {
        let n = self.toks.len();
        if i + 2 >= n || self.w(i + 1) != "," || self.toks[i + 2].nl {
            return false;
        }
        // The tokens after the comma, as many as a name has words: on the
        // stack (every lexicon name fits), not in a vector per question.
        let (from, to) = (i + 2, n.min(i + 2 + self.lx.max_words));
        let mut small = [0; 8];
        let long: Vec<usize>;
        let c: &[usize] = match small.get_mut(..to - from) {
            Some(c) => {
                for (slot, t) in c.iter_mut().zip(from..to) {
                    *slot = t;
                }
                c
            }
            None => {
                long = (from..to).collect();
                &long
            }
        };
        matches!(self.lex_match(c, 0), Some((len, Entry::Place(_))) if !self.toks[c[len - 1]].has_poss())
    }

    fn place_context(&self, i: usize) -> bool {
        i >= 2 && self.w(i - 1) == "of" && place_of_noun(self.w(i - 2)) && self.same_line(i - 2, i)
    }

    fn classify_chunk(&mut self, c: &[usize]) {
        let lx = self.lx;
        let c = self.strip_leading(c);
        if c.is_empty() {
            return;
        }
        let first = c[0];
        let last = c[c.len() - 1];
        let (fw, lw) = (self.w(first), self.w(last));
        let whole = self.lex_match(c, 0);
        if let Some((len, e)) = whole {
            if len == c.len() {
                self.push_entry(c, e);
                return;
            }
        }
        if self.is(last, cls::NONACTOR) || (c.len() > 1 && self.is(first, cls::NONACTOR_PREFIX)) {
            return;
        }
        if c.len() == 1 && self.after_the(first) && self.is(first, cls::ANAPHOR) {
            let (s, e) = (self.toks[first].s(), self.toks[first].e());
            let key = self.keys.norm(fw);
            self.push(s, e, ActorKind::Organization, Key::Anaphor(key), None);
            return;
        }
        let head_of = c.windows(2).any(|p| self.wb(p[1]) == b"of" && self.is(p[0], cls::HEAD_OF));
        if c.len() >= 2 && (self.is(last, cls::ORG_SUFFIX) || head_of) && self.title_chain(c, 0).is_none() {
            if let Some((len, e)) = whole {
                let rest = &c[len..];
                let rest_lex = self.lex_match(rest, 0).is_some_and(|(l, _)| l == rest.len());
                if matches!(e, Entry::Place(_)) {
                    // The place inside stays a mention of its own: "[New Zealand] Herald".
                    self.push_entry(&c[..len], e);
                    if lx.is_country(e) && (rest_lex || institution(lw)) {
                        match self.lex_match(rest, 0) {
                            Some((l, e2)) if l == rest.len() => self.push_entry(rest, e2),
                            _ => self.push_org(rest),
                        }
                        return;
                    }
                }
            }
            self.push_org(c);
            return;
        }
        let placeish = self.is(last, cls::PLACE_SUFFIX) || (self.is(first, cls::PLACE_PREFIX) && whole.is_none());
        if (2..=4).contains(&c.len()) && placeish && !self.is(first, cls::FIRST_NAME) {
            self.push_place(c);
            return;
        }
        // "DES MOINES, Iowa —": a dateline in capitals.
        if c.len() > 1 && c.iter().all(|&t| self.toks[t].shape == Shape::Caps) && self.comma_place_after(last) {
            self.push_place(c);
            return;
        }
        let mut p = 0;
        while p < c.len() {
            let t = c[p];
            let w = self.w(t);
            if let Some(q) = self.region_place(c, p) {
                self.push_place(&c[p..q]);
                p = q;
                continue;
            }
            if let Some((len, e)) = self.lex_match(c, p) {
                let name_follows = p + 1 < c.len()
                    && self.toks[c[p + 1]].shape == Shape::Title
                    && self.lex_match(c, p + 1).is_none()
                    && !self.is(c[p + 1], cls::TITLE);
                if !(len == 1 && self.is(t, cls::FIRST_NAME) && name_follows) {
                    self.push_entry(&c[p..p + len], e);
                    p += len;
                    continue;
                }
            }
            if let Some(q) = self.title_chain(c, p) {
                let ne = self.name_end(c, q);
                // In a headline a title may stand before any capitalised word:
                // only a first name or a lone word is taken as its name.
                let headline = q < c.len() && self.toks[c[q]].initial;
                if headline && ne > q + 1 && !self.is(c[q], cls::FIRST_NAME) {
                    p = q;
                    continue;
                }
                if ne > q {
                    self.push_person(&c[p..ne], &c[q..ne]);
                    p = ne;
                } else {
                    p = q.max(p + 1);
                }
                continue;
            }
            if self.is_acronym(t) {
                // "Windows XP": a letter code after a plain name is a model, not an acronym.
                let after_name =
                    p > 0 && self.toks[c[p - 1]].shape == Shape::Title && self.lex_match(c, p - 1).is_none();
                if after_name {
                    p += 1;
                    continue;
                }
                if p + 1 == c.len() && self.comma_place_after(t) {
                    self.push_place(&c[p..=p]);
                } else {
                    let key = self.keys.norm(w.trim_end_matches('.').replace('.', "").as_str());
                    let (s, e) = (self.toks[t].s(), self.toks[t].e());
                    self.push(s, e, ActorKind::Organization, Key::Org(key), None);
                }
                p += 1;
                continue;
            }
            if self.toks[t].shape == Shape::Caps && c.len() == 1 {
                // A dateline ("AVDIIVKA, Ukraine") or a shouted name ("TRUMP"), resolved like any lone word.
                if self.comma_place_after(t) {
                    self.push_place(c);
                } else {
                    self.singles.push(t);
                }
                return;
            }
            if self.is(t, cls::DEMONYM | cls::REGION_PREFIX) || self.toks[t].shape != Shape::Title {
                p += 1;
                continue;
            }
            let q = self.name_end(c, p);
            if q == p {
                p += 1;
                continue;
            }
            // "Breitbart News Executive Chairman ...": a name and an organization's head word.
            if q < c.len() && self.is(c[q], cls::ORG_SUFFIX) {
                let mut r = q + 1;
                while r < c.len() && self.is(c[r], cls::ORG_SUFFIX) {
                    r += 1;
                }
                self.push_org(&c[p..r]);
                p = r;
                continue;
            }
            // "Hitwise UK", "Breitbart Texas": a name and a place with no comma is a branch.
            let plain_prefix = !self.toks[t].initial
                && !self.is(t, cls::FIRST_NAME)
                && !self.ordinary(t)
                && !self.is(t, cls::GROUP_MOD | cls::DEMONYM);
            if plain_prefix {
                let branch = (p + 1..q.max(p + 1) + 1).find(|&m| {
                    m < c.len()
                        && self
                            .lex_match(c, m)
                            .is_some_and(|(len, e)| m + len == c.len() && matches!(e, Entry::Place(_)))
                });
                if let Some(m) = branch {
                    if (p..m).all(|k| !self.is(c[k], cls::TITLE | cls::HONORIFIC)) {
                        self.push_org(&c[p..]);
                        return;
                    }
                }
            }
            self.classify_name(&c[p..q]);
            p = q;
        }
    }

    fn classify_name(&mut self, ns: &[usize]) {
        if ns.len() >= 2 {
            // "Billionaire Donald Trump" at a sentence start: the name starts at the first name.
            if !self.is(ns[0], cls::FIRST_NAME) {
                // In a headline the first name may end the run: "Ties Hillary".
                let upto = if self.toks[ns[0]].initial { ns.len() } else { ns.len() - 1 };
                if let Some(k) = (1..upto).find(|&k| self.is(ns[k], cls::FIRST_NAME)) {
                    if self.toks[ns[0]].initial {
                        self.classify_name(&ns[k..]);
                    } else {
                        // "Democrat Hillary Clinton": the descriptor is highlighted, not named.
                        self.push_person(ns, &ns[k..]);
                    }
                    return;
                }
            }
            let backed = self.is(ns[0], cls::FIRST_NAME)
                || ns.iter().skip(1).any(|&t| self.toks[t].shape == Shape::Initial)
                || ns.iter().any(|&t| self.toks[t].shape == Shape::Lower);
            let clean = ns.iter().all(|&t| {
                self.toks[t].shape == Shape::Title
                    && !self.ordinary(t)
                    && !self.is(t, cls::NONACTOR | cls::GROUP_MOD | cls::DEMONYM | cls::TITLE)
            });
            if backed {
                self.push_person(ns, ns);
                return;
            }
            if clean {
                if ns.len() <= 3 {
                    self.maybe.push((ns[0], ns[ns.len() - 1]));
                }
                return;
            }
            if let Some(k) = ns.iter().position(|&t| !self.ordinary(t)) {
                if k > 0 {
                    self.classify_name(&ns[k..]);
                }
            }
            return;
        }
        let t = ns[0];
        if !self.ordinary(t) && (self.comma_place_after(t) || self.place_context(t)) {
            self.push_place(ns);
        } else {
            self.singles.push(t);
        }
    }

    /// Whether the words around a name say it is a person: it speaks,
    /// has an age or a description in apposition, or a title before it.
    fn person_evidence(&self, a: usize, b: usize) -> bool {
        let n = self.toks.len();
        let word = |k: usize| if k < n { self.w(k) } else { "" };
        if self.person_context(b) {
            return true;
        }
        // ", 42," / ", the chairman" / ", editor at large" / ", who"
        if word(b + 1) == "," && b + 2 < n && !self.toks[b + 2].nl {
            let w2 = word(b + 2);
            if self.toks[b + 2].shape == Shape::Num && w2.len() <= 3 {
                return true;
            }
            if matches!(w2, "who" | "whose") || self.is(b + 2, cls::TITLE) {
                return true;
            }
            if matches!(w2, "the" | "a" | "an" | "former") && b + 3 < n && self.is(b + 3, cls::TITLE) {
                return true;
            }
        }
        // "Malaysia's Prime Minister, Najib Razak"
        if a >= 2 && word(a - 1) == "," && !self.toks[a - 1].nl && self.is(a - 2, cls::TITLE) {
            return true;
        }
        // "spokesman Brian Fallon"
        a >= 1 && !self.toks[a].nl && self.is(a - 1, cls::TITLE | cls::HONORIFIC)
    }

    /// The family-name token of `name` (its last real name word: title
    /// case, no postnominal or particle) and, if another real word comes
    /// before it, the first-name token: the first of those on the
    /// first-name list, else the first of them. `None` without a real word.
    ///
    /// Found in place: [`Doc::push_person`] runs for every person mention,
    /// and a list of the real words was an allocation each.
    fn name_words(&self, name: &[usize]) -> Option<(usize, Option<usize>)> {
        let real = |t: usize| self.toks[t].shape == Shape::Title && !self.is(t, cls::POSTNOMINAL | cls::PARTICLE);
        let li = name.iter().rposition(|&t| real(t))?;
        let before = name.get(..li).unwrap_or_default();
        let first = before
            .iter()
            .copied()
            .find(|&t| real(t))
            .map(|r0| before.iter().copied().find(|&t| real(t) && self.is(t, cls::FIRST_NAME)).unwrap_or(r0));
        Some((name[li], first))
    }

    fn push_person(&mut self, span: &[usize], name: &[usize]) {
        let mut s = self.toks[span[0]].s();
        let mut e = self.toks[span[span.len() - 1]].e();
        // Titles before the run: "Soviet leader Mikhail S. Gorbachev", "Major general Fuad Basya".
        let mut j = span[0];
        let mut titled = false;
        while span[0] == name[0] && j > 0 && span[0] - j < 4 && !self.toks[j].nl {
            let pj = j - 1;
            let pt = &self.toks[pj];
            if !pt.is_word() || pt.has_poss() || pt.compound() {
                break;
            }
            let lower_word = pt.shape == Shape::Lower;
            if self.is(pj, cls::TITLE) {
                titled = true;
            } else if !((lower_word && self.is(pj, cls::TITLE_MOD)) || (titled && self.is(pj, cls::DEMONYM))) {
                break;
            }
            j = pj;
            if titled {
                s = self.toks[j].s();
            }
        }
        // ", QC", ", Jr."
        let after = span[span.len() - 1] + 1;
        if after + 1 < self.toks.len() && self.w(after) == "," && self.is(after + 1, cls::POSTNOMINAL) {
            e = self.toks[after + 1].e();
        }
        let Some((lt, f)) = self.name_words(name) else { return };
        let last = self.word_key(lt);
        let first = f.map(|f| self.word_key(f));
        let (ns, ne) = (self.toks[name[0]].s(), self.toks[name[name.len() - 1]].e());
        self.raws.push(Raw { s, e, ns, ne, kind: ActorKind::Person, key: Key::Person { first, last }, canon: None });
    }

    /// Phase two: lone capitalised words, given every name found.
    // Kept out of line: each phase is one entry in a profile.
    #[inline(never)]
    pub fn resolve_singles(&mut self) {
        // Keys by id: every key here is some mention's, interned.
        // (Key ids are dense: sets of them are flags by id, not hash sets.)
        let mut surnames = IdSet::with_ids(self.keys.count());
        let mut firsts = IdSet::with_ids(self.keys.count());
        let mut org_alias: Map<KeyId, KeyId> = Map::default();
        for r in &self.raws {
            match r.key {
                Key::Person { first, last } => {
                    surnames.insert(last);
                    if let Some(f) = first.filter(|&f| {
                        let w = &self.text[r.ns..r.ne];
                        let f = self.keys.get(f);
                        // The cheap string test first: few words are the first name's.
                        w.split_whitespace().any(|x| folds_to(x, f) && self.words.is(x, cls::FIRST_NAME))
                    }) {
                        firsts.insert(f);
                    }
                }
                // One ASCII word ("NATO", most organizations' mentions)
                // has neither rule's shape: not split into words.
                Key::Org(_) if self.text.as_bytes().get(r.ns..r.ne).is_some_and(one_ascii_word) => {}
                Key::Org(k) => {
                    let (count, [w0, w1], last) = outline(&self.text[r.ns..r.ne]);
                    if count >= 3 && w1 == "of" && self.words.is(w0, cls::HEAD_OF) {
                        org_alias.insert(self.keys.norm(last), k);
                    } else if count == 2
                        && matches!(
                            w1,
                            "Inc"
                                | "Inc."
                                | "Corp"
                                | "Corp."
                                | "Co."
                                | "Ltd"
                                | "Ltd."
                                | "Group"
                                | "Company"
                                | "Corporation"
                        )
                    {
                        org_alias.insert(self.keys.norm(w0), k);
                    }
                }
                _ => {}
            }
        }
        let mut singles = std::mem::take(&mut self.singles);
        let weak = std::mem::take(&mut self.weak);
        // Unmarked two- or three-word names are people when the text says
        // so somewhere: the family name alone, a speech verb, an apposition.
        // Family names used alone as a person would be: "Basya also believes".
        // Each word's votes are kept for the loop below, which asks again.
        let asked = singles.len();
        let votes: Vec<(bool, i32, i32)> = singles.iter().chain(&weak).map(|&t| self.votes(t)).collect();
        let mut alone = IdSet::with_ids(self.keys.count());
        for (&t, &(actor, person, org)) in singles.iter().chain(&weak).zip(&votes) {
            if actor && person >= org {
                let k = self.word_key(t);
                alone.insert(k);
            }
        }
        let maybe = std::mem::take(&mut self.maybe);
        let mut confirmed = Vec::new();
        let mut lone_tails = Vec::new();
        for &(a, b) in &maybe {
            // Interning the key is harmless: only a mention's key is in the sets.
            let last = self.word_key(b);
            let surname = surnames.contains(last);
            if self.toks[a].initial && b == a + 1 && surname {
                // "Whereas Clinton": a sentence-opening word before a known family name.
                lone_tails.push(b);
            } else if surname || alone.contains(last) || self.person_evidence(a, b) {
                confirmed.push((a, b));
            }
        }
        singles.extend(lone_tails);
        // Where the weak words start in the loop's order (after the lone tails).
        let weak_from = singles.len();
        for (a, b) in confirmed {
            let ts: Vec<usize> = (a..=b).collect();
            self.push_person(&ts, &ts);
            if let Some(Raw { key: Key::Person { last, .. }, .. }) = self.raws.last() {
                surnames.insert(*last);
            }
        }
        // First names standing alone ("Gloria") are people when they are
        // also written mid-sentence and never in lower case.
        for &t in &singles {
            if self.is(t, cls::FIRST_NAME)
                && !self.is(t, cls::GROUP_MOD | cls::DEMONYM)
                && !self.seen_lower(t)
                && (!self.toks[t].initial || self.is(t, cls::MID_CAP))
            {
                let lw = self.word_key(t);
                if !org_alias.contains_key(&lw) {
                    surnames.insert(lw);
                }
            }
        }
        let mut unknown: Map<KeyId, Votes> = Map::default();
        let person = |s: usize, e: usize, lw: KeyId| Raw {
            s,
            e,
            ns: s,
            ne: e,
            kind: ActorKind::Person,
            key: Key::Person { first: None, last: lw },
            canon: None,
        };
        let words = singles.into_iter().map(|t| (t, true)).chain(weak.into_iter().map(|t| (t, false)));
        for (i, (t, strong)) in words.enumerate() {
            let w = self.w(t);
            let lw = self.word_key(t);
            let (s, e) = (self.toks[t].s(), self.toks[t].e());
            if surnames.contains(lw) || firsts.contains(lw) {
                self.raws.push(person(s, e, lw));
            } else if let Some(&k) = org_alias.get(&lw) {
                self.push(s, e, ActorKind::Organization, Key::Org(k), None);
            } else if strong && w.ends_with('s') && self.after_the(t) && {
                let l = self.keys.get(lw);
                self.keys.find(&l[..l.len() - 1]).is_some_and(|k| surnames.contains(k))
            } {
                // "the Sams": a family.
                self.push(s, e, ActorKind::Group, Key::Group(lw), None);
            } else if strong && self.in_place_context(t) {
                self.push(s, e, ActorKind::Place, Key::Place(lw), None);
            } else if self.eligible(t) {
                // Asked above, but for the lone tails.
                let at = if i < asked { Some(i) } else { i.checked_sub(weak_from).map(|j| asked + j) };
                let (actor, person, org) = at.and_then(|j| votes.get(j)).copied().unwrap_or_else(|| self.votes(t));
                let v = unknown.entry(lw).or_default();
                v.0.push(t);
                v.1 |= actor;
                v.2 += person;
                v.3 += org;
            }
        }
        // Lone unknown names, word by word over the whole text: an actor if
        // some use of it speaks or owns something; an organization if the
        // pronouns and owned nouns around it say "it", else a person.
        let mut unknown: Vec<(KeyId, Votes)> = unknown.into_iter().collect();
        unknown.sort_by_key(|(_, v)| v.0.first().copied());
        for (lw, (ts, actor, person_votes, org_votes)) in unknown {
            if !actor {
                continue;
            }
            for t in ts {
                let (s, e) = (self.toks[t].s(), self.toks[t].e());
                if org_votes > person_votes {
                    self.push(s, e, ActorKind::Organization, Key::Org(lw), None);
                } else {
                    self.raws.push(person(s, e, lw));
                }
            }
        }
    }

    /// A lone capitalised word that may name an actor: not a known kind of
    /// ordinary word, adjective, group or head word.
    fn eligible(&self, t: usize) -> bool {
        let w = self.w(t);
        let shape_ok = self.toks[t].shape == Shape::Title
            || (self.toks[t].shape == Shape::Caps && with_titlecase(w, |tc| self.words.mid_cap(tc)));
        // A word left over from a longer capitalised name ("Internet Explorer") is not a name alone.
        let n = self.toks.len();
        let name_word = |k: usize| {
            self.toks[k].namey() && !self.calendar_or_function(k) && !(self.toks[k].initial && self.common(k))
        };
        let inside =
            (t > 0 && !self.toks[t].nl && name_word(t - 1)) || (t + 1 < n && !self.toks[t + 1].nl && name_word(t + 1));
        if inside {
            return false;
        }
        shape_ok
            && !(self.is(
                t,
                cls::GROUP_MOD
                    | cls::DEMONYM
                    | cls::DEMONYM_PLURAL
                    | cls::GROUP_PLURAL
                    | cls::ORG_SUFFIX
                    | cls::TITLE
                    | cls::NONACTOR
                    | cls::GROUP_NOUN,
            ) || self.calendar_or_function(t)
                || self.ordinary(t))
    }

    /// What one use of a lone name says: (acts as an actor, person votes, organization votes).
    fn votes(&self, t: usize) -> (bool, i32, i32) {
        let n = self.toks.len();
        let word = |k: usize| if k < n && !self.toks[k].nl { self.w(k) } else { "" };
        let mut person = 0;
        let mut org = 0;
        let mut actor = self.person_context(t);
        if self.toks[t].has_poss() {
            actor = true;
            let next = word(t + 1);
            if PERSONAL.contains(&next) {
                person += 2;
            } else if OWNED_BY_ORG.contains(&next) {
                org += 2;
            }
        }
        if word(t + 1) == "," {
            match word(t + 2) {
                "who" => person += 2,
                "which" => org += 2,
                _ => {}
            }
        }
        // "YouTube", "HuffPost": a capital inside the word is a brand.
        let w = self.w(t);
        if w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase) {
            org += 1;
        }
        // The first pronoun after it, within two sentences of the same paragraph.
        let mut ends = 0;
        for k in t + 1..n.min(t + 40) {
            if self.toks[k].nl {
                break;
            }
            match self.wb(k) {
                b"." | b"!" | b"?" => {
                    ends += 1;
                    if ends == 2 {
                        break;
                    }
                }
                b"he" | b"He" | b"him" | b"his" | b"His" | b"she" | b"She" | b"her" | b"Her" | b"himself"
                | b"herself" => {
                    person += 2;
                    break;
                }
                b"its" | b"Its" | b"itself" => {
                    org += 2;
                    break;
                }
                b"it" | b"It" => {
                    org += 1;
                    break;
                }
                _ => {}
            }
        }
        (actor, person, org)
    }

    /// A lone unknown name that speaks or has a family: "Weaver said",
    /// "said Pate.", "Obama’s wife", "the Obama administration".
    fn person_context(&self, t: usize) -> bool {
        let lx = self.lx;
        if self.is(
            t,
            cls::GROUP_MOD | cls::DEMONYM | cls::DEMONYM_PLURAL | cls::GROUP_PLURAL | cls::ORG_SUFFIX | cls::GROUP_NOUN,
        ) || self.ordinary(t)
            || self.toks[t].shape != Shape::Title
        {
            return false;
        }
        let n = self.toks.len();
        let word = |k: usize| if k < n && !self.toks[k].nl { self.w(k) } else { "" };
        if self.toks[t].has_poss() {
            return PERSONAL.contains(&word(t + 1));
        }
        let mut k = t + 1;
        while matches!(word(k), "also" | "has" | "had" | "then" | "later" | "later," | "previously" | "once") {
            k += 1;
        }
        if lx.speech.contains(word(k)) || matches!(word(t + 1), "administration" | "presidency") {
            return true;
        }
        // "..., said Pate." / "“...,” Weaver said."
        t >= 1
            && matches!(self.w(t - 1), "said" | "says" | "told" | "added" | "wrote")
            && (t + 1 >= n || self.toks[t + 1].shape == Shape::Punct)
    }

    /// "in Christchurch on May 16", "near Flint,": a lone name after a
    /// preposition of place, followed by nothing that makes it a modifier.
    fn in_place_context(&self, t: usize) -> bool {
        if t == 0 || self.is(t, cls::GROUP_MOD | cls::DEMONYM) || self.ordinary(t) {
            return false;
        }
        if self.toks[t].shape != Shape::Title || self.toks[t].nl || self.toks[t].has_poss() {
            return false;
        }
        if !matches!(self.w(t - 1), "in" | "near" | "outside" | "across" | "throughout") {
            return false;
        }
        let n = self.toks.len();
        t + 1 >= n
            || self.toks[t + 1].nl
            || self.toks[t + 1].shape == Shape::Punct
            || matches!(
                self.w(t + 1),
                "on" | "and"
                    | "or"
                    | "in"
                    | "at"
                    | "for"
                    | "last"
                    | "this"
                    | "next"
                    | "earlier"
                    | "since"
                    | "during"
                    | "when"
                    | "where"
                    | "after"
                    | "before"
                    | "until"
            )
    }

    /// [`noun_start`] of token `k` (`k > 0`).
    #[cfg(test)]
    fn noun_candidate(&self, k: usize) -> bool {
        noun_start(&self.toks[k - 1], || self.is_the(k - 1), &self.toks[k])
    }

    /// Whether token `t` (word id `id`), a [`noun_start`], may give one of
    /// [`Doc::scan_nouns`]'s mentions at all: a lower-case word spelled
    /// like "government(s)" or of the classes its rules ask for (a noun of
    /// acting, of government, a head word "the" refers back with); a
    /// capitalised one of four or five letters (the compass points).
    ///
    /// Why: most candidates after a name or "the" are none of these, and
    /// the rules asked the same classes one by one after more loads.
    #[inline]
    fn noun_may_name(&self, t: &Tok, id: u32) -> bool {
        const NOUNS: u32 = cls::ACT_NOUN | cls::GOV_NOUN | cls::ANAPHOR_AS_WRITTEN;
        match t.shape {
            Shape::Lower => matches!(t.e() - t.s(), 10 | 11) || self.words.id_bits(id, NOUNS) != 0,
            Shape::Title => matches!(t.e() - t.s(), 4 | 5),
            _ => false,
        }
    }

    /// The first token from `from` (at least 1) on the line of the one
    /// before it that may start a mention ([`noun_start`],
    /// [`Doc::noun_may_name`]) after a capitalised word or "the", or that
    /// is "government(s)": [`Doc::scan_nouns`]'s next word to look at.
    /// (Every rule of the scan takes a word after a name or "the" but "the
    /// government of Japan": a lower-case word of ten or eleven letters
    /// elsewhere, which [`noun_start`] lets through, gives nothing.)
    ///
    /// Why a search of its own: most tokens are skipped, and walking the
    /// tokens and their word ids side by side tests each with a few loads,
    /// without indexing both lists (and checking bounds) per token. The
    /// place is tested first (the shape and id of the token before, the
    /// id of the token): most tokens fail it with three loads.
    fn next_noun_candidate(&self, from: usize) -> Option<usize> {
        let before = from.checked_sub(1)?;
        let toks = self.toks.get(before..)?;
        let ids = self.ids.get(before..)?;
        let (the, government) = (self.the_ids, self.government_ids);
        let found = toks.windows(2).zip(ids.windows(2)).position(|(pair, id_pair)| {
            let (prev, t) = (&pair[0], &pair[1]);
            let after_the = is_the_id(the, id_pair[0]);
            (prev.namey() || after_the || is_the_id(government, id_pair[1]))
                && !t.nl
                && noun_start(prev, || after_the, t)
                && self.noun_may_name(t, id_pair[1])
        });
        found.map(|o| from + o)
    }

    /// Capitalised titles in apposition to a person are mentions of that
    /// person: "John Kerry, the Secretary of State,", "Malaysia's Prime
    /// Minister, Najib Razak".
    // Kept out of line: each phase is one entry in a profile.
    #[inline(never)]
    pub fn scan_appositions(&mut self) {
        let n = self.toks.len();
        // The tokens each person mention ends and starts at, found in two
        // sweeps over the tokens rather than a binary search per mention
        // (each a string of cache misses over a long text's tokens).
        // (Sized for all mentions: a filtered collect grows push by push.)
        let mut persons: Vec<&Raw> = Vec::with_capacity(self.raws.len());
        persons.extend(self.raws.iter().filter(|r| r.kind == ActorKind::Person));
        let ends: Vec<usize> = persons.iter().map(|r| r.e).collect();
        let starts: Vec<usize> = persons.iter().map(|r| r.s).collect();
        let ending_at = tokens_at(&self.toks, &ends, |t| t.e());
        let starting_at = tokens_at(&self.toks, &starts, |t| t.s());
        // A capitalised title phrase over tokens a..b (exclusive), ending on a title word.
        // (The phrases are built in one buffer for all.)
        let mut phrase = String::new();
        let mut title_phrase = |a: usize, b: usize| -> bool {
            b > a
                && b - a <= 6
                && self.toks[b - 1].shape == Shape::Title
                && self.ends_in_title(a, b, &mut phrase)
                && (a..b).all(|k| {
                    let t = &self.toks[k];
                    (t.namey() || matches!(self.w(k), "of" | "the"))
                        && (k == a || !t.nl)
                        && (k + 1 == b || !t.has_poss())
                })
                && !self.is(a, cls::FIRST_NAME)
        };
        let mut add = Vec::new();
        for (k, r) in persons.iter().enumerate() {
            // After: ", the TITLE,".
            if let Some(i) = ending_at[k] {
                if i + 2 < n && self.w(i + 1) == "," {
                    let mut a = i + 2;
                    if matches!(self.w(a), "the" | "The") {
                        a += 1;
                    }
                    let mut b = a;
                    while b < n
                        && b < a + 6
                        && !self.toks[b].nl
                        && (self.toks[b].namey() || matches!(self.w(b), "of" | "the"))
                    {
                        b += 1;
                        if self.toks[b - 1].has_poss() {
                            break;
                        }
                    }
                    let closes =
                        b >= n || self.toks[b].nl || matches!(self.w(b), "," | "." | ";" | ")" | "said" | "says");
                    if closes && a < n && title_phrase(a, b) {
                        add.push(title_only(self.toks[a].s(), self.toks[b - 1].e(), r));
                    }
                }
            }
            // Before: "TITLE, NAME".
            if let Some(i) = starting_at[k] {
                if i >= 2 && self.w(i - 1) == "," && !self.toks[i - 1].nl {
                    let b = i - 1;
                    let mut a = b;
                    while a > 0 && b - a < 6 && !self.toks[a].nl {
                        let k = a - 1;
                        let t = &self.toks[k];
                        if !(t.namey() || matches!(self.w(k), "of")) || (t.has_poss() && k + 1 != b) {
                            break;
                        }
                        a = k;
                    }
                    // Start on a title or its modifier, not on a possessor or a name.
                    while a < b && !(self.is(a, cls::TITLE | cls::TITLE_MOD)) {
                        a += 1;
                    }
                    if a < b && title_phrase(a, b) {
                        add.push(title_only(self.toks[a].s(), self.toks[b - 1].e(), r));
                    }
                }
            }
        }
        self.raws.extend(add);
    }

    /// Whether the last words of tokens `a..b` (one, two, up to the
    /// longest title's words) are a title ("Secretary of State"), each
    /// phrase built in `phrase` (a buffer reused from call to call, not a
    /// list and a string per phrase).
    fn ends_in_title(&self, a: usize, b: usize, phrase: &mut String) -> bool {
        let lx = self.lx;
        (1..=lx.title_max_words.min(b.saturating_sub(a))).any(|m| {
            phrase.clear();
            for k in b - m..b {
                if k > b - m {
                    phrase.push(' ');
                }
                phrase.push_str(self.w(k));
            }
            lx.title.contains(phrase)
        })
    }

    /// [`group_ending`] of token `k`.
    #[cfg(test)]
    fn may_be_group_word(&self, k: usize) -> bool {
        group_ending(self.wb(k))
    }

    /// The first token from `from` that [`Doc::scan_groups`] looks at: a
    /// word, not a compound, whose ending may make it a group noun
    /// ([`group_ending`]) and whose classes do ([`Doc::group_may_name`]).
    ///
    /// Why a search of its own: most tokens are skipped, and a walk over
    /// the tokens tests each with a few loads, without indexing them (and
    /// checking bounds) per token.
    ///
    /// The walk reads only the tokens' word ids: a word whose ending or
    /// classes rule it out is marked so once ([`Doc::group_words`]), and
    /// most tokens are skipped with one load.
    fn next_group_word(&self, from: usize) -> Option<usize> {
        let mut k = from;
        loop {
            let ids = self.ids.get(k..)?;
            k += ids.iter().position(|&id| self.group_words.get(id as usize).is_some_and(|c| c.get() != GROUP_NONE))?;
            if self.group_word_at(k) {
                return Some(k);
            }
            k += 1;
        }
    }

    /// Whether token `k`, whose word is not [`GROUP_NONE`], is one
    /// [`Doc::next_group_word`] stops at; the first time its word is met,
    /// its classes decide whether it stays a group word at all.
    ///
    /// (No punctuation token gets here: a punctuation char ends in no
    /// ASCII letter, see [`group_ending`].)
    fn group_word_at(&self, k: usize) -> bool {
        const ANY: u32 = cls::GROUP_NOUN | cls::GROUP_PLURAL | cls::DEMONYM_PLURAL;
        let (Some(t), Some(&id)) = (self.toks.get(k), self.ids.get(k)) else { return false };
        let Some(cell) = self.group_words.get(id as usize) else { return false };
        if cell.get() == GROUP_ENDING {
            cell.set(if self.words.id_bits(id, ANY) != 0 { GROUP_CLASSED } else { GROUP_NONE });
        }
        cell.get() == GROUP_CLASSED && !t.compound() && self.group_may_name(t, id)
    }

    /// Whether token `t` (word id `id`) is of the classes a group's word
    /// is ([`Doc::scan_groups`]' test, asked in the walk): a group noun in
    /// lower or title case, a plural group or demonym in title case.
    ///
    /// Why in the walk: most words ending in "s" are none, and the scan
    /// looked at each (its place among the mentions first) before asking.
    #[inline]
    fn group_may_name(&self, t: &Tok, id: u32) -> bool {
        match t.shape {
            Shape::Lower => self.words.id_bits(id, cls::GROUP_NOUN) != 0,
            Shape::Title => self.words.id_bits(id, cls::GROUP_NOUN | cls::GROUP_PLURAL | cls::DEMONYM_PLURAL) != 0,
            _ => false,
        }
    }

    /// Groups: "NATO officials", "Russian-backed separatists", "Analysts", "Muslims".
    // Kept out of line: each phase is one entry in a profile.
    #[inline(never)]
    pub fn scan_groups(&mut self) {
        let ends = LastAt::new(
            self.raws.iter().enumerate().filter(|(_, r)| matches!(r.kind, ActorKind::Place | ActorKind::Organization)),
            |r| r.e,
        );
        // Sorted as one integer each; the raws come in a few ascending runs
        // (one per phase), which the stable sort merges rather than sorts.
        let mut spans: Vec<u64> = Vec::with_capacity(self.raws.len());
        spans.extend(self.raws.iter().filter(|r| r.kind != ActorKind::Group).map(|r| pack_span(r.s, r.e)));
        spans.sort();
        // Longest end so far, for "is this byte inside some mention".
        let mut reach = Vec::with_capacity(spans.len());
        let mut far = 0;
        for &se in &spans {
            far = far.max(span_end(se));
            reach.push(far);
        }
        // The spans starting at or before the word: tokens come in text
        // order, so this count only grows (what a binary search of `spans`
        // would give, without one per word).
        let mut started = 0;
        let n = self.toks.len();
        // Group nouns are plurals (and a few collectives): the rest is
        // skipped cheaply, before the search for a mention covering the word.
        let mut from = 0;
        while let Some(k) = self.next_group_word(from) {
            from = k + 1;
            let t = self.toks[k];
            while started < spans.len() && span_start(spans[started]) <= t.s() {
                started += 1;
            }
            if started > 0 && reach[started - 1] > t.s() {
                continue;
            }
            let noun = matches!(t.shape, Shape::Lower | Shape::Title) && self.is(k, cls::GROUP_NOUN);
            let named = t.shape == Shape::Title && (self.is(k, cls::GROUP_PLURAL | cls::DEMONYM_PLURAL));
            if !(noun || named) {
                continue;
            }
            // "police officers": the first noun modifies the second.
            if k + 1 < n && !self.toks[k + 1].nl && self.is(k + 1, cls::GROUP_NOUN) {
                continue;
            }
            let mut s = t.s();
            let mut j = k;
            while j > 0 && !self.toks[j].nl {
                let pj = j - 1;
                let pt = self.toks[pj];
                if !pt.is_word() || pt.has_poss() || pt.s() < s.saturating_sub(80) {
                    break;
                }
                if let Some(ms) = ends.get(pt.e()).map(|i| self.raws[i].s) {
                    s = ms;
                    j = (0..=pj).rev().find(|&x| self.toks[x].s() == ms).unwrap_or(pj);
                    continue;
                }
                let ok = self.is(pj, cls::DEMONYM | cls::GROUP_MOD)
                    || (pt.compound() && pt.shape == Shape::Title)
                    || self.is_acronym(pj);
                if !ok {
                    break;
                }
                s = pt.s();
                j = pj;
            }
            let e = t.e();
            // Most groups are the one word ("Analysts"): its key is known per word.
            let key = if s == t.s() { self.word_key(k) } else { self.keys.norm(self.span_text(s, e)) };
            self.push(s, e, ActorKind::Group, Key::Group(key), None);
        }
    }

    /// "the Indonesian military", "New Zealand government", "Biden administration",
    /// "the ministry", "the West".
    // Kept out of line: each phase is one entry in a profile.
    #[inline(never)]
    pub fn scan_nouns(&mut self) {
        let lx = self.lx;
        let n = self.toks.len();
        // (Most texts ask neither: they are made when first asked.)
        let by_end = LazyCell::new(|| {
            LastAt::new(
                self.raws.iter().enumerate().filter(|(_, r)| matches!(r.kind, ActorKind::Place | ActorKind::Person)),
                |r| r.e,
            )
        });
        let places_at = LazyCell::new(|| {
            LastAt::new(self.raws.iter().enumerate().filter(|(_, r)| r.kind == ActorKind::Place), |r| r.s)
        });
        let mut add: Vec<Raw> = Vec::new();
        // Most words are skipped at once: every rule below takes a
        // lower-case word after a name or "the" ("government of" after
        // anything), or a capitalised one after "the" ("the West").
        let mut from = 1;
        while let Some(k) = self.next_noun_candidate(from) {
            from = k + 1;
            let t = self.toks[k];
            let prev = self.toks[k - 1];
            // "the government of Japan", "the governments of South East Asia".
            // (The length first: most words are not sliced out to be compared.)
            if k + 2 < n
                && matches!(t.e() - t.s(), 10 | 11)
                && matches!(self.wb(k), b"government" | b"governments")
                && self.wb(k + 1) == b"of"
            {
                if let Some(pe) = places_at.get(self.toks[k + 2].s()).map(|i| self.raws[i].e) {
                    let name = self.span_text(t.s(), pe);
                    let key = self.keys.norm(name);
                    add.push(Raw {
                        s: t.s(),
                        e: pe,
                        ns: t.s(),
                        ne: pe,
                        kind: ActorKind::Organization,
                        key: Key::Org(key),
                        canon: None,
                    });
                    continue;
                }
            }
            // "the Russian proposal": the demonym is the country acting.
            if t.shape == Shape::Lower && prev.shape == Shape::Title && !prev.compound() && self.is(k, cls::ACT_NOUN) {
                if let Some(&id) = lx.demonym.get(self.w(k - 1)) {
                    let name = lx.entry_name(Entry::Place(id));
                    add.push(Raw {
                        s: prev.s(),
                        e: prev.e(),
                        ns: prev.s(),
                        ne: prev.e(),
                        kind: ActorKind::Place,
                        key: Key::Place(self.keys.norm(name)),
                        canon: Some(name),
                    });
                    continue;
                }
            }
            // Only after a name, a demonym or "the".
            let after_the = self.is_the(k - 1);
            if !(prev.namey() || after_the) {
                continue;
            }
            let nouns = self.words.id_bits(self.ids[k], cls::GOV_NOUN | cls::ANAPHOR_AS_WRITTEN);
            let anaphor_noun = nouns & cls::ANAPHOR_AS_WRITTEN != 0;
            if t.shape == Shape::Lower && nouns & cls::GOV_NOUN != 0 {
                let next_group = k + 1 < n && !self.toks[k + 1].nl && self.is(k + 1, cls::GROUP_NOUN);
                if next_group || prev.has_poss() {
                    continue;
                }
                if prev.shape == Shape::Title && self.is(k - 1, cls::DEMONYM) {
                    let name = self.span_text(prev.s(), t.e());
                    let key = self.keys.norm(name);
                    add.push(Raw {
                        s: prev.s(),
                        e: t.e(),
                        ns: prev.s(),
                        ne: t.e(),
                        kind: ActorKind::Organization,
                        key: Key::Org(key),
                        canon: None,
                    });
                } else if let Some(ri) = by_end.get(prev.e()) {
                    let ns = self.raws[ri].ns;
                    let name = self.span_text(ns, t.e());
                    let key = self.keys.norm(name);
                    add.push(Raw {
                        s: ns,
                        e: t.e(),
                        ns,
                        ne: t.e(),
                        kind: ActorKind::Organization,
                        key: Key::Org(key),
                        canon: None,
                    });
                } else if after_the && anaphor_noun {
                    add.push(anaphor(t.s(), t.e(), self.keys.id(self.w(k))));
                }
            } else if t.shape == Shape::Lower && anaphor_noun && after_the {
                add.push(anaphor(t.s(), t.e(), self.keys.id(self.w(k))));
            } else if let Some(key) = the_compass(self.wb(k)).filter(|_| {
                t.shape == Shape::Title
                    && after_the
                    && !t.compound()
                    && (k + 1 >= n || !self.toks[k + 1].namey() || self.toks[k + 1].nl)
            }) {
                add.push(Raw {
                    s: t.s(),
                    e: t.e(),
                    ns: t.s(),
                    ne: t.e(),
                    kind: ActorKind::Place,
                    key: Key::Place(self.keys.id(key)),
                    canon: None,
                });
            }
        }
        self.raws.extend(add);
    }
}

/// The key of "the West" and the other compass points as a place, for the
/// word as written: a constant, not a string made per mention.
fn the_compass(w: &[u8]) -> Option<&'static str> {
    match w {
        b"West" => Some("the west"),
        b"East" => Some("the east"),
        b"North" => Some("the north"),
        b"South" => Some("the south"),
        _ => None,
    }
}

/// Whether token `t` may start one of [`Doc::scan_nouns`]'s mentions: a
/// lower-case word after a name or "the", or spelled like "government(s)";
/// a capitalised one after "the". `prev` is the token before it, `after_the`
/// whether that is "the" or "The".
///
/// `after_the` is asked last, only when the answer depends on it: this
/// runs for every token, and most are answered by their shapes.
#[inline]
fn noun_start(prev: &Tok, after_the: impl FnOnce() -> bool, t: &Tok) -> bool {
    match t.shape {
        Shape::Lower => prev.namey() || matches!(t.e() - t.s(), 10 | 11) || after_the(),
        Shape::Title => after_the(),
        _ => false,
    }
}

/// Whether word id `id` is one of `the` (the ids of "the" and "The"): two
/// comparisons, where a slice's `contains` was a loop.
#[inline]
fn is_the_id(the: [u32; 2], id: u32) -> bool {
    id == the[0] || id == the[1]
}

/// Whether the word `w` ends in "s" or "men" or is "police" or "clergy"
/// (capitalised or not): the words [`Doc::scan_groups`] looks at. Its
/// last byte decides for most words.
#[inline]
fn group_ending(w: &[u8]) -> bool {
    match w.last() {
        Some(b's') => true,
        Some(b'n') => w.ends_with(b"men"),
        Some(b'e') => matches!(w, b"police" | b"Police"),
        Some(b'y') => matches!(w, b"clergy" | b"Clergy"),
        _ => false,
    }
}

/// [`Doc::group_words`] as it starts: per word id of `vocab`,
/// [`GROUP_ENDING`] if the word ends as a group word does
/// ([`group_ending`]), else [`GROUP_NONE`].
///
/// Why per word and not per token in [`Doc::next_group_word`]'s walk: a
/// text repeats its words, and the walk then skips each token with one
/// load by its id (100 KB: 36.17 -> 35.73 M instructions; on the 9 KB seed,
/// where about one token in three is a new word, it is even).
fn group_endings(vocab: &Vocab) -> Vec<Cell<u8>> {
    // (Word ids are `u32`: a vocabulary has at most `u32::MAX` words.)
    (0..vocab.len())
        .map(|id| Cell::new(if group_ending(vocab.word(id as u32).as_bytes()) { GROUP_ENDING } else { GROUP_NONE }))
        .collect()
}

/// [`Doc::group_words`]' states of a word: not a group word.
const GROUP_NONE: u8 = 0;
/// Ends as a group word does ([`group_ending`]); its classes not asked yet.
const GROUP_ENDING: u8 = 1;
/// Ends so, and has a group word's class.
const GROUP_CLASSED: u8 = 2;

/// A title naming no one ("the Secretary of State"): the mention covers
/// `s..e`, its name span is empty.
/// For each byte offset of `at`, the token whose start or end (`key`) it
/// is, if any: what a binary search of the tokens (in text order, so with
/// keys in order) gives, found for all offsets in one sweep.
fn tokens_at(toks: &[Tok], at: &[usize], key: impl Fn(&Tok) -> usize) -> Vec<Option<usize>> {
    // Each offset with its index, packed as one integer ([`pack_span`]'s
    // layout) that sorts by offset: the offsets come mostly in text order,
    // whose runs the stable sort merges.
    let mut order: Vec<u64> = at.iter().enumerate().map(|(k, &a)| pack_span(a, k)).collect();
    order.sort();
    let mut out = vec![None; at.len()];
    let mut i = 0;
    for k in order.into_iter().map(span_end) {
        i += sorted_prefix_len(toks.get(i..).unwrap_or_default(), |t| key(t) < at[k]);
        if i < toks.len() && key(&toks[i]) == at[k] {
            out[k] = Some(i);
        }
    }
    out
}

/// How many items `s` starts with that pass `before` (which holds for a
/// prefix of `s` and for nothing after it).
///
/// By doubling steps from the front, then a binary search of the last
/// step: the mentions [`tokens_at`] looks for lie some tens of tokens
/// apart, which this crosses in a few probes near each other, where a walk
/// would test every token and a binary search of the whole text would jump
/// across it.
fn sorted_prefix_len<T>(s: &[T], before: impl Fn(&T) -> bool) -> usize {
    let mut hi = 1;
    while hi <= s.len() && before(&s[hi - 1]) {
        hi *= 2;
    }
    // Every item before `lo` passed (the last step's probe did).
    let lo = hi / 2;
    lo + s.get(lo..hi.min(s.len())).unwrap_or_default().partition_point(before)
}

/// Whether `lower(w) == key`, for a word `w` (no whitespace) and a lookup
/// form `key` (no ASCII capitals), without building the lower-case copy
/// for ASCII words.
fn folds_to(w: &str, key: &str) -> bool {
    if w.is_ascii() {
        w.len() == key.len() && w.bytes().zip(key.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        lower(w) == key
    }
}

/// Whether `b` is one word of printable ASCII (no white space, no
/// other char): then [`outline`] counts one word, itself.
fn one_ascii_word(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_graphic)
}

/// The number of whitespace-separated words of `s`, its first two (empty
/// when missing) and its last: what a collected `split_whitespace` is asked,
/// without collecting it.
fn outline(s: &str) -> (usize, [&str; 2], &str) {
    let mut count = 0;
    let mut first = ["", ""];
    let mut last = "";
    for w in s.split_whitespace() {
        if let Some(slot) = first.get_mut(count) {
            *slot = w;
        }
        count += 1;
        last = w;
    }
    (count, first, last)
}

/// Mentions found by one offset of theirs (start or end): for each offset
/// the last mention given with it, as a map's insert would keep.
///
/// Why not a map: building one is a hash and an insert per mention (some
/// 30k per MB of text), for a few thousand questions. Here each mention is
/// one integer, (offset, index) packed as [`pack_span`] does; the mentions
/// come in a few ascending runs, which the stable sort merges; a question
/// is a binary search.
struct LastAt(Vec<u64>);

impl LastAt {
    /// The mentions `raws` (each with its index in the document's list),
    /// by the offset `at` gives.
    fn new<'r>(raws: impl Iterator<Item = (usize, &'r Raw)>, at: impl Fn(&Raw) -> usize) -> Self {
        // Sized for as many as `raws` may give (a filter's collect would
        // grow push by push).
        let mut v: Vec<u64> = Vec::with_capacity(raws.size_hint().1.unwrap_or(0));
        v.extend(raws.map(|(i, r)| pack_span(at(r), i)));
        v.sort();
        LastAt(v)
    }

    /// The index of the last mention given with offset `at`, if any.
    fn get(&self, at: usize) -> Option<usize> {
        let n = self.0.partition_point(|&x| span_start(x) <= at);
        let &last = self.0.get(n.checked_sub(1)?)?;
        (span_start(last) == at).then_some(span_end(last))
    }
}

/// A set of key ids, as a flag per id: key ids are dense (interned in
/// order), so a set of them is a vector indexed by id.
///
/// Why: [`Doc::resolve_singles`] fills its sets with most mentions' keys;
/// a hash set hashed each and grew table by table, where a flag is one
/// store (seed: about 10 K instructions in two calls).
struct IdSet(Vec<bool>);

impl IdSet {
    /// An empty set sized for ids `0..n` (a larger id grows it).
    fn with_ids(n: usize) -> Self {
        IdSet(vec![false; n])
    }

    fn insert(&mut self, id: KeyId) {
        let i = id as usize;
        if i >= self.0.len() {
            self.0.resize(i + 1, false);
        }
        self.0[i] = true;
    }

    fn contains(&self, id: KeyId) -> bool {
        self.0.get(id as usize).copied().unwrap_or(false)
    }
}

/// A span as one integer that sorts like `(s, e)`: byte offsets fit 32
/// bits (the tokenizer reads at most `tokens::MAX_TEXT` bytes).
fn pack_span(s: usize, e: usize) -> u64 {
    (s as u64) << 32 | (e as u64 & 0xffff_ffff)
}

/// The start of a [`pack_span`] span.
fn span_start(se: u64) -> usize {
    (se >> 32) as usize
}

/// The end of a [`pack_span`] span.
fn span_end(se: u64) -> usize {
    (se & 0xffff_ffff) as usize
}

fn title_only(s: usize, e: usize, like: &Raw) -> Raw {
    Raw { s, e, ns: s, ne: s, ..like.clone() }
}

/// "the ministry", "the agency": an organization named by its head noun,
/// linked to the organization it refers back to.
fn anaphor(s: usize, e: usize, word: KeyId) -> Raw {
    Raw { s, e, ns: s, ne: e, kind: ActorKind::Organization, key: Key::Anaphor(word), canon: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document of `text`, before any phase.
    fn doc(text: &str) -> Doc<'_> {
        let lx = super::super::lexicon::lexicon();
        Doc::new(text, super::super::tokens::tokenize(text, lx), lx)
    }

    /// The index of the token `w` in `d`.
    fn at(d: &Doc, w: &str) -> usize {
        (0..d.toks.len()).find(|&k| d.w(k) == w).unwrap_or_else(|| panic!("no token {w:?}"))
    }

    #[test]
    fn possessives_fold_apart_as_with_their_word() {
        let d = doc("The People’s Republic and NATO's allies met Thomas' aides and Reuters.");
        for (w, poss) in [("People", Some("’s")), ("NATO", Some("'s")), ("Thomas", Some("'")), ("Reuters", None)] {
            let k = at(&d, w);
            assert_eq!(d.possessive(k), poss, "{w}");
            // What `lex_phrases` relies on: the word's lookup form and then
            // its possessive's are the whole word's.
            let whole = format!("{w}{}", poss.unwrap_or(""));
            let mut apart = String::new();
            norm_key_into(&mut apart, w);
            norm_key_into(&mut apart, poss.unwrap_or(""));
            assert_eq!(apart, norm_key(&whole), "{w}");
        }
    }

    #[test]
    fn entry_keys_are_cached_by_entry_and_kind() {
        let mut keys = Keys::default();
        let a = keys.cached(700, ENTRY_PLACE, "New York");
        assert_eq!(keys.get(a), "new york");
        // Asked again, the name is not looked at.
        assert_eq!(keys.cached(700, ENTRY_PLACE, "ignored"), a);
        // The same index as an organization is another entry.
        let b = keys.cached(700, ENTRY_ORG, "United Nations");
        assert_ne!(a, b);
        assert_eq!(keys.get(b), "united nations");
        assert_eq!(keys.cached(3, ENTRY_ORG, "New York"), a);
    }

    #[test]
    fn a_lone_lexicon_name_is_pushed_as_its_chunk_would_be() {
        let text = "Russia and NATO met. Russia’s envoy, Russian troops, US$ 5, the US, the Hague, \
                    The Hague, KYIV, Kiev, Washington Post, Obama, But Moscow said Paris, AP.";
        let probe = doc(text);
        let mut lone = 0;
        for t in (0..probe.toks.len()).filter(|&t| probe.toks[t].namey()) {
            let (mut fast, mut walked) = (doc(text), doc(text));
            let Some(e) = fast.lexicon_run(&[t]) else { continue };
            lone += 1;
            fast.push_entry(&[t], e);
            walked.classify_chunk(&[t]);
            let spans = |d: &Doc| d.raws.iter().map(|r| (r.s, r.e, r.kind, r.key, r.canon)).collect::<Vec<_>>();
            assert_eq!(spans(&fast), spans(&walked), "{}", probe.w(t));
            assert!(walked.singles.is_empty() && walked.weak.is_empty() && walked.maybe.is_empty());
        }
        assert!(lone >= 6, "{lone}");
    }

    #[test]
    fn a_run_that_is_one_lexicon_name_is_pushed_as_its_walk_would() {
        let text = "The United States and NATO met in Bosnia and Herzegovina. The Foreign Ministry, the \
                    Russian Federation, North Atlantic Treaty Organization, Bank of England, East Germany and \
                    Eastern Europe, the State Department’s aide, New York Times, New Zealand Herald.";
        let probe = doc(text);
        let mut found = 0;
        // Every stretch from a capitalised word to one, as runs are.
        for a in (0..probe.toks.len()).filter(|&t| probe.toks[t].namey()) {
            for b in (a + 1..probe.toks.len().min(a + 8)).filter(|&b| probe.toks[b - 1].namey()) {
                let r: Vec<usize> = (a..b).collect();
                let (mut fast, mut walked) = (doc(text), doc(text));
                let Some(e) = fast.lexicon_run(&r) else { continue };
                found += 1;
                fast.push_entry(&r, e);
                walked.split_run(&r, &mut Vec::new());
                let spans = |d: &Doc| d.raws.iter().map(|r| (r.s, r.e, r.kind, r.key, r.canon)).collect::<Vec<_>>();
                assert_eq!(
                    spans(&fast),
                    spans(&walked),
                    "{:?}",
                    probe.span_text(probe.toks[a].s(), probe.toks[b - 1].e())
                );
            }
        }
        assert!(found >= 8, "{found}");
    }

    #[test]
    fn a_lone_demonym_names_nothing_as_its_chunk_would() {
        let text = "Russian troops and Ukrainian forces met. The Russian said so, Western allies agreed, \
                    European officials and Soviet leader Gorbachev, Russian President Putin, a Russian.";
        let probe = doc(text);
        let mut lone = 0;
        for t in (0..probe.toks.len()).filter(|&t| probe.toks[t].namey()) {
            let (fast, mut walked) = (doc(text), doc(text));
            if fast.lexicon_run(&[t]).is_some() || !fast.demonym_alone(t) {
                continue;
            }
            lone += 1;
            walked.classify_chunk(&[t]);
            assert!(walked.raws.is_empty(), "{}", probe.w(t));
            assert!(walked.singles.is_empty() && walked.weak.is_empty() && walked.maybe.is_empty());
        }
        assert!(lone >= 6, "{lone}");
        // Names, titles and other words are not.
        for w in ["Gorbachev", "President", "Putin", "The"] {
            assert!(!probe.demonym_alone(at(&probe, w)), "{w}");
        }
    }

    #[test]
    fn one_ascii_word_is_what_outline_counts_as_one_word_itself() {
        for w in ["NATO", "U.S.", "AT&T", "", " ", "New York", "a\tb", "Zürich", "x\u{a0}y", "x\u{2009}y", "é"] {
            let (count, [first, _], _) = outline(w);
            if one_ascii_word(w.as_bytes()) {
                assert_eq!((count, first), (1, w), "{w:?}");
            }
        }
        assert!(one_ascii_word(b"NATO") && !one_ascii_word(b"New York") && !one_ascii_word("Zürich".as_bytes()));
    }

    #[test]
    fn plain_alone_words_are_ordinary_and_name_nothing() {
        let d = doc("Talks began. But President Obama said in Washington. However the talks went on. The end.");
        for w in ["But", "However", "The"] {
            assert!(d.lexicon_run(&[at(&d, w)]).is_none() && d.plain_alone(at(&d, w)), "{w}");
        }
        // A title, a first name, a place, a lower-case word.
        for w in ["President", "Obama", "Washington", "talks"] {
            assert!(!d.plain_alone(at(&d, w)), "{w}");
        }
    }

    #[test]
    fn titlecase_on_the_stack_as_in_a_string() {
        let long = "A".repeat(TITLE_BUF + 1);
        for w in ["TRUMP", "nato", "x", "", "ÉLYSÉE", "MCDONALD'S", long.as_str()] {
            assert_eq!(with_titlecase(w, str::to_string), titlecase(w), "{w}");
        }
        assert_eq!(with_titlecase("TRUMP", str::to_string), "Trump");
    }

    #[test]
    fn words_as_bytes_and_noun_candidates() {
        let d = doc("The Ministry said that the government of Japan agreed quickly.");
        assert_eq!(d.wb(0), b"The");
        assert_eq!(d.wb(at(&d, "Japan")), b"Japan");
        assert!(d.is_the(0) && d.is_the(at(&d, "the")) && !d.is_the(at(&d, "that")));
        // Not "THE", and not a text without the word.
        assert!(!doc("THE Ministry").is_the(0) && !doc("A Ministry").is_the(0));
        // After "the" or a name, or spelled "government": candidates.
        for w in ["Ministry", "said", "government", "agreed"] {
            assert!(d.noun_candidate(at(&d, w)), "{w}");
        }
        // A lower-case word after an ordinary one, a name after "of", punctuation.
        for w in ["that", "quickly", "Japan", "."] {
            assert!(!d.noun_candidate(at(&d, w)), "{w}");
        }
    }

    #[test]
    fn first_known_is_what_first_word_learnt() {
        let d = doc("He flew to New Zealand and to Oslo.");
        let new = at(&d, "New");
        assert_eq!(d.first_known(new), None, "not asked yet");
        // "New" may start a longer name: first_word leaves it to the phrases.
        assert_eq!(d.first_word(new), None);
        assert_eq!(d.first_known(new), Some(d.lx.lookup("New", "new")));
        assert!(matches!(d.lex_match(&[new, new + 1], 0), Some((2, Entry::Place(_)))));
        // A word no longer name starts with: answered by first_word alone.
        let oslo = at(&d, "Oslo");
        assert!(matches!(d.first_word(oslo), Some(Some(Entry::Place(_)))));
        assert_eq!(d.first_known(oslo), None);
    }

    #[test]
    fn title_at_is_the_longest_title_phrase() {
        let d = doc("Prime Minister Sergei Ryabkov and Secretary of State John Kerry met.");
        let from = |w: &str| -> Vec<usize> { (at(&d, w)..d.toks.len()).collect() };
        assert_eq!(d.title_at(&from("Prime")), 2, "Prime Minister");
        assert_eq!(d.title_at(&from("Minister")), 1);
        assert_eq!(d.title_at(&from("Secretary")), 3, "Secretary of State");
        assert_eq!(d.title_at(&from("Sergei")), 0);
        // Only within the tokens given.
        let sec = at(&d, "Secretary");
        assert_eq!(d.title_at(&[sec]), 1);
        // The same answer while the buffers are borrowed elsewhere.
        let _held = d.lex_bufs.borrow_mut();
        assert_eq!(d.title_at(&from("Secretary")), 3);
    }

    #[test]
    fn acronym_words_are_asked_once_per_word() {
        let d = doc("NATO said so. Officials of NATO met the IMF, and CNN said IE6 was OK.");
        let nato = at(&d, "NATO");
        assert!(d.acronym_word(nato) && d.is_acronym(nato));
        assert!(d.acronym_word(at(&d, "IMF")));
        // Cached per word: asked again, the answer comes from the cache,
        // not from the test (which would now say no); a word never asked
        // runs its test.
        assert!(d.derived(nato, ACRONYM, |_| false));
        assert!(!d.derived(at(&d, "CNN"), ACRONYM, |_| false));
        // The letters of a versioned name are not an acronym.
        assert!(!d.acronym_word(at(&d, "IE6")));
    }

    #[test]
    fn entry_memo_answers_only_the_entry_it_holds() {
        let mut m = EntryMemo::default();
        assert_eq!((m.get(0), m.get(u32::MAX)), (None, None));
        m.set(6, 2);
        assert_eq!((m.get(6), m.get(7)), (Some(2), None));
        // Another entry of the slot takes it.
        let other = (7..).find(|&i| EntryMemo::slot(i) == EntryMemo::slot(6)).unwrap();
        m.set(other, 5);
        assert_eq!((m.get(6), m.get(other)), (None, Some(5)));
        // Through `Keys::cached`: the same key whether from the memo or the map.
        let mut keys = Keys::default();
        let a = keys.cached(3, ENTRY_PLACE, "Kyiv");
        assert_eq!((keys.cached(3, ENTRY_PLACE, "x"), keys.get(a)), (a, "kyiv"));
        keys.recent = EntryMemo::default();
        assert_eq!(keys.cached(3, ENTRY_PLACE, "x"), a);
        assert_ne!(keys.cached(3, ENTRY_ORG, "Kyiv Post"), a);
        assert_eq!(keys.cached(u32::MAX, ENTRY_ORG, "Max"), keys.cached(u32::MAX, ENTRY_ORG, "other"));
    }

    #[test]
    fn word_keys_are_cached_by_id() {
        let mut keys = Keys::default();
        let a = keys.word(3, "Putin");
        assert_eq!(keys.get(a), "putin");
        // Asked again by id: the cached key, whatever the string.
        assert_eq!(keys.word(3, "ignored"), a);
        // Another id with the same lookup form: the same key.
        assert_eq!(keys.word(0, "PUTIN"), a);
        let b = keys.word(1, "Kremlin");
        assert_ne!(a, b);
        assert_eq!(keys.count(), 2);
    }

    #[test]
    fn keys_are_interned_once_even_when_hashes_collide() {
        let mut keys = Keys::default();
        let a = keys.id("putin");
        assert_eq!((keys.id("putin"), keys.find("putin"), keys.get(a)), (a, Some(a), "putin"));
        assert_eq!(keys.find("kremlin"), None);
        // Three keys of one hash: chained, each found as itself.
        let ids = ["nato", "un", ""].map(|k| keys.id_hashed(k, 7));
        assert_eq!(ids, [1, 2, 3]);
        for (k, i) in ["nato", "un", ""].iter().zip(ids) {
            assert_eq!(keys.id_hashed(k, 7), i);
            assert_eq!(keys.find_hashed(k, 7), Some(i));
            assert_eq!(keys.get(i), *k);
        }
        assert_eq!(keys.find_hashed("eu", 7), None);
        assert_eq!((keys.count(), keys.get(4), keys.get(NO_KEY)), (4, "", ""));
    }

    #[test]
    fn group_words_are_group_nouns_plurals_and_demonyms() {
        let d =
            doc("Analysts and officials met Russians, the Police and police, as Ukrainians, but not states or news.");
        for (w, want) in [
            ("Analysts", true),
            ("officials", true),
            ("Russians", true),
            ("Police", true),
            ("police", true),
            ("Ukrainians", true),
            ("states", false),
            ("news", false),
            ("as", false),
        ] {
            let k = at(&d, w);
            assert_eq!(d.group_may_name(&d.toks[k], d.ids[k]), want, "{w}");
        }
    }

    #[test]
    fn nouns_that_may_name_are_the_rules_words() {
        let d =
            doc("The government said the ministry and the Russian proposal, the West, the Westerners, the tall man.");
        for (w, want) in [
            ("government", true),
            ("ministry", true),
            ("proposal", true),
            ("West", true),
            ("Westerners", false),
            ("tall", false),
            ("man", false),
        ] {
            let k = at(&d, w);
            assert_eq!(d.noun_may_name(&d.toks[k], d.ids[k]), want, "{w}");
        }
        // Every compass point is of four or five letters.
        assert!(["West", "East", "North", "South"].iter().all(|w| matches!(w.len(), 4 | 5)));
    }

    #[test]
    fn compass_keys_are_the_words_lower_cased_after_the() {
        for w in ["West", "East", "North", "South"] {
            assert_eq!(the_compass(w.as_bytes()), Some(format!("the {}", lower(w)).as_str()));
        }
        assert_eq!(the_compass(b"west"), None);
        assert_eq!(the_compass(b"Western"), None);
    }

    #[test]
    fn ends_in_title_takes_the_last_words() {
        let d = doc("He met Secretary of State John Kerry and the Prime Minister, and the minister.");
        let mut buf = String::from("left over");
        let after = |w: &str| at(&d, w) + 1;
        assert!(d.ends_in_title(at(&d, "Secretary"), after("State"), &mut buf));
        // Only the words given: neither "State" nor "of State" is a title.
        assert!(!d.ends_in_title(at(&d, "of"), after("State"), &mut buf));
        assert!(d.ends_in_title(at(&d, "minister"), after("minister"), &mut buf), "one word");
        assert!(d.ends_in_title(at(&d, "Prime"), after("Minister"), &mut buf));
        assert!(!d.ends_in_title(at(&d, "Secretary"), after("Kerry"), &mut buf));
        assert!(!d.ends_in_title(at(&d, "Secretary"), at(&d, "Secretary"), &mut buf));
    }

    #[test]
    fn the_ids_are_the_two_spellings() {
        assert!(is_the_id([4, 9], 4) && is_the_id([4, 9], 9) && !is_the_id([4, 9], 5));
        // A text without "The": its id is no word's.
        assert!(!is_the_id([4, u32::MAX], 0));
    }

    #[test]
    fn may_be_group_word_is_the_ending_test() {
        let text = "Analysts and women saw police, Clergy, Police, men, a bus, a lemon, pol, clergyman.";
        let d = doc(text);
        for k in (0..d.toks.len()).filter(|&k| d.toks[k].is_word()) {
            let w = d.wb(k);
            let want =
                w.ends_with(b"s") || w.ends_with(b"men") || matches!(w, b"police" | b"Police" | b"clergy" | b"Clergy");
            assert_eq!(d.may_be_group_word(k), want, "{}", d.w(k));
        }
        assert!(d.may_be_group_word(at(&d, "women")) && !d.may_be_group_word(at(&d, "lemon")));
        // No punctuation token passes: `next_group_word` need not ask for a word.
        let p = doc("“Hi,” she said — «yes» (s) ’s ‘n’ [e]… y? • ™ ©.");
        let puncts: Vec<usize> = (0..p.toks.len()).filter(|&k| !p.toks[k].is_word()).collect();
        assert!(puncts.len() >= 10);
        assert!(puncts.iter().all(|&k| !p.may_be_group_word(k)));
    }

    #[test]
    fn group_words_start_as_their_endings_and_learn_their_classes() {
        let text = "Analysts and women saw Russians, buses, police and a lemon; analysts left.";
        let d = doc(text);
        for k in 0..d.toks.len() {
            let want = if d.may_be_group_word(k) { GROUP_ENDING } else { GROUP_NONE };
            assert_eq!(d.group_words[d.ids[k] as usize].get(), want, "{}", d.w(k));
        }
        // Met once, a word keeps what its classes say: "buses" ends so but
        // is no group word; "Analysts" is one.
        let (buses, analysts) = (at(&d, "buses"), at(&d, "Analysts"));
        assert!(!d.group_word_at(buses) && d.group_word_at(analysts));
        assert_eq!(d.group_words[d.ids[buses] as usize].get(), GROUP_NONE);
        assert_eq!(d.group_words[d.ids[analysts] as usize].get(), GROUP_CLASSED);
        assert!(d.group_word_at(analysts));
    }

    #[test]
    fn next_group_word_and_noun_candidate_are_the_first_that_pass() {
        let text = "Analysts and women saw Russian-backed separatists.\nThe Ministry said the government \
                    of Japan and Biden administration agreed, police said especially, and governments of Asia.";
        let d = doc(text);
        let n = d.toks.len();
        for from in 0..=n + 1 {
            let want = (from..n).find(|&k| {
                d.toks[k].is_word()
                    && !d.toks[k].compound()
                    && d.may_be_group_word(k)
                    && d.group_may_name(&d.toks[k], d.ids[k])
            });
            assert_eq!(d.next_group_word(from), want, "from {from}");
        }
        assert_eq!(d.next_noun_candidate(0), None);
        for from in 1..=n + 1 {
            // After a name or "the", or "government(s)" anywhere.
            let placed = |k: usize| {
                d.toks[k - 1].namey() || matches!(d.w(k - 1), "the" | "The") || d.w(k).starts_with("government")
            };
            let want = (from..n)
                .find(|&k| !d.toks[k].nl && d.noun_candidate(k) && d.noun_may_name(&d.toks[k], d.ids[k]) && placed(k));
            assert_eq!(d.next_noun_candidate(from), want, "from {from}");
        }
        // Ten letters after a lower-case word: a noun start, but looked
        // past; "governments" after one is not.
        let especially = at(&d, "especially");
        assert!(d.noun_candidate(especially) && d.noun_may_name(&d.toks[especially], d.ids[especially]));
        assert_eq!(d.next_noun_candidate(especially), Some(at(&d, "governments")));
        // Past the line break ("Ministry" after "The" names nothing by
        // these rules: no candidate), "government" after "the" is one.
        assert_eq!(d.next_noun_candidate(at(&d, "The")), Some(at(&d, "government")));
        assert!(
            d.noun_candidate(at(&d, "Ministry"))
                && !d.noun_may_name(&d.toks[at(&d, "Ministry")], d.ids[at(&d, "Ministry")])
        );
        assert!(d.next_noun_candidate(1).is_some());
    }

    #[test]
    fn last_at_answers_as_a_map_keeps_the_last_insert() {
        let raw = |s: usize, e: usize| Raw {
            s,
            e,
            ns: s,
            ne: e,
            kind: ActorKind::Place,
            key: Key::Place(KeyId::default()),
            canon: None,
        };
        let raws = [raw(10, 20), raw(0, 5), raw(10, 30), raw(40, 50), raw(10, 25)];
        let at = LastAt::new(raws.iter().enumerate(), |r| r.s);
        let mut map: Map<usize, usize> = Map::default();
        for (i, r) in raws.iter().enumerate() {
            map.insert(r.s, i);
        }
        for off in 0..60 {
            assert_eq!(at.get(off), map.get(&off).copied(), "{off}");
        }
        assert_eq!(at.get(10), Some(4));
    }

    #[test]
    fn id_set_holds_what_was_inserted_past_its_size_too() {
        let mut set = IdSet::with_ids(2);
        set.insert(1);
        set.insert(5);
        assert_eq!((0..8).filter(|&i| set.contains(i)).collect::<Vec<_>>(), [1, 5]);
        assert!(!set.contains(KeyId::MAX));
    }

    #[test]
    fn name_words_finds_family_and_first_name() {
        let d = doc("Ludwig van Beethoven met Anna Maria Smith Jr, and Smith, QC.");
        // As a list of the real words would answer.
        let listed = |name: &[usize]| {
            let real: Vec<usize> = name
                .iter()
                .copied()
                .filter(|&t| d.toks[t].shape == Shape::Title && !d.is(t, cls::POSTNOMINAL | cls::PARTICLE))
                .collect();
            let &lt = real.last()?;
            let first = (real.len() >= 2)
                .then(|| *real[..real.len() - 1].iter().find(|&&t| d.is(t, cls::FIRST_NAME)).unwrap_or(&real[0]));
            Some((lt, first))
        };
        let n = d.toks.len();
        for a in 0..n {
            for b in a + 1..=n.min(a + 6) {
                let name: Vec<usize> = (a..b).collect();
                assert_eq!(d.name_words(&name), listed(&name), "{a}..{b}");
            }
        }
        let (ludwig, beethoven) = (at(&d, "Ludwig"), at(&d, "Beethoven"));
        assert_eq!(d.name_words(&(ludwig..=beethoven).collect::<Vec<_>>()), Some((beethoven, Some(ludwig))));
        assert_eq!(d.name_words(&[at(&d, "met")]), None);
    }

    #[test]
    fn sorted_prefix_len_counts_the_passing_prefix() {
        for len in 0..40usize {
            let s: Vec<usize> = (0..len).collect();
            for cut in 0..=len + 1 {
                assert_eq!(sorted_prefix_len(&s, |&x| x < cut), cut.min(len), "{len} {cut}");
            }
        }
    }

    #[test]
    fn tokens_at_finds_the_token_of_each_offset() {
        let d = doc("Kerry met Lavrov in Geneva.");
        let (kerry, lavrov, geneva) = (at(&d, "Kerry"), at(&d, "Lavrov"), at(&d, "Geneva"));
        let s = |k: usize| d.toks[k].s();
        // Out of order, repeated, and one offset no token starts at.
        let offsets = [s(geneva), s(kerry), s(lavrov) + 1, s(geneva), s(lavrov)];
        let found = tokens_at(&d.toks, &offsets, |t| t.s());
        assert_eq!(found, [Some(geneva), Some(kerry), None, Some(geneva), Some(lavrov)]);
        let ends = tokens_at(&d.toks, &[d.toks[lavrov].e()], |t| t.e());
        assert_eq!(ends, [Some(lavrov)]);
    }

    #[test]
    fn after_the_is_the_word_before_on_the_line() {
        let d = doc("The Ministry and the Post agreed; thereby Kyiv.\nthe\nPost");
        assert!(d.after_the(at(&d, "Ministry")) && d.after_the(at(&d, "Post")));
        assert!(!d.after_the(0) && !d.after_the(at(&d, "Kyiv")) && !d.after_the(at(&d, "and")));
        // Not across a line break.
        assert!(!d.after_the(d.toks.len() - 1));
        assert!(is_connector(b"of") && is_connector(b"&") && !is_connector(b"Of"));
    }

    #[test]
    fn folds_to_is_lower_equals() {
        for (w, k) in [("Ted", "ted"), ("TED", "ted"), ("Ted", "tedd"), ("Ted", "tad"), ("Zoë", "zoë"), ("ZOË", "zoë")]
        {
            assert_eq!(folds_to(w, k), lower(w) == k, "{w} {k}");
        }
        assert!(folds_to("Ted", "ted") && !folds_to("Ted", "tad") && folds_to("ZOË", "zoë"));
    }

    #[test]
    fn outline_is_the_collected_words() {
        for s in ["", "Apple", "Apple Inc.", "Church  of\tScientology", " a b c d "] {
            let words: Vec<&str> = s.split_whitespace().collect();
            let (count, [w0, w1], last) = outline(s);
            assert_eq!(count, words.len());
            assert_eq!((w0, w1), (words.first().copied().unwrap_or(""), words.get(1).copied().unwrap_or("")));
            assert_eq!(last, words.last().copied().unwrap_or(""));
        }
        assert_eq!(outline("Bank of England"), (3, ["Bank", "of"], "England"));
    }

    #[test]
    fn spans_pack_and_sort_like_pairs() {
        let mut pairs = vec![(5, 9), (5, 7), (0, 4_000_000_000), (4_000_000_000, 4_000_000_001), (3, 3)];
        let mut packed: Vec<u64> = pairs.iter().map(|&(s, e)| pack_span(s, e)).collect();
        pairs.sort();
        packed.sort();
        let back: Vec<(usize, usize)> = packed.iter().map(|&p| (span_start(p), span_end(p))).collect();
        assert_eq!(back, pairs);
    }

    #[test]
    fn pair_memo_keeps_pairs_apart_and_answers_only_what_was_set() {
        let m = PairMemo::default();
        assert_eq!(m.get(1, 2), None);
        m.set(1, 2, Some(Entry::Place(7)), false);
        m.set(2, 1, None, true);
        assert_eq!(
            (m.get(1, 2), m.get(2, 1), m.get(1, 3)),
            (Some((Some(Entry::Place(7)), false)), Some((None, true)), None)
        );
        // A pair sharing the slot takes it: the other is asked again.
        let (at, _) = PairMemo::slot(1, 2);
        let other = (0..u32::MAX).map(|b| (5, b)).find(|&(a, b)| PairMemo::slot(a, b).0 == at).unwrap();
        m.set(other.0, other.1, Some(Entry::Org(3)), false);
        assert_eq!((m.get(1, 2), m.get(other.0, other.1)), (None, Some((Some(Entry::Org(3)), false))));
    }

    #[test]
    fn lex_match_answers_alike_with_pairs_remembered() {
        let text = "Prime Minister Boris Johnson met White House aides. The White House said Prime Minister \
                    Johnson and New York Times reporters, the New York Police, NEW YORK and the White House's \
                    staff. New Zealand Herald, White Houses, United States, United States Senate.";
        let warm = doc(text);
        let n = warm.toks.len();
        // Asked in order and again: the second round answers from the memos.
        for round in 0..2 {
            for p in 0..n {
                for lim in p + 1..=n.min(p + 6) {
                    let c: Vec<usize> = (0..lim).collect();
                    let cold = doc(text);
                    assert_eq!(warm.lex_match(&c, p), cold.lex_match(&c, p), "{round} {p} {lim}");
                }
            }
        }
        // Some pair was remembered and is answered without a walk.
        let (w, h) = (at(&warm, "White"), at(&warm, "White") + 1);
        assert!(warm.first_known(w).is_some());
        assert!(warm.known_pair(&[w, h, h + 1], 0, 3).is_some());
        // A pair a longer name starts with ("United States Senate") is
        // answered when the chunk ends after it, and walked when it goes on.
        let u = (0..n).rev().find(|&k| warm.w(k) == "United" && warm.w(k + 1) == "States").unwrap();
        assert!(warm.first_known(u).is_some());
        assert!(warm.known_pair(&[u, u + 1], 0, 2).is_some());
        assert!(warm.known_pair(&[u, u + 1, u + 2], 0, 3).is_none());
    }

    #[test]
    fn word_tests_answer_as_their_lists() {
        const ENDS: &[&str] = &[
            "ing", "ly", "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ance", "ence",
            "ism", "ists", "ous", "ive", "able", "ible", "ful", "less", "est", "ed", "ers", "ies", "als",
        ];
        const CAL: &[&str] = &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "aug",
            "sept",
            "oct",
            "nov",
            "dec",
            "the",
            "of",
            "and",
            "to",
            "for",
            "with",
            "in",
            "on",
            "at",
            "by",
            "from",
            "a",
            "an",
            "or",
            "as",
            "is",
            "are",
            "was",
            "be",
            "not",
            "no",
            "this",
            "that",
            "it",
            "his",
            "her",
            "their",
        ];
        let listed_ending = |w: &str| {
            let l = lower(w);
            l.chars().count() > 4 && ENDS.iter().any(|e| l.ends_with(e))
        };
        let listed_cal = |w: &str| CAL.contains(&lower(w).trim_end_matches('.'));
        let mut words: Vec<String> = Vec::new();
        for w in ENDS.iter().chain(CAL) {
            for v in
                [w.to_string(), format!("X{w}"), format!("Abcd{w}"), w.to_uppercase(), format!("{w}."), format!("{w}s")]
            {
                words.push(v);
            }
        }
        words.extend(
            [
                "",
                ".",
                "Ing",
                "Thing",
                "Things",
                "Été",
                "ÉTÉS",
                "Ölings",
                "OF.",
                "ThE",
                "\u{212A}",
                "\u{130}t",
                "İs",
                "of\u{301}",
                "a\0",
                "Monday..",
                "Sept.",
                "Septembers",
                "May",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(wordlike_ending(w), listed_ending(w), "{w}");
            assert_eq!(calendar_or_function(w), listed_cal(w), "{w}");
        }
        assert!(calendar_or_function("Wednesday") && calendar_or_function("OF") && !calendar_or_function("Offer"));
        assert!(wordlike_ending("Running") && !wordlike_ending("Sing") && !wordlike_ending("Obama"));
        assert_eq!(cls::pack_const(b"abc", 8), cls::pack8(b"abc").unwrap());
        assert!(CALENDAR_OR_FUNCTION.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn entries_pack_and_unpack() {
        for e in [None, Some(Entry::Place(0)), Some(Entry::Org(0)), Some(Entry::Place(7)), Some(Entry::Org(12345))] {
            assert_eq!(pack_entry(e).map(unpack_entry), Some(e));
        }
        assert_eq!(pack_entry(Some(Entry::Org(u32::MAX))), None);
    }
}
