//! The widget's entry point for the loader: `mount(shadowRoot, options)`
//! reads the page, runs the analysis, applies the reader's corrections,
//! draws highlights and the reader's notes, and renders the UI; the
//! returned [`Widget`] answers `analysis()`, the annotations API and
//! `destroy()`.
//!
//! Errors come back as a JS `Error` with a message meant for the reader; the
//! loader shows it in the widget. Nothing here throws into the host page on
//! its own.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::ShadowRoot;
use yew::AppHandle;

use super::body::Body;
use super::dom::DomTree;
use super::fallback::Fallback;
use super::highlight::Highlights;
use super::hit::{self, Listener};
use super::keys;
use super::notes::Notes;
use super::panic;
use super::view::{scroll_to, Page, Paint, View, SELF};
use crate::analysis::{analyze, Analysis};
use crate::annotation::corrections::{apply, Corrected};
use crate::annotation::export::rebase;
use crate::annotation::findings::findings_annotations;
use crate::annotation::import::import;
use crate::annotation::reader::{view, Correction, Draft, FindingKind, COLOURS};
use crate::annotation::{page_url, TextSelectors};
use crate::article;
use crate::article::body::BodyMap;
use crate::text::{segment::word_count, Offsets};
use crate::ui::graph::graph;
use crate::ui::layers::{layers, Target};
use crate::ui::notes::{NoteCmd, NotesModel};
use crate::ui::state::{Action, Panel, UiState};
use crate::ui::{ActorItem, App, AppProps, DisputeItem, LayerItem, PartItem, QuoteItem};

/// A mounted widget. Dropping it (or `destroy()`) removes every trace.
#[wasm_bindgen]
pub struct Widget {
    shell: Rc<Shell>,
}

#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
struct Timings {
    /// Reading the DOM and finding the article (ms).
    read: f64,
    analyze: f64,
    highlight: f64,
    total: f64,
}

