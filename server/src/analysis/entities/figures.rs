//! Figures (money, percentages, quantities) with normalised values, and
//! date expressions (spans only), found on the tokens of one region.

use super::Figure;
use super::lexicon::{
    is_function_word, is_irregular_unit, is_measure_suffix, is_month, is_speech_verb, is_time_unit,
    is_weekday, number_word, scale_word, with_lower,
};
use super::tokens::{Kind, Shape, Tok};
use super::types::{Currency, EntityKind, FigureValue};
use crate::analysis::Span;

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
}

impl<'a> Ctx<'a> {
    fn tok(&self, k: usize) -> Option<&Tok> {
        self.toks.get(k)
    }
    fn word(&self, k: usize) -> Option<&'a str> {
        self.toks
            .get(k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text(self.text))
    }
    fn is_word(&self, k: usize, w: &str) -> bool {
        self.toks.get(k).is_some_and(|t| t.is_word(self.text, w))
    }
    fn is_punct(&self, k: usize, c: char) -> bool {
        self.toks.get(k).is_some_and(|t| t.is_punct(self.text, c))
    }
    fn is_dash(&self, k: usize) -> bool {
        self.is_punct(k, '-') || self.is_punct(k, '–') || self.is_punct(k, '—')
    }
    /// Token `k` follows token `k - 1` without whitespace.
    fn tight(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| !t.space_before)
    }
    /// A lowercase word, or a capitalised one where capitals are positional.
    fn plain_word(&self, k: usize) -> Option<&'a str> {
        let t = self.toks.get(k)?;
        (t.kind == Kind::Word && (t.shape == Shape::Lower || t.initial && t.shape == Shape::Title))
            .then(|| t.text(self.text))
    }
    /// The numeric value and letter suffix of a number token.
    fn num(&self, k: usize) -> Option<(f64, &'a str)> {
        let t = self.toks.get(k)?;
        if t.kind != Kind::Num {
            return None;
        }
        let digits = &self.text[t.start..t.num_end];
        let mut buf = [0u8; 32];
        let mut n = 0;
        for b in digits.bytes().filter(|&b| b != b',') {
            if n == buf.len() {
                return None;
            }
            buf[n] = b;
            n += 1;
        }
        let v: f64 = std::str::from_utf8(&buf[..n]).ok()?.parse().ok()?;
        Some((v, &self.text[t.num_end..t.end]))
    }
    /// A number written in digits (no suffix) or words.
    fn count(&self, k: usize) -> Option<f64> {
        if let Some((v, suffix)) = self.num(k) {
            return suffix.is_empty().then_some(v);
        }
        self.plain_word(k).and_then(number_word)
    }
    fn span(&self, a: usize, b: usize) -> Span {
        self.toks[a].start..self.toks[b].end
    }
}

/// Scans one region's tokens; marks consumed tokens in `used`.
pub(super) fn scan(
    text: &str,
    toks: &[Tok],
    used: &mut [bool],
    figures: &mut Vec<Figure>,
    dates: &mut Vec<Span>,
) {
    let cx = Ctx { text, toks };
    let mut i = 0;
    while i < toks.len() {
        if used[i] || !can_start(&cx, i) {
            i += 1;
            continue;
        }
        let found = if let Some((end, value)) = money(&cx, i) {
            figures.push(Figure {
                span: cx.span(i, end),
                kind: EntityKind::Money,
                value,
            });
            Some(end)
        } else if let Some((end, value)) = percent(&cx, i) {
            figures.push(Figure {
                span: cx.span(i, end),
                kind: EntityKind::Percentage,
                value,
            });
            Some(end)
        } else if let Some((start, end)) = date(&cx, i) {
            dates.push(cx.span(start, end));
            Some(end)
        } else if let Some((end, value)) = quantity(&cx, i) {
            figures.push(Figure {
                span: cx.span(i, end),
                kind: EntityKind::Quantity,
                value,
            });
            Some(end)
        } else {
            None
        };
        match found {
            Some(end) => {
                for u in &mut used[i..=end] {
                    *u = true;
                }
                i = end + 1;
            }
            None => i += 1,
        }
    }
}

