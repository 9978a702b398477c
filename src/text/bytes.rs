//! Bytes eight at a time, for the scanners that read every byte of an
//! article: [`find_any`], the first of a few given bytes (quotation marks,
//! sentence ends), and [`find_any_or_pair`]; [`non_alnum_bytes`], where a word of ASCII letters and
//! digits ends, [`alnum_end`], the end of such a run, [`load8`] and [`ascii_lower8`] (the actor finder's and the
//! disputes reader's tokenizers, the word classes). A byte loop costs about four times as much, natively and
//! in wasm, which has no SIMD `memchr` here.

/// A table of a class for each of the 256 bytes, made at compile time:
/// `$class` (an expression of the ASCII byte bound to `$c`) for each of
/// the 128 ASCII bytes, `$wide` for every byte of a wider char. The
/// scanners that sort a byte by one load (the actor tokenizer, the
/// disputes reader, attribution's windows) each have classes of their
/// own; the table is made one way for all.
macro_rules! byte_classes {
    (|$c:ident| $class:expr, wide: $wide:expr) => {{
        let mut t = [$wide; 256];
        let mut b = 0;
        while b < 128 {
            let $c = b as u8;
            t[b] = $class;
            b += 1;
        }
        t
    }};
}
pub(crate) use byte_classes;

/// The low bit of each of eight bytes.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of eight bytes.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The first index at or after `from` whose byte is in `set`.
///
/// A byte equal to a member turns to zero when xor-ed with it, and a zero
/// byte is flagged by the carry trick: exact at the lowest flagged byte,
/// which is all that is used (a false flag only ever sits above a true
/// one). Plain `u64` arithmetic, as fast in wasm32 as natively.
#[inline]
pub fn find_any<const N: usize>(bytes: &[u8], from: usize, set: [u8; N]) -> Option<usize> {
    first_flagged(bytes, from, |v| flag_set(v, &set), |b| set.contains(&b))
}

/// [`find_any`] for `set` and also the two bytes of `pair`, which differ
/// in one bit only (the lead bytes 0xC2 and 0xE2 of « » and “ ”): setting
/// that bit in every byte first makes both equal to the higher one, so the
/// pair costs one test, not two. The first index at or after `from` whose
/// byte is in `set` or `pair`.
#[inline]
pub fn find_any_or_pair<const N: usize>(bytes: &[u8], from: usize, set: [u8; N], pair: [u8; 2]) -> Option<usize> {
    let bit = pair[0] ^ pair[1];
    debug_assert!(bit.is_power_of_two(), "the pair must differ in one bit");
    let high = pair[0] | pair[1];
    first_flagged(
        bytes,
        from,
        |v| flag_zero((v | (ONES * u64::from(bit))) ^ (ONES * u64::from(high))) | flag_set(v, &set),
        |b| set.contains(&b) || pair.contains(&b),
    )
}

/// The high bit of each zero byte of `v` (exact at the lowest one; see
/// [`find_any`]).
#[inline]
pub(crate) fn flag_zero(v: u64) -> u64 {
    flag_below(v, 1)
}

/// The high bit of each byte of `v` below `n` (at most 0x80; exact at the
/// lowest one): subtracting `n` from every byte borrows exactly from those
/// below it, turning on a high bit that was off.
#[inline]
pub(crate) fn flag_below(v: u64, n: u8) -> u64 {
    debug_assert!(n <= 0x80);
    v.wrapping_sub(ONES * u64::from(n)) & !v & HIGH
}

/// The high bit of each byte of `v` that is in `set` (exact at the lowest).
#[inline]
pub(crate) fn flag_set<const N: usize>(v: u64, set: &[u8; N]) -> u64 {
    set.iter().fold(0, |hits, &b| hits | flag_zero(v ^ (ONES * u64::from(b))))
}

