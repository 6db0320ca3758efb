//! `corpus-lsp timeline`: the corpus's dated event claims on a time axis, as
//! one self-contained HTML page (inline SVG, CSS and script, nothing fetched).
//!
//! One lane per entity (a claim's actor, else its first party), the busiest
//! [`MAX_LANES`] of them; each claim a mark linked to its article and line;
//! claims that date one event differently (`conflicting-event-date`)
//! marked and listed with both sources; undated articles drawn as the
//! interval their publication was inferred to lie in. Everything quoted
//! from the articles is escaped for HTML.

use crate::analysis::claims::{EventClaim, matching};
use crate::analysis::findings::codes;
use crate::analysis::line_index::ColumnUnit;
use crate::corpus::published::DateSource;
use crate::corpus::{ArticleEntry, Corpus};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap, HashSet};
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

/// A claim's identity within the corpus: its article and date offset.
type ClaimKey = (PathBuf, usize);

fn line_of(entry: &ArticleEntry, offset: usize) -> u32 {
    entry
        .analysis
        .line_index
        .line_col(&entry.text, offset, ColumnUnit::Utf32)
        .line
        + 1
}

fn shown_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

fn quote(text: &str, span: &std::ops::Range<usize>) -> String {
    text.get(span.clone()).unwrap_or("").trim().to_string()
}

/// Finds the entity `name` names: its own cluster, else one with a member
/// of that name in another case, else one written that way in an article
/// (`British Telecom` for BT).
fn find_entity(corpus: &Corpus, name: &str) -> Option<crate::corpus::identity::Cluster> {
    let name = name.trim();
    if let Some(c) = corpus.cluster(name) {
        return Some(c);
    }
    let lower = name.to_lowercase();
    let clusters = corpus.clusters();
    let index = corpus.entity_index();
    let named = |c: &crate::corpus::identity::Cluster| {
        c.canonical.to_lowercase() == lower
            || c.members.iter().any(|m| m.name.to_lowercase() == lower)
    };
    let written = |c: &crate::corpus::identity::Cluster| {
        c.members.iter().any(|m| {
            index
                .surfaces(&m.name)
                .is_some_and(|s| s.keys().any(|k| k.to_lowercase() == lower))
        })
    };
    let found = clusters.iter().position(named);
    let found = found.or_else(|| clusters.iter().position(written))?;
    clusters.into_iter().nth(found)
}

