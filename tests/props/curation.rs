//! `corpus.toml` curation edits: the result parses, says what was asked,
//! keeps the file's line endings, and every other table (with the comments
//! and blank lines before it) stays byte for byte.

use crate::strategies;
use corpus_lsp::analysis::entities::EntityKind;
use corpus_lsp::corpus::config::Config;
use corpus_lsp::corpus::curation;
use proptest::prelude::*;

const NAMES: &[&str] = &[
    "BT",
    "British Telecom",
    "Fujitsu",
    "Westfield General Hospital NHS Trust",
    "Ana Ruiz",
    "Kingston",
    "Kingston University",
    "Café Noir",
    "O'Neill & Co",
    "\"Quoted\" Ltd",
    "Back\\slash",
    "tab\there",
    "中文公司",
    "😀 Emoji plc",
    "",
    " ",
];

const KINDS: &[&str] = &["organization", "person", "place", "product"];

fn name() -> BoxedStrategy<String> {
    prop_oneof![
        6 => prop::sample::select(NAMES).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
    .boxed()
}

/// A TOML basic string for `s`.
fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

fn comments() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just(String::new()),
            Just("# a note".to_string()),
            Just("   # indented ’note’ £".to_string()),
            Just("#".to_string()),
        ],
        0..3,
    )
    .prop_map(|lines| lines.iter().map(|l| format!("{l}\n")).collect())
}

fn array(items: Vec<String>, multiline: bool) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    if multiline {
        format!("[\n  {},  # kept\n]", quoted.join(",\n  "))
    } else {
        format!("[{}]", quoted.join(", "))
    }
}

/// One top-level table, with the comments and blank lines before it.
fn block() -> BoxedStrategy<String> {
    let entity = (
        comments(),
        name(),
        prop::option::of(prop::sample::select(KINDS)),
        prop::option::of((prop::collection::vec(name(), 0..3), any::<bool>())),
        prop::option::of(prop::collection::vec(name(), 0..2)),
        any::<bool>(),
    )
        .prop_map(|(pre, n, kind, aliases, distinct, comment)| {
            let mut s = format!("{pre}[[entity]]\nname = {}", quoted(&n));
            if comment {
                s.push_str("   # the supplier");
            }
            s.push('\n');
            if let Some(k) = kind {
                s.push_str(&format!("type = \"{k}\"\n"));
            }
            if let Some((a, multiline)) = aliases {
                s.push_str(&format!("aliases = {}\n", array(a, multiline)));
            }
            if let Some(d) = distinct {
                s.push_str(&format!("distinct = {}\n", array(d, false)));
            }
            s
        });
    let corpus = comments().prop_map(|pre| {
        format!("{pre}[corpus]\ninclude = [\"**/*.txt\"]  # articles\nexclude = [\"drafts/**\"]\n")
    });
    let ignore = (comments(), prop::collection::vec(name(), 0..3))
        .prop_map(|(pre, w)| format!("{pre}[ignore]\nwords = {}\n", array(w, false)));
    let article = (comments(), "[a-z0-9_]{1,8}").prop_map(|(pre, f)| {
        format!("{pre}[article.\"{f}.txt\"]\ndateline = \"2 September 2005\"\n")
    });
    prop_oneof![5 => entity, 1 => corpus, 1 => ignore, 1 => article].boxed()
}

