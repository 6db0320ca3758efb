//! Findings: what a check reports about an article, before it becomes an
//! LSP diagnostic or a line of `corpus-lsp check` output.

use super::Span;
use std::path::PathBuf;

/// Diagnostic codes, exactly as users see them and configure them.
pub mod codes {
    pub const MISSING_DATELINE: &str = "missing-dateline";
    pub const UNREADABLE_FILE: &str = "unreadable-file";
    pub const FILE_TOO_LARGE: &str = "file-too-large";
    pub const CONFIG_ERROR: &str = "config-error";
    pub const POSSIBLE_MISSPELLING: &str = "possible-misspelling";
    pub const DATE_AFTER_PUBLICATION: &str = "date-after-publication";
    pub const WEEKDAY_MISMATCH: &str = "weekday-mismatch";
    pub const INVALID_DATE: &str = "invalid-date";
    pub const CONFLICTING_EVENT_DATE: &str = "conflicting-event-date";
    pub const CONFLICTING_FIGURE: &str = "conflicting-figure";
    pub const STALE_ANNOTATION: &str = "stale-annotation";
    pub const MALFORMED_ANNOTATION: &str = "malformed-annotation";

    /// Every code a user may name in `[checks]`.
    pub const ALL: &[&str] = &[
        MISSING_DATELINE,
        UNREADABLE_FILE,
        FILE_TOO_LARGE,
        CONFIG_ERROR,
        POSSIBLE_MISSPELLING,
        DATE_AFTER_PUBLICATION,
        WEEKDAY_MISMATCH,
        INVALID_DATE,
        CONFLICTING_EVENT_DATE,
        CONFLICTING_FIGURE,
        STALE_ANNOTATION,
        MALFORMED_ANNOTATION,
    ];
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Another place that explains a finding: in the same article when
/// `file` is `None`, else in the named file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Related {
    pub file: Option<PathBuf>,
    pub span: Span,
    pub message: String,
}

/// A replacement of `span` by `new_text` in the article.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

/// A quick fix: edits that resolve the finding, to the article or, when
/// `file` is set, to that file (byte spans of its current text).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    pub file: Option<PathBuf>,
}

impl Fix {
    /// A fix that edits the article itself.
    pub fn new(title: impl Into<String>, edits: Vec<TextEdit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            file: None,
        }
    }
}

/// One of `codes::ALL`. Named, so serde's derive does not take the field
/// for text borrowed from its input.
pub type Code = &'static str;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    pub span: Span,
    pub severity: Severity,
    #[serde(with = "code_serde")]
    pub code: Code,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

impl Finding {
    pub fn new(
        code: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            span,
            severity,
            code,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }
}

/// A finding's code is one of `codes::ALL`; read back as that constant, and
/// an unknown one (from another version) is an error.
mod code_serde {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(code: &&'static str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(code)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::codes::ALL
            .iter()
            .find(|c| **c == code)
            .copied()
            .ok_or_else(|| serde::de::Error::custom(format!("unknown code {code}")))
    }
}
