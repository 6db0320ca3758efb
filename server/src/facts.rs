//! `corpus-lsp export --format facts`: what the corpus knows, as JSON lines
//! for SQL engines (DuckDB, Spark, pandas). One file per table; every row
//! names its article by its path relative to the corpus root, and entities
//! by an id (`type:name`) that the entities table keys. The rows come from
//! the same listings as `entities`, `articles` and `claims`.

use crate::analysis::Span;
use crate::analysis::claims::{self, Party};
use crate::analysis::entities::{EntityKind, FigureValue, Mention};
use crate::analysis::line_index::ColumnUnit;
use crate::corpus::{ArticleEntry, Corpus};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::Path;

/// The tables written, in order.
pub const TABLES: [&str; 5] = ["articles", "mentions", "entities", "claims", "figures"];

/// How many rows each table got.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FactsSummary {
    pub articles: usize,
    pub rows: usize,
}

/// The id of an entity: its type and canonical name.
pub fn entity_id(kind: &str, name: &str) -> String {
    format!("{kind}:{name}")
}

/// Canonical names of the corpus's names, read once each.
struct Canonical<'a> {
    corpus: &'a Corpus,
    names: HashMap<(String, EntityKind), String>,
}

impl Canonical<'_> {
    fn of(&mut self, name: &str, kind: EntityKind) -> String {
        let corpus = self.corpus;
        self.names
            .entry((name.to_string(), kind))
            .or_insert_with(|| corpus.cluster_or_self(name, kind).canonical)
            .clone()
    }

    fn party(&mut self, p: &Party) -> String {
        let canonical = self.of(&p.name, p.kind);
        entity_id(p.kind.as_str(), &canonical)
    }
}

/// A span's byte offsets and its 1-based lines and character columns.
fn located(entry: &ArticleEntry, span: &Span) -> Value {
    let index = &entry.analysis.line_index;
    let start = index.line_col(&entry.text, span.start, ColumnUnit::Utf32);
    let end = index.line_col(&entry.text, span.end, ColumnUnit::Utf32);
    json!({
        "start": span.start,
        "end": span.end,
        "line": start.line + 1,
        "column": start.col + 1,
        "end_line": end.line + 1,
        "end_column": end.col + 1,
    })
}

/// `base` with the keys of `extra` added.
fn merged(mut base: Value, extra: Value) -> Value {
    if let (Some(base), Value::Object(extra)) = (base.as_object_mut(), extra) {
        base.extend(extra);
    }
    base
}

fn is_figure(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Money | EntityKind::Quantity | EntityKind::Percentage
    )
}

/// Rows by table name, as JSON lines.
type Rows = HashMap<&'static str, String>;

fn push(out: &mut Rows, table: &'static str, row: Value) {
    let lines = out.entry(table).or_default();
    lines.push_str(&row.to_string());
    lines.push('\n');
}

