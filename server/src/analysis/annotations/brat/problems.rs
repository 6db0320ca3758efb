//! What is wrong with a file: its own lines, and its mentions against
//! the article.

use super::{AnnFile, Entry, Line, Problem, ProblemKind, flatten, join_text};
use crate::analysis::Span;
use crate::analysis::annotations::Annotation;
use crate::analysis::annotations::offsets::CodePointIndex;
use std::borrow::Cow;
use std::collections::HashMap;

impl AnnFile {
    /// Problems visible without the article: malformed lines, duplicate
    /// IDs, inverted offsets, references to unknown IDs. Sorted by line.
    pub fn problems(&self) -> Vec<Problem> {
        let starts = self.line_starts();
        let mut out = Vec::new();
        let mut defined: HashMap<&str, usize> = HashMap::new();
        for (n, line) in self.lines.iter().enumerate() {
            let at = starts[n];
            match &line.entry {
                Entry::Malformed(m) => out.push(Problem {
                    line: n,
                    span: at + m.span.start..at + m.span.end,
                    kind: ProblemKind::Malformed,
                    message: m.message.clone(),
                }),
                Entry::TextBound(t) => {
                    if let Some(r) = t.spans.iter().find(|r| r.start > r.end) {
                        out.push(Problem {
                            line: n,
                            span: offsets_field(&line.content, at),
                            kind: ProblemKind::BadOffsets,
                            message: format!(
                                "the span {} {} ends before it starts",
                                r.start, r.end
                            ),
                        });
                    }
                }
                _ => {}
            }
            if let Some(id) = line.entry.id() {
                match defined.get(id) {
                    Some(&first) => out.push(Problem {
                        line: n,
                        span: at..at + id.len(),
                        kind: ProblemKind::DuplicateId,
                        message: format!(
                            "duplicate ID `{id}`: line {} already defines it",
                            first + 1
                        ),
                    }),
                    None => {
                        defined.insert(id, n);
                    }
                }
            }
        }
        for (n, line) in self.lines.iter().enumerate() {
            for target in line.entry.refs() {
                if !defined.contains_key(target) {
                    out.push(Problem {
                        line: n,
                        span: starts[n]..starts[n] + line.content.len(),
                        kind: ProblemKind::UnknownReference,
                        message: format!("`{target}` is not the ID of any annotation in this file"),
                    });
                }
            }
        }
        out.sort_by_key(|p| (p.line, p.span.start));
        out
    }

    /// [`AnnFile::problems`] plus those that need the article: offsets past
    /// its end ([`ProblemKind::BadOffsets`]) and stale text
    /// ([`ProblemKind::Stale`]). Sorted by line.
    pub fn check(&self, article: &str) -> Vec<Problem> {
        let mut out = self.problems();
        let index = CodePointIndex::new(article);
        let starts = self.line_starts();
        for (n, line) in self.lines.iter().enumerate() {
            out.extend(article_problem(n, line, starts[n], &index));
        }
        out.sort_by_key(|p| (p.line, p.span.start));
        out
    }

    /// The file's mentions as byte-span [`Annotation`]s of `article`
    /// (`label`: our kind name, or the unknown type's name; `text`: the
    /// article's text at the spans, joined by a space). Annotations with bad
    /// offsets or stale text are left out and reported, after the
    /// [`AnnFile::problems`].
    pub fn annotations(&self, article: &str) -> (Vec<Annotation>, Vec<Problem>) {
        let index = CodePointIndex::new(article);
        let starts = self.line_starts();
        let mut out = Vec::new();
        let mut problems = self.problems();
        for (n, line) in self.lines.iter().enumerate() {
            let Entry::TextBound(t) = &line.entry else {
                continue;
            };
            if let Some(problem) = article_problem(n, line, starts[n], &index) {
                problems.push(problem);
                continue;
            }
            // Inverted offsets: already among `problems`.
            let Some(spans) = t.byte_spans(&index) else {
                continue;
            };
            out.push(Annotation {
                text: join_text(article, &spans, false),
                spans,
                label: t.label().as_str().to_string(),
            });
        }
        problems.sort_by_key(|p| (p.line, p.span.start));
        (out, problems)
    }
}

/// The problem a `T` line has with the article, if any: offsets past its
/// end, or stale text. (Inverted offsets are reported without the article.)
fn article_problem(n: usize, line: &Line, at: usize, index: &CodePointIndex) -> Option<Problem> {
    let Entry::TextBound(t) = &line.entry else {
        return None;
    };
    if t.spans.iter().any(|r| r.start > r.end) {
        return None;
    }
    if let Some(r) = t.spans.iter().find(|r| r.end > index.len_chars()) {
        return Some(Problem {
            line: n,
            span: offsets_field(&line.content, at),
            kind: ProblemKind::BadOffsets,
            message: format!(
                "offset {} is past the end of the article ({} characters)",
                r.end,
                index.len_chars()
            ),
        });
    }
    let found = t.article_text(index)?;
    if found == flatten(&t.text) {
        return None;
    }
    Some(Problem {
        line: n,
        span: at..at + line.content.len(),
        kind: ProblemKind::Stale,
        message: format!(
            "stale annotation: the article has “{}” here, not “{}”",
            truncate(&found, 60),
            truncate(&t.text, 60)
        ),
    })
}

/// Byte range of a `T` line's type-and-offsets field, offset by `at`.
fn offsets_field(content: &str, at: usize) -> Span {
    let start = content.find('\t').map_or(0, |i| i + 1);
    let end = content[start..]
        .find('\t')
        .map_or(content.len(), |i| start + i);
    at + start..at + end
}

fn truncate(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}
