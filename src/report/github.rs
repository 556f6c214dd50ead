//! GitHub Actions workflow commands: one annotation per finding and source, so that a
//! cross-source finding shows on every file it involves.
//!
//! `::error file=a.md,line=3,col=5,endLine=3,endColumn=18,title=numeric-mismatch (N001)::…`
//!
//! A finding with a fix ends its message with the fix and each replacement it makes.

use std::fmt::Write as _;

use crate::Analysis;
use crate::check::Severity;

/// Escape the message part of a workflow command.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    for f in &a.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = format!("{} ({})", f.check.name, f.check.code);
        let mut seen = Vec::new();
        for l in &f.labels {
            if seen.contains(&l.source) {
                continue;
            }
            seen.push(l.source);
            let Some(s) = a.sources.get(l.source) else {
                continue;
            };
            let (line, col) = s.line_col(l.span.start);
            let (end_line, end_col) = s.line_col(l.span.end);
            // Every label, so that each annotation is whole; and the fix, as a suggestion.
            let mut text = format!(
                "{}\n{}",
                f.message,
                super::label_lines(f, &a.sources).trim_end()
            );
            text.push_str(&suggestion(f, &a.sources));
            let _ = writeln!(
                out,
                "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                property(&s.path),
                property(&title),
                data(&text)
            );
        }
    }
    out
}

/// The fix of a finding, for an annotation: each replacement it makes and where
/// (`suggestion: replace `Adil` with `Adel` (a.md:3:5)`), after the fix's message unless the
/// help already gives it.
fn suggestion(f: &crate::check::Finding, sources: &[crate::source::Source]) -> String {
    let Some(fix) = &f.fix else {
        return String::new();
    };
    let mut out = String::new();
    if !f.help.as_deref().is_some_and(|h| h.contains(&fix.message)) {
        let _ = write!(out, "\nfix: {}", fix.message);
    }
    let mut edits: Vec<&crate::fix::Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| (e.source, e.span.start, e.span.end));
    for e in edits {
        let Some(s) = sources.get(e.source) else {
            continue;
        };
        let (line, col) = s.line_col(e.span.start);
        let old = s.text().get(e.span.clone()).unwrap_or("");
        let _ = write!(
            out,
            "\nsuggestion: replace `{old}` with `{}` ({}:{line}:{col})",
            e.replacement, s.path
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_escaped() {
        assert_eq!(data("50% off\nnext"), "50%25 off%0Anext");
        assert_eq!(property("a,b: c"), "a%2Cb%3A c");
    }
}
