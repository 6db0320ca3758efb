//! Protocol tests: the real binary, driven over stdio.

mod annotations;
mod events;
mod identity;
mod pull;
mod support;
mod xref;

use serde_json::{Value, json};
use support::{Client, TempCorpus, seeds_dir, uri};

pub fn seed(prefix: &str) -> (std::path::PathBuf, String) {
    let dir = seeds_dir();
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

fn utf8_capabilities() -> Value {
    json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
}

#[test]
fn capabilities_and_clean_exit() {
    let (client, result) = Client::start(None, json!({}));
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["foldingRangeProvider"], true);
    assert_eq!(result["serverInfo"]["name"], "corpus-lsp");
    assert_eq!(client.shutdown(), 0);

    let (client, result) = Client::start(None, utf8_capabilities());
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(client.shutdown(), 0);
}

fn headline_symbol(client: &mut Client, uri: &str) -> Value {
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    symbols[0].clone()
}

fn change(uri: &str, version: i64, range: [u32; 4], text: &str) -> Value {
    json!({
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{
            "range": {"start": {"line": range[0], "character": range[1]}, "end": {"line": range[2], "character": range[3]}},
            "text": text
        }]
    })
}

const EMOJI_ARTICLE: &str = "Cafe\u{301} 😀 opens one branch\n\n15 July 2008\n\nThe cafe\u{301} opened a branch in Leeds on Monday.\n";

#[test]
fn incremental_edits_after_emoji_and_combining_marks_in_utf16() {
    let corpus = TempCorpus::new("utf16");
    let path = corpus.0.join("emoji.txt");
    let (mut client, _) = Client::start(Some(&corpus.0), json!({}));
    let uri = client.open(&path, EMOJI_ARTICLE);
    // "Café 😀 opens one": C a f e ◌́ space = 6 units, 😀 = 2, space = 1, "opens " = 6 → "one" at 15.
    client.notify(
        "textDocument/didChange",
        change(&uri, 2, [0, 15, 0, 18], "two"),
    );
    let headline = headline_symbol(&mut client, &uri);
    assert_eq!(headline["name"], "Cafe\u{301} 😀 opens two branch");
    // The selection range is counted in UTF-16 units: 24 characters, the emoji counting twice.
    assert_eq!(
        headline["selectionRange"]["end"],
        json!({"line": 0, "character": 25})
    );
    // Two changes in one notification: the second is positioned in the text the first made.
    let mut both = change(&uri, 3, [0, 6, 0, 8], "🎉🎉");
    let second = change(&uri, 3, [0, 11, 0, 16], "closes")["contentChanges"][0].clone();
    both["contentChanges"].as_array_mut().unwrap().push(second);
    client.notify("textDocument/didChange", both);
    let headline = headline_symbol(&mut client, &uri);
    assert_eq!(headline["name"], "Cafe\u{301} 🎉🎉 closes two branch");
    client.shutdown();
}

#[test]
fn incremental_edits_in_utf8_count_bytes() {
    let corpus = TempCorpus::new("utf8");
    let path = corpus.0.join("emoji.txt");
    let (mut client, _) = Client::start(Some(&corpus.0), utf8_capabilities());
    let uri = client.open(&path, EMOJI_ARTICLE);
    // In bytes: "Café " is 7, 😀 is 4, " opens " is 7 → "one" at 18.
    client.notify(
        "textDocument/didChange",
        change(&uri, 2, [0, 18, 0, 21], "two"),
    );
    let headline = headline_symbol(&mut client, &uri);
    assert_eq!(headline["name"], "Cafe\u{301} 😀 opens two branch");
    assert_eq!(
        headline["selectionRange"]["end"],
        json!({"line": 0, "character": 28})
    );
    client.shutdown();
}

