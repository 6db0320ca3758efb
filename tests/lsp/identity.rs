//! Entity identity across articles, over stdio: one entity under several
//! names ("Westfield General Hospital NHS Trust", "Westfield General
//! Hospital", "WGH") in hovers, references, highlights, workspace symbols
//! and the curation actions that split or merge names; and the traps that
//! must stay apart (two Kingstons, two people with one surname).

use crate::support::{Client, TempCorpus, apply, position, titled};
use serde_json::{Value, json};

const A: &str = "Hospital trust signs imaging deal\n\n  • 12 March 2009\n\nWestfield General Hospital NHS Trust has signed a five-year contract with Corbel Imaging for a new picture archive, the trust said on Thursday.\n\nThe deal covers three sites, according to board papers.\n";

const B: &str = "Scanner backlog grows in the north\n\n  • 20 April 2009\n\nStaff at Westfield General Hospital have cleared half of the scanning backlog, managers told the board.\n\nA spokesman for Westfield General Hospital said the rest would be done by June.\n";

/// "WGH" is never spelt out here; an emoji and a CJK character come before
/// each mention, so that bytes, code points and UTF-16 units all differ.
const C: &str = "Waiting times 📉 fall at 東 clinic\n\n  • 5 May 2009\n\nPatients 😀 at the 東 wing of WGH waited four weeks less in April, figures show.\n\nA 東 ward manager at WGH said the new archive had helped.\n";

const A_TITLE: &str = "Hospital trust signs imaging deal";
const B_TITLE: &str = "Scanner backlog grows in the north";
const C_TITLE: &str = "Waiting times 📉 fall at 東 clinic";

const CANONICAL: &str = "Westfield General Hospital";

/// The byte offset of the `n`th (0-based) occurrence of `needle`.
fn nth(text: &str, needle: &str, n: usize) -> usize {
    text.match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("no {n}th {needle:?}"))
        .0
}

/// A position one character into the `n`th occurrence of `needle`.
fn inside(text: &str, needle: &str, n: usize) -> Value {
    position(text, nth(text, needle, n) + 1)
}

/// The UTF-16 range of the `n`th occurrence of `needle`.
fn range_of(text: &str, needle: &str, n: usize) -> Value {
    let start = nth(text, needle, n);
    json!({"start": position(text, start), "end": position(text, start + needle.len())})
}

/// The server started on `corpus`, indexing done.
fn start(corpus: &TempCorpus) -> Client {
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::start(Some(&corpus.0), caps);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    client
}

/// Writes the articles, starts the server and opens them all; their URIs.
fn corpus_of(
    name: &str,
    articles: &[(&str, &str)],
    config: Option<&str>,
) -> (TempCorpus, Client, Vec<String>) {
    let corpus = TempCorpus::new(name);
    if let Some(config) = config {
        corpus.write("corpus.toml", config);
    }
    let paths: Vec<_> = articles
        .iter()
        .map(|(file, text)| corpus.write(file, text))
        .collect();
    let mut client = start(&corpus);
    let uris = paths
        .iter()
        .zip(articles)
        .map(|(path, (_, text))| client.open(path, text))
        .collect();
    (corpus, client, uris)
}

/// The Westfield corpus: the full name (A), the hospital (B), the initials (C).
fn westfield(name: &str) -> (TempCorpus, Client, Vec<String>) {
    corpus_of(name, &[("a.txt", A), ("b.txt", B), ("c.txt", C)], None)
}

fn hover(client: &mut Client, uri: &str, at: Value) -> String {
    let result = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": at}),
    );
    assert_eq!(result["contents"]["kind"], "markdown", "{result}");
    result["contents"]["value"].as_str().unwrap().to_string()
}

/// The "Other articles" section of a card ("" when there is none).
fn others(card: &str) -> &str {
    card.split("**Other articles**")
        .nth(1)
        .map_or("", |s| s.split("**Figures**").next().unwrap())
}

/// The line of a card starting with `prefix`.
fn card_line<'a>(card: &'a str, prefix: &str) -> Option<&'a str> {
    card.lines().find(|l| l.starts_with(prefix))
}