/// The timeline of the corpus, of the articles under `under` (all when it
/// is the root).
pub fn build(corpus: &Corpus, under: &Path, options: &Options) -> Result<Timeline, String> {
    let root = corpus.root.as_path();
    let cluster = match &options.entity {
        Some(name) => Some(
            find_entity(corpus, name)
                .ok_or_else(|| format!("no entity named ‘{name}’ in the corpus"))?,
        ),
        None => None,
    };
    let mut canonical: HashMap<String, String> = HashMap::new();
    let mut canonical_of = |name: &str| -> String {
        canonical
            .entry(name.to_string())
            .or_insert_with(|| {
                corpus
                    .cluster(name)
                    .map_or_else(|| name.to_string(), |c| c.canonical)
            })
            .clone()
    };
    let mut entries = corpus.articles();
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let entries: Vec<_> = entries
        .into_iter()
        .filter(|e| e.path.starts_with(under))
        .collect();

    // Conflicts, from the `conflicting-event-date` findings: each names a
    // claim by its date and the other claims by their sentences.
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut pairs: HashMap<(ClaimKey, ClaimKey), usize> = HashMap::new();
    let mut conflicts_of: HashMap<ClaimKey, Vec<usize>> = HashMap::new();
    for entry in &entries {
        if !corpus.has_claims(&entry.path) {
            continue;
        }
        let mine = corpus.event_claims(&entry.path);
        for finding in corpus.findings(&entry.path) {
            if finding.code != codes::CONFLICTING_EVENT_DATE {
                continue;
            }
            let Some(claim) = mine.iter().find(|c| c.date_span == finding.span) else {
                continue;
            };
            for related in &finding.related {
                let other_path = related.file.clone().unwrap_or_else(|| entry.path.clone());
                let Some(other_entry) = corpus.article(&other_path) else {
                    continue;
                };
                let Some(other) = corpus
                    .event_claims(&other_path)
                    .iter()
                    .find(|o| o.sentence == related.span && matching::dates_disjoint(claim, o))
                else {
                    continue;
                };
                let ka: ClaimKey = (entry.path.clone(), claim.date_span.start);
                let kb: ClaimKey = (other_path.clone(), other.date_span.start);
                let key = if ka <= kb {
                    (ka.clone(), kb.clone())
                } else {
                    (kb.clone(), ka.clone())
                };
                if pairs.contains_key(&key) {
                    continue;
                }
                let source = |e: &ArticleEntry, c: &EventClaim| Source {
                    shown: shown_path(root, &e.path),
                    path: e.path.clone(),
                    line: line_of(e, c.date_span.start),
                    date: quote(&e.text, &c.date_span),
                    value: c.value.value.clone(),
                };
                let (a, b) = (source(entry, claim), source(other_entry, other));
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                let at = conflicts.len();
                conflicts.push(Conflict {
                    event: claim.family.as_str().to_string(),
                    who: claim.who(),
                    a,
                    b,
                });
                pairs.insert(key, at);
                conflicts_of.entry(ka).or_default().push(at);
                conflicts_of.entry(kb).or_default().push(at);
            }
        }
    }

    // Marks, by lane.
    let mut by_lane: BTreeMap<String, Vec<Mark>> = BTreeMap::new();
    let mut vague = 0;
    let mut shown_articles: HashSet<PathBuf> = HashSet::new();
    for entry in &entries {
        let published = corpus.published(&entry.path);
        let headline = published.as_ref().and_then(|p| p.headline.clone());
        for claim in corpus.event_claims(&entry.path) {
            let parties: Vec<&str> = claim
                .actor
                .iter()
                .chain(&claim.parties)
                .map(|p| p.name.as_str())
                .collect();
            if let Some(cluster) = &cluster
                && !parties
                    .iter()
                    .any(|p| cluster.contains(p) || canonical_of(p) == cluster.canonical)
            {
                continue;
            }
            let Some((first, last)) = claim.value.period else {
                vague += 1;
                continue;
            };
            let lane = parties
                .first()
                .map_or_else(|| "(no party named)".to_string(), |p| canonical_of(p));
            let key: ClaimKey = (entry.path.clone(), claim.date_span.start);
            by_lane.entry(lane).or_default().push(Mark {
                path: entry.path.clone(),
                shown: shown_path(root, &entry.path),
                line: line_of(entry, claim.date_span.start),
                headline: headline.clone(),
                date: quote(&entry.text, &claim.date_span),
                value: claim.value.value.clone(),
                first,
                last,
                event: if claim.family.as_str() == claim.kind.as_str() {
                    claim.kind.as_str().to_string()
                } else {
                    format!("{} ({})", claim.family.as_str(), claim.kind.as_str())
                },
                who: claim.who(),
                sentence: quote(&entry.text, &claim.sentence),
                plan: claim.plan,
                conflicts: conflicts_of.get(&key).cloned().unwrap_or_default(),
            });
            shown_articles.insert(entry.path.clone());
        }
    }
    let entities = by_lane.len();
    let mut lanes: Vec<Lane> = by_lane
        .into_iter()
        .map(|(entity, mut marks)| {
            marks.sort_by(|a, b| {
                (a.first, a.last, &a.path, a.line).cmp(&(b.first, b.last, &b.path, b.line))
            });
            Lane { entity, marks }
        })
        .collect();
    let own = cluster.as_ref().map(|c| c.canonical.clone());
    lanes.sort_by(|a, b| {
        let mine = |l: &Lane| Some(&l.entity) == own.as_ref();
        mine(b)
            .cmp(&mine(a))
            .then(b.marks.len().cmp(&a.marks.len()))
            .then_with(|| a.entity.cmp(&b.entity))
    });
    let hidden_claims = lanes.iter().skip(MAX_LANES).map(|l| l.marks.len()).sum();
    lanes.truncate(MAX_LANES);
    let claims = lanes.iter().map(|l| l.marks.len()).sum();

    // Undated articles: those the entity is mentioned in, with one.
    let mentioned: Option<HashSet<u32>> = cluster.as_ref().map(|c| {
        let index = corpus.entity_index();
        c.members
            .iter()
            .filter_map(|m| index.mentions(&m.name))
            .flat_map(|m| m.keys().copied())
            .collect()
    });
    let mut undated = Vec::new();
    let mut unplaced = 0;
    for entry in &entries {
        if let Some(ids) = &mentioned {
            let id = corpus.id_of(&entry.path);
            if !id.is_some_and(|id| ids.contains(&id)) && !shown_articles.contains(&entry.path) {
                continue;
            }
        }
        let Some(p) = corpus.published(&entry.path) else {
            continue;
        };
        match p.source {
            Some(DateSource::Inferred) if p.earliest.is_some() || p.latest.is_some() => {
                undated.push(Undated {
                    shown: shown_path(root, &p.path),
                    path: p.path,
                    headline: p.headline,
                    earliest: p.earliest,
                    latest: p.latest,
                    evidence: p.evidence,
                });
            }
            Some(DateSource::Dateline | DateSource::Config) => {}
            _ => unplaced += 1,
        }
    }
    undated.sort_by(|a, b| {
        (a.earliest.or(a.latest), a.latest, &a.path).cmp(&(
            b.earliest.or(b.latest),
            b.latest,
            &b.path,
        ))
    });
    let hidden_undated = undated.len().saturating_sub(MAX_UNDATED);
    undated.truncate(MAX_UNDATED);

    let corpus_name = root.file_name().map_or_else(
        || root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Timeline {
        title: match &own {
            Some(e) => format!("Timeline of {e} — {corpus_name}"),
            None => format!("Timeline — {corpus_name}"),
        },
        entity: own,
        lanes,
        entities,
        claims,
        hidden_claims,
        vague_claims: vague,
        conflicts,
        undated,
        hidden_undated,
        unplaced_undated: unplaced,
    })
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

// ---------- the page

/// Text or an attribute value, escaped for HTML (and SVG).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline have no place in markup.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A `file://` URL for an article's line.
pub fn file_url(path: &Path, line: u32) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    let path = path.to_string_lossy().replace('\\', "/");
    let rooted = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    format!("file://{}#L{line}", utf8_percent_encode(&rooted, ESCAPED))
}

