//! Pure analysis: functions from text to facts. No LSP types, no I/O.
//!
//! Every span is a byte range into the article text; converting to
//! editor positions happens in [`line_index`] and nowhere else.

pub mod annotations;
pub mod article;
pub mod boilerplate;
pub mod checks;
pub mod claims;
pub mod dateline;
pub mod dates;
pub mod entities;
pub mod findings;
pub mod line_index;
pub mod lines;
pub mod sentences;
pub mod stored;
pub mod temporal;
pub mod text;
pub mod tokens;

/// A byte range into an article's text.
pub type Span = std::ops::Range<usize>;

use article::Article;
use entities::{ArticleNames, Gazetteer};
use findings::Finding;
use line_index::LineIndex;

/// Everything known about one article from its own text (and the corpus's
/// curated names). The checker and the language server both build this,
/// through [`ArticleAnalysis::new`], so they can never disagree.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ArticleAnalysis {
    pub article: Article,
    pub line_index: LineIndex,
    /// Name candidates, acronym definitions, figures and date spans, before
    /// corpus-level resolution.
    pub names: ArticleNames,
    /// Date expressions resolved against the publication date (the
    /// dateline's, else one inferred from the article's own dates).
    pub dates: temporal::ArticleDates,
    pub findings: Vec<Finding>,
}

impl ArticleAnalysis {
    pub fn new(text: &str, gazetteer: &Gazetteer) -> ArticleAnalysis {
        ArticleAnalysis::with_publication(text, gazetteer, None)
    }

    /// Like [`ArticleAnalysis::new`], with a publication date given from
    /// outside the text (a curated override), used when the article has
    /// no dateline of its own.
    pub fn with_publication(
        text: &str,
        gazetteer: &Gazetteer,
        publication: Option<jiff::civil::Date>,
    ) -> ArticleAnalysis {
        let article = Article::parse(text);
        // Tokenised once, searched for dates once: entities and temporal
        // analysis share both.
        let regions = entities::regions(text, &article);
        let mut found: Vec<_> = regions
            .iter()
            .map(|r| temporal::find_in_region(text, r))
            .collect();
        let names = entities::extract_in(text, &regions, &found, gazetteer, article.lead.as_ref());
        let body = temporal::body_sentences(&article);
        let exprs = temporal::find_reusing(text, &body, &regions, &mut found);
        let dates = match publication.filter(|_| article.dateline.is_none()) {
            Some(date) => temporal::analyse_at_found(text, exprs, date),
            None => temporal::analyse_found(text, &article, exprs),
        };
        let mut findings = checks::article_checks(text, &article, &dates);
        if publication.is_some() {
            findings.retain(|f| f.code != findings::codes::MISSING_DATELINE);
        }
        ArticleAnalysis {
            article,
            line_index: LineIndex::new(text),
            names,
            dates,
            findings,
        }
    }
}