/// A cheap test that a figure or date may start at token `i`, so that the
/// full matchers run on few tokens.
fn can_start(cx: &Ctx, i: usize) -> bool {
    let t = &cx.toks[i];
    match t.kind {
        Kind::Num => true,
        Kind::Punct => matches!(t.text(cx.text), "£" | "$" | "€" | "¥" | "₹"),
        Kind::Word => {
            let w = t.text(cx.text);
            if w.len() > 15 {
                return false;
            }
            match t.shape {
                Shape::Upper | Shape::Initial => {
                    matches!(
                        w,
                        "US" | "A" | "AU" | "C" | "CA" | "NZ" | "HK" | "GBP" | "USD" | "EUR"
                    ) || is_month(w)
                }
                Shape::Title => is_month(w) || is_weekday(w) || t.initial && starts_lower(w),
                Shape::Lower => starts_lower(w),
                _ => false,
            }
        }
    }
}

/// Lowercase words that can start a date or a count.
fn starts_lower(w: &str) -> bool {
    with_lower(w, |w| {
        matches!(
            w,
            "the"
                | "a"
                | "an"
                | "last"
                | "next"
                | "this"
                | "past"
                | "coming"
                | "previous"
                | "following"
                | "early"
                | "late"
                | "mid"
                | "earlier"
                | "later"
                | "yesterday"
                | "today"
                | "tomorrow"
                | "tonight"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "thirteen"
                | "fourteen"
                | "fifteen"
                | "sixteen"
                | "seventeen"
                | "eighteen"
                | "nineteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "seventy"
                | "eighty"
                | "ninety"
                | "hundred"
                | "dozen"
        ) || w.contains('-') && number_word(w).is_some()
    })
}

// ---------------------------------------------------------------- money

fn currency_symbol(cx: &Ctx, k: usize) -> Option<(Currency, usize)> {
    let t = cx.tok(k)?;
    let s = t.text(cx.text);
    if t.kind == Kind::Punct {
        let cur = match s {
            "£" => Currency::Gbp,
            "$" => Currency::Usd,
            "€" => Currency::Eur,
            "¥" => Currency::Jpy,
            "₹" => Currency::Inr,
            _ => return None,
        };
        return Some((cur, k + 1));
    }
    if t.kind == Kind::Word {
        if cx.is_punct(k + 1, '$') && cx.tight(k + 1) {
            let cur = match s {
                "US" => Currency::Usd,
                "A" | "AU" => Currency::Aud,
                "C" | "CA" => Currency::Cad,
                "NZ" => Currency::Nzd,
                "HK" => Currency::Hkd,
                _ => return None,
            };
            return Some((cur, k + 2));
        }
        let cur = match s {
            "GBP" => Currency::Gbp,
            "USD" => Currency::Usd,
            "EUR" => Currency::Eur,
            _ => return None,
        };
        if cx.tok(k + 1).is_some_and(|t| t.kind == Kind::Num) {
            return Some((cur, k + 1));
        }
    }
    None
}

fn currency_word(w: &str) -> Option<(Currency, f64)> {
    with_lower(w, |w| {
        Some(match w {
            "pounds" | "pound" | "sterling" => (Currency::Gbp, 1.0),
            "pence" => (Currency::Gbp, 0.01),
            "dollars" | "dollar" => (Currency::Usd, 1.0),
            "euros" | "euro" => (Currency::Eur, 1.0),
            "yen" => (Currency::Jpy, 1.0),
            "rupees" => (Currency::Inr, 1.0),
            _ => return None,
        })
    })
}

/// A number at `k` with an optional scale (suffix or next word).
/// Returns (raw value, scale if written, last token index).
fn scaled_number(cx: &Ctx, k: usize) -> Option<(f64, Option<f64>, usize)> {
    let (v, suffix) = cx.num(k)?;
    if !suffix.is_empty() {
        let scale = scale_word(suffix)?;
        return Some((v, Some(scale), k));
    }
    if let Some(scale) = cx.word(k + 1).and_then(scale_word) {
        // "m"/"bn" as a separate word must be lowercase.
        let w = cx.word(k + 1).unwrap_or("");
        if w.len() > 2 || w.chars().all(|c| c.is_lowercase()) {
            return Some((v, Some(scale), k + 1));
        }
    }
    Some((v, None, k))
}

