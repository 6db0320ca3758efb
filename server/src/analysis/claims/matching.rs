//! When two claims tell one event, and when they contradict each other.
//! The weights and the threshold live here, and only here.

use super::figures::{self, FigureClaim};
use super::{EventClaim, Family, Party, lexicon};
use crate::analysis::entities::EntityKind;
use crate::analysis::findings::{Finding, Related, Severity};
use crate::analysis::temporal::codes;
use std::path::PathBuf;

/// Whether two names are one entity; the corpus answers with its
/// identity clusters.
pub type SameEntity<'a> = dyn Fn(&str, &str) -> bool + 'a;

/// Score at which two claims of one family are one event.
pub const SAME_EVENT: f32 = 2.0;
/// A person or organisation both claims name.
pub const SHARED_PARTY_FIRST: f32 = 2.0;
/// Each further shared one (at most two count).
pub const SHARED_PARTY: f32 = 1.0;
/// The actor of one claim is a party of the other.
pub const SHARED_ACTOR: f32 = 1.0;
/// The same contract figure within rounding.
pub const SHARED_FIGURE: f32 = 3.0;
/// Contract figures too far apart to be one contract.
pub const DIFFERENT_FIGURES: f32 = -6.0;
/// The same product.
pub const SHARED_PRODUCT: f32 = 1.0;
/// Both claims name a party the other lacks: different counterparts,
/// places or people.
pub const DIFFERENT_PARTIES: f32 = -2.5;
/// Both actors are named, and they are different entities.
pub const DIFFERENT_ACTORS: f32 = -3.0;
/// What went live differs (`the maternity system` and `e-prescribing`).
pub const DIFFERENT_THING: f32 = -3.0;
/// A statement says much the same (see [`content_overlap`]).
pub const SAME_CONTENT: f32 = 2.0;
/// Statements that say different things are different statements.
pub const DIFFERENT_CONTENT: f32 = -10.0;
/// What two claims of one article need above [`SAME_EVENT`] to be one
/// event told twice: an article rarely dates one event two ways, so a
/// history told beside the news is more likely another event.
pub const WITHIN_ARTICLE_EXTRA: f32 = 2.0;
/// When a claim and its tellings give this many disjoint dates, the actor
/// has several such events (see [`AMBIGUOUS_ACTOR_EXTRA`]).
pub const MANY_DATES: usize = 3;
/// What a telling then needs above [`SAME_EVENT`]: a shared figure,
/// counterpart or product, not the actor alone.
pub const AMBIGUOUS_ACTOR_EXTRA: f32 = 2.0;
/// Claims below this confidence never make a conflict.
pub const MIN_CONFIDENCE: f32 = 0.5;

