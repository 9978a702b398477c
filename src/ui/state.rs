//! UI state as a reducer: explicit actions in, new state out (the pattern of
//! yew's function_todomvc example). Pure, so it is tested natively.

/// The sidebar's panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Quotes,
    Actors,
    Disputes,
}

/// What the panel shows right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiState {
    /// The sidebar (or bottom sheet) is expanded.
    pub open: bool,
    /// The quotation the reader last picked.
    pub selected: Option<usize>,
    pub panel: Panel,
    /// Highlight layers the reader switched off (see `ui::layers`).
    pub hidden: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Toggle,
    Close,
    Select(usize),
    Show(Panel),
    /// Switch a highlight layer off, or on again.
    ToggleLayer(String),
}

impl UiState {
    pub fn new(open: bool, hidden: Vec<String>) -> Self {
        UiState { open, selected: None, panel: Panel::Quotes, hidden }
    }

    /// The state after `action`.
    pub fn reduce(&self, action: Action) -> UiState {
        let mut next = self.clone();
        match action {
            Action::Toggle => next.open = !self.open,
            Action::Close => next.open = false,
            Action::Select(i) => next.selected = Some(i),
            Action::Show(panel) => next.panel = panel,
            Action::ToggleLayer(name) => match self.hidden.iter().position(|h| *h == name) {
                Some(i) => {
                    next.hidden.remove(i);
                }
                None => next.hidden.push(name),
            },
        }
        next
    }

    pub fn shows(&self, layer: &str) -> bool {
        !self.hidden.iter().any(|h| h == layer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_opens_and_closes_and_keeps_the_selection() {
        let s = UiState::new(true, Vec::new()).reduce(Action::Select(3));
        let closed = s.reduce(Action::Toggle);
        assert!(!closed.open);
        assert_eq!(closed.selected, Some(3));
        assert!(closed.reduce(Action::Toggle).open);
        assert!(!s.reduce(Action::Close).open);
    }

    #[test]
    fn layers_switch_off_and_on_and_panels_change() {
        let s = UiState::new(true, vec!["claim".into()]);
        assert!(!s.shows("claim") && s.shows("quote-direct"));
        let s = s.reduce(Action::ToggleLayer("quote-direct".into())).reduce(Action::ToggleLayer("claim".into()));
        assert_eq!(s.hidden, vec!["quote-direct".to_string()]);
        assert_eq!(s.reduce(Action::Show(Panel::Disputes)).panel, Panel::Disputes);
    }
}
