//! Contract values as articles give them, and when two disagree.

use super::{Money, Party, lexicon, money_value};
use crate::analysis::Span;
use crate::analysis::article::Article;
use crate::analysis::entities::{EntityKind, Mention};
use crate::analysis::temporal::lexicon::Toks;

/// Figures further apart than this (relative to the larger) are values
/// of different contracts, not one contract told differently.
pub const SAME_CONTRACT_BAND: f64 = 0.10;

/// A contract's value as one sentence gives it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FigureClaim {
    pub money: Money,
    /// Organisations of the sentence (or, with none, of the sentence
    /// before): whose contract it is.
    pub parties: Vec<Party>,
    pub sentence: Span,
}

/// How many of a sentence's organisations a figure claim keeps: a deal
/// has few parties, and a run-on sentence naming hundreds would make
/// comparing its figures quadratic in them.
const MAX_PARTIES: usize = 6;

/// The parties written nearest the figure, in text order.
fn nearest_parties(mut parties: Vec<Party>, figure: &crate::analysis::Span) -> Vec<Party> {
    if parties.len() <= MAX_PARTIES {
        return parties;
    }
    let distance = |p: &Party| p.span.start.abs_diff(figure.start);
    parties.sort_by_key(distance);
    parties.truncate(MAX_PARTIES);
    parties.sort_by_key(|p| p.span.start);
    parties
}

impl FigureClaim {
    /// Index keys: the parties' name keys.
    pub fn keys(&self) -> Vec<String> {
        self.keys_with(&mut super::PartyKeys::default())
    }

    /// [`FigureClaim::keys`], with the parties' keys remembered in `memo`.
    pub fn keys_with(&self, memo: &mut super::PartyKeys) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for p in &self.parties {
            keys.extend(
                memo.of(&p.name, p.kind)
                    .iter()
                    .map(|k| format!("figure|{k}")),
            );
        }
        keys.sort();
        keys.dedup();
        keys
    }
}

/// The money of a mention, with the significant digits as written.
pub(crate) fn money_of(text: &str, m: &Mention) -> Option<Money> {
    let (amount, currency) = money_value(m.value.as_ref()?)?;
    let written = text.get(m.span.clone())?;
    Some(Money {
        amount,
        currency,
        digits: significant_digits(written),
        hedged: false,
        converted: false,
        span: m.span.clone(),
    })
}

/// Significant digits of the first number written: `412` 3, `2.37` 3,
/// `400` 1, `1,200,000` 2, `2.40` 3.
pub fn significant_digits(written: &str) -> u8 {
    let start = written.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let number: String = written[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let number = number.trim_end_matches('.');
    let has_point = number.contains('.');
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if has_point {
        digits
    } else {
        digits.trim_end_matches('0')
    };
    u8::try_from(digits.len().max(1)).unwrap_or(u8::MAX)
}

/// Currency, power of ten and leading digit: where figures that may be
/// one (`£412m`, `£400m`, `£413m`) meet in an index.
pub fn magnitude_key(m: &Money) -> String {
    let amount = m.amount.abs().max(1.0);
    let exponent = amount.log10().floor();
    let leading = (amount / 10f64.powf(exponent)).floor();
    format!("money:{}:{leading}e{exponent}", m.currency.code())
}

/// `x` rounded or truncated to `digits` significant digits.
fn to_digits(x: f64, digits: u8, round: bool) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let scale = 10f64.powf(x.abs().log10().floor() - f64::from(digits) + 1.0);
    let scaled = x / scale;
    let cut = if round {
        scaled.round()
    } else {
        scaled.trunc()
    };
    cut * scale
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
}

/// Whether two figures can be one value: the more precise one, rounded
/// or truncated to the other's digits, gives the other (`$2.37 billion`
/// and `$2.4B`, `£9.6bn` and `£9bn`); a hedged figure (`about £400m`)
/// agrees with anything within [`SAME_CONTRACT_BAND`].
pub fn agree(a: &Money, b: &Money) -> bool {
    if a.currency != b.currency {
        return false;
    }
    if a.hedged || b.hedged {
        return relative_gap(a, b) <= SAME_CONTRACT_BAND;
    }
    let (coarse, fine) = if a.digits <= b.digits { (a, b) } else { (b, a) };
    close(to_digits(fine.amount, coarse.digits, true), coarse.amount)
        || close(to_digits(fine.amount, coarse.digits, false), coarse.amount)
}

