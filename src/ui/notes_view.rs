//! The reader's side of the sidebar: the floating "Annotate" button, the
//! note editor, and the "My notes" panel (notes in text order, orphans,
//! export and import). Everything a reader or an import wrote is rendered
//! as text nodes; links are `<a>` elements whose text is the link.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::notes::{complete, linkify, Mark, NoteCmd, NoteRow, NotesModel};
use super::state::Editing;
use crate::analysis::ActorKind;
use crate::annotation::reader::{Draft, COLOURS};

#[derive(Properties, PartialEq)]
pub struct AnnotateProps {
    pub selection: Option<(String, f64, f64)>,
    pub on_annotate: Callback<()>,
    pub on_highlight: Callback<()>,
}

/// Floats by the reader's selection: "Annotate" opens the editor,
/// "Highlight" saves a plain highlight at once. Pressing a button must not
/// clear the page's selection, hence the `mousedown` default prevented.
#[function_component(AnnotateButton)]
pub fn annotate_button(props: &AnnotateProps) -> Html {
    let Some((_, x, y)) = &props.selection else { return html! {} };
    let keep_selection = Callback::from(|e: MouseEvent| e.prevent_default());
    let style = format!("left:{:.0}px;top:{:.0}px", x.max(4.0), y.max(4.0));
    let annotate = props.on_annotate.reform(|_: MouseEvent| ());
    let highlight = props.on_highlight.reform(|_: MouseEvent| ());
    html! {
        <div class="ng-float" role="toolbar" aria-label="Selected text" {style}>
            <button type="button" class="ng-float-btn" title="Annotate the selection (a)" onmousedown={keep_selection.clone()} onclick={annotate}>{ "✎ Annotate" }</button>
            <button type="button" class="ng-float-btn" title="Highlight the selection (h)" onmousedown={keep_selection} onclick={highlight}>{ "Highlight" }</button>
        </div>
    }
}

/// Rows rendered per list: beyond this a list is data, not reading, and
/// rendering it would stall the page (an import of 10,000 notes).
const SHOWN: usize = 300;

#[derive(Properties, PartialEq)]
pub struct NotesPanelProps {
    pub model: Rc<NotesModel>,
    pub editing: Option<Editing>,
    pub on_cmd: Callback<NoteCmd>,
    pub on_edit: Callback<Option<Editing>>,
}