/// A listener the notes added to the page (not passive: the `a` key's
/// default is prevented): target, event, handler.
type PageListener = (web_sys::EventTarget, &'static str, Closure<dyn FnMut(web_sys::Event)>);

/// Everything a mounted widget holds. Callbacks keep a `Weak` to it, so
/// dropping the [`Widget`] frees it all. The notes outlive rebuilds (a
/// reader's correction rebuilds the reading view; an unsaved change must
/// survive that).
struct Shell {
    doc: web_sys::Document,
    root: ShadowRoot,
    open: bool,
    notes: RefCell<Notes>,
    /// The body's text nodes as last read (shared with the view's hit
    /// tests); `None` until needed after a build: a page without notes
    /// reads them after the first paint (`Shell::body`).
    body: RefCell<Option<Rc<Body>>>,
    /// The engine's reading of the article text, reused while the text is
    /// the same.
    raw: RefCell<Option<Analysis>>,
    mounted: RefCell<Option<Mounted>>,
    /// The props the app was last given.
    props: RefCell<Option<AppProps>>,
    timings: Cell<Timings>,
    listeners: RefCell<Vec<PageListener>>,
    /// A save retry or a deferred rebuild is scheduled.
    retry_scheduled: Cell<bool>,
    rebuild_scheduled: Cell<bool>,
    selection_timer: Cell<Option<i32>>,
}

/// One build of the reading view: the findings as shown (corrections
/// applied), what is painted, the page listeners, the UI.
struct Mounted {
    shown: Corrected,
    view: Rc<View>,
    listeners: Vec<Listener>,
    app: AppHandle<App>,
    container: web_sys::Element,
}

/// Mounts the widget into `root` (a shadow root the loader created).
/// `options` is the loader's options object (the script tag's `data-`
/// attributes): `open` ("false" starts collapsed).
#[wasm_bindgen]
pub fn mount(root: ShadowRoot, options: JsValue) -> Result<Widget, JsError> {
    panic::install(&root);
    let window = web_sys::window().ok_or_else(|| JsError::new("no window"))?;
    let doc = window.document().ok_or_else(|| JsError::new("no document"))?;
    let style = doc.create_element("style").map_err(|_| JsError::new("cannot create the widget"))?;
    style.set_text_content(Some(crate::ui::WIDGET_CSS));
    root.append_child(&style).map_err(|_| JsError::new("cannot attach the widget's styles"))?;
    let shell = Rc::new(Shell {
        notes: RefCell::new(Notes::open(&page_source(&doc))),
        body: RefCell::new(None),
        doc,
        root,
        open: option(&options, "open").is_none_or(|v| v != "false"),
        raw: RefCell::new(None),
        mounted: RefCell::new(None),
        props: RefCell::new(None),
        timings: Cell::new(Timings::default()),
        listeners: RefCell::new(Vec::new()),
        retry_scheduled: Cell::new(false),
        rebuild_scheduled: Cell::new(false),
        selection_timer: Cell::new(None),
    });
    Shell::build(&shell, None)?;
    Shell::listen(&shell);
    Ok(Widget { shell })
}

impl Shell {
    /// Reads the page, applies the reader's corrections to the engine's
    /// reading, paints it and the notes, and renders the UI. `ui`: the
    /// state of the UI being replaced (a rebuild keeps the open panel).
    fn build(this: &Rc<Shell>, ui: Option<UiState>) -> Result<(), JsError> {
        let doc = this.doc.clone();
        let root = this.root.clone();
        let window = web_sys::window().ok_or_else(|| JsError::new("no window"))?;
        let perf = window.performance();
        let now = || perf.as_ref().map_or(0.0, |p| p.now());
        mark(&perf, "newsgloss:mount");

        let t0 = now();
        let dom = DomTree::read(&doc).ok_or_else(|| JsError::new("the page has no body to read"))?;
        mark(&perf, "newsgloss:dom-read");
        let found = article::article(&dom.tree);
        let title =
            article::title_near(&dom.tree, found.root).filter(|t| !t.trim().is_empty()).unwrap_or_else(|| doc.title());
        let t1 = now();
        mark(&perf, "newsgloss:article-found");
        let raw = {
            let mut cache = this.raw.borrow_mut();
            match cache.as_ref() {
                Some(a) if a.text == found.text => a.clone(),
                _ => {
                    let a = analyze(&found.text);
                    *cache = Some(a.clone());
                    a
                }
            }
        };
        let t2 = now();
        mark(&perf, "newsgloss:analyzed");

        // The reader's corrections, anchored on the body's text. Without
        // notes there is nothing to anchor: the body's text nodes are read
        // after the first paint, or when first needed.
        *this.body.borrow_mut() = None;
        let no_notes = this.notes.borrow().annotations().is_empty();
        let shown = if no_notes {
            this.notes.borrow_mut().inactive.clear();
            Corrected { analysis: raw, confirmed: Default::default(), unapplied: Vec::new() }
        } else {
            let body = Shell::body(this);
            let mut notes = this.notes.borrow_mut();
            notes.anchor(&body);
            let view_ = body.view();
            let map = BodyMap::new(&view_, &found, &body.tree_map(&dom.nodes));
            let corrections = notes.corrections(&map);
            let applicable: Vec<(Correction, (usize, usize))> =
                corrections.iter().filter_map(|(_, c, span)| span.map(|s| (c.clone(), s))).collect();
            let ids: Vec<&String> =
                corrections.iter().filter(|(_, _, span)| span.is_some()).map(|(id, _, _)| id).collect();
            let corrected = apply(&raw, &applicable);
            let mut inactive: std::collections::HashSet<String> =
                corrections.iter().filter(|(_, _, span)| span.is_none()).map(|(id, _, _)| id.clone()).collect();
            inactive.extend(corrected.unapplied.iter().filter_map(|&i| ids.get(i).map(|id| (*id).clone())));
            notes.inactive = inactive;
            corrected
        };
        mark(&perf, "newsgloss:notes-anchored");
        let analysis = &shown.analysis;

        let page = Page::new(doc.clone(), dom, found);
        let offsets = Offsets::new(&page.article.text);
        let layers = layers(analysis);
        let hidden = stored_hidden_layers();
        let mut notice = None;
        let visible = || layers.iter().filter(|l| !hidden.iter().any(|x| x == l.name));
        let paint = if Highlights::supported() {
            let made: Vec<_> = visible().map(|l| (l, page.ranges_with(&offsets, &l.spans, None))).collect();
            mark(&perf, "newsgloss:ranges-made");
            let mut h = Highlights::install(&doc);
            let mut cache = HashMap::new();
            for (layer, ranges) in made {
                h.set(layer.name, &ranges, layer.priority)
                    .map_err(|_| JsError::new("the browser refused the highlights"))?;
                cache.insert(layer.name.to_string(), (layer.spans.clone(), ranges));
            }
            Paint::Highlights { h, cache }
        } else {
            // No CSS Custom Highlight API: the widget's own inline marks.
            let mut marks = Fallback::new(&doc);
            marks.show_all(&page, visible().map(|l| (l.name.to_string(), l.spans.clone(), l.priority)).collect());
            notice = Some(
                "This browser has no CSS Custom Highlight API: highlights are drawn with inline marks.".to_string(),
            );
            Paint::Marks(marks)
        };
        let t3 = now();
        mark(&perf, "newsgloss:highlights-drawn");
        measure(&perf, "newsgloss:mount", "newsgloss:highlights-drawn");

        let text = &page.article.text;
        let actor_name = |id: &Option<String>| {
            id.as_ref().and_then(|id| analysis.actors.iter().find(|a| &a.id == id)).map(|a| a.name.clone())
        };
        let quotes = analysis
            .quotes
            .iter()
            .map(|q| QuoteItem {
                text: excerpt(text, &offsets, (q.start, q.end), usize::MAX),
                kind: q.kind,
                speaker: q
                    .speaker
                    .as_ref()
                    .and_then(|s| actor_name(&s.actor).or_else(|| Some(excerpt(text, &offsets, (s.start, s.end), 60)))),
                confirmed: shown.confirmed.contains(&q.id),
                cue: q.speaker.as_ref().map(|s| excerpt(text, &offsets, (s.start, s.end), 60)),
            })
            .collect();
        let actors = analysis
            .actors
            .iter()
            .map(|a| ActorItem {
                name: a.name.clone(),
                kind: a.kind,
                mentions: a.mentions.len(),
                confirmed: shown.confirmed.contains(&a.id),
                aliases: aliases(text, &offsets, a),
            })
            .collect();
        let part = |span: (usize, usize), holder: &Option<String>, stance| PartItem {
            excerpt: excerpt(text, &offsets, span, 160),
            holder: actor_name(holder),
            span,
            stance,
        };
        let disputes = analysis
            .disputes
            .iter()
            .map(|d| DisputeItem {
                topic: d.topic.clone(),
                claim: part((d.claim.start, d.claim.end), &d.claim.holder, None),
                positions: d.positions.iter().map(|p| part((p.start, p.end), &p.holder, Some(p.stance))).collect(),
                confirmed: shown.confirmed.contains(&d.id),
            })
            .collect();
        let legend = layers.iter().map(|l| LayerItem { name: l.name, label: l.label, count: l.count() }).collect();
        let quote_spans: Vec<(usize, usize)> = analysis.quotes.iter().map(|q| (q.start, q.end)).collect();
        let timings = Timings { read: t1 - t0, analyze: t2 - t1, highlight: t3 - t2, total: t3 - t0 };
        this.timings.set(timings);
        let words = word_count(text);
        let graph = Rc::new(graph(analysis));
        let (open, panel) = ui.as_ref().map_or((this.open, Panel::Quotes), |s| (s.open, s.panel));
        let state = UiState { panel, ..UiState::new(open, hidden.clone()) };
        let view = Rc::new(View::new(page, root.clone(), paint, layers, state));
        SELF.with(|s| *s.borrow_mut() = Some(Rc::downgrade(&view)));
        let weak = Rc::downgrade(&view);
        let with_view = move |f: &dyn Fn(&View)| {
            if let Some(v) = weak.upgrade() {
                f(&v)
            }
        };
        let with_view = Rc::new(with_view);
        let shell = Rc::downgrade(this);
        let notes_model = Rc::new(this.notes.borrow().model());
        let props = AppProps {
            title,
            words,
            quotes: Rc::new(quotes),
            actors: Rc::new(actors),
            disputes: Rc::new(disputes),
            layers: Rc::new(legend),
            graph,
            elapsed_ms: timings.total,
            notice,
            start_open: open,
            start_hidden: hidden,
            start_panel: panel,
            on_focus: {
                let with_view = with_view.clone();
                yew::Callback::from(move |i: usize| {
                    if let Some(&span) = quote_spans.get(i) {
                        with_view(&|v| {
                            if let Some(range) = v.focus(&[span], 0) {
                                v.open_card(vec![Target::Quote(i)], range, true, false);
                            }
                        });
                    }
                })
            },
            on_actor: {
                let with_view = with_view.clone();
                yew::Callback::from(move |i: usize| with_view(&|v| v.step_actor(i, 1, true)))
            },
            on_step: {
                let with_view = with_view.clone();
                yew::Callback::from(move |(i, delta): (usize, i32)| with_view(&|v| v.step_actor(i, delta, false)))
            },
            on_span: {
                let with_view = with_view.clone();
                yew::Callback::from(move |span: (usize, usize)| {
                    with_view(&|v| {
                        v.focus(&[span], 0);
                    })
                })
            },
            on_layer: {
                let with_view = with_view.clone();
                yew::Callback::from(move |(name, visible): (String, bool)| {
                    with_view(&|v| v.switch_layer(&name, visible));
                    remember_layer(&name, visible);
                })
            },
            on_connect: {
                let with_view = with_view.clone();
                yew::Callback::from(move |d: yew::Callback<Action>| {
                    with_view(&|v| *v.dispatch.borrow_mut() = Some(d.clone()))
                })
            },
            on_state: {
                let with_view = with_view.clone();
                yew::Callback::from(move |s: UiState| with_view(&|v| v.state_changed(s.clone())))
            },
            notes: notes_model.clone(),
            on_note: yew::Callback::from(move |cmd: NoteCmd| {
                if let Some(shell) = shell.upgrade() {
                    Shell::command(&shell, cmd);
                }
            }),
        };
        *this.props.borrow_mut() = Some(props.clone());
        let container = doc.create_element("div").map_err(|_| JsError::new("cannot create the widget"))?;
        container.set_class_name("ng-app");
        root.append_child(&container).map_err(|_| JsError::new("cannot attach the widget"))?;
        let app = yew::Renderer::<App>::with_root_and_props(container.clone(), props).render();
        let mut listeners = hit::listen(&view);
        listeners.extend(keys::listen(&view));
        *this.mounted.borrow_mut() = Some(Mounted { shown, view, listeners, app, container });
        Shell::draw_notes(this);
        Shell::share_notes(this, &notes_model);
        // The panel is rendered and the page listeners are on: the task
        // ends, the browser paints.
        mark(&perf, "newsgloss:built");
        Shell::after_paint(this);
        Ok(())
    }

    /// The body's text nodes, read now if this build has not read them.
    fn body(this: &Shell) -> Rc<Body> {
        let cached = this.body.borrow().clone();
        cached.unwrap_or_else(|| {
            let body = Rc::new(Body::read(&this.doc));
            *this.body.borrow_mut() = Some(body.clone());
            body
        })
    }

    /// What the first paint does not need, after it: the body's text nodes
    /// (ready for the reader's first selection). When the page is idle
    /// (no frame is forced: a big page's first frame stays one task), else
    /// (no `requestIdleCallback`: Safari) in a task of its own.
    fn after_paint(this: &Rc<Shell>) {
        let weak = Rc::downgrade(this);
        let work = Closure::once_into_js(move || {
            let Some(shell) = weak.upgrade() else { return };
            let perf = web_sys::window().and_then(|w| w.performance());
            mark(&perf, "newsgloss:idle-start");
            Shell::body(&shell);
            mark(&perf, "newsgloss:idle-done");
        });
        let Some(w) = web_sys::window() else { return };
        if w.request_idle_callback(work.unchecked_ref()).is_err() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(work.unchecked_ref(), 0);
        }
    }

    /// Tells the view where the notes of `model` (the panel's, so that
    /// `Target::Note(i)` is its `i`-th row) are, for cards on them.
    fn share_notes(this: &Rc<Shell>, model: &NotesModel) {
        let mounted = this.mounted.borrow();
        let Some(m) = mounted.as_ref() else { return };
        let notes = this.notes.borrow();
        let spans: Vec<_> = model.rows.iter().map(|r| notes.span(&r.id).unwrap_or((0, 0))).collect();
        // No notes on the page: nothing to hit (and no need for the body yet).
        *m.view.notes.borrow_mut() = (!spans.is_empty()).then(|| (Shell::body(this), spans));
    }

    /// Removes what one build put up: UI, page listeners, paint.
    fn teardown(this: &Shell) -> Option<UiState> {
        let m = this.mounted.borrow_mut().take()?;
        let state = m.view.state.borrow().clone();
        m.app.destroy();
        drop(m.listeners);
        match &mut *m.view.paint.borrow_mut() {
            Paint::Highlights { h, .. } => h.clear(),
            Paint::Marks(marks) => marks.clear(),
            Paint::None => {}
        }
        SELF.with(|s| s.borrow_mut().take());
        let _ = this.root.remove_child(&m.container);
        Some(state)
    }

    /// Builds the reading view again (after a correction, an import, a
    /// change from another tab), keeping the open panel.
    fn rebuild(this: &Rc<Shell>) {
        let state = Shell::teardown(this);
        if let Err(e) = Shell::build(this, state) {
            let message = js_sys::Error::from(JsValue::from(e)).message();
            web_sys::console::warn_1(&format!("newsgloss could not redraw: {message}").into());
        }
    }

    /// Draws the reader's notes, one highlight per colour. (With the
    /// fallback's inline marks, notes are listed but not drawn.)
    fn draw_notes(this: &Rc<Shell>) {
        let mounted = this.mounted.borrow();
        let Some(m) = mounted.as_ref() else { return };
        let notes = this.notes.borrow();
        let mut paint = m.view.paint.borrow_mut();
        if let Paint::Highlights { h, .. } = &mut *paint {
            if notes.annotations().is_empty() {
                for colour in COLOURS {
                    h.remove(&format!("note-{colour}"));
                }
                return;
            }
            let body = Shell::body(this);
            for (colour, ranges) in notes.ranges(&body, &this.doc) {
                let name = format!("note-{colour}");
                if ranges.is_empty() {
                    h.remove(&name);
                } else {
                    let _ = h.set(&name, &ranges, 6);
                }
            }
        }
    }
    /// The notes changed: anchor and draw them again and update the panel.
    /// Corrections change the findings too, so they rebuild everything,
    /// after the current event (the UI may be inside its own callback).
    fn notes_changed(this: &Rc<Shell>, findings_too: bool) {
        if this.notes.borrow().unsaved {
            Shell::schedule_retry(this);
        }
        if findings_too {
            Shell::schedule_rebuild(this);
            return;
        }
        {
            let body = Shell::body(this);
            this.notes.borrow_mut().anchor(&body);
        }
        Shell::draw_notes(this);
        Shell::update_notes_model(this);
    }

    fn update_notes_model(this: &Rc<Shell>) {
        let model = Rc::new(this.notes.borrow().model());
        let Some(props) = this.props.borrow_mut().as_mut().map(|p| {
            p.notes = model.clone();
            p.clone()
        }) else {
            return;
        };
        if let Some(m) = this.mounted.borrow_mut().as_mut() {
            m.app.update(props);
        }
        Shell::share_notes(this, &model);
    }

    /// Rebuilds after the current event (the UI may be inside its own
    /// callback), once however often asked.
    fn schedule_rebuild(this: &Rc<Shell>) {
        Shell::schedule(this, |s| &s.rebuild_scheduled, 0, Shell::rebuild);
    }

    /// Tries to save again in 3 s (the quota was full), until it works.
    fn schedule_retry(this: &Rc<Shell>) {
        Shell::schedule(
            this,
            |s| &s.retry_scheduled,
            3000,
            |shell| {
                let saved = shell.notes.borrow_mut().save();
                if !saved && shell.notes.borrow().unsaved {
                    Shell::schedule_retry(shell);
                }
                Shell::update_notes_model(shell);
            },
        );
    }

    /// Runs `f` after `ms` ms unless already pending (`pending` is the
    /// flag that says so).
    fn schedule(this: &Rc<Shell>, pending: fn(&Shell) -> &Cell<bool>, ms: i32, f: fn(&Rc<Shell>)) {
        if pending(this).replace(true) {
            return;
        }
        let weak = Rc::downgrade(this);
        later(ms, move || {
            if let Some(shell) = weak.upgrade() {
                pending(&shell).set(false);
                f(&shell);
            }
        });
    }

    /// What the panel asked for.
    fn command(this: &Rc<Shell>, cmd: NoteCmd) {
        let mut findings_too = false;
        match cmd {
            NoteCmd::Begin => {
                // The selection as it is now, not as the debounce last saw it.
                Shell::selection_changed(this);
                let mut notes = this.notes.borrow_mut();
                let sel = notes.selection.clone();
                notes.pending = sel.as_ref().map(|s| s.0);
                notes.pending_text = sel.map(|s| s.1);
            }
            NoteCmd::Highlight => {
                Shell::selection_changed(this);
                let span = this.notes.borrow().selection.as_ref().map(|s| s.0);
                if let Some(span) = span {
                    let body = Shell::body(this);
                    this.notes.borrow_mut().create(&body, span, &Draft::default(), None);
                    this.notes.borrow_mut().selection = None;
                    clear_selection(&this.doc);
                }
            }
            NoteCmd::Create(draft, mark) => {
                let span = this.notes.borrow_mut().pending.take();
                match span {
                    Some(span) => {
                        let body = Shell::body(this);
                        this.notes.borrow_mut().create(&body, span, &draft, mark);
                        findings_too = mark.is_some();
                        this.notes.borrow_mut().selection = None;
                        clear_selection(&this.doc);
                    }
                    None => this.notes.borrow_mut().say("Select the text to annotate first.", true),
                }
            }
            NoteCmd::Update(id, draft) => {
                this.notes.borrow_mut().update(&id, &draft);
            }
            NoteCmd::Delete(id) => {
                let gone = this.notes.borrow_mut().delete(&id);
                findings_too = gone.is_some_and(|a| view(&a).correction.is_some());
            }
            NoteCmd::Undo => {
                let back = this.notes.borrow_mut().undo();
                findings_too = back.is_some_and(|a| view(&a).correction.is_some());
            }
            NoteCmd::Focus(id) => {
                let span = this.notes.borrow().span(&id);
                let body = Shell::body(this);
                if let Some(range) = span.and_then(|(s, e)| body.range(&body.view(), &this.doc, s, e)) {
                    scroll_to(&range);
                    if let Some(m) = this.mounted.borrow().as_ref() {
                        if let Paint::Highlights { h, .. } = &mut *m.view.paint.borrow_mut() {
                            let _ = h.set("focus", &[range], 10);
                        }
                    }
                }
                return;
            }
            NoteCmd::Export { findings, copy } => {
                let json = Shell::export_json(this, findings);
                if copy {
                    copy_text(&json);
                    this.notes.borrow_mut().say("Copied the annotations as W3C JSON to the clipboard.", false);
                } else {
                    download(&this.doc, &json, "newsgloss-annotations.jsonld");
                }
            }
            NoteCmd::Import(text) => {
                this.notes.borrow_mut().import(&text);
                findings_too = true;
            }
            NoteCmd::Correct(kind, i, confirm) => {
                let span = this.mounted.borrow().as_ref().and_then(|m| finding_span(&m.shown.analysis, kind, i));
                let correction =
                    if confirm { Correction::Confirm { finding: kind } } else { Correction::Reject { finding: kind } };
                Shell::correct(this, span, correction);
                findings_too = true;
            }
            NoteCmd::Speaker(i, name) => {
                let span =
                    this.mounted.borrow().as_ref().and_then(|m| finding_span(&m.shown.analysis, FindingKind::Quote, i));
                Shell::correct(this, span, Correction::Speaker { name });
                findings_too = true;
            }
            NoteCmd::DismissMessage => this.notes.borrow_mut().dismiss(),
        }
        Shell::notes_changed(this, findings_too);
    }

    /// Saves a correction of the finding at article span `span`.
    fn correct(this: &Rc<Shell>, span: Option<(usize, usize)>, correction: Correction) {
        let mounted = this.mounted.borrow();
        let Some(page) = mounted.as_ref().map(|m| &m.view.page) else { return };
        let body = Shell::body(this);
        let view_ = body.view();
        let map = BodyMap::new(&view_, &page.article, &body.tree_map(&page.dom.nodes));
        match span.and_then(|(s, e)| map.to_body(s, e)) {
            Some(span) => {
                this.notes.borrow_mut().correct(&body, span, correction);
            }
            None => this.notes.borrow_mut().say("That finding is not on the page any more.", true),
        }
    }

    /// The export file (with the findings moved onto body offsets, if asked).
    fn export_json(this: &Rc<Shell>, with_findings: bool) -> String {
        let notes = this.notes.borrow();
        let mounted = this.mounted.borrow();
        let findings = match mounted.as_ref() {
            Some(m) if with_findings => {
                let body = Shell::body(this);
                let view_ = body.view();
                let map = BodyMap::new(&view_, &m.view.page.article, &body.tree_map(&m.view.page.dom.nodes));
                let found = findings_annotations(&m.shown.analysis, notes.source());
                rebase(found, &TextSelectors::new(&body.text), |s, e| map.to_body(s, e))
            }
            _ => Vec::new(),
        };
        notes.export(findings)
    }

    /// Page events: the reader's selection, shortcuts, other tabs.
    fn listen(this: &Rc<Shell>) {
        let Some(window) = web_sys::window() else { return };
        let weak = Rc::downgrade(this);
        let on_selection = {
            let weak = weak.clone();
            move |_e: web_sys::Event| {
                let Some(shell) = weak.upgrade() else { return };
                if let Some(t) = shell.selection_timer.take() {
                    if let Some(w) = web_sys::window() {
                        w.clear_timeout_with_handle(t);
                    }
                }
                let weak = Rc::downgrade(&shell);
                let id = later(150, move || {
                    if let Some(shell) = weak.upgrade() {
                        shell.selection_timer.set(None);
                        Shell::selection_changed(&shell);
                    }
                });
                shell.selection_timer.set(id);
            }
        };
        let on_key = {
            let weak = weak.clone();
            move |e: web_sys::Event| {
                let Some(shell) = weak.upgrade() else { return };
                let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if k.ctrl_key() || k.meta_key() || k.alt_key() || k.default_prevented() || typing(&e) {
                    return;
                }
                let key = k.key();
                if key != "a" && key != "h" {
                    return;
                }
                // The selection as it is now (shift+arrows may have just moved it).
                Shell::selection_changed(&shell);
                if shell.notes.borrow().selection.is_none() {
                    return;
                }
                match key.as_str() {
                    "a" => {
                        k.prevent_default();
                        Shell::command(&shell, NoteCmd::Begin);
                        shell.notes.borrow_mut().open_editor += 1;
                        Shell::update_notes_model(&shell);
                    }
                    "h" => {
                        k.prevent_default();
                        Shell::command(&shell, NoteCmd::Highlight);
                    }
                    _ => {}
                }
            }
        };
        let on_storage = move |e: web_sys::Event| {
            let Some(shell) = weak.upgrade() else { return };
            let key = js_sys::Reflect::get(&e, &"key".into()).ok().and_then(|k| k.as_string());
            let ours = shell.notes.borrow().storage_key().map(str::to_string);
            if key.is_some() && key == ours && shell.notes.borrow_mut().sync() {
                Shell::schedule_rebuild(&shell);
            }
        };
        let doc_target: web_sys::EventTarget = this.doc.clone().into();
        let win_target: web_sys::EventTarget = window.into();
        let mut listeners = this.listeners.borrow_mut();
        for (target, name, f) in [
            (doc_target.clone(), "selectionchange", Box::new(on_selection) as Box<dyn FnMut(web_sys::Event)>),
            (doc_target, "keydown", Box::new(on_key)),
            (win_target, "storage", Box::new(on_storage)),
        ] {
            let closure = Closure::wrap(f);
            if target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref()).is_ok() {
                listeners.push((target, name, closure));
            }
        }
    }

    /// The reader's selection settled: remember it if it is page text.
    fn selection_changed(this: &Rc<Shell>) {
        let sel = this.doc.get_selection().ok().flatten();
        let range = sel.filter(|s| !s.is_collapsed() && s.range_count() > 0).and_then(|s| s.get_range_at(0).ok());
        let found = range.and_then(|r| {
            let node = r.common_ancestor_container().ok()?;
            if !Body::contains(&this.doc, &node) {
                return None;
            }
            let body = Shell::body(this);
            let span = body.span_of(&this.doc, &r)?;
            let text = body.text.chars().skip(span.0).take(span.1 - span.0).collect::<String>();
            if text.trim().is_empty() {
                return None;
            }
            let rect = r.get_bounding_client_rect();
            let (x, y) = (rect.left() + rect.width() / 2.0 - 70.0, rect.bottom() + 8.0);
            Some((span, text, x, y))
        });
        let changed = {
            let mut notes = this.notes.borrow_mut();
            let changed = notes.selection.as_ref().map(|s| s.0) != found.as_ref().map(|s| s.0);
            notes.selection = found;
            changed
        };
        if changed {
            Shell::update_notes_model(this);
        }
    }
}

