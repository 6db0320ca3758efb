//! The corpus-level name table, updated one article at a time.

use super::lexicon::Fnv;
use super::lexicon::{is_function_word, is_org_cue, is_org_prefix, is_particle, with_lower};
use super::types::EntityKind;
use super::{ArticleNames, Candidate, Strength};
use std::hash::BuildHasherDefault;

type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fnv>>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct EntityStats {
    mentions: u32,
    articles: u32,
    /// Votes backed by evidence (medium, strong, curated), per kind.
    strong: [u32; 8],
    /// Default guesses, per kind.
    weak: [u32; 8],
}

#[derive(Debug, Clone, Default)]
struct AcronymStats {
    count: u32,
    name: u32,
}

/// One article's contribution to the table, read from its names alone
/// ([`Contribution::of`]): a load reads them on every core, and a removal
/// reads them again to subtract them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contribution {
    entities: Vec<(String, EntityStats)>,
    acronyms: Vec<(String, String, bool)>,
    surnames: Vec<(String, String)>,
    heads: Vec<(String, String)>,
    words: Vec<(String, u32)>,
}

/// What the table knows about one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityInfo {
    pub name: String,
    pub kind: Option<EntityKind>,
    pub mentions: u32,
    pub articles: u32,
    /// Acronyms defined for it and, for people, the surname.
    pub aliases: Vec<String>,
    /// Names sharing its head word ("Fujitsu Services" for "Fujitsu").
    pub related: Vec<String>,
}

/// Corpus-wide knowledge about names, with cheap per-article updates.
#[derive(Debug, Clone, Default)]
pub struct NameTable {
    /// The articles counted in. Their contributions are not kept (they
    /// would double the table's size): removal reads them again from the
    /// article's names, which the corpus keeps anyway.
    articles: std::collections::HashSet<u32>,
    entities: HashMap<String, EntityStats>,
    /// Short form → long form → stats.
    acronyms: HashMap<String, HashMap<String, AcronymStats>>,
    /// Lowercase surname → full name → count.
    surnames: HashMap<String, HashMap<String, u32>>,
    /// Lowercase head word → multi-word organisation/product name → count.
    heads: HashMap<String, HashMap<String, u32>>,
    /// (lowercase first char, char length) → name word → mentions.
    words: HashMap<(char, usize), WordBucket>,
}

/// Mentions a name word needs to be a misspelling's target.
pub(super) const FREQUENT_WORD: u32 = 3;

/// The name words of one bucket, the frequent apart: suggestions scan only
/// those, and a corpus's rare words (its misspellings among them) grow
/// with its size.
#[derive(Debug, Clone, Default)]
struct WordBucket {
    rare: HashMap<String, u32>,
    frequent: HashMap<String, u32>,
}

impl WordBucket {
    fn get(&self, w: &str) -> Option<u32> {
        self.frequent.get(w).or_else(|| self.rare.get(w)).copied()
    }

