//! The plan for drawing highlights without the CSS Custom Highlight API:
//! each touched text node is cut into segments at every highlight
//! boundary, and each marked segment is wrapped in the widget's own
//! elements, one per layer covering it, nested outermost (lowest paint
//! priority, longest span) first. Ranges are split at text-node boundaries
//! by construction. Pure, so the plan is tested natively; `web::fallback`
//! carries it out and undoes it exactly.

use std::collections::BTreeMap;

use crate::article::{Article, NodeId, Tree};
use crate::text::offsets::byte_to_utf16;
use crate::text::Offsets;

/// One layer to draw: its spans (code points) and paint priority.
#[derive(Debug, Clone, Copy)]
pub struct MarkLayer<'a> {
    pub spans: &'a [(usize, usize)],
    pub priority: i32,
}

/// One wrapper element: which layer and which of its spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub layer: usize,
    pub span: usize,
}

/// A piece of a text node, in UTF-16 units of the node's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: u32,
    pub end: u32,
    /// Outermost first; empty for text left as it is.
    pub marks: Vec<Mark>,
}

/// How one text node is cut: segments covering its whole data in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePlan {
    pub node: NodeId,
    pub segments: Vec<Segment>,
}

/// A span's part inside one text node: (start byte, end byte in the node's
/// data, the mark, its layer's priority, the whole span's length).
type Cut = (usize, usize, Mark, i32, usize);

/// The plan for every text node some span touches, in document order.
pub fn plan(tree: &Tree, article: &Article, layers: &[MarkLayer]) -> Vec<NodePlan> {
    let offsets = Offsets::new(&article.text);
    let mut touched: BTreeMap<NodeId, Vec<Cut>> = BTreeMap::new();
    for (l, layer) in layers.iter().enumerate() {
        for (k, &(s, e)) in layer.spans.iter().enumerate() {
            let (Some(a), Some(b)) = (offsets.char_to_byte(s), offsets.char_to_byte(e)) else { continue };
            let first = article.pieces.partition_point(|p| p.end <= a);
            for p in article.pieces[first..].iter().take_while(|p| p.start < b) {
                let (from, to) = (a.max(p.start), b.min(p.end));
                if from < to {
                    let base = p.node_start;
                    let mark = Mark { layer: l, span: k };
                    touched.entry(p.node).or_default().push((
                        base + from - p.start,
                        base + to - p.start,
                        mark,
                        layer.priority,
                        e - s,
                    ));
                }
            }
        }
    }
    touched
        .into_iter()
        .filter_map(|(node, mut cuts)| {
            let text = tree.text(node)?;
            cuts.sort_by_key(|&(_, _, m, priority, len)| (priority, std::cmp::Reverse(len), m.layer, m.span));
            let mut bounds: Vec<usize> = cuts.iter().flat_map(|&(s, e, ..)| [s, e]).chain([0, text.len()]).collect();
            bounds.sort_unstable();
            bounds.dedup();
            let segments = bounds
                .windows(2)
                .map(|w| Segment {
                    start: byte_to_utf16(text, w[0]) as u32,
                    end: byte_to_utf16(text, w[1]) as u32,
                    marks: cuts.iter().filter(|&&(s, e, ..)| s <= w[0] && w[1] <= e).map(|c| c.2).collect(),
                })
                .collect();
            Some(NodePlan { node, segments })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{extract, Element};

    /// <body><p>Mr 😀 Baker said "no deal".</p><p>Gorbachev <b>agreed</b>.</p></body>
    fn page() -> (Tree, Article) {
        let mut t = Tree::new(Element::new("body"));
        let p1 = t.push_element(0, Element::new("p"));
        t.push_text(p1, "Mr 😀 Baker said \"no deal\".");
        let p2 = t.push_element(0, Element::new("p"));
        t.push_text(p2, "Gorbachev ");
        let b = t.push_element(p2, Element::new("b"));
        t.push_text(b, "agreed");
        t.push_text(p2, ".");
        let a = extract(&t, 0);
        (t, a)
    }

    fn chars(a: &Article, needle: &str) -> (usize, usize) {
        let start = a.text[..a.text.find(needle).unwrap()].chars().count();
        (start, start + needle.chars().count())
    }

    #[test]
    fn overlapping_layers_nest_and_segments_cover_each_node() {
        let (t, a) = page();
        let actors = [chars(&a, "Baker")];
        let claims = [chars(&a, "Baker said \"no deal\"")];
        let layers = [MarkLayer { spans: &actors, priority: 3 }, MarkLayer { spans: &claims, priority: 1 }];
        let p = plan(&t, &a, &layers);
        assert_eq!(p.len(), 1);
        let node = &p[0];
        // "Mr 😀 " is 6 UTF-16 units (the emoji is two).
        let cuts: Vec<(u32, u32, Vec<Mark>)> =
            node.segments.iter().map(|s| (s.start, s.end, s.marks.clone())).collect();
        let claim = Mark { layer: 1, span: 0 };
        let actor = Mark { layer: 0, span: 0 };
        assert_eq!(cuts, vec![(0, 6, vec![]), (6, 11, vec![claim, actor]), (11, 26, vec![claim]), (26, 27, vec![])]);
    }

    #[test]
    fn a_span_across_elements_is_split_at_text_nodes() {
        let (t, a) = page();
        let quotes = [chars(&a, "Gorbachev agreed")];
        let p = plan(&t, &a, &[MarkLayer { spans: &quotes, priority: 2 }]);
        let marked: Vec<(NodeId, String)> = p
            .iter()
            .flat_map(|n| {
                let text: Vec<u16> = t.text(n.node).unwrap().encode_utf16().collect();
                n.segments
                    .iter()
                    .filter(|s| !s.marks.is_empty())
                    .map(move |s| (n.node, String::from_utf16_lossy(&text[s.start as usize..s.end as usize])))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(marked.iter().map(|m| m.1.as_str()).collect::<Vec<_>>(), ["Gorbachev ", "agreed"]);
        assert!(marked[0].0 < marked[1].0, "document order");
        // Every plan covers its node's whole text, without gaps.
        for n in &p {
            let len = t.text(n.node).unwrap().encode_utf16().count() as u32;
            assert_eq!(n.segments.first().unwrap().start, 0);
            assert_eq!(n.segments.last().unwrap().end, len);
            assert!(n.segments.windows(2).all(|w| w[0].end == w[1].start && w[0].start < w[0].end));
        }
    }

    #[test]
    fn no_spans_no_plan() {
        let (t, a) = page();
        assert!(plan(&t, &a, &[MarkLayer { spans: &[], priority: 0 }]).is_empty());
    }
}
