//! The corpus index: every article of one corpus root, analysed, with the
//! corpus's configuration. Updated one file at a time.

pub mod annotations;
pub mod cache;
mod claims;
pub mod config;
pub mod curation;
pub mod digest;
pub mod discover;
pub mod entity_index;
mod findings;
pub mod identity;
pub mod published;
pub mod reach;
mod reconfigure;
mod recuration;
pub mod workspace;
pub mod xref;

use crate::analysis::ArticleAnalysis;
use crate::analysis::annotations::{AnnFile, OtherMention};
use crate::analysis::entities::{
    ArticleNames, Curated, CuratedEntity, EntityKind, Gazetteer, Mention, NameContribution,
    NameTable,
};
use config::{Config, ConfigError};
use discover::SkipReason;
use entity_index::{ArticlePostings, EntityIndex};
pub use findings::skip_finding;
use rayon::prelude::*;
pub use reconfigure::ConfigPlan;
use recuration::CurationChange;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// When a phase of loading started, to log what it took at debug level
/// (`RUST_LOG=corpus_lsp=debug`): where benchmarks and profiles start.
pub(crate) struct Phase {
    wall: Instant,
    cpu_ms: Option<u64>,
}

impl Phase {
    pub(crate) fn start() -> Phase {
        Phase {
            wall: Instant::now(),
            cpu_ms: tracing::enabled!(tracing::Level::DEBUG)
                .then(process_cpu_ms)
                .flatten(),
        }
    }

    /// Logs the phase's wall time, the CPU time of all threads (which a
    /// loaded machine does not inflate) and resident memory.
    pub(crate) fn end(self, phase: &str) {
        let Some(cpu_before) = self.cpu_ms else {
            return;
        };
        let wall = self.wall.elapsed().as_millis();
        let cpu = process_cpu_ms().unwrap_or(cpu_before) - cpu_before;
        let rss_mb = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or(0, |pages| (pages * 4096) >> 20);
        tracing::debug!("{phase}: {wall} ms, {cpu} ms CPU, {rss_mb} MB resident");
    }
}

/// User and system time of the whole process, where the platform tells it
/// cheaply (Linux, in clock ticks of 10 ms).
fn process_cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) * 10)
}

/// One analysed article. Immutable: a change makes a new entry, so one can
/// be handed to another thread or kept by a request while edits go on.
#[derive(Debug)]
pub struct ArticleEntry {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub analysis: ArticleAnalysis,
}

impl ArticleEntry {
    pub fn new(path: PathBuf, text: Arc<str>, gazetteer: &Gazetteer) -> ArticleEntry {
        ArticleEntry::with_publication(path, text, gazetteer, None)
    }

    pub fn with_publication(
        path: PathBuf,
        text: Arc<str>,
        gazetteer: &Gazetteer,
        publication: Option<jiff::civil::Date>,
    ) -> ArticleEntry {
        let analysis = ArticleAnalysis::with_publication(&text, gazetteer, publication);
        ArticleEntry {
            path,
            text,
            analysis,
        }
    }
}

/// The keys whose corpus-wide meaning an article defines: acronyms it
/// spells out and surnames of people it names in full. When these change,
/// other articles using the keys must be resolved again.
/// What resolving a name depends on in the name table: when any of it
/// changes, the articles using the name are resolved again.
#[derive(Debug, PartialEq, Eq)]
struct NameFacts {
    key: String,
    kind: Option<EntityKind>,
    /// Whether it heads multi-word names, and their kind.
    head: bool,
    head_kind: Option<EntityKind>,
    /// The long form it abbreviates, and whether that is a name.
    acronym: Option<(String, bool)>,
    /// The one person it is the surname of.
    person: Option<String>,
}

fn defining_keys(names: &ArticleNames) -> HashSet<String> {
    let mut keys: HashSet<String> = names.acronyms.iter().map(|a| a.short.clone()).collect();
    for candidate in &names.candidates {
        if candidate.kind == Some(EntityKind::Person) && candidate.words >= 2 {
            if let Some(surname) = candidate.key.rsplit(' ').next() {
                keys.insert(surname.to_string());
            }
        }
    }
    keys
}

fn curated(config: &Config) -> Curated {
    Curated {
        entries: config
            .entities
            .iter()
            .map(|e| CuratedEntity {
                name: e.name.clone(),
                kind: Some(e.kind),
                aliases: e.aliases.clone(),
            })
            .collect(),
        ignore: config.ignore.clone(),
    }
}

/// The publication date `config` gives the article at `path`.
fn configured_publication(root: &Path, config: &Config, path: &Path) -> Option<jiff::civil::Date> {
    let relative = reconfigure::relative(root, path);
    let dateline = config.articles.get(&relative)?.dateline.as_deref()?;
    config::parse_date(dateline)
}

