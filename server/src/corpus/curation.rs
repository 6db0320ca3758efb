//! Edits to `corpus.toml` that curate entities or switch on annotations,
//! made with `toml_edit` so the user's comments, order and formatting
//! survive. Each function takes the current file text and returns the new
//! text; [`minimal_edit`] turns that into the smallest replacement for a
//! `WorkspaceEdit`.

pub use crate::analysis::text::minimal_edit;

use crate::analysis::entities::EntityKind;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

/// Why a curation edit was refused; the file is then left as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurationError {
    #[error("corpus.toml does not parse: {0}")]
    Parse(String),
    #[error("`entity` in corpus.toml is not an array of [[entity]] tables")]
    EntityNotTables,
    #[error("`annotations` in corpus.toml is not a table")]
    AnnotationsNotTable,
    #[error("`ignore` in corpus.toml is not a table")]
    IgnoreNotTable,
    #[error("`ignore.words` is not an array")]
    IgnoreWordsNotArray,
    /// A list of an `[[entity]]` (`aliases`, `distinct`) is not an array.
    #[error("`{list}` of {entity} is not an array")]
    NotAnArray { list: &'static str, entity: String },
    #[error("‘{0}’ is already a curated entity")]
    AlreadyCurated(String),
    #[error("‘{0}’ cannot be distinct from an empty name")]
    DistinctFromEmpty(String),
    #[error("‘{0}’ cannot be distinct from itself")]
    DistinctFromItself(String),
}

type Result<T> = std::result::Result<T, CurationError>;

fn parse(source: &str) -> Result<DocumentMut> {
    source
        .parse::<DocumentMut>()
        .map_err(|err| CurationError::Parse(err.message().to_string()))
}

fn entities(doc: &mut DocumentMut) -> Result<&mut ArrayOfTables> {
    if !doc.contains_key("entity") {
        doc.insert("entity", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    doc["entity"]
        .as_array_of_tables_mut()
        .ok_or(CurationError::EntityNotTables)
}

fn not_an_array(list: &'static str, entity: &str) -> CurationError {
    CurationError::NotAnArray {
        list,
        entity: entity.to_string(),
    }
}

fn find_entity<'a>(entities: &'a mut ArrayOfTables, name: &str) -> Option<&'a mut Table> {
    entities.iter_mut().find(|t| {
        t.get("name").and_then(Item::as_str) == Some(name)
            || t.get("aliases")
                .and_then(Item::as_array)
                .is_some_and(|a| a.iter().any(|v| v.as_str() == Some(name)))
    })
}

fn new_entity(name: &str, kind: EntityKind) -> Table {
    let mut table = Table::new();
    table.insert("name", value(name));
    table.insert("type", value(kind.as_str()));
    table
}

/// Appends a new top-level table (`[[entity]]`, `[ignore]`) at the very end
/// of the file, after the comments that end it: `toml_edit` would put it
/// before them, moving a file's closing comments (or all of a file that is
/// only comments) below the new table.
fn append_table(source: &str, key: &str, item: Item) -> Result<String> {
    let mut fresh = DocumentMut::new();
    fresh.insert(key, item);
    let eol = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = source.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    if !out.trim().is_empty() && !out.ends_with(&format!("{eol}{eol}")) {
        out.push_str(eol);
    }
    out.push_str(&fresh.to_string().replace('\n', eol));
    parse(&out)?;
    Ok(out)
}

fn append_entity(source: &str, table: Table) -> Result<String> {
    let mut tables = ArrayOfTables::new();
    tables.push(table);
    append_table(source, "entity", Item::ArrayOfTables(tables))
}

/// Adds `[[entity]]` for `name`, or sets its type if it is already curated.
pub fn add_entity(source: &str, name: &str, kind: EntityKind) -> Result<String> {
    set_type(source, name, kind)
}

