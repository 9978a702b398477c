//! Hit-testing highlights, which have no DOM events of their own: the shell
//! turns a pointer position into an offset in the article text (through the
//! caret at that point), and this index answers which findings cover that
//! offset. Also where a card anchored to a highlight goes on screen. Pure,
//! so both are tested natively.

use super::layers::{Layer, Target};
use crate::article::{Article, NodeId};

/// One highlighted span under the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub layer: &'static str,
    /// Code points, end exclusive.
    pub span: (usize, usize),
}

/// One layer's spans sorted by start, with the running maximum of their
/// ends: a binary search finds the last span starting at or before an
/// offset, and the running maximum says how far back overlapping spans can
/// still reach it.
#[derive(Debug, Clone, Default)]
struct Sorted {
    name: &'static str,
    spans: Vec<((usize, usize), Target)>,
    reach: Vec<usize>,
}

/// Every layer's spans, ready for point queries in O(log n + hits).
#[derive(Debug, Clone, Default)]
pub struct HitIndex {
    layers: Vec<Sorted>,
}

impl HitIndex {
    pub fn new(layers: &[Layer]) -> HitIndex {
        let layers = layers
            .iter()
            .map(|l| {
                let mut spans: Vec<((usize, usize), Target)> =
                    l.spans.iter().copied().zip(l.targets.iter().copied()).collect();
                spans.sort_by_key(|&((s, e), _)| (s, e));
                let reach = spans
                    .iter()
                    .scan(0, |max, &((_, e), _)| {
                        *max = e.max(*max);
                        Some(*max)
                    })
                    .collect();
                Sorted { name: l.name, spans, reach }
            })
            .collect();
        HitIndex { layers }
    }

    /// The findings whose spans cover code point `pos`, in the layers
    /// `shown` accepts; innermost (shortest span) first, one hit per target.
    pub fn at(&self, pos: usize, shown: impl Fn(&str) -> bool) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for layer in self.layers.iter().filter(|l| shown(l.name)) {
            let mut i = layer.spans.partition_point(|&((s, _), _)| s <= pos);
            while i > 0 && layer.reach[i - 1] > pos {
                i -= 1;
                let ((s, e), target) = layer.spans[i];
                if s <= pos && pos < e {
                    hits.push(Hit { target, layer: layer.name, span: (s, e) });
                }
            }
        }
        hits.sort_by_key(|h| (h.span.1 - h.span.0, h.span.0));
        let mut seen = Vec::new();
        hits.retain(|h| {
            let new = !seen.contains(&h.target);
            seen.push(h.target);
            new
        });
        hits
    }

    /// The spans of layer `name`, sorted (for stepping through a category).
    pub fn spans(&self, name: &str) -> Vec<(usize, usize)> {
        self.layers.iter().filter(|l| l.name == name).flat_map(|l| l.spans.iter().map(|&(s, _)| s)).collect()
    }
}

/// The article byte at byte `node_byte` of text node `node`, when that
/// character was copied into the article (not for folded white space or
/// text outside the article). Pieces of one node are in text order.
pub fn article_byte(article: &Article, node: NodeId, node_byte: usize) -> Option<usize> {
    article
        .pieces
        .iter()
        .filter(|p| p.node == node)
        .find(|p| p.node_start <= node_byte && node_byte < p.node_start + (p.end - p.start))
        .map(|p| p.start + (node_byte - p.node_start))
}

/// A rectangle in viewport pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

