//! `corpus-lsp check`: the linter. It loads each corpus through the same
//! index the language server uses and prints findings like a compiler.

use crate::analysis::claims::EventClaim;
use crate::analysis::findings::{Finding, Severity};
use crate::analysis::line_index::{ColumnUnit, LineIndex};
use crate::corpus::{ArticleEntry, Corpus, config, discover};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[code]: message`, then related locations.
    Text,
    /// One JSON object per line per finding.
    Json,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: severity[code]: message`, then related locations.
    Text,
    /// One JSON object per line per finding.
    Json,
    /// One SARIF 2.1.0 log, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=…::message`).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    Never,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        let threshold = match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Information,
            FailOn::Hint => Severity::Hint,
            FailOn::Never => return false,
        };
        severity <= threshold
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    pub failed: bool,
}

/// One finding located in a file, ready to print.
#[derive(Debug, Serialize)]
pub struct Report {
    pub path: String,
    /// 1-based line and column; columns count Unicode characters.
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub related: Vec<RelatedReport>,
    /// Quick fixes, for SARIF only (the JSON lines keep their shape).
    #[serde(skip)]
    pub fixes: Vec<FixReport>,
}

#[derive(Debug, Serialize)]
pub struct RelatedReport {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A quick fix located like a report: replacements in one file.
#[derive(Debug)]
pub struct FixReport {
    pub title: String,
    pub path: String,
    pub edits: Vec<EditReport>,
}

/// A replacement of a region (1-based lines and character columns, end
/// exclusive) by `new_text`.
#[derive(Debug)]
pub struct EditReport {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub new_text: String,
}

/// Every finding under the paths checked, in output order.
#[derive(Debug, Default)]
pub struct Collected {
    pub articles: usize,
    pub reports: Vec<Report>,
}

/// A path made absolute, and the root of the corpus it belongs to: the
/// nearest folder with a `corpus.toml`, else the folder itself (or the
/// file's folder).
pub(crate) fn corpus_root_for(path: &Path) -> Result<(PathBuf, PathBuf), String> {
    let absolute =
        std::fs::canonicalize(path).map_err(|err| format!("{}: {err}", path.display()))?;
    let root = discover::find_root(&absolute).unwrap_or_else(|| {
        if absolute.is_dir() {
            absolute.clone()
        } else {
            absolute
                .parent()
                .map_or_else(|| absolute.clone(), Path::to_path_buf)
        }
    });
    Ok((absolute, root))
}

/// Checks `paths`, writes findings to `out` in `format`, and returns the
/// tally. An `Err` is a usage problem such as a path that does not exist.
pub fn run(
    paths: &[PathBuf],
    format: CheckFormat,
    fail_on: FailOn,
    out: &mut dyn Write,
) -> Result<Summary, String> {
    let collected = collect(paths)?;
    let mut summary = Summary {
        articles: collected.articles,
        ..Summary::default()
    };
    for report in &collected.reports {
        summary.count(report, fail_on);
    }
    let written = match format {
        CheckFormat::Text | CheckFormat::Json => collected
            .reports
            .iter()
            .try_for_each(|report| write_report(out, report, format)),
        CheckFormat::Sarif => crate::sarif::write(out, &collected.reports),
        CheckFormat::Github => collected
            .reports
            .iter()
            .try_for_each(|report| write_github(out, report)),
    };
    written.map_err(|e| e.to_string())?;
    Ok(summary)
}

/// The findings on `paths`, each checked within its corpus; the same
/// findings whatever the output format.
pub fn collect(paths: &[PathBuf]) -> Result<Collected, String> {
    let mut by_root: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for path in paths {
        let (absolute, root) = corpus_root_for(path)?;
        by_root.entry(root).or_default().push(absolute);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut collected = Collected::default();
    for (root, targets) in by_root {
        let corpus = Corpus::load(root, &|_, _| {});
        let mut reports = Vec::new();
        let wanted = |path: &Path| targets.iter().any(|t| path.starts_with(t));
        if wanted(&corpus.config_path()) {
            if let Some(text) = &corpus.config_text {
                let index = LineIndex::new(text);
                for finding in corpus.config_findings() {
                    reports.push(report(
                        &cwd,
                        &corpus,
                        &corpus.config_path(),
                        text,
                        &index,
                        &finding,
                    ));
                }
            }
        }
        // Each article's findings read the corpus only, so they are
        // gathered in parallel and kept in path order.
        let entries: Vec<_> = corpus
            .articles()
            .into_iter()
            .filter(|e| wanted(&e.path))
            .collect();
        collected.articles += entries.len();
        let phase = crate::corpus::Phase::start();
        let per_article: Vec<Vec<Report>> = entries
            .par_iter()
            .map(|entry| article_reports(&cwd, &corpus, entry))
            .collect();
        phase.end("findings");
        reports.extend(per_article.into_iter().flatten());
        let mut skipped: Vec<_> = corpus.skipped_files().filter(|(p, _)| wanted(p)).collect();
        skipped.sort_by(|a, b| a.0.cmp(b.0));
        for (path, reason) in skipped {
            let finding = crate::corpus::skip_finding(reason);
            reports.push(report(
                &cwd,
                &corpus,
                path,
                "",
                &LineIndex::new(""),
                &finding,
            ));
        }
        collected.reports.extend(reports);
        // Freeing a big corpus takes a noticeable share of a run (a tenth
        // at 10,000 articles); it overlaps with the output instead, and a
        // CLI process that exits first skips it.
        std::thread::spawn(move || drop(corpus));
    }
    Ok(collected)
}

/// The reports of one article: its findings and those of its `.ann`.
fn article_reports(cwd: &Path, corpus: &Corpus, entry: &ArticleEntry) -> Vec<Report> {
    let mut reports: Vec<Report> = corpus
        .findings(&entry.path)
        .iter()
        .map(|finding| {
            report(
                cwd,
                corpus,
                &entry.path,
                &entry.text,
                &entry.analysis.line_index,
                finding,
            )
        })
        .collect();
    let ann_findings = corpus.ann_findings(&entry.path);
    if !ann_findings.is_empty() {
        let ann_path = crate::analysis::annotations::ann_path(&entry.path);
        let text = corpus.file_text(&ann_path).unwrap_or_default();
        let index = LineIndex::new(&text);
        for finding in ann_findings {
            reports.push(report(cwd, corpus, &ann_path, &text, &index, &finding));
        }
    }
    reports
}

impl Summary {
    fn count(&mut self, report: &Report, fail_on: FailOn) {
        let severity = Severity::parse(report.severity).unwrap_or(Severity::Error);
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Information => self.infos += 1,
            Severity::Hint => self.hints += 1,
        }
        self.failed |= fail_on.fails(severity);
    }
}

fn display_path(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

fn report(
    cwd: &Path,
    corpus: &Corpus,
    path: &Path,
    text: &str,
    index: &LineIndex,
    finding: &Finding,
) -> Report {
    let start = index.line_col(text, finding.span.start, ColumnUnit::Utf32);
    let end = index.line_col(text, finding.span.end, ColumnUnit::Utf32);
    let fixes = finding
        .fixes
        .iter()
        .map(|fix| {
            // A fix names its file when it edits another one (a `.ann`).
            let other = fix.file.as_deref().filter(|f| *f != path);
            let other_text = other.map(|f| corpus.file_text(f).unwrap_or_default());
            let other_index = other_text.as_deref().map(LineIndex::new);
            let (text, index) = match (&other_text, &other_index) {
                (Some(t), Some(i)) => (t.as_str(), i),
                _ => (text, index),
            };
            let edits = fix
                .edits
                .iter()
                .map(|edit| {
                    let start = index.line_col(text, edit.span.start, ColumnUnit::Utf32);
                    let end = index.line_col(text, edit.span.end, ColumnUnit::Utf32);
                    EditReport {
                        line: start.line + 1,
                        column: start.col + 1,
                        end_line: end.line + 1,
                        end_column: end.col + 1,
                        new_text: edit.new_text.clone(),
                    }
                })
                .collect();
            FixReport {
                title: fix.title.clone(),
                path: display_path(cwd, other.unwrap_or(path)),
                edits,
            }
        })
        .collect();
    let related = finding
        .related
        .iter()
        .map(|related| {
            let at = match &related.file {
                None => index.line_col(text, related.span.start, ColumnUnit::Utf32),
                Some(other) => match corpus.article(other) {
                    Some(entry) => entry.analysis.line_index.line_col(
                        &entry.text,
                        related.span.start,
                        ColumnUnit::Utf32,
                    ),
                    None => {
                        let text = corpus.file_text(other).unwrap_or_default();
                        LineIndex::new(&text).line_col(&text, related.span.start, ColumnUnit::Utf32)
                    }
                },
            };
            let (line, column) = (at.line + 1, at.col + 1);
            RelatedReport {
                path: display_path(cwd, related.file.as_deref().unwrap_or(path)),
                line,
                column,
                message: related.message.clone(),
            }
        })
        .collect();
    Report {
        path: display_path(cwd, path),
        line: start.line + 1,
        column: start.col + 1,
        end_line: end.line + 1,
        end_column: end.col + 1,
        severity: finding.severity.as_str(),
        code: finding.code,
        message: finding.message.clone(),
        related,
        fixes,
    }
}

fn write_report(out: &mut dyn Write, report: &Report, format: CheckFormat) -> io::Result<()> {
    match format {
        CheckFormat::Json => {
            serde_json::to_writer(&mut *out, report)?;
            writeln!(out)
        }
        CheckFormat::Text | CheckFormat::Sarif | CheckFormat::Github => {
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                report.path,
                report.line,
                report.column,
                report.severity,
                report.code,
                report.message
            )?;
            for related in &report.related {
                writeln!(
                    out,
                    "    {}:{}:{}: note: {}",
                    related.path, related.line, related.column, related.message
                )?;
            }
            Ok(())
        }
    }
}

/// One finding as a GitHub Actions workflow command, which the runner
/// turns into an annotation on the file: `::warning file=…,line=…::message`.
/// Related locations follow the message on lines of their own.
fn write_github(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let command = match report.severity {
        "error" => "error",
        "warning" => "warning",
        _ => "notice",
    };
    let mut message = report.message.clone();
    for related in &report.related {
        message.push_str(&format!(
            "\n{}:{}:{}: {}",
            related.path, related.line, related.column, related.message
        ));
    }
    writeln!(
        out,
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        github_property(&report.path),
        report.line,
        report.column,
        report.end_line,
        report.end_column,
        github_property(&format!("corpus-lsp {}", report.code)),
        github_data(&message)
    )
}

/// A workflow command's message: `%`, CR and LF escaped, so that a message
/// never ends the command early or starts another.
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as a message, and `:` and `,`
/// too, which would end the value.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Whether `path` names a corpus configuration file.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == config::FILE_NAME)
}

