//! Inferring a publication date from an article's own (body) dates: an
//! interval with the evidence for each bound, and a best guess inside it.

use super::clues::clues_of;
use super::guess::{Clue, Near, Page, When, best_day, cycle_window};
use super::interval::edge_words;
use super::resolve::{
    has_own_verb, is_deferred_target, is_future_in_past, tense_of, unanchored, word_before,
};
use super::{
    Inferred, Precision, Raw, Shift, Tense, TimeExpression, Unit, YearRef, body_sentences,
    find_expressions,
};
use crate::analysis::article::Article;
use crate::analysis::dates::{DateStyle, format_date, month_name, weekday_name};
use jiff::civil::Date;

/// The publication date an undated article's own dates point to: see the
/// module documentation. Boilerplate is never used.
pub fn infer_publication_date(text: &str, article: &Article) -> Option<Inferred> {
    let exprs = find_expressions(text, &body_sentences(article));
    let refs: Vec<&TimeExpression> = exprs.iter().collect();
    infer_from(text, &refs, None, &CorpusHints::default())
}

/// [`infer_publication_date`] with the page's furniture too (comment and
/// "last updated" stamps, copyright years, dated links: see
/// [`Page`]): what an undated article's publication date is taken to be.
pub fn infer_from_page(text: &str, article: &Article) -> Option<Inferred> {
    let exprs = find_expressions(text, &body_sentences(article));
    let refs: Vec<&TimeExpression> = exprs.iter().collect();
    infer_from(
        text,
        &refs,
        Some(&Page::read(text, article)),
        &CorpusHints::default(),
    )
}

/// What the rest of a corpus says about an undated article's publication
/// (gathered in `corpus/published.rs`).
#[derive(Debug, Clone, Default)]
pub struct CorpusHints {
    /// An event the article tells in the past that a dated article places
    /// on this day: publication follows it. With the reason, in words.
    pub after: Option<(Date, String)>,
    /// Whether `after` bounds publication: the article gives the event the
    /// same day or month as the dated article. Else it is only a clue
    /// (the match may be another step of the story, such as an offer
    /// against the takeover's completion).
    pub after_bounds: bool,
    /// How many days long the period is that the article itself gives the
    /// event (`on Thursday` 0, `last September` about 30): an event told
    /// only by its month or year is background, not the news.
    pub after_days: i64,
    /// Publication days of the dated articles telling the same story,
    /// each with how closely it shares the story (any positive scale):
    /// publication is near them, on either side.
    pub near: Vec<(Date, f64)>,
    /// Why `near`, in words.
    pub near_why: String,
}

impl CorpusHints {
    /// An event dated elsewhere in the corpus, told here in the past,
    /// raises the lower bound when it bounds at all. Whether it did.
    fn raise_lower(&self, lower: &mut Option<Bound>) -> bool {
        match &self.after {
            Some((event, why))
                if self.after_bounds && lower.as_ref().is_none_or(|l| *event > l.date) =>
            {
                *lower = Some(Bound {
                    date: *event,
                    why: why.clone(),
                });
                true
            }
            _ => false,
        }
    }

    fn is_empty(&self) -> bool {
        self.after.is_none() && self.near.is_empty()
    }

    /// The clue of the event told here: news follows the event it tells
    /// closely, as closely as the article itself dates it.
    fn clues(&self) -> Vec<Clue> {
        // An event that bounds publication is told in the past; one that
        // does not is only near it.
        let event_tense = if self.after_bounds {
            Tense::Past
        } else {
            Tense::Neutral
        };
        self.after
            .iter()
            .map(|(d, _)| {
                let mut c = Clue::told(When::Fixed(*d, *d), event_tense, self.after_days, true);
                c.written_year = None;
                c
            })
            .collect()
    }

    /// The story's dated articles: publication is near one of them (not
    /// between them), together weighing about as much as one yearless
    /// month told in the past.
    fn near_days(&self) -> Option<Near> {
        let total: f64 = self.near.iter().map(|n| n.1).sum();
        (total > 0.0).then(|| Near {
            days: self.near.iter().map(|(d, w)| (*d, w / total)).collect(),
            weight: NEAR_WEIGHT,
            scale: NEAR_SCALE,
        })
    }
}

