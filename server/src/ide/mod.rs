//! Editor features as plain data. Each feature is a function over an
//! immutable [`Snapshot`] of the corpora that answers with byte spans,
//! paths, Markdown and file edits. No protocol types: `lsp/` converts
//! positions and shapes, and this layer is tested with in-memory corpora.

pub mod actions;
pub mod bulk;
pub mod diagnostics;
pub mod hover;
pub mod markdown;
pub mod navigation;
pub mod outline;
pub mod views;

#[cfg(test)]
mod tests;

use crate::analysis::Span;
use crate::analysis::entities::{self, Mention};
use crate::analysis::findings::Finding;
use crate::corpus::workspace::Workspace;
use crate::corpus::{ArticleEntry, Corpus, config};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What a file of a corpus is, decided in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Article,
    /// An article's brat `.ann` file.
    Annotations,
    /// The `corpus.toml` at a corpus root.
    Config,
}

impl FileKind {
    pub fn of(workspace: &Workspace, path: &Path) -> FileKind {
        if path.extension().is_some_and(|e| e == "ann") {
            return FileKind::Annotations;
        }
        let at_root = |root: &Path| path.parent() == Some(root);
        let named_config = path.file_name().is_some_and(|n| n == config::FILE_NAME);
        match workspace.corpus_for(path) {
            Some(corpus) if named_config && at_root(&corpus.root) => FileKind::Config,
            // A corpus.toml before its corpus is known is still a config.
            None if named_config => FileKind::Config,
            _ => FileKind::Article,
        }
    }
}

/// A span of a file of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSpan {
    pub path: PathBuf,
    pub span: Span,
}

/// Byte-span edits of one file's text `base`, creating it first when it
/// does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEdit {
    pub path: PathBuf,
    pub base: Arc<str>,
    pub create: bool,
    /// The edit was computed from the server's copy of a file it keeps
    /// (`corpus.toml`, a `.ann`): an editor whose copy has moved on must
    /// refuse it rather than apply it to another text.
    pub versioned: bool,
    pub edits: Vec<(Span, String)>,
}

/// How a request ended when a newer edit overtook it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// The corpora as one request sees them: nothing changes under it.
pub struct Snapshot<'a> {
    pub workspace: &'a Workspace,
    /// Corpora are still loading: curation waits for all of their names.
    pub indexing: bool,
    /// `.ann` files whose editor copy has not caught up with the server's;
    /// no edit is computed against them.
    pub pending_ann: &'a (dyn Fn(&Path) -> bool + Sync),
    /// The edit counter and its value when the snapshot was taken: a long
    /// request stops once a newer edit is waiting.
    revision: Option<(&'a AtomicU64, u64)>,
}

/// An article as the editor has it, with its corpus and resolved mentions.
pub struct Document<'a> {
    pub entry: &'a Arc<ArticleEntry>,
    pub corpus: Option<&'a Corpus>,
    pub mentions: Arc<[Mention]>,
}

