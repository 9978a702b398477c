//! Who said what, who contests whom: the actors that speak, are spoken
//! about in quotations or hold a side in a dispute, as a small graph with
//! a deterministic layout. Pure (the model and the layout are tested
//! natively); `graph_view` draws it as SVG.

use crate::analysis::{ActorKind, Analysis, Stance};

/// At most this many actors, the most mentioned first: the panel is small.
pub const MAX_NODES: usize = 12;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Index into the analysis' actors.
    pub actor: usize,
    pub name: String,
    /// The name as drawn: short enough to stay inside the picture.
    pub label: String,
    pub mentions: usize,
    /// Quotations attributed to this actor.
    pub quotes: usize,
    /// Centre and radius in the view box.
    pub x: f64,
    pub y: f64,
    pub r: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// The `from` actor is quoted speaking about the `to` actor.
    Quote,
    /// The `from` actor holds a claim the `to` actor takes a stance on.
    Dispute(Stance),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Indices into [`Graph::nodes`].
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// How many quotations (or dispute positions) the edge stands for.
    pub count: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The view box the layout fills.
pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 260.0;

/// Builds the graph of `a` and lays it out on a circle (most mentioned
/// actor at the top, then clockwise), which is deterministic and keeps
/// every label readable at this size.
pub fn graph(a: &Analysis) -> Graph {
    let index = |id: &Option<String>| id.as_ref().and_then(|id| a.actors.iter().position(|x| &x.id == id));
    // (from, to, kind) with the actor indices of the analysis.
    let mut raw: Vec<(usize, usize, EdgeKind)> = Vec::new();
    let mut speakers: Vec<usize> = Vec::new();
    for q in &a.quotes {
        let Some(from) = q.speaker.as_ref().and_then(|s| index(&s.actor)) else { continue };
        speakers.push(from);
        for (to, actor) in a.actors.iter().enumerate() {
            if to != from && actor.mentions.iter().any(|m| m.start >= q.start && m.end <= q.end) {
                raw.push((from, to, EdgeKind::Quote));
            }
        }
    }
    for d in &a.disputes {
        let Some(from) = index(&d.claim.holder) else { continue };
        for p in &d.positions {
            if let Some(to) = index(&p.holder).filter(|&to| to != from) {
                raw.push((from, to, EdgeKind::Dispute(p.stance)));
            }
        }
    }
    let mut members: Vec<usize> = raw.iter().flat_map(|&(f, t, _)| [f, t]).chain(speakers.iter().copied()).collect();
    members.sort_unstable();
    members.dedup();
    members.sort_by_key(|&i| (std::cmp::Reverse(a.actors[i].mentions.len()), i));
    members.truncate(MAX_NODES);

    let n = members.len();
    let max_mentions = members.iter().map(|&i| a.actors[i].mentions.len()).max().unwrap_or(1).max(1) as f64;
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    // An ellipse, narrower than the box, leaves room for labels at the sides.
    let (rx, ry) = if n <= 1 { (0.0, 0.0) } else { (WIDTH / 2.0 - 95.0, HEIGHT / 2.0 - 34.0) };
    let nodes = members
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / n.max(1) as f64;
            let mentions = a.actors[i].mentions.len();
            Node {
                actor: i,
                name: a.actors[i].name.clone(),
                label: short_label(&a.actors[i].name, a.actors[i].kind),
                mentions,
                quotes: speakers.iter().filter(|&&s| s == i).count(),
                x: round(cx + rx * angle.cos()),
                y: round(cy + ry * angle.sin()),
                r: round(5.0 + 9.0 * (mentions as f64 / max_mentions).sqrt()),
            }
        })
        .collect();
    let at = |i: usize| members.iter().position(|&m| m == i);
    let mut edges: Vec<Edge> = Vec::new();
    for (f, t, kind) in raw {
        let (Some(from), Some(to)) = (at(f), at(t)) else { continue };
        match edges.iter_mut().find(|e| e.from == from && e.to == to && e.kind == kind) {
            Some(e) => e.count += 1,
            None => edges.push(Edge { from, to, kind, count: 1 }),
        }
    }
    Graph { nodes, edges }
}

/// Longest label drawn, in characters.
pub const LABEL_MAX: usize = 12;

