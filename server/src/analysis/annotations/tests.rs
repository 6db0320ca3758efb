//! Tests across the module: `.ann` round trips, problems, edits in step
//! with the article, stale annotations, exports.

// Vectors of one range are what annotation spans look like; inverted
// ranges test malformed input.
#![allow(clippy::single_range_in_vec_init, clippy::reversed_empty_ranges)]

use super::*;
use crate::analysis::entities::EntityKind;
use std::collections::HashSet;

/// A tiny deterministic generator for property tests.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.next() % n }
    }
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect(needle);
    start..start + needle.len()
}

/// Every `T` line's offsets, as byte spans of `article`, must hold its text.
fn assert_in_step(ann: &AnnFile, article: &str) {
    let index = CodePointIndex::new(article);
    for (_, t) in ann.text_bounds() {
        let spans = t.byte_spans(&index).expect("offsets within the article");
        let pieces: Vec<&str> = spans.iter().map(|s| &article[s.clone()]).collect();
        assert_eq!(pieces.join(" "), t.text, "{} in {article:?}", t.id);
    }
}

const EVERY_KIND: &str = "T1\tOrganization 0 4\tAcme\r\n\
T2\tPerson 10 14;20 25\tJohn Smith\r\n\
A1\tNegated T1\r\n\
A2\tConfidence T2 High\r\n\
N1\tReference T2 Wikidata:Q42\tDouglas Adams\r\n\
#1\tAnnotatorNotes T1\tsome note\twith a tab\r\n\
R1\tEmployer Arg1:T2 Arg2:T1\r\n\
E1\tAcquisition:T1 Buyer:T2\r\n\
*\tEquiv T1 T2\r\n\
\r\n\
this line is not brat\n\
T3\tDate 30 36\tMonday";

#[test]
fn round_trip_is_byte_identical() {
    let ann = AnnFile::parse(EVERY_KIND);
    assert_eq!(ann.to_text(), EVERY_KIND);
    assert_eq!(ann.line_count(), 12);
    assert_eq!(ann.line_ending(), LineEnding::CrLf);
    let kinds: Vec<&str> = ann
        .entries()
        .map(|(_, e)| match e {
            Entry::Blank => "blank",
            Entry::TextBound(_) => "T",
            Entry::Attribute(_) => "A",
            Entry::Normalization(_) => "N",
            Entry::Note(_) => "#",
            Entry::Other(o) => match o.kind {
                OtherKind::Relation => "R",
                OtherKind::Event => "E",
                OtherKind::Equivalence => "*",
            },
            Entry::Malformed(_) => "malformed",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "T",
            "T",
            "A",
            "A",
            "N",
            "#",
            "R",
            "E",
            "*",
            "blank",
            "malformed",
            "T"
        ]
    );
    let t2 = ann.text_bound("T2").unwrap();
    assert_eq!(t2.spans, vec![10..14, 20..25]);
    assert_eq!(t2.text, "John Smith");
    assert_eq!(t2.label(), AnnotationLabel::Known(EntityKind::Person));
    assert_eq!(
        ann.entry(3),
        Some(&Entry::Attribute(Attribute {
            id: "A2".into(),
            name: "Confidence".into(),
            target: "T2".into(),
            value: Some("High".into()),
        }))
    );
    assert_eq!(
        ann.entry(4),
        Some(&Entry::Normalization(Normalization {
            id: "N1".into(),
            kind: "Reference".into(),
            target: "T2".into(),
            reference: "Wikidata:Q42".into(),
            text: Some("Douglas Adams".into()),
        }))
    );
    let Some(Entry::Note(note)) = ann.entry(5) else {
        panic!("a note");
    };
    assert_eq!(note.text.as_deref(), Some("some note\twith a tab"));
    assert_eq!(ann.entry(7).unwrap().refs(), ["T1", "T2"]);
    assert_eq!(ann.entry(8).unwrap().id(), None);
    // Only the malformed line is a problem.
    let problems = ann.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 10);
    assert_eq!(problems[0].kind, ProblemKind::Malformed);
    assert_eq!(
        &EVERY_KIND[problems[0].span.clone()],
        "this line is not brat"
    );
    assert_eq!(ann.line_text(11), Some("T3\tDate 30 36\tMonday"));
    assert_eq!(
        &EVERY_KIND[ann.line_span(11).unwrap()],
        "T3\tDate 30 36\tMonday"
    );

    for text in [
        "",
        "\n",
        "\r\n\r\n",
        "\r",
        "T1\tORG 0 1\ta",
        "T1\tORG 0 1\ta\rT2\tORG 1 2\tb\r",
        "\u{feff}T1\tORG 0 1\ta\n",
        "  \n\t\n",
        "T1\tORG 0 1\ta\n\n\n",
    ] {
        assert_eq!(AnnFile::parse(text).to_text(), text, "{text:?}");
    }
    let bom = AnnFile::parse("\u{feff}T1\tORG 0 1\ta\n");
    assert!(bom.problems().is_empty());
    assert_eq!(bom.line_span(0), Some(3..15));
}

