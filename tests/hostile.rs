//! Hostile corpora through `corpus-lsp check` and the server: files over the
//! size limit, a 5 MB line, NUL bytes, invalid UTF-8, a huge `corpus.toml`
//! and `.ann`, symlink loops, files coming and going during indexing, a
//! corpus root deleted under the server. Each must end with a clear
//! diagnostic or log line, never a panic or a hang. The biggest cases
//! (a 200 MB file, a million-line `.ann`) run at full size in
//! `tests/hostile.sh` (`CORPUS_LSP_HOSTILE_FULL=1`); CI runs smaller analogues.

#[allow(dead_code)]
#[path = "lsp/support.rs"]
mod support;

use serde_json::json;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Only turns a hang into a failure; never a measure of speed.
const HANG: Duration = Duration::from_secs(600);

/// Full sizes (`tests/hostile.sh`, release build) or smaller analogues
/// that keep a debug CI run short.
fn full() -> bool {
    std::env::var_os("CORPUS_LSP_HOSTILE_FULL").is_some()
}

fn size(ci: usize, full_size: usize) -> usize {
    if full() { full_size } else { ci }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn check(args: &[&str], dir: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corpus-lsp"))
        .arg("check")
        .args(args)
        .env("CORPUS_LSP_NO_CACHE", "1")
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes while waiting, so a chatty run cannot block.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        out.read_to_end(&mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).unwrap();
        s
    });
    let deadline = Instant::now() + HANG;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("corpus-lsp check {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "check {args:?} panicked:\n{}",
        run.stderr
    );
    assert!(
        [0, 1, 2].contains(&run.code),
        "check {args:?} ended with {}:\n{}",
        run.code,
        run.stderr
    );
    run
}

/// A fresh corpus folder under the system temp dir, removed when the
/// `TempDir` is dropped.
struct Scratch(PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("corpus-lsp-hostile-{name}-"))
            .tempdir()
            .unwrap();
        Scratch(tmp.path().to_path_buf(), tmp)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

const ARTICLE: &str = "Harbour Light wins Westfield deal\n\n  • 15 July 2008\n\nHarbour Light signed a £412m deal with Westfield General Hospital NHS Trust on 14 July, Ana Ruiz said.\n";

#[test]
fn a_file_over_the_size_limit_is_skipped_with_a_warning() {
    let dir = Scratch::new("size");
    dir.write("corpus.toml", "# default max_file_size: 5 MiB\n");
    dir.write("ok.txt", ARTICLE);
    let mut big = "word ".repeat(5 * 1024 * 1024 / 5).into_bytes();
    big.push(b'x');
    assert_eq!(big.len(), 5 * 1024 * 1024 + 1);
    dir.write("big.txt", &big);
    let run = check(&["."], &dir.0);
    assert!(
        run.stdout.contains("big.txt:1:1: warning[file-too-large]")
            && run.stdout.contains("5242881 bytes"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("big.txt"), "a log line: {}", run.stderr);
    // The other article is still checked.
    assert!(!run.stdout.contains("ok.txt"), "{}", run.stdout);
}

/// A 200 MB file is refused from its size alone, without reading it.
#[test]
fn a_200_megabyte_file_is_skipped() {
    if !full() {
        return;
    }
    let dir = Scratch::new("huge");
    dir.write("corpus.toml", "");
    dir.write("ok.txt", ARTICLE);
    let file = std::fs::File::create(dir.0.join("huge.txt")).unwrap();
    let mut w = std::io::BufWriter::new(file);
    let block = ARTICLE.repeat(1 << 14);
    while w.get_ref().metadata().unwrap().len() < 200 << 20 {
        std::io::Write::write_all(&mut w, block.as_bytes()).unwrap();
    }
    drop(w);
    let run = check(&["."], &dir.0);
    assert!(
        run.stdout.contains("huge.txt:1:1: warning[file-too-large]"),
        "{}",
        run.stdout
    );
}

/// Figures packed into one long line with no sentence end: every figure
/// claim meets every other (a pathological case for conflict search).
#[test]
fn a_long_line_dense_with_figures() {
    if !full() {
        return;
    }
    let dir = Scratch::new("figures");
    dir.write("corpus.toml", "");
    let unit = "Harbour Light signed a £412m deal with NHS Trust and Ana Ruiz said 12% ";
    dir.write(
        "figures.txt",
        format!("A headline\n\n{}", unit.repeat(200_000 / unit.len())),
    );
    check(&["."], &dir.0);
}

#[test]
fn a_five_megabyte_single_line_is_analysed() {
    let dir = Scratch::new("line");
    dir.write("corpus.toml", "");
    let prose = "the council met again and talked about the new road and the old bridge ";
    let line: String = prose.repeat(size(1_000_000, 5_000_000) / prose.len());
    dir.write("line.txt", format!("A headline\n\n{line}"));
    dir.write("ok.txt", ARTICLE);
    let run = check(&["--format", "json", "."], &dir.0);
    assert!(run.stdout.contains("line.txt"), "{}", run.stdout);
}

#[test]
fn nul_bytes_and_control_characters_are_text() {
    let dir = Scratch::new("nul");
    dir.write("corpus.toml", "");
    let text = "Harbour\0Light wins\0\n\n  • 15 July\0 2008\n\n\0\0\0Harbour Light signed a £412m\0 deal on 14\0July.\u{1}\u{7f}\r\r\n\0";
    dir.write("nul.txt", text);
    dir.write("zeros.txt", vec![0u8; 100_000]);
    let run = check(&["--format", "json", "."], &dir.0);
    for line in run.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["line"].as_u64().unwrap() >= 1, "{line}");
    }
}

