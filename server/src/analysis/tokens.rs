//! The one tokeniser of article text, shared by entity recognition and the
//! date finder: each stretch of text (a headline, a sentence) is cut once
//! into runs of letters and digits and single other characters, with byte
//! spans into the whole text. Entities build their words ("Pryce-Whitby",
//! "1,099", "O'Brien") by joining these tokens; the date finder reads them
//! as they are ("mid", "-", "2008").

use super::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters only (any alphanumeric character but an ASCII digit).
    Word,
    /// ASCII digits only.
    Num,
    /// Letters and digits: `28th`, `Q1`, `FY2009`, `1990s`.
    Alnum,
    /// One other character: `,`, `-`, `’`, `/`.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace (or the start of the stretch) precedes it.
    pub space_before: bool,
}

impl Token {
    /// A run of letters or digits (not punctuation).
    pub fn is_run(&self) -> bool {
        self.kind != Kind::Punct
    }
}

/// `span` cut to the text and to character boundaries, never a panic.
pub fn clamp(text: &str, span: Span) -> Span {
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start..end
}

/// The tokens of `text[span]` (clamped), with offsets into `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let Span { start, end } = clamp(text, span);
    let mut t = Vec::with_capacity((end - start) / 5);
    let s = &text[start..end];
    // The current run: its start, whether it has letters, digits, and
    // whitespace before it.
    let mut cur: Option<(usize, bool, bool, bool)> = None;
    let mut space = true;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            let digit = c.is_ascii_digit();
            match &mut cur {
                Some((_, l, d, _)) => {
                    *l |= !digit;
                    *d |= digit;
                }
                None => cur = Some((i, !digit, digit, space)),
            }
            space = false;
            continue;
        }
        if let Some((b, l, d, sp)) = cur.take() {
            t.push(Token {
                start: start + b,
                end: start + i,
                kind: kind(l, d),
                space_before: sp,
            });
        }
        if c.is_whitespace() {
            space = true;
        } else {
            t.push(Token {
                start: start + i,
                end: start + i + c.len_utf8(),
                kind: Kind::Punct,
                space_before: space,
            });
            space = false;
        }
    }
    if let Some((b, l, d, sp)) = cur {
        t.push(Token {
            start: start + b,
            end,
            kind: kind(l, d),
            space_before: sp,
        });
    }
    t
}

fn kind(letters: bool, digits: bool) -> Kind {
    match (letters, digits) {
        (true, true) => Kind::Alnum,
        (false, true) => Kind::Num,
        _ => Kind::Word,
    }
}

/// A stretch of an article read on its own (the headline or a sentence),
/// tokenised once for every reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Within the text and on character boundaries.
    pub span: Span,
    pub headline: bool,
    pub tokens: Vec<Token>,
}

impl Region {
    pub fn new(text: &str, span: Span, headline: bool) -> Region {
        let span = clamp(text, span);
        Region {
            tokens: tokenize(text, span.clone()),
            span,
            headline,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(s: &str, span: Span) -> Vec<(&str, Kind, bool)> {
        tokenize(s, span)
            .iter()
            .map(|t| (&s[t.start..t.end], t.kind, t.space_before))
            .collect()
    }

    #[test]
    fn runs_and_punctuation() {
        use Kind::*;
        assert_eq!(
            cut("In mid-2008, Q1’s 1,000 café", 0..31),
            [
                ("In", Word, true),
                ("mid", Word, true),
                ("-", Punct, false),
                ("2008", Num, false),
                (",", Punct, false),
                ("Q1", Alnum, true),
                ("’", Punct, false),
                ("s", Word, false),
                ("1", Num, true),
                (",", Punct, false),
                ("000", Num, false),
                ("café", Word, true),
            ]
        );
    }

    #[test]
    fn a_stretch_starts_after_space_and_is_clamped() {
        let s = "ab cd";
        assert_eq!(cut(s, 3..5), [("cd", Kind::Word, true)]);
        assert_eq!(
            cut(s, 1..99),
            [("b", Kind::Word, true), ("cd", Kind::Word, true)]
        );
        assert_eq!(cut("é", 1..2), [("é", Kind::Word, true)]);
        let backwards = Span { start: 4, end: 2 };
        assert!(cut(s, backwards).is_empty());
    }
}
