//! The sidebar: title, counts, and the quotations found (later issues add
//! actors, disputes and the reader's notes). A collapsible panel on wide
//! screens, a bottom sheet on narrow ones (CSS decides).

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, UiState};
use crate::analysis::QuoteKind;

impl Reducible for UiState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(UiState::reduce(&self, action))
    }
}

/// One quotation as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteItem {
    pub text: String,
    pub kind: QuoteKind,
    /// Who said it, as the reader should see it (the actor's full name).
    pub speaker: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub title: String,
    pub words: usize,
    pub quotes: Rc<Vec<QuoteItem>>,
    pub elapsed_ms: f64,
    /// A message for the reader (e.g. highlights unsupported).
    pub notice: Option<String>,
    pub start_open: bool,
    /// Scroll the page to quotation `i`.
    pub on_focus: Callback<usize>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| UiState::new(props.start_open));
    let toggle = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Toggle))
    };
    let select = {
        let state = state.clone();
        let on_focus = props.on_focus.clone();
        Callback::from(move |i: usize| {
            state.dispatch(Action::Select(i));
            on_focus.emit(i);
        })
    };
    let open = state.open;
    html! {
        <div class={classes!("ng-shell", open.then_some("ng-open"))}>
            <button class="ng-tab" type="button" aria-expanded={open.to_string()} aria-controls="ng-panel"
                title={if open { "Hide newsgloss" } else { "Show newsgloss" }} onclick={toggle.clone()}>
                <span aria-hidden="true">{ if open { "›" } else { "‹" } }</span>
                <span class="ng-tab-label">{ "newsgloss" }</span>
            </button>
            <aside id="ng-panel" class="ng-panel" role="complementary" aria-label="newsgloss: reading aid" hidden={!open}>
                <header class="ng-head">
                    <p class="ng-brand">{ "newsgloss" }</p>
                    <h2 class="ng-title">{ &props.title }</h2>
                    <p class="ng-meta">
                        { format!("{} words · {} quotations · read in {:.1} ms", props.words, props.quotes.len(), props.elapsed_ms) }
                    </p>
                    <button class="ng-close" type="button" aria-label="Hide newsgloss" onclick={toggle}>{ "×" }</button>
                </header>
                if let Some(notice) = &props.notice {
                    <p class="ng-notice" role="status">{ notice }</p>
                }
                <QuoteList quotes={props.quotes.clone()} selected={state.selected} on_select={select} />
            </aside>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct QuoteListProps {
    quotes: Rc<Vec<QuoteItem>>,
    selected: Option<usize>,
    on_select: Callback<usize>,
}

#[function_component(QuoteList)]
fn quote_list(props: &QuoteListProps) -> Html {
    html! {
        <section class="ng-section" aria-labelledby="ng-quotes-h">
            <h3 id="ng-quotes-h">{ format!("Quotations ({})", props.quotes.len()) }</h3>
            if props.quotes.is_empty() {
                <p class="ng-empty">{ "No quotations in this article." }</p>
            } else {
                <ol class="ng-list">
                    { for props.quotes.iter().enumerate().map(|(i, q)| {
                        let on_select = props.on_select.clone();
                        let current = props.selected == Some(i);
                        html! {
                            <li key={i}>
                                <button type="button" class={classes!("ng-item", current.then_some("ng-current"))}
                                    aria-current={current.then_some("true")}
                                    onclick={Callback::from(move |_| on_select.emit(i))}>
                                    <span class={classes!("ng-kind", kind_class(q.kind))}>{ kind_label(q.kind) }</span>
                                    <span class="ng-quote">{ format!("“{}”", q.text.trim()) }</span>
                                    if let Some(who) = &q.speaker {
                                        <span class="ng-speaker">{ format!("— {who}") }</span>
                                    }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}

fn kind_label(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Scare => "scare",
    }
}

fn kind_class(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "ng-kind-direct",
        QuoteKind::Partial => "ng-kind-partial",
        QuoteKind::Scare => "ng-kind-scare",
    }
}
