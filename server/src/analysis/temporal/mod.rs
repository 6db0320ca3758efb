//! Temporal analysis: date expressions in article text, normalised
//! TIMEX3-style against the publication date with tense; publication
//! dates inferred from an article's own dates; the single-article date
//! checks. Event claims built on these dates are in [`crate::analysis::claims`].
//!
//! Pure functions of text: no I/O, no LSP types. Every span is a byte
//! range into the article text.
//!
//! # Pipeline
//!
//! ```text
//! find_expressions(text, sentences)      -> Vec<TimeExpression>   (what is written)
//! find_in_region(text, &Region)          -> Vec<TimeExpression>   (over shared tokens)
//! resolve(text, expr, &anchor)           -> Resolution            (what it means)
//! resolve_all(text, &exprs, &anchor)     -> Vec<Resolution>       (+ sentence/paragraph context)
//! infer_publication_date(text, article)  -> Option<Inferred>
//! analyse(text, article)                 -> ArticleDates          (all of the above, once)
//! date_checks(text, article, publication)-> Vec<Finding>          (date-after-publication,
//!                                                                  weekday-mismatch, invalid-date)
//! missing_dateline_message(..), missing_dateline_fix(..) -> Option<Fix> (for `missing-dateline`)
//! ```
//!
//! # What is found ([`find_expressions`])
//!
//! Only inside the given sentence spans (body sentences; headline,
//! dateline and boilerplate are the caller's to exclude). Spans leave out
//! governing prepositions (`on 28 May` → `28 May`) but keep determiners
//! and modifiers that belong to the phrase (`the first quarter`, `the end
//! of the month`, `early next year`, `mid-2008`), a weekday written before
//! a date (`Friday, 2 September`), `ago`, and the `between`/`from` of a
//! range (`between May and July 2008`). A possessive `'s` is left out.
//!
//! Forms ([`Form`]): full dates (via [`crate::analysis::dates`]), day and
//! month (`28 May`, `May 28`, `Christmas Day`), month (`in August`), month
//! and year, year (`in 2010` — never `2,000 staff`, `£2010`, `Euro 2008`),
//! decade (`the 1990s`), quarter (`Q1 2008`, `the first quarter`,
//! `second-quarter`), half (`the first half of 2011`, `H1`), season (`the
//! summer`, `spring 2009`), financial year (`2008/09`, `2008-09`,
//! `FY2009`), weekday (`on Tuesday`, `last Friday`), weekend (`at the
//! weekend`), relative to publication (`yesterday`, `last week`, `next
//! month`, `two years ago`, `earlier this month`), relative to the previous
//! date of the paragraph (`the following month`, `a day later`, `that
//! summer`, `the following decade`), `the new year`, fuzzy
//! (`early 2009`, `mid-July`, `the end of the month`, `the turn of the
//! year`, `the end of the 2021/22 financial year`), ranges (`between May
//! and July 2008`, `from 4 to 31 January`,
//! `2005-2008`) and vague references (`recent weeks` → `PAST_REF`, `the
//! coming months` → `FUTURE_REF`).
//!
//! Not dates: modal `may`, the verb `march` (month names must be
//! capitalised; `May`/`March` also need a temporal context such as a
//! preposition, a day or a year), `an august body`, `Theresa May`,
//! `Sunday Times`, `Mail on Sunday`, `Good Friday`-style names, `Windows
//! 2000`, numbers with currency, units or thousands separators.
//!
//! # Values ([`Timex`])
//!
//! | precision | value | example |
//! |---|---|---|
//! | day | `2008-07-16` | `16 July`, `yesterday` |
//! | week | `2008-W28` | `last week` (ISO week) |
//! | weekend | `2008-W28-WE` | `at the weekend` |
//! | month | `2008-08` | `next month`, `in August` |
//! | season | `2008-SU` (`SP`, `SU`, `FA`, `WI`) | `this summer`; winter `2008-WI` runs Dec 2008 – Feb 2009 |
//! | quarter | `2008-Q1` | `the first quarter` |
//! | half | `2008-H1` | `the first half of 2008` |
//! | financial year | `FY2008/09` (UK, April 2008 – March 2009) or `FY2009` (named by the year it ends in) | `2008/09`, `FY2009` |
//! | year | `2008` | `last year`, `two years ago` |
//! | decade | `199` | `the 1990s` |
//! | range | `2008-05/2008-07` (ISO interval of the two ends' values) | `between May and July 2008`; `the turn of the year` is `2005-12/2006-01` |
//! | vague | `PAST_REF`, `FUTURE_REF` | `recent weeks` |
//!
//! Fuzzy modifiers do not change the value (as TIMEX3's `mod`): `early
//! 2009` is `2009` with [`Modifier::Start`], whose `first`/`last` days
//! narrow to January–April.
//!
//! # Resolution and tense
//!
//! Underspecified expressions (no year, a bare weekday, a season...) are
//! placed against the publication date by the tense of the clause around
//! the expression (commas, quotes, `that`, `which`, `and`... bound a
//! clause; a clause without a verb borrows from its neighbours):
//!
//! * past (`told`, `announced`, `was signed`, `has been underway since`,
//!   what a story `follows`):
//!   the latest matching period that starts on or before publication —
//!   except the target of a deferral (`was delayed to the end of August`,
//!   `pushed back to March`, `postponed until June`), read as future;
//! * future or modal (`will`, `is due to`, `expects`, `hope to`,
//!   `scheduled`, a governing `by` or `by the end of`, also after an order
//!   told in the past: `were told to encrypt every laptop by March`): the
//!   earliest that ends on or after it;
//! * otherwise (present tense, no verb): the nearest.
//!
//! A verb group is read from its auxiliaries (`will be signed` is future,
//! `has been signed` past); a future participle right after a noun (`a
//! strike planned for December`) and a date qualifying a noun (`the
//! October launch`, `fourth-quarter earnings`) take no tense from the
//! clause: they are read as the nearest.
//!
//! A day written without a year that falls at most [`SLIP_DAYS`] the
//! "wrong" side of publication is read in the publication's year anyway
//! (a past-tense `16 July` in an article of 15 July is 16 July of that
//! year, not of the year before): that is what `date-after-publication`
//! reports. An explicit year earlier in the same sentence (`In 2010 ...
//! on 11 May`) frames later yearless dates of that sentence.
//!
//! # Publication date inference ([`infer_publication_date`], [`infer_from_page`])
//!
//! From body sentences; [`infer_from_page`] (what [`analyse`] uses) also
//! reads the page's furniture, but only for what follows publication or
//! hints at it: the first comment's stamp, a "last updated" stamp and the
//! copyright year cap publication (unless they contradict the text's
//! past); the latest dated link inside the interval is a clue to the
//! guess. Links may date from any time — seed 000's "Related News" talks
//! about 2031 — so they never bound it. The result ([`Inferred`]) is an
//! interval with its evidence and a best guess:
//!
//! * explicit dates told in the past give the lower bound, the start of
//!   their period (`began in 2003` proves only 1 January 2003); those told
//!   in the future give the upper bound, the end of theirs. Present or
//!   tenseless dates, `until 2014` in a verbless clause, plans told in the
//!   past (`was due to open in 2007`) and a deferral's target (`delayed to
//!   March 2009`) bound nothing: plans slip. Nor do a period some figures
//!   cover (`the report for 2013/14 will be published`) or a future told
//!   with a modal (`said deployments would accelerate through 2009`: it
//!   may be reported from long before); the latter stays a clue;
//! * a weekday written with a yearless date (`Friday, 2 September`) picks
//!   the year in which that day had that weekday, nearest those bounds;
//! * words fixed to publication pin it: in apposition to an explicit date
//!   (`yesterday, 14 March`, `last year (2008)`) they give its period; in
//!   the sentence of the latest past day told with `on` (`said yesterday
//!   ... signed on 14 March`) they cap it a day (`yesterday`, `today`) or a
//!   week (`on Tuesday`, `this week`) later;
//! * an upper bound before the lower contradicts the past: it is dropped,
//!   and the evidence says so;
//! * the guess weighs every dated clue by how news lags it (`guess.rs`):
//!   a date written without a year is the recent past or the near future,
//!   placed by its tense for each candidate day, so it gives the month
//!   away; a month or year written with its year is mostly background
//!   (and news writes the current year's dates without it); plans are told
//!   further ahead than news is told behind; a month told as past or ahead
//!   is rarely the month of publication (less so written without its
//!   year: that would be `this month`), and `last November` is neither
//!   it nor the month before; yearless dates told with their own verbs on
//!   either side of publication (`lost two discs in November`, `have until
//!   the end of February`) lie within one year of each other, so
//!   publication is in the window between them (and the evidence names
//!   it); a year written ahead (`will move in 2013`) is mostly written
//!   before it; a report still ahead (`the annual report for 2013/14 will
//!   be published`) comes after publication; a range told in the past is news after its
//!   end; a reporting period's end (`the year to 31 December`, with or
//!   without its year) is told weeks later, and a year an annual report
//!   or accounts cover (`accounts for 2008-09`) months later; `the end of
//!   August` is its last days; `this summer` is in publication's year; a
//!   month or year written with its own year (`in May 2008`) counts
//!   against publication in that year. In a corpus, an event dated by another article weighs as
//!   precisely as this article dates it, and the dated articles of the
//!   same story pull the guess towards one of them, never halfway between
//!   two. The guess is the best day of the month most likely to hold
//!   publication. Clues move the guess, never the
//!   bounds; words fixed to publication (`yesterday, 14 March`) keep theirs.
//!
//! It is *confident* when at most [`CONFIDENT_DAYS`] wide; the precision
//! is `Day` for one day, `Month` when confident, `Range` when bounded but
//! wider, `Year` when open on a side. Messages give the interval
//! ("between March and June 2011", "after 2003"), and a dateline is
//! offered only for one day.
//!
//! # Checks ([`date_checks`])
//!
//! * `date-after-publication` (warning): a past-tense expression dated
//!   after a *dateline's* date (not an inferred one: that was inferred from
//!   these very dates). Relative, vague and future expressions never warn.
//! * `weekday-mismatch` (warning): a weekday written with a date it does
//!   not fall on, in the body or the dateline, with two fixes. A yearless
//!   date is checked only when its year comes from a dateline.
//! * `invalid-date` (error): `31 September 2008`, `29 February 2007`, a
//!   yearless `29 February` read (against a dateline) in a common year, or
//!   a slash financial year whose years do not follow (`2008/19`: 2008/09?).

