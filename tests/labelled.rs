//! crosscheck's own labelled set: news-style sentences in `tests/labelled/*.toml`, each
//! with the quantity claims it makes (value as written, unit, key). Scores claims (a claim
//! is found when a claim with its value and unit is) and subject linking (the keys two
//! sources would share), and fails if a figure drops below `tests/labelled-scores.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use crosscheck::extract::{Extractor, Quantity};
use crosscheck::rules::Rules;
use crosscheck::source::{Source, SourceKind};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    sentence: Vec<Sentence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sentence {
    text: String,
    claims: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    /// The figure as written: before conversion to a base unit; a share as a fraction.
    value: f64,
    /// `count` when absent.
    unit: Option<String>,
    /// No key expected when absent.
    key: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Recorded {
    sentences: usize,
    claim_precision: f64,
    claim_recall: f64,
    key_precision: f64,
    key_recall: f64,
}

#[derive(Debug, Default)]
struct Tally {
    sentences: usize,
    expected_claims: usize,
    found_claims: usize,
    matched_claims: usize,
    expected_keys: usize,
    found_keys: usize,
    matched_keys: usize,
    misses: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn as_written(q: &Quantity) -> f64 {
    q.stated_value().unwrap_or(q.value)
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-3 * a.abs().max(b.abs()).max(1.0)
}

fn labelled_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labelled");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/labelled exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn score() -> Tally {
    let rules = Rules::builtin().expect("built-in packs load");
    let extractor = Extractor::new(&rules);
    let mut t = Tally::default();
    for path in labelled_files() {
        let text = std::fs::read_to_string(&path).expect("labelled file is readable");
        let file: File =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for s in &file.sentence {
            t.sentences += 1;
            let source = Source::new("<labelled>", s.text.clone(), SourceKind::Text);
            let x = extractor.extract(&source, 0, &rules);
            let found: Vec<&Quantity> = x.claims.iter().filter_map(|c| c.quantity()).collect();
            t.expected_claims += s.claims.len();
            t.found_claims += found.len();
            t.expected_keys += s.claims.iter().filter(|e| e.key.is_some()).count();
            t.found_keys += found.iter().filter(|q| q.key.is_some()).count();
            let mut used = vec![false; found.len()];
            for e in &s.claims {
                let unit = e.unit.as_deref().unwrap_or("count");
                let hit = (0..found.len()).find(|&i| {
                    !used[i]
                        && same(as_written(found[i]), e.value)
                        && found[i].unit.as_str() == unit
                });
                let Some(i) = hit else {
                    t.misses
                        .push(format!("{:?}: no claim {} {unit}", s.text, e.value));
                    continue;
                };
                used[i] = true;
                t.matched_claims += 1;
                match (&e.key, &found[i].key) {
                    (Some(want), Some(got)) if **want == **got => t.matched_keys += 1,
                    (want, got) if want.is_some() || got.is_some() => t.misses.push(format!(
                        "{:?}: {} keyed {got:?}, expected {want:?}",
                        s.text, e.value
                    )),
                    _ => {}
                }
            }
            for (i, q) in found.iter().enumerate() {
                if !used[i] {
                    t.misses.push(format!(
                        "{:?}: unexpected claim {} {} (key {:?})",
                        s.text,
                        as_written(q),
                        q.unit.as_str(),
                        q.key
                    ));
                }
            }
        }
    }
    t
}

fn recorded() -> Recorded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labelled-scores.toml");
    let text = std::fs::read_to_string(&path).expect("tests/labelled-scores.toml is readable");
    toml::from_str(&text).expect("tests/labelled-scores.toml parses")
}

#[test]
fn labelled_sentences_score_at_least_the_recorded_figures() {
    let t = score();
    let figures: BTreeMap<&str, f64> = [
        ("claim precision", ratio(t.matched_claims, t.found_claims)),
        ("claim recall", ratio(t.matched_claims, t.expected_claims)),
        ("key precision", ratio(t.matched_keys, t.found_keys)),
        ("key recall", ratio(t.matched_keys, t.expected_keys)),
    ]
    .into_iter()
    .collect();
    eprintln!(
        "{} sentences, {} claims expected, {} found, {} keys expected, {} found",
        t.sentences, t.expected_claims, t.found_claims, t.expected_keys, t.found_keys
    );
    for (name, x) in &figures {
        eprintln!("{name:<16} {x:.3}");
    }
    if std::env::var_os("CROSSCHECK_LABELLED_MISSES").is_some() {
        for m in &t.misses {
            eprintln!("  {m}");
        }
    }
    let r = recorded();
    assert!(
        t.sentences >= r.sentences,
        "{} labelled sentences, fewer than the recorded {}",
        t.sentences,
        r.sentences
    );
    let mut failures = Vec::new();
    for (name, floor) in [
        ("claim precision", r.claim_precision),
        ("claim recall", r.claim_recall),
        ("key precision", r.key_precision),
        ("key recall", r.key_recall),
    ] {
        let got = figures[name];
        if got + 1e-9 < floor {
            failures.push(format!(
                "{name} dropped to {got:.3}, below the recorded {floor:.3}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(set CROSSCHECK_LABELLED_MISSES=1 to list the misses)",
        failures.join("\n")
    );
}

#[test]
fn the_labelled_set_has_at_least_150_sentences() {
    assert!(score().sentences >= 150);
}
