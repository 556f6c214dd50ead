//! Sources: one document each, with its text, a line index, its date and the byte ranges
//! that are prose.
//!
//! Every later stage speaks in byte spans into a [`Source`]; nothing copies text around.
//! Extraction reads [`Source::scan_text`], a copy of the text of the same length in which
//! everything that is not prose (front matter, code, URLs, Markdown markup) is blanked out,
//! so that a byte offset in it is the same byte offset in the file.

use std::borrow::Cow;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

use jiff::civil::Date;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Index of a source in the list the pipeline was given.
pub type SourceId = usize;

/// The longest source, in bytes, that can be read (4 GiB less a byte): byte offsets into a
/// source are held in 32 bits (see [`Span`]), so that a claim stays small.
pub const MAX_SOURCE_LEN: u64 = u32::MAX as u64;

/// A byte range in a source, its ends held in 32 bits: a source is at most
/// [`MAX_SOURCE_LEN`] bytes. Built from and read as a `Range<usize>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The span from `start` to `end`. Panics past [`MAX_SOURCE_LEN`], which no source
    /// read through [`crate::walk::read`] reaches.
    pub fn new(start: usize, end: usize) -> Span {
        let offset = |i: usize| u32::try_from(i).expect("a source is at most 4 GiB");
        Span {
            start: offset(start),
            end: offset(end),
        }
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    /// The span as a range, to slice a text with.
    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Range<usize> {
        s.range()
    }
}

/// The prefix of every suppression directive.
const DIRECTIVE: &str = "crosscheck-";

/// What it takes to read a source's text again, and to know it is the text first read.
#[derive(Debug, Clone)]
pub struct Reread {
    pub(crate) path: PathBuf,
    /// Invalid UTF-8 was (and is again) replaced rather than refused.
    pub(crate) lossy: bool,
    /// The text's length and hash when it was let go.
    pub(crate) len: usize,
    pub(crate) hash: u64,
}

impl Reread {
    /// A text's hash, to tell a changed file from the one first read.
    pub fn hash(text: &str) -> u64 {
        use std::hash::BuildHasher;
        foldhash::quality::FixedState::with_seed(0x6372_6f73_7363_6863).hash_one(text)
    }
}

/// How a source is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Markdown: only prose is read; code, URLs, link targets and front matter are not.
    Markdown,
    /// Plain text: everything but URLs is prose.
    Text,
}

impl SourceKind {
    /// The kind a path's extension implies (Markdown for `.md` and `.markdown`).
    pub fn from_path(path: &str) -> SourceKind {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            SourceKind::Markdown
        } else {
            SourceKind::Text
        }
    }
}

/// Where a source's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrigin {
    /// `date:` in Markdown front matter.
    FrontMatter,
    /// A leading `date YYYY-MM-DD` or `date: YYYY-MM-DD` at the very start of the text.
    Leading,
    /// The default date given on the command line or in the configuration.
    Default,
}

/// One document.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as it is shown in reports.
    pub path: String,
    /// The whole text, as read (a leading byte-order mark is kept, so offsets are the file's):
    /// read through [`Source::text`]. Empty once let go ([`Source::release_text`]) until it
    /// is next asked for.
    text: OnceLock<String>,
    /// How to read the text again once it has been let go; `None` keeps it for good.
    reread: Option<Box<Reread>>,
    /// Why the text could not be read again, when it could not (without the path).
    reread_error: OnceLock<String>,
    /// Whether the text holds `crosscheck-`, the start of every suppression directive.
    directives: bool,
    pub kind: SourceKind,
    /// Line starts, built again with the text once both were let go.
    lines: OnceLock<LineIndex>,
    pub date: Option<Date>,
    pub date_origin: Option<DateOrigin>,
    /// Sorted, non-overlapping byte ranges that are prose. Extraction alone reads them, so
    /// they go with the text ([`Source::release_text`]).
    prose: Vec<Range<usize>>,
    /// Sorted start offsets of paragraphs (blocks, in Markdown); for extraction alone, as
    /// `prose`.
    paragraphs: Vec<usize>,
}

