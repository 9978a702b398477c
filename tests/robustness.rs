//! `analyze()` on hostile and random text: it must never panic, and every
//! finding must be well formed, whatever the input.
//!
//! Checked on every input: no panic; the analysis holds the text; every span
//! (mentions, quotes, speakers, claims, positions) satisfies
//! `start < end <= char count`; the mentions of one actor never overlap; ids
//! are unique; speaker and holder ids name existing actors; the wasm
//! engine's hand-written JSON (`analysis::json`) is byte for byte serde's.
//!
//! Inputs: thousands of random texts from a deterministic xorshift generator
//! (words, names, every kind of quotation mark, newlines, CJK, Arabic and
//! Hebrew, emoji with ZWJ sequences and flags, control characters,
//! combining marks, NBSP and other spaces, arbitrary code points), random
//! cuts and splices of the seed article, and fixed hostile cases: an
//! unclosed quote at the start of a big text, 100,000 quotation marks, text
//! without punctuation, one very long paragraph, empty and white-space-only
//! text, long repetitions.
//!
//! Sizes: debug builds (`cargo test`, CI) use 400 KB for the "big" cases,
//! 3,000 random cases and fewer paired marks, to stay under 30 s; optimised
//! builds use the full 10 MB, 30,000 cases and 100,000 marks everywhere:
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo test --profile native --test robustness -- --nocapture
//! ```
//!
//! Linearity is checked by counting work, never by timing: a counting
//! allocator (per thread, so parallel tests do not disturb each other)
//! counts the allocations, bytes allocated and peak heap of `analyze()` on
//! a text and on a text four times as long; those counts are deterministic
//! and must grow by far less than the 16x of a quadratic stage. Wall times
//! are only printed (`--nocapture`), never asserted.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use newsgloss::analysis::{analyze, json, Analysis, Findings};

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use corpus::Rng;

const DEBUG: bool = cfg!(debug_assertions);
/// The "big" texts: ~10 MB when optimised, 400 KB in debug builds (where
/// the analysis runs 10-30x slower).
const BIG: usize = if DEBUG { 400_000 } else { 10_000_000 };
/// Random texts per generator.
const CASES: usize = if DEBUG { 3_000 } else { 30_000 };

// ---------------------------------------------------------------------------
// The invariants

/// Runs `analyze(text)`, fails the test with `label` and a preview of the
/// text if it panics or breaks an invariant, and returns the analysis.
fn check(label: &str, text: &str) -> Analysis {
    let a = match catch_unwind(AssertUnwindSafe(|| analyze(text))) {
        Ok(a) => a,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            panic!("{label}: analyze() panicked ({message}) on {}", preview(text));
        }
    };
    let problems = violations(text, &a);
    assert!(problems.is_empty(), "{label}: {} on {}", problems.join("; "), preview(text));
    // The wasm engine's hand-written JSON says what serde says.
    let found = Findings { actors: a.actors.clone(), quotes: a.quotes.clone(), disputes: a.disputes.clone() };
    assert_eq!(
        json::findings_json(text),
        serde_json::to_string(&found).unwrap_or_default(),
        "{label}: analysis::json differs from serde_json on {}",
        preview(text)
    );
    a
}

