//! SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.
//!
//! One result per finding: its first label is the location, every other label a related
//! location (so a cross-source finding points into each source), and a partial fingerprint
//! (the baseline's: the code and the text under each label, not line numbers) lets code
//! scanning follow a finding from one commit to the next. A finding with a fix carries it
//! as a SARIF `fix`: the replacements of each file it edits.

use serde_json::{Value, json};

use crate::Analysis;
use crate::check::{Label, Severity};
use crate::source::Source;
use crate::triage::{baseline, select};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(l: &Label, s: &Source, id: Option<usize>) -> Value {
    let mut region = region(s, &l.span);
    region["snippet"] = json!({ "text": s.text().get(l.span.clone()).unwrap_or("") });
    let mut v = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&s.path), "uriBaseId": "%SRCROOT%" },
            "region": region,
        },
        "message": { "text": l.message },
    });
    if let Some(id) = id {
        v["id"] = json!(id);
    }
    v
}

/// A region of a source, in lines and columns and in characters (`columnKind` is
/// `unicodeCodePoints`).
fn region(s: &Source, span: &std::ops::Range<usize>) -> Value {
    let (line, col) = s.line_col(span.start);
    let (end_line, end_col) = s.line_col(span.end);
    json!({
        "startLine": line,
        "startColumn": col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": s.text().get(..span.start).map_or(0, |t| t.chars().count()),
        "charLength": s.text().get(span.clone()).map_or(0, |t| t.chars().count()),
    })
}

/// A finding's fix as a SARIF `fix`: one `artifactChange` per source it edits, each with
/// its replacements in text order (every region is in the text as it was read).
fn fix_object(fix: &crate::fix::Fix, sources: &[Source]) -> Value {
    let mut edits: Vec<&crate::fix::Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| (e.source, e.span.start, e.span.end));
    let changes: Vec<Value> = edits
        .chunk_by(|a, b| a.source == b.source)
        .filter_map(|group| {
            let s = sources.get(group.first()?.source)?;
            let replacements: Vec<Value> = group
                .iter()
                .map(|e| {
                    json!({
                        "deletedRegion": region(s, &e.span),
                        "insertedContent": { "text": e.replacement },
                    })
                })
                .collect();
            Some(json!({
                "artifactLocation": { "uri": uri(&s.path), "uriBaseId": "%SRCROOT%" },
                "replacements": replacements,
            }))
        })
        .collect();
    json!({
        "description": { "text": fix.message },
        "artifactChanges": changes,
    })
}

/// A path as a relative URI reference: forward slashes, reserved characters escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b'\\' => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The SARIF log as a JSON value.
pub fn log(a: &Analysis) -> Value {
    let infos = select::all_infos();
    let rules: Vec<Value> = infos
        .iter()
        .map(|i| {
            json!({
                "id": i.code,
                "name": i.name,
                "shortDescription": { "text": i.summary },
                "fullDescription": { "text": i.doc.split("\n\n").next().unwrap_or(i.summary).split_whitespace().collect::<Vec<_>>().join(" ") },
                "help": { "text": i.doc, "markdown": i.doc },
                "defaultConfiguration": { "level": level(i.default_severity) },
                "properties": { "tags": [i.group] },
            })
        })
        .collect();
    let base = std::env::current_dir().unwrap_or_default();
    let results: Vec<Value> = a
        .findings
        .iter()
        .map(|f| {
            let index = infos.iter().position(|i| i.code == f.check.code);
            let mut labels = f
                .labels
                .iter()
                .filter_map(|l| Some((l, a.sources.get(l.source)?)));
            let mut message = f.message.clone();
            if let Some(h) = &f.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            let mut r = json!({
                "ruleId": f.check.code,
                "level": level(f.severity),
                "message": { "text": message },
                "locations": labels.next().map(|(l, s)| vec![location(l, s, None)]).unwrap_or_default(),
                "relatedLocations": labels.enumerate().map(|(i, (l, s))| location(l, s, Some(i + 1))).collect::<Vec<_>>(),
                "partialFingerprints": {
                    "crosscheckFingerprint/v1": baseline::fingerprint(f, &a.sources, &base),
                },
                "properties": { "name": f.check.name, "group": f.check.group },
            });
            if let Some(i) = index {
                r["ruleIndex"] = json!(i);
            }
            if let Some(fix) = &f.fix {
                r["fixes"] = json!([fix_object(fix, &a.sources)]);
            }
            r
        })
        .collect();
    let artifacts: Vec<Value> = a
        .sources
        .iter()
        .map(|s| json!({ "location": { "uri": uri(&s.path), "uriBaseId": "%SRCROOT%" }, "length": s.text().len() }))
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "crosscheck",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "the directory crosscheck ran in" } } },
            "artifacts": artifacts,
            "results": results,
        }],
    })
}

/// The SARIF log, pretty-printed, with a final newline.
pub fn render(a: &Analysis) -> String {
    let mut s = serde_json::to_string_pretty(&log(a)).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_become_uri_references() {
        assert_eq!(super::uri("drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(super::uri("é.md"), "%C3%A9.md");
    }
}
