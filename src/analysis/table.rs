//! Read-only word tables compiled into the program as data: the lexicons'
//! lists, sets and maps (`actors::lexicon`, `attribution::lexicon`).
//!
//! Why: building the lexicons' hash maps on the first `analyze()` cost about
//! 2 ms natively (three times the seed article's whole analysis) and, in
//! the browser, a first visit paid for it twice over: V8 compiles wasm
//! lazily, so the builders were compiled on the main thread and then ran in
//! the baseline tier. As static data the tables cost nothing at run time:
//! the wasm's data segment is copied in with the module.
//!
//! The tables are generated from the word lists by the builders themselves,
//! kept as test code (`cargo test` checks that the checked-in tables are
//! what the lists give; `NEWSGLOSS_REGENERATE=1 cargo test --lib tables`
//! rewrites them, see [`check_generated`]). A change to a tables struct
//! itself (a list added) leaves the old file unable to compile, so the
//! test cannot run: give the new field an empty `Table::new(&[], &[], "",
//! &[])` in the generated file by hand, then regenerate.
//!
//! A table is a minimal perfect hash ("hash and displace", as in CHD or
//! the `phf` crate): the key's hash picks a bucket, the bucket's
//! displacement picks the one position the key can be at, and one
//! comparison says whether it is there. No empty slots, no probing: a word
//! not listed (the common case) costs one hash and one comparison. The
//! hash has a fixed seed, which is safe here (unlike for the per-text sets,
//! which [`super::actors::hash`] keys per process): every lookup is one
//! comparison whatever the text.

use std::fmt;

use super::actors::classes::pack8;

/// One table: `keys` holds the keys concatenated in their positions' order,
/// key `i` being `keys[ends[i - 1]..ends[i]]` (offsets pack tighter than a
/// pointer and a length per key), its value `values[i]`; `displace` has one
/// displacement a bucket of about four keys.
pub struct Table<V: 'static> {
    displace: &'static [u16],
    ends: &'static [u32],
    keys: &'static str,
    values: &'static [V],
}

/// Keys per bucket, on average.
#[cfg(test)]
const BUCKET: usize = 4;

/// The tables' hash: [`super::actors::hash`]'s mixing with a fixed seed, so
/// that the generated tables and the lookups agree on every target.
fn hash(key: &[u8]) -> u64 {
    super::actors::hash::fixed_hash(key)
}

/// `x`'s high half scaled to `0..n` (any `n`); the same on 32- and 64-bit
/// targets.
#[inline]
fn scale(x: u64, n: usize) -> usize {
    (((x >> 32) * n as u64) >> 32) as usize
}

/// The bucket of a key among `n`: from the hash's low half.
#[inline]
fn bucket(hash: u64, n: usize) -> usize {
    scale(hash << 32, n)
}

/// The position of a key among `n` under its bucket's displacement `d`:
/// the hash and `d` mixed by a multiplication (which carries a difference
/// in any bit of the hash into the high half, so that some `d` tells apart
/// any two keys of a bucket), then scaled.
#[inline]
fn position(hash: u64, d: u16, n: usize) -> usize {
    scale((hash ^ u64::from(d).wrapping_mul(0xD6E8_FEB8_6659_FD93)).wrapping_mul(0x9E37_79B9_7F4A_7C15), n)
}

/// A key with its hash, made once for lookups in several tables
/// ([`Table::get_hashed`]). A key of one to eight bytes (most words) is
/// held as one integer ([`pack8`]), and compared so: it need not be in
/// memory at all ([`Hashed::packed`]).
#[derive(Clone, Copy)]
pub struct Hashed<'k> {
    /// The key, if of more than eight bytes (else `packed` holds it, and
    /// this may be empty).
    bytes: &'k [u8],
    /// [`pack8`] of a key of one to eight bytes, else 0.
    packed: u64,
    len: usize,
    hash: u64,
}

