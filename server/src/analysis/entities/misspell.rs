//! Phase 4: near misses of names used several times in the corpus.

use super::lexicon::{is_english_word, is_first_name, is_org_cue, is_place, is_publication_cue};
use super::table::word_bucket;
use super::tokens::{self, Kind, Shape};
use super::types::Misspelling;
use super::{ArticleNames, NameTable, Strength};

/// A target needs at least this many mentions in the corpus.
const MIN_TARGET_MENTIONS: u32 = super::table::FREQUENT_WORD;

/// The optimal string alignment distance of `a` and `b` (Damerau–Levenshtein
/// with adjacent transpositions), if it is at most `max`.
pub(super) fn osa(a: &str, b: &str, max: usize) -> Option<usize> {
    let d = strsim::osa_distance(a, b);
    (d <= max).then_some(d)
}

/// Allowed edits for a word of `n` letters: none below 5, one up to 8,
/// two from 9.
pub(super) fn max_edits(n: usize) -> usize {
    match n {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Lower case letter by letter, as identity compares words.
pub(super) fn lower(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// The best suggestion for `word`, if it is a near miss of a frequent
/// name word and not itself a word or a known name.
pub(super) fn suggest(word: &str, table: &NameTable) -> Option<(String, u32)> {
    let n = word.chars().count();
    let max = max_edits(n);
    if max == 0
        || !word.chars().all(char::is_alphabetic)
        || !word.chars().next().is_some_and(char::is_uppercase)
        || is_english_word(word)
        || is_first_name(word)
        || is_place(word)
        || is_org_cue(word)
        || is_publication_cue(word)
        || table.is_known_surname(word)
    {
        return None;
    }
    let own = table.word_mentions(word);
    if own >= MIN_TARGET_MENTIONS {
        return None;
    }
    let w = lower(word);
    let wn = w.chars().count();
    let (first, _) = word_bucket(word);
    let mut best: Option<(usize, u32, &str)> = None;
    for len in n.saturating_sub(max)..=n + max {
        for (cand, count) in table.frequent_words_in(first, len) {
            // Every word here has MIN_TARGET_MENTIONS at least.
            if count < 2 * own.max(1) || cand.eq_ignore_ascii_case(word) {
                continue;
            }
            let c = lower(cand);
            let cn = c.chars().count();
            // Plurals and other inflections of the same name are not misspellings.
            if cn == wn + 1 && c.starts_with(&w) || wn == cn + 1 && w.starts_with(&c) {
                continue;
            }
            let Some(d) = osa(&w, &c, max) else { continue };
            let better = match best {
                None => true,
                Some((bd, bc, bs)) => {
                    (d, std::cmp::Reverse(count), cand) < (bd, std::cmp::Reverse(bc), bs)
                }
            };
            if better {
                best = Some((d, count, cand));
            }
        }
    }
    best.map(|(_, count, cand)| (cand.to_string(), count))
}

/// Phase 4: words in this article's name candidates that look like
/// misspellings of names used several times in the corpus. Ordinary
/// English words, known first names and places, and names that are
/// themselves used several times are never flagged.
pub fn misspellings(text: &str, names: &ArticleNames, table: &NameTable) -> Vec<Misspelling> {
    let mut out = Vec::new();
    let mut toks = Vec::new();
    for c in &names.candidates {
        if c.curated.is_some() || c.acronym || c.strength == Strength::Dictionary {
            continue;
        }
        tokens::tokenize_span(text, c.span.clone(), &mut toks);
        for t in &toks {
            if t.kind != Kind::Word || t.shape != Shape::Title {
                continue;
            }
            let word = t.text(text);
            if let Some((suggestion, target_mentions)) = suggest(word, table) {
                out.push(Misspelling {
                    span: t.start..t.end,
                    word: word.to_string(),
                    suggestion,
                    target_mentions,
                });
            }
        }
    }
    out
}
