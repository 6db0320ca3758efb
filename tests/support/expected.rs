//! The findings an editor would agree are real (`expected.tsv`, one
//! `file<TAB>code<TAB>quote` per line), and the findings a corpus gives,
//! matched against them: shared by the evaluations that score every check.

use corpus_lsp::analysis::findings::{Finding, Severity};
use std::fs;
use std::path::Path;

pub struct Expected {
    pub file: String,
    pub code: String,
    pub quote: String,
}

/// The lines of `path`, blank lines and `#` comments passed over.
pub fn read_expected(path: &Path) -> Vec<Expected> {
    let text = fs::read_to_string(path).expect("expected.tsv");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "expected.tsv: bad line {l:?}");
            Expected {
                file: cols[0].to_string(),
                code: cols[1].to_string(),
                quote: cols[2].to_string(),
            }
        })
        .collect()
}

pub struct Found {
    pub file: String,
    pub code: String,
    pub severity: Severity,
    pub span_text: String,
    pub message: String,
}

impl Found {
    /// Finding `f` of the article `file`, whose text is `text`.
    pub fn new(file: &str, text: &str, f: &Finding) -> Found {
        Found {
            file: file.to_string(),
            code: f.code.to_string(),
            severity: f.severity,
            span_text: text.get(f.span.clone()).unwrap_or("").to_string(),
            message: f.message.clone(),
        }
    }

    #[allow(dead_code, reason = "not every evaluation tells warnings apart")]
    pub fn is_warning(&self) -> bool {
        matches!(self.severity, Severity::Error | Severity::Warning)
    }

    /// Same file and code, and a span whose text and the quote contain one
    /// another (`-` matches any span).
    pub fn matches(&self, e: &Expected) -> bool {
        e.file == self.file
            && e.code == self.code
            && (e.quote == "-"
                || (!self.span_text.is_empty()
                    && (self.span_text.contains(&e.quote) || e.quote.contains(&self.span_text))))
    }
}
