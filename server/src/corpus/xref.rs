//! Cross-reference queries over one corpus: what is mentioned where, for
//! hovers, references and navigation. Read-only; answers from the index.

use super::{ArticleEntry, Corpus};
use crate::analysis::Span;
use crate::analysis::article::Article;
use crate::analysis::entities::{EntityKind, Mention};
use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// The mention under a byte offset of an article.
pub fn mention_at(mentions: &[Mention], offset: usize) -> Option<&Mention> {
    let i = mentions.partition_point(|m| m.span.end < offset);
    mentions[i..]
        .iter()
        .take_while(|m| m.span.start <= offset)
        .find(|m| m.span.start <= offset && offset <= m.span.end)
}

/// The sentence (or headline) holding a span, or the span itself.
pub fn sentence_of(article: &Article, span: &Span) -> Span {
    if let Some(h) = &article.headline
        && h.span.start <= span.start
        && span.end <= h.span.end
    {
        return h.span.clone();
    }
    let i = article
        .paragraphs
        .partition_point(|p| p.span.end < span.start);
    article.paragraphs[i..]
        .iter()
        .take_while(|p| p.span.start <= span.start)
        .flat_map(|p| &p.sentences)
        .find(|s| s.start <= span.start && span.end <= s.end)
        .cloned()
        .unwrap_or_else(|| span.clone())
}

/// The publication date of an article: its dateline's date, else the
/// date inferred from its own dates.
pub fn publication_date(entry: &ArticleEntry) -> Option<Date> {
    entry.analysis.dates.anchor.map(|a| a.date)
}

/// How an article is named in lists: its headline, else its file name.
pub fn title(entry: &ArticleEntry) -> String {
    match &entry.analysis.article.headline {
        Some(h) => entry.text[h.span.clone()].to_string(),
        None => entry
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    }
}

/// The names an entity is written as: the cluster of `name` (see
/// [`super::identity`]), or `name` alone when the index does not know it.
pub fn member_names(corpus: &Corpus, name: &str) -> Vec<String> {
    match corpus.cluster(name) {
        Some(cluster) => cluster.members.into_iter().map(|m| m.name).collect(),
        None => vec![name.to_string()],
    }
}

/// The ids of the articles mentioning any of `names`, newest first
/// (undated last), each once. Kept sorted by the index, so taking the first
/// few costs only those.
pub fn article_ids_newest_first<'a>(
    corpus: &'a Corpus,
    names: &[&str],
) -> impl Iterator<Item = u32> + 'a {
    corpus.entity_index().newest_first_of(names)
}

/// Every article mentioning the entity of `name` under any of its names,
/// with its mention spans sorted, newest article first (undated ones
/// last), then by path.
pub fn articles_mentioning(corpus: &Corpus, name: &str) -> Vec<(Arc<ArticleEntry>, Vec<Span>)> {
    let names = member_names(corpus, name);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let index = corpus.entity_index();
    article_ids_newest_first(corpus, &names)
        .filter_map(|id| {
            let entry = corpus.article_by_id(id)?;
            let mut spans: Vec<Span> = index.spans_in(&names, id).cloned().collect();
            spans.sort_by_key(|s| s.start);
            Some((Arc::clone(entry), spans))
        })
        .collect()
}

/// Where an acronym or alias was spelled out: the earliest article
/// declaring it, and the span of the declaration.
pub fn alias_definition(
    corpus: &Corpus,
    entity: &str,
    alias: &str,
) -> Option<(Arc<ArticleEntry>, Span)> {
    corpus
        .entity_index()
        .declarations(entity, alias)
        .iter()
        .filter_map(|(id, span)| Some((corpus.article_by_id(*id)?, span)))
        .min_by(|(a, _), (b, _)| {
            (publication_date(a).is_none(), publication_date(a), &a.path).cmp(&(
                publication_date(b).is_none(),
                publication_date(b),
                &b.path,
            ))
        })
        .map(|(entry, span)| (Arc::clone(entry), span.clone()))
}

/// Figures (money, quantities, percentages) said in the same sentence as a
/// mention of the entity (under any of its names), newest articles first; looks at a bounded number
/// of articles so that a hover on a common name stays fast.
pub fn figures_near(
    corpus: &Corpus,
    entity: &str,
    limit: usize,
) -> Vec<(Arc<ArticleEntry>, Mention)> {
    const ARTICLES_SCANNED: usize = 64;
    let mut out = Vec::new();
    let names = member_names(corpus, entity);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let index = corpus.entity_index();
    for id in article_ids_newest_first(corpus, &names).take(ARTICLES_SCANNED) {
        let Some(entry) = corpus.article_by_id(id) else {
            continue;
        };
        let spans: Vec<&Span> = index.spans_in(&names, id).collect();
        let Some(mentions) = corpus.mentions(&entry.path) else {
            continue;
        };
        let sentences: Vec<Span> = spans
            .iter()
            .map(|s| sentence_of(&entry.analysis.article, s))
            .collect();
        for m in mentions.iter().filter(|m| {
            matches!(
                m.kind,
                EntityKind::Money | EntityKind::Quantity | EntityKind::Percentage
            )
        }) {
            if sentences
                .iter()
                .any(|s| s.start <= m.span.start && m.span.end <= s.end)
            {
                out.push((Arc::clone(entry), m.clone()));
                if out.len() >= limit {
                    return out;
                }
            }
        }
    }
    out
}

/// Something `workspace/symbol` can list.
#[derive(Debug, Clone)]
pub enum SymbolTarget {
    Entity { name: String, kind: EntityKind },
    Article { title: String },
}

