//! UTF-8 ↔ UTF-16 ↔ code point conversions (`line_index.rs`, and the
//! code point index of `.ann` offsets) against a plain reference model.

use crate::strategies::{self, check_span};
use corpus_lsp::analysis::annotations::CodePointIndex;
use corpus_lsp::analysis::line_index::{ColumnUnit, LineCol, LineIndex};
use proptest::prelude::*;

const UNITS: [ColumnUnit; 3] = [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32];

/// Lines as LSP sees them: content byte ranges, ending at `\n`, `\r\n` or
/// a lone `\r`.
fn reference_lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.push(start..i);
                i += 2;
                start = i;
            }
            b'\r' | b'\n' => {
                out.push(start..i);
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push(start..b.len());
    out
}

fn width(s: &str, unit: ColumnUnit) -> u32 {
    match unit {
        ColumnUnit::Utf8 => s.len() as u32,
        ColumnUnit::Utf16 => s.encode_utf16().count() as u32,
        ColumnUnit::Utf32 => s.chars().count() as u32,
    }
}

proptest! {
    #![proptest_config(strategies::config(256))]

    #[test]
    fn positions_match_the_reference_and_round_trip(text in strategies::lines_text()) {
        let index = LineIndex::new(&text);
        let lines = reference_lines(&text);
        prop_assert_eq!(index.line_count(), lines.len());
        for (n, line) in lines.iter().enumerate() {
            prop_assert_eq!(index.line_span(&text, n), line.clone());
            for (i, _) in text[line.clone()].char_indices().chain([(line.len(), ' ')]) {
                let offset = line.start + i;
                for unit in UNITS {
                    let want = LineCol { line: n as u32, col: width(&text[line.start..offset], unit) };
                    prop_assert_eq!(index.line_col(&text, offset, unit), want, "{:?} at {}", unit, offset);
                    prop_assert_eq!(index.offset(&text, want, unit), (offset, false), "{:?} {:?}", unit, want);
                }
            }
        }
    }

    #[test]
    fn any_position_clamps_to_a_char_boundary(
        text in strategies::lines_text(),
        offset in any::<usize>(),
        small in 0usize..200,
        line in prop_oneof![0u32..50, any::<u32>()],
        col in prop_oneof![0u32..50, any::<u32>()],
    ) {
        let index = LineIndex::new(&text);
        for unit in UNITS {
            for offset in [offset, small] {
                let pos = index.line_col(&text, offset, unit);
                prop_assert!((pos.line as usize) < index.line_count());
                let (back, _) = index.offset(&text, pos, unit);
                check_span(&text, &(back..back), "round trip")?;
                prop_assert!(back <= offset.min(text.len()), "{} came back as {}", offset, back);
            }
            let (at, clamped) = index.offset(&text, LineCol { line, col }, unit);
            check_span(&text, &(at..at), "clamped offset")?;
            // An exact answer converts back to the same position.
            if !clamped {
                prop_assert_eq!(index.line_col(&text, at, unit), LineCol { line, col });
            }
            let _ = index.line_span(&text, line as usize);
            let _ = index.line_of(offset);
        }
    }

    #[test]
    fn code_points_and_bytes_convert_both_ways(text in strategies::lines_text(), junk in any::<usize>()) {
        let index = CodePointIndex::new(&text);
        prop_assert_eq!(index.len_chars(), text.chars().count());
        let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for (cp, &byte) in bytes.iter().enumerate() {
            prop_assert_eq!(index.cp_to_byte(cp), Some(byte));
            prop_assert_eq!(index.byte_to_cp(byte), Some(cp));
        }
        prop_assert_eq!(index.cp_to_byte(bytes.len()), None);
        for byte in 0..=text.len() + 2 {
            let floor = index.byte_to_cp_floor(byte);
            prop_assert!(floor < bytes.len());
            prop_assert!(bytes[floor] <= byte);
            if !text.is_char_boundary(byte) || byte > text.len() {
                prop_assert_eq!(index.byte_to_cp(byte), None);
            }
        }
        let _ = index.cp_to_byte(junk);
        let _ = index.byte_to_cp(junk);
        let _ = index.byte_to_cp_floor(junk);
        let _ = index.cp_range_to_bytes(&(junk / 2..junk));
        let _ = index.byte_range_to_cps(&(junk..junk / 2));
    }
}
