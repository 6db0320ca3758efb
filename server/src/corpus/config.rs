//! `corpus.toml`: the corpus's own settings and curation.
//!
//! Parsing is strict (unknown keys are errors) so that a typo is reported
//! at its line instead of being silently ignored; the caller keeps the last
//! good configuration when a new one fails to parse.

use crate::analysis::Span;
use crate::analysis::entities::EntityKind;
use crate::analysis::findings::{Severity, codes};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub const FILE_NAME: &str = "corpus.toml";
pub const DEFAULT_MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub max_file_size: u64,
    /// Per diagnostic code: `None` switches it off, `Some` overrides its severity.
    pub checks: BTreeMap<String, Option<Severity>>,
    pub entities: Vec<EntityEntry>,
    pub ignore: Vec<String>,
    /// Overrides keyed by the article's path relative to the corpus root.
    pub articles: BTreeMap<String, ArticleOverride>,
    /// Per-mention annotation files beside the articles, if opted in.
    pub annotations: Option<AnnotationFormat>,
}

/// `[annotations] format = …`: the standoff format of per-mention
/// annotation files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotationFormat {
    /// brat standoff: `a.ann` beside `a.txt`.
    Brat,
}

/// The values `[annotations] format` accepts.
pub const ANNOTATION_FORMATS: &[&str] = &["brat"];

/// The entity types a curated `[[entity]]` may have.
pub const ENTITY_TYPES: &[&str] = &EntityKind::NAMES;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityEntry {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub note: Option<String>,
    pub url: Option<String>,
    /// Names that must never be merged with this entity, whatever the
    /// corpus-level identity heuristics think.
    pub distinct: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    name: String,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    distinct: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleOverride {
    /// A publication date for an article whose text has no dateline.
    pub dateline: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            include: vec!["**/*.txt".into(), "**/*.md".into()],
            exclude: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            checks: BTreeMap::new(),
            entities: Vec::new(),
            ignore: Vec::new(),
            articles: BTreeMap::new(),
            annotations: None,
        }
    }
}

/// Reads a date as written in `corpus.toml` (`2 September 2005`,
/// `2005-09-02`, …), if it is a real calendar date.
pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    crate::analysis::dates::find_full_dates(text)
        .first()?
        .date()
}