impl<'k> Hashed<'k> {
    /// `bytes` and their hash.
    #[inline]
    pub fn new(bytes: &'k [u8]) -> Self {
        Hashed { bytes, packed: pack8(bytes).unwrap_or(0), len: bytes.len(), hash: hash(bytes) }
    }

    /// The key of `len` bytes (one to eight) whose [`pack8`] is `packed`:
    /// for a caller that made the key as an integer (a word lower-cased
    /// eight bytes at a time), not in memory.
    #[inline]
    pub fn packed(packed: u64, len: usize) -> Hashed<'static> {
        Hashed { bytes: &[], packed, len, hash: super::actors::hash::fixed_hash_packed(packed, len) }
    }

    /// The key's hash: for a caller that keys a filter of its own by it
    /// (`actors::classes`), not hashing the key again.
    #[inline]
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// Whether `key` is this key: for keys of up to eight bytes (most
    /// words) as two integers ([`pack8`]), not by a call to `memcmp`,
    /// which a miss of the same length would otherwise make.
    #[inline(always)]
    fn is(&self, key: &[u8]) -> bool {
        key.len() == self.len
            && match pack8(key) {
                Some(x) => x == self.packed,
                None => key == self.bytes,
            }
    }
}

impl<V: 'static> Table<V> {
    /// A table as the generator wrote it.
    pub const fn new(displace: &'static [u16], ends: &'static [u32], keys: &'static str, values: &'static [V]) -> Self {
        Table { displace, ends, keys, values }
    }

    /// Key `i`, as bytes.
    #[inline(always)]
    fn key(&self, i: usize) -> Option<&'static [u8]> {
        let from = if i == 0 { 0 } else { *self.ends.get(i - 1)? as usize };
        self.keys.as_bytes().get(from..*self.ends.get(i)? as usize)
    }

    /// The value of `key`, if listed.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&'static V> {
        self.get_bytes(key.as_bytes())
    }

    /// The value of the key spelt by `key`, if listed: for callers holding
    /// a word lower-cased into a byte buffer, which need not check it as
    /// UTF-8 again to look it up.
    ///
    /// Not inlined: the hash and the probe are one call, as they were
    /// before [`Table::get_hashed`] split them (inlined into the tokenizer's
    /// and the attribution's loops, they cost those loops more than the
    /// call: 1 MB +2.1 M instructions).
    #[inline(never)]
    pub fn get_bytes(&self, key: &[u8]) -> Option<&'static V> {
        match pack8(key) {
            // Most words: hashed and compared as one integer.
            Some(packed) => self.get_hashed(&Hashed::packed(packed, key.len())),
            None => {
                let i = self.slot(hash(key))?;
                (self.key(i)? == key).then(|| self.values.get(i)).flatten()
            }
        }
    }

    /// The value of `key`, hashed already: for a caller that looks one word
    /// up in several tables (they share the hash), or holds it as an
    /// integer ([`Hashed::packed`]).
    ///
    /// Always inlined, with the helpers it calls: natively LLVM inlines
    /// them anyway, but for wasm it kept three copies of this one out of
    /// line (5 % of the seed's wasm time in a node profile), each call
    /// passing the key through memory. Inlined, the seed ran about 1.5 %
    /// faster in three interleaved node A/B runs, within the noise in
    /// later ones on a busy machine; natively the instructions are the
    /// same within 0.1 %.
    #[inline(always)]
    pub fn get_hashed(&self, key: &Hashed<'_>) -> Option<&'static V> {
        let i = self.slot(key.hash)?;
        key.is(self.key(i)?).then(|| self.values.get(i)).flatten()
    }

    /// The one position a key of hash `h` can be at.
    #[inline(always)]
    fn slot(&self, h: u64) -> Option<usize> {
        let d = *self.displace.get(bucket(h, self.displace.len()))?;
        Some(position(h, d, self.values.len()))
    }

    /// Whether `key` is listed.
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Whether `key` is listed (the map spelling of [`Table::contains`]).
    #[inline]
    pub fn contains_key(&self, key: &str) -> bool {
        self.contains(key)
    }

    /// The keys, in the tables' order.
    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.values.len()).filter_map(|i| self.key(i).and_then(|k| std::str::from_utf8(k).ok()))
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// Written as the Rust expression that rebuilds it (the generator's
/// output): numbers in rows, one key a line.
impl<V: fmt::Debug + 'static> fmt::Debug for Table<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Table::new(")?;
        rows(f, self.displace)?;
        f.write_str(", ")?;
        rows(f, self.ends)?;
        f.write_str(", concat!(")?;
        for i in 0..self.values.len() {
            let key = self.key(i).map(String::from_utf8_lossy).unwrap_or_default();
            write!(f, "\n{key:?},")?;
        }
        f.write_str("\n), ")?;
        rows(f, self.values)?;
        f.write_str(")")
    }
}

