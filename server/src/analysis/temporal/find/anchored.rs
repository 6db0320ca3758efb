//! Expressions read against another date: `the following month`, `two
//! years ago`, `yesterday`, `next Tuesday`.

use super::Hit;
use super::calendar::season_word;
use super::modifiers::{relative, unit_plural, unit_word};
use crate::analysis::temporal::lexicon::Toks;
use crate::analysis::temporal::{Form, Raw, Shift, Unit, Vague, YearRef, lexicon as lex};

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
pub(super) fn anaphoric(t: &Toks, i: usize) -> Option<Hit> {
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
pub(super) fn ago(t: &Toks, i: usize) -> Option<Hit> {
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
pub(super) fn relative_day(t: &Toks, i: usize) -> Option<Hit> {
    const PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];
    let part = |j: usize| if t.any(j, PARTS) { j + 1 } else { j };
    if let Some(w) = t.which(i, &["yesterday", "today", "tomorrow", "tonight"]) {
        // BBC Radio 4's Today programme; "Health Informatics Today".
        if t.cap(i) && ((w == 1 && i > 0 && t.is(i - 1, "the")) || super::name_before(t, i)) {
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
pub(super) fn shifted(t: &Toks, i: usize) -> Option<Hit> {
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
