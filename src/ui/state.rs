//! UI state as a reducer: explicit actions in, new state out (the pattern of
//! yew's function_todomvc example). Pure, so it is tested natively.

/// What the panel shows right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiState {
    /// The sidebar (or bottom sheet) is expanded.
    pub open: bool,
    /// The quotation the reader last picked.
    pub selected: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Toggle,
    Close,
    Select(usize),
}

impl UiState {
    pub fn new(open: bool) -> Self {
        UiState { open, selected: None }
    }

    /// The state after `action`.
    pub fn reduce(&self, action: Action) -> UiState {
        match action {
            Action::Toggle => UiState { open: !self.open, ..self.clone() },
            Action::Close => UiState { open: false, ..self.clone() },
            Action::Select(i) => UiState { selected: Some(i), ..self.clone() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_opens_and_closes_and_keeps_the_selection() {
        let s = UiState::new(true).reduce(Action::Select(3));
        let closed = s.reduce(Action::Toggle);
        assert!(!closed.open);
        assert_eq!(closed.selected, Some(3));
        assert!(closed.reduce(Action::Toggle).open);
        assert!(!s.reduce(Action::Close).open);
    }
}
