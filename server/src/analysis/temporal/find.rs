//! Finding date expressions in sentences: a hand-written matcher over word
//! tokens (so context such as a preceding preposition or a following name
//! can decide), with full dates taken from [`crate::analysis::dates`].

use super::lexicon::{self as lex, Kind, Toks};
use super::{Form, Modifier, Raw, Season, Shift, TimeExpression, Unit, Vague, YearRef};
use crate::analysis::Span;
use crate::analysis::dates::{DateMatch, find_full_dates};
use jiff::civil::Weekday;

/// Every date expression inside the given sentences, in order.
pub fn find_expressions(text: &str, sentences: &[Span]) -> Vec<TimeExpression> {
    let mut out = Vec::new();
    for s in sentences {
        out.extend(find_in_sentence(text, s.clone()));
    }
    out
}

/// Every date expression inside one sentence (a byte span of `text`;
/// clamped to the text and to character boundaries).
pub fn find_in_sentence(text: &str, sentence: Span) -> Vec<TimeExpression> {
    let sentence = clamp(text, sentence);
    let s = &text[sentence.clone()];
    if s.is_empty() {
        return Vec::new();
    }
    let t = Toks::new(text, sentence.start, sentence.end);
    // Every full date has a four-digit year: skip the regex without one.
    let has_year = s
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    let fulls: Vec<DateMatch> = if has_year {
        find_full_dates(s)
    } else {
        Vec::new()
    }
    .into_iter()
    .map(|mut d| {
        d.span = d.span.start + sentence.start..d.span.end + sentence.start;
        d.weekday_span = d
            .weekday_span
            .map(|w| w.start + sentence.start..w.end + sentence.start);
        d
    })
    .collect();
    let mut hits: Vec<Hit> = Vec::new();
    let mut next_full = 0;
    let mut i = 0;
    while i < t.len() {
        while next_full < fulls.len() && fulls[next_full].full_span().start < t.start(i) {
            next_full += 1;
        }
        if let Some(d) = fulls.get(next_full)
            && d.full_span().start == t.start(i)
        {
            let end = t.at(d.span.end);
            if end > i {
                hits.push(full_hit(&t, i, end, d.clone()));
                i = end;
                continue;
            }
        }
        match parse(&t, i) {
            Some(h) if h.end > i => {
                i = h.end;
                hits.push(h);
            }
            _ => i += 1,
        }
    }
    let hits = combine_ranges(&t, hits);
    hits.into_iter()
        .map(|h| TimeExpression {
            span: t.start(h.start)..t.end(h.end - 1),
            sentence: sentence.clone(),
            form: h.form,
            raw: h.raw,
            range_end: h.range_end,
            modifier: h.modifier,
            shift: h.shift,
            weekday: h.weekday,
            full_date: h.full,
        })
        .collect()
}

fn clamp(text: &str, span: Span) -> Span {
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start..end
}

/// A match over tokens `start..end`.
#[derive(Debug, Clone)]
struct Hit {
    start: usize,
    end: usize,
    form: Form,
    raw: Raw,
    range_end: Option<Raw>,
    modifier: Option<Modifier>,
    shift: Option<Shift>,
    weekday: Option<(Weekday, Span)>,
    full: Option<DateMatch>,
}

impl Hit {
    fn new(start: usize, end: usize, form: Form, raw: Raw) -> Hit {
        Hit {
            start,
            end,
            form,
            raw,
            range_end: None,
            modifier: None,
            shift: None,
            weekday: None,
            full: None,
        }
    }

    fn shifted(mut self, shift: Shift) -> Hit {
        self.shift = Some(shift);
        self
    }
}

fn full_hit(t: &Toks, start: usize, end: usize, d: DateMatch) -> Hit {
    let _ = t;
    let mut h = Hit::new(
        start,
        end,
        Form::FullDate,
        Raw::Date {
            year: YearRef::Stated(d.year),
            month: d.month,
            day: d.day,
        },
    );
    h.weekday = d.weekday.zip(d.weekday_span.clone());
    h.full = Some(d);
    h
}

/// The expression starting at token `i`, if any.
fn parse(t: &Toks, i: usize) -> Option<Hit> {
    let k = t.kind(i)?;
    let n = t.s(i).len();
    let skip = match k {
        Kind::Punct => true,
        Kind::Word => !lex::worth_trying(t, i),
        // Days and counts have one or two digits, years four.
        Kind::Num => n > 4 || (n == 3 && !t.any(i + 1, &["days", "weeks", "months", "years"])),
        Kind::Alnum => n > 8,
    };
    if skip {
        return None;
    }
    modified(t, i)
        .or_else(|| vague(t, i))
        .or_else(|| quarter(t, i))
        .or_else(|| half(t, i))
        .or_else(|| financial_year(t, i))
        .or_else(|| decade(t, i))
        .or_else(|| anaphoric(t, i))
        .or_else(|| ago(t, i))
        .or_else(|| relative_day(t, i))
        .or_else(|| shifted(t, i))
        .or_else(|| day_month(t, i))
        .or_else(|| season(t, i))
        .or_else(|| holiday(t, i))
        .or_else(|| month(t, i, false))
        .or_else(|| year(t, i))
        .or_else(|| weekday_alone(t, i))
        .or_else(|| weekend(t, i))
}

/// Sentence-initial, or after an opening quote, bracket or dash.
fn initial(t: &Toks, i: usize) -> bool {
    i == 0
        || (t.kind(i - 1) == Some(Kind::Punct)
            && matches!(
                t.s(i - 1),
                "“" | "\"" | "‘" | "'" | "(" | "[" | "—" | "–" | "-" | ":" | ";" | "…"
            ))
}

