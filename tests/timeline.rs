//! `corpus-lsp timeline`: the page's structure on an invented corpus (tests/timeline/corpus):
//! lanes, marks, the conflict, the undated article's range, links, and escaping.

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/timeline/corpus")
        .canonicalize()
        .unwrap()
}

fn timeline(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_corpus-lsp"))
        .arg("timeline")
        .args(args)
        .env("CORPUS_LSP_NO_CACHE", "1")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn page(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("timeline.html");
    let root = corpus();
    let mut all = vec![root.to_str().unwrap(), "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let (code, _, stderr) = timeline(&all);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("wrote "), "{stderr}");
    std::fs::read_to_string(out).unwrap()
}

/// The start tags of the SVG's elements whose class list holds every one of `classes`.
fn elements<'a>(html: &'a str, classes: &[&str]) -> Vec<&'a str> {
    let tag = Regex::new(r#"<([a-z]+)\b[^>]*\bclass="([^"]*)"[^>]*>"#).unwrap();
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    tag.captures_iter(svg)
        .filter(|c| {
            let have: Vec<&str> = c[2].split(' ').collect();
            classes.iter().all(|want| have.contains(want))
        })
        .map(|c| c.get(0).unwrap().as_str())
        .collect()
}

fn lanes(html: &str) -> Vec<String> {
    let lane = Regex::new(r#"<g class="lane" data-entity="([^"]*)">"#).unwrap();
    lane.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// Each claim mark's link (its href) and tooltip, in page order.
fn marks(html: &str) -> Vec<(String, String)> {
    let mark = Regex::new(
        r#"(?s)<a class="claim-link" href="([^"]*)" data-path="[^"]*" data-line="\d+"><(?:circle|rect) class="claim[^"]*"[^>]*><title>(.*?)</title>"#,
    )
    .unwrap();
    mark.captures_iter(html)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}

#[test]
fn lanes_marks_conflicts_and_undated_ranges() {
    let html = page(&[]);
    let root = corpus();
    // Self-contained: nothing fetched, scripts only under the page's own policy.
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none';"));
    for fetch in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(fetch), "the page fetches {fetch}");
    }
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("<svg").count(), 1);

    // One lane per actor, busiest first: Orlop's three claims, Kestrel's.
    let lanes = lanes(&html);
    assert_eq!(lanes[0], "Orlop Minerals", "{lanes:?}");
    assert!(
        lanes.iter().any(|l| l.starts_with("Kestrel Freight")),
        "{lanes:?}"
    );
    assert_eq!(elements(&html, &["lane", "undated-lane"]).len(), 1);

    // Every claim is a mark linked to its article's line.
    let marks = marks(&html);
    assert_eq!(marks.len(), elements(&html, &["claim"]).len());
    assert!(marks.len() >= 6, "{marks:#?}");
    let a_url = format!(
        "file://{}#L5",
        root.join("a_orlop_signs.txt").to_str().unwrap()
    );
    let (_, a_tip) = marks
        .iter()
        .find(|(href, _)| *href == a_url)
        .unwrap_or_else(|| panic!("no mark links to {a_url}: {marks:#?}"));
    assert!(a_tip.contains("2 March 2010 (2010-03-02)"), "{a_tip}");
    assert!(
        a_tip.contains("Orlop Minerals signed the contract with Vantry Council on 2 March 2010"),
        "{a_tip}"
    );

    // The contract signed on 2 and on 9 March: both marks red, both sources listed once.
    let conflicting = elements(&html, &["claim", "conflict"]);
    assert_eq!(conflicting.len(), 2, "{conflicting:#?}");
    assert_eq!(html.matches("<li class=\"conflict\">").count(), 1);
    let item = html
        .split("<li class=\"conflict\">")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(
        item.contains("a_orlop_signs.txt:5</a> ‘2 March 2010’"),
        "{item}"
    );
    assert!(
        item.contains("b_contract_questioned.txt:5</a> ‘9 March 2010’"),
        "{item}"
    );
    assert!(a_tip.contains("conflict: a_orlop_signs.txt:5 ‘2 March 2010’ (2010-03-02) against b_contract_questioned.txt:5 ‘9 March 2010’ (2010-03-09)"), "{a_tip}");

    // The undated review, drawn at its inferred interval, linked to the article.
    let ranges = elements(&html, &["undated"]);
    assert_eq!(ranges.len(), 1, "{ranges:#?}");
    let range = html
        .split("<a class=\"undated-link\" ")
        .nth(1)
        .unwrap()
        .split("</a>")
        .next()
        .unwrap();
    assert!(
        range.contains(&format!(
            "href=\"file://{}#L1\"",
            root.join("e_undated_review.txt").to_str().unwrap()
        )),
        "{range}"
    );
    assert!(
        range.contains("e_undated_review.txt — published 2010-"),
        "{range}"
    );
    let width = Regex::new(r#"width="([0-9.]+)""#).unwrap();
    let w: f64 = width.captures(range).unwrap()[1].parse().unwrap();
    assert!(w >= 4.0, "{range}");

    // A year/month axis.
    let ticks: Vec<&str> = Regex::new(r#"<text class="tick-label"[^>]*>([^<]*)</text>"#)
        .unwrap()
        .captures_iter(&html)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(ticks.len() >= 3 && ticks.len() <= 13, "{ticks:?}");
    assert!(ticks.iter().any(|t| t.ends_with("2010")), "{ticks:?}");
}

#[test]
fn hostile_text_is_escaped() {
    let html = page(&[]);
    // The headline of b is `<script>alert("pwned")</script> & Vantry's <b>contract</b>`.
    assert!(!html.contains("<script>alert"), "unescaped headline");
    assert!(!html.contains("<b>contract"), "unescaped headline");
    assert!(html.contains(
        "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Vantry&#39;s &lt;b&gt;contract&lt;/b&gt;"
    ));
    // The only script is the page's own, under its nonce.
    let script = Regex::new(r#"<script nonce="([A-Za-z0-9]+)">"#).unwrap();
    let nonce = &script.captures(&html).expect("the page's script")[1];
    assert!(html.contains(&format!("script-src 'nonce-{nonce}'")));
}

#[test]
fn one_entity_by_any_name() {
    let html = page(&["--entity", "kestrel freight"]);
    assert!(
        html.contains("<title>Timeline of Kestrel Freight"),
        "{html}"
    );
    let lanes = lanes(&html);
    assert!(lanes[0].starts_with("Kestrel Freight"), "{lanes:?}");
    assert!(!lanes.iter().any(|l| l == "Orlop Minerals"), "{lanes:?}");
    let marks = marks(&html);
    assert!(!marks.is_empty());
    assert!(
        marks.iter().all(|(_, tip)| tip.contains("Kestrel Freight")),
        "{marks:#?}"
    );
    // Its undated article, where it is mentioned.
    assert_eq!(elements(&html, &["undated"]).len(), 1);
    assert!(!html.contains("class=\"note bounded\""));
}

#[test]
fn nonce_stdout_and_errors() {
    let root = corpus();
    let root = root.to_str().unwrap();
    let (code, stdout, stderr) = timeline(&[root, "-o", "-", "--nonce", "abc123+/="]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("script-src 'nonce-abc123+/='"));
    assert!(stdout.contains("<script nonce=\"abc123+/=\">"));
    assert!(stderr.is_empty(), "{stderr}");

    let (code, _, stderr) = timeline(&[root, "-o", "-", "--nonce", "a\"><script>"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--nonce"), "{stderr}");

    let (code, stdout, stderr) = timeline(&[root, "-o", "-", "--entity", "Nobody Atall"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("no entity named ‘Nobody Atall’"),
        "{stderr}"
    );
}

#[test]
fn lanes_are_bounded_on_a_big_corpus() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("corpus.toml"), "").unwrap();
    let firms = [
        "Abbot", "Brisk", "Carrow", "Dunmore", "Elstow", "Farleigh", "Garvel", "Hollin", "Ingram",
        "Jesmond", "Kelso", "Larkin", "Morvern", "Nairn", "Oxley", "Penrith", "Quarles", "Redmire",
        "Selby", "Thirsk", "Ulverton", "Vane", "Wexcombe", "Yarrow", "Zennor", "Ashby", "Bexley",
        "Corfe", "Denby", "Eyam", "Fowey", "Goring", "Hexham", "Ilkley", "Jarrow",
    ];
    for (i, firm) in firms.iter().enumerate() {
        std::fs::write(
            dir.path().join(format!("{i:02}.txt")),
            format!(
                "{firm} signs deal\n\n  • 20 May 2011\n\n{firm} Logistics Ltd signed a contract with \
                 Tamsin Council on {} May 2011.\n",
                i % 28 + 1
            ),
        )
        .unwrap();
    }
    let out = dir.path().join("out.html");
    let (code, _, stderr) = timeline(&[dir.path().to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(out).unwrap();
    assert_eq!(lanes(&html).len(), corpus_lsp::timeline::MAX_LANES);
    assert!(
        html.contains("Showing the 30 busiest of 35 entities"),
        "{}",
        &html[..html.len().min(3000)]
    );
}
