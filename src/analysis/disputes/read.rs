//! Reading every sentence once for the disputes stage: its cues, its
//! content words (stemmed, by ids) and the text's document frequencies.
//!
//! This is the only per-byte work of the stage, so it is one scan over the
//! text's bytes with a class table, which also finds where each sentence
//! ends (asking [`mark_at`] at each end mark the words leave between
//! them: no pass of its own for the sentences), lower-casing ASCII on the fly:
//! a word of up to fifteen ASCII bytes is found and packed from eight-byte
//! loads ([`ascii_word_at`]), longer ones eight bytes at a time. No `char`
//! decoding but for wider chars, and no string per word while reading (nor
//! per sentence: a sentence the linking reads again is lower-cased then,
//! see [`lower_into`]). A word of wider chars is lower-cased char by char as it is
//! read; a sentence holding a char whose lower case is not one char of its
//! own length ("İ", a capital sigma, the Kelvin sign) is read again from
//! an exact lower-cased copy, as before. Either way the result is what reading
//! `str::to_lowercase` of the sentence gives. Words of up to sixteen
//! bytes, most of a text, are read once: what they say is remembered
//! ([`Known`]): its stem's id in the document frequencies ([`DocFreq`],
//! counted by id as it is read) and the cues it is the first word of.
//!
//! Given the actor stage's tokens of the text ([`Toks`]), the reader walks
//! them instead of the bytes where they are its own words ([`walk`]): a
//! word of ASCII letters and digits ended by ASCII (most of a news text)
//! is taken as the tokenizer found it and read by its word id, one array
//! load ([`Reader::token_reading`]); any other stretch (line breaks,
//! chars beyond ASCII, "U.S.", "Putin’s", the "then-" of
//! "then-Secretary") is read by the byte scan, so that the words, offsets,
//! cues and sentence ends are the same as the scan's alone (tested on the
//! bench texts and random mixes).

use super::{Sentence, Stance, CLAIM_CUES, CONCESSIVE, CONTRASTIVE, COUNTER_CUES};
use crate::analysis::actors::classes::{pack8, pack_const};
use crate::analysis::actors::hash::Quick;
use crate::analysis::actors::tokens::Tok;
use crate::analysis::actors::{Mention, Tokenized};
#[cfg(test)]
use crate::text::bytes::ascii_lower8;
use crate::text::bytes::{alnum_end, byte_classes, first_flagged, load8, low_bytes, non_alnum_bytes, HIGH};
use crate::text::segment::{longest, mark_at, sentence_end, trimmed, Mark};
use std::hash::BuildHasher;
use std::ops::Range;

/// Buffers reused from one sentence to the next, so that reading a
/// sentence allocates only what it keeps, and what is counted over all
/// sentences.
#[derive(Default)]
pub(super) struct Scratch {
    lower: String,
    reader: Reader,
    /// The first mention not before the last sentence read (sentences come
    /// in text order, so this only moves forward).
    mention: usize,
}

impl Scratch {
    /// Buffers for reading a text of `len` bytes: the memories of short
    /// and long words are sized to it (see [`Known::for_text`]), or, when
    /// the actor tokens are given (`tokens`), to the little the byte scan
    /// then reads ([`Known::for_tokens`]).
    pub(super) fn for_text(len: usize, tokens: bool) -> Self {
        // Room for a long sentence's words at once: grown word by word,
        // the buffer would be moved five times or so.
        let words = Vec::with_capacity(64);
        let reader = Reader {
            words,
            spelt: Vec::new(),
            known: if tokens { Known::for_tokens() } else { Known::for_text(len) },
            df: DocFreq::default(),
            by_id: Vec::new(),
            chars: WideMemo::default(),
        };
        Scratch { lower: String::new(), reader, mention: 0 }
    }

    /// The document frequencies of the content words of the sentences read.
    pub(super) fn doc_freq(self) -> DocFreq {
        self.reader.df
    }
}

/// What one scan of a sentence found.
#[derive(Default)]
struct Found {
    claim_cue: Option<usize>,
    counter: Option<(usize, Stance)>,
    /// Where each of the concessive conjunctions first stands.
    concessive: [Option<usize>; CONCESSIVE.len()],
    /// Whether a contrastive connective stands anywhere.
    contrastive: bool,
    /// With `SPLIT` (see [`scan`]): where the sentence ends, before its
    /// white space is trimmed, and where the next starts.
    end: usize,
    next: usize,
}

impl Found {
    /// The same findings with their offsets taken from `base` on: a
    /// scan of the whole text finds them at the text's offsets, a
    /// sentence keeps them from its own start.
    fn rebased(self, base: usize) -> Found {
        let at = |x: usize| x - base;
        Found {
            claim_cue: self.claim_cue.map(at),
            counter: self.counter.map(|(x, st)| (at(x), st)),
            concessive: self.concessive.map(|c| c.map(at)),
            ..self
        }
    }
}

/// The words of the kept sentences (claims and positions), one buffer
/// for the whole text, and where each kept sentence's are, in text order:
/// a sentence kept is a range of it, not a list of its own (some 20
/// allocations fewer on a 9 KB article; allocating costs most in wasm).
/// See [`Kept::bind`]. (No lower-cased copy is kept: the few sentences
/// that end in a dispute are lower-cased when it is made, some 1.5 KB of
/// a 9 KB article rather than the 4 KB of all claims and positions, a
/// byte at a time in wasm; see [`super::Sentence::lower`].)
#[derive(Default)]
pub(super) struct Kept {
    /// The content words' stem ids in their order (see
    /// [`Sentence::in_order`]): as read, neither sorted nor hashed (the
    /// linking compares ids, and orders by hash only the few words a
    /// claim and a position share).
    in_order: Vec<u32>,
    /// The range of `in_order` of each kept sentence.
    spans: Vec<Range<usize>>,
}

impl Kept {
    /// Buffers for a text of `len` bytes, sized for the claims and
    /// positions of an article dense with disputes (the bench texts keep
    /// some 45 % of their bytes, a word per 20 bytes and a sentence per
    /// 380), so that they are not moved as they grow: grown from an
    /// eighth, they were moved eight times on a 9 KB article and ended at
    /// these capacities anyway (on such an article the peak heap does not
    /// rise; one with fewer claims reserves more than it fills: the two
    /// capacities come to about a third of the text's length in bytes).
    pub(super) fn for_text(len: usize) -> Self {
        Kept { in_order: Vec::with_capacity(len / 16), spans: Vec::with_capacity(len / 256) }
    }

    /// Gives the kept ones of `sents` (those [`read_sentence`] read into
    /// these buffers, in the same order) their words.
    pub(super) fn bind<'k>(&'k self, sents: &mut [Sentence<'k>]) {
        let kept = sents.iter_mut().filter(|s| s.is_kept());
        for (sent, in_order) in kept.zip(&self.spans) {
            sent.in_order = self.in_order.get(in_order.clone()).unwrap_or_default();
        }
    }
}

/// Every sentence of `text` (as [`crate::text::segment::sentences`] cuts them), read once; a
/// claim's or a position's words go into `kept`.
///
/// The sentences' ends are found by the reading of the words ([`walk`]:
/// the actor tokens `toks` where they are the scan's words, else the scan
/// with `SPLIT`), which sees every byte anyway, not by a pass of their
/// own: some 12 instructions a byte fewer. A sentence whose scan gives up
/// (a char that lower-cases to another length) is cut by [`sentence_end`]
/// and read from a lower-cased copy ([`read_sentence`]).
pub(super) fn read_sentences<'m>(
    text: &str,
    toks: Toks,
    mentions: &'m [(Mention, usize)],
    scratch: &mut Scratch,
    kept: &mut Kept,
) -> Vec<Sentence<'m>> {
    // A news sentence is 100 to 200 bytes: room for one per 128, so
    // that the list is seldom moved as it grows.
    let mut sents = Vec::with_capacity(text.len() / 128 + 1);
    let by_id = &mut scratch.reader.by_id;
    by_id.clear();
    by_id.resize(toks.distinct, UNREAD);
    // The first token not read yet.
    let mut k = 0;
    let mut from = 0;
    while from < text.len() {
        let found = walk(text, from, toks, &mut k, &mut scratch.reader);
        let (end, next) = found.as_ref().map_or_else(|| sentence_end(text, from), |f| (f.end, f.next));
        if let Some((start, end)) = trimmed(text, from, end) {
            sents.push(match found {
                Some(found) => finish_sentence(start..end, found, start, mentions, scratch, kept),
                None => read_sentence(text, start, end, mentions, scratch, kept),
            });
        }
        from = next;
    }
    sents
}

/// Reads one sentence: its actors, words and cues; a claim's or a
/// position's words go into `kept`.
pub(super) fn read_sentence<'m>(
    text: &str,
    start: usize,
    end: usize,
    mentions: &'m [(Mention, usize)],
    scratch: &mut Scratch,
    kept: &mut Kept,
) -> Sentence<'m> {
    let src = &text[start..end];
    // The sentence's own bytes, lower-cased char by char as they are read,
    // when every char lower-cases to one char of its own length; else a
    // lower-cased copy (whose cues count only if it kept the byte length).
    let found = match scan::<false, false>(src, 0, true, &mut scratch.reader) {
        Some(found) => found,
        None => {
            lower_into(&mut scratch.lower, src);
            let aligned = scratch.lower.len() == src.len();
            scan::<true, false>(&scratch.lower, 0, aligned, &mut scratch.reader).unwrap_or_default()
        }
    };
    finish_sentence(start..end, found, 0, mentions, scratch, kept)
}

/// The sentence `span` of the text made from what its scan found (`found`
/// and its words in `scratch.reader`, at offsets where the sentence
/// starts at `base`: the text's, or the sentence's own): its mentions,
/// its words counted, and a claim's or a position's words kept.
fn finish_sentence<'m>(
    span: Range<usize>,
    found: Found,
    base: usize,
    mentions: &'m [(Mention, usize)],
    scratch: &mut Scratch,
    kept: &mut Kept,
) -> Sentence<'m> {
    let (start, end) = (span.start, span.end);
    let found = found.rebased(base);
    let first = first_mention_from(mentions, start, &mut scratch.mention);
    let mentions = &mentions[first..];
    // Those starting in the sentence, counted one by one: few per
    // sentence, and each counted once over the text.
    let within = mentions.iter().take_while(|(m, _)| m.start < end).count();
    let mentions = &mentions[..within];
    // The next sentence starts at `end` or after: its first mention is
    // not before these ends, so they are not walked again.
    scratch.mention = first + within;
    // Document frequencies were counted by the scan, word by word: no
    // sentence but a claim or a position needs its words again, so the
    // others are not kept.
    let Reader { words: ids, df, .. } = &mut scratch.reader;
    df.end_sentence();
    // The words are given once all is read (see [`Kept::bind`]), as the
    // buffer may still move.
    let mut sentence = Sentence {
        start,
        end,
        mentions,
        in_order: &[],
        cue_words: 0,
        claim_cue: found.claim_cue,
        counter: found.counter,
        concessive: found.concessive,
        contrastive: found.contrastive,
    };
    if sentence.is_kept() {
        let ordered = kept.in_order.len();
        kept.in_order.extend(ids.iter().map(|&(id, _)| id));
        kept.spans.push(ordered..kept.in_order.len());
        let cue = found.counter.map(|(at, _)| at).or(found.claim_cue).unwrap_or(0);
        sentence.cue_words = ids.partition_point(|&(_, at)| at - base < cue);
    }
    sentence
}

/// The index of the first of `mentions` (sorted by start) that starts at
/// or after `start`: what a binary search gives, found by moving `cursor`
/// forward from the previous sentence's (a binary search when `start` is
/// before that).
fn first_mention_from(mentions: &[(Mention, usize)], start: usize, cursor: &mut usize) -> usize {
    let mut k = (*cursor).min(mentions.len());
    if k > 0 && mentions[k - 1].0.start >= start {
        k = mentions.partition_point(|(m, _)| m.start < start);
    } else {
        while k < mentions.len() && mentions[k].0.start < start {
            k += 1;
        }
    }
    *cursor = k;
    k
}