impl Source {
    /// Build a source from its text. `kind` decides how prose is found. The text is at most
    /// [`MAX_SOURCE_LEN`] bytes, or its claims cannot be located ([`crate::walk::read`]
    /// refuses a longer input).
    pub fn new(path: impl Into<String>, text: String, kind: SourceKind) -> Source {
        let path = path.into();
        let lines = LineIndex::new(&text);
        let (mut prose, paragraphs, mut date, mut origin) = match kind {
            SourceKind::Markdown => markdown_prose(&text),
            SourceKind::Text => {
                let paragraphs = text_paragraphs(&text, 0);
                let all = std::iter::once(0..text.len()).collect();
                (all, paragraphs, None, None)
            }
        };
        if date.is_none()
            && let Some((d, range)) = leading_date(&text)
        {
            date = Some(d);
            origin = Some(DateOrigin::Leading);
            prose = subtract(&prose, &range);
        }
        let prose = remove_urls(&text, prose);
        let directives = memchr::memmem::find(text.as_bytes(), DIRECTIVE.as_bytes()).is_some();
        Source {
            path,
            text: OnceLock::from(text),
            reread: None,
            reread_error: OnceLock::new(),
            directives,
            kind,
            lines: OnceLock::from(lines),
            date,
            date_origin: origin,
            prose,
            paragraphs,
        }
    }

    /// The whole text, as read. A text that was let go ([`Source::release_text`]) is read
    /// again from its file on first use; when that file is gone or has changed, the text is
    /// as many spaces as it had bytes (so every span still fits) and
    /// [`Source::reread_error`] says why.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| {
            let Some(r) = &self.reread else {
                return String::new();
            };
            crate::walk::reread(r).unwrap_or_else(|e| {
                let _ = self.reread_error.set(e);
                " ".repeat(r.len)
            })
        })
    }

    /// The text, taken out of the source.
    pub fn into_text(self) -> String {
        self.text();
        self.text.into_inner().unwrap_or_default()
    }

    /// Let the text go, to be read again from its file when it is next asked for. Only a
    /// source that knows how to read it again ([`Source::with_reread`]) lets it go.
    ///
    /// The text's length and hash are kept, to know it again. The prose ranges and
    /// paragraphs, which only extraction reads, go with it for good; the line index is
    /// built again with the text.
    pub fn release_text(&mut self) {
        if let Some(r) = &mut self.reread {
            if let Some(text) = self.text.take() {
                r.len = text.len();
                r.hash = Reread::hash(&text);
            }
            self.lines.take();
            self.prose = Vec::new();
            self.paragraphs = Vec::new();
        }
    }

    /// The line index of the text.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text()))
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines().line_col(self.text(), offset)
    }

    /// The byte ranges that are prose, sorted and apart (empty once the text was let go).
    pub fn prose(&self) -> &[Range<usize>] {
        &self.prose
    }

    /// The sorted start offsets of paragraphs (empty once the text was let go).
    pub fn paragraphs(&self) -> &[usize] {
        &self.paragraphs
    }

    /// The source, able to read its text again from `path` (as `lossy` says) after letting
    /// it go, and to tell whether the file changed in between.
    pub fn with_reread(mut self, path: PathBuf, lossy: bool) -> Source {
        self.reread = Some(Box::new(Reread {
            path,
            lossy,
            len: 0,
            hash: 0,
        }));
        self
    }

    /// Why the text, once let go, could not be read again (without the path).
    pub fn reread_error(&self) -> Option<&str> {
        self.reread_error.get().map(String::as_str)
    }

    /// Whether the text holds a suppression directive (`crosscheck-...`), known without
    /// reading a text that was let go.
    pub fn has_directives(&self) -> bool {
        self.directives
    }

    /// Give the source a date when it has none of its own.
    pub fn with_default_date(mut self, date: Option<Date>) -> Source {
        if self.date.is_none()
            && let Some(d) = date
        {
            self.date = Some(d);
            self.date_origin = Some(DateOrigin::Default);
        }
        self
    }

    /// The text with every byte that is not prose replaced by a space (newlines are kept),
    /// so that offsets are unchanged. Borrowed when the whole text is prose. All blank once
    /// the text was let go ([`Source::release_text`]), which forgets the prose ranges.
    pub fn scan_text(&self) -> Cow<'_, str> {
        if self.prose.len() == 1 && self.prose[0] == (0..self.text().len()) {
            return Cow::Borrowed(self.text());
        }
        Cow::Owned(self.pieced().unwrap_or_else(|| self.blanked()))
    }

    /// The scan text put together piece by piece: each prose range copied as a `str` (no
    /// byte of it looked at again), each byte between them blanked. The same text as
    /// [`Source::blanked`] when the ranges are sorted, apart and on character boundaries,
    /// as they always are; `None` otherwise.
    fn pieced(&self) -> Option<String> {
        let bytes = self.text().as_bytes();
        let mut out = String::with_capacity(self.text().len());
        let mut at = 0;
        for r in &self.prose {
            push_blanked(&mut out, bytes.get(at..r.start)?);
            out.push_str(self.text().get(r.clone())?);
            at = r.end;
        }
        push_blanked(&mut out, bytes.get(at..)?);
        Some(out)
    }

    /// The scan text by the plain rule: every byte blanked, then the prose copied back.
    fn blanked(&self) -> String {
        let src = self.text().as_bytes();
        let mut out: Vec<u8> = src
            .iter()
            .map(|&b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        for r in &self.prose {
            out[r.clone()].copy_from_slice(&src[r.clone()]);
        }
        // Prose ranges start and end on character boundaries, and everything else is
        // ASCII, so this is valid UTF-8; fall back to a lossy copy rather than panic.
        match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }

    /// The paragraph number (0-based) that holds `offset`.
    pub fn paragraph_of(&self, offset: usize) -> usize {
        self.paragraphs
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The byte range of paragraph `n`.
    pub fn paragraph_range(&self, n: usize) -> Range<usize> {
        let start = self.paragraphs.get(n).copied().unwrap_or(0);
        let end = self
            .paragraphs
            .get(n + 1)
            .copied()
            .unwrap_or(self.text().len());
        start..end
    }
}

/// Push one space for each byte of `gap`, or the byte itself for a line break.
fn push_blanked(out: &mut String, gap: &[u8]) {
    out.extend(gap.iter().map(|&b| match b {
        b'\n' | b'\r' => char::from(b),
        _ => ' ',
    }));
}

/// Line starts, for turning byte offsets into 1-based lines and columns.
///
/// Columns are counted in characters. So that a column costs a bounded amount of work even
/// on a line of a hundred megabytes, long lines carry checkpoints: every
/// [`CHECKPOINT_BYTES`] bytes, the byte offset and the column there.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters from its line's start), sorted by offset.
    checkpoints: Vec<(usize, usize)>,
}

