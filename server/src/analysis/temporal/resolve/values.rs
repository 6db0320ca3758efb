//! Calendar values: an expression's raw reading, the tense and the anchor
//! made into a `Timex` with its first and last day.

use super::Context;
use crate::analysis::dates::{DateStyle, format_date};
use crate::analysis::temporal::{
    Precision, Raw, SLIP_DAYS, Season, Shift, Tense, Timex, Unit, Vague, YearRef,
};
use jiff::civil::{Date, Weekday};

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().days(n)).ok()
}

pub(super) fn days_between(a: Date, b: Date) -> i64 {
    b.duration_since(a).as_secs() / 86_400
}

fn ymd(y: i32, m: i8, d: i8) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, m, d).ok()
}

fn month_period(y: i32, m: i8) -> Option<(Date, Date)> {
    let first = ymd(y, m, 1)?;
    Some((first, first.last_of_month()))
}

fn timex(value: String, precision: Precision, first: Date, last: Date) -> Timex {
    Timex {
        value,
        precision,
        period: Some((first, last)),
        modifier: None,
    }
}

fn day_timex(d: Date) -> Timex {
    timex(format_date(d, DateStyle::Iso), Precision::Day, d, d)
}

fn month_timex(y: i32, m: i8) -> Option<Timex> {
    let (f, l) = month_period(y, m)?;
    Some(timex(format!("{y:04}-{m:02}"), Precision::Month, f, l))
}

fn year_timex(y: i32) -> Option<Timex> {
    Some(timex(
        format!("{y:04}"),
        Precision::Year,
        ymd(y, 1, 1)?,
        ymd(y, 12, 31)?,
    ))
}

fn week_timex(d: Date) -> Option<Timex> {
    let w = d.iso_week_date();
    let monday = add_days(d, -i64::from(d.weekday().to_monday_zero_offset()))?;
    let sunday = add_days(monday, 6)?;
    Some(timex(
        format!("{:04}-W{:02}", w.year(), w.week()),
        Precision::Week,
        monday,
        sunday,
    ))
}

fn weekend_timex(saturday: Date) -> Option<Timex> {
    let w = saturday.iso_week_date();
    Some(timex(
        format!("{:04}-W{:02}-WE", w.year(), w.week()),
        Precision::Weekend,
        saturday,
        add_days(saturday, 1)?,
    ))
}

fn decade_timex(y: i32) -> Option<Timex> {
    let y = y.div_euclid(10) * 10;
    Some(timex(
        format!("{:03}", y / 10),
        Precision::Decade,
        ymd(y, 1, 1)?,
        ymd(y + 9, 12, 31)?,
    ))
}

fn quarter_timex(y: i32, q: i8) -> Option<Timex> {
    let first = ymd(y, (q - 1) * 3 + 1, 1)?;
    let last = ymd(y, q * 3, 1)?.last_of_month();
    Some(timex(
        format!("{y:04}-Q{q}"),
        Precision::Quarter,
        first,
        last,
    ))
}

fn half_timex(y: i32, h: i8) -> Option<Timex> {
    let first = ymd(y, if h == 1 { 1 } else { 7 }, 1)?;
    let last = ymd(y, if h == 1 { 6 } else { 12 }, if h == 1 { 30 } else { 31 })?;
    Some(timex(format!("{y:04}-H{h}"), Precision::Half, first, last))
}

fn season_timex(y: i32, s: Season) -> Option<Timex> {
    let (code, f, l) = match s {
        Season::Spring => ("SP", ymd(y, 3, 1)?, ymd(y, 5, 31)?),
        Season::Summer => ("SU", ymd(y, 6, 1)?, ymd(y, 8, 31)?),
        Season::Autumn => ("FA", ymd(y, 9, 1)?, ymd(y, 11, 30)?),
        Season::Winter => ("WI", ymd(y, 12, 1)?, ymd(y + 1, 3, 1)?.yesterday().ok()?),
    };
    Some(timex(format!("{y:04}-{code}"), Precision::Season, f, l))
}