fn code_actions(client: &mut Client, uri: &str, at: Value) -> Vec<Value> {
    client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": at, "end": at},
                "context": {"diagnostics": []}
            }),
        )
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The edits an action makes to `corpus.toml`, and the version they are for.
fn config_edits(action: &Value) -> (Value, Value) {
    let change = action["edit"]["documentChanges"]
        .as_array()
        .unwrap_or_else(|| panic!("{action}"))
        .iter()
        .find(|c| {
            c["textDocument"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("/corpus.toml"))
        })
        .unwrap_or_else(|| panic!("no corpus.toml edit: {action}"));
    (
        change["edits"].clone(),
        change["textDocument"]["version"].clone(),
    )
}

/// Replaces the whole text of an open document, as an editor applying a
/// `WorkspaceEdit` to its buffer would tell the server.
fn replace_all(client: &mut Client, uri: &str, version: i64, old: &str, new: &str) {
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": position(old, old.len())}, "text": new}]
        }),
    );
    if uri.ends_with("corpus.toml") {
        // corpus.toml is applied once typing pauses, then republished.
        client.diagnostics(uri, Some(version));
    }
}

#[test]
fn hovers_on_initials_and_full_names_list_every_article_of_the_entity() {
    let (_corpus, mut client, uris) = westfield("identity-hover");
    let c = &uris[2];
    // "Patients " is 9 units, 😀 2, " at the " 8, 東 1, " wing of " 9: WGH at 29
    // (28 code points, 33 bytes).
    assert_eq!(inside(C, "WGH", 0), json!({"line": 4, "character": 30}));
    let card = hover(&mut client, c, inside(C, "WGH", 0));
    assert!(
        card.starts_with(&format!("**{CANONICAL}** · organization\n")),
        "{card}"
    );
    let also = card_line(&card, "Also written as: ").unwrap_or_else(|| panic!("{card}"));
    assert!(
        also.contains(&format!("WGH (2, initials of ‘{CANONICAL}’)")),
        "{also}"
    );
    assert!(
        also.contains(&format!(
            "Westfield General Hospital NHS Trust (1, longer form of ‘{CANONICAL}’)"
        )),
        "{also}"
    );
    assert!(card.contains("5 mentions in 3 of 3 articles"), "{card}");
    let listed = others(&card);
    assert!(listed.contains(A_TITLE), "{card}");
    assert!(listed.contains(B_TITLE), "{card}");
    assert!(!listed.contains(C_TITLE), "never lists itself: {card}");
    assert_eq!(
        listed.lines().filter(|l| l.starts_with("- ")).count(),
        2,
        "{card}"
    );
    // Newest first, each with its first mention in bold, under its own name.
    assert!(
        listed.find(B_TITLE).unwrap() < listed.find(A_TITLE).unwrap(),
        "{card}"
    );
    assert!(
        listed.contains("Staff at **Westfield General Hospital** have cleared"),
        "{card}"
    );
    assert!(
        listed.contains("**Westfield General Hospital NHS Trust** has signed"),
        "{card}"
    );

    // The second mention, after another emoji-free line with CJK, too.
    let again = hover(&mut client, c, inside(C, "WGH", 1));
    assert_eq!(again, card);

    // From the full name: the article that only says "WGH" is listed.
    let b = &uris[1];
    let card = hover(&mut client, b, inside(B, CANONICAL, 1));
    assert!(
        card.starts_with(&format!("**{CANONICAL}** · organization\n")),
        "{card}"
    );
    let listed = others(&card);
    assert!(listed.contains(C_TITLE), "{card}");
    assert!(listed.contains(A_TITLE), "{card}");
    assert!(
        listed.contains("Patients 😀 at the 東 wing of **WGH** waited"),
        "{card}"
    );
    // And from the longest name, the two others.
    let card = hover(
        &mut client,
        &uris[0],
        inside(A, "Westfield General Hospital NHS Trust", 0),
    );
    assert!(
        card.starts_with(&format!("**{CANONICAL}** · organization\n")),
        "{card}"
    );
    let listed = others(&card);
    assert!(
        listed.contains(C_TITLE) && listed.contains(B_TITLE),
        "{card}"
    );
    client.shutdown();
}

