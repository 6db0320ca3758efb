//! Inferring a publication date from an article's own (body) dates.

use super::resolve::{tense_of, unanchored};
use super::{
    Inferred, Precision, Raw, Tense, TimeExpression, YearRef, body_sentences, find_expressions,
};
use crate::analysis::article::Article;
use crate::analysis::dates::{DateStyle, format_date, month_name, weekday_name};
use jiff::civil::Date;

/// The publication date an undated article's own dates point to: see the
/// module documentation. Boilerplate is never used.
pub fn infer_publication_date(text: &str, article: &Article) -> Option<Inferred> {
    let exprs = find_expressions(text, &body_sentences(article));
    infer_from(text, &exprs)
}

/// Years searched for a weekday-and-date without bounds on either side.
const OPEN_YEARS: i32 = 12;

pub(crate) fn infer_from(text: &str, exprs: &[TimeExpression]) -> Option<Inferred> {
    // Bounds from explicit dates: told in the past, publication is on or
    // after their start; told in the future, on or before their end.
    let mut lower: Option<(Date, Precision, &TimeExpression)> = None;
    let mut upper: Option<(Date, &TimeExpression)> = None;
    let mut neutral: Option<(Date, Precision, &TimeExpression)> = None;
    for e in exprs {
        if e.is_underspecified() {
            continue;
        }
        let r = unanchored(text, e);
        let Some(t) = r.timex else { continue };
        let Some((first, last)) = t.period else {
            continue;
        };
        if t.precision == Precision::Decade || t.precision == Precision::Vague {
            continue;
        }
        let precision = match t.precision {
            Precision::Day => Precision::Day,
            Precision::Week | Precision::Weekend | Precision::Month => Precision::Month,
            _ => Precision::Year,
        };
        match r.tense {
            Tense::Past => {
                if lower.is_none_or(|(d, _, _)| first > d) {
                    lower = Some((first, precision, e));
                }
            }
            Tense::Future => {
                if upper.is_none_or(|(d, _)| last < d) {
                    upper = Some((last, e));
                }
            }
            Tense::Neutral => {
                if neutral.is_none_or(|(d, _, _)| first > d) {
                    neutral = Some((first, precision, e));
                }
            }
        }
    }
    // Inconsistent bounds: trust the past.
    if let (Some((lo, _, _)), Some((hi, _))) = (lower, upper)
        && hi < lo
    {
        upper = None;
    }
    let quote = |e: &TimeExpression| text.get(e.span.clone()).unwrap_or("").to_string();

    // A weekday with a yearless date picks its year.
    for e in exprs {
        let (
            Raw::Date {
                year: YearRef::Unstated,
                month,
                day,
            },
            Some((w, _)),
        ) = (&e.raw, &e.weekday)
        else {
            continue;
        };
        let lo_y = lower.map(|(d, _, _)| i32::from(d.year()));
        let hi_y = upper.map(|(d, _)| i32::from(d.year()));
        let (from, to) = match (lo_y, hi_y) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) => (a, a + OPEN_YEARS),
            (None, Some(b)) => (b - OPEN_YEARS, b),
            (None, None) => continue,
        };
        let (tense, _) = tense_of(text, e);
        let fits: Vec<Date> = (from..=to)
            .filter_map(|y| Date::new(i16::try_from(y).ok()?, *month, *day).ok())
            .filter(|d| d.weekday() == *w)
            .filter(|d| match tense {
                // Told in the past: on or before publication, so not after
                // the upper bound; told in the future: not before the lower.
                Tense::Past => upper.is_none_or(|(u, _)| *d <= u),
                Tense::Future => lower.is_none_or(|(l, _, _)| *d >= l),
                Tense::Neutral => true,
            })
            .collect();
        // The nearest the lower bound (publication follows the latest past
        // date), else the nearest the upper.
        let best = match lower {
            Some((l, _, _)) => fits
                .iter()
                .min_by_key(|d| (d.duration_since(l).as_secs()).abs()),
            None => fits.iter().max(),
        };
        let Some(&best) = best else { continue };
        let date = match (tense, lower) {
            (Tense::Past | Tense::Neutral, Some((l, _, _))) if l > best => l,
            _ => best,
        };
        let between = match (lower, upper) {
            (Some((_, _, a)), Some((_, b))) => {
                format!(" between ‘{}’ and ‘{}’", quote(a), quote(b))
            }
            (Some((_, _, a)), None) => format!(" after ‘{}’", quote(a)),
            (None, Some((_, b))) => format!(" before ‘{}’", quote(b)),
            (None, None) => String::new(),
        };
        let only = if fits.len() == 1 {
            "the only year"
        } else {
            "the year nearest the article's other dates"
        };
        let evidence = format!(
            "‘{}’: {} {} was a {} in {}, {only}{between}",
            quote(e),
            day,
            month_name(*month).unwrap_or(""),
            weekday_name(*w),
            best.year()
        );
        return Some(Inferred {
            date,
            precision: Precision::Day,
            evidence,
        });
    }

    let (date, precision, e, how) = match (lower, neutral) {
        (Some((d, p, e)), _) => (d, p, e, "the latest date the article tells in the past"),
        (None, Some((d, _, e))) => (d, Precision::Year, e, "the latest date the article gives"),
        (None, None) => return None,
    };
    let described = match precision {
        Precision::Day => format_date(date, DateStyle::DayMonthYear),
        Precision::Month => format!("{} {}", month_name(date.month()).unwrap_or(""), date.year()),
        _ => date.year().to_string(),
    };
    Some(Inferred {
        date,
        precision,
        evidence: format!(
            "{how} is ‘{}’ ({described}); it was published on or after it",
            quote(e)
        ),
    })
}
