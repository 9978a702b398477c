//! Draws findings on the host page with the CSS Custom Highlight API: the
//! host DOM is never modified, and the styles live in a constructed
//! stylesheet adopted by the document (no `<style>` node in the page).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbstractRange, CssStyleSheet, Document, Highlight, Range};

/// Highlight names are prefixed so they never clash with the host's.
pub const PREFIX: &str = "newsgloss-";

/// Styles for the document (::highlight() must be styled in the document
/// that owns the text, not in the widget's shadow root).
const PAGE_CSS: &str = include_str!("../ui/highlights.css");

/// The highlights and stylesheet this widget added to a document.
pub struct Highlights {
    doc: Document,
    sheet: Option<CssStyleSheet>,
    names: Vec<String>,
}

impl Highlights {
    /// Whether this browser has `CSS.highlights`.
    pub fn supported() -> bool {
        let css = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("CSS")).unwrap_or(JsValue::UNDEFINED);
        !css.is_undefined() && js_sys::Reflect::has(&css, &JsValue::from_str("highlights")).unwrap_or(false)
    }

    /// Adopts the highlight stylesheet into `doc`.
    pub fn install(doc: &Document) -> Highlights {
        let sheet = CssStyleSheet::new().ok().filter(|s| s.replace_sync(PAGE_CSS).is_ok());
        if let Some(sheet) = &sheet {
            let sheets = doc.adopted_style_sheets();
            sheets.push(sheet);
            doc.set_adopted_style_sheets(&sheets);
        }
        Highlights { doc: doc.clone(), sheet, names: Vec::new() }
    }

    /// Sets highlight `name` (without prefix) to exactly `ranges`, painted
    /// over highlights of lower `priority`.
    pub fn set(&mut self, name: &str, ranges: &[Range], priority: i32) -> Result<(), JsValue> {
        let full = format!("{PREFIX}{name}");
        let abstract_ranges: Vec<AbstractRange> = ranges.iter().map(|r| r.clone().unchecked_into()).collect();
        let highlight = Highlight::new(&abstract_ranges)?;
        highlight.set_priority(priority);
        web_sys::css::JsNamespaceCss::highlights().set(&full, &highlight);
        if !self.names.contains(&full) {
            self.names.push(full);
        }
        Ok(())
    }

    /// Removes highlight `name` (without prefix).
    pub fn remove(&mut self, name: &str) {
        let full = format!("{PREFIX}{name}");
        web_sys::css::JsNamespaceCss::highlights().delete(&full);
        self.names.retain(|n| n != &full);
    }

    /// Removes every highlight and the stylesheet: no trace left.
    pub fn clear(&mut self) {
        let registry = web_sys::css::JsNamespaceCss::highlights();
        for name in self.names.drain(..) {
            registry.delete(&name);
        }
        if let Some(sheet) = self.sheet.take() {
            let kept = js_sys::Array::new();
            for s in self.doc.adopted_style_sheets().iter() {
                if s != JsValue::from(&sheet) {
                    kept.push(&s);
                }
            }
            self.doc.set_adopted_style_sheets(&kept);
        }
    }
}

impl Drop for Highlights {
    fn drop(&mut self) {
        self.clear();
    }
}
