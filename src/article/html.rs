//! HTML text to [`Tree`]: the native face's way into article detection.
//!
//! In the browser the shell fills the tree from the live DOM; the CLI and the
//! measurements against saved pages have only HTML text, so this module
//! parses it (with `scraper`, i.e. html5ever, the same parsing algorithm as
//! browsers) and copies the parts detection looks at into a [`Tree`]. Native
//! only: the wasm build has a DOM and must not carry a second HTML parser.

use scraper::{ElementRef, Html, Node as HtmlNode};

use super::extract::{extract_with, Mode};
use super::tree::{Element, Tree};

/// The attributes worth copying: what detection and extraction read.
const KEPT_ATTRS: &[&str] = &["id", "class", "itemprop", "role", "hidden", "aria-hidden", "data-newsgloss"];

/// Parses a whole HTML document into a [`Tree`] rooted at its `<body>`.
///
/// Comments, the doctype and processing instructions are dropped; elements
/// keep their tag and the attributes in [`KEPT_ATTRS`]. Never fails: HTML
/// parsing recovers from any input (an empty string yields an empty body).
pub fn parse_html(html: &str) -> Tree {
    let doc = Html::parse_document(html);
    let root = doc.tree.root();
    // html5ever always creates <html> and <body>; look them up without
    // trusting that, and fall back to the <html> element (or nothing).
    let html_el = root.children().find(|c| c.value().as_element().is_some_and(|e| e.name() == "html"));
    let body = html_el.and_then(|h| h.children().find(|c| c.value().as_element().is_some_and(|e| e.name() == "body")));
    match body.or(html_el).and_then(ElementRef::wrap) {
        Some(start) => convert(start),
        None => Tree::new(Element::new("body")),
    }
}

/// All visible text of an HTML fragment, laid out as [`Article::text`]
/// (paragraphs separated by `\n`, white space folded), without the
/// boilerplate filtering that [`extract`] applies inside an article body.
///
/// [`Article::text`]: super::Article::text
/// [`extract`]: super::extract
pub fn html_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let root = doc.tree.root();
    // A fragment parses to a document-fragment node holding an <html> element.
    let start = root.children().find_map(ElementRef::wrap);
    let tree = match start {
        Some(start) => convert(start),
        None => return String::new(),
    };
    extract_with(&tree, Tree::ROOT, Mode::Visible).text
}

/// Copies the subtree at `start` (an element) into a new [`Tree`], without
/// recursion (pages nest deeply).
fn convert(start: ElementRef<'_>) -> Tree {
    let mut tree = Tree::new(copy_element(start.value()));
    // Stack of (scraper node, our parent id): children are pushed in reverse
    // so that they pop in document order.
    let mut stack = Vec::new();
    for child in start.children().rev() {
        stack.push((child, Tree::ROOT));
    }
    while let Some((node, parent)) = stack.pop() {
        match node.value() {
            HtmlNode::Text(text) => {
                tree.push_text(parent, &text.text);
            }
            HtmlNode::Element(el) => {
                let id = tree.push_element(parent, copy_element(el));
                for child in node.children().rev() {
                    stack.push((child, id));
                }
            }
            // Comments, doctype, processing instructions: not content.
            _ => {}
        }
    }
    tree
}

fn copy_element(el: &scraper::node::Element) -> Element {
    let mut element = Element::new(el.name());
    for (name, value) in el.attrs() {
        if KEPT_ATTRS.contains(&name) {
            element = element.with(name, value);
        }
    }
    element
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::NodeKind;

    #[test]
    fn parses_body_with_kept_attributes_only() {
        let tree = parse_html(
            "<!doctype html><html><head><title>T</title></head><body>\
             <!-- note --><div id=a class='x y' style='color:red' data-newsgloss>Hi</div></body></html>",
        );
        assert_eq!(tree.element(Tree::ROOT).map(|e| e.tag.as_str()), Some("body"));
        let div = tree.nodes[Tree::ROOT].children[0];
        let el = tree.element(div).map(|e| e.attrs.clone()).unwrap_or_default();
        assert_eq!(
            el,
            vec![
                ("class".to_string(), "x y".to_string()),
                ("data-newsgloss".to_string(), String::new()),
                ("id".to_string(), "a".to_string()),
            ]
        );
        // The comment is gone; the text is the div's only child.
        assert_eq!(tree.nodes[Tree::ROOT].children.len(), 1);
        assert_eq!(tree.nodes[div].children.len(), 1);
        assert!(matches!(&tree.nodes[tree.nodes[div].children[0]].kind, NodeKind::Text(t) if t == "Hi"));
    }

    #[test]
    fn odd_input_still_yields_a_body() {
        for html in ["", "plain text", "<p>unclosed <b>bold", "</body></html><p>", "\u{0}"] {
            let tree = parse_html(html);
            assert_eq!(tree.element(Tree::ROOT).map(|e| e.tag.as_str()), Some("body"), "{html:?}");
        }
        assert_eq!(parse_html("plain text").text(1), Some("plain text"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Spans, not divs: html5ever itself is slow on deeply nested divs.
        let html = "<span>".repeat(50_000) + "deep" + &"</span>".repeat(50_000);
        let tree = parse_html(&html);
        assert!(tree.nodes.iter().any(|n| matches!(&n.kind, NodeKind::Text(t) if t == "deep")));
    }

    #[test]
    fn html_text_keeps_all_visible_text() {
        let text = html_text(
            "<div><h2>Head</h2><p>One <em>two</em>\n  three</p><figure><figcaption>Cap</figcaption></figure>\
             <script>x()</script><p hidden>no</p></div>",
        );
        assert_eq!(text, "Head\nOne two three\nCap");
        assert_eq!(html_text(""), "");
    }
}
