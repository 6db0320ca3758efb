//! Code actions: the quick fixes findings carry, curation of `corpus.toml`,
//! and annotation edits of an article's `.ann` file. Every action is a
//! `WorkspaceEdit` the editor applies, so its undo works; nothing is written
//! behind its back.

use super::position::Converter;
use super::{Inner, features, is_ann, lock, read, to_path};
use crate::analysis::Span;
use crate::analysis::annotations::{AnnFile, AnnotationLabel, ann_path};
use crate::analysis::entities::{EntityKind, Mention};
use crate::analysis::findings::{Finding, Fix, codes};
use crate::analysis::line_index::LineIndex;
use crate::analysis::text::file_name;
use crate::corpus::{ArticleEntry, Corpus, curation, xref};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

/// The name kinds offered for curation and annotation (not the figures).
const NAME_KINDS: usize = 4;

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn text_edits(edits: &[(Span, String)], conv: Converter<'_>) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|(span, new_text)| TextEdit {
            range: conv.range(span),
            new_text: new_text.clone(),
        })
        .collect()
}

fn action(
    title: String,
    kind: CodeActionKind,
    diagnostic: Option<Diagnostic>,
    edit: WorkspaceEdit,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(edit),
        command: None,
        is_preferred: None,
        disabled: None,
        data: None,
    })
}

impl Inner {
    /// `textDocument/codeAction` for an article or a `.ann` file.
    pub(super) fn code_actions(&self, params: &CodeActionParams) -> Option<CodeActionResponse> {
        let uri = &params.text_document.uri;
        if to_path(uri).is_some_and(|p| is_ann(&p)) {
            return self.ann_document_actions(uri, params.range);
        }
        self.with_article(uri, |entry, corpus, mentions, conv| {
            let Some(corpus) = corpus else {
                return Vec::new();
            };
            let range = conv.offset(params.range.start)..conv.offset(params.range.end);
            let mut actions = Vec::new();
            for finding in corpus
                .findings(&entry.path)
                .iter()
                .filter(|f| overlaps(&f.span, &range))
            {
                let diagnostic = features::diagnostic(finding, uri, conv, &|_, _| None);
                actions.extend(self.fix_actions(corpus, finding, &diagnostic, uri, conv));
                if finding.code == codes::POSSIBLE_MISSPELLING {
                    let word = &entry.text[finding.span.clone()];
                    let kind = mentions
                        .iter()
                        .find(|m| overlaps(&m.span, &range) && m.kind.is_name())
                        .map_or("organization", |m| m.kind.as_str());
                    let title = format!("Record ‘{word}’ as a distinct name in corpus.toml");
                    actions.extend(
                        self.curation_action(corpus, title, Some(diagnostic), |src| {
                            curation::add_entity(src, word, kind)
                        }),
                    );
                }
            }
            if self.indexing.load(std::sync::atomic::Ordering::SeqCst) > 0 {
                // Types and names are the corpus's: wait for all of it.
                tracing::info!("curation actions wait for indexing to finish");
                return actions;
            }
            actions.extend(self.annotation_actions(corpus, entry, mentions, &range));
            actions.extend(self.curation_actions(corpus, entry, mentions, &range));
            actions
        })
    }

    /// The quick fixes a finding carries, as actions. A fix naming another
    /// file (an article's `.ann`) edits that file's current text.
    fn fix_actions(
        &self,
        corpus: &Corpus,
        finding: &Finding,
        diagnostic: &Diagnostic,
        here: &Uri,
        conv: Converter<'_>,
    ) -> Vec<CodeActionOrCommand> {
        let mut actions = Vec::new();
        for (n, fix) in finding.fixes.iter().enumerate() {
            let Some(edit) = self.fix_edit(corpus, fix, here, conv) else {
                continue;
            };
            let mut fix_action = action(
                fix.title.clone(),
                CodeActionKind::QUICKFIX,
                Some(diagnostic.clone()),
                edit,
            );
            if let CodeActionOrCommand::CodeAction(a) = &mut fix_action {
                a.is_preferred = Some(n == 0);
            }
            actions.push(fix_action);
        }
        actions
    }

