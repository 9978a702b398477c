//! The page's body text as readers' annotations see it: every text node
//! under `<body>` (its text content), read fresh when needed, and the DOM
//! side of the offset conversions whose arithmetic lives in
//! [`crate::article::body`].
//!
//! Never modifies the page.

use wasm_bindgen::JsCast;
use web_sys::{Document, Node, Range};

use crate::article::body::{concat, BodyText};

/// `NodeFilter.SHOW_TEXT`.
const SHOW_TEXT: u32 = 4;

/// The body's text nodes, their text concatenated, and their lengths.
pub struct Body {
    pub nodes: Vec<Node>,
    pub text: String,
    pub lens: Vec<usize>,
    /// Node → its index in `nodes` (JS identity keys).
    index: js_sys::Map,
}

impl Body {
    /// Reads `document.body`'s text nodes in document order (an empty body
    /// when there is none).
    pub fn read(doc: &Document) -> Body {
        let mut nodes = Vec::new();
        let mut texts = Vec::new();
        if let Some(walker) = doc.body().and_then(|b| doc.create_tree_walker_with_what_to_show(&b, SHOW_TEXT).ok()) {
            while let Ok(Some(n)) = walker.next_node() {
                texts.push(n.node_value().unwrap_or_default());
                nodes.push(n);
            }
        }
        let (text, lens) = concat(texts.iter().map(String::as_str));
        let index = js_sys::Map::new();
        for (i, n) in nodes.iter().enumerate() {
            index.set(n, &(i as u32).into());
        }
        Body { nodes, text, lens, index }
    }

    /// Conversions over this text.
    pub fn view(&self) -> BodyText<'_> {
        BodyText::new(&self.text, &self.lens)
    }

    /// The index of text node `node`, if it is one of the body's.
    pub fn index_of(&self, node: &Node) -> Option<usize> {
        self.index.get(node).as_f64().map(|f| f as usize)
    }

    /// The body offset (code points) of a DOM boundary point. Element
    /// points (a selection by triple click) count the text before them.
    pub fn char_at(&self, view: &BodyText, doc: &Document, node: &Node, offset: u32) -> Option<usize> {
        if let Some(i) = self.index_of(node) {
            return view.char_of(i, offset as usize);
        }
        // An element boundary: the text content from the body's start to
        // the point (rare: only on clicks and triple clicks).
        let body = doc.body()?;
        let r = doc.create_range().ok()?;
        r.set_start(&body, 0).ok()?;
        r.set_end(node, offset).ok()?;
        let units = String::from(r.to_string()).encode_utf16().count();
        crate::text::offsets::utf16_to_byte(&self.text, units).map(|b| self.text[..b].chars().count())
    }

    /// The body span of a DOM range, when both ends are in the body.
    pub fn span_of(&self, doc: &Document, range: &Range) -> Option<(usize, usize)> {
        let view = self.view();
        let s = self.char_at(&view, doc, &range.start_container().ok()?, range.start_offset().ok()?)?;
        let e = self.char_at(&view, doc, &range.end_container().ok()?, range.end_offset().ok()?)?;
        view.trim(s, e)
    }

    /// A DOM range over body span `[start, end)`, if it maps onto text.
    pub fn range(&self, view: &BodyText, doc: &Document, start: usize, end: usize) -> Option<Range> {
        let (sn, so) = view.start_point(start)?;
        let (en, eo) = view.end_point(end)?;
        let r = doc.create_range().ok()?;
        r.set_start(self.nodes.get(sn)?, so as u32).ok()?;
        r.set_end(self.nodes.get(en)?, eo as u32).ok()?;
        (!r.collapsed()).then_some(r)
    }

    /// For each tree node of `dom` (the article reader's), the body node it
    /// is, when it is a text node of the body.
    pub fn tree_map(&self, dom_nodes: &[Node]) -> Vec<Option<usize>> {
        dom_nodes.iter().map(|n| if n.node_type() == Node::TEXT_NODE { self.index_of(n) } else { None }).collect()
    }

    /// Whether `node` is inside the page's body (not in the widget, which
    /// lives outside it).
    pub fn contains(doc: &Document, node: &Node) -> bool {
        doc.body().is_some_and(|b| b.unchecked_ref::<Node>().contains(Some(node)))
    }
}
