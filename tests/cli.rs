//! `corpus-lsp check` and the other commands, run as a user would.

use std::path::Path;
use std::process::Command;

fn corpus_lsp(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_corpus-lsp"))
        .args(args)
        .env("CORPUS_LSP_NO_CACHE", "1")
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// One JSON value per line, as `--format json` prints them.
fn json_rows(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn repo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// Every finding on the seeds is true: no dateline on 002 and 003, two misspelt names, and
/// the hearing on 16 July told in 000 although its dateline is 15 July.
#[test]
fn check_seeds_reports_exactly_the_real_problems() {
    let (code, stdout, stderr) = corpus_lsp(&["check", "seeds"], &repo());
    let found: Vec<(String, String)> = stdout
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(|l| {
            let (location, rest) = l.split_once(": ").unwrap();
            let code = rest.split_once('[').unwrap().1.split_once(']').unwrap().0;
            (location.to_string(), code.to_string())
        })
        .collect();
    let expected_codes = [
        "missing-dateline",
        "possible-misspelling",
        "date-after-publication",
    ];
    for (location, code) in &found {
        assert!(
            expected_codes.contains(&code.as_str()),
            "unexpected {code} at {location}:\n{stdout}"
        );
    }
    let has = |file: &str, code: &str| {
        found
            .iter()
            .any(|(l, c)| l.starts_with(&format!("seeds/{file}")) && c == code)
    };
    assert!(
        has("002_66e3bc18b3f89ab8.txt:1:1", "missing-dateline"),
        "{stdout}"
    );
    assert!(
        has("003_bd6f4ba304fde726.txt:1:1", "missing-dateline"),
        "{stdout}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|(_, c)| c == "missing-dateline")
            .count(),
        2,
        "{stdout}"
    );
    assert!(
        stdout.contains("‘Fujitu’ may be a misspelling of ‘Fujitsu’"),
        "{stdout}"
    );
    assert!(
        stdout.contains("‘Millenium’ may be a misspelling of ‘Millennium’"),
        "{stdout}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|(_, c)| c == "possible-misspelling")
            .count(),
        2,
        "{stdout}"
    );
    assert!(stderr.contains("checked 5 articles"), "{stderr}");
    assert_eq!(
        code, 1,
        "the misspellings are warnings, which fail the check"
    );
}

#[test]
fn check_json_is_one_object_per_finding() {
    let (_, stdout, _) = corpus_lsp(
        &[
            "check",
            "--format",
            "json",
            "seeds/002_66e3bc18b3f89ab8.txt",
        ],
        &repo(),
    );
    let objects = json_rows(&stdout);
    assert_eq!(objects.len(), 1, "{stdout}");
    let o = &objects[0];
    assert_eq!(o["path"], "seeds/002_66e3bc18b3f89ab8.txt");
    assert_eq!(o["code"], "missing-dateline");
    assert_eq!(o["severity"], "info");
    assert_eq!(
        (o["line"].as_u64(), o["column"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn exit_codes_follow_the_fail_on_threshold() {
    let (code, _, _) = corpus_lsp(&["check", "--fail-on", "error", "seeds"], &repo());
    assert_eq!(code, 0);
    let (code, _, _) = corpus_lsp(
        &[
            "check",
            "--fail-on",
            "info",
            "seeds/002_66e3bc18b3f89ab8.txt",
        ],
        &repo(),
    );
    assert_eq!(code, 1);
    let (code, _, _) = corpus_lsp(&["check", "seeds/002_66e3bc18b3f89ab8.txt"], &repo());
    assert_eq!(code, 0, "info does not fail by default");
    let (code, _, stderr) = corpus_lsp(&["check", "no/such/path"], &repo());
    assert_eq!(code, 2, "{stderr}");
    let (code, _, _) = corpus_lsp(&["check", "--bogus"], &repo());
    assert_eq!(code, 2);
}

#[test]
fn broken_config_fails_the_check_at_its_line() {
    let (_tmp, dir) = temp_dir("config");
    std::fs::write(dir.join("corpus.toml"), "[corpus]\nincloode = []\n").unwrap();
    std::fs::write(dir.join("a.txt"), "Headline\n\n15 July 2008\n\nBody.\n").unwrap();
    std::fs::write(dir.join("b.txt"), b"caf\xe9\n").unwrap();
    let (code, stdout, _) = corpus_lsp(&["check", "."], &dir);
    assert!(
        stdout.contains("corpus.toml:2:1: error[config-error]: unknown field `incloode`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("b.txt:1:1: warning[unreadable-file]: file is not UTF-8"),
        "{stdout}"
    );
    assert_eq!(code, 1);
}

#[test]
fn help_and_version() {
    let (code, stdout, _) = corpus_lsp(&["--help"], &repo());
    assert_eq!(code, 0);
    assert!(
        stdout.contains("check") && stdout.contains("serve"),
        "{stdout}"
    );
    let (code, stdout, _) = corpus_lsp(&["--version"], &repo());
    assert_eq!(code, 0);
    assert!(stdout.starts_with("corpus-lsp "), "{stdout}");
}

#[test]
fn check_prints_a_conflict_with_both_locations() {
    let (_tmp, dir) = temp_dir("conflict");
    std::fs::write(
        dir.join("a.txt"),
        "Harlow wins the contract\n\n15 March 2010\n\nHarlow Systems signed the contract with Kestrel Health on 2 March 2010, the company said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "Kestrel deal in doubt\n\n20 March 2010\n\nKestrel Health signed the contract with Harlow Systems on 9 March 2010, according to papers.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("c.txt"),
        "Kestrel looks back\n\n2 June 2010\n\nKestrel Health signed the contract with Harlow Systems on 21 March 2010.\n",
    )
    .unwrap();
    let (code, stdout, _) = corpus_lsp(&["check", "."], &dir);
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let on_a: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("a.txt:5:") && l.contains("warning[conflicting-event-date]"))
        .map(|(i, _)| i)
        .collect();
    // One warning for a's claim, listing both articles that disagree.
    assert_eq!(on_a.len(), 1, "{stdout}");
    let i = on_a[0];
    assert!(
        lines[i].contains("1 more claim of this event disagrees"),
        "{stdout}"
    );
    assert!(
        lines[i + 1].trim_start().starts_with("b.txt:5:1: note:"),
        "{stdout}"
    );
    assert!(
        lines[i + 2].trim_start().starts_with("c.txt:5:1: note:"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("b.txt:5:") && l.contains("[conflicting-event-date]")),
        "{stdout}"
    );
}

#[test]
fn a_curated_dateline_dates_an_undated_article() {
    let (_tmp, dir) = temp_dir("override");
    std::fs::write(
        dir.join("corpus.toml"),
        "[article.\"a.txt\"]\ndateline = \"2 September 2005\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "Depot opens in Leeds\n\nThe firm told staff on 5 September that the depot had opened.\n",
    )
    .unwrap();
    std::fs::write(dir.join("b.txt"), "Another story\n\nNothing dated here.\n").unwrap();
    let (_, stdout, _) = corpus_lsp(&["check", "."], &dir);
    assert!(
        !stdout.contains("a.txt:1:1: info[missing-dateline]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("b.txt:1:1: info[missing-dateline]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("a.txt:3:") && stdout.contains("warning[date-after-publication]"),
        "{stdout}"
    );
}

/// An article with emoji and CJK before its entities, so that code point and byte
/// offsets differ.
const HARBOUR: &str = "Harbour plan approved 🚢\n\n12 March 2024\n\n東京 🌸 Residents welcomed the decision by Northwind Shipping Company to expand the port. The Harbour Safety Act was cited by officials. Mayor Elena Brightwater said the work would start in spring.\n";

/// The code point range of the first `needle` in `text`, as brat writes it.
fn cps(text: &str, needle: &str) -> String {
    let start = text[..text.find(needle).unwrap()].chars().count();
    format!("{start} {}", start + needle.chars().count())
}

/// The `.ann` of [`HARBOUR`]: an organisation, a law (a type of no kind of
/// ours) and a discontinuous person.
fn harbour_ann() -> String {
    format!(
        "T1\tOrganization {}\tNorthwind Shipping Company\nT2\tLaw {}\tHarbour Safety Act\nT3\tPerson {};{}\tMayor Brightwater\n",
        cps(HARBOUR, "Northwind Shipping Company"),
        cps(HARBOUR, "Harbour Safety Act"),
        cps(HARBOUR, "Mayor"),
        cps(HARBOUR, "Brightwater"),
    )
}

/// A fresh folder, removed with the `TempDir`; others may read it (the
/// read-only test runs the CLI as another user).
fn temp_dir(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix(&format!("corpus-lsp-cli-{name}-"))
        .tempdir()
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let dir = tmp.path().to_path_buf();
    (tmp, dir)
}

/// A corpus under `dir/name` with [`HARBOUR`] at `news/a.txt`; with its `.ann`
/// and brat enabled when `annotated`.
fn harbour_corpus(dir: &Path, name: &str, annotated: bool) -> std::path::PathBuf {
    let root = dir.join(name);
    std::fs::create_dir_all(root.join("news")).unwrap();
    std::fs::write(root.join("news/a.txt"), HARBOUR).unwrap();
    if annotated {
        std::fs::write(
            root.join("corpus.toml"),
            "# harbour news\n[annotations]\nformat = \"brat\"\n",
        )
        .unwrap();
        std::fs::write(root.join("news/a.ann"), harbour_ann()).unwrap();
    } else {
        std::fs::write(root.join("corpus.toml"), "# harbour news\n").unwrap();
    }
    root
}

/// The text-bound annotations of a `.ann` file as (type, offsets, text).
fn ann_set(path: &Path) -> std::collections::BTreeSet<(String, String, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('T'))
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            let (kind, offsets) = fields[1].split_once(' ').unwrap();
            (kind.to_string(), offsets.to_string(), fields[2].to_string())
        })
        .collect()
}

#[test]
fn brat_export_import_round_trip() {
    let (_tmp, dir) = temp_dir("brat-round-trip");
    harbour_corpus(&dir, "a", true);
    let (code, _, stderr) = corpus_lsp(&["export", "--format", "brat", "a", "-o", "out1"], &dir);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("from 1 article to out1"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("out1/news/a.txt")).unwrap(),
        HARBOUR
    );
    let first = ann_set(&dir.join("out1/news/a.ann"));
    for (kind, needle) in [
        ("Organization", "Northwind Shipping Company"),
        ("Law", "Harbour Safety Act"),
    ] {
        assert!(
            first.contains(&(kind.into(), cps(HARBOUR, needle), needle.into())),
            "{first:?}"
        );
    }
    let person = format!("{};{}", cps(HARBOUR, "Mayor"), cps(HARBOUR, "Brightwater"));
    assert!(
        first.contains(&("Person".into(), person, "Mayor Brightwater".into())),
        "{first:?}"
    );
    let conf = std::fs::read_to_string(dir.join("out1/annotation.conf")).unwrap();
    assert!(
        conf.starts_with("[entities]\n") && conf.contains("\nLaw\n") && conf.contains("\nPerson\n"),
        "{conf}"
    );

    harbour_corpus(&dir, "b", false);
    let (code, _, stderr) = corpus_lsp(&["import", "--format", "brat", "out1", "b"], &dir);
    assert_eq!(code, 0, "{stderr}");
    let config = std::fs::read_to_string(dir.join("b/corpus.toml")).unwrap();
    assert!(
        config.starts_with("# harbour news\n")
            && config.contains("[annotations]\nformat = \"brat\""),
        "{config}"
    );
    let (code, _, stderr) = corpus_lsp(&["export", "--format", "brat", "b", "-o", "out2"], &dir);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(ann_set(&dir.join("out2/news/a.ann")), first);
}

#[test]
fn jsonl_spans_are_code_points_of_the_text() {
    let (_tmp, dir) = temp_dir("jsonl");
    harbour_corpus(&dir, "a", true);
    let (code, _, stderr) = corpus_lsp(&["export", "--format", "jsonl", "a", "-o", "out"], &dir);
    assert_eq!(code, 0, "{stderr}");
    let jsonl = std::fs::read_to_string(dir.join("out/corpus.jsonl")).unwrap();
    let lines: Vec<&str> = jsonl.lines().collect();
    assert_eq!(lines.len(), 1, "{jsonl}");
    let record: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(record["text"], HARBOUR);
    assert_eq!(record["meta"]["source"], "news/a.txt");
    let chars: Vec<char> = HARBOUR.chars().collect();
    let spans: Vec<(String, String)> = record["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert!(start < end && end <= chars.len(), "{s}");
            let text: String = chars[start..end].iter().collect();
            assert_eq!(text.trim(), text, "{s}");
            (s["label"].as_str().unwrap().to_string(), text)
        })
        .collect();
    for (label, text) in [
        ("ORG", "Northwind Shipping Company"),
        ("LAW", "Harbour Safety Act"),
        ("PER", "Mayor"),
        ("PER", "Brightwater"),
    ] {
        assert!(
            spans.contains(&(label.to_string(), text.to_string())),
            "{spans:?}"
        );
    }
}

#[test]
fn conll_tags_a_multi_word_organisation() {
    let (_tmp, dir) = temp_dir("conll");
    harbour_corpus(&dir, "a", true);
    let (code, _, stderr) = corpus_lsp(&["export", "--format", "conll", "a", "-o", "out"], &dir);
    assert_eq!(code, 0, "{stderr}");
    let conll = std::fs::read_to_string(dir.join("out/corpus.conll")).unwrap();
    assert!(conll.starts_with("-DOCSTART-"), "{conll}");
    assert!(
        conll.contains("Northwind\tB-ORG\nShipping\tI-ORG\nCompany\tI-ORG\nto\tO\n"),
        "{conll}"
    );
}

#[test]
fn import_reports_a_broken_line_and_keeps_a_different_ann() {
    let (_tmp, dir) = temp_dir("import-broken");
    harbour_corpus(&dir, "a", false);
    std::fs::create_dir_all(dir.join("src/news")).unwrap();
    let broken = format!(
        "T1\tOrganization {}\tNorthwind Shipping Company\nthis is not brat\n",
        cps(HARBOUR, "Northwind Shipping Company")
    );
    std::fs::write(dir.join("src/news/a.ann"), &broken).unwrap();
    let (code, _, stderr) = corpus_lsp(&["import", "--format", "brat", "src", "a"], &dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("src/news/a.ann:2: "), "{stderr}");
    assert!(!stderr.contains("a.ann:1: "), "{stderr}");

    std::fs::write(dir.join("src/news/a.ann"), harbour_ann()).unwrap();
    let (code, _, stderr) = corpus_lsp(&["import", "--format", "brat", "src", "a"], &dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("a/news/a.ann")).unwrap(),
        broken
    );
    let (code, _, stderr) =
        corpus_lsp(&["import", "--format", "brat", "--force", "src", "a"], &dir);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("a/news/a.ann")).unwrap(),
        harbour_ann()
    );
}

