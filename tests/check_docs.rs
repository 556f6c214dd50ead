//! Every check's documentation is true: its `## Example` makes it fire, and its `## Example
//! that stays silent` does not.
//!
//! Examples are written as indented lines, one per file, `    name.md: text`, with
//! continuation lines indented further. Three pseudo-files are not sources: `rules.toml` is
//! a rule pack the example loads, `baseline.toml` a baseline it applies, and `facts.toml` a
//! fact sheet it checks against.

use std::path::Path;

use crosscheck::check::CheckInfo;
use crosscheck::rules::Rules;
use crosscheck::source::{Source, SourceKind};
use crosscheck::triage::{self, Baseline};
use crosscheck::{Options, analyze_with};

/// One example: its files in order, as (name, text).
#[derive(Debug, Default)]
struct Example {
    files: Vec<(String, String)>,
}

/// The text of a `## ` section, up to the next one.
fn section<'a>(doc: &'a str, heading: &str) -> Option<&'a str> {
    let marker = format!("## {heading}\n");
    let start = doc
        .match_indices(&marker)
        .find(|(i, _)| *i == 0 || doc[..*i].ends_with('\n'))?
        .0
        + marker.len();
    let rest = &doc[start..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    Some(&rest[..end])
}

/// The examples of a section: groups of file lines, separated by prose.
fn parse_examples(text: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut open = false;
    let mut prose_since_file = true;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if indent == 4
            && let Some((name, body)) = line.trim_start().split_once(": ")
            && !name.contains(' ')
            && [".md", ".markdown", ".txt", ".toml"]
                .iter()
                .any(|x| name.ends_with(x))
        {
            if prose_since_file {
                out.push(Example::default());
                prose_since_file = false;
            }
            if let Some(ex) = out.last_mut() {
                ex.files.push((name.to_string(), body.to_string()));
            }
            open = true;
        } else if open && indent > 4 {
            if let Some((_, body)) = out.last_mut().and_then(|ex| ex.files.last_mut()) {
                body.push('\n');
                body.push_str(line.trim_start());
            }
        } else {
            open = false;
            if !line.trim().is_empty() && indent == 0 {
                prose_since_file = true;
            }
        }
    }
    for ex in &mut out {
        for (_, body) in &mut ex.files {
            body.push('\n');
        }
    }
    out
}

/// Run an example and return the codes of its findings.
fn run(info: &CheckInfo, ex: &Example) -> Vec<&'static str> {
    let mut packs: Vec<(String, String, bool)> = crosscheck::rules::BUILTIN_PACKS
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string(), true))
        .collect();
    let mut sources = Vec::new();
    let mut options = Options::default();
    for (name, text) in &ex.files {
        match name.as_str() {
            "rules.toml" => packs.push((name.clone(), text.clone(), false)),
            "baseline.toml" => {
                let b = Baseline::parse(Path::new(name), text.clone())
                    .unwrap_or_else(|e| panic!("{}: example baseline: {e:?}", info.name));
                options.triage = triage::Settings {
                    baseline: Some(b),
                    ..triage::Settings::default()
                };
            }
            "facts.toml" => options.facts.push(
                crosscheck::facts::FactSheet::parse(name, text)
                    .unwrap_or_else(|e| panic!("{}: example fact sheet: {e:?}", info.name)),
            ),
            _ => sources.push(Source::new(
                name.clone(),
                text.clone(),
                SourceKind::from_path(name),
            )),
        }
    }
    let rules = Rules::from_packs(&packs)
        .unwrap_or_else(|e| panic!("{}: example rule pack: {e:?}", info.name));
    analyze_with(sources, &rules, &options)
        .findings
        .iter()
        .map(|f| f.check.code)
        .collect()
}

#[test]
fn every_example_fires_and_every_silent_example_stays_silent() {
    let mut failures = Vec::new();
    let infos = triage::select::all_infos();
    assert!(infos.len() >= 5);
    for info in infos {
        let (Some(fires), Some(silent)) = (
            section(info.doc, "Example"),
            section(info.doc, "Example that stays silent"),
        ) else {
            failures.push(format!(
                "{}: no `## Example` or no `## Example that stays silent`",
                info.name
            ));
            continue;
        };
        for (what, text, should_fire) in [
            ("Example", fires, true),
            ("Example that stays silent", silent, false),
        ] {
            let examples = parse_examples(text);
            if examples.is_empty() {
                failures.push(format!("{} ({what}): no example files found", info.name));
            }
            for ex in examples {
                if ex.files.iter().all(|(n, _)| n.ends_with(".toml")) {
                    failures.push(format!("{} ({what}): an example with no source", info.name));
                    continue;
                }
                let codes = run(info, &ex);
                if codes.contains(&info.code) != should_fire {
                    failures.push(format!(
                        "{} ({what}): {} (findings: {codes:?}; files: {:?})",
                        info.name,
                        if should_fire {
                            "does not fire"
                        } else {
                            "fires"
                        },
                        ex.files
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn examples_are_parsed_with_continuations_and_pseudo_files() {
    let doc = "Intro.\n\n    not: an example\n\n## Example\n\n    a.md: First line\n          second line.\n    rules.toml: [[keys]]\n        name = \"k\"\n\nProse between two examples.\n\n    b.md: A second example.\n\n## Example that stays silent\n\n    c.txt: Only.\n";
    let ex = parse_examples(section(doc, "Example").unwrap());
    assert_eq!(ex.len(), 2);
    assert_eq!(
        ex[0].files,
        vec![
            ("a.md".to_string(), "First line\nsecond line.\n".to_string()),
            (
                "rules.toml".to_string(),
                "[[keys]]\nname = \"k\"\n".to_string()
            ),
        ]
    );
    assert_eq!(
        ex[1].files,
        vec![("b.md".to_string(), "A second example.\n".to_string())]
    );
    let silent = parse_examples(section(doc, "Example that stays silent").unwrap());
    assert_eq!(silent.len(), 1);
    assert_eq!(
        silent[0].files,
        vec![("c.txt".to_string(), "Only.\n".to_string())]
    );
    assert!(section(doc, "Examples").is_none());
}