/// "My notes": the editor when open, the message, the notes, the orphans,
/// and the export/import tools.
#[function_component(NotesPanel)]
pub fn notes_panel(props: &NotesPanelProps) -> Html {
    let m = &props.model;
    let with_findings = use_state(|| false);
    let cmd = |c: NoteCmd| props.on_cmd.reform(move |_: MouseEvent| c.clone());
    let editor = props.editing.as_ref().map(|e| {
        let (exact, initial, id) = match e {
            Editing::New(exact) => (m.pending.clone().unwrap_or_else(|| exact.clone()), Draft::default(), None),
            Editing::Existing(id) => {
                let Some(row) = m.rows.iter().chain(&m.orphans).find(|r| &r.id == id) else { return html! {} };
                let draft = Draft { note: row.note.clone(), tags: row.tags.clone(), colour: row.colour.clone() };
                (row.exact.clone(), draft, Some(id.clone()))
            }
        };
        let on_cmd = props.on_cmd.clone();
        let on_edit = props.on_edit.clone();
        let on_save = {
            let id = id.clone();
            Callback::from(move |(draft, mark): (Draft, Option<Mark>)| {
                on_cmd.emit(match &id {
                    Some(id) => NoteCmd::Update(id.clone(), draft),
                    None => NoteCmd::Create(draft, mark),
                });
                on_edit.emit(None);
            })
        };
        html! {
            <Editor key={id.clone().unwrap_or_default()} {exact} {initial} is_new={id.is_none()} known_tags={m.tags.clone()}
                {on_save} on_cancel={props.on_edit.reform(|_| None)} />
        }
    });
    let on_file = {
        let on_cmd = props.on_cmd.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let on_cmd = on_cmd.clone();
            let done = wasm_bindgen::closure::Closure::once(move |text: wasm_bindgen::JsValue| {
                on_cmd.emit(NoteCmd::Import(text.as_string().unwrap_or_default()));
            });
            let _ = file.text().then(&done);
            // Called once by the promise; a few bytes per import.
            done.forget();
        })
    };
    let toggle_findings = {
        let with_findings = with_findings.clone();
        Callback::from(move |_| with_findings.set(!*with_findings))
    };
    html! {
        <section class="ng-section ng-notes" aria-label="My notes">
            if let Some(msg) = &m.message {
                <div class={classes!("ng-msg", msg.error.then_some("ng-msg-error"))} role={if msg.error { "alert" } else { "status" }}>
                    <span>{ &msg.text }</span>
                    if msg.undo {
                        <button type="button" class="ng-link" onclick={cmd(NoteCmd::Undo)}>{ "Undo" }</button>
                    }
                    <button type="button" class="ng-link" aria-label="Dismiss message" onclick={cmd(NoteCmd::DismissMessage)}>{ "×" }</button>
                </div>
            }
            { for editor }
            <h3>{ format!("My notes ({})", m.rows.len()) }</h3>
            if m.rows.is_empty() && m.orphans.is_empty() {
                <p class="ng-empty">{ "Select text in the article, then press “Annotate” (or the a key) to add a note." }</p>
            }
            <ol class="ng-list ng-notelist">
                { for m.rows.iter().take(SHOWN).map(|r| note_item(r, props, false)) }
            </ol>
            if m.rows.len() > SHOWN {
                <p class="ng-hint">{ format!("… and {} more (all are highlighted and exported).", m.rows.len() - SHOWN) }</p>
            }
            if !m.orphans.is_empty() {
                <h3 class="ng-orphans-h">{ format!("Not found on this page ({})", m.orphans.len()) }</h3>
                <p class="ng-hint">{ "Their text has changed or gone. They stay here, and come back if the text does." }</p>
                <ol class="ng-list ng-orphans">
                    { for m.orphans.iter().take(SHOWN).map(|r| note_item(r, props, true)) }
                </ol>
                if m.orphans.len() > SHOWN {
                    <p class="ng-hint">{ format!("… and {} more (all are kept and exported).", m.orphans.len() - SHOWN) }</p>
                }
            }
            <div class="ng-tools" role="group" aria-label="Export and import">
                <button type="button" class="ng-btn" onclick={cmd(NoteCmd::Export { findings: *with_findings, copy: false })}>{ "Export JSON" }</button>
                <button type="button" class="ng-btn" onclick={cmd(NoteCmd::Export { findings: *with_findings, copy: true })}>{ "Copy JSON" }</button>
                <label class="ng-btn ng-file">{ "Import…" }
                    <input type="file" accept=".json,.jsonld,application/json,application/ld+json" onchange={on_file} />
                </label>
                <label class="ng-check">
                    <input type="checkbox" checked={*with_findings} onchange={toggle_findings} />
                    { " include automatic findings" }
                </label>
            </div>
        </section>
    }
}

fn note_item(r: &NoteRow, props: &NotesPanelProps, orphan: bool) -> Html {
    let id = r.id.clone();
    let focus = props.on_cmd.reform({
        let id = id.clone();
        move |_: MouseEvent| NoteCmd::Focus(id.clone())
    });
    let edit = props.on_edit.reform({
        let id = id.clone();
        move |_: MouseEvent| Some(Editing::Existing(id.clone()))
    });
    let delete = props.on_cmd.reform(move |_: MouseEvent| NoteCmd::Delete(id.clone()));
    html! {
        <li key={r.id.clone()} class={classes!("ng-note", format!("ng-c-{}", r.colour))} data-id={r.id.clone()}>
            <button type="button" class="ng-item ng-note-quote" disabled={orphan} onclick={focus}
                title={if orphan { "Not on the page any more" } else { "Show on the page" }}>
                <span class="ng-swatch" aria-hidden="true"></span>
                <span class="ng-exact">{ format!("“{}”", r.exact) }</span>
            </button>
            { note_details(r, !orphan, ("ng-note-actions", "ng-link"), edit, delete) }
        </li>
    }
}

