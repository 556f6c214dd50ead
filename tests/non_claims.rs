//! Figures that are not counts stay out of the claims: each class has its own test, and
//! each test also checks the reason the figure was set aside, so that a figure silently
//! dropped for the wrong reason fails too.

use crosscheck::extract::{Extraction, NonClaim, extract_text};
use crosscheck::rules::Rules;

fn extract(text: &str) -> Extraction {
    let rules = Rules::builtin().expect("built-in packs load");
    extract_text(text, &rules)
}

/// No quantity in `text`, and every figure in `set_aside` set aside for `reason` (or, for
/// years, dates and durations, read as a date or duration claim instead).
fn assert_not_claims(text: &str, set_aside: &[&str], reason: NonClaim) {
    let x = extract(text);
    let claims: Vec<&str> = x
        .claims
        .iter()
        .filter(|c| c.quantity().is_some())
        .map(|c| &text[c.span.range()])
        .collect();
    assert!(
        claims.is_empty(),
        "{text:?}: expected no quantities, found {claims:?}"
    );
    for want in set_aside {
        let as_time = x.claims.iter().any(|c| {
            let kind_fits = match reason {
                NonClaim::Year | NonClaim::Date => c.date().is_some(),
                NonClaim::Duration => c.duration().is_some(),
                _ => false,
            };
            kind_fits && text[c.span.range()].contains(want)
        });
        if as_time {
            continue;
        }
        let found = x
            .set_aside
            .iter()
            .find(|s| &text[s.span.clone()] == *want)
            .unwrap_or_else(|| {
                panic!(
                    "{text:?}: {want:?} was not set aside; set aside: {:?}",
                    x.set_aside
                        .iter()
                        .map(|s| (&text[s.span.clone()], s.reason))
                        .collect::<Vec<_>>()
                )
            });
        assert_eq!(found.reason, reason, "{text:?}: reason for {want:?}");
    }
}

#[test]
fn years_are_not_counts() {
    assert_not_claims(
        "The war began in 2011 and the deal was signed in 1998.",
        &["2011", "1998"],
        NonClaim::Year,
    );
}

#[test]
fn decades_are_not_counts() {
    assert_not_claims(
        "Prices last rose this fast in the 1970s.",
        &["1970s"],
        NonClaim::Decade,
    );
}

#[test]
fn dates_are_not_counts() {
    assert_not_claims(
        "It happened on March 4, on Mar. 4, on 4 March, on 2019-03-04 and on 4/3/2019.",
        &["4", "2019-03-04", "4/3/2019"],
        NonClaim::Date,
    );
}

#[test]
fn times_are_not_counts() {
    assert_not_claims(
        "The plane left at 7:45 p.m. and landed at 11:03 am PST; the call came at 6 a.m.",
        &["7:45 p.m.", "11:03 am PST", "6"],
        NonClaim::Time,
    );
}

#[test]
fn identifiers_are_not_counts() {
    assert_not_claims(
        "Flight 370, MH17, the A320neo, Route 66, Section 8, COVID-19 and the F-35 made news.",
        &["370", "MH17", "A320neo", "66", "8", "COVID-19", "F-35"],
        NonClaim::Identifier,
    );
}

#[test]
fn telephone_numbers_and_codes_are_not_counts() {
    assert_not_claims(
        "Call 555-1234 or +1 613 555 0199, quoting code 0042.",
        &["555-1234", "+1 613 555 0199", "0042"],
        NonClaim::Identifier,
    );
}

#[test]
fn gallery_counters_are_page_furniture() {
    assert_not_claims("Photo 3 of 12", &["3"], NonClaim::Furniture);
    assert_not_claims("3 of 12", &["3"], NonClaim::Furniture);
    assert_not_claims("1 / 12", &["1"], NonClaim::Furniture);
}

#[test]
fn photo_credits_with_counters_are_page_furniture() {
    assert_not_claims(
        "Rescuers search the rubble. Photo: Chris Wattie/Reuters (2 of 9)",
        &["2"],
        NonClaim::Furniture,
    );
}

#[test]
fn bylines_and_timestamps_are_not_counts() {
    assert_not_claims(
        "By Jane Smith, Reuters\nUpdated 3:45 PM ET\n",
        &["3:45 PM ET"],
        NonClaim::Time,
    );
}

#[test]
fn ordinals_are_not_counts() {
    assert_not_claims(
        "The 19th amendment, the 3rd battalion and the 101st division.",
        &["19th", "3rd", "101st"],
        NonClaim::Ordinal,
    );
}

#[test]
fn sports_scores_are_not_counts() {
    assert_not_claims(
        "The Raptors won 102-98 and the vote went 5-4 against.",
        &["102-98", "5-4"],
        NonClaim::Score,
    );
}

#[test]
fn ratios_are_not_counts() {
    assert_not_claims(
        "Bookmakers offered odds of 7 to 1, and the mix is 3/1.",
        &["7 to 1", "3/1"],
        NonClaim::Ratio,
    );
}

#[test]
fn ages_and_periods_are_not_counts() {
    assert_not_claims(
        "A 57-year-old man and the five-year-old conflict.",
        &["57-year-old"],
        NonClaim::Duration,
    );
}

#[test]
fn halves_of_periods_are_not_shares() {
    let x = extract("Sales slowed in the second half and the third quarter.");
    assert!(x.claims.is_empty(), "{:?}", x.claims);
}

#[test]
fn version_numbers_and_addresses_are_not_counts() {
    assert_not_claims(
        "Version 2.1.3 runs on 192.168.1.2.",
        &["2.1.3", "192.168.1.2"],
        NonClaim::Identifier,
    );
}

#[test]
fn multiples_are_not_counts() {
    // Not a count of something called `time`.
    assert_not_claims(
        "The board met three times. Four times as many cases were filed, 3 times more than before.",
        &["three times", "Four times", "3 times"],
        NonClaim::Multiple,
    );
}

#[test]
fn frequencies_are_not_counts_or_durations() {
    let text = "She trains three times a week, flies home 4 times per year, swims twice a week \
                and rests once a month.";
    assert_not_claims(
        text,
        &[
            "three times a week",
            "4 times per year",
            "twice a week",
            "once a month",
        ],
        NonClaim::Frequency,
    );
    let x = extract(text);
    let durations: Vec<&str> = x
        .claims
        .iter()
        .filter(|c| c.duration().is_some())
        .map(|c| &text[c.span.range()])
        .collect();
    assert!(durations.is_empty(), "{text:?}: durations {durations:?}");
}
