//! Myers' bit-parallel approximate matching (Myers 1999), in the block form
//! (Hyyrö 2003) that handles patterns longer than one 64-bit word.
//!
//! Why bit-parallel: re-anchoring searches a quote in a long text allowing
//! a few errors; the plain dynamic program costs quote × text cells, this
//! costs ⌈quote / 64⌉ words per text character. Patterns and texts are code
//! points (`char`s), so an emoji or an accent is one symbol, as in the W3C
//! selectors.
//!
//! Two modes over one pattern: [`Pattern::search`] (the match may start
//! anywhere: every end position with at most `k` errors) and
//! [`Pattern::prefix_distances`] (the match starts at the text's first char: the
//! prefix of the text closest to the pattern), which finds where a match
//! found by `search` starts when run on the reversed pattern and text.

/// A pattern's match vectors: for every symbol, one bit per pattern position
/// (`blocks` words per symbol).
#[derive(Debug, Clone)]
pub struct Pattern {
    len: usize,
    blocks: usize,
    /// ASCII symbols: `128 × blocks` words.
    ascii: Vec<u64>,
    /// Other symbols in the pattern, sorted, and their words (`blocks` each).
    other_keys: Vec<char>,
    other: Vec<u64>,
    /// The vector of a symbol that is not in the pattern.
    zeros: Vec<u64>,
    /// The bit of the pattern's last position in the last block.
    last_bit: u64,
}

const HIGH: u64 = 1 << 63;

impl Pattern {
    pub fn new(pattern: impl IntoIterator<Item = char>) -> Self {
        let chars: Vec<char> = pattern.into_iter().collect();
        let len = chars.len();
        let blocks = len.div_ceil(64).max(1);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other_keys: Vec<char> = chars.iter().copied().filter(|c| !c.is_ascii()).collect();
        other_keys.sort_unstable();
        other_keys.dedup();
        let mut other = vec![0u64; other_keys.len() * blocks];
        for (i, &c) in chars.iter().enumerate() {
            let (block, bit) = (i / 64, 1u64 << (i % 64));
            let row = if c.is_ascii() {
                Some(&mut ascii[c as usize * blocks..][..blocks])
            } else {
                other_keys.binary_search(&c).ok().map(|k| &mut other[k * blocks..][..blocks])
            };
            if let Some(row) = row {
                row[block] |= bit;
            }
        }
        let last_bit = if len == 0 { HIGH } else { 1u64 << ((len - 1) % 64) };
        Pattern { len, blocks, ascii, other_keys, other, zeros: vec![0; blocks], last_bit }
    }

    /// The pattern's length in code points.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Words per text character: the cost unit of both modes.
    pub fn blocks(&self) -> usize {
        self.blocks
    }

    fn peq(&self, c: char) -> &[u64] {
        if c.is_ascii() {
            &self.ascii[c as usize * self.blocks..][..self.blocks]
        } else {
            match self.other_keys.binary_search(&c) {
                Ok(k) => &self.other[k * self.blocks..][..self.blocks],
                Err(_) => &self.zeros,
            }
        }
    }

    /// Calls `found(end, errors)` for every end offset in `text` (exclusive,
    /// so `1..=text.len()`) at which some substring ending there is within
    /// `k` edits (insertions, deletions, substitutions) of the pattern.
    /// O(text × blocks). An empty pattern matches nowhere.
    pub fn search(&self, text: impl IntoIterator<Item = char>, k: usize, mut found: impl FnMut(usize, usize)) {
        if self.len == 0 {
            return;
        }
        let (mut pv, mut mv) = (vec![u64::MAX; self.blocks], vec![0u64; self.blocks]);
        let (mut pv1, mut mv1) = (u64::MAX, 0u64);
        let mut score = self.len as isize;
        for (j, c) in text.into_iter().enumerate() {
            // One word (quotes up to 64 code points, most of them): no loop.
            score += if self.blocks == 1 {
                let eq = self.peq(c).first().copied().unwrap_or(0);
                advance(&mut pv1, &mut mv1, eq, 0, self.last_bit)
            } else {
                self.column(&mut pv, &mut mv, c, 0)
            } as isize;
            if score >= 0 && score as usize <= k {
                found(j + 1, score as usize);
            }
        }
    }

    /// The edit distance between the pattern and each prefix of `text`
    /// (the empty one first), looking at most at `limit` chars: the match
    /// must start at the text's start. O(limit × blocks).
    pub fn prefix_distances(&self, text: impl Iterator<Item = char>, limit: usize) -> Vec<usize> {
        let mut out = vec![self.len];
        if self.len == 0 {
            out.extend(text.take(limit).enumerate().map(|(i, _)| i + 1));
            return out;
        }
        let (mut pv, mut mv) = (vec![u64::MAX; self.blocks], vec![0u64; self.blocks]);
        let mut score = self.len as isize;
        for c in text.take(limit) {
            score += self.column(&mut pv, &mut mv, c, 1) as isize;
            out.push(score.max(0) as usize);
        }
        out
    }

