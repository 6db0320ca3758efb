//! brat standoff `.ann` files: a lossless line model, problems, and the
//! edits the language server makes (annotate, remove, shift with article
//! edits, re-anchor).
//!
//! Every line is kept as it was read, with its own terminator; only lines
//! an edit touches are re-rendered, so [`AnnFile::to_text`] of an unedited
//! file is byte-identical to the input (BOM, CRLF, lone CR, a last line
//! without newline, blank and malformed lines included).

mod edit;
mod parse;
mod problems;

use parse::parse_entry;

use super::label::AnnotationLabel;
use super::offsets::{CodePointIndex, snap_span};
use crate::analysis::Span;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// A line terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
    /// A lone `\r` (old Mac files; LSP and Python count it as a line break).
    Cr,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
        }
    }
}

pub(super) fn ending_str(ending: Option<LineEnding>) -> &'static str {
    ending.map_or("", LineEnding::as_str)
}

/// `T1\tOrganization 0 4;10 15\tAcme Corp`: a mention. Offsets are code
/// points into the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound {
    pub id: String,
    /// The type as written (`ORG`, `Organization`, `Law`, …).
    pub type_name: String,
    /// Code point ranges, one per fragment, as written (not sorted).
    pub spans: Vec<Range<usize>>,
    /// The text field as written: the fragments' text joined by a space.
    pub text: String,
}

impl TextBound {
    /// What the type name means (case-insensitive mapping to our kinds).
    pub fn label(&self) -> AnnotationLabel {
        AnnotationLabel::parse(&self.type_name)
    }

    /// The fragments as byte ranges of the indexed article; `None` if one
    /// is inverted or past its end.
    pub fn byte_spans(&self, article: &CodePointIndex) -> Option<Vec<Span>> {
        self.spans
            .iter()
            .map(|r| article.cp_range_to_bytes(r))
            .collect()
    }

    /// The article's text at the offsets, as brat would store it
    /// (fragments joined by a space, tabs and line breaks as spaces);
    /// `None` if the offsets are bad.
    pub fn article_text(&self, article: &CodePointIndex) -> Option<String> {
        Some(join_text(article.text(), &self.byte_spans(article)?, true))
    }

    /// Whether the stored text matches the article at the offsets (false
    /// means stale).
    pub fn matches(&self, article: &CodePointIndex) -> bool {
        self.article_text(article)
            .is_some_and(|t| t == flatten(&self.text))
    }

    fn render(&self) -> String {
        let mut out = format!("{}\t{} ", self.id, self.type_name);
        for (k, r) in self.spans.iter().enumerate() {
            if k > 0 {
                out.push(';');
            }
            out.push_str(&format!("{} {}", r.start, r.end));
        }
        out.push('\t');
        out.push_str(&self.text);
        out
    }
}

/// `A1\tNegated T1` or `A2\tConfidence T1 High` (also legacy `M` lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub id: String,
    pub name: String,
    pub target: String,
    pub value: Option<String>,
}

/// `N1\tReference T1 Wikidata:Q42\tDouglas Adams`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalization {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub reference: String,
    pub text: Option<String>,
}

/// `#1\tAnnotatorNotes T1\tsome note`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub text: Option<String>,
}

/// Relations, events and equivalences: only read for their ID and the IDs
/// they refer to; always kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherEntry {
    pub kind: OtherKind,
    /// `None` for `*` equivalences, which have no ID of their own.
    pub id: Option<String>,
    pub refs: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherKind {
    Relation,
    Event,
    Equivalence,
}

/// A line that could not be read; kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub message: String,
    /// The offending part, as a byte range of the line's content.
    pub span: Range<usize>,
}

/// What one line of a `.ann` file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Empty or whitespace-only.
    Blank,
    TextBound(TextBound),
    Attribute(Attribute),
    Normalization(Normalization),
    Note(Note),
    Other(OtherEntry),
    Malformed(Malformed),
}

