//! Which element of a page holds the article a reader came for.
//!
//! News pages wrap a few paragraphs of prose in navigation, teasers,
//! comments, ads and link lists, and mark it up in no reliable way: some use
//! `<article>` or `itemprop="articleBody"`, others use them for teaser cards,
//! others only `<div>`s. Detection therefore works the way Mozilla's
//! Readability does: it scores block containers by the paragraphs they hold
//! (length, commas), discounts link-heavy text, and weighs class/id words;
//! then it lets the semantic markup win only where it really holds the prose.
//!
//! Everything is linear in the number of nodes: one walk down, one walk up,
//! and a bounded number of steps per paragraph and per candidate.

use super::extract::extract;
use super::hints;
use super::tree::{NodeId, NodeKind, Tree};
use super::Article;

/// Paragraphs shorter than this (in chars) carry no weight.
const MIN_PARAGRAPH: f64 = 25.0;
/// How many ancestors a paragraph's score reaches.
const SCORE_LEVELS: usize = 5;
/// Candidates taken into account when looking for a common ancestor.
const TOP_CANDIDATES: usize = 5;
/// A semantic element inside the winner replaces it if it keeps this share
/// of the winner's prose.
const TIGHTER_KEEPS: f64 = 0.9;
/// A semantic ancestor replaces the winner if it adds this share of prose
/// (and more prose than other text).
const WIDER_ADDS: f64 = 0.1;
/// Prose (chars) below which the strict pass is not trusted.
const ENOUGH_PROSE: f64 = 500.0;

/// The article body: the element whose text is the article. The tree's root
/// when nothing looks like prose (an empty page, navigation only).
pub fn detect(tree: &Tree) -> NodeId {
    // First with containers named like furniture left out (they are usually
    // comments and sidebars); if that leaves too little prose, the names
    // misled (a page wrapper called `js-social-anchor`), so again without.
    let strict = Scan::new(tree, true);
    let (chosen, prose) = strict.choose();
    if prose >= ENOUGH_PROSE {
        return chosen;
    }
    let lenient = Scan::new(tree, false);
    let (other, other_prose) = lenient.choose();
    if other_prose > prose {
        other
    } else {
        chosen
    }
}

/// Detects the body and extracts its text.
pub fn article(tree: &Tree) -> Article {
    extract(tree, detect(tree))
}

/// The article's headline: the first non-empty `h1` inside the body, else in
/// the nearest of its three closest ancestors below the tree's root that has
/// one. `None` when there is none (the page's root is not searched: there an
/// `h1` is as likely the site's name).
pub fn title(tree: &Tree) -> Option<String> {
    title_near(tree, detect(tree))
}

/// [`title`] for a body already detected.
pub fn title_near(tree: &Tree, body: NodeId) -> Option<String> {
    let mut at = Some(body);
    for _ in 0..4 {
        let node = at?;
        if node == Tree::ROOT && node != body {
            return None;
        }
        if let Some(t) = first_h1(tree, node) {
            return Some(t);
        }
        at = tree.nodes.get(node).and_then(|n| n.parent);
    }
    None
}

fn first_h1(tree: &Tree, root: NodeId) -> Option<String> {
    let mut stack = vec![root];
    // A malformed tree could list a node twice: visit each once.
    let mut seen = vec![false; tree.nodes.len()];
    while let Some(id) = stack.pop() {
        match seen.get_mut(id) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        let Some(el) = tree.element(id) else { continue };
        if hints::is_unrendered(el, true) || hints::is_furniture_tag(&el.tag) {
            continue;
        }
        if el.tag == "h1" {
            let text = extract(tree, id).text.replace('\n', " ");
            if !text.is_empty() {
                return Some(text);
            }
            continue;
        }
        if let Some(node) = tree.nodes.get(id) {
            stack.extend(node.children.iter().rev());
        }
    }
    None
}