/// The attributes of a link to an article's line: the URL, and the path and
/// line the editor opens when the page runs in one.
fn link_attrs(path: &Path, line: u32) -> String {
    format!(
        r#"href="{}" data-path="{}" data-line="{line}""#,
        escape(&file_url(path, line)),
        escape(&path.to_string_lossy())
    )
}

fn days(d: Date) -> i64 {
    d.duration_since(Date::constant(1970, 1, 1)).as_secs() / 86_400
}

fn month_index(d: Date) -> i32 {
    i32::from(d.year()) * 12 + i32::from(d.month()) - 1
}

fn month_start(index: i32) -> Date {
    let year = index.div_euclid(12);
    let month = index.rem_euclid(12) + 1;
    Date::new(year.clamp(-9999, 9999) as i16, month as i8, 1).unwrap_or(Date::constant(1970, 1, 1))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The axis: its first and last day, and ticks of a round number of months
/// or years, no more than a dozen.
struct Axis {
    start: i64,
    end: i64,
    ticks: Vec<(Date, String)>,
    left: f64,
    width: f64,
}

impl Axis {
    fn new(first: Date, last: Date, left: f64, width: f64) -> Axis {
        let (m0, m1) = (month_index(first), month_index(last) + 1);
        let span = (m1 - m0).max(1);
        let step = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200]
            .into_iter()
            .find(|s| (span + s - 1) / s <= 12)
            .unwrap_or(2400);
        let lo = m0.div_euclid(step) * step;
        let hi = (m1 + step - 1).div_euclid(step) * step;
        let ticks = (lo..=hi)
            .step_by(step as usize)
            .map(|m| {
                let d = month_start(m);
                let label = if step >= 12 {
                    d.year().to_string()
                } else {
                    format!("{} {}", MONTHS[(d.month() - 1) as usize], d.year())
                };
                (d, label)
            })
            .collect();
        Axis {
            start: days(month_start(lo)),
            end: days(month_start(hi)).max(days(month_start(lo)) + 1),
            ticks,
            left,
            width,
        }
    }

    fn x(&self, d: Date) -> f64 {
        let t = (days(d) - self.start) as f64 / (self.end - self.start) as f64;
        self.left + t.clamp(0.0, 1.0) * self.width
    }
}

