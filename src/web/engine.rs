//! The analysis engine alone, for callers that bring their own text rather
//! than a page: benchmarks (`bench/run.mjs` in node) and scripts. No DOM.

use wasm_bindgen::prelude::*;

use crate::analysis::analyze;

/// The analysis of `text` as JSON: the same shape as the CLI's output and
/// the widget's `analysis()` (offsets in code points, end exclusive).
#[wasm_bindgen(js_name = analyzeText)]
pub fn analyze_text(text: &str) -> String {
    // Plain data with string keys: serialising it cannot fail.
    serde_json::to_string(&analyze(text)).unwrap_or_else(|_| "{}".to_string())
}