impl Entry {
    /// The annotation ID the line defines.
    pub fn id(&self) -> Option<&str> {
        match self {
            Entry::TextBound(t) => Some(&t.id),
            Entry::Attribute(a) => Some(&a.id),
            Entry::Normalization(n) => Some(&n.id),
            Entry::Note(n) => Some(&n.id),
            Entry::Other(o) => o.id.as_deref(),
            Entry::Blank | Entry::Malformed(_) => None,
        }
    }

    /// The IDs the line refers to.
    pub fn refs(&self) -> Vec<&str> {
        match self {
            Entry::Attribute(a) => vec![&a.target],
            Entry::Normalization(n) => vec![&n.target],
            Entry::Note(n) => vec![&n.target],
            Entry::Other(o) => o.refs.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The one ID an `A`, `N` or `#` line is about (these go when it goes).
    fn dependent_target(&self) -> Option<&str> {
        match self {
            Entry::Attribute(a) => Some(&a.target),
            Entry::Normalization(n) => Some(&n.target),
            Entry::Note(n) => Some(&n.target),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    /// Identity across edits of one file, for [`AnnFile::edits_from`];
    /// strictly increasing along the file.
    pub(super) serial: u64,
    pub(super) content: String,
    pub(super) ending: Option<LineEnding>,
    pub(super) entry: Entry,
}

/// The kind of a [`Problem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The line cannot be read (kept verbatim all the same).
    Malformed,
    /// The line defines an ID an earlier line already defined.
    DuplicateId,
    /// Offsets end before they start, or run past the article's end.
    BadOffsets,
    /// The line refers to an ID no line defines.
    UnknownReference,
    /// The stored text no longer matches the article at the offsets.
    Stale,
}

/// Something wrong with a `.ann` file, for a diagnostic on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Zero-based line number in the `.ann` file.
    pub line: usize,
    /// Byte range in the `.ann` text.
    pub span: Span,
    pub kind: ProblemKind,
    pub message: String,
}

/// Why a new annotation could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnnError {
    /// The type name is empty.
    EmptyType,
    /// No fragments were given.
    NoSpans,
    /// A fragment is empty or inverted.
    EmptySpan(Range<usize>),
    /// A byte range is past the article's end or splits a character.
    BadSpan(Span),
}

impl fmt::Display for AnnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnnError::EmptyType => write!(f, "an annotation needs a type"),
            AnnError::NoSpans => write!(f, "an annotation needs at least one span"),
            AnnError::EmptySpan(r) => write!(f, "the span {}..{} is empty", r.start, r.end),
            AnnError::BadSpan(r) => write!(
                f,
                "the span {}..{} is not within the article's text",
                r.start, r.end
            ),
        }
    }
}

impl std::error::Error for AnnError {}

/// What [`AnnFile::shift`] and [`AnnFile::apply_edit`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShiftOutcome {
    /// IDs of the `T` lines that were rewritten (new offsets or text).
    pub changed: Vec<String>,
    /// IDs of the annotations the edit wiped (a fragment collapsed to an
    /// empty range; see [`shift_range`]). They are
    /// kept, and are now stale.
    pub wiped: Vec<String>,
}

/// What [`AnnFile::remove`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Lines deleted: the `T` line and the `A`/`N`/`#` lines about it.
    pub lines: usize,
    /// Relation, event and equivalence lines (kept, never dropped) that
    /// still refer to a removed ID; line numbers after the removal.
    pub dangling: Vec<usize>,
}

/// A parsed `.ann` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnFile {
    pub(super) bom: bool,
    pub(super) lines: Vec<Line>,
    /// Whether the last line ends with a terminator (true for new files).
    pub(super) trailing_newline: bool,
    /// The style for new line breaks: the file's first one, else `\n`.
    pub(super) ending: LineEnding,
    pub(super) next_serial: u64,
}

impl Default for AnnFile {
    fn default() -> Self {
        AnnFile::new()
    }
}

impl fmt::Display for AnnFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.bom {
            f.write_str("\u{feff}")?;
        }
        for line in &self.lines {
            f.write_str(&line.content)?;
            f.write_str(ending_str(line.ending))?;
        }
        Ok(())
    }
}

