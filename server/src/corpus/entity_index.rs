//! Entity → mentions across the corpus, kept per article so that one
//! article's update touches only its own postings.

use crate::analysis::Span;
use crate::analysis::entities::{EntityKind, Mention};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct EntityIndex {
    /// Canonical entity → article id → spans of its mentions there.
    postings: HashMap<String, HashMap<u32, Vec<Span>>>,
    /// Article id → the entities it mentions, to retract them.
    by_article: HashMap<u32, Vec<String>>,
    /// The kind each entity was last resolved as.
    kinds: HashMap<String, EntityKind>,
}

impl EntityIndex {
    /// Replaces one article's postings with those of `mentions` (names
    /// only: figures and dates are not cross-referenced).
    pub fn set_article(&mut self, id: u32, mentions: &[Mention]) {
        self.remove_article(id);
        let mut mine: HashMap<&str, Vec<Span>> = HashMap::new();
        for mention in mentions.iter().filter(|m| m.kind.is_name()) {
            mine.entry(mention.entity.as_str())
                .or_default()
                .push(mention.span.clone());
        }
        let mut entities = Vec::with_capacity(mine.len());
        for (entity, spans) in mine {
            self.postings
                .entry(entity.to_string())
                .or_default()
                .insert(id, spans);
            entities.push(entity.to_string());
        }
        self.by_article.insert(id, entities);
    }

    pub fn remove_article(&mut self, id: u32) {
        for entity in self.by_article.remove(&id).unwrap_or_default() {
            if let Some(articles) = self.postings.get_mut(&entity) {
                articles.remove(&id);
                if articles.is_empty() {
                    self.postings.remove(&entity);
                    self.kinds.remove(&entity);
                }
            }
        }
    }

    /// The articles mentioning `entity`, each with its mention spans.
    pub fn mentions(&self, entity: &str) -> Option<&HashMap<u32, Vec<Span>>> {
        self.postings.get(entity)
    }

    /// (mentions, articles) for an entity.
    pub fn totals(&self, entity: &str) -> (usize, usize) {
        self.postings.get(entity).map_or((0, 0), |articles| {
            (articles.values().map(Vec::len).sum(), articles.len())
        })
    }

    pub fn kind(&self, entity: &str) -> Option<EntityKind> {
        self.kinds.get(entity).copied()
    }

    pub fn entities(&self) -> impl Iterator<Item = (&String, &HashMap<u32, Vec<Span>>)> {
        self.postings.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::EntityKind;

    fn mention(span: Span, kind: EntityKind, entity: &str) -> Mention {
        Mention {
            span,
            kind,
            entity: entity.into(),
            is_alias: false,
            is_declaration: false,
            value: None,
        }
    }

    #[test]
    fn updates_replace_only_one_articles_postings() {
        let mut index = EntityIndex::default();
        index.set_article(
            1,
            &[
                mention(0..2, EntityKind::Organization, "BT"),
                mention(5..7, EntityKind::Organization, "BT"),
            ],
        );
        index.set_article(
            2,
            &[
                mention(0..2, EntityKind::Organization, "BT"),
                mention(3..6, EntityKind::Money, "GBP 1"),
            ],
        );
        assert_eq!(index.totals("BT"), (3, 2));
        assert_eq!(
            index.totals("GBP 1"),
            (0, 0),
            "figures are not cross-referenced"
        );
        index.set_article(1, &[mention(0..7, EntityKind::Person, "Jane Doe")]);
        assert_eq!(index.totals("BT"), (1, 1));
        index.remove_article(2);
        assert!(index.mentions("BT").is_none());
        assert_eq!(index.totals("Jane Doe"), (1, 1));
    }
}
