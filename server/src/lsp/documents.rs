//! Documents open in the editor: their text as the editor has it, kept in a
//! rope so that incremental edits cost the size of the edit.

use super::position;
use crate::analysis::line_index::ColumnUnit;
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
    /// so that no text the user typed is lost.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        unit: ColumnUnit,
    ) -> Result<(), EditError> {
        if version < self.version {
            return Err(EditError::StaleVersion {
                current: self.version,
                received: version,
            });
        }
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let (start, start_clamped) = position::rope_char(&self.rope, range.start, unit);
                    let (end, end_clamped) = position::rope_char(&self.rope, range.end, unit);
                    if start_clamped || end_clamped {
                        tracing::warn!(?range, "edit range outside the document; clamped");
                    }
                    let (start, end) = (start.min(end), start.max(end));
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        self.text = self.rope.to_string().into();
        Ok(())
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
}
