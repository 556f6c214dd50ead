//! Checks: each one a small unit with a stable code and a kebab-case name. A check reads
//! claims (never raw text) and yields [`Finding`]s; it never prints.

mod alias_inconsistency;
mod arith;
mod change_mismatch;
mod date_mismatch;
mod double_count;
mod duration_mismatch;
mod fact_mismatch;
mod multiple_mismatch;
mod name_variant;
mod numeric_mismatch;
mod part_exceeds_whole;
mod percent_mismatch;
mod quote_drift;
mod stale_figure;
mod sum_mismatch;
mod title_mismatch;
mod weekday_mismatch;

use foldhash::{HashMap, HashMapExt};
use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;

use crate::entities::Entities;
use crate::extract::{Claim, Frame, Quantity, Unit};
pub use crate::fix::{Edit, Fix};
use crate::rules::Rules;
use crate::source::{Source, SourceId};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A check's identity and documentation: one row of the table in [`CHECKS`].
#[derive(Debug)]
pub struct CheckInfo {
    /// Stable code, such as `N001`.
    pub code: &'static str,
    /// Stable kebab-case name, such as `numeric-mismatch`.
    pub name: &'static str,
    /// The family it belongs to, such as `numbers`.
    pub group: &'static str,
    pub default_severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// The documentation `crosscheck explain` prints: what it finds, why, and examples.
    pub doc: &'static str,
}

/// One check.
pub trait Check: Sync {
    fn info(&self) -> &'static CheckInfo;
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Every check, in code order.
pub static CHECKS: &[&dyn Check] = &[
    &numeric_mismatch::NumericMismatch,
    &sum_mismatch::SumMismatch,
    &part_exceeds_whole::PartExceedsWhole,
    &double_count::DoubleCount,
    &percent_mismatch::PercentMismatch,
    &change_mismatch::ChangeMismatch,
    &multiple_mismatch::MultipleMismatch,
    &stale_figure::StaleFigure,
    &weekday_mismatch::WeekdayMismatch,
    &date_mismatch::DateMismatch,
    &duration_mismatch::DurationMismatch,
    &name_variant::NameVariant,
    &title_mismatch::TitleMismatch,
    &alias_inconsistency::AliasInconsistency,
    &quote_drift::QuoteDrift,
    &fact_mismatch::FactMismatch,
];

/// The check with this code or name (any case).
pub fn find(code_or_name: &str) -> Option<&'static dyn Check> {
    CHECKS.iter().copied().find(|c| {
        c.info().code.eq_ignore_ascii_case(code_or_name)
            || c.info().name.eq_ignore_ascii_case(code_or_name)
    })
}

/// A place in a source a finding points at.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub source: SourceId,
    pub span: Range<usize>,
    pub message: String,
}

/// One problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub check: &'static CheckInfo,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// The change that resolves it, when it has a single right answer.
    pub fix: Option<Fix>,
}

impl PartialEq for CheckInfo {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

/// What the checks read: the sources, every claim, and the claims grouped by key.
pub struct Context<'a> {
    pub sources: &'a [Source],
    pub claims: &'a [Claim],
    pub rules: &'a Rules,
    /// Relations among the claims (lists, shares, changes, multiples).
    pub frames: &'a [Frame],
    /// Claim indices by (key, unit), in claim order.
    pub by_key: HashMap<(&'a str, &'a Unit), Vec<usize>>,
    /// Per claim: whether its sentence acknowledges a revision (`previously, officials
    /// said 63`), or a change stated later starts from it, so that it is an old figure
    /// knowingly reported. Empty when unknown.
    pub revised: Vec<bool>,
    /// The run's options (fact sheets, preferences).
    pub options: &'a crate::Options,
    entities: std::sync::OnceLock<Entities>,
    fact_coverage: std::sync::OnceLock<Vec<(usize, usize, usize)>>,
}

/// The figures labelled so far in a finding, one label per distinct figure per source.
/// A set, so that a finding with thousands of labels (a figure repeated across an archive)
/// stays linear in them.
#[derive(Default)]
pub struct SeenFigures(std::collections::HashSet<(usize, u64, u64)>);

