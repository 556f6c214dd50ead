//! GitHub Actions workflow commands: one annotation per finding and source, so that a
//! cross-source finding shows on every file it involves.
//!
//! `::error file=a.md,line=3,col=5,endLine=3,endColumn=18,title=numeric-mismatch (N001)::…`

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
            let (line, col) = s.lines.line_col(&s.text, l.span.start);
            let (end_line, end_col) = s.lines.line_col(&s.text, l.span.end);
            // Every label, so that each annotation is whole.
            let text = format!(
                "{}\n{}",
                f.message,
                super::label_lines(f, &a.sources).trim_end()
            );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_escaped() {
        assert_eq!(data("50% off\nnext"), "50%25 off%0Anext");
        assert_eq!(property("a,b: c"), "a%2Cb%3A c");
    }
}
