//! An inferred publication interval in words: `2 September 2005`, `in
//! March 2011`, `between March and June 2011`, `after 2003`.

use super::infer::{CONFIDENT_DAYS, days_between};
use super::{Inferred, Precision};
use crate::analysis::dates::{DateStyle, format_date, month_name};
use jiff::civil::Date;

/// How a bound is written: as a year, a month or a day, whichever it is
/// the edge of (1 January 2003 as a start is `2003`).
pub(super) fn edge_words(d: Date, start: bool) -> (String, u8) {
    let year_edge = if start {
        d.month() == 1 && d.day() == 1
    } else {
        d.month() == 12 && d.day() == 31
    };
    let month_edge = if start {
        d.day() == 1
    } else {
        d == d.last_of_month()
    };
    if year_edge {
        (d.year().to_string(), 2)
    } else if month_edge {
        (
            format!("{} {}", month_name(d.month()).unwrap_or(""), d.year()),
            1,
        )
    } else {
        (format_date(d, DateStyle::DayMonthYear), 0)
    }
}

impl Inferred {
    /// A guess of `date` with nothing else known: no bounds, no evidence.
    pub fn unbounded(date: Date) -> Inferred {
        Inferred {
            date,
            precision: Precision::Year,
            earliest: None,
            latest: None,
            evidence: String::new(),
            from_link: false,
            precise_lower: false,
        }
    }

    /// Whether the interval is at most [`CONFIDENT_DAYS`] wide.
    pub fn is_confident(&self) -> bool {
        matches!((self.earliest, self.latest), (Some(a), Some(b)) if days_between(a, b) <= CONFIDENT_DAYS)
    }

    /// The interval in words: `2 September 2005`, `in March 2011`,
    /// `between March and June 2011`, `after 2003`, `before 2015`.
    pub fn describe(&self) -> String {
        match (self.earliest, self.latest) {
            (Some(a), Some(b)) if a == b => format_date(a, DateStyle::DayMonthYear),
            (Some(a), Some(b)) => between(a, b),
            (Some(a), None) => format!("after {}", edge_words(a, true).0),
            (None, Some(b)) => format!("before {}", edge_words(b, false).0),
            (None, None) => format!("perhaps around {}", self.date.year()),
        }
    }

    /// `on 2 September 2005`, `between March and June 2011`: what follows
    /// "published".
    pub fn published_phrase(&self) -> String {
        if self.precision == Precision::Day {
            format!("on {}", self.describe())
        } else {
            self.describe()
        }
    }
}

fn between(a: Date, b: Date) -> String {
    let (wa, la) = edge_words(a, true);
    let (wb, lb) = edge_words(b, false);
    let same_year = a.year() == b.year();
    match (la, lb) {
        (2, 2) if same_year => format!("in {}", a.year()),
        (1, 1) if same_year && a.month() == b.month() => format!("in {wa}"),
        (1, 1) if same_year => format!("between {} and {wb}", month_name(a.month()).unwrap_or("")),
        (0, 0) if same_year && a.month() == b.month() => format!("between {} and {wb}", a.day()),
        (0, 0) if same_year => format!(
            "between {} {} and {wb}",
            a.day(),
            month_name(a.month()).unwrap_or("")
        ),
        _ => format!("between {wa} and {wb}"),
    }
}
