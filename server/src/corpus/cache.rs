//! A persisted cache of article analyses, one file per corpus root, so a
//! second start on an unchanged corpus skips analysing its articles.
//!
//! An entry is keyed by a hash of the article's text and the publication
//! date `corpus.toml` gives it. Its claims have their own entry, keyed by
//! that and its resolved mentions, which depend on the names of the whole
//! corpus: a claim is read again only where those changed. The file as a
//! whole is keyed by the analyser's version, the build, and a hash of the
//! curated names the gazetteer is made from. The file is read once, whole,
//! at load (and let go of once its entries are read: read again only to keep
//! some of them in a new file) and written atomically after it
//! (`safe_write`): two servers on one corpus leave one of their files, each
//! valid. A file that is corrupt, truncated or from another version is
//! ignored with one log line, never trusted.

use super::claims::ArticleClaims;
use crate::analysis::ArticleAnalysis;
use crate::analysis::entities::{Gazetteer, Mention};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::SystemTime;
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128_with_seed};

/// Bump whenever analysis output changes for the same text, or claims for
/// the same text and mentions, so caches made by the old analyser are
/// dropped.
pub const ANALYSER_VERSION: u32 = 11;
const MAGIC: &[u8; 8] = b"CLSPCACH";
/// The layout of the file itself (header, meta, entry records).
const FORMAT: u32 = 2;
/// Magic, format and checksum.
const HEADER: usize = 8 + 4 + 8;
/// Cache files' extension, so `clear` removes only ours.
pub const EXTENSION: &str = "corpus-cache";
/// The default bound on all cache files together.
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// Where caches live and how large they may grow together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub dir: PathBuf,
    pub max_bytes: u64,
}

impl Settings {
    /// From the environment: `CORPUS_LSP_CACHE_DIR` (else the platform's
    /// cache folder) and `CORPUS_LSP_CACHE_MAX_MB`.
    pub fn from_env() -> Option<Settings> {
        let dir = match std::env::var_os("CORPUS_LSP_CACHE_DIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => dirs::cache_dir()?.join("corpus-lsp"),
        };
        let max_bytes = std::env::var("CORPUS_LSP_CACHE_MAX_MB")
            .ok()
            .and_then(|mb| mb.trim().parse::<u64>().ok())
            .map_or(DEFAULT_MAX_BYTES, |mb| mb.saturating_mul(1 << 20));
        Some(Settings { dir, max_bytes })
    }
}

/// The process's cache settings; `None` (the default) is off, so library
/// users and tests write nothing unless they ask.
static GLOBAL: RwLock<Option<Settings>> = RwLock::new(None);

/// Turns the cache on (with `Some`) or off for every later `Corpus::load`.
pub fn set_global(settings: Option<Settings>) {
    if let Ok(mut global) = GLOBAL.write() {
        *global = settings;
    }
}

pub fn global() -> Option<Settings> {
    GLOBAL.read().ok().and_then(|g| g.clone())
}

/// What a file must have been made with to be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Meta {
    analyser: u32,
    crate_version: String,
    /// The executable's size and time, so a rebuilt analyser (in
    /// development, without a version bump) never reads an old file.
    build: u64,
    /// The curated names the gazetteer is built from.
    settings: u64,
    root: String,
    /// Articles' analyses, then claim sets (see [`claims_key`]).
    entries: u64,
    claim_sets: u64,
}

fn build_fingerprint() -> u64 {
    let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
    else {
        return 0;
    };
    let time = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    meta.len().rotate_left(32) ^ time
}

/// The key of one article's analysis.
pub fn entry_key(text: &str, publication: Option<jiff::civil::Date>) -> u128 {
    let seed = publication.map_or(0, |d| {
        1 + (((d.year() as u16 as u64) << 16) | ((d.month() as u64) << 8) | d.day() as u64)
    });
    xxh3_128_with_seed(text.as_bytes(), seed)
}

/// The key of an article's claims: what they are read from, its text and
/// analysis (`entry_key`) and its resolved mentions. Claim sets are kept
/// apart from analyses in the file, so the two kinds of key never meet.
pub fn claims_key(entry_key: u128, mentions: &[Mention]) -> u128 {
    let mut h = Xxh3::new();
    h.update(b"claims");
    h.update(&entry_key.to_le_bytes());
    for m in mentions {
        h.update(&(m.span.start as u64).to_le_bytes());
        h.update(&(m.span.end as u64).to_le_bytes());
        h.update(&[
            m.kind as u8,
            u8::from(m.is_alias),
            u8::from(m.is_declaration),
        ]);
        h.update(&(m.entity.len() as u64).to_le_bytes());
        h.update(m.entity.as_bytes());
        match &m.value {
            Some(value) => h.update(&postcard::to_allocvec(value).unwrap_or_default()),
            None => h.update(&[0xff]),
        }
        match &m.annotation {
            Some(id) => {
                h.update(&(id.len() as u64).to_le_bytes());
                h.update(id.as_bytes());
            }
            None => h.update(&[0xff]),
        }
    }
    h.digest128()
}

