//! The chosen body as plain text, with a map back to the tree's text nodes.
//!
//! Analysis works on plain text; the widget draws its findings on the page.
//! This module produces the one from the other and remembers, for every run
//! of text, which text node (and where in it) the run was copied from, so
//! that any text range can be turned back into a DOM range
//! ([`Article::locate`], [`Article::locate_end`]).
//!
//! Layout follows what a browser renders for normal text: block elements
//! make paragraphs (joined by a single `\n`), inline elements do not break
//! text, runs of ASCII white space fold to one space (U+00A0 is not white
//! space here), paragraphs are trimmed, and `<pre>` keeps its white space.

use super::hints;
use super::tree::{NodeId, NodeKind, Tree};
use super::{Article, Piece};

/// What to leave out besides what is never rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// An article body: also drop furniture (navigation, asides, forms,
    /// figures, comments, ads, share bars, related links, captions, bylines,
    /// sign-ups) and what is hidden from assistive technology.
    Article,
    /// Everything a reader sees (used to read expected texts, native only).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    Visible,
}

/// The plain text of the article body at `root`, furniture left out.
pub fn extract(tree: &Tree, root: NodeId) -> Article {
    extract_with(tree, root, Mode::Article)
}

pub(crate) fn extract_with(tree: &Tree, root: NodeId, mode: Mode) -> Article {
    let mut out = Builder::new(tree);
    // Explicit stack, not recursion: pages nest deeply. `seen` makes the walk
    // linear even for a malformed tree that lists a node twice.
    let mut seen = vec![false; tree.nodes.len()];
    let mut stack = vec![Step::Enter(root)];
    while let Some(step) = stack.pop() {
        let id = match step {
            Step::Enter(id) => id,
            Step::Leave { block, pre } => {
                if pre {
                    out.pre_depth = out.pre_depth.saturating_sub(1);
                }
                if block {
                    out.boundary();
                }
                continue;
            }
        };
        let (Some(node), Some(slot)) = (tree.nodes.get(id), seen.get_mut(id)) else {
            continue;
        };
        if std::mem::replace(slot, true) {
            continue;
        }
        let el = match &node.kind {
            NodeKind::Text(data) => {
                out.text_node(id, data);
                continue;
            }
            NodeKind::Element(el) => el,
        };
        if hints::is_unrendered(el, mode == Mode::Article) {
            continue;
        }
        if mode == Mode::Article
            && id != root
            && (hints::is_furniture_tag(&el.tag) || hints::is_furniture_role(el) || hints::is_excluded_by_name(el))
        {
            continue;
        }
        let block = hints::is_block(&el.tag);
        if block {
            out.boundary();
        }
        let pre = matches!(el.tag.as_str(), "pre" | "listing" | "xmp" | "plaintext" | "textarea");
        if pre {
            out.pre_depth += 1;
        }
        stack.push(Step::Leave { block, pre });
        stack.extend(node.children.iter().rev().map(|&c| Step::Enter(c)));
    }
    Article { text: out.text, pieces: out.pieces, root }
}

enum Step {
    Enter(NodeId),
    Leave { block: bool, pre: bool },
}

/// Accumulates text and pieces, folding white space as it goes.
struct Builder<'t> {
    tree: &'t Tree,
    text: String,
    pieces: Vec<Piece>,
    /// The current paragraph has visible text.
    in_paragraph: bool,
    /// A paragraph ended since the last text: the next text starts with `\n`.
    need_separator: bool,
    /// White space seen after the paragraph's last text, not yet written:
    /// (node, start, end) spans of node data. Written (folded, or verbatim
    /// in `<pre>`) only if more text follows in the same paragraph.
    pending: Vec<(NodeId, usize, usize)>,
    pre_depth: usize,
}

impl<'t> Builder<'t> {
    fn new(tree: &'t Tree) -> Self {
        Builder {
            tree,
            text: String::new(),
            pieces: Vec::new(),
            in_paragraph: false,
            need_separator: false,
            pending: Vec::new(),
            pre_depth: 0,
        }
    }

    /// A block boundary: ends the current paragraph, dropping its trailing
    /// white space.
    fn boundary(&mut self) {
        if self.in_paragraph {
            self.need_separator = true;
        }
        self.in_paragraph = false;
        self.pending.clear();
    }

