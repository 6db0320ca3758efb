//! The clues an undated article's own dates give the best guess of its
//! publication (see `guess`): each dated expression with the tense
//! inference gave it, reporting periods told months after they end, and
//! the dates written without a year, placed by their tense.

use super::guess::{Clue, When};
use super::infer::{Dated, add_days, days_between};
use super::resolve::{
    has_own_verb, is_deferred_target, is_future_in_past, tense_of, word_before, words_before,
};
use super::{Modifier, Raw, Shift, Tense, TimeExpression, YearRef};
use jiff::civil::Date;

/// `profit for the year to 31 December 2010`, `the six months to June`:
/// the end of a reporting period, which its figures follow by weeks.
fn is_period_end(text: &str, e: &TimeExpression) -> bool {
    const PERIODS: &[&str] = &["year", "months", "weeks", "quarter", "half", "period"];
    let words = words_before(text, e, 4);
    words.last().is_some_and(|w| w == "to")
        && words
            .iter()
            .rev()
            .skip(1)
            .any(|w| PERIODS.contains(&w.as_str()))
}

/// Words naming a report on a period's figures (not a budget or a plan,
/// which come before it).
const REPORTS: &[&str] = &[
    "annual report",
    "accounts",
    "figures",
    "results",
    "statistics",
];

/// A quarter, half, year or financial year whose figures the sentence
/// reports (`its annual report for 2013/14`, `spent £58m in 2011/12,
/// according to its accounts`).
fn is_reported_period(text: &str, e: &TimeExpression) -> bool {
    if e.range_end.is_some()
        || !matches!(
            e.raw,
            Raw::FinancialYear { .. } | Raw::Year(_) | Raw::Quarter { .. } | Raw::Half { .. }
        )
    {
        return false;
    }
    // `accounts for 2008-09`, `the annual report of 2013/14`.
    let before = text
        .get(e.sentence.start..e.span.start)
        .unwrap_or("")
        .to_lowercase();
    let before = before.trim_end();
    let named = ["for", "of", "in"].iter().any(|p| {
        before
            .strip_suffix(p)
            .is_some_and(|b| REPORTS.iter().any(|w| b.trim_end().ends_with(w)))
    });
    // `in 2011/12, according to its annual report`.
    let after = text
        .get(e.span.end..e.sentence.end)
        .unwrap_or("")
        .to_lowercase();
    let after = after.trim_start_matches([',', ' ']);
    named
        || (after.starts_with("according to")
            && REPORTS
                .iter()
                .any(|w| after.get(..40).unwrap_or(after).contains(w)))
}

/// Days after a year's end its annual report or accounts are mostly out.
const ANNUAL_REPORT_LAG: i64 = 120;

/// What a report still ahead counts for.
const REPORT_AHEAD_WEIGHT: f64 = 0.4;

/// Days after a reporting period's end its figures are mostly told.
const REPORT_LAG: i64 = 60;

/// The period a clue told in the past names: a range's end (`ran from
/// October 2010 to September 2011` is news after September 2011).
fn past_period(d: &Dated) -> (Date, Date) {
    if d.expr.range_end.is_none() || d.tense != Tense::Past {
        return (d.first, d.last);
    }
    let first = match d.days() {
        0..=31 => d.first,
        32..=366 => d.last.first_of_month(),
        _ => Date::new(d.last.year(), 1, 1).unwrap_or(d.first),
    };
    (first.max(d.first), d.last)
}

/// The clues for the best guess: the dates with a year (with the tense
/// inference gave them), and the dates written without one, placed by
/// their tense for each candidate day.
pub(super) fn clues_of(text: &str, exprs: &[&TimeExpression], dated: &[Dated]) -> Vec<Clue> {
    let mut clues = dated_clues(text, dated);
    clues.extend(
        exprs
            .iter()
            .filter(|e| e.weekday.is_none()) // placed with its year already
            .filter_map(|e| yearless_clue(text, e)),
    );
    clues
}

/// A clue told in a tense; one borrowed from a neighbouring clause (`a
/// dividend, payable in May`) is weaker.
fn told(text: &str, e: &TimeExpression, when: When, tense: Tense, days: i64) -> Clue {
    let mut c = Clue::told(when, tense, days, !e.is_underspecified());
    if !has_own_verb(text, e) {
        c.weight *= BORROWED;
    }
    c
}

/// Publication is near `at`, on either side.
fn near(at: When, scale: f64) -> Clue {
    Clue {
        when: at,
        tense: Tense::Neutral,
        weight: 1.0,
        scale,
        written_year: None,
        cyclic: false,
        not_current: false,
        span: None,
    }
}

