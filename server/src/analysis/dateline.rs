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

/// The lead dateline a press release or wire story opens its first
/// paragraph with (`LEEDS, 12 February 2009 – Marlstone today announced…`,
/// `CALVERTON, England, November 14, 2011 /PRNewswire/ -- …`). The
/// paragraph stays body text: the lead is its opening words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Lead {
    /// From the place to the separator after the date, inclusive.
    pub span: Span,
    /// The place with its region and country (`CALVERTON, England`).
    pub place: Span,
    /// The agency's name inside its marker (`PRNewswire`, `Business Wire`).
    pub agency: Option<Span>,
}

/// The date a lead gives: in full, or a wire story's day without a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeadDate {
    Full(Dateline),
    Yearless(YearlessDateline),
}

/// Bytes a lead's place, agency and separators may take before its date.
const MAX_LEAD_PREFIX: usize = 90;

// Everything before the date: the place (a name in capitals, or in title
// case with a particle such as `upon`), perhaps a region and a country,
// perhaps the agency (`(Business Wire)`, `--(BUSINESS WIRE)--`), then a
// comma, dash or colon.
static LEAD_PREFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    // A hyphen only inside a word: `--` after the place is a separator.
    let caps_word = r"[A-Z][A-Z.'&]+(?:-[A-Z][A-Z.'&]*)*";
    let caps = format!(r"{caps_word}(?: {caps_word}){{0,3}}");
    let title_word = r"[A-Z][A-Za-z.'&]*(?:-[A-Za-z][A-Za-z.'&]*)*";
    let title = format!(
        r"[A-Z][a-z][A-Za-z.'&]*(?:-[A-Za-z][A-Za-z.'&]*)*(?: (?:(?:upon|on|under|in|de|le|la|sur) )?{title_word}){{0,3}}"
    );
    let region = r"[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}";
    Regex::new(&format!(
        r"^(?P<place>(?:(?P<caps>{caps})|{title})(?:, {region}){{0,3}})(?:\s*(?:-{{1,2}}|–|—)?\s*{AGENCY})?\s*(?:,|-{{1,2}}|–|—|:)\s*$"
    ))
    .expect("lead prefix pattern is valid")
});

// After the date: perhaps the agency, then a dash or a colon.
static LEAD_SUFFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*(?:{AGENCY})?\s*(?:-{{1,2}}|–|—|:)\s*"))
        .expect("lead suffix pattern is valid")
});

/// An agency's marker: its name in brackets or between slashes.
const AGENCY: &str = r"(?:\((?P<ag>[^()]{1,40})\)|/(?P<ags>[^/\s][^/]{0,39})/)";

// A day and month either way round, perhaps after a weekday.
static YEARLESS_RE: LazyLock<Regex> = LazyLock::new(|| {
    let b = r"(?-u:\b)";
    Regex::new(&format!(
        r"(?i:{b}(?P<wd>{WEEKDAYS})\.?,?\s+)?(?i:{b}(?P<m1>{MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTHS})\.?){b}"
    ))
    .expect("yearless date pattern is valid")
});

/// Words that open a sentence, never a place in a lead (`In Leeds, 3
/// March 2010: …`).
const NOT_A_PLACE: &[&str] = &[
    "In", "On", "At", "By", "From", "Since", "Until", "Till", "Before", "After", "As", "The", "A",
    "An", "For", "During", "Between", "Through", "Dear",
];

