//! The page's body text, and the one place where offsets move between the
//! three ways the widget counts text:
//!
//! - DOM points: a text node and a UTF-16 offset into it (what `Range` and
//!   `Selection` speak);
//! - body offsets: code points into the body's text content, every text
//!   node under `<body>` concatenated (readers' annotations; the convention
//!   Hypothesis uses, so positions interoperate);
//! - article offsets: code points into [`Article::text`] (the engine's
//!   findings).
//!
//! Pure: the shell lists the body's text nodes and says which tree node is
//! which body node; everything else is computed and tested here.

use super::Article;
use crate::text::offsets::{byte_to_utf16, utf16_to_byte};
use crate::text::Offsets;

/// The body's text content with its text nodes' places in it.
///
/// Borrows the text: the shell keeps the string and the node lengths (see
/// [`concat`]) and builds this view when it needs conversions.
#[derive(Debug, Clone)]
pub struct BodyText<'a> {
    offsets: Offsets<'a>,
    /// Byte where each text node starts in the text, and one past the end.
    starts: Vec<usize>,
}

/// The body's text and each node's length in bytes, from the text nodes'
/// contents in document order.
pub fn concat<'s>(nodes: impl IntoIterator<Item = &'s str>) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut lens = Vec::new();
    for n in nodes {
        text.push_str(n);
        lens.push(n.len());
    }
    (text, lens)
}

impl<'a> BodyText<'a> {
    /// `text` is the text nodes' contents concatenated, `lens` their
    /// lengths in bytes (as [`concat`] returns them). Lengths that do not
    /// add up to the text are cut at its end.
    pub fn new(text: &'a str, lens: &[usize]) -> BodyText<'a> {
        let mut starts = Vec::with_capacity(lens.len() + 1);
        let mut at = 0usize;
        for len in lens {
            starts.push(at.min(text.len()));
            at = at.saturating_add(*len);
        }
        starts.push(at.min(text.len()));
        BodyText { offsets: Offsets::new(text), starts }
    }

    /// The body's text content.
    pub fn text(&self) -> &'a str {
        self.offsets.text()
    }

    /// How many text nodes.
    pub fn nodes(&self) -> usize {
        self.starts.len() - 1
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.offsets.byte_to_char(self.text().len())
    }

    fn node_text(&self, node: usize) -> Option<&'a str> {
        self.text().get(*self.starts.get(node)?..*self.starts.get(node + 1)?)
    }

    /// `[start, end)` without white space at either end; `None` when
    /// nothing else is left. (A drag selection often takes a space or a
    /// line break along; a note is about the words.)
    pub fn trim(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let (a, b) = (self.offsets.char_to_byte(start)?, self.offsets.char_to_byte(end)?);
        let slice = self.text().get(a..b)?;
        let lead = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        if trimmed.is_empty() {
            return None;
        }
        let s = self.offsets.byte_to_char(a + lead);
        Some((s, s + trimmed.chars().count()))
    }

    /// The body offset of a DOM point (text node `node`, UTF-16 `offset`;
    /// an offset past the node's end is its end).
    pub fn char_of(&self, node: usize, utf16: usize) -> Option<usize> {
        let text = self.node_text(node)?;
        let byte = utf16_to_byte(text, utf16.min(text.encode_utf16().count()))?;
        Some(self.offsets.byte_to_char(self.starts[node] + byte))
    }

    /// The DOM point where a range starting at body offset `c` starts:
    /// at a boundary between nodes, the start of the later non-empty node.
    pub fn start_point(&self, c: usize) -> Option<(usize, usize)> {
        let byte = self.offsets.char_to_byte(c)?;
        let node = self.starts.partition_point(|&s| s <= byte).checked_sub(1)?;
        let node = (node..self.nodes()).find(|&n| self.starts[n + 1] > byte)?;
        let text = self.node_text(node)?;
        Some((node, byte_to_utf16(text, byte.saturating_sub(self.starts[node]))))
    }

    /// The DOM point where a range ending at body offset `c` (exclusive)
    /// ends: at a boundary, the end of the earlier non-empty node.
    pub fn end_point(&self, c: usize) -> Option<(usize, usize)> {
        let byte = self.offsets.char_to_byte(c)?;
        let node = self.starts.partition_point(|&s| s < byte).checked_sub(1)?;
        let node = (0..=node.min(self.nodes().checked_sub(1)?)).rev().find(|&n| self.starts[n] < byte)?;
        let text = self.node_text(node)?;
        Some((node, byte_to_utf16(text, byte - self.starts[node])))
    }
}

