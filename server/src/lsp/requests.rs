//! Requests: positions in, a call into `ide/` on a snapshot, protocol
//! types out.

use super::state::to_path;
use super::{Inner, convert, lock, semantic_tokens};
use crate::ide::{self, actions, diagnostics, hover, navigation, outline, views};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;
use tower_lsp_server::jsonrpc::Result as RpcResult;
use tower_lsp_server::ls_types::*;

impl Inner {
    pub(super) fn document_symbols(&self, uri: &Uri) -> Option<DocumentSymbolResponse> {
        self.with_document(uri, |_, _, doc, conv| {
            let items = outline::outline(&doc.entry.text, &doc.entry.analysis.article);
            DocumentSymbolResponse::Nested(convert::document_symbols(items, conv))
        })
    }

    pub(super) fn folding_ranges(&self, uri: &Uri) -> Option<Vec<FoldingRange>> {
        self.with_document(uri, |_, _, doc, conv| {
            convert::folding_ranges(outline::folds(&doc.entry.analysis.article), conv)
        })
    }

    fn semantic_data(&self, uri: &Uri, range: Option<Range>) -> Option<Vec<SemanticToken>> {
        self.with_document(uri, |_, _, doc, conv| {
            let window = range.map(|r| conv.offset(r.start)..conv.offset(r.end));
            let highlights = views::highlights(doc, window.as_ref());
            semantic_tokens::encode(convert::semantic_highlights(highlights), conv)
        })
    }

    fn next_result_id(&self) -> String {
        self.token_results
            .fetch_add(1, Ordering::Relaxed)
            .to_string()
    }

    pub(super) fn semantic_tokens_full(&self, uri: Uri) -> Option<SemanticTokensResult> {
        let data = self.semantic_data(&uri, None)?;
        let id = self.next_result_id();
        lock(&self.tokens).insert(uri, (id.clone(), data.clone()));
        Some(SemanticTokensResult::Tokens(semantic_tokens::tokens(
            id, data,
        )))
    }

