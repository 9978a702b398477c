//! Behaviour of the anchorer on edited texts (the Myers kernel has its own
//! property test against the dynamic program in `myers.rs`).

use super::*;
use crate::annotation::model::{TextPositionSelector, TextQuoteSelectorType};
use serde_json::json;

const ARTICLE: &str = "KYIV — The foreign minister said on Monday that talks would resume in Geneva next week.\n\
The opposition disputed the claim, calling it “a fantasy” and demanding a vote in parliament.\n\
Analysts in Warsaw said the timing was unusual. The central bank kept its rate at 4.5 per cent.\n\
“We are ready to sign,” the minister told reporters, before leaving for the airport.";

/// Selectors for the first occurrence of `phrase` in `text`.
fn select(text: &str, phrase: &str) -> Vec<Selector> {
    let byte = text.find(phrase).unwrap_or_else(|| panic!("{phrase:?} not in the text"));
    let start = text[..byte].chars().count();
    TextSelectors::new(text).pair(start, start + phrase.chars().count())
}

/// The text an anchor covers.
fn covered(text: &str, a: Option<Anchor>) -> Option<(&str, Method)> {
    a.map(|a| (TextSelectors::new(text).slice(a.start, a.end), a.method))
}

fn quote(exact: String, prefix: Option<String>, suffix: Option<String>) -> TextQuoteSelector {
    TextQuoteSelector { kind: TextQuoteSelectorType, exact, prefix, suffix, extra: serde_json::Map::new() }
}

fn quote_only(sel: &[Selector]) -> Vec<Selector> {
    sel.iter().filter(|s| matches!(s, Selector::TextQuote(_))).cloned().collect()
}

#[test]
fn exact_position_wins() {
    let sel = select(ARTICLE, "calling it “a fantasy”");
    let a = Anchorer::new(ARTICLE).anchor(&sel);
    assert_eq!(covered(ARTICLE, a), Some(("calling it “a fantasy”", Method::Position)));
    assert_eq!(a.map(|a| a.score), Some(1.0));
}

#[test]
fn text_inserted_before_moves_the_anchor() {
    let sel = select(ARTICLE, "The central bank kept its rate");
    let edited = format!("BREAKING: a new paragraph about something else entirely.\n{ARTICLE}");
    let a = Anchorer::new(&edited).anchor(&sel);
    assert_eq!(covered(&edited, a), Some(("The central bank kept its rate", Method::Quote)));
    assert!(a.is_some_and(|a| a.score > 0.95), "{a:?}");
}

#[test]
fn repeated_quote_is_told_apart_by_context_then_distance() {
    let text = "the minister said no. The envoy said yes. the minister said no again.";
    let s = TextSelectors::new(text);
    let second = s.pair(42, 59); // the second "the minister said"
    assert_eq!(s.slice(42, 59), "the minister said");
    let moved = format!("Update: {text}");
    let a = Anchorer::new(&moved).anchor(&second);
    assert_eq!(a.map(|a| (a.start, a.method)), Some((50, Method::Quote)));

    // No context at all: the occurrence nearest the old position.
    let bare = |start: usize| {
        vec![
            Selector::TextQuote(quote("said".into(), None, None)),
            Selector::TextPosition(TextPositionSelector::new(start, start + 4)),
        ]
    };
    let a = Anchorer::new(&moved);
    // "said" is now at 21, 40 and 63.
    assert_eq!(a.anchor(&bare(44)).map(|a| a.start), Some(40));
    assert_eq!(a.anchor(&bare(1)).map(|a| a.start), Some(21));
    assert_eq!(a.anchor(&bare(70)).map(|a| a.start), Some(63));
}

/// A typo fixed, a word inserted, a word deleted inside the quote.
#[test]
fn edits_inside_the_quote_anchor_fuzzily() {
    let cases = [
        ("Analysts in Warsaw said the timing was unusual", "timing", "timimg"),
        ("talks would resume in Geneva next week", "would resume", "would probably resume"),
        ("talks would resume in Geneva next week", "in Geneva next", "in Geneva"),
    ];
    for (phrase, old, new) in cases {
        let sel = select(ARTICLE, phrase);
        let edited = ARTICLE.replace(old, new);
        let a = Anchorer::new(&edited).anchor(&sel);
        assert_eq!(covered(&edited, a), Some((phrase.replace(old, new).as_str(), Method::Fuzzy)));
        assert!(a.is_some_and(|a| a.score > THRESHOLD && a.score < 1.0), "{a:?}");
    }
}

#[test]
fn offsets_are_code_points_with_emoji_astral_and_accents() {
    let text = "😀 Zoë Łukasiewicz said 𝄞 “ça va très bien” in Kraków. 👍🏽 Later, Zoë left.";
    let sel = select(text, "“ça va très bien” in Kraków");
    let edited = format!("🇺🇦 é {}", text.replace("très", "tres"));
    let a = Anchorer::new(&edited).anchor(&sel);
    assert_eq!(covered(&edited, a), Some(("“ça va tres bien” in Kraków", Method::Fuzzy)));
    // Code points: 🇺🇦 is two, the space one, é one, the space one.
    let old = TextSelectors::new(text).resolve(&sel).map(|(s, _)| s);
    assert_eq!(a.map(|a| a.start), old.map(|s| s + 5));
    let moved = format!("🇺🇦 é {text}");
    assert_eq!(Anchorer::new(&moved).anchor(&sel).map(|a| (a.start, a.method)), old.map(|s| (s + 5, Method::Quote)));
}

