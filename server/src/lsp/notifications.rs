//! Document sync and other notifications: each applies its change to the
//! state under the lock, in the order received, then republishes what the
//! change touched.

use super::documents::EditError;
use super::publish::Touched;
use super::state::{ClientSupport, to_path};
use super::{Indexing, Inner, guarded, lock, position, semantic_tokens};
use crate::corpus::Corpus;
use crate::ide::FileKind;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

impl Inner {
    pub(super) fn initialize(&self, params: InitializeParams) -> InitializeResult {
        let unit = position::negotiate(&params.capabilities);
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .unwrap_or_default()
            .iter()
            .filter_map(|f| to_path(&f.uri))
            .collect();
        #[allow(deprecated)] // Older clients only send rootUri.
        if folders.is_empty() {
            folders.extend(params.root_uri.as_ref().and_then(to_path));
        }
        let support = ClientSupport::from_capabilities(&params.capabilities);
        let pull = support.pull_diagnostics;
        {
            let mut state = self.write();
            state.unit = unit;
            state.support = support;
            state.folders = folders;
            if let Some(options) = &params.initialization_options {
                state.settings = super::settings::Settings::from_json(options);
            }
        }
        InitializeResult {
            capabilities: capabilities(unit, pull),
            server_info: Some(ServerInfo {
                name: "corpus-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        }
    }

    pub(super) async fn initialized(self: &Arc<Self>) {
        let unit = self.read().unit;
        let message = format!(
            "corpus-lsp {} ready ({unit:?} positions)",
            env!("CARGO_PKG_VERSION")
        );
        self.log(MessageType::INFO, message).await;
        self.spawn_indexing();
        // Requests to the client run in their own task: a handler that
        // awaited an answer the client never sends would hold one of the
        // server's few concurrent slots, and enough of them stop it reading
        // input at all, `exit` included.
        if let Some(mut queue) = lock(&self.edits_queue).take() {
            let inner = Arc::clone(self);
            tokio::spawn(async move {
                while let Some(article) = queue.recv().await {
                    inner.sync_ann(&article).await;
                }
            });
        }
        let inner = Arc::clone(self);
        tokio::spawn(async move {
            inner.register_watchers().await;
            inner.pull_settings().await;
            inner.republish(Touched::everything_open()).await;
        });
    }

    /// Indexes the workspace in its own task, so requests are answered
    /// while it runs.
    pub(super) fn spawn_indexing(self: &Arc<Self>) {
        let inner = Arc::clone(self);
        let busy = Indexing::start(self);
        tokio::spawn(async move { inner.index_workspace(busy).await });
    }

    /// Sends the `.ann` edits of these articles on to the editor.
    fn sync_anns(&self, articles: Vec<PathBuf>) {
        for article in articles {
            if self.edits.send(article).is_err() {
                tracing::warn!("no task sends edits to the client; offsets not shifted");
            }
        }
    }

    pub(super) async fn did_open(self: &Arc<Self>, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let touched = {
            let mut state = self.write();
            let (touched, sync) = state.open_document(&doc.uri, doc.text, doc.version);
            self.sync_anns(sync);
            touched
        };
        self.republish(touched).await;
    }

    pub(super) async fn did_change(self: &Arc<Self>, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let path = to_path(&uri);
        // No await until the edit is applied and indexed: notifications are
        // polled concurrently, and edits must land in the order sent.
        let outcome = {
            let mut state = self.write();
            let before = state.facts(path.as_deref());
            let unit = state.unit;
            let applied = match state.open.get_mut(&uri) {
                None => Err(format!(
                    "change to {} which is not open; ignored",
                    uri.as_str()
                )),
                Some(open) => {
                    let old_text = Arc::clone(&open.document.text);
                    match open.document.apply(version, params.content_changes, unit) {
                        Err(EditError::StaleVersion { current, received }) => Err(format!(
                            "change to {} has version {received}, older than {current}; ignored",
                            uri.as_str()
                        )),
                        Ok(replaced) => Ok((old_text, replaced)),
                    }
                }
            };
            applied.map(|(old_text, replaced)| {
                if path
                    .as_deref()
                    .is_some_and(|p| state.kind(p) == FileKind::Config)
                {
                    self.config_edited(&mut state, &uri);
                    return None;
                }
                let mut sync = Vec::new();
                if let Some(path) = &path {
                    let shifted = guarded("annotation shift", || {
                        state.shift_annotations(path, &old_text, &replaced)
                    });
                    if shifted == Some(true) {
                        sync.push(path.clone());
                    }
                }
                sync.extend(guarded("did_change", || state.reanalyse(&uri)).flatten());
                self.sync_anns(sync);
                let after = state.facts(path.as_deref());
                Some(state.touched_by(&uri, path.clone(), &before, &after))
            })
        };
        match outcome {
            Ok(Some(touched)) => self.republish(touched).await,
            Ok(None) => {} // A corpus.toml edit, applied when typing pauses.
            Err(message) => self.log(MessageType::WARNING, message).await,
        }
    }

    pub(super) async fn did_save(self: &Arc<Self>, params: DidSaveTextDocumentParams) {
        let Some(path) = to_path(&params.text_document.uri) else {
            return;
        };
        // A saved corpus.toml may change which files belong to the corpus.
        let root = {
            let state = self.read();
            (state.kind(&path) == FileKind::Config)
                .then(|| state.workspace.corpus_for(&path).map(|c| c.root.clone()))
                .flatten()
        };
        let Some(root) = root else { return };
        self.reload(root, path).await;
    }

    /// Loads the corpus at `root` again (its `corpus.toml` at `config`
    /// changed which files belong) and republishes everything open.
    async fn reload(self: &Arc<Self>, root: PathBuf, config: PathBuf) {
        let busy = Indexing::start(self);
        let job_root = root.clone();
        let previous = self.read().reusable(&root);
        let corpus = tokio::task::spawn_blocking(move || {
            guarded("indexing", || {
                Corpus::reload(job_root, previous, &|_, _| {})
            })
        })
        .await
        .ok()
        .flatten();
        if let Some(corpus) = corpus {
            let sync = self.write().install(corpus);
            self.sync_anns(sync);
        }
        drop(busy);
        let mut touched = Touched::everything_open();
        touched.files.push(config);
        touched.all_ann.push(root);
        self.republish(touched).await;
    }

    pub(super) async fn did_close(self: &Arc<Self>, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(path) = to_path(&uri) else {
            self.write().open.remove(&uri);
            self.republish(Touched {
                uris: vec![uri],
                ..Touched::default()
            })
            .await;
            return;
        };
        let touched = self.write().close_document(&uri, &path);
        self.republish(touched).await;
    }

    pub(super) async fn did_change_watched_files(
        self: &Arc<Self>,
        params: DidChangeWatchedFilesParams,
    ) {
        let mut touched = Touched::default();
        let mut reloads = Vec::new();
        {
            let mut state = self.write();
            for event in params.changes {
                let Some(path) = to_path(&event.uri) else {
                    continue;
                };
                if state.open.contains_key(&event.uri) {
                    continue; // The editor's text wins over the disk.
                }
                // A corpus.toml whose globs or size limit changed decides
                // anew which files belong: reloaded, as when saved.
                let files = |state: &super::state::State| {
                    let corpus = state.workspace.corpus_for(&path)?;
                    (state.kind(&path) == FileKind::Config)
                        .then(|| (corpus.root.clone(), corpus.config.files()))
                };
                let before = files(&state);
                touched.merge(state.changed_on_disk(&path));
                if let Some((root, _)) = before
                    .as_ref()
                    .filter(|b| Some(*b) != files(&state).as_ref())
                {
                    reloads.push((root.clone(), path));
                }
            }
        }
        self.republish(touched).await;
        for (root, config) in reloads {
            self.reload(root, config).await;
        }
    }

    pub(super) fn did_change_workspace_folders(
        self: &Arc<Self>,
        params: DidChangeWorkspaceFoldersParams,
    ) {
        {
            let mut state = self.write();
            let removed: Vec<PathBuf> = params
                .event
                .removed
                .iter()
                .filter_map(|f| to_path(&f.uri))
                .collect();
            state.folders.retain(|f| !removed.contains(f));
            state
                .folders
                .extend(params.event.added.iter().filter_map(|f| to_path(&f.uri)));
        }
        self.spawn_indexing();
    }

    pub(super) fn did_change_configuration(self: &Arc<Self>, params: DidChangeConfigurationParams) {
        let pull = {
            let mut state = self.write();
            let pull = state.support.configuration;
            if !pull {
                state.settings = super::settings::Settings::from_json(&params.settings);
            }
            pull
        };
        let inner = Arc::clone(self);
        tokio::spawn(async move {
            if pull {
                inner.pull_settings().await;
            }
            inner.republish(Touched::everything_open()).await;
        });
    }
}

/// What the server offers; pull diagnostics only to a client that takes
/// them (it gets them pushed otherwise, never both).
fn capabilities(unit: crate::analysis::line_index::ColumnUnit, pull: bool) -> ServerCapabilities {
    ServerCapabilities {
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
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                work_done_progress_options: WorkDoneProgressOptions::default(),
                legend: semantic_tokens::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::REFACTOR]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: Some(true),
        })),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        diagnostic_provider: pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: None,
                // Conflicts, `.ann` and `corpus.toml` reach across files.
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}
