//! The corpus's event and figure claims, indexed by event key, and the
//! cross-article findings read from them (`conflicting-event-date`,
//! `conflicting-figure`).

use super::{ArticleEntry, Corpus, LISTED_CONFLICTS};
use crate::analysis::claims::{self, EventClaim, Family, FigureClaim, matching};
use crate::analysis::entities::{Currency, Mention};
use crate::analysis::findings::{Finding, codes};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// See [`ClaimIndex::candidates`].
pub const MAX_POSTINGS: usize = 64;

/// One article's claims.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ArticleClaims {
    pub events: Vec<EventClaim>,
    pub figures: Vec<FigureClaim>,
    /// The index keys of its claims, computed with them: on every core at
    /// load, rather than one article at a time into the index.
    keys: Vec<u64>,
    /// Each event's and each figure's own keys, hashed, in claim order:
    /// the lookups of its tellings need them again for every finding.
    event_keys: Vec<Box<[u64]>>,
    figure_keys: Vec<Box<[u64]>>,
    /// Each event's family and each figure's currency, in claim order and
    /// packed: most candidates differ in them, and reading them from here
    /// spares a visit to each claim, far apart in memory.
    event_families: Vec<Family>,
    figure_currencies: Vec<Currency>,
    /// Events whose year only a guessed publication date gives (`in June`
    /// in an article without a dateline): never evidence of a conflict.
    guessed_years: Vec<bool>,
}

/// Claims by article, and which articles tell claims under each key.
#[derive(Debug, Default)]
pub struct ClaimIndex {
    by_article: FxHashMap<u32, Arc<ArticleClaims>>,
    /// Keyed by hashes already, so a cheap hasher does.
    by_key: FxHashMap<u64, FxHashSet<u32>>,
}

/// Stable across builds (unlike `DefaultHasher`): claims are cached with
/// their keys hashed.
fn hash_key(key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// More dated events or deal figures than any news article tells.
const MAX_CLAIMS_PER_ARTICLE: usize = 200;

impl ArticleClaims {
    /// An article's claims, from its text and resolved mentions (pure, so
    /// a load reads them on every core).
    pub fn read(entry: &ArticleEntry, mentions: &[Mention]) -> ArticleClaims {
        let text = &entry.text;
        let article = &entry.analysis.article;
        let mut events =
            claims::event_claims(text, article, &entry.analysis.dates.expressions, mentions);
        let mut figures = claims::figure_claims(text, article, mentions);
        // Claims of one article are compared with each other: bounded, so a
        // huge file (a book, a dump of tables) stays linear in its size.
        events.truncate(MAX_CLAIMS_PER_ARTICLE);
        figures.truncate(MAX_CLAIMS_PER_ARTICLE);
        let hashed = |keys: Vec<String>| keys.iter().map(|k| hash_key(k)).collect();
        let mut memo = claims::PartyKeys::default();
        let event_keys: Vec<Box<[u64]>> = events
            .iter()
            .map(|c| hashed(c.keys_with(&mut memo)))
            .collect();
        let figure_keys: Vec<Box<[u64]>> = figures
            .iter()
            .map(|c| hashed(c.keys_with(&mut memo)))
            .collect();
        let mut keys: Vec<u64> = event_keys
            .iter()
            .chain(&figure_keys)
            .flatten()
            .copied()
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let event_families = events.iter().map(|c| c.family).collect();
        let figure_currencies = figures.iter().map(|c| c.money.currency).collect();
        let undated = entry.analysis.dates.anchor.is_none_or(|a| a.inferred);
        let guessed_years = events
            .iter()
            .map(|c| undated && !writes_a_year(text.get(c.date_span.clone()).unwrap_or("")))
            .collect();
        ArticleClaims {
            events,
            figures,
            keys,
            event_keys,
            figure_keys,
            event_families,
            figure_currencies,
            guessed_years,
        }
    }
}

/// Whether a date expression writes its year (`March 2008`, `2008/09`).
fn writes_a_year(expression: &str) -> bool {
    expression
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && matches!(&w[..2], b"19" | b"20"))
}

