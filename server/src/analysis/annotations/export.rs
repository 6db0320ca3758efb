//! Writers (and the brat reader) for NLP tools: brat standoff, spaCy /
//! Prodigy JSONL and CoNLL BIO. Pure text in, text out.

use super::Annotation;
use super::brat::{AnnFile, Problem, join_text};
use super::label::AnnotationLabel;
use super::offsets::{CodePointIndex, snap_span};
use crate::analysis::Span;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;

/// An annotation's spans snapped to character boundaries of `text`,
/// sorted, empty ones dropped.
fn clean_spans(text: &str, spans: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = spans
        .iter()
        .map(|s| snap_span(text, s))
        .filter(|s| !s.is_empty())
        .collect();
    out.sort_by_key(|s| (s.start, s.end));
    out
}

/// A `.ann` file for `article`: one `T` line per annotation, IDs `T1`, `T2`,
/// … in the given order, code point offsets, the article's text at the
/// spans (tabs and line breaks as spaces, fragments joined by a space).
/// Byte spans are snapped outwards to character boundaries and clamped to
/// the text; annotations left with no non-empty span are skipped. Known
/// kinds get [`AnnotationLabel::brat_type`] names, others keep theirs.
pub fn export_brat(article: &str, annotations: &[Annotation]) -> String {
    let index = CodePointIndex::new(article);
    let mut ann = AnnFile::new();
    for a in annotations {
        let spans = clean_spans(article, &a.spans);
        let Some(cps) = spans
            .iter()
            .map(|s| index.byte_range_to_cps(s))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let type_name = AnnotationLabel::parse(&a.label).brat_type().into_owned();
        // Cannot fail: the type is non-empty and the spans are too.
        let _ = ann.add_text_bound(&type_name, &cps, &join_text(article, &spans, true));
    }
    ann.to_text()
}

/// Reads a `.ann` file's mentions as byte-span annotations of `article`;
/// see [`AnnFile::annotations`] (stale and out-of-range ones are left out
/// and reported).
pub fn import_brat(article: &str, ann: &str) -> (Vec<Annotation>, Vec<Problem>) {
    AnnFile::parse(ann).annotations(article)
}

#[derive(Serialize)]
struct JsonlRecord<'a> {
    text: &'a str,
    spans: Vec<JsonlSpan<'a>>,
    meta: JsonlMeta<'a>,
}

#[derive(Serialize)]
struct JsonlSpan<'a> {
    start: usize,
    end: usize,
    label: Cow<'a, str>,
}

#[derive(Serialize)]
struct JsonlMeta<'a> {
    source: &'a str,
}

/// One spaCy / Prodigy JSONL line (without its newline):
/// `{"text": …, "spans": [{"start", "end", "label"}], "meta": {"source"}}`.
/// Offsets are code points (Python string indices); labels are the short
/// tags of [`AnnotationLabel::tag`] (`ORG`, `PER`, …); each fragment of a
/// discontinuous annotation is its own span; spans sorted by offset.
pub fn export_jsonl(article: &str, annotations: &[Annotation], source: &str) -> String {
    let index = CodePointIndex::new(article);
    let mut spans = Vec::new();
    for a in annotations {
        let label = AnnotationLabel::parse(&a.label);
        for s in clean_spans(article, &a.spans) {
            if let Some(r) = index.byte_range_to_cps(&s) {
                spans.push(JsonlSpan {
                    start: r.start,
                    end: r.end,
                    label: Cow::Owned(label.tag().into_owned()),
                });
            }
        }
    }
    spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    let record = JsonlRecord {
        text: article,
        spans,
        meta: JsonlMeta { source },
    };
    // Serialising strings and numbers cannot fail.
    serde_json::to_string(&record).unwrap_or_default()
}