#[wasm_bindgen]
impl Widget {
    /// The current findings (with the reader's corrections), in the
    /// analysis JSON format.
    pub fn analysis(&self) -> Result<JsValue, JsError> {
        match self.shell.mounted.borrow().as_ref() {
            Some(m) => to_js(&m.shown.analysis),
            None => Ok(JsValue::NULL),
        }
    }

    /// Milliseconds spent reading the page, analysing, and highlighting.
    pub fn timings(&self) -> Result<JsValue, JsError> {
        to_js(&self.shell.timings.get())
    }

    /// The reader's annotations (W3C Web Annotations).
    #[wasm_bindgen(js_name = getAnnotations)]
    pub fn get_annotations(&self) -> Result<JsValue, JsError> {
        to_js(&self.shell.notes.borrow().annotations())
    }

    /// Adds an annotation (W3C JSON, as an object or a string). Its target
    /// is this page; it needs a TextQuote or TextPosition selector.
    #[wasm_bindgen(js_name = addAnnotation)]
    pub fn add_annotation(&self, json: JsValue) -> Result<JsValue, JsError> {
        self.put(json, "created", false)
    }

    /// Replaces the annotation with the same id.
    #[wasm_bindgen(js_name = updateAnnotation)]
    pub fn update_annotation(&self, json: JsValue) -> Result<JsValue, JsError> {
        self.put(json, "updated", true)
    }

