//! Page chrome left behind by scrapers: newsletter boxes, share buttons,
//! cookie banners, related-story lists and comment threads.
//!
//! Found by general rules, never by any one site's strings:
//! - *cue lines*: short lines matching a lexicon of page chrome;
//! - *repeated lines*: a line that occurs twice in one article;
//! - *tails*: a "related …" or comments header after the body starts a
//!   tail that runs to the end of the article;
//! - *link lists*: two or more title lines (`Title – Outlet`) after the body.
//!
//! Marked lines are merged into line-aligned regions.

use super::Span;
use super::lines::Line;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BoilerplateKind {
    Newsletter,
    RelatedLinks,
    Comments,
    Social,
    Repeated,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Boilerplate {
    /// Starts at the beginning of a line, ends at the end of a line (before its newline).
    pub span: Span,
    pub kind: BoilerplateKind,
}

/// What a cue line says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub kind: BoilerplateKind,
    /// A section header after which the rest of the article is chrome.
    pub starts_tail: bool,
    /// False when the phrase could also be a headline or prose
    /// (`Shell share on the rise`); such a line is boilerplate unless
    /// something else claims it.
    pub strong: bool,
}

/// Lines longer than this (in words) are never cues.
const MAX_CUE_WORDS: usize = 40;
/// Lines up to this many words are "short": repeated short lines are all
/// chrome, while of a repeated long line only the later copies are.
const SHORT_REPEAT_WORDS: usize = 12;

#[derive(Clone, Copy)]
enum Mode {
    /// The whole line is the phrase.
    Exact,
    /// The line is the phrase plus at most three words (`Related News`,
    /// `Comments (3)`, `More from BBC News`). With `lead`, a longer line
    /// starting with it (`Read more: …`) is a non-tail cue unless it reads
    /// like a sentence.
    Header { tail: bool, lead: bool },
    /// The phrase anywhere in a line of at most `max_words` words;
    /// without `prose_ok`, not in a line that reads like a sentence.
    Within { max_words: usize, prose_ok: bool },
}

use BoilerplateKind::{Comments, Newsletter, Other, RelatedLinks, Social};

const fn exact(
    kind: BoilerplateKind,
    words: &'static [&'static str],
) -> (BoilerplateKind, Mode, &'static [&'static str]) {
    (kind, Mode::Exact, words)
}
const fn header(
    kind: BoilerplateKind,
    tail: bool,
    lead: bool,
    words: &'static [&'static str],
) -> (BoilerplateKind, Mode, &'static [&'static str]) {
    (kind, Mode::Header { tail, lead }, words)
}
const fn within(
    kind: BoilerplateKind,
    max_words: usize,
    prose_ok: bool,
    words: &'static [&'static str],
) -> (BoilerplateKind, Mode, &'static [&'static str]) {
    (
        kind,
        Mode::Within {
            max_words,
            prose_ok,
        },
        words,
    )
}

