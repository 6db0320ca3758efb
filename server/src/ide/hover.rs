//! Hover cards, as Markdown. Everything quoted from an article is escaped
//! (see [`markdown::escape`]); the content is never marked trusted.
//!
//! [`markdown::escape`]: super::markdown::escape

use super::Document;
use super::markdown::{escape, link};
use crate::analysis::Span;
use crate::analysis::annotations::{OtherMention, ann_path};
use crate::analysis::entities::{EntityKind, FigureValue, Mention};
use crate::analysis::text::file_name;
use crate::corpus::config::EntityEntry;
use crate::corpus::identity::Cluster;
use crate::corpus::xref::{self, publication_date, sentence_of, title};
use crate::corpus::{ArticleEntry, Corpus};
use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

/// A hover card: Markdown, and the span it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub markdown: String,
    pub span: Span,
}

/// The card at `offset` of an article: a date (with the events it
/// dates), an annotation of a type of its own, an entity or figure, or
/// the article itself on its headline or dateline.
pub fn hover(doc: &Document<'_>, offset: usize) -> Option<Card> {
    let entry = doc.entry;
    let corpus = doc.corpus;
    let card = |markdown, span: &Span| {
        Some(Card {
            markdown,
            span: span.clone(),
        })
    };
    if let Some(date) = entry.analysis.dates.at(offset) {
        let parts: Vec<String> = date.hover().split("\n\n").map(escape).collect();
        // The first paragraph is the title.
        let mut markdown = match parts.split_first() {
            Some((title, [])) => format!("**{title}**"),
            Some((title, rest)) => format!("**{title}**\n\n{}", rest.join("\n\n")),
            None => String::new(),
        };
        if let Some(section) = corpus.and_then(|c| claims_section(c, entry, &date.expr.span)) {
            markdown.push_str(&section);
        }
        return card(markdown, &date.expr.span);
    }
    let inside = |s: &Span| s.start <= offset && offset < s.end;
    if let Some((other, span)) = corpus.and_then(|c| {
        c.other_mentions(&entry.path)
            .iter()
            .find_map(|o| o.spans.iter().find(|s| inside(s)).map(|s| (o, s)))
    }) {
        return card(other_annotation_card(&entry.path, other), span);
    }
    if let Some(m) = xref::mention_at(&doc.mentions, offset) {
        let markdown = if m.kind.is_name() {
            match corpus {
                Some(corpus) => entity_card(corpus, &entry.path, m),
                None => format!("**{}** · {}", escape(&m.entity), m.kind.as_str()),
            }
        } else if m.value.is_some() {
            figure_card(corpus, entry, &doc.mentions, m)
        } else {
            format!(
                "**{}** · {}",
                escape(&entry.text[m.span.clone()]),
                m.kind.as_str()
            )
        };
        // Right under the card's title line.
        let markdown = match (corpus, &m.annotation) {
            (Some(corpus), Some(id)) => {
                let note = annotation_note(corpus, &entry.path, id);
                let (title, rest) = markdown.split_once('\n').unwrap_or((&markdown, ""));
                format!("{title}\n\n{note}\n{rest}")
            }
            _ => markdown,
        };
        return card(markdown, &m.span);
    }
    let article = &entry.analysis.article;
    let header = article
        .headline
        .as_ref()
        .map(|h| h.span.clone())
        .into_iter()
        .chain(article.dateline.as_ref().map(|d| d.span.clone()))
        .find(|s| s.start <= offset && offset <= s.end)?;
    let conflicts = corpus.map_or(0, |c| c.conflict_count(&entry.path));
    card(
        article_card(corpus, entry, &doc.mentions, conflicts),
        &header,
    )
}

/// How many other articles a card quotes, each with its sentence.
pub const LISTED_ARTICLES: usize = 8;
/// How many more it links to, one short line each, before pointing to
/// Find References: a mid-sized corpus's cross-references in full.
pub const LINKED_ARTICLES: usize = 40;
const SENTENCE_CHARS: usize = 160;