    /// Deletes annotation `id`; whether there was one.
    #[wasm_bindgen(js_name = removeAnnotation)]
    pub fn remove_annotation(&self, id: &str) -> bool {
        let gone = self.shell.notes.borrow_mut().delete(id);
        let found = gone.is_some();
        Shell::notes_changed(&self.shell, gone.is_some_and(|a| view(&a).correction.is_some()));
        found
    }

    /// The export file's text (a W3C AnnotationCollection).
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self, with_findings: bool) -> String {
        Shell::export_json(&self.shell, with_findings)
    }

    /// Imports a file's text: all or nothing; the report says what
    /// happened (`ok`, counts, `error`, `message`).
    #[wasm_bindgen(js_name = importJson)]
    pub fn import_json(&self, text: &str) -> Result<JsValue, JsError> {
        let report = self.shell.notes.borrow_mut().import(text);
        Shell::notes_changed(&self.shell, report.ok);
        to_js(&report)
    }

    /// `listener(type, annotation)` is called on every change ("created",
    /// "updated", "deleted").
    #[wasm_bindgen(js_name = setListener)]
    pub fn set_listener(&self, listener: js_sys::Function) {
        self.shell.notes.borrow_mut().listener = Some(listener);
    }

    /// Removes the UI, the highlights and the stylesheet.
    pub fn destroy(&mut self) {
        for (target, name, closure) in self.shell.listeners.borrow_mut().drain(..) {
            let _ = target.remove_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        }
        if let Some(t) = self.shell.selection_timer.take() {
            if let Some(w) = web_sys::window() {
                w.clear_timeout_with_handle(t);
            }
        }
        Shell::teardown(&self.shell);
        while let Some(child) = self.shell.root.first_child() {
            let _ = self.shell.root.remove_child(&child);
        }
        panic::forget();
    }

    /// Panics on purpose, so that tests can check that a panic is caught,
    /// logged once and shown, and that the host page keeps working.
    #[wasm_bindgen(js_name = _panicForTests)]
    pub fn panic_for_tests(&self) {
        panic!("panic requested by a test");
    }
}

