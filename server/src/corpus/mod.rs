//! The corpus index: every article of one corpus root, analysed, with the
//! corpus's configuration. Updated one file at a time.

pub mod config;
pub mod curation;
pub mod discover;
pub mod workspace;

use crate::analysis::ArticleAnalysis;
use crate::analysis::findings::{Finding, Severity, codes};
use config::{Config, ConfigError};
use discover::SkipReason;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One analysed article. Cheap to clone and to hand to another thread.
#[derive(Debug)]
pub struct ArticleEntry {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub analysis: ArticleAnalysis,
}

impl ArticleEntry {
    pub fn new(path: PathBuf, text: Arc<str>) -> ArticleEntry {
        let analysis = ArticleAnalysis::new(&text);
        ArticleEntry {
            path,
            text,
            analysis,
        }
    }
}

#[derive(Debug)]
pub struct Corpus {
    pub root: PathBuf,
    pub config: Config,
    /// Problems in `corpus.toml`; while there are any, `config` is the last
    /// good configuration (or the defaults).
    pub config_errors: Vec<ConfigError>,
    pub config_text: Option<String>,
    articles: HashMap<PathBuf, Arc<ArticleEntry>>,
    skipped: HashMap<PathBuf, SkipReason>,
}

impl Corpus {
    /// An empty corpus at `root`, configured from its `corpus.toml` if any.
    pub fn new(root: PathBuf) -> Corpus {
        let mut corpus = Corpus {
            root,
            config: Config::default(),
            config_errors: Vec::new(),
            config_text: None,
            articles: HashMap::new(),
            skipped: HashMap::new(),
        };
        let config_path = corpus.config_path();
        if let Ok(text) = std::fs::read_to_string(&config_path) {
            corpus.set_config_text(text);
        }
        corpus
    }

    /// Loads a whole corpus from disk, reading and analysing files on every
    /// core. `progress(done, total)` is called from worker threads.
    pub fn load(root: PathBuf, progress: &(dyn Fn(usize, usize) + Sync)) -> Corpus {
        let mut corpus = Corpus::new(root);
        let files = discover::article_files(&corpus.root, &corpus.config);
        let total = files.len();
        let done = AtomicUsize::new(0);
        let limit = corpus.config.max_file_size;
        let loaded: Vec<(PathBuf, Result<ArticleEntry, SkipReason>)> = files
            .into_par_iter()
            .map(|path| {
                let entry = discover::read_article(&path, limit)
                    .map(|text| ArticleEntry::new(path.clone(), text.into()));
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(n, total);
                (path, entry)
            })
            .collect();
        for (path, entry) in loaded {
            match entry {
                Ok(entry) => {
                    corpus.articles.insert(path, Arc::new(entry));
                }
                Err(reason) => {
                    tracing::warn!("skipping {}: {reason}", path.display());
                    corpus.skipped.insert(path, reason);
                }
            }
        }
        corpus
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join(config::FILE_NAME)
    }

    /// Applies new `corpus.toml` text. On errors the previous configuration
    /// stays in force and the errors are kept for reporting.
    pub fn set_config_text(&mut self, text: String) {
        match Config::parse(&text) {
            Ok(config) => {
                self.config = config;
                self.config_errors.clear();
            }
            Err(errors) => {
                for error in &errors {
                    tracing::warn!("{}: {}", self.config_path().display(), error.message);
                }
                self.config_errors = errors;
            }
        }
        self.config_text = Some(text);
    }

    /// Whether `path` is an article of this corpus by its globs.
    pub fn accepts(&self, path: &Path) -> bool {
        path.strip_prefix(&self.root)
            .is_ok_and(|rel| discover::FileFilter::new(&self.config).accepts(rel))
    }

    /// Re-analyses one article from new text. Never touches other articles.
    pub fn upsert(&mut self, path: PathBuf, text: Arc<str>) -> Arc<ArticleEntry> {
        self.skipped.remove(&path);
        let entry = Arc::new(ArticleEntry::new(path.clone(), text));
        self.articles.insert(path, Arc::clone(&entry));
        entry
    }

    /// Puts an already analysed entry in place (analysis done off the lock).
    pub fn insert(&mut self, entry: Arc<ArticleEntry>) {
        self.skipped.remove(&entry.path);
        self.articles.insert(entry.path.clone(), entry);
    }

    pub fn mark_skipped(&mut self, path: PathBuf, reason: SkipReason) {
        self.articles.remove(&path);
        self.skipped.insert(path, reason);
    }

    pub fn remove(&mut self, path: &Path) {
        self.articles.remove(path);
        self.skipped.remove(path);
    }

    pub fn article(&self, path: &Path) -> Option<&Arc<ArticleEntry>> {
        self.articles.get(path)
    }

    pub fn skipped(&self, path: &Path) -> Option<&SkipReason> {
        self.skipped.get(path)
    }

    pub fn skipped_files(&self) -> impl Iterator<Item = (&PathBuf, &SkipReason)> {
        self.skipped.iter()
    }

    /// Articles sorted by path, for stable output.
    pub fn articles(&self) -> Vec<&Arc<ArticleEntry>> {
        let mut articles: Vec<_> = self.articles.values().collect();
        articles.sort_by(|a, b| a.path.cmp(&b.path));
        articles
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// An article's findings with the corpus's `[checks]` settings applied.
    pub fn findings(&self, path: &Path) -> Vec<Finding> {
        if let Some(reason) = self.skipped.get(path) {
            return vec![skip_finding(reason)];
        }
        let Some(entry) = self.articles.get(path) else {
            return Vec::new();
        };
        entry
            .analysis
            .findings
            .iter()
            .filter_map(|finding| {
                let severity = self.config.severity_for(finding.code, finding.severity)?;
                Some(Finding {
                    severity,
                    ..finding.clone()
                })
            })
            .collect()
    }

    /// Problems in `corpus.toml`, as findings on that file.
    pub fn config_findings(&self) -> Vec<Finding> {
        self.config_errors
            .iter()
            .map(|error| {
                Finding::new(
                    codes::CONFIG_ERROR,
                    Severity::Error,
                    error.span.clone(),
                    format!(
                        "{} (the last good configuration stays in force)",
                        error.message
                    ),
                )
            })
            .collect()
    }
}

/// The finding shown on a file that the corpus could not take in.
pub fn skip_finding(reason: &SkipReason) -> Finding {
    let code = match reason {
        SkipReason::TooLarge { .. } => codes::FILE_TOO_LARGE,
        SkipReason::NotUtf8 { .. } | SkipReason::Io(_) => codes::UNREADABLE_FILE,
    };
    Finding::new(code, Severity::Warning, 0..0, reason.to_string())
}
