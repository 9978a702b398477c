//! UI state as a reducer: explicit actions in, new state out (the pattern of
//! yew's function_todomvc example). Pure, so it is tested natively.

use super::layers::Target;

/// The sidebar's panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Quotes,
    Actors,
    Disputes,
    /// Who said what: the graph of actors.
    Graph,
    /// The reader's own annotations.
    Notes,
}

impl Panel {
    /// The tabs, in their order on screen.
    pub const ALL: [Panel; 5] = [Panel::Quotes, Panel::Actors, Panel::Disputes, Panel::Graph, Panel::Notes];

    /// A name for element ids (`ng-tab-…`, `ng-tabpanel-…`).
    pub fn slug(self) -> &'static str {
        match self {
            Panel::Quotes => "quotes",
            Panel::Actors => "actors",
            Panel::Disputes => "disputes",
            Panel::Graph => "graph",
            Panel::Notes => "notes",
        }
    }
}

/// What the note editor is editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editing {
    /// A new note on the text the reader selected (shown in the editor).
    New(String),
    /// The annotation with this id.
    Existing(String),
}

/// A card open on the page: the findings under a highlight, innermost
/// first. `pinned` cards (opened by a click or the keyboard) stay until
/// closed; hover cards go when the pointer leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub hits: Vec<Target>,
    pub pinned: bool,
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
    /// The note editor, when open.
    pub editing: Option<Editing>,
    /// The actor the reader picked (panel, graph or card): its mentions
    /// are marked, and the keyboard steps through them.
    pub actor: Option<usize>,
    pub card: Option<Card>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Toggle,
    Close,
    Select(usize),
    Show(Panel),
    /// Switch a highlight layer off, or on again.
    ToggleLayer(String),
    /// Open the note editor (and the panel, on the notes).
    Edit(Editing),
    /// Close the note editor.
    StopEditing,
    SelectActor(usize),
    /// Open a card (replacing any open one).
    OpenCard(Card),
    /// Close the card, if any.
    CloseCard,
    /// Close a card only if it was opened by hovering.
    CloseHoverCard,
}

impl UiState {
    pub fn new(open: bool, hidden: Vec<String>) -> Self {
        UiState { open, selected: None, panel: Panel::Quotes, hidden, editing: None, actor: None, card: None }
    }

    /// The state after `action`.
    pub fn reduce(&self, action: Action) -> UiState {
        let mut next = self.clone();
        match action {
            Action::Toggle => next.open = !self.open,
            Action::Close => next.open = false,
            Action::Select(i) => {
                next.selected = Some(i);
                next.actor = None;
            }
            Action::SelectActor(i) => next.actor = Some(i),
            Action::OpenCard(card) => next.card = Some(card),
            Action::CloseCard => next.card = None,
            Action::CloseHoverCard => next.card = self.card.clone().filter(|c| c.pinned),
            Action::Show(panel) => next.panel = panel,
            Action::ToggleLayer(name) => match self.hidden.iter().position(|h| *h == name) {
                Some(i) => {
                    next.hidden.remove(i);
                }
                None => next.hidden.push(name),
            },
            Action::Edit(what) => {
                next.open = true;
                next.panel = Panel::Notes;
                next.editing = Some(what);
            }
            Action::StopEditing => next.editing = None,
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

    #[test]
    fn editing_opens_the_notes_panel_and_closing_keeps_it() {
        let s = UiState::new(false, Vec::new()).reduce(Action::Edit(Editing::New("Putin".into())));
        assert!(s.open);
        assert_eq!((s.panel, s.editing.clone()), (Panel::Notes, Some(Editing::New("Putin".into()))));
        let s = s.reduce(Action::StopEditing);
        assert_eq!((s.panel, s.editing), (Panel::Notes, None));
    }

    #[test]
    fn cards_open_close_and_hover_cards_give_way() {
        let s = UiState::new(true, Vec::new());
        let hover = Card { hits: vec![Target::Actor(1)], pinned: false };
        let s1 = s.reduce(Action::OpenCard(hover.clone()));
        assert_eq!(s1.card, Some(hover));
        assert_eq!(s1.reduce(Action::CloseHoverCard).card, None);
        let pinned = Card { hits: vec![Target::Quote(0), Target::Dispute(2)], pinned: true };
        let s2 = s1.reduce(Action::OpenCard(pinned.clone()));
        assert_eq!(s2.reduce(Action::CloseHoverCard).card, Some(pinned));
        assert_eq!(s2.reduce(Action::CloseCard).card, None);
    }

    #[test]
    fn picking_an_actor_then_a_quote_clears_the_actor() {
        let s = UiState::new(true, Vec::new()).reduce(Action::SelectActor(4));
        assert_eq!(s.actor, Some(4));
        assert_eq!(s.reduce(Action::Select(1)).actor, None);
    }
}