#[test]
fn malformed_lines_have_their_line_numbers() {
    let text = "T1\tOrganization 0 4\tAcme\n\
T2\tPerson 0 x\tBob\n\
T3\tPerson 5 9\n\
A1\tNegated\n\
X1\tFoo\n\
T1\tPerson 10 14\tJohn\n\
A2\tNegated T9\n\
T4\tPerson 9 5\tx\n\
T\tPerson 1 2\tx\n\
no tab at all\n\
T5\tPerson 1 2;3\tx\n\
N1\tReference T1\tAcme\n";
    let ann = AnnFile::parse(text);
    assert_eq!(ann.to_text(), text);
    let found: Vec<(usize, ProblemKind, &str)> = ann
        .problems()
        .iter()
        .map(|p| (p.line, p.kind, &text[p.span.clone()]))
        .collect();
    use ProblemKind::*;
    assert_eq!(
        found,
        [
            (1, Malformed, "0 x"),
            (2, Malformed, "Person 5 9"),
            (3, Malformed, "Negated"),
            (4, Malformed, "X1"),
            (5, DuplicateId, "T1"),
            (6, UnknownReference, "A2\tNegated T9"),
            (7, BadOffsets, "Person 9 5"),
            (8, Malformed, "T"),
            (9, Malformed, "no tab at all"),
            (10, Malformed, "3"),
            (11, Malformed, "Reference T1"),
        ]
    );
    let problems = ann.problems();
    assert!(
        problems[0].message.contains("`x`"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[4].message.contains("line 1"),
        "{}",
        problems[4].message
    );
}

#[test]
fn check_reports_past_end_and_stale() {
    let article = "😀 Acme met 東京.";
    let ann_text = "T1\tOrganization 2 6\tAcme\nT2\tPlace 11 13\t東京\nT3\tPerson 2 6\tBob\nT4\tPerson 10 40\tx\n";
    let ann = AnnFile::parse(ann_text);
    let found: Vec<(usize, ProblemKind)> = ann
        .check(article)
        .iter()
        .map(|p| (p.line, p.kind))
        .collect();
    assert_eq!(
        found,
        [(2, ProblemKind::Stale), (3, ProblemKind::BadOffsets)]
    );
    assert!(ann.problems().is_empty());
}

#[test]
fn offsets_follow_edits_with_emoji_and_cjk() {
    // Code points: 😀0 ␠1 A2…p10 ␠11 i12 n13 ␠14 東15 京16 ␠17 m18 e19 t20 ␠21 B22 o23 b24 .25
    let mut article = String::from("😀 Acme Corp in 東京 met Bob.");
    let mut ann = AnnFile::new();
    let label = |k| AnnotationLabel::Known(k);
    let org = ann
        .annotate(
            &article,
            &[span_of(&article, "Acme Corp")],
            &label(EntityKind::Organization),
        )
        .unwrap();
    let place = ann
        .annotate(
            &article,
            &[span_of(&article, "東京")],
            &label(EntityKind::Place),
        )
        .unwrap();
    let person = ann
        .annotate(
            &article,
            &[span_of(&article, "Bob")],
            &label(EntityKind::Person),
        )
        .unwrap();
    assert_eq!(
        (org.as_str(), place.as_str(), person.as_str()),
        ("T1", "T2", "T3")
    );
    assert_eq!(
        ann.to_text(),
        "T1\tOrganization 2 11\tAcme Corp\nT2\tPlace 15 17\t東京\nT3\tPerson 22 25\tBob\n"
    );
    let spans = |ann: &AnnFile| -> Vec<Vec<std::ops::Range<usize>>> {
        ann.text_bounds().map(|(_, t)| t.spans.clone()).collect()
    };
    let edit = |ann: &mut AnnFile, article: &mut String, removed: Span, inserted: &str| {
        let outcome = ann.apply_edit(article, removed.clone(), inserted);
        article.replace_range(offsets::snap_span(article, &removed), inserted);
        outcome
    };

    // Insertion before everything (emoji: 1 code point, 4 bytes each).
    let out = edit(&mut ann, &mut article, 0..0, "😀😀 ");
    assert_eq!(out.changed, ["T1", "T2", "T3"]);
    assert!(out.wiped.is_empty());
    assert_eq!(spans(&ann), [vec![5..14], vec![18..20], vec![25..28]]);
    assert_in_step(&ann, &article);

    // Insertion strictly inside "Acme Corp" grows it.
    let at = span_of(&article, "Acme").end;
    edit(&mut ann, &mut article, at..at, "東");
    assert_eq!(spans(&ann), [vec![5..15], vec![19..21], vec![26..29]]);
    assert_eq!(ann.text_bound("T1").unwrap().text, "Acme東 Corp");
    assert_in_step(&ann, &article);

    // Insertion at the very start of an annotation moves it; at its end, not.
    let at = span_of(&article, "東京").start;
    edit(&mut ann, &mut article, at..at, "in ");
    let at = span_of(&article, "東京").end;
    edit(&mut ann, &mut article, at..at, "都");
    assert_eq!(spans(&ann), [vec![5..15], vec![22..24], vec![30..33]]);
    assert_in_step(&ann, &article);

    // Insertion after everything changes nothing.
    let end = article.len();
    let out = edit(&mut ann, &mut article, end..end, " 😀");
    assert!(out.changed.is_empty());
    assert_in_step(&ann, &article);

    // A deletion overlapping the end of one annotation and the start of the
    // next: each keeps its surviving characters.
    assert_eq!(article, "😀😀 😀 Acme東 Corp in in 東京都 met Bob. 😀");
    let cut = span_of(&article, "Corp in in 東");
    let out = edit(&mut ann, &mut article, cut, "");
    assert_eq!(out.changed, ["T1", "T2", "T3"]);
    assert_eq!(spans(&ann), [vec![5..11], vec![11..12], vec![18..21]]);
    assert_eq!(ann.text_bound("T1").unwrap().text, "Acme東 ");
    assert_eq!(ann.text_bound("T2").unwrap().text, "京");
    assert_in_step(&ann, &article);

    // Deleting all of an annotation wipes it: kept, collapsed, stale.
    let bob = span_of(&article, "Bob");
    let out = edit(&mut ann, &mut article, bob.clone(), "");
    assert_eq!(out.wiped, ["T3"]);
    assert_eq!(ann.text_bound("T3").unwrap().spans, vec![18..18]);
    assert_eq!(ann.text_bound("T3").unwrap().text, "Bob");
    let stale = ann.stale(&article);
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].nearest, None);
    // Undo brings the text back, and the annotation with it.
    let out = edit(&mut ann, &mut article, bob.start..bob.start, "Bob");
    assert_eq!(out.changed, ["T3"]);
    assert_eq!(ann.text_bound("T3").unwrap().spans, vec![18..21]);
    assert!(ann.stale(&article).is_empty());
    // Retyped elsewhere, it stays stale; the quick fix re-anchors to it.
    edit(&mut ann, &mut article, bob.clone(), "");
    let end = article.len();
    edit(&mut ann, &mut article, end..end, " Bob");
    let stale = ann.stale(&article);
    assert_eq!(stale[0].id, "T3");
    let nearest = stale[0].nearest.clone().unwrap();
    assert_eq!(nearest, vec![22..25]);
    let (_, edits) = ann.tracked(|a| a.set_spans("T3", nearest));
    assert_eq!(edits.len(), 1);
    assert!(ann.stale(&article).is_empty());
    assert_in_step(&ann, &article);
    assert!(ann.reanchor(&article, "T3"));
    // Back where it was, for what follows.
    let appended = span_of(&article, " Bob");
    edit(&mut ann, &mut article, appended, "");
    edit(&mut ann, &mut article, bob.start..bob.start, "Bob");
    assert!(ann.reanchor(&article, "T3"));
    assert_eq!(ann.text_bound("T3").unwrap().spans, vec![18..21]);

    // A replacement that covers an annotation and more wipes it too; one
    // that retypes exactly its text keeps it, with the new text.
    let cut = span_of(&article, "京都 met");
    let out = edit(&mut ann, &mut article, cut, "x");
    assert_eq!(out.wiped, ["T2"]);
    let bob = span_of(&article, "Bob");
    let out = edit(&mut ann, &mut article, bob, "Robert");
    assert!(out.wiped.is_empty());
    assert_eq!(ann.text_bound("T3").unwrap().text, "Robert");
    assert_eq!(ann.stale(&article).len(), 1);

    // Byte offsets inside a character are snapped, never a panic.
    let inside = article.find('😀').unwrap() + 1;
    edit(&mut ann, &mut article, inside..inside + 1, "");
    assert!(!article.contains("😀😀 😀"));
}