#[test]
fn references_and_highlights_cover_every_name_of_the_entity() {
    let (_corpus, mut client, uris) = westfield("identity-refs");
    let (a, b, c) = (&uris[0], &uris[1], &uris[2]);
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": c}, "position": inside(C, "WGH", 0), "context": {"includeDeclaration": true}}),
    );
    let mut found: Vec<(String, Value)> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["uri"].as_str().unwrap().to_string(), r["range"].clone()))
        .collect();
    found.sort_by_key(|(u, r)| (u.clone(), r.to_string()));
    let mut expected = vec![
        (
            a.clone(),
            range_of(A, "Westfield General Hospital NHS Trust", 0),
        ),
        (b.clone(), range_of(B, CANONICAL, 0)),
        (b.clone(), range_of(B, CANONICAL, 1)),
        (c.clone(), range_of(C, "WGH", 0)),
        (c.clone(), range_of(C, "WGH", 1)),
    ];
    expected.sort_by_key(|(u, r)| (u.clone(), r.to_string()));
    assert_eq!(found, expected, "{refs}");
    // The first "WGH", after an emoji and a CJK character, in UTF-16 units.
    assert_eq!(
        range_of(C, "WGH", 0),
        json!({"start": {"line": 4, "character": 29}, "end": {"line": 4, "character": 32}})
    );

    // From the full name, the same five.
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": b}, "position": inside(B, CANONICAL, 0), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 5, "{refs}");

    let highlights = client.request(
        "textDocument/documentHighlight",
        json!({"textDocument": {"uri": c}, "position": inside(C, "WGH", 1)}),
    );
    let ranges: Vec<&Value> = highlights
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["range"])
        .collect();
    assert_eq!(
        ranges,
        [&range_of(C, "WGH", 0), &range_of(C, "WGH", 1)],
        "{highlights}"
    );
    client.shutdown();
}

const K1: &str = "Ward reopens after repairs\n\n  • 2 June 2009\n\nKingston Hospital reopened its children's ward on Monday after a month of repairs.\n";
const K2: &str = "Nursing course wins award\n\n  • 3 June 2009\n\nKingston University said its nursing course had won a national teaching award.\n";

#[test]
fn kingston_hospital_and_kingston_university_stay_apart() {
    let (_corpus, mut client, uris) =
        corpus_of("identity-kingston", &[("k1.txt", K1), ("k2.txt", K2)], None);
    let (k1, k2) = (&uris[0], &uris[1]);
    let hospital = hover(&mut client, k1, inside(K1, "Kingston Hospital", 0));
    assert!(
        hospital.starts_with("**Kingston Hospital** · organization\n"),
        "{hospital}"
    );
    assert!(!hospital.contains("Kingston University"), "{hospital}");
    assert!(
        !hospital.contains("Nursing course wins award"),
        "{hospital}"
    );
    assert!(!hospital.contains("Also written as"), "{hospital}");
    assert!(
        hospital.contains("1 mention in 1 of 2 articles"),
        "{hospital}"
    );
    assert_eq!(others(&hospital), "", "{hospital}");

    let university = hover(&mut client, k2, inside(K2, "Kingston University", 0));
    assert!(
        university.starts_with("**Kingston University** · organization\n"),
        "{university}"
    );
    assert!(!university.contains("Kingston Hospital"), "{university}");
    assert!(
        !university.contains("Ward reopens after repairs"),
        "{university}"
    );
    assert!(
        university.contains("1 mention in 1 of 2 articles"),
        "{university}"
    );

    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": k1}, "position": inside(K1, "Kingston Hospital", 0), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        refs,
        json!([{"uri": k1, "range": range_of(K1, "Kingston Hospital", 0)}])
    );
    client.shutdown();
}

