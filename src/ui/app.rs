//! The sidebar: title and counts, a legend that switches highlight layers
//! on and off, and three panels (quotations, actors, disputes). A
//! collapsible panel on wide screens, a bottom sheet on narrow ones (CSS
//! decides). Components render props and state and dispatch actions; the
//! shell does the DOM work through the callbacks.

use std::rc::Rc;

use yew::prelude::*;

use super::card::{Card, CardItem};
use super::graph::Graph;
use super::graph_view::GraphView;
use super::keys::tab_key;
use super::layers::Target;
use super::notes::{NoteCmd, NotesModel};
use super::notes_view::{AnnotateButton, NotesPanel};
use super::state::{Action, Editing, Panel, UiState};
use crate::analysis::{ActorKind, QuoteKind, Stance};
use crate::annotation::reader::FindingKind;
use wasm_bindgen::JsCast;

impl Reducible for UiState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(UiState::reduce(&self, action))
    }
}

/// A code-point span into the article text.
pub type Span = (usize, usize);

/// One quotation as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteItem {
    pub text: String,
    pub kind: QuoteKind,
    /// Who said it, as the reader should see it (the actor's full name).
    pub speaker: Option<String>,
    /// A reader confirmed it.
    pub confirmed: bool,
    /// The words in the text that name the speaker.
    pub cue: Option<String>,
}

/// One actor as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorItem {
    pub name: String,
    pub kind: ActorKind,
    pub mentions: usize,
    pub confirmed: bool,
    /// Other ways the text names this actor.
    pub aliases: Vec<String>,
}

/// A claim or a position: an excerpt, its holder, where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct PartItem {
    pub excerpt: String,
    pub holder: Option<String>,
    pub span: Span,
    pub stance: Option<Stance>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DisputeItem {
    pub topic: String,
    pub claim: PartItem,
    pub positions: Vec<PartItem>,
    pub confirmed: bool,
}

