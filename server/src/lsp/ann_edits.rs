//! Sending the server's `.ann` offset shifts on to the editor, one edit at
//! a time (the state machine is [`super::ann_sync`]).

use super::ann_sync::Answered;
use super::position::Converter;
use super::publish::Touched;
use super::{CLIENT_TIMEOUT, Inner, guarded};
use crate::analysis::annotations::{AnnFile, ann_path};
use crate::analysis::line_index::LineIndex;
use crate::corpus::annotations::read_ann;
use std::path::Path;
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

impl Inner {
    /// The edit that brings the editor's copy of an article's `.ann` up to
    /// the server's, if one may be sent now.
    fn next_ann_edit(&self, article: &Path, ann: &Path, uri: &Uri) -> Option<WorkspaceEdit> {
        let mut state = self.write();
        let open_doc = state
            .open
            .get(uri)
            .map(|o| (Arc::clone(&o.document.text), o.document.version));
        let Some(current) = state
            .workspace
            .corpus_for(article)
            .and_then(|c| c.ann_file(article))
            .map(AnnFile::to_text)
        else {
            state.ann_sync.forget(ann);
            return None;
        };
        let base = state
            .ann_sync
            .next(ann, open_doc.as_ref().map(|(t, _)| &**t), &current)?;
        let (span, new_text) = crate::analysis::text::minimal_edit(&base, &current);
        let index = LineIndex::new(&base);
        let conv = Converter {
            text: &base,
            index: &index,
            unit: state.unit,
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

    /// Whether the editor applied an edit it was sent.
    async fn send_ann_edit(&self, ann: &Path, edit: WorkspaceEdit) -> bool {
        match tokio::time::timeout(CLIENT_TIMEOUT, self.client.apply_edit(edit)).await {
            Ok(Ok(answer)) => {
                if !answer.applied {
                    let reason = answer
                        .failure_reason
                        .map(|r| format!(": {r}"))
                        .unwrap_or_default();
                    let message = format!(
                        "the editor did not apply the offset shift to {}{reason}; \
                         annotations it missed are reported stale",
                        ann.display()
                    );
                    self.log(MessageType::WARNING, message).await;
                }
                answer.applied
            }
            Ok(Err(err)) => {
                let message = format!("workspace/applyEdit failed for {}: {err}", ann.display());
                self.log(MessageType::WARNING, message).await;
                false
            }
            Err(_) => {
                tracing::warn!("workspace/applyEdit got no answer");
                false
            }
        }
    }

    /// Sends an article's `.ann` edits until the editor's copy has caught
    /// up with the server's, one at a time.
    pub(super) async fn sync_ann(self: &Arc<Self>, article: &Path) {
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
            let applied = self.send_ann_edit(&ann, edit).await;
            let touched = {
                let mut state = self.write();
                let open_text = state.open.get(&uri).map(|o| o.document.text.to_string());
                match state.ann_sync.answered(&ann, applied, open_text.as_deref()) {
                    Answered::Applied { more: true } => continue,
                    Answered::Applied { more: false } => {
                        // The article was closed while this edit was on its
                        // way (its close left the `.ann` alone, as pending):
                        // both are the disk's again.
                        let closed = !state.open.contains_key(&uri)
                            && Uri::from_file_path(article)
                                .is_none_or(|a| !state.open.contains_key(&a));
                        if !closed {
                            return;
                        }
                        guarded("annotation edit", || state.refresh_from_disk(&ann));
                        Touched {
                            files: vec![ann.clone()],
                            ..Touched::default()
                        }
                    }
                    Answered::Refused { editor_text } => {
                        // Back to the editor's copy; what it missed shows as stale.
                        let file = match editor_text {
                            Some(text) => Some(Ok(AnnFile::parse(&text))),
                            None => read_ann(article),
                        };
                        state
                            .workspace
                            .corpus_for_mut(article)
                            .set_ann(article, file);
                        Touched {
                            files: vec![ann.clone()],
                            all_open: true,
                            ..Touched::default()
                        }
                    }
                }
            };
            self.republish(touched).await;
            return;
        }
    }
}
