//! `early 2009`, `the end of the month`, `the mid-1990s`; the units and
//! relative offsets they share with `relative`; vague periods.

use super::Hit;
use super::anchored::shifted;
use super::calendar::{month, season_core, year_core};
use super::periods::{decade, decade_core, financial_year, half, quarter};
use crate::analysis::temporal::lexicon::Toks;
use crate::analysis::temporal::{Form, Modifier, Raw, Unit, Vague};

fn modifier_word(t: &Toks, i: usize) -> Option<Modifier> {
    match t.which(i, &["early", "mid", "late", "middle"])? {
        0 => Some(Modifier::Start),
        1 | 3 => Some(Modifier::Mid),
        _ => Some(Modifier::End),
    }
}

pub(super) fn modified(t: &Toks, i: usize) -> Option<Hit> {
    if let Some(h) = modified_decade(t, i) {
        return Some(h);
    }
    if let Some(m) = modifier_word(t, i)
        && !t.is(i, "middle")
    {
        return modifier_before(t, i, m);
    }
    part_of(t, i)
}

/// `the mid-1990s`, `the late 1990s`.
fn modified_decade(t: &Toks, i: usize) -> Option<Hit> {
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
    None
}

/// `early 2009`, `mid-2008`, `late July`, `early next year`: the modifier
/// `m` at `i`.
fn modifier_before(t: &Toks, i: usize, m: Modifier) -> Option<Hit> {
    let j = if t.dash(i + 1) && t.glued(i + 1) {
        i + 2
    } else {
        i + 1
    };
    let mut h = decade_core(t, j)
        .or_else(|| shifted(t, j).filter(|h| h.form != Form::Weekday))
        .or_else(|| season_core(t, j, true))
        .or_else(|| month(t, j, true))
        .or_else(|| year_core(t, j, true))?;
    h.start = i;
    h.modifier = Some(m);
    h.form = Form::Fuzzy;
    Some(h)
}

/// `the end of the month`, `the start of 2009`, `the turn of the year`.
fn part_of(t: &Toks, i: usize) -> Option<Hit> {
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

pub(super) fn relative(start: usize, end: usize, unit: Unit, offset: i32) -> Hit {
    let raw = if unit == Unit::FinancialYear {
        Raw::RelativeFinancialYear(offset)
    } else {
        Raw::Relative { unit, offset }
    };
    Hit::new(start, end, Form::Relative, raw)
}

/// `week`, `month`, `year`, `quarter`, `day`, `financial year` at `i` → unit
/// and the token after it.
pub(super) fn unit_word(t: &Toks, i: usize) -> Option<(Unit, usize)> {
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
pub(super) fn unit_plural(t: &Toks, i: usize) -> Option<(Unit, i32)> {
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

pub(super) fn vague(t: &Toks, i: usize) -> Option<Hit> {
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