/// What the dated articles of the same story weigh together in the guess.
const NEAR_WEIGHT: f64 = 1.2;
/// Days over which their pull falls off.
const NEAR_SCALE: f64 = 10.0;

/// [`infer_from_page`] for an undated article of a corpus, with what the
/// corpus says about it: the expressions are those the article's analysis
/// already found, borrowed.
pub fn infer_in_corpus(
    text: &str,
    article: &Article,
    exprs: &[&TimeExpression],
    hints: &CorpusHints,
) -> Option<Inferred> {
    infer_from(text, exprs, Some(&Page::read(text, article)), hints)
}

/// Modal words whose future may be conditional or reported from the past.
const MODAL: &[&str] = &["would", "could", "might", "may", "should"];

/// Years searched for a weekday-and-date without bounds on either side.
const OPEN_YEARS: i32 = 12;

/// Days a bare weekday (`on Tuesday`, `this week`) may lie before
/// publication.
const WEEK_DAYS: i64 = 7;

/// Days within which a date told the same way in another sentence
/// corroborates a bound.
const CORROBORATE_DAYS: i64 = 366;

/// How far beyond a lone date the other clues must put publication to
/// overrule its bound.
const OVERRULE_DAYS: i64 = 366;

/// An interval at most this many days wide is confident.
pub const CONFIDENT_DAYS: i64 = 31;

/// A dated expression usable as evidence, with the period it names.
#[derive(Clone, Copy)]
pub(super) struct Dated<'a> {
    pub(super) expr: &'a TimeExpression,
    pub(super) first: Date,
    pub(super) last: Date,
    pub(super) tense: Tense,
    /// A future that bounds publication from above (not a conditional or
    /// reported `would`).
    firm: bool,
}

impl Dated<'_> {
    pub(super) fn days(&self) -> i64 {
        days_between(self.first, self.last)
    }
    /// A day, a week or a month: precise enough to guess a month from.
    fn precise(&self) -> bool {
        self.days() <= CONFIDENT_DAYS
    }
}

/// One bound and why.
#[derive(Clone)]
struct Bound {
    date: Date,
    why: String,
}

pub(super) fn days_between(a: Date, b: Date) -> i64 {
    b.duration_since(a).as_secs() / 86_400
}

pub(super) fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

pub(crate) fn infer_from(
    text: &str,
    exprs: &[&TimeExpression],
    page: Option<&Page>,
    hints: &CorpusHints,
) -> Option<Inferred> {
    let mut r = Reading {
        text,
        exprs,
        notes: Vec::new(),
        dated: Vec::new(),
        uppers: Vec::new(),
        overruled: Vec::new(),
    };
    r.read_explicit_dates();
    r.overrule_lone_bounds();
    r.bound_by_future_dates();
    let weekday_notes = r.place_weekday_dates();
    // The lower bound: the latest past date.
    let lower_i = r.latest_past();
    let mut lower: Option<Bound> = lower_i.map(|i| {
        let d = &r.dated[i];
        Bound {
            date: d.first,
            why: format!("after ‘{}’, told in the past", r.quote(d.expr)),
        }
    });
    let guess_shift = r.pin_by_words_of_publication(&mut lower);
    let event_lower = hints.raise_lower(&mut lower);
    let lower_date = lower.as_ref().map(|l| l.date);
    r.drop_conflicts(lower_date);
    let upper = r.upper_bound(page, lower_date);
    let bounds = Bounds {
        lower,
        upper,
        lower_i,
        event_lower,
    };

    // The best guess: publication follows the latest past date closely.
    let neutral = r
        .dated
        .iter()
        .filter(|d| d.tense == Tense::Neutral)
        .max_by_key(|d| d.first)
        .copied();
    let date = match (&bounds.lower, &bounds.upper, neutral) {
        (Some(l), _, _) => add_days(l.date, guess_shift),
        (None, Some(u), _) => u.date,
        (None, None, Some(n)) => n.first,
        (None, None, None)
            if !hints.is_empty()
                || page.is_some_and(|p| !p.links.is_empty() || p.comment.is_some()) =>
        {
            Date::MIN
        }
        (None, None, None) => return None,
    };
    let (date, mut guess_note) = if guess_shift == 0 {
        r.place_yearless_news(&bounds, date)
    } else {
        (date, None)
    };
    let date = match &bounds.upper {
        Some(u) if date > u.date => u.date,
        _ => date,
    };
    let earliest = bounds.lower.as_ref().map(|l| l.date);
    let latest = bounds.upper.as_ref().map(|u| u.date);
    // The best guess weighs every clue (see `guess`), unless words fixed to
    // publication already pinned it.
    let mut from_link = false;
    let date = if guess_shift != 0 {
        date
    } else {
        let (guess, link) = weighed_guess(&r, page, hints, earliest, latest);
        from_link = link;
        match guess {
            Some((g, note)) => {
                guess_note = Some(note);
                g
            }
            None if date == Date::MIN => return None,
            None => date,
        }
    };
    let precision = precision_of(earliest, latest);
    let lone = r.lone_notes();
    r.notes.extend(lone);
    let evidence = r.evidence(weekday_notes, &bounds, neutral, guess_note);
    Some(Inferred {
        date,
        precision,
        earliest,
        latest,
        evidence,
        from_link,
        precise_lower: event_lower || lower_i.is_some_and(|i| r.dated[i].precise()),
    })
}