impl Widget {
    fn put(&self, json: JsValue, event: &str, must_exist: bool) -> Result<JsValue, JsError> {
        let text = match json.as_string() {
            Some(s) => s,
            None => js_sys::JSON::stringify(&json).ok().and_then(|s| s.as_string()).unwrap_or_default(),
        };
        let mut notes = self.shell.notes.borrow_mut();
        let imported = import(&text, notes.source()).map_err(|e| JsError::new(&e.to_string()))?;
        let [mut a] = <[_; 1]>::try_from(imported.annotations).map_err(|_| JsError::new("expected one annotation"))?;
        let exists = notes.annotations().iter().any(|x| x.id == a.id);
        if must_exist && !exists {
            return Err(JsError::new(&format!("no annotation has the id {}", a.id)));
        }
        if !must_exist && exists {
            return Err(JsError::new(&format!("an annotation with the id {} exists: use updateAnnotation", a.id)));
        }
        let now = crate::web::notes::now();
        a.created.get_or_insert_with(|| now.clone());
        a.modified = Some(now);
        let correction = view(&a).correction.is_some();
        notes.put(vec![a.clone()], event);
        drop(notes);
        Shell::notes_changed(&self.shell, correction);
        to_js(&a)
    }
}

/// Remembers a layer switched in the legend.
fn remember_layer(name: &str, visible: bool) {
    let mut hidden = stored_hidden_layers();
    hidden.retain(|h| h != name);
    if !visible {
        hidden.push(name.to_string());
    }
    store_hidden_layers(&hidden);
}