/// How strongly two claims tell one event; [`SAME_EVENT`] or more means
/// they do. Families must agree.
pub fn same_event_score(a: &EventClaim, b: &EventClaim, same: &SameEntity) -> f32 {
    if a.family != b.family {
        return f32::NEG_INFINITY;
    }
    // Announcing a departure and leaving are two events, often months apart.
    let announced = |c: &EventClaim| c.kind == super::EventKind::DepartureAnnounced;
    let left = |c: &EventClaim| c.kind == super::EventKind::Left;
    if a.family == Family::Departure && ((announced(a) && left(b)) || (left(a) && announced(b))) {
        return f32::NEG_INFINITY;
    }
    // The offer, the shareholders' vote and the completion of a takeover
    // are three events, often months apart.
    if a.family == Family::Acquisition
        && !a.thing.is_empty()
        && !b.thing.is_empty()
        && a.thing != b.thing
    {
        return f32::NEG_INFINITY;
    }
    let mut score = 0.0;
    let meets = |p: &Party, others: &[Party]| others.iter().any(|q| same_party(p, q, same));
    // Each pair of parties is compared once (the checks below ask again
    // and again): which of a's meet one of b's, and which of b's are met.
    let mut a_met = 0u64;
    let mut b_met = 0u64;
    for (i, p) in a.parties.iter().enumerate().take(64) {
        for (j, q) in b.parties.iter().enumerate().take(64) {
            if same_party(p, q, same) {
                a_met |= 1 << i;
                b_met |= 1 << j;
            }
        }
    }
    // Past 64 parties (never in news), asked one by one.
    let a_meets = |i: usize| {
        if i < 64 && b.parties.len() <= 64 {
            a_met & (1 << i) != 0
        } else {
            meets(&a.parties[i], &b.parties)
        }
    };
    let b_meets = |j: usize| {
        if j < 64 && a.parties.len() <= 64 {
            b_met & (1 << j) != 0
        } else {
            meets(&b.parties[j], &a.parties)
        }
    };
    let shared = (0..a.parties.len())
        .filter(|&i| a.parties[i].kind != EntityKind::Place && a_meets(i))
        .count();
    if shared > 0 {
        score += SHARED_PARTY_FIRST + SHARED_PARTY * (shared - 1).min(2) as f32;
    }
    let a_actor_meets = a.actor.as_ref().is_some_and(|p| meets(p, &b.parties));
    let b_actor_meets = b.actor.as_ref().is_some_and(|p| meets(p, &a.parties));
    let actor_shared = a_actor_meets || b_actor_meets;
    if actor_shared {
        score += SHARED_ACTOR;
    }
    // Two sites going live, two people leaving: named actors that differ
    // are different events. A contract or a takeover has two sides, and
    // each telling may start from either.
    if let (Some(x), Some(y)) = (&a.actor, &b.actor)
        && x.reference == super::Reference::Named
        && y.reference == super::Reference::Named
        && x.kind == y.kind
        && !same_party(x, y, same)
        && !(a_actor_meets && b_actor_meets)
        // A system goes live as often as a site: only sites count.
        && (a.family != Family::GoLive || (is_site(x) && is_site(y)))
    {
        score += DIFFERENT_ACTORS;
    }
    // Counterparts: people and organisations one side names and the other
    // lacks; places only when both sides name one.
    let unmatched = |x: &EventClaim, y: &EventClaim, x_meets: &dyn Fn(usize) -> bool| {
        let y_has_place = y.parties.iter().any(|p| p.kind == EntityKind::Place);
        x.parties.iter().enumerate().any(|(i, p)| {
            p.reference == super::Reference::Named
                && (p.kind != EntityKind::Place || y_has_place)
                && !x_meets(i)
        })
    };
    let different_parties = unmatched(a, b, &a_meets) && unmatched(b, a, &b_meets);
    if different_parties {
        score += DIFFERENT_PARTIES;
    }
    let (fa, fb) = (
        a.figures.iter().filter(|m| !m.converted),
        b.figures.iter().filter(|m| !m.converted),
    );
    let fb: Vec<_> = fb.collect();
    let mut any_figures = false;
    let mut figure_met = false;
    for x in fa {
        for y in &fb {
            if x.currency != y.currency {
                continue;
            }
            any_figures = true;
            // A value given differently names the same deal only when the
            // counterparts agree: `X buys Y for £13m` and `Z buys X for
            // £3m` are two deals.
            if figures::agree(x, y) || (!different_parties && figures::disagree(x, y)) {
                figure_met = true;
            }
        }
    }
    if figure_met {
        score += SHARED_FIGURE;
    } else if any_figures {
        score += DIFFERENT_FIGURES;
    }
    let product_shared = a.products.iter().any(|p| b.products.contains(p));
    if product_shared {
        score += SHARED_PRODUCT;
    }
    let later = |c: &EventClaim| c.thing.iter().any(|w| w == lexicon::LATER_PHASE);
    let things_differ = match a.family {
        // A renegotiated contract is not the first one signed.
        Family::Contract => a.thing != b.thing,
        // A roll-out's later phase is not its first.
        Family::GoLive if later(a) != later(b) => true,
        _ => {
            let words = |c: &'_ EventClaim| {
                c.thing
                    .iter()
                    .filter(|w| *w != lexicon::LATER_PHASE)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            let (x, y) = (words(a), words(b));
            !x.is_empty() && !y.is_empty() && !x.iter().any(|w| y.contains(w))
        }
    };
    if things_differ {
        score += DIFFERENT_THING;
    }
    if a.family == Family::Statement {
        let intent = |c: &EventClaim| c.content.iter().any(|w| w == lexicon::STATED_INTENT);
        score += if intent(a) == intent(b) && content_overlap(&a.content, &b.content) {
            SAME_CONTENT
        } else {
            DIFFERENT_CONTENT
        };
    }
    score
}