mod checks;
mod clues;
mod find;
mod guess;
mod infer;
mod interval;
pub(crate) mod lexicon;
mod resolve;
#[cfg(test)]
mod tests;

pub use checks::{
    checks_for, date_checks, dateline_insertion, missing_dateline_fix, missing_dateline_message,
};
pub use find::{find_expressions, find_in_region, find_in_sentence, find_reusing};
pub use infer::{
    CONFIDENT_DAYS, CorpusHints, infer_from_page, infer_in_corpus, infer_publication_date,
};
pub use resolve::{resolve, resolve_all};

use super::Span;
use super::article::Article;
use jiff::civil::{Date, Weekday};

/// Diagnostic codes of the date checks (to move into `findings::codes`).
pub mod codes {
    pub const DATE_AFTER_PUBLICATION: &str = "date-after-publication";
    pub const WEEKDAY_MISMATCH: &str = "weekday-mismatch";
    pub const INVALID_DATE: &str = "invalid-date";
    pub const CONFLICTING_EVENT_DATE: &str = "conflicting-event-date";
}

/// Days a yearless day-and-month may lie on the unexpected side of
/// publication and still be read in the publication's year.
pub const SLIP_DAYS: i64 = 7;

/// How an expression is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Form {
    /// `15 July 2008`, `Friday, 2 September 2005`, `15/07/2008`
    FullDate,
    /// `28 May`, `May 28`, `Friday, 2 September`, `Christmas Day`
    DayMonth,
    /// `August`, `last July`
    Month,
    /// `January 2003`, `March of this year`
    MonthYear,
    /// `2010`
    Year,
    /// `the 1990s`
    Decade,
    /// `Q1 2008`, `the first quarter`
    Quarter,
    /// `the first half of 2011`, `H2`
    Half,
    /// `the summer`, `spring 2009`
    Season,
    /// `2008/09`, `FY2009`
    FinancialYear,
    /// `Tuesday`, `last Friday`
    Weekday,
    /// `the weekend`, `last weekend`
    Weekend,
    /// Relative to publication: `yesterday`, `last week`, `two years ago`
    Relative,
    /// Relative to the previous date in the paragraph: `the following month`
    Anaphoric,
    /// With a modifier: `early 2009`, `mid-July`, `the end of the month`
    Fuzzy,
    /// `between May and July 2008`, `2005-2008`
    Range,
    /// `recent weeks`, `the coming months`
    Vague,
}

