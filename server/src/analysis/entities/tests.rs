//! Unit tests of the whole pipeline, on text written for the tests.

use super::*;
use crate::analysis::article::{Headline, Paragraph};

/// A hand-built article: first line headline, the rest one paragraph per
/// line, sentences split naively at ". ".
pub(crate) fn article(text: &str) -> Article {
    let mut headline = None;
    let mut paragraphs = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if !t.trim().is_empty() {
            let span = pos..pos + t.len();
            if headline.is_none() && paragraphs.is_empty() {
                headline = Some(Headline { span });
            } else {
                let mut sentences = Vec::new();
                let mut s = span.start;
                for (i, _) in t.match_indices(". ") {
                    sentences.push(s..pos + i + 1);
                    s = pos + i + 2;
                }
                sentences.push(s..span.end);
                paragraphs.push(Paragraph { span, sentences });
            }
        }
        pos += line.len();
    }
    Article {
        headline,
        dateline: None,
        yearless_dateline: None,
        lead: None,
        paragraphs,
        boilerplate: Vec::new(),
    }
}

pub(crate) struct Corpus {
    pub texts: Vec<String>,
    pub names: Vec<ArticleNames>,
    pub table: NameTable,
    pub gaz: Gazetteer,
}

pub(crate) fn corpus(texts: &[&str], curated: &Curated) -> Corpus {
    let gaz = Gazetteer::new(curated);
    let mut table = NameTable::new();
    let mut names = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let n = extract(t, &article(t), &gaz);
        table.add_article(i as u32, &n);
        names.push(n);
    }
    Corpus {
        texts: texts.iter().map(|s| s.to_string()).collect(),
        names,
        table,
        gaz,
    }
}

impl Corpus {
    pub fn mentions(&self, i: usize) -> Vec<Mention> {
        resolve(&self.texts[i], &self.names[i], &self.table, &self.gaz)
    }
    pub fn find(&self, i: usize, surface: &str) -> Vec<Mention> {
        self.mentions(i)
            .into_iter()
            .filter(|m| &self.texts[i][m.span.clone()] == surface)
            .collect()
    }
}

fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
fn acronyms_learned_in_both_bracket_styles_and_across_articles() {
    let a = "Rail board names new chief\n\
        The Northfield Regional Transport Authority (NRTA) has appointed a chief. \
        It joins the Coastal Rail Programme [CRP] next year, and a ticket management system (TMS) will follow.\n\
        Under the NRTA Local Delivery Programme (NLDP) stations will choose their own suppliers.\n";
    let b = "Fares to rise\n\
        The NRTA said fares would rise. Money for CRP is safe, but the TMS is late.\n\
        NLDP stations are worried.\n";
    let mut c = corpus(&[a, b], &Curated::default());
    let nrta = &c.find(0, "NRTA")[0];
    assert_eq!(nrta.entity, "Northfield Regional Transport Authority");
    assert_eq!(nrta.kind, EntityKind::Organization);
    assert!(nrta.is_alias && nrta.is_declaration);
    assert_eq!(c.find(0, "CRP")[0].entity, "Coastal Rail Programme");
    assert_eq!(c.find(0, "NLDP")[0].entity, "NRTA Local Delivery Programme");
    // Learned in article 0, applied in article 1.
    assert_eq!(
        c.find(1, "NRTA")[0].entity,
        "Northfield Regional Transport Authority"
    );
    assert!(c.find(1, "NRTA")[0].is_alias);
    assert_eq!(c.find(1, "CRP")[0].entity, "Coastal Rail Programme");
    assert_eq!(c.find(1, "NLDP")[0].entity, "NRTA Local Delivery Programme");
    // A common-noun acronym is not an entity anywhere.
    assert!(c.find(0, "TMS").is_empty() && c.find(1, "TMS").is_empty());
    assert_eq!(
        c.table.acronym("TMS"),
        Some(("ticket management system", false))
    );
    // Removing the defining article forgets the definition.
    c.table.remove_article(0, &c.names[0]);
    assert_eq!(c.find(1, "NRTA")[0].entity, "NRTA");
    assert!(!c.find(1, "NRTA")[0].is_alias);
    assert_eq!(c.table.acronym("NRTA"), None);
}