/// Rows for intervals in pixels, so that close ones do not overlap: each
/// goes in the first row free at its start (the last row when none is).
fn pack(intervals: &[(f64, f64)], gap: f64, max_rows: usize) -> (Vec<usize>, usize) {
    let mut ends: Vec<f64> = Vec::new();
    let mut rows = Vec::with_capacity(intervals.len());
    for &(a, b) in intervals {
        let row = match ends.iter().position(|&e| a >= e + gap) {
            Some(r) => r,
            None if ends.len() < max_rows => {
                ends.push(f64::NEG_INFINITY);
                ends.len() - 1
            }
            None => max_rows - 1,
        };
        ends[row] = ends[row].max(b);
        rows.push(row);
    }
    let n = ends.len().max(1);
    (rows, n)
}

const STYLE: &str = "
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff;
  --lane: #f6f8fa; --grid: #d1d9e0; --mark: #0969da; --conflict: #cf222e; --undated: #8250df; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --lane: #151b23; --grid: #3d444d;
    --mark: #4493f8; --conflict: #f85149; --undated: #ab7df8; } }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--fg);
  background: var(--bg); margin: 16px 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
p.note { color: var(--muted); margin: 2px 0; }
svg.timeline { display: block; margin: 12px 0; font-size: 12px; }
svg .lane-bg { fill: var(--lane); }
svg .lane-label { fill: var(--fg); dominant-baseline: middle; }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .tick-label { fill: var(--muted); text-anchor: middle; }
svg .claim { fill: var(--mark); stroke: var(--bg); stroke-width: 1; cursor: pointer; }
svg .claim.plan { fill: var(--bg); stroke: var(--mark); stroke-width: 2; }
svg .claim.conflict { fill: var(--conflict); }
svg .claim.conflict.plan { fill: var(--bg); stroke: var(--conflict); }
svg .undated { fill: var(--undated); fill-opacity: 0.35; stroke: var(--undated); cursor: pointer; }
svg .undated.open { stroke-dasharray: 4 3; }
svg a:hover .claim, svg a:focus .claim, svg a:hover .undated { stroke: var(--fg); stroke-width: 2; }
.legend span { margin-right: 16px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 4px; vertical-align: baseline; }
.swatch.claim { background: var(--mark); }
.swatch.conflict { background: var(--conflict); }
.swatch.plan { border: 2px solid var(--mark); width: 6px; height: 6px; }
.swatch.undated { background: var(--undated); opacity: 0.6; border-radius: 2px; width: 18px; }
ul.conflicts { padding-left: 20px; }
ul.conflicts li { margin: 4px 0; }
a { color: var(--mark); }
.conflicts .versus { color: var(--conflict); font-weight: 600; margin: 0 6px; }
";

/// Clicks on a link to an article go to the editor when the page is shown in
/// one (a VS Code webview); elsewhere the `file://` link is followed.
const SCRIPT: &str = "
(function () {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  if (!api) { return; }
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-path]') : null;
    if (!target) { return; }
    // The editor opens it: not the webview's own handling of links as well.
    event.preventDefault();
    event.stopPropagation();
    api.postMessage({ command: 'open', path: target.getAttribute('data-path'),
      line: Number(target.getAttribute('data-line')) || 1 });
  });
})();
";

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn conflict_line(c: &Conflict) -> String {
    format!(
        "{}:{} ‘{}’ ({}) against {}:{} ‘{}’ ({})",
        c.a.shown, c.a.line, c.a.date, c.a.value, c.b.shown, c.b.line, c.b.date, c.b.value
    )
}