fn fy_timex(start: i32, by_end: bool) -> Option<Timex> {
    let value = if by_end {
        format!("FY{:04}", start + 1)
    } else {
        format!("FY{:04}/{:02}", start, (start + 1) % 100)
    };
    Some(timex(
        value,
        Precision::FinancialYear,
        ymd(start, 4, 1)?,
        ymd(start + 1, 3, 31)?,
    ))
}

/// The period `raw` names in year `y` (for yearless expressions).
fn in_year(raw: &Raw, y: i32) -> Option<Timex> {
    match *raw {
        Raw::Date { month, day, .. } => match ymd(y, month, day) {
            Some(d) => Some(day_timex(d)),
            // 29 February in a common year: place it by 28 February and
            // keep the written value, so the check can report it.
            None => {
                let d = ymd(y, month, 1)?.last_of_month();
                let mut t = day_timex(d);
                t.value = format!("{y:04}-{month:02}-{day:02}");
                Some(t)
            }
        },
        Raw::Month { month, .. } => month_timex(y, month),
        Raw::Quarter { quarter, .. } => quarter_timex(y, quarter),
        Raw::Half { half, .. } => half_timex(y, half),
        Raw::Season { season, .. } => season_timex(y, season),
        _ => None,
    }
}

fn year_of(raw: &Raw) -> Option<YearRef> {
    match raw {
        Raw::Date { year, .. }
        | Raw::Month { year, .. }
        | Raw::Quarter { year, .. }
        | Raw::Half { year, .. }
        | Raw::Season { year, .. } => Some(*year),
        _ => None,
    }
}

/// Picks among candidate periods by tense (see the module docs).
fn choose(
    cands: Vec<Timex>,
    tense: Tense,
    shift: Option<Shift>,
    pub_date: Date,
    may_slip: bool,
) -> Option<Timex> {
    let span = |t: &Timex| t.period.unwrap_or((pub_date, pub_date));
    let contains = |t: &Timex| {
        let (f, l) = span(t);
        f <= pub_date && pub_date <= l
    };
    let distance = |t: &Timex| {
        let (f, l) = span(t);
        if pub_date < f {
            days_between(pub_date, f)
        } else if pub_date > l {
            days_between(l, pub_date)
        } else {
            0
        }
    };
    match shift {
        Some(Shift::Last) => {
            return cands
                .into_iter()
                .filter(|t| span(t).1 < pub_date)
                .max_by_key(|t| span(t).0);
        }
        Some(Shift::Next) => {
            return cands
                .into_iter()
                .filter(|t| span(t).0 > pub_date)
                .min_by_key(|t| span(t).0);
        }
        Some(Shift::This) => {
            let this = cands
                .iter()
                .find(|t| contains(t))
                .or_else(|| cands.iter().find(|t| span(t).0.year() == pub_date.year()))
                .cloned();
            return this.or_else(|| cands.into_iter().min_by_key(distance));
        }
        Some(Shift::That) | None => {}
    }
    // A day told in the "wrong" tense but within a few days of publication
    // is a slip (or a dateline a day off), not a date a year away.
    let slip = |t: &Timex| may_slip && t.precision == Precision::Day && distance(t) <= SLIP_DAYS;
    match tense {
        Tense::Past => {
            if let Some(t) = cands
                .iter()
                .filter(|t| span(t).0 > pub_date && slip(t))
                .min_by_key(|t| distance(t))
            {
                return Some(t.clone());
            }
            cands
                .into_iter()
                .filter(|t| span(t).0 <= pub_date)
                .max_by_key(|t| span(t).0)
        }
        Tense::Future => {
            if let Some(t) = cands
                .iter()
                .filter(|t| span(t).1 < pub_date && slip(t))
                .min_by_key(|t| distance(t))
            {
                return Some(t.clone());
            }
            cands
                .into_iter()
                .filter(|t| span(t).1 >= pub_date)
                .min_by_key(|t| span(t).0)
        }
        Tense::Neutral => {
            // Ties go to the past: news reports more than it forecasts.
            cands
                .into_iter()
                .min_by_key(|t| (distance(t), span(t).0 > pub_date))
        }
    }
}