#[test]
fn stale_versions_and_out_of_range_edits_lose_no_text() {
    let corpus = TempCorpus::new("stale");
    let path = corpus.0.join("a.txt");
    let (mut client, _) = Client::start(Some(&corpus.0), json!({}));
    let uri = client.open(&path, "Short headline\n\nBody.\n");
    client.notify(
        "textDocument/didChange",
        change(&uri, 5, [0, 0, 0, 5], "Long"),
    );
    client.notify(
        "textDocument/didChange",
        change(&uri, 3, [0, 0, 0, 4], "Stale"),
    );
    // Far past the end: clamped to the end of the document, text kept.
    client.notify(
        "textDocument/didChange",
        change(&uri, 6, [99, 0, 120, 7], "Tail sentence."),
    );
    // A request with a position out of range must not fail either.
    let hover = client.request_raw(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1000, "character": 1000}}),
    );
    assert!(hover.get("error").is_none());
    let headline = headline_symbol(&mut client, &uri);
    assert_eq!(headline["name"], "Long headline");
    // The tail was appended to the last line: the paragraph now ends after it.
    let paragraph = &headline["children"][0];
    assert_eq!(
        paragraph["range"]["end"],
        json!({"line": 3, "character": 14})
    );
    client.shutdown();
}

#[test]
fn document_symbols_on_the_seeds() {
    let expected = [
        (
            "000",
            Some("BT on track to get southern Cerner trusts"),
            Some("15 July 2008"),
        ),
        (
            "001",
            Some("Cerner contract re-set puts focus on local needs"),
            Some("6 September 2007"),
        ),
        ("002", None, None),
        (
            "003",
            Some("BT relief as NPfIT roll-outs in London due to resume"),
            None,
        ),
        (
            "004",
            Some("Talks over BT role in London primary care systems"),
            Some("4 November 2008"),
        ),
    ];
    let (mut client, _) = Client::start(Some(&seeds_dir()), json!({}));
    for (prefix, headline, dateline) in expected {
        let (path, text) = seed(prefix);
        let uri = client.open(&path, &text);
        let symbols = client.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        let symbols = symbols.as_array().unwrap();
        let top = &symbols[0];
        match headline {
            Some(headline) => {
                assert_eq!(symbols.len(), 1, "{prefix}: one headline at the top");
                assert_eq!(top["name"], headline, "{prefix}");
                assert_eq!(top["detail"], "headline");
                let children = top["children"].as_array().unwrap();
                match dateline {
                    Some(dateline) => assert_eq!(children[0]["name"], dateline, "{prefix}"),
                    None => assert_ne!(children[0]["kind"], 24, "{prefix}: no dateline (EVENT)"),
                }
                assert!(
                    children.len() > 3,
                    "{prefix}: paragraphs under the headline"
                );
            }
            None => {
                assert!(
                    symbols.iter().all(|s| s["detail"] != "headline"),
                    "{prefix}: no headline"
                );
                assert!(
                    symbols.iter().all(|s| s["kind"] != 24),
                    "{prefix}: no dateline"
                );
                assert!(
                    symbols[0]["name"]
                        .as_str()
                        .unwrap()
                        .starts_with("Fujitsu Services has officially")
                );
            }
        }
    }
    client.shutdown();
}

/// Zero-based line of the first line that starts with `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.lines()
        .position(|l| l.trim_start().starts_with(needle))
        .unwrap() as u64
}

