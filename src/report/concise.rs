//! The concise report: one line per finding, `path:line:col: severity[code] message`, as
//! compilers and most linters print them (editors and `grep` read it).

use std::fmt::Write as _;

use crate::Analysis;
use crate::check::Finding;
use crate::source::Source;

/// `path:line:col` of a finding's first label (or `-` when it has none).
pub fn location(f: &Finding, sources: &[Source]) -> String {
    match f
        .labels
        .first()
        .and_then(|l| Some((l, sources.get(l.source)?)))
    {
        Some((l, s)) => {
            let (line, col) = s.line_col(l.span.start);
            format!("{}:{line}:{col}", s.path)
        }
        None => "-".into(),
    }
}

/// One line per finding; the label messages follow the message, joined by `; `.
pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    for f in &a.findings {
        let _ = write!(
            out,
            "{}: {}[{}] {}",
            location(f, &a.sources),
            f.severity.as_str(),
            f.check.code,
            super::one_line(&f.message)
        );
        let labels: Vec<String> = f
            .labels
            .iter()
            .filter_map(|l| {
                let s = a.sources.get(l.source)?;
                let (line, _) = s.line_col(l.span.start);
                Some(format!(
                    "{}:{line}: {}",
                    s.path,
                    super::one_line(&l.message)
                ))
            })
            .collect();
        if labels.len() > 1 {
            let _ = write!(out, " ({})", labels.join("; "));
        }
        out.push('\n');
    }
    out
}
