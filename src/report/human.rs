//! The human report: one compiler-style diagnostic per finding, rendered by miette, with
//! labels in every source involved.
//!
//! miette renders one `SourceCode` per diagnostic. To point into several files at once,
//! each finding gets a [`Snippets`] value: a small virtual document made of the lines its
//! labels sit on (windowed, with `...` where a long line is cut), each snippet carrying
//! its own file name and line numbers.

use std::fmt::Write as _;
use std::ops::Range;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::check::{Finding, Severity};
use crate::source::{Source, ceil_char_boundary, floor_char_boundary};

/// How wide a snippet line may be, in characters, before it is cut with `...`.
const SNIPPET_WIDTH: usize = 90;

/// Terminal styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    pub fn severity(&self, sev: Severity) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, sev.as_str())
    }

    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}

/// Render one finding.
pub fn render_finding(f: &Finding, sources: &[Source], style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}",
        style.severity(f.severity),
        style.bold(&format!("[{}]: {}", f.check.name, f.message))
    );
    let (snippets, spans) = Snippets::build(f, sources);
    let diag = FindingDiagnostic {
        labels: f
            .labels
            .iter()
            .zip(spans)
            .map(|(l, span)| LabeledSpan::new(Some(l.message.clone()), span.start, span.len()))
            .collect(),
        help: f.help.clone(),
        severity: f.severity,
        snippets: &snippets,
    };
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_context_lines(1)
        .without_syntax_highlighting();
    let mut body = String::new();
    if handler.render_report(&mut body, &diag).is_err() {
        // Never lose a finding to a rendering problem: fall back to plain lines.
        for l in &f.labels {
            let s = &sources[l.source];
            let (line, col) = s.line_col(l.span.start);
            let _ = writeln!(body, "  --> {}:{line}:{col}: {}", s.path, l.message);
        }
        if let Some(h) = &f.help {
            let _ = writeln!(body, "  help: {h}");
        }
        out.push_str(&body);
        return out;
    }
    // miette's first line holds the (empty) message: the header above replaces it.
    let body = body.split_once('\n').map_or("", |(_, rest)| rest);
    out.push_str(body);
    out
}

/// One window onto one source.
struct Snippet {
    name: String,
    /// Offset of this snippet in the virtual document.
    base: usize,
    text: String,
    /// 0-based line in the source of the snippet's first line.
    line: usize,
    /// For each label in the snippet: its offset in the virtual document, and its real
    /// 0-based line and column in the source (for the `path:line:col` header).
    labels: Vec<(usize, usize, usize)>,
}

/// The virtual document of one finding.
struct Snippets {
    items: Vec<Snippet>,
}

impl Snippets {
    /// Cut windows around the labels and map each label into the virtual document.
    fn build(f: &Finding, sources: &[Source]) -> (Snippets, Vec<Range<usize>>) {
        // Group labels: same source, and close enough to share a window.
        let mut order: Vec<usize> = (0..f.labels.len()).collect();
        order.sort_by_key(|&i| (f.labels[i].source, f.labels[i].span.start));
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in order {
            let l = &f.labels[i];
            let s = &sources[l.source];
            let joins = groups.last().is_some_and(|g| {
                let last = &f.labels[*g.last().unwrap_or(&i)];
                let first = &f.labels[g[0]];
                last.source == l.source
                    && s.lines().line_of(first.span.start) == s.lines().line_of(l.span.start)
                    && l.span.end.saturating_sub(first.span.start) < SNIPPET_WIDTH * 2
            });
            if joins {
                if let Some(g) = groups.last_mut() {
                    g.push(i);
                }
            } else {
                groups.push(vec![i]);
            }
        }
        let mut items = Vec::new();
        let mut spans = vec![0..0; f.labels.len()];
        let mut base = 0;
        for g in &groups {
            let src_id = f.labels[g[0]].source;
            let s = &sources[src_id];
            let gs = g.iter().map(|&i| f.labels[i].span.start).min().unwrap_or(0);
            let ge = g.iter().map(|&i| f.labels[i].span.end).max().unwrap_or(gs);
            let (ws, we) = window(s, gs, ge);
            let before = ws > visible_line_start(s, ws);
            let after = we
                < s.lines()
                    .line_range(s.text(), we.saturating_sub(1).max(ws))
                    .end;
            let prefix = if before { "... " } else { "" };
            let mut text = String::with_capacity(we - ws + 8);
            text.push_str(prefix);
            text.push_str(&s.text()[ws..we]);
            if after {
                text.push_str(" ...");
            }
            let mut label_cols = Vec::new();
            for &i in g {
                let l = &f.labels[i];
                let start = base + prefix.len() + (l.span.start - ws);
                let end = base + prefix.len() + (l.span.end.min(we) - ws);
                spans[i] = start..end;
                let (line, col) = s.line_col(l.span.start);
                label_cols.push((start, line - 1, col - 1));
            }
            let len = text.len();
            items.push(Snippet {
                name: s.path.clone(),
                base,
                text,
                line: s.lines().line_of(ws),
                labels: label_cols,
            });
            // A gap of one byte keeps snippets from touching.
            base += len + 1;
        }
        (Snippets { items }, spans)
    }
}

