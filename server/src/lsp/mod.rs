//! The protocol layer: receives LSP messages, keeps open documents in step
//! with the editor, and answers from the corpus index. No analysis here.

mod actions;
mod ann_sync;
pub mod documents;
pub mod features;
pub mod hover;
pub mod markdown;
pub mod position;
pub mod semantic_tokens;
pub mod settings;

use crate::analysis::annotations::{AnnFile, ann_path};
use crate::analysis::entities::{self, Mention};
use crate::analysis::findings::Finding;
use crate::analysis::line_index::{ColumnUnit, LineIndex};
use crate::corpus::annotations::read_ann;
use crate::corpus::workspace::{Workspace, corpus_roots};
use crate::corpus::{ArticleEntry, Corpus, config, discover, skip_finding};
use documents::{EditError, OpenDocument};
use position::Converter;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use tower_lsp_server::jsonrpc::Result as RpcResult;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server as LspServer};

/// How long the server waits for the client to answer one of its requests.
const CLIENT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

pub async fn serve_stdio() {
    let (service, socket) = LspService::new(Server::new);
    LspServer::new(tokio::io::stdin(), tokio::io::stdout(), socket)
        .serve(service)
        .await;
}

/// What the editor has open: the text, and its analysis when it is an
/// article (none for `corpus.toml`, or for a file refused as too large).
struct Open {
    document: OpenDocument,
    entry: Option<Arc<ArticleEntry>>,
    refused: Option<Finding>,
}

#[derive(Default)]
struct ClientSupport {
    configuration: bool,
    inlay_hint_refresh: bool,
    semantic_tokens_refresh: bool,
    apply_edit: bool,
    work_done_progress: bool,
    watcher_registration: bool,
}

impl ClientSupport {
    fn from_capabilities(caps: &ClientCapabilities) -> ClientSupport {
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
        }
    }
}

/// The language server. The state lives behind an `Arc` so long jobs
/// (indexing) can run as their own tasks while requests are answered.
pub struct Server(Arc<Inner>);

impl std::ops::Deref for Server {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

pub struct Inner {
    client: Client,
    settings: RwLock<settings::Settings>,
    /// The last semantic tokens sent per document, for delta requests.
    last_tokens: Mutex<HashMap<Uri, (String, Vec<SemanticToken>)>>,
    token_results: std::sync::atomic::AtomicU64,
    unit: RwLock<ColumnUnit>,
    support: RwLock<ClientSupport>,
    folders: Mutex<Vec<PathBuf>>,
    open: Mutex<HashMap<Uri, Open>>,
    workspace: Arc<RwLock<Workspace>>,
    /// Articles whose `.ann` the editor's copy must catch up with, for the
    /// task (started on `initialized`) that sends it edits one at a time.
    edits: tokio::sync::mpsc::UnboundedSender<PathBuf>,
    edits_queue: Mutex<Option<tokio::sync::mpsc::UnboundedReceiver<PathBuf>>>,
    ann_sync: Mutex<ann_sync::AnnSync>,
    /// Corpora being (re)loaded: until they are, curation would be judged
    /// on an article alone.
    indexing: std::sync::atomic::AtomicUsize,
    /// The version of each open document, readable under the workspace
    /// lock (taken last, never held while taking another).
    versions: Mutex<HashMap<Uri, i32>>,
    /// `.ann` files whose last publication had diagnostics, so they can be
    /// cleared when annotations are switched off.
    ann_published: Mutex<std::collections::HashSet<Uri>>,
    /// The stamp of the last publication sent per document, held while
    /// sending so that publications go out in the order they were made.
    sent: tokio::sync::Mutex<HashMap<Uri, u64>>,
}

/// Locks that shrug off poisoning: a panic in one handler is caught and
/// logged, and must not wedge every later request.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
fn read<T>(m: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}
fn write<T>(m: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs `f`, turning a panic into a logged `None` so that one bad input
/// never takes the server down.
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match std::panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => Some(value),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            tracing::error!("internal error in {what}: {message}");
            None
        }
    }
}

fn to_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

fn is_ann(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ann")
}

fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == config::FILE_NAME)
}

/// Counts a (re)load of corpora for as long as it lives.
struct Indexing(Arc<Inner>);

impl Indexing {
    fn start(inner: &Arc<Inner>) -> Indexing {
        inner
            .indexing
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Indexing(Arc::clone(inner))
    }
}