/// `value` as a cache would give it back: decoding allocates every vector
/// and string at its length, where building them leaves room to grow (a
/// fifth of an index's memory, and mimalloc's `shrink_to_fit` keeps a
/// block up to twice the length).
pub fn compacted<T: Serialize + serde::de::DeserializeOwned>(value: T) -> T {
    let bytes = postcard::to_allocvec(&value).ok();
    decoded_or(bytes.as_deref(), value)
}

/// `bytes` (the encoding of `value`) decoded, else `value`.
fn decoded_or<T: serde::de::DeserializeOwned>(bytes: Option<&[u8]>, value: T) -> T {
    bytes
        .and_then(|b| postcard::from_bytes(b).ok())
        .unwrap_or(value)
}

/// The file for the corpus at `root` (canonicalised when it exists).
pub fn file_for(dir: &Path, root: &Path) -> PathBuf {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let hash = xxh3_64(root.as_os_str().as_encoded_bytes());
    dir.join(format!("{hash:016x}.{EXTENSION}"))
}

/// A cache file read and checked: its bytes and where each entry is.
#[derive(Debug)]
struct Stored {
    bytes: Vec<u8>,
    entries: HashMap<u128, Range<usize>>,
    /// Claim sets (see [`claims_key`]), apart: a key of one kind never
    /// reads a record of the other.
    claims: HashMap<u128, Range<usize>>,
}

/// One load's use of the cache: the entries read, and what to write after.
pub struct Session {
    settings: Settings,
    path: PathBuf,
    meta: Meta,
    stored: Option<Stored>,
}

