//! Inline suppressions: comments in a source that silence a check on a line or a stretch.
//!
//! ```text
//! <!-- crosscheck-disable-next-line N001 -->      the next line
//! <!-- crosscheck-disable-line N001 -->           the line the comment is on
//! <!-- crosscheck-disable N001 sum-mismatch -->   from here ...
//! <!-- crosscheck-enable N001 sum-mismatch -->    ... to here (or the end of the file)
//! ```
//!
//! The same directives work in plain text as a line comment: a line that starts with `#` or
//! `//` followed by the directive (`# crosscheck-disable-next-line N001`). Codes, names and
//! groups may be listed, separated by spaces or commas; none means every check.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::check::CheckInfo;
use crate::source::{Source, SourceId, SourceKind};

use super::select;

/// What a directive covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    NextLine,
    Line,
    /// From the directive to the matching `enable` (or the end of the file).
    Region,
}

/// One code (or selector) of one directive.
#[derive(Debug, Clone)]
pub struct Entry {
    pub source: SourceId,
    /// The directive's comment, for the report.
    pub comment: Range<usize>,
    /// The directive as written (`crosscheck-disable-next-line N001`).
    pub directive: String,
    /// The selector as written; `None` means every check.
    pub selector: Option<String>,
    pub scope: Scope,
    /// 0-based line the directive ends on (for `NextLine` and `Line`).
    pub line: usize,
    /// Byte range covered (for `Region`).
    pub region: Range<usize>,
    pub used: bool,
}

impl Entry {
    /// Whether this entry silences a finding of `info` with a label at `offset`.
    pub fn covers(&self, src: &Source, info: &CheckInfo, offset: usize) -> bool {
        let selected = match &self.selector {
            None => true,
            Some(s) => select::matches(s, info),
        };
        if !selected {
            return false;
        }
        match self.scope {
            Scope::NextLine => src.lines().line_of(offset) == self.line + 1,
            Scope::Line => src.lines().line_of(offset) == self.line,
            Scope::Region => self.region.contains(&offset),
        }
    }
}

static HTML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"<!--[ \t]*crosscheck-(disable-next-line|disable-line|disable|enable)\b([^\n]*?)-->",
    )
    .expect("valid regex")
});

static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(?:#|//)[ \t]*crosscheck-(disable-next-line|disable-line|disable|enable)\b([^\r\n]*)$",
    )
    .expect("valid regex")
});

/// Every suppression directive in a source, in order.
pub fn scan(id: SourceId, src: &Source) -> Vec<Entry> {
    if !src.has_directives() {
        return Vec::new();
    }
    let text = src.text();
    let mut found: Vec<(Range<usize>, &str, &str)> = HTML
        .captures_iter(text)
        .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.as_str(), c.get(2)?.as_str())))
        .collect();
    if src.kind == SourceKind::Text {
        found.extend(
            LINE.captures_iter(text)
                .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.as_str(), c.get(2)?.as_str()))),
        );
        found.sort_by_key(|(r, ..)| r.start);
    }
    let mut out: Vec<Entry> = Vec::new();
    for (range, kind, args) in found {
        // Trim the leading whitespace a line comment may have.
        let start =
            range.start + (text[range.clone()].len() - text[range.clone()].trim_start().len());
        let comment = start..range.end;
        let selectors: Vec<Option<String>> = {
            let v: Vec<Option<String>> = args
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|s| !s.is_empty())
                .map(|s| Some(s.to_string()))
                .collect();
            if v.is_empty() { vec![None] } else { v }
        };
        let line = src
            .lines()
            .line_of(comment.end.saturating_sub(1).max(comment.start));
        let directive = format!("crosscheck-{kind}{}", one_line_args(args));
        if kind == "enable" {
            // Close the open regions it names (all of them when it names none).
            for sel in &selectors {
                for e in out.iter_mut().rev() {
                    let open = e.scope == Scope::Region && e.region.end == usize::MAX;
                    let named = sel.is_none()
                        || e.selector
                            .as_deref()
                            .zip(sel.as_deref())
                            .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b));
                    if open && named {
                        e.region.end = comment.start;
                    }
                }
            }
            continue;
        }
        let scope = match kind {
            "disable-next-line" => Scope::NextLine,
            "disable-line" => Scope::Line,
            _ => Scope::Region,
        };
        for sel in selectors {
            out.push(Entry {
                source: id,
                comment: comment.clone(),
                directive: directive.clone(),
                selector: sel,
                scope,
                line,
                region: comment.end..usize::MAX,
                used: false,
            });
        }
    }
    for e in &mut out {
        if e.region.end == usize::MAX {
            e.region.end = text.len();
        }
    }
    out
}