/// Everything wrong with `a` as an analysis of `text` (at most a few).
fn violations(text: &str, a: &Analysis) -> Vec<String> {
    let n = text.chars().count();
    let mut problems = Vec::new();
    let mut span = |what: &str, start: usize, end: usize| {
        if !(start < end && end <= n) {
            problems.push(format!("{what} span {start}..{end} (text has {n} chars)"));
        }
    };
    let actor_ids: HashSet<&str> = a.actors.iter().map(|x| x.id.as_str()).collect();
    let mut bad_refs = Vec::new();
    let mut known = |what: &str, id: &Option<String>| {
        if let Some(id) = id {
            if !actor_ids.contains(id.as_str()) {
                bad_refs.push(format!("{what} refers to unknown actor {id:?}"));
            }
        }
    };

    let mut overlaps = Vec::new();
    for actor in &a.actors {
        for m in &actor.mentions {
            span(&format!("mention of {}", actor.id), m.start, m.end);
        }
        let mut sorted: Vec<_> = actor.mentions.iter().map(|m| (m.start, m.end)).collect();
        sorted.sort_unstable();
        for w in sorted.windows(2) {
            if w[1].0 < w[0].1 {
                overlaps.push(format!("mentions of {} overlap: {:?} and {:?}", actor.id, w[0], w[1]));
            }
        }
    }
    for q in &a.quotes {
        span(&format!("quote {}", q.id), q.start, q.end);
        if let Some(s) = &q.speaker {
            span(&format!("speaker of {}", q.id), s.start, s.end);
            known(&format!("speaker of {}", q.id), &s.actor);
        }
    }
    for d in &a.disputes {
        span(&format!("claim of {}", d.id), d.claim.start, d.claim.end);
        known(&format!("claim holder of {}", d.id), &d.claim.holder);
        for (i, p) in d.positions.iter().enumerate() {
            span(&format!("position {i} of {}", d.id), p.start, p.end);
            known(&format!("position {i} holder of {}", d.id), &p.holder);
        }
    }
    problems.extend(overlaps);
    problems.extend(bad_refs);

    let ids =
        a.actors.iter().map(|x| &x.id).chain(a.quotes.iter().map(|q| &q.id)).chain(a.disputes.iter().map(|d| &d.id));
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id.as_str()) {
            problems.push(format!("id {id:?} is not unique"));
        }
    }
    if a.text != text {
        problems.push("the analysis does not hold the text it analysed".to_string());
    }
    problems.truncate(5);
    problems
}

/// The longest prefix of `text` of at most `bytes` bytes.
fn prefix(text: &str, bytes: usize) -> &str {
    let end = (0..=bytes.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    &text[..end]
}

/// The start of `text`, escaped, and its size: enough to recognise a case.
fn preview(text: &str) -> String {
    let head: String = text.chars().take(160).collect();
    format!("a text of {} bytes starting {:?}", text.len(), head)
}

// ---------------------------------------------------------------------------
// Random texts

const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "government",
    "said",
    "would",
    "not",
    "minister",
    "talks",
    "on",
    "Friday",
    "that",
    "it",
    "claimed",
    "denied",
    "according",
    "to",
    "officials",
    "and",
    "but",
    "he",
    "she",
    "they",
    "told",
    "reporters",
    "disputed",
    "rejected",
    "supports",
    "insisted",
    "added",
    "in",
    "statement",
    "sources",
    "allegedly",
    "war",
    "don't",
    "Russia’s",
    "NATO's",
    "rock'n'roll",
    "’90s",
    "co-operation",
    "e-mail",
    "U.S.",
    "No.",
    "10,000",
    "3.5%",
    "1990s",
];

const NAMES: &[&str] = &[
    "Putin",
    "Vladimir Putin",
    "Mr. Putin",
    "Mr Biden",
    "President Biden",
    "Dr. Ana Lima",
    "Ms Donfried",
    "NATO",
    "the United Nations",
    "European Union",
    "Kyiv",
    "Moscow",
    "Ukraine",
    "Angela Merkel",
    "Emmanuel Macron",
    "Xi",
    "José Núñez",
    "Zoë Ødegaard",
    "Łukasz Wałęsa",
    "O'Brien",
    "de la Cruz",
    "Al-Masri",
    "MCDONALD",
    "iPhone",
    "Jean-Luc",
    "J.R.R. Tolkien",
    "Gen.",
    "Sen.",
    "Rep.",
    "St. Petersburg",
    "KYIV",
    "The Associated Press",
];

const QUOTES: &[&str] = &[
    "“", "”", "\"", "'", "‘", "’", "«", "»", "``", "''", "„", "‚", "‹", "›", "「", "」", "『", "』", "« ", " »",
    "\"\"", "“”", "‘’", "«»", "'''", "```", "\"'", "'\"", "″", "″″", "＂", "〝", "〞",
];

const NEWLINES: &[&str] = &["\n", "\n\n", "\r\n", "\r", "\n \n", "\u{2028}", "\u{2029}", "\u{85}", "\u{b}", "\u{c}"];

const CJK: &[&str] =
    &["北京", "習近平は言った", "東京都", "“中国”", "「日本」", "한국어", "人民日報。", "，", "。", "：「"];

