//! Pull diagnostics over stdio: reports with result ids for clients that
//! pull and can be told to pull again, publications for the others.

use crate::support::{Client, TempCorpus, uri};
use serde_json::{Value, json};

const A: &str = "Westfield goes live\n\n  • 6 October 2009\n\nWestfield went live on 3 October, the trust said.\n";
const B: &str = "Records system switched on\n\n  • 9 October 2009\n\nThe patient-records system went live on 2 October 2009 at Westfield General Hospital, according to board papers.\n";
const C: &str = "A quiet go-live\n\n  • 20 October 2009\n\nWestfield General Hospital went live with the records system on 3 October 2009.\n";
const UNDATED: &str =
    "Trust names a new chief executive\n\nThe trust named a new chief executive on Monday.\n";

fn pulling() -> Value {
    json!({
        "window": {"workDoneProgress": true},
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true},
                      "didChangeWatchedFiles": {"dynamicRegistration": true}}
    })
}

fn corpus(name: &str) -> (TempCorpus, Vec<String>) {
    let corpus = TempCorpus::new(name);
    corpus.write("corpus.toml", "# pull\n");
    let uris = [("a.txt", A), ("b.txt", B), ("c.txt", C), ("d.txt", UNDATED)]
        .iter()
        .map(|(f, t)| uri(&corpus.write(f, t)))
        .collect();
    (corpus, uris)
}

fn codes(items: &Value) -> Vec<String> {
    items
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| d["code"].as_str().unwrap_or("").to_string())
        })
        .into_iter()
        .flatten()
        .collect()
}

/// The report of each file in a workspace report, by URI.
fn by_uri(report: &Value) -> std::collections::BTreeMap<String, Value> {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["uri"].as_str().unwrap().to_string(), i.clone()))
        .collect()
}

fn previous_ids(reports: &std::collections::BTreeMap<String, Value>) -> Value {
    reports
        .iter()
        .map(|(uri, r)| json!({"uri": uri, "value": r["resultId"]}))
        .collect()
}

fn document_report(client: &mut Client, uri: &str, previous: Option<&Value>) -> Value {
    client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": previous}),
    )
}

