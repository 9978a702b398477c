//! The widget's entry point for the loader: `mount(shadowRoot, options)`
//! reads the page, runs the analysis, draws highlights and renders the UI;
//! the returned [`Widget`] answers `analysis()` and `destroy()`.
//!
//! Errors come back as a JS `Error` with a message meant for the reader; the
//! loader shows it in the widget. Nothing here throws into the host page on
//! its own.

use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::ShadowRoot;
use yew::AppHandle;

use super::dom::DomTree;
use super::fallback::Fallback;
use super::highlight::Highlights;
use super::hit::{self, Listener};
use super::keys;
use super::panic;
use super::view::{Page, Paint, View, SELF};
use crate::analysis::{analyze, Analysis};
use crate::article;
use crate::text::{segment::word_count, Offsets};
use crate::ui::graph::graph;
use crate::ui::layers::{layers, Target};
use crate::ui::state::{Action, UiState};
use crate::ui::{ActorItem, App, AppProps, DisputeItem, LayerItem, PartItem, QuoteItem};

/// A mounted widget. Dropping it (or `destroy()`) removes every trace.
#[wasm_bindgen]
pub struct Widget {
    analysis: Analysis,
    view: Option<Rc<View>>,
    listeners: Vec<Listener>,
    app: Option<AppHandle<App>>,
    root: ShadowRoot,
    timings: Timings,
}

#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
struct Timings {
    /// Reading the DOM and finding the article (ms).
    read: f64,
    analyze: f64,
    highlight: f64,
    total: f64,
}

