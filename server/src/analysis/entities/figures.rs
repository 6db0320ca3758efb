//! Figures (money, percentages, quantities) with normalised values, and
//! date mentions (spans only), found on the tokens of one region. The
//! dates are the date finder's expressions ([`crate::analysis::temporal`]),
//! plus durations, which only figures read.

use super::Figure;
use super::lexicon::{
    is_function_word, is_irregular_unit, is_measure_suffix, is_month, is_speech_verb, is_time_unit,
    is_weekday, number_word, scale_word, with_lower,
};
use super::tokens::{Kind, Shape, Tok};
use super::types::{Currency, EntityKind, FigureValue};
use crate::analysis::Span;
use crate::analysis::temporal::{Form, Raw, TimeExpression, YearRef};
use crate::analysis::tokens::{Kind as Run, Token};

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

/// Scans one region's tokens; marks consumed tokens in `used`. `found`
/// holds the date finder's expressions in the region, in order: they are
/// its dates, beside the durations only figures read ("three years").
pub(super) fn scan(
    text: &str,
    toks: &[Tok],
    found: &[Span],
    used: &mut [bool],
    figures: &mut Vec<Figure>,
    dates: &mut Vec<Span>,
) {
    let cx = Ctx { text, toks };
    let mut next_found = 0;
    let mut i = 0;
    while i < toks.len() {
        // Expressions starting in tokens already consumed are not dates.
        while found
            .get(next_found)
            .is_some_and(|f| f.start < toks[i].start)
        {
            next_found += 1;
        }
        if used[i] {
            i += 1;
            continue;
        }
        let starts = can_start(&cx, i);
        let expression = found
            .get(next_found)
            .filter(|f| f.start < toks[i].end)
            .cloned();
        let found_here = if starts && let Some((end, value)) = money(&cx, i) {
            figures.push(Figure {
                span: cx.span(i, end),
                kind: EntityKind::Money,
                value,
            });
            Some(end)
        } else if starts && let Some((end, value)) = percent(&cx, i) {
            figures.push(Figure {
                span: cx.span(i, end),
                kind: EntityKind::Percentage,
                value,
            });
            Some(end)
        } else if let Some(span) = expression {
            next_found += 1;
            // The last token the expression reaches into.
            let end = i + toks[i..].partition_point(|t| t.start < span.end) - 1;
            dates.push(span);
            Some(end)
        } else if starts && let Some(end) = duration(&cx, i) {
            dates.push(cx.span(i, end));
            Some(end)
        } else if starts && let Some((end, value)) = quantity(&cx, i) {
            figures.push(Figure {
                span: cx.span(i, end),
                kind: EntityKind::Quantity,
                value,
            });
            Some(end)
        } else {
            None
        };
        match found_here {
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

/// The date mentions the date finder's expression `e` in a region (whose
/// shared tokens are `shared`) gives, as dates have always been marked: a
/// range told in words is its two ends ("between 2016 and 2022" → "2016",
/// "2022"), a dash range stays whole ("2005-2008"); "the" before a
/// relative word is left out ("the previous year" → "previous year", as
/// "last month"); a season, quarter or half
/// without a year or a shift ("as winter approaches", "third-quarter
/// profit") is a period named in passing, not a date mention.
pub(super) fn date_mentions(text: &str, shared: &[Token], e: &TimeExpression, out: &mut Vec<Span>) {
    let yearless = |year: &YearRef| *year == YearRef::Unstated && e.shift.is_none();
    let passing = match &e.raw {
        Raw::Season { year, .. } | Raw::Quarter { year, .. } | Raw::Half { year, .. } => {
            yearless(year)
        }
        _ => false,
    };
    if passing && e.form != Form::Range {
        return;
    }
    let first = shared.partition_point(|t| t.start < e.span.start);
    let last = shared.partition_point(|t| t.start < e.span.end);
    let toks = &shared[first..last];
    let word = |t: &Token, ws: &[&str]| {
        t.kind == Run::Word
            && ws
                .iter()
                .any(|w| text[t.start..t.end].eq_ignore_ascii_case(w))
    };
    if e.form == Form::Range
        && let Some(c) = toks
            .iter()
            .position(|t| word(t, &["and", "to", "until", "till", "through", "thru"]))
        && c > 0
        && c + 1 < toks.len()
    {
        let opener = usize::from(word(&toks[0], &["between", "from"]));
        if opener < c {
            out.push(toks[opener].start..toks[c - 1].end);
        }
        out.push(toks[c + 1].start..e.span.end);
        return;
    }
    let relative = [
        "last",
        "next",
        "this",
        "past",
        "coming",
        "previous",
        "following",
    ];
    match toks {
        [the, next, _, ..] if word(the, &["the"]) && word(next, &relative) => {
            out.push(next.start..e.span.end);
        }
        _ => out.push(e.span.clone()),
    }
}

/// A cheap test that a figure or a duration may start at token `i`, so
/// that the full matchers run on few tokens.
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
                    )
                }
                Shape::Title => t.initial && starts_lower(w),
                Shape::Lower => starts_lower(w),
                _ => false,
            }
        }
    }
}

