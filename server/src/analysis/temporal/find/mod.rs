//! Finding date expressions in sentences: a hand-written matcher over word
//! tokens (so context such as a preceding preposition or a following name
//! can decide), with full dates taken from [`crate::analysis::dates`].

mod anchored;
mod calendar;
mod modifiers;
mod periods;
mod ranges;

use anchored::{ago, anaphoric, relative_day, shifted};
use calendar::{day_month, holiday, month, season, weekday_alone, weekend, year};
use modifiers::{modified, vague};
use periods::{decade, financial_year, half, quarter};
use ranges::combine_ranges;

use super::lexicon::{self as lex, Kind, Toks};
use super::{Form, Modifier, Raw, Shift, TimeExpression, YearRef};
use crate::analysis::Span;
use crate::analysis::dates::{DateMatch, find_full_dates};
use crate::analysis::tokens::{self, Region};
use jiff::civil::Weekday;

/// Every date expression inside the given sentences, in order.
pub fn find_expressions(text: &str, sentences: &[Span]) -> Vec<TimeExpression> {
    let mut out = Vec::new();
    for s in sentences {
        out.extend(find_in_sentence(text, s.clone()));
    }
    out
}

/// Every date expression inside one sentence (a byte span of `text`;
/// clamped to the text and to character boundaries).
pub fn find_in_sentence(text: &str, sentence: Span) -> Vec<TimeExpression> {
    find_in_region(text, &Region::new(text, sentence, false))
}

/// The expressions of `sentences`, taken from `regions` (already searched:
/// `found[k]` holds those of `regions[k]`) where a region is the same
/// stretch, and searched for otherwise. `found` is left empty where taken.
pub fn find_reusing(
    text: &str,
    sentences: &[Span],
    regions: &[Region],
    found: &mut [Vec<TimeExpression>],
) -> Vec<TimeExpression> {
    let mut out = Vec::new();
    for s in sentences {
        let s = tokens::clamp(text, s.clone());
        // Regions are few and in text order.
        let k = regions.partition_point(|r| r.span.start < s.start);
        match regions.get(k).zip(found.get_mut(k)) {
            Some((r, exprs)) if r.span == s => out.append(exprs),
            _ => out.extend(find_in_region(text, &Region::new(text, s, false))),
        }
    }
    out
}

/// Every date expression inside one tokenised region.
pub fn find_in_region(text: &str, region: &Region) -> Vec<TimeExpression> {
    let sentence = region.span.clone();
    let s = &text[sentence.clone()];
    if s.is_empty() {
        return Vec::new();
    }
    let t = Toks::of(text, &region.tokens);
    // Every full date has a four-digit year: skip the regex without one.
    let has_year = s
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    let fulls: Vec<DateMatch> = if has_year {
        find_full_dates(s)
    } else {
        Vec::new()
    }
    .into_iter()
    .map(|mut d| {
        d.span = d.span.start + sentence.start..d.span.end + sentence.start;
        d.weekday_span = d
            .weekday_span
            .map(|w| w.start + sentence.start..w.end + sentence.start);
        d
    })
    .collect();
    let mut hits: Vec<Hit> = Vec::new();
    let mut next_full = 0;
    let mut i = 0;
    while i < t.len() {
        while next_full < fulls.len() && fulls[next_full].full_span().start < t.start(i) {
            next_full += 1;
        }
        if let Some(d) = fulls.get(next_full)
            && d.full_span().start == t.start(i)
        {
            let end = t.at(d.span.end);
            if end > i {
                hits.push(full_hit(&t, i, end, d.clone()));
                i = end;
                continue;
            }
        }
        match parse(&t, i) {
            Some(h) if h.end > i => {
                i = h.end;
                hits.push(h);
            }
            _ => i += 1,
        }
    }
    let hits = combine_ranges(&t, hits);
    hits.into_iter()
        .map(|h| TimeExpression {
            span: t.start(h.start)..t.end(h.end - 1),
            sentence: sentence.clone(),
            form: h.form,
            raw: h.raw,
            range_end: h.range_end,
            modifier: h.modifier,
            shift: h.shift,
            weekday: h.weekday,
            full_date: h.full,
        })
        .collect()
}

/// A match over tokens `start..end`.
#[derive(Debug, Clone)]
struct Hit {
    start: usize,
    end: usize,
    form: Form,
    raw: Raw,
    range_end: Option<Raw>,
    modifier: Option<Modifier>,
    shift: Option<Shift>,
    weekday: Option<(Weekday, Span)>,
    full: Option<DateMatch>,
}