    fn fix_edit(
        &self,
        corpus: &Corpus,
        fix: &Fix,
        here: &Uri,
        conv: Converter<'_>,
    ) -> Option<WorkspaceEdit> {
        let edits: Vec<(Span, String)> = fix
            .edits
            .iter()
            .map(|e| (e.span.clone(), e.new_text.clone()))
            .collect();
        let (target, edits) = match &fix.file {
            Some(file) if lock(&self.ann_sync).pending(file) => return None,
            Some(file) => {
                let text = corpus.file_text(file)?;
                let index = LineIndex::new(&text);
                let other = Converter {
                    text: &text,
                    index: &index,
                    unit: conv.unit,
                };
                (Uri::from_file_path(file)?, text_edits(&edits, other))
            }
            None => (here.clone(), text_edits(&edits, conv)),
        };
        Some(WorkspaceEdit {
            changes: Some(HashMap::from([(target, edits)])),
            document_changes: None,
            change_annotations: None,
        })
    }

    /// Quick fixes on a `.ann` document itself (malformed lines, stale
    /// annotations), from the corpus's copy of it.
    fn ann_document_actions(&self, uri: &Uri, range: Range) -> Option<CodeActionResponse> {
        let path = to_path(uri)?;
        let open_text = lock(&self.open)
            .get(uri)
            .map(|o| Arc::clone(&o.document.text));
        let workspace = read(&self.workspace);
        let corpus = workspace.corpus_for(&path)?;
        let article = corpus
            .article_of_ann(&path)
            .filter(|_| corpus.annotations_enabled())?;
        let text = corpus.file_text(&path)?;
        if open_text.is_some_and(|open| *open != *text) {
            // The findings' offsets are of another text than the editor's.
            return None;
        }
        let index = LineIndex::new(&text);
        let conv = Converter {
            text: &text,
            index: &index,
            unit: self.unit(),
        };
        let range = conv.offset(range.start)..conv.offset(range.end);
        super::guarded("code actions", || {
            corpus
                .ann_findings(&article)
                .iter()
                .filter(|f| overlaps(&f.span, &range))
                .flat_map(|finding| {
                    let diagnostic = features::diagnostic(finding, uri, conv, &|_, _| None);
                    self.fix_actions(corpus, finding, &diagnostic, uri, conv)
                })
                .collect()
        })
    }

    /// "Annotate ‘…’ as …" for the selection (or the mention under the
    /// cursor) and "Remove annotation T3" for annotations under it, when the
    /// corpus keeps brat annotations.
    fn annotation_actions(
        &self,
        corpus: &Corpus,
        entry: &ArticleEntry,
        mentions: &[Mention],
        range: &Span,
    ) -> Vec<CodeActionOrCommand> {
        let ann = ann_path(&entry.path);
        if !corpus.annotations_enabled()
            || corpus.ann_error(&entry.path).is_some()
            || lock(&self.ann_sync).pending(&ann)
        {
            // An unreadable `.ann` is never rewritten, and one the editor has
            // not caught up with gets no edit computed for the server's copy.
            return Vec::new();
        }
        let ann_name = file_name(&ann);
        let mut actions = Vec::new();
        let mut ids: Vec<&str> = mentions
            .iter()
            .filter(|m| overlaps(&m.span, range))
            .filter_map(|m| m.annotation.as_deref())
            .chain(
                corpus
                    .other_mentions(&entry.path)
                    .iter()
                    .filter(|o| o.spans.iter().any(|s| overlaps(s, range)))
                    .map(|o| o.id.as_str()),
            )
            .collect();
        ids.dedup();
        for id in ids {
            let title = format!("Remove annotation {id} from {ann_name}");
            actions.extend(
                self.ann_action(corpus, &entry.path, title, |file| file.remove(id).is_some()),
            );
        }

        let target = if range.is_empty() {
            xref::mention_at(mentions, range.start)
                .filter(|m| m.annotation.is_none())
                .map(|m| m.span.clone())
        } else {
            selection(&entry.text, range)
        };
        if let Some(span) = target {
            let surface = crate::analysis::entities::normalise(&entry.text[span.clone()]);
            for kind in &EntityKind::ALL[..NAME_KINDS] {
                let title = format!("Annotate ‘{surface}’ as {} in {ann_name}", kind.as_str());
                let label = AnnotationLabel::Known(*kind);
                actions.extend(self.ann_action(corpus, &entry.path, title, |file| {
                    file.annotate(&entry.text, std::slice::from_ref(&span), &label)
                        .is_ok()
                }));
            }
        }
        actions
    }

