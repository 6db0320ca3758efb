use super::figures::{agree, disagree, significant_digits};
use super::matching::{SAME_EVENT, conflicts, same_event_score};
use super::*;
use crate::analysis::entities::Curated;
use crate::analysis::entities::tests::{article, corpus};
use crate::analysis::temporal::analyse;

/// The claims of each text, read together as one small corpus (so names
/// resolve across them).
fn claims_of(texts: &[&str]) -> Vec<Vec<EventClaim>> {
    let c = corpus(texts, &Curated::default());
    (0..texts.len())
        .map(|i| {
            let a = article(texts[i]);
            let dates = analyse(texts[i], &a);
            event_claims(texts[i], &a, &dates.expressions, &c.mentions(i))
        })
        .collect()
}

fn dated(body: &str) -> String {
    format!("A headline\n\n  • 14 March 2011\n\n{body}\n")
}

fn same(a: &str, b: &str) -> bool {
    a == b
}

fn only(claims: &[EventClaim]) -> &EventClaim {
    assert_eq!(claims.len(), 1, "{claims:#?}");
    &claims[0]
}

#[test]
fn passive_voice_keeps_the_recipient_as_actor_and_the_figure_as_anchor() {
    let text = dated(
        "Harbour Systems was awarded a £412 million contract by the Ministry of Health in March 2004.",
    );
    let claims = claims_of(&[&text]);
    let c = only(&claims[0]);
    assert_eq!(c.family, Family::Contract);
    assert_eq!(c.actor.as_ref().unwrap().name, "Harbour Systems");
    assert!(c.parties.iter().any(|p| p.name == "Ministry of Health"));
    assert_eq!(c.figures.len(), 1);
    assert_eq!(c.figures[0].amount, 412e6);
    assert_eq!(c.value.value, "2004-03");
    assert!(!c.plan);
}

#[test]
fn a_pronoun_stands_for_the_person_named_before() {
    let text = dated(
        "Martin Oakes ran the programme for six years. The board thanked him. \
         He announced his departure in April.",
    );
    let claims = claims_of(&[&text]);
    let c = only(&claims[0]);
    assert_eq!(c.family, Family::Departure);
    let actor = c.actor.as_ref().unwrap();
    assert_eq!(actor.name, "Martin Oakes");
    assert_eq!(actor.reference, Reference::Pronoun);
    assert!(c.confidence < 1.0 && c.confidence >= matching::MIN_CONFIDENCE);
}

#[test]
fn an_omitted_subject_takes_the_sentence_subject() {
    let text = dated(
        "Martin Oakes left Calder Health in June, after announcing in May that he would step down.",
    );
    let claims = claims_of(&[&text]);
    let departure = claims[0]
        .iter()
        .find(|c| c.kind == EventKind::DepartureAnnounced)
        .expect("an announced departure");
    assert_eq!(departure.actor.as_ref().unwrap().name, "Martin Oakes");
    assert_eq!(departure.value.value, "2011-05");
    // A person leaving is a departure too, but not the announcement.
    let left = claims[0]
        .iter()
        .find(|c| c.kind == EventKind::Left)
        .unwrap();
    assert_eq!(left.family, Family::Departure);
    assert_eq!(left.value.value, "2010-06");
    assert!(same_event_score(left, departure, &same) < SAME_EVENT);
}

