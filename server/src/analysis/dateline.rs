//! Recognising a dateline: a short line that is mainly one full date,
//! perhaps with a label (`Published:`, `Last updated at 10:32 GMT on`), a
//! weekday, a time, a byline (`by Jane Smith`) and decoration (`•`, `|`).
//! A sentence that merely contains a date is not a dateline.

use super::Span;
use super::dates::{
    DateMatch, MONTHS, WEEKDAYS, find_full_dates, month_from_name, weekday_from_name,
};
use super::lines::trim_span;
use jiff::civil::{Date, Time, Weekday};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Dateline {
    /// The whole dateline line, trimmed of whitespace.
    pub span: Span,
    /// The date itself inside the line, e.g. `15 July 2008`.
    pub date_span: Span,
    pub date: Date,
    pub time: Option<Time>,
    /// A weekday written in the dateline, which may disagree with `date`.
    #[serde(with = "crate::analysis::stored::opt_weekday")]
    pub stated_weekday: Option<Weekday>,
}

/// A wire story's dateline without a year (`LONDON, April 2 (Reuters) -`):
/// the day and month of publication; the year is not told.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct YearlessDateline {
    /// The place and the date, as [`Dateline::span`] of a lead.
    pub span: Span,
    /// The date itself, e.g. `April 2`.
    pub date_span: Span,
    pub month: i8,
    pub day: i8,
    #[serde(with = "crate::analysis::stored::opt_weekday")]
    pub stated_weekday: Option<Weekday>,
}

impl YearlessDateline {
    /// The day in `year`, if it has one (29 February only in a leap year).
    pub fn in_year(&self, year: i16) -> Option<Date> {
        Date::new(year, self.month, self.day).ok()
    }
}

/// What a line holding a dateline-like date turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineDate {
    Valid(Dateline),
    /// Shaped like a dateline, but the date does not exist (`31 September 2008`).
    Invalid(DateMatch),
}

/// Longest line considered; datelines are short.
const MAX_LINE_BYTES: usize = 200;
/// Words other than the date, labels, times and byline that a dateline may hold.
const MAX_UNKNOWN_WORDS: usize = 3;

/// Words that datelines are made of, besides the date.
const LABEL_WORDS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "update",
    "last",
    "first",
    "modified",
    "created",
    "filed",
    "date",
    "dated",
    "on",
    "at",
    "page",
    "pub",
    "upd",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "gmt",
    "bst",
    "utc",
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "cet",
    "cest",
    "eet",
    "et",
    "pt",
    "ist",
    "aest",
    "aedt",
    "uk",
    "time",
    "local",
    "and",
    "hrs",
    "originally",
    "this",
    "article",
    "story",
    "was",
    "released",
    "issued",
    "of",
];

// `10:32`, `10.32`, `10h32`, `10:32:05`, `10:32 am`, `10 p.m.`
static TIME_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?P<h>[01]?\d|2[0-3])[:.h](?P<m>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?(?:\s*(?P<ap>[ap])\.?m(?-u:\b)\.?)?|(?-u:\b)(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>[ap])\.?m(?-u:\b)\.?",
    )
    .expect("time pattern is valid")
});

/// Decides whether the line at `line` (a line's content, without its
/// terminator) is a dateline.
pub fn recognise(text: &str, line: Span) -> Option<LineDate> {
    let line = trim_span(text, line);
    if line.is_empty() || line.len() > MAX_LINE_BYTES {
        return None;
    }
    let l = &text[line.clone()];
    let dates = find_full_dates(l);
    let first = dates.first()?.clone();
    let mut removed: Vec<Span> = dates.iter().map(DateMatch::full_span).collect();
    let mut time = None;
    for caps in TIME_RE.captures_iter(l) {
        let Some(m) = caps.get(0) else { continue };
        if dates.iter().any(|d| overlaps(&d.full_span(), &m.range())) {
            continue;
        }
        if time.is_none() {
            time = parse_time(&caps);
        }
        removed.push(m.range());
    }

    let mut stated_weekday = first.weekday;
    let mut unknown = 0;
    let mut lowercase_unknown = 0;
    let mut words = 0;
    let mut byline_left = 0;
    for (start, word) in words_of(l) {
        if removed.iter().any(|r| r.contains(&start)) {
            continue;
        }
        words += 1;
        if byline_left > 0 {
            byline_left -= 1;
            continue;
        }
        let lower = word.to_ascii_lowercase();
        if lower == "by" {
            byline_left = 5;
            continue;
        }
        if LABEL_WORDS.contains(&lower.as_str()) {
            continue;
        }
        if let Some(w) = weekday_from_name(word) {
            stated_weekday.get_or_insert(w);
            continue;
        }
        unknown += 1;
        if word.chars().next().is_some_and(char::is_lowercase) {
            lowercase_unknown += 1;
        }
    }
    let ends_like_sentence = l.ends_with('.') && !l.ends_with("m.");
    if words > 20
        || unknown > MAX_UNKNOWN_WORDS
        || lowercase_unknown > 1
        || (ends_like_sentence && unknown > 0)
    {
        return None;
    }

    let offset = line.start;
    let Some(date) = first.date() else {
        return Some(LineDate::Invalid(shift(first, offset)));
    };
    Some(LineDate::Valid(Dateline {
        span: line,
        date_span: first.span.start + offset..first.span.end + offset,
        date,
        time,
        stated_weekday,
    }))
}