/// The lead dateline the line at `line` opens with, and its date: a place,
/// a date (in full, or a day and month after a place in capitals), perhaps
/// an agency's marker, then a dash or colon and the story, which starts
/// with a capital. What follows the date tells a lead from a sentence
/// that opens with a place and a date (`Leeds, 3 March 2010 was cold`).
pub fn recognise_lead(text: &str, line: Span) -> Option<(Lead, LeadDate)> {
    let line = trim_span(text, line);
    let l = text.get(line.clone())?;
    let head = &l[..crate::analysis::line_index::floor_char_boundary(l, MAX_LEAD_PREFIX + 40)];
    let full = find_full_dates(head).into_iter().next();
    let yearless = YEARLESS_RE.captures(head);
    let yearless_start = yearless.as_ref().and_then(|c| c.get(0)).map(|m| m.start());
    let full = full.filter(|f| yearless_start.is_none_or(|y| f.full_span().start <= y));
    let date_start = match (&full, yearless_start) {
        (Some(f), _) => f.full_span().start,
        (None, Some(y)) => y,
        (None, None) => return None,
    };
    if date_start > MAX_LEAD_PREFIX {
        return None;
    }
    let prefix = LEAD_PREFIX_RE.captures(&l[..date_start])?;
    let place = prefix.name("place")?;
    let first_word = place.as_str().split([' ', ',']).next().unwrap_or("");
    if NOT_A_PLACE.contains(&first_word) {
        return None;
    }
    // A day without a year only after a place in capitals, as wires write.
    let caps_place = prefix.name("caps").is_some();
    let offset = line.start;
    let (date, date_end) = match full {
        Some(f) => {
            let end = f.span.end;
            let date = f.date()?;
            let d = Dateline {
                span: offset..offset + end,
                date_span: offset + f.span.start..offset + end,
                date,
                time: None,
                stated_weekday: f.weekday,
            };
            (LeadDate::Full(d), end)
        }
        None if caps_place => {
            let caps = yearless?;
            let (m, d) = match (caps.name("m1"), caps.name("d1")) {
                (Some(m), Some(d)) => (m, d),
                _ => (caps.name("m2")?, caps.name("d2")?),
            };
            let month = month_from_name(m.as_str())?;
            let day: i8 = d.as_str().parse().ok()?;
            // Any year will do to check the day exists; 2000 has a 29 February.
            Date::new(2000, month, day).ok()?;
            let start = m.start().min(d.start());
            // The date's own end: past `st`/`th` and a month's full stop.
            let end = m.end().max(d.end());
            let end = end
                + l[end..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
                    .count();
            let d = YearlessDateline {
                span: offset..offset + end,
                date_span: offset + start..offset + end,
                month,
                day,
                stated_weekday: caps.name("wd").and_then(|w| weekday_from_name(w.as_str())),
            };
            (LeadDate::Yearless(d), end)
        }
        None => return None,
    };
    let suffix = LEAD_SUFFIX_RE.captures(&l[date_end..])?;
    let story = &l[date_end + suffix.get(0)?.end()..];
    // The story starts with a capital or a quote; a number after the dash
    // is more likely the end of a range (`3 March 2010 - 5 March 2010`).
    if !story.is_empty()
        && !story
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || "\"“‘'(".contains(c))
    {
        return None;
    }
    let agency_in = |c: &regex::Captures<'_>, base: usize| {
        c.name("ag")
            .or_else(|| c.name("ags"))
            .map(|m| offset + base + m.start()..offset + base + m.end())
    };
    let agency = agency_in(&prefix, 0).or_else(|| agency_in(&suffix, date_end));
    let sep_end = date_end + suffix.get(0)?.as_str().trim_end().len();
    let lead = Lead {
        span: offset..offset + sep_end,
        place: offset + place.start()..offset + place.end(),
        agency,
    };
    Some((lead, date))
}