/// `&[a,b,...\n...]`: a slice sixteen items a line.
fn rows<T: fmt::Debug>(f: &mut fmt::Formatter<'_>, items: &[T]) -> fmt::Result {
    f.write_str("&[")?;
    for row in items.chunks(16) {
        f.write_str("\n")?;
        for item in row {
            write!(f, "{item:?},")?;
        }
    }
    f.write_str("\n]")
}

/// `[a,\nb,\n]`: a slice one item a line.
fn lines<T: fmt::Debug>(f: &mut fmt::Formatter<'_>, items: &[T]) -> fmt::Result {
    f.write_str("[")?;
    for item in items {
        write!(f, "\n{item:?},")?;
    }
    f.write_str("\n]")
}

/// A list compiled in as data, written as the Rust expression that rebuilds
/// it (a slice's own `Debug` lacks the `&`).
pub struct List<T: 'static>(pub &'static [T]);

impl<T: 'static> std::ops::Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.0
    }
}

impl<T: fmt::Debug + 'static> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("List(&")?;
        lines(f, self.0)?;
        f.write_str(")")
    }
}

#[cfg(test)]
impl<V: 'static> Table<V> {
    /// Builds a table (test code only: the generator; the memory is leaked,
    /// once per test run). Keys must be distinct and not empty.
    pub fn build(entries: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let mut entries: Vec<(&'static str, V)> = entries.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        assert!(entries.windows(2).all(|w| w[0].0 != w[1].0), "duplicate keys");
        assert!(entries.iter().all(|(k, _)| !k.is_empty()), "an empty key");
        let n = entries.len();
        let hashes: Vec<u64> = entries.iter().map(|(k, _)| hash(k.as_bytes())).collect();
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); n.div_ceil(BUCKET)];
        let count = buckets.len();
        for (i, &h) in hashes.iter().enumerate() {
            buckets[bucket(h, count)].push(i);
        }
        // Largest buckets first, while most positions are free.
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&b| (std::cmp::Reverse(buckets[b].len()), b));
        let mut displace = vec![0u16; buckets.len()];
        let mut at: Vec<Option<usize>> = vec![None; n];
        let mut spots: Vec<usize> = Vec::new();
        for b in order {
            let keys = &buckets[b];
            let d = (0..=u16::MAX)
                .find(|&d| {
                    spots.clear();
                    for &i in keys {
                        let p = position(hashes[i], d, n);
                        if at[p].is_some() || spots.contains(&p) {
                            return false;
                        }
                        spots.push(p);
                    }
                    true
                })
                .expect("a displacement for every bucket");
            for &i in keys {
                at[position(hashes[i], d, n)] = Some(i);
            }
            displace[b] = d;
        }
        let mut slots: Vec<Option<(&'static str, V)>> = entries.into_iter().map(Some).collect();
        let mut keys = String::new();
        let mut ends = Vec::with_capacity(n);
        let mut values = Vec::with_capacity(n);
        for i in at.into_iter().flatten() {
            let Some((k, v)) = slots[i].take() else { continue };
            keys.push_str(k);
            ends.push(u32::try_from(keys.len()).expect("keys under 4 GB"));
            values.push(v);
        }
        assert_eq!(values.len(), n, "every key placed once");
        Table { displace: displace.leak(), ends: ends.leak(), keys: keys.leak(), values: values.leak() }
    }
}