pub fn file_link(path: &Path, line: usize) -> Option<String> {
    Some(format!("{}#L{}", super::file_url(path)?, line + 1))
}

fn line_of(entry: &ArticleEntry, offset: usize) -> usize {
    entry.analysis.line_index.line_of(offset)
}

fn date_label(entry: &ArticleEntry) -> String {
    let dates = &entry.analysis.dates;
    match (dates.anchor, &dates.inferred) {
        (Some(a), _) if !a.inferred => a.date.to_string(),
        (_, Some(inferred)) => format!(
            "undated (inferred: probably published {})",
            escape(&inferred.published_phrase())
        ),
        _ => "undated".to_string(),
    }
}

/// A sentence trimmed around the mention, escaped, the mention in bold.
fn quote(text: &str, sentence: &Span, mention: &Span) -> String {
    let before = &text[sentence.start..mention.start];
    let name = &text[mention.clone()];
    let after = &text[mention.end..sentence.end];
    let keep = SENTENCE_CHARS.saturating_sub(name.chars().count()) / 2;
    let before_chars = before.chars().count();
    let before = if before_chars > keep {
        let skip = before
            .char_indices()
            .nth(before_chars - keep)
            .map_or(0, |(i, _)| i);
        format!("…{}", &before[skip..])
    } else {
        before.to_string()
    };
    let after = if after.chars().count() > keep {
        let end = after
            .char_indices()
            .nth(keep)
            .map_or(after.len(), |(i, _)| i);
        format!("{}…", &after[..end])
    } else {
        after.to_string()
    };
    format!("{}**{}**{}", escape(&before), escape(name), escape(&after))
}

/// "Annotated as …" for a mention that comes from the article's `.ann`.
pub fn annotation_note(corpus: &Corpus, article: &Path, id: &str) -> String {
    let type_name = corpus
        .ann_file(article)
        .and_then(|ann| ann.text_bound(id))
        .map(|t| t.type_name.clone())
        .unwrap_or_default();
    format!(
        "Annotated as {} ({} in {})",
        escape(&type_name),
        escape(id),
        escape(&file_name(&ann_path(article)))
    )
}

/// The card for an annotation of a type we do not recognise (`Law`):
/// shown under its own name.
pub fn other_annotation_card(article: &Path, other: &OtherMention) -> String {
    format!(
        "**{}** · {}\n\nAnnotation {} in {}",
        escape(&other.text),
        escape(&other.type_name),
        escape(&other.id),
        escape(&file_name(&ann_path(article)))
    )
}

pub fn kind_label(kind: EntityKind) -> &'static str {
    kind.as_str()
}

/// The card for a named entity: identity (its names, each with why it
/// was merged), aliases, totals, the other articles that mention it under
/// any name, and figures said alongside it.
pub fn entity_card(corpus: &Corpus, here: &Path, mention: &Mention) -> String {
    let cluster = corpus.cluster_or_self(&mention.entity, mention.kind);
    let entity = cluster.canonical.as_str();
    let names: Vec<&str> = cluster.names().collect();
    let index = corpus.entity_index();
    let mut out = String::new();
    let _ = writeln!(out, "**{}** · {}", escape(entity), kind_label(cluster.kind));
    identity_lines(&mut out, corpus, &cluster, &names);

    let mentions: usize = names.iter().map(|n| index.totals(n).0).sum();
    let articles = index.article_count_of(&names);
    let _ = writeln!(
        out,
        "\n{mentions} mention{} in {articles} of {} article{}",
        if mentions == 1 { "" } else { "s" },
        corpus.len(),
        if corpus.len() == 1 { "" } else { "s" },
    );
    other_articles(&mut out, corpus, here, &names, articles);
    figures_near(&mut out, corpus, entity);
    out
}