/// Sets the type of a curated entity, adding the entity if needed.
pub fn set_type(source: &str, name: &str, kind: EntityKind) -> Result<String> {
    let mut doc = parse(source)?;
    let entities = entities(&mut doc)?;
    match find_entity(entities, name) {
        Some(table) => {
            table.insert("type", value(kind.as_str()));
            Ok(keep_line_endings(source, doc.to_string()))
        }
        None => append_entity(source, new_entity(name, kind)),
    }
}

/// Makes `alias` an alias of `canonical`, curating `canonical` (as
/// `kind`) when it is not in the file yet.
pub fn add_alias(source: &str, canonical: &str, kind: EntityKind, alias: &str) -> Result<String> {
    let mut doc = parse(source)?;
    let entities = entities(&mut doc)?;
    if find_entity(entities, canonical).is_none() {
        let mut table = new_entity(canonical, kind);
        let mut aliases = Array::new();
        aliases.push(alias);
        table.insert("aliases", value(aliases));
        return append_entity(source, table);
    }
    let table = find_entity(entities, canonical).expect("present");
    if !table.contains_key("aliases") {
        table.insert("aliases", value(Array::new()));
    }
    let aliases = table["aliases"]
        .as_array_mut()
        .ok_or_else(|| not_an_array("aliases", canonical))?;
    if !aliases.iter().any(|v| v.as_str() == Some(alias)) {
        aliases.push(alias);
    }
    // The latest decision wins: a name cannot be both alias and distinct.
    if let Some(distinct) = table.get_mut("distinct").and_then(Item::as_array_mut) {
        while remove_string(distinct, alias) {}
    }
    Ok(keep_line_endings(source, doc.to_string()))
}

/// Renames an entity's canonical name, keeping the old name as an alias so
/// that the articles, which are never rewritten, still resolve to it.
pub fn rename_entity(source: &str, old: &str, new: &str, kind: EntityKind) -> Result<String> {
    let mut doc = parse(source)?;
    let entities = entities(&mut doc)?;
    if find_entity(entities, new).is_some() && find_entity(entities, old).is_none() {
        return Err(CurationError::AlreadyCurated(new.to_string()));
    }
    if find_entity(entities, old).is_none() {
        // A new table goes after the file's closing comments, as in `append_table`.
        let mut table = new_entity(new, kind);
        let mut aliases = Array::new();
        if old != new {
            aliases.push(old);
        }
        table.insert("aliases", value(aliases));
        return append_entity(source, table);
    }
    let table = find_entity(entities, old).expect("present");
    let previous = table
        .get("name")
        .and_then(Item::as_str)
        .unwrap_or(old)
        .to_string();
    table.insert("name", value(new));
    if !table.contains_key("aliases") {
        table.insert("aliases", value(Array::new()));
    }
    let aliases = table["aliases"]
        .as_array_mut()
        .ok_or_else(|| not_an_array("aliases", &previous))?;
    aliases.retain(|v| v.as_str() != Some(new));
    if previous != new
        && !aliases
            .iter()
            .any(|v| v.as_str() == Some(previous.as_str()))
    {
        aliases.push(previous.as_str());
    }
    if let Some(distinct) = table.get_mut("distinct").and_then(Item::as_array_mut) {
        while remove_string(distinct, new) {}
    }
    Ok(keep_line_endings(source, doc.to_string()))
}

/// Records that `other` is never the same entity as `name`: adds it to the
/// `distinct` list of `name`'s `[[entity]]` (curating `name` as `kind` when
/// it is not in the file yet) and takes it out of the entity's `aliases`,
/// since the user's latest decision wins. Naming an entity by one of its
/// aliases finds it too. A name already listed leaves the text as it is.
pub fn add_distinct(source: &str, name: &str, kind: EntityKind, other: &str) -> Result<String> {
    add_distinct_once(source, name, kind, other, true)
}

