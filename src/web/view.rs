//! The reading view's shell state, shared by the UI callbacks, the pointer
//! listeners (`web::hit`) and the keyboard (`web::keys`): the page as read,
//! what is painted on it (CSS highlights or, without the API, the
//! fallback's marks), the card's anchor, the stepping cursor, and a copy of
//! the UI state with the reducer's dispatcher.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Range, ShadowRoot};
use yew::Callback;

use super::dom::DomTree;
use super::fallback::Fallback;
use super::highlight::Highlights;
use crate::article::{self, NodeId};
use crate::text::Offsets;
use crate::ui::hit::{place_card, HitIndex, Rect};
use crate::ui::keys::step;
use crate::ui::layers::{Layer, Target};
use crate::ui::state::{Action, Card, Panel, UiState};

/// The page as read: the DOM tree behind the article text, so that spans
/// of the text can become ranges on the page at any time.
pub struct Page {
    pub doc: Document,
    pub dom: DomTree,
    pub article: article::Article,
    /// Text node -> tree id, built on the first hit test.
    ids: RefCell<Option<js_sys::Map>>,
}

impl Page {
    pub fn new(doc: Document, dom: DomTree, article: article::Article) -> Page {
        Page { doc, dom, article, ids: RefCell::new(None) }
    }

    /// DOM ranges for code-point spans of the article text (spans that map
    /// onto nothing are left out). With the fallback's marks on the page,
    /// positions are looked up in the pieces the text nodes were cut into.
    pub fn ranges(&self, spans: &[(usize, usize)], marks: Option<&Fallback>) -> Vec<Range> {
        self.ranges_with(&Offsets::new(&self.article.text), spans, marks)
    }

    /// [`Page::ranges`] with the article text's offsets already indexed
    /// (one index for all the layers of a build).
    pub fn ranges_with(&self, offsets: &Offsets, spans: &[(usize, usize)], marks: Option<&Fallback>) -> Vec<Range> {
        spans
            .iter()
            .filter_map(|&(s, e)| {
                let (a, b) = (offsets.char_to_byte(s)?, offsets.char_to_byte(e)?);
                match marks {
                    Some(m) if m.active() => m.range(&self.doc, &self.dom, &self.article, a, b),
                    _ => self.dom.range(&self.doc, &self.article, a, b),
                }
            })
            .collect()
    }

    /// The tree id of an article text node (not of the fallback's pieces).
    pub fn id_of(&self, node: &web_sys::Node) -> Option<NodeId> {
        let mut ids = self.ids.borrow_mut();
        let map = ids.get_or_insert_with(|| {
            let map = js_sys::Map::new();
            for p in &self.article.pieces {
                if let Some(n) = self.dom.nodes.get(p.node) {
                    map.set(n, &JsValue::from(p.node as u32));
                }
            }
            map
        });
        map.get(node).as_f64().map(|v| v as NodeId)
    }
}

type Span = (usize, usize);
/// A highlighted span and the finding it belongs to.
type Entry = (Span, Target);
/// Ranges already made for a layer's spans.
type RangeCache = HashMap<String, (Vec<Span>, Vec<Range>)>;
/// Stepping: (which list, position in it, its current entry).
type Cursor = (String, Option<usize>, Option<Entry>);

/// The body's text nodes and the reader's notes' body spans.
pub type NoteSpans = (std::rc::Rc<super::body::Body>, Vec<(usize, usize)>);

/// What is painted on the page: CSS highlights, or the fallback's marks.
pub enum Paint {
    Highlights { h: Highlights, cache: RangeCache },
    Marks(Fallback),
    None,
}