fn dated_clues(text: &str, dated: &[Dated]) -> Vec<Clue> {
    dated
        .iter()
        .filter_map(|d| {
            // `its annual report for 2013/14`, `spent £58m in 2011/12,
            // according to its accounts`: the period is over and reported
            // on, months later.
            if d.days() >= 80 && is_reported_period(text, d.expr) {
                let at = add_days(d.last, ANNUAL_REPORT_LAG);
                // `its annual report for 2013/14 will be published in
                // July`: not out yet, so publication comes before it, by
                // as long as reports are announced ahead (its month, if
                // written, says more).
                if tense_of(text, d.expr).0 == Tense::Future {
                    return Some(Clue {
                        tense: Tense::Future,
                        weight: REPORT_AHEAD_WEIGHT,
                        ..near(When::Fixed(at, at), 180.0)
                    });
                }
                return Some(near(When::Fixed(at, at), 60.0));
            }
            if d.tense == Tense::Neutral {
                return None;
            }
            if d.tense == Tense::Past && is_period_end(text, d.expr) {
                let at = add_days(d.last, REPORT_LAG);
                return Some(near(When::Fixed(at, at), 30.0));
            }
            let (first, last) = past_period(d);
            Some(told(
                text,
                d.expr,
                When::Fixed(first, last),
                d.tense,
                days_between(first, last),
            ))
        })
        .collect()
}

/// The clue of a date written without a year, if its tense says which
/// side of publication it is on.
fn yearless_clue(text: &str, e: &TimeExpression) -> Option<Clue> {
    let (when, days) = match e.raw {
        // `the six months to June 30`: figures told weeks after.
        Raw::Date {
            year: YearRef::Unstated,
            month,
            day,
        } if e.range_end.is_none() && is_period_end(text, e) => {
            let (month, day) = day_after(month, day, REPORT_LAG)?;
            return Some(near(When::Day { month, day }, 30.0));
        }
        Raw::Date {
            year: YearRef::Unstated,
            month,
            day,
        } => (When::Day { month, day }, 0),
        Raw::Month {
            year: YearRef::Unstated,
            month,
        } if e.shift == Some(Shift::Last) => (When::LastMonth(month), 30),
        // `the end of August`: its last days, not the whole month.
        Raw::Month {
            year: YearRef::Unstated,
            month,
        } if e.modifier.is_some() && e.range_end.is_none() => {
            let (first, last) = match e.modifier {
                Some(Modifier::Start) => (1, 10),
                Some(Modifier::Mid) => (11, 20),
                _ => (21, 31),
            };
            (When::Part { month, first, last }, 10)
        }
        Raw::Month {
            year: YearRef::Unstated,
            month,
        } => (When::Month(month), 30),
        Raw::Season {
            year: YearRef::Unstated,
            season,
        } if e.shift == Some(Shift::This) => (When::ThisSeason(season), 90),
        Raw::Season {
            year: YearRef::Unstated,
            season,
        } => (When::Season(season), 90),
        _ => return None,
    };
    let mut tense = match e.shift {
        Some(Shift::Last) => Tense::Past,
        Some(Shift::Next) => Tense::Future,
        Some(Shift::That) => return None,
        _ => tense_of(text, e).0,
    };
    // Plans told in the past and deferrals' targets may slip.
    if tense == Tense::Future && (is_future_in_past(text, e) || is_deferred_target(text, e)) {
        tense = Tense::Neutral;
    }
    // `salaries for February`: the period something is for, which may be
    // publication's own.
    let for_period = word_before(text, e).as_deref() == Some("for");
    // Its own verb (or `last`/`next`) places it on one side of
    // publication: the window it leaves is kept (see `guess`).
    let cyclic = !for_period && (e.shift.is_some() || has_own_verb(text, e));
    (tense != Tense::Neutral).then(|| Clue {
        cyclic,
        not_current: !for_period,
        span: Some((e.span.start, e.span.end)),
        ..told(text, e, when, tense, days)
    })
}

/// The day and month `n` days after a yearless one (read in a common
/// year).
fn day_after(month: i8, day: i8, n: i64) -> Option<(i8, i8)> {
    let d = Date::new(2001, month, day).ok()?;
    let d = d.checked_add(jiff::Span::new().days(n)).ok()?;
    Some((d.month(), d.day()))
}

/// What a clue told in a borrowed tense counts for.
const BORROWED: f64 = 0.5;
