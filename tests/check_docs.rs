//! Every check's documentation is true: its `## Example` makes it fire, and its `## Example
//! that stays silent` does not.
//!
//! Examples are written as indented lines, one per file, `    name.md: text`, with
//! continuation lines indented further. Two pseudo-files are not sources: `rules.toml` is a
//! rule pack the example loads, and `baseline.toml` a baseline it applies.

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

fn parse_example(text: &str) -> Example {
    let mut ex = Example::default();
    let mut open = false;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if indent == 4
            && let Some((name, body)) = line.trim_start().split_once(": ")
            && !name.contains(' ')
            && [".md", ".markdown", ".txt", ".toml"]
                .iter()
                .any(|x| name.ends_with(x))
        {
            ex.files.push((name.to_string(), body.to_string()));
            open = true;
        } else if open && indent > 4 {
            if let Some((_, body)) = ex.files.last_mut() {
                body.push('\n');
                body.push_str(line.trim_start());
            }
        } else {
            open = false;
        }
    }
    for (_, body) in &mut ex.files {
        body.push('\n');
    }
    ex
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
            let ex = parse_example(text);
            if ex.files.iter().all(|(n, _)| n.ends_with(".toml")) {
                failures.push(format!("{} ({what}): no example files found", info.name));
                continue;
            }
            let codes = run(info, &ex);
            let fired = codes.contains(&info.code);
            if fired != should_fire {
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
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn examples_are_parsed_with_continuations_and_pseudo_files() {
    let doc = "Intro.\n\n    not: an example\n\n## Example\n\n    a.md: First line\n          second line.\n    rules.toml: [[keys]]\n        name = \"k\"\n\nProse after.\n    b.md: not in an example block? yes, still a file\n\n## Example that stays silent\n\n    c.txt: Only.\n";
    let ex = parse_example(section(doc, "Example").unwrap());
    assert_eq!(
        ex.files,
        vec![
            ("a.md".to_string(), "First line\nsecond line.\n".to_string()),
            (
                "rules.toml".to_string(),
                "[[keys]]\nname = \"k\"\n".to_string()
            ),
            (
                "b.md".to_string(),
                "not in an example block? yes, still a file\n".to_string()
            ),
        ]
    );
    let silent = parse_example(section(doc, "Example that stays silent").unwrap());
    assert_eq!(
        silent.files,
        vec![("c.txt".to_string(), "Only.\n".to_string())]
    );
    assert!(section(doc, "Examples").is_none());
}