fn add_distinct_once(
    source: &str,
    name: &str,
    kind: EntityKind,
    other: &str,
    may_swap: bool,
) -> Result<String> {
    if other.trim().is_empty() {
        return Err(CurationError::DistinctFromEmpty(name.to_string()));
    }
    if other == name {
        return Err(CurationError::DistinctFromItself(name.to_string()));
    }
    let mut doc = parse(source)?;
    let entities = entities(&mut doc)?;
    let Some(table) = find_entity(entities, name) else {
        let mut table = new_entity(name, kind);
        let mut distinct = Array::new();
        distinct.push(other);
        table.insert("distinct", value(distinct));
        return append_entity(source, table);
    };
    let canonical = table
        .get("name")
        .and_then(Item::as_str)
        .unwrap_or(name)
        .to_string();
    if canonical == other {
        // `name` is an alias of `other`: the same decision, recorded on
        // `other`'s entry, takes `name` out of its aliases.
        return if may_swap {
            add_distinct_once(source, other, kind, name, false)
        } else {
            Err(CurationError::DistinctFromItself(name.to_string()))
        };
    }
    let mut changed = false;
    if let Some(aliases) = table.get_mut("aliases") {
        let aliases = aliases
            .as_array_mut()
            .ok_or_else(|| not_an_array("aliases", &canonical))?;
        while remove_string(aliases, other) {
            changed = true;
        }
    }
    if !table.contains_key("distinct") {
        table.insert("distinct", value(Array::new()));
    }
    let distinct = table["distinct"]
        .as_array_mut()
        .ok_or_else(|| not_an_array("distinct", &canonical))?;
    if !distinct.iter().any(|v| v.as_str() == Some(other)) {
        distinct.push(other);
        changed = true;
    }
    if !changed {
        return Ok(source.to_string());
    }
    Ok(keep_line_endings(source, doc.to_string()))
}

/// Takes the first `text` out of an array of strings. The value that moves
/// up to first place takes over the removed one's spacing, so `["a", "b"]`
/// becomes `["b"]`, not `[ "b"]`.
fn remove_string(array: &mut Array, text: &str) -> bool {
    let Some(index) = array.iter().position(|v| v.as_str() == Some(text)) else {
        return false;
    };
    let removed = array.remove(index);
    if index == 0
        && let Some(first) = array.get_mut(0)
    {
        let prefix = removed.decor().prefix().cloned().unwrap_or_default();
        first.decor_mut().set_prefix(prefix);
    }
    true
}

