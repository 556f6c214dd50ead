//! Every number form, unit, hedge and range the extractor reads, one case a row: the
//! sentence, the claim's text, and its value, interval and unit.

use crosscheck::extract::{Quantity, extract_text};
use crosscheck::rules::Rules;

fn quantities(text: &str) -> Vec<(String, Quantity)> {
    let rules = Rules::builtin().expect("built-in packs load");
    extract_text(text, &rules)
        .claims
        .iter()
        .filter_map(|c| Some((text[c.figure.range()].to_string(), c.quantity()?.clone())))
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0) || (a.is_infinite() && a == b)
}

/// The one claim whose figure is `figure`: its value, low, high and unit.
fn check(text: &str, figure: &str, value: f64, low: f64, high: f64, unit: &str) {
    let qs = quantities(text);
    let Some((_, q)) = qs.iter().find(|(f, _)| f == figure) else {
        panic!(
            "{text:?}: no claim {figure:?}; found {:?}",
            qs.iter().map(|(f, _)| f).collect::<Vec<_>>()
        );
    };
    assert!(
        close(q.value, value) && close(q.low, low) && close(q.high, high),
        "{text:?}: {figure:?} read as {} ({} to {}), expected {value} ({low} to {high})",
        q.value,
        q.low,
        q.high
    );
    assert_eq!(q.unit.as_str(), unit, "{text:?}: unit of {figure:?}");
}

fn exact(text: &str, figure: &str, value: f64, unit: &str) {
    check(text, figure, value, value, value, unit);
}

#[test]
fn cardinal_words_of_any_size() {
    exact(
        "Two hundred thousand people marched.",
        "Two hundred thousand",
        200_000.0,
        "count",
    );
    exact("It has a hundred rooms.", "a hundred", 100.0, "count");
    exact(
        "Fifty-seven Canadians were aboard.",
        "Fifty-seven",
        57.0,
        "count",
    );
    exact(
        "Four million three hundred thousand votes were cast.",
        "Four million three hundred thousand",
        4_300_000.0,
        "count",
    );
    exact(
        "One and a half million people fled.",
        "One and a half million",
        1_500_000.0,
        "count",
    );
    exact(
        "Half a million people fled.",
        "Half a million",
        500_000.0,
        "count",
    );
    exact("A dozen ships sailed.", "A dozen", 12.0, "count");
}

#[test]
fn digits_with_magnitudes() {
    check(
        "The bill was 1.5 million dollars.",
        "1.5 million dollars",
        1_500_000.0,
        1_450_000.0,
        1_550_000.0,
        "$",
    );
    check(
        "Profit was $13.6M.",
        "$13.6M",
        13_600_000.0,
        13_550_000.0,
        13_650_000.0,
        "$",
    );
    check(
        "Sales hit 2.2bn euros.",
        "2.2bn euros",
        2.2e9,
        2.15e9,
        2.25e9,
        "EUR",
    );
    exact("The band drew 25k fans.", "25k", 25_000.0, "count");
}

#[test]
fn shares_in_words_are_percentages() {
    check(
        "A third of voters stayed home.",
        "A third",
        100.0 / 3.0,
        100.0 / 3.0 - 1.0,
        100.0 / 3.0 + 1.0,
        "percent",
    );
    check(
        "Half of the passengers were Dutch.",
        "Half",
        50.0,
        49.0,
        51.0,
        "percent",
    );
    check(
        "Two-thirds of members agreed.",
        "Two-thirds",
        200.0 / 3.0,
        200.0 / 3.0 - 1.0,
        200.0 / 3.0 + 1.0,
        "percent",
    );
    check(
        "More than half of the staff left.",
        "More than half",
        50.0,
        50.0,
        f64::INFINITY,
        "percent",
    );
}

#[test]
fn negative_numbers() {
    exact(
        "The index stood at -5.5 at the close.",
        "-5.5",
        -5.5,
        "count",
    );
    exact(
        "It was minus 12 degrees Celsius.",
        "minus 12 degrees Celsius",
        -12.0,
        "°C",
    );
}

#[test]
fn a_conversion_in_brackets_is_one_claim() {
    let qs = quantities("The road runs 40 kilometres (25 miles) to the border.");
    assert_eq!(qs.len(), 1, "{qs:?}");
    let q = &qs[0].1;
    assert_eq!(q.value, 40_000.0);
    assert_eq!(q.stated_value(), Some(40.0));
    assert_eq!(q.stated_unit(), Some("kilometre"));
    let r = q.restated().expect("restatement kept");
    assert_eq!((r.value, r.unit.as_str()), (25.0, "mile"));
    let qs = quantities("The grant is $5 million (C$6.8 million) over two years.");
    assert_eq!(qs.len(), 1, "{qs:?}");
}

#[test]
fn percentages_in_every_spelling() {
    for (text, fig) in [
        ("Turnout was 5% lower.", "5%"),
        ("Turnout was 5 per cent lower.", "5 per cent"),
        ("Turnout was 5 percent lower.", "5 percent"),
        ("Turnout was five percent lower.", "five percent"),
        ("Turnout was 5pc lower.", "5pc"),
    ] {
        exact(text, fig, 5.0, "percent");
    }
    for (text, fig) in [
        (
            "Support fell five percentage points.",
            "five percentage points",
        ),
        ("Support fell 5 percentage points.", "5 percentage points"),
        ("Support fell 5 pct points.", "5 pct points"),
        ("Support fell 5pp.", "5pp"),
    ] {
        exact(text, fig, 5.0, "percentage points");
    }
    exact(
        "The bank cut rates by 50 basis points.",
        "50 basis points",
        0.5,
        "percentage points",
    );
}