/// The spacing of column checkpoints on long lines.
pub const CHECKPOINT_BYTES: usize = 4096;

impl LineIndex {
    /// Index `text`: a line ends at `\n`, at `\r\n` and at a lone `\r`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue; // the `\n` that follows ends this line
            }
            starts.push(i + 1);
        }
        let mut checkpoints = Vec::new();
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(text.len());
            // A byte-order mark is not a column (see `line_col`).
            let mut from = if start == 0 && text.starts_with('\u{feff}') {
                3
            } else {
                start
            };
            let mut col = 0;
            while end - from > CHECKPOINT_BYTES {
                let at = floor_char_boundary(text, from + CHECKPOINT_BYTES);
                if at <= from {
                    break;
                }
                col += text[from..at].chars().count();
                checkpoints.push((at, col));
                from = at;
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// 0-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0)
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there are no lines (never: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// 1-based line and 1-based column (in characters) of a byte offset in `text`. A
    /// byte-order mark at the start of the text is not counted as a column.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let mut start = self.line_start(line).min(offset);
        if start == 0 && text.starts_with('\u{feff}') {
            start = 3.min(offset);
        }
        // Count from the last checkpoint of this line at or before `offset`.
        let mut base = 0;
        let cp = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        if let Some(&(at, col)) = cp.checked_sub(1).and_then(|i| self.checkpoints.get(i))
            && at > start
        {
            start = at;
            base = col;
        }
        let col = base + text[start..offset].chars().count();
        (line + 1, col + 1)
    }

    /// Byte range of the line holding `offset`, without its line ending.
    pub fn line_range(&self, text: &str, offset: usize) -> Range<usize> {
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let mut end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(text.len())
            .max(start);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }
}

