//! An article's publication date and where it comes from: its dateline,
//! `corpus.toml`, or an interval inferred from its own dates.

use super::claims::CandidateMemo;
use super::{ArticleEntry, Corpus};
use crate::analysis::article::YearlessDateline;
use crate::analysis::claims::{EventClaim, matching};
use crate::analysis::entities::EntityKind;
use crate::analysis::temporal::{
    CorpusHints, Inferred, Precision, Raw, Tense, TimeExpression, infer_in_corpus,
};
use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

/// Where a publication date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    Dateline,
    /// `[articles."path"] dateline = ...` in `corpus.toml`.
    Config,
    Inferred,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Dateline => "dateline",
            DateSource::Config => "config",
            DateSource::Inferred => "inferred",
        }
    }
}

/// One article's headline, dateline and publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub path: PathBuf,
    pub headline: Option<String>,
    /// The dateline line as written.
    pub dateline: Option<String>,
    /// The date (for an inferred one, the best guess); `None` when unknown.
    pub date: Option<Date>,
    pub source: Option<DateSource>,
    /// The interval publication lies in (a known date: that day).
    pub earliest: Option<Date>,
    pub latest: Option<Date>,
    pub evidence: Option<String>,
}

impl Corpus {
    /// The publication date of the article at `path`, if it is one of this
    /// corpus's articles.
    pub fn published(&self, path: &Path) -> Option<Published> {
        let entry = self.articles.get(path)?;
        let text = &entry.text;
        let article = &entry.analysis.article;
        let dates = &entry.analysis.dates;
        let slice = |s: &std::ops::Range<usize>| text.get(s.clone()).map(|t| t.trim().to_string());
        let mut p = Published {
            path: entry.path.clone(),
            headline: article.headline.as_ref().and_then(|h| slice(&h.span)),
            dateline: match (&article.dateline, &article.yearless_dateline) {
                (Some(d), _) => slice(&d.span),
                (None, Some(d)) => slice(&d.span),
                (None, None) => None,
            },
            date: None,
            source: None,
            earliest: None,
            latest: None,
            evidence: None,
        };
        let known = |p: &mut Published, date: Date, source: DateSource, why: &str| {
            p.date = Some(date);
            p.source = Some(source);
            p.earliest = Some(date);
            p.latest = Some(date);
            p.evidence = Some(why.to_string());
        };
        match (&article.dateline, dates.anchor, &dates.inferred) {
            (Some(d), _, _) => known(&mut p, d.date, DateSource::Dateline, "its dateline"),
            // A date given from outside the text is an anchor not inferred.
            (None, Some(a), _) if !a.inferred => known(
                &mut p,
                a.date,
                DateSource::Config,
                "corpus.toml gives its date",
            ),
            (None, _, _) => {
                if let Some(i) = self.inferred_publication(path) {
                    inferred(&mut p, &i);
                    if let Some(d) = &article.yearless_dateline {
                        let written = text.get(d.date_span.clone()).unwrap_or("");
                        on_yearless_dateline(&mut p, d, written);
                    }
                }
            }
        }
        Some(p)
    }

    /// An undated article's inferred publication interval: its own dates
    /// and page, weighed with what the corpus says (see [`CorpusHints`]):
    /// an event it tells in the past that a dated article places on a day
    /// was over before it was written, and the dated articles telling the
    /// same story were published near it.
    pub fn inferred_publication(&self, path: &Path) -> Option<Inferred> {
        let entry = self.articles.get(path)?;
        if entry.analysis.article.dateline.is_some() {
            return None;
        }
        let own = entry.analysis.dates.inferred.clone();
        if entry.analysis.dates.anchor.is_some_and(|a| !a.inferred) {
            return own;
        }
        let id = self.id_of(path)?;
        let mut hints = CorpusHints::default();
        if let Some((date, why, bounds, days)) = self.event_told_before(id) {
            hints.after = Some((date, why));
            hints.after_bounds = bounds;
            hints.after_days = days;
        }
        if !own.as_ref().is_some_and(Inferred::is_confident) {
            (hints.near, hints.near_why) = self.story_dates(id);
        }
        if hints.after.is_none() && hints.near.is_empty() {
            return own;
        }
        // Borrowed, not cloned: this runs for every undated article.
        let exprs: Vec<&TimeExpression> = entry
            .analysis
            .dates
            .expressions
            .iter()
            .map(|r| &r.expr)
            .collect();
        infer_in_corpus(&entry.text, &entry.analysis.article, &exprs, &hints).or(own)
    }

