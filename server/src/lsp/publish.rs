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
    /// Every `.ann` of the corpora at these roots; those no longer
    /// applied are cleared.
    pub all_ann: Vec<PathBuf>,
    /// Semantic tokens and inlay hints may have changed beyond the file.
    pub refresh_views: bool,
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
                // Dated events are compared across articles.
                touched.all_open = before.tells_events || after.tells_events;
            }
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
        self.all_ann.extend(other.all_ann);
        self.refresh_views |= other.refresh_views;
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

/// The result ids last reported to a pulling client, valid while the state
/// revision they were computed at is current: a pull that finds its
/// previous id here answers "unchanged" without computing anything.
#[derive(Default)]
pub struct PullCache {
    revision: u64,
    ids: HashMap<Uri, String>,
}

impl PullCache {
    /// The ids computed at `revision`; those of an older one are dropped.
    pub fn at(&mut self, revision: u64) -> &mut HashMap<Uri, String> {
        if self.revision != revision {
            self.revision = revision;
            self.ids.clear();
        }
        &mut self.ids
    }
}