#[test]
fn shift_in_code_points_moves_offsets_only() {
    let mut ann =
        AnnFile::parse("T1\tORG 2 6\tAcme\n#1\tAnnotatorNotes T1\tnote\nT2\tPER 10 13\tBob\n");
    let out = ann.shift(4, 0, 3);
    assert_eq!(out.changed, ["T1", "T2"]);
    assert_eq!(
        ann.to_text(),
        "T1\tORG 2 9\tAcme\n#1\tAnnotatorNotes T1\tnote\nT2\tPER 13 16\tBob\n"
    );
    let out = ann.shift(0, 20, 0);
    assert_eq!(out.wiped, ["T1", "T2"]);
    assert_eq!(ann.text_bound("T2").unwrap().spans, vec![0..0]);
}

#[test]
fn edits_stay_in_step_on_random_articles() {
    let mut rng = Lcg(7);
    let alphabet = [
        "a", "b", " ", "😀", "東", "京", "é", "\n", "\r\n", "Acme", "Bob",
    ];
    for round in 0..200 {
        let mut article: String = (0..rng.below(40) + 5)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        let mut ann = AnnFile::new();
        for _ in 0..4 {
            let a = rng.below(article.len() + 1);
            let b = rng.below(article.len() + 1);
            let (a, b) = (a.min(b), a.max(b));
            if article.is_char_boundary(a) && article.is_char_boundary(b) && a < b {
                ann.annotate(&article, &[a..b], &AnnotationLabel::Other("X".into()))
                    .unwrap();
            }
        }
        let mut stale_ids: HashSet<String> = HashSet::new();
        for _ in 0..8 {
            let a = rng.below(article.len() + 2);
            let b = a + rng.below(6);
            let inserted: String = (0..rng.below(3))
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let before = ann.clone();
            let (out, edits) = ann.tracked(|ann| ann.apply_edit(&article, a..b, &inserted));
            assert_eq!(apply_edits(&before.to_text(), &edits), ann.to_text());
            let old_article = article.clone();
            let snapped = offsets::snap_span(&article, &(a..b));
            article.replace_range(snapped, &inserted);
            stale_ids.extend(out.wiped);
            let index = CodePointIndex::new(&article);
            for (_, t) in ann.text_bounds() {
                assert!(
                    stale_ids.contains(&t.id) || t.matches(&index),
                    "round {round}: {} {:?} {:?} in {article:?}\nbefore: {:?} {old_article:?} {a}..{b} {inserted:?}",
                    t.id,
                    t.spans,
                    t.text,
                    before.to_text(),
                );
            }
            assert_eq!(AnnFile::parse(&ann.to_text()).to_text(), ann.to_text());
        }
    }
}