#[test]
fn not_the_same_as_splits_the_name_off_once_corpus_toml_changes() {
    let config_text = "# curated by hand\n";
    let (corpus, mut client, uris) = corpus_of(
        "identity-distinct",
        &[("a.txt", A), ("b.txt", B), ("c.txt", C)],
        Some(config_text),
    );
    let (a, b, c) = (&uris[0], &uris[1], &uris[2]);
    let config = corpus.0.join("corpus.toml");
    let config_uri = client.open(&config, config_text);

    // On the canonical name: one action per other name.
    let on_canonical = code_actions(&mut client, b, inside(B, CANONICAL, 0));
    titled(
        &on_canonical,
        &format!(
            "Not the same as ‘Westfield General Hospital NHS Trust’: keep it apart from ‘{CANONICAL}’"
        ),
    );
    let from_canonical = titled(
        &on_canonical,
        &format!("Not the same as ‘WGH’: keep it apart from ‘{CANONICAL}’"),
    )
    .clone();

    // On the variant: keep it apart.
    let on_variant = code_actions(&mut client, c, inside(C, "WGH", 0));
    let action = titled(
        &on_variant,
        &format!("Not the same as ‘{CANONICAL}’: keep ‘WGH’ apart"),
    );
    let (edits, version) = config_edits(action);
    assert_eq!(version, 1, "made for the open corpus.toml: {action}");
    let curated = apply(config_text, &edits);
    assert!(
        curated.starts_with(config_text)
            && curated.ends_with(&format!(
                "\n[[entity]]\nname = \"{CANONICAL}\"\ntype = \"organization\"\ndistinct = [\"WGH\"]\n"
            )),
        "{curated:?}"
    );
    assert_eq!(
        apply(config_text, &config_edits(&from_canonical).0),
        curated,
        "the same decision from either side"
    );

    // The editor applies the edit to its buffer.
    replace_all(&mut client, &config_uri, 2, config_text, &curated);
    let check = |client: &mut Client, when: &str| {
        let card = hover(client, c, inside(C, "WGH", 0));
        assert!(
            card.starts_with("**WGH** · organization\n"),
            "{when}: {card}"
        );
        assert!(!card.contains(CANONICAL), "{when}: {card}");
        assert!(
            !card.contains(A_TITLE) && !card.contains(B_TITLE),
            "{when}: {card}"
        );
        assert!(
            card.contains("2 mentions in 1 of 3 articles"),
            "{when}: {card}"
        );

        let card = hover(client, b, inside(B, CANONICAL, 0));
        assert!(
            card.starts_with(&format!("**{CANONICAL}** · organization\n")),
            "{when}: {card}"
        );
        assert!(!card.contains(C_TITLE), "{when}: {card}");
        assert!(!card.contains("WGH"), "{when}: {card}");
        assert!(
            card.contains(A_TITLE),
            "the long name stays: {when}: {card}"
        );

        let card = hover(
            client,
            a,
            inside(A, "Westfield General Hospital NHS Trust", 0),
        );
        assert!(!card.contains(C_TITLE), "{when}: {card}");
        assert!(card.contains(B_TITLE), "{when}: {card}");

        let refs = client.request(
            "textDocument/references",
            json!({"textDocument": {"uri": c}, "position": inside(C, "WGH", 0), "context": {"includeDeclaration": true}}),
        );
        assert!(
            refs.as_array()
                .unwrap()
                .iter()
                .all(|r| r["uri"] == c.as_str()),
            "{when}: {refs}"
        );
        // The variant's actions no longer offer the split.
        let actions = code_actions(client, c, inside(C, "WGH", 0));
        assert!(
            actions
                .iter()
                .all(|a| !a["title"].as_str().unwrap().starts_with("Not the same as")),
            "{when}: {actions:?}"
        );
    };
    check(&mut client, "after didChange");

    // Saved: the server reloads the corpus from the disk.
    std::fs::write(&config, &curated).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    check(&mut client, "after didSave");
    client.shutdown();
}

const M1: &str = "New finance chief named\n\n  • 1 July 2009\n\nHelen Marsh has been named finance director of Corbel Imaging, the company said.\n";
const M2: &str = "Council leader quits\n\n  • 2 July 2009\n\nDavid Marsh resigned as leader of Ashby council on Tuesday after eleven years.\n";
/// A bare surname, in an article naming neither person in full.
const M3: &str = "Budget row continues\n\n  • 3 July 2009\n\nThe budget will not be cut again this year, Ms Marsh said on Friday.\n";

