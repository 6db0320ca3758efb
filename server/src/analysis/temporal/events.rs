//! Dated event claims (`Fujitsu signed the contract on 2 September`) and
//! when two of them contradict each other.

use super::lexicon::{Kind, Toks};
use super::{Precision, Resolved, Tense, Timex};
use crate::analysis::Span;
use crate::analysis::article::Article;

/// The kind of event a claim dates, normalised from its verb or noun
/// (`signed`, `signing`, `was signed` → [`EventKind::Signed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    Signed,
    /// `awarded`, `won the contract`
    Awarded,
    Announced,
    /// `went live`, `go-live`
    WentLive,
    /// `left`, `exited`, `quit`, `departure`, `withdrew`, `pulled out`
    Left,
    Suspended,
    Launched,
    Appointed,
    Resigned,
    /// `acquired`, `bought`, `took over`, `acquisition`
    Acquired,
    Completed,
    Agreed,
    /// `cancelled`, `scrapped`, `terminated`
    Cancelled,
    /// `delayed`, `postponed`
    Delayed,
    Opened,
    Closed,
    Published,
    Approved,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Signed => "signed",
            EventKind::Awarded => "awarded",
            EventKind::Announced => "announced",
            EventKind::WentLive => "went live",
            EventKind::Left => "left",
            EventKind::Suspended => "suspended",
            EventKind::Launched => "launched",
            EventKind::Appointed => "appointed",
            EventKind::Resigned => "resigned",
            EventKind::Acquired => "acquired",
            EventKind::Completed => "completed",
            EventKind::Agreed => "agreed",
            EventKind::Cancelled => "cancelled",
            EventKind::Delayed => "delayed",
            EventKind::Opened => "opened",
            EventKind::Closed => "closed",
            EventKind::Published => "published",
            EventKind::Approved => "approved",
        }
    }
}

const TRIGGERS: &[(&str, EventKind)] = &[
    ("sign", EventKind::Signed),
    ("signs", EventKind::Signed),
    ("signed", EventKind::Signed),
    ("signing", EventKind::Signed),
    ("award", EventKind::Awarded),
    ("awards", EventKind::Awarded),
    ("awarded", EventKind::Awarded),
    ("awarding", EventKind::Awarded),
    ("announce", EventKind::Announced),
    ("announces", EventKind::Announced),
    ("announced", EventKind::Announced),
    ("announcing", EventKind::Announced),
    ("announcement", EventKind::Announced),
    ("unveil", EventKind::Announced),
    ("unveils", EventKind::Announced),
    ("unveiled", EventKind::Announced),
    ("leave", EventKind::Left),
    ("leaves", EventKind::Left),
    ("leaving", EventKind::Left),
    ("left", EventKind::Left),
    ("exit", EventKind::Left),
    ("exits", EventKind::Left),
    ("exited", EventKind::Left),
    ("exiting", EventKind::Left),
    ("quit", EventKind::Left),
    ("quits", EventKind::Left),
    ("departure", EventKind::Left),
    ("withdraw", EventKind::Left),
    ("withdrew", EventKind::Left),
    ("withdrawn", EventKind::Left),
    ("withdrawal", EventKind::Left),
    ("suspend", EventKind::Suspended),
    ("suspends", EventKind::Suspended),
    ("suspended", EventKind::Suspended),
    ("suspending", EventKind::Suspended),
    ("suspension", EventKind::Suspended),
    ("launch", EventKind::Launched),
    ("launches", EventKind::Launched),
    ("launched", EventKind::Launched),
    ("launching", EventKind::Launched),
    ("appoint", EventKind::Appointed),
    ("appoints", EventKind::Appointed),
    ("appointed", EventKind::Appointed),
    ("appointment", EventKind::Appointed),
    ("resign", EventKind::Resigned),
    ("resigns", EventKind::Resigned),
    ("resigned", EventKind::Resigned),
    ("resignation", EventKind::Resigned),
    ("acquire", EventKind::Acquired),
    ("acquires", EventKind::Acquired),
    ("acquired", EventKind::Acquired),
    ("acquiring", EventKind::Acquired),
    ("acquisition", EventKind::Acquired),
    ("bought", EventKind::Acquired),
    ("buys", EventKind::Acquired),
    ("takeover", EventKind::Acquired),
    ("complete", EventKind::Completed),
    ("completes", EventKind::Completed),
    ("completed", EventKind::Completed),
    ("completion", EventKind::Completed),
    ("agree", EventKind::Agreed),
    ("agrees", EventKind::Agreed),
    ("agreed", EventKind::Agreed),
    ("cancel", EventKind::Cancelled),
    ("cancels", EventKind::Cancelled),
    ("cancelled", EventKind::Cancelled),
    ("canceled", EventKind::Cancelled),
    ("scrapped", EventKind::Cancelled),
    ("scraps", EventKind::Cancelled),
    ("terminated", EventKind::Cancelled),
    ("termination", EventKind::Cancelled),
    ("delay", EventKind::Delayed),
    ("delayed", EventKind::Delayed),
    ("postpone", EventKind::Delayed),
    ("postponed", EventKind::Delayed),
    ("postponement", EventKind::Delayed),
    ("opened", EventKind::Opened),
    ("opens", EventKind::Opened),
    ("opening", EventKind::Opened),
    ("closed", EventKind::Closed),
    ("closes", EventKind::Closed),
    ("closure", EventKind::Closed),
    ("publish", EventKind::Published),
    ("publishes", EventKind::Published),
    ("published", EventKind::Published),
    ("approve", EventKind::Approved),
    ("approves", EventKind::Approved),
    ("approved", EventKind::Approved),
    ("approval", EventKind::Approved),
];