/// The other ways the text names an actor (distinct mention texts, not
/// its name), at most five.
fn aliases(text: &str, offsets: &Offsets, a: &crate::analysis::Actor) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in &a.mentions {
        let t = excerpt(text, offsets, (m.start, m.end), 60);
        if t != a.name && !t.is_empty() && !out.contains(&t) && out.len() < 5 {
            out.push(t);
        }
    }
    out
}

const HIDDEN_KEY: &str = "newsgloss:hidden-layers";

/// The layers the reader switched off, from local storage (none when
/// storage is unavailable or unreadable).
fn stored_hidden_layers() -> Vec<String> {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(HIDDEN_KEY).ok().flatten())
        .unwrap_or_default();
    stored.split(',').filter(|s| !s.is_empty() && s.len() < 40).map(str::to_string).collect()
}

/// Best effort: a full or forbidden storage only loses this preference.
fn store_hidden_layers(hidden: &[String]) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(HIDDEN_KEY, &hidden.join(","));
    }
}

/// The text of a code-point span, cut to `max` chars with an ellipsis.
fn excerpt(text: &str, offsets: &Offsets, (s, e): (usize, usize), max: usize) -> String {
    let (Some(a), Some(b)) = (offsets.char_to_byte(s), offsets.char_to_byte(e)) else { return String::new() };
    let slice = text.get(a..b).unwrap_or_default().trim();
    if max == usize::MAX || slice.chars().count() <= max {
        return slice.to_string();
    }
    let mut cut: String = slice.chars().take(max).collect();
    cut.push('…');
    cut
}

