//! Text selectors over a text: making them from code-point spans, and
//! finding the span they select again.
//!
//! Offsets are Unicode code points, end exclusive, like the analysis JSON;
//! every conversion to and from the UTF-8 byte offsets that slicing needs
//! goes through [`Offsets`].

use serde_json::Map;

use super::model::{Selector, TextPositionSelector, TextQuoteSelector, TextQuoteSelectorType};
use crate::text::Offsets;

/// Code points of context a [`TextQuoteSelector`] carries on each side.
pub const CONTEXT_CHARS: usize = 32;

/// The quote selector of `[start_char, end_char)` in `text`: the exact text
/// and up to [`CONTEXT_CHARS`] code points before and after it (fewer at the
/// text's edges, then possibly empty).
///
/// Offsets past the end clamp to the end, and a start past the end to the
/// end. One-off: to make many selectors over one text use [`TextSelectors`].
pub fn quote_selector(text: &str, start_char: usize, end_char: usize) -> TextQuoteSelector {
    TextSelectors::new(text).quote(start_char, end_char)
}

/// The position selector of `[start_char, end_char)`.
pub fn position_selector(start_char: usize, end_char: usize) -> TextPositionSelector {
    TextPositionSelector::new(start_char, end_char)
}

/// Makes and resolves selectors over one text, each in time linear in the
/// span and its context (the text is indexed once).
#[derive(Debug, Clone)]
pub struct TextSelectors<'a> {
    offsets: Offsets<'a>,
    chars: usize,
}

impl<'a> TextSelectors<'a> {
    pub fn new(text: &'a str) -> Self {
        let offsets = Offsets::new(text);
        let chars = offsets.byte_to_char(text.len());
        TextSelectors { offsets, chars }
    }

    /// The text's length in code points.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// A code-point span clamped into the text, start <= end.
    pub fn clamp(&self, start: usize, end: usize) -> (usize, usize) {
        let end = end.min(self.chars);
        (start.min(end), end)
    }

    /// The text of code points `[start, end)` (clamped).
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let (start, end) = self.clamp(start, end);
        self.offsets.text().get(self.byte(start)..self.byte(end)).unwrap_or_default()
    }

    /// The text before code point `at` (clamped): for reading leftwards
    /// from a span without counting code points first.
    pub fn before(&self, at: usize) -> &'a str {
        let text = self.offsets.text();
        text.get(..self.byte(at)).unwrap_or_default()
    }

    /// The text from code point `at` (clamped) to the end.
    pub fn after(&self, at: usize) -> &'a str {
        let text = self.offsets.text();
        text.get(self.byte(at)..).unwrap_or_default()
    }

    /// The byte offset of code point `at` (clamped to the end).
    fn byte(&self, at: usize) -> usize {
        self.offsets.char_to_byte(at.min(self.chars)).unwrap_or(self.offsets.text().len())
    }

    /// See [`quote_selector`].
    pub fn quote(&self, start: usize, end: usize) -> TextQuoteSelector {
        let (start, end) = self.clamp(start, end);
        TextQuoteSelector {
            kind: TextQuoteSelectorType,
            exact: self.slice(start, end).to_string(),
            prefix: Some(self.slice(start.saturating_sub(CONTEXT_CHARS), start).to_string()),
            suffix: Some(self.slice(end, end.saturating_add(CONTEXT_CHARS)).to_string()),
            extra: Map::new(),
        }
    }

    /// The position selector of the clamped span.
    pub fn position(&self, start: usize, end: usize) -> TextPositionSelector {
        let (start, end) = self.clamp(start, end);
        TextPositionSelector::new(start, end)
    }

    /// Both selectors of a span, quote first: the robust one for readers
    /// whose copy of the text differs, then the fast one.
    pub fn pair(&self, start: usize, end: usize) -> Vec<Selector> {
        vec![Selector::TextQuote(self.quote(start, end)), Selector::TextPosition(self.position(start, end))]
    }

    /// The code-point span that `selectors` pick out of this text, if any:
    /// [`Anchorer::anchor`](super::anchor::Anchorer::anchor) without the
    /// method and score (the position when the quote agrees, else the quote
    /// exactly or approximately, disambiguated by context and distance).
    pub fn resolve(&self, selectors: &[Selector]) -> Option<(usize, usize)> {
        super::anchor::anchor_in(self, selectors).map(|a| (a.start, a.end))
    }

    /// The text's offset index (for searches that slice by bytes).
    pub fn offsets(&self) -> &Offsets<'a> {
        &self.offsets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_has_exact_and_clamped_context() {
        let text = "😀 Zoë said “ça va” to Łukasz.";
        let q = quote_selector(text, 12, 17);
        assert_eq!(q.exact, "ça va");
        assert_eq!(q.prefix.as_deref(), Some("😀 Zoë said “"));
        assert_eq!(q.suffix.as_deref(), Some("” to Łukasz."));
        let q = quote_selector(text, 0, 1);
        assert_eq!((q.exact.as_str(), q.prefix.as_deref()), ("😀", Some("")));
        let q = quote_selector(text, 6, 500);
        assert_eq!((q.exact.as_str(), q.suffix.as_deref()), ("said “ça va” to Łukasz.", Some("")));
        let q = quote_selector(text, 900, 500);
        assert_eq!((q.exact.as_str(), q.prefix.as_deref(), q.suffix.as_deref()), ("", Some(text), Some("")));
    }

    #[test]
    fn context_is_thirty_two_code_points() {
        let text: String = "é😀".repeat(40);
        let q = quote_selector(&text, 40, 42);
        assert_eq!(q.prefix.as_deref().map(|p| p.chars().count()), Some(32));
        assert_eq!(q.suffix.as_deref().map(|s| s.chars().count()), Some(32));
        assert_eq!(q.exact, "é😀");
    }

    #[test]
    fn resolves_moved_and_repeated_quotes() {
        let text = "the cat sat. The dog sat. the cat ran.";
        let s = TextSelectors::new(text);
        let sel = s.pair(30, 33); // the second "cat"
        assert_eq!(s.resolve(&sel), Some((30, 33)));
        // The text moved by three code points: the quote is found again, and
        // its context picks the right "cat".
        let moved = format!("😀é {text}");
        let m = TextSelectors::new(&moved);
        assert_eq!(m.resolve(&sel), Some((33, 36)));
        let Selector::TextQuote(q) = &sel[0] else { panic!("quote first") };
        assert_eq!(m.resolve(&[Selector::TextQuote(q.clone())]), Some((33, 36)));
        assert_eq!(m.resolve(&[]), None);
        assert_eq!(s.resolve(&[Selector::TextPosition(TextPositionSelector::new(3, 99))]), None);
    }
}