/// Mounts the widget into `root` (a shadow root the loader created).
/// `options` is the loader's options object (the script tag's `data-`
/// attributes): `open` ("false" starts collapsed).
#[wasm_bindgen]
pub fn mount(root: ShadowRoot, options: JsValue) -> Result<Widget, JsError> {
    panic::install(&root);
    let window = web_sys::window().ok_or_else(|| JsError::new("no window"))?;
    let doc = window.document().ok_or_else(|| JsError::new("no document"))?;
    let perf = window.performance();
    let now = || perf.as_ref().map_or(0.0, |p| p.now());
    mark(&perf, "newsgloss:mount");

    let t0 = now();
    let dom = DomTree::read(&doc).ok_or_else(|| JsError::new("the page has no body to read"))?;
    mark(&perf, "newsgloss:dom-read");
    let found = article::article(&dom.tree);
    let title =
        article::title_near(&dom.tree, found.root).filter(|t| !t.trim().is_empty()).unwrap_or_else(|| doc.title());
    let t1 = now();
    mark(&perf, "newsgloss:article-found");
    let analysis = analyze(&found.text);
    let t2 = now();
    mark(&perf, "newsgloss:analyzed");

    let page = Page::new(doc.clone(), dom, found);
    let offsets = Offsets::new(&page.article.text);
    let layers = layers(&analysis);
    let hidden = stored_hidden_layers();
    let mut notice = None;
    let visible = || layers.iter().filter(|l| !hidden.iter().any(|x| x == l.name));
    let paint = if Highlights::supported() {
        let made: Vec<_> = visible().map(|l| (l, page.ranges(&l.spans, None))).collect();
        mark(&perf, "newsgloss:ranges-made");
        let mut h = Highlights::install(&doc);
        let mut cache = HashMap::new();
        for (layer, ranges) in made {
            h.set(layer.name, &ranges, layer.priority)
                .map_err(|_| JsError::new("the browser refused the highlights"))?;
            cache.insert(layer.name.to_string(), (layer.spans.clone(), ranges));
        }
        Paint::Highlights { h, cache }
    } else {
        // No CSS Custom Highlight API: the widget's own inline marks.
        let mut marks = Fallback::new(&doc);
        marks.show_all(&page, visible().map(|l| (l.name.to_string(), l.spans.clone(), l.priority)).collect());
        notice =
            Some("This browser has no CSS Custom Highlight API: highlights are drawn with inline marks.".to_string());
        Paint::Marks(marks)
    };
    let t3 = now();
    mark(&perf, "newsgloss:highlights-drawn");
    measure(&perf, "newsgloss:mount", "newsgloss:highlights-drawn");

    let text = &page.article.text;
    let actor_name = |id: &Option<String>| {
        id.as_ref().and_then(|id| analysis.actors.iter().find(|a| &a.id == id)).map(|a| a.name.clone())
    };
    let quotes = analysis
        .quotes
        .iter()
        .map(|q| QuoteItem {
            text: excerpt(text, &offsets, (q.start, q.end), usize::MAX),
            kind: q.kind,
            speaker: q
                .speaker
                .as_ref()
                .and_then(|s| actor_name(&s.actor).or_else(|| Some(excerpt(text, &offsets, (s.start, s.end), 60)))),
            cue: q.speaker.as_ref().map(|s| excerpt(text, &offsets, (s.start, s.end), 60)),
        })
        .collect();
    let actors = analysis
        .actors
        .iter()
        .map(|a| ActorItem {
            name: a.name.clone(),
            kind: a.kind,
            mentions: a.mentions.len(),
            aliases: aliases(text, &offsets, a),
        })
        .collect();
    let part = |span: (usize, usize), holder: &Option<String>, stance| PartItem {
        excerpt: excerpt(text, &offsets, span, 160),
        holder: actor_name(holder),
        span,
        stance,
    };
    let disputes = analysis
        .disputes
        .iter()
        .map(|d| DisputeItem {
            topic: d.topic.clone(),
            claim: part((d.claim.start, d.claim.end), &d.claim.holder, None),
            positions: d.positions.iter().map(|p| part((p.start, p.end), &p.holder, Some(p.stance))).collect(),
        })
        .collect();
    let legend = layers.iter().map(|l| LayerItem { name: l.name, label: l.label, count: l.spans.len() }).collect();
    let quote_spans: Vec<(usize, usize)> = analysis.quotes.iter().map(|q| (q.start, q.end)).collect();
    let timings = Timings { read: t1 - t0, analyze: t2 - t1, highlight: t3 - t2, total: t3 - t0 };
    let open = option(&options, "open").is_none_or(|v| v != "false");
    let words = word_count(text);
    let state = UiState::new(open, hidden.clone());
    let view = Rc::new(View::new(page, root.clone(), paint, layers, state));
    SELF.with(|s| *s.borrow_mut() = Some(Rc::downgrade(&view)));
    let weak = Rc::downgrade(&view);
    let with_view = move |f: &dyn Fn(&View)| {
        if let Some(v) = weak.upgrade() {
            f(&v)
        }
    };
    let with_view = Rc::new(with_view);
    let props = AppProps {
        title,
        words,
        quotes: Rc::new(quotes),
        actors: Rc::new(actors),
        disputes: Rc::new(disputes),
        layers: Rc::new(legend),
        graph: Rc::new(graph(&analysis)),
        elapsed_ms: timings.total,
        notice,
        start_open: open,
        start_hidden: hidden,
        on_focus: {
            let with_view = with_view.clone();
            yew::Callback::from(move |i: usize| {
                if let Some(&span) = quote_spans.get(i) {
                    with_view(&|v| {
                        if let Some(range) = v.focus(&[span], 0) {
                            v.open_card(vec![Target::Quote(i)], range, true, false);
                        }
                    });
                }
            })
        },
        on_actor: {
            let with_view = with_view.clone();
            yew::Callback::from(move |i: usize| with_view(&|v| v.step_actor(i, 1, true)))
        },
        on_step: {
            let with_view = with_view.clone();
            yew::Callback::from(move |(i, delta): (usize, i32)| with_view(&|v| v.step_actor(i, delta, false)))
        },
        on_span: {
            let with_view = with_view.clone();
            yew::Callback::from(move |span: (usize, usize)| {
                with_view(&|v| {
                    v.focus(&[span], 0);
                })
            })
        },
        on_layer: {
            let with_view = with_view.clone();
            yew::Callback::from(move |(name, visible): (String, bool)| {
                with_view(&|v| v.switch_layer(&name, visible));
                remember_layer(&name, visible);
            })
        },
        on_connect: {
            let with_view = with_view.clone();
            yew::Callback::from(move |d: yew::Callback<Action>| {
                with_view(&|v| *v.dispatch.borrow_mut() = Some(d.clone()))
            })
        },
        on_state: {
            let with_view = with_view.clone();
            yew::Callback::from(move |s: UiState| with_view(&|v| v.state_changed(s.clone())))
        },
    };
    let container = doc.create_element("div").map_err(|_| JsError::new("cannot create the widget"))?;
    container.set_class_name("ng-app");
    let style = doc.create_element("style").map_err(|_| JsError::new("cannot create the widget"))?;
    style.set_text_content(Some(crate::ui::WIDGET_CSS));
    root.append_child(&style).map_err(|_| JsError::new("cannot attach the widget's styles"))?;
    root.append_child(&container).map_err(|_| JsError::new("cannot attach the widget"))?;
    let app = yew::Renderer::<App>::with_root_and_props(container, props).render();
    let mut listeners = hit::listen(&view);
    listeners.extend(keys::listen(&view));
    Ok(Widget { analysis, view: Some(view), listeners, app: Some(app), root, timings })
}

