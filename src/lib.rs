//! newsgloss: reads a news article and marks its actors, quotations and
//! disputed claims; keeps a reader's annotations.
//!
//! The crate is a pure core (everything but `web` and `ui`) with two faces:
//! the wasm widget (`web`, `ui`; wasm32 only) and the CLI (`src/bin`).
//! See ARCHITECTURE.md for the code map and the invariants.

pub mod analysis;
pub mod annotation;
pub mod article;
pub mod text;
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
