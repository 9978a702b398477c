//! The article as text: offset units and simple segmentation.

pub mod bytes;
pub mod offsets;
pub mod segment;

pub use offsets::Offsets;