/// A capitalised word before `i` that makes `i` part of a name.
fn name_before(t: &Toks, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = i - 1;
    if t.any(p, lex::NAME_BEFORE) {
        return true;
    }
    t.cap(p)
        && !initial(t, p)
        && !lex::year_may_follow_capital(t.s(p))
        && lex::weekday(t, p).is_none()
        && !t.any(p, lex::TEMPORAL_PREPS)
}

fn temporal_prep_before(t: &Toks, i: usize) -> bool {
    i > 0 && t.word(i - 1) && t.any(i - 1, lex::TEMPORAL_PREPS)
}

/// Skip a possessive `'s` after token `i - 1`? Never part of a span; just
/// lets checks look past it.
fn after_possessive(t: &Toks, i: usize) -> usize {
    if t.apostrophe(i) && t.glued(i) && t.is(i + 1, "s") && t.glued(i + 1) {
        i + 2
    } else {
        i
    }
}

// ---------------------------------------------------------------- modifiers

fn modifier_word(t: &Toks, i: usize) -> Option<Modifier> {
    match t.which(i, &["early", "mid", "late", "middle"])? {
        0 => Some(Modifier::Start),
        1 | 3 => Some(Modifier::Mid),
        _ => Some(Modifier::End),
    }
}

fn modified(t: &Toks, i: usize) -> Option<Hit> {
    // `the mid-1990s`, `the late 1990s`
    if t.is(i, "the")
        && let Some(m) = modifier_word(t, i + 1)
    {
        let j = if t.dash(i + 2) { i + 3 } else { i + 2 };
        if let Some(mut h) = decade_core(t, j) {
            h.start = i;
            h.modifier = Some(m);
            h.form = Form::Fuzzy;
            return Some(h);
        }
    }
    // `early 2009`, `mid-2008`, `late July`, `early next year`
    if let Some(m) = modifier_word(t, i)
        && !t.is(i, "middle")
    {
        let j = if t.dash(i + 1) && t.glued(i + 1) {
            i + 2
        } else {
            i + 1
        };
        let target = decade_core(t, j)
            .or_else(|| shifted(t, j).filter(|h| h.form != Form::Weekday))
            .or_else(|| season_core(t, j, true))
            .or_else(|| month(t, j, true))
            .or_else(|| year_core(t, j, true));
        if let Some(mut h) = target {
            h.start = i;
            h.modifier = Some(m);
            h.form = Form::Fuzzy;
            return Some(h);
        }
        return None;
    }
    // `the end of the month`, `the start of 2009`, `the turn of the year`
    let (the, j) = if t.is(i, "the") {
        (true, i + 1)
    } else {
        (false, i)
    };
    let m = match t.which(
        j,
        &[
            "start",
            "beginning",
            "end",
            "middle",
            "close",
            "turn",
            "outset",
        ],
    )? {
        0 | 1 | 6 => Modifier::Start,
        3 => Modifier::Mid,
        5 => {
            // The turn of the year: around 1 January.
            if t.is(j + 1, "of") && t.is(j + 2, "the") && t.is(j + 3, "year") {
                return Some(Hit::new(i, j + 4, Form::Fuzzy, Raw::TurnOfYear));
            }
            return None;
        }
        _ => Modifier::End,
    };
    if !the && !t.is(j + 1, "of") {
        // `end-2008`, `end-March`
        if t.is(j, "end") && t.dash(j + 1) && t.glued(j + 1) {
            let target = year_core(t, j + 2, true).or_else(|| month(t, j + 2, true));
            if let Some(mut h) = target {
                h.start = i;
                h.modifier = Some(m);
                h.form = Form::Fuzzy;
                return Some(h);
            }
        }
        return None;
    }
    if !t.is(j + 1, "of") {
        return None;
    }
    let k = j + 2;
    // `the end of the 2021/22 financial year`
    if t.is(k, "the")
        && let Some(mut h) = year_core(t, k + 1, true).or_else(|| financial_year(t, k + 1))
        && h.form == Form::FinancialYear
        && t.any(h.end, &["financial", "fiscal"])
        && t.is(h.end + 1, "year")
    {
        h.start = i;
        h.end += 2;
        h.modifier = Some(m);
        h.form = Form::Fuzzy;
        return Some(h);
    }
    let target = period_of(t, k)
        .or_else(|| shifted(t, k).filter(|h| h.form != Form::Weekday))
        .or_else(|| quarter(t, k))
        .or_else(|| half(t, k))
        .or_else(|| decade(t, k))
        .or_else(|| season_core(t, k, true))
        .or_else(|| month(t, k, true))
        .or_else(|| year_core(t, k, true))
        .or_else(|| financial_year(t, k));
    let mut h = target?;
    h.start = i;
    h.modifier = Some(m);
    h.form = Form::Fuzzy;
    Some(h)
}

/// `the year`, `the month`, `the week`, `the quarter`, `the financial year`
/// (the current one), after `the end of`.
fn period_of(t: &Toks, i: usize) -> Option<Hit> {
    if !t.is(i, "the") {
        return None;
    }
    let (unit, end) = unit_word(t, i + 1)?;
    if unit == Unit::Day {
        return None;
    }
    Some(relative(i, end, unit, 0))
}

fn relative(start: usize, end: usize, unit: Unit, offset: i32) -> Hit {
    let raw = if unit == Unit::FinancialYear {
        Raw::RelativeFinancialYear(offset)
    } else {
        Raw::Relative { unit, offset }
    };
    Hit::new(start, end, Form::Relative, raw)
}

/// `week`, `month`, `year`, `quarter`, `day`, `financial year` at `i` → unit
/// and the token after it.
fn unit_word(t: &Toks, i: usize) -> Option<(Unit, usize)> {
    if t.any(i, &["financial", "fiscal"]) && t.is(i + 1, "year") {
        return Some((Unit::FinancialYear, i + 2));
    }
    let u = match t.which(i, &["day", "week", "month", "quarter", "year", "decade"])? {
        0 => Unit::Day,
        1 => Unit::Week,
        2 => Unit::Month,
        3 => Unit::Quarter,
        4 => Unit::Year,
        _ => Unit::Decade,
    };
    Some((u, i + 1))
}

