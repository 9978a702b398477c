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
use crate::ui::{App, AppProps, QuoteItem};

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

    let offsets = Offsets::new(&found.text);
    let ranges: Vec<Option<Range>> = analysis
        .quotes
        .iter()
        .map(|q| {
            let start = offsets.char_to_byte(q.start)?;
            let end = offsets.char_to_byte(q.end)?;
            dom.range(&doc, &found, start, end)
        })
        .collect();
    let highlights = Rc::new(RefCell::new(None));
    let mut notice = None;
    if Highlights::supported() {
        let mut h = Highlights::install(&doc);
        let drawn: Vec<Range> = ranges.iter().flatten().cloned().collect();
        h.set("quote", &drawn).map_err(|_| JsError::new("the browser refused the highlights"))?;
        *highlights.borrow_mut() = Some(h);
    } else {
        notice = Some(
            "This browser cannot draw highlights (no CSS Custom Highlight API); the lists still work.".to_string(),
        );
    }
    let t3 = now();
    mark(&perf, "newsgloss:highlights-drawn");

    let actor_name = |id: &str| analysis.actors.iter().find(|a| a.id == id).map(|a| a.name.clone());
    let quotes = analysis
        .quotes
        .iter()
        .map(|q| QuoteItem {
            text: found.text.chars().skip(q.start).take(q.end - q.start).collect(),
            kind: q.kind,
            speaker: q.speaker.as_ref().and_then(|s| match &s.actor {
                Some(id) => actor_name(id),
                None => Some(found.text.chars().skip(s.start).take(s.end - s.start).collect()),
            }),
        })
        .collect();
    let timings = Timings { read: t1 - t0, analyze: t2 - t1, highlight: t3 - t2, total: t3 - t0 };
    let open = option(&options, "open").is_none_or(|v| v != "false");
    let props = AppProps {
        title,
        words: word_count(&found.text),
        quotes: Rc::new(quotes),
        elapsed_ms: timings.total,
        notice,
        start_open: open,
        on_focus: focus_callback(highlights.clone(), ranges),
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

/// Scrolls the page to quote `i` and flashes it.
fn focus_callback(highlights: Rc<RefCell<Option<Highlights>>>, ranges: Vec<Option<Range>>) -> yew::Callback<usize> {
    yew::Callback::from(move |i: usize| {
        let Some(Some(range)) = ranges.get(i) else { return };
        scroll_to(range);
        if let Some(h) = highlights.borrow_mut().as_mut() {
            let _ = h.set("focus", std::slice::from_ref(range));
        }
    })
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
