//! Date recognition and normalisation quality, on articles written for
//! evaluation (`tests/dates/eval/*.txt` with `*.gold`: one
//! `surface<TAB>value` line per date expression of the body, in order),
//! plus the seed smoke tests and the conflict fixtures
//! (`tests/dates/conflicts/NAME/*.txt` with `expected.txt`).
//!
//! Articles named `h*` are held out: written after the rules were tuned.
//! They count in the totals and are also reported on their own.

use corpus_lsp::analysis::article::Article;
use corpus_lsp::analysis::temporal::{self, analyse, date_checks, infer_publication_date};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const DETECTION_F1_BAR: f64 = 0.92;
const VALUE_ACCURACY_BAR: f64 = 0.90;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/dates")
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// The gold spans: each surface found in order after the previous one,
/// on word boundaries, after the dateline.
fn gold_spans(
    text: &str,
    start: usize,
    gold: &[(String, String)],
) -> Vec<(std::ops::Range<usize>, String)> {
    let mut at = start;
    let mut out = Vec::new();
    for (surface, value) in gold {
        let mut from = at;
        let found = loop {
            let Some(i) = text[from..].find(surface.as_str()) else {
                break None;
            };
            let s = from + i;
            let e = s + surface.len();
            let before = text[..s].chars().next_back().is_none_or(|c| !is_word(c));
            let after = text[e..].chars().next().is_none_or(|c| !is_word(c));
            if before && after {
                break Some(s..e);
            }
            from = s + surface.chars().next().map_or(1, char::len_utf8);
        };
        let span = found.unwrap_or_else(|| panic!("gold surface {surface:?} not found in order"));
        at = span.end;
        out.push((span, value.clone()));
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Score {
    gold: usize,
    predicted: usize,
    matched: usize,
    values: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.values += o.values;
    }
    fn p(&self) -> f64 {
        self.matched as f64 / self.predicted.max(1) as f64
    }
    fn r(&self) -> f64 {
        self.matched as f64 / self.gold.max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn value_accuracy(&self) -> f64 {
        self.values as f64 / self.matched.max(1) as f64
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name}: gold {} predicted {} | detection P {:.3} R {:.3} F1 {:.3} | value accuracy {:.3} ({}/{})",
            self.gold,
            self.predicted,
            self.p(),
            self.r(),
            self.f1(),
            self.value_accuracy(),
            self.values,
            self.matched
        )
    }
}

fn score_file(txt: &Path, report: &mut String) -> Score {
    let text = fs::read_to_string(txt).unwrap();
    let gold_text = fs::read_to_string(txt.with_extension("gold")).unwrap();
    let gold: Vec<(String, String)> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (s, v) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("bad gold line {l:?}"));
            (s.to_string(), v.trim().to_string())
        })
        .collect();
    let article = Article::parse(&text);
    let dateline = article
        .dateline
        .as_ref()
        .unwrap_or_else(|| panic!("{}: no dateline", txt.display()));
    let gold = gold_spans(&text, dateline.span.end, &gold);
    let dates = analyse(&text, &article);
    let predicted: Vec<(std::ops::Range<usize>, String, String)> = dates
        .expressions
        .iter()
        .map(|r| {
            let v = r
                .resolution
                .timex
                .as_ref()
                .map_or("-".to_string(), |t| t.value.clone());
            (r.expr.span.clone(), v, r.resolution.explanation.clone())
        })
        .collect();
    let mut s = Score {
        gold: gold.len(),
        predicted: predicted.len(),
        ..Score::default()
    };
    let name = txt.file_name().unwrap().to_string_lossy().to_string();
    for (span, value) in &gold {
        match predicted.iter().find(|(p, _, _)| p == span) {
            Some((_, v, why)) => {
                s.matched += 1;
                if v == value {
                    s.values += 1;
                } else {
                    report.push_str(&format!(
                        "  {name}: value ‘{}’ gold {value} got {v}: {why}\n",
                        &text[span.clone()]
                    ));
                }
            }
            None => report.push_str(&format!(
                "  {name}: missed ‘{}’ ({value})\n",
                &text[span.clone()]
            )),
        }
    }
    for (span, v, _) in &predicted {
        if !gold.iter().any(|(g, _)| g == span) {
            report.push_str(&format!(
                "  {name}: spurious ‘{}’ ({v})\n",
                &text[span.clone()]
            ));
        }
    }
    s
}