/// An article inside a body: article offsets ↔ body offsets.
#[derive(Debug, Clone)]
pub struct BodyMap<'a> {
    body: &'a BodyText<'a>,
    article: &'a Article,
    offsets: Offsets<'a>,
    /// Body byte where each article piece starts (pieces are in document
    /// order, so these ascend).
    piece_starts: Vec<usize>,
}

impl<'a> BodyMap<'a> {
    /// `body_node[tree node id]` is the body text node the tree's text node
    /// was read from (`None` for elements and unmatched nodes). Pieces of
    /// unmatched nodes map nowhere.
    pub fn new(body: &'a BodyText<'a>, article: &'a Article, body_node: &[Option<usize>]) -> BodyMap<'a> {
        let piece_starts = article
            .pieces
            .iter()
            .map(|p| {
                let node: Option<usize> = body_node.get(p.node).copied().flatten();
                node.and_then(|n| body.starts.get(n)).map_or(usize::MAX, |s| s + p.node_start)
            })
            .collect();
        BodyMap { body, article, offsets: Offsets::new(&article.text), piece_starts }
    }

    /// The body span of article span `[start, end)` (code points), or
    /// `None` when it maps to no text.
    pub fn to_body(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let s = self.offsets.char_to_byte(start)?;
        let e = self.offsets.char_to_byte(end)?;
        let first = self.article.pieces.partition_point(|p| p.end <= s);
        let last = self.article.pieces.partition_point(|p| p.start < e).checked_sub(1)?;
        let (ps, pe) = (self.article.pieces.get(first)?, self.article.pieces.get(last)?);
        let bs = self.piece_starts[first].checked_add(s.saturating_sub(ps.start))?;
        let be = self.piece_starts[last].checked_add(e.min(pe.end) - pe.start)?;
        (bs < be && be <= self.body.text().len())
            .then(|| (self.body.offsets.byte_to_char(bs), self.body.offsets.byte_to_char(be)))
    }

    /// The article span of body span `[start, end)`, clipped to the
    /// article; `None` when none of it is article text.
    pub fn to_article(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let bs = self.body.offsets.char_to_byte(start)?;
        let be = self.body.offsets.char_to_byte(end)?;
        let pieces = &self.article.pieces;
        let len = |i: usize| pieces[i].end - pieces[i].start;
        let first =
            (0..pieces.len()).find(|&i| self.piece_starts[i] != usize::MAX && self.piece_starts[i] + len(i) > bs)?;
        let last =
            (0..pieces.len()).rev().find(|&i| self.piece_starts[i] != usize::MAX && self.piece_starts[i] < be)?;
        let s = pieces[first].start + bs.saturating_sub(self.piece_starts[first]).min(len(first));
        let e = pieces[last].start + (be - self.piece_starts[last]).min(len(last));
        (s < e).then(|| (self.offsets.byte_to_char(s), self.offsets.byte_to_char(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{article, Element, NodeId, Tree};

    /// A body with a menu, a script, and an article of two paragraphs whose
    /// first one is split over three nodes (one with an emoji).
    fn page() -> (Tree, Vec<NodeId>, Vec<&'static str>) {
        let mut t = Tree::new(Element::new("body"));
        let mut texts = Vec::new();
        let mut body_nodes = Vec::new();
        let nav = t.push_element(Tree::ROOT, Element::new("nav"));
        texts.push(t.push_text(nav, "Menu 😀 Home"));
        body_nodes.push("Menu 😀 Home");
        body_nodes.push("var x = '<p>';"); // a script's text: in the body's text content, not in the tree
        let art = t.push_element(Tree::ROOT, Element::new("article"));
        let p1 = t.push_element(art, Element::new("p"));
        for s in ["Mr. Putin ", "said “no” 😀", " to NATO, the alliance of thirty-two members, on Tuesday."] {
            texts.push(t.push_text(p1, s));
            body_nodes.push(s);
        }
        let p2 = t.push_element(art, Element::new("p"));
        let s = "\n   Baker denied it, and the Russian officials disagreed with him strongly.  ";
        texts.push(t.push_text(p2, s));
        body_nodes.push(s);
        (t, texts, body_nodes)
    }

    fn setup() -> ((String, Vec<usize>), Article, Vec<Option<usize>>) {
        let (tree, texts, nodes) = page();
        let a = article(&tree);
        let body = concat(nodes.iter().copied());
        // Tree text node i is body node i, except the script shifts the rest.
        let mut map = vec![None; texts.iter().max().map_or(0, |&m| m + 1)];
        map[texts[0]] = Some(0);
        for (i, &t) in texts.iter().enumerate().skip(1) {
            map[t] = Some(i + 1);
        }
        (body, a, map)
    }

    fn slice(s: &str, (a, b): (usize, usize)) -> String {
        s.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn article_spans_map_to_the_same_text_in_the_body_and_back() {
        let ((text, lens), a, map) = setup();
        let body = BodyText::new(&text, &lens);
        let m = BodyMap::new(&body, &a, &map);
        assert!(a.text.starts_with("Mr. Putin said"), "{}", a.text);
        for word in ["Putin", "“no” 😀 to NATO", "Baker denied it", "Tuesday.", "strongly."] {
            let start = a.text.find(word).map(|b| a.text[..b].chars().count()).unwrap_or_else(|| panic!("{word}"));
            let span = (start, start + word.chars().count());
            let b = m.to_body(span.0, span.1).unwrap_or_else(|| panic!("{word}"));
            assert_eq!(slice(body.text(), b), word);
            assert_eq!(m.to_article(b.0, b.1), Some(span), "{word}");
        }
        // Across the paragraph break: the article's "\n" is white space in the body.
        let start = a.text.chars().count() - "strongly.".len() - 80;
        assert!(m.to_body(start, a.text.chars().count()).is_some());
    }

    #[test]
    fn body_spans_outside_the_article_map_nowhere_or_are_clipped() {
        let ((text, lens), a, map) = setup();
        let body = BodyText::new(&text, &lens);
        let m = BodyMap::new(&body, &a, &map);
        let menu = (0, 11);
        assert_eq!(slice(body.text(), menu), "Menu 😀 Home");
        assert_eq!(m.to_article(menu.0, menu.1), None);
        // From the menu into the article: clipped to the article's start.
        let into = body.text().find("Putin").map(|b| body.text()[..b].chars().count() + 5).unwrap_or_default();
        assert_eq!(m.to_article(0, into).map(|s| slice(&a.text, s)), Some("Mr. Putin".to_string()));
        assert_eq!(m.to_article(9_999, 10_000), None);
    }

    #[test]
    fn dom_points_count_utf16_and_respect_node_boundaries() {
        let (text, lens) = concat(["ab😀", "", "cd"]);
        let body = BodyText::new(&text, &lens);
        assert_eq!(body.char_len(), 5);
        assert_eq!(body.char_of(0, 4), Some(3)); // after the emoji: 4 UTF-16 units, 3 code points
        assert_eq!(body.char_of(2, 1), Some(4));
        assert_eq!(body.char_of(9, 0), None);
        // Offset 3 is the boundary between "ab😀" and "cd": a start goes right, an end goes left.
        assert_eq!(body.start_point(3), Some((2, 0)));
        assert_eq!(body.end_point(3), Some((0, 4)));
        assert_eq!(body.start_point(0), Some((0, 0)));
        assert_eq!(body.end_point(5), Some((2, 2)));
        assert_eq!(body.start_point(5), None);
        assert_eq!(body.end_point(0), None);
        assert_eq!(body.start_point(6), None);
        assert_eq!(body.trim(1, 5), Some((1, 5)));
        let (text, lens) = concat([" \n é😀 x ", "\t"]);
        let body = BodyText::new(&text, &lens);
        assert_eq!(body.trim(0, 9), Some((3, 7)));
        assert_eq!(body.trim(7, 9), None);
    }
}
