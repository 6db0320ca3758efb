//! Per-mention annotation files and exports for NLP tools. Pure: text in,
//! text out — no I/O, no LSP types.
//!
//! Opted in with `[annotations] format = "brat"` in `corpus.toml`; each
//! article `a.txt` has its mentions in `a.ann` beside it ([`ann_path`]), in
//! [brat standoff](https://brat.nlplab.org/standoff.html) format.
//!
//! # Offsets
//!
//! brat offsets are Unicode code points of the article; ours
//! ([`Span`]) are bytes. [`CodePointIndex`] converts both ways exactly,
//! with a checkpoint table (no rescans per annotation):
//! `cp_to_byte`, `byte_to_cp` (`None` inside a character), `byte_to_cp_floor`,
//! `cp_range_to_bytes`, `byte_range_to_cps`.
//!
//! # `.ann` files ([`AnnFile`])
//!
//! * [`AnnFile::parse`]`(&str) -> AnnFile` never fails; [`AnnFile::to_text`]
//!   gives the input back byte for byte (BOM, CRLF / LF / lone CR per line, a
//!   last line without newline, blank lines, malformed lines, `R`/`E`/`*`
//!   lines verbatim). Lines are [`Entry`]s: [`TextBound`] (`T`),
//!   [`Attribute`] (`A`/`M`), [`Normalization`] (`N`), [`Note`] (`#`),
//!   [`OtherEntry`] (`R`, `E`, `*`), [`Entry::Blank`], [`Entry::Malformed`].
//!   Read them with `entries()`, `text_bounds()`, `text_bound(id)`,
//!   `line_text(n)`, `line_span(n)`.
//! * [`AnnFile::problems`]`() -> Vec<Problem>`: malformed lines, duplicate
//!   IDs, inverted offsets, references to unknown IDs;
//!   [`AnnFile::check`]`(article)` adds offsets past the article's end and
//!   stale text. A [`Problem`] has a zero-based `line`, a byte `span` in the
//!   `.ann` text, a [`ProblemKind`] and a message.
//! * Writing: [`AnnFile::annotate`]`(article, &[byte spans], &label) ->
//!   Result<id>` appends `T{max+1}` (spelling the type the way the file
//!   already does); [`AnnFile::add_text_bound`] is the code point version.
//!   [`AnnFile::remove`]`(id)` deletes the `T` line and the `A`/`N`/`#` lines
//!   about it; [`AnnFile::remove_line`]`(n)` deletes any one line. New lines
//!   use the file's line ending; the file ends with a newline iff it did
//!   (always, for a new file).
//! * Article edits in the editor: [`AnnFile::apply_edit`]`(old_article,
//!   removed_bytes, inserted)` moves offsets (and updates the stored text of
//!   annotations that matched before the edit); [`AnnFile::shift`]`(start,
//!   removed, inserted)` is the code point, offsets-only version. What
//!   happens to a fragment an edit touches is in [`shift_range`]: an
//!   insertion strictly inside grows it; a removal of all of it *wipes* it —
//!   the annotation is kept, collapsed, and becomes stale; `apply_edit`
//!   restores it when its text is inserted back at that point (an undo),
//!   otherwise it waits for a quick fix (re-anchor or delete).
//! * Stale annotations: [`AnnFile::stale`]`(article) -> Vec<StaleAnnotation>`,
//!   each with `nearest`: the nearest exact occurrence of its text
//!   ([`find_nearest`]); quick fixes are `set_spans(id, nearest)` /
//!   [`AnnFile::reanchor`] and `remove(id)`.
//! * Edits for `workspace/applyEdit`: [`AnnFile::tracked`]`(|ann| …) -> (R,
//!   Vec<AnnEdit>)` runs any of the above and returns the minimal line-level
//!   [`AnnEdit`]s (byte ranges of the old `.ann` text) that make the
//!   change; [`AnnFile::edits_from`]`(&before)` is the same from a clone;
//!   [`apply_edits`] applies them to a string.
//!
//! # Labels
//!
//! [`AnnotationLabel`] is `Known(EntityKind)` or `Other(String)`;
//! [`AnnotationLabel::parse`] maps brat's usual type names
//! case-insensitively ([`kind_for_type_name`]: `Organization`/`Organisation`/`ORG`,
//! `Person`/`PER`, `Location`/`LOC`/`GPE`/`Place`, `Product`/`PROD`, `Money`,
//! `Quantity`/`CARDINAL`, `Percent`/`Percentage`, `Date`/`TIME`).
//! `as_str()` is our kind name or the other name, `brat_type()` the name we
//! write, `tag()` the export tag (`ORG`, `PER`, `LOC`, `PRODUCT`, `MONEY`,
//! `QUANTITY`, `PERCENT`, `DATE`, or the other name upper-cased).
//!
//! # Export and import ([`Annotation`]: byte spans, label, text)
//!
//! * [`export_brat`]`(article, &anns) -> String` (`.ann` text);
//!   [`import_brat`]`(article, ann_text) -> (Vec<Annotation>, Vec<Problem>)`.
//! * [`export_jsonl`]`(article, &anns, source) -> String`: one spaCy/Prodigy
//!   line, code point offsets.
//! * [`export_conll`]`(article, &anns, &sentences) -> String`: BIO lines, blank
//!   line between sentences; tokens from [`conll_tokens`].

pub mod brat;
pub mod diff;
pub mod export;
pub mod label;
pub mod offsets;
pub mod overlay;
pub mod shift;
pub mod stale;

#[cfg(test)]
mod tests;

pub use brat::{
    AnnError, AnnFile, Attribute, Entry, LineEnding, Malformed, Normalization, Note, OtherEntry,
    OtherKind, Problem, ProblemKind, Removed, ShiftOutcome, TextBound,
};
pub use diff::{AnnEdit, apply_edits};
pub use export::{conll_tokens, export_brat, export_conll, export_jsonl, import_brat};
pub use label::{AnnotationLabel, kind_for_type_name};
pub use offsets::{CodePointIndex, snap_span};
pub use overlay::{OtherMention, Overlaid, overlay};
pub use shift::{Shifted, shift_range};
pub use stale::{StaleAnnotation, find_nearest};

use crate::analysis::Span;
use std::path::{Path, PathBuf};

/// One mention, for export and import: byte spans into the article (one,
/// or several for a discontinuous mention), a label (our kind name such as
/// `"organization"`, or any other type name) and the mention's text (the
/// spans' text joined by a space).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub spans: Vec<Span>,
    pub label: String,
    pub text: String,
}

/// The annotation file of an article: `a.txt` → `a.ann`.
pub fn ann_path(article: &Path) -> PathBuf {
    article.with_extension("ann")
}
