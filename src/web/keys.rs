//! The keyboard shortcuts on the page (the rules are `ui::keys`): one
//! listener on the document; the page's own inputs keep their keys.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, KeyboardEvent};

use super::hit::Listener;
use super::view::{on_next_frame, View};
use crate::ui::keys::{command, Command, Press};
use crate::ui::state::Action;

pub fn listen(view: &Rc<View>) -> Vec<Listener> {
    let doc: EventTarget = view.page.doc.clone().into();
    let weak = Rc::downgrade(view);
    vec![Listener::add(&doc, "keydown", false, move |e: web_sys::Event| {
        let (Some(view), Some(e)) = (weak.upgrade(), e.dyn_ref::<KeyboardEvent>()) else { return };
        if e.default_prevented() || e.is_composing() {
            return;
        }
        let (key, code) = (e.key(), e.code());
        let active = view.page.doc.active_element();
        let host: Element = view.root.host();
        let in_widget = active.as_ref() == Some(&host);
        let press = Press {
            key: &key,
            code: &code,
            alt: e.alt_key(),
            shift: e.shift_key(),
            ctrl: e.ctrl_key(),
            meta: e.meta_key(),
            typing: !in_widget && active.as_ref().is_some_and(typing),
            idle: active.as_ref().is_none_or(|a| a.local_name() == "body" || a.local_name() == "html"),
            in_widget,
        };
        let command = command(&press);
        if command.is_some() {
            view.cancel_hover();
        }
        match command {
            Some(Command::TogglePanel) => toggle_panel(&view, in_widget),
            Some(Command::Next) => view.step(1),
            Some(Command::Previous) => view.step(-1),
            Some(Command::OpenCard) => view.open_current(),
            Some(Command::Close) => {
                if view.state.borrow().card.is_some() {
                    view.send(Action::CloseCard);
                } else if in_widget {
                    // Back to the text: leave the widget.
                    if let Some(el) = view.root.active_element().and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = el.blur();
                    }
                }
            }
            None => {}
        }
    })]
}

/// Whether the reader types into `el`.
pub(super) fn typing(el: &Element) -> bool {
    let name = el.local_name();
    matches!(name.as_str(), "input" | "textarea" | "select")
        || el.dyn_ref::<web_sys::HtmlElement>().is_some_and(|h| h.is_content_editable())
}

/// Alt+Shift+N: opens the panel and moves focus into it; from inside the
/// panel, closes it and gives focus back to the page.
fn toggle_panel(view: &View, in_widget: bool) {
    let open = view.state.borrow().open;
    if open && in_widget {
        view.send(Action::Close);
        if let Some(el) = view.root.active_element().and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.blur();
        }
        return;
    }
    if !open {
        view.send(Action::Toggle);
    }
    let root = view.root.clone();
    on_next_frame(move || {
        let first = root.query_selector(".ng-panel .ng-tabbtn[aria-selected=true]").ok().flatten();
        if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}