/// An amount at `k`: symbol form or number + currency word.
fn amount(cx: &Ctx, k: usize) -> Option<(f64, Option<f64>, Currency, usize)> {
    if let Some((cur, n)) = currency_symbol(cx, k) {
        let (v, scale, end) = scaled_number(cx, n)?;
        return Some((v, scale, cur, end));
    }
    let (v, suffix) = cx.num(k)?;
    if suffix == "p" {
        return Some((v, Some(0.01), Currency::Gbp, k));
    }
    let (v, scale, end) =
        scaled_number(cx, k).filter(|_| suffix.is_empty() || scale_word(suffix).is_some())?;
    let (cur, unit) = cx.word(end + 1).and_then(currency_word)?;
    let scale = scale.map_or(unit, |s| s * unit);
    Some((v, Some(scale), cur, end + 1))
}

fn money(cx: &Ctx, i: usize) -> Option<(usize, FigureValue)> {
    let (v, scale, currency, end) = amount(cx, i)?;
    let lo = v * scale.unwrap_or(1.0);
    // Ranges: "£10m-£20m", "£10-20m", "$92 billion to $94 billion",
    // "between £5m and £8m".
    let after_from = i > 0 && cx.is_word(i - 1, "from");
    let between = i > 0 && cx.is_word(i - 1, "between");
    let joiner = cx.is_dash(end + 1)
        || (cx.is_word(end + 1, "to") && !after_from)
        || (between && cx.is_word(end + 1, "and"));
    if joiner {
        let k = end + 2;
        let second = if currency_symbol(cx, k).is_some() {
            amount(cx, k)
                .filter(|a| a.2 == currency)
                .map(|(v, s, _, e)| (v, s, e))
        } else if cx.is_dash(end + 1) || cx.is_word(end + 1, "to") {
            scaled_number(cx, k)
        } else {
            None
        };
        if let Some((v2, scale2, end2)) = second {
            let s2 = scale2.or(scale).unwrap_or(1.0);
            let s1 = scale.or(scale2).unwrap_or(1.0);
            let (lo, hi) = (v * s1, v2 * s2);
            if hi >= lo {
                return Some((
                    end2,
                    FigureValue::Money {
                        amount: lo,
                        max: Some(hi),
                        currency,
                    },
                ));
            }
        }
    }
    Some((
        end,
        FigureValue::Money {
            amount: lo,
            max: None,
            currency,
        },
    ))
}

// ---------------------------------------------------------- percentages

/// Number at `k` followed by a percent marker; returns (value, last index).
fn percent_at(cx: &Ctx, k: usize) -> Option<(f64, usize)> {
    let v = cx.count(k)?;
    if cx.is_punct(k + 1, '%') && cx.tight(k + 1) {
        return Some((v, k + 1));
    }
    if cx.is_word(k + 1, "per") && cx.is_word(k + 2, "cent") {
        return Some((v, k + 2));
    }
    if cx.is_word(k + 1, "percent") || cx.is_word(k + 1, "pct") {
        return Some((v, k + 1));
    }
    if cx.is_word(k + 1, "percentage")
        && (cx.is_word(k + 2, "points") || cx.is_word(k + 2, "point"))
    {
        return Some((v, k + 2));
    }
    None
}

fn percent(cx: &Ctx, i: usize) -> Option<(usize, FigureValue)> {
    let joins = |k: usize| cx.is_dash(k) || cx.is_word(k, "to");
    if let Some((v, end)) = percent_at(cx, i) {
        if joins(end + 1)
            && let Some((v2, end2)) = percent_at(cx, end + 2)
            && v2 >= v
        {
            return Some((
                end2,
                FigureValue::Percentage {
                    value: v,
                    max: Some(v2),
                },
            ));
        }
        return Some((
            end,
            FigureValue::Percentage {
                value: v,
                max: None,
            },
        ));
    }
    let v = cx.count(i)?;
    if joins(i + 1)
        && let Some((v2, end2)) = percent_at(cx, i + 2)
        && v2 >= v
    {
        return Some((
            end2,
            FigureValue::Percentage {
                value: v,
                max: Some(v2),
            },
        ));
    }
    None
}

// ---------------------------------------------------------------- dates