/// `toml_edit` ends the lines it writes with `\n`; in a file with Windows
/// line endings those become `\r\n` too.
fn keep_line_endings(source: &str, edited: String) -> String {
    if !source.contains("\r\n") {
        return edited;
    }
    let mut out = String::with_capacity(edited.len() + 16);
    let mut previous = '\0';
    for c in edited.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Adds a surface form to `[ignore] words`.
pub fn add_ignore(source: &str, word: &str) -> Result<String> {
    let mut doc = parse(source)?;
    if !doc.contains_key("ignore") {
        let mut words = Array::new();
        words.push(word);
        let mut table = Table::new();
        table.insert("words", value(words));
        return append_table(source, "ignore", Item::Table(table));
    }
    let ignore = doc["ignore"]
        .as_table_mut()
        .ok_or(CurationError::IgnoreNotTable)?;
    if !ignore.contains_key("words") {
        ignore.insert("words", Item::Value(Value::Array(Array::new())));
    }
    let words = ignore["words"]
        .as_array_mut()
        .ok_or(CurationError::IgnoreWordsNotArray)?;
    if !words.iter().any(|v| v.as_str() == Some(word)) {
        words.push(word);
    }
    Ok(keep_line_endings(source, doc.to_string()))
}

/// Sets `[annotations] format = "brat"`; unchanged if already set.
pub fn enable_annotations(source: &str) -> Result<String> {
    let mut doc = parse(source)?;
    if !doc.contains_key("annotations") {
        let mut table = Table::new();
        table.insert("format", value("brat"));
        return append_table(source, "annotations", Item::Table(table));
    }
    let table = doc["annotations"]
        .as_table_mut()
        .ok_or(CurationError::AnnotationsNotTable)?;
    let current = table.get("format").and_then(Item::as_str);
    if current.is_some_and(|f| f.eq_ignore_ascii_case("brat")) {
        return Ok(source.to_string());
    }
    table.insert("format", value("brat"));
    Ok(keep_line_endings(source, doc.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::tests::apply;
    use crate::corpus::config::Config;

    const SOURCE: &str = "# Our corpus\n\n[corpus]\nexclude = [\"drafts/**\"] # not ready\n\n# The big supplier\n[[entity]]\nname = \"BT\"\ntype = \"organization\"\naliases = [\"British Telecom\"]\n";

    #[test]
    fn adding_an_entity_keeps_comments_and_order() {
        let new = add_entity(SOURCE, "Fujitsu", EntityKind::Organization).unwrap();
        assert!(new.starts_with(SOURCE), "existing text untouched:\n{new}");
        let config = Config::parse(&new).unwrap();
        assert_eq!(config.entities[1].name, "Fujitsu");
        assert_eq!(apply(SOURCE, &new), new);
        let (span, _) = minimal_edit(SOURCE, &new);
        assert_eq!(
            span.start,
            SOURCE.len(),
            "an append is an insertion at the end"
        );
    }

    #[test]
    fn alias_goes_into_the_existing_entry() {
        let new = add_alias(SOURCE, "BT", EntityKind::Organization, "BT Group").unwrap();
        assert!(
            new.contains("aliases = [\"British Telecom\", \"BT Group\"]"),
            "{new}"
        );
        assert!(new.contains("# The big supplier") && new.contains("# not ready"));
        // Naming an entity by one of its aliases finds it too.
        let again = add_alias(&new, "British Telecom", EntityKind::Organization, "BT plc").unwrap();
        assert_eq!(Config::parse(&again).unwrap().entities.len(), 1);
    }

    #[test]
    fn alias_of_an_uncurated_entity_curates_it() {
        let new = add_alias(
            "",
            "NHS Connecting for Health",
            EntityKind::Organization,
            "CfH",
        )
        .unwrap();
        let config = Config::parse(&new).unwrap();
        assert_eq!(config.entities[0].name, "NHS Connecting for Health");
        assert_eq!(config.entities[0].aliases, ["CfH"]);
    }

    #[test]
    fn type_changes_and_ignores() {
        let new = set_type(SOURCE, "BT", EntityKind::Product).unwrap();
        assert_eq!(
            Config::parse(&new).unwrap().entities[0].kind,
            EntityKind::Product
        );
        let new = add_ignore(&new, "Sign up").unwrap();
        let new = add_ignore(&new, "Sign up").unwrap();
        assert_eq!(Config::parse(&new).unwrap().ignore, ["Sign up"]);
    }

    #[test]
    fn rename_keeps_the_old_name_as_an_alias() {
        let new = rename_entity(SOURCE, "BT", "BT Group", EntityKind::Organization).unwrap();
        let config = Config::parse(&new).unwrap();
        assert_eq!(config.entities[0].name, "BT Group");
        assert_eq!(config.entities[0].aliases, ["British Telecom", "BT"]);
        let fresh = rename_entity("", "Fujitsu", "Fujitsu Ltd", EntityKind::Organization).unwrap();
        let config = Config::parse(&fresh).unwrap();
        assert_eq!(config.entities[0].name, "Fujitsu Ltd");
        assert_eq!(config.entities[0].aliases, ["Fujitsu"]);
    }

    #[test]
    fn new_tables_go_after_the_comments_that_end_the_file() {
        let only_comments = "# corpus root for the editor tests\n";
        let new = add_entity(only_comments, "Cerner", EntityKind::Organization).unwrap();
        assert!(new.starts_with(only_comments), "{new}");
        let closing = "[corpus]\nexclude = [\"drafts/**\"]\n# drafts stay out until reviewed\n\n# Curated entities go below.\n";
        for new in [
            add_entity(closing, "Cerner", EntityKind::Organization).unwrap(),
            add_alias(
                closing,
                "NHS Connecting for Health",
                EntityKind::Organization,
                "CfH",
            )
            .unwrap(),
            add_ignore(closing, "Sign up").unwrap(),
        ] {
            assert!(new.starts_with(closing), "{new}");
            assert_eq!(apply(closing, &new), new);
            let config = Config::parse(&new).unwrap();
            assert_eq!(config.exclude, ["drafts/**"], "{new}");
        }
        let config = Config::parse(
            &add_alias(
                closing,
                "NHS Connecting for Health",
                EntityKind::Organization,
                "CfH",
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(config.entities[0].aliases, ["CfH"]);
        // Windows line endings stay Windows line endings; no final newline is fine.
        let crlf = "# notes\r\n[corpus]\r\nexclude = []";
        let new = add_entity(crlf, "Cerner", EntityKind::Organization).unwrap();
        assert!(
            new.starts_with("# notes\r\n[corpus]\r\nexclude = []\r\n"),
            "{new:?}"
        );
        assert!(!new.replace("\r\n", "").contains('\n'), "{new:?}");
        assert_eq!(Config::parse(&new).unwrap().entities[0].name, "Cerner");
    }

    #[test]
    fn broken_files_are_refused_not_rewritten() {
        assert!(add_entity("[corpus\n", "X", EntityKind::Person).is_err());
        assert!(add_distinct("[corpus\n", "X", EntityKind::Person, "Y").is_err());
    }

    #[test]
    fn enabling_annotations_keeps_comments() {
        let source = "# my corpus\ninclude = [\"**/*.txt\"] # articles\n";
        let out = enable_annotations(source).unwrap();
        assert!(out.starts_with(source), "{out}");
        assert!(
            out.ends_with("\n\n[annotations]\nformat = \"brat\"\n"),
            "{out}"
        );
        let partial = "[annotations] # ours\n\n[corpus]\n";
        assert_eq!(
            enable_annotations(partial).unwrap(),
            "[annotations] # ours\nformat = \"brat\"\n\n[corpus]\n"
        );
        assert_eq!(enable_annotations(&out).unwrap(), out);
        let empty = enable_annotations("").unwrap();
        assert_eq!(empty, "[annotations]\nformat = \"brat\"\n");
        assert_eq!(
            enable_annotations("annotations = 1\n")
                .unwrap_err()
                .to_string(),
            "`annotations` in corpus.toml is not a table"
        );
        // Windows line endings stay, appended or set in place.
        let crlf = "# notes\r\n[corpus]\r\nexclude = []";
        assert_eq!(
            enable_annotations(crlf).unwrap(),
            "# notes\r\n[corpus]\r\nexclude = []\r\n\r\n[annotations]\r\nformat = \"brat\"\r\n"
        );
        let partial = partial.replace('\n', "\r\n");
        assert_eq!(
            enable_annotations(&partial).unwrap(),
            "[annotations] # ours\r\nformat = \"brat\"\r\n\r\n[corpus]\r\n"
        );
    }

    #[test]
    fn refusals_say_why() {
        let message = |r: Result<String>| r.unwrap_err().to_string();
        assert!(message(add_ignore("[corpus\n", "x")).starts_with("corpus.toml does not parse: "));
        assert_eq!(
            message(add_entity("entity = 1\n", "X", EntityKind::Person)),
            "`entity` in corpus.toml is not an array of [[entity]] tables"
        );
        assert_eq!(
            message(add_ignore("ignore = 1\n", "x")),
            "`ignore` in corpus.toml is not a table"
        );
        assert_eq!(
            message(add_ignore("[ignore]\nwords = 1\n", "x")),
            "`ignore.words` is not an array"
        );
        let odd = "[[entity]]\nname = \"BT\"\ntype = \"organization\"\naliases = 1\n";
        assert_eq!(
            message(add_alias(odd, "BT", EntityKind::Organization, "B")),
            "`aliases` of BT is not an array"
        );
        assert_eq!(
            message(rename_entity(
                SOURCE,
                "Fujitsu",
                "BT",
                EntityKind::Organization
            )),
            "‘BT’ is already a curated entity"
        );
        assert_eq!(
            message(add_distinct(SOURCE, "BT", EntityKind::Organization, " ")),
            "‘BT’ cannot be distinct from an empty name"
        );
        assert_eq!(
            message(add_distinct(SOURCE, "BT", EntityKind::Organization, "BT")),
            "‘BT’ cannot be distinct from itself"
        );
    }

    fn pairs(source: &str) -> Vec<(String, String)> {
        Config::parse(source)
            .unwrap_or_else(|errors| panic!("{errors:?}\n{source}"))
            .distinct_pairs()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    const TWO: &str = "# Our corpus\n\n[corpus]\nexclude = [\"drafts/**\"] # not ready\n\n# The big supplier\n[[entity]]\nname = \"BT\"\ntype = \"organization\" # checked\naliases = [\"British Telecom\"]\n\n# The other one\n[[entity]]\nname = \"Fujitsu\"\ntype = \"organization\"\n";

    #[test]
    fn distinct_goes_into_the_existing_entry() {
        let new = add_distinct(TWO, "BT", EntityKind::Organization, "BT Sport").unwrap();
        let expected = TWO.replace(
            "aliases = [\"British Telecom\"]\n",
            "aliases = [\"British Telecom\"]\ndistinct = [\"BT Sport\"]\n",
        );
        assert_eq!(new, expected, "only the new line is added");
        assert_eq!(apply(TWO, &new), new);
        assert_eq!(pairs(&new), [pair("BT", "BT Sport")]);
        let new = add_distinct(&new, "BT", EntityKind::Person, "Openreach").unwrap();
        assert!(
            new.contains("\ndistinct = [\"BT Sport\", \"Openreach\"]\n\n# The other one\n"),
            "{new}"
        );
        assert!(new.contains("# The big supplier") && new.contains("# not ready"));
        assert!(new.contains("type = \"organization\" # checked\n"), "{new}");
        let config = Config::parse(&new).unwrap();
        assert_eq!(
            config.entities[0].kind,
            EntityKind::Organization,
            "the kind is kept"
        );
        assert_eq!(
            config.distinct_pairs(),
            [pair("BT", "BT Sport"), pair("BT", "Openreach")]
        );
        // The second entity, and naming an entity by an alias.
        let new =
            add_distinct(&new, "Fujitsu", EntityKind::Organization, "Fujitsu Siemens").unwrap();
        let new = add_distinct(&new, "British Telecom", EntityKind::Organization, "BTG").unwrap();
        assert_eq!(
            pairs(&new),
            [
                pair("BT", "BT Sport"),
                pair("BT", "Openreach"),
                pair("BT", "BTG"),
                pair("Fujitsu", "Fujitsu Siemens"),
            ]
        );
        assert_eq!(Config::parse(&new).unwrap().entities.len(), 2);
    }

    #[test]
    fn distinct_of_an_uncurated_entity_curates_it() {
        let new = add_distinct(
            "",
            "WGH",
            EntityKind::Organization,
            "Westfield General Hospital",
        )
        .unwrap();
        assert_eq!(
            new,
            "[[entity]]\nname = \"WGH\"\ntype = \"organization\"\ndistinct = [\"Westfield General Hospital\"]\n"
        );
        let config = Config::parse(&new).unwrap();
        assert_eq!(config.entities[0].kind, EntityKind::Organization);
        assert_eq!(
            config.distinct_pairs(),
            [pair("WGH", "Westfield General Hospital")]
        );
        let only_comments = "# corpus root for the editor tests\n";
        let closing = "[corpus]\nexclude = [\"drafts/**\"]\n# drafts stay out until reviewed\n\n# Curated entities go below.\n";
        for source in [only_comments, closing, SOURCE] {
            let new =
                add_distinct(source, "Kingston", EntityKind::Place, "Kingston University").unwrap();
            assert!(new.starts_with(source), "{new}");
            assert_eq!(apply(source, &new), new);
            let (span, _) = minimal_edit(source, &new);
            assert_eq!(
                span.start,
                source.len(),
                "an append is an insertion at the end"
            );
            let config = Config::parse(&new).unwrap();
            let kingston = config.entities.last().unwrap();
            assert_eq!(kingston.name, "Kingston");
            assert_eq!(kingston.kind, EntityKind::Place);
            assert_eq!(
                config.distinct_pairs(),
                [pair("Kingston", "Kingston University")]
            );
        }
    }

    #[test]
    fn adding_a_distinct_name_twice_changes_nothing() {
        let once = add_distinct(SOURCE, "BT", EntityKind::Organization, "BT Sport").unwrap();
        assert_eq!(
            add_distinct(&once, "BT", EntityKind::Organization, "BT Sport").unwrap(),
            once
        );
        let fresh = add_distinct("", "WGH", EntityKind::Organization, "Westfield").unwrap();
        assert_eq!(
            add_distinct(&fresh, "WGH", EntityKind::Organization, "Westfield").unwrap(),
            fresh
        );
        // Hand-written layout is returned as it is, not re-rendered.
        let odd = "[[entity]]\nname  =  \"BT\"\ntype = \"organization\"\ndistinct = [ \"BT Sport\" ]   # sport is separate\n";
        assert_eq!(
            add_distinct(odd, "BT", EntityKind::Organization, "BT Sport").unwrap(),
            odd
        );
    }

    #[test]
    fn distinct_takes_the_name_out_of_the_aliases() {
        let new = add_distinct(SOURCE, "BT", EntityKind::Organization, "British Telecom").unwrap();
        assert!(
            new.ends_with("aliases = []\ndistinct = [\"British Telecom\"]\n"),
            "{new}"
        );
        assert!(new.starts_with("# Our corpus\n\n[corpus]\nexclude = [\"drafts/**\"] # not ready\n\n# The big supplier\n[[entity]]\n"));
        let config = Config::parse(&new).unwrap();
        assert!(config.entities[0].aliases.is_empty());
        assert_eq!(config.distinct_pairs(), [pair("BT", "British Telecom")]);
        // The remaining aliases keep their layout.
        let several = "[[entity]]\nname = \"BT\"\ntype = \"organization\"\naliases = [\"British Telecom\", \"BT Group\", \"BT plc\"]\n";
        let new = add_distinct(several, "BT", EntityKind::Organization, "British Telecom").unwrap();
        assert!(
            new.contains("\naliases = [\"BT Group\", \"BT plc\"]\n"),
            "{new}"
        );
        let new = add_distinct(&new, "BT", EntityKind::Organization, "BT plc").unwrap();
        assert!(new.contains("\naliases = [\"BT Group\"]\n"), "{new}");
        assert_eq!(
            pairs(&new),
            [pair("BT", "British Telecom"), pair("BT", "BT plc")]
        );
        // Saying an alias is not its own entity records it on that entity.
        let new = add_distinct(SOURCE, "British Telecom", EntityKind::Organization, "BT").unwrap();
        let config = Config::parse(&new).unwrap();
        assert_eq!(config.entities.len(), 1, "{new}");
        assert!(config.entities[0].aliases.is_empty());
        assert_eq!(config.distinct_pairs(), [pair("BT", "British Telecom")]);
    }

    #[test]
    fn distinct_from_itself_or_nothing_is_refused() {
        assert!(add_distinct(SOURCE, "BT", EntityKind::Organization, "BT").is_err());
        assert!(add_distinct("", "WGH", EntityKind::Organization, "WGH").is_err());
        assert!(add_distinct(SOURCE, "BT", EntityKind::Organization, "").is_err());
        assert!(add_distinct(SOURCE, "BT", EntityKind::Organization, "  ").is_err());
    }

    #[test]
    fn distinct_keeps_windows_line_endings() {
        let crlf = "# notes\r\n[[entity]]\r\nname = \"BT\" # the supplier\r\ntype = \"organization\"\r\naliases = [\"British Telecom\", \"BT Group\"]\r\n";
        let new = add_distinct(crlf, "BT", EntityKind::Organization, "British Telecom").unwrap();
        assert_eq!(
            new,
            "# notes\r\n[[entity]]\r\nname = \"BT\" # the supplier\r\ntype = \"organization\"\r\naliases = [\"BT Group\"]\r\ndistinct = [\"British Telecom\"]\r\n"
        );
        assert_eq!(
            add_distinct(&new, "BT", EntityKind::Organization, "British Telecom").unwrap(),
            new
        );
        assert_eq!(pairs(&new), [pair("BT", "British Telecom")]);
        // A new entity in a file without a final newline.
        let crlf = "# notes\r\n[corpus]\r\nexclude = []";
        let new = add_distinct(crlf, "Kingston", EntityKind::Place, "Kingston University").unwrap();
        assert!(
            new.starts_with("# notes\r\n[corpus]\r\nexclude = []\r\n"),
            "{new:?}"
        );
        assert!(!new.replace("\r\n", "").contains('\n'), "{new:?}");
        assert_eq!(pairs(&new), [pair("Kingston", "Kingston University")]);
    }

    // Found by the curation property test (tests/props/curation.rs).
    #[test]
    fn every_edit_keeps_windows_line_endings() {
        let crlf = "# notes\r\n[[entity]]\r\nname = \"BT\"\r\n\r\n[ignore]\r\nwords = []\r\n";
        let edits = [
            set_type(crlf, "BT", EntityKind::Organization).unwrap(),
            add_alias(crlf, "BT", EntityKind::Organization, "British Telecom").unwrap(),
            rename_entity(crlf, "BT", "BT Group", EntityKind::Organization).unwrap(),
            add_ignore(crlf, "Sign up").unwrap(),
        ];
        for new in edits {
            assert!(!new.replace("\r\n", "").contains('\n'), "{new:?}");
            assert!(new.starts_with("# notes\r\n[[entity]]\r\n"), "{new:?}");
            parse(&new).unwrap();
        }
    }

    #[test]
    fn renaming_an_uncurated_name_appends_after_the_closing_comments() {
        let source = "[corpus]\r\nexclude = []\r\n\r\n# the end\r\n";
        let new = rename_entity(source, "Telora", "Telora Ltd", EntityKind::Organization).unwrap();
        assert!(new.starts_with(source), "{new:?}");
        let config = Config::parse(&new).unwrap();
        assert_eq!(config.entities[0].name, "Telora Ltd");
        assert_eq!(config.entities[0].aliases, ["Telora"]);
    }

    #[test]
    fn an_alias_or_new_name_is_no_longer_distinct() {
        let source = "[[entity]]\nname = \"BT\"\ntype = \"organization\"\ndistinct = [\"British Telecom\", \"BT Group\"]\n";
        let new = add_alias(source, "BT", EntityKind::Organization, "British Telecom").unwrap();
        let config = Config::parse(&new).unwrap_or_else(|e| panic!("{e:?}\n{new}"));
        assert_eq!(config.entities[0].aliases, ["British Telecom"]);
        assert_eq!(config.entities[0].distinct, ["BT Group"]);
        let new = rename_entity(source, "BT", "BT Group", EntityKind::Organization).unwrap();
        let config = Config::parse(&new).unwrap_or_else(|e| panic!("{e:?}\n{new}"));
        assert_eq!(config.entities[0].name, "BT Group");
        assert_eq!(config.entities[0].distinct, ["British Telecom"]);
    }
}