/// `entities` lists each entity once, with its other names, their counts and reasons,
/// across articles in different outlets' styles; names that only share a word stay apart.
#[test]
fn entities_lists_each_entity_once_with_its_variants() {
    let (_tmp, dir) = temp_dir("entities");
    let articles = [
        (
            "a.txt",
            "Westfield trust picks supplier\n\n  • 3 March 2009\n\nWestfield General Hospital NHS Trust has chosen Harbour Systems Ltd for its records system. Kingston Hospital is expected to follow.\n",
        ),
        (
            "b.txt",
            "LONDON, March 9 (Newswire) - Westfield General Hospital said on Monday the system would go live in May. They'll need more staff, a spokesman said.\n",
        ),
        (
            "c.txt",
            "Delay at WGH\n\nPublished: 12 March 2009 10:32\n\nStaff at WGH told Care Weekly the Harbour Systems software crashed twice. Kingston University researchers were not surprised.\n",
        ),
    ];
    for (name, text) in articles {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let (code, stdout, stderr) = corpus_lsp(&["entities", "--format", "json", "."], &dir);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_rows(&stdout);
    let row_of = |name: &str| {
        rows.iter()
            .filter(|r| {
                r["name"] == name
                    || r["variants"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|v| v["name"] == name)
            })
            .collect::<Vec<_>>()
    };
    let westfield = row_of("WGH");
    assert_eq!(westfield.len(), 1, "{stdout}");
    let westfield = westfield[0];
    assert_eq!(
        westfield["articles"].as_array().unwrap().len(),
        3,
        "{stdout}"
    );
    for name in [
        "Westfield General Hospital NHS Trust",
        "Westfield General Hospital",
    ] {
        assert_eq!(
            row_of(name),
            vec![westfield],
            "{name} is the same entity: {stdout}"
        );
    }
    let wgh = westfield["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "WGH")
        .unwrap();
    assert_eq!(wgh["mentions"], 2);
    assert!(
        wgh["reason"]
            .as_str()
            .unwrap()
            .starts_with("initials of ‘Westfield General Hospital"),
        "{wgh}"
    );
    let harbour = row_of("Harbour Systems");
    assert_eq!(harbour.len(), 1, "{stdout}");
    assert_eq!(
        harbour[0]["articles"].as_array().unwrap().len(),
        2,
        "{stdout}"
    );
    assert_ne!(
        row_of("Kingston Hospital"),
        row_of("Kingston University"),
        "{stdout}"
    );
    assert!(
        row_of("They'll").is_empty(),
        "a contraction is no entity: {stdout}"
    );
    let (_, text, _) = corpus_lsp(&["entities", "."], &dir);
    assert!(text.contains("= WGH (2): initials of"), "{text}");
}

/// `articles` gives each article's publication date and where it comes from: its
/// dateline, `corpus.toml`, or an interval inferred from its own dates.
#[test]
fn articles_lists_publication_dates_by_source() {
    let (_tmp, dir) = temp_dir("articles");
    std::fs::write(
        dir.join("corpus.toml"),
        "[article.\"c.txt\"]\ndateline = \"2 September 2005\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "Depot opens in Leeds\n\n  • 15 July 2008\n\nThe firm opened the depot on 14 July.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "Scheme reaches forty trusts\n\nThe scheme, which began in 2003, now covers 40 trusts.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("c.txt"),
        "Clinic moves\n\nThe clinic moved on 1 September, staff said.\n",
    )
    .unwrap();
    let (code, stdout, stderr) = corpus_lsp(&["articles", "--format", "json", "."], &dir);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_rows(&stdout);
    let paths: Vec<&str> = rows.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["a.txt", "b.txt", "c.txt"], "{stdout}");
    let (a, b, c) = (&rows[0], &rows[1], &rows[2]);
    assert_eq!(a["headline"], "Depot opens in Leeds");
    assert_eq!(a["dateline"], "• 15 July 2008");
    assert_eq!(a["published"]["source"], "dateline");
    assert_eq!(a["published"]["date"], "2008-07-15");
    assert_eq!(b["dateline"], serde_json::Value::Null);
    assert_eq!(b["published"]["source"], "inferred");
    assert_eq!(b["published"]["earliest"], "2003-01-01");
    assert_eq!(b["published"]["latest"], serde_json::Value::Null);
    assert!(
        b["published"]["evidence"]
            .as_str()
            .unwrap()
            .contains("2003"),
        "{b}"
    );
    assert_eq!(c["published"]["source"], "config");
    assert_eq!(c["published"]["date"], "2005-09-02");
    let (_, text, _) = corpus_lsp(&["articles", "."], &dir);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[1].starts_with("a.txt") && lines[1].contains("dateline"),
        "{text}"
    );
    assert!(
        lines[2].contains("inferred") && lines[2].contains("2003-01-01..?"),
        "{text}"
    );
    // A file lists itself alone, still dated by the corpus's settings.
    let (code, stdout, stderr) = corpus_lsp(&["articles", "--format", "json", "c.txt"], &dir);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_rows(&stdout);
    assert_eq!(rows.len(), 1, "{stdout}");
    assert_eq!(rows[0]["path"], "c.txt");
    assert_eq!(rows[0]["published"]["source"], "config");
}

