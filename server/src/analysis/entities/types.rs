//! Public data types of the entity module.

use crate::analysis::Span;

/// The kind of a recognised mention. Maps 1:1 to the LSP semantic token
/// types of the same names (see [`EntityKind::as_str`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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

    /// The kind names, in [`EntityKind::ALL`] order: the semantic token
    /// types and the `type` values `corpus.toml` accepts.
    pub const NAMES: [&'static str; 8] = [
        "organization",
        "person",
        "place",
        "product",
        "money",
        "quantity",
        "percentage",
        "date",
    ];

    /// The semantic token type name: `organization`, `person`, `place`,
    /// `product`, `money`, `quantity`, `percentage`, `date`.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The kind whose name (in [`EntityKind::NAMES`]) is exactly `name`.
    pub fn from_name(name: &str) -> Option<EntityKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Parses a kind name case-insensitively, accepting the semantic token
    /// names, British spellings and common NER labels (`org`, `per`, `loc`,
    /// `gpe`...). Unknown names give `None`.
    pub fn parse(s: &str) -> Option<EntityKind> {
        let s = s.trim().to_ascii_lowercase();
        Some(match s.as_str() {
            "organization" | "organisation" | "org" | "company" | "publication" => {
                EntityKind::Organization
            }
            "person" | "per" | "people" => EntityKind::Person,
            "place" | "location" | "loc" | "gpe" => EntityKind::Place,
            "product" | "prod" | "system" => EntityKind::Product,
            "money" => EntityKind::Money,
            "quantity" | "qty" => EntityKind::Quantity,
            "percentage" | "percent" | "pct" => EntityKind::Percentage,
            "date" => EntityKind::Date,
            _ => return None,
        })
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// Names (as opposed to figures and dates).
    pub fn is_name(self) -> bool {
        matches!(
            self,
            EntityKind::Organization | EntityKind::Person | EntityKind::Place | EntityKind::Product
        )
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Currency of a money figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Currency {
    Gbp,
    Usd,
    Eur,
    Aud,
    Cad,
    Nzd,
    Hkd,
    Jpy,
    Inr,
}

impl Currency {
    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Gbp => "GBP",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Aud => "AUD",
            Currency::Cad => "CAD",
            Currency::Nzd => "NZD",
            Currency::Hkd => "HKD",
            Currency::Jpy => "JPY",
            Currency::Inr => "INR",
        }
    }
}

/// The normalised value of a figure. Ranges (`£10m-£20m`, `between £5m
/// and £8m`, `5-10%`) have `max`; `value`/`amount` is the low end.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum FigureValue {
    /// `amount` in major units (pounds, dollars): `£1.2bn` → 1.2e9.
    Money {
        amount: f64,
        max: Option<f64>,
        currency: Currency,
    },
    /// A count with its unit noun, as written (`practices`, `trusts`).
    Quantity {
        value: f64,
        max: Option<f64>,
        unit: String,
    },
    /// Percent value: `10 per cent` → 10.0.
    Percentage { value: f64, max: Option<f64> },
}

/// A curated entity from the corpus configuration (`corpus.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CuratedEntity {
    /// The canonical name.
    pub name: String,
    /// The configured kind; `None` for an unknown type string (the kind is
    /// then inferred, organisation by default).
    pub kind: Option<EntityKind>,
    /// Other surface forms of the same entity.
    pub aliases: Vec<String>,
}

/// The user's curation, filled by the config layer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Curated {
    pub entries: Vec<CuratedEntity>,
    /// Surface forms that are never entities.
    pub ignore: Vec<String>,
}

/// A resolved mention of an entity or a figure in one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    /// The canonical entity: its name ("Gordon Hextall", "National
    /// Programme for IT"); for figures a normalised form ("GBP 896000000",
    /// "10%", "1100 practices"); for dates the text itself.
    pub entity: String,
    /// The mention is an alias of `entity` (acronym, curated alias,
    /// surname alone, legal-suffix variant), not its full name.
    pub is_alias: bool,
    /// Where an acronym is defined, or the entity's first mention in the
    /// article.
    pub is_declaration: bool,
    /// Boxed, as most mentions are names: a corpus holds millions of
    /// mentions, and the inline value would double each one's size.
    pub value: Option<Box<FigureValue>>,
    /// The ID of the `.ann` line the mention comes from (`T3`), when the
    /// user annotated it; `None` for automatic recognition.
    pub annotation: Option<Box<str>>,
}

/// A word that looks like a misspelling of a name used elsewhere in the
/// corpus ("Fujitu" for "Fujitsu").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misspelling {
    pub span: Span,
    pub word: String,
    pub suggestion: String,
    /// How many mentions the suggested spelling has in the corpus.
    pub target_mentions: u32,
}