/// The first index at or after `from` that `flags` flags (eight bytes at
/// a time, read as one little-endian word) or, in the last bytes short of
/// a word, that `is_hit` accepts: the one loop of [`find_any`] and
/// [`find_any_or_pair`], and of the quotation finder's own test.
#[inline]
pub(crate) fn first_flagged(
    bytes: &[u8],
    from: usize,
    flags: impl Fn(u64) -> u64,
    is_hit: impl Fn(u8) -> bool,
) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut base = from;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let hits = flags(u64::from_le_bytes(word));
        if hits != 0 {
            return Some(base + (hits.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks.remainder().iter().position(|&b| is_hit(b)).map(|k| base + k)
}

/// The high bit of each byte of `w` (eight bytes, the first lowest) that
/// is not an ASCII letter or digit, the others 0: where a word of ASCII
/// letters and digits ends, for the tokenizers that read words eight bytes
/// at a time (the actor finder's, the disputes reader's).
///
/// Range tests on all eight bytes at once: for a 7-bit value `x`,
/// `x + (0x80 - lo)` has its high bit set exactly when `x >= lo`, and no
/// sum carries into the next byte.
#[inline]
pub fn non_alnum_bytes(w: u64) -> u64 {
    let x = w & !HIGH;
    let digit = (x + ONES * (0x80 - 0x30)) & !(x + ONES * (0x80 - 0x3a));
    // Letters of either case, folded to lower case.
    let y = x | (ONES * 0x20);
    let letter = (y + ONES * (0x80 - 0x61)) & !(y + ONES * (0x80 - 0x7b));
    // Bytes beyond ASCII (high bit set) are no letters.
    HIGH & !((digit | letter) & !w)
}

/// The end of the run of ASCII letters and digits from byte `i` of `b`
/// (`i` itself when none starts there): eight bytes at a time
/// ([`non_alnum_bytes`]), as most words end within their first eight
/// bytes, then byte by byte for the last few. The one such scan of the
/// tokenizers (the actor finder's, attribution's) and the disputes reader.
#[inline]
pub fn alnum_end(b: &[u8], mut i: usize) -> usize {
    while let Some(w) = load8(b, i) {
        let stops = non_alnum_bytes(w);
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// The eight bytes of `b` from `i` as one integer, the first lowest, if
/// there are eight.
#[inline]
pub fn load8(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// The ASCII capitals among the eight bytes of `k` lower-cased, all at
/// once; other bytes (NUL padding, bytes of wider chars) stay as they are.
#[inline]
pub fn ascii_lower8(k: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let seven = k & LOW7;
    // Bit 7 of each byte: at least 'A', then above 'Z' (no carries: a
    // byte's low seven bits plus 0x3F stay below 0x100).
    let ge_a = seven + 0x3F3F_3F3F_3F3F_3F3F;
    let gt_z = seven + 0x2525_2525_2525_2525;
    let upper = ge_a & !gt_z & !k & HIGH;
    k | (upper >> 2)
}

/// A mask of the low `n` bytes of a `u64` (none for 0, all of them from
/// eight on): the first `n` bytes of eight loaded at once.
#[inline]
pub fn low_bytes(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_classes_are_the_ascii_rule_and_the_wide_class_beyond() {
        const T: [u8; 256] = byte_classes!(|c| if c.is_ascii_digit() { 1 } else { 2 }, wide: 9);
        for b in 0..=255u8 {
            let want = if !b.is_ascii() {
                9
            } else if b.is_ascii_digit() {
                1
            } else {
                2
            };
            assert_eq!(T[usize::from(b)], want, "byte {b:#04x}");
        }
    }

    #[test]
    fn finds_what_a_byte_loop_finds() {
        let text = "He said “no” – it’s \"done\", `x` «oui» 0x80\u{80} \u{1}\u{0}.?! end…ÿ".repeat(3);
        let bytes = text.as_bytes();
        let sets: [[u8; 5]; 3] =
            [[b'"', b'`', b'\'', 0xE2, 0xC2], [b'.', b'!', b'?', 0xE2, 0xE2], [0x00, 0x01, 0x80, 0xFF, 0x7F]];
        for set in sets {
            for from in 0..=bytes.len() + 1 {
                let want = bytes.get(from..).and_then(|r| r.iter().position(|b| set.contains(b)).map(|k| from + k));
                assert_eq!(find_any(bytes, from, set), want, "{set:?} from {from}");
            }
        }
        // Every byte value, in each of the eight lanes.
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut buf = [b'a'; 16];
                buf[lane] = b;
                buf[15] = b'q';
                let want = if b == b'q' || b == 0x80 { lane } else { 15 };
                assert_eq!(find_any(&buf, 0, [b'q', 0x80]), Some(want), "{b} in lane {lane}");
            }
        }
    }

    #[test]
    fn find_any_or_pair_finds_what_a_byte_loop_finds() {
        let text = "He said “no” – it’s \"done\",\n `x` «oui» 0x80\u{80} \u{2}@\u{7}\u{0}.?! end…ÿ".repeat(3);
        let bytes = text.as_bytes();
        let set = [b'"', b'`', b'\'', b'\n'];
        for pair in [[0xC2, 0xE2], [0xE2, 0xC2], [b'a', b'A'], [0x00, 0x80]] {
            for from in 0..=bytes.len() + 1 {
                let want = bytes
                    .get(from..)
                    .and_then(|r| r.iter().position(|b| set.contains(b) || pair.contains(b)).map(|k| from + k));
                assert_eq!(find_any_or_pair(bytes, from, set, pair), want, "{pair:?} from {from}");
            }
        }
        // Every byte value, in each of the eight lanes.
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut buf = [b'a'; 16];
                buf[lane] = b;
                buf[15] = b'q';
                let want = if [b'q', 0xC2, 0xE2].contains(&b) { lane } else { 15 };
                assert_eq!(find_any_or_pair(&buf, 0, [b'q'], [0xC2, 0xE2]), Some(want), "{b} in lane {lane}");
            }
        }
    }

    #[test]
    fn alnum_end_is_where_the_letters_and_digits_stop() {
        for t in [
            "",
            "a",
            "abc def",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh-ij",
            "Zelenskyy’s",
            "0123456789abcdefXYZ!",
            "é",
            "abcdefghijk9 x Ünï d’x 0123456789abcdefXYZ-q",
        ] {
            let b = t.as_bytes();
            for s in 0..=b.len() + 2 {
                let want =
                    b.get(s..).map_or(s, |r| s + r.iter().position(|x| !x.is_ascii_alphanumeric()).unwrap_or(r.len()));
                assert_eq!(alnum_end(b, s), want, "{t:?} from {s}");
            }
        }
        for k in 0..=255u8 {
            let b = [b'a', b'Z', b'0', b'q', b'r', b's', b't', b'u', b'v', k, b'x'];
            let want = if k.is_ascii_alphanumeric() { b.len() } else { 9 };
            assert_eq!(alnum_end(&b, 0), want, "{k}");
        }
    }

    #[test]
    fn non_alnum_bytes_marks_exactly_the_other_bytes() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut a = *b"abcdefgh";
                a[pos] = b;
                let want = if b.is_ascii_alphanumeric() { 0 } else { 0x80u64 << (8 * pos) };
                assert_eq!(non_alnum_bytes(u64::from_le_bytes(a)), want, "{b:#x} at {pos}");
            }
        }
        assert_eq!(non_alnum_bytes(u64::from_le_bytes(*b"09AZaz09")), 0);
        assert_eq!(non_alnum_bytes(u64::from_le_bytes(*b"/:@[`{\x80\xff")), 0x8080_8080_8080_8080);
    }

    #[test]
    fn ascii_lower8_lower_cases_ascii_capitals_only() {
        for x in 0..=255u8 {
            for pos in 0..8 {
                let mut a = *b"aZ@[`{0\xff";
                a[pos] = x;
                let mut want = a;
                want.make_ascii_lowercase();
                assert_eq!(ascii_lower8(u64::from_le_bytes(a)), u64::from_le_bytes(want), "{x:#x} at {pos}");
            }
        }
    }

    #[test]
    fn load8_reads_eight_bytes_or_nothing() {
        let b = b"abcdefghij";
        assert_eq!(load8(b, 0), Some(u64::from_le_bytes(*b"abcdefgh")));
        assert_eq!(load8(b, 2), Some(u64::from_le_bytes(*b"cdefghij")));
        assert_eq!(load8(b, 3), None);
        assert_eq!(load8(b, usize::MAX), None);
    }

    #[test]
    fn low_bytes_masks_the_first_bytes() {
        let w = u64::from_le_bytes(*b"abcdefgh");
        for n in 0..=9 {
            let mut a = *b"abcdefgh";
            a[n.min(8)..].fill(0);
            assert_eq!(w & low_bytes(n), u64::from_le_bytes(a), "{n}");
        }
    }
}
