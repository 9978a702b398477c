//! The distinct words of one text, each with a small id: the actor finder
//! asks about words by id, one array load, instead of hashing a string per
//! question.
//!
//! Why: a text repeats its words (a 1 MB news text has about 170,000
//! tokens and 25,000 distinct words), and the finder asks a dozen questions
//! about many of them. Interning every token once (one hash probe each)
//! lets whatever is worked out about a word (its lexicon classes, what the
//! text says about it) be worked out once per distinct word.
//!
//! An open-addressing table (linear probing, at most three quarters full). Each
//! slot holds a word's 64-bit key, its length and its id: for a word of up
//! to eight bytes the key is its bytes packed into one integer
//! (zero-padded; the length tells "a" from "a\0"), so that a probe compares
//! two integers of one slot and reads nothing else, neither the text nor
//! the word list; for a longer word, the key is a mix of its two integers
//! (nine to fifteen bytes, [`Vocab::long_key`]) or its hash, and a probe
//! whose key and length agree compares the bytes too. The keys of longer
//! words and the probes' homes are keyed per process (as the word sets of
//! [`super::hash`]), so a crafted text cannot aim at collisions.
//!
//! The tokenizer interns each token as it reads it ([`super::tokens::Tokens`]).

use std::hash::{BuildHasher, Hasher};

use super::classes::pack8;
use super::hash::{process_seed, Quick, K};
use crate::text::bytes::low_bytes;

/// One distinct word: where it first occurs in the text.
#[derive(Clone, Copy)]
struct Word {
    start: u32,
    len: u32,
}

/// One slot of the table: a word's key and length, and its id + 1 (0 for
/// an empty slot, whose length, 0, no word has). Sixteen bytes: a probe
/// reads one slot, not a slot and then the word it names.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    len: u32,
    id: u32,
}

pub struct Vocab<'a> {
    text: &'a str,
    /// A power of two long.
    slots: Vec<Slot>,
    /// 64 less log2 of the slots: a hash shifted right by it is a slot
    /// (kept so, not as the log, which cost each probe a subtraction).
    shift: u32,
    words: Vec<Word>,
    /// Per id, the flags a caller notes about the word ([`Vocab::note`]:
    /// the tokenizer's text flags), kept here so that they grow with the ids.
    flags: Vec<u32>,
    quick: Quick,
    /// Mixed into the short words' keys before hashing.
    seed: u64,
}

impl<'a> Vocab<'a> {
    /// An empty vocabulary for words of `text`, sized for about `expect`
    /// distinct words (it grows as needed).
    pub fn new(text: &'a str, expect: usize) -> Self {
        let quick = Quick::default();
        let seed = process_seed();
        let bits = (expect.max(32) * 4 / 3 + 1).next_power_of_two().trailing_zeros();
        let slots = vec![Slot::default(); 1 << bits];
        let shift = 64 - bits;
        let (words, flags) = (Vec::with_capacity(expect), Vec::with_capacity(expect));
        Vocab { text, slots, shift, words, flags, quick, seed }
    }

    /// Gives back the room reserved for words that did not come (the
    /// vocabulary lives as long as the analysis of its text).
    pub fn shrink_to_fit(&mut self) {
        self.words.shrink_to_fit();
    }

    /// Sets `flag` in the flags of the word of `id`.
    #[inline]
    pub fn note(&mut self, id: u32, flag: u32) {
        if let Some(f) = self.flags.get_mut(id as usize) {
            *f |= flag;
        }
    }

    /// The flags noted per id ([`Vocab::note`]), one per word, moved out
    /// (not copied: the caller keeps them as long as the vocabulary, and a
    /// copy would add to the peak heap of a short text).
    pub fn take_flags(&mut self) -> Vec<u32> {
        let mut flags = std::mem::take(&mut self.flags);
        flags.shrink_to_fit();
        flags
    }

