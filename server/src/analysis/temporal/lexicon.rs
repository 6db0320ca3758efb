//! Tokens and word lists shared by the finder, the tense reader and the
//! event extractor.

use jiff::civil::Weekday;
use std::collections::HashSet;
use std::sync::LazyLock;

pub(crate) use crate::analysis::tokens::Kind;
use crate::analysis::tokens::{self, Token};
use std::borrow::Cow;

/// The tokens of one sentence (see [`crate::analysis::tokens`]) with the
/// text they index.
pub(crate) struct Toks<'a> {
    pub text: &'a str,
    pub t: Cow<'a, [Token]>,
}

impl<'a> Toks<'a> {
    /// Tokenises `text[start..end]`; out-of-range or off-boundary ends are
    /// clamped, never a panic.
    pub fn new(text: &'a str, start: usize, end: usize) -> Toks<'a> {
        Toks {
            text,
            t: Cow::Owned(tokens::tokenize(text, start..end)),
        }
    }

    /// Tokens already cut from `text`.
    pub fn of(text: &'a str, t: &'a [Token]) -> Toks<'a> {
        Toks {
            text,
            t: Cow::Borrowed(t),
        }
    }

    pub fn len(&self) -> usize {
        self.t.len()
    }

    pub fn s(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.t.get(i).map(|t| t.kind)
    }

    pub fn is(&self, i: usize, w: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(w)
    }

    pub fn any(&self, i: usize, ws: &[&str]) -> bool {
        let s = self.s(i);
        !s.is_empty() && ws.iter().any(|w| s.eq_ignore_ascii_case(w))
    }

    /// Index in `ws` of the token's word.
    pub fn which(&self, i: usize, ws: &[&str]) -> Option<usize> {
        let s = self.s(i);
        if s.is_empty() {
            return None;
        }
        ws.iter().position(|w| s.eq_ignore_ascii_case(w))
    }

    pub fn word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    /// A word starting with an uppercase letter.
    pub fn cap(&self, i: usize) -> bool {
        self.word(i) && self.s(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn punct(&self, i: usize, c: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.s(i) == c
    }

    /// Token `i` touches token `i - 1` (no whitespace between).
    pub fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before) && i > 0
    }

    pub fn num(&self, i: usize) -> Option<u32> {
        if self.kind(i) != Some(Kind::Num) || self.s(i).len() > 4 {
            return None;
        }
        self.s(i).parse().ok()
    }

    pub fn start(&self, i: usize) -> usize {
        self.t.get(i).map_or(self.text.len(), |t| t.start)
    }

    pub fn end(&self, i: usize) -> usize {
        self.t.get(i).map_or(self.text.len(), |t| t.end)
    }

    /// Index of the first token starting at or after byte `offset`.
    pub fn at(&self, offset: usize) -> usize {
        self.t.partition_point(|t| t.start < offset)
    }

    /// A hyphen or dash.
    pub fn dash(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Punct) && matches!(self.s(i), "-" | "–" | "—" | "‑")
    }

    /// An apostrophe.
    pub fn apostrophe(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Punct) && matches!(self.s(i), "'" | "’")
    }
}

pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const MONTH_ABBREVIATIONS: [(&str, i8); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// A capitalised full month name → (month, whether abbreviated).
pub(crate) fn month(t: &Toks, i: usize) -> Option<(i8, bool)> {
    if !t.cap(i) {
        return None;
    }
    if let Some(m) = t.which(i, &MONTHS) {
        return Some((m as i8 + 1, false));
    }
    let s = t.s(i);
    MONTH_ABBREVIATIONS
        .iter()
        .find(|(a, _)| s.eq_ignore_ascii_case(a))
        .map(|&(_, m)| (m, true))
}

pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub(crate) fn weekday(t: &Toks, i: usize) -> Option<Weekday> {
    if !t.cap(i) {
        return None;
    }
    Some(match t.which(i, &WEEKDAYS)? {
        0 => Weekday::Monday,
        1 => Weekday::Tuesday,
        2 => Weekday::Wednesday,
        3 => Weekday::Thursday,
        4 => Weekday::Friday,
        5 => Weekday::Saturday,
        _ => Weekday::Sunday,
    })
}

/// `28`, `28th`, `1st` → 28, 28, 1.
pub(crate) fn day(t: &Toks, i: usize) -> Option<i8> {
    let s = t.s(i);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &s[digits..];
    if !(rest.is_empty()
        || ["st", "nd", "rd", "th"]
            .iter()
            .any(|x| rest.eq_ignore_ascii_case(x)))
    {
        return None;
    }
    let d: i8 = s[..digits].parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A four-digit number that could be a year.
pub(crate) fn year(t: &Toks, i: usize) -> Option<i16> {
    if t.kind(i) != Some(Kind::Num) || t.s(i).len() != 4 {
        return None;
    }
    let y: i16 = t.s(i).parse().ok()?;
    (1800..=2099).contains(&y).then_some(y)
}

/// Number words for `two years ago`.
pub(crate) fn count(t: &Toks, i: usize) -> Option<i32> {
    if let Some(n) = t.num(i) {
        return (n <= 999).then_some(n as i32);
    }
    if t.is(i, "an") {
        return Some(1);
    }
    t.which(i, &NUMBER_WORDS).map(|n| n.max(1) as i32)
}

/// Words an expression can start with (besides numbers): every other word
/// is skipped without trying the matchers.
pub(crate) fn may_start(word: &str) -> bool {
    static STARTERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        let mut s: HashSet<&'static str> = [
            "the",
            "early",
            "mid",
            "late",
            "middle",
            "start",
            "beginning",
            "end",
            "close",
            "turn",
            "outset",
            "recent",
            "coming",
            "forthcoming",
            "first",
            "second",
            "third",
            "fourth",
            "final",
            "fy",
            "fiscal",
            "following",
            "next",
            "previous",
            "preceding",
            "same",
            "that",
            "few",
            "several",
            "many",
            "some",
            "a",
            "an",
            "yesterday",
            "today",
            "tomorrow",
            "tonight",
            "last",
            "this",
            "earlier",
            "later",
            "past",
            "christmas",
            "boxing",
            "new",
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
            "sun",
        ]
        .into_iter()
        .collect();
        s.extend(MONTHS);
        s.extend(WEEKDAYS);
        s.extend(SEASONS);
        s.extend(MONTH_ABBREVIATIONS.iter().map(|(a, _)| *a));
        s.extend(NUMBER_WORDS);
        s
    });
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 12 || !word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 12];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).is_ok_and(|w| STARTERS.contains(w))
}

/// Whether token `i` (a word) may start an expression: a starter, and for
/// the commonest ones (`the`, `a`, `that`...) one followed by a word that
/// can continue an expression.
pub(crate) fn worth_trying(t: &Toks, i: usize) -> bool {
    let w = t.s(i);
    if !may_start(w) {
        return false;
    }
    const WEAK: &[&str] = &[
        "the",
        "a",
        "an",
        "that",
        "some",
        "many",
        "several",
        "few",
        "first",
        "second",
        "third",
        "fourth",
        "final",
        "new",
        "this",
        "last",
        "next",
        "past",
        "end",
        "start",
        "close",
        "turn",
        "same",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "following",
        "previous",
        "preceding",
        "coming",
        "recent",
        "late",
        "early",
    ];
    if !t.any(i, WEAK) {
        return true;
    }
    const CONTINUE: &[&str] = &[
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
        "quarter",
        "half",
        "weekend",
        "night",
        "morning",
        "afternoon",
        "evening",
        "financial",
        "fiscal",
        "of",
        "ago",
        "few",
        "new",
    ];
    let n = i + 1;
    match t.kind(n) {
        Some(Kind::Num) | Some(Kind::Alnum) => true,
        Some(Kind::Punct) => t.dash(n),
        Some(Kind::Word) => may_start(t.s(n)) || t.any(n, CONTINUE),
        None => false,
    }
}

