//! Entity words of one region (sentence or headline) of an article, built
//! from the shared tokens ([`crate::analysis::tokens`]): words, numbers and
//! single punctuation characters, with byte spans into the full text.
//! Genitive `’s`/`'s` is split off a word and recorded.

use crate::analysis::tokens::{self, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Num,
    Punct,
}

/// The capitalisation of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Starts lowercase, no capitals.
    Lower,
    /// "Fujitsu", "Pryce-Whitby", "McDonald".
    Title,
    /// Two or more letters, all capitals ("BT", "LC1", "SHAs" counts too).
    Upper,
    /// Other mixes: "iPhone", "RiO", "NPfIT", "TessOS".
    Mixed,
    /// One capital letter ("I", "A", "J").
    Initial,
    /// No letters.
    None,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub shape: Shape,
    /// For numbers: where the digits end and a letter suffix ("bn") starts.
    pub num_end: usize,
    /// A genitive `’s` follows the word (not included in the span).
    pub genitive: bool,
    /// Whitespace (or the region start) precedes the token.
    pub space_before: bool,
    /// The token starts a sentence or a quotation.
    pub initial: bool,
    /// Letters of the word are mostly capitals with at most one lowercase
    /// letter (plural "s" excepted): an acronym shape ("BT", "NPfIT", "SHAs").
    pub acronym: bool,
    /// The word contains a digit ("X3", "LC1", "VRD-114").
    pub has_digit: bool,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    pub fn is_punct(&self, text: &str, c: char) -> bool {
        self.kind == Kind::Punct && text[self.start..self.end].starts_with(c)
    }

    pub fn is_word(&self, text: &str, w: &str) -> bool {
        self.kind == Kind::Word && text[self.start..self.end].eq_ignore_ascii_case(w)
    }

    pub fn is_cap(&self) -> bool {
        self.kind == Kind::Word && matches!(self.shape, Shape::Title | Shape::Upper | Shape::Mixed)
    }
}

const SPLIT_SUFFIXES: [&str; 6] = ["based", "born", "owned", "listed", "headquartered", "bred"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The character at byte `i` of `s`, if any (`i` on a boundary).
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        None => None,
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => s[i..].chars().next(),
    }
}

/// Builds the words of one region from its shared tokens into `out`
/// (cleared first): a word runs through inner apostrophes and hyphens
/// (not before a split suffix such as `-based`), a number through `1,000`
/// groups, a decimal point and a letter suffix (`bn`).
pub(super) fn tokenize(text: &str, shared: &[Token], out: &mut Vec<Tok>) {
    out.clear();
    // Numbers look ahead in the bytes up to the region's last token.
    let limit = shared.last().map_or(0, |t| t.end);
    let bytes = &text.as_bytes()[..limit];
    let mut a = 0;
    let mut pos = shared.first().map_or(0, |t| t.start);
    while let Some(run) = shared.get(a) {
        if pos >= run.end {
            a += 1;
            pos = shared.get(a).map_or(limit, |t| t.start);
            continue;
        }
        let space_before = pos == run.start && run.space_before;
        let Some(c) = char_at(text, pos) else { break };
        if c.is_alphabetic() {
            let (last, genitive) = word_end(text, shared, a);
            let end = shared[last].end;
            let (shape, acronym, has_digit) = shape_of(&text[pos..end]);
            out.push(Tok {
                start: pos,
                end,
                kind: Kind::Word,
                shape,
                num_end: end,
                genitive,
                space_before,
                initial: false,
                acronym,
                has_digit,
            });
            // Past the apostrophe and the "s" of a genitive.
            a = last + 1 + 2 * usize::from(genitive);
            pos = shared.get(a).map_or(limit, |t| t.start);
            continue;
        }
        if c.is_ascii_digit() {
            let (num_end, end) = number_end(bytes, pos);
            out.push(Tok {
                start: pos,
                end,
                kind: Kind::Num,
                shape: Shape::None,
                num_end,
                genitive: false,
                space_before,
                initial: false,
                acronym: false,
                has_digit: true,
            });
            while shared.get(a).is_some_and(|t| t.end <= end) {
                a += 1;
            }
            pos = shared.get(a).map_or(limit, |t| t.start.max(end));
            continue;
        }
        // Punctuation, or a numeral that is neither a letter nor an ASCII
        // digit ("½"): one character.
        out.push(Tok {
            start: pos,
            end: pos + c.len_utf8(),
            kind: Kind::Punct,
            shape: Shape::None,
            num_end: pos,
            genitive: false,
            space_before,
            initial: false,
            acronym: false,
            has_digit: false,
        });
        pos += c.len_utf8();
    }
    mark_initials(text, out);
}

