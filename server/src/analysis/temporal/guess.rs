//! The best guess inside an inferred publication interval: the day a
//! reader would pick, weighing every dated clue by how news lags events.
//!
//! Each clue scores a candidate publication day by how far it lies from
//! the clue's period on the side its tense puts it: news told in the past
//! is mostly written within days of the latest dated event (a day's clue
//! falls off within a week, a month's within weeks, a year's within
//! months); plans told in the future are mostly weeks or months ahead.
//! Scores fall off logarithmically, so one background date (`began in
//! 2003`) never outweighs the news. A date written without a year (`on 16
//! July`, `in November`, `by the end of March`) is placed for each
//! candidate by its tense — the latest such day before it, or the earliest
//! after — so yearless dates give the month away while the written years
//! give the year. Page furniture adds clues: the first comment's stamp and
//! a "last updated" stamp come shortly after publication; the latest dated
//! related link comes shortly before.
//!
//! The guess is the best-scoring day of the interval (the middle of the
//! first run of equally good days). The interval itself is not changed
//! here.

use super::{Season, Tense};
use jiff::civil::Date;

/// Days scanned at most (about 16 years).
const MAX_SCAN: i64 = 6000;
/// Days scanned past the clues on an open side.
const OPEN_AFTER: i64 = 3 * 366;

/// What a clue's period is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum When {
    /// A period with its year: first and last day.
    Fixed(Date, Date),
    /// `16 July`: the year depends on the candidate.
    Day { month: i8, day: i8 },
    /// `in November`
    Month(i8),
    /// `the end of November`: some of its days, `first..=last` (cut to
    /// the month's length).
    Part { month: i8, first: i8, last: i8 },
    /// `last November`: not the month of publication nor the one before
    /// (those are `this month` and `last month`).
    LastMonth(i8),
    /// `the autumn`
    Season(Season),
    /// `this summer`: the season of publication's year.
    ThisSeason(Season),
}

/// One dated clue.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clue {
    pub when: When,
    pub tense: Tense,
    /// How much it counts.
    pub weight: f64,
    /// Days over which its score falls off.
    pub scale: f64,
    /// A year written with a past date (`in May 2008`): news writes the
    /// current year's dates without it, so publication in that year
    /// scores [`SAME_YEAR`] less.
    pub written_year: Option<i16>,
    /// A date written without a year whose own verb says which side of
    /// publication it lies on (`lost two discs in November`, `have until
    /// the end of February`): see [`cycle_penalty`].
    pub cyclic: bool,
    /// A month or season written without a year and told as past or
    /// ahead: publication's own would be `this month`, `this autumn`.
    pub not_current: bool,
    /// Where it is written (for the evidence), if it is one expression.
    pub span: Option<(usize, usize)>,
}

/// What a past date written with its own year costs a candidate in that
/// year: a month or a year (`in May 2008`) is written so mostly when it is
/// not the current one; a full day (`on 31 January 2012`) is written so in
/// any year, in formal styles.
const SAME_YEAR: f64 = 2.4;
const SAME_YEAR_DAY: f64 = 0.6;
/// What a month or year written with its year and told ahead costs a
/// candidate in that year: less than a past one, as deadlines (`by the end
/// of 2013`) are written in full in their own year too.
const SAME_YEAR_AHEAD: f64 = 1.2;
/// Days a period told ahead spans at least for [`SAME_YEAR_AHEAD`]: a
/// month ahead is written with its year in any year (`will start in May
/// 2010`), a year rarely in its own (`in 2013`: `this year`).
const AHEAD_DAYS: i64 = 80;
const INSIDE_DIV: i64 = 8;
/// Days a candidate inside a month or season told without its year counts
/// as being away from it.
const INSIDE_YEARLESS: i64 = 45;

