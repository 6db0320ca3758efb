//! brat `.ann` files: parse and rewrite are lossless on generated files
//! (every line kind, malformed ones, any line ending), edits change only
//! the lines they are about, and the edits sent to editors reproduce the
//! file; annotations moved through random article edits either still
//! denote their own text or are reported stale, never silently wrong.

use crate::strategies::{self, check_span};
use corpus_lsp::analysis::annotations::{
    AnnFile, AnnotationLabel, CodePointIndex, Entry, ProblemKind, apply_edits,
};
use corpus_lsp::analysis::entities::EntityKind;
use proptest::prelude::*;
use std::collections::HashSet;

const TYPES: &[&str] = &[
    "Organization",
    "ORG",
    "Person",
    "PER",
    "GPE",
    "Law",
    "Money",
    "x",
];

/// Text for fields: no line breaks (they end a line).
fn field() -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(&["Harbour Light", "Ana Ruiz", "£412m", "Café", "中文", "😀", "a\tb", " ", ""][..])
            .prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().filter(|c| !matches!(c, '\n' | '\r')).take(10).collect()),
    ]
    .boxed()
}

fn offsets() -> impl Strategy<Value = String> {
    prop::collection::vec((0usize..60, 0usize..60), 1..3).prop_map(|v| {
        v.iter()
            .map(|(a, b)| format!("{a} {b}"))
            .collect::<Vec<_>>()
            .join(";")
    })
}

fn id(prefix: &'static str) -> impl Strategy<Value = String> {
    (1u32..12).prop_map(move |n| format!("{prefix}{n}"))
}

/// One line's content, of any kind.
fn ann_line() -> BoxedStrategy<String> {
    let ty = prop::sample::select(TYPES);
    prop_oneof![
        6 => (id("T"), ty, offsets(), field()).prop_map(|(i, t, o, x)| format!("{i}\t{t} {o}\t{x}")),
        1 => (id("A"), id("T")).prop_map(|(i, t)| format!("{i}\tNegated {t}")),
        1 => (id("A"), id("T")).prop_map(|(i, t)| format!("{i}\tConfidence {t} High")),
        1 => (id("M"), id("T")).prop_map(|(i, t)| format!("{i}\tSpeculation {t}")),
        1 => (id("N"), id("T"), field()).prop_map(|(i, t, x)| format!("{i}\tReference {t} Wikidata:Q42\t{x}")),
        1 => (id("#"), id("T"), field()).prop_map(|(i, t, x)| format!("{i}\tAnnotatorNotes {t}\t{x}")),
        1 => (id("R"), id("T"), id("T")).prop_map(|(i, a, b)| format!("{i}\tOwns Arg1:{a} Arg2:{b}")),
        1 => (id("E"), id("T"), id("T")).prop_map(|(i, a, b)| format!("{i}\tSigning:{a} Agent:{b}")),
        1 => (id("T"), id("T")).prop_map(|(a, b)| format!("*\tEquiv {a} {b}")),
        2 => prop::sample::select(&[
            "", "   ", "T", "T1 Org 0 4 text", "X1\tfoo", "T1\tOrg a b\tx", "T1\tOrg 5 3\tx",
            "T1\tOrg 0 4", "T1\t 0 4\tx", "T1\tOrg +1 4\tx", "A1\t", "R1\tOwns Arg1 Arg2", "#\tnote",
            "T99999999999999999999999\tOrg 0 1\tx", "T1\tOrg 0 99999999999999999999999\tx",
            "\u{feff}T1\tOrg 0 1\tx", "T 1\tOrg 0 1\tx", "E1\t", "*\tEquiv",
        ][..]).prop_map(str::to_string),
        1 => field(),
    ]
    .boxed()
}

fn ending() -> impl Strategy<Value = &'static str> {
    prop::sample::select(&["\n", "\n", "\n", "\r\n", "\r"][..])
}

/// A whole `.ann` text.
fn ann_text() -> BoxedStrategy<String> {
    (
        any::<bool>(),
        prop::collection::vec((ann_line(), ending()), 0..14),
        any::<bool>(),
    )
        .prop_map(|(bom, lines, last_open)| {
            let mut out = String::from(if bom { "\u{feff}" } else { "" });
            let n = lines.len();
            for (k, (line, end)) in lines.into_iter().enumerate() {
                out.push_str(&line);
                if !(last_open && k + 1 == n) {
                    out.push_str(end);
                }
            }
            out
        })
        .boxed()
}

