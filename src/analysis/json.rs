//! The findings of a text as compact JSON, written by hand for the wasm
//! `analyzeText` straight from the stages' results ([`Found`]).
//!
//! Why not `serde_json`: a news article has a few hundred spans, and
//! serde's generic path (a key serialised and escape-scanned per field,
//! per span) was about 5 % of a wasm call on the seed article (node
//! `--cpu-prof`). This writer puts out the very bytes `serde_json::to_string`
//! does for [`super::find`]'s `Findings` (a test in `tests/robustness.rs`
//! compares the two on random and hostile texts): keys in declaration order, strings
//! escaped as serde_json escapes them, no white space. The CLI keeps
//! serde: it prints the text too, and speed matters less there.

use super::actors::ActorFound;
use super::disputes::DisputeFound;
use super::runs::Run;
use super::{ActorKind, Found, QuoteKind, Stance};
use crate::text::bytes::{first_flagged, flag_below, flag_set};
use crate::text::Offsets;

/// The findings in `text` as the JSON `serde_json::to_string(&find(text))`
/// writes, written straight from the stages' results ([`Found`]) with the
/// same conversions as [`super::find`]: no ids, spans or vectors are built
/// only to be written out and dropped (allocations cost more in wasm).
/// Bytes are gathered, and checked as UTF-8 once at the end (every piece
/// is a `&str` or ASCII, so the check never fails).
pub fn findings_json(text: &str) -> String {
    let found = Found::of(text);
    let o = Offsets::new(text);
    let mentions = found.actors.iter().map(|a| a.mentions.len()).sum::<usize>();
    // About the JSON's length, so that it is seldom copied as it grows.
    let mut out = Vec::with_capacity(
        64 + 32 * mentions + 64 * found.actors.len() + 160 * found.quotes.len() + 320 * found.disputes.len(),
    );
    out.extend_from_slice(b"{\"actors\":[");
    for (i, a) in found.actors.iter().enumerate() {
        comma(&mut out, i);
        actor(&mut out, &o, i, a);
    }
    out.extend_from_slice(b"],\"quotes\":[");
    for (i, run) in found.quotes.iter().enumerate() {
        comma(&mut out, i);
        quote(&mut out, &o, &found, i, run);
    }
    out.extend_from_slice(b"],\"disputes\":[");
    for (i, d) in found.disputes.iter().enumerate() {
        comma(&mut out, i);
        dispute(&mut out, &o, &found, i, d);
    }
    out.extend_from_slice(b"]}");
    String::from_utf8(out).unwrap_or_default()
}

