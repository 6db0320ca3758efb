//! Entity identity across the corpus: which resolved names denote one
//! entity ("Westfield General Hospital NHS Trust", "Westfield General",
//! "WGH"), each merge with its reason.
//!
//! A *name* is what resolution gives a mention (`Mention::entity`); an
//! *entity* is a cluster of names. Clusters are not stored: [`NameIndex`]
//! keeps, per name, the keys under which its partners can be found
//! (updated only when a name first appears or last disappears, so an edit
//! costs a few hash operations), and [`cluster`] walks the links from one
//! name on demand. The links are symmetric, so every member of a cluster
//! finds the same cluster.
//!
//! Wrong merges are worse than missed ones: a shorter form merges only by
//! dropping generic words, initials only when one group of names spells
//! them (else the names that do co-occur with them), a surname only when
//! one person bears it; what stays ambiguous is reported as "possibly the
//! same as". Curation wins: `distinct` pairs in `corpus.toml` split a
//! cluster, a curated name is the canonical one.

use super::entity_index::EntityIndex;
use crate::analysis::entities::EntityKind;
use crate::analysis::entities::identity::{
    first_and_surname, initials, is_initialism, key_words, kinds_agree, misspelt_word, name_key,
    shorter_forms,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};
use std::collections::VecDeque;
use std::hash::{Hash, Hasher};

/// Why two names are one entity, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Link {
    /// Same words, other case, punctuation or spelling.
    Spelling,
    /// The same person with and without a middle name or initial.
    MiddleName,
    /// The name less generic words ("Connecting for Health").
    ShorterForm,
    /// Initials of a multi-word name ("DH").
    Initials,
    /// A person's surname alone.
    Surname,
    /// A near miss of a name written more often ("Fujitu").
    Misspelling,
}

/// How a member of a cluster relates to the name it was reached from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub link: Link,
    /// The member is the short side (the initials, the shorter form, the
    /// surname, the misspelling) of `other`.
    pub member_is_short: bool,
    pub other: String,
}

impl Reason {
    pub fn describe(&self) -> String {
        let other = &self.other;
        match (self.link, self.member_is_short) {
            (Link::Spelling, _) => format!("same name as ‘{other}’, other case or spelling"),
            (Link::MiddleName, true) => format!("‘{other}’ without the middle name"),
            (Link::MiddleName, false) => format!("‘{other}’ with a middle name"),
            (Link::ShorterForm, true) => format!("shorter form of ‘{other}’"),
            (Link::ShorterForm, false) => format!("longer form of ‘{other}’"),
            (Link::Initials, true) => format!("initials of ‘{other}’"),
            (Link::Initials, false) => format!("spelt out in full: initials ‘{other}’"),
            (Link::Surname, true) => format!("surname of ‘{other}’"),
            (Link::Surname, false) => format!("full name of ‘{other}’"),
            (Link::Misspelling, true) => format!("probably a misspelling of ‘{other}’"),
            (Link::Misspelling, false) => format!("‘{other}’ is probably a misspelling of it"),
        }
    }
}

/// One name of an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    /// How it joined the cluster; `None` for the canonical name.
    pub reason: Option<Reason>,
}

/// An entity: its canonical name and every name it is written as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub canonical: String,
    pub kind: EntityKind,
    /// The canonical name first, then the others by name.
    pub members: Vec<Member>,
    /// Names that may be the same entity but were left apart, with why.
    pub possibly: Vec<(String, String)>,
}

impl Cluster {
    pub fn contains(&self, name: &str) -> bool {
        self.members.iter().any(|m| m.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|m| m.name.as_str())
    }
}

/// What curation says about identity.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Name keys of curated entities: a curated name is the canonical one.
    pub curated: HashSet<String>,
    /// Pairs of name keys that must stay apart, both orders.
    pub distinct: HashSet<(String, String)>,
}

