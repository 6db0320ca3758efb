//! Identity on in-memory corpora: merges, traps, edits, curation.
use super::*;
use crate::corpus::Corpus;
use std::path::PathBuf;

/// An in-memory corpus of dated articles (no `corpus.toml` on disk).
fn corpus(articles: &[&str]) -> Corpus {
    let root = PathBuf::from("/nonexistent/corpus-lsp-identity");
    let mut corpus = Corpus::new(root.clone());
    // Twice, so that every article is resolved against the whole
    // corpus, as loading does.
    for _ in 0..2 {
        for (i, body) in articles.iter().enumerate() {
            let text = format!("Story {i}\n\n  • {} March 2009\n\n{body}\n", i + 1);
            corpus.upsert(root.join(format!("{i:02}.txt")), text.into());
        }
    }
    corpus
}

fn canonical(corpus: &Corpus, name: &str) -> Option<String> {
    corpus.cluster(name).map(|c| c.canonical)
}

/// Each line a case: the articles, then two names and whether they are
/// one entity.
#[test]
fn names_merge_or_stay_apart_across_articles() {
    let cases: &[(&[&str], &str, &str, bool)] = &[
        (
            &["Telora shares rose.", "TELORA said it would appeal."],
            "Telora",
            "TELORA",
            true,
        ),
        (
            &[
                "The Department of Health published figures.",
                "The Department of Health denied it.",
                "A DH spokesman said the plan stood.",
            ],
            "Department of Health",
            "DH",
            true,
        ),
        (
            &[
                "Harbour Systems Ltd won the deal.",
                "Harbour Systems UK hired staff.",
                "Harbour Systems said no.",
            ],
            "Harbour Systems UK",
            "Harbour Systems",
            true,
        ),
        (
            &[
                "Talks with Kingston Hospital ended.",
                "Kingston University opened a lab.",
            ],
            "Kingston Hospital",
            "Kingston University",
            false,
        ),
        (
            &[
                "Orrin Care is used by nurses, and the Orrin Care software is sold by Orrin.",
                "Orrin said revenue rose.",
            ],
            "Orrin",
            "Orrin Care",
            false,
        ),
        (
            &[
                "Bristol Medical Alliance opened a clinic.",
                "The BMA said doctors would not use the system.",
            ],
            "Bristol Medical Alliance",
            "BMA",
            false,
        ),
        (
            &["Helen Marsh resigned.", "David Marsh was elected."],
            "Helen Marsh",
            "David Marsh",
            false,
        ),
        (
            &[
                "The Elmbridge Community Health NHS Trust agreed.",
                "The Elmbridge General Hospital NHS Trust refused.",
            ],
            "Elmbridge Community Health NHS Trust",
            "Elmbridge General Hospital NHS Trust",
            false,
        ),
    ];
    for (articles, a, b, same) in cases {
        let corpus = corpus(articles);
        let (ca, cb) = (canonical(&corpus, a), canonical(&corpus, b));
        assert!(
            ca.is_some() && cb.is_some(),
            "{a} / {b} not recognised: {:?}",
            corpus.entity_index().names().names().collect::<Vec<_>>()
        );
        assert_eq!(
            ca == cb,
            *same,
            "{a} ({ca:?} {:?}) / {b} ({cb:?} {:?})",
            corpus.entity_index().kind(a),
            corpus.entity_index().kind(b)
        );
    }
}

#[test]
fn identity_follows_edits_of_one_article() {
    let mut corpus = corpus(&[
        "The WGH board met on Monday.",
        "Westfield General Hospital NHS Trust said the system went live.",
        "Westfield General Hospital NHS Trust chose a supplier.",
    ]);
    assert_eq!(
        canonical(&corpus, "WGH").as_deref(),
        Some("Westfield General Hospital NHS Trust")
    );
    let reason = corpus.cluster("WGH").unwrap().members[1]
        .reason
        .clone()
        .unwrap();
    assert_eq!(
        reason.describe(),
        "initials of ‘Westfield General Hospital NHS Trust’"
    );
    // The full name goes: the initials are on their own again.
    let root = PathBuf::from("/nonexistent/corpus-lsp-identity");
    corpus.upsert(root.join("01.txt"), "Story\n\nNothing here.\n".into());
    assert_eq!(canonical(&corpus, "WGH").as_deref(), Some("WGH"));
    // A second name with the same initials makes them ambiguous.
    corpus.upsert(
        root.join("01.txt"),
        "Story\n\nWestfield General Hospital NHS Trust and the Wexley Green Hub agreed.\n".into(),
    );
    corpus.upsert(
        root.join("02.txt"),
        "Story\n\nWexley Green Hub opened.\n".into(),
    );
    let wgh = corpus.cluster("WGH").unwrap();
    assert_eq!(wgh.canonical, "WGH");
    assert_eq!(wgh.possibly.len(), 2, "{wgh:?}");
}

