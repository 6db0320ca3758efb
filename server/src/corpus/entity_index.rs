//! Entity → mentions across the corpus, kept per article so that one
//! article's update touches only its own postings. Aggregates that hovers
//! need (surface forms, where an alias was declared) are maintained
//! incrementally, so a hover never walks every mention of a common name.

use super::identity::NameIndex;
use crate::analysis::Span;
use crate::analysis::entities::{EntityKind, Mention};
use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// Sort key of an article in an entity's list: newest first, undated last.
type Recency = (Reverse<Option<Date>>, u32);

/// How many entity kinds there are.
const KINDS: usize = EntityKind::ALL.len();

/// Mentions of one entity per kind (by `EntityKind as usize`): those a
/// `.ann` types, and the others.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct KindVotes {
    annotated: [u32; KINDS],
    recognised: [u32; KINDS],
}

impl KindVotes {
    fn add(&mut self, mention: &Mention) {
        let votes = if mention.annotation.is_some() {
            &mut self.annotated
        } else {
            &mut self.recognised
        };
        votes[mention.kind as usize] += 1;
    }

    /// Adds `other`'s votes, or takes them back.
    fn merge(&mut self, other: &KindVotes, add: bool) {
        let pairs = self
            .annotated
            .iter_mut()
            .zip(other.annotated)
            .chain(self.recognised.iter_mut().zip(other.recognised));
        for (total, n) in pairs {
            *total = if add {
                *total + n
            } else {
                total.saturating_sub(n)
            };
        }
    }
}

/// The kind with the most votes, if any.
fn most(votes: &[u32; KINDS]) -> Option<EntityKind> {
    let (i, &n) = votes
        .iter()
        .enumerate()
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
    (n > 0).then(|| EntityKind::ALL[i])
}

#[derive(Debug, Default, PartialEq)]
pub struct EntityIndex {
    /// Canonical entity → article id → spans of its mentions there.
    postings: HashMap<String, HashMap<u32, Vec<Span>>>,
    /// Article id → what it contributed, to retract it.
    by_article: HashMap<u32, Vec<Contribution>>,
    /// Entity → mentions resolved as each kind: its kind is the most
    /// frequent, whatever order articles came in.
    kinds: HashMap<String, KindVotes>,
    /// Entity → surface form → mentions written that way.
    surfaces: HashMap<String, BTreeMap<String, u32>>,
    /// Entity → alias surface → (article, span) where it was declared.
    declarations: HashMap<String, BTreeMap<String, Vec<(u32, Span)>>>,
    /// Entity → its articles, newest first.
    recency: HashMap<String, BTreeSet<Recency>>,
    /// Article id → its recency key, to retract it.
    article_dates: HashMap<u32, Option<Date>>,
    /// Identity's lookup keys for every name with postings.
    names: NameIndex,
}

/// What one article contributes to an entity, kept to retract it. The
/// index keeps one per article and entity named there: boxed slices at
/// their length, and only the kinds with votes.
#[derive(Debug, PartialEq)]
struct Contribution {
    entity: String,
    kinds: SparseVotes,
    /// How the article writes the entity, each surface once with its
    /// count: a name is mostly written one way, many times.
    surfaces: Box<[(Box<str>, u32)]>,
    declarations: Box<[(String, Span)]>,
}

/// [`KindVotes`] with only the kinds that have votes, in kind order, so
/// two compare equal exactly when the votes do: (kind, annotated,
/// recognised).
#[derive(Debug, Default, PartialEq, Eq)]
struct SparseVotes(Box<[(u8, u32, u32)]>);

impl SparseVotes {
    fn of(votes: &KindVotes) -> SparseVotes {
        SparseVotes(
            (0..KINDS)
                .filter(|&k| votes.annotated[k] != 0 || votes.recognised[k] != 0)
                .map(|k| (k as u8, votes.annotated[k], votes.recognised[k]))
                .collect(),
        )
    }

    fn dense(&self) -> KindVotes {
        let mut votes = KindVotes::default();
        for &(kind, annotated, recognised) in &self.0 {
            votes.annotated[kind as usize] = annotated;
            votes.recognised[kind as usize] = recognised;
        }
        votes
    }
}

/// One article's postings and contributions, read from the article alone,
/// so a load reads them on every core.
#[derive(Debug)]
pub struct ArticlePostings(Vec<(Vec<Span>, Contribution)>);