    pub(super) fn semantic_tokens_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Option<SemanticTokensFullDeltaResult> {
        let uri = params.text_document.uri;
        let data = self.semantic_data(&uri, None)?;
        let id = self.next_result_id();
        let previous = lock(&self.tokens).insert(uri, (id.clone(), data.clone()));
        Some(match previous {
            Some((old_id, old)) if old_id == params.previous_result_id => {
                SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                    result_id: Some(id),
                    edits: semantic_tokens::delta(&old, &data),
                })
            }
            _ => SemanticTokensFullDeltaResult::Tokens(semantic_tokens::tokens(id, data)),
        })
    }

    pub(super) fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Option<SemanticTokensRangeResult> {
        let data = self.semantic_data(&params.text_document.uri, Some(params.range))?;
        Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        }))
    }

    pub(super) fn hover_card(&self, at: TextDocumentPositionParams) -> Option<Hover> {
        self.with_document(&at.text_document.uri, |_, _, doc, conv| {
            let card = hover::hover(doc, conv.offset(at.position))?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: card.markdown,
                }),
                range: Some(conv.range(&card.span)),
            })
        })
        .flatten()
    }

    pub(super) fn find_references(
        &self,
        at: TextDocumentPositionParams,
    ) -> Result<Option<Vec<Location>>, ide::Cancelled> {
        self.with_document(&at.text_document.uri, |state, snap, doc, conv| {
            let found = navigation::references(snap, doc, conv.offset(at.position))?;
            Ok(found.map(|spans| spans.iter().filter_map(|s| state.location(s)).collect()))
        })
        .unwrap_or(Ok(None))
    }

    pub(super) fn highlights(
        &self,
        at: TextDocumentPositionParams,
    ) -> Option<Vec<DocumentHighlight>> {
        self.with_document(&at.text_document.uri, |_, _, doc, conv| {
            let spans = navigation::highlights(doc, conv.offset(at.position))?;
            Some(
                spans
                    .iter()
                    .map(|span| DocumentHighlight {
                        range: conv.range(span),
                        kind: Some(DocumentHighlightKind::TEXT),
                    })
                    .collect(),
            )
        })
        .flatten()
    }

    pub(super) fn definition(
        &self,
        at: TextDocumentPositionParams,
    ) -> Option<GotoDefinitionResponse> {
        self.with_document(&at.text_document.uri, |state, _, doc, conv| {
            let target = navigation::definition(doc, conv.offset(at.position))?;
            state.location(&target).map(GotoDefinitionResponse::Scalar)
        })
        .flatten()
    }

    pub(super) fn workspace_symbols(
        &self,
        query: &str,
    ) -> Result<Option<WorkspaceSymbolResponse>, ide::Cancelled> {
        self.with_snapshot(|state, snap| {
            let symbols = navigation::workspace_symbols(snap, query)?;
            #[allow(deprecated)] // `deprecated` must still be written.
            let out = symbols
                .into_iter()
                .filter_map(|symbol| {
                    let (kind, container) = convert::symbol_kind(&symbol.kind);
                    Some(SymbolInformation {
                        name: symbol.name,
                        kind,
                        tags: None,
                        deprecated: None,
                        location: state.location(&symbol.target)?,
                        container_name: Some(container),
                    })
                })
                .collect();
            Ok(Some(WorkspaceSymbolResponse::Flat(out)))
        })
        .unwrap_or(Ok(None))
    }

    pub(super) fn code_lens(&self, uri: &Uri) -> Option<Vec<CodeLens>> {
        self.with_document(uri, |_, _, doc, conv| {
            let (span, title) = views::code_lens(doc)?;
            Some(vec![CodeLens {
                range: conv.range(&span),
                command: Some(Command {
                    title,
                    command: String::new(),
                    arguments: None,
                }),
                data: None,
            }])
        })
        .flatten()
    }

    pub(super) fn inlay_hints(&self, params: InlayHintParams) -> Option<Vec<InlayHint>> {
        if !self.read().settings.inlay_hints.enabled {
            return Some(Vec::new());
        }
        self.with_document(&params.text_document.uri, |_, _, doc, conv| {
            let window = conv.offset(params.range.start)..conv.offset(params.range.end);
            views::inlay_hints(doc, &window)
                .into_iter()
                .map(|hint| convert::inlay_hint(hint, conv))
                .collect()
        })
    }

    pub(super) fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Option<PrepareRenameResponse> {
        self.with_document(&params.text_document.uri, |_, _, doc, conv| {
            let (span, placeholder) = actions::prepare_rename(doc, conv.offset(params.position))?;
            Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: conv.range(&span),
                placeholder,
            })
        })
        .flatten()
    }

    /// Renames an entity's canonical name in `corpus.toml`; article text is
    /// never rewritten (the old name stays as an alias).
    pub(super) fn rename(&self, params: RenameParams) -> RpcResult<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let new_name = params.new_name.trim();
        if new_name.is_empty() {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(
                "the new name is empty",
            ));
        }
        let edit = self.with_document(&at.text_document.uri, |state, _, doc, conv| {
            let edit = actions::rename(doc, conv.offset(at.position), new_name)?;
            Some(edit.map(|e| convert::workspace_edit(&[e], state.unit, &|p| state.version(p))))
        });
        match edit.flatten() {
            None => Ok(None),
            Some(Ok(edit)) => Ok(edit),
            Some(Err(message)) => Err(tower_lsp_server::jsonrpc::Error {
                code: tower_lsp_server::jsonrpc::ErrorCode::InvalidRequest,
                message: message.into(),
                data: None,
            }),
        }
    }

    /// `textDocument/codeAction` for an article or a `.ann` file. Costly
    /// actions come without their edits when the client resolves them.
    pub(super) fn code_actions(&self, params: &CodeActionParams) -> Option<CodeActionResponse> {
        let uri = &params.text_document.uri;
        self.with_actions(uri, params.range, None, |state, action, conv| {
            let data = action.deferred.then(
                || serde_json::json!({"uri": uri, "range": params.range, "title": action.title}),
            );
            let edit = if action.deferred {
                None
            } else {
                Some(convert::workspace_edit(&action.edits, state.unit, &|p| {
                    state.version(p)
                })?)
            };
            let diagnostic = action
                .finding
                .as_ref()
                .map(|f| convert::diagnostic(f, uri, conv, &|_, _| None));
            Some(CodeActionOrCommand::CodeAction(convert::code_action(
                action, edit, diagnostic, data,
            )))
        })
    }

    /// `codeAction/resolve`: the edits of a deferred action, computed now
    /// against the current text. An action that no longer applies comes
    /// back unchanged, without an edit.
    pub(super) fn resolve_code_action(&self, mut action: CodeAction) -> CodeAction {
        #[derive(serde::Deserialize)]
        struct Data {
            uri: Uri,
            range: Range,
            title: String,
        }
        let Some(data) = action
            .data
            .clone()
            .and_then(|d| serde_json::from_value::<Data>(d).ok())
        else {
            return action;
        };
        let resolved = self.with_actions(
            &data.uri,
            data.range,
            Some(&data.title),
            |state, found, _| {
                convert::workspace_edit(&found.edits, state.unit, &|p| state.version(p))
            },
        );
        if let Some(edit) = resolved.and_then(|mut edits| edits.pop()) {
            action.edit = Some(edit);
        }
        action
    }

    /// Runs `convert` over the actions for `range` of a document (an
    /// article or a `.ann`), or over the one titled `resolve` with its
    /// edits computed.
    fn with_actions<T>(
        &self,
        uri: &Uri,
        range: Range,
        resolve: Option<&str>,
        convert: impl Fn(&super::State, actions::Action, super::Converter<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let path = to_path(uri);
        self.with_snapshot(|state, snap| {
            let ann = path
                .as_deref()
                .filter(|p| snap.kind_of(p) == ide::FileKind::Annotations);
            let costly = if resolve.is_some() || !state.support.code_action_resolve {
                actions::Costly::Now
            } else {
                actions::Costly::Later
            };
            let (found, text, index) = match ann {
                Some(path) => {
                    let open_text = state.open.get(uri).map(|o| o.document.text.clone());
                    let text = snap.file_text(path)?;
                    let index = crate::analysis::line_index::LineIndex::new(&text);
                    let conv = super::Converter {
                        text: &text,
                        index: &index,
                        unit: state.unit,
                    };
                    let span = conv.offset(range.start)..conv.offset(range.end);
                    let found = actions::ann_actions(snap, path, &span, open_text.as_deref());
                    (found, text, index)
                }
                None => {
                    let entry = state.open_entry(uri)?;
                    let doc = snap.document(&entry);
                    let conv = super::Converter {
                        text: &entry.text,
                        index: &entry.analysis.line_index,
                        unit: state.unit,
                    };
                    let span = conv.offset(range.start)..conv.offset(range.end);
                    let found = actions::code_actions(snap, &doc, &span, costly);
                    (found, entry.text.clone(), entry.analysis.line_index.clone())
                }
            };
            let conv = super::Converter {
                text: &text,
                index: &index,
                unit: state.unit,
            };
            Some(
                found
                    .into_iter()
                    .filter(|a| resolve.is_none_or(|title| a.title == title))
                    .filter_map(|action| convert(state, action, conv))
                    .collect(),
            )
        })
        .flatten()
    }
}