#[test]
fn genitives_resolve_to_the_bare_name() {
    let t = "Brantwell results\nBrantwell’s profits rose. Analysts liked Brantwell's plan and Tarrow Services’ offer.\n";
    let c = corpus(&[t], &Curated::default());
    let m: Vec<(String, String)> = c
        .mentions(0)
        .into_iter()
        .filter(|m| m.kind == EntityKind::Organization)
        .map(|m| (t[m.span].to_string(), m.entity))
        .collect();
    assert_eq!(
        m,
        [
            ("Brantwell".to_string(), "Brantwell".to_string()),
            ("Brantwell".to_string(), "Brantwell".to_string()),
            ("Brantwell".to_string(), "Brantwell".to_string()),
            ("Tarrow Services".to_string(), "Tarrow Services".to_string()),
        ]
    );
}

#[test]
fn surnames_resolve_to_the_full_name_within_and_across_articles() {
    let a = "Tarrow wins deal\nMiriam Okonjo, chief executive of Tarrow Services, said the deal was signed. Okonjo added that more would follow.\n";
    let b = "Deal doubts\nOkonjo told investors the deal was safe.\n";
    let c = corpus(&[a, b], &Curated::default());
    let full = &c.find(0, "Miriam Okonjo")[0];
    assert_eq!(
        (full.kind, full.is_alias, full.is_declaration),
        (EntityKind::Person, false, true)
    );
    for (i, m) in [(0, &c.find(0, "Okonjo")[0]), (1, &c.find(1, "Okonjo")[0])] {
        assert_eq!(m.kind, EntityKind::Person, "article {i}");
        assert_eq!(m.entity, "Miriam Okonjo");
        assert!(m.is_alias);
    }
    assert_eq!(c.table.person_for_surname("Okonjo"), Some("Miriam Okonjo"));
    let info = c.table.entity("Miriam Okonjo").unwrap();
    assert_eq!(info.aliases, ["Okonjo"]);
}

#[test]
fn curated_entries_win_and_ignored_forms_are_never_entities() {
    let curated = Curated {
        entries: vec![
            CuratedEntity {
                name: "Quillon".into(),
                kind: Some(EntityKind::Product),
                aliases: vec![],
            },
            CuratedEntity {
                name: "Department for Transport".into(),
                kind: Some(EntityKind::Organization),
                aliases: vec!["DfT".into()],
            },
            CuratedEntity {
                name: "Marrowby".into(),
                kind: None,
                aliases: vec![],
            },
        ],
        ignore: vec!["Acme Widgets".into()],
    };
    let t = "Quillon launch\nQuillon said the DfT had approved it. Acme Widgets said nothing, and Marrowby’s staff cheered.\n";
    let c = corpus(&[t], &curated);
    let q = c.find(0, "Quillon");
    assert_eq!(q.len(), 2);
    assert!(
        q.iter()
            .all(|m| m.kind == EntityKind::Product && m.entity == "Quillon")
    );
    let dft = &c.find(0, "DfT")[0];
    assert_eq!(
        (dft.entity.as_str(), dft.is_alias),
        ("Department for Transport", true)
    );
    let acme = t.find("Acme").unwrap();
    assert!(
        c.mentions(0)
            .iter()
            .all(|m| m.span.end <= acme || m.span.start >= acme + 12)
    );
    // An unknown curated type still gives a mention (organisation by default).
    let m = &c.find(0, "Marrowby")[0];
    assert_eq!(
        (m.kind, m.entity.as_str()),
        (EntityKind::Organization, "Marrowby")
    );
    // Without the curation, the automatic kind differs.
    let auto = corpus(&[t], &Curated::default());
    assert_ne!(auto.find(0, "Quillon")[0].kind, EntityKind::Product);
    assert!(!auto.find(0, "Acme Widgets").is_empty());
}