#[test]
fn evaluation_meets_the_bar() {
    let dir = root().join("eval");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let (mut all, mut tuned, mut held) = (Score::default(), Score::default(), Score::default());
    let mut report = String::new();
    for f in &files {
        let s = score_file(f, &mut report);
        all.add(s);
        if f.file_name().unwrap().to_string_lossy().starts_with('h') {
            held.add(s);
        } else {
            tuned.add(s);
        }
    }
    println!("{report}");
    println!("{}", tuned.line("written before tuning"));
    println!("{}", held.line("held out (written after tuning)"));
    println!("{}", all.line("all"));
    assert!(
        files.len() >= 13,
        "need at least 10 tuned + 3 held-out articles"
    );
    assert!(
        held.gold >= 20,
        "the held-out articles must hold enough dates"
    );
    assert!(
        all.f1() >= DETECTION_F1_BAR,
        "detection F1 {:.3} below {DETECTION_F1_BAR}",
        all.f1()
    );
    assert!(
        all.value_accuracy() >= VALUE_ACCURACY_BAR,
        "value accuracy {:.3} below {VALUE_ACCURACY_BAR}",
        all.value_accuracy()
    );
}

fn seed(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    let path = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap();
    fs::read_to_string(path).unwrap()
}

fn checks_of(text: &str) -> Vec<corpus_lsp::analysis::findings::Finding> {
    let article = Article::parse(text);
    let dates = analyse(text, &article);
    let publication = dates.anchor.map(|a| (a.date, a.inferred));
    date_checks(text, &article, publication)
}

fn value_of(text: &str, surface: &str) -> Option<String> {
    let article = Article::parse(text);
    analyse(text, &article)
        .expressions
        .into_iter()
        .find(|r| &text[r.expr.span.clone()] == surface)
        .and_then(|r| r.resolution.timex.map(|t| t.value))
}

#[test]
fn seed_000_sixteen_july_is_after_publication() {
    let text = seed("000");
    let findings = checks_of(&text);
    let after: Vec<_> = findings
        .iter()
        .filter(|f| f.code == temporal::codes::DATE_AFTER_PUBLICATION)
        .collect();
    assert_eq!(after.len(), 1, "{findings:#?}");
    assert_eq!(&text[after[0].span.clone()], "16 July");
    assert!(
        after[0].message.contains("15 July 2008"),
        "{}",
        after[0].message
    );
    assert_eq!(after[0].related.len(), 1);
    assert_eq!(&text[after[0].related[0].span.clone()], "15 July 2008");
    assert_eq!(value_of(&text, "16 July").as_deref(), Some("2008-07-16"));
}

#[test]
fn seed_000_by_november_and_next_month() {
    let text = seed("000");
    assert_eq!(value_of(&text, "November").as_deref(), Some("2008-11"));
    assert_eq!(value_of(&text, "next month").as_deref(), Some("2008-08"));
    assert_eq!(value_of(&text, "August").as_deref(), Some("2008-08"));
    assert_eq!(value_of(&text, "28 May").as_deref(), Some("2008-05-28"));
    assert_eq!(value_of(&text, "two years ago").as_deref(), Some("2006"));
    let findings = checks_of(&text);
    let november = text.find("by November").unwrap() + 3;
    assert!(
        !findings.iter().any(|f| f.span.start == november),
        "{findings:#?}"
    );
}

#[test]
fn seed_002_publication_year_is_inferred_as_2005() {
    let text = seed("002");
    let article = Article::parse(&text);
    assert!(article.dateline.is_none());
    let inferred = infer_publication_date(&text, &article).expect("an inferred date");
    assert_eq!(inferred.date.year(), 2005, "{inferred:?}");
    assert!(
        inferred.evidence.contains("Friday, 2 September"),
        "{}",
        inferred.evidence
    );
    assert_eq!(
        value_of(&text, "Friday, 2 September").as_deref(),
        Some("2005-09-02")
    );
    let message = temporal::missing_dateline_message(&article, Some(&inferred));
    assert!(message.contains("2 September 2005"), "{message}");
}

#[test]
fn only_seed_000_has_a_date_after_publication() {
    for name in ["001", "002", "003", "004"] {
        let text = seed(name);
        let findings = checks_of(&text);
        assert!(
            !findings
                .iter()
                .any(|f| f.code == temporal::codes::DATE_AFTER_PUBLICATION),
            "{name}: {findings:#?}"
        );
    }
    // 001: "suspended design ... since 17 August" is before 6 September 2007.
    assert_eq!(
        value_of(&seed("001"), "17 August").as_deref(),
        Some("2007-08-17")
    );
    assert_eq!(
        value_of(&seed("001"), "early next year").as_deref(),
        Some("2008")
    );
}