#[test]
fn a_bare_surname_of_two_people_is_only_possibly_either() {
    let (_corpus, mut client, uris) = corpus_of(
        "identity-surname",
        &[("m1.txt", M1), ("m2.txt", M2), ("m3.txt", M3)],
        None,
    );
    // The two people stay apart.
    let helen = hover(&mut client, &uris[0], inside(M1, "Helen Marsh", 0));
    assert!(helen.starts_with("**Helen Marsh** · person\n"), "{helen}");
    assert!(!helen.contains("David Marsh"), "{helen}");
    assert!(!helen.contains("Council leader quits"), "{helen}");

    let m3 = &uris[2];
    let at = inside(M3, "Marsh said", 0);
    let card = hover(&mut client, m3, at.clone());
    let possibly = card_line(&card, "Possibly the same as: ").unwrap_or_else(|| panic!("{card}"));
    for name in ["David Marsh", "Helen Marsh"] {
        assert!(
            possibly.contains(&format!("{name} (‘Marsh’ could be the surname of either)")),
            "{possibly}"
        );
    }
    // Neither person's article is claimed for it.
    assert!(!card.contains("New finance chief named"), "{card}");
    assert!(!card.contains("Council leader quits"), "{card}");

    let actions = code_actions(&mut client, m3, at);
    let same = titled(
        &actions,
        "Same entity as ‘Helen Marsh’: make ‘Marsh’ an alias",
    );
    let (edits, _) = config_edits(same);
    let curated = apply("", &edits);
    assert!(
        curated.contains("name = \"Helen Marsh\"\ntype = \"person\"\naliases = [\"Marsh\"]"),
        "{curated}"
    );
    titled(
        &actions,
        "Same entity as ‘David Marsh’: make ‘Marsh’ an alias",
    );
    client.shutdown();
}

const KESTREL: &str = "Pharmacy deal signed\n\n  • 4 June 2009\n\nKestrel Health signed a two-year deal for its pharmacy system.\n";
/// Initials that two names in the corpus spell, near neither of them.
const KH: &str = "Car park charges rise\n\n  • 5 June 2009\n\nVisitors to 🚗 the 東 site of KH will pay more to park from next month.\n";

#[test]
fn ambiguous_initials_are_possibly_either_until_made_an_alias() {
    let config_text = "# curated by hand\n";
    let (corpus, mut client, uris) = corpus_of(
        "identity-initials",
        &[("k1.txt", K1), ("kestrel.txt", KESTREL), ("kh.txt", KH)],
        Some(config_text),
    );
    let config = corpus.0.join("corpus.toml");
    let config_uri = client.open(&config, config_text);
    let kh = &uris[2];
    let at = inside(KH, "KH", 0);
    let card = hover(&mut client, kh, at.clone());
    assert!(card.starts_with("**KH** · organization\n"), "{card}");
    let possibly = card_line(&card, "Possibly the same as: ").unwrap_or_else(|| panic!("{card}"));
    assert_eq!(
        possibly,
        "Possibly the same as: Kestrel Health (‘KH’ could be initials of either) · Kingston Hospital (‘KH’ could be initials of either)"
    );
    assert_eq!(others(&card), "", "{card}");

    let actions = code_actions(&mut client, kh, at.clone());
    titled(
        &actions,
        "Same entity as ‘Kestrel Health’: make ‘KH’ an alias",
    );
    let same = titled(
        &actions,
        "Same entity as ‘Kingston Hospital’: make ‘KH’ an alias",
    );
    let (edits, version) = config_edits(same);
    assert_eq!(version, 1, "{same}");
    let curated = apply(config_text, &edits);
    assert!(
        curated.contains(
            "[[entity]]\nname = \"Kingston Hospital\"\ntype = \"organization\"\naliases = [\"KH\"]\n"
        ),
        "{curated:?}"
    );
    replace_all(&mut client, &config_uri, 2, config_text, &curated);

    let card = hover(&mut client, kh, at);
    assert!(
        card.starts_with("**Kingston Hospital** · organization\n"),
        "{card}"
    );
    assert!(!card.contains("Possibly the same as"), "{card}");
    assert!(card.contains("Ward reopens after repairs"), "{card}");
    assert!(!card.contains("Pharmacy deal signed"), "{card}");
    let kestrel = hover(&mut client, &uris[1], inside(KESTREL, "Kestrel Health", 0));
    assert!(!kestrel.contains("Car park charges rise"), "{kestrel}");
    client.shutdown();
}

