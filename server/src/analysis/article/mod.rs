//! The article model: headline, dateline, body paragraphs with sentences,
//! and boilerplate.
//!
//! Text is read as lines (ending at `\n`, `\r\n` or a lone `\r`) grouped
//! into blocks (runs of non-blank lines; a line of only whitespace, NBSP
//! included, is blank). The header is the first few blocks: an optional
//! headline, then perhaps a dateline. Everything else that is not
//! boilerplate is body.

use super::Span;
use super::boilerplate::{self, Cue};
use super::dateline::{self, LeadDate, LineDate};
use super::lines::{Line, split_lines};
use super::sentences::{is_space, split_sentences};

pub use super::boilerplate::{Boilerplate, BoilerplateKind};
pub use super::dateline::{Dateline, Lead, YearlessDateline};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Article {
    pub headline: Option<Headline>,
    pub dateline: Option<Dateline>,
    /// A wire lead's date without a year (`LONDON, April 2 (Reuters) -`),
    /// when there is no `dateline`: the article is dated, its year unknown.
    pub yearless_dateline: Option<YearlessDateline>,
    /// The lead dateline the story opens with (`LEEDS, 3 March 2010 –`),
    /// inside the first paragraph: its place and agency are no party to
    /// what the story tells.
    pub lead: Option<Lead>,
    /// Body paragraphs in order; never includes headline, dateline or boilerplate.
    pub paragraphs: Vec<Paragraph>,
    /// Boilerplate regions in order, each line-aligned and non-overlapping.
    pub boilerplate: Vec<Boilerplate>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Headline {
    /// The headline text, trimmed (no leading `#`, no surrounding whitespace).
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Paragraph {
    /// From the first to the last non-blank character of the paragraph.
    pub span: Span,
    /// Sentences in order, each trimmed, all inside `span`.
    pub sentences: Vec<Span>,
}

/// Blocks after the headline searched for a dateline.
const DATELINE_BLOCKS: usize = 4;
/// Lines searched for a dateline, at most.
const DATELINE_LINES: usize = 10;
const HEADLINE_MAX_WORDS: usize = 20;
const HEADLINE_MAX_CHARS: usize = 200;

impl Article {
    pub fn parse(text: &str) -> Article {
        let lines = split_lines(text);
        let blocks = boilerplate::blocks(&lines);
        let cues = boilerplate::cues(text, &lines);
        let mut protected = vec![false; lines.len()];
        let strong_cue = |i: usize| cues[i].is_some_and(|c: Cue| c.strong);

        // Chrome above the story (cookie banners, "Skip to content") is
        // passed over when looking for the headline.
        let mut first = blocks.iter().position(|b| !b.clone().all(strong_cue));
        // A release's label on its own above the headline (`FOR IMMEDIATE
        // RELEASE`) is no headline: the next block holds it.
        if let Some(f) = first
            && let [label] = blocks[f]
                .clone()
                .filter(|&i| !strong_cue(i))
                .collect::<Vec<_>>()[..]
            && text
                .get(lines[label].trimmed.clone())
                .is_some_and(is_release_label)
            && let Some(next) = (f + 1..blocks.len()).find(|&n| !blocks[n].clone().all(strong_cue))
        {
            protected[label] = true;
            first = Some(next);
        }
        let mut headline = None;
        if let Some(b) = first.and_then(|f| blocks.get(f))
            && let Some(top) = b.clone().find(|&i| !strong_cue(i))
            && let Some((span, used)) = headline_in(text, &lines, top..b.end)
        {
            headline = Some(Headline { span });
            for i in used {
                protected[i] = true;
            }
        }

        let mut dateline = None;
        let mut yearless_dateline = None;
        let mut lead = None;
        // The first line of text that is not the dateline: where a lead is.
        let mut opening_seen = false;
        let mut blocks_seen = 0;
        let mut lines_seen = 0;
        'search: for b in blocks.iter().skip(first.unwrap_or(blocks.len())) {
            let candidates: Vec<usize> = b
                .clone()
                .filter(|&i| !protected[i] && cues[i].is_none())
                .collect();
            if candidates.is_empty() {
                continue;
            }
            blocks_seen += 1;
            if blocks_seen > DATELINE_BLOCKS {
                break;
            }
            for i in candidates {
                lines_seen += 1;
                if lines_seen > DATELINE_LINES {
                    break 'search;
                }
                if dateline.is_none() {
                    match dateline::recognise(text, lines[i].span.clone()) {
                        Some(LineDate::Valid(d)) => {
                            dateline = Some(d);
                            protected[i] = true;
                            // The story's opening line may still hold a lead.
                            if opening_seen {
                                break 'search;
                            }
                            continue;
                        }
                        // The date checks report it; there is no dateline.
                        Some(LineDate::Invalid(_)) => break 'search,
                        None => {}
                    }
                }
                if opening_seen {
                    if dateline.is_some() {
                        break 'search;
                    }
                    continue;
                }
                // A lead opening the story: the paragraph stays body.
                if let Some((l, date)) = dateline::recognise_lead(text, lines[i].span.clone()) {
                    lead = Some(l);
                    if dateline.is_none() {
                        match date {
                            LeadDate::Full(d) => dateline = Some(d),
                            LeadDate::Yearless(d) => yearless_dateline = Some(d),
                        }
                    }
                    break 'search;
                }
                // A headline that went unrecognised is not the opening.
                let untaken_headline = headline.is_none()
                    && first.is_some_and(|f| b.start == blocks[f].start)
                    && text
                        .get(lines[i].trimmed.clone())
                        .is_some_and(looks_like_headline);
                // Nor is a byline (a wire lead often follows one), or a
                // release's label (`PRESS RELEASE`, `EMBARGOED UNTIL …`).
                let byline = text
                    .get(lines[i].trimmed.clone())
                    .is_some_and(|s| is_byline(s) || is_release_label(s));
                if !untaken_headline && !byline {
                    opening_seen = true;
                }
                if dateline.is_some() {
                    break 'search;
                }
            }
        }

        // A "last updated" stamp that is not the dateline is chrome.
        let mut cues = cues;
        for (i, line) in lines.iter().enumerate() {
            if !protected[i]
                && cues[i].is_none()
                && text
                    .get(line.span.clone())
                    .is_some_and(boilerplate::is_updated_stamp)
            {
                cues[i] = Some(Cue {
                    kind: BoilerplateKind::Other,
                    starts_tail: false,
                    strong: true,
                });
            }
        }
        let marks = boilerplate::mark(text, &lines, &cues, &protected);
        let boilerplate = boilerplate::regions(&lines, &marks);

        let mut paragraphs = Vec::new();
        let mut run: Option<(usize, usize)> = None;
        for i in 0..=lines.len() {
            let body =
                i < lines.len() && !lines[i].is_blank() && !protected[i] && marks[i].is_none();
            match (body, run) {
                (true, None) => run = Some((i, i)),
                (true, Some((s, _))) => run = Some((s, i)),
                (false, Some((s, e))) => {
                    let span = lines[s].trimmed.start..lines[e].trimmed.end;
                    paragraphs.push(Paragraph {
                        sentences: split_sentences(text, span.clone()),
                        span,
                    });
                    run = None;
                }
                (false, None) => {}
            }
        }

        Article {
            headline,
            dateline,
            yearless_dateline,
            lead,
            paragraphs,
            boilerplate,
        }
    }

    /// Whether `span` lies inside the lead dateline.
    pub fn in_lead(&self, span: &Span) -> bool {
        self.lead
            .as_ref()
            .is_some_and(|l| l.span.start <= span.start && span.end <= l.span.end)
    }

    /// Whether a byte offset falls inside boilerplate.
    pub fn is_boilerplate(&self, offset: usize) -> bool {
        // Regions are sorted and disjoint.
        let i = self.boilerplate.partition_point(|b| b.span.end <= offset);
        self.boilerplate
            .get(i)
            .is_some_and(|b| b.span.start <= offset && offset < b.span.end)
    }
}

/// The headline at the start of `block`, if it has one, with the lines it
/// takes (the headline and a setext underline).
fn headline_in(
    text: &str,
    lines: &[Line],
    block: std::ops::Range<usize>,
) -> Option<(Span, std::ops::Range<usize>)> {
    let first = block.start;
    let content = lines[first].trimmed.clone();
    let second = (block.len() >= 2).then(|| &text[lines[first + 1].trimmed.clone()]);
    let setext = second.is_some_and(is_setext_underline);
    // A headline stands alone, or has its underline under it, or a
    // dateline or byline within the next three lines (after a standfirst).
    let alone = block.len() == 1
        || setext
        || (first + 1..block.end.min(first + 4)).any(|i| {
            let line = &lines[i];
            is_byline(&text[line.trimmed.clone()])
                || dateline::recognise(text, line.span.clone()).is_some()
        });
    if !alone {
        return None;
    }
    let used = first..first + if setext { 2 } else { 1 };
    if let Some(inner) = atx_heading(text, content.clone()) {
        let s = &text[inner.clone()];
        return (s.chars().any(char::is_alphanumeric) && s.len() <= 4 * HEADLINE_MAX_CHARS)
            .then_some((inner, used));
    }
    let s = &text[content.clone()];
    (looks_like_headline(s) && dateline::recognise(text, content.clone()).is_none())
        .then_some((content, used))
}

/// Short, has letters, and does not end like a sentence (`?`, `!` and a
/// closing quote are fine; so is a final `U.S.`).
fn looks_like_headline(s: &str) -> bool {
    if s.len() > 4 * HEADLINE_MAX_CHARS || s.chars().count() > HEADLINE_MAX_CHARS {
        return false;
    }
    let words = s.split(is_space).filter(|w| !w.is_empty()).count();
    if words == 0 || words > HEADLINE_MAX_WORDS || !s.chars().any(char::is_alphabetic) {
        return false;
    }
    if s.ends_with(['.', ',', ';', ':']) {
        let last = s.rsplit(is_space).next().unwrap_or("");
        let dotted = last.len() >= 4
            && last
                .split('.')
                .filter(|p| !p.is_empty())
                .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
            && !last.ends_with("..");
        return dotted && s.ends_with('.');
    }
    !is_byline(s)
}

/// `# Title`, `## Title ##` → the title's span.
fn atx_heading(text: &str, content: Span) -> Option<Span> {
    let s = &text[content.clone()];
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &s[hashes..];
    if !rest.is_empty() && !rest.starts_with(is_space) {
        return None;
    }
    let mut inner = rest.trim_matches(is_space);
    // Optional closing sequence: `## Title ##`.
    let stripped = inner.trim_end_matches('#');
    if stripped.len() < inner.len() && (stripped.is_empty() || stripped.ends_with(is_space)) {
        inner = stripped.trim_end_matches(is_space);
    }
    let lead = rest.len() - rest.trim_start_matches(is_space).len();
    let start = content.start + hashes + lead;
    Some(start..start + inner.len())
}

fn is_setext_underline(s: &str) -> bool {
    s.len() >= 3 && (s.bytes().all(|b| b == b'=') || s.bytes().all(|b| b == b'-'))
}

/// `By Jane Smith`, `By Jane Smith, Political Editor`.
fn is_byline(s: &str) -> bool {
    let mut words = s.split(is_space).filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    let rest: Vec<&str> = words.collect();
    first.eq_ignore_ascii_case("by")
        && (1..=8).contains(&rest.len())
        && rest[0].chars().next().is_some_and(char::is_uppercase)
        && !s.ends_with('.')
}

/// A press release's label line above its lead: `PRESS RELEASE`, `NEWS
/// RELEASE`, `FOR IMMEDIATE RELEASE`, `EMBARGOED UNTIL 00:01 …`.
fn is_release_label(s: &str) -> bool {
    let words: Vec<String> = s
        .split(is_space)
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    let n = words.len();
    // `Press release` alone, perhaps with a word more (`PRESS RELEASE:
    // UPDATED`); an embargo or publication hold with its terms.
    let release = n <= 3
        && (w(1) == "release" && ["press", "news", "media"].contains(&w(0))
            || w(0) == "for" && (w(1) == "release" || w(1) == "immediate" && w(2) == "release"));
    let hold = n <= 12
        && (w(0) == "embargoed" || w(0) == "embargo")
        && (n == 1 || ["until", "till", "to", "for"].contains(&w(1)));
    let not_before = n <= 12 && w(0) == "not" && w(1) == "for" && w(2) == "publication";
    release || hold || not_before
}

#[cfg(test)]
mod tests;