    /// An action editing an article's `.ann` (created if missing) by
    /// `change`, as the minimal line edits it makes.
    fn ann_action(
        &self,
        corpus: &Corpus,
        article: &Path,
        title: String,
        change: impl FnOnce(&mut AnnFile) -> bool,
    ) -> Option<CodeActionOrCommand> {
        let existing = corpus.ann_file(article);
        let mut file = existing.cloned().unwrap_or_default();
        let before = file.to_text();
        let (changed, edits) = file.tracked(change);
        if !changed || edits.is_empty() {
            return None;
        }
        let edits: Vec<(Span, String)> = edits.into_iter().map(|e| (e.range, e.new_text)).collect();
        let edit = self.document_edit(&ann_path(article), existing.is_some(), &before, &edits)?;
        Some(action(title, CodeActionKind::REFACTOR, None, edit))
    }

    /// Curation of the name under the cursor in `corpus.toml`, or of a
    /// selected phrase.
    fn curation_actions(
        &self,
        corpus: &Corpus,
        entry: &ArticleEntry,
        mentions: &[Mention],
        range: &Span,
    ) -> Vec<CodeActionOrCommand> {
        let mut actions = Vec::new();
        let mention = xref::mention_at(mentions, range.start)
            .filter(|m| m.kind.is_name() && (range.is_empty() || m.span == *range));
        if let Some(m) = mention {
            let surface = entry.text[m.span.clone()].to_string();
            let kind = m.kind.as_str();
            let curated = corpus
                .config
                .entities
                .iter()
                .any(|e| e.name == m.entity || e.aliases.contains(&surface));
            if !curated {
                let title = format!("Add ‘{}’ to corpus entities as {kind}", m.entity);
                actions.extend(self.curation_action(corpus, title, None, |src| {
                    curation::add_entity(src, &m.entity, kind)
                }));
            }
            if m.is_alias && surface != m.entity {
                let title = format!("Make ‘{surface}’ an alias of ‘{}’", m.entity);
                actions.extend(self.curation_action(corpus, title, None, |src| {
                    curation::add_alias(src, &m.entity, kind, &surface)
                }));
            }
            for other in EntityKind::NAMES[..NAME_KINDS]
                .iter()
                .filter(|t| **t != kind)
            {
                let title = format!("Change type of ‘{}’ to {other}", m.entity);
                actions.extend(self.curation_action(corpus, title, None, |src| {
                    curation::set_type(src, &m.entity, other)
                }));
            }
            actions.extend(self.identity_actions(corpus, m, &surface));
            let title = format!("Not an entity: ignore ‘{surface}’");
            actions.extend(self.curation_action(corpus, title, None, |src| {
                curation::add_ignore(src, &surface)
            }));
        } else if let Some(span) = selection(&entry.text, range) {
            let selected = &entry.text[span];
            for kind in &EntityKind::NAMES[..NAME_KINDS] {
                // With brat annotations on, "Annotate" is the `.ann` action;
                // this one curates the phrase for the whole corpus.
                let title = if corpus.annotations_enabled() {
                    format!("Add ‘{selected}’ to corpus entities as {kind}")
                } else {
                    format!("Annotate ‘{selected}’ as {kind}")
                };
                actions.extend(self.curation_action(corpus, title, None, |src| {
                    curation::add_entity(src, selected, kind)
                }));
            }
        }
        actions
    }