    /// The smallest of [`Self::prefix_distances`].
    pub fn best_prefix(&self, text: impl Iterator<Item = char>, limit: usize) -> usize {
        self.prefix_distances(text, limit).into_iter().min().unwrap_or(self.len)
    }

    /// One text character through every block; returns the change of the
    /// last row's value. `top` is the first row's horizontal delta: 0 when a
    /// match may start anywhere, 1 when it must start at the text's start.
    #[inline]
    fn column(&self, pv: &mut [u64], mv: &mut [u64], c: char, top: i32) -> i32 {
        let eq = self.peq(c);
        let mut h = top;
        let last = self.blocks - 1;
        for b in 0..self.blocks {
            let high = if b == last { self.last_bit } else { HIGH };
            h = advance(&mut pv[b], &mut mv[b], eq[b], h, high);
        }
        h
    }
}

/// One block of one column (Hyyrö's formulation of Myers' step): updates the
/// block's vertical deltas and returns the horizontal delta leaving its row
/// marked by `high`, given the one entering its first row.
#[inline]
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, h_in: i32, high: u64) -> i32 {
    let h_neg = u64::from(h_in < 0);
    let eq = eq | h_neg;
    let xv = eq | *mv;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let h_out = i32::from(ph & high != 0) - i32::from(mh & high != 0);
    ph = (ph << 1) | u64::from(h_in > 0);
    mh = (mh << 1) | h_neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    h_out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic xorshift, enough for property-style loops.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// The textbook dynamic program: last row of the search (free start)
    /// or anchored (start at 0) matrix.
    fn naive_row(p: &[char], t: &[char], anchored: bool) -> Vec<usize> {
        let mut col: Vec<usize> = (0..=p.len()).collect();
        let mut out = vec![p.len()];
        for (j, &c) in t.iter().enumerate() {
            let mut next = vec![if anchored { j + 1 } else { 0 }; p.len() + 1];
            for i in 1..=p.len() {
                let sub = col[i - 1] + usize::from(p[i - 1] != c);
                next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
            }
            out.push(next[p.len()]);
            col = next;
        }
        out
    }

    fn random(rng: &mut Rng, n: usize, alphabet: &[char]) -> Vec<char> {
        (0..n).map(|_| alphabet[rng.below(alphabet.len())]).collect()
    }

    #[test]
    fn agrees_with_the_dynamic_program_on_random_strings() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let alphabets: [&[char]; 3] =
            [&['a', 'b'], &['a', 'b', 'c', 'é', '😀'], &['x', 'y', 'z', 'w', ' ', 'ß', '𝄞', 'q']];
        for round in 0..400 {
            let alphabet = alphabets[round % 3];
            // Lengths around the block edges (64, 128) as well as short ones.
            let m = match round % 4 {
                0 => 1 + rng.below(10),
                1 => 60 + rng.below(10),
                2 => 120 + rng.below(20),
                _ => 1 + rng.below(200),
            };
            let p = random(&mut rng, m, alphabet);
            let n = rng.below(300);
            let t = random(&mut rng, n, alphabet);
            let pattern = Pattern::new(p.iter().copied());
            let row = naive_row(&p, &t, false);
            let k = rng.below(m + 1);
            let mut got = Vec::new();
            pattern.search(t.iter().copied(), k, |end, e| got.push((end, e)));
            let want: Vec<(usize, usize)> =
                row.iter().enumerate().skip(1).filter(|&(_, &e)| e <= k).map(|(j, &e)| (j, e)).collect();
            assert_eq!(got, want, "search m={m} n={} k={k}", t.len());

            let anchored = naive_row(&p, &t, true);
            assert_eq!(pattern.prefix_distances(t.iter().copied(), usize::MAX), anchored, "anchored m={m}");
        }
    }

    #[test]
    fn empty_pattern_and_text() {
        let p = Pattern::new("".chars());
        let mut n = 0;
        p.search(['a'], 3, |_, _| n += 1);
        assert_eq!(n, 0);
        assert_eq!(p.prefix_distances("abc".chars(), 9), [0, 1, 2, 3]);
        let q = Pattern::new("ab".chars());
        assert_eq!(q.best_prefix("".chars(), 9), 2);
        assert_eq!(q.prefix_distances("abx".chars(), 2), [2, 1, 0]);
    }
}
