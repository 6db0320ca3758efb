//! Reading a sentence's event claims: triggers, the date of each one's
//! clause, the actor and parties, and the anchors (see the module docs of
//! [`super`]).

use super::{EventClaim, EventKind, Family, Money, Party, Reference, figures, lexicon, named};
use crate::analysis::Span;
use crate::analysis::article::Article;
use crate::analysis::entities::{EntityKind, Mention};
use crate::analysis::temporal::lexicon::{Kind, Toks, VERB_CHAIN};
use crate::analysis::temporal::{Precision, Resolved, Tense};
/// Event claims of one article. `resolved` are its resolved date
/// expressions; `mentions` its resolved entity mentions in text order.
pub fn event_claims(
    text: &str,
    article: &Article,
    resolved: &[Resolved],
    mentions: &[Mention],
) -> Vec<EventClaim> {
    let sentences: Vec<&Span> = article
        .paragraphs
        .iter()
        .flat_map(|p| p.sentences.iter())
        .collect();
    // The lead dateline's place and agency are no party to the story.
    let kept: Vec<Mention>;
    let mentions = if article.lead.is_some() {
        kept = mentions
            .iter()
            .filter(|m| !article.in_lead(&m.span))
            .cloned()
            .collect();
        &kept[..]
    } else {
        mentions
    };
    let mut out = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        // The lead's date is the day the story was filed, not an event's.
        let dated: Vec<&Resolved> = resolved
            .iter()
            .filter(|r| r.expr.sentence == **sentence)
            .filter(|r| !article.in_lead(&r.expr.span))
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
        // Where the sentence proper begins: after the lead.
        let opening = article
            .lead
            .as_ref()
            .filter(|l| sentence.start <= l.span.start && l.span.start < end)
            .map_or(0, |l| t.at(l.span.end));
        let cx = Sentence {
            text,
            opening,
            t,
            span: (*sentence).clone(),
            mentions: mentions
                .iter()
                .filter(|m| m.span.start >= sentence.start && m.span.end <= end)
                .collect(),
            dated,
            earlier: earlier_mentions(mentions, &sentences, index),
            later_phase: later_phase(text, &sentences, index),
        };
        cx.claims(&mut out);
    }
    out
}

/// Person and organisation mentions of the up to three sentences before
/// sentence `index`, nearest last.
fn earlier_mentions<'m>(
    mentions: &'m [Mention],
    sentences: &[&Span],
    index: usize,
) -> Vec<&'m Mention> {
    let Some(current) = sentences.get(index) else {
        return Vec::new();
    };
    let from = sentences[index.saturating_sub(3)].start;
    mentions
        .iter()
        .filter(|m| m.span.start >= from && m.span.end <= current.start)
        .filter(|m| matches!(m.kind, EntityKind::Organization | EntityKind::Person))
        .collect()
}

/// One sentence being read for claims.
struct Sentence<'a> {
    text: &'a str,
    t: Toks<'a>,
    span: Span,
    mentions: Vec<&'a Mention>,
    dated: Vec<&'a Resolved>,
    /// The first token of the sentence proper (after a lead dateline).
    opening: usize,
    earlier: Vec<&'a Mention>,
    /// The sentence, or else the one before it, tells of a roll-out's
    /// later phase (`completed the second phase … The modules went live`).
    later_phase: bool,
}

/// Whether sentence `index` is about a later phase of a roll-out: it says
/// so, or it names no phase and the sentence before it does.
fn later_phase(text: &str, sentences: &[&Span], index: usize) -> bool {
    let at = |i: usize| {
        sentences
            .get(i)
            .and_then(|s| text.get((*s).clone()))
            .unwrap_or("")
    };
    let own = at(index);
    if lexicon::tells_later_phase(own) {
        return true;
    }
    !lexicon::tells_first_phase(own)
        && index > 0
        && lexicon::tells_later_phase(at(index - 1))
        && !lexicon::tells_first_phase(at(index - 1))
}

/// Prepositions that keep a name from being the subject after them.
const NOT_SUBJECT_AFTER: &[&str] = &[
    "with", "to", "for", "from", "at", "of", "by", "in", "on", "under", "between", "against",
    "than", "like", "into", "across", "within", "via", "about", "behind",
];

const BE: &[&str] = &["is", "was", "were", "are", "be", "been", "being"];
/// Whether token `j` belongs to the verb group before a trigger: the
/// temporal reader's verb chain (auxiliaries, modals, `to`, negation,
/// adverbs), plan words (`due`, `expected`, `plans`) and `do`-support.
fn in_verb_group(t: &Toks, j: usize) -> bool {
    t.any(j, VERB_CHAIN)
        || t.any(j, lexicon::PLAN_WORDS)
        || t.any(j, &["yet", "did", "does", "do", "going", "hoping"])
}

impl<'a> Sentence<'a> {
    fn inside_date(&self, i: usize) -> bool {
        let at = self.t.start(i);
        self.dated.iter().any(|r| r.expr.span.contains(&at))
    }

