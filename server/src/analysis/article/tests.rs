//! The article model on seed articles and articles written for the tests.

use super::*;
use jiff::civil::{Weekday, date, time};

const SEEDS: [&str; 5] = [
    include_str!("../../../../seeds/000_32c5173d7283f2a0.txt"),
    include_str!("../../../../seeds/001_a5234d4a5c7106fc.txt"),
    include_str!("../../../../seeds/002_66e3bc18b3f89ab8.txt"),
    include_str!("../../../../seeds/003_bd6f4ba304fde726.txt"),
    include_str!("../../../../seeds/004_fe3b86ccb87f2efd.txt"),
];

fn headline(text: &str, a: &Article) -> Option<String> {
    a.headline
        .as_ref()
        .map(|h| text[h.span.clone()].to_string())
}

fn paragraphs<'t>(text: &'t str, a: &Article) -> Vec<&'t str> {
    a.paragraphs.iter().map(|p| &text[p.span.clone()]).collect()
}

fn regions<'t>(text: &'t str, a: &Article) -> Vec<(&'t str, BoilerplateKind)> {
    a.boilerplate
        .iter()
        .map(|b| (&text[b.span.clone()], b.kind))
        .collect()
}

fn sentences<'t>(text: &'t str, p: &Paragraph) -> Vec<&'t str> {
    p.sentences.iter().map(|s| &text[s.clone()]).collect()
}

/// Invariants every parse must keep, whatever the input.
fn check_invariants(text: &str, a: &Article) {
    let ok = |s: &Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let line_start = |i: usize| i == 0 || matches!(text.as_bytes()[i - 1], b'\n' | b'\r');
    let line_end = |i: usize| i == text.len() || matches!(text.as_bytes()[i], b'\n' | b'\r');
    let mut prev_end = 0;
    for b in &a.boilerplate {
        assert!(ok(&b.span) && !b.span.is_empty(), "{b:?}");
        assert!(
            line_start(b.span.start) && line_end(b.span.end),
            "not line-aligned: {b:?}"
        );
        assert!(b.span.start >= prev_end, "overlap: {b:?}");
        prev_end = b.span.end;
    }
    let overlaps_boilerplate = |s: &Span| {
        a.boilerplate
            .iter()
            .any(|b| b.span.start < s.end && s.start < b.span.end)
    };
    for span in a
        .headline
        .iter()
        .map(|h| &h.span)
        .chain(a.dateline.iter().map(|d| &d.span))
    {
        assert!(ok(span) && !overlaps_boilerplate(span), "{span:?}");
    }
    for p in &a.paragraphs {
        assert!(
            ok(&p.span) && !p.span.is_empty() && !overlaps_boilerplate(&p.span),
            "{p:?}"
        );
        assert!(!p.sentences.is_empty(), "{p:?}");
        for s in &p.sentences {
            assert!(
                ok(s) && p.span.start <= s.start && s.end <= p.span.end,
                "{s:?} in {p:?}"
            );
            let t = &text[s.clone()];
            assert!(
                !t.is_empty() && t.trim_matches(is_space) == t,
                "untrimmed {t:?}"
            );
        }
    }
}

fn parse(text: &str) -> Article {
    let a = Article::parse(text);
    check_invariants(text, &a);
    a
}

#[test]
fn seed_headlines() {
    let want = [
        Some("BT on track to get southern Cerner trusts"),
        Some("Cerner contract re-set puts focus on local needs"),
        None,
        Some("BT relief as NPfIT roll-outs in London due to resume"),
        Some("Talks over BT role in London primary care systems"),
    ];
    for (text, want) in SEEDS.iter().zip(want) {
        assert_eq!(headline(text, &parse(text)).as_deref(), want);
    }
}

#[test]
fn seed_datelines() {
    let want = [
        Some(date(2008, 7, 15)),
        Some(date(2007, 9, 6)),
        None,
        None,
        Some(date(2008, 11, 4)),
    ];
    for (text, want) in SEEDS.iter().zip(want) {
        let a = parse(text);
        assert_eq!(a.dateline.as_ref().map(|d| d.date), want);
    }
    let text = SEEDS[0];
    let d = parse(text).dateline.unwrap();
    assert_eq!(&text[d.span.clone()], "• 15 July 2008");
    assert_eq!(&text[d.date_span.clone()], "15 July 2008");
    assert_eq!((d.time, d.stated_weekday), (None, None));
    assert_eq!(
        &SEEDS[1][parse(SEEDS[1]).dateline.unwrap().span],
        "• 6 September 2007"
    );
}