#[test]
fn edits_are_minimal_and_keep_line_endings() {
    let article = "😀 Acme Corp in 東京 met Bob.";
    let text = "T1\tOrganization 2 11\tAcme Corp\r\nA1\tNegated T1\r\nT2\tPlace 15 17\t東京\r\nR1\tLocatedIn Arg1:T1 Arg2:T2\r\nT3\tPerson 22 25\tBob";
    let mut ann = AnnFile::parse(text);
    // Insert "Big " before "Acme": every T line moves, nothing else.
    let (_, edits) = ann.tracked(|a| a.apply_edit(article, 5..5, "Big "));
    let article = "😀 Big Acme Corp in 東京 met Bob.";
    assert_eq!(edits.len(), 3);
    assert_eq!(
        &text[edits[0].range.clone()],
        "T1\tOrganization 2 11\tAcme Corp\r\n"
    );
    assert_eq!(edits[0].new_text, "T1\tOrganization 6 15\tAcme Corp\r\n");
    assert_eq!(&text[edits[2].range.clone()], "T3\tPerson 22 25\tBob");
    assert_eq!(edits[2].new_text, "T3\tPerson 26 29\tBob");
    let text = apply_edits(text, &edits);
    assert_eq!(text, ann.to_text());
    assert_in_step(&ann, article);

    // Appending to a file without a final newline: a pure insertion, and
    // the file still has no final newline.
    let label = AnnotationLabel::Known(EntityKind::Date);
    let (id, edits) = ann.tracked(|a| a.annotate(article, &[span_of(article, "met")], &label));
    assert_eq!(id.unwrap(), "T4");
    assert_eq!(
        edits,
        [AnnEdit {
            range: text.len()..text.len(),
            new_text: "\r\nT4\tDate 22 25\tmet".into(),
        }]
    );
    let text = apply_edits(&text, &edits);
    assert_eq!(text, ann.to_text());

    // Removing T1 takes A1 along; R1 stays and is reported.
    let (removed, edits) = ann.tracked(|a| a.remove("T1"));
    let removed = removed.unwrap();
    assert_eq!(removed.lines, 2);
    assert_eq!(removed.dangling, [1]);
    assert_eq!(edits.len(), 1);
    assert_eq!(
        &text[edits[0].range.clone()],
        "T1\tOrganization 6 15\tAcme Corp\r\nA1\tNegated T1\r\n"
    );
    assert_eq!(edits[0].new_text, "");
    let text = apply_edits(&text, &edits);
    assert_eq!(
        text,
        "T2\tPlace 19 21\t東京\r\nR1\tLocatedIn Arg1:T1 Arg2:T2\r\nT3\tPerson 26 29\tBob\r\nT4\tDate 22 25\tmet"
    );

    // Removing the last line: the new last line loses its newline.
    let (_, edits) = ann.tracked(|a| a.remove("T4"));
    assert_eq!(edits.len(), 1);
    assert_eq!(&text[edits[0].range.clone()], "\r\nT4\tDate 22 25\tmet");
    assert_eq!(apply_edits(&text, &edits), ann.to_text());
    assert!(ann.to_text().ends_with("Bob"));
    assert!(ann.remove("T4").is_none());
    assert!(!ann.tracked(|a| a.remove_line(99)).0);
}

