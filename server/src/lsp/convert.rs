//! Plain data from `ide/` turned into protocol types, and back.

use super::position::Converter;
use super::semantic_tokens;
use crate::analysis::findings::{Finding, Severity};
use crate::analysis::line_index::LineIndex;
use crate::ide::actions::{Action, ActionKind};
use crate::ide::navigation;
use crate::ide::outline::{Fold, OutlineItem, OutlineKind};
use crate::ide::{FileEdit, views};
use std::path::Path;
use tower_lsp_server::ls_types::*;

pub const SOURCE: &str = "corpus-lsp";

/// A finding as an LSP diagnostic. `locate` turns a related span in
/// another file into a location, when that file is known.
pub fn diagnostic(
    finding: &Finding,
    uri: &Uri,
    conv: Converter<'_>,
    locate: &dyn Fn(&Path, &std::ops::Range<usize>) -> Option<Location>,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|related| {
            let location = match &related.file {
                None => Location::new(uri.clone(), conv.range(&related.span)),
                Some(path) => locate(path, &related.span)?,
            };
            Some(DiagnosticRelatedInformation {
                location,
                message: related.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: conv.range(&finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn document_symbols(items: Vec<OutlineItem>, conv: Converter<'_>) -> Vec<DocumentSymbol> {
    items
        .into_iter()
        .map(|item| DocumentSymbol {
            name: item.name,
            detail: Some(item.detail),
            kind: match item.kind {
                OutlineKind::Headline => SymbolKind::FILE,
                OutlineKind::Dateline => SymbolKind::EVENT,
                OutlineKind::Paragraph => SymbolKind::STRING,
            },
            tags: None,
            deprecated: None,
            range: conv.range(&item.span),
            selection_range: conv.range(&item.selection),
            children: (!item.children.is_empty()).then(|| document_symbols(item.children, conv)),
        })
        .collect()
}

pub fn folding_ranges(folds: Vec<Fold>, conv: Converter<'_>) -> Vec<FoldingRange> {
    folds
        .into_iter()
        .map(|fold| {
            let range = conv.range(&fold.span);
            FoldingRange {
                start_line: range.start.line,
                start_character: None,
                end_line: range.end.line,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(fold.label),
            }
        })
        .collect()
}

/// The outline icon and container of a workspace symbol.
pub fn symbol_kind(kind: &navigation::SymbolKind) -> (SymbolKind, String) {
    use crate::analysis::entities::EntityKind::*;
    match kind {
        navigation::SymbolKind::Article => (SymbolKind::FILE, "article".into()),
        navigation::SymbolKind::Entity(kind) => (
            match kind {
                Organization => SymbolKind::CLASS,
                Person => SymbolKind::OBJECT,
                Place => SymbolKind::PACKAGE,
                Product => SymbolKind::INTERFACE,
                Money | Quantity | Percentage => SymbolKind::NUMBER,
                Date => SymbolKind::EVENT,
            },
            kind.as_str().to_string(),
        ),
    }
}

pub fn semantic_highlights(highlights: Vec<views::Highlight>) -> Vec<semantic_tokens::Highlight> {
    highlights
        .into_iter()
        .map(|h| semantic_tokens::Highlight {
            span: h.span,
            token_type: h.kind as u32,
            modifiers: if h.declaration {
                semantic_tokens::DECLARATION
            } else {
                0
            } | if h.alias { semantic_tokens::ALIAS } else { 0 },
        })
        .collect()
}

pub fn inlay_hint(hint: views::InlayHint, conv: Converter<'_>) -> InlayHint {
    InlayHint {
        position: conv.position(hint.offset),
        label: InlayHintLabel::String(hint.label),
        kind: None,
        text_edits: None,
        tooltip: None,
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

/// File edits as one `WorkspaceEdit`. Versioned ones name the open
/// document's version (`version_of`), and new files are created first;
/// plain edits of existing files go in the simple `changes` map.
pub fn workspace_edit(
    edits: &[FileEdit],
    unit: crate::analysis::line_index::ColumnUnit,
    version_of: &dyn Fn(&Path) -> Option<i32>,
) -> Option<WorkspaceEdit> {
    let mut converted = Vec::with_capacity(edits.len());
    for edit in edits {
        let uri = Uri::from_file_path(&edit.path)?;
        let index = LineIndex::new(&edit.base);
        let conv = Converter {
            text: &edit.base,
            index: &index,
            unit,
        };
        let text_edits: Vec<TextEdit> = edit
            .edits
            .iter()
            .map(|(span, new_text)| TextEdit {
                range: conv.range(span),
                new_text: new_text.clone(),
            })
            .collect();
        converted.push((edit, uri, text_edits));
    }
    if converted.iter().all(|(e, _, _)| !e.versioned && !e.create) {
        return Some(WorkspaceEdit {
            changes: Some(
                converted
                    .into_iter()
                    .map(|(_, uri, edits)| (uri, edits))
                    .collect(),
            ),
            document_changes: None,
            change_annotations: None,
        });
    }
    let mut operations = Vec::new();
    for (edit, uri, text_edits) in converted {
        if edit.create {
            operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
                CreateFile {
                    uri: uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                },
            )));
        }
        let version = if edit.versioned {
            version_of(&edit.path)
        } else {
            None
        };
        operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
            edits: text_edits.into_iter().map(OneOf::Left).collect(),
        }));
    }
    Some(WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Operations(operations)),
        change_annotations: None,
    })
}

/// An action as a `CodeAction`; its finding becomes the diagnostic it
/// fixes. A deferred one carries `data` to resolve it by instead of an edit.
pub fn code_action(
    action: Action,
    edit: Option<WorkspaceEdit>,
    diagnostic: Option<Diagnostic>,
    data: Option<serde_json::Value>,
) -> CodeAction {
    CodeAction {
        title: action.title,
        kind: Some(match action.kind {
            ActionKind::QuickFix => CodeActionKind::QUICKFIX,
            ActionKind::Refactor => CodeActionKind::REFACTOR,
        }),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit,
        command: None,
        is_preferred: action.preferred.then_some(true),
        disabled: None,
        data,
    }
}

/// A document's pulled report: its diagnostics, or "unchanged" (`None`)
/// when the client holds the ones with this result id.
pub fn document_report(
    result_id: String,
    items: Option<Vec<Diagnostic>>,
) -> DocumentDiagnosticReportResult {
    let report = match items {
        Some(items) => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(result_id),
                items,
            },
        }),
        None => DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        }),
    };
    DocumentDiagnosticReportResult::Report(report)
}

/// One file of a workspace report, like [`document_report`].
pub fn workspace_report(
    uri: &Uri,
    version: Option<i32>,
    result_id: String,
    items: Option<Vec<Diagnostic>>,
) -> WorkspaceDocumentDiagnosticReport {
    let uri = uri.clone();
    let version = version.map(i64::from);
    match items {
        Some(items) => {
            WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                uri,
                version,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            })
        }
        None => WorkspaceDocumentDiagnosticReport::Unchanged(
            WorkspaceUnchangedDocumentDiagnosticReport {
                uri,
                version,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            },
        ),
    }
}

/// `ServerCancelled` (LSP 3.17): a newer edit is waiting; the client asks
/// again.
pub fn server_cancelled() -> tower_lsp_server::jsonrpc::Error {
    tower_lsp_server::jsonrpc::Error {
        code: tower_lsp_server::jsonrpc::ErrorCode::ServerError(-32802),
        message: "a newer edit is waiting".into(),
        data: Some(serde_json::json!({"retriggerRequest": true})),
    }
}