#[test]
fn seed_boilerplate_runs_to_the_end() {
    let starts = [
        (
            0,
            "Subscribe to our newsletter",
            BoilerplateKind::Newsletter,
        ),
        (
            1,
            "Subscribe to our newsletter",
            BoilerplateKind::Newsletter,
        ),
        (
            3,
            "BT to resume rollout of Cerner Millennium system – Computer Weekly 11 February 2009",
            BoilerplateKind::RelatedLinks,
        ),
        (
            4,
            "Subscribe to our newsletter",
            BoilerplateKind::Newsletter,
        ),
    ];
    for (seed, start, kind) in starts {
        let text = SEEDS[seed];
        let a = parse(text);
        let from = text.find(start).unwrap();
        assert_eq!(
            a.boilerplate
                .iter()
                .map(|b| (b.span.clone(), b.kind))
                .collect::<Vec<_>>(),
            vec![(from..text.trim_end().len(), kind)],
            "seed {seed}"
        );
    }
    assert_eq!(parse(SEEDS[2]).boilerplate, vec![]);
}

#[test]
fn seed_body_is_never_boilerplate() {
    let body = [
        (
            0,
            "Hextall told the House of Commons Public Accounts Committee on 16 July",
        ),
        (0, "British Telecom is on track"),
        (1, "“Cerner remains committed"),
        (3, "It’s possible that such problems"),
        (3, "But the risks remain."),
        (4, "“These discussions are very much at an early stage."),
    ];
    for (seed, line) in body {
        let text = SEEDS[seed];
        let a = parse(text);
        let at = text.find(line).unwrap();
        assert!(
            !a.is_boilerplate(at) && !a.is_boilerplate(at + line.len() - 1),
            "{line}"
        );
        assert!(a.paragraphs.iter().any(|p| p.span.start == at), "{line}");
    }
    // The last body paragraphs, exactly.
    let last = |seed: usize| *paragraphs(SEEDS[seed], &parse(SEEDS[seed])).last().unwrap();
    assert!(last(0).starts_with("Hextall told the House of Commons"));
    assert!(last(3).starts_with("It’s possible that such problems"));
    assert!(last(4).starts_with("“These discussions are very much"));
    assert!(last(2).starts_with("The South of England cluster comprises"));
    assert_eq!(parse(SEEDS[0]).paragraphs.len(), 7);
    assert_eq!(parse(SEEDS[3]).paragraphs.len(), 5);
}

#[test]
fn seed_sentences() {
    let text = SEEDS[0];
    let a = parse(text);
    let p = a
        .paragraphs
        .iter()
        .find(|p| text[p.span.clone()].starts_with("The CfH boss"))
        .unwrap();
    assert_eq!(
        sentences(text, p),
        vec![
            "The CfH boss told EHI: “We are talking to BT currently and hope to complete talks next month.",
            "It is for BT to then say ‘we are content to do the work at the price’.”",
        ]
    );
    let text = SEEDS[2];
    let a = parse(text);
    let first_line = text.lines().next().unwrap();
    assert_eq!(&text[a.paragraphs[0].span.clone()], first_line);
    assert_eq!(sentences(text, &a.paragraphs[0]), vec![first_line]);
    assert_eq!(a.paragraphs.len(), 12);
}

#[test]
fn bbc_style_page() {
    let text = "\
Skip to main content
Police chief quits over expenses claims

Share this page

Last updated: 15 July 2008

The chief constable of Northshire Police has resigned after an inquiry found he claimed £12,400.50 in expenses he was not entitled to.

Mr. Brown said: “I have let the force down.” He will leave on Friday.

Advertisement

The Home Office said a replacement would be named within weeks.

More on this story

Force faces inquiry over budget

Chief constable under pressure

Share this page
";
    let a = parse(text);
    assert_eq!(
        headline(text, &a).as_deref(),
        Some("Police chief quits over expenses claims")
    );
    let d = a.dateline.clone().unwrap();
    assert_eq!(&text[d.span.clone()], "Last updated: 15 July 2008");
    assert_eq!(d.date, date(2008, 7, 15));
    assert_eq!(
        paragraphs(text, &a),
        vec![
            "The chief constable of Northshire Police has resigned after an inquiry found he claimed £12,400.50 in expenses he was not entitled to.",
            "Mr. Brown said: “I have let the force down.” He will leave on Friday.",
            "The Home Office said a replacement would be named within weeks.",
        ]
    );
    assert_eq!(
        sentences(text, &a.paragraphs[1]),
        vec![
            "Mr. Brown said: “I have let the force down.”",
            "He will leave on Friday."
        ]
    );
    assert_eq!(
        regions(text, &a),
        vec![
            ("Skip to main content", BoilerplateKind::Other),
            ("Share this page", BoilerplateKind::Social),
            ("Advertisement", BoilerplateKind::Other),
            (
                "More on this story\n\nForce faces inquiry over budget\n\nChief constable under pressure\n\nShare this page",
                BoilerplateKind::RelatedLinks
            ),
        ]
    );
}