pub(super) fn value(
    raw: &Raw,
    shift: Option<Shift>,
    tense: Tense,
    p: Date,
    frame: Option<i16>,
) -> Option<Timex> {
    let py = i32::from(p.year());
    if let Some(yr) = year_of(raw) {
        return match yr {
            YearRef::Stated(y) => in_year_exact(raw, i32::from(y)),
            YearRef::Relative(o) => in_year_exact(raw, py + o),
            YearRef::Unstated => {
                if let Some(y) = frame
                    && shift.is_none()
                {
                    return in_year(raw, i32::from(y));
                }
                // A leap day is read like any other day (and reported
                // by the checks if its year has none).
                let cands: Vec<Timex> = (py - 2..=py + 1).filter_map(|y| in_year(raw, y)).collect();
                choose(cands, tense, shift, p, true)
            }
        };
    }
    match *raw {
        Raw::Year(y) => year_timex(i32::from(y)),
        Raw::Decade(y) => decade_timex(i32::from(y)),
        Raw::NewYear => {
            // Early January still calls the current year new; otherwise the
            // next one, unless told in the past (the one that has begun).
            let y = if tense == Tense::Past || (p.month() == 1 && p.day() <= 15) {
                py
            } else {
                py + 1
            };
            year_timex(y)
        }
        Raw::FinancialYear { start, by_end } => fy_timex(i32::from(start), by_end),
        Raw::RelativeFinancialYear(o) => {
            let start = if p.month() >= 4 { py } else { py - 1 };
            fy_timex(start + o, true).map(|mut t| {
                t.value = format!("FY{:04}/{:02}", start + o, (start + o + 1) % 100);
                t
            })
        }
        Raw::Weekday(w) => weekday_value(w, shift, tense, p),
        Raw::Weekend => weekend_value(shift, tense, p),
        Raw::TurnOfYear => turn_of_year_value(tense, p),
        Raw::Relative { unit, offset } => relative(unit, offset, p),
        Raw::Vague(v) => Some(Timex {
            value: match v {
                Vague::Past => "PAST_REF".into(),
                Vague::Future => "FUTURE_REF".into(),
            },
            precision: Precision::Vague,
            period: None,
            modifier: None,
        }),
        Raw::Anaphoric { .. } => None,
        _ => None,
    }
}

/// `Tuesday`: the one the tense and shift point to, within a week.
fn weekday_value(w: Weekday, shift: Option<Shift>, tense: Tense, p: Date) -> Option<Timex> {
    let cands: Vec<Timex> = (-7..=7)
        .filter_map(|n| add_days(p, n))
        .filter(|d| d.weekday() == w)
        .map(day_timex)
        .collect();
    if shift == Some(Shift::This) {
        let monday = add_days(p, -i64::from(p.weekday().to_monday_zero_offset()))?;
        return add_days(monday, i64::from(w.to_monday_zero_offset())).map(day_timex);
    }
    choose(cands, tense, shift, p, false)
}

/// `the weekend`: the one the tense and shift point to.
fn weekend_value(shift: Option<Shift>, tense: Tense, p: Date) -> Option<Timex> {
    let sat = add_days(
        p,
        i64::from(Weekday::Saturday.to_monday_zero_offset())
            - i64::from(p.weekday().to_monday_zero_offset()),
    )?;
    let cands: Vec<Timex> = [-14, -7, 0, 7, 14]
        .iter()
        .filter_map(|&n| add_days(sat, n))
        .filter_map(weekend_timex)
        .collect();
    if shift == Some(Shift::This) {
        return weekend_timex(sat);
    }
    if shift == Some(Shift::Next) {
        return add_days(sat, 7).and_then(weekend_timex);
    }
    // A weekend told in the past has started by publication.
    let cands = if tense == Tense::Past {
        cands
            .into_iter()
            .filter(|t| t.period.is_some_and(|(f, _)| f <= p))
            .collect()
    } else {
        cands
    };
    choose(cands, tense, shift, p, false)
}

