//! Disputed claims: a claim someone holds and the positions that contest,
//! deny, qualify or support it.
//!
//! Works on sentences. A *claim* is a sentence whose verb reports a contested
//! assertion ("claim", "insist", "allege", "suggest", ...); a *position* is a
//! sentence with a counter cue ("deny", "dismiss", "baseless",
//! "misinterpreted", "on the other hand", "only applied to", ...). Each
//! position is linked to the earlier claim it shares most with (the same
//! actors, the same content words), nearer claims preferred; a concessive
//! clause ("..., although his spokesperson has denied it") disputes its own
//! sentence. Holders are the actors the sentences are about: the subject of
//! the reporting verb, or the nearest fitting actor before the cue; "they"
//! resolves to the group last named.
//!
//! Linear in the text: every claim looks back over a bounded window.

use super::actors::{ActorFound, Mention, Tokenized};
use super::attribution::tokens::ceil_boundary;
use super::attribution::Attribution;
use super::quotes::QuoteSpan;
use super::{ActorKind, Stance};
use crate::text::bytes::find_any;

mod read;

use read::{DocFreq, Kept, Scratch, Toks};

/// A claim or position: a byte span and its holder's index in the actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stated {
    pub start: usize,
    pub end: usize,
    pub holder: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DisputeFound {
    pub topic: String,
    pub claim: Stated,
    pub positions: Vec<(Stated, Stance)>,
}

/// The disputes, plus holders that are no named actor ("his spokesperson"):
/// holder indices at or past `actors.len()` point into `extra_actors`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Disputes {
    pub disputes: Vec<DisputeFound>,
    pub extra_actors: Vec<ActorFound>,
}

/// How many sentences back a position may look for its claim.
const WINDOW: usize = 30;

/// Verbs (as word prefixes) that report a contested assertion.
const CLAIM_CUES: [&str; 12] = [
    "claim", "insist", "alleg", "assert", "contend", "accus", "argu", "suggest", "maintain", "demand", "charg", "assur",
];

/// Counter cues: phrases (lower case, matched on word boundaries) and the
/// stance they signal; the strongest stance in a sentence wins.
const COUNTER_CUES: [(&str, Stance); 30] = [
    ("denied", Stance::Denies),
    ("denies", Stance::Denies),
    ("deny", Stance::Denies),
    ("denial", Stance::Denies),
    ("dismissed", Stance::Disputes),
    ("dismisses", Stance::Disputes),
    ("rejected", Stance::Disputes),
    ("rejects", Stance::Disputes),
    ("disputed", Stance::Disputes),
    ("disputes", Stance::Disputes),
    ("baseless", Stance::Disputes),
    ("unfounded", Stance::Disputes),
    ("misinterpreted", Stance::Disputes),
    ("misrepresented", Stance::Disputes),
    ("unacceptable", Stance::Disputes),
    ("refuted", Stance::Disputes),
    ("rebutted", Stance::Disputes),
    ("contradicted", Stance::Disputes),
    ("on the other hand", Stance::Disputes),
    ("in contradiction", Stance::Disputes),
    ("in direct contradiction", Stance::Disputes),
    ("not true", Stance::Disputes),
    ("only applied to", Stance::Qualifies),
    ("only applies to", Stance::Qualifies),
    ("only come into", Stance::Qualifies),
    ("only came into", Stance::Qualifies),
    ("only referred to", Stance::Qualifies),
    ("agreed that", Stance::Supports),
    ("backed the claim", Stance::Supports),
    ("corroborated", Stance::Supports),
];

/// Reporting verbs whose subject holds what follows.
const REPORTING: [&str; 10] =
    ["said", "says", "told", "stated", "added", "wrote", "confirmed", "explained", "noted", "insisted"];

/// The longest of [`REPORTING`]'s lengths.
const REPORTING_LEN: usize = crate::text::segment::longest(&REPORTING);

/// Connectives that contrast a sentence with what was just said: a position
/// using one answers a claim close by.
const CONTRASTIVE: [&str; 5] = ["on the other hand", "however", "in contrast", "by contrast", "but"];

/// How many sentences back a contrastive position may look.
const NEAR: usize = 3;

/// Conjunctions that open a concessive clause inside a claim's sentence.
const CONCESSIVE: [&str; 4] = ["although", "though", "even though", "while"];

/// Role nouns that hold positions without being named.
const ROLES: [&str; 8] =
    ["spokesperson", "spokesman", "spokeswoman", "aide", "aides", "lawyer", "lawyers", "officials"];

const STOPWORDS: [&str; 60] = [
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with", "from", "that", "this",
    "these", "those", "it", "its", "is", "was", "were", "are", "be", "been", "has", "have", "had", "would", "will",
    "could", "should", "not", "no", "as", "their", "they", "them", "he", "his", "she", "her", "which", "who", "what",
    "than", "then", "there", "said", "also", "other", "any", "all", "more", "most", "some", "into", "about",
];

/// One sentence, read once. (`'m`: the text's mentions and the kept
/// sentences' buffers it borrows from.)
struct Sentence<'m> {
    start: usize,
    end: usize,
    /// The mentions starting in the sentence, a slice of the text's (so
    /// no list per sentence); see [`Sentence::actors`].
    mentions: &'m [(Mention, usize)],
    /// Stemmed content words by their ids in the document frequencies
    /// ([`DocFreq::id`]: one per stem) in their order (repeats kept);
    /// kept for claims and positions only, in one buffer for the text
    /// ([`read::Kept`]). What a position's cue acts on, a claim's subject
    /// and the words the two share are read from these, not from the text
    /// again.
    in_order: &'m [u32],
    /// How many of `in_order` start before the sentence's cue: its
    /// counter cue, else its claim cue (counted when it is read, so that
    /// the words keep no offsets: 4 bytes a word rather than 16).
    cue_words: usize,
    claim_cue: Option<usize>,
    counter: Option<(usize, Stance)>,
    /// Where each of [`CONCESSIVE`] first stands as whole words, found
    /// while reading.
    concessive: [Option<usize>; CONCESSIVE.len()],
    /// Whether one of [`CONTRASTIVE`] stands in it as whole words, found
    /// while reading.
    contrastive: bool,
}

