//! An article's publication date and where it comes from: its dateline,
//! `corpus.toml`, or an interval inferred from its own dates.

use super::Corpus;
use crate::analysis::temporal::Inferred;
use jiff::civil::Date;
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
            dateline: article.dateline.as_ref().and_then(|d| slice(&d.span)),
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
            (None, _, Some(i)) => inferred(&mut p, i),
            _ => {}
        }
        Some(p)
    }
}

fn inferred(p: &mut Published, i: &Inferred) {
    p.date = Some(i.date);
    p.source = Some(DateSource::Inferred);
    p.earliest = i.earliest;
    p.latest = i.latest;
    p.evidence = Some(i.evidence.clone());
}
