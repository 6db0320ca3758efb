//! A small tokenizer for one region (sentence or headline) of an article:
//! words, numbers and single punctuation characters, with byte spans into
//! the full text. Genitive `’s`/`'s` is split off a word and recorded.

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

/// The character at byte `i` of `region`, if any (`i` on a boundary).
fn char_at(region: &str, i: usize) -> Option<char> {
    match region.as_bytes().get(i) {
        None => None,
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => region[i..].chars().next(),
    }
}

/// Tokenizes `text[start..end]` into `out` (cleared first).
pub(super) fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    out.clear();
    let region = &text[start..end];
    let b = region.as_bytes();
    let mut i = 0;
    let mut space = true;
    while i < b.len() {
        let Some(c) = char_at(region, i) else { break };
        let abs = start + i;
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        if c.is_alphabetic() {
            let (j, genitive) = word_end(region, i + c.len_utf8());
            let word = &region[i..j];
            let (shape, acronym, has_digit) = shape_of(word);
            out.push(Tok {
                start: abs,
                end: start + j,
                kind: Kind::Word,
                shape,
                num_end: start + j,
                genitive,
                space_before: space,
                initial: false,
                acronym,
                has_digit,
            });
            i = j;
            if genitive {
                // The apostrophe and the "s" (both known to be present).
                i += char_at(region, i).map_or(1, char::len_utf8) + 1;
            }
            space = false;
            continue;
        }
        if c.is_ascii_digit() {
            let (num_end, j) = number_end(b, i);
            out.push(Tok {
                start: abs,
                end: start + j,
                kind: Kind::Num,
                shape: Shape::None,
                num_end: start + num_end,
                genitive: false,
                space_before: space,
                initial: false,
                acronym: false,
                has_digit: true,
            });
            i = j;
            space = false;
            continue;
        }
        out.push(Tok {
            start: abs,
            end: abs + c.len_utf8(),
            kind: Kind::Punct,
            shape: Shape::None,
            num_end: abs,
            genitive: false,
            space_before: space,
            initial: false,
            acronym: false,
            has_digit: false,
        });
        i += c.len_utf8();
        space = false;
    }
    mark_initials(text, out);
}

/// Where a word whose first letter ends at `j` ends: through inner
/// apostrophes and hyphens (not before a split suffix such as `-based`);
/// and whether a genitive `’s` follows it.
fn word_end(region: &str, mut j: usize) -> (usize, bool) {
    while let Some(d) = char_at(region, j) {
        if d.is_alphanumeric() {
            j += d.len_utf8();
            continue;
        }
        let after = j + d.len_utf8();
        if is_apostrophe(d) {
            match char_at(region, after) {
                Some(s)
                    if (s == 's' || s == 'S')
                        && !char_at(region, after + 1).is_some_and(char::is_alphanumeric) =>
                {
                    return (j, true);
                }
                Some(s) if s.is_alphanumeric() => {
                    j = after;
                    continue;
                }
                _ => break,
            }
        }
        if d == '-' && char_at(region, after).is_some_and(char::is_alphanumeric) {
            let rest = &region[after..];
            let run_end = rest
                .char_indices()
                .find(|(_, ch)| !ch.is_alphanumeric())
                .map_or(rest.len(), |(k, _)| k);
            if SPLIT_SUFFIXES.contains(&&rest[..run_end]) {
                break;
            }
            j = after;
            continue;
        }
        break;
    }
    (j, false)
}

/// Where the digits of a number starting at byte `i` end (through `1,000`
/// groups and a decimal point), and where a letter suffix (`bn`) after
/// them ends.
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
        tokenize(s, 0, s.len(), &mut v);
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
    fn shapes() {
        let s = "BT NPfIT SHAs iPhone RiO Pryce-Whitby McDonald I LC1 TessOS";
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
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
            tokenize(s, 0, s.len(), &mut v);
        }
    }
}