#[test]
fn us_wire_story() {
    let text = "\
Senate passes housing rescue bill

July 15, 2008

WASHINGTON (AP) — The Senate on Tuesday passed a sweeping housing rescue bill that would help as many as 400,000 homeowners.

Sen. Chris Dodd, D-Conn., said the measure was overdue. \"This is a good day,\" he said. The U.S. Treasury would back the plan.

Associated Press writer Jane Doe contributed to this report.

Copyright 2008 The Associated Press. All rights reserved.";
    let a = parse(text);
    assert_eq!(
        headline(text, &a).as_deref(),
        Some("Senate passes housing rescue bill")
    );
    let d = a.dateline.clone().unwrap();
    assert_eq!(
        (&text[d.span.clone()], d.date),
        ("July 15, 2008", date(2008, 7, 15))
    );
    assert_eq!(a.paragraphs.len(), 3);
    assert!(paragraphs(text, &a)[0].starts_with("WASHINGTON (AP) — The Senate"));
    assert_eq!(
        sentences(text, &a.paragraphs[1]),
        vec![
            "Sen. Chris Dodd, D-Conn., said the measure was overdue.",
            "\"This is a good day,\" he said.",
            "The U.S. Treasury would back the plan."
        ]
    );
    assert_eq!(
        regions(text, &a),
        vec![(
            "Copyright 2008 The Associated Press. All rights reserved.",
            BoilerplateKind::Other
        )]
    );
}

#[test]
fn markdown_article() {
    let text = "# Council approves new library  \n\n*By Jane Smith*\n\nPublished: 2008-07-15 10:32\n\nThe council voted 7-2 on Monday to build a new library.\n\n## Background\n\nThe old library closed in 2005.\n";
    let a = parse(text);
    assert_eq!(
        headline(text, &a).as_deref(),
        Some("Council approves new library")
    );
    let d = a.dateline.clone().unwrap();
    assert_eq!(&text[d.date_span.clone()], "2008-07-15");
    assert_eq!(d.time, Some(time(10, 32, 0, 0)));
    assert_eq!(
        paragraphs(text, &a),
        vec![
            "*By Jane Smith*",
            "The council voted 7-2 on Monday to build a new library.",
            "## Background",
            "The old library closed in 2005."
        ]
    );
    assert!(a.boilerplate.is_empty());
    // A closing sequence is not part of the title; a lone `#` is no headline.
    let text = "## Budget agreed ##\n\nBody.";
    assert_eq!(
        headline(text, &parse(text)).as_deref(),
        Some("Budget agreed")
    );
    assert_eq!(headline("#\n\nBody.", &parse("#\n\nBody.")), None);
    assert_eq!(
        headline("#hashtag\n\nBody.", &parse("#hashtag\n\nBody.")).as_deref(),
        Some("#hashtag")
    );
}

#[test]
fn blog_post_with_cookie_banner_and_comments() {
    let text = "\
This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish.
Accept cookies   Read more

My week with the new tram network

Posted on July 15, 2008 at 10:32 am by tramfan

I rode every line of the new tram network this week, and most of it worked.

The ticket machines were a mixed bag. Some took cards; others did not.

Share this:
Twitter
Facebook

3 Comments

Anna says:
July 16, 2008 at 9:00 am
Great write-up! I agree about the machines.

Reply

Leave a Reply
Your email address will not be published. Required fields are marked *";
    let a = parse(text);
    assert_eq!(
        headline(text, &a).as_deref(),
        Some("My week with the new tram network")
    );
    let d = a.dateline.clone().unwrap();
    assert_eq!(
        &text[d.span.clone()],
        "Posted on July 15, 2008 at 10:32 am by tramfan"
    );
    assert_eq!(
        (d.date, d.time),
        (date(2008, 7, 15), Some(time(10, 32, 0, 0)))
    );
    assert_eq!(
        paragraphs(text, &a),
        vec![
            "I rode every line of the new tram network this week, and most of it worked.",
            "The ticket machines were a mixed bag. Some took cards; others did not.",
        ]
    );
    let got = regions(text, &a);
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0],
        (
            &text[..text.find("\n\nMy week").unwrap()],
            BoilerplateKind::Other
        )
    );
    assert_eq!(
        got[1],
        (
            &text[text.find("Share this:").unwrap()..],
            BoilerplateKind::Social
        )
    );
}