impl SeenFigures {
    /// Record quantity claim `i`; whether its figure is new in its source.
    pub fn insert(&mut self, cx: &Context<'_>, i: usize) -> bool {
        let q = cx.quantity(i);
        self.0
            .insert((cx.claims[i].source_id(), q.low.to_bits(), q.high.to_bits()))
    }
}

/// Values in the order they were first given, each once, with membership by hash: the
/// distinct figures or sources a finding lists, which in an archive can be thousands.
pub struct Distinct<T> {
    order: Vec<T>,
    seen: std::collections::HashSet<T>,
}

impl<T> Default for Distinct<T> {
    fn default() -> Self {
        Distinct {
            order: Vec::new(),
            seen: std::collections::HashSet::new(),
        }
    }
}

impl<T: std::hash::Hash + Eq + Clone> Distinct<T> {
    /// Add `v` unless it is there; whether it was new.
    pub fn push(&mut self, v: T) -> bool {
        if self.seen.contains(&v) {
            return false;
        }
        self.seen.insert(v.clone());
        self.order.push(v);
        true
    }

    /// The values, in the order first given.
    pub fn items(&self) -> &[T] {
        &self.order
    }
}

impl<'a> Context<'a> {
    pub fn new(sources: &'a [Source], claims: &'a [Claim], rules: &'a Rules) -> Context<'a> {
        let mut by_key: HashMap<(&str, &Unit), Vec<usize>> = HashMap::new();
        for (i, c) in claims.iter().enumerate() {
            if let Some(q) = c.quantity()
                && let Some(k) = &q.key
            {
                by_key.entry((&**k, &q.unit)).or_default().push(i);
            }
        }
        Context {
            sources,
            claims,
            rules,
            frames: &[],
            by_key,
            revised: Vec::new(),
            options: crate::Options::default_ref(),
            entities: std::sync::OnceLock::new(),
            fact_coverage: std::sync::OnceLock::new(),
        }
    }

    /// The same context with the run's options.
    pub fn with_options(mut self, options: &'a crate::Options) -> Context<'a> {
        self.options = options;
        self
    }

    /// Name mentions grouped into entities (computed once, on first use).
    pub fn entities(&self) -> &Entities {
        self.entities
            .get_or_init(|| crate::entities::group(self.claims, &self.rules.names))
    }

    /// The claims each fact of the fact sheets covers: `(sheet, fact, claim)`.
    pub fn fact_coverage(&self) -> &[(usize, usize, usize)] {
        self.fact_coverage.get_or_init(|| {
            crate::facts::coverage(
                &self.options.facts,
                self.sources,
                self.claims,
                self.entities(),
                &self.rules.names,
            )
        })
    }

    /// The text of a span in a source.
    pub fn text(&self, source: SourceId, span: &Range<usize>) -> &'a str {
        self.sources[source].text().get(span.clone()).unwrap_or("")
    }

    /// Whether claim `i` is a figure its text says was revised.
    pub fn is_revised(&self, i: usize) -> bool {
        self.revised.get(i).copied().unwrap_or(false)
    }

    /// The same context, with the frames found among the claims.
    pub fn with_frames(mut self, frames: &'a [Frame]) -> Context<'a> {
        self.frames = frames;
        self
    }

    pub fn quantity(&self, i: usize) -> &'a Quantity {
        self.claims[i]
            .quantity()
            .expect("by_key holds only quantities")
    }

    /// The claims of a named key whatever their unit, in claim order.
    pub fn claims_for(&self, key: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .by_key
            .iter()
            .filter(|((k, _), _)| *k == key)
            .flat_map(|(_, v)| v.iter().copied())
            .collect();
        out.sort_unstable();
        out
    }

    /// A label on a claim's text.
    pub fn label(&self, claim: usize, message: impl Into<String>) -> Label {
        let c = &self.claims[claim];
        Label {
            source: c.source_id(),
            span: c.span.range(),
            message: message.into(),
        }
    }

    /// `path (date)` for help text.
    pub fn describe_source(&self, id: SourceId) -> String {
        let s = &self.sources[id];
        match s.date {
            Some(d) => format!("{} ({d})", s.path),
            None => s.path.clone(),
        }
    }
}

/// Run every check and return the findings in a stable order.
pub fn run_all(cx: &Context<'_>) -> Vec<Finding> {
    use rayon::prelude::*;
    // The checks run in parallel; their findings are joined in the table's order before
    // the (stable) sort, so the output does not depend on the thread count.
    let each: Vec<Vec<Finding>> = CHECKS
        .par_iter()
        .map(|check| {
            let mut found = Vec::new();
            check.run(cx, &mut found);
            found
        })
        .collect();
    let mut out: Vec<Finding> = each.into_iter().flatten().collect();
    sort_findings(&mut out);
    out
}

/// Sort labels within each finding, then findings by source, position and code.
pub fn sort_findings(findings: &mut [Finding]) {
    for f in findings.iter_mut() {
        f.labels.sort_by(|a, b| {
            (a.source, a.span.start, a.span.end).cmp(&(b.source, b.span.start, b.span.end))
        });
    }
    findings.sort_by(|a, b| {
        let ka = a.labels.first().map(|l| (l.source, l.span.start));
        let kb = b.labels.first().map(|l| (l.source, l.span.start));
        ka.cmp(&kb)
            .then_with(|| a.check.code.cmp(b.check.code))
            .then_with(|| a.message.cmp(&b.message))
    });
}

// ----- interval arithmetic and formatting, shared by the numeric checks -------------------

/// A closed interval; `high` may be infinite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn of(q: &Quantity) -> Interval {
        Interval {
            low: q.low,
            high: q.high,
        }
    }

    pub fn intersect(self, o: Interval) -> Option<Interval> {
        let low = self.low.max(o.low);
        let high = self.high.min(o.high);
        (low <= high + tolerance(low.max(high))).then_some(Interval {
            low,
            high: high.max(low),
        })
    }

    pub fn plus(self, o: Interval) -> Interval {
        Interval {
            low: self.low + o.low,
            high: self.high + o.high,
        }
    }

    pub fn overlaps(self, o: Interval) -> bool {
        self.intersect(o).is_some()
    }

    pub fn is_point(self) -> bool {
        self.low == self.high
    }
}

