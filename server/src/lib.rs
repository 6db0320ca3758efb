//! corpus-lsp: a language server and linter for corpora of news articles.
//!
//! Layers, from the bottom: [`analysis`] (pure text → facts), [`corpus`]
//! (the index of one corpus root, updated per file), [`ide`] (editor
//! features as plain data), [`lsp`] (the protocol)
//! and [`check`] (the command-line linter). See `ARCHITECTURE.md`.

pub mod analysis;
pub mod check;
pub mod corpus;
pub mod export;
pub mod facts;
pub mod ide;
pub mod lsp;
pub mod safe_write;
pub mod sarif;
pub mod timeline;
