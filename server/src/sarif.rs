//! `corpus-lsp check --format sarif`: the findings as one SARIF 2.1.0 log,
//! the format code-scanning services read (GitHub, GitLab, Azure DevOps).
//! It is built from the same reports as the text and JSON output.

use crate::analysis::findings::codes;
use crate::check::{EditReport, Report};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::Path;

/// The published schema of the version written.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// A check's rule: a short and a full description, and its default level.
pub struct Rule {
    pub code: &'static str,
    pub short: &'static str,
    pub full: &'static str,
    pub level: &'static str,
}

/// Every finding code as a SARIF rule, in the order of `codes::ALL`.
pub fn rules() -> Vec<Rule> {
    codes::ALL.iter().map(|&code| rule(code)).collect()
}

/// The rule of `code`; one with no description of its own says so, and
/// a test keeps that from happening.
pub fn rule(code: &'static str) -> Rule {
    let (short, full, level) = match code {
        codes::MISSING_DATELINE => (
            "The article has no dateline",
            "The article has no dateline; the message gives the publication interval inferred from the article's own dates, with its evidence.",
            "note",
        ),
        codes::DATE_AFTER_PUBLICATION => (
            "An event is dated after publication",
            "An event told in the past tense is dated after the article's publication date.",
            "warning",
        ),
        codes::WEEKDAY_MISMATCH => (
            "A weekday does not match its date",
            "A weekday is written beside a date that falls on another day of the week.",
            "warning",
        ),
        codes::INVALID_DATE => (
            "A date that does not exist",
            "A date that does not exist (31 September), or a financial year whose second year does not follow the first.",
            "error",
        ),
        codes::CONFLICTING_EVENT_DATE => (
            "One event dated differently in two places",
            "One event is dated differently here and in another article (or elsewhere in this one); the other tellings are related locations.",
            "warning",
        ),
        codes::CONFLICTING_FIGURE => (
            "A contract's value given differently",
            "A contract's value or a takeover's price is given differently here and elsewhere, beyond rounding and truncation.",
            "warning",
        ),
        codes::UNREADABLE_FILE => (
            "A file that cannot be read",
            "The file is not UTF-8 text, or could not be read; it is left out of the corpus.",
            "warning",
        ),
        codes::FILE_TOO_LARGE => (
            "A file over the size limit",
            "The file is larger than max_file_size in corpus.toml; it is left out of the corpus.",
            "warning",
        ),
        codes::CONFIG_ERROR => (
            "corpus.toml is wrong",
            "corpus.toml has a syntax error, an unknown key or a bad value.",
            "error",
        ),
        codes::STALE_ANNOTATION => (
            "An annotation no longer matches its text",
            "A brat annotation's stored text is no longer in the article at its offsets.",
            "warning",
        ),
        codes::MALFORMED_ANNOTATION => (
            "A .ann line that cannot be read",
            "A line of a brat .ann file cannot be read, repeats an ID, has inverted offsets or refers to an unknown ID.",
            "error",
        ),
        codes::POSSIBLE_MISSPELLING => (
            "A name that may be misspelt",
            "A name, or one word of a name, is a near miss of a name written more often in the corpus.",
            "warning",
        ),
        _ => ("A corpus-lsp finding", "A corpus-lsp finding.", "warning"),
    };
    Rule {
        code,
        short,
        full,
        level,
    }
}

/// The SARIF level of one of our severities.
pub fn level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

/// A path as a URI reference: percent-encoded, forward slashes. A path
/// relative to the working folder stays relative (to `%SRCROOT%`); an
/// absolute one becomes a `file:` URI.
pub fn uri(path: &str) -> (String, bool) {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    if Path::new(&path).is_absolute() || path.starts_with('/') {
        let rooted = if out.starts_with('/') {
            out
        } else {
            format!("/{out}")
        };
        (format!("file://{rooted}"), true)
    } else {
        (out, false)
    }
}

fn artifact(path: &str) -> Value {
    match uri(path) {
        (uri, true) => json!({ "uri": uri }),
        (uri, false) => json!({ "uri": uri, "uriBaseId": "SRCROOT" }),
    }
}

fn region(line: u32, column: u32, end_line: u32, end_column: u32) -> Value {
    json!({
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

fn replacement(edit: &EditReport) -> Value {
    json!({
        "deletedRegion": region(edit.line, edit.column, edit.end_line, edit.end_column),
        "insertedContent": { "text": edit.new_text },
    })
}

fn result(report: &Report, rule_index: Option<usize>) -> Value {
    let mut result = json!({
        "ruleId": report.code,
        "level": level(report.severity),
        "message": { "text": report.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact(&report.path),
                "region": region(report.line, report.column, report.end_line, report.end_column),
            }
        }],
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !report.related.is_empty() {
        let related: Vec<Value> = report
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i,
                    "message": { "text": r.message },
                    "physicalLocation": {
                        "artifactLocation": artifact(&r.path),
                        "region": { "startLine": r.line, "startColumn": r.column },
                    },
                })
            })
            .collect();
        result["relatedLocations"] = Value::Array(related);
    }
    let fixes: Vec<Value> = report
        .fixes
        .iter()
        .filter(|f| !f.edits.is_empty())
        .map(|fix| {
            json!({
                "description": { "text": fix.title },
                "artifactChanges": [{
                    "artifactLocation": artifact(&fix.path),
                    "replacements": fix.edits.iter().map(replacement).collect::<Vec<_>>(),
                }],
            })
        })
        .collect();
    if !fixes.is_empty() {
        result["fixes"] = Value::Array(fixes);
    }
    result
}

/// The whole log for `reports`: one run, every rule, the results in order.
pub fn log(reports: &[Report]) -> Value {
    let rules = rules();
    let rule_values: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "shortDescription": { "text": r.short },
                "fullDescription": { "text": r.full },
                "defaultConfiguration": { "level": r.level },
            })
        })
        .collect();
    let results: Vec<Value> = reports
        .iter()
        .map(|report| result(report, rules.iter().position(|r| r.code == report.code)))
        .collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    let (root, _) = uri(&cwd.display().to_string());
    let root = if root.ends_with('/') {
        root
    } else {
        format!("{root}/")
    };
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "corpus-lsp",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rule_values,
                }
            },
            "originalUriBaseIds": { "SRCROOT": { "uri": root } },
            "columnKind": "unicodeCodePoints",
            "invocations": [{ "executionSuccessful": true }],
            "results": results,
        }]
    })
}

/// Writes the log for `reports`, pretty-printed, with a final newline.
pub fn write(out: &mut dyn Write, reports: &[Report]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(reports))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_rule_of_its_own() {
        let fallback = rule("no-such-code").full;
        for r in rules() {
            assert_ne!(r.full, fallback, "{} has no description", r.code);
            assert!(["error", "warning", "note"].contains(&r.level));
        }
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("seeds/a b.txt"), ("seeds/a%20b.txt".to_string(), false));
        assert_eq!(uri("news/café#1.txt").0, "news/caf%C3%A9%231.txt");
        assert_eq!(
            uri("/tmp/x y/a.txt"),
            ("file:///tmp/x%20y/a.txt".into(), true)
        );
    }
}