#[wasm_bindgen]
impl Widget {
    /// The current findings, in the analysis JSON format.
    pub fn analysis(&self) -> Result<JsValue, JsError> {
        let ser = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&self.analysis, &ser).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Milliseconds spent reading the page, analysing, and highlighting.
    pub fn timings(&self) -> Result<JsValue, JsError> {
        let ser = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&self.timings, &ser).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Removes the UI, the highlights and the stylesheet.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.listeners.clear();
        if let Some(view) = self.view.take() {
            match &mut *view.paint.borrow_mut() {
                Paint::Highlights { h, .. } => h.clear(),
                Paint::Marks(m) => m.clear(),
                Paint::None => {}
            }
        }
        SELF.with(|s| s.borrow_mut().take());
        while let Some(child) = self.root.first_child() {
            let _ = self.root.remove_child(&child);
        }
        panic::forget();
    }

    /// Panics on purpose, so that tests can check that a panic is caught,
    /// logged once and shown, and that the host page keeps working.
    #[wasm_bindgen(js_name = _panicForTests)]
    pub fn panic_for_tests(&self) {
        panic!("panic requested by a test");
    }
}

/// Remembers a layer switched in the legend.
fn remember_layer(name: &str, visible: bool) {
    let mut hidden = stored_hidden_layers();
    hidden.retain(|h| h != name);
    if !visible {
        hidden.push(name.to_string());
    }
    store_hidden_layers(&hidden);
}

/// The other ways the text names an actor (distinct mention texts, not
/// its name), at most five.
fn aliases(text: &str, offsets: &Offsets, a: &crate::analysis::Actor) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in &a.mentions {
        let t = excerpt(text, offsets, (m.start, m.end), 60);
        if t != a.name && !t.is_empty() && !out.contains(&t) && out.len() < 5 {
            out.push(t);
        }
    }
    out
}

const HIDDEN_KEY: &str = "newsgloss:hidden-layers";

/// The layers the reader switched off, from local storage (none when
/// storage is unavailable or unreadable).
fn stored_hidden_layers() -> Vec<String> {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(HIDDEN_KEY).ok().flatten())
        .unwrap_or_default();
    stored.split(',').filter(|s| !s.is_empty() && s.len() < 40).map(str::to_string).collect()
}

/// Best effort: a full or forbidden storage only loses this preference.
fn store_hidden_layers(hidden: &[String]) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(HIDDEN_KEY, &hidden.join(","));
    }
}

/// The text of a code-point span, cut to `max` chars with an ellipsis.
fn excerpt(text: &str, offsets: &Offsets, (s, e): (usize, usize), max: usize) -> String {
    let (Some(a), Some(b)) = (offsets.char_to_byte(s), offsets.char_to_byte(e)) else { return String::new() };
    let slice = text.get(a..b).unwrap_or_default().trim();
    if max == usize::MAX || slice.chars().count() <= max {
        return slice.to_string();
    }
    let mut cut: String = slice.chars().take(max).collect();
    cut.push('…');
    cut
}

fn option(options: &JsValue, name: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &JsValue::from_str(name)).ok()?.as_string()
}

fn measure(perf: &Option<web_sys::Performance>, from: &str, to: &str) {
    if let Some(p) = perf {
        let _ = p.measure_with_str_and_end_mark("newsgloss:mount-to-highlights", from, to);
    }
}

fn mark(perf: &Option<web_sys::Performance>, name: &str) {
    if let Some(p) = perf {
        let _ = p.mark(name);
    }
}
