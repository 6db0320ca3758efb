//! Typing in `corpus.toml`. An edit is applied once typing pauses, or
//! before a request about another file. The re-analysis a change of
//! curation calls for runs off the state lock ([`ConfigPlan`]): edits and
//! requests go on meanwhile, and a request that would wait too long is
//! answered by the last good configuration.
//!
//! Notifications never wait for it: edits must apply in the order sent,
//! and applying a plan takes in whatever they changed meanwhile.
//!
//! [`ConfigPlan`]: crate::corpus::ConfigPlan

use super::state::State;
use super::{Inner, guarded};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tower_lsp_server::ls_types::Uri;

/// How long typing in `corpus.toml` must pause before the edit is applied.
const CONFIG_DEBOUNCE: Duration = Duration::from_millis(250);

/// How long a request waits for a `corpus.toml` edit being applied before
/// the last good configuration answers it (the diagnostics follow later).
const CONFIG_WAIT: Duration = Duration::from_millis(500);

impl Inner {
    /// Notes an edit of the `corpus.toml` at `uri` (under the write lock)
    /// and applies it once typing pauses.
    pub(super) fn config_edited(self: &Arc<Self>, state: &mut State, uri: &Uri) {
        state.config_edits += 1;
        let generation = state.config_edits;
        self.config_generation.store(generation, Ordering::SeqCst);
        state.pending_configs.insert(uri.clone(), generation);
        self.config_pending.store(true, Ordering::SeqCst);
        let (inner, uri) = (Arc::clone(self), uri.clone());
        tokio::spawn(async move {
            tokio::time::sleep(CONFIG_DEBOUNCE).await;
            if inner.read().pending_configs.get(&uri) == Some(&generation) {
                inner.apply_configs().await;
            }
        });
    }

    /// Before a notification about `about` (`None`: the whole workspace):
    /// starts applying the `corpus.toml` edits waiting, without waiting.
    pub(super) fn config_first(self: &Arc<Self>, about: Option<&Uri>) {
        if self.must_settle(about) {
            let inner = Arc::clone(self);
            tokio::spawn(async move { inner.apply_configs().await });
        }
    }

    /// Before a request about `about`: applies the `corpus.toml` edits
    /// waiting, so that answers follow what the editor shows, unless that
    /// takes longer than [`CONFIG_WAIT`]. Requests about a `corpus.toml`
    /// being typed in do not wait: they read its text.
    pub(super) async fn settle_before(self: &Arc<Self>, about: Option<&Uri>) {
        if !self.must_settle(about) {
            return;
        }
        let inner = Arc::clone(self);
        tokio::spawn(async move { inner.apply_configs().await });
        let settled = async {
            loop {
                let notified = self.config_settled.notified();
                tokio::pin!(notified);
                notified.as_mut().enable();
                if !self.config_pending.load(Ordering::SeqCst) {
                    return;
                }
                notified.await;
            }
        };
        if tokio::time::timeout(CONFIG_WAIT, settled).await.is_err() {
            tracing::debug!("corpus.toml still being applied: the last good configuration answers");
        }
    }

    fn must_settle(&self, about: Option<&Uri>) -> bool {
        self.config_pending.load(Ordering::SeqCst)
            && !about.is_some_and(|uri| self.read().pending_configs.contains_key(uri))
    }

    /// Applies every `corpus.toml` edit waiting, one file at a time, the
    /// costly analysis off the lock; then wakes the requests waiting.
    async fn apply_configs(self: &Arc<Self>) {
        let _one_at_a_time = self.config_job.lock().await;
        loop {
            let (planned, generation) = {
                let mut state = self.write();
                let generation = state.config_edits;
                let Some(uri) = state.pending_configs.keys().next().cloned() else {
                    self.config_pending.store(false, Ordering::SeqCst);
                    break;
                };
                state.pending_configs.remove(&uri);
                let planned = state
                    .plan_config(&uri)
                    .map(|(path, before, plan)| (uri, path, before, plan));
                (planned, generation)
            };
            let Some((uri, path, before, mut plan)) = planned else {
                continue;
            };
            if plan.needs_analysis() {
                // Typing on makes this text stale: give up, and plan anew.
                let inner = Arc::clone(self);
                let stale = move || inner.config_generation.load(Ordering::SeqCst) != generation;
                let analysed = tokio::task::spawn_blocking(move || {
                    guarded("corpus.toml", move || {
                        plan.analyse_unless(&stale).then_some(plan)
                    })
                })
                .await;
                plan = match analysed {
                    Ok(Some(Some(analysed))) => analysed,
                    Ok(Some(None)) => {
                        // Given up: its file waits again, unless typed in
                        // anew, with a newer text.
                        let mut state = self.write();
                        state.pending_configs.entry(uri).or_insert(generation);
                        continue;
                    }
                    _ => continue, // A panic, logged: the last good one stays.
                };
            }
            let touched = {
                let mut state = self.write();
                if state.pending_configs.contains_key(&uri) {
                    // Typed again meanwhile: the newer text goes in instead.
                    continue;
                }
                guarded("corpus.toml", || state.apply_config(&uri, &path, plan));
                let after = state.facts(Some(&path));
                state.touched_by(&uri, Some(path), &before, &after)
            };
            self.republish(touched).await;
        }
        self.config_settled.notify_waiters();
    }
}
