//! The tense of the clause around an expression: verb groups, clause
//! boundaries, deferrals (`delayed to March`).

use super::sentence_tokens;
use super::tense_words::{BEFORE_TO, FUTURE, FUTURE_PARTICIPLES, NOT_PAST_ED, PAST, PRESENT};
use crate::analysis::temporal::lexicon::{Kind, Toks, VERB_CHAIN};
use crate::analysis::temporal::{Form, Raw, Tense, TimeExpression};

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
        // `agreed to buy it last November`: a deal agreed, done.
        if j > 0 && t.is(j - 1, "agreed") && t.any(j + 1, AGREED_DEALS) {
            return None;
        }
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
    // `the letter follows the loss of a laptop on 23 December`: what a
    // story follows is behind it.
    if t.any(j, FOLLOWS) {
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

/// Verbs of a deal that `agreed to` tells as made: a takeover or a sale.
const AGREED_DEALS: &[&str] = &["buy", "acquire", "purchase", "sell", "merge"];

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

/// Nouns for a date set ahead of time: a date they name is neither behind
/// nor ahead of the telling.
const DEADLINES: &[&str] = &["deadline", "deadlines", "target", "targets", "cutoff"];

/// Whether the expression between tokens `a` and `b` names a deadline:
/// `the April 2011 deadline`, `the deadline of April 2011`, `a target date
/// of 2012`.
fn names_deadline(t: &Toks, a: usize, b: usize) -> bool {
    let qualifies = t.any(b, DEADLINES) || (t.is(b, "target") && t.is(b + 1, "date"));
    let of = a >= 2
        && t.any(a - 1, &["of", "for"])
        && (t.any(a - 2, DEADLINES) || (t.is(a - 2, "date") && a >= 3 && t.is(a - 3, "target")));
    qualifies || of
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

/// Up to `n` words right before an expression in its sentence, lowercased,
/// nearest last (`the`, `year`, `to` before `31 December`).
pub(crate) fn words_before(text: &str, expr: &TimeExpression, n: usize) -> Vec<String> {
    let t = sentence_tokens(text, expr);
    let a = t.at(expr.span.start);
    let mut words: Vec<String> = (a.saturating_sub(n)..a)
        .rev()
        .take_while(|&p| t.word(p))
        .map(|p| t.s(p).to_ascii_lowercase())
        .collect();
    words.reverse();
    words
}

/// The tense of the clause around `expr`, and the word that decided it.
pub(crate) fn tense_of(text: &str, expr: &TimeExpression) -> (Tense, Option<String>) {
    tense_in(&sentence_tokens(text, expr), expr)
}

/// [`tense_of`] over the sentence's tokens.
pub(super) fn tense_in(t: &Toks, expr: &TimeExpression) -> (Tense, Option<String>) {
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
    // `we were told 2008, then 2009, now 2011`: dates promised, not when.
    let calendar = matches!(
        expr.raw,
        Raw::Date { .. }
            | Raw::Month { .. }
            | Raw::Year(_)
            | Raw::Quarter { .. }
            | Raw::Half { .. }
            | Raw::Season { .. }
            | Raw::FinancialYear { .. }
    );
    if calendar && expr.weekday.is_none() && is_promised_date(t, a) {
        return (Tense::Neutral, None);
    }
    let (tense, cue, own) = clause_tense(t, a, b);
    // `said the April 2011 deadline would …`: the deadline's date, not
    // when anything happened (a deadline told ahead still lies ahead).
    if tense == Tense::Past && names_deadline(t, a, b) {
        return (Tense::Neutral, cue);
    }
    // `the target was 90 per cent by March 2007`: a plan's date, neither
    // behind nor ahead.
    if tense == Tense::Neutral && cue.as_deref().is_some_and(|c| ["was", "were"].contains(&c)) {
        return (tense, cue);
    }
    // `by November`: a deadline ahead, unless its own clause is past
    // (`had installed ... by the middle of this year`) — but not an order
    // to act by then (`were told to encrypt every laptop by March`).
    // `by the end of the summer`, where the season's end is not part of
    // the expression.
    let by_edge = a >= 4
        && t.is(a - 4, "by")
        && t.is(a - 3, "the")
        && t.any(a - 2, &["end", "start", "middle", "beginning"])
        && t.is(a - 1, "of");
    if (prep.as_deref() == Some("by") || by_edge)
        && !(own && tense == Tense::Past && !directed(t, a))
    {
        return (Tense::Future, Some("by".into()));
    }
    (tense, cue)
}

/// Verbs that order something done: what follows their `to` is ahead.
const DIRECTIVES: &[&str] = &[
    "agreed",
    "told",
    "ordered",
    "instructed",
    "asked",
    "urged",
    "required",
    "directed",
];

/// Words that put what follows them before the story (`follows`); not
/// `follow`, which is as often ahead (`with a second trust to follow`).
const FOLLOWS: &[&str] = &["follows"];

/// Words at most between a directive's `to` and the deadline it sets.
const DIRECTED_WORDS: usize = 8;

/// Whether a directive with its `to` comes shortly before token `a`, within
/// the clause (`told to encrypt every laptop by`): the deadline is the
/// order's, ahead.
fn directed(t: &Toks, a: usize) -> bool {
    (a.saturating_sub(DIRECTED_WORDS + 1)..a)
        .rev()
        .take_while(|&j| !is_boundary(t, j))
        .any(|j| t.any(j, DIRECTIVES) && t.is(j + 1, "to"))
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
    // `the original plan was for every trust to have one by 2007`.
    if (a.saturating_sub(10)..a).any(|k| t.any(k, &["original", "originally"])) {
        return true;
    }
    if tense != Tense::Future {
        return false;
    }
    let Some(cue) = cue else { return false };
    // The cue's nearest occurrence before the expression that points
    // ahead (`supposed to handle referrals to hospital by`: the first `to`).
    let Some(j) = (0..a)
        .rev()
        .find(|&j| t.s(j).eq_ignore_ascii_case(&cue) && classify(&t, j) == Some(Cue::Future))
    else {
        return false;
    };
    const PAST_PLANS: &[&str] = &["planned", "intended", "hoped", "aimed", "wanted", "agreed"];
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

/// Verbs that report what someone says: the clause after them has its
/// own tense.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "announced",
    "warned",
    "confirmed",
    "added",
    "claimed",
    "insisted",
    "stated",
    "revealed",
    "admitted",
];

/// Clauses looked back through for a verb to borrow.
const BORROW_BACK: usize = 3;

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
    // Back through verbless clauses too: `outages in 2009, in March and in
    // June` takes the verb of the list's first clause.
    let mut phi = lo;
    for _ in 0..BORROW_BACK {
        while phi > 0 && is_boundary(t, phi - 1) {
            phi -= 1;
        }
        let mut plo = phi;
        while plo > 0 && !is_boundary(t, plo - 1) {
            plo -= 1;
        }
        if phi == plo {
            break;
        }
        // `switched, which is part of X, over the weekend of 3 June`: a
        // relative clause between commas is an aside, not the verb the
        // date hangs on.
        if plo > 0 && t.any(plo - 1, &["which", "who", "whose"]) {
            phi = plo;
            continue;
        }
        if let Some(r) = scan(t, plo, phi, phi, phi) {
            return (r.0, r.1, false);
        }
        phi = plo;
    }
    (Tense::Neutral, None, false)
}

/// Verbs of telling that a refusal negates (`won't say`, `declined to
/// comment`).
const DISCLOSING: &[&str] = &[
    "say", "comment", "disclose", "confirm", "reveal", "specify", "explain",
];

/// Words of a refusal before its verb of telling: `won't`, `would not`,
/// `declined to`, `has refused to`.
const REFUSING: &[&str] = &[
    "won", "wouldn", "couldn", "can", "cannot", "will", "would", "could", "not", "t", "refused",
    "refuses", "refuse", "declined", "declines", "decline", "to", "has", "have", "had", "still",
    "yet",
];

/// Whether token `j` is part of a refusal to tell (`it won't say how many`,
/// `would not say what caused it`): a stance now, not a future or a past
/// of the clause's news, so no verb to date anything by.
fn in_refusal(t: &Toks, j: usize) -> bool {
    let negated = |from: usize, to: usize| {
        (from..to).any(|k| {
            t.any(
                k,
                &[
                    "not", "t", "cannot", "refused", "refuses", "declined", "declines",
                ],
            )
        })
    };
    // The run of refusal words around `j`, then the verb of telling.
    let mut start = j;
    while start > 0
        && (t.apostrophe(start - 1) || (t.word(start - 1) && t.any(start - 1, REFUSING)))
    {
        start -= 1;
    }
    let mut k = j;
    while k < t.len() && (t.apostrophe(k) || (t.word(k) && t.any(k, REFUSING))) {
        k += 1;
    }
    if t.any(j, DISCLOSING) {
        return j > start && negated(start, j);
    }
    k > j && t.any(k, DISCLOSING) && negated(start, k)
}

/// Verbs whose object may be a date told, not the date of the telling:
/// `we were told 2008, then 2009, now 2011`.
const PROMISING: &[&str] = &["told", "promised", "pledged", "assured"];

/// Words between such a verb and the dates it lists.
const LISTING: &[&str] = &[
    "then",
    "now",
    "and",
    "or",
    "later",
    "next",
    "finally",
    "eventually",
    "first",
    "it",
    "was",
    "the",
    "end",
    "of",
];

/// Whether the expression at token `a` is what a promise named, listed
/// straight after its verb (`told 2008, then 2009, now 2011`), with no
/// preposition to make it the telling's own date (`told in March`).
fn is_promised_date(t: &Toks, a: usize) -> bool {
    let mut j = a;
    while j > 0 {
        let p = j - 1;
        if t.word(p) && t.any(p, PROMISING) {
            return true;
        }
        let listed =
            t.punct(p, ",") || t.num(p).is_some() || (t.word(p) && (t.any(p, LISTING) || t.cap(p)));
        if !listed {
            return false;
        }
        j = p;
    }
    false
}

/// Nouns naming a plan's date: `the date for completion was now 2014-15`
/// gives the plan, not when anything happened.
const PLAN_DATES: &[&str] = &[
    "date",
    "target",
    "deadline",
    "timetable",
    "schedule",
    "estimate",
    "forecast",
    "aim",
    "goal",
    "completion",
];

/// Whether the copula at `j` (`was`, `were`) has a plan's date as its
/// subject, within a few words before it.
fn plan_copula(t: &Toks, j: usize) -> bool {
    t.any(j, &["was", "were"]) && (j.saturating_sub(4)..j).any(|k| t.any(k, PLAN_DATES))
}

/// Looks left of `a` (down to `lo`), then right of `b` (up to `hi`), for
/// the nearest verb group.
fn scan(t: &Toks, lo: usize, a: usize, b: usize, hi: usize) -> Option<(Tense, Option<String>)> {
    for j in (lo..a).rev() {
        if in_refusal(t, j) {
            continue;
        }
        if let Some(c) = classify(t, j) {
            if c == Cue::Past && plan_copula(t, j) {
                return Some((Tense::Neutral, Some(t.s(j).to_string())));
            }
            // `the council said salaries for February would be paid`: the
            // date belongs to the reported clause's verb, after it (not
            // `said on Tuesday`, right after the verb).
            if t.any(j, REPORTING)
                && a > j + 2
                && let Some(r) = scan(t, b, b, b, hi)
            {
                return Some(r);
            }
            let (tense, d) = group_tense(t, j, lo, c);
            return Some((tense, Some(t.s(d).to_string())));
        }
    }
    for j in b..hi {
        if in_refusal(t, j) {
            continue;
        }
        if let Some(c) = classify(t, j) {
            let (tense, d) = group_tense(t, j, b, c);
            return Some((tense, Some(t.s(d).to_string())));
        }
    }
    None
}
