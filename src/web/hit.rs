//! Pointer events on the page for highlights, which have none of their own:
//! a click (or the pointer resting a moment) is turned into a caret
//! position (`caretPositionFromPoint`, else `caretRangeFromPoint`), the
//! caret into an offset in the article text, and `ui::hit::HitIndex` says
//! which visible findings cover it. Listeners are passive and never
//! prevent the page's default: a link inside a highlight still works.
//! Also keeps an open card next to its highlight while the page scrolls.

use std::rc::Rc;

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, MouseEvent, Node, Range};

use super::view::{on_next_frame, View};
use crate::text::offsets::utf16_to_byte;
use crate::text::Offsets;
use crate::ui::hit::article_byte;
use crate::ui::layers::Target;
use crate::ui::state::Action;

/// How long the pointer rests on a highlight before its card opens (ms).
const HOVER_DELAY: i32 = 450;

/// A listener added to the page, removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    pub fn add(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        callback: impl FnMut(web_sys::Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(callback);
        let options = web_sys::AddEventListenerOptions::new();
        options.set_capture(capture);
        options.set_passive(true);
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            callback.as_ref().unchecked_ref(),
            &options,
        );
        Listener { target: target.clone(), kind, capture, callback }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.callback.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// The pointer listeners: click, hover, scroll and resize.
pub fn listen(view: &Rc<View>) -> Vec<Listener> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let doc: EventTarget = view.page.doc.clone().into();
    let weak = Rc::downgrade(view);
    let click = {
        let weak = weak.clone();
        move |e: web_sys::Event| {
            let (Some(view), Some(e)) = (weak.upgrade(), e.dyn_ref::<MouseEvent>()) else { return };
            view.cancel_hover();
            if e.button() != 0 || from_widget(&view, e) || selecting(&view) {
                return;
            }
            match hit(&view, e.client_x() as f32, e.client_y() as f32) {
                Some((hits, range)) => view.open_card(hits, range, true, false),
                None => view.send(Action::CloseCard),
            }
        }
    };
    let hover = {
        let weak = weak.clone();
        let window = window.clone();
        move |e: web_sys::Event| {
            let (Some(view), Some(e)) = (weak.upgrade(), e.dyn_ref::<MouseEvent>()) else { return };
            view.cancel_hover();
            if from_widget(&view, e) || e.buttons() != 0 {
                return;
            }
            let (x, y) = (e.client_x() as f32, e.client_y() as f32);
            let weak = weak.clone();
            let rest = Closure::once_into_js(move || {
                if let Some(view) = weak.upgrade() {
                    hover_at(&view, x, y);
                }
            });
            view.hover_timer.set(
                window.set_timeout_with_callback_and_timeout_and_arguments_0(rest.unchecked_ref(), HOVER_DELAY).ok(),
            );
        }
    };
    let framed = Rc::new(std::cell::Cell::new(false));
    let reposition = move |_: web_sys::Event| {
        if framed.replace(true) {
            return;
        }
        let (weak, framed) = (weak.clone(), framed.clone());
        on_next_frame(move || {
            framed.set(false);
            if let Some(view) = weak.upgrade() {
                if view.state.borrow().card.is_some() {
                    view.place_card();
                }
            }
        });
    };
    let win: EventTarget = window.into();
    vec![
        Listener::add(&doc, "click", true, click),
        Listener::add(&doc, "mousemove", false, hover),
        Listener::add(&win, "scroll", false, reposition.clone()),
        Listener::add(&win, "resize", false, reposition),
    ]
}

/// The pointer rested at (x, y): open a hover card, or close one.
fn hover_at(view: &View, x: f32, y: f32) {
    let pinned = view.state.borrow().card.as_ref().is_some_and(|c| c.pinned);
    if pinned || selecting(view) {
        return;
    }
    match hit(view, x, y) {
        Some((hits, range)) => {
            let same = view.state.borrow().card.as_ref().is_some_and(|c| c.hits == hits);
            if !same {
                view.open_card(hits, range, false, false);
            }
        }
        None => view.send(Action::CloseHoverCard),
    }
}

/// The reader has text selected (to annotate it): no card then, it would
/// cover the "Annotate" bar; the click that ends a drag is not a pick.
fn selecting(view: &View) -> bool {
    view.page.doc.get_selection().ok().flatten().is_some_and(|s| !s.is_collapsed())
}

/// Events on the widget itself (its card, its panel) are not the page's.
fn from_widget(view: &View, e: &MouseEvent) -> bool {
    let host: Node = view.root.host().into();
    e.target().and_then(|t| t.dyn_into::<Node>().ok()).is_some_and(|t| host.contains(Some(&t)))
}

