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
        reference: None,
        out_of_scope: None,
    };
    assert_eq!(case.counts(), (1, 1, 2));
    let case = Case {
        input: "more than 5".into(),
        expected: vec![Item::range(Some(5.0), None)],
        found: vec![Item::point(5.0)],
        reference: None,
        out_of_scope: None,
    };
    assert_eq!(
        case.counts(),
        (0, 1, 1),
        "a point never matches an open bound"
    );
}

fn date(y: i16, m: i8, d: i8) -> jiff::civil::Date {
    jiff::civil::date(y, m, d)
}

fn one(expected: Item, found: Item) -> (usize, usize, usize) {
    Case {
        input: String::new(),
        expected: vec![expected],
        found: vec![found],
        reference: None,
        out_of_scope: None,
    }
    .counts()
}

use crosscheck::conformance::{Case, DateItem, Item};

fn partial(year: Option<i16>, month: Option<i8>, day: Option<i8>) -> DateItem {
    DateItem {
        year,
        month,
        day,
        readings: [None; 2],
        window: None,
    }
}

#[test]
fn dates_match_on_the_parts_they_state() {
    let full = Item::Date(DateItem::day(date(2016, 1, 12)));
    assert_eq!(one(full, full), (1, 0, 0));
    // `Oct. 2` read without a year matches `XXXX-10-02`.
    let oct2 = Item::Date(partial(None, Some(10), Some(2)));
    assert_eq!(one(oct2, oct2), (1, 0, 0));
    // A year alone never stands for a day of that year.
    let year = Item::Date(partial(Some(2016), None, None));
    assert_eq!(one(full, year), (0, 1, 1));
    // Nothing known matches nothing.
    let nothing = Item::Date(partial(None, None, None));
    assert_eq!(one(nothing, nothing), (0, 1, 1));
}

#[test]
fn a_resolved_date_matches_one_of_the_suites_readings() {
    // `on Friday` said on Monday 2016-11-07: the suite reads 2016-11-11 or 2016-11-04.
    let mut friday = partial(None, None, None);
    friday.readings = [Some(date(2016, 11, 11)), Some(date(2016, 11, 4))];
    let past = Item::Date(DateItem::day(date(2016, 11, 4)));
    assert_eq!(one(Item::Date(friday), past), (1, 0, 0));
    let other = Item::Date(DateItem::day(date(2016, 11, 5)));
    assert_eq!(one(Item::Date(friday), other), (0, 1, 1));
}

#[test]
fn a_relative_date_matches_a_day_inside_its_window() {
    // `a month ago` from 2016-11-07: crosscheck says some day of October 2016.
    let mut found = partial(Some(2016), Some(10), None);
    found.window = Some((date(2016, 10, 1), date(2016, 10, 31)));
    let expected = Item::Date(DateItem::day(date(2016, 10, 7)));
    assert_eq!(one(expected, Item::Date(found)), (1, 0, 0));
    let later = Item::Date(DateItem::day(date(2016, 11, 1)));
    assert_eq!(one(later, Item::Date(found)), (0, 1, 1));
    // A date never matches a figure.
    assert_eq!(one(expected, Item::point(7.0)), (0, 1, 1));
}