    /// The latest event the article tells in the past (no plan) that a
    /// dated article places on a day or in a month, with why in words, and
    /// whether the article gives it the same day or month (see
    /// [`CorpusHints::after_bounds`]), and how many days long the period
    /// is that the article itself gives it.
    fn event_told_before(&self, id: u32) -> Option<(Date, String, bool, i64)> {
        let same = self.same_entity_memo();
        // (the event's first day, the claim here, the claim and the dated
        // article telling it)
        let mut latest: Option<(Date, &EventClaim, &EventClaim, &ArticleEntry)> = None;
        let mine = self.claims.of(id)?;
        let mut candidates = CandidateMemo::default();
        for (claim, keys) in mine.events.iter().zip(mine.event_keys()) {
            if claim.plan || claim.tense == Tense::Future {
                continue;
            }
            for &other_id in candidates.of(self, keys) {
                let Some(other_entry) = self.article_by_id(other_id) else {
                    continue;
                };
                if other_id == id || other_entry.analysis.article.dateline.is_none() {
                    continue;
                }
                // `comparable` includes telling the same event, so the
                // same family.
                for other in self
                    .claims
                    .of(other_id)
                    .into_iter()
                    .flat_map(|c| c.events_of(claim.family))
                {
                    if !matching::comparable(claim, other, &same) {
                        continue;
                    }
                    let Some((first, _)) = other.value.bounds() else {
                        continue;
                    };
                    // Only dates read against a dateline or written in full.
                    if other.value.precision > Precision::Month {
                        continue;
                    }
                    if latest.as_ref().is_none_or(|(d, ..)| first > *d) {
                        latest = Some((first, claim, other, other_entry));
                    }
                }
            }
        }
        let (event, claim, other, other_entry) = latest?;
        let entry = self.article_by_id(id)?;
        let when = other_entry.text.get(other.date_span.clone()).unwrap_or("");
        let why = format!(
            "it tells ‘{}’ ({}), which {} dates ‘{}’ ({}): published after it",
            other.family.as_str(),
            other.who(),
            crate::analysis::text::file_name(&other_entry.path),
            when,
            other.value.value
        );
        let days = entry
            .analysis
            .dates
            .at(claim.date_span.start)
            .and_then(|r| r.resolution.timex.as_ref()?.bounds())
            .map_or(0, |(a, b)| b.duration_since(a).as_secs() / 86_400);
        Some((event, why, dates_agree(entry, claim, other), days))
    }

