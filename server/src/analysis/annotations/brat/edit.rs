//! The edits the language server makes: annotate, remove, re-anchor, and
//! shift with article edits.

use super::{AnnError, AnnFile, Entry, Line, Removed, ShiftOutcome, TextBound, flatten, join_text};
use crate::analysis::Span;
use crate::analysis::annotations::label::AnnotationLabel;
use crate::analysis::annotations::offsets::{CodePointIndex, snap_span};
use crate::analysis::annotations::shift::{Shifted, shift_range};
use std::collections::HashSet;
use std::ops::Range;

impl AnnFile {
    /// The next free ID with this prefix: one more than the largest number
    /// after it on any line, malformed lines included (`T1` in a file
    /// without `T` IDs).
    pub fn next_id(&self, prefix: char) -> String {
        let max = self
            .lines
            .iter()
            .filter_map(|l| l.content.split(['\t', ' ']).next()?.strip_prefix(prefix))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|n| n.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", max.saturating_add(1))
    }

    /// Appends `T{next}\t{type_name} {spans}\t{text}` and returns the new
    /// ID. `spans` are code point ranges (sorted before writing); tabs and
    /// line breaks in `text` become spaces, whitespace in the type name `_`.
    pub fn add_text_bound(
        &mut self,
        type_name: &str,
        spans: &[Range<usize>],
        text: &str,
    ) -> Result<String, AnnError> {
        let type_name: String = type_name
            .trim()
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        if type_name.is_empty() {
            return Err(AnnError::EmptyType);
        }
        if spans.is_empty() {
            return Err(AnnError::NoSpans);
        }
        if let Some(r) = spans.iter().find(|r| r.start >= r.end) {
            return Err(AnnError::EmptySpan(r.clone()));
        }
        let mut spans = spans.to_vec();
        spans.sort_by_key(|r| (r.start, r.end));
        let id = self.next_id('T');
        let t = TextBound {
            id: id.clone(),
            type_name,
            spans,
            text: flatten(text).into_owned(),
        };
        self.push_line(t.render(), Entry::TextBound(t));
        Ok(id)
    }

