//! Conformance: crosscheck's extraction scored against other projects' public test suites
//! (Microsoft Recognizers-Text's English specs, quantulum3's quantities), read from a folder
//! such as `../shared/peer-suites/` (never copied into the project).
//!
//! Each suite is one function that turns a suite file into cases: the expected items and
//! the items crosscheck extracts, each an interval (a duration: its length in seconds) or
//! a calendar date. A case may carry a reference date, given to the source as its date, so
//! that relative dates (`yesterday`, `last Friday`) resolve as they do in a dated source. A case whose class crosscheck does not
//! model by design is set aside with its class (see `docs/extraction-scope.md`); the rest
//! are scored by precision, recall and F1 over the items. Adding a suite is one function
//! and one row in [`SUITES`].

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use serde_json::Value;

use crate::extract::time::RelativeKind;
use crate::extract::{
    ClaimKind, DateClaim, DurationForm, Extraction, Extractor, NonClaim, Qualifier, Quantity,
    TimeUnit, Unit,
};
use crate::rules::Rules;
use crate::source::{Source, SourceKind};

/// One thing a suite expects or crosscheck found: a figure or a calendar date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    /// A figure as an interval (`low == high` for a point; `None` for an open end). A
    /// duration is a figure: its length in seconds.
    Figure { low: Option<f64>, high: Option<f64> },
    /// A calendar date.
    Date(DateItem),
}

impl Item {
    pub fn point(x: f64) -> Item {
        Item::Figure {
            low: Some(x),
            high: Some(x),
        }
    }

    pub fn range(low: Option<f64>, high: Option<f64>) -> Item {
        Item::Figure { low, high }
    }

    fn matches(&self, other: &Item) -> bool {
        let eq = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9),
            _ => false,
        };
        match (self, other) {
            (Item::Figure { low: a, high: b }, Item::Figure { low: c, high: d }) => {
                eq(*a, *c) && eq(*b, *d)
            }
            (Item::Date(a), Item::Date(b)) => a.matches(b),
            _ => false,
        }
    }
}

/// A date as far as it is known: the parts a text states or resolves (`XXXX-10-02` knows
/// the month and the day), the days it may be read as (a suite's future and past readings
/// of a date whose year or day is left open), and, for a relative date crosscheck found,
/// the days it says the expression can mean (`last Friday`: either of two Fridays; `a month
/// ago`: any day of that month).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateItem {
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    pub readings: [Option<Date>; 2],
    pub window: Option<(Date, Date)>,
}

impl DateItem {
    /// A full date.
    pub fn day(d: Date) -> DateItem {
        DateItem {
            year: Some(d.year()),
            month: Some(d.month()),
            day: Some(d.day()),
            readings: [None; 2],
            window: None,
        }
    }

    fn full(&self) -> Option<Date> {
        Date::new(self.year?, self.month?, self.day?).ok()
    }

    /// The days this item stands for: its full date, or its readings.
    fn days(&self) -> impl Iterator<Item = Date> {
        let full = self.full();
        full.into_iter().chain(
            self.readings
                .into_iter()
                .flatten()
                .filter(move |_| full.is_none()),
        )
    }

    /// Two dates match when they state the same parts (at least one), when one's full
    /// date is one of the other's readings, or when a relative date's window holds the
    /// other's day.
    fn matches(&self, other: &DateItem) -> bool {
        let parts = |d: &DateItem| (d.year, d.month, d.day);
        if parts(self) == parts(other) && parts(self) != (None, None, None) {
            return true;
        }
        let holds = |a: &DateItem, b: &DateItem| {
            b.days().any(|d| {
                a.days().any(|x| x == d) || a.window.is_some_and(|(f, l)| f <= d && d <= l)
            })
        };
        holds(self, other) || holds(other, self)
    }
}

impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Item::Figure { low, high } => {
                let b = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x}"));
                if low == high {
                    write!(f, "{}", b(*low))
                } else {
                    write!(f, "[{},{}]", b(*low), b(*high))
                }
            }
            Item::Date(d) => {
                let part =
                    |x: Option<i64>, w: usize| x.map_or("X".repeat(w), |x| format!("{x:0w$}"));
                write!(
                    f,
                    "{}-{}-{}",
                    part(d.year.map(i64::from), 4),
                    part(d.month.map(i64::from), 2),
                    part(d.day.map(i64::from), 2)
                )?;
                let readings: Vec<String> = d
                    .readings
                    .iter()
                    .flatten()
                    .map(ToString::to_string)
                    .collect();
                if d.full().is_none() && !readings.is_empty() {
                    write!(f, " ({})", readings.join(" or "))?;
                }
                if let Some((a, b)) = d.window {
                    write!(f, " ({a} to {b})")?;
                }
                Ok(())
            }
        }
    }
}

/// One input of a suite, scored.
#[derive(Debug, Clone)]
pub struct Case {
    pub input: String,
    pub expected: Vec<Item>,
    pub found: Vec<Item>,
    /// The date the input is read as written on (a suite's reference date), against which
    /// crosscheck resolves relative dates, as it does with a source's date.
    pub reference: Option<Date>,
    /// The out-of-scope class, when the case is not scored.
    pub out_of_scope: Option<&'static str>,
}

impl Case {
    /// (true positives, false positives, false negatives), matching items one to one.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut used = vec![false; self.found.len()];
        let mut tp = 0;
        for e in &self.expected {
            if let Some(i) = (0..self.found.len()).find(|&i| !used[i] && self.found[i].matches(e)) {
                used[i] = true;
                tp += 1;
            }
        }
        (tp, self.found.len() - tp, self.expected.len() - tp)
    }
}

/// A suite's score over its in-scope cases.
#[derive(Debug, Clone)]
pub struct Score {
    pub suite: &'static str,
    pub cases: Vec<Case>,
}

impl Score {
    fn totals(&self) -> (usize, usize, usize) {
        self.scored().fold((0, 0, 0), |(a, b, c), case| {
            let (tp, fp, fn_) = case.counts();
            (a + tp, b + fp, c + fn_)
        })
    }

    /// The cases in scope.
    pub fn scored(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().filter(|c| c.out_of_scope.is_none())
    }

    /// Out-of-scope cases by class.
    pub fn out_of_scope(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for c in &self.cases {
            if let Some(class) = c.out_of_scope {
                *m.entry(class).or_insert(0) += 1;
            }
        }
        m
    }

    pub fn precision(&self) -> f64 {
        let (tp, fp, _) = self.totals();
        ratio(tp, tp + fp)
    }