fn iso(d: Option<jiff::civil::Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// The rows of every table for the articles of `corpus` under `target`,
/// as JSON lines by table name.
pub fn tables(corpus: &Corpus, target: &Path) -> (FactsSummary, Vec<(&'static str, String)>) {
    let root = &corpus.root;
    let relative = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut canonical = Canonical {
        corpus,
        names: HashMap::new(),
    };
    let mut out: Rows = HashMap::new();
    let mut summary = FactsSummary::default();
    let mut entries = corpus.articles();
    entries.retain(|e| e.path.starts_with(target));
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    for entry in &entries {
        let article = relative(&entry.path);
        summary.articles += 1;
        if let Some(p) = corpus.published(&entry.path) {
            push(
                &mut out,
                "articles",
                json!({
                    "article": article,
                    "headline": p.headline,
                    "dateline": p.dateline,
                    "published": iso(p.date),
                    "source": p.source.map(|s| s.as_str()),
                    "earliest": iso(p.earliest),
                    "latest": iso(p.latest),
                    "evidence": p.evidence,
                    "bytes": entry.text.len(),
                    "lines": entry.analysis.line_index.line_count(),
                }),
            );
        }
        let mentions: &[Mention] = corpus.mentions(&entry.path).map_or(&[], |m| &m[..]);
        mention_rows(&mut out, &mut canonical, entry, &article, mentions);
        claim_rows(&mut out, &mut canonical, entry, &article);
        figure_rows(&mut out, &mut canonical, entry, &article, mentions);
    }

    // Entities of the whole corpus that the articles exported mention.
    let wanted: std::collections::HashSet<String> =
        entries.iter().map(|e| relative(&e.path)).collect();
    entity_rows(&mut out, corpus, &wanted, &relative);

    let tables = TABLES
        .iter()
        .map(|&t| {
            let lines = out.remove(t).unwrap_or_default();
            summary.rows += lines.lines().count();
            (t, lines)
        })
        .collect();
    (summary, tables)
}

/// The article's mentions, its own and those of its `.ann` file's other types.
fn mention_rows(
    out: &mut Rows,
    canonical: &mut Canonical,
    entry: &ArticleEntry,
    article: &str,
    mentions: &[Mention],
) {
    let corpus = canonical.corpus;
    for m in mentions {
        // As everywhere: automatic mentions in page furniture are left out.
        if m.annotation.is_none() && entry.analysis.article.is_boilerplate(m.span.start) {
            continue;
        }
        let kind = m.kind.as_str();
        let name = if is_figure(m.kind) || m.kind == EntityKind::Date {
            m.entity.clone()
        } else {
            canonical.of(&m.entity, m.kind)
        };
        push(
            out,
            "mentions",
            merged(
                json!({
                    "article": article,
                    "entity_id": entity_id(kind, &name),
                    "entity": name,
                    "type": kind,
                    "name": m.entity,
                    "text": entry.text.get(m.span.clone()).unwrap_or(""),
                    "alias": m.is_alias,
                    "annotation": m.annotation,
                }),
                located(entry, &m.span),
            ),
        );
    }
    for o in corpus.other_mentions(&entry.path) {
        let (Some(first), Some(last)) = (o.spans.first(), o.spans.last()) else {
            continue;
        };
        push(
            out,
            "mentions",
            merged(
                json!({
                    "article": article,
                    "entity_id": entity_id(&o.type_name, &o.text),
                    "entity": o.text,
                    "type": o.type_name,
                    "name": o.text,
                    "text": o.text,
                    "alias": false,
                    "annotation": o.id,
                }),
                located(entry, &(first.start..last.end)),
            ),
        );
    }
}

/// The article's event claims, with their parties' entity ids.
fn claim_rows(out: &mut Rows, canonical: &mut Canonical, entry: &ArticleEntry, article: &str) {
    let corpus = canonical.corpus;
    for c in corpus.event_claims(&entry.path) {
        let mut ids: Vec<String> = Vec::new();
        for p in c.actor.iter().chain(&c.parties) {
            let id = canonical.party(p);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let actor_id = c.actor.as_ref().map(|a| canonical.party(a));
        let (first, last) = c.value.period.unzip();
        let row = merged(
            crate::check::claim_json(entry, c, article),
            json!({
                "article": article,
                "actor_id": actor_id,
                "entity_ids": ids,
                "first": iso(first),
                "last": iso(last),
                "start": c.date_span.start,
                "end": c.date_span.end,
                "sentence_start": c.sentence.start,
                "sentence_end": c.sentence.end,
            }),
        );
        let mut row = row;
        if let Some(o) = row.as_object_mut() {
            // `article` says it, relative to the root, in every table.
            o.remove("path");
        }
        push(out, "claims", row);
    }
}

/// The article's figures, with the contract each is the value of, if any.
fn figure_rows(
    out: &mut Rows,
    canonical: &mut Canonical,
    entry: &ArticleEntry,
    article: &str,
    mentions: &[Mention],
) {
    // The contract values the corpus compares: the same reading as its
    // index (`claims::figure_claims` over the resolved mentions).
    let contracts = claims::figure_claims(&entry.text, &entry.analysis.article, mentions);
    for m in mentions.iter().filter(|m| is_figure(m.kind)) {
        if m.annotation.is_none() && entry.analysis.article.is_boilerplate(m.span.start) {
            continue;
        }
        let (value, max, currency, unit) = match m.value.as_deref() {
            Some(FigureValue::Money {
                amount,
                max,
                currency,
            }) => (Some(*amount), *max, Some(currency.code()), None),
            Some(FigureValue::Quantity { value, max, unit }) => {
                (Some(*value), *max, None, Some(unit.as_str()))
            }
            Some(FigureValue::Percentage { value, max }) => (Some(*value), *max, None, None),
            None => (None, None, None, None),
        };
        let contract = contracts.iter().find(|f| f.money.span == m.span);
        let mut parties: Vec<String> = Vec::new();
        for p in contract.iter().flat_map(|f| &f.parties) {
            let id = canonical.party(p);
            if !parties.contains(&id) {
                parties.push(id);
            }
        }
        let sentence = entry
            .analysis
            .article
            .paragraphs
            .iter()
            .flat_map(|p| &p.sentences)
            .find(|s| s.start <= m.span.start && m.span.end <= s.end)
            .and_then(|s| entry.text.get(s.clone()))
            .map(str::trim);
        push(
            out,
            "figures",
            merged(
                json!({
                    "article": article,
                    "type": m.kind.as_str(),
                    "text": entry.text.get(m.span.clone()).unwrap_or(""),
                    "normalized": m.entity,
                    "value": value,
                    "max": max,
                    "currency": currency,
                    "unit": unit,
                    "contract": contract.is_some(),
                    "hedged": contract.map(|f| f.money.hedged),
                    "party_ids": parties,
                    "sentence": sentence,
                }),
                located(entry, &m.span),
            ),
        );
    }
}

/// The entities of the whole corpus that the `wanted` articles mention.
fn entity_rows(
    out: &mut Rows,
    corpus: &Corpus,
    wanted: &std::collections::HashSet<String>,
    relative: &dyn Fn(&Path) -> String,
) {
    for row in crate::check::entity_rows(corpus, &|path| relative(path)) {
        if !row.articles.iter().any(|a| wanted.contains(a)) {
            continue;
        }
        push(
            out,
            "entities",
            json!({
                "entity_id": entity_id(&row.kind, &row.name),
                "entity": row.name,
                "type": row.kind,
                "aliases": row.aliases,
                "mentions": row.mentions,
                "articles": row.articles,
                "variants": row.variants,
                "possibly": row.possibly,
            }),
        );
    }
}