    fn mention_at(&self, i: usize) -> Option<&'a Mention> {
        let at = self.t.start(i);
        self.mentions.iter().copied().find(|m| m.span.contains(&at))
    }

    fn triggers(&self) -> Vec<(usize, usize, EventKind)> {
        let t = &self.t;
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if t.kind(i) != Some(Kind::Word)
                || self.inside_date(i)
                || self.mention_at(i).is_some_and(|m| m.kind.is_name())
            {
                i += 1;
                continue;
            }
            match lexicon::trigger(t, i) {
                Some((end, kind)) => {
                    out.push((i, end, kind));
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    fn claims(&self, out: &mut Vec<EventClaim>) {
        let triggers = self.triggers();
        // `go-live was put back to May`: every date after a delay in the
        // sentence is where something was moved to, a plan.
        let delay_at = triggers
            .iter()
            .find(|(_, _, k)| *k == EventKind::Delayed)
            .map(|&(i, _, _)| self.t.start(i));
        let single = triggers.len() == 1 && self.dated.len() == 1;
        for (n, &(vi, vend, kind)) in triggers.iter().enumerate() {
            let t = &self.t;
            let Some((g, group)) = self.verb_group(vi) else {
                continue;
            };
            let passive = group.iter().any(|w| BE.contains(&w.as_str()));
            let kind = self.refine(kind, vi, vend);
            if kind == EventKind::Acquired && self.buys_a_product(vi, vend) {
                continue;
            }
            let Some((date, date_in_clause)) = self.date_for(g, vi, vend, single) else {
                continue;
            };
            let Some(value) = date.resolution.timex.clone() else {
                continue;
            };
            let plan = is_plan(t, vi, &group, kind)
                || date.resolution.tense == Tense::Future
                || delay_at.is_some_and(|d| date.expr.span.start > d);
            // Parties: the trigger's stretch of the sentence, between the
            // triggers either side.
            let lo = if n == 0 { 0 } else { triggers[n - 1].1 };
            let hi = triggers.get(n + 1).map_or(t.len(), |x| x.0);
            let (mut parties, products) =
                self.parties_in(self.party_stretch(lo, hi, vi, vend, date));
            let actor = self.actor(kind, g, vi, vend, passive, &parties);
            let confidence = confidence(actor.as_ref(), date_in_clause);
            if let Some(a) = &actor
                && !parties.iter().any(|p| p.name == a.name)
            {
                parties.insert(0, a.clone());
            }
            let mut seen = std::collections::HashSet::new();
            parties.retain(|p| seen.insert(p.name.clone()));
            let mut family = lexicon::family_of(kind);
            // A person leaving is a departure, not a supplier's exit.
            if kind == EventKind::Left
                && actor.as_ref().is_some_and(|a| a.kind == EntityKind::Person)
            {
                family = Family::Departure;
            }
            // `announced his departure`: one claim, not two.
            if let Some(c) = out.iter_mut().find(|c| {
                c.sentence == self.span && c.family == family && c.date_span == date.expr.span
            }) {
                // `completed its takeover of Ashgrove`: the first trigger's
                // stretch ended at the second, whose names are its too.
                if n > 0 && vi <= triggers[n - 1].1 + 3 {
                    for p in parties {
                        if !c.parties.iter().any(|q| q.name == p.name) {
                            c.parties.push(p);
                        }
                    }
                    c.figures.extend(self.contract_figures(lo, hi));
                    c.products.extend(products);
                    c.products.dedup();
                }
                continue;
            }
            out.push(EventClaim {
                kind,
                family,
                actor,
                parties,
                figures: self.contract_figures(lo, hi),
                products,
                thing: self.thing_of(family, g, vi, vend, lo, hi),
                content: if family == Family::Statement {
                    self.content_words(vend, t.len())
                } else {
                    Vec::new()
                },
                value,
                tense: date.resolution.tense,
                plan,
                confidence,
                sentence: self.span.clone(),
                date_span: date.expr.span.clone(),
                verb_span: t.start(vi)..t.end(vend - 1),
            });
        }
    }

    /// The verb group before the trigger at `vi` (its first token and its
    /// words, lower case), or `None` when it is negated (`did not sign`,
    /// `failed to go live`).
    fn verb_group(&self, vi: usize) -> Option<(usize, Vec<String>)> {
        let t = &self.t;
        let mut g = vi;
        while g > 0 && t.word(g - 1) && in_verb_group(t, g - 1) {
            g -= 1;
        }
        let group: Vec<String> = (g..vi).map(|j| t.s(j).to_ascii_lowercase()).collect();
        let negated = group
            .iter()
            .any(|w| lexicon::NEGATIONS.contains(&w.as_str()))
            || (vi > 0 && t.any(vi - 1, &["failed", "refused", "no"]));
        (!negated).then_some((g, group))
    }

    /// People, organisations and places in the byte range (the parties),
    /// and the products.
    fn parties_in(&self, (lo_b, hi_b): (usize, usize)) -> (Vec<Party>, Vec<String>) {
        let mut parties: Vec<Party> = Vec::new();
        let mut products = Vec::new();
        for m in self
            .mentions
            .iter()
            .filter(|m| m.span.start >= lo_b && m.span.end <= hi_b)
            .filter(|m| !self.compared(m))
        {
            match m.kind {
                EntityKind::Organization | EntityKind::Person | EntityKind::Place => {
                    parties.push(named(m))
                }
                EntityKind::Product => products.push(m.entity.clone()),
                _ => {}
            }
        }
        (parties, products)
    }

    /// What a claim of `family` is about, beyond its parties: what went
    /// live, whether a contract is a revision, whether a delay is again.
    fn thing_of(
        &self,
        family: Family,
        g: usize,
        vi: usize,
        vend: usize,
        lo: usize,
        hi: usize,
    ) -> Vec<String> {
        match family {
            Family::GoLive => {
                let mut thing = self.thing(g, vi, vend);
                if self.later_phase {
                    thing.push(lexicon::LATER_PHASE.to_string());
                }
                thing
            }
            Family::Contract => self.revision(lo, hi),
            Family::Delay => self.words_among(0, self.t.len(), lexicon::AGAIN),
            Family::Acquisition => self
                .acquisition_step(vi, vend)
                .map(|s| vec![s.to_string()])
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The bytes whose names are the trigger's parties, inside its stretch
    /// `lo..hi` (tokens) between the triggers either side: the clause of
    /// the trigger before ends at its comma (`X, which went live with Y in
    /// April, switched on Z`), and after its date, the list item holding
    /// the date ends it (`went live at X on 4 May and at Y on 18 May`).
    fn party_stretch(
        &self,
        lo: usize,
        hi: usize,
        vi: usize,
        vend: usize,
        date: &Resolved,
    ) -> (usize, usize) {
        let t = &self.t;
        let lo = if lo > 0 {
            (lo..vi)
                .rev()
                .find(|&j| t.punct(j, ",") || t.punct(j, ";"))
                .map_or(lo, |c| c + 1)
        } else {
            lo
        };
        let d = t.at(date.expr.span.start);
        let mut hi = hi;
        if d >= vend {
            // A list after the date: the telling ends at the first separator
            // that starts another, one with a date of its own (`at X in
            // March 2008, Y in July 2008`, `and at Y on 18 May`) or one that
            // goes on with anything but a name (`on 11 May, joining X, Y
            // and Z`); a list of names alone (`with X, Y and Z`) is its own.
            let later_date = |j: usize| {
                self.dated
                    .iter()
                    .any(|r| t.at(r.expr.span.start) > j && r.expr.span.start > date.expr.span.end)
            };
            let mut j = t.at(date.expr.span.end);
            while j < hi {
                if t.punct(j, ";") {
                    hi = j;
                    break;
                }
                if t.punct(j, ",") || t.any(j, &["and", "or"]) {
                    let mut k = j + 1;
                    while k < hi && t.any(k, &["and", "or", "the"]) {
                        k += 1;
                    }
                    let name_next = self.mention_at(k).is_some_and(|m| m.kind.is_name());
                    if later_date(j) || !name_next {
                        hi = j;
                        break;
                    }
                }
                j += 1;
            }
        }
        (t.start(lo), t.start(hi).max(t.end(vend.saturating_sub(1))))
    }

    /// A name a time is measured from (`a fortnight after Hexley General`)
    /// or compared with (`faster than Harbour`), not a party.
    fn compared(&self, m: &Mention) -> bool {
        let first = self.t.at(m.span.start);
        first > 0 && self.t.any(first - 1, &["after", "before", "than"])
    }

    /// The kind in context: `announced his departure` is a departure,
    /// `announced a £40m deal` a contract, `agreed a deal` a signing,
    /// `the contract was cancelled` a termination.
    fn refine(&self, kind: EventKind, vi: usize, vend: usize) -> EventKind {
        let t = &self.t;
        let ahead = |words: &[&str], n: usize| {
            (vend..(vend + n).min(t.len()))
                .take_while(|&j| !t.punct(j, ";"))
                .any(|j| t.any(j, words))
        };
        let near = |words: &[&str], n: usize| {
            (vi.saturating_sub(n)..(vend + n).min(t.len())).any(|j| t.any(j, words))
        };
        let behind = |words: &[&str], n: usize| {
            (vi.saturating_sub(n)..vi)
                .rev()
                .take_while(|&j| !t.punct(j, ";") && !t.punct(j, "."))
                .any(|j| t.any(j, words))
        };
        let buying = |n: usize| {
            ahead(lexicon::PRICE_NOUNS, n)
                || ahead(lexicon::BUY_VERBS, n)
                || ahead(&["bid", "offer", "merger"], n)
        };
        match kind {
            EventKind::Announced | EventKind::Said if ahead(lexicon::DEPARTURE_WORDS, 8) => {
                EventKind::DepartureAnnounced
            }
            // A takeover announced is its offer: `announced a £40m takeover
            // of`, `the agreed bid, announced yesterday`.
            EventKind::Announced
                if buying(6)
                    || behind(TAKEOVER_NOUNS, 2)
                    || (vi > 0 && t.punct(vi - 1, ",") && behind(TAKEOVER_NOUNS, 8)) =>
            {
                EventKind::Acquired
            }
            EventKind::Agreed if buying(6) => EventKind::Acquired,
            // `shareholders approved the takeover`: the vote.
            EventKind::Approved
                if near(lexicon::HOLDERS, 4)
                    && near(
                        &["takeover", "acquisition", "bid", "offer", "merger", "deal"],
                        8,
                    ) =>
            {
                EventKind::Acquired
            }
            // Announcing a deal is news of it, not its signing.
            EventKind::Agreed if ahead(lexicon::CONTRACT_NOUNS, 6) => EventKind::Signed,
            EventKind::Cancelled if near(&["contract", "contracts", "deal"], 4) => {
                EventKind::Terminated
            }
            EventKind::Completed
                if near(&["acquisition", "takeover", "purchase"], 4)
                    || self.completes_a_takeover_named_before(vi) =>
            {
                EventKind::Acquired
            }
            other => other,
        }
    }

    /// `trusts that bought Mireway's system`: a buyer of a company's
    /// product, not of the company.
    fn buys_a_product(&self, vi: usize, vend: usize) -> bool {
        let t = &self.t;
        if !t.any(vi, lexicon::BUY_VERBS) {
            return false;
        }
        let mut j = vend;
        while j < t.len() && self.mention_at(j).is_some() {
            j += 1;
        }
        let possessive = if t.any(j, &["'s", "’s"]) {
            Some(j + 1)
        } else if t.any(j, &["'", "’"]) && t.is(j + 1, "s") {
            Some(j + 2)
        } else {
            None
        };
        j > vend
            && possessive.is_some_and(|k| {
                t.word(k) && !t.any(k, lexicon::PRICE_NOUNS) && !t.any(k, &["shares", "stake"])
            })
    }

    /// `Orrin's takeover of Stonebridge Clinical Software, completed in
    /// July`: the takeover's noun, `of` and a name right before `vi`.
    fn completes_a_takeover_named_before(&self, vi: usize) -> bool {
        let t = &self.t;
        let mut j = vi;
        if j > 0 && t.punct(j - 1, ",") {
            j -= 1;
        }
        let mut k = j;
        while k > 0 && self.mention_at(k - 1).is_some() {
            k -= 1;
        }
        k < j
            && k >= 2
            && t.is(k - 1, "of")
            && t.any(k - 2, &["acquisition", "takeover", "purchase"])
    }

    /// The date attached to a trigger whose verb group starts at `g`: the
    /// only one in its clause, else the nearest after it in the clause,
    /// else before; for a sentence with one trigger and one date, that
    /// date. A date after the trigger that belongs to a noun further on
    /// gives way to the verb's own date (see [`Sentence::further_in`]).
    /// The flag says whether it was in the clause.
    fn date_for(
        &self,
        g: usize,
        vi: usize,
        vend: usize,
        single: bool,
    ) -> Option<(&'a Resolved, bool)> {
        let chosen = self.nearest_date(vi, vend, single);
        // `Yesterday Westerdale published its review of the outage on 2
        // December`: the outage's date, not the publishing's. An event
        // noun's own phrase (`the termination of the contract on 2 May`)
        // dates it, so only a verb gives its date up. A date within the
        // verb's own (`In 2010, … a contract for the system on 3 May`) is
        // likelier the same event told finer, so it stays.
        if let Some((r, true)) = chosen
            && !self.event_noun(vi)
            && self.further_in(vend, r)
            && let Some(own) = self.verb_date(g, vi)
            && disjoint(own, r)
        {
            return Some((own, true));
        }
        chosen
    }

    /// [`Sentence::date_for`] before a noun's date gives way.
    fn nearest_date(&self, vi: usize, vend: usize, single: bool) -> Option<(&'a Resolved, bool)> {
        let t = &self.t;
        let same: Vec<&'a Resolved> = self
            .dated
            .iter()
            .copied()
            .filter(|r| {
                let d = t.at(r.expr.span.start);
                if d >= vend {
                    same_clause(t, vend - 1, d)
                } else {
                    same_clause(t, d, vi)
                }
            })
            .collect();
        // `On March 9, the agency said`: a date fronting the sentence
        // belongs to its first trigger.
        let fronted = || {
            self.dated.iter().copied().find(|r| {
                let d = t.at(r.expr.span.start);
                d <= self.opening + 2
                    && d < vi
                    && !(t.at(r.expr.span.end)..vi)
                        .any(|j| t.word(j) && lexicon::trigger(t, j).is_some())
            })
        };
        // `signed a five-year, £6.4m contract … in November 2008`: the
        // first date after the trigger, past commas but no other trigger,
        // no list separator (`…, and from Y on 9 December`: another
        // telling's date) and no stronger boundary. An event noun takes
        // only a date modifying it (`her departure, on 4 March,`).
        let noun = self.event_noun(vi);
        let relaxed = || {
            self.dated.iter().copied().find(|r| {
                let d = t.at(r.expr.span.start);
                d >= vend
                    && !(vend..d).any(|j| {
                        (t.word(j) && lexicon::trigger(t, j).is_some())
                            || (t.kind(j) == Some(Kind::Punct)
                                && matches!(t.s(j), ";" | ":" | "“" | "”" | "\"" | "—" | "–"))
                            || t.any(j, CLAUSE_WORDS)
                            || list_separator(t, j)
                    })
                    && (!noun || modifies(t, vend, d))
            })
        };
        match same[..] {
            [one] => Some((one, true)),
            [] => fronted()
                .or_else(relaxed)
                .map(|r| (r, true))
                .or_else(|| single.then(|| (self.dated[0], false))),
            _ => same
                .iter()
                .copied()
                .find(|r| r.expr.span.start >= t.end(vend - 1))
                .or_else(|| same.last().copied())
                .map(|r| (r, true)),
        }
    }

    /// Whether the date `r`, after the trigger ending before `vend` and in
    /// its clause, sits in a phrase of a noun further on rather than on the
    /// verb: past the object, after a preposition that hangs a phrase on a
    /// noun (`its review of the outage on 2 December`, `a report into the
    /// crash on 3 May`) or past another trigger (`the contract for the
    /// system installed in June`). Right after the verb or its object
    /// (`signed the deal on 2 December`, `went live with Quarry on 3
    /// May`) it is the verb's, and so is a bare `yesterday`. A place's
    /// phrase (`in Calder`) hangs on the verb as often as on a noun, so it
    /// tells nothing.
    fn further_in(&self, vend: usize, r: &Resolved) -> bool {
        let t = &self.t;
        let d = t.at(r.expr.span.start);
        if d < vend || !same_clause(t, vend - 1, d) {
            return false;
        }
        let own_preposition = d > vend && t.any(d - 1, DATE_PREPOSITIONS);
        if r.expr.is_relative() && !own_preposition {
            return false;
        }
        let p = if own_preposition { d - 1 } else { d };
        // `signed up for`, `took over`: a particle is the verb's, no noun.
        let mut object = vend;
        while object < p && t.any(object, PARTICLES) {
            object += 1;
        }
        (vend + 1..p).any(|k| {
            let after_noun =
                k > object && t.word(k - 1) && !in_verb_group(t, k - 1) && !self.inside_date(k - 1);
            let noun_phrase = t.any(k, NOUN_PREPOSITIONS)
                && after_noun
                && !as_role(t, object, k)
                && !self.names_a_place(k + 1, p);
            let trigger = t.word(k)
                && self.mention_at(k).is_none_or(|m| !m.kind.is_name())
                && lexicon::trigger(t, k).is_some();
            noun_phrase || trigger
        })
    }

    /// Whether the phrase starting at token `k` (before `end`) names a
    /// place first: `in Calder`, `in the Orrin Centre`.
    fn names_a_place(&self, k: usize, end: usize) -> bool {
        let t = &self.t;
        let mut j = k;
        while j < end && t.any(j, &["the", "a", "an", "its", "their"]) {
            j += 1;
        }
        j < end
            && self
                .mention_at(j)
                .is_some_and(|m| m.kind == EntityKind::Place)
    }

    /// The date the trigger at `vi` (verb group from `g`) carries itself:
    /// one right before its verb group (`Westerdale yesterday published`),
    /// else one opening the sentence (`Yesterday`, `On Monday,`, `Earlier
    /// this month,`) with no other trigger or clause between, and not a
    /// possessive (`Last week's board meeting heard that …`).
    fn verb_date(&self, g: usize, vi: usize) -> Option<&'a Resolved> {
        let t = &self.t;
        // `By 2010,`, `Since May`: a bound of the event, not its date.
        let bound = |d: usize| t.any(d, BOUND_WORDS) || (d > 0 && t.any(d - 1, BOUND_WORDS));
        let adjacent = self.dated.iter().copied().find(|r| {
            let (d, e) = (t.at(r.expr.span.start), t.at(r.expr.span.end));
            d < vi && e >= g && e <= vi && !bound(d)
        });
        adjacent.or_else(|| {
            self.dated.iter().copied().find(|r| {
                let (d, e) = (t.at(r.expr.span.start), t.at(r.expr.span.end));
                let possessive = t.any(e, &["'s", "’s"]) || (t.apostrophe(e) && t.is(e + 1, "s"));
                d <= self.opening + 2
                    && !bound(d)
                    && e <= g
                    && !possessive
                    && !(e..g).any(|j| {
                        (t.word(j) && lexicon::trigger(t, j).is_some())
                            || t.any(j, CLAUSE_WORDS)
                            || (t.kind(j) == Some(Kind::Punct)
                                && matches!(t.s(j), ";" | ":" | "“" | "”" | "\"" | "—" | "–"))
                    })
            })
        })
    }

    /// Whether the trigger at `vi` is told as a noun (`her departure`,
    /// `the takeover`, `Ashby Vale's go-live`), not a verb.
    fn event_noun(&self, vi: usize) -> bool {
        let t = &self.t;
        t.any(vi, lexicon::EVENT_NOUNS)
            || (vi > 0
                && (t.any(vi - 1, DETERMINERS)
                    || t.any(vi - 1, &["'s", "’s"])
                    || (vi > 1 && t.apostrophe(vi - 2) && t.is(vi - 1, "s"))))
    }

    /// The subject of the trigger: see the module docs.
    fn actor(
        &self,
        kind: EventKind,
        group: usize,
        vi: usize,
        vend: usize,
        passive: bool,
        parties: &[Party],
    ) -> Option<Party> {
        let t = &self.t;
        // `after announcing in May`: a participle without a subject.
        let participle = t.s(vi).ends_with("ing")
            && group > 0
            && t.any(
                group - 1,
                &[
                    "after",
                    "before",
                    "since",
                    "when",
                    "while",
                    "by",
                    "following",
                    "on",
                ],
            );
        // Backwards from the verb group to the nearest name or pronoun.
        if let Some(found) = self.subject_before(if participle { 0 } else { group }) {
            return found;
        }
        // The passive's agent: `was signed by Harbour`.
        if passive && t.is(vend, "by") {
            if let Some(p) = parties
                .iter()
                .find(|p| p.span.start >= t.end(vend) && p.kind != EntityKind::Place)
            {
                return Some(p.clone());
            }
        }
        // No subject: the sentence's first person or organisation, else
        // the previous sentences' (a person for a departure).
        let fits = |m: &&Mention| match lexicon::family_of(kind) {
            Family::Departure => m.kind == EntityKind::Person,
            _ => matches!(m.kind, EntityKind::Organization | EntityKind::Person),
        };
        self.mentions
            .iter()
            .copied()
            .find(|m| fits(m) && m.span.end <= t.start(vi))
            .or_else(|| self.earlier.iter().rev().copied().find(|m| fits(m)))
            .map(|m| Party {
                reference: Reference::Omitted,
                ..named(m)
            })
    }

    /// The subject found walking back from token `from`: a name (not an
    /// object), a pronoun or a role standing for one (`Some` of what it
    /// stands for, which may be nothing), or `None` when the clause gives
    /// no subject before.
    fn subject_before(&self, from: usize) -> Option<Option<Party>> {
        let t = &self.t;
        // `X signed … and went live`: the verbs share X.
        let coordinated = from > 0 && t.is(from - 1, "and");
        let mut j = from;
        let mut seen_trigger = false;
        while j > 0 {
            j -= 1;
            if t.punct(j, ";") || t.any(j, &["but", "while", "whereas"]) {
                break;
            }
            if let Some(m) = self.mention_at(j) {
                let first = t.at(m.span.start);
                let object = first > 0
                    && (t.any(first - 1, NOT_SUBJECT_AFTER)
                        || (t.word(first - 1) && lexicon::trigger(t, first - 1).is_some()));
                if matches!(m.kind, EntityKind::Organization | EntityKind::Person)
                    && !object
                    && (!seen_trigger || coordinated)
                {
                    return Some(Some(named(m)));
                }
                j = first;
                continue;
            }
            if t.word(j) && lexicon::trigger(t, j).is_some() {
                seen_trigger = true;
            }
            if seen_trigger {
                continue;
            }
            let w = t.s(j).to_ascii_lowercase();
            let role = lexicon::PERSON_ROLES.contains(&w.as_str())
                && j > 0
                && t.any(
                    j - 1,
                    &["the", "its", "chief", "managing", "finance", "former"],
                );
            if matches!(w.as_str(), "he" | "she" | "his" | "her") || role {
                return Some(self.antecedent(t.start(j), |m| m.kind == EntityKind::Person, j));
            }
            if let Some(&(_, fits)) = lexicon::ORG_REFERENCES.iter().find(|(r, _)| *r == w) {
                let described = !matches!(w.as_str(), "it" | "its");
                if described && !(j > 0 && t.any(j - 1, &["the", "its"])) {
                    continue;
                }
                return Some(self.antecedent(
                    t.start(j),
                    |m| {
                        m.kind == EntityKind::Organization
                            && (fits.is_empty() || m.entity.to_ascii_lowercase().contains(fits))
                    },
                    j,
                ));
            }
        }
        None
    }

    /// The nearest fitting mention before byte `at`, in this sentence
    /// or the earlier ones, standing for the pronoun at token `j`.
    fn antecedent(&self, at: usize, fits: impl Fn(&Mention) -> bool, j: usize) -> Option<Party> {
        let here = self
            .mentions
            .iter()
            .rev()
            .copied()
            .filter(|m| m.span.end <= at)
            .find(|m| fits(m));
        let m = here.or_else(|| self.earlier.iter().rev().copied().find(|m| fits(m)))?;
        Some(Party {
            span: self.t.start(j)..self.t.end(j),
            reference: Reference::Pronoun,
            ..named(m)
        })
    }

    /// Money figures that name a deal in token range `lo..hi`.
    fn contract_figures(&self, lo: usize, hi: usize) -> Vec<Money> {
        let t = &self.t;
        let (lo_b, hi_b) = (t.start(lo), t.start(hi));
        let money: Vec<&Mention> = self
            .mentions
            .iter()
            .copied()
            .filter(|m| m.kind == EntityKind::Money)
            .collect();
        figures::deal_figures(self.text, t, &money)
            .into_iter()
            .filter(|f| f.span.start >= lo_b && f.span.end <= hi_b)
            .collect()
    }

    /// What went live: content words after `with`, or of the subject
    /// when it is not a name (`the maternity system went live`).
    fn thing(&self, group: usize, vi: usize, vend: usize) -> Vec<String> {
        let t = &self.t;
        let generic = [
            "system", "systems", "new", "software", "service", "services", "its", "their", "the",
            "a", "an", "first", "it", "trust", "hospital",
        ];
        let mut words = Vec::new();
        let take = |j: usize, words: &mut Vec<String>| {
            let w = t.s(j).to_ascii_lowercase();
            if t.word(j) && !generic.contains(&w.as_str()) && !lexicon::is_stop_word(&w) {
                words.push(w);
            }
        };
        let with = (vend..(vend + 6).min(t.len()))
            .take_while(|&j| !t.punct(j, ",") && !t.punct(j, ";"))
            .find(|&j| t.is(j, "with"));
        if let Some(w) = with {
            let mut j = w + 1;
            while j < t.len() && j < w + 7 && !t.punct(j, ",") && !self.inside_date(j) {
                if t.any(j, &["at", "in", "on", "across", "for", "from", "and"]) {
                    break;
                }
                // A product named in it (`the Wardline PAS`) is the thing too.
                if let Some(m) = self.mention_at(j) {
                    if m.kind == EntityKind::Product {
                        words.push(m.entity.to_ascii_lowercase());
                    }
                    j = t.at(m.span.end).max(j + 1);
                    continue;
                }
                take(j, &mut words);
                j += 1;
            }
        } else if vi == group || group > 0 {
            let mut j = group;
            while j > 0 && j + 6 > group {
                j -= 1;
                // `the Tessaly records system went live`: the product is
                // the thing, as in `went live with Tessaly`.
                if let Some(m) = self.mention_at(j)
                    && m.kind == EntityKind::Product
                {
                    words.push(m.entity.to_ascii_lowercase());
                    j = t.at(m.span.start);
                    continue;
                }
                if !t.word(j) || self.mention_at(j).is_some() || t.any(j, &["the", "a", "an"]) {
                    break;
                }
                take(j, &mut words);
            }
        }
        words.sort();
        words.dedup();
        words
    }

    /// Which step of a takeover the trigger at `vi` dates (see
    /// [`lexicon::STEP_OFFER`]): told by the trigger itself (`completed`,
    /// `agreed`), else by the words after it in its clause (`takeover was
    /// approved by shareholders`), else before it (`the agreed bid`); a
    /// bare past tense (`acquired`, `took over`) is the completion.
    fn acquisition_step(&self, vi: usize, vend: usize) -> Option<&'static str> {
        let t = &self.t;
        let step_of = |range: std::ops::Range<usize>| {
            let has = |words: &[&str]| range.clone().any(|j| t.any(j, words));
            if has(lexicon::COMPLETION_WORDS) {
                Some(lexicon::STEP_COMPLETION)
            } else if has(lexicon::HOLDERS) && has(lexicon::VOTE_WORDS) {
                Some(lexicon::STEP_VOTE)
            } else if has(lexicon::OFFER_WORDS) {
                Some(lexicon::STEP_OFFER)
            } else {
                None
            }
        };
        if t.any(vi, lexicon::VOTE_WORDS) {
            return Some(lexicon::STEP_VOTE);
        }
        if let Some(step) = step_of(vi..vend) {
            return Some(step);
        }
        let stop = |j: usize| t.punct(j, ",") || t.punct(j, ";") || t.punct(j, ".");
        let after_end = (vend..(vend + 6).min(t.len()))
            .find(|&j| stop(j) || self.inside_date(j))
            .unwrap_or((vend + 6).min(t.len()));
        let before_start = (vi.saturating_sub(4)..vi)
            .rev()
            .find(|&j| t.punct(j, ";") || t.punct(j, "."))
            .map_or(vi.saturating_sub(4), |j| j + 1);
        step_of(vend..after_end)
            .or_else(|| step_of(before_start..vi))
            .or_else(|| {
                t.any(vi, lexicon::DONE_BUYING)
                    .then_some(lexicon::STEP_COMPLETION)
            })
    }

    /// `renegotiated`, `new`, `extension`…: a contract that is not the
    /// first one signed.
    fn revision(&self, lo: usize, hi: usize) -> Vec<String> {
        self.words_among(lo, hi, lexicon::REVISIONS)
    }

    /// The words of `list` in tokens `lo..hi`, sorted.
    fn words_among(&self, lo: usize, hi: usize, list: &[&str]) -> Vec<String> {
        let t = &self.t;
        let mut out: Vec<String> = (lo..hi.min(t.len()))
            .filter(|&j| t.any(j, list))
            .map(|j| t.s(j).to_ascii_lowercase())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Content words of the sentence outside names and dates: what a
    /// statement says.
    fn content_words(&self, after: usize, hi: usize) -> Vec<String> {
        let t = &self.t;
        // What was said follows the verb (`said that talks had failed`),
        // unless the verb closes the sentence (`"…," he said`).
        let stop = (after..hi)
            .find(|&j| {
                t.punct(j, ";")
                    || t.punct(j, ":")
                    || (j > after + 3 && (t.punct(j, ",") || t.any(j, &["and", "but"])))
            })
            .unwrap_or(hi);
        let words_in = |range: std::ops::Range<usize>| -> Vec<usize> {
            range
                .filter(|&j| t.word(j) && !self.inside_date(j) && self.mention_at(j).is_none())
                .collect()
        };
        let mut range = words_in(after..stop);
        // `said that it would appeal`: an intention, never the same
        // statement as a report that it `had lost`.
        let intent = (after..stop.min(after + 8)).any(|j| t.any(j, lexicon::INTENT_WORDS));
        if range.len() < 3 {
            range = words_in(0..after);
        }
        let mut words: Vec<String> = range
            .into_iter()
            .map(|j| t.s(j).to_ascii_lowercase())
            .filter(|w| w.len() > 2 && !lexicon::is_stop_word(w))
            .collect();
        if intent {
            words.push(lexicon::STATED_INTENT.to_string());
        }
        words.sort();
        words.dedup();
        words
    }
}

/// Nouns naming a takeover, before `announced` in a noun phrase.
const TAKEOVER_NOUNS: &[&str] = &["bid", "offer", "takeover", "acquisition", "merger"];

/// Whether the trigger at `vi` with verb group `group` tells a plan:
/// modals and plan words (`will`, `due to`), `planned`, `expected`, and
/// any delay (its date is where something was moved to).
fn is_plan(t: &Toks, vi: usize, group: &[String], kind: EventKind) -> bool {
    // `agreed to buy it last November`: a takeover agreed is done (its
    // offer), not planned.
    let g = vi - group.len();
    let agreed_deal = lexicon::family_of(kind) == Family::Acquisition
        && group == ["to"]
        && g > 0
        && t.any(g - 1, &["agreed"]);
    (!agreed_deal
        && group
            .iter()
            .any(|w| lexicon::PLAN_WORDS.contains(&w.as_str())))
        || (vi > 0 && t.any(vi - 1, &["planned", "scheduled", "expected", "proposed"]))
        || kind == EventKind::Delayed
}

/// How far a claim can be trusted to contradict another: a named actor
/// most, a pronoun less, an omitted one less again; a date tied to the
/// trigger only by the sentence hardly at all.
fn confidence(actor: Option<&Party>, date_in_clause: bool) -> f32 {
    let mut confidence: f32 = 1.0;
    match actor.map(|a| a.reference) {
        Some(Reference::Named) => {}
        Some(Reference::Pronoun) => confidence -= 0.15,
        Some(Reference::Omitted) => confidence -= 0.3,
        None => confidence -= 0.4,
    }
    if !date_in_clause {
        confidence -= 0.55;
    }
    confidence.max(0.0)
}

/// Determiners and possessives that make a trigger a noun (`his departure`).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "this", "that", "whose", "our", "my", "your",
];

/// Whether token `j` separates the items of a list or coordinated
/// phrases: `and`/`or` after a comma, `as well as`.
fn list_separator(t: &Toks, j: usize) -> bool {
    (t.any(j, &["and", "or"]) && j > 0 && t.punct(j - 1, ","))
        || (t.is(j, "as") && t.is(j + 1, "well") && t.is(j + 2, "as"))
}

/// Whether the date at token `d` modifies the noun phrase ending before
/// `vend`: within its phrase, or right after one comma (`her departure, on
/// 4 March`, `the takeover of Ashgrove, in July`), never past a second.
fn modifies(t: &Toks, vend: usize, d: usize) -> bool {
    let commas: Vec<usize> = (vend..d).filter(|&j| t.punct(j, ",")).collect();
    match commas[..] {
        [] => true,
        [c] => d - c <= 2,
        _ => false,
    }
}

/// Prepositions that open a date's own phrase (`on 2 December`).
const DATE_PREPOSITIONS: &[&str] = &["on", "in", "at", "during", "from", "by", "around", "over"];

/// Prepositions that hang a phrase on the noun before them (`the review of
/// the outage`, `a report into the crash`, `the contract for the system`).
/// Not `with`, `to`, `from` or `by`: a counterpart, a recipient, an agent
/// are the verb's.
const NOUN_PREPOSITIONS: &[&str] = &[
    "of",
    "into",
    "for",
    "about",
    "over",
    "on",
    "in",
    "behind",
    "regarding",
    "concerning",
];

/// Words after a verb that belong to it (`signed up for`, `took over`).
const PARTICLES: &[&str] = &["up", "down", "over", "off", "out", "back", "away"];

/// Words that make a date a bound of an event rather than its date.
const BOUND_WORDS: &[&str] = &[
    "by", "since", "until", "till", "before", "after", "from", "between", "through",
];

/// Whether the noun before the preposition at `k` is a role after `as`
/// (`stepped down as chief executive of X`): the verb's, not an object.
fn as_role(t: &Toks, from: usize, k: usize) -> bool {
    let mut j = k;
    while j > from && t.word(j - 1) && !t.any(j - 1, NOUN_PREPOSITIONS) && !t.is(j - 1, "as") {
        j -= 1;
    }
    j > from && t.is(j - 1, "as")
}

/// Whether two dates' periods share no day; unknown periods never do.
fn disjoint(a: &Resolved, b: &Resolved) -> bool {
    let period = |r: &Resolved| r.resolution.timex.as_ref().and_then(|t| t.period);
    match (period(a), period(b)) {
        (Some((a0, a1)), Some((b0, b1))) => a1 < b0 || b1 < a0,
        _ => false,
    }
}

/// Whether tokens `a` and `b` are in one clause: no clause punctuation or
/// conjunction between them.
fn same_clause(t: &Toks, a: usize, b: usize) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    let mut j = lo + 1;
    while j < hi {
        // A short aside in brackets, `(PAS)`, does not end the clause.
        if t.punct(j, "(")
            && let Some(close) = (j + 1..(j + 6).min(hi)).find(|&k| t.punct(k, ")"))
        {
            j = close + 1;
            continue;
        }
        // `until 14 May`: a preposition right before the later token.
        let governs_last = j + 1 == hi && t.any(j, &["until", "after", "before", "since"]);
        if (t.kind(j) == Some(Kind::Punct)
            && matches!(
                t.s(j),
                "," | ";" | ":" | "(" | ")" | "“" | "”" | "\"" | "—" | "–"
            ))
            || (t.any(j, CLAUSE_WORDS) && !governs_last)
            || t.is(j, "and")
        {
            return false;
        }
        j += 1;
    }
    true
}

/// Words that open another clause, or another event's predicate (`his
/// departure follows a report in March`: March is the report's).
const CLAUSE_WORDS: &[&str] = &[
    "but",
    "while",
    "whereas",
    "which",
    "who",
    "that",
    "when",
    "after",
    "before",
    "since",
    "until",
    "follows",
    "followed",
    "following",
    "precedes",
    "preceded",
];
