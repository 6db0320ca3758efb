//! Reading expressions against the publication date: tense from the
//! clause, then the calendar value.

use super::lexicon::{Kind, Toks, VERB_CHAIN};
use super::{
    Anchor, Form, Precision, Raw, Resolution, SLIP_DAYS, Season, Shift, Tense, TimeExpression,
    Timex, Unit, Vague, YearRef,
};
use crate::analysis::Span;
use crate::analysis::dates::{DateStyle, format_date, month_name};
use jiff::civil::{Date, Weekday};

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
    let mut timex = match (&expr.raw, &expr.range_end) {
        (a, Some(b)) => range(a, b, expr.shift, tense, pub_date, cx),
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
            value(raw, None, tense, pub_date, frame.or(cx.year_frame))
        }
        (raw, None) => value(raw, expr.shift, tense, pub_date, cx.year_frame),
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

// ------------------------------------------------------------------ tense

const FUTURE: &[&str] = &[
    "will",
    "shall",
    "ll",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "expected",
    "expects",
    "expect",
    "expecting",
    "scheduled",
    "planned",
    "planning",
    "plans",
    "intends",
    "intend",
    "intended",
    "likely",
    "unlikely",
    "hopes",
    "hoping",
    "hope",
    "predicts",
    "anticipates",
    "aims",
    "aiming",
    "poised",
    "upcoming",
    "tomorrow",
    "wants",
    "targeting",
    "wouldn",
    "couldn",
    "shouldn",
    "mightn",
    "mustn",
    "shan",
];

/// Words that make the following `to` + verb future: `hope to`, `due to`.
const BEFORE_TO: &[&str] = &[
    "due",
    "set",
    "going",
    "hope",
    "hopes",
    "hoped",
    "aim",
    "aims",
    "aimed",
    "plan",
    "plans",
    "planned",
    "intend",
    "intends",
    "intended",
    "want",
    "wants",
    "wanted",
    "agreed",
    "agree",
    "promised",
    "promise",
    "expected",
    "expect",
    "expects",
    "seeks",
    "seek",
    "sought",
    "prepared",
    "preparing",
    "ready",
    "about",
    "able",
    "likely",
    "poised",
    "scheduled",
    "decided",
    "voted",
    "pledged",
    "vowed",
    "is",
    "are",
    "was",
    "were",
    "committed",
    "forecast",
    "predicted",
    "proposed",
    "proposes",
    "propose",
    "targeted",
    "targeting",
];

/// Future participles that, right after a noun (`a strike planned for
/// December`), only qualify the noun: no tense of their own.
const FUTURE_PARTICIPLES: &[&str] = &[
    "expected",
    "scheduled",
    "planned",
    "due",
    "proposed",
    "set",
    "intended",
    "forecast",
    "predicted",
    "anticipated",
    "promised",
    "targeted",
];

const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "began",
    "became",
    "broke",
    "brought",
    "built",
    "bought",
    "came",
    "chose",
    "drew",
    "drove",
    "fell",
    "felt",
    "fought",
    "found",
    "gave",
    "got",
    "grew",
    "heard",
    "held",
    "kept",
    "knew",
    "laid",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "ran",
    "rang",
    "rose",
    "sat",
    "saw",
    "sent",
    "shook",
    "sold",
    "spent",
    "spoke",
    "stood",
    "stole",
    "struck",
    "swore",
    "took",
    "taught",
    "thought",
    "threw",
    "understood",
    "went",
    "won",
    "wrote",
    "withdrew",
    "overtook",
    "undertook",
    "began",
    "bid",
    "hit",
    "quit",
    "ago",
    "since",
    "earlier",
    "previously",
    "formerly",
    "once",
    "sought",
    "won",
    "beat",
    "forgot",
    "hid",
    "lent",
    "sank",
    "shot",
    "slid",
    "sprang",
    "stuck",
    "swept",
    "swung",
    "tore",
    "woke",
    "wound",
    "arose",
    "fled",
    "flew",
    "froze",
    "dealt",
    "dug",
    "fed",
    "lit",
    "slept",
    "spun",
    "upheld",
    "withheld",
    "didn",
    "wasn",
    "weren",
    "hadn",
];

