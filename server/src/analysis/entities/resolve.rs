//! Phase 3: candidates + corpus table → resolved mentions.

use super::lexicon::{is_first_name, is_legal_suffix};
use super::table::surname_of;
use super::types::{EntityKind, FigureValue, Mention};
use super::{ArticleNames, Candidate, Cues, Gazetteer, NameTable, Strength};
use std::collections::{HashMap, HashSet};

/// Formats a normalised number without float noise.
fn fmt_num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 && r.abs() < 9e15 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// The canonical form of a figure value: "GBP 896000000", "10%",
/// "1100 practices"; ranges with a hyphen.
pub fn figure_entity(value: &FigureValue) -> String {
    let range = |lo: f64, hi: Option<f64>| match hi {
        Some(hi) => format!("{}-{}", fmt_num(lo), fmt_num(hi)),
        None => fmt_num(lo),
    };
    match value {
        FigureValue::Money {
            amount,
            max,
            currency,
        } => format!("{} {}", currency.code(), range(*amount, *max)),
        FigureValue::Percentage { value, max } => format!("{}%", range(*value, *max)),
        FigureValue::Quantity { value, max, unit } => format!("{} {unit}", range(*value, *max)),
    }
}

/// A name without its legal-form suffix: "Cerner Ltd" → "Cerner".
fn without_legal_suffix(name: &str) -> Option<&str> {
    let (base, last) = name.rsplit_once(' ')?;
    is_legal_suffix(last).then(|| base.trim_end_matches(','))
}

struct Resolved {
    kind: EntityKind,
    entity: String,
    is_alias: bool,
}

fn named(kind: EntityKind, key: &str) -> Resolved {
    if kind == EntityKind::Organization
        && let Some(base) = without_legal_suffix(key)
    {
        return Resolved {
            kind,
            entity: base.to_string(),
            is_alias: true,
        };
    }
    Resolved {
        kind,
        entity: key.to_string(),
        is_alias: false,
    }
}

fn person_alias(full: &str) -> Resolved {
    Resolved {
        kind: EntityKind::Person,
        entity: full.to_string(),
        is_alias: true,
    }
}

struct People<'a> {
    by_surname: HashMap<String, &'a str>,
    by_given: HashMap<&'a str, &'a str>,
}

fn is_full_person(c: &Candidate, table: &NameTable) -> bool {
    c.words >= 2
        && c.curated.is_none()
        && (c.kind == Some(EntityKind::Person) && c.strength >= Strength::Strong
            || c.strength < Strength::Strong
                && table.evidenced_kind(&c.key) == Some(EntityKind::Person))
}

fn resolve_candidate(
    c: &Candidate,
    people: &People,
    table: &NameTable,
    gaz: &Gazetteer,
) -> Option<Resolved> {
    use EntityKind::*;
    if let Some(i) = c.curated {
        let e = gaz.entry(i)?;
        let kind = e
            .kind
            .or_else(|| table.evidenced_kind(&e.name))
            .unwrap_or(Organization);
        return Some(Resolved {
            kind,
            entity: e.name.clone(),
            is_alias: c.key != e.name,
        });
    }
    let key = c.key.as_str();
    if c.acronym && c.kind != Some(Place) {
        if let Some((long, is_name)) = table.acronym(key) {
            if !is_name {
                return None;
            }
            let kind = table
                .kind_of(long)
                .filter(|k| k.is_name())
                .unwrap_or(Organization);
            let mut r = named(kind, long);
            r.is_alias = true;
            return Some(r);
        }
        return Some(named(c.kind.unwrap_or(Organization), key));
    }
    if c.words == 1 {
        return resolve_word(c, people, table);
    }
    let kind = if c.strength >= Strength::Strong {
        c.kind
    } else {
        table.evidenced_kind(key).or(c.kind)
    }?;
    Some(named(kind, key))
}