impl Drop for Indexing {
    fn drop(&mut self) {
        self.0
            .indexing
            .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// A diagnostic publication computed under the locks and sent after.
struct Publication {
    uri: Uri,
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
    /// When it was computed: handlers run concurrently, and one computed
    /// earlier must not overwrite one computed later (a change's stale
    /// `.ann` findings sent after the close that cleared them).
    stamp: u64,
}

static PUBLICATION_STAMP: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Publication {
    fn new(uri: Uri, version: Option<i32>, diagnostics: Vec<Diagnostic>) -> Publication {
        Publication {
            uri,
            version,
            diagnostics,
            stamp: PUBLICATION_STAMP.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

impl Server {
    fn new(client: Client) -> Server {
        let (edits, queue) = tokio::sync::mpsc::unbounded_channel();
        Server(Arc::new(Inner {
            edits,
            edits_queue: Mutex::new(Some(queue)),
            ann_sync: Mutex::new(Default::default()),
            indexing: std::sync::atomic::AtomicUsize::new(0),
            versions: Mutex::new(HashMap::new()),
            ann_published: Mutex::new(Default::default()),
            sent: tokio::sync::Mutex::new(Default::default()),
            client,
            settings: RwLock::new(settings::Settings::default()),
            last_tokens: Mutex::new(HashMap::new()),
            token_results: std::sync::atomic::AtomicU64::new(0),
            unit: RwLock::new(ColumnUnit::Utf16),
            support: RwLock::new(ClientSupport::default()),
            folders: Mutex::new(Vec::new()),
            open: Mutex::new(HashMap::new()),
            workspace: Arc::new(RwLock::new(Workspace::default())),
        }))
    }

    /// [`Inner::refresh_views`] in its own task: a notification handler
    /// must not wait on the client.
    fn spawn_refresh(&self) {
        let inner = Arc::clone(&self.0);
        tokio::spawn(async move { inner.refresh_views().await });
    }

    /// Indexes the workspace in its own task, so requests are answered
    /// while it runs.
    fn spawn_indexing(&self) {
        let inner = Arc::clone(&self.0);
        let busy = Indexing::start(&self.0);
        tokio::spawn(async move { inner.index_workspace(busy).await });
    }
}

impl Inner {
    fn unit(&self) -> ColumnUnit {
        *read(&self.unit)
    }

    async fn log(&self, typ: MessageType, message: String) {
        match typ {
            MessageType::ERROR => tracing::error!("{message}"),
            MessageType::WARNING => tracing::warn!("{message}"),
            _ => tracing::info!("{message}"),
        }
        self.client.log_message(typ, message).await;
    }

    async fn publish(&self, publications: Vec<Publication>) {
        let mut sent = self.sent.lock().await;
        let publications: Vec<Publication> = publications
            .into_iter()
            .filter(|p| match sent.get(&p.uri) {
                Some(&last) if last > p.stamp => false,
                _ => {
                    sent.insert(p.uri.clone(), p.stamp);
                    true
                }
            })
            .collect();
        {
            let mut published = lock(&self.ann_published);
            for p in publications
                .iter()
                .filter(|p| to_path(&p.uri).is_some_and(|p| is_ann(&p)))
            {
                if p.diagnostics.is_empty() {
                    published.remove(&p.uri);
                } else {
                    published.insert(p.uri.clone());
                }
            }
        }
        for p in publications {
            self.client
                .publish_diagnostics(p.uri, p.diagnostics, p.version)
                .await;
        }
    }

    /// Analyses an open document's current text and puts it in its corpus.
    /// Runs synchronously under the document lock, so edits are indexed in
    /// the order they arrived.
    fn reanalyse(&self, uri: &Uri, open: &mut Open) {
        let Some(path) = to_path(uri) else {
            // Untitled or virtual documents are analysed but never indexed.
            open.entry = Some(Arc::new(ArticleEntry::new(
                PathBuf::new(),
                open.document.text.clone(),
                &Default::default(),
            )));
            return;
        };
        let mut workspace = write(&self.workspace);
        let corpus = workspace.corpus_for_mut(&path);
        if is_config(&path) && path.parent() == Some(corpus.root.as_path()) {
            corpus.set_config_text(open.document.text.to_string());
            open.entry = None;
            return;
        }
        if is_ann(&path) {
            // An article's annotations, edited in the editor.
            if let Some(article) = corpus
                .article_of_ann(&path)
                .filter(|_| corpus.annotations_enabled())
            {
                match lock(&self.ann_sync).editor_changed(&path, &open.document.text) {
                    ann_sync::EditorChange::Take => {
                        let file = AnnFile::parse(&open.document.text);
                        corpus.set_ann(&article, Some(Ok(file)));
                    }
                    ann_sync::EditorChange::Ignore => {}
                    ann_sync::EditorChange::Settled { more } => {
                        if more {
                            let _ = self.edits.send(article);
                        }
                    }
                }
            }
            open.entry = None;
            return;
        }
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
        let entry = guarded("analysis", || {
            Arc::new(corpus.new_entry(path.clone(), text))
        });
        if open.refused.is_none() && corpus.accepts(&path) {
            if let Some(entry) = &entry {
                corpus.insert(Arc::clone(entry));
            }
        }
        open.entry = entry;
    }

    /// The diagnostics of one open document, from the current index.
    fn diagnostics_for(&self, uri: &Uri, open: &Open) -> Publication {
        let text = &open.document.text;
        let unit = self.unit();
        let workspace = read(&self.workspace);
        let path = to_path(uri);
        let corpus = path.as_deref().and_then(|p| workspace.corpus_for(p));
        let index;
        let findings: Vec<Finding> = if let Some(refused) = &open.refused {
            index = LineIndex::new("");
            vec![refused.clone()]
        } else if let Some(entry) = &open.entry {
            index = entry.analysis.line_index.clone();
            match corpus {
                Some(corpus)
                    if corpus
                        .article(&entry.path)
                        .is_some_and(|e| Arc::ptr_eq(e, entry)) =>
                {
                    corpus.findings(&entry.path)
                }
                _ => entry.analysis.findings.clone(),
            }
        } else if let (Some(path), Some(corpus)) = (&path, corpus) {
            index = LineIndex::new(text);
            if is_config(path) && path.parent() == Some(corpus.root.as_path()) {
                corpus.config_findings()
            } else if is_ann(path) {
                corpus
                    .article_of_ann(path)
                    .map(|article| corpus.ann_findings(&article))
                    .unwrap_or_default()
            } else {
                Vec::new()
            }
        } else {
            index = LineIndex::new(text);
            Vec::new()
        };
        let text_for_index: &str = if open.refused.is_some() { "" } else { text };
        let conv = Converter {
            text: text_for_index,
            index: &index,
            unit,
        };
        let locate = |file: &Path, span: &std::ops::Range<usize>| {
            let corpus = workspace.corpus_for(file)?;
            let entry = corpus.article(file)?;
            let uri = Uri::from_file_path(file)?;
            let conv = Converter {
                text: &entry.text,
                index: &entry.analysis.line_index,
                unit,
            };
            Some(Location::new(uri, conv.range(span)))
        };
        let findings = read(&self.settings).apply(findings);
        let diagnostics = findings
            .iter()
            .map(|f| features::diagnostic(f, uri, conv, &locate))
            .collect();
        Publication::new(uri.clone(), Some(open.document.version), diagnostics)
    }

    /// The diagnostics of a corpus's `corpus.toml`, whether open or not.
    fn config_publication(&self, corpus: &Corpus) -> Option<Publication> {
        let text = corpus.config_text.as_deref()?;
        let uri = Uri::from_file_path(corpus.config_path())?;
        Some(self.file_publication(uri, text, &corpus.config_findings()))
    }

    /// Diagnostics of a file that is not an article (`corpus.toml`, a
    /// `.ann`), from its text as the corpus knows it.
    fn file_publication(&self, uri: Uri, text: &str, findings: &[Finding]) -> Publication {
        let index = LineIndex::new(text);
        let conv = Converter {
            text,
            index: &index,
            unit: self.unit(),
        };
        let diagnostics = findings
            .iter()
            .map(|f| features::diagnostic(f, &uri, conv, &|_, _| None))
            .collect();
        Publication::new(uri, None, diagnostics)
    }

    /// The diagnostics of an article's `.ann` file (open or not), from the
    /// corpus's copy of it.
    fn ann_publication(&self, corpus: &Corpus, ann: &Path) -> Option<Publication> {
        let uri = Uri::from_file_path(ann)?;
        let article = corpus.article_of_ann(ann);
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
        let findings = read(&self.settings).apply(findings);
        Some(self.file_publication(uri, &text, &findings))
    }

    /// Whether the corpus holding `path` applies `.ann` files.
    fn annotations_enabled(&self, path: Option<&Path>) -> bool {
        path.is_some_and(|p| {
            read(&self.workspace)
                .corpus_for(p)
                .is_some_and(Corpus::annotations_enabled)
        })
    }

    /// Diagnostics of every `.ann` file of a corpus that has any to say.
    fn ann_publications(&self, corpus: &Corpus) -> Vec<Publication> {
        if !corpus.annotations_enabled() {
            return Vec::new();
        }
        corpus
            .articles()
            .iter()
            .filter(|e| corpus.ann_file(&e.path).is_some() || corpus.ann_error(&e.path).is_some())
            .filter_map(|e| self.ann_publication(corpus, &ann_path(&e.path)))
            .collect()
    }

    /// After annotations were switched on or off in the corpus holding
    /// `path`: every closed `.ann` file's diagnostics, and empty ones for
    /// those that no longer have any (open ones are published with the
    /// open documents).
    fn all_ann_publications(&self, path: Option<&Path>) -> Vec<Publication> {
        let Some(path) = path else {
            return Vec::new();
        };
        let workspace = read(&self.workspace);
        let Some(corpus) = workspace.corpus_for(path) else {
            return Vec::new();
        };
        let mut publications = self.ann_publications(corpus);
        let cleared: Vec<Uri> = lock(&self.ann_published)
            .iter()
            .filter(|uri| to_path(uri).is_some_and(|p| p.starts_with(&corpus.root)))
            .filter(|uri| !publications.iter().any(|p| &p.uri == *uri))
            .cloned()
            .collect();
        publications.extend(
            cleared
                .into_iter()
                .map(|uri| Publication::new(uri, None, Vec::new())),
        );
        let open = lock(&self.open);
        publications.retain(|p| !open.contains_key(&p.uri));
        publications
    }

    /// The diagnostics of an article's `.ann` file after the article
    /// changed, open in the editor or not.
    fn ann_publication_of(&self, article: &Path) -> Option<Publication> {
        let ann = ann_path(article);
        let uri = Uri::from_file_path(&ann)?;
        {
            let open = lock(&self.open);
            if let Some(o) = open.get(&uri) {
                return Some(self.diagnostics_for(&uri, o));
            }
        }
        let workspace = read(&self.workspace);
        let corpus = workspace.corpus_for(article)?;
        let has_ann = corpus.ann_file(article).is_some() || corpus.ann_error(article).is_some();
        if corpus.annotations_enabled() && has_ann {
            return self.ann_publication(corpus, &ann);
        }
        lock(&self.ann_published)
            .contains(&uri)
            .then(|| Publication::new(uri, None, Vec::new()))
    }

    /// Keeps an edited article's `.ann` offsets in step: shifts the
    /// corpus's copy now, and notes that the editor's copy must follow.
    /// `false` when there is nothing to shift, or the client cannot apply
    /// edits (the annotations are then reported stale).
    fn shift_annotations(
        &self,
        path: Option<&Path>,
        old_text: &str,
        replaced: &[documents::Replaced],
    ) -> bool {
        let Some(path) = path.filter(|p| !is_ann(p) && !is_config(p)) else {
            return false;
        };
        if replaced.is_empty() {
            return false;
        }
        let mut workspace = write(&self.workspace);
        let corpus = workspace.corpus_for_mut(path);
        if corpus.ann_file(path).is_none() || !corpus.annotations_enabled() {
            return false;
        }
        // The offsets are of the text the corpus has: an editor text that
        // never reached it (refused, excluded) has nothing to shift.
        if corpus.article(path).is_none_or(|e| *e.text != *old_text) {
            return false;
        }
        if !read(&self.support).apply_edit {
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
        lock(&self.ann_sync).shifted(&ann_path(path), &before);
        true
    }

    /// The edit that brings the editor's copy of an article's `.ann` up to
    /// the server's, if one may be sent now.
    fn next_ann_edit(&self, article: &Path, ann: &Path, uri: &Uri) -> Option<WorkspaceEdit> {
        let open = lock(&self.open);
        let open_doc = open
            .get(uri)
            .map(|o| (Arc::clone(&o.document.text), o.document.version));
        let workspace = read(&self.workspace);
        let Some(current) = workspace
            .corpus_for(article)
            .and_then(|c| c.ann_file(article))
            .map(AnnFile::to_text)
        else {
            lock(&self.ann_sync).forget(ann);
            return None;
        };
        let base =
            lock(&self.ann_sync).next(ann, open_doc.as_ref().map(|(t, _)| &**t), &current)?;
        let (span, new_text) = crate::analysis::text::minimal_edit(&base, &current);
        let index = LineIndex::new(&base);
        let conv = Converter {
            text: &base,
            index: &index,
            unit: self.unit(),
        };
        let edit = TextEdit {
            range: conv.range(&span),
            new_text,
        };
        // Versioned when the editor syncs the file: it refuses the edit
        // rather than apply it to a text it was not computed for.
        Some(WorkspaceEdit {
            changes: None,
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: open_doc.map(|(_, v)| v),
                },
                edits: vec![OneOf::Left(edit)],
            }])),
            change_annotations: None,
        })
    }

    /// Sends an article's `.ann` edits until the editor's copy has caught
    /// up with the server's, one at a time.
    async fn sync_ann(&self, article: &Path) {
        let ann = ann_path(article);
        let Some(uri) = Uri::from_file_path(&ann) else {
            return;
        };
        loop {
            let Some(edit) = guarded("annotation edit", || {
                self.next_ann_edit(article, &ann, &uri)
            })
            .flatten() else {
                return;
            };
            let applied =
                match tokio::time::timeout(CLIENT_TIMEOUT, self.client.apply_edit(edit)).await {
                    Ok(Ok(answer)) => {
                        if !answer.applied {
                            let reason = answer
                                .failure_reason
                                .map(|r| format!(": {r}"))
                                .unwrap_or_default();
                            self.log(
                                MessageType::WARNING,
                                format!(
                                    "the editor did not apply the offset shift to {}{reason}; \
                                 annotations it missed are reported stale",
                                    ann.display()
                                ),
                            )
                            .await;
                        }
                        answer.applied
                    }
                    Ok(Err(err)) => {
                        self.log(
                            MessageType::WARNING,
                            format!("workspace/applyEdit failed for {}: {err}", ann.display()),
                        )
                        .await;
                        false
                    }
                    Err(_) => {
                        tracing::warn!("workspace/applyEdit got no answer");
                        false
                    }
                };
            let open_text = lock(&self.open)
                .get(&uri)
                .map(|o| o.document.text.to_string());
            let answer = lock(&self.ann_sync).answered(&ann, applied, open_text.as_deref());
            match answer {
                ann_sync::Answered::Applied { more: true } => continue,
                ann_sync::Answered::Applied { more: false } => {
                    // The article was closed while this edit was on its way
                    // (its close left the `.ann` alone, as pending): both are
                    // the disk's again.
                    let closed = {
                        let open = lock(&self.open);
                        !open.contains_key(&uri)
                            && Uri::from_file_path(article).is_none_or(|a| !open.contains_key(&a))
                    };
                    if closed {
                        guarded("annotation edit", || self.refresh_from_disk(&ann));
                        let publications = self.ann_publication_of(article).into_iter().collect();
                        self.publish(publications).await;
                    }
                    return;
                }
                ann_sync::Answered::Refused { editor_text } => {
                    // Back to the editor's copy; what it missed shows as stale.
                    {
                        let _open = lock(&self.open);
                        let mut workspace = write(&self.workspace);
                        let file = match editor_text {
                            Some(text) => Some(Ok(AnnFile::parse(&text))),
                            None => read_ann(article),
                        };
                        workspace.corpus_for_mut(article).set_ann(article, file);
                    }
                    let mut publications = self.all_open_diagnostics();
                    publications.extend(self.ann_publication_of(article));
                    self.publish(publications).await;
                    return;
                }
            }
        }
    }

    /// Asks the client to re-request what a change elsewhere (a `.ann`,
    /// `corpus.toml`, indexing) may have changed in open articles.
    async fn refresh_views(&self) {
        let (tokens, hints) = {
            let support = read(&self.support);
            (support.semantic_tokens_refresh, support.inlay_hint_refresh)
        };
        if tokens {
            let _ =
                tokio::time::timeout(CLIENT_TIMEOUT, self.client.semantic_tokens_refresh()).await;
        }
        if hints {
            let _ = tokio::time::timeout(CLIENT_TIMEOUT, self.client.inlay_hint_refresh()).await;
        }
    }

    /// Diagnostics for every open document, after a change that may
    /// affect them all (indexing finished, configuration changed).
    fn all_open_diagnostics(&self) -> Vec<Publication> {
        let mut open = lock(&self.open);
        {
            // A configuration change re-analyses the corpus: pick up the new
            // entries of open articles (the corpus holds their editor text).
            let workspace = read(&self.workspace);
            for (uri, o) in open.iter_mut() {
                let Some(path) = to_path(uri) else { continue };
                if let (Some(_), Some(fresh)) = (
                    &o.entry,
                    workspace.corpus_for(&path).and_then(|c| c.article(&path)),
                ) {
                    o.entry = Some(Arc::clone(fresh));
                }
            }
        }
        open.iter()
            .map(|(uri, o)| self.diagnostics_for(uri, o))
            .collect()
    }

    async fn index_workspace(&self, busy: Indexing) {
        let folders = lock(&self.folders).clone();
        let mut roots: Vec<PathBuf> = folders.iter().flat_map(|f| corpus_roots(f)).collect();
        roots.sort();
        roots.dedup();
        if roots.is_empty() {
            return;
        }
        let started = std::time::Instant::now();
        let progress = if read(&self.support).work_done_progress {
            let token = NumberOrString::String("corpus-lsp/indexing".into());
            let created = tokio::time::timeout(
                CLIENT_TIMEOUT,
                self.client.create_work_done_progress(token.clone()),
            )
            .await
            .unwrap_or_else(|_| Err(tower_lsp_server::jsonrpc::Error::request_cancelled()));
            match created {
                Ok(()) => Some(
                    self.client
                        .progress(token, "Indexing corpus")
                        .with_percentage(0)
                        .with_message(format!("{} corpus root(s)", roots.len()))
                        .begin()
                        .await,
                ),
                Err(err) => {
                    tracing::warn!("client refused a progress token: {err}");
                    None
                }
            }
        } else {
            None
        };
        let mut articles = 0;
        let root_count = roots.len();
        for (i, root) in roots.into_iter().enumerate() {
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<u32>();
            let job_root = root.clone();
            let job = tokio::task::spawn_blocking(move || {
                let last = std::sync::atomic::AtomicU32::new(u32::MAX);
                guarded("indexing", || {
                    Corpus::load(job_root, &|done, total| {
                        let percent = (done * 100 / total.max(1)) as u32;
                        // Report each percent once, not each file.
                        if last.swap(percent, std::sync::atomic::Ordering::Relaxed) != percent {
                            let _ = tx.send(percent);
                        }
                    })
                })
            });
            while let Some(percent) = rx.recv().await {
                if let Some(progress) = &progress {
                    let overall = (i as u32 * 100 + percent) / root_count as u32;
                    progress
                        .report_with_message(format!("{}", root.display()), overall)
                        .await;
                }
            }
            let Ok(Some(corpus)) = job.await else {
                self.log(
                    MessageType::ERROR,
                    format!("indexing {} failed", root.display()),
                )
                .await;
                continue;
            };
            articles += corpus.len();
            let config_publication = self.config_publication(&corpus);
            let ann_publications = self.ann_publications(&corpus);
            let skipped: Vec<String> = corpus
                .skipped_files()
                .map(|(path, reason)| format!("skipped {}: {reason}", path.display()))
                .collect();
            self.install(corpus);
            for line in skipped {
                self.log(MessageType::WARNING, line).await;
            }
            let open_config = config_publication
                .as_ref()
                .is_some_and(|p| lock(&self.open).contains_key(&p.uri));
            if let Some(p) = config_publication.filter(|_| !open_config) {
                self.publish(vec![p]).await;
            }
            let ann_publications: Vec<Publication> = {
                let open = lock(&self.open);
                ann_publications
                    .into_iter()
                    .filter(|p| !open.contains_key(&p.uri))
                    .collect()
            };
            self.publish(ann_publications).await;
        }
        let elapsed = started.elapsed();
        drop(busy);
        if let Some(progress) = progress {
            progress
                .finish_with_message(format!("{articles} articles indexed"))
                .await;
        }
        self.log(
            MessageType::INFO,
            format!(
                "indexed {articles} articles in {:.0} ms",
                elapsed.as_secs_f64() * 1000.0
            ),
        )
        .await;
        let publications = self.all_open_diagnostics();
        self.publish(publications).await;
        // Tokens asked for during indexing lacked the corpus's names.
        self.refresh_views().await;
    }

    /// Swaps a freshly loaded corpus in, then lays the open documents that
    /// belong to it back over what was read from disk.
    fn install(&self, corpus: Corpus) {
        let mut open = lock(&self.open);
        let root = corpus.root.clone();
        write(&self.workspace).replace(corpus);
        let uris: Vec<Uri> = open
            .keys()
            .filter(|uri| to_path(uri).is_some_and(|p| p.starts_with(&root)))
            .cloned()
            .collect();
        for uri in uris {
            if let Some(o) = open.get_mut(&uri) {
                self.reanalyse(&uri, o);
            }
        }
    }

    /// A file changed on disk (or was closed): bring the index in line
    /// with the disk unless the editor holds the file open.
    fn refresh_from_disk(&self, path: &Path) {
        let mut workspace = write(&self.workspace);
        let corpus = workspace.corpus_for_mut(path);
        if is_config(path) && path.parent() == Some(corpus.root.as_path()) {
            match std::fs::read_to_string(path) {
                Ok(text) => corpus.set_config_text(text),
                Err(_) => corpus.set_config_text(String::new()),
            }
            return;
        }
        if is_ann(path) {
            if lock(&self.ann_sync).pending(path) {
                // Our edits are on their way to the editor; the disk lags.
                return;
            }
            if let Some(article) = corpus
                .article_of_ann(path)
                .filter(|_| corpus.annotations_enabled())
            {
                corpus.set_ann(&article, read_ann(&article));
            }
            return;
        }
        if !path.is_file() || !corpus.accepts(path) {
            corpus.remove(path);
            return;
        }
        match discover::read_article(path, corpus.config.max_file_size) {
            Ok(text) => {
                corpus.upsert(path.to_path_buf(), text.into());
            }
            Err(reason) => {
                tracing::warn!("skipping {}: {reason}", path.display());
                corpus.mark_skipped(path.to_path_buf(), reason);
            }
        }
    }

    async fn register_watchers(&self) {
        if !read(&self.support).watcher_registration {
            return;
        }
        let watchers = ["**/*.txt", "**/*.md", "**/*.ann", "**/corpus.toml"]
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.into()),
                kind: None,
            })
            .collect();
        let registration = Registration {
            id: "corpus-lsp/watched-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        match tokio::time::timeout(
            CLIENT_TIMEOUT,
            self.client.register_capability(vec![registration]),
        )
        .await
        {
            Ok(Ok(())) => {}
            Ok(Err(err)) => tracing::warn!("could not register file watchers: {err}"),
            Err(_) => tracing::warn!("client/registerCapability got no answer"),
        }
    }

    /// The analysis of an open document, if it is an article.
    fn open_entry(&self, uri: &Uri) -> Option<Arc<ArticleEntry>> {
        lock(&self.open).get(uri).and_then(|o| o.entry.clone())
    }

    /// An article's resolved mentions: from the index when the entry is the
    /// indexed one, else resolved now against the corpus's names.
    fn mentions_of(corpus: Option<&Corpus>, entry: &ArticleEntry) -> Arc<[Mention]> {
        if let Some(corpus) = corpus {
            if let (Some(indexed), Some(mentions)) =
                (corpus.article(&entry.path), corpus.mentions(&entry.path))
            {
                if std::ptr::eq(Arc::as_ptr(indexed), entry) {
                    return Arc::clone(mentions);
                }
            }
            return entities::resolve(
                &entry.text,
                &entry.analysis.names,
                corpus.names(),
                corpus.gazetteer(),
            )
            .into();
        }
        let empty = entities::NameTable::new();
        entities::resolve(
            &entry.text,
            &entry.analysis.names,
            &empty,
            &Default::default(),
        )
        .into()
    }

    /// Runs `f` with an open article, its corpus and its mentions.
    fn with_article<T>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&Arc<ArticleEntry>, Option<&Corpus>, &[Mention], Converter<'_>) -> T,
    ) -> Option<T> {
        let entry = self.open_entry(uri)?;
        let workspace = read(&self.workspace);
        let corpus = to_path(uri).and_then(|p| workspace.corpus_for(&p));
        let mentions = Self::mentions_of(corpus, &entry);
        let conv = Converter {
            text: &entry.text,
            index: &entry.analysis.line_index,
            unit: self.unit(),
        };
        guarded("request", || f(&entry, corpus, &mentions, conv))
    }

    fn semantic_data(&self, uri: &Uri, range: Option<Range>) -> Option<Vec<SemanticToken>> {
        self.with_article(uri, |_, _, mentions, conv| {
            let window = range.map(|r| conv.offset(r.start)..conv.offset(r.end));
            let highlights = mentions
                .iter()
                .filter(|m| {
                    window
                        .as_ref()
                        .is_none_or(|w| m.span.start < w.end && w.start < m.span.end)
                })
                .map(|m| semantic_tokens::Highlight {
                    span: m.span.clone(),
                    token_type: m.kind as u32,
                    modifiers: (if m.is_declaration {
                        semantic_tokens::DECLARATION
                    } else {
                        0
                    }) | (if m.is_alias {
                        semantic_tokens::ALIAS
                    } else {
                        0
                    }),
                })
                .collect();
            semantic_tokens::encode(highlights, conv)
        })
    }

    fn location(&self, entry: &ArticleEntry, span: &std::ops::Range<usize>) -> Option<Location> {
        let uri = Uri::from_file_path(&entry.path)?;
        let conv = Converter {
            text: &entry.text,
            index: &entry.analysis.line_index,
            unit: self.unit(),
        };
        Some(Location::new(uri, conv.range(span)))
    }

    fn with_open<T>(&self, uri: &Uri, f: impl FnOnce(&Open, Converter<'_>) -> T) -> Option<T> {
        let open = lock(&self.open);
        let o = open.get(uri)?;
        let entry = o.entry.as_ref()?;
        let conv = Converter {
            text: &entry.text,
            index: &entry.analysis.line_index,
            unit: self.unit(),
        };
        guarded("request", || f(o, conv))
    }
}

