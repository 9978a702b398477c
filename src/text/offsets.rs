//! The one place where text offsets change units.
//!
//! Rust strings index by UTF-8 bytes, the DOM by UTF-16 code units, and the
//! public formats (W3C selectors, the analysis JSON) by Unicode code points.
//! Every conversion goes through here so that an emoji or an accented name
//! can never shift a highlight.
//!
//! [`Offsets`] answers many conversions over one text in O(1) each (a
//! checkpoint every [`BLOCK`] bytes plus a short scan), so converting all the
//! spans of a 10 MB analysis stays linear.

use super::bytes::HIGH;

/// Bytes between checkpoints.
const BLOCK: usize = 128;

/// Precomputed checkpoints over one text for fast unit conversions.
#[derive(Debug, Clone)]
pub struct Offsets<'a> {
    text: &'a str,
    /// For checkpoint k: (code points, UTF-16 units) before the first char
    /// boundary at or after byte k * BLOCK, and that boundary's byte offset.
    checkpoints: Vec<(usize, usize, usize)>,
}

impl<'a> Offsets<'a> {
    pub fn new(text: &'a str) -> Self {
        // Block by block, counting bytes instead of decoding chars: every
        // byte but a continuation byte starts a char, and a char of four
        // bytes (lead byte 0xF0 and up) takes two UTF-16 units.
        let bytes = text.as_bytes();
        let count = text.len() / BLOCK + 1;
        let mut checkpoints = Vec::with_capacity(count);
        let (mut chars, mut units, mut at) = (0usize, 0usize, 0usize);
        for k in 0..count {
            let mut boundary = (k * BLOCK).min(text.len());
            while !text.is_char_boundary(boundary) {
                boundary += 1;
            }
            let (starts, wide) = starts_and_wide(bytes.get(at..boundary).unwrap_or_default());
            chars += starts;
            units += starts + wide;
            checkpoints.push((chars, units, boundary));
            at = boundary;
        }
        Offsets { text, checkpoints }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Code points before byte offset `byte` (a byte inside a char counts
    /// that char as not yet reached). Offsets past the end clamp to the end.
    pub fn byte_to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let (chars, _, from) = self.checkpoint(byte);
        chars + self.text.get(from..).map_or(0, |rest| count_chars_before(rest, byte - from))
    }

    /// A byte span as a code-point span. The end is counted on from the
    /// start (every byte but a UTF-8 continuation byte starts a code
    /// point): spans are short, so this reads a few bytes instead of a
    /// second walk from a checkpoint. The same as converting both ends with
    /// [`Self::byte_to_char`], inside chars and past the end too.
    pub fn byte_span_to_chars(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.byte_to_char(start);
        match self.text.as_bytes().get(start..end) {
            Some(span) => (first, first + char_starts(span)),
            None => (first, self.byte_to_char(end)),
        }
    }

    /// UTF-16 units before byte offset `byte` (clamped like [`Self::byte_to_char`]).
    pub fn byte_to_utf16(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let (_, units, from) = self.checkpoint(byte);
        let mut n = units;
        if let Some(rest) = self.text.get(from..) {
            for (i, c) in rest.char_indices() {
                if from + i >= byte {
                    break;
                }
                n += c.len_utf16();
            }
        }
        n
    }

    /// Byte offset of code point `index`; `None` past the end.
    pub fn char_to_byte(&self, index: usize) -> Option<usize> {
        let k = self.checkpoints.partition_point(|&(c, _, _)| c <= index).checked_sub(1)?;
        let (chars, _, from) = self.checkpoints[k];
        let rest = self.text.get(from..)?;
        let mut seen = chars;
        for (i, _) in rest.char_indices() {
            if seen == index {
                return Some(from + i);
            }
            seen += 1;
        }
        (seen == index).then_some(self.text.len())
    }

    /// Byte offset of UTF-16 unit `index`; `None` past the end or inside a
    /// surrogate pair.
    pub fn utf16_to_byte(&self, index: usize) -> Option<usize> {
        let k = self.checkpoints.partition_point(|&(_, u, _)| u <= index).checked_sub(1)?;
        let (_, units, from) = self.checkpoints[k];
        let rest = self.text.get(from..)?;
        let mut seen = units;
        for (i, c) in rest.char_indices() {
            if seen == index {
                return Some(from + i);
            }
            if seen > index {
                return None;
            }
            seen += c.len_utf16();
        }
        (seen == index).then_some(self.text.len())
    }

    fn checkpoint(&self, byte: usize) -> (usize, usize, usize) {
        // Checkpoint k sits at the first boundary >= k * BLOCK, which may be
        // past `byte`; step back until it is not.
        let mut k = (byte / BLOCK).min(self.checkpoints.len().saturating_sub(1));
        while k > 0 && self.checkpoints[k].2 > byte {
            k -= 1;
        }
        self.checkpoints.get(k).copied().unwrap_or((0, 0, 0))
    }
}

/// Chars of `s` starting before byte `byte`: the bytes there that are not
/// UTF-8 continuation bytes, counted without decoding chars.
fn count_chars_before(s: &str, byte: usize) -> usize {
    char_starts(&s.as_bytes()[..byte.min(s.len())])
}

/// How many of `bytes` start a char (are not UTF-8 continuation bytes,
/// `0b10xx_xxxx`). Eight bytes at a time: every conversion of a span's
/// offsets counts up to a checkpoint's [`BLOCK`] bytes, and a byte loop
/// (which the compiler does not vectorise here) cost about as much as
/// converting all of an analysis's spans was worth.
fn char_starts(bytes: &[u8]) -> usize {
    // (Inlined, the count of wide chars is dropped as unused.)
    starts_and_wide(bytes).0
}

/// Eight bytes as one integer, the first lowest.
fn word(c: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&c[..8]);
    u64::from_le_bytes(w)
}