/// Plural or singular unit for `two years ago`, with a multiplier
/// (decades count as ten years).
fn unit_plural(t: &Toks, i: usize) -> Option<(Unit, i32)> {
    Some(
        match t.which(
            i,
            &[
                "day", "days", "week", "weeks", "month", "months", "year", "years", "decade",
                "decades",
            ],
        )? {
            0 | 1 => (Unit::Day, 1),
            2 | 3 => (Unit::Week, 1),
            4 | 5 => (Unit::Month, 1),
            6 | 7 => (Unit::Year, 1),
            _ => (Unit::Year, 10),
        },
    )
}

// ---------------------------------------------------------------- vague

fn vague(t: &Toks, i: usize) -> Option<Hit> {
    const UNITS: &[&str] = &["days", "weeks", "months", "years"];
    if t.is(i, "recent") && t.any(i + 1, UNITS) {
        return Some(Hit::new(i, i + 2, Form::Vague, Raw::Vague(Vague::Past)));
    }
    let j = if t.is(i, "the") { i + 1 } else { i };
    if t.any(j, &["coming", "forthcoming"]) && t.any(j + 1, UNITS) {
        return Some(Hit::new(i, j + 2, Form::Vague, Raw::Vague(Vague::Future)));
    }
    None
}

// ---------------------------------------------------------------- quarters, halves

fn ordinal(t: &Toks, i: usize) -> Option<i8> {
    match t.which(
        i,
        &[
            "first", "second", "third", "fourth", "final", "1st", "2nd", "3rd", "4th",
        ],
    )? {
        0 | 5 => Some(1),
        1 | 6 => Some(2),
        2 | 7 => Some(3),
        3 | 4 | 8 => Some(4),
        _ => None,
    }
}

/// After a quarter or half: ` of 2008`, ` 2008`, ` of this year`, ` of the
/// year` → the year and the token after it.
fn year_of(t: &Toks, i: usize) -> (YearRef, usize) {
    let j = if t.is(i, "of") { i + 1 } else { i };
    if let Some(y) = lex::year(t, j) {
        return (YearRef::Stated(y), j + 1);
    }
    if t.is(i, "of") {
        if let Some(off) = t.which(j, &["last", "this", "next"])
            && t.is(j + 1, "year")
        {
            return (YearRef::Relative(off as i32 - 1), j + 2);
        }
        if t.is(j, "the") && t.is(j + 1, "year") {
            return (YearRef::Relative(0), j + 2);
        }
        if t.is(j, "the") && t.any(j + 1, &["financial", "fiscal"]) && t.is(j + 2, "year") {
            return (YearRef::Relative(0), j + 3);
        }
    }
    if let Some(off) = t.which(i, &["last", "this", "next"])
        && t.is(i + 1, "year")
    {
        return (YearRef::Relative(off as i32 - 1), i + 2);
    }
    (YearRef::Unstated, i)
}

fn quarter(t: &Toks, i: usize) -> Option<Hit> {
    // Q1, Q1 2008
    let s = t.s(i);
    if t.kind(i) == Some(Kind::Alnum)
        && s.len() == 2
        && (s.starts_with('Q') || s.starts_with('q'))
        && let Ok(q) = s[1..].parse::<i8>()
        && (1..=4).contains(&q)
    {
        let (year, end) = year_of(t, i + 1);
        return Some(Hit::new(
            i,
            end,
            Form::Quarter,
            Raw::Quarter { year, quarter: q },
        ));
    }
    let (the, j) = if t.is(i, "the") {
        (true, i + 1)
    } else {
        (false, i)
    };
    let q = ordinal(t, j)?;
    let (dash, k) = if t.dash(j + 1) && t.glued(j + 1) {
        (true, j + 2)
    } else {
        (false, j + 1)
    };
    if !t.is(k, "quarter") {
        return None;
    }
    if !the && !dash && !t.is(k + 1, "of") && lex::year(t, k + 1).is_none() && !t.cap(j) {
        // `first quarter profits` still counts; only lowercase mid-sentence
        // without a noun is odd — accept anyway.
    }
    let (year, end) = year_of(t, k + 1);
    Some(Hit::new(
        i,
        end,
        Form::Quarter,
        Raw::Quarter { year, quarter: q },
    ))
}

fn half(t: &Toks, i: usize) -> Option<Hit> {
    let s = t.s(i);
    if t.kind(i) == Some(Kind::Alnum)
        && s.len() == 2
        && (s.starts_with('H') || s.starts_with('h'))
        && let Ok(h) = s[1..].parse::<i8>()
        && (1..=2).contains(&h)
        && s.starts_with('H')
    {
        let (year, end) = year_of(t, i + 1);
        return Some(Hit::new(i, end, Form::Half, Raw::Half { year, half: h }));
    }
    let (the, j) = if t.is(i, "the") {
        (true, i + 1)
    } else {
        (false, i)
    };
    let h = match t.which(j, &["first", "second"])? {
        0 => 1,
        _ => 2,
    };
    if t.dash(j + 1) && t.glued(j + 1) && t.is(j + 2, "half") {
        let (year, end) = year_of(t, j + 3);
        return Some(Hit::new(i, end, Form::Half, Raw::Half { year, half: h }));
    }
    if !t.is(j + 1, "half") {
        return None;
    }
    let (year, end) = year_of(t, j + 2);
    if year == YearRef::Unstated && !the {
        return None;
    }
    if year == YearRef::Unstated {
        // `the first half` of a match, a book...: only with a year.
        return None;
    }
    Some(Hit::new(i, end, Form::Half, Raw::Half { year, half: h }))
}

// ---------------------------------------------------------------- financial years