#[test]
fn hard_wrapped_plain_text() {
    let text = "\
RIVER LEVELS FALL AFTER WEEK OF FLOODING

By Tom Jones
Tuesday, 15 July 2008

River levels across the county fell on Monday after a week of
flooding that forced hundreds of families from their homes. The
Environment Agency said the worst was over.

Dr. Ann Lee, a hydrologist at the University of Exeter, said
rainfall had been 3.5 times the average for July. \"We have not
seen anything like it since 1968,\" she said.
";
    let a = parse(text);
    assert_eq!(
        headline(text, &a).as_deref(),
        Some("RIVER LEVELS FALL AFTER WEEK OF FLOODING")
    );
    let d = a.dateline.clone().unwrap();
    assert_eq!(&text[d.span.clone()], "Tuesday, 15 July 2008");
    assert_eq!(d.stated_weekday, Some(Weekday::Tuesday));
    let ps = paragraphs(text, &a);
    assert_eq!(ps.len(), 3);
    assert_eq!(ps[0], "By Tom Jones");
    assert!(ps[1].starts_with("River levels") && ps[1].ends_with("the worst was over."));
    assert_eq!(
        sentences(text, &a.paragraphs[1]),
        vec![
            "River levels across the county fell on Monday after a week of\nflooding that forced hundreds of families from their homes.",
            "The\nEnvironment Agency said the worst was over."
        ]
    );
    assert_eq!(a.paragraphs[2].sentences.len(), 2);
    assert!(a.boilerplate.is_empty());
}

#[test]
fn setext_headline_and_byline_block() {
    let text = "Budget agreed\n=============\n\nThe council agreed its budget.";
    let a = parse(text);
    assert_eq!(headline(text, &a).as_deref(), Some("Budget agreed"));
    assert_eq!(paragraphs(text, &a), vec!["The council agreed its budget."]);
    // Headline, byline and date in one block.
    let text = "Budget agreed\nBy Jane Smith\n15 July 2008\n\nThe council agreed its budget.";
    let a = parse(text);
    assert_eq!(headline(text, &a).as_deref(), Some("Budget agreed"));
    assert_eq!(&text[a.dateline.clone().unwrap().span], "15 July 2008");
    assert_eq!(
        paragraphs(text, &a),
        vec!["By Jane Smith", "The council agreed its budget."]
    );
}

#[test]
fn no_headline() {
    let text = "The council met on Tuesday to discuss the budget and agreed to cut spending by a tenth.\n\nIt will meet again in August.";
    let a = parse(text);
    assert_eq!(a.headline, None);
    assert_eq!(a.dateline, None);
    assert_eq!(
        paragraphs(text, &a),
        vec![&text[..87], "It will meet again in August."]
    );
    // A first line that is a dateline is not a headline.
    let text = "15 July 2008\n\nThe council met.";
    let a = parse(text);
    assert_eq!(a.headline, None);
    assert_eq!(a.dateline.unwrap().span, 0..12);
    // A dated sentence is neither.
    let text = "On 15 July 2008 the board met to agree the budget.\n\nMore followed.";
    let a = parse(text);
    assert_eq!((a.headline, a.dateline), (None, None));
    assert_eq!(a.paragraphs.len(), 2);
}

#[test]
fn dateline_rules_in_articles() {
    // Invalid calendar date: no dateline; the line stays in the body.
    let text = "Budget agreed\n\nPublished: 31 September 2008\n\nThe council agreed its budget.";
    let a = parse(text);
    assert_eq!(a.dateline, None);
    assert_eq!(paragraphs(text, &a)[0], "Published: 31 September 2008");
    // Disagreeing weekday is kept as written.
    let text = "Budget agreed\n\nFriday 15 July 2008 10:32\n\nThe council agreed its budget.";
    let d = parse(text).dateline.unwrap();
    assert_eq!(
        (d.stated_weekday, d.time),
        (Some(Weekday::Friday), Some(time(10, 32, 0, 0)))
    );
    assert_eq!(&text[d.date_span], "15 July 2008");
    // Only the header is searched: a dateline-like line deep in the body is body.
    let text = "Budget agreed\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\n15 July 2008";
    assert_eq!(parse(text).dateline, None);
    // Share buttons between headline and dateline do not hide it.
    let text = "Budget agreed\n\nShare this\n\nTweet\n\n| 15 July 2008 |\n\nBody.";
    assert_eq!(
        parse(text).dateline.map(|d| d.date),
        Some(date(2008, 7, 15))
    );
}

