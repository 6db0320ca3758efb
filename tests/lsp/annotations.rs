//! Brat annotations over stdio: they win in hovers and highlighting, edits
//! of the article keep the `.ann` in step through `workspace/applyEdit`,
//! and code actions write and remove `T` lines.

use crate::support::{Client, TempCorpus, apply, offset, position, titled, uri as uri_of};
use serde_json::{Value, json};

const ON: &str = "# curated by hand\n[annotations]\nformat = \"brat\"\n";

/// Emoji and CJK before every annotated name, so that code points, UTF-16
/// units and bytes all differ.
const ARTICLE: &str = "Harbour Light wins 🌊 deal\n\n15 July 2008\n\nThe firm Harbour Light signed with 北京 Metro on Monday, under the Clean Air Act.\n";

/// The code point span of the last occurrence of `needle`.
fn cps(text: &str, needle: &str) -> (usize, usize) {
    let at = text.rfind(needle).unwrap_or_else(|| panic!("{needle}"));
    let start = text[..at].chars().count();
    (start, start + needle.chars().count())
}

/// The edits and document version an `applyEdit` request has for `uri`.
fn edits_of(params: &Value, uri: &str) -> Option<(Value, Value)> {
    params["edit"]["documentChanges"]
        .as_array()?
        .iter()
        .find(|c| c["textDocument"]["uri"] == uri)
        .map(|c| (c["edits"].clone(), c["textDocument"]["version"].clone()))
}

fn ann_text(article: &str) -> String {
    let (hs, he) = cps(article, "Harbour Light");
    let (ls, le) = cps(article, "Clean Air Act");
    format!(
        "T1\tPerson {hs} {he}\tHarbour Light\n#1\tAnnotatorNotes T1\tchecked\nT2\tLaw {ls} {le}\tClean Air Act\n"
    )
}

fn start(corpus: &TempCorpus, capabilities: Value) -> Client {
    let mut caps = capabilities;
    caps["window"] = json!({"workDoneProgress": true});
    let (mut client, _) = Client::start(Some(&corpus.0), caps);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    client
}

fn hover(client: &mut Client, uri: &str, text: &str, needle: &str) -> String {
    let at = text.rfind(needle).unwrap() + 1;
    let result = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(text, at)}),
    );
    result["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn actions(client: &mut Client, uri: &str, text: &str, span: (usize, usize)) -> Vec<Value> {
    client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": position(text, span.0), "end": position(text, span.1)},
                "context": {"diagnostics": []}
            }),
        )
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn insert_at(uri: &str, version: i64, text: &str, byte: usize, inserted: &str) -> Value {
    let at = position(text, byte);
    json!({
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": at, "end": at}, "text": inserted}]
    })
}

/// A corpus with annotations on, `a.txt` and its `a.ann`, the server
/// indexed and the article open.
struct Annotated {
    _corpus: TempCorpus,
    client: Client,
    ann: std::path::PathBuf,
    uri: String,
    ann_uri: String,
}

fn annotated(name: &str, capabilities: Value) -> Annotated {
    let corpus = TempCorpus::new(name);
    corpus.write("corpus.toml", ON);
    let article = corpus.write("a.txt", ARTICLE);
    let ann = corpus.write("a.ann", &ann_text(ARTICLE));
    let mut client = start(&corpus, capabilities);
    let uri = client.open(&article, ARTICLE);
    client.diagnostics(&uri, Some(1));
    Annotated {
        ann_uri: uri_of(&ann),
        _corpus: corpus,
        client,
        ann,
        uri,
    }
}

/// Types `inserted` at the start of the body of `text` (the article at
/// `version - 1`) and returns the new text.
fn type_in_body(
    client: &mut Client,
    uri: &str,
    version: i64,
    text: &str,
    inserted: &str,
) -> String {
    let body = text.find("The firm").unwrap();
    client.notify(
        "textDocument/didChange",
        insert_at(uri, version, text, body, inserted),
    );
    let mut edited = text.to_string();
    edited.insert_str(body, inserted);
    edited
}

