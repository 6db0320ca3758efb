//! Dating an article from its page (comments, stamps, links) and the guess
//! of its publication date from what its text tells.

use super::*;

fn from_page(text: &str) -> Inferred {
    infer_from_page(text, &Article::parse(text)).expect("inferred")
}

#[test]
fn the_first_comment_caps_publication_and_places_the_guess() {
    let text = "Surgery system fails\n\nThe Tarnley practice moved to the new system in 2006. Its records were lost on Monday, the practice said.\n\nComments\n\nPat, Tarnley\n12 Mar 2009 10:02\nThis happened to my father too.\n\nJo\n14 Mar 2009 18:40\nShocking.\n";
    let i = from_page(text);
    assert_eq!(i.latest, Some(date(2009, 3, 13)), "{i:?}");
    assert_eq!((i.date.year(), i.date.month()), (2009, 3), "{i:?}");
    assert!(i.evidence.contains("first comment"), "{}", i.evidence);
    // Body only: nothing but a year.
    let body = infer_publication_date(text, &Article::parse(text)).unwrap();
    assert_eq!(body.latest, None);
}

#[test]
fn a_stamp_before_the_texts_past_is_not_used() {
    let text = "Trust signs deal\n\nThe trust signed the contract on 4 May 2010, it said.\n\nComments\n\nSam\n2 Jan 2009 09:00\nAbout time.\n";
    let i = from_page(text);
    assert_eq!(i.latest, None, "{i:?}");
    assert_eq!(i.earliest, Some(date(2010, 5, 4)));
}

#[test]
fn last_updated_and_copyright_cap_publication() {
    let text = "Theatres deal\n\nThe supplier, founded in 1998, said the contract begins on 1 May.\n\nThis page was last updated on 4 April 2006\n";
    let i = from_page(text);
    assert_eq!(i.latest, Some(date(2006, 4, 5)), "{i:?}");
    assert_eq!((i.date.year(), i.date.month()), (2006, 4), "{i:?}");
    let text = "Library closes\n\nThe library opened in 2009 and closed on Saturday.\n\n© Tarnley Gazette 2011\n";
    let i = from_page(text);
    assert_eq!(i.latest, Some(date(2011, 12, 31)), "{i:?}");
    // A copyright year before the text's past is a stale footer.
    let text = "Library closes\n\nThe library opened in 2012 and closed on Saturday.\n\n© Tarnley Gazette 2011\n";
    assert_eq!(from_page(text).latest, None);
}

#[test]
fn yearless_dates_give_the_month_and_written_years_the_year() {
    // A past November, a strike from 2 April, a year written as
    // background: the guess is in the months before April, in the year
    // the future bound allows.
    let text = "Strike called\n\nCabin crew will walk out from 2 April, their union said. The dispute dates back to November, when the airline announced cuts. A strike in March 2009 cost it dearly. New rosters will start in May 2010.\n";
    let i = from_page(text);
    assert!(
        i.date >= date(2009, 11, 1) && i.date < date(2010, 4, 2),
        "{i:?}"
    );
    // An old year alone does not make the guess: `began in 2003` with news
    // told on a yearless day of a later year.
    // (`March 2008` written with its year leaves 2008 or a later July.)
    let text = "Go-live\n\nThe programme began in 2003. The trust went live on 16 July, after a delay announced in March 2008.\n";
    let i = from_page(text);
    assert_eq!(i.date.month(), 7, "{i:?}");
    assert!((2008..=2009).contains(&i.date.year()), "{i:?}");
}

#[test]
fn a_month_written_with_its_year_is_mostly_an_earlier_year() {
    // News writes this year's months without the year: `in May 2008`,
    // with nothing later, points to a later year than 2008.
    let text = "Programme costs\n\nThe audit office's last report, published in May 2008, warned that contracts were slipping.\n";
    let i = from_page(text);
    assert_eq!(i.date.year(), 2009, "{i:?}");
    // A full date written with its year is common in any year.
    let text = "Contract\n\nThe contract was signed on 31 January 2012, the trust said. Go-live is planned for 2013.\n";
    let i = from_page(text);
    assert_eq!((i.date.year(), i.date.month()), (2012, 2), "{i:?}");
}