impl ArticlePostings {
    pub fn of(text: &str, mentions: &[Mention]) -> ArticlePostings {
        /// An entity's spans, kinds, surfaces and declarations so far.
        #[derive(Default)]
        struct Mine<'a> {
            spans: Vec<Span>,
            kinds: KindVotes,
            surfaces: BTreeMap<&'a str, u32>,
            declarations: Vec<(String, Span)>,
        }
        let mut mine: HashMap<&str, Mine> = HashMap::default();
        for mention in mentions.iter().filter(|m| m.kind.is_name()) {
            let Some(surface) = text.get(mention.span.clone()) else {
                continue;
            };
            let entity = mine.entry(mention.entity.as_str()).or_default();
            entity.spans.push(mention.span.clone());
            *entity.surfaces.entry(surface).or_default() += 1;
            if mention.is_alias && mention.is_declaration {
                entity
                    .declarations
                    .push((surface.to_string(), mention.span.clone()));
            }
            entity.kinds.add(mention);
        }
        let mut postings: Vec<_> = mine
            .into_iter()
            .map(|(name, entity)| {
                let contribution = Contribution {
                    entity: name.to_string(),
                    kinds: SparseVotes::of(&entity.kinds),
                    surfaces: entity
                        .surfaces
                        .into_iter()
                        .map(|(s, n)| (s.into(), n))
                        .collect(),
                    declarations: entity.declarations.as_slice().into(),
                };
                // At its length, unlike a vector grown one push at a time
                // (whose spare room mimalloc keeps through `shrink_to_fit`).
                (entity.spans.as_slice().to_vec(), contribution)
            })
            .collect();
        // In name order, so two readings of one article compare equal.
        postings.sort_by(|a, b| a.1.entity.cmp(&b.1.entity));
        ArticlePostings(postings)
    }
}

impl EntityIndex {
    /// Replaces one article's postings with those of `mentions` (names
    /// only: figures and dates are not cross-referenced).
    pub fn set_article(&mut self, id: u32, text: &str, date: Option<Date>, mentions: &[Mention]) {
        self.set_postings(id, date, ArticlePostings::of(text, mentions));
    }

    /// Replaces one article's postings with `postings`, read by
    /// [`ArticlePostings::of`]. Returns whether what identity reads of the
    /// article changed: its names, their kinds and mention counts (not
    /// where they are, so most keystrokes keep identity's memos).
    pub fn set_postings(&mut self, id: u32, date: Option<Date>, postings: ArticlePostings) -> bool {
        let identity_changed = self.by_article.get(&id).is_none_or(|old| {
            old.len() != postings.0.len()
                || old.iter().zip(&postings.0).any(|(a, (_, b))| {
                    a.entity != b.entity || a.kinds != b.kinds || a.surfaces != b.surfaces
                })
        });
        self.remove_article(id);
        self.article_dates.insert(id, date);
        let mut contributions = Vec::with_capacity(postings.0.len());
        for (spans, c) in postings.0 {
            let postings = self.postings.entry(c.entity.clone()).or_default();
            if postings.is_empty() {
                self.names.add(&c.entity);
            }
            postings.insert(id, spans);
            self.kinds
                .entry(c.entity.clone())
                .or_default()
                .merge(&c.kinds.dense(), true);
            self.recency
                .entry(c.entity.clone())
                .or_default()
                .insert((Reverse(date), id));
            let surfaces = self.surfaces.entry(c.entity.clone()).or_default();
            for (s, n) in &c.surfaces {
                *surfaces.entry(s.to_string()).or_default() += n;
            }
            if !c.declarations.is_empty() {
                let declared = self.declarations.entry(c.entity.clone()).or_default();
                for (surface, span) in &c.declarations {
                    declared
                        .entry(surface.clone())
                        .or_default()
                        .push((id, span.clone()));
                }
            }
            contributions.push(c);
        }
        self.by_article.insert(id, contributions);
        identity_changed
    }