#[test]
fn currencies_compare_by_value_and_code() {
    let a = quantities("The fund lost $2.5 million.");
    let b = quantities("The fund lost 2,500,000 dollars.");
    assert_eq!(a[0].1.unit, b[0].1.unit);
    assert_eq!(a[0].1.value, b[0].1.value);
    exact("It cost US$40 million.", "US$40 million", 4e7, "USD");
    exact("It cost C$40.", "C$40", 40.0, "CAD");
    exact("It cost €40.", "€40", 40.0, "EUR");
    exact("It cost £40.", "£40", 40.0, "GBP");
    exact("It cost 40 euros.", "40 euros", 40.0, "EUR");
    exact("It cost EUR 40.", "EUR 40", 40.0, "EUR");
    exact("It cost 15€.", "15€", 15.0, "EUR");
}

#[test]
fn physical_units_are_normalised_and_never_counts() {
    let feet = quantities("The plane flew at 9,000 feet.");
    let people = quantities("The town has 9,000 people.");
    assert_ne!(feet[0].1.unit, people[0].1.unit);
    exact("The plane flew at 9,000 feet.", "9,000 feet", 2743.2, "m");
    exact("It is 10 km long.", "10 km", 10_000.0, "m");
    exact("The bag weighs 10kg.", "10kg", 10.0, "kg");
    exact("A 27-kilometre ring.", "27-kilometre", 27_000.0, "m");
    exact("It covers 301,338 km2.", "301,338 km2", 301_338e6, "m2");
    exact("Winds reached 100 mph.", "100 mph", 160.9344, "km/h");
    exact("It was 40 °C.", "40 °C", 40.0, "°C");
    exact(
        "It was 104 degrees Fahrenheit.",
        "104 degrees Fahrenheit",
        40.0,
        "°C",
    );
    exact(
        "They pumped 300 barrels.",
        "300 barrels",
        300.0 * 158.987294928,
        "l",
    );
}

#[test]
fn hedges_and_bounds() {
    check(
        "Just over 500 troops left.",
        "Just over 500",
        500.0,
        500.0,
        550.0,
        "count",
    );
    check(
        "Just under 500 troops left.",
        "Just under 500",
        500.0,
        450.0,
        500.0,
        "count",
    );
    check(
        "Well over 500 troops left.",
        "Well over 500",
        500.0,
        550.0,
        f64::INFINITY,
        "count",
    );
    check(
        "No fewer than 500 troops left.",
        "No fewer than 500",
        500.0,
        500.0,
        f64::INFINITY,
        "count",
    );
    check(
        "As many as 500 troops left.",
        "As many as 500",
        500.0,
        0.0,
        500.0,
        "count",
    );
    check(
        "As few as 500 troops left.",
        "As few as 500",
        500.0,
        500.0,
        f64::INFINITY,
        "count",
    );
    check(
        "Upwards of 500 troops left.",
        "Upwards of 500",
        500.0,
        500.0,
        f64::INFINITY,
        "count",
    );
    check(
        "Some 500 troops left.",
        "Some 500",
        500.0,
        450.0,
        550.0,
        "count",
    );
    check(
        "Roughly 500 troops left.",
        "Roughly 500",
        500.0,
        450.0,
        550.0,
        "count",
    );
    check(
        "Nearly 500 troops left.",
        "Nearly 500",
        500.0,
        450.0,
        500.0,
        "count",
    );
    check(
        "Almost 500 troops left.",
        "Almost 500",
        500.0,
        450.0,
        500.0,
        "count",
    );
    check(
        "Barely 500 troops left.",
        "Barely 500",
        500.0,
        450.0,
        500.0,
        "count",
    );
    check(
        "About ~500 troops left.",
        "~500",
        500.0,
        450.0,
        550.0,
        "count",
    );
}

#[test]
fn ranges_in_every_form() {
    for (text, fig) in [
        ("There were 20 to 30 protesters.", "20 to 30"),
        ("There were 20-30 protesters.", "20-30"),
        ("There were 20–30 protesters.", "20–30"),
        (
            "There were between 20 and 30 protesters.",
            "between 20 and 30",
        ),
        ("There were from 20 to 30 protesters.", "20 to 30"),
        (
            "There were twenty to thirty protesters.",
            "twenty to thirty",
        ),
    ] {
        check(text, fig, 25.0, 20.0, 30.0, "count");
    }
    check(
        "It cost $5-10 million.",
        "$5-10 million",
        7.5e6,
        5e6,
        1e7,
        "$",
    );
}

#[test]
fn a_change_from_one_figure_to_another_is_not_a_range() {
    let qs = quantities("Unemployment fell from 3.9 to 3.6 per cent.");
    assert!(qs.iter().all(|(_, q)| q.low == q.high), "{qs:?}");
}

#[test]
fn a_short_acronym_after_a_figure_is_not_a_unit_of_time() {
    // `HR`, `SEC` and `MIN` are organisations here, not hours, seconds or minutes.
    exact("The firm laid off 40 HR staff.", "40", 40.0, "count");
    exact("It hired 12 SEC lawyers.", "12", 12.0, "count");
    // In lower case they are units: a duration, not a count.
    assert!(quantities("The talks took 3 hrs.").is_empty());
}