/// `the turn of the year`: December and January around the nearest new year
/// the tense allows.
fn turn_of_year_value(tense: Tense, p: Date) -> Option<Timex> {
    let py = i32::from(p.year());
    let cands: Vec<(i32, Date)> = (py - 1..=py + 1)
        .filter_map(|y| Some((y, ymd(y, 1, 1)?)))
        .collect();
    let (y, _) = match tense {
        Tense::Past => cands.iter().rev().find(|(_, d)| *d <= p).copied(),
        Tense::Future => cands.iter().find(|(_, d)| *d >= p).copied(),
        Tense::Neutral => cands
            .iter()
            .min_by_key(|(_, d)| days_between(p, *d).abs())
            .copied(),
    }?;
    Some(timex(
        format!("{:04}-12/{:04}-01", y - 1, y),
        Precision::Range,
        ymd(y - 1, 12, 1)?,
        ymd(y, 1, 31)?,
    ))
}

/// A period in a known year; `None` for impossible dates (`31 September`).
fn in_year_exact(raw: &Raw, y: i32) -> Option<Timex> {
    if let Raw::Date { month, day, .. } = *raw {
        return ymd(y, month, day).map(day_timex);
    }
    in_year(raw, y)
}

fn relative(unit: Unit, offset: i32, p: Date) -> Option<Timex> {
    let py = i32::from(p.year());
    match unit {
        Unit::Day => add_days(p, i64::from(offset)).map(day_timex),
        Unit::Week => add_days(p, 7 * i64::from(offset)).and_then(week_timex),
        Unit::Month => {
            let m0 = py * 12 + i32::from(p.month()) - 1 + offset;
            month_timex(m0.div_euclid(12), (m0.rem_euclid(12) + 1) as i8)
        }
        Unit::Quarter => {
            let q0 = py * 4 + (i32::from(p.month()) - 1) / 3 + offset;
            quarter_timex(q0.div_euclid(4), (q0.rem_euclid(4) + 1) as i8)
        }
        Unit::Year => year_timex(py + offset),
        Unit::Decade => decade_timex(py + 10 * offset),
        Unit::FinancialYear => {
            let start = if p.month() >= 4 { py } else { py - 1 } + offset;
            fy_timex(start, false)
        }
    }
}

/// `the following month` after `prev`.
pub(super) fn anaphora(prev: &Timex, unit: Unit, offset: i32) -> Option<Timex> {
    let (first, _) = prev.period?;
    match unit {
        Unit::Day if prev.precision == Precision::Day => relative(Unit::Day, offset, first),
        Unit::Week
            if matches!(
                prev.precision,
                Precision::Day | Precision::Week | Precision::Weekend
            ) =>
        {
            relative(Unit::Week, offset, first)
        }
        Unit::Month
            if matches!(
                prev.precision,
                Precision::Day | Precision::Week | Precision::Month
            ) =>
        {
            relative(Unit::Month, offset, first)
        }
        Unit::Year if prev.precision != Precision::Decade && prev.precision != Precision::Vague => {
            relative(Unit::Year, offset, first)
        }
        Unit::Decade if matches!(prev.precision, Precision::Decade | Precision::Year) => {
            relative(Unit::Decade, offset, first)
        }
        _ => None,
    }
}

pub(super) fn range(
    a: &Raw,
    b: &Raw,
    shift: Option<Shift>,
    tense: Tense,
    p: Date,
    cx: &Context,
) -> Option<Timex> {
    let end = value(b, shift, tense, p, cx.year_frame)?;
    let (end_first, end_last) = end.period?;
    // The start is the latest of its kind on or before the end.
    let start = if year_of(a) == Some(YearRef::Unstated) && cx.year_frame.is_none() {
        let ey = i32::from(end_first.year());
        (ey - 1..=ey)
            .filter_map(|y| in_year(a, y))
            .filter(|t| t.period.is_some_and(|(f, _)| f <= end_first))
            .max_by_key(|t| t.period.map(|(f, _)| f))?
    } else {
        value(a, shift, tense, p, cx.year_frame)?
    };
    let (start_first, _) = start.period?;
    Some(timex(
        format!("{}/{}", start.value, end.value),
        Precision::Range,
        start_first,
        end_last.max(start_first),
    ))
}