/// A legend entry: a highlight layer and how many ranges it has.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerItem {
    pub name: &'static str,
    pub label: &'static str,
    pub count: usize,
}

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub title: String,
    pub words: usize,
    pub quotes: Rc<Vec<QuoteItem>>,
    pub actors: Rc<Vec<ActorItem>>,
    pub disputes: Rc<Vec<DisputeItem>>,
    pub layers: Rc<Vec<LayerItem>>,
    pub graph: Rc<Graph>,
    pub elapsed_ms: f64,
    /// A message for the reader (e.g. highlights unsupported).
    pub notice: Option<String>,
    pub start_open: bool,
    /// Layers switched off in an earlier visit.
    pub start_hidden: Vec<String>,
    /// Scroll the page to quotation `i`.
    pub on_focus: Callback<usize>,
    /// Mark every mention of actor `i` and step to the next one.
    pub on_actor: Callback<usize>,
    /// Scroll the page to a span (a claim or a position).
    pub on_span: Callback<Span>,
    /// A layer was switched: (name, now visible).
    pub on_layer: Callback<(String, bool)>,
    /// The panel to show first (the one shown before a rebuild).
    pub start_panel: Panel,
    /// The reader's annotations.
    pub notes: Rc<NotesModel>,
    /// What the notes panel and the correction buttons ask for.
    pub on_note: Callback<NoteCmd>,
    /// Previous (-1) or next (+1) mention of actor `i`, from a card.
    pub on_step: Callback<(usize, i32)>,
    /// Called once with the reducer's dispatcher, so that the shell (page
    /// listeners, keyboard) can send actions too.
    pub on_connect: Callback<Callback<Action>>,
    /// Called with every new state (the shell keeps a copy to read).
    pub on_state: Callback<UiState>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| UiState {
        panel: props.start_panel,
        ..UiState::new(props.start_open, props.start_hidden.clone())
    });
    {
        let dispatcher = state.dispatcher();
        let on_connect = props.on_connect.clone();
        use_effect_with((), move |_| on_connect.emit(Callback::from(move |a: Action| dispatcher.dispatch(a))));
    }
    {
        let on_state = props.on_state.clone();
        use_effect_with(state.clone(), move |s| on_state.emit((**s).clone()));
    }
    let pick_actor = dispatch_then(&state, Action::SelectActor, &props.on_actor);
    let close_card = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::CloseCard))
    };
    let card_items: Vec<CardItem> =
        state.card.as_ref().map(|c| c.hits.iter().filter_map(|t| card_item(props, *t)).collect()).unwrap_or_default();
    let announcement = card_items.first().map(|it| format!("Card: {}", it.summary())).unwrap_or_default();
    let on_edit = {
        let state = state.clone();
        Callback::from(move |e: Option<Editing>| match e {
            Some(e) => state.dispatch(Action::Edit(e)),
            None => state.dispatch(Action::StopEditing),
        })
    };
    let on_annotate = {
        let (on_edit, on_note, notes) = (on_edit.clone(), props.on_note.clone(), props.notes.clone());
        Callback::from(move |_| {
            if let Some((text, _, _)) = &notes.selection {
                on_note.emit(NoteCmd::Begin);
                on_edit.emit(Some(Editing::New(text.clone())));
            }
        })
    };
    let on_highlight = props.on_note.reform(|_| NoteCmd::Highlight);
    {
        // The shell asks for the editor (the `a` key) by bumping a counter.
        let (on_edit, notes) = (on_edit.clone(), props.notes.clone());
        use_effect_with(props.notes.open_editor, move |n| {
            if *n > 0 {
                if let Some(text) = &notes.pending {
                    on_edit.emit(Some(Editing::New(text.clone())));
                }
            }
        });
    }
    let toggle = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Toggle))
    };
    let select = dispatch_then(&state, Action::Select, &props.on_focus);
    let switch_layer = {
        let state = state.clone();
        let on_layer = props.on_layer.clone();
        Callback::from(move |name: String| {
            let visible = !state.shows(&name);
            state.dispatch(Action::ToggleLayer(name.clone()));
            on_layer.emit((name, visible));
        })
    };
    let show = |panel: Panel| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Show(panel)))
    };
    let open = state.open;
    // The WAI-ARIA tab pattern: only the selected tab is in the tab order;
    // arrows, Home and End move to (and select) another tab.
    let tab = |panel: Panel, label: String| {
        let current = state.panel == panel;
        html! {
            <button type="button" role="tab" class={classes!("ng-tabbtn", current.then_some("ng-on"))}
                id={format!("ng-tab-{}", panel.slug())} aria-controls={format!("ng-tabpanel-{}", panel.slug())}
                aria-selected={current.to_string()} tabindex={if current { "0" } else { "-1" }}
                onclick={show(panel)}>{ label }</button>
        }
    };
    let tablist = use_node_ref();
    let on_tab_key = {
        let (state, tablist) = (state.clone(), tablist.clone());
        Callback::from(move |e: KeyboardEvent| {
            let modified = e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key();
            let Some(to) = tab_key(state.panel, &e.key(), modified) else { return };
            e.prevent_default();
            state.dispatch(Action::Show(to));
            let button = tablist
                .cast::<web_sys::Element>()
                .and_then(|l| l.query_selector(&format!("#ng-tab-{}", to.slug())).ok().flatten());
            if let Some(b) = button.as_ref().and_then(|b| b.dyn_ref::<web_sys::HtmlElement>()) {
                let _ = b.focus();
            }
        })
    };
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
                    <Summary words={props.words} quotes={props.quotes.len()} actors={props.actors.len()}
                        disputes={props.disputes.len()} elapsed_ms={props.elapsed_ms} />
                    <button class="ng-close" type="button" aria-label="Hide newsgloss" onclick={toggle}>{ "×" }</button>
                </header>
                if let Some(notice) = &props.notice {
                    <p class="ng-notice" role="status">{ notice }</p>
                }
                <Legend layers={props.layers.clone()} hidden={state.hidden.clone()} on_switch={switch_layer} />
                <div class="ng-tabs" role="tablist" aria-label="Findings" ref={tablist} onkeydown={on_tab_key}>
                    { tab(Panel::Quotes, format!("Quotes ({})", props.quotes.len())) }
                    { tab(Panel::Actors, format!("Actors ({})", props.actors.len())) }
                    { tab(Panel::Disputes, format!("Disputes ({})", props.disputes.len())) }
                    { tab(Panel::Graph, "Who–whom".to_string()) }
                    { tab(Panel::Notes, format!("Notes ({})", props.notes.rows.len() + props.notes.orphans.len())) }
                </div>
                <div class="ng-tabpanel" role="tabpanel" id={format!("ng-tabpanel-{}", state.panel.slug())}
                    aria-labelledby={format!("ng-tab-{}", state.panel.slug())}>
                { match state.panel {
                    Panel::Quotes => html! { <QuoteList quotes={props.quotes.clone()} actors={props.actors.clone()} selected={state.selected}
                        on_select={select} on_note={props.on_note.clone()} /> },
                    Panel::Actors => html! { <ActorList actors={props.actors.clone()} on_actor={pick_actor.clone()} on_note={props.on_note.clone()} /> },
                    Panel::Disputes => html! { <DisputeList disputes={props.disputes.clone()} on_span={props.on_span.clone()} on_note={props.on_note.clone()} /> },
                    Panel::Graph => html! {
                        <section class="ng-section" aria-label="Who said what">
                            <GraphView graph={props.graph.clone()} selected={state.actor} on_actor={pick_actor} />
                        </section>
                    },
                    Panel::Notes => html! { <NotesPanel model={props.notes.clone()} editing={state.editing.clone()}
                        on_cmd={props.on_note.clone()} on_edit={on_edit.clone()} /> },
                } }
                </div>
                <p class="ng-keys">{ "Keys: Alt+Shift+N panel · j/k next/previous · Enter card · Esc back to the text · a annotate, h highlight the selected text" }</p>
            </aside>
            <AnnotateButton selection={props.notes.selection.clone()} {on_annotate} {on_highlight} />
            if !card_items.is_empty() {
                <Card items={card_items} on_step={props.on_step.clone()} on_close={close_card.clone()}
                    on_note={props.on_note.clone()}
                    on_edit={{
                        let (on_edit, close_card) = (on_edit.clone(), close_card.clone());
                        Callback::from(move |id: String| {
                            close_card.emit(());
                            on_edit.emit(Some(Editing::Existing(id)));
                        })
                    }} />
            }
            <p class="ng-sr" aria-live="polite" role="status">{ announcement }</p>
        </div>
    }
}