impl Overrides {
    pub fn new<'a>(
        curated: impl IntoIterator<Item = &'a str>,
        distinct: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Overrides {
        let mut out = Overrides {
            curated: curated.into_iter().map(name_key).collect(),
            distinct: HashSet::default(),
        };
        for (a, b) in distinct {
            let (a, b) = (name_key(a), name_key(b));
            out.distinct.insert((b.clone(), a.clone()));
            out.distinct.insert((a, b));
        }
        out
    }

    fn apart(&self, a: &str, b: &str) -> bool {
        !self.distinct.is_empty() && self.distinct.contains(&(name_key(a), name_key(b)))
    }
}

type Postings = HashMap<u64, Vec<u32>>;

fn hash_of(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

fn take(map: &mut Postings, key: &str, id: u32) {
    let h = hash_of(key);
    if let Some(ids) = map.get_mut(&h) {
        ids.retain(|&i| i != id);
        if ids.is_empty() {
            map.remove(&h);
        }
    }
}

/// The single-word keys one deletion away, for near misses.
fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|i| chars[..i].iter().chain(&chars[i + 1..]).collect())
        .collect()
}

/// A multi-word key with word `i` blanked but for its first letter and a
/// length: names that differ in that word alone, by a near miss, share it
/// (`len` is the blanked word's length, or a length to probe).
fn signature(words: &[String], i: usize, len: usize) -> String {
    let mut s = String::new();
    for (j, w) in words.iter().enumerate() {
        if j > 0 {
            s.push(' ');
        }
        if j == i {
            s.push('\u{0}');
            s.extend(w.chars().next());
            s.push_str(&len.to_string());
        } else {
            s.push_str(w);
        }
    }
    s
}

/// Lookup keys of every name in the corpus, by interned id. Keys are
/// stored as 64-bit hashes: a collision between two keys of one corpus is
/// unlikely enough to be left unchecked where checking costs (initials,
/// shorter forms).
#[derive(Debug, Default, PartialEq)]
pub struct NameIndex {
    ids: HashMap<String, u32>,
    names: Vec<Option<String>>,
    /// Each name's key ([`name_key`]), by id: compared often, made once.
    keys: Vec<String>,
    free: Vec<u32>,
    /// name key → names.
    by_key: Postings,
    /// shorter-form key → the longer names having it.
    by_shorter: Postings,
    /// initials → multi-word names they spell.
    by_initials: Postings,
    /// "first surname" → multi-word names.
    by_first_last: Postings,
    /// surname → multi-word names.
    by_surname: Postings,
    /// multi-word key with one word blanked → names.
    by_signature: Postings,
    /// single-word key and its one-letter deletions → single-word names.
    by_deletion: Postings,
}

impl NameIndex {
    fn each_key(name: &str, mut f: impl FnMut(Table, &str)) {
        let words = key_words(name);
        let key = words.join(" ");
        f(Table::Key, &key);
        if words.len() >= 2 {
            for form in shorter_forms(name) {
                f(Table::Shorter, &form);
            }
            for i in initials(name) {
                f(Table::Initials, &i);
            }
            if let Some((first, last, _)) = first_and_surname(name) {
                f(Table::FirstLast, &format!("{first} {last}"));
                f(Table::Surname, &last);
            }
            for i in 0..words.len() {
                f(
                    Table::Signature,
                    &signature(&words, i, words[i].chars().count()),
                );
            }
        } else if key.chars().count() >= 4 {
            f(Table::Deletion, &key);
            let mut dels = deletions(&key);
            dels.sort();
            dels.dedup();
            for d in dels {
                f(Table::Deletion, &d);
            }
        }
    }

    fn table(&mut self, t: Table) -> &mut Postings {
        match t {
            Table::Key => &mut self.by_key,
            Table::Shorter => &mut self.by_shorter,
            Table::Initials => &mut self.by_initials,
            Table::FirstLast => &mut self.by_first_last,
            Table::Surname => &mut self.by_surname,
            Table::Signature => &mut self.by_signature,
            Table::Deletion => &mut self.by_deletion,
        }
    }