    /// Installs many articles into an empty index at once, as a load does:
    /// each of the index's maps is built by a task of its own, so the
    /// merge runs on every core. The result equals calling
    /// [`EntityIndex::set_postings`] on each article in order.
    pub fn load_all(&mut self, batch: Vec<(u32, Option<Date>, ArticlePostings)>) {
        if !self.by_article.is_empty() {
            for (id, date, postings) in batch {
                self.set_postings(id, date, postings);
            }
            return;
        }
        let mut spans = Vec::with_capacity(batch.len());
        let mut articles = Vec::with_capacity(batch.len());
        for (id, date, ArticlePostings(list)) in batch {
            let (article_spans, contributions): (Vec<_>, Vec<_>) = list.into_iter().unzip();
            spans.push(article_spans);
            articles.push((id, date, contributions));
        }
        let all = &articles;
        let each = || {
            all.iter()
                .flat_map(|(id, date, cs)| cs.iter().map(move |c| (*id, *date, c)))
        };
        let ((postings, names), ((kinds, recency), (surfaces, declarations))) = rayon::join(
            || {
                let mut postings: HashMap<String, HashMap<u32, Vec<Span>>> = HashMap::default();
                let mut first_seen = Vec::new();
                for ((id, _, cs), article_spans) in all.iter().zip(spans) {
                    for (c, spans) in cs.iter().zip(article_spans) {
                        let entry = postings.entry(c.entity.clone()).or_default();
                        if entry.is_empty() {
                            first_seen.push(c.entity.as_str());
                        }
                        entry.insert(*id, spans);
                    }
                }
                let mut names = NameIndex::default();
                names.add_all(&first_seen);
                (postings, names)
            },
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || {
                                let mut kinds: HashMap<String, KindVotes> = HashMap::default();
                                for (_, _, c) in each() {
                                    kinds
                                        .entry(c.entity.clone())
                                        .or_default()
                                        .merge(&c.kinds.dense(), true);
                                }
                                kinds
                            },
                            || {
                                let mut recency: HashMap<String, BTreeSet<Recency>> =
                                    HashMap::default();
                                for (id, date, c) in each() {
                                    recency
                                        .entry(c.entity.clone())
                                        .or_default()
                                        .insert((Reverse(date), id));
                                }
                                recency
                            },
                        )
                    },
                    || {
                        rayon::join(
                            || {
                                let mut surfaces: HashMap<String, BTreeMap<String, u32>> =
                                    HashMap::default();
                                for (_, _, c) in each() {
                                    let counts = surfaces.entry(c.entity.clone()).or_default();
                                    for (s, n) in &c.surfaces {
                                        *counts.entry(s.to_string()).or_default() += n;
                                    }
                                }
                                surfaces
                            },
                            || {
                                let mut declarations: HashMap<
                                    String,
                                    BTreeMap<String, Vec<(u32, Span)>>,
                                > = HashMap::default();
                                for (id, _, c) in
                                    each().filter(|(_, _, c)| !c.declarations.is_empty())
                                {
                                    let declared =
                                        declarations.entry(c.entity.clone()).or_default();
                                    for (surface, span) in &c.declarations {
                                        declared
                                            .entry(surface.clone())
                                            .or_default()
                                            .push((id, span.clone()));
                                    }
                                }
                                declarations
                            },
                        )
                    },
                )
            },
        );
        self.postings = postings;
        self.names = names;
        self.kinds = kinds;
        self.recency = recency;
        self.surfaces = surfaces;
        self.declarations = declarations;
        for (id, date, contributions) in articles {
            self.article_dates.insert(id, date);
            self.by_article.insert(id, contributions);
        }
    }

    pub fn remove_article(&mut self, id: u32) {
        let date = self.article_dates.remove(&id).flatten();
        for c in self.by_article.remove(&id).unwrap_or_default() {
            if let Some(set) = self.recency.get_mut(&c.entity) {
                set.remove(&(Reverse(date), id));
                if set.is_empty() {
                    self.recency.remove(&c.entity);
                }
            }
            if let Some(articles) = self.postings.get_mut(&c.entity) {
                articles.remove(&id);
                if articles.is_empty() {
                    self.postings.remove(&c.entity);
                    self.kinds.remove(&c.entity);
                    self.names.remove(&c.entity);
                }
            }
            if let Some(kinds) = self.kinds.get_mut(&c.entity) {
                kinds.merge(&c.kinds.dense(), false);
            }
            if let Some(surfaces) = self.surfaces.get_mut(&c.entity) {
                for (s, n) in &c.surfaces {
                    if let Some(count) = surfaces.get_mut(&**s) {
                        *count = count.saturating_sub(*n);
                        if *count == 0 {
                            surfaces.remove(&**s);
                        }
                    }
                }
                if surfaces.is_empty() {
                    self.surfaces.remove(&c.entity);
                }
            }
            if let Some(declared) = self.declarations.get_mut(&c.entity) {
                for (surface, _) in &c.declarations {
                    if let Some(sites) = declared.get_mut(surface) {
                        sites.retain(|(article, _)| *article != id);
                        if sites.is_empty() {
                            declared.remove(surface);
                        }
                    }
                }
                if declared.is_empty() {
                    self.declarations.remove(&c.entity);
                }
            }
        }
    }

    /// The articles mentioning `entity`, each with its mention spans.
    pub fn mentions(&self, entity: &str) -> Option<&HashMap<u32, Vec<Span>>> {
        self.postings.get(entity)
    }

    /// The articles mentioning `entity`, newest first (undated last), ties
    /// in order of id.
    pub fn newest_first(&self, entity: &str) -> impl Iterator<Item = u32> + '_ {
        self.recency
            .get(entity)
            .into_iter()
            .flatten()
            .map(|(_, id)| *id)
    }

    /// (mentions, articles) for an entity.
    pub fn totals(&self, entity: &str) -> (usize, usize) {
        let mentions = self
            .surfaces
            .get(entity)
            .map_or(0, |s| s.values().map(|&n| n as usize).sum());
        let articles = self.postings.get(entity).map_or(0, HashMap::len);
        (mentions, articles)
    }

    /// How the entity is written across the corpus, with counts.
    pub fn surfaces(&self, entity: &str) -> Option<&BTreeMap<String, u32>> {
        self.surfaces.get(entity)
    }

    /// Where each alias of the entity was declared (defined as an acronym).
    pub fn declarations(&self, entity: &str, alias: &str) -> &[(u32, Span)] {
        self.declarations
            .get(entity)
            .and_then(|d| d.get(alias))
            .map_or(&[], Vec::as_slice)
    }

    /// Identity's lookup keys of every name.
    pub fn names(&self) -> &NameIndex {
        &self.names
    }

    /// The articles mentioning any of `names`, newest first (undated
    /// last), each once.
    pub fn newest_first_of<'a>(&'a self, names: &[&str]) -> impl Iterator<Item = u32> + 'a {
        let mut lists: Vec<std::iter::Peekable<std::collections::btree_set::Iter<'a, Recency>>> =
            names
                .iter()
                .filter_map(|n| self.recency.get(*n))
                .map(|s| s.iter().peekable())
                .collect();
        let mut last: Option<u32> = None;
        std::iter::from_fn(move || {
            loop {
                let best = (0..lists.len())
                    .filter_map(|i| lists[i].peek().map(|r| (*r, i)))
                    .min()?;
                lists[best.1].next();
                let id = (best.0).1;
                // An article under several names comes once: its key is the
                // same in every list, so repeats are adjacent.
                if last != Some(id) {
                    last = Some(id);
                    return Some(id);
                }
            }
        })
    }

    /// The spans of one article's mentions under any of `names`.
    pub fn spans_in<'a>(&'a self, names: &'a [&str], id: u32) -> impl Iterator<Item = &'a Span> {
        names
            .iter()
            .filter_map(move |n| self.postings.get(*n)?.get(&id))
            .flatten()
    }

    /// How many articles mention any of `names`.
    pub fn article_count_of(&self, names: &[&str]) -> usize {
        let mut lists: Vec<&HashMap<u32, Vec<Span>>> =
            names.iter().filter_map(|n| self.postings.get(*n)).collect();
        lists.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let Some((largest, rest)) = lists.split_first() else {
            return 0;
        };
        let mut extra: rustc_hash::FxHashSet<u32> = Default::default();
        for p in rest {
            extra.extend(p.keys().filter(|id| !largest.contains_key(id)));
        }
        largest.len() + extra.len()
    }

    /// The kind most of the entity's annotated mentions have, else the
    /// kind most of its mentions are resolved as (ties go to the kind
    /// listed first in `EntityKind::ALL`).
    pub fn kind(&self, entity: &str) -> Option<EntityKind> {
        let kinds = self.kinds.get(entity)?;
        most(&kinds.annotated).or_else(|| most(&kinds.recognised))
    }

    pub fn entities(&self) -> impl Iterator<Item = (&String, &HashMap<u32, Vec<Span>>)> {
        self.postings.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(span: Span, kind: EntityKind, entity: &str, alias: bool) -> Mention {
        Mention {
            span,
            kind,
            entity: entity.into(),
            is_alias: alias,
            is_declaration: alias,
            value: None,
            annotation: None,
        }
    }

    #[test]
    fn a_batch_load_equals_articles_set_one_by_one() {
        let (org, person) = (EntityKind::Organization, EntityKind::Person);
        let text = "Orvane Holdings said OH and Mara Quist met Orvane";
        let articles: Vec<(u32, Option<Date>, Vec<Mention>)> = vec![
            (
                4,
                Some(jiff::civil::date(2009, 3, 2)),
                vec![
                    mention(0..15, org, "Orvane Holdings", false),
                    mention(21..23, org, "Orvane Holdings", true),
                    mention(28..37, person, "Mara Quist", false),
                ],
            ),
            (1, None, vec![mention(42..48, org, "Orvane", false)]),
            (
                7,
                Some(jiff::civil::date(2008, 1, 9)),
                vec![
                    mention(0..6, person, "Orvane Holdings", false),
                    mention(28..37, person, "Mara Quist", false),
                    mention(21..23, org, "Orvane Holdings", true),
                ],
            ),
        ];
        let mut one_by_one = EntityIndex::default();
        let mut batch = Vec::new();
        for (id, date, mentions) in &articles {
            one_by_one.set_postings(*id, *date, ArticlePostings::of(text, mentions));
            batch.push((*id, *date, ArticlePostings::of(text, mentions)));
        }
        let mut loaded = EntityIndex::default();
        loaded.load_all(batch);
        assert_eq!(loaded, one_by_one);
        assert_eq!(loaded.names.len(), 3);
        // A batch into an index that has articles goes one by one.
        let again: Vec<_> = articles
            .iter()
            .map(|(id, date, m)| (*id, *date, ArticlePostings::of(text, m)))
            .collect();
        loaded.load_all(again);
        for (id, date, mentions) in &articles {
            one_by_one.set_postings(*id, *date, ArticlePostings::of(text, mentions));
        }
        assert_eq!(loaded, one_by_one);
    }

    #[test]
    fn an_entitys_kind_is_its_mentions_majority_in_any_order() {
        let (org, product) = (EntityKind::Organization, EntityKind::Product);
        let orgs = [
            mention(0..6, org, "Orvane", false),
            mention(7..13, org, "Orvane", false),
        ];
        let products = [mention(0..6, product, "Orvane", false)];
        let text = "Orvane Orvane";
        for order in [[1, 2], [2, 1]] {
            let mut index = EntityIndex::default();
            for id in order {
                let mentions: &[Mention] = if id == 1 { &orgs } else { &products };
                index.set_article(id, text, None, mentions);
            }
            assert_eq!(index.kind("Orvane"), Some(org), "order {order:?}");
            index.remove_article(1);
            assert_eq!(index.kind("Orvane"), Some(product), "order {order:?}");
            index.remove_article(2);
            assert_eq!(index.kind("Orvane"), None);
        }
    }

    #[test]
    fn updates_replace_only_one_articles_postings_and_aggregates() {
        let org = EntityKind::Organization;
        let mut index = EntityIndex::default();
        let text = "BT, BT and British Telecom";
        index.set_article(
            1,
            text,
            None,
            &[
                mention(0..2, org, "BT", false),
                mention(4..6, org, "BT", false),
                mention(11..26, org, "BT", true),
            ],
        );
        index.set_article(
            2,
            "BT £1",
            Some(jiff::civil::date(2008, 1, 1)),
            &[
                mention(0..2, org, "BT", false),
                mention(3..6, EntityKind::Money, "GBP 1", false),
            ],
        );
        assert_eq!(index.totals("BT"), (4, 2));
        assert_eq!(index.surfaces("BT").unwrap().get("BT"), Some(&3));
        assert_eq!(index.declarations("BT", "British Telecom"), &[(1, 11..26)]);
        assert_eq!(
            index.totals("GBP 1"),
            (0, 0),
            "figures are not cross-referenced"
        );
        assert_eq!(
            index.newest_first("BT").collect::<Vec<_>>(),
            [2, 1],
            "dated first"
        );
        index.set_article(
            1,
            "Jane Doe",
            None,
            &[mention(0..8, EntityKind::Person, "Jane Doe", false)],
        );
        assert_eq!(index.totals("BT"), (1, 1));
        assert!(index.declarations("BT", "British Telecom").is_empty());
        assert_eq!(index.surfaces("BT").unwrap().len(), 1);
        index.remove_article(2);
        assert!(index.mentions("BT").is_none());
        assert!(index.surfaces("BT").is_none());
        assert_eq!(index.totals("Jane Doe"), (1, 1));
    }
}
