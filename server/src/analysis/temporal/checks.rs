//! The single-article date checks and the `missing-dateline` helpers.

use super::resolve::{find_weekday_in, unanchored};
use super::{
    Anchor, Inferred, Precision, Raw, Resolved, Tense, TimeExpression, YearRef, body_sentences,
    codes, find_expressions,
};
use crate::analysis::article::Article;
use crate::analysis::dates::{DateStyle, find_full_dates, format_date, month_name, weekday_name};
use crate::analysis::findings::{Finding, Fix, Related, Severity, TextEdit};
use jiff::civil::{Date, Weekday};

/// `date-after-publication`, `weekday-mismatch` and `invalid-date` for one
/// article. `publication` is the date to read the article against and
/// whether it was inferred (then `date-after-publication` is not checked,
/// and yearless weekday dates are not either).
pub fn date_checks(
    text: &str,
    article: &Article,
    publication: Option<(Date, bool)>,
) -> Vec<Finding> {
    let exprs = find_expressions(text, &body_sentences(article));
    let anchor = publication.map(|(date, inferred)| Anchor { date, inferred });
    let resolved: Vec<Resolved> = match &anchor {
        Some(a) => super::resolved_against(text, exprs, a),
        None => exprs
            .into_iter()
            .map(|expr| Resolved {
                resolution: unanchored(text, &expr),
                expr,
            })
            .collect(),
    };
    checks_for(text, article, anchor, &resolved)
}

/// The checks over already-resolved expressions (see [`super::analyse`]).
pub fn checks_for(
    text: &str,
    article: &Article,
    anchor: Option<Anchor>,
    resolved: &[Resolved],
) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(d) = &article.dateline
        && let Some(w) = d.stated_weekday
        && d.date.weekday() != w
    {
        let wspan = find_weekday_in(text, d.span.clone(), w);
        let style = find_full_dates(text.get(d.date_span.clone()).unwrap_or(""))
            .first()
            .map_or(DateStyle::DayMonthYear, |m| m.style);
        let span = wspan.clone().map_or(d.span.clone(), |ws| {
            ws.start.min(d.date_span.start)..d.date_span.end.max(ws.end)
        });
        out.push(weekday_finding(
            text,
            span,
            wspan,
            d.date_span.clone(),
            d.date,
            w,
            DateWriting::Full(style),
        ));
    }
    bad_financial_years(text, article, &mut out);
    for r in resolved {
        let e = &r.expr;
        invalid(text, e, anchor, r, &mut out);
        mismatch(text, e, anchor, r, &mut out);
        after_publication(text, article, e, anchor, r, &mut out);
    }
    out
}

fn invalid(
    text: &str,
    e: &TimeExpression,
    anchor: Option<Anchor>,
    r: &Resolved,
    out: &mut Vec<Finding>,
) {
    let Raw::Date { year, month, day } = e.raw else {
        return;
    };
    let surface = text.get(e.span.clone()).unwrap_or("");
    let name = month_name(month).unwrap_or("");
    // Days no year has: 31 September, 30 February.
    let max_any = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let message = if day > max_any {
        Some(format!(
            "‘{surface}’ is not a date: {name} has {max_any} days"
        ))
    } else if month == 2 && day == 29 {
        let y = match year {
            YearRef::Stated(y) => Some(i32::from(y)),
            YearRef::Unstated if anchor.is_some_and(|a| !a.inferred) => r
                .resolution
                .timex
                .as_ref()
                .and_then(|t| t.value.get(..4)?.parse::<i32>().ok()),
            _ => None,
        };
        match y {
            Some(y) if !is_leap(y) => Some(match year {
                YearRef::Stated(_) => format!(
                    "‘{surface}’ is not a date: {y} is not a leap year, so February has 28 days"
                ),
                _ => format!(
                    "‘{surface}’ is read as {y}, which is not a leap year: February {y} has 28 days"
                ),
            }),
            _ => None,
        }
    } else {
        None
    };
    if let Some(m) = message {
        out.push(Finding::new(
            codes::INVALID_DATE,
            Severity::Error,
            e.span.clone(),
            m,
        ));
    }
}

