//! Editor settings (`corpusLsp.*`), from `workspace/configuration`, the
//! `didChangeConfiguration` payload or `initializationOptions`.

use crate::analysis::findings::{Finding, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    pub inlay_hints: InlayHints,
    pub diagnostics: Diagnostics,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub struct InlayHints {
    pub enabled: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Diagnostics {
    /// Diagnostic code → "off", "error", "warning", "info" or "hint".
    pub severity: BTreeMap<String, String>,
}

impl Default for InlayHints {
    fn default() -> Self {
        InlayHints { enabled: true }
    }
}

impl Settings {
    /// Reads settings leniently: a malformed value is logged and the
    /// defaults are used for it, so a typo never silences the server.
    pub fn from_json(value: &serde_json::Value) -> Settings {
        let value = value.get("corpusLsp").unwrap_or(value);
        if value.is_null() {
            return Settings::default();
        }
        match serde_json::from_value(value.clone()) {
            Ok(settings) => settings,
            Err(err) => {
                tracing::warn!("ignoring malformed corpusLsp settings: {err}");
                Settings::default()
            }
        }
    }

    /// Applies the editor's severity overrides, which win over corpus.toml.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.diagnostics.severity.is_empty() {
            return findings;
        }
        findings
            .into_iter()
            .filter_map(
                |mut f| match self.diagnostics.severity.get(f.code).map(String::as_str) {
                    None => Some(f),
                    Some("off") => None,
                    Some(level) => {
                        if let Some(severity) = Severity::parse(level) {
                            f.severity = severity;
                        }
                        Some(f)
                    }
                },
            )
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_parse_with_or_without_the_section_name() {
        let s = Settings::from_json(&json!({"corpusLsp": {"inlayHints": {"enabled": false}}}));
        assert!(!s.inlay_hints.enabled);
        let s =
            Settings::from_json(&json!({"diagnostics": {"severity": {"missing-dateline": "off"}}}));
        assert!(s.inlay_hints.enabled);
        assert_eq!(s.diagnostics.severity["missing-dateline"], "off");
        assert_eq!(
            Settings::from_json(&json!({"inlayHints": 3})),
            Settings::default()
        );
    }

    #[test]
    fn overrides_change_or_drop_findings() {
        let s =
            Settings::from_json(&json!({"diagnostics": {"severity": {"a": "off", "b": "error"}}}));
        let f = |code| Finding::new(code, Severity::Information, 0..1, "m");
        let out = s.apply(vec![f("a"), f("b"), f("c")]);
        assert_eq!(out.len(), 2);
        assert_eq!((out[0].code, out[0].severity), ("b", Severity::Error));
        assert_eq!((out[1].code, out[1].severity), ("c", Severity::Information));
    }
}
