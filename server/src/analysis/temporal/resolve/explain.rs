//! The sentence that says how a value was read.

use super::surface;
use super::values::days_between;
use crate::analysis::Span;
use crate::analysis::dates::{DateStyle, format_date, month_name};
use crate::analysis::temporal::lexicon::Toks;
use crate::analysis::temporal::{Anchor, Modifier, Precision, Raw, Tense, TimeExpression, Timex};
use jiff::civil::{Date, Weekday};

pub(super) fn explain(
    text: &str,
    expr: &TimeExpression,
    anchor: &Anchor,
    tense: Tense,
    cue: Option<&str>,
    timex: Option<&Timex>,
) -> String {
    let s = surface(text, expr);
    let against = if anchor.inferred {
        format!(
            "the inferred publication date, {}",
            format_date(anchor.date, DateStyle::DayMonthYear)
        )
    } else {
        format!(
            "the dateline {}",
            format_date(anchor.date, DateStyle::DayMonthYear)
        )
    };
    let Some(t) = timex else {
        return match expr.raw {
            Raw::Anaphoric { .. } => {
                format!("‘{s}’ refers to an earlier date, but none comes before it")
            }
            _ => format!("‘{s}’ is not a calendar date"),
        };
    };
    let relation = relation(t, anchor.date);
    if t.precision == Precision::Vague {
        return format!(
            "‘{s}’ is a vague reference ({}) with no calendar value",
            t.value
        );
    }
    if !expr.is_underspecified() {
        return format!("‘{s}’: {relation}");
    }
    let how = match (tense, cue) {
        (Tense::Neutral, _) if expr.is_relative() => String::new(),
        (Tense::Neutral, _) => " (no tense: the nearest)".to_string(),
        (t, Some(c)) => format!(" ({} tense: ‘{c}’)", t.as_str()),
        (t, None) => format!(" ({} tense)", t.as_str()),
    };
    let how = if expr.is_relative()
        && tense != Tense::Neutral
        && !matches!(
            expr.raw,
            Raw::Weekday(_) | Raw::Month { .. } | Raw::Season { .. } | Raw::Weekend
        ) {
        String::new()
    } else {
        how
    };
    format!("‘{s}’ read against {against}{how}: {relation}")
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// "1 day after publication", "the month of publication", ...
fn relation(t: &Timex, p: Date) -> String {
    let Some((f, l)) = t.period else {
        return String::new();
    };
    let (when, reading) = match t.precision {
        Precision::Day => {
            let when = match days_between(p, f) {
                0 => "the publication date".to_string(),
                d if d > 0 => format!("{} after publication", plural(d, "day")),
                d => format!("{} before publication", plural(-d, "day")),
            };
            let reading = format!(
                "{} {} {}",
                weekday_name(f.weekday()),
                f.day(),
                month_year(f)
            );
            (when, reading)
        }
        Precision::Month => {
            let d = (i64::from(f.year()) * 12 + i64::from(f.month()))
                - (i64::from(p.year()) * 12 + i64::from(p.month()));
            let when = match d {
                0 => "the month of publication".to_string(),
                d if d > 0 => format!("{} after publication", plural(d, "month")),
                d => format!("{} before publication", plural(-d, "month")),
            };
            (when, month_year(f))
        }
        Precision::Year => {
            let when = match i64::from(f.year()) - i64::from(p.year()) {
                0 => "the year of publication".to_string(),
                d if d > 0 => format!("{} after publication", plural(d, "year")),
                d => format!("{} before publication", plural(-d, "year")),
            };
            (when, f.year().to_string())
        }
        _ => {
            let when = if f <= p && p <= l {
                "a period that includes the publication date".to_string()
            } else if f > p {
                format!(
                    "starting {} after publication",
                    plural(days_between(p, f), "day")
                )
            } else {
                format!(
                    "ending {} before publication",
                    plural(days_between(l, p), "day")
                )
            };
            let reading = format!(
                "{} to {}",
                format_date(f, DateStyle::DayMonthYear),
                format_date(l, DateStyle::DayMonthYear)
            );
            (when, reading)
        }
    };
    let reading = match t.modifier {
        Some(Modifier::Start) => format!("early {reading}"),
        Some(Modifier::Mid) => format!("mid-{reading}"),
        Some(Modifier::End) => format!("late {reading}"),
        None => reading,
    };
    format!("{when} ({reading})")
}

fn month_year(d: Date) -> String {
    format!("{} {}", month_name(d.month()).unwrap_or(""), d.year())
}

fn weekday_name(w: Weekday) -> &'static str {
    crate::analysis::dates::weekday_name(w)
}

/// The span of the weekday word inside a line, for the dateline check.
pub(crate) fn find_weekday_in(text: &str, span: Span, w: Weekday) -> Option<Span> {
    let t = Toks::new(text, span.start, span.end.min(text.len()));
    (0..t.len()).find_map(|i| {
        let s = t.s(i);
        (crate::analysis::dates::weekday_from_name(s) == Some(w)).then(|| t.start(i)..t.end(i))
    })
}
