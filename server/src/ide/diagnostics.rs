//! What a workspace diagnostics report covers, and a result id per file so
//! that a client asking again about an unchanged file gets "unchanged".

use super::{FileKind, Snapshot};
use crate::analysis::annotations::ann_path;
use crate::analysis::findings::Finding;
use crate::corpus::config;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

/// Every file of the corpora that can have findings, each corpus in path
/// order: its articles (skipped ones included), the `.ann` files it reads
/// (or fails to) and its `corpus.toml`. Stops when an edit is waiting.
pub fn files(snap: &Snapshot<'_>) -> Result<Vec<PathBuf>, super::Cancelled> {
    let mut out = Vec::new();
    for corpus in snap.workspace.corpora() {
        snap.check_cancelled()?;
        let mut paths: Vec<PathBuf> = corpus.articles().iter().map(|e| e.path.clone()).collect();
        paths.extend(corpus.skipped_files().map(|(p, _)| p.clone()));
        if corpus.annotations_enabled() {
            let anns: Vec<PathBuf> = corpus
                .articles()
                .iter()
                .filter(|e| {
                    corpus.ann_file(&e.path).is_some() || corpus.ann_error(&e.path).is_some()
                })
                .map(|e| ann_path(&e.path))
                .collect();
            paths.extend(anns);
        }
        if corpus.config_text.is_some() || !corpus.config_findings().is_empty() {
            paths.push(corpus.root.join(config::FILE_NAME));
        }
        paths.sort();
        paths.dedup();
        // A nested corpus's files are its own, not the outer one's.
        paths.retain(|p| {
            snap.corpus_for(p).is_some_and(|c| c.root == corpus.root)
                && (snap.kind_of(p) != FileKind::Config || p.parent() == Some(&corpus.root))
        });
        out.extend(paths);
    }
    Ok(out)
}

/// A result id for a file's findings over its text: equal ids mean equal
/// diagnostics (positions included, since they are counted in the text).
pub fn result_id(text: &str, findings: &[Finding]) -> String {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    findings.len().hash(&mut hasher);
    for f in findings {
        (f.span.start, f.span.end, f.severity.as_str(), f.code).hash(&mut hasher);
        f.message.hash(&mut hasher);
        for r in &f.related {
            (&r.file, r.span.start, r.span.end, &r.message).hash(&mut hasher);
        }
    }
    format!("{:016x}", hasher.finish())
}
