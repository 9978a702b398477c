//! Re-anchoring 1,000 reader annotations on a 100,000-word article after
//! 1 % of its words changed (and ten paragraphs were deleted): the time of
//! `anchor_all`, and how many annotations land on their true new span.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench --profile native --bench anchor
//! NEWSGLOSS_CORPUS_OUT=bench/corpus ...   only write bench/corpus/anchor.json (for bench/anchor.mjs) and exit
//! ANCHOR_DEBUG=1 ...   also print the first misplaced annotations
//! ```
//!
//! The case (text, edits, true spans) comes from `corpus/edits.rs`; the
//! node comparison with `approx-string-match` (what Hypothesis uses) reads
//! the very same case from `anchor.json`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use newsgloss::annotation::{anchor_all, Anchor, Method};

mod corpus;
#[path = "corpus/edits.rs"]
mod edits;

const WORDS: usize = 100_000;
const ANNOTATIONS: usize = 1_000;
const PERCENT: usize = 1;
const DELETED_PARAGRAPHS: usize = 10;
const SEED: u64 = 5;

fn main() {
    let case = edits::case(WORDS, ANNOTATIONS, PERCENT, DELETED_PARAGRAPHS, SEED);
    if let Some(dir) = std::env::var_os("NEWSGLOSS_CORPUS_OUT") {
        dump(std::path::Path::new(&dir), &case);
        return;
    }
    report(&case);
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("anchor");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("1000_on_100k_words_1pct_edited", |b| {
        b.iter(|| anchor_all(black_box(&case.edited), black_box(&case.targets)))
    });
    group.bench_function("1000_on_100k_words_unchanged", |b| {
        b.iter(|| anchor_all(black_box(&case.original), black_box(&case.targets)))
    });
    group.finish();
    c.final_summary();
}

/// How anchors compare with the true spans.
#[derive(Debug, Default)]
pub struct Tally {
    /// Exactly the true span.
    pub exact: usize,
    /// Overlapping the true span by at least half of the longer of the two
    /// (exact ones included).
    pub overlap: usize,
    /// Not anchored, though the words are still there.
    pub missed: usize,
    /// Not anchored, and rightly: all its words were deleted.
    pub right_orphans: usize,
    /// Anchored where its words are not (deleted, or overlap < 50 %).
    pub wrong: usize,
}

pub fn tally(truth: &[Option<(usize, usize)>], got: &[Option<Anchor>]) -> Tally {
    let mut t = Tally::default();
    for (want, got) in truth.iter().zip(got) {
        match (want, got) {
            (None, None) => t.right_orphans += 1,
            (Some(_), None) => t.missed += 1,
            (None, Some(_)) => t.wrong += 1,
            (Some((s, e)), Some(a)) => {
                let common = e.min(&a.end).saturating_sub(*s.max(&a.start));
                let longer = (e - s).max(a.end - a.start).max(1);
                t.exact += usize::from((*s, *e) == (a.start, a.end));
                if 2 * common >= longer {
                    t.overlap += 1;
                } else {
                    t.wrong += 1;
                }
            }
        }
    }
    t
}

fn report(case: &edits::Case) {
    let started = Instant::now();
    let got = anchor_all(&case.edited, &case.targets);
    let elapsed = started.elapsed();
    let t = tally(&case.truth, &got);
    if std::env::var_os("ANCHOR_DEBUG").is_some() {
        debug_wrong(case, &got);
    }
    let gone = case.truth.iter().filter(|t| t.is_none()).count();
    let by = |m: Method| got.iter().flatten().filter(|a| a.method == m).count();
    println!(
        "anchoring: {} annotations, {} words ({} code points), {} words edited, {} paragraphs deleted, {} annotations wholly deleted",
        case.targets.len(),
        case.words,
        case.edited.chars().count(),
        case.edited_words,
        case.deleted_paragraphs,
        gone
    );
    println!(
        "first run {:.1} ms: exact span {}, overlap >= 50% {}, missed {}, right orphans {}, wrong {} (by position {}, quote {}, fuzzy {})",
        elapsed.as_secs_f64() * 1e3,
        t.exact,
        t.overlap,
        t.missed,
        t.right_orphans,
        t.wrong,
        by(Method::Position),
        by(Method::Quote),
        by(Method::Fuzzy)
    );
}

/// Writes the case for `bench/anchor.mjs`.
fn dump(dir: &std::path::Path, case: &edits::Case) {
    let json = serde_json::json!({
        "words": case.words,
        "editedWords": case.edited_words,
        "deletedParagraphs": case.deleted_paragraphs,
        "original": case.original,
        "text": case.edited,
        "targets": case.targets,
        "truth": case.truth,
    });
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let path = dir.join("anchor.json");
    std::fs::write(&path, json.to_string()).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    println!("{:>10} bytes  {}", json.to_string().len(), path.display());
}

/// The first dozen misplaced annotations, and every anchored one whose
/// words were all deleted (`ANCHOR_DEBUG=1`).
fn debug_wrong(case: &edits::Case, got: &[Option<Anchor>]) {
    let s = newsgloss::annotation::TextSelectors::new(&case.edited);
    let mut shown = 0;
    for (i, (want, a)) in case.truth.iter().zip(got).enumerate() {
        let ok = match (want, a) {
            (Some(w), Some(a)) => *w == (a.start, a.end),
            (None, None) => true,
            _ => false,
        };
        if !ok && (shown < 12 || want.is_none()) {
            shown += 1;
            let q = match &case.targets[i][0] {
                newsgloss::annotation::Selector::TextQuote(q) => q.exact.clone(),
                _ => String::new(),
            };
            println!(
                "#{i} quote {q:?}\n   want {want:?} {:?}\n   got {a:?} {:?}",
                want.map(|w| s.slice(w.0, w.1)),
                a.map(|a| s.slice(a.start, a.end))
            );
        }
    }
}