#[test]
fn crlf_and_lone_cr() {
    let text = "Budget agreed\r\n\r\n  \u{2022} 15 July 2008\r\n\r\nThe council met.\r\nIt agreed.\r\n\r\nSubscribe to our newsletter\r\n\r\nRelated News\r\n\r\nOther story title\r\n";
    let a = parse(text);
    assert_eq!(headline(text, &a).as_deref(), Some("Budget agreed"));
    assert_eq!(&text[a.dateline.clone().unwrap().span], "• 15 July 2008");
    assert_eq!(paragraphs(text, &a), vec!["The council met.\r\nIt agreed."]);
    assert_eq!(
        sentences(text, &a.paragraphs[0]),
        vec!["The council met.", "It agreed."]
    );
    assert_eq!(
        regions(text, &a),
        vec![(
            "Subscribe to our newsletter\r\n\r\nRelated News\r\n\r\nOther story title",
            BoilerplateKind::Newsletter
        )]
    );
    let text = "Budget agreed\r\r15 July 2008\rThe council met.";
    let a = parse(text);
    assert_eq!(headline(text, &a).as_deref(), Some("Budget agreed"));
    assert_eq!(a.dateline.as_ref().map(|d| d.date), Some(date(2008, 7, 15)));
    assert_eq!(paragraphs(text, &a), vec!["The council met."]);
}

#[test]
fn newsletter_in_prose_and_mid_article_box() {
    let text = "\
Local paper celebrates 100 years

\u{a0} • 15 July 2008

The Gazette marked its centenary on Monday, and its editor said the weekly newsletter it sends to 20,000 subscribers had become as popular as the paper itself.

Sign up to our daily newsletter

Enter your email address

Subscribe

Readers gathered outside the offices to mark the occasion.

Related articles

Gazette editor wins award
Paper moves to new offices";
    let a = parse(text);
    let ps = paragraphs(text, &a);
    assert_eq!(ps.len(), 2);
    assert!(ps[0].starts_with("The Gazette marked") && ps[0].contains("newsletter"));
    assert_eq!(
        ps[1],
        "Readers gathered outside the offices to mark the occasion."
    );
    assert_eq!(
        regions(text, &a),
        vec![
            (
                "Sign up to our daily newsletter\n\nEnter your email address\n\nSubscribe",
                BoilerplateKind::Newsletter
            ),
            (
                "Related articles\n\nGazette editor wins award\nPaper moves to new offices",
                BoilerplateKind::RelatedLinks
            ),
        ]
    );
}

#[test]
fn link_list_before_comments_and_repeated_lines() {
    let text = "\
Budget agreed

The council agreed its budget on Monday after a long debate.

Mayor hails deal – City Herald 14 July 2008
Opposition cries foul | Daily Post

Budget agreed

Join the discussion
Great news for the city.";
    let a = parse(text);
    assert_eq!(headline(text, &a).as_deref(), Some("Budget agreed"));
    assert_eq!(
        paragraphs(text, &a),
        vec!["The council agreed its budget on Monday after a long debate."]
    );
    let got = regions(text, &a);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1, BoilerplateKind::RelatedLinks);
    assert!(
        got[0].0.starts_with("Mayor hails deal") && got[0].0.ends_with("Great news for the city.")
    );
    // A repeated short line: every copy, except the headline itself.
    let text = "Budget agreed\n\nPictured: the library site\n\nThe council agreed its budget.\n\npictured:  THE library site\n\nBudget Agreed";
    let a = parse(text);
    assert_eq!(headline(text, &a).as_deref(), Some("Budget agreed"));
    assert_eq!(paragraphs(text, &a), vec!["The council agreed its budget."]);
    assert_eq!(
        regions(text, &a),
        vec![
            ("Pictured: the library site", BoilerplateKind::Repeated),
            (
                "pictured:  THE library site\n\nBudget Agreed",
                BoilerplateKind::Repeated
            )
        ]
    );
}

#[test]
fn is_boilerplate_by_offset() {
    let text = "Budget agreed\n\nBody text.\n\nAdvertisement\n\nMore body.";
    let a = parse(text);
    let ad = text.find("Advertisement").unwrap();
    assert!(!a.is_boilerplate(ad - 1));
    assert!(a.is_boilerplate(ad) && a.is_boilerplate(ad + 12));
    assert!(!a.is_boilerplate(ad + 13));
    assert!(!a.is_boilerplate(usize::MAX));
}

#[test]
fn lines_split_on_every_terminator() {
    let text = "a\r\nb\rc\n\u{a0}\n";
    let lines = split_lines(text);
    let spans: Vec<Span> = lines.iter().map(|l| l.span.clone()).collect();
    assert_eq!(spans, vec![0..1, 3..4, 5..6, 7..9, 10..10]);
    assert!(lines[3].is_blank() && lines[4].is_blank() && !lines[0].is_blank());
}