impl Sentence<'_> {
    /// Whether the sentence is a claim or a position: only those keep
    /// their words (the reader's and
    /// [`read::Kept::bind`]'s one test).
    fn is_kept(&self) -> bool {
        self.claim_cue.is_some() || self.counter.is_some()
    }

    /// The sentence of `text` lower-cased into `buf` ([`str::to_lowercase`]
    /// of it; same byte length for ASCII), where cues are found and mapped
    /// back by offset only when the lengths agree. Made when a dispute
    /// reads it, not kept for every claim and position: only the few that
    /// end in a dispute are read again.
    fn lower<'b>(&self, text: &str, buf: &'b mut String) -> &'b str {
        read::lower_into(buf, text.get(self.start..self.end).unwrap_or_default());
        buf
    }

    /// What [`Sentence::lower`] gives, or its first `len` bytes or more
    /// when those are ASCII (as a position's words up to its cue mostly
    /// are): their lower case does not depend on what follows (a capital
    /// sigma's does), so only they are copied.
    fn lower_head<'b>(&self, text: &str, len: usize, buf: &'b mut String) -> &'b str {
        let end = self.end.min(self.start.saturating_add(len));
        match text.get(self.start..end) {
            Some(head) if head.is_ascii() => {
                buf.clear();
                buf.push_str(head);
                buf.make_ascii_lowercase();
                buf
            }
            _ => self.lower(text, buf),
        }
    }

    /// Actors mentioned within the sentence, in order: (byte offset in the
    /// sentence, actor index).
    fn actors(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.mentions.iter().filter(|(m, _)| m.end <= self.end).map(|(m, i)| (m.start - self.start, *i))
    }
}

/// The disputes of `text`, in order of their claims, its bytes read alone:
/// for callers without the actor tokens, and the reference the token walk
/// is tested against (`analysis::Found::of` passes the tokens, see
/// [`find_disputes_tokenized`]).
pub fn find_disputes(
    text: &str,
    actors: &[ActorFound],
    quotes: &[QuoteSpan],
    attributions: &[Attribution],
) -> Disputes {
    find_disputes_tokenized(text, &Tokenized::default(), actors, quotes, attributions)
}

/// [`find_disputes`] given the actor stage's tokens of `text` (from
/// [`super::actors::find_actors_tokenized`]): its words are read from the
/// tokens where they agree with the reader's own (see [`read`]), the same
/// findings for fewer instructions.
pub fn find_disputes_tokenized(
    text: &str,
    tokens: &Tokenized,
    actors: &[ActorFound],
    quotes: &[QuoteSpan],
    attributions: &[Attribution],
) -> Disputes {
    let mentions = holders_mentions(actors, quotes);
    let actors = &Actors::new(actors);
    let mut scratch = Scratch::for_text(text.len(), !tokens.toks.is_empty());
    let mut kept = Kept::for_text(text.len());
    let sents = read_all(text, Toks::of(tokens), &mentions, &mut scratch, &mut kept);
    let weights = Weights(scratch.doc_freq());
    let mut shared = Shared::new(weights.0.len());

    let mut out = Disputes::default();
    // Claim sentence index -> index in out.disputes.
    let mut by_claim: Vec<(usize, usize)> = Vec::new();
    // A sentence lower-cased (see [`Sentence::lower`]).
    let mut lower = String::new();
    for (j, sent) in sents.iter().enumerate() {
        let Some((cue, stance)) = sent.counter else { continue };
        let conceded = concessive_before(sent, cue);
        let (claim_at, same_sentence) = match conceded {
            Some(_) => (Some(j), true),
            None => (best_claim(&sents, j, &weights, &mut shared), false),
        };
        let Some(i) = claim_at else { continue };
        let position_holder = if same_sentence {
            holder_in(text, sent, sent.start + conceded.unwrap_or(0), sent.start + cue, actors, &mut out)
        } else {
            position_holder(text, sent, cue, actors, &mut lower, &mut out)
        };
        let position = Stated { start: sent.start, end: sent.end, holder: position_holder };
        let d = match by_claim.iter().find(|(c, _)| *c == i) {
            Some(&(_, d)) => d,
            None => {
                let claim = &sents[i];
                // Lower-cased once for its topic and its holder.
                let claim_lower = claim.lower(text, &mut lower);
                let topic = topic(text, claim, claim_lower);
                let holder = quoted_by(&sents[i], quotes, attributions)
                    .or_else(|| claim_holder(text, &sents, i, actors, claim_lower, &mut out));
                out.disputes.push(DisputeFound {
                    topic,
                    claim: Stated { start: claim.start, end: claim.end, holder },
                    positions: Vec::new(),
                });
                by_claim.push((i, out.disputes.len() - 1));
                out.disputes.len() - 1
            }
        };
        out.disputes[d].positions.push((position, stance));
    }
    out.disputes.sort_by_key(|d| d.claim.start);
    out
}

/// The actors' mentions that can hold a claim or position, sorted by
/// start: those outside quotations.
#[inline(never)]
fn holders_mentions(actors: &[ActorFound], quotes: &[QuoteSpan]) -> Vec<(Mention, usize)> {
    sorted_mentions(actors, &mut Unquoted::new(quotes))
}

/// Tells the mentions inside a quotation apart, given in order of their
/// starts: a name inside one is what someone said, not who holds it.
/// (Quotes are in text order and do not overlap; `k` is the number of
/// quotes starting at or before the last mention, moved forward, not
/// searched for.)
struct Unquoted<'q> {
    quotes: &'q [QuoteSpan],
    k: usize,
}

impl<'q> Unquoted<'q> {
    fn new(quotes: &'q [QuoteSpan]) -> Self {
        Unquoted { quotes, k: 0 }
    }

    /// Whether `m` (starting at or after the mentions asked about before)
    /// stands outside the quotations.
    fn keeps(&mut self, m: &Mention) -> bool {
        while self.quotes.get(self.k).is_some_and(|q| q.start <= m.start) {
            self.k += 1;
        }
        !(self.k > 0 && m.end <= self.quotes[self.k - 1].end)
    }
}