/// A place in capitals, a comma and a full date, then a dash or colon.
static LEAD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Z][A-Z.'&-]+(?: [A-Z][A-Z.'&-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?, ",
    )
    .expect("lead dateline pattern is valid")
});

/// The dateline a press release or wire story opens its first paragraph
/// with (`LEEDS, 12 February 2009 – Marlstone today announced…`): the place
/// in capitals, the full date, then a dash or a colon. The paragraph stays
/// body text; the dateline's span is just its lead.
pub fn recognise_lead(text: &str, line: Span) -> Option<Dateline> {
    let line = trim_span(text, line);
    let l = text.get(line.clone())?;
    let place = LEAD_RE.find(l)?;
    let first = find_full_dates(l).into_iter().next()?;
    if first.full_span().start != place.end() {
        return None;
    }
    let after = l[first.span.end..].trim_start();
    // The agency, `(Reuters)`, may stand between the date and the dash.
    let after = match after.strip_prefix('(') {
        Some(rest) => match rest.split_once(')') {
            Some((agency, rest)) if agency.len() <= 40 => rest.trim_start(),
            _ => after,
        },
        None => after,
    };
    if !["–", "—", "-", ":"].iter().any(|d| after.starts_with(d)) {
        return None;
    }
    let date = first.date()?;
    let offset = line.start;
    Some(Dateline {
        span: offset..offset + first.span.end,
        date_span: first.span.start + offset..first.span.end + offset,
        date,
        time: None,
        stated_weekday: first.weekday,
    })
}

// After the place: a day and month either way round, perhaps a weekday
// before, perhaps the agency in brackets after, then a dash or a colon.
static YEARLESS_RE: LazyLock<Regex> = LazyLock::new(|| {
    let b = r"(?-u:\b)";
    Regex::new(&format!(
        r"^(?i:{b}(?P<wd>{WEEKDAYS})\.?,?\s+)?(?i:{b}(?P<m1>{MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTHS})\.?){b}(?:\s*\([^()]{{1,40}}\))?\s*(?:–|—|-|:)"
    ))
    .expect("yearless lead pattern is valid")
});

/// The lead of a wire story or release whose date has no year (`LONDON,
/// April 2 (Reuters) - Shares in…`, `PARIS, Dec. 5 (AFP) —`): the place in
/// capitals, a day and month, perhaps the agency, then a dash or colon.
/// Tried after [`recognise_lead`], which takes the leads with a year.
pub fn recognise_yearless_lead(text: &str, line: Span) -> Option<YearlessDateline> {
    let line = trim_span(text, line);
    let l = text.get(line.clone())?;
    let place = LEAD_RE.find(l)?;
    let caps = YEARLESS_RE.captures(&l[place.end()..])?;
    let (m, d) = match (caps.name("m1"), caps.name("d1")) {
        (Some(m), Some(d)) => (m, d),
        _ => (caps.name("m2")?, caps.name("d2")?),
    };
    let month = month_from_name(m.as_str())?;
    let day: i8 = d.as_str().parse().ok()?;
    // Any year will do to check the day exists; 2000 has a 29 February.
    Date::new(2000, month, day).ok()?;
    let start = m.start().min(d.start());
    let date_end = m.end().max(d.end());
    // The date's own end: past `st`/`th` and a month's full stop.
    let date_end = date_end
        + l[place.end() + date_end..]
            .bytes()
            .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
            .count();
    let offset = line.start + place.end();
    Some(YearlessDateline {
        span: line.start..offset + date_end,
        date_span: offset + start..offset + date_end,
        month,
        day,
        stated_weekday: caps.name("wd").and_then(|w| weekday_from_name(w.as_str())),
    })
}