/// What a note says and its Edit/Delete buttons: the same in the list and
/// on the card (`classes`: the actions' and the buttons' classes there).
/// `placed`: the note is on the page (an unapplied correction says so).
pub(super) fn note_details(
    r: &NoteRow,
    placed: bool,
    classes: (&'static str, &'static str),
    edit: Callback<MouseEvent>,
    delete: Callback<MouseEvent>,
) -> Html {
    html! {
        <>
            if let Some(c) = &r.correction {
                <p class="ng-correction">{ c }</p>
                if r.inactive && placed {
                    <p class="ng-inactive">{ "Not applied: this text is outside the article newsgloss reads, or the finding is gone." }</p>
                }
            }
            if !r.note.is_empty() {
                <p class="ng-note-text">{ note_text(&r.note) }</p>
            }
            if !r.tags.is_empty() {
                <ul class="ng-tags" aria-label="Tags">{ for r.tags.iter().map(|t| html! { <li class="ng-tag">{ t }</li> }) }</ul>
            }
            <div class={classes.0}>
                if r.correction.is_none() {
                    <button type="button" class={classes.1} onclick={edit}>{ "Edit" }</button>
                }
                <button type="button" class={classes.1} onclick={delete}>{ "Delete" }</button>
            </div>
        </>
    }
}

/// A note as text with line breaks, its web links as links.
fn note_text(text: &str) -> Html {
    let lines = text.split('\n').enumerate().map(|(i, line)| {
        html! {
            <>
                if i > 0 { <br /> }
                { for linkify(line).into_iter().map(|(link, s)| if link {
                    html! { <a href={s.to_string()} target="_blank" rel="noopener noreferrer nofollow">{ s }</a> }
                } else {
                    html! { { s } }
                }) }
            </>
        }
    });
    html! { <>{ for lines }</> }
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub exact: String,
    pub initial: Draft,
    pub is_new: bool,
    pub known_tags: Vec<String>,
    pub on_save: Callback<(Draft, Option<Mark>)>,
    pub on_cancel: Callback<()>,
}

