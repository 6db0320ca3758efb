//! Entity and figure recognition: organisations, people, places, products,
//! money, quantities, percentages and date expressions.
//!
//! Pure and table-driven: no I/O, no LSP types. Spans are byte ranges into
//! the article text. Recognition runs on the headline and the body
//! sentences of an [`Article`], never on its dateline or boilerplate.
//!
//! # Phases
//!
//! The work is split so that an edit re-analyses one article, never the
//! corpus:
//!
//! 1. [`extract`]`(text, &Article, &Gazetteer) -> ArticleNames` — per
//!    article, from its text alone: name candidates with their cue
//!    evidence ([`Candidate`]), acronym definitions learned from the text
//!    ([`AcronymDef`], "local service provider (LSP)", "National Programme
//!    for IT [NPfIT]"), figures with normalised values ([`Figure`]) and date
//!    spans: the date finder's expressions ([`crate::analysis::temporal`])
//!    and durations. [`extract_in`] is the same over [`regions`] already
//!    tokenised and searched for dates, as [`crate::analysis::ArticleAnalysis`]
//!    shares them with temporal analysis.
//! 2. [`NameTable`] — corpus-level, updated with
//!    [`NameTable::add_article`]`(id, &ArticleNames)` and
//!    [`NameTable::remove_article`]`(id, &ArticleNames)` (reference counts; no
//!    whole-corpus recomputation). It holds acronym → long form, surname →
//!    full person names, entity kind votes across the corpus, head words
//!    for `related` links ("Fujitsu Services" ~ "Fujitsu"), and name-word
//!    counts for misspelling suggestions.
//! 3. [`resolve`]`(text, &ArticleNames, &NameTable, &Gazetteer) ->
//!    Vec<Mention>` — each mention with its kind, canonical entity, alias
//!    and declaration flags and figure value; sorted, non-overlapping.
//! 4. [`misspellings`]`(text, &ArticleNames, &NameTable) ->
//!    Vec<Misspelling>` — near misses of names used several times
//!    elsewhere ("Fujitu" → "Fujitsu").
//!
//! After an article changes: `extract` it again, `remove_article` with the
//! old names, `add_article` the new, then `resolve` the articles whose results you
//! show. A changed [`Curated`] means a new [`Gazetteer`] and re-extracting.
//!
//! ```text
//! Gazetteer::new(&Curated) -> Gazetteer          // compile the curation once
//! extract(&str, &Article, &Gazetteer) -> ArticleNames
//! regions(&str, &Article) -> Vec<Region>         // tokenised once
//! extract_in(&str, &[Region], &[Vec<TimeExpression>], &Gazetteer, Option<&Lead>) -> ArticleNames
//! NameTable::new() / add_article(u32, &ArticleNames) / remove_article(u32, &ArticleNames)
//! NameTable::{acronym, kind_of, person_for_surname, related, entity, ..}
//! resolve(&str, &ArticleNames, &NameTable, &Gazetteer) -> Vec<Mention>
//! misspellings(&str, &ArticleNames, &NameTable) -> Vec<Misspelling>
//! ```
//!
//! `extract` reads the headline and body sentences from the [`Article`];
//! if the article model is empty (nothing parsed), every non-blank line is
//! a region and the first one the headline, so the module also works on a
//! hand-built `Article` with one paragraph.
//!
//! # How names are found
//!
//! Capitalised sequences are chunked with connectors (`of`/`for` after
//! head words such as "House", "Department", "Office"; `and The`; `&`;
//! name particles). Leading function words, honorifics, role titles and
//! sentence-initial common words (checked against an embedded English word
//! list) are stripped. The kind comes from cue evidence (organisation
//! suffixes and prefixes, publication words, place list and place cues,
//! first names, honorifics, role nouns and speech verbs around the name,
//! product nouns, acronym shape), then from votes across the corpus, and
//! falls back to organisation. Curated entries always win, then automatic
//! recognition; surface forms in [`Curated::ignore`] are never entities.
//! All lexicons are small, generic and built in (see `lexicon.rs` and
//! `server/data/`).

mod figures;
mod gazetteer;
pub mod identity;
mod lexicon;
mod misspell;
mod names;
mod resolve;
mod table;
mod tokens;
mod types;

pub use gazetteer::Gazetteer;
pub use misspell::misspellings;
pub use names::normalise;
pub use resolve::resolve;
pub use table::{Contribution as NameContribution, EntityInfo, NameTable};
pub use types::*;

use crate::analysis::Span;
use crate::analysis::article::{Article, Lead};
use crate::analysis::temporal::{self, TimeExpression};
use crate::analysis::tokens::Region;