impl ArticleClaims {
    /// Each event's keys, hashed, in claim order.
    pub(super) fn event_keys(&self) -> &[Box<[u64]>] {
        &self.event_keys
    }

    /// The events of one family (see `event_families`).
    pub(super) fn events_of(&self, family: Family) -> impl Iterator<Item = &EventClaim> {
        self.events
            .iter()
            .zip(&self.event_families)
            .filter(move |(_, f)| **f == family)
            .map(|(c, _)| c)
    }

    /// [`ArticleClaims::events_of`] whose year is written or read against
    /// a dateline, so that their dates can conflict with others'.
    fn dated_events_of(&self, family: Family) -> impl Iterator<Item = &EventClaim> {
        self.events
            .iter()
            .zip(&self.event_families)
            .zip(&self.guessed_years)
            .filter(move |((_, f), guessed)| **f == family && !**guessed)
            .map(|((c, _), _)| c)
    }

    /// The figures in one currency, with their keys (see
    /// `figure_currencies`).
    fn figures_in(&self, currency: Currency) -> impl Iterator<Item = (&FigureClaim, &[u64])> {
        self.figures
            .iter()
            .zip(&self.figure_keys)
            .zip(&self.figure_currencies)
            .filter(move |(_, c)| **c == currency)
            .map(|((f, keys), _)| (f, &**keys))
    }
}

impl ClaimIndex {
    pub fn set(&mut self, id: u32, claims: ArticleClaims) {
        self.set_shared(id, Arc::new(claims));
    }

    /// [`ClaimIndex::set`] with claims shared with the cache's writer.
    pub fn set_shared(&mut self, id: u32, claims: Arc<ArticleClaims>) {
        self.remove(id);
        if claims.events.is_empty() && claims.figures.is_empty() {
            return;
        }
        for &key in &claims.keys {
            self.by_key.entry(key).or_default().insert(id);
        }
        self.by_article.insert(id, claims);
    }

    pub fn remove(&mut self, id: u32) {
        let Some(old) = self.by_article.remove(&id) else {
            return;
        };
        for key in &old.keys {
            if let Some(ids) = self.by_key.get_mut(key) {
                ids.remove(&id);
                if ids.is_empty() {
                    self.by_key.remove(key);
                }
            }
        }
    }

    pub fn of(&self, id: u32) -> Option<&Arc<ArticleClaims>> {
        self.by_article.get(&id)
    }

    /// Articles with a claim under any of `keys`, in id order. A key shared
    /// by more than [`MAX_POSTINGS`] articles (a supplier's every contract)
    /// identifies no one event and is passed over, so the work per claim
    /// stays bounded however large the corpus grows.
    fn candidates(&self, keys: &[u64]) -> Vec<u32> {
        let mut ids: Vec<u32> = keys
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .filter(|ids| ids.len() <= MAX_POSTINGS)
            .flatten()
            .copied()
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// How many mutually disjoint periods `claim` and its tellings give.
fn distinct_dates(claim: &EventClaim, tellings: &[(u32, &EventClaim, f32)]) -> usize {
    let mut periods: Vec<(jiff::civil::Date, jiff::civil::Date)> = std::iter::once(claim)
        .chain(tellings.iter().map(|(_, c, _)| *c))
        .filter_map(|c| c.value.period)
        .collect();
    periods.sort();
    let mut groups = 0;
    let mut end: Option<jiff::civil::Date> = None;
    for (first, last) in periods {
        match end {
            Some(e) if first <= e => end = Some(e.max(last)),
            _ => {
                groups += 1;
                end = Some(last);
            }
        }
    }
    groups
}

/// The candidates of each key set met in one article's findings, in path
/// order: its claims name the same parties again and again.
#[derive(Default)]
pub(super) struct CandidateMemo<'a> {
    by_keys: FxHashMap<&'a [u64], Vec<u32>>,
}

impl<'a> CandidateMemo<'a> {
    pub(super) fn of(&mut self, corpus: &Corpus, keys: &'a [u64]) -> &[u32] {
        self.by_keys
            .entry(keys)
            .or_insert_with(|| corpus.candidates_by_path(keys))
    }
}

impl Corpus {
    pub(super) fn remove_claims(&mut self, id: u32) {
        self.claims.remove(id);
    }

