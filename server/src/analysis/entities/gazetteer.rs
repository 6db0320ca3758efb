//! Curated entities compiled into one Aho–Corasick automaton.

use super::types::{Curated, CuratedEntity};
use crate::analysis::Span;
use aho_corasick::{AhoCorasick, MatchKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hit {
    /// Entry index; whether the surface is an alias rather than the name.
    Entry(u32, bool),
    Ignore,
}

/// The compiled form of [`Curated`]: build it once per configuration with
/// [`Gazetteer::new`] and pass it to [`super::extract`] and
/// [`super::resolve`].
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    ac: Option<AhoCorasick>,
    hits: Vec<Hit>,
    entries: Vec<CuratedEntity>,
    /// Entries by exact name or alias, in file order: a lookup per
    /// annotated surface must not scan every entry (100,000 in a big file).
    surfaces: rustc_hash::FxHashMap<String, Vec<u32>>,
}

impl Gazetteer {
    pub fn new(curated: &Curated) -> Gazetteer {
        let mut patterns: Vec<&str> = Vec::new();
        let mut hits = Vec::new();
        let mut surfaces: rustc_hash::FxHashMap<String, Vec<u32>> = Default::default();
        for (i, e) in curated.entries.iter().enumerate() {
            let i = i as u32;
            for surface in std::iter::once(&e.name).chain(&e.aliases) {
                let list = surfaces.entry(surface.clone()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            if !e.name.trim().is_empty() {
                patterns.push(e.name.trim());
                hits.push(Hit::Entry(i, false));
            }
            for a in &e.aliases {
                if !a.trim().is_empty() {
                    patterns.push(a.trim());
                    hits.push(Hit::Entry(i, true));
                }
            }
        }
        for ig in &curated.ignore {
            if !ig.trim().is_empty() {
                patterns.push(ig.trim());
                hits.push(Hit::Ignore);
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .ok()
        };
        Gazetteer {
            ac,
            hits,
            entries: curated.entries.clone(),
            surfaces,
        }
    }

    /// The first entry whose name or an alias is exactly `surface`, among
    /// those `accept`s.
    pub fn named(
        &self,
        surface: &str,
        accept: impl Fn(&CuratedEntity) -> bool,
    ) -> Option<&CuratedEntity> {
        self.surfaces
            .get(surface)?
            .iter()
            .filter_map(|&i| self.entry(i))
            .find(|e| accept(e))
    }

    pub fn entries(&self) -> &[CuratedEntity] {
        &self.entries
    }

    pub(super) fn entry(&self, i: u32) -> Option<&CuratedEntity> {
        self.entries.get(i as usize)
    }

    /// Whole-word matches inside `text[start..end]`.
    pub(super) fn find(&self, text: &str, start: usize, end: usize, mut f: impl FnMut(Span, Hit)) {
        let Some(ac) = &self.ac else { return };
        let hay = &text[start..end];
        for m in ac.find_iter(hay) {
            let (s, e) = (start + m.start(), start + m.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let before_ok = !text[..s]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let after_ok = !text[e..].chars().next().is_some_and(char::is_alphanumeric);
            if before_ok && after_ok {
                f(s..e, self.hits[m.pattern().as_usize()]);
            }
        }
    }
}
