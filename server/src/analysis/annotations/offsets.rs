//! Code point offsets (brat's unit) ↔ byte offsets (ours), in both
//! directions, without rescanning the text from the start per lookup.
//!
//! [`CodePointIndex`] records the byte offset of every 64th code point, so a
//! lookup is a binary search (byte → code point) or a direct index (code
//! point → byte) followed by a walk of fewer than 64 characters. Pure ASCII
//! text, the common case, needs no table at all.

use crate::analysis::Span;
use std::ops::Range;

/// Code points between two checkpoints.
const STRIDE: usize = 64;

/// Converts between code point and byte offsets of one text.
#[derive(Debug, Clone)]
pub struct CodePointIndex<'a> {
    text: &'a str,
    /// Byte offset of code point `k * STRIDE`; empty for ASCII text.
    checkpoints: Vec<usize>,
    chars: usize,
}

impl<'a> CodePointIndex<'a> {
    pub fn new(text: &'a str) -> CodePointIndex<'a> {
        if text.is_ascii() {
            return CodePointIndex {
                text,
                checkpoints: Vec::new(),
                chars: text.len(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut chars = 0;
        for (byte, _) in text.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            chars += 1;
        }
        if chars % STRIDE == 0 {
            // The end of the text is a checkpoint too.
            checkpoints.push(text.len());
        }
        CodePointIndex {
            text,
            checkpoints,
            chars,
        }
    }

    /// The text this index was built for.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of code points in the text.
    pub fn len_chars(&self) -> usize {
        self.chars
    }

    fn is_ascii(&self) -> bool {
        self.checkpoints.is_empty()
    }

    /// Byte offset of code point offset `cp`; `None` past the end. The end
    /// of the text (`cp == len_chars()`) is a valid offset.
    pub fn cp_to_byte(&self, cp: usize) -> Option<usize> {
        if cp > self.chars {
            return None;
        }
        if self.is_ascii() {
            return Some(cp);
        }
        let base = *self.checkpoints.get(cp / STRIDE)?;
        let rest = cp % STRIDE;
        Some(
            self.text[base..]
                .char_indices()
                .nth(rest)
                .map_or(self.text.len(), |(i, _)| base + i),
        )
    }

    /// Code point offset of byte offset `byte`; `None` past the end or
    /// inside a multi-byte character.
    pub fn byte_to_cp(&self, byte: usize) -> Option<usize> {
        if byte > self.text.len() || !self.text.is_char_boundary(byte) {
            return None;
        }
        Some(self.byte_to_cp_unchecked(byte))
    }

    /// Code point offset of the character containing `byte` (clamped to the
    /// end of the text). Never fails.
    pub fn byte_to_cp_floor(&self, byte: usize) -> usize {
        self.byte_to_cp_unchecked(floor_boundary(self.text, byte))
    }

    /// `byte` must be a char boundary within the text.
    fn byte_to_cp_unchecked(&self, byte: usize) -> usize {
        if self.is_ascii() {
            return byte;
        }
        let block = self.checkpoints.partition_point(|&c| c <= byte) - 1;
        let base = self.checkpoints[block];
        block * STRIDE + self.text[base..byte].chars().count()
    }

    /// Byte range of a code point range; `None` if inverted or past the end.
    pub fn cp_range_to_bytes(&self, range: &Range<usize>) -> Option<Span> {
        if range.start > range.end {
            return None;
        }
        Some(self.cp_to_byte(range.start)?..self.cp_to_byte(range.end)?)
    }

    /// Code point range of a byte range; `None` if inverted, past the end or
    /// not on character boundaries.
    pub fn byte_range_to_cps(&self, span: &Span) -> Option<Range<usize>> {
        if span.start > span.end {
            return None;
        }
        Some(self.byte_to_cp(span.start)?..self.byte_to_cp(span.end)?)
    }
}

/// The largest char boundary `<= byte`, clamped to the text.
pub(super) fn floor_boundary(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// The smallest char boundary `>= byte`, clamped to the text.
pub(super) fn ceil_boundary(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    b
}

/// Snaps a byte span outwards to char boundaries within the text; an
/// inverted span becomes empty at its (snapped) start.
pub fn snap_span(text: &str, span: &Span) -> Span {
    let start = floor_boundary(text, span.start);
    if span.end <= span.start {
        return start..start;
    }
    start..ceil_boundary(text, span.end).max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every offset of `text`, checked against a naive scan.
    fn check_exhaustively(text: &str) {
        let index = CodePointIndex::new(text);
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        assert_eq!(index.len_chars(), text.chars().count());
        for (cp, &byte) in boundaries.iter().enumerate() {
            assert_eq!(index.cp_to_byte(cp), Some(byte), "cp {cp} of {text:?}");
            assert_eq!(index.byte_to_cp(byte), Some(cp), "byte {byte} of {text:?}");
            assert_eq!(index.byte_to_cp_floor(byte), cp);
        }
        assert_eq!(index.cp_to_byte(boundaries.len()), None);
        for byte in 0..=text.len() + 2 {
            if !boundaries.contains(&byte) {
                assert_eq!(index.byte_to_cp(byte), None, "byte {byte} of {text:?}");
            }
        }
    }

    #[test]
    fn conversion_is_exact_on_emoji_and_cjk() {
        check_exhaustively("");
        check_exhaustively("plain ascii");
        check_exhaustively("😀 Acme in 東京, £5 — ok");
        // Long enough to span many checkpoints, with multi-byte characters
        // straddling checkpoint boundaries.
        let long: String = (0..500)
            .map(|i| match i % 7 {
                0 => '😀',
                1 => '東',
                2 => 'é',
                3 => '\r',
                _ => 'a',
            })
            .collect();
        check_exhaustively(&long);
        // Lengths that are multiples of the checkpoint stride, and around.
        for len in [63, 64, 65, 127, 128, 129, 192] {
            let text: String = long.chars().take(len).collect();
            check_exhaustively(&text);
        }
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // inverted ranges on purpose
    fn hand_computed_offsets() {
        // 😀 is 4 bytes and 1 code point (2 UTF-16 units); 東京 are 3 bytes each.
        let text = "😀 東京 Acme";
        let index = CodePointIndex::new(text);
        assert_eq!(index.cp_to_byte(2), Some(5)); // 東
        assert_eq!(index.cp_to_byte(5), Some(12)); // A
        assert_eq!(index.byte_to_cp(12), Some(5));
        assert_eq!(index.byte_to_cp(2), None); // inside 😀
        assert_eq!(index.byte_to_cp_floor(2), 0);
        assert_eq!(index.byte_to_cp_floor(6), 2); // inside 東
        assert_eq!(index.byte_to_cp_floor(999), 9);
        assert_eq!(index.cp_range_to_bytes(&(5..9)), Some(12..16));
        assert_eq!(&text[12..16], "Acme");
        assert_eq!(index.cp_range_to_bytes(&(5..10)), None);
        assert_eq!(index.cp_range_to_bytes(&(6..5)), None);
        assert_eq!(index.byte_range_to_cps(&(5..11)), Some(2..4));
        assert_eq!(index.byte_range_to_cps(&(6..11)), None);
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // inverted ranges on purpose
    fn snapping_never_splits_a_character() {
        let text = "a東b";
        assert_eq!(snap_span(text, &(2..3)), 1..4);
        assert_eq!(snap_span(text, &(3..2)), 1..1);
        assert_eq!(snap_span(text, &(0..99)), 0..5);
        assert_eq!(floor_boundary(text, 3), 1);
        assert_eq!(ceil_boundary(text, 2), 4);
    }
}