/// A short label: a person's surname, an organisation's initials (North
/// Atlantic Treaty Organization: NATO), else the name cut with an ellipsis.
pub fn short_label(name: &str, kind: ActorKind) -> String {
    let count = name.chars().count();
    if count <= LABEL_MAX {
        return name.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    match kind {
        ActorKind::Person if words.len() > 1 => {
            let last = words[words.len() - 1];
            if last.chars().count() <= LABEL_MAX {
                return last.to_string();
            }
        }
        ActorKind::Organization if words.len() >= 3 && words.iter().all(capitalised) => {
            return words.iter().filter_map(|w| w.chars().next()).collect();
        }
        _ => {}
    }
    let mut cut: String = name.chars().take(LABEL_MAX - 1).collect::<String>().trim_end().to_string();
    cut.push('…');
    cut
}

/// Where a node's label goes: outside the circle, on the node's side, with
/// the SVG `text-anchor` that keeps it off the node.
pub fn label_position(node: &Node) -> (f64, f64, &'static str) {
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    let (dx, dy) = (node.x - cx, node.y - cy);
    let anchor = if dx.abs() < 20.0 {
        "middle"
    } else if dx > 0.0 {
        "start"
    } else {
        "end"
    };
    let gap = node.r + 4.0;
    let x = match anchor {
        "start" => node.x + gap,
        "end" => node.x - gap,
        _ => node.x,
    };
    let y = if anchor == "middle" { node.y + dy.signum() * (gap + 6.0) + 4.0 } else { node.y + 4.0 };
    (round(x), round(y), anchor)
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    fn seed() -> Analysis {
        analyze(include_str!("../../seeds/000_ef33c36d7de74af4.txt"))
    }

    fn named<'a>(g: &'a Graph, part: &str) -> Option<(usize, &'a Node)> {
        g.nodes.iter().enumerate().find(|(_, n)| n.name.contains(part))
    }

    #[test]
    fn the_seed_graph_has_putin_quoted_and_the_baker_dispute() {
        let g = graph(&seed());
        assert!(!g.nodes.is_empty() && g.nodes.len() <= MAX_NODES);
        let (_, putin) = named(&g, "Putin").expect("Putin speaks");
        assert!(putin.quotes >= 3, "{putin:?}");
        let (baker, _) = named(&g, "Baker").expect("Baker holds a position");
        let (gorbachev, _) = named(&g, "Gorbachev").expect("Gorbachev holds a position");
        let disputes_with = |to: usize| {
            g.edges.iter().filter(|e| e.to == to && matches!(e.kind, EdgeKind::Dispute(_))).map(|e| e.from).next()
        };
        let holder = disputes_with(baker).expect("someone's claim Baker disputes");
        assert_eq!(disputes_with(gorbachev), Some(holder), "one claim, two positions");
        assert!(g.nodes[holder].name.contains("Russia"), "{:?}", g.nodes[holder]);
    }

    #[test]
    fn the_layout_is_deterministic_inside_the_box_and_without_overlaps() {
        let a = seed();
        let g = graph(&a);
        assert_eq!(g, graph(&a));
        for n in &g.nodes {
            assert!(n.x - n.r >= 0.0 && n.x + n.r <= WIDTH && n.y - n.r >= 0.0 && n.y + n.r <= HEIGHT, "{n:?}");
            // Labels fit (at most 6.5 px a character at 10.5 px).
            let (x, y, anchor) = label_position(n);
            let w = 6.5 * n.label.chars().count() as f64;
            let (left, right) = match anchor {
                "start" => (x, x + w),
                "end" => (x - w, x),
                _ => (x - w / 2.0, x + w / 2.0),
            };
            assert!(left >= 0.0 && right <= WIDTH && (10.0..=HEIGHT).contains(&y), "{n:?}");
        }
        for (i, a) in g.nodes.iter().enumerate() {
            for b in &g.nodes[i + 1..] {
                assert!(((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt() > a.r + b.r, "{a:?} {b:?}");
            }
        }
        // Most mentioned first, at the top.
        assert!(g.nodes.windows(2).all(|w| w[0].mentions >= w[1].mentions));
        assert!(g.nodes[0].y < HEIGHT / 2.0);
        // Every edge joins two nodes, never a node to itself.
        assert!(g.edges.iter().all(|e| e.from != e.to && e.from < g.nodes.len() && e.to < g.nodes.len()));
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(short_label("Vladimir V. Putin", ActorKind::Person), "Putin");
        assert_eq!(short_label("North Atlantic Treaty Organization", ActorKind::Organization), "NATO");
        assert_eq!(short_label("Russian officials", ActorKind::Group), "Russian off…");
        assert_eq!(short_label("Ukraine", ActorKind::Place), "Ukraine");
    }

    #[test]
    fn nothing_to_draw_gives_an_empty_graph() {
        assert_eq!(graph(&Analysis::default()), Graph::default());
    }
}