#[test]
fn annotated_types_win_in_hovers_and_highlighting() {
    let Annotated {
        _corpus,
        mut client,
        uri,
        ..
    } = annotated("ann-win", json!({}));

    let card = hover(&mut client, &uri, ARTICLE, "Harbour Light signed");
    assert!(card.starts_with("**Harbour Light** · person"), "{card}");
    assert!(card.contains("Annotated as Person (T1 in a.ann)"), "{card}");
    // The headline's mention is not annotated: recognition still decides.
    let headline = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    let headline = headline["contents"]["value"].as_str().unwrap_or_default();
    assert!(!headline.contains("Annotated as"), "{headline}");

    let law = hover(&mut client, &uri, ARTICLE, "Clean Air Act");
    assert!(law.starts_with("**Clean Air Act** · Law"), "{law}");
    assert!(law.contains("Annotation T2 in a.ann"), "{law}");

    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let decoded: Vec<(u64, u64, u64, u64)> = crate::support::decode_tokens(&tokens)
        .into_iter()
        .map(|t| (t.0, t.1, t.2, t.3))
        .collect();
    let at = |needle: &str| {
        let p = position(ARTICLE, ARTICLE.rfind(needle).unwrap());
        (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        )
    };
    let (l, c) = at("Harbour Light signed");
    assert!(
        decoded.contains(&(l, c, 13, 1)),
        "person token: {decoded:?}"
    );
    let (l, c) = at("Clean Air Act");
    assert!(
        !decoded.iter().any(|t| t.0 == l && t.1 >= c),
        "nothing of ours over the Law annotation: {decoded:?}"
    );
    client.shutdown();
}

#[test]
fn article_edits_keep_the_ann_in_step_through_apply_edit() {
    let Annotated {
        _corpus,
        mut client,
        ann,
        uri,
        ann_uri,
        ..
    } = annotated("ann-shift", json!({"workspace": {"applyEdit": true}}));
    // Emoji and CJK typed before both annotations.
    let mut edited = type_in_body(&mut client, &uri, 2, ARTICLE, "🎉東京 ");
    let request = client.wait_for("workspace/applyEdit", |p| edits_of(p, &ann_uri).is_some());
    let on_disk = std::fs::read_to_string(&ann).unwrap();
    let (edits, version) = edits_of(&request["params"], &ann_uri).unwrap();
    assert_eq!(version, Value::Null, "the editor does not sync a.ann");
    let shifted = apply(&on_disk, &edits);
    assert_eq!(
        shifted,
        ann_text(&edited),
        "offsets moved by four code points"
    );
    let diagnostics = client.diagnostics(&uri, Some(2));
    assert!(
        diagnostics.iter().all(|d| d["code"] != "stale-annotation"),
        "{diagnostics:?}"
    );
    let card = hover(&mut client, &uri, &edited, "Harbour Light signed");
    assert!(card.contains("Annotated as Person (T1 in a.ann)"), "{card}");

    // Typing inside the name keeps it annotated, with the new text.
    let inside = edited.rfind("Harbour Light").unwrap() + "Harb".len();
    client.notify(
        "textDocument/didChange",
        insert_at(&uri, 3, &edited, inside, "ö"),
    );
    edited.insert(inside, 'ö');
    let request = client.wait_for("workspace/applyEdit", |p| edits_of(p, &ann_uri).is_some());
    let twice = apply(&shifted, &edits_of(&request["params"], &ann_uri).unwrap().0);
    let (hs, he) = cps(&edited, "Harböour Light");
    assert!(
        twice.starts_with(&format!("T1\tPerson {hs} {he}\tHarböour Light\n#1\t")),
        "{twice}"
    );
    let law_line = ann_text(&edited).lines().nth(2).unwrap().to_string();
    assert!(twice.ends_with(&format!("{law_line}\n")), "{twice}");

    // Closed unsaved: the article and its annotations are the disk's again.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    // The close clears the article's diagnostics first; what came before
    // is of the edits.
    client.wait_past("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && p["version"].is_null()
    });
    // If the close came while the last shift was on its way, the `.ann`
    // goes back to the disk when the editor answers: it must end up clean.
    let on_ann = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == ann_uri.as_str() && p["diagnostics"] == json!([])
    });
    assert_eq!(on_ann["params"]["diagnostics"], json!([]), "{on_ann}");
    client.shutdown();
}

