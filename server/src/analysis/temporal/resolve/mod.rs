//! Reading expressions against the publication date: tense from the
//! clause, then the calendar value.

mod explain;
mod tense;
mod tense_words;
mod values;

use explain::explain;
pub(crate) use explain::find_weekday_in;
use tense::tense_in;
pub(crate) use tense::{
    has_own_verb, is_deferred_target, is_future_in_past, tense_of, word_before, words_before,
};
use values::{anaphora, range, value};

use super::lexicon::Toks;
use super::{Anchor, Form, Raw, Resolution, Shift, Tense, TimeExpression, Timex, YearRef};
use crate::analysis::Span;
use jiff::civil::Date;

/// Resolves one expression on its own (no sentence or paragraph context:
/// see [`resolve_all`]).
pub fn resolve(text: &str, expr: &TimeExpression, anchor: &Anchor) -> Resolution {
    let t = sentence_tokens(text, expr);
    resolve_with(text, expr, anchor, &Context::default(), &t)
}

fn sentence_tokens<'a>(text: &'a str, expr: &TimeExpression) -> Toks<'a> {
    Toks::new(text, expr.sentence.start, expr.sentence.end)
}

/// Resolves expressions in text order, letting an explicit year earlier in
/// a sentence frame its yearless dates (`In 2010 ... on 11 May`) and
/// anaphoric ones (`the following month`) follow the previous date.
pub fn resolve_all(text: &str, exprs: &[TimeExpression], anchor: &Anchor) -> Vec<Resolution> {
    let mut out: Vec<Resolution> = Vec::with_capacity(exprs.len());
    let mut toks: Option<(Span, Toks)> = None;
    for (i, e) in exprs.iter().enumerate() {
        if toks.as_ref().is_none_or(|(s, _)| *s != e.sentence) {
            toks = Some((e.sentence.clone(), sentence_tokens(text, e)));
        }
        let Some((_, t)) = &toks else { continue };
        let mut cx = Context::default();
        for (p, r) in exprs[..i].iter().zip(&out).rev() {
            let same = p.sentence == e.sentence;
            let near = same || e.sentence.start.saturating_sub(p.sentence.end) < 300;
            if !near {
                break;
            }
            if cx.previous.is_none()
                && let Some(t) = &r.timex
                && t.period.is_some()
            {
                cx.previous = Some(t.clone());
            }
            if same && cx.year_frame.is_none() && frames_year(text, p) {
                cx.year_frame = stated_year(&p.raw);
            }
        }
        out.push(resolve_with(text, e, anchor, &cx, t));
    }
    out
}

/// Resolution without a publication date: explicit values only.
pub(crate) fn unanchored(text: &str, expr: &TimeExpression) -> Resolution {
    let surface = surface(text, expr);
    let (tense, cue) = tense_of(text, expr);
    let timex = explicit(expr);
    let explanation = match &timex {
        Some(t) => format!(
            "‘{surface}’ is {}; the article has no publication date",
            t.value
        ),
        None => format!("‘{surface}’ cannot be placed: the article has no publication date"),
    };
    Resolution {
        timex,
        tense,
        tense_cue: cue,
        explanation,
    }
}

#[derive(Default)]
struct Context {
    year_frame: Option<i16>,
    previous: Option<Timex>,
}

fn stated_year(raw: &Raw) -> Option<i16> {
    match raw {
        Raw::Year(y) => Some(*y),
        Raw::Date {
            year: YearRef::Stated(y),
            ..
        }
        | Raw::Month {
            year: YearRef::Stated(y),
            ..
        }
        | Raw::Season {
            year: YearRef::Stated(y),
            ..
        }
        | Raw::Quarter {
            year: YearRef::Stated(y),
            ..
        } => Some(*y),
        _ => None,
    }
}

/// `In 2010 ...`, `During March 2007, ...`: a year opening the sentence
/// frames the rest of it. Elsewhere it does not (`was due in 2009, but ...
/// since 17 August`; `arrived on July 16, 2011, and was scheduled to depart
/// in July` means the next July).
fn frames_year(text: &str, e: &TimeExpression) -> bool {
    if !matches!(e.form, Form::Year | Form::MonthYear) || e.modifier.is_some() {
        return false;
    }
    let before = text
        .get(e.sentence.start..e.span.start)
        .unwrap_or("")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\'' | '('));
    ["in", "during", "throughout"]
        .iter()
        .any(|w| before.eq_ignore_ascii_case(w))
}

fn surface<'a>(text: &'a str, e: &TimeExpression) -> &'a str {
    text.get(e.span.clone()).unwrap_or("")
}

fn resolve_with(
    text: &str,
    expr: &TimeExpression,
    anchor: &Anchor,
    cx: &Context,
    toks: &Toks,
) -> Resolution {
    let (tense, cue) = tense_in(toks, expr);
    let pub_date = anchor.date;
    // `had originally planned to go live in September`: a plan told from
    // the past may be behind publication or ahead, so a month or day
    // without a year is the nearest one.
    let placing = if tense == Tense::Future
        && expr.is_underspecified()
        && expr.shift.is_none()
        && is_future_in_past(text, expr)
    {
        Tense::Neutral
    } else {
        tense
    };
    let mut timex = match (&expr.raw, &expr.range_end) {
        (a, Some(b)) => range(a, b, expr.shift, placing, pub_date, cx),
        (Raw::Anaphoric { unit, offset }, None) => cx
            .previous
            .as_ref()
            .and_then(|p| anaphora(p, *unit, *offset)),
        (raw, None) if expr.shift == Some(Shift::That) => {
            let frame = cx
                .previous
                .as_ref()
                .and_then(|p| p.period)
                .map(|(f, _)| f.year());
            value(raw, None, placing, pub_date, frame.or(cx.year_frame))
        }
        (raw, None) => value(raw, expr.shift, placing, pub_date, cx.year_frame),
    };
    if let Some(t) = &mut timex {
        t.modifier = expr.modifier;
    }
    let explanation = explain(text, expr, anchor, tense, cue.as_deref(), timex.as_ref());
    Resolution {
        timex,
        tense,
        tense_cue: cue,
        explanation,
    }
}

/// The value of an expression that needs no publication date.
fn explicit(expr: &TimeExpression) -> Option<Timex> {
    if expr.is_underspecified() {
        return None;
    }
    let any = Date::constant(2000, 1, 1);
    let mut t = match &expr.range_end {
        Some(b) => range(&expr.raw, b, None, Tense::Neutral, any, &Context::default()),
        None => value(&expr.raw, None, Tense::Neutral, any, None),
    }?;
    t.modifier = expr.modifier;
    Some(t)
}
