//! The two news articles the product was conceived from, read from `../shared/seeds/`
//! when that folder exists (the test says it skipped when it does not).

use std::path::{Path, PathBuf};

use crosscheck::rules::Rules;
use crosscheck::walk::{self, ReadOptions, WalkOptions};

fn seeds() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} does not exist", dir.display());
        None
    }
}

fn analyze(dir: &Path, packs: &[&str]) -> crosscheck::Analysis {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let packs: Vec<PathBuf> = packs.iter().map(|p| root.join(p)).collect();
    let rules = Rules::load(&packs).expect("packs load");
    let (inputs, errors) = walk::collect(
        &[dir.display().to_string()],
        &WalkOptions {
            include: vec!["*.txt".into()],
            exclude: vec![],
        },
    );
    assert!(errors.is_empty(), "{errors:?}");
    let (a, errors) = crosscheck::analyze_inputs(
        &inputs,
        |i| walk::read(i, ReadOptions::default()),
        &rules,
        crosscheck::Options::default_ref(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(a.sources.len(), 2, "two seed articles");
    a
}

#[test]
fn personnel_total_vs_parts_is_reported_across_both_articles() {
    let Some(dir) = seeds() else { return };
    let a = analyze(&dir, &["rules/examples/iraq-2020.toml"]);
    let sums: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.check.name == "sum-mismatch")
        .collect();
    assert_eq!(sums.len(), 1, "{:#?}", a.findings);
    let f = sums[0];
    let mut sources: Vec<usize> = f.labels.iter().map(|l| l.source).collect();
    sources.sort();
    sources.dedup();
    assert_eq!(sources.len(), 2, "labels in both articles: {f:#?}");
    let texts: Vec<&str> = f
        .labels
        .iter()
        .map(|l| &a.sources[l.source].text()[l.span.clone()])
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("around 500 staff")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("around 200 troops")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with("A similar number")),
        "{texts:?}"
    );
    assert_eq!(
        f.help.as_deref(),
        Some("the parts add up to 360 to 440; name the missing part or correct the total")
    );
}

#[test]
fn no_false_numeric_mismatch_between_unrelated_figures() {
    let Some(dir) = seeds() else { return };
    for packs in [&[][..], &["rules/examples/iraq-2020.toml"][..]] {
        let a = analyze(&dir, packs);
        let wrong: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.check.name != "sum-mismatch" && f.check.name != "name-variant")
            .collect();
        assert!(wrong.is_empty(), "unexpected findings: {wrong:#?}");
    }
}

#[test]
fn the_seed_figures_are_extracted() {
    let Some(dir) = seeds() else { return };
    let a = analyze(&dir, &[]);
    let found = |text: &str, low: f64, high: f64| {
        a.claims.iter().any(|c| {
            let Some(q) = c.quantity() else { return false };
            a.sources[c.source_id()].text()[c.span.range()].starts_with(text)
                && (q.low - low).abs() < 1e-6
                && (q.high == high || (q.high - high).abs() < 1e-6)
        })
    };
    assert!(found("5,200 American soldiers", 5200.0, 5200.0));
    assert!(found("around 500 staff in Iraq", 450.0, 550.0));
    assert!(found("around 200 troops", 180.0, 220.0));
    assert!(found(
        "A similar number of Canadian special-forces soldiers",
        180.0,
        220.0
    ));
    assert!(found("176 people", 176.0, 176.0));
    assert!(found("57 Canadians", 57.0, 57.0));
    assert!(found(
        "more than 200,000 Iraqi civilians",
        200000.0,
        f64::INFINITY
    ));
    // Both articles start with `date 2020-01-15`.
    assert!(
        a.sources
            .iter()
            .all(|s| s.date == Some(jiff::civil::date(2020, 1, 15)))
    );
    // Years and the dateline are not claims.
    for c in a.claims.iter().filter(|c| c.quantity().is_some()) {
        let q = c.quantity().unwrap();
        assert!(
            !(2000.0..=2030.0).contains(&q.value),
            "a year read as a count: {c:?}"
        );
    }
}

#[test]
fn the_prime_ministers_first_name_is_the_only_name_variant() {
    let Some(dir) = seeds() else { return };
    for packs in [&[][..], &["rules/examples/iraq-2020.toml"][..]] {
        let a = analyze(&dir, packs);
        let variants: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.check.name == "name-variant")
            .collect();
        assert_eq!(variants.len(), 1, "{variants:#?}");
        let f = variants[0];
        let mut texts: Vec<(usize, &str)> = f
            .labels
            .iter()
            .map(|l| (l.source, &a.sources[l.source].text()[l.span.clone()]))
            .collect();
        texts.sort();
        assert_eq!(
            texts,
            vec![(0, "Adel Abdul-Mahdi"), (1, "Adil Abdul-Mahdi")],
            "labels in both articles"
        );
        assert!(
            f.message.contains("`Adel Abdul-Mahdi`") && f.message.contains("`Adil Abdul-Mahdi`")
        );
    }
}

