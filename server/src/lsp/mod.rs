//! The protocol layer: dispatch, conversion between protocol types and the
//! plain data of `ide/`, and document sync. No feature logic here.
//!
//! State has one owner: [`Inner::state`], one lock. Notifications take it
//! for writing, apply their change in order and compute what to publish
//! before letting go; requests take it for reading and answer from an
//! [`ide::Snapshot`]. A notification first bumps [`Inner::revision`], so a
//! long request that is holding the lock sees it and stops (`ContentModified`)
//! instead of delaying the edit. Lock order: `state`, then `tokens`; the
//! `outbox` is only taken with neither held.

mod ann_edits;
mod ann_sync;
mod config_edits;
mod convert;
pub mod documents;
mod indexing;
mod notifications;
pub mod position;
mod publish;
#[cfg(test)]
mod reach_tests;
mod requests;
pub mod semantic_tokens;
pub mod settings;
mod state;
#[cfg(test)]
mod state_props;

/// Cases per property test: `PROPTEST_CASES` if set (the long runs), else
/// `default`.
#[cfg(test)]
fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

use crate::ide::{self, Document, Snapshot};
use position::Converter;
use publish::{Outbox, Publication, PullCache, Touched};
use state::State;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
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

/// The language server. The state lives behind an `Arc` so long jobs
/// (indexing, `.ann` sync) can run as their own tasks.
pub struct Server(Arc<Inner>);