#[test]
fn figures_have_normalised_values() {
    let t = "Budget news\nThe council approved a £896 million plan for eight southern hospital trusts, \
        just over 10 per cent more than last year, with between £5m and £8m for six initial sites and 1,100 practices.\n";
    let c = corpus(&[t], &Curated::default());
    let money = &c.find(0, "£896 million")[0];
    assert_eq!(
        money.value.as_deref(),
        Some(&FigureValue::Money {
            amount: 896e6,
            max: None,
            currency: Currency::Gbp
        })
    );
    assert_eq!(money.entity, "GBP 896000000");
    assert_eq!(
        c.find(0, "eight southern hospital trusts")[0]
            .value
            .as_deref(),
        Some(&FigureValue::Quantity {
            value: 8.0,
            max: None,
            unit: "trusts".into()
        })
    );
    assert_eq!(
        c.find(0, "10 per cent")[0].value.as_deref(),
        Some(&FigureValue::Percentage {
            value: 10.0,
            max: None
        })
    );
    assert_eq!(
        c.find(0, "£5m and £8m")[0].value.as_deref(),
        Some(&FigureValue::Money {
            amount: 5e6,
            max: Some(8e6),
            currency: Currency::Gbp
        })
    );
    assert_eq!(c.find(0, "six initial sites")[0].entity, "6 sites");
    assert_eq!(c.find(0, "1,100 practices")[0].entity, "1100 practices");
    assert_eq!(c.find(0, "last year")[0].kind, EntityKind::Date);
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    let t = "Market report\nDespite the weather, traders stayed. However, sales rose. Many traders agreed. \
        Regular readers know this. Sources said so. The market was flat. “Nobody expected it,” one said. \
        Brantwell said prices would hold.\n";
    let c = corpus(&[t], &Curated::default());
    let names: Vec<String> = c
        .mentions(0)
        .into_iter()
        .filter(|m| m.kind.is_name())
        .map(|m| t[m.span].to_string())
        .collect();
    assert_eq!(names, ["Brantwell"]);
}

#[test]
fn related_names_are_linked_not_merged() {
    let t = "Tarrow news\nTarrow Services won the contract. Tarrow said it was pleased.\n";
    let c = corpus(&[t], &Curated::default());
    assert_eq!(c.find(0, "Tarrow Services")[0].entity, "Tarrow Services");
    assert_eq!(c.find(0, "Tarrow")[0].entity, "Tarrow");
    assert_eq!(c.table.related("Tarrow"), ["Tarrow Services"]);
    assert_eq!(c.table.related("Tarrow Services"), ["Tarrow"]);
}

fn story(name: &str) -> String {
    format!(
        "{name} update\n{name} Holdings signed a deal. Shares in {name} rose, and {name} said more was coming.\n"
    )
}

