//! An article's outline (headline › dateline › paragraphs) and its folds
//! (the boilerplate regions).

use crate::analysis::Span;
use crate::analysis::article::{Article, BoilerplateKind};
use crate::analysis::dates::weekday_name;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    Headline,
    Dateline,
    Paragraph,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    pub name: String,
    pub detail: String,
    pub kind: OutlineKind,
    /// The whole item (a headline reaches to the end of its children).
    pub span: Span,
    /// What the editor selects when the item is picked.
    pub selection: Span,
    pub children: Vec<OutlineItem>,
}

/// Headline › dateline › paragraphs. An article without a headline has
/// its dateline and paragraphs at the top level.
pub fn outline(text: &str, article: &Article) -> Vec<OutlineItem> {
    let item = |name: String, detail: String, kind, span: &Span, selection: &Span| OutlineItem {
        name,
        detail,
        kind,
        span: span.clone(),
        selection: selection.clone(),
        children: Vec::new(),
    };
    let mut children = Vec::new();
    if let Some(dateline) = &article.dateline {
        let detail = format!(
            "{} ({})",
            dateline.date,
            weekday_name(dateline.date.weekday())
        );
        children.push(item(
            text[dateline.date_span.clone()].to_string(),
            detail,
            OutlineKind::Dateline,
            &dateline.span,
            &dateline.date_span,
        ));
    }
    for (n, paragraph) in article.paragraphs.iter().enumerate() {
        let first = paragraph.sentences.first().unwrap_or(&paragraph.span);
        children.push(item(
            paragraph_label(&text[first.clone()]),
            format!("¶{}", n + 1),
            OutlineKind::Paragraph,
            &paragraph.span,
            first,
        ));
    }
    match &article.headline {
        Some(headline) => {
            let end = children
                .iter()
                .map(|c| c.span.end)
                .chain([headline.span.end])
                .max()
                .unwrap_or(headline.span.end);
            let mut top = item(
                text[headline.span.clone()].to_string(),
                "headline".into(),
                OutlineKind::Headline,
                &headline.span,
                &headline.span,
            );
            top.span.end = end;
            top.children = children;
            vec![top]
        }
        None => children,
    }
}

/// The first words of a paragraph, for an outline entry.
fn paragraph_label(sentence: &str) -> String {
    const WORDS: usize = 8;
    let mut words = sentence.split_whitespace();
    let mut label: Vec<&str> = words.by_ref().take(WORDS).collect();
    if label.is_empty() {
        label.push("(empty)");
    }
    let mut label = label.join(" ");
    if words.next().is_some() {
        label.push('…');
    }
    label
}

/// A region the editor may fold, with what it shows folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub label: String,
}

/// One fold per boilerplate region; article text never folds.
pub fn folds(article: &Article) -> Vec<Fold> {
    article
        .boilerplate
        .iter()
        .map(|region| Fold {
            span: region.span.clone(),
            label: format!("{} (boilerplate)", boilerplate_label(region.kind)),
        })
        .collect()
}

fn boilerplate_label(kind: BoilerplateKind) -> &'static str {
    match kind {
        BoilerplateKind::Newsletter => "newsletter",
        BoilerplateKind::RelatedLinks => "related links",
        BoilerplateKind::Comments => "comments",
        BoilerplateKind::Social => "sharing",
        BoilerplateKind::Repeated => "repeated lines",
        BoilerplateKind::Other => "page furniture",
    }
}
