//! Diagnostics out: what a change touched, the publications it calls for,
//! and the outbox that sends only what changed, in the order computed.

use crate::analysis::annotations::ann_path;
use crate::ide::FileKind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use tower_lsp_server::ls_types::{Diagnostic, Uri};

use super::state::{Facts, to_path};

/// A diagnostic publication computed under the state lock and sent after.
pub struct Publication {
    pub uri: Uri,
    pub version: Option<i32>,
    pub diagnostics: Vec<Diagnostic>,
    /// Sent even when equal to the last one (the file a change is about).
    pub forced: bool,
    /// When it was computed: handlers run concurrently, and one computed
    /// earlier must not overwrite one computed later.
    stamp: u64,
}

static STAMP: AtomicU64 = AtomicU64::new(0);

impl Publication {
    pub fn new(uri: Uri, version: Option<i32>, diagnostics: Vec<Diagnostic>) -> Publication {
        Publication {
            uri,
            version,
            diagnostics,
            forced: true,
            stamp: STAMP.fetch_add(1, Ordering::Relaxed),
        }
    }
}

/// What a change makes worth republishing.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Touched {
    /// Files whose diagnostics may have changed, open or not.
    pub files: Vec<PathBuf>,
    /// Open documents without a file path.
    pub uris: Vec<Uri>,
    /// Every open document.
    pub all_open: bool,
    /// Open documents whose findings the change may reach (see
    /// [`crate::corpus::Corpus::reached`]), republished when changed.
    pub open: Vec<Uri>,
    /// The change may reach other articles' findings (through its claims,
    /// its names or its date): a pulling client is asked to pull again.
    pub reaches_others: bool,
    /// Every `.ann` of the corpora at these roots; those no longer
    /// applied are cleared.
    pub all_ann: Vec<PathBuf>,
    /// Semantic tokens and inlay hints may have changed beyond the file.
    pub refresh_views: bool,
    /// Closed articles whose conflicts may have changed: those sharing an
    /// event or figure key with a changed article, before or after.
    pub claim_neighbours: Vec<PathBuf>,
}

impl Touched {
    /// What a change to `path` (of `kind`) touched, from the facts read
    /// before and after it. The one place that decides it.
    pub fn by_change(path: &Path, kind: FileKind, before: &Facts, after: &Facts) -> Touched {
        let mut touched = Touched {
            files: vec![path.to_path_buf()],
            ..Touched::default()
        };
        match kind {
            FileKind::Article => {
                // Its `.ann` findings (stale annotations) follow its text.
                touched.files.push(ann_path(path));
                // Identity's answers (canonical names, misspelling targets
                // and counts) reach every article; its claims and date only
                // those `State::by_change` finds.
                touched.all_open = before.exposure.identity_changed(&after.exposure);
                touched.reaches_others = touched.all_open
                    || before.tells_events
                    || after.tells_events
                    || before.exposure != after.exposure;
                touched.claim_neighbours = before.claim_neighbours.clone();
                touched
                    .claim_neighbours
                    .extend(after.claim_neighbours.iter().cloned());
            }
            // The editor's copy caught up with our own edit (or shows what
            // the corpus has): only the file's version changed.
            FileKind::Annotations if before.ann_copy == after.ann_copy => {}
            FileKind::Annotations | FileKind::Config => {
                touched.all_open = true;
                touched.refresh_views = true;
            }
        }
        if before.annotations != after.annotations {
            touched.all_open = true;
            touched.refresh_views = true;
            touched
                .all_ann
                .extend(after.root.clone().or_else(|| before.root.clone()));
        }
        touched
    }

    pub fn everything_open() -> Touched {
        Touched {
            all_open: true,
            refresh_views: true,
            ..Touched::default()
        }
    }

    pub fn merge(&mut self, other: Touched) {
        self.files.extend(other.files);
        self.uris.extend(other.uris);
        self.all_open |= other.all_open;
        self.open.extend(other.open);
        self.reaches_others |= other.reaches_others;
        self.all_ann.extend(other.all_ann);
        self.refresh_views |= other.refresh_views;
        self.claim_neighbours.extend(other.claim_neighbours);
    }
}

struct Sent {
    stamp: u64,
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
}

/// The last publication sent per file.
#[derive(Default)]
pub struct Outbox {
    sent: HashMap<Uri, Sent>,
}