fn overrides(config: &Config) -> identity::Overrides {
    let pairs = config.distinct_pairs();
    identity::Overrides::new(
        config.entities.iter().map(|e| e.name.as_str()),
        pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())),
    )
}

/// The analyses a reload may take from the corpus it replaces: those of
/// articles whose text is unchanged and which no change of curation
/// reaches. The old corpus answers requests until the new one is in, so
/// both are alive during a reload; taking its analyses, a reload builds
/// only the index around them instead of a second copy of every analysis.
/// That copy raised the high-water mark, and once the old corpus was
/// dropped its freed pages were left partly used: RSS stepped up with
/// each reload while the live heap stayed the same (`bench/soak_reload.py`).
pub struct Reusable {
    config: Config,
    entries: HashMap<PathBuf, Arc<ArticleEntry>>,
}

/// How many disagreeing claims a `conflicting-event-date` finding lists.
pub const LISTED_CONFLICTS: usize = 20;

#[derive(Debug)]
pub struct Corpus {
    pub root: PathBuf,
    pub config: Config,
    /// Problems in `corpus.toml`; while there are any, `config` is the last
    /// good configuration (or the defaults).
    pub config_errors: Vec<ConfigError>,
    pub config_text: Option<String>,
    gazetteer: Arc<Gazetteer>,
    articles: HashMap<PathBuf, Arc<ArticleEntry>>,
    skipped: HashMap<PathBuf, SkipReason>,
    ids: HashMap<PathBuf, u32>,
    paths: HashMap<u32, PathBuf>,
    /// Each id's place in path order, the order findings list articles
    /// in: computed when first asked after a new id, since comparing
    /// paths is slow and findings sort candidates all the time.
    path_rank: std::sync::OnceLock<Vec<u32>>,
    next_id: u32,
    names: NameTable,
    mentions: HashMap<u32, Arc<[Mention]>>,
    entities: EntityIndex,
    /// Event and figure claims, and the index from event keys to the
    /// articles telling them (`claims.rs`).
    claims: claims::ClaimIndex,
    /// A dateline line of the corpus (first dated article by path), so an
    /// inserted dateline looks like the corpus's own.
    dateline_example: Option<(PathBuf, String)>,
    /// Candidate key → articles using it, to find whom a definition affects.
    /// Sorted lists, not sets: most keys are in a few articles, and a set
    /// per key would cost more than the ids it holds.
    key_articles: FxHashMap<Box<str>, Vec<u32>>,
    /// `.ann` files by article path, when annotations are on.
    ann_files: HashMap<PathBuf, Arc<AnnFile>>,
    /// Articles whose `.ann` file exists but cannot be read.
    ann_errors: HashMap<PathBuf, String>,
    /// Annotations of types that are none of ours, per article.
    others: HashMap<u32, Arc<[OtherMention]>>,
    /// What curation says about identity, from `config`.
    overrides: identity::Overrides,
    /// Each name's canonical name, read from identity clusters while the
    /// corpus stays unchanged (see `claims.rs`).
    /// Read far more than written, and from every core during `check`.
    canonical_cache: std::sync::RwLock<FxHashMap<Box<str>, Arc<str>>>,
    /// Each name's misspelling target, kept like `canonical_cache`: every
    /// article naming it would otherwise probe the names again.
    misspelling_cache: std::sync::RwLock<FxHashMap<Box<str>, Option<Arc<str>>>>,
}

impl Corpus {
    /// An empty corpus at `root`, configured from its `corpus.toml` if any.
    pub fn new(root: PathBuf) -> Corpus {
        let mut corpus = Corpus::unconfigured(root);
        if let Ok(text) = std::fs::read_to_string(corpus.config_path()) {
            corpus.set_config_text(text);
        }
        corpus
    }

    fn unconfigured(root: PathBuf) -> Corpus {
        Corpus {
            root,
            config: Config::default(),
            config_errors: Vec::new(),
            config_text: None,
            gazetteer: Arc::new(Gazetteer::default()),
            articles: HashMap::new(),
            skipped: HashMap::new(),
            ids: HashMap::new(),
            paths: HashMap::new(),
            path_rank: std::sync::OnceLock::new(),
            next_id: 0,
            names: NameTable::new(),
            mentions: HashMap::new(),
            entities: EntityIndex::default(),
            claims: claims::ClaimIndex::default(),
            dateline_example: None,
            key_articles: FxHashMap::default(),
            ann_files: HashMap::new(),
            ann_errors: HashMap::new(),
            others: HashMap::new(),
            overrides: identity::Overrides::default(),
            canonical_cache: std::sync::RwLock::default(),
            misspelling_cache: std::sync::RwLock::default(),
        }
    }

