//! Reading one line: `T`, `A`/`M`, `N` and `#` entries, and the rest kept
//! as they are.

use super::{Attribute, Entry, Malformed, Normalization, Note, OtherEntry, OtherKind, TextBound};
use std::ops::Range;

fn malformed(message: impl Into<String>, span: Range<usize>) -> Entry {
    Entry::Malformed(Malformed {
        message: message.into(),
        span,
    })
}

/// A brat offset: ASCII digits only (`str::parse` would take `+5`).
fn parse_offset(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub(super) fn parse_entry(content: &str) -> Entry {
    if content.trim().is_empty() {
        return Entry::Blank;
    }
    let whole = 0..content.len();
    let Some((id, rest)) = content.split_once('\t') else {
        return malformed(
            "expected an annotation ID followed by a tab (`T1<tab>Type start end<tab>text`)",
            whole,
        );
    };
    let id_span = 0..id.len();
    if id.is_empty() {
        return malformed("missing annotation ID before the tab", whole);
    }
    if id.contains(char::is_whitespace) {
        return malformed(
            format!(
                "`{}` is not an annotation ID (IDs contain no spaces)",
                id.trim()
            ),
            id_span,
        );
    }
    let at = id.len() + 1;
    let prefix = id.chars().next().unwrap_or(' ');
    if matches!(prefix, 'T' | 'A' | 'M' | 'N' | 'R' | 'E') && id.len() == 1 {
        return malformed(
            format!("the ID `{id}` needs a number, like `{id}1`"),
            id_span,
        );
    }
    let result = match prefix {
        'T' => parse_text_bound(id, rest, at).map(Entry::TextBound),
        'A' | 'M' => parse_attribute(id, rest, at).map(Entry::Attribute),
        'N' => parse_normalization(id, rest, at).map(Entry::Normalization),
        '#' => parse_note(id, rest, at).map(Entry::Note),
        'R' | 'E' | '*' => parse_other(prefix, id, rest, at).map(Entry::Other),
        _ => Err((
            format!("unknown annotation kind `{id}`: IDs start with T, A, M, N, R, E, # or *"),
            id_span,
        )),
    };
    result.unwrap_or_else(|(message, span)| malformed(message, span))
}

type ParseResult<T> = Result<T, (String, Range<usize>)>;

/// `rest` (at byte `at` of the line) up to its first tab, and what follows.
fn split_fields(rest: &str, at: usize) -> (&str, Range<usize>, Option<&str>) {
    match rest.split_once('\t') {
        Some((fields, text)) => (fields, at..at + fields.len(), Some(text)),
        None => (rest, at..at + rest.len(), None),
    }
}

fn parse_text_bound(id: &str, rest: &str, at: usize) -> ParseResult<TextBound> {
    let (fields, fields_span, text) = split_fields(rest, at);
    let Some(text) = text else {
        return Err((
            "a text-bound line needs a tab and the annotated text after its offsets".into(),
            fields_span,
        ));
    };
    let Some((type_name, offsets)) = fields.split_once(' ') else {
        return Err((
            "expected a type and offsets, like `Organization 0 4`".into(),
            fields_span,
        ));
    };
    if type_name.is_empty() {
        return Err((
            "missing annotation type before the offsets".into(),
            fields_span,
        ));
    }
    let mut spans = Vec::new();
    let mut pos = at + type_name.len() + 1;
    for piece in offsets.split(';') {
        let piece_span = pos..pos + piece.len();
        pos += piece.len() + 1;
        let Some((a, b)) = piece.split_once(' ') else {
            return Err((
                format!("expected `start end` offsets, found `{piece}`"),
                piece_span,
            ));
        };
        let (Some(start), Some(end)) = (parse_offset(a), parse_offset(b)) else {
            let bad = if parse_offset(a).is_none() { a } else { b };
            return Err((format!("`{bad}` is not a valid offset"), piece_span));
        };
        spans.push(start..end);
    }
    Ok(TextBound {
        id: id.to_string(),
        type_name: type_name.to_string(),
        spans,
        text: text.to_string(),
    })
}

/// Splits on single spaces, requiring `min..=max` non-empty parts.
fn parts<'a>(
    fields: &'a str,
    span: &Range<usize>,
    min: usize,
    max: usize,
    shape: &str,
) -> ParseResult<Vec<&'a str>> {
    let parts: Vec<&str> = fields.split(' ').collect();
    if parts.len() < min || parts.len() > max || parts.iter().any(|p| p.is_empty()) {
        return Err((format!("expected `{shape}`"), span.clone()));
    }
    Ok(parts)
}

fn parse_attribute(id: &str, rest: &str, at: usize) -> ParseResult<Attribute> {
    let (fields, span, extra) = split_fields(rest, at);
    if extra.is_some() {
        return Err(("an attribute line has no text field".into(), span));
    }
    let p = parts(fields, &span, 2, 3, "Name Target [Value]")?;
    Ok(Attribute {
        id: id.to_string(),
        name: p[0].to_string(),
        target: p[1].to_string(),
        value: p.get(2).map(|v| v.to_string()),
    })
}

fn parse_normalization(id: &str, rest: &str, at: usize) -> ParseResult<Normalization> {
    let (fields, span, text) = split_fields(rest, at);
    let p = parts(fields, &span, 3, 3, "Reference Target Database:ID")?;
    Ok(Normalization {
        id: id.to_string(),
        kind: p[0].to_string(),
        target: p[1].to_string(),
        reference: p[2].to_string(),
        text: text.map(str::to_string),
    })
}

fn parse_note(id: &str, rest: &str, at: usize) -> ParseResult<Note> {
    let (fields, span, text) = split_fields(rest, at);
    let p = parts(fields, &span, 2, 2, "AnnotatorNotes Target")?;
    Ok(Note {
        id: id.to_string(),
        kind: p[0].to_string(),
        target: p[1].to_string(),
        text: text.map(str::to_string),
    })
}

fn parse_other(prefix: char, id: &str, rest: &str, at: usize) -> ParseResult<OtherEntry> {
    let (fields, span, _) = split_fields(rest, at);
    let (kind, shape, min) = match prefix {
        'R' => (OtherKind::Relation, "Type Arg1:ID Arg2:ID", 2),
        'E' => (OtherKind::Event, "Type:TriggerID [Role:ID …]", 1),
        _ => (OtherKind::Equivalence, "Equiv ID ID …", 2),
    };
    let p = parts(fields, &span, min, usize::MAX, shape)?;
    let refs: Option<Vec<String>> = match kind {
        OtherKind::Relation => p[1..]
            .iter()
            .map(|a| a.split_once(':').map(|(_, id)| id.to_string()))
            .collect(),
        OtherKind::Event => p
            .iter()
            .map(|a| a.split_once(':').map(|(_, id)| id.to_string()))
            .collect(),
        OtherKind::Equivalence => Some(p[1..].iter().map(|s| s.to_string()).collect()),
    };
    let Some(refs) = refs.filter(|r| r.iter().all(|id| !id.is_empty())) else {
        return Err((format!("expected `{shape}`"), span));
    };
    Ok(OtherEntry {
        kind,
        id: (prefix != '*').then(|| id.to_string()),
        refs,
    })
}
