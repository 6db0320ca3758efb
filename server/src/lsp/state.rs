//! The server's state in one place: the corpora, the open documents, the
//! editor's settings and capabilities, and where each `.ann` sync stands.
//! [`super::Inner`] keeps it behind one lock; notifications change it,
//! requests read it through an [`ide::Snapshot`].

use super::ann_sync::{self, AnnSync};
use super::convert;
use super::documents::{self, OpenDocument};
use super::position::Converter;
use super::publish::{Publication, Touched};
use super::settings::Settings;
use crate::analysis::annotations::{AnnFile, ann_path};
use crate::analysis::findings::Finding;
use crate::analysis::line_index::{ColumnUnit, LineIndex};
use crate::corpus::annotations::read_ann;
use crate::corpus::reach::Exposure;
use crate::corpus::workspace::Workspace;
use crate::corpus::{ArticleEntry, ConfigPlan, Corpus, discover, skip_finding};
use crate::ide::{self, FileKind, Snapshot};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

/// A document the editor has open.
pub struct Open {
    pub document: OpenDocument,
    /// `None` for a document without a file path (untitled).
    pub kind: Option<FileKind>,
    /// The analysis of the editor's text, when it is an article.
    pub entry: Option<Arc<ArticleEntry>>,
    /// Why the text is kept out of the index (too large, not UTF-8).
    pub refused: Option<Finding>,
}

#[derive(Default)]
pub struct ClientSupport {
    pub configuration: bool,
    pub inlay_hint_refresh: bool,
    pub semantic_tokens_refresh: bool,
    pub apply_edit: bool,
    pub work_done_progress: bool,
    pub watcher_registration: bool,
    /// Code actions may come without their edits, resolved on demand.
    pub code_action_resolve: bool,
    /// Diagnostics are pulled (`textDocument/diagnostic`,
    /// `workspace/diagnostic`) instead of pushed. Only for a client that
    /// can be told to pull again (`workspace/diagnostic/refresh`): other
    /// files' findings change with an edit.
    pub pull_diagnostics: bool,
}

impl ClientSupport {
    pub fn from_capabilities(caps: &ClientCapabilities) -> ClientSupport {
        let workspace = caps.workspace.as_ref();
        ClientSupport {
            configuration: workspace.and_then(|w| w.configuration) == Some(true),
            inlay_hint_refresh: workspace
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|h| h.refresh_support)
                == Some(true),
            semantic_tokens_refresh: workspace
                .and_then(|w| w.semantic_tokens.as_ref())
                .and_then(|t| t.refresh_support)
                == Some(true),
            apply_edit: workspace.and_then(|w| w.apply_edit) == Some(true),
            work_done_progress: caps.window.as_ref().and_then(|w| w.work_done_progress)
                == Some(true),
            watcher_registration: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                == Some(true),
            code_action_resolve: caps
                .text_document
                .as_ref()
                .and_then(|t| t.code_action.as_ref())
                .and_then(|a| a.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
            pull_diagnostics: caps
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some())
                && workspace
                    .and_then(|w| w.diagnostics.as_ref())
                    .and_then(|d| d.refresh_support)
                    == Some(true),
        }
    }
}

pub struct State {
    pub workspace: Workspace,
    pub open: HashMap<Uri, Open>,
    pub folders: Vec<PathBuf>,
    pub settings: Settings,
    pub unit: ColumnUnit,
    pub support: ClientSupport,
    pub ann_sync: AnnSync,
    /// Edits of `corpus.toml` so far, and those not applied yet (each
    /// file's last), waiting for typing to pause (`config_edits.rs`).
    pub config_edits: u64,
    pub pending_configs: HashMap<Uri, u64>,
}

/// What decides which publications a change calls for, read before and
/// after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub annotations: bool,
    pub tells_events: bool,
    /// What other articles' findings read of it.
    pub exposure: Exposure,
    /// For a `.ann`, the corpus's copy as text, and why it is unreadable.
    pub ann_copy: Option<(Option<String>, Option<String>)>,
    pub root: Option<PathBuf>,
    /// Articles sharing an event or figure key with it (for a client that
    /// pulls diagnostics; empty otherwise).
    pub claim_neighbours: Vec<PathBuf>,
}

pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