fn month_at(cx: &Ctx, k: usize) -> bool {
    cx.tok(k).is_some_and(|t| {
        t.kind == Kind::Word
            && matches!(t.shape, Shape::Title | Shape::Upper)
            && is_month(t.text(cx.text))
    })
}

fn full_month_at(cx: &Ctx, k: usize) -> bool {
    month_at(cx, k)
        && cx.word(k).is_some_and(|w| {
            w.len() >= 5 || matches!(w, "May" | "June" | "July" | "MAY" | "JUNE" | "JULY")
        })
}

fn day_at(cx: &Ctx, k: usize) -> bool {
    cx.num(k).is_some_and(|(v, s)| {
        (1.0..=31.0).contains(&v)
            && v.fract() == 0.0
            && matches!(s, "" | "st" | "nd" | "rd" | "th")
            && !cx.text[cx.toks[k].start..cx.toks[k].num_end].contains([',', '.'])
    })
}

fn year_at(cx: &Ctx, k: usize) -> bool {
    cx.num(k).is_some_and(|(v, s)| {
        let t = &cx.toks[k];
        t.num_end - t.start == 4 && (1000.0..=2199.0).contains(&v) && (s.is_empty() || s == "s")
    })
}

fn weekday_at(cx: &Ctx, k: usize) -> bool {
    cx.tok(k).is_some_and(|t| {
        t.kind == Kind::Word
            && t.shape == Shape::Title
            && t.end - t.start >= 6
            && is_weekday(t.text(cx.text))
    })
}

/// Core calendar date at `k`: returns its last index.
fn calendar(cx: &Ctx, k: usize) -> Option<usize> {
    // 15 July 2008 / 1st of July
    if day_at(cx, k) {
        let m = if cx.is_word(k + 1, "of") {
            k + 2
        } else {
            k + 1
        };
        if month_at(cx, m) {
            return Some(if year_at(cx, m + 1) { m + 1 } else { m });
        }
        return None;
    }
    if month_at(cx, k) {
        // July 16, 2008 / July 16
        if day_at(cx, k + 1) && !year_at(cx, k + 1) {
            if cx.is_punct(k + 2, ',') && year_at(cx, k + 3) {
                return Some(k + 3);
            }
            if year_at(cx, k + 2) {
                return Some(k + 2);
            }
            return Some(k + 1);
        }
        // January 2003
        if year_at(cx, k + 1) {
            return Some(k + 1);
        }
        if full_month_at(cx, k) {
            let w = cx.word(k).unwrap_or("");
            if w.eq_ignore_ascii_case("may") || w.eq_ignore_ascii_case("march") {
                // "may"/"march" are also verbs (and May a surname): need context.
                let ok = k > 0
                    && cx
                        .word(k - 1)
                        .is_some_and(|p| with_lower(p, month_context_word));
                return ok.then_some(k);
            }
            return Some(k);
        }
    }
    // 2009, 2025/26, 2009-10, the 1990s
    if year_at(cx, k) {
        if (cx.is_punct(k + 1, '/') || cx.is_dash(k + 1))
            && cx.tight(k + 1)
            && cx.tight(k + 2)
            && cx
                .num(k + 2)
                .is_some_and(|(v, s)| s.is_empty() && (0.0..10000.0).contains(&v))
        {
            return Some(k + 2);
        }
        // "2000 patients": a count, not a year, unless after a preposition.
        let prep_before = k > 0
            && cx
                .word(k - 1)
                .is_some_and(|p| with_lower(p, year_context_word));
        if !prep_before && cx.plain_word(k + 1).is_some_and(|w| unit_noun(w, 2.0)) {
            return None;
        }
        return Some(k);
    }
    None
}

/// A word before "May" or "March" that makes it the month (they are also
/// verbs, and May a surname).
fn month_context_word(p: &str) -> bool {
    matches!(
        p,
        "in" | "on"
            | "by"
            | "since"
            | "until"
            | "till"
            | "from"
            | "of"
            | "early"
            | "late"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "between"
            | "and"
            | "before"
            | "after"
            | "during"
            | "end"
            | "start"
    )
}

/// A preposition or modifier before a year that keeps it a year before a
/// count noun ("in 2000 patients" is not read as a count).
fn year_context_word(p: &str) -> bool {
    matches!(
        p,
        "in" | "by"
            | "since"
            | "until"
            | "of"
            | "from"
            | "for"
            | "to"
            | "and"
            | "between"
            | "before"
            | "after"
            | "during"
            | "early"
            | "late"
            | "mid"
    )
}

