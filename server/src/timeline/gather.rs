//! Gathering the timeline from a corpus: lanes of dated claims, the
//! conflicts between them, the undated articles' intervals.

use super::{Conflict, Lane, MAX_LANES, MAX_UNDATED, Mark, Options, Source, Timeline, Undated};
use crate::analysis::claims::{EventClaim, matching};
use crate::analysis::findings::codes;
use crate::analysis::line_index::ColumnUnit;
use crate::corpus::identity::Cluster;
use crate::corpus::published::DateSource;
use crate::corpus::{ArticleEntry, Corpus};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A claim's identity within the corpus: its article and date offset.
type ClaimKey = (PathBuf, usize);

fn line_of(entry: &ArticleEntry, offset: usize) -> u32 {
    entry
        .analysis
        .line_index
        .line_col(&entry.text, offset, ColumnUnit::Utf32)
        .line
        + 1
}

fn shown_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

fn quote(text: &str, span: &std::ops::Range<usize>) -> String {
    text.get(span.clone()).unwrap_or("").trim().to_string()
}

/// Finds the entity `name` names: its own cluster, else one with a member
/// of that name in another case, else one written that way in an article
/// (`British Telecom` for BT).
fn find_entity(corpus: &Corpus, name: &str) -> Option<crate::corpus::identity::Cluster> {
    let name = name.trim();
    if let Some(c) = corpus.cluster(name) {
        return Some(c);
    }
    let lower = name.to_lowercase();
    let clusters = corpus.clusters();
    let index = corpus.entity_index();
    let named = |c: &crate::corpus::identity::Cluster| {
        c.canonical.to_lowercase() == lower
            || c.members.iter().any(|m| m.name.to_lowercase() == lower)
    };
    let written = |c: &crate::corpus::identity::Cluster| {
        c.members.iter().any(|m| {
            index
                .surfaces(&m.name)
                .is_some_and(|s| s.keys().any(|k| k.to_lowercase() == lower))
        })
    };
    let found = clusters.iter().position(named);
    let found = found.or_else(|| clusters.iter().position(written))?;
    clusters.into_iter().nth(found)
}

/// Conflicts and, for each claim, the conflicts it is in (indexes).
type Conflicts = (Vec<Conflict>, HashMap<ClaimKey, Vec<usize>>);

/// The timeline of the corpus, of the articles under `under` (all when it
/// is the root).
pub fn build(corpus: &Corpus, under: &Path, options: &Options) -> Result<Timeline, String> {
    let root = corpus.root.as_path();
    let cluster = match &options.entity {
        Some(name) => Some(
            find_entity(corpus, name)
                .ok_or_else(|| format!("no entity named ‘{name}’ in the corpus"))?,
        ),
        None => None,
    };
    let mut entries = corpus.articles();
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let entries: Vec<&ArticleEntry> = entries
        .into_iter()
        .filter(|e| e.path.starts_with(under))
        .map(|e| e.as_ref())
        .collect();

    let (conflicts, conflicts_of) = gather_conflicts(corpus, &entries);
    let (by_lane, vague, shown_articles) =
        gather_marks(corpus, &entries, cluster.as_ref(), &conflicts_of);
    let entities = by_lane.len();
    let own = cluster.as_ref().map(|c| c.canonical.clone());
    let mut lanes = order_lanes(by_lane, own.as_ref());
    let hidden_claims = lanes.iter().skip(MAX_LANES).map(|l| l.marks.len()).sum();
    lanes.truncate(MAX_LANES);
    let claims = lanes.iter().map(|l| l.marks.len()).sum();

    let (mut undated, unplaced) =
        gather_undated(corpus, &entries, cluster.as_ref(), &shown_articles);
    let hidden_undated = undated.len().saturating_sub(MAX_UNDATED);
    undated.truncate(MAX_UNDATED);

    let corpus_name = root.file_name().map_or_else(
        || root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Timeline {
        title: match &own {
            Some(e) => format!("Timeline of {e} — {corpus_name}"),
            None => format!("Timeline — {corpus_name}"),
        },
        entity: own,
        lanes,
        entities,
        claims,
        hidden_claims,
        vague_claims: vague,
        conflicts,
        undated,
        hidden_undated,
        unplaced_undated: unplaced,
    })
}

