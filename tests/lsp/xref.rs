//! Hovers, references and highlighting across the corpus, over stdio.

use crate::support::{Client, TempCorpus, seeds_dir, uri};
use serde_json::{Value, json};

fn seed(prefix: &str) -> (std::path::PathBuf, String) {
    crate::seed(prefix)
}

/// The UTF-16 position of the first occurrence of `needle` on a line starting with `line_start`.
fn position_of(text: &str, needle: &str) -> Value {
    for (line, content) in text.lines().enumerate() {
        if let Some(byte) = content.find(needle) {
            let character: usize = content[..byte].chars().map(char::len_utf16).sum();
            return json!({"line": line, "character": character + 1});
        }
    }
    panic!("{needle} not found");
}

fn hover(client: &mut Client, uri: &str, position: Value) -> String {
    let result = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position}),
    );
    assert_eq!(result["contents"]["kind"], "markdown", "{result}");
    result["contents"]["value"].as_str().unwrap().to_string()
}

fn started_on_seeds() -> Client {
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::start(Some(&seeds_dir()), caps);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    client
}

#[test]
fn hovering_fujitsu_in_000_lists_001_and_002_with_their_sentences() {
    let mut client = started_on_seeds();
    let (path, text) = seed("000");
    let uri = client.open(&path, &text);
    let card = hover(
        &mut client,
        &uri,
        position_of(&text, "Fujitsu, with an agreement"),
    );
    let card_start = card.lines().next().unwrap();
    assert!(
        card_start.starts_with("**Fujitsu** · organization"),
        "{card}"
    );
    assert!(
        card.contains("Cerner contract re-set puts focus on local needs"),
        "{card}"
    );
    assert!(
        card.contains("002_66e3bc18b3f89ab8.txt"),
        "002 is listed by file name: {card}"
    );
    assert!(
        card.contains("001_a5234d4a5c7106fc.txt#L"),
        "links to the line: {card}"
    );
    let others = card
        .split("**Other articles**")
        .nth(1)
        .unwrap()
        .split("**Figures**")
        .next()
        .unwrap();
    assert!(
        !others.contains("BT on track to get southern Cerner trusts"),
        "never lists itself: {card}"
    );
    assert_eq!(
        others.lines().filter(|l| l.starts_with("- ")).count(),
        2,
        "{card}"
    );
    // The sentence, with the mention in bold.
    assert!(
        others.contains("Both **Fujitsu** and BT have said"),
        "{card}"
    );
    // 002's first mention is under another name of the same entity.
    assert!(
        others.contains("**Fujitsu Services** has officially awarded a contract"),
        "{card}"
    );
    assert!(
        card.contains("Also written as: Fujitsu Services (3, longer form of ‘Fujitsu’)"),
        "variants with counts and reasons: {card}"
    );
    assert!(
        card.contains("**£896 million**"),
        "figures said alongside: {card}"
    );
    client.shutdown();
}

#[test]
fn hovering_bt_in_004_lists_000_001_and_003_through_the_curated_alias() {
    let mut client = started_on_seeds();
    let (path, text) = seed("004");
    let uri = client.open(&path, &text);
    let card = hover(&mut client, &uri, position_of(&text, "BT may drop"));
    assert!(card.starts_with("**BT** · organization"), "{card}");
    assert!(card.contains("British Telecom"), "alias listed: {card}");
    for headline in [
        "BT on track to get southern Cerner trusts",
        "Cerner contract re-set puts focus on local needs",
        "BT relief as NPfIT roll-outs in London due to resume",
    ] {
        assert!(card.contains(headline), "{headline} missing: {card}");
    }
    assert!(card.contains("in 4 of 5 articles"), "{card}");
    // Newest first: undated 003, placed in February 2009 by a dated link on
    // its page, then 000 (2008-07-15) and 001 (2007-09-06).
    let i000 = card.find("BT on track").unwrap();
    let i001 = card.find("Cerner contract").unwrap();
    let i003 = card.find("BT relief").unwrap();
    assert!(i003 < i000 && i000 < i001, "{card}");
    assert!(card.contains("undated (inferred"), "{card}");
    client.shutdown();
}