/// The byte classes of the scan: ASCII letters and digits, other ASCII,
/// and bytes of wider chars.
/// `MARK`: the ASCII chars that may end a sentence (`.`, `!`, `?` and
/// a line break), other ASCII to a scan that does not look for ends.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const WIDE: u8 = 2;
const MARK: u8 = 3;

static CLASS: [u8; 256] = byte_classes!(
    |c| if c.is_ascii_alphanumeric() {
        ALNUM
    } else if matches!(c, b'.' | b'!' | b'?' | b'\n') {
        MARK
    } else {
        OTHER
    },
    wide: WIDE
);

/// Scans `s` (a sentence, or with `LOWERED` its lower-cased copy) word by
/// word: pushes its content words' ids in the document frequencies into
/// `words` (cleared first; see [`DocFreq::id`]) and
/// finds its cues when `cues` is set. Words are keyed and matched as
/// `str::to_lowercase` of the sentence spells them: ASCII letters are
/// lower-cased as they are read, and a word with wider chars is spelt
/// lower-cased in `buf`.
///
/// Without `LOWERED`, gives up (`None`) at the first char that does not
/// lower-case to one char of its own byte length (see [`lower_char`]): such
/// a sentence must be lower-cased by the standard library first. With it,
/// wider chars are letters or not by [`char::is_alphanumeric`], like the
/// words of the old per-char reader of the lower-cased sentence.
///
/// Reads from byte `from`. With `SPLIT`, `s` is the whole text and
/// `from` a sentence's start (before trimming, as
/// [`crate::text::segment::sentences`] has it):
/// the scan stops where that sentence ends (by [`mark_at`], asked at each
/// mark the words leave between them), and says where (`found.end` and
/// `.next`); the offsets it gives are the text's. Without, it reads to
/// the end of `s`.
fn scan<const LOWERED: bool, const SPLIT: bool>(
    s: &str,
    from: usize,
    cues: bool,
    reader: &mut Reader,
) -> Option<Found> {
    reader.words.clear();
    let mut found = Found::default();
    let (end, next) = match scan_to::<LOWERED, SPLIT>(s, from, from, usize::MAX, cues, reader, &mut found)? {
        Stop::End(end, next) => (end, next),
        // (No limit: the scan reads to an end.)
        Stop::At(_) => (s.len(), s.len()),
    };
    Some(Found { end, next, ..found })
}

/// Where [`scan_to`] stopped.
enum Stop {
    /// The sentence ends at the first, the next starts at the second.
    End(usize, usize),
    /// At the limit: looking for a word from this byte (at or past the
    /// limit) on.
    At(usize),
}

/// [`scan`]'s reading of `s` from byte `i` (`from` the sentence's start),
/// its findings added to `found` and its words to `reader.words`, up to
/// `limit`: it stops where it would look for a word at or past `limit`
/// ([`Stop::At`]; a word starting before `limit` is read whole), or where
/// the sentence ends ([`Stop::End`], with `SPLIT`; the end of `s`
/// without). `None`: it gave up (see [`scan`]). The [`walk`] of the actor
/// tokens hands the scan the stretches that are not plain tokens.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn scan_to<const LOWERED: bool, const SPLIT: bool>(
    s: &str,
    from: usize,
    mut i: usize,
    limit: usize,
    cues: bool,
    reader: &mut Reader,
    found: &mut Found,
) -> Option<Stop> {
    let Reader { words, spelt: buf, known, df, chars, .. } = reader;
    let b = s.as_bytes();
    loop {
        // The next word's start.
        let start = loop {
            let Some(&c) = b.get(i) else { return Some(Stop::End(b.len(), b.len())) };
            if i >= limit {
                return Some(Stop::At(i));
            }
            let mark = match CLASS[usize::from(c)] {
                ALNUM => break i,
                MARK if SPLIT => true,
                OTHER | MARK => {
                    i += 1;
                    false
                }
                _ => {
                    let w = wide::<LOWERED>(s, i, chars)?;
                    if w.alnum {
                        break i;
                    }
                    if !(SPLIT && w.lower == '…') {
                        i += w.len;
                    }
                    SPLIT && w.lower == '…'
                }
            };
            if mark {
                match mark_at(s, from, i) {
                    Some(Mark::Line) => return Some(Stop::End(i, i + 1)),
                    Some(Mark::Ends(end)) => return Some(Stop::End(end, end)),
                    Some(Mark::Goes(next)) => i = next,
                    None => return Some(Stop::End(b.len(), b.len())),
                }
            }
        };
        // Most words are ASCII and end within sixteen bytes at an ASCII
        // byte or a curly quote: a load or two find the end and pack the
        // word.
        let fold = if LOWERED { 0 } else { 0x20 };
        let folded = u64::from_ne_bytes([fold; 8]);
        if let Some((len, stop, head, last)) = ascii_word_at(b, start, folded) {
            // The char after it is no letter or digit, and a plain mark if
            // not ASCII: no word starts there, nothing else changes; but
            // one that may end the sentence is looked at next.
            i = start + len;
            if !(SPLIT && may_end(b, i, stop)) {
                i += stop;
            }
            if len >= 2 {
                let word = &b[start..start + len];
                let read = if len <= 8 {
                    known.get(head, || classify(word, fold, head, df))
                } else {
                    known.get_long((head, last | folded, len), || classify(word, fold, head, df))
                };
                take(read, s, start, cues, words, df, found);
            }
            continue;
        }
        // Else its end: runs of ASCII letters and digits by a word-at-a-time
        // search, then a wider char, if any, decides.
        i = alnum_end(b, i);
        let mut spelt = false;
        while b.get(i).is_some_and(|&c| CLASS[usize::from(c)] == WIDE) {
            let w = wide::<LOWERED>(s, i, chars)?;
            if !w.alnum {
                break;
            }
            if !LOWERED {
                if !spelt {
                    buf.clear();
                    buf.extend(b[start..i].iter().map(u8::to_ascii_lowercase));
                    spelt = true;
                }
                let mut utf8 = [0u8; 4];
                buf.extend_from_slice(w.lower.encode_utf8(&mut utf8).as_bytes());
            }
            let from = i + w.len;
            i = alnum_end(b, from);
            if spelt {
                buf.extend(b[from..i].iter().map(u8::to_ascii_lowercase));
            }
        }
        // The word as the lower-cased sentence spells it, and what or-ing
        // each byte with 0x20 does to it: lower-cases it when it is ASCII
        // letters and digits read from the sentence; nothing to a spelt or
        // lower-cased word (whose wider bytes it must not touch).
        let (word, fold) = if spelt { (&buf[..], 0) } else { (&b[start..i], fold) };
        let len = word.len();
        if len >= 2 {
            // The first eight bytes, packed and lower-cased: the whole word
            // when it is short, as most are, so what it says is looked up
            // in the words already read.
            let head = pack8(&word[..len.min(8)]).unwrap_or(0) | (u64::from_ne_bytes([fold; 8]) & low_bytes(len));
            let read = if len <= 8 {
                known.get(head, || classify(word, fold, head, df))
            } else if len <= 16 {
                // The last eight bytes too: with the first eight and the
                // length, the whole word.
                let tail = pack8(&word[len - 8..]).unwrap_or(0) | u64::from_ne_bytes([fold; 8]);
                known.get_long((head, tail, len), || classify(word, fold, head, df))
            } else {
                classify(word, fold, head, df)
            };
            take(read, s, start, cues, words, df, found);
        }
    }
}

/// What a word read at `start` of `s` does: its stem's id (per `read`)
/// is pushed to `words` and counted, and with `cues` the cues it begins
/// are looked for.
#[inline(always)]
fn take(
    read: Reading,
    s: &str,
    start: usize,
    cues: bool,
    words: &mut Vec<(u32, usize)>,
    df: &mut DocFreq,
    found: &mut Found,
) {
    if let Some(id) = read.id() {
        words.push((id, start));
        df.count(id);
    }
    if cues && read.cues != 0 {
        cue_at(s, start, read.cues, found);
    }
}

/// The actor stage's tokens as the reader walks them (see [`walk`]):
/// none for a text read by its bytes alone.
#[derive(Clone, Copy, Default)]
pub(in crate::analysis) struct Toks<'t> {
    toks: &'t [Tok],
    /// Each token's word id.
    ids: &'t [u32],
    /// How many distinct words (ids).
    distinct: usize,
}

impl<'t> Toks<'t> {
    /// The tokens of `t` that have their word ids (all of them: one id
    /// per token), so that the walk never meets a token without.
    pub(in crate::analysis) fn of(t: &'t Tokenized) -> Self {
        let n = t.toks.len().min(t.ids.len());
        Toks { toks: &t.toks[..n], ids: &t.ids[..n], distinct: t.distinct }
    }
}

/// What [`scan`] with `SPLIT` finds for the sentence of `text` from
/// `from`, read from the actor tokens `toks` where they are the scan's
/// own words (from the `*k`th on, `*k` moved past those read): most of a
/// news text is words of ASCII letters and digits between single spaces
/// and ASCII punctuation, whose tokens are read with one or two
/// eight-byte loads and what their word says is remembered by its id
/// ([`Reader::token_reading`]), not found, packed and looked up again.
/// Anything else (the gaps that are not one space, line breaks, chars
/// beyond ASCII, "U.S.", "Putin’s", "then-" before "Secretary") is read
/// by the scan itself ([`scan_to`]), so the words, offsets, cues and
/// sentence ends are exactly the scan's. Every step taken from a token is
/// checked against the bytes (see [`word_step`]): the tokens only say
/// where to look.
fn walk(text: &str, from: usize, toks: Toks, k: &mut usize, reader: &mut Reader) -> Option<Found> {
    reader.words.clear();
    let mut found = Found::default();
    let b = text.as_bytes();
    let mut i = from;
    // (A copy of the cursor, so that it stays in a register.)
    let mut at = *k;
    let found = loop {
        // The tokens the scan or a mark passed over.
        while toks.toks.get(at).is_some_and(|t| t.s() < i) {
            at += 1;
        }
        let step = match toks.toks.get(at) {
            // Past the tokens (a text longer than they cover): the scan
            // reads the rest.
            None => Step::Scan(usize::MAX),
            Some(t) => {
                let s = t.s();
                if next_at(s, b, i) {
                    // Most tokens: words of ASCII letters and digits,
                    // ended by ASCII, the scan's words as they are.
                    if t.ascii() {
                        i = ascii_run(text, toks, &mut at, i, reader, &mut found);
                        continue;
                    }
                    let id = toks.ids.get(at).copied();
                    at += 1;
                    i = s;
                    if t.is_word() {
                        word_step(text, t, id, reader, &mut found)
                    } else {
                        // Punctuation: ASCII but an end mark is stepped
                        // over, as the scan steps over it.
                        match b.get(s).map(|&c| CLASS[usize::from(c)]) {
                            Some(OTHER) => {
                                i = s + 1;
                                continue;
                            }
                            Some(MARK) => Step::Mark(s),
                            _ => Step::Scan(s + 1),
                        }
                    }
                } else {
                    // A gap of more than one space: the scan reads it.
                    Step::Scan(s)
                }
            }
        };
        match step {
            Step::Went(next) => i = next,
            Step::Mark(at) => match mark_at(text, from, at) {
                Some(Mark::Line) => break Some(Found { end: at, next: at + 1, ..found }),
                Some(Mark::Ends(end)) => break Some(Found { end, next: end, ..found }),
                Some(Mark::Goes(next)) => i = next,
                None => break Some(Found { end: b.len(), next: b.len(), ..found }),
            },
            Step::Scan(limit) => match scan_text(text, from, i, limit, reader, &mut found) {
                Some(Stop::At(at)) => i = at,
                Some(Stop::End(end, next)) => break Some(Found { end, next, ..found }),
                None => break None,
            },
        }
    };
    *k = at;
    found
}

