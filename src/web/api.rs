//! The widget's entry point for the loader: `mount(shadowRoot, options)`
//! reads the page, runs the analysis, draws highlights and renders the UI;
//! the returned [`Widget`] answers `analysis()` and `destroy()`.
//!
//! Errors come back as a JS `Error` with a message meant for the reader; the
//! loader shows it in the widget. Nothing here throws into the host page on
//! its own.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Range, ShadowRoot};
use yew::AppHandle;

use super::dom::DomTree;
use super::highlight::Highlights;
use super::panic;
use crate::analysis::{analyze, Analysis};
use crate::article;
use crate::text::{segment::word_count, Offsets};
use crate::ui::{layers::layers, ActorItem, App, AppProps, DisputeItem, LayerItem, PartItem, QuoteItem};

/// A mounted widget. Dropping it (or `destroy()`) removes every trace.
#[wasm_bindgen]
pub struct Widget {
    analysis: Analysis,
    highlights: Rc<RefCell<Option<Highlights>>>,
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
    let found = article::article(&dom.tree);
    let title =
        article::title_near(&dom.tree, found.root).filter(|t| !t.trim().is_empty()).unwrap_or_else(|| doc.title());
    let t1 = now();
    let analysis = analyze(&found.text);
    let t2 = now();

    let page = Rc::new(Page { doc: doc.clone(), dom, article: found });
    let offsets = Offsets::new(&page.article.text);
    let layers = layers(&analysis);
    let highlights = Rc::new(RefCell::new(None));
    let hidden = stored_hidden_layers();
    let mut drawn: Vec<Drawn> = Vec::new();
    let mut notice = None;
    if Highlights::supported() {
        let mut h = Highlights::install(&doc);
        for layer in &layers {
            let ranges = page.ranges(&offsets, &layer.spans);
            if !hidden.iter().any(|x| x == layer.name) {
                h.set(layer.name, &ranges, layer.priority)
                    .map_err(|_| JsError::new("the browser refused the highlights"))?;
            }
            drawn.push(Drawn { name: layer.name, ranges, priority: layer.priority });
        }
        *highlights.borrow_mut() = Some(h);
    } else {
        notice = Some(
            "This browser cannot draw highlights (no CSS Custom Highlight API); the lists still work.".to_string(),
        );
    }
    let t3 = now();
    mark(&perf, "newsgloss:highlights-drawn");

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
        })
        .collect();
    let actors = analysis
        .actors
        .iter()
        .map(|a| ActorItem { name: a.name.clone(), kind: a.kind, mentions: a.mentions.len() })
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
    let mention_spans: Vec<Vec<(usize, usize)>> =
        analysis.actors.iter().map(|a| a.mentions.iter().map(|m| (m.start, m.end)).collect()).collect();
    let timings = Timings { read: t1 - t0, analyze: t2 - t1, highlight: t3 - t2, total: t3 - t0 };
    let open = option(&options, "open").is_none_or(|v| v != "false");
    let focus = focus_callback(page.clone(), highlights.clone());
    let props = AppProps {
        title,
        words: word_count(text),
        quotes: Rc::new(quotes),
        actors: Rc::new(actors),
        disputes: Rc::new(disputes),
        layers: Rc::new(legend),
        elapsed_ms: timings.total,
        notice,
        start_open: open,
        start_hidden: hidden,
        on_focus: {
            let focus = focus.clone();
            yew::Callback::from(move |i: usize| {
                if let Some(&span) = quote_spans.get(i) {
                    focus(&[span], 0);
                }
            })
        },
        on_actor: {
            let focus = focus.clone();
            let cursors = RefCell::new(vec![0usize; mention_spans.len()]);
            yew::Callback::from(move |i: usize| {
                let Some(spans) = mention_spans.get(i) else { return };
                let mut cursors = cursors.borrow_mut();
                let Some(k) = cursors.get_mut(i) else { return };
                focus(spans, *k);
                *k = (*k + 1) % spans.len().max(1);
            })
        },
        on_span: yew::Callback::from(move |span: (usize, usize)| focus(&[span], 0)),
        on_layer: layer_callback(highlights.clone(), drawn),
    };
    let container = doc.create_element("div").map_err(|_| JsError::new("cannot create the widget"))?;
    container.set_class_name("ng-app");
    let style = doc.create_element("style").map_err(|_| JsError::new("cannot create the widget"))?;
    style.set_text_content(Some(crate::ui::WIDGET_CSS));
    root.append_child(&style).map_err(|_| JsError::new("cannot attach the widget's styles"))?;
    root.append_child(&container).map_err(|_| JsError::new("cannot attach the widget"))?;
    let app = yew::Renderer::<App>::with_root_and_props(container, props).render();
    Ok(Widget { analysis, highlights, app: Some(app), root, timings })
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
        if let Some(mut h) = self.highlights.borrow_mut().take() {
            h.clear();
        }
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

