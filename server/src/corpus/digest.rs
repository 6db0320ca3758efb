//! A digest of everything an index says about its articles, in a stable
//! order: what tests compare to show that an index kept up to date change
//! by change equals a fresh load.

use super::Corpus;
use std::fmt::Write;

/// Findings, mentions, event claims and `.ann` findings per article (by
/// file name), then entities and `corpus.toml` findings, one per line.
pub fn digest(corpus: &Corpus) -> String {
    let mut out = String::new();
    let mut articles: Vec<_> = corpus.articles().into_iter().cloned().collect();
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    for entry in &articles {
        let path = &entry.path;
        let _ = writeln!(out, "== {}", path.file_name().unwrap().to_string_lossy());
        for f in corpus.findings(path) {
            let related: Vec<_> = f
                .related
                .iter()
                .map(|r| (r.file.clone(), r.span.clone(), r.message.clone()))
                .collect();
            let _ = writeln!(
                out,
                "finding {} {:?} {} {related:?}",
                f.code, f.span, f.message
            );
        }
        for m in corpus
            .mentions(path)
            .map(|m| m.to_vec())
            .unwrap_or_default()
        {
            let _ = writeln!(
                out,
                "mention {:?} {} {:?} alias={} ann={:?}",
                m.span, m.entity, m.kind, m.is_alias, m.annotation
            );
        }
        for claim in corpus.event_claims(path) {
            let _ = writeln!(out, "claim {claim:?}");
        }
        for f in corpus.ann_findings(path) {
            let _ = writeln!(out, "ann {} {:?} {}", f.code, f.span, f.message);
        }
    }
    let mut clusters: Vec<String> = corpus
        .clusters()
        .iter()
        .map(|c| {
            format!(
                "{} {:?} {:?}",
                c.canonical,
                c.kind,
                c.names().collect::<Vec<_>>()
            )
        })
        .collect();
    clusters.sort();
    for c in clusters {
        let _ = writeln!(out, "entity {c}");
    }
    for f in corpus.config_findings() {
        let _ = writeln!(out, "config {} {:?} {}", f.code, f.span, f.message);
    }
    out
}