    pub fn recall(&self) -> f64 {
        let (tp, _, fn_) = self.totals();
        ratio(tp, tp + fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// A suite: its name, its file under the peer-suites folder, and how to score it.
pub struct Suite {
    pub name: &'static str,
    pub file: &'static str,
    pub score: fn(&Value, &Scorer) -> Vec<Case>,
}

/// Every suite crosscheck is scored on.
pub const SUITES: &[Suite] = &[
    Suite {
        name: "number",
        file: "recognizers-text/NumberModel.json",
        score: number_suite,
    },
    Suite {
        name: "range",
        file: "recognizers-text/NumberRangeModel.json",
        score: range_suite,
    },
    Suite {
        name: "percent",
        file: "recognizers-text/PercentModel.json",
        score: percent_suite,
    },
    Suite {
        name: "ordinal",
        file: "recognizers-text/OrdinalModel.json",
        score: ordinal_suite,
    },
    Suite {
        name: "date",
        file: "recognizers-text/DateParser.json",
        score: date_suite,
    },
    Suite {
        name: "duration",
        file: "recognizers-text/DurationParser.json",
        score: duration_suite,
    },
    Suite {
        name: "quantulum3",
        file: "quantulum3/quantities.json",
        score: quantulum_suite,
    },
];

/// The extractor and rules, built once for every suite.
pub struct Scorer {
    rules: Rules,
    extractor: Extractor,
}

impl Scorer {
    pub fn new() -> Result<Scorer, crate::Error> {
        let rules = Rules::builtin()?;
        let extractor = Extractor::new(&rules);
        Ok(Scorer { rules, extractor })
    }

    /// Extract one suite input, from a source without a date.
    pub fn extract(&self, text: &str) -> (Extraction, String) {
        self.extract_dated(text, None)
    }

    /// Extract one suite input from a source dated `date` (what relative dates count from).
    pub fn extract_dated(&self, text: &str, date: Option<Date>) -> (Extraction, String) {
        let source =
            Source::new("<suite>", text.to_string(), SourceKind::Text).with_default_date(date);
        (
            self.extractor.extract(&source, 0, &self.rules),
            source.into_text(),
        )
    }
}

/// Score every suite found under `dir`; a suite whose file is missing is skipped.
pub fn run(dir: &Path) -> Result<Vec<Score>, String> {
    let scorer = Scorer::new().map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for suite in SUITES {
        let path = dir.join(suite.file);
        if !path.is_file() {
            continue;
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let json: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        out.push(Score {
            suite: suite.name,
            cases: (suite.score)(&json, &scorer),
        });
    }
    Ok(out)
}

// ----- what crosscheck finds ------------------------------------------------------------------

fn quantities(x: &Extraction) -> impl Iterator<Item = &Quantity> {
    x.claims.iter().filter_map(|c| c.quantity())
}

/// A figure as written: a measure or a share in its own unit, else the value; a range
/// as its two ends.
fn as_written(q: &Quantity) -> Vec<f64> {
    if q.qualifier == Qualifier::Range && q.stated_value().is_none() {
        return vec![q.low, q.high];
    }
    vec![q.stated_value().unwrap_or(q.value)]
}

/// The interval a claim asserts, with open ends as `None`.
fn interval(q: &Quantity) -> Item {
    match q.qualifier {
        Qualifier::Lower => Item::range(Some(q.low), None),
        Qualifier::Upper => Item::range(None, Some(q.high)),
        Qualifier::Range => Item::range(Some(q.low), Some(q.high)),
        _ => Item::point(q.value),
    }
}

// ----- suites ---------------------------------------------------------------------------------

fn rt_cases(
    json: &Value,
    expected: impl Fn(&Value) -> Option<Item>,
    found: impl Fn(&Extraction, &str) -> Vec<Item>,
    scope: impl Fn(&Value, &str, &[&str]) -> Option<&'static str>,
    scorer: &Scorer,
) -> Vec<Case> {
    let empty = Vec::new();
    json.as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(|case| {
            let input = case.get("Input")?.as_str()?.to_string();
            let results = case.get("Results")?.as_array()?;
            let texts: Vec<&str> = results
                .iter()
                .filter_map(|r| r.get("Text")?.as_str())
                .collect();
            let reference = reference_date(case);
            let (x, text) = scorer.extract_dated(&input, reference);
            Some(Case {
                expected: results.iter().filter_map(&expected).collect(),
                found: found(&x, &text),
                reference,
                out_of_scope: scope(case, &input, &texts),
                input,
            })
        })
        .collect()
}

/// A case's `Context.ReferenceDateTime` (`2016-11-07T00:00:00`), as a date.
fn reference_date(case: &Value) -> Option<Date> {
    let s = case.get("Context")?.get("ReferenceDateTime")?.as_str()?;
    s.get(..10)?.parse().ok()
}

fn resolution_value(r: &Value) -> Option<f64> {
    let v = r.get("Resolution")?.get("value")?.as_str()?;
    v.trim_end_matches('%').parse().ok()
}

fn number_suite(json: &Value, scorer: &Scorer) -> Vec<Case> {
    rt_cases(
        json,
        |r| resolution_value(r).map(Item::point),
        |x, _| {
            quantities(x)
                .filter(|q| !matches!(q.qualifier, Qualifier::Vague | Qualifier::Anaphora))
                .flat_map(as_written)
                .map(Item::point)
                .collect()
        },
        |_, input, texts| number_scope(input, texts),
        scorer,
    )
}

fn percent_suite(json: &Value, scorer: &Scorer) -> Vec<Case> {
    rt_cases(
        json,
        |r| resolution_value(r).map(Item::point),
        |x, _| {
            quantities(x)
                .filter(|q| q.unit == Unit::Percent)
                .map(|q| Item::point(q.value))
                .collect()
        },
        |_, input, texts| percent_scope(input, texts),
        scorer,
    )
}

fn range_suite(json: &Value, scorer: &Scorer) -> Vec<Case> {
    rt_cases(
        json,
        |r| {
            let v = r.get("Resolution")?.get("value")?.as_str()?;
            let inner = v.get(1..v.len().checked_sub(1)?)?;
            let (a, b) = inner.split_once(',')?;
            Some(Item::range(a.trim().parse().ok(), b.trim().parse().ok()))
        },
        |x, _| {
            quantities(x)
                .filter(|q| {
                    matches!(
                        q.qualifier,
                        Qualifier::Range | Qualifier::Lower | Qualifier::Upper
                    ) || (q.hedge.is_some() && q.low == q.high)
                })
                .map(interval)
                .collect()
        },
        |_, input, texts| range_scope(input, texts),
        scorer,
    )
}

fn ordinal_suite(json: &Value, scorer: &Scorer) -> Vec<Case> {
    rt_cases(
        json,
        |r| {
            let v = r.get("Resolution")?.get("value")?.as_str()?;
            v.parse().ok().map(Item::point)
        },
        |x, text| {
            x.set_aside
                .iter()
                .filter(|s| s.reason == NonClaim::Ordinal)
                .filter_map(|s| {
                    let t = text.get(s.span.clone())?;
                    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
                    digits.parse().ok().map(Item::point)
                })
                .collect()
        },
        |_, input, texts| ordinal_scope(input, texts),
        scorer,
    )
}

/// Dates: each expected date is its Timex (`2016-11-04`, `XXXX-10-02`: the parts it
/// knows) with the suite's future and past readings of it; each date crosscheck finds is
/// the parts it states or resolves against the case's reference date. See
/// [`DateItem::matches`] for what counts as the same date.
fn date_suite(json: &Value, scorer: &Scorer) -> Vec<Case> {
    rt_cases(
        json,
        |r| {
            let v = r.get("Value")?;
            let mut item = timex_date(v.get("Timex")?.as_str()?);
            for (k, key) in ["FutureResolution", "PastResolution"].iter().enumerate() {
                item.readings[k] = resolved_date(v, key);
            }
            Some(Item::Date(item))
        },
        |x, _| {
            x.claims
                .iter()
                .filter_map(|c| c.date())
                .map(|d| Item::Date(found_date(d)))
                .collect()
        },
        date_scope,
        scorer,
    )
}

/// A Timex date's known parts: `2016-11-04`, `XXXX-10-02`, `XXXX-XX-15`; a week-based
/// Timex (`XXXX-WXX-5`, `XXXX-07-WXX-5-#1`) states no part of the calendar date.
fn timex_date(timex: &str) -> DateItem {
    let mut item = DateItem {
        year: None,
        month: None,
        day: None,
        readings: [None; 2],
        window: None,
    };
    let parts: Vec<&str> = timex.split('-').collect();
    if let [y, m, d] = parts[..] {
        item.year = y.parse().ok();
        item.month = m.parse().ok();
        item.day = d.parse().ok();
    }
    item
}

/// `FutureResolution.date` or `PastResolution.date`; the suite writes `0001-01-01` for a
/// date that does not exist.
fn resolved_date(value: &Value, key: &str) -> Option<Date> {
    let d: Date = value.get(key)?.get("date")?.as_str()?.parse().ok()?;
    (d.year() > 1).then_some(d)
}

/// A date crosscheck found, as an item: its parts, and for a relative day (`last Friday`,
/// `yesterday`, `a month ago`) the days it can mean. A relative period (`last week`, `next
/// month`) is its parts alone.
fn found_date(d: &DateClaim) -> DateItem {
    let window = d.relative.as_ref().and_then(|r| {
        (d.weekday.is_some() || r.kind == RelativeKind::Offset).then_some((r.first, r.last))
    });
    DateItem {
        year: d.year,
        month: d.month,
        day: d.day,
        readings: [None; 2],
        window,
    }
}

/// Durations: each expected duration is the suite's resolution in seconds; each duration
/// crosscheck finds is its figure as written, in seconds by the suite's convention (a
/// month is 30 days, a year 365), so that a true positive is the same number of the same
/// unit. A range is its two ends; `since 2011` (a span from a date) is scored by the date
/// suite's dates, not here.
fn duration_suite(json: &Value, scorer: &Scorer) -> Vec<Case> {
    rt_cases(
        json,
        |r| {
            let v = r.get("Value")?.get("FutureResolution")?.get("duration")?;
            v.as_str()?.parse().ok().map(Item::point)
        },
        |x, _| {
            x.claims
                .iter()
                .filter_map(|c| c.duration())
                .filter(|d| d.form != DurationForm::Since)
                .flat_map(|d| {
                    let s = seconds(d.unit);
                    if d.qualifier == Qualifier::Range && d.hedge.is_none() {
                        vec![d.low * s, d.high * s]
                    } else {
                        vec![d.value * s]
                    }
                })
                .map(Item::point)
                .collect()
        },
        |_, input, texts| duration_scope(input, texts),
        scorer,
    )
}

/// A unit of duration in seconds, by the Recognizers-Text convention (a month is 30 days,
/// a year 365 days).
fn seconds(unit: TimeUnit) -> f64 {
    const DAY: f64 = 86_400.0;
    match unit {
        TimeUnit::Second => 1.0,
        TimeUnit::Minute => 60.0,
        TimeUnit::Hour => 3_600.0,
        TimeUnit::Day => DAY,
        TimeUnit::Week => 7.0 * DAY,
        TimeUnit::Fortnight => 14.0 * DAY,
        TimeUnit::Month => 30.0 * DAY,
        TimeUnit::Year => 365.0 * DAY,
        TimeUnit::Decade => 3_650.0 * DAY,
        TimeUnit::Century => 36_500.0 * DAY,
    }
}

fn quantulum_suite(json: &Value, scorer: &Scorer) -> Vec<Case> {
    let empty = Vec::new();
    json.as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(|case| {
            let input = case.get("req")?.as_str()?.to_string();
            let (x, _) = scorer.extract(&input);
            // What was found, with where: a figure, and a bracketed restatement of it.
            let mut found: Vec<(Item, std::ops::Range<usize>)> = Vec::new();
            for c in &x.claims {
                let ClaimKind::Quantity(q) = &c.kind else {
                    continue;
                };
                if matches!(q.qualifier, Qualifier::Vague | Qualifier::Anaphora) {
                    continue;
                }
                found.push((
                    Item::point(q.stated_value().unwrap_or(q.value)),
                    c.figure.range(),
                ));
                if let Some(r) = q.restated() {
                    found.push((Item::point(r.value), r.span.clone()));
                }
            }
            let mut expected = Vec::new();
            let mut out = None;
            for r in case.get("res")?.as_array()? {
                let value = r.get("value").and_then(Value::as_f64)?;
                let unit = r.get("unit").and_then(Value::as_str).unwrap_or("");
                let surface = r.get("surface").and_then(Value::as_str).unwrap_or("");
                let scope = quantulum_scope(value, unit, surface).or_else(|| {
                    (surface.contains(" to ") && CHANGE_FROM.is_match(&input)).then_some(
                        "changes `from X to Y` after a change word, read as two figures by design",
                    )
                });
                match scope {
                    None => expected.push(Item::point(value)),
                    Some(class) => {
                        // Neither rewarded nor penalised: drop what was found there too.
                        if let Some(at) = input.find(surface) {
                            let span = at..at + surface.len();
                            found.retain(|(_, f)| f.end <= span.start || f.start >= span.end);
                        }
                        out.get_or_insert(class);
                    }
                }
            }
            let found: Vec<Item> = found.into_iter().map(|(i, _)| i).collect();
            // A case is out of scope only when nothing in it is in scope.
            let out_of_scope = if expected.is_empty() && found.is_empty() {
                out
            } else {
                None
            };
            Some(Case {
                input,
                expected,
                found,
                reference: None,
                out_of_scope,
            })
        })
        .collect()
}

// ----- scope ----------------------------------------------------------------------------------

fn re(s: &str) -> Regex {
    Regex::new(s).expect("a scope pattern compiles")
}

/// Out-of-scope classes: (name, pattern over the input or an expected text).
static NUMBER_CLASSES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    vec![
        (
            "scientific or power notation",
            re(r"(?i)\d\s*(e[+-]?\d|\^|x\s*10|×\s*10)"),
        ),
        (
            "fractions and ratios with a slash or words (`3/4`, `1 over 3`, `2 in 5`, `out of`)",
            re(
                r"(?i)\d\s*/\s*\d|\bover\b|\bout of\b|\b(\d+|one|two|three|five|eight|twelve) in \w+|[½⅓⅔¼¾⅕⅙⅛]",
            ),
        ),
        (
            "Indian numbering (lakh, crore, 12,34,567)",
            re(r"(?i)\blakh\b|\bcrore\b|\d{1,2},\d{2},\d{3}"),
        ),
        (
            "spoken decimals and British zero words (`point five`, `nought`)",
            re(r"(?i)\bpoint\b|\bnought\b|\bnaught\b"),
        ),
        (
            "digits grouped with spaces or decimal commas (`1 234 567`, `5,00`, `1.111,11`)",
            re(r"\d[ \u{202f}]\d{3}\b|\d,\d{1,2}\b|\d\.\d{3},\d"),
        ),
        (
            "identifiers, addresses, telephone numbers and dates",
            re(r"\d+\.\d+\.\d+|\+\d|\d+/\d+/\d+|[A-Z]{2,}-\d|^\d{4}-\d{2}$"),
        ),
        (
            "bare magnitude letters other than k (`10M`, `10G`, `1mm`, `2mil`, `dzs`)",
            re(r"(?i)\d\s*(g|mm|mil)\b|\b(dzs|dozs)\b|\d+M\b|\d+m\b|\d\s+[GM]\b"),
        ),
        (
            "compound fractions (`twenty-three fifths`, `a hundred trillionths`, `a twenty-first`)",
            re(
                r"(?i)(\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|one|two|three)[\s-]+(?:\w+[\s-]+)?(fifths?|firsts?|sixths?|thirtieths?|hundredths?|trillionths?|thousandths?|millionths?)\b)|\ba twenty|\bhundred\w*[\s-]+fifths|trillionth",
            ),
        ),
        (
            "mixed fractions after a scale (`one billion and three quarters million`)",
            re(
                r"(?i)(million|billion|thousand) and (a|one|two|three|five|nine|six) (quarters?|thirds?|fifths?|ninths?|half|halves)\b|million and a half|million and one half|of a million",
            ),
        ),
        (
            "figures with a unit (`180ml`, `29km`), which the suite leaves to its units model",
            re(r"(?i)\d\s*(ml|km)\b"),
        ),
        (
            "words that are numbers only in dialogue (`one last time`, `version two`)",
            re(r"(?i)one last time|version two"),
        ),
    ]
});

fn classify(
    classes: &'static [(&'static str, Regex)],
    input: &str,
    texts: &[&str],
) -> Option<&'static str> {
    classes
        .iter()
        .find(|(_, re)| re.is_match(input) || texts.iter().any(|t| re.is_match(t)))
        .map(|(name, _)| *name)
}