/// A dated event as one sentence tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventClaim {
    pub kind: EventKind,
    /// Canonical names, sorted and deduplicated.
    pub participants: Vec<String>,
    pub value: Timex,
    pub tense: Tense,
    pub sentence: Span,
    pub date_span: Span,
    pub verb_span: Span,
}

/// Event claims of one article. `resolved` are its resolved expressions
/// ([`super::analyse`]); `participants` the canonical names of recognised
/// entity mentions, in any order. See the module docs for when a sentence
/// makes a claim.
pub fn event_claims(
    text: &str,
    article: &Article,
    resolved: &[Resolved],
    participants: &[(Span, String)],
) -> Vec<EventClaim> {
    let mut out = Vec::new();
    for sentence in article.paragraphs.iter().flat_map(|p| p.sentences.iter()) {
        let dated: Vec<&Resolved> = resolved
            .iter()
            .filter(|r| r.expr.sentence == *sentence)
            .filter(|r| {
                r.resolution
                    .timex
                    .as_ref()
                    .is_some_and(|t| t.period.is_some() && t.precision != Precision::Vague)
            })
            .collect();
        if dated.is_empty() {
            continue;
        }
        let end = sentence.end.min(text.len());
        if !text.is_char_boundary(sentence.start)
            || !text.is_char_boundary(end)
            || sentence.start > end
        {
            continue;
        }
        let t = Toks::new(text, sentence.start, end);
        let inside_date = |i: usize| dated.iter().any(|r| r.expr.span.contains(&t.start(i)));
        let mut verbs: Vec<(usize, usize, EventKind)> = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if inside_date(i) || t.kind(i) != Some(Kind::Word) {
                i += 1;
                continue;
            }
            if let Some((end, kind)) = trigger(&t, i) {
                verbs.push((i, end, kind));
                i = end;
            } else {
                i += 1;
            }
        }
        let [(vi, vend, kind)] = verbs[..] else {
            continue;
        };
        // The date attached to the verb: the only one, or the only one in
        // the verb's clause, or the first after it in the clause.
        let date = if dated.len() == 1 {
            Some(dated[0])
        } else {
            let same: Vec<&&Resolved> = dated
                .iter()
                .filter(|r| same_clause(&t, vi, t.at(r.expr.span.start)))
                .collect();
            match same[..] {
                [one] => Some(*one),
                [] => None,
                _ => same
                    .iter()
                    .find(|r| r.expr.span.start > t.end(vi))
                    .map(|r| **r),
            }
        };
        let Some(date) = date else { continue };
        let Some(value) = date.resolution.timex.clone() else {
            continue;
        };
        let mut names: Vec<String> = participants
            .iter()
            .filter(|(s, _)| s.start >= sentence.start && s.end <= sentence.end)
            .filter(|(s, _)| s.end <= date.expr.span.start || s.start >= date.expr.span.end)
            .map(|(_, n)| n.clone())
            .collect();
        names.sort();
        names.dedup();
        if names.is_empty() {
            continue;
        }
        out.push(EventClaim {
            kind,
            participants: names,
            value,
            tense: date.resolution.tense,
            sentence: sentence.clone(),
            date_span: date.expr.span.clone(),
            verb_span: t.start(vi)..t.end(vend - 1),
        });
    }
    out
}

