//! What other articles' findings read of one article, so that a change to
//! it recomputes only the findings it can change (the server's
//! publications after an edit). Keep it in step with `findings.rs`,
//! `claims.rs` and `published.rs`: a new cross-article read belongs here.

use super::Corpus;
use crate::analysis::entities::{EntityKind, NameContribution};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What the findings of other articles read of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exposure {
    /// `None` when the corpus does not hold it.
    identity: Option<Identity>,
    dating: Option<Dating>,
    /// The keys of its event and figure claims.
    claim_keys: Vec<String>,
    /// The keys of its figure claims alone.
    figure_keys: Vec<String>,
}

/// What identity reads of an article: its names as the name table counts
/// them, and its resolved names with their kinds and mention counts (what
/// `EntityIndex::set_postings` compares), never where they are. While these
/// stay, no other article is resolved differently and identity's answers
/// (canonical names, misspelling targets and counts) stay.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    table: NameContribution,
    /// (entity, kind, from a `.ann`, as written), sorted.
    names: Vec<(String, EntityKind, bool, String)>,
}

/// What the dating of undated articles reads of an article: its date when
/// not inferred (`story_dates`), and its dateline line (the corpus's
/// example of one, in a missing dateline's fix).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dating {
    date: Option<jiff::civil::Date>,
    dateline: Option<String>,
}

impl Exposure {
    /// Whether any article's findings may follow the change from `self`
    /// to `after`: identity's answers, or which articles are in the corpus.
    pub fn identity_changed(&self, after: &Exposure) -> bool {
        self.identity != after.identity
    }
}

impl Corpus {
    /// What the findings of other articles read of the article at `path`.
    pub fn exposure(&self, path: &Path) -> Exposure {
        let Some(entry) = self.articles.get(path) else {
            return Exposure::default();
        };
        let mut names: Vec<(String, EntityKind, bool, String)> = self
            .mentions(path)
            .into_iter()
            .flat_map(|m| m.iter())
            .filter(|m| m.kind.is_name())
            .filter_map(|m| {
                let surface = entry.text.get(m.span.clone())?;
                Some((
                    m.entity.clone(),
                    m.kind,
                    m.annotation.is_some(),
                    surface.to_string(),
                ))
            })
            .collect();
        names.sort_unstable();
        let claims = self.id_of(path).and_then(|id| self.claims.of(id));
        let events = claims.into_iter().flat_map(|c| &c.events);
        let figures = claims.into_iter().flat_map(|c| &c.figures);
        let figure_keys = sorted(figures.flat_map(|f| f.keys()).collect());
        let mut claim_keys: Vec<String> = events.flat_map(|e| e.keys()).collect();
        claim_keys.extend(figure_keys.iter().cloned());
        Exposure {
            identity: Some(Identity {
                table: NameContribution::of(&entry.analysis.names),
                names,
            }),
            dating: Some(Dating {
                date: entry
                    .analysis
                    .dates
                    .anchor
                    .filter(|a| !a.inferred)
                    .map(|a| a.date),
                dateline: Self::dateline_line(entry),
            }),
            claim_keys: sorted(claim_keys),
            figure_keys,
        }
    }

    /// Of the articles at `others`, those whose findings a change of one
    /// article from `before` to `after` can change, its identity unchanged:
    /// those telling a claim under one of its keys, before or after (their
    /// conflicts compare it, or stop comparing it when a key turns too
    /// common); those with a figure disputed by a report sharing a party
    /// with its figures (reports backing a value are found through the
    /// reports disputing it); and, when its date or dateline changed, the
    /// undated ones. Others' claims are read as they are now.
    pub fn reached<'a>(
        &self,
        before: &Exposure,
        after: &Exposure,
        others: impl IntoIterator<Item = &'a Path>,
    ) -> Vec<&'a Path> {
        let keys: HashSet<&str> = before
            .claim_keys
            .iter()
            .chain(&after.claim_keys)
            .map(String::as_str)
            .collect();
        let figure_keys: HashSet<&str> = before
            .figure_keys
            .iter()
            .chain(&after.figure_keys)
            .map(String::as_str)
            .collect();
        let dating_changed = before.dating != after.dating;
        if keys.is_empty() && !dating_changed {
            return Vec::new();
        }
        // Whether an article's figures share a party with the change's.
        let mut shares_party: HashMap<u32, bool> = HashMap::new();
        let mut out = Vec::new();
        for path in others {
            let Some(entry) = self.articles.get(path) else {
                continue;
            };
            let undated = entry.analysis.article.dateline.is_none();
            let claims = self.id_of(path).and_then(|id| self.claims.of(id));
            let tells = claims.is_some_and(|c| {
                let events = c.events.iter().flat_map(|e| e.keys());
                let figures = c.figures.iter().flat_map(|f| f.keys());
                events.chain(figures).any(|k| keys.contains(k.as_str()))
            });
            let backed_through = !figure_keys.is_empty()
                && claims.is_some_and(|c| !c.figures.is_empty())
                && self.claim_neighbours(path).iter().any(|other| {
                    let Some(id) = self.id_of(other) else {
                        return false;
                    };
                    *shares_party.entry(id).or_insert_with(|| {
                        self.claims.of(id).is_some_and(|c| {
                            c.figures
                                .iter()
                                .flat_map(|f| f.keys())
                                .any(|k| figure_keys.contains(k.as_str()))
                        })
                    })
                });
            if tells || backed_through || (dating_changed && undated) {
                out.push(path);
            }
        }
        out
    }
}

fn sorted(mut keys: Vec<String>) -> Vec<String> {
    keys.sort_unstable();
    keys.dedup();
    keys
}
