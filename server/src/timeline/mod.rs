//! `corpus-lsp timeline`: the corpus's dated event claims on a time axis, as
//! one self-contained HTML page (inline SVG, CSS and script, nothing fetched).
//!
//! One lane per entity (a claim's actor, else its first party), the busiest
//! [`MAX_LANES`] of them; each claim a mark linked to its article and line;
//! claims that date one event differently (`conflicting-event-date`)
//! marked and listed with both sources; undated articles drawn as the
//! interval their publication was inferred to lie in. Everything quoted
//! from the articles is escaped for HTML.

mod gather;
mod page;
mod svg;

pub use gather::build;
pub use page::{escape, file_url, render};

use crate::corpus::Corpus;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Lanes shown at most, the busiest entities first.
pub const MAX_LANES: usize = 30;
/// Undated articles drawn at most, earliest interval first.
pub const MAX_UNDATED: usize = 200;
/// Rows a lane stacks close marks into before they overlap.
const MAX_ROWS: usize = 6;

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only the events this entity (any of its names) takes part in.
    pub entity: Option<String>,
    /// The nonce the page's style and script carry in its Content Security
    /// Policy; random when `None`.
    pub nonce: Option<String>,
}

/// One claim's mark.
#[derive(Debug, Clone)]
pub struct Mark {
    pub path: PathBuf,
    /// The path relative to the corpus root, with `/`.
    pub shown: String,
    pub line: u32,
    pub headline: Option<String>,
    pub date: String,
    pub value: String,
    pub first: Date,
    pub last: Date,
    pub event: String,
    pub who: String,
    pub sentence: String,
    pub plan: bool,
    /// Indexes into [`Timeline::conflicts`].
    pub conflicts: Vec<usize>,
}

/// One entity's lane.
#[derive(Debug, Clone)]
pub struct Lane {
    pub entity: String,
    pub marks: Vec<Mark>,
}

/// One end of a conflict: where a claim is told and what date it gives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    pub shown: String,
    pub path: PathBuf,
    pub line: u32,
    pub date: String,
    pub value: String,
}

/// Two claims dating one event differently.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub event: String,
    pub who: String,
    pub a: Source,
    pub b: Source,
}

/// An undated article at the interval its publication was inferred to lie in.
#[derive(Debug, Clone)]
pub struct Undated {
    pub path: PathBuf,
    pub shown: String,
    pub headline: Option<String>,
    pub earliest: Option<Date>,
    pub latest: Option<Date>,
    pub evidence: Option<String>,
}

/// Everything the page shows, and what it leaves out.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub title: String,
    pub entity: Option<String>,
    pub lanes: Vec<Lane>,
    /// Entities with claims, shown or not.
    pub entities: usize,
    /// Claims drawn, and claims left out with the lanes not shown.
    pub claims: usize,
    pub hidden_claims: usize,
    /// Claims whose date names no period (`recently`).
    pub vague_claims: usize,
    pub conflicts: Vec<Conflict>,
    pub undated: Vec<Undated>,
    /// Undated articles not drawn: past [`MAX_UNDATED`], or with nothing
    /// inferred.
    pub hidden_undated: usize,
    pub unplaced_undated: usize,
}

/// What a run wrote, for the command's closing line.
#[derive(Debug)]
pub struct Summary {
    pub lanes: usize,
    pub claims: usize,
    pub conflicts: usize,
    pub undated: usize,
}

/// `corpus-lsp timeline PATH -o OUTPUT`: builds the timeline of the corpus
/// around `path` and writes its page to `output` (`-`: stdout).
pub fn timeline(path: &Path, options: &Options, output: &Path) -> Result<Summary, String> {
    if let Some(nonce) = &options.nonce
        && (nonce.is_empty()
            || !nonce
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+/=_-".contains(c)))
    {
        return Err("--nonce takes letters, digits and + / = _ - only".to_string());
    }
    let (absolute, root) = crate::check::corpus_root_for(path)?;
    let corpus = Corpus::load(root, &|_, _| {});
    let under = if absolute.is_dir() {
        absolute
    } else {
        corpus.root.clone()
    };
    let t = build(&corpus, &under, options)?;
    let nonce = options.nonce.clone().unwrap_or_else(random_nonce);
    let html = render(&t, &nonce);
    if output == Path::new("-") {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(html.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|err| format!("cannot write the page: {err}"))?;
    } else {
        crate::safe_write::write(output, html.as_bytes())?;
    }
    Ok(Summary {
        lanes: t.lanes.len(),
        claims: t.claims,
        conflicts: t.conflicts.len(),
        undated: t.undated.len(),
    })
}

/// 128 bits from the process's random hasher keys, the time and the pid.
fn random_nonce() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for round in 0u8..2 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(round);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.write_u32(std::process::id());
        let _ = write!(out, "{:016x}", h.finish());
    }
    out
}