const NUMBER_WORDS: [&str; 21] = [
    "a",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

pub(crate) const SEASONS: [&str; 5] = ["spring", "summer", "autumn", "winter", "fall"];

/// Words before a bare month or season that make it temporal.
pub(crate) const TEMPORAL_PREPS: &[&str] = &[
    "in",
    "on",
    "by",
    "since",
    "until",
    "till",
    "from",
    "to",
    "through",
    "during",
    "before",
    "after",
    "of",
    "for",
    "early",
    "mid",
    "late",
    "last",
    "next",
    "this",
    "between",
    "and",
    "or",
    "around",
    "throughout",
    "until",
    "til",
    "each",
    "every",
    "as",
    "into",
    "over",
    "than",
    "at",
    "circa",
    "following",
    "within",
    "ending",
    "ended",
    "beginning",
    "starting",
    "late",
    "later",
    "earlier",
    "end",
    "start",
    "then",
];

/// Press titles and names that follow a weekday without making a date.
pub(crate) const WEEKDAY_NAMES_AFTER: &[&str] = &[
    "times",
    "telegraph",
    "mirror",
    "express",
    "post",
    "herald",
    "mail",
    "people",
    "sport",
    "independent",
    "tribune",
    "world",
    "business",
    "star",
    "sun",
    "observer",
    "club",
    "league",
    "school",
    "trading",
    "bloody",
];

/// Words that come before a weekday or month in a name.
pub(crate) const NAME_BEFORE: &[&str] = &[
    "good", "black", "easter", "super", "cyber", "ash", "maundy", "holy", "palm", "bloody", "whit",
    "plough", "shrove", "giving", "boxing", "theresa", "brian", "ms", "mrs", "mr", "father",
];

/// Plural nouns after a four-digit number that make it a count.
pub(crate) const COUNT_NOUNS: &[&str] = &[
    "staff",
    "people",
    "employees",
    "workers",
    "jobs",
    "posts",
    "homes",
    "houses",
    "patients",
    "practices",
    "beds",
    "units",
    "users",
    "members",
    "customers",
    "students",
    "pupils",
    "doctors",
    "nurses",
    "gps",
    "trusts",
    "sites",
    "computers",
    "pcs",
    "copies",
    "cars",
    "vehicles",
    "tonnes",
    "tons",
    "metres",
    "meters",
    "miles",
    "km",
    "feet",
    "acres",
    "hectares",
    "points",
    "votes",
    "seats",
    "calls",
    "cases",
    "deaths",
    "troops",
    "soldiers",
    "residents",
    "passengers",
    "flights",
    "pages",
    "words",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "times",
    "shares",
    "pounds",
    "dollars",
    "euros",
    "mw",
    "gw",
    "mb",
    "gb",
    "kg",
    "lbs",
    "children",
    "adults",
    "men",
    "women",
    "officers",
    "schools",
    "hospitals",
    "stores",
    "shops",
    "branches",
    "companies",
    "firms",
    "businesses",
    "applications",
    "responses",
    "complaints",
    "incidents",
    "items",
    "records",
    "systems",
    "licences",
    "licenses",
    "barrels",
    "rooms",
    "places",
    "visitors",
    "fans",
    "runs",
    "goals",
    "games",
    "matches",
    "%",
];

/// Words before a four-digit number that make it a count.
pub(crate) const QUANTIFIERS: &[&str] = &[
    "about",
    "around",
    "approximately",
    "nearly",
    "almost",
    "some",
    "roughly",
    "than",
    "least",
    "employs",
    "employ",
    "employing",
    "hired",
    "cut",
    "cutting",
    "number",
    "no",
    "page",
    "room",
    "flight",
    "route",
    "model",
    "version",
    "code",
    "extra",
    "additional",
    "another",
    "further",
    "total",
    "just",
    "over",
    "under",
    "below",
    "above",
    "exceeding",
];

/// Words that may stand capitalised right before a year (sentence starts
/// and temporal words); any other capitalised word makes a name (`Euro
/// 2008`, `Windows 2000`).
pub(crate) fn year_may_follow_capital(w: &str) -> bool {
    const OK: &[&str] = &[
        "in",
        "by",
        "since",
        "until",
        "till",
        "from",
        "during",
        "before",
        "after",
        "for",
        "between",
        "of",
        "through",
        "throughout",
        "and",
        "to",
        "the",
        "early",
        "late",
        "mid",
        "spring",
        "summer",
        "autumn",
        "winter",
        "fall",
        "christmas",
        "easter",
        "end",
        "start",
        "as",
        "at",
        "around",
        "circa",
        "c",
        "year",
        "fy",
        "fiscal",
        "financial",
        "but",
        "also",
        "then",
        "until",
        "so",
        "only",
        "even",
        "back",
        "not",
        "yet",
        "not",
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "that",
        "these",
        "those",
        "a",
        "an",
        "every",
        "each",
    ];
    OK.iter().any(|o| w.eq_ignore_ascii_case(o)) || MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m))
}

/// Auxiliaries and adverbs between an auxiliary and its verb.
pub(crate) const VERB_CHAIN: &[&str] = &[
    "be",
    "been",
    "being",
    "is",
    "are",
    "am",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "shall",
    "should",
    "could",
    "might",
    "may",
    "must",
    "to",
    "not",
    "also",
    "now",
    "already",
    "still",
    "finally",
    "officially",
    "just",
    "then",
    "only",
    "recently",
    "reportedly",
    "formally",
    "eventually",
    "ll",
    "s",
    "never",
    "first",
    "originally",
    "initially",
    "duly",
    "quickly",
    "successfully",
    "jointly",
    "apparently",
];