/// `FY2009`, `FY09`, `FY 2009`, `FY2008/09`, `fiscal 2009`.
fn financial_year(t: &Toks, i: usize) -> Option<Hit> {
    let s = t.s(i);
    let (digits, next) = if t.kind(i) == Some(Kind::Alnum)
        && s.len() > 2
        && s.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("fy"))
        && s.bytes().skip(2).all(|b| b.is_ascii_digit())
    {
        (&s[2..], i + 1)
    } else if (t.is(i, "FY") || t.is(i, "fiscal")) && t.kind(i + 1) == Some(Kind::Num) {
        (t.s(i + 1), i + 2)
    } else {
        return None;
    };
    let y: i16 = match digits.len() {
        2 => 2000 + digits.parse::<i16>().ok()?,
        4 => digits.parse().ok()?,
        _ => return None,
    };
    if !(1900..=2099).contains(&y) {
        return None;
    }
    if (t.punct(next, "/") || t.dash(next)) && t.glued(next) && t.glued(next + 1) {
        let second = t.s(next + 1);
        if consecutive(y, second) {
            return Some(Hit::new(
                i,
                next + 2,
                Form::FinancialYear,
                Raw::FinancialYear {
                    start: y,
                    by_end: false,
                },
            ));
        }
    }
    Some(Hit::new(
        i,
        next,
        Form::FinancialYear,
        Raw::FinancialYear {
            start: y - 1,
            by_end: true,
        },
    ))
}

/// `09` after 2008, `2009` after 2008, `9` after 2008.
fn consecutive(y: i16, second: &str) -> bool {
    if !second.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Ok(n) = second.parse::<i32>() else {
        return false;
    };
    let next = i32::from(y) + 1;
    match second.len() {
        1 => n == next % 10,
        2 => n == next % 100,
        4 => n == next,
        _ => false,
    }
}

// ---------------------------------------------------------------- decades

fn decade(t: &Toks, i: usize) -> Option<Hit> {
    if t.is(i, "the") {
        let mut h = decade_core(t, i + 1)?;
        h.start = i;
        return Some(h);
    }
    decade_core(t, i)
}

/// `1990s`, `1990's`.
fn decade_core(t: &Toks, i: usize) -> Option<Hit> {
    let s = t.s(i);
    let (digits, end) = if t.kind(i) == Some(Kind::Alnum) && s.len() == 5 && s.ends_with('s') {
        (&s[..4], i + 1)
    } else if t.kind(i) == Some(Kind::Num)
        && s.len() == 4
        && t.apostrophe(i + 1)
        && t.glued(i + 1)
        && t.s(i + 2) == "s"
        && t.glued(i + 2)
    {
        (s, i + 3)
    } else {
        return None;
    };
    let y: i16 = digits.parse().ok()?;
    if y % 10 != 0 || !(1800..=2090).contains(&y) {
        return None;
    }
    Some(Hit::new(i, end, Form::Decade, Raw::Decade(y)))
}

// ---------------------------------------------------------------- relative

/// Words after which `that` is a conjunction, not a demonstrative.
const THAT_CONJUNCTION_AFTER: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tell",
    "announced",
    "confirmed",
    "added",
    "warned",
    "claimed",
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "thought",
    "so",
    "such",
    "now",
    "hope",
    "hopes",
    "expect",
    "expects",
    "clear",
    "shows",
    "showed",
    "means",
    "meant",
    "found",
    "suggest",
    "suggests",
    "suggested",
    "argued",
    "reported",
    "noted",
    "insisted",
    "know",
    "knew",
    "known",
    "ensure",
    "agreed",
    "admitted",
    "stated",
    "fact",
    "revealed",
    "learnt",
    "learned",
    "understands",
    "understood",
];

/// `the following month`, `the next day`, `the same day`, `that summer`,
/// `the new year`.
fn anaphoric(t: &Toks, i: usize) -> Option<Hit> {
    // `that summer`, `that year`, `that March` (not `said that summer
    // sales...`: `that` must not follow a verb of saying or thinking).
    if t.is(i, "that") && !(i > 0 && t.any(i - 1, THAT_CONJUNCTION_AFTER)) {
        if let Some((unit, end)) = unit_word(t, i + 1)
            && !matches!(unit, Unit::Quarter | Unit::FinancialYear)
        {
            return Some(Hit::new(
                i,
                end,
                Form::Anaphoric,
                Raw::Anaphoric { unit, offset: 0 },
            ));
        }
        let year = YearRef::Unstated;
        if let Some(season) = season_word(t, i + 1)
            && !t.is(i + 1, "fall")
        {
            return Some(
                Hit::new(i, i + 2, Form::Anaphoric, Raw::Season { year, season })
                    .shifted(Shift::That),
            );
        }
        if let Some((month, false)) = lex::month(t, i + 1) {
            return Some(
                Hit::new(i, i + 2, Form::Anaphoric, Raw::Month { year, month })
                    .shifted(Shift::That),
            );
        }
        return None;
    }
    if t.is(i, "the") && t.is(i + 1, "new") && t.is(i + 2, "year") && !t.apostrophe(i + 3) {
        return Some(Hit::new(i, i + 3, Form::Relative, Raw::NewYear));
    }
    if t.is(i, "the") {
        let off = match t.which(
            i + 1,
            &["following", "next", "previous", "preceding", "same"],
        )? {
            0 | 1 => 1,
            2 | 3 => -1,
            _ => 0,
        };
        let (unit, end) = unit_word(t, i + 2)?;
        if unit == Unit::Quarter || unit == Unit::FinancialYear {
            return None;
        }
        // `over the next year` is a duration.
        if off == 1
            && t.is(i + 1, "next")
            && i > 0
            && t.any(
                i - 1,
                &[
                    "over",
                    "during",
                    "within",
                    "for",
                    "in",
                    "throughout",
                    "into",
                ],
            )
        {
            return None;
        }
        return Some(Hit::new(
            i,
            end,
            Form::Anaphoric,
            Raw::Anaphoric { unit, offset: off },
        ));
    }
    // `a day later`, `two years earlier`
    let n = lex::count(t, i)?;
    let (unit, times) = unit_plural(t, i + 1)?;
    let n = n * times;
    let sign = match t.which(i + 2, &["later", "earlier"])? {
        0 => 1,
        _ => -1,
    };
    if t.is(i + 3, "than") {
        return None;
    }
    Some(Hit::new(
        i,
        i + 3,
        Form::Anaphoric,
        Raw::Anaphoric {
            unit,
            offset: sign * n,
        },
    ))
}