impl State {
    pub fn new() -> State {
        State {
            workspace: Workspace::default(),
            open: HashMap::new(),
            folders: Vec::new(),
            settings: Settings::default(),
            unit: ColumnUnit::Utf16,
            support: ClientSupport::default(),
            ann_sync: AnnSync::default(),
            config_edits: 0,
            pending_configs: HashMap::new(),
        }
    }

    pub fn kind(&self, path: &Path) -> FileKind {
        FileKind::of(&self.workspace, path)
    }

    pub fn snapshot<'a>(
        &'a self,
        indexing: bool,
        pending: &'a (dyn Fn(&Path) -> bool + Sync),
    ) -> Snapshot<'a> {
        let mut snap = Snapshot::new(&self.workspace);
        snap.indexing = indexing;
        snap.pending_ann = pending;
        snap
    }

    pub fn facts(&self, path: Option<&Path>) -> Facts {
        let corpus = path.and_then(|p| self.workspace.corpus_for(p));
        Facts {
            annotations: corpus.is_some_and(Corpus::annotations_enabled),
            tells_events: path.zip(corpus).is_some_and(|(p, c)| c.has_claims(p)),
            exposure: path
                .zip(corpus)
                .map(|(p, c)| c.exposure(p))
                .unwrap_or_default(),
            ann_copy: path
                .zip(corpus)
                .filter(|(p, _)| self.kind(p) == FileKind::Annotations)
                .and_then(|(p, c)| {
                    let article = c.article_of_ann(p)?;
                    let text = c.ann_file(&article).map(AnnFile::to_text);
                    Some((text, c.ann_error(&article).map(str::to_string)))
                }),
            root: corpus.map(|c| c.root.clone()),
            // Only a pulling client's cached result ids need them: a
            // pushed-to client is sent what its open documents show.
            claim_neighbours: path
                .zip(corpus)
                .filter(|_| self.support.pull_diagnostics)
                .map(|(p, c)| c.claim_neighbours(p))
                .unwrap_or_default(),
        }
    }

    /// The analysis of an open article: the corpus's entry while it holds
    /// the editor's text (it is rebuilt when `corpus.toml` changes), else
    /// the document's own.
    pub fn open_entry(&self, uri: &Uri) -> Option<Arc<ArticleEntry>> {
        let open = self.open.get(uri)?;
        let own = open.entry.as_ref()?;
        let indexed = to_path(uri)
            .and_then(|p| self.workspace.corpus_for(&p)?.article(&p).cloned())
            .filter(|e| Arc::ptr_eq(&e.text, &open.document.text));
        Some(indexed.unwrap_or_else(|| Arc::clone(own)))
    }

    /// Converts positions of any file of the corpora: an article through
    /// its line index, another file through one built for its text.
    pub fn with_converter<T>(&self, path: &Path, f: impl FnOnce(Converter<'_>) -> T) -> Option<T> {
        let corpus = self.workspace.corpus_for(path)?;
        if let Some(entry) = corpus.article(path) {
            return Some(f(Converter {
                text: &entry.text,
                index: &entry.analysis.line_index,
                unit: self.unit,
            }));
        }
        let text = Snapshot::new(&self.workspace).file_text(path)?;
        let index = LineIndex::new(&text);
        Some(f(Converter {
            text: &text,
            index: &index,
            unit: self.unit,
        }))
    }

    pub fn location(&self, target: &ide::FileSpan) -> Option<Location> {
        let uri = Uri::from_file_path(&target.path)?;
        let range = self.with_converter(&target.path, |conv| conv.range(&target.span))?;
        Some(Location::new(uri, range))
    }

    /// The version of an open document, for edits that must not land on
    /// another text.
    pub fn version(&self, path: &Path) -> Option<i32> {
        let uri = Uri::from_file_path(path)?;
        self.open.get(&uri).map(|o| o.document.version)
    }

    /// Analyses an open document's current text and puts it in its
    /// corpus. Returns an article whose `.ann` edits must go on to the
    /// editor, if the editor's copy just caught up with one of ours.
    pub fn reanalyse(&mut self, uri: &Uri) -> Option<PathBuf> {
        let State {
            workspace,
            open,
            ann_sync,
            ..
        } = self;
        let open = open.get_mut(uri)?;
        let Some(path) = to_path(uri) else {
            // Untitled or virtual documents are analysed but never indexed.
            open.entry = Some(Arc::new(ArticleEntry::new(
                PathBuf::new(),
                open.document.text.clone(),
                &Default::default(),
            )));
            return None;
        };
        let kind = FileKind::of(workspace, &path);
        open.kind = Some(kind);
        let corpus = workspace.corpus_for_mut(&path);
        match kind {
            FileKind::Config => {
                corpus.set_config_text(open.document.text.to_string());
                open.entry = None;
                None
            }
            FileKind::Annotations => {
                open.entry = None;
                let article = corpus
                    .article_of_ann(&path)
                    .filter(|_| corpus.annotations_enabled())?;
                match ann_sync.editor_changed(&path, &open.document.text) {
                    ann_sync::EditorChange::Take => {
                        let file = AnnFile::parse(&open.document.text);
                        corpus.set_ann(&article, Some(Ok(file)));
                        None
                    }
                    ann_sync::EditorChange::Ignore => None,
                    ann_sync::EditorChange::Settled { more } => more.then_some(article),
                }
            }
            FileKind::Article => {
                let arrived = corpus.article(&path).is_none();
                reanalyse_article(corpus, path.clone(), open);
                if arrived {
                    self.lay_open_ann(&path);
                }
                None
            }
        }
    }

    /// An article that just entered its corpus read its `.ann` from disk;
    /// the editor's open copy, if any, counts instead (opened before the
    /// article was in the corpus, it could not be applied then).
    fn lay_open_ann(&mut self, article: &Path) {
        let ann = ann_path(article);
        let Some(text) = Uri::from_file_path(&ann)
            .and_then(|uri| self.open.get(&uri))
            .map(|open| AnnFile::parse(&open.document.text))
        else {
            return;
        };
        let corpus = self.workspace.corpus_for_mut(article);
        if corpus.article(article).is_none() || !corpus.annotations_enabled() {
            return;
        }
        // Whatever was on its way was computed from a copy now gone.
        self.ann_sync.forget(&ann);
        corpus.set_ann(article, Some(Ok(text)));
    }

    /// Plans the text the editor holds of the `corpus.toml` at `uri` (see
    /// [`ConfigPlan`]); with the facts before it is applied.
    pub fn plan_config(&mut self, uri: &Uri) -> Option<(PathBuf, Facts, ConfigPlan)> {
        let path = to_path(uri)?;
        let text = self.open.get(uri)?.document.text.to_string();
        if self.kind(&path) != FileKind::Config {
            return None;
        }
        let before = self.facts(Some(&path));
        let plan = self.workspace.corpus_for_mut(&path).plan_config(text);
        Some((path, before, plan))
    }

    pub fn apply_config(&mut self, uri: &Uri, path: &Path, plan: ConfigPlan) {
        if let Some(open) = self.open.get_mut(uri) {
            open.kind = Some(FileKind::Config);
            open.entry = None;
        }
        self.workspace.corpus_for_mut(path).apply_config(plan);
    }

    /// What a change to `path` touched; for a `.ann`, its article too,
    /// whose annotations (and stale ones) just changed.
    fn by_change(&self, path: &Path, before: &Facts, after: &Facts) -> Touched {
        let kind = self.kind(path);
        let mut touched = Touched::by_change(path, kind, before, after);
        if kind == FileKind::Annotations {
            touched.files.extend(
                self.workspace
                    .corpus_for(path)
                    .and_then(|c| c.article_of_ann(path)),
            );
        }
        // A pulling client pulls for itself; pushed-to, the open documents
        // whose findings the article's claims or date reach.
        let push = !self.support.pull_diagnostics;
        if kind == FileKind::Article && push && !touched.all_open {
            touched.open = self.reached_open(path, before, after);
        }
        touched
    }

    /// The open articles other than `path` whose findings a change of it
    /// from `before` to `after` may reach, its identity unchanged.
    fn reached_open(&self, path: &Path, before: &Facts, after: &Facts) -> Vec<Uri> {
        let Some(corpus) = self.workspace.corpus_for(path) else {
            return Vec::new();
        };
        let open: Vec<(PathBuf, &Uri)> = self
            .open
            .keys()
            .filter_map(|uri| Some((to_path(uri)?, uri)))
            .filter(|(p, _)| p != path)
            .collect();
        let reached = corpus.reached(
            &before.exposure,
            &after.exposure,
            open.iter().map(|(p, _)| p.as_path()),
        );
        open.iter()
            .filter(|(p, _)| reached.contains(&p.as_path()))
            .map(|(_, uri)| (*uri).clone())
            .collect()
    }

    /// What a change of the document at `uri` touched.
    pub fn touched_by(
        &self,
        uri: &Uri,
        path: Option<PathBuf>,
        before: &Facts,
        after: &Facts,
    ) -> Touched {
        match path {
            Some(path) => self.by_change(&path, before, after),
            None => Touched {
                uris: vec![uri.clone()],
                ..Touched::default()
            },
        }
    }

    /// `didOpen`: the editor's text is laid over the disk's. Returns what
    /// to republish and the articles whose `.ann` edits must go out.
    pub fn open_document(
        &mut self,
        uri: &Uri,
        text: String,
        version: i32,
    ) -> (Touched, Vec<PathBuf>) {
        let path = to_path(uri);
        let before = self.facts(path.as_deref());
        let open = Open {
            document: OpenDocument::new(text, version),
            kind: None,
            entry: None,
            refused: None,
        };
        self.open.insert(uri.clone(), open);
        let sync = super::guarded("did_open", || self.reanalyse(uri)).flatten();
        let after = self.facts(path.as_deref());
        (
            self.touched_by(uri, path, &before, &after),
            sync.into_iter().collect(),
        )
    }

    /// `didClose`: unsaved changes are gone with the editor buffer, so the
    /// file (and an article's `.ann`, unless open) goes back to the disk's.
    pub fn close_document(&mut self, uri: &Uri, path: &Path) -> Touched {
        let before = self.facts(Some(path));
        self.open.remove(uri);
        let kind = self.kind(path);
        if kind == FileKind::Annotations {
            // The editor's copy is gone, with any edits it had.
            self.ann_sync.forget(path);
        }
        super::guarded("did_close", || self.refresh_from_disk(path));
        if kind == FileKind::Article && before.annotations {
            // Unless the editor has it open (or our edits are on their way).
            let ann = ann_path(path);
            let ann_open = Uri::from_file_path(&ann).is_some_and(|u| self.open.contains_key(&u));
            if !ann_open {
                super::guarded("did_close", || self.refresh_from_disk(&ann));
            }
        }
        let after = self.facts(Some(path));
        self.by_change(path, &before, &after)
    }

    /// A watched file changed on disk while the editor does not hold it.
    pub fn changed_on_disk(&mut self, path: &Path) -> Touched {
        let before = self.facts(Some(path));
        super::guarded("watched file", || self.refresh_from_disk(path));
        let after = self.facts(Some(path));
        self.by_change(path, &before, &after)
    }

    /// A file changed on disk (or was closed): brings the index in line
    /// with the disk.
    pub fn refresh_from_disk(&mut self, path: &Path) {
        let kind = self.kind(path);
        let corpus = self.workspace.corpus_for_mut(path);
        match kind {
            FileKind::Config => {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                corpus.set_config_text(text);
            }
            FileKind::Annotations => {
                if self.ann_sync.pending(path) {
                    // Our edits are on their way to the editor; the disk lags.
                    return;
                }
                if let Some(article) = corpus
                    .article_of_ann(path)
                    .filter(|_| corpus.annotations_enabled())
                {
                    corpus.set_ann(&article, read_ann(&article));
                }
            }
            FileKind::Article => {
                if !path.is_file() || !corpus.accepts(path) {
                    corpus.remove(path);
                    return;
                }
                match discover::read_article(path, corpus.config.max_file_size) {
                    Ok(text) => {
                        let arrived = corpus.article(path).is_none();
                        corpus.upsert(path.to_path_buf(), text.into());
                        if arrived {
                            self.lay_open_ann(path);
                        }
                    }
                    Err(reason) => {
                        tracing::warn!("skipping {}: {reason}", path.display());
                        corpus.mark_skipped(path.to_path_buf(), reason);
                    }
                }
            }
        }
    }

    /// What a reload of the corpus at `root` may keep of the one loaded.
    pub fn reusable(&self, root: &Path) -> Option<crate::corpus::Reusable> {
        let corpora = self.workspace.corpora();
        corpora
            .iter()
            .find(|c| c.root == root)
            .map(Corpus::reusable)
    }

    /// Swaps a freshly loaded corpus in, then lays the open documents that
    /// belong to it back over what was read from disk.
    pub fn install(&mut self, corpus: Corpus) -> Vec<PathBuf> {
        let root = corpus.root.clone();
        self.workspace.replace(corpus);
        let uris: Vec<Uri> = self
            .open
            .keys()
            .filter(|uri| to_path(uri).is_some_and(|p| p.starts_with(&root)))
            .cloned()
            .collect();
        for path in uris.iter().filter_map(to_path) {
            if self.kind(&path) == FileKind::Annotations {
                // The editor's `.ann` wins over the disk's just read, even
                // with our edit on its way (its echo is then taken as is).
                self.ann_sync.forget(&path);
            }
        }
        uris.iter().filter_map(|uri| self.reanalyse(uri)).collect()
    }

    /// Keeps an edited article's `.ann` offsets in step: shifts the
    /// corpus's copy now, and notes that the editor's copy must follow.
    /// `false` when there is nothing to shift, or the client cannot apply
    /// edits (the annotations are then reported stale).
    pub fn shift_annotations(
        &mut self,
        path: &Path,
        old_text: &str,
        replaced: &[documents::Replaced],
    ) -> bool {
        if replaced.is_empty() || self.kind(path) != FileKind::Article {
            return false;
        }
        let apply_edit = self.support.apply_edit;
        let corpus = self.workspace.corpus_for_mut(path);
        if corpus.ann_file(path).is_none() || !corpus.annotations_enabled() {
            return false;
        }
        // The offsets are of the text the corpus has: an editor text that
        // never reached it (refused, excluded) has nothing to shift.
        if corpus.article(path).is_none_or(|e| *e.text != *old_text) {
            return false;
        }
        if !apply_edit {
            tracing::warn!(
                "the client cannot apply edits: {} is not kept in step",
                ann_path(path).display()
            );
            return false;
        }
        let edits: Vec<(std::ops::Range<usize>, &str)> = replaced
            .iter()
            .map(|r| (r.removed.clone(), r.inserted.as_str()))
            .collect();
        let Some(before) = corpus.shift_ann(path, old_text, &edits) else {
            return false;
        };
        self.ann_sync.shifted(&ann_path(path), &before);
        true
    }

    /// Whether a pulling client must be told to pull again after a change:
    /// when it reaches beyond the open documents the client pulls for
    /// itself as it edits them.
    pub fn refresh_due(&self, touched: &Touched) -> bool {
        let pulled_anyway = |path: &PathBuf| {
            if Uri::from_file_path(path).is_some_and(|u| self.open.contains_key(&u)) {
                return true;
            }
            // An article's `.ann` is in every article change: only one
            // the corpus reads has findings that follow.
            self.kind(path) == FileKind::Annotations
                && self.workspace.corpus_for(path).is_none_or(|c| {
                    c.article_of_ann(path)
                        .is_none_or(|a| c.ann_file(&a).is_none() && c.ann_error(&a).is_none())
                })
        };
        touched.all_open
            || touched.reaches_others
            || !touched.all_ann.is_empty()
            || !touched.files.iter().all(pulled_anyway)
    }

    /// Every publication `touched` calls for, computed from this state.
    pub fn publications(&self, touched: &Touched) -> Vec<Publication> {
        let mut seen = HashSet::new();
        // The files a change is about are sent even when unchanged; the
        // rest only when their diagnostics changed.
        let mut due: Vec<(Uri, bool)> = Vec::new();
        let mut add = |uri: Uri, forced: bool| {
            if seen.insert(uri.clone()) {
                due.push((uri, forced));
            }
        };
        for path in &touched.files {
            if let Some(uri) = Uri::from_file_path(path) {
                add(uri, true);
            }
        }
        for uri in &touched.uris {
            add(uri.clone(), true);
        }
        if touched.all_open {
            for uri in self.open.keys() {
                add(uri.clone(), false);
            }
        }
        for uri in &touched.open {
            add(uri.clone(), false);
        }
        for root in &touched.all_ann {
            let Some(corpus) = self.workspace.corpus_for(root) else {
                continue;
            };
            if !corpus.annotations_enabled() {
                continue;
            }
            for entry in corpus.articles() {
                let has_ann = corpus.ann_file(&entry.path).is_some()
                    || corpus.ann_error(&entry.path).is_some();
                if let Some(uri) = has_ann
                    .then(|| Uri::from_file_path(ann_path(&entry.path)))
                    .flatten()
                {
                    add(uri, false);
                }
            }
        }
        // Each file's findings read the state only: on every core (an edit
        // changing names recomputes every open document).
        let started = std::time::Instant::now();
        let computed = due.len();
        let publications = due
            .into_par_iter()
            .filter_map(|(uri, forced)| {
                self.publication(&uri).map(|mut p| {
                    p.forced &= forced;
                    p
                })
            })
            .collect();
        tracing::debug!(
            "publications: {computed} computed ({} reached, all open: {}) in {:.1} ms",
            touched.open.len(),
            touched.all_open,
            started.elapsed().as_secs_f64() * 1000.0
        );
        publications
    }

    /// The diagnostics of one file, for the push model: an open document's
    /// from its text, a closed `.ann` or `corpus.toml`'s from the corpus's
    /// copy; a closed article has none shown.
    fn publication(&self, uri: &Uri) -> Option<Publication> {
        let found = self.findings_of(uri, false);
        let diagnostics = self.diagnostics(uri, &found);
        let mut publication = Publication::new(uri.clone(), found.version, diagnostics);
        publication.forced = found.forced;
        Some(publication)
    }

    /// A file's findings as the editor should see them, with the text their
    /// spans are in. A closed article's are the corpus's when
    /// `closed_articles` (pull reports cover the whole corpus), else none.
    pub fn findings_of(&self, uri: &Uri, closed_articles: bool) -> FileFindings {
        let mut found = match self.open.get(uri) {
            Some(open) => self.open_findings(uri, open),
            None => self.closed_findings(uri, closed_articles),
        };
        found.findings = self.settings.apply(std::mem::take(&mut found.findings));
        found
    }

    /// Findings as protocol diagnostics of `uri`.
    pub fn diagnostics(&self, uri: &Uri, found: &FileFindings) -> Vec<Diagnostic> {
        let conv = Converter {
            text: &found.text,
            index: &found.index,
            unit: self.unit,
        };
        let locate = |file: &Path, span: &std::ops::Range<usize>| {
            self.location(&ide::FileSpan {
                path: file.to_path_buf(),
                span: span.clone(),
            })
        };
        found
            .findings
            .iter()
            .map(|f| convert::diagnostic(f, uri, conv, &locate))
            .collect()
    }

    fn closed_findings(&self, uri: &Uri, closed_articles: bool) -> FileFindings {
        let Some(path) = to_path(uri) else {
            // A closed untitled document: nothing to show.
            return FileFindings::new(None, Arc::from(""), Vec::new());
        };
        let corpus = self.workspace.corpus_for(&path);
        let mut forced = true;
        let (text, findings): (Arc<str>, _) = match (self.kind(&path), corpus) {
            (FileKind::Config, Some(corpus)) => (
                Arc::from(corpus.config_text.clone().unwrap_or_default()),
                corpus.config_findings(),
            ),
            (FileKind::Annotations, Some(corpus)) => {
                let article = corpus.article_of_ann(&path);
                // No `.ann` in the index: clear one only if it had diagnostics.
                forced = article
                    .as_deref()
                    .is_some_and(|a| corpus.ann_file(a).is_some() || corpus.ann_error(a).is_some());
                let text = article
                    .as_deref()
                    .and_then(|a| corpus.ann_file(a))
                    .map(AnnFile::to_text)
                    .unwrap_or_default();
                let findings = article
                    .as_deref()
                    .filter(|_| corpus.annotations_enabled())
                    .map(|a| corpus.ann_findings(a))
                    .unwrap_or_default();
                (Arc::from(text), findings)
            }
            (FileKind::Article, Some(corpus)) if closed_articles => {
                let snap = Snapshot::new(&self.workspace);
                let findings = ide::file_findings(&snap, &path);
                match corpus.article(&path) {
                    Some(entry) => {
                        let index = entry.analysis.line_index.clone();
                        let text = Arc::clone(&entry.text);
                        return FileFindings::indexed(None, text, index, findings);
                    }
                    None => (Arc::from(""), findings),
                }
            }
            _ => {
                // A closed article shows nothing: cleared if it showed something.
                forced = false;
                (Arc::from(""), Vec::new())
            }
        };
        FileFindings {
            forced,
            ..FileFindings::new(None, text, findings)
        }
    }

    fn open_findings(&self, uri: &Uri, open: &Open) -> FileFindings {
        let version = Some(open.document.version);
        let text = Arc::clone(&open.document.text);
        if let Some(refused) = &open.refused {
            return FileFindings::new(version, Arc::from(""), vec![refused.clone()]);
        }
        let path = to_path(uri);
        let corpus = path.as_deref().and_then(|p| self.workspace.corpus_for(p));
        if let Some(entry) = self.open_entry(uri) {
            let index = entry.analysis.line_index.clone();
            let findings = ide::article_findings(&entry, corpus);
            return FileFindings::indexed(version, text, index, findings);
        }
        let snap = Snapshot::new(&self.workspace);
        let findings = path
            .as_deref()
            .map(|p| ide::file_findings(&snap, p))
            .unwrap_or_default();
        FileFindings::new(version, text, findings)
    }
}