/// An event trigger at token `i`: its end and kind.
fn trigger(t: &Toks, i: usize) -> Option<(usize, EventKind)> {
    // go live, went live, go-live
    if t.any(i, &["go", "goes", "went", "gone", "going"]) {
        if t.is(i + 1, "live") {
            return Some((i + 2, EventKind::WentLive));
        }
        if t.dash(i + 1) && t.is(i + 2, "live") {
            return Some((i + 3, EventKind::WentLive));
        }
    }
    if t.any(i, &["pulled", "pull", "pulls", "pulling"]) && t.is(i + 1, "out") {
        return Some((i + 2, EventKind::Left));
    }
    if t.any(i, &["took", "take", "takes", "taken", "taking"]) && t.is(i + 1, "over") {
        return Some((i + 2, EventKind::Acquired));
    }
    if t.any(i, &["stepped", "steps", "step"]) && t.is(i + 1, "down") {
        return Some((i + 2, EventKind::Resigned));
    }
    // won the contract
    if t.any(i, &["won", "win", "wins", "winning"]) {
        for j in i + 1..(i + 5).min(t.len()) {
            if t.any(j, &["contract", "contracts", "deal", "tender", "bid"]) {
                return Some((i + 1, EventKind::Awarded));
            }
        }
        return None;
    }
    let s = t.s(i);
    TRIGGERS
        .iter()
        .find(|(w, _)| s.eq_ignore_ascii_case(w))
        .map(|&(_, k)| (i + 1, k))
}

fn same_clause(t: &Toks, a: usize, b: usize) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    !(lo + 1..hi).any(|j| {
        (t.kind(j) == Some(Kind::Punct)
            && matches!(
                t.s(j),
                "," | ";" | ":" | "(" | ")" | "“" | "”" | "\"" | "—" | "–"
            ))
            || t.any(
                j,
                &[
                    "and", "but", "while", "whereas", "which", "who", "that", "when",
                ],
            )
    })
}

/// Whether two claims date the same event differently: same kind, same
/// non-empty set of participants, neither told in the future, and periods
/// that do not overlap (so `September 2005` and `2 September 2005` agree).
pub fn conflicts(a: &EventClaim, b: &EventClaim) -> bool {
    if a.kind != b.kind || a.participants.is_empty() || a.participants != b.participants {
        return false;
    }
    if a.tense == Tense::Future || b.tense == Tense::Future {
        return false;
    }
    match (a.value.period, b.value.period) {
        (Some((af, al)), Some((bf, bl))) => al < bf || bl < af,
        _ => false,
    }
}

/// The `conflicting-event-date` finding on claim `a` (in `a_text`) for its
/// conflict with claim `b` (in `b_text`, the file `b_file`, or this same
/// article when `None`): names both dates, and relates `b`'s sentence.
pub fn conflict_finding(
    a: &EventClaim,
    a_text: &str,
    b: &EventClaim,
    b_file: Option<std::path::PathBuf>,
    b_text: &str,
) -> crate::analysis::findings::Finding {
    use crate::analysis::findings::{Finding, Related, Severity};
    let quote = |text: &str, s: &Span| text.get(s.clone()).unwrap_or("").to_string();
    let who = a.participants.join(", ");
    let other = match &b_file {
        Some(p) => crate::analysis::text::file_name(p),
        None => "elsewhere this article".to_string(),
    };
    let message = format!(
        "‘{}’ ({}) dates the event ‘{}’ ({who}), but {other} dates it ‘{}’ ({})",
        quote(a_text, &a.date_span),
        a.value.value,
        a.kind.as_str(),
        quote(b_text, &b.date_span),
        b.value.value
    );
    let mut f = Finding::new(
        super::codes::CONFLICTING_EVENT_DATE,
        Severity::Warning,
        a.date_span.clone(),
        message,
    );
    f.related.push(Related {
        file: b_file,
        span: b.sentence.clone(),
        message: format!("‘{}’ ({}) here", quote(b_text, &b.date_span), b.value.value),
    });
    f
}