/// Conflicts, from the `conflicting-event-date` findings: each names a
/// claim by its date and the other claims by their sentences.
fn gather_conflicts(corpus: &Corpus, entries: &[&ArticleEntry]) -> Conflicts {
    let root = corpus.root.as_path();
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut pairs: HashMap<(ClaimKey, ClaimKey), usize> = HashMap::new();
    let mut conflicts_of: HashMap<ClaimKey, Vec<usize>> = HashMap::new();
    for &entry in entries {
        if !corpus.has_claims(&entry.path) {
            continue;
        }
        let mine = corpus.event_claims(&entry.path);
        for finding in corpus.findings(&entry.path) {
            if finding.code != codes::CONFLICTING_EVENT_DATE {
                continue;
            }
            let Some(claim) = mine.iter().find(|c| c.date_span == finding.span) else {
                continue;
            };
            for related in &finding.related {
                let other_path = related.file.clone().unwrap_or_else(|| entry.path.clone());
                let Some(other_entry) = corpus.article(&other_path) else {
                    continue;
                };
                let Some(other) = corpus
                    .event_claims(&other_path)
                    .iter()
                    .find(|o| o.sentence == related.span && matching::dates_disjoint(claim, o))
                else {
                    continue;
                };
                let ka: ClaimKey = (entry.path.clone(), claim.date_span.start);
                let kb: ClaimKey = (other_path.clone(), other.date_span.start);
                let key = if ka <= kb {
                    (ka.clone(), kb.clone())
                } else {
                    (kb.clone(), ka.clone())
                };
                if pairs.contains_key(&key) {
                    continue;
                }
                let source = |e: &ArticleEntry, c: &EventClaim| Source {
                    shown: shown_path(root, &e.path),
                    path: e.path.clone(),
                    line: line_of(e, c.date_span.start),
                    date: quote(&e.text, &c.date_span),
                    value: c.value.value.clone(),
                };
                let (a, b) = (source(entry, claim), source(other_entry, other));
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                let at = conflicts.len();
                conflicts.push(Conflict {
                    event: claim.family.as_str().to_string(),
                    who: claim.who(),
                    a,
                    b,
                });
                pairs.insert(key, at);
                conflicts_of.entry(ka).or_default().push(at);
                conflicts_of.entry(kb).or_default().push(at);
            }
        }
    }
    (conflicts, conflicts_of)
}