impl Clue {
    /// A clue from a period told in a tense, weighed by how precise the
    /// period is (`days` long) and whether its year was `written`.
    pub fn told(when: When, tense: Tense, days: i64, written: bool) -> Clue {
        // A date written without a year is the recent past or the near
        // future: its news is close. A month or a year written with its
        // year is mostly background; a full date less so. Plans are told
        // further ahead than news is told behind.
        let past = tense != Tense::Future;
        let (weight, scale) = match (days, written, past) {
            (0, false, true) => (1.0, 5.0),
            (0, false, false) => (0.8, 20.0),
            (1..=31, false, true) => (0.8, 40.0),
            (1..=31, false, false) => (0.64, 45.0),
            (_, false, true) => (0.6, 45.0),
            (_, false, false) => (0.5, 90.0),
            (0, true, true) => (1.0, 7.0),
            (0, true, false) => (0.6, 90.0),
            (1..=6, true, true) => (0.8, 14.0),
            (1..=6, true, false) => (0.6, 60.0),
            (7..=31, true, true) => (0.35, 180.0),
            (7..=31, true, false) => (0.5, 240.0),
            (32..=120, true, true) => (0.3, 180.0),
            (32..=120, true, false) => (0.4, 240.0),
            (_, true, true) => (0.3, 240.0),
            (_, true, false) => (0.4, 365.0),
        };
        // Ahead too: `will move in 2013` is written so mostly before 2013
        // (in it, `later this year`).
        let written_year = match when {
            When::Fixed(a, b) if written && a.year() == b.year() => Some(a.year()),
            _ => None,
        };
        Clue {
            when,
            tense,
            weight,
            scale,
            written_year,
            cyclic: false,
            not_current: false,
            span: None,
        }
    }

    /// The clue's period as seen from a candidate publication day.
    fn period(&self, p: Date) -> Option<(Date, Date)> {
        let y = i32::from(p.year());
        // On the stack: this runs for every day a guess scans.
        let periods = |f: &dyn Fn(i32) -> Option<(Date, Date)>| -> [Option<(Date, Date)>; 4] {
            [f(y - 2), f(y - 1), f(y), f(y + 1)]
        };
        let all = match self.when {
            When::Fixed(a, b) => return Some((a, b)),
            When::Day { month, day } => periods(&|y| {
                let d = Date::new(i16::try_from(y).ok()?, month, day).ok()?;
                Some((d, d))
            }),
            When::Month(m) => periods(&|y| {
                let d = Date::new(i16::try_from(y).ok()?, m, 1).ok()?;
                Some((d, d.last_of_month()))
            }),
            When::Part { month, first, last } => periods(&|y| {
                let m = Date::new(i16::try_from(y).ok()?, month, 1).ok()?;
                let end = m.last_of_month();
                let at = |d: i8| Date::new(m.year(), month, d.min(end.day())).ok();
                Some((at(first)?, at(last)?))
            }),
            When::LastMonth(m) => {
                let cutoff = p
                    .first_of_month()
                    .checked_sub(jiff::Span::new().months(1))
                    .ok()?;
                return (y - 2..=y)
                    .rev()
                    .filter_map(|y| Date::new(i16::try_from(y).ok()?, m, 1).ok())
                    .find(|d| *d < cutoff)
                    .map(|d| (d, d.last_of_month()));
            }
            When::Season(s) => periods(&|y| season(y, s)),
            When::ThisSeason(s) => return season(y, s),
        };
        let mut all = all.into_iter().flatten();
        match self.tense {
            Tense::Past => all.rev().find(|(a, _)| *a <= p),
            Tense::Future => all.find(|(_, b)| *b >= p),
            Tense::Neutral => all.min_by_key(|(a, b)| distance(p, *a, *b)),
        }
    }

