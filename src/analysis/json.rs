//! [`Findings`] as compact JSON, written by hand for the wasm `analyzeText`.
//!
//! Why not `serde_json`: a news article has a few hundred spans, and
//! serde's generic path (a key serialised and escape-scanned per field,
//! per span) was about 5 % of a wasm call on the seed article (node
//! `--cpu-prof`). This writer puts out the very bytes `serde_json::to_string`
//! does for the same value (a test in `tests/robustness.rs` compares the
//! two on random and hostile texts): keys in declaration order, strings
//! escaped as serde_json escapes them, no white space. The CLI keeps
//! serde: it prints the text too, and speed matters less there.

use super::{Actor, ActorKind, Claim, Dispute, Findings, Position, Quote, QuoteKind, Speaker, Stance};

/// `findings` as the JSON `serde_json::to_string` writes for it.
pub fn findings(findings: &Findings) -> String {
    let spans = findings.actors.iter().map(|a| a.mentions.len()).sum::<usize>()
        + findings.quotes.len()
        + 3 * findings.disputes.len();
    let mut out = String::with_capacity(64 + 32 * spans + 48 * findings.actors.len());
    out.push_str("{\"actors\":[");
    for (i, a) in findings.actors.iter().enumerate() {
        comma(&mut out, i);
        actor(&mut out, a);
    }
    out.push_str("],\"quotes\":[");
    for (i, q) in findings.quotes.iter().enumerate() {
        comma(&mut out, i);
        quote(&mut out, q);
    }
    out.push_str("],\"disputes\":[");
    for (i, d) in findings.disputes.iter().enumerate() {
        comma(&mut out, i);
        dispute(&mut out, d);
    }
    out.push_str("]}");
    out
}

fn comma(out: &mut String, i: usize) {
    if i > 0 {
        out.push(',');
    }
}

fn actor(out: &mut String, a: &Actor) {
    out.push_str("{\"id\":");
    string(out, &a.id);
    out.push_str(",\"name\":");
    string(out, &a.name);
    out.push_str(",\"kind\":\"");
    out.push_str(match a.kind {
        ActorKind::Person => "person",
        ActorKind::Organization => "organization",
        ActorKind::Place => "place",
        ActorKind::Group => "group",
    });
    out.push_str("\",\"mentions\":[");
    for (i, m) in a.mentions.iter().enumerate() {
        comma(out, i);
        out.push_str("{\"start\":");
        push_decimal(out, m.start);
        out.push_str(",\"end\":");
        push_decimal(out, m.end);
        out.push('}');
    }
    out.push_str("]}");
}

fn quote(out: &mut String, q: &Quote) {
    out.push_str("{\"id\":");
    string(out, &q.id);
    start_end(out, q.start, q.end);
    out.push_str(",\"kind\":\"");
    out.push_str(match q.kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Scare => "scare",
    });
    out.push_str("\",\"speaker\":");
    match &q.speaker {
        None => out.push_str("null"),
        Some(Speaker { actor, start, end }) => {
            out.push_str("{\"actor\":");
            optional(out, actor.as_deref());
            start_end(out, *start, *end);
            out.push('}');
        }
    }
    out.push('}');
}

fn dispute(out: &mut String, d: &Dispute) {
    out.push_str("{\"id\":");
    string(out, &d.id);
    out.push_str(",\"topic\":");
    string(out, &d.topic);
    let Claim { start, end, holder } = &d.claim;
    out.push_str(",\"claim\":{\"start\":");
    push_decimal(out, *start);
    out.push_str(",\"end\":");
    push_decimal(out, *end);
    out.push_str(",\"holder\":");
    optional(out, holder.as_deref());
    out.push_str("},\"positions\":[");
    for (i, Position { start, end, holder, stance }) in d.positions.iter().enumerate() {
        comma(out, i);
        out.push_str("{\"start\":");
        push_decimal(out, *start);
        out.push_str(",\"end\":");
        push_decimal(out, *end);
        out.push_str(",\"holder\":");
        optional(out, holder.as_deref());
        out.push_str(",\"stance\":\"");
        out.push_str(match stance {
            Stance::Disputes => "disputes",
            Stance::Denies => "denies",
            Stance::Qualifies => "qualifies",
            Stance::Supports => "supports",
        });
        out.push_str("\"}");
    }
    out.push_str("]}");
}

/// `,"start":S,"end":E`, after a first field.
fn start_end(out: &mut String, start: usize, end: usize) {
    out.push_str(",\"start\":");
    push_decimal(out, start);
    out.push_str(",\"end\":");
    push_decimal(out, end);
}

fn optional(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// `n` in decimal digits (also the digits of the ids, `analysis::id`).
pub(super) fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let (mut n, mut k) = (n, digits.len());
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[k..].iter().map(|&d| char::from(d)));
}

/// A JSON string, escaped as `serde_json` escapes: `"`, `\` and the
/// control chars below U+0020 (the short forms `\b \t \n \f \r`, else
/// `\u00XX`); every other char as it is.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            0..=0x1f => "",
            _ => continue,
        };
        // Only ASCII bytes are escaped, so `from..i` are whole chars.
        out.push_str(s.get(from..i).unwrap_or_default());
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(short);
        }
        from = i + 1;
    }
    out.push_str(s.get(from..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{find, Span};

    fn serde(f: &Findings) -> String {
        serde_json::to_string(f).unwrap_or_default()
    }

    #[test]
    fn the_seed_article_is_written_as_serde_writes_it() {
        let f = find(include_str!("../../seeds/000_ef33c36d7de74af4.txt"));
        assert!(f.actors.len() > 20 && f.quotes.len() >= 10 && f.disputes.len() >= 4);
        assert_eq!(findings(&f), serde(&f));
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        let odd = "a\"b\\c\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \u{7f}é“x”😀/</script>";
        let f = Findings {
            actors: vec![Actor {
                id: "a1".into(),
                name: odd.into(),
                kind: ActorKind::Group,
                mentions: vec![Span { start: 0, end: 12_345_678_901 }],
            }],
            quotes: vec![Quote {
                id: "q1".into(),
                start: 9,
                end: 10,
                kind: QuoteKind::Partial,
                speaker: Some(Speaker { actor: None, start: 0, end: 1 }),
                parts: vec![Span { start: 9, end: 10 }],
            }],
            disputes: vec![Dispute {
                id: "d1".into(),
                topic: odd.into(),
                claim: Claim { start: 1, end: 2, holder: None },
                positions: vec![
                    Position { start: 3, end: 4, holder: Some("a1".into()), stance: Stance::Qualifies },
                    Position { start: 5, end: 6, holder: None, stance: Stance::Supports },
                ],
            }],
        };
        assert_eq!(findings(&f), serde(&f));
        assert_eq!(findings(&Findings::default()), serde(&Findings::default()));
    }
}
