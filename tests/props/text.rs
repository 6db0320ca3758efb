//! Article parsing, date finding and resolving, figures: no panic, every
//! span on char boundaries and inside the text (and inside what holds it).

use crate::strategies::{self, check_inside, check_span};
use corpus_lsp::analysis::ArticleAnalysis;
use corpus_lsp::analysis::article::Article;
use corpus_lsp::analysis::entities::Gazetteer;
use corpus_lsp::analysis::line_index::ColumnUnit;
use corpus_lsp::analysis::temporal::{self, Anchor};
use corpus_lsp::corpus::Corpus;
use jiff::civil::{Date, date};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

fn check_analysis(text: &str, a: &ArticleAnalysis) -> Result<(), TestCaseError> {
    let art = &a.article;
    if let Some(h) = &art.headline {
        check_span(text, &h.span, "headline")?;
    }
    if let Some(d) = &art.dateline {
        check_span(text, &d.span, "dateline")?;
        check_span(text, &d.date_span, "dateline date")?;
        check_inside(&d.date_span, &d.span, "dateline date")?;
    }
    for p in &art.paragraphs {
        check_span(text, &p.span, "paragraph")?;
        for s in &p.sentences {
            check_span(text, s, "sentence")?;
            check_inside(s, &p.span, "sentence")?;
        }
    }
    for b in &art.boilerplate {
        check_span(text, &b.span, "boilerplate")?;
    }
    for c in &a.names.candidates {
        check_span(text, &c.span, "name candidate")?;
    }
    for d in &a.names.acronyms {
        check_span(text, &d.short_span, "acronym")?;
        check_span(text, &d.long_span, "acronym long form")?;
    }
    for f in &a.names.figures {
        check_span(text, &f.span, "figure")?;
    }
    for d in &a.names.dates {
        check_span(text, d, "date span")?;
    }
    check_dates(text, &a.dates)?;
    for f in &a.findings {
        check_span(text, &f.span, f.code)?;
        for fix in &f.fixes {
            for e in fix.edits.iter().filter(|_| fix.file.is_none()) {
                check_span(text, &e.span, "fix edit")?;
            }
        }
    }
    // Every span end converts to a position and back without panicking.
    for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32] {
        for f in &a.findings {
            let pos = a.line_index.line_col(text, f.span.end, unit);
            let (back, _) = a.line_index.offset(text, pos, unit);
            check_span(text, &(back..back), "position round trip")?;
        }
    }
    Ok(())
}

fn check_dates(text: &str, dates: &temporal::ArticleDates) -> Result<(), TestCaseError> {
    for r in &dates.expressions {
        let e = &r.expr;
        check_span(text, &e.span, "date expression")?;
        check_span(text, &e.sentence, "date sentence")?;
        check_inside(&e.span, &e.sentence, "date expression")?;
        if let Some((_, w)) = &e.weekday {
            check_span(text, w, "weekday")?;
        }
        if let Some(m) = &e.full_date {
            check_span(text, &m.full_span(), "full date")?;
        }
        let _ = r.hover();
        if let Some((at, _)) = r.inlay_hint() {
            check_span(text, &(at..at), "inlay hint")?;
        }
        if let Some(t) = &r.resolution.timex {
            let _ = t.bounds();
        }
    }
    Ok(())
}

/// Extreme and ordinary publication dates.
fn anchor_date() -> impl Strategy<Value = Date> {
    prop_oneof![
        Just(Date::MIN),
        Just(Date::MAX),
        Just(date(1, 1, 1)),
        Just(date(9999, 12, 31)),
        (1900i16..2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| date(y, m, d)),
    ]
}

proptest! {
    #![proptest_config(strategies::config(192))]

    #[test]
    fn article_analysis_spans_are_sound(text in strategies::article(60)) {
        let a = ArticleAnalysis::new(&text, &Gazetteer::default());
        check_analysis(&text, &a)?;
    }

    #[test]
    fn dates_resolve_against_any_publication_date(
        text in strategies::article(40),
        anchor in anchor_date(),
    ) {
        let article = Article::parse(&text);
        let dates = temporal::analyse_at(&text, &article, anchor);
        check_dates(&text, &dates)?;
        let a = ArticleAnalysis::with_publication(&text, &Gazetteer::default(), Some(anchor));
        check_analysis(&text, &a)?;
    }

    #[test]
    fn the_date_finder_takes_any_sentence_span(
        text in strategies::article(30),
        cut in any::<(prop::sample::Index, prop::sample::Index)>(),
        anchor in anchor_date(),
    ) {
        // Any char-boundary range of the text may be handed in as a sentence.
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let (a, b) = (cut.0.get(&bounds), cut.1.get(&bounds));
        let sentence = *a.min(b)..*a.max(b);
        let exprs = temporal::find_in_sentence(&text, sentence.clone());
        for e in &exprs {
            check_span(&text, &e.span, "expression")?;
            check_inside(&e.span, &sentence, "expression")?;
        }
        for anchor in [Anchor::dateline(anchor), Anchor::inferred(anchor)] {
            let resolved = temporal::resolve_all(&text, &exprs, &anchor);
            prop_assert_eq!(resolved.len(), exprs.len());
        }
    }

    /// The whole corpus pipeline (resolution, claims, conflicts, findings)
    /// over a few generated articles.
    #[test]
    fn corpus_findings_are_sound(texts in prop::collection::vec(strategies::article(50), 1..4)) {
        let mut corpus = Corpus::new(PathBuf::from("/nonexistent/corpus-lsp-props"));
        let paths: Vec<PathBuf> = (0..texts.len())
            .map(|i| PathBuf::from(format!("/nonexistent/corpus-lsp-props/{i}.txt")))
            .collect();
        for (path, text) in paths.iter().zip(&texts) {
            corpus.upsert(path.clone(), Arc::from(text.as_str()));
        }
        for (path, text) in paths.iter().zip(&texts) {
            for m in corpus.mentions(path).into_iter().flat_map(|m| m.iter()) {
                check_span(text, &m.span, "mention")?;
            }
            for f in corpus.findings(path) {
                check_span(text, &f.span, f.code)?;
                for r in f.related.iter().filter(|r| r.file.as_ref() == Some(path)) {
                    check_span(text, &r.span, "related")?;
                }
            }
        }
        // Removing an article and putting it back must not panic either.
        corpus.remove(&paths[0]);
        corpus.upsert(paths[0].clone(), Arc::from(texts[0].as_str()));
    }
}
