//! A small document tree: the only view of a page the article detector gets.
//!
//! The browser shell fills it from the live DOM, the CLI from parsed HTML; the
//! detector never knows which. It keeps just what detection needs (tag, id,
//! class, a few attributes, text), so that filling it is cheap and the
//! detector stays pure and testable with hand-written fixtures.

/// Index of a node in [`Tree::nodes`].
pub type NodeId = usize;

/// An element's name and the attributes detection looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// Lower-case tag name (`p`, `article`, ...).
    pub tag: String,
    /// Other attributes worth keeping (`id`, `class`, `itemprop`, `role`,
    /// `hidden`, `aria-hidden`, `rel`, `href`, ...), names lower-case.
    pub attrs: Vec<(String, String)>,
}

impl Element {
    pub fn new(tag: &str) -> Self {
        Element { tag: tag.to_ascii_lowercase(), attrs: Vec::new() }
    }

    /// Builder: adds an attribute.
    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.attrs.push((name.to_ascii_lowercase(), value.to_string()));
        self
    }

    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    Element(Element),
    /// A text node's data, exactly as in the document.
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
}

/// An arena of nodes; node 0 is the root element (usually `body`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    /// A tree holding just its root element.
    pub fn new(root: Element) -> Self {
        Tree { nodes: vec![Node { kind: NodeKind::Element(root), parent: None, children: Vec::new() }] }
    }

    pub const ROOT: NodeId = 0;

    /// Appends an element under `parent` and returns its id.
    pub fn push_element(&mut self, parent: NodeId, element: Element) -> NodeId {
        self.push(parent, NodeKind::Element(element))
    }

    /// Appends a text node under `parent` and returns its id.
    pub fn push_text(&mut self, parent: NodeId, text: &str) -> NodeId {
        self.push(parent, NodeKind::Text(text.to_string()))
    }

    fn push(&mut self, parent: NodeId, kind: NodeKind) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node { kind, parent: Some(parent), children: Vec::new() });
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children.push(id);
        }
        id
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes.get(id)?.kind {
            NodeKind::Element(e) => Some(e),
            NodeKind::Text(_) => None,
        }
    }

    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes.get(id)?.kind {
            NodeKind::Text(t) => Some(t),
            NodeKind::Element(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_parent_and_child_links() {
        let mut t = Tree::new(Element::new("BODY"));
        let p = t.push_element(Tree::ROOT, Element::new("p").with("Class", "lead"));
        let x = t.push_text(p, "Hello");
        assert_eq!(t.nodes[Tree::ROOT].children, vec![p]);
        assert_eq!(t.nodes[x].parent, Some(p));
        assert_eq!(t.element(p).and_then(|e| e.attr("class")), Some("lead"));
        assert_eq!(t.element(Tree::ROOT).map(|e| e.tag.as_str()), Some("body"));
        assert_eq!(t.text(x), Some("Hello"));
    }
}
