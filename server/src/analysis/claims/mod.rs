//! Claims that articles make about events and figures, and when two
//! claims contradict each other.
//!
//! # Event claims ([`event_claims`])
//!
//! Every event trigger of a body sentence (`signed`, `was awarded`, `went
//! live`, `his departure`, `said`…, see [`lexicon`]) with a dated
//! expression in its clause makes a claim:
//!
//! * a [`Family`]: contract (awarded, signed, agreed a deal), go-live
//!   (went live, deployed, rolled out), exit (left, withdrew, contract
//!   terminated), departure (resigned, stepped down, announced a
//!   departure), statement (said, told, announced), acquisition, delay,
//!   or one of the other kinds on its own;
//! * for a takeover, its step: the offer (`agreed to buy`, `the agreed
//!   bid, announced on 9 March`), the shareholders' vote, or the
//!   completion (`completed`, a bare `acquired`); different steps are
//!   different events;
//! * an actor: the subject before the trigger; in the passive the subject
//!   still (`Harbour was awarded … by the Ministry`: Harbour), else the
//!   `by` agent. A pronoun (`he`, `it`) or description (`the company`,
//!   `the trust`) stands for the nearest fitting entity before it, in this
//!   sentence or up to three before; a clause without a subject (`after
//!   announcing in May`) takes the sentence's, else the previous one's;
//! * the parties: the organisations, people and places of the clause; after
//!   its date, up to the end of the list item holding the date (`at X in
//!   March 2008, Y in July 2008`: X only);
//! * anchors: the money figures of the contract (`a £412m deal`, `worth
//!   £412m`), products, the thing that went live (`the maternity system`),
//!   and for statements the content words;
//! * the date, its tense, and whether it is a plan (`will sign`, `is due to
//!   go live`, a date told in the future) rather than an outcome. A date
//!   belongs to the clause it sits in: a trigger reaches past commas to a
//!   later date only with no other trigger, clause word or list separator
//!   (`, and`) between, and an event noun (`her departure`) only to a date
//!   modifying it (`her departure, on 4 March`). A date in a phrase of a
//!   noun past the object (`published its review of the outage on 2
//!   December`, `a contract for the system installed in June`) gives way
//!   to the verb's own date, one opening the sentence or right before the
//!   verb (`Yesterday`, `On Monday,`; not a bound such as `By 2010,`),
//!   when the two share no day (`In 2010, … the system on 3 May` keeps 3
//!   May); right after the verb, its particle or object or a role (`signed
//!   up for`, `stepped down as chief executive of`) a date is the verb's;
//! * a confidence, lower for a resolved pronoun, an omitted subject or a
//!   date outside the trigger's clause.
//!
//! Negated triggers (`has not gone live`, `failed to sign`) make no claim.
//!
//! # Matching ([`matching`])
//!
//! Two claims are one event when their families agree and their score
//! reaches [`matching::SAME_EVENT`]: shared parties (the actor counts
//! most), the same contract figure within rounding and the same product
//! raise it; different counterparts, different figures and different
//! things that went live lower it. They conflict when they are one event,
//! both are outcomes, and their dates do not overlap at the coarser
//! precision. Candidates are found through [`EventClaim::keys`], never by
//! comparing all pairs.
//!
//! # Figures ([`figures`])
//!
//! A contract's value told differently (`£412m` here, `£413m` there) is a
//! `conflicting-figure` when the two are not one figure rounded or
//! truncated (`$2.37 billion` and `$2.4B`, `£9.6bn` and `£9bn`) yet within
//! [`figures::SAME_CONTRACT_BAND`] of each other (further apart they are
//! different contracts). A converted figure in brackets (`$300m (£160m)`)
//! is never compared; a hedged one (`about £400m`) only within the band.

mod extract;
pub mod figures;
mod lexicon;
pub mod matching;
#[cfg(test)]
mod tests;

use crate::analysis::Span;
use crate::analysis::entities::{Currency, EntityKind, FigureValue, Mention};
use crate::analysis::temporal::{Tense, Timex};