const PRESENT: &[&str] = &[
    "is",
    "are",
    "am",
    "does",
    "do",
    "can",
    "says",
    "tells",
    "isn",
    "aren",
    "doesn",
    "don",
    "proposes",
    "runs",
    "ends",
    "expires",
    "lasts",
    "remains",
    "covers",
    "continues",
];

const NOT_PAST_ED: &[&str] = &[
    "need",
    "feed",
    "seed",
    "speed",
    "bed",
    "red",
    "shed",
    "hundred",
    "embed",
    "proceed",
    "exceed",
    "succeed",
    "breed",
    "greed",
    "weed",
    "deed",
    "indeed",
    "sacred",
    "naked",
    "wicked",
    "aged",
    "based",
    "wed",
    "led",
    "fled",
    "bled",
    "sped",
    "med",
    "ted",
    "ned",
    "limited",
    "united",
    "detailed",
    "interested",
    "concerned",
    "qualified",
    "skilled",
    "talented",
    "dedicated",
    "sophisticated",
    "complicated",
    "integrated",
    "advanced",
    "related",
    "supposed",
    "used",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    Future,
    Past,
    Present,
}

fn classify(t: &Toks, j: usize) -> Option<Cue> {
    if t.kind(j) != Some(Kind::Word) {
        return None;
    }
    let w = t.s(j);
    // won't, didn't: the auxiliary before the apostrophe decides.
    if t.is(j, "won") && t.apostrophe(j + 1) && t.is(j + 2, "t") {
        return Some(Cue::Future);
    }
    if t.is(j, "to") {
        if j > 0 && t.any(j - 1, BEFORE_TO) && t.word(j + 1) && !t.any(j + 1, DETERMINERS) {
            return Some(Cue::Future);
        }
        return None;
    }
    if t.is(j, "due") {
        // `due to the weather` is a cause.
        if t.is(j + 1, "to") && t.any(j + 2, DETERMINERS) {
            return None;
        }
        return Some(Cue::Future);
    }
    if t.is(j, "set") {
        return (t.any(j + 1, &["to", "for"])).then_some(Cue::Future);
    }
    if t.any(j, FUTURE) {
        // `the deal expected` stays; `may` only lowercase (not the month).
        if t.is(j, "may") && t.cap(j) {
            return None;
        }
        return Some(Cue::Future);
    }
    if t.any(j, PAST) {
        return Some(Cue::Past);
    }
    if t.any(j, PRESENT) {
        return Some(Cue::Present);
    }
    if t.any(j, &["has", "have"]) {
        return Some(Cue::Present);
    }
    if w.len() >= 4 && w.ends_with("ed") && !t.cap(j) && !t.any(j, NOT_PAST_ED) {
        return Some(Cue::Past);
    }
    None
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
    "poor", "bad", "high", "low", "lack", "concerns", "delays", "problems", "pressure",
];

