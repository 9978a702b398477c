//! The analysis engine and the anchorer alone, for callers that bring their
//! own text rather than a page: benchmarks (`bench/run.mjs`,
//! `bench/anchor.mjs` in node) and scripts. No DOM.

use wasm_bindgen::prelude::*;

use crate::analysis::json;
use crate::annotation::{anchor_all, Selector};

/// The findings in `text` as JSON: `{"actors", "quotes", "disputes"}`, the
/// CLI's analysis without its `text` field (offsets in code points, end
/// exclusive). The caller holds the text already; echoing it back would
/// cost a second copy, its JSON escaping and, in JS, decoding it again: on
/// a 1 MB article about a tenth of the whole call (measured in node).
#[wasm_bindgen(js_name = analyzeText)]
pub fn analyze_text(text: &str) -> String {
    json::findings_json(text)
}

/// Anchors stored targets in `text`: `targets_json` is a JSON array with,
/// per target, its array of W3C selectors (TextQuote/TextPosition, code
/// points). Returns a JSON array with, per target, `{"start", "end",
/// "method", "score"}` or `null` (an orphan); `{"error": ...}` when
/// `targets_json` is not such an array. For benchmarks and scripts
/// (`bench/anchor.mjs`); the widget anchors through the Rust API.
#[wasm_bindgen(js_name = anchorAll)]
pub fn anchor_all_json(text: &str, targets_json: &str) -> String {
    match serde_json::from_str::<Vec<Vec<Selector>>>(targets_json) {
        Ok(targets) => serde_json::to_string(&anchor_all(text, &targets)).unwrap_or_else(|_| "[]".to_string()),
        Err(e) => serde_json::json!({ "error": e.to_string() }).to_string(),
    }
}
