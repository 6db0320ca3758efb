//! brat standoff `.ann` files: a lossless line model, problems, and the
//! edits the language server makes (annotate, remove, shift with article
//! edits, re-anchor).
//!
//! Every line is kept as it was read, with its own terminator; only lines
//! an edit touches are re-rendered, so [`AnnFile::to_text`] of an unedited
//! file is byte-identical to the input (BOM, CRLF, lone CR, a last line
//! without newline, blank and malformed lines included).

use super::Annotation;
use super::label::AnnotationLabel;
use super::offsets::{CodePointIndex, snap_span};
use super::shift::{Shifted, shift_range};
use crate::analysis::Span;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
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

    /// Problems visible without the article: malformed lines, duplicate
    /// IDs, inverted offsets, references to unknown IDs. Sorted by line.
    pub fn problems(&self) -> Vec<Problem> {
        let starts = self.line_starts();
        let mut out = Vec::new();
        let mut defined: HashMap<&str, usize> = HashMap::new();
        for (n, line) in self.lines.iter().enumerate() {
            let at = starts[n];
            match &line.entry {
                Entry::Malformed(m) => out.push(Problem {
                    line: n,
                    span: at + m.span.start..at + m.span.end,
                    kind: ProblemKind::Malformed,
                    message: m.message.clone(),
                }),
                Entry::TextBound(t) => {
                    if let Some(r) = t.spans.iter().find(|r| r.start > r.end) {
                        out.push(Problem {
                            line: n,
                            span: offsets_field(&line.content, at),
                            kind: ProblemKind::BadOffsets,
                            message: format!(
                                "the span {} {} ends before it starts",
                                r.start, r.end
                            ),
                        });
                    }
                }
                _ => {}
            }
            if let Some(id) = line.entry.id() {
                match defined.get(id) {
                    Some(&first) => out.push(Problem {
                        line: n,
                        span: at..at + id.len(),
                        kind: ProblemKind::DuplicateId,
                        message: format!(
                            "duplicate ID `{id}`: line {} already defines it",
                            first + 1
                        ),
                    }),
                    None => {
                        defined.insert(id, n);
                    }
                }
            }
        }
        for (n, line) in self.lines.iter().enumerate() {
            for target in line.entry.refs() {
                if !defined.contains_key(target) {
                    out.push(Problem {
                        line: n,
                        span: starts[n]..starts[n] + line.content.len(),
                        kind: ProblemKind::UnknownReference,
                        message: format!("`{target}` is not the ID of any annotation in this file"),
                    });
                }
            }
        }
        out.sort_by_key(|p| (p.line, p.span.start));
        out
    }

    /// [`AnnFile::problems`] plus those that need the article: offsets past
    /// its end ([`ProblemKind::BadOffsets`]) and stale text
    /// ([`ProblemKind::Stale`]). Sorted by line.
    pub fn check(&self, article: &str) -> Vec<Problem> {
        let mut out = self.problems();
        let index = CodePointIndex::new(article);
        let starts = self.line_starts();
        for (n, line) in self.lines.iter().enumerate() {
            out.extend(article_problem(n, line, starts[n], &index));
        }
        out.sort_by_key(|p| (p.line, p.span.start));
        out
    }

    /// The next free ID with this prefix: one more than the largest number
    /// after it on any line, malformed lines included (`T1` in a file
    /// without `T` IDs).
    pub fn next_id(&self, prefix: char) -> String {
        let max = self
            .lines
            .iter()
            .filter_map(|l| l.content.split(['\t', ' ']).next()?.strip_prefix(prefix))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|n| n.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", max.saturating_add(1))
    }

    /// Appends `T{next}\t{type_name} {spans}\t{text}` and returns the new
    /// ID. `spans` are code point ranges (sorted before writing); tabs and
    /// line breaks in `text` become spaces, whitespace in the type name `_`.
    pub fn add_text_bound(
        &mut self,
        type_name: &str,
        spans: &[Range<usize>],
        text: &str,
    ) -> Result<String, AnnError> {
        let type_name: String = type_name
            .trim()
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        if type_name.is_empty() {
            return Err(AnnError::EmptyType);
        }
        if spans.is_empty() {
            return Err(AnnError::NoSpans);
        }
        if let Some(r) = spans.iter().find(|r| r.start >= r.end) {
            return Err(AnnError::EmptySpan(r.clone()));
        }
        let mut spans = spans.to_vec();
        spans.sort_by_key(|r| (r.start, r.end));
        let id = self.next_id('T');
        let t = TextBound {
            id: id.clone(),
            type_name,
            spans,
            text: flatten(text).into_owned(),
        };
        self.push_line(t.render(), Entry::TextBound(t));
        Ok(id)
    }

    /// "Annotate selection as …": appends a `T` line for the byte ranges
    /// `spans` of `article`, with the article's text at them. A kind is
    /// written the way this file already spells it (its most common type
    /// name for that kind, e.g. `ORG`), else as
    /// [`AnnotationLabel::brat_type`].
    pub fn annotate(
        &mut self,
        article: &str,
        spans: &[Span],
        label: &AnnotationLabel,
    ) -> Result<String, AnnError> {
        let index = CodePointIndex::new(article);
        let mut spans = spans.to_vec();
        spans.sort_by_key(|r| (r.start, r.end));
        let cps = spans
            .iter()
            .map(|s| {
                index
                    .byte_range_to_cps(s)
                    .ok_or_else(|| AnnError::BadSpan(s.clone()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let text = join_text(article, &spans, true);
        let type_name = self.type_name_for(label);
        self.add_text_bound(&type_name, &cps, &text)
    }

    /// How this file spells a label: its most common type name for the
    /// kind (the first seen among equals), else the default.
    fn type_name_for(&self, label: &AnnotationLabel) -> String {
        let Some(kind) = label.kind() else {
            return label.brat_type().into_owned();
        };
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for (_, t) in self.text_bounds() {
            if t.label().kind() == Some(kind) {
                match counts.iter_mut().find(|(name, _)| *name == t.type_name) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((&t.type_name, 1)),
                }
            }
        }
        let best = counts
            .iter()
            .fold(None, |best: Option<(&str, usize)>, &(n, c)| match best {
                Some((_, bc)) if bc >= c => best,
                _ => Some((n, c)),
            });
        match best {
            Some((name, _)) => name.to_string(),
            None => label.brat_type().into_owned(),
        }
    }

    fn push_line(&mut self, content: String, entry: Entry) {
        let serial = self.next_serial;
        self.next_serial += 1;
        self.lines.push(Line {
            serial,
            content,
            ending: None,
            entry,
        });
        self.fix_endings();
    }

    /// Every line but the last ends with a terminator; the last one does
    /// exactly when the file did.
    fn fix_endings(&mut self) {
        let (ending, trailing) = (self.ending, self.trailing_newline);
        let n = self.lines.len();
        for (k, line) in self.lines.iter_mut().enumerate() {
            if k + 1 < n || trailing {
                line.ending.get_or_insert(ending);
            } else {
                line.ending = None;
            }
        }
    }

    /// Deletes the first `T` line with this ID and, unless another line
    /// still defines the ID, the `A`, `N` and `#` lines about it (and,
    /// transitively, about those). Relations, events and equivalences are
    /// never dropped; the ones left referring to a removed ID are reported.
    /// `None` if there is no such `T` line.
    pub fn remove(&mut self, id: &str) -> Option<Removed> {
        let at = self
            .lines
            .iter()
            .position(|l| matches!(&l.entry, Entry::TextBound(t) if t.id == id))?;
        self.lines.remove(at);
        let mut count = 1;
        let mut gone: HashSet<String> = HashSet::new();
        if !self.lines.iter().any(|l| l.entry.id() == Some(id)) {
            gone.insert(id.to_string());
            loop {
                let before = self.lines.len();
                let mut newly = Vec::new();
                self.lines.retain(|l| {
                    let dependent = l.entry.dependent_target().is_some_and(|t| gone.contains(t));
                    if dependent {
                        newly.extend(l.entry.id().map(str::to_string));
                    }
                    !dependent
                });
                count += before - self.lines.len();
                if newly.is_empty() {
                    break;
                }
                gone.extend(newly);
            }
        }
        self.fix_endings();
        let dangling = self
            .entries()
            .filter(|(_, e)| matches!(e, Entry::Other(_)))
            .filter(|(_, e)| e.refs().iter().any(|r| gone.contains(*r)))
            .map(|(n, _)| n)
            .collect();
        Some(Removed {
            lines: count,
            dangling,
        })
    }

    /// Deletes one line, whatever it holds (the quick fix for a malformed or
    /// duplicate line). `false` if there is no such line.
    pub fn remove_line(&mut self, line: usize) -> bool {
        if line >= self.lines.len() {
            return false;
        }
        self.lines.remove(line);
        self.fix_endings();
        true
    }

    /// Gives the first `T` line with this ID new code point offsets (the
    /// "re-anchor" quick fix), keeping its text. `false` if there is no such
    /// line or `spans` is empty.
    pub fn set_spans(&mut self, id: &str, spans: Vec<Range<usize>>) -> bool {
        if spans.is_empty() {
            return false;
        }
        for line in &mut self.lines {
            if let Entry::TextBound(t) = &mut line.entry
                && t.id == id
            {
                if t.spans != spans {
                    t.spans = spans;
                    line.content = t.render();
                }
                return true;
            }
        }
        false
    }

    /// Moves every `T` line's offsets through an article edit given in code
    /// points: `removed` code points at `start` replaced by `inserted` ones.
    /// See [`shift_range`] for what happens to
    /// fragments the edit touches. Only offsets change; texts stay as
    /// stored (use [`AnnFile::apply_edit`] to keep them in step too).
    pub fn shift(&mut self, start: usize, removed: usize, inserted: usize) -> ShiftOutcome {
        let mut out = ShiftOutcome::default();
        for (line, wiped) in self.shift_lines(start, removed, inserted) {
            if let Entry::TextBound(t) = &self.lines[line].entry {
                out.changed.push(t.id.clone());
                if wiped {
                    out.wiped.push(t.id.clone());
                }
            }
        }
        out
    }

    /// Shifts, returning the changed `T` lines and whether each was wiped.
    fn shift_lines(&mut self, start: usize, removed: usize, inserted: usize) -> Vec<(usize, bool)> {
        let mut changed = Vec::new();
        for (n, line) in self.lines.iter_mut().enumerate() {
            let Entry::TextBound(t) = &mut line.entry else {
                continue;
            };
            let (mut moved, mut wiped) = (false, false);
            for span in &mut t.spans {
                let new = match shift_range(span.clone(), start, removed, inserted) {
                    Shifted::Span(r) => r,
                    Shifted::Wiped(at) => {
                        wiped = true;
                        at..at
                    }
                };
                if new != *span {
                    *span = new;
                    moved = true;
                }
            }
            if moved {
                line.content = t.render();
                changed.push((n, wiped));
            }
        }
        changed
    }

    /// Keeps the file in step with an edit of the article made in the
    /// editor: `old_article[removed]` (bytes, snapped outwards to character
    /// boundaries) replaced by `inserted`. Offsets move as in
    /// [`AnnFile::shift`]; an annotation whose text matched before the edit
    /// and was not wiped also gets its text updated (typing inside a name
    /// keeps it annotated and not stale). Annotations already stale, and
    /// wiped ones, keep their stored text, so they stay stale and can be
    /// re-anchored — except that a wiped annotation whose exact text is
    /// inserted back where it collapsed (an undo) is restored there.
    pub fn apply_edit(&mut self, old_article: &str, removed: Span, inserted: &str) -> ShiftOutcome {
        let removed = snap_span(old_article, &removed);
        let old_index = CodePointIndex::new(old_article);
        let matched: Vec<bool> = self
            .lines
            .iter()
            .map(|l| matches!(&l.entry, Entry::TextBound(t) if t.matches(&old_index)))
            .collect();
        let start = old_index.byte_to_cp_floor(removed.start);
        let removed_cp = old_index.byte_to_cp_floor(removed.end) - start;
        let inserted_cp = inserted.chars().count();
        // A wiped annotation collapsed exactly here whose text is inserted
        // back (an undo) comes back to life.
        let revived: Vec<bool> = self
            .lines
            .iter()
            .zip(&matched)
            .map(|(l, &matched)| match &l.entry {
                Entry::TextBound(t) => {
                    !matched
                        && removed_cp == 0
                        && inserted_cp > 0
                        && matches!(t.spans.as_slice(), [r] if r.start == start && r.end == start)
                        && flatten(inserted) == flatten(&t.text)
                }
                _ => false,
            })
            .collect();
        let mut shifted = self.shift_lines(start, removed_cp, inserted_cp);
        for (n, line) in self.lines.iter_mut().enumerate() {
            if let Entry::TextBound(t) = &mut line.entry
                && revived[n]
            {
                t.spans.clear();
                t.spans.push(start..start + inserted_cp);
                line.content = t.render();
                shifted.push((n, false));
            }
        }

        let mut new_article = String::with_capacity(old_article.len() + inserted.len());
        new_article.push_str(&old_article[..removed.start]);
        new_article.push_str(inserted);
        new_article.push_str(&old_article[removed.end..]);
        let new_index = CodePointIndex::new(&new_article);

        let mut changed: Vec<bool> = vec![false; self.lines.len()];
        let mut wiped: Vec<bool> = vec![false; self.lines.len()];
        for &(n, w) in &shifted {
            changed[n] = true;
            wiped[n] = w;
        }
        for (n, line) in self.lines.iter_mut().enumerate() {
            let Entry::TextBound(t) = &mut line.entry else {
                continue;
            };
            if !matched[n] || wiped[n] {
                continue;
            }
            if let Some(text) = t.article_text(&new_index)
                && text != flatten(&t.text)
            {
                t.text = text;
                line.content = t.render();
                changed[n] = true;
            }
        }
        let mut out = ShiftOutcome::default();
        for (n, line) in self.lines.iter().enumerate() {
            if let Entry::TextBound(t) = &line.entry {
                if changed[n] {
                    out.changed.push(t.id.clone());
                }
                if wiped[n] {
                    out.wiped.push(t.id.clone());
                }
            }
        }
        out
    }

    /// The file's mentions as byte-span [`Annotation`]s of `article`
    /// (`label`: our kind name, or the unknown type's name; `text`: the
    /// article's text at the spans, joined by a space). Annotations with bad
    /// offsets or stale text are left out and reported, after the
    /// [`AnnFile::problems`].
    pub fn annotations(&self, article: &str) -> (Vec<Annotation>, Vec<Problem>) {
        let index = CodePointIndex::new(article);
        let starts = self.line_starts();
        let mut out = Vec::new();
        let mut problems = self.problems();
        for (n, line) in self.lines.iter().enumerate() {
            let Entry::TextBound(t) = &line.entry else {
                continue;
            };
            if let Some(problem) = article_problem(n, line, starts[n], &index) {
                problems.push(problem);
                continue;
            }
            // Inverted offsets: already among `problems`.
            let Some(spans) = t.byte_spans(&index) else {
                continue;
            };
            out.push(Annotation {
                text: join_text(article, &spans, false),
                spans,
                label: t.label().as_str().to_string(),
            });
        }
        problems.sort_by_key(|p| (p.line, p.span.start));
        (out, problems)
    }
}

/// The problem a `T` line has with the article, if any: offsets past its
/// end, or stale text. (Inverted offsets are reported without the article.)
fn article_problem(n: usize, line: &Line, at: usize, index: &CodePointIndex) -> Option<Problem> {
    let Entry::TextBound(t) = &line.entry else {
        return None;
    };
    if t.spans.iter().any(|r| r.start > r.end) {
        return None;
    }
    if let Some(r) = t.spans.iter().find(|r| r.end > index.len_chars()) {
        return Some(Problem {
            line: n,
            span: offsets_field(&line.content, at),
            kind: ProblemKind::BadOffsets,
            message: format!(
                "offset {} is past the end of the article ({} characters)",
                r.end,
                index.len_chars()
            ),
        });
    }
    let found = t.article_text(index)?;
    if found == flatten(&t.text) {
        return None;
    }
    Some(Problem {
        line: n,
        span: at..at + line.content.len(),
        kind: ProblemKind::Stale,
        message: format!(
            "stale annotation: the article has “{}” here, not “{}”",
            truncate(&found, 60),
            truncate(&t.text, 60)
        ),
    })
}

/// Byte range of a `T` line's type-and-offsets field, offset by `at`.
fn offsets_field(content: &str, at: usize) -> Span {
    let start = content.find('\t').map_or(0, |i| i + 1);
    let end = content[start..]
        .find('\t')
        .map_or(content.len(), |i| start + i);
    at + start..at + end
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

fn truncate(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}

fn malformed(message: impl Into<String>, span: Range<usize>) -> Entry {
    Entry::Malformed(Malformed {
        message: message.into(),
        span,
    })
}

/// A brat offset: ASCII digits only (`str::parse` would take `+5`).
fn parse_offset(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_entry(content: &str) -> Entry {
    if content.trim().is_empty() {
        return Entry::Blank;
    }
    let whole = 0..content.len();
    let Some((id, rest)) = content.split_once('\t') else {
        return malformed(
            "expected an annotation ID followed by a tab (`T1<tab>Type start end<tab>text`)",
            whole,
        );
    };
    let id_span = 0..id.len();
    if id.is_empty() {
        return malformed("missing annotation ID before the tab", whole);
    }
    if id.contains(char::is_whitespace) {
        return malformed(
            format!(
                "`{}` is not an annotation ID (IDs contain no spaces)",
                id.trim()
            ),
            id_span,
        );
    }
    let at = id.len() + 1;
    let prefix = id.chars().next().unwrap_or(' ');
    if matches!(prefix, 'T' | 'A' | 'M' | 'N' | 'R' | 'E') && id.len() == 1 {
        return malformed(
            format!("the ID `{id}` needs a number, like `{id}1`"),
            id_span,
        );
    }
    let result = match prefix {
        'T' => parse_text_bound(id, rest, at).map(Entry::TextBound),
        'A' | 'M' => parse_attribute(id, rest, at).map(Entry::Attribute),
        'N' => parse_normalization(id, rest, at).map(Entry::Normalization),
        '#' => parse_note(id, rest, at).map(Entry::Note),
        'R' | 'E' | '*' => parse_other(prefix, id, rest, at).map(Entry::Other),
        _ => Err((
            format!("unknown annotation kind `{id}`: IDs start with T, A, M, N, R, E, # or *"),
            id_span,
        )),
    };
    result.unwrap_or_else(|(message, span)| malformed(message, span))
}

type ParseResult<T> = Result<T, (String, Range<usize>)>;

/// `rest` (at byte `at` of the line) up to its first tab, and what follows.
fn split_fields(rest: &str, at: usize) -> (&str, Range<usize>, Option<&str>) {
    match rest.split_once('\t') {
        Some((fields, text)) => (fields, at..at + fields.len(), Some(text)),
        None => (rest, at..at + rest.len(), None),
    }
}

fn parse_text_bound(id: &str, rest: &str, at: usize) -> ParseResult<TextBound> {
    let (fields, fields_span, text) = split_fields(rest, at);
    let Some(text) = text else {
        return Err((
            "a text-bound line needs a tab and the annotated text after its offsets".into(),
            fields_span,
        ));
    };
    let Some((type_name, offsets)) = fields.split_once(' ') else {
        return Err((
            "expected a type and offsets, like `Organization 0 4`".into(),
            fields_span,
        ));
    };
    if type_name.is_empty() {
        return Err((
            "missing annotation type before the offsets".into(),
            fields_span,
        ));
    }
    let mut spans = Vec::new();
    let mut pos = at + type_name.len() + 1;
    for piece in offsets.split(';') {
        let piece_span = pos..pos + piece.len();
        pos += piece.len() + 1;
        let Some((a, b)) = piece.split_once(' ') else {
            return Err((
                format!("expected `start end` offsets, found `{piece}`"),
                piece_span,
            ));
        };
        let (Some(start), Some(end)) = (parse_offset(a), parse_offset(b)) else {
            let bad = if parse_offset(a).is_none() { a } else { b };
            return Err((format!("`{bad}` is not a valid offset"), piece_span));
        };
        spans.push(start..end);
    }
    Ok(TextBound {
        id: id.to_string(),
        type_name: type_name.to_string(),
        spans,
        text: text.to_string(),
    })
}

/// Splits on single spaces, requiring `min..=max` non-empty parts.
fn parts<'a>(
    fields: &'a str,
    span: &Range<usize>,
    min: usize,
    max: usize,
    shape: &str,
) -> ParseResult<Vec<&'a str>> {
    let parts: Vec<&str> = fields.split(' ').collect();
    if parts.len() < min || parts.len() > max || parts.iter().any(|p| p.is_empty()) {
        return Err((format!("expected `{shape}`"), span.clone()));
    }
    Ok(parts)
}

fn parse_attribute(id: &str, rest: &str, at: usize) -> ParseResult<Attribute> {
    let (fields, span, extra) = split_fields(rest, at);
    if extra.is_some() {
        return Err(("an attribute line has no text field".into(), span));
    }
    let p = parts(fields, &span, 2, 3, "Name Target [Value]")?;
    Ok(Attribute {
        id: id.to_string(),
        name: p[0].to_string(),
        target: p[1].to_string(),
        value: p.get(2).map(|v| v.to_string()),
    })
}

fn parse_normalization(id: &str, rest: &str, at: usize) -> ParseResult<Normalization> {
    let (fields, span, text) = split_fields(rest, at);
    let p = parts(fields, &span, 3, 3, "Reference Target Database:ID")?;
    Ok(Normalization {
        id: id.to_string(),
        kind: p[0].to_string(),
        target: p[1].to_string(),
        reference: p[2].to_string(),
        text: text.map(str::to_string),
    })
}

fn parse_note(id: &str, rest: &str, at: usize) -> ParseResult<Note> {
    let (fields, span, text) = split_fields(rest, at);
    let p = parts(fields, &span, 2, 2, "AnnotatorNotes Target")?;
    Ok(Note {
        id: id.to_string(),
        kind: p[0].to_string(),
        target: p[1].to_string(),
        text: text.map(str::to_string),
    })
}

fn parse_other(prefix: char, id: &str, rest: &str, at: usize) -> ParseResult<OtherEntry> {
    let (fields, span, _) = split_fields(rest, at);
    let (kind, shape, min) = match prefix {
        'R' => (OtherKind::Relation, "Type Arg1:ID Arg2:ID", 2),
        'E' => (OtherKind::Event, "Type:TriggerID [Role:ID …]", 1),
        _ => (OtherKind::Equivalence, "Equiv ID ID …", 2),
    };
    let p = parts(fields, &span, min, usize::MAX, shape)?;
    let refs: Option<Vec<String>> = match kind {
        OtherKind::Relation => p[1..]
            .iter()
            .map(|a| a.split_once(':').map(|(_, id)| id.to_string()))
            .collect(),
        OtherKind::Event => p
            .iter()
            .map(|a| a.split_once(':').map(|(_, id)| id.to_string()))
            .collect(),
        OtherKind::Equivalence => Some(p[1..].iter().map(|s| s.to_string()).collect()),
    };
    let Some(refs) = refs.filter(|r| r.iter().all(|id| !id.is_empty())) else {
        return Err((format!("expected `{shape}`"), span));
    };
    Ok(OtherEntry {
        kind,
        id: (prefix != '*').then(|| id.to_string()),
        refs,
    })
}
