//! Generators shared by the property tests: article-like text mixed with
//! arbitrary Unicode and awkward line breaks.

use proptest::prelude::*;

/// Cases per property: small in CI, raised with `PROPTEST_CASES`.
pub fn config(ci_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ci_cases);
    ProptestConfig {
        cases,
        // A failure is shrunk a little, not for minutes.
        max_shrink_iters: 2_000,
        // Failures found are kept as named regression tests instead.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const HEADLINES: &[&str] = &[
    "Harbour Light wins £412m deal",
    "# Telora Quits Southern Contract",
    "Marsh-Lane Systems to cut 1,200 jobs",
    "NHS trust delays go-live again",
    "Ana Ruiz steps down",
    "BREAKING: ORRIN CARE SOLD FOR $2.4BN",
];

const DATELINES: &[&str] = &[
    "  • 15 July 2008",
    "July 15, 2008",
    "15/07/2008",
    "2008-07-15",
    "Published: 15 July 2008 10:32",
    "Tuesday 15 July 2008",
    "Last updated: 3 Sept 2005",
    "Friday, 3 September 2005",
    "31 September 2008",
    "29 February 2007",
    "29/02/2008",
    "0000-01-01",
    "9999-12-31",
    "32767-12-31",
    "1 January -1",
    "Mon 1 Jan 1",
];

const DATES: &[&str] = &[
    "on 16 July",
    "last Friday",
    "yesterday",
    "next week",
    "in Q3 2009",
    "in the 2008/19 financial year",
    "in 2008/09",
    "early 2009",
    "between March and June 2011",
    "from 2003 to 2005",
    "the following day",
    "two weeks later",
    "in the 1990s",
    "mid-2010s",
    "by the end of the year",
    "in spring 2007",
    "the second half of 2012",
    "on 31/12/9999",
    "in the year 9999",
    "in 65535",
    "on 1 January 1",
    "the week of 28 December 9999",
    "next year",
    "in 99999 years",
    "99999999999999999999 days later",
    "Friday, 3 September",
    "on Sept. 3",
    "3rd of September 2005",
    "FY2009/10",
    "winter 2009/10",
    "Christmas",
    "the weekend",
    "last month",
    "this quarter",
];

const FIGURES: &[&str] = &[
    "£412m",
    "$2.4bn",
    "€3.5 million",
    "£9.6bn",
    "$300m (£160m)",
    "about £400m",
    "1.5%",
    "12 per cent",
    "£",
    "$",
    "%",
    "£.m",
    "$2.37 billion",
    "£96m",
    "1,100 practices",
    "£1,2,3,4bn",
    "99999999999999999999999999%",
    "£0.000000001bn",
    "$1e308bn",
    "-£5m",
    "£5m-£6m",
    "2.4",
    "US$4.5trn",
    "¥300bn",
];

const NAMES: &[&str] = &[
    "Fujitsu",
    "Fujitu",
    "National Programme for IT (NPfIT)",
    "local service provider (LSP)",
    "Connecting for Health [CfH]",
    "Mr Pell",
    "Joanna K. Pell",
    "Dr. Ana Ruiz",
    "Westfield General Hospital NHS Trust",
    "WGH",
    "the Department of Health",
    "Kingston",
    "BT's",
    "O'Neill",
    "Mr ",
    "(",
    ")",
    "[",
];

const BOILERPLATE: &[&str] = &[
    "Subscribe to our newsletter",
    "Related News",
    "Share this article",
    "Comments (3)",
    "Accept cookies",
    "Skip to content",
    "Sign up",
    "Read more:",
];

const WORDS: &[&str] = &[
    "said",
    "signed",
    "was awarded",
    "went live",
    "withdrew",
    "the",
    "company",
    "it",
    "he",
    "told",
    "will",
    "deal",
    "contract",
    "on",
    "in",
    "and",
    "of",
    "a",
    ".",
    ",",
    ";",
    "—",
    "“",
    "”",
    "’",
    "'",
    "\"",
    "•",
    "-",
    "...",
];

/// Awkward characters: line breaks of every kind, NUL, BOM, combining
/// marks, emoji (with ZWJ), CJK, right-to-left, NBSP, line separator.
const ODD: &[&str] = &[
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\r\r",
    "\0",
    "\u{feff}",
    "\u{301}",
    "e\u{301}",
    "😀",
    "👩‍💻",
    "中文",
    "한",
    "ア",
    "עברית",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\t",
    " ",
    "  ",
    "\u{200b}",
    "\u{10ffff}",
    "ǅ",
    "İ",
    "ß",
    "ﬁ",
];

fn pick(list: &'static [&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(list).prop_map(str::to_string).boxed()
}

/// One piece of an article.
pub fn piece() -> BoxedStrategy<String> {
    prop_oneof![
        2 => pick(HEADLINES),
        2 => pick(DATELINES),
        4 => pick(DATES),
        4 => pick(FIGURES),
        4 => pick(NAMES),
        1 => pick(BOILERPLATE),
        6 => pick(WORDS),
        4 => pick(ODD),
        2 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
        1 => "[0-9]{1,6}",
        1 => "[A-Z][a-z]{0,8}",
        1 => "[A-Z]{2,5}",
    ]
    .boxed()
}

/// A separator between pieces: mostly a space, sometimes a line break.
fn separator() -> BoxedStrategy<String> {
    prop_oneof![
        8 => Just(" ".to_string()),
        2 => Just("\n".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => Just("\r".to_string()),
        1 => Just(String::new()),
    ]
    .boxed()
}

/// Article-like text: pieces and separators, up to `max` pieces.
pub fn article(max: usize) -> BoxedStrategy<String> {
    prop::collection::vec((piece(), separator()), 0..max)
        .prop_map(|parts| {
            let mut out = String::new();
            for (p, s) in parts {
                out.push_str(&p);
                out.push_str(&s);
            }
            out
        })
        .boxed()
}

/// Text for line-index tests: short runs of awkward characters.
pub fn lines_text() -> BoxedStrategy<String> {
    prop::collection::vec(
        prop_oneof![
            3 => pick(ODD),
            2 => "[a-z ]{0,4}",
            1 => any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
    .boxed()
}

/// Whether `span` is a well-formed span of `text`.
pub fn check_span(
    text: &str,
    span: &std::ops::Range<usize>,
    what: &str,
) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: {span:?} outside 0..{}",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} not on char boundaries"
    );
    Ok(())
}

/// Whether `inner` lies within `outer`.
pub fn check_inside(
    inner: &std::ops::Range<usize>,
    outer: &std::ops::Range<usize>,
    what: &str,
) -> Result<(), TestCaseError> {
    prop_assert!(
        outer.start <= inner.start && inner.end <= outer.end,
        "{what}: {inner:?} not inside {outer:?}"
    );
    Ok(())
}
