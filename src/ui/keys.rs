//! The keyboard shortcuts: which key press means what. Pure, so the rules
//! (never while the reader types in the page, never with the modifiers the
//! browser or the system needs) are tested natively; `web::keys` listens.
//!
//! | keys | does |
//! | --- | --- |
//! | Alt+Shift+N | open or close the panel |
//! | `j` / Alt+↓ | next highlight of the selected kind (the picked actor, else the open tab's) |
//! | `k` / Alt+↑ | previous one |
//! | Enter | open the card of the highlight just stepped to (when nothing on the page has focus) |
//! | Escape | close the card, focus back where it was |
//! | ← → Home End | on a panel tab: the previous, next, first, last tab (`tab_key`) |

use super::state::Panel;

/// What a key press asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    TogglePanel,
    Next,
    Previous,
    OpenCard,
    Close,
}

/// A key press as the shell saw it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Press<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// `KeyboardEvent.code` (layout independent: Alt+Shift+N on a Mac
    /// gives key "˜" but code "KeyN").
    pub code: &'a str,
    pub alt: bool,
    pub shift: bool,
    pub ctrl: bool,
    pub meta: bool,
    /// Focus is in something the reader types into (input, textarea,
    /// select, contenteditable) on the page.
    pub typing: bool,
    /// Focus is on nothing in particular (the body): Enter is free.
    pub idle: bool,
    /// Focus is inside the widget.
    pub in_widget: bool,
}

/// The command for `p`, if it is one of ours.
pub fn command(p: &Press) -> Option<Command> {
    if p.typing || p.ctrl || p.meta {
        return None;
    }
    match (p.alt, p.shift, p.code, p.key) {
        (true, true, "KeyN", _) => Some(Command::TogglePanel),
        (true, false, _, "ArrowDown") => Some(Command::Next),
        (true, false, _, "ArrowUp") => Some(Command::Previous),
        (false, false, _, "j") => Some(Command::Next),
        (false, false, _, "k") => Some(Command::Previous),
        (false, false, _, "Enter") if p.idle => Some(Command::OpenCard),
        (false, false, _, "Escape") => Some(Command::Close),
        _ => None,
    }
    // Inside the widget, Enter and Space belong to its buttons.
    .filter(|c| !(p.in_widget && *c == Command::OpenCard))
}

/// The position after stepping `delta` (±1) from `current` in a list of
/// `len`, wrapping; the first step forward goes to 0, backward to the end.
pub fn step(current: Option<usize>, delta: i32, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match (current, delta >= 0) {
        (None, true) => 0,
        (None, false) => len - 1,
        (Some(i), true) => (i + 1) % len,
        (Some(i), false) => (i + len - 1) % len,
    })
}

/// The tab a key moves to from tab `current` (the WAI-ARIA tab pattern:
/// Left/Right wrap, Home/End go to the ends); `None` for other keys or
/// with a modifier (Alt+arrows step through highlights).
pub fn tab_key(current: Panel, key: &str, modified: bool) -> Option<Panel> {
    if modified {
        return None;
    }
    let all = Panel::ALL;
    let i = all.iter().position(|p| *p == current)?;
    let to = match key {
        "ArrowRight" => step(Some(i), 1, all.len())?,
        "ArrowLeft" => step(Some(i), -1, all.len())?,
        "Home" => 0,
        "End" => all.len() - 1,
        _ => return None,
    };
    all.get(to).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> Press<'_> {
        Press { key, code: "", idle: true, ..Press::default() }
    }

    #[test]
    fn shortcuts_map_to_commands() {
        assert_eq!(command(&key("j")), Some(Command::Next));
        assert_eq!(command(&key("k")), Some(Command::Previous));
        assert_eq!(command(&Press { alt: true, ..key("ArrowDown") }), Some(Command::Next));
        assert_eq!(command(&Press { alt: true, ..key("ArrowUp") }), Some(Command::Previous));
        assert_eq!(command(&key("Enter")), Some(Command::OpenCard));
        assert_eq!(command(&key("Escape")), Some(Command::Close));
        let toggle = Press { code: "KeyN", alt: true, shift: true, ..key("˜") };
        assert_eq!(command(&toggle), Some(Command::TogglePanel));
        assert_eq!(command(&key("x")), None);
    }

    #[test]
    fn never_while_typing_nor_with_browser_modifiers() {
        for k in ["j", "k", "Enter", "Escape"] {
            assert_eq!(command(&Press { typing: true, ..key(k) }), None, "{k} while typing");
        }
        assert_eq!(command(&Press { ctrl: true, ..key("j") }), None);
        assert_eq!(command(&Press { meta: true, ..key("k") }), None);
        assert_eq!(command(&Press { shift: true, ..key("j") }), None, "J is the reader's");
        assert_eq!(command(&Press { code: "KeyN", alt: true, shift: true, ctrl: true, ..key("N") }), None);
        // Enter on a focused link or button is the page's (or the widget's).
        assert_eq!(command(&Press { idle: false, ..key("Enter") }), None);
        assert_eq!(command(&Press { in_widget: true, ..key("Enter") }), None);
        // Plain arrows scroll the page.
        assert_eq!(command(&key("ArrowDown")), None);
    }

    #[test]
    fn arrows_home_and_end_move_between_tabs() {
        assert_eq!(tab_key(Panel::Quotes, "ArrowRight", false), Some(Panel::Actors));
        assert_eq!(tab_key(Panel::Quotes, "ArrowLeft", false), Some(Panel::Notes), "wraps");
        assert_eq!(tab_key(Panel::Notes, "ArrowRight", false), Some(Panel::Quotes), "wraps");
        assert_eq!(tab_key(Panel::Disputes, "Home", false), Some(Panel::Quotes));
        assert_eq!(tab_key(Panel::Actors, "End", false), Some(Panel::Notes));
        assert_eq!(tab_key(Panel::Actors, "ArrowDown", false), None);
        assert_eq!(tab_key(Panel::Actors, "Enter", false), None);
        assert_eq!(tab_key(Panel::Actors, "ArrowRight", true), None, "Alt+arrows are the shortcuts'");
    }

    #[test]
    fn stepping_wraps_both_ways() {
        assert_eq!(step(None, 1, 3), Some(0));
        assert_eq!(step(None, -1, 3), Some(2));
        assert_eq!(step(Some(2), 1, 3), Some(0));
        assert_eq!(step(Some(0), -1, 3), Some(2));
        assert_eq!(step(Some(0), 1, 0), None);
    }
}
