//! `corpus-lsp export` and `corpus-lsp import`: a corpus's mentions, automatic
//! and annotated, written for NLP tools, and brat `.ann` files read back in.

use crate::analysis::Span;
use crate::analysis::annotations::{
    AnnFile, Annotation, AnnotationLabel, ann_path, export_brat, export_conll, export_jsonl,
};
use crate::analysis::entities::EntityKind;
use crate::corpus::{ArticleEntry, Corpus, config, curation, discover};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// brat standoff: `.txt` and `.ann` per article, and `annotation.conf`.
    Brat,
    /// spaCy / Prodigy: `corpus.jsonl`, one line per article.
    Jsonl,
    /// CoNLL BIO: `corpus.conll`, articles separated by `-DOCSTART-`.
    Conll,
    /// JSON lines per table: `articles`, `mentions`, `entities`, `claims`,
    /// `figures` (`.jsonl`), for SQL engines.
    Facts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// brat standoff `.ann` files.
    Brat,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExportSummary {
    pub annotations: usize,
    pub articles: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    /// `.ann` files written (or already identical).
    pub files: usize,
    pub problems: usize,
    /// Whether `corpus.toml` was changed to enable brat annotations.
    pub enabled: bool,
}

fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn join_spans(text: &str, spans: &[Span]) -> String {
    spans
        .iter()
        .filter_map(|s| text.get(s.clone()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The annotations to export for one article: its mentions (fragments of
/// one annotated mention merged back into one annotation) and its
/// annotations of other types, sorted by first offset. Automatic mentions
/// inside boilerplate are left out; annotated ones are kept, as the editor
/// highlights them.
pub fn article_annotations(corpus: &Corpus, entry: &ArticleEntry) -> Vec<Annotation> {
    let text = &*entry.text;
    let mut out: Vec<Annotation> = Vec::new();
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    for m in corpus.mentions(&entry.path).map_or(&[][..], |m| &m[..]) {
        match &m.annotation {
            Some(id) => {
                if let Some(&k) = by_id.get(&**id) {
                    out[k].spans.push(m.span.clone());
                } else {
                    by_id.insert(id, out.len());
                    out.push(Annotation {
                        spans: vec![m.span.clone()],
                        label: m.kind.as_str().to_string(),
                        text: String::new(),
                    });
                }
            }
            None => {
                if entry.analysis.article.is_boilerplate(m.span.start) {
                    continue;
                }
                out.push(Annotation {
                    spans: vec![m.span.clone()],
                    label: m.kind.as_str().to_string(),
                    text: String::new(),
                });
            }
        }
    }
    for o in corpus.other_mentions(&entry.path) {
        out.push(Annotation {
            spans: o.spans.clone(),
            label: o.type_name.clone(),
            text: String::new(),
        });
    }
    for a in &mut out {
        a.spans.sort_by_key(|s| (s.start, s.end));
        a.text = join_spans(text, &a.spans);
    }
    out.sort_by(|a, b| {
        let key = |x: &Annotation| x.spans.first().map(|s| (s.start, s.end));
        key(a).cmp(&key(b)).then_with(|| a.label.cmp(&b.label))
    });
    out
}

/// The article's sentences for CoNLL: the headline, then each paragraph's
/// sentences (or the paragraph when it has none).
fn sentences(entry: &ArticleEntry) -> Vec<Span> {
    let article = &entry.analysis.article;
    let mut out: Vec<Span> = article.headline.iter().map(|h| h.span.clone()).collect();
    for p in &article.paragraphs {
        if p.sentences.is_empty() {
            out.push(p.span.clone());
        } else {
            out.extend(p.sentences.iter().cloned());
        }
    }
    out
}

/// Every write goes through a temporary file renamed into place.
fn write(path: &Path, contents: &str) -> Result<(), String> {
    crate::safe_write::write(path, contents.as_bytes())
}

const MARKER_TEXT: &str = "Written by `corpus-lsp export`. corpus-lsp does not read the files of \
this folder as articles of the corpus around it; delete this file to make them articles.\n";

/// Makes `out` an export folder: created if missing, refused if it is the
/// corpus's root or holds its articles (an export would mix with them, or
/// overwrite them), and marked so that the next load leaves it out.
pub fn prepare_output(corpus: &Corpus, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out)
        .map_err(|err| format!("cannot create the folder {}: {err}", out.display()))?;
    let absolute = std::fs::canonicalize(out).map_err(|err| format!("{}: {err}", out.display()))?;
    let marker = absolute.join(discover::EXPORT_MARKER);
    if !marker.is_file() {
        let holds_articles = corpus
            .articles()
            .iter()
            .any(|entry| entry.path.starts_with(&absolute));
        if absolute == corpus.root || holds_articles {
            return Err(format!(
                "{}: holds articles of the corpus at {}; export into a new folder",
                out.display(),
                corpus.root.display()
            ));
        }
        write(&marker, MARKER_TEXT)?;
    }
    Ok(())
}

/// Exports the articles of the corpus holding `path` (those under `path`)
/// into the folder `out`.
pub fn export(path: &Path, format: ExportFormat, out: &Path) -> Result<ExportSummary, String> {
    let (target, root) = crate::check::corpus_root_for(path)?;
    let corpus = Corpus::load(root.clone(), &|_, _| {});
    prepare_output(&corpus, out)?;
    if format == ExportFormat::Facts {
        let (facts, tables) = crate::facts::tables(&corpus, &target);
        for (table, lines) in tables {
            write(&out.join(format!("{table}.jsonl")), &lines)?;
        }
        return Ok(ExportSummary {
            annotations: facts.rows,
            articles: facts.articles,
        });
    }
    let mut summary = ExportSummary::default();
    let mut types: BTreeSet<String> = BTreeSet::new();
    let mut combined = String::new();
    for entry in corpus.articles() {
        if !entry.path.starts_with(&target) {
            continue;
        }
        let rel = entry.path.strip_prefix(&root).unwrap_or(&entry.path);
        let annotations = article_annotations(&corpus, entry);
        summary.articles += 1;
        summary.annotations += annotations.len();
        match format {
            ExportFormat::Brat => {
                // brat pairs `x.txt` with `x.ann`, whatever the article's extension.
                write(&out.join(rel).with_extension("txt"), &entry.text)?;
                write(
                    &out.join(ann_path(rel)),
                    &export_brat(&entry.text, &annotations),
                )?;
                for a in &annotations {
                    types.insert(AnnotationLabel::parse(&a.label).brat_type().into_owned());
                }
            }
            ExportFormat::Jsonl => {
                // Forward slashes, so that the source reads the same on every OS.
                let source = rel.to_string_lossy().replace('\\', "/");
                combined.push_str(&export_jsonl(&entry.text, &annotations, &source));
                combined.push('\n');
            }
            ExportFormat::Conll => {
                combined.push_str("-DOCSTART-\tO\n\n");
                combined.push_str(&export_conll(&entry.text, &annotations, &sentences(entry)));
                combined.push('\n');
            }
            ExportFormat::Facts => {}
        }
    }
    match format {
        ExportFormat::Brat => {
            let mut conf = String::from("[entities]\n");
            for t in &types {
                conf.push_str(t);
                conf.push('\n');
            }
            conf.push_str("\n[relations]\n\n[events]\n\n[attributes]\n");
            write(&out.join("annotation.conf"), &conf)?;
        }
        ExportFormat::Jsonl => write(&out.join("corpus.jsonl"), &combined)?,
        ExportFormat::Conll => write(&out.join("corpus.conll"), &combined)?,
        ExportFormat::Facts => {}
    }
    Ok(summary)
}

/// Imports `src/<rel>.ann` for each article `<rel>` of the corpus holding
/// `path` (those under `path`), writing it beside the article; problems go
/// to stderr as `path:line: message`. An existing `.ann` that differs is
/// only replaced with `force`.
pub fn import(
    src: &Path,
    path: &Path,
    _format: ImportFormat,
    force: bool,
) -> Result<ImportSummary, String> {
    if !src.is_dir() {
        return Err(format!("{}: not a folder", src.display()));
    }
    let (target, root) = crate::check::corpus_root_for(path)?;
    let corpus = Corpus::load(root.clone(), &|_, _| {});
    let mut summary = ImportSummary::default();
    for entry in corpus.articles() {
        if !entry.path.starts_with(&target) {
            continue;
        }
        let rel = entry.path.strip_prefix(&root).unwrap_or(&entry.path);
        let from = src.join(ann_path(rel));
        if !from.is_file() {
            continue;
        }
        let text =
            std::fs::read_to_string(&from).map_err(|err| format!("{}: {err}", from.display()))?;
        for problem in AnnFile::parse(&text).check(&entry.text) {
            eprintln!(
                "{}:{}: {}",
                display_path(&from),
                problem.line + 1,
                problem.message
            );
            summary.problems += 1;
        }
        let to = ann_path(&entry.path);
        if let Ok(existing) = std::fs::read_to_string(&to) {
            if existing == text {
                summary.files += 1;
                continue;
            }
            if !force {
                eprintln!(
                    "{}: already exists and differs from {}; not overwritten (use --force)",
                    display_path(&to),
                    display_path(&from)
                );
                summary.problems += 1;
                continue;
            }
        }
        write(&to, &text)?;
        summary.files += 1;
    }
    summary.enabled = turn_on_annotations(&root)?;
    Ok(summary)
}

/// Sets `[annotations] format = "brat"` in the corpus's `corpus.toml`
/// (created if missing); whether it had to.
fn turn_on_annotations(root: &Path) -> Result<bool, String> {
    let config_path = root.join(config::FILE_NAME);
    let source = match std::fs::read_to_string(&config_path) {
        Ok(source) => source,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(format!("{}: {err}", config_path.display())),
    };
    let updated = curation::enable_annotations(&source)
        .map_err(|err| format!("{}: {err}", display_path(&config_path)))?;
    if updated == source {
        return Ok(false);
    }
    write(&config_path, &updated)?;
    Ok(true)
}

/// What `annotate --all` did.
#[derive(Debug, Default)]
pub struct AnnotateSummary {
    pub title: Option<String>,
    pub files: usize,
    pub enabled: bool,
}

/// `corpus-lsp annotate --all NAME --as TYPE` (or `--remove`): the same
/// bulk action the editor offers, written to every article's `.ann`.
/// Enables brat annotations in `corpus.toml` first when needed.
pub fn annotate_all(
    path: &Path,
    name: &str,
    kind: EntityKind,
    remove: bool,
) -> Result<AnnotateSummary, String> {
    let (_, root) = crate::check::corpus_root_for(path)?;
    let mut summary = AnnotateSummary::default();
    if !remove {
        summary.enabled = turn_on_annotations(&root)?;
    }
    let corpus = Corpus::load(root, &|_, _| {});
    let entity = corpus
        .cluster(name)
        .map(|c| c.canonical)
        .ok_or_else(|| format!("no entity named ‘{name}’ in the corpus"))?;
    let plan = if remove {
        crate::ide::bulk::remove_all(&corpus, &entity, kind)
    } else {
        crate::ide::bulk::annotate_all(&corpus, &entity, kind)
    };
    let Some(plan) = plan else {
        return Ok(summary);
    };
    for edit in plan.edits(&corpus) {
        let mut text = edit.base.to_string();
        for (span, new_text) in edit.edits.iter().rev() {
            text.replace_range(span.clone(), new_text);
        }
        write(&edit.path, &text)?;
        summary.files += 1;
    }
    summary.title = Some(plan.title);
    Ok(summary)
}