/// The day every clue together points to inside `earliest..=latest` (see
/// `guess`) with the note saying so, and whether a dated link on the page
/// is among the clues.
fn weighed_guess(
    r: &Reading,
    page: Option<&Page>,
    hints: &CorpusHints,
    earliest: Option<Date>,
    latest: Option<Date>,
) -> (Option<(Date, String)>, bool) {
    let mut clues = clues_of(r.text, r.exprs, &r.dated);
    let mut notes = Vec::new();
    let mut from_link = false;
    if let Some(p) = page {
        let (c, n) = p.clues(earliest, latest);
        from_link = !c.is_empty();
        clues.extend(c);
        notes = n;
    }
    clues.extend(hints.clues());
    if let Some((_, why)) = hints.after.as_ref().filter(|_| !hints.after_bounds) {
        notes.push(format!(
            "{why} (a clue, not a bound: its date here differs)"
        ));
    }
    if !hints.near.is_empty() {
        notes.push(hints.near_why.clone());
    }
    let Some(g) = best_day(&clues, hints.near_days().as_ref(), earliest, latest) else {
        return (None, from_link);
    };
    // `lost two discs in November` and `have until the end of February`:
    // the window they leave, named.
    let window = cycle_window(&clues, g).map(|((a, b), (c, d))| {
        format!(
            "‘{}’, told as past, and ‘{}’, told as ahead, both without a year: publication lies between them, within a year",
            r.text.get(a..b).unwrap_or(""),
            r.text.get(c..d).unwrap_or("")
        )
    });
    let note = std::iter::once(format!(
        "the best guess, {}, weighs how news follows the dates it tells",
        format_date(g, DateStyle::DayMonthYear)
    ))
    .chain(window)
    .chain(notes)
    .collect::<Vec<_>>()
    .join("; ");
    (Some((g, note)), from_link)
}

/// `Day` for a one-day interval, `Month` for a confident one, `Range` for a
/// wider one bounded on both sides, else `Year`.
fn precision_of(earliest: Option<Date>, latest: Option<Date>) -> Precision {
    match (earliest, latest) {
        (Some(a), Some(b)) if a == b => Precision::Day,
        (Some(a), Some(b)) if days_between(a, b) <= CONFIDENT_DAYS => Precision::Month,
        (Some(_), Some(_)) => Precision::Range,
        _ => Precision::Year,
    }
}

/// The bounds an inference settled on, and where the lower one came from.
struct Bounds {
    lower: Option<Bound>,
    upper: Option<Bound>,
    /// The index in [`Reading::dated`] of the date giving `lower`, unless
    /// `event_lower`.
    lower_i: Option<usize>,
    /// `lower` is an event dated elsewhere in the corpus.
    event_lower: bool,
}