    /// Whether two names are in one identity cluster, for matching claims
    /// (which compare keys first): each name's canonical name is kept
    /// until the corpus changes.
    ///
    /// Each memo also keeps the names it has met, so the many comparisons
    /// of one article's findings share no lock with other threads'.
    pub fn same_entity_memo(&self) -> impl Fn(&str, &str) -> bool + '_ {
        // Canonical names are numbered as met, so a comparison is of two
        // numbers, not two strings.
        #[derive(Default)]
        struct Met {
            by_name: FxHashMap<Box<str>, u32>,
            numbers: FxHashMap<Arc<str>, u32>,
        }
        let met: RefCell<Met> = RefCell::default();
        let canonical = move |name: &str| -> u32 {
            if let Some(&n) = met.borrow().by_name.get(name) {
                return n;
            }
            let c = self.canonical_of(name);
            let mut met = met.borrow_mut();
            let next = met.numbers.len() as u32;
            let n = *met.numbers.entry(c).or_insert(next);
            met.by_name.insert(name.into(), n);
            n
        };
        move |a: &str, b: &str| a == b || canonical(a) == canonical(b)
    }

    fn canonical_of(&self, name: &str) -> Arc<str> {
        let cached = self
            .canonical_cache
            .read()
            .ok()
            .and_then(|c| c.get(name).cloned());
        if let Some(c) = cached {
            return c;
        }
        let c: Arc<str> = self
            .cluster(name)
            .map_or_else(|| Arc::from(name), |c| Arc::from(c.canonical));
        if let Ok(mut cache) = self.canonical_cache.write() {
            cache.insert(name.into(), Arc::clone(&c));
        }
        c
    }

    /// The event claims of an article.
    pub fn event_claims(&self, path: &Path) -> &[EventClaim] {
        self.id_of(path)
            .and_then(|id| self.claims.of(id))
            .map_or(&[], |c| c.events.as_slice())
    }

    /// The claims of other articles (and of this one, elsewhere) that
    /// tell the same event as `claim`, with their article ids.
    pub fn same_event(&self, claim: &EventClaim) -> Vec<(u32, &EventClaim)> {
        let same = self.same_entity_memo();
        let mut out = Vec::new();
        let keys: Vec<u64> = claim.keys().iter().map(|k| hash_key(k)).collect();
        for other_id in self.candidates_by_path(&keys) {
            for other in self.claims.of(other_id).into_iter().flat_map(|c| &c.events) {
                if !std::ptr::eq(other, claim)
                    && matching::same_event_score(claim, other, &same) >= matching::SAME_EVENT
                {
                    out.push((other_id, other));
                }
            }
        }
        out
    }