const RTL: &[&str] = &[
    "مرحبا",
    "قال الرئيس",
    "«الحكومة»",
    "שלום",
    "אמר",
    "״ציטוט״",
    "\u{200f}",
    "\u{200e}",
    "\u{202b}",
    "\u{202c}",
    "،",
    "؟",
];

const EMOJI: &[&str] = &["😀", "👨‍👩‍👧‍👦", "🇺🇦", "🇷🇺", "🏳️‍🌈", "👍🏽", "🧑🏾‍🚀", "❤️", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "\u{200d}", "\u{fe0f}", "🇺", "👩‍"];

const CONTROL: &[&str] = &[
    "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\u{1b}", "\u{7f}", "\u{9f}", "\t", "\u{200b}", "\u{feff}", "\u{202e}",
    "\u{fffd}",
];

const COMBINING: &[&str] = &[
    "\u{301}",
    "e\u{301}",
    "a\u{308}\u{323}",
    "\u{300}\u{301}\u{302}\u{303}\u{304}",
    "\u{20dd}",
    "\u{fe20}",
    "n\u{303}",
    "\u{301}“",
    "”\u{301}",
    "\"\u{301}",
];

const SPACES: &[&str] = &["\u{a0}", "\u{202f}", "\u{2009}", "\u{3000}", "\u{2003}", "  ", "\u{1680}", " \u{a0} "];

const PUNCT: &[&str] =
    &[".", ",", "!", "?", "…", ":", ";", "—", "–", "-", "(", ")", "[", "]", "/", "...", ". ", ", ", "?!", "&", "*"];

const CUES: &[&str] = &[
    " said ",
    " said.",
    ", he said.",
    " told ",
    "according to ",
    " denied ",
    " disputed ",
    " claimed ",
    " rejected ",
    " says ",
    " insisted that ",
    " argued ",
    " contested the claim that ",
    " supports ",
    ": ",
];

/// A text of up to `pieces` random fragments.
fn random_text(rng: &mut Rng, pieces: usize) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(pieces + 1) {
        let roll = rng.below(100);
        let list = match roll {
            0..=21 => WORDS,
            22..=31 => NAMES,
            32..=46 => QUOTES,
            47..=51 => NEWLINES,
            52..=54 => CJK,
            55..=57 => RTL,
            58..=60 => EMOJI,
            61..=62 => CONTROL,
            63..=64 => COMBINING,
            65..=67 => SPACES,
            68..=77 => PUNCT,
            78..=83 => CUES,
            84..=86 => {
                s.push(random_char(rng));
                continue;
            }
            _ => &[" "][..],
        };
        let fragment = rng.pick(list);
        // Now and then a long run of the same fragment.
        let times = if rng.chance(2) { 1 + rng.below(50) } else { 1 };
        for _ in 0..times {
            s.push_str(fragment);
        }
        if rng.chance(45) {
            s.push(' ');
        }
    }
    s
}

/// Any Unicode scalar value, biased towards the planes news text touches.
fn random_char(rng: &mut Rng) -> char {
    let max = match rng.below(4) {
        0 => 0x80,
        1 => 0x800,
        2 => 0x1_0000,
        _ => 0x11_0000,
    };
    char::from_u32(rng.below(max) as u32).unwrap_or('\u{fffd}')
}

/// A random window of the seed article with random fragments spliced in and
/// random ranges cut out (at char boundaries).
fn spliced_seed(rng: &mut Rng) -> String {
    let seed: Vec<char> = corpus::SEED.chars().collect();
    let start = rng.below(seed.len());
    let len = rng.below(2_500);
    let mut chars: Vec<char> = seed[start..(start + len).min(seed.len())].to_vec();
    for _ in 0..rng.below(8) {
        let at = rng.below(chars.len() + 1);
        if rng.chance(30) && !chars.is_empty() {
            let end = (at + rng.below(40)).min(chars.len());
            chars.drain(at.min(end)..end);
        } else {
            let insert: Vec<char> = random_text(rng, 6).chars().collect();
            chars.splice(at..at, insert);
        }
    }
    chars.into_iter().collect()
}