/// The largest char boundary of `s` at most `n`.
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

    /// The lead's place, agency, whole text and date text with its date.
    fn lead(text: &str) -> Option<(String, Option<String>, String, String, LeadDate)> {
        let (l, date) = recognise_lead(text, 0..text.len())?;
        let date_span = match &date {
            LeadDate::Full(d) => d.date_span.clone(),
            LeadDate::Yearless(d) => d.date_span.clone(),
        };
        Some((
            text[l.place].to_string(),
            l.agency.map(|a| text[a].to_string()),
            text[l.span].to_string(),
            text[date_span].to_string(),
            date,
        ))
    }

    #[test]
    fn press_release_and_wire_leads_with_a_full_date() {
        // (line, place, agency, lead, date text, date)
        type Case<'a> = (
            &'a str,
            &'a str,
            Option<&'a str>,
            &'a str,
            &'a str,
            (i16, i8, i8),
        );
        let cases: &[Case] = &[
            (
                "LEEDS, 12 February 2009 – Marlstone today announced that it has finished.",
                "LEEDS",
                None,
                "LEEDS, 12 February 2009 –",
                "12 February 2009",
                (2009, 2, 12),
            ),
            (
                "NEW YORK, UK, Tuesday 3 March 2009: Harbour said.",
                "NEW YORK, UK",
                None,
                "NEW YORK, UK, Tuesday 3 March 2009:",
                "3 March 2009",
                (2009, 3, 3),
            ),
            (
                "LONDON, April 2, 2009 (Reuters) - Shares fell.",
                "LONDON",
                Some("Reuters"),
                "LONDON, April 2, 2009 (Reuters) -",
                "April 2, 2009",
                (2009, 4, 2),
            ),
            (
                "ASHBOURNE VALE, England, October 3, 2012 /PRNewswire/ -- Dellmoor Systems plc today announced a deal.",
                "ASHBOURNE VALE, England",
                Some("PRNewswire"),
                "ASHBOURNE VALE, England, October 3, 2012 /PRNewswire/ --",
                "October 3, 2012",
                (2012, 10, 3),
            ),
            (
                "HALSWORTH, UK, 9 March 2010 – Tamberlin Health today said it had finished.",
                "HALSWORTH, UK",
                None,
                "HALSWORTH, UK, 9 March 2010 –",
                "9 March 2010",
                (2010, 3, 9),
            ),
            (
                "Brindleford, 21st May 2009: The trust has opened a suite.",
                "Brindleford",
                None,
                "Brindleford, 21st May 2009:",
                "21st May 2009",
                (2009, 5, 21),
            ),
            (
                "KESWICK MOOR (Business Wire) – 5 June 2008 – Corrin Analytics Ltd today announced a deal.",
                "KESWICK MOOR",
                Some("Business Wire"),
                "KESWICK MOOR (Business Wire) – 5 June 2008 –",
                "5 June 2008",
                (2008, 6, 5),
            ),
            (
                "DUNSTABLE HEATH--(BUSINESS WIRE)--June 17, 2008--Varrow Labs Inc. today announced a deal.",
                "DUNSTABLE HEATH",
                Some("BUSINESS WIRE"),
                "DUNSTABLE HEATH--(BUSINESS WIRE)--June 17, 2008--",
                "June 17, 2008",
                (2008, 6, 17),
            ),
            (
                "WEXLEY, 14 Feb 2007 /PRNewswire-FirstCall/ -- Ormond Data plc today announced a contract.",
                "WEXLEY",
                Some("PRNewswire-FirstCall"),
                "WEXLEY, 14 Feb 2007 /PRNewswire-FirstCall/ --",
                "14 Feb 2007",
                (2007, 2, 14),
            ),
            (
                "Stoke upon Avon, West Mercia – 2 June 2011 – \"We are ready,\" the trust said.",
                "Stoke upon Avon, West Mercia",
                None,
                "Stoke upon Avon, West Mercia – 2 June 2011 –",
                "2 June 2011",
                (2011, 6, 2),
            ),
        ];
        for &(text, place, agency, whole, date_text, (y, m, d)) in cases {
            let (p, a, w, dt, date) = lead(text).unwrap_or_else(|| panic!("no lead in {text:?}"));
            assert_eq!(
                (p.as_str(), a.as_deref(), w.as_str(), dt.as_str()),
                (place, agency, whole, date_text),
                "{text}"
            );
            match date {
                LeadDate::Full(dl) => {
                    assert_eq!(dl.date, jiff::civil::date(y, m, d), "{text}");
                    assert!(text[dl.span].ends_with(date_text), "{text}");
                }
                LeadDate::Yearless(_) => panic!("no year read in {text:?}"),
            }
        }
    }

    #[test]
    fn near_misses_are_no_lead() {
        for text in [
            // No separator after the date: a sentence.
            "Lindwick, 3 March 2010 was the coldest day on record.",
            "LEEDS, 12 February 2009 the trust went live.",
            "Tewbury, 7 July 2010, was when the river last flooded.",
            // A sentence that opens with a date or a preposition.
            "On 12 February 2009 – a Thursday – the trust went live.",
            "In Leeds, 12 February 2009: The trust went live.",
            // The story would start in lower case, or with the range's end.
            "Leeds, 12 February 2009 – the trust went live.",
            "Harrowgate, 3 March 2010 - 5 March 2010: the fair's dates.",
            // Not a place before the date; a list of places and dates.
            "LEEDS, in 12 February 2009 – no.",
            "Orton Vale, 4 June 2011; Presley, 5 June 2011 – the test sites.",
            // A day with no year after a place not in capitals.
            "Leeds, 12 February – The trust went live.",
            // An impossible date.
            "LEEDS, 30 February 2009 – Marlstone said.",
            "The board met. LEEDS, 12 February 2009 – Marlstone said.",
        ] {
            assert!(lead(text).is_none(), "{text}");
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
            let Some((_, _, _, _, LeadDate::Yearless(d))) = lead(text) else {
                panic!("no yearless lead in {text:?}");
            };
            assert_eq!(&text[d.date_span.clone()], date_text, "{text}");
            assert_eq!((d.month, d.day), (month, day), "{text}");
            assert!(text[d.span.clone()].ends_with(date_text), "{text}");
        }
        // A year makes a full lead; an impossible day, a sentence, a place
        // not in capitals and a date with no dash after are none.
        assert!(matches!(
            lead("LONDON, April 2, 2009 (Reuters) - Shares fell."),
            Some((_, _, _, _, LeadDate::Full(_)))
        ));
        for text in [
            "LONDON, April 31 (Reuters) - Shares fell.",
            "On April 2 - a Thursday - shares fell.",
            "London, April 2 (Reuters) - Shares fell.",
            "LONDON, April 2 shares fell.",
            "LONDON (Reuters) - Shares fell on April 2.",
        ] {
            assert!(lead(text).is_none(), "{text}");
        }
    }

    #[test]
    fn out_of_range_span_is_harmless() {
        assert_eq!(recognise("abc", 2..10), None);
        assert_eq!(recognise("é15 July 2008", 1..5), None);
    }
}