    /// Distinct words so far.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The word of `id`.
    pub fn word(&self, id: u32) -> &'a str {
        let w = self.words[id as usize];
        let s = w.start as usize;
        self.text.get(s..s + w.len as usize).unwrap_or_default()
    }

    /// The key of the bytes `b`: their bytes packed ([`pack8`]) if they are
    /// one to eight, the [`Vocab::long_key`] of their two integers if
    /// nine to fifteen, else their hash.
    #[inline]
    fn key(&self, b: &[u8]) -> u64 {
        if let Some(k) = pack8(b) {
            return k;
        }
        if let (Some(head), Some(tail)) = (b.get(..8).and_then(pack8), b.get(8..).and_then(pack8)) {
            return self.long_key(head, tail, b.len());
        }
        let mut h = self.quick.build_hasher();
        h.write(b);
        h.finish()
    }

    /// The key of a word of nine to fifteen bytes (`len`) read as its
    /// first eight (`head`) and the others, zero-padded (`tail`): two
    /// multiplies, not a hash of its bytes (three, and the tail's shifts),
    /// as the tokenizer interns some 19,000 such words per MB. Keyed by
    /// the process seed through `head`'s product; the probe's home takes
    /// the top bits of the second product, which depend on every bit of
    /// both integers. (A tail has at most seven bytes: its top byte holds
    /// the length.)
    #[inline]
    fn long_key(&self, head: u64, tail: u64, len: usize) -> u64 {
        let x = (head ^ self.seed).wrapping_mul(K);
        (x ^ tail ^ ((len as u64) << 56)).wrapping_mul(K)
    }

    /// The slot a key's probe starts at.
    #[inline]
    fn home(&self, key: u64, len: usize) -> usize {
        // Packed keys are mixed; long words' keys are hashes already.
        let h = if len <= 8 { (key ^ self.seed).wrapping_mul(K) } else { key };
        (h >> self.shift) as usize
    }

    /// The slot of the word of `len` bytes with `key`: where it is, or the
    /// empty slot where it would go. `same(id)` says whether the word of
    /// `id`, whose key and length agree, is the word (always, for a word
    /// of up to eight bytes, whose key is its bytes).
    #[inline(always)]
    fn probe(&self, key: u64, len: usize, same: impl Fn(u32) -> bool) -> usize {
        self.probe_from(self.home(key, len), key, len, same)
    }

    /// [`Vocab::probe`] from slot `i` on (for a probe that was cut short).
    #[inline(always)]
    fn probe_from(&self, mut i: usize, key: u64, len: usize, same: impl Fn(u32) -> bool) -> usize {
        let mask = self.slots.len() - 1;
        loop {
            let s = self.slots[i];
            // (An empty slot's length, 0, is no word's but the empty
            // one's: `same` is asked about no id then, or as a word of up
            // to eight bytes, which it never reads.)
            if s.key == key && s.len as usize == len && same(s.id.wrapping_sub(1)) {
                return i;
            }
            if s.id == 0 {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The bytes of the word of `id`.
    fn bytes(&self, id: u32) -> &[u8] {
        let w = self.words[id as usize];
        let s = w.start as usize;
        self.text.as_bytes().get(s..s + w.len as usize).unwrap_or_default()
    }

    /// The id of `text[start..end]`, given a new one if it is new. The
    /// offsets are token offsets, below `u32::MAX`.
    ///
    /// Most words are of one to eight bytes: their key is their bytes, so
    /// a probe compares keys and lengths only.
    #[inline]
    pub fn intern(&mut self, start: usize, end: usize) -> u32 {
        let len = end.saturating_sub(start);
        match packed_at(self.text.as_bytes(), start, len) {
            Some(key) => self.intern_packed(start, len, key),
            None => self.intern_long(start, end),
        }
    }

    /// [`Vocab::intern`] for the word of `len` bytes (one to eight) at
    /// `start`, whose bytes packed ([`pack8`]) are `key`: for a caller that
    /// has them at hand.
    #[inline]
    pub fn intern_packed(&mut self, start: usize, len: usize, key: u64) -> u32 {
        self.intern_short(start, len, key, 0)
    }

    /// [`Vocab::intern_packed`], a new word given the flags `flags`: the
    /// one probe of the words of up to eight bytes.
    #[inline(always)]
    fn intern_short(&mut self, start: usize, len: usize, key: u64, flags: u32) -> u32 {
        let i = self.probe(key, len, |_| true);
        self.id_at(i, start, len, key, flags)
    }

    /// The id in slot `i`, where a probe for the word of `len` bytes at
    /// `start` with `key` ended: a new one, with the flags `flags` noted
    /// ([`Vocab::note`]), if the slot is empty.
    #[inline]
    fn id_at(&mut self, i: usize, start: usize, len: usize, key: u64, flags: u32) -> u32 {
        match self.slots[i].id {
            0 => self.insert(i, start, len, key, flags),
            id => id - 1,
        }
    }

    /// [`Vocab::intern`] for the word of `len` bytes (one to fifteen) at
    /// `start`, whose first eight bytes (or fewer, zero-padded: [`pack8`])
    /// are `head` and the others, zero-padded, `tail`: for the tokenizer,
    /// which read them so. A word of more than eight bytes is keyed from
    /// the two integers, not read again. A new word is given the flags
    /// `flags` ([`Vocab::note`]): the tokenizer's flags that depend on
    /// the word's bytes alone are noted once per word, not per token.
    #[inline]
    pub fn intern_read(&mut self, start: usize, len: usize, head: u64, tail: u64, flags: u32) -> u32 {
        if len <= 8 {
            self.intern_short(start, len, head, flags)
        } else {
            self.intern_long_read(start, len, head, tail, flags)
        }
    }

    /// [`Vocab::intern_read`] for a word of nine to fifteen bytes: keyed
    /// from its two integers ([`Vocab::long_key`]), and compared with a
    /// word of the table by them ([`Vocab::holds`]), not read again.
    ///
    /// The probe stops at the first slot whose key and length agree (the
    /// word, but for a collision of 64-bit keys), and only that word is
    /// compared: a probe loop that compares no bytes keeps its values in
    /// registers. After a collision the probe goes on
    /// ([`Vocab::intern_long_read_on`]).
    #[inline(never)]
    fn intern_long_read(&mut self, start: usize, len: usize, head: u64, tail: u64, flags: u32) -> u32 {
        let key = self.long_key(head, tail, len);
        let i = self.probe(key, len, |_| true);
        match self.slots.get(i).map_or(0, |s| s.id) {
            0 => self.insert(i, start, len, key, flags),
            id if self.holds(id - 1, len, head, tail) => id - 1,
            _ => self.intern_long_read_on(i, start, len, (head, tail), key, flags),
        }
    }

    /// [`Vocab::intern_long_read`] after slot `i`, whose word's key and
    /// length agree but not its bytes: the probe goes on.
    #[cold]
    #[inline(never)]
    fn intern_long_read_on(
        &mut self,
        i: usize,
        start: usize,
        len: usize,
        (head, tail): (u64, u64),
        key: u64,
        flags: u32,
    ) -> u32 {
        let mask = self.slots.len() - 1;
        let i = self.probe_from((i + 1) & mask, key, len, |id| self.holds(id, len, head, tail));
        self.id_at(i, start, len, key, flags)
    }

    /// Whether the word of `id`, of `len` bytes (nine to fifteen), is the
    /// one whose first eight bytes read as `head` and the others,
    /// zero-padded, as `tail`: by one sixteen-byte read of the text where
    /// it goes on that far (most words), not by a call to `memcmp`. (The
    /// few words near the text's end take [`Vocab::holds_packed`], out of
    /// line: the probe loop that calls this keeps its values in registers.)
    #[inline]
    fn holds(&self, id: u32, len: usize, head: u64, tail: u64) -> bool {
        let Some(w) = self.words.get(id as usize) else { return false };
        let s = w.start as usize;
        let read = self.text.as_bytes().get(s..s + 16).and_then(|b| <[u8; 16]>::try_from(b).ok());
        match read.map(u128::from_le_bytes) {
            Some(x) => x as u64 == head && (x >> 64) as u64 & low_bytes(len.saturating_sub(8)) == tail,
            None => self.holds_packed(id, len, head, tail),
        }
    }

    /// [`Vocab::holds`] by the word's bytes packed, for a word that ends
    /// less than sixteen bytes before the text does.
    #[cold]
    #[inline(never)]
    fn holds_packed(&self, id: u32, len: usize, head: u64, tail: u64) -> bool {
        let b = self.bytes(id);
        b.len() == len && b.get(..8).and_then(pack8) == Some(head) && b.get(8..).and_then(pack8) == Some(tail)
    }

    /// [`Vocab::intern`] for words longer than eight bytes (or out of the text).
    #[inline(never)]
    fn intern_long(&mut self, start: usize, end: usize) -> u32 {
        let b = self.text.as_bytes().get(start..end).unwrap_or_default();
        // Not one to eight bytes (else `intern` packed them): a key of two
        // integers or a hash.
        let key = self.key(b);
        self.intern_keyed(start, b.len(), key)
    }

    /// The id of the word of `len` bytes (more than eight) at `start`, whose
    /// hash is `key`.
    #[inline(never)]
    fn intern_keyed(&mut self, start: usize, len: usize, key: u64) -> u32 {
        let b = self.text.as_bytes().get(start..start + len).unwrap_or_default();
        let i = self.probe(key, b.len(), |id| self.bytes(id) == b);
        self.id_at(i, start, b.len(), key, 0)
    }

    /// A new id for the word at `start`, `len` bytes long, with `key` and
    /// the flags `flags`, in the empty slot `i`. (Not inlined: it runs once
    /// per distinct word, the probes once per token.)
    ///
    /// Most calls find room in the lists and the table: they take
    /// [`Vocab::place`] and call nothing, so that they save and restore no
    /// registers (a call that may grow a list cost each new word some
    /// twenty instructions more); the others take [`Vocab::insert_growing`].
    #[inline(never)]
    fn insert(&mut self, i: usize, start: usize, len: usize, key: u64, flags: u32) -> u32 {
        let n = self.words.len();
        let room = n < self.words.capacity()
            && self.flags.len() < self.flags.capacity()
            && (n + 1) * 4 <= self.slots.len() * 3;
        if !room {
            return self.insert_growing(i, start, len, key, flags);
        }
        self.place(i, start, len, key, flags)
    }

    /// [`Vocab::insert`] when a list must grow or the table after it.
    #[cold]
    #[inline(never)]
    fn insert_growing(&mut self, i: usize, start: usize, len: usize, key: u64, flags: u32) -> u32 {
        let new = self.place(i, start, len, key, flags);
        if self.words.len() * 4 > self.slots.len() * 3 {
            self.grow();
        }
        new
    }

    /// The word at `start`, `len` bytes long, with `key` and the flags
    /// `flags`, given the next id and put in the empty slot `i`.
    #[inline(always)]
    fn place(&mut self, i: usize, start: usize, len: usize, key: u64, flags: u32) -> u32 {
        let new = u32::try_from(self.words.len()).unwrap_or(u32::MAX - 1);
        self.words.push(Word { start: start as u32, len: len as u32 });
        self.flags.push(flags);
        if let Some(s) = self.slots.get_mut(i) {
            *s = Slot { key, len: len as u32, id: new + 1 };
        }
        new
    }

    /// The id of the word spelt by `b`, if the text has it.
    #[inline]
    pub fn find(&self, b: &[u8]) -> Option<u32> {
        let i = self.probe(self.key(b), b.len(), |id| b.len() <= 8 || self.bytes(id) == b);
        self.slots[i].id.checked_sub(1)
    }

    /// The id of the word of `len` bytes (one to eight) whose [`pack8`] is
    /// `key`, if the text has it: for a caller holding a word as an
    /// integer (lower-cased eight bytes at a time), not in memory.
    pub fn find_packed(&self, key: u64, len: usize) -> Option<u32> {
        let i = self.probe(key, len, |_| true);
        self.slots[i].id.checked_sub(1)
    }

    /// Twice the slots, every word placed again. (Out of line and cold: a
    /// short article's table never grows, and [`Vocab::insert`], which runs
    /// once per distinct word, stays a small call.)
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        self.shift -= 1;
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); 1 << (64 - self.shift)]);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.id != 0) {
            let mut i = self.home(s.key, s.len as usize);
            while self.slots[i].id != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

/// [`pack8`] of `text[start..start + len]`, by one eight-byte read masked
/// to `len` bytes where the text goes on that far (most words), not by
/// two reads of the word's own length.
#[inline]
fn packed_at(text: &[u8], start: usize, len: usize) -> Option<u64> {
    if !(1..=8).contains(&len) {
        return None;
    }
    match text.get(start..start + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        Some(a) => Some(u64::from_le_bytes(a) & low_bytes(len)),
        None => pack8(text.get(start..start + len)?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_distinct_words() {
        let text = "the cat the Cat abcdefghij abcdefghij abcdefghik a é é \0 x";
        let mut v = Vocab::new(text, 1);
        let mut seen: Vec<(&str, u32)> = Vec::new();
        let mut i = 0;
        for w in text.split(' ') {
            let id = v.intern(i, i + w.len());
            assert_eq!(v.word(id), w);
            if let Some(&(_, old)) = seen.iter().find(|(x, _)| *x == w) {
                assert_eq!(id, old, "{w:?}");
            } else {
                assert!(seen.iter().all(|&(_, o)| o != id), "{w:?}");
                seen.push((w, id));
            }
            i += w.len() + 1;
        }
        assert_eq!(v.len(), seen.len());
        for &(w, id) in &seen {
            assert_eq!(v.find(w.as_bytes()), Some(id));
        }
        for w in ["dog", "", "abcdefghijk", "th", "the ", "Cat\0"] {
            assert_eq!(v.find(w.as_bytes()), None, "{w:?}");
        }
        for w in ["the", "cat", "Cat", "a", "é", "\0", "x", "dog", "th", "Cat\0"] {
            let packed = pack8(w.as_bytes()).unwrap_or(0);
            assert_eq!(v.find_packed(packed, w.len()), v.find(w.as_bytes()), "{w:?}");
        }
    }

    #[test]
    fn packed_at_is_pack8_of_the_word() {
        let text = b"abcdefghijkl\xc3\xa9mn";
        for start in 0..=text.len() {
            for len in 0..=10 {
                let want = text.get(start..start + len).and_then(pack8);
                assert_eq!(packed_at(text, start, len), want, "{start} {len}");
            }
        }
    }

    /// Words read as two integers get the ids of words read from the text.
    #[test]
    fn read_words_are_interned_words() {
        let text = "Washington abcdefghijklmno abcdefgh Washingtons";
        let mut v = Vocab::new(text, 4);
        let mut i = 0;
        for w in text.split(' ') {
            let b = w.as_bytes();
            let head = pack8(&b[..b.len().min(8)]).unwrap_or(0);
            let tail = b.get(8..).and_then(pack8).unwrap_or(0);
            let read = v.intern_read(i, w.len(), head, tail, 0);
            assert_eq!(v.intern(i, i + w.len()), read, "{w}");
            assert_eq!(v.find(b), Some(read), "{w}");
            i += w.len() + 1;
        }
        assert_eq!(v.len(), 4);
    }

    /// A word of nine to fifteen bytes is told from another of its length
    /// by its two integers, wherever it stands (at the text's end, its
    /// bytes are packed instead).
    #[test]
    fn long_words_are_held_by_their_integers() {
        let text = "Washingtons Washingtoms abcdefghijklmno";
        let v = {
            let mut v = Vocab::new(text, 4);
            v.intern(0, 11);
            v.intern(12, 23);
            v.intern(24, 39);
            v
        };
        let read = |w: &str| {
            let b = w.as_bytes();
            (pack8(&b[..8]).unwrap_or(0), b.get(8..).and_then(pack8).unwrap_or(0))
        };
        for (id, w) in [(0, "Washingtons"), (1, "Washingtoms"), (2, "abcdefghijklmno")] {
            for other in ["Washingtons", "Washingtoms", "abcdefghijklmno", "Washingtonz"] {
                let (head, tail) = read(other);
                assert_eq!(v.holds(id, other.len(), head, tail), w == other, "{w} {other}");
            }
        }
    }

    /// Words of nine to fifteen bytes that differ in one byte or in their
    /// length get different keys, and [`Vocab::key`] gives the same key
    /// as their two integers.
    #[test]
    fn long_keys_tell_words_apart() {
        let v = Vocab::new("", 1);
        let words = ["abcdefghi", "abcdefghj", "bbcdefghi", "abcdefghi\0", "Washingtons", "abcdefghijklmno"];
        let mut keys = Vec::new();
        for w in words {
            let b = w.as_bytes();
            let (head, tail) = (pack8(&b[..8]).unwrap_or(0), pack8(&b[8..]).unwrap_or(0));
            let key = v.long_key(head, tail, b.len());
            assert_eq!(v.key(b), key, "{w:?}");
            assert!(!keys.contains(&key), "{w:?}");
            keys.push(key);
        }
    }

    /// A word whose key and length agree with another's (a collision,
    /// forced here) is given an id of its own, and found again.
    #[test]
    fn colliding_long_words_are_told_apart() {
        let text = "Washingtons Washingtoms";
        let mut v = Vocab::new(text, 4);
        let a = v.intern(0, 11);
        let key = v.key(&text.as_bytes()[..11]);
        let i = v.probe(key, 11, |_| true);
        let b = text.as_bytes().get(12..).unwrap_or_default();
        let (head, tail) = (pack8(&b[..8]).unwrap_or(0), pack8(&b[8..]).unwrap_or(0));
        let other = v.intern_long_read_on(i, 12, 11, (head, tail), key, 0);
        assert_ne!(other, a);
        assert_eq!(v.intern_long_read_on(i, 12, 11, (head, tail), key, 0), other);
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn grows_past_many_words() {
        let text: String = (0..5000).map(|i| format!("w{i} ")).collect();
        let mut v = Vocab::new(&text, 4);
        let mut i = 0;
        let mut ids = Vec::new();
        for w in text.split_whitespace() {
            ids.push(v.intern(i, i + w.len()));
            i += w.len() + 1;
        }
        assert_eq!(v.len(), 5000);
        for (k, w) in text.split_whitespace().enumerate() {
            assert_eq!(v.find(w.as_bytes()), Some(ids[k]));
        }
    }
}