/// One article's dates being read for its publication, step by step.
struct Reading<'a> {
    text: &'a str,
    exprs: &'a [&'a TimeExpression],
    notes: Vec<String>,
    /// Dates with a year (written, or placed by a weekday), with tense.
    dated: Vec<Dated<'a>>,
    /// Upper bounds and the expression giving each.
    uppers: Vec<(Bound, &'a TimeExpression)>,
    /// Indexes in `dated` of dates told once whose bound the other clues
    /// overrule (see `overrule_lone_bounds`).
    overruled: Vec<usize>,
}

impl<'a> Reading<'a> {
    fn quote(&self, e: &TimeExpression) -> String {
        self.text.get(e.span.clone()).unwrap_or("").to_string()
    }

    /// Told in the past: publication is on or after the start of the
    /// period (`in 2003` only proves 1 January 2003).
    fn latest_past(&self) -> Option<usize> {
        let dated = &self.dated;
        (0..dated.len())
            .filter(|&i| dated[i].tense == Tense::Past && !self.overruled.contains(&i))
            .max_by_key(|&i| (dated[i].first, !dated[i].precise()))
    }

    /// Whether a date bounds publication firmly: a day written in full with
    /// a verb of its own (`signed on 14 March 2008`), or a date that
    /// another sentence tells the same way, near it.
    fn firm_bound(&self, i: usize) -> bool {
        let d = &self.dated[i];
        if d.days() == 0 && has_own_verb(self.text, d.expr) {
            return true;
        }
        self.dated.iter().enumerate().any(|(j, o)| {
            j != i
                && o.tense == d.tense
                && o.expr.sentence != d.expr.sentence
                && match d.tense {
                    Tense::Past => o.first >= add_days(d.first, -CORROBORATE_DAYS),
                    Tense::Future => o.firm && o.last <= add_days(d.last, CORROBORATE_DAYS),
                    Tense::Neutral => false,
                }
        })
    }

