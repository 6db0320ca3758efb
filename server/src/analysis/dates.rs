//! Absolute full dates in running text — `15 July 2008`, `July 15, 2008`,
//! `15/07/2008`, `2008-07-15` — each with the weekday written just before
//! it, if any. Calendar validity is checked separately ([`DateMatch::date`]),
//! so impossible dates such as `31 September 2008` are still found and can
//! be reported.

use super::Span;
use jiff::civil::{Date, Weekday};
use regex::Regex;
use std::sync::LazyLock;

/// How a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DateStyle {
    /// `15 July 2008`, `15th Jul 2008`
    DayMonthYear,
    /// `July 15, 2008`
    MonthDayYear,
    /// `15/07/2008`, `15.07.2008`, `15-07-2008`
    NumericDayFirst,
    /// `07/15/2008` (only when the second number cannot be a month)
    NumericMonthFirst,
    /// `2008-07-15`, `2008/07/15`
    Iso,
}

/// One full date found in text. The numbers are as written and may not
/// form a real calendar date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateMatch {
    /// The date itself, without any weekday before it.
    pub span: Span,
    pub year: i16,
    pub month: i8,
    pub day: i8,
    /// A weekday written immediately before the date (`Friday, 2 September 2005`).
    #[serde(with = "crate::analysis::stored::opt_weekday")]
    pub weekday: Option<Weekday>,
    pub weekday_span: Option<Span>,
    pub style: DateStyle,
}

impl DateMatch {
    /// The calendar date, or `None` if it does not exist (`29 February 2007`).
    pub fn date(&self) -> Option<Date> {
        Date::new(self.year, self.month, self.day).ok()
    }

    /// From the weekday (if any) to the end of the date.
    pub fn full_span(&self) -> Span {
        let start = self
            .weekday_span
            .as_ref()
            .map_or(self.span.start, |w| w.start);
        start..self.span.end
    }
}

pub(crate) const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
pub(crate) const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|thur|mon|tue|wed|thu|fri|sat|sun";

// ASCII word boundaries keep the regex on its fast DFA path even when the
// text holds curly quotes and other non-ASCII characters.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let b = r"(?-u:\b)";
    let pattern = format!(
        r"(?i)(?:{b}(?P<wd>{WEEKDAYS})\.?,?\s+)?(?:{b}(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<m1>{MONTHS})\.?,?[\s-]+(?P<y1>\d{{4}})|{b}(?P<m2>{MONTHS})\.?[\s-]+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?[\s-]+(?P<y2>\d{{4}})|{b}(?P<a3>\d{{1,2}})(?P<s3>[/.-])(?P<b3>\d{{1,2}})(?P<t3>[/.-])(?P<y3>\d{{4}})|{b}(?P<y4>\d{{4}})(?P<s4>[/.-])(?P<m4>\d{{1,2}})(?P<t4>[/.-])(?P<d4>\d{{1,2}}))"
    );
    Regex::new(&pattern).expect("date pattern is valid")
});

/// Every full date (day, month and year) in `text`, in order, including
/// ones that are not real calendar dates.
pub fn find_full_dates(text: &str) -> Vec<DateMatch> {
    let mut out = Vec::new();
    // Every form needs a four-digit year: skip texts without digits cheaply.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for caps in DATE_RE.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
        let (date_start, year, month, day, style, iso) = if let Some(y) = caps.name("y1") {
            let (Some(d), Some(m)) = (
                num("d1"),
                caps.name("m1").and_then(|m| month_from_name(m.as_str())),
            ) else {
                continue;
            };
            let start = caps.name("d1").map_or(y.start(), |m| m.start());
            (
                start,
                num("y1"),
                i32::from(m),
                d,
                DateStyle::DayMonthYear,
                false,
            )
        } else if caps.name("y2").is_some() {
            let (Some(mm), Some(d)) = (caps.name("m2"), num("d2")) else {
                continue;
            };
            let Some(m) = month_from_name(mm.as_str()) else {
                continue;
            };
            (
                mm.start(),
                num("y2"),
                i32::from(m),
                d,
                DateStyle::MonthDayYear,
                false,
            )
        } else if caps.name("y3").is_some() {
            if caps.name("s3").map(|m| m.as_str()) != caps.name("t3").map(|m| m.as_str()) {
                continue;
            }
            let (Some(a), Some(b)) = (num("a3"), num("b3")) else {
                continue;
            };
            let start = caps.name("a3").map_or(whole.start(), |m| m.start());
            // British day-first unless the second number cannot be a month.
            if b > 12 && a <= 12 {
                (start, num("y3"), a, b, DateStyle::NumericMonthFirst, false)
            } else {
                (start, num("y3"), b, a, DateStyle::NumericDayFirst, false)
            }
        } else if let Some(y) = caps.name("y4") {
            if caps.name("s4").map(|m| m.as_str()) != caps.name("t4").map(|m| m.as_str()) {
                continue;
            }
            let (Some(m), Some(d)) = (num("m4"), num("d4")) else {
                continue;
            };
            (y.start(), num("y4"), m, d, DateStyle::Iso, true)
        } else {
            continue;
        };
        let Some(year) = year else { continue };
        if !(1000..=2999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day)
        {
            continue;
        }
        // Manual right boundary: `2008-07-15T10:00` is fine, `20081` is not.
        let end = whole.end();
        if let Some(next) = text[end..].chars().next()
            && next.is_ascii_alphanumeric()
            && !(iso && (next == 'T' || next == 't'))
        {
            continue;
        }
        let (weekday, weekday_span) = match caps.name("wd") {
            Some(w) => (weekday_from_name(w.as_str()), Some(w.range())),
            None => (None, None),
        };
        out.push(DateMatch {
            span: date_start..end,
            year: year as i16,
            month: month as i8,
            day: day as i8,
            weekday,
            weekday_span: weekday.and(weekday_span),
            style,
        });
    }
    out
}

