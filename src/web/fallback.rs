//! Highlights without the CSS Custom Highlight API: the plan of
//! `ui::marks` carried out with the widget's own inline elements
//! (`<newsgloss-mark>`, inline styles), and undone exactly.
//!
//! Each touched text node keeps its identity: it is cut to its first
//! segment, the rest of its text goes into new text nodes, and the marked
//! segments are wrapped. Undoing puts the original node back where it was
//! with its original data and removes everything added, so the host DOM
//! afterwards equals the DOM before, node for node (no `normalize`, which
//! would also merge text nodes the page had kept apart).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Node, Range, Text};

use super::dom::DomTree;
use super::view::Page;
use crate::article::{Article, NodeId};
use crate::text::offsets::byte_to_utf16;
use crate::ui::marks::{plan, MarkLayer};

/// The element the marks are made of.
pub const MARK_TAG: &str = "newsgloss-mark";

/// One text node as cut: the original node, its data, the top-level
/// nodes now standing in its place, and where each piece of its text went.
struct Cut {
    original: Text,
    data: String,
    tops: Vec<Node>,
    /// (UTF-16 start in the original data, the text node holding it).
    pieces: Vec<(u32, Text)>,
}

/// A layer to draw: (name, code-point spans, paint priority).
pub type Shown = (String, Vec<(usize, usize)>, i32);

pub struct Fallback {
    doc: Document,
    /// The layers shown: (name, spans, priority), in the order shown.
    layers: Vec<Shown>,
    cuts: Vec<Cut>,
    /// Tree id -> index in `cuts`.
    by_id: std::collections::HashMap<NodeId, usize>,
    /// Piece text node -> (tree id, UTF-16 base) as an index into `origins`.
    pieces: js_sys::Map,
    origins: Vec<(NodeId, u32)>,
}

impl Fallback {
    pub fn new(doc: &Document) -> Fallback {
        Fallback {
            doc: doc.clone(),
            layers: Vec::new(),
            cuts: Vec::new(),
            by_id: Default::default(),
            pieces: js_sys::Map::new(),
            origins: Vec::new(),
        }
    }

    /// Whether marks are on the page.
    pub fn active(&self) -> bool {
        !self.cuts.is_empty()
    }

    /// Shows layer `name` with `spans` (replacing what it had) and redraws.
    pub fn show(&mut self, page: &Page, name: &str, spans: &[(usize, usize)], priority: i32) {
        match self.layers.iter_mut().find(|l| l.0 == name) {
            Some(l) => {
                l.1 = spans.to_vec();
                l.2 = priority;
            }
            None => self.layers.push((name.to_string(), spans.to_vec(), priority)),
        }
        self.redraw(page);
    }

    pub fn hide(&mut self, page: &Page, name: &str) {
        let before = self.layers.len();
        self.layers.retain(|l| l.0 != name);
        if self.layers.len() != before {
            self.redraw(page);
        }
    }

    /// Adds several layers and draws once.
    pub fn show_all(&mut self, page: &Page, layers: Vec<Shown>) {
        self.layers.extend(layers);
        self.redraw(page);
    }

    fn redraw(&mut self, page: &Page) {
        self.undo();
        let mark_layers: Vec<MarkLayer> =
            self.layers.iter().map(|(_, spans, priority)| MarkLayer { spans, priority: *priority }).collect();
        for node_plan in plan(&page.dom.tree, &page.article, &mark_layers) {
            let (Some(node), Some(data)) = (page.dom.nodes.get(node_plan.node), page.dom.tree.text(node_plan.node))
            else {
                continue;
            };
            let (Some(original), Some(parent)) = (node.dyn_ref::<Text>(), node.parent_node()) else { continue };
            // The page changed this node since it was read: leave it alone.
            if original.data() != data {
                continue;
            }
            let units: Vec<u16> = data.encode_utf16().collect();
            let slice =
                |s: u32, e: u32| String::from_utf16_lossy(units.get(s as usize..e as usize).unwrap_or_default());
            let mut cut =
                Cut { original: original.clone(), data: data.to_string(), tops: Vec::new(), pieces: Vec::new() };
            let after = node.next_sibling();
            for (k, seg) in node_plan.segments.iter().enumerate() {
                let text = if k == 0 {
                    original.set_data(&slice(seg.start, seg.end));
                    original.clone()
                } else {
                    self.doc.create_text_node(&slice(seg.start, seg.end))
                };
                let mut top: Node = text.clone().into();
                for m in seg.marks.iter().rev() {
                    let Ok(el) = self.doc.create_element(MARK_TAG) else { continue };
                    let name = &self.layers[m.layer].0;
                    let _ = el.set_attribute("data-l", name);
                    let _ = el.set_attribute("data-i", &m.span.to_string());
                    let _ = el.set_attribute("style", style(name));
                    let _ = el.append_child(&top);
                    top = el.into();
                }
                let _ = parent.insert_before(&top, after.as_ref());
                self.pieces.set(&text, &JsValue::from(self.origins.len() as u32));
                self.origins.push((node_plan.node, seg.start));
                cut.pieces.push((seg.start, text));
                cut.tops.push(top);
            }
            self.by_id.insert(node_plan.node, self.cuts.len());
            self.cuts.push(cut);
        }
    }