fn mark_tooltip(m: &Mark, conflicts: &[Conflict]) -> String {
    let mut t = format!("{} ({}) · {}", m.date, m.value, m.event);
    if !m.who.is_empty() {
        let _ = write!(t, " · {}", m.who);
    }
    if m.plan {
        t.push_str(" · planned");
    }
    let _ = write!(t, "\n“{}”\n{}:{}", m.sentence, m.shown, m.line);
    if let Some(h) = &m.headline {
        let _ = write!(t, " — {h}");
    }
    for &i in &m.conflicts {
        if let Some(c) = conflicts.get(i) {
            let _ = write!(t, "\nconflict: {}", conflict_line(c));
        }
    }
    t
}

const LEFT: f64 = 230.0;
const PLOT: f64 = 960.0;
const RIGHT: f64 = 40.0;
const ROW: f64 = 16.0;
const LANE_PAD: f64 = 6.0;
const AXIS_TOP: f64 = 24.0;

fn truncate(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// The page.
pub fn render(t: &Timeline, nonce: &str) -> String {
    let nonce = escape(nonce);
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"corpus-lsp timeline\">\n\
         <title>{}</title>\n<style nonce=\"{nonce}\">{STYLE}</style>\n</head>\n<body>\n\
         <h1>{}</h1>\n",
        escape(&t.title),
        escape(&t.title)
    );
    // What is shown, and what is left out.
    let conflicting = t
        .lanes
        .iter()
        .flat_map(|l| &l.marks)
        .filter(|m| !m.conflicts.is_empty())
        .count();
    let _ = writeln!(
        html,
        "<p class=\"note summary\">{} in {}, {} conflicting; {} placed by inferred publication.</p>",
        plural(t.claims, "dated event claim", "dated event claims"),
        plural(t.lanes.len(), "lane", "lanes"),
        conflicting,
        plural(t.undated.len(), "undated article", "undated articles"),
    );
    if t.entities > t.lanes.len() {
        let _ = writeln!(
            html,
            "<p class=\"note bounded\">Showing the {} busiest of {} entities; {} of the others \
             are not shown. <code>corpus-lsp timeline --entity NAME</code> shows one entity's events.</p>",
            t.lanes.len(),
            t.entities,
            plural(t.hidden_claims, "claim", "claims"),
        );
    }
    if let Some(e) = &t.entity {
        let _ = writeln!(
            html,
            "<p class=\"note\">Only the events {} takes part in, under any of its names, \
             one lane per actor.</p>",
            escape(e)
        );
    }
    if t.vague_claims > 0 {
        let _ = writeln!(
            html,
            "<p class=\"note\">{} with no day, month or year to place {} not drawn.</p>",
            plural(t.vague_claims, "claim", "claims"),
            if t.vague_claims == 1 {
                "it is"
            } else {
                "them are"
            }
        );
    }
    if t.hidden_undated > 0 || t.unplaced_undated > 0 {
        let mut parts = Vec::new();
        if t.hidden_undated > 0 {
            parts.push(format!(
                "{} beyond the first {MAX_UNDATED}",
                t.hidden_undated
            ));
        }
        if t.unplaced_undated > 0 {
            parts.push(format!(
                "{} with nothing to infer a date from",
                t.unplaced_undated
            ));
        }
        let _ = writeln!(
            html,
            "<p class=\"note\">Undated articles not drawn: {}.</p>",
            parts.join(", ")
        );
    }
    html.push_str(
        "<p class=\"legend note\"><span><i class=\"swatch claim\"></i>claim</span>\
         <span><i class=\"swatch conflict\"></i>conflicting date</span>\
         <span><i class=\"swatch plan\"></i>planned</span>\
         <span><i class=\"swatch undated\"></i>undated article: inferred publication interval</span></p>\n",
    );

    // The time span of everything drawn.
    let dates = t
        .lanes
        .iter()
        .flat_map(|l| &l.marks)
        .flat_map(|m| [m.first, m.last])
        .chain(
            t.undated
                .iter()
                .flat_map(|u| u.earliest.into_iter().chain(u.latest)),
        );
    let (mut lo, mut hi) = (None::<Date>, None::<Date>);
    for d in dates {
        lo = Some(lo.map_or(d, |l| l.min(d)));
        hi = Some(hi.map_or(d, |h| h.max(d)));
    }
    if let (Some(lo), Some(hi)) = (lo, hi) {
        render_svg(&mut html, t, lo, hi);
    } else {
        html.push_str("<p class=\"empty\">No dated event claims to show.</p>\n");
    }

    if !t.conflicts.is_empty() {
        let _ = writeln!(html, "<h2>Conflicting dates</h2>\n<ul class=\"conflicts\">");
        for c in &t.conflicts {
            let side = |s: &Source| {
                format!(
                    "<a class=\"source\" {}>{}:{}</a> ‘{}’ ({})",
                    link_attrs(&s.path, s.line),
                    escape(&s.shown),
                    s.line,
                    escape(&s.date),
                    escape(&s.value)
                )
            };
            let _ = writeln!(
                html,
                "<li class=\"conflict\">{} · {}: {}<span class=\"versus\">≠</span>{}</li>",
                escape(&c.event),
                escape(&c.who),
                side(&c.a),
                side(&c.b)
            );
        }
        html.push_str("</ul>\n");
    }
    let _ = write!(
        html,
        "<script nonce=\"{nonce}\">{SCRIPT}</script>\n</body>\n</html>\n"
    );
    html
}