/// A year as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum YearRef {
    /// `2008`
    Stated(i16),
    /// Relative to publication: `this year` 0, `last year` -1.
    Relative(i32),
    /// Not written: resolved by tense.
    Unstated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// A calendar unit for relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    FinancialYear,
    Decade,
}

/// `last`/`this`/`next`/`that` before a named period (`last July`, `next
/// Friday`, `that summer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Shift {
    Last,
    This,
    Next,
    /// In the year of the previous date of the paragraph.
    That,
}

/// TIMEX3 `mod`: which part of the period is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Modifier {
    /// `early`, `the start of`, `the beginning of`
    Start,
    /// `mid-`, `the middle of`
    Mid,
    /// `late`, `the end of`, `the close of`
    End,
}

/// A vague reference with no calendar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Vague {
    Past,
    Future,
}

/// The parsed fields of an expression (or of one end of a range).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Raw {
    Date {
        year: YearRef,
        month: i8,
        day: i8,
    },
    Month {
        year: YearRef,
        month: i8,
    },
    Year(i16),
    /// First year of the decade: 1990 for `the 1990s`.
    Decade(i16),
    Quarter {
        year: YearRef,
        quarter: i8,
    },
    Half {
        year: YearRef,
        half: i8,
    },
    Season {
        year: YearRef,
        season: Season,
    },
    /// `start` is the calendar year the financial year starts in;
    /// `by_end` when it was named by the year it ends in (`FY2009`).
    FinancialYear {
        start: i16,
        by_end: bool,
    },
    /// `this/last/next financial year`
    RelativeFinancialYear(i32),
    Weekday(#[serde(with = "crate::analysis::stored::weekday")] Weekday),
    Weekend,
    TurnOfYear,
    /// `the new year`: the year that starts at the 1 January nearest
    /// publication in the tense's direction.
    NewYear,
    /// Relative to publication.
    Relative {
        unit: Unit,
        offset: i32,
    },
    /// Relative to the previous resolved date of the paragraph.
    Anaphoric {
        unit: Unit,
        offset: i32,
    },
    Vague(Vague),
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TimeExpression {
    /// The whole expression, e.g. `Friday, 2 September`.
    pub span: Span,
    /// The sentence it was found in.
    pub sentence: Span,
    pub form: Form,
    /// What was written (for a range: its start).
    pub raw: Raw,
    /// The end of a range.
    pub range_end: Option<Raw>,
    pub modifier: Option<Modifier>,
    pub shift: Option<Shift>,
    /// A weekday written with the date, and where.
    #[serde(with = "crate::analysis::stored::opt_weekday_span")]
    pub weekday: Option<(Weekday, Span)>,
    /// The full date as found by [`crate::analysis::dates`], if it is one.
    pub full_date: Option<crate::analysis::dates::DateMatch>,
}

impl TimeExpression {
    /// Whether the value depends on the publication date (relative and
    /// underspecified expressions: the ones worth an inlay hint).
    pub fn is_underspecified(&self) -> bool {
        fn raw_under(r: &Raw) -> bool {
            match r {
                Raw::Date { year, .. }
                | Raw::Month { year, .. }
                | Raw::Quarter { year, .. }
                | Raw::Half { year, .. }
                | Raw::Season { year, .. } => !matches!(year, YearRef::Stated(_)),
                Raw::Year(_) | Raw::Decade(_) | Raw::FinancialYear { .. } | Raw::Vague(_) => false,
                _ => true,
            }
        }
        raw_under(&self.raw) || self.range_end.as_ref().is_some_and(raw_under)
    }

    /// Whether the expression is fixed to publication (`yesterday`, `last
    /// week`): it cannot be misdated relative to it.
    pub fn is_relative(&self) -> bool {
        matches!(
            self.raw,
            Raw::Relative { .. } | Raw::RelativeFinancialYear(_) | Raw::Vague(_)
        ) || matches!(
            self.raw,
            Raw::Date {
                year: YearRef::Relative(_),
                ..
            } | Raw::Month {
                year: YearRef::Relative(_),
                ..
            } | Raw::Quarter {
                year: YearRef::Relative(_),
                ..
            } | Raw::Half {
                year: YearRef::Relative(_),
                ..
            } | Raw::Season {
                year: YearRef::Relative(_),
                ..
            }
        ) || self.shift.is_some()
    }
}

/// How precise a value is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Precision {
    Day,
    Weekend,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    FinancialYear,
    Year,
    Decade,
    /// A range of two values (or the turn of a year).
    Range,
    /// No calendar value (`PAST_REF`).
    Vague,
}