    /// A year or a month read once, by one verb, bounds softly: when the
    /// article's other clues, weighed without it, put publication more
    /// than a year beyond it, it is a clue and not a bound. One misread
    /// tense (a quoted list of old promises, a reported plan) would
    /// otherwise bound the interval wrongly.
    fn overrule_lone_bounds(&mut self) {
        let mut overruled = Vec::new();
        for (i, d) in self.dated.iter().enumerate() {
            let bounds = d.tense == Tense::Past || (d.tense == Tense::Future && d.firm);
            if !bounds || self.firm_bound(i) {
                continue;
            }
            let others: Vec<Dated> = self
                .dated
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, o)| *o)
                .collect();
            let clues = clues_of(self.text, self.exprs, &others);
            if clues.iter().all(|c| c.cyclic) {
                continue;
            }
            let Some(g) = best_day(&clues, None, None, None) else {
                continue;
            };
            let against = match d.tense {
                Tense::Past => g < add_days(d.first, -OVERRULE_DAYS),
                _ => g > add_days(d.last, OVERRULE_DAYS),
            };
            if against {
                overruled.push(i);
            }
        }
        self.overruled = overruled;
    }

    /// Notes for the dates whose bound the other clues overruled.
    fn lone_notes(&self) -> Vec<String> {
        self.overruled
            .iter()
            .take(2)
            .map(|&i| {
                format!(
                    "‘{}’, told so once, is a clue, not a bound: the other clues put publication over a year beyond it",
                    self.quote(self.dated[i].expr)
                )
            })
            .collect()
    }

    /// Explicit dates (a year is written) with their tense. A plan told in
    /// the past (`was due to open in 2007`) or a deferral's target
    /// (`delayed to March 2009`) may have slipped past publication: no
    /// bound.
    fn read_explicit_dates(&mut self) {
        let text = self.text;
        for &e in self.exprs {
            if e.is_underspecified() {
                continue;
            }
            let r = unanchored(text, e);
            let Some(t) = r.timex else { continue };
            if matches!(t.precision, Precision::Decade | Precision::Vague) {
                continue;
            }
            let Some((first, last)) = t.bounds() else {
                continue;
            };
            let mut tense = r.tense;
            if tense == Tense::Future && (is_deferred_target(text, e) || is_future_in_past(text, e))
            {
                if self.notes.len() < 2 {
                    self.notes.push(format!(
                        "‘{}’ is a plan told in the past, so not a bound",
                        self.quote(e)
                    ));
                }
                tense = Tense::Neutral;
            }
            // `a record for every patient by 2010`: a deadline, met or not,
            // says nothing about when it was written.
            if tense == Tense::Past && word_before(text, e).as_deref() == Some("by") {
                if self.notes.len() < 2 {
                    self.notes
                        .push(format!("‘{}’ is a deadline, so not a bound", self.quote(e)));
                }
                tense = Tense::Neutral;
            }
            // `figures for 2009/10 will be published`: the period the data
            // covers, not when anything is told.
            if tense != Tense::Neutral && is_data_period(text, e) {
                if self.notes.len() < 2 {
                    self.notes.push(format!(
                        "‘{}’ is the period some figures cover, so not a bound",
                        self.quote(e)
                    ));
                }
                tense = Tense::Neutral;
            }
            // `runs until 2014`: an end that may still be ahead, unless its
            // own verb is past (`did not start until 2009`).
            if tense == Tense::Past && is_until_end(text, e) && !has_own_verb(text, e) {
                tense = Tense::Neutral;
            }
            // `said deployments would accelerate through 2009`: a reported
            // or conditional future may have been told long before; a clue,
            // not a bound.
            let firm = tense != Tense::Future
                || !tense_of(text, e)
                    .1
                    .is_some_and(|w| MODAL.contains(&w.to_ascii_lowercase().as_str()));
            if !firm && self.notes.len() < 2 {
                self.notes.push(format!(
                    "‘{}’ is told with a conditional or reported future, so not a bound",
                    self.quote(e)
                ));
            }
            self.dated.push(Dated {
                expr: e,
                first,
                last,
                tense,
                firm,
            });
        }
    }

    /// Told in the future: publication is on or before the period's end.
    fn bound_by_future_dates(&mut self) {
        let uppers: Vec<(Bound, &'a TimeExpression)> = (0..self.dated.len())
            .filter(|&i| {
                self.dated[i].tense == Tense::Future
                    && self.dated[i].firm
                    && !self.overruled.contains(&i)
            })
            .map(|i| &self.dated[i])
            .map(|d| {
                (
                    Bound {
                        date: d.last,
                        why: format!(
                            "before the end of ‘{}’, told in the future",
                            self.quote(d.expr)
                        ),
                    },
                    d.expr,
                )
            })
            .collect();
        self.uppers = uppers;
        let lower_now = self.latest_past().map(|i| self.dated[i].first);
        self.drop_conflicts(lower_now);
    }

    /// A weekday with a yearless date (`Friday 13 June`) picks its year
    /// within the bounds so far; the notes say which and why.
    fn place_weekday_dates(&mut self) -> Vec<String> {
        let text = self.text;
        let lo = self.latest_past().map(|i| self.dated[i].first);
        let hi = self.uppers.iter().map(|(b, _)| b.date).min();
        let lo_e = self.latest_past().map(|i| self.quote(self.dated[i].expr));
        let hi_e = self
            .uppers
            .iter()
            .min_by_key(|(b, _)| b.date)
            .map(|(_, e)| self.quote(e));
        let range = match (&lo_e, &hi_e) {
            (Some(a), Some(b)) => format!("between ‘{a}’ and ‘{b}’"),
            (Some(a), None) => format!("after ‘{a}’"),
            (None, Some(b)) => format!("before ‘{b}’"),
            (None, None) => String::new(),
        };
        let mut weekday_notes: Vec<String> = Vec::new();
        for &e in self.exprs {
            let (
                Raw::Date {
                    year: YearRef::Unstated,
                    month,
                    day,
                },
                Some((w, _)),
            ) = (&e.raw, &e.weekday)
            else {
                continue;
            };
            let (tense, _) = tense_of(text, e);
            let Some((best, fits)) = weekday_year(lo, hi, *month, *day, *w, tense) else {
                continue;
            };
            let only = if fits == 1 {
                "the only year"
            } else {
                "the year nearest the article's other dates"
            };
            weekday_notes.push(format!(
                "‘{}’: {} {} was a {} in {}, {only} {range}",
                self.quote(e),
                day,
                month_name(*month).unwrap_or(""),
                weekday_name(*w),
                best.year()
            ));
            self.dated.push(Dated {
                expr: e,
                first: best,
                last: best,
                firm: true,
                // A weekday-date is the story's own news: never a plan.
                tense: if tense == Tense::Future {
                    Tense::Future
                } else {
                    Tense::Past
                },
            });
            if tense == Tense::Future {
                self.uppers.push((
                    Bound {
                        date: best,
                        why: format!("before ‘{}’, told in the future", self.quote(e)),
                    },
                    e,
                ));
            }
        }
        weekday_notes
    }

    /// Words fixed to publication (`yesterday`, `last year`) next to an
    /// explicit date pin publication down: the lower bound may move, upper
    /// bounds are added. Returns the days publication follows the lower
    /// bound by, when `yesterday` pinned it (else 0).
    fn pin_by_words_of_publication(&mut self, lower: &mut Option<Bound>) -> i64 {
        let text = self.text;
        let mut guess_shift = 0;
        for &rel in self.exprs {
            let (unit, offset, weekday) = match rel.raw {
                Raw::Relative { unit, offset } => (unit, offset, false),
                Raw::Weekday(_) if matches!(rel.shift, None | Some(Shift::Last)) => {
                    (Unit::Day, 0, true)
                }
                _ => continue,
            };
            let same_sentence: Vec<Dated<'a>> = self
                .dated
                .iter()
                .filter(|d| d.expr.sentence == rel.sentence)
                .copied()
                .collect();
            for d in &same_sentence {
                // Apposition: `yesterday, 14 March`, `last year (2008)`.
                if !weekday
                    && apposed(text, rel, d.expr)
                    && let Some((first, last)) = shifted_period(d, unit, offset)
                {
                    let why = format!("‘{}’ is ‘{}’", self.quote(rel), self.quote(d.expr));
                    if lower.as_ref().is_none_or(|l| first > l.date) {
                        *lower = Some(Bound {
                            date: first,
                            why: why.clone(),
                        });
                    }
                    self.uppers.push((Bound { date: last, why }, rel));
                    continue;
                }
                // `said yesterday ... signed on 14 March`: told in the same
                // sentence and the past, the story is within days of that
                // date.
                let deictic = match (unit, offset) {
                    _ if weekday || (unit, offset) == (Unit::Week, 0) => {
                        (tense_of(text, rel).0 != Tense::Future).then_some(WEEK_DAYS)
                    }
                    (Unit::Day, -1 | 0) => Some(1),
                    _ => None,
                };
                // Only an event's day (`on 14 March`), not a period's end
                // (`the year to 31 December`).
                let event_day = d.expr.weekday.is_some()
                    || matches!(word_before(text, d.expr).as_deref(), Some("on"));
                if let Some(n) = deictic
                    && event_day
                    && d.days() == 0
                    && d.tense != Tense::Future
                    && lower.as_ref().is_some_and(|l| l.date == d.first)
                {
                    if offset == -1 {
                        guess_shift = 1;
                    }
                    self.uppers.push((
                        Bound {
                            date: add_days(d.first, n),
                            why: format!(
                                "‘{}’ in the same sentence as ‘{}’",
                                self.quote(rel),
                                self.quote(d.expr)
                            ),
                        },
                        rel,
                    ));
                }
            }
        }
        guess_shift
    }

    /// Upper bounds before the lower bound contradict the past: trust the
    /// past, drop them, and say so.
    fn drop_conflicts(&mut self, lower: Option<Date>) {
        let Some(lo) = lower else { return };
        let past = self
            .dated
            .iter()
            .filter(|d| d.tense == Tense::Past)
            .max_by_key(|d| d.first)
            .map(|d| self.quote(d.expr));
        let text = self.text;
        let notes = &mut self.notes;
        self.uppers.retain(|(b, e)| {
            if b.date >= lo {
                return true;
            }
            notes.push(format!(
                "‘{}’ ends before {}, told in the past: not used",
                text.get(e.span.clone()).unwrap_or(""),
                past.as_deref()
                    .map_or("an earlier date".to_string(), |p| format!("‘{p}’"))
            ));
            false
        });
    }

    /// The earliest upper bound. Stamps that follow publication (comments,
    /// `last updated`, the copyright year) cap it, unless they contradict
    /// the text's past.
    fn upper_bound(&mut self, page: Option<&Page>, lower_date: Option<Date>) -> Option<Bound> {
        let mut upper = self
            .uppers
            .iter()
            .min_by_key(|(b, _)| b.date)
            .map(|(b, _)| b.clone());
        if let Some((d, why)) = page.and_then(Page::upper) {
            if lower_date.is_some_and(|l| d < l) {
                self.notes
                    .push(format!("{why}: comes before the text's past, not used"));
            } else if upper.as_ref().is_none_or(|u| d < u.date) {
                upper = Some(Bound { date: d, why });
            }
        }
        upper
    }

    /// Dates written without a year are the recent past: the guess moves
    /// to the latest of them, placed after a precise explicit lower bound
    /// (the years written are background), or else before the upper bound.
    fn place_yearless_news(&self, bounds: &Bounds, date: Date) -> (Date, Option<String>) {
        let text = self.text;
        let dated = &self.dated;
        let news_peg = !bounds.event_lower
            && bounds
                .lower_i
                .is_some_and(|i| dated[i].expr.is_underspecified());
        let precise_lower =
            bounds.event_lower || (bounds.lower_i.is_some_and(|i| dated[i].precise()) && !news_peg);
        let mut guess_note = None;
        let mut date = date;
        let Some(l) = bounds.lower.as_ref().filter(|_| !news_peg) else {
            return (date, guess_note);
        };
        for &e in self.exprs {
            let (month, day) = match e.raw {
                Raw::Date {
                    year: YearRef::Unstated,
                    month,
                    day,
                } => (month, day),
                Raw::Month {
                    year: YearRef::Unstated,
                    month,
                } => (month, 1),
                _ => continue,
            };
            if e.shift.is_some()
                || e.weekday.is_some()
                || e.range_end.is_some()
                || tense_of(text, e).0 != Tense::Past
            {
                continue;
            }
            let at = |y: i32| Date::new(i16::try_from(y).ok()?, month, day).ok();
            let ly = i32::from(l.date.year());
            let placed = if precise_lower {
                (ly..=ly + 1).filter_map(at).find(|d| {
                    *d >= l.date
                        || (day == 1 && d.year() == l.date.year() && d.month() == l.date.month())
                })
            } else if let Some(u) = &bounds.upper {
                let uy = i32::from(u.date.year());
                (uy - 1..=uy).rev().filter_map(at).find(|d| *d <= u.date)
            } else {
                None
            };
            let Some(p) = placed.filter(|p| *p >= l.date.first_of_month()) else {
                continue;
            };
            if p > date && bounds.upper.as_ref().is_none_or(|u| p <= u.date) {
                date = p;
                guess_note = Some(format!(
                    "‘{}’, written without a year, is read as {} for the best guess",
                    self.quote(e),
                    edge_words(p, true).0
                ));
            }
        }
        (date, guess_note)
    }

    /// The evidence, in words: weekday placements, the bounds and why,
    /// the guess, and what was set aside.
    fn evidence(
        &self,
        weekday_notes: Vec<String>,
        bounds: &Bounds,
        neutral: Option<Dated>,
        guess_note: Option<String>,
    ) -> String {
        let mut parts: Vec<String> = weekday_notes;
        if let Some(l) = &bounds.lower {
            parts.push(l.why.clone());
            if !bounds.event_lower
                && bounds.lower_i.is_some_and(|i| !self.dated[i].precise())
                && l.why.starts_with("after")
            {
                parts.push("a year or season alone is weak evidence".into());
            }
        }
        if let Some(u) = &bounds.upper {
            parts.push(u.why.clone());
        }
        if bounds.lower.is_none()
            && bounds.upper.is_none()
            && let Some(n) = neutral
        {
            parts.push(format!(
                "its latest date, ‘{}’, is told in no tense and bounds nothing",
                self.quote(n.expr)
            ));
        }
        parts.extend(guess_note);
        parts.extend(self.notes.iter().cloned());
        parts.join("; ")
    }
}