/// `two years ago`, `a few weeks ago`, `in two years' time`.
fn ago(t: &Toks, i: usize) -> Option<Hit> {
    if t.any(i, &["few", "several", "many", "some"]) || (t.is(i, "a") && t.is(i + 1, "few")) {
        let j = if t.is(i, "a") { i + 2 } else { i + 1 };
        if unit_plural(t, j).is_some() && t.is(j + 1, "ago") {
            return Some(Hit::new(i, j + 2, Form::Vague, Raw::Vague(Vague::Past)));
        }
        return None;
    }
    let n = lex::count(t, i)?;
    let (unit, times) = unit_plural(t, i + 1)?;
    let n = n * times;
    if t.is(i + 2, "ago") {
        return Some(relative(i, i + 3, unit, -n));
    }
    // in two years' time
    if i > 0 && t.is(i - 1, "in") {
        let mut j = i + 2;
        if t.apostrophe(j) {
            j += 1;
            if t.is(j, "s") && t.glued(j) {
                j += 1;
            }
        } else if t.is(j, "s") {
            j += 1;
        }
        if t.is(j, "time") {
            return Some(relative(i, j + 1, unit, n));
        }
    }
    None
}

/// `yesterday`, `today`, `tomorrow morning`, `last night`, `this morning`.
fn relative_day(t: &Toks, i: usize) -> Option<Hit> {
    const PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];
    let part = |j: usize| if t.any(j, PARTS) { j + 1 } else { j };
    if let Some(w) = t.which(i, &["yesterday", "today", "tomorrow", "tonight"]) {
        // BBC Radio 4's Today programme.
        if t.cap(i) && w == 1 && i > 0 && t.is(i - 1, "the") {
            return None;
        }
        let off = match w {
            0 => -1,
            2 => 1,
            _ => 0,
        };
        let end = if w == 3 { i + 1 } else { part(i + 1) };
        return Some(relative(i, end, Unit::Day, off));
    }
    if t.is(i, "last") && t.is(i + 1, "night") {
        return Some(relative(i, i + 2, Unit::Day, -1));
    }
    if t.is(i, "this") && t.any(i + 1, &["morning", "afternoon", "evening"]) {
        return Some(relative(i, i + 2, Unit::Day, 0));
    }
    None
}

/// `last week`, `next month`, `this year`, `last July`, `next Friday`,
/// `this summer`, `last weekend`, `earlier this month`, `later in the year`.
fn shifted(t: &Toks, i: usize) -> Option<Hit> {
    if t.any(i, &["earlier", "later"]) {
        if t.is(i + 1, "this")
            && let Some((unit, end)) = unit_word(t, i + 2)
            && unit != Unit::Day
        {
            return Some(relative(i, end, unit, 0));
        }
        if t.is(i + 1, "in")
            && t.is(i + 2, "the")
            && let Some((unit, end)) = unit_word(t, i + 3)
            && matches!(unit, Unit::Week | Unit::Month | Unit::Year)
        {
            return Some(relative(i, end, unit, 0));
        }
        return None;
    }
    let shift = match t.which(i, &["last", "this", "next", "past", "previous"])? {
        0 => Shift::Last,
        1 => Shift::This,
        2 => Shift::Next,
        _ => return None,
    };
    // `the last week`, `its next year`: durations and possessions.
    if i > 0
        && t.any(
            i - 1,
            &[
                "the", "its", "their", "his", "her", "our", "my", "your", "a", "every", "each",
            ],
        )
    {
        return None;
    }
    let j = i + 1;
    let offset = match shift {
        Shift::Last => -1,
        Shift::This | Shift::That => 0,
        Shift::Next => 1,
    };
    if let Some((unit, end)) = unit_word(t, j) {
        if unit == Unit::Day {
            return None;
        }
        return Some(relative(i, end, unit, offset));
    }
    if t.is(j, "weekend") {
        return Some(Hit::new(i, j + 1, Form::Weekend, Raw::Weekend).shifted(shift));
    }
    if let Some(w) = lex::weekday(t, j) {
        return Some(Hit::new(i, j + 1, Form::Weekday, Raw::Weekday(w)).shifted(shift));
    }
    if let Some((m, false)) = lex::month(t, j) {
        return Some(
            Hit::new(
                i,
                j + 1,
                Form::Month,
                Raw::Month {
                    year: YearRef::Unstated,
                    month: m,
                },
            )
            .shifted(shift),
        );
    }
    if let Some(s) = season_word(t, j) {
        return Some(
            Hit::new(
                i,
                j + 1,
                Form::Season,
                Raw::Season {
                    year: YearRef::Unstated,
                    season: s,
                },
            )
            .shifted(shift),
        );
    }
    None
}

// ---------------------------------------------------------------- calendar

