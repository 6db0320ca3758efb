//! Labelling every occurrence: "Annotate all N mentions of ‘X’ in the corpus
//! as …" writes a `T` line for each mention of the entity (under any of its
//! names) not yet annotated, into every article's `.ann`, creating files as
//! needed; "Remove all annotations of ‘X’" is its inverse. Each is one
//! action, so one undo reverts it.
//!
//! Counting is cheap (the entity's postings); the edits are not on a big
//! corpus, so a `Plan` is computed first and its edits only on demand.

use super::FileEdit;
use crate::analysis::Span;
use crate::analysis::annotations::{AnnFile, AnnotationLabel, ann_path};
use crate::analysis::entities::EntityKind;
use crate::corpus::{ArticleEntry, Corpus, xref};
use std::sync::Arc;

/// What a bulk action will change, before its edits are computed.
#[derive(Debug, Clone)]
pub struct Plan {
    pub title: String,
    /// Per article: the spans to annotate, or the annotation IDs to remove.
    targets: Vec<(Arc<ArticleEntry>, Target)>,
    kind: Option<EntityKind>,
}

#[derive(Debug, Clone)]
enum Target {
    Annotate(Vec<Span>),
    Remove(Vec<String>),
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// "all 3 mentions", but "the 1 mention".
fn all(n: usize, one: &str) -> String {
    let quantifier = if n == 1 { "the" } else { "all" };
    format!("{quantifier} {}", plural(n, one))
}

/// Annotating every mention of `entity` not yet annotated, as `kind`.
pub fn annotate_all(corpus: &Corpus, entity: &str, kind: EntityKind) -> Option<Plan> {
    if !corpus.annotations_enabled() {
        return None;
    }
    let mut targets = Vec::new();
    let mut mentions = 0;
    for (entry, spans) in xref::articles_mentioning(corpus, entity) {
        // An unreadable `.ann` is never rewritten.
        if corpus.ann_error(&entry.path).is_some() {
            continue;
        }
        let annotated = corpus.mentions(&entry.path);
        let free: Vec<Span> = spans
            .into_iter()
            .filter(|span| {
                !annotated
                    .is_some_and(|ms| ms.iter().any(|m| m.span == *span && m.annotation.is_some()))
            })
            .collect();
        if !free.is_empty() {
            mentions += free.len();
            targets.push((entry, Target::Annotate(free)));
        }
    }
    if targets.is_empty() {
        return None;
    }
    let canonical = corpus.cluster_or_self(entity, kind).canonical;
    Some(Plan {
        title: format!(
            "Annotate {} of ‘{canonical}’ in the corpus as {} ({})",
            all(mentions, "mention"),
            kind.as_str(),
            plural(targets.len(), "file")
        ),
        targets,
        kind: Some(kind),
    })
}

/// Removing every annotation that marks a mention of `entity`.
pub fn remove_all(corpus: &Corpus, entity: &str, kind: EntityKind) -> Option<Plan> {
    if !corpus.annotations_enabled() {
        return None;
    }
    let mut targets = Vec::new();
    let mut count = 0;
    for (entry, spans) in xref::articles_mentioning(corpus, entity) {
        if corpus.ann_error(&entry.path).is_some() {
            continue;
        }
        let Some(mentions) = corpus.mentions(&entry.path) else {
            continue;
        };
        let mut ids: Vec<String> = mentions
            .iter()
            .filter(|m| spans.contains(&m.span))
            .filter_map(|m| m.annotation.as_deref().map(str::to_string))
            .collect();
        ids.sort();
        ids.dedup();
        if !ids.is_empty() {
            count += ids.len();
            targets.push((entry, Target::Remove(ids)));
        }
    }
    if targets.is_empty() {
        return None;
    }
    let canonical = corpus.cluster_or_self(entity, kind).canonical;
    Some(Plan {
        title: format!(
            "Remove {} of ‘{canonical}’ ({})",
            all(count, "annotation"),
            plural(targets.len(), "file")
        ),
        targets,
        kind: None,
    })
}

impl Plan {
    /// The edits: one per `.ann` file, created when missing.
    pub fn edits(&self, corpus: &Corpus) -> Vec<FileEdit> {
        self.targets
            .iter()
            .filter_map(|(entry, target)| {
                let existing = corpus.ann_file(&entry.path);
                let mut file = existing.cloned().unwrap_or_default();
                let before = file.to_text();
                let (changed, edits) = file.tracked(|file| apply(file, entry, target, self.kind));
                (changed && !edits.is_empty()).then(|| FileEdit {
                    path: ann_path(&entry.path),
                    base: before.into(),
                    create: existing.is_none(),
                    versioned: true,
                    edits: edits.into_iter().map(|e| (e.range, e.new_text)).collect(),
                })
            })
            .collect()
    }

    pub fn files(&self) -> usize {
        self.targets.len()
    }
}

fn apply(
    file: &mut AnnFile,
    entry: &ArticleEntry,
    target: &Target,
    kind: Option<EntityKind>,
) -> bool {
    match target {
        Target::Annotate(spans) => {
            let label = AnnotationLabel::Known(kind.unwrap_or(EntityKind::Organization));
            let mut changed = false;
            for span in spans {
                changed |= file
                    .annotate(&entry.text, std::slice::from_ref(span), &label)
                    .is_ok();
            }
            changed
        }
        Target::Remove(ids) => {
            let mut changed = false;
            for id in ids {
                changed |= file.remove(id).is_some();
            }
            changed
        }
    }
}