/// Everything detection measures, one slot per node.
struct Scan<'t> {
    tree: &'t Tree,
    /// Containers whose class/id reads like furniture are furniture.
    strict: bool,
    /// Rendered nodes reachable from the root, in document order.
    order: Vec<NodeId>,
    /// Parent in the walk (the tree's own parent links are not trusted).
    parent: Vec<Option<NodeId>>,
    /// Position in `order`, and one past the last descendant's position:
    /// `a` is an ancestor of `b` iff `pos[a] < pos[b] < end[a]`.
    pos: Vec<usize>,
    end: Vec<usize>,
    rendered: Vec<bool>,
    /// Inside navigation, an aside, a comment section...: not prose.
    furniture: Vec<bool>,
    /// Folded text length in chars, of all text and of text inside links.
    text_len: Vec<f64>,
    link_len: Vec<f64>,
    /// Text not inside a nested block element (the element's own paragraph).
    inline_len: Vec<f64>,
    inline_link_len: Vec<f64>,
    inline_commas: Vec<f64>,
    has_block_child: Vec<bool>,
    /// Length of good paragraph text (link text discounted) in the subtree.
    prose: Vec<f64>,
    /// Readability score; `None` for nodes no paragraph reached.
    score: Vec<Option<f64>>,
}

impl<'t> Scan<'t> {
    fn new(tree: &'t Tree, strict: bool) -> Self {
        let n = tree.nodes.len();
        let mut s = Scan {
            tree,
            strict,
            order: Vec::new(),
            parent: vec![None; n],
            pos: vec![0; n],
            end: vec![0; n],
            rendered: vec![false; n],
            furniture: vec![false; n],
            text_len: vec![0.0; n],
            link_len: vec![0.0; n],
            inline_len: vec![0.0; n],
            inline_link_len: vec![0.0; n],
            inline_commas: vec![0.0; n],
            has_block_child: vec![false; n],
            prose: vec![0.0; n],
            score: vec![None; n],
        };
        s.walk_down();
        s.walk_up();
        s
    }

