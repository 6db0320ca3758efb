//! A new `corpus.toml` text applied in three steps, so that the costly
//! one, analysing again the articles a curation change reaches, needs no
//! lock and the last good configuration keeps serving meanwhile:
//!
//! 1. [`Corpus::plan_config`] reads the corpus (cheap: parses the text,
//!    holds every article's entry by `Arc`);
//! 2. [`ConfigPlan::analyse`] reads nothing shared (the costly step);
//! 3. [`Corpus::apply_config`] takes the analyses of the articles that did
//!    not change meanwhile, analyses again the few that did, and indexes.
//!
//! A change reaching most articles rebuilds the index: step 2 builds it
//! too, and step 3 swaps it in when nothing changed meanwhile (else it
//! rebuilds under the lock from step 2's analyses).
//!
//! [`Corpus::set_config_text`] takes the same steps with no lock between
//! them; applying a plan gives a fresh load's index whatever changed
//! between the steps (tested in `tests/index_props.rs`).

use super::config::Config;
use super::discover::SkipReason;
use super::recuration::CurationChange;
use super::{Corpus, configured_publication, curated};
use crate::analysis::annotations::AnnFile;
use crate::analysis::entities::Gazetteer;
use crate::corpus::ArticleEntry;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A `corpus.toml` text on its way into a corpus.
pub struct ConfigPlan {
    text: String,
    /// `None`: applied whole by `set_config_text`, which is cheap for it
    /// (a text that does not parse, or no change of curation) or must
    /// reread the disk (annotations turned on or off).
    curation: Option<Box<Curation>>,
}

struct Curation {
    /// The configuration planned from; a plan applied to another is stale.
    previous: Config,
    config: Config,
    gazetteer: Arc<Gazetteer>,
    change: CurationChange,
    root: PathBuf,
    /// Every article's entry when planned, to tell which changed since.
    planned: HashMap<PathBuf, Arc<ArticleEntry>>,
    /// What else an index is built from, when planned.
    ann_files: HashMap<PathBuf, Arc<AnnFile>>,
    ann_errors: HashMap<PathBuf, String>,
    skipped: HashMap<PathBuf, SkipReason>,
    /// Built by `analyse` when it rebuilds: the whole index, new curation.
    index: Option<Corpus>,
    /// Filled by `analyse`: the new entries of the articles it reaches.
    fresh: HashMap<PathBuf, Arc<ArticleEntry>>,
    /// Whether it reaches so many that indexing afresh is cheaper.
    rebuild: bool,
    analysed: bool,
}

impl ConfigPlan {
    /// Whether applying it will need `analyse` first to be cheap.
    pub fn needs_analysis(&self) -> bool {
        self.curation.is_some()
    }

    pub(super) fn into_text(self) -> String {
        self.text
    }

    /// Analyses, with the new curation, the articles it can change.
    pub fn analyse(&mut self) {
        self.analyse_unless(&|| false);
    }

    /// Like [`ConfigPlan::analyse`], giving up (and returning `false`) as
    /// soon as `stale` says the plan will not be applied.
    pub fn analyse_unless(&mut self, stale: &(dyn Fn() -> bool + Sync)) -> bool {
        let Some(work) = self.curation.as_deref_mut().filter(|w| !w.analysed) else {
            return true;
        };
        let affected: Vec<&Arc<ArticleEntry>> = work
            .planned
            .par_iter()
            .filter(|(path, entry)| {
                work.change
                    .touches(&relative(&work.root, path), &entry.text)
            })
            .map(|(_, entry)| entry)
            .collect();
        // One by one, each article also re-resolves the articles sharing
        // its acronyms and surnames: past a share, a fresh pass is cheaper.
        work.rebuild = affected.len() > (work.planned.len() / 8).max(64);
        let fresh: Option<HashMap<_, _>> = affected
            .into_par_iter()
            .map(|entry| {
                if stale() {
                    return None;
                }
                let path = entry.path.clone();
                let analysed = analyse_with(
                    &work.root,
                    &work.config,
                    &work.gazetteer,
                    path.clone(),
                    Arc::clone(&entry.text),
                );
                Some((path, Arc::new(analysed)))
            })
            .collect();
        let Some(fresh) = fresh else {
            return false;
        };
        work.fresh = fresh;
        if work.rebuild && !stale() {
            work.index = Some(work.build_index());
        }
        work.analysed = true;
        true
    }
}