#[test]
fn seeds_have_no_weekday_or_invalid_date_findings() {
    for name in ["000", "001", "002", "003", "004"] {
        let text = seed(name);
        let findings = checks_of(&text);
        assert!(
            !findings
                .iter()
                .any(|f| f.code == temporal::codes::WEEKDAY_MISMATCH
                    || f.code == temporal::codes::INVALID_DATE),
            "{name}: {findings:#?}"
        );
    }
}

#[test]
fn seed_003_uses_no_boilerplate_dates() {
    let text = seed("003");
    let article = Article::parse(&text);
    // "11 February 2009" sits in a related-links line: not body, not evidence.
    let dates = analyse(&text, &article);
    assert!(
        dates
            .expressions
            .iter()
            .all(|r| &text[r.expr.span.clone()] != "11 February 2009")
    );
    assert!(
        infer_publication_date(&text, &article)
            .is_none_or(|i| !i.evidence.contains("11 February 2009"))
    );
}

// ---------------------------------------------------------------- conflicts

/// Each conflict fixture loaded as a corpus: the `conflicting-event-date`
/// findings, as `FILE:DATE` pairs, must be the expected ones.
#[test]
fn conflict_fixtures() {
    let dir = root().join("conflicts");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "need several conflict fixtures");
    let mut with_conflicts = 0;
    let mut without = 0;
    for case in cases {
        let corpus = corpus_lsp::corpus::Corpus::load(case.clone(), &|_, _| {});
        let mut found = BTreeSet::new();
        for entry in corpus.articles() {
            let name = entry
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            for f in corpus.findings(&entry.path) {
                if f.code != temporal::codes::CONFLICTING_EVENT_DATE {
                    continue;
                }
                assert!(!f.related.is_empty(), "{}", f.message);
                found.insert(format!("{name}:{}", &entry.text[f.span.clone()]));
            }
        }
        let expected: BTreeSet<String> = fs::read_to_string(case.join("expected.txt"))
            .unwrap()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && *l != "none")
            .flat_map(|l| {
                // `kind a.txt:DATE | b.txt:DATE`: both sides are warned.
                let sides = l.split_once(' ').map_or(l, |(_, rest)| rest);
                sides
                    .split(" | ")
                    .map(|s| s.trim().to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(found, expected, "{}", case.display());
        if expected.is_empty() {
            without += 1;
        } else {
            with_conflicts += 1;
        }
    }
    assert!(
        with_conflicts >= 2 && without >= 2,
        "need both real conflicts and near-misses"
    );
}

// ---------------------------------------------------------------- undated

/// Publication-date inference on undated articles (`tests/dates/undated/`,
/// the truth in `truth.tsv`). Per article:
/// - *right month*: the best guess (`Inferred::date`) is in the true month;
/// - *contains*: the interval (`earliest..=latest`, `None` unbounded)
///   contains the true date (no inference at all: unbounded, contains);
/// - *confident wrong*: a confident interval (≤ 31 days) that misses the
///   true date, or a `Day`/`Month` precision whose guess is in the wrong
///   month — the outcome to avoid.
#[derive(Default)]
struct Dating {
    articles: usize,
    right_month: usize,
    contains: usize,
    confident: usize,
    confident_wrong: usize,
    bounded: usize,
}

impl Dating {
    fn pct(n: usize, of: usize) -> f64 {
        100.0 * n as f64 / of.max(1) as f64
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name}: {} articles | right month {:.0}% ({}) | interval contains truth {:.0}% ({}) | confident {} | confident wrong {} | bounded both sides {}",
            self.articles,
            Self::pct(self.right_month, self.articles),
            self.right_month,
            Self::pct(self.contains, self.articles),
            self.contains,
            self.confident,
            self.confident_wrong,
            self.bounded
        )
    }
}

/// The files a truth file lists.
fn files_in(truth: &str) -> BTreeSet<&str> {
    truth
        .lines()
        .filter_map(|l| l.split_once('\t').map(|(f, _)| f))
        .collect()
}