/// The largest character boundary at or before `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary at or after `i`.
pub fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

type ProseScan = (
    Vec<Range<usize>>,
    Vec<usize>,
    Option<Date>,
    Option<DateOrigin>,
);

/// Prose ranges, paragraph starts and front-matter date of a Markdown text.
fn markdown_prose(text: &str) -> ProseScan {
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut prose: Vec<Range<usize>> = Vec::new();
    let mut paragraphs = vec![0];
    let mut date = None;
    let mut origin = None;
    let mut in_code = 0usize;
    let mut in_meta = false;
    let mut in_autolink = 0usize;
    let push = |prose: &mut Vec<Range<usize>>, r: Range<usize>| {
        if r.is_empty() {
            return;
        }
        match prose.last_mut() {
            Some(last) if last.end >= r.start => last.end = last.end.max(r.end),
            _ => prose.push(r),
        }
    };
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => in_autolink += 1,
            Event::End(TagEnd::Link) if in_autolink > 0 => in_autolink -= 1,
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableCell
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_),
            ) if paragraphs.last() != Some(&range.start) && range.start > 0 => {
                paragraphs.push(range.start);
            }
            Event::Text(t) if in_meta && date.is_none() => {
                date = front_matter_date(&t);
                if date.is_some() {
                    origin = Some(DateOrigin::FrontMatter);
                }
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak
                if in_code == 0 && in_autolink == 0 && !in_meta =>
            {
                push(&mut prose, range)
            }
            _ => {}
        }
    }
    paragraphs.sort_unstable();
    paragraphs.dedup();
    // Blank lines inside one block (a loose list item, say) still part paragraphs.
    let mut extra = text_paragraphs(text, 0);
    paragraphs.append(&mut extra);
    paragraphs.sort_unstable();
    paragraphs.dedup();
    (prose, paragraphs, date, origin)
}

/// Paragraph starts of a text: a paragraph begins after one or more blank lines.
fn text_paragraphs(text: &str, base: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = vec![base];
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'\n', &bytes[i..]) {
        let nl = i + p;
        // Is the next line blank?
        let mut j = nl + 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            // Skip all blank lines.
            let mut k = j;
            while k < bytes.len() && matches!(bytes[k], b' ' | b'\t' | b'\r' | b'\n') {
                k += 1;
            }
            out.push(base + k);
            i = k;
        } else {
            i = nl + 1;
        }
        if i >= bytes.len() {
            break;
        }
    }
    out
}

/// The `date:` value of a YAML or TOML front-matter block.
fn front_matter_date(block: &str) -> Option<Date> {
    for line in block.lines() {
        let line = line.trim();
        let Some(rest) = line
            .strip_prefix("date")
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix(':').or_else(|| r.strip_prefix('=')))
        else {
            continue;
        };
        let value = rest.trim().trim_matches(|c| c == '"' || c == '\'');
        return parse_iso_date(value);
    }
    None
}

/// `YYYY-MM-DD`, optionally followed by a time.
pub fn parse_iso_date(value: &str) -> Option<Date> {
    let head = value.get(..10)?;
    let b = head.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    head.parse::<Date>().ok()
}

/// A leading `date YYYY-MM-DD` or `date: YYYY-MM-DD` at the very start of the text (after
/// whitespace or a byte-order mark), with the byte range it occupies.
fn leading_date(text: &str) -> Option<(Date, Range<usize>)> {
    let start = text.len()
        - text
            .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
            .len();
    let rest = &text[start..];
    let after = rest
        .get(..4)
        .filter(|w| w.eq_ignore_ascii_case("date"))
        .map(|_| &rest[4..])?;
    let trimmed = after.strip_prefix(':').unwrap_or(after);
    let value = trimmed.trim_start_matches([' ', '\t']);
    if value.len() == trimmed.len() && !after.starts_with(':') {
        return None; // `dated ...`, `datum`: not the marker
    }
    let date = parse_iso_date(value)?;
    let end = text.len() - value.len() + 10;
    Some((date, start..end))
}