/// A release with no dateline line but a lead dateline is dated by its lead; the
/// lead's place and agency are no party to its claims, and its agency is no place.
#[test]
fn a_lead_dateline_dates_the_article_and_stays_out_of_its_claims() {
    let (_tmp, dir) = temp_dir("lead");
    std::fs::write(
        dir.join("a.txt"),
        "Orbridge Software goes live at Fellmoor\n\nWINTERBOURNE, England, October 3, 2012 /PRNewswire/ -- Orbridge Software plc today announced that Fellmoor Community Trust has gone live with its Stile records system.\n\nThe system went live yesterday, Orbridge said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "A cold day in Lindwick\n\nLindwick, 3 March 2010 was the coldest day the town had recorded, the council said today.\n",
    )
    .unwrap();
    let (code, stdout, stderr) = corpus_lsp(&["articles", "--format", "json", "."], &dir);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_rows(&stdout);
    assert_eq!(rows[0]["published"]["source"], "dateline", "{stdout}");
    assert_eq!(rows[0]["published"]["date"], "2012-10-03");
    assert_eq!(
        rows[0]["dateline"],
        "WINTERBOURNE, England, October 3, 2012"
    );
    // A sentence that opens with a place and a date is no lead.
    assert_eq!(rows[1]["published"]["source"], "inferred", "{stdout}");
    let (code, stdout, stderr) = corpus_lsp(&["claims", "--format", "json", "."], &dir);
    assert_eq!(code, 0, "{stderr}");
    let rows: Vec<serde_json::Value> = json_rows(&stdout)
        .into_iter()
        .filter(|r| r["path"] == "a.txt")
        .collect();
    assert!(rows.iter().any(|r| r["value"] == "2012-10-02"), "{stdout}");
    for r in &rows {
        for p in r["parties"].as_array().unwrap() {
            assert!(
                !["WINTERBOURNE", "England", "PRNewswire"].contains(&p.as_str().unwrap()),
                "{r}"
            );
        }
    }
    let (code, stdout, stderr) = corpus_lsp(&["entities", "--format", "json", "."], &dir);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_rows(&stdout);
    let kind_of = |name: &str| {
        rows.iter()
            .find(|r| r["name"] == name)
            .map(|r| r["type"].as_str().unwrap().to_string())
    };
    assert_ne!(kind_of("PRNewswire").as_deref(), Some("place"), "{stdout}");
    assert_eq!(
        kind_of("WINTERBOURNE").as_deref(),
        Some("place"),
        "{stdout}"
    );
}