    /// The publication days of the dated articles sharing the article's
    /// rarer names — the same story told on other days — the closest ones
    /// only, with why in words. Names in more than
    /// [`NEIGHBOUR_MAX_ARTICLES`] articles say nothing about when.
    fn story_dates(&self, id: u32) -> (Vec<(Date, f64)>, String) {
        let Some(mentions) = self.mentions.get(&id) else {
            return (Vec::new(), String::new());
        };
        let mut names: Vec<&str> = mentions
            .iter()
            .filter(|m| {
                matches!(
                    m.kind,
                    EntityKind::Organization | EntityKind::Person | EntityKind::Product
                )
            })
            .map(|m| m.entity.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        let total = self.articles.len().max(2) as f64;
        // (name weight, names shared, one of them rare)
        let mut score: HashMap<u32, (f64, usize, bool)> = HashMap::default();
        for name in names {
            let Some(postings) = self.entities.mentions(name) else {
                continue;
            };
            let df = postings.len();
            if !(2..=NEIGHBOUR_MAX_ARTICLES).contains(&df) {
                continue;
            }
            let weight = (total / df as f64).ln().max(0.1);
            for &other in postings.keys().filter(|&&o| o != id) {
                let e = score.entry(other).or_default();
                e.0 += weight;
                e.1 += 1;
                e.2 |= df <= RARE_NAME_ARTICLES;
            }
        }
        // Only dated neighbours sharing two names, or one rare name.
        let mut dated: Vec<(f64, Date, u32)> = score
            .into_iter()
            .filter(|(_, (_, shared, rare))| *shared >= 2 || *rare)
            .filter_map(|(other, (s, _, _))| {
                let e = self.article_by_id(other)?;
                let a = e.analysis.dates.anchor.filter(|a| !a.inferred)?;
                Some((s, a.date, other))
            })
            .collect();
        let best = dated.iter().map(|d| d.0).fold(0.0, f64::max);
        if best <= 0.0 {
            return (Vec::new(), String::new());
        }
        dated.retain(|d| d.0 >= best * STORY_SHARE);
        // By date, then path: the middle one named must not depend on the
        // order of a hash map.
        let rank = self.path_rank();
        dated.sort_unstable_by_key(|d| (d.1, rank[d.2 as usize]));
        let (_, middle, neighbour) = dated[dated.len() / 2];
        let file = self
            .article_by_id(neighbour)
            .map(|e| crate::analysis::text::file_name(&e.path))
            .unwrap_or_default();
        let why = match dated.len() {
            1 => format!("the dated article sharing its rarer names, {file} ({middle}), weighs in"),
            n => format!(
                "the {n} dated articles sharing its rarer names weigh in (the middle one {file}, {middle})"
            ),
        };
        (dated.into_iter().map(|d| (d.1, d.0)).collect(), why)
    }
}

/// Whether an undated article's telling of an event agrees with a dated
/// article's date for it. A date told relative to publication (`on
/// Saturday`, `yesterday`) was read against a guess, so it cannot
/// disagree; a calendar date must give the same day or month (its year
/// may be a guess's too), a year the same year.
fn dates_agree(entry: &ArticleEntry, here: &EventClaim, there: &EventClaim) -> bool {
    let Some(r) = entry.analysis.dates.at(here.date_span.start) else {
        return true;
    };
    match r.expr.raw {
        Raw::Year(y) => there.value.value.starts_with(&format!("{y:04}")),
        Raw::Date { .. }
        | Raw::Month { .. }
        | Raw::Season { .. }
        | Raw::Quarter { .. }
        | Raw::Half { .. }
        | Raw::FinancialYear { .. } => same_day_or_month(&here.value.value, &there.value.value),
        _ => true,
    }
}

/// Whether two ISO dates name the same month and day (or the same month),
/// whatever their years: `2001-10-03` and `2007-10-03`.
fn same_day_or_month(here: &str, there: &str) -> bool {
    let rest = |v: &str| v.split_once('-').map(|(_, r)| r.to_string());
    match (rest(here), rest(there)) {
        (Some(a), Some(b)) => {
            let month = |r: &str| r.get(..2).map(str::to_string);
            a == b || (a.len() == 2 || b.len() == 2) && month(&a) == month(&b)
        }
        _ => false,
    }
}

/// A dated article counts as the same story when it shares at least this
/// share of the closest one's name weight.
const STORY_SHARE: f64 = 0.3;

/// A name in at most this many articles is rare enough that sharing it
/// alone makes two articles one story.
const RARE_NAME_ARTICLES: usize = 3;

/// See [`Corpus::story_dates`].
pub const NEIGHBOUR_MAX_ARTICLES: usize = 50;

fn inferred(p: &mut Published, i: &Inferred) {
    p.date = Some(i.date);
    p.source = Some(DateSource::Inferred);
    p.earliest = i.earliest;
    p.latest = i.latest;
    p.evidence = Some(i.evidence.clone());
}

/// An inferred date moved to the day and month a yearless dateline gives:
/// that day in the year nearest the best guess, inside the inferred
/// interval (the one such day there, if the interval holds only one). The
/// year is the inference's, never one the dateline makes up.
fn on_yearless_dateline(p: &mut Published, d: &YearlessDateline, written: &str) {
    let Some(guess) = p.date else { return };
    let inside =
        |day: &Date| p.earliest.is_none_or(|e| *day >= e) && p.latest.is_none_or(|l| *day <= l);
    let year = guess.year();
    let days: Vec<Date> = [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| d.in_year(y))
        .filter(inside)
        .collect();
    let Some(&day) = days
        .iter()
        .min_by_key(|day| day.since(guess).map_or(i32::MAX, |s| s.get_days().abs()))
    else {
        return;
    };
    p.date = Some(day);
    // Bounded both sides and holding one such day: that is the day.
    let only = match (p.earliest, p.latest) {
        (Some(e), Some(l)) => {
            (e.year()..=l.year())
                .filter_map(|y| d.in_year(y))
                .filter(|x| *x >= e && *x <= l)
                .count()
                == 1
        }
        _ => false,
    };
    if only {
        p.earliest = Some(day);
        p.latest = Some(day);
    }
    p.evidence = Some(format!(
        "its dateline gives the day, ‘{written}’, not the year; {}",
        p.evidence.as_deref().unwrap_or("")
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn corpus(articles: &[(&str, &str)]) -> Corpus {
        let root = PathBuf::from("/nonexistent/published");
        let mut corpus = Corpus::new(root.clone());
        for (name, text) in articles {
            corpus.upsert(root.join(name), Arc::from(*text));
        }
        corpus
    }

    const DATED: &str = "Westfield goes live\n\n  • 6 October 2009\n\nWestfield General Hospital went live with its new records system on 3 October 2009, the trust said.\n";

    #[test]
    fn an_event_dated_elsewhere_bounds_an_undated_article() {
        // The undated article's own dates say only that it is after 2004.
        let undated = "Records system live at last\n\nWestfield General Hospital, which signed with Harbour Systems in 2004, went live with the records system on Saturday.\n\nStaff said the first days were calm.\n";
        let c = corpus(&[("a.txt", DATED), ("b.txt", undated)]);
        let path = PathBuf::from("/nonexistent/published/b.txt");
        let i = c.inferred_publication(&path).expect("inferred");
        assert!(
            i.earliest.is_some_and(|e| e >= Date::constant(2009, 10, 1)),
            "{i:?}"
        );
        assert_eq!(i.date.year(), 2009, "{i:?}");
        assert_eq!(i.date.month(), 10, "{i:?}");
        assert!(i.evidence.contains("a.txt"), "{}", i.evidence);
        let p = c.published(&path).unwrap();
        assert_eq!(p.source, Some(DateSource::Inferred));
        assert_eq!(p.earliest, i.earliest);
    }

    #[test]
    fn a_yearless_dateline_gives_the_inferred_date_its_day() {
        let wire = "Harbour shares rise\n\nLONDON, Oct 8 (Reuters) - Shares in Harbour Systems rose on Thursday after Westfield General Hospital went live with its records system on Oct. 3.\n";
        let c = corpus(&[("a.txt", DATED), ("w.txt", wire)]);
        let path = PathBuf::from("/nonexistent/published/w.txt");
        let p = c.published(&path).unwrap();
        assert_eq!(p.dateline.as_deref(), Some("LONDON, Oct 8"));
        assert_eq!(p.source, Some(DateSource::Inferred));
        assert_eq!(p.date, Some(Date::constant(2009, 10, 8)), "{p:?}");
        assert!(
            p.evidence.as_deref().is_some_and(|e| e.contains("‘Oct 8’")),
            "{p:?}"
        );
        // Nothing bounds its year: the date stays a guess, or unknown.
        let c = corpus(&[("w.txt", wire)]);
        let p = c.published(&path).unwrap();
        assert_ne!(p.source, Some(DateSource::Dateline));
        assert!(
            c.findings(&path)
                .iter()
                .all(|f| f.code != "missing-dateline")
        );
    }

    #[test]
    fn an_unrelated_event_does_not() {
        let undated = "Records system live at last\n\nEastmoor Infirmary, which signed with Harbour Systems in 2004, went live with the records system on Saturday.\n";
        let c = corpus(&[("a.txt", DATED), ("b.txt", undated)]);
        let i = c.inferred_publication(Path::new("/nonexistent/published/b.txt"));
        assert!(
            i.as_ref().is_none_or(|i| !i.evidence.contains("a.txt")),
            "{i:?}"
        );
    }

    const STORY_JUNE: &str = "Ashcombe signs scanning deal\n\n  • 12 June 2011\n\nAshcombe Community Trust has signed a scanning contract with Pellworth Imaging, chief executive Rhona Tull said.\n";
    const STORY_JULY: &str = "Scanning starts at Ashcombe\n\n  • 20 July 2011\n\nPellworth Imaging began scanning paper records for Ashcombe Community Trust this week.\n";

    #[test]
    fn the_story_gives_the_year_and_its_own_dates_the_month() {
        // No year at all: ‘in June’ told in the past and ‘by October’ ahead
        // place it between them; the story's dated articles say 2011.
        let undated = "Ashcombe scanning halfway\n\nPellworth Imaging has scanned half of Ashcombe Community Trust's paper records since the work began in June, and expects to finish by October.\n";
        let c = corpus(&[
            ("a.txt", STORY_JUNE),
            ("b.txt", STORY_JULY),
            ("c.txt", undated),
        ]);
        let i = c
            .inferred_publication(Path::new("/nonexistent/published/c.txt"))
            .expect("inferred");
        assert_eq!(i.date.year(), 2011, "{i:?}");
        assert!((6..=10).contains(&i.date.month()), "{i:?}");
        assert!(i.evidence.contains("dated article"), "{}", i.evidence);
        // The story weighs in the guess; it bounds nothing.
        assert_eq!((i.earliest, i.latest), (None, None), "{i:?}");
    }

    #[test]
    fn one_shared_common_name_is_not_a_story() {
        // ‘Ashcombe Community Trust’ alone, in more articles than a rare
        // name is: no neighbours, so no guess without a year.
        let undated = "Trust praised\n\nInspectors praised Ashcombe Community Trust in June.\n";
        let other = "Ashcombe trust audit\n\n  • 3 March 2012\n\nAshcombe Community Trust passed its audit, the auditors said.\n";
        let c = corpus(&[
            ("a.txt", STORY_JUNE),
            ("b.txt", STORY_JULY),
            ("d.txt", other),
            ("e.txt", other),
            ("c.txt", undated),
        ]);
        let i = c.inferred_publication(Path::new("/nonexistent/published/c.txt"));
        assert!(i.is_none(), "{i:?}");
    }

    #[test]
    fn an_event_told_with_another_month_is_a_clue_not_a_bound() {
        // ‘in April’ here, ‘3 October 2009’ there: another step of the
        // story, or a slip; either way no bound on publication.
        let undated = "Records system live\n\nWestfield General Hospital, which signed with Harbour Systems in 2004, went live with the records system in April.\n";
        let c = corpus(&[("a.txt", DATED), ("b.txt", undated)]);
        let i = c
            .inferred_publication(Path::new("/nonexistent/published/b.txt"))
            .expect("inferred");
        assert!(
            i.earliest.is_none_or(|e| e < Date::constant(2009, 10, 1)),
            "{i:?}"
        );
        assert!(i.evidence.contains("a clue, not a bound"), "{}", i.evidence);
    }
}