#[derive(Debug, Clone)]
enum Edit {
    AddEntity(String, &'static str),
    SetType(String, &'static str),
    AddAlias(String, &'static str, String),
    Rename(String, String, &'static str),
    AddDistinct(String, &'static str, String),
    AddIgnore(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let kind = prop::sample::select(KINDS);
    prop_oneof![
        (name(), kind.clone()).prop_map(|(n, k)| Edit::AddEntity(n, k)),
        (name(), kind.clone()).prop_map(|(n, k)| Edit::SetType(n, k)),
        (name(), kind.clone(), name()).prop_map(|(n, k, a)| Edit::AddAlias(n, k, a)),
        (name(), name(), kind.clone()).prop_map(|(o, n, k)| Edit::Rename(o, n, k)),
        (name(), kind, name()).prop_map(|(n, k, o)| Edit::AddDistinct(n, k, o)),
        name().prop_map(Edit::AddIgnore),
    ]
}

fn apply(source: &str, edit: &Edit) -> Result<String, String> {
    let kind = |k: &str| EntityKind::parse(k).expect("a kind name");
    match edit {
        Edit::AddEntity(n, k) => curation::add_entity(source, n, kind(k)),
        Edit::SetType(n, k) => curation::set_type(source, n, kind(k)),
        Edit::AddAlias(n, k, a) => curation::add_alias(source, n, kind(k), a),
        Edit::Rename(o, n, k) => curation::rename_entity(source, o, n, kind(k)),
        Edit::AddDistinct(n, k, o) => curation::add_distinct(source, n, kind(k), o),
        Edit::AddIgnore(w) => curation::add_ignore(source, w),
    }
    .map_err(|e| e.to_string())
}

/// The `[[entity]]` tables of a parsed file.
fn entities(doc: &toml::Table) -> Vec<toml::Table> {
    doc.get("entity")
        .and_then(|e| e.as_array())
        .map(|a| a.iter().filter_map(|t| t.as_table().cloned()).collect())
        .unwrap_or_default()
}

fn strings(t: &toml::Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The entity a name finds: the first whose name or alias it is.
fn find(doc: &toml::Table, name: &str) -> Option<toml::Table> {
    entities(doc).into_iter().find(|t| {
        t.get("name").and_then(|v| v.as_str()) == Some(name)
            || strings(t, "aliases").iter().any(|a| a == name)
    })
}

/// How many blocks of `blocks` are not found whole at the start or the
/// end of `new`, and whether `new` is them all followed by something.
fn changed_blocks(blocks: &[String], new: &str) -> (usize, bool) {
    let mut rest = new;
    let mut kept_front = 0;
    for b in blocks {
        match rest.strip_prefix(b.as_str()) {
            Some(r) => {
                rest = r;
                kept_front += 1;
            }
            None => break,
        }
    }
    let mut kept_back = 0;
    for b in blocks[kept_front..].iter().rev() {
        match rest.strip_suffix(b.as_str()) {
            Some(r) => {
                rest = r;
                kept_back += 1;
            }
            None => break,
        }
    }
    let changed = blocks.len() - kept_front - kept_back;
    (changed, kept_front == blocks.len())
}

proptest! {
    #![proptest_config(strategies::config(256))]

    #[test]
    fn curation_changes_one_table_and_keeps_the_rest(
        blocks in prop::collection::vec(block(), 0..6),
        closing in comments(),
        crlf in any::<bool>(),
        no_final_newline in any::<bool>(),
        edit in edit(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut blocks: Vec<String> = blocks.into_iter().chain([closing]).map(|b| b.replace('\n', eol)).collect();
        if no_final_newline && let Some(last) = blocks.iter_mut().rev().find(|b| !b.is_empty()) {
            last.truncate(last.trim_end_matches(['\r', '\n']).len());
        }
        let source = blocks.concat();
        // Generated files may be invalid TOML (duplicate [article] keys):
        // curation must then refuse, not guess.
        let before: Result<toml::Table, _> = toml::from_str(&source);
        let result = apply(&source, &edit);
        let Ok(new) = result else {
            return Ok(());
        };
        let Ok(before) = before else {
            prop_assert!(false, "edited a file that does not parse:\n{source}");
            unreachable!();
        };
        let after: toml::Table = toml::from_str(&new)
            .map_err(|e| TestCaseError::fail(format!("result does not parse: {e}\n{new}")))?;
        if Config::parse(&source).is_ok() {
            prop_assert!(Config::parse(&new).is_ok(), "config no longer valid:\n{new}");
        }
        if source.contains("\r\n") {
            prop_assert!(!new.replace("\r\n", "").contains('\n'), "LF in a CRLF file:\n{:?}\n->\n{:?}", source, new);
        }
        // Whole blocks kept at the start and the end; at most one block in
        // between changed (or a table appended after the last). A file
        // without a final line break may gain one.
        let mut ended = blocks.clone();
        if let Some(last) = ended.iter_mut().rev().find(|b| !b.is_empty())
            && !last.ends_with('\n')
        {
            last.push_str(eol);
        }
        let (changed, appended) = changed_blocks(&blocks, &new).min(changed_blocks(&ended, &new));
        prop_assert!(changed <= 1 || appended,
            "{} blocks changed by {:?}:\n{:?}\n->\n{:?}", changed, edit, source, new);
        // The edit did what it says.
        match &edit {
            Edit::AddEntity(n, k) | Edit::SetType(n, k) => {
                let t = find(&after, n);
                prop_assert!(t.as_ref().and_then(|t| t.get("type")?.as_str().map(str::to_string)) == Some(k.to_string()),
                    "{:?} not typed {}:\n{}", n, k, new);
            }
            Edit::AddAlias(n, _, a) => {
                let t = find(&after, n);
                prop_assert!(t.is_some_and(|t| strings(&t, "aliases").contains(a)
                    || t.get("name").and_then(|v| v.as_str()) == Some(a.as_str())),
                    "{:?} not an alias of {:?}:\n{}", a, n, new);
            }
            Edit::AddIgnore(w) => {
                let words = after.get("ignore").and_then(|i| i.as_table()).map(|t| strings(t, "words")).unwrap_or_default();
                prop_assert!(words.contains(w), "{:?} not ignored:\n{}", w, new);
            }
            Edit::Rename(_, n, _) => prop_assert!(find(&after, n).is_some(), "{:?} missing:\n{}", n, new),
            Edit::AddDistinct(..) => {}
        }
        // Tables the edit was not about keep their values.
        for key in ["corpus", "article"] {
            prop_assert_eq!(before.get(key), after.get(key));
        }
    }
}