#[test]
fn claims_lists_each_dated_event_with_its_roles() {
    let (_tmp, dir) = temp_dir("claims");
    std::fs::write(
        dir.join("a.txt"),
        "Harbour wins records deal\n\n  • 15 March 2004\n\nHarbour Systems was awarded a £412 million contract by the Ministry of Health in March 2004.\n\nThe trust is due to go live in May.\n",
    )
    .unwrap();
    let (code, stdout, stderr) = corpus_lsp(&["claims", "--format", "json", "."], &dir);
    assert_eq!(code, 0, "{stderr}");
    let rows = json_rows(&stdout);
    assert_eq!(rows.len(), 2, "{stdout}");
    let award = &rows[0];
    assert_eq!(award["path"], "a.txt");
    assert_eq!(award["event"], "contract");
    assert_eq!(award["actor"], "Harbour Systems");
    assert_eq!(award["date"], "March 2004");
    assert_eq!(award["value"], "2004-03");
    assert_eq!(award["plan"], false);
    assert_eq!(award["figures"][0], 412e6);
    assert!(
        award["parties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Ministry of Health"),
        "{award}"
    );
    assert_eq!(rows[1]["event"], "go-live");
    assert_eq!(rows[1]["plan"], true);
    let (code, text, _) = corpus_lsp(&["claims", "a.txt"], &dir);
    assert_eq!(code, 0);
    assert!(
        text.starts_with("a.txt:5:") && text.contains("contract · Harbour Systems"),
        "{text}"
    );
}

