//! An article's findings in its corpus: its own, the cross-article ones
//! (conflicts, misspellings), the corpus's `[checks]` settings, and the
//! findings of `corpus.toml` and of files the corpus could not take in.

use super::discover::SkipReason;
use super::{ArticleEntry, Corpus};
use crate::analysis::findings::{Finding, Fix, Severity, TextEdit, codes};
use crate::analysis::temporal;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

impl Corpus {
    /// An article's findings, its own and those that need the corpus, with
    /// the corpus's `[checks]` settings applied.
    pub fn findings(&self, path: &Path) -> Vec<Finding> {
        if let Some(reason) = self.skipped.get(path) {
            return vec![skip_finding(reason)];
        }
        let Some(entry) = self.articles.get(path) else {
            return Vec::new();
        };
        let mut findings = entry.analysis.findings.clone();
        if findings.iter().any(|f| f.code == codes::MISSING_DATELINE) {
            // The corpus may bound the date better than the article alone.
            let inferred = self.inferred_publication(path);
            let example = self
                .dateline_example
                .as_ref()
                .map(|(_, line)| line.as_str());
            for finding in findings
                .iter_mut()
                .filter(|f| f.code == codes::MISSING_DATELINE)
            {
                finding.message =
                    temporal::missing_dateline_message(&entry.analysis.article, inferred.as_ref());
                if let Some(inferred) = &inferred {
                    finding.fixes.extend(temporal::missing_dateline_fix(
                        &entry.text,
                        &entry.analysis.article,
                        inferred,
                        example,
                    ));
                }
            }
        }
        findings.extend(self.misspelling_findings(entry));
        findings.extend(self.stale_findings(entry));
        if let Some(id) = self.id_of(path) {
            findings.extend(self.conflict_findings(id, entry));
            findings.extend(self.figure_findings(id, entry));
        }
        self.apply_checks(findings)
    }

    /// The corpus's `[checks]` settings applied: findings switched off are
    /// dropped, the others get their configured severity.
    pub(super) fn apply_checks(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|finding| {
                let severity = self.config.severity_for(finding.code, finding.severity)?;
                Some(Finding {
                    severity,
                    ..finding
                })
            })
            .collect()
    }

    fn misspelling_findings(&self, entry: &ArticleEntry) -> Vec<Finding> {
        let mut found = crate::analysis::entities::misspellings(
            &entry.text,
            &entry.analysis.names,
            &self.names,
        );
        found.extend(self.name_misspellings(entry, &found));
        found
            .into_iter()
            .map(|m| {
                let (mentions, articles) = self.entities.totals(&m.suggestion);
                // The suggestion may be a word of a longer name ("Millennium"
                // in "Cerner Millennium"): then count what the table knows.
                let (mentions, articles) = match (mentions, self.names.entity(&m.suggestion)) {
                    (0, Some(info)) => (info.mentions as usize, info.articles as usize),
                    (0, None) => (m.target_mentions as usize, 0),
                    known => (known.0, articles),
                };
                let mut finding = Finding::new(
                    codes::POSSIBLE_MISSPELLING,
                    Severity::Warning,
                    m.span.clone(),
                    format!(
                        "‘{}’ may be a misspelling of ‘{}’ ({mentions} mention{}{})",
                        m.word,
                        m.suggestion,
                        if mentions == 1 { "" } else { "s" },
                        match articles {
                            0 => String::new(),
                            1 => " in 1 article".to_string(),
                            n => format!(" in {n} articles"),
                        },
                    ),
                );
                finding.fixes.push(Fix {
                    title: format!("Replace with ‘{}’", m.suggestion),
                    edits: vec![TextEdit {
                        span: m.span.clone(),
                        new_text: m.suggestion.clone(),
                    }],
                    file: None,
                });
                finding
            })
            .collect()
    }

    /// Misspelt words of whole names that the word check leaves alone: a
    /// first name that is a name itself ("Mathew" for "Matthew"), a word
    /// too rare corpus-wide on its own. Found by identity's misspelling
    /// links, one per mention, never where a word was already flagged.
    fn name_misspellings(
        &self,
        entry: &ArticleEntry,
        flagged: &[crate::analysis::entities::Misspelling],
    ) -> Vec<crate::analysis::entities::Misspelling> {
        use crate::analysis::entities::identity::key_words;
        let Some(mentions) = self.mentions(&entry.path) else {
            return Vec::new();
        };
        let mut targets: HashMap<&str, Option<Arc<str>>> = HashMap::new();
        let mut out = Vec::new();
        for m in mentions
            .iter()
            .filter(|m| m.kind.is_name() && m.entity.contains(' '))
        {
            let target = targets
                .entry(m.entity.as_str())
                .or_insert_with(|| self.misspelling_of(&m.entity));
            let Some(target) = target else { continue };
            let (mine, theirs) = (key_words(&m.entity), key_words(target));
            let Some(i) = (0..mine.len().min(theirs.len())).find(|&i| mine[i] != theirs[i]) else {
                continue;
            };
            // The misspelt word as written in this mention, and the target's
            // word as the corpus writes it.
            let surface = &entry.text[m.span.clone()];
            let (Some(word), Some(suggestion)) =
                (m.entity.split(' ').nth(i), target.split(' ').nth(i))
            else {
                continue;
            };
            let Some(at) = surface.find(word) else {
                continue;
            };
            let span = m.span.start + at..m.span.start + at + word.len();
            if flagged
                .iter()
                .any(|f| f.span.start < span.end && span.start < f.span.end)
            {
                continue;
            }
            out.push(crate::analysis::entities::Misspelling {
                span,
                word: word.to_string(),
                suggestion: suggestion.to_string(),
                target_mentions: self.entities.totals(target).0 as u32,
            });
        }
        out
    }

    /// Problems in `corpus.toml`, as findings on that file.
    pub fn config_findings(&self) -> Vec<Finding> {
        self.config_errors
            .iter()
            .map(|error| {
                Finding::new(
                    codes::CONFIG_ERROR,
                    Severity::Error,
                    error.span.clone(),
                    format!(
                        "{} (the last good configuration stays in force)",
                        error.message
                    ),
                )
            })
            .collect()
    }
}

/// The finding shown on a file that the corpus could not take in.
pub fn skip_finding(reason: &SkipReason) -> Finding {
    let code = match reason {
        SkipReason::TooLarge { .. } => codes::FILE_TOO_LARGE,
        SkipReason::NotUtf8 { .. } | SkipReason::Io(_) => codes::UNREADABLE_FILE,
    };
    Finding::new(code, Severity::Warning, 0..0, reason.to_string())
}
