//! Calendar names: days and months, seasons, holidays, years, weekdays.

use super::periods::consecutive;
use super::{Hit, after_possessive, initial, name_before, temporal_prep_before};
use crate::analysis::temporal::lexicon::{Kind, Toks};
use crate::analysis::temporal::{Form, Raw, Season, YearRef, lexicon as lex};

/// `28 May`, `28th of May`, `May 28`, `Friday, 2 September`.
pub(super) fn day_month(t: &Toks, i: usize) -> Option<Hit> {
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

pub(super) fn season_word(t: &Toks, i: usize) -> Option<Season> {
    Some(match t.which(i, &lex::SEASONS)? {
        0 => Season::Spring,
        1 => Season::Summer,
        2 | 4 => Season::Autumn,
        _ => Season::Winter,
    })
}

pub(super) fn season(t: &Toks, i: usize) -> Option<Hit> {
    if t.is(i, "the") {
        let mut h = season_core(t, i + 1, false)?;
        h.start = i;
        return Some(h);
    }
    season_core(t, i, false)
}

/// `summer 2008`, `the autumn of 2010` (after `the`), `spring` after a
/// preposition; with `free`, a bare season (after a modifier).
pub(super) fn season_core(t: &Toks, i: usize, free: bool) -> Option<Hit> {
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
pub(super) fn holiday(t: &Toks, i: usize) -> Option<Hit> {
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
pub(super) fn month(t: &Toks, i: usize, free: bool) -> Option<Hit> {
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
pub(super) fn year(t: &Toks, i: usize) -> Option<Hit> {
    year_core(t, i, false)
}

pub(super) fn year_core(t: &Toks, i: usize, free: bool) -> Option<Hit> {
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
pub(super) fn weekday_alone(t: &Toks, i: usize) -> Option<Hit> {
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
pub(super) fn weekend(t: &Toks, i: usize) -> Option<Hit> {
    if t.is(i, "the") && t.is(i + 1, "weekend") {
        return Some(Hit::new(i, i + 2, Form::Weekend, Raw::Weekend));
    }
    None
}