pub use extract::event_claims;
pub use figures::{FigureClaim, figure_claims};
pub use matching::{conflict_finding, conflicts, same_event_score};

/// The kind of event a trigger names, normalised from its verb or noun.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum EventKind {
    Signed,
    /// `awarded`, `won the contract`
    Awarded,
    Announced,
    /// `went live`, `go-live`, `deployed`, `rolled out`
    WentLive,
    /// `left`, `exited`, `withdrew`, `pulled out`
    Left,
    /// `resigned`, `quit`, `his departure`: a departure, announced or done
    Departed,
    /// `announced his departure`, `said she would step down`
    DepartureAnnounced,
    Suspended,
    Launched,
    Appointed,
    /// `acquired`, `bought`, `took over`, `acquisition`
    Acquired,
    Completed,
    Agreed,
    Cancelled,
    /// `terminated`, `termination`
    Terminated,
    /// `delayed`, `postponed`, `pushed back`
    Delayed,
    Opened,
    Closed,
    Published,
    Approved,
    /// `said`, `told`, `confirmed`
    Said,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Signed => "signed",
            EventKind::Awarded => "awarded",
            EventKind::Announced => "announced",
            EventKind::WentLive => "went live",
            EventKind::Left => "left",
            EventKind::Departed => "departure",
            EventKind::DepartureAnnounced => "announced departure",
            EventKind::Suspended => "suspended",
            EventKind::Launched => "launched",
            EventKind::Appointed => "appointed",
            EventKind::Acquired => "acquired",
            EventKind::Completed => "completed",
            EventKind::Agreed => "agreed",
            EventKind::Cancelled => "cancelled",
            EventKind::Terminated => "terminated",
            EventKind::Delayed => "delayed",
            EventKind::Opened => "opened",
            EventKind::Closed => "closed",
            EventKind::Published => "published",
            EventKind::Approved => "approved",
            EventKind::Said => "said",
        }
    }
}

/// Kinds that tell one event: awarding and signing a contract are one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Family {
    Contract,
    GoLive,
    Exit,
    Departure,
    Statement,
    Acquisition,
    Delay,
    Other(EventKind),
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Contract => "contract",
            Family::GoLive => "go-live",
            Family::Exit => "exit",
            Family::Departure => "departure",
            Family::Statement => "statement",
            Family::Acquisition => "acquisition",
            Family::Delay => "delay",
            Family::Other(kind) => kind.as_str(),
        }
    }
}

/// How a party is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Reference {
    Named,
    /// `he`, `it`, `the company`: resolved to an entity named before.
    Pronoun,
    /// No subject (`after announcing in May`): the sentence's or the
    /// previous one's.
    Omitted,
}

/// An entity taking part in a claimed event.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Party {
    /// The canonical name of the mention.
    pub name: String,
    /// Its identity key (`identity::name_key`), computed once.
    pub key: String,
    pub kind: EntityKind,
    /// The mention, or the pronoun standing for it.
    pub span: Span,
    pub reference: Reference,
}

/// A money figure as written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Money {
    pub amount: f64,
    pub currency: Currency,
    /// Significant digits written (`£412m` 3, `$2.4B` 2, `£400m` 1).
    pub digits: u8,
    /// `about`, `nearly`, `more than`…
    pub hedged: bool,
    /// In brackets after another figure: a conversion (`$300m (£160m)`).
    pub converted: bool,
    pub span: Span,
}