    /// The clue's score for publication on `p` (0 at best, negative).
    fn score(&self, p: Date) -> f64 {
        let Some((a, b)) = self.period(p) else {
            return 0.0;
        };
        // A month or season told as past or ahead is rarely the one of
        // publication (that is `this month`, `later this month`): inside
        // it, as if half a month away.
        // One written without a year (`will ballot members in November`)
        // is the less so.
        let inside = if days(a, b) >= 27 && a <= p && p <= b && self.tense != Tense::Neutral {
            let d = (days(a, b) / INSIDE_DIV).max(15);
            if self.not_current {
                d.max(INSIDE_YEARLESS)
            } else {
                d
            }
        } else {
            0
        };
        let lag = inside
            + match self.tense {
                Tense::Past if p < a => return -10.0 * self.weight,
                Tense::Past => days(b, p).max(0),
                Tense::Future if p > b => return -10.0 * self.weight,
                Tense::Future => days(p, a).max(0),
                // Told in no tense: publication is near it, on either side
                // (the dated articles of the same story).
                Tense::Neutral => distance(p, a, b),
            };
        let same_year = if self.written_year == Some(p.year()) {
            let cost = match self.when {
                When::Fixed(a, b) if days(a, b) == 0 => SAME_YEAR_DAY,
                When::Fixed(a, b) if self.tense == Tense::Future && days(a, b) < AHEAD_DAYS => 0.0,
                _ if self.tense == Tense::Future => SAME_YEAR_AHEAD,
                _ => SAME_YEAR,
            };
            cost * self.weight
        } else {
            0.0
        };
        -self.weight * (1.0 + lag as f64 / self.scale).ln() - same_year
    }
}

/// Days at most from the end of a yearless date told in the past to the
/// start of one told ahead: both lie within one turn of the calendar.
/// `lost two discs in November` and `have until the end of February` leave
/// December to February; a July past and a June ahead leave any month.
const CYCLE_DAYS: i64 = 330;
/// What a day costs that puts such dates more than a year apart.
const CYCLE_PENALTY: f64 = 4.0;

/// The cost of publication on `p` for the yearless dates told on either
/// side of it ([`Clue::cyclic`]): each is placed by its tense (the latest
/// before `p`, the earliest after), and the earliest of the past and the
/// latest of those ahead must fit in one year.
fn cycle_penalty(clues: &[Clue], p: Date) -> f64 {
    match cycle_edges(clues, p) {
        Some(((_, e), (_, s))) if days(e, s) > CYCLE_DAYS => -CYCLE_PENALTY,
        _ => 0.0,
    }
}

/// A clue and the day it ends (told as past) or starts (told ahead).
type Edge<'a> = (&'a Clue, Date);

/// The earliest-ending of the yearless dates told as past and the
/// latest-starting of those told ahead, as placed from `p`, with the day
/// each ends or starts.
fn cycle_edges(clues: &[Clue], p: Date) -> Option<(Edge<'_>, Edge<'_>)> {
    let mut past: Option<(&Clue, Date)> = None;
    let mut ahead: Option<(&Clue, Date)> = None;
    for c in clues.iter().filter(|c| c.cyclic) {
        let Some((a, b)) = c.period(p) else { continue };
        match c.tense {
            Tense::Past if past.is_none_or(|(_, e)| b < e) => past = Some((c, b)),
            Tense::Future if ahead.is_none_or(|(_, s)| a > s) => ahead = Some((c, a)),
            _ => {}
        }
    }
    Some((past?, ahead?))
}

/// The yearless dates, told as past and ahead, nearest either side of `p`
/// (their spans), when all those told fit one year: what the evidence
/// names.
pub(crate) fn cycle_window(clues: &[Clue], p: Date) -> Option<((usize, usize), (usize, usize))> {
    let ((_, e), (_, s)) = cycle_edges(clues, p)?;
    (days(e, s) <= CYCLE_DAYS).then_some(())?;
    let mut past: Option<(&Clue, Date)> = None;
    let mut ahead: Option<(&Clue, Date)> = None;
    for c in clues.iter().filter(|c| c.cyclic) {
        let Some((a, b)) = c.period(p) else { continue };
        match c.tense {
            Tense::Past if past.is_none_or(|(_, e)| b > e) => past = Some((c, b)),
            Tense::Future if ahead.is_none_or(|(_, s)| a < s) => ahead = Some((c, a)),
            _ => {}
        }
    }
    Some((past?.0.span?, ahead?.0.span?))
}

fn season(y: i32, s: Season) -> Option<(Date, Date)> {
    let y = i16::try_from(y).ok()?;
    let d = |y: i16, m: i8, d: i8| Date::new(y, m, d).ok();
    Some(match s {
        Season::Spring => (d(y, 3, 1)?, d(y, 5, 31)?),
        Season::Summer => (d(y, 6, 1)?, d(y, 8, 31)?),
        Season::Autumn => (d(y, 9, 1)?, d(y, 11, 30)?),
        Season::Winter => (d(y, 12, 1)?, d(y.checked_add(1)?, 3, 1)?.yesterday().ok()?),
    })
}