impl Session {
    /// Opens the cache of the corpus at `root`, whose gazetteer is built
    /// from `curated` (any stable rendering of it).
    pub fn open(settings: &Settings, root: &Path, curated: &str) -> Session {
        let path = file_for(&settings.dir, root);
        let meta = Meta {
            analyser: ANALYSER_VERSION,
            crate_version: env!("CARGO_PKG_VERSION").to_string(),
            build: build_fingerprint(),
            settings: xxh3_64(curated.as_bytes()),
            root: root.to_string_lossy().into_owned(),
            entries: 0,
            claim_sets: 0,
        };
        let stored = match std::fs::read(&path) {
            Ok(bytes) => match parse(bytes, &meta) {
                Ok(stored) => {
                    touch(&path);
                    Some(stored)
                }
                // Curating names in corpus.toml is ordinary use, not a fault.
                Err(reason) if reason == CURATED_CHANGED => {
                    tracing::info!("renewing the analysis cache {}: {reason}", path.display());
                    None
                }
                Err(reason) => {
                    tracing::warn!("ignoring the analysis cache {}: {reason}", path.display());
                    None
                }
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => {
                tracing::warn!("ignoring the analysis cache {}: {err}", path.display());
                None
            }
        };
        Session {
            settings: settings.clone(),
            path,
            meta,
            stored,
        }
    }

    /// The stored analysis of `key`, if any and readable.
    fn get(&self, key: u128) -> Option<ArticleAnalysis> {
        let stored = self.stored.as_ref()?;
        let range = stored.entries.get(&key)?;
        postcard::from_bytes(stored.bytes.get(range.clone())?).ok()
    }

    /// The analysis of `text`, from the cache or made afresh (then `true`:
    /// to store).
    pub fn analyse(
        &self,
        text: &str,
        gazetteer: &Gazetteer,
        publication: Option<jiff::civil::Date>,
    ) -> (u128, ArticleAnalysis, bool) {
        let key = entry_key(text, publication);
        if let Some(analysis) = self.get(key) {
            return (key, analysis, false);
        }
        let analysis = ArticleAnalysis::with_publication(text, gazetteer, publication);
        (key, compacted(analysis), true)
    }

    /// The key of an analysis kept from before (a reload), and whether
    /// this cache lacks it (then it is to store).
    pub fn keep(&self, text: &str, publication: Option<jiff::civil::Date>) -> (u128, bool) {
        let key = entry_key(text, publication);
        let stored = self
            .stored
            .as_ref()
            .is_some_and(|s| s.entries.contains_key(&key));
        (key, !stored)
    }

    /// The claims of an article whose text has the key `entry_key` and
    /// whose mentions are `mentions`, from the cache or read afresh; with
    /// their key, and whether they are fresh (to store).
    pub fn claims(
        &self,
        entry_key: u128,
        mentions: &[Mention],
        read: impl FnOnce() -> ArticleClaims,
    ) -> (ArticleClaims, (u128, bool)) {
        let key = claims_key(entry_key, mentions);
        let stored = self.stored.as_ref().and_then(|s| {
            let range = s.claims.get(&key)?;
            postcard::from_bytes(s.bytes.get(range.clone())?).ok()
        });
        if let Some(claims) = stored {
            return (claims, (key, false));
        }
        (compacted(read()), (key, true))
    }

    /// Lets go of the file read at load once every entry has been read
    /// from it: it is as large as the analyses themselves, and the index
    /// is built after. [`Session::save`] reads it again if it needs to.
    pub fn release_file(&mut self) {
        if let Some(stored) = &mut self.stored {
            stored.bytes = Vec::new();
        }
    }

    /// Writes the cache for the articles loaded and their claims: `(key,
    /// fresh record)`, where none means it came from this cache. Writes
    /// nothing when the file already holds exactly these entries.
    pub fn save(self, analyses: Vec<(u128, Option<Fresh>)>, claims: Vec<(u128, Option<Fresh>)>) {
        let reused = |list: &[(u128, Option<Fresh>)]| {
            list.iter().filter(|(_, fresh)| fresh.is_none()).count()
        };
        tracing::info!(
            "analysis cache {}: {} of {} articles reused, {} of {} claim sets",
            self.path.display(),
            reused(&analyses),
            analyses.len(),
            reused(&claims),
            claims.len(),
        );
        let unchanged = self.stored.as_ref().is_some_and(|s| {
            let same = |list: &[(u128, Option<Fresh>)], stored: &HashMap<u128, Range<usize>>| {
                list.iter().all(|(_, fresh)| fresh.is_none())
                    && stored.len()
                        == list
                            .iter()
                            .map(|(k, _)| k)
                            .collect::<std::collections::HashSet<_>>()
                            .len()
            };
            same(&analyses, &s.entries) && same(&claims, &s.claims)
        });
        if unchanged {
            return;
        }
        // Records kept from the file need its bytes, let go of after load.
        let needs_file = analyses.iter().chain(&claims).any(|(_, f)| f.is_none());
        let reread;
        let stored = match &self.stored {
            Some(s) if needs_file && s.bytes.is_empty() => {
                reread = std::fs::read(&self.path)
                    .ok()
                    .and_then(|bytes| parse(bytes, &self.meta).ok());
                reread.as_ref()
            }
            stored => stored.as_ref(),
        };
        // The records are written from where they lie (the file read at
        // load) or encoded a few at a time, never gathered in one buffer:
        // a cache is written while the whole index is in memory.
        fn pick<'a>(
            list: &'a [(u128, Option<Fresh>)],
            stored: Option<&'a Stored>,
            claims: bool,
        ) -> Vec<(u128, Record<'a>)> {
            let mut records = Vec::with_capacity(list.len());
            // Articles with the same text (and mentions) share an entry.
            let mut written = std::collections::HashSet::with_capacity(list.len());
            for (key, fresh) in list {
                if !written.insert(*key) {
                    continue;
                }
                if let Some(fresh) = fresh {
                    records.push((*key, Record::Fresh(fresh)));
                    continue;
                }
                let from_file = stored.and_then(|s| {
                    let range = if claims {
                        s.claims.get(key)
                    } else {
                        s.entries.get(key)
                    }?;
                    s.bytes.get(range.clone())
                });
                if let Some(bytes) = from_file {
                    records.push((*key, Record::Stored(bytes)));
                }
            }
            records
        }
        let analysis_records = pick(&analyses, stored, false);
        let claim_records = pick(&claims, stored, true);
        // Over the bound, claim sets go first: they are the cheaper to read again.
        let room = self.settings.max_bytes.saturating_sub(HEADER as u64 + 256);
        let written = match self.write(&analysis_records, &claim_records, room) {
            Written::TooLarge => self.write(&analysis_records, &[], self.settings.max_bytes),
            written => written,
        };
        match written {
            Written::Done => evict(&self.settings, &self.path),
            Written::TooLarge => {
                tracing::info!("the analysis cache would exceed its bound: not written");
                let _ = std::fs::remove_file(&self.path);
            }
            Written::Failed(err) => tracing::warn!("cannot write the analysis cache: {err}"),
        }
    }