/// `w` lowercased into `buf` when short and ASCII; "" otherwise.
fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 16]) -> &'b str {
    if w.len() > buf.len() || !w.is_ascii() {
        return "";
    }
    let b = &mut buf[..w.len()];
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    std::str::from_utf8(b).unwrap_or("")
}

fn relative_anchor(w: &str) -> bool {
    with_lower(w, |w| {
        matches!(
            w,
            "last" | "next" | "this" | "past" | "coming" | "previous" | "following"
        )
    })
}

fn unit_or_name_after_anchor(cx: &Ctx, k: usize) -> bool {
    cx.word(k).is_some_and(|w| {
        let t = &cx.toks[k];
        (t.shape == Shape::Lower && is_time_unit(w))
            || (t.shape == Shape::Title && (is_weekday(w) || is_month(w)))
    })
}

/// Date expression at `i`: returns (first index, last index).
fn date(cx: &Ctx, i: usize) -> Option<(usize, usize)> {
    // Weekday, optionally with a date: "Friday, 2 September", "Monday 6 October".
    if weekday_at(cx, i) {
        if let Some(e) = calendar(cx, i + 1) {
            return Some((i, e));
        }
        if cx.is_punct(i + 1, ',')
            && let Some(e) = calendar(cx, i + 2)
        {
            return Some((i, e));
        }
        return Some((i, i));
    }
    if let Some(e) = calendar(cx, i) {
        return Some((i, e));
    }
    let Some(w) = cx.plain_word(i) else {
        return relative(cx, i);
    };
    let mut lbuf = [0u8; 16];
    let lw = ascii_lower(w, &mut lbuf);
    match lw {
        "yesterday" | "today" | "tomorrow" | "tonight" => return Some((i, i)),
        "early" | "late" | "mid" | "earlier" | "later" => {
            if let Some((_, e)) = relative(cx, i + 1) {
                return Some((i, e));
            }
            if year_at(cx, i + 1) || full_month_at(cx, i + 1) {
                return calendar(cx, i + 1).map(|e| (i, e));
            }
            return None;
        }
        "the" => {
            // the turn of the year / the end of next year / the second half of 2025
            let mut k = i + 1;
            let mut hbuf = [0u8; 16];
            let head = ascii_lower(cx.plain_word(k)?, &mut hbuf);
            match head {
                "first" | "second" | "third" | "fourth" | "final" | "last" => {
                    if !(cx.is_word(k + 1, "half") || cx.is_word(k + 1, "quarter")) {
                        return None;
                    }
                    k += 1;
                }
                "turn" | "end" | "start" | "beginning" | "middle" | "close" | "rest" => {}
                "spring" | "summer" | "autumn" | "winter" => {}
                _ => return None,
            }
            if !cx.is_word(k + 1, "of") {
                return None;
            }
            let m = k + 2;
            if let Some(e) = calendar(cx, m) {
                return Some((i, e));
            }
            if let Some((_, e)) = relative(cx, m) {
                return Some((i, e));
            }
            if cx.is_word(m, "the")
                && cx.plain_word(m + 1).is_some_and(|u| {
                    with_lower(u, |u| {
                        matches!(u, "year" | "month" | "week" | "decade" | "century" | "day")
                    })
                })
            {
                return Some((i, m + 1));
            }
            return None;
        }
        _ => {}
    }
    relative(cx, i)
}

fn relative(cx: &Ctx, i: usize) -> Option<(usize, usize)> {
    let w = cx.plain_word(i).unwrap_or("");
    // last week / next month / this year / last night / next three years
    if relative_anchor(w) {
        if unit_or_name_after_anchor(cx, i + 1) {
            return Some((i, i + 1));
        }
        if cx.count(i + 1).is_some() && cx.plain_word(i + 2).is_some_and(is_time_unit) {
            return Some((i, i + 2));
        }
        return None;
    }
    // two years ago / 34 million years ago / nine years / a year earlier
    let is_a = w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an");
    if is_a || cx.count(i).is_some() {
        let mut k = i + 1;
        if !is_a
            && cx.word(k).and_then(scale_word).is_some()
            && cx.word(k).is_some_and(|s| s.len() > 2)
        {
            k += 1;
        }
        let unit = cx.plain_word(k).filter(|u| is_time_unit(u))?;
        let _ = unit;
        let tail = cx.plain_word(k + 1).is_some_and(|t| {
            with_lower(t, |t| {
                matches!(t, "ago" | "earlier" | "later" | "before" | "previously")
            })
        });
        if tail {
            return Some((i, k + 1));
        }
        if is_a {
            return None;
        }
        // Bare duration with a season word is not a duration ("two summers").
        return Some((i, k));
    }
    None
}