    /// `conflicting-event-date` findings on one article: one per claim that
    /// another claim of the same event (there or in another article) dates
    /// differently, naming the first such claim and listing up to
    /// [`LISTED_CONFLICTS`] as related locations. A claim repeated across
    /// thousands of articles stays one warning, not thousands.
    pub(super) fn conflict_findings(&self, id: u32, entry: &ArticleEntry) -> Vec<Finding> {
        let same = self.same_entity_memo();
        let mut out = Vec::new();
        let Some(mine) = self.claims.of(id) else {
            return out;
        };
        let mut warned: FxHashSet<(usize, usize)> = FxHashSet::default();
        let mut candidates = CandidateMemo::default();
        for ((claim, keys), &guessed) in mine
            .events
            .iter()
            .zip(&mine.event_keys)
            .zip(&mine.guessed_years)
        {
            // One warning per date written, however many triggers share it.
            let at = (claim.date_span.start, claim.date_span.end);
            if guessed || warned.contains(&at) || !matching::may_conflict(claim) {
                continue;
            }
            // Every comparable telling of the event, with its score.
            let mut tellings: Vec<(u32, &EventClaim, f32)> = Vec::new();
            for &other_id in candidates.of(self, keys) {
                let Some(theirs) = self.claims.of(other_id) else {
                    continue;
                };
                let mut seen_dates = FxHashSet::default();
                // Read only for two delays (see `matching::delays_conflict`).
                let days_apart = || {
                    let other = self.article_by_id(other_id)?;
                    let a = entry.analysis.dates.anchor.filter(|a| !a.inferred)?;
                    let b = other.analysis.dates.anchor.filter(|b| !b.inferred)?;
                    Some(b.date.duration_since(a.date).as_secs() / 86_400)
                };
                // Claims of another family never tell the same event.
                for other_claim in theirs.dated_events_of(claim.family) {
                    if std::ptr::eq(other_claim, claim) {
                        continue;
                    }
                    let Some(score) =
                        matching::comparable_score(claim, other_claim, &same, days_apart)
                    else {
                        continue;
                    };
                    if (other_id == id
                        && score < matching::SAME_EVENT + matching::WITHIN_ARTICLE_EXTRA)
                        || !seen_dates.insert(other_claim.date_span.start)
                    {
                        continue;
                    }
                    tellings.push((other_id, other_claim, score));
                }
            }
            // An actor with many such events on many dates (a supplier
            // signing contract after contract): its name alone does not say
            // which one is meant, so the match must be stronger.
            if distinct_dates(claim, &tellings) >= matching::MANY_DATES {
                tellings.retain(|(_, _, score)| {
                    *score >= matching::SAME_EVENT + matching::AMBIGUOUS_ACTOR_EXTRA
                });
            }
            let mut finding: Option<Finding> = None;
            let mut disagreeing = 0;
            let mut backing: FxHashSet<u32> = FxHashSet::from_iter([id]);
            let mut against: FxHashSet<u32> = FxHashSet::default();
            for &(other_id, other_claim, _) in &tellings {
                let Some(other) = self.article_by_id(other_id) else {
                    continue;
                };
                if !matching::dates_disjoint(claim, other_claim) {
                    backing.insert(other_id);
                    continue;
                }
                against.insert(other_id);
                disagreeing += 1;
                if disagreeing > LISTED_CONFLICTS {
                    continue;
                }
                let file = (other_id != id).then(|| other.path.clone());
                let one =
                    matching::conflict_finding(claim, &entry.text, other_claim, file, &other.text);
                match &mut finding {
                    None => finding = Some(one),
                    Some(f) => f.related.extend(one.related),
                }
            }
            // When more articles back this date than contradict it, the
            // others are the outliers: they are warned, this one is not.
            if backing.len() > against.len() {
                continue;
            }
            if let Some(mut f) = finding {
                if disagreeing > 1 {
                    f.message.push_str(&format!(
                        "; {} more claim{} of this event disagree{}",
                        disagreeing - 1,
                        if disagreeing == 2 { "" } else { "s" },
                        if disagreeing == 2 { "s" } else { "" },
                    ));
                }
                warned.insert(at);
                out.push(f);
            }
        }
        out
    }

    /// `conflicting-figure` findings on one article: a contract value that
    /// other sources give differently, when no more sources back it than
    /// contradict it (the majority is not warned).
    /// The articles sharing one of `keys`, in path order: what a finding
    /// lists must not depend on the order articles were indexed in.
    fn candidates_by_path(&self, keys: &[u64]) -> Vec<u32> {
        let mut ids = self.claims.candidates(keys);
        let rank = self.path_rank();
        ids.sort_unstable_by_key(|&id| rank[id as usize]);
        ids
    }

