//! Sentence splitting for news prose.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes and
//! brackets) followed by whitespace and a word that does not start in
//! lowercase — unless the period belongs to an abbreviation, an initial or
//! a list number. Periods not followed by whitespace (`£836.10`, `v2.1`,
//! `bbc.co.uk`) never end a sentence. A paragraph end always does.

use super::Span;

/// Splits `text[span]` into sentences, each trimmed of whitespace.
/// Out-of-range or non-boundary span ends are clamped, never a panic.
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    let end = floor_boundary(text, span.end.min(text.len()));
    let start = floor_boundary(text, span.start.min(end));
    let s = &text[start..end];
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if current.is_none() {
            if is_space(c) {
                i += c.len_utf8();
                continue;
            }
            current = Some(i);
        }
        if !is_terminator(c) {
            // Jump to the next byte that can start a terminator (`…` and
            // `‽` start with 0xE2, a lead byte, so this is a char boundary).
            let from = i + c.len_utf8();
            match s.as_bytes()[from..]
                .iter()
                .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
            {
                Some(k) => i = from + k,
                None => break,
            }
            continue;
        }
        // The run of terminators (`?!`, `...`) and closers (`.”`, `?)`).
        let run_start = i;
        let mut j = i;
        let mut terminators = 0;
        let mut only_dots = true;
        while let Some(t) = s[j..].chars().next().filter(|&t| is_terminator(t)) {
            terminators += 1;
            only_dots &= t == '.';
            j += t.len_utf8();
        }
        let run_end = j;
        while let Some(q) = s[j..].chars().next().filter(|&q| is_closer(q)) {
            j += q.len_utf8();
        }
        let Some(after) = s[j..].chars().next() else {
            break; // paragraph end: the final push below closes it
        };
        if !is_space(after) {
            // `3.5`, `bbc.co.uk`, `wait…what`
            i = run_end;
            continue;
        }
        let next_start = skip(s, j, is_space);
        let next_word = skip(s, next_start, is_opener);
        let Some(next) = s[next_word..].chars().next() else {
            break;
        };
        let single_dot = only_dots && terminators == 1;
        let sentence_start = current.unwrap_or(run_start);
        if ends_sentence(s, sentence_start, run_start, single_dot, next) {
            out.push(start + sentence_start..start + j);
            current = None;
            i = next_start;
        } else {
            i = j;
        }
    }
    if let Some(from) = current {
        let to = s[from..].trim_end_matches(is_space).len() + from;
        if to > from {
            out.push(start + from..start + to);
        }
    }
    out
}

/// Whether the terminator run at `dot` ends the sentence that began at
/// `sentence_start`, given the first letter of the next word.
fn ends_sentence(s: &str, sentence_start: usize, dot: usize, single_dot: bool, next: char) -> bool {
    if next.is_lowercase() {
        // `“Are you sure?” she asked.`, `etc. and`, `Ltd. said`
        return false;
    }
    if !single_dot {
        return true;
    }
    let token_start = s[..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c) || (is_opener(c) && c != '\''))
        .map_or(0, |(k, c)| k + c.len_utf8())
        .max(sentence_start);
    let token = &s[token_start..dot];
    if token.is_empty() {
        return true;
    }
    if is_title(token)
        || ALWAYS_ABBREVIATIONS
            .iter()
            .any(|a| a.eq_ignore_ascii_case(token))
    {
        return false;
    }
    let digit_follows = next.is_ascii_digit();
    if digit_follows
        && (is_month_abbreviation(token)
            || matches!(token, "No" | "Nos" | "no" | "nos" | "Art" | "Fig"))
    {
        return false;
    }
    // `J. K. Rowling`
    let mut chars = token.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        return false;
    }
    // `U.S.`, `U.K.`, `U.N.`: dotted capitals.
    if is_dotted_acronym(token) {
        return false;
    }
    // `1. The first point`: a list number opening the sentence.
    if token_start == sentence_start
        && token.bytes().all(|b| b.is_ascii_digit())
        && token.len() <= 2
    {
        return false;
    }
    true
}

/// Titles written before a name; they never end a sentence.
fn is_title(token: &str) -> bool {
    matches!(
        token,
        "Dr" | "Mr"
            | "Mrs"
            | "Ms"
            | "Mx"
            | "Prof"
            | "St"
            | "Sen"
            | "Gov"
            | "Gen"
            | "Rev"
            | "Rep"
            | "Sgt"
            | "Capt"
            | "Lt"
            | "Col"
            | "Maj"
            | "Cmdr"
            | "Adm"
            | "Hon"
            | "Pres"
            | "Supt"
            | "Insp"
            | "Det"
            | "Cllr"
            | "Fr"
            | "Mt"
            | "Messrs"
            | "Mme"
            | "Mlle"
            | "Rt"
    )
}

/// Abbreviations that do not end a sentence whatever follows (lowercase).
const ALWAYS_ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "vs", "v", "approx", "cf", "viz", "ca", "incl", "esp",
];

fn is_month_abbreviation(token: &str) -> bool {
    matches!(
        token,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// `U.S`, `U.K`, `E.U` (the final period is not part of the token).
fn is_dotted_acronym(token: &str) -> bool {
    let mut letters = 0;
    for (k, part) in token.split('.').enumerate() {
        let mut chars = part.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_uppercase() => letters += 1,
            _ => return false,
        }
        if k > 8 {
            return false;
        }
    }
    letters >= 2
}

fn skip(s: &str, from: usize, pred: fn(char) -> bool) -> usize {
    s[from..]
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(s.len(), |(k, _)| from + k)
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | ')' | ']' | '}' | '»' | '›' | '*' | '_'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '"' | '\'' | '(' | '[' | '{' | '«' | '‹' | '¿' | '¡' | '*' | '_'
    )
}