/// The UTF-8 continuation bytes (bit 7 set, bit 6 clear) of the eight
/// bytes of `w`, as a 1 in each such byte (the shift moves each byte's
/// bit 6 onto its bit 7).
fn continuation_bytes(w: u64) -> u64 {
    (w & !(w << 1) & HIGH) >> 7
}

/// The lead bytes of chars of four bytes (`0xF0` and up: two UTF-16
/// units) of `w`, as a 1 in each such byte (each shift by k < 8 moves a
/// byte's bit 7 - k onto its bit 7).
fn wide_bytes(w: u64) -> u64 {
    (w & (w << 1) & (w << 2) & (w << 3) & HIGH) >> 7
}

/// The totals of two per-byte counts (`first`, `second`: a 0 or 1 in each
/// byte of a word, as [`continuation_bytes`] gives) over the whole words
/// of eight bytes in `bytes` (the last `bytes.len() % 8` are not read).
/// The counts are added byte by byte, 255 words at most, and only then
/// summed across the bytes ([`lane_sum`]): no `count_ones` per word, a
/// dozen instructions where the CPU baseline has no popcount.
fn byte_counts(bytes: &[u8], first: impl Fn(u64) -> u64, second: impl Fn(u64) -> u64) -> (usize, usize) {
    let (mut a, mut b) = (0, 0);
    for batch in bytes.chunks(8 * 255) {
        let (mut lanes_a, mut lanes_b) = (0u64, 0u64);
        for c in batch.chunks_exact(8) {
            let w = word(c);
            lanes_a += first(w);
            lanes_b += second(w);
        }
        a += lane_sum(lanes_a);
        b += lane_sum(lanes_b);
    }
    (a, b)
}