#[test]
fn hostile_input_never_panics() {
    let huge = "word ".repeat(1_000_000);
    let emoji = "🎉🎉🎉\n\n👩‍👩‍👧 e\u{301}\u{301}. Ça va? Oui.\n\n\u{a0}\n\u{a0}";
    let inputs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\n\n\n".into(),
        "\r".into(),
        "\r\r\n\r".into(),
        "\u{a0}\n\u{a0}\u{2003}\n".into(),
        "\0\0\0\n\0. \0\n\n\u{0}15 July 2008\0".into(),
        "#".into(),
        "# \n\n##".into(),
        "...\n\n???\n\n“”".into(),
        emoji.into(),
        huge.clone(),
        format!("Title\n\n{}", "x".repeat(5_000_000)),
        "Subscribe\n\nRelated\n\nComments".into(),
        "15 July 2008".into(),
        "31 September 2008\n\nBody.".into(),
    ];
    for text in &inputs {
        let a = parse(text);
        let _ = a.is_boilerplate(text.len());
    }
    assert_eq!(parse("").paragraphs, vec![]);
    assert_eq!(parse(" \n\u{a0}\n").paragraphs, vec![]);
    let a = parse(&huge);
    assert_eq!(
        (
            a.headline.clone(),
            a.paragraphs.len(),
            a.paragraphs[0].sentences.len()
        ),
        (None, 1, 1)
    );
    // No letters, no headline.
    let a = parse(emoji);
    assert_eq!(a.headline, None);
    assert_eq!(
        paragraphs(emoji, &a),
        vec!["🎉🎉🎉", "👩‍👩‍👧 e\u{301}\u{301}. Ça va? Oui."]
    );
    assert_eq!(
        sentences(emoji, &a.paragraphs[1]),
        vec!["👩‍👩‍👧 e\u{301}\u{301}.", "Ça va?", "Oui."]
    );
}

#[test]
fn random_token_soup_keeps_invariants() {
    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        "\r",
        "\r\n",
        " ",
        "\u{a0}",
        ".",
        "!",
        "?",
        "…",
        "“",
        "”",
        "’",
        "#",
        "15",
        "July",
        "2008",
        "/07/",
        "-",
        ":",
        "Subscribe",
        "Related News",
        "3 comments",
        "By",
        "Mr",
        "é",
        "\u{301}",
        "🎉",
        "\0",
        "|",
        "•",
        "The",
        "board",
        "share this",
        "10:32",
        "Tuesday",
        "e.g.",
        "U.S.",
        "31 September",
    ];
    // A fixed linear congruential generator: reproducible, no dependency.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    for _ in 0..3000 {
        let len = next(60);
        let text: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
        parse(&text);
    }
}

#[test]
fn standfirst_byline_and_tags_in_a_guardian_style_header() {
    let text = "\
Photo: Getty Images

Minister resigns over expenses
Party leader accepts resignation after days of pressure
Jane Smith Political correspondent
Tue 15 Jul 2008 10.32 BST

The minister resigned on Tuesday. He said sorry.

Topics
Politics
Expenses
";
    let a = parse(text);
    assert_eq!(
        headline(text, &a).as_deref(),
        Some("Minister resigns over expenses")
    );
    let d = a.dateline.clone().unwrap();
    assert_eq!(&text[d.span.clone()], "Tue 15 Jul 2008 10.32 BST");
    assert_eq!(
        (d.stated_weekday, d.time),
        (Some(Weekday::Tuesday), Some(time(10, 32, 0, 0)))
    );
    assert_eq!(
        paragraphs(text, &a),
        vec![
            "Party leader accepts resignation after days of pressure\nJane Smith Political correspondent",
            "The minister resigned on Tuesday. He said sorry.",
        ]
    );
    assert_eq!(
        regions(text, &a),
        vec![
            ("Photo: Getty Images", BoilerplateKind::Other),
            ("Topics\nPolitics\nExpenses", BoilerplateKind::Other),
        ]
    );
}

#[test]
fn press_release_dateline_leads_its_first_paragraph() {
    let text = "Harbour completes move to new data centre\n\nLEEDS, 12 February 2009 – Harbour Hosting today announced that the move is complete.\n\n\"We are proud,\" said its chief executive.\n";
    let a = Article::parse(text);
    check_invariants(text, &a);
    let d = a.dateline.as_ref().expect("a dateline");
    assert_eq!(d.date, date(2009, 2, 12));
    assert_eq!(&text[d.span.clone()], "LEEDS, 12 February 2009");
    assert_eq!(
        paragraphs(text, &a)[0],
        "LEEDS, 12 February 2009 – Harbour Hosting today announced that the move is complete."
    );
}