/// The lexicon, in normalised form: lowercase, apostrophes dropped, other
/// punctuation turned into single spaces.
#[rustfmt::skip]
const LEXICON: &[(BoilerplateKind, Mode, &[&str])] = &[
    exact(Newsletter, &["subscribe", "sign up", "signup", "sign in", "signin", "sign out", "log in", "login",
        "log out", "logout", "register", "newsletter", "newsletters", "my account", "subscribe now",
        "sign up now", "join now", "become a member", "get the newsletter"]),
    within(Newsletter, 12, true, &["our newsletter", "our newsletters", "free newsletter", "daily newsletter",
        "weekly newsletter", "email newsletter", "newsletter sign up", "newsletter signup", "sign up to our",
        "sign up for our", "sign up for free", "sign up here", "sign up today", "subscribe to our",
        "subscribe today", "subscribe here", "already a subscriber", "become a subscriber",
        "subscribers only", "subscriber only", "create an account", "create a free account",
        "register for free", "register now", "already registered", "already have an account",
        "to your inbox", "enter your email", "unsubscribe at any time", "sign in to your account",
        "log in to your account"]),
    within(Newsletter, 8, false, &["newsletter", "email address"]),

    header(RelatedLinks, true, true, &["related", "related news", "related articles", "related stories",
        "related content", "related links", "related topics", "related coverage", "related posts",
        "related reading", "related internet links", "related video", "related videos", "see also",
        "more on this story", "more on this topic", "further reading"]),
    header(RelatedLinks, true, false, &["you may also like", "you might also like", "you may also be interested in",
        "you might be interested in", "more like this", "around the web", "from around the web",
        "recommended", "recommended for you", "recommended stories", "recommended articles",
        "recommended reading", "more stories", "more from", "more news", "top stories", "most read",
        "most popular", "most viewed", "most shared", "most commented", "most watched", "trending",
        "trending now", "popular now", "editors picks", "in case you missed it", "dont miss",
        "also in the news", "latest news", "latest stories", "elsewhere on the web", "what to read next",
        "read next", "up next", "more to explore"]),
    header(RelatedLinks, false, true, &["read more", "also read", "read also", "more on this"]),
    header(Other, true, true, &["topics", "tags", "filed under", "categories", "more about"]),

    header(Comments, true, false, &["comments", "comment", "join the conversation", "join the discussion",
        "join the debate", "leave a comment", "leave a reply", "post a comment", "add a comment",
        "add your comment", "write a comment", "have your say", "reader comments", "readers comments",
        "comments are closed", "show comments", "view comments", "load comments", "see comments",
        "read comments", "discuss this article", "comment on this article"]),
    within(Comments, 14, true, &["send me notifications", "notify me of", "create a username",
        "username to comment", "log in to comment", "login to comment", "sign in to comment",
        "register to comment", "log in to reply", "sign in to reply", "report abuse", "report this comment",
        "will not be published", "required fields are marked", "comments are moderated", "comment policy",
        "community guidelines", "newest first", "oldest first", "most liked", "load more comments",
        "show more comments", "view all comments", "be the first to comment", "no comments yet",
        "this comment has been", "reply to this comment", "view replies", "hide replies",
        "characters remaining"]),
    exact(Comments, &["reply", "replies", "report", "like", "likes", "flag", "permalink", "recommend",
        "load more", "upvote", "downvote"]),

    within(Social, 10, true, &["share this", "share article", "share page", "share story", "share the story",
        "follow us", "follow me on", "tweet this", "email this", "email to a friend", "like us on",
        "find us on", "connect with us", "copy link", "click to share", "opens in new window",
        "opens in a new window", "share with friends", "share by email", "more sharing options"]),
    within(Social, 8, false, &["share on", "share via", "share to"]),

    within(Other, 40, true, &["we use cookies", "this site uses cookies", "this website uses cookies"]),
    within(Other, 14, true, &["accept cookies", "accept all cookies", "reject all cookies", "cookie policy",
        "cookies policy", "cookie settings", "cookie preferences", "cookie notice", "manage cookies",
        "use of cookies", "all rights reserved", "skip to content", "skip to main content",
        "skip to navigation", "back to top", "print this page", "print this article", "sponsored content",
        "paid content", "paid post", "promoted content", "advertisement feature", "accessibility help",
        "continue reading", "javascript is disabled", "enable javascript", "your browser does not support"]),
    within(Other, 4, true, &["min read", "mins read", "minute read", "minutes read"]),
    within(Other, 12, false, &["privacy policy", "privacy notice", "terms and conditions", "terms of use",
        "terms of service", "sponsored by", "advertise with us"]),
    exact(Other, &["advertisement", "advert", "ad", "ads", "advertising", "sponsored", "promoted", "print",
        "close", "menu", "search", "home", "skip", "loading", "top", "next", "previous", "next article",
        "previous article", "back", "more", "show more", "hide", "cookies", "accept", "got it", "ok",
        "i agree", "agree", "dismiss", "continue", "close menu", "open menu", "contact us", "about us"]),
];

