//! Which articles a change of curation in `corpus.toml` can change, so
//! that typing in an entity's entry re-analyses the articles that mention
//! it rather than the whole corpus.
//!
//! An article's analysis reads the curation through the gazetteer: whole-
//! word matches of entries' names and aliases and of ignored words, and
//! entries by their position in the file. So an article can change only
//! if it has a whole-word match of a surface of an entry that differs at
//! its position (before or after), or of an ignored word added or removed,
//! or if its own `[article."…"]` override changed.

use super::config::Config;
use aho_corasick::AhoCorasick;
use std::collections::BTreeSet;

pub(super) struct CurationChange {
    /// Surfaces whose matches may now read differently.
    surfaces: Option<AhoCorasick>,
    /// Paths relative to the corpus root, `/`-separated, whose override
    /// changed.
    overridden: BTreeSet<String>,
}

impl CurationChange {
    pub(super) fn between(old: &Config, new: &Config) -> CurationChange {
        let mut surfaces: BTreeSet<&str> = BTreeSet::new();
        for i in 0..old.entities.len().max(new.entities.len()) {
            let (before, after) = (old.entities.get(i), new.entities.get(i));
            if before == after {
                continue;
            }
            for e in before.into_iter().chain(after) {
                surfaces.extend(std::iter::once(&e.name).chain(&e.aliases).map(|s| s.trim()));
            }
        }
        let (old_ignored, new_ignored): (BTreeSet<&str>, BTreeSet<&str>) = (
            old.ignore.iter().map(|s| s.trim()).collect(),
            new.ignore.iter().map(|s| s.trim()).collect(),
        );
        surfaces.extend(old_ignored.symmetric_difference(&new_ignored));
        surfaces.remove("");
        let mut overridden = BTreeSet::new();
        for (path, o) in old.articles.iter().chain(&new.articles) {
            let other = if old.articles.get(path) == Some(o) {
                new.articles.get(path)
            } else {
                old.articles.get(path)
            };
            if other != Some(o) {
                overridden.insert(path.clone());
            }
        }
        CurationChange {
            surfaces: (!surfaces.is_empty())
                .then(|| AhoCorasick::new(&surfaces).ok())
                .flatten(),
            overridden,
        }
    }

    /// Whether the article at `relative` (to the corpus root, `/`-separated)
    /// with `text` may read differently under the new curation.
    pub(super) fn touches(&self, relative: &str, text: &str) -> bool {
        self.overridden.contains(relative)
            || self.surfaces.as_ref().is_some_and(|ac| {
                ac.find_overlapping_iter(text)
                    .any(|m| whole_word(text, m.start(), m.end()))
            })
    }
}

/// As the gazetteer matches: no letter or digit right before or after.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    text.is_char_boundary(start)
        && text.is_char_boundary(end)
        && !text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        && !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        Config::parse(text).unwrap()
    }

    const ORVANE: &str =
        "[[entity]]\nname = \"Orvane Systems\"\ntype = \"organization\"\naliases = [\"Orvane\"]\n";
    const TOLLAND: &str = "[[entity]]\nname = \"Maria Tolland\"\ntype = \"person\"\n";

    #[test]
    fn an_edited_entry_touches_the_articles_naming_it_before_or_after() {
        let old = config(ORVANE);
        let new = config(&ORVANE.replace("[\"Orvane\"]", "[\"Orvane\", \"OSL\"]"));
        let change = CurationChange::between(&old, &new);
        assert!(change.touches("a.txt", "Orvane said so."));
        assert!(change.touches("a.txt", "OSL said so."));
        assert!(!change.touches("a.txt", "Kelderwick said so."));
        // Whole words only, as the gazetteer matches.
        assert!(!change.touches("a.txt", "Orvanes and OSLO"));
    }

    #[test]
    fn an_unchanged_entry_touches_nothing_unless_its_position_moved() {
        let both = config(&format!("{ORVANE}\n{TOLLAND}"));
        let appended = config(&format!(
            "{ORVANE}\n{TOLLAND}\n[[entity]]\nname = \"Brindle\"\ntype = \"place\"\n"
        ));
        let change = CurationChange::between(&both, &appended);
        assert!(!change.touches("a.txt", "Orvane met Maria Tolland."));
        assert!(change.touches("a.txt", "In Brindle."));
        // Removing the first entry moves the second to its place.
        let change = CurationChange::between(&both, &config(TOLLAND));
        assert!(change.touches("a.txt", "Maria Tolland spoke."));
        assert!(change.touches("a.txt", "Orvane spoke."));
    }

    #[test]
    fn ignored_words_and_overrides_touch_what_they_name() {
        let old = config("[ignore]\nwords = [\"Sign up\"]\n");
        let new = config(
            "[ignore]\nwords = [\"Sign up\", \"Read more\"]\n\n[article.\"b/c.txt\"]\ndateline = \"2 March 2010\"\n",
        );
        let change = CurationChange::between(&old, &new);
        assert!(change.touches("x.txt", "Read more here"));
        assert!(!change.touches("x.txt", "Sign up here"));
        assert!(change.touches("b/c.txt", "nothing named"));
        assert!(!change.touches("c.txt", "nothing named"));
        let back = CurationChange::between(&new, &old);
        assert!(back.touches("b/c.txt", ""));
    }
}