    /// Loads a whole corpus from disk, reading and analysing files on every
    /// core, through the analysis cache when the process has turned it on
    /// (`cache::set_global`). `progress(done, total)` is called from worker
    /// threads.
    pub fn load(root: PathBuf, progress: &(dyn Fn(usize, usize) + Sync)) -> Corpus {
        Corpus::load_with(root, progress, cache::global().as_ref())
    }

    /// Like [`Corpus::load`], with the analysis cache at `cache` (or none).
    pub fn load_with(
        root: PathBuf,
        progress: &(dyn Fn(usize, usize) + Sync),
        cache: Option<&cache::Settings>,
    ) -> Corpus {
        Corpus::load_keeping(root, progress, cache, None)
    }

    /// Loads the corpus at `root` again, keeping the analyses of `previous`
    /// (the corpus it replaces) that still hold (see [`Reusable`]).
    pub fn reload(
        root: PathBuf,
        previous: Option<Reusable>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Corpus {
        Corpus::load_keeping(root, progress, cache::global().as_ref(), previous.as_ref())
    }

    /// What a reload may keep of this corpus.
    pub fn reusable(&self) -> Reusable {
        Reusable {
            config: self.config.clone(),
            entries: self.articles.clone(),
        }
    }

    fn load_keeping(
        root: PathBuf,
        progress: &(dyn Fn(usize, usize) + Sync),
        cache: Option<&cache::Settings>,
        previous: Option<&Reusable>,
    ) -> Corpus {
        let mut corpus = Corpus::new(root);
        // Analyses depend on the text, the curation and whether annotations
        // are on (see `set_config_text`).
        let keep = previous
            .filter(|p| p.config.annotations == corpus.config.annotations)
            .map(|p| (p, CurationChange::between(&p.config, &corpus.config)));
        let session = cache.map(|settings| {
            let curated = format!("{:?}", curated(&corpus.config));
            cache::Session::open(settings, &corpus.root, &curated)
        });
        let phase = Phase::start();
        let files = discover::article_files(&corpus.root, &corpus.config);
        phase.end("discover");
        let phase = Phase::start();
        let total = files.len();
        let done = AtomicUsize::new(0);
        let limit = corpus.config.max_file_size;
        let with_anns = corpus.annotations_enabled();
        let corpus_ref = &corpus;
        type Loaded = (
            PathBuf,
            Result<Arc<ArticleEntry>, SkipReason>,
            Option<Result<AnnFile, String>>,
            Option<(u128, Option<cache::Fresh>)>,
        );
        let loaded: Vec<Loaded> = files
            .into_par_iter()
            .map(|path| {
                let mut stored = None;
                let entry = discover::read_article(&path, limit).map(|text| {
                    let kept = keep.as_ref().and_then(|(previous, change)| {
                        let old = previous.entries.get(&path)?;
                        let relative = reconfigure::relative(&corpus_ref.root, &path);
                        (*old.text == *text && !change.touches(&relative, &text))
                            .then(|| Arc::clone(old))
                    });
                    match (kept, &session) {
                        (Some(entry), Some(session)) => {
                            let publication = corpus_ref.configured_publication(&path);
                            let (key, fresh) = session.keep(&entry.text, publication);
                            let record = fresh.then(|| cache::Fresh::Analysis(Arc::clone(&entry)));
                            stored = Some((key, record));
                            entry
                        }
                        (Some(entry), None) => entry,
                        (None, Some(session)) => {
                            let (entry, key, fresh) =
                                corpus_ref.cached_entry(session, path.clone(), text.into());
                            let entry = Arc::new(entry);
                            let record = fresh.then(|| cache::Fresh::Analysis(Arc::clone(&entry)));
                            stored = Some((key, record));
                            entry
                        }
                        (None, None) => {
                            let mut entry = corpus_ref.new_entry(path.clone(), text.into());
                            entry.analysis = cache::compacted(entry.analysis);
                            Arc::new(entry)
                        }
                    }
                });
                let ann = (with_anns && entry.is_ok())
                    .then(|| annotations::read_ann(&path))
                    .flatten();
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(n, total);
                (path, entry, ann, stored)
            })
            .collect();
        let mut entries = Vec::with_capacity(loaded.len());
        let mut keys = Vec::with_capacity(if session.is_some() { loaded.len() } else { 0 });
        for (path, entry, ann, stored) in loaded {
            keys.extend(stored);
            match ann {
                Some(Ok(file)) => {
                    corpus.ann_files.insert(path.clone(), Arc::new(file));
                }
                Some(Err(message)) => {
                    tracing::warn!("{message}");
                    corpus.ann_errors.insert(path.clone(), message);
                }
                None => {}
            }
            match entry {
                Ok(entry) => entries.push(entry),
                Err(reason) => {
                    tracing::warn!("skipping {}: {reason}", path.display());
                    corpus.skipped.insert(path, reason);
                }
            }
        }
        phase.end("read and analyse");
        let mut session = session;
        let claims = corpus.install_all_with(entries, session.as_mut());
        let phase = Phase::start();
        if let Some(session) = session {
            session.save(keys, claims);
        }
        phase.end("save the cache");
        corpus
    }

    /// Adds many entries at once: the name table first, then every
    /// article resolved against the complete table, in parallel.
    fn install_all(&mut self, entries: Vec<Arc<ArticleEntry>>) {
        self.install_all_with(entries, None);
    }

    /// [`Corpus::install_all`], reading claims through the analysis cache
    /// of `session`: what it found and what it read afresh, to store.
    fn install_all_with(
        &mut self,
        entries: Vec<Arc<ArticleEntry>>,
        mut session: Option<&mut cache::Session>,
    ) -> Vec<(u128, Option<cache::Fresh>)> {
        let phase = Phase::start();
        let mut entries: Vec<(u32, Arc<ArticleEntry>)> = entries
            .into_iter()
            .map(|e| (self.id_for(&e.path), e))
            .collect();
        // In id order, each key's sorted id list grows at its end (a rebuild
        // keeps the ids and takes the articles in any order).
        entries.sort_unstable_by_key(|(id, _)| *id);
        let contributions: Vec<NameContribution> = entries
            .par_iter()
            .map(|(_, e)| NameContribution::of(&e.analysis.names))
            .collect();
        // The name table and the key lists are separate maps: filled side
        // by side.
        let (names, key_articles) = (&mut self.names, &mut self.key_articles);
        rayon::join(
            || {
                for ((id, _), contribution) in entries.iter().zip(contributions) {
                    names.add_contribution(*id, contribution);
                }
            },
            || {
                for (id, entry) in &entries {
                    index_keys_in(key_articles, *id, None, &entry.analysis.names);
                }
            },
        );
        for (_, entry) in entries {
            let path = entry.path.clone();
            self.articles.insert(path.clone(), entry);
            self.update_dateline_example(&path);
        }
        phase.end("name table");
        let phase = Phase::start();
        let work: Vec<(u32, Arc<ArticleEntry>)> = self
            .articles
            .values()
            .map(|e| (self.ids[&e.path], Arc::clone(e)))
            .collect();
        let (names, gazetteer, anns) = (&self.names, &self.gazetteer, &self.ann_files);
        let this = &*self;
        type Resolved = (
            u32,
            Arc<ArticleEntry>,
            Arc<[Mention]>,
            Arc<[OtherMention]>,
            Arc<claims::ArticleClaims>,
            ArticlePostings,
            Option<(u128, Option<cache::Fresh>)>,
        );
        let shared_session = session.as_deref();
        let resolved: Vec<Resolved> = work
            .into_par_iter()
            .map(|(id, entry)| {
                let ann = anns.get(&entry.path).map(|a| a.as_ref());
                let (mentions, others) = resolve_mentions(&entry, names, gazetteer, ann);
                let read = || claims::ArticleClaims::read(&entry, &mentions);
                let (claims, stored) = match shared_session {
                    Some(session) => {
                        let publication = this.configured_publication(&entry.path);
                        let key = cache::entry_key(&entry.text, publication);
                        let (claims, (key, fresh)) = session.claims(key, &mentions, read);
                        let claims = Arc::new(claims);
                        let record = fresh.then(|| cache::Fresh::Claims(Arc::clone(&claims)));
                        (claims, Some((key, record)))
                    }
                    None => (Arc::new(cache::compacted(read())), None),
                };
                let postings = ArticlePostings::of(&entry.text, &mentions);
                (id, entry, mentions, others, claims, postings, stored)
            })
            .collect();
        if let Some(session) = session.as_mut() {
            session.release_file();
        }
        phase.end("resolve mentions and claims");
        let phase = Phase::start();
        let mut batch = Vec::with_capacity(resolved.len());
        let mut rest = Vec::with_capacity(resolved.len());
        let mut stored_claims = Vec::new();
        for (id, entry, mentions, others, claims, postings, stored) in resolved {
            batch.push((id, xref::publication_date(&entry), postings));
            rest.push((id, mentions, others, claims));
            stored_claims.extend(stored);
        }
        // The entity index and the rest are separate maps: built side by side.
        let (entities, claim_index) = (&mut self.entities, &mut self.claims);
        let (all_mentions, all_others) = (&mut self.mentions, &mut self.others);
        rayon::join(
            || entities.load_all(batch),
            || {
                for (id, mentions, others, claims) in rest {
                    claim_index.set_shared(id, claims);
                    all_mentions.insert(id, mentions);
                    if !others.is_empty() {
                        all_others.insert(id, others);
                    }
                }
            },
        );
        self.forget_canonical_names();
        phase.end("entity and claim index");
        stored_claims
    }

    fn forget_canonical_names(&mut self) {
        if let Ok(cache) = self.canonical_cache.get_mut() {
            cache.clear();
        }
        if let Ok(cache) = self.misspelling_cache.get_mut() {
            cache.clear();
        }
    }

    /// The name `name` is probably a misspelling of (see
    /// [`identity::misspelling_of`]), remembered until the corpus changes.
    fn misspelling_of(&self, name: &str) -> Option<Arc<str>> {
        let cached = self
            .misspelling_cache
            .read()
            .ok()
            .and_then(|c| c.get(name).cloned());
        if let Some(target) = cached {
            return target;
        }
        let target: Option<Arc<str>> =
            identity::misspelling_of(&self.entities, name).map(Arc::from);
        if let Ok(mut cache) = self.misspelling_cache.write() {
            cache.insert(name.into(), target.clone());
        }
        target
    }

    fn install_mentions(
        &mut self,
        id: u32,
        entry: &ArticleEntry,
        mentions: Arc<[Mention]>,
        others: Arc<[OtherMention]>,
        claims: claims::ArticleClaims,
        postings: ArticlePostings,
    ) {
        let date = xref::publication_date(entry);
        if self.entities.set_postings(id, date, postings) {
            self.forget_canonical_names();
        }
        self.claims.set(id, claims);
        self.mentions.insert(id, mentions);
        if others.is_empty() {
            self.others.remove(&id);
        } else {
            self.others.insert(id, others);
        }
    }

    /// The dateline line of an article, if it has one.
    fn dateline_line(entry: &ArticleEntry) -> Option<String> {
        let d = entry.analysis.article.dateline.as_ref()?;
        let index = &entry.analysis.line_index;
        let line = index.line_span(&entry.text, index.line_of(d.span.start));
        // A dateline leading a paragraph is no style for a line of its own.
        if !entry.text[d.span.end..line.end].trim().is_empty() {
            return None;
        }
        Some(entry.text[line].to_string())
    }

    /// Keeps `dateline_example` the dateline line of the first dated
    /// article by path, after `path` changed.
    fn update_dateline_example(&mut self, path: &Path) {
        let here = self.articles.get(path).and_then(|e| Self::dateline_line(e));
        match (&self.dateline_example, here) {
            (Some((p, _)), Some(line)) if path <= p.as_path() => {
                self.dateline_example = Some((path.to_path_buf(), line));
            }
            (None, Some(line)) => self.dateline_example = Some((path.to_path_buf(), line)),
            (Some((p, _)), None) if p == path => {
                // The example went away: look again (rare, linear).
                self.dateline_example = self
                    .articles
                    .values()
                    .filter_map(|e| Some((e.path.clone(), Self::dateline_line(e)?)))
                    .min_by(|a, b| a.0.cmp(&b.0));
            }
            _ => {}
        }
    }

    fn id_for(&mut self, path: &Path) -> u32 {
        if let Some(&id) = self.ids.get(path) {
            return id;
        }
        let id = self.next_id;
        self.next_id += 1;
        self.ids.insert(path.to_path_buf(), id);
        self.paths.insert(id, path.to_path_buf());
        self.path_rank.take();
        id
    }

    /// Each article id's place in path order (see `path_rank`); sorting
    /// ids by it sorts them by path.
    pub(super) fn path_rank(&self) -> &[u32] {
        self.path_rank.get_or_init(|| {
            let mut by_path: Vec<(&PathBuf, u32)> =
                self.paths.iter().map(|(&id, path)| (path, id)).collect();
            by_path.sort_unstable();
            let mut rank = vec![u32::MAX; self.next_id as usize];
            for (place, (_, id)) in by_path.into_iter().enumerate() {
                rank[id as usize] = place as u32;
            }
            rank
        })
    }

    fn index_keys(&mut self, id: u32, old: Option<&ArticleNames>, new: &ArticleNames) {
        index_keys_in(&mut self.key_articles, id, old, new);
    }

    fn resolve_article(&mut self, id: u32) {
        let Some(entry) = self.paths.get(&id).and_then(|p| self.articles.get(p)) else {
            return;
        };
        let ann = self.ann_files.get(&entry.path).map(|a| a.as_ref());
        let (mentions, others) = resolve_mentions(entry, &self.names, &self.gazetteer, ann);
        let entry = Arc::clone(entry);
        let claims = claims::ArticleClaims::read(&entry, &mentions);
        let postings = ArticlePostings::of(&entry.text, &mentions);
        self.install_mentions(id, &entry, mentions, others, claims, postings);
    }

    /// Resolves again the articles that use any of `keys`, after a change
    /// to what those keys mean.
    fn resolve_users_of(&mut self, keys: &HashSet<String>, except: u32) {
        let affected: HashSet<u32> = keys
            .iter()
            .filter_map(|k| self.key_articles.get(k.as_str()))
            .flatten()
            .copied()
            .filter(|&id| id != except)
            .collect();
        for id in affected {
            self.resolve_article(id);
        }
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join(config::FILE_NAME)
    }

    /// Applies new `corpus.toml` text. On errors the previous configuration
    /// stays in force and the errors are kept for reporting. A change of
    /// curation re-analyses the articles it reaches (see [`ConfigPlan`]);
    /// turning annotations on or off, every article.
    pub fn set_config_text(&mut self, text: String) {
        let plan = self.plan_config(text);
        if plan.needs_analysis() {
            return self.apply_config(plan);
        }
        let text = plan.into_text();
        match Config::parse(&text) {
            Ok(config) => {
                let annotations_changed = config.annotations != self.config.annotations;
                self.take_config(config);
                if annotations_changed {
                    self.reload_anns();
                    self.gazetteer = Arc::new(Gazetteer::new(&curated(&self.config)));
                    self.reanalyse_all();
                }
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

    /// Makes a parsed `config` this corpus's.
    fn take_config(&mut self, config: Config) {
        self.config = config;
        self.config_errors.clear();
        self.overrides = overrides(&self.config);
        self.forget_canonical_names();
    }

    fn reanalyse_all(&mut self) {
        self.rebuild(|_| true);
    }

    /// Builds the index afresh, analysing again the articles `stale` says
    /// (the others keep their analysis, which the change cannot reach).
    fn rebuild(&mut self, stale: impl Fn(&Path) -> bool + Sync) {
        if self.articles.is_empty() {
            return;
        }
        let entries: Vec<Arc<ArticleEntry>> = self
            .articles
            .par_iter()
            .map(|(path, e)| {
                if stale(path) {
                    Arc::new(self.new_entry(path.clone(), e.text.clone()))
                } else {
                    Arc::clone(e)
                }
            })
            .collect();
        self.reinstall(entries);
    }

    /// Indexes `entries` afresh, in place of every article.
    fn reinstall(&mut self, entries: Vec<Arc<ArticleEntry>>) {
        self.articles.clear();
        self.names = NameTable::new();
        self.mentions.clear();
        self.entities = EntityIndex::default();
        self.claims = claims::ClaimIndex::default();
        self.dateline_example = None;
        self.key_articles.clear();
        self.others.clear();
        self.install_all(entries);
    }

    /// Analyses an article of this corpus: with its curated names, and
    /// with the publication date `corpus.toml` gives it, if any.
    pub fn new_entry(&self, path: PathBuf, text: Arc<str>) -> ArticleEntry {
        let publication = self.configured_publication(&path);
        ArticleEntry::with_publication(path, text, &self.gazetteer, publication)
    }

    /// The publication date `corpus.toml` gives the article at `path`.
    fn configured_publication(&self, path: &Path) -> Option<jiff::civil::Date> {
        configured_publication(&self.root, &self.config, path)
    }

    /// Like [`Corpus::new_entry`], through the analysis cache: also the
    /// entry's cache key and whether it was analysed afresh.
    fn cached_entry(
        &self,
        session: &cache::Session,
        path: PathBuf,
        text: Arc<str>,
    ) -> (ArticleEntry, u128, bool) {
        let publication = self.configured_publication(&path);
        let (key, analysis, fresh) = session.analyse(&text, &self.gazetteer, publication);
        let entry = ArticleEntry {
            path,
            text,
            analysis,
        };
        (entry, key, fresh)
    }

    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }

    /// Whether `path` is an article of this corpus by its globs (and not
    /// in an export folder).
    pub fn accepts(&self, path: &Path) -> bool {
        path.strip_prefix(&self.root)
            .is_ok_and(|rel| discover::FileFilter::new(&self.config).accepts(rel))
            && !discover::in_export(&self.root, path)
    }

    /// Re-analyses one article from new text. Never touches other articles.
    pub fn upsert(&mut self, path: PathBuf, text: Arc<str>) -> Arc<ArticleEntry> {
        let entry = Arc::new(self.new_entry(path, text));
        self.insert(Arc::clone(&entry));
        entry
    }

    /// Puts an analysed entry in place of the article's previous one and
    /// updates the corpus-wide tables for that article alone (plus the
    /// articles that use an acronym or surname whose definition changed).
    pub fn insert(&mut self, entry: Arc<ArticleEntry>) {
        self.skipped.remove(&entry.path);
        let id = self.id_for(&entry.path);
        let old = self.articles.insert(entry.path.clone(), Arc::clone(&entry));
        if old.is_none() && self.annotations_enabled() && !self.ann_files.contains_key(&entry.path)
        {
            // A new article: its annotations may already be on disk.
            match annotations::read_ann(&entry.path) {
                Some(Ok(file)) => {
                    self.ann_files.insert(entry.path.clone(), Arc::new(file));
                }
                Some(Err(message)) => {
                    tracing::warn!("{message}");
                    self.ann_errors.insert(entry.path.clone(), message);
                }
                None => {}
            }
        }
        self.update_dateline_example(&entry.path);
        let old_names = old.as_ref().map(|o| &o.analysis.names);
        let mut changed = defining_keys(&entry.analysis.names);
        if let Some(old_names) = old_names {
            let before = defining_keys(old_names);
            changed = changed.symmetric_difference(&before).cloned().collect();
        }
        let kinds = self.kinds_of(old_names.into_iter().chain([&entry.analysis.names]));
        if let Some(old_names) = old_names {
            self.names.remove_article(id, old_names);
        }
        self.names.add_article(id, &entry.analysis.names);
        changed.extend(self.kinds_changed(kinds));
        self.index_keys(id, old_names, &entry.analysis.names);
        self.resolve_article(id);
        if !changed.is_empty() {
            self.resolve_users_of(&changed, id);
        }
    }

    pub fn mark_skipped(&mut self, path: PathBuf, reason: SkipReason) {
        self.remove(&path);
        self.skipped.insert(path, reason);
    }

    pub fn remove(&mut self, path: &Path) {
        self.forget_canonical_names();
        self.skipped.remove(path);
        let Some(old) = self.articles.remove(path) else {
            return;
        };
        self.update_dateline_example(path);
        let id = self.ids[path];
        let kinds = self.kinds_of([&old.analysis.names]);
        self.names.remove_article(id, &old.analysis.names);
        let flipped = self.kinds_changed(kinds);
        self.index_keys(id, Some(&old.analysis.names), &ArticleNames::default());
        self.entities.remove_article(id);
        self.remove_claims(id);
        self.mentions.remove(&id);
        self.others.remove(&id);
        self.ann_files.remove(path);
        self.ann_errors.remove(path);
        let mut keys = defining_keys(&old.analysis.names);
        keys.extend(flipped);
        self.resolve_users_of(&keys, id);
    }

    /// What the name table says of each name of these articles (their
    /// kind, the acronym and surname each stands for, and each head word
    /// of their multi-word names), before a change to it.
    fn kinds_of<'a>(&self, names: impl IntoIterator<Item = &'a ArticleNames>) -> Vec<NameFacts> {
        let mut keys: Vec<&str> = Vec::new();
        for n in names {
            for c in &n.candidates {
                let key = c.key.as_str();
                keys.push(key);
                keys.extend(key.split(' ').next());
                keys.extend(key.rsplit(' ').next());
            }
            keys.extend(n.acronyms.iter().map(|a| a.short.as_str()));
        }
        keys.sort_unstable();
        keys.dedup();
        keys.into_iter().map(|k| self.name_facts(k)).collect()
    }

    fn name_facts(&self, key: &str) -> NameFacts {
        NameFacts {
            key: key.to_string(),
            kind: self.names.kind_of(key),
            head: self.names.is_head_word(key),
            head_kind: self.names.head_kind(key),
            acronym: self
                .names
                .acronym(key)
                .map(|(long, name)| (long.to_string(), name)),
            person: self.names.person_for_surname(key).map(str::to_string),
        }
    }

    /// The names whose corpus-wide kind (or kind as a head word) a change
    /// to the name table moved: other articles resolve them differently now.
    fn kinds_changed(&self, before: Vec<NameFacts>) -> Vec<String> {
        before
            .into_iter()
            .filter(|facts| self.name_facts(&facts.key) != *facts)
            .map(|facts| facts.key)
            .collect()
    }

    pub fn article(&self, path: &Path) -> Option<&Arc<ArticleEntry>> {
        self.articles.get(path)
    }

    pub fn article_by_id(&self, id: u32) -> Option<&Arc<ArticleEntry>> {
        self.paths.get(&id).and_then(|p| self.articles.get(p))
    }

    pub fn id_of(&self, path: &Path) -> Option<u32> {
        self.ids
            .get(path)
            .copied()
            .filter(|_| self.articles.contains_key(path))
    }

    /// The resolved mentions of an article, sorted by start.
    pub fn mentions(&self, path: &Path) -> Option<&Arc<[Mention]>> {
        self.mentions.get(self.ids.get(path)?)
    }

    /// An article's annotations of types that are none of ours, sorted by
    /// start.
    pub fn other_mentions(&self, path: &Path) -> &[OtherMention] {
        self.ids
            .get(path)
            .and_then(|id| self.others.get(id))
            .map_or(&[], |o| o.as_ref())
    }

    pub fn entity_index(&self) -> &EntityIndex {
        &self.entities
    }

    pub fn names(&self) -> &NameTable {
        &self.names
    }

    /// The entity a resolved name belongs to: every name it is written
    /// as, each with the reason it was merged.
    pub fn cluster(&self, name: &str) -> Option<identity::Cluster> {
        identity::cluster(&self.entities, &self.overrides, name)
    }

    /// The entity of a name, or the name alone when the index does not
    /// know it.
    pub fn cluster_or_self(&self, name: &str, kind: EntityKind) -> identity::Cluster {
        self.cluster(name).unwrap_or_else(|| identity::Cluster {
            canonical: name.to_string(),
            kind,
            members: vec![identity::Member {
                name: name.to_string(),
                reason: None,
            }],
            possibly: Vec::new(),
        })
    }

    /// `corpus.toml` text (`source`) with the entity of `name` renamed:
    /// its other names become aliases of the new one, so that identity
    /// does not fall apart under a new name (misspellings stay what they
    /// are, not aliases).
    pub fn rename_entity(
        &self,
        source: &str,
        name: &str,
        kind: EntityKind,
        new_name: &str,
    ) -> Result<String, curation::CurationError> {
        let cluster = self.cluster_or_self(name, kind);
        let kind = cluster.kind;
        let mut out = curation::rename_entity(source, &cluster.canonical, new_name, kind)?;
        for member in &cluster.members {
            let misspelt = member
                .reason
                .as_ref()
                .is_some_and(|r| r.link == identity::Link::Misspelling && r.member_is_short);
            if member.name != cluster.canonical && member.name != new_name && !misspelt {
                out = curation::add_alias(&out, new_name, kind, &member.name)?;
            }
        }
        Ok(out)
    }

    /// How many entities the names of one article are, and how many of
    /// those other articles mention too (under any name).
    pub fn entities_of(&self, names: &[&str]) -> (usize, usize) {
        let mut seen: HashSet<String> = HashSet::new();
        let (mut entities, mut shared) = (0, 0);
        for name in names {
            if seen.contains(*name) {
                continue;
            }
            let members = xref::member_names(self, name);
            let members: Vec<&str> = members.iter().map(String::as_str).collect();
            entities += 1;
            if self.entities.article_count_of(&members) > 1 {
                shared += 1;
            }
            seen.extend(members.iter().map(|m| m.to_string()));
        }
        (entities, shared)
    }

    /// Every entity of the corpus, each once.
    pub fn clusters(&self) -> Vec<identity::Cluster> {
        identity::clusters(&self.entities, &self.overrides)
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
}

/// An article's mentions: recognition resolved against the corpus's
/// names, with its annotations (if any) laid over.
fn resolve_mentions(
    entry: &ArticleEntry,
    names: &NameTable,
    gazetteer: &Gazetteer,
    ann: Option<&AnnFile>,
) -> (Arc<[Mention]>, Arc<[OtherMention]>) {
    let automatic =
        crate::analysis::entities::resolve(&entry.text, &entry.analysis.names, names, gazetteer);
    match ann {
        None => (automatic.into(), Arc::from([])),
        Some(ann) => {
            let out = crate::analysis::annotations::overlay(&entry.text, automatic, ann, |s, k| {
                annotations::canonical(gazetteer, names, s, k)
            });
            (out.mentions.into(), out.others.into())
        }
    }
}

/// Records under each candidate key of an article's names that it uses
/// the key (`key_articles`: sorted id lists), in place of `old`'s.
fn index_keys_in(
    key_articles: &mut FxHashMap<Box<str>, Vec<u32>>,
    id: u32,
    old: Option<&ArticleNames>,
    new: &ArticleNames,
) {
    if let Some(old) = old {
        for c in &old.candidates {
            if let Some(ids) = key_articles.get_mut(c.key.as_str())
                && let Ok(at) = ids.binary_search(&id)
            {
                ids.remove(at);
                if ids.is_empty() {
                    key_articles.remove(c.key.as_str());
                }
            }
        }
    }
    for c in &new.candidates {
        match key_articles.get_mut(c.key.as_str()) {
            Some(ids) => {
                if let Err(at) = ids.binary_search(&id) {
                    ids.insert(at, id);
                }
            }
            None => {
                key_articles.insert(c.key.as_str().into(), vec![id]);
            }
        }
    }
}