#[test]
fn wire_lead_without_a_year_is_a_yearless_dateline() {
    let text = "UPDATE 2-Harbour shares fall\n\nLONDON, March 9 (Reuters) - Shares in Harbour Hosting fell 12 percent on Monday.\n\nThe company said costs had risen.\n";
    let a = Article::parse(text);
    check_invariants(text, &a);
    // No full date: no `dateline`, whose date would need a year.
    assert_eq!(a.dateline, None);
    let d = a.yearless_dateline.as_ref().expect("a yearless dateline");
    assert_eq!((d.month, d.day), (3, 9));
    assert_eq!(&text[d.span.clone()], "LONDON, March 9");
    assert_eq!(&text[d.date_span.clone()], "March 9");
    assert_eq!(
        paragraphs(text, &a)[0],
        "LONDON, March 9 (Reuters) - Shares in Harbour Hosting fell 12 percent on Monday."
    );
    // A full dateline above it wins.
    let text = "Harbour shares fall\n\n9 March 2009\n\nLONDON, March 9 (Reuters) - Shares fell.\n";
    let a = Article::parse(text);
    assert_eq!(a.dateline.map(|d| d.date), Some(date(2009, 3, 9)));
    assert_eq!(a.yearless_dateline, None);
}

#[test]
fn a_lead_opening_the_story_is_its_dateline() {
    // (text, the lead, the date it gives)
    let cases: &[(&str, &str, (i16, i8, i8))] = &[
        (
            "Dellmoor goes live at Pellham\n\nASHBOURNE VALE, England, October 3, 2012 /PRNewswire/ -- Dellmoor Systems plc today announced a go-live.\n\nIt went live yesterday.\n",
            "ASHBOURNE VALE, England, October 3, 2012 /PRNewswire/ --",
            (2012, 10, 3),
        ),
        (
            "Tamberlin completes move\n\nHALSWORTH, UK, 9 March 2010 – Tamberlin Health today said it had finished.\n",
            "HALSWORTH, UK, 9 March 2010 –",
            (2010, 3, 9),
        ),
        (
            "Brindleford opens imaging suite\n\nBrindleford, 21st May 2009: The trust has opened a suite.\n",
            "Brindleford, 21st May 2009:",
            (2009, 5, 21),
        ),
        (
            "Corrin signs with Tolland\n\nKESWICK MOOR (Business Wire) – 5 June 2008 – Corrin Analytics Ltd today announced a contract.\n",
            "KESWICK MOOR (Business Wire) – 5 June 2008 –",
            (2008, 6, 5),
        ),
        (
            "Varrow buys Fennick\n\nDUNSTABLE HEATH--(BUSINESS WIRE)--June 17, 2008--Varrow Labs Inc. today announced a deal.\n",
            "DUNSTABLE HEATH--(BUSINESS WIRE)--June 17, 2008--",
            (2008, 6, 17),
        ),
        // No headline recognised above it: the lead opens the text.
        (
            "WEXLEY, 14 Feb 2007 /PRNewswire-FirstCall/ -- Ormond Data plc today announced a contract.\n\nCarthew signed it on Monday.\n",
            "WEXLEY, 14 Feb 2007 /PRNewswire-FirstCall/ --",
            (2007, 2, 14),
        ),
    ];
    for &(text, lead, (y, m, d)) in cases {
        let a = Article::parse(text);
        check_invariants(text, &a);
        let l = a
            .lead
            .as_ref()
            .unwrap_or_else(|| panic!("no lead in {text:?}"));
        assert_eq!(&text[l.span.clone()], lead, "{text}");
        assert_eq!(
            a.dateline.as_ref().map(|d| d.date),
            Some(date(y, m, d)),
            "{text}"
        );
        // The lead's paragraph stays body text.
        assert!(paragraphs(text, &a)[0].starts_with(lead), "{text}");
    }
}

#[test]
fn only_the_story_opening_holds_a_lead() {
    for text in [
        // A sentence opening with a place and a date.
        "A cold day in Lindwick\n\nLindwick, 3 March 2010 was the coldest day on record, the council said today.\n",
        // A lead-like line in the second paragraph.
        "Rowanby backs broadband plan\n\nThe cabinet met on Tuesday.\n\nROWANBY, 3 March 2010 – Councillors agreed today.\n",
        // A range, then a story starting in lower case.
        "Health IT fair announced\n\nHarrowgate, 3 March 2010 - 5 March 2010: the dates of the fair were confirmed today.\n",
        "Fenwick delays launch\n\nOn 12 February 2009 – a Thursday – the Fenwick trust said it would delay.\n",
    ] {
        let a = Article::parse(text);
        check_invariants(text, &a);
        assert_eq!(a.lead, None, "{text}");
        assert_eq!(a.dateline, None, "{text}");
    }
    // Under a dateline line the lead is still the story's opening; the
    // line gives the date.
    let text = "Castlegate talks end\nMarch 16, 2011\n\nLONDON, March 16 (Wire) - On March 9, the agency said talks had failed.\n";
    let a = Article::parse(text);
    assert_eq!(a.dateline.as_ref().map(|d| d.date), Some(date(2011, 3, 16)));
    assert_eq!(a.yearless_dateline, None);
    let l = a.lead.as_ref().expect("a lead");
    assert_eq!(&text[l.span.clone()], "LONDON, March 16 (Wire) -");
    assert_eq!(&text[l.place.clone()], "LONDON");
    assert_eq!(l.agency.as_ref().map(|s| &text[s.clone()]), Some("Wire"));
    // A byline above the lead is not the story's opening.
    let text = "Talks fail at Castlegate\n\nBy Jane Ardley\n\nLONDON, March 9 (Wire) - The agency said talks had failed.\n";
    let a = Article::parse(text);
    check_invariants(text, &a);
    let l = a.lead.as_ref().expect("a lead under a byline");
    assert_eq!(&text[l.place.clone()], "LONDON");
    assert!(a.yearless_dateline.is_some(), "{a:#?}");
}

