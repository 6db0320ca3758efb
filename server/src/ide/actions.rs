//! Code actions: the quick fixes findings carry, curation of `corpus.toml`,
//! and annotation edits of an article's `.ann` file. Every action is a set
//! of file edits the editor applies, so its undo works; nothing is written
//! behind its back.

use super::{Document, FileEdit, Snapshot};
use crate::analysis::Span;
use crate::analysis::annotations::{AnnFile, AnnotationLabel, ann_path};
use crate::analysis::entities::{EntityKind, Mention};
use crate::analysis::findings::{Finding, Fix, codes};
use crate::analysis::text::file_name;
use crate::corpus::{Corpus, curation, xref};
use std::path::Path;
use std::sync::Arc;

/// The name kinds offered for curation and annotation (not the figures).
const NAME_KINDS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    Refactor,
}

/// A code action: a title and the edits it makes, one per file.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// The finding it fixes, if it is a quick fix.
    pub finding: Option<Finding>,
    pub preferred: bool,
    /// Empty while `deferred`.
    pub edits: Vec<FileEdit>,
    /// Costly to compute (it edits many files): the editor asks for the
    /// edits when it applies the action, through [`resolve`].
    pub deferred: bool,
}

/// Whether costly edits are computed with the list or on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Costly {
    Now,
    Later,
}

impl Action {
    fn new(title: String, kind: ActionKind, finding: Option<Finding>, edit: FileEdit) -> Action {
        Action {
            title,
            kind,
            finding,
            preferred: false,
            edits: vec![edit],
            deferred: false,
        }
    }
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The actions for a range of an article.
pub fn code_actions(
    snap: &Snapshot<'_>,
    doc: &Document<'_>,
    range: &Span,
    costly: Costly,
) -> Vec<Action> {
    let entry = doc.entry;
    let Some(corpus) = doc.corpus else {
        return Vec::new();
    };
    let mut actions = Vec::new();
    for finding in corpus
        .findings(&entry.path)
        .iter()
        .filter(|f| overlaps(&f.span, range))
    {
        actions.extend(fix_actions(snap, corpus, &entry.path, finding));
        if finding.code == codes::POSSIBLE_MISSPELLING {
            let word = &entry.text[finding.span.clone()];
            let kind = doc
                .mentions
                .iter()
                .find(|m| overlaps(&m.span, range) && m.kind.is_name())
                .map_or(EntityKind::Organization, |m| m.kind);
            let title = format!("Record ‘{word}’ as a distinct name in corpus.toml");
            actions.extend(curation_action(corpus, title, Some(finding), |src| {
                curation::add_entity(src, word, kind)
            }));
        }
    }
    if snap.indexing {
        // Types and names are the corpus's: wait for all of it.
        tracing::info!("curation actions wait for indexing to finish");
        return actions;
    }
    actions.extend(annotation_actions(snap, corpus, doc, range));
    actions.extend(bulk_actions(snap, corpus, doc, range, costly));
    actions.extend(curation_actions(corpus, doc, range));
    actions
}

/// The action titled `title` among those for `range`, with its edits.
pub fn resolve(
    snap: &Snapshot<'_>,
    doc: &Document<'_>,
    range: &Span,
    title: &str,
) -> Option<Action> {
    code_actions(snap, doc, range, Costly::Now)
        .into_iter()
        .find(|a| a.title == title)
}

/// Annotating (or un-annotating) every mention of the entity under the
/// cursor across the corpus.
fn bulk_actions(
    snap: &Snapshot<'_>,
    corpus: &Corpus,
    doc: &Document<'_>,
    range: &Span,
    costly: Costly,
) -> Vec<Action> {
    let Some(m) = xref::mention_at(&doc.mentions, range.start).filter(|m| m.kind.is_name()) else {
        return Vec::new();
    };
    if (snap.pending_ann)(&ann_path(&doc.entry.path)) {
        return Vec::new();
    }
    let plans = [
        super::bulk::annotate_all(corpus, &m.entity, m.kind),
        super::bulk::remove_all(corpus, &m.entity, m.kind),
    ];
    plans
        .into_iter()
        .flatten()
        // Files the editor has not caught up with get no edit.
        .map(|plan| {
            let edits = match costly {
                Costly::Now => plan.edits(corpus),
                Costly::Later => Vec::new(),
            };
            Action {
                title: plan.title.clone(),
                kind: ActionKind::Refactor,
                finding: None,
                preferred: false,
                deferred: costly == Costly::Later,
                edits: edits
                    .into_iter()
                    .filter(|e| !(snap.pending_ann)(&e.path))
                    .collect(),
            }
        })
        .collect()
}

/// The quick fixes a finding carries, as actions. A fix naming another
/// file (an article's `.ann`) edits that file's current text.
fn fix_actions(
    snap: &Snapshot<'_>,
    corpus: &Corpus,
    here: &Path,
    finding: &Finding,
) -> Vec<Action> {
    finding
        .fixes
        .iter()
        .enumerate()
        .filter_map(|(n, fix)| {
            let mut action = Action::new(
                fix.title.clone(),
                ActionKind::QuickFix,
                Some(finding.clone()),
                fix_edit(snap, corpus, here, fix)?,
            );
            action.preferred = n == 0;
            Some(action)
        })
        .collect()
}

fn fix_edit(snap: &Snapshot<'_>, corpus: &Corpus, here: &Path, fix: &Fix) -> Option<FileEdit> {
    let edits = fix
        .edits
        .iter()
        .map(|e| (e.span.clone(), e.new_text.clone()))
        .collect();
    let path = fix.file.as_deref().unwrap_or(here);
    if fix.file.is_some() && (snap.pending_ann)(path) {
        return None;
    }
    let base: Arc<str> = corpus.file_text(path)?.into();
    Some(FileEdit {
        path: path.to_path_buf(),
        base,
        create: false,
        versioned: false,
        edits,
    })
}

/// Quick fixes on a `.ann` document itself (malformed lines, stale
/// annotations), from the corpus's copy of it. None when the editor's
/// text (`open_text`) is another than the one the findings are of.
pub fn ann_actions(
    snap: &Snapshot<'_>,
    path: &Path,
    range: &Span,
    open_text: Option<&str>,
) -> Vec<Action> {
    let Some(corpus) = snap.corpus_for(path) else {
        return Vec::new();
    };
    let Some(article) = corpus
        .article_of_ann(path)
        .filter(|_| corpus.annotations_enabled())
    else {
        return Vec::new();
    };
    let Some(text) = corpus.file_text(path) else {
        return Vec::new();
    };
    if open_text.is_some_and(|open| open != text) {
        return Vec::new();
    }
    corpus
        .ann_findings(&article)
        .iter()
        .filter(|f| overlaps(&f.span, range))
        .flat_map(|finding| fix_actions(snap, corpus, path, finding))
        .collect()
}

/// "Annotate ‘…’ as …" for the selection (or the mention under the
/// cursor) and "Remove annotation T3" for annotations under it, when the
/// corpus keeps brat annotations.
fn annotation_actions(
    snap: &Snapshot<'_>,
    corpus: &Corpus,
    doc: &Document<'_>,
    range: &Span,
) -> Vec<Action> {
    let entry = doc.entry;
    let ann = ann_path(&entry.path);
    if !corpus.annotations_enabled()
        || corpus.ann_error(&entry.path).is_some()
        || (snap.pending_ann)(&ann)
    {
        // An unreadable `.ann` is never rewritten, and one the editor has
        // not caught up with gets no edit computed for the server's copy.
        return Vec::new();
    }
    let ann_name = file_name(&ann);
    let mut actions = Vec::new();
    let mut ids: Vec<&str> = doc
        .mentions
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
        actions.extend(ann_action(corpus, &entry.path, title, |file| {
            file.remove(id).is_some()
        }));
    }