#[test]
fn random_texts_never_break_the_invariants() {
    for case in 0..CASES {
        let mut rng = Rng::new(0x5EED_0000 + case as u64);
        let pieces = if case % 20 == 0 { 2_000 } else { 150 };
        check(&format!("random case {case}"), &random_text(&mut rng, pieces));
    }
}

#[test]
fn spliced_seed_texts_never_break_the_invariants() {
    for case in 0..CASES / 3 {
        let mut rng = Rng::new(0xC0FF_EE00 + case as u64);
        check(&format!("spliced seed case {case}"), &spliced_seed(&mut rng));
    }
}

#[test]
fn generated_articles_never_break_the_invariants() {
    for seed in 0..if DEBUG { 4 } else { 20 } {
        check(&format!("generated article {seed}"), &corpus::article(100_000, seed));
    }
    check("the seed", corpus::SEED);
}

#[test]
fn the_corpus_is_deterministic_and_sized() {
    let a = corpus::article(50_000, 1);
    assert_eq!(a, corpus::article(50_000, 1));
    assert!(a.len() >= 50_000 && a.len() < 60_000, "{}", a.len());
    assert_ne!(a, corpus::article(50_000, 2));
}

// ---------------------------------------------------------------------------
// Fixed hostile cases

#[test]
fn empty_and_white_space_only_texts_find_nothing() {
    let big_blank = " \n\t\u{a0}\r\n\u{3000}".repeat(BIG / 16);
    let blanks = ["", " ", "\n", "\n\n\n", "\t", "\r\n\r\n", "\u{a0}", "\u{3000}", "\u{2028}\u{2029}", " \t\n\u{a0} "];
    for text in blanks.iter().copied().chain([big_blank.as_str()]) {
        let a = check("white space only", text);
        assert!(
            a.actors.is_empty() && a.quotes.is_empty() && a.disputes.is_empty(),
            "found something in {}",
            preview(text)
        );
    }
}

#[test]
fn unclosed_quote_at_the_start_of_a_big_text() {
    let body = corpus::article(BIG, 7);
    for (i, opener) in ["“", "\"", "«", "„", "``", "‘", "「"].into_iter().enumerate() {
        // The full size for the commonest mark; a tenth for the others.
        let body = if i == 0 { &body[..] } else { prefix(&body, BIG / 10) };
        let text = format!("{opener}{body}");
        let a = check(&format!("unclosed {opener} at the start"), &text);
        let n = text.chars().count();
        let longest = a.quotes.iter().map(|q| q.end - q.start).max().unwrap_or(0);
        assert!(longest < n / 2, "a quote swallowed {longest} of {n} chars after an unclosed {opener}");
    }
}

#[test]
fn a_hundred_thousand_quote_marks() {
    const N: usize = 100_000;
    // The paired variants make ~50,000 quotes each, slow to attribute in
    // debug builds: a fifth of them there (every variant in full when
    // optimised, and the unpaired and random ones always).
    const PAIRS: usize = if DEBUG { N / 5 } else { N };
    let mut rng = Rng::new(100_000);
    let texts = [
        ("straight marks only", "\"".repeat(N)),
        ("alternating curly marks around words", "“word” ".repeat(PAIRS / 2)),
        ("opening marks only", "“".repeat(N)),
        ("closing marks only, one per line", "”\n".repeat(N)),
        ("`` and '' pairs", "``a'' ".repeat(PAIRS / 2)),
        ("guillemets inside out", "» x « ".repeat(PAIRS / 2)),
        ("every kind at random", (0..N).map(|_| format!("{}{}", rng.pick(QUOTES), rng.pick(WORDS))).collect()),
        (
            "every kind with spaces and newlines",
            (0..N)
                .map(|_| {
                    let gap = ["", " ", "\n", " said ", "Putin "][rng.below(5)];
                    format!("{}{gap}", rng.pick(QUOTES))
                })
                .collect(),
        ),
    ];
    for (name, text) in &texts {
        check(name, text);
    }
}

