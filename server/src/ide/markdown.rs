//! Markdown for hover cards. Article text is untrusted input: everything
//! quoted from an article goes through [`escape`], and hover content is
//! never marked as trusted.

/// Escapes text so that Markdown renders it literally: no links, no
/// command URIs, no HTML, no emphasis, no headings, no code spans.
/// Line breaks become spaces, so a quote stays on its line of the card.
/// Characters that only matter at the start of a line (`-`, `+`, `1.`) or
/// around a word (`_`) are escaped only there, so that clients which show
/// escapes literally (Neovim) stay readable.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let chars: Vec<char> = text.chars().collect();
    let mut only_digits = true;
    for (i, &ch) in chars.iter().enumerate() {
        let at_start = i == 0;
        let escape_here = match ch {
            '\\' | '`' | '*' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '!' | '|' | '~' | '>'
            | ':' => true,
            '_' => {
                let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
                !(i > 0 && word(chars.get(i - 1)) && word(chars.get(i + 1)))
            }
            '-' | '+' | '=' => at_start,
            '.' => i > 0 && only_digits,
            _ => false,
        };
        only_digits &= ch.is_ascii_digit();
        match ch {
            _ if escape_here => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A Markdown link to a file URI whose text is escaped and whose target
/// cannot break out of the link syntax.
pub fn link(label: &str, target: &str) -> String {
    let target: String = target
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!("[{}]({})", escape(label), target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_renders_literally() {
        let hostile = "[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> `rm -rf` **bold** # Heading\n- item _x_ ![i](http://x)";
        let escaped = escape(hostile);
        // Every Markdown-active character is preceded by a backslash.
        let chars: Vec<char> = escaped.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if "[]()`*_#!:".contains(*c) {
                assert_eq!(chars[i - 1], '\\', "unescaped {c:?} at {i} in {escaped}");
            }
        }
        assert!(!escaped.contains('<') && !escaped.contains('\n'));
        assert!(
            escaped.starts_with("\\[click\\]\\(command\\:workbench.action"),
            "{escaped}"
        );
        assert!(
            escaped.contains("&lt;img src=x onerror=alert\\(1\\)\\>"),
            "{escaped}"
        );
    }

    #[test]
    fn line_start_syntax_is_escaped_only_where_it_counts() {
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("1984. Then"), "1984\\. Then");
        assert_eq!(escape("re-set 002_66e3.txt"), "re-set 002_66e3.txt");
        assert_eq!(escape("_x_ a_"), "\\_x\\_ a\\_");
    }

    #[test]
    fn links_escape_their_label_and_target() {
        let l = link("a](command:x)", "file:///tmp/a b(1).txt#L3");
        assert_eq!(
            l,
            "[a\\]\\(command\\:x\\)](file:///tmp/a%20b%281%29.txt#L3)"
        );
    }
}
