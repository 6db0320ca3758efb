//! Public data types of the entity module.

use crate::analysis::Span;

/// The kind of a recognised mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Organization,
    Person,
    Place,
    Product,
    Money,
    Quantity,
    Percentage,
    Date,
}

impl EntityKind {
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Organization,
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Product,
        EntityKind::Money,
        EntityKind::Quantity,
        EntityKind::Percentage,
        EntityKind::Date,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Organization => "organization",
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Product => "product",
            EntityKind::Money => "money",
            EntityKind::Quantity => "quantity",
            EntityKind::Percentage => "percentage",
            EntityKind::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        let _ = s;
        None
    }
}

/// A span of an article's text.
pub type TextSpan = Span;
