//! Browser tests (wasm-bindgen-test in headless Chromium): the DOM ↔ text
//! offset mapping on real DOM nodes, where UTF-16, entities and inline
//! markup meet the core's UTF-8 text.
//!
//! Run with `cargo xtask test --only browser`.
#![cfg(target_arch = "wasm32")]

use newsgloss::analysis::analyze;
use newsgloss::article;
use newsgloss::text::Offsets;
use newsgloss::web::dom::DomTree;
use wasm_bindgen_test::*;
use web_sys::Document;

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// Puts `html` in a fresh fixture element (the test runner owns the body)
/// and reads it back as (tree, article).
fn page(html: &str) -> (DomTree, article::Article) {
    let d = doc();
    let body = d.body().expect("a body");
    if let Some(old) = d.get_element_by_id("fixture") {
        old.remove();
    }
    let fixture = d.create_element("div").expect("an element");
    fixture.set_id("fixture");
    fixture.set_inner_html(html);
    body.append_child(&fixture).expect("appended");
    let dom = DomTree::read_from(&fixture);
    let found = article::article(&dom.tree);
    (dom, found)
}

/// The DOM text of a range over article code points `start..end`.
fn dom_text(dom: &DomTree, found: &article::Article, start: usize, end: usize) -> Option<String> {
    let o = Offsets::new(&found.text);
    let range = dom.range(&doc(), found, o.char_to_byte(start)?, o.char_to_byte(end)?)?;
    range.to_string().as_string()
}

/// Code-point span of `needle` in `hay`.
fn span_of(hay: &str, needle: &str) -> (usize, usize) {
    let b = hay.find(needle).expect("needle in text");
    let o = Offsets::new(hay);
    (o.byte_to_char(b), o.byte_to_char(b + needle.len()))
}

const PARAS: &str = "<p>Filler sentence one of the story, with enough words to look like prose, commas, and more.</p>\
    <p>Filler sentence two of the story, again long enough, with commas, clauses, and words.</p>";

#[wasm_bindgen_test]
fn text_split_across_inline_elements_maps_to_one_range() {
    let (dom, found) = page(&format!(
        "<nav><a href='#'>Home</a></nav><article>{PARAS}<p>The <a href='#'>North <b>Atlantic</b></a> Treaty said “no <em>deal</em>,” today.</p></article>"
    ));
    assert!(found.text.contains("The North Atlantic Treaty said “no deal,” today."), "{}", found.text);
    assert!(!found.text.contains("Home"));
    let (s, e) = span_of(&found.text, "North Atlantic Treaty");
    assert_eq!(dom_text(&dom, &found, s, e).as_deref(), Some("North Atlantic Treaty"));
    // The quote found by the engine maps back onto the page exactly.
    let a = analyze(&found.text);
    let q = a.quotes.first().expect("one quote");
    assert_eq!(dom_text(&dom, &found, q.start, q.end).as_deref(), Some("no deal,"));
}

#[wasm_bindgen_test]
fn nbsp_entities_and_folded_white_space_keep_offsets_exact() {
    let (dom, found) =
        page(&format!("<article>{PARAS}<p>Mr.&nbsp;Putin   said\n\t “red&nbsp;lines” &amp; more.</p></article>"));
    assert!(found.text.contains("Mr.\u{a0}Putin said “red\u{a0}lines” & more."), "{}", found.text);
    let (s, e) = span_of(&found.text, "Putin said “red\u{a0}lines”");
    // The DOM keeps its own white space; the range covers exactly it.
    assert_eq!(dom_text(&dom, &found, s, e).as_deref(), Some("Putin   said\n\t “red\u{a0}lines”"));
    let (s, e) = span_of(&found.text, "& more");
    assert_eq!(dom_text(&dom, &found, s, e).as_deref(), Some("& more"));
}

#[wasm_bindgen_test]
fn emoji_and_astral_characters_do_not_shift_ranges() {
    let (dom, found) =
        page(&format!("<article>{PARAS}<p>😀 Zelensky 𝄞 said “we stand 🇺🇦” and <i>é</i>lan 😀 NATO.</p></article>"));
    for needle in ["Zelensky", "we stand 🇺🇦", "élan", "NATO"] {
        let (s, e) = span_of(&found.text, needle);
        assert_eq!(dom_text(&dom, &found, s, e).as_deref(), Some(needle), "{needle}");
    }
    let a = analyze(&found.text);
    let q = a.quotes.first().expect("one quote");
    assert_eq!(dom_text(&dom, &found, q.start, q.end).as_deref(), Some("we stand 🇺🇦"));
}

#[wasm_bindgen_test]
fn the_widget_host_and_scripts_are_never_read_as_article() {
    let (_, found) = page(&format!(
        "<article>{PARAS}<script>var x = \"not text\";</script><p>Real end.</p></article><newsgloss-widget data-newsgloss>Widget UI</newsgloss-widget>"
    ));
    assert!(found.text.ends_with("Real end."), "{}", found.text);
    assert!(!found.text.contains("not text"));
    assert!(!found.text.contains("Widget UI"));
}

/// `analyzeText`, the engine's JS face for scripts and the node benchmark:
/// the CLI's findings without echoing the text back, offsets in code points.
#[wasm_bindgen_test]
fn analyze_text_returns_the_findings_without_the_text() {
    let text = "“Ça va,” said President Vladimir Putin of Russia. Putin left.";
    let json = newsgloss::web::engine::analyze_text(text);
    let got: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert!(got.get("text").is_none(), "the text is not echoed: {json}");
    let whole = serde_json::to_value(analyze(text)).expect("analysis as JSON");
    for key in ["actors", "quotes", "disputes"] {
        assert_eq!(got[key], whole[key], "{key}");
    }
    let quote = &got["quotes"][0];
    assert_eq!((quote["start"].as_u64(), quote["end"].as_u64()), (Some(1), Some(7)), "code points: {json}");
    assert_eq!(got["actors"][0]["name"], "Vladimir Putin", "{json}");
    assert_eq!(quote["speaker"]["actor"], got["actors"][0]["id"], "{json}");
}