/// The year a yearless weekday-date (`Friday 13 June`) falls in, within the
/// bounds (`lo`, `hi`, or up to [`OPEN_YEARS`] from one of them), with how
/// many years fit: the nearest the lower bound (publication follows the
/// latest past date), else the latest.
fn weekday_year(
    lo: Option<Date>,
    hi: Option<Date>,
    month: i8,
    day: i8,
    weekday: jiff::civil::Weekday,
    tense: Tense,
) -> Option<(Date, usize)> {
    let lo_y = lo.map(|d| i32::from(d.year()));
    let hi_y = hi.map(|d| i32::from(d.year()));
    let (from, to) = match (lo_y, hi_y) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) => (a, a + OPEN_YEARS),
        (None, Some(b)) => (b - OPEN_YEARS, b),
        (None, None) => return None,
    };
    let fits: Vec<Date> = (from..=to)
        .filter_map(|y| Date::new(i16::try_from(y).ok()?, month, day).ok())
        .filter(|d| d.weekday() == weekday)
        .filter(|d| match tense {
            // Told in the past: on or before publication, so not after
            // the upper bound; told in the future: not before the lower.
            Tense::Past => hi.is_none_or(|u| *d <= u),
            Tense::Future => lo.is_none_or(|l| *d >= l),
            Tense::Neutral => true,
        })
        .collect();
    let best = match lo {
        Some(l) => fits
            .iter()
            .min_by_key(|d| (d.duration_since(l).as_secs()).abs()),
        None => fits.iter().max(),
    };
    best.map(|b| (*b, fits.len()))
}