#[test]
fn a_workspace_symbol_query_finds_the_entity_once_under_its_canonical_name() {
    let (_corpus, mut client, _) = corpus_of(
        "identity-symbols",
        &[("a.txt", A), ("b.txt", B), ("c.txt", C), ("k1.txt", K1)],
        None,
    );
    let symbols = client.request("workspace/symbol", json!({"query": "Westfield"}));
    let entities: Vec<&Value> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] != 1)
        .collect();
    assert_eq!(entities.len(), 1, "{symbols}");
    assert_eq!(entities[0]["name"], CANONICAL, "{symbols}");
    assert_eq!(entities[0]["containerName"], "organization", "{symbols}");
    // Its location is a mention of the entity.
    let location = &entities[0]["location"];
    assert!(
        location["uri"]
            .as_str()
            .is_some_and(|u| ["a.txt", "b.txt", "c.txt"].iter().any(|f| u.ends_with(f))),
        "{symbols}"
    );

    // Asked for by its initials, the same entity, under the same name.
    let symbols = client.request("workspace/symbol", json!({"query": "WGH"}));
    let entities: Vec<&Value> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] != 1)
        .collect();
    assert_eq!(entities.len(), 1, "{symbols}");
    assert_eq!(entities[0]["name"], CANONICAL, "{symbols}");

    // Every entity once: no name of it listed on its own.
    let all = client.request("workspace/symbol", json!({"query": ""}));
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.iter().filter(|n| **n == CANONICAL).count(),
        1,
        "{names:?}"
    );
    assert!(
        !names.contains(&"WGH") && !names.contains(&"Westfield General Hospital NHS Trust"),
        "{names:?}"
    );
    assert!(names.contains(&"Kingston Hospital"), "{names:?}");
    client.shutdown();
}

/// A card cites every other article of a mid-sized corpus: eight quoted with their
/// sentence, the rest linked one line each, and no "use Find References" until there
/// are more than those.
#[test]
fn a_card_cites_every_other_article_up_to_forty_eight() {
    let texts: Vec<(String, String)> = (0..13)
        .map(|i| {
            let name = if i % 2 == 0 { "Quarrel Health Ltd" } else { "Quarrel Health" };
            (
                format!("q{i:02}.txt"),
                format!(
                    "Update number {i}\n\n  • {} May 2010\n\n{name} said the rollout at site {i} was on time.\n",
                    i + 1
                ),
            )
        })
        .collect();
    let articles: Vec<(&str, &str)> = texts
        .iter()
        .map(|(f, t)| (f.as_str(), t.as_str()))
        .collect();
    let (_corpus, mut client, uris) = corpus_of("identity-many", &articles, None);
    let card = hover(&mut client, &uris[0], inside(&texts[0].1, "Quarrel", 0));
    let others = others(&card);
    let quoted = others.lines().filter(|l| l.starts_with("- ")).count();
    assert_eq!(quoted, 8, "{card}");
    let linked = card_line(&card, "Also in: ").expect("the rest linked");
    assert_eq!(linked.matches("](file://").count(), 4, "{card}");
    for i in 1..13 {
        assert!(
            card.contains(&format!("Update number {i}]")),
            "article {i} cited: {card}"
        );
    }
    assert!(!card.contains("use Find References"), "{card}");
    client.shutdown();
}