    /// A name has appeared in the corpus.
    pub fn add(&mut self, name: &str) {
        if !self.ids.contains_key(name) {
            let (key, keys) = Self::keyed(name);
            self.insert_keyed(name, key, keys);
        }
    }

    /// A name's key and its lookup keys in every table, hashed.
    fn keyed(name: &str) -> (String, Vec<(Table, u64)>) {
        let mut keys = Vec::new();
        Self::each_key(name, |t, k| keys.push((t, hash_of(k))));
        (name_key(name), keys)
    }

    fn insert_keyed(&mut self, name: &str, key: String, keys: Vec<(Table, u64)>) {
        let id = match self.free.pop() {
            Some(id) => {
                self.names[id as usize] = Some(name.to_string());
                self.keys[id as usize] = key;
                id
            }
            None => {
                self.names.push(Some(name.to_string()));
                self.keys.push(key);
                (self.names.len() - 1) as u32
            }
        };
        self.ids.insert(name.to_string(), id);
        for (t, hash) in keys {
            self.table(t).entry(hash).or_default().push(id);
        }
    }

    /// Adds many names at once, as [`NameIndex::add`] on each in order
    /// would: their lookup keys are made on every core.
    pub fn add_all(&mut self, names: &[&str]) {
        let keyed: Vec<_> = names.par_iter().map(|name| Self::keyed(name)).collect();
        for (name, (key, keys)) in names.iter().zip(keyed) {
            if !self.ids.contains_key(*name) {
                self.insert_keyed(name, key, keys);
            }
        }
    }

    /// A name's last mention has gone.
    pub fn remove(&mut self, name: &str) {
        let Some(id) = self.ids.remove(name) else {
            return;
        };
        Self::each_key(name, |t, k| take(self.table(t), k, id));
        self.names[id as usize] = None;
        self.keys[id as usize] = String::new();
        self.free.push(id);
    }

    fn lookup(&self, t: Table, key: &str) -> impl Iterator<Item = &str> {
        let map = match t {
            Table::Key => &self.by_key,
            Table::Shorter => &self.by_shorter,
            Table::Initials => &self.by_initials,
            Table::FirstLast => &self.by_first_last,
            Table::Surname => &self.by_surname,
            Table::Signature => &self.by_signature,
            Table::Deletion => &self.by_deletion,
        };
        map.get(&hash_of(key))
            .into_iter()
            .flatten()
            .filter_map(|&id| self.names.get(id as usize)?.as_deref())
    }

    /// A name's key, made when it was added.
    fn key_of<'a>(&'a self, name: &str) -> std::borrow::Cow<'a, str> {
        match self.ids.get(name) {
            Some(&id) => std::borrow::Cow::Borrowed(self.keys[id as usize].as_str()),
            None => std::borrow::Cow::Owned(name_key(name)),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.ids.keys().map(String::as_str)
    }
}

#[derive(Clone, Copy)]
enum Table {
    Key,
    Shorter,
    Initials,
    FirstLast,
    Surname,
    Signature,
    Deletion,
}

/// A link found from one name: the partner, the rule, and whether the
/// name it was found from is the short side.
#[derive(Debug, Clone)]
struct Edge {
    to: String,
    link: Link,
    from_is_short: bool,
}

/// What the links read about names: their kinds, counts and articles.
struct View<'a> {
    index: &'a EntityIndex,
}

impl View<'_> {
    fn kind(&self, name: &str) -> Option<EntityKind> {
        self.index.kind(name)
    }
    fn mentions(&self, name: &str) -> usize {
        self.index.totals(name).0
    }
    fn co_occur(&self, a: &str, b: &str) -> bool {
        let (Some(pa), Some(pb)) = (self.index.mentions(a), self.index.mentions(b)) else {
            return false;
        };
        let (small, large) = if pa.len() <= pb.len() {
            (pa, pb)
        } else {
            (pb, pa)
        };
        small.keys().any(|id| large.contains_key(id))
    }
}

