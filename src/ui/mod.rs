//! The widget's UI (wasm32 only): yew components in the shadow root, driven
//! by a reducer ([`state`]). Components are small and dumb: they render
//! state and dispatch actions; the shell does the DOM work through callbacks.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod card;
pub mod graph;
#[cfg(target_arch = "wasm32")]
mod graph_view;
pub mod hit;
pub mod keys;
pub mod layers;
pub mod marks;
pub mod notes;
#[cfg(target_arch = "wasm32")]
mod notes_view;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub use app::{ActorItem, App, AppProps, DisputeItem, LayerItem, PartItem, QuoteItem};

/// The widget's own stylesheet, scoped by its shadow root.
pub const WIDGET_CSS: &str = include_str!("widget.css");
