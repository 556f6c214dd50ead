//! Extraction scored against the peer suites in `../shared/peer-suites/` (skipped, saying
//! so, when that folder is absent). Each suite's precision, recall and F1 over its in-scope
//! cases must not drop below the figures recorded in `tests/conformance-scores.toml`, and
//! every suite that runs must have its figures recorded there: accuracy only goes up.
//! `cargo run --example conformance -- --misses` lists what each suite still misses.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Recorded {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn recorded() -> BTreeMap<String, Recorded> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance-scores.toml");
    let text = std::fs::read_to_string(&path).expect("tests/conformance-scores.toml is readable");
    toml::from_str(&text).expect("tests/conformance-scores.toml parses")
}

#[test]
fn scores_do_not_drop_below_the_recorded_figures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer-suites");
    if !dir.is_dir() {
        eprintln!("skipped: {} does not exist", dir.display());
        return;
    }
    let scores = crosscheck::conformance::run(&dir).expect("the peer suites load");
    assert!(!scores.is_empty(), "no suite found under {}", dir.display());
    let recorded = recorded();
    let mut failures = Vec::new();
    for s in &scores {
        let (p, r, f) = (s.precision(), s.recall(), s.f1());
        eprintln!(
            "{:<12} scored {:>4} of {:>4}  precision {p:.3}  recall {r:.3}  F1 {f:.3}",
            s.suite,
            s.scored().count(),
            s.cases.len()
        );
        let Some(want) = recorded.get(s.suite) else {
            failures.push(format!(
                "{}: not recorded; add [{}] with precision = {p:.3}, recall = {r:.3}, f1 = {f:.3}",
                s.suite, s.suite
            ));
            continue;
        };
        for (name, got, floor) in [
            ("precision", p, want.precision),
            ("recall", r, want.recall),
            ("F1", f, want.f1),
        ] {
            if got + 1e-9 < floor {
                failures.push(format!(
                    "{}: {name} dropped to {got:.3}, below the recorded {floor:.3}",
                    s.suite
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn recorded_figures_are_fractions() {
    for (suite, r) in recorded() {
        for x in [r.precision, r.recall, r.f1] {
            assert!(
                (0.0..=1.0).contains(&x),
                "{suite}: {x} is not between 0 and 1"
            );
        }
    }
}

#[test]
fn a_case_is_scored_by_matching_items_one_to_one() {
    use crosscheck::conformance::{Case, Item};
    let case = Case {
        input: "20 and 20 and 30".into(),
        expected: vec![Item::point(20.0), Item::point(20.0), Item::point(30.0)],
        found: vec![Item::point(20.0), Item::point(31.0)],
        out_of_scope: None,
    };
    assert_eq!(case.counts(), (1, 1, 2));
    let open = Item {
        low: Some(5.0),
        high: None,
    };
    let case = Case {
        input: "more than 5".into(),
        expected: vec![open],
        found: vec![Item::point(5.0)],
        out_of_scope: None,
    };
    assert_eq!(
        case.counts(),
        (0, 1, 1),
        "a point never matches an open bound"
    );
}
