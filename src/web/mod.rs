//! The browser shell (wasm32 only): reads the page into the core's tree,
//! draws the core's findings back onto the page, and exposes the JS API.
//!
//! Architecture invariant: this is the only module that touches the DOM, and
//! it holds no analysis logic: it translates between the DOM and the core.

mod api;
pub mod body;
pub mod dom;
pub mod engine;
pub mod fallback;
pub mod highlight;
pub mod hit;
mod keys;
pub mod notes;
pub mod panic;
pub mod storage;
pub mod view;

pub use api::{mount, Widget};
