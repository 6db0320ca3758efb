//! Documents open in the editor: their text as the editor has it, kept in a
//! rope so that incremental edits cost the size of the edit.

use super::position;
use crate::analysis::line_index::ColumnUnit;
use crate::analysis::text::minimal_edit;
use ropey::Rope;
use std::sync::Arc;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

#[derive(Debug)]
pub struct OpenDocument {
    rope: Rope,
    /// The rope's text, rebuilt once per change notification for analysis.
    pub text: Arc<str>,
    pub version: i32,
}

/// One change as applied: `removed` (bytes of the text just before this
/// change) was replaced by `inserted`. What keeps `.ann` offsets in step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub removed: std::ops::Range<usize>,
    pub inserted: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// The client sent a version older than one already applied.
    StaleVersion { current: i32, received: i32 },
}

impl OpenDocument {
    pub fn new(text: String, version: i32) -> OpenDocument {
        OpenDocument {
            rope: Rope::from_str(&text),
            text: text.into(),
            version,
        }
    }

    /// Applies the changes of one `didChange` in order. A range that lies
    /// outside the document is clamped rather than dropped, and logged,
    /// so that no text the user typed is lost. Returns what each change
    /// replaced, in order; a whole-text change is narrowed to the part
    /// that differs.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        unit: ColumnUnit,
    ) -> Result<Vec<Replaced>, EditError> {
        if version < self.version {
            return Err(EditError::StaleVersion {
                current: self.version,
                received: version,
            });
        }
        let mut replaced = Vec::with_capacity(changes.len());
        for change in changes {
            match change.range {
                None => {
                    let old = self.rope.to_string();
                    let (removed, inserted) = minimal_edit(&old, &change.text);
                    replaced.push(Replaced { removed, inserted });
                    self.rope = Rope::from_str(&change.text);
                }
                Some(range) => {
                    let (start, start_clamped) = position::rope_char(&self.rope, range.start, unit);
                    let (end, end_clamped) = position::rope_char(&self.rope, range.end, unit);
                    if start_clamped || end_clamped {
                        tracing::warn!(?range, "edit range outside the document; clamped");
                    }
                    let (start, end) = (start.min(end), start.max(end));
                    replaced.push(Replaced {
                        removed: self.rope.char_to_byte(start)..self.rope.char_to_byte(end),
                        inserted: change.text.clone(),
                    });
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        self.text = self.rope.to_string().into();
        Ok(replaced)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn edits_after_emoji_land_in_utf16_and_utf8() {
        let mut doc = OpenDocument::new("😀 Fujitsu\nBT".into(), 1);
        // UTF-16: the emoji is two units, so "Fujitsu" starts at column 3.
        doc.apply(2, vec![change(0, 3, 0, 10, "Cerner")], ColumnUnit::Utf16)
            .unwrap();
        assert_eq!(&*doc.text, "😀 Cerner\nBT");
        // UTF-8: the emoji is four bytes.
        doc.apply(3, vec![change(0, 5, 0, 11, "IBM")], ColumnUnit::Utf8)
            .unwrap();
        assert_eq!(&*doc.text, "😀 IBM\nBT");
    }

    #[test]
    fn several_changes_apply_in_sequence() {
        let mut doc = OpenDocument::new("abc\ndef".into(), 1);
        let changes = vec![
            change(0, 0, 0, 1, "X"),
            change(1, 3, 1, 3, "!"),
            change(0, 3, 1, 0, " "),
        ];
        doc.apply(2, changes, ColumnUnit::Utf16).unwrap();
        assert_eq!(&*doc.text, "Xbc def!");
    }

    #[test]
    fn changes_report_what_they_replaced_in_bytes() {
        let mut doc = OpenDocument::new("😀 Fujitsu 東京".into(), 1);
        let replaced = doc
            .apply(2, vec![change(0, 3, 0, 10, "IBM")], ColumnUnit::Utf16)
            .unwrap();
        assert_eq!(
            replaced,
            vec![Replaced {
                removed: 5..12,
                inserted: "IBM".into()
            }]
        );
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "😀 IBM 京都 東京".into(),
        };
        let replaced = doc.apply(3, vec![whole], ColumnUnit::Utf16).unwrap();
        // Only the inserted "京都 " differs; the shared "東" is not split.
        assert_eq!(
            replaced,
            vec![Replaced {
                removed: 9..9,
                inserted: "京都 ".into()
            }]
        );
        assert_eq!(&*doc.text, "😀 IBM 京都 東京");
    }

    #[test]
    fn stale_versions_are_refused_and_out_of_range_edits_clamp() {
        let mut doc = OpenDocument::new("abc".into(), 5);
        assert_eq!(
            doc.apply(4, vec![change(0, 0, 0, 0, "x")], ColumnUnit::Utf16),
            Err(EditError::StaleVersion {
                current: 5,
                received: 4
            })
        );
        assert_eq!(&*doc.text, "abc");
        doc.apply(6, vec![change(7, 0, 9, 9, " end")], ColumnUnit::Utf16)
            .unwrap();
        assert_eq!(&*doc.text, "abc end");
    }

    #[test]
    fn a_later_change_past_the_lines_an_earlier_one_merged_lands_at_the_end() {
        // The first change joins the two lines; the second names line 1 as
        // it was: past the last line now, so the end of the text, whatever
        // its column (clients that model the server must read it so too).
        let mut doc = OpenDocument::new("ab\r\ncd".into(), 1);
        let changes = vec![change(0, 3, 1, 0, "-"), change(1, 1, 1, 1, "!")];
        doc.apply(2, changes, ColumnUnit::Utf16).unwrap();
        assert_eq!(&*doc.text, "ab-cd!");
    }
}
