//! The one place where byte offsets become (line, column) pairs and back.
//!
//! Columns are counted in the unit the caller asks for: UTF-8 bytes,
//! UTF-16 code units (the LSP default) or Unicode scalar values (the CLI,
//! which prints 1-based character columns like a compiler).

/// The unit a column is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColumnUnit {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

/// A zero-based line and a zero-based column in some [`ColumnUnit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of one text. Lines end at `\n`, `\r\n` or a lone `\r`, as
/// in LSP; a terminator is never addressable as a column.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(line_breaks(text));
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of a line's content, without its terminator.
    pub fn line_span(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.line_starts.get(line) else {
            return self.len..self.len;
        };
        let Some(&next) = self.line_starts.get(line + 1) else {
            return start..self.len;
        };
        let bytes = text.as_bytes();
        let mut end = next - 1;
        if bytes[end] == b'\n' && end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The zero-based line holding a byte offset (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Converts a byte offset to a line and column. An offset inside a
    /// multi-byte character is moved back to that character's start.
    pub fn line_col(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line_of(offset);
        let span = self.line_span(text, line);
        let end = offset.min(span.end).max(span.start);
        let col = column_width(&text[span.start..end], unit);
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// Converts a line and column to a byte offset. Out-of-range positions
    /// are clamped: a line past the end gives the end of the text, a column
    /// past the end of its line gives the end of that line, and a column in
    /// the middle of a character (half a surrogate pair) gives its start.
    /// The second value says whether clamping was needed.
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> (usize, bool) {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return (self.len, true);
        }
        let span = self.line_span(text, line);
        let wanted = pos.col as usize;
        let mut units = 0usize;
        for (i, ch) in text[span.clone()].char_indices() {
            if units == wanted {
                return (span.start + i, false);
            }
            let next = units + char_width(ch, unit);
            if next > wanted {
                return (span.start + i, true);
            }
            units = next;
        }
        (span.end, units != wanted)
    }
}

/// Offsets just after each line terminator.
fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| match b {
        b'\n' => Some(i + 1),
        b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}

fn char_width(ch: char, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => ch.len_utf8(),
        ColumnUnit::Utf16 => ch.len_utf16(),
        ColumnUnit::Utf32 => 1,
    }
}

fn column_width(s: &str, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => s.len(),
        ColumnUnit::Utf16 => s.chars().map(char::len_utf16).sum(),
        ColumnUnit::Utf32 => s.chars().count(),
    }
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a😀b\r\ncafe\u{301} x\n\nend";

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn columns_count_in_the_requested_unit() {
        let idx = LineIndex::new(TEXT);
        let b = TEXT.find('b').unwrap();
        assert_eq!(idx.line_col(TEXT, b, ColumnUnit::Utf16), lc(0, 3));
        assert_eq!(idx.line_col(TEXT, b, ColumnUnit::Utf8), lc(0, 5));
        assert_eq!(idx.line_col(TEXT, b, ColumnUnit::Utf32), lc(0, 2));
        // The combining acute accent is one UTF-16 unit and two UTF-8 bytes.
        let x = TEXT.find('x').unwrap();
        assert_eq!(idx.line_col(TEXT, x, ColumnUnit::Utf16), lc(1, 6));
        assert_eq!(idx.line_col(TEXT, x, ColumnUnit::Utf8), lc(1, 7));
    }

    #[test]
    fn offsets_round_trip_in_every_unit() {
        let idx = LineIndex::new(TEXT);
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32] {
            for (offset, _) in TEXT.char_indices().filter(|(i, _)| {
                // Offsets inside a line terminator are not addressable.
                !matches!(TEXT.as_bytes()[*i], b'\r' | b'\n')
            }) {
                let pos = idx.line_col(TEXT, offset, unit);
                assert_eq!(
                    idx.offset(TEXT, pos, unit),
                    (offset, false),
                    "{unit:?} {offset}"
                );
            }
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let idx = LineIndex::new(TEXT);
        let line0_end = TEXT.find('\r').unwrap();
        assert_eq!(
            idx.offset(TEXT, lc(0, 99), ColumnUnit::Utf16),
            (line0_end, true)
        );
        assert_eq!(
            idx.offset(TEXT, lc(40, 0), ColumnUnit::Utf16),
            (TEXT.len(), true)
        );
        // Column 2 in UTF-16 is the middle of the emoji's surrogate pair.
        assert_eq!(idx.offset(TEXT, lc(0, 2), ColumnUnit::Utf16), (1, true));
        assert_eq!(idx.line_col(TEXT, 2, ColumnUnit::Utf16), lc(0, 1));
        assert_eq!(idx.line_col(TEXT, 10_000, ColumnUnit::Utf16), lc(3, 3));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "one\rtwo\r\nthree";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(&text[idx.line_span(text, 1)], "two");
        assert_eq!(
            idx.line_col(text, text.find('t').unwrap(), ColumnUnit::Utf16),
            lc(1, 0)
        );
    }

    #[test]
    fn crlf_is_not_part_of_the_line() {
        let idx = LineIndex::new(TEXT);
        assert_eq!(&TEXT[idx.line_span(TEXT, 0)], "a😀b");
        assert_eq!(&TEXT[idx.line_span(TEXT, 2)], "");
        assert_eq!(idx.line_count(), 4);
    }
}