/// Where a card of size `card` (w, h) goes for a highlight at `anchor`, in
/// a viewport of size `view`: below the anchor, or above when there is no
/// room below; its left edge under the anchor's; always fully on screen
/// (with a margin) when it fits at all.
pub fn place_card(anchor: Rect, card: (i32, i32), view: (i32, i32)) -> (i32, i32) {
    const GAP: i32 = 6;
    const MARGIN: i32 = 8;
    let (w, h) = card;
    let below = anchor.y + anchor.h + GAP;
    let above = anchor.y - GAP - h;
    let y = if below + h <= view.1 - MARGIN || above < MARGIN { below } else { above };
    let clamp = |v: i32, size: i32, max: i32| v.min(max - MARGIN - size).max(MARGIN);
    (clamp(anchor.x, w, view.0), clamp(y, h, view.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::ui::layers::layers;

    fn layer(name: &'static str, spans: &[(usize, usize)], base: usize) -> Layer {
        Layer {
            name,
            label: name,
            spans: spans.to_vec(),
            targets: (0..spans.len()).map(|i| Target::Quote(base + i)).collect(),
            priority: 0,
        }
    }

    #[test]
    fn finds_every_span_covering_a_point_innermost_first() {
        let idx =
            HitIndex::new(&[layer("a", &[(50, 60), (0, 100), (10, 20), (12, 15)], 0), layer("b", &[(5, 30)], 10)]);
        let targets = |pos| idx.at(pos, |_| true).iter().map(|h| h.target).collect::<Vec<_>>();
        assert_eq!(targets(13), vec![Target::Quote(3), Target::Quote(2), Target::Quote(10), Target::Quote(1)]);
        assert_eq!(targets(55), vec![Target::Quote(0), Target::Quote(1)]);
        assert_eq!(targets(100), vec![], "end exclusive");
        assert_eq!(targets(20), vec![Target::Quote(10), Target::Quote(1)]);
        // A hidden layer is not hit.
        assert_eq!(idx.at(13, |l| l != "a").len(), 1);
    }

    #[test]
    fn the_same_finding_twice_is_one_hit() {
        let mut l = layer("a", &[(0, 10), (2, 8)], 0);
        l.targets = vec![Target::Dispute(1), Target::Dispute(1)];
        let hits = HitIndex::new(&[l]).at(5, |_| true);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].span, (2, 8));
    }

    #[test]
    fn binary_search_agrees_with_a_scan_on_the_seed() {
        let a = analyze(include_str!("../../seeds/000_ef33c36d7de74af4.txt"));
        let ls = layers(&a);
        let idx = HitIndex::new(&ls);
        for pos in 0..a.text.chars().count() {
            let mut got: Vec<(&str, (usize, usize))> =
                idx.at(pos, |_| true).iter().map(|h| (h.layer, h.span)).collect();
            let mut want: Vec<(&str, (usize, usize))> = ls
                .iter()
                .flat_map(|l| l.spans.iter().filter(|&&(s, e)| s <= pos && pos < e).map(move |&s| (l.name, s)))
                .collect();
            got.sort();
            want.sort();
            want.dedup();
            // Dedup by target may drop a second span of the same finding.
            assert!(got.iter().all(|g| want.contains(g)), "at {pos}");
            assert_eq!(got.is_empty(), want.is_empty(), "at {pos}");
        }
    }

    #[test]
    fn maps_node_offsets_back_to_the_article() {
        use crate::article::Piece;
        let article = Article {
            text: "Hello world\nNext".into(),
            pieces: vec![
                Piece { start: 0, end: 5, node: 3, node_start: 2 },
                Piece { start: 6, end: 11, node: 3, node_start: 9 },
                Piece { start: 12, end: 16, node: 5, node_start: 0 },
            ],
            root: 0,
        };
        assert_eq!(article_byte(&article, 3, 2), Some(0));
        assert_eq!(article_byte(&article, 3, 10), Some(7));
        assert_eq!(article_byte(&article, 3, 7), None, "folded white space");
        assert_eq!(article_byte(&article, 5, 3), Some(15));
        assert_eq!(article_byte(&article, 4, 0), None);
    }

    #[test]
    fn cards_stay_on_screen() {
        let view = (800, 600);
        let r = |x, y| Rect { x, y, w: 40, h: 18 };
        assert_eq!(place_card(r(100, 100), (300, 200), view), (100, 124));
        // No room below: above.
        assert_eq!(place_card(r(100, 500), (300, 200), view), (100, 294));
        // Near the right edge: pulled left.
        assert_eq!(place_card(r(700, 100), (300, 200), view), (492, 124));
        // Bigger than the view: pinned to the margin.
        assert_eq!(place_card(r(10, 10), (900, 700), view), (8, 8));
    }
}