pub struct View {
    pub page: Page,
    pub root: ShadowRoot,
    pub paint: RefCell<Paint>,
    pub layers: Vec<Layer>,
    pub index: HitIndex,
    pub mentions: Vec<Vec<(usize, usize)>>,
    pub state: RefCell<UiState>,
    pub dispatch: RefCell<Option<Callback<Action>>>,
    /// The highlight the open card belongs to.
    pub anchor: RefCell<Option<Range>>,
    /// Where focus was before the card took it.
    pub return_focus: RefCell<Option<web_sys::HtmlElement>>,
    pub cursor: RefCell<Cursor>,
    /// Per actor, the last mention stepped to.
    pub actor_cursor: RefCell<Vec<Option<usize>>>,
    flash_timer: RefCell<Option<i32>>,
    /// The pending hover test (the pointer resting), if any.
    pub hover_timer: std::cell::Cell<Option<i32>>,
    /// The reader's anchored notes for hit tests: the body's text nodes and
    /// each note's body span, in the notes panel's order (`Target::Note`).
    pub notes: RefCell<Option<NoteSpans>>,
}

impl View {
    pub fn new(page: Page, root: ShadowRoot, paint: Paint, layers: Vec<Layer>, state: UiState) -> View {
        let index = HitIndex::new(&layers);
        let actors = layers.iter().flat_map(|l| &l.targets).fold(0, |n, t| match t {
            Target::Actor(i) => n.max(i + 1),
            _ => n,
        });
        let mut mentions = vec![Vec::new(); actors];
        for l in &layers {
            for (&span, t) in l.spans.iter().zip(&l.targets) {
                if let Target::Actor(i) = t {
                    mentions[*i].push(span);
                }
            }
        }
        View {
            page,
            root,
            paint: RefCell::new(paint),
            layers,
            index,
            actor_cursor: RefCell::new(vec![None; mentions.len()]),
            mentions,
            state: RefCell::new(state),
            dispatch: RefCell::new(None),
            anchor: RefCell::new(None),
            return_focus: RefCell::new(None),
            cursor: RefCell::new((String::new(), None, None)),
            flash_timer: RefCell::new(None),
            hover_timer: std::cell::Cell::new(None),
            notes: RefCell::new(None),
        }
    }

    pub fn send(&self, action: Action) {
        let dispatch = self.dispatch.borrow().clone();
        if let Some(d) = dispatch {
            d.emit(action);
        }
    }

    /// Forgets a pending hover test (a click or a key came first).
    pub fn cancel_hover(&self) {
        if let (Some(t), Some(w)) = (self.hover_timer.take(), web_sys::window()) {
            w.clear_timeout_with_handle(t);
        }
    }

    /// Paints layer `name` with `spans` (replacing what it had).
    pub fn show(&self, name: &str, spans: &[(usize, usize)], priority: i32) {
        let mut paint = self.paint.borrow_mut();
        match &mut *paint {
            Paint::Highlights { h, cache } => {
                let reuse = cache.get(name).filter(|(s, _)| s == spans).map(|(_, r)| r.clone());
                let ranges = reuse.unwrap_or_else(|| self.page.ranges(spans, None));
                let _ = h.set(name, &ranges, priority);
                cache.insert(name.to_string(), (spans.to_vec(), ranges));
            }
            Paint::Marks(m) => m.show(&self.page, name, spans, priority),
            Paint::None => {}
        }
    }

    pub fn hide(&self, name: &str) {
        match &mut *self.paint.borrow_mut() {
            Paint::Highlights { h, .. } => h.remove(name),
            Paint::Marks(m) => m.hide(&self.page, name),
            Paint::None => {}
        }
    }

    /// A layer switched in the legend.
    pub fn switch_layer(&self, name: &str, visible: bool) {
        match self.layers.iter().find(|l| l.name == name) {
            Some(l) if visible => self.show(l.name, &l.spans, l.priority),
            _ => self.hide(name),
        }
    }

    pub fn ranges(&self, spans: &[(usize, usize)]) -> Vec<Range> {
        match &*self.paint.borrow() {
            Paint::Marks(m) => self.page.ranges(spans, Some(m)),
            _ => self.page.ranges(spans, None),
        }
    }

