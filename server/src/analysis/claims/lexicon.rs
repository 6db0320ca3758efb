//! Event triggers and the words that shape a claim around them.

use super::{EventKind, Family};
use crate::analysis::temporal::lexicon::Toks;

/// One-word triggers. Nouns count as well as verbs: `his departure in
/// April` dates the departure as surely as `left in April`.
const WORDS: &[(&str, EventKind)] = &[
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
    ("withdraw", EventKind::Left),
    ("withdraws", EventKind::Left),
    ("withdrew", EventKind::Left),
    ("withdrawn", EventKind::Left),
    ("withdrawing", EventKind::Left),
    ("withdrawal", EventKind::Left),
    ("departure", EventKind::Departed),
    ("quit", EventKind::Departed),
    ("quits", EventKind::Departed),
    ("resign", EventKind::Departed),
    ("resigns", EventKind::Departed),
    ("resigned", EventKind::Departed),
    ("resigning", EventKind::Departed),
    ("resignation", EventKind::Departed),
    ("retire", EventKind::Departed),
    ("retired", EventKind::Departed),
    ("retirement", EventKind::Departed),
    ("suspend", EventKind::Suspended),
    ("suspends", EventKind::Suspended),
    ("suspended", EventKind::Suspended),
    ("suspending", EventKind::Suspended),
    ("suspension", EventKind::Suspended),
    ("launch", EventKind::Launched),
    ("launches", EventKind::Launched),
    ("launched", EventKind::Launched),
    ("launching", EventKind::Launched),
    ("deployed", EventKind::WentLive),
    ("deployment", EventKind::WentLive),
    ("implemented", EventKind::WentLive),
    ("installed", EventKind::WentLive),
    ("appoint", EventKind::Appointed),
    ("appoints", EventKind::Appointed),
    ("appointed", EventKind::Appointed),
    ("appointment", EventKind::Appointed),
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
    ("terminate", EventKind::Terminated),
    ("terminates", EventKind::Terminated),
    ("terminated", EventKind::Terminated),
    ("termination", EventKind::Terminated),
    ("delay", EventKind::Delayed),
    ("delays", EventKind::Delayed),
    ("delayed", EventKind::Delayed),
    ("postpone", EventKind::Delayed),
    ("postponed", EventKind::Delayed),
    ("postponement", EventKind::Delayed),
    ("deferred", EventKind::Delayed),
    ("rescheduled", EventKind::Delayed),
    ("slipped", EventKind::Delayed),
    ("opened", EventKind::Opened),
    ("opens", EventKind::Opened),
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
    ("said", EventKind::Said),
    ("says", EventKind::Said),
    ("told", EventKind::Said),
    ("confirmed", EventKind::Said),
    ("confirms", EventKind::Said),
    ("revealed", EventKind::Said),
    ("admitted", EventKind::Said),
    ("warned", EventKind::Said),
    ("stated", EventKind::Said),
];

/// Words that make `announced`/`confirmed` a departure: `announced his
/// departure`, `announced that he would step down`.
pub(super) const DEPARTURE_WORDS: &[&str] = &[
    "departure",
    "resignation",
    "resign",
    "resigning",
    "retirement",
    "retire",
    "quit",
    "quitting",
    "leave",
    "leaving",
    "stepping",
    "step",
];

/// Triggers that are nouns whatever stands before them.
pub(super) const EVENT_NOUNS: &[&str] = &[
    "departure",
    "resignation",
    "retirement",
    "withdrawal",
    "deployment",
    "appointment",
    "acquisition",
    "takeover",
    "completion",
    "termination",
    "postponement",
    "closure",
    "approval",
    "suspension",
    "announcement",
];

/// Titles that stand for the person holding them (`the chief executive`).
pub(super) const PERSON_ROLES: &[&str] = &[
    "executive",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "minister",
    "secretary",
    "head",
    "boss",
    "founder",
    "president",
    "officer",
];

/// Words that make what a statement says an intention (`said it would
/// appeal`, `said it plans to`).
pub(super) const INTENT_WORDS: &[&str] = &[
    "would", "will", "shall", "plans", "planned", "intends", "intended", "aims",
];

/// The content word marking a statement of intention (not a word of text:
/// it has a space).
pub const STATED_INTENT: &str = "stated intent";

/// The mark, among the words of what went live, of a later phase of a
/// roll-out (`the second phase`, `phase two`, `the next stage`).
pub const LATER_PHASE: &str = "later phase";

