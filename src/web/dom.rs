//! Reads the live DOM into the core's [`Tree`], and turns text offsets of the
//! core's [`Article`] back into DOM ranges.
//!
//! Never recursive (hostile pages nest deeply); never modifies the page.

use wasm_bindgen::JsCast;
use web_sys::{Document, Node, Range};

use crate::article::{Article, Element, NodeId, Tree};
use crate::text::offsets::byte_to_utf16;

/// Attributes the article detector looks at.
const KEPT_ATTRS: [&str; 8] = ["id", "class", "itemprop", "role", "hidden", "aria-hidden", "data-newsgloss", "rel"];

/// Elements whose content is never article text.
const SKIPPED: [&str; 8] = ["script", "style", "noscript", "template", "svg", "iframe", "canvas", "object"];

/// The page as a tree, with the DOM node behind every tree node.
pub struct DomTree {
    pub tree: Tree,
    /// `nodes[id]` is the DOM node of tree node `id`.
    pub nodes: Vec<Node>,
}

impl DomTree {
    /// Reads `document.body`; `None` when the page has no body yet.
    pub fn read(doc: &Document) -> Option<DomTree> {
        Some(DomTree::read_from(&doc.body()?.into()))
    }

    /// Reads the subtree under `body` (any element: tests use a fixture).
    pub fn read_from(body: &web_sys::Element) -> DomTree {
        let mut tree = Tree::new(element_of(body));
        let mut nodes: Vec<Node> = vec![body.clone().into()];
        // (DOM node, tree parent), children pushed in reverse so that they
        // come off the stack in document order.
        let mut stack: Vec<(Node, NodeId)> = Vec::new();
        push_children(&mut stack, body, Tree::ROOT);
        while let Some((node, parent)) = stack.pop() {
            match node.node_type() {
                Node::ELEMENT_NODE => {
                    // The node type says it is an element: no instanceof
                    // round trip.
                    let element = element_of(node.unchecked_ref::<web_sys::Element>());
                    if SKIPPED.contains(&element.tag.as_str()) || element.attr("data-newsgloss").is_some() {
                        continue;
                    }
                    let id = tree.push_element(parent, element);
                    nodes.push(node.clone());
                    push_children(&mut stack, &node, id);
                }
                Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                    let text = node.node_value().unwrap_or_default();
                    tree.push_text(parent, &text);
                    nodes.push(node);
                }
                _ => {}
            }
        }
        DomTree { tree, nodes }
    }

    /// A DOM range over article bytes `start..end`, or `None` when the span
    /// does not map onto the page (empty, or outside every text node).
    pub fn range(&self, doc: &Document, article: &Article, start: usize, end: usize) -> Option<Range> {
        let (s_node, s_byte) = article.locate(start)?;
        let (e_node, e_byte) = article.locate_end(end)?;
        let s_text = self.tree.text(s_node)?;
        let e_text = self.tree.text(e_node)?;
        let range = doc.create_range().ok()?;
        range.set_start(self.nodes.get(s_node)?, byte_to_utf16(s_text, s_byte) as u32).ok()?;
        range.set_end(self.nodes.get(e_node)?, byte_to_utf16(e_text, e_byte) as u32).ok()?;
        (!range.collapsed()).then_some(range)
    }
}

fn push_children(stack: &mut Vec<(Node, NodeId)>, node: &Node, parent: NodeId) {
    let start = stack.len();
    let mut child = node.first_child();
    while let Some(c) = child {
        child = c.next_sibling();
        stack.push((c, parent));
    }
    stack[start..].reverse();
}

/// The element's tag and the attributes the detector looks at. Calls into
/// the DOM are the cost of reading a page: most elements have no attributes
/// (one call says so), the others list their names once and only the kept
/// ones are fetched.
fn element_of(el: &web_sys::Element) -> Element {
    let mut element = Element::new(&el.local_name());
    if !el.has_attributes() {
        return element;
    }
    let names = el.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        if let Some(kept) = KEPT_ATTRS.iter().find(|k| **k == name) {
            if let Some(v) = el.get_attribute(kept) {
                element.attrs.push((kept.to_string(), v));
            }
        }
    }
    // The detector reads attributes by name, in no particular order, but
    // keep the old order (KEPT_ATTRS order) so trees compare equal.
    element.attrs.sort_by_key(|(n, _)| KEPT_ATTRS.iter().position(|k| k == n));
    element
}