#[test]
fn without_apply_edit_annotations_go_stale_with_fixes_on_both_files() {
    let Annotated {
        _corpus,
        mut client,
        ann,
        uri,
        ann_uri,
        ..
    } = annotated("ann-stale", json!({}));
    let edited = type_in_body(&mut client, &uri, 2, ARTICLE, "🎉東京 ");
    let diagnostics = client.diagnostics(&uri, Some(2));
    let stale: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "stale-annotation")
        .collect();
    assert_eq!(stale.len(), 2, "{diagnostics:?}");
    assert!(
        client
            .seen
            .iter()
            .all(|m| m["method"] != "workspace/applyEdit"),
        "the client cannot apply edits: none are sent"
    );
    // The `.ann` is told too, while closed.
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == ann_uri.as_str()
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "stale-annotation"))
    });

    let start_byte = offset(&edited, &stale[0]["range"]["start"]);
    let end_byte = offset(&edited, &stale[0]["range"]["end"]);
    let found = actions(&mut client, &uri, &edited, (start_byte, end_byte));
    let reanchor = found
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Re-anchor T1"))
        .unwrap_or_else(|| panic!("{found:?}"));
    let on_disk = std::fs::read_to_string(&ann).unwrap();
    let fixed = apply(&on_disk, &reanchor["edit"]["changes"][&ann_uri]);
    let (hs, he) = cps(&edited, "Harbour Light");
    assert!(
        fixed.starts_with(&format!("T1\tPerson {hs} {he}\tHarbour Light\n")),
        "{fixed}"
    );
    assert!(
        fixed.contains("AnnotatorNotes T1"),
        "nothing else dropped: {fixed}"
    );

    // The same fixes are offered in the `.ann` document itself.
    let ann_doc_uri = client.open(&ann, &on_disk);
    let found = actions(&mut client, &ann_doc_uri, &on_disk, (0, 0));
    let reanchor = found
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Re-anchor T1"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(
        apply(&on_disk, &reanchor["edit"]["changes"][&ann_uri]),
        fixed
    );
    client.shutdown();
}

#[test]
fn malformed_lines_are_flagged_and_actions_write_and_remove_t_lines() {
    let corpus = TempCorpus::new("ann-actions");
    let config = corpus.write("corpus.toml", ON);
    let article = corpus.write("a.txt", ARTICLE);
    let (hs, he) = cps(ARTICLE, "Harbour Light");
    let ann_body = format!("T1\tPerson {hs} {he}\tHarbour Light\nthis is not brat\n");
    let ann = corpus.write("a.ann", &ann_body);
    let ann_uri = uri_of(&ann);
    let other = corpus.write(
        "b.txt",
        "Quiet day\n\n16 July 2008\n\nNothing at 北京 Metro today.\n",
    );
    let mut client = start(&corpus, json!({}));

    // Published for the closed `.ann` once indexing is done.
    let on_ann = client.diagnostics(&ann_uri, None);
    let malformed: Vec<&Value> = on_ann
        .iter()
        .filter(|d| d["code"] == "malformed-annotation")
        .collect();
    assert_eq!(malformed.len(), 1, "{on_ann:?}");
    assert_eq!(malformed[0]["range"]["start"]["line"], 1);

    let uri = client.open(&article, ARTICLE);
    let metro = ARTICLE.rfind("北京 Metro").unwrap();
    let found = actions(
        &mut client,
        &uri,
        ARTICLE,
        (metro, metro + "北京 Metro".len()),
    );
    let annotate = titled(&found, "Annotate ‘北京 Metro’ as place in a.ann");
    let change = &annotate["edit"]["documentChanges"][0];
    assert_eq!(
        change["textDocument"]["uri"],
        ann_uri.as_str(),
        "{annotate}"
    );
    let written = apply(&ann_body, &change["edits"]);
    let (ms, me) = cps(ARTICLE, "北京 Metro");
    assert_eq!(
        written,
        format!("{ann_body}T2\tPlace {ms} {me}\t北京 Metro\n"),
        "appended, the malformed line kept"
    );

    let at = ARTICLE.rfind("Harbour Light").unwrap() + 2;
    let found = actions(&mut client, &uri, ARTICLE, (at, at));
    let remove = titled(&found, "Remove annotation T1 from a.ann");
    let removed = apply(&ann_body, &remove["edit"]["documentChanges"][0]["edits"]);
    assert_eq!(removed, "this is not brat\n");

    // An article without a `.ann` gets one created.
    let b_text = std::fs::read_to_string(&other).unwrap();
    let b_uri = client.open(&other, &b_text);
    let metro = b_text.find("北京 Metro").unwrap();
    let found = actions(
        &mut client,
        &b_uri,
        &b_text,
        (metro, metro + "北京 Metro".len()),
    );
    let annotate = titled(&found, "Annotate ‘北京 Metro’ as organization in b.ann");
    let operations = &annotate["edit"]["documentChanges"];
    assert_eq!(operations[0]["kind"], "create", "{annotate}");
    assert_eq!(
        operations[0]["uri"].as_str().unwrap(),
        uri_of(&corpus.0.join("b.ann"))
    );
    let (ms, me) = cps(&b_text, "北京 Metro");
    assert_eq!(
        apply("", &operations[1]["edits"]),
        format!("T1\tOrganization {ms} {me}\t北京 Metro\n")
    );

    // Switching annotations off clears the `.ann` diagnostics.
    let config_uri = client.open(&config, ON);
    let whole_end = position(ON, ON.len());
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": config_uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": whole_end}, "text": "# curated by hand\n"}]
        }),
    );
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == ann_uri.as_str() && p["diagnostics"] == json!([])
    });
    let card = hover(&mut client, &uri, ARTICLE, "Harbour Light signed");
    assert!(!card.contains("Annotated as"), "{card}");
    client.shutdown();
}