/// A normalised value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Timex {
    /// TIMEX3-style value: `2008-07-16`, `2008-W28`, `2008-Q1`, `PAST_REF`...
    pub value: String,
    pub precision: Precision,
    /// First and last day of the (whole, unmodified) period; `None` when vague.
    pub period: Option<(Date, Date)>,
    pub modifier: Option<Modifier>,
}

impl Timex {
    /// First and last day, narrowed by the modifier (`early 2009` →
    /// January–April 2009).
    pub fn bounds(&self) -> Option<(Date, Date)> {
        let (first, last) = self.period?;
        let Some(m) = self.modifier else {
            return Some((first, last));
        };
        let days = last.duration_since(first).as_secs() / 86_400 + 1;
        let third = (days / 3).max(0);
        let add = |d: Date, n: i64| d.checked_add(jiff::Span::new().days(n)).unwrap_or(d);
        Some(match m {
            Modifier::Start => (first, add(first, (third - 1).max(0))),
            Modifier::Mid => (add(first, third), add(first, (2 * third - 1).max(third))),
            Modifier::End => (add(first, (2 * third).min(days - 1)), last),
        })
    }

    /// The weekday, for day-precision values.
    pub fn weekday(&self) -> Option<Weekday> {
        match (self.precision, self.period) {
            (Precision::Day, Some((d, _))) => Some(d.weekday()),
            _ => None,
        }
    }
}