/// A problem in `corpus.toml`, at a byte span of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub span: Span,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    corpus: RawCorpus,
    #[serde(default)]
    checks: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default)]
    ignore: RawIgnore,
    #[serde(default)]
    article: BTreeMap<String, ArticleOverride>,
    #[serde(default)]
    annotations: RawAnnotations,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAnnotations {
    format: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCorpus {
    include: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    max_file_size: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    #[serde(default)]
    words: Vec<String>,
}

impl Config {
    /// What decides which files belong to the corpus: the globs and the
    /// size limit.
    pub fn files(&self) -> (Vec<String>, Vec<String>, u64) {
        (
            self.include.clone(),
            self.exclude.clone(),
            self.max_file_size,
        )
    }

    pub fn parse(source: &str) -> Result<Config, Vec<ConfigError>> {
        let raw: RawConfig = toml::from_str(source).map_err(|err| {
            vec![ConfigError {
                span: err.span().unwrap_or(0..0),
                message: with_suggestion(&first_line(err.message())),
            }]
        })?;
        let mut errors = Vec::new();
        let mut config = Config::default();
        if let Some(include) = raw.corpus.include {
            config.include = include;
        }
        config.exclude = raw.corpus.exclude;
        for pattern in config.include.iter().chain(&config.exclude) {
            if let Err(err) = globset::Glob::new(pattern) {
                errors.push(ConfigError {
                    span: find_span(source, pattern),
                    message: format!("invalid glob `{pattern}`: {}", err.kind()),
                });
            }
        }
        if let Some(size) = raw.corpus.max_file_size {
            match u64::try_from(*size.get_ref()) {
                Ok(bytes) if bytes > 0 => config.max_file_size = bytes,
                _ => errors.push(ConfigError {
                    span: size.span(),
                    message: "max_file_size must be a positive number of bytes".into(),
                }),
            }
        }
        check_levels(raw.checks, &mut config.checks, &mut errors);
        entity_errors(&raw.entity, &mut errors);
        config.entities = raw
            .entity
            .into_iter()
            // An unknown type is an error above, so no entity is dropped
            // from a configuration that parses.
            .filter_map(|e| {
                Some(EntityEntry {
                    kind: EntityKind::from_name(e.kind.get_ref())?,
                    name: e.name,
                    aliases: e.aliases,
                    note: e.note,
                    url: e.url,
                    distinct: e.distinct.into_iter().map(Spanned::into_inner).collect(),
                })
            })
            .collect();
        config.ignore = raw.ignore.words;
        for (name, o) in &raw.article {
            if let Some(dateline) = &o.dateline
                && parse_date(dateline).is_none()
            {
                errors.push(ConfigError {
                    span: find_span(source, dateline),
                    message: format!("the dateline of `{name}` is not a date: `{dateline}`"),
                });
            }
        }
        config.articles = raw.article;
        if let Some(format) = raw.annotations.format {
            config.annotations = annotation_format(&format, &mut errors);
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// The severity a finding with this code is reported at, or `None` when
    /// the check is switched off.
    pub fn severity_for(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.checks.get(code) {
            Some(level) => *level,
            None => Some(default),
        }
    }

    /// Every (entity name, distinct name) pair of the curated entities, in
    /// file order: the merges the user has overruled.
    pub fn distinct_pairs(&self) -> Vec<(String, String)> {
        self.entities
            .iter()
            .flat_map(|e| e.distinct.iter().map(|d| (e.name.clone(), d.clone())))
            .collect()
    }
}

/// The levels `[checks]` sets, by code; unknown codes and levels are errors.
fn check_levels(
    raw: BTreeMap<Spanned<String>, Spanned<String>>,
    checks: &mut BTreeMap<String, Option<Severity>>,
    errors: &mut Vec<ConfigError>,
) {
    for (code, level) in raw {
        if !codes::ALL.contains(&code.get_ref().as_str()) {
            let hint = did_you_mean(code.get_ref(), codes::ALL.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            errors.push(ConfigError {
                span: code.span(),
                message: format!("unknown check `{}`{hint}", code.get_ref()),
            });
            continue;
        }
        let value = match level.get_ref().as_str() {
            "off" => None,
            other => match Severity::parse(other) {
                Some(severity) => Some(severity),
                None => {
                    errors.push(ConfigError {
                        span: level.span(),
                        message: format!(
                            "unknown level `{other}`: use off, error, warning, info or hint"
                        ),
                    });
                    continue;
                }
            },
        };
        checks.insert(code.into_inner(), value);
    }
}

/// Errors in `[[entity]]` tables: unknown types, impossible `distinct` names.
fn entity_errors(entities: &[RawEntity], errors: &mut Vec<ConfigError>) {
    for entity in entities {
        let kind = entity.kind.get_ref();
        if EntityKind::from_name(kind).is_none() {
            let hint = did_you_mean(kind, ENTITY_TYPES.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| format!("; use one of {}", ENTITY_TYPES.join(", ")));
            errors.push(ConfigError {
                span: entity.kind.span(),
                message: format!("unknown entity type `{kind}`{hint}"),
            });
        }
        for other in &entity.distinct {
            let text = other.get_ref();
            let message = if text.trim().is_empty() {
                format!("a `distinct` name of `{}` is empty", entity.name)
            } else if *text == entity.name {
                format!("`{text}` cannot be distinct from itself")
            } else if entity.aliases.contains(text) {
                format!(
                    "`{text}` is both an alias and distinct of `{}`",
                    entity.name
                )
            } else {
                continue;
            };
            errors.push(ConfigError {
                span: other.span(),
                message,
            });
        }
    }
}

/// The format `[annotations]` names, if known; else an error.
fn annotation_format(
    format: &Spanned<String>,
    errors: &mut Vec<ConfigError>,
) -> Option<AnnotationFormat> {
    match format.get_ref().to_ascii_lowercase().as_str() {
        "brat" => Some(AnnotationFormat::Brat),
        other => {
            let hint = did_you_mean(other, ANNOTATION_FORMATS.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| format!("; use {}", ANNOTATION_FORMATS.join(", ")));
            errors.push(ConfigError {
                span: format.span(),
                message: format!("unknown annotation format `{other}`{hint}"),
            });
            None
        }
    }
}

/// Adds "did you mean" to serde's "unknown field `x`, expected one of `a`, `b`".
fn with_suggestion(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_string();
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match did_you_mean(field, candidates.into_iter()) {
        Some(suggestion) => format!("{message}; did you mean `{suggestion}`?"),
        None => message.to_string(),
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// Where the `[[entity]]` named `name` is declared: the span of its name
/// string in `source`, read with the TOML parser's spans.
pub fn entity_name_span(source: &str, name: &str) -> Option<Span> {
    #[derive(Deserialize)]
    struct Names {
        #[serde(default)]
        entity: Vec<Named>,
    }
    #[derive(Deserialize)]
    struct Named {
        name: Spanned<String>,
    }
    let names: Names = toml::from_str(source).ok()?;
    names
        .entity
        .into_iter()
        .find(|e| e.name.get_ref() == name)
        .map(|e| e.name.span())
}

fn find_span(source: &str, needle: &str) -> Span {
    source
        .find(&format!("\"{needle}\""))
        .map_or(0..0, |i| i..i + needle.len() + 2)
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a plausible typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn full_config_parses() {
        let source = r#"
[corpus]
include = ["articles/**/*.txt"]
exclude = ["drafts/**"]
max_file_size = 1000

[checks]
missing-dateline = "off"

[[entity]]
name = "British Telecom"
type = "organization"
aliases = ["BT"]

[ignore]
words = ["Sign up"]

[article."002.txt"]
dateline = "2 September 2005"
"#;
        let config = Config::parse(source).unwrap();
        assert_eq!(config.include, ["articles/**/*.txt"]);
        assert_eq!(config.max_file_size, 1000);
        assert_eq!(
            config.severity_for("missing-dateline", Severity::Information),
            None
        );
        assert_eq!(config.entities[0].aliases, ["BT"]);
        assert_eq!(config.ignore, ["Sign up"]);
        assert_eq!(
            config.articles["002.txt"].dateline.as_deref(),
            Some("2 September 2005")
        );
    }

    #[test]
    fn syntax_error_points_at_its_line() {
        let source = "[corpus]\ninclude = [\"a\"\nexclude = []\n";
        let errors = Config::parse(source).unwrap_err();
        let line = source[..errors[0].span.start].matches('\n').count();
        assert!(line >= 1, "{errors:?}");
    }

    #[test]
    fn unknown_key_is_an_error_at_the_key() {
        let source = "[corpus]\ninclud = [\"*.txt\"]\n";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(&source[errors[0].span.clone()], "includ");
        assert!(
            errors[0].message.contains("unknown field"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn unknown_check_suggests_the_nearest_code() {
        let source = "[checks]\nmissing-datelin = \"off\"\n";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(&source[errors[0].span.clone()], "missing-datelin");
        assert!(
            errors[0]
                .message
                .contains("did you mean `missing-dateline`")
        );
    }

    #[test]
    fn bad_level_and_bad_glob_are_reported() {
        let source = "[corpus]\ninclude = [\"a/[\"]\n[checks]\nmissing-dateline = \"loud\"\n";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().any(|e| &source[e.span.clone()] == "\"loud\""));
        assert!(errors.iter().any(|e| &source[e.span.clone()] == "\"a/[\""));
    }

    #[test]
    fn article_datelines_must_be_dates() {
        let source = "[article.\"a.txt\"]\ndateline = \"sometime\"\n";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(&source[errors[0].span.clone()], "\"sometime\"");
        let ok = "[article.\"a.txt\"]\ndateline = \"2 September 2005\"\n";
        assert!(Config::parse(ok).is_ok());
        assert_eq!(
            parse_date("2 September 2005"),
            Some(jiff::civil::date(2005, 9, 2))
        );
    }

    #[test]
    fn wrong_entity_type_is_reported_with_a_suggestion() {
        let source = "[[entity]]\nname = \"BT\"\ntype = \"organisation\"\n";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(&source[errors[0].span.clone()], "\"organisation\"");
        assert!(
            errors[0].message.contains("did you mean `organization`"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn unknown_fields_get_a_suggestion() {
        let errors = Config::parse("[corpus]\nincloode = []\n").unwrap_err();
        assert!(
            errors[0].message.ends_with("did you mean `include`?"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn annotation_format_is_opt_in_and_checked() {
        assert_eq!(Config::default().annotations, None);
        let on = Config::parse("[annotations]\nformat = \"brat\"\n").unwrap();
        assert_eq!(on.annotations, Some(AnnotationFormat::Brat));
        let errors = Config::parse("[annotations]\nformat = \"brad\"\n").unwrap_err();
        assert!(
            errors[0].message.contains("did you mean `brat`"),
            "{errors:?}"
        );
        assert_eq!(errors[0].span.start, "[annotations]\nformat = ".len());
    }

    /// The 0-based line of an error's span.
    fn line_of(source: &str, error: &ConfigError) -> usize {
        source[..error.span.start].matches('\n').count()
    }

    #[test]
    fn distinct_names_parse_in_file_order() {
        let source = r#"
[[entity]]
name = "Kingston Hospital"
type = "organization"
aliases = ["KH"]
distinct = ["Kingston University", "Kingston"]

[[entity]]
name = "BT"
type = "organization"

[[entity]]
name = "WGH"
type = "organization"
distinct = ["Westfield General Hospital"]
"#;
        let config = Config::parse(source).unwrap();
        assert_eq!(
            config.entities[0].distinct,
            ["Kingston University", "Kingston"]
        );
        assert!(config.entities[1].distinct.is_empty());
        assert_eq!(
            config.distinct_pairs(),
            [
                ("Kingston Hospital".into(), "Kingston University".into()),
                ("Kingston Hospital".into(), "Kingston".into()),
                ("WGH".into(), "Westfield General Hospital".into()),
            ]
        );
        assert!(Config::default().distinct_pairs().is_empty());
    }

    #[test]
    fn distinct_from_itself_is_reported_at_the_value() {
        let source = "[[entity]]
name = \"BT\"
type = \"organization\"
distinct = [\"Fujitsu\", \"BT\"]
";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].message, "`BT` cannot be distinct from itself");
        assert_eq!(&source[errors[0].span.clone()], "\"BT\"");
        assert_eq!(line_of(source, &errors[0]), 3);
    }

    #[test]
    fn distinct_and_alias_at_once_is_reported_at_the_distinct_value() {
        let source = "[[entity]]
name = \"BT\"
type = \"organization\"
aliases = [\"British Telecom\"]
# they are not the same
distinct = [\"British Telecom\"]
";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].message,
            "`British Telecom` is both an alias and distinct of `BT`"
        );
        assert_eq!(&source[errors[0].span.clone()], "\"British Telecom\"");
        assert_eq!(line_of(source, &errors[0]), 5, "not the alias on line 3");
    }

    #[test]
    fn empty_distinct_name_is_reported_at_the_value() {
        let source = "[[entity]]
name = \"BT\"
type = \"organization\"

distinct = [\"\"]
";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].message, "a `distinct` name of `BT` is empty");
        assert_eq!(&source[errors[0].span.clone()], "\"\"");
        assert_eq!(line_of(source, &errors[0]), 4);
        let blank = source.replace("[\"\"]", "[\"  \"]");
        let errors = Config::parse(&blank).unwrap_err();
        assert_eq!(&blank[errors[0].span.clone()], "\"  \"");
    }

    #[test]
    fn distinct_must_be_a_list_of_names() {
        let source = "[[entity]]
name = \"BT\"
type = \"organization\"
distinct = \"Fujitsu\"
";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(line_of(source, &errors[0]), 3, "{errors:?}");
    }

    #[test]
    fn misspelt_distinct_gets_a_suggestion() {
        let source = "[[entity]]
name = \"BT\"
type = \"organization\"
distnct = [\"Fujitsu\"]
";
        let errors = Config::parse(source).unwrap_err();
        assert_eq!(&source[errors[0].span.clone()], "distnct");
        assert!(
            errors[0].message.contains("unknown field")
                && errors[0].message.ends_with("did you mean `distinct`?"),
            "{}",
            errors[0].message
        );
    }
}