/// Whether words tell of a later phase of a roll-out: `second phase`,
/// `phase two`, `the next stage`, `stage 3`.
pub fn tells_later_phase(s: &str) -> bool {
    const STEPS: &[&str] = &["phase", "phases", "stage", "wave", "tranche"];
    const ORDINALS: &[&str] = &[
        "second", "third", "fourth", "fifth", "next", "final", "later",
    ];
    const NUMBERS: &[&str] = &[
        "two", "three", "four", "five", "2", "3", "4", "5", "ii", "iii", "iv",
    ];
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.windows(2).any(|w| {
        (ORDINALS.contains(&w[0].as_str()) && STEPS.contains(&w[1].as_str()))
            || (STEPS.contains(&w[0].as_str()) && NUMBERS.contains(&w[1].as_str()))
    })
}

/// Whether words tell of a roll-out's first phase (`phase one`).
pub fn tells_first_phase(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    [
        "first phase",
        "phase one",
        "phase 1",
        "first stage",
        "stage one",
        "first wave",
    ]
    .iter()
    .any(|p| s.contains(p))
}

/// Nouns that make a figure the value of a contract (`a £412m deal`).
pub(super) const CONTRACT_NOUNS: &[&str] = &[
    "contract",
    "contracts",
    "deal",
    "deals",
    "agreement",
    "agreements",
    "award",
    "order",
    "tender",
    "bid",
    "framework",
];

/// An event trigger at token `i`: the token after it and its kind.
pub(super) fn trigger(t: &Toks, i: usize) -> Option<(usize, EventKind)> {
    // go live, went live, go-live, gone live
    if t.any(i, &["go", "goes", "went", "gone", "going"]) {
        if t.is(i + 1, "live") {
            return Some((i + 2, EventKind::WentLive));
        }
        if t.dash(i + 1) && t.is(i + 2, "live") {
            return Some((i + 3, EventKind::WentLive));
        }
        return None;
    }
    if t.any(i, &["pulled", "pull", "pulls", "pulling"]) && t.is(i + 1, "out") {
        return Some((i + 2, EventKind::Left));
    }
    if t.any(i, &["rolled", "roll", "rolls"]) && t.is(i + 1, "out") {
        return Some((i + 2, EventKind::WentLive));
    }
    if t.any(i, &["switched", "switch"]) && t.is(i + 1, "on") {
        return Some((i + 2, EventKind::WentLive));
    }
    // `switched over to the new system`, `cut over`, `changed over`.
    if t.any(
        i,
        &[
            "switched",
            "switch",
            "switches",
            "switching",
            "cut",
            "cuts",
            "changed",
            "change",
        ],
    ) && t.is(i + 1, "over")
    {
        return Some((i + 2, EventKind::WentLive));
    }
    // `took its first calls on the new system`: a service's first day.
    if t.any(i, &["took", "take", "takes", "taken", "taking"]) {
        let first = (i + 1..(i + 3).min(t.len())).find(|&j| t.is(j, "first"));
        if let Some(f) = first
            && (i + 1..f).all(|j| t.any(j, &["its", "their", "the"]))
            && t.any(f + 1, FIRST_USES)
        {
            return Some((f + 2, EventKind::WentLive));
        }
    }
    if t.any(i, &["took", "take", "takes", "taken", "taking"]) && t.is(i + 1, "over") {
        return Some((i + 2, EventKind::Acquired));
    }
    // Stepping down is leaving the post, not announcing it.
    if t.any(i, &["stepped", "steps", "step", "stepping"]) && t.is(i + 1, "down") {
        return Some((i + 2, EventKind::Left));
    }
    if t.any(i, &["pushed", "push", "put", "puts", "moved", "move"]) && t.is(i + 1, "back") {
        return Some((i + 2, EventKind::Delayed));
    }
    // won the contract
    if t.any(i, &["won", "win", "wins", "winning"]) {
        for j in i + 1..(i + 5).min(t.len()) {
            if t.any(j, CONTRACT_NOUNS) {
                return Some((i + 1, EventKind::Awarded));
            }
        }
        return None;
    }
    let s = t.s(i);
    WORDS
        .iter()
        .find(|(w, _)| s.eq_ignore_ascii_case(w))
        .map(|&(_, k)| (i + 1, k))
}

/// What a new service takes on its first day (`took its first calls`).
const FIRST_USES: &[&str] = &[
    "calls",
    "call",
    "patients",
    "patient",
    "bookings",
    "booking",
    "referrals",
    "orders",
    "prescriptions",
    "admissions",
    "appointments",
    "requests",
    "cases",
];

/// The steps of a takeover, each its own event: the offer (agreed or
/// announced), the shareholders' vote, the completion.
pub(super) const STEP_OFFER: &str = "step:offer";
pub(super) const STEP_VOTE: &str = "step:vote";
pub(super) const STEP_COMPLETION: &str = "step:completion";