/// `July`, `jul`, `Jul.`, `Sept` → 7, 7, 7, 9.
pub fn month_from_name(word: &str) -> Option<i8> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.len() > 9 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let month = match lower.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// `Tuesday`, `tue`, `Tues.` → Tuesday.
pub fn weekday_from_name(word: &str) -> Option<Weekday> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.len() > 9 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let weekday = match lower.as_str() {
        "monday" | "mon" => Weekday::Monday,
        "tuesday" | "tues" | "tue" => Weekday::Tuesday,
        "wednesday" | "wed" => Weekday::Wednesday,
        "thursday" | "thurs" | "thur" | "thu" => Weekday::Thursday,
        "friday" | "fri" => Weekday::Friday,
        "saturday" | "sat" => Weekday::Saturday,
        "sunday" | "sun" => Weekday::Sunday,
        _ => return None,
    };
    Some(weekday)
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English name of a month, 1-based; `None` outside 1..=12.
pub fn month_name(month: i8) -> Option<&'static str> {
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTH_NAMES.get(i))
        .copied()
}

/// English name of a weekday.
pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// Writes a date in one of the recognised styles: `15 July 2008`,
/// `July 15, 2008`, `15/07/2008`, `07/15/2008` or `2008-07-15`.
pub fn format_date(date: Date, style: DateStyle) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let name = month_name(m).unwrap_or("");
    match style {
        DateStyle::DayMonthYear => format!("{d} {name} {y}"),
        DateStyle::MonthDayYear => format!("{name} {d}, {y}"),
        DateStyle::NumericDayFirst => format!("{d:02}/{m:02}/{y:04}"),
        DateStyle::NumericMonthFirst => format!("{m:02}/{d:02}/{y:04}"),
        DateStyle::Iso => format!("{y:04}-{m:02}-{d:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn found(text: &str) -> Vec<(&str, i16, i8, i8, DateStyle)> {
        find_full_dates(text)
            .into_iter()
            .map(|m| (&text[m.span.clone()], m.year, m.month, m.day, m.style))
            .collect()
    }

    #[test]
    fn finds_every_style() {
        let text =
            "On 15 July 2008, July 16, 2008, 17/07/2008, 07/18/2008, 2008-07-19 and 20.07.2008.";
        assert_eq!(
            found(text),
            vec![
                ("15 July 2008", 2008, 7, 15, DateStyle::DayMonthYear),
                ("July 16, 2008", 2008, 7, 16, DateStyle::MonthDayYear),
                ("17/07/2008", 2008, 7, 17, DateStyle::NumericDayFirst),
                ("07/18/2008", 2008, 7, 18, DateStyle::NumericMonthFirst),
                ("2008-07-19", 2008, 7, 19, DateStyle::Iso),
                ("20.07.2008", 2008, 7, 20, DateStyle::NumericDayFirst),
            ]
        );
    }

    #[test]
    fn abbreviations_ordinals_and_case() {
        assert_eq!(
            found(
                "15th Jul 2008 / Sept. 3, 2009 / 1st of March 2010 / 4 DECEMBER 2011 / 5-Jan-2012"
            ),
            vec![
                ("15th Jul 2008", 2008, 7, 15, DateStyle::DayMonthYear),
                ("Sept. 3, 2009", 2009, 9, 3, DateStyle::MonthDayYear),
                ("1st of March 2010", 2010, 3, 1, DateStyle::DayMonthYear),
                ("4 DECEMBER 2011", 2011, 12, 4, DateStyle::DayMonthYear),
                ("5-Jan-2012", 2012, 1, 5, DateStyle::DayMonthYear),
            ]
        );
    }

    #[test]
    fn numeric_day_first_unless_impossible() {
        // 03/04 is ambiguous: British reading, day first.
        assert_eq!(
            found("03/04/2008"),
            vec![("03/04/2008", 2008, 4, 3, DateStyle::NumericDayFirst)]
        );
        assert_eq!(
            found("13/04/2008"),
            vec![("13/04/2008", 2008, 4, 13, DateStyle::NumericDayFirst)]
        );
        assert_eq!(
            found("04/13/2008"),
            vec![("04/13/2008", 2008, 4, 13, DateStyle::NumericMonthFirst)]
        );
        // Neither number can be a month; mixed separators are not a date.
        assert!(found("13/14/2008").is_empty());
        assert!(found("15/07-2008").is_empty());
    }

    #[test]
    fn weekday_before_date() {
        let text = "It happened on Friday, 2 September 2005 and Tue 6 Sep 2005.";
        let all = find_full_dates(text);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].weekday, Some(Weekday::Friday));
        assert_eq!(&text[all[0].weekday_span.clone().unwrap()], "Friday");
        assert_eq!(&text[all[0].span.clone()], "2 September 2005");
        assert_eq!(&text[all[0].full_span()], "Friday, 2 September 2005");
        assert_eq!(all[1].weekday, Some(Weekday::Tuesday));
        assert_eq!(&text[all[1].span.clone()], "6 Sep 2005");
        let plain = find_full_dates("Friday 2 September 2005");
        assert_eq!(plain[0].weekday, Some(Weekday::Friday));
        assert_eq!(find_full_dates("on 2 September 2005")[0].weekday, None);
    }

    #[test]
    fn invalid_calendar_dates_are_found_but_have_no_date() {
        let all = find_full_dates("31 September 2008; 29 February 2007; 29 February 2008");
        assert_eq!(all.len(), 3);
        assert_eq!((all[0].day, all[0].month), (31, 9));
        assert_eq!(all[0].date(), None);
        assert_eq!(all[1].date(), None);
        assert_eq!(all[2].date(), Some(date(2008, 2, 29)));
    }

    #[test]
    fn not_dates() {
        assert!(found("Friday, 2 September").is_empty());
        assert!(found("in January 2003").is_empty());
        assert!(found("32 July 2008, 0 July 2008, 15 July 20081, 115 July 2008").is_empty());
        assert!(found("version 1.2.3, £836.10, 3.5%, 12:30").is_empty());
        assert!(found("").is_empty());
        assert!(found("15 Julyx 2008").is_empty());
    }

    #[test]
    fn iso_may_be_followed_by_a_time() {
        assert_eq!(
            found("2008-07-15T10:32:00Z"),
            vec![("2008-07-15", 2008, 7, 15, DateStyle::Iso)]
        );
    }

    #[test]
    fn spans_are_byte_offsets_after_multibyte_text() {
        let text = "“Héllo” — 15 July 2008";
        let all = find_full_dates(text);
        assert_eq!(&text[all[0].span.clone()], "15 July 2008");
        // NBSP between the parts, as scraped pages have.
        let nbsp = "15\u{a0}July\u{a0}2008";
        assert_eq!(
            found(nbsp),
            vec![(nbsp, 2008, 7, 15, DateStyle::DayMonthYear)]
        );
    }

    #[test]
    fn names() {
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("MAY"), Some(5));
        assert_eq!(month_from_name("Mayday"), None);
        assert_eq!(month_from_name("é"), None);
        assert_eq!(weekday_from_name("Thurs"), Some(Weekday::Thursday));
        assert_eq!(weekday_from_name("sunday"), Some(Weekday::Sunday));
        assert_eq!(weekday_from_name("Someday"), None);
        assert_eq!(month_name(0), None);
        assert_eq!(month_name(12), Some("December"));
        assert_eq!(weekday_name(Weekday::Friday), "Friday");
    }

    #[test]
    fn formats_each_style() {
        let d = date(2008, 7, 5);
        assert_eq!(format_date(d, DateStyle::DayMonthYear), "5 July 2008");
        assert_eq!(format_date(d, DateStyle::MonthDayYear), "July 5, 2008");
        assert_eq!(format_date(d, DateStyle::NumericDayFirst), "05/07/2008");
        assert_eq!(format_date(d, DateStyle::NumericMonthFirst), "07/05/2008");
        assert_eq!(format_date(d, DateStyle::Iso), "2008-07-05");
        // Round trip through the finder.
        for style in [
            DateStyle::DayMonthYear,
            DateStyle::MonthDayYear,
            DateStyle::NumericDayFirst,
            DateStyle::NumericMonthFirst,
            DateStyle::Iso,
        ] {
            let text = format_date(date(2008, 7, 15), style);
            let all = find_full_dates(&text);
            assert_eq!(all.len(), 1, "{text}");
            assert_eq!(all[0].date(), Some(date(2008, 7, 15)), "{text}");
            assert_eq!(all[0].style, style, "{text}");
        }
    }

    #[test]
    fn hostile_input() {
        assert!(find_full_dates("\0\0 15 July \u{0}2008 🎉 1\u{301}5 July 2008").len() <= 1);
        let big = "15 July 2008 ".repeat(20_000);
        assert_eq!(find_full_dates(&big).len(), 20_000);
    }
}