/// A window of the source around `[gs, ge)`: whole lines when they are short, else a cut
/// of about [`SNIPPET_WIDTH`] characters on word boundaries.
fn window(s: &Source, gs: usize, ge: usize) -> (usize, usize) {
    let text = s.text();
    let first = s.lines().line_range(text, gs);
    let last = s.lines().line_range(text, ge.saturating_sub(1).max(gs));
    let (ls, le) = (visible_line_start(s, gs), last.end.max(first.start));
    // A character is at most four bytes: only a line of between SNIPPET_WIDTH and four
    // times that many bytes needs counting (never a whole long line).
    let short = le - ls <= SNIPPET_WIDTH
        || (le - ls <= 4 * SNIPPET_WIDTH && text[ls..le].chars().count() <= SNIPPET_WIDTH);
    if short {
        return (ls, le);
    }
    let label_chars = text[gs..ge.min(le)].chars().count();
    let context = SNIPPET_WIDTH.saturating_sub(label_chars).max(24) / 2;
    // Back `context` characters, then forward to a word start.
    let mut ws = gs;
    for (n, (i, _)) in text[ls..gs].char_indices().rev().enumerate() {
        ws = ls + i;
        if n + 1 >= context {
            break;
        }
    }
    if ws > ls
        && let Some(sp) = text[ws..gs].find(' ')
    {
        ws = ceil_char_boundary(text, ws + sp + 1);
    }
    // Forward `context` characters, then back to a word end.
    let mut we = ge.min(le);
    for (n, (i, c)) in text[we..le].char_indices().enumerate() {
        we = ge.min(le) + i + c.len_utf8();
        if n + 1 >= context {
            break;
        }
    }
    if we < le
        && let Some(sp) = text[ge.min(le)..we].rfind(' ')
    {
        we = floor_char_boundary(text, ge.min(le) + sp);
    }
    (ws, we.max(ge.min(le)))
}

/// Where the line holding `offset` starts, past a byte-order mark (which is not shown).
fn visible_line_start(s: &Source, offset: usize) -> usize {
    let start = s.lines().line_range(s.text(), offset).start;
    if start == 0 && s.text().starts_with('\u{feff}') {
        3
    } else {
        start
    }
}

impl SourceCode for Snippets {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let off = span.offset();
        let end = off + span.len();
        let sn = self
            .items
            .iter()
            .find(|s| s.base <= off && end <= s.base + s.text.len())
            .ok_or(MietteError::OutOfBounds)?;
        let whole = SourceSpan::new(sn.base.into(), sn.text.len());
        let line_count = sn.text.matches('\n').count() + 1;
        // miette asks with no context lines only for the header's `path:line:col`.
        if before == 0
            && after == 0
            && let Some(&(_, line, col)) = sn.labels.iter().find(|(s, ..)| *s == off)
        {
            return Ok(Box::new(MietteSpanContents::new_named(
                sn.name.clone(),
                sn.text.as_bytes(),
                whole,
                line,
                col,
                line_count,
            )));
        }
        Ok(Box::new(MietteSpanContents::new_named(
            sn.name.clone(),
            sn.text.as_bytes(),
            whole,
            sn.line,
            0,
            line_count,
        )))
    }
}

/// The diagnostic miette renders for one finding.
struct FindingDiagnostic<'a> {
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    severity: Severity,
    snippets: &'a Snippets,
}

impl std::fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FindingDiagnostic")
    }
}

impl std::fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, _f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.snippets)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}