#[test]
fn a_synced_ann_gets_one_versioned_edit_at_a_time() {
    let Annotated {
        _corpus,
        mut client,
        ann,
        uri,
        ann_uri,
        ..
    } = annotated("ann-synced", json!({"workspace": {"applyEdit": true}}));
    let disk = ann_text(ARTICLE);
    client.open(&ann, &disk);
    // A keystroke, and another once the first edit is sent, before the
    // editor's copy shows it.
    let edited = type_in_body(&mut client, &uri, 2, ARTICLE, "🎉");
    let first = client.wait_for("workspace/applyEdit", |p| edits_of(p, &ann_uri).is_some());
    let (edits, version) = edits_of(&first["params"], &ann_uri).unwrap();
    assert_eq!(version, 1, "guarded by the version the server has");
    let after_first = apply(&disk, &edits);
    assert_eq!(after_first, ann_text(&edited));
    let edited = type_in_body(&mut client, &uri, 3, &edited, "東");
    // A round trip: the server has seen both keystrokes by now.
    hover(&mut client, &uri, &edited, "Harbour Light signed");
    let second_sent = client
        .seen
        .iter()
        .filter(|m| m["method"] == "workspace/applyEdit")
        .count();
    assert_eq!(
        second_sent, 0,
        "nothing sent before the editor shows the first edit"
    );

    // The editor's copy now shows the first edit.
    ann_synced(&mut client, &ann_uri, 2, &after_first);
    let second = client.wait_for("workspace/applyEdit", |p| edits_of(p, &ann_uri).is_some());
    let (edits, version) = edits_of(&second["params"], &ann_uri).unwrap();
    assert_eq!(version, 2);
    assert_eq!(apply(&after_first, &edits), ann_text(&edited));
    client.shutdown();
}

/// The editor's synced `.ann` document takes our edit, full text.
fn ann_synced(client: &mut Client, ann_uri: &str, version: i64, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": ann_uri, "version": version},
            "contentChanges": [{"text": text}]
        }),
    );
}

#[test]
fn a_synced_ann_back_at_its_first_text_still_gets_later_edits() {
    let Annotated {
        _corpus,
        mut client,
        ann,
        uri,
        ann_uri,
        ..
    } = annotated("ann-synced-back", json!({"workspace": {"applyEdit": true}}));
    let disk = ann_text(ARTICLE);
    client.open(&ann, &disk);
    // A keystroke before both annotations; the editor answers the edit
    // before its document shows it (the test client answers at once).
    let typed = type_in_body(&mut client, &uri, 2, ARTICLE, "🎉");
    let first = client.wait_for("workspace/applyEdit", |p| edits_of(p, &ann_uri).is_some());
    let shifted = apply(&disk, &edits_of(&first["params"], &ann_uri).unwrap().0);
    assert_eq!(shifted, ann_text(&typed));
    ann_synced(&mut client, &ann_uri, 2, &shifted);

    // Deleted again: the `.ann` goes back to the text it had before the
    // first shift, and the editor's document shows it.
    let body = ARTICLE.find("The firm").unwrap();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{
                "range": {"start": position(&typed, body), "end": position(&typed, body + "🎉".len())},
                "text": ""
            }]
        }),
    );
    let second = client.wait_for("workspace/applyEdit", |p| edits_of(p, &ann_uri).is_some());
    let (edits, version) = edits_of(&second["params"], &ann_uri).unwrap();
    assert_eq!(version, 2);
    let back = apply(&shifted, &edits);
    assert_eq!(back, disk);
    // A round trip, so the answer is in before the document shows it.
    hover(&mut client, &uri, ARTICLE, "Harbour Light signed");
    ann_synced(&mut client, &ann_uri, 3, &back);

    // That was our own edit arriving: the next keystroke's shift follows.
    let typed = type_in_body(&mut client, &uri, 4, ARTICLE, "東");
    let third = client.wait_for("workspace/applyEdit", |p| edits_of(p, &ann_uri).is_some());
    let (edits, version) = edits_of(&third["params"], &ann_uri).unwrap();
    assert_eq!(version, 3);
    let shifted = apply(&back, &edits);
    assert_eq!(shifted, ann_text(&typed));
    ann_synced(&mut client, &ann_uri, 4, &shifted);
    let diagnostics = client.diagnostics(&ann_uri, Some(4));
    assert!(
        diagnostics.iter().all(|d| d["code"] != "stale-annotation"),
        "{diagnostics:?}"
    );
    client.shutdown();
}