/// The address readers' annotations of this page are stored under and
/// point at: the canonical link, else the URL without fragment and
/// tracking parameters.
fn page_source(doc: &web_sys::Document) -> String {
    let canonical = doc
        .query_selector("link[rel~=canonical][href]")
        .ok()
        .flatten()
        .and_then(|l| js_sys::Reflect::get(&l, &"href".into()).ok())
        .and_then(|h| h.as_string())
        .filter(|h| h.starts_with("http"));
    canonical.unwrap_or_else(|| page_url(&doc.url().unwrap_or_default()))
}

/// The article span of the `i`-th finding of a kind, as the lists show them.
fn finding_span(a: &Analysis, kind: FindingKind, i: usize) -> Option<(usize, usize)> {
    match kind {
        FindingKind::Actor => a.actors.get(i)?.mentions.first().map(|m| (m.start, m.end)),
        FindingKind::Quote => a.quotes.get(i).map(|q| (q.start, q.end)),
        FindingKind::Dispute => a.disputes.get(i).map(|d| (d.claim.start, d.claim.end)),
    }
}

/// Whether a key event comes from something the reader types in (the
/// page's inputs or the widget's own editor).
fn typing(e: &web_sys::Event) -> bool {
    let path = e.composed_path();
    let first = path.get(0);
    let Some(el) = first.dyn_ref::<web_sys::Element>() else { return false };
    keys::typing(el) || el.closest("[data-newsgloss]").ok().flatten().is_some()
}

fn clear_selection(doc: &web_sys::Document) {
    if let Some(s) = doc.get_selection().ok().flatten() {
        let _ = s.remove_all_ranges();
    }
}

/// Runs `f` after `ms` milliseconds; the timer's id.
fn later(ms: i32, f: impl FnOnce() + 'static) -> Option<i32> {
    let window = web_sys::window()?;
    let closure = Closure::once_into_js(f);
    window.set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms).ok()
}

/// Offers `text` as a file download (a blob URL: no network).
fn download(doc: &web_sys::Document, text: &str, name: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/ld+json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Copies `text` to the clipboard (best effort).
fn copy_text(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&ser).map_err(|e| JsError::new(&e.to_string()))
}

fn option(options: &JsValue, name: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &JsValue::from_str(name)).ok()?.as_string()
}

fn measure(perf: &Option<web_sys::Performance>, from: &str, to: &str) {
    if let Some(p) = perf {
        let _ = p.measure_with_str_and_end_mark("newsgloss:mount-to-highlights", from, to);
    }
}

fn mark(perf: &Option<web_sys::Performance>, name: &str) {
    if let Some(p) = perf {
        let _ = p.mark(name);
    }
}