/// The tense of a verb group whose main verb is at `j`, looking left
/// through auxiliaries and adverbs.
fn group_tense(t: &Toks, j: usize, lo: usize, cue: Cue) -> (Tense, usize) {
    let mut tense = match cue {
        Cue::Future => Tense::Future,
        Cue::Past => Tense::Past,
        Cue::Present => Tense::Neutral,
    };
    let mut decider = j;
    // A participle's auxiliaries decide: `will be signed`, `has been
    // signed`, `is expected to be signed`.
    let mut k = j;
    let mut aux_seen = false;
    while k > lo {
        let p = k - 1;
        if !(t.apostrophe(p) || (t.word(p) && t.any(p, VERB_CHAIN))) {
            break;
        }
        if t.apostrophe(p) {
            k = p;
            continue;
        }
        aux_seen = true;
        match classify(t, p) {
            Some(Cue::Future) => {
                tense = Tense::Future;
                decider = p;
            }
            Some(Cue::Past) if tense != Tense::Future => {
                tense = Tense::Past;
                decider = p;
            }
            Some(Cue::Present) if tense != Tense::Future && t.any(p, &["has", "have"]) => {
                tense = Tense::Past;
                decider = p;
            }
            Some(Cue::Present) if tense != Tense::Future && cue == Cue::Past => {
                // `is signed`: present passive.
                tense = Tense::Neutral;
                decider = p;
            }
            _ => {}
        }
        k = p;
    }
    // `a strike planned for December`: a bare future participle after a
    // noun has no tense of its own.
    if cue == Cue::Future
        && !aux_seen
        && t.any(j, FUTURE_PARTICIPLES)
        && j > 0
        && t.word(j - 1)
        && !t.any(
            j - 1,
            &[
                "is", "are", "was", "were", "be", "been", "it", "they", "he", "she", "we", "i",
                "you",
            ],
        )
        && !t.any(j + 1, &["to"])
    {
        return (Tense::Neutral, j);
    }
    (tense, decider)
}

const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "while", "whereas", "although", "though",
    "because", "but", "and", "or", "if", "unless", "where", "whether",
];

fn is_boundary(t: &Toks, j: usize) -> bool {
    match t.kind(j) {
        Some(Kind::Punct) => match t.s(j) {
            "," | ";" | ":" | "(" | ")" | "\"" | "“" | "”" | "—" | "–" | "[" | "]" | "‘" => {
                true
            }
            "’" | "'" => !(t.glued(j) && t.glued(j + 1) && t.word(j + 1)),
            "-" => !(t.glued(j) && t.glued(j + 1)),
            _ => false,
        },
        Some(Kind::Word) => t.any(j, CLAUSE_WORDS),
        _ => false,
    }
}

/// A date that qualifies a noun (`the October launch`, `its May figures`,
/// `fourth-quarter earnings`): the clause's verb does not date it, so it
/// is read as the nearest.
fn attributive(t: &Toks, a: usize, b: usize, expr: &TimeExpression) -> bool {
    if matches!(expr.form, Form::Quarter | Form::Half)
        && (a + 1..b).any(|j| t.dash(j))
        && !t.is(a, "the")
    {
        return true;
    }
    const DETERMINERS: &[&str] = &["the", "its", "their", "his", "her", "our", "this", "a"];
    const NOT_NOUNS: &[&str] = &[
        "of", "in", "on", "at", "to", "for", "and", "or", "was", "were", "is", "are", "will",
        "has", "had", "have", "when", "that", "which", "as", "by", "with", "before", "after",
        "would", "could", "should", "may", "might", "last", "this", "next",
    ];
    expr.is_underspecified()
        && a > 0
        && t.any(a - 1, DETERMINERS)
        && t.word(b)
        && !t.cap(b)
        && !t.any(b, NOT_NOUNS)
        && !t.s(b).ends_with("ed")
}

/// Whether the clause around `expr` has a verb of its own (else its tense
/// was borrowed from a neighbouring clause).
pub(crate) fn has_own_verb(text: &str, expr: &TimeExpression) -> bool {
    let t = sentence_tokens(text, expr);
    clause_tense(&t, t.at(expr.span.start), t.at(expr.span.end)).2
}

/// The word right before an expression, lowercased (`on`, `until`).
pub(crate) fn word_before(text: &str, expr: &TimeExpression) -> Option<String> {
    let t = sentence_tokens(text, expr);
    let a = t.at(expr.span.start);
    a.checked_sub(1)
        .filter(|&p| t.word(p))
        .map(|p| t.s(p).to_ascii_lowercase())
}

/// The tense of the clause around `expr`, and the word that decided it.
pub(crate) fn tense_of(text: &str, expr: &TimeExpression) -> (Tense, Option<String>) {
    tense_in(&sentence_tokens(text, expr), expr)
}