/// Written before the rule and first read after it was done.
#[test]
fn held_out_leads_and_near_misses() {
    let leads: &[(&str, (i16, i8, i8))] = &[
        (
            "Quenby extends Stockhurst deal\n\nSTOCKHURST, Hampshire, UK, 2 April 2013 /PRNewswire/ -- Quenby Software Ltd today announced an extension.\n",
            (2013, 4, 2),
        ),
        (
            "Marden opens laboratory\n\nNortham, England – 11 September 2012 – Marden Diagnostics today opened its laboratory.\n",
            (2012, 9, 11),
        ),
        (
            "Tressel to buy Polwenna\n\nPORTHALLOW, Cornwall, Jan. 22, 2009 (GLOBE NEWSWIRE) -- Tressel Health Inc. said today that it would buy Polwenna.\n",
            (2009, 1, 22),
        ),
        (
            "Kestwick names chief executive\n\nELMSTEAD--(BUSINESS WIRE)--Oct. 6, 2010--Kestwick Labs today named a chief executive.\n",
            (2010, 10, 6),
        ),
        (
            "Carlow Bridge goes paperless\n\nCarlow Bridge, Wednesday 7 July 2010: The hospital went live yesterday.\n",
            (2010, 7, 7),
        ),
    ];
    for &(text, (y, m, d)) in leads {
        let a = Article::parse(text);
        assert!(a.lead.is_some(), "{text}");
        assert_eq!(a.dateline.map(|d| d.date), Some(date(y, m, d)), "{text}");
    }
    for text in [
        "Flood memories\n\nTewbury, 7 July 2010, was when the river last burst its banks, the group said today.\n",
        "Branscombe trust report\n\nBRANSCOMBE, 7 July 2010 the trust said its project was on track.\n",
        "Figures for the week\n\nOrton Vale, 4 June 2011; Presley, 5 June 2011 – the two sites where the scanners will be tested.\n",
    ] {
        let a = Article::parse(text);
        assert_eq!((a.lead, a.dateline), (None, None), "{text}");
    }
}

#[test]
fn a_release_label_above_the_lead_is_not_the_opening() {
    for label in [
        "PRESS RELEASE",
        "News Release",
        "MEDIA RELEASE:",
        "FOR IMMEDIATE RELEASE",
        "EMBARGOED UNTIL 00:01 GMT, TUESDAY",
        "Not for publication before 10am",
    ] {
        let text = format!(
            "Quillon opens new pathology wing\n\n{label}\n\nBARNSTOKE, 3 October 2011 – Quillon Health NHS Trust today opened a pathology wing.\n\nIt cost £4m.\n"
        );
        let a = Article::parse(&text);
        check_invariants(&text, &a);
        assert_eq!(
            a.dateline.as_ref().map(|d| d.date),
            Some(date(2011, 10, 3)),
            "{label}"
        );
        let l = a.lead.as_ref().expect("a lead under the label");
        assert_eq!(&text[l.place.clone()], "BARNSTOKE");
    }
    // A sentence that starts like a label is the opening: no lead below it.
    let text = "Quillon opens wing\n\nPress release figures were late again, the trust said.\n\nBARNSTOKE, 3 October 2011 – Quillon Health NHS Trust today opened a wing.\n";
    let a = Article::parse(text);
    assert_eq!((a.lead, a.dateline), (None, None));
}

#[test]
fn a_release_label_above_the_headline_is_not_the_headline() {
    let text = "FOR IMMEDIATE RELEASE\n\nQuillon opens new pathology wing\n\nBARNSTOKE, 3 October 2011 – Quillon Health NHS Trust today opened a pathology wing.\n\nIt cost £4m.\n";
    let a = Article::parse(text);
    check_invariants(text, &a);
    let h = a.headline.as_ref().expect("a headline");
    assert_eq!(&text[h.span.clone()], "Quillon opens new pathology wing");
    assert_eq!(a.dateline.as_ref().map(|d| d.date), Some(date(2011, 10, 3)));
    assert!(!paragraphs(text, &a).iter().any(|p| p.contains("RELEASE")));
}