/// CoNLL BIO for one article: `token\tTAG` lines, a blank line between
/// sentences, ending with a newline (empty output for a text without
/// tokens). Tokens come from [`conll_tokens`] within each of `sentences`
/// (byte spans; text between or around them that has tokens becomes a
/// sentence of its own, so nothing is lost). A token gets an annotation's
/// tag (`B-` on the first token of each fragment, `I-` after) when a
/// fragment covers the token's start; overlapping fragments: the earliest
/// starting, then the longest, wins. Tags: [`AnnotationLabel::tag`].
pub fn export_conll(article: &str, annotations: &[Annotation], sentences: &[Span]) -> String {
    // Fragments sorted by (start, longest first, annotation order).
    let mut pieces: Vec<(Span, String)> = Vec::new();
    for a in annotations {
        let tag = AnnotationLabel::parse(&a.label).tag().into_owned();
        for s in clean_spans(article, &a.spans) {
            pieces.push((s, tag.clone()));
        }
    }
    pieces.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));

    let mut segments: Vec<Span> = Vec::new();
    let mut sorted: Vec<Span> = sentences
        .iter()
        .map(|s| snap_span(article, s))
        .filter(|s| !s.is_empty())
        .collect();
    sorted.sort_by_key(|s| (s.start, s.end));
    let mut at = 0;
    for s in sorted {
        let start = s.start.max(at);
        if s.end <= start {
            continue;
        }
        if start > at {
            segments.push(at..start);
        }
        segments.push(start..s.end);
        at = s.end;
    }
    segments.push(at..article.len());

    let mut out = String::new();
    let mut next_piece = 0;
    let mut active: Vec<usize> = Vec::new();
    for segment in segments {
        let tokens = conll_tokens(article, segment);
        if tokens.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let mut previous: Option<usize> = None;
        for token in tokens {
            while next_piece < pieces.len() && pieces[next_piece].0.start <= token.start {
                active.push(next_piece);
                next_piece += 1;
            }
            active.retain(|&k| pieces[k].0.end > token.start);
            let _ = match active.first() {
                Some(&k) => {
                    let bio = if previous == Some(k) { "I" } else { "B" };
                    previous = Some(k);
                    writeln!(out, "{}\t{bio}-{}", &article[token], pieces[k].1)
                }
                None => {
                    previous = None;
                    writeln!(out, "{}\tO", &article[token])
                }
            };
        }
    }
    out
}

/// Opening punctuation split off the front of a word.
fn is_leading_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«' | '‹' | '¿' | '¡'
    )
}

/// Closing punctuation split off the end of a word.
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '"' | '\'' | '”' | '’' | '»' | '›'
    )
}

/// Always a token of its own, even inside a word (`profits—up`).
fn is_separator_punct(c: char) -> bool {
    matches!(c, '—' | '…')
}

/// Words whose final period is part of them.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Plc", "plc",
    "Bros", "No", "vs", "etc", "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Sgt", "Capt", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Whether `word` (ending in `.`) keeps its period: `U.K.`, `e.g.`, `J.`,
/// `Mr.`, `Ltd.`.
fn keeps_period(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    if ABBREVIATIONS.contains(&stem) {
        return true;
    }
    // Letters each followed by a period: `U.K.`, `e.g.`, and initials `J.`.
    let chars: Vec<char> = word.chars().collect();
    chars.len() >= 2
        && chars
            .chunks(2)
            .all(|pair| pair.len() == 2 && pair[0].is_alphabetic() && pair[1] == '.')
        && (chars.len() > 2 || chars[0].is_uppercase())
}

/// Tokens of `text[span]` for CoNLL, as byte spans: whitespace separates
/// words; opening punctuation (brackets, quotes) is split off a word's
/// front and closing punctuation (`.,;:!?`, brackets, quotes) off its end,
/// one character at a time (a run of periods stays together); `—` and `…`
/// are always tokens of their own. Currency signs, `%`, and punctuation
/// inside a word stay: `£896`, `10%`, `£836.10`, `U.K.`, `Acme's`, `1,000`.
/// Abbreviations (`U.K.`, `Mr.`, `Ltd.`, initials) keep their final period.
pub fn conll_tokens(text: &str, span: Span) -> Vec<Span> {
    let span = snap_span(text, &span);
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in text[span.clone()]
        .char_indices()
        .map(|(i, c)| (span.start + i, c))
        .chain([(span.end, ' ')])
    {
        if c.is_whitespace() || is_separator_punct(c) {
            if let Some(start) = word.take() {
                split_word(text, start..i, &mut out);
            }
            if !c.is_whitespace() {
                out.push(i..i + c.len_utf8());
            }
        } else if word.is_none() {
            word = Some(i);
        }
    }
    out
}

/// Splits one whitespace-free word into tokens (see [`conll_tokens`]).
fn split_word(text: &str, word: Span, out: &mut Vec<Span>) {
    let (mut start, mut end) = (word.start, word.end);
    while let Some(c) = text[start..end].chars().next() {
        if !is_leading_punct(c) || start + c.len_utf8() == end {
            break;
        }
        out.push(start..start + c.len_utf8());
        start += c.len_utf8();
    }
    let mut trailing: Vec<Span> = Vec::new();
    while let Some(c) = text[start..end].chars().next_back() {
        if !is_trailing_punct(c) || start + c.len_utf8() == end {
            break;
        }
        if c == '.' {
            let stem = text[start..end].trim_end_matches('.');
            if stem.is_empty() {
                break; // the whole word is periods: one token
            }
            let dots = start + stem.len();
            if end - dots == 1 && keeps_period(&text[start..end]) {
                break;
            }
            trailing.push(dots..end);
            end = dots;
            continue;
        }
        trailing.push(end - c.len_utf8()..end);
        end -= c.len_utf8();
    }
    out.push(start..end);
    out.extend(trailing.into_iter().rev());
}
