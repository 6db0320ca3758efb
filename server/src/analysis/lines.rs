//! Lines of an article's text, the unit that the article model and the
//! dateline and boilerplate recognisers all read.

use super::Span;
use super::sentences::is_space;

/// One line of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line's content, without its terminator.
    pub span: Span,
    /// The content without surrounding whitespace; empty for a blank line.
    pub trimmed: Span,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.trimmed.is_empty()
    }
}

/// Splits text into lines ending at `\n`, `\r\n` or a lone `\r` (as LSP
/// does). There is always at least one line, maybe empty.
pub fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut push = |span: Span| {
        out.push(Line {
            trimmed: trim_span(text, span.clone()),
            span,
        })
    };
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                push(start..i);
                start = i + 1;
            }
            b'\r' => {
                push(start..i);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    push(start..bytes.len());
    out
}

/// `span` without the whitespace at either end.
pub fn trim_span(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.clone()) else {
        return span.start..span.start;
    };
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let body = s.trim_matches(is_space);
    span.start + lead..span.start + lead + body.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_unicode_spaces() {
        let text = "\u{a0}\u{200b} x \t";
        assert_eq!(trim_span(text, 0..text.len()), 6..7);
        assert_eq!(trim_span(" \u{a0} ", 0..4), 4..4);
    }
}