/// The entity's other names with why each was merged, its aliases, the
/// names left apart and the curated note.
fn identity_lines(out: &mut String, corpus: &Corpus, cluster: &Cluster, names: &[&str]) {
    let index = corpus.entity_index();
    let variants: Vec<String> = cluster
        .members
        .iter()
        .filter_map(|m| {
            let reason = m.reason.as_ref()?;
            let n = index.totals(&m.name).0;
            Some(format!(
                "{} ({n}, {})",
                escape(&m.name),
                escape(&reason.describe())
            ))
        })
        .collect();
    if !variants.is_empty() {
        let _ = writeln!(out, "\nAlso written as: {}", variants.join(" · "));
    }
    let curated = corpus
        .config
        .entities
        .iter()
        .find(|e| names.contains(&e.name.as_str()));
    aliases_line(out, corpus, names, curated);
    if !cluster.possibly.is_empty() {
        let possibly: Vec<String> = cluster
            .possibly
            .iter()
            .map(|(name, why)| format!("{} ({})", escape(name), escape(why)))
            .collect();
        let _ = writeln!(out, "\nPossibly the same as: {}", possibly.join(" · "));
    }
    if let Some(note) = curated.and_then(|e| e.note.as_deref()) {
        let _ = writeln!(out, "\n{}", escape(note));
    }
}

/// Surface forms under each name that are none of the names: acronyms
/// defined in the text, surnames, legal suffixes, curated aliases.
fn aliases_line(out: &mut String, corpus: &Corpus, names: &[&str], curated: Option<&EntityEntry>) {
    let index = corpus.entity_index();
    let mut aliases: Vec<(String, &str)> = Vec::new();
    for name in names {
        for surface in index.surfaces(name).into_iter().flat_map(|s| s.keys()) {
            if !names.contains(&surface.as_str()) && !aliases.iter().any(|(a, _)| a == surface) {
                aliases.push((surface.clone(), name));
            }
        }
    }
    if let Some(curated) = curated {
        for alias in &curated.aliases {
            if !aliases.iter().any(|(a, _)| a == alias) && !names.contains(&alias.as_str()) {
                aliases.push((alias.clone(), curated.name.as_str()));
            }
        }
    }
    aliases.sort();
    if !aliases.is_empty() {
        let described: Vec<String> = aliases
            .iter()
            .map(
                |(alias, name)| match xref::alias_definition(corpus, name, alias) {
                    Some((entry, _)) => {
                        format!("{}: defined in ‘{}’", escape(alias), escape(&title(&entry)))
                    }
                    None => escape(alias),
                },
            )
            .collect();
        let _ = writeln!(out, "\nAliases: {}", described.join(" · "));
    }
}

/// The other articles that mention the entity, newest first: a few quoted,
/// some more linked, and how many are left.
fn other_articles(out: &mut String, corpus: &Corpus, here: &Path, names: &[&str], articles: usize) {
    let index = corpus.entity_index();
    let here_id = corpus.id_of(here);
    let here_mentions = here_id.is_some_and(|id| {
        names
            .iter()
            .any(|n| index.mentions(n).is_some_and(|p| p.contains_key(&id)))
    });
    let total_others = articles - usize::from(here_mentions);
    let others: Vec<u32> = xref::article_ids_newest_first(corpus, names)
        .filter(|&id| Some(id) != here_id)
        .take(LISTED_ARTICLES + LINKED_ARTICLES)
        .collect();
    let (quoted, linked) = others.split_at(others.len().min(LISTED_ARTICLES));
    if others.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n**Other articles**\n");
    for &id in quoted {
        let Some(entry) = corpus.article_by_id(id) else {
            continue;
        };
        let first = index.spans_in(names, id).min_by_key(|s| s.start);
        let Some(first) = first else {
            continue;
        };
        let sentence = sentence_of(&entry.analysis.article, first);
        let target = file_link(&entry.path, line_of(entry, first.start)).unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} · {} — {}",
            date_label(entry),
            link(&title(entry), &target),
            quote(&entry.text, &sentence, first)
        );
    }
    let links: Vec<String> = linked
        .iter()
        .filter_map(|&id| {
            let entry = corpus.article_by_id(id)?;
            let first = index.spans_in(names, id).min_by_key(|s| s.start)?;
            let target = file_link(&entry.path, line_of(entry, first.start))?;
            Some(format!(
                "{} · {}",
                date_label(entry),
                link(&title(entry), &target)
            ))
        })
        .collect();
    if !links.is_empty() {
        let _ = writeln!(out, "\nAlso in: {}", links.join(" · "));
    }
    if total_others > others.len() {
        let _ = writeln!(
            out,
            "\n+{} more: use Find References",
            total_others - others.len()
        );
    }
}