    /// Takes every mark off: each original text node back in its place
    /// with its own data, everything added removed.
    fn undo(&mut self) {
        for cut in self.cuts.drain(..).rev() {
            let original: Node = cut.original.clone().into();
            cut.original.set_data(&cut.data);
            if let Some(first) = cut.tops.first() {
                if let Some(parent) = first.parent_node() {
                    if *first != original {
                        let _ = parent.insert_before(&original, Some(first));
                    }
                }
            }
            for top in cut.tops.iter().filter(|t| **t != original) {
                if let Some(parent) = top.parent_node() {
                    let _ = parent.remove_child(top);
                }
            }
        }
        self.by_id.clear();
        self.pieces.clear();
        self.origins.clear();
    }

    /// Removes every mark and forgets the layers.
    pub fn clear(&mut self) {
        self.undo();
        self.layers.clear();
    }

    /// Where a piece of text came from: (tree id, UTF-16 offset of the
    /// piece in the original node's data).
    pub fn origin(&self, node: &Node) -> Option<(NodeId, u32)> {
        let i = self.pieces.get(node).as_f64()? as usize;
        self.origins.get(i).copied()
    }

    /// A DOM range over article bytes `start..end` while the marks are on
    /// the page (positions looked up in the pieces).
    pub fn range(&self, doc: &Document, dom: &DomTree, article: &Article, start: usize, end: usize) -> Option<Range> {
        let point = |(id, byte): (NodeId, usize), end: bool| -> Option<(Node, u32)> {
            let unit = byte_to_utf16(dom.tree.text(id)?, byte) as u32;
            match self.by_id.get(&id).and_then(|&i| self.cuts.get(i)) {
                Some(cut) => {
                    let k = cut.pieces.partition_point(|(s, _)| if end { *s < unit } else { *s <= unit });
                    let (s, text) = cut.pieces.get(k.max(1) - 1)?;
                    Some((text.clone().into(), unit - s))
                }
                None => Some((dom.nodes.get(id)?.clone(), unit)),
            }
        };
        let (s_node, s_off) = point(article.locate(start)?, false)?;
        let (e_node, e_off) = point(article.locate_end(end)?, true)?;
        let range = doc.create_range().ok()?;
        range.set_start(&s_node, s_off).ok()?;
        range.set_end(&e_node, e_off).ok()?;
        (!range.collapsed()).then_some(range)
    }
}

impl Drop for Fallback {
    fn drop(&mut self) {
        self.undo();
    }
}

/// Inline styles for a layer's marks (the page cannot be given a stylesheet
/// that styles `::highlight`, and inline styles need none): the same line
/// styles as `highlights.css`, never colour alone.
fn style(layer: &str) -> &'static str {
    match layer {
        "actor-person" => {
            "text-decoration:underline solid rgb(176,48,36);text-decoration-thickness:2px;text-underline-offset:3px"
        }
        "actor-organization" => "text-decoration:underline double rgb(24,92,176);text-underline-offset:3px",
        "actor-place" => {
            "text-decoration:underline dashed rgb(30,116,76);text-decoration-thickness:2px;text-underline-offset:3px"
        }
        "actor-group" => {
            "text-decoration:underline dotted rgb(120,72,168);text-decoration-thickness:2px;text-underline-offset:3px"
        }
        "quote-direct" => "background-color:rgba(255,184,0,.28)",
        "quote-partial" => "background-color:rgba(90,140,255,.22)",
        "quote-scare" => "background-color:rgba(128,128,128,.18);text-decoration:line-through rgba(110,110,110,.55)",
        "claim" => "background-color:rgba(220,60,60,.10);text-decoration:overline solid rgba(200,40,40,.8)",
        "position" => "background-color:rgba(40,150,140,.10);text-decoration:overline dashed rgba(20,120,110,.8)",
        "focus" => "background-color:rgba(40,120,255,.34)",
        "flash" => "background-color:rgba(255,214,0,.7)",
        _ => "",
    }
}