/// [`tense_of`] over the sentence's tokens.
fn tense_in(t: &Toks, expr: &TimeExpression) -> (Tense, Option<String>) {
    let a = t.at(expr.span.start);
    let b = t.at(expr.span.end);
    let prep = a
        .checked_sub(1)
        .filter(|&p| t.word(p))
        .map(|p| t.s(p).to_ascii_lowercase());
    if prep.as_deref() == Some("since") {
        return (Tense::Past, Some("since".into()));
    }
    if attributive(t, a, b, expr) {
        return (Tense::Neutral, None);
    }
    // `was delayed to August`: a past decision about a date still ahead.
    if let Some(verb) = deferral_at(t, a) {
        return (Tense::Future, Some(verb));
    }
    let (tense, cue, own) = clause_tense(t, a, b);
    // `by November`: a deadline ahead, unless its own clause is past
    // (`had installed ... by the middle of this year`).
    if prep.as_deref() == Some("by") && !(own && tense == Tense::Past) {
        return (Tense::Future, Some("by".into()));
    }
    (tense, cue)
}

/// Verbs that move a date: `delayed to`, `pushed back to`, `postponed until`.
const DEFERRALS: &[&str] = &[
    "delayed",
    "delay",
    "delays",
    "delaying",
    "postponed",
    "postpone",
    "postponing",
    "deferred",
    "defer",
    "deferring",
    "pushed",
    "push",
    "pushing",
    "put",
    "putting",
    "moved",
    "rescheduled",
    "slipped",
    "slip",
    "slipping",
    "extended",
];

/// The deferral verb governing an expression at token `a` (`delayed to
/// the end of August`), if any: the date is the new target, so it lies
/// ahead of publication even when the clause is past (`delayed in August`
/// is not one: `in` dates the delay itself).
fn deferral_at(t: &Toks, a: usize) -> Option<String> {
    let to = a.checked_sub(1)?;
    if !t.any(to, &["to", "until", "till", "for"]) {
        return None;
    }
    let mut j = to;
    // `pushed back to`, `delayed again until`, `put back further to`.
    while j > 0
        && t.any(
            j - 1,
            &["back", "again", "further", "forward", "once", "more"],
        )
    {
        j -= 1;
    }
    let v = j.checked_sub(1)?;
    let needs_back = ["put", "putting", "push", "pushed", "pushing", "moved"];
    if !t.any(v, DEFERRALS) {
        // `postponed the go-live of its records system until 14 May`: the
        // verb's object between, within the clause.
        let far = (to.saturating_sub(9)..to)
            .rev()
            .take_while(|&k| !is_boundary(t, k) && !t.any(k, CLAUSE_WORDS))
            .find(|&k| t.any(k, DEFERRALS) && !t.any(k, &needs_back))?;
        return Some(t.s(far).to_string());
    }
    // `put` and `pushed` and `moved` move dates only with `back`: `put to
    // the vote in May` does not.
    if t.any(v, &needs_back) && j == to {
        return None;
    }
    Some(t.s(v).to_string())
}

/// Whether an expression is the new target of a deferral (`delayed to
/// August`): a date that neither bounds publication from above nor below.
pub(crate) fn is_deferred_target(text: &str, expr: &TimeExpression) -> bool {
    let t = sentence_tokens(text, expr);
    deferral_at(&t, t.at(expr.span.start)).is_some()
}