fn number_scope(input: &str, texts: &[&str]) -> Option<&'static str> {
    classify(&NUMBER_CLASSES, input, texts)
}

static RANGE_CLASSES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    vec![
        (
            "comparison operators (`x>10`, `< = 100`, `=>30`)",
            re(r"[<>=]"),
        ),
        (
            "ranges of ordinals (`between the tenth and the fifteenth`)",
            re(r"(?i)\b(tenth|fifteenth)\b"),
        ),
        (
            "fractions and ratios (`1/2`, `one quarter`, `2 in 5`, `half`)",
            re(r"(?i)\d/\d|\bquarter\b|\bhalf\b|\d in \d"),
        ),
        (
            "mathematical wording (`equal to or less than`, `larger than ... and less or equal than`)",
            re(
                r"(?i)or equal|equal to or|or greater than|or more than|or less than|less or equal|bigger or equal|smaller or equal|higher or equal|equaling|equals to",
            ),
        ),
        (
            "identifiers, telephone numbers and dates",
            re(r"\+\d|^\d{4}-\d{2}$"),
        ),
        (
            "ages (`more than thirty years old`), scored by the duration suites",
            re(r"(?i)years old"),
        ),
    ]
});

fn range_scope(input: &str, texts: &[&str]) -> Option<&'static str> {
    classify(&RANGE_CLASSES, input, texts)
}