/// A place of care or administration, by its name: where a system goes live.
fn is_site(p: &Party) -> bool {
    const SITE_WORDS: &[&str] = &[
        "hospital",
        "hospitals",
        "trust",
        "infirmary",
        "clinic",
        "centre",
        "practice",
        "surgery",
        "council",
        "board",
        "health",
        "care",
    ];
    p.kind == EntityKind::Organization
        && p.name
            .split_whitespace()
            .any(|w| SITE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// Statements say the same when at least two content words are shared
/// and they are at least half of the smaller statement's.
pub fn content_overlap(a: &[String], b: &[String]) -> bool {
    let shared = a
        .iter()
        .filter(|w| *w != lexicon::STATED_INTENT && b.contains(w))
        .count();
    let smaller = a.len().min(b.len());
    shared >= 2 && shared * 2 >= smaller
}

fn same_party(a: &Party, b: &Party, same: &SameEntity) -> bool {
    let people = |p: &Party| p.kind == EntityKind::Person;
    if people(a) != people(b) && a.kind != EntityKind::Place && b.kind != EntityKind::Place {
        return false;
    }
    quickly_same(a, b) || same(&a.name, &b.name)
}

/// One key, or one key's words the start of the other's (`Westfield` and
/// `Westfield General Hospital`): sameness the names alone show.
pub fn quickly_same(a: &Party, b: &Party) -> bool {
    keys_meet(&a.key, &b.key)
}

/// [`quickly_same`] on two name keys (`identity::name_key`).
pub fn keys_meet(a: &str, b: &str) -> bool {
    // Most pairs differ at once; both tests below need the first byte equal.
    if a.as_bytes().first() != b.as_bytes().first() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() > 3 && long.starts_with(short) && long.as_bytes().get(short.len()) == Some(&b' ')
}

/// Whether two claims date one event differently: one event (see
/// [`same_event_score`]), both told as outcomes with enough confidence,
/// and periods that do not overlap (so `September 2005` and `2 September
/// 2005` agree).
pub fn conflicts(a: &EventClaim, b: &EventClaim, same: &SameEntity) -> bool {
    dates_disjoint(a, b) && comparable(a, b, same)
}

/// Whether two claims are outcomes of one event, told with enough
/// confidence for their dates to be compared.
pub fn comparable(a: &EventClaim, b: &EventClaim, same: &SameEntity) -> bool {
    !(a.plan || b.plan || a.family == Family::Delay)
        && a.confidence >= MIN_CONFIDENCE
        && b.confidence >= MIN_CONFIDENCE
        && same_event_score(a, b, same) >= SAME_EVENT
}

/// Whether `a` can conflict with any claim at all: [`comparable_score`]
/// is `None` for every partner of a claim that is unsure, a plan, or a
/// further delay, and a claim with no period is disjoint from none. Asked
/// first, so such a claim's candidates are never read.
pub fn may_conflict(a: &EventClaim) -> bool {
    let delay = a.family == Family::Delay;
    a.value.period.is_some()
        && a.confidence >= MIN_CONFIDENCE
        && (if delay { a.thing.is_empty() } else { !a.plan })
}

/// The score of two claims whose dates can be compared, as outcomes
/// ([`comparable`]) or as reports of one delay ([`delays_conflict`]); the
/// score is computed once for both.
pub fn comparable_score(
    a: &EventClaim,
    b: &EventClaim,
    same: &SameEntity,
    days_apart: impl FnOnce() -> Option<i64>,
) -> Option<f32> {
    let confident = a.confidence >= MIN_CONFIDENCE && b.confidence >= MIN_CONFIDENCE;
    let outcomes = !(a.plan || b.plan || a.family == Family::Delay);
    let delays = a.family == Family::Delay
        && b.family == Family::Delay
        && a.thing.is_empty()
        && b.thing.is_empty();
    if !confident || !(outcomes || (delays && within_delay_report(days_apart()))) {
        return None;
    }
    let score = same_event_score(a, b, same);
    (score >= SAME_EVENT).then_some(score)
}

fn within_delay_report(days_apart: Option<i64>) -> bool {
    days_apart.is_some_and(|d| d.abs() <= DELAY_REPORT_DAYS)
}

/// Two reports of one delay published at most this many days apart tell
/// one decision; further apart, the later may be a new delay.
pub const DELAY_REPORT_DAYS: i64 = 14;

/// Whether two claims report one delay with different targets: both
/// delays of one event (see [`same_event_score`]), neither a further delay
/// (`delayed again`), from articles published within
/// [`DELAY_REPORT_DAYS`] of each other (`days_apart`).
pub fn delays_conflict(
    a: &EventClaim,
    b: &EventClaim,
    same: &SameEntity,
    days_apart: Option<i64>,
) -> bool {
    a.family == Family::Delay
        && b.family == Family::Delay
        && a.thing.is_empty()
        && b.thing.is_empty()
        && a.confidence >= MIN_CONFIDENCE
        && b.confidence >= MIN_CONFIDENCE
        && within_delay_report(days_apart)
        && same_event_score(a, b, same) >= SAME_EVENT
}

/// Whether two claims' periods do not overlap.
pub fn dates_disjoint(a: &EventClaim, b: &EventClaim) -> bool {
    match (a.value.period, b.value.period) {
        (Some((af, al)), Some((bf, bl))) => al < bf || bl < af,
        _ => false,
    }
}

/// Whether two figure claims give one contract's value differently: a
/// shared organisation, no counterpart only one side has, and figures
/// that [`figures::disagree`].
pub fn same_contract(a: &FigureClaim, b: &FigureClaim, same: &SameEntity) -> bool {
    let meets = |p: &Party, others: &[Party]| others.iter().any(|q| same_party(p, q, same));
    let shared = a.parties.iter().any(|p| meets(p, &b.parties));
    let unmatched = |x: &FigureClaim, y: &FigureClaim| {
        x.parties
            .iter()
            .filter(|p| p.reference == super::Reference::Named)
            .any(|p| !meets(p, &y.parties) && !y.parties.iter().any(|q| short_form(p, q)))
    };
    shared && !(unmatched(a, b) && unmatched(b, a))
}

/// Whether one name is the other's first word (`Fellside's hospitals` and
/// `Fellside Hospitals NHS Trust`): a place standing for its trust, not a
/// different party. Not enough to make two parties one.
fn short_form(a: &Party, b: &Party) -> bool {
    let first_word_of = |short: &str, long: &str| {
        !short.contains(' ') && long.contains(' ') && long.split(' ').next() == Some(short)
    };
    first_word_of(&a.name, &b.name) || first_word_of(&b.name, &a.name)
}

fn quote(text: &str, s: &crate::analysis::Span) -> String {
    text.get(s.clone()).unwrap_or("").to_string()
}

fn place(file: &Option<PathBuf>) -> String {
    match file {
        Some(p) => crate::analysis::text::file_name(p),
        None => "elsewhere this article".to_string(),
    }
}

/// The `conflicting-event-date` finding on claim `a` (in `a_text`) for its
/// conflict with claim `b` (in `b_text`, the file `b_file`, or this same
/// article when `None`): names both dates, and relates `b`'s sentence.
pub fn conflict_finding(
    a: &EventClaim,
    a_text: &str,
    b: &EventClaim,
    b_file: Option<PathBuf>,
    b_text: &str,
) -> Finding {
    let message = format!(
        "‘{}’ ({}) dates the event ‘{}’ ({}), but {} dates it ‘{}’ ({})",
        quote(a_text, &a.date_span),
        a.value.value,
        a.family.as_str(),
        a.who(),
        place(&b_file),
        quote(b_text, &b.date_span),
        b.value.value
    );
    let mut f = Finding::new(
        codes::CONFLICTING_EVENT_DATE,
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

/// The `conflicting-figure` finding on figure `a` (in `a_text`), against
/// the figures that disagree with it, `(file or None for this article,
/// text, claim)`; `agreeing` counts the articles that back `a`.
pub fn figure_finding(
    a: &FigureClaim,
    a_text: &str,
    others: &[(Option<PathBuf>, &str, &FigureClaim)],
    total_against: usize,
) -> Option<Finding> {
    let (first_file, first_text, first) = others.first()?;
    let whose = a
        .parties
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let more = if total_against > 1 {
        format!(
            " ({} other source{} agree{})",
            total_against - 1,
            if total_against == 2 { "" } else { "s" },
            if total_against == 2 { "s" } else { "" }
        )
    } else {
        String::new()
    };
    let message = format!(
        "‘{}’ is the contract's value here ({whose}), but {} gives ‘{}’{more}",
        quote(a_text, &a.money.span),
        place(first_file),
        quote(first_text, &first.money.span),
    );
    let mut f = Finding::new(
        crate::analysis::findings::codes::CONFLICTING_FIGURE,
        Severity::Warning,
        a.money.span.clone(),
        message,
    );
    for (file, text, claim) in others {
        f.related.push(Related {
            file: file.clone(),
            span: claim.sentence.clone(),
            message: format!("‘{}’ here", quote(text, &claim.money.span)),
        });
    }
    Some(f)
}