/// The sum of the eight bytes of `lanes` (each at most 255): pairs of
/// bytes into 16-bit lanes, then the four lanes summed into the top one.
fn lane_sum(lanes: u64) -> usize {
    const PAIRS: u64 = 0x00ff_00ff_00ff_00ff;
    let pairs = (lanes & PAIRS) + ((lanes >> 8) & PAIRS);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// How many of `bytes` start a char, and how many start a char of four
/// bytes (lead byte `0xF0` and up: two UTF-16 units), eight bytes at a
/// time: [`Offsets::new`] reads the whole text once with it.
#[inline]
fn starts_and_wide(bytes: &[u8]) -> (usize, usize) {
    let (words, rest) = bytes.split_at(bytes.len() - bytes.len() % 8);
    let (continuation, wide) = byte_counts(words, continuation_bytes, wide_bytes);
    let starts = bytes.len() - continuation - rest.iter().filter(|&&b| (b as i8) < -0x40).count();
    (starts, wide + rest.iter().filter(|&&b| b >= 0xF0).count())
}

/// Code points in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// UTF-16 units in `s`.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Byte offset of UTF-16 unit `index` in `s` (one-off conversion; `None`
/// past the end or inside a surrogate pair).
pub fn utf16_to_byte(s: &str, index: usize) -> Option<usize> {
    Offsets::new(s).utf16_to_byte(index)
}

/// UTF-16 units before byte `byte` in `s` (one-off conversion).
pub fn byte_to_utf16(s: &str, byte: usize) -> usize {
    s.char_indices().take_while(|&(i, _)| i < byte).map(|(_, c)| c.len_utf16()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_spans_convert_like_their_two_ends() {
        let o = Offsets::new(MIXED);
        for s in 0..=MIXED.len() + 2 {
            for e in 0..=MIXED.len() + 2 {
                assert_eq!(o.byte_span_to_chars(s, e), (o.byte_to_char(s), o.byte_to_char(e)), "{s}..{e}");
            }
        }
    }

    #[test]
    fn starts_and_wide_count_what_decoding_counts() {
        let t = "aé€😀 “quoted” 𝄞ß\u{0}x Ωmega 😀😀 and some ASCII after it, long enough for chunks: ’’’ \u{10FFFF}";
        for s in 0..=t.len() {
            for e in s..=t.len() {
                let b = &t.as_bytes()[s..e];
                let starts = b.iter().filter(|&&x| (x as i8) >= -0x40).count();
                let wide = b.iter().filter(|&&x| x >= 0xF0).count();
                assert_eq!(starts_and_wide(b), (starts, wide), "{s}..{e}");
            }
        }
    }

    #[test]
    fn counts_over_many_words_carry_nothing_between_bytes() {
        // Past 255 words (the byte lanes' limit) and with every lane full.
        for unit in ["😀", "é", "a", "𝄞é€"] {
            let t = unit.repeat(3000);
            let b = t.as_bytes();
            let starts = b.iter().filter(|&&x| (x as i8) >= -0x40).count();
            let wide = b.iter().filter(|&&x| x >= 0xF0).count();
            assert_eq!(starts_and_wide(b), (starts, wide), "{unit}");
            assert_eq!(char_starts(b), starts, "{unit}");
        }
        assert_eq!(lane_sum(u64::MAX), 8 * 255);
    }

    #[test]
    fn char_starts_counts_what_decoding_counts() {
        let t = "aé€😀 “quoted” ß\u{0}x Ωmega and some ASCII after it, long enough for chunks: ’’’";
        for s in 0..=t.len() {
            for e in s..=t.len() {
                let b = &t.as_bytes()[s..e];
                assert_eq!(char_starts(b), b.iter().filter(|&&x| (x as i8) >= -0x40).count(), "{s}..{e}");
            }
        }
    }

    const MIXED: &str = "Kyiv – “Ryabkov” said 😀 café 𝄞 end";

    /// Reference conversions by brute force, char by char.
    fn table(s: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let (mut c, mut u) = (0, 0);
        for (b, ch) in s.char_indices() {
            out.push((b, c, u));
            c += 1;
            u += ch.len_utf16();
        }
        out.push((s.len(), c, u));
        out
    }

    fn check_all(s: &str) {
        let o = Offsets::new(s);
        for (b, c, u) in table(s) {
            assert_eq!(o.byte_to_char(b), c, "byte_to_char({b})");
            assert_eq!(o.byte_to_utf16(b), u, "byte_to_utf16({b})");
            assert_eq!(o.char_to_byte(c), Some(b), "char_to_byte({c})");
            assert_eq!(o.utf16_to_byte(u), Some(b), "utf16_to_byte({u})");
            assert_eq!(byte_to_utf16(s, b), u);
        }
    }

    #[test]
    fn converts_every_boundary_of_mixed_text() {
        check_all(MIXED);
        check_all("");
        check_all("plain ascii");
    }

    #[test]
    fn converts_across_many_checkpoints() {
        // Long enough to cross many blocks, with multi-byte chars straddling
        // block edges.
        let s: String = (0..500).map(|i| if i % 7 == 0 { "😀é" } else { "ab " }).collect();
        check_all(&s);
    }

    #[test]
    fn astral_char_counts_one_code_point_and_two_utf16_units() {
        let s = "a😀b";
        let o = Offsets::new(s);
        assert_eq!(char_len(s), 3);
        assert_eq!(utf16_len(s), 4);
        assert_eq!(o.byte_to_char(5), 2); // after the emoji
        assert_eq!(o.byte_to_utf16(5), 3);
        // The middle of a surrogate pair is no boundary.
        assert_eq!(o.utf16_to_byte(2), None);
    }

    #[test]
    fn out_of_range_is_none_or_clamped() {
        let o = Offsets::new("abc");
        assert_eq!(o.char_to_byte(4), None);
        assert_eq!(o.utf16_to_byte(9), None);
        assert_eq!(o.byte_to_char(99), 3);
        assert_eq!(o.byte_to_utf16(99), 3);
    }
}
