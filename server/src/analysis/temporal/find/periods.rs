//! Quarters, halves, financial years and decades.

use super::Hit;
use crate::analysis::temporal::lexicon::{Kind, Toks};
use crate::analysis::temporal::{Form, Raw, YearRef, lexicon as lex};

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

pub(super) fn quarter(t: &Toks, i: usize) -> Option<Hit> {
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

pub(super) fn half(t: &Toks, i: usize) -> Option<Hit> {
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

/// `FY2009`, `FY09`, `FY 2009`, `FY2008/09`, `fiscal 2009`.
pub(super) fn financial_year(t: &Toks, i: usize) -> Option<Hit> {
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
pub(super) fn consecutive(y: i16, second: &str) -> bool {
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

pub(super) fn decade(t: &Toks, i: usize) -> Option<Hit> {
    if t.is(i, "the") {
        let mut h = decade_core(t, i + 1)?;
        h.start = i;
        return Some(h);
    }
    decade_core(t, i)
}

/// `1990s`, `1990's`.
pub(super) fn decade_core(t: &Toks, i: usize) -> Option<Hit> {
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