/// A callback that records the pick in the state (`action(i)`), then asks
/// the shell to act on it (`then`).
fn dispatch_then(
    state: &UseReducerHandle<UiState>,
    action: fn(usize) -> Action,
    then: &Callback<usize>,
) -> Callback<usize> {
    let (state, then) = (state.clone(), then.clone());
    Callback::from(move |i: usize| {
        state.dispatch(action(i));
        then.emit(i);
    })
}

/// What a card shows for one highlighted finding.
fn card_item(props: &AppProps, target: Target) -> Option<CardItem> {
    Some(match target {
        Target::Actor(i) => {
            let a = props.actors.get(i)?;
            CardItem::Actor {
                index: i,
                name: a.name.clone(),
                kind: a.kind,
                aliases: a.aliases.clone(),
                mentions: a.mentions,
            }
        }
        Target::Quote(i) => {
            let q = props.quotes.get(i)?;
            CardItem::Quote { text: q.text.clone(), kind: q.kind, speaker: q.speaker.clone(), cue: q.cue.clone() }
        }
        Target::Dispute(i) => {
            let d = props.disputes.get(i)?;
            CardItem::Dispute { topic: d.topic.clone(), claim: d.claim.clone(), positions: d.positions.clone() }
        }
        Target::Note(i) => CardItem::Note(props.notes.rows.get(i)?.clone()),
    })
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    words: usize,
    quotes: usize,
    actors: usize,
    disputes: usize,
    elapsed_ms: f64,
}

/// The summary strip: counts per category and how long the reading took.
#[function_component(Summary)]
fn summary(p: &SummaryProps) -> Html {
    let cell = |n: String, label: &'static str| {
        html! { <div class="ng-sum"><dt>{ label }</dt><dd>{ n }</dd></div> }
    };
    html! {
        <dl class="ng-summary" aria-label="Summary">
            { cell(p.quotes.to_string(), "quotations") }
            { cell(p.actors.to_string(), "actors") }
            { cell(p.disputes.to_string(), "disputes") }
            { cell(p.words.to_string(), "words") }
            { cell(format!("{:.0} ms", p.elapsed_ms), "to read") }
        </dl>
    }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    layers: Rc<Vec<LayerItem>>,
    hidden: Vec<String>,
    on_switch: Callback<String>,
}