#[test]
fn folding_ranges_cover_seed_boilerplate_and_no_article_text() {
    let cases = [
        (
            "000",
            "Subscribe to our newsletter",
            "Hextall told the House of Commons",
        ),
        (
            "001",
            "Subscribe to our newsletter",
            "“Cerner remains committed",
        ),
        (
            "003",
            "BT to resume rollout of Cerner Millennium system",
            "It’s possible that such problems",
        ),
        (
            "004",
            "Subscribe to our newsletter",
            "“These discussions are very much",
        ),
    ];
    let (mut client, _) = Client::start(Some(&seeds_dir()), json!({}));
    for (prefix, first_boilerplate, last_body) in cases {
        let (path, text) = seed(prefix);
        let uri = client.open(&path, &text);
        let ranges = client.request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": uri}}),
        );
        let ranges = ranges.as_array().unwrap();
        assert!(!ranges.is_empty(), "{prefix}: boilerplate folds");
        let start = line_of(&text, first_boilerplate);
        let last_line = text.lines().count() as u64 - 1;
        let body_end = line_of(&text, last_body);
        let covered = |line: u64| {
            ranges.iter().any(|r| {
                r["startLine"].as_u64().unwrap() <= line && line <= r["endLine"].as_u64().unwrap()
            })
        };
        assert!(covered(start), "{prefix}: {first_boilerplate:?} folds");
        assert!(covered(last_line), "{prefix}: the last line folds");
        for line in 0..=body_end {
            assert!(
                !covered(line),
                "{prefix}: article line {line} must not fold"
            );
        }
    }
    let (path, text) = seed("002");
    let uri = client.open(&path, &text);
    let ranges = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(ranges, json!([]), "002 has no boilerplate");
    client.shutdown();
}

#[test]
fn undated_articles_get_missing_dateline() {
    let (mut client, _) = Client::start(Some(&seeds_dir()), json!({}));
    for (prefix, dated) in [("000", true), ("002", false), ("003", false)] {
        let (path, text) = seed(prefix);
        let uri = client.open(&path, &text);
        let diagnostics = client.diagnostics(&uri, Some(1));
        let missing: Vec<_> = diagnostics
            .iter()
            .filter(|d| d["code"] == "missing-dateline")
            .collect();
        assert_eq!(
            missing.len(),
            usize::from(!dated),
            "{prefix}: {diagnostics:?}"
        );
        if let Some(d) = missing.first() {
            assert_eq!(d["severity"], 3, "Information");
            assert_eq!(d["source"], "corpus-lsp");
        }
    }
    client.shutdown();
}

#[test]
fn broken_corpus_toml_is_reported_at_its_line_and_the_server_carries_on() {
    let corpus = TempCorpus::new("broken-config");
    let config = corpus.write(
        "corpus.toml",
        "# settings\n[corpus]\ninclude = [\"**/*.txt\"\nexclude = []\n",
    );
    let article = corpus.write("a.txt", "A headline\n\nNo date in this body.\n");
    let (mut client, _) = Client::start(Some(&corpus.0), json!({}));
    let diagnostics = client.diagnostics(&uri(&config), None);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let line = diagnostics[0]["range"]["start"]["line"].as_u64().unwrap();
    assert!(
        (2..=3).contains(&line),
        "error at the unclosed array, got line {line}"
    );
    assert_eq!(diagnostics[0]["severity"], 1);
    // The article is still analysed, on the default configuration.
    let uri = client.open(&article, "A headline\n\nNo date in this body.\n");
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert!(
        diagnostics.iter().any(|d| d["code"] == "missing-dateline"),
        "{diagnostics:?}"
    );

    // Fixing the file in the editor clears the error.
    let config_uri = support::uri(&config);
    client.open(&config, "[corpus]\ninclude = [\"**/*.txt\"]\n");
    let diagnostics = client.diagnostics(&config_uri, Some(1));
    assert_eq!(diagnostics, Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn indexing_reports_work_done_progress() {
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::start(Some(&seeds_dir()), caps);
    let create = client.wait_for("window/workDoneProgress/create", |_| true);
    let token = create["params"]["token"].clone();
    let begin = client.wait_for("$/progress", |p| {
        p["token"] == token && p["value"]["kind"] == "begin"
    });
    assert_eq!(begin["params"]["value"]["percentage"], 0);
    let end = client.wait_for("$/progress", |p| {
        p["token"] == token && p["value"]["kind"] == "end"
    });
    assert!(
        end["params"]["value"]["message"]
            .as_str()
            .unwrap()
            .contains("5 articles"),
        "{end}"
    );
    let reports: Vec<_> = client
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "report")
        .collect();
    assert!(
        reports
            .iter()
            .any(|r| r["params"]["value"]["percentage"] == 100),
        "{reports:?}"
    );
    client.shutdown();
}

#[test]
fn a_non_utf8_file_gets_a_diagnostic_when_opened() {
    let corpus = TempCorpus::new("latin1");
    let path = corpus.0.join("latin1.txt");
    std::fs::write(&path, b"Caf\xe9 society\n\nA body.\n").unwrap();
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::start(Some(&corpus.0), caps);
    // Wait for indexing to finish so the skip is known.
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let uri = client.open(&path, "Café society\n\nA body.\n");
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "unreadable-file");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("not UTF-8")
    );
    client.shutdown();
}