    pub(super) fn figure_findings(&self, id: u32, entry: &ArticleEntry) -> Vec<Finding> {
        let same = self.same_entity_memo();
        let mut out = Vec::new();
        let Some(mine) = self.claims.of(id) else {
            return out;
        };
        let mut candidates = CandidateMemo::default();
        for (claim, keys) in mine.figures.iter().zip(&mine.figure_keys) {
            let mut backing: FxHashSet<u32> = FxHashSet::from_iter([id]);
            let mut against: Vec<(u32, &FigureClaim, &[u64])> = Vec::new();
            let mut against_articles: FxHashSet<u32> = FxHashSet::default();
            for &other_id in candidates.of(self, keys) {
                for (other, other_keys) in self
                    .claims
                    .of(other_id)
                    .into_iter()
                    .flat_map(|c| c.figures_in(claim.money.currency))
                {
                    if std::ptr::eq(other, claim) || !matching::same_contract(claim, other, &same) {
                        continue;
                    }
                    if claims::figures::agree(&claim.money, &other.money) {
                        backing.insert(other_id);
                    } else if claims::figures::disagree(&claim.money, &other.money) {
                        against.push((other_id, other, other_keys));
                        against_articles.insert(other_id);
                    }
                }
            }
            if against.is_empty() {
                continue;
            }
            // Reports of this value that tell the contract in other words
            // than this one (another party named) still back it: they are
            // found through the figures that disagree.
            for &(_, other, other_keys) in against.iter().take(LISTED_CONFLICTS) {
                for &z_id in candidates.of(self, other_keys) {
                    if backing.contains(&z_id) || against_articles.contains(&z_id) {
                        continue;
                    }
                    let backs = self
                        .claims
                        .of(z_id)
                        .into_iter()
                        .flat_map(|c| c.figures_in(claim.money.currency))
                        .any(|(z, _)| {
                            claims::figures::agree(&claim.money, &z.money)
                                && matching::same_contract(other, z, &same)
                        });
                    if backs {
                        backing.insert(z_id);
                    }
                }
            }
            if backing.len() > against_articles.len() {
                continue;
            }
            let others: Vec<_> = against
                .iter()
                .take(LISTED_CONFLICTS)
                .filter_map(|(other_id, c, _)| {
                    let other = self.article_by_id(*other_id)?;
                    let file = (*other_id != id).then(|| other.path.clone());
                    Some((file, &*other.text, *c))
                })
                .collect();
            out.extend(matching::figure_finding(
                claim,
                &entry.text,
                &others,
                against_articles.len(),
            ));
        }
        out
    }

    /// The other articles sharing an event or figure key with the article
    /// at `path`: those whose conflict findings an edit of it can change
    /// (bounded, as the index's posting lists are).
    pub fn claim_neighbours(&self, path: &Path) -> Vec<PathBuf> {
        let Some(id) = self.ids.get(path).copied() else {
            return Vec::new();
        };
        let Some(mine) = self.claims.of(id) else {
            return Vec::new();
        };
        self.claims
            .candidates(&mine.keys)
            .into_iter()
            .filter(|&other| other != id)
            .filter_map(|other| self.paths.get(&other).cloned())
            .collect()
    }

    /// Whether an article tells any dated event or contract figure (so its
    /// edits can change other articles' conflicts).
    pub fn has_claims(&self, path: &Path) -> bool {
        self.ids
            .get(path)
            .is_some_and(|id| self.claims.of(*id).is_some())
    }

    /// How many date and figure conflicts involve an article.
    pub fn conflict_count(&self, path: &Path) -> usize {
        self.findings(path)
            .iter()
            .filter(|f| {
                f.code == codes::CONFLICTING_EVENT_DATE || f.code == codes::CONFLICTING_FIGURE
            })
            .count()
    }
}