fn parse_time(caps: &regex::Captures<'_>) -> Option<Time> {
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i8>().ok());
    let (hour, minute, second, ap) = match num("h") {
        Some(h) => (h, num("m")?, num("s").unwrap_or(0), caps.name("ap")),
        None => (num("h2")?, 0, 0, caps.name("ap2")),
    };
    let hour = match ap.map(|m| m.as_str().to_ascii_lowercase()) {
        Some(ap) if (1..=12).contains(&hour) => match (ap.as_str(), hour) {
            ("a", 12) => 0,
            ("p", h) if h < 12 => h + 12,
            _ => hour,
        },
        _ => hour,
    };
    Time::new(hour, minute, second, 0).ok()
}

/// Words (runs of letters and digits) with their byte offsets.
fn words_of(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if c.is_alphanumeric() {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(k, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = k + c.len_utf8();
            rest.next();
        }
        Some((start, &s[start..end]))
    })
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn shift(mut m: DateMatch, offset: usize) -> DateMatch {
    m.span = m.span.start + offset..m.span.end + offset;
    m.weekday_span = m.weekday_span.map(|w| w.start + offset..w.end + offset);
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{Weekday, date, time};

    fn dl(line: &str) -> Option<Dateline> {
        match recognise(line, 0..line.len()) {
            Some(LineDate::Valid(d)) => Some(d),
            _ => None,
        }
    }

    /// (date text, date, time, weekday) of a recognised line.
    fn parts(line: &str) -> (String, jiff::civil::Date, Option<Time>, Option<Weekday>) {
        let d = dl(line).unwrap_or_else(|| panic!("not a dateline: {line:?}"));
        (
            line[d.date_span.clone()].to_string(),
            d.date,
            d.time,
            d.stated_weekday,
        )
    }

    #[test]
    fn accepted_forms() {
        let d = date(2008, 7, 15);
        let t = Some(time(10, 32, 0, 0));
        let tue = Some(Weekday::Tuesday);
        let cases: &[(&str, &str, Option<Time>, Option<Weekday>)] = &[
            ("  • 15 July 2008", "15 July 2008", None, None),
            ("July 15, 2008", "July 15, 2008", None, None),
            ("15/07/2008", "15/07/2008", None, None),
            ("2008-07-15", "2008-07-15", None, None),
            ("Published: 15 July 2008 10:32", "15 July 2008", t, None),
            ("Tuesday 15 July 2008", "15 July 2008", None, tue),
            ("Tuesday, 15 July 2008", "15 July 2008", None, tue),
            ("Last updated: 15 July 2008", "15 July 2008", None, None),
            (
                "Last updated at 10:32 GMT on Tuesday, 15 July 2008",
                "15 July 2008",
                t,
                tue,
            ),
            (
                "Posted on July 15, 2008 at 10:32 am",
                "July 15, 2008",
                t,
                None,
            ),
            (
                "Posted on July 15, 2008 at 10:32 pm by Jane Q. Smith",
                "July 15, 2008",
                Some(time(22, 32, 0, 0)),
                None,
            ),
            ("15 Jul 2008", "15 Jul 2008", None, None),
            ("15th July 2008", "15th July 2008", None, None),
            ("Updated 15.07.2008", "15.07.2008", None, None),
            ("| 15 July 2008 |", "15 July 2008", None, None),
            ("15 July 2008 | BBC News", "15 July 2008", None, None),
            (
                "Page last updated at 10:32 GMT, Tuesday, 15 July 2008 11:32 UK",
                "15 July 2008",
                t,
                tue,
            ),
            ("15 July 2008, Tuesday", "15 July 2008", None, tue),
            (
                "Posted 12 a.m. July 15, 2008",
                "July 15, 2008",
                Some(time(0, 0, 0, 0)),
                None,
            ),
        ];
        for &(line, date_text, tm, wd) in cases {
            assert_eq!(parts(line), (date_text.to_string(), d, tm, wd), "{line:?}");
        }
    }

    #[test]
    fn span_is_the_trimmed_line() {
        let text = "Head\n  • 15 July 2008 \u{a0}\nBody";
        let d = match recognise(text, 5..text.len() - 5) {
            Some(LineDate::Valid(d)) => d,
            other => panic!("{other:?}"),
        };
        assert_eq!(&text[d.span.clone()], "• 15 July 2008");
        assert_eq!(&text[d.date_span.clone()], "15 July 2008");
    }

    #[test]
    fn stated_weekday_may_disagree() {
        // 15 July 2008 was a Tuesday; the line says Friday. Kept, not rejected.
        let d = dl("Friday, 15 July 2008").unwrap();
        assert_eq!(d.stated_weekday, Some(Weekday::Friday));
        assert_eq!(d.date.weekday(), Weekday::Tuesday);
    }

    #[test]
    fn sentences_are_not_datelines() {
        for line in [
            "On 15 July 2008 the board met to agree the budget.",
            "The deal closed on 15 July 2008.",
            "WASHINGTON (AP) — The Senate voted on July 15, 2008 to extend the program",
            "Friday, 2 September",
            "BT on track to get southern Cerner trusts",
            "",
            "   ",
        ] {
            assert_eq!(recognise(line, 0..line.len()), None, "{line:?}");
        }
        let long = format!("15 July 2008 {}", "x".repeat(300));
        assert_eq!(recognise(&long, 0..long.len()), None);
    }

    #[test]
    fn invalid_date_is_reported_as_invalid() {
        let line = "Published: 31 September 2008";
        match recognise(line, 0..line.len()) {
            Some(LineDate::Invalid(m)) => {
                assert_eq!(&line[m.span.clone()], "31 September 2008");
                assert_eq!((m.day, m.month), (31, 9));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn press_release_lead_is_a_dateline() {
        let text = "LEEDS, 12 February 2009 – Marlstone today announced that it has finished.";
        let d = recognise_lead(text, 0..text.len()).expect("a lead dateline");
        assert_eq!(&text[d.span.clone()], "LEEDS, 12 February 2009");
        assert_eq!(d.date, jiff::civil::date(2009, 2, 12));
        let text = "NEW YORK, UK, Tuesday 3 March 2009: Harbour said.";
        let d = recognise_lead(text, 0..text.len()).expect("a lead dateline");
        assert_eq!(d.date, jiff::civil::date(2009, 3, 3));
        let text = "LONDON, April 2, 2009 (Reuters) - Shares fell.";
        let d = recognise_lead(text, 0..text.len()).expect("a lead dateline");
        assert_eq!(&text[d.span.clone()], "LONDON, April 2, 2009");
        // A sentence that opens with a date is not a dateline, nor a
        // capitalised word that is not a place in capitals.
        for text in [
            "On 12 February 2009 – a Thursday – the trust went live.",
            "Leeds, 12 February 2009 – the trust went live.",
            "LEEDS, 12 February 2009 the trust went live.",
            "LEEDS, in 12 February 2009 – no.",
        ] {
            assert!(recognise_lead(text, 0..text.len()).is_none(), "{text}");
        }
    }

    #[test]
    fn yearless_wire_lead_is_a_dateline_without_a_year() {
        let cases = [
            (
                "LONDON, April 2 (Reuters) - Shares in Kestrel fell.",
                "April 2",
                4,
                2,
            ),
            ("NEW YORK, Dec. 5 (AP) — The agency said.", "Dec. 5", 12, 5),
            (
                "LEEDS, 12 February – Marlstone today announced.",
                "12 February",
                2,
                12,
            ),
            ("PARIS, Feb 29 (AFP) - The group said.", "Feb 29", 2, 29),
            (
                "HONG KONG, Tuesday, March 3rd (Reuters) - Shares rose.",
                "March 3rd",
                3,
                3,
            ),
        ];
        for (text, date_text, month, day) in cases {
            let d = recognise_yearless_lead(text, 0..text.len())
                .unwrap_or_else(|| panic!("no yearless lead in {text:?}"));
            assert_eq!(&text[d.date_span.clone()], date_text, "{text}");
            assert_eq!((d.month, d.day), (month, day), "{text}");
            assert!(text[d.span.clone()].ends_with(date_text), "{text}");
        }
        // A year is the full lead's; an impossible day, a sentence, a
        // place not in capitals and a date with no dash after are none.
        for text in [
            "LONDON, April 31 (Reuters) - Shares fell.",
            "On April 2 - a Thursday - shares fell.",
            "London, April 2 (Reuters) - Shares fell.",
            "LONDON, April 2 shares fell.",
            "LONDON, April 2, 2009 (Reuters) - Shares fell.",
            "LONDON (Reuters) - Shares fell on April 2.",
        ] {
            assert!(
                recognise_yearless_lead(text, 0..text.len()).is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn out_of_range_span_is_harmless() {
        assert_eq!(recognise("abc", 2..10), None);
        assert_eq!(recognise("é15 July 2008", 1..5), None);
    }
}