/// `28 May`, `28th of May`, `May 28`, `Friday, 2 September`.
fn day_month(t: &Toks, i: usize) -> Option<Hit> {
    // A weekday before the date, perhaps abbreviated (`Fri.,`).
    let abbreviated = || {
        t.cap(i)
            .then(|| crate::analysis::dates::weekday_from_name(t.s(i)))
            .flatten()
    };
    let (weekday, j) = match lex::weekday(t, i).or_else(abbreviated) {
        Some(w) => {
            let mut j = i + 1;
            if t.punct(j, ".") && t.glued(j) {
                j += 1;
            }
            if t.punct(j, ",") {
                j += 1;
            }
            (Some((w, t.start(i)..t.end(i))), j)
        }
        None => (None, i),
    };
    if j > 0 && t.kind(j - 1) == Some(Kind::Punct) && matches!(t.s(j - 1), "£" | "$" | "€" | "#")
    {
        return None;
    }
    let parsed = if let Some(d) = lex::day(t, j) {
        let k = if t.is(j + 1, "of") { j + 2 } else { j + 1 };
        lex::month(t, k).map(|(m, abbr)| {
            (
                d,
                m,
                k + 1 + usize::from(abbr && t.punct(k + 1, ".") && t.glued(k + 1)),
            )
        })
    } else if let Some((m, abbr)) = lex::month(t, j) {
        let k = j + 1 + usize::from(abbr && t.punct(j + 1, ".") && t.glued(j + 1));
        match lex::day(t, k) {
            // Not `May 28.5`, `May 28,000`, `May 10:30`.
            Some(d)
                if !(t.glued(k + 1)
                    && (t.punct(k + 1, ":") || t.punct(k + 1, ".") || t.punct(k + 1, ","))
                    && t.glued(k + 2)
                    && t.kind(k + 2) == Some(Kind::Num)) =>
            {
                if t.any(k + 1, lex::COUNT_NOUNS) || t.punct(k + 1, "%") {
                    None
                } else {
                    Some((d, m, k + 1))
                }
            }
            _ => None,
        }
    } else {
        None
    };
    let (d, m, end) = parsed?;
    let form = Form::DayMonth;
    let mut h = Hit::new(
        i,
        end,
        form,
        Raw::Date {
            year: YearRef::Unstated,
            month: m,
            day: d,
        },
    );
    h.weekday = weekday;
    Some(h)
}

fn season_word(t: &Toks, i: usize) -> Option<Season> {
    Some(match t.which(i, &lex::SEASONS)? {
        0 => Season::Spring,
        1 => Season::Summer,
        2 | 4 => Season::Autumn,
        _ => Season::Winter,
    })
}

fn season(t: &Toks, i: usize) -> Option<Hit> {
    if t.is(i, "the") {
        let mut h = season_core(t, i + 1, false)?;
        h.start = i;
        return Some(h);
    }
    season_core(t, i, false)
}

/// `summer 2008`, `the autumn of 2010` (after `the`), `spring` after a
/// preposition; with `free`, a bare season (after a modifier).
fn season_core(t: &Toks, i: usize, free: bool) -> Option<Hit> {
    let s = season_word(t, i)?;
    let after_the = i > 0 && t.is(i - 1, "the");
    let (year, end) = {
        let j = if t.is(i + 1, "of") { i + 2 } else { i + 1 };
        match lex::year(t, j) {
            Some(y) => (YearRef::Stated(y), j + 1),
            None => (YearRef::Unstated, i + 1),
        }
    };
    let fall = t.is(i, "fall");
    let ok = match year {
        YearRef::Stated(_) => true,
        _ => !fall && (free || after_the || temporal_prep_before(t, i)),
    };
    if !ok || (fall && !after_the && year == YearRef::Unstated) {
        return None;
    }
    // `the summer of love`, `summer schools`: only a real period.
    if year == YearRef::Unstated && t.is(i + 1, "of") {
        return None;
    }
    Some(Hit::new(
        i,
        end,
        Form::Season,
        Raw::Season { year, season: s },
    ))
}

/// `Christmas`, `Christmas Day`, `Christmas Eve`, `Boxing Day`, `New
/// Year's Day`, `New Year's Eve`.
fn holiday(t: &Toks, i: usize) -> Option<Hit> {
    let (month, day, end) = if t.cap(i) && t.is(i, "christmas") {
        if name_before(t, i) {
            return None;
        }
        match t.which(i + 1, &["day", "eve"]) {
            Some(0) => (12, 25, i + 2),
            Some(_) => (12, 24, i + 2),
            None => (12, 25, i + 1),
        }
    } else if t.cap(i) && t.is(i, "boxing") && t.is(i + 1, "day") {
        (12, 26, i + 2)
    } else if t.cap(i)
        && t.is(i, "new")
        && t.is(i + 1, "year")
        && t.apostrophe(i + 2)
        && t.is(i + 3, "s")
        && t.any(i + 4, &["day", "eve"])
    {
        if t.is(i + 4, "day") {
            (1, 1, i + 5)
        } else {
            (12, 31, i + 5)
        }
    } else {
        return None;
    };
    let (year, end) = match lex::year(t, end) {
        Some(y) => (YearRef::Stated(y), end + 1),
        None => (YearRef::Unstated, end),
    };
    let form = if matches!(year, YearRef::Stated(_)) {
        Form::FullDate
    } else {
        Form::DayMonth
    };
    Some(Hit::new(i, end, form, Raw::Date { year, month, day }))
}