fn one_line_args(args: &str) -> String {
    let a = args.split_whitespace().collect::<Vec<_>>().join(" ");
    if a.is_empty() { a } else { format!(" {a}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Source {
        Source::new("a.md", text.into(), SourceKind::Markdown)
    }

    #[test]
    fn directives_are_found_with_their_scope() {
        let s = md(
            "<!-- crosscheck-disable-next-line N001, sum-mismatch -->\nOne.\n\n<!-- crosscheck-disable -->\nTwo.\n<!-- crosscheck-enable -->\nThree.\n",
        );
        let e = scan(0, &s);
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].scope, Scope::NextLine);
        assert_eq!(e[0].selector.as_deref(), Some("N001"));
        assert_eq!(e[1].selector.as_deref(), Some("sum-mismatch"));
        assert_eq!(e[0].line, 0);
        assert_eq!(e[2].scope, Scope::Region);
        let two = s.text().find("Two").unwrap();
        let three = s.text().find("Three").unwrap();
        assert!(e[2].region.contains(&two));
        assert!(!e[2].region.contains(&three));
        assert_eq!(
            e[0].directive,
            "crosscheck-disable-next-line N001, sum-mismatch"
        );
    }

    #[test]
    fn an_unclosed_region_runs_to_the_end() {
        let s = md("<!-- crosscheck-disable N002 -->\nText.\n");
        let e = scan(0, &s);
        assert_eq!(e[0].region.end, s.text().len());
    }

    #[test]
    fn plain_text_takes_line_comments_markdown_does_not() {
        let text = "# crosscheck-disable-next-line N001\nFigures.\n  // crosscheck-disable-line\n";
        let t = Source::new("a.txt", text.into(), SourceKind::Text);
        let e = scan(0, &t);
        assert_eq!(e.len(), 2);
        assert_eq!(
            &text[e[0].comment.clone()],
            "# crosscheck-disable-next-line N001"
        );
        assert_eq!(e[1].scope, Scope::Line);
        assert_eq!(e[1].line, 2);
        assert!(scan(0, &md(text)).is_empty());
    }

    #[test]
    fn text_without_directives_is_not_scanned() {
        assert!(scan(0, &md("Nothing to see, crosscheck or not.")).is_empty());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<!-- crosscheck-disable-next-line N001 -->".to_string()),
            Just("<!-- crosscheck-disable N001, numbers -->".to_string()),
            Just("<!-- crosscheck-enable -->".to_string()),
            Just("<!-- crosscheck-disable-line".to_string()),
            Just("# crosscheck-disable-next-line\n".to_string()),
            Just("// crosscheck-enable N002\r\n".to_string()),
            Just("5,200 American soldiers".to_string()),
            Just("\n".to_string()),
            "\\PC{0,12}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any text, any mix of directives: scanning and triage never panic, and every
        /// entry's spans lie inside the text.
        #[test]
        fn scanning_and_triage_never_panic(parts in proptest::collection::vec(fragment(), 0..12), md in any::<bool>()) {
            let text: String = parts.concat();
            let kind = if md { SourceKind::Markdown } else { SourceKind::Text };
            let src = Source::new(if md { "a.md" } else { "a.txt" }, text.clone(), kind);
            for e in scan(0, &src) {
                prop_assert!(e.comment.end <= text.len() && e.comment.start <= e.comment.end);
                prop_assert!(e.region.start <= e.region.end && e.region.end <= text.len());
                prop_assert!(text.is_char_boundary(e.comment.start));
            }
            let rules = crate::rules::Rules::builtin().unwrap();
            let other = Source::new("b.md", "Washington keeps 5,000 American soldiers there.".into(), SourceKind::Markdown);
            let a = crate::analyze(vec![src, other], &rules);
            for f in &a.findings {
                for l in &f.labels {
                    prop_assert!(a.sources[l.source].text().get(l.span.clone()).is_some());
                }
            }
        }
    }
}