/// [`scan_to`] of the text (with `SPLIT`, finding cues) for the [`walk`],
/// out of line: the scan loop then has its registers to itself, not the
/// walk's cursor and tokens as well (some 3 K instructions fewer on a
/// 9 KB article, read by the scan alone as its tokens are not kept),
/// and there is one copy of it.
#[inline(never)]
fn scan_text(text: &str, from: usize, i: usize, limit: usize, reader: &mut Reader, found: &mut Found) -> Option<Stop> {
    scan_to::<false, true>(text, from, i, limit, true, reader, found)
}

/// The [`walk`] over a run of [`Tok::ascii`] tokens from the `*k`th (the
/// first at `i` or after one space from it, each the next: [`next_at`]):
/// each word is read by its id, as [`Reader::token_reading`] reads it,
/// and taken as the scan takes it; ASCII punctuation that ends no
/// sentence between them is stepped over ([`steps_over`]). Gives where the scan would look next,
/// past the run's last word (`*k` past its token; at least the first,
/// as the walk hands it only a token in the run, and a token has an id,
/// see [`Toks::of`]). A loop of its own over the reader's buffers
/// borrowed apart, not inlined in the walk: only the document
/// frequencies are read again after a word is read the first time, the
/// rest stays in registers (in the walk, with the scan inlined, the
/// cursor, the text and every buffer were reloaded at each token).
#[inline(never)]
fn ascii_run(text: &str, toks: Toks, k: &mut usize, mut i: usize, reader: &mut Reader, found: &mut Found) -> usize {
    let b = text.as_bytes();
    let Reader { words, df, by_id, .. } = reader;
    let by_id = by_id.as_mut_slice();
    let from = *k;
    let mut n = 0;
    let run = toks.toks.get(from..).unwrap_or_default();
    for (t, &id) in run.iter().zip(toks.ids.get(from..).unwrap_or_default()) {
        let s = t.s();
        if !next_at(s, b, i) {
            break;
        }
        if t.ascii() {
            let len = t.e().saturating_sub(s);
            if len >= 2 {
                let read = reading_by_id(by_id, id, b, s, len, df);
                take(read, text, s, true, words, df, found);
            }
            i = s + len;
        } else if steps_over(t, b) {
            i = s + 1;
        } else {
            break;
        }
        n += 1;
    }
    *k = from + n;
    i
}

/// Whether punctuation token `t` (where the walk looks next) is ASCII
/// that ends no sentence (a comma, a straight quote, a parenthesis), which
/// the walk and the scan step over, one byte: so a run goes on past it
/// rather than handing it back to the walk (some 80 times on the seed).
#[inline(always)]
fn steps_over(t: &Tok, b: &[u8]) -> bool {
    !t.is_word() && b.get(t.s()).is_some_and(|&c| CLASS[usize::from(c)] == OTHER)
}

/// Whether a token starting at byte `s` is where the walk at byte `i` of
/// `b` looks next: at `i`, or after one space.
#[inline(always)]
fn next_at(s: usize, b: &[u8], i: usize) -> bool {
    s == i || (s == i + 1 && b.get(i) == Some(&b' '))
}

/// What the [`walk`] does next.
enum Step {
    /// Goes on from this byte.
    Went(usize),
    /// Asks [`mark_at`] about the mark at this byte.
    Mark(usize),
    /// Has the scan read on to this limit (see [`scan_to`]).
    Scan(usize),
}

/// The [`walk`]'s step at word token `t` (where the scan would look for
/// a word) that is not [`Tok::ascii`], whose word id is `id`: a word of
/// ASCII letters and digits, perhaps with a last `.` ("Mr.", whose `.` is
/// then asked about), that is the scan's word ([`ascii_token_word`]) is
/// read by its id; the scan reads anything else.
#[inline(never)]
fn word_step(text: &str, t: &Tok, id: Option<u32>, reader: &mut Reader, found: &mut Found) -> Step {
    let b = text.as_bytes();
    let s = t.s();
    let Some((len, dotted)) = ascii_token_word(b, s, t.e()) else { return Step::Scan(t.pe().max(s + 1)) };
    if len >= 2 {
        let read = reader.token_reading(id, b, s, len);
        let Reader { words, df, .. } = reader;
        take(read, text, s, true, words, df, found);
    }
    if dotted {
        Step::Mark(s + len)
    } else {
        Step::Went(s + len)
    }
}

/// The length of the run of ASCII letters and digits at byte `s` of `b`
/// when it is the token word `s..e` (fifteen bytes at most) or that word
/// but a last `.` ("Mr.": the second is then true), and ends at a char
/// the scan steps over as a word's end ([`stop_len`]): exactly the word
/// [`scan`] reads from `s`. `None` otherwise (or when the loads would
/// pass the end of `b`).
#[inline(always)]
fn ascii_token_word(b: &[u8], s: usize, e: usize) -> Option<(usize, bool)> {
    let stops = non_alnum_bytes(load8(b, s)?);
    let run = if stops != 0 {
        (stops.trailing_zeros() / 8) as usize
    } else {
        let more = (non_alnum_bytes(load8(b, s + 8)?).trailing_zeros() / 8) as usize;
        if more == 8 {
            return None;
        }
        8 + more
    };
    stop_len(b, s + run)?;
    let len = e.checked_sub(s)?;
    if run == len {
        Some((run, false))
    } else if run + 1 == len && b.get(s + run) == Some(&b'.') {
        Some((run, true))
    } else {
        None
    }
}

/// The word of ASCII letters and digits starting at byte `i` of `b` (a
/// `str`'s), when it ends within sixteen bytes at a char that is no letter
/// and needs no look (see [`stop_len`]): its length, that char's, the
/// eight bytes from its start as loaded (the first lowest) and or-ed with
/// `fold` (the case fold, see [`scan`]), masked to a shorter word's length
/// (so, with no fold, what [`pack8`] gives for it), and (from nine bytes
/// on) its last eight as loaded, from two or three eight-byte loads.
/// `None` otherwise, or when the loads would pass the end of `b` (the
/// caller then finds the word byte by byte). Always inlined: it runs for
/// every word, and as a call it cost the seed's reading 11 % more.
#[inline(always)]
fn ascii_word_at(b: &[u8], i: usize, fold: u64) -> Option<(usize, usize, u64, u64)> {
    let first = load8(b, i)?;
    let stops = non_alnum_bytes(first);
    if stops != 0 {
        let len = (stops.trailing_zeros() / 8) as usize;
        return Some((len, stop_len(b, i + len)?, (first | fold) & below_lowest(stops), 0));
    }
    let second = load8(b, i + 8)?;
    let stops = non_alnum_bytes(second);
    let more = (stops.trailing_zeros() / 8) as usize;
    if more == 8 {
        return None;
    }
    let len = 8 + more;
    Some((len, stop_len(b, i + len)?, first | fold, load8(b, i + len - 8)?))
}

/// Whether the char at `at` of `b`, `stop` bytes long (see [`stop_len`]),
/// is one [`mark_at`] must look at: `.`, `!`, `?`, a line break or `…`.
#[inline(always)]
fn may_end(b: &[u8], at: usize, stop: usize) -> bool {
    // A space, after most words, first.
    match b.get(at) {
        Some(b' ') | None => false,
        Some(&c) if stop == 1 => CLASS[usize::from(c)] == MARK,
        Some(_) => b.get(at..at + 3) == Some("…".as_bytes()),
    }
}

/// The bytes of a `u64` below the lowest byte whose high bit `stops` (only
/// high bits, not 0) sets: [`low_bytes`] of that byte's index, without a
/// branch on it (a word's length, a branch no predictor learns).
fn below_lowest(stops: u64) -> u64 {
    ((stops & stops.wrapping_neg()) >> 7).wrapping_sub(1)
}

/// The byte length of the char at `at` of `b` (a `str`'s; the char ends
/// an ASCII word) when it is ASCII or in U+2000..=U+203F, whose UTF-8 is
/// `E2 80 xx`: the general punctuation of news text (curly quotes and
/// apostrophes, dashes), all [`plain_mark`]s and no letters, so the scan
/// steps over it as it would. `None` for another wider char, which may
/// continue the word or need lower-casing.
fn stop_len(b: &[u8], at: usize) -> Option<usize> {
    match *b.get(at)? {
        c if c.is_ascii() => Some(1),
        0xE2 if b.get(at + 1) == Some(&0x80) => Some(3),
        _ => None,
    }
}

/// Buffers and memory of [`scan`], kept from one sentence to the next.
#[derive(Default)]
pub(super) struct Reader {
    /// The content words' ids (see [`DocFreq::id`]) of the sentence read
    /// last, with their offsets as the scan gives them.
    words: Vec<(u32, usize)>,
    /// A word with chars beyond ASCII, lower-cased.
    spelt: Vec<u8>,
    known: Known,
    /// The document frequencies, and the ids of the stems.
    df: DocFreq,
    /// The readings of the actor tokens' words by their word ids
    /// ([`UNREAD`] until read): see [`Reader::token_reading`].
    by_id: Vec<Reading>,
    /// Chars beyond ASCII already read ([`wide`]).
    chars: WideMemo,
}

impl Reader {
    /// The reading of the ASCII word of `len` (two to fifteen) bytes at
    /// `s` of `b`, a token's word whose id is `id`: the one remembered for
    /// the id, else read afresh ([`ascii_reading`]) and remembered. A word
    /// id is one spelling, so this is one array load for most words of a
    /// text.
    #[inline(always)]
    fn token_reading(&mut self, id: Option<u32>, b: &[u8], s: usize, len: usize) -> Reading {
        match id {
            Some(id) => reading_by_id(&mut self.by_id, id, b, s, len, &mut self.df),
            None => ascii_reading(b, s, len, &mut self.df),
        }
    }
}

/// The reading of word id `id`, whose token is the word of ASCII letters
/// and digits at `s..s + len` of `b`: the one remembered in `by_id`, else
/// [`ascii_reading`]'s, then remembered (an id past `by_id` is read each
/// time).
#[inline(always)]
fn reading_by_id(by_id: &mut [Reading], id: u32, b: &[u8], s: usize, len: usize, df: &mut DocFreq) -> Reading {
    match by_id.get_mut(id as usize) {
        Some(known) if known.cues != UNREAD.cues => *known,
        Some(slot) => {
            *slot = ascii_reading(b, s, len, df);
            *slot
        }
        None => ascii_reading(b, s, len, df),
    }
}

/// The reading of the word of ASCII letters and digits (two to fifteen
/// bytes) at `s..s + len` of `b`: [`classify`] given its first eight
/// bytes as the scan loads them. (Not looked up in [`Known`] first: a
/// token's word read the first time is mostly a word read the first time.)
#[inline(never)]
fn ascii_reading(b: &[u8], s: usize, len: usize, df: &mut DocFreq) -> Reading {
    let word = b.get(s..s + len).unwrap_or_default();
    let folded = u64::from_ne_bytes([0x20; 8]);
    let first = load8(b, s).unwrap_or_else(|| pack8(&word[..len.min(8)]).unwrap_or(0));
    let head = (first | folded) & low_bytes(len);
    classify(word, 0x20, head, df)
}

/// What a word says to the scan: its stem's id in the document
/// frequencies if it is a content word, and the cues it is the first word
/// of (see [`cues_of`]). The id, not the hash, so that counting a word
/// remembered ([`Known`]) needs no hash table. The id is [`EMPTY`] for
/// none (no id is), not an `Option`: the reading is then two plain words,
/// which the scan keeps in registers rather than copying to the stack.
#[derive(Clone, Copy)]
struct Reading {
    id: u32,
    cues: u64,
}

/// A word id's reading not yet known ([`Reader::by_id`]): no word has
/// every cue bit, as there are fewer cues than bits.
const UNREAD: Reading = Reading { id: EMPTY, cues: u64::MAX };

impl Default for Reading {
    fn default() -> Self {
        Reading::new(None, 0)
    }
}

impl Reading {
    fn new(id: Option<u32>, cues: u64) -> Self {
        Reading { id: id.unwrap_or(EMPTY), cues }
    }

