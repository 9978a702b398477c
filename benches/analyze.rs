//! Throughput and peak heap of `analyze()` (and of article detection) on the
//! seed article and on generated articles of ~100 KB, 1 MB and 10 MB.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench --profile native --bench analyze
//! CARGO_TARGET_DIR=/work/target-bench cargo bench --profile native --bench analyze -- analyze/1MB
//! NEWSGLOSS_PEAK=0 ...      skip the peak-heap report of analyze() printed before the benchmarks
//! NEWSGLOSS_CORPUS_OUT=bench/corpus ...   only write the texts (for bench/run.mjs) and exit
//! ```
//!
//! `--profile native` is what the CLI ships with (opt-level 3); plain
//! `cargo bench` would measure the size-optimised wasm profile (`release`,
//! opt-level "z") instead. Throughput is in decimal MB/s (10^6 bytes of UTF-8
//! input per second), the unit of the product targets (>= 20 MB/s natively).
//!
//! The peak heap is measured with a counting global allocator that counts
//! only while it is switched on (around one `analyze()` call), so the
//! benchmarks themselves pay one relaxed atomic load per allocation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use newsgloss::analysis::analyze;
use newsgloss::article;

mod corpus;

/// The texts: name, text. Sizes are decimal (the unit of MB/s).
fn texts() -> Vec<(&'static str, String)> {
    vec![
        ("seed", corpus::SEED.to_string()),
        ("100KB", corpus::article(100_000, 42)),
        ("1MB", corpus::article(1_000_000, 42)),
        ("10MB", corpus::article(10_000_000, 42)),
    ]
}

fn main() {
    if let Some(dir) = std::env::var_os("NEWSGLOSS_CORPUS_OUT") {
        dump(std::path::Path::new(&dir));
        return;
    }
    let texts = texts();
    if std::env::var_os("NEWSGLOSS_PEAK").is_none_or(|v| v != "0") {
        peak_report(&peak_texts(&texts));
    }
    let mut c = Criterion::default().configure_from_args();
    bench_analyze(&mut c, &texts);
    bench_article(&mut c, &texts);
    c.final_summary();
}

fn bench_analyze(c: &mut Criterion, texts: &[(&str, String)]) {
    let mut group = c.benchmark_group("analyze");
    for (name, text) in texts {
        // Few samples for the big texts so the whole run takes minutes;
        // flat sampling where one iteration takes a noticeable time.
        let (samples, seconds, flat) = match text.len() {
            n if n >= 5_000_000 => (10, 15, true),
            n if n >= 500_000 => (10, 6, true),
            _ => (20, 4, false),
        };
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.sample_size(samples);
        group.warm_up_time(Duration::from_secs(if flat { 2 } else { 1 }));
        group.measurement_time(Duration::from_secs(seconds));
        group.sampling_mode(if flat { SamplingMode::Flat } else { SamplingMode::Auto });
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| b.iter(|| analyze(black_box(t))));
    }
    group.finish();
}

/// Article detection over an HTML page around the same paragraphs (optional
/// in the brief; the 10 MB page is left out to keep the run short).
fn bench_article(c: &mut Criterion, texts: &[(&str, String)]) {
    let mut group = c.benchmark_group("article");
    for (name, text) in texts.iter().filter(|(_, t)| t.len() < 5_000_000) {
        let html = page(text);
        group.throughput(Throughput::BytesDecimal(html.len() as u64));
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(3));
        group.bench_with_input(BenchmarkId::from_parameter(name), &html, |b, h| {
            b.iter(|| article::article(&article::parse_html(black_box(h))))
        });
    }
    group.finish();
}

/// A news page: header, navigation, the paragraphs in an `<article>`, a
/// related-links aside and a footer.
fn page(text: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let title = escape(lines.next().unwrap_or_default());
    let mut html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title} - The Daily</title></head><body>\
         <header><a href=\"/\">The Daily</a><nav><ul><li><a href=\"/world\">World</a></li>\
         <li><a href=\"/politics\">Politics</a></li><li><a href=\"/business\">Business</a></li></ul></nav></header>\
         <main><article><h1>{title}</h1><p class=\"byline\">By Staff Reporters</p>"
    );
    for (i, line) in lines.enumerate() {
        html.push_str("<p>");
        html.push_str(&escape(line));
        html.push_str("</p>\n");
        if i % 40 == 39 {
            html.push_str("<figure><img src=\"/photo.jpg\" alt=\"\"><figcaption>A photo.</figcaption></figure>");
        }
    }
    html.push_str(
        "</article><aside><h2>Related</h2><ul><li><a href=\"/a\">Another story</a></li>\
         <li><a href=\"/b\">And another</a></li></ul></aside></main><footer>&copy; The Daily</footer></body></html>",
    );
    html
}