fn days(a: Date, b: Date) -> i64 {
    b.duration_since(a).as_secs() / 86_400
}

fn distance(p: Date, a: Date, b: Date) -> i64 {
    if p < a {
        days(p, a)
    } else if p > b {
        days(b, p)
    } else {
        0
    }
}

fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

/// Days publication is near one of (the dated articles of its story),
/// each with its share: a mixture, so the best day is near one of them,
/// never halfway between two.
#[derive(Debug, Clone, Default)]
pub(crate) struct Near {
    /// Days and shares (summing to 1).
    pub days: Vec<(Date, f64)>,
    pub weight: f64,
    /// Days over which each one's pull falls off.
    pub scale: f64,
}

impl Near {
    fn score(&self, p: Date) -> f64 {
        let mix: f64 = self
            .days
            .iter()
            .map(|(d, share)| share / (1.0 + days(p.min(*d), p.max(*d)) as f64 / self.scale))
            .sum();
        if mix > 0.0 {
            self.weight * mix.ln()
        } else {
            0.0
        }
    }
}

/// The best day for publication inside `earliest..=latest` given the
/// clues and the days it is near, or `None` when nothing has a year
/// (nothing says which year).
pub(crate) fn best_day(
    clues: &[Clue],
    near: Option<&Near>,
    earliest: Option<Date>,
    latest: Option<Date>,
) -> Option<Date> {
    let near_days = near
        .into_iter()
        .flat_map(|n| n.days.iter().map(|(d, _)| (*d, *d)));
    let fixed = clues
        .iter()
        .filter_map(|c| match c.when {
            When::Fixed(a, b) => Some((a, b)),
            _ => None,
        })
        .chain(near_days);
    // Open below: as far before the earliest clue as plans are told ahead.
    let lo =
        earliest.or_else(|| Some(add_days(fixed.clone().map(|(a, _)| a).min()?, -OPEN_AFTER)))?;
    let hi = latest.unwrap_or_else(|| {
        let last = fixed.clone().map(|(_, b)| b).max().unwrap_or(lo).max(lo);
        add_days(last, OPEN_AFTER)
    });
    if hi < lo {
        return None;
    }
    // A wide interval is scanned back from its end: news follows the
    // latest dates it tells, not a background year decades before.
    let lo = if days(lo, hi) > MAX_SCAN {
        add_days(hi, -MAX_SCAN)
    } else {
        lo
    };
    let n = days(lo, hi);
    // Each day scanned, stepped to once rather than added up three times.
    let scanned: Vec<Date> = std::iter::successors(Some(lo), |d| d.tomorrow().ok())
        .take(usize::try_from(n + 1).unwrap_or(0))
        .collect();
    let mut best = f64::NEG_INFINITY;
    let mut scores = Vec::with_capacity(scanned.len());
    for &p in &scanned {
        let s: f64 = clues.iter().map(|c| c.score(p)).sum::<f64>()
            + near.map_or(0.0, |n| n.score(p))
            + cycle_penalty(clues, p);
        best = best.max(s);
        scores.push(s);
    }
    // The month most likely to hold publication (the most of the scores'
    // weight), then its best day (the middle of its first run of them).
    let mut months: Vec<((i16, i8), f64)> = Vec::new();
    for (s, p) in scores.iter().zip(&scanned) {
        let w = (s - best).exp();
        match months.last_mut() {
            Some((m, total)) if *m == (p.year(), p.month()) => *total += w,
            _ => months.push(((p.year(), p.month()), w)),
        }
    }
    let month = months
        .iter()
        .fold(None::<((i16, i8), f64)>, |acc, &(m, w)| match acc {
            Some((_, b)) if b >= w => acc,
            _ => Some((m, w)),
        })?
        .0;
    let in_month: Vec<(usize, f64)> = scores
        .iter()
        .enumerate()
        .filter(|(i, _)| (scanned[*i].year(), scanned[*i].month()) == month)
        .map(|(i, s)| (i, *s))
        .collect();
    let top = in_month
        .iter()
        .map(|x| x.1)
        .fold(f64::NEG_INFINITY, f64::max);
    let near = |s: f64| s >= top - 1e-9;
    let start = in_month.iter().position(|x| near(x.1))?;
    let run = in_month[start..].iter().take_while(|x| near(x.1)).count();
    Some(scanned[in_month[start + run / 2].0])
}

