//! Pure analysis: functions from text to facts. No LSP types, no I/O.
//!
//! Every span is a byte range into the article text; converting to
//! editor positions happens in [`line_index`] and nowhere else.

pub mod article;
pub mod boilerplate;
pub mod checks;
pub mod dateline;
pub mod dates;
pub mod entities;
pub mod findings;
pub mod line_index;
pub mod sentences;

/// A byte range into an article's text.
pub type Span = std::ops::Range<usize>;

use article::Article;
use findings::Finding;
use line_index::LineIndex;

/// Everything known about one article on its own, computed from its text
/// alone. The checker and the language server both build this, through
/// [`ArticleAnalysis::new`], so they can never disagree.
#[derive(Debug, Clone)]
pub struct ArticleAnalysis {
    pub article: Article,
    pub line_index: LineIndex,
    pub findings: Vec<Finding>,
}

impl ArticleAnalysis {
    pub fn new(text: &str) -> ArticleAnalysis {
        let article = Article::parse(text);
        let findings = checks::article_checks(text, &article);
        ArticleAnalysis {
            article,
            line_index: LineIndex::new(text),
            findings,
        }
    }
}