impl Outbox {
    /// Which of `publications` to send: never one older than what was
    /// sent; unless forced, not one equal to it, nor an empty one for a
    /// closed file that never had any. `.ann` files under `clear_under` that had diagnostics and
    /// are not in the batch get cleared.
    pub fn due(
        &mut self,
        publications: Vec<Publication>,
        clear_under: &[PathBuf],
    ) -> Vec<Publication> {
        let mut due = Vec::new();
        let mut batch: Vec<Uri> = Vec::new();
        for p in publications {
            batch.push(p.uri.clone());
            let send = match self.sent.get(&p.uri) {
                Some(last) if last.stamp > p.stamp => false,
                _ if p.forced => true,
                Some(last) => last.version != p.version || last.diagnostics != p.diagnostics,
                None => p.version.is_some() || !p.diagnostics.is_empty(),
            };
            if send {
                self.sent.insert(
                    p.uri.clone(),
                    Sent {
                        stamp: p.stamp,
                        version: p.version,
                        diagnostics: p.diagnostics.clone(),
                    },
                );
                due.push(p);
            } else if let Some(last) = self.sent.get_mut(&p.uri) {
                last.stamp = last.stamp.max(p.stamp);
            }
        }
        if !clear_under.is_empty() {
            let cleared: Vec<Uri> = self
                .sent
                .iter()
                .filter(|(uri, sent)| !sent.diagnostics.is_empty() && !batch.contains(uri))
                .filter(|(uri, _)| {
                    to_path(uri).is_some_and(|p| {
                        p.extension().is_some_and(|e| e == "ann")
                            && clear_under.iter().any(|root| p.starts_with(root))
                    })
                })
                .map(|(uri, _)| uri.clone())
                .collect();
            for uri in cleared {
                let p = Publication::new(uri.clone(), None, Vec::new());
                // Cleared because annotations went off.
                self.sent.insert(
                    uri,
                    Sent {
                        stamp: p.stamp,
                        version: None,
                        diagnostics: Vec::new(),
                    },
                );
                due.push(p);
            }
        }
        due
    }
}

/// The result ids last reported to a pulling client.
///
/// A document pull trusts only ids computed at the current state revision:
/// it comes right after an edit, before the edit's [`Touched`] is known.
/// A workspace pull keeps its ids across changes, and each change forgets
/// the ids of the files it may have changed (`forget`), so after an edit it
/// recomputes those and answers "unchanged" for the rest without computing
/// them. A workspace pull that races a change may answer from an id the
/// change then forgets; the refresh sent after `forget` corrects it.
/// Misspelling hints and inferred dates that follow names in other
/// articles are recomputed when a `.ann`, `corpus.toml` or the settings
/// change, as for pushed diagnostics.
#[derive(Default)]
pub struct PullCache {
    revision: u64,
    document_ids: HashMap<Uri, String>,
    workspace_ids: HashMap<Uri, String>,
}

impl PullCache {
    /// Ids for a document pull at `revision`; those of an older one are
    /// dropped.
    pub fn document_ids(&mut self, revision: u64) -> &mut HashMap<Uri, String> {
        if self.revision != revision {
            self.revision = revision;
            self.document_ids.clear();
        }
        &mut self.document_ids
    }

    /// Ids for a workspace pull.
    pub fn workspace_ids(&mut self) -> &mut HashMap<Uri, String> {
        &mut self.workspace_ids
    }

    /// Forgets what `touched` may have changed: everything when views
    /// beyond the file change (a `.ann`, `corpus.toml`, a reload), else
    /// the files it names and the articles sharing claims with them.
    pub fn forget(&mut self, touched: &Touched) {
        let ids = &mut self.workspace_ids;
        if touched.refresh_views || !touched.all_ann.is_empty() {
            ids.clear();
            return;
        }
        for path in touched.files.iter().chain(&touched.claim_neighbours) {
            if let Some(uri) = Uri::from_file_path(path) {
                ids.remove(&uri);
            }
        }
        for uri in &touched.uris {
            ids.remove(uri);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(path: &str) -> Uri {
        Uri::from_file_path(Path::new(path)).unwrap()
    }

    #[test]
    fn a_change_forgets_only_what_it_may_have_changed() {
        let mut cache = PullCache::default();
        for p in ["/c/a.txt", "/c/b.txt", "/c/z.txt"] {
            cache.workspace_ids().insert(uri(p), "id".into());
        }
        let touched = Touched {
            files: vec![PathBuf::from("/c/a.txt")],
            claim_neighbours: vec![PathBuf::from("/c/b.txt")],
            all_open: true,
            ..Touched::default()
        };
        cache.forget(&touched);
        let kept: Vec<&str> = cache.workspace_ids().keys().map(|u| u.as_str()).collect();
        assert_eq!(kept, vec![uri("/c/z.txt").as_str()]);
        // A `.ann` or `corpus.toml` change reaches every file.
        cache.forget(&Touched::everything_open());
        assert!(cache.workspace_ids().is_empty());
    }

    #[test]
    fn document_ids_hold_for_one_revision() {
        let mut cache = PullCache::default();
        cache.document_ids(3).insert(uri("/c/a.txt"), "id".into());
        assert_eq!(cache.document_ids(3).len(), 1);
        assert!(cache.document_ids(4).is_empty());
    }
}