    /// "Annotate selection as …": appends a `T` line for the byte ranges
    /// `spans` of `article`, with the article's text at them. A kind is
    /// written the way this file already spells it (its most common type
    /// name for that kind, e.g. `ORG`), else as
    /// [`AnnotationLabel::brat_type`].
    pub fn annotate(
        &mut self,
        article: &str,
        spans: &[Span],
        label: &AnnotationLabel,
    ) -> Result<String, AnnError> {
        let index = CodePointIndex::new(article);
        let mut spans = spans.to_vec();
        spans.sort_by_key(|r| (r.start, r.end));
        let cps = spans
            .iter()
            .map(|s| {
                index
                    .byte_range_to_cps(s)
                    .ok_or_else(|| AnnError::BadSpan(s.clone()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let text = join_text(article, &spans, true);
        let type_name = self.type_name_for(label);
        self.add_text_bound(&type_name, &cps, &text)
    }

    /// How this file spells a label: its most common type name for the
    /// kind (the first seen among equals), else the default.
    fn type_name_for(&self, label: &AnnotationLabel) -> String {
        let Some(kind) = label.kind() else {
            return label.brat_type().into_owned();
        };
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for (_, t) in self.text_bounds() {
            if t.label().kind() == Some(kind) {
                match counts.iter_mut().find(|(name, _)| *name == t.type_name) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((&t.type_name, 1)),
                }
            }
        }
        let best = counts
            .iter()
            .fold(None, |best: Option<(&str, usize)>, &(n, c)| match best {
                Some((_, bc)) if bc >= c => best,
                _ => Some((n, c)),
            });
        match best {
            Some((name, _)) => name.to_string(),
            None => label.brat_type().into_owned(),
        }
    }

    fn push_line(&mut self, content: String, entry: Entry) {
        let serial = self.next_serial;
        self.next_serial += 1;
        self.lines.push(Line {
            serial,
            content,
            ending: None,
            entry,
        });
        self.fix_endings();
    }

    /// Every line but the last ends with a terminator; the last one does
    /// exactly when the file did.
    fn fix_endings(&mut self) {
        let (ending, trailing) = (self.ending, self.trailing_newline);
        let n = self.lines.len();
        for (k, line) in self.lines.iter_mut().enumerate() {
            if k + 1 < n || trailing {
                line.ending.get_or_insert(ending);
            } else {
                line.ending = None;
            }
        }
    }

    /// Deletes the first `T` line with this ID and, unless another line
    /// still defines the ID, the `A`, `N` and `#` lines about it (and,
    /// transitively, about those). Relations, events and equivalences are
    /// never dropped; the ones left referring to a removed ID are reported.
    /// `None` if there is no such `T` line.
    pub fn remove(&mut self, id: &str) -> Option<Removed> {
        let at = self
            .lines
            .iter()
            .position(|l| matches!(&l.entry, Entry::TextBound(t) if t.id == id))?;
        self.lines.remove(at);
        let mut count = 1;
        let mut gone: HashSet<String> = HashSet::new();
        if !self.lines.iter().any(|l| l.entry.id() == Some(id)) {
            gone.insert(id.to_string());
            loop {
                let before = self.lines.len();
                let mut newly = Vec::new();
                self.lines.retain(|l| {
                    let dependent = l.entry.dependent_target().is_some_and(|t| gone.contains(t));
                    if dependent {
                        newly.extend(l.entry.id().map(str::to_string));
                    }
                    !dependent
                });
                count += before - self.lines.len();
                if newly.is_empty() {
                    break;
                }
                gone.extend(newly);
            }
        }
        self.fix_endings();
        let dangling = self
            .entries()
            .filter(|(_, e)| matches!(e, Entry::Other(_)))
            .filter(|(_, e)| e.refs().iter().any(|r| gone.contains(*r)))
            .map(|(n, _)| n)
            .collect();
        Some(Removed {
            lines: count,
            dangling,
        })
    }

    /// Deletes one line, whatever it holds (the quick fix for a malformed or
    /// duplicate line). `false` if there is no such line.
    pub fn remove_line(&mut self, line: usize) -> bool {
        if line >= self.lines.len() {
            return false;
        }
        self.lines.remove(line);
        self.fix_endings();
        true
    }

    /// Gives the first `T` line with this ID new code point offsets (the
    /// "re-anchor" quick fix), keeping its text. `false` if there is no such
    /// line or `spans` is empty.
    pub fn set_spans(&mut self, id: &str, spans: Vec<Range<usize>>) -> bool {
        if spans.is_empty() {
            return false;
        }
        for line in &mut self.lines {
            if let Entry::TextBound(t) = &mut line.entry
                && t.id == id
            {
                if t.spans != spans {
                    t.spans = spans;
                    line.content = t.render();
                }
                return true;
            }
        }
        false
    }

    /// Moves every `T` line's offsets through an article edit given in code
    /// points: `removed` code points at `start` replaced by `inserted` ones.
    /// See [`shift_range`] for what happens to
    /// fragments the edit touches. Only offsets change; texts stay as
    /// stored (use [`AnnFile::apply_edit`] to keep them in step too).
    pub fn shift(&mut self, start: usize, removed: usize, inserted: usize) -> ShiftOutcome {
        let mut out = ShiftOutcome::default();
        for (line, wiped) in self.shift_lines(start, removed, inserted) {
            if let Entry::TextBound(t) = &self.lines[line].entry {
                out.changed.push(t.id.clone());
                if wiped {
                    out.wiped.push(t.id.clone());
                }
            }
        }
        out
    }

    /// Shifts, returning the changed `T` lines and whether each was wiped.
    fn shift_lines(&mut self, start: usize, removed: usize, inserted: usize) -> Vec<(usize, bool)> {
        let mut changed = Vec::new();
        for (n, line) in self.lines.iter_mut().enumerate() {
            let Entry::TextBound(t) = &mut line.entry else {
                continue;
            };
            let (mut moved, mut wiped) = (false, false);
            for span in &mut t.spans {
                let new = match shift_range(span.clone(), start, removed, inserted) {
                    Shifted::Span(r) => r,
                    Shifted::Wiped(at) => {
                        wiped = true;
                        at..at
                    }
                };
                if new != *span {
                    *span = new;
                    moved = true;
                }
            }
            if moved {
                line.content = t.render();
                changed.push((n, wiped));
            }
        }
        changed
    }

    /// Keeps the file in step with an edit of the article made in the
    /// editor: `old_article[removed]` (bytes, snapped outwards to character
    /// boundaries) replaced by `inserted`. Offsets move as in
    /// [`AnnFile::shift`]; an annotation whose text matched before the edit
    /// and was not wiped also gets its text updated (typing inside a name
    /// keeps it annotated and not stale). Annotations already stale, and
    /// wiped ones, keep their stored text, so they stay stale and can be
    /// re-anchored — except that a wiped annotation whose exact text is
    /// inserted back where it collapsed (an undo) is restored there.
    pub fn apply_edit(&mut self, old_article: &str, removed: Span, inserted: &str) -> ShiftOutcome {
        let removed = snap_span(old_article, &removed);
        let old_index = CodePointIndex::new(old_article);
        let matched: Vec<bool> = self
            .lines
            .iter()
            .map(|l| matches!(&l.entry, Entry::TextBound(t) if t.matches(&old_index)))
            .collect();
        let start = old_index.byte_to_cp_floor(removed.start);
        let removed_cp = old_index.byte_to_cp_floor(removed.end) - start;
        let inserted_cp = inserted.chars().count();
        // A wiped annotation collapsed exactly here whose text is inserted
        // back (an undo) comes back to life.
        let revived: Vec<bool> = self
            .lines
            .iter()
            .zip(&matched)
            .map(|(l, &matched)| match &l.entry {
                Entry::TextBound(t) => {
                    !matched
                        && removed_cp == 0
                        && inserted_cp > 0
                        && matches!(t.spans.as_slice(), [r] if r.start == start && r.end == start)
                        && flatten(inserted) == flatten(&t.text)
                }
                _ => false,
            })
            .collect();
        let mut shifted = self.shift_lines(start, removed_cp, inserted_cp);
        for (n, line) in self.lines.iter_mut().enumerate() {
            if let Entry::TextBound(t) = &mut line.entry
                && revived[n]
            {
                t.spans.clear();
                t.spans.push(start..start + inserted_cp);
                line.content = t.render();
                shifted.push((n, false));
            }
        }

        let mut new_article = String::with_capacity(old_article.len() + inserted.len());
        new_article.push_str(&old_article[..removed.start]);
        new_article.push_str(inserted);
        new_article.push_str(&old_article[removed.end..]);
        let new_index = CodePointIndex::new(&new_article);

        let mut changed: Vec<bool> = vec![false; self.lines.len()];
        let mut wiped: Vec<bool> = vec![false; self.lines.len()];
        for &(n, w) in &shifted {
            changed[n] = true;
            wiped[n] = w;
        }
        for (n, line) in self.lines.iter_mut().enumerate() {
            let Entry::TextBound(t) = &mut line.entry else {
                continue;
            };
            if !matched[n] || wiped[n] {
                continue;
            }
            if let Some(text) = t.article_text(&new_index)
                && text != flatten(&t.text)
            {
                t.text = text;
                line.content = t.render();
                changed[n] = true;
            }
        }
        let mut out = ShiftOutcome::default();
        for (n, line) in self.lines.iter().enumerate() {
            if let Entry::TextBound(t) = &line.entry {
                if changed[n] {
                    out.changed.push(t.id.clone());
                }
                if wiped[n] {
                    out.wiped.push(t.id.clone());
                }
            }
        }
        out
    }
}