/// Figures said alongside the entity, in other articles too.
fn figures_near(out: &mut String, corpus: &Corpus, entity: &str) {
    let figures = xref::figures_near(corpus, entity, 5);
    if figures.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n**Figures**\n");
    for (entry, figure) in figures {
        let sentence = sentence_of(&entry.analysis.article, &figure.span);
        let year = publication_date(&entry)
            .map(|d| format!(" ({})", d.year()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {}{} — {}, in ‘{}’",
            escape(&entry.text[figure.span.clone()]),
            year,
            quote(&entry.text, &sentence, &figure.span),
            escape(&title(&entry))
        );
    }
}

/// A figure's normalised value.
pub fn figure_value(value: &FigureValue) -> String {
    fn number(n: f64) -> String {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            let digits = format!("{}", n as i64);
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 && c != '-' {
                    out.push(',');
                }
                out.push(c);
            }
            out
        } else {
            format!("{n}")
        }
    }
    match value {
        FigureValue::Money {
            amount,
            max,
            currency,
        } => {
            let symbol = match currency.code() {
                "GBP" => "£",
                "USD" => "$",
                "EUR" => "€",
                _ => "",
            };
            let range = max
                .map(|m| format!(" – {symbol}{}", number(m)))
                .unwrap_or_default();
            format!("{symbol}{}{range} ({})", number(*amount), currency.code())
        }
        FigureValue::Quantity { value, max, unit } => {
            let range = max.map(|m| format!("–{}", number(m))).unwrap_or_default();
            format!("{}{range} {}", number(*value), unit)
        }
        FigureValue::Percentage { value, max } => {
            let range = max.map(|m| format!("–{m}")).unwrap_or_default();
            format!("{value}{range}%")
        }
    }
}

/// The card for a figure: its value, what it counts, and figures of the
/// same kind said about the same entity in other articles.
pub fn figure_card(
    corpus: Option<&Corpus>,
    entry: &ArticleEntry,
    mentions: &[Mention],
    figure: &Mention,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "**{}** · {}",
        escape(&entry.text[figure.span.clone()]),
        kind_label(figure.kind)
    );
    if let Some(value) = figure.value.as_deref() {
        let _ = writeln!(out, "\n= {}", escape(&figure_value(value)));
        if let FigureValue::Quantity { unit, .. } = value {
            let _ = writeln!(out, "\nCounts: {}", escape(unit));
        }
    }
    let Some(corpus) = corpus else { return out };
    let sentence = sentence_of(&entry.analysis.article, &figure.span);
    let subject = mentions
        .iter()
        .find(|m| m.kind.is_name() && sentence.start <= m.span.start && m.span.end <= sentence.end);
    if let Some(subject) = subject {
        let others: Vec<_> = xref::figures_near(corpus, &subject.entity, 20)
            .into_iter()
            .filter(|(e, m)| e.path != entry.path && m.kind == figure.kind)
            .take(5)
            .collect();
        if !others.is_empty() {
            let entity = corpus
                .cluster_or_self(&subject.entity, subject.kind)
                .canonical;
            let _ = writeln!(out, "\n**{} elsewhere**\n", escape(&entity));
            for (e, m) in others {
                let target = file_link(&e.path, line_of(&e, m.span.start)).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- {} · {} in {}",
                    escape(&e.text[m.span.clone()]),
                    date_label(&e),
                    link(&title(&e), &target)
                );
            }
        }
    }
    out
}

