//! The output path of the wasm `analyzeText` alone, for callgrind: with
//! `MODE=stages` it runs only the four stages (as `find` runs them), with
//! `MODE=json` the whole `json::findings_json(text)`; the difference
//! of the two counts is what turning the stages' results into the JSON
//! costs. A measuring aid, never a test.
//!
//! ```text
//! MODE=json valgrind --tool=callgrind target/native/examples/output bench/corpus/seed.txt
//! ```

use std::hint::black_box;

use newsgloss::analysis::{actors, attribution, disputes, json, quotes};

fn main() {
    let json_too = std::env::var("MODE").map_or(true, |m| m != "stages");
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        if json_too {
            black_box(json::findings_json(black_box(&text)));
        } else {
            let (found, tokens) = actors::find_actors_tokenized(&text);
            let (spans, paragraphs) = quotes::find_quotes_and_paragraphs(&text);
            let at = attribution::attribute_in(&text, &spans, &paragraphs, &found);
            black_box(disputes::find_disputes_tokenized(&text, &tokens, &found, &spans, &at));
        }
    }
}