#[test]
fn references_count_every_alias_across_articles() {
    let mut client = started_on_seeds();
    let (path, text) = seed("000");
    let uri = client.open(&path, &text);
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": position_of(&text, "British Telecom"), "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().unwrap();
    let files: std::collections::BTreeSet<&str> =
        refs.iter().map(|r| r["uri"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 4, "{refs:?}");
    // 000 has "British Telecom" once and "BT" four times, once in its headline.
    let in_000 = refs.iter().filter(|r| r["uri"] == uri).count();
    assert_eq!(in_000, 5, "{refs:?}");
    let highlights = client.request(
        "textDocument/documentHighlight",
        json!({"textDocument": {"uri": uri}, "position": position_of(&text, "BT currently")}),
    );
    assert_eq!(highlights.as_array().unwrap().len(), 5);
    client.shutdown();
}

#[test]
fn semantic_tokens_mark_british_telecom_as_an_organization() {
    let mut client = started_on_seeds();
    let (path, text) = seed("000");
    let uri = client.open(&path, &text);
    let result = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let tokens = crate::support::decode_tokens(&result);
    let bt_line = text
        .lines()
        .position(|l| l.starts_with("British Telecom"))
        .unwrap() as u64;
    assert!(
        tokens.contains(&(bt_line, 0, 15, 0, 0))
            || tokens
                .iter()
                .any(|t| (t.0, t.1, t.2, t.3) == (bt_line, 0, 15, 0)),
        "{tokens:?}"
    );
    // Nothing in the boilerplate is highlighted.
    let boilerplate = text
        .lines()
        .position(|l| l.starts_with("Subscribe to our newsletter"))
        .unwrap() as u64;
    assert!(tokens.iter().all(|t| t.0 < boilerplate), "{tokens:?}");
    // A delta against that result is accepted.
    let delta = client.request(
        "textDocument/semanticTokens/full/delta",
        json!({"textDocument": {"uri": uri}, "previousResultId": result["resultId"]}),
    );
    assert_eq!(delta["edits"], json!([]), "{delta}");
    client.shutdown();
}

#[test]
fn hover_escapes_hostile_article_text() {
    let corpus = TempCorpus::new("hostile");
    let hostile = "Acme Holdings [pwn](command:workbench.action.terminal.new) `x` <img src=x> **b** # h\n\n15 July 2008\n\nAcme Holdings said the deal [pwn](command:evil) <script>alert(1)</script> was done.\n";
    let a = corpus.write("a.txt", hostile);
    corpus.write(
        "b.txt",
        "Second story\n\n16 July 2008\n\nAcme Holdings confirmed a second deal with Harlow Ltd.\n",
    );
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::start(Some(&corpus.0), caps);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let b_text = std::fs::read_to_string(corpus.0.join("b.txt")).unwrap();
    let b = client.open(&corpus.0.join("b.txt"), &b_text);
    let card = hover(
        &mut client,
        &b,
        position_of(&b_text, "Acme Holdings confirmed"),
    );
    assert!(
        card.contains(&uri(&a)),
        "the hostile article is listed: {card}"
    );
    assert!(!card.contains("](command:"), "{card}");
    assert!(
        !card.contains("<script>") && !card.contains("<img"),
        "{card}"
    );
    assert!(!card.contains(" `x` "), "{card}");
    let result = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": b}, "position": position_of(&b_text, "Acme Holdings confirmed")}),
    );
    assert!(result["contents"].get("isTrusted").is_none());
    client.shutdown();
}