#[test]
fn editor_settings_override_severities_live() {
    let corpus = TempCorpus::new("settings");
    let path = corpus.write("a.txt", "A headline\n\nNo date here.\n");
    let (mut client, _) = Client::start(Some(&corpus.0), json!({}));
    let uri = client.open(&path, "A headline\n\nNo date here.\n");
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(diagnostics[0]["severity"], 3);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"corpusLsp": {"diagnostics": {"severity": {"missing-dateline": "error"}}}}}),
    );
    // Publications can interleave with the end of indexing: wait for the one that
    // reflects the new setting, which must come.
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"][0]["severity"] == 1
    });
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"corpusLsp": {"diagnostics": {"severity": {"missing-dateline": "off"}}}}}),
    );
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"] == json!([])
    });
    client.shutdown();
}

/// An editor that quits at once, without answering the server's requests
/// and without `shutdown`, must not leave the server running.
#[test]
fn the_server_exits_when_the_editor_goes_away() {
    let caps = json!({
        "window": {"workDoneProgress": true},
        "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}}
    });
    for _ in 0..3 {
        let (client, _) = Client::start(Some(&seeds_dir()), caps.clone());
        client.hang_up();
    }
    // And one that says `exit` right after `initialized`.
    let (client, _) = Client::start(Some(&seeds_dir()), caps);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn huge_and_binary_documents_are_handled_without_a_crash() {
    let corpus = TempCorpus::new("huge");
    corpus.write("corpus.toml", "[corpus]\nmax_file_size = 100000\n");
    let (mut client, _) = Client::start(Some(&corpus.0), json!({}));
    let huge = "word ".repeat(40_000);
    let uri = client.open(&corpus.0.join("huge.txt"), &huge);
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(diagnostics[0]["code"], "file-too-large", "{diagnostics:?}");
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols, Value::Null);
    let binary: String = (0u8..=255).map(|b| b as char).cycle().take(5000).collect();
    let uri = client.open(&corpus.0.join("binary.txt"), &binary);
    client.diagnostics(&uri, Some(1));
    let hover = client.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 9999}}),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    client.shutdown();
}

/// A file that `corpus.toml` excludes is no article, in the editor as in
/// `check`: opening it publishes no findings, though alone it would have one.
#[test]
fn an_excluded_file_opened_in_the_editor_has_no_findings() {
    let corpus = TempCorpus::new("excluded-open");
    corpus.write("corpus.toml", "[corpus]\nexclude = [\"drafts/**\"]\n");
    let text = "Depot opens\n\n  • 15 July 2008\n\nThe depot opened on Friday 23 January 2005.\n";
    let draft = corpus.write("drafts/a.txt", text);
    let kept = corpus.write("b.txt", text);
    let (mut client, _) = Client::start(Some(&corpus.0), json!({}));
    let on_kept = client.open(&kept, text);
    let diagnostics = client.diagnostics(&on_kept, Some(1));
    assert!(
        diagnostics.iter().any(|d| d["code"] == "weekday-mismatch"),
        "{diagnostics:?}"
    );
    let on_draft = client.open(&draft, text);
    let diagnostics = client.diagnostics(&on_draft, Some(1));
    assert_eq!(diagnostics, Vec::<Value>::new());
    client.shutdown();
}
