//! JUnit XML for CI dashboards: one test suite per source, one failing test case per
//! finding (in the source of its first label); a run without findings is one passing case.

use std::fmt::Write as _;

use crate::Analysis;

/// Escape text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(a: &Analysis) -> String {
    let mut suites: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, f) in a.findings.iter().enumerate() {
        let src = f.labels.first().map_or(usize::MAX, |l| l.source);
        match suites.iter_mut().find(|(s, _)| *s == src) {
            Some((_, v)) => v.push(i),
            None => suites.push((src, vec![i])),
        }
    }
    let total = a.findings.len().max(1);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"crosscheck\" tests=\"{total}\" failures=\"{}\" errors=\"0\">",
        a.findings.len()
    );
    if suites.is_empty() {
        out.push_str("  <testsuite name=\"crosscheck\" tests=\"1\" failures=\"0\" errors=\"0\">\n");
        let _ = writeln!(
            out,
            "    <testcase name=\"no findings\" classname=\"crosscheck\"><system-out>{}</system-out></testcase>",
            escape(&super::summary_line(a))
        );
        out.push_str("  </testsuite>\n");
    }
    for (src, list) in suites {
        let path = a.sources.get(src).map_or("-", |s| s.path.as_str());
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\">",
            escape(path),
            n = list.len()
        );
        for i in list {
            let f = &a.findings[i];
            let loc = super::concise::location(f, &a.sources);
            let body = super::label_lines(f, &a.sources);
            let _ = writeln!(
                out,
                "    <testcase name=\"{} {} at {}\" classname=\"{}\" file=\"{}\">",
                f.check.code,
                f.check.name,
                escape(&loc),
                escape(path),
                escape(path)
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&f.message),
                f.severity.as_str(),
                escape(&body)
            );
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            super::escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;"
        );
    }
}