    /// The stem's id, if the word is a content word.
    #[inline(always)]
    fn id(self) -> Option<u32> {
        (self.id != EMPTY).then_some(self.id)
    }
}

/// What `word` says: `head` is its first eight bytes packed and
/// lower-cased, `fold` what lower-cases its bytes (see [`scan`]); a
/// content word's stem gets its id in `df`.
fn classify(word: &[u8], fold: u8, head: u64, df: &mut DocFreq) -> Reading {
    let len = word.len();
    let content = is_content(len, head);
    let id = if content { df.id(stem_of(word, fold, head)) } else { None };
    let like = cues_like(len, head);
    Reading::new(id, if like == 0 { 0 } else { cues_of(word, like) })
}

/// The readings of short words already read, by their packed lower-cased
/// bytes (which are the whole word: `head` tells them apart): a text
/// repeats its words, so most words are looked up here with one compare
/// instead of two table probes, a stem and a hash. One slot per head,
/// picked by a multiply; a word whose slot is taken replaces what is
/// there (a crafted text can only make it miss).
pub(super) struct Known {
    slots: Vec<(u64, Reading)>,
    /// Words of nine to sixteen bytes, the same way, by their first and
    /// last eight bytes (packed and lower-cased) and their length: news
    /// repeats its long words too ("government", "spokesperson").
    long: Vec<(LongKey, Reading)>,
    /// The right shifts that leave an index of `slots` and of `long`
    /// ([`slot_shift`] of their lengths), kept rather than derived from the
    /// lengths at every word.
    shifts: (u32, u32),
}

/// A word of nine to sixteen bytes: its first and last eight bytes,
/// packed and lower-cased (together all of it), and its length.
type LongKey = (u64, u64, usize);

impl Default for Known {
    fn default() -> Self {
        Known::for_text(usize::MAX)
    }
}

impl Known {
    /// The memory for a text of `len` bytes: one slot for short words per
    /// 16 bytes of text (256 to 2048 of them), one for long words per 128
    /// (64 to 1024), so that a short article neither clears slots it cannot
    /// fill nor holds more than it reads: a 9 KB article's tables take 19 KB
    /// instead of 76 KB (the peak heap's target is 10x the text).
    fn for_text(len: usize) -> Self {
        let bits = (len / 16).max(1).ilog2().clamp(8, 11);
        let long_bits = (len / 128).max(1).ilog2().clamp(6, 10);
        Known::sized(bits, long_bits)
    }

    /// The memory for a text read from the actor tokens ([`walk`]): the
    /// byte scan then reads only the stretches that are no plain tokens,
    /// a few words in a hundred, and most words are remembered by their
    /// ids instead ([`Reader::by_id`]). 64 short and 16 long slots (2 KB)
    /// cost the seed's reading no more instructions than 512 and 64 (15 KB),
    /// which would take its peak heap over 10x the text (see
    /// [`crate::analysis::actor_stage`]).
    fn for_tokens() -> Self {
        Known::sized(6, 4)
    }

    /// The memory with `1 << bits` short and `1 << long_bits` long slots.
    fn sized(bits: u32, long_bits: u32) -> Self {
        let (slots, long) = (1 << bits, 1 << long_bits);
        Known {
            slots: vec![(0, Reading::default()); slots],
            long: vec![((0, 0, 0), Reading::default()); long],
            shifts: (slot_shift(slots), slot_shift(long)),
        }
    }

    /// The reading of the word of nine to sixteen bytes keyed `key`, from
    /// `read` the first time (an empty slot's length, 0, matches none).
    fn get_long(&mut self, key: LongKey, read: impl FnOnce() -> Reading) -> Reading {
        remembered(&mut self.long, self.shifts.1, key, key.0 ^ key.1.rotate_left(29), read)
    }

    /// The reading of the short word packed as `head` (not 0), from
    /// `read` the first time.
    fn get(&mut self, head: u64, read: impl FnOnce() -> Reading) -> Reading {
        remembered(&mut self.slots, self.shifts.0, head, head, read)
    }
}

