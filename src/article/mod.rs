//! Article-body detection: which part of a page is the article a reader came for.
//!
//! Input is a [`Tree`] (filled from the DOM by the browser shell, or from
//! parsed HTML by the CLI); output is the article's plain text plus a map
//! from every text offset back to the tree's text nodes, so that findings in
//! the text can be drawn on the page. Pure: no DOM, no I/O.

pub mod body;
pub mod detect;
pub mod extract;
mod hints;
#[cfg(not(target_arch = "wasm32"))]
pub mod html;
pub mod tree;

pub use detect::{article, detect, title, title_near};
pub use extract::extract;
#[cfg(not(target_arch = "wasm32"))]
pub use html::{html_text, parse_html};
pub use tree::{Element, Node, NodeId, NodeKind, Tree};

/// A run of article text copied verbatim from one text node.
///
/// Byte offsets (UTF-8) on both sides; inside a piece, article text and node
/// text correspond char for char, so an offset inside the piece maps by
/// adding `node_start - start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Start of the run in [`Article::text`] (bytes).
    pub start: usize,
    /// End of the run in [`Article::text`] (bytes, exclusive).
    pub end: usize,
    /// The text node it came from.
    pub node: NodeId,
    /// Where the run starts in that node's text (bytes).
    pub node_start: usize,
}

/// The article as plain text, with its way back to the tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Paragraphs separated by `\n`; white space inside a paragraph folded to
    /// single spaces, as a browser renders it.
    pub text: String,
    /// Pieces in text order, not overlapping. Characters not covered (the
    /// `\n` between paragraphs, folded white space) come from no single node.
    pub pieces: Vec<Piece>,
    /// The element chosen as the article body.
    pub root: NodeId,
}

impl Article {
    /// Where a range that starts at `text_byte` starts in the tree: (text
    /// node, byte offset in its data).
    ///
    /// An offset between pieces (a paragraph separator, a folded space not
    /// copied from a space) maps to the start of the next piece; the end of
    /// the text maps to the end of the last piece. `None` past the end, off
    /// a char boundary, or when the article is empty. O(log pieces).
    pub fn locate(&self, text_byte: usize) -> Option<(NodeId, usize)> {
        if !self.text.is_char_boundary(text_byte) {
            return None;
        }
        let i = self.pieces.partition_point(|p| p.end <= text_byte);
        match self.pieces.get(i) {
            Some(p) => Some((p.node, p.node_start + text_byte.saturating_sub(p.start))),
            None => self.pieces.last().map(|p| (p.node, p.node_start + (p.end - p.start))),
        }
    }

    /// Where a range that ends at `text_byte` (exclusive) ends in the tree.
    ///
    /// Left-biased: an end at a piece boundary maps to the end of the
    /// earlier piece, and an end between pieces to the end of the previous
    /// piece; offset 0 maps to the start of the first piece. `None` past the
    /// end, off a char boundary, or when the article is empty.
    /// O(log pieces).
    pub fn locate_end(&self, text_byte: usize) -> Option<(NodeId, usize)> {
        if !self.text.is_char_boundary(text_byte) {
            return None;
        }
        let i = self.pieces.partition_point(|p| p.start < text_byte);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(p) => Some((p.node, p.node_start + (text_byte.min(p.end) - p.start))),
            None => self.pieces.first().map(|p| (p.node, p.node_start)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Hel" + "lo" (two nodes), then a paragraph "wor ld" whose folded
    /// space (from "\n ") copies nothing.
    fn sample() -> (Tree, Article) {
        let mut tree = Tree::new(Element::new("body"));
        let p1 = tree.push_element(Tree::ROOT, Element::new("p"));
        let hel = tree.push_text(p1, "Hel");
        let b = tree.push_element(p1, Element::new("b"));
        let lo = tree.push_text(b, "lo");
        let p2 = tree.push_element(Tree::ROOT, Element::new("p"));
        let world = tree.push_text(p2, "  wor\n ld ");
        let a = extract(&tree, Tree::ROOT);
        assert_eq!(a.text, "Hello\nwor ld");
        assert_eq!(
            a.pieces,
            [
                Piece { start: 0, end: 3, node: hel, node_start: 0 },
                Piece { start: 3, end: 5, node: lo, node_start: 0 },
                Piece { start: 6, end: 9, node: world, node_start: 2 },
                Piece { start: 10, end: 12, node: world, node_start: 7 },
            ]
        );
        (tree, a)
    }

    #[test]
    fn locate_maps_range_starts_rightwards() {
        let (_, a) = sample();
        let [hel, lo, world] = [a.pieces[0].node, a.pieces[1].node, a.pieces[2].node];
        assert_eq!(a.locate(0), Some((hel, 0)));
        assert_eq!(a.locate(2), Some((hel, 2)));
        // A start at a piece boundary is the next node's start.
        assert_eq!(a.locate(3), Some((lo, 0)));
        // In the separator: the next paragraph's first char.
        assert_eq!(a.locate(5), Some((world, 2)));
        // On the folded space: the next piece.
        assert_eq!(a.locate(9), Some((world, 7)));
        assert_eq!(a.locate(11), Some((world, 8)));
        // The very end: the end of the last piece; past it: nothing.
        assert_eq!(a.locate(12), Some((world, 9)));
        assert_eq!(a.locate(13), None);
    }

    #[test]
    fn locate_end_maps_range_ends_leftwards() {
        let (_, a) = sample();
        let [hel, lo, world] = [a.pieces[0].node, a.pieces[1].node, a.pieces[2].node];
        assert_eq!(a.locate_end(0), Some((hel, 0)));
        // An end at a piece boundary is the earlier node's end.
        assert_eq!(a.locate_end(3), Some((hel, 3)));
        assert_eq!(a.locate_end(4), Some((lo, 1)));
        assert_eq!(a.locate_end(5), Some((lo, 2)));
        // After the separator: still the previous paragraph's end.
        assert_eq!(a.locate_end(6), Some((lo, 2)));
        // After the folded space: the end of "wor".
        assert_eq!(a.locate_end(10), Some((world, 5)));
        assert_eq!(a.locate_end(12), Some((world, 9)));
        assert_eq!(a.locate_end(13), None);
    }

    #[test]
    fn locate_round_trips_every_covered_offset() {
        let (tree, a) = sample();
        for p in &a.pieces {
            for i in p.start..p.end {
                let (node, at) = a.locate(i).unwrap_or_default();
                let from_text = a.text[i..].chars().next();
                let from_node = tree.text(node).and_then(|t| t[at..].chars().next());
                assert_eq!(from_text, from_node, "offset {i}");
            }
        }
    }

    #[test]
    fn locate_on_an_empty_article_is_none() {
        let a = Article::default();
        assert_eq!(a.locate(0), None);
        assert_eq!(a.locate_end(0), None);
    }

    #[test]
    fn locate_is_logarithmic_on_many_pieces() {
        // 200,000 one-char pieces; 200,000 lookups would take minutes if
        // each were a linear scan.
        let n = 200_000;
        let pieces = (0..n).map(|i| Piece { start: 2 * i, end: 2 * i + 1, node: i, node_start: 0 }).collect();
        let a = Article { text: "x ".repeat(n).trim_end().to_string(), pieces, root: 0 };
        for i in 0..n {
            assert_eq!(a.locate(2 * i), Some((i, 0)));
            assert_eq!(a.locate_end(2 * i + 1), Some((i, 1)));
        }
    }
}