#[test]
fn the_workspace_report_covers_unopened_articles_and_answers_unchanged_after() {
    let (corpus, uris) = corpus("pull-workspace");
    let (mut client, init) = Client::start(Some(&corpus.0), pulling());
    let provider = &init["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["workspaceDiagnostics"], true, "{provider}");
    assert_eq!(provider["interFileDependencies"], true, "{provider}");
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");

    let first = by_uri(&client.request("workspace/diagnostic", json!({"previousResultIds": []})));
    for uri in &uris {
        assert_eq!(first[uri]["kind"], "full", "{uri}: {first:?}");
    }
    // Nothing is open: the cross-article conflict and the missing
    // dateline are reported all the same.
    assert!(codes(&first[&uris[1]]["items"]).contains(&"conflicting-event-date".into()));
    assert!(codes(&first[&uris[3]]["items"]).contains(&"missing-dateline".into()));
    let config = uri(&corpus.0.join("corpus.toml"));
    assert!(first.contains_key(&config), "{:?}", first.keys());

    let again = by_uri(&client.request(
        "workspace/diagnostic",
        json!({"previousResultIds": previous_ids(&first)}),
    ));
    for (uri, report) in &again {
        assert_eq!(report["kind"], "unchanged", "{uri}");
        assert_eq!(report["resultId"], first[uri]["resultId"], "{uri}");
    }

    // Correcting b's date changes its findings: the client is asked to
    // pull again, and b comes back in full while the others are unchanged.
    let b = uris[1].clone();
    client.open(&corpus.0.join("b.txt"), B);
    let fixed = B.replace("2 October 2009", "3 October 2009");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": b, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    client.wait_for("workspace/diagnostic/refresh", |_| true);
    let after = by_uri(&client.request(
        "workspace/diagnostic",
        json!({"previousResultIds": previous_ids(&first)}),
    ));
    assert_eq!(after[&b]["kind"], "full", "{:?}", after[&b]);
    assert_eq!(after[&b]["version"], 2);
    assert!(!codes(&after[&b]["items"]).contains(&"conflicting-event-date".into()));
    assert_eq!(after[&uris[3]]["kind"], "unchanged");

    // A deleted article is cleared once.
    std::fs::remove_file(corpus.0.join("d.txt")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uris[3], "type": 3}]}),
    );
    client.wait_for("workspace/diagnostic/refresh", |_| true);
    let gone = by_uri(&client.request(
        "workspace/diagnostic",
        json!({"previousResultIds": previous_ids(&after)}),
    ));
    assert_eq!(gone[&uris[3]]["kind"], "full");
    assert_eq!(gone[&uris[3]]["items"], json!([]));

    // Pulled, never pushed as well.
    client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": b}}),
    );
    let pushed: Vec<&Value> = client
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(pushed.is_empty(), "{pushed:?}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn an_edit_reaches_the_closed_articles_telling_the_same_event() {
    let corpus = TempCorpus::new("pull-neighbours");
    corpus.write("corpus.toml", "# pull\n");
    let a = uri(&corpus.write("a.txt", C));
    let b_path = corpus.write("b.txt", A);
    let b = uri(&b_path);
    let other = uri(&corpus.write("d.txt", UNDATED));
    let (mut client, _) = Client::start(Some(&corpus.0), pulling());
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let first = by_uri(&client.request("workspace/diagnostic", json!({"previousResultIds": []})));
    assert!(!codes(&first[&a]["items"]).contains(&"conflicting-event-date".into()));

    // b now dates the go-live a day later: a, never opened, disagrees
    // with it, and its report comes back in full with the warning.
    client.open(&b_path, A);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": b, "version": 2},
               "contentChanges": [{"text": A.replace("3 October", "4 October")}]}),
    );
    client.wait_for("workspace/diagnostic/refresh", |_| true);
    let after = by_uri(&client.request(
        "workspace/diagnostic",
        json!({"previousResultIds": previous_ids(&first)}),
    ));
    assert_eq!(after[&a]["kind"], "full", "{:?}", after[&a]);
    assert!(
        codes(&after[&a]["items"]).contains(&"conflicting-event-date".into()),
        "{:?}",
        after[&a]
    );
    assert_eq!(after[&other]["kind"], "unchanged");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_document_report_is_unchanged_until_an_edit_changes_its_findings() {
    let (corpus, uris) = corpus("pull-document");
    let (mut client, _) = Client::start(Some(&corpus.0), pulling());
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let d = client.open(&corpus.0.join("d.txt"), UNDATED);
    assert_eq!(d, uris[3]);

    let first = document_report(&mut client, &d, None);
    assert_eq!(first["kind"], "full");
    assert!(
        codes(&first["items"]).contains(&"missing-dateline".into()),
        "{first}"
    );
    let id = first["resultId"].clone();
    assert!(id.is_string(), "{first}");
    let same = document_report(&mut client, &d, Some(&id));
    assert_eq!(same, json!({"kind": "unchanged", "resultId": id}));

    // A dateline: the finding goes, and the report is full again.
    let dated = UNDATED.replace("\n\n", "\n\n  • 12 October 2009\n\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": d, "version": 2}, "contentChanges": [{"text": dated}]}),
    );
    let edited = document_report(&mut client, &d, Some(&id));
    assert_eq!(edited["kind"], "full", "{edited}");
    assert_ne!(edited["resultId"], id);
    assert!(
        !codes(&edited["items"]).contains(&"missing-dateline".into()),
        "{edited}"
    );

    // A closed article can be pulled too: the corpus's findings.
    let b = document_report(&mut client, &uris[1], None);
    assert!(
        codes(&b["items"]).contains(&"conflicting-event-date".into()),
        "{b}"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn clients_that_cannot_be_asked_to_pull_again_get_diagnostics_pushed() {
    // A push-only client, and one that pulls but takes no refresh
    // (Neovim 0.11): both are pushed to, and offered no pull.
    let pull_without_refresh = json!({"textDocument": {"diagnostic": {}}});
    for caps in [json!({}), pull_without_refresh] {
        let (corpus, _) = corpus("pull-push");
        let (mut client, init) = Client::start(Some(&corpus.0), caps.clone());
        assert!(
            init["capabilities"].get("diagnosticProvider").is_none(),
            "{caps}: {init}"
        );
        let d = client.open(&corpus.0.join("d.txt"), UNDATED);
        let wanted = "missing-dateline".to_string();
        let message = client.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == d && codes(&p["diagnostics"]).contains(&wanted)
        });
        assert_eq!(message["params"]["version"], 1, "{caps}");
        assert_eq!(client.shutdown(), 0);
    }
}
