use newsgloss::analysis::{actors, analyze, attribution, disputes, quotes};
use std::time::Instant;

fn main() {
    for path in ["bench/corpus/1mb.txt", "bench/corpus/10mb.txt"] {
        let text = std::fs::read_to_string(path).unwrap();
        let mb = text.len() as f64 / 1e6;
        let mut best = [f64::MAX; 5];
        let runs = if mb > 5.0 { 2 } else { 5 };
        for _ in 0..runs {
            let t = Instant::now();
            let a = actors::find_actors(&text);
            let t1 = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let q = quotes::find_quotes(&text);
            let t2 = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let at = attribution::attribute(&text, &q, &a);
            let t3 = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let d = disputes::find_disputes(&text, &a, &q, &at);
            let t4 = t.elapsed().as_secs_f64();
            std::hint::black_box(d);
            let t = Instant::now();
            let r = analyze(&text);
            let t5 = t.elapsed().as_secs_f64();
            std::hint::black_box(r);
            for (b, v) in best.iter_mut().zip([t1, t2, t3, t4, t5]) {
                *b = b.min(v);
            }
        }
        println!(
            "{path}: ms/MB actors {:.1} quotes {:.1} attr {:.1} disputes {:.1} analyze {:.1} => {:.1} MB/s",
            best[0] * 1e3 / mb,
            best[1] * 1e3 / mb,
            best[2] * 1e3 / mb,
            best[3] * 1e3 / mb,
            best[4] * 1e3 / mb,
            mb / best[4]
        );
    }
}
