//! Finding a corpus's root and its article files on disk.

use super::config::{self, Config};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::fmt;
use std::path::{Path, PathBuf};

/// The nearest folder at or above `path` that holds a `corpus.toml`.
pub fn find_root(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() { path } else { path.parent()? };
    start
        .ancestors()
        .find(|dir| dir.join(config::FILE_NAME).is_file())
        .map(Path::to_path_buf)
}

/// Which files of a root are articles: the include/exclude globs of
/// `corpus.toml`, matched against paths relative to the root.
#[derive(Debug, Clone)]
pub struct FileFilter {
    include: GlobSet,
    exclude: GlobSet,
}

impl FileFilter {
    pub fn new(config: &Config) -> FileFilter {
        FileFilter {
            include: glob_set(&config.include),
            exclude: glob_set(&config.exclude),
        }
    }

    pub fn accepts(&self, relative: &Path) -> bool {
        self.include.is_match(relative) && !self.exclude.is_match(relative)
    }
}

fn glob_set(patterns: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    // Invalid globs are reported by `Config::parse`; here they are skipped.
    for glob in patterns.iter().filter_map(|p| Glob::new(p).ok()) {
        builder.add(glob);
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// The file `corpus-lsp export` leaves in its output folder: a folder
/// holding it is export output, never articles of the corpus around it.
pub const EXPORT_MARKER: &str = ".corpus-lsp-export";

/// Whether `path` lies in an export folder below `root` (`root` itself
/// may be one: an export checked on its own is read as articles).
pub fn in_export(root: &Path, path: &Path) -> bool {
    path.parent()
        .into_iter()
        .flat_map(Path::ancestors)
        .take_while(|dir| dir.starts_with(root) && *dir != root)
        .any(|dir| dir.join(EXPORT_MARKER).is_file())
}

/// The article files under `root`, sorted, honouring `.gitignore` and the
/// config's globs. Folders holding their own `corpus.toml` are separate
/// corpora, and folders holding an [`EXPORT_MARKER`] are export output:
/// neither is entered.
pub fn article_files(root: &Path, config: &Config) -> Vec<PathBuf> {
    let filter = FileFilter::new(config);
    let root_owned = root.to_path_buf();
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .filter_entry(move |entry| {
            let skipped = entry.depth() > 0
                && entry.file_type().is_some_and(|t| t.is_dir())
                && (entry.path().join(config::FILE_NAME).is_file()
                    || entry.path().join(EXPORT_MARKER).is_file());
            !skipped || entry.path() == root_owned
        })
        .build();
    let mut files: Vec<PathBuf> = walker
        .filter_map(|entry| match entry {
            Ok(entry) => Some(entry),
            Err(err) => {
                tracing::warn!("skipping unreadable entry under {}: {err}", root.display());
                None
            }
        })
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|path| {
            path.strip_prefix(root)
                .is_ok_and(|relative| filter.accepts(relative))
        })
        .collect();
    files.sort();
    files
}

/// Why a file was left out of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    TooLarge { size: u64, limit: u64 },
    NotUtf8 { valid_up_to: usize },
    Io(String),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::TooLarge { size, limit } => write!(
                f,
                "file is {size} bytes, over the corpus limit of {limit} bytes (max_file_size in corpus.toml)"
            ),
            SkipReason::NotUtf8 { valid_up_to } => write!(
                f,
                "file is not UTF-8 text (invalid byte at offset {valid_up_to}); it is not analysed"
            ),
            SkipReason::Io(err) => write!(f, "file could not be read: {err}"),
        }
    }
}

/// Reads an article, refusing files over `limit` bytes and files that are
/// not UTF-8, so that one bad file never stalls or poisons the index.
pub fn read_article(path: &Path, limit: u64) -> Result<String, SkipReason> {
    let size = std::fs::metadata(path)
        .map_err(|e| SkipReason::Io(e.to_string()))?
        .len();
    if size > limit {
        return Err(SkipReason::TooLarge { size, limit });
    }
    let bytes = std::fs::read(path).map_err(|e| SkipReason::Io(e.to_string()))?;
    check_text(bytes)
}

/// Accepts bytes that are UTF-8 text; a UTF-8 byte-order mark is dropped.
pub fn check_text(bytes: Vec<u8>) -> Result<String, SkipReason> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(err) => Err(SkipReason::NotUtf8 {
            valid_up_to: err.utf8_error().valid_up_to(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder, removed with the `TempDir`.
    fn temp_dir(name: &str) -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("corpus-lsp-{name}-"))
            .tempdir()
            .unwrap();
        let dir = tmp.path().to_path_buf();
        (tmp, dir)
    }

    #[test]
    fn discovery_honours_globs_gitignore_and_nested_corpora() {
        let (_tmp, dir) = temp_dir("discover");
        for file in [
            "a.txt",
            "b.md",
            "c.rs",
            "drafts/d.txt",
            "ignored/e.txt",
            "sub/f.txt",
            "sub/g.txt",
        ] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::write(dir.join(".gitignore"), "ignored/\n").unwrap();
        std::fs::write(dir.join("sub/corpus.toml"), "").unwrap();
        std::fs::create_dir_all(dir.join("out/brat")).unwrap();
        std::fs::write(dir.join("out/brat/h.txt"), "x").unwrap();
        std::fs::write(dir.join("out").join(EXPORT_MARKER), "").unwrap();
        assert!(in_export(&dir, &dir.join("out/brat/h.txt")));
        assert!(!in_export(&dir, &dir.join("a.txt")));
        assert!(!in_export(&dir.join("out"), &dir.join("out/brat/h.txt")));
        let config = Config {
            exclude: vec!["drafts/**".into()],
            ..Config::default()
        };
        let files = article_files(&dir, &config);
        let names: Vec<_> = files
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().to_str().unwrap())
            .collect();
        assert_eq!(names, ["a.txt", "b.md"]);
        assert_eq!(find_root(&dir.join("sub/f.txt")), Some(dir.join("sub")));
    }

    #[test]
    fn unreadable_files_are_refused_with_a_reason() {
        let (_tmp, dir) = temp_dir("read");
        std::fs::write(dir.join("latin1.txt"), b"caf\xe9").unwrap();
        std::fs::write(dir.join("big.txt"), vec![b'a'; 100]).unwrap();
        std::fs::write(dir.join("bom.txt"), b"\xef\xbb\xbfHello").unwrap();
        assert_eq!(
            read_article(&dir.join("latin1.txt"), 1000),
            Err(SkipReason::NotUtf8 { valid_up_to: 3 })
        );
        assert_eq!(
            read_article(&dir.join("big.txt"), 10),
            Err(SkipReason::TooLarge {
                size: 100,
                limit: 10
            })
        );
        assert_eq!(
            read_article(&dir.join("bom.txt"), 1000).as_deref(),
            Ok("Hello")
        );
        assert!(matches!(
            read_article(&dir.join("missing.txt"), 10),
            Err(SkipReason::Io(_))
        ));
    }
}