#[test]
fn misspelling_rules() {
    let mut texts: Vec<String> = (0..3).map(|_| story("Kestrovia")).collect();
    texts.push(story("Zorn"));
    texts.push("Brantwell news\nBrantwell Group said so.\n".to_string());
    texts.push(
        "Odd spellings\nAnalysts at Kestrvia said so. Hestrovia disagreed. Zorm and Brantwel \
         were quiet, and Kestrovias did not comment.\n"
            .to_string(),
    );
    let refs: Vec<&str> = texts.iter().map(|s| s.as_str()).collect();
    let c = corpus(&refs, &Curated::default());
    let found = misspellings(&c.texts[5], &c.names[5], &c.table);
    let got: Vec<(&str, &str, u32)> = found
        .iter()
        .map(|m| (m.word.as_str(), m.suggestion.as_str(), m.target_mentions))
        .collect();
    // Deletion in a 8-letter word: flagged. Different first letter
    // (Hestrovia), short word (Zorm), rare target (Brantwell) and a plural
    // (Kestrovias): not flagged.
    assert_eq!(got, [("Kestrvia", "Kestrovia", 12)]);
    assert_eq!(&c.texts[5][found[0].span.clone()], "Kestrvia");
    // A word that is itself used several times is not a misspelling.
    let mut texts: Vec<String> = (0..3).map(|_| story("Kestrovia")).collect();
    texts.extend((0..3).map(|_| story("Kestrvia")));
    let refs: Vec<&str> = texts.iter().map(|s| s.as_str()).collect();
    let c = corpus(&refs, &Curated::default());
    assert!(misspellings(&c.texts[3], &c.names[3], &c.table).is_empty());
    // Edit distance scaled to length.
    assert_eq!(misspell::max_edits(4), 0);
    assert_eq!(misspell::max_edits(8), 1);
    assert_eq!(misspell::max_edits(9), 2);
    assert_eq!(misspell::osa("fujitu", "fujitsu", 1), Some(1));
    assert_eq!(misspell::osa("millenium", "millennium", 2), Some(1));
    assert_eq!(misspell::osa("kestrovai", "kestrovia", 1), Some(1));
    assert_eq!(misspell::osa("abcdef", "uvwxyz", 2), None);
}

const PROSE: &str = "A walk along the coast
Hallow is an old word, and the villagers still use it when they talk about the church on the hill. \
Maiden voyages, they say, should begin on a Monday, so the ferry left the harbour early in March with \
a small crowd waving from the quay. Border collies ran along the sea wall, barking at the gulls, while \
the older fishermen mended their nets and argued about the weather. Carbon fibre rods have replaced the \
bamboo ones their fathers used, but the knots are the same. Stellar reviews in the travel pages have \
brought more visitors to the town, and the cafes on the front now stay open until the autumn. \
Walkers who come for the cliffs are told to keep to the path, because the chalk crumbles after rain \
and the drop to the beach is steep. Further along, the path turns inland through fields of barley and \
past a farm that sells eggs from a box by the gate. Honesty is expected; the box is rarely short. \
By the time the path reaches the next village, most walkers are ready for lunch, and the pub by the \
green serves soup, bread and a pie of the day. Evenings are quiet. The lighthouse keeper, who retired \
years ago, still climbs the steps once a week to polish the brass, and on clear nights the beam can be \
seen from the Stellar Dawn, the old pleasure boat moored by the slipway. Children collect shells and \
sea glass, and in summer the lifeguards raise their flags at nine. Nobody here is in a hurry. Harbour \
dues have gone up, the bus runs twice a day, and the post office opens only in the mornings, but people \
seem content. Visitors from London often say they feel the difference within an hour of arriving, and \
many return every year, booking the same cottages and walking the same paths, as if to check that \
nothing has changed.
";

#[test]
fn plain_prose_yields_no_misspellings() {
    assert!(PROSE.split_whitespace().count() >= 300);
    // Frequent names one edit away from capitalised words in the prose.
    let mut texts: Vec<String> = Vec::new();
    for name in ["Harlow", "Marden", "Carton", "Stellan", "Borden", "Harboun"] {
        texts.extend((0..4).map(|_| story(name)));
    }
    texts.push(PROSE.to_string());
    let refs: Vec<&str> = texts.iter().map(|s| s.as_str()).collect();
    let c = corpus(&refs, &Curated::default());
    let last = texts.len() - 1;
    // The prose has capitalised words inside names, so the check does run.
    assert!(
        c.names[last]
            .candidates
            .iter()
            .any(|n| n.key == "Stellar Dawn")
    );
    let found = misspellings(&c.texts[last], &c.names[last], &c.table);
    assert!(found.is_empty(), "{found:?}");
    // Without the word list, "Stellar" would be a near miss of "Stellan".
    assert_eq!(misspell::osa("stellar", "stellan", 1), Some(1));
    assert!(c.table.word_mentions("Stellan") >= 3);
}