#[test]
fn undated_inference_meets_the_bar() {
    let dir = root().join("undated");
    // `truth.tsv`: the tuning set and the first held-out set (`h1`–`h7`);
    // `truth_heldout2.tsv`: a second held-out set (`h8`–), written before
    // the page's furniture and the weighed guess were, and scored only
    // once they were done; `truth_tuning2.tsv`: a second tuning set
    // (`15`–), written in other outlets' styles to find what misleads the
    // guess before the story mixture, data periods and modal futures.
    let truth = fs::read_to_string(dir.join("truth.tsv")).unwrap();
    let second = fs::read_to_string(dir.join("truth_heldout2.tsv")).unwrap();
    let tuning2 = fs::read_to_string(dir.join("truth_tuning2.tsv")).unwrap();
    // `truth_heldout3.tsv`: a third held-out set (`h16`–), written before
    // any change of the third round of tuning and scored once before it
    // and once after.
    let third = fs::read_to_string(dir.join("truth_heldout3.tsv")).unwrap();
    let in_second = files_in(&second);
    let in_tuning2 = files_in(&tuning2);
    // `truth_tuning3.tsv`: a third tuning set (`21`–) for that round.
    let tuning3 = fs::read_to_string(dir.join("truth_tuning3.tsv")).unwrap();
    let in_third = files_in(&third);
    let in_tuning3 = files_in(&tuning3);
    // `truth_heldout4.tsv`: a fourth held-out set (`h26`–), written before
    // the fourth round of tuning (yearless months and other cyclic clues)
    // and scored once before it and once after.
    let fourth = fs::read_to_string(dir.join("truth_heldout4.tsv")).unwrap();
    let in_fourth = files_in(&fourth);
    // `truth_heldout5.tsv`: a fifth held-out set (`h34`–), written before
    // the fifth round of tuning (lone tense readings bound softly) and
    // scored once before it and once after.
    let fifth = fs::read_to_string(dir.join("truth_heldout5.tsv")).unwrap();
    let in_fifth = files_in(&fifth);
    let (mut tuned, mut tuned2, mut tuned3, mut held, mut held2, mut held3, mut held4, mut held5) = (
        Dating::default(),
        Dating::default(),
        Dating::default(),
        Dating::default(),
        Dating::default(),
        Dating::default(),
        Dating::default(),
        Dating::default(),
    );
    let mut report = String::new();
    for line in truth
        .lines()
        .chain(second.lines())
        .chain(tuning2.lines())
        .chain(third.lines())
        .chain(tuning3.lines())
        .chain(fourth.lines())
        .chain(fifth.lines())
        .filter(|l| !l.trim().is_empty())
    {
        let (file, day) = line.split_once('\t').unwrap();
        let truth: jiff::civil::Date = day.trim().parse().unwrap();
        let text = fs::read_to_string(dir.join(file)).unwrap();
        let article = Article::parse(&text);
        assert!(article.dateline.is_none(), "{file} has a dateline");
        // What the product takes the date to be: the body's dates and the
        // page's furniture (stamps, links).
        let inferred = analyse(&text, &article).inferred;
        let s = if in_second.contains(file) {
            &mut held2
        } else if in_third.contains(file) {
            &mut held3
        } else if in_fourth.contains(file) {
            &mut held4
        } else if in_fifth.contains(file) {
            &mut held5
        } else if in_tuning3.contains(file) {
            &mut tuned3
        } else if in_tuning2.contains(file) {
            &mut tuned2
        } else if file.starts_with('h') {
            &mut held
        } else {
            &mut tuned
        };
        s.articles += 1;
        let Some(i) = inferred else {
            s.contains += 1;
            report.push_str(&format!("  {file}: truth {truth} | nothing inferred\n"));
            continue;
        };
        let month = |d: jiff::civil::Date| (d.year(), d.month());
        let right_month = month(i.date) == month(truth);
        let contains = i.earliest.is_none_or(|e| e <= truth) && i.latest.is_none_or(|l| truth <= l);
        let confident = i.is_confident();
        let claims_month = matches!(
            i.precision,
            temporal::Precision::Day | temporal::Precision::Month
        );
        let wrong = (confident && !contains) || (claims_month && !right_month);
        s.right_month += usize::from(right_month);
        s.contains += usize::from(contains);
        s.confident += usize::from(confident);
        s.confident_wrong += usize::from(wrong);
        s.bounded += usize::from(i.earliest.is_some() && i.latest.is_some());
        report.push_str(&format!(
            "  {file}: truth {truth} | guess {} ({:?}) | {} | {}{}{}\n      {}\n",
            i.date,
            i.precision,
            i.describe(),
            if right_month {
                "right month"
            } else {
                "wrong month"
            },
            if contains { ", contains" } else { ", MISSES" },
            if wrong { ", CONFIDENT WRONG" } else { "" },
            i.evidence
        ));
    }
    println!("{report}");
    println!("{}", tuned.line("tuning"));
    println!("{}", tuned2.line("tuning, second set"));
    println!("{}", tuned3.line("tuning, third set"));
    println!("{}", held.line("held out (written after tuning)"));
    println!("{}", held2.line("held out, second set"));
    println!("{}", held3.line("held out, third set"));
    println!("{}", held4.line("held out, fourth set"));
    println!("{}", held5.line("held out, fifth set"));
    let sets = [
        &tuned, &tuned2, &tuned3, &held, &held2, &held3, &held4, &held5,
    ];
    let sum = |f: fn(&Dating) -> usize| sets.iter().map(|s| f(s)).sum();
    let all = Dating {
        articles: sum(|s| s.articles),
        right_month: sum(|s| s.right_month),
        contains: sum(|s| s.contains),
        confident: sum(|s| s.confident),
        confident_wrong: sum(|s| s.confident_wrong),
        bounded: sum(|s| s.bounded),
    };
    println!("{}", all.line("all"));
    assert!(
        all.articles >= 20 && held.articles >= 6,
        "need ≥ 20 articles, ~1/3 held out"
    );
    // Measured: tuning 7/14 right month (was 3/14 before the guess
    // weighed its clues), 14/14 contain the truth; first held-out set 1/7
    // and 6/7; second held-out set (scored once the page's furniture and
    // the weighed guess were done) 4/8 and 7/8 with one confident wrong —
    // a "last updated" line read as the body's past, since fixed: 4/8 and
    // 8/8, none. Then tuning 8/14 and 14/14 (a results period's end, `payable
    // in May`); first held-out set 1/7 and 7/7 (a period some figures cover
    // no longer bounds); second tuning set 0/6 and 6/6 (one missed before
    // that). Third held-out set, before the third round of tuning: 2/10
    // and 10/10, none confident. Third round (a third tuning set, 2/10 and
    // 9/10 before it): tuning 9/14 and 14/14, second tuning set 1/6 and
    // 6/6, third 5/10 and 10/10; held out, scored once at the end: first
    // set 1/7 and 7/7, second 4/8 and 8/8, third 3/10 and 10/10, none
    // confident. Fourth held-out set, before the fourth round of tuning
    // (yearless dates either side of publication fit one year; a yearless
    // month told as past or ahead is not publication's; a year written
    // ahead is mostly written before it; what a story follows is past; an
    // order's deadline is ahead; a report still ahead comes after
    // publication): 1/8 and 6/8, none confident. After it: tuning 9/14,
    // second tuning set 2/6, third 7/10, all containing the truth; held
    // out, scored once at the end: first set 1/7, second 4/8, third 4/10,
    // all containing the truth; fourth 1/8 and 6/8 (`handled ... in
    // 2012-13, and it won't say` read as ahead, and a quote's `we were told
    // 2008, then 2009, now 2011` as past, each bound it wrongly), none
    // confident. Fifth held-out set, before the fifth round of tuning:
    // 0/8 and 7/8 (`the most realistic date for completion was now
    // 2014-15`, a reported future, read as past), none confident. After
    // the fifth round (a year or month told once bounds softly, refusals to
    // tell date nothing, dates a promise named and a plan's date are no
    // telling's): every set's right month unchanged and every interval
    // contains the truth (fourth set 8/8, was 6/8); fifth set, scored once
    // at the end, 0/8 and 8/8; none confident. Bars are raised as
    // inference improves, never lowered.
    for (name, s, month, contains) in [
        ("tuning", &tuned, 64.0, 99.0),
        ("tuning, second set", &tuned2, 33.0, 99.0),
        ("tuning, third set", &tuned3, 70.0, 99.0),
        ("held out", &held, 14.0, 99.0),
        ("held out, second set", &held2, 50.0, 99.0),
        ("held out, third set", &held3, 40.0, 99.0),
        ("held out, fourth set", &held4, 12.0, 99.0),
        ("held out, fifth set", &held5, 0.0, 99.0),
    ] {
        assert!(
            Dating::pct(s.right_month, s.articles) >= month,
            "{name}: right month below {month}%"
        );
        assert!(
            Dating::pct(s.contains, s.articles) >= contains,
            "{name}: interval contains the truth below {contains}%"
        );
        assert!(s.confident_wrong == 0, "{name}: a confident wrong date");
    }
}