/// |a − b| relative to the larger.
pub fn relative_gap(a: &Money, b: &Money) -> f64 {
    let top = a.amount.abs().max(b.amount.abs());
    if top == 0.0 {
        0.0
    } else {
        (a.amount - b.amount).abs() / top
    }
}

/// Whether two figures are one contract's value told differently: same
/// currency, not [`agree`]ing, but within [`SAME_CONTRACT_BAND`].
pub fn disagree(a: &Money, b: &Money) -> bool {
    a.currency == b.currency
        && !a.converted
        && !b.converted
        && !agree(a, b)
        && (relative_gap(a, b) <= SAME_CONTRACT_BAND
            || transposed(a, b)
            || one_digit_slip(a, b)
            || one_digit_changed(a, b))
}

/// The significant digits as written, at most 6: `£412m` → "412".
fn digit_string(m: &Money) -> String {
    let scale = 10f64.powf(m.amount.abs().log10().floor() - f64::from(m.digits) + 1.0);
    format!("{:.0}", (m.amount / scale).round())
}

/// One digit more or fewer at the same end of the scale: `£9 million`
/// against `£19m`, `£1.45bn` against `£1.4bn` is rounding, not this.
pub fn one_digit_slip(a: &Money, b: &Money) -> bool {
    if a.hedged || b.hedged || a.digits.abs_diff(b.digits) != 1 {
        return false;
    }
    let (short, long) = if a.digits < b.digits { (a, b) } else { (b, a) };
    let (s, l) = (digit_string(short), digit_string(long));
    // A digit inserted anywhere but at the end (that would be precision).
    let magnitude = |m: &Money| m.amount.abs().log10().floor();
    magnitude(long) - magnitude(short) == 1.0
        && (0..l.len() - 1).any(|i| format!("{}{}", &l[..i], &l[i + 1..]) == s)
}

/// The same digits in another order at the same scale: `£96m` and
/// `£69m`, `£1.2bn` and `£2.1bn` (a typing slip, not another contract).
/// `£23.6m` and `£28.6m`: three or more significant digits, the same
/// magnitude, one digit different. Two-digit figures (`£24m`, `£28m`)
/// differ that way too often by right to count.
pub fn one_digit_changed(a: &Money, b: &Money) -> bool {
    if a.hedged || b.hedged || a.digits != b.digits || a.digits < 3 {
        return false;
    }
    let magnitude = |m: &Money| m.amount.abs().log10().floor();
    let (x, y) = (digit_string(a), digit_string(b));
    magnitude(a) == magnitude(b)
        && x.len() == y.len()
        && x.chars().zip(y.chars()).filter(|(p, q)| p != q).count() == 1
}

pub fn transposed(a: &Money, b: &Money) -> bool {
    if a.digits != b.digits || a.digits < 2 || a.hedged || b.hedged {
        return false;
    }
    let digits = |m: &Money| {
        let mut d: Vec<char> = digit_string(m).chars().collect();
        d.sort_unstable();
        d
    };
    let magnitude = |m: &Money| m.amount.abs().log10().floor();
    (magnitude(a) - magnitude(b)).abs() <= 1.0 && digits(a) == digits(b)
}

