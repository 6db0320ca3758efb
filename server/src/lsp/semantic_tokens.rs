//! Semantic tokens: encoding highlighted spans in the protocol's relative
//! form, and the delta between two results.

use super::position::Converter;
use crate::analysis::Span;
use crate::analysis::entities::EntityKind;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensEdit,
    SemanticTokensLegend,
};

pub const TOKEN_MODIFIERS: [&str; 2] = ["declaration", "alias"];
pub const DECLARATION: u32 = 1 << 0;
pub const ALIAS: u32 = 1 << 1;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        // A token's type is the index of its entity kind.
        token_types: EntityKind::NAMES
            .iter()
            .map(|t| SemanticTokenType::new(t))
            .collect(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// A highlighted span before encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub span: Span,
    pub token_type: u32,
    pub modifiers: u32,
}

/// Encodes highlights (in any order) as sorted tokens, split at line ends
/// so that none crosses a line, skipping empty pieces and overlaps.
pub fn encode(mut highlights: Vec<Highlight>, conv: Converter<'_>) -> Vec<SemanticToken> {
    highlights.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    let mut tokens = Vec::with_capacity(highlights.len());
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    let mut covered_to = 0usize;
    for highlight in highlights {
        if highlight.span.start < covered_to || highlight.span.is_empty() {
            continue;
        }
        covered_to = highlight.span.end;
        for piece in split_lines(conv.text, &highlight.span) {
            let start = conv.position(piece.start);
            let end = conv.position(piece.end);
            if end.line != start.line || end.character <= start.character {
                continue;
            }
            let delta_line = start.line - prev_line;
            let delta_start = if delta_line == 0 {
                start.character - prev_start
            } else {
                start.character
            };
            tokens.push(SemanticToken {
                delta_line,
                delta_start,
                length: end.character - start.character,
                token_type: highlight.token_type,
                token_modifiers_bitset: highlight.modifiers,
            });
            prev_line = start.line;
            prev_start = start.character;
        }
    }
    tokens
}

fn split_lines<'a>(text: &'a str, span: &Span) -> impl Iterator<Item = Span> + 'a {
    let (start, end) = (span.start.min(text.len()), span.end.min(text.len()));
    let mut at = start;
    std::iter::from_fn(move || {
        if at >= end {
            return None;
        }
        let piece_end = text[at..end].find(['\n', '\r']).map_or(end, |i| at + i);
        let piece = at..piece_end;
        at = piece_end;
        while at < end && matches!(text.as_bytes()[at], b'\n' | b'\r') {
            at += 1;
        }
        Some(piece)
    })
}

/// The single edit that turns `old` into `new`: the middle part that
/// differs once the common prefix and suffix (in whole tokens) are removed.
pub fn delta(old: &[SemanticToken], new: &[SemanticToken]) -> Vec<SemanticTokensEdit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let removed = old.len() - prefix - suffix;
    let inserted = &new[prefix..new.len() - suffix];
    if removed == 0 && inserted.is_empty() {
        return Vec::new();
    }
    vec![SemanticTokensEdit {
        start: (prefix * 5) as u32,
        delete_count: (removed * 5) as u32,
        data: (!inserted.is_empty()).then(|| inserted.to_vec()),
    }]
}

pub fn tokens(result_id: String, data: Vec<SemanticToken>) -> SemanticTokens {
    SemanticTokens {
        result_id: Some(result_id),
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::line_index::{ColumnUnit, LineIndex};

    fn encode_in(text: &str, highlights: Vec<Highlight>) -> Vec<[u32; 5]> {
        let index = LineIndex::new(text);
        let conv = Converter {
            text,
            index: &index,
            unit: ColumnUnit::Utf16,
        };
        encode(highlights, conv)
            .into_iter()
            .map(|t| {
                [
                    t.delta_line,
                    t.delta_start,
                    t.length,
                    t.token_type,
                    t.token_modifiers_bitset,
                ]
            })
            .collect()
    }

    fn h(text: &str, needle: &str, token_type: u32) -> Highlight {
        let start = text.find(needle).unwrap();
        Highlight {
            span: start..start + needle.len(),
            token_type,
            modifiers: 0,
        }
    }

    #[test]
    fn tokens_are_relative_sorted_and_in_utf16_units() {
        let text = "😀 BT and Fujitsu\nsaid Hextall";
        let tokens = encode_in(
            text,
            vec![
                h(text, "Hextall", 1),
                h(text, "Fujitsu", 0),
                h(text, "BT", 0),
            ],
        );
        assert_eq!(tokens, [[0, 3, 2, 0, 0], [0, 7, 7, 0, 0], [1, 5, 7, 1, 0]]);
    }

    #[test]
    fn a_token_never_crosses_a_line_and_overlaps_are_dropped() {
        let text = "House of\r\nCommons today";
        let multi = Highlight {
            span: 0..text.find(" today").unwrap(),
            token_type: 0,
            modifiers: DECLARATION,
        };
        let inner = h(text, "Commons", 2);
        let tokens = encode_in(text, vec![inner, multi]);
        assert_eq!(tokens, [[0, 0, 8, 0, 1], [1, 0, 7, 0, 1]]);
    }

    #[test]
    fn delta_replaces_only_the_changed_middle() {
        let t = |n: u32| SemanticToken {
            delta_line: n,
            delta_start: 0,
            length: 1,
            token_type: 0,
            token_modifiers_bitset: 0,
        };
        let edits = delta(&[t(1), t(2), t(3)], &[t(1), t(9), t(3)]);
        assert_eq!(edits.len(), 1);
        assert_eq!((edits[0].start, edits[0].delete_count), (5, 5));
        assert_eq!(edits[0].data.as_deref(), Some(&[t(9)][..]));
        assert!(delta(&[t(1)], &[t(1)]).is_empty());
        let grow = delta(&[t(1)], &[t(1), t(2)]);
        assert_eq!((grow[0].start, grow[0].delete_count), (5, 0));
    }
}

#[cfg(test)]
mod legend_tests {
    use super::*;

    #[test]
    fn entity_kinds_index_the_legend() {
        for kind in EntityKind::ALL {
            assert_eq!(legend().token_types[kind as usize].as_str(), kind.as_str());
        }
    }
}