/// Every mention of the actors with its actor's index, by start, but
/// those `unquoted` drops (asked as they are unpacked from the sorted
/// keys: no pass of its own). Where mentions of two actors start together
/// ("NATO" in "NATO officials"), the longer, more specific one comes
/// first; then the actors in order.
///
/// Each packed into one integer when it fits (start, then 0xFFFF less the
/// length, then the actor, in 32, 16 and 16 bits), so that the sort
/// compares integers, not triples: mentions are many.
fn sorted_mentions(actors: &[ActorFound], unquoted: &mut Unquoted) -> Vec<(Mention, usize)> {
    let all = || actors.iter().enumerate().flat_map(|(i, a)| a.mentions.iter().map(move |m| (*m, i)));
    // Packed in one pass into a list sized once; the first that does not
    // fit stops it.
    let mut keys: Vec<u64> = Vec::with_capacity(actors.iter().map(|a| a.mentions.len()).sum());
    let fits = actors.len() <= 1 << 16
        && all().all(|(m, i)| {
            let fits = u32::try_from(m.start).is_ok() && m.end >= m.start && m.end - m.start <= 0xFFFF;
            if fits {
                keys.push((m.start as u64) << 32 | ((0xFFFF - (m.end - m.start)) as u64) << 16 | i as u64);
            }
            fits
        });
    if !fits {
        let mut mentions: Vec<(Mention, usize)> = all().collect();
        mentions.sort_unstable_by_key(|&(m, i)| (m.start, std::cmp::Reverse(m.end), i));
        mentions.retain(|(m, _)| unquoted.keeps(m));
        return mentions;
    }
    super::packed::sort_keys(&mut keys);
    let mut mentions = Vec::with_capacity(keys.len());
    mentions.extend(
        keys.into_iter()
            .map(|k| {
                let start = (k >> 32) as usize;
                let len = 0xFFFF - (k >> 16 & 0xFFFF) as usize;
                (Mention { start, end: start + len }, (k & 0xFFFF) as usize)
            })
            .filter(|(m, _)| unquoted.keeps(m)),
    );
    mentions
}

/// A xorshift generator of test inputs from `state` (not 0): the same
/// sequence on every run.
#[cfg(test)]
pub(crate) fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Every sentence of `text`, read once (see [`read`]), the kept ones'
/// copies and words in `kept`. Kept out of line, like
/// [`holders_mentions`], so that profiles show the stage's phases.
#[inline(never)]
fn read_all<'m>(
    text: &str,
    toks: Toks,
    mentions: &'m [(Mention, usize)],
    scratch: &mut Scratch,
    kept: &'m mut Kept,
) -> Vec<Sentence<'m>> {
    let mut sents = read::read_sentences(text, toks, mentions, scratch, kept);
    kept.bind(&mut sents);
    sents
}

/// The words of lower-cased text (runs of letters and digits) with their
/// byte offsets.
#[cfg(test)]
fn word_spans(lower: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let (alnum, len) = alnum_at(lower, i)?;
            if alnum {
                break;
            }
            i += len;
        }
        let start = i;
        while let Some((true, len)) = alnum_at(lower, i) {
            i += len;
        }
        Some((start, &lower[start..i]))
    })
}

/// Whether the char at byte `i` is a letter or digit, and its length;
/// ASCII without decoding.
#[cfg(test)]
fn alnum_at(s: &str, i: usize) -> Option<(bool, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((b.is_ascii_alphanumeric(), 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c.is_alphanumeric(), c.len_utf8()))
}

/// Stemmed content words of lower-cased text, hashed, in order, with their
/// byte offsets: what the reader keeps of a claim or a position
/// ([`Sentence::in_order`]), found again by chars, for the tests.
#[cfg(test)]
fn content_words(lower: &str) -> impl Iterator<Item = (usize, u64)> + '_ {
    word_spans(lower)
        .filter(|(_, w)| read::is_content_word(w.as_bytes()))
        .map(|(at, w)| (at, read::hash(&w.as_bytes()[..read::stem_len(w.as_bytes())])))
}