// ------------------------------------------------------------ quantities

/// Whether `w` (lowercase word) can be the unit noun of a count.
fn unit_noun(w: &str, value: f64) -> bool {
    if is_function_word(w) || is_speech_verb(w) || is_time_unit(w) {
        return false;
    }
    if is_irregular_unit(w) {
        return true;
    }
    let plural = w.len() >= 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !matches!(
            w,
            "has"
                | "was"
                | "does"
                | "goes"
                | "remains"
                | "means"
                | "seems"
                | "includes"
                | "gives"
                | "makes"
                | "takes"
                | "comes"
                | "becomes"
                | "uses"
                | "runs"
        );
    let participle = w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly");
    plural || value == 1.0 && w.len() >= 3 && !participle
}

fn quantity(cx: &Ctx, i: usize) -> Option<(usize, FigureValue)> {
    // A number directly inside a name ("Vision 3") is not a count.
    if i > 0
        && cx.tok(i - 1).is_some_and(|t| t.is_cap() && !t.initial)
        && cx.tok(i).is_some_and(|t| t.kind == Kind::Num)
    {
        return None;
    }
    let (mut value, mut k) = if let Some((v, suffix)) = cx.num(i) {
        if suffix.is_empty() {
            (v, i + 1)
        } else if is_measure_suffix(suffix) {
            let unit = suffix.to_string();
            return Some((
                i,
                FigureValue::Quantity {
                    value: v,
                    max: None,
                    unit,
                },
            ));
        } else if let Some(scale) = scale_word(suffix).filter(|_| suffix != "b") {
            (v * scale, i + 1)
        } else {
            return None;
        }
    } else {
        (cx.plain_word(i).and_then(number_word)?, i + 1)
    };
    if let Some(scale) = cx
        .word(k)
        .and_then(scale_word)
        .filter(|_| cx.word(k).is_some_and(|s| s.len() > 2))
    {
        value *= scale;
        k += 1;
    }
    for j in k..k + 4 {
        let t = cx.tok(j)?;
        if t.kind != Kind::Word || !t.space_before {
            return None;
        }
        let w = t.text(cx.text);
        if t.shape == Shape::Lower && unit_noun(w, value) {
            return Some((
                j,
                FigureValue::Quantity {
                    value,
                    max: None,
                    unit: w.to_string(),
                },
            ));
        }
        if is_function_word(w) || is_time_unit(w) || is_speech_verb(w) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn run(s: &str) -> (Vec<(String, EntityKind, FigureValue)>, Vec<String>) {
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        let mut used = vec![false; toks.len()];
        let (mut f, mut d) = (Vec::new(), Vec::new());
        scan(s, &toks, &mut used, &mut f, &mut d);
        (
            f.into_iter()
                .map(|f| (s[f.span].to_string(), f.kind, f.value))
                .collect(),
            d.into_iter().map(|d| s[d].to_string()).collect(),
        )
    }

    fn money_of(s: &str) -> Vec<(String, f64, Option<f64>, Currency)> {
        run(s)
            .0
            .into_iter()
            .filter_map(|(t, _, v)| match v {
                FigureValue::Money {
                    amount,
                    max,
                    currency,
                } => Some((t, amount, max, currency)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn money_normalisation() {
        let m = money_of(
            "a £896 million deal, £1bn, £475k, £300m, $836.10 billion, £1,099 million, €2.5m and 20p",
        );
        let got: Vec<(&str, f64, Currency)> =
            m.iter().map(|(t, a, _, c)| (t.as_str(), *a, *c)).collect();
        assert_eq!(
            got,
            [
                ("£896 million", 896e6, Currency::Gbp),
                ("£1bn", 1e9, Currency::Gbp),
                ("£475k", 475e3, Currency::Gbp),
                ("£300m", 300e6, Currency::Gbp),
                ("$836.10 billion", 836.10e9, Currency::Usd),
                ("£1,099 million", 1099e6, Currency::Gbp),
                ("€2.5m", 2.5e6, Currency::Eur),
                ("20p", 0.2, Currency::Gbp),
            ]
        );
        let a = money_of("shares hit A$18.75 and US$5m; 500 million euros")
            .into_iter()
            .map(|(t, a, _, c)| (t, a, c))
            .collect::<Vec<_>>();
        assert_eq!(
            a,
            [
                ("A$18.75".to_string(), 18.75, Currency::Aud),
                ("US$5m".to_string(), 5e6, Currency::Usd),
                ("500 million euros".to_string(), 500e6, Currency::Eur),
            ]
        );
    }

    #[test]
    fn money_ranges() {
        let m =
            money_of("cost £10m-£20m, or £10-20m, between £5m and £8m, $92 billion to $94 billion");
        let got: Vec<(&str, f64, Option<f64>)> =
            m.iter().map(|(t, a, x, _)| (t.as_str(), *a, *x)).collect();
        assert_eq!(
            got,
            [
                ("£10m-£20m", 10e6, Some(20e6)),
                ("£10-20m", 10e6, Some(20e6)),
                ("£5m and £8m", 5e6, Some(8e6)),
                ("$92 billion to $94 billion", 92e9, Some(94e9)),
            ]
        );
        // "from X to Y" is a change, not a range.
        let m = money_of("rose from £41m to £53m");
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn percentages() {
        let (f, _) = run(
            "just over 10% of the total, 10 per cent, 10 percent, ten per cent, 5-10%, 3 percentage points",
        );
        let got: Vec<(&str, FigureValue)> =
            f.iter().map(|(t, _, v)| (t.as_str(), v.clone())).collect();
        let p = |v: f64, m: Option<f64>| FigureValue::Percentage { value: v, max: m };
        assert_eq!(
            got,
            [
                ("10%", p(10.0, None)),
                ("10 per cent", p(10.0, None)),
                ("10 percent", p(10.0, None)),
                ("ten per cent", p(10.0, None)),
                ("5-10%", p(5.0, Some(10.0))),
                ("3 percentage points", p(3.0, None)),
            ]
        );
    }

    #[test]
    fn quantities_with_units() {
        let (f, _) = run(
            "Some 1,100 practices and 85 London practices; eight southern NHS trusts at six initial sites, but 300 use the system and 17 trusts agreed. It holds 1.3 million homes and 1.5GW.",
        );
        let got: Vec<(&str, f64, String)> = f
            .iter()
            .filter_map(|(t, _, v)| match v {
                FigureValue::Quantity { value, unit, .. } => {
                    Some((t.as_str(), *value, unit.clone()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                ("1,100 practices", 1100.0, "practices".to_string()),
                ("85 London practices", 85.0, "practices".to_string()),
                ("eight southern NHS trusts", 8.0, "trusts".to_string()),
                ("six initial sites", 6.0, "sites".to_string()),
                ("17 trusts", 17.0, "trusts".to_string()),
                ("1.3 million homes", 1.3e6, "homes".to_string()),
                ("1.5GW", 1.5, "GW".to_string()),
            ]
        );
    }

    #[test]
    fn date_tokens() {
        let (_, d) = run(
            "On 15 July 2008 and 16 July, since 28 May, in August, next month, last week, two years ago, in 2010, early next year, at around the turn of the year, on Friday, 2 September, July 16, 2008, in 2025/26 and the second half of 2025.",
        );
        assert_eq!(
            d,
            [
                "15 July 2008",
                "16 July",
                "28 May",
                "August",
                "next month",
                "last week",
                "two years ago",
                "2010",
                "early next year",
                "the turn of the year",
                "Friday, 2 September",
                "July 16, 2008",
                "2025/26",
                "the second half of 2025"
            ]
        );
        // "may" the verb and "May" without context are not dates.
        let (_, d) = run("Fujitsu may now keep it. May said so.");
        assert!(d.is_empty(), "{d:?}");
    }
}
