//! The card anchored to a highlight on the page: a small dumb component
//! that shows a list of items (innermost highlight first). The shell places
//! it next to the highlight (`ui::hit::place_card`) and moves focus into it
//! when the keyboard opened it.
//!
//! To show a new kind of thing (e.g. a reader's note), add a variant to
//! [`CardItem`] and an arm to `item`.

use yew::prelude::*;

use super::app::{kind_label, kind_name, part_content, stance_label, PartItem};
use super::notes::{NoteCmd, NoteRow};
use crate::analysis::{ActorKind, QuoteKind};

/// One finding on the card.
#[derive(Debug, Clone, PartialEq)]
pub enum CardItem {
    Actor {
        index: usize,
        name: String,
        kind: ActorKind,
        aliases: Vec<String>,
        mentions: usize,
    },
    Quote {
        text: String,
        kind: QuoteKind,
        speaker: Option<String>,
        cue: Option<String>,
    },
    Dispute {
        topic: String,
        claim: PartItem,
        positions: Vec<PartItem>,
    },
    /// One of the reader's notes.
    Note(NoteRow),
}

impl CardItem {
    /// What a screen reader hears when the card opens.
    pub fn summary(&self) -> String {
        match self {
            CardItem::Actor { name, kind, mentions, .. } => {
                format!("{name}, {}, {mentions} mentions", kind_name(*kind))
            }
            CardItem::Quote { kind, speaker, .. } => {
                format!("{} quotation, {}", kind_label(*kind), speaker.as_deref().unwrap_or("no speaker named"))
            }
            CardItem::Dispute { positions, .. } => format!("disputed claim, {} positions", positions.len()),
            CardItem::Note(r) => format!("your note: {}", if r.note.is_empty() { &r.exact } else { &r.note }),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub items: Vec<CardItem>,
    /// Previous (-1) or next (+1) mention of actor `index`.
    pub on_step: Callback<(usize, i32)>,
    pub on_close: Callback<()>,
    /// Edit the reader's note with this id (opens the editor).
    pub on_edit: Callback<String>,
    /// Delete it and the like.
    pub on_note: Callback<NoteCmd>,
}

#[function_component(Card)]
pub fn card(props: &CardProps) -> Html {
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="ng-card" role="dialog" aria-label="newsgloss: about this highlight" tabindex="-1">
            <button class="ng-card-close" type="button" aria-label="Close the card (Escape)" onclick={close}>{ "×" }</button>
            <ul class="ng-card-items" role="list">
                { for props.items.iter().map(|it| html! { <li class="ng-card-item">{ item(it, props) }</li> }) }
            </ul>
        </div>
    }
}

fn item(it: &CardItem, props: &CardProps) -> Html {
    let on_step = &props.on_step;
    match it {
        CardItem::Actor { index, name, kind, aliases, mentions } => {
            let step = |delta: i32| {
                let (on_step, index) = (on_step.clone(), *index);
                Callback::from(move |_: MouseEvent| on_step.emit((index, delta)))
            };
            html! {
                <section class="ng-card-actor" aria-label={name.clone()}>
                    <p class="ng-card-kicker">{ kind_name(*kind) }</p>
                    <h3 class="ng-card-name">{ name }</h3>
                    <p class="ng-card-count">{ format!("{mentions} mention{}", if *mentions == 1 { "" } else { "s" }) }</p>
                    if !aliases.is_empty() {
                        <p class="ng-card-aliases">{ format!("Also: {}", aliases.join(", ")) }</p>
                    }
                    <div class="ng-card-steps">
                        <button type="button" class="ng-step" onclick={step(-1)}>{ "‹ Previous mention" }</button>
                        <button type="button" class="ng-step" onclick={step(1)}>{ "Next mention ›" }</button>
                    </div>
                </section>
            }
        }
        CardItem::Quote { text, kind, speaker, cue } => html! {
            <section class="ng-card-quote" aria-label="Quotation">
                <p class="ng-card-kicker">{ format!("{} quotation", kind_label(*kind)) }</p>
                <p class="ng-card-speaker">{ speaker.clone().unwrap_or_else(|| "No speaker named".to_string()) }</p>
                if let Some(cue) = cue {
                    <p class="ng-card-cue">{ format!("Attributed by: “{cue}”") }</p>
                }
                <p class="ng-card-text">{ format!("“{text}”") }</p>
            </section>
        },
        CardItem::Dispute { topic, claim, positions } => {
            let side = |p: &PartItem| {
                let stance = p.stance.map_or("claim", stance_label);
                html! { <div class={classes!("ng-side", format!("ng-side-{stance}"))}>{ part_content(p) }</div> }
            };
            html! {
                <section class="ng-card-dispute" aria-label="Disputed claim">
                    <p class="ng-card-kicker">{ "disputed claim" }</p>
                    <h3 class="ng-card-name">{ topic }</h3>
                    <div class="ng-sides">
                        { side(claim) }
                        { for positions.iter().map(side) }
                    </div>
                </section>
            }
        }
        CardItem::Note(r) => {
            let edit = props.on_edit.reform({
                let id = r.id.clone();
                move |_: MouseEvent| id.clone()
            });
            let delete = props.on_note.reform({
                let id = r.id.clone();
                move |_: MouseEvent| NoteCmd::Delete(id.clone())
            });
            html! {
                <section class={classes!("ng-card-note", format!("ng-c-{}", r.colour))} aria-label="Your note">
                    <p class="ng-card-kicker"><span class="ng-swatch" aria-hidden="true"></span>{ "your note" }</p>
                    { super::notes_view::note_details(r, true, ("ng-card-steps", "ng-step"), edit, delete) }
                </section>
            }
        }
    }
}