impl Curation {
    /// The index the plan gives if nothing changes before it is applied.
    fn build_index(&self) -> Corpus {
        let mut index = Corpus::unconfigured(self.root.clone());
        index.take_config(self.config.clone());
        index.gazetteer = Arc::clone(&self.gazetteer);
        index.ann_files = self.ann_files.clone();
        index.ann_errors = self.ann_errors.clone();
        index.skipped = self.skipped.clone();
        let entries = self
            .planned
            .values()
            .map(|e| Arc::clone(self.fresh.get(&e.path).unwrap_or(e)))
            .collect();
        index.install_all(entries);
        index
    }

    /// Whether `corpus` is still what the plan was made from.
    fn unchanged(&self, corpus: &Corpus) -> bool {
        fn same<K: Eq + std::hash::Hash, V>(
            a: &HashMap<K, Arc<V>>,
            b: &HashMap<K, Arc<V>>,
        ) -> bool {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| Arc::ptr_eq(v, w)))
        }
        corpus.config == self.previous
            && same(&corpus.articles, &self.planned)
            && same(&corpus.ann_files, &self.ann_files)
            && corpus.ann_errors == self.ann_errors
            && corpus.skipped == self.skipped
    }
}

impl Corpus {
    /// Step 1: what applying `text` as this corpus's `corpus.toml` takes.
    pub fn plan_config(&self, text: String) -> ConfigPlan {
        let curation = match Config::parse(&text) {
            Ok(config)
                if config.annotations == self.config.annotations
                    && curation_differs(&self.config, &config) =>
            {
                Some(Box::new(Curation {
                    change: CurationChange::between(&self.config, &config),
                    gazetteer: Arc::new(Gazetteer::new(&curated(&config))),
                    previous: self.config.clone(),
                    config,
                    root: self.root.clone(),
                    planned: self.articles.clone(),
                    ann_files: self.ann_files.clone(),
                    ann_errors: self.ann_errors.clone(),
                    skipped: self.skipped.clone(),
                    index: None,
                    fresh: HashMap::new(),
                    rebuild: false,
                    analysed: false,
                }))
            }
            _ => None,
        };
        ConfigPlan { text, curation }
    }

    /// Step 3: applies `plan` (analysed or not: what it lacks is analysed
    /// here).
    pub fn apply_config(&mut self, mut plan: ConfigPlan) {
        plan.analyse();
        let ConfigPlan { text, curation } = plan;
        // Another configuration came in meanwhile (a save, the disk): the
        // plan's change is not the change from it.
        let Some(mut work) = curation.filter(|w| w.previous == self.config) else {
            return self.set_config_text(text);
        };
        if let Some(mut index) = work.index.take().filter(|_| work.unchanged(self)) {
            index.config_text = Some(text);
            // Freeing the old index takes as long as a tenth of building
            // it: not while the caller holds its lock.
            let old = std::mem::replace(self, index);
            rayon::spawn(move || drop(old));
            return;
        }
        let Curation {
            config,
            gazetteer,
            change,
            planned,
            mut fresh,
            rebuild,
            ..
        } = *work;
        self.take_config(config);
        self.gazetteer = gazetteer;
        self.config_text = Some(text);
        let unchanged = |path: &Path, entry: &Arc<ArticleEntry>| {
            planned.get(path).is_some_and(|p| Arc::ptr_eq(p, entry))
        };
        fresh.retain(|path, _| {
            self.articles
                .get(path)
                .is_some_and(|entry| unchanged(path, entry))
        });
        // Articles edited or added since the plan were analysed with the
        // old curation, or not at all.
        let late: Vec<Arc<ArticleEntry>> = self
            .articles
            .par_iter()
            .filter(|(path, entry)| {
                !unchanged(path, entry) && change.touches(&relative(&self.root, path), &entry.text)
            })
            .map(|(path, entry)| Arc::new(self.new_entry(path.clone(), Arc::clone(&entry.text))))
            .collect();
        fresh.extend(late.into_iter().map(|e| (e.path.clone(), e)));
        if rebuild {
            let entries = self
                .articles
                .values()
                .map(|e| fresh.remove(&e.path).unwrap_or_else(|| Arc::clone(e)))
                .collect();
            self.reinstall(entries);
        } else {
            for entry in fresh.into_values() {
                self.insert(entry);
            }
        }
    }
}

/// Whether the change from `old` to `new` can change an analysis.
pub(super) fn curation_differs(old: &Config, new: &Config) -> bool {
    new.entities != old.entities || new.ignore != old.ignore || new.articles != old.articles
}

/// `path` relative to `root`, `/`-separated, as `corpus.toml` names files.
pub(super) fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}

fn analyse_with(
    root: &Path,
    config: &Config,
    gazetteer: &Gazetteer,
    path: PathBuf,
    text: Arc<str>,
) -> ArticleEntry {
    let publication = configured_publication(root, config, &path);
    ArticleEntry::with_publication(path, text, gazetteer, publication)
}
