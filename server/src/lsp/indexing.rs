//! Long jobs and requests to the client: indexing the workspace with
//! progress, file watchers, settings, and view refreshes.

use super::publish::Touched;
use super::{CLIENT_TIMEOUT, Indexing, Inner, guarded};
use crate::corpus::Corpus;
use crate::corpus::workspace::corpus_roots;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Bounded, NotCancellable, OngoingProgress};

impl Inner {
    pub(super) async fn index_workspace(self: &Arc<Self>, busy: Indexing) {
        let (folders, progress_supported) = {
            let state = self.read();
            (state.folders.clone(), state.support.work_done_progress)
        };
        let mut roots: Vec<PathBuf> = folders.iter().flat_map(|f| corpus_roots(f)).collect();
        roots.sort();
        roots.dedup();
        if roots.is_empty() {
            return;
        }
        let started = std::time::Instant::now();
        let progress = if progress_supported {
            self.begin_progress(roots.len()).await
        } else {
            None
        };
        let mut articles = 0;
        let root_count = roots.len();
        for (i, root) in roots.into_iter().enumerate() {
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<u32>();
            let job_root = root.clone();
            let previous = self.read().reusable(&root);
            let job = tokio::task::spawn_blocking(move || {
                let last = std::sync::atomic::AtomicU32::new(u32::MAX);
                guarded("indexing", || {
                    Corpus::reload(job_root, previous, &|done, total| {
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
                let message = format!("indexing {} failed", root.display());
                self.log(MessageType::ERROR, message).await;
                continue;
            };
            articles += corpus.len();
            let skipped: Vec<String> = corpus
                .skipped_files()
                .map(|(path, reason)| format!("skipped {}: {reason}", path.display()))
                .collect();
            let config = corpus.config_path();
            let sync = self.write().install(corpus);
            for article in sync {
                let _ = self.edits.send(article);
            }
            for line in skipped {
                self.log(MessageType::WARNING, line).await;
            }
            self.republish(Touched {
                files: vec![config],
                all_ann: vec![root],
                ..Touched::default()
            })
            .await;
        }
        let elapsed = started.elapsed();
        drop(busy);
        if let Some(progress) = progress {
            progress
                .finish_with_message(format!("{articles} articles indexed"))
                .await;
        }
        let message = format!(
            "indexed {articles} articles in {:.0} ms",
            elapsed.as_secs_f64() * 1000.0
        );
        self.log(MessageType::INFO, message).await;
        // Tokens asked for during indexing lacked the corpus's names.
        self.republish(Touched::everything_open()).await;
    }

    async fn begin_progress(
        &self,
        roots: usize,
    ) -> Option<OngoingProgress<Bounded, NotCancellable>> {
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
                    .with_message(format!("{roots} corpus root(s)"))
                    .begin()
                    .await,
            ),
            Err(err) => {
                tracing::warn!("client refused a progress token: {err}");
                None
            }
        }
    }

    pub(super) async fn register_watchers(&self) {
        if !self.read().support.watcher_registration {
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
        let registered = self.client.register_capability(vec![registration]);
        match tokio::time::timeout(CLIENT_TIMEOUT, registered).await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => tracing::warn!("could not register file watchers: {err}"),
            Err(_) => tracing::warn!("client/registerCapability got no answer"),
        }
    }

    /// Asks the editor for `corpusLsp` settings, when it supports that.
    pub(super) async fn pull_settings(&self) {
        if !self.read().support.configuration {
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
                    self.write().settings = super::settings::Settings::from_json(value);
                }
            }
            Err(err) => tracing::warn!("workspace/configuration failed: {err}"),
        }
    }

    /// Asks the client to re-request what a change elsewhere (a `.ann`,
    /// `corpus.toml`, indexing) may have changed in open articles.
    pub(super) async fn refresh_views(&self) {
        let (tokens, hints) = {
            let state = self.read();
            (
                state.support.semantic_tokens_refresh,
                state.support.inlay_hint_refresh,
            )
        };
        if tokens {
            let _ =
                tokio::time::timeout(CLIENT_TIMEOUT, self.client.semantic_tokens_refresh()).await;
        }
        if hints {
            let _ = tokio::time::timeout(CLIENT_TIMEOUT, self.client.inlay_hint_refresh()).await;
        }
    }
}