/// The words of `text[span]` alone (a name candidate's, read again).
pub(super) fn tokenize_span(text: &str, span: crate::analysis::Span, out: &mut Vec<Tok>) {
    tokenize(text, &tokens::tokenize(text, span), out);
}

/// The last shared token of a word whose first run is `shared[a]`: it goes
/// on through an apostrophe or a hyphen glued between two runs (not before
/// a split suffix such as `-based`); and whether a genitive `’s` follows.
fn word_end(text: &str, shared: &[Token], mut a: usize) -> (usize, bool) {
    let glued = |x: &Token, y: &Token| x.end == y.start;
    while let (Some(sep), Some(next)) = (shared.get(a + 1), shared.get(a + 2)) {
        if sep.kind != tokens::Kind::Punct
            || !glued(&shared[a], sep)
            || !glued(sep, next)
            || !next.is_run()
        {
            break;
        }
        let d = char_at(text, sep.start).unwrap_or(' ');
        let word = &text[next.start..next.end];
        if is_apostrophe(d) {
            if word == "s" || word == "S" {
                return (a, true);
            }
        } else if d != '-' || SPLIT_SUFFIXES.contains(&word) {
            break;
        }
        a += 2;
    }
    (a, false)
}

/// Where the digits of a number starting at byte `i` end (through `1,000`
/// groups and a decimal point), and where a letter suffix (`bn`) after
/// them ends: `b` is the text up to the region's last token.
fn number_end(b: &[u8], i: usize) -> (usize, usize) {
    let mut j = i + 1;
    while j < b.len() {
        if b[j].is_ascii_digit() {
            j += 1;
        } else if b[j] == b','
            && b.get(j + 1..j + 4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !b.get(j + 4).is_some_and(u8::is_ascii_digit)
        {
            j += 4;
        } else if b[j] == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j += 1;
        } else {
            break;
        }
    }
    let num_end = j;
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    (num_end, j)
}

fn shape_of(word: &str) -> (Shape, bool, bool) {
    let b = word.as_bytes();
    // Fast path: plain lowercase ASCII words, the vast majority.
    if b.iter().all(|c| c.is_ascii_lowercase()) {
        return (Shape::Lower, false, false);
    }
    if b.len() > 1 && b[0].is_ascii_uppercase() && b[1..].iter().all(|c| c.is_ascii_lowercase()) {
        return (Shape::Title, false, false);
    }
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut has_digit = false;
    let mut first_upper = None;
    let mut inner_upper = false;
    let mut prev_sep = false;
    let mut prev_lower_m_c = false;
    for (k, c) in word.chars().enumerate() {
        if c.is_ascii_digit() || c.is_numeric() {
            has_digit = true;
        }
        if c.is_uppercase() {
            upper += 1;
            if first_upper.is_none() {
                first_upper = Some(k == 0);
            } else if !prev_sep && !prev_lower_m_c {
                inner_upper = true;
            }
        } else if c.is_lowercase() {
            lower += 1;
            if first_upper.is_none() {
                first_upper = Some(false);
            }
        }
        prev_sep = c == '-' || is_apostrophe(c);
        // "Mc" / "Mac" prefixes allow an inner capital.
        prev_lower_m_c = k == 1 && word.starts_with("Mc") || k == 2 && word.starts_with("Mac");
    }
    let letters = upper + lower;
    // A plural acronym: "SHAs", "GPs".
    let plural_lower = usize::from(word.ends_with('s') && upper >= 2);
    let acronym = upper >= 2 && lower.saturating_sub(plural_lower) <= 1 && upper > lower;
    let shape = if letters == 0 {
        Shape::None
    } else if upper == 0 {
        Shape::Lower
    } else if lower == 0 || (upper >= 2 && lower == plural_lower) {
        if upper == 1 && !has_digit && letters == 1 {
            Shape::Initial
        } else {
            Shape::Upper
        }
    } else if first_upper == Some(true) && !inner_upper {
        Shape::Title
    } else {
        Shape::Mixed
    };
    (shape, acronym, has_digit)
}