/// Writes the texts for the node/browser comparison (`bench/run.mjs`).
fn dump(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    for (name, text) in texts() {
        let path = dir.join(format!("{}.txt", name.to_lowercase()));
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        println!("{:>10} bytes  {}", text.len(), path.display());
    }
}

/// Peak heap of one `analyze()` call per text, above what was allocated
/// before it (so the input text itself is not counted; the output, which
/// holds a copy of the text, is), after one warm-up call.
fn peak_report(texts: &[(String, &str)]) {
    // The first call may build lazily initialised tables that live on; they
    // are shown apart and kept out of the per-text figures.
    let (first, once) = counting(|| analyze("Warm-up: Ms. Lee said “yes.”"));
    drop(black_box(first));
    println!("peak heap of analyze() (counting allocator; target <= 10x the text)");
    println!(
        "first call in the process: {} bytes retained after it (lazily built tables), peak {}, {} allocations",
        once.retained, once.peak, once.allocations
    );
    println!(
        "{:<14} {:>11} {:>13} {:>7} {:>13} {:>7} {:>11} {:>9}",
        "text", "bytes", "peak heap", "ratio", "retained", "ratio", "allocs", "time"
    );
    for (name, text) in texts {
        let started = Instant::now();
        let (analysis, stats) = counting(|| analyze(text));
        let elapsed = started.elapsed();
        drop(black_box(analysis));
        let n = text.len() as f64;
        println!(
            "{:<14} {:>11} {:>13} {:>6.2}x {:>13} {:>6.2}x {:>11} {:>7.0}ms{}",
            name,
            text.len(),
            stats.peak,
            stats.peak as f64 / n,
            stats.retained,
            stats.retained as f64 / n,
            stats.allocations,
            elapsed.as_secs_f64() * 1e3,
            if stats.peak as f64 > 10.0 * n { "  OVER TARGET" } else { "" }
        );
    }
    println!();
}

/// The texts of the peak-heap report: the bench texts, and the first 16,
/// 32 and 64 KB of the 100 KB text, where a short text's fixed-size
/// tables and the actor tokens (kept for the disputes reader on every
/// text, `analysis::actor_stage`) weigh most against the 10x bound.
fn peak_texts<'a>(texts: &'a [(&str, String)]) -> Vec<(String, &'a str)> {
    let mut all: Vec<(String, &str)> = texts.iter().map(|(name, t)| (name.to_string(), t.as_str())).collect();
    if let Some((_, long)) = texts.iter().find(|(name, _)| *name == "100KB") {
        for kb in [16, 32, 64] {
            let mut cut = (kb * 1024).min(long.len());
            while !long.is_char_boundary(cut) {
                cut -= 1;
            }
            all.push((format!("{kb}KB of 100KB"), &long[..cut]));
        }
    }
    all
}

#[derive(Debug, Clone, Copy)]
struct Stats {
    /// Highest net heap (bytes allocated minus freed) while counting.
    peak: isize,
    /// Net heap when counting stopped: what the result holds.
    retained: isize,
    allocations: usize,
}

fn counting<R>(f: impl FnOnce() -> R) -> (R, Stats) {
    NET.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    ALLOCATIONS.store(0, Relaxed);
    ON.store(true, Relaxed);
    let result = f();
    ON.store(false, Relaxed);
    let stats = Stats { peak: PEAK.load(Relaxed), retained: NET.load(Relaxed), allocations: ALLOCATIONS.load(Relaxed) };
    (result, stats)
}

static ON: AtomicBool = AtomicBool::new(false);
static NET: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn track(delta: isize, allocation: bool) {
    let now = NET.fetch_add(delta, Relaxed) + delta;
    PEAK.fetch_max(now, Relaxed);
    if allocation {
        ALLOCATIONS.fetch_add(1, Relaxed);
    }
}

/// The system allocator, counting while [`ON`].
struct Counting;

#[global_allocator]
static GLOBAL: Counting = Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && ON.load(Relaxed) {
            track(layout.size() as isize, true);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() && ON.load(Relaxed) {
            track(layout.size() as isize, true);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        if ON.load(Relaxed) {
            track(-(layout.size() as isize), false);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && ON.load(Relaxed) {
            track(new_size as isize - layout.size() as isize, true);
        }
        p
    }
}