impl<'a> Snapshot<'a> {
    pub fn new(workspace: &'a Workspace) -> Snapshot<'a> {
        Snapshot {
            workspace,
            indexing: false,
            pending_ann: &|_| false,
            revision: None,
        }
    }

    /// Lets requests on this snapshot stop when `counter` moves on.
    pub fn cancellable(mut self, counter: &'a AtomicU64) -> Snapshot<'a> {
        self.revision = Some((counter, counter.load(Ordering::SeqCst)));
        self
    }

    pub fn check_cancelled(&self) -> Result<(), Cancelled> {
        match self.revision {
            Some((counter, seen)) if counter.load(Ordering::SeqCst) != seen => Err(Cancelled),
            _ => Ok(()),
        }
    }

    pub fn corpus_for(&self, path: &Path) -> Option<&'a Corpus> {
        self.workspace.corpus_for(path)
    }

    pub fn kind_of(&self, path: &Path) -> FileKind {
        FileKind::of(self.workspace, path)
    }

    /// An article (open in the editor, or the corpus's own entry) with its
    /// mentions: from the index when the entry is the indexed one, else
    /// resolved now against the corpus's names.
    pub fn document(&self, entry: &'a Arc<ArticleEntry>) -> Document<'a> {
        let corpus = (!entry.path.as_os_str().is_empty())
            .then(|| self.corpus_for(&entry.path))
            .flatten();
        let mentions = match corpus {
            Some(corpus) => match (corpus.article(&entry.path), corpus.mentions(&entry.path)) {
                (Some(indexed), Some(mentions)) if Arc::ptr_eq(indexed, entry) => {
                    Arc::clone(mentions)
                }
                _ => entities::resolve(
                    &entry.text,
                    &entry.analysis.names,
                    corpus.names(),
                    corpus.gazetteer(),
                )
                .into(),
            },
            None => entities::resolve(
                &entry.text,
                &entry.analysis.names,
                &entities::NameTable::new(),
                &Default::default(),
            )
            .into(),
        };
        Document {
            entry,
            corpus,
            mentions,
        }
    }

    /// The current text of any file of a corpus (article, `.ann`,
    /// `corpus.toml`), as the index has it.
    pub fn file_text(&self, path: &Path) -> Option<Arc<str>> {
        let corpus = self.corpus_for(path)?;
        match self.kind_of(path) {
            FileKind::Article => corpus.article(path).map(|e| Arc::clone(&e.text)),
            FileKind::Config => corpus.config_text.as_deref().map(Arc::from),
            FileKind::Annotations => corpus.file_text(path).map(Arc::from),
        }
    }
}

/// The findings of one file: an article (the corpus's, cross-article ones
/// included, when the entry is the indexed one), a `.ann` or `corpus.toml`.
pub fn file_findings(snap: &Snapshot<'_>, path: &Path) -> Vec<Finding> {
    let Some(corpus) = snap.corpus_for(path) else {
        return Vec::new();
    };
    match snap.kind_of(path) {
        FileKind::Config => corpus.config_findings(),
        FileKind::Annotations => corpus
            .article_of_ann(path)
            .filter(|_| corpus.annotations_enabled())
            .map(|article| corpus.ann_findings(&article))
            .unwrap_or_default(),
        FileKind::Article => corpus.findings(path),
    }
}

/// The findings of an open article: the corpus's when it indexes this
/// entry, none when the corpus's settings exclude it, else what the
/// article says alone (a file of no corpus).
pub fn article_findings(entry: &Arc<ArticleEntry>, corpus: Option<&Corpus>) -> Vec<Finding> {
    match corpus {
        Some(corpus) if is_indexed(entry, corpus) => corpus.findings(&entry.path),
        // Excluded by `corpus.toml`: no article, as `check` sees it.
        Some(corpus) if excluded(entry, corpus) => Vec::new(),
        _ => entry.analysis.findings.clone(),
    }
}

/// Whether the corpus's settings leave this file of its folder out.
fn excluded(entry: &ArticleEntry, corpus: &Corpus) -> bool {
    entry.path.starts_with(&corpus.root) && !corpus.accepts(&entry.path)
}

/// Whether the corpus indexes this very entry (not a refused or excluded
/// editor text).
fn is_indexed(entry: &Arc<ArticleEntry>, corpus: &Corpus) -> bool {
    corpus
        .article(&entry.path)
        .is_some_and(|e| Arc::ptr_eq(e, entry))
}

/// A `file://` URL for a link in Markdown.
pub fn file_url(path: &Path) -> Option<String> {
    if !path.is_absolute() {
        return None;
    }
    Some(format!("file://{}", url_path(path.to_str()?)))
}

/// A path percent-encoded for a URL: what RFC 3986 allows unescaped in a
/// path stays, separators kept.
pub fn url_path(path: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    utf8_percent_encode(path, ESCAPED).to_string()
}