/// Actor `i` as [`super::Actor`] serialises.
fn actor(out: &mut Vec<u8>, o: &Offsets, i: usize, a: &ActorFound) {
    push_id_field(out, b'a', i);
    out.extend_from_slice(b",\"name\":");
    string(out, &a.name);
    out.extend_from_slice(b",\"kind\":\"");
    push_actor_kind(out, a.kind);
    out.extend_from_slice(b"\",\"mentions\":[");
    for (k, m) in a.mentions.iter().enumerate() {
        comma(out, k);
        out.push(b'{');
        start_end(out, o.byte_span_to_chars(m.start, m.end));
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// Quotation `i` as [`super::Quote`] serialises (its pieces are not in
/// the JSON).
fn quote(out: &mut Vec<u8>, o: &Offsets, found: &Found, i: usize, run: &Run) {
    let at = run.attribution;
    push_id_field(out, b'q', i);
    out.push(b',');
    start_end(out, o.byte_span_to_chars(run.start, run.end));
    out.extend_from_slice(b",\"kind\":\"");
    push_quote_kind(out, at.kind);
    out.extend_from_slice(b"\",\"speaker\":");
    match at.speaker {
        None => out.extend_from_slice(b"null"),
        Some(s) => {
            out.extend_from_slice(b"{\"actor\":");
            actor_ref(out, found.actor(s.actor));
            out.push(b',');
            start_end(out, o.byte_span_to_chars(s.start, s.end));
            out.push(b'}');
        }
    }
    out.push(b'}');
}

/// Dispute `i` as [`super::Dispute`] serialises.
fn dispute(out: &mut Vec<u8>, o: &Offsets, found: &Found, i: usize, d: &DisputeFound) {
    push_id_field(out, b'd', i);
    out.extend_from_slice(b",\"topic\":");
    string(out, &d.topic);
    out.extend_from_slice(b",\"claim\":{");
    start_end(out, o.byte_span_to_chars(d.claim.start, d.claim.end));
    out.extend_from_slice(b",\"holder\":");
    actor_ref(out, found.actor(d.claim.holder));
    out.extend_from_slice(b"},\"positions\":[");
    for (k, (p, stance)) in d.positions.iter().enumerate() {
        comma(out, k);
        out.push(b'{');
        start_end(out, o.byte_span_to_chars(p.start, p.end));
        out.extend_from_slice(b",\"holder\":");
        actor_ref(out, found.actor(p.holder));
        out.extend_from_slice(b",\"stance\":\"");
        push_stance(out, *stance);
        out.extend_from_slice(b"\"}");
    }
    out.extend_from_slice(b"]}");
}

fn comma(out: &mut Vec<u8>, i: usize) {
    if i > 0 {
        out.push(b',');
    }
}

/// `{"id":"a1"`: an object's first field, its id.
fn push_id_field(out: &mut Vec<u8>, prefix: u8, index: usize) {
    out.extend_from_slice(b"{\"id\":\"");
    push_id(out, prefix, index);
    out.push(b'"');
}

/// An id of the public JSON: `prefix` and the 1-based `index` ("a1",
/// "q12"); also the ids of [`super::find`].
pub(super) fn push_id(out: &mut Vec<u8>, prefix: u8, index: usize) {
    out.push(prefix);
    push_decimal(out, index.saturating_add(1));
}

/// An actor's id, or `null`.
fn actor_ref(out: &mut Vec<u8>, actor: Option<usize>) {
    match actor {
        Some(i) => {
            out.push(b'"');
            push_id(out, b'a', i);
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// `"start":S,"end":E`.
fn start_end(out: &mut Vec<u8>, (start, end): (usize, usize)) {
    out.extend_from_slice(b"\"start\":");
    push_decimal(out, start);
    out.extend_from_slice(b",\"end\":");
    push_decimal(out, end);
}

/// The kinds' and stances' names as serde writes them (lower case), each
/// pushed by its own copy: a copy of a known length is a few stores, where
/// one of a name looked up is a `memcpy` call (a `memory.copy` in wasm).
fn push_actor_kind(out: &mut Vec<u8>, kind: ActorKind) {
    match kind {
        ActorKind::Person => out.extend_from_slice(b"person"),
        ActorKind::Organization => out.extend_from_slice(b"organization"),
        ActorKind::Place => out.extend_from_slice(b"place"),
        ActorKind::Group => out.extend_from_slice(b"group"),
    }
}

fn push_quote_kind(out: &mut Vec<u8>, kind: QuoteKind) {
    match kind {
        QuoteKind::Direct => out.extend_from_slice(b"direct"),
        QuoteKind::Partial => out.extend_from_slice(b"partial"),
        QuoteKind::Scare => out.extend_from_slice(b"scare"),
    }
}

fn push_stance(out: &mut Vec<u8>, stance: Stance) {
    match stance {
        Stance::Disputes => out.extend_from_slice(b"disputes"),
        Stance::Denies => out.extend_from_slice(b"denies"),
        Stance::Qualifies => out.extend_from_slice(b"qualifies"),
        Stance::Supports => out.extend_from_slice(b"supports"),
    }
}

/// `n` in decimal digits, two at a time from a table of the hundred pairs
/// (half the divisions), gathered in one `u64` (each more significant pair
/// below the ones before it: the digits in order as little-endian bytes)
/// and appended as its eight bytes, then cut to length. A copy of a fixed
/// length is a few stores; one of a variable length is a `memcpy` call
/// natively and a `memory.copy` in wasm, which V8 runs out of line (pushed
/// as chars into a `String`, the digits were a quarter of the output path
/// natively). In `u32` and `u64`, not `u128` (whose shifts and divisions
/// took two to four instructions each): offsets and ids have at most
/// eight digits below 100 MB of text; longer numbers take the slow way.
#[inline]
fn push_decimal(out: &mut Vec<u8>, n: usize) {
    let Some(mut n) = u32::try_from(n).ok().filter(|&n| n < 100_000_000) else {
        push_long_decimal(out, n);
        return;
    };
    let (mut digits, mut len) = (0u64, 0);
    while n >= 100 {
        digits = digits << 16 | u64::from(DIGIT_PAIRS[(n % 100) as usize]);
        n /= 100;
        len += 2;
    }
    if n >= 10 {
        digits = digits << 16 | u64::from(DIGIT_PAIRS[n as usize]);
        len += 2;
    } else {
        digits = digits << 8 | u64::from(b'0' + n as u8);
        len += 1;
    }
    let start = out.len();
    out.extend_from_slice(&digits.to_le_bytes());
    out.truncate(start + len);
}

/// [`push_decimal`]'s slow way, out of line: its `String` kept the fast
/// way's registers busy.
#[cold]
#[inline(never)]
fn push_long_decimal(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(n.to_string().as_bytes());
}

/// The decimal digits of 0..100, two each, as one little-endian `u16`
/// each (the tens digit first): a pair is one load.
const DIGIT_PAIRS: [u16; 100] = {
    let mut pairs = [0u16; 100];
    let mut i = 0;
    while i < 100 {
        pairs[i] = (b'0' + (i / 10) as u8) as u16 | ((b'0' + (i % 10) as u8) as u16) << 8;
        i += 1;
    }
    pairs
};

/// A JSON string, escaped as `serde_json` escapes: `"`, `\` and the
/// control chars below U+0020 (the short forms `\b \t \n \f \r`, else
/// `\u00XX`); every other char as it is. The bytes to escape are found
/// eight at a time ([`escape_flags`]): names seldom hold one, and a byte
/// loop with a test per byte was most of writing a name.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = first_flagged(bytes, from, escape_flags, needs_escape) {
        // Only ASCII bytes are escaped, so `from..i` are whole chars.
        out.extend_from_slice(bytes.get(from..i).unwrap_or_default());
        let b = bytes.get(i).copied().unwrap_or_default();
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0c => b"\\f",
            b'\r' => b"\\r",
            _ => b"",
        };
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xf)]);
        } else {
            out.extend_from_slice(short);
        }
        from = i + 1;
    }
    out.extend_from_slice(bytes.get(from..).unwrap_or_default());
    out.push(b'"');
}