#[test]
fn a_new_article_appears_in_hovers_without_a_restart() {
    let corpus = TempCorpus::new("new-article");
    corpus.write(
        "a.txt",
        "First story\n\n15 July 2008\n\nMeridian Logistics opened a depot in Leeds.\n",
    );
    let caps = json!({"window": {"workDoneProgress": true}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let (mut client, _) = Client::start(Some(&corpus.0), caps);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let a_text = std::fs::read_to_string(corpus.0.join("a.txt")).unwrap();
    let a = client.open(&corpus.0.join("a.txt"), &a_text);
    let before = hover(&mut client, &a, position_of(&a_text, "Meridian"));
    assert!(before.contains("in 1 of 1 article"), "{before}");
    let b = corpus.write(
        "b.txt",
        "Second story\n\n16 July 2008\n\nMeridian Logistics hired 40 drivers.\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&b), "type": 1}]}),
    );
    let after = hover(&mut client, &a, position_of(&a_text, "Meridian"));
    assert!(after.contains("Second story"), "{after}");
    assert!(after.contains("in 2 of 2 articles"), "{after}");
    client.shutdown();
}

#[test]
fn workspace_symbols_code_lens_and_rename() {
    let mut client = started_on_seeds();
    let symbols = client.request("workspace/symbol", json!({"query": "hextal"}));
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"Gordon Hextall"), "{names:?}");
    let symbols = client.request("workspace/symbol", json!({"query": "primary care talks"}));
    let first = &symbols[0];
    assert_eq!(
        first["name"], "Talks over BT role in London primary care systems",
        "{symbols}"
    );
    assert_eq!(first["kind"], 1, "articles are files");
    let all = client.request("workspace/symbol", json!({"query": ""}));
    assert_eq!(all[0]["name"], "BT", "most mentioned first: {all}");

    let (path, text) = seed("000");
    let uri = client.open(&path, &text);
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let title = lenses[0]["command"]["title"].as_str().unwrap();
    assert!(
        title.contains("entities ·") && title.contains("shared with other articles"),
        "{title}"
    );
    assert_eq!(lenses[0]["range"]["start"]["line"], 0);

    let at = position_of(&text, "Hextall added");
    let prepared = client.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": at}),
    );
    assert_eq!(prepared["placeholder"], "Gordon Hextall");
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": at, "newName": "Gordon C. Hextall"}),
    );
    let changes = edit["documentChanges"].as_array().unwrap();
    let toml_edit = changes
        .iter()
        .find(|c| {
            c["textDocument"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("corpus.toml"))
        })
        .unwrap();
    let inserted = toml_edit["edits"][0]["newText"].as_str().unwrap();
    assert!(
        inserted.contains("name = \"Gordon C. Hextall\""),
        "{inserted}"
    );
    assert!(
        inserted.contains("aliases = [\"Gordon Hextall\"]"),
        "{inserted}"
    );
    assert!(
        changes.iter().all(|c| !c["textDocument"]["uri"]
            .as_str()
            .is_some_and(|u| u.ends_with(".txt"))),
        "article text is never rewritten"
    );
    client.shutdown();
}

fn action_titles(client: &mut Client, uri: &str, start: Value, end: Value) -> Vec<(String, Value)> {
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": start, "end": end}, "context": {"diagnostics": []}}),
    );
    actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["title"].as_str().unwrap().to_string(), a["edit"].clone()))
        .collect()
}

#[test]
fn code_actions_fix_misspellings_and_curate_entities() {
    let mut client = started_on_seeds();
    let (path, text) = seed("000");
    let uri = client.open(&path, &text);
    let at = position_of(&text, "Fujitu");
    let actions = action_titles(&mut client, &uri, at.clone(), at);
    let titles: Vec<&str> = actions.iter().map(|(t, _)| t.as_str()).collect();
    assert!(titles.contains(&"Replace with ‘Fujitsu’"), "{titles:?}");
    assert!(
        titles.contains(&"Record ‘Fujitu’ as a distinct name in corpus.toml"),
        "{titles:?}"
    );
    let (_, replace) = actions
        .iter()
        .find(|(t, _)| t == "Replace with ‘Fujitsu’")
        .unwrap();
    assert_eq!(replace["changes"][&uri][0]["newText"], "Fujitsu");

    // With corpus.toml open, the edit names the version it was made for.
    let config = seeds_dir().join("corpus.toml");
    client.open(&config, &std::fs::read_to_string(&config).unwrap());
    let at = position_of(&text, "Gordon Hextall");
    let actions = action_titles(&mut client, &uri, at.clone(), at);
    let titles: Vec<&str> = actions.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        titles.contains(&"Add ‘Gordon Hextall’ to corpus entities as person"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Change type of ‘Gordon Hextall’ to organization"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Not an entity: ignore ‘Gordon Hextall’"),
        "{titles:?}"
    );
    let (_, add) = actions
        .iter()
        .find(|(t, _)| t.starts_with("Add ‘Gordon"))
        .unwrap();
    assert_eq!(
        add["documentChanges"][0]["textDocument"]["version"], 1,
        "{add}"
    );
    let inserted = add["documentChanges"][0]["edits"][0]["newText"]
        .as_str()
        .unwrap();
    assert!(
        inserted.contains("[[entity]]\nname = \"Gordon Hextall\"\ntype = \"person\""),
        "{inserted}"
    );

    // A selection that is not a mention can be annotated as any type.
    let line = text
        .lines()
        .position(|l| l.contains("picture archiving"))
        .unwrap();
    let col = text
        .lines()
        .nth(line)
        .unwrap()
        .find("picture archiving")
        .unwrap();
    let start = json!({"line": line, "character": col});
    let end = json!({"line": line, "character": col + "picture archiving and communications systems".len()});
    let actions = action_titles(&mut client, &uri, start, end);
    let titles: Vec<&str> = actions.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        titles.contains(&"Annotate ‘picture archiving and communications systems’ as product"),
        "{titles:?}"
    );
    client.shutdown();
}