#[test]
fn a_last_updated_stamp_is_not_the_bodys_past() {
    let text = "Theatres deal\n\nHalvorsen today announced a contract that begins on 1 May.\n\nIt replaces three systems.\n\nThe trust chose it after a tender.\n\nSixty theatres will use it.\n\nAbout Halvorsen: a supplier of clinical software.\n\nThis page was last updated on 4 April 2006\n";
    let article = Article::parse(text);
    assert!(article.dateline.is_none());
    assert!(article.is_boilerplate(text.find("This page").unwrap()));
    // Not the body's: no lower bound from it.
    assert!(infer_publication_date(text, &article).is_none_or(|i| i.earliest.is_none()));
    let i = from_page(text);
    assert_eq!(
        (i.earliest, i.latest),
        (None, Some(date(2006, 4, 5))),
        "{i:?}"
    );
}

#[test]
fn figures_for_a_period_bound_nothing() {
    // `for 2013/14` is what the report covers, not when anything is told;
    // `will be published` alone would have capped publication at March 2014.
    let i = inferred(
        "Wifi for patients\n\nThe trust became a foundation trust in 2008. Its annual report for 2013/14 will be published in July.\n",
    );
    assert_eq!(
        (i.earliest, i.latest),
        (Some(date(2008, 1, 1)), None),
        "{i:?}"
    );
    assert!(i.evidence.contains("figures cover"), "{}", i.evidence);
    // The same year told as a plan of its own still bounds.
    let i = inferred(
        "Wifi for patients\n\nThe trust became a foundation trust in 2008. It will publish its report in 2014.\n",
    );
    assert_eq!(i.latest, Some(date(2014, 12, 31)), "{i:?}");
}

#[test]
fn a_conditional_or_reported_future_is_a_clue_not_a_bound() {
    let i = inferred(
        "Programme costs\n\nThe committee met in May 2008. A spokeswoman said deployments would accelerate in 2009.\n",
    );
    assert_eq!(i.latest, None, "{i:?}");
    assert!(i.evidence.contains("conditional"), "{}", i.evidence);
    let i = inferred(
        "Programme costs\n\nThe committee met in May 2008. Deployments will accelerate in 2009.\n",
    );
    assert_eq!(i.latest, Some(date(2009, 12, 31)), "{i:?}");
}

#[test]
fn results_follow_the_end_of_their_period() {
    // Annual figures are told weeks after the year ends, not on its last day.
    let i = inferred(
        "Results\n\nHalvern said on Wednesday that profit for the year to 31 December 2010 rose 12 percent.\n",
    );
    assert_eq!(i.earliest, Some(date(2010, 12, 31)), "{i:?}");
    assert!(
        i.date >= date(2011, 2, 1) && i.date <= date(2011, 3, 31),
        "{i:?}"
    );
}

#[test]
fn a_range_told_in_the_past_is_news_after_its_end() {
    let i = inferred(
        "Telehealth pilot\n\nThe pilot ran from October 2010 to September 2011, the evaluation found.\n",
    );
    assert_eq!(i.earliest, Some(date(2010, 10, 1)), "{i:?}");
    assert!(i.date >= date(2011, 9, 1), "{i:?}");
}

#[test]
fn a_corpus_event_weighs_as_precisely_as_the_article_dates_it() {
    // A dated article places the go-live on 3 October 2009; this one tells
    // it only as `in October`, and its news is the backlog ahead.
    let text = "Backlog clearing\n\nWestfield went live with the records system in October. Its backlog will be cleared by March, the trust said on Monday.\n";
    let article = Article::parse(text);
    let exprs = find_expressions(text, &body_sentences(&article));
    let refs: Vec<&TimeExpression> = exprs.iter().collect();
    let guess = |after_days| {
        let hints = CorpusHints {
            after: Some((date(2009, 10, 3), "go-live".into())),
            after_bounds: true,
            after_days,
            ..CorpusHints::default()
        };
        infer_in_corpus(text, &article, &refs, &hints).expect("inferred")
    };
    let told_by_month = guess(30);
    assert_eq!(told_by_month.earliest, Some(date(2009, 10, 3)));
    assert!(
        told_by_month.date >= date(2009, 11, 1) && told_by_month.date <= date(2010, 3, 31),
        "{told_by_month:?}"
    );
    // Told on its day, the event is the news: publication follows it closely.
    let told_on_its_day = guess(0);
    assert_eq!(
        (told_on_its_day.date.year(), told_on_its_day.date.month()),
        (2009, 10),
        "{told_on_its_day:?}"
    );
}

