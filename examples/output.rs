//! The output path of the wasm `analyzeText` alone, for callgrind: with
//! `MODE=stages` it runs only the four stages (as `analysis::Found::of`
//! runs them, the actor stage by `analysis::actor_stage`; without the
//! joining of an interrupted quotation's pieces, a small part), with
//! `MODE=json` the whole `json::findings_json(text)`; the difference
//! of the two counts is what turning the stages' results into the JSON
//! costs. A measuring aid, never a test.
//!
//! ```text
//! MODE=json valgrind --tool=callgrind target/native/examples/output bench/corpus/seed.txt
//! ```

use std::hint::black_box;

use newsgloss::analysis::{self, attribution, disputes, json, quotes};

mod common;

fn main() {
    let json_too = std::env::var("MODE").map_or(true, |m| m != "stages");
    for (_, text) in common::texts() {
        if json_too {
            black_box(json::findings_json(black_box(&text)));
        } else {
            let (found, tokens) = analysis::actor_stage(&text);
            let (spans, paragraphs) = quotes::find_quotes_and_paragraphs(&text);
            let at = attribution::attribute_in(&text, &spans, &paragraphs, &found);
            black_box(disputes::find_disputes_tokenized(&text, &tokens, &found, &spans, &at));
        }
    }
}
