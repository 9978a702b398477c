//! Sorting packed mentions (`start << 32` and lower bits), which both the
//! attribution and the disputes stage sort by start: linear for a long
//! text's list, where the standard sort is not.

/// From how many keys [`sort_keys`] sorts by buckets: below, the
/// standard sort is as quick (a short text's mentions).
const SPREAD_FROM: usize = 256;

/// Sorts `keys` (packed mentions: the start in the high 32 bits; the
/// disputes stage's and attribution's mention lists) as
/// `sort_unstable` does. A long list (a long text's, from
/// [`SPREAD_FROM`] keys) is sorted by its keys' top bits first, the
/// mentions' starts, a counting sort into about as many buckets as keys:
/// mentions spread over the text, so each bucket holds a few, which an
/// insertion sort then orders (some 25 instructions a key instead of the
/// standard sort's 100 on 100 KB). The insertion sort is given some 8
/// moves a key: keys that crowd a few buckets are sorted by
/// `sort_unstable` instead.
pub(crate) fn sort_keys(keys: &mut Vec<u64>) {
    let n = keys.len();
    let max = if n < SPREAD_FROM { 0 } else { keys.iter().copied().max().unwrap_or(0) };
    if max == 0 {
        keys.sort_unstable();
        return;
    }
    let bits = n.next_power_of_two().trailing_zeros();
    let lead = max.leading_zeros();
    // The top `bits` bits below the highest bit any key sets.
    let bucket = |x: u64| ((x << lead) >> (64 - bits)) as usize;
    // Each bucket's count at the next one's index, then summed: where
    // each bucket starts.
    let mut starts = vec![0usize; (1 << bits) + 1];
    for &x in keys.iter() {
        starts[bucket(x) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut sorted = vec![0u64; n];
    for &x in keys.iter() {
        let at = &mut starts[bucket(x)];
        sorted[*at] = x;
        *at += 1;
    }
    let mut moves = 8 * n;
    for i in 1..n {
        let x = sorted[i];
        let mut j = i;
        while j > 0 && sorted[j - 1] > x && moves > 0 {
            sorted[j] = sorted[j - 1];
            j -= 1;
            moves -= 1;
        }
        sorted[j] = x;
        if moves == 0 {
            sorted.sort_unstable();
            break;
        }
    }
    *keys = sorted;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::disputes::xorshift;

    #[test]
    fn keys_sort_as_sort_unstable() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        for n in [0, 1, 2, 100, 255, 256, 257, 1000, 3000] {
            let key = |start: u64, r: u64| start << 32 | (0xFFF0 | (r % 16)) << 16 | ((r >> 40) & 0x3FF);
            let spread: Vec<u64> = (0..n).map(|_| key(next() % 100_000, next())).collect();
            let repeats: Vec<u64> = (0..n).map(|_| spread[(next() % 3) as usize % n.max(1)]).collect();
            let crowded: Vec<u64> = (0..n).map(|k| key(if k == 0 { 1 << 30 } else { next() % 1000 }, next())).collect();
            let reversed: Vec<u64> = (0..n as u64).rev().map(|k| key(k, k)).collect();
            let zeros = vec![0u64; n];
            for list in [spread, repeats, crowded, reversed, zeros] {
                let (mut got, mut want) = (list.clone(), list);
                sort_keys(&mut got);
                want.sort_unstable();
                assert_eq!(got, want, "{n}");
            }
        }
    }
}