/// Marks, by lane (the canonical name of a claim's first party), with the
/// count of claims too vague to place and the articles that have a mark.
fn gather_marks(
    corpus: &Corpus,
    entries: &[&ArticleEntry],
    cluster: Option<&Cluster>,
    conflicts_of: &HashMap<ClaimKey, Vec<usize>>,
) -> (BTreeMap<String, Vec<Mark>>, usize, HashSet<PathBuf>) {
    let root = corpus.root.as_path();
    let mut canonical: HashMap<String, String> = HashMap::new();
    let mut canonical_of = |name: &str| -> String {
        canonical
            .entry(name.to_string())
            .or_insert_with(|| {
                corpus
                    .cluster(name)
                    .map_or_else(|| name.to_string(), |c| c.canonical)
            })
            .clone()
    };
    let mut by_lane: BTreeMap<String, Vec<Mark>> = BTreeMap::new();
    let mut vague = 0;
    let mut shown_articles: HashSet<PathBuf> = HashSet::new();
    for &entry in entries {
        let published = corpus.published(&entry.path);
        let headline = published.as_ref().and_then(|p| p.headline.clone());
        for claim in corpus.event_claims(&entry.path) {
            let parties: Vec<&str> = claim
                .actor
                .iter()
                .chain(&claim.parties)
                .map(|p| p.name.as_str())
                .collect();
            if let Some(cluster) = cluster
                && !parties
                    .iter()
                    .any(|p| cluster.contains(p) || canonical_of(p) == cluster.canonical)
            {
                continue;
            }
            let Some((first, last)) = claim.value.period else {
                vague += 1;
                continue;
            };
            let lane = parties
                .first()
                .map_or_else(|| "(no party named)".to_string(), |p| canonical_of(p));
            let key: ClaimKey = (entry.path.clone(), claim.date_span.start);
            by_lane.entry(lane).or_default().push(Mark {
                path: entry.path.clone(),
                shown: shown_path(root, &entry.path),
                line: line_of(entry, claim.date_span.start),
                headline: headline.clone(),
                date: quote(&entry.text, &claim.date_span),
                value: claim.value.value.clone(),
                first,
                last,
                event: if claim.family.as_str() == claim.kind.as_str() {
                    claim.kind.as_str().to_string()
                } else {
                    format!("{} ({})", claim.family.as_str(), claim.kind.as_str())
                },
                who: claim.who(),
                sentence: quote(&entry.text, &claim.sentence),
                plan: claim.plan,
                conflicts: conflicts_of.get(&key).cloned().unwrap_or_default(),
            });
            shown_articles.insert(entry.path.clone());
        }
    }
    (by_lane, vague, shown_articles)
}

/// Lanes with their marks in date order: the entity asked for first, then
/// the busiest, then by name.
fn order_lanes(by_lane: BTreeMap<String, Vec<Mark>>, own: Option<&String>) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = by_lane
        .into_iter()
        .map(|(entity, mut marks)| {
            marks.sort_by(|a, b| {
                (a.first, a.last, &a.path, a.line).cmp(&(b.first, b.last, &b.path, b.line))
            });
            Lane { entity, marks }
        })
        .collect();
    lanes.sort_by(|a, b| {
        let mine = |l: &Lane| Some(&l.entity) == own;
        mine(b)
            .cmp(&mine(a))
            .then(b.marks.len().cmp(&a.marks.len()))
            .then_with(|| a.entity.cmp(&b.entity))
    });
    lanes
}

/// Undated articles (those the entity is mentioned in or has a mark in,
/// when there is one) with an inferred interval, earliest first; and how
/// many undated articles have none.
fn gather_undated(
    corpus: &Corpus,
    entries: &[&ArticleEntry],
    cluster: Option<&Cluster>,
    shown_articles: &HashSet<PathBuf>,
) -> (Vec<Undated>, usize) {
    let root = corpus.root.as_path();
    let mentioned: Option<HashSet<u32>> = cluster.map(|c| {
        let index = corpus.entity_index();
        c.members
            .iter()
            .filter_map(|m| index.mentions(&m.name))
            .flat_map(|m| m.keys().copied())
            .collect()
    });
    let mut undated = Vec::new();
    let mut unplaced = 0;
    for &entry in entries {
        if let Some(ids) = &mentioned {
            let id = corpus.id_of(&entry.path);
            if !id.is_some_and(|id| ids.contains(&id)) && !shown_articles.contains(&entry.path) {
                continue;
            }
        }
        let Some(p) = corpus.published(&entry.path) else {
            continue;
        };
        match p.source {
            Some(DateSource::Inferred) if p.earliest.is_some() || p.latest.is_some() => {
                undated.push(Undated {
                    shown: shown_path(root, &p.path),
                    path: p.path,
                    headline: p.headline,
                    earliest: p.earliest,
                    latest: p.latest,
                    evidence: p.evidence,
                });
            }
            Some(DateSource::Dateline | DateSource::Config) => {}
            _ => unplaced += 1,
        }
    }
    undated.sort_by(|a, b| {
        (a.earliest.or(a.latest), a.latest, &a.path).cmp(&(
            b.earliest.or(b.latest),
            b.latest,
            &b.path,
        ))
    });
    (undated, unplaced)
}
