//! Web Annotations (W3C Web Annotation Data Model): the format newsgloss
//! exports its findings in and keeps readers' annotations in.
//!
//! - [`model`]: the data model as serde types (annotations, bodies,
//!   targets, selectors, collections and pages), written in the model's
//!   JSON-LD form and read back leniently, losing nothing.
//! - [`selector`]: text quote and position selectors over a text, made from
//!   code-point spans and resolved back to them.
//! - [`anchor`]: finding stored selectors again in a text that may have
//!   changed (position, exact quote, approximate quote).
//! - [`source`]: the IRI a text stands for (a page's canonical URL, a
//!   `file://` URL, standard input).
//! - [`uuid`]: content-derived `urn:uuid:` ids (UUID version 5).
//! - [`findings`]: the engine's findings as a collection of annotations.
//!
//! Pure: no I/O, no clock, no DOM; the same code runs in the widget and the
//! CLI. Offsets are Unicode code points, end exclusive, as in the analysis.

pub mod anchor;
pub mod corrections;
pub mod export;
pub mod findings;
pub mod import;
pub mod model;
pub mod reader;
pub mod selector;
pub mod source;
pub mod store;
pub mod time;
pub mod uuid;

pub use anchor::{anchor_all, Anchor, Anchorer, Method};
pub use findings::findings_to_w3c;
pub use model::{
    Agent, AgentObject, Annotation, AnnotationCollection, AnnotationPage, Body, Motivation, OneOrMany, PageRef,
    Purpose, Selector, SpecificResource, Target, TextPositionSelector, TextQuoteSelector, TextualBody, ANNO_CONTEXT,
    TEXT_PLAIN,
};
pub use selector::{position_selector, quote_selector, TextSelectors, CONTEXT_CHARS};
pub use source::{canonical_link, file_iri, page_url, with_fragment, STDIN_SOURCE};
