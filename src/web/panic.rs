//! Turns a Rust panic into one console line and a message in the widget,
//! never an exception the host page has to handle.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use web_sys::ShadowRoot;

static REPORTED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Where to show the message: the widget's shadow root, once mounted.
    static ROOT: RefCell<Option<ShadowRoot>> = const { RefCell::new(None) };
}

/// Installs the hook (idempotent) and remembers where to show failures.
pub fn install(root: &ShadowRoot) {
    ROOT.with(|r| *r.borrow_mut() = Some(root.clone()));
    yew::set_custom_panic_hook(Box::new(|info| {
        if REPORTED.swap(true, Ordering::SeqCst) {
            return;
        }
        web_sys::console::error_1(&format!("newsgloss: internal error: {info}").into());
        ROOT.with(|r| {
            if let Some(root) = r.borrow().as_ref() {
                show_error(
                    root,
                    "newsgloss stopped after an internal error. The page itself is unaffected; reload to try again.",
                );
            }
        });
    }));
}

/// Forgets the shadow root (on destroy).
pub fn forget() {
    ROOT.with(|r| *r.borrow_mut() = None);
}

/// Replaces the widget's content with a message (text only, never HTML).
pub fn show_error(root: &ShadowRoot, message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(div) = doc.create_element("div") else {
        return;
    };
    div.set_class_name("ng-error");
    let _ = div.set_attribute("role", "alert");
    div.set_text_content(Some(message));
    if let Ok(Some(old)) = root.query_selector(".ng-app") {
        old.remove();
    }
    let _ = root.append_child(&div);
}