#[test]
fn new_ids_and_removal_of_dependents() {
    let mut ann = AnnFile::parse(
        "T1\tORG 0 4\tAcme\nT7\tPER 5 8\tBob\nT9 broken line\nA1\tNegated T7\nN1\tReference T7 Wikidata:Q1\tBob\n#1\tAnnotatorNotes T7\tnote\n#2\tAnnotatorNotes A1\tnote on the attribute\nA2\tNegated T1\n*\tEquiv T1 T7\n",
    );
    assert_eq!(ann.next_id('T'), "T10");
    assert_eq!(ann.next_id('A'), "A3");
    assert_eq!(AnnFile::new().next_id('T'), "T1");
    // The file spells organizations `ORG`, so new ones are `ORG` too.
    let article = "Acme Bob Initech";
    let id = ann
        .annotate(
            article,
            &[9..16],
            &AnnotationLabel::Known(EntityKind::Organization),
        )
        .unwrap();
    assert_eq!(id, "T10");
    assert_eq!(ann.line_text(9), Some("T10\tORG 9 16\tInitech"));
    assert_eq!(ann.next_id('T'), "T11");

    let removed = ann.remove("T7").unwrap();
    assert_eq!(removed.lines, 5);
    assert_eq!(removed.dangling, [3]);
    assert_eq!(
        ann.to_text(),
        "T1\tORG 0 4\tAcme\nT9 broken line\nA2\tNegated T1\n*\tEquiv T1 T7\nT10\tORG 9 16\tInitech\n"
    );
    // Errors, not panics, for bad requests.
    let other = AnnotationLabel::Other("Law".into());
    assert_eq!(ann.annotate(article, &[], &other), Err(AnnError::NoSpans));
    assert_eq!(
        ann.annotate(article, &[3..99], &other),
        Err(AnnError::BadSpan(3..99))
    );
    assert_eq!(
        ann.annotate(article, &[4..4], &other),
        Err(AnnError::EmptySpan(4..4))
    );
    assert_eq!(
        ann.add_text_bound("  ", &[0..1], "A"),
        Err(AnnError::EmptyType)
    );
    assert_eq!(
        ann.annotate("東京", &[1..3], &other),
        Err(AnnError::BadSpan(1..3))
    );
    // New files end with a newline; tabs and newlines in text become spaces.
    let mut fresh = AnnFile::new();
    fresh
        .add_text_bound("Work of art", &[7..9, 0..3], "a\tb\nc")
        .unwrap();
    assert_eq!(fresh.to_text(), "T1\tWork_of_art 0 3;7 9\ta b c\n");
}

