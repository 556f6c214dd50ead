//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their corpus
//! (`tests/fuzz_corpus.rs`). Each takes arbitrary bytes and must never panic.

use std::path::Path;
use std::sync::OnceLock;

use crate::rules::Rules;
use crate::source::{Source, SourceKind};

fn builtin() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("built-in packs compile"))
}

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The whole pipeline on one text, read as plain text and as Markdown, then both reports.
pub fn extract(data: &[u8]) {
    let t = text(data);
    let rules = builtin();
    let sources = vec![
        Source::new("a.txt", t.clone(), SourceKind::Text),
        Source::new("b.md", t, SourceKind::Markdown),
    ];
    let analysis = crate::analyze(sources, rules);
    for c in &analysis.claims {
        let s = &analysis.sources[c.source_id()];
        assert!(
            s.text().get(c.span.range()).is_some(),
            "claim span off a boundary"
        );
    }
    let _ = crate::report::json::render(&analysis);
    let _ = crate::report::render_human(&analysis, crate::report::Style { color: false });
    let _ = crate::report::concise::render(&analysis);
    let _ = crate::report::sarif::render(&analysis);
    let _ = crate::report::github::render(&analysis);
    let _ = crate::report::junit::render(&analysis);
}

/// The Markdown reader: prose ranges, the masked text, positions of every range.
pub fn markdown(data: &[u8]) {
    let t = text(data);
    let s = Source::new("a.md", t, SourceKind::Markdown);
    let scan = s.scan_text();
    assert_eq!(scan.len(), s.text().len(), "the masked text keeps offsets");
    let mut last = 0;
    for r in s.prose() {
        assert!(r.start >= last && r.start <= r.end && r.end <= s.text().len());
        assert!(s.text().is_char_boundary(r.start) && s.text().is_char_boundary(r.end));
        last = r.end;
        let _ = s.line_col(r.start);
    }
    for w in s.paragraphs().windows(2) {
        assert!(w[0] <= w[1]);
    }
}

/// The rule-pack loader, then extraction with the pack loaded.
pub fn rule_pack(data: &[u8]) {
    let t = text(data);
    let mut packs: Vec<(String, String, bool)> = crate::rules::BUILTIN_PACKS
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string(), true))
        .collect();
    packs.push(("fuzz.toml".into(), t, false));
    if let Ok(rules) = Rules::from_packs(&packs) {
        let source = Source::new(
            "a.md",
            "Around 500 troops and 5,200 American soldiers; a similar number of others.".into(),
            SourceKind::Markdown,
        );
        let _ = crate::analyze(vec![source], &rules);
        let _ = crate::rules::testing::run(&rules, &[]);
    }
}

/// The configuration loader.
pub fn config(data: &[u8]) {
    let t = text(data);
    let _ = crate::config::Config::parse(Path::new("fuzz/crosscheck.toml"), &t);
    let _ = crate::triage::Baseline::parse(Path::new("fuzz/baseline.toml"), t);
}