/// Whitespace as scraped pages have it: Unicode spaces, NBSP, zero-width
/// spaces and a stray byte-order mark.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, 0..text.len())
            .into_iter()
            .map(|s| &text[s])
            .collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("  The board met. It agreed! Did it? Yes.  "),
            vec!["The board met.", "It agreed!", "Did it?", "Yes."]
        );
    }

    #[test]
    fn titles_and_initials() {
        assert_eq!(
            split(
                "Dr. Smith met Mr. Jones and Prof. Brown at St. Paul's. J. K. Rowling was there."
            ),
            vec![
                "Dr. Smith met Mr. Jones and Prof. Brown at St. Paul's.",
                "J. K. Rowling was there."
            ]
        );
    }

    #[test]
    fn company_abbreviations_end_only_before_capitals() {
        assert_eq!(
            split("Acme Ltd. said profits rose. He joined Acme Inc. The deal closed."),
            vec![
                "Acme Ltd. said profits rose.",
                "He joined Acme Inc.",
                "The deal closed."
            ]
        );
        assert_eq!(
            split("Shares in Foo plc. fell."),
            vec!["Shares in Foo plc. fell."]
        );
    }

    #[test]
    fn latin_and_etc() {
        assert_eq!(
            split("Some fruit, e.g. Apples, i.e. Coxes. Pears etc. were sold. Then etc. Next."),
            vec![
                "Some fruit, e.g. Apples, i.e. Coxes.",
                "Pears etc. were sold.",
                "Then etc.",
                "Next."
            ]
        );
    }

    #[test]
    fn numbers_months_and_acronyms() {
        assert_eq!(
            split(
                "It is No. 10 on Jan. 5 in the U.K. and U.S. Officials agreed. Smith vs. Jones began."
            ),
            vec![
                "It is No. 10 on Jan. 5 in the U.K. and U.S. Officials agreed.",
                "Smith vs. Jones began."
            ]
        );
        assert_eq!(
            split("He said no. Then he left."),
            vec!["He said no.", "Then he left."]
        );
        assert_eq!(
            split("We met in Jan. The rest followed."),
            vec!["We met in Jan.", "The rest followed."]
        );
    }

    #[test]
    fn decimals_versions_and_urls() {
        assert_eq!(
            split(
                "It cost £836.10 or 3.5% more. Version v2.1 is at bbc.co.uk today. Mail a.b@example.com now."
            ),
            vec![
                "It cost £836.10 or 3.5% more.",
                "Version v2.1 is at bbc.co.uk today.",
                "Mail a.b@example.com now."
            ]
        );
    }

    #[test]
    fn closing_quotes_belong_to_the_sentence() {
        assert_eq!(
            split("He said: “We are here.” Then he left. “Are you sure?” she asked. ‘Yes.’ Fine."),
            vec![
                "He said: “We are here.”",
                "Then he left.",
                "“Are you sure?” she asked.",
                "‘Yes.’",
                "Fine."
            ]
        );
        assert_eq!(split("\"Go.\" He went."), vec!["\"Go.\"", "He went."]);
        assert_eq!(
            split("It ended (finally.) Next one."),
            vec!["It ended (finally.)", "Next one."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            split("Wait... Then it came… and went… Really."),
            vec!["Wait...", "Then it came… and went…", "Really."]
        );
        assert_eq!(split("Well…what now?"), vec!["Well…what now?"]);
    }

    #[test]
    fn paragraph_end_ends_a_sentence_without_terminator() {
        assert_eq!(
            split("One. Two without a stop  \n"),
            vec!["One.", "Two without a stop"]
        );
        assert_eq!(split("No terminator at all"), vec!["No terminator at all"]);
    }

    #[test]
    fn hard_wrapped_lines_and_list_numbers() {
        assert_eq!(
            split("The council met on\nTuesday. It voted\r\nto close the\nlibrary."),
            vec![
                "The council met on\nTuesday.",
                "It voted\r\nto close the\nlibrary."
            ]
        );
        assert_eq!(
            split("1. The first point is this."),
            vec!["1. The first point is this."]
        );
    }

    #[test]
    fn sub_span_offsets() {
        let text = "Head\n\nFirst one. Second one.\n\nTail.";
        let spans = split_sentences(text, 6..28);
        assert_eq!(spans, vec![6..16, 17..28]);
        assert_eq!(&text[17..28], "Second one.");
    }

    #[test]
    fn hostile_input() {
        assert!(split("").is_empty());
        assert!(split(" \u{a0}\u{200b} \n").is_empty());
        assert_eq!(
            split("a\0b. C\u{301}é. 🎉. Ok"),
            vec!["a\0b.", "C\u{301}é.", "🎉.", "Ok"]
        );
        // Spans that are out of range or cut a character are clamped.
        let text = "é. F.";
        assert_eq!(split_sentences(text, 1..100), vec![0..3, 4..6]);
        assert!(split_sentences(text, 50..60).is_empty());
        let big = "Word. ".repeat(200_000);
        assert_eq!(split(&big).len(), 200_000);
        let line = "x".repeat(5_000_000);
        assert_eq!(split(&line).len(), 1);
        assert_eq!(split("....... !!! ???"), vec![".......", "!!!", "???"]);
    }
}