/// Entities and articles whose names fuzzily match `query`, best first;
/// with an empty query, the most mentioned entities. At most `limit`.
pub fn symbols(
    corpus: &Corpus,
    query: &str,
    limit: usize,
) -> Vec<(SymbolTarget, Arc<ArticleEntry>, Span)> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut score = |name: &str| -> Option<u32> {
        if query.is_empty() {
            return Some(0);
        }
        pattern.score(Utf32Str::new(name, &mut buf), &mut matcher)
    };
    let mut scored: Vec<Scored> = Vec::new();
    for (name, postings) in corpus.entity_index().entities() {
        let Some(s) = score(name) else { continue };
        let mentions: usize = postings.values().map(Vec::len).sum();
        let Some((entry, span)) = earliest_mention(corpus, postings) else {
            continue;
        };
        let kind = corpus
            .entity_index()
            .kind(name)
            .unwrap_or(EntityKind::Organization);
        scored.push((
            s,
            mentions,
            SymbolTarget::Entity {
                name: name.clone(),
                kind,
            },
            Arc::clone(entry),
            span,
        ));
    }
    for entry in corpus.articles() {
        let title = title(entry);
        let Some(s) = score(&title) else { continue };
        if query.is_empty() {
            continue;
        }
        let span = entry
            .analysis
            .article
            .headline
            .as_ref()
            .map_or(0..0, |h| h.span.clone());
        scored.push((
            s,
            0,
            SymbolTarget::Article { title },
            Arc::clone(entry),
            span,
        ));
    }
    let name = |t: &SymbolTarget| match t {
        SymbolTarget::Entity { name, .. } => name.clone(),
        SymbolTarget::Article { title } => title.clone(),
    };
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.cmp(&a.1))
            .then_with(|| name(&a.2).cmp(&name(&b.2)))
    });
    one_per_entity(corpus, scored, limit)
}

/// A scored symbol: score, mentions, target, its first article and span.
type Scored = (u32, usize, SymbolTarget, Arc<ArticleEntry>, Span);

/// The earliest-dated article of an entity's postings, and its first
/// mention there.
fn earliest_mention<'a>(
    corpus: &'a Corpus,
    postings: &HashMap<u32, Vec<Span>>,
) -> Option<(&'a Arc<ArticleEntry>, Span)> {
    let (entry, spans) = postings
        .iter()
        .filter_map(|(&id, spans)| Some((corpus.article_by_id(id)?, spans)))
        .min_by(|(a, _), (b, _)| {
            (publication_date(a).is_none(), publication_date(a), &a.path).cmp(&(
                publication_date(b).is_none(),
                publication_date(b),
                &b.path,
            ))
        })?;
    let span = spans
        .iter()
        .min_by_key(|s| s.start)
        .cloned()
        .unwrap_or(0..0);
    Some((entry, span))
}

/// The first `limit` symbols, best first, one per entity.
fn one_per_entity(
    corpus: &Corpus,
    scored: Vec<Scored>,
    limit: usize,
) -> Vec<(SymbolTarget, Arc<ArticleEntry>, Span)> {
    // One symbol per entity, under its canonical name: the best-scoring
    // of its names stands for it.
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(limit.min(scored.len()));
    for (_, _, target, entry, span) in scored {
        if out.len() >= limit {
            break;
        }
        let target = match target {
            SymbolTarget::Entity { name, kind } => match corpus.cluster(&name) {
                Some(cluster) => {
                    if !seen.insert(cluster.canonical.clone()) {
                        continue;
                    }
                    SymbolTarget::Entity {
                        name: cluster.canonical,
                        kind: cluster.kind,
                    }
                }
                None => SymbolTarget::Entity { name, kind },
            },
            article => article,
        };
        out.push((target, entry, span));
    }
    out
}

/// The earliest-dated article mentioning `entity`, and its first mention.
pub fn first_mention(corpus: &Corpus, entity: &str) -> Option<(Arc<ArticleEntry>, Span)> {
    let sites = articles_mentioning(corpus, entity);
    let (entry, spans) = sites.iter().min_by(|(a, _), (b, _)| {
        (publication_date(a).is_none(), publication_date(a), &a.path).cmp(&(
            publication_date(b).is_none(),
            publication_date(b),
            &b.path,
        ))
    })?;
    Some((Arc::clone(entry), spans.first()?.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(span: Span) -> Mention {
        Mention {
            span,
            kind: EntityKind::Organization,
            entity: "X".into(),
            is_alias: false,
            is_declaration: false,
            value: None,
            annotation: None,
        }
    }

    #[test]
    fn mention_at_finds_the_span_under_the_offset_including_its_edges() {
        let mentions = [m(0..2), m(5..9), m(12..14)];
        assert_eq!(mention_at(&mentions, 5).map(|m| m.span.clone()), Some(5..9));
        assert_eq!(mention_at(&mentions, 9).map(|m| m.span.clone()), Some(5..9));
        assert_eq!(mention_at(&mentions, 10), None);
        assert_eq!(mention_at(&mentions, 100), None);
        assert_eq!(mention_at(&[], 0), None);
    }

    #[test]
    fn sentence_of_finds_the_enclosing_sentence() {
        let text = "Title here\n\nFirst one. Second one about BT.\n";
        let article = Article::parse(text);
        let bt = text.find("BT").unwrap();
        let s = sentence_of(&article, &(bt..bt + 2));
        assert_eq!(&text[s], "Second one about BT.");
        let t = sentence_of(&article, &(0..5));
        assert_eq!(&text[t], "Title here");
    }
}