#[test]
fn dates_hover_hint_and_warn() {
    let mut client = started_on_seeds();
    let (path, text) = seed("000");
    let uri = client.open(&path, &text);
    let diagnostics = client.diagnostics(&uri, Some(1));
    let late: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] == "date-after-publication")
        .collect();
    assert_eq!(late.len(), 1, "{diagnostics:?}");
    let line = text.lines().position(|l| l.contains("on 16 July")).unwrap();
    assert_eq!(late[0]["range"]["start"]["line"], line);
    assert!(
        late[0]["relatedInformation"][0]["location"]["uri"] == uri,
        "{late:?}"
    );

    let card = hover(&mut client, &uri, position_of(&text, "16 July"));
    assert!(card.starts_with("**2008-07-16 \\(Wednesday\\)**"), "{card}");
    assert!(card.contains("past tense"), "{card}");

    let hints = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 40, "character": 0}}}),
    );
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"2008-08"),
        "next month → 2008-08: {labels:?}"
    );
    assert!(
        labels.contains(&"2008-11"),
        "by November → 2008-11: {labels:?}"
    );
    client.shutdown();
}

#[test]
fn conflicting_event_dates_update_live_across_articles() {
    let corpus = TempCorpus::new("conflicts");
    let a_text = "Harlow wins the contract\n\n15 March 2010\n\nHarlow Systems signed the contract with Kestrel Health on 2 March 2010, the company said.\n";
    let b_text = "Kestrel deal in doubt\n\n20 March 2010\n\nKestrel Health signed the contract with Harlow Systems on 9 March 2010, according to papers.\n";
    let a = corpus.write("a.txt", a_text);
    let b = corpus.write("b.txt", b_text);
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::start(Some(&corpus.0), caps);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let a_uri = client.open(&a, a_text);
    let b_uri = client.open(&b, b_text);
    let found = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == a_uri
            && p["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["code"] == "conflicting-event-date")
    });
    let conflict = found["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "conflicting-event-date")
        .unwrap()
        .clone();
    assert_eq!(
        conflict["relatedInformation"][0]["location"]["uri"], b_uri,
        "{conflict}"
    );
    // Agreeing with the other article clears the warning in both.
    let line = 4;
    let col = b_text.lines().nth(4).unwrap().find("9 March").unwrap();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": b_uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}},
            "text": "2"}]}),
    );
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == a_uri
            && p["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d["code"] != "conflicting-event-date")
    });
    client.shutdown();
}

#[test]
fn an_undated_article_gets_a_dateline_in_the_corpus_style() {
    let mut client = started_on_seeds();
    let (path, text) = seed("002");
    // A dateline is offered only for one day: `yesterday, Friday, 2
    // September` pins it to the Saturday.
    let text = text.replace("signed on Friday", "signed yesterday, Friday");
    let uri = client.open(&path, &text);
    let diagnostics = client.diagnostics(&uri, Some(1));
    let missing = diagnostics
        .iter()
        .find(|d| d["code"] == "missing-dateline")
        .unwrap();
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .contains("on 3 September 2005"),
        "{missing}"
    );
    let at = json!({"line": 0, "character": 3});
    let actions = action_titles(&mut client, &uri, at.clone(), at);
    let (title, edit) = actions
        .iter()
        .find(|(t, _)| t.starts_with("Insert the dateline"))
        .unwrap();
    assert_eq!(title, "Insert the dateline ‘• 3 September 2005’");
    let inserted = edit["changes"][&uri][0]["newText"].as_str().unwrap();
    assert!(inserted.contains("  • 3 September 2005"), "{inserted:?}");
    client.shutdown();
}