#[test]
fn stale_detection_and_nearest_reanchor() {
    // Acme occurs at code points 2, 17 and 28; 東京 at 13.
    let article = "😀 Acme rose. 東京: Acme fell; Acme.";
    let ann_text = "T1\tORG 20 24\tAcme\nT2\tORG 30 34\tAcme\nT3\tORG 2 6\tAcme\nT4\tPER 0 3\tNobody\nT5\tORG 10 500\tAcme\nT6\tLOC 15 17;4 5\t東京 A\nT7\tORG 25 29\tAcme\n";
    let ann = AnnFile::parse(ann_text);
    let stale = ann.stale(article);
    let summary: Vec<(&str, Option<Vec<std::ops::Range<usize>>>)> = stale
        .iter()
        .map(|s| (s.id.as_str(), s.nearest.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            ("T1", Some(vec![17..21])),
            ("T2", Some(vec![28..32])),
            ("T4", None),
            ("T5", Some(vec![17..21])),
            // Fragments keep their relative layout (and their order).
            ("T6", Some(vec![13..15, 2..3])),
            ("T7", Some(vec![28..32])),
        ]
    );
    let index = CodePointIndex::new(article);
    assert_eq!(
        &article[index.cp_range_to_bytes(&(28..32)).unwrap()],
        "Acme"
    );
    assert_eq!(stale[0].found_text.as_deref(), Some("e fe"));
    assert_eq!(stale[3].found_text, None);
    assert_eq!(&ann_text[stale[1].line_span.clone()], "T2\tORG 30 34\tAcme");
    assert_eq!(stale[1].line, 1);

    // The fixes, as edits.
    let mut fixed = ann.clone();
    let (_, edits) = fixed.tracked(|a| {
        for s in &stale {
            if let Some(spans) = s.nearest.clone() {
                assert!(a.set_spans(&s.id, spans));
            } else {
                assert!(a.remove(&s.id).is_some());
            }
        }
    });
    assert_eq!(edits.len(), 2); // T1–T2, T4–T7
    assert_eq!(apply_edits(ann_text, &edits), fixed.to_text());
    assert!(fixed.stale(article).is_empty());
    assert!(fixed.check(article).is_empty());

    // Equally near occurrences: the earlier one wins.
    let ann = AnnFile::parse("T1\tORG 3 7\tAcme\n");
    assert_eq!(ann.stale("Acme, Acme")[0].nearest, Some(vec![0..4]));

    // Tabs and line breaks in the article match spaces in stored text.
    let article = "Acme\nCorp and Acme Corp";
    let ann = AnnFile::parse("T1\tORG 2 11\tAcme Corp\n");
    assert_eq!(ann.stale(article)[0].nearest, Some(vec![0..9]));
    let ok = AnnFile::parse("T1\tORG 0 9\tAcme Corp\n");
    assert!(ok.stale(article).is_empty());
}