/// The reading remembered for `key` in `slots` (a power-of-two length,
/// `shift` its [`slot_shift`]), in the slot the top bits of `mix` times a
/// constant pick; else `read`'s, which then takes the slot.
fn remembered<K: Copy + Eq>(
    slots: &mut [(K, Reading)],
    shift: u32,
    key: K,
    mix: u64,
    read: impl FnOnce() -> Reading,
) -> Reading {
    let i = (mix.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize;
    match slots.get_mut(i) {
        Some((k, reading)) if *k == key => *reading,
        Some(slot) => {
            let reading = read();
            *slot = (key, reading);
            reading
        }
        None => read(),
    }
}

/// The right shift that leaves a slot index of a power-of-two table of `len`.
fn slot_shift(len: usize) -> u32 {
    64 - len.trailing_zeros()
}

/// A char beyond ASCII as the scan reads it: its byte length, whether it
/// is a letter or digit, and its lower case.
struct Wide {
    len: usize,
    alnum: bool,
    lower: char,
}

/// The char at byte `i` of `s` (not ASCII); `None` without `LOWERED` when
/// it does not lower-case to one char of its own length. What a letter
/// says without `LOWERED` is remembered in `memo` (a [`plain_mark`] is
/// told at once).
fn wide<const LOWERED: bool>(s: &str, i: usize, memo: &mut WideMemo) -> Option<Wide> {
    let c = s.get(i..)?.chars().next()?;
    let len = c.len_utf8();
    if plain_mark(c) {
        return Some(Wide { len, alnum: false, lower: c });
    }
    if LOWERED {
        return Some(Wide { len, alnum: c.is_alphanumeric(), lower: c });
    }
    let (alnum, lower) = memo.get(c);
    Some(Wide { len, alnum, lower: lower? })
}

/// Whether chars beyond ASCII are letters or digits, and their
/// [`lower_char`]s, as the scan has read them: the Unicode tables behind
/// both cost some 700 instructions a char, and a text repeats the few
/// letters of its names ("ñ", "ł", "ễ"). One slot per char, picked by its
/// low bits; a char whose slot is taken replaces what is there.
struct WideMemo([(u32, u32); 64]);

impl Default for WideMemo {
    /// No char (key 0: none beyond ASCII).
    fn default() -> Self {
        WideMemo([(0, 0); 64])
    }
}

/// A memo entry's bits: the char is a letter or digit; it has no
/// [`lower_char`] (else the low bits are that lower case).
const MEMO_ALNUM: u32 = 1 << 31;
const MEMO_NO_LOWER: u32 = 1 << 30;

impl WideMemo {
    /// Whether `c` (not ASCII) is a letter or digit, and its
    /// [`lower_char`].
    fn get(&mut self, c: char) -> (bool, Option<char>) {
        let key = u32::from(c);
        let slot = &mut self.0[(key as usize ^ (key as usize >> 6)) % 64];
        if slot.0 != key {
            let lower = lower_char(c);
            let alnum = if c.is_alphanumeric() { MEMO_ALNUM } else { 0 };
            *slot = (key, alnum | lower.map_or(MEMO_NO_LOWER, u32::from));
        }
        let bits = slot.1;
        let lower = if bits & MEMO_NO_LOWER != 0 { None } else { char::from_u32(bits & !(MEMO_ALNUM | MEMO_NO_LOWER)) };
        (bits & MEMO_ALNUM != 0, lower)
    }
}

/// The lower case of `c` (not ASCII) when it can stand in for `c` in the
/// sentence's lower-cased copy at the same bytes: one char, of the same
/// byte length, beyond ASCII like `c`, a letter or digit exactly when `c`
/// is (so words end where they would), and not a capital sigma (whose
/// lower case depends on its word). The copy then has the same length and
/// the same ASCII bytes (up to case) at the same offsets.
fn lower_char(c: char) -> Option<char> {
    let mut it = c.to_lowercase();
    let lower = it.next()?;
    let same = it.next().is_none()
        && lower.len_utf8() == c.len_utf8()
        && !lower.is_ascii()
        && lower.is_alphanumeric() == c.is_alphanumeric()
        && c != 'Σ';
    same.then_some(lower)
}

/// Marks beyond ASCII common in news text that are no letter or digit and
/// lower-case to themselves (tested over every char): a sentence with only
/// these beyond ASCII lower-cases by ASCII alone, byte for byte.
pub(super) fn plain_mark(c: char) -> bool {
    matches!(
        c,
        '\u{A0}'
            | '¡'
            | '§'
            | '©'
            | '«'
            | '®'
            | '°'
            | '±'
            | '·'
            | '»'
            | '¿'
            | '\u{2000}'..='\u{206F}'
            | '\u{20A0}'..='\u{20BF}'
            | '\u{3000}'..='\u{3004}'
            | '\u{3008}'..='\u{3011}'
    )
}

/// The claim and counter cues, the concessive conjunctions and the
/// contrastive connectives that start at `at`, the start of a word (in
/// `s`, which lower-cases by ASCII): as the word-by-word reader of the
/// lower-cased sentence found them. `cues` holds a bit for each whose
/// first word the word is (a claim cue: begins with; see [`cues_of`]):
/// only their further words are compared. The first claim cue stands; a
/// counter cue replaces an earlier one only when stronger; each
/// conjunction's first place is kept.
fn cue_at(s: &str, at: usize, cues: u64, found: &mut Found) {
    if found.claim_cue.is_none() && cues & ((1 << CLAIM_CUES.len()) - 1) != 0 {
        found.claim_cue = Some(at);
    }
    // Whether the phrase of cue bit `k` stands at `at`: a phrase of one
    // word does, as the word has its bit.
    let stands = |k: usize, phrase: &str| ONE_WORD >> k & 1 != 0 || phrase_at(s, at, phrase);
    let counter = CLAIM_CUES.len();
    let mut counters = cues >> counter & ((1 << COUNTER_CUES.len()) - 1);
    while counters != 0 {
        let k = counters.trailing_zeros() as usize;
        counters &= counters - 1;
        let (cue, stance) = COUNTER_CUES[k];
        if stands(counter + k, cue) && found.counter.is_none_or(|(a, st)| (strength(stance), at) < (strength(st), a)) {
            found.counter = Some((at, stance));
        }
    }
    let conjunction = counter + COUNTER_CUES.len();
    let mut conjunctions = cues >> conjunction & ((1 << CONCESSIVE.len()) - 1);
    while conjunctions != 0 {
        let k = conjunctions.trailing_zeros() as usize;
        conjunctions &= conjunctions - 1;
        if found.concessive[k].is_none() && stands(conjunction + k, CONCESSIVE[k]) {
            found.concessive[k] = Some(at);
        }
    }
    let connective = conjunction + CONCESSIVE.len();
    let mut connectives = cues >> connective;
    while connectives != 0 && !found.contrastive {
        let k = connectives.trailing_zeros() as usize;
        connectives &= connectives - 1;
        found.contrastive = stands(connective + k, CONTRASTIVE[k]);
    }
}

/// The cue bits (see [`cues_of`]) of the counter cues, conjunctions and
/// connectives of one word. A word with such a bit is that phrase as
/// [`phrase_at`] would find it: [`cues_of`] found the word equal to it,
/// and a word of the scan ends where no letter or digit follows (an ASCII
/// byte that is none, or a wider char that is none: a [`plain_mark`] is
/// none). So [`cue_at`] compares only the phrases of more words.
const ONE_WORD: u64 = {
    let mut bits = 0;
    let mut k = CLAIM_CUES.len();
    while k < CUE_BITS {
        let (phrase, first) = cue_word(k);
        if first == phrase.len() {
            bits |= 1 << k;
        }
        k += 1;
    }
    bits
};

/// The cues whose first word `word` is, of those it begins like
/// (`like`, from [`cues_like`]), as bits for [`cue_at`]: for a claim cue,
/// that the word begins with it; for the others, that the word is their
/// first word, ASCII case aside. Decided once per word remembered
/// ([`Known`]), so that [`cue_at`] runs only for words that begin a cue
/// ("in", "denied", "claims"), not for every "refugee" or "main". Out of
/// line, and asked only when `like` is not 0 (few words): inlined in
/// [`classify`], its loop had every word read the first time save and
/// restore more registers.
#[cold]
#[inline(never)]
fn cues_of(word: &[u8], like: u64) -> u64 {
    let mut bits = like;
    let mut exact = 0;
    while bits != 0 {
        let k = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        let (cue, first) = cue_word(k);
        let hit = if k < CLAIM_CUES.len() {
            word.get(..first).is_some_and(|w| w.eq_ignore_ascii_case(cue))
        } else {
            word.eq_ignore_ascii_case(&cue[..first])
        };
        exact |= u64::from(hit) << k;
    }
    exact
}

/// Cue bit `k`'s phrase and the length of what a word must match: a claim
/// cue (a prefix) whole, another phrase's first word.
const fn cue_word(k: usize) -> (&'static [u8], usize) {
    let counters = CLAIM_CUES.len() + COUNTER_CUES.len();
    let conjunctions = counters + CONCESSIVE.len();
    if k < CLAIM_CUES.len() {
        (CLAIM_CUES[k].as_bytes(), CLAIM_CUES[k].len())
    } else if k < counters {
        let cue = COUNTER_CUES[k - CLAIM_CUES.len()].0.as_bytes();
        (cue, first_word_len(cue))
    } else {
        let phrase = if k < conjunctions { CONCESSIVE[k - counters] } else { CONTRASTIVE[k - conjunctions] };
        (phrase.as_bytes(), first_word_len(phrase.as_bytes()))
    }
}

/// One bit per cue and conjunction in a `u64`.
const CUE_BITS: usize = CLAIM_CUES.len() + COUNTER_CUES.len() + CONCESSIVE.len() + CONTRASTIVE.len();
// (Fewer than 64: a reading with every bit set is none, see [`UNREAD`].)
const _: () = assert!(CUE_BITS < 64);

/// The byte length of a phrase's first word.
const fn first_word_len(b: &[u8]) -> usize {
    let mut n = 0;
    while n < b.len() && b[n] != b' ' {
        n += 1;
    }
    n
}

/// Whether `phrase` (lower-case ASCII) stands in `s` at `at` as whole
/// words, ASCII case aside.
fn phrase_at(s: &str, at: usize, phrase: &str) -> bool {
    let b = s.as_bytes();
    let end = at + phrase.len();
    let Some(here) = b.get(at..end) else { return false };
    // Called on every "in", "on", "by" and "not": most fail at the last
    // byte, or sooner, so that is compared first.
    let last = |x: &[u8]| x.last().map(|&c| c | 0x20);
    last(here) == last(phrase.as_bytes())
        && here.eq_ignore_ascii_case(phrase.as_bytes())
        && !s.get(end..).and_then(|r| r.chars().next()).is_some_and(char::is_alphanumeric)
}

/// Lower is stronger.
fn strength(s: Stance) -> u8 {
    match s {
        Stance::Denies => 0,
        Stance::Disputes => 1,
        Stance::Qualifies => 2,
        Stance::Supports => 3,
    }
}

/// The cues a word could be or begin, judged by its length and its first
/// four bytes (of `head`, its first eight packed and lower-cased), as bits
/// for [`cue_at`]: most words begin like no cue and skip the comparisons.
/// A claim cue is a prefix of four bytes or more; a counter cue's first
/// word is the whole word, so a word of up to four bytes must equal it and
/// a longer one must begin like it.
fn cues_like(len: usize, head: u64) -> u64 {
    static CUE_KEYS: Packed = {
        let mut t = [(0, 0); SLOTS];
        let mut k = 0;
        while k < CUE_BITS {
            let (cue, len) = cue_word(k);
            let first4 = if len < 4 { len } else { 4 };
            t = insert(t, pack_const(cue, first4), 1 << k);
            k += 1;
        }
        t
    };
    let key = if len >= 4 { head & 0xFFFF_FFFF } else { head };
    probe(&CUE_KEYS, key)
}

/// Slots of the static tables of packed words: a power of two over four
/// times their keys, so that most probes end at their home slot (at 128,
/// under half full, a word read cost some 10 instructions more in probing).
const SLOTS: usize = 256;

/// A static open-addressing table of packed words (see [`pack_const`])
/// and bits for each; key 0 (no word packs to 0) marks an empty slot.
type Packed = [(u64, u64); SLOTS];

/// The home slot of packed word `k`.
const fn slot(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

/// `t` with `bits` or-ed into the entry of `key` (added if absent): how
/// the tables are built, at compile time.
const fn insert(mut t: Packed, key: u64, bits: u64) -> Packed {
    let mut i = slot(key);
    while t[i].0 != 0 && t[i].0 != key {
        i = (i + 1) % SLOTS;
    }
    t[i] = (key, t[i].1 | bits);
    t
}

/// The bits of `key` in `t`, 0 when absent: linear probing from its home
/// slot to its entry or an empty slot.
fn probe(t: &Packed, key: u64) -> u64 {
    let mut i = slot(key);
    loop {
        match t[i] {
            (0, _) => return 0,
            (k, bits) if k == key => return bits,
            _ => i = (i + 1) % SLOTS,
        }
    }
}

/// `src` lower-cased into `buf`, exactly as [`str::to_lowercase`] would,
/// without a new allocation per sentence: ASCII stretches are copied whole
/// and lower-cased in place, other chars one by one; a capital sigma, whose
/// lower case depends on its word, hands the sentence to the standard
/// library.
pub(super) fn lower_into(buf: &mut String, src: &str) {
    buf.clear();
    if src.is_ascii() {
        // Most sentences: no byte-by-byte search for a wider char.
        buf.push_str(src);
        buf.make_ascii_lowercase();
        return;
    }
    let mut rest = src;
    while !rest.is_empty() {
        let ascii = ascii_len(rest.as_bytes());
        buf.push_str(&rest[..ascii]);
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else { break };
        if c == 'Σ' {
            *buf = src.to_lowercase();
            return;
        }
        buf.extend(c.to_lowercase());
        rest = &rest[c.len_utf8()..];
    }
    // Lower-casing the non-ASCII chars above yields no ASCII capital, so
    // this touches only the copied stretches.
    buf.make_ascii_lowercase();
}

/// The length of the run of ASCII bytes that `b` starts with, found
/// eight bytes at a time (a sentence lower-cased for a dispute mostly has
/// a curly quote or a dash somewhere: its ASCII stretches are long).
fn ascii_len(b: &[u8]) -> usize {
    first_flagged(b, 0, |w| w & HIGH, |c| !c.is_ascii()).unwrap_or(b.len())
}

/// Whether a (lower-cased) word counts towards a sentence's topic (the
/// tests' reference reader's test; the scan asks [`is_content`]).
#[cfg(test)]
pub(super) fn is_content_word(w: &[u8]) -> bool {
    is_content(w.len(), ascii_lower8(pack8(w).unwrap_or(0)))
}

/// Whether a word of `len` bytes whose first eight bytes, packed and
/// lower-cased, are `head` is a content word: longer than two bytes, and
/// no stopword (no word longer than [`STOP_LEN`] is looked up).
#[inline]
fn is_content(len: usize, head: u64) -> bool {
    len > 2 && !(len <= STOP_LEN && is_stop_key(head))
}

/// The longest stopword's length: no longer word is looked up.
const STOP_LEN: usize = longest(&super::STOPWORDS);
const _: () = assert!(STOP_LEN <= 8);

/// Whether a word of at most eight bytes, packed and lower-cased, is one
/// of the stopwords. Checked for every word of the text, so the words are
/// compared as packed integers (all stopwords fit in eight bytes) in a
/// small hash table built at compile time.
fn is_stop_key(k: u64) -> bool {
    static STOP_KEYS: Packed = {
        let mut t = [(0, 0); SLOTS];
        let mut s = 0;
        while s < super::STOPWORDS.len() {
            let w = super::STOPWORDS[s].as_bytes();
            t = insert(t, pack_const(w, w.len()), 1);
            s += 1;
        }
        t
    };
    probe(&STOP_KEYS, k) != 0
}

/// The length of `w`'s crude stem (ASCII case aside): enough to match
/// "proposal" with "proposals" and "assurance" with "assurances". The
/// first suffix of "ing", "ed", "es", "s" that `w` ends with and that
/// leaves more than three bytes is cut. (Words are runs of letters and
/// digits, so they never end in "'s".)
pub(super) fn stem_len(w: &[u8]) -> usize {
    // `| 0x20` lower-cases an ASCII letter and keeps a digit; a byte of a
    // wider char stays above ASCII, so it matches no suffix letter.
    let n = w.len();
    let last = |k: usize| w[n - k] | 0x20;
    if n > 6 && last(3) == b'i' && last(2) == b'n' && last(1) == b'g' {
        n - 3
    } else if n > 5 && (last(1) == b'd' || last(1) == b's') && last(2) == b'e' {
        n - 2
    } else if n > 4 && last(1) == b's' {
        n - 1
    } else {
        n
    }
}

/// FNV-1a over lower-cased bytes: words only need telling apart within
/// one article.
#[cfg(test)]
pub(super) fn hash(w: &[u8]) -> u64 {
    fnv(w, 0)
}

/// `word`'s stem ([`stem_len`]), its bytes or-ed with `fold`; `head` is
/// `word`'s first eight bytes so or-ed, packed: a stem of up to eight
/// bytes (most) is cut from it, in a register, not hashed (see [`Stem`]).
fn stem_of(word: &[u8], fold: u8, head: u64) -> Stem {
    let n = stem_len(word);
    if n <= 8 {
        Stem::Packed(head & low_bytes(n))
    } else {
        Stem::Hashed(fnv(&word[..n], fold))
    }
}

/// A content word's stem as the document frequencies tell stems apart:
/// one of up to eight bytes by those bytes, packed (the first lowest,
/// lower-cased), a longer one by its [`fnv`] hash. A word read the first
/// time is not hashed (some 35 instructions fewer each on the seed's 450
/// stems): only the few a claim and a position share, which are summed in
/// the order of their hashes, are ([`Stem::hash`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Stem {
    Packed(u64),
    Hashed(u64),
}

impl Stem {
    /// The bits a table slot is picked by.
    fn key(self) -> u64 {
        match self {
            Stem::Packed(k) | Stem::Hashed(k) => k,
        }
    }

    /// The [`fnv`] hash of the stem's bytes.
    fn hash(self) -> u64 {
        match self {
            // (No byte of a word is 0: its bytes are those up to the
            // highest that is not.)
            Stem::Packed(k) => fnv_packed(k, 8 - k.leading_zeros() as usize / 8),
            Stem::Hashed(h) => h,
        }
    }
}

/// [`fnv`] of the first `n` (at most eight) bytes packed in `k`, the
/// first lowest: what `fnv` gives for those bytes with no fold.
fn fnv_packed(mut k: u64, n: usize) -> u64 {
    let mut h = FNV_OFFSET;
    for _ in 0..n {
        h = (h ^ (k & 0xFF)).wrapping_mul(FNV_PRIME);
        k >>= 8;
    }
    h
}

/// FNV-1a's 64-bit offset basis and prime.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// FNV-1a over `w`'s bytes, each or-ed with `fold` (0x20 lower-cases the
/// ASCII letters and digits a scan without `LOWERED` reads; 0 for
/// lower-cased text).
fn fnv(w: &[u8], fold: u8) -> u64 {
    w.iter().fold(FNV_OFFSET, |h, &b| (h ^ u64::from(b | fold)).wrapping_mul(FNV_PRIME))
}

/// Document frequencies: for each content word (by its [`Stem`]), how
/// many sentences hold it. Each word gets an id, its index in `entries`,
/// the first time it is read ([`DocFreq::id`], a hash table probe); the
/// reader remembers the id with the word ([`Known`]), so counting a word
/// read before is an indexed add, not a probe. The table is a small
/// open-addressing one of its own (ids by slot, linear probing, at most
/// half full) rather than a general map: a keyed mix and a multiply find
/// a slot. The slot is picked by the stem's key ([`Stem::key`]) mixed
/// with a per-process key, so a crafted text cannot pile its words into
/// one run.
pub(super) struct DocFreq {
    /// `EMPTY` or an id, by slot.
    slots: Vec<u32>,
    /// By id.
    entries: Vec<Entry>,
    /// The (1-based) number of the sentence being read: kept 1-based
    /// rather than counting those read, so that counting a word (at every
    /// word of the text) needs no add.
    read: u32,
    key: u64,
}

/// A slot holding no id.
const EMPTY: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Entry {
    stem: Stem,
    /// Sentences holding the word.
    n: u32,
    /// The last (1-based) sentence that held it, so a word repeated in a
    /// sentence counts once.
    last: u32,
}

/// Room for 512 distinct stems before the table grows: a 9 KB article
/// has about 500, and a table sized to the text costs a short one more
/// (in clearing) than growing costs a long one.
impl Default for DocFreq {
    fn default() -> Self {
        DocFreq {
            slots: vec![EMPTY; 1024],
            entries: Vec::with_capacity(512),
            read: 1,
            key: Quick::default().hash_one(0u64) | 1,
        }
    }
}

impl DocFreq {
    /// The slot: the top bits of the keyed product, which depend on every
    /// bit of the word. (Low or middle bits would not: two words whose
    /// hashes agree in their low bits would share a slot whatever the key,
    /// and FNV's low bits can be collided by search.)
    fn slot(&self, word: u64) -> usize {
        let x = (word ^ self.key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let x = x ^ (x >> 29);
        let x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        (x >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The id of `stem`, given it the first time (counted in no sentence
    /// yet). `None` past `u32::MAX - 1` distinct stems (which no wasm32
    /// memory holds: 24 bytes each here): those are then no content words.
    pub(super) fn id(&mut self, stem: Stem) -> Option<u32> {
        if 2 * (self.entries.len() + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(stem.key());
        loop {
            match self.slots[i] {
                EMPTY => break,
                id if self.entries[id as usize].stem == stem => return Some(id),
                _ => i = (i + 1) & mask,
            }
        }
        let id = u32::try_from(self.entries.len()).ok().filter(|&id| id != EMPTY)?;
        self.slots[i] = id;
        self.entries.push(Entry { stem, n: 0, last: 0 });
        Some(id)
    }

    /// The stem hash ([`Stem::hash`]) given `id`.
    pub(super) fn word(&self, id: u32) -> u64 {
        self.entries[id as usize].stem.hash()
    }

    /// How many sentences hold the word `id` (from [`DocFreq::id`]), if
    /// any does: what [`DocFreq::get`] gives for its hash.
    pub(super) fn count_of(&self, id: u32) -> Option<usize> {
        self.entries.get(id as usize).filter(|e| e.n > 0).map(|e| e.n as usize)
    }

    /// How many ids were given (each below this).
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Counts word `id` (from [`DocFreq::id`]) in the sentence being read,
    /// once however often it stands there: as the scan reads it, not in a
    /// pass over the sentence's words after. A sentence read again (from
    /// its lower-cased copy) counts nothing twice: it is the same sentence
    /// until [`DocFreq::end_sentence`].
    #[inline]
    fn count(&mut self, id: u32) {
        let read = self.read;
        if let Some(e) = self.entries.get_mut(id as usize) {
            if e.last != read {
                e.n += 1;
                e.last = read;
            }
        }
    }

    /// Ends the sentence being read: the next word counts in the next.
    fn end_sentence(&mut self) {
        self.read += 1;
    }

    /// Counts one sentence's words (ids from [`DocFreq::id`]; repeats
    /// count once).
    #[cfg(test)]
    pub(super) fn count_sentence(&mut self, ids: &[(u32, usize)]) {
        for &(id, _) in ids {
            self.count(id);
        }
        self.end_sentence();
    }

    /// Doubles the slots. Out of line, as it seldom runs: inlined, it
    /// had [`classify`] save more registers at every call.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![EMPTY; size];
        let mask = size - 1;
        for (id, e) in self.entries.iter().enumerate() {
            let mut i = self.slot(e.stem.key());
            while self.slots[i] != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = id as u32;
        }
    }

    /// How many sentences hold `word`, if any does.
    #[cfg(test)]
    pub(super) fn get(&self, word: u64) -> Option<usize> {
        self.by_hash().get(&word).copied()
    }

    /// How many sentences hold each stem some sentence holds, by its hash
    /// (to look many up: [`DocFreq::get`] makes this for one).
    #[cfg(test)]
    pub(super) fn by_hash(&self) -> std::collections::HashMap<u64, usize> {
        self.entries.iter().filter(|e| e.n > 0).map(|e| (e.stem.hash(), e.n as usize)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stem hashed from the packed head is the stem's FNV-1a, folded
    /// or not, short stems and long.
    #[test]
    fn a_stems_hash_is_fnv_of_the_stem() {
        let words =
            ["Refugees", "talking", "claims", "NATO", "in", "spokespersons", "Proposal", "x9ab", "héllo", "ab€cdé"];
        for w in words {
            let b = w.as_bytes();
            for fold in [0, 0x20] {
                let head =
                    pack8(&b[..b.len().min(8)]).unwrap_or(0) | (u64::from_ne_bytes([fold; 8]) & low_bytes(b.len()));
                let stem = &b[..stem_len(b)];
                let got = stem_of(b, fold, head);
                assert_eq!(got.hash(), fnv(stem, fold), "{w} {fold}");
                assert_eq!(matches!(got, Stem::Packed(_)), stem.len() <= 8, "{w}");
            }
        }
        assert_eq!(fnv_packed(pack8(b"ab").unwrap_or(0), 2), hash(b"ab"));
        assert_ne!(fnv_packed(pack8(b"ab").unwrap_or(0), 1), hash(b"ab"));
    }

    /// A plain mark is no letter or digit and lower-cases to itself, so a
    /// sentence of ASCII and such marks lower-cases by ASCII alone.
    #[test]
    fn plain_marks_lower_case_to_themselves() {
        let mut n = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| plain_mark(c)) {
            assert!(!c.is_ascii() && !c.is_alphanumeric(), "{c:?}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
            n += 1;
        }
        assert!(n > 100);
        for c in ['’', '“', '”', '«', '»', '—', '–', '„', '‹', '›', '「', '」', '…', '\u{A0}', '€']
        {
            assert!(plain_mark(c), "{c:?}");
        }
    }

    /// The old reader: words of the lower-cased sentence by chars.
    fn words_by_chars(s: &str) -> Vec<u64> {
        let lower = s.to_lowercase();
        lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && !super::super::STOPWORDS.contains(w))
            .map(|w| {
                let mut w = w;
                for suffix in ["ing", "ed", "es", "s"] {
                    if w.len() > suffix.len() + 3 {
                        if let Some(stripped) = w.strip_suffix(suffix) {
                            w = stripped;
                            break;
                        }
                    }
                }
                hash(w.as_bytes())
            })
            .collect()
    }

    #[test]
    fn the_scan_reads_the_words_the_lower_cased_text_has() {
        for s in [
            "The Ministry CLAIMS that the dams were Flooding “nothing” — and IT'S denied.",
            "Ünïcödé claims ß. Он denied it. ΣΊΣΥΦΟΣ said Kelvin \u{212A} İstanbul",
            "a b cc ddd THE The thE Abcdefghi proposals PROPOSAL’s x9y 1234 ½ ²",
            "Ünïcödé claims ß. Он DENIED it: ÉCOLE Straße, naïve CAFÉS in Zürich’s Ärzte-Kammer.",
            "ALLÉGATIONS ÀLLEGED Ñandú 東京 ABCDEFGHÉ abcdefgh1 Éé",
            "",
            "—",
        ] {
            let mut reader = Reader::default();
            let hashes = |r: &Reader| r.words.iter().map(|&(id, at)| (at, r.df.word(id))).collect::<Vec<_>>();
            let direct = scan::<false, false>(s, 0, true, &mut reader).map(|_| hashes(&reader));
            let mut lower = String::new();
            lower_into(&mut lower, s);
            assert_eq!(lower, s.to_lowercase());
            scan::<true, false>(&lower, 0, true, &mut reader);
            let words = hashes(&reader);
            assert_eq!(words.iter().map(|w| w.1).collect::<Vec<_>>(), words_by_chars(s), "{s}");
            if let Some(direct) = direct {
                assert_eq!(direct, words, "{s}");
            }
            // The linking reads claims' and positions' words again, from
            // their lower-cased copy: the same hashes.
            assert_eq!(super::super::content_words(&lower).collect::<Vec<_>>(), words, "{s}");
        }
    }

    /// A char read in place of its lower case stands where that lower
    /// case stands in the lower-cased sentence, and ends words and marks
    /// as it does.
    #[test]
    fn a_char_lower_cased_in_place_keeps_its_place() {
        let mut n = 0;
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let Some(lower) = lower_char(c) else { continue };
            assert_eq!(c.to_string().to_lowercase(), lower.to_string(), "{c:?}");
            assert_eq!((lower.len_utf8(), lower.is_ascii()), (c.len_utf8(), false), "{c:?}");
            assert_eq!(plain_mark(lower), plain_mark(c), "{c:?}");
            assert_eq!(lower.is_alphanumeric(), c.is_alphanumeric(), "{c:?}");
            n += 1;
        }
        assert!(n > 100_000);
        assert_eq!(lower_char('É'), Some('é'));
        for c in ['Σ', 'İ', '\u{212A}', 'ẞ'] {
            assert_eq!(lower_char(c), None, "{c:?}");
        }
    }

    /// The loaded word is the run a byte search finds, packed, exactly
    /// when that run ends within sixteen bytes at an ASCII byte and the
    /// loads stay in the text.
    #[test]
    fn loaded_words_are_the_runs_a_byte_search_finds() {
        let text = "a bc, Def9 ghijklm nopqrstu vwxyzABCD x\u{e9}y z\u{2019}s 12345678.90 [@`{/:] \u{7f}q\u{80} \
            abcdefghi Government SPOKESPERSONS, abcdefghijklmnop abcdefghijklmnopq abcdefghijklmn\u{e9} Putin\u{2019}s \u{201c}word\u{201d} x\u{2014}y \
            x\u{2060}y abc\u{2070} end";
        let b = text.as_bytes();
        let (mut short, mut long) = (0, 0);
        for i in 0..=b.len() {
            let run = b[i..].iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(b.len() - i);
            let loads = if run < 8 { i + 8 } else { i + 16 };
            let stop = text
                .get(i + run..)
                .and_then(|r| r.chars().next())
                .filter(|&c| c.is_ascii() || matches!(c, '\u{2000}'..='\u{203F}'));
            let fits = loads <= b.len() && run < 16 && stop.is_some();
            let want = fits.then(|| {
                let last = if run > 8 { pack8(&b[i + run - 8..i + run]).unwrap_or(0) } else { 0 };
                let first = if run >= 8 { pack8(&b[i..i + 8]) } else { pack8(&b[i..i + run]) };
                (run, stop.map_or(0, char::len_utf8), first.unwrap_or(0), last)
            });
            let got = ascii_word_at(b, i, 0);
            // Of a word of exactly eight bytes the last eight are its first.
            assert_eq!(got.map(|(l, s, f, t)| (l, s, f, if l > 8 { t } else { 0 })), want, "{i}");
            // The case fold is or-ed into the word's bytes only.
            let folded = ascii_word_at(b, i, u64::from_ne_bytes([0x20; 8])).map(|(_, _, f, _)| f);
            let fold = |f: u64| (f | u64::from_ne_bytes([0x20; 8])) & low_bytes(run);
            assert_eq!(folded, want.map(|(_, _, f, _)| fold(f)), "{i}");
            short += usize::from(fits && run > 0 && run <= 8);
            long += usize::from(fits && run > 8);
        }
        assert!(short > 20 && long > 5, "{short} {long}");
        for c in 0..=255u8 {
            let mut w = [0u8; 16];
            w[..2].copy_from_slice(b"ab");
            w[2] = c;
            let want = if c.is_ascii_alphanumeric() { Some(3) } else { c.is_ascii().then_some(2) };
            assert_eq!(ascii_word_at(&w, 0, 0).map(|(len, ..)| len), want, "{c}");
            let mut w = *b"abcdefghijklmnopq";
            w[11] = c;
            let want = if c.is_ascii_alphanumeric() { None } else { c.is_ascii().then_some(11) };
            assert_eq!(ascii_word_at(&w, 0, 0).map(|(len, ..)| len), want, "{c}");
        }
        // What the scan steps over unasked is a plain mark and no letter.
        for c in '\u{2000}'..='\u{203F}' {
            assert!(plain_mark(c) && !c.is_alphanumeric() && c.len_utf8() == 3, "{c:?}");
            let mut utf8 = [0; 4];
            assert_eq!(&c.encode_utf8(&mut utf8).as_bytes()[..2], [0xE2, 0x80], "{c:?}");
        }
    }

    /// A word's cue bits are exactly the cues it begins (claims) or whose
    /// first word it is (the others), in any ASCII case.
    #[test]
    fn cue_bits_are_the_cues_a_comparison_finds() {
        let mut words: Vec<String> = ["in", "on", "by", "but", "not", "only", "claims", "main", "refugee", "deni", "x"]
            .map(String::from)
            .to_vec();
        for k in 0..CUE_BITS {
            let (cue, first) = cue_word(k);
            let w = String::from_utf8_lossy(&cue[..first]).into_owned();
            words.extend([format!("{w}s"), format!("{w}ed"), w.to_uppercase(), w[..w.len() - 1].to_string(), w]);
        }
        let mut hits = 0;
        for w in &words {
            let b = w.as_bytes();
            let head = ascii_lower8(pack8(&b[..b.len().min(8)]).unwrap_or(0));
            let want = (0..CUE_BITS).fold(0u64, |bits, k| {
                let (cue, first) = cue_word(k);
                let lower = w.to_ascii_lowercase();
                let hit = if k < CLAIM_CUES.len() {
                    lower.as_bytes().starts_with(cue)
                } else {
                    lower.as_bytes() == &cue[..first]
                };
                bits | u64::from(hit) << k
            });
            assert_eq!(cues_of(b, cues_like(b.len(), head)), want, "{w}");
            hits += want.count_ones();
        }
        assert!(hits > 60, "{hits}");
    }

    /// The leading ASCII run is the one a byte search finds.
    #[test]
    fn ascii_len_is_what_a_byte_search_finds() {
        let text = "plain ascii text “quoted” — Ünïcödé, then a longer ASCII stretch of words é";
        let b = text.as_bytes();
        for from in 0..b.len() {
            let want = b[from..].iter().position(|c| !c.is_ascii()).unwrap_or(b.len() - from);
            assert_eq!(ascii_len(&b[from..]), want, "{from}");
        }
        assert_eq!(ascii_len(b""), 0);
    }

    /// A sentence's lower-cased copy is its `str::to_lowercase` (by ASCII
    /// alone, char by char, or by the standard library for a capital
    /// sigma), and a kept sentence gets its own words.
    #[test]
    fn kept_sentences_are_lower_cased_exactly() {
        let mut buf = String::new();
        for text in ["The MINISTRY claims it.", "“They” CLAIM it — “no”.", "Ünïcödé CLAIMS it.", "ΣΑΣ CLAIMS Σ."]
        {
            let mut scratch = Scratch::for_text(text.len(), false);
            let mut kept = Kept::default();
            // After another kept sentence, so that this one's words do not
            // start `Kept::in_order`.
            let mut sents = [
                read_sentence("They CLAIM it.", 0, 14, &[], &mut scratch, &mut kept),
                read_sentence("Neither.", 0, 8, &[], &mut scratch, &mut kept),
                read_sentence(text, 0, text.len(), &[], &mut scratch, &mut kept),
            ];
            kept.bind(&mut sents);
            assert_eq!(sents[0].lower("They CLAIM it.", &mut buf), "they claim it.");
            assert!(!sents[0].in_order.is_empty());
            assert!(sents[1].in_order.is_empty());
            let sent = &sents[2];
            assert!(sent.claim_cue.is_some(), "{text}");
            assert!(!sent.in_order.is_empty(), "{text}");
            assert_eq!(sent.lower(text, &mut buf), text.to_lowercase(), "{text}");
        }
    }

    /// Reading the whole text, the scan cutting the sentences, reads what
    /// cutting them first ([`sentences`](crate::text::segment::sentences))
    /// and reading each alone does: the same spans, cues, words and
    /// copies, and the same counts.
    #[test]
    fn the_text_read_at_once_is_read_sentence_by_sentence() {
        let texts = [
            "The ministry claims it. Mr. Baker denied it!\nThey CLAIM “so.” Then… Really? No.\n\n  \nEnd",
            "He claimed x.” She denied it… “Never,” he said?! (Aside.) [Yes.] 1. 2. A. B. U.S. said no.",
            "İstanbul claims it. ΣΑΣ DENIED IT. Ünïcödé claims ß.\u{3000}Он denied it. \u{85}They claim\u{2028}no.",
            "x.\u{a0}\nY. z.  \nW.\n.\n!\n?\n…\n word…” Next. Putin’s. Claims’. “Denied.” Alleged.\r\nDenies",
            "",
            " ",
            "no marks at all",
        ];
        for text in texts {
            let (mut a, mut b) = ((Scratch::default(), Kept::default()), (Scratch::default(), Kept::default()));
            let mut whole = read_sentences(text, Toks::default(), &[], &mut a.0, &mut a.1);
            let mut cut: Vec<Sentence> = crate::text::segment::sentences(text)
                .into_iter()
                .map(|(s, e)| read_sentence(text, s, e, &[], &mut b.0, &mut b.1))
                .collect();
            a.1.bind(&mut whole);
            b.1.bind(&mut cut);
            let (dfa, dfb) = (a.0.doc_freq(), b.0.doc_freq());
            let (fa, fb) = (|s: &Sentence| fields(s, &dfa), |s: &Sentence| fields(s, &dfb));
            assert_eq!(whole.iter().map(fa).collect::<Vec<_>>(), cut.iter().map(fb).collect::<Vec<_>>());
            let (ca, cb) = (dfa.by_hash(), dfb.by_hash());
            for &id in cut.iter().flat_map(|s| s.in_order) {
                let w = dfb.word(id);
                assert_eq!(ca.get(&w), cb.get(&w), "{text:?}");
            }
            assert_eq!(dfa.read, dfb.read, "{text:?}");
        }
    }

    /// A sentence read, field by field, its words by their stem hashes
    /// in `df` (ids differ between readers; hashes do not).
    fn fields(s: &Sentence, df: &DocFreq) -> impl PartialEq + std::fmt::Debug {
        let in_order: Vec<u64> = s.in_order.iter().map(|&id| df.word(id)).collect();
        (s.start, s.end, in_order, s.cue_words, s.claim_cue, s.counter, s.concessive, s.contrastive)
    }

    /// A kept sentence counts the content words before its cue (its
    /// counter cue, else its claim cue) as a reading of its lower-cased
    /// copy by chars finds them.
    #[test]
    fn kept_sentences_count_their_words_before_the_cue() {
        let text = "Officials in Kyiv claimed the dams were intact. Russian officials denied the claims. \
            The ministry CLAIMS that Moscow has rejected it. Ünïcödé officials disputed the report. Nothing here.";
        let (mut scratch, mut kept) = (Scratch::for_text(text.len(), false), Kept::default());
        let sents = read_sentences(text, Toks::default(), &[], &mut scratch, &mut kept);
        let mut n = 0;
        let mut buf = String::new();
        for sent in sents.iter().filter(|s| s.is_kept()) {
            let lower = sent.lower(text, &mut buf);
            let cue = sent.counter.map(|(at, _)| at).or(sent.claim_cue).unwrap_or(0);
            let want = super::super::content_words(lower).filter(|&(at, _)| at < cue).count();
            assert_eq!(sent.cue_words, want, "{lower}");
            n += usize::from(want > 0);
        }
        assert_eq!(n, 4);
    }

    /// What a reading of `text` gives, field by field, and its document
    /// frequencies of every word kept and of the words of `probe`.
    fn reading(text: &str, toks: Toks, probe: &[u64]) -> (Vec<impl PartialEq + std::fmt::Debug>, Vec<Option<usize>>) {
        let (mut scratch, mut kept) = (Scratch::for_text(text.len(), !toks.toks.is_empty()), Kept::default());
        let mut sents = read_sentences(text, toks, &[], &mut scratch, &mut kept);
        kept.bind(&mut sents);
        let df = scratch.doc_freq();
        let all: Vec<_> = sents.iter().map(|s| fields(s, &df)).collect();
        let kept_words = sents.iter().flat_map(|s| s.in_order.iter().map(|&w| df.word(w)));
        let words = kept_words.chain(probe.iter().copied());
        let by_hash = df.by_hash();
        let mut counts: Vec<Option<usize>> = words.map(|w| by_hash.get(&w).copied()).collect();
        counts.push(Some(df.read as usize));
        (all, counts)
    }

    /// Reading by the actor tokens reads what the byte scan reads: the
    /// same sentences, cues, words, copies and counts, on news text, on
    /// random mixes of what the two tokenizers treat apart, and with
    /// tokens of only the start of the text (as of a text longer than the
    /// tokenizer reads).
    #[test]
    fn the_tokens_read_what_the_bytes_read() {
        let mut texts: Vec<String> = [
            "The ministry claims it. Mr. Baker denied it!\nThey CLAIM “so.” Then… Really? No.\n\n  \nEnd",
            "He claimed x.” She denied it… “Never,” he said?! (Aside.) [Yes.] 1. 2. A. B. U.S. said no.",
            "İstanbul claims it. ΣΑΣ DENIED IT. Ünïcödé claims ß.\u{3000}Он denied it. \u{85}They claim\u{2028}no.",
            "then-Secretary Baker’s Russian-backed claims, NATO's U.S.-led 3.5 don't abcdefghijklmnopqrstu x.y",
            "Putin’s claims’ “Denied.” Alleged.\r\nDenies  twice\tand\u{a0}on the other hand; however, although so",
        ]
        .map(String::from)
        .to_vec();
        // News text: the seed article (in the repository), and the bench
        // texts when `bench/prepare.sh` has written them.
        texts.push(include_str!("../../../seeds/000_ef33c36d7de74af4.txt").to_string());
        for bench in ["seed.txt", "100kb.txt"] {
            texts.extend(std::fs::read_to_string(format!("bench/corpus/{bench}")).ok());
        }
        const PIECES: [&str; 40] = [
            "a",
            "Zq",
            "word",
            "claims",
            "DENIED",
            "on",
            "the",
            "other",
            "hand",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "é",
            "İ",
            "Σ",
            "Он",
            " ",
            " ",
            " ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{85}",
            "'",
            "’",
            "s",
            "\"",
            "“",
            "”",
            "-",
            ".",
            ".",
            "!",
            "?",
            "…",
            ",",
            "(",
            "Mr",
            "U.S.",
            "3.5",
            "x9",
        ];
        let mut next = crate::analysis::disputes::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..400 {
            let n = (next() % 40) as usize;
            texts.push((0..n).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect());
        }
        let mut read = 0;
        for text in &texts {
            // (The words by chars, to probe the counts of words no kept sentence holds.)
            let probe = words_by_chars(text);
            let want = reading(text, Toks::default(), &probe);
            let (_, tokens) = crate::analysis::actors::find_actors_tokenized(text);
            assert_eq!(reading(text, Toks::of(&tokens), &probe), want, "{text:?}");
            read += tokens.toks.iter().filter(|t| t.ascii()).count();
            // Tokens of a prefix only, cut anywhere (in a word too).
            let cut = (next() as usize) % (text.len() + 1);
            let cut = (0..=cut).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0);
            let (_, head) = crate::analysis::actors::find_actors_tokenized(&text[..cut]);
            assert_eq!(reading(text, Toks::of(&head), &probe), want, "{text:?} cut at {cut}");
        }
        assert!(read > 1000, "{read}");
    }

    /// A run of the walk goes on from its cursor to a plain ASCII token
    /// there or one space after, not after two spaces or a line break;
    /// over a comma or a parenthesis, not over an end mark or a dash.
    #[test]
    fn a_run_goes_on_over_single_spaces() {
        let text = "ab cd  ef\ngh,ij (k) l. m— n";
        let (_, tokens) = crate::analysis::actors::find_actors_tokenized(text);
        let b = text.as_bytes();
        let tok = |w: &str| tokens.toks.iter().find(|t| &text[t.s()..t.e()] == w).expect(w);
        let in_run = |t: &Tok, b: &[u8], i: usize| t.ascii() && next_at(t.s(), b, i);
        for (punct, steps) in [(",", true), ("(", true), (")", true), (".", false), ("—", false), ("ab", false)] {
            assert_eq!(steps_over(tok(punct), b), steps, "{punct}");
        }
        assert!(in_run(tok("ab"), b, 0));
        assert!(in_run(tok("cd"), b, 2));
        assert!(!in_run(tok("cd"), b, 1));
        assert!(!in_run(tok("ef"), b, 5));
        assert!(in_run(tok("ef"), b, 7));
        assert!(!in_run(tok("gh"), b, 9));
        assert!(!in_run(tok(","), b, 12));
    }

    /// Tokens past the word ids (which a tokenizer gives one per token)
    /// are left to the byte scan: the same reading.
    #[test]
    fn tokens_without_ids_are_left_to_the_scan() {
        let text = "The ministry claims it. Mr. Baker denied it! They claim so.";
        let (_, mut tokens) = crate::analysis::actors::find_actors_tokenized(text);
        let probe = words_by_chars(text);
        let want = reading(text, Toks::default(), &probe);
        assert_eq!(reading(text, Toks::of(&tokens), &probe), want);
        tokens.ids.truncate(3);
        let toks = Toks::of(&tokens);
        assert_eq!((toks.toks.len(), toks.ids.len()), (3, 3));
        assert_eq!(reading(text, toks, &probe), want);
    }

    /// A token the walk takes as it is ([`Tok::ascii`]) is the run of
    /// ASCII letters and digits that starts there, of one to fifteen
    /// bytes, ended by an ASCII byte: the word the scan reads there.
    #[test]
    fn ascii_tokens_are_the_runs_a_byte_search_finds() {
        let text = "a bc, Def9 ghijklm nopqrstu vwxyzABCDEFG abcdefghijklmnop x\u{e9}y z\u{2019}s NATO's U.S. \
            then-Secretary 12345678.90 end. x\u{2014}y \u{201c}word\u{201d} don't Mr. A. q";
        let (_, tokens) = crate::analysis::actors::find_actors_tokenized(text);
        let b = text.as_bytes();
        let mut n = 0;
        for t in tokens.toks.iter().filter(|t| t.ascii()) {
            let run = b[t.s()..].iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(b.len() - t.s());
            assert_eq!((run, t.s() + run), (t.e() - t.s(), t.e()), "{:?}", &text[t.s()..]);
            assert!((1..16).contains(&run) && b.get(t.e()).is_some_and(u8::is_ascii), "{:?}", &text[t.s()..]);
            assert!(t.s() == 0 || !b[t.s() - 1].is_ascii_alphanumeric(), "{:?}", &text[t.s()..]);
            n += 1;
        }
        assert!(n >= 7, "{n}");
    }

    /// The token word is found by the bytes exactly when it is the run
    /// of ASCII letters and digits from its start (less a last dot),
    /// ended by a char the scan steps over.
    #[test]
    fn token_words_are_the_runs_a_byte_search_finds() {
        let text = "ab Mr. U.S. abcdefghijklmno abcdefghijklmnop é9 x\u{e9} y\u{2019} q\u{3000} z. end of text";
        let b = text.as_bytes();
        for s in 0..b.len() {
            for e in s..=(s + 17).min(b.len()) {
                let run = b[s..].iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(b.len() - s);
                let ends = text.get(s + run..).and_then(|r| r.chars().next());
                let stop = ends.is_some_and(|c| c.is_ascii() || ('\u{2000}'..='\u{203F}').contains(&c));
                let fits = s + 8 <= b.len() && (run < 8 || s + 16 <= b.len()) && run < 16 && stop;
                let want = if !fits {
                    None
                } else if run == e - s {
                    Some((run, false))
                } else if run + 1 == e - s && b[s + run] == b'.' {
                    Some((run, true))
                } else {
                    None
                };
                assert_eq!(ascii_token_word(b, s, e), want, "{s}..{e}");
            }
        }
    }

    /// A token's word read by its id reads as the scan reads it, the
    /// first time and when remembered, and so does a word whose id is
    /// past those given (read afresh each time).
    #[test]
    fn token_readings_are_the_scans() {
        let text = "Claims claims CLAIMS refugees Refugees the The denied unfounded spokespersons x1";
        let b = text.as_bytes();
        let mut reader = Reader { by_id: vec![UNREAD; 6], ..Reader::default() };
        let mut spellings: Vec<&str> = Vec::new();
        let mut s = 0;
        for word in text.split(' ') {
            let len = word.len();
            let id = spellings.iter().position(|&w| w == word).unwrap_or_else(|| {
                spellings.push(word);
                spellings.len() - 1
            });
            for _ in 0..2 {
                let read = reader.token_reading(Some(id as u32), b, s, len);
                let mut scanned = Reader::default();
                scan::<false, false>(word, 0, true, &mut scanned);
                let want = scanned.words.first().map(|&(i, _)| scanned.df.word(i));
                assert_eq!(read.id().map(|i| reader.df.word(i)), want, "{word}");
                let head = ascii_lower8(pack8(&word.as_bytes()[..len.min(8)]).unwrap_or(0));
                assert_eq!(read.cues, cues_of(word.as_bytes(), cues_like(len, head)), "{word}");
            }
            s += len + 1;
        }
        assert!(spellings.len() > 6 && reader.by_id.iter().all(|r| r.cues != UNREAD.cues));
    }

    /// The memo of wider chars says what the Unicode tables say, the
    /// first time, when remembered and after another char took the slot.
    #[test]
    fn remembered_chars_read_as_the_tables_say() {
        let mut memo = WideMemo::default();
        let chars: Vec<char> =
            (0x80..0x3000u32).step_by(7).chain([0x130, 0x3A3, 0x212A, 0x1EC5]).filter_map(char::from_u32).collect();
        for round in 0..2 {
            for &c in chars.iter().chain(chars.iter().rev()) {
                assert_eq!(memo.get(c), (c.is_alphanumeric(), lower_char(c)), "{c:?} {round}");
            }
        }
        assert_eq!(memo.get('Ñ'), (true, Some('ñ')));
        assert_eq!(memo.get('İ'), (true, None));
    }

    #[test]
    fn below_the_lowest_stop_is_the_low_bytes_of_its_index() {
        for k in 0..8 {
            for higher in [0u64, 0x80 << 56, 0x8080_8080_8080_8080] {
                let stops = (0x80u64 << (8 * k)) | (higher & !low_bytes(k + 1));
                assert_eq!(below_lowest(stops), low_bytes(k), "{k} {stops:x}");
            }
        }
    }

    #[test]
    fn a_reading_keeps_its_id_or_none() {
        assert_eq!(Reading::default().id(), None);
        assert_eq!(Reading::new(None, 5).id(), None);
        assert_eq!(Reading::new(Some(0), 0).id(), Some(0));
        assert_eq!(Reading::new(Some(EMPTY - 1), 0).id(), Some(EMPTY - 1));
    }

    #[test]
    fn known_words_read_as_they_did_the_first_time() {
        let mut known = Known::default();
        let a = Reading::new(Some(7), 3);
        assert_eq!(known.get(0x6162, || a).id(), Some(7));
        assert_eq!(known.get(0x6162, Reading::default).cues, 3);
        // Another word in the same slot takes it over.
        let shift = slot_shift(known.slots.len());
        let slot = |k: u64| k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift;
        let other = (1u64..).find(|&k| slot(k) == slot(0x6162) && k != 0x6162).expect("an endless search finds one");
        assert_eq!(known.get(other, Reading::default).id(), None);
        assert_eq!(known.get(0x6162, || Reading::new(Some(9), 0)).id(), Some(9));
        // Long words by their whole key: the same ends at another length
        // are another word.
        let key = (0x6162, 0x6364, 10);
        assert_eq!(known.get_long(key, || a).id(), Some(7));
        assert_eq!(known.get_long(key, Reading::default).cues, 3);
        assert_eq!(known.get_long((0x6162, 0x6364, 11), Reading::default).id(), None);
    }

    /// A short article gets small tables (its peak heap stays under 10x
    /// its size), a long one the largest, and any length works.
    #[test]
    fn word_memory_grows_with_the_text() {
        let seed = Known::for_text(9_000);
        assert_eq!((seed.slots.len(), seed.long.len()), (512, 64));
        let big = Known::for_text(1_000_000);
        assert_eq!((big.slots.len(), big.long.len()), (2048, 1024));
        let tokens = Known::for_tokens();
        assert_eq!((tokens.slots.len(), tokens.long.len()), (64, 16));
        for len in [0, 1, 15, 16, usize::MAX] {
            let k = Known::for_text(len);
            assert!(k.slots.len().is_power_of_two() && k.long.len().is_power_of_two(), "{len}");
        }
    }

    fn is_stopword(w: &[u8]) -> bool {
        w.len() <= 8 && is_stop_key(ascii_lower8(pack8(w).unwrap_or(0)))
    }

    /// The phrases whose cue bits say they stand whole are those of one
    /// word, and no claim cue (a prefix) is among them.
    #[test]
    fn one_word_cues_are_the_phrases_without_a_space() {
        for k in 0..CUE_BITS {
            let (phrase, _) = cue_word(k);
            let one = k >= CLAIM_CUES.len() && !phrase.contains(&b' ');
            assert_eq!(ONE_WORD >> k & 1 != 0, one, "{}", String::from_utf8_lossy(phrase));
        }
        assert!(ONE_WORD.count_ones() > 10);
    }

    #[test]
    fn stopwords_match_in_any_ascii_case_only() {
        for w in super::super::STOPWORDS {
            assert!(is_stopword(w.as_bytes()) && is_stopword(w.to_ascii_uppercase().as_bytes()), "{w}");
        }
        for w in ["thee", "th", "abouts", "ab\u{e9}", "otherwise", "[he", "h@"] {
            assert!(!is_stopword(w.as_bytes()), "{w}");
        }
        for k in 0..=255u8 {
            let low = ascii_lower8(u64::from(k) << 24);
            assert_eq!(low, u64::from(if k.is_ascii() { k.to_ascii_lowercase() } else { k }) << 24);
        }
    }

    #[test]
    fn document_frequencies_count_sentences_and_grow() {
        let mut df = DocFreq::default();
        let mut five = None;
        for s in 0..3000u64 {
            let ids = [s, s, 7, s + 1].map(|w| (df.id(Stem::Hashed(w)).unwrap_or(EMPTY), 0));
            df.count_sentence(&ids);
            assert_eq!(df.word(ids[3].0), s + 1);
            if s == 5 {
                five = Some(ids[0].0);
            }
        }
        assert_eq!(df.get(7), Some(3000));
        assert_eq!(df.get(0), Some(1));
        assert_eq!(df.get(5), Some(2));
        assert_eq!(df.get(3001), None);
        // A word keeps its id as the table grows.
        assert_eq!(df.id(Stem::Hashed(5)), five);
        // An id given but not counted yet: in no sentence.
        df.id(Stem::Hashed(4000));
        assert_eq!(df.get(4000), None);
        // Stems packed and hashed are told apart, however their bits agree.
        assert_ne!(df.id(Stem::Packed(7)), df.id(Stem::Hashed(7)));
        assert_eq!(df.id(Stem::Packed(7)), df.id(Stem::Packed(7)));
        assert!(df.slots.len() >= 2 * df.entries.len());
    }
}