/// Whether `hay` opens with `phrase` as whole words (`hay` starts a word):
/// what `find_word(hay, phrase) == Some(0)` says, without a substring
/// search through the rest of `hay`.
fn starts_with_word(hay: &str, phrase: &str) -> bool {
    hay.starts_with(phrase) && !hay[phrase.len()..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Byte offset of the first occurrence of `phrase` as whole words in `hay`.
fn find_word(hay: &str, phrase: &str) -> Option<usize> {
    let [at] = find_words(hay, [phrase], hay.len());
    at
}

/// For each of `phrases`, the byte offset of its first occurrence as whole
/// words in `hay` if that starts before `limit`: what `find_word` gives for
/// each, filtered by `at < limit`.
///
/// Called with a list of phrases on every claim and position sentence, so
/// it walks the word starts before `limit` once for the whole list and
/// compares there, instead of one substring search per phrase (`str::find`
/// with a `&str` builds a searcher per call). `phrases` are lower-case ASCII
/// words without a repeat of their start after a word boundary (see the
/// tests), so the first occurrence starting a word is the one a search that
/// skips past each rejected match finds.
fn find_words<const N: usize>(hay: &str, phrases: [&str; N], limit: usize) -> [Option<usize>; N] {
    let mut found = [None; N];
    let bytes = hay.as_bytes();
    let end = limit.min(bytes.len());
    let (mut i, mut prev_alnum) = (0, false);
    while i < end {
        let b = bytes[i];
        let (alnum, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            match hay.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                None => break,
            }
        };
        if alnum && !prev_alnum {
            for (p, f) in phrases.iter().zip(found.iter_mut()) {
                if f.is_none() && p.as_bytes().first() == Some(&b) && starts_with_word(&hay[i..], p) {
                    *f = Some(i);
                }
            }
        }
        prev_alnum = alnum;
        i += len;
        if alnum {
            // The rest of an ASCII run starts no word: skipped at once.
            let run = bytes.get(i..end).unwrap_or_default();
            i += run.iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(run.len());
        }
    }
    found
}

/// The concessive conjunction before `cue`, if the cue sits in such a
/// clause: what `find_words` of the sentence lower-cased finds for [`CONCESSIVE`] (each
/// conjunction's first place, if before the cue), not at the start.
fn concessive_before(sent: &Sentence, cue: usize) -> Option<usize> {
    sent.concessive.iter().flatten().copied().filter(|&at| at > 0 && at < cue).max()
}

/// How much sharing a word says about a shared topic: words found in many
/// sentences of the article (its main actors, say) say little. Built from
/// the document frequencies [`read::read_sentence`] counts.
struct Weights(DocFreq);

impl Weights {
    /// The weight of stem `id` (1 for a word counted in no sentence).
    fn of(&self, id: u32) -> f32 {
        self.0.count_of(id).map_or(1.0, |n| (4.0 / n as f32).min(1.0))
    }
}

/// The earlier claim sentence that position `j` answers, if any.
fn best_claim(sents: &[Sentence], j: usize, weights: &Weights, shared: &mut Shared) -> Option<usize> {
    let pos = &sents[j];
    shared.mark(pos.in_order);
    let window = if pos.contrastive { NEAR } else { WINDOW };
    // What the counter cue acts on ("dismissed [the Russian proposal]"):
    // a claim whose subject it names is the one answered. (The content
    // words after the cue's own, four at most.)
    let target = match pos.counter {
        Some(_) => {
            let after = pos.in_order.get(pos.cue_words + 1..).unwrap_or_default();
            &after[..after.len().min(4)]
        }
        None => &[],
    };
    let mut best: Option<(f32, usize)> = None;
    for i in (j.saturating_sub(window)..j).rev() {
        let c = &sents[i];
        if c.claim_cue.is_none() || c.counter.is_some() {
            continue;
        }
        let shared_actors = c.actors().filter(|(_, a)| pos.actors().any(|(_, b)| *a == b)).count().min(3);
        let shared_words = shared.weight(c.in_order, weights);
        let overlap = shared_actors as f32 + shared_words;
        if overlap < 2.0 {
            continue;
        }
        // A claim's subject: its content words before its cue.
        let subject = c.in_order.get(..c.cue_words).unwrap_or_default();
        let named = target.iter().filter(|w| subject.contains(w)).count() as f32;
        let score = (overlap + 2.0 * named) / (1.0 + 0.15 * (j - i) as f32);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// The words a claim shares with a position, by the stem ids of their
/// words: the position's are marked ([`Shared::mark`]), a claim's looked
/// up ([`Shared::weight`]). No sentence's words are sorted: only the few
/// a claim shares, by their hashes.
struct Shared {
    /// By stem id: the mark of the last position whose words hold it.
    marks: Vec<u32>,
    /// The current position's mark (0: none yet).
    mark: u32,
    /// The shared words of the claim weighed last: hash and id.
    found: Vec<(u64, u32)>,
}

impl Shared {
    /// For `ids` stem ids (each below it).
    fn new(ids: usize) -> Self {
        Shared { marks: vec![0; ids], mark: 0, found: Vec::with_capacity(16) }
    }

    /// Marks the words of a position (`words`, its [`Sentence::in_order`]),
    /// unmarking those of the one before.
    fn mark(&mut self, words: &[u32]) {
        // (Past `u32::MAX` positions, which no text of 4 GB holds, marks
        // start again: all are cleared first.)
        if self.mark == u32::MAX {
            self.marks.fill(0);
            self.mark = 0;
        }
        self.mark += 1;
        for &id in words {
            if let Some(m) = self.marks.get_mut(id as usize) {
                *m = self.mark;
            }
        }
    }

    /// The summed weights of the distinct words of `words` (a claim's)
    /// that the marked position holds, added in the order of their stem
    /// hashes: what merging the two sentences' sorted, distinct hashes
    /// gave, as the same float sum.
    fn weight(&mut self, words: &[u32], weights: &Weights) -> f32 {
        self.found.clear();
        for &id in words {
            if self.marks.get(id as usize) == Some(&self.mark) {
                self.found.push((weights.0.word(id), id));
            }
        }
        // Each hash once, as in the merge (two stems share a hash only
        // if their FNV-1a collides).
        self.found.sort_unstable();
        self.found.dedup_by_key(|&mut (hash, _)| hash);
        self.found.iter().map(|&(_, id)| weights.of(id)).sum()
    }
}

/// Who holds a position: the subject of a reporting verb before the cue
/// ("Mr Baker later said Russian officials had misinterpreted"), else the
/// first actor of the sentence.
/// (`lower`: a buffer for the sentence lower-cased.)
fn position_holder(
    text: &str,
    sent: &Sentence,
    cue: usize,
    actors: &Actors,
    lower: &mut String,
    out: &mut Disputes,
) -> Option<usize> {
    // A reporting verb starting before the cue ends, with the char after
    // it, within the longest verb's length past the cue.
    let reporting =
        find_words(sent.lower_head(text, cue + REPORTING_LEN + 4, lower), REPORTING, cue).into_iter().flatten().min();
    match reporting {
        Some(verb) => holder_in(text, sent, sent.start, sent.start + verb, actors, out),
        None => holder_in(text, sent, sent.start, sent.start + cue, actors, out),
    }
}

/// The speaker of a quotation in the claim's sentence: a quoted claim is
/// held by whoever said it.
/// (Quotes are in text order and never overlap, so their ends are in order
/// too: the first one that could overlap is found by a binary search, not a
/// scan of every quote per claim.)
fn quoted_by(sent: &Sentence, quotes: &[QuoteSpan], attributions: &[Attribution]) -> Option<usize> {
    let first = quotes.partition_point(|q| q.end <= sent.start);
    quotes
        .iter()
        .zip(attributions)
        .skip(first)
        .take_while(|(q, _)| q.start < sent.end)
        .filter(|(q, _)| sent.start < q.end)
        .find_map(|(_, at)| at.speaker.and_then(|s| s.actor))
}

/// The holder of a claim: the first actor before the cue; "they" resolves
/// to the group (else organization or place) named last before the claim.
/// (`lower`: the claim's sentence lower-cased, [`Sentence::lower`].)
fn claim_holder(
    text: &str,
    sents: &[Sentence],
    i: usize,
    actors: &Actors,
    lower: &str,
    out: &mut Disputes,
) -> Option<usize> {
    let sent = &sents[i];
    let whole = sent.end - sent.start;
    // A claim conceded in its own sentence ends where the concession starts.
    let conceded = sent.counter.and_then(|(cue, _)| concessive_before(sent, cue));
    let cue = sent.claim_cue.or(conceded).unwrap_or(whole).min(conceded.unwrap_or(whole));
    let pronoun = ["they ", "we "].iter().any(|p| lower.starts_with(p));
    if pronoun {
        for back in (i.saturating_sub(2)..i).rev() {
            let prefer =
                |kind: ActorKind| sents[back].actors().find(|(_, a)| actors.all[*a].kind == kind).map(|(_, a)| a);
            if let Some(a) = prefer(ActorKind::Group).or_else(|| prefer(ActorKind::Organization)) {
                return Some(a);
            }
        }
    }
    holder_in(text, sent, sent.start + dateline_end(lower), sent.start + cue, actors, out)
}

/// Where a dateline ("KYIV, Ukraine – ") ends in a sentence that opens with
/// one; 0 otherwise. The place of a dateline is where the reporter is, not
/// who speaks.
fn dateline_end(lower: &str) -> usize {
    // A dash starting by byte 60 ends by byte 64: only that much is
    // searched (from the first char boundary on), not the whole sentence.
    let head = &lower[..ceil_boundary(lower, 64)];
    DASHES
        .iter()
        .zip(first_dashes(head.as_bytes()))
        .filter_map(|(dash, at)| Some((at?, dash.len())))
        .filter(|&(at, _)| at <= 60 && lower[..at].matches(',').count() <= 2 && !lower[..at].contains(" said"))
        .map(|(at, len)| at + len)
        .min()
        .unwrap_or(0)
}

/// The dashes that end a dateline, with the space after them.
const DASHES: [&str; 3] = ["\u{2013} ", "\u{2014} ", "- "];

/// Where each of [`DASHES`] first stands in `head`: what `str::find`
/// gives for each, from one pass over the bytes that may start one (`-`,
/// and 0xE2, the lead byte of the other two), eight at a time.
fn first_dashes(head: &[u8]) -> [Option<usize>; DASHES.len()] {
    let mut found = [None; DASHES.len()];
    let mut i = 0;
    while let Some(at) = find_any(head, i, [b'-', 0xE2]) {
        for (f, dash) in found.iter_mut().zip(DASHES) {
            if f.is_none() && head[at..].starts_with(dash.as_bytes()) {
                *f = Some(at);
            }
        }
        i = at + 1;
    }
    found
}

/// The first actor mentioned in `from..to` (bytes) of `sent`, else a role
/// noun there ("his spokesperson"), added as an extra actor.
fn holder_in(
    text: &str,
    sent: &Sentence,
    from: usize,
    to: usize,
    actors: &Actors,
    out: &mut Disputes,
) -> Option<usize> {
    if let Some((_, a)) = sent.actors().find(|(at, _)| sent.start + at >= from && sent.start + at < to) {
        return Some(a);
    }
    let clause = text.get(from..to)?;
    if let Some(place) = demonym_of(clause, actors) {
        return Some(place);
    }
    let lower = clause.to_lowercase();
    if lower.len() != clause.len() {
        return None;
    }
    let (at, role) =
        find_words(&lower, ROLES, lower.len()).into_iter().zip(ROLES).filter_map(|(at, r)| Some((at?, r))).min()?;
    // Include a possessive or article right before the role noun.
    let head = lower[..at].trim_end();
    let det = ["his", "her", "their", "its", "the", "a"]
        .iter()
        .find(|d| head.ends_with(*d) && !head[..head.len() - d.len()].ends_with(char::is_alphanumeric));
    let start = det.map_or(at, |d| head.len() - d.len());
    let mention = Mention { start: from + start, end: from + at + role.len() };
    if let Some(k) = out.extra_actors.iter().position(|a| a.mentions.contains(&mention)) {
        return Some(actors.all.len() + k);
    }
    let name = text.get(mention.start..mention.end)?.to_string();
    out.extra_actors.push(ActorFound { name, kind: ActorKind::Person, mentions: vec![mention] });
    Some(actors.all.len() + out.extra_actors.len() - 1)
}

/// The actors, with those a demonym can name picked out once: looking
/// for a demonym asks about every capitalised word of a clause.
struct Actors<'a> {
    all: &'a [ActorFound],
    /// The places named in one word of three chars or more before a final
    /// vowel: (index, name, that stem), in actor order.
    places: Vec<(usize, &'a str, &'a str)>,
}

impl<'a> Actors<'a> {
    fn new(all: &'a [ActorFound]) -> Self {
        let places = all
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == ActorKind::Place && !a.name.contains(' '))
            .map(|(i, a)| (i, a.name.as_str(), a.name.trim_end_matches(['a', 'e', 'y'])))
            .filter(|(_, _, stem)| stem.chars().count() >= 3)
            .collect();
        Actors { all, places }
    }
}

/// A place actor named by a demonym in `clause` ("The Russian proposal" →
/// Russia): the word extends the place's name, less a final vowel, with a
/// demonym ending (Russia → Russian, Ukraine → Ukrainian, China → Chinese,
/// Israel → Israeli).
fn demonym_of(clause: &str, actors: &Actors) -> Option<usize> {
    let words = clause.split(|c: char| !c.is_alphanumeric()).filter(|w| w.starts_with(char::is_uppercase));
    for word in words {
        let found = actors.places.iter().find(|(_, name, stem)| {
            word != *name
                && word.strip_prefix(stem).is_some_and(|rest| ["n", "an", "ian", "ese", "i", "ish"].contains(&rest))
        });
        if let Some(&(i, _, _)) = found {
            return Some(i);
        }
    }
    None
}

/// A short label: the claim's content after its cue ("that ..."), eight
/// words at most. (`lower`: the claim lower-cased, [`Sentence::lower`].)
fn topic(text: &str, claim: &Sentence, lower: &str) -> String {
    let body = &text[claim.start..claim.end];
    let from = claim
        .claim_cue
        .and_then(|cue| find_word(&lower[cue..], "that").map(|t| cue + t + 4))
        .filter(|&f| f < body.len() && body.is_char_boundary(f))
        .unwrap_or(0);
    // Only the first eight words are read, and whether a ninth follows;
    // joined into one string, sized once (no list of the words, no join):
    // the words and the spaces between them take no more than the text.
    let rest = &body[from..];
    let mut words = rest.split_whitespace();
    let mut label = String::with_capacity(rest.len() + '…'.len_utf8());
    for word in words.by_ref().take(8) {
        if !label.is_empty() {
            label.push(' ');
        }
        label.push_str(word);
    }
    label.truncate(label.trim_end_matches([',', '.', ';', ':']).len());
    if words.next().is_some() {
        label.push('…');
    }
    capitalized(label)
}

/// `label` with its first char in upper case: in place when that char is
/// ASCII (as it mostly is), else rebuilt.
fn capitalized(mut label: String) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) if first.is_ascii() => {
            label[..1].make_ascii_uppercase();
            label
        }
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_word` matches a search that skips each rejected match only for
    /// ASCII phrases opening with a letter and holding no repeat of their
    /// start after a word boundary ("a b a" would); every phrase it is given
    /// must be such.
    #[test]
    fn find_word_phrases_have_no_border_at_a_word_start() {
        let lists = [&REPORTING[..], &CONTRASTIVE, &CONCESSIVE, &ROLES, &["that"]];
        for phrase in lists.iter().flat_map(|l| l.iter()) {
            assert!(phrase.is_ascii() && phrase.starts_with(|c: char| c.is_ascii_lowercase()), "{phrase}");
            for (k, _) in phrase.char_indices().filter(|&(k, c)| k > 0 && !c.is_alphanumeric()) {
                assert!(!phrase.starts_with(&phrase[k + 1..]), "{phrase}");
            }
        }
        assert_eq!(find_word("but, but", "but"), Some(0));
        assert_eq!(find_word("rebut but", "but"), Some(6));
        assert_eq!(find_word("é but", "but"), Some(3));
        assert_eq!(find_word("ébut butter", "but"), None);
        assert_eq!(find_word("even though even though", "even though"), Some(0));
        assert_eq!(find_word("x even thoughts, even though", "even though"), Some(17));
        assert_eq!(find_words("x even thoughts, even though", ["even though"], 17), [None]);
        assert_eq!(find_words("x but", ["but"], 3), [Some(2)]);
        assert_eq!(find_words("aides and an aide", ["aide", "aides", "and"], 99), [Some(13), Some(0), Some(6)]);
        assert_eq!(find_words("αbut but", ["but"], 99), [Some(6)]);
    }

    /// The conjunctions and connectives found while reading are those a
    /// search of the lower-cased sentence finds.
    #[test]
    fn concessive_conjunctions_are_those_a_search_finds() {
        let text = "He denied it, though. Even though, EVEN THOUGH they denied it. \
            Whilst he agreed that it was so, while they denied it, although not all. \
            Thoughtful people denied it even thoughtlessly. Although x. They claimed it, although it was denied. \
            However, they denied it. They, by contrast, denied it. On the other hand it was denied. Butter denied.";
        let mut scratch = Scratch::default();
        let mut kept = Kept::default();
        let sents = read_all(text, Toks::default(), &[], &mut scratch, &mut kept);
        let mut cases = 0;
        let mut buf = String::new();
        for sent in sents.iter().filter(|s| s.counter.is_some() || s.claim_cue.is_some()) {
            let lower = sent.lower(text, &mut buf);
            for cue in 0..=lower.len() {
                let want = find_words(lower, CONCESSIVE, cue).into_iter().flatten().filter(|&at| at > 0).max();
                assert_eq!(concessive_before(sent, cue), want, "{lower:?} {cue}");
                cases += usize::from(want.is_some());
            }
            let contrastive = find_words(lower, CONTRASTIVE, lower.len()).iter().any(Option::is_some);
            assert_eq!(sent.contrastive, contrastive, "{lower:?}");
        }
        assert!(cases > 50);
    }

    /// Actors for tests: every occurrence of each (name, kind).
    fn actors_of(text: &str, names: &[(&str, ActorKind)]) -> Vec<ActorFound> {
        names
            .iter()
            .map(|(name, kind)| ActorFound {
                name: name.to_string(),
                kind: *kind,
                mentions: text.match_indices(name).map(|(s, m)| Mention { start: s, end: s + m.len() }).collect(),
            })
            .collect()
    }

    fn span<'a>(text: &'a str, s: &Stated) -> &'a str {
        &text[s.start..s.end]
    }

    #[test]
    fn a_denial_by_a_named_actor_disputes_the_claim_it_shares_words_with() {
        let text = "The ministry claims that the dam caused the flooding downstream. \
            Engineers met on Monday.\nThe Water Authority denied that the dam caused any flooding.";
        let actors =
            actors_of(text, &[("ministry", ActorKind::Organization), ("Water Authority", ActorKind::Organization)]);
        let d = find_disputes(text, &actors, &[], &[]);
        assert_eq!(d.disputes.len(), 1);
        let dispute = &d.disputes[0];
        assert_eq!(span(text, &dispute.claim), "The ministry claims that the dam caused the flooding downstream.");
        assert_eq!(dispute.claim.holder, Some(0));
        assert_eq!(dispute.positions.len(), 1);
        assert_eq!(dispute.positions[0].1, Stance::Denies);
        assert_eq!(dispute.positions[0].0.holder, Some(1));
        assert_eq!(dispute.topic, "The dam caused the flooding downstream");
    }

    #[test]
    fn the_subject_of_the_reporting_verb_holds_the_position() {
        let text = "Critics claim the governor promised new bridges to the island. \
            The governor later said the critics had misinterpreted his promise about bridges.";
        let actors = actors_of(
            text,
            &[("Critics", ActorKind::Group), ("governor", ActorKind::Person), ("critics", ActorKind::Group)],
        );
        let d = find_disputes(text, &actors, &[], &[]);
        assert_eq!(d.disputes.len(), 1);
        assert_eq!(d.disputes[0].positions[0].0.holder, Some(1));
        assert_eq!(d.disputes[0].positions[0].1, Stance::Disputes);
    }

    #[test]
    fn they_resolves_to_the_group_named_before() {
        let text = "Farm unions, including the largest, rallied in the capital. \
            They claim that the new tariff ruins small farms.\n\
            The trade minister rejected the idea that the tariff ruins farms.";
        let actors = actors_of(
            text,
            &[("capital", ActorKind::Place), ("Farm unions", ActorKind::Group), ("trade minister", ActorKind::Person)],
        );
        let d = find_disputes(text, &actors, &[], &[]);
        assert_eq!(d.disputes.len(), 1);
        assert_eq!(d.disputes[0].claim.holder, Some(1));
        assert_eq!(d.disputes[0].positions[0].0.holder, Some(2));
    }

    #[test]
    fn a_concessive_denial_disputes_its_own_sentence_and_names_the_role() {
        let text = "The mayor has admitted that he used city cars, although his spokesperson has denied it.";
        let actors = actors_of(text, &[("mayor", ActorKind::Person)]);
        let d = find_disputes(text, &actors, &[], &[]);
        assert_eq!(d.disputes.len(), 1);
        let dispute = &d.disputes[0];
        assert_eq!(dispute.claim, Stated { start: 0, end: text.len(), holder: Some(0) });
        let (pos, stance) = dispute.positions[0];
        assert_eq!((pos.start, pos.end, stance), (0, text.len(), Stance::Denies));
        assert_eq!(pos.holder, Some(1));
        assert_eq!(d.extra_actors[0].name, "his spokesperson");
    }

    #[test]
    fn a_dateline_place_is_not_the_holder() {
        let text = "LAGOS, Nigeria \u{2013} The union claims that the fuel subsidy was cut in secret. \
            The finance minister denied that the subsidy was cut in secret.";
        let actors = actors_of(
            text,
            &[("LAGOS", ActorKind::Place), ("union", ActorKind::Organization), ("finance minister", ActorKind::Person)],
        );
        let d = find_disputes(text, &actors, &[], &[]);
        assert_eq!(d.disputes[0].claim.holder, Some(1));
        assert_eq!(dateline_end("lagos, nigeria \u{2013} the union"), "lagos, nigeria \u{2013} ".len());
        assert_eq!(dateline_end("the union said - maybe"), 0);
        let far = format!("{}\u{2013} x", "a".repeat(60));
        assert_eq!(dateline_end(&far), 64);
        assert_eq!(dateline_end(&format!("a{far}")), 0);
        assert_eq!(dateline_end(&format!("{}é\u{2013} x", "a".repeat(59))), 0);
        assert_eq!(dateline_end(&format!("{}é\u{2014} x", "a".repeat(58))), 64);
    }

    #[test]
    fn first_dashes_are_those_a_search_finds() {
        for head in ["", "a - b", "x\u{2014} y - z\u{2013} w", "--- ", "\u{2014}\u{2014} ", "é-\u{2012} - ", "-"] {
            let want = DASHES.map(|dash| head.find(dash));
            assert_eq!(first_dashes(head.as_bytes()), want, "{head:?}");
        }
    }

    #[test]
    fn a_demonym_names_the_country_that_holds_the_claim() {
        let text = "The Chinese plan suggests that tariffs should fall next year. \
            Officials in Washington rejected the Chinese plan as unworkable for tariffs.";
        let actors = actors_of(text, &[("China", ActorKind::Place), ("Washington", ActorKind::Place)]);
        let d = find_disputes(text, &actors, &[], &[]);
        assert_eq!(d.disputes.len(), 1);
        assert_eq!(d.disputes[0].claim.holder, Some(0));
        let israel = actors_of("Israel", &[("Israel", ActorKind::Place)]);
        assert_eq!(demonym_of("the Israeli cabinet", &Actors::new(&israel)), Some(0));
        let russia = actors_of("Russia", &[("Russia", ActorKind::Place)]);
        assert_eq!(demonym_of("Russia itself", &Actors::new(&russia)), None);
        // Only places, and only stems of three chars or more.
        let places = actors_of("Goa Chad", &[("Chad", ActorKind::Person), ("Goa", ActorKind::Place)]);
        assert_eq!(demonym_of("Chadian and Goan", &Actors::new(&places)), None);
    }

    #[test]
    fn a_quoted_claim_is_held_by_its_speaker_not_by_names_inside_it() {
        let text = "“The union will strike until wages rise,” the chairman claimed on Monday. \
            The company denied that the union will strike over wages.";
        let actors = actors_of(
            text,
            &[
                ("union", ActorKind::Organization),
                ("chairman", ActorKind::Person),
                ("company", ActorKind::Organization),
            ],
        );
        let q = QuoteSpan { open: 0, start: 3, end: 40, close: Some(43) };
        let who = Attribution {
            kind: super::super::QuoteKind::Direct,
            speaker: Some(super::super::attribution::SpeakerFound { actor: Some(1), start: 48, end: 56 }),
            continues: None,
        };
        let d = find_disputes(text, &actors, &[q], &[who]);
        assert_eq!(d.disputes.len(), 1);
        assert_eq!(d.disputes[0].claim.holder, Some(1));
        assert_eq!(d.disputes[0].positions[0].0.holder, Some(2));
    }

    /// A position's head lower-cased is a head of its sentence lower-cased
    /// ([`Sentence::lower`]), long enough, and the reporting verbs found
    /// before any cue in it are those found in the whole.
    #[test]
    fn a_lower_cased_head_reads_as_the_whole_sentence() {
        let text = "Mr Baker SAID they had Noted it. ΣΑΣ said noted. He Said it — “no” Σ said. Explained Insisted.";
        let mut scratch = Scratch::default();
        let mut kept = Kept::default();
        let sents = read_all(text, Toks::default(), &[], &mut scratch, &mut kept);
        let (mut whole, mut head) = (String::new(), String::new());
        let mut cases = 0;
        for sent in &sents {
            let whole = sent.lower(text, &mut whole);
            for cue in 0..=whole.len() {
                let head = sent.lower_head(text, cue + REPORTING_LEN + 4, &mut head);
                assert!(whole.starts_with(head) && head.len() >= whole.len().min(cue + REPORTING_LEN + 4));
                let want = find_words(whole, REPORTING, cue);
                assert_eq!(find_words(head, REPORTING, cue), want, "{whole:?} {cue}");
                cases += want.iter().flatten().count();
            }
        }
        assert!(cases > 20, "{cases}");
    }

    #[test]
    fn labels_are_capitalized_as_by_chars() {
        for label in ["", "a b", "Ab", "1x", "ßa", "éa", "ǆx", "…", " x"] {
            let mut chars = label.chars();
            let want: String = chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect());
            assert_eq!(capitalized(label.to_string()), want, "{label:?}");
        }
    }

    /// The weight a claim shares with a position is the sum, in the
    /// order of their hashes, of the weights of the distinct words both
    /// hold: what merging their sorted, distinct hashes gave.
    #[test]
    fn shared_words_weigh_as_a_merge_of_sorted_hashes() {
        let hashes = [90u64, 10, 50, 30, 70, 110, 20, 130, 0, 40, 120];
        let mut df = DocFreq::default();
        let ids: Vec<u32> = hashes.iter().map(|&h| df.id(read::Stem::Hashed(h)).unwrap_or(u32::MAX)).collect();
        // Counts from 1 to 6 sentences: weights 1, 1, 1, 1, 0.8, 0.666...
        for n in 0..6 {
            df.count_sentence(&ids.iter().skip(n).map(|&id| (id, 0)).collect::<Vec<_>>());
        }
        let weights = Weights(df);
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        let mut shared = Shared::new(ids.len());
        for round in 0..200 {
            // Marks run out (here, not after 4 G positions) and start again.
            if round == 100 {
                shared.mark = u32::MAX - 1;
            }
            let mut pick =
                |n: u64| -> Vec<u32> { (0..next() % n).map(|_| ids[(next() % ids.len() as u64) as usize]).collect() };
            let (claim, position) = (pick(12), pick(12));
            let sorted = |words: &[u32]| {
                let mut h: Vec<u64> = words.iter().map(|&id| weights.0.word(id)).collect();
                h.sort_unstable();
                h.dedup();
                h
            };
            let (a, b) = (sorted(&claim), sorted(&position));
            let by_hash = |h: u64| ids[hashes.iter().position(|&x| x == h).unwrap_or(0)];
            let want: f32 = a.iter().filter(|h| b.binary_search(h).is_ok()).map(|&h| weights.of(by_hash(h))).sum();
            shared.mark(&position);
            assert_eq!(shared.weight(&claim, &weights).to_bits(), want.to_bits(), "{claim:?} {position:?}");
        }
    }

    #[test]
    fn unquoted_drops_mentions_within_a_quote_only() {
        let m = |start, end| Mention { start, end };
        let quotes = [
            QuoteSpan { open: 9, start: 10, end: 20, close: Some(20) },
            QuoteSpan { open: 29, start: 30, end: 40, close: None },
        ];
        let mut u = Unquoted::new(&quotes);
        let kept: Vec<bool> = [m(0, 5), m(10, 14), m(15, 20), m(18, 22), m(25, 28), m(30, 40), m(41, 45)]
            .iter()
            .map(|x| u.keeps(x))
            .collect();
        assert_eq!(kept, [true, false, false, true, true, false, true]);
    }

    /// Keys sorted by buckets come out as `sort_unstable` has them: spread
    /// as mentions are, repeated, crowding one bucket (the insertion
    /// sort's moves run out), reversed, at lengths about the threshold.
    /// Packed or not, mentions sort by start, longer first, then actor.
    #[test]
    fn holders_mentions_are_by_start_longer_first_then_actor() {
        let m = |start, end| Mention { start, end };
        let actor = |mentions: Vec<Mention>| ActorFound { name: String::new(), kind: ActorKind::Person, mentions };
        let actors = [
            actor(vec![m(0, 4), m(10, 14), m(30, 32)]),
            actor(vec![m(0, 12), m(10, 14), m(20, 25)]),
            actor(vec![m(0, 4), m(5, 6), m(40, 45)]),
        ];
        let quote = QuoteSpan { open: 39, start: 40, end: 46, close: Some(46) };
        let mut want: Vec<(Mention, usize)> =
            actors.iter().enumerate().flat_map(|(i, a)| a.mentions.iter().map(move |x| (*x, i))).collect();
        want.sort_unstable_by_key(|&(x, i)| (x.start, std::cmp::Reverse(x.end), i));
        want.retain(|(x, _)| x.start != 40);
        assert_eq!(holders_mentions(&actors, &[quote]), want);
        // A span too long to pack: the same order, by the other sort.
        let mut long = actors.clone();
        long[2].mentions.push(m(50, 50 + 0x10000));
        let mut want: Vec<(Mention, usize)> =
            long.iter().enumerate().flat_map(|(i, a)| a.mentions.iter().map(move |x| (*x, i))).collect();
        want.sort_unstable_by_key(|&(x, i)| (x.start, std::cmp::Reverse(x.end), i));
        assert_eq!(sorted_mentions(&long, &mut Unquoted::new(&[])), want);
        assert_eq!(sorted_mentions(&actors, &mut Unquoted::new(&[])).len(), 9);
        // The same quote dropped by the other sort too.
        let mut want_long: Vec<(Mention, usize)> = want.clone();
        want_long.retain(|(x, _)| x.start != 40);
        assert_eq!(holders_mentions(&long, &[quote]), want_long);
    }

    #[test]
    fn unrelated_counter_cues_make_no_dispute() {
        let text = "The council claims the park will open in May. The referee rejected the penalty appeal.";
        let d = find_disputes(text, &[], &[], &[]);
        assert!(d.disputes.is_empty(), "{:?}", d.disputes);
    }

    #[test]
    fn odd_text_is_safe() {
        for t in ["", "denied.", "They claim. They deny.", "Ünïcödé claims ß. Он denied it.", "although denied"]
        {
            let d = find_disputes(t, &[], &[], &[]);
            for x in &d.disputes {
                assert!(x.claim.start < x.claim.end && x.claim.end <= t.len());
            }
        }
    }
}