#[test]
fn invalid_utf8_mid_file_is_reported_and_the_rest_checked() {
    let dir = Scratch::new("utf8");
    dir.write("corpus.toml", "");
    let mut bytes = ARTICLE.as_bytes().to_vec();
    let at = ARTICLE.find("deal with").unwrap();
    bytes.splice(at..at, [0xff, 0xfe, 0xc3]);
    dir.write("bad.txt", &bytes);
    dir.write("good.txt", ARTICLE.replace("14 July", "16 July"));
    let run = check(&["."], &dir.0);
    assert!(
        run.stdout.contains("bad.txt:1:1: warning[unreadable-file]")
            && run.stdout.contains(&format!("invalid byte at offset {at}")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("good.txt") && run.stdout.contains("date-after-publication"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_corpus_toml_with_100000_entities_loads() {
    let dir = Scratch::new("entities");
    let mut toml = String::from("[annotations]\nformat = \"brat\"\n");
    for i in 0..size(10_000, 100_000) {
        toml.push_str(&format!(
            "[[entity]]\nname = \"Company {i} Ltd\"\ntype = \"organization\"\naliases = [\"C{i}\"]\n"
        ));
    }
    dir.write("corpus.toml", toml);
    let article = "Company 7 Ltd wins deal\n\n  • 15 July 2008\n\nCompany 42 Ltd (C42) and C7 signed a deal on 14 July.\n";
    dir.write("a.txt", article);
    // Many annotations, each looked up among the curated names.
    let mut ann = String::new();
    for i in 1..=size(2_000, 100_000) {
        ann.push_str(&format!("T{i}\tOrganization 0 13\tCompany 7 Ltd\n"));
    }
    dir.write("a.ann", ann);
    let run = check(&["."], &dir.0);
    assert!(!run.stdout.contains("config-error"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("a.ann"),
        "annotations all apply: {}",
        run.stdout
    );
}

#[test]
fn a_million_line_ann_file_with_malformed_and_stale_lines() {
    let dir = Scratch::new("ann");
    dir.write("corpus.toml", "[annotations]\nformat = \"brat\"\n");
    dir.write("a.txt", ARTICLE);
    let mut ann = String::new();
    let lines = size(20_000, 1_000_000);
    for i in 1..=lines {
        ann.push_str(&format!("T{i}\tOrganization 0 13\tHarbour Light\n"));
    }
    ann.push_str(&format!("T{}\tPerson", lines + 1));
    ann.push_str(" 0 5\tNobody\nnot a line\nA1\tNegated T999999\n");
    dir.write("a.ann", ann);
    let run = check(&["."], &dir.0);
    for code in ["stale-annotation", "malformed-annotation"] {
        assert!(run.stdout.contains(code), "{code}: {}", run.stdout);
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = Scratch::new("links");
    dir.write("corpus.toml", "");
    dir.write("sub/a.txt", ARTICLE);
    symlink(&dir.0, dir.0.join("sub/loop")).unwrap();
    symlink("self.txt", dir.0.join("self.txt")).unwrap();
    symlink("b.txt", dir.0.join("a.txt")).unwrap();
    symlink("a.txt", dir.0.join("b.txt")).unwrap();
    let run = check(&["."], &dir.0);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // A looping path named on the command line is a usage error.
    let run = check(&["self.txt"], &dir.0);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("self.txt"), "{}", run.stderr);
}

#[test]
fn files_coming_and_going_during_indexing() {
    let dir = Scratch::new("churn");
    dir.write("corpus.toml", "");
    for i in 0..200 {
        dir.write(&format!("a{i:03}.txt"), ARTICLE);
    }
    let root = dir.0.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churn = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let i = n % 200;
                let path = root.join(format!("a{i:03}.txt"));
                let _ = std::fs::remove_file(&path);
                let _ = std::fs::write(root.join(format!("new{}.txt", n % 50)), ARTICLE);
                // Sometimes cut mid-character: a file caught half written.
                let _ = std::fs::write(
                    &path,
                    &ARTICLE.as_bytes()[..(n as usize * 7) % ARTICLE.len()],
                );
                let _ = std::fs::remove_file(root.join(format!("new{}.txt", (n + 25) % 50)));
                n += 1;
            }
        })
    };
    for _ in 0..2 {
        check(&["."], &dir.0);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    churn.join().unwrap();
}

/// The server keeps answering when its corpus folder is deleted under it,
/// and exits cleanly.
#[test]
fn the_server_survives_its_corpus_root_being_deleted() {
    let dir = Scratch::new("deleted");
    dir.write("corpus.toml", "");
    let a = dir.write("a.txt", ARTICLE);
    let b = dir.write("b.txt", ARTICLE.replace("£412m", "£413m"));
    let (mut client, _) = support::Client::start(Some(&dir.0), json!({}));
    let uri_a = client.open(&a, ARTICLE);
    client.diagnostics(&uri_a, Some(1));
    std::fs::remove_dir_all(&dir.0).unwrap();
    let uri_b = support::uri(&b);
    let root_toml = support::uri(&dir.0.join("corpus.toml"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [
            {"uri": uri_b, "type": 3},
            {"uri": root_toml, "type": 3},
            {"uri": support::uri(&dir.0.join("c.txt")), "type": 1},
            {"uri": support::uri(&dir.0.join("corpus.toml")), "type": 2},
        ]}),
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri_a, "version": 2},
               "contentChanges": [{"text": format!("{ARTICLE}More text.\n")}]}),
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri_a}}),
    );
    client.diagnostics(&uri_a, Some(2));
    for (method, params) in [
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": uri_a}, "position": {"line": 4, "character": 2}}),
        ),
        (
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri_a}}),
        ),
        ("workspace/symbol", json!({"query": "Harbour"})),
        (
            "textDocument/references",
            json!({"textDocument": {"uri": uri_a}, "position": {"line": 4, "character": 2}, "context": {"includeDeclaration": true}}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri_a}, "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 13}}, "context": {"diagnostics": []}}),
        ),
    ] {
        let response = client.request_raw(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
    }
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri_a}}),
    );
    assert_eq!(client.shutdown(), 0);
}