/// Words that make a takeover's date its completion.
pub(super) const COMPLETION_WORDS: &[&str] = &[
    "completed",
    "completes",
    "complete",
    "completing",
    "completion",
    "closed",
    "finalised",
    "finalized",
];

/// Words that make a takeover's date its offer or agreement.
pub(super) const OFFER_WORDS: &[&str] = &[
    "agreed",
    "agrees",
    "agree",
    "agreeing",
    "bid",
    "offer",
    "offered",
    "recommended",
    "proposed",
    "announced",
    "announces",
    "announcing",
    "approach",
];

/// Who votes on a takeover, and how the vote is told.
pub(super) const HOLDERS: &[&str] = &["shareholders", "shareholder", "investors", "members"];
pub(super) const VOTE_WORDS: &[&str] = &[
    "approved", "approve", "approves", "approval", "voted", "vote", "backed", "back",
];

/// Verbs whose past tense tells a takeover done (`acquired`, `took over`).
pub(super) const DONE_BUYING: &[&str] = &["acquired", "bought", "took", "taken"];

/// Nouns that make a figure the price of a takeover (`a £83m takeover`).
pub(super) const PRICE_NOUNS: &[&str] = &["takeover", "acquisition", "purchase", "buyout"];

/// Verbs after which `for £38m` is a price.
pub(super) const BUY_VERBS: &[&str] = &[
    "buy",
    "buys",
    "bought",
    "buying",
    "acquire",
    "acquires",
    "acquired",
    "acquiring",
    "purchase",
    "purchased",
    "sell",
    "sold",
    "sells",
    "selling",
];

/// Words that make a contract a later one than the first signed, or
/// another beside it (`under a separate £17.5m contract`).
pub(super) const REVISIONS: &[&str] = &[
    "separate",
    "renegotiated",
    "renegotiation",
    "revised",
    "extension",
    "extended",
    "replacement",
    "second",
    "further",
    "follow-on",
    "additional",
    "reset",
];

/// Words that make a delay a further one (`delayed again`).
pub(super) const AGAIN: &[&str] = &["again", "further", "another", "second", "third", "fresh"];

/// Auxiliaries and modals before a trigger that make it a plan, not an
/// outcome: `will sign`, `is due to go live`, `expected to complete`.
pub(super) const PLAN_WORDS: &[&str] = &[
    "will",
    "would",
    "shall",
    "could",
    "might",
    "may",
    "should",
    "must",
    "to",
    "planned",
    "plans",
    "planning",
    "scheduled",
    "expected",
    "expects",
    "due",
    "set",
    "aims",
    "hopes",
    "intends",
    "likely",
];

/// Words before a trigger that deny it: `has not gone live`, `failed to sign`.
pub(super) const NEGATIONS: &[&str] = &[
    "not", "never", "failed", "fails", "refused", "yet", "no", "without",
];

/// Pronouns and descriptions standing for an organisation, with the word
/// a fitting organisation's name contains (`""`: any organisation).
pub(super) const ORG_REFERENCES: &[(&str, &str)] = &[
    ("it", ""),
    ("its", ""),
    ("company", ""),
    ("firm", ""),
    ("supplier", ""),
    ("group", ""),
    ("contractor", ""),
    ("vendor", ""),
    ("provider", ""),
    ("organisation", ""),
    ("agency", "agency"),
    ("trust", "trust"),
    ("hospital", "hospital"),
    ("department", "department"),
    ("ministry", "ministry"),
    ("council", "council"),
    ("authority", "authority"),
    ("board", "board"),
];

pub(super) fn family_of(kind: EventKind) -> Family {
    match kind {
        EventKind::Signed | EventKind::Awarded => Family::Contract,
        EventKind::WentLive => Family::GoLive,
        EventKind::Left | EventKind::Terminated => Family::Exit,
        EventKind::Departed | EventKind::DepartureAnnounced => Family::Departure,
        EventKind::Said | EventKind::Announced => Family::Statement,
        EventKind::Acquired => Family::Acquisition,
        EventKind::Delayed => Family::Delay,
        other => Family::Other(other),
    }
}

/// Function words left out of a statement's content.
pub(super) fn is_stop_word(w: &str) -> bool {
    const STOP: &[&str] = &[
        "a",
        "an",
        "the",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "would",
        "will",
        "had",
        "has",
        "have",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "from",
        "not",
        "said",
        "says",
        "told",
        "could",
        "should",
        "may",
        "might",
        "also",
        "which",
        "who",
        "there",
        "than",
        "then",
        "into",
        "over",
        "about",
        "after",
        "before",
        "today",
        "yesterday",
        "week",
        "month",
        "year",
    ];
    STOP.contains(&w)
}