/// What a scraped page's furniture says about publication: stamps that
/// come after it (comments, "last updated"), copyright years, and dated
/// links to other stories.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    /// The earliest comment's stamp, as written.
    pub comment: Option<(Date, String)>,
    /// A "last updated" stamp.
    pub updated: Option<(Date, String)>,
    /// The latest copyright year.
    pub copyright: Option<i16>,
    /// Dated links (related news, sidebars), as written.
    pub links: Vec<(Date, String)>,
}

/// Words at most in a line read as a stamp (`Alan P | 20 Feb 2007 22:41`).
const STAMP_WORDS: usize = 12;

/// How a "last updated" stamp line begins.
const UPDATED: &[&str] = &[
    "last updated",
    "updated",
    "page last updated",
    "this page was last updated",
    "this article was last updated",
    "article last updated",
];

impl Page {
    pub fn read(text: &str, article: &crate::analysis::article::Article) -> Page {
        use crate::analysis::article::BoilerplateKind;
        let mut page = Page::default();
        let stamp = |line: &str| -> Option<(Date, String)> {
            let m = crate::analysis::dates::find_full_dates(line)
                .into_iter()
                .next()?;
            Some((m.date()?, line.get(m.span.clone())?.to_string()))
        };
        let earlier = |slot: &mut Option<(Date, String)>, found: (Date, String)| {
            if slot.as_ref().is_none_or(|(d, _)| found.0 < *d) {
                *slot = Some(found);
            }
        };
        // Comments run from the first comment region to the end of the
        // page: their stamps are the short lines with a date (a stamp line
        // of its own may fall outside the regions).
        let comments_from = article
            .boilerplate
            .iter()
            .find(|b| b.kind == BoilerplateKind::Comments)
            .map(|b| b.span.start);
        let body_from = article.headline.as_ref().map_or(0, |h| h.span.end);
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let at = offset;
            offset += raw.len();
            let line = raw.trim();
            if at < body_from || line.is_empty() {
                continue;
            }
            let words = line.split_whitespace().count();
            let lower = line.to_lowercase();
            // `Last updated: 4 April 2006`, `This page was last updated on …`
            if words <= STAMP_WORDS + 4
                && UPDATED.iter().any(|p| lower.starts_with(p))
                && let Some(found) = stamp(line)
            {
                earlier(&mut page.updated, found);
                continue;
            }
            let in_body = article
                .paragraphs
                .iter()
                .any(|p| p.span.start <= at && at < p.span.end);
            if comments_from.is_some_and(|c| at >= c)
                && !in_body
                && words <= STAMP_WORDS
                && let Some(found) = stamp(line)
            {
                earlier(&mut page.comment, found);
                continue;
            }
            if !article.is_boilerplate(at + (raw.len() - raw.trim_start().len())) {
                continue;
            }
            if line.contains('©') || lower.starts_with("copyright") {
                let years = line
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|w| w.len() == 4)
                    .filter_map(|w| w.parse::<i16>().ok())
                    .filter(|y| (1990..=2100).contains(y));
                page.copyright = page.copyright.max(years.max());
                continue;
            }
            if comments_from.is_none_or(|c| at < c) {
                for m in crate::analysis::dates::find_full_dates(line) {
                    if let (Some(d), Some(w)) = (m.date(), line.get(m.span.clone())) {
                        page.links.push((d, w.to_string()));
                    }
                }
            }
        }
        page
    }

    /// The latest day publication can be, from stamps that follow it (a
    /// day's grace for time zones), and why.
    pub fn upper(&self) -> Option<(Date, String)> {
        let comment = self.comment.as_ref().map(|(d, w)| {
            (
                add_days(*d, 1),
                format!("before the first comment, dated ‘{w}’"),
            )
        });
        let updated = self.updated.as_ref().map(|(d, w)| {
            (
                add_days(*d, 1),
                format!("before the page's ‘last updated’ stamp, ‘{w}’"),
            )
        });
        let copyright = self.copyright.and_then(|y| {
            Some((
                Date::new(y, 12, 31).ok()?,
                format!("before the end of the page's copyright year, {y}"),
            ))
        });
        [comment, updated, copyright]
            .into_iter()
            .flatten()
            .min_by_key(|(d, _)| *d)
    }

    /// Clues for the guess, given the interval from everything else: the
    /// stamps, and the latest link inside the interval.
    pub fn clues(&self, earliest: Option<Date>, latest: Option<Date>) -> (Vec<Clue>, Vec<String>) {
        let mut clues = Vec::new();
        let mut notes = Vec::new();
        let inside = |d: Date| earliest.is_none_or(|e| d >= e) && latest.is_none_or(|l| d <= l);
        let stamp = |d: Date, tense, weight, scale| Clue {
            when: When::Fixed(d, d),
            tense,
            weight,
            scale,
            written_year: None,
            cyclic: false,
            not_current: false,
            span: None,
        };
        if let Some((d, w)) = self.comment.as_ref().filter(|(d, _)| inside(*d)) {
            clues.push(stamp(*d, Tense::Future, 2.0, 3.0));
            notes.push(format!(
                "comments follow publication within days (the first is dated ‘{w}’)"
            ));
        }
        if let Some((d, w)) = self.updated.as_ref().filter(|(d, _)| inside(*d)) {
            clues.push(stamp(*d, Tense::Future, 2.5, 2.0));
            notes.push(format!("the page was last updated ‘{w}’"));
        }
        if let Some((d, w)) = self
            .links
            .iter()
            .filter(|(d, _)| inside(*d))
            .max_by_key(|(d, _)| *d)
        {
            clues.push(stamp(*d, Tense::Past, 0.8, 10.0));
            notes.push(format!("a link on the page is dated ‘{w}’"));
        }
        (clues, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_latest_past_day_wins_over_background_years() {
        let clues = [
            Clue::told(
                When::Fixed(d("2003-01-01"), d("2003-12-31")),
                Tense::Past,
                364,
                true,
            ),
            Clue::told(
                When::Fixed(d("2008-05-14"), d("2008-05-14")),
                Tense::Past,
                0,
                true,
            ),
        ];
        assert_eq!(
            best_day(&clues, None, Some(d("2008-05-14")), None),
            Some(d("2008-05-14"))
        );
    }

    #[test]
    fn yearless_months_place_the_month_and_years_the_year() {
        // After March 2009 (past); the dispute dates back to November
        // (past); a strike from 2 April (future): the winter before April.
        let clues = [
            Clue::told(
                When::Fixed(d("2009-03-01"), d("2009-03-31")),
                Tense::Past,
                30,
                true,
            ),
            Clue::told(When::Month(11), Tense::Past, 30, false),
            Clue::told(When::Day { month: 4, day: 2 }, Tense::Future, 0, false),
            Clue::told(
                When::Fixed(d("2010-05-01"), d("2010-05-31")),
                Tense::Future,
                30,
                true,
            ),
        ];
        let g = best_day(&clues, None, Some(d("2009-03-01")), Some(d("2010-05-31"))).unwrap();
        assert!(g >= d("2009-11-01") && g < d("2010-04-02"), "{g}");
    }

    #[test]
    fn the_story_pulls_towards_one_of_its_days_not_between_them() {
        let near = Near {
            days: vec![(d("2008-02-11"), 0.5), (d("2008-04-02"), 0.5)],
            weight: 1.2,
            scale: 10.0,
        };
        // A background year favours the earlier of the two, a little.
        let clues = [Clue::told(
            When::Fixed(d("2006-01-01"), d("2006-12-31")),
            Tense::Past,
            364,
            true,
        )];
        let g = best_day(&clues, Some(&near), Some(d("2006-01-01")), None).unwrap();
        assert!(
            (d("2008-02-04")..=d("2008-02-18")).contains(&g),
            "{g}: not near 11 February"
        );
    }

    #[test]
    fn last_november_is_not_last_month() {
        let c = Clue::told(When::LastMonth(11), Tense::Past, 30, false);
        // In December, the month just gone is `last month`.
        assert_eq!(
            c.period(d("2008-12-15")),
            Some((d("2007-11-01"), d("2007-11-30")))
        );
        assert_eq!(
            c.period(d("2009-01-20")),
            Some((d("2008-11-01"), d("2008-11-30")))
        );
    }

    fn cyclic(when: When, tense: Tense) -> Clue {
        Clue {
            cyclic: true,
            not_current: true,
            ..Clue::told(when, tense, 30, false)
        }
    }

    #[test]
    fn yearless_dates_either_side_of_publication_fit_one_year() {
        // `announced in July`, `will ballot members in November`.
        let clues = [
            cyclic(When::Month(7), Tense::Past),
            cyclic(When::Month(11), Tense::Future),
        ];
        assert_eq!(cycle_penalty(&clues, d("2005-09-15")), 0.0);
        assert_eq!(cycle_penalty(&clues, d("2005-11-10")), 0.0);
        assert!(cycle_penalty(&clues, d("2005-12-15")) < 0.0);
        assert!(cycle_penalty(&clues, d("2006-04-15")) < 0.0);
        // A July told as past and a June ahead fit any day.
        let any = [
            cyclic(When::Month(7), Tense::Past),
            cyclic(When::Month(6), Tense::Future),
        ];
        for p in ["2005-08-15", "2005-12-15", "2006-05-15", "2006-07-15"] {
            assert_eq!(cycle_penalty(&any, d(p)), 0.0, "{p}");
        }
        // Not told with their own verbs: no window.
        let loose = [
            Clue::told(When::Month(7), Tense::Past, 30, false),
            Clue::told(When::Month(11), Tense::Future, 30, false),
        ];
        assert_eq!(cycle_penalty(&loose, d("2006-04-15")), 0.0);
    }

    #[test]
    fn the_window_holds_against_a_later_pull() {
        // A strong pull towards February (a dated story it is near), but
        // July is behind and November ahead: publication is between them.
        let clues = [
            cyclic(When::Month(7), Tense::Past),
            cyclic(When::Month(11), Tense::Future),
            Clue {
                when: When::Fixed(d("2006-02-15"), d("2006-02-15")),
                tense: Tense::Neutral,
                weight: 2.0,
                scale: 30.0,
                written_year: None,
                cyclic: false,
                not_current: false,
                span: None,
            },
        ];
        let (lo, hi) = (Some(d("2005-01-01")), Some(d("2006-12-31")));
        let g = best_day(&clues, None, lo, hi).unwrap();
        assert!(g >= d("2005-08-01") && g < d("2005-12-01"), "{g}");
        assert!(cycle_window(&clues, g).is_none(), "no spans to name");
        // The same dates without the window: February.
        let loose = clues.map(|c| Clue { cyclic: false, ..c });
        let g = best_day(&loose, None, lo, hi).unwrap();
        assert_eq!((g.year(), g.month()), (2006, 2), "{g}");
    }

    #[test]
    fn a_month_told_ahead_without_its_year_is_not_this_month() {
        // `will ballot members in November`: in November it would be
        // `this month`; the start of October is likelier.
        let c = cyclic(When::Month(11), Tense::Future);
        assert!(c.score(d("2005-10-01")) > c.score(d("2005-11-10")));
    }

    #[test]
    fn a_year_written_ahead_is_mostly_written_before_it() {
        // `will move into a new building in 2013`: in 2013 it would be
        // `this year`.
        let c = Clue::told(
            When::Fixed(d("2013-01-01"), d("2013-12-31")),
            Tense::Future,
            364,
            true,
        );
        assert!(c.score(d("2012-11-01")) > c.score(d("2013-02-01")));
    }

    #[test]
    fn no_year_no_guess() {
        let clues = [Clue::told(When::Month(11), Tense::Past, 30, false)];
        assert_eq!(best_day(&clues, None, None, None), None);
    }
}