static PERCENT_CLASSES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    vec![
        (
            "percent written before its figure (`percent of 10`)",
            re(r"(?i)^\s*(per ?cents?|percents?) of"),
        ),
        (
            "the word percent without a figure (`a small percent`)",
            re(r"(?i)small percent|the % of|a percentage\?"),
        ),
    ]
});

fn percent_scope(input: &str, texts: &[&str]) -> Option<&'static str> {
    classify(&PERCENT_CLASSES, input, texts)
}

static ORDINAL_CLASSES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    vec![(
        "relative ordinals (`next`, `last`, `the penultimate`)",
        re(r"(?i)\b(next|last|previous|current|penultimate|antepenultimate|former|latter|prior)\b"),
    )]
});

fn ordinal_scope(input: &str, texts: &[&str]) -> Option<&'static str> {
    classify(&ORDINAL_CLASSES, input, texts)
}

/// Units of quantulum3's cases that crosscheck models (all others are out of scope).
const QUANTULUM_UNITS: &[&str] = &[
    "dimensionless",
    "metre",
    "kilometre",
    "nanometre",
    "mile",
    "inch",
    "foot",
    "pound sterling",
    "dollar",
    "euro",
    "percentage",
    "litre",
    "centilitre",
    "gallon",
    "kilogram",
    "milligram",
    "tonne",
    "pound-mass",
    "degree Celsius",
    "degree fahrenheit",
    "square kilometre",
    "square mile",
    "cubic kilometre",
    "kilometre per hour",
    "megawatt hour",
    "watt hour",
    "electronvolt",
    "teraelectronvolt",
    "gigahertz",
    "megabyte",
    "exabyte",
    "byte",
    "cubic centimetre",
];