/// A one-word name: a person's surname or given name when the article or
/// the corpus names the person in full, else the kind the corpus gives it.
fn resolve_word(c: &Candidate, people: &People, table: &NameTable) -> Option<Resolved> {
    use EntityKind::*;
    let key = c.key.as_str();
    let lower = key.to_lowercase();
    // The surname of a person this article names in full is that
    // person, even when it is also a place ("Ann Kent … Kent said"),
    // unless the words around it say place or organisation.
    if let Some(full) = people.by_surname.get(&lower)
        && !c
            .cues
            .any(Cues::PLACE_CONTEXT | Cues::PLACE_CUE | Cues::ORG | Cues::ORG_CONTEXT)
    {
        return Some(person_alias(full));
    }
    let strong_non_person =
        c.strength >= Strength::Strong && matches!(c.kind, Some(Organization | Place | Product));
    if strong_non_person {
        return Some(named(c.kind.unwrap_or(Organization), key));
    }
    if let Some(full) = people.by_surname.get(&lower) {
        return Some(person_alias(full));
    }
    if c.cues.has(Cues::GIVEN_NAME)
        && let Some(full) = people.by_given.get(key)
    {
        return Some(person_alias(full));
    }
    let evidenced = table.evidenced_kind(key);
    if c.kind == Some(Person) && c.strength >= Strength::Strong
        || !matches!(evidenced, Some(Organization | Place | Product))
    {
        if let Some(full) = table.person_for_surname(key) {
            return Some(person_alias(full));
        }
        // The surname of several people: a person, but which is unsure.
        if table.is_known_surname(key) {
            return Some(named(Person, key));
        }
    }
    if c.kind == Some(Person) && c.strength >= Strength::Strong {
        return Some(named(Person, key));
    }
    if let Some(k) = evidenced {
        return Some(named(k, key));
    }
    // The head word of multi-word names. A coined word heading product
    // names is the maker ("Orbis" of "Orbis One"); a common word heading
    // them is the product line ("Millennium" of "Millennium Release Two").
    if let Some(k) = table.head_kind(key) {
        let k = if c.strength == Strength::Dictionary {
            k
        } else {
            Organization
        };
        return Some(named(k, key));
    }
    if c.strength == Strength::Dictionary {
        return None;
    }
    let kind = table.kind_of(key).or(c.kind)?;
    Some(named(kind, key))
}

/// Phase 3: the article's mentions, resolved against the corpus table and
/// the curated entities; sorted by start, non-overlapping.
pub fn resolve(
    text: &str,
    names: &ArticleNames,
    table: &NameTable,
    gazetteer: &Gazetteer,
) -> Vec<Mention> {
    let people = people_of(names, table);
    let mut out =
        Vec::with_capacity(names.candidates.len() + names.figures.len() + names.dates.len());
    let mut seen: HashSet<String> = HashSet::new();
    let mut joined_until = 0;
    for (i, c) in names.candidates.iter().enumerate() {
        if c.span.start < joined_until {
            continue;
        }
        // "Greaves and Holt" where the corpus writes "Greaves & Holt": one
        // name, which chunking alone cannot tell from "BT and Fujitsu".
        if let Some(next) = names.candidates.get(i + 1)
            && c.curated.is_none()
            && next.curated.is_none()
            && text.get(c.span.end..next.span.start) == Some(" and ")
        {
            let joined = format!("{} & {}", c.key, next.key);
            let kind = (table.mentions(&joined) > 0)
                .then(|| table.kind_of(&joined).unwrap_or(EntityKind::Organization));
            if let Some(kind) = kind.filter(|k| k.is_name()) {
                let first = seen.insert(joined.clone());
                out.push(Mention {
                    span: c.span.start..next.span.end,
                    kind,
                    entity: joined,
                    is_alias: true,
                    is_declaration: first,
                    value: None,
                    annotation: None,
                });
                joined_until = next.span.end;
                continue;
            }
        }
        let Some(r) = resolve_candidate(c, &people, table, gazetteer) else {
            continue;
        };
        let defines = names.acronyms.iter().any(|a| {
            a.short_span == c.span
                || (a.long_is_name
                    && a.long_span.start < c.span.end
                    && c.span.start < a.long_span.end)
        });
        let first = seen.insert(r.entity.clone());
        out.push(Mention {
            span: c.span.clone(),
            kind: r.kind,
            entity: r.entity,
            is_alias: r.is_alias,
            is_declaration: first || defines,
            value: None,
            annotation: None,
        });
    }
    figures_and_dates(text, names, &mut out);
    out.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    let mut end = 0;
    out.retain(|m| {
        if m.span.start < end {
            return false;
        }
        end = m.span.end;
        true
    });
    out
}

/// The people the article names in full, by surname and by given name.
fn people_of<'a>(names: &'a ArticleNames, table: &NameTable) -> People<'a> {
    let mut people = People {
        by_surname: HashMap::new(),
        by_given: HashMap::new(),
    };
    for c in names.candidates.iter().filter(|c| is_full_person(c, table)) {
        if let Some(s) = surname_of(&c.key) {
            people.by_surname.entry(s).or_insert(c.key.as_str());
        }
        if let Some(first) = c.key.split(' ').next()
            && is_first_name(first)
        {
            people.by_given.entry(first).or_insert(c.key.as_str());
        }
    }
    people
}

/// The article's figures and dates, as mentions.
fn figures_and_dates(text: &str, names: &ArticleNames, out: &mut Vec<Mention>) {
    for f in &names.figures {
        out.push(Mention {
            span: f.span.clone(),
            kind: f.kind,
            entity: figure_entity(&f.value),
            is_alias: false,
            is_declaration: false,
            value: Some(Box::new(f.value.clone())),
            annotation: None,
        });
    }
    for d in &names.dates {
        out.push(Mention {
            span: d.clone(),
            kind: EntityKind::Date,
            entity: super::names::normalise(&text[d.clone()]),
            is_alias: false,
            is_declaration: false,
            value: None,
            annotation: None,
        });
    }
}