    fn add(&mut self, w: &str, n: u32, add: bool) {
        let old = self
            .frequent
            .remove(w)
            .or_else(|| self.rare.remove(w))
            .unwrap_or(0);
        let new = if add {
            old.saturating_add(n)
        } else {
            old.saturating_sub(n)
        };
        match new {
            0 => {}
            n if n >= FREQUENT_WORD => {
                self.frequent.insert(w.to_string(), n);
            }
            n => {
                self.rare.insert(w.to_string(), n);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.rare.is_empty() && self.frequent.is_empty()
    }
}

fn bump<K: std::hash::Hash + Eq + Clone>(m: &mut HashMap<K, u32>, k: &K, add: bool) {
    if add {
        *m.entry(k.clone()).or_insert(0) += 1;
    } else if let Some(v) = m.get_mut(k) {
        *v = v.saturating_sub(1);
        if *v == 0 {
            m.remove(k);
        }
    }
}

fn bump_nested(m: &mut HashMap<String, HashMap<String, u32>>, a: &str, b: &str, add: bool) {
    if add {
        *m.entry(a.to_string())
            .or_default()
            .entry(b.to_string())
            .or_insert(0) += 1;
    } else if let Some(inner) = m.get_mut(a) {
        bump(inner, &b.to_string(), false);
        if inner.is_empty() {
            m.remove(a);
        }
    }
}

pub(super) fn word_bucket(w: &str) -> (char, usize) {
    let first = w
        .chars()
        .next()
        .map_or(' ', |c| c.to_lowercase().next().unwrap_or(c));
    (first, w.chars().count())
}

/// The surname of a full person name: the last word, with name particles
/// ("de Wall").
pub(super) fn surname_of(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let mut start = words.len() - 1;
    while start > 1 && is_particle(words[start - 1]) {
        start -= 1;
    }
    Some(words[start..].join(" ").to_lowercase())
}

fn argmax(v: &[u32; 8]) -> Option<EntityKind> {
    let (i, &best) = v
        .iter()
        .enumerate()
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
    (best > 0).then(|| EntityKind::ALL[i])
}

impl Contribution {
    pub fn of(names: &ArticleNames) -> Contribution {
        contribution(names)
    }
}

fn contribution(names: &ArticleNames) -> Contribution {
    let mut entities: HashMap<&str, EntityStats> = HashMap::default();
    let mut surnames = Vec::new();
    let mut heads = Vec::new();
    let mut words: HashMap<&str, u32> = HashMap::default();
    for c in &names.candidates {
        let e = entities.entry(c.key.as_str()).or_default();
        e.mentions += 1;
        e.articles = 1;
        if let Some(kind) = c.kind {
            if c.strength >= Strength::Medium {
                e.strong[kind.index()] += 1;
            } else if c.strength == Strength::Weak && c.cues.0 != 0 {
                e.weak[kind.index()] += 1;
            }
        }
        if c.strength >= Strength::Strong && c.kind == Some(EntityKind::Person) && c.words >= 2 {
            if let Some(s) = surname_of(&c.key) {
                surnames.push((s, c.key.clone()));
            }
        }
        if c.words >= 2
            && c.strength >= Strength::Weak
            && matches!(c.kind, Some(EntityKind::Organization | EntityKind::Product))
            && let Some(head) = head_word(c)
        {
            heads.push((head, c.key.clone()));
        }
        // Name words, except sentence-initial capitalised common words.
        if !(c.initial && c.strength == Strength::Dictionary) {
            for w in c.key.split(' ') {
                if w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 4 {
                    *words.entry(w).or_insert(0) += 1;
                }
            }
        }
    }
    surnames.sort();
    surnames.dedup();
    heads.sort();
    heads.dedup();
    let mut acronyms: Vec<(String, String, bool)> = names
        .acronyms
        .iter()
        .map(|a| (a.short.clone(), a.long.clone(), a.long_is_name))
        .collect();
    acronyms.sort();
    acronyms.dedup();
    let mut entities: Vec<(String, EntityStats)> = entities
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    entities.sort_by(|a, b| a.0.cmp(&b.0));
    let mut words: Vec<(String, u32)> =
        words.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    words.sort();
    Contribution {
        entities,
        acronyms,
        surnames,
        heads,
        words,
    }
}

/// The first word of a multi-word organisation name when it can stand for
/// the organisation alone ("Kestrel" of "Kestrel Logistics", not
/// "Department" of "Department of Health").
pub(super) fn head_word(c: &Candidate) -> Option<String> {
    let head = c.key.split(' ').next()?;
    if head.len() < 2
        || is_function_word(head)
        || is_org_cue(head)
        || is_org_prefix(head)
        || !head.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    Some(head.to_lowercase())
}

impl NameTable {
    pub fn new() -> NameTable {
        NameTable::default()
    }

    /// Adds one article's names. An article already counted in is first
    /// taken out with [`NameTable::remove_article`] and the names it was
    /// added with; adding it again is refused (it would count it twice).
    pub fn add_article(&mut self, id: u32, names: &ArticleNames) {
        self.add_contribution(id, contribution(names));
    }

    /// [`NameTable::add_article`] with the names read by [`Contribution::of`].
    pub fn add_contribution(&mut self, id: u32, c: Contribution) {
        if !self.articles.insert(id) {
            tracing::error!("article {id} is already in the name table; not added again");
            return;
        }
        self.apply(&c, true);
    }

    /// Takes out one article's names: `names` must be those it was added
    /// with. Unknown ids are ignored.
    pub fn remove_article(&mut self, id: u32, names: &ArticleNames) {
        if self.articles.remove(&id) {
            self.apply(&contribution(names), false);
        }
    }

    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    fn apply(&mut self, c: &Contribution, add: bool) {
        for (key, s) in &c.entities {
            if add {
                let e = self.entities.entry(key.clone()).or_default();
                e.mentions += s.mentions;
                e.articles += 1;
                for i in 0..8 {
                    e.strong[i] += s.strong[i];
                    e.weak[i] += s.weak[i];
                }
            } else if let Some(e) = self.entities.get_mut(key) {
                e.mentions = e.mentions.saturating_sub(s.mentions);
                e.articles = e.articles.saturating_sub(1);
                for i in 0..8 {
                    e.strong[i] = e.strong[i].saturating_sub(s.strong[i]);
                    e.weak[i] = e.weak[i].saturating_sub(s.weak[i]);
                }
                if e.articles == 0 {
                    self.entities.remove(key);
                }
            }
        }
        for (short, long, is_name) in &c.acronyms {
            if add {
                let s = self
                    .acronyms
                    .entry(short.clone())
                    .or_default()
                    .entry(long.clone())
                    .or_default();
                s.count += 1;
                s.name += u32::from(*is_name);
            } else if let Some(inner) = self.acronyms.get_mut(short) {
                if let Some(s) = inner.get_mut(long) {
                    s.count = s.count.saturating_sub(1);
                    s.name = s.name.saturating_sub(u32::from(*is_name));
                    if s.count == 0 {
                        inner.remove(long);
                    }
                }
                if inner.is_empty() {
                    self.acronyms.remove(short);
                }
            }
        }
        for (s, full) in &c.surnames {
            bump_nested(&mut self.surnames, s, full, add);
        }
        for (h, full) in &c.heads {
            bump_nested(&mut self.heads, h, full, add);
        }
        for (w, n) in &c.words {
            let bucket = word_bucket(w);
            if add {
                self.words.entry(bucket).or_default().add(w, *n, true);
            } else if let Some(inner) = self.words.get_mut(&bucket) {
                inner.add(w, *n, false);
                if inner.is_empty() {
                    self.words.remove(&bucket);
                }
            }
        }
    }

    /// The long form most often defined for an acronym, and whether it is a
    /// name (as opposed to a common noun).
    pub fn acronym(&self, short: &str) -> Option<(&str, bool)> {
        let inner = self.acronyms.get(short)?;
        let (long, s) = inner.iter().max_by(|a, b| {
            (a.1.count, std::cmp::Reverse(a.0)).cmp(&(b.1.count, std::cmp::Reverse(b.0)))
        })?;
        Some((long.as_str(), s.name * 2 >= s.count && s.name > 0))
    }

    /// The kind the corpus votes for, preferring evidence over guesses.
    pub fn kind_of(&self, key: &str) -> Option<EntityKind> {
        let e = self.entities.get(key)?;
        argmax(&e.strong).or_else(|| argmax(&e.weak))
    }

    /// The kind backed by evidence somewhere in the corpus (not a guess).
    pub fn evidenced_kind(&self, key: &str) -> Option<EntityKind> {
        argmax(&self.entities.get(key)?.strong)
    }

    pub fn mentions(&self, key: &str) -> u32 {
        self.entities.get(key).map_or(0, |e| e.mentions)
    }

    /// The full name of the one person the corpus knows by this surname
    /// (its most frequent spelling, "Joanna K. Pell" or "Joanna Pell").
    /// `None` when two people share it: "Marsh" is neither Helen nor David
    /// Marsh for sure.
    pub fn person_for_surname(&self, surname: &str) -> Option<&str> {
        with_lower(surname, |s| {
            let inner = self.surnames.get(s)?;
            let first = |name: &str| name.split(' ').next().map(str::to_lowercase);
            let mut names = inner.keys();
            let one = first(names.next()?);
            if names.any(|n| first(n) != one) {
                return None;
            }
            inner
                .iter()
                .max_by(|a, b| (a.1, std::cmp::Reverse(a.0)).cmp(&(b.1, std::cmp::Reverse(b.0))))
                .map(|(k, _)| k.as_str())
        })
    }

    /// Whether some person in the corpus has this surname.
    pub fn is_known_surname(&self, surname: &str) -> bool {
        with_lower(surname, |s| self.surnames.contains_key(s))
    }

    /// Whether `word` is the head word of a multi-word organisation name.
    pub fn is_head_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.heads.contains_key(w))
    }