/// Whether names are forms of one name: some key is shared by all of them,
/// counting each name's own key and its shorter forms ("Westfield General
/// Hospital NHS Trust" and "Westfield General Hospital" share
/// "westfield general hospital"). Linear in the names.
fn one_group(names: &[&str]) -> bool {
    let keys = |n: &str| -> Vec<String> {
        let mut k: Vec<String> = shorter_forms(n);
        k.push(name_key(n));
        k
    };
    let Some((first, rest)) = names.split_first() else {
        return true;
    };
    let mut common = keys(first);
    for n in rest {
        let mine = keys(n);
        common.retain(|k| mine.contains(k));
        if common.is_empty() {
            return false;
        }
    }
    true
}

/// What a short name spells out: its links, or the candidates when they
/// are ambiguous.
type Spelt = Result<Vec<Edge>, Vec<String>>;

/// Reads links, remembering what initials and surnames spell out: many
/// long names look up the same initials ("AGH" of every "A… General
/// Hospital").
struct Walker<'a> {
    view: View<'a>,
    names: &'a NameIndex,
    spelt: std::cell::RefCell<HashMap<String, Spelt>>,
}

impl<'a> Walker<'a> {
    fn new(index: &'a EntityIndex) -> Walker<'a> {
        Walker {
            view: View { index },
            names: index.names(),
            spelt: Default::default(),
        }
    }

    fn spelt_out(&self, name: &str) -> Spelt {
        if let Some(done) = self.spelt.borrow().get(name) {
            return done.clone();
        }
        let found = spelt_out(&self.view, self.names, name);
        self.spelt
            .borrow_mut()
            .insert(name.to_string(), found.clone());
        found
    }
}

/// Links from a name seen as the short side of a rule whose partners are
/// chosen from the short side: initials and surnames. `Err` holds the
/// candidates when they are ambiguous.
fn spelt_out(view: &View, names: &NameIndex, name: &str) -> Spelt {
    let Some(kind) = view.kind(name) else {
        return Ok(Vec::new());
    };
    let (table, link, wanted) =
        if is_initialism(name) && matches!(kind, EntityKind::Organization | EntityKind::Product) {
            (Table::Initials, Link::Initials, EntityKind::Organization)
        } else if kind == EntityKind::Person && !name.contains(' ') {
            (Table::Surname, Link::Surname, EntityKind::Person)
        } else {
            return Ok(Vec::new());
        };
    let key = name_key(name);
    let mut candidates: Vec<&str> = names
        .lookup(table, &key)
        .filter(|c| *c != name && view.kind(c) == Some(wanted))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let grouped = |cs: &[&str]| match link {
        Link::Initials => one_group(cs),
        _ => {
            // One person: every full name has the same first name.
            let firsts: HashSet<String> = cs
                .iter()
                .filter_map(|c| first_and_surname(c).map(|(f, _, _)| f))
                .collect();
            firsts.len() == 1
        }
    };
    let chosen: Vec<&str> = if grouped(&candidates) {
        candidates.clone()
    } else {
        let near: Vec<&str> = candidates
            .iter()
            .copied()
            .filter(|c| view.co_occur(name, c))
            .collect();
        if near.is_empty() || !grouped(&near) {
            return Err(candidates.iter().map(|c| c.to_string()).collect());
        }
        near
    };
    // Two or three letters spell many names by chance ("BMA" is not the
    // "Bristol Medical Alliance" of one article): short initials need the
    // name beside them in some article, or a name the corpus uses often.
    if link == Link::Initials && key.chars().count() <= 3 {
        let index = view.index;
        let established = index.article_count_of(&chosen) >= 2;
        if !established && !chosen.iter().any(|c| view.co_occur(name, c)) {
            return Err(chosen.iter().map(|c| c.to_string()).collect());
        }
    }
    Ok(chosen
        .into_iter()
        .map(|to| Edge {
            to: to.to_string(),
            link,
            from_is_short: true,
        })
        .collect())
}

/// Every link of one name, both directions.
fn edges(walker: &Walker, name: &str) -> Vec<Edge> {
    let (view, names) = (&walker.view, walker.names);
    let mut out = Vec::new();
    let Some(kind) = view.kind(name) else {
        return out;
    };
    let words = key_words(name);
    let key = words.join(" ");
    let agrees = |other: &str, same_spelling: bool| {
        view.kind(other)
            .is_some_and(|k| kinds_agree(kind, k, same_spelling))
    };
    // Same key.
    for other in names.lookup(Table::Key, &key) {
        if other != name && names.key_of(other) == key && agrees(other, true) {
            out.push(Edge {
                to: other.to_string(),
                link: Link::Spelling,
                from_is_short: false,
            });
        }
    }
    // This name as the shorter form of longer ones.
    for long in names.lookup(Table::Shorter, &key) {
        if long != name && agrees(long, false) {
            out.push(Edge {
                to: long.to_string(),
                link: Link::ShorterForm,
                from_is_short: true,
            });
        }
    }
    if words.len() >= 2 {
        long_name_edges(walker, name, kind, &words, &agrees, &mut out);
    } else if key.chars().count() >= 4 {
        deletion_edges(view, names, name, &key, &agrees, &mut out);
    }
    // Initials or a surname, spelt out.
    if let Ok(found) = walker.spelt_out(name) {
        out.extend(found);
    }
    out.sort_by(|a, b| (a.link, &a.to).cmp(&(b.link, &b.to)));
    out.dedup_by(|a, b| a.to == b.to);
    out
}

/// The links of a name of two or more words: its shorter forms, the
/// initials and surnames that choose it, the same person with or without a
/// middle name, one-word misspellings.
fn long_name_edges(
    walker: &Walker,
    name: &str,
    kind: EntityKind,
    words: &[String],
    agrees: &dyn Fn(&str, bool) -> bool,
    out: &mut Vec<Edge>,
) {
    let (view, names) = (&walker.view, walker.names);
    // Its shorter forms.
    for form in shorter_forms(name) {
        for short in names.lookup(Table::Key, &form) {
            if short != name && names.key_of(short) == form && agrees(short, false) {
                out.push(Edge {
                    to: short.to_string(),
                    link: Link::ShorterForm,
                    from_is_short: false,
                });
            }
        }
    }
    // Initials and surnames that choose it.
    let mut shorts: Vec<&str> = Vec::new();
    if kind == EntityKind::Organization {
        for i in initials(name) {
            shorts.extend(names.lookup(Table::Key, &i).filter(|s| is_initialism(s)));
        }
    }
    if kind == EntityKind::Person
        && let Some((_, last, _)) = first_and_surname(name)
    {
        shorts.extend(names.lookup(Table::Key, &last));
    }
    shorts.sort_unstable();
    shorts.dedup();
    for short in shorts {
        if let Ok(found) = walker.spelt_out(short)
            && found.iter().any(|e| e.to == name)
        {
            out.push(Edge {
                to: short.to_string(),
                link: found[0].link,
                from_is_short: false,
            });
        }
    }
    // The same person with or without a middle name.
    if kind == EntityKind::Person
        && let Some((first, last, middle)) = first_and_surname(name)
    {
        for other in names.lookup(Table::FirstLast, &format!("{first} {last}")) {
            if other != name
                && view.kind(other) == Some(EntityKind::Person)
                && first_and_surname(other)
                    .is_some_and(|(f, l, m)| f == first && l == last && m != middle)
            {
                out.push(Edge {
                    to: other.to_string(),
                    link: Link::MiddleName,
                    from_is_short: !middle,
                });
            }
        }
    }
    misspelling_edges(view, names, name, words, false, out);
}

/// The misspellings of a one-word name (of four characters or more): names
/// one deletion away.
fn deletion_edges(
    view: &View,
    names: &NameIndex,
    name: &str,
    key: &str,
    agrees: &dyn Fn(&str, bool) -> bool,
    out: &mut Vec<Edge>,
) {
    let mut seen: HashSet<&str> = HashSet::default();
    for probe in std::iter::once(key.to_string()).chain(deletions(key)) {
        for other in names.lookup(Table::Deletion, &probe) {
            if other != name && !other.contains(' ') && agrees(other, true) && seen.insert(other) {
                if let Some(edge) = misspelling(view, name, name, other, other) {
                    out.push(edge);
                }
            }
        }
    }
}

/// Links to names differing from `name` (key `words`, two or more) in one
/// misspelt word. With `only_short`, only those where `name` is the
/// misspelling: the rarer side, so names seen as often or less are passed
/// over before their words are compared.
fn misspelling_edges(
    view: &View,
    names: &NameIndex,
    name: &str,
    words: &[String],
    only_short: bool,
    out: &mut Vec<Edge>,
) {
    let mine = if only_short { view.mentions(name) } else { 0 };
    for i in 0..words.len() {
        let len = words[i].chars().count();
        let probes = (len.saturating_sub(2)..=len + 2).map(|l| signature(words, i, l));
        let mut others: Vec<&str> = Vec::new();
        for probe in probes {
            others.extend(names.lookup(Table::Signature, &probe));
        }
        for other in others {
            if other == name || (only_short && view.mentions(other) <= mine) {
                continue;
            }
            let other_key = names.key_of(other);
            let other_words: Vec<&str> = other_key.split(' ').collect();
            // A misspelling may have misled recognition about the kind
            // ("Mathew Swindells, the director" taken for a firm), so
            // kinds are not compared: the rest of the name must match.
            if other_words.len() != words.len() {
                continue;
            }
            if let Some(edge) = misspelling(view, name, &words[i], other, other_words[i]) {
                out.push(edge);
            }
        }
    }
}

/// A misspelling link between two names that differ in one word, the
/// rarer name being the misspelling of one written at least twice as
/// often.
fn misspelling(view: &View, name: &str, word: &str, other: &str, other_word: &str) -> Option<Edge> {
    let (mine, theirs) = (view.mentions(name), view.mentions(other));
    let (variant, target, from_is_short) = if mine < theirs {
        (word, other_word, true)
    } else {
        (other_word, word, false)
    };
    let (few, many) = (mine.min(theirs), mine.max(theirs));
    (many >= 2 && many >= 2 * few && misspelt_word(variant, target)).then(|| Edge {
        to: other.to_string(),
        link: Link::Misspelling,
        from_is_short,
    })
}

/// The name `name` is probably a misspelling of, if any: a name written
/// at least twice as often that differs by a near miss in one word
/// ("Mathew Swindells" of "Matthew Swindells").
///
/// The misspelling links of [`edges`] alone: no other link joins two names
/// of as many words differing in one, so the first such link is the same.
pub fn misspelling_of(index: &EntityIndex, name: &str) -> Option<String> {
    let view = View { index };
    view.kind(name)?;
    let words = key_words(name);
    if words.len() < 2 {
        return edges(&Walker::new(index), name)
            .into_iter()
            .find(|e| e.link == Link::Misspelling && e.from_is_short)
            .map(|e| e.to);
    }
    let mut out = Vec::new();
    misspelling_edges(&view, index.names(), name, &words, true, &mut out);
    out.into_iter()
        .filter(|e| e.from_is_short)
        .min_by(|a, b| a.to.cmp(&b.to))
        .map(|e| e.to)
}

/// The entity a name belongs to, found by following its links.
pub fn cluster(index: &EntityIndex, overrides: &Overrides, name: &str) -> Option<Cluster> {
    cluster_with(&Walker::new(index), overrides, name)
}

fn cluster_with(walker: &Walker, overrides: &Overrides, name: &str) -> Option<Cluster> {
    let view = &walker.view;
    let kind = view.kind(name)?;
    let (seen, all_edges, possibly) = component(walker, name);
    let members = join_apart(&seen, &all_edges, overrides);
    let canonical = canonical_member(view, overrides, &seen, &members);
    let reason = reasons(&seen, &all_edges, &members, canonical);
    let mut out_members: Vec<Member> = members
        .iter()
        .map(|&i| Member {
            name: seen[i].clone(),
            reason: reason.get(&i).cloned().flatten(),
        })
        .collect();
    out_members.sort_by(|a, b| (a.reason.is_some(), &a.name).cmp(&(b.reason.is_some(), &b.name)));
    let canonical_name = seen[canonical].clone();
    let cluster_kind = view.kind(&canonical_name).unwrap_or(kind);
    let possibly = possibly_same(possibly, &out_members);
    Some(Cluster {
        canonical: canonical_name,
        kind: cluster_kind,
        members: out_members,
        possibly,
    })
}

/// A link between two names of a component, by index: from, to, link,
/// whether `from` is the short side.
type IndexedEdge = (usize, usize, Link, bool);

/// The whole component of `name`, with its edges, and the names that
/// initials or a surname could spell out besides (with that short name).
fn component(
    walker: &Walker,
    name: &str,
) -> (Vec<String>, Vec<IndexedEdge>, Vec<(String, String)>) {
    let mut seen: Vec<String> = vec![name.to_string()];
    let mut at: HashMap<String, usize> = HashMap::default();
    at.insert(name.to_string(), 0);
    let mut all_edges: Vec<IndexedEdge> = Vec::new();
    let mut possibly: Vec<(String, String)> = Vec::new();
    let mut queue = VecDeque::from([0usize]);
    // A bound for pathological corpora: identity is about forms of one name.
    const MAX_MEMBERS: usize = 64;
    while let Some(i) = queue.pop_front() {
        let here = seen[i].clone();
        if let Err(candidates) = walker.spelt_out(&here) {
            for c in candidates {
                possibly.push((c, here.clone()));
            }
        }
        for edge in edges(walker, &here) {
            let j = match at.get(&edge.to) {
                Some(&j) => j,
                None if seen.len() < MAX_MEMBERS => {
                    seen.push(edge.to.clone());
                    at.insert(edge.to.clone(), seen.len() - 1);
                    queue.push_back(seen.len() - 1);
                    seen.len() - 1
                }
                None => continue,
            };
            all_edges.push((i, j, edge.link, edge.from_is_short));
        }
    }
    (seen, all_edges, possibly)
}

/// The members joined with `name` (index 0). Curation splits the component
/// where it holds names apart: edges are joined strongest first, never
/// across a distinct pair.
fn join_apart(seen: &[String], all_edges: &[IndexedEdge], overrides: &Overrides) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..seen.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut order = all_edges.to_vec();
    order.sort_by(|a, b| {
        (a.2, &seen[a.0.min(a.1)], &seen[a.0.max(a.1)]).cmp(&(
            b.2,
            &seen[b.0.min(b.1)],
            &seen[b.0.max(b.1)],
        ))
    });
    let mut groups: Vec<Vec<usize>> = (0..seen.len()).map(|i| vec![i]).collect();
    for &(a, b, _, _) in &order {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra == rb {
            continue;
        }
        let clash = groups[ra].iter().any(|&x| {
            groups[rb]
                .iter()
                .any(|&y| overrides.apart(&seen[x], &seen[y]))
        });
        if clash {
            continue;
        }
        parent[rb] = ra;
        let moved = std::mem::take(&mut groups[rb]);
        groups[ra].extend(moved);
    }
    let root = find(&mut parent, 0);
    groups[root].clone()
}