const TIME_UNITS: &[&str] = &["second", "minute", "hour", "day", "week", "month", "year"];

static CHANGE_FROM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(reduced|rose|increased|decreased|fell|dropped|changed|cut|raised|grew) from\b")
});

static QUANTULUM_NOTATION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\d(e[+-]?\d|×|x\d|\^)|\d\s*/\s*\d|\+/-|\(\$|\d \d{3}\b"));

fn quantulum_scope(value: f64, unit: &str, surface: &str) -> Option<&'static str> {
    if TIME_UNITS.contains(&unit) {
        return Some("durations, scored by the duration suites");
    }
    if !QUANTULUM_UNITS.contains(&unit) {
        return Some(
            "units crosscheck does not model (rates, compound units, counting nouns, scientific units)",
        );
    }
    if QUANTULUM_NOTATION.is_match(surface) {
        return Some(
            "scientific notation, slash fractions, tolerances, accounting brackets, digits grouped with spaces",
        );
    }
    if unit == "inch" && surface.ends_with(" in") {
        return Some("the inch written `in`, ambiguous with the preposition");
    }
    if unit == "dimensionless"
        && value.fract() == 0.0
        && (1000.0..=2100.0).contains(&value)
        && surface.len() == 4
    {
        return Some("years, set aside by design");
    }
    None
}

