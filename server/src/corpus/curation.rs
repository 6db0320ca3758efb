//! Edits to `corpus.toml` that curate entities, made with `toml_edit` so
//! the user's comments, order and formatting survive. Each function takes
//! the current file text and returns the new text; [`minimal_edit`] turns
//! that into the smallest replacement for a `WorkspaceEdit`.

pub use crate::analysis::text::minimal_edit;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

fn parse(source: &str) -> Result<DocumentMut, String> {
    source
        .parse::<DocumentMut>()
        .map_err(|err| format!("corpus.toml does not parse: {}", err.message()))
}

fn entities(doc: &mut DocumentMut) -> Result<&mut ArrayOfTables, String> {
    if !doc.contains_key("entity") {
        doc.insert("entity", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    doc["entity"]
        .as_array_of_tables_mut()
        .ok_or_else(|| "`entity` in corpus.toml is not an array of [[entity]] tables".to_string())
}

fn find_entity<'a>(entities: &'a mut ArrayOfTables, name: &str) -> Option<&'a mut Table> {
    entities.iter_mut().find(|t| {
        t.get("name").and_then(Item::as_str) == Some(name)
            || t.get("aliases")
                .and_then(Item::as_array)
                .is_some_and(|a| a.iter().any(|v| v.as_str() == Some(name)))
    })
}

fn new_entity(name: &str, kind: &str) -> Table {
    let mut table = Table::new();
    table.insert("name", value(name));
    table.insert("type", value(kind));
    table
}