/// The member whose name stands for the cluster: curated, not initials,
/// with lowercase, most mentioned, longest.
fn canonical_member(
    view: &View,
    overrides: &Overrides,
    seen: &[String],
    members: &[usize],
) -> usize {
    *members
        .iter()
        .max_by(|&&a, &&b| {
            let rank = |i: usize| {
                let n = &seen[i];
                (
                    overrides.curated.contains(&name_key(n)),
                    !is_initialism(n),
                    // "InfoLoom" over a press release's "INFOLOOM".
                    n.chars().any(char::is_lowercase),
                    view.mentions(n),
                    n.split(' ').count(),
                    std::cmp::Reverse(n.clone()),
                )
            };
            rank(a).cmp(&rank(b))
        })
        .expect("a cluster has its own name")
}

/// Why each member belongs: a breadth-first tree from the canonical name.
fn reasons(
    seen: &[String],
    all_edges: &[IndexedEdge],
    members: &[usize],
    canonical: usize,
) -> HashMap<usize, Option<Reason>> {
    let in_cluster: HashSet<usize> = members.iter().copied().collect();
    let mut reason: HashMap<usize, Option<Reason>> = HashMap::default();
    reason.insert(canonical, None);
    let mut queue = VecDeque::from([canonical]);
    let mut adjacent: HashMap<usize, Vec<(usize, Link, bool)>> = HashMap::default();
    for &(a, b, link, a_short) in all_edges {
        if in_cluster.contains(&a) && in_cluster.contains(&b) {
            adjacent.entry(a).or_default().push((b, link, a_short));
            // Seen from b, b is the short side when a is not.
            adjacent.entry(b).or_default().push((a, link, !a_short));
        }
    }
    for list in adjacent.values_mut() {
        list.sort_by(|x, y| (x.1, &seen[x.0]).cmp(&(y.1, &seen[y.0])));
    }
    while let Some(i) = queue.pop_front() {
        for &(j, link, i_short) in adjacent.get(&i).map_or(&[][..], Vec::as_slice) {
            if reason.contains_key(&j) {
                continue;
            }
            reason.insert(
                j,
                Some(Reason {
                    link,
                    member_is_short: !i_short,
                    other: seen[i].clone(),
                }),
            );
            queue.push_back(j);
        }
    }
    reason
}