/// Lowercase words that can start a duration or a count.
fn starts_lower(w: &str) -> bool {
    with_lower(w, |w| {
        matches!(
            w,
            "a" | "an"
                | "last"
                | "next"
                | "this"
                | "past"
                | "coming"
                | "previous"
                | "following"
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

// ------------------------------------------------------------ durations

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

/// Figures' own dates, read only where the date finder found none: its
/// last token. Durations ("three years", "the next 18 months", "34
/// million years ago", "a month later"), which the finder does not take
/// for dates, and a relative unit it left ("last day", "past year").
fn duration(cx: &Ctx, i: usize) -> Option<usize> {
    let w = cx.plain_word(i).unwrap_or("");
    // last week / next month / this year / last night / next three years
    if relative_anchor(w) {
        if unit_or_name_after_anchor(cx, i + 1) {
            return Some(i + 1);
        }
        if cx.count(i + 1).is_some() && cx.plain_word(i + 2).is_some_and(is_time_unit) {
            return Some(i + 2);
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
        cx.plain_word(k).filter(|u| is_time_unit(u))?;
        let tail = cx.plain_word(k + 1).is_some_and(|t| {
            with_lower(t, |t| {
                matches!(t, "ago" | "earlier" | "later" | "before" | "previously")
            })
        });
        if tail {
            return Some(k + 1);
        }
        if is_a {
            return None;
        }
        // Bare duration with a season word is not a duration ("two summers").
        return Some(k);
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
    use crate::analysis::temporal::find_in_region;
    use crate::analysis::tokens::Region;

    /// Figures and dates of `s` as one region, dates from the date finder.
    fn run(s: &str) -> (Vec<(String, EntityKind, FigureValue)>, Vec<String>) {
        let region = Region::new(s, 0..s.len(), false);
        let mut found = Vec::new();
        for e in find_in_region(s, &region) {
            date_mentions(s, &region.tokens, &e, &mut found);
        }
        let mut toks = Vec::new();
        tokenize(s, &region.tokens, &mut toks);
        let mut used = vec![false; toks.len()];
        let (mut f, mut d) = (Vec::new(), Vec::new());
        scan(s, &toks, &found, &mut used, &mut f, &mut d);
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
        // In the other mentions' conventions; durations are figures' own.
        let (_, d) = run(
            "Between 2016 and 2022, up on the previous year, as winter approaches, third-quarter profit rose at the weekend, for three years and from May to July 2008.",
        );
        assert_eq!(
            d,
            [
                "2016",
                "2022",
                "previous year",
                "the weekend",
                "three years",
                "May",
                "July 2008"
            ]
        );
        // "may" the verb and "May" without context are not dates.
        let (_, d) = run("Fujitsu may now keep it. May said so.");
        assert!(d.is_empty(), "{d:?}");
    }
}