impl std::ops::Deref for Server {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

pub struct Inner {
    client: Client,
    state: RwLock<State>,
    /// Bumped by every notification that changes the state.
    revision: AtomicU64,
    /// Corpora being (re)loaded: until they are, curation would be judged
    /// on an article alone.
    indexing: AtomicUsize,
    /// The last semantic tokens sent per document, for delta requests.
    tokens: Mutex<HashMap<Uri, (String, Vec<SemanticToken>)>>,
    token_results: AtomicU64,
    /// Held while sending, so publications go out in the order computed.
    outbox: tokio::sync::Mutex<Outbox>,
    /// Result ids of pulled diagnostics (a leaf lock).
    pulled: Mutex<PullCache>,
    /// A `workspace/diagnostic/refresh` is on its way: bursts send one.
    refresh_pending: AtomicBool,
    /// An edit of `corpus.toml` is not applied yet: waiting for typing to
    /// pause (the state's `pending_configs`) or being applied. Read without
    /// taking the state lock.
    config_pending: AtomicBool,
    /// The state's `config_edits`, for a job to see without the lock that
    /// typing went on.
    config_generation: AtomicU64,
    /// Held while edits of `corpus.toml` are applied, one job at a time.
    config_job: tokio::sync::Mutex<()>,
    /// Wakes the requests waiting for those edits.
    config_settled: tokio::sync::Notify,
    /// Articles whose `.ann` the editor's copy must catch up with, for the
    /// task (started on `initialized`) that sends it edits one at a time.
    edits: tokio::sync::mpsc::UnboundedSender<PathBuf>,
    edits_queue: Mutex<Option<tokio::sync::mpsc::UnboundedReceiver<PathBuf>>>,
}

/// Locks that shrug off poisoning: a panic in one handler is caught and
/// logged, and must not wedge every later request.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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

/// Counts a (re)load of corpora for as long as it lives.
struct Indexing(Arc<Inner>);

impl Indexing {
    fn start(inner: &Arc<Inner>) -> Indexing {
        inner.indexing.fetch_add(1, Ordering::SeqCst);
        Indexing(Arc::clone(inner))
    }
}

impl Drop for Indexing {
    fn drop(&mut self) {
        self.0.indexing.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Server {
    fn new(client: Client) -> Server {
        let (edits, queue) = tokio::sync::mpsc::unbounded_channel();
        Server(Arc::new(Inner {
            client,
            state: RwLock::new(State::new()),
            revision: AtomicU64::new(0),
            indexing: AtomicUsize::new(0),
            tokens: Mutex::new(HashMap::new()),
            token_results: AtomicU64::new(0),
            outbox: Default::default(),
            pulled: Default::default(),
            refresh_pending: AtomicBool::new(false),
            config_pending: AtomicBool::new(false),
            config_generation: AtomicU64::new(0),
            config_job: Default::default(),
            config_settled: Default::default(),
            edits,
            edits_queue: Mutex::new(Some(queue)),
        }))
    }
}

impl Inner {
    fn read(&self) -> RwLockReadGuard<'_, State> {
        self.state
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The state for a change: newer than any request still reading.
    fn write(&self) -> RwLockWriteGuard<'_, State> {
        self.revision.fetch_add(1, Ordering::SeqCst);
        self.state
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn log(&self, typ: MessageType, message: String) {
        match typ {
            MessageType::ERROR => tracing::error!("{message}"),
            MessageType::WARNING => tracing::warn!("{message}"),
            _ => tracing::info!("{message}"),
        }
        self.client.log_message(typ, message).await;
    }

    /// Sends what changed of `publications` (and clears `.ann` files of
    /// corpora at `clear_under` that no longer have diagnostics).
    async fn publish(&self, publications: Vec<Publication>, clear_under: &[PathBuf]) {
        let mut outbox = self.outbox.lock().await;
        for p in outbox.due(publications, clear_under) {
            self.client
                .publish_diagnostics(p.uri, p.diagnostics, p.version)
                .await;
        }
    }

    /// Recomputes what `touched` calls for from the current state and
    /// sends what changed; the one way diagnostics go out. A client that
    /// pulls is asked to pull again instead, when the change reaches files
    /// it would not pull for by itself.
    async fn republish(self: &Arc<Self>, touched: Touched) {
        let (publications, refresh) = {
            let state = self.read();
            if state.support.pull_diagnostics {
                // Under the state lock, as a pull computing ids is.
                lock(&self.pulled).forget(&touched);
                (Vec::new(), state.refresh_due(&touched))
            } else {
                let publications = guarded("diagnostics", || state.publications(&touched));
                (publications.unwrap_or_default(), false)
            }
        };
        if refresh && !self.refresh_pending.swap(true, Ordering::SeqCst) {
            // In its own task, like every request to the client.
            let inner = Arc::clone(self);
            tokio::spawn(async move {
                inner.refresh_pending.store(false, Ordering::SeqCst);
                if let Err(err) = inner.client.workspace_diagnostic_refresh().await {
                    tracing::warn!("workspace/diagnostic/refresh failed: {err}");
                }
            });
        }
        self.publish(publications, &touched.all_ann).await;
        if touched.refresh_views {
            let inner = Arc::clone(self);
            tokio::spawn(async move { inner.refresh_views().await });
        }
    }

    /// Runs `f` on a snapshot of the state.
    fn with_snapshot<T>(&self, f: impl FnOnce(&State, &Snapshot<'_>) -> T) -> Option<T> {
        let state = self.read();
        let pending = |p: &std::path::Path| state.ann_sync.pending(p);
        let indexing = self.indexing.load(Ordering::SeqCst) > 0;
        let snap = state
            .snapshot(indexing, &pending)
            .cancellable(&self.revision);
        guarded("request", || f(&state, &snap))
    }

    /// Runs `f` with an open article as the editor has it.
    fn with_document<T>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&State, &Snapshot<'_>, &Document<'_>, Converter<'_>) -> T,
    ) -> Option<T> {
        self.with_snapshot(|state, snap| {
            let entry = state.open_entry(uri)?;
            let doc = snap.document(&entry);
            let conv = Converter {
                text: &entry.text,
                index: &entry.analysis.line_index,
                unit: state.unit,
            };
            Some(f(state, snap, &doc, conv))
        })
        .flatten()
    }
}

fn cancelled(_: ide::Cancelled) -> tower_lsp_server::jsonrpc::Error {
    tower_lsp_server::jsonrpc::Error::content_modified()
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        Ok(self.0.initialize(params))
    }

    async fn initialized(&self, _: InitializedParams) {
        self.0.initialized().await;
    }

    async fn shutdown(&self) -> RpcResult<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.0.config_first(None);
        self.0.did_open(params).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.0.config_first(Some(&params.text_document.uri));
        self.0.did_change(params).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        self.0.config_first(None);
        self.0.did_save(params).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.0.config_first(None);
        self.0.did_close(params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.0.config_first(None);
        self.0.did_change_watched_files(params).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        self.0.config_first(None);
        self.0.did_change_workspace_folders(params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.0.config_first(None);
        self.0.did_change_configuration(params);
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> RpcResult<Option<DocumentSymbolResponse>> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        Ok(self.0.document_symbols(&params.text_document.uri))
    }

    async fn folding_range(
        &self,
        params: FoldingRangeParams,
    ) -> RpcResult<Option<Vec<FoldingRange>>> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        Ok(self.0.folding_ranges(&params.text_document.uri))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> RpcResult<Option<SemanticTokensResult>> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        Ok(self.0.semantic_tokens_full(params.text_document.uri))
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> RpcResult<Option<SemanticTokensFullDeltaResult>> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        Ok(self.0.semantic_tokens_delta(params))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> RpcResult<Option<SemanticTokensRangeResult>> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        Ok(self.0.semantic_tokens_range(params))
    }

    async fn hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        self.0
            .settle_before(Some(
                &params.text_document_position_params.text_document.uri,
            ))
            .await;
        Ok(self.0.hover_card(params.text_document_position_params))
    }