    fn el(&self, id: NodeId) -> Option<&'t super::tree::Element> {
        self.tree.element(id)
    }

    fn tag(&self, id: NodeId) -> &'t str {
        self.el(id).map_or("", |e| e.tag.as_str())
    }

    fn is_ancestor(&self, a: NodeId, b: NodeId) -> bool {
        self.pos[a] < self.pos[b] && self.pos[b] < self.end[a]
    }

    /// Pre-order walk: which nodes are rendered, their parents, furniture.
    fn walk_down(&mut self) {
        if self.tree.nodes.is_empty() {
            return;
        }
        enum Step {
            Enter(NodeId, Option<NodeId>),
            Leave(NodeId),
        }
        let mut stack = vec![Step::Enter(Tree::ROOT, None)];
        while let Some(step) = stack.pop() {
            let (id, parent) = match step {
                Step::Leave(id) => {
                    self.end[id] = self.order.len();
                    continue;
                }
                Step::Enter(id, parent) => (id, parent),
            };
            if id >= self.rendered.len() || self.rendered[id] {
                continue;
            }
            let Some(node) = self.tree.nodes.get(id) else {
                continue;
            };
            let inherited = parent.is_some_and(|p| self.furniture[p]);
            if let NodeKind::Element(el) = &node.kind {
                if id != Tree::ROOT && hints::is_unrendered(el, true) {
                    continue;
                }
                self.furniture[id] = inherited || (id != Tree::ROOT && is_furniture(el, self.strict));
            } else {
                self.furniture[id] = inherited;
            }
            self.rendered[id] = true;
            self.parent[id] = parent;
            self.pos[id] = self.order.len();
            self.order.push(id);
            stack.push(Step::Leave(id));
            stack.extend(node.children.iter().rev().map(|&c| Step::Enter(c, Some(id))));
        }
    }

    /// Post-order pass: text measures bottom-up, paragraphs scored into
    /// their ancestors as soon as their own measures are complete.
    fn walk_up(&mut self) {
        for k in (0..self.order.len()).rev() {
            let id = self.order[k];
            let parent = self.parent[id];
            let Some(node) = self.tree.nodes.get(id) else {
                continue;
            };
            let block = match &node.kind {
                NodeKind::Text(t) => {
                    let (len, commas) = measure(t);
                    self.text_len[id] = len;
                    self.inline_len[id] = len;
                    self.inline_commas[id] = commas;
                    false
                }
                NodeKind::Element(el) => {
                    if el.tag == "a" {
                        self.link_len[id] = self.text_len[id];
                        self.inline_link_len[id] = self.inline_len[id];
                    }
                    let block = hints::is_block(&el.tag);
                    if block {
                        self.score_paragraph(id);
                    }
                    block
                }
            };
            let Some(p) = parent else { continue };
            self.text_len[p] += self.text_len[id];
            self.link_len[p] += self.link_len[id];
            self.prose[p] += self.prose[id];
            if block {
                self.has_block_child[p] = true;
            } else {
                self.inline_len[p] += self.inline_len[id];
                self.inline_link_len[p] += self.inline_link_len[id];
                self.inline_commas[p] += self.inline_commas[id];
            }
        }
    }

    /// Scores the inline text of block element `b` as one paragraph.
    fn score_paragraph(&mut self, b: NodeId) {
        let len = self.inline_len[b];
        if len < MIN_PARAGRAPH || self.furniture[b] {
            return;
        }
        let link_density = (self.inline_link_len[b] / len).min(1.0);
        let good = 1.0 - link_density;
        self.prose[b] += len * good;
        let score = (1.0 + self.inline_commas[b] + (len / 100.0).floor().min(3.0)) * good;
        // A paragraph element scores its container; a container holding
        // loose text next to blocks scores itself.
        let mut at = if self.has_block_child[b] { Some(b) } else { self.parent[b] };
        for level in 0..SCORE_LEVELS {
            let Some(a) = at else { break };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f64 * 3.0,
            };
            let base = self.initial_score(a);
            let slot = self.score[a].get_or_insert(base);
            *slot += score / divider;
            at = self.parent[a];
        }
    }

    fn initial_score(&self, id: NodeId) -> f64 {
        let Some(el) = self.el(id) else { return 0.0 };
        let tag = match el.tag.as_str() {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        tag + hints::class_weight(el)
    }

    fn link_density(&self, id: NodeId) -> f64 {
        let len = self.text_len[id];
        if len <= 0.0 {
            0.0
        } else {
            (self.link_len[id] / len).min(1.0)
        }
    }

    fn final_score(&self, id: NodeId) -> Option<f64> {
        self.score[id].map(|s| s * (1.0 - self.link_density(id)))
    }

    /// The chosen body and the prose it holds: the density winner, refined
    /// as Readability does, then weighed against the semantic candidates.
    fn choose(&self) -> (NodeId, f64) {
        let best = self.density_winner();
        let chosen = match best {
            Some(best) => self.prefer_semantic(best),
            None => self.strong_fallback().unwrap_or(Tree::ROOT),
        };
        (chosen, self.prose.get(chosen).copied().unwrap_or(0.0))
    }

    fn density_winner(&self) -> Option<NodeId> {
        // The top few candidates, best first.
        let mut top: Vec<(NodeId, f64)> = Vec::with_capacity(TOP_CANDIDATES + 1);
        for &id in &self.order {
            let Some(s) = self.final_score(id) else {
                continue;
            };
            let at = top.iter().position(|&(_, t)| s > t).unwrap_or(top.len());
            if at < TOP_CANDIDATES {
                top.insert(at, (id, s));
                top.truncate(TOP_CANDIDATES);
            }
        }
        let &(mut best, best_score) = top.first()?;
        if best_score <= 0.0 {
            return None;
        }

        // Several nearly-as-good candidates under one ancestor: the article
        // is split into sections, take the ancestor.
        let alternatives: Vec<NodeId> =
            top.iter().skip(1).filter(|&&(_, s)| s / best_score >= 0.75).map(|&(id, _)| id).collect();
        if alternatives.len() >= 3 {
            let mut at = self.parent[best];
            while let Some(a) = at {
                if a == Tree::ROOT {
                    break;
                }
                let holding = alternatives.iter().filter(|&&alt| self.is_ancestor(a, alt)).count();
                if holding >= 3 {
                    best = a;
                    break;
                }
                at = self.parent[a];
            }
        }

        // A parent scoring higher than its child holds more of the article.
        let mut last = self.final_score(best).unwrap_or(0.0);
        let threshold = last / 3.0;
        let mut at = self.parent[best];
        while let Some(a) = at {
            if a == Tree::ROOT {
                break;
            }
            if let Some(s) = self.final_score(a) {
                if s < threshold {
                    break;
                }
                if s > last {
                    best = a;
                    break;
                }
                last = s;
            }
            at = self.parent[a];
        }

        // An only child says no more than its parent.
        while let Some(p) = self.parent[best] {
            if p == Tree::ROOT || self.element_children(p) != 1 {
                break;
            }
            best = p;
        }
        Some(best)
    }

    fn element_children(&self, id: NodeId) -> usize {
        self.tree.nodes.get(id).map_or(0, |n| {
            n.children
                .iter()
                .filter(|&&c| {
                    c < self.rendered.len()
                        && self.rendered[c]
                        && self.parent[c] == Some(id)
                        && self.tree.element(c).is_some()
                })
                .count()
        })
    }

    /// Semantic candidates: `<article>`, `itemprop=articleBody`, `<main>`,
    /// `role=main`, most specific first.
    fn strong(&self) -> Vec<(NodeId, u8)> {
        let mut out = Vec::new();
        for &id in &self.order {
            let Some(el) = self.el(id) else { continue };
            if self.furniture[id] {
                continue;
            }
            if let Some(rank) = strength(el) {
                out.push((id, rank));
            }
        }
        out
    }

    fn strong_fallback(&self) -> Option<NodeId> {
        self.strong()
            .into_iter()
            .filter(|&(id, _)| self.text_len[id] > 0.0)
            .max_by(|a, b| self.text_len[a.0].total_cmp(&self.text_len[b.0]).then(b.1.cmp(&a.1)))
            .map(|(id, _)| id)
    }

    /// Lets the markup's own word win where it holds the prose the scores
    /// found: a semantic element inside the winner that keeps nearly all
    /// its prose is a tighter body; a semantic ancestor whose extra content
    /// is more prose than furniture holds parts the winner missed (an
    /// article split by ads or a slideshow); a semantic element elsewhere
    /// must hold more prose than the winner (teaser cards never do).
    fn prefer_semantic(&self, best: NodeId) -> NodeId {
        let strong = self.strong();
        let prose = |id: NodeId| self.prose[id];
        // Inside: the most specific markup first, then the tightest.
        let inside = strong
            .iter()
            .filter(|&&(id, _)| self.is_ancestor(best, id) && prose(id) >= TIGHTER_KEEPS * prose(best))
            .min_by(|a, b| a.1.cmp(&b.1).then(self.pos[b.0].cmp(&self.pos[a.0])));
        if let Some(&(id, _)) = inside {
            return id;
        }
        // Around: the nearest that adds enough prose, and more prose than
        // anything else.
        let mut at = self.parent[best];
        while let Some(a) = at {
            if self.el(a).and_then(strength).is_some() && !self.furniture[a] {
                let gain = prose(a) - prose(best);
                let junk = (self.text_len[a] - self.text_len[best]) - gain;
                if gain >= WIDER_ADDS * prose(best) && junk <= gain {
                    return a;
                }
            }
            at = self.parent[a];
        }
        // Elsewhere.
        strong
            .iter()
            .filter(|&&(id, _)| !self.is_ancestor(id, best) && !self.is_ancestor(best, id) && id != best)
            .filter(|&&(id, _)| prose(id) > prose(best))
            .max_by(|a, b| prose(a.0).total_cmp(&prose(b.0)))
            .map_or(best, |&(id, _)| id)
    }

    /// A readable account of the choice, for tuning.
    fn explain(&self) -> String {
        let mut out = String::new();
        let mut cands: Vec<(NodeId, f64)> =
            self.order.iter().filter_map(|&id| self.final_score(id).map(|s| (id, s))).collect();
        cands.sort_by(|a, b| b.1.total_cmp(&a.1));
        for &(id, s) in cands.iter().take(8) {
            out.push_str(&format!("cand {} score {:.1} {}\n", id, s, self.describe(id)));
        }
        let w = self.density_winner();
        for (id, rank) in self.strong() {
            let rel = match w {
                Some(w) if w == id => "self",
                Some(w) if self.is_ancestor(id, w) => "anc",
                Some(w) if self.is_ancestor(w, id) => "desc",
                _ => "other",
            };
            out.push_str(&format!("strong r{} {} {} {}\n", rank, rel, id, self.describe(id)));
        }
        out.push_str(&format!("winner {:?} {}\n", w, w.map(|w| self.describe(w)).unwrap_or_default()));
        out
    }

    fn describe(&self, id: NodeId) -> String {
        let el = self.el(id);
        format!(
            "<{} class={:?} id={:?}> text {:.0} links {:.2} prose {:.0}",
            self.tag(id),
            el.and_then(|e| e.attr("class")).unwrap_or(""),
            el.and_then(|e| e.attr("id")).unwrap_or(""),
            self.text_len[id],
            self.link_density(id),
            self.prose[id],
        )
    }
}