fn apposed(text: &str, a: &TimeExpression, b: &TimeExpression) -> bool {
    let (x, y) = if a.span.end <= b.span.start {
        (a.span.end, b.span.start)
    } else if b.span.end <= a.span.start {
        (b.span.end, a.span.start)
    } else {
        return false;
    };
    let gap = text.get(x..y).unwrap_or("");
    gap.len() <= 12
        && gap
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| {
                ["in", "on", "the", "of", "ie", "i", "e"].contains(&w.to_ascii_lowercase().as_str())
            })
}

/// Publication's period when `d` is `offset` `unit`s from it (`yesterday`
/// = 14 March: publication is 15 March), if the units agree.
fn shifted_period(d: &Dated, unit: Unit, offset: i32) -> Option<(Date, Date)> {
    let n = i64::from(-offset);
    match unit {
        Unit::Day if d.days() == 0 => {
            let p = add_days(d.first, n);
            Some((p, p))
        }
        Unit::Week if d.days() <= 6 => {
            let monday = add_days(
                d.first,
                -i64::from(d.first.weekday().to_monday_zero_offset()),
            );
            let start = add_days(monday, 7 * n);
            Some((start.max(d.first), add_days(start, 6)))
        }
        Unit::Month if d.first.day() == 1 && d.last == d.first.last_of_month() => {
            let first = d.first.checked_add(jiff::Span::new().months(n)).ok()?;
            Some((first.max(d.first), first.last_of_month()))
        }
        Unit::Year if d.first.month() == 1 && d.first.day() == 1 && d.days() >= 364 => {
            let y = i32::from(d.first.year()) + i32::try_from(n).ok()?;
            let y = i16::try_from(y).ok()?;
            Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?))
        }
        _ => None,
    }
}

/// `figures for 2009/10`, `the budget for 2011`: a year, quarter or half
/// after `for` names the period some figures cover.
fn is_data_period(text: &str, e: &TimeExpression) -> bool {
    matches!(
        e.raw,
        Raw::FinancialYear { .. } | Raw::Year(_) | Raw::Quarter { .. } | Raw::Half { .. }
    ) && e.range_end.is_none()
        && word_before(text, e).as_deref() == Some("for")
}

/// `runs until 2014`, or the second of `until 2015 and 2016`.
fn is_until_end(text: &str, e: &TimeExpression) -> bool {
    if matches!(word_before(text, e).as_deref(), Some("until" | "till")) {
        return true;
    }
    // The three words before, numbers included, within the sentence.
    let before = text.get(e.sentence.start..e.span.start).unwrap_or("");
    let words: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    matches!(words.as_slice(), [c, _, u] if (c == "and" || c == "or") && (u == "until" || u == "till"))
}