    /// Overruling identity: "Not the same as" splits a name from its
    /// entity (a `distinct` entry), "Same entity as" merges a name left
    /// apart as possibly the same (an alias).
    fn identity_actions(
        &self,
        corpus: &Corpus,
        m: &Mention,
        surface: &str,
    ) -> Vec<CodeActionOrCommand> {
        /// Enough to split a big entity one name at a time.
        const LISTED: usize = 6;
        let mut actions = Vec::new();
        let Some(cluster) = corpus.cluster(&m.entity) else {
            return actions;
        };
        let kind = cluster.kind.as_str();
        let canonical = cluster.canonical.as_str();
        let apart: Vec<&str> = if m.entity == canonical {
            cluster
                .names()
                .filter(|n| *n != canonical)
                .take(LISTED)
                .collect()
        } else {
            vec![m.entity.as_str()]
        };
        for name in apart {
            let title = if name == m.entity {
                format!("Not the same as ‘{canonical}’: keep ‘{name}’ apart")
            } else {
                format!("Not the same as ‘{name}’: keep it apart from ‘{canonical}’")
            };
            actions.extend(self.curation_action(corpus, title, None, |src| {
                curation::add_distinct(src, canonical, kind, name)
            }));
        }
        for (other, _) in cluster.possibly.iter().take(LISTED) {
            let other_kind = corpus
                .entity_index()
                .kind(other)
                .map_or(kind, |k| k.as_str());
            let title = format!("Same entity as ‘{other}’: make ‘{surface}’ an alias");
            actions.extend(self.curation_action(corpus, title, None, |src| {
                curation::add_alias(src, other, other_kind, surface)
            }));
        }
        actions
    }

    /// A refactoring that edits `corpus.toml` (creating it if needed).
    pub(super) fn curation_action(
        &self,
        corpus: &Corpus,
        title: String,
        diagnostic: Option<Diagnostic>,
        change: impl FnOnce(&str) -> Result<String, String>,
    ) -> Option<CodeActionOrCommand> {
        let source = corpus.config_text.clone().unwrap_or_default();
        let new = match change(&source) {
            Ok(new) => new,
            Err(err) => {
                tracing::warn!("{title}: {err}");
                return None;
            }
        };
        let edit = self.config_edit(
            &corpus.config_path(),
            corpus.config_text.is_some(),
            &source,
            &new,
        )?;
        let kind = if diagnostic.is_some() {
            CodeActionKind::QUICKFIX
        } else {
            CodeActionKind::REFACTOR
        };
        Some(action(title, kind, diagnostic, edit))
    }

    /// A `WorkspaceEdit` turning `corpus.toml` from `old` into `new` with one
    /// minimal replacement, creating the file when it does not exist.
    pub(super) fn config_edit(
        &self,
        path: &Path,
        exists: bool,
        old: &str,
        new: &str,
    ) -> Option<WorkspaceEdit> {
        let edit = curation::minimal_edit(old, new);
        self.document_edit(path, exists, old, &[edit])
    }

    /// A `WorkspaceEdit` of one file (byte-span edits of its text `old`),
    /// creating it first when it does not exist.
    fn document_edit(
        &self,
        path: &Path,
        exists: bool,
        old: &str,
        edits: &[(Span, String)],
    ) -> Option<WorkspaceEdit> {
        let uri = Uri::from_file_path(path)?;
        let index = LineIndex::new(old);
        let conv = Converter {
            text: old,
            index: &index,
            unit: self.unit(),
        };
        let mut operations = Vec::new();
        if !exists {
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
        // Versioned when open: the editor refuses an edit computed for
        // another text than the one it has.
        let version = lock(&self.versions).get(&uri).copied();
        operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
            edits: text_edits(edits, conv)
                .into_iter()
                .map(OneOf::Left)
                .collect(),
        }));
        Some(WorkspaceEdit {
            changes: None,
            document_changes: Some(DocumentChanges::Operations(operations)),
            change_annotations: None,
        })
    }
}

/// The selected phrase, trimmed: `None` for an empty, blank or multi-line
/// selection.
fn selection(text: &str, range: &Span) -> Option<Span> {
    let selected = text.get(range.clone())?;
    let trimmed = selected.trim();
    if trimmed.is_empty() || selected.contains('\n') {
        return None;
    }
    let start = range.start + (selected.len() - selected.trim_start().len());
    Some(start..start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::selection;

    #[test]
    fn selections_are_trimmed_single_line_phrases() {
        let text = "The  Harbour Light 東京 team\nnext";
        let at = text.find(" Harbour").unwrap();
        let end = text.find(" team").unwrap();
        let span = selection(text, &(at..end + 1)).unwrap();
        assert_eq!(&text[span], "Harbour Light 東京");
        assert_eq!(selection(text, &(3..5)), None);
        assert_eq!(
            selection(text, &(text.find("team").unwrap()..text.len())),
            None
        );
        assert_eq!(selection(text, &(0..0)), None);
    }
}