/// Detection's candidates and measures on both passes, for tuning (the page
/// test prints it for `ARTICLE_EXPLAIN=<page>`). Not a stable format.
#[doc(hidden)]
pub fn explain(tree: &Tree) -> String {
    Scan::new(tree, true).explain() + "lenient:\n" + &Scan::new(tree, false).explain()
}

/// Furniture by itself: navigation, asides and the like, and (`by_name`)
/// containers whose class/id reads like furniture and not like content.
/// Forms are not (some sites wrap the whole page in one), nor figures (their
/// captions are not prose, but are rarely long enough to matter).
fn is_furniture(el: &super::tree::Element, by_name: bool) -> bool {
    if (hints::is_furniture_tag(&el.tag) && el.tag != "form" && el.tag != "figure") || hints::is_furniture_role(el) {
        return true;
    }
    by_name && strength(el).is_none() && hints::is_negative_by_name(el) && hints::class_weight(el) < 0.0
}

/// How strongly the markup itself says "this is the article": 0 for
/// `itemprop=articleBody`, 1 for `<article>`, 2 for `<main>` or
/// `role=main`; `None` for other elements.
fn strength(el: &super::tree::Element) -> Option<u8> {
    if el.attr("itemprop").is_some_and(|v| v.split_ascii_whitespace().any(|w| w.eq_ignore_ascii_case("articleBody"))) {
        Some(0)
    } else if el.tag == "article" {
        Some(1)
    } else if el.tag == "main" || el.attr("role").is_some_and(|r| r.trim().eq_ignore_ascii_case("main")) {
        Some(2)
    } else {
        None
    }
}