/// Words that make up share-button rows (`Facebook Twitter Email`).
const SOCIAL_WORDS: &[&str] = &[
    "share",
    "facebook",
    "twitter",
    "linkedin",
    "email",
    "whatsapp",
    "pinterest",
    "reddit",
    "print",
    "tweet",
    "messenger",
    "telegram",
    "copy",
    "link",
    "sms",
    "x",
    "flipboard",
    "tumblr",
    "bluesky",
    "threads",
    "mastodon",
];

/// Line openings of picture credits and captions.
const CAPTION_PREFIXES: &[&str] = &[
    "photo:",
    "photograph:",
    "photos:",
    "image:",
    "picture:",
    "pictures:",
    "credit:",
    "image copyright",
    "image caption",
    "media caption",
    "video caption",
    "image source",
    "photo credit",
];

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// Nouns of a comment count (`12 comments`, `1 reply`).
const COUNT_NOUNS: &[&str] = &[
    "comment",
    "comments",
    "response",
    "responses",
    "reply",
    "replies",
];

struct Lexicon {
    automaton: AhoCorasick,
    /// Per pattern: kind, mode and word count of the phrase.
    entries: Vec<(BoilerplateKind, Mode, usize)>,
}

static LEXICON_AC: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut entries = Vec::new();
    for &(kind, mode, phrases) in LEXICON {
        for phrase in phrases {
            // Padded with spaces so matches fall on word boundaries.
            patterns.push(format!(" {phrase} "));
            entries.push((kind, mode, phrase.split(' ').count()));
        }
    }
    Lexicon {
        automaton: AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("lexicon builds"),
        entries,
    }
});

