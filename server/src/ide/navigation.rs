//! Going from a mention to its entity: definition, references, highlights
//! in the document, and the workspace's symbols.

use super::{Cancelled, Document, FileSpan, Snapshot};
use crate::analysis::Span;
use crate::analysis::entities::EntityKind;
use crate::corpus::{config, xref};

/// Where the entity under `offset` is defined: its `[[entity]]` in
/// `corpus.toml` when curated, else where an alias was spelled out, else
/// its first mention in the corpus.
pub fn definition(doc: &Document<'_>, offset: usize) -> Option<FileSpan> {
    let m = xref::mention_at(&doc.mentions, offset)?;
    let corpus = doc.corpus?;
    if let Some(span) = corpus
        .config_text
        .as_deref()
        .and_then(|text| config::entity_name_span(text, &m.entity))
    {
        return Some(FileSpan {
            path: corpus.config_path(),
            span,
        });
    }
    if m.is_alias {
        let surface = &doc.entry.text[m.span.clone()];
        if let Some((entry, span)) = xref::alias_definition(corpus, &m.entity, surface) {
            return Some(FileSpan {
                path: entry.path.clone(),
                span,
            });
        }
    }
    let (entry, span) = xref::first_mention(corpus, &m.entity)?;
    Some(FileSpan {
        path: entry.path.clone(),
        span,
    })
}

/// Every mention in the corpus of the entity under `offset`, under any of
/// its names.
pub fn references(
    snap: &Snapshot<'_>,
    doc: &Document<'_>,
    offset: usize,
) -> Result<Option<Vec<FileSpan>>, Cancelled> {
    let Some(m) = xref::mention_at(&doc.mentions, offset).filter(|m| m.kind.is_name()) else {
        return Ok(None);
    };
    let Some(corpus) = doc.corpus else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for (entry, spans) in xref::articles_mentioning(corpus, &m.entity) {
        snap.check_cancelled()?;
        out.extend(spans.into_iter().map(|span| FileSpan {
            path: entry.path.clone(),
            span,
        }));
    }
    Ok(Some(out))
}

/// The mentions in this document of the entity under `offset`.
pub fn highlights(doc: &Document<'_>, offset: usize) -> Option<Vec<Span>> {
    let here = xref::mention_at(&doc.mentions, offset)?;
    let names = match doc.corpus {
        Some(corpus) if here.kind.is_name() => xref::member_names(corpus, &here.entity),
        _ => vec![here.entity.clone()],
    };
    Some(
        doc.mentions
            .iter()
            .filter(|m| names.contains(&m.entity))
            .map(|m| m.span.clone())
            .collect(),
    )
}

/// How many symbols a workspace query answers with.
pub const SYMBOL_LIMIT: usize = 200;

/// What a workspace symbol stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SymbolKind {
    Entity(EntityKind),
    Article,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    pub target: FileSpan,
}

/// Entities and articles of every corpus fuzzily matching `query`.
pub fn workspace_symbols(snap: &Snapshot<'_>, query: &str) -> Result<Vec<Symbol>, Cancelled> {
    let mut out = Vec::new();
    for corpus in snap.workspace.corpora() {
        snap.check_cancelled()?;
        for (target, entry, span) in xref::symbols(corpus, query, SYMBOL_LIMIT) {
            let (name, kind) = match target {
                xref::SymbolTarget::Entity { name, kind } => (name, SymbolKind::Entity(kind)),
                xref::SymbolTarget::Article { title } => (title, SymbolKind::Article),
            };
            out.push(Symbol {
                name,
                kind,
                target: FileSpan {
                    path: entry.path.clone(),
                    span,
                },
            });
        }
    }
    out.truncate(SYMBOL_LIMIT);
    Ok(out)
}