/// The canonical names matching remembers are forgotten when an edit
/// changes what identity reads (names, kinds, counts), and kept when it
/// only moves them, as most keystrokes do.
#[test]
fn remembered_canonical_names_follow_edits() {
    let mut corpus = corpus(&[
        "The WGH board met on Monday.",
        "Westfield General Hospital NHS Trust said the system went live.",
        "Westfield General Hospital NHS Trust chose a supplier.",
    ]);
    let full = "Westfield General Hospital NHS Trust";
    assert!(corpus.same_entity_memo()("WGH", full));
    let remembered = || corpus.canonical_cache.read().map_or(0, |c| c.len());
    assert!(remembered() > 0);
    let root = PathBuf::from("/nonexistent/corpus-lsp-identity");
    // Words typed beside the name: nothing identity reads changes.
    corpus.upsert(
        root.join("01.txt"),
        "Story 1\n\n  • 2 March 2009\n\nWestfield General Hospital NHS Trust said the new system went live.\n".into(),
    );
    assert!(corpus.canonical_cache.read().map_or(0, |c| c.len()) > 0);
    assert!(corpus.same_entity_memo()("WGH", full));
    // The full name goes from two articles: the initials stand alone.
    for file in ["01.txt", "02.txt"] {
        corpus.upsert(root.join(file), "Story\n\nNothing here.\n".into());
    }
    assert!(!corpus.same_entity_memo()("WGH", full));
}

#[test]
fn distinct_pairs_split_a_cluster_for_good() {
    let corpus = corpus(&[
        "Fujitsu Services won the contract.",
        "Fujitsu said it would appeal.",
        "Fujitsu staff met Fujitsu Services managers.",
    ]);
    let index = corpus.entity_index();
    let merged = cluster(index, &Overrides::default(), "Fujitsu").unwrap();
    assert!(merged.contains("Fujitsu Services"), "{merged:?}");
    let apart = Overrides::new([], [("Fujitsu", "Fujitsu Services")]);
    let fujitsu = cluster(index, &apart, "Fujitsu").unwrap();
    let services = cluster(index, &apart, "Fujitsu Services").unwrap();
    assert!(!fujitsu.contains("Fujitsu Services"), "{fujitsu:?}");
    assert!(!services.contains("Fujitsu"), "{services:?}");
    assert_eq!(
        clusters(index, &apart).len(),
        clusters(index, &Overrides::default()).len() + 1
    );
}

#[test]
fn a_misspelt_first_name_is_flagged_and_merged() {
    let corpus = corpus(&[
        "Matthew Swindells said the plan was sound.",
        "Matthew Swindells met the board.",
        "Matthew Swindells left early.",
        "Mathew Swindells, the director, agreed.",
    ]);
    assert_eq!(
        misspelling_of(corpus.entity_index(), "Mathew Swindells").as_deref(),
        Some("Matthew Swindells")
    );
    let path = PathBuf::from("/nonexistent/corpus-lsp-identity/03.txt");
    let findings = corpus.findings(&path);
    let finding = findings
        .iter()
        .find(|f| f.code == crate::analysis::findings::codes::POSSIBLE_MISSPELLING)
        .expect("flagged");
    assert!(
        finding
            .message
            .contains("‘Mathew’ may be a misspelling of ‘Matthew’"),
        "{}",
        finding.message
    );
    assert_eq!(finding.fixes[0].edits[0].new_text, "Matthew");
    // Two people whose first names differ by a letter are not one.
    let corpus = super::tests::corpus(&[
        "Mark Ellery said no.",
        "Mark Ellery agreed.",
        "Mary Ellery resigned.",
    ]);
    assert_eq!(misspelling_of(corpus.entity_index(), "Mary Ellery"), None);
}

#[test]
fn x_and_y_is_one_name_where_the_corpus_writes_x_ampersand_y() {
    let corpus = corpus(&[
        "The sale was advised by Pemberton & Rhys, the law firm.",
        "The owners agreed. Pemberton and Rhys advised the sellers, with BT and Fujitsu.",
    ]);
    let path = PathBuf::from("/nonexistent/corpus-lsp-identity/01.txt");
    let entry = corpus.article(&path).unwrap();
    let names: Vec<(&str, &str)> = corpus
        .mentions(&path)
        .unwrap()
        .iter()
        .filter(|m| m.kind.is_name())
        .map(|m| (&entry.text[m.span.clone()], m.entity.as_str()))
        .collect();
    assert!(
        names.contains(&("Pemberton and Rhys", "Pemberton & Rhys")),
        "{names:?}"
    );
    // No "BT & Fujitsu" anywhere: two names.
    assert!(names.iter().any(|(s, _)| *s == "BT"), "{names:?}");
    assert!(names.iter().any(|(s, _)| *s == "Fujitsu"), "{names:?}");
}

/// `misspelling_of` reads only misspelling links; on every name of a
/// corpus with initials, shorter forms, surnames and misspellings it must
/// agree with the first misspelling link among all of a name's links.
#[test]
fn misspelling_of_agrees_with_all_links() {
    let corpus = corpus(&[
        "Harrowby General Hospital NHS Trust (HGH) signed with Quillan Data Systems.",
        "Harrowby General Hospital went live. HGH staff were pleased.",
        "Harrowby General Hosptal said Quillan Data Systems was late.",
        "Hanwell General Hospital NHS Trust chose Quillan Data Systems.",
        "Quillan Data Sytems denied it. Matthew Swindells agreed.",
        "Matthew Swindells met Mr Swindells. Mathew Swindells left.",
        "Matthew Swindells and Harrowby General Hospital NHS Trust spoke.",
        "Fujitsu left. Fujitsu stayed. Fujitu said no.",
    ]);
    let index = corpus.entity_index();
    let by_edges = |name: &str| {
        edges(&Walker::new(index), name)
            .into_iter()
            .find(|e| e.link == Link::Misspelling && e.from_is_short)
            .map(|e| e.to)
    };
    let mut found = 0;
    for name in index.names().names() {
        let fast = misspelling_of(index, name);
        assert_eq!(fast, by_edges(name), "{name}");
        found += usize::from(fast.is_some());
    }
    assert!(found >= 2, "{found} misspellings found");
}