#[test]
fn ends_that_may_be_ahead_and_old_plans_bound_nothing() {
    // `until 2015 and 2016`: both ends may still be ahead; `the original
    // plan was ... by 2007` may have slipped.
    let i = from_page(
        "Contracts\n\nThe programme started in 2002. Contracts worth a further £4.3bn with the two remaining local service providers, Corvell and Brightline, run until 2015 and 2016, and officials said they would be renegotiated rather than cancelled.\n\nBut it had continued to pay for hospital systems that were years behind schedule: the original plan was for every trust to have one by 2007.\n",
    );
    assert_eq!(
        (i.earliest, i.latest),
        (Some(date(2002, 1, 1)), None),
        "{i:?}"
    );
}

#[test]
fn the_end_of_a_month_and_a_yearless_period_end_place_the_guess() {
    // Live at the end of August, a pilot this autumn ahead: September.
    let i = from_page(
        "Record transfer\n\nMore than 1,000 GP practices can now send records directly, the agency said on Monday.\n\nThe service was first tested in 2004. The agency said 1,043 practices were live at the end of August, up from 610 in April.\n\nTransfers between suppliers are due to start in the first half of 2008, after a pilot this autumn.\n",
    );
    assert_eq!(i.date.month(), 9, "{i:?}");
    // `the year to December 31`: the figures come weeks after, not in
    // the first days of January.
    let i = from_page(
        "Results\n\nArdent reported a loss for the year to December 31, after a profit of £22m in 2006. It expects to return to profit in 2009.\n",
    );
    assert!(matches!(i.date.month(), 2 | 3), "{i:?}");
}

#[test]
fn a_reported_year_is_told_months_after_it_ends() {
    let i = from_page(
        "Database delayed\n\nThe system will not be ready until 2014. The Home Office spent £58m on it in 2011/12, according to its annual report. Trials were held in 2007.\n",
    );
    assert!(i.date >= date(2012, 4, 1), "{i:?}");
}

#[test]
fn an_aside_lends_no_tense() {
    // `which is part of ...` between commas: the date hangs on `switched`.
    let text = "Queues\n\nThe hospital switched to the new patient administration system, which is part of the Government's £6.2billion NHS IT programme, over the weekend of June 3 and 4.\n";
    let article = crate::analysis::article::Article::parse(text);
    let a = analyse(text, &article);
    let june = a
        .expressions
        .iter()
        .find(|r| &text[r.expr.span.clone()] == "June 3")
        .expect("June 3 found");
    assert_eq!(june.resolution.tense, Tense::Past, "{june:?}");
}

#[test]
fn a_reported_clause_has_its_own_tense() {
    let tense_of_in = |text: &str, surface: &str| {
        let article = crate::analysis::article::Article::parse(text);
        analyse(text, &article)
            .expressions
            .into_iter()
            .find(|r| &text[r.expr.span.clone()] == surface)
            .map(|r| r.resolution.tense)
    };
    let text = "Strike\n\nThe council said salaries for February would be paid on time.\n";
    assert_eq!(tense_of_in(text, "February"), Some(Tense::Future));
    // Right after the reporting verb, the date is the saying's.
    let text = "Strike\n\nThe council said on Tuesday that salaries would be paid.\n";
    assert_eq!(tense_of_in(text, "Tuesday"), Some(Tense::Past));
}

#[test]
fn a_plan_for_a_whole_year_is_mostly_made_before_it() {
    // `would save £3.1m in 2009/10` with a strike over February pay: the
    // winter before the financial year, not inside it.
    let i = from_page(
        "Strike\n\nStaff walked out on Tuesday. The council said salaries for February would be paid on time. It says the deal would save £3.1m in 2009/10. Contracts have been outsourced since 2003. A decision is expected in April.\n",
    );
    assert_eq!((i.date.year(), i.date.month()), (2009, 2), "{i:?}");
}

#[test]
fn this_summer_is_the_summer_of_publications_year() {
    // Told in the past, `this summer` has begun: not the spring after the
    // summer before, which `the summer` alone would allow.
    let i = from_page(
        "Trials\n\nThe system had serious problems during trials this summer, the minister said. A review is due to report in April. It was ordered in 2007.\n",
    );
    assert!(i.date.month() >= 6, "{i:?}");
}

fn tense_in_text(text: &str, surface: &str) -> Option<Tense> {
    let article = crate::analysis::article::Article::parse(text);
    analyse(text, &article)
        .expressions
        .into_iter()
        .find(|r| text[r.expr.span.clone()].contains(surface))
        .map(|r| r.resolution.tense)
}

