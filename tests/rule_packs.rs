//! Every rule pack in the repository compiles and passes its inline tests, and every
//! top-level pack is built into the binary.

use std::path::Path;

use crosscheck::rules::{BUILTIN_PACKS, Rules, testing};

fn packs(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn every_top_level_pack_is_built_in() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for p in packs(&root.join("rules")) {
        let rel = Path::new(&p)
            .strip_prefix(root)
            .unwrap()
            .display()
            .to_string();
        assert!(
            BUILTIN_PACKS.iter().any(|(name, _)| *name == rel),
            "{rel} is not in BUILTIN_PACKS"
        );
    }
}

fn failures(outcomes: &[testing::Outcome<'_>]) -> Vec<String> {
    outcomes
        .iter()
        .filter_map(|o| {
            o.failure.as_ref().map(|f| {
                format!(
                    "{}:{}: {}\n    {f}",
                    o.test.path,
                    o.test.line,
                    o.test.def.text.get_ref()
                )
            })
        })
        .collect()
}

#[test]
fn inline_tests_of_the_built_in_packs_pass() {
    let rules = Rules::builtin().expect("built-in packs compile");
    let outcomes = testing::run(&rules, &[]);
    assert!(
        outcomes.len() >= 15,
        "too few inline tests: {}",
        outcomes.len()
    );
    let f = failures(&outcomes);
    assert!(f.is_empty(), "{}", f.join("\n"));
}

#[test]
fn inline_tests_of_every_example_pack_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let examples = packs(&root.join("rules/examples"));
    assert!(!examples.is_empty());
    for pack in examples {
        let rules = Rules::load(&[&pack]).expect("pack compiles");
        let outcomes = testing::run(&rules, std::slice::from_ref(&pack));
        assert!(!outcomes.is_empty(), "{pack} has no inline tests");
        let f = failures(&outcomes);
        assert!(f.is_empty(), "{}", f.join("\n"));
    }
}

#[test]
fn a_failing_inline_test_is_reported() {
    let pack = "[[tests]]\ntext = \"About 500 troops.\"\nvalue = 600\n".to_string();
    let rules = Rules::from_packs(&[("p.toml".into(), pack, false)]).unwrap();
    let outcomes = testing::run(&rules, &[]);
    assert_eq!(outcomes.len(), 1);
    let why = outcomes[0].failure.as_deref().expect("must fail");
    assert!(why.contains("no claim matches"), "{why}");
}