impl Inner {
    /// Asks the editor for `corpusLsp` settings, when it supports that.
    async fn pull_settings(&self) {
        if !read(&self.support).configuration {
            return;
        }
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("corpusLsp".into()),
        };
        let answer =
            tokio::time::timeout(CLIENT_TIMEOUT, self.client.configuration(vec![item])).await;
        let Ok(answer) = answer else {
            tracing::warn!("workspace/configuration got no answer");
            return;
        };
        match answer {
            Ok(values) => {
                if let Some(value) = values.first().filter(|v| !v.is_null()) {
                    *write(&self.settings) = settings::Settings::from_json(value);
                }
            }
            Err(err) => tracing::warn!("workspace/configuration failed: {err}"),
        }
    }

    fn next_result_id(&self) -> String {
        let n = self
            .token_results
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        n.to_string()
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        let unit = position::negotiate(&params.capabilities);
        *write(&self.unit) = unit;
        *write(&self.support) = ClientSupport::from_capabilities(&params.capabilities);
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .unwrap_or_default()
            .iter()
            .filter_map(|f| to_path(&f.uri))
            .collect();
        #[allow(deprecated)] // Older clients only send rootUri.
        if folders.is_empty() {
            if let Some(root) = params.root_uri.as_ref().and_then(to_path) {
                folders.push(root);
            }
        }
        *lock(&self.folders) = folders;
        if let Some(options) = &params.initialization_options {
            *write(&self.settings) = settings::Settings::from_json(options);
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(position::encoding_kind(unit)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        will_save: None,
                        will_save_wait_until: None,
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            work_done_progress_options: WorkDoneProgressOptions::default(),
                            legend: semantic_tokens::legend(),
                            range: Some(true),
                            full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                        },
                    ),
                ),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                definition_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR,
                        ]),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                        resolve_provider: Some(false),
                    },
                )),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "corpus-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.log(
            MessageType::INFO,
            format!(
                "corpus-lsp {} ready ({:?} positions)",
                env!("CARGO_PKG_VERSION"),
                self.unit()
            ),
        )
        .await;
        self.spawn_indexing();
        // Requests to the client run in their own task: a handler that
        // awaited an answer the client never sends would hold one of the
        // server's few concurrent slots, and enough of them stop it reading
        // input at all, `exit` included.
        if let Some(mut queue) = lock(&self.edits_queue).take() {
            let inner = Arc::clone(&self.0);
            tokio::spawn(async move {
                while let Some(article) = queue.recv().await {
                    inner.sync_ann(&article).await;
                }
            });
        }
        let inner = Arc::clone(&self.0);
        tokio::spawn(async move {
            inner.register_watchers().await;
            inner.pull_settings().await;
            let publications = inner.all_open_diagnostics();
            inner.publish(publications).await;
        });
    }

    async fn shutdown(&self) -> RpcResult<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let publication = {
            let mut open = lock(&self.open);
            let mut o = Open {
                document: OpenDocument::new(doc.text, doc.version),
                entry: None,
                refused: None,
            };
            self.reanalyse(&doc.uri, &mut o);
            let publication = self.diagnostics_for(&doc.uri, &o);
            lock(&self.versions).insert(doc.uri.clone(), doc.version);
            open.insert(doc.uri.clone(), o);
            publication
        };
        let mut publications = vec![publication];
        if to_path(&doc.uri).is_some_and(|p| is_config(&p) || is_ann(&p)) {
            publications = self.all_open_diagnostics();
        }
        self.publish(publications).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let path = to_path(&uri);
        let annotations_before = self.annotations_enabled(path.as_deref());
        // No await until the edit is applied and indexed: notifications are
        // polled concurrently, and edits must land in the order sent.
        let outcome = {
            let mut open = lock(&self.open);
            match open.get_mut(&uri) {
                None => Err(format!(
                    "change to {} which is not open; ignored",
                    uri.as_str()
                )),
                Some(o) => {
                    let old_text = Arc::clone(&o.document.text);
                    match o
                        .document
                        .apply(version, params.content_changes, self.unit())
                    {
                        Err(EditError::StaleVersion { current, received }) => Err(format!(
                            "change to {} has version {received}, older than {current}; ignored",
                            uri.as_str()
                        )),
                        Ok(replaced) => {
                            let claims = |inner: &Inner| {
                                path.as_deref().is_some_and(|p| {
                                    read(&inner.workspace)
                                        .corpus_for(p)
                                        .is_some_and(|c| c.has_claims(p))
                                })
                            };
                            let before = claims(self);
                            let shift = guarded("annotation shift", || {
                                self.shift_annotations(path.as_deref(), &old_text, &replaced)
                            })
                            .unwrap_or(false);
                            lock(&self.versions).insert(uri.clone(), o.document.version);
                            self.reanalyse(&uri, o);
                            let after = claims(self);
                            Ok((self.diagnostics_for(&uri, o), before || after, shift))
                        }
                    }
                }
            }
        };
        match outcome {
            Ok((publication, tells_events, shift)) => {
                let not_article = path.as_deref().is_some_and(|p| is_config(p) || is_ann(p));
                // Dated events are compared across articles: other open
                // articles' conflicts may have changed with this edit.
                let mut publications = if not_article || tells_events {
                    self.all_open_diagnostics()
                } else {
                    vec![publication]
                };
                if let Some(article) = path.as_ref().filter(|_| shift) {
                    if self.edits.send(article.clone()).is_err() {
                        tracing::warn!("no task sends edits to the client; offsets not shifted");
                    }
                }
                if let Some(p) = path.as_deref().filter(|_| !not_article) {
                    // The article's `.ann` findings (stale ones) follow its text.
                    publications.extend(self.ann_publication_of(p));
                }
                if annotations_before != self.annotations_enabled(path.as_deref()) {
                    publications.extend(self.all_ann_publications(path.as_deref()));
                }
                self.publish(publications).await;
                if not_article {
                    self.spawn_refresh();
                }
            }
            Err(message) => self.log(MessageType::WARNING, message).await,
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let Some(path) = to_path(&params.text_document.uri) else {
            return;
        };
        if !is_config(&path) {
            return;
        }
        // A saved corpus.toml may change which files belong to the corpus.
        let root = {
            let workspace = read(&self.workspace);
            workspace.corpus_for(&path).map(|c| c.root.clone())
        };
        if let Some(root) = root.filter(|r| path.parent() == Some(r.as_path())) {
            let busy = Indexing::start(&self.0);
            let corpus = tokio::task::spawn_blocking(move || {
                guarded("indexing", || Corpus::load(root, &|_, _| {}))
            })
            .await
            .ok()
            .flatten();
            if let Some(corpus) = corpus {
                self.install(corpus);
            }
            drop(busy);
            let mut publications = self.all_open_diagnostics();
            publications.extend(self.all_ann_publications(Some(&path)));
            self.publish(publications).await;
            self.spawn_refresh();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut open = lock(&self.open);
            open.remove(&uri);
            lock(&self.versions).remove(&uri);
        }
        let mut publications = vec![Publication::new(uri.clone(), None, Vec::new())];
        let mut refresh = false;
        if let Some(path) = to_path(&uri) {
            let annotations_before = self.annotations_enabled(Some(&path));
            if is_ann(&path) {
                // The editor's copy is gone, with any edits it had.
                lock(&self.ann_sync).forget(&path);
            }
            // Unsaved changes are gone with the editor buffer: go back to disk.
            guarded("did_close", || self.refresh_from_disk(&path));
            refresh = is_ann(&path) || is_config(&path);
            if !refresh && self.annotations_enabled(Some(&path)) {
                // The article is back to its disk text: so is its `.ann`,
                // unless the editor has that open (or our edits are on the way).
                let ann = ann_path(&path);
                let ann_open =
                    Uri::from_file_path(&ann).is_some_and(|u| lock(&self.open).contains_key(&u));
                if !ann_open {
                    guarded("did_close", || self.refresh_from_disk(&ann));
                }
                publications.extend(self.ann_publication_of(&path));
            }
            if is_ann(&path) {
                let workspace = read(&self.workspace);
                publications = workspace
                    .corpus_for(&path)
                    .and_then(|c| self.ann_publication(c, &path))
                    .into_iter()
                    .collect();
                drop(workspace);
                publications.extend(self.all_open_diagnostics());
            }
            if is_config(&path) {
                let workspace = read(&self.workspace);
                publications.extend(
                    workspace
                        .corpus_for(&path)
                        .and_then(|c| self.config_publication(c)),
                );
                drop(workspace);
                if annotations_before != self.annotations_enabled(Some(&path)) {
                    publications.extend(self.all_ann_publications(Some(&path)));
                    publications.extend(self.all_open_diagnostics());
                }
            }
        }
        self.publish(publications).await;
        if refresh {
            self.spawn_refresh();
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_publications = Vec::new();
        for event in params.changes {
            let Some(path) = to_path(&event.uri) else {
                continue;
            };
            if lock(&self.open).contains_key(&event.uri) {
                continue; // The editor's text wins over the disk.
            }
            let annotations_before = self.annotations_enabled(Some(&path));
            guarded("watched file", || self.refresh_from_disk(&path));
            if annotations_before != self.annotations_enabled(Some(&path)) {
                config_publications.extend(self.all_ann_publications(Some(&path)));
            }
            if is_ann(&path) {
                let workspace = read(&self.workspace);
                if let Some(p) = workspace
                    .corpus_for(&path)
                    .and_then(|c| self.ann_publication(c, &path))
                {
                    config_publications.push(p);
                }
            }
            if is_config(&path) {
                let workspace = read(&self.workspace);
                if let Some(p) = workspace
                    .corpus_for(&path)
                    .and_then(|c| self.config_publication(c))
                {
                    config_publications.push(p);
                }
            }
        }
        if !config_publications.is_empty() {
            config_publications.extend(self.all_open_diagnostics());
            self.publish(config_publications).await;
            self.spawn_refresh();
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut folders = lock(&self.folders);
            let removed: Vec<PathBuf> = params
                .event
                .removed
                .iter()
                .filter_map(|f| to_path(&f.uri))
                .collect();
            folders.retain(|f| !removed.contains(f));
            folders.extend(params.event.added.iter().filter_map(|f| to_path(&f.uri)));
        }
        self.spawn_indexing();
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> RpcResult<Option<DocumentSymbolResponse>> {
        let symbols = self.with_open(&params.text_document.uri, |o, conv| {
            let entry = o.entry.as_ref().expect("with_open checks the entry");
            features::document_symbols(&entry.text, &entry.analysis.article, conv)
        });
        Ok(symbols.map(DocumentSymbolResponse::Nested))
    }

    async fn folding_range(
        &self,
        params: FoldingRangeParams,
    ) -> RpcResult<Option<Vec<FoldingRange>>> {
        Ok(self.with_open(&params.text_document.uri, |o, conv| {
            let entry = o.entry.as_ref().expect("with_open checks the entry");
            features::folding_ranges(&entry.analysis.article, conv)
        }))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> RpcResult<Option<SemanticTokensResult>> {
        let uri = params.text_document.uri;
        let Some(data) = self.semantic_data(&uri, None) else {
            return Ok(None);
        };
        let id = self.next_result_id();
        lock(&self.last_tokens).insert(uri, (id.clone(), data.clone()));
        Ok(Some(SemanticTokensResult::Tokens(semantic_tokens::tokens(
            id, data,
        ))))
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> RpcResult<Option<SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let Some(data) = self.semantic_data(&uri, None) else {
            return Ok(None);
        };
        let id = self.next_result_id();
        let previous = lock(&self.last_tokens).insert(uri, (id.clone(), data.clone()));
        Ok(Some(match previous {
            Some((old_id, old)) if old_id == params.previous_result_id => {
                SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                    result_id: Some(id),
                    edits: semantic_tokens::delta(&old, &data),
                })
            }
            _ => SemanticTokensFullDeltaResult::Tokens(semantic_tokens::tokens(id, data)),
        }))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> RpcResult<Option<SemanticTokensRangeResult>> {
        let data = self.semantic_data(&params.text_document.uri, Some(params.range));
        Ok(data.map(|data| {
            SemanticTokensRangeResult::Tokens(SemanticTokens {
                result_id: None,
                data,
            })
        }))
    }

    async fn hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        let at = params.text_document_position_params;
        let card = self.with_article(&at.text_document.uri, |entry, corpus, mentions, conv| {
            let offset = conv.offset(at.position);
            let article = &entry.analysis.article;
            if let Some(date) = entry.analysis.dates.at(offset) {
                let card: Vec<String> = date.hover().split("\n\n").map(markdown::escape).collect();
                let markdown = format!("**{}**", card.join("\n\n").replacen("\n\n", "**\n\n", 1));
                let mut markdown = if card.len() == 1 {
                    format!("**{}**", card[0])
                } else {
                    markdown
                };
                if let Some(section) =
                    corpus.and_then(|c| hover::claims_section(c, entry, &date.expr.span))
                {
                    markdown.push_str(&section);
                }
                return Some((markdown, conv.range(&date.expr.span)));
            }
            let inside = |s: &std::ops::Range<usize>| s.start <= offset && offset < s.end;
            if let Some((other, span)) = corpus.and_then(|c| {
                c.other_mentions(&entry.path)
                    .iter()
                    .find_map(|o| o.spans.iter().find(|s| inside(s)).map(|s| (o, s)))
            }) {
                return Some((
                    hover::other_annotation_card(&entry.path, other),
                    conv.range(span),
                ));
            }
            if let Some(m) = crate::corpus::xref::mention_at(mentions, offset) {
                let markdown = if m.kind.is_name() {
                    match corpus {
                        Some(corpus) => hover::entity_card(corpus, &entry.path, m),
                        None => {
                            format!("**{}** · {}", markdown::escape(&m.entity), m.kind.as_str())
                        }
                    }
                } else if m.value.is_some() {
                    hover::figure_card(corpus, entry, mentions, m)
                } else {
                    format!(
                        "**{}** · {}",
                        markdown::escape(&entry.text[m.span.clone()]),
                        m.kind.as_str()
                    )
                };
                // Right under the card's title line.
                let markdown = match (corpus, &m.annotation) {
                    (Some(corpus), Some(id)) => {
                        let note = hover::annotation_note(corpus, &entry.path, id);
                        let (title, rest) = markdown.split_once('\n').unwrap_or((&markdown, ""));
                        format!("{title}\n\n{note}\n{rest}")
                    }
                    _ => markdown,
                };
                return Some((markdown, conv.range(&m.span)));
            }
            let header = article
                .headline
                .as_ref()
                .map(|h| h.span.clone())
                .into_iter()
                .chain(article.dateline.as_ref().map(|d| d.span.clone()))
                .find(|s| s.start <= offset && offset <= s.end)?;
            Some((
                hover::article_card(
                    corpus,
                    entry,
                    mentions,
                    corpus.map_or(0, |c| c.conflict_count(&entry.path)),
                ),
                conv.range(&header),
            ))
        });
        Ok(card.flatten().map(|(value, range)| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(range),
        }))
    }

    async fn references(&self, params: ReferenceParams) -> RpcResult<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let entity = self.with_article(&at.text_document.uri, |_, _, mentions, conv| {
            let offset = conv.offset(at.position);
            crate::corpus::xref::mention_at(mentions, offset)
                .filter(|m| m.kind.is_name())
                .map(|m| m.entity.clone())
        });
        let Some(Some(entity)) = entity else {
            return Ok(None);
        };
        let Some(path) = to_path(&at.text_document.uri) else {
            return Ok(None);
        };
        let workspace = read(&self.workspace);
        let Some(corpus) = workspace.corpus_for(&path) else {
            return Ok(None);
        };
        let locations = crate::corpus::xref::articles_mentioning(corpus, &entity)
            .iter()
            .flat_map(|(entry, spans)| spans.iter().filter_map(|s| self.location(entry, s)))
            .collect();
        Ok(Some(locations))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> RpcResult<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        Ok(self
            .with_article(&at.text_document.uri, |_, corpus, mentions, conv| {
                let offset = conv.offset(at.position);
                let here = crate::corpus::xref::mention_at(mentions, offset)?;
                // Every name of its entity, when the corpus knows it.
                let names = match corpus {
                    Some(corpus) if here.kind.is_name() => {
                        crate::corpus::xref::member_names(corpus, &here.entity)
                    }
                    _ => vec![here.entity.clone()],
                };
                Some(
                    mentions
                        .iter()
                        .filter(|m| names.contains(&m.entity))
                        .map(|m| DocumentHighlight {
                            range: conv.range(&m.span),
                            kind: Some(DocumentHighlightKind::TEXT),
                        })
                        .collect(),
                )
            })
            .flatten())
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> RpcResult<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let found = self.with_article(&at.text_document.uri, |_, corpus, mentions, conv| {
            let offset = conv.offset(at.position);
            let m = crate::corpus::xref::mention_at(mentions, offset)?.clone();
            let corpus = corpus?;
            // Curated: the entry in corpus.toml.
            if let Some(text) = &corpus.config_text {
                let needle = format!("name = \"{}\"", m.entity);
                if let Some(start) = text.find(&needle) {
                    let index = LineIndex::new(text);
                    let conv = Converter {
                        text,
                        index: &index,
                        unit: conv.unit,
                    };
                    let uri = Uri::from_file_path(corpus.config_path())?;
                    return Some(Location::new(
                        uri,
                        conv.range(&(start..start + needle.len())),
                    ));
                }
            }
            // An alias: where it was spelled out.
            if m.is_alias {
                if let Some((entry, span)) = crate::corpus::xref::alias_definition(
                    corpus,
                    &m.entity,
                    &conv.text[m.span.clone()],
                ) {
                    return self.location(&entry, &span);
                }
            }
            // Otherwise the first mention in the corpus.
            let (entry, span) = crate::corpus::xref::first_mention(corpus, &m.entity)?;
            self.location(&entry, &span)
        });
        Ok(found.flatten().map(GotoDefinitionResponse::Scalar))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> RpcResult<Option<WorkspaceSymbolResponse>> {
        const LIMIT: usize = 200;
        let workspace = read(&self.workspace);
        let mut out = Vec::new();
        for corpus in workspace.corpora() {
            for (target, entry, span) in crate::corpus::xref::symbols(corpus, &params.query, LIMIT)
            {
                let Some(location) = self.location(&entry, &span) else {
                    continue;
                };
                let (name, kind, container) = match target {
                    crate::corpus::xref::SymbolTarget::Entity { name, kind } => (
                        name,
                        features::entity_symbol_kind(kind),
                        kind.as_str().to_string(),
                    ),
                    crate::corpus::xref::SymbolTarget::Article { title } => {
                        (title, SymbolKind::FILE, "article".to_string())
                    }
                };
                #[allow(deprecated)] // `deprecated` must still be written.
                out.push(SymbolInformation {
                    name,
                    kind,
                    tags: None,
                    deprecated: None,
                    location,
                    container_name: Some(container),
                });
            }
        }
        out.truncate(LIMIT);
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    async fn code_lens(&self, params: CodeLensParams) -> RpcResult<Option<Vec<CodeLens>>> {
        let lens = self.with_article(
            &params.text_document.uri,
            |entry, corpus, mentions, conv| {
                let headline = entry.analysis.article.headline.as_ref()?;
                let mut entities: Vec<&str> = mentions
                    .iter()
                    .filter(|m| m.kind.is_name())
                    .map(|m| m.entity.as_str())
                    .collect();
                entities.sort_unstable();
                entities.dedup();
                let (entities, shared) = match corpus {
                    Some(c) => c.entities_of(&entities),
                    None => (entities.len(), 0),
                };
                let conflicts = corpus.map_or(0, |c| c.conflict_count(&entry.path));
                let title = format!(
                    "{entities} entities · {shared} shared with other articles · {conflicts} conflict{}",
                    if conflicts == 1 { "" } else { "s" }
                );
                Some(vec![CodeLens {
                    range: conv.range(&headline.span),
                    command: Some(Command {
                        title,
                        command: String::new(),
                        arguments: None,
                    }),
                    data: None,
                }])
            },
        );
        Ok(lens.flatten())
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> RpcResult<Option<PrepareRenameResponse>> {
        Ok(self
            .with_article(&params.text_document.uri, |_, corpus, mentions, conv| {
                corpus?;
                let offset = conv.offset(params.position);
                let m = crate::corpus::xref::mention_at(mentions, offset)
                    .filter(|m| m.kind.is_name())?;
                // The entity is renamed, whichever of its names is under the cursor.
                let placeholder = match corpus {
                    Some(c) => c.cluster_or_self(&m.entity, m.kind).canonical,
                    None => m.entity.clone(),
                };
                Some(PrepareRenameResponse::RangeWithPlaceholder {
                    range: conv.range(&m.span),
                    placeholder,
                })
            })
            .flatten())
    }

    /// Renames an entity's canonical name in `corpus.toml`; article text is
    /// never rewritten (the old name stays as an alias).
    async fn rename(&self, params: RenameParams) -> RpcResult<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let new_name = params.new_name.trim().to_string();
        if new_name.is_empty() {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(
                "the new name is empty",
            ));
        }
        let edit = self.with_article(&at.text_document.uri, |_, corpus, mentions, conv| {
            let corpus = corpus?;
            let offset = conv.offset(at.position);
            let m =
                crate::corpus::xref::mention_at(mentions, offset).filter(|m| m.kind.is_name())?;
            let source = corpus.config_text.clone().unwrap_or_default();
            let new_source = corpus.rename_entity(&source, &m.entity, m.kind, &new_name);
            Some((
                corpus.config_path(),
                corpus.config_text.is_some(),
                source,
                new_source,
            ))
        });
        let Some(Some((path, exists, source, new_source))) = edit else {
            return Ok(None);
        };
        let new_source = new_source.map_err(|message| tower_lsp_server::jsonrpc::Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::InvalidRequest,
            message: message.into(),
            data: None,
        })?;
        Ok(self.config_edit(&path, exists, &source, &new_source))
    }

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        Ok(self.code_actions(&params))
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pull = read(&self.support).configuration;
        if !pull {
            *write(&self.settings) = settings::Settings::from_json(&params.settings);
        }
        let inner = Arc::clone(&self.0);
        tokio::spawn(async move {
            if pull {
                inner.pull_settings().await;
            }
            let publications = inner.all_open_diagnostics();
            inner.publish(publications).await;
            inner.refresh_views().await;
        });
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> RpcResult<Option<Vec<InlayHint>>> {
        if !read(&self.settings).inlay_hints.enabled {
            return Ok(Some(Vec::new()));
        }
        Ok(
            self.with_article(&params.text_document.uri, |entry, _, _, conv| {
                let window = conv.offset(params.range.start)..conv.offset(params.range.end);
                entry
                    .analysis
                    .dates
                    .expressions
                    .iter()
                    .filter(|r| window.start <= r.expr.span.end && r.expr.span.start <= window.end)
                    .filter_map(|r| r.inlay_hint())
                    .map(|(offset, value)| InlayHint {
                        position: conv.position(offset),
                        label: InlayHintLabel::String(value),
                        kind: None,
                        text_edits: None,
                        tooltip: None,
                        padding_left: Some(true),
                        padding_right: None,
                        data: None,
                    })
                    .collect()
            }),
        )
    }
}
