//! Annotation labels: brat type names ↔ our entity kinds ↔ export tags.

use crate::analysis::entities::EntityKind;
use std::borrow::Cow;

/// brat type names (compared case-insensitively) and the kind each means.
const TYPE_NAMES: &[(&str, EntityKind)] = &[
    ("organization", EntityKind::Organization),
    ("organisation", EntityKind::Organization),
    ("org", EntityKind::Organization),
    ("person", EntityKind::Person),
    ("per", EntityKind::Person),
    ("location", EntityKind::Place),
    ("loc", EntityKind::Place),
    ("gpe", EntityKind::Place),
    ("place", EntityKind::Place),
    ("product", EntityKind::Product),
    ("prod", EntityKind::Product),
    ("money", EntityKind::Money),
    ("quantity", EntityKind::Quantity),
    ("cardinal", EntityKind::Quantity),
    ("percent", EntityKind::Percentage),
    ("percentage", EntityKind::Percentage),
    ("date", EntityKind::Date),
    ("time", EntityKind::Date),
];

/// The entity kind a brat type name (or one of our kind names) stands for,
/// case-insensitively; `None` for types we do not know.
pub fn kind_for_type_name(name: &str) -> Option<EntityKind> {
    TYPE_NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(_, kind)| kind)
}

/// What an annotation says a mention is: one of our kinds, or a type we do
/// not know, kept under its own name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AnnotationLabel {
    Known(EntityKind),
    Other(String),
}

impl AnnotationLabel {
    /// Reads a brat type name or one of our kind names.
    pub fn parse(name: &str) -> AnnotationLabel {
        match kind_for_type_name(name) {
            Some(kind) => AnnotationLabel::Known(kind),
            None => AnnotationLabel::Other(name.to_string()),
        }
    }

    pub fn kind(&self) -> Option<EntityKind> {
        match self {
            AnnotationLabel::Known(kind) => Some(*kind),
            AnnotationLabel::Other(_) => None,
        }
    }

    /// Our kind name (`"organization"`, …) or the unknown type's own name:
    /// the `label` of an [`Annotation`](super::Annotation).
    pub fn as_str(&self) -> &str {
        match self {
            AnnotationLabel::Known(kind) => kind.as_str(),
            AnnotationLabel::Other(name) => name,
        }
    }

    /// The type name written into new `.ann` lines: our kind name in title
    /// case (`Organization`, `Place`, `Percentage`, …), or the unknown name
    /// with whitespace replaced by `_` (brat type names cannot contain it).
    pub fn brat_type(&self) -> Cow<'_, str> {
        match self {
            AnnotationLabel::Known(kind) => Cow::Borrowed(match kind {
                EntityKind::Organization => "Organization",
                EntityKind::Person => "Person",
                EntityKind::Place => "Place",
                EntityKind::Product => "Product",
                EntityKind::Money => "Money",
                EntityKind::Quantity => "Quantity",
                EntityKind::Percentage => "Percentage",
                EntityKind::Date => "Date",
            }),
            AnnotationLabel::Other(name) => sanitize_name(name, false),
        }
    }

    /// The short upper-case tag used by the CoNLL and JSONL exports: `ORG`,
    /// `PER`, `LOC`, `PRODUCT`, `MONEY`, `QUANTITY`, `PERCENT`, `DATE`, or the
    /// unknown name upper-cased (whitespace replaced by `_`).
    pub fn tag(&self) -> Cow<'_, str> {
        match self {
            AnnotationLabel::Known(kind) => Cow::Borrowed(match kind {
                EntityKind::Organization => "ORG",
                EntityKind::Person => "PER",
                EntityKind::Place => "LOC",
                EntityKind::Product => "PRODUCT",
                EntityKind::Money => "MONEY",
                EntityKind::Quantity => "QUANTITY",
                EntityKind::Percentage => "PERCENT",
                EntityKind::Date => "DATE",
            }),
            AnnotationLabel::Other(name) => sanitize_name(name, true),
        }
    }
}

/// A name usable as one whitespace-free field; `Entity` if it is empty.
fn sanitize_name(name: &str, upper: bool) -> Cow<'_, str> {
    let name = name.trim();
    if name.is_empty() {
        return Cow::Borrowed(if upper { "ENTITY" } else { "Entity" });
    }
    let clean = !name.chars().any(char::is_whitespace);
    if clean && (!upper || !name.chars().any(char::is_lowercase)) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_whitespace() {
            out.push('_');
        } else if upper {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_table() {
        use EntityKind::*;
        let table: &[(&str, EntityKind)] = &[
            ("Organization", Organization),
            ("Organisation", Organization),
            ("ORG", Organization),
            ("org", Organization),
            ("Person", Person),
            ("PER", Person),
            ("PERSON", Person),
            ("Location", Place),
            ("LOC", Place),
            ("GPE", Place),
            ("Place", Place),
            ("Product", Product),
            ("PROD", Product),
            ("Money", Money),
            ("MONEY", Money),
            ("Quantity", Quantity),
            ("CARDINAL", Quantity),
            ("QUANTITY", Quantity),
            ("Percent", Percentage),
            ("Percentage", Percentage),
            ("PERCENT", Percentage),
            ("Date", Date),
            ("DATE", Date),
            ("TIME", Date),
        ];
        for &(name, kind) in table {
            assert_eq!(kind_for_type_name(name), Some(kind), "{name}");
            assert_eq!(AnnotationLabel::parse(name), AnnotationLabel::Known(kind));
        }
        // Our own kind names, and the names we write, read back as themselves.
        for kind in EntityKind::ALL {
            assert_eq!(kind_for_type_name(kind.as_str()), Some(kind));
            let label = AnnotationLabel::Known(kind);
            assert_eq!(AnnotationLabel::parse(&label.brat_type()), label);
            assert_eq!(label.as_str(), kind.as_str());
        }
        for name in ["Event", "Organizations", "", "PERS", "NORP"] {
            assert_eq!(kind_for_type_name(name), None, "{name}");
        }
        assert_eq!(
            AnnotationLabel::parse("Law"),
            AnnotationLabel::Other("Law".into())
        );
        assert_eq!(AnnotationLabel::parse("Law").as_str(), "Law");
    }

    #[test]
    fn tags() {
        let tags: Vec<String> = EntityKind::ALL
            .iter()
            .map(|&k| AnnotationLabel::Known(k).tag().into_owned())
            .collect();
        assert_eq!(
            tags,
            [
                "ORG", "PER", "LOC", "PRODUCT", "MONEY", "QUANTITY", "PERCENT", "DATE"
            ]
        );
        assert_eq!(AnnotationLabel::parse("Work of art").tag(), "WORK_OF_ART");
        assert_eq!(
            AnnotationLabel::parse("Work of art").brat_type(),
            "Work_of_art"
        );
        assert_eq!(AnnotationLabel::parse("Straße").tag(), "STRASSE");
        assert_eq!(AnnotationLabel::parse(" ").tag(), "ENTITY");
    }
}