/// One row of `corpus-lsp entities`: one entity, however it is written.
#[derive(Debug, Serialize)]
pub struct EntityRow {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Every other surface form, across all its names.
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub articles: Vec<String>,
    /// Its other names, each with its mention count and why it was merged.
    pub variants: Vec<VariantRow>,
    /// Names that may be the same entity but were left apart.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possibly: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct VariantRow {
    pub name: String,
    pub mentions: usize,
    pub reason: String,
}

/// The entities of the corpus holding `path`, most mentioned first.
pub fn entities(path: &Path) -> Result<Vec<EntityRow>, String> {
    let (_, root) = corpus_root_for(path)?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let corpus = Corpus::load(root, &|_, _| {});
    Ok(entity_rows(&corpus, &|path| display_path(&cwd, path)))
}

/// The entities of `corpus`, most mentioned first, with article paths
/// shown by `shown`.
pub fn entity_rows(corpus: &Corpus, shown: &dyn Fn(&Path) -> String) -> Vec<EntityRow> {
    let index = corpus.entity_index();
    let mut rows: Vec<EntityRow> = corpus
        .clusters()
        .into_iter()
        .map(|cluster| {
            let mut surfaces = std::collections::BTreeSet::new();
            let mut ids = std::collections::BTreeSet::new();
            let mut mentions = 0;
            for name in cluster.names() {
                for (&id, spans) in index.mentions(name).into_iter().flatten() {
                    ids.insert(id);
                    mentions += spans.len();
                }
                for surface in index.surfaces(name).into_iter().flat_map(|s| s.keys()) {
                    if *surface != cluster.canonical {
                        surfaces.insert(surface.clone());
                    }
                }
            }
            let mut articles: Vec<String> = ids
                .into_iter()
                .filter_map(|id| corpus.article_by_id(id))
                .map(|entry| shown(&entry.path))
                .collect();
            articles.sort();
            let variants = cluster
                .members
                .iter()
                .filter_map(|m| {
                    Some(VariantRow {
                        name: m.name.clone(),
                        mentions: index.totals(&m.name).0,
                        reason: m.reason.as_ref()?.describe(),
                    })
                })
                .collect();
            EntityRow {
                name: cluster.canonical.clone(),
                kind: cluster.kind.as_str().to_string(),
                aliases: surfaces.into_iter().collect(),
                mentions,
                articles,
                variants,
                possibly: cluster.possibly.into_iter().map(|(p, _)| p).collect(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

pub fn write_entities(
    out: &mut dyn Write,
    rows: &[EntityRow],
    format: OutputFormat,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => {
            for row in rows {
                serde_json::to_writer(&mut *out, row)?;
                writeln!(out)?;
            }
        }
        OutputFormat::Text => {
            let width = rows
                .iter()
                .map(|r| r.name.chars().count())
                .max()
                .unwrap_or(4)
                .min(48);
            writeln!(
                out,
                "{:width$}  {:12}  {:>8}  {:>8}  aliases",
                "entity", "type", "mentions", "articles"
            )?;
            for row in rows {
                writeln!(
                    out,
                    "{:width$}  {:12}  {:>8}  {:>8}  {}",
                    row.name,
                    row.kind,
                    row.mentions,
                    row.articles.len(),
                    row.aliases.join(", ")
                )?;
                for v in &row.variants {
                    writeln!(
                        out,
                        "{:width$}    = {} ({}): {}",
                        "", v.name, v.mentions, v.reason
                    )?;
                }
                if !row.possibly.is_empty() {
                    writeln!(
                        out,
                        "{:width$}    ? possibly {}",
                        "",
                        row.possibly.join(", ")
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// Writes the event claims of the corpus around `path`, those of the
/// articles under it: see `corpus-lsp claims --help`.
pub fn claims(out: &mut dyn Write, path: &Path, format: OutputFormat) -> Result<(), String> {
    let (absolute, root) = corpus_root_for(path)?;
    let corpus = Corpus::load(root, &|_, _| {});
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut entries = corpus.articles();
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let result = (|| -> io::Result<()> {
        for entry in entries {
            if !entry.path.starts_with(&absolute) {
                continue;
            }
            let shown = display_path(&cwd, &entry.path);
            for c in corpus.event_claims(&entry.path) {
                match format {
                    OutputFormat::Json => {
                        serde_json::to_writer(&mut *out, &claim_json(entry, c, &shown))?;
                        writeln!(out)?;
                    }
                    OutputFormat::Text => writeln!(
                        out,
                        "{shown}:{}:{}: {} · {} · ‘{}’ ({}){}",
                        claim_at(entry, c).0,
                        claim_at(entry, c).1,
                        c.family.as_str(),
                        c.who(),
                        entry.text.get(c.date_span.clone()).unwrap_or(""),
                        c.value.value,
                        if c.plan { " · planned" } else { "" },
                    )?,
                }
            }
        }
        Ok(())
    })();
    match result {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(err.to_string()),
        _ => Ok(()),
    }
}

/// The 1-based line and column (in characters) of a claim's date.
fn claim_at(entry: &ArticleEntry, c: &EventClaim) -> (u32, u32) {
    let at = entry
        .analysis
        .line_index
        .line_col(&entry.text, c.date_span.start, ColumnUnit::Utf32);
    (at.line + 1, at.col + 1)
}

/// One claim as `corpus-lsp claims --format json` prints it, its article
/// shown as `shown`.
pub fn claim_json(entry: &ArticleEntry, c: &EventClaim, shown: &str) -> serde_json::Value {
    let (line, column) = claim_at(entry, c);
    let parties: Vec<&str> = c.parties.iter().map(|p| p.name.as_str()).collect();
    serde_json::json!({
        "path": shown,
        "line": line,
        "column": column,
        "event": c.family.as_str(),
        "kind": c.kind.as_str(),
        "actor": c.actor.as_ref().map(|a| &a.name),
        "parties": parties,
        "date": entry.text.get(c.date_span.clone()).unwrap_or(""),
        "value": c.value.value,
        "tense": c.tense.as_str(),
        "plan": c.plan,
        "figures": c.figures.iter().map(|m| m.amount).collect::<Vec<_>>(),
        "confidence": c.confidence,
        "sentence": entry.text.get(c.sentence.clone()).unwrap_or("").trim(),
    })
}

/// `corpus-lsp articles`: each article's publication date, sorted by path.
pub fn articles(path: &Path) -> Result<Vec<crate::corpus::published::Published>, String> {
    let (absolute, root) = corpus_root_for(path)?;
    let corpus = Corpus::load(root, &|_, _| {});
    // A file or sub-folder lists its own articles, dated within the whole corpus.
    let mut rows: Vec<_> = corpus
        .articles()
        .into_iter()
        .filter(|entry| entry.path.starts_with(&absolute))
        .filter_map(|entry| corpus.published(&entry.path))
        .collect();
    rows.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(rows)
}

pub fn write_articles(
    out: &mut dyn Write,
    rows: &[crate::corpus::published::Published],
    format: OutputFormat,
) -> io::Result<()> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let iso = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string());
    match format {
        OutputFormat::Json => {
            for row in rows {
                let value = serde_json::json!({
                    "path": display_path(&cwd, &row.path),
                    "headline": row.headline,
                    "dateline": row.dateline,
                    "published": {
                        "date": iso(row.date),
                        "source": row.source.map(|s| s.as_str()),
                        "earliest": iso(row.earliest),
                        "latest": iso(row.latest),
                        "evidence": row.evidence,
                    },
                });
                serde_json::to_writer(&mut *out, &value)?;
                writeln!(out)?;
            }
        }
        OutputFormat::Text => {
            let paths: Vec<String> = rows.iter().map(|r| display_path(&cwd, &r.path)).collect();
            let width = paths
                .iter()
                .map(|p| p.chars().count())
                .max()
                .unwrap_or(4)
                .clamp(4, 48);
            writeln!(
                out,
                "{:width$}  {:10}  {:8}  {:23}  headline",
                "path", "date", "source", "interval"
            )?;
            for (row, path) in rows.iter().zip(&paths) {
                let dash = || "-".to_string();
                let interval = match (row.source, row.earliest, row.latest) {
                    (Some(crate::corpus::published::DateSource::Inferred), e, l) => format!(
                        "{}..{}",
                        e.map_or_else(|| "?".to_string(), |d| d.to_string()),
                        l.map_or_else(|| "?".to_string(), |d| d.to_string())
                    ),
                    _ => dash(),
                };
                writeln!(
                    out,
                    "{path:width$}  {:10}  {:8}  {interval:23}  {}",
                    iso(row.date).unwrap_or_else(dash),
                    row.source.map_or("-", |s| s.as_str()),
                    row.headline.as_deref().unwrap_or("-")
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{github_data, github_property};

    #[test]
    fn workflow_commands_escape_what_would_end_them() {
        assert_eq!(github_data("50% up\r\nnext"), "50%25 up%0D%0Anext");
        assert_eq!(github_data("a: b, c"), "a: b, c");
        assert_eq!(
            github_property("news/a, b: c%.txt"),
            "news/a%2C b%3A c%25.txt"
        );
    }
}