fn render_svg(html: &mut String, t: &Timeline, lo: Date, hi: Date) {
    let axis = Axis::new(lo, hi, LEFT, PLOT);
    // Lane backgrounds under the grid, marks over it.
    let mut backs = String::new();
    let back = |backs: &mut String, y: f64, height: f64| {
        let _ = writeln!(
            backs,
            "<rect class=\"lane-bg\" x=\"0\" y=\"{y:.1}\" width=\"{:.1}\" \
             height=\"{height:.1}\" rx=\"3\"/>",
            LEFT + PLOT + RIGHT - 4.0
        );
    };
    let mut body = String::new();
    let mut y = AXIS_TOP + 8.0;
    for lane in &t.lanes {
        let spans: Vec<(f64, f64)> = lane
            .marks
            .iter()
            .map(|m| {
                let (a, b) = mark_x(&axis, m);
                (a - 5.0, b + 5.0)
            })
            .collect();
        let (rows, n) = pack(&spans, 1.0, MAX_ROWS);
        let height = n as f64 * ROW + 2.0 * LANE_PAD;
        back(&mut backs, y, height);
        let _ = writeln!(
            body,
            "<g class=\"lane\" data-entity=\"{}\">\n<text class=\"lane-label\" x=\"8\" \
             y=\"{:.1}\">{}<title>{}</title></text>",
            escape(&lane.entity),
            y + height / 2.0,
            escape(&truncate(&lane.entity, 30)),
            escape(&format!(
                "{} ({})",
                lane.entity,
                plural(lane.marks.len(), "claim", "claims")
            ))
        );
        for (m, row) in lane.marks.iter().zip(rows) {
            let cy = y + LANE_PAD + row as f64 * ROW + ROW / 2.0;
            let mut class = String::from("claim");
            if !m.conflicts.is_empty() {
                class.push_str(" conflict");
            }
            if m.plan {
                class.push_str(" plan");
            }
            let tip = escape(&mark_tooltip(m, &t.conflicts));
            let (a, b) = mark_x(&axis, m);
            let shape = if m.first == m.last {
                format!("<circle class=\"{class}\" cx=\"{a:.1}\" cy=\"{cy:.1}\" r=\"5\">")
            } else {
                format!(
                    "<rect class=\"{class} period\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" \
                     height=\"10\" rx=\"5\">",
                    a - 5.0,
                    cy - 5.0,
                    (b - a) + 10.0
                )
            };
            let end = if m.first == m.last {
                "</circle>"
            } else {
                "</rect>"
            };
            let _ = writeln!(
                body,
                "<a class=\"claim-link\" {}>{shape}<title>{tip}</title>{end}</a>",
                link_attrs(&m.path, m.line)
            );
        }
        body.push_str("</g>\n");
        y += height + 4.0;
    }
    if !t.undated.is_empty() {
        let spans: Vec<(f64, f64)> = t
            .undated
            .iter()
            .map(|u| {
                let a = u.earliest.map_or(axis.left, |d| axis.x(d));
                let b = u
                    .latest
                    .and_then(|d| d.tomorrow().ok())
                    .map_or(axis.left + axis.width, |d| axis.x(d));
                (a, b.max(a + 4.0))
            })
            .collect();
        let (rows, n) = pack(&spans, 2.0, 40);
        let row_h = 10.0;
        let height = n as f64 * row_h + 2.0 * LANE_PAD;
        back(&mut backs, y, height);
        let _ = writeln!(
            body,
            "<g class=\"lane undated-lane\">\n<text class=\"lane-label\" x=\"8\" \
             y=\"{:.1}\">Undated articles<title>Undated articles, at the interval their \
             publication is inferred to lie in</title></text>",
            y + height / 2.0
        );
        for ((u, (a, b)), row) in t.undated.iter().zip(&spans).zip(rows) {
            let ry = y + LANE_PAD + row as f64 * row_h + 1.0;
            let open = u.earliest.is_none() || u.latest.is_none();
            let iso = |d: Option<Date>| d.map_or_else(|| "?".to_string(), |d| d.to_string());
            let mut tip = format!(
                "{} — published {}..{}",
                u.shown,
                iso(u.earliest),
                iso(u.latest)
            );
            if let Some(h) = &u.headline {
                let _ = write!(tip, "\n{h}");
            }
            if let Some(e) = &u.evidence {
                let _ = write!(tip, "\n{e}");
            }
            let _ = writeln!(
                body,
                "<a class=\"undated-link\" {}><rect class=\"undated{}\" x=\"{a:.1}\" y=\"{ry:.1}\" \
                 width=\"{:.1}\" height=\"{:.1}\" rx=\"2\"><title>{}</title></rect></a>",
                link_attrs(&u.path, 1),
                if open { " open" } else { "" },
                b - a,
                row_h - 2.0,
                escape(&tip)
            );
        }
        body.push_str("</g>\n");
        y += height + 4.0;
    }
    let total_h = y + 4.0;
    let total_w = LEFT + PLOT + RIGHT;
    let _ = writeln!(
        html,
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{total_w:.0}\" \
         height=\"{total_h:.0}\" viewBox=\"0 0 {total_w:.0} {total_h:.0}\" role=\"img\" \
         aria-label=\"timeline\">\n<g class=\"lanes-bg\">\n{backs}</g>\n<g class=\"axis\">"
    );
    for (d, label) in &axis.ticks {
        let x = axis.x(*d);
        let _ = writeln!(
            html,
            "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>\
             <text class=\"tick-label\" x=\"{x:.1}\" y=\"{:.1}\">{}</text>",
            AXIS_TOP,
            total_h,
            AXIS_TOP - 8.0,
            escape(label)
        );
    }
    html.push_str("</g>\n");
    html.push_str(&body);
    html.push_str("</svg>\n");
}

fn mark_x(axis: &Axis, m: &Mark) -> (f64, f64) {
    let a = axis.x(m.first);
    let b = if m.first == m.last {
        a
    } else {
        m.last.tomorrow().map_or(a, |d| axis.x(d)) - 1.0
    };
    (a, b.max(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn file_urls_encode_the_path() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/\"x\".txt"), 3),
            "file:///tmp/a%20b/%22x%22.txt#L3"
        );
    }

    #[test]
    fn ticks_are_round_and_few() {
        let axis = Axis::new(
            Date::constant(2005, 3, 14),
            Date::constant(2006, 2, 1),
            0.0,
            100.0,
        );
        let labels: Vec<&str> = axis.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Mar 2005", "Apr 2005", "May 2005", "Jun 2005", "Jul 2005", "Aug 2005", "Sep 2005",
                "Oct 2005", "Nov 2005", "Dec 2005", "Jan 2006", "Feb 2006", "Mar 2006"
            ]
        );
        let axis = Axis::new(
            Date::constant(1998, 6, 1),
            Date::constant(2011, 2, 1),
            0.0,
            100.0,
        );
        let labels: Vec<&str> = axis.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "1998", "2000", "2002", "2004", "2006", "2008", "2010", "2012"
            ]
        );
    }
}