#[cfg(test)]
impl<T: 'static> List<T> {
    /// A list (test code only: the generator; leaked once per test run).
    pub fn build(items: Vec<T>) -> Self {
        List(items.leak())
    }
}

/// Compares a generated file with what the generator writes now, and with
/// `NEWSGLOSS_REGENERATE=1` writes it instead. `path` is relative to the
/// crate root.
#[cfg(test)]
pub fn check_generated(path: &str, body: &str) {
    let header = "// @generated by the lexicon tests from the word lists: do not edit.\n\
                  // To rewrite after changing a list or a builder:\n\
                  //   NEWSGLOSS_REGENERATE=1 cargo test --lib tables\n";
    let want = format!("{header}{body}\n");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("NEWSGLOSS_REGENERATE").is_some() {
        std::fs::write(&file, &want).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
        return;
    }
    let have = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        have == want,
        "{path} is not what the word lists give: run `NEWSGLOSS_REGENERATE=1 cargo test --lib tables` and commit it"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_find_exactly_the_keys() {
        let words = ["officials", "Officials", "a", "ab", "abcdefgh", "abcdefghi", "Mr.", "’s"];
        let t = Table::build(words.iter().enumerate().map(|(i, w)| (*w, i)));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(&i), "{w}");
        }
        for w in ["", "official", "b", "abcdefghij", "OFFICIALS"] {
            assert!(!t.contains(w), "{w}");
        }
        assert_eq!(t.len(), words.len());
        let empty: Table<()> = Table::build([]);
        assert!(empty.is_empty() && !empty.contains("a") && !empty.contains(""));
    }

    #[test]
    fn hashed_keys_are_their_bytes() {
        let words: [&[u8]; 10] =
            [b"", b"a", b"b", b"ab", b"ba", b"abcdefgh", b"abcdefgi", b"abcdefghi", b"abcdefghj", b"a\0"];
        for a in words {
            let key = Hashed::new(a);
            assert_eq!(key.hash, hash(a), "{a:?}");
            if let Some(p) = pack8(a) {
                let packed = Hashed::packed(p, a.len());
                assert_eq!((packed.hash, packed.packed, packed.len), (key.hash, key.packed, key.len), "{a:?}");
            }
            for b in words {
                assert_eq!(key.is(b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn byte_lookups_of_every_length_are_lookups() {
        let words = ["a", "ab", "said", "abcdefgh", "abcdefghi", "officials", "\u{e9}t\u{e9}"];
        let t = Table::build(words.iter().enumerate().map(|(i, w)| (*w, i)));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get_bytes(w.as_bytes()), Some(&i), "{w}");
            let mut longer = w.to_string();
            longer.push('x');
            assert_eq!(t.get_bytes(longer.as_bytes()), None, "{longer}");
            assert_eq!(t.get_bytes(&w.as_bytes()[1..]), None, "{w}");
        }
    }

    #[test]
    fn hashed_lookups_are_lookups() {
        let t = Table::build([("said", 1u8), ("officials", 2)]);
        let u = Table::build([("said", 3u8)]);
        for w in ["said", "officials", "say", "Said", ""] {
            let k = Hashed::new(w.as_bytes());
            assert_eq!(t.get_hashed(&k), t.get(w), "{w}");
            assert_eq!(u.get_hashed(&k), u.get(w), "{w}");
        }
    }

    #[test]
    fn written_form_is_rust() {
        let t = Table::build([("b", 2u32)]);
        let text = format!("{t:?}");
        assert_eq!(text, "Table::new(&[\n0,\n], &[\n1,\n], concat!(\n\"b\",\n), &[\n2,\n])");
        assert_eq!(format!("{:?}", List::build(vec!["x"])), "List(&[\n\"x\",\n])");
    }
}