    /// Writes the file with `analyses` then `claims`, unless its records
    /// come to more than `bound` bytes (with the header, for analyses alone).
    fn write(&self, analyses: &[(u128, Record)], claims: &[(u128, Record)], bound: u64) -> Written {
        let meta = Meta {
            entries: analyses.len() as u64,
            claim_sets: claims.len() as u64,
            ..self.meta.clone()
        };
        let Ok(meta) = postcard::to_allocvec(&meta) else {
            return Written::Failed("cannot encode the header".into());
        };
        // Claims are bounded by their records alone, analyses with the header.
        let mut size = if claims.is_empty() {
            (HEADER + meta.len()) as u64
        } else {
            0
        };
        let mut too_large = false;
        let written = crate::safe_write::write_file(&self.path, |file| {
            use std::io::{Seek, SeekFrom, Write};
            let mut out = std::io::BufWriter::new(&mut *file);
            out.write_all(MAGIC)?;
            out.write_all(&FORMAT.to_le_bytes())?;
            // The checksum, known once the records are written.
            out.write_all(&[0; 8])?;
            out.write_all(&meta)?;
            let mut checksum = Xxh3::new();
            checksum.update(&meta);
            let records = analyses.iter().chain(claims);
            let mut batch = Vec::with_capacity(ENCODED_AT_ONCE);
            let mut records = records.peekable();
            while records.peek().is_some() {
                batch.clear();
                batch.extend(records.by_ref().take(ENCODED_AT_ONCE));
                use rayon::prelude::*;
                let encoded: Vec<Option<std::borrow::Cow<[u8]>>> =
                    batch.par_iter().map(|(_, record)| record.bytes()).collect();
                for ((key, _), bytes) in batch.iter().zip(encoded) {
                    let bytes = bytes.ok_or_else(|| std::io::Error::other("cannot encode"))?;
                    let len = u32::try_from(bytes.len())
                        .map_err(|_| std::io::Error::other("a record over 4 GiB"))?;
                    size += 20 + u64::from(len);
                    if size > bound {
                        too_large = true;
                        return Err(std::io::Error::other("over the bound"));
                    }
                    let mut head = [0u8; 20];
                    head[..16].copy_from_slice(&key.to_le_bytes());
                    head[16..].copy_from_slice(&len.to_le_bytes());
                    checksum.update(&head);
                    checksum.update(&bytes);
                    out.write_all(&head)?;
                    out.write_all(&bytes)?;
                }
            }
            out.flush()?;
            drop(out);
            file.seek(SeekFrom::Start(12))?;
            file.write_all(&checksum.digest().to_le_bytes())
        });
        match written {
            Ok(()) => Written::Done,
            Err(_) if too_large => Written::TooLarge,
            Err(err) => Written::Failed(err),
        }
    }
}

/// How many fresh records are encoded together (on every core) while the
/// file is written.
const ENCODED_AT_ONCE: usize = 256;

/// A record this load made afresh, encoded only when the file is written:
/// holding every encoding through a load took as much memory as the file.
#[derive(Debug)]
pub enum Fresh {
    Analysis(std::sync::Arc<super::ArticleEntry>),
    Claims(std::sync::Arc<ArticleClaims>),
}

/// Where a record to write comes from.
enum Record<'a> {
    Stored(&'a [u8]),
    Fresh(&'a Fresh),
}

impl Record<'_> {
    fn bytes(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        let encoded = match self {
            Record::Stored(bytes) => return Some(std::borrow::Cow::Borrowed(bytes)),
            Record::Fresh(Fresh::Analysis(entry)) => postcard::to_allocvec(&entry.analysis),
            Record::Fresh(Fresh::Claims(claims)) => postcard::to_allocvec(&**claims),
        };
        encoded.ok().map(std::borrow::Cow::Owned)
    }
}

/// How writing the file went.
enum Written {
    Done,
    TooLarge,
    Failed(String),
}

/// Marks a file used now, for least-recently-used eviction.
fn touch(path: &Path) {
    if let Ok(file) = std::fs::File::options().append(true).open(path) {
        let _ = file.set_modified(SystemTime::now());
    }
}

const CURATED_CHANGED: &str = "made with other curated names in corpus.toml";