#[test]
fn deleted_paragraph_orphans_and_returning_text_anchors_again() {
    let sel = select(ARTICLE, "Analysts in Warsaw said the timing was unusual.");
    let lines: Vec<&str> = ARTICLE.lines().collect();
    let without = [lines[0], lines[1], lines[3]].join("\n");
    assert_eq!(Anchorer::new(&without).anchor(&sel), None);
    assert_eq!(Anchorer::new(&without).anchor(&quote_only(&sel)), None);
    // The paragraph comes back, elsewhere.
    let back = [lines[3], lines[0], lines[2], lines[1]].join("\n");
    let a = Anchorer::new(&back).anchor(&sel);
    assert_eq!(covered(&back, a), Some(("Analysts in Warsaw said the timing was unusual.", Method::Quote)));
}

#[test]
fn empty_and_huge_quotes() {
    let empty = vec![Selector::TextQuote(quote(String::new(), None, None))];
    assert_eq!(Anchorer::new(ARTICLE).anchor(&empty), None);
    // An empty span at a valid position is still that position.
    let s = TextSelectors::new(ARTICLE);
    assert_eq!(Anchorer::new(ARTICLE).anchor(&s.pair(5, 5)).map(|a| (a.start, a.end)), Some((5, 5)));

    // A huge quote: found exactly, and not searched approximately.
    let long: String = (0..800).map(|i| format!("Sentence {i} of a very long quoted report. ")).collect();
    let text = format!("Intro.\n{long}\nOutro.");
    let sel = select(&text, long.trim_end());
    let moved = format!("More intro.\n{text}");
    let a = Anchorer::new(&moved).anchor(&sel);
    assert_eq!(a.map(|a| (a.start, a.method)), Some((19, Method::Quote)));
    let typo = moved.replacen("Sentence 5 of", "Sentence 5 off", 1);
    assert!(long.chars().count() > FUZZY_MAX_CHARS);
    assert_eq!(Anchorer::new(&typo).anchor(&sel), None);
}

#[test]
fn positions_out_of_range_or_alone() {
    let a = Anchorer::new("short text");
    let pos = |s: usize, e: usize| vec![Selector::TextPosition(TextPositionSelector::new(s, e))];
    assert_eq!(a.anchor(&pos(6, 10)).map(|a| (a.start, a.end, a.method)), Some((6, 10, Method::Position)));
    assert_eq!(a.anchor(&pos(6, 11)), None);
    assert_eq!(a.anchor(&pos(7, 6)), None);
    assert_eq!(a.anchor(&pos(usize::MAX, usize::MAX)), None);
    assert_eq!(a.anchor(&[]), None);
    // A quote with a position past the end: found by the quote.
    let mut sel = vec![Selector::TextQuote(quote("text".into(), Some("short ".into()), None))];
    sel.extend(pos(900, 904));
    assert_eq!(a.anchor(&sel).map(|a| (a.start, a.method)), Some((6, Method::Quote)));
    // Unknown selectors are ignored.
    let other = Selector::Other(json!({"type": "CssSelector", "value": "p"}));
    assert_eq!(a.anchor(&[other]), None);
}

#[test]
fn anchor_all_and_resolve_agree() {
    let targets = vec![select(ARTICLE, "a vote in parliament"), select(ARTICLE, "before leaving")];
    let edited = ARTICLE.replace("a vote in parliament", "a vote in the parliament");
    let all = anchor_all(&edited, &targets);
    let s = TextSelectors::new(&edited);
    for (t, a) in targets.iter().zip(&all) {
        assert_eq!(s.resolve(t), a.map(|a| (a.start, a.end)));
    }
    assert_eq!(all[0].map(|a| a.method), Some(Method::Fuzzy));
}

#[test]
fn long_text_without_the_quote_stays_bounded_and_orphans() {
    // Many near-misses of a short quote in a long text: candidates are capped.
    let text = "abcd abce abcf ".repeat(20_000);
    let sel = vec![Selector::TextQuote(quote("abcx abcy".into(), Some("zz".into()), None))];
    let a = Anchorer::new(&text).anchor(&sel);
    assert!(a.is_none_or(|a| a.score >= THRESHOLD));
}

/// Random texts, quotes, contexts and positions (astral chars included):
/// never a panic, every anchor inside the text, start <= end.
#[test]
fn random_inputs_never_panic_and_stay_in_bounds() {
    let alphabet: Vec<char> = "ab ée😀𝄞\n.".chars().collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut below = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    for _ in 0..300 {
        let mut word = |len: usize| -> String { (0..len).map(|_| alphabet[below(alphabet.len())]).collect() };
        let (t, e, p, s) = (word(400), word(40), word(40), word(40));
        let cut = |w: String, n: usize| -> String { w.chars().take(n).collect() };
        let text = cut(t, below(400));
        let (mut exact, prefix, suffix) = (cut(e, below(40)), cut(p, below(40)), cut(s, below(40)));
        if below(2) == 0 {
            // A piece of the text, one char perhaps changed: the match paths.
            let chars: Vec<char> = text.chars().collect();
            let from = below(chars.len());
            let mut piece: Vec<char> = chars[from..].iter().take(1 + below(60)).copied().collect();
            if let Some(c) = piece.get_mut(below(80)) {
                *c = 'x';
            }
            exact = piece.into_iter().collect();
        }
        let (a, b) = (below(500), below(500));
        let sel = [
            Selector::TextQuote(quote(exact, Some(prefix), Some(suffix))),
            Selector::TextPosition(TextPositionSelector::new(a, b)),
        ];
        let n = text.chars().count();
        for targets in [&sel[..], &sel[..1], &sel[1..]] {
            if let Some(anchor) = Anchorer::new(&text).anchor(targets) {
                assert!(anchor.start <= anchor.end && anchor.end <= n, "{anchor:?} in {n}");
                assert!((0.0..=1.0).contains(&anchor.score));
            }
        }
    }
}