/// The layers with something in them, each a switch with its count.
#[function_component(Legend)]
fn legend(props: &LegendProps) -> Html {
    html! {
        <div class="ng-legend" role="group" aria-label="Highlights on the page">
            { for props.layers.iter().filter(|l| l.count > 0).map(|l| {
                let on = !props.hidden.iter().any(|h| h == l.name);
                let name = l.name.to_string();
                let on_switch = props.on_switch.clone();
                html! {
                    <button type="button" class={classes!("ng-layer", format!("ng-l-{}", l.name), (!on).then_some("ng-off"))}
                        aria-pressed={on.to_string()} data-layer={l.name}
                        onclick={Callback::from(move |_| on_switch.emit(name.clone()))}>
                        <span class="ng-swatch" aria-hidden="true"></span>
                        { format!("{} {}", l.label, l.count) }
                    </button>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct QuoteListProps {
    quotes: Rc<Vec<QuoteItem>>,
    actors: Rc<Vec<ActorItem>>,
    selected: Option<usize>,
    on_select: Callback<usize>,
    on_note: Callback<NoteCmd>,
}

/// Quotations grouped by speaker (groups in order of first appearance,
/// quotes in article order); a click scrolls to the quotation.
#[function_component(QuoteList)]
fn quote_list(props: &QuoteListProps) -> Html {
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    for (i, q) in props.quotes.iter().enumerate() {
        let who = q.speaker.as_deref();
        match groups.iter_mut().find(|(w, _)| *w == who) {
            Some((_, members)) => members.push(i),
            None => groups.push((who, vec![i])),
        }
    }
    // Quotes nobody is named for go last.
    groups.sort_by_key(|(who, _)| who.is_none());
    html! {
        <section class="ng-section" aria-labelledby="ng-quotes-h">
            <h3 id="ng-quotes-h">{ format!("Quotations ({})", props.quotes.len()) }</h3>
            if props.quotes.is_empty() {
                <p class="ng-empty">{ "No quotations in this article." }</p>
            }
            { for groups.into_iter().map(|(who, members)| html! {
                <>
                    <h4 class="ng-speaker-h">{ who.unwrap_or("No speaker named") }</h4>
                    <ol class="ng-list">
                        { for members.into_iter().map(|i| {
                            let q = &props.quotes[i];
                            let on_select = props.on_select.clone();
                            let current = props.selected == Some(i);
                            html! {
                                <li key={i}>
                                    <button type="button" class={classes!("ng-item", current.then_some("ng-current"))}
                                        aria-current={current.then_some("true")}
                                        onclick={Callback::from(move |_| on_select.emit(i))}>
                                        <span class={classes!("ng-kind", kind_class(q.kind))}>{ kind_label(q.kind) }</span>
                                        <span class="ng-quote">{ format!("“{}”", q.text.trim()) }</span>
                                    </button>
                                    <Verdict kind={FindingKind::Quote} index={i} confirmed={q.confirmed} on_note={props.on_note.clone()} what="quotation">
                                        <SpeakerPicker index={i} current={q.speaker.clone()} actors={props.actors.clone()} on_note={props.on_note.clone()} />
                                    </Verdict>
                                </li>
                            }
                        }) }
                    </ol>
                </>
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ActorListProps {
    actors: Rc<Vec<ActorItem>>,
    on_actor: Callback<usize>,
    on_note: Callback<NoteCmd>,
}

/// Actors grouped by kind, most mentioned first; a click steps through the
/// actor's mentions on the page.
#[function_component(ActorList)]
fn actor_list(props: &ActorListProps) -> Html {
    let groups = [
        (ActorKind::Person, "People"),
        (ActorKind::Organization, "Organizations"),
        (ActorKind::Place, "Places"),
        (ActorKind::Group, "Groups"),
    ];
    html! {
        <section class="ng-section" aria-label="Actors">
            if props.actors.is_empty() {
                <p class="ng-empty">{ "No actors found." }</p>
            }
            { for groups.iter().map(|(kind, label)| {
                let mut members: Vec<(usize, &ActorItem)> =
                    props.actors.iter().enumerate().filter(|(_, a)| a.kind == *kind).collect();
                members.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(&b.0)));
                if members.is_empty() {
                    return html! {};
                }
                html! {
                    <>
                        <h3>{ format!("{label} ({})", members.len()) }</h3>
                        <ul class="ng-list ng-actors">
                            { for members.into_iter().map(|(i, a)| {
                                let on_actor = props.on_actor.clone();
                                html! {
                                    <li key={i}>
                                        <button type="button" class={classes!("ng-item", "ng-actor", format!("ng-a-{}", kind_name(a.kind)))}
                                            title="Show every mention; click again for the next"
                                            onclick={Callback::from(move |_| on_actor.emit(i))}>
                                            <span class="ng-name">{ &a.name }</span>
                                            <span class="ng-count" aria-label={format!("{} mentions", a.mentions)}>{ a.mentions }</span>
                                        </button>
                                        <Verdict kind={FindingKind::Actor} index={i} confirmed={a.confirmed} on_note={props.on_note.clone()} what="actor" />
                                    </li>
                                }
                            }) }
                        </ul>
                    </>
                }
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DisputeListProps {
    disputes: Rc<Vec<DisputeItem>>,
    on_span: Callback<Span>,
    on_note: Callback<NoteCmd>,
}

/// Each dispute as a card: the topic, the claim and its positions.
#[function_component(DisputeList)]
fn dispute_list(props: &DisputeListProps) -> Html {
    let part = |p: &PartItem, class: &'static str| {
        let on_span = props.on_span.clone();
        let span = p.span;
        html! {
            <button type="button" class={classes!("ng-item", "ng-part", class)} onclick={Callback::from(move |_| on_span.emit(span))}>
                { part_content(p) }
            </button>
        }
    };
    html! {
        <section class="ng-section" aria-label="Disputes">
            if props.disputes.is_empty() {
                <p class="ng-empty">{ "No disputed claims found." }</p>
            }
            <ol class="ng-list">
                { for props.disputes.iter().enumerate().map(|(i, d)| html! {
                    <li key={i} class="ng-dispute">
                        <h4 class="ng-topic">{ &d.topic }</h4>
                        { part(&d.claim, "ng-claim") }
                        <div class="ng-positions">
                            { for d.positions.iter().map(|p| part(p, "ng-position")) }
                        </div>
                        <Verdict kind={FindingKind::Dispute} index={i} confirmed={d.confirmed} on_note={props.on_note.clone()} what="disputed claim" />
                    </li>
                }) }
            </ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct VerdictProps {
    kind: FindingKind,
    index: usize,
    confirmed: bool,
    on_note: Callback<NoteCmd>,
    what: &'static str,
    #[prop_or_default]
    children: Html,
}

/// A reader's verdict on one finding: confirm it, or reject it (it then
/// disappears, and the rejection is one of the reader's annotations).
#[function_component(Verdict)]
fn verdict(props: &VerdictProps) -> Html {
    let (kind, i) = (props.kind, props.index);
    let confirm = props.on_note.reform(move |_: MouseEvent| NoteCmd::Correct(kind, i, true));
    let reject = props.on_note.reform(move |_: MouseEvent| NoteCmd::Correct(kind, i, false));
    html! {
        <div class="ng-verdict">
            if props.confirmed {
                <span class="ng-confirmed" title="You confirmed this">{ "✓ confirmed" }</span>
            } else {
                <button type="button" class="ng-link" aria-label={format!("Confirm this {}", props.what)} onclick={confirm}>{ "✓" }</button>
            }
            <button type="button" class="ng-link" aria-label={format!("Not a correct {}: hide it", props.what)} onclick={reject}>{ "✗" }</button>
            { props.children.clone() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SpeakerPickerProps {
    index: usize,
    current: Option<String>,
    actors: Rc<Vec<ActorItem>>,
    on_note: Callback<NoteCmd>,
}

/// Lets the reader say who really said a quotation.
#[function_component(SpeakerPicker)]
fn speaker_picker(props: &SpeakerPickerProps) -> Html {
    let i = props.index;
    let on_change = props.on_note.reform(move |e: Event| {
        let name = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok())
            .map(|s| s.value())
            .unwrap_or_default();
        NoteCmd::Speaker(i, name)
    });
    let mut names: Vec<&str> = props
        .actors
        .iter()
        .filter(|a| matches!(a.kind, ActorKind::Person | ActorKind::Organization | ActorKind::Group))
        .map(|a| a.name.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    html! {
        <select class="ng-speaker-pick" aria-label="Change who said this" onchange={on_change}>
            <option value="" selected=true disabled=true>{ "speaker…" }</option>
            { for names.into_iter().map(|n| html! {
                <option value={n.to_string()} selected={props.current.as_deref() == Some(n)}>{ n }</option>
            }) }
        </select>
    }
}

/// A claim's or a position's badge ("claim" or its stance), holder and
/// excerpt: the same in the disputes list and on the card.
pub(super) fn part_content(p: &PartItem) -> Html {
    let badge = p.stance.map_or("claim", stance_label);
    html! {
        <>
            <span class={classes!("ng-kind", format!("ng-stance-{badge}"))}>{ badge }</span>
            <span class="ng-holder">{ p.holder.clone().unwrap_or_else(|| "unattributed".to_string()) }</span>
            <span class="ng-excerpt">{ &p.excerpt }</span>
        </>
    }
}

pub(super) fn stance_label(s: Stance) -> &'static str {
    match s {
        Stance::Disputes => "disputes",
        Stance::Denies => "denies",
        Stance::Qualifies => "qualifies",
        Stance::Supports => "supports",
    }
}

pub(super) fn kind_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::Organization => "organization",
        ActorKind::Place => "place",
        ActorKind::Group => "group",
    }
}

pub(super) fn kind_label(kind: QuoteKind) -> &'static str {
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