/// How much evidence backs a candidate's kind.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Strength {
    /// A capitalised common word with no other evidence ("Treasury" could
    /// be a name; "Despite" is not). Emitted only if the corpus knows it.
    Dictionary,
    /// A default guess (an unknown capitalised word is an organisation).
    Weak,
    /// Shape evidence (acronym, model number, product noun).
    Medium,
    /// A cue (suffix, honorific, first name, role, place list).
    Strong,
    /// A curated entry.
    Curated,
}

/// Cue evidence bits of a candidate.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Cues(pub u32);

impl Cues {
    pub const HONORIFIC: u32 = 1;
    pub const FIRST_NAME: u32 = 1 << 1;
    pub const GIVEN_NAME: u32 = 1 << 2;
    pub const ROLE: u32 = 1 << 3;
    pub const SPEECH: u32 = 1 << 4;
    pub const ORG: u32 = 1 << 5;
    pub const PUBLICATION: u32 = 1 << 6;
    pub const LEGAL: u32 = 1 << 7;
    pub const PLACE_LIST: u32 = 1 << 8;
    pub const PLACE_CUE: u32 = 1 << 9;
    pub const PLACE_CONTEXT: u32 = 1 << 10;
    pub const PRODUCT: u32 = 1 << 11;
    pub const ACRONYM: u32 = 1 << 12;
    pub const DICTIONARY: u32 = 1 << 13;
    /// An organisation noun before the name: "logistics firm X".
    pub const ORG_CONTEXT: u32 = 1 << 14;

    pub fn has(self, bit: u32) -> bool {
        self.0 & bit == bit
    }
    pub fn any(self, bits: u32) -> bool {
        self.0 & bits != 0
    }
    pub fn set(&mut self, bit: u32) {
        self.0 |= bit;
    }
}

/// A name candidate in one article, before corpus-level resolution.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    pub span: Span,
    /// The surface, normalised (single spaces, `'` for `’`, no genitive,
    /// a plural acronym without its "s").
    pub key: String,
    /// The kind suggested by the article alone.
    pub kind: Option<EntityKind>,
    pub strength: Strength,
    pub cues: Cues,
    /// Capitalised words in the name.
    pub words: u8,
    pub acronym: bool,
    /// Starts a sentence or quotation, so its capital may be positional.
    pub initial: bool,
    /// Index into [`Gazetteer::entries`] for curated mentions.
    pub curated: Option<u32>,
}

/// An acronym definition found in the text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AcronymDef {
    pub short: String,
    pub long: String,
    pub short_span: Span,
    pub long_span: Span,
    /// The long form is a capitalised name ("National Programme for IT"),
    /// not a common noun ("local service provider").
    pub long_is_name: bool,
}

/// A money, quantity or percentage figure.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    pub span: Span,
    pub kind: EntityKind,
    pub value: FigureValue,
}

/// What [`extract`] finds in one article.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleNames {
    /// Name candidates in text order.
    pub candidates: Vec<Candidate>,
    pub acronyms: Vec<AcronymDef>,
    pub figures: Vec<Figure>,
    /// Date expressions (spans only).
    pub dates: Vec<Span>,
}

/// The headline and body sentences of `article`, minus boilerplate. When
/// the article model is empty (nothing parsed), every non-blank line of
/// the text is a region and the first is taken as the headline.
/// Each is tokenised here, once for entities and the date finder alike.
pub fn regions(text: &str, article: &Article) -> Vec<Region> {
    let valid = |s: &Span| {
        s.start < s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut out = Vec::new();
    if article.headline.is_none() && article.paragraphs.is_empty() {
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let start = pos + (line.len() - line.trim_start().len());
                let span = start..start + trimmed.len();
                if !article.is_boilerplate(span.start) {
                    let headline = out.is_empty();
                    out.push(Region::new(text, span, headline));
                }
            }
            pos += line.len();
        }
        return out;
    }
    if let Some(h) = &article.headline
        && valid(&h.span)
    {
        out.push(Region::new(text, h.span.clone(), true));
    }
    for p in &article.paragraphs {
        if p.sentences.is_empty() {
            if valid(&p.span) && !article.is_boilerplate(p.span.start) {
                out.push(Region::new(text, p.span.clone(), false));
            }
            continue;
        }
        for s in &p.sentences {
            if valid(s) && !article.is_boilerplate(s.start) {
                out.push(Region::new(text, s.clone(), false));
            }
        }
    }
    out
}

/// Whether a headline is in Title Case (capitals carry no information).
fn title_case(text: &str, toks: &[tokens::Tok]) -> bool {
    let mut long = 0;
    let mut capped = 0;
    for t in toks.iter().filter(|t| t.kind == tokens::Kind::Word) {
        let w = t.text(text);
        if w.len() >= 4 && !lexicon::is_function_word(w) {
            long += 1;
            if t.is_cap() {
                capped += 1;
            }
        }
    }
    long >= 3 && capped * 10 >= long * 7
}

