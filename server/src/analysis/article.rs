//! The article model: headline, dateline, body paragraphs with sentences,
//! and boilerplate.

use super::Span;
use jiff::civil::{Date, Time, Weekday};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub headline: Option<Headline>,
    pub dateline: Option<Dateline>,
    /// Body paragraphs in order; never includes headline, dateline or boilerplate.
    pub paragraphs: Vec<Paragraph>,
    /// Boilerplate regions in order, each line-aligned and non-overlapping.
    pub boilerplate: Vec<Boilerplate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// The headline text, trimmed (no leading `#`, no surrounding whitespace).
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline line, trimmed of whitespace.
    pub span: Span,
    /// The date itself inside the line, e.g. `15 July 2008`.
    pub date_span: Span,
    pub date: Date,
    pub time: Option<Time>,
    /// A weekday written in the dateline, which may disagree with `date`.
    pub stated_weekday: Option<Weekday>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// From the first to the last non-blank character of the paragraph.
    pub span: Span,
    /// Sentences in order, each trimmed, all inside `span`.
    pub sentences: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoilerplateKind {
    Newsletter,
    RelatedLinks,
    Comments,
    Social,
    Repeated,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boilerplate {
    /// Starts at the beginning of a line, ends at the end of a line (before its newline).
    pub span: Span,
    pub kind: BoilerplateKind,
}

impl Article {
    pub fn parse(text: &str) -> Article {
        let _ = text;
        Article {
            headline: None,
            dateline: None,
            paragraphs: Vec::new(),
            boilerplate: Vec::new(),
        }
    }

    /// Whether a byte offset falls inside boilerplate.
    pub fn is_boilerplate(&self, offset: usize) -> bool {
        self.boilerplate
            .iter()
            .any(|b| b.span.start <= offset && offset < b.span.end)
    }
}