/// Lowercases and reduces punctuation to single spaces, padded with a
/// space at both ends: `“Share this page”` → ` share this page `.
/// Apostrophes vanish so `Don’t miss` → ` dont miss `.
fn normalise_into(s: &str, out: &mut String) {
    out.clear();
    out.push(' ');
    for c in s.chars() {
        if matches!(c, '\'' | '’' | 'ʼ') {
            continue;
        }
        if c.is_alphanumeric() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Counts whitespace-separated words, stopping once past `limit`.
fn word_count_upto(s: &str, limit: usize) -> usize {
    let mut n = 0;
    for _ in s
        .split(super::sentences::is_space)
        .filter(|w| !w.is_empty())
    {
        n += 1;
        if n > limit {
            break;
        }
    }
    n
}

/// Whether a line reads like a sentence: a few words and a final `.`, `!` or `?`.
fn is_prose(line: &str, words: usize) -> bool {
    let end = line.trim_end_matches(['”', '’', '"', '\'', ')', ']']);
    words >= 3 && end.ends_with(['.', '!', '?', '…'])
}

/// A page's stamp: `Last updated: 4 April 2006`, `This page was last
/// updated on …` — chrome, unless it is the dateline (which is looked for
/// first, so this is not a [`cue`]).
pub fn is_updated_stamp(line: &str) -> bool {
    let mut norm = String::new();
    normalise_into(line, &mut norm);
    word_count_upto(line, 17) <= 16
        && [
            " last updated ",
            " page last updated ",
            " this page was last updated ",
            " this article was last updated ",
        ]
        .iter()
        .any(|p| norm.starts_with(p))
        && line.bytes().any(|b| b.is_ascii_digit())
}

/// Classifies one line (its trimmed text) as page chrome, or not.
pub fn cue(line: &str) -> Option<Cue> {
    cue_with(line, &mut String::new())
}

fn cue_with(line: &str, buf: &mut String) -> Option<Cue> {
    let words = word_count_upto(line, MAX_CUE_WORDS);
    if words == 0 || words > MAX_CUE_WORDS {
        return None;
    }
    // Past 20 words only a cookie banner can be chrome: skip the rest cheaply.
    if words > 20
        && !line
            .as_bytes()
            .windows(5)
            .any(|w| w.eq_ignore_ascii_case(b"ookie"))
    {
        return None;
    }
    normalise_into(line, buf);
    let norm = buf.as_str();
    let tokens = norm.split(' ').filter(|t| !t.is_empty()).count();
    if tokens == 0 {
        return None;
    }
    if let Some(kind) = shape_cue(line, norm, words, tokens) {
        // Only a comment count starts the comments: the rest is one line.
        return Some(Cue {
            kind,
            starts_tail: kind == Comments,
            strong: true,
        });
    }
    lexicon_cue(norm, words, tokens, is_prose(line, words))
}

/// Chrome told by its shape: a copyright line, a picture credit, a comment
/// count, a menu row, a row of share buttons.
fn shape_cue(line: &str, norm: &str, words: usize, tokens: usize) -> Option<BoilerplateKind> {
    // `© 2008 Example Media`, `Copyright 2008 …`
    if words <= 15
        && (line.contains('©')
            || (norm.starts_with(" copyright ") && line.bytes().any(|b| b.is_ascii_digit())))
    {
        return Some(Other);
    }
    // Picture credits and captions: `Photo: Getty Images`, `Image caption …`.
    if words <= 30
        && CAPTION_PREFIXES
            .iter()
            .any(|p| starts_with_ignore_case(line, p))
    {
        return Some(Other);
    }
    // `12 comments`, `1 reply`
    let mut toks = norm.split(' ').filter(|t| !t.is_empty());
    if let (Some(first), Some(second), None) = (toks.next(), toks.next(), toks.next())
        && first.bytes().all(|b| b.is_ascii_digit())
        && COUNT_NOUNS.contains(&second)
    {
        return Some(Comments);
    }
    // A menu row: `Home | News | Sport | Weather`.
    let mut items = line
        .split(['|', '•', '·'])
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if items.clone().count() >= 4 && items.all(|t| word_count_upto(t, 3) <= 3) {
        return Some(Other);
    }
    // A row of share buttons.
    if tokens <= 8
        && norm
            .split(' ')
            .filter(|t| !t.is_empty())
            .all(|t| SOCIAL_WORDS.contains(&t))
    {
        return Some(Social);
    }
    None
}

/// The best cue of the lexicon's phrases found in the normalised line: one
/// that starts a tail first, then a strong one.
fn lexicon_cue(norm: &str, words: usize, tokens: usize, prose: bool) -> Option<Cue> {
    let lexicon = &*LEXICON_AC;
    let mut best: Option<Cue> = None;
    for m in lexicon.automaton.find_overlapping_iter(norm) {
        let (kind, mode, phrase_words) = lexicon.entries[m.pattern().as_usize()];
        let at_start = m.start() == 0;
        let found = match mode {
            Mode::Exact => (at_start && m.end() == norm.len()).then_some((false, true)),
            Mode::Header { tail, lead } if at_start => {
                if tokens <= phrase_words + 3 && !prose {
                    Some((tail, true))
                } else if lead && words <= 20 && !prose {
                    Some((false, true))
                } else {
                    None
                }
            }
            Mode::Header { .. } => None,
            Mode::Within {
                max_words,
                prose_ok,
            } => (words <= max_words && (prose_ok || !prose)).then_some((false, prose_ok)),
        };
        if let Some((starts_tail, strong)) = found {
            let better = match best {
                None => true,
                Some(b) => {
                    (starts_tail && !b.starts_tail)
                        || (strong && !b.strong && starts_tail == b.starts_tail)
                }
            };
            if better {
                best = Some(Cue {
                    kind,
                    starts_tail,
                    strong,
                });
            }
        }
    }
    best
}

/// The cue of every line (`None` for blank and ordinary lines).
pub fn cues(text: &str, lines: &[Line]) -> Vec<Option<Cue>> {
    let mut buf = String::new();
    lines
        .iter()
        .map(|l| {
            if l.is_blank() {
                None
            } else {
                cue_with(&text[l.trimmed.clone()], &mut buf)
            }
        })
        .collect()
}

/// Decides which lines are boilerplate. `protected` lines (headline,
/// dateline) are never marked but do count as occurrences of a line.
pub fn mark(
    text: &str,
    lines: &[Line],
    cues: &[Option<Cue>],
    protected: &[bool],
) -> Vec<Option<BoilerplateKind>> {
    let n = lines.len();
    let is_protected = |i: usize| protected.get(i).copied().unwrap_or(false);
    let mut marks: Vec<Option<BoilerplateKind>> = vec![None; n];
    for (i, c) in cues.iter().enumerate().take(n) {
        if let Some(c) = c
            && !is_protected(i)
        {
            marks[i] = Some(c.kind);
        }
    }

    mark_repeated(text, lines, protected, &mut marks);

    // A tail: a related/comments header after some body text.
    let mut seen_body = false;
    let mut tail = None;
    for i in 0..n {
        if lines[i].is_blank() || is_protected(i) {
            continue;
        }
        match cues.get(i).copied().flatten() {
            Some(c) if c.starts_tail && seen_body => {
                tail = Some((i, c.kind));
                break;
            }
            Some(_) => {}
            None => seen_body |= marks[i].is_none(),
        }
    }
    if let Some((start, kind)) = tail {
        for i in start..n {
            if !lines[i].is_blank() && !is_protected(i) {
                marks[i].get_or_insert(kind);
            }
        }
    }

    mark_link_list(text, lines, protected, &mut marks);
    marks
}

/// Lines that occur more than once (ignoring case, spacing and
/// punctuation). Short lines: every copy; long lines: the later copies.
fn mark_repeated(
    text: &str,
    lines: &[Line],
    protected: &[bool],
    marks: &mut [Option<BoilerplateKind>],
) {
    // Hash each line's normalised form without building it; equal hashes
    // are confirmed by comparing the normalised strings.
    let mut keyed: Vec<(u64, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() {
            continue;
        }
        // A lone word or symbol (`“`, `*`, `Yes.`) repeats innocently.
        if let Some(hash) = normalised_hash(&text[l.trimmed.clone()]) {
            keyed.push((hash, i));
        }
    }
    keyed.sort_unstable();
    let mut buf = String::new();
    let mut other = String::new();
    let mut g = 0;
    while g < keyed.len() {
        let mut end = g + 1;
        while end < keyed.len() && keyed[end].0 == keyed[g].0 {
            end += 1;
        }
        if end - g > 1 {
            let first = keyed[g].1;
            normalise_into(&text[lines[first].trimmed.clone()], &mut buf);
            let short = word_count_upto(&text[lines[first].trimmed.clone()], SHORT_REPEAT_WORDS)
                <= SHORT_REPEAT_WORDS;
            let copies: Vec<usize> = keyed[g..end]
                .iter()
                .map(|&(_, i)| i)
                .filter(|&i| {
                    normalise_into(&text[lines[i].trimmed.clone()], &mut other);
                    other == buf
                })
                .collect();
            // `keyed` is sorted by line within a hash, so k > 0 is a later copy.
            for (k, &i) in copies.iter().enumerate() {
                if copies.len() > 1
                    && (short || k > 0)
                    && !protected.get(i).copied().unwrap_or(false)
                {
                    marks[i].get_or_insert(BoilerplateKind::Repeated);
                }
            }
        }
        g = end;
    }
}

/// Hash of a line's normalised form (as [`normalise_into`] makes it), or
/// `None` when it has fewer than two words.
fn normalised_hash(s: &str) -> Option<u64> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = 0;
    let mut in_word = false;
    let mut feed =
        |c: char| hash = (hash.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
    for c in s.chars() {
        if matches!(c, '\'' | '’' | 'ʼ') {
            continue;
        }
        if c.is_alphanumeric() {
            if !in_word {
                words += 1;
                feed(' ');
                in_word = true;
            }
            if c.is_ascii() {
                feed(c.to_ascii_lowercase());
            } else {
                c.to_lowercase().for_each(&mut feed);
            }
        } else {
            in_word = false;
        }
    }
    (words >= 2).then_some(hash)
}

/// A list of story titles after the body: two or more one-line titles
/// without final punctuation at the end of the article (before any
/// trailing boilerplate), typically `Title – Outlet 11 February 2009`.
/// Unless boilerplate follows, half the titles must name an outlet, so
/// an article ending in a few short lines keeps them.
fn mark_link_list(
    text: &str,
    lines: &[Line],
    protected: &[bool],
    marks: &mut [Option<BoilerplateKind>],
) {
    let blocks = blocks(lines);
    let marked = |r: &std::ops::Range<usize>, marks: &[Option<BoilerplateKind>]| {
        r.clone().all(|i| marks[i].is_some())
    };
    let mut end = blocks.len();
    while end > 0 && marked(&blocks[end - 1], marks) {
        end -= 1;
    }
    let followed_by_boilerplate = end < blocks.len();
    // Items are one per block or one per line of a block of titles.
    let mut start = end;
    let mut items = 0;
    let mut separators = 0;
    while start > 0 {
        let b = blocks[start - 1].clone();
        let titles = b.clone().all(|i| {
            marks[i].is_none()
                && !protected.get(i).copied().unwrap_or(false)
                && is_title_like(&text[lines[i].trimmed.clone()])
        });
        if !titles {
            break;
        }
        items += b.len();
        separators += b
            .filter(|&i| has_outlet_separator(&text[lines[i].trimmed.clone()]))
            .count();
        start -= 1;
    }
    if items < 2 || !(followed_by_boilerplate || 2 * separators >= items) {
        return;
    }
    let first_line = blocks[start].start;
    let body_before = (0..first_line).any(|i| {
        !lines[i].is_blank() && marks[i].is_none() && !protected.get(i).copied().unwrap_or(false)
    });
    if !body_before {
        return;
    }
    for i in blocks[start].start..blocks[end - 1].end {
        if !lines[i].is_blank() {
            marks[i] = Some(BoilerplateKind::RelatedLinks);
        }
    }
}

/// A story title: a few words, starting with a capital or digit, not
/// ending like a sentence or a clause.
fn is_title_like(s: &str) -> bool {
    if s.len() > 300 {
        return false;
    }
    let words = word_count_upto(s, 25);
    let first = s.chars().next().unwrap_or(' ');
    let starts_ok =
        first.is_uppercase() || first.is_ascii_digit() || matches!(first, '“' | '"' | '‘' | '\'');
    (2..=25).contains(&words) && starts_ok && !s.ends_with(['.', ',', ';', ':'])
}

/// `Title – Outlet`, `Title | Outlet`, `Title - blog`.
fn has_outlet_separator(s: &str) -> bool {
    [" – ", " — ", " - ", " | ", " • ", " :: "]
        .iter()
        .any(|sep| s.contains(sep))
}

/// Runs of consecutive non-blank lines, as line-index ranges.
pub fn blocks(lines: &[Line]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, l) in lines.iter().enumerate() {
        match (l.is_blank(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..lines.len());
    }
    out
}

/// Merges marked lines into maximal line-aligned regions; blank lines
/// between marked lines are absorbed. A region's kind is its first line's.
pub fn regions(lines: &[Line], marks: &[Option<BoilerplateKind>]) -> Vec<Boilerplate> {
    let mut out = Vec::new();
    let n = lines.len().min(marks.len());
    let mut i = 0;
    while i < n {
        let Some(kind) = marks[i] else {
            i += 1;
            continue;
        };
        let mut last = i;
        for j in i + 1..n {
            if marks[j].is_some() {
                last = j;
            } else if !lines[j].is_blank() {
                break;
            }
        }
        out.push(Boilerplate {
            span: lines[i].span.start..lines[last].span.end,
            kind,
        });
        i = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lines::split_lines;

    fn kind(line: &str) -> Option<(BoilerplateKind, bool)> {
        cue(line).map(|c| (c.kind, c.starts_tail))
    }

    #[test]
    fn cue_lexicon() {
        let cases: &[(&str, Option<(BoilerplateKind, bool)>)] = &[
            ("Subscribe to our newsletter", Some((Newsletter, false))),
            ("SIGN UP", Some((Newsletter, false))),
            (
                "Sign up for our free daily briefing",
                Some((Newsletter, false)),
            ),
            ("Related News", Some((RelatedLinks, true))),
            ("Related articles (5)", Some((RelatedLinks, true))),
            ("More on this story", Some((RelatedLinks, true))),
            ("You may also like", Some((RelatedLinks, true))),
            (
                "Read more: Minister quits over expenses row",
                Some((RelatedLinks, false)),
            ),
            ("Most popular", Some((RelatedLinks, true))),
            ("Join the conversation", Some((Comments, true))),
            ("1\u{a0}comment", Some((Comments, true))),
            ("23 Comments", Some((Comments, true))),
            ("Comments (12)", Some((Comments, true))),
            ("Leave a Reply", Some((Comments, true))),
            (
                "Send me notifications when other members comment.",
                Some((Comments, false)),
            ),
            (
                "Please create a username to comment.",
                Some((Comments, false)),
            ),
            ("Log in to comment", Some((Comments, false))),
            ("Report abuse", Some((Comments, false))),
            ("Reply", Some((Comments, false))),
            ("Share this page", Some((Social, false))),
            ("Share on Twitter", Some((Social, false))),
            ("Facebook Twitter LinkedIn Email", Some((Social, false))),
            ("Follow us on Facebook", Some((Social, false))),
            ("Tweet", Some((Social, false))),
            ("Email this", Some((Social, false))),
            (
                "We use cookies to give you the best experience on our website. By continuing to browse, you agree to our use of cookies.",
                Some((Other, false)),
            ),
            ("Accept cookies", Some((Other, false))),
            (
                "Privacy Policy | Terms and Conditions",
                Some((Other, false)),
            ),
            (
                "© 2008 Example Media Ltd. All rights reserved.",
                Some((Other, false)),
            ),
            ("Copyright 2008 Example Media", Some((Other, false))),
            ("ADVERTISEMENT", Some((Other, false))),
            ("Print this page", Some((Other, false))),
            ("Don’t miss", Some((RelatedLinks, true))),
            (
                "Home | News | Sport | Weather | iPlayer",
                Some((Other, false)),
            ),
            ("Photo: Getty Images", Some((Other, false))),
            (
                "Image caption The minister leaves Downing Street",
                Some((Other, false)),
            ),
            ("Topics", Some((Other, true))),
            ("4 Min Read", Some((Other, false))),
            ("Tags: politics, expenses", Some((Other, true))),
        ];
        for &(line, want) in cases {
            assert_eq!(kind(line), want, "{line:?}");
        }
    }

    #[test]
    fn prose_is_not_chrome() {
        for line in [
            "The minister told a newsletter for party members that the budget would be cut by a third over the next five years.",
            "He declined to comment.",
            "Thousands rushed to sign up for the scheme before the deadline closed last week.",
            "Fujitsu have indicated that they now want to keep PACS, he said any decision would be subject to price.",
            "The company changed its privacy policy last week.",
            "But the risks remain.",
            "Copyright law is changing, says the minister",
            "Topics covered at the meeting included housing and transport.",
            "Read more about the plans in the council's report.",
            "Shares fell sharply",
            "",
            "   ",
        ] {
            assert_eq!(kind(line), None, "{line:?}");
        }
        // A weak cue: chrome if nothing else claims the line, but not strong
        // enough to skip it when looking for a headline.
        assert_eq!(
            cue("Tesco share on the rise"),
            Some(Cue {
                kind: Social,
                starts_tail: false,
                strong: false
            })
        );
    }

    #[test]
    fn repeated_lines_short_all_copies_long_later_copies() {
        let long = "This long paragraph was duplicated by the scraper and it has well over twelve words in it.";
        let text = format!(
            "Top story today\n\n{long}\n\nKeep it short please\n\nMiddle.\n\n{long}\n\nkeep  it SHORT please\n\nYes\n\nYes"
        );
        let lines = split_lines(&text);
        let cues = cues(&text, &lines);
        let protected = vec![false; lines.len()];
        let marks = mark(&text, &lines, &cues, &protected);
        let marked: Vec<&str> = (0..lines.len())
            .filter(|&i| marks[i].is_some())
            .map(|i| &text[lines[i].trimmed.clone()])
            .collect();
        assert_eq!(
            marked,
            vec!["Keep it short please", long, "keep  it SHORT please"]
        );
        assert!(
            marks
                .iter()
                .flatten()
                .all(|&k| k == BoilerplateKind::Repeated)
        );
    }

    #[test]
    fn regions_absorb_blank_lines_between_marks() {
        let text = "Body one.\n\nShare this\n\n\u{a0}\nTweet\n\nBody two.\n\nAdvertisement";
        let lines = split_lines(text);
        let cues = cues(text, &lines);
        let marks = mark(text, &lines, &cues, &vec![false; lines.len()]);
        let regions = regions(&lines, &marks);
        let got: Vec<(&str, BoilerplateKind)> = regions
            .iter()
            .map(|r| (&text[r.span.clone()], r.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Share this\n\n\u{a0}\nTweet", Social),
                ("Advertisement", Other)
            ]
        );
    }

    #[test]
    fn link_list_needs_two_titles_after_body() {
        let list = "Body text ends here.\n\nFirst story title – The Outlet\n\nSecond story title | Other Outlet";
        let lines = split_lines(list);
        let marks = mark(list, &lines, &cues(list, &lines), &vec![false; lines.len()]);
        let got: Vec<_> = regions(&lines, &marks)
            .into_iter()
            .map(|r| (&list[r.span], r.kind))
            .collect();
        assert_eq!(
            got,
            vec![(
                "First story title – The Outlet\n\nSecond story title | Other Outlet",
                RelatedLinks
            )]
        );

        // One title is not a list; plain final lines without outlets are not either.
        for text in [
            "Body text ends here.\n\nFirst story title – The Outlet",
            "Body text ends here.\n\nKey dates for the council\n\nNext meeting in March",
        ] {
            let lines = split_lines(text);
            let marks = mark(text, &lines, &cues(text, &lines), &vec![false; lines.len()]);
            assert!(marks.iter().all(Option::is_none), "{text:?}");
        }
    }

    #[test]
    fn hostile_lines() {
        for line in [
            "\0\0\0",
            "🎉 🎉",
            "e\u{301}\u{301}",
            "|||||",
            "• • • •",
            "’’’",
            "1 2 3",
        ] {
            assert_eq!(cue(line), None, "{line:?}");
        }
        let huge = "share this ".repeat(500_000);
        assert_eq!(cue(&huge), None);
        let text = "\r\n\u{a0}\r\0\n\0\n";
        let lines = split_lines(text);
        let marks = mark(text, &lines, &cues(text, &lines), &[]);
        assert!(regions(&lines, &marks).is_empty());
        assert!(regions(&[], &[]).is_empty());
    }
}