#[test]
fn names_titles_and_quotations_are_extracted() {
    let Some(dir) = seeds() else { return };
    let a = analyze(&dir, &[]);
    let name = |text: &str| {
        a.claims
            .iter()
            .filter_map(|c| c.name())
            .find(|n| &*n.text == text && n.refers_to.is_none())
    };
    let sajjan = name("Harjit Sajjan").expect("Harjit Sajjan");
    assert_eq!(sajjan.kind, crosscheck::extract::EntityKind::Person);
    assert_eq!(
        sajjan.title.as_ref().map(|t| &*t.text),
        Some("Defense Minister")
    );
    let pm = name("Adel Abdul-Mahdi").expect("Adel Abdul-Mahdi");
    assert_eq!(
        pm.title.as_ref().map(|t| &*t.text),
        Some("Prime Minister of Iraq")
    );
    let quote = a
        .claims
        .iter()
        .filter_map(|c| c.quote())
        .find(|q| q.text.starts_with("We are committed"))
        .expect("the minister's quotation");
    let speaker = quote
        .speaker_claim
        .and_then(|i| crosscheck::entities::full_name(&a.claims, i.index()));
    assert_eq!(speaker, Some("Harjit Sajjan"));
}

#[test]
fn the_seed_frames_are_read_and_raise_no_arithmetic_finding() {
    let Some(dir) = seeds() else { return };
    let a = analyze(&dir, &[]);
    // `176 people that night, including 57 Canadians and dozens of others`: a partial list
    // with its total, which fits.
    let lists: Vec<_> = a
        .frames
        .iter()
        .filter_map(|f| match f {
            crosscheck::extract::Frame::List(l) => Some(l),
            _ => None,
        })
        .collect();
    assert!(
        lists.iter().any(|l| l.partial
            && l.total
                .is_some_and(|t| a.claims[t].quantity().is_some_and(|q| q.value == 176.0))),
        "{:#?}",
        a.frames
    );
    let arithmetic = [
        "sum-mismatch",
        "part-exceeds-whole",
        "double-count",
        "percent-mismatch",
        "change-mismatch",
        "multiple-mismatch",
    ];
    let wrong: Vec<_> = a
        .findings
        .iter()
        .filter(|f| arithmetic.contains(&f.check.name))
        .collect();
    assert!(
        wrong.is_empty(),
        "arithmetic findings on the seeds: {wrong:#?}"
    );
}

#[test]
fn no_timeline_finding_on_the_seed_articles() {
    let Some(dir) = seeds() else { return };
    for packs in [&[][..], &["rules/examples/iraq-2020.toml"][..]] {
        let a = analyze(&dir, packs);
        let timeline: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.check.group == "timeline" || f.check.code.starts_with('T'))
            .collect();
        assert!(timeline.is_empty(), "timeline findings: {timeline:#?}");
    }
}

#[test]
fn the_seed_dates_and_durations_are_extracted() {
    let Some(dir) = seeds() else { return };
    let a = analyze(&dir, &[]);
    let text = |c: &crosscheck::extract::Claim| &a.sources[c.source_id()].text()[c.span.range()];
    let caption = a
        .claims
        .iter()
        .find(|c| text(c) == "Monday, February 20, 2017")
        .and_then(|c| c.date())
        .expect("the caption's date");
    assert_eq!(caption.weekday, Some(jiff::civil::Weekday::Monday));
    assert_eq!(caption.role, crosscheck::extract::DateRole::Archive);
    let published = a
        .claims
        .iter()
        .find(|c| text(c) == "January 13, 2020")
        .and_then(|c| c.date())
        .expect("the sign-off's date");
    assert_eq!(published.role, crosscheck::extract::DateRole::Publication);
    let age = a
        .claims
        .iter()
        .find(|c| text(c).starts_with("five-year-old fight"))
        .and_then(|c| c.duration())
        .expect("the age of the fight");
    assert_eq!(age.value, 5.0);
    let since: Vec<_> = a
        .claims
        .iter()
        .filter(|c| text(c) == "since 2014")
        .filter_map(|c| c.duration())
        .collect();
    assert_eq!(since.len(), 2);
    // 2014 to January 15, 2020: between five and six years, so `five-year-old` agrees.
    assert!(since[0].low > 5.0 && since[0].low < 5.1 && since[0].high < 6.1);
}