fn has_stale(diagnostics: &Value) -> bool {
    diagnostics
        .as_array()
        .is_some_and(|ds| ds.iter().any(|d| d["code"] == "stale-annotation"))
}

/// A `.ann` the editor holds counts over the disk's, even when its article
/// enters the corpus after it was opened: from disk (a checkout brings it
/// back) or opened unsaved.
#[test]
fn an_open_ann_counts_for_an_article_that_arrives_after_it() {
    let corpus = TempCorpus::new("ann-before-article");
    corpus.write("corpus.toml", ON);
    let clean = ann_text(ARTICLE);
    let edited = clean.replace("\tHarbour Light\n", "\tHarbour Lights\n");
    let a_ann = corpus.write("a.ann", &clean);
    let mut client = start(&corpus, json!({"workspace": {"applyEdit": true}}));
    let a_ann_uri = client.open(&a_ann, &edited);
    let a = corpus.write("a.txt", ARTICLE);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&a), "type": 1}]}),
    );
    let on_ann = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == a_ann_uri.as_str() && has_stale(&p["diagnostics"])
    });
    assert!(has_stale(&on_ann["params"]["diagnostics"]), "{on_ann}");

    // The editor's new article and its `.ann`, neither saved yet.
    let b_ann = corpus.0.join("b.ann");
    client.open(&b_ann, &edited);
    let b_uri = client.open(&corpus.0.join("b.txt"), ARTICLE);
    let diagnostics = client.diagnostics(&b_uri, Some(1));
    assert!(
        diagnostics.iter().any(|d| d["code"] == "stale-annotation"),
        "{diagnostics:?}"
    );
    client.shutdown();
}

#[test]
fn annotating_every_mention_is_one_edit_resolved_on_demand() {
    let corpus = TempCorpus::new("ann-all");
    corpus.write("corpus.toml", ON);
    let article = corpus.write("a.txt", ARTICLE);
    corpus.write(
        "b.txt",
        "Harbour Light expands\n\n2 August 2008\n\nHarbour Light opened an office in Leeds. Staff at Harbour Light welcomed it.\n",
    );
    let resolving = json!({"textDocument": {"codeAction": {
        "resolveSupport": {"properties": ["edit"]}
    }}});
    let mut client = start(&corpus, resolving);
    let uri = client.open(&article, ARTICLE);
    client.diagnostics(&uri, Some(1));
    let at = ARTICLE.rfind("Harbour Light signed").unwrap() + 2;
    let listed = actions(&mut client, &uri, ARTICLE, (at, at));
    let all = listed
        .iter()
        .find(|a| {
            a["title"].as_str().is_some_and(|t| {
                t.starts_with("Annotate all 5 mentions of ‘Harbour Light’ in the corpus as ")
            })
        })
        .unwrap_or_else(|| panic!("no bulk action in {listed:?}"));
    assert!(all["edit"].is_null(), "listed without its edit: {all}");
    assert!(
        all["title"].as_str().unwrap().ends_with("(2 files)"),
        "{all}"
    );

    let resolved = client.request("codeAction/resolve", all.clone());
    let changes = resolved["edit"]["documentChanges"].as_array().unwrap();
    let created: Vec<&str> = changes
        .iter()
        .filter(|c| c["kind"] == "create")
        .map(|c| c["uri"].as_str().unwrap())
        .collect();
    let mut expected = [
        uri_of(&corpus.0.join("a.ann")),
        uri_of(&corpus.0.join("b.ann")),
    ];
    expected.sort();
    let mut created: Vec<String> = created.into_iter().map(str::to_string).collect();
    created.sort();
    assert_eq!(created, expected, "both .ann files are created: {resolved}");
    let lines: usize = changes
        .iter()
        .filter_map(|c| c["edits"].as_array())
        .flatten()
        .map(|e| {
            e["newText"].as_str().unwrap().matches("\nT").count()
                + usize::from(e["newText"].as_str().unwrap().starts_with('T'))
        })
        .sum();
    assert_eq!(lines, 5, "one T line per mention: {resolved}");
    client.shutdown();
}