const WEEKDAYS: &str =
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu|thurs?|fri|sat|sun";

static DATE_CLASSES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let ordinal = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth";
    vec![
        (
            "numeric dates other than ISO 8601 (`02/22/2016`, `4/22`, `13.5.2015`, `9-18-15`, `2019/sep/01`)",
            re(r"(?i)\d{1,4}[/.\-]\d{1,2}\b|\d{4}[/\-][a-z]{3}[/\-]\d|\d+/\d+,\d+"),
        ),
        (
            "a day followed by a full stop (`16. Nov. 2016`)",
            re(r"^\d{1,2}\. "),
        ),
        (
            "month and day run together or joined by a hyphen or slash (`Oct2`, `Oct-2`, `Oct/2`, `October. 2`)",
            re(
                r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(\d|[-/]\d)|\b(january|february|march|april|june|july|august|september|october|november|december)\.",
            ),
        ),
        (
            "a day of the month alone (`on 15`, `the 27th`, `the second`)",
            re(&format!(
                r"(?i)^(the\s+)?(\d{{1,2}}(st|nd|rd|th)?|((twenty|thirty)[\s-])?({ordinal})|twenty|thirty)$"
            )),
        ),
        (
            "the nth weekday of a month (`the first Friday of July`, `second Sunday`)",
            re(&format!(r"(?i)\b({ordinal}|last)\s+({WEEKDAYS})\b")),
        ),
        (
            "a weekday and a day without a month (`Thursday the 21st`)",
            re(&format!(r"(?i)\b({WEEKDAYS}) the \w+")),
        ),
        (
            "a day of a relative month (`the 20th of next month`)",
            re(r"(?i)\d+(st|nd|rd|th) of (next|this|last|previous) month"),
        ),
        (
            "days or years in words (`May twenty-first`, `second of Aug`, `nineteen seventy eight`)",
            re(&format!(
                r"(?i)\b({ordinal}|one|two|three|four|five|nine|ten|eleven|fifteen|twenty|thirty|nineteen|thousand)\b.*\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z.]*\s+(the\s+)?({ordinal}|twenty|thirty|one|two)|\bnineteen\b|\bthousand\b"
            )),
        ),
        (
            "relative days counted from another (`the day after tomorrow`, `four days from yesterday`)",
            re(r"(?i)\b(before|after|from) (yesterday|tomorrow|tmrw|today)\b"),
        ),
        (
            "dates counted forward (`two weeks from now`, `in 3 weeks`, `two days later`)",
            re(r"(?i)\bfrom now\b|\blater\b|^in \w+ (weeks?|days?|months?|years?)$|business days?"),
        ),
        (
            "`the day`, `the next day`, `the last day`, `my day`",
            re(r"(?i)^((the|my|this|past|last|next)\s+)*day$"),
        ),
        ("chat abbreviations (`tmrw`)", re(r"(?i)\btmrw\b")),
        (
            "vague counts (`a few days ago`, `few months ago`)",
            re(r"(?i)\b(few|couple|several|some)\b"),
        ),
    ]
});