/// A dated event as one sentence tells it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EventClaim {
    pub kind: EventKind,
    pub family: Family,
    /// The subject (see the module docs); also among `parties`.
    pub actor: Option<Party>,
    /// Organisations, people and places of the trigger's clause.
    pub parties: Vec<Party>,
    /// Money figures naming the contract (`a £412m deal`, `worth £412m`).
    pub figures: Vec<Money>,
    /// Products of the clause, canonical names.
    pub products: Vec<String>,
    /// What sets this event apart from others of its kind and actor,
    /// sorted: content words of what went live (`maternity`), a contract's
    /// revision (`renegotiated`), a further delay (`again`), a takeover's
    /// step (`step:offer`, `step:vote`, `step:completion`).
    pub thing: Vec<String>,
    /// For statements: the sentence's content words, sorted.
    pub content: Vec<String>,
    pub value: Timex,
    pub tense: Tense,
    /// A plan or forecast (`will sign`, `is due to go live`, future tense).
    pub plan: bool,
    /// 0–1: how sure the reading of roles and date is.
    pub confidence: f32,
    pub sentence: Span,
    pub date_span: Span,
    pub verb_span: Span,
}

impl EventClaim {
    /// Names of the parties, for messages: `Harbour Systems, Ministry of Health`.
    pub fn who(&self) -> String {
        let mut names: Vec<&str> = Vec::new();
        for p in self.actor.iter().chain(&self.parties) {
            if !names.contains(&p.name.as_str()) {
                names.push(&p.name);
            }
        }
        names.join(", ")
    }

    /// The index keys under which another telling of this event is found:
    /// the family with each party's name keys, and with each contract
    /// figure's leading digit and magnitude.
    pub fn keys(&self) -> Vec<String> {
        self.keys_with(&mut PartyKeys::default())
    }

    /// [`EventClaim::keys`], with the parties' keys remembered in `memo`
    /// (one article's claims name the same parties again and again).
    pub fn keys_with(&self, memo: &mut PartyKeys) -> Vec<String> {
        let family = self.family.as_str();
        let mut keys: Vec<String> = Vec::new();
        for p in self.actor.iter().chain(&self.parties) {
            if !matches!(p.kind, EntityKind::Organization | EntityKind::Person) {
                continue;
            }
            for k in memo.of(&p.name, p.kind) {
                keys.push(format!("{family}|{k}"));
            }
        }
        for m in self.figures.iter().filter(|m| !m.converted) {
            keys.push(format!("{family}|{}", figures::magnitude_key(m)));
        }
        if self.family == Family::Statement {
            // Statements meet on what was said as much as on who said it.
            for w in &self.content {
                keys.push(format!("{family}|said:{w}"));
            }
        }
        keys.sort();
        keys.dedup();
        keys
    }
}

/// [`party_keys`] of the names met so far.
#[derive(Default)]
pub struct PartyKeys(rustc_hash::FxHashMap<(String, EntityKind), Vec<String>>);

impl PartyKeys {
    pub fn of(&mut self, name: &str, kind: EntityKind) -> &[String] {
        self.0
            .entry((name.to_string(), kind))
            .or_insert_with(|| party_keys(name, kind))
    }
}

/// Keys of a name for candidate search: its full key, its shorter forms,
/// a person's surname and an organisation's first distinctive word
/// (`Westfield` for `Westfield General Hospital`).
pub fn party_keys(name: &str, kind: EntityKind) -> Vec<String> {
    let (key, shorter, words) = crate::analysis::entities::identity::key_and_shorter_forms(name);
    let mut keys = vec![key];
    keys.extend(shorter);
    match kind {
        EntityKind::Person => {
            if let Some(last) = words.last() {
                keys.push(format!("person:{last}"));
            }
        }
        _ => {
            if let Some(first) = words.first()
                && words.len() > 1
                && first.len() > 3
            {
                keys.push(first.clone());
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

pub(super) fn named(m: &Mention) -> Party {
    Party {
        key: crate::analysis::entities::identity::name_key(&m.entity),
        name: m.entity.clone(),
        kind: m.kind,
        span: m.span.clone(),
        reference: Reference::Named,
    }
}

/// A figure value's amount and currency, for money.
pub(crate) fn money_value(value: &FigureValue) -> Option<(f64, Currency)> {
    match value {
        FigureValue::Money {
            amount, currency, ..
        } => Some((*amount, *currency)),
        _ => None,
    }
}
