//! What the editor draws over an article: highlighted mentions (semantic
//! tokens), resolved values after relative dates (inlay hints), and the
//! summary above the headline (code lens).

use super::Document;
use crate::analysis::Span;
use crate::analysis::entities::EntityKind;

/// A highlighted mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub span: Span,
    pub kind: EntityKind,
    /// Where the article defines the name ("the Trust (NWT)").
    pub declaration: bool,
    /// Written as an alias of its entity.
    pub alias: bool,
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The mentions to highlight, within `window` when given.
pub fn highlights(doc: &Document<'_>, window: Option<&Span>) -> Vec<Highlight> {
    doc.mentions
        .iter()
        .filter(|m| window.is_none_or(|w| overlaps(&m.span, w)))
        .map(|m| Highlight {
            span: m.span.clone(),
            kind: m.kind,
            declaration: m.is_declaration,
            alias: m.is_alias,
        })
        .collect()
}

/// An inlay hint: a label shown at an offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
}

/// The resolved value after each underspecified date ("last Tuesday" →
/// 2009-10-06) touching `window`.
pub fn inlay_hints(doc: &Document<'_>, window: &Span) -> Vec<InlayHint> {
    doc.entry
        .analysis
        .dates
        .expressions
        .iter()
        .filter(|r| window.start <= r.expr.span.end && r.expr.span.start <= window.end)
        .filter_map(|r| r.inlay_hint())
        .map(|(offset, label)| InlayHint { offset, label })
        .collect()
}

/// The line above the headline: how many entities, how many of them other
/// articles share, and how many conflicts the article is part of.
pub fn code_lens(doc: &Document<'_>) -> Option<(Span, String)> {
    let headline = doc.entry.analysis.article.headline.as_ref()?;
    let mut names: Vec<&str> = doc
        .mentions
        .iter()
        .filter(|m| m.kind.is_name())
        .map(|m| m.entity.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    let (entities, shared) = match doc.corpus {
        Some(c) => c.entities_of(&names),
        None => (names.len(), 0),
    };
    let conflicts = doc.corpus.map_or(0, |c| c.conflict_count(&doc.entry.path));
    let title = format!(
        "{entities} entities · {shared} shared with other articles · {conflicts} conflict{}",
        if conflicts == 1 { "" } else { "s" }
    );
    Some((headline.span.clone(), title))
}
