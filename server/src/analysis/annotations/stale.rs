//! Stale annotations (stored text no longer at the offsets, e.g. after an
//! edit outside the editor) and re-anchoring them to the nearest exact
//! occurrence of their text.

use super::brat::{AnnFile, Entry, flatten};
use super::offsets::CodePointIndex;
use std::ops::Range;

/// A `T` line whose offsets no longer denote its stored text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleAnnotation {
    pub id: String,
    /// Zero-based line number in the `.ann` file.
    pub line: usize,
    /// Byte range of the line's content in the `.ann` text.
    pub line_span: Range<usize>,
    /// The stored offsets (code points).
    pub spans: Vec<Range<usize>>,
    pub stored_text: String,
    /// The article's text at the stored offsets; `None` if they are past
    /// its end or inverted.
    pub found_text: Option<String>,
    /// Code point offsets of the nearest exact occurrence of the stored
    /// text, for the "re-anchor" quick fix
    /// (`ann.tracked(|a| a.set_spans(&s.id, nearest))`); `None` if the
    /// text is nowhere in the article. The other quick fix deletes the
    /// annotation: `ann.tracked(|a| a.remove(&s.id))`.
    pub nearest: Option<Vec<Range<usize>>>,
}

impl AnnFile {
    /// Every `T` line that is stale against `article`: stored text not
    /// matching the article at its offsets, or offsets past its end or
    /// inverted. Each comes with its nearest re-anchoring.
    pub fn stale(&self, article: &str) -> Vec<StaleAnnotation> {
        let index = CodePointIndex::new(article);
        let hay = flatten(article);
        let starts = self.line_starts();
        let mut out = Vec::new();
        for (n, line) in self.lines.iter().enumerate() {
            let Entry::TextBound(t) = &line.entry else {
                continue;
            };
            if t.matches(&index) {
                continue;
            }
            out.push(StaleAnnotation {
                id: t.id.clone(),
                line: n,
                line_span: starts[n]..starts[n] + line.content.len(),
                spans: t.spans.clone(),
                stored_text: t.text.clone(),
                found_text: t.article_text(&index),
                nearest: nearest_in(&index, &hay, &t.text, &t.spans),
            });
        }
        out
    }

    /// Re-anchors the `T` line with this ID to the nearest occurrence of
    /// its text in `article`. `false` if there is no such line or no
    /// occurrence (a line that is not stale is left as it is, `true`).
    pub fn reanchor(&mut self, article: &str, id: &str) -> bool {
        let index = CodePointIndex::new(article);
        let Some(t) = self.text_bound(id) else {
            return false;
        };
        if t.matches(&index) {
            return true;
        }
        match find_nearest(&index, &t.text, &t.spans) {
            Some(spans) => self.set_spans(id, spans),
            None => false,
        }
    }
}

/// The exact occurrence of `stored_text` in the indexed article nearest to
/// the old offsets `old` (code points; distance between start offsets, ties
/// to the earlier occurrence). Tabs and line breaks match spaces, as brat
/// stores them. For a discontinuous annotation the stored text is split
/// into its fragments (by the old fragment lengths, or else at its spaces)
/// and the fragments must recur with the same gaps between them.
pub fn find_nearest(
    article: &CodePointIndex,
    stored_text: &str,
    old: &[Range<usize>],
) -> Option<Vec<Range<usize>>> {
    nearest_in(article, &flatten(article.text()), stored_text, old)
}

/// [`find_nearest`] in `hay`, the article flattened (same byte offsets).
fn nearest_in(
    article: &CodePointIndex,
    hay: &str,
    stored_text: &str,
    old: &[Range<usize>],
) -> Option<Vec<Range<usize>>> {
    let origin = old.first()?.start;
    let stored = flatten(stored_text);
    let pieces: Vec<&str> = if old.len() == 1 {
        vec![&stored]
    } else {
        split_pieces(&stored, old)?
    };
    if pieces.iter().any(|p| p.is_empty()) {
        return None;
    }
    // Fragment starts relative to the first one.
    let gaps: Vec<i128> = old
        .iter()
        .map(|r| r.start as i128 - origin as i128)
        .collect();
    let needle = pieces[0];
    let step = needle.chars().next().map_or(1, char::len_utf8);
    let mut best: Option<(usize, Vec<Range<usize>>)> = None;
    let mut from = 0;
    while let Some(found) = hay.get(from..).and_then(|h| h.find(needle)) {
        let byte = from + found;
        let cp = article.byte_to_cp_floor(byte);
        let distance = cp.abs_diff(origin);
        if best.as_ref().is_some_and(|(d, _)| distance >= *d) {
            if cp >= origin {
                break; // every later occurrence is farther still
            }
        } else if let Some(spans) = layout(article, hay, &pieces, &gaps, cp) {
            best = Some((distance, spans));
        }
        from = byte + step;
    }
    best.map(|(_, spans)| spans)
}

/// The fragments at `start + gaps[k]`, if each holds its piece.
fn layout(
    article: &CodePointIndex,
    hay: &str,
    pieces: &[&str],
    gaps: &[i128],
    start: usize,
) -> Option<Vec<Range<usize>>> {
    pieces
        .iter()
        .zip(gaps)
        .map(|(piece, &gap)| {
            let s = usize::try_from(start as i128 + gap).ok()?;
            let r = s..s.checked_add(piece.chars().count())?;
            let bytes = article.cp_range_to_bytes(&r)?;
            (hay.get(bytes)? == *piece).then_some(r)
        })
        .collect()
}

/// A discontinuous annotation's stored text cut into its fragments' texts.
fn split_pieces<'a>(stored: &'a str, old: &[Range<usize>]) -> Option<Vec<&'a str>> {
    let lens: Vec<usize> = old.iter().map(|r| r.end.saturating_sub(r.start)).collect();
    let total = lens
        .iter()
        .try_fold(old.len() - 1, |acc, &l| acc.checked_add(l))?;
    if total == stored.chars().count() {
        let mut pieces = Vec::with_capacity(lens.len());
        let mut rest = stored;
        for (k, &len) in lens.iter().enumerate() {
            let end = rest.char_indices().nth(len).map_or(rest.len(), |(i, _)| i);
            pieces.push(&rest[..end]);
            rest = &rest[end..];
            if k + 1 < lens.len() {
                rest = rest.strip_prefix(' ')?;
            }
        }
        return Some(pieces);
    }
    let pieces: Vec<&str> = stored.split(' ').collect();
    (pieces.len() == old.len()).then_some(pieces)
}