    async fn references(&self, params: ReferenceParams) -> RpcResult<Option<Vec<Location>>> {
        self.0
            .settle_before(Some(&params.text_document_position.text_document.uri))
            .await;
        self.0
            .find_references(params.text_document_position)
            .map_err(cancelled)
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> RpcResult<Option<Vec<DocumentHighlight>>> {
        self.0
            .settle_before(Some(
                &params.text_document_position_params.text_document.uri,
            ))
            .await;
        Ok(self.0.highlights(params.text_document_position_params))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> RpcResult<Option<GotoDefinitionResponse>> {
        self.0
            .settle_before(Some(
                &params.text_document_position_params.text_document.uri,
            ))
            .await;
        Ok(self.0.definition(params.text_document_position_params))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> RpcResult<Option<WorkspaceSymbolResponse>> {
        self.0.settle_before(None).await;
        self.0.workspace_symbols(&params.query).map_err(cancelled)
    }

    async fn code_lens(&self, params: CodeLensParams) -> RpcResult<Option<Vec<CodeLens>>> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        Ok(self.0.code_lens(&params.text_document.uri))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> RpcResult<Option<PrepareRenameResponse>> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        Ok(self.0.prepare_rename(params))
    }

    async fn rename(&self, params: RenameParams) -> RpcResult<Option<WorkspaceEdit>> {
        self.0
            .settle_before(Some(&params.text_document_position.text_document.uri))
            .await;
        self.0.rename(params)
    }

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        Ok(self.0.code_actions(&params))
    }

    async fn code_action_resolve(&self, action: CodeAction) -> RpcResult<CodeAction> {
        self.0.settle_before(None).await;
        Ok(self.0.resolve_code_action(action))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> RpcResult<DocumentDiagnosticReportResult> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        self.0.document_diagnostics(params)
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> RpcResult<WorkspaceDiagnosticReportResult> {
        self.0.settle_before(None).await;
        self.0.workspace_diagnostics(params)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> RpcResult<Option<Vec<InlayHint>>> {
        self.0.settle_before(Some(&params.text_document.uri)).await;
        Ok(self.0.inlay_hints(params))
    }
}