/// `August`, `January 2003`, `March of this year`, `June last year`. With
/// `free` (after a modifier or `the end of`), no context is needed.
fn month(t: &Toks, i: usize, free: bool) -> Option<Hit> {
    let (m, abbr) = lex::month(t, i)?;
    let mut j = i + 1;
    if abbr && t.punct(j, ".") && t.glued(j) {
        j += 1;
    }
    // January 2003, June, 2008, March of 2008
    let k = if t.punct(j, ",") || t.is(j, "of") {
        j + 1
    } else {
        j
    };
    if let Some(y) = lex::year(t, k)
        && !(t.dash(k + 1) && t.glued(k + 1) && t.kind(k + 2) == Some(Kind::Num))
    {
        if name_before(t, i) && !free {
            return None;
        }
        return Some(Hit::new(
            i,
            k + 1,
            Form::MonthYear,
            Raw::Month {
                year: YearRef::Stated(y),
                month: m,
            },
        ));
    }
    // March this year, March of last year
    let k = if t.is(j, "of") { j + 1 } else { j };
    if let Some(off) = t.which(k, &["last", "this", "next"])
        && t.is(k + 1, "year")
        && !t.is(k + 2, "'")
    {
        return Some(Hit::new(
            i,
            k + 2,
            Form::MonthYear,
            Raw::Month {
                year: YearRef::Relative(off as i32 - 1),
                month: m,
            },
        ));
    }
    if abbr {
        return None;
    }
    let h = Hit::new(
        i,
        j,
        Form::Month,
        Raw::Month {
            year: YearRef::Unstated,
            month: m,
        },
    );
    if free {
        return Some(h);
    }
    month_alone_ok(t, i, m).then_some(h)
}

fn month_alone_ok(t: &Toks, i: usize, m: i8) -> bool {
    if name_before(t, i) {
        return false;
    }
    let prep = temporal_prep_before(t, i);
    let next = after_possessive(t, i + 1);
    let next_is_name = t.cap(next)
        && lex::month(t, next).is_none()
        && lex::weekday(t, next).is_none()
        && !t.any(next, &["and", "or", "to", "until", "through"])
        && next == i + 1;
    if prep {
        return true;
    }
    if next_is_name {
        return false;
    }
    let ambiguous = m == 5 || m == 3;
    if !ambiguous {
        return true;
    }
    // `the May election`: a determiner and a lowercase noun.
    i > 0 && t.is(i - 1, "the") && t.word(i + 1) && !t.cap(i + 1) && !t.is(i + 1, "of")
}

/// `2010`, `2008/09`, `2005-2008` with the checks that it is a year.
fn year(t: &Toks, i: usize) -> Option<Hit> {
    year_core(t, i, false)
}

fn year_core(t: &Toks, i: usize, free: bool) -> Option<Hit> {
    let y = lex::year(t, i)?;
    // 2008/09, 2008-09, 2008/2009: financial years (or seasons).
    if (t.punct(i + 1, "/") || t.dash(i + 1))
        && t.glued(i + 1)
        && t.glued(i + 2)
        && t.kind(i + 2) == Some(Kind::Num)
    {
        let second = t.s(i + 2);
        if consecutive(y, second) {
            return Some(Hit::new(
                i,
                i + 3,
                Form::FinancialYear,
                Raw::FinancialYear {
                    start: y,
                    by_end: false,
                },
            ));
        }
        if t.dash(i + 1)
            && let Some(y2) = lex::year(t, i + 2)
            && y2 > y
            && y2 - y <= 50
        {
            let mut h = Hit::new(i, i + 3, Form::Range, Raw::Year(y));
            h.range_end = Some(Raw::Year(y2));
            return Some(h);
        }
        if t.punct(i + 1, "/") {
            // 2008/2010, 15/2008...: not a year we can read.
            return None;
        }
    }
    if !free && !year_ok(t, i) {
        return None;
    }
    Some(Hit::new(i, i + 1, Form::Year, Raw::Year(y)))
}

fn year_ok(t: &Toks, i: usize) -> bool {
    if i > 0 {
        let p = i - 1;
        if t.kind(p) == Some(Kind::Punct) {
            match t.s(p) {
                "£" | "$" | "€" | "¥" | "#" | "+" | "№" => return false,
                "," | "." | ":" if t.glued(i) && p > 0 && t.kind(p - 1) == Some(Kind::Num) => {
                    return false;
                }
                "-" | "‑" if t.glued(i) && p > 0 && t.glued(p) && t.word(p - 1) => return false,
                _ => {}
            }
        }
        if matches!(t.kind(p), Some(Kind::Num) | Some(Kind::Alnum)) {
            return false;
        }
        if t.word(p) && t.any(p, lex::QUANTIFIERS) {
            // `up to 2010`, `than 2010`: quantities unless `by`/`in` decided it.
            return false;
        }
        if t.is(p, "to") && p > 0 && t.is(p - 1, "up") {
            return false;
        }
        // `Euro 2008`, `Windows 2000`, even at a sentence start.
        if name_before(t, i) || (t.cap(p) && !lex::year_may_follow_capital(t.s(p))) {
            return false;
        }
    }
    let n = i + 1;
    if t.kind(n) == Some(Kind::Punct) {
        match t.s(n) {
            "%" => return false,
            "." | "," | ":" if t.glued(n) && t.glued(n + 1) && t.kind(n + 1) == Some(Kind::Num) => {
                return false;
            }
            _ => {}
        }
    }
    if t.any(
        n,
        &[
            "m", "bn", "million", "billion", "k", "kg", "km", "mph", "ft", "cc", "per", "percent",
            "x",
        ],
    ) {
        return false;
    }
    if t.word(n) && !t.cap(n) && t.any(n, lex::COUNT_NOUNS) {
        return false;
    }
    true
}

/// `Tuesday`, `Friday morning`, unless part of a name.
fn weekday_alone(t: &Toks, i: usize) -> Option<Hit> {
    let w = lex::weekday(t, i)?;
    if name_before(t, i) {
        return None;
    }
    if t.any(i + 1, lex::WEEKDAY_NAMES_AFTER) {
        return None;
    }
    // The Mail on Sunday.
    if i >= 2 && t.is(i - 1, "on") && t.is(i - 2, "mail") {
        return None;
    }
    let prep = temporal_prep_before(t, i);
    if t.cap(i + 1)
        && !prep
        && lex::month(t, i + 1).is_none()
        && !t.any(i + 1, &["and", "or"])
        && !initial(t, i)
    {
        return None;
    }
    let end = if t.any(i + 1, &["morning", "afternoon", "evening", "night"]) {
        i + 2
    } else {
        i + 1
    };
    let mut h = Hit::new(i, end, Form::Weekday, Raw::Weekday(w));
    h.weekday = Some((w, t.start(i)..t.end(i)));
    Some(h)
}

