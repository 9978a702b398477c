//! The who-said-what graph as SVG (layout from `ui::graph`): nodes sized by
//! mentions, quotation edges as arrows with counts, dispute edges dashed by
//! stance. Each node is a focusable button; a list under the picture says
//! the same in words.

use std::rc::Rc;

use yew::prelude::*;

use super::app::stance_label;
use super::graph::{label_position, EdgeKind, Graph, HEIGHT, WIDTH};

#[derive(Properties, PartialEq)]
pub struct GraphProps {
    pub graph: Rc<Graph>,
    /// The picked actor (an index into the analysis' actors).
    pub selected: Option<usize>,
    pub on_actor: Callback<usize>,
}

#[function_component(GraphView)]
pub fn graph_view(props: &GraphProps) -> Html {
    let g = &props.graph;
    if g.nodes.is_empty() {
        return html! {};
    }
    let name = |i: usize| g.nodes.get(i).map_or("", |n| n.name.as_str());
    let sentences: Vec<String> = g
        .edges
        .iter()
        .map(|e| match e.kind {
            EdgeKind::Quote => format!(
                "{} is quoted speaking about {}{}",
                name(e.from),
                name(e.to),
                if e.count > 1 { format!(" ({} times)", e.count) } else { String::new() }
            ),
            EdgeKind::Dispute(stance) => {
                format!("{} {} a claim by {}", name(e.to), stance_label(stance), name(e.from))
            }
        })
        .collect();
    let description = if sentences.is_empty() { "No links between actors.".to_string() } else { sentences.join(". ") };
    html! {
        <figure class="ng-graph">
            <figcaption id="ng-graph-h">{ "Who said what, who contests whom" }</figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="group" aria-labelledby="ng-graph-h"
                aria-describedby="ng-graph-desc" class="ng-graph-svg">
                <defs>
                    <marker id="ng-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="ng-arrowhead" />
                    </marker>
                </defs>
                { for g.edges.iter().map(|e| {
                    let (Some(a), Some(b)) = (g.nodes.get(e.from), g.nodes.get(e.to)) else { return html! {} };
                    // Stop at the circles' edges so the arrow head shows.
                    let (dx, dy) = (b.x - a.x, b.y - a.y);
                    let len = (dx * dx + dy * dy).sqrt().max(1.0);
                    let (x1, y1) = (a.x + dx / len * a.r, a.y + dy / len * a.r);
                    let (x2, y2) = (b.x - dx / len * (b.r + 2.0), b.y - dy / len * (b.r + 2.0));
                    let (class, marker) = match e.kind {
                        EdgeKind::Quote => ("ng-edge ng-edge-quote".to_string(), Some("url(#ng-arrow)")),
                        EdgeKind::Dispute(s) => (format!("ng-edge ng-edge-dispute ng-edge-{}", stance_label(s)), None),
                    };
                    html! {
                        <g aria-hidden="true">
                            <line class={class} x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
                                marker-end={marker} />
                            if e.count > 1 {
                                <text class="ng-edge-count" x={((x1 + x2) / 2.0).to_string()} y={((y1 + y2) / 2.0 - 3.0).to_string()}>
                                    { e.count }
                                </text>
                            }
                        </g>
                    }
                }) }
                { for g.nodes.iter().map(|n| {
                    let (lx, ly, anchor) = label_position(n);
                    let on_actor = props.on_actor.clone();
                    let actor = n.actor;
                    let selected = props.selected == Some(n.actor);
                    let activate = {
                        let on_actor = on_actor.clone();
                        Callback::from(move |e: KeyboardEvent| {
                            if e.key() == "Enter" || e.key() == " " {
                                e.prevent_default();
                                on_actor.emit(actor);
                            }
                        })
                    };
                    let label = format!("{}: {} mentions{}", n.name, n.mentions,
                        if n.quotes > 0 { format!(", {} quotations", n.quotes) } else { String::new() });
                    html! {
                        <g class={classes!("ng-node", selected.then_some("ng-node-on"))} role="button" tabindex="0"
                            aria-label={label} aria-pressed={selected.to_string()} data-actor={actor.to_string()}
                            onclick={Callback::from(move |_| on_actor.emit(actor))} onkeydown={activate}>
                            <circle cx={n.x.to_string()} cy={n.y.to_string()} r={n.r.to_string()}
                                class={classes!((n.quotes > 0).then_some("ng-speaks"))} />
                            <title>{ &n.name }</title>
                            <text x={lx.to_string()} y={ly.to_string()} text-anchor={anchor} class="ng-node-label">{ &n.label }</text>
                        </g>
                    }
                }) }
            </svg>
            <p id="ng-graph-desc" class="ng-sr">{ description }</p>
            <p class="ng-graph-key" aria-hidden="true">
                <span class="ng-key-quote">{ "→ quoted about" }</span>
                <span class="ng-key-dispute">{ "- - contests" }</span>
                <span>{ "● size: mentions" }</span>
            </p>
        </figure>
    }
}
