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
//! An open-addressing table of ids (linear probing, at most three quarters
//! full). Words of up to eight bytes are compared as one packed integer
//! (their bytes zero-padded; the stored length tells "a" from "a\0"; no
//! `memcmp` call); longer
//! ones by their length, then their bytes. The hash is keyed per process (as the
//! word sets of [`super::hash`]), so a crafted text cannot aim at
//! collisions.

use std::hash::{BuildHasher, Hasher};

use super::classes::pack8;
use super::hash::Quick;

/// One distinct word: where it first occurs in the text. (Eight bytes: its
/// key is worked out again from the text when compared, rather than kept,
/// to hold the peak heap of short texts down.)
#[derive(Clone, Copy)]
struct Word {
    start: u32,
    len: u32,
}

/// A multiplier of the golden ratio's bits, for the short words' hash.
const K: u64 = 0x9E37_79B9_7F4A_7C15;

pub struct Vocab<'a> {
    text: &'a str,
    /// Id + 1 per slot, 0 when empty; a power of two long.
    slots: Vec<u32>,
    /// log2 of the slots.
    bits: u32,
    words: Vec<Word>,
    quick: Quick,
    /// Mixed into the short words' keys before hashing.
    seed: u64,
}

impl<'a> Vocab<'a> {
    /// An empty vocabulary for words of `text`, sized for about `expect`
    /// distinct words (it grows as needed).
    pub fn new(text: &'a str, expect: usize) -> Self {
        let quick = Quick::default();
        let mut h = quick.build_hasher();
        h.write_u64(K);
        let seed = h.finish();
        let bits = (expect.max(32) * 4 / 3 + 1).next_power_of_two().trailing_zeros();
        Vocab { text, slots: vec![0; 1 << bits], bits, words: Vec::with_capacity(expect), quick, seed }
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

    /// The key and hash of the bytes `b`.
    #[inline]
    fn key(&self, b: &[u8]) -> (u64, u64) {
        match pack8(b) {
            Some(k) => (k, (k ^ self.seed).wrapping_mul(K)),
            None => {
                let mut h = self.quick.build_hasher();
                h.write(b);
                let h = h.finish();
                (h, h)
            }
        }
    }

    /// The slot for `b` (with `key`, `hash`): where it is, or the empty
    /// slot where it would go.
    #[inline]
    fn probe(&self, b: &[u8], key: u64, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (hash >> (64 - self.bits)) as usize;
        loop {
            let id = self.slots[i];
            if id == 0 {
                return i;
            }
            let w = self.words[id as usize - 1];
            if w.len as usize == b.len() {
                let same = match pack8(self.bytes(w)) {
                    Some(k) => k == key,
                    None => self.bytes(w) == b,
                };
                if same {
                    return i;
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn bytes(&self, w: Word) -> &[u8] {
        let s = w.start as usize;
        self.text.as_bytes().get(s..s + w.len as usize).unwrap_or_default()
    }

    /// The id of `text[start..end]`, given a new one if it is new. The
    /// offsets are token offsets, below `u32::MAX`.
    #[inline]
    pub fn intern(&mut self, start: usize, end: usize) -> u32 {
        let b = self.text.as_bytes().get(start..end).unwrap_or_default();
        let (key, hash) = self.key(b);
        let i = self.probe(b, key, hash);
        let id = self.slots[i];
        if id != 0 {
            return id - 1;
        }
        let new = u32::try_from(self.words.len()).unwrap_or(u32::MAX - 1);
        self.words.push(Word { start: start as u32, len: b.len() as u32 });
        self.slots[i] = new + 1;
        if self.words.len() * 4 > self.slots.len() * 3 {
            self.grow();
        }
        new
    }

    /// The id of the word spelt by `b`, if the text has it.
    #[inline]
    pub fn find(&self, b: &[u8]) -> Option<u32> {
        let (key, hash) = self.key(b);
        let id = self.slots[self.probe(b, key, hash)];
        id.checked_sub(1)
    }

    /// Twice the slots, every word placed again.
    fn grow(&mut self) {
        self.bits += 1;
        self.slots = vec![0; 1 << self.bits];
        let mask = self.slots.len() - 1;
        for (id, &w) in self.words.iter().enumerate() {
            let (_, hash) = self.key(self.bytes(w));
            let mut i = (hash >> (64 - self.bits)) as usize;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = id as u32 + 1;
        }
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
