//! Small text helpers shared by the analyses, the corpus and the protocol
//! layer.

use super::Span;
use std::path::Path;

/// The smallest single replacement turning `old` into `new`: the span of
/// `old` that differs, and the text to put there.
pub fn minimal_edit(old: &str, new: &str) -> (Span, String) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let prefix = floor_boundary(new, prefix.min(new.len()));
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let suffix = old.as_bytes()[old.len() - max_suffix..]
        .iter()
        .rev()
        .zip(new.as_bytes()[new.len() - max_suffix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut old_end = old.len() - suffix;
    let mut new_end = new.len() - suffix;
    while !old.is_char_boundary(old_end) || !new.is_char_boundary(new_end) {
        old_end += 1;
        new_end += 1;
    }
    (prefix..old_end, new[prefix..new_end].to_string())
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A file's name for messages and hovers (`a.ann`), or the whole path when
/// it has none.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `old` with its [`minimal_edit`] to `new` applied.
    pub(crate) fn apply(old: &str, new: &str) -> String {
        let (span, text) = minimal_edit(old, new);
        let mut out = old.to_string();
        out.replace_range(span, &text);
        out
    }

    #[test]
    fn minimal_edit_respects_char_boundaries() {
        assert_eq!(minimal_edit("a£b", "a€b"), (1..3, "€".to_string()));
        assert_eq!(apply("héllo", "hello"), "hello");
        assert_eq!(minimal_edit("same", "same"), (4..4, String::new()));
        for (old, new) in [
            ("東京", "東東京"),
            ("ab😀", "ab😁"),
            ("", "x"),
            ("aaa", "aa"),
        ] {
            assert_eq!(apply(old, new), new, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn file_names_fall_back_to_the_path() {
        assert_eq!(file_name(Path::new("/c/news/a.ann")), "a.ann");
        assert_eq!(file_name(Path::new("/")), "/");
    }
}
