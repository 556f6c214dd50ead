//! Every check's documentation (`crosscheck explain`) carries an example that fires and one
//! that stays silent; both are run here, so the documentation cannot drift from the code.
//!
//! In a doc, an example is a block of lines indented by four spaces, `name.md: text`, with
//! continuation lines indented further. A pseudo-file `rules.toml` is loaded as a rule pack
//! and `facts.toml` as a fact sheet.

use crosscheck::check::CHECKS;
use crosscheck::facts::FactSheet;
use crosscheck::rules::{BUILTIN_PACKS, Rules};
use crosscheck::source::{Source, SourceKind};

/// The pseudo-files of the section that starts with `heading`.
fn section(doc: &str, heading: &str) -> Vec<(String, String)> {
    let Some(start) = doc.find(&format!("{heading}\n")) else {
        return Vec::new();
    };
    let body = &doc[start + heading.len() + 1..];
    let end = body.find("\n## ").unwrap_or(body.len());
    let mut files: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for line in body[..end].lines() {
        let indent = line.len() - line.trim_start().len();
        if indent == 4
            && let Some((name, text)) = line.trim_start().split_once(": ")
            && name.contains('.')
            && !name.contains(' ')
        {
            files.push((name.to_string(), text.to_string()));
            open = true;
            continue;
        }
        if indent > 4 && open {
            if let Some(last) = files.last_mut() {
                last.1.push('\n');
                last.1.push_str(line.trim_start());
            }
            continue;
        }
        open = false;
    }
    files
}

/// The names of the checks that report on these pseudo-files.
fn run(files: &[(String, String)]) -> Vec<&'static str> {
    let mut packs: Vec<(String, String, bool)> = BUILTIN_PACKS
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string(), true))
        .collect();
    let mut options = crosscheck::Options::default();
    let mut sources = Vec::new();
    for (name, text) in files {
        match name.as_str() {
            "rules.toml" => packs.push((name.clone(), format!("{text}\n"), false)),
            "facts.toml" => options.facts.push(
                FactSheet::parse(name, &format!("{text}\n"))
                    .unwrap_or_else(|e| panic!("{name} in a doc example: {}", e[0].message)),
            ),
            _ => sources.push(Source::new(
                name.clone(),
                format!("{text}\n"),
                SourceKind::from_path(name),
            )),
        }
    }
    let rules = Rules::from_packs(&packs)
        .unwrap_or_else(|e| panic!("rules.toml in a doc example: {}", e[0].message));
    let a = crosscheck::analyze_with(sources, &rules, &options);
    a.findings.iter().map(|f| f.check.name).collect()
}

#[test]
fn every_example_fires_and_every_silent_example_stays_silent() {
    let mut failures = Vec::new();
    for c in CHECKS {
        let i = c.info();
        let fires = section(i.doc, "## Example");
        let silent = section(i.doc, "## Example that stays silent");
        if fires.is_empty() || silent.is_empty() {
            failures.push(format!(
                "{}: an example section has no pseudo-files",
                i.name
            ));
            continue;
        }
        if !run(&fires).contains(&i.name) {
            failures.push(format!("{}: its example does not fire", i.name));
        }
        if run(&silent).contains(&i.name) {
            failures.push(format!("{}: its silent example fires", i.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