#[test]
fn text_without_punctuation() {
    let mut rng = Rng::new(3);
    let words: Vec<&str> =
        WORDS.iter().chain(NAMES).copied().filter(|w| w.chars().all(char::is_alphanumeric)).collect();
    let mut one_paragraph = String::new();
    while one_paragraph.len() < BIG / 2 {
        one_paragraph.push_str(words[rng.below(words.len())]);
        one_paragraph.push(' ');
    }
    check("no punctuation, one paragraph", &one_paragraph);
    let lines: String = one_paragraph
        .split(' ')
        .enumerate()
        .map(|(i, w)| if i % 12 == 11 { format!("{w}\n") } else { format!("{w} ") })
        .collect();
    check("no punctuation, many lines", &lines);
}

#[test]
fn a_single_very_long_paragraph() {
    let text = corpus::article(BIG, 9).replace('\n', " ");
    check("one paragraph", &text);
}

#[test]
fn long_repetitions() {
    let size = BIG / 5;
    let cases: [(&str, &str); 8] = [
        ("one name", "Putin "),
        ("titles without names", "Mr. "),
        ("cues without quotes", "said "),
        ("attributed quotes", "NATO said “no.” "),
        ("nested openers", "“‘«„"),
        ("CJK only", "北京東京都人民日報"),
        ("emoji only", "👨‍👩‍👧‍👦🇺🇦🏳️‍🌈"),
        ("combining marks only", "\u{301}"),
    ];
    for (name, unit) in cases {
        check(name, &unit.repeat(size / unit.len()));
    }
}

// ---------------------------------------------------------------------------
// Linearity, by counting work

#[test]
fn work_grows_linearly_with_the_text() {
    let size = if DEBUG { 100_000 } else { 1_000_000 };
    let small = corpus::article(size, 11);
    let large = corpus::article(4 * size, 11);
    // Lazily built tables are built once per process, not per text.
    drop(analyze("Warm-up: Ms. Lee said “yes.”"));
    let (a1, w1, t1) = measure(&small);
    let (a4, w4, t4) = measure(&large);
    let found =
        |a: &Analysis| a.actors.iter().map(|x| x.mentions.len()).sum::<usize>() + a.quotes.len() + a.disputes.len();
    let ratio = |x: f64, y: f64| if y > 0.0 { x / y } else { f64::NAN };
    println!(
        "analyze() on {} and {} bytes of generated news ({} build):",
        small.len(),
        large.len(),
        if DEBUG { "debug" } else { "optimised" }
    );
    println!("{:<22} {:>14} {:>14} {:>7}", "", "1x", "4x", "ratio");
    let rows = [
        ("allocations", w1.allocations as f64, w4.allocations as f64),
        ("bytes allocated", w1.bytes as f64, w4.bytes as f64),
        ("peak heap (bytes)", w1.peak as f64, w4.peak as f64),
        ("findings", found(&a1) as f64, found(&a4) as f64),
        ("wall time (ms, info)", t1 * 1e3, t4 * 1e3),
    ];
    for (name, x1, x4) in rows {
        println!("{name:<22} {x1:>14.0} {x4:>14.0} {:>7.2}", ratio(x4, x1));
    }
    println!(
        "peak heap / text: {:.2}x and {:.2}x (target <= 10x)",
        w1.peak as f64 / small.len() as f64,
        w4.peak as f64 / large.len() as f64
    );

    // Four times the text: about four times the work. A quadratic stage
    // would give ~16x; 12x leaves room for capacity doubling.
    let bound = |x: u64| 12 * x + 1_000;
    assert!(w4.allocations <= bound(w1.allocations), "allocations grew superlinearly: {w1:?} -> {w4:?}");
    assert!(w4.bytes <= bound(w1.bytes), "bytes allocated grew superlinearly: {w1:?} -> {w4:?}");
    assert!(w4.peak <= bound(w1.peak), "peak heap grew superlinearly: {w1:?} -> {w4:?}");
}

/// `analyze(text)` with its allocations counted on this thread, and its wall
/// time in seconds (printed only).
fn measure(text: &str) -> (Analysis, Work, f64) {
    COUNTS.with(|c| c.set(Counts { on: true, ..Counts::ZERO }));
    let started = Instant::now();
    let a = analyze(text);
    let elapsed = started.elapsed().as_secs_f64();
    let counts = COUNTS.with(|c| c.replace(Counts::ZERO));
    (a, Work { allocations: counts.allocations, bytes: counts.bytes, peak: counts.peak.max(0) as u64 }, elapsed)
}