/// Sets `initial` on tokens whose capital may come from their position:
/// the first token, and tokens after sentence punctuation or an opening
/// quote or bracket.
fn mark_initials(text: &str, toks: &mut [Tok]) {
    for k in 0..toks.len() {
        let initial = if k == 0 {
            true
        } else {
            let p = toks[k - 1];
            if p.kind != Kind::Punct {
                false
            } else {
                let c = text[p.start..p.end].chars().next().unwrap_or(' ');
                match c {
                    '.' => {
                        // "Mr. Smith", "J. Smith": not a sentence start.
                        !(k >= 2 && {
                            let q = toks[k - 2];
                            let w = q.text(text);
                            q.kind == Kind::Word
                                && (q.shape == Shape::Initial
                                    || super::lexicon::is_honorific(w)
                                    || matches!(w, "St" | "Co" | "No" | "Inc" | "Ltd" | "Corp"))
                        })
                    }
                    '!' | '?' | ':' | ';' | '"' | '“' | '‘' | '(' | '[' | '–' | '—' | '•' | '*'
                    | '|' | '«' | '„' => true,
                    '\'' | '’' => p.space_before,
                    '-' => p.space_before,
                    _ => false,
                }
            }
        };
        toks[k].initial = initial;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, Kind, bool)> {
        let mut v = Vec::new();
        tokenize_span(s, 0..s.len(), &mut v);
        v.iter()
            .map(|t| (t.text(s).to_string(), t.kind, t.genitive))
            .collect()
    }

    #[test]
    fn genitives_and_numbers() {
        let t = toks("BT’s £1,099 million, Fujitsu's 10% Shenzhen-based O'Brien £1bn");
        let words: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            words,
            [
                "BT", "£", "1,099", "million", ",", "Fujitsu", "10", "%", "Shenzhen", "-", "based",
                "O'Brien", "£", "1bn"
            ]
        );
        assert!(t[0].2 && t[5].2 && !t[11].2);
    }

    #[test]
    fn words_join_shared_tokens_and_numbers_split_them() {
        let t = toks("1bn2 2é ½x rock-'n'-roll l'Oréal it's 1,000,000.5m US-based 3rd");
        let words: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            words,
            [
                "1bn",
                "2",
                "2",
                "é",
                "½",
                "x",
                "rock",
                "-",
                "'",
                "n",
                "'",
                "-",
                "roll",
                "l'Oréal",
                "it",
                "1,000,000.5m",
                "US",
                "-",
                "based",
                "3rd"
            ]
        );
        assert!(t[14].2 && !t[13].2);
        let s = "1,099.5bn";
        let mut v = Vec::new();
        tokenize_span(s, 0..s.len(), &mut v);
        assert_eq!((v.len(), v[0].num_end, v[0].space_before), (1, 7, true));
    }

    #[test]
    fn shapes() {
        let s = "BT NPfIT SHAs iPhone RiO Pryce-Whitby McDonald I LC1 TessOS";
        let mut v = Vec::new();
        tokenize_span(s, 0..s.len(), &mut v);
        let shapes: Vec<Shape> = v.iter().map(|t| t.shape).collect();
        use Shape::*;
        assert_eq!(
            shapes,
            [
                Upper, Mixed, Upper, Mixed, Mixed, Title, Title, Initial, Upper, Mixed
            ]
        );
        let acr: Vec<bool> = v.iter().map(|t| t.acronym).collect();
        assert_eq!(
            acr,
            [
                true, true, true, false, true, false, false, false, true, false
            ]
        );
    }

    #[test]
    fn no_panic_on_odd_text() {
        for s in [
            "’",
            "a’",
            "1,",
            "1.",
            "£",
            "é’s",
            "x-",
            "ünïcödé’S",
            "9,99",
            "1,0000",
        ] {
            let mut v = Vec::new();
            tokenize_span(s, 0..s.len(), &mut v);
        }
    }
}