/// Appends a new top-level table (`[[entity]]`, `[ignore]`) at the very end
/// of the file, after the comments that end it: `toml_edit` would put it
/// before them, moving a file's closing comments (or all of a file that is
/// only comments) below the new table.
fn append_table(source: &str, key: &str, item: Item) -> Result<String, String> {
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

fn append_entity(source: &str, table: Table) -> Result<String, String> {
    let mut tables = ArrayOfTables::new();
    tables.push(table);
    append_table(source, "entity", Item::ArrayOfTables(tables))
}

/// Adds `[[entity]]` for `name`, or sets its type if it is already curated.
pub fn add_entity(source: &str, name: &str, kind: &str) -> Result<String, String> {
    set_type(source, name, kind)
}

/// Sets the type of a curated entity, adding the entity if needed.
pub fn set_type(source: &str, name: &str, kind: &str) -> Result<String, String> {
    let mut doc = parse(source)?;
    let entities = entities(&mut doc)?;
    match find_entity(entities, name) {
        Some(table) => {
            table.insert("type", value(kind));
            Ok(doc.to_string())
        }
        None => append_entity(source, new_entity(name, kind)),
    }
}

/// Makes `alias` an alias of `canonical`, curating `canonical` (as
/// `kind`) when it is not in the file yet.
pub fn add_alias(source: &str, canonical: &str, kind: &str, alias: &str) -> Result<String, String> {
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
        .ok_or_else(|| format!("`aliases` of {canonical} is not an array"))?;
    if !aliases.iter().any(|v| v.as_str() == Some(alias)) {
        aliases.push(alias);
    }
    Ok(doc.to_string())
}

/// Renames an entity's canonical name, keeping the old name as an alias so
/// that the articles, which are never rewritten, still resolve to it.
pub fn rename_entity(source: &str, old: &str, new: &str, kind: &str) -> Result<String, String> {
    let mut doc = parse(source)?;
    let entities = entities(&mut doc)?;
    if find_entity(entities, new).is_some() && find_entity(entities, old).is_none() {
        return Err(format!("‘{new}’ is already a curated entity"));
    }
    if find_entity(entities, old).is_none() {
        entities.push(new_entity(old, kind));
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
        .ok_or_else(|| format!("`aliases` of {previous} is not an array"))?;
    aliases.retain(|v| v.as_str() != Some(new));
    if previous != new
        && !aliases
            .iter()
            .any(|v| v.as_str() == Some(previous.as_str()))
    {
        aliases.push(previous.as_str());
    }
    Ok(doc.to_string())
}

/// Adds a surface form to `[ignore] words`.
pub fn add_ignore(source: &str, word: &str) -> Result<String, String> {
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
        .ok_or_else(|| "`ignore` in corpus.toml is not a table".to_string())?;
    if !ignore.contains_key("words") {
        ignore.insert("words", Item::Value(Value::Array(Array::new())));
    }
    let words = ignore["words"]
        .as_array_mut()
        .ok_or_else(|| "`ignore.words` is not an array".to_string())?;
    if !words.iter().any(|v| v.as_str() == Some(word)) {
        words.push(word);
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::tests::apply;
    use crate::corpus::config::Config;

    const SOURCE: &str = "# Our corpus\n\n[corpus]\nexclude = [\"drafts/**\"] # not ready\n\n# The big supplier\n[[entity]]\nname = \"BT\"\ntype = \"organization\"\naliases = [\"British Telecom\"]\n";

    #[test]
    fn adding_an_entity_keeps_comments_and_order() {
        let new = add_entity(SOURCE, "Fujitsu", "organization").unwrap();
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
        let new = add_alias(SOURCE, "BT", "organization", "BT Group").unwrap();
        assert!(
            new.contains("aliases = [\"British Telecom\", \"BT Group\"]"),
            "{new}"
        );
        assert!(new.contains("# The big supplier") && new.contains("# not ready"));
        // Naming an entity by one of its aliases finds it too.
        let again = add_alias(&new, "British Telecom", "organization", "BT plc").unwrap();
        assert_eq!(Config::parse(&again).unwrap().entities.len(), 1);
    }

    #[test]
    fn alias_of_an_uncurated_entity_curates_it() {
        let new = add_alias("", "NHS Connecting for Health", "organization", "CfH").unwrap();
        let config = Config::parse(&new).unwrap();
        assert_eq!(config.entities[0].name, "NHS Connecting for Health");
        assert_eq!(config.entities[0].aliases, ["CfH"]);
    }

    #[test]
    fn type_changes_and_ignores() {
        let new = set_type(SOURCE, "BT", "product").unwrap();
        assert_eq!(Config::parse(&new).unwrap().entities[0].kind, "product");
        let new = add_ignore(&new, "Sign up").unwrap();
        let new = add_ignore(&new, "Sign up").unwrap();
        assert_eq!(Config::parse(&new).unwrap().ignore, ["Sign up"]);
    }

    #[test]
    fn rename_keeps_the_old_name_as_an_alias() {
        let new = rename_entity(SOURCE, "BT", "BT Group", "organization").unwrap();
        let config = Config::parse(&new).unwrap();
        assert_eq!(config.entities[0].name, "BT Group");
        assert_eq!(config.entities[0].aliases, ["British Telecom", "BT"]);
        let fresh = rename_entity("", "Fujitsu", "Fujitsu Ltd", "organization").unwrap();
        let config = Config::parse(&fresh).unwrap();
        assert_eq!(config.entities[0].name, "Fujitsu Ltd");
        assert_eq!(config.entities[0].aliases, ["Fujitsu"]);
    }

    #[test]
    fn new_tables_go_after_the_comments_that_end_the_file() {
        let only_comments = "# corpus root for the editor tests\n";
        let new = add_entity(only_comments, "Cerner", "organization").unwrap();
        assert!(new.starts_with(only_comments), "{new}");
        let closing = "[corpus]\nexclude = [\"drafts/**\"]\n# drafts stay out until reviewed\n\n# Curated entities go below.\n";
        for new in [
            add_entity(closing, "Cerner", "organization").unwrap(),
            add_alias(closing, "NHS Connecting for Health", "organization", "CfH").unwrap(),
            add_ignore(closing, "Sign up").unwrap(),
        ] {
            assert!(new.starts_with(closing), "{new}");
            assert_eq!(apply(closing, &new), new);
            let config = Config::parse(&new).unwrap();
            assert_eq!(config.exclude, ["drafts/**"], "{new}");
        }
        let config = Config::parse(
            &add_alias(closing, "NHS Connecting for Health", "organization", "CfH").unwrap(),
        )
        .unwrap();
        assert_eq!(config.entities[0].aliases, ["CfH"]);
        // Windows line endings stay Windows line endings; no final newline is fine.
        let crlf = "# notes\r\n[corpus]\r\nexclude = []";
        let new = add_entity(crlf, "Cerner", "organization").unwrap();
        assert!(
            new.starts_with("# notes\r\n[corpus]\r\nexclude = []\r\n"),
            "{new:?}"
        );
        assert!(!new.replace("\r\n", "").contains('\n'), "{new:?}");
        assert_eq!(Config::parse(&new).unwrap().entities[0].name, "Cerner");
    }

    #[test]
    fn broken_files_are_refused_not_rewritten() {
        assert!(add_entity("[corpus\n", "X", "person").is_err());
    }
}