#[test]
fn what_a_story_follows_is_behind_it() {
    let text = "Losses\n\nThe letter follows the loss of a laptop on 23 December.\n";
    assert_eq!(tense_in_text(text, "23 December"), Some(Tense::Past));
    // What is still to follow is ahead.
    let text = "Rollout\n\nAshgate will go live first, with Brindle to follow before the end of March 2011.\n";
    assert_eq!(tense_in_text(text, "March 2011"), Some(Tense::Future));
}

#[test]
fn a_deadline_set_by_an_order_is_ahead() {
    let text = "Laptops\n\nTrusts have been told to encrypt every laptop by the end of March.\n";
    assert_eq!(tense_in_text(text, "March"), Some(Tense::Future));
    let text = "Review\n\nOfficials have been told to report by the end of the summer.\n";
    assert_eq!(tense_in_text(text, "summer"), Some(Tense::Future));
    // An order carried out in the past stays past.
    let text = "Court\n\nThe firm was ordered to pay £5,000 in March.\n";
    assert_eq!(tense_in_text(text, "March"), Some(Tense::Past));
    // Without the order, a past clause keeps its deadline past.
    let text = "Records\n\nThe trust had installed the system by the end of March.\n";
    assert_eq!(tense_in_text(text, "March"), Some(Tense::Past));
}

#[test]
fn yearless_months_either_side_leave_a_window() {
    // Announced in July, a ballot in November, a strike before Christmas:
    // August to October, not the run-up to Christmas.
    let i = from_page(
        "Ballot\n\nThe union said on Wednesday it would ballot members. The plans were announced in July. The union will ballot members in November, and any strike could begin before Christmas. The programme was launched in 2002.\n",
    );
    assert!((8..=10).contains(&i.date.month()), "{i:?}");
    assert!(
        i.evidence
            .contains("‘July’, told as past, and ‘November’, told as ahead"),
        "{}",
        i.evidence
    );
}

#[test]
fn a_report_still_ahead_comes_after_publication() {
    // The annual report for 2013/14 is not out yet: publication is before
    // July 2014, not the months after it.
    let i = from_page(
        "Wifi\n\nWork at the community hospital will start in September. The trust became a foundation trust in 2008. The trust's annual report for 2013/14 will be published in July.\n",
    );
    assert_eq!(i.date.year(), 2014, "{i:?}");
    assert!((4..=6).contains(&i.date.month()), "{i:?}");
}

#[test]
fn a_lone_date_the_other_clues_contradict_bounds_nothing() {
    // One quote's year, far past everything else the article tells: a
    // clue, not a bound.
    let i = from_page(
        "Records\n\nThe system went live at Ashby General in March 2005. A second trust followed in June 2005. The rollout will finish by the end of 2006, the supplier says. \"We gave up waiting for it in 2015,\" one manager joked.\n",
    );
    assert!(i.earliest.is_none_or(|e| e <= date(2005, 6, 1)), "{i:?}");
    assert!(i.date < date(2007, 1, 1), "{i:?}");
    assert!(i.evidence.contains("a clue, not a bound"), "{}", i.evidence);
    // Told twice, in two sentences, it bounds.
    let i = from_page(
        "Records\n\nThe system went live at Ashby General in March 2005. A second trust followed in June 2005. Staff were trained in 2009. The last trust went live in 2009.\n",
    );
    assert_eq!(i.earliest, Some(date(2009, 1, 1)), "{i:?}");
    // Alone, with nothing against it, it bounds.
    let i = from_page("Records\n\nThe system went live in 2009.\n");
    assert_eq!(i.earliest, Some(date(2009, 1, 1)), "{i:?}");
}

#[test]
fn a_refusal_to_tell_dates_nothing() {
    let text = "Data\n\nThe centre handled 3,000 releases in 2012-13, and it won't say how many went to companies.\n";
    assert_eq!(tense_in_text(text, "2012-13"), Some(Tense::Past));
    let text = "Outage\n\nAsked about the crash in 2011, the trust would not say what caused it.\n";
    assert_eq!(tense_in_text(text, "2011"), Some(Tense::Past));
    // A refusal still ahead of a date keeps the date ahead when its own
    // verb says so.
    let text = "Outage\n\nThe trust would not say whether the system will be replaced in 2014.\n";
    assert_eq!(tense_in_text(text, "2014"), Some(Tense::Future));
}
