//! The user's annotations laid over automatic recognition: an annotated
//! mention replaces every automatic mention it overlaps.

use super::brat::{AnnFile, join_text};
use super::label::AnnotationLabel;
use super::offsets::CodePointIndex;
use crate::analysis::Span;
use crate::analysis::entities::{EntityKind, Mention};
use std::collections::HashSet;

/// An annotation whose type is none of our kinds (`Law`, `Vehicle`):
/// shown under its own name, never highlighted as one of ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherMention {
    pub id: String,
    pub type_name: String,
    /// Byte spans in the article, one per fragment, sorted.
    pub spans: Vec<Span>,
    pub text: String,
}

/// An article's mentions with its annotations applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overlaid {
    /// Sorted by start, like automatic mentions.
    pub mentions: Vec<Mention>,
    pub others: Vec<OtherMention>,
}

/// Lays the annotations of `ann` over `automatic` (the article's mentions,
/// sorted by start). Stale annotations and those with bad offsets are left
/// out: they are reported, not applied. An annotated fragment becomes a
/// mention of the entity named `canonical(text, kind)` (the corpus's name
/// for that surface, if it knows one), else of its own text; an automatic
/// mention of the same span and kind keeps its entity and value.
pub fn overlay(
    article: &str,
    automatic: Vec<Mention>,
    ann: &AnnFile,
    canonical: impl Fn(&str, EntityKind) -> Option<String>,
) -> Overlaid {
    let index = CodePointIndex::new(article);
    let mut annotated: Vec<Mention> = Vec::new();
    let mut others = Vec::new();
    let mut covered: Vec<Span> = Vec::new();
    for (_, t) in ann.text_bounds() {
        if !t.matches(&index) {
            continue;
        }
        let Some(mut spans) = t.byte_spans(&index) else {
            continue;
        };
        spans.retain(|s| s.start < s.end);
        if spans.is_empty() {
            continue;
        }
        spans.sort_by_key(|s| s.start);
        let text = join_text(article, &spans, false);
        covered.extend(spans.iter().cloned());
        match t.label() {
            AnnotationLabel::Other(type_name) => others.push(OtherMention {
                id: t.id.clone(),
                type_name,
                spans,
                text,
            }),
            AnnotationLabel::Known(kind) => {
                let name = crate::analysis::entities::normalise(&text);
                let entity = canonical(&name, kind).unwrap_or(name);
                for span in spans {
                    let same = automatic
                        .iter()
                        .find(|m| m.span == span && m.kind == kind && m.entity == entity);
                    annotated.push(Mention {
                        span,
                        kind,
                        entity: entity.clone(),
                        is_alias: same.is_some_and(|m| m.is_alias),
                        is_declaration: false,
                        value: same.and_then(|m| m.value.clone()),
                        annotation: Some(t.id.as_str().into()),
                    });
                }
            }
        }
    }
    if annotated.is_empty() && others.is_empty() {
        return Overlaid {
            mentions: automatic,
            others,
        };
    }
    covered.sort_by_key(|s| s.start);
    let overlaps = |span: &Span| {
        // First covered fragment ending after `span` starts.
        let i = covered.partition_point(|c| c.end <= span.start);
        covered[i..]
            .iter()
            .take_while(|c| c.start < span.end)
            .any(|c| c.end > span.start)
    };
    let mut mentions: Vec<Mention> = automatic
        .into_iter()
        .filter(|m| !overlaps(&m.span))
        .collect();
    // Two annotations of one span: the first line wins.
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    annotated.retain(|m| taken.insert((m.span.start, m.span.end)));
    mentions.extend(annotated);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    let mut seen: HashSet<String> = mentions
        .iter()
        .filter(|m| m.annotation.is_none() && m.is_declaration)
        .map(|m| m.entity.clone())
        .collect();
    for m in mentions.iter_mut().filter(|m| m.annotation.is_some()) {
        m.is_declaration = m.kind.is_name() && seen.insert(m.entity.clone());
    }
    others.sort_by_key(|o| o.spans[0].start);
    Overlaid { mentions, others }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(text: &str, word: &str, kind: EntityKind, entity: &str) -> Mention {
        let start = text.find(word).unwrap();
        Mention {
            span: start..start + word.len(),
            kind,
            entity: entity.into(),
            is_alias: false,
            is_declaration: true,
            value: None,
            annotation: None,
        }
    }

    const TEXT: &str = "Kestrel Mobility 🚗 hired Ana Ruiz in 東京 under the Road Act.";

    fn cps(word: &str) -> (usize, usize) {
        let start = TEXT.find(word).unwrap();
        let cp = TEXT[..start].chars().count();
        (cp, cp + word.chars().count())
    }

    fn ann(lines: &[(&str, &str)]) -> AnnFile {
        let mut out = String::new();
        for (n, (ty, word)) in lines.iter().enumerate() {
            let (s, e) = cps(word);
            out.push_str(&format!("T{}\t{ty} {s} {e}\t{word}\n", n + 1));
        }
        AnnFile::parse(&out)
    }

    #[test]
    fn annotations_replace_overlapping_automatic_mentions() {
        let automatic = vec![
            auto(TEXT, "Kestrel", EntityKind::Person, "Kestrel"),
            auto(TEXT, "Ana Ruiz", EntityKind::Person, "Ana Ruiz"),
        ];
        let ann = ann(&[("Organization", "Kestrel Mobility"), ("GPE", "東京")]);
        let out = overlay(TEXT, automatic, &ann, |_, _| None);
        let got: Vec<(&str, EntityKind, &str, Option<&str>)> = out
            .mentions
            .iter()
            .map(|m| {
                (
                    &TEXT[m.span.clone()],
                    m.kind,
                    m.entity.as_str(),
                    m.annotation.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "Kestrel Mobility",
                    EntityKind::Organization,
                    "Kestrel Mobility",
                    Some("T1")
                ),
                ("Ana Ruiz", EntityKind::Person, "Ana Ruiz", None),
                ("東京", EntityKind::Place, "東京", Some("T2")),
            ]
        );
        assert!(out.mentions[0].is_declaration);
    }

    #[test]
    fn unknown_types_are_kept_under_their_name_and_hide_automatic_mentions() {
        let automatic = vec![auto(TEXT, "Road Act", EntityKind::Product, "Road Act")];
        let ann = ann(&[("Law", "Road Act")]);
        let out = overlay(TEXT, automatic, &ann, |_, _| None);
        assert!(out.mentions.is_empty(), "{:?}", out.mentions);
        assert_eq!(out.others.len(), 1);
        assert_eq!(out.others[0].type_name, "Law");
        assert_eq!(&TEXT[out.others[0].spans[0].clone()], "Road Act");
    }

    #[test]
    fn stale_annotations_are_not_applied_and_canonical_names_are_used() {
        let automatic = vec![auto(TEXT, "Ana Ruiz", EntityKind::Person, "Ana Ruiz")];
        let (s, e) = cps("Ana Ruiz");
        let ann = AnnFile::parse(&format!(
            "T1\tPerson {s} {e}\tAnn Ruiz\nT2\tORG 0 7\tKestrel\n"
        ));
        let out = overlay(TEXT, automatic, &ann, |name, kind| {
            (name == "Kestrel" && kind == EntityKind::Organization)
                .then(|| "Kestrel Mobility Ltd".to_string())
        });
        assert_eq!(out.mentions.len(), 2);
        assert_eq!(out.mentions[0].entity, "Kestrel Mobility Ltd");
        assert_eq!(
            out.mentions[1].annotation, None,
            "the stale T1 is not applied"
        );
    }

    #[test]
    fn a_discontinuous_annotation_gives_one_mention_per_fragment() {
        let (a, b) = cps("Kestrel");
        let (c, d) = cps("Mobility");
        let ann = AnnFile::parse(&format!(
            "T1\tOrganization {a} {b};{c} {d}\tKestrel Mobility\n"
        ));
        let out = overlay(TEXT, Vec::new(), &ann, |_, _| None);
        assert_eq!(out.mentions.len(), 2);
        assert!(out.mentions.iter().all(|m| m.entity == "Kestrel Mobility"));
    }
}