/// The names that could be the same entity but were left apart, with why,
/// a few of them.
fn possibly_same(mut possibly: Vec<(String, String)>, members: &[Member]) -> Vec<(String, String)> {
    possibly.retain(|(p, _)| !members.iter().any(|m| &m.name == p));
    // Names split off by curation are not "possibly" the same: the user said.
    possibly.sort();
    possibly.dedup_by(|a, b| a.0 == b.0);
    // Initials shared by dozens of names say nothing about any of them.
    const LISTED_POSSIBLY: usize = 8;
    possibly.truncate(LISTED_POSSIBLY);
    possibly
        .into_iter()
        .map(|(p, from)| {
            let why = if is_initialism(&from) {
                format!("‘{from}’ could be initials of either")
            } else {
                format!("‘{from}’ could be the surname of either")
            };
            (p, why)
        })
        .collect()
}

/// Every entity of the corpus, each once.
pub fn clusters(index: &EntityIndex, overrides: &Overrides) -> Vec<Cluster> {
    let mut names: Vec<&str> = index.names().names().collect();
    names.sort_unstable();
    let mut done: HashSet<String> = HashSet::default();
    let mut out = Vec::new();
    let walker = Walker::new(index);
    for name in names {
        if done.contains(name) {
            continue;
        }
        let Some(c) = cluster_with(&walker, overrides, name) else {
            continue;
        };
        // A name split off by curation is its own entity; a name already
        // placed in a cluster is never listed twice.
        if c.names().any(|n| done.contains(n)) {
            done.insert(name.to_string());
            continue;
        }
        done.extend(c.names().map(str::to_string));
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