/// The page as read: the DOM tree behind the article text, so that spans
/// of the text can become ranges on the page at any time.
struct Page {
    doc: web_sys::Document,
    dom: DomTree,
    article: article::Article,
}

impl Page {
    /// DOM ranges for code-point spans of the article text (spans that map
    /// onto nothing are left out).
    fn ranges(&self, offsets: &Offsets, spans: &[(usize, usize)]) -> Vec<Range> {
        spans
            .iter()
            .filter_map(|&(s, e)| {
                self.dom.range(&self.doc, &self.article, offsets.char_to_byte(s)?, offsets.char_to_byte(e)?)
            })
            .collect()
    }
}

/// Marks spans on the page and scrolls to one of them.
type Focus = Rc<dyn Fn(&[(usize, usize)], usize)>;

/// `focus(spans, k)`: marks all `spans` (the focus highlight) and scrolls to
/// the `k`-th.
fn focus_callback(page: Rc<Page>, highlights: Rc<RefCell<Option<Highlights>>>) -> Focus {
    Rc::new(move |spans: &[(usize, usize)], k: usize| {
        let offsets = Offsets::new(&page.article.text);
        let ranges = page.ranges(&offsets, spans);
        if let Some(range) = ranges.get(k).or(ranges.first()) {
            scroll_to(range);
        }
        if let Some(h) = highlights.borrow_mut().as_mut() {
            let _ = h.set("focus", &ranges, 10);
        }
    })
}

/// A highlight layer's ranges on the page, kept so that it can be switched
/// back on without reading the page again.
struct Drawn {
    name: &'static str,
    ranges: Vec<Range>,
    priority: i32,
}

/// Switches a highlight layer on or off, and remembers the choice.
fn layer_callback(highlights: Rc<RefCell<Option<Highlights>>>, drawn: Vec<Drawn>) -> yew::Callback<(String, bool)> {
    yew::Callback::from(move |(name, visible): (String, bool)| {
        if let Some(h) = highlights.borrow_mut().as_mut() {
            match drawn.iter().find(|d| d.name == name) {
                Some(d) if visible => {
                    let _ = h.set(d.name, &d.ranges, d.priority);
                }
                _ => h.remove(&name),
            }
        }
        let mut hidden = stored_hidden_layers();
        hidden.retain(|h| *h != name);
        if !visible {
            hidden.push(name);
        }
        store_hidden_layers(&hidden);
    })
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

/// Scrolls the window so that `range` sits in the part of the viewport the
/// widget leaves free (the upper half on phones, where the bottom sheet
/// covers the rest); instant when the reader prefers reduced motion.
fn scroll_to(range: &Range) {
    let Some(window) = web_sys::window() else { return };
    let rect = range.get_bounding_client_rect();
    let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
    let width = window.inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(1200.0);
    let free = if width <= 640.0 { height * 0.55 } else { height };
    let target = window.scroll_y().unwrap_or(0.0) + rect.top() - (free - rect.height()).max(0.0) / 3.0;
    let reduced = window.match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches());
    let opts = web_sys::ScrollToOptions::new();
    opts.set_top(target.max(0.0));
    opts.set_behavior(if reduced { web_sys::ScrollBehavior::Instant } else { web_sys::ScrollBehavior::Smooth });
    window.scroll_to_with_scroll_to_options(&opts);
}

fn option(options: &JsValue, name: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &JsValue::from_str(name)).ok()?.as_string()
}

fn mark(perf: &Option<web_sys::Performance>, name: &str) {
    if let Some(p) = perf {
        let _ = p.mark(name);
    }
}
