//! The analysis cache, through the CLI: warm runs say what cold ones say,
//! a damaged cache is ignored with one log line, `--no-cache` writes
//! nothing, and `cache clear` empties it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    cache: PathBuf,
}

impl Fixture {
    /// The seed corpus copied to a temporary folder, with its own cache.
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("corpus");
        let cache = tmp.path().join("cache");
        fs::create_dir_all(&root).unwrap();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
        for entry in fs::read_dir(seeds).unwrap().flatten() {
            fs::copy(entry.path(), root.join(entry.file_name())).unwrap();
        }
        Fixture {
            _tmp: tmp,
            root,
            cache,
        }
    }

    /// Runs the CLI with this fixture's cache: (stdout, stderr).
    fn run(&self, args: &[&str]) -> (String, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_corpus-lsp"))
            .args(args)
            .env("CORPUS_LSP_CACHE_DIR", &self.cache)
            .env_remove("CORPUS_LSP_NO_CACHE")
            .env("RUST_LOG", "corpus_lsp=info")
            .current_dir(&self.root)
            .output()
            .unwrap();
        let code = output.status.code().unwrap_or(-1);
        assert!(code == 0 || code == 1, "exit {code}: {args:?}");
        (
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }

    fn check(&self, extra: &[&str]) -> (String, String) {
        let mut args = vec!["check", ".", "--format", "json"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        match fs::read_dir(&self.cache) {
            Ok(read) => read.flatten().map(|e| e.path()).collect(),
            Err(_) => Vec::new(),
        }
    }

    fn cache_file(&self) -> PathBuf {
        let files = self.cache_files();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }

    fn articles(&self) -> Vec<PathBuf> {
        let mut files: Vec<_> = fs::read_dir(&self.root)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        files
    }
}

fn reused(stderr: &str) -> &str {
    stderr
        .lines()
        .find(|l| l.contains("articles reused"))
        .unwrap_or("(no cache line)")
}

#[test]
fn warm_runs_equal_cold_ones_across_edits() {
    let f = Fixture::new();
    let n = f.articles().len();
    let (cold, err) = f.check(&[]);
    assert!(
        reused(&err).contains(&format!("0 of {n} articles")),
        "{err}"
    );
    assert!(!cold.is_empty());
    let (warm, err) = f.check(&[]);
    assert!(
        reused(&err).contains(&format!("{n} of {n} articles")),
        "{err}"
    );
    assert_eq!(warm, cold);
    // Edits between runs: one article changed, one removed, one added.
    let articles = f.articles();
    let text = fs::read_to_string(&articles[0]).unwrap();
    let edited = text.replacen(
        ". ",
        ". Officials met on Tuesday with Northwind Traders. ",
        1,
    );
    assert_ne!(edited, text);
    fs::write(&articles[0], edited).unwrap();
    fs::remove_file(&articles[1]).unwrap();
    fs::write(
        f.root.join("new.txt"),
        "A new article\n\nLONDON, 3 March 2009 - It rained.\n",
    )
    .unwrap();
    let (warm, err) = f.check(&[]);
    assert!(
        reused(&err).contains(&format!("{} of {n} articles", n - 2)),
        "{err}"
    );
    let (fresh, _) = f.check(&["--no-cache"]);
    assert_eq!(warm, fresh);
    assert_ne!(warm, cold);
    let (warm_again, _) = f.check(&[]);
    assert_eq!(warm_again, fresh);
    // Other commands read it too.
    let (entities, err) = f.run(&["entities", "--format", "json"]);
    assert!(
        reused(&err).contains(&format!("{n} of {n} articles")),
        "{err}"
    );
    let (entities_fresh, _) = f.run(&["entities", "--format", "json", "--no-cache"]);
    assert_eq!(entities, entities_fresh);
}

/// Damages the cache file, and checks the next run says so once, reuses
/// nothing, and reports what a run without a cache does.
fn damaged(change: impl Fn(&mut Vec<u8>), why: &str) {
    let f = Fixture::new();
    let (cold, _) = f.check(&[]);
    let file = f.cache_file();
    let mut bytes = fs::read(&file).unwrap();
    change(&mut bytes);
    fs::write(&file, bytes).unwrap();
    let (out, err) = f.check(&[]);
    assert_eq!(out, cold);
    let ignoring: Vec<_> = err
        .lines()
        .filter(|l| l.contains("ignoring the analysis cache"))
        .collect();
    assert_eq!(ignoring.len(), 1, "{err}");
    assert!(ignoring[0].contains(why), "{err}");
    assert!(reused(&err).contains(" 0 of "), "{err}");
    // And it was written anew.
    let (out, err) = f.check(&[]);
    assert_eq!(out, cold);
    assert!(!reused(&err).contains(" 0 of "), "{err}");
}

#[test]
fn a_corrupt_cache_is_ignored() {
    damaged(
        |b| {
            let at = b.len() * 2 / 3;
            b[at] = !b[at];
        },
        "checksum",
    );
}

#[test]
fn a_truncated_cache_is_ignored() {
    damaged(|b| b.truncate(b.len() / 2), "checksum");
    damaged(|b| b.truncate(10), "truncated");
}

#[test]
fn a_cache_of_another_format_is_ignored() {
    damaged(|b| b[8] = b[8].wrapping_add(1), "format");
}

#[test]
fn no_cache_writes_nothing() {
    let f = Fixture::new();
    f.check(&["--no-cache"]);
    assert!(f.cache_files().is_empty());
    let output = Command::new(env!("CARGO_BIN_EXE_corpus-lsp"))
        .args(["check", ".", "--format", "json"])
        .env("CORPUS_LSP_CACHE_DIR", &f.cache)
        .env("CORPUS_LSP_NO_CACHE", "1")
        .current_dir(&f.root)
        .output()
        .unwrap();
    assert!(!output.stdout.is_empty());
    assert!(f.cache_files().is_empty());
    f.check(&[]);
    assert_eq!(f.cache_files().len(), 1);
}

#[test]
fn cache_info_and_clear() {
    let f = Fixture::new();
    let n = f.articles().len();
    f.check(&[]);
    let (info, _) = f.run(&["cache", "info"]);
    let root = f.root.to_string_lossy();
    assert!(info.contains(&*f.cache.to_string_lossy()), "{info}");
    assert!(
        info.contains(&format!("1 corpus file(s), {n} article entries")),
        "{info}"
    );
    assert!(info.lines().any(|l| l.ends_with(&*root)), "{info}");
    let (_, err) = f.run(&["cache", "clear"]);
    assert!(err.contains("removed 1 cache file(s)"), "{err}");
    assert!(f.cache_files().is_empty());
    let (info, _) = f.run(&["cache", "info"]);
    assert!(
        info.contains("0 corpus file(s), 0 article entries"),
        "{info}"
    );
}