/// Folded length in chars (runs of ASCII white space count as one) and the
/// number of commas.
fn measure(text: &str) -> (f64, f64) {
    let mut len = 0usize;
    let mut commas = 0usize;
    let mut in_space = true;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            if !in_space {
                len += 1;
            }
            in_space = true;
            continue;
        }
        in_space = false;
        len += 1;
        if matches!(
            c,
            ',' | '\u{060C}' | '\u{FE50}' | '\u{FE10}' | '\u{FE11}' | '\u{2E41}' | '\u{2E34}' | '\u{2E32}' | '\u{FF0C}'
        ) {
            commas += 1;
        }
    }
    (len as f64, commas as f64)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::article::html::parse_html;

    /// A paragraph of news prose, `n` distinct.
    fn prose(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} of the story: the minister, speaking on Tuesday, said the plan, \
                     which critics call costly, would be reviewed by the committee before the summer.</p>"
                )
            })
            .collect()
    }

    fn links(n: usize, class: &str) -> String {
        let items: String =
            (0..n).map(|i| format!("<li><a href='/x{i}'>Another headline number {i} here</a></li>")).collect();
        format!("<ul class='{class}'>{items}</ul>")
    }

    fn tag_of(tree: &Tree, id: NodeId) -> (String, String) {
        let el = tree.element(id);
        (
            el.map(|e| e.tag.clone()).unwrap_or_default(),
            el.and_then(|e| e.attr("id").or(e.attr("class"))).unwrap_or_default().to_string(),
        )
    }

    #[test]
    fn news_page_with_furniture_around_an_article() {
        let html = format!(
            "<header><div class='logo'>Daily Planet</div><nav>{nav}</nav></header>\
             <div class='layout'>\
               <article id='story'>\
                 <h1>Minister reviews plan</h1><p class='byline'>By Lois Lane</p>\
                 <div class='article-body'>{body}<div class='ad-slot'>Advertisement: buy now, cheap, today</div>{more}</div>\
                 <div class='share-tools'>Share on Facebook, Twitter</div>\
               </article>\
               <aside class='sidebar'><h2>Most read</h2>{side}<p>A sidebar blurb that is long enough to count as text, really.</p></aside>\
               <section id='comments'><p>First comment: I disagree with the minister, and so does my cat, honestly.</p>\
                 <p>Second comment: this plan, like all plans, will fail, as usual, believe me.</p></section>\
               <div class='related'>{rel}</div>\
             </div><footer>Copyright, all rights reserved, Daily Planet, Metropolis</footer>",
            nav = links(8, "menu"),
            body = prose(4),
            more = prose(3),
            side = links(6, "popular"),
            rel = links(5, "related-list"),
        );
        let tree = parse_html(&html);
        let chosen = detect(&tree);
        assert_eq!(tag_of(&tree, chosen), ("div".into(), "article-body".into()));
        let a = article(&tree);
        assert!(a.text.starts_with("Paragraph 0 of the story"), "{}", a.text);
        assert_eq!(a.text.lines().count(), 7, "{}", a.text);
        for junk in ["Advertisement", "Share on", "Most read", "comment", "Copyright", "headline number", "Lois"] {
            assert!(!a.text.contains(junk), "{junk:?} in {}", a.text);
        }
        assert_eq!(title(&tree).as_deref(), Some("Minister reviews plan"));
    }

    #[test]
    fn density_wins_without_semantic_markup() {
        let html = format!(
            "<div id='top'>{nav}</div>\
             <div class='c1'><div class='x2'>{side}</div><div class='x3'>{body}</div></div>\
             <div class='x9'>{foot}</div>",
            nav = links(10, "l1"),
            side = links(10, "l2"),
            body = prose(6),
            foot = links(10, "l3"),
        );
        let tree = parse_html(&html);
        assert_eq!(tag_of(&tree, detect(&tree)), ("div".into(), "x3".into()));
        let a = article(&tree);
        assert_eq!(a.text.lines().count(), 6);
        assert!(!a.text.contains("headline number"));
        assert_eq!(title(&tree), None);
    }

    #[test]
    fn teaser_cards_do_not_win() {
        let cards: String = (0..12)
            .map(|i| {
                format!(
                    "<article class='card'><h3><a href='/s{i}'>Teaser {i} headline</a></h3>\
                     <p>A short summary of teaser {i}, in one line.</p></article>"
                )
            })
            .collect();
        let html = format!("<div class='grid'>{cards}</div><div class='c'><h1>Real story</h1>{}</div>", prose(5));
        let tree = parse_html(&html);
        assert_eq!(tag_of(&tree, detect(&tree)), ("div".into(), "c".into()));
        let a = article(&tree);
        assert!(!a.text.contains("Teaser"), "{}", a.text);
        assert!(a.text.starts_with("Real story\nParagraph 0"));
        assert_eq!(title(&tree).as_deref(), Some("Real story"));
    }

    #[test]
    fn article_body_markup_inside_the_winner_is_preferred() {
        let html = format!(
            "<div class='wrap'><div class='kicker'>Politics</div>\
             <div class='txt' itemprop='articleBody'>{}</div><p>Tags: politics, plans, ministers, budgets, reviews</p></div>",
            prose(5)
        );
        let tree = parse_html(&html);
        assert_eq!(tag_of(&tree, detect(&tree)), ("div".into(), "txt".into()));
    }

    #[test]
    fn an_article_split_by_ads_is_taken_whole() {
        let html = format!(
            "<main><article id='a'><h1>Split</h1><div class='part'>{one}</div>\
             <div class='slot'><a href='/ad'>Sponsored link</a></div><div class='part'>{two}</div></article>\
             <div>{rel}</div></main>",
            one = prose(2),
            two = prose(6),
            rel = links(10, "l"),
        );
        let tree = parse_html(&html);
        assert_eq!(tag_of(&tree, detect(&tree)), ("article".into(), "a".into()));
        assert_eq!(article(&tree).text.lines().count(), 1 + 2 + 1 + 6);
    }

    #[test]
    fn misleading_wrapper_names_are_survived() {
        // The whole page sits in a container whose class says "social".
        let html = format!(
            "<div class='js-social-anchor'><div class='story'>{}</div><div class='x'>{}</div></div>",
            prose(4),
            links(3, "l")
        );
        let tree = parse_html(&html);
        assert_eq!(tag_of(&tree, detect(&tree)), ("div".into(), "story".into()));
        assert_eq!(article(&tree).text.lines().count(), 4);
    }

    #[test]
    fn the_widget_and_hidden_parts_are_never_chosen() {
        let html = format!(
            "<div class='page'>{small}</div><div data-newsgloss>{big}</div><div hidden>{big}</div>\
             <div aria-hidden='true'>{big}</div><noscript>{big}</noscript>",
            small = prose(2),
            big = prose(12),
        );
        let tree = parse_html(&html);
        assert_eq!(tag_of(&tree, detect(&tree)), ("div".into(), "page".into()));
        assert_eq!(article(&tree).text.lines().count(), 2);
    }

    #[test]
    fn a_short_story_beats_its_long_comment_thread() {
        let comments: String = (0..10)
            .map(|i| format!("<li class='comment'><p>Reader {i} writes: I think, frankly, that this is wrong, and so do my friends, all of them.</p></li>"))
            .collect();
        let html = format!(
            "<div class='story-text'><p>The council met, briefly, on Monday.</p>{}</div><ol id='comments'>{comments}</ol>",
            prose(2)
        );
        let tree = parse_html(&html);
        assert_eq!(tag_of(&tree, detect(&tree)), ("div".into(), "story-text".into()));
        assert!(!article(&tree).text.contains("Reader"));
    }

    #[test]
    fn empty_and_navigation_only_bodies() {
        let tree = parse_html("");
        assert_eq!(detect(&tree), Tree::ROOT);
        assert_eq!(article(&tree).text, "");
        let tree = parse_html(&format!("<nav>{}</nav><div role='navigation'>{}</div>", links(20, "m"), prose(3)));
        assert_eq!(detect(&tree), Tree::ROOT);
        let a = article(&tree);
        assert_eq!(a.text, "");
        assert!(a.pieces.is_empty());
        assert_eq!(a.locate(0), None);
        assert_eq!(title(&tree), None);
    }

    #[test]
    fn large_pages_are_linear() {
        // 100,000+ nodes: 20,000 paragraphs and 20,000 links in deep wrappers.
        let mut tree = Tree::new(crate::article::Element::new("body"));
        let mut wrap = Tree::ROOT;
        for _ in 0..2_000 {
            wrap = tree.push_element(wrap, crate::article::Element::new("div"));
        }
        let body = tree.push_element(wrap, crate::article::Element::new("div").with("class", "story"));
        let side = tree.push_element(wrap, crate::article::Element::new("ul"));
        for i in 0..20_000 {
            let p = tree.push_element(body, crate::article::Element::new("p"));
            tree.push_text(p, &format!("Sentence {i}, with a comma, and enough words to count as prose."));
            let li = tree.push_element(side, crate::article::Element::new("li"));
            let a = tree.push_element(li, crate::article::Element::new("a"));
            tree.push_text(a, "a link, a link, a link, a link, a link, a link");
        }
        assert!(tree.nodes.len() > 100_000);
        let started = std::time::Instant::now();
        let a = article(&tree);
        assert_eq!(a.root, body);
        assert_eq!(a.text.lines().count(), 20_000);
        // Generous for a debug build on a busy machine; quadratic would be minutes.
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn any_tree_is_survived() {
        // Dangling and repeated child ids, a cycle back to the root.
        let mut tree = Tree::new(crate::article::Element::new("body"));
        let d = tree.push_element(Tree::ROOT, crate::article::Element::new("div"));
        let p = tree.push_element(d, crate::article::Element::new("p"));
        tree.push_text(p, "Some text, long enough, to be a paragraph of prose here.");
        tree.nodes[d].children.extend([Tree::ROOT, p, 77]);
        let a = article(&tree);
        assert_eq!(a.text, "Some text, long enough, to be a paragraph of prose here.");
        let empty = Tree { nodes: Vec::new() };
        assert_eq!(detect(&empty), Tree::ROOT);
        assert_eq!(article(&empty).text, "");
    }
}