impl AnnFile {
    /// An empty, new file (its lines will end with `\n`).
    pub fn new() -> AnnFile {
        AnnFile {
            bom: false,
            lines: Vec::new(),
            trailing_newline: true,
            ending: LineEnding::Lf,
            next_serial: 0,
        }
    }

    /// Reads a `.ann` file. Never fails: unreadable lines become
    /// [`Entry::Malformed`] and show up in [`AnnFile::problems`].
    pub fn parse(text: &str) -> AnnFile {
        let (bom, mut rest) = match text.strip_prefix('\u{feff}') {
            Some(body) => (true, body),
            None => (false, text),
        };
        let mut lines = Vec::new();
        while !rest.is_empty() {
            let (len, ending, terminator) = match rest.find(['\n', '\r']) {
                None => (rest.len(), None, 0),
                Some(i) if rest.as_bytes()[i] == b'\n' => (i, Some(LineEnding::Lf), 1),
                Some(i) if rest[i + 1..].starts_with('\n') => (i, Some(LineEnding::CrLf), 2),
                Some(i) => (i, Some(LineEnding::Cr), 1),
            };
            let content = &rest[..len];
            lines.push(Line {
                serial: lines.len() as u64,
                content: content.to_string(),
                ending,
                entry: parse_entry(content),
            });
            rest = &rest[len + terminator..];
        }
        AnnFile {
            bom,
            trailing_newline: lines.last().is_none_or(|l| l.ending.is_some()),
            ending: lines
                .iter()
                .find_map(|l| l.ending)
                .unwrap_or(LineEnding::Lf),
            next_serial: lines.len() as u64,
            lines,
        }
    }

    /// The file's text: byte-identical to the parsed input for every line
    /// no edit touched.
    pub fn to_text(&self) -> String {
        self.to_string()
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The style new line breaks are written in.
    pub fn line_ending(&self) -> LineEnding {
        self.ending
    }

    pub fn entry(&self, line: usize) -> Option<&Entry> {
        self.lines.get(line).map(|l| &l.entry)
    }

    /// Every line's entry, with its zero-based line number.
    pub fn entries(&self) -> impl Iterator<Item = (usize, &Entry)> {
        self.lines.iter().map(|l| &l.entry).enumerate()
    }

    /// Every `T` line, with its line number.
    pub fn text_bounds(&self) -> impl Iterator<Item = (usize, &TextBound)> {
        self.entries().filter_map(|(n, e)| match e {
            Entry::TextBound(t) => Some((n, t)),
            _ => None,
        })
    }

    /// The first `T` line with this ID.
    pub fn text_bound(&self, id: &str) -> Option<&TextBound> {
        self.text_bounds().map(|(_, t)| t).find(|t| t.id == id)
    }

    /// A line's text, without its terminator.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        self.lines.get(line).map(|l| l.content.as_str())
    }

    /// Byte range of a line's content (without terminator) in
    /// [`AnnFile::to_text`].
    pub fn line_span(&self, line: usize) -> Option<Span> {
        let start = *self.line_starts().get(line)?;
        Some(start..start + self.lines.get(line)?.content.len())
    }

    /// Byte offset of each line's start, plus the end of the text.
    pub(super) fn line_starts(&self) -> Vec<usize> {
        let mut starts = Vec::with_capacity(self.lines.len() + 1);
        let mut at = if self.bom { '\u{feff}'.len_utf8() } else { 0 };
        for line in &self.lines {
            starts.push(at);
            at += line.content.len() + ending_str(line.ending).len();
        }
        starts.push(at);
        starts
    }
}

/// `s` with tabs and line breaks as spaces (same length, same offsets).
pub(super) fn flatten(s: &str) -> Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        Cow::Owned(s.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(s)
    }
}

/// The text of byte ranges of `text` (snapped to it), joined by a space,
/// optionally flattened.
pub(super) fn join_text(text: &str, spans: &[Span], flat: bool) -> String {
    let mut out = String::new();
    for (k, span) in spans.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let piece = &text[snap_span(text, span)];
        if flat {
            out.push_str(&flatten(piece));
        } else {
            out.push_str(piece);
        }
    }
    out
}