/// The card on a headline or dateline: a summary of the article.
pub fn article_card(
    corpus: Option<&Corpus>,
    entry: &Arc<ArticleEntry>,
    mentions: &[Mention],
    conflicts: usize,
) -> String {
    let article = &entry.analysis.article;
    let words: usize = article
        .paragraphs
        .iter()
        .map(|p| entry.text[p.span.clone()].split_whitespace().count())
        .sum();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in mentions.iter().filter(|m| m.kind.is_name()) {
        match counts.iter_mut().find(|(e, _)| *e == m.entity) {
            Some((_, n)) => *n += 1,
            None => counts.push((&m.entity, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut out = String::new();
    let _ = writeln!(out, "**{}**", escape(&title(entry)));
    let _ = writeln!(
        out,
        "\n{} · {words} words · {} paragraph{}",
        date_label(entry),
        article.paragraphs.len(),
        if article.paragraphs.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    if !counts.is_empty() {
        let top: Vec<String> = counts
            .iter()
            .take(6)
            .map(|(e, n)| format!("{} ({n})", escape(e)))
            .collect();
        let _ = writeln!(out, "\nTop entities: {}", top.join(", "));
    }
    if let Some(corpus) = corpus {
        let names: Vec<&str> = counts.iter().map(|(e, _)| *e).collect();
        let (entities, shared) = corpus.entities_of(&names);
        let _ = writeln!(
            out,
            "\n{entities} entities · {shared} shared with other articles"
        );
    }
    let _ = writeln!(
        out,
        "\n{conflicts} conflict{}",
        if conflicts == 1 { "" } else { "s" }
    );
    out
}

/// How many other tellings of an event a date's card lists.
pub const LISTED_TELLINGS: usize = 12;

/// The event claims a date expression dates, for its hover: each claim
/// ("went live · Westfield General Hospital · 3 October 2009"), then the
/// other articles' claims of the same event, oldest first, conflicts
/// marked. `None` when the date dates no claim.
pub fn claims_section(corpus: &Corpus, entry: &ArticleEntry, date: &Span) -> Option<String> {
    use crate::analysis::claims::matching;
    let claims: Vec<_> = corpus
        .event_claims(&entry.path)
        .iter()
        .filter(|c| c.date_span == *date)
        .collect();
    if claims.is_empty() {
        return None;
    }
    let same = corpus.same_entity_memo();
    let mut out = String::new();
    for claim in claims {
        let written = entry.text.get(claim.date_span.clone()).unwrap_or("");
        let _ = write!(
            out,
            "\n\n---\n\n**{}** · {} · {} ({}){}",
            escape(claim.kind.as_str()),
            escape(&claim.who()),
            escape(written),
            escape(&claim.value.value),
            if claim.plan { " · planned" } else { "" }
        );
        let mut others = corpus.same_event(claim);
        others.sort_by(|(ia, a), (ib, b)| {
            let key = |c: &crate::analysis::claims::EventClaim| c.value.period.map(|p| p.0);
            key(a).cmp(&key(b)).then(ia.cmp(ib))
        });
        if others.is_empty() {
            out.push_str("\n\nNo other article tells this event.");
            continue;
        }
        out.push_str("\n\nAlso told in:");
        for (id, other) in others.iter().take(LISTED_TELLINGS) {
            let Some(other_entry) = corpus.article_by_id(*id) else {
                continue;
            };
            let conflict = matching::conflicts(claim, other, &same);
            let name = if other_entry.path == entry.path {
                "this article".to_string()
            } else {
                escape(&title(other_entry))
            };
            let line = line_of(other_entry, other.sentence.start);
            let place = match file_link(&other_entry.path, line) {
                Some(url) => link(&name, &url),
                None => name,
            };
            let when = other_entry.text.get(other.date_span.clone()).unwrap_or("");
            let _ = write!(
                out,
                "\n- {}{} — ‘{}’ ({}){}",
                if conflict { "⚠ conflicts: " } else { "" },
                place,
                escape(when),
                escape(&other.value.value),
                if other.plan { ", planned" } else { "" }
            );
        }
        if others.len() > LISTED_TELLINGS {
            let _ = write!(out, "\n- +{} more", others.len() - LISTED_TELLINGS);
        }
    }
    Some(out)
}