/// A corpus with a finding of each shape: a conflict across two articles (related
/// locations), a weekday that does not match its date (quick fixes), an undated
/// article, and a file whose name needs escaping (space, comma, colon).
fn ci_corpus(dir: &Path) {
    std::fs::write(
        dir.join("a.txt"),
        "Quarry firm wins the contract\n\n15 March 2010\n\nOrlop Minerals signed the contract with Vantry Council on 2 March 2010, the firm said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b, part 2: council.txt"),
        "Vantry deal in doubt\n\n20 March 2010\n\nVantry Council signed the contract with Orlop Minerals on 9 March 2010, according to papers.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("c.txt"),
        "Depot plan\n\nSunday, 4 September 2005\n\nThe Brenmoor depot opened on Friday, 3 September 2005, staff said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("d.txt"),
        "An undated note\n\nNothing is dated in 100% of this.\n",
    )
    .unwrap();
}

fn json_findings(dir: &Path) -> Vec<serde_json::Value> {
    let (_, stdout, _) = corpus_lsp(&["check", "--format", "json", "."], dir);
    json_rows(&stdout)
}

#[test]
fn sarif_output_is_valid_sarif_with_the_same_findings() {
    let (_tmp, dir) = temp_dir("sarif");
    ci_corpus(&dir);
    let expected = json_findings(&dir);
    let (code, stdout, stderr) = corpus_lsp(&["check", "--format", "sarif", "."], &dir);
    let (json_code, _, _) = corpus_lsp(&["check", "--format", "json", "."], &dir);
    assert_eq!(code, json_code, "{stderr}");
    assert_eq!(code, 1, "the conflict is a warning: {stderr}");
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();

    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/sarif/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{stdout}");
    // The validator does catch a broken log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "severe".into();
    assert!(!validator.is_valid(&broken));

    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "corpus-lsp");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"conflicting-event-date"), "{rules:?}");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), expected.len(), "{stdout}");
    for (result, finding) in results.iter().zip(&expected) {
        assert_eq!(result["ruleId"], finding["code"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index], finding["code"]);
        assert_eq!(result["message"]["text"], finding["message"]);
        let level = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level);
        let location = &result["locations"][0]["physicalLocation"];
        let region = &location["region"];
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["startColumn"], finding["column"]);
        assert_eq!(region["endLine"], finding["end_line"]);
        assert_eq!(region["endColumn"], finding["end_column"]);
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(
            uri.replace("%20", " ")
                .replace("%2C", ",")
                .replace("%3A", ":"),
            finding["path"].as_str().unwrap()
        );
        let related = finding["related"].as_array().unwrap();
        match result.get("relatedLocations") {
            Some(locations) => {
                let locations = locations.as_array().unwrap();
                assert_eq!(locations.len(), related.len());
                for (l, r) in locations.iter().zip(related) {
                    assert_eq!(l["message"]["text"], r["message"]);
                    assert_eq!(l["physicalLocation"]["region"]["startLine"], r["line"]);
                }
            }
            None => assert!(related.is_empty(), "{result}"),
        }
    }
    let conflict = results
        .iter()
        .find(|r| {
            r["ruleId"] == "conflicting-event-date"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
        })
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(
        conflict["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "b%2C%20part%202%3A%20council.txt"
    );
    let weekday = results
        .iter()
        .find(|r| r["ruleId"] == "weekday-mismatch")
        .unwrap_or_else(|| panic!("{stdout}"));
    let fixes = weekday["fixes"].as_array().unwrap();
    assert!(!fixes.is_empty(), "{weekday}");
    let replacement = &fixes[0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startLine"], 5);
    assert!(
        ["Saturday", "Friday"]
            .iter()
            .any(|day| replacement["insertedContent"]["text"]
                .as_str()
                .unwrap()
                .contains(day)),
        "{weekday}"
    );
}

/// Undoes GitHub's escaping of a workflow command's property or message.
fn github_unescape(text: &str) -> String {
    text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_output_is_one_escaped_workflow_command_per_finding() {
    let (_tmp, dir) = temp_dir("github");
    ci_corpus(&dir);
    let expected = json_findings(&dir);
    let (code, stdout, stderr) = corpus_lsp(&["check", "--format", "github", "."], &dir);
    assert_eq!(code, 1, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{stdout}");
    for (line, finding) in lines.iter().zip(&expected) {
        let (head, message) = line[2..].split_once("::").unwrap();
        let (command, properties) = head.split_once(' ').unwrap();
        let want = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(command, want, "{line}");
        let properties: std::collections::BTreeMap<&str, String> = properties
            .split(',')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                assert!(!v.contains(':'), "an unescaped colon in {line}");
                (k, github_unescape(v))
            })
            .collect();
        assert_eq!(properties["file"], finding["path"].as_str().unwrap());
        assert_eq!(properties["line"], finding["line"].to_string());
        assert_eq!(properties["col"], finding["column"].to_string());
        assert_eq!(properties["endLine"], finding["end_line"].to_string());
        assert_eq!(properties["endColumn"], finding["end_column"].to_string());
        assert_eq!(
            properties["title"],
            format!("corpus-lsp {}", finding["code"].as_str().unwrap())
        );
        let message = github_unescape(message);
        assert!(
            message.starts_with(finding["message"].as_str().unwrap()),
            "{line}"
        );
        // Related locations follow on lines of their own.
        assert_eq!(
            message.lines().count(),
            1 + finding["related"].as_array().unwrap().len(),
            "{line}"
        );
    }
    assert!(
        stdout.contains("file=b%2C part 2%3A council.txt,line=5,"),
        "{stdout}"
    );
}

/// Files whose names start with `.` and end in `.tmp` under `dir`: temporary files
/// a write left behind.
fn leftover_temporaries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            out.extend(leftover_temporaries(&path));
        } else if name.starts_with('.') && name.ends_with(".tmp") {
            out.push(path);
        }
    }
    out
}