    /// Marks all `spans` (the focus layer), scrolls to the `k`-th and
    /// flashes it; returns its range.
    pub fn focus(&self, spans: &[(usize, usize)], k: usize) -> Option<Range> {
        self.show("focus", spans, 10);
        let span = spans.get(k).or(spans.first()).copied()?;
        let range = self.ranges(&[span]).into_iter().next()?;
        scroll_to(&range);
        self.flash(span);
        Some(range)
    }

    /// Paints `span` in the flash layer for a moment (not with the
    /// fallback's marks: each change there redraws them all, and the focus
    /// layer marks the span already).
    fn flash(&self, span: (usize, usize)) {
        if matches!(*self.paint.borrow(), Paint::Marks(_)) {
            return;
        }
        self.show("flash", &[span], 11);
        let Some(window) = web_sys::window() else { return };
        if let Some(t) = self.flash_timer.borrow_mut().take() {
            window.clear_timeout_with_handle(t);
        }
        let weak = SELF.with(|s| s.borrow().clone());
        let done = Closure::once_into_js(move || {
            if let Some(view) = weak.and_then(|w| w.upgrade()) {
                view.flash_timer.borrow_mut().take();
                view.hide("flash");
            }
        });
        let id = window.set_timeout_with_callback_and_timeout_and_arguments_0(done.unchecked_ref(), 600).ok();
        *self.flash_timer.borrow_mut() = id;
    }

    /// Steps to the previous or next mention of actor `i` and opens its card.
    pub fn step_actor(&self, i: usize, delta: i32, take_focus: bool) {
        let Some(spans) = self.mentions.get(i) else { return };
        let k = {
            let mut cursors = self.actor_cursor.borrow_mut();
            let Some(cur) = cursors.get_mut(i) else { return };
            *cur = step(*cur, delta, spans.len());
            let Some(k) = *cur else { return };
            k
        };
        let Some(range) = self.focus(spans, k) else { return };
        *self.cursor.borrow_mut() = (format!("actor:{i}"), Some(k), Some((spans[k], Target::Actor(i))));
        self.open_card(vec![Target::Actor(i)], range, true, take_focus);
    }

    /// The list the keyboard steps through: the picked actor's mentions,
    /// else the open tab's kind of finding (visible layers only), sorted.
    fn category(&self) -> (String, Vec<Entry>) {
        let state = self.state.borrow();
        if let Some(i) = state.actor {
            let spans = self.mentions.get(i).cloned().unwrap_or_default();
            return (format!("actor:{i}"), spans.into_iter().map(|s| (s, Target::Actor(i))).collect());
        }
        let prefix: &[&str] = match state.panel {
            Panel::Quotes | Panel::Notes => &["quote-"],
            Panel::Actors | Panel::Graph => &["actor-"],
            Panel::Disputes => &["claim", "position"],
        };
        let mut all: Vec<Entry> = self
            .layers
            .iter()
            .filter(|l| prefix.iter().any(|p| l.name.starts_with(p)) && state.shows(l.name))
            .flat_map(|l| l.spans.iter().copied().zip(l.targets.iter().copied()))
            .collect();
        all.sort_by_key(|&((s, e), _)| (s, e));
        (prefix.join("+"), all)
    }

    /// Next (+1) or previous (-1) highlight of the current category.
    pub fn step(&self, delta: i32) {
        let (key, list) = self.category();
        let current = {
            let cursor = self.cursor.borrow();
            if cursor.0 == key {
                cursor.1
            } else {
                None
            }
        };
        let Some(k) = step(current, delta, list.len()) else { return };
        let spans: Vec<(usize, usize)> = vec![list[k].0];
        if self.focus(&spans, 0).is_some() {
            *self.cursor.borrow_mut() = (key, Some(k), Some(list[k]));
            if let Target::Actor(i) = list[k].1 {
                if let Some(c) = self.actor_cursor.borrow_mut().get_mut(i) {
                    *c = Some(k);
                }
            }
        }
    }

