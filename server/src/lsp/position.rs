//! The only place where LSP positions meet byte offsets: the negotiated
//! position encoding, analysis spans to LSP ranges, and LSP ranges to
//! places in an open document's rope.

use crate::analysis::Span;
use crate::analysis::line_index::{ColumnUnit, LineCol, LineIndex};
use ropey::Rope;
use tower_lsp_server::ls_types::{ClientCapabilities, Position, PositionEncodingKind, Range};

/// UTF-8 when the client offers it (no conversion needed), else the
/// protocol's default UTF-16.
pub fn negotiate(capabilities: &ClientCapabilities) -> ColumnUnit {
    let offered = capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref());
    match offered {
        Some(encodings) if encodings.contains(&PositionEncodingKind::UTF8) => ColumnUnit::Utf8,
        _ => ColumnUnit::Utf16,
    }
}

pub fn encoding_kind(unit: ColumnUnit) -> PositionEncodingKind {
    match unit {
        ColumnUnit::Utf8 => PositionEncodingKind::UTF8,
        ColumnUnit::Utf16 => PositionEncodingKind::UTF16,
        ColumnUnit::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// Converts between spans and positions for one text snapshot.
#[derive(Clone, Copy)]
pub struct Converter<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub unit: ColumnUnit,
}

impl Converter<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let LineCol { line, col } = self.index.line_col(self.text, offset, self.unit);
        Position::new(line, col)
    }

    pub fn range(&self, span: &Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position, clamped into the text. Clamping is
    /// logged: it means the client and server disagree about the text.
    pub fn offset(&self, position: Position) -> usize {
        let at = LineCol {
            line: position.line,
            col: position.character,
        };
        let (offset, clamped) = self.index.offset(self.text, at, self.unit);
        if clamped {
            tracing::debug!(?position, "position outside the text, clamped to {offset}");
        }
        offset
    }
}

/// The char index of an LSP position in a rope, for applying edits. Lines
/// past the end clamp to the end; columns past a line's end clamp to it.
pub fn rope_char(rope: &Rope, position: Position, unit: ColumnUnit) -> (usize, bool) {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return (rope.len_chars(), true);
    }
    let line_start = rope.line_to_char(line);
    let line_slice = rope.line(line);
    let content_chars = line_slice.len_chars() - terminator_chars(&line_slice);
    let content = line_slice.slice(..content_chars);
    let wanted = position.character as usize;
    let (within, clamped) = match unit {
        ColumnUnit::Utf32 => (wanted.min(content_chars), wanted > content_chars),
        ColumnUnit::Utf16 => {
            let total = content.len_utf16_cu();
            let clamped_units = wanted.min(total);
            let ch = content.utf16_cu_to_char(clamped_units);
            // Half a surrogate pair lands on the character's start.
            let exact = content.char_to_utf16_cu(ch) == clamped_units;
            (ch, wanted > total || !exact)
        }
        ColumnUnit::Utf8 => {
            let total = content.len_bytes();
            let clamped_bytes = wanted.min(total);
            let ch = content.byte_to_char(clamped_bytes);
            let exact = content.char_to_byte(ch) == clamped_bytes;
            (ch, wanted > total || !exact)
        }
    };
    (line_start + within, clamped)
}

fn terminator_chars(line: &ropey::RopeSlice<'_>) -> usize {
    let n = line.len_chars();
    if n >= 2 && line.char(n - 2) == '\r' && line.char(n - 1) == '\n' {
        2
    } else if n >= 1 && matches!(line.char(n - 1), '\n' | '\r') {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rope_and_line_index_agree_on_every_position() {
        let text = "a😀b e\u{301}\r\n\rline 😀😀\nlast";
        let rope = Rope::from_str(text);
        let index = LineIndex::new(text);
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32] {
            let conv = Converter {
                text,
                index: &index,
                unit,
            };
            for (offset, _) in text.char_indices() {
                if matches!(text.as_bytes()[offset], b'\r' | b'\n') {
                    continue;
                }
                let position = conv.position(offset);
                let (ch, clamped) = rope_char(&rope, position, unit);
                assert!(!clamped, "{unit:?} {position:?}");
                assert_eq!(rope.char_to_byte(ch), offset, "{unit:?} {position:?}");
                assert_eq!(conv.offset(position), offset);
            }
        }
    }

    #[test]
    fn rope_positions_clamp() {
        let rope = Rope::from_str("ab😀\nxy");
        assert_eq!(
            rope_char(&rope, Position::new(0, 99), ColumnUnit::Utf16),
            (3, true)
        );
        assert_eq!(
            rope_char(&rope, Position::new(0, 3), ColumnUnit::Utf16),
            (2, true)
        );
        assert_eq!(
            rope_char(&rope, Position::new(9, 0), ColumnUnit::Utf16),
            (6, true)
        );
        assert_eq!(
            rope_char(&rope, Position::new(1, 2), ColumnUnit::Utf16),
            (6, false)
        );
    }
}