#[test]
fn seeds_smoke_test() {
    let texts = seeds();
    assert!(texts.len() >= 5);
    let gaz = Gazetteer::new(&Curated::default());
    let mut table = NameTable::new();
    let names: Vec<ArticleNames> = texts
        .iter()
        .map(|t| extract(t, &Article::parse(t), &gaz))
        .collect();
    for (i, n) in names.iter().enumerate() {
        table.add_article(i as u32, n);
    }
    let mut all: Vec<(String, Mention)> = Vec::new();
    let mut missp: Vec<(String, String)> = Vec::new();
    for (t, n) in texts.iter().zip(&names) {
        for m in resolve(t, n, &table, &gaz) {
            all.push((t[m.span.clone()].to_string(), m));
        }
        for m in misspellings(t, n, &table) {
            missp.push((m.word, m.suggestion));
        }
    }
    let kinds = |s: &str| -> Vec<EntityKind> {
        all.iter()
            .filter(|(t, _)| t == s)
            .map(|(_, m)| m.kind)
            .collect()
    };
    for org in ["Fujitsu", "BT", "Cerner"] {
        let k = kinds(org);
        assert!(
            !k.is_empty() && k.iter().all(|&k| k == EntityKind::Organization),
            "{org}: {k:?}"
        );
    }
    assert!(kinds("Gordon Hextall").contains(&EntityKind::Person));
    let hextall: Vec<&Mention> = all
        .iter()
        .filter(|(t, _)| t == "Hextall")
        .map(|(_, m)| m)
        .collect();
    assert!(!hextall.is_empty());
    assert!(
        hextall
            .iter()
            .all(|m| m.kind == EntityKind::Person && m.entity == "Gordon Hextall" && m.is_alias)
    );
    let money = all
        .iter()
        .find(|(t, _)| t == "£896 million")
        .map(|(_, m)| m)
        .unwrap();
    assert_eq!(
        money.value.as_deref(),
        Some(&FigureValue::Money {
            amount: 896e6,
            max: None,
            currency: Currency::Gbp
        })
    );
    assert!(
        missp.contains(&("Fujitu".to_string(), "Fujitsu".to_string())),
        "{missp:?}"
    );
    assert!(
        missp.contains(&("Millenium".to_string(), "Millennium".to_string())),
        "{missp:?}"
    );
}

#[test]
fn works_from_a_hand_built_article_and_survives_odd_input() {
    let gaz = Gazetteer::new(&Curated {
        entries: vec![CuratedEntity {
            name: "é".into(),
            kind: None,
            aliases: vec!["’".into()],
        }],
        ignore: vec![],
    });
    let table = NameTable::new();
    for t in [
        "",
        " ",
        "’s",
        "(",
        "(X)",
        "[AB]",
        "£",
        "£-",
        "$5-",
        "5-",
        "between £",
        "é’s Ünïcødé (ÜC) £5bn–£6bn",
        "A (B",
        "Mr",
        "Mr.",
        "St",
        "the of",
        "of The",
        "1,",
        "1,000,",
        "– – –",
        "\u{200b}Zyqorp\u{200b}",
        "ÅÄÖ (ÅÄÖ) Ω’S",
        "X & Y & Z",
        "May",
        "the turn of",
        "last",
        "two",
        "the second half of",
    ] {
        let names = extract(t, &article(t), &gaz);
        let _ = resolve(t, &names, &table, &gaz);
        let _ = misspellings(t, &names, &table);
        let names = extract(t, &Article::parse(t), &gaz);
        let _ = resolve(t, &names, &table, &gaz);
    }
    // A single paragraph built by hand, as before the article parser existed.
    let t = "Orrin Vale, director of Pellby Trust, said the Pellby Trust would spend £2m.";
    let a = Article {
        headline: None,
        dateline: None,
        yearless_dateline: None,
        lead: None,
        paragraphs: vec![Paragraph {
            span: 0..t.len(),
            sentences: std::iter::once(0..t.len()).collect(),
        }],
        boilerplate: Vec::new(),
    };
    let names = extract(t, &a, &gaz);
    let m = resolve(t, &names, &table, &gaz);
    let got: Vec<(&str, EntityKind)> = m.iter().map(|m| (&t[m.span.clone()], m.kind)).collect();
    assert_eq!(
        got,
        [
            ("Orrin Vale", EntityKind::Person),
            ("Pellby Trust", EntityKind::Organization),
            ("Pellby Trust", EntityKind::Organization),
            ("£2m", EntityKind::Money),
        ]
    );
}

