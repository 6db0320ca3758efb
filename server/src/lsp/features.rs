//! Analysis results turned into protocol answers for one document.

use super::position::Converter;
use crate::analysis::article::{Article, BoilerplateKind};
use crate::analysis::findings::{Finding, Severity};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, FoldingRange,
    FoldingRangeKind, Location, NumberOrString, SymbolKind, Uri,
};

/// Headline › dateline › paragraphs. An article without a headline has
/// its dateline and paragraphs at the top level.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn document_symbols(text: &str, article: &Article, conv: Converter<'_>) -> Vec<DocumentSymbol> {
    let symbol = |name: String,
                  detail: Option<String>,
                  kind,
                  span: &std::ops::Range<usize>,
                  selection: &std::ops::Range<usize>| DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: conv.range(span),
        selection_range: conv.range(selection),
        children: None,
    };
    let mut children = Vec::new();
    if let Some(dateline) = &article.dateline {
        let detail = format!("{} ({})", dateline.date, dateline.date.weekday_name());
        children.push(symbol(
            text[dateline.date_span.clone()].to_string(),
            Some(detail),
            SymbolKind::EVENT,
            &dateline.span,
            &dateline.date_span,
        ));
    }
    for (n, paragraph) in article.paragraphs.iter().enumerate() {
        let first = paragraph.sentences.first().unwrap_or(&paragraph.span);
        children.push(symbol(
            paragraph_label(&text[first.clone()]),
            Some(format!("¶{}", n + 1)),
            SymbolKind::STRING,
            &paragraph.span,
            first,
        ));
    }
    match &article.headline {
        Some(headline) => {
            let end = children
                .iter()
                .map(|c| c.range.end)
                .chain([conv.range(&headline.span).end])
                .max()
                .unwrap_or_default();
            let mut top = symbol(
                text[headline.span.clone()].to_string(),
                Some("headline".into()),
                SymbolKind::FILE,
                &headline.span,
                &headline.span,
            );
            top.range.end = end;
            top.children = Some(children);
            vec![top]
        }
        None => children,
    }
}

trait WeekdayName {
    fn weekday_name(&self) -> &'static str;
}

impl WeekdayName for jiff::civil::Date {
    fn weekday_name(&self) -> &'static str {
        use jiff::civil::Weekday::*;
        match self.weekday() {
            Monday => "Monday",
            Tuesday => "Tuesday",
            Wednesday => "Wednesday",
            Thursday => "Thursday",
            Friday => "Friday",
            Saturday => "Saturday",
            Sunday => "Sunday",
        }
    }
}

/// The first words of a paragraph, for an outline entry.
fn paragraph_label(sentence: &str) -> String {
    const WORDS: usize = 8;
    let mut words = sentence.split_whitespace();
    let mut label: Vec<&str> = words.by_ref().take(WORDS).collect();
    if label.is_empty() {
        label.push("(empty)");
    }
    let mut label = label.join(" ");
    if words.next().is_some() {
        label.push('…');
    }
    label
}

/// One folding range per boilerplate region; article text never folds.
pub fn folding_ranges(article: &Article, conv: Converter<'_>) -> Vec<FoldingRange> {
    article
        .boilerplate
        .iter()
        .map(|region| {
            let range = conv.range(&region.span);
            FoldingRange {
                start_line: range.start.line,
                start_character: None,
                end_line: range.end.line,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(format!("{} (boilerplate)", boilerplate_label(region.kind))),
            }
        })
        .collect()
}

fn boilerplate_label(kind: BoilerplateKind) -> &'static str {
    match kind {
        BoilerplateKind::Newsletter => "newsletter",
        BoilerplateKind::RelatedLinks => "related links",
        BoilerplateKind::Comments => "comments",
        BoilerplateKind::Social => "sharing",
        BoilerplateKind::Repeated => "repeated lines",
        BoilerplateKind::Other => "page furniture",
    }
}

pub const SOURCE: &str = "corpus-lsp";

/// A finding as an LSP diagnostic. `locate` turns a related span in
/// another file into a location, when that file is known.
pub fn diagnostic(
    finding: &Finding,
    uri: &Uri,
    conv: Converter<'_>,
    locate: &dyn Fn(&std::path::Path, &std::ops::Range<usize>) -> Option<Location>,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|related| {
            let location = match &related.file {
                None => Location::new(uri.clone(), conv.range(&related.span)),
                Some(path) => locate(path, &related.span)?,
            };
            Some(DiagnosticRelatedInformation {
                location,
                message: related.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: conv.range(&finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The outline icon of an entity.
pub fn entity_symbol_kind(kind: crate::analysis::entities::EntityKind) -> SymbolKind {
    use crate::analysis::entities::EntityKind::*;
    match kind {
        Organization => SymbolKind::CLASS,
        Person => SymbolKind::OBJECT,
        Place => SymbolKind::PACKAGE,
        Product => SymbolKind::INTERFACE,
        Money | Quantity | Percentage => SymbolKind::NUMBER,
        Date => SymbolKind::EVENT,
    }
}
