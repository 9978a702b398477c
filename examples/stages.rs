//! Per-stage timer for `analyze()`: where the time goes, in ms per MB, on
//! the files given (e.g. the texts `bench/prepare.sh` writes to
//! `bench/corpus/`). A measuring aid, never a test.
//!
//! ```text
//! cargo run --profile native --example stages -- bench/corpus/1mb.txt bench/corpus/10mb.txt
//! ```

use std::hint::black_box;
use std::time::Instant;

use newsgloss::analysis::{self, analyze, attribution, disputes, quotes};

mod common;

fn main() {
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    for (path, text) in common::texts() {
        let mb = text.len() as f64 / 1e6;
        let per_mb = |t: Instant| t.elapsed().as_secs_f64() * 1e3 / mb;
        let mut best = [f64::MAX; 5];
        for _ in 0..rounds {
            let t = Instant::now();
            let (found, tokens) = analysis::actor_stage(&text);
            let a = per_mb(t);
            let t = Instant::now();
            let (spans, paragraphs) = quotes::find_quotes_and_paragraphs(&text);
            let q = per_mb(t);
            let t = Instant::now();
            let at = attribution::attribute_in(&text, &spans, &paragraphs, &found);
            let s = per_mb(t);
            let t = Instant::now();
            black_box(disputes::find_disputes_tokenized(&text, &tokens, &found, &spans, &at));
            let d = per_mb(t);
            let t = Instant::now();
            black_box(analyze(&text));
            let all = per_mb(t);
            for (b, v) in best.iter_mut().zip([a, q, s, d, all]) {
                *b = b.min(v);
            }
        }
        let [a, q, s, d, all] = best;
        println!(
            "{path}: {} bytes, best of {rounds} (ms/MB): actors {a:.1}, quotes {q:.1}, attribution {s:.1}, \
             disputes {d:.1}; analyze() {all:.1} = {:.1} MB/s",
            text.len(),
            1e3 / all
        );
    }
}
