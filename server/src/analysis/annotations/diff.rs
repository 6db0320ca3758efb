//! Minimal line-level edits between two states of one `.ann` file, for
//! `workspace/applyEdit`.

use super::brat::{AnnFile, ending_str};
use super::offsets::snap_span;
use crate::analysis::Span;

/// Replace `range` (bytes of the old `.ann` text) with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnEdit {
    pub range: Span,
    pub new_text: String,
}

impl AnnFile {
    /// The edits that turn `before.to_text()` into `self.to_text()`: one
    /// per run of changed lines, covering whole lines — except that a line
    /// whose only change is its terminator (the last line gaining or losing
    /// its newline) is edited from the end of its content. Lines are matched
    /// by identity, so `before` should be an earlier clone of `self` (see
    /// [`AnnFile::tracked`]); for unrelated files the edits are still
    /// correct, just not minimal. Sorted, non-overlapping.
    pub fn edits_from(&self, before: &AnnFile) -> Vec<AnnEdit> {
        if before.bom != self.bom {
            return vec![AnnEdit {
                range: 0..before.to_text().len(),
                new_text: self.to_text(),
            }];
        }
        let (old, new) = (&before.lines, &self.lines);
        let starts = before.line_starts();
        let mut edits = Vec::new();
        let mut hunk: Option<(usize, usize)> = None;
        let (mut i, mut j) = (0, 0);
        loop {
            let same_line = i < old.len() && j < new.len() && old[i].serial == new[j].serial;
            let unchanged =
                same_line && old[i].content == new[j].content && old[i].ending == new[j].ending;
            let done = i >= old.len() && j >= new.len();
            if unchanged || done {
                if let Some((a, b)) = hunk.take() {
                    edits.push(self.hunk_edit(before, &starts, a..i, b..j));
                }
                if done {
                    break;
                }
                i += 1;
                j += 1;
                continue;
            }
            hunk.get_or_insert((i, j));
            if same_line {
                i += 1;
                j += 1;
            } else if j >= new.len() || (i < old.len() && old[i].serial < new[j].serial) {
                i += 1; // deleted
            } else {
                j += 1; // inserted
            }
        }
        edits
    }

    fn hunk_edit(
        &self,
        before: &AnnFile,
        starts: &[usize],
        old: std::ops::Range<usize>,
        new: std::ops::Range<usize>,
    ) -> AnnEdit {
        let mut start = starts[old.start];
        let end = starts[old.end];
        let mut new_text = String::new();
        let mut first_new = new.start;
        if old.start < old.end
            && new.start < new.end
            && before.lines[old.start].content == self.lines[new.start].content
        {
            // Only the first line's terminator differs.
            start += before.lines[old.start].content.len();
            new_text.push_str(ending_str(self.lines[new.start].ending));
            first_new += 1;
        }
        for line in &self.lines[first_new..new.end] {
            new_text.push_str(&line.content);
            new_text.push_str(ending_str(line.ending));
        }
        AnnEdit {
            range: start..end,
            new_text,
        }
    }

    /// Runs `f` on the file and returns its result with the edits it made
    /// to the text ([`AnnFile::edits_from`] a clone taken before).
    pub fn tracked<R>(&mut self, f: impl FnOnce(&mut AnnFile) -> R) -> (R, Vec<AnnEdit>) {
        let before = self.clone();
        let result = f(self);
        let edits = self.edits_from(&before);
        (result, edits)
    }
}

/// Applies edits (sorted or not, non-overlapping) to `text`, as an editor
/// would. Ranges are clamped to the text and snapped to character
/// boundaries; overlapping ones are skipped.
pub fn apply_edits(text: &str, edits: &[AnnEdit]) -> String {
    let mut sorted: Vec<&AnnEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in sorted {
        let range = snap_span(text, &edit.range);
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&edit.new_text);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}