/// Phase 1: everything recognisable in one article from its text alone.
pub fn extract(text: &str, article: &Article, gazetteer: &Gazetteer) -> ArticleNames {
    let regions = regions(text, article);
    let found: Vec<_> = regions
        .iter()
        .map(|r| temporal::find_in_region(text, r))
        .collect();
    extract_in(text, &regions, &found, gazetteer, article.lead.as_ref())
}

/// [`extract`] over the article's [`regions`], with the date finder's
/// expressions in each (`found[k]` for `regions[k]`): they are the dates.
/// `lead` is the article's lead dateline ([`Article::lead`]).
pub fn extract_in(
    text: &str,
    regions: &[Region],
    found: &[Vec<TimeExpression>],
    gazetteer: &Gazetteer,
    lead: Option<&Lead>,
) -> ArticleNames {
    let mut names = ArticleNames::default();
    let mut toks = Vec::new();
    let mut used = Vec::new();
    let mut dates = Vec::new();
    for (k, region) in regions.iter().enumerate() {
        let (start, end) = (region.span.start, region.span.end);
        tokens::tokenize(text, &region.tokens, &mut toks);
        let title = region.headline && title_case(text, &toks);
        if title {
            for t in &mut toks {
                t.initial = true;
            }
        }
        used.clear();
        used.resize(toks.len(), false);
        // Curated entries first: they always win.
        let first_candidate = names.candidates.len();
        gazetteer.find(text, start, end, |span, hit| {
            let mut any = false;
            for (k, t) in toks.iter().enumerate() {
                if t.start < span.end && span.start < t.end {
                    used[k] = true;
                    any = true;
                }
            }
            if !any {
                return;
            }
            if let gazetteer::Hit::Entry(i, _) = hit {
                let key = names::normalise(&text[span.clone()]);
                names.candidates.push(Candidate {
                    span,
                    key,
                    kind: gazetteer.entry(i).and_then(|e| e.kind),
                    strength: Strength::Curated,
                    cues: Cues::default(),
                    words: 1,
                    acronym: false,
                    initial: false,
                    curated: Some(i),
                });
            }
        });
        dates.clear();
        for e in found.get(k).into_iter().flatten() {
            figures::date_mentions(text, &region.tokens, e, &mut dates);
        }
        figures::scan(
            text,
            &toks,
            &dates,
            &mut used,
            &mut names.figures,
            &mut names.dates,
        );
        if title {
            // In a Title Case headline capitals say nothing: common words
            // are not name words there ("Fujitsu Quits Southern Deal").
            for (k, tok) in toks.iter().enumerate() {
                let w = tok.text(text);
                if tok.kind == tokens::Kind::Word
                    && tok.shape == tokens::Shape::Title
                    && !used[k]
                    && lexicon::is_english_word(w)
                    && !lexicon::is_first_name(w)
                    && !lexicon::is_place(w)
                    && !lexicon::is_org_cue(w)
                    && !lexicon::is_publication_cue(w)
                {
                    used[k] = true;
                }
            }
        }
        names::scan(
            text,
            &toks,
            &used,
            &mut names.candidates,
            &mut names.acronyms,
        );
        names.candidates[first_candidate..].sort_by_key(|c| c.span.start);
    }
    if let Some(lead) = lead {
        in_lead(&mut names, lead);
    }
    names
}

/// A lead dateline's place is a place, whatever its capitals suggest
/// (`HALSWORTH, UK, 9 March 2010 –`); the agency that carried the story
/// (`/PRNewswire/`, `(Business Wire)`) is read as any name is; the rest of
/// it, the date (`--Oct. 6, 2010--`) and separators, holds no name.
fn in_lead(names: &mut ArticleNames, lead: &Lead) {
    let inside = |s: &Span, outer: &Span| outer.start <= s.start && s.end <= outer.end;
    names.candidates.retain(|c| {
        let in_lead = c.span.start < lead.span.end && lead.span.start < c.span.end;
        // The agency is a name too (`Business Wire` is an organisation);
        // the date and separators around it are none.
        let in_agency = lead.agency.as_ref().is_some_and(|g| inside(&c.span, g));
        !in_lead || inside(&c.span, &lead.place) || in_agency
    });
    for c in &mut names.candidates {
        if c.curated.is_none() && inside(&c.span, &lead.place) {
            c.kind = Some(EntityKind::Place);
            c.strength = Strength::Strong;
            c.cues.set(Cues::PLACE_CUE);
            c.acronym = false;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