/// `a <= b`, with slack for figures parsed from decimals.
pub fn leq(a: f64, b: f64) -> bool {
    a <= b + tolerance(a.abs().max(b.abs()))
}

/// Floating-point slack for comparing figures that were parsed from decimals.
fn tolerance(x: f64) -> f64 {
    if x.is_finite() { x.abs() * 1e-9 } else { 0.0 }
}

/// The intersection of the intervals of several claims, if they agree.
pub fn agreed(cx: &Context<'_>, claims: &[usize]) -> Option<Interval> {
    let mut acc: Option<Interval> = None;
    for &i in claims {
        let iv = Interval::of(cx.quantity(i));
        acc = match acc {
            None => Some(iv),
            Some(a) => Some(a.intersect(iv)?),
        };
    }
    acc
}

/// A number for people: `5,200`, `1.5`, `1,500,000`.
pub fn fmt_number(x: f64) -> String {
    if !x.is_finite() {
        return if x > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let neg = x < 0.0;
    let x = x.abs();
    let rounded = (x * 100.0).round() / 100.0;
    let int = rounded.trunc() as u128;
    let frac = ((rounded - rounded.trunc()) * 100.0).round() as u32;
    let digits = int.to_string();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 0 {
        let f = format!("{frac:02}");
        let _ = write!(out, ".{}", f.trim_end_matches('0'));
    }
    out
}

/// A figure with its unit: `35%`, `$1,000,000,000 (USD)`, `5,200`.
pub fn fmt_value(x: f64, unit: &Unit) -> String {
    match unit {
        Unit::Count => fmt_number(x),
        Unit::Percent => format!("{}%", fmt_number(x)),
        Unit::Currency("$") => format!("${}", fmt_number(x)),
        Unit::Currency(code) => format!("{} {code}", fmt_number(x)),
        Unit::PercentagePoints if x == 1.0 => "1 percentage point".to_string(),
        Unit::PercentagePoints => format!("{} percentage points", fmt_number(x)),
        Unit::Measure(d) => format!("{} {}", fmt_number(x), d.base_symbol()),
    }
}

/// An interval for people: `5,200`, `450 to 550`, `more than 200,000`.
pub fn fmt_interval(iv: Interval, unit: &Unit) -> String {
    if iv.is_point() {
        fmt_value(iv.low, unit)
    } else if iv.high.is_infinite() {
        format!("at least {}", fmt_value(iv.low, unit))
    } else if iv.low == 0.0 {
        format!("at most {}", fmt_value(iv.high, unit))
    } else {
        format!(
            "{} to {}",
            fmt_value(iv.low, unit),
            fmt_value(iv.high, unit)
        )
    }
}

/// How a quantity reads in a label: `5,200`, `450 to 550`.
pub fn fmt_quantity(q: &Quantity) -> String {
    fmt_interval(Interval::of(q), &q.unit)
}

/// `error` when every figure involved is exact, else `warning`.
pub fn severity_for(quantities: &[&Quantity]) -> Severity {
    if quantities.iter().all(|q| q.is_exact()) {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// A help sentence on the sources' dates, given the figures each source states: when one
/// figure is stated by a source newer than every source of the others, say so.
pub fn dates_note(cx: &Context<'_>, figures: &[(SourceId, String)]) -> Option<String> {
    // The newest dated source of each distinct figure.
    let mut newest: Vec<(&str, jiff::civil::Date, SourceId)> = Vec::new();
    for (src, fig) in figures {
        let Some(d) = cx.sources[*src].date else {
            continue;
        };
        match newest.iter_mut().find(|(f, ..)| *f == fig.as_str()) {
            Some(entry) if (d, std::cmp::Reverse(*src)) > (entry.1, std::cmp::Reverse(entry.2)) => {
                entry.1 = d;
                entry.2 = *src;
            }
            Some(_) => {}
            None => newest.push((fig.as_str(), d, *src)),
        }
    }
    if newest.len() < 2 {
        return None;
    }
    newest.sort_by_key(|e| std::cmp::Reverse(e.1));
    if newest[0].1 == newest[1].1 {
        return None;
    }
    let (fig, _, src) = newest[0];
    Some(format!(
        "the newest source, {}, gives {fig}; an older figure may have been revised",
        cx.describe_source(src)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for c in CHECKS {
            let i = c.info();
            assert!(seen.insert(i.code), "duplicate code {}", i.code);
            assert!(seen.insert(i.name), "duplicate name {}", i.name);
            assert!(i.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(!i.doc.trim().is_empty());
            assert!(i.doc.contains("## Example"), "{} has no example", i.name);
        }
    }

    #[test]
    fn numbers_format_for_people() {
        assert_eq!(fmt_number(5200.0), "5,200");
        assert_eq!(fmt_number(1.5), "1.5");
        assert_eq!(fmt_number(200000.0), "200,000");
        assert_eq!(fmt_number(-3.25), "-3.25");
        assert_eq!(fmt_number(1e9), "1,000,000,000");
        let iv = Interval {
            low: 450.0,
            high: 550.0,
        };
        assert_eq!(fmt_interval(iv, &Unit::Count), "450 to 550");
        assert_eq!(fmt_interval(iv, &Unit::Percent), "450% to 550%");
    }

    #[test]
    fn intervals_intersect_with_float_slack() {
        let a = Interval {
            low: 0.1 + 0.2,
            high: 0.3,
        };
        let b = Interval {
            low: 0.3,
            high: 0.3,
        };
        assert!(a.overlaps(b));
        let c = Interval {
            low: 1.0,
            high: 2.0,
        };
        let d = Interval {
            low: 2.5,
            high: 3.0,
        };
        assert!(!c.overlaps(d));
    }
}
