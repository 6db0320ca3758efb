//! The corpus's `.ann` files (when `[annotations] format = "brat"`): read
//! beside the articles, laid over recognition, and checked.

use super::{ArticleEntry, Corpus};
use crate::analysis::Span;
use crate::analysis::annotations::{
    AnnFile, CodePointIndex, ProblemKind, StaleAnnotation, ann_path, snap_span,
};
use crate::analysis::entities::{EntityKind, Gazetteer, NameTable};
use crate::analysis::findings::{Finding, Fix, Related, Severity, TextEdit, codes};
use crate::analysis::text::file_name;
use std::path::{Path, PathBuf};

/// Reads the `.ann` file of an article, if there is one. `Err` for a file
/// that exists but cannot be read as UTF-8 text (it is then never
/// rewritten).
pub fn read_ann(article: &Path) -> Option<Result<AnnFile, String>> {
    let path = ann_path(article);
    match std::fs::read(&path) {
        Ok(bytes) => Some(
            String::from_utf8(bytes)
                .map(|text| AnnFile::parse(&text))
                .map_err(|e| {
                    format!(
                        "{} is not UTF-8 text (invalid byte at {}); its annotations are not used",
                        path.display(),
                        e.utf8_error().valid_up_to()
                    )
                }),
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some(Err(format!("cannot read {}: {e}", path.display()))),
    }
}

/// The corpus's name for an annotated surface: a curated entity whose
/// name or alias it is, or the long form of a known acronym.
pub(super) fn canonical(
    gazetteer: &Gazetteer,
    names: &NameTable,
    surface: &str,
    kind: EntityKind,
) -> Option<String> {
    let curated = gazetteer.named(surface, |e| e.kind.is_none_or(|k| k == kind));
    if let Some(entry) = curated {
        return Some(entry.name.clone());
    }
    names
        .acronym(surface)
        .filter(|_| kind.is_name())
        .map(|(long, _)| long.to_string())
}

impl Corpus {
    /// Whether `.ann` files are read and applied.
    pub fn annotations_enabled(&self) -> bool {
        self.config.annotations.is_some()
    }

    /// The annotation file of an article, as the corpus applies it.
    pub fn ann_file(&self, article: &Path) -> Option<&AnnFile> {
        self.ann_files.get(article).map(|a| a.as_ref())
    }

    /// The article a `.ann` file annotates (`a.ann` → `a.txt` or `a.md`).
    pub fn article_of_ann(&self, ann: &Path) -> Option<PathBuf> {
        // Articles are found by their extension; try the usual ones before
        // scanning.
        ["txt", "md"]
            .iter()
            .map(|ext| ann.with_extension(ext))
            .find(|p| self.articles.contains_key(p))
            .or_else(|| {
                self.articles
                    .keys()
                    .find(|article| ann_path(article) == ann)
                    .cloned()
            })
    }

    /// The current text of an article or of an article's `.ann` file.
    pub fn file_text(&self, path: &Path) -> Option<String> {
        if let Some(entry) = self.articles.get(path) {
            return Some(entry.text.to_string());
        }
        let article = self.article_of_ann(path)?;
        self.ann_file(&article).map(AnnFile::to_text)
    }

    /// Why an article's `.ann` file is not used, if it cannot be read.
    pub fn ann_error(&self, article: &Path) -> Option<&str> {
        self.ann_errors.get(article).map(String::as_str)
    }

    /// Replaces an article's annotations (`None`: the `.ann` file is gone)
    /// and applies them to that article alone.
    pub fn set_ann(&mut self, article: &Path, ann: Option<Result<AnnFile, String>>) {
        self.ann_errors.remove(article);
        match ann {
            Some(Ok(file)) => {
                self.ann_files
                    .insert(article.to_path_buf(), std::sync::Arc::new(file));
            }
            Some(Err(message)) => {
                tracing::warn!("{message}");
                self.ann_files.remove(article);
                self.ann_errors.insert(article.to_path_buf(), message);
            }
            None => {
                self.ann_files.remove(article);
            }
        }
        if let Some(id) = self.id_of(article) {
            self.resolve_article(id);
        }
    }

    /// Keeps an article's annotations in step with edits made to its text
    /// in the editor: each `(removed, inserted)` replaces bytes of the text
    /// as it was just before that edit, starting from `old_text`. Returns
    /// the `.ann` text before, when anything moved. The article is not
    /// re-resolved here: the caller is about to index its new text.
    pub fn shift_ann(
        &mut self,
        article: &Path,
        old_text: &str,
        edits: &[(Span, &str)],
    ) -> Option<String> {
        let file = self.ann_files.get_mut(article)?;
        let before = file.to_text();
        let ann = std::sync::Arc::make_mut(file);
        let mut text = old_text.to_string();
        let mut moved = false;
        for (removed, inserted) in edits {
            let removed = removed.start.min(text.len())..removed.end.min(text.len());
            moved |= !ann
                .apply_edit(&text, removed.clone(), inserted)
                .changed
                .is_empty();
            let removed = snap_span(&text, &removed);
            text.replace_range(removed, inserted);
        }
        moved.then_some(before)
    }

    /// Reads every article's `.ann` file again from disk (after the format
    /// was switched on), in parallel; or forgets them all (switched off).
    pub(super) fn reload_anns(&mut self) {
        use rayon::prelude::*;
        self.ann_files.clear();
        self.ann_errors.clear();
        if !self.annotations_enabled() {
            return;
        }
        let read: Vec<_> = self
            .articles
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .into_par_iter()
            .filter_map(|path| read_ann(&path).map(|ann| (path, ann)))
            .collect();
        for (path, ann) in read {
            match ann {
                Ok(file) => {
                    self.ann_files.insert(path, std::sync::Arc::new(file));
                }
                Err(message) => {
                    tracing::warn!("{message}");
                    self.ann_errors.insert(path, message);
                }
            }
        }
    }

    /// `stale-annotation` findings on an article: each annotation whose
    /// stored text is no longer at its offsets, with quick fixes on the
    /// `.ann` file to re-anchor it to the nearest match or delete it.
    pub(super) fn stale_findings(&self, entry: &ArticleEntry) -> Vec<Finding> {
        let Some(ann) = self.ann_files.get(&entry.path) else {
            return Vec::new();
        };
        let ann_file = ann_path(&entry.path);
        let index = CodePointIndex::new(&entry.text);
        ann.stale(&entry.text)
            .into_iter()
            .map(|stale| {
                let span = article_span(&index, &stale);
                let mut finding = Finding::new(
                    codes::STALE_ANNOTATION,
                    Severity::Warning,
                    span,
                    stale_message(&stale),
                );
                finding.related.push(Related {
                    file: Some(ann_file.clone()),
                    span: stale.line_span.clone(),
                    message: format!("{} in {}", stale.id, file_name(&ann_file)),
                });
                finding.fixes = stale_fixes(ann, &stale, Some(&ann_file));
                finding
            })
            .collect()
    }

    /// Findings on an article's `.ann` file: lines that cannot be read,
    /// duplicate IDs, bad offsets, unknown references, stale annotations.
    pub fn ann_findings(&self, article: &Path) -> Vec<Finding> {
        if let Some(message) = self.ann_errors.get(article) {
            return vec![Finding::new(
                codes::UNREADABLE_FILE,
                Severity::Warning,
                0..0,
                message.clone(),
            )];
        }
        let Some(ann) = self.ann_files.get(article) else {
            return Vec::new();
        };
        let text = self.articles.get(article).map(|e| e.text.clone());
        let problems = match &text {
            Some(text) => ann.check(text),
            None => ann.problems(),
        };
        let stale: Vec<StaleAnnotation> = text.as_ref().map(|t| ann.stale(t)).unwrap_or_default();
        let mut findings: Vec<Finding> = problems
            .into_iter()
            .filter_map(|problem| {
                if problem.kind == ProblemKind::Stale
                    || (problem.kind == ProblemKind::BadOffsets
                        && stale.iter().any(|s| s.line == problem.line))
                {
                    // Reported below, with its quick fixes.
                    return None;
                }
                let severity = match problem.kind {
                    ProblemKind::Malformed | ProblemKind::DuplicateId => Severity::Error,
                    _ => Severity::Warning,
                };
                Some(Finding::new(
                    codes::MALFORMED_ANNOTATION,
                    severity,
                    problem.span,
                    problem.message,
                ))
            })
            .collect();
        for s in &stale {
            let mut finding = Finding::new(
                codes::STALE_ANNOTATION,
                Severity::Warning,
                s.line_span.clone(),
                stale_message(s),
            );
            if let Some(entry) = self.articles.get(article) {
                let index = CodePointIndex::new(&entry.text);
                finding.related.push(Related {
                    file: Some(article.to_path_buf()),
                    span: article_span(&index, s),
                    message: "the annotated place in the article".into(),
                });
            }
            finding.fixes = stale_fixes(ann, s, None);
            findings.push(finding);
        }
        findings.sort_by_key(|f| f.span.start);
        self.apply_checks(findings)
    }
}

fn stale_message(stale: &StaleAnnotation) -> String {
    let stored = ellipsis(&stale.stored_text);
    match &stale.found_text {
        Some(found) if found.is_empty() => {
            format!(
                "stale annotation {}: “{stored}” was deleted from the article",
                stale.id
            )
        }
        Some(found) => format!(
            "stale annotation {}: the article has “{}” here, not “{stored}”",
            stale.id,
            ellipsis(found)
        ),
        None => format!(
            "stale annotation {}: its offsets are outside the article (“{stored}”)",
            stale.id
        ),
    }
}

fn ellipsis(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Where a stale annotation points in the article now: its first stored
/// fragment, clamped to the text.
fn article_span(index: &CodePointIndex, stale: &StaleAnnotation) -> crate::analysis::Span {
    let len = index.len_chars();
    let Some(first) = stale.spans.iter().min_by_key(|r| r.start) else {
        return 0..0;
    };
    let start = first.start.min(len);
    let end = first.end.clamp(start, len);
    let byte = |cp| index.cp_to_byte(cp).unwrap_or(index.text().len());
    byte(start)..byte(end)
}

/// "Re-anchor" (when the text occurs in the article) and "Delete", as
/// edits of the `.ann` text; `file` names the `.ann` when the finding is
/// on the article.
fn stale_fixes(ann: &AnnFile, stale: &StaleAnnotation, file: Option<&Path>) -> Vec<Fix> {
    let as_fix = |title: String, edits: Vec<crate::analysis::annotations::AnnEdit>| Fix {
        title,
        edits: edits
            .into_iter()
            .map(|e| TextEdit {
                span: e.range,
                new_text: e.new_text,
            })
            .collect(),
        file: file.map(Path::to_path_buf),
    };
    let mut fixes = Vec::new();
    if let Some(nearest) = &stale.nearest {
        let mut copy = ann.clone();
        let (moved, edits) = copy.tracked(|a| a.set_spans(&stale.id, nearest.clone()));
        if moved && !edits.is_empty() {
            let at: Vec<String> = nearest
                .iter()
                .map(|r| format!("{} {}", r.start, r.end))
                .collect();
            fixes.push(as_fix(
                format!(
                    "Re-anchor {} to “{}” at {}",
                    stale.id,
                    ellipsis(&stale.stored_text),
                    at.join(";")
                ),
                edits,
            ));
        }
    }
    let mut copy = ann.clone();
    let (removed, edits) = copy.tracked(|a| a.remove(&stale.id));
    if removed.is_some() {
        fixes.push(as_fix(format!("Delete annotation {}", stale.id), edits));
    }
    fixes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::annotations::AnnEdit;
    use crate::analysis::annotations::apply_edits;

    fn corpus_with(
        name: &str,
        config: &str,
        article: &str,
        ann: Option<&str>,
    ) -> (Corpus, PathBuf, tempfile::TempDir) {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("corpus-lsp-ann-{name}-"))
            .tempdir()
            .unwrap();
        let dir = tmp.path().to_path_buf();
        std::fs::write(dir.join("corpus.toml"), config).unwrap();
        let path = dir.join("a.txt");
        std::fs::write(&path, article).unwrap();
        if let Some(ann) = ann {
            std::fs::write(dir.join("a.ann"), ann).unwrap();
        }
        let corpus = Corpus::load(dir, &|_, _| {});
        (corpus, path, tmp)
    }

    const ARTICLE: &str =
        "Harbour Light wins 🌊 deal\n\nThe firm Harbour Light signed with 北京 Metro on Monday.\n";

    fn cp(word: &str) -> (usize, usize) {
        let start = ARTICLE.rfind(word).unwrap();
        let s = ARTICLE[..start].chars().count();
        (s, s + word.chars().count())
    }

    fn kinds(corpus: &Corpus, path: &Path) -> Vec<(String, EntityKind, Option<String>)> {
        corpus
            .mentions(path)
            .unwrap()
            .iter()
            .map(|m| {
                (
                    ARTICLE[m.span.clone()].to_string(),
                    m.kind,
                    m.annotation.as_deref().map(str::to_string),
                )
            })
            .collect()
    }

    #[test]
    fn annotations_apply_only_when_opted_in_and_win() {
        let (s, e) = cp("北京 Metro");
        let ann = format!(
            "T1\tLaw {s} {e}\t北京 Metro\nT2\tPER {} {}\tMonday\n",
            cp("Monday").0,
            cp("Monday").1
        );
        let (off, path, _off) = corpus_with("off", "", ARTICLE, Some(&ann));
        assert!(kinds(&off, &path).iter().all(|m| m.2.is_none()));
        assert!(off.other_mentions(&path).is_empty());

        let (on, path, _on) = corpus_with(
            "on",
            "[annotations]\nformat = \"brat\"\n",
            ARTICLE,
            Some(&ann),
        );
        let got = kinds(&on, &path);
        assert!(
            got.contains(&("Monday".into(), EntityKind::Person, Some("T2".into()))),
            "{got:?}"
        );
        assert!(!got.iter().any(|m| m.0.contains("Metro")), "{got:?}");
        assert_eq!(on.other_mentions(&path)[0].type_name, "Law");
        assert!(on.ann_findings(&path).is_empty());
    }

    fn as_ann_edits(fix: &Fix) -> Vec<AnnEdit> {
        fix.edits
            .iter()
            .map(|e| AnnEdit {
                range: e.span.clone(),
                new_text: e.new_text.clone(),
            })
            .collect()
    }

    #[test]
    fn stale_annotations_are_flagged_on_both_files_with_working_fixes() {
        let (s, e) = cp("Harbour Light");
        // Stored offsets one character off: stale, and re-anchorable.
        let ann = format!(
            "#1\tAnnotatorNotes T1\tchecked\nT1\tOrganization {} {}\tHarbour Light\nbroken line\n",
            s + 1,
            e + 1
        );
        let (corpus, path, _dir) = corpus_with(
            "stale",
            "[annotations]\nformat = \"brat\"\n",
            ARTICLE,
            Some(&ann),
        );
        let on_article: Vec<_> = corpus
            .findings(&path)
            .into_iter()
            .filter(|f| f.code == codes::STALE_ANNOTATION)
            .collect();
        assert_eq!(on_article.len(), 1, "{on_article:?}");
        let fixes = &on_article[0].fixes;
        assert!(fixes[0].title.starts_with("Re-anchor T1"), "{fixes:?}");
        assert_eq!(fixes[0].file.as_deref(), Some(ann_path(&path).as_path()));
        let edits = as_ann_edits(&fixes[0]);
        let fixed = apply_edits(&ann, &edits);
        assert!(
            fixed.contains(&format!("T1\tOrganization {s} {e}\tHarbour Light\n")),
            "{fixed}"
        );
        assert!(fixed.contains("broken line"), "nothing is dropped: {fixed}");
        let delete = as_ann_edits(&fixes[1]);
        assert_eq!(apply_edits(&ann, &delete), "broken line\n");

        let on_ann = corpus.ann_findings(&path);
        let codes_seen: Vec<&str> = on_ann.iter().map(|f| f.code).collect();
        assert_eq!(
            codes_seen,
            [codes::STALE_ANNOTATION, codes::MALFORMED_ANNOTATION],
            "{on_ann:?}"
        );
        assert_eq!(on_ann[0].fixes[0].file, None);
    }

    #[test]
    fn an_unreadable_ann_file_is_reported_and_not_used() {
        let (corpus, path, _dir) = corpus_with(
            "binary",
            "[annotations]\nformat = \"brat\"\n",
            ARTICLE,
            None,
        );
        std::fs::write(ann_path(&path), b"T1\tORG 0 7\t\xff\xfe\n").unwrap();
        let mut corpus = corpus;
        corpus.set_ann(&path, read_ann(&path));
        assert!(corpus.ann_file(&path).is_none());
        let findings = corpus.ann_findings(&path);
        assert_eq!(findings[0].code, codes::UNREADABLE_FILE);
        assert!(findings[0].message.contains("not UTF-8"), "{findings:?}");
    }

    #[test]
    fn switching_the_format_on_reads_the_files_live() {
        let (s, e) = cp("Monday");
        let ann = format!("T1\tPerson {s} {e}\tMonday\n");
        let (mut corpus, path, _dir) = corpus_with("live", "", ARTICLE, Some(&ann));
        assert!(kinds(&corpus, &path).iter().all(|m| m.2.is_none()));
        corpus.set_config_text("[annotations]\nformat = \"brat\"\n".into());
        assert!(
            kinds(&corpus, &path)
                .iter()
                .any(|m| m.2.as_deref() == Some("T1"))
        );
        corpus.set_config_text(String::new());
        assert!(kinds(&corpus, &path).iter().all(|m| m.2.is_none()));
    }

    #[test]
    fn editor_edits_shift_the_ann_and_keep_it_applied() {
        let (s, e) = cp("Harbour Light");
        let (ms, me) = cp("Monday");
        let ann = format!("T1\tORG {s} {e}\tHarbour Light\nT2\tDate {ms} {me}\tMonday\n");
        let (mut corpus, path, _dir) = corpus_with(
            "shift",
            "[annotations]\nformat = \"brat\"\n",
            ARTICLE,
            Some(&ann),
        );
        // Two edits of one notification: emoji before the name, then CJK
        // typed inside "Monday" (bytes of the text after the first edit).
        let first = ARTICLE.rfind("The firm").unwrap();
        let mut after_first = ARTICLE.to_string();
        after_first.insert_str(first, "🎉 ");
        let inside = after_first.rfind("Monday").unwrap() + 3;
        let before = corpus
            .shift_ann(
                &path,
                ARTICLE,
                &[(first..first, "🎉 "), (inside..inside, "東")],
            )
            .expect("offsets moved");
        assert_eq!(before, ann);
        let shifted = corpus.ann_file(&path).unwrap().to_text();
        let mut new_text = after_first.clone();
        new_text.insert(inside, '東');
        let starts = |word: &str| {
            let at = new_text.rfind(word).unwrap();
            new_text[..at].chars().count()
        };
        assert!(
            shifted.contains(&format!(
                "T1\tORG {} {}\tHarbour Light",
                starts("Harbour Light"),
                starts("Harbour Light") + 13
            )),
            "{shifted}"
        );
        assert!(
            shifted.contains("\tMon東day\n"),
            "typing inside keeps it annotated: {shifted}"
        );
        corpus.upsert(path.clone(), new_text.clone().into());
        assert!(
            corpus.ann_findings(&path).is_empty(),
            "{:?}",
            corpus.ann_findings(&path)
        );
        let annotated: Vec<&str> = corpus
            .mentions(&path)
            .unwrap()
            .iter()
            .filter(|m| m.annotation.is_some())
            .map(|m| &new_text[m.span.clone()])
            .collect();
        assert_eq!(annotated, ["Harbour Light", "Mon東day"]);
        // An edit far from any annotation moves nothing.
        let text = corpus.file_text(&path).unwrap();
        let end = text.len();
        assert!(
            corpus
                .shift_ann(&path, &text, &[(end..end, "\nMore.")])
                .is_none()
        );
    }

    /// The curated name of an annotated surface comes from a lookup by
    /// exact name or alias (a scan per annotation made a `.ann` of many
    /// lines with a big `corpus.toml` take hours): first entry of the
    /// right kind, in file order.
    #[test]
    fn canonical_names_come_from_the_first_curated_entry_of_the_kind() {
        use crate::analysis::entities::{Curated, CuratedEntity};
        let entry = |name: &str, kind, aliases: &[&str]| CuratedEntity {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        };
        let gazetteer = Gazetteer::new(&Curated {
            entries: vec![
                entry("Kingston", Some(EntityKind::Place), &["KT"]),
                entry(
                    "Kingston Trust",
                    Some(EntityKind::Organization),
                    &["KT", "Kingston"],
                ),
                entry("Other Trust", None, &["KT"]),
            ],
            ignore: vec![],
        });
        let names = NameTable::new();
        let name = |s: &str, k| canonical(&gazetteer, &names, s, k);
        assert_eq!(name("KT", EntityKind::Place).as_deref(), Some("Kingston"));
        assert_eq!(
            name("KT", EntityKind::Organization).as_deref(),
            Some("Kingston Trust")
        );
        assert_eq!(
            name("Kingston", EntityKind::Organization).as_deref(),
            Some("Kingston Trust")
        );
        assert_eq!(
            name("KT", EntityKind::Person).as_deref(),
            Some("Other Trust")
        );
        assert_eq!(name("Kingston Trust", EntityKind::Place), None);
        assert_eq!(name("kt", EntityKind::Place), None);
    }
}