/// Checks and indexes a cache file; any problem is the reason it is ignored.
fn parse(bytes: Vec<u8>, expect: &Meta) -> Result<Stored, String> {
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err("not a cache file (truncated or foreign)".into());
    }
    let format = u32::from_le_bytes(bytes[8..12].try_into().unwrap_or_default());
    if format != FORMAT {
        return Err(format!("file format {format}, expected {FORMAT}"));
    }
    let checksum = u64::from_le_bytes(bytes[12..20].try_into().unwrap_or_default());
    if xxh3_64(&bytes[HEADER..]) != checksum {
        return Err("checksum mismatch (corrupt or truncated)".into());
    }
    let (meta, rest) =
        postcard::take_from_bytes::<Meta>(&bytes[HEADER..]).map_err(|e| e.to_string())?;
    let same = Meta {
        entries: meta.entries,
        claim_sets: meta.claim_sets,
        ..expect.clone()
    };
    if meta != same {
        let curated_only = Meta {
            settings: meta.settings,
            ..same.clone()
        } == meta;
        return Err(if curated_only {
            CURATED_CHANGED.into()
        } else {
            format!(
                "made by another version (analyser {} of {})",
                meta.analyser, meta.crate_version
            )
        });
    }
    let expected = meta.entries.saturating_add(meta.claim_sets);
    let mut entries = HashMap::with_capacity(meta.entries.min(1 << 24) as usize);
    let mut claims = HashMap::with_capacity(meta.claim_sets.min(1 << 24) as usize);
    let mut at = bytes.len() - rest.len();
    let mut read = 0u64;
    while at < bytes.len() {
        let record = bytes.get(at..at + 20).ok_or("a truncated entry")?;
        let key = u128::from_le_bytes(record[..16].try_into().unwrap_or_default());
        let len = u32::from_le_bytes(record[16..20].try_into().unwrap_or_default()) as usize;
        let start = at + 20;
        let end = start.checked_add(len).filter(|&e| e <= bytes.len());
        let end = end.ok_or("an entry runs past the end")?;
        // Analyses first, then claim sets.
        let kind = if read < meta.entries {
            &mut entries
        } else {
            &mut claims
        };
        kind.insert(key, start..end);
        read += 1;
        at = end;
    }
    if read != expected || (entries.len() + claims.len()) as u64 != expected {
        return Err("entry count mismatch".into());
    }
    Ok(Stored {
        bytes,
        entries,
        claims,
    })
}

/// Removes the least recently used cache files until all fit the bound,
/// keeping `keep` (just written).
fn evict(settings: &Settings, keep: &Path) {
    let mut files = list(&settings.dir);
    let mut total: u64 = files.iter().map(|f| f.size).sum();
    files.sort_by_key(|f| f.used);
    for file in files {
        if total <= settings.max_bytes {
            break;
        }
        if file.path != keep && std::fs::remove_file(&file.path).is_ok() {
            total -= file.size;
        }
    }
}

/// A cache file, as `corpus-lsp cache info` lists it.
#[derive(Debug, Clone)]
pub struct FileInfo {
    pub path: PathBuf,
    pub size: u64,
    pub used: SystemTime,
    /// The corpus root and entry count, when its header reads.
    pub root: Option<String>,
    pub entries: Option<u64>,
}

/// The cache files in `dir`, in no particular order.
pub fn list(dir: &Path) -> Vec<FileInfo> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    read.flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some(FileInfo {
                path: e.path(),
                size: meta.len(),
                used: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                root: None,
                entries: None,
            })
        })
        .collect()
}

/// Reads the root and entry count of a listed file (its head only).
pub fn describe(mut file: FileInfo) -> FileInfo {
    use std::io::Read;
    let mut head = Vec::new();
    let read =
        std::fs::File::open(&file.path).and_then(|f| f.take(64 * 1024).read_to_end(&mut head));
    if read.is_ok() && head.len() > HEADER && &head[..8] == MAGIC {
        if let Ok((meta, _)) = postcard::take_from_bytes::<Meta>(&head[HEADER..]) {
            file.root = Some(meta.root);
            file.entries = Some(meta.entries);
        }
    }
    file
}

/// Removes every cache file in `dir`: how many and their total size.
pub fn clear(dir: &Path) -> (usize, u64) {
    let mut removed = (0, 0);
    for file in list(dir) {
        if std::fs::remove_file(&file.path).is_ok() {
            removed.0 += 1;
            removed.1 += file.size;
        }
    }
    removed
}

#[cfg(test)]
mod tests;