#[test]
fn no_panics_on_generated_text() {
    // Deterministic pseudo-random strings over an alphabet of tricky pieces.
    const PIECES: [&str; 40] = [
        " ", "\n", "\n\n", "A", "BT", "’s", "'s", "(", ")", "[", "]", "£", "$", "€", "%", "-", "–",
        ",", ".", "5", "1,100", "2.5", "m", "bn", "per cent", "Mr", "Dr.", "of", "and", "&", "The",
        "May", "July", "Fujitsu", "Ünï", "日本", "e\u{301}", "\u{200b}", "NPfIT", "Trust",
    ];
    let curated = Curated {
        entries: vec![CuratedEntity {
            name: "Ünï".into(),
            kind: None,
            aliases: vec!["BT".into()],
        }],
        ignore: vec!["日本".into()],
    };
    let gaz = Gazetteer::new(&curated);
    let mut table = NameTable::new();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut texts = Vec::new();
    for _ in 0..400 {
        let mut s = String::new();
        let n = (seed >> 58) as usize + 1;
        for _ in 0..n * 3 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
        }
        texts.push(s);
    }
    let mut added = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        for a in [article(t), Article::parse(t)] {
            let names = extract(t, &a, &gaz);
            if let Some(old) = added.get(i) {
                table.remove_article(i as u32, old);
                added[i] = names.clone();
            } else {
                added.push(names.clone());
            }
            table.add_article(i as u32, &names);
            for m in resolve(t, &names, &table, &gaz) {
                assert!(t.is_char_boundary(m.span.start) && t.is_char_boundary(m.span.end));
            }
            let _ = misspellings(t, &names, &table);
        }
    }
    for (i, names) in added.iter().enumerate() {
        table.remove_article(i as u32, names);
    }
    assert_eq!(table.article_count(), 0);
    assert!(table.entity("Fujitsu").is_none());
}

#[test]
fn title_case_headlines_do_not_run_together() {
    let t = "Fujitsu Quits Southern Contract As BT Steps In\nFujitsu said on Monday that BT would take over.\n";
    let c = corpus(&[t], &Curated::default());
    let names: Vec<&str> = c
        .mentions(0)
        .into_iter()
        .filter(|m| m.kind.is_name() && m.span.start < t.find('\n').unwrap())
        .map(|m| &t[m.span])
        .collect();
    assert_eq!(names, ["Fujitsu", "BT"]);
}

/// Suppliers named `… Data`, `… Digital`, `… Informatics`: organisations,
/// though they are said to speak and their first word is unknown.
#[test]
fn supplier_names_in_trade_words_are_organisations() {
    let t = "Supplier results\nShares in Quorrel Data rose 4 percent. Quorrel Data said it had trained 300 staff. Mervane Digital said the deal was done, and Tolland Informatics declined to comment.\n";
    let c = corpus(&[t], &Curated::default());
    for name in ["Quorrel Data", "Mervane Digital", "Tolland Informatics"] {
        let found = c.find(0, name);
        assert!(!found.is_empty(), "{name}: {:?}", c.mentions(0));
        assert!(
            found.iter().all(|m| m.kind == EntityKind::Organization),
            "{name}: {found:?}"
        );
    }
}
