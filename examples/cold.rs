//! The first `analyze()` in a process against the next ones: how much of a
//! cold call is one-time work (word lists built, tables filled) rather than
//! reading. A measuring aid, never a test.
//!
//! ```text
//! cargo run --profile native --example cold -- seeds/000_ef33c36d7de74af4.txt
//! ```
//!
//! The first line times a tiny text first (which pays the one-time work
//! and little else), then the given text cold and warm.

use std::hint::black_box;
use std::time::Instant;

use newsgloss::analysis::analyze;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: cold FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    black_box(analyze("The minister, Ivan Petrov, said “it is so,” and NATO disputed the claim."));
    let tiny = ms(t);
    let t = Instant::now();
    black_box(analyze(&text));
    let cold = ms(t);
    let warm = (0..5)
        .map(|_| {
            let t = Instant::now();
            black_box(analyze(&text));
            ms(t)
        })
        .fold(f64::MAX, f64::min);
    println!(
        "first call on a one-sentence text {tiny:.3} ms; then {path}: {cold:.3} ms, warm (best of 5) {warm:.3} ms"
    );
}