/// The findings under viewport point (x, y), innermost first, with the
/// range of the innermost one.
pub fn hit(view: &View, x: f32, y: f32) -> Option<(Vec<Target>, Range)> {
    let (node, offset) = caret(&view.page.doc, x, y)?;
    // The caret sits between two characters: take the one under the point.
    let len = node.node_value()?.encode_utf16().count() as u32;
    let under = [offset, offset.wrapping_sub(1)].into_iter().find(|&o| o < len && char_contains(&node, o, x, y))?;
    // The reader's notes first (anywhere in the body), then the findings
    // (article text only), innermost first.
    let (mut targets, mut range) = note_hits(view, &node, under);
    if let Some(pos) = text_offset(view, &node, under) {
        let state = view.state.borrow();
        let hits = view.index.at(pos, |l| state.shows(l));
        drop(state);
        if range.is_none() {
            range = hits.first().and_then(|h| view.ranges(&[h.span]).into_iter().next());
        }
        targets.extend(hits.iter().map(|h| h.target));
    }
    Some((targets, range?))
}

/// The reader's notes under UTF-16 `offset` of text `node`, with the range
/// of the first.
fn note_hits(view: &View, node: &Node, offset: u32) -> (Vec<Target>, Option<Range>) {
    let notes = view.notes.borrow();
    let Some((body, spans)) = notes.as_ref() else { return (Vec::new(), None) };
    let text = body.view();
    let Some(c) = body.index_of(node).and_then(|i| text.char_of(i, offset as usize)) else { return (Vec::new(), None) };
    let mut range = None;
    let mut targets = Vec::new();
    for (k, &(s, e)) in spans.iter().enumerate() {
        if s <= c && c < e {
            targets.push(Target::Note(k));
            if range.is_none() {
                range = body.range(&text, &view.page.doc, s, e);
            }
        }
    }
    (targets, range)
}

/// Whether the character at UTF-16 `offset` of text `node` covers (x, y).
fn char_contains(node: &Node, offset: u32, x: f32, y: f32) -> bool {
    let Some(doc) = node.owner_document() else { return false };
    let Ok(r) = doc.create_range() else { return false };
    if r.set_start(node, offset).is_err() || r.set_end(node, offset + 1).is_err() {
        return false;
    }
    let b = r.get_bounding_client_rect();
    let (x, y) = (x as f64, y as f64);
    b.width() > 0.0 && x >= b.left() - 1.0 && x <= b.right() + 1.0 && y >= b.top() - 1.0 && y <= b.bottom() + 1.0
}

/// The code point of the article text at UTF-16 `offset` in text `node`
/// (an article text node, or one of the fallback's pieces of one).
fn text_offset(view: &View, node: &Node, offset: u32) -> Option<usize> {
    let (id, base) = match &*view.paint.borrow() {
        super::view::Paint::Marks(m) if m.active() => m.origin(node).or_else(|| Some((view.page.id_of(node)?, 0)))?,
        _ => (view.page.id_of(node)?, 0),
    };
    let text = view.page.dom.tree.text(id)?;
    let byte = utf16_to_byte(text, (base + offset) as usize)?;
    let at = article_byte(&view.page.article, id, byte)?;
    Some(Offsets::new(&view.page.article.text).byte_to_char(at))
}

/// The caret at viewport point (x, y): (text node, UTF-16 offset). Both
/// APIs are looked up, not assumed: a browser may have either.
fn caret(doc: &web_sys::Document, x: f32, y: f32) -> Option<(Node, u32)> {
    let d: &JsValue = doc.as_ref();
    let call = |name: &str| -> Option<JsValue> {
        let f = Reflect::get(d, &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()?;
        f.call2(d, &JsValue::from_f64(x as f64), &JsValue::from_f64(y as f64)).ok().filter(|v| !v.is_null())
    };
    let (node, offset) = if let Some(pos) = call("caretPositionFromPoint") {
        (Reflect::get(&pos, &"offsetNode".into()).ok()?, Reflect::get(&pos, &"offset".into()).ok()?)
    } else {
        let r = call("caretRangeFromPoint")?;
        (Reflect::get(&r, &"startContainer".into()).ok()?, Reflect::get(&r, &"startOffset".into()).ok()?)
    };
    let node: Node = node.dyn_into().ok()?;
    (node.node_type() == Node::TEXT_NODE).then_some((node, offset.as_f64()? as u32))
}