    /// The kind most of the multi-word names headed by `word` have
    /// ("Millennium" heads products, "Kestrel" an organisation).
    pub fn head_kind(&self, word: &str) -> Option<EntityKind> {
        with_lower(word, |w| {
            let mut votes = [0u32; 8];
            for (full, n) in self.heads.get(w)? {
                if let Some(k) = self.kind_of(full) {
                    votes[k.index()] += n;
                }
            }
            argmax(&votes)
        })
    }

    /// Names related to `name` by a shared head word, not merged with it.
    pub fn related(&self, name: &str) -> Vec<String> {
        let Some(head) = name.split(' ').next() else {
            return Vec::new();
        };
        let lower = head.to_lowercase();
        let mut out: Vec<String> = self
            .heads
            .get(&lower)
            .map(|m| m.keys().filter(|k| k.as_str() != name).cloned().collect())
            .unwrap_or_default();
        if name.contains(' ') && self.entities.contains_key(head) && self.is_head_word(head) {
            out.push(head.to_string());
        }
        out.sort();
        out.dedup();
        out
    }

    /// Mentions of a name word across the corpus (for misspellings).
    pub fn word_mentions(&self, word: &str) -> u32 {
        self.words
            .get(&word_bucket(word))
            .and_then(|m| m.get(word))
            .unwrap_or(0)
    }

    /// Name words of at least [`FREQUENT_WORD`] mentions in a bucket (same
    /// lowercase first letter and length).
    pub(super) fn frequent_words_in(
        &self,
        first: char,
        len: usize,
    ) -> impl Iterator<Item = (&str, u32)> {
        self.words
            .get(&(first, len))
            .into_iter()
            .flat_map(|m| m.frequent.iter().map(|(k, v)| (k.as_str(), *v)))
    }

    /// Everything known about one entity name.
    pub fn entity(&self, name: &str) -> Option<EntityInfo> {
        let e = self.entities.get(name)?;
        let mut aliases: Vec<String> = self
            .acronyms
            .iter()
            .filter(|(_, longs)| longs.contains_key(name))
            .map(|(s, _)| s.clone())
            .collect();
        if self.kind_of(name) == Some(EntityKind::Person)
            && let Some(s) = surname_of(name)
            && self.person_for_surname(&s) == Some(name)
            && let Some(last) = name.rsplit(' ').next()
        {
            aliases.push(last.to_string());
        }
        aliases.sort();
        Some(EntityInfo {
            name: name.to_string(),
            kind: self.kind_of(name),
            mentions: e.mentions,
            articles: e.articles,
            aliases,
            related: self.related(name),
        })
    }
}