/// Whether JSON escapes byte `b`: `"`, `\` or a control char.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The high bit of each byte of `v` that [`needs_escape`] (exact at the
/// lowest one, as [`first_flagged`] reads them).
fn escape_flags(v: u64) -> u64 {
    flag_set(v, b"\"\\") | flag_below(v, 0x20)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::find;

    fn serde(text: &str) -> String {
        serde_json::to_string(&find(text)).unwrap_or_default()
    }

    #[test]
    fn the_seed_article_is_written_as_serde_writes_it() {
        let text = include_str!("../../seeds/000_ef33c36d7de74af4.txt");
        let f = find(text);
        assert!(f.actors.len() > 20 && f.quotes.len() >= 10 && f.disputes.len() >= 4);
        assert_eq!(findings_json(text), serde(text));
        assert_eq!(findings_json(""), serde(""));
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        let odd = "a\"b\\c\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \u{7f}é“x”😀/</script>";
        for s in [odd, "", "plain", "\"", "é"] {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(String::from_utf8(out).unwrap_or_default(), serde_json::to_string(s).unwrap_or_default());
        }
    }

    #[test]
    fn escape_flags_find_the_first_byte_to_escape() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for after in [b'a', b'"', 0x01, 0xff, 0x9f] {
                    let mut word = [b'a'; 8];
                    word[at] = b;
                    word[7] = after;
                    let want = word.iter().position(|&x| needs_escape(x));
                    let flags = escape_flags(u64::from_le_bytes(word));
                    let got = (flags != 0).then_some((flags.trailing_zeros() / 8) as usize);
                    assert_eq!(got, want, "{b:#x} at {at}, then {after:#x}");
                }
            }
        }
    }

    #[test]
    fn ids_decimals_and_references_are_written_as_serde_writes_them() {
        let mut out = Vec::new();
        for n in [
            0,
            9,
            10,
            99,
            100,
            101,
            1_000,
            8_822,
            99_999_999,
            100_000_000,
            4_294_967_295,
            usize::MAX,
            usize::MAX / 1000,
            usize::MAX / 2000,
        ] {
            out.clear();
            push_decimal(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
        out.clear();
        actor_ref(&mut out, Some(11));
        actor_ref(&mut out, None);
        push_id_field(&mut out, b'q', 0);
        assert_eq!(out, b"\"a12\"null{\"id\":\"q1\"");
    }
}