#[test]
fn export_brat_then_import_gives_the_same_annotations() {
    let article = "😀 Acme Corp\nof 東京 hired John Q. Smith, 50%.";
    let anns = vec![
        Annotation {
            spans: vec![span_of(article, "Acme Corp\nof 東京")],
            label: "organization".into(),
            text: "Acme Corp\nof 東京".into(),
        },
        Annotation {
            spans: vec![span_of(article, "John"), span_of(article, "Smith")],
            label: "person".into(),
            text: "John Smith".into(),
        },
        Annotation {
            spans: vec![span_of(article, "東京")],
            label: "place".into(),
            text: "東京".into(),
        },
        Annotation {
            spans: vec![span_of(article, "50%")],
            label: "Share of vote".into(),
            text: "50%".into(),
        },
    ];
    let brat = export_brat(article, &anns);
    assert_eq!(
        brat,
        "T1\tOrganization 2 17\tAcme Corp of 東京\n\
T2\tPerson 24 28;32 37\tJohn Smith\n\
T3\tPlace 15 17\t東京\n\
T4\tShare_of_vote 39 42\t50%\n"
    );
    let (back, problems) = import_brat(article, &brat);
    assert!(problems.is_empty(), "{problems:?}");
    let mut expected = anns.clone();
    expected[3].label = "Share_of_vote".into();
    assert_eq!(back, expected);

    // Bad spans are snapped or skipped, never a panic.
    let odd = vec![
        Annotation {
            spans: vec![1..3],
            label: "ORG".into(),
            text: String::new(),
        },
        Annotation {
            spans: vec![90..99, 5..2],
            label: "ORG".into(),
            text: String::new(),
        },
    ];
    assert_eq!(export_brat(article, &odd), "T1\tOrganization 0 1\t😀\n");

    // Import leaves out stale and out-of-range annotations, with problems.
    let (back, problems) = import_brat(
        article,
        "T1\tORG 2 6\tAcme\nT2\tORG 2 6\tBob\nT3\tORG 2 600\tAcme\nT4\tORG 6 2\tx\ngarbage\n",
    );
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].spans, vec![5..9]);
    let kinds: Vec<(usize, ProblemKind)> = problems.iter().map(|p| (p.line, p.kind)).collect();
    assert_eq!(
        kinds,
        [
            (1, ProblemKind::Stale),
            (2, ProblemKind::BadOffsets),
            (3, ProblemKind::BadOffsets),
            (4, ProblemKind::Malformed),
        ]
    );
}

#[test]
fn jsonl_offsets_are_python_code_points() {
    // In Python: s = "😀 Acme in 東京"; s[2:6] == "Acme"; s[10:12] == "東京".
    let article = "😀 Acme in 東京";
    let anns = vec![
        Annotation {
            spans: vec![13..19],
            label: "place".into(),
            text: "東京".into(),
        },
        Annotation {
            spans: vec![5..9],
            label: "organization".into(),
            text: "Acme".into(),
        },
    ];
    let line = export_jsonl(article, &anns, "news/a.txt");
    assert_eq!(
        line,
        r#"{"text":"😀 Acme in 東京","spans":[{"start":2,"end":6,"label":"ORG"},{"start":10,"end":12,"label":"LOC"}],"meta":{"source":"news/a.txt"}}"#
    );
    let value: serde_json::Value = serde_json::from_str(&line).unwrap();
    let chars: Vec<char> = value["text"].as_str().unwrap().chars().collect();
    let span = &value["spans"][1];
    let (start, end) = (
        span["start"].as_u64().unwrap(),
        span["end"].as_u64().unwrap(),
    );
    let slice: String = chars[start as usize..end as usize].iter().collect();
    assert_eq!(slice, "東京");
    assert_eq!(
        export_jsonl("a \"quoted\"\nline", &[], "x"),
        r#"{"text":"a \"quoted\"\nline","spans":[],"meta":{"source":"x"}}"#
    );
}

#[test]
fn conll_bio_lines() {
    let article =
        "Shares in Acme Holdings Ltd rose to £896 on Monday. The U.K. unit (Acme UK) made 10%.";
    let ann = |needle: &str, label: &str| Annotation {
        spans: vec![span_of(article, needle)],
        label: label.into(),
        text: needle.into(),
    };
    let anns = vec![
        ann("Acme Holdings Ltd", "organization"),
        ann("£896", "money"),
        ann("Monday", "date"),
        ann("U.K.", "place"),
        ann("Acme UK", "ORG"),
        ann("10%", "percentage"),
    ];
    let first_end = article.find(" The").unwrap();
    let sentences = vec![0..first_end, first_end + 1..article.len()];
    let expected = "Shares\tO\nin\tO\nAcme\tB-ORG\nHoldings\tI-ORG\nLtd\tI-ORG\nrose\tO\nto\tO\n£896\tB-MONEY\non\tO\nMonday\tB-DATE\n.\tO\n\
\n\
The\tO\nU.K.\tB-LOC\nunit\tO\n(\tO\nAcme\tB-ORG\nUK\tI-ORG\n)\tO\nmade\tO\n10%\tB-PERCENT\n.\tO\n";
    assert_eq!(export_conll(article, &anns, &sentences), expected);
    // Without sentences the text is one sentence.
    assert_eq!(
        export_conll(article, &anns, &[]),
        expected.replacen("\n\n", "\n", 1)
    );

    // Discontinuous spans, adjacent mentions, partially covered tokens,
    // unknown labels, text outside the sentences.
    let article = "Headline\nJohn and Mary Smith's firm. Acme Acme.";
    let sentences = vec![span_of(article, "John and Mary Smith's firm.")];
    let anns = vec![
        Annotation {
            spans: vec![span_of(article, "Mary Smith"), span_of(article, "John")],
            label: "person".into(),
            text: String::new(),
        },
        Annotation {
            spans: vec![span_of(article, "Acme")],
            label: "Company name".into(),
            text: String::new(),
        },
        Annotation {
            spans: vec![span_of(article, "cme.")],
            label: "ORG".into(),
            text: String::new(),
        },
    ];
    assert_eq!(
        export_conll(article, &anns, &sentences),
        "Headline\tO\n\nJohn\tB-PER\nand\tO\nMary\tB-PER\nSmith's\tI-PER\nfirm\tO\n.\tO\n\nAcme\tB-COMPANY_NAME\nAcme\tO\n.\tB-ORG\n"
    );
    assert_eq!(export_conll("", &anns, &sentences), "");
}