fn contents(ann: &AnnFile) -> Vec<String> {
    (0..ann.line_count())
        .map(|n| ann.line_text(n).unwrap().to_string())
        .collect()
}

/// Every `T` line either denotes its stored text in `article` or is
/// reported by `stale` and by `check` (stale, or bad offsets).
fn check_consistent(ann: &AnnFile, article: &str) -> Result<(), TestCaseError> {
    let index = CodePointIndex::new(article);
    let stale: HashSet<usize> = ann.stale(article).iter().map(|s| s.line).collect();
    let problems = ann.check(article);
    let ann_text = ann.to_text();
    for p in &problems {
        check_span(&ann_text, &p.span, "problem")?;
    }
    for (line, t) in ann.text_bounds() {
        if t.matches(&index) {
            prop_assert!(
                !stale.contains(&line),
                "T line {} matches yet is stale",
                line
            );
        } else {
            prop_assert!(
                stale.contains(&line),
                "T line {} ({:?}) is wrong but not stale",
                line,
                t
            );
            prop_assert!(
                problems.iter().any(|p| p.line == line
                    && matches!(p.kind, ProblemKind::Stale | ProblemKind::BadOffsets)),
                "T line {} is wrong but check() says nothing",
                line
            );
        }
    }
    let (anns, _) = ann.annotations(article);
    for a in &anns {
        for s in &a.spans {
            check_span(article, s, "annotation")?;
        }
    }
    Ok(())
}

/// A random article edit: a char-boundary range and its replacement.
fn article_edit() -> impl Strategy<Value = (prop::sample::Index, prop::sample::Index, String)> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop_oneof![
            2 => Just(String::new()),
            2 => strategies::piece(),
            1 => "[a-zA-Z ]{1,4}",
            1 => prop::sample::select(&["Harbour Light", "Ana", "ana", "\n", "😀", "é"][..]).prop_map(str::to_string),
        ],
    )
}

fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