/// A future told from the past (`was due to open in 2007`, `had planned
/// to finish by 2010`, `originally scheduled for 2008`): the plan may have
/// slipped, so the date does not bound publication from above.
pub(crate) fn is_future_in_past(text: &str, expr: &TimeExpression) -> bool {
    let t = sentence_tokens(text, expr);
    let a = t.at(expr.span.start);
    let (tense, cue, _) = clause_tense(&t, a, t.at(expr.span.end));
    if tense != Tense::Future {
        return false;
    }
    let Some(cue) = cue else { return false };
    // The cue's nearest occurrence before the expression.
    let Some(j) = (0..a).rev().find(|&j| t.s(j).eq_ignore_ascii_case(&cue)) else {
        return false;
    };
    const PAST_PLANS: &[&str] = &["planned", "intended", "hoped", "aimed", "wanted"];
    let before_past = (j.saturating_sub(3)..j).any(|k| {
        t.any(
            k,
            &[
                "was",
                "were",
                "had",
                "originally",
                "initially",
                "previously",
            ],
        )
    });
    let present_before =
        (j.saturating_sub(3)..j).any(|k| t.any(k, &["is", "are", "has", "have", "will"]));
    let past_plan = (j.saturating_sub(1)..=j).any(|k| t.any(k, PAST_PLANS));
    before_past || (past_plan && !present_before)
}

fn clause_tense(t: &Toks, a: usize, b: usize) -> (Tense, Option<String>, bool) {
    // Clause bounds.
    let mut lo = a;
    while lo > 0 && !is_boundary(t, lo - 1) {
        lo -= 1;
    }
    let mut hi = b;
    while hi < t.len() && !is_boundary(t, hi) {
        hi += 1;
    }
    if let Some((tense, cue)) = scan(t, lo, a, b, hi) {
        return (tense, cue, true);
    }
    // No verb: borrow from the next clause, then the previous one.
    let mut nlo = hi;
    while nlo < t.len() && is_boundary(t, nlo) {
        nlo += 1;
    }
    let mut nhi = nlo;
    while nhi < t.len() && !is_boundary(t, nhi) {
        nhi += 1;
    }
    if nhi > nlo
        && let Some(r) = scan(t, nlo, nlo, nlo, nhi)
    {
        return (r.0, r.1, false);
    }
    let mut phi = lo;
    while phi > 0 && is_boundary(t, phi - 1) {
        phi -= 1;
    }
    let mut plo = phi;
    while plo > 0 && !is_boundary(t, plo - 1) {
        plo -= 1;
    }
    if phi > plo
        && let Some(r) = scan(t, plo, phi, phi, phi)
    {
        return (r.0, r.1, false);
    }
    (Tense::Neutral, None, false)
}

/// Looks left of `a` (down to `lo`), then right of `b` (up to `hi`), for
/// the nearest verb group.
fn scan(t: &Toks, lo: usize, a: usize, b: usize, hi: usize) -> Option<(Tense, Option<String>)> {
    for j in (lo..a).rev() {
        if let Some(c) = classify(t, j) {
            let (tense, d) = group_tense(t, j, lo, c);
            return Some((tense, Some(t.s(d).to_string())));
        }
    }
    for j in b..hi {
        if let Some(c) = classify(t, j) {
            let (tense, d) = group_tense(t, j, b, c);
            return Some((tense, Some(t.s(d).to_string())));
        }
    }
    None
}

// ------------------------------------------------------------------ values

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().days(n)).ok()
}