fn date_scope(case: &Value, input: &str, texts: &[&str]) -> Option<&'static str> {
    // A date the suite cannot resolve, because it does not exist (`Feb 30`, `2/29/2019`).
    let missing = case
        .get("Results")
        .and_then(Value::as_array)
        .is_some_and(|rs| {
            rs.iter().any(|r| {
                r.get("Value")
                    .is_some_and(|v| resolved_date(v, "FutureResolution").is_none())
            })
        });
    if missing {
        return Some("dates that do not exist (`Feb 30`, `2/29/2019`, `the 31st` of November)");
    }
    classify(&DATE_CLASSES, input, texts)
}

static DURATION_CLASSES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    vec![
        (
            "a unit glued to its figure or written as one letter (`3h`, `3 h`, `3day`, `3.5years`)",
            re(r"(?i)\d[a-z]|^\d+(\.\d+)? h$"),
        ),
        (
            "whole-period idioms (`all day`, `full week`, `whole day`)",
            re(r"(?i)\b(all|full|whole)[\s-](day|week|month|year)"),
        ),
        (
            "business days (`another business day`)",
            re(r"(?i)\bbusiness\b"),
        ),
        (
            "vague counts (`a couple of days`, `few hours`)",
            re(r"(?i)\b(few|couple|several|some)\b"),
        ),
        (
            "number words joined by `and` (`twenty and four hours`)",
            re(
                r"(?i)\b(twenty|thirty|forty|fifty|sixty) and (one|two|three|four|five|six|seven|eight|nine)\b",
            ),
        ),
        (
            "`half year` (in news, a half of the calendar or financial year, not a length)",
            re(r"(?i)^half (an )?year$"),
        ),
    ]
});

fn duration_scope(input: &str, texts: &[&str]) -> Option<&'static str> {
    classify(&DURATION_CLASSES, input, texts)
}