#[test]
fn conll_tokenisation() {
    let text = "“Hello,” he said—£836.10. U.S.-based... e.g. (J. Smith) Ltd., 1,000 'q' a. …";
    let tokens: Vec<&str> = conll_tokens(text, 0..text.len())
        .into_iter()
        .map(|s| &text[s])
        .collect();
    assert_eq!(
        tokens,
        [
            "“",
            "Hello",
            ",",
            "”",
            "he",
            "said",
            "—",
            "£836.10",
            ".",
            "U.S.-based",
            "...",
            "e.g.",
            "(",
            "J.",
            "Smith",
            ")",
            "Ltd.",
            ",",
            "1,000",
            "'",
            "q",
            "'",
            "a",
            ".",
            "…"
        ]
    );
    // Ranges are clamped and snapped.
    assert_eq!(conll_tokens("東京 x", 1..99), [0..6, 7..8]);
}

#[test]
fn nothing_panics_on_garbage() {
    let pieces = [
        "T1",
        "T2",
        "A1",
        "N1",
        "#1",
        "R1",
        "E1",
        "*",
        "M1",
        "\t",
        " ",
        ";",
        ":",
        "0",
        "5",
        "17",
        "-1",
        "99999999999999999999999",
        "18446744073709551615",
        "😀",
        "東",
        "\r",
        "\n",
        "\r\n",
        "ORG",
        "Arg1:T1",
        "x",
        "\u{feff}",
    ];
    let articles = ["", "a", "😀 東京 Acme\r\nBob", "\n\n\n"];
    let mut rng = Lcg(42);
    for _ in 0..2000 {
        let text: String = (0..rng.below(30))
            .map(|_| pieces[rng.below(pieces.len())])
            .collect();
        let mut ann = AnnFile::parse(&text);
        assert_eq!(ann.to_text(), text);
        let _ = ann.problems();
        let article = articles[rng.below(articles.len())];
        let _ = ann.check(article);
        let _ = ann.annotations(article);
        for s in ann.stale(article) {
            let _ = ann.clone().reanchor(article, &s.id);
        }
        let (a, b) = (rng.below(30), rng.below(30));
        let before = ann.clone();
        let (_, edits) = ann.tracked(|ann| {
            ann.apply_edit(article, a..b, "😀");
            ann.shift(rng.below(40), rng.below(40), rng.below(40));
            if rng.below(2) == 0 {
                let _ = ann.annotate(
                    article,
                    &[0..article.len()],
                    &AnnotationLabel::Other("x".into()),
                );
            }
            ann.remove("T1");
            ann.remove_line(rng.below(5));
        });
        assert_eq!(apply_edits(&before.to_text(), &edits), ann.to_text());
        let spans = vec![a..b, b..a, 0..usize::MAX];
        let anns = vec![Annotation {
            spans: spans.clone(),
            label: "x y".into(),
            text: String::new(),
        }];
        let _ = export_brat(article, &anns);
        let _ = export_jsonl(article, &anns, "s");
        let _ = export_conll(article, &anns, &spans);
        let _ = import_brat(article, &text);
    }
}

#[test]
fn ann_path_is_beside_the_article() {
    assert_eq!(
        ann_path(std::path::Path::new("news/2024/a.txt")),
        std::path::PathBuf::from("news/2024/a.ann")
    );
}
