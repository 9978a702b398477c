//! Name-based UUIDs (RFC 9562 version 5: SHA-1 over a namespace and a name),
//! hand-written so that the crate needs no dependency for them.
//!
//! Annotation ids are derived from content, not drawn at random: exporting
//! the same findings of the same source twice gives the same ids, so a
//! re-run replaces annotations instead of duplicating them. SHA-1 is used
//! only as the standard's name hash here, not for security.

use std::fmt;

/// A UUID as its 16 bytes, shown in the usual hyphenated lower-case form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uuid(pub [u8; 16]);

impl Uuid {
    /// RFC 9562's namespace for names that are URLs.
    pub const NAMESPACE_URL: Uuid =
        Uuid([0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]);

    /// RFC 9562's namespace for DNS names.
    pub const NAMESPACE_DNS: Uuid =
        Uuid([0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]);

    /// newsgloss's own namespace: `v5(NAMESPACE_URL, "urn:newsgloss")`,
    /// 3a6da62f-2775-5cd5-b892-9ca0f4c9bd02. Never change it: every
    /// exported id depends on it.
    pub const NEWSGLOSS: Uuid =
        Uuid([0x3a, 0x6d, 0xa6, 0x2f, 0x27, 0x75, 0x5c, 0xd5, 0xb8, 0x92, 0x9c, 0xa0, 0xf4, 0xc9, 0xbd, 0x02]);

    /// The version 5 UUID of `name` in `namespace`.
    pub fn v5(namespace: &Uuid, name: &[u8]) -> Uuid {
        let mut input = Vec::with_capacity(16 + name.len());
        input.extend_from_slice(&namespace.0);
        input.extend_from_slice(name);
        let digest = sha1(&input);
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
        bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC variant
        Uuid(bytes)
    }

    /// `urn:uuid:xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx`.
    pub fn urn(&self) -> String {
        format!("urn:uuid:{self}")
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// A `urn:uuid:` (version 5, newsgloss namespace) for a tuple of strings.
///
/// The parts are joined with U+001F (unit separator), which does not occur in
/// article text after the engine's input handling, so `("ab", "c")` and
/// `("a", "bc")` hash differently.
pub fn content_urn(parts: &[&str]) -> String {
    Uuid::v5(&Uuid::NEWSGLOSS, parts.join("\u{1f}").as_bytes()).urn()
}

/// SHA-1 (FIPS 180-4) of `data`.
pub fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0];
    let bit_len = (data.len() as u64).wrapping_mul(8);
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());

    let mut w = [0u32; 80];
    for block in message.chunks_exact(64) {
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, &wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5a82_7999),
                20..=39 => (b ^ c ^ d, 0x6ed9_eba1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8f1b_bcdc),
                _ => (b ^ c ^ d, 0xca62_c1d6),
            };
            let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (hi, v) in h.iter_mut().zip([a, b, c, d, e]) {
            *hi = hi.wrapping_add(v);
        }
    }

    let mut out = [0u8; 20];
    for (chunk, v) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&v.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha1_matches_the_standard_vectors() {
        assert_eq!(hex(&sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(hex(&sha1(b"abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(
            hex(&sha1(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        // Several blocks, and a length whose padding needs an extra block.
        assert_eq!(hex(&sha1(&[b'a'; 1000])), "291e9a6c66994949b57ba5e650361e98fc36b1ba");
    }

    #[test]
    fn v5_matches_known_uuids() {
        assert_eq!(Uuid::v5(&Uuid::NAMESPACE_DNS, b"python.org").to_string(), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
        assert_eq!(Uuid::v5(&Uuid::NAMESPACE_URL, b"urn:newsgloss"), Uuid::NEWSGLOSS);
        assert_eq!(Uuid::v5(&Uuid::NEWSGLOSS, b"hello").urn(), "urn:uuid:b3fb8cf0-96ed-5c3f-ba32-6d1273079d62");
    }

    #[test]
    fn content_urn_separates_its_parts() {
        assert_ne!(content_urn(&["ab", "c"]), content_urn(&["a", "bc"]));
        assert_eq!(content_urn(&["x", "1"]), content_urn(&["x", "1"]));
    }
}