    fn text_node(&mut self, node: NodeId, data: &str) {
        let bytes = data.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let ws = bytes[i].is_ascii_whitespace();
            let mut j = i + 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() == ws {
                j += 1;
            }
            // ASCII bytes never occur inside a multi-byte UTF-8 sequence, so
            // i and j are char boundaries.
            if ws {
                if self.in_paragraph {
                    self.pending.push((node, i, j));
                }
            } else if let Some(run) = data.get(i..j) {
                self.flush_pending();
                self.copy(node, i, run);
                self.in_paragraph = true;
            }
            i = j;
        }
    }

    /// Writes the white space pending before more text in the same
    /// paragraph: verbatim inside `<pre>`, else folded to one space standing
    /// for the run's first char (a verbatim copy, hence covered by a piece,
    /// only when that char is a space).
    fn flush_pending(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        let tree = self.tree;
        let span = |&(node, start, end): &(NodeId, usize, usize)| tree.text(node).and_then(|t| t.get(start..end));
        if self.pre_depth > 0 {
            for p in &pending {
                if let Some(s) = span(p) {
                    self.copy(p.0, p.1, s);
                }
            }
        } else if let Some(first) = pending.first() {
            if span(first).is_some_and(|s| s.starts_with(' ')) {
                self.copy(first.0, first.1, " ");
            } else {
                self.text.push(' ');
            }
        }
        // Keep the allocation for the next run.
        pending.clear();
        self.pending = pending;
    }

    /// Appends `run`, a verbatim copy of `node`'s data from `node_start`,
    /// extending the last piece when it continues it.
    fn copy(&mut self, node: NodeId, node_start: usize, run: &str) {
        if self.need_separator && !self.text.is_empty() {
            self.text.push('\n');
        }
        self.need_separator = false;
        let start = self.text.len();
        self.text.push_str(run);
        let end = self.text.len();
        if let Some(last) = self.pieces.last_mut() {
            if last.node == node && last.end == start && last.node_start + (last.end - last.start) == node_start {
                last.end = end;
                return;
            }
        }
        self.pieces.push(Piece { start, end, node, node_start });
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::article::html::parse_html;

    /// The contract with the shell: pieces in order, not overlapping, each a
    /// verbatim copy of its node's data; what no piece covers is a paragraph
    /// separator or a folded space.
    fn check_pieces(tree: &Tree, a: &Article) {
        let mut covered = vec![false; a.text.len()];
        let mut last_end = 0;
        for p in &a.pieces {
            assert!(p.start < p.end, "{p:?}");
            assert!(p.start >= last_end, "overlap or disorder at {p:?}");
            last_end = p.end;
            let data = tree.text(p.node).unwrap_or_default();
            assert_eq!(
                a.text.get(p.start..p.end),
                data.get(p.node_start..p.node_start + (p.end - p.start)),
                "piece {p:?} is not a copy"
            );
            covered[p.start..p.end].iter_mut().for_each(|c| *c = true);
        }
        for (i, b) in a.text.bytes().enumerate() {
            assert!(covered[i] || b == b'\n' || b == b' ', "byte {i} ({b:?}) uncovered in {:?}", a.text);
        }
        // Adjacent pieces from one node are merged when contiguous there.
        for w in a.pieces.windows(2) {
            let contiguous = w[0].end == w[1].start
                && w[0].node == w[1].node
                && w[0].node_start + (w[0].end - w[0].start) == w[1].node_start;
            assert!(!contiguous, "pieces not maximal: {w:?}");
        }
    }

    fn body(html: &str) -> (Tree, Article) {
        let tree = parse_html(html);
        let a = extract(&tree, Tree::ROOT);
        check_pieces(&tree, &a);
        (tree, a)
    }

    fn node_text(tree: &Tree, p: &Piece) -> String {
        tree.text(p.node).unwrap_or_default().to_string()
    }

    #[test]
    fn inline_elements_do_not_break_text() {
        let (tree, a) = body("<p>Hel<b>lo</b> wor<a>l</a>d</p>");
        assert_eq!(a.text, "Hello world");
        let spans: Vec<_> = a.pieces.iter().map(|p| (&a.text[p.start..p.end], node_text(&tree, p))).collect();
        assert_eq!(
            spans,
            [("Hel", "Hel".into()), ("lo", "lo".into()), (" wor", " wor".into()), ("l", "l".into()), ("d", "d".into())]
        );
    }

    #[test]
    fn white_space_folds_across_inline_boundaries() {
        let (tree, a) = body("<p>a <b> b</b>\t\n c</p>");
        assert_eq!(a.text, "a b c");
        // The kept space is the run's first char: the one in "a ".
        assert_eq!((a.pieces[0].start, a.pieces[0].end, a.pieces[0].node_start), (0, 2, 0));
        assert_eq!(node_text(&tree, &a.pieces[0]), "a ");
        // " b" loses its leading space; "b" starts at 1 in its node.
        assert_eq!((a.pieces[1].start, a.pieces[1].end, a.pieces[1].node_start), (2, 3, 1));
        // "\t\n c": the run starts with a tab, so the space copies nothing.
        assert_eq!(&a.text[3..4], " ");
        assert!(a.pieces.iter().all(|p| !(p.start..p.end).contains(&3)));
        assert_eq!((a.pieces[2].start, a.pieces[2].node_start), (4, 3));
    }

    #[test]
    fn paragraphs_are_trimmed_and_never_empty() {
        let (_, a) = body(
            "<div>  One <p> Two </p> Three<br>Four<br><br>\n<ul><li> Five</li><li> </li></ul><p>&#32;</p>\
             <table><tr><td>Six</td><td>Seven</td></tr></table>  </div>",
        );
        assert_eq!(a.text, "One\nTwo\nThree\nFour\nFive\nSix\nSeven");
        let (_, empty) = body("<p> </p><div>\n\t</div><br>");
        assert_eq!(empty.text, "");
        assert!(empty.pieces.is_empty());
    }

    #[test]
    fn nbsp_is_kept_as_a_character() {
        let (_, a) = body("<p>&nbsp;a&nbsp;&nbsp;b &nbsp; c&nbsp;</p>");
        assert_eq!(a.text, "\u{a0}a\u{a0}\u{a0}b \u{a0} c\u{a0}");
        assert_eq!(a.pieces.len(), 1);
    }

    #[test]
    fn astral_characters_map_back_exactly() {
        let (tree, a) = body("<p>Zoë 👩‍👩‍👧 <i>𝔘</i>nicode  𝒜 \u{1F600}!</p><p>日本語, <b>テキスト</b></p>");
        assert_eq!(a.text, "Zoë 👩‍👩‍👧 𝔘nicode 𝒜 \u{1F600}!\n日本語, テキスト");
        for p in &a.pieces {
            assert!(a.text.is_char_boundary(p.start) && a.text.is_char_boundary(p.end));
            let data = node_text(&tree, p);
            assert!(data.is_char_boundary(p.node_start));
        }
        // The 𝔘 (4 bytes) is its own node.
        let u = a.text.find('𝔘').unwrap_or(usize::MAX);
        let (node, at) = a.locate(u).unwrap_or_default();
        assert_eq!((tree.text(node), at), (Some("𝔘"), 0));
        let (node, at) = a.locate_end(u + 4).unwrap_or_default();
        assert_eq!((tree.text(node), at), (Some("𝔘"), 4));
        assert_eq!(a.locate(u + 1), None, "not a char boundary");
    }

    #[test]
    fn pre_keeps_its_white_space() {
        let (_, a) = body("<p>x   y</p><pre>  fn  main() {\n    go();\n}  </pre><p>z</p>");
        assert_eq!(a.text, "x y\nfn  main() {\n    go();\n}\nz");
    }

    #[test]
    fn unrendered_and_furniture_are_left_out() {
        let (_, a) = body(
            "<article class='article-body headline'>\
               <p>Kept <span class='download'>one</span>.</p>\
               <script>var x = 1;</script><style>p{}</style><noscript>NS</noscript><template>T</template>\
               <p hidden>Hidden</p><p aria-hidden='true'>Aria</p><div data-newsgloss>Widget</div>\
               <nav>Nav</nav><aside>Aside</aside><footer>Foot</footer><form><p>Form</p></form>\
               <button>Btn</button><figure><img><figcaption>Cap</figcaption></figure>\
               <div class='ad'>Ad</div><div class='share-bar'>Share</div><div id='comments'>Comment</div>\
               <p class='byline'>By Someone</p><ul class='related-links'><li>Rel</li></ul>\
               <div class='newsletterSignup'>News</div><span class='sr-only'>SR</span>\
               <p class='shadow-box'>Kept two</p>\
             </article>",
        );
        assert_eq!(a.text, "Kept one.\nKept two");
    }

    #[test]
    fn visible_mode_keeps_furniture_but_not_hidden_text() {
        let tree = parse_html("<p>A</p><figure><figcaption>Cap</figcaption></figure><nav>N</nav><p hidden>H</p>");
        assert_eq!(extract_with(&tree, Tree::ROOT, Mode::Visible).text, "A\nCap\nN");
        assert_eq!(extract(&tree, Tree::ROOT).text, "A");
    }

    #[test]
    fn the_root_itself_is_never_filtered_by_name() {
        let tree = parse_html("<div class='comments'><p>Only this</p></div>");
        let div = tree.nodes[Tree::ROOT].children[0];
        assert_eq!(extract(&tree, div).text, "Only this");
    }

    #[test]
    fn malformed_trees_do_not_panic() {
        let mut tree = Tree::new(crate::article::Element::new("body"));
        let t = tree.push_text(Tree::ROOT, "twice");
        // A node listed twice and a dangling child id.
        tree.nodes[Tree::ROOT].children.extend([t, 999]);
        let a = extract(&tree, Tree::ROOT);
        assert_eq!(a.text, "twice");
        assert_eq!(extract(&tree, 12345).text, "");
    }

    #[test]
    fn deep_and_wide_trees_are_fine() {
        // 100,000 nested elements: the walk must not recurse.
        let mut deep = Tree::new(crate::article::Element::new("body"));
        let mut at = Tree::ROOT;
        for i in 0..100_000 {
            at = deep.push_element(at, crate::article::Element::new(if i % 2 == 0 { "div" } else { "span" }));
        }
        deep.push_text(at, " deep ");
        let a = extract(&deep, Tree::ROOT);
        check_pieces(&deep, &a);
        assert_eq!(a.text, "deep");
        let wide = "<p>w <b>x</b> y</p>".repeat(30_000);
        let (_, a) = body(&wide);
        assert_eq!(a.text.len(), "w x y\n".len() * 30_000 - 1);
        assert_eq!(a.pieces.len(), 90_000);
    }
}