fn days_between(a: Date, b: Date) -> i64 {
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

fn value(
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
        Raw::Weekday(w) => {
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
        Raw::Weekend => {
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
        Raw::TurnOfYear => {
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
fn anaphora(prev: &Timex, unit: Unit, offset: i32) -> Option<Timex> {
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

fn range(
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

// ------------------------------------------------------------------ explanations

fn explain(
    text: &str,
    expr: &TimeExpression,
    anchor: &Anchor,
    tense: Tense,
    cue: Option<&str>,
    timex: Option<&Timex>,
) -> String {
    let s = surface(text, expr);
    let against = if anchor.inferred {
        format!(
            "the inferred publication date, {}",
            format_date(anchor.date, DateStyle::DayMonthYear)
        )
    } else {
        format!(
            "the dateline {}",
            format_date(anchor.date, DateStyle::DayMonthYear)
        )
    };
    let Some(t) = timex else {
        return match expr.raw {
            Raw::Anaphoric { .. } => {
                format!("‘{s}’ refers to an earlier date, but none comes before it")
            }
            _ => format!("‘{s}’ is not a calendar date"),
        };
    };
    let relation = relation(t, anchor.date);
    if t.precision == Precision::Vague {
        return format!(
            "‘{s}’ is a vague reference ({}) with no calendar value",
            t.value
        );
    }
    if !expr.is_underspecified() {
        return format!("‘{s}’: {relation}");
    }
    let how = match (tense, cue) {
        (Tense::Neutral, _) if expr.is_relative() => String::new(),
        (Tense::Neutral, _) => " (no tense: the nearest)".to_string(),
        (t, Some(c)) => format!(" ({} tense: ‘{c}’)", t.as_str()),
        (t, None) => format!(" ({} tense)", t.as_str()),
    };
    let how = if expr.is_relative()
        && tense != Tense::Neutral
        && !matches!(
            expr.raw,
            Raw::Weekday(_) | Raw::Month { .. } | Raw::Season { .. } | Raw::Weekend
        ) {
        String::new()
    } else {
        how
    };
    format!("‘{s}’ read against {against}{how}: {relation}")
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// "1 day after publication", "the month of publication", ...
fn relation(t: &Timex, p: Date) -> String {
    let Some((f, l)) = t.period else {
        return String::new();
    };
    let (when, reading) = match t.precision {
        Precision::Day => {
            let when = match days_between(p, f) {
                0 => "the publication date".to_string(),
                d if d > 0 => format!("{} after publication", plural(d, "day")),
                d => format!("{} before publication", plural(-d, "day")),
            };
            let reading = format!(
                "{} {} {}",
                weekday_name(f.weekday()),
                f.day(),
                month_year(f)
            );
            (when, reading)
        }
        Precision::Month => {
            let d = (i64::from(f.year()) * 12 + i64::from(f.month()))
                - (i64::from(p.year()) * 12 + i64::from(p.month()));
            let when = match d {
                0 => "the month of publication".to_string(),
                d if d > 0 => format!("{} after publication", plural(d, "month")),
                d => format!("{} before publication", plural(-d, "month")),
            };
            (when, month_year(f))
        }
        Precision::Year => {
            let when = match i64::from(f.year()) - i64::from(p.year()) {
                0 => "the year of publication".to_string(),
                d if d > 0 => format!("{} after publication", plural(d, "year")),
                d => format!("{} before publication", plural(-d, "year")),
            };
            (when, f.year().to_string())
        }
        _ => {
            let when = if f <= p && p <= l {
                "a period that includes the publication date".to_string()
            } else if f > p {
                format!(
                    "starting {} after publication",
                    plural(days_between(p, f), "day")
                )
            } else {
                format!(
                    "ending {} before publication",
                    plural(days_between(l, p), "day")
                )
            };
            let reading = format!(
                "{} to {}",
                format_date(f, DateStyle::DayMonthYear),
                format_date(l, DateStyle::DayMonthYear)
            );
            (when, reading)
        }
    };
    let reading = match t.modifier {
        Some(super::Modifier::Start) => format!("early {reading}"),
        Some(super::Modifier::Mid) => format!("mid-{reading}"),
        Some(super::Modifier::End) => format!("late {reading}"),
        None => reading,
    };
    format!("{when} ({reading})")
}

fn month_year(d: Date) -> String {
    format!("{} {}", month_name(d.month()).unwrap_or(""), d.year())
}

fn weekday_name(w: Weekday) -> &'static str {
    crate::analysis::dates::weekday_name(w)
}

/// The span of the weekday word inside a line, for the dateline check.
pub(crate) fn find_weekday_in(text: &str, span: Span, w: Weekday) -> Option<Span> {
    let t = Toks::new(text, span.start, span.end.min(text.len()));
    (0..t.len()).find_map(|i| {
        let s = t.s(i);
        (crate::analysis::dates::weekday_from_name(s) == Some(w)).then(|| t.start(i)..t.end(i))
    })
}