/// `ranges` minus `cut`.
fn subtract(ranges: &[Range<usize>], cut: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(ranges.len() + 1);
    for r in ranges {
        if r.end <= cut.start || r.start >= cut.end {
            out.push(r.clone());
            continue;
        }
        if r.start < cut.start {
            out.push(r.start..cut.start);
        }
        if r.end > cut.end {
            out.push(cut.end..r.end);
        }
    }
    out
}

/// Remove bare URLs (`http://`, `https://`, `www.`) from the prose ranges.
fn remove_urls(text: &str, prose: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut cuts: Vec<Range<usize>> = Vec::new();
    for needle in [&b"http://"[..], b"https://", b"www."] {
        for at in memchr::memmem::find_iter(bytes, needle) {
            if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            let mut end = at;
            while end < bytes.len() && !bytes[end].is_ascii_whitespace() && bytes[end] != b'<' {
                end += 1;
            }
            // A sentence's closing punctuation is not part of the URL.
            while end > at && matches!(bytes[end - 1], b'.' | b',' | b';' | b':' | b')' | b'"') {
                end -= 1;
            }
            cuts.push(at..end);
        }
    }
    if cuts.is_empty() {
        return prose;
    }
    cuts.sort_by_key(|r| r.start);
    let mut out = prose;
    for cut in &cuts {
        out = subtract(&out, cut);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source read from a file in a fresh directory, its text let go.
    fn released(text: &str, name: &str) -> (tempfile::TempDir, PathBuf, Source) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let input = crate::walk::Input::File(path.clone());
        let mut s = crate::walk::read(&input, crate::walk::ReadOptions::default()).unwrap();
        s.release_text();
        (dir, path, s)
    }

    #[test]
    fn a_text_let_go_is_read_again_with_its_lines() {
        let text = "---\ndate: 2020-01-15\n---\n\nSome 57 people.\r\nThen 12 more.\n";
        let whole = Source::new("a.md", text.to_string(), SourceKind::Markdown);
        let (_dir, _, s) = released(text, "a.md");
        assert!(s.prose().is_empty() && s.paragraphs().is_empty());
        assert_eq!(s.text(), text);
        for offset in 0..=text.len() {
            assert_eq!(s.line_col(offset), whole.line_col(offset), "at {offset}");
        }
        assert_eq!(s.reread_error(), None);
        assert_eq!(s.date, whole.date);
    }

    #[test]
    fn a_source_without_a_file_keeps_its_text() {
        let mut s = Source::new("a.txt", "Some 57 people.".into(), SourceKind::Text);
        s.release_text();
        assert_eq!(s.text(), "Some 57 people.");
        assert_eq!(s.prose().len(), 1);
    }

    #[test]
    fn a_file_changed_or_gone_before_it_is_read_again_is_said_and_keeps_spans() {
        let text = "Some 57 people.\nThen 12 more.\n";
        // The same length, another text.
        let (_dir, path, s) = released(text, "a.txt");
        std::fs::write(&path, text.replace("57", "75")).unwrap();
        assert_eq!(s.text(), " ".repeat(text.len()));
        assert_eq!(
            s.reread_error(),
            Some("changed while it was being checked; its excerpts in this report are blank")
        );
        // Gone.
        let (_dir, path, s) = released(text, "b.txt");
        std::fs::remove_file(&path).unwrap();
        assert_eq!(s.text().len(), text.len());
        assert_eq!(
            s.reread_error(),
            Some(
                "no such file or directory when read again for this report; its excerpts are blank"
            )
        );
        // Grown.
        let (_dir, path, s) = released(text, "c.txt");
        std::fs::write(&path, format!("{text}More.")).unwrap();
        assert_eq!(s.text().len(), text.len());
        assert!(s.reread_error().is_some());
    }

    #[test]
    fn a_text_read_lossily_is_read_again_the_same_way() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"Some 57 people \xff\xfe and 12 more.").unwrap();
        let input = crate::walk::Input::File(path);
        let lossy = crate::walk::ReadOptions { lossy: true };
        let mut s = crate::walk::read(&input, lossy).unwrap();
        let first = s.text().to_string();
        assert!(first.contains('\u{fffd}'));
        s.release_text();
        assert_eq!(s.text(), first);
        assert_eq!(s.reread_error(), None);
    }

    #[test]
    fn directives_are_known_without_the_text() {
        let (_d, _, s) = released("Some 57 people. <!-- crosscheck-disable-line -->", "a.md");
        assert!(s.has_directives());
        let (_d, _, s) = released("Some 57 people.", "a.md");
        assert!(!s.has_directives());
    }

    fn prose_text(s: &Source) -> String {
        s.scan_text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn leading_date_is_read_and_is_not_prose() {
        let s = Source::new(
            "a.txt",
            " date 2020-01-15 Some 57 people.".into(),
            SourceKind::Text,
        );
        assert_eq!(s.date, Some(jiff::civil::date(2020, 1, 15)));
        assert_eq!(s.date_origin, Some(DateOrigin::Leading));
        assert_eq!(prose_text(&s), "Some 57 people.");
        let s = Source::new("a.txt", "date: 2020-01-15\nText".into(), SourceKind::Text);
        assert_eq!(s.date, Some(jiff::civil::date(2020, 1, 15)));
        let s = Source::new("a.txt", "dated 2020-01-15\nText".into(), SourceKind::Text);
        assert_eq!(s.date, None);
    }

    #[test]
    fn markdown_reads_only_prose() {
        let text = "---\ntitle: x\nupdated: 2019-05-01\ndate: 2019-03-04\n---\n\n# Head 1\n\nSee `code 12` and \
                    [a link](http://x.com/12) or <https://y.org/34>.\n\n```\n99 bottles\n```\n\
                    Visit https://z.net/56 now.\n";
        let s = Source::new("a.md", text.into(), SourceKind::Markdown);
        assert_eq!(s.date, Some(jiff::civil::date(2019, 3, 4)));
        assert_eq!(s.date_origin, Some(DateOrigin::FrontMatter));
        assert_eq!(s.scan_text().len(), text.len());
        assert_eq!(prose_text(&s), "Head 1 See and a link or . Visit now.");
    }

    #[test]
    fn line_index_handles_all_line_endings() {
        let text = "a\r\nbé\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 5), (2, 2)); // inside `é`: counted from its start
        assert_eq!(idx.line_col(text, 7), (3, 1));
        assert_eq!(idx.line_col(text, 9), (4, 1));
        assert_eq!(idx.line_range(text, 0), 0..1);
        assert_eq!(idx.line_range(text, 4), 3..6);
        let bom = "\u{feff}ab";
        assert_eq!(LineIndex::new(bom).line_col(bom, 4), (1, 2));
    }

    mod scan_text {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2048))]

            /// The scan text put together piece by piece is the plain rule's, for prose
            /// ranges of any kind: sorted or not, overlapping, off character boundaries
            /// or past the end.
            #[test]
            fn pieced_is_blanked(
                text in "[a-z é\n\r`#*]{0,40}",
                cuts in prop::collection::vec(0usize..48, 0..8),
                sorted in any::<bool>(),
            ) {
                let mut s = Source::new("a.md", text, SourceKind::Markdown);
                let mut cuts = cuts;
                if sorted {
                    cuts.sort_unstable();
                }
                s.prose = cuts.chunks(2).map(|c| c[0]..c.get(1).copied().unwrap_or(c[0])).collect();
                if let Some(p) = s.pieced() {
                    prop_assert_eq!(p, s.blanked());
                }
                if sorted && cuts.iter().all(|&c| s.text().is_char_boundary(c)) {
                    prop_assert!(s.pieced().is_some());
                }
            }
        }
    }

    #[test]
    fn paragraphs_are_split_at_blank_lines() {
        let s = Source::new("a.txt", "One.\nTwo.\n\n\nThree.\n".into(), SourceKind::Text);
        assert_eq!(s.paragraphs, vec![0, 12]);
        assert_eq!(s.paragraph_of(5), 0);
        assert_eq!(s.paragraph_of(12), 1);
        assert_eq!(s.paragraph_range(0), 0..12);
    }
}