/// `the weekend`.
fn weekend(t: &Toks, i: usize) -> Option<Hit> {
    if t.is(i, "the") && t.is(i + 1, "weekend") {
        return Some(Hit::new(i, i + 2, Form::Weekend, Raw::Weekend));
    }
    None
}

// ---------------------------------------------------------------- ranges

/// Joins `between A and B`, `from A to B`, `A-B` (months), `between 2 and 5
/// September` into ranges.
fn combine_ranges(t: &Toks, hits: Vec<Hit>) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    let mut it = hits.into_iter().peekable();
    while let Some(a) = it.next() {
        // A bare day before B: `between 2 and 5 September`, `4-6 May`.
        if matches!(a.raw, Raw::Date { .. }) && a.form != Form::Range && a.weekday.is_none() {
            // (handled when `a` is the second end; see below)
        }
        let Some(b) = it.peek() else {
            out.push(bare_day_range(t, a));
            continue;
        };
        let gap = a.end..b.start;
        let before = a.start.checked_sub(1);
        let opener = before.and_then(|p| t.which(p, &["between", "from"]));
        let connector = if gap.len() == 1 {
            let c = gap.start;
            if t.is(c, "and") {
                Some(0)
            } else if t.any(c, &["to", "until", "till", "through", "thru"]) {
                Some(1)
            } else if t.dash(c) {
                Some(2)
            } else {
                None
            }
        } else {
            None
        };
        let ok = match (opener, connector) {
            (Some(0), Some(0)) => true,
            (Some(1), Some(1 | 2)) => true,
            (None, Some(1 | 2)) => same_kind_months(&a.raw, &b.raw),
            _ => false,
        };
        if !ok || a.form == Form::Range || b.form == Form::Range || !rangeable(&a) || !rangeable(b)
        {
            out.push(bare_day_range(t, a));
            continue;
        }
        let Some(b) = it.next() else {
            out.push(a);
            continue;
        };
        let (ra, rb) = inherit(a.raw.clone(), b.raw.clone());
        let start = if opener.is_some() {
            a.start - 1
        } else {
            a.start
        };
        let mut h = Hit::new(start, b.end, Form::Range, ra);
        h.range_end = Some(rb);
        out.push(h);
    }
    out
}

fn rangeable(h: &Hit) -> bool {
    !matches!(
        h.raw,
        Raw::Vague(_) | Raw::Anaphoric { .. } | Raw::TurnOfYear | Raw::Relative { .. }
    ) && h.modifier.is_none()
}

fn same_kind_months(a: &Raw, b: &Raw) -> bool {
    matches!(
        (a, b),
        (
            Raw::Month {
                year: YearRef::Unstated,
                ..
            },
            Raw::Month { .. }
        ) | (
            Raw::Month {
                year: YearRef::Stated(_),
                ..
            },
            Raw::Month {
                year: YearRef::Stated(_),
                ..
            }
        )
    )
}

/// A start without a year takes the end's (a year earlier if its month is
/// later: `from November to February 2009`); an end without one takes the
/// start's.
fn inherit(a: Raw, b: Raw) -> (Raw, Raw) {
    let year_of = |r: &Raw| match r {
        Raw::Date { year, month, .. } | Raw::Month { year, month } => Some((*year, *month)),
        _ => None,
    };
    let set = |r: Raw, y: YearRef| match r {
        Raw::Date { month, day, .. } => Raw::Date {
            year: y,
            month,
            day,
        },
        Raw::Month { month, .. } => Raw::Month { year: y, month },
        other => other,
    };
    match (year_of(&a), year_of(&b)) {
        (
            Some((YearRef::Unstated, ma)),
            Some((yb @ (YearRef::Stated(_) | YearRef::Relative(_)), mb)),
        ) => {
            let y = match yb {
                YearRef::Stated(y) if ma > mb => YearRef::Stated(y - 1),
                YearRef::Relative(o) if ma > mb => YearRef::Relative(o - 1),
                other => other,
            };
            (set(a, y), b)
        }
        (
            Some((ya @ (YearRef::Stated(_) | YearRef::Relative(_)), ma)),
            Some((YearRef::Unstated, mb)),
        ) => {
            let y = match ya {
                YearRef::Stated(y) if mb < ma => YearRef::Stated(y + 1),
                YearRef::Relative(o) if mb < ma => YearRef::Relative(o + 1),
                other => other,
            };
            (a, set(b, y))
        }
        _ => (a, b),
    }
}

/// `between 2 and 5 September`, `from 4 to 6 May`, `4-6 May 2008` before a
/// day-and-month hit `b`.
fn bare_day_range(t: &Toks, b: Hit) -> Hit {
    let Raw::Date { year, month, .. } = b.raw else {
        return b;
    };
    if b.weekday.is_some() || b.form == Form::Range || b.start < 2 {
        return b;
    }
    let c = b.start - 1;
    let d = b.start - 2;
    let Some(first) = lex::day(t, d) else {
        return b;
    };
    let opener = d
        .checked_sub(1)
        .and_then(|p| t.which(p, &["between", "from"]));
    let ok = match opener {
        Some(0) => t.is(c, "and"),
        Some(_) => t.any(c, &["to", "until", "till"]) || t.dash(c),
        None => t.dash(c) && t.glued(c) && t.glued(b.start),
    };
    if !ok {
        return b;
    }
    let start = if opener.is_some() { d - 1 } else { d };
    let mut h = Hit::new(
        start,
        b.end,
        Form::Range,
        Raw::Date {
            year,
            month,
            day: first,
        },
    );
    h.range_end = Some(b.raw.clone());
    h
}