#[test]
fn an_export_inside_the_corpus_is_never_read_back_as_articles() {
    let (_tmp, dir) = temp_dir("export-inside");
    let root = harbour_corpus(&dir, "a", true);
    let (code, _, stderr) = corpus_lsp(&["check", "a"], &dir);
    assert!(stderr.contains("checked 1 article"), "{code} {stderr}");
    for format in ["brat", "jsonl", "conll"] {
        let (code, _, stderr) =
            corpus_lsp(&["export", "--format", format, "a", "-o", "a/out"], &dir);
        assert_eq!(code, 0, "{format}: {stderr}");
    }
    assert!(root.join("out/news/a.txt").is_file());
    assert!(root.join("out/.corpus-lsp-export").is_file());
    let (_, _, stderr) = corpus_lsp(&["check", "a"], &dir);
    assert!(stderr.contains("checked 1 article:"), "{stderr}");
    let (_, stdout, _) = corpus_lsp(&["articles", "--format", "json", "a"], &dir);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    // An export outside any corpus, checked on its own, is read as articles.
    let (code, _, stderr) = corpus_lsp(&["export", "--format", "brat", "a", "-o", "b"], &dir);
    assert_eq!(code, 0, "{stderr}");
    let (_, _, stderr) = corpus_lsp(&["check", "b"], &dir);
    assert!(stderr.contains("checked 1 article:"), "{stderr}");

    // Never into the corpus's root, nor a folder of its articles.
    for out in ["a", "a/news"] {
        let (code, _, stderr) = corpus_lsp(&["export", "--format", "brat", "a", "-o", out], &dir);
        assert_eq!(code, 2, "{out}: {stderr}");
        assert!(
            stderr.contains(&format!("{out}: holds articles of the corpus")),
            "{stderr}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(root.join("news/a.txt")).unwrap(),
        HARBOUR
    );
    assert!(!root.join(".corpus-lsp-export").exists());
    assert!(!root.join("news/.corpus-lsp-export").exists());
}

#[test]
fn a_failed_export_names_the_path_and_keeps_what_was_there() {
    let (_tmp, dir) = temp_dir("export-fails");
    harbour_corpus(&dir, "a", false);
    // A folder where the output file goes: no permission trick, so it fails for root too.
    std::fs::create_dir_all(dir.join("out/corpus.jsonl/kept")).unwrap();
    let (code, _, stderr) = corpus_lsp(&["export", "--format", "jsonl", "a", "-o", "out"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot write out/corpus.jsonl: "),
        "{stderr}"
    );
    assert!(dir.join("out/corpus.jsonl/kept").is_dir());
    assert_eq!(leftover_temporaries(&dir), Vec::<std::path::PathBuf>::new());
    // A file where the output folder goes.
    std::fs::write(dir.join("plain"), "kept\n").unwrap();
    let (code, _, stderr) = corpus_lsp(&["export", "--format", "jsonl", "a", "-o", "plain"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("plain"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("plain")).unwrap(),
        "kept\n"
    );
}

/// Runs the binary as a user that permissions apply to: as is, or, when the tests run
/// as root (whom permissions do not stop), as `nobody` through `setpriv`. `None` when
/// neither is possible.
fn corpus_lsp_unprivileged(args: &[&str], cwd: &Path) -> Option<(i32, String, String)> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some(corpus_lsp(args, cwd));
    }
    let run = |args: &[&str]| {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_corpus-lsp"))
            .args(args)
            .env("CORPUS_LSP_NO_CACHE", "1")
            .current_dir(cwd)
            .output()
            .ok()
    };
    // setpriv missing, or the binary out of nobody's reach.
    if !run(&["--version"])?.status.success() {
        return None;
    }
    let output = run(args)?;
    Some((
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    ))
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_fails_cleanly_and_keeps_the_originals() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, dir) = temp_dir("read-only");
    let root = harbour_corpus(&dir, "a", true);
    let original_ann = std::fs::read_to_string(root.join("news/a.ann")).unwrap();
    std::fs::create_dir_all(dir.join("src/news")).unwrap();
    let new_ann = format!(
        "T1\tOrganization {}\tNorthwind Shipping Company\n",
        cps(HARBOUR, "Northwind Shipping Company")
    );
    std::fs::write(dir.join("src/news/a.ann"), &new_ann).unwrap();
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/corpus.jsonl"), "previous export\n").unwrap();
    std::fs::write(dir.join("out/.corpus-lsp-export"), "").unwrap();
    let read_only = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    read_only(&root.join("news"), 0o555);
    read_only(&dir.join("out"), 0o555);

    let import =
        corpus_lsp_unprivileged(&["import", "--format", "brat", "--force", "src", "a"], &dir);
    let export = corpus_lsp_unprivileged(&["export", "--format", "jsonl", "a", "-o", "out"], &dir);
    read_only(&root.join("news"), 0o755);
    read_only(&dir.join("out"), 0o755);
    let (Some((import_code, _, import_err)), Some((export_code, _, export_err))) = (import, export)
    else {
        eprintln!("skipped: running as root without setpriv, so permissions cannot be denied");
        return;
    };
    assert_eq!(import_code, 2, "{import_err}");
    assert!(
        import_err.contains("cannot write ")
            && import_err.contains("a/news/a.ann: Permission denied"),
        "{import_err}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("news/a.ann")).unwrap(),
        original_ann
    );
    assert_eq!(export_code, 2, "{export_err}");
    assert!(
        export_err.contains("cannot write out/corpus.jsonl: Permission denied"),
        "{export_err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("out/corpus.jsonl")).unwrap(),
        "previous export\n"
    );
    assert_eq!(leftover_temporaries(&dir), Vec::<std::path::PathBuf>::new());
}

fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    json_rows(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn facts_rows_have_stable_keys_and_byte_spans() {
    let (_tmp, dir) = temp_dir("facts");
    let root = harbour_corpus(&dir, "a", false);
    std::fs::write(
        root.join("news/b.txt"),
        "Northwind expands\n\n2 April 2024\n\nNorthwind Shipping Company signed a £12m contract with Brightwater Council on 28 March 2024.\n",
    )
    .unwrap();
    let (code, _, stderr) = corpus_lsp(&["export", "--format", "facts", "a", "-o", "facts"], &dir);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("rows from 2 articles"), "{stderr}");
    let articles = jsonl(&dir.join("facts/articles.jsonl"));
    let paths: Vec<&str> = articles
        .iter()
        .map(|a| a["article"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["news/a.txt", "news/b.txt"]);
    assert_eq!(articles[0]["published"], "2024-03-12");

    let entities = jsonl(&dir.join("facts/entities.jsonl"));
    let ids: std::collections::HashSet<&str> = entities
        .iter()
        .map(|e| e["entity_id"].as_str().unwrap())
        .collect();
    let mentions = jsonl(&dir.join("facts/mentions.jsonl"));
    let mut northwind = 0;
    for m in &mentions {
        let text = if m["article"] == "news/a.txt" {
            HARBOUR.to_string()
        } else {
            std::fs::read_to_string(root.join("news/b.txt")).unwrap()
        };
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        // Byte offsets, even after emoji and CJK.
        assert_eq!(&text[start..end], m["text"].as_str().unwrap(), "{m}");
        let line = text[..start].matches('\n').count() + 1;
        assert_eq!(m["line"], line, "{m}");
        let kind = m["type"].as_str().unwrap();
        if ["organization", "person", "place", "product"].contains(&kind) {
            assert!(ids.contains(m["entity_id"].as_str().unwrap()), "{m}");
        }
        if m["entity_id"] == "organization:Northwind Shipping Company" {
            northwind += 1;
        }
    }
    assert_eq!(northwind, 2, "{mentions:#?}");

    let claims = jsonl(&dir.join("facts/claims.jsonl"));
    let contract = claims
        .iter()
        .find(|c| c["article"] == "news/b.txt" && c["event"] == "contract")
        .unwrap_or_else(|| panic!("{claims:#?}"));
    assert_eq!(contract["first"], "2024-03-28");
    assert!(
        contract["entity_ids"]
            .as_array()
            .unwrap()
            .contains(&"organization:Northwind Shipping Company".into()),
        "{contract}"
    );
    let figures = jsonl(&dir.join("facts/figures.jsonl"));
    let money = figures
        .iter()
        .find(|f| f["text"] == "£12m")
        .unwrap_or_else(|| panic!("{figures:#?}"));
    assert_eq!(
        (money["value"].as_f64(), money["currency"].as_str()),
        (Some(12e6), Some("GBP"))
    );
}

/// `annotate --all` writes a `T` line for every mention of the entity, under any
/// of its names, skips those already annotated on a second run, and `--remove`
/// takes them all away again.
#[test]
fn annotate_all_labels_every_mention_and_remove_undoes_it() {
    let (_tmp, dir) = temp_dir("annotate-all");
    std::fs::write(
        dir.join("a.txt"),
        "Kestrel Data wins deal\n  • 3 May 2011\n\nKestrel Data Ltd signed with the Fenwick Trust. Kestrel Data said the deal was worth £4m.\n",
    )
    .unwrap();
    let b_text = "Trust picks supplier\n  • 9 May 2011\n\nThe Fenwick Trust chose Kestrel Data for its records.\n";
    std::fs::write(dir.join("b.txt"), b_text).unwrap();
    let (code, _, stderr) = corpus_lsp(
        &["annotate", "--all", "Kestrel Data", "--as", "organization"],
        &dir,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("enabled brat annotations"), "{stderr}");
    let a = std::fs::read_to_string(dir.join("a.ann")).unwrap();
    let b = std::fs::read_to_string(dir.join("b.ann")).unwrap();
    assert_eq!(a.lines().count(), 3, "{a}");
    assert!(a.contains("\tKestrel Data Ltd\n"), "{a}");
    assert_eq!(
        b,
        format!(
            "T1\tOrganization {}\tKestrel Data\n",
            cps(b_text, "Kestrel Data")
        )
    );

    let (code, _, stderr) = corpus_lsp(
        &["annotate", "--all", "Kestrel Data", "--as", "organization"],
        &dir,
    );
    assert_eq!(code, 0);
    assert!(stderr.contains("nothing to change"), "{stderr}");

    let (code, _, stderr) = corpus_lsp(&["annotate", "--all", "Kestrel Data", "--remove"], &dir);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.join("a.ann")).unwrap(), "");

    let (code, _, stderr) = corpus_lsp(&["annotate", "--all", "Nobody Ltd", "--as", "org"], &dir);
    assert_eq!(code, 2);
    assert!(stderr.contains("no entity named ‘Nobody Ltd’"), "{stderr}");
}