/// Renaming from any name renames the entity: the placeholder is its canonical name,
/// and its other names become aliases of the new one, so it stays one entity.
#[test]
fn rename_from_initials_renames_the_whole_entity() {
    let (corpus, mut client, uris) = westfield("identity-rename");
    let at = inside(C, "WGH", 0);
    let prepared = client.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": &uris[2]}, "position": at}),
    );
    assert_eq!(prepared["placeholder"], CANONICAL, "{prepared}");
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": &uris[2]}, "position": at, "newName": "Westfield Hospitals"}),
    );
    let changes = edit["documentChanges"].as_array().unwrap();
    let inserted: String = changes
        .iter()
        .flat_map(|c| c["edits"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e["newText"].as_str().map(str::to_string))
        .collect();
    assert!(
        inserted.contains("name = \"Westfield Hospitals\""),
        "{edit}"
    );
    for alias in [CANONICAL, "WGH", "Westfield General Hospital NHS Trust"] {
        assert!(
            inserted.contains(&format!("\"{alias}\"")),
            "{alias} kept: {edit}"
        );
    }
    // Written and reloaded, every name is the renamed entity.
    corpus.write("corpus.toml", &inserted);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": crate::support::uri(&corpus.0.join("corpus.toml")), "type": 1}]}),
    );
    let card = loop_until(
        &mut client,
        &uris[2],
        inside(C, "WGH", 0),
        "**Westfield Hospitals**",
    );
    assert!(
        card.starts_with("**Westfield Hospitals** · organization"),
        "{card}"
    );
    assert!(
        others(&card).contains(A_TITLE) && others(&card).contains(B_TITLE),
        "{card}"
    );
    client.shutdown();
}

/// Hovers until the card starts with `title` (a reload is asynchronous).
fn loop_until(client: &mut Client, uri: &str, at: Value, title: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let card = hover(client, uri, at.clone());
        if card.starts_with(title) || std::time::Instant::now() > deadline {
            return card;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Typing in `corpus.toml` is applied once the typing pauses, but a request
/// about an article right after a keystroke already follows what the editor
/// shows; with no request, the pause applies it and republishes.
#[test]
fn typing_in_corpus_toml_applies_before_a_request_and_after_a_pause() {
    let (corpus, mut client, uris) = westfield("identity-typing");
    let c = &uris[2];
    let config = corpus.0.join("corpus.toml");
    let config_uri = client.open(&config, "");
    let curated = format!(
        "[[entity]]\nname = \"{CANONICAL}\"\ntype = \"organization\"\ndistinct = [\"WGH\"]\n"
    );
    // Keystrokes: a broken file on the way, then the whole entry.
    let mut text = String::new();
    for (version, next) in [(2, "[[entity]"), (3, curated.as_str())] {
        replace_all_now(&mut client, &config_uri, version, &text, next);
        text = next.to_string();
    }
    let card = hover(&mut client, c, inside(C, "WGH", 0));
    assert!(card.starts_with("**WGH** · organization\n"), "{card}");
    assert!(!card.contains(CANONICAL), "{card}");

    // Undone, and no request: the pause applies it.
    replace_all_now(&mut client, &config_uri, 4, &text, "");
    client.diagnostics(&config_uri, Some(4));
    let card = hover(&mut client, c, inside(C, "WGH", 0));
    assert!(card.contains(CANONICAL), "{card}");
}

/// Like [`replace_all`], without waiting for the change to be applied.
fn replace_all_now(client: &mut Client, uri: &str, version: i64, old: &str, new: &str) {
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": position(old, old.len())}, "text": new}]
        }),
    );
}

/// Edits of an article sent right after a keystroke in `corpus.toml` land
/// in the order sent: applying the configuration first must not let a later
/// edit overtake an earlier one.
#[test]
fn article_edits_right_after_typing_in_corpus_toml_keep_their_order() {
    let (corpus, mut client, uris) = westfield("identity-typing-order");
    let c = &uris[2];
    let config_uri = client.open(&corpus.0.join("corpus.toml"), "");
    let curated = format!("[[entity]]\nname = \"{CANONICAL}\"\ntype = \"organization\"\n");
    for round in 0..4 {
        let (old, new) = if round % 2 == 0 {
            ("", curated.as_str())
        } else {
            (curated.as_str(), "")
        };
        replace_all_now(&mut client, &config_uri, round + 2, old, new);
        for typed in 0..6 {
            let version = 2 + round * 6 + typed;
            let at = json!({"line": 0, "character": 0});
            client.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": c, "version": version},
                    "contentChanges": [{"range": {"start": at, "end": at}, "text": format!("{version}-")}]
                }),
            );
        }
    }
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": c}}),
    );
    let typed: String = (2..26).rev().map(|v| format!("{v}-")).collect();
    assert_eq!(
        symbols[0]["name"].as_str(),
        Some(format!("{typed}{}", C.lines().next().unwrap()).as_str()),
        "{symbols}"
    );
}
