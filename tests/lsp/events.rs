//! Event claims over stdio: the hover on a date that dates an event, and
//! `conflicting-event-date` following edits.

use crate::support::{Client, TempCorpus, position};
use serde_json::{Value, json};

const A: &str = "Westfield goes live\n\n  • 6 October 2009\n\nWestfield went live on 3 October, the trust said.\n";
const B: &str = "Records system switched on\n\n  • 9 October 2009\n\nThe patient-records system went live on 2 October 2009 at Westfield General Hospital, according to board papers.\n";
const C: &str = "A quiet go-live\n\n  • 20 October 2009\n\nWestfield General Hospital went live with the records system on 3 October 2009.\n";

fn hover(client: &mut Client, uri: &str, at: Value) -> String {
    let result = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": at}),
    );
    result["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_dated_claim_shows_the_other_tellings_and_the_outlier_is_warned() {
    let corpus = TempCorpus::new("events-hover");
    let paths: Vec<_> = [("a.txt", A), ("b.txt", B), ("c.txt", C)]
        .iter()
        .map(|(f, t)| corpus.write(f, t))
        .collect();
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::start(Some(&corpus.0), caps);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let a = client.open(&paths[0], A);
    let b = client.open(&paths[1], B);

    let at = position(A, A.find("3 October").unwrap() + 1);
    let card = hover(&mut client, &a, at);
    assert!(card.contains("**went live** · Westfield"), "{card}");
    let told = card.split("Also told in:").nth(1).expect(&card);
    let lines: Vec<&str> = told.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(lines.len(), 2, "{card}");
    // Oldest first; the 2 October telling contradicts this one.
    assert!(
        lines[0].contains("⚠ conflicts") && lines[0].contains("Records system switched on"),
        "{card}"
    );
    assert!(
        !lines[1].contains("conflicts") && lines[1].contains("A quiet go-live"),
        "{card}"
    );

    // Two articles say 3 October: only the 2 October one is warned.
    let on_b = client.diagnostics(&b, None);
    assert!(
        codes(&on_b).contains(&"conflicting-event-date".to_string()),
        "{on_b:?}"
    );
    let on_a = client.diagnostics(&a, None);
    assert!(
        !codes(&on_a).contains(&"conflicting-event-date".to_string()),
        "{on_a:?}"
    );

    // Corrected, the warning goes.
    let fixed = B.replace("2 October 2009", "3 October 2009");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": b, "version": 2},
               "contentChanges": [{"text": fixed}]}),
    );
    let on_b = client.diagnostics(&b, Some(2));
    assert!(
        !codes(&on_b).contains(&"conflicting-event-date".to_string()),
        "{on_b:?}"
    );
    assert_eq!(client.shutdown(), 0);
}

/// A `corpus.toml` changed on disk (a checkout, another editor) that
/// excludes articles takes them out of the index, as a save does: their
/// claims no longer conflict with an open article's.
#[test]
fn an_exclude_written_on_disk_takes_articles_out_of_the_index() {
    let corpus = TempCorpus::new("events-exclude-on-disk");
    let paths: Vec<_> = [("a.txt", A), ("b.txt", B), ("c.txt", C)]
        .iter()
        .map(|(f, t)| corpus.write(f, t))
        .collect();
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::start(Some(&corpus.0), caps);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let b = client.open(&paths[1], B);
    let on_b = client.diagnostics(&b, None);
    assert!(
        codes(&on_b).contains(&"conflicting-event-date".to_string()),
        "{on_b:?}"
    );

    let toml = corpus.write(
        "corpus.toml",
        "[corpus]\nexclude = [\"a.txt\", \"c.txt\"]\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": crate::support::uri(&toml), "type": 1}]}),
    );
    let on_b = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == b.as_str()
            && !codes(p["diagnostics"].as_array().unwrap())
                .contains(&"conflicting-event-date".to_string())
    });
    assert_eq!(on_b["params"]["uri"], b.as_str());
    assert_eq!(client.shutdown(), 0);
}
