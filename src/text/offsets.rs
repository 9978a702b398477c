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

use super::bytes::{load8, HIGH};

/// Bytes between checkpoints.
const BLOCK: usize = 128;

/// Precomputed checkpoints over one text for fast unit conversions.
#[derive(Debug, Clone)]
pub struct Offsets<'a> {
    text: &'a str,
    /// For checkpoint k: (code points, UTF-16 units) before the first char
    /// boundary at or after byte k * BLOCK, and that boundary's byte offset;
    /// then one more at the text's end, closing the last block.
    checkpoints: Vec<(usize, usize, usize)>,
    /// For the block from checkpoint k to the next: where its ASCII start
    /// ends (its first byte of a wider char) and where its ASCII end
    /// begins (after its last wider char); both at the block's end when
    /// it is all ASCII. A byte offset outside the two converts by adding
    /// ([`Self::quick_char`]): most blocks of an English article are ASCII
    /// (two in three of the seed article's) and the others hold a few
    /// curly quotes or apostrophes, and scanning a block's bytes was most
    /// of converting a span.
    plain: Vec<(usize, usize)>,
}

impl<'a> Offsets<'a> {
    pub fn new(text: &'a str) -> Self {
        // Block by block, counting bytes instead of decoding chars: every
        // byte but a continuation byte starts a char, and a char of four
        // bytes (lead byte 0xF0 and up) takes two UTF-16 units. A last
        // checkpoint at the end closes the last block.
        let bytes = text.as_bytes();
        let count = text.len() / BLOCK + 1;
        let mut checkpoints = Vec::with_capacity(count + 1);
        let mut plain = Vec::with_capacity(count);
        let (mut chars, mut units, mut at) = (0usize, 0usize, 0usize);
        checkpoints.push((0, 0, 0));
        for k in 1..=count {
            // (The last, `count * BLOCK`, is past the end: the closing one.)
            let mut boundary = (k * BLOCK).min(text.len());
            while !text.is_char_boundary(boundary) {
                boundary += 1;
            }
            let block = bytes.get(at..boundary).unwrap_or_default();
            let (starts, wide) = match wide_edges(block) {
                None => {
                    plain.push((boundary, boundary));
                    (block.len(), 0)
                }
                Some((first, end)) => {
                    plain.push((at + first, at + end));
                    // Only the bytes between the edges need counting.
                    let (starts, wide) = starts_and_wide(block.get(first..end).unwrap_or_default());
                    (starts + block.len() - (end - first), wide)
                }
            };
            chars += starts;
            units += starts + wide;
            checkpoints.push((chars, units, boundary));
            at = boundary;
        }
        Offsets { text, checkpoints, plain }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Code points before byte offset `byte` (a byte inside a char counts
    /// that char as not yet reached). Offsets past the end clamp to the end.
    pub fn byte_to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let (k, quick) = self.quick_char(byte);
        if let Some(chars) = quick {
            return chars;
        }
        let (chars, _, from) = self.checkpoints.get(k).copied().unwrap_or((0, 0, 0));
        chars + self.text.get(from..).map_or(0, |rest| count_chars_before(rest, byte - from))
    }

    /// A byte span as a code-point span. The end is counted on from the
    /// start (every byte but a UTF-8 continuation byte starts a code
    /// point): spans are short, so this reads a few bytes instead of a
    /// second walk from a checkpoint, unless the end lies in ASCII stretch
    /// of its block (then it is read off at once). The same as converting
    /// both ends with [`Self::byte_to_char`], inside chars and past the end
    /// too.
    pub fn byte_span_to_chars(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.byte_to_char(start);
        if end <= self.text.len() {
            if let (_, Some(last)) = self.quick_char(end) {
                return (first, last);
            }
        }
        match self.text.as_bytes().get(start..end) {
            Some(span) => (first, first + char_starts(span)),
            None => (first, self.byte_to_char(end)),
        }
    }

    /// The checkpoint of `byte` (at most the text's length), and the code
    /// points before it when `byte` lies in the ASCII start or end of its
    /// block ([`Self::plain`]): there each byte is one char, counted on
    /// from the checkpoint or back from the next one.
    fn quick_char(&self, byte: usize) -> (usize, Option<usize>) {
        let k = self.checkpoint_index(byte);
        let (Some(&(chars, _, from)), Some(&(next_chars, _, next)), Some(&(ascii_to, ascii_from))) =
            (self.checkpoints.get(k), self.checkpoints.get(k + 1), self.plain.get(k))
        else {
            return (k, None);
        };
        if byte <= ascii_to {
            (k, Some(chars + (byte - from)))
        } else if byte >= ascii_from {
            (k, Some(next_chars - (next - byte)))
        } else {
            (k, None)
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
        self.checkpoints.get(self.checkpoint_index(byte)).copied().unwrap_or((0, 0, 0))
    }

    /// The last checkpoint at or before `byte` (not past the end).
    fn checkpoint_index(&self, byte: usize) -> usize {
        // Checkpoint k sits at the first boundary >= k * BLOCK, which may be
        // past `byte`; step back until it is not. The closing checkpoint
        // at the end is never stepped from: `byte / BLOCK` stays below it.
        let mut k = (byte / BLOCK).min(self.checkpoints.len().saturating_sub(2));
        while k > 0 && self.checkpoints[k].2 > byte {
            k -= 1;
        }
        k
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

/// Where the first byte beyond ASCII of `bytes` is and where the last one
/// ends; `None` when all are ASCII. Eight bytes at a time from either end
/// (a byte loop cost as much as the rest of making the checkpoints).
fn wide_edges(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    let first = loop {
        match load8(bytes, i) {
            Some(w) if w & HIGH != 0 => break i + (w & HIGH).trailing_zeros() as usize / 8,
            Some(_) => i += 8,
            None => break i + bytes.get(i..)?.iter().position(|b| !b.is_ascii())?,
        }
    };
    let mut j = bytes.len();
    while j >= first + 8 {
        let w = load8(bytes, j - 8)?;
        if w & HIGH != 0 {
            return Some((first, j - (w & HIGH).leading_zeros() as usize / 8));
        }
        j -= 8;
    }
    let last = bytes.get(first..j)?.iter().rposition(|b| !b.is_ascii())?;
    Some((first, first + last + 1))
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
    fn starts_wide_and_edges_count_what_decoding_counts() {
        let t = "aé€😀 “quoted” 𝄞ß\u{0}x Ωmega 😀😀 and some ASCII after it, long enough for chunks: ’’’ \u{10FFFF}";
        for s in 0..=t.len() {
            for e in s..=t.len() {
                let b = &t.as_bytes()[s..e];
                let starts = b.iter().filter(|&&x| (x as i8) >= -0x40).count();
                let wide = b.iter().filter(|&&x| x >= 0xF0).count();
                assert_eq!(starts_and_wide(b), (starts, wide), "{s}..{e}");
                // The first byte beyond ASCII, and the end of the last.
                let first = b.iter().position(|x| !x.is_ascii());
                let last = b.iter().rposition(|x| !x.is_ascii()).map(|p| p + 1);
                assert_eq!(wide_edges(b), first.zip(last), "{s}..{e}");
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
    fn ascii_stretches_are_told_and_convert_like_the_rest() {
        let s: String = (0..40).map(|i| if i % 5 == 0 { "é “x” 😀 " } else { "plain ascii words here " }).collect();
        let o = Offsets::new(&s);
        assert_eq!(o.plain.len() + 1, o.checkpoints.len());
        let ascii = o.plain.iter().filter(|&&(to, from)| to == from).count();
        assert!(ascii > 0 && ascii < o.plain.len(), "{ascii} of {}", o.plain.len());
        for (k, &(to, from)) in o.plain.iter().enumerate() {
            let (start, end) = (o.checkpoints[k].2, o.checkpoints[k + 1].2);
            assert!(start <= to && to <= from && from <= end);
            assert!(s.as_bytes()[start..to].is_ascii() && s.as_bytes()[from..end].is_ascii());
        }
        let quick = (0..=s.len()).filter(|&b| o.quick_char(b).1.is_some()).count();
        assert!(quick > s.len() / 2 && quick < s.len(), "{quick}");
        for b in 0..=s.len() + 1 {
            let starts = s.as_bytes()[..b.min(s.len())].iter().filter(|&&x| (x as i8) >= -0x40).count();
            assert_eq!(o.byte_to_char(b), starts, "{b}");
        }
        check_all(&s);
        for start in (0..=s.len() + 1).step_by(7) {
            for end in (0..=s.len() + 1).step_by(3) {
                assert_eq!(o.byte_span_to_chars(start, end), (o.byte_to_char(start), o.byte_to_char(end)));
            }
        }
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
