//! `corpus-lsp check` and the other commands, run as a user would.

use std::path::Path;
use std::process::Command;

fn corpus_lsp(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_corpus-lsp"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
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
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
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
    let dir = std::env::temp_dir().join(format!("corpus-lsp-cli-config-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
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
    let _ = std::fs::remove_dir_all(&dir);
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
    let dir = std::env::temp_dir().join(format!("corpus-lsp-cli-conflict-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
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
    let (code, stdout, _) = corpus_lsp(&["check", "."], &dir);
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("a.txt:5:") && l.contains("warning[conflicting-event-date]"))
        .expect(&stdout);
    assert!(
        lines[i + 1].trim_start().starts_with("b.txt:5:1: note:"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("b.txt:5:") && l.contains("[conflicting-event-date]")),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_curated_dateline_dates_an_undated_article() {
    let dir = std::env::temp_dir().join(format!("corpus-lsp-cli-override-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
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
    let _ = std::fs::remove_dir_all(&dir);
}