/// The contract values an article gives in its body.
pub fn figure_claims(text: &str, article: &Article, mentions: &[Mention]) -> Vec<FigureClaim> {
    let mut out = Vec::new();
    let orgs_in = |span: &Span| -> Vec<Party> {
        mentions
            .iter()
            .filter(|m| m.span.start >= span.start && m.span.end <= span.end)
            .filter(|m| m.kind == EntityKind::Organization)
            .map(super::named)
            .collect()
    };
    let body = article.paragraphs.iter().flat_map(|p| p.sentences.iter());
    // A headline's figure (`Trust signs £210m deal`) belongs to the
    // organisations of the first sentence when it names none itself.
    let mut previous_orgs: Vec<Party> = body.clone().next().map(orgs_in).unwrap_or_default();
    let headline = article.headline.as_ref().map(|h| h.span.clone());
    let sentences: Vec<&Span> = headline.iter().chain(body).collect();
    for (k, &sentence) in sentences.iter().enumerate() {
        let end = sentence.end.min(text.len());
        if !text.is_char_boundary(sentence.start) || !text.is_char_boundary(end) {
            continue;
        }
        let here: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.span.start >= sentence.start && m.span.end <= end)
            .collect();
        let orgs: Vec<Party> = here
            .iter()
            .filter(|m| m.kind == EntityKind::Organization)
            .map(|m| super::named(m))
            .collect();
        let money: Vec<&Mention> = here
            .iter()
            .copied()
            .filter(|m| m.kind == EntityKind::Money)
            .collect();
        if !money.is_empty() {
            let t = Toks::new(text, sentence.start, end);
            for figure in deal_figures(text, &t, &money) {
                if figure.converted {
                    continue;
                }
                // `The trust signed a £9m contract with a local firm.` The
                // next sentence often names them: `Kelder Trust signed with
                // Orvane on Friday.`
                let unnamed = if previous_orgs.is_empty() {
                    sentences
                        .get(k + 1)
                        .map(|next| orgs_in(next))
                        .unwrap_or_default()
                } else {
                    previous_orgs.clone()
                };
                let parties = if orgs.is_empty() {
                    unnamed
                        .into_iter()
                        .map(|p| Party {
                            reference: super::Reference::Omitted,
                            ..p
                        })
                        .collect()
                } else {
                    orgs.clone()
                };
                if parties.is_empty() {
                    continue;
                }
                let parties = nearest_parties(parties, &figure.span);
                out.push(FigureClaim {
                    money: figure,
                    parties,
                    sentence: sentence.clone(),
                });
            }
        }
        if !orgs.is_empty() {
            previous_orgs = orgs;
        }
    }
    out
}

/// The money figures among `money` (a sentence's, in order; `t` its
/// tokens) that name a deal: `a £412m contract`, `worth £412m`, `a £83m
/// takeover`, `buy X for £38m`; each marked hedged (`about £400m`) or
/// converted (`$300m (£160m)`: the bracketed one).
pub(super) fn deal_figures(text: &str, t: &Toks, money: &[&Mention]) -> Vec<Money> {
    let mut out = Vec::new();
    for (n, m) in money.iter().enumerate() {
        let Some(mut figure) = money_of(text, m) else {
            continue;
        };
        let (a, b) = (t.at(m.span.start), t.at(m.span.end));
        // `a £27.5m, seven-year agreement`: one comma may part the figure
        // from its noun.
        let after = if t.punct(b, ",") { b + 1 } else { b };
        let names_a_deal = (after..(after + 4).min(t.len()))
            .take_while(|&j| !t.punct(j, ",") && !t.punct(j, "."))
            .any(|j| t.any(j, lexicon::CONTRACT_NOUNS) || t.any(j, lexicon::PRICE_NOUNS))
            || (a.saturating_sub(3)..a).any(|j| t.any(j, &["worth", "valued", "value"]))
            || (a > 0
                && t.is(a - 1, "for")
                && (a.saturating_sub(7)..a).any(|j| t.any(j, lexicon::BUY_VERBS)))
            || costs_a_signing(t, a);
        if !names_a_deal {
            continue;
        }
        figure.converted =
            a > 0 && t.punct(a - 1, "(") && n > 0 && t.at(money[n - 1].span.end) + 1 >= a;
        // `up to £8m`, but not `picked up an £8m deal`.
        figure.hedged = (a.saturating_sub(2)..a)
            .any(|j| t.any(j, HEDGES) && (!t.is(j, "up") || t.is(j + 1, "to")));
        out.push(figure);
    }
    out
}

/// `signed up for X at a cost of £6.4m`, `agreed a deal costing £6.4m`:
/// a cost is a deal's value only in a sentence that signs or awards one
/// (a programme's cost is re-estimated from year to year, not misreported).
fn costs_a_signing(t: &Toks, a: usize) -> bool {
    let cost = (a.saturating_sub(3)..a).any(|j| t.any(j, &["cost", "costing", "costs"]));
    cost && (0..t.len()).any(|j| {
        lexicon::trigger(t, j).is_some_and(|(_, kind)| {
            matches!(
                kind,
                super::EventKind::Signed | super::EventKind::Awarded | super::EventKind::Agreed
            )
        })
    })
}

/// Words before a figure that make it approximate.
pub(super) const HEDGES: &[&str] = &[
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "over",
    "than",
    "up",
    "least",
    "estimated",
    "under",
    "circa",
];