#[test]
fn several_triggers_take_the_date_of_their_own_clause() {
    let text = dated(
        "Westmoor Trust signed with Pellow Software in January 2009 and went live in October 2010.",
    );
    let claims = claims_of(&[&text]);
    let kinds: Vec<(Family, &str)> = claims[0]
        .iter()
        .map(|c| (c.family, c.value.value.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![(Family::Contract, "2009-01"), (Family::GoLive, "2010-10")]
    );
}

#[test]
fn plans_and_negations() {
    let text = dated(
        "Westmoor Trust is due to go live in October. Pellow Software has not signed the deal in March.",
    );
    let claims = claims_of(&[&text]);
    let c = only(&claims[0]);
    assert_eq!(c.family, Family::GoLive);
    assert!(c.plan);
}

fn pair(a: &str, b: &str) -> (EventClaim, EventClaim) {
    let claims = claims_of(&[a, b]);
    (only(&claims[0]).clone(), only(&claims[1]).clone())
}

#[test]
fn the_score_crosses_the_threshold_where_it_should() {
    // One actor and one figure: the same contract.
    let (a, b) = pair(
        &dated("Harbour Systems signed a £412m deal in March 2004."),
        &dated("Harbour Systems signed the £412 million contract in March 2005."),
    );
    assert!(same_event_score(&a, &b, &same) >= SAME_EVENT);
    assert!(conflicts(&a, &b, &same));
    // One actor, two contracts of very different value: not one event.
    let (a, b) = pair(
        &dated("Harbour Systems signed a £412m deal in March 2004."),
        &dated("Harbour Systems signed a £60m contract in March 2005."),
    );
    assert!(same_event_score(&a, &b, &same) < SAME_EVENT);
    assert!(!conflicts(&a, &b, &same));
    // One actor, different counterparts: different deals.
    let (a, b) = pair(
        &dated("Harbour Systems signed a deal with Calder Trust in March 2004."),
        &dated("Harbour Systems signed a deal with Brindle Trust in May 2004."),
    );
    assert!(same_event_score(&a, &b, &same) < SAME_EVENT);
    // The same actor and nothing else: one event.
    let (a, b) = pair(
        &dated("Harbour Systems signed a deal with Calder Trust in March 2004."),
        &dated("Harbour Systems signed the deal in May 2004."),
    );
    assert!(same_event_score(&a, &b, &same) >= SAME_EVENT);
}

#[test]
fn dates_agreeing_at_another_precision_or_told_as_plans_do_not_conflict() {
    let (a, b) = pair(
        &dated("Harbour Systems signed the contract in September 2005."),
        &dated("Harbour Systems signed the contract on 2 September 2005."),
    );
    assert!(!conflicts(&a, &b, &same));
    let (a, b) = pair(
        &dated("Westmoor Trust went live in May 2010."),
        &dated("Westmoor Trust is expected to go live in July 2010."),
    );
    assert!(!conflicts(&a, &b, &same));
}

#[test]
fn statements_match_on_what_was_said() {
    let (a, b) = pair(
        &dated("The Calder Agency said today that talks had failed."),
        &dated("On March 9, the Calder Agency said talks with unions had failed."),
    );
    assert!(conflicts(&a, &b, &same), "{a:#?}\n{b:#?}");
    let (a, b) = pair(
        &dated("The Calder Agency said today that talks had failed."),
        &dated("On March 9, the Calder Agency said its budget would rise."),
    );
    assert!(!conflicts(&a, &b, &same));
}

fn money(amount: f64, digits: u8) -> Money {
    Money {
        amount,
        currency: crate::analysis::entities::Currency::Gbp,
        digits,
        hedged: false,
        converted: false,
        span: 0..0,
    }
}

#[test]
fn figures_agree_within_rounding_and_truncation_only() {
    assert_eq!(significant_digits("£412m"), 3);
    assert_eq!(significant_digits("$2.37 billion"), 3);
    assert_eq!(significant_digits("£400m"), 1);
    assert_eq!(significant_digits("£1,200,000"), 2);
    assert_eq!(significant_digits("2.40bn"), 3);
    assert!(agree(&money(2.37e9, 3), &money(2.4e9, 2)));
    assert!(agree(&money(9.6e9, 2), &money(9e9, 1)));
    assert!(agree(&money(412e6, 3), &money(400e6, 1)));
    assert!(!agree(&money(412e6, 3), &money(413e6, 3)));
    assert!(disagree(&money(412e6, 3), &money(413e6, 3)));
    // Too far apart to be one contract.
    assert!(!disagree(&money(412e6, 3), &money(90e6, 1)));
    // Slips of one digit: transposed, or one dropped.
    assert!(disagree(&money(96e6, 2), &money(69e6, 2)));
    assert!(disagree(&money(9e6, 1), &money(19e6, 2)));
    assert!(!disagree(&money(9e6, 1), &money(90e6, 1)));
    assert!(!disagree(&money(14e6, 2), &money(145e6, 3)));
    // One digit changed, in three or more.
    assert!(disagree(&money(23.6e6, 3), &money(28.6e6, 3)));
    assert!(!disagree(&money(24e6, 2), &money(28e6, 2)));
    assert!(!disagree(&money(23.6e6, 3), &money(28.7e6, 3)));
    let mut hedged = money(450e6, 2);
    hedged.hedged = true;
    assert!(agree(&money(412e6, 3), &hedged));
}

#[test]
fn verb_forms_normalise_to_kinds() {
    for (sentence, kind) in [
        (
            "Harbour Systems won the contract on 2 May 2005.",
            EventKind::Awarded,
        ),
        (
            "The Calder system went live on 2 May 2005.",
            EventKind::WentLive,
        ),
        (
            "Harbour Systems pulled out of the South on 2 May 2005.",
            EventKind::Left,
        ),
        (
            "Martin Oakes' departure on 2 May 2005 surprised trusts.",
            EventKind::Departed,
        ),
        (
            "Harbour Systems took over the trusts on 2 May 2005.",
            EventKind::Acquired,
        ),
        ("Martin Oakes stepped down on 2 May 2005.", EventKind::Left),
        ("Martin Oakes resigned on 2 May 2005.", EventKind::Departed),
        (
            "Harbour Systems terminated the contract on 2 May 2005.",
            EventKind::Terminated,
        ),
        (
            "Calder Trust agreed a deal with Harbour Systems on 2 May 2005.",
            EventKind::Signed,
        ),
        (
            "The trust rolled out the system on 2 May 2005.",
            EventKind::WentLive,
        ),
    ] {
        let text = format!("A headline\n\n  • 5 June 2005\n\n{sentence}\n");
        let claims = claims_of(&[&text]);
        assert_eq!(claims[0].len(), 1, "{sentence}: {:#?}", claims[0]);
        assert_eq!(claims[0][0].kind, kind, "{sentence}");
    }
}

#[test]
fn a_delay_is_dated_by_its_target_and_a_further_delay_says_so() {
    let text =
        dated("Redwater Hospital has postponed the go-live of its records system until 14 May.");
    let claims = claims_of(&[&text]);
    let delay = claims[0]
        .iter()
        .find(|c| c.family == Family::Delay)
        .expect("a delay claim");
    assert_eq!(delay.value.value, "2011-05-14");
    assert!(delay.plan && delay.thing.is_empty());
    let again = dated("Redwater Hospital has delayed the go-live again to September.");
    let claims = claims_of(&[&again]);
    let delay = claims[0]
        .iter()
        .find(|c| c.family == Family::Delay)
        .unwrap();
    assert_eq!(delay.thing, vec!["again".to_string()]);
    // Two reports of one delay a few days apart conflict; weeks apart, or a
    // further delay, do not.
    let (a, b) = (
        claims_of(&[&text])[0]
            .iter()
            .find(|c| c.family == Family::Delay)
            .unwrap()
            .clone(),
        claims_of(&[&dated(
            "Redwater Hospital has delayed the go-live to 30 April.",
        )])[0]
            .iter()
            .find(|c| c.family == Family::Delay)
            .unwrap()
            .clone(),
    );
    assert!(matching::delays_conflict(&a, &b, &same, Some(3)));
    assert!(!matching::delays_conflict(&a, &b, &same, Some(60)));
    assert!(!matching::delays_conflict(&a, delay, &same, Some(3)));
}

#[test]
fn a_run_on_sentence_keeps_the_parties_nearest_each_figure() {
    // One sentence naming dozens of organisations (a scraped list, no full
    // stops): each figure's contract is among the names around it.
    let body: String = (0..40)
        .map(|i| {
            format!(
                "Kestrel Data{i} Ltd signed a £{}m deal with Fenwick{i} Trust and ",
                100 + i
            )
        })
        .collect();
    let text = dated(&body);
    let c = corpus(&[&text], &Curated::default());
    let figures = super::figure_claims(&text, &article(&text), &c.mentions(0));
    assert!(figures.len() >= 30, "{}", figures.len());
    for claim in &figures {
        assert!(claim.parties.len() <= 6, "{:?}", claim.parties);
        let nearest = claim
            .parties
            .iter()
            .map(|p| p.span.start.abs_diff(claim.money.span.start))
            .min()
            .unwrap();
        assert!(nearest < 40, "the names next to {:?}", claim.money);
    }
}

fn party_names(c: &EventClaim) -> Vec<&str> {
    c.parties.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn a_relative_clause_keeps_its_names_to_itself() {
    let text = dated(
        "Ormsby General Hospital, which went live with Tallow Health in April, \
         switched on the Quayline records system on 9 March.",
    );
    let claims = claims_of(&[&text]);
    let later = claims[0]
        .iter()
        .find(|c| c.value.value == "2011-03-09")
        .expect("the 9 March claim");
    assert_eq!(
        later.actor.as_ref().unwrap().name,
        "Ormsby General Hospital"
    );
    assert!(
        !party_names(later).contains(&"Tallow Health"),
        "{:?}",
        party_names(later)
    );
}

#[test]
fn two_dates_joined_by_and_are_two_sites() {
    let text = dated(
        "Tallow Health said its system had gone live at Ormsby General Hospital on 1 March \
         and at Pindar Community Hospital on 8 March.",
    );
    let claims = claims_of(&[&text]);
    let c = claims[0]
        .iter()
        .find(|c| c.family == Family::GoLive)
        .expect("the go-live claim");
    assert_eq!(c.value.value, "2011-03-01");
    let names = party_names(c);
    assert!(names.contains(&"Ormsby General Hospital"), "{names:?}");
    assert!(!names.contains(&"Pindar Community Hospital"), "{names:?}");
}

#[test]
fn a_name_time_is_measured_from_is_not_a_party() {
    let text = dated(
        "Pindar Community Hospital went live with Tallow Health on 8 March, \
         a week after Ormsby General Hospital.",
    );
    let claims = claims_of(&[&text]);
    let names = party_names(only(&claims[0]));
    assert!(names.contains(&"Pindar Community Hospital"), "{names:?}");
    assert!(!names.contains(&"Ormsby General Hospital"), "{names:?}");
}

#[test]
fn a_date_after_follows_belongs_to_what_is_followed() {
    let text = dated(
        "Carys Wendle resigned as chief executive of Tallow Health. \
         Her departure follows a damning audit of the company in January.",
    );
    let claims = claims_of(&[&text]);
    // Only the sentence ties them: too weak to contradict anything.
    assert!(
        claims[0]
            .iter()
            .all(|c| c.value.value != "2011-01" || c.confidence < super::matching::MIN_CONFIDENCE),
        "{:#?}",
        claims[0]
    );
}

#[test]
fn picked_up_is_no_hedge_but_up_to_is() {
    let figures = |body: &str| {
        let text = dated(body);
        let c = corpus(&[&text], &Curated::default());
        figures::figure_claims(&text, &article(&text), &c.mentions(0))
    };
    let picked = figures("Quenby Systems has picked up an £8.3m deal with Hallam Health.");
    assert!(!only_figure(&picked).money.hedged, "{picked:?}");
    let up_to = figures("Quenby Systems has signed a deal worth up to £8.3m with Hallam Health.");
    assert!(only_figure(&up_to).money.hedged, "{up_to:?}");
}

#[test]
fn a_deal_figure_before_a_comma_or_as_the_cost_of_a_signing() {
    let figures = |body: &str| {
        let text = dated(body);
        let c = corpus(&[&text], &Curated::default());
        figures::figure_claims(&text, &article(&text), &c.mentions(0))
    };
    let comma =
        figures("Quenby Systems confirmed a £27.5m, seven-year agreement with Hallam Health.");
    assert_eq!(only_figure(&comma).money.amount, 27.5e6, "{comma:?}");
    let cost = figures(
        "Hallam Health has signed up for Wardview, from Quenby Systems, at a cost of £6.4m over five years.",
    );
    assert_eq!(only_figure(&cost).money.amount, 6.4e6, "{cost:?}");
    // A programme's cost, re-estimated year after year, is no deal's value.
    let estimate = figures("Quenby Systems said the programme would cost £6.4m over five years.");
    assert!(estimate.is_empty(), "{estimate:?}");
}

fn only_figure(f: &[figures::FigureClaim]) -> &figures::FigureClaim {
    assert_eq!(f.len(), 1, "{f:#?}");
    &f[0]
}

fn acquisitions(text: &str) -> Vec<EventClaim> {
    claims_of(&[text])
        .remove(0)
        .into_iter()
        .filter(|c| c.family == Family::Acquisition)
        .collect()
}

fn one_acquisition(body: &str) -> EventClaim {
    let claims = acquisitions(&dated(body));
    assert_eq!(claims.len(), 1, "{body}: {claims:#?}");
    claims[0].clone()
}

#[test]
fn a_takeover_claim_says_which_step_it_dates() {
    for (body, step) in [
        (
            "Tarrant Medical Systems agreed on 24 March 2009 to buy Ashgrove Computing.",
            lexicon::STEP_OFFER,
        ),
        (
            "Tarrant Medical Systems completed its takeover of Ashgrove Computing on 29 June 2009.",
            lexicon::STEP_COMPLETION,
        ),
        (
            "Ashgrove Computing shareholders approved the takeover by Tarrant Medical Systems on 12 May 2009.",
            lexicon::STEP_VOTE,
        ),
        (
            "Ashgrove Computing, which Tarrant Medical Systems acquired in June 2009, makes records software.",
            lexicon::STEP_COMPLETION,
        ),
        (
            "Tarrant Medical Systems announced a £40m takeover of Ashgrove Computing on 3 March 2009.",
            lexicon::STEP_OFFER,
        ),
    ] {
        let c = one_acquisition(body);
        assert_eq!(c.thing, vec![step.to_string()], "{body}");
    }
}

#[test]
fn different_steps_of_one_takeover_are_different_events() {
    let offer = one_acquisition(
        "Tarrant Medical Systems agreed on 24 March 2009 to buy Ashgrove Computing.",
    );
    let vote = one_acquisition(
        "Ashgrove Computing shareholders approved the takeover by Tarrant Medical Systems on 12 May 2009.",
    );
    let done = one_acquisition(
        "Tarrant Medical Systems completed its takeover of Ashgrove Computing on 29 June 2009.",
    );
    let bid = one_acquisition(
        "Tarrant Medical Systems made a takeover bid for Ashgrove Computing on 2 February 2009.",
    );
    assert_eq!(bid.thing, vec![lexicon::STEP_OFFER.to_string()]);
    for (a, b) in [
        (&offer, &done),
        (&vote, &done),
        (&offer, &vote),
        (&bid, &done),
    ] {
        assert!(same_event_score(a, b, &same) < SAME_EVENT, "{a:#?}\n{b:#?}");
        assert!(!conflicts(a, b, &same));
    }
    // The same step dated differently still conflicts.
    let done_later = one_acquisition(
        "Ashgrove Computing was acquired by Tarrant Medical Systems in August 2009.",
    );
    assert!(
        conflicts(&done, &done_later, &same),
        "{done:#?}\n{done_later:#?}"
    );
    let offer_earlier = one_acquisition(
        "Tarrant Medical Systems announced a £40m takeover of Ashgrove Computing on 17 March 2009.",
    );
    assert!(conflicts(&offer, &offer_earlier, &same));
}

/// The go-live claim of each text, read together.
fn go_lives(texts: &[&str]) -> Vec<EventClaim> {
    claims_of(texts)
        .into_iter()
        .map(|claims| {
            let live: Vec<EventClaim> = claims
                .into_iter()
                .filter(|c| c.family == Family::GoLive)
                .collect();
            only(&live).clone()
        })
        .collect()
}

#[test]
fn a_system_going_live_at_a_site_is_the_site_going_live_with_it() {
    let site = dated("Harrowgate General Hospital went live with Tessaly on 3 September 2010.");
    for body in [
        "The Tessaly records system, which went live at Harrowgate General Hospital \
         in October 2010, has cut waiting times.",
        "Kestrel Software said the Tessaly records system went live at \
         Harrowgate General Hospital in October 2010.",
    ] {
        let claims = go_lives(&[&dated(body), &site]);
        let (system, site) = (&claims[0], &claims[1]);
        assert!(conflicts(system, site, &same), "{system:#?}\n{site:#?}");
        assert!(conflicts(site, system, &same));
    }
    // Another site going live with the same system is another event.
    let other = dated(
        "The Tessaly records system, which went live at Morland Royal Infirmary \
         in October 2010, has cut waiting times.",
    );
    let claims = go_lives(&[&other, &site]);
    assert!(!conflicts(&claims[0], &claims[1], &same), "{claims:#?}");
}

#[test]
fn first_calls_and_switching_over_are_go_lives() {
    for body in [
        "Kelsey Ambulance Service took its first calls on the new system on 4 May 2010.",
        "Kelsey Ambulance Service switched over to the new dispatch system on 4 May 2010.",
    ] {
        let claims = claims_of(&[&dated(body)]);
        let c = only(&claims[0]);
        assert_eq!(c.family, Family::GoLive, "{body}");
        assert_eq!(c.value.value, "2010-05-04", "{body}");
        assert_eq!(c.actor.as_ref().unwrap().name, "Kelsey Ambulance Service");
    }
}

#[test]
fn an_announced_bid_told_as_a_noun_phrase_dates_the_offer() {
    let text = dated(
        "Tarrant Medical Systems has moved into community records. \
         The agreed bid for Ashgrove Computing, announced on 9 March, values the company at £40m.",
    );
    let claims = acquisitions(&text);
    let c = only(&claims);
    assert_eq!(c.thing, vec![lexicon::STEP_OFFER.to_string()]);
    assert_eq!(c.value.value, "2011-03-09");
    let offer = one_acquisition(
        "Tarrant Medical Systems agreed on 2 March 2011 to buy Ashgrove Computing.",
    );
    assert!(conflicts(c, &offer, &same), "{c:#?}\n{offer:#?}");
}

#[test]
fn a_stated_intention_is_not_the_report_of_an_outcome() {
    let statement = |body: &str| {
        let claims = claims_of(&[&dated(body)]).remove(0);
        claims
            .into_iter()
            .find(|c| c.family == Family::Statement)
            .unwrap_or_else(|| panic!("no statement in {body}"))
    };
    let intends = statement(
        "Quenby Systems said on 7 March that it would appeal against the decision to exclude it from the records tender.",
    );
    let lost = statement(
        "Quenby Systems said on 11 March that it had lost its appeal against exclusion from the records tender.",
    );
    let again = statement(
        "Quenby Systems said on 9 March that it would appeal against its exclusion from the records tender.",
    );
    assert!(same_event_score(&intends, &again, &same) >= SAME_EVENT);
    assert!(conflicts(&intends, &again, &same));
    assert!(same_event_score(&intends, &lost, &same) < SAME_EVENT);
    assert!(!conflicts(&intends, &lost, &same));
}

#[test]
fn buying_a_companys_product_is_no_takeover_but_its_takeover_completed_is() {
    let bought_product = acquisitions(&dated(
        "Two trusts that bought Mireway Clinical's maternity system in 2010 said they had heard nothing.",
    ));
    assert!(bought_product.is_empty(), "{bought_product:#?}");
    let bought_company =
        one_acquisition("Halberd Health Solutions bought Mireway Clinical in June 2010.");
    assert_eq!(bought_company.value.period.unwrap().0.month(), 6);
    let completed = one_acquisition(
        "Halberd Health Solutions's takeover of Mireway Clinical, completed in July 2010, added £8m to revenue.",
    );
    assert_eq!(completed.kind, EventKind::Acquired, "{completed:#?}");
}

#[test]
fn a_date_past_a_list_separator_belongs_to_another_clause() {
    // The departure sits in a phrase about the first date; the second date
    // belongs to the clause after the list separator.
    let text = dated(
        "The panel heard from Carys Wendle on 4 March, a fortnight before her departure, \
         and from her interim successor, Idris Fenn, on Thursday, 10 March.",
    );
    let claims = claims_of(&[&text]);
    assert!(
        claims[0].iter().all(|c| c.family != Family::Departure
            || c.value.value != "2011-03-10"
            || c.confidence < matching::MIN_CONFIDENCE),
        "{:#?}",
        claims[0]
    );
    // A verb neither: the date after `, and` is the other clause's.
    let text = dated(
        "Westmoor Trust signed the contract with Harbour Systems, \
         and the board of Pellow Software met on 9 March.",
    );
    let claims = claims_of(&[&text]);
    assert!(
        claims[0]
            .iter()
            .all(|c| c.family != Family::Contract || c.confidence < matching::MIN_CONFIDENCE),
        "{:#?}",
        claims[0]
    );
    // Its own phrase still dates it, across a comma.
    let text = dated("Carys Wendle's departure, on 4 March, surprised the board.");
    let claims = claims_of(&[&text]);
    let c = only(&claims[0]);
    assert_eq!(
        (c.family, c.value.value.as_str()),
        (Family::Departure, "2011-03-04")
    );
}

/// Whether a go-live's parties include the sites of the list's later dates.
fn names_a_later_site(names: &[String]) -> bool {
    names
        .iter()
        .any(|n| n.starts_with("Pindar") || n.starts_with("Calder"))
}

#[test]
fn a_list_item_keeps_its_names_to_its_own_date() {
    let names_of = |body: &str, value: &str| -> Vec<String> {
        let text = dated(body);
        let claims = claims_of(&[&text]);
        let c = claims[0]
            .iter()
            .find(|c| c.value.value == value)
            .unwrap_or_else(|| panic!("no claim dated {value}: {:#?}", claims[0]));
        party_names(c).into_iter().map(str::to_string).collect()
    };
    // Each site with its own date is its own telling.
    let names = names_of(
        "Tallow Health's system has gone live at Ormsby General Hospital in March 2008, \
         Pindar Community Hospital in July 2008 and Calder Royal Infirmary in February 2009.",
        "2008-03",
    );
    assert!(
        names.contains(&"Ormsby General Hospital".to_string()),
        "{names:?}"
    );
    assert!(!names_a_later_site(&names), "{names:?}");
    let names = names_of(
        "Sites that have gone live with Tallow Health include Ormsby General Hospital (June 2008), \
         Pindar Community Hospital (May 2009) and Calder Royal Infirmary (November 2009).",
        "2008-06",
    );
    assert!(!names_a_later_site(&names), "{names:?}");
    // Names after the date in a phrase of their own are not its parties.
    let names = names_of(
        "Ormsby General Hospital went live on 11 March, joining Pindar Community Hospital \
         and Calder Royal Infirmary on the Tallow Health system.",
        "2011-03-11",
    );
    assert_eq!(names, vec!["Ormsby General Hospital".to_string()]);
    // A list of names alone after the date is the trigger's own.
    let names = names_of(
        "Tallow Health signed the contract on 3 March with Ormsby General Hospital, \
         Pindar Community Hospital and Calder Royal Infirmary.",
        "2011-03-03",
    );
    assert!(
        names.contains(&"Calder Royal Infirmary".to_string()),
        "{names:?}"
    );
}

#[test]
fn a_claim_that_may_not_conflict_has_no_comparable_partner() {
    use super::matching::{comparable_score, dates_disjoint, may_conflict};
    let texts = [
        dated("Westmoor Trust is due to go live in October 2011."),
        dated("Westmoor Trust went live in May 2010."),
        dated("Westmoor Trust went live in June 2010."),
        dated("The go-live of Westmoor Trust was delayed to August 2011."),
        dated("The go-live of Westmoor Trust was delayed again to October 2011."),
        dated("Westmoor Trust's go-live was delayed to September 2011."),
        dated("Harbour Systems may have signed the deal in March 2004."),
        dated("Harbour Systems signed the deal in March 2005."),
    ];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let claims: Vec<EventClaim> = claims_of(&refs).into_iter().flatten().collect();
    let mut ruled_out = 0;
    for a in &claims {
        if may_conflict(a) {
            continue;
        }
        ruled_out += 1;
        for b in &claims {
            let comparable = comparable_score(a, b, &same, || Some(0)).is_some();
            assert!(!(comparable && dates_disjoint(a, b)), "{a:#?}\n{b:#?}");
        }
    }
    // The plan and the further delay at least: the test must test something.
    assert!(ruled_out >= 2, "{claims:#?}");
}

/// The place, region and agency of a lead dateline are no party to what
/// the story tells, and recognition reads the place as a place and nothing
/// else of the lead but the agency as a name.
#[test]
fn a_lead_datelines_place_and_agency_are_no_party() {
    use crate::analysis::article::Article;
    use crate::analysis::entities::{EntityKind, Gazetteer, NameTable, extract, resolve};
    let texts = [
        "Dellmoor goes live at Pellham\n\nASHBOURNE VALE, England, October 3, 2012 /PRNewswire/ -- Dellmoor Systems plc today announced that Pellham Community Trust has gone live.\n",
        "Tamberlin completes move\n\nHALSWORTH, UK, 9 March 2010 – Tamberlin Health today said it had completed the move.\n",
        "Corrin signs with Tolland\n\nKESWICK MOOR (Business Wire) – 5 June 2008 – Corrin Analytics Ltd today announced that it had signed a contract.\n",
        "Varrow buys Fennick\n\nDUNSTABLE HEATH--(BUSINESS WIRE)--June 17, 2008--Varrow Labs Inc. today announced that it has acquired Fennick Data Ltd.\n",
        "Kestwick names a chief executive\n\nELMSTEAD--(BUSINESS WIRE)--Oct. 6, 2010--Kestwick Labs said today that Arthur Penhale had resigned as chief executive.\n",
        "Harbour shares fall\n\nLONDON, March 9, 2009 (Reuters) - Harbour Hosting said on Monday its chief executive had resigned.\n",
    ];
    let gaz = Gazetteer::new(&Curated::default());
    for text in texts {
        let a = Article::parse(text);
        let lead = a
            .lead
            .clone()
            .unwrap_or_else(|| panic!("no lead in {text:?}"));
        let names = extract(text, &a, &gaz);
        let mut table = NameTable::new();
        table.add_article(0, &names);
        let mentions = resolve(text, &names, &table, &gaz);
        for m in mentions.iter().filter(|m| a.in_lead(&m.span)) {
            let in_agency = lead
                .agency
                .as_ref()
                .is_some_and(|g| m.span.start < g.end && g.start < m.span.end);
            if m.kind.is_name() && !in_agency {
                assert_eq!(m.kind, EntityKind::Place, "{text}: {m:?}");
                assert!(lead.place.start <= m.span.start && m.span.end <= lead.place.end);
            }
        }
        let dates = analyse(text, &a);
        let claims = event_claims(text, &a, &dates.expressions, &mentions);
        assert!(!claims.is_empty(), "{text}");
        for c in &claims {
            assert!(!a.in_lead(&c.date_span), "{text}: {c:?}");
            for p in c.parties.iter().chain(&c.actor) {
                assert!(!a.in_lead(&p.span), "{text}: {p:?}");
            }
        }
    }
}

/// The value of the one claim of `kind` in `body`, read as the server
/// reads an article dated Monday 14 March 2011 (its dateline the anchor).
fn dated_value(body: &str, kind: EventKind) -> String {
    use crate::analysis::article::Article;
    use crate::analysis::entities::{Gazetteer, NameTable, extract, resolve};
    let text = dated(body);
    let gaz = Gazetteer::new(&Curated::default());
    let a = Article::parse(&text);
    assert!(a.dateline.is_some(), "{text}");
    let names = extract(&text, &a, &gaz);
    let mut table = NameTable::new();
    table.add_article(0, &names);
    let mentions = resolve(&text, &names, &table, &gaz);
    let claims = event_claims(&text, &a, &analyse(&text, &a).expressions, &mentions);
    let found: Vec<&EventClaim> = claims.iter().filter(|c| c.kind == kind).collect();
    assert_eq!(found.len(), 1, "{body}: {claims:#?}");
    found[0].value.value.clone()
}

#[test]
fn a_date_in_a_phrase_of_a_later_noun_gives_way_to_the_verbs_own() {
    // 14 March 2011 was a Monday.
    for (body, kind, want) in [
        (
            "Yesterday Westmoor Trust published its review of the outage on 2 February, and it is damning.",
            EventKind::Published,
            "2011-03-13",
        ),
        (
            "Westmoor Trust yesterday published a report into the crash on 3 February.",
            EventKind::Published,
            "2011-03-13",
        ),
        (
            "Last week Westmoor Trust signed a contract for the system installed in June 2009.",
            EventKind::Signed,
            "2011-W10",
        ),
        (
            "On Friday, Westmoor Trust terminated its contract for the pharmacy system it bought from Pellow Software in 2007.",
            EventKind::Terminated,
            "2011-03-11",
        ),
    ] {
        assert_eq!(dated_value(body, kind), want, "{body}");
    }
}

#[test]
fn a_date_right_after_the_verb_or_its_object_still_dates_it() {
    for (body, kind, want) in [
        // Nothing else in the clause dates the verb.
        (
            "Westmoor Trust went live with the maternity module of its records system on 3 March.",
            EventKind::WentLive,
            "2011-03-03",
        ),
        // The fronted date is the meeting's, in another clause.
        (
            "Last week's board meeting heard that Westmoor Trust went live with the maternity module of its records system on 3 March.",
            EventKind::WentLive,
            "2011-03-03",
        ),
        // Right after the object: the verb's, whatever opens the sentence.
        (
            "Earlier this month, Westmoor Trust switched off its old database and went live with the Pellow system on 3 March.",
            EventKind::WentLive,
            "2011-03-03",
        ),
        (
            "Yesterday Westmoor Trust signed the deal on 2 March.",
            EventKind::Signed,
            "2011-03-02",
        ),
        // Where it happened hangs on the verb as often as on a noun.
        (
            "Earlier this month Westmoor Trust opened its new records office in Calder on 3 March.",
            EventKind::Opened,
            "2011-03-03",
        ),
        // A bare `yesterday` after the object is the verb's own.
        (
            "On Friday Westmoor Trust said it had signed the contract for the maternity system yesterday.",
            EventKind::Signed,
            "2011-03-13",
        ),
    ] {
        assert_eq!(dated_value(body, kind), want, "{body}");
    }
}

#[test]
fn a_later_nouns_date_inside_the_verbs_own_period_is_kept() {
    // The finer date of the same event: it lies within the verb's own.
    for (body, kind, want) in [
        (
            "In 2010, Westmoor Trust signed a contract for the system on 3 May.",
            EventKind::Signed,
            "2010-05-03",
        ),
        (
            "Earlier this month, Westmoor Trust went live with the maternity module of its records system on 3 March.",
            EventKind::WentLive,
            "2011-03-03",
        ),
        (
            "Last week Ellis Varden stepped down as chief executive of Westmoor Trust on 9 March.",
            EventKind::Left,
            "2011-03-09",
        ),
        (
            "Last month Westmoor Trust signed up for the scheme on 2 February.",
            EventKind::Signed,
            "2011-02-02",
        ),
        // The yearless `March` resolves to 2011-03 (`Last year` frames no
        // later date), outside the verb's own year: the verb's year stands.
        (
            "Last year Westmoor Trust signed the deal for the supply of scanners in March.",
            EventKind::Signed,
            "2010",
        ),
    ] {
        assert_eq!(dated_value(body, kind), want, "{body}");
    }
}

#[test]
fn a_bounding_opening_date_is_not_the_verbs_own() {
    // `By 2010` bounds the event, it does not date it.
    for (body, kind, want) in [
        (
            "By 2010, Westmoor Trust had signed a contract for the system in March 2008.",
            EventKind::Signed,
            "2008-03",
        ),
        (
            "Before 2010 Westmoor Trust had signed a contract for the system in March 2008.",
            EventKind::Signed,
            "2008-03",
        ),
    ] {
        assert_eq!(dated_value(body, kind), want, "{body}");
    }
}

#[test]
fn a_particle_or_a_role_is_no_noun_a_date_hangs_on() {
    // The opening date and the verb's date disagree; the one right after
    // the verb's phrase still dates it.
    for (body, kind, want) in [
        (
            "Yesterday Westmoor Trust signed up for the scheme on 2 February.",
            EventKind::Signed,
            "2011-02-02",
        ),
        (
            "Yesterday Ellis Varden stepped down as chief executive of Westmoor Trust on 9 March.",
            EventKind::Left,
            "2011-03-09",
        ),
    ] {
        assert_eq!(dated_value(body, kind), want, "{body}");
    }
}

#[test]
fn a_separate_contract_is_not_the_main_one() {
    // The main deal, told without its figure, and a separate smaller one
    // between the same supplier and buyer.
    let (a, b) = pair(
        &dated(
            "Kestrel Health signed the contract with the Northfold Purchasing Agency in May 2008.",
        ),
        &dated(
            "Kestrel Health also runs pathology under a separate £9.2m contract with the Northfold Purchasing Agency, signed in January 2010.",
        ),
    );
    assert!(same_event_score(&a, &b, &same) < SAME_EVENT);
    assert!(!conflicts(&a, &b, &same));
    // Two tellings of the separate contract are still one event.
    let (a, b) = pair(
        &dated(
            "Kestrel Health also runs pathology under a separate £9.2m contract with the Northfold Purchasing Agency, signed in January 2010.",
        ),
        &dated(
            "Kestrel Health signed a separate £9.2m contract with the Northfold Purchasing Agency in March 2010.",
        ),
    );
    assert!(same_event_score(&a, &b, &same) >= SAME_EVENT);
}

#[test]
fn a_later_phase_going_live_is_not_the_first() {
    let first =
        dated("Larkhaven Hospital went live with Corvane's Meridian system on 6 April 2009.");
    for body in [
        // The phase in the sentence itself.
        "The second phase of Corvane's Meridian system went live at Larkhaven Hospital on 14 September 2009.",
        // Or in the sentence before.
        "Larkhaven Hospital has finished phase two of its move to Corvane's Meridian. Its maternity and outpatient modules went live at Larkhaven Hospital on 14 September 2009.",
        "The trust then began the next stage. Corvane's Meridian went live in its maternity unit at Larkhaven Hospital on 14 September 2009.",
    ] {
        let claims = claims_of(&[&first, &dated(body)]);
        let a = only(&claims[0]).clone();
        let b = claims[1]
            .iter()
            .find(|c| c.family == Family::GoLive)
            .unwrap_or_else(|| panic!("no go-live in {body}: {:#?}", claims[1]))
            .clone();
        assert!(
            b.thing.iter().any(|w| w == lexicon::LATER_PHASE),
            "{body}: {b:#?}"
        );
        assert!(!conflicts(&a, &b, &same), "{body}");
    }
    // A sentence naming the first phase after one naming the second is the
    // first's.
    let text = dated(
        "The second phase starts in the autumn. The first phase went live at Larkhaven Hospital on 12 April 2009.",
    );
    let claims = claims_of(&[&text]);
    let c = claims[0]
        .iter()
        .find(|c| c.family == Family::GoLive)
        .expect("a go-live");
    assert!(!c.thing.iter().any(|w| w == lexicon::LATER_PHASE), "{c:#?}");
}

#[test]
fn a_takeover_agreed_last_month_is_done_not_planned() {
    let text = dated(
        "Corbel Data is now part of Ashgrove Records, the software company that agreed to buy it last November.",
    );
    let claims = claims_of(&[&text]);
    let c = claims[0]
        .iter()
        .find(|c| c.family == Family::Acquisition)
        .unwrap_or_else(|| panic!("no takeover: {claims:#?}"));
    assert!(!c.plan, "{c:#?}");
    // The November before publication (14 March 2011).
    assert_eq!(c.value.value, "2010-11");
    // Agreeing to do something else by a date is still a plan.
    let text =
        dated("Ashgrove Records agreed to move every surgery to its new system by June 2011.");
    let f = crate::analysis::temporal::date_checks(
        &text,
        &article(&text),
        Some((jiff::civil::date(2011, 3, 14), false)),
    );
    assert!(f.is_empty(), "{f:#?}");
}

/// A buyer later bought, for another sum, by someone else: two takeovers,
/// though the values differ as one deal's might. A differing value names
/// one deal only when the counterparts agree.
#[test]
fn a_buyer_bought_in_turn_is_another_takeover() {
    let buys =
        one_acquisition("Corbel Data agreed to buy Larkhaven Software for £13m on 13 June 2012.");
    let bought = one_acquisition(
        "The entrepreneur Tomas Varden agreed to buy Corbel Data for £3m on 24 March 2005.",
    );
    assert!(
        same_event_score(&buys, &bought, &same) < SAME_EVENT,
        "{buys:#?}\n{bought:#?}"
    );
    assert!(!conflicts(&buys, &bought, &same));
    // The same deal given two values still matches.
    let again =
        one_acquisition("Corbel Data agreed to buy Larkhaven Software for £31m on 2 June 2012.");
    assert!(same_event_score(&buys, &again, &same) >= SAME_EVENT);
}