impl Hit {
    fn new(start: usize, end: usize, form: Form, raw: Raw) -> Hit {
        Hit {
            start,
            end,
            form,
            raw,
            range_end: None,
            modifier: None,
            shift: None,
            weekday: None,
            full: None,
        }
    }

    fn shifted(mut self, shift: Shift) -> Hit {
        self.shift = Some(shift);
        self
    }
}

fn full_hit(t: &Toks, start: usize, end: usize, d: DateMatch) -> Hit {
    let _ = t;
    let mut h = Hit::new(
        start,
        end,
        Form::FullDate,
        Raw::Date {
            year: YearRef::Stated(d.year),
            month: d.month,
            day: d.day,
        },
    );
    h.weekday = d.weekday.zip(d.weekday_span.clone());
    h.full = Some(d);
    h
}

/// The expression starting at token `i`, if any.
fn parse(t: &Toks, i: usize) -> Option<Hit> {
    let k = t.kind(i)?;
    let n = t.s(i).len();
    let skip = match k {
        Kind::Punct => true,
        Kind::Word => !lex::worth_trying(t, i),
        // Days and counts have one or two digits, years four.
        Kind::Num => n > 4 || (n == 3 && !t.any(i + 1, &["days", "weeks", "months", "years"])),
        Kind::Alnum => n > 8,
    };
    if skip {
        return None;
    }
    modified(t, i)
        .or_else(|| vague(t, i))
        .or_else(|| quarter(t, i))
        .or_else(|| half(t, i))
        .or_else(|| financial_year(t, i))
        .or_else(|| decade(t, i))
        .or_else(|| anaphoric(t, i))
        .or_else(|| ago(t, i))
        .or_else(|| relative_day(t, i))
        .or_else(|| shifted(t, i))
        .or_else(|| day_month(t, i))
        .or_else(|| season(t, i))
        .or_else(|| holiday(t, i))
        .or_else(|| month(t, i, false))
        .or_else(|| year(t, i))
        .or_else(|| weekday_alone(t, i))
        .or_else(|| weekend(t, i))
}

/// Sentence-initial, or after an opening quote, bracket or dash.
fn initial(t: &Toks, i: usize) -> bool {
    i == 0
        || (t.kind(i - 1) == Some(Kind::Punct)
            && matches!(
                t.s(i - 1),
                "“" | "\"" | "‘" | "'" | "(" | "[" | "—" | "–" | "-" | ":" | ";" | "…"
            ))
}

/// A capitalised word before `i` that makes `i` part of a name.
fn name_before(t: &Toks, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = i - 1;
    if t.any(p, lex::NAME_BEFORE) {
        return true;
    }
    t.cap(p)
        && !initial(t, p)
        && !lex::year_may_follow_capital(t.s(p))
        && lex::weekday(t, p).is_none()
        && !t.any(p, lex::TEMPORAL_PREPS)
}

fn temporal_prep_before(t: &Toks, i: usize) -> bool {
    i > 0 && t.word(i - 1) && t.any(i - 1, lex::TEMPORAL_PREPS)
}

/// Skip a possessive `'s` after token `i - 1`? Never part of a span; just
/// lets checks look past it.
fn after_possessive(t: &Toks, i: usize) -> usize {
    if t.apostrophe(i) && t.glued(i) && t.is(i + 1, "s") && t.glued(i + 1) {
        i + 2
    } else {
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_word_ending_a_name_is_no_date() {
        let spans = |s: &str| -> Vec<String> {
            find_in_sentence(s, 0..s.len())
                .iter()
                .map(|e| s[e.span.clone()].to_string())
                .collect()
        };
        assert!(spans("He told Health Informatics Today that it failed.").is_empty());
        assert_eq!(spans("He told Health Informatics today."), ["today"]);
        assert_eq!(spans("Today, it failed."), ["Today"]);
    }

    #[test]
    fn reusing_regions_finds_what_a_fresh_search_does() {
        let text = "On 2 May it rose. Last week, sales fell.\nIn 2009 it began.";
        // The last sentence is no region, and runs off the text.
        let sentences = [0..17, 18..40, 41..57, 18..99];
        let regions: Vec<Region> = [0..17, 18..40]
            .into_iter()
            .map(|s| Region::new(text, s, false))
            .collect();
        let mut found: Vec<_> = regions.iter().map(|r| find_in_region(text, r)).collect();
        let reused = find_reusing(text, &sentences, &regions, &mut found);
        let fresh = find_expressions(text, &sentences);
        assert_eq!(reused, fresh);
        assert!(found.iter().all(Vec::is_empty), "taken, not searched again");
        let spans: Vec<&str> = fresh.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(spans, ["2 May", "Last week", "2009", "Last week", "2009"]);
    }
}