/// Pull diagnostics: the report of a file is computed only when its result
/// id is not known for the current state (`PullCache`), and sent only when
/// it differs from the one the client holds.
impl Inner {
    pub(super) fn document_diagnostics(
        &self,
        params: DocumentDiagnosticParams,
    ) -> RpcResult<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let previous = params.previous_result_id;
        // Read before the state: ids are never filed under a newer revision.
        let revision = self.revision.load(Ordering::SeqCst);
        let report = self.with_snapshot(|state, _| {
            let mut pulled = lock(&self.pulled);
            let ids = pulled.document_ids(revision);
            if let Some(id) = previous.as_ref().filter(|p| ids.get(&uri) == Some(*p)) {
                return convert::document_report(id.clone(), None);
            }
            let found = state.findings_of(&uri, true);
            let id = diagnostics::result_id(&found.text, &found.findings);
            ids.insert(uri.clone(), id.clone());
            let items = (previous.as_ref() != Some(&id)).then(|| state.diagnostics(&uri, &found));
            convert::document_report(id, items)
        });
        report.ok_or_else(tower_lsp_server::jsonrpc::Error::internal_error)
    }

    /// Every file of the corpora, open or not, so that the editor lists the
    /// whole corpus's problems. Not streamed: partial results travel as
    /// notifications, which may overtake the final response or fall behind
    /// it, and one that comes after it is dropped by the client.
    pub(super) fn workspace_diagnostics(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> RpcResult<WorkspaceDiagnosticReportResult> {
        let previous: HashMap<Uri, String> = params
            .previous_result_ids
            .into_iter()
            .map(|p| (p.uri, p.value))
            .collect();
        let report = self.with_snapshot(|state, snap| {
            let mut uris: Vec<Uri> = diagnostics::files(snap)?
                .iter()
                .filter_map(Uri::from_file_path)
                .collect();
            let mut listed: HashSet<Uri> = uris.iter().cloned().collect();
            // Open documents outside the corpora (or not yet indexed).
            let mut others: Vec<Uri> = state
                .open
                .keys()
                .filter(|u| !listed.contains(*u))
                .cloned()
                .collect();
            others.sort_by(|a, b| a.as_str().cmp(b.as_str()));
            listed.extend(others.iter().cloned());
            uris.extend(others);
            let mut pulled = lock(&self.pulled);
            let ids = pulled.workspace_ids();
            // Files are independent of each other: computed on every core,
            // reported in order. `None` diagnostics: the client's are current.
            let known: &HashMap<Uri, String> = ids;
            let computed: Vec<(bool, String, Option<_>)> = uris
                .par_iter()
                .map(|uri| {
                    let before = previous.get(uri);
                    if let Some(id) = before.filter(|p| known.get(uri) == Some(*p)) {
                        return Ok((false, id.clone(), None));
                    }
                    snap.check_cancelled()?;
                    let found = state.findings_of(uri, true);
                    let id = diagnostics::result_id(&found.text, &found.findings);
                    let diagnostics = (before != Some(&id)).then(|| state.diagnostics(uri, &found));
                    Ok((true, id, diagnostics))
                })
                .collect::<Result<_, ide::Cancelled>>()?;
            let mut items = Vec::with_capacity(uris.len());
            for (uri, (fresh, id, diagnostics)) in uris.iter().zip(computed) {
                let version = state.open.get(uri).map(|o| o.document.version);
                if fresh {
                    ids.insert(uri.clone(), id.clone());
                }
                items.push(convert::workspace_report(uri, version, id, diagnostics));
            }
            // Files gone since the client's last report: cleared once.
            let empty = diagnostics::result_id("", &[]);
            let mut gone: Vec<&Uri> = previous
                .iter()
                .filter(|(uri, id)| **id != empty && !listed.contains(*uri))
                .map(|(uri, _)| uri)
                .collect();
            gone.sort_by(|a, b| a.as_str().cmp(b.as_str()));
            for uri in gone {
                let cleared = Some(Vec::new());
                items.push(convert::workspace_report(uri, None, empty.clone(), cleared));
            }
            Ok(items)
        });
        match report {
            Some(Ok(items)) => Ok(WorkspaceDiagnosticReportResult::Report(
                WorkspaceDiagnosticReport { items },
            )),
            Some(Err(ide::Cancelled)) => Err(convert::server_cancelled()),
            None => Err(tower_lsp_server::jsonrpc::Error::internal_error()),
        }
    }
}
