//! Entity and figure recognition.
//!
//! Skeleton; see the full documentation below once implemented.

mod types;

pub use types::*;