/// `2008/19` for `2008/09`: a slash financial year (`YYYY/YY`, `YYYY/YYYY`)
/// whose second year does not follow the first. The dash form is left
/// alone: `2008-11` may be November 2008.
fn bad_financial_years(text: &str, article: &Article, out: &mut Vec<Finding>) {
    static FY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b((?:19|20)\d\d)/(\d\d(?:\d\d)?)\b").expect("valid regex")
    });
    // Reference numbers, not years: `Directive 2008/98/EC`, `HSC 1998/019`.
    const NUMBERED: &[&str] = &[
        "directive",
        "regulation",
        "regulations",
        "circular",
        "no",
        "number",
        "ref",
        "reference",
        "case",
        "order",
        "application",
    ];
    for sentence in body_sentences(article) {
        let Some(s) = text.get(sentence.clone()) else {
            continue;
        };
        for m in FY.captures_iter(s) {
            let (Some(whole), Some(a), Some(b)) = (m.get(0), m.get(1), m.get(2)) else {
                continue;
            };
            let after = &s[whole.end()..];
            let before = &s[..whole.start()];
            if after.starts_with(['/', '-'])
                && after[1..].starts_with(|c: char| c.is_alphanumeric())
                || before.ends_with(['/', '-', '.'])
            {
                continue;
            }
            let prev = before
                .trim_end()
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let acronym = prev.len() >= 2 && prev.chars().all(|c| c.is_ascii_uppercase());
            if acronym || NUMBERED.iter().any(|w| prev.eq_ignore_ascii_case(w)) {
                continue;
            }
            let (Ok(y), Ok(second)) = (a.as_str().parse::<i32>(), b.as_str().parse::<i32>()) else {
                continue;
            };
            let meant = if b.len() == 2 {
                let next = (y + 1) % 100;
                if second == next {
                    continue;
                }
                format!("{y}/{next:02}")
            } else {
                if second == y + 1 {
                    continue;
                }
                format!("{y}/{}", y + 1)
            };
            let span = sentence.start + whole.start()..sentence.start + whole.end();
            let mut f = Finding::new(
                codes::INVALID_DATE,
                Severity::Error,
                span.clone(),
                format!("‘{}’ is not a financial year: {meant}?", whole.as_str()),
            );
            f.fixes.push(Fix {
                title: format!("Change to ‘{meant}’"),
                edits: vec![TextEdit {
                    span,
                    new_text: meant,
                }],
                file: None,
            });
            out.push(f);
        }
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// How the date part was written, to write a corrected one alike.
#[derive(Clone, Copy)]
enum DateWriting {
    Full(DateStyle),
    DayFirst,
    MonthFirst,
}

fn mismatch(
    text: &str,
    e: &TimeExpression,
    anchor: Option<Anchor>,
    r: &Resolved,
    out: &mut Vec<Finding>,
) {
    let Some((w, wspan)) = e.weekday.clone() else {
        return;
    };
    let Raw::Date { year, .. } = e.raw else {
        return;
    };
    if e.range_end.is_some() {
        return;
    }
    let date = match year {
        YearRef::Stated(_) => e.full_date.as_ref().and_then(|d| d.date()),
        // A yearless date: only against a dateline.
        _ if anchor.is_some_and(|a| !a.inferred) => r
            .resolution
            .timex
            .as_ref()
            .filter(|t| t.precision == Precision::Day)
            .and_then(|t| t.period)
            .map(|(d, _)| d)
            .filter(|d| e.raw_day_matches(*d)),
        _ => None,
    };
    let Some(date) = date else { return };
    if date.weekday() == w {
        return;
    }
    let date_start = text
        .get(wspan.end..e.span.end)
        .unwrap_or("")
        .find(|c: char| c.is_alphanumeric())
        .map_or(wspan.end, |i| wspan.end + i);
    let date_span = match &e.full_date {
        Some(d) => d.span.clone(),
        None => date_start..e.span.end,
    };
    let writing = match &e.full_date {
        Some(d) => DateWriting::Full(d.style),
        None if text
            .get(date_span.clone())
            .unwrap_or("")
            .starts_with(|c: char| c.is_ascii_digit()) =>
        {
            DateWriting::DayFirst
        }
        None => DateWriting::MonthFirst,
    };
    out.push(weekday_finding(
        text,
        e.span.clone(),
        Some(wspan),
        date_span,
        date,
        w,
        writing,
    ));
}

impl TimeExpression {
    fn raw_day_matches(&self, d: Date) -> bool {
        matches!(self.raw, Raw::Date { month, day, .. } if month == d.month() && day == d.day())
    }
}

fn weekday_finding(
    text: &str,
    span: crate::analysis::Span,
    wspan: Option<crate::analysis::Span>,
    date_span: crate::analysis::Span,
    date: Date,
    stated: Weekday,
    writing: DateWriting,
) -> Finding {
    let real = date.weekday();
    let written = format_date(date, DateStyle::DayMonthYear);
    let message = format!(
        "‘{}’: {written} was a {}, not a {}",
        text.get(span.clone()).unwrap_or(""),
        weekday_name(real),
        weekday_name(stated)
    );
    let mut f = Finding::new(codes::WEEKDAY_MISMATCH, Severity::Warning, span, message);
    if let Some(ws) = wspan {
        let abbreviated = text.get(ws.clone()).unwrap_or("").len() <= 4;
        let name = if abbreviated {
            &weekday_name(real)[..3]
        } else {
            weekday_name(real)
        };
        f.fixes.push(Fix {
            title: format!("Change the weekday to {}", weekday_name(real)),
            edits: vec![TextEdit {
                span: ws,
                new_text: name.to_string(),
            }],
            file: None,
        });
    }
    // The nearest date with the stated weekday (never a tie: offsets -3..=3).
    let nearest = (-3i64..=3)
        .filter_map(|n| date.checked_add(jiff::Span::new().days(n)).ok())
        .find(|d| d.weekday() == stated);
    if let Some(n) = nearest {
        let new_text = match writing {
            DateWriting::Full(style) => format_date(n, style),
            DateWriting::DayFirst => format!("{} {}", n.day(), month_name(n.month()).unwrap_or("")),
            DateWriting::MonthFirst => {
                format!("{} {}", month_name(n.month()).unwrap_or(""), n.day())
            }
        };
        f.fixes.push(Fix {
            title: format!(
                "Change the date to {} {}",
                weekday_name(stated),
                format_date(n, DateStyle::DayMonthYear)
            ),
            edits: vec![TextEdit {
                span: date_span,
                new_text,
            }],
            file: None,
        });
    }
    f
}

fn after_publication(
    text: &str,
    article: &Article,
    e: &TimeExpression,
    anchor: Option<Anchor>,
    r: &Resolved,
    out: &mut Vec<Finding>,
) {
    let Some(anchor) = anchor.filter(|a| !a.inferred) else {
        return;
    };
    if r.resolution.tense != Tense::Past || e.is_relative() || attributive(text, e) {
        return;
    }
    if matches!(
        e.raw,
        Raw::Vague(_) | Raw::Anaphoric { .. } | Raw::TurnOfYear
    ) {
        return;
    }
    let Some(t) = &r.resolution.timex else { return };
    let Some((first, _)) = t.bounds() else { return };
    if first <= anchor.date {
        return;
    }
    let pub_text = format_date(anchor.date, DateStyle::DayMonthYear);
    let cue = r
        .resolution
        .tense_cue
        .as_deref()
        .map_or(String::new(), |c| format!(" (‘{c}’)"));
    let message = format!(
        "‘{}’ ({}) is after this article’s publication date, {pub_text}, but is told in the past tense{cue}",
        text.get(e.span.clone()).unwrap_or(""),
        t.value
    );
    let mut f = Finding::new(
        codes::DATE_AFTER_PUBLICATION,
        Severity::Warning,
        e.span.clone(),
        message,
    );
    if let Some(d) = &article.dateline {
        f.related.push(Related {
            file: None,
            span: d.date_span.clone(),
            message: format!("published {pub_text}"),
        });
    }
    out.push(f);
}

/// `the 2010 target`, `its October launch`: a date that qualifies a noun,
/// not the time of the clause's event.
fn attributive(text: &str, e: &TimeExpression) -> bool {
    let before = text.get(e.sentence.start..e.span.start).unwrap_or("");
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    [
        "the", "a", "an", "its", "their", "his", "her", "our", "this", "that",
    ]
    .iter()
    .any(|d| word.eq_ignore_ascii_case(d))
}

/// The `missing-dateline` message, naming the inferred interval if there
/// is one: "probably published between March and June 2011 (evidence)".
pub fn missing_dateline_message(article: &Article, inferred: Option<&Inferred>) -> String {
    let base = if article.headline.is_some() {
        "article has no dateline"
    } else {
        "article has no headline and no dateline"
    };
    match inferred {
        Some(i) if i.earliest.is_none() && i.latest.is_none() => format!(
            "{base}: its own dates do not bound its publication; the best guess is {} {} ({})",
            month_name(i.date.month()).unwrap_or(""),
            i.date.year(),
            i.evidence
        ),
        Some(i) => format!(
            "{base}: from its own dates it was probably published {} ({})",
            i.published_phrase(),
            i.evidence
        ),
        None => format!("{base}: its publication date is unknown"),
    }
}

/// The quick fix for `missing-dateline`: insert a dateline, only when the
/// article's dates pin publication to one day.
pub fn missing_dateline_fix(
    text: &str,
    article: &Article,
    inferred: &Inferred,
    style_example: Option<&str>,
) -> Option<Fix> {
    let day = inferred.earliest.filter(|e| Some(*e) == inferred.latest)?;
    let edit = dateline_insertion(text, article, day, style_example);
    Some(Fix {
        title: format!("Insert the dateline ‘{}’", edit.new_text.trim()),
        edits: vec![edit],
        file: None,
    })
}

/// An edit inserting a dateline for `date` after the headline (or at the
/// top), written like `style_example` — a dateline line of another article
/// of the corpus, e.g. `  • 15 July 2008` — or else as `2 September 2005`.
pub fn dateline_insertion(
    text: &str,
    article: &Article,
    date: Date,
    style_example: Option<&str>,
) -> TextEdit {
    let line = style_example
        .map(|ex| ex.trim_end_matches(['\r', '\n']))
        .and_then(|ex| {
            let m = find_full_dates(ex).into_iter().next()?;
            let mut new = String::new();
            new.push_str(&ex[..m.full_span().start]);
            if let Some(ws) = &m.weekday_span {
                let written = &ex[ws.clone()];
                let name = weekday_name(date.weekday());
                new.push_str(if written.len() <= 4 { &name[..3] } else { name });
                new.push_str(&ex[ws.end..m.span.start]);
            }
            new.push_str(&format_date(date, m.style));
            new.push_str(&ex[m.span.end..]);
            Some(new)
        })
        .unwrap_or_else(|| format_date(date, DateStyle::DayMonthYear));
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    match &article.headline {
        Some(h) => {
            let hend = h.span.end.min(text.len());
            let end = text
                .get(hend..)
                .unwrap_or("")
                .find(['\n', '\r'])
                .map_or(text.len(), |i| hend + i);
            // After a setext underline, if there is one.
            let after = &text[end..];
            let next_line_end = {
                let rest = after.trim_start_matches(['\r', '\n']);
                let skipped = after.len() - rest.len();
                let first_break = after.find(['\n', '\r']).unwrap_or(after.len());
                let one_break = after.get(first_break..).map_or(0, |s| {
                    if s.starts_with("\r\n") {
                        2
                    } else if s.is_empty() {
                        0
                    } else {
                        1
                    }
                });
                if skipped == one_break
                    && let Some(l) = rest.lines().next()
                    && l.len() >= 3
                    && (l.bytes().all(|b| b == b'=') || l.bytes().all(|b| b == b'-'))
                {
                    Some(end + skipped + l.len())
                } else {
                    None
                }
            };
            let at = next_line_end.unwrap_or(end);
            TextEdit {
                span: at..at,
                new_text: format!("{nl}{nl}{line}"),
            }
        }
        None => {
            let at = text.len() - text.trim_start().len();
            // Back to the start of that line.
            let at = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            TextEdit {
                span: at..at,
                new_text: format!("{line}{nl}{nl}"),
            }
        }
    }
}
