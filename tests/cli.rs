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

#[test]
fn check_seeds_reports_missing_datelines_and_nothing_else() {
    let (code, stdout, stderr) = corpus_lsp(&["check", "seeds"], &repo());
    let lines: Vec<&str> = stdout.lines().collect();
    let missing: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("[missing-dateline]"))
        .collect();
    assert_eq!(missing.len(), 2, "{stdout}");
    assert!(
        missing[0].starts_with("seeds/002_66e3bc18b3f89ab8.txt:1:1: info[missing-dateline]: "),
        "{stdout}"
    );
    assert!(
        missing[1].starts_with("seeds/003_bd6f4ba304fde726.txt:1:1: info[missing-dateline]: "),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .all(|l| !l.contains("warning[") && !l.contains("error[")),
        "nothing false on the seeds:\n{stdout}"
    );
    assert_eq!(code, 0, "info findings do not fail the check");
    assert!(stderr.contains("checked 5 articles"), "{stderr}");
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
    let (code, _, _) = corpus_lsp(&["check", "--fail-on", "info", "seeds"], &repo());
    assert_eq!(code, 1);
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
