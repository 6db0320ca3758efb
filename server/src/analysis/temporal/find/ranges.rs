//! Joining two expressions into a range: `between A and B`, `from A to B`,
//! `4-6 May`.

use super::Hit;
use crate::analysis::temporal::lexicon::Toks;
use crate::analysis::temporal::{Form, Raw, YearRef, lexicon as lex};

/// Joins `between A and B`, `from A to B`, `A-B` (months), `between 2 and 5
/// September` into ranges.
pub(super) fn combine_ranges(t: &Toks, hits: Vec<Hit>) -> Vec<Hit> {
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
