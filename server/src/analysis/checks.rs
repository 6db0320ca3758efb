//! Checks on one article. Each returns findings with default severities;
//! the corpus's `[checks]` settings adjust them later.

use super::article::Article;
use super::findings::{Finding, Severity, codes};
use super::temporal::{self, ArticleDates};

/// Every check that needs only the article itself.
pub fn article_checks(text: &str, article: &Article, dates: &ArticleDates) -> Vec<Finding> {
    let mut findings = Vec::new();
    missing_dateline(text, article, &mut findings);
    if let Some(finding) = findings.first_mut() {
        finding.message = temporal::missing_dateline_message(article, dates.inferred.as_ref());
    }
    findings.extend(temporal::checks_for(
        text,
        article,
        dates.anchor,
        &dates.expressions,
    ));
    findings
}

fn missing_dateline(text: &str, article: &Article, out: &mut Vec<Finding>) {
    // A yearless wire dateline is a dateline: the day is told, the year
    // is left to other evidence or unknown.
    if article.dateline.is_some() || article.yearless_dateline.is_some() {
        return;
    }
    // Point at the headline, or else at the first line of text, so the
    // squiggle sits where a dateline would go.
    let span = match &article.headline {
        Some(headline) => headline.span.clone(),
        None => {
            let start = text.len() - text.trim_start().len();
            let end = text[start..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| start + i);
            start..end
        }
    };
    let message = if article.headline.is_some() {
        "article has no dateline: its publication date is unknown"
    } else {
        "article has no headline and no dateline: its publication date is unknown"
    };
    out.push(Finding::new(
        codes::MISSING_DATELINE,
        Severity::Information,
        span,
        message,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::article::{Dateline, Headline};

    fn article(headline: Option<std::ops::Range<usize>>, dated: bool) -> Article {
        Article {
            headline: headline.map(|span| Headline { span }),
            dateline: dated.then(|| Dateline {
                span: 0..1,
                date_span: 0..1,
                date: jiff::civil::date(2008, 7, 15),
                time: None,
                stated_weekday: None,
            }),
            yearless_dateline: None,
            lead: None,
            paragraphs: Vec::new(),
            boilerplate: Vec::new(),
        }
    }

    #[test]
    fn undated_article_gets_missing_dateline_on_its_headline() {
        let text = "Title here\n\nBody.";
        let a = article(Some(0..10), false);
        let findings = article_checks(text, &a, &temporal::analyse(text, &a));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "missing-dateline");
        assert_eq!(findings[0].severity, Severity::Information);
        assert_eq!(&text[findings[0].span.clone()], "Title here");
    }

    #[test]
    fn headless_article_points_at_its_first_line() {
        let text = "\n  First line of body.\r\nSecond.";
        let a = article(None, false);
        let findings = article_checks(text, &a, &temporal::analyse(text, &a));
        assert_eq!(&text[findings[0].span.clone()], "First line of body.");
    }

    #[test]
    fn yearless_wire_dateline_is_no_missing_dateline() {
        let text =
            "Harbour shares fall\n\nLONDON, March 9 (Reuters) - Shares in Harbour fell on Monday.";
        let a = Article::parse(text);
        assert!(a.yearless_dateline.is_some());
        let findings = article_checks(text, &a, &temporal::analyse(text, &a));
        assert!(
            findings.iter().all(|f| f.code != "missing-dateline"),
            "{findings:?}"
        );
    }

    #[test]
    fn a_lead_dateline_dates_the_article_and_anchors_today() {
        let text = "Dellmoor goes live\n\nASHBOURNE VALE, England, October 3, 2012 /PRNewswire/ -- Dellmoor Systems today announced that the system went live yesterday.";
        let a = Article::parse(text);
        let dates = temporal::analyse(text, &a);
        let findings = article_checks(text, &a, &dates);
        assert!(
            findings.iter().all(|f| f.code != "missing-dateline"),
            "{findings:?}"
        );
        let value = |raw: &str| {
            dates
                .expressions
                .iter()
                .find(|r| &text[r.expr.span.clone()] == raw)
                .and_then(|r| r.resolution.timex.as_ref())
                .map(|t| t.value.clone())
        };
        assert_eq!(value("today").as_deref(), Some("2012-10-03"));
        assert_eq!(value("yesterday").as_deref(), Some("2012-10-02"));
    }

    #[test]
    fn dated_article_has_no_finding() {
        let a = article(Some(0..1), true);
        assert!(article_checks("x", &a, &temporal::analyse("x", &a)).is_empty());
    }
}