/// A file's findings (the editor's severities applied), with the text and
/// line index their spans are in.
pub struct FileFindings {
    pub version: Option<i32>,
    pub text: Arc<str>,
    pub index: LineIndex,
    pub findings: Vec<Finding>,
    /// Pushed even when unchanged.
    forced: bool,
}

impl FileFindings {
    fn new(version: Option<i32>, text: Arc<str>, findings: Vec<Finding>) -> FileFindings {
        let index = LineIndex::new(&text);
        FileFindings::indexed(version, text, index, findings)
    }

    fn indexed(
        version: Option<i32>,
        text: Arc<str>,
        index: LineIndex,
        findings: Vec<Finding>,
    ) -> FileFindings {
        FileFindings {
            version,
            text,
            index,
            findings,
            forced: true,
        }
    }
}

/// An article's editor text into its corpus, unless it is refused.
fn reanalyse_article(corpus: &mut Corpus, path: PathBuf, open: &mut Open) {
    let limit = corpus.config.max_file_size;
    if open.document.text.len() as u64 > limit {
        let reason = discover::SkipReason::TooLarge {
            size: open.document.text.len() as u64,
            limit,
        };
        open.refused = Some(skip_finding(&reason));
        open.entry = None;
        corpus.mark_skipped(path, reason);
        return;
    }
    open.refused = match corpus.skipped(&path) {
        // The editor decoded it somehow, but the file on disk is not
        // UTF-8: say so, and keep it out of the index.
        Some(reason @ discover::SkipReason::NotUtf8 { .. }) => Some(skip_finding(reason)),
        _ => None,
    };
    let text = open.document.text.clone();
    let entry = super::guarded("analysis", || {
        Arc::new(corpus.new_entry(path.clone(), text))
    });
    if open.refused.is_none() && corpus.accepts(&path) {
        if let Some(entry) = &entry {
            corpus.insert(Arc::clone(entry));
        }
    }
    open.entry = entry;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reload (corpus.toml saved or changed on disk) while an offset
    /// shift is on its way to the editor's open `.ann` keeps the editor's
    /// copy, not the disk's, which lacks every shift.
    #[test]
    fn a_reload_keeps_the_editors_open_ann_over_the_disks() {
        let tmp = tempfile::Builder::new()
            .prefix("corpus-lsp-reload-ann-")
            .tempdir()
            .unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::write(
            root.join("corpus.toml"),
            "[annotations]\nformat = \"brat\"\n",
        )
        .unwrap();
        std::fs::write(root.join("a.txt"), "Headline\n\nAna Ruiz met Bo Li.\n").unwrap();
        std::fs::write(root.join("a.ann"), "T1\tPerson 10 18\tAna Ruiz\n").unwrap();
        let mut state = State::new();
        state.install(Corpus::load(root.clone(), &|_, _| {}));
        let article = root.join("a.txt");
        let ann = root.join("a.ann");
        let editor = "T1\tPerson 11 19\tAna Ruiz\n";
        state.open_document(&Uri::from_file_path(&ann).unwrap(), editor.into(), 1);
        state.ann_sync.shifted(&ann, editor);
        let next = "T1\tPerson 12 20\tAna Ruiz\n";
        assert!(state.ann_sync.next(&ann, Some(editor), next).is_some());

        state.install(Corpus::load(root.clone(), &|_, _| {}));
        let corpus = state.workspace.corpus_for(&article).unwrap();
        let copy = corpus.ann_file(&article).map(AnnFile::to_text);
        assert_eq!(copy.as_deref(), Some(editor));
    }
}