    let target = if range.is_empty() {
        xref::mention_at(&doc.mentions, range.start)
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
            actions.extend(ann_action(corpus, &entry.path, title, |file| {
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
    corpus: &Corpus,
    article: &Path,
    title: String,
    change: impl FnOnce(&mut AnnFile) -> bool,
) -> Option<Action> {
    let existing = corpus.ann_file(article);
    let mut file = existing.cloned().unwrap_or_default();
    let before = file.to_text();
    let (changed, edits) = file.tracked(change);
    if !changed || edits.is_empty() {
        return None;
    }
    let edit = FileEdit {
        path: ann_path(article),
        base: before.into(),
        create: existing.is_none(),
        versioned: true,
        edits: edits.into_iter().map(|e| (e.range, e.new_text)).collect(),
    };
    Some(Action::new(title, ActionKind::Refactor, None, edit))
}

/// Curation of the name under the cursor in `corpus.toml`, or of a
/// selected phrase.
fn curation_actions(corpus: &Corpus, doc: &Document<'_>, range: &Span) -> Vec<Action> {
    let entry = doc.entry;
    let mut actions = Vec::new();
    let mention = xref::mention_at(&doc.mentions, range.start)
        .filter(|m| m.kind.is_name() && (range.is_empty() || m.span == *range));
    if let Some(m) = mention {
        let surface = entry.text[m.span.clone()].to_string();
        let kind = m.kind;
        let curated = corpus
            .config
            .entities
            .iter()
            .any(|e| e.name == m.entity || e.aliases.contains(&surface));
        if !curated {
            let title = format!("Add ‘{}’ to corpus entities as {kind}", m.entity);
            actions.extend(curation_action(corpus, title, None, |src| {
                curation::add_entity(src, &m.entity, kind)
            }));
        }
        if m.is_alias && surface != m.entity {
            let title = format!("Make ‘{surface}’ an alias of ‘{}’", m.entity);
            actions.extend(curation_action(corpus, title, None, |src| {
                curation::add_alias(src, &m.entity, kind, &surface)
            }));
        }
        for &other in EntityKind::ALL[..NAME_KINDS].iter().filter(|t| **t != kind) {
            let title = format!("Change type of ‘{}’ to {other}", m.entity);
            actions.extend(curation_action(corpus, title, None, |src| {
                curation::set_type(src, &m.entity, other)
            }));
        }
        actions.extend(identity_actions(corpus, m, &surface));
        let title = format!("Not an entity: ignore ‘{surface}’");
        actions.extend(curation_action(corpus, title, None, |src| {
            curation::add_ignore(src, &surface)
        }));
    } else if let Some(span) = selection(&entry.text, range) {
        let selected = &entry.text[span];
        for &kind in &EntityKind::ALL[..NAME_KINDS] {
            // With brat annotations on, "Annotate" is the `.ann` action;
            // this one curates the phrase for the whole corpus.
            let title = if corpus.annotations_enabled() {
                format!("Add ‘{selected}’ to corpus entities as {kind}")
            } else {
                format!("Annotate ‘{selected}’ as {kind}")
            };
            actions.extend(curation_action(corpus, title, None, |src| {
                curation::add_entity(src, selected, kind)
            }));
        }
    }
    actions
}

/// Overruling identity: "Not the same as" splits a name from its
/// entity (a `distinct` entry), "Same entity as" merges a name left
/// apart as possibly the same (an alias).
fn identity_actions(corpus: &Corpus, m: &Mention, surface: &str) -> Vec<Action> {
    /// Enough to split a big entity one name at a time.
    const LISTED: usize = 6;
    let mut actions = Vec::new();
    let Some(cluster) = corpus.cluster(&m.entity) else {
        return actions;
    };
    let kind = cluster.kind;
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
        actions.extend(curation_action(corpus, title, None, |src| {
            curation::add_distinct(src, canonical, kind, name)
        }));
    }
    for (other, _) in cluster.possibly.iter().take(LISTED) {
        let other_kind = corpus.entity_index().kind(other).unwrap_or(kind);
        let title = format!("Same entity as ‘{other}’: make ‘{surface}’ an alias");
        actions.extend(curation_action(corpus, title, None, |src| {
            curation::add_alias(src, other, other_kind, surface)
        }));
    }
    actions
}

/// An action that edits `corpus.toml` (creating it if needed): a quick
/// fix of `finding` when given, else a refactoring.
fn curation_action(
    corpus: &Corpus,
    title: String,
    finding: Option<&Finding>,
    change: impl FnOnce(&str) -> Result<String, curation::CurationError>,
) -> Option<Action> {
    let source = corpus.config_text.clone().unwrap_or_default();
    let new = match change(&source) {
        Ok(new) => new,
        Err(err) => {
            tracing::warn!("{title}: {err}");
            return None;
        }
    };
    let kind = if finding.is_some() {
        ActionKind::QuickFix
    } else {
        ActionKind::Refactor
    };
    let edit = config_edit(corpus, &source, &new);
    Some(Action::new(title, kind, finding.cloned(), edit))
}

/// The edit turning `corpus.toml` from `old` into `new` with one minimal
/// replacement, creating the file when it does not exist.
pub fn config_edit(corpus: &Corpus, old: &str, new: &str) -> FileEdit {
    FileEdit {
        path: corpus.config_path(),
        base: old.into(),
        create: corpus.config_text.is_none(),
        versioned: true,
        edits: vec![curation::minimal_edit(old, new)],
    }
}

/// Renaming an entity: its canonical name changes in `corpus.toml`;
/// article text is never rewritten (the old name stays as an alias).
pub fn rename(
    doc: &Document<'_>,
    offset: usize,
    new_name: &str,
) -> Option<Result<FileEdit, String>> {
    let corpus = doc.corpus?;
    let m = xref::mention_at(&doc.mentions, offset).filter(|m| m.kind.is_name())?;
    let source = corpus.config_text.clone().unwrap_or_default();
    Some(
        corpus
            .rename_entity(&source, &m.entity, m.kind, new_name)
            .map(|new| config_edit(corpus, &source, &new))
            .map_err(|e| e.to_string()),
    )
}

/// What a rename starts from: the mention's span and its entity's
/// canonical name, whichever of its names is under the cursor.
pub fn prepare_rename(doc: &Document<'_>, offset: usize) -> Option<(Span, String)> {
    let corpus = doc.corpus?;
    let m = xref::mention_at(&doc.mentions, offset).filter(|m| m.kind.is_name())?;
    Some((
        m.span.clone(),
        corpus.cluster_or_self(&m.entity, m.kind).canonical,
    ))
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