/// The tense an expression is told in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Tense {
    Past,
    Future,
    Neutral,
}

impl Tense {
    pub fn as_str(self) -> &'static str {
        match self {
            Tense::Past => "past",
            Tense::Future => "future",
            Tense::Neutral => "no",
        }
    }
}

/// What an expression means.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Resolution {
    /// `None` when it cannot be placed (an anaphoric `the following day`
    /// with nothing before it).
    pub timex: Option<Timex>,
    pub tense: Tense,
    /// The word that decided the tense, if any (`told`, `will`, `by`).
    pub tense_cue: Option<String>,
    /// For hovers: "‘16 July’ read against the dateline 15 July 2008 (past
    /// tense: ‘told’): 1 day after publication".
    pub explanation: String,
}

/// The date everything is read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    pub date: Date,
    /// Inferred rather than read from a dateline.
    pub inferred: bool,
}

impl Anchor {
    pub fn dateline(date: Date) -> Anchor {
        Anchor {
            date,
            inferred: false,
        }
    }

    pub fn inferred(date: Date) -> Anchor {
        Anchor {
            date,
            inferred: true,
        }
    }
}

/// A publication date inferred from an article's own dates: an interval
/// (`earliest`..=`latest`, `None` where unbounded) and a best guess in it.
///
/// The inference is *confident* when both bounds are known and at most
/// [`CONFIDENT_DAYS`] (31) days apart; only then does `precision`
/// claim a day or a month.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Inferred {
    /// The best single date, the anchor relative dates are read against:
    /// near the latest date told in the past.
    pub date: Date,
    /// `Day` (a one-day interval), `Month` (confident: at most 31 days),
    /// `Range` (bounded both sides, wider) or `Year` (open on a side: the
    /// guess is weak).
    pub precision: Precision,
    /// Publication is on or after this day.
    pub earliest: Option<Date>,
    /// Publication is on or before this day.
    pub latest: Option<Date>,
    /// Why, in words: which expressions gave which bound.
    pub evidence: String,
    /// The guess is a dated link on the page (see `related_link_guess`).
    pub from_link: bool,
    /// `earliest` comes from a day or month the article gives, not from a
    /// year or season alone.
    pub precise_lower: bool,
}