#[derive(Debug, Clone, Copy)]
struct Work {
    allocations: u64,
    bytes: u64,
    peak: u64,
}

#[derive(Debug, Clone, Copy)]
struct Counts {
    on: bool,
    allocations: u64,
    bytes: u64,
    net: i64,
    peak: i64,
}

impl Counts {
    const ZERO: Counts = Counts { on: false, allocations: 0, bytes: 0, net: 0, peak: 0 };
}

thread_local! {
    // Const-initialised and without a destructor: using it never allocates.
    static COUNTS: Cell<Counts> = const { Cell::new(Counts::ZERO) };
}

/// Counts for this thread while `on`: `grown` bytes more (or fewer) in use,
/// `allocated` bytes newly allocated.
fn note(grown: i64, allocated: u64) {
    let _ = COUNTS.try_with(|c| {
        let mut k = c.get();
        if k.on {
            if allocated > 0 {
                k.allocations += 1;
                k.bytes += allocated;
            }
            k.net += grown;
            k.peak = k.peak.max(k.net);
            c.set(k);
        }
    });
}

/// The system allocator, counting per thread.
struct Counting;

#[global_allocator]
static GLOBAL: Counting = Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            note(layout.size() as i64, layout.size() as u64);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            note(layout.size() as i64, layout.size() as u64);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        note(-(layout.size() as i64), 0);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            note(new_size as i64 - layout.size() as i64, new_size as u64);
        }
        p
    }
}

// ---------------------------------------------------------------------------
// The checker itself

#[test]
fn the_checker_catches_broken_analyses() {
    use newsgloss::analysis::{Actor, ActorKind, Claim, Dispute, Position, Quote, QuoteKind, Span, Speaker, Stance};
    let text = "Putin said “no” and Putin left.";
    let good = check("good", text);
    assert!(violations(text, &good).is_empty());

    let actor = |id: &str, mentions: &[(usize, usize)]| Actor {
        id: id.to_string(),
        name: "Putin".to_string(),
        kind: ActorKind::Person,
        mentions: mentions.iter().map(|&(start, end)| Span { start, end }).collect(),
    };
    let quote = |id: &str, start, end, speaker: Option<&str>| Quote {
        id: id.to_string(),
        start,
        end,
        kind: QuoteKind::Direct,
        speaker: speaker.map(|s| Speaker { actor: Some(s.to_string()), start: 0, end: 5 }),
        parts: Vec::new(),
    };
    let base = Analysis {
        text: text.to_string(),
        actors: vec![actor("a1", &[(0, 5), (20, 25)])],
        quotes: vec![quote("q1", 12, 14, Some("a1"))],
        disputes: vec![Dispute {
            id: "d1".to_string(),
            topic: "t".to_string(),
            claim: Claim { start: 0, end: 14, holder: Some("a1".to_string()) },
            positions: vec![Position { start: 20, end: 30, holder: None, stance: Stance::Denies }],
        }],
    };
    assert!(violations(text, &base).is_empty(), "{:?}", violations(text, &base));

    type Breaks<'a> = Box<dyn Fn(&mut Analysis) + 'a>;
    let broken: Vec<(&str, Breaks<'_>)> = vec![
        ("overlapping mentions", Box::new(|a| a.actors[0].mentions.push(Span { start: 3, end: 8 }))),
        ("empty quote", Box::new(|a| a.quotes[0].end = 12)),
        ("quote past the end", Box::new(|a| a.quotes[0].end = 32)),
        ("unknown speaker", Box::new(|a| a.quotes[0] = quote("q1", 12, 14, Some("a9")))),
        ("duplicate id", Box::new(|a| a.actors.push(actor("a1", &[])))),
        ("unknown holder", Box::new(|a| a.disputes[0].positions[0].holder = Some("a2".to_string()))),
        ("reversed claim", Box::new(|a| a.disputes[0].claim = Claim { start: 9, end: 3, holder: None })),
        ("another text", Box::new(|a| a.text.push('!'))),
    ];
    for (name, breaks) in broken {
        let mut a = base.clone();
        breaks(&mut a);
        assert!(!violations(text, &a).is_empty(), "the checker missed: {name}");
    }
}