proptest! {
    #![proptest_config(strategies::config(256))]

    #[test]
    fn parse_and_rewrite_are_lossless(text in ann_text(), article in strategies::article(20)) {
        let ann = AnnFile::parse(&text);
        prop_assert_eq!(ann.to_text(), text.clone());
        for n in 0..ann.line_count() {
            let span = ann.line_span(n).unwrap();
            check_span(&text, &span, "line")?;
            prop_assert_eq!(&text[span], ann.line_text(n).unwrap());
        }
        for p in ann.problems() {
            check_span(&text, &p.span, "problem")?;
        }
        check_consistent(&ann, &article)?;
    }

    #[test]
    fn edits_touch_only_their_lines_and_reproduce_the_file(
        text in ann_text(),
        article in strategies::article(20),
        which in any::<prop::sample::Index>(),
        op in 0u8..4,
        span in any::<(prop::sample::Index, prop::sample::Index)>(),
    ) {
        let mut ann = AnnFile::parse(&text);
        let before = contents(&ann);
        let ids: Vec<String> = ann.text_bounds().map(|(_, t)| t.id.clone()).collect();
        let bounds = boundaries(&article);
        let (a, b) = (*span.0.get(&bounds), *span.1.get(&bounds));
        let (result, edits) = ann.tracked(|ann| match op {
            0 if !ids.is_empty() => ann.remove(which.get::<String>(&ids).as_str()).is_some(),
            1 if ann.line_count() > 0 => ann.remove_line(which.index(ann.line_count())),
            2 => ann.annotate(&article, std::slice::from_ref(&(a.min(b)..a.max(b))), &AnnotationLabel::Known(EntityKind::Organization)).is_ok(),
            _ => ann.reanchor(&article, ids.first().map_or("T1", String::as_str)),
        });
        let new = ann.to_text();
        prop_assert_eq!(apply_edits(&text, &edits), new.clone(), "edits {:?}", edits);
        prop_assert_eq!(AnnFile::parse(&new).to_text(), new.clone());
        let after = contents(&ann);
        // Lines that stay keep their content, in order: a removal leaves a
        // subsequence, an annotation appends one line, a re-anchor rewrites one.
        match op {
            0 | 1 => {
                let mut rest = before.iter();
                for line in &after {
                    prop_assert!(rest.any(|l| l == line), "line {:?} changed or moved", line);
                }
                if op == 1 && result {
                    prop_assert_eq!(after.len() + 1, before.len());
                }
            }
            2 => {
                prop_assert_eq!(&after[..before.len()], &before[..]);
                if result {
                    prop_assert_eq!(after.len(), before.len() + 1);
                    let (_, t) = ann.text_bounds().last().unwrap();
                    prop_assert!(t.matches(&CodePointIndex::new(&article)), "new annotation is stale: {:?}", t);
                }
            }
            _ => {
                prop_assert_eq!(after.len(), before.len());
                let differ = before.iter().zip(&after).filter(|(a, b)| a != b).count();
                prop_assert!(differ <= 1, "re-anchoring changed {} lines", differ);
            }
        }
        check_consistent(&ann, &article)?;
    }

    #[test]
    fn shifted_annotations_match_or_are_stale(
        article in strategies::article(25),
        picks in prop::collection::vec(any::<(prop::sample::Index, prop::sample::Index)>(), 1..6),
        edits in prop::collection::vec(article_edit(), 1..8),
    ) {
        // Annotations made on the article, so all match to begin with.
        let mut ann = AnnFile::new();
        let bounds = boundaries(&article);
        for (a, b) in &picks {
            let (a, b) = (*a.get(&bounds), *b.get(&bounds));
            let _ = ann.annotate(&article, std::slice::from_ref(&(a.min(b)..a.max(b))), &AnnotationLabel::Known(EntityKind::Person));
        }
        // Each character carries an identity: its original position, or
        // none once inserted by an edit.
        let mut ids: Vec<Option<usize>> = (0..article.chars().count()).map(Some).collect();
        let mut text = article.clone();
        for (a, b, inserted) in edits {
            let bounds = boundaries(&text);
            let (a, b) = (*a.get(&bounds), *b.get(&bounds));
            let removed = a.min(b)..a.max(b);
            let index = CodePointIndex::new(&text);
            let matched_before: Vec<(String, Vec<std::ops::Range<usize>>, bool)> = ann
                .text_bounds()
                .map(|(_, t)| (t.id.clone(), t.spans.clone(), t.matches(&index)))
                .collect();
            let cp = index.byte_range_to_cps(&removed).unwrap();
            let untouched_ids: Vec<Option<Vec<Option<usize>>>> = matched_before
                .iter()
                .map(|(_, spans, matched)| {
                    // Fragments clear of the removed range (an insertion at
                    // an edge counts as clear) keep the same characters.
                    let clear = spans.iter().all(|s| s.end < cp.start || s.start > cp.end
                        || (s.end == cp.start || s.start == cp.end) && cp.is_empty()
                        || (s.end <= cp.start || s.start >= cp.end) && !cp.is_empty());
                    (*matched && clear).then(|| spans.iter().flat_map(|s| ids[s.clone()].to_vec()).collect())
                })
                .collect();
            let outcome = ann.apply_edit(&text, removed.clone(), &inserted);
            let mut new_text = text[..removed.start].to_string();
            new_text.push_str(&inserted);
            new_text.push_str(&text[removed.end..]);
            ids.splice(cp.clone(), std::iter::repeat_n(None, inserted.chars().count()));
            text = new_text;
            check_consistent(&ann, &text)?;
            let index = CodePointIndex::new(&text);
            for (((id, _, matched), untouched), (_, t)) in
                matched_before.iter().zip(&untouched_ids).zip(ann.text_bounds())
            {
                prop_assert_eq!(id, &t.id);
                // A match that was not wiped stays a match (its text follows the edit).
                if *matched && !outcome.wiped.contains(id) {
                    prop_assert!(t.matches(&index), "{} matched, was not wiped, is now stale: {:?}", id, t);
                }
                if outcome.wiped.contains(id) {
                    prop_assert!(!t.matches(&index) || t.text.is_empty(), "{} wiped yet matches: {:?}", id, t);
                }
                // An annotation the edit did not touch denotes the very same characters.
                if let Some(before) = untouched {
                    let now: Vec<Option<usize>> = t.spans.iter().flat_map(|s| ids[s.clone()].to_vec()).collect();
                    prop_assert_eq!(&now, before, "{} moved to other characters: {:?}", id, t);
                }
            }
        }
        for (_, e) in ann.entries() {
            prop_assert!(!matches!(e, Entry::Malformed(_)), "rendered a malformed line");
        }
    }
}