    /// Opens the card of the highlight last stepped to.
    pub fn open_current(&self) {
        let current = self.cursor.borrow().2;
        let Some((span, target)) = current else { return };
        if let Some(range) = self.ranges(&[span]).into_iter().next() {
            let mut hits: Vec<Target> =
                self.index.at(span.0, |l| self.state.borrow().shows(l)).iter().map(|h| h.target).collect();
            hits.retain(|t| *t != target);
            hits.insert(0, target);
            self.open_card(hits, range, true, true);
        }
    }

    /// Opens a card for `hits` anchored to `range`; `take_focus` moves
    /// keyboard focus into it (remembering where it was).
    pub fn open_card(&self, hits: Vec<Target>, range: Range, pinned: bool, take_focus: bool) {
        *self.anchor.borrow_mut() = Some(range);
        self.send(Action::OpenCard(Card { hits, pinned }));
        let weak = SELF.with(|s| s.borrow().clone());
        on_next_frame(move || {
            if let Some(view) = weak.and_then(|w| w.upgrade()) {
                view.place_card();
                if take_focus {
                    view.focus_card();
                }
            }
        });
    }

    /// Puts the card next to its highlight, on screen.
    pub fn place_card(&self) {
        let Some(card) = self.card_element() else { return };
        let Some(range) = self.anchor.borrow().clone() else { return };
        let Some(window) = web_sys::window() else { return };
        let r = range.get_bounding_client_rect();
        let view = (
            window.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(1024.0) as i32,
            window.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(768.0) as i32,
        );
        let size = (card.offset_width(), card.offset_height());
        let anchor = Rect { x: r.left() as i32, y: r.top() as i32, w: r.width() as i32, h: r.height() as i32 };
        let (x, y) = place_card(anchor, size, view);
        let _ = card.set_attribute("style", &format!("left:{x}px;top:{y}px;visibility:visible"));
    }

    fn card_element(&self) -> Option<web_sys::HtmlElement> {
        self.root.query_selector(".ng-card").ok().flatten()?.dyn_into().ok()
    }

    fn focus_card(&self) {
        let Some(card) = self.card_element() else { return };
        if self.return_focus.borrow().is_none() {
            *self.return_focus.borrow_mut() = deep_active(&self.page.doc, &self.root);
        }
        let _ = card.focus();
    }

    /// The UI state changed: keep a copy; a card that went away gives focus
    /// back.
    pub fn state_changed(&self, next: UiState) {
        let had_card = self.state.borrow().card.is_some();
        if had_card && next.card.is_none() {
            self.anchor.borrow_mut().take();
            if let Some(el) = self.return_focus.borrow_mut().take() {
                let _ = el.focus();
            }
        }
        *self.state.borrow_mut() = next;
    }
}

thread_local! {
    /// The mounted view, for timers and frames (which outlive no widget).
    pub static SELF: RefCell<Option<std::rc::Weak<View>>> = const { RefCell::new(None) };
}

/// The focused element, looking into the widget's shadow root.
pub fn deep_active(doc: &Document, root: &ShadowRoot) -> Option<web_sys::HtmlElement> {
    let host: Option<web_sys::Node> = Some(root.host().into());
    let active = doc.active_element()?;
    let el = if Some::<web_sys::Node>(active.clone().into()) == host { root.active_element()? } else { active };
    el.dyn_into().ok()
}

/// Runs `f` on the next animation frame (after yew has rendered).
pub fn on_next_frame(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let cb = Closure::once_into_js(f);
    let _ = window.request_animation_frame(cb.unchecked_ref());
}

/// Scrolls the window so that `range` sits in the part of the viewport the
/// widget leaves free (the upper half on phones, where the bottom sheet
/// covers the rest); instant when the reader prefers reduced motion.
pub fn scroll_to(range: &Range) {
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