/// An expression with its meaning.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Resolved {
    pub expr: TimeExpression,
    pub resolution: Resolution,
}

impl Resolved {
    /// Hover text: the value, the weekday for a day, and how it was read.
    pub fn hover(&self) -> String {
        let r = &self.resolution;
        match &r.timex {
            Some(t) => {
                let mut head = t.value.clone();
                if let Some(w) = t.weekday() {
                    head.push_str(&format!(" ({})", crate::analysis::dates::weekday_name(w)));
                }
                format!("{head}\n\n{}", r.explanation)
            }
            None => r.explanation.clone(),
        }
    }

    /// The inlay hint for an underspecified or relative expression: its
    /// value, shown after it.
    pub fn inlay_hint(&self) -> Option<(usize, String)> {
        if !self.expr.is_underspecified() {
            return None;
        }
        let t = self.resolution.timex.as_ref()?;
        (t.precision != Precision::Vague).then(|| (self.expr.span.end, t.value.clone()))
    }
}

impl ArticleDates {
    /// The expression covering byte `offset`, for hovers.
    pub fn at(&self, offset: usize) -> Option<&Resolved> {
        let i = self
            .expressions
            .partition_point(|r| r.expr.span.end <= offset);
        self.expressions
            .get(i)
            .filter(|r| r.expr.span.start <= offset && offset < r.expr.span.end)
    }
}

/// Everything temporal about one article, computed once.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArticleDates {
    /// The anchor used: the dateline's date, else the inferred one.
    pub anchor: Option<Anchor>,
    pub inferred: Option<Inferred>,
    /// Every body expression with its resolution, in text order.
    pub expressions: Vec<Resolved>,
}

/// Finds and resolves every expression in the article's body, against the
/// dateline or else an inferred publication date.
pub fn analyse(text: &str, article: &Article) -> ArticleDates {
    analyse_found(
        text,
        article,
        find_expressions(text, &body_sentences(article)),
    )
}

/// [`analyse`] with the body's expressions already found.
pub fn analyse_found(text: &str, article: &Article, exprs: Vec<TimeExpression>) -> ArticleDates {
    let (anchor, inferred) = match &article.dateline {
        Some(d) => (Some(Anchor::dateline(d.date)), None),
        None => {
            let page = guess::Page::read(text, article);
            let refs: Vec<&TimeExpression> = exprs.iter().collect();
            let inferred =
                infer::infer_from(text, &refs, Some(&page), &infer::CorpusHints::default());
            (
                inferred.as_ref().map(|i| Anchor::inferred(i.date)),
                inferred,
            )
        }
    };
    let expressions = match &anchor {
        Some(a) => resolved_against(text, exprs, a),
        None => exprs
            .into_iter()
            .map(|expr| {
                let resolution = resolve::unanchored(text, &expr);
                Resolved { expr, resolution }
            })
            .collect(),
    };
    ArticleDates {
        anchor,
        inferred,
        expressions,
    }
}

/// Every body expression of an article read against a publication date
/// given from outside (a curated dateline), with nothing inferred.
pub fn analyse_at(text: &str, article: &Article, date: Date) -> ArticleDates {
    analyse_at_found(text, find_expressions(text, &body_sentences(article)), date)
}

/// [`analyse_at`] with the body's expressions already found.
pub fn analyse_at_found(text: &str, exprs: Vec<TimeExpression>, date: Date) -> ArticleDates {
    let anchor = Anchor::dateline(date);
    ArticleDates {
        anchor: Some(anchor),
        inferred: None,
        expressions: resolved_against(text, exprs, &anchor),
    }
}

fn resolved_against(text: &str, exprs: Vec<TimeExpression>, anchor: &Anchor) -> Vec<Resolved> {
    let resolutions = resolve_all(text, &exprs, anchor);
    exprs
        .into_iter()
        .zip(resolutions)
        .map(|(expr, resolution)| Resolved { expr, resolution })
        .collect()
}

/// All body sentences of an article, in order.
pub fn body_sentences(article: &Article) -> Vec<Span> {
    article
        .paragraphs
        .iter()
        .flat_map(|p| p.sentences.iter().cloned())
        .collect()
}