/// The note editor: the text it is about, a note, tags with completion, a
/// colour, and (for new notes) "mark as" an actor or a quotation.
/// Ctrl/⌘+Enter saves, Escape cancels.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let note = use_state(|| props.initial.note.clone());
    let tags = use_state(|| props.initial.tags.clone());
    let colour =
        use_state(
            || if props.initial.colour.is_empty() { COLOURS[0].to_string() } else { props.initial.colour.clone() },
        );
    let typed = use_state(String::new);
    let mark = use_state(|| None::<Mark>);
    let area = use_node_ref();
    {
        let area = area.clone();
        use_effect_with((), move |_| {
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                let _ = a.focus();
            }
        });
    }
    let draft = {
        let (note, tags, colour, typed) = (note.clone(), tags.clone(), colour.clone(), typed.clone());
        move || {
            let mut t = (*tags).clone();
            // A tag typed but not yet added counts.
            t.extend(typed.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string));
            Draft { note: (*note).clone(), tags: t, colour: (*colour).clone() }
        }
    };
    let save = {
        let (on_save, draft, mark) = (props.on_save.clone(), draft.clone(), mark.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_save.emit((draft(), *mark));
        })
    };
    let on_keydown = {
        let (on_save, on_cancel, draft, mark) =
            (props.on_save.clone(), props.on_cancel.clone(), draft.clone(), mark.clone());
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            if e.key() == "Escape" {
                on_cancel.emit(());
            } else if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_save.emit((draft(), *mark));
            }
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                note.set(t.value());
            }
        })
    };
    let add_tag = {
        let (tags, typed) = (tags.clone(), typed.clone());
        move |value: &str| {
            let mut t = (*tags).clone();
            for v in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if !t.iter().any(|x| x.eq_ignore_ascii_case(v)) {
                    t.push(v.to_string());
                }
            }
            tags.set(t);
            typed.set(String::new());
        }
    };
    let on_tag_input = {
        let (typed, add_tag) = (typed.clone(), add_tag.clone());
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let v = input.value();
            if v.ends_with(',') {
                add_tag(&v);
                input.set_value("");
            } else {
                typed.set(v);
            }
        })
    };
    let on_tag_key = {
        let (typed, add_tag) = (typed.clone(), add_tag.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && !e.ctrl_key() && !e.meta_key() {
                e.prevent_default();
                if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                    input.set_value("");
                }
                add_tag(&typed);
            }
        })
    };
    let remove_tag = |t: String| {
        let tags = tags.clone();
        Callback::from(move |_: MouseEvent| tags.set(tags.iter().filter(|x| **x != t).cloned().collect()))
    };
    let suggestions = complete(&props.known_tags, &typed, &tags);
    let on_mark = {
        let mark = mark.clone();
        Callback::from(move |e: Event| {
            let v =
                e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default();
            mark.set(match v.as_str() {
                "person" => Some(Mark::Actor(ActorKind::Person)),
                "organization" => Some(Mark::Actor(ActorKind::Organization)),
                "place" => Some(Mark::Actor(ActorKind::Place)),
                "group" => Some(Mark::Actor(ActorKind::Group)),
                "quote" => Some(Mark::Quote),
                _ => None,
            });
        })
    };
    html! {
        <form class="ng-editor" aria-label={if props.is_new { "New note" } else { "Edit note" }} onsubmit={save} onkeydown={on_keydown}>
            <blockquote class="ng-editor-exact">{ format!("“{}”", props.exact) }</blockquote>
            <label class="ng-field">{ "Note" }
                <textarea ref={area} rows="4" value={(*note).clone()} oninput={on_note} placeholder="Your note (plain text; links are kept)" />
            </label>
            <div class="ng-field">
                <label for="ng-tag-input">{ "Tags" }</label>
                <ul class="ng-tags ng-tags-edit">
                    { for tags.iter().map(|t| html! {
                        <li class="ng-tag">{ t }
                            <button type="button" class="ng-tag-x" aria-label={format!("Remove tag {t}")} onclick={remove_tag(t.clone())}>{ "×" }</button>
                        </li>
                    }) }
                </ul>
                <input id="ng-tag-input" type="text" list="ng-tag-list" autocomplete="off" value={(*typed).clone()}
                    placeholder="Add a tag, then Enter" oninput={on_tag_input} onkeydown={on_tag_key} />
                <datalist id="ng-tag-list">{ for suggestions.iter().map(|t| html! { <option value={t.to_string()} /> }) }</datalist>
            </div>
            <fieldset class="ng-colours">
                <legend>{ "Colour" }</legend>
                { for COLOURS.iter().map(|c| {
                    let colour = colour.clone();
                    let checked = *colour == *c;
                    html! {
                        <label class={classes!("ng-colour", format!("ng-c-{c}"))} title={*c}>
                            <input type="radio" name="ng-colour" value={*c} {checked} aria-label={*c}
                                onchange={Callback::from(move |_| colour.set(c.to_string()))} />
                            <span class="ng-swatch" aria-hidden="true"></span>
                        </label>
                    }
                }) }
            </fieldset>
            if props.is_new {
                <label class="ng-field">{ "Also mark as" }
                    <select onchange={on_mark}>
                        <option value="" selected=true>{ "nothing else" }</option>
                        <option value="person">{ "a person (missed actor)" }</option>
                        <option value="organization">{ "an organization (missed actor)" }</option>
                        <option value="place">{ "a place (missed actor)" }</option>
                        <option value="group">{ "a group (missed actor)" }</option>
                        <option value="quote">{ "a quotation (missed quote)" }</option>
                    </select>
                </label>
            }
            <div class="ng-editor-actions">
                <button type="submit" class="ng-btn ng-primary">{ "Save" }</button>
                <button type="button" class="ng-btn" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
