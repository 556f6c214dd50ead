//! `duration-mismatch`: an age or a span that does not fit the date it counts from.

use foldhash::{HashMap, HashMapExt};

use super::{Check, CheckInfo, Context, Finding, Severity, fmt_number};
use crate::extract::time::{ClauseWords, long_date, years_between};
use crate::extract::{DateClaim, DateRole, DurationClaim, DurationForm, Qualifier};

pub struct DurationMismatch;

static INFO: CheckInfo = CheckInfo {
    code: "T003",
    name: "duration-mismatch",
    group: "timeline",
    default_severity: Severity::Error,
    summary: "an age or a span does not fit the date it counts from",
    doc: "\
Finds an age or a span that the text's own anchor contradicts: `the five-year-old conflict`
in a text dated 2019 that also says the war `has raged since 2011` (2019 - 2011 = 8 years,
not 5). The age is compared with the time from the anchor to the source's date.

An age is linked to an anchor only when they name the same thing: the noun the age qualifies
(`conflict`) appears in the anchor's clause (`the war has raged since 2011`, `the war began
in 2011`), through the kin groups of `rules/time.toml` (war = conflict = fight). A span (`for
the past four years`) is compared with an anchor in its own sentence. The source must have a
date.

The natural tolerance of each form is allowed: `X-year-old` and `for X years` hold from half
a year under X to just under X + 1 (an eight-year-old conflict is 7.5 to 9 years old, and a
writer who subtracts the years gets 8), and an anchor that is a year covers the whole year
(`since 2014` in a text dated January 15, 2020 is 5.0 to 6.0 years, so `the five-year-old
fight` agrees). A hedged figure (`nearly eight years`, `more than 20 years`) is read as its
interval first. When an age is linked to several anchors and one of them fits, nothing is
reported.

## Example

    a.md: date 2019-06-01
      Syria's civil war has raged since 2011. Aid groups say the five-year-old conflict has
      displaced half the population.

reports 2019 - 2011 = 8 years, not 5.

## Example that stays silent

    a.md: date 2019-06-01
      Syria's civil war has raged since 2011. Aid groups say the eight-year-old conflict has
      displaced half the population.
",
};

/// An anchor: a date something counts from, with what its clause names.
struct Anchor<'a> {
    claim: usize,
    date: &'a DateClaim,
    context: Option<&'a ClauseWords>,
    /// Years from the anchor to the source's date: (least, most).
    elapsed: (f64, f64),
}

impl Check for DurationMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Anchors by source, in one pass.
        let mut anchors: HashMap<usize, Vec<Anchor<'_>>> = HashMap::new();
        for (i, c) in cx.claims.iter().enumerate() {
            let Some(today) = cx.sources[c.source_id()].date else {
                continue;
            };
            let (date, context) = match (c.duration(), c.date()) {
                (Some(d), _) if d.form == DurationForm::Since => match &d.since {
                    Some(s) => (&**s, Some(&d.context)),
                    None => continue,
                },
                (_, Some(d)) if d.role == DateRole::Start => (d, d.context()),
                _ => continue,
            };
            let (Some(first), Some(last)) = (date.first, date.last) else {
                continue;
            };
            let (Some(most), Some(least)) =
                (years_between(first, today), years_between(last, today))
            else {
                continue;
            };
            if most < 0.0 {
                continue;
            }
            anchors.entry(c.source_id()).or_default().push(Anchor {
                claim: i,
                date,
                context,
                elapsed: (least.max(0.0), most),
            });
        }
        if anchors.is_empty() {
            return;
        }
        for (i, c) in cx.claims.iter().enumerate() {
            let Some(d) = c.duration() else { continue };
            if !matches!(d.form, DurationForm::Age | DurationForm::Span) {
                continue;
            }
            let Some(list) = anchors.get(&c.source_id()) else {
                continue;
            };
            let linked: Vec<&Anchor<'_>> = list
                .iter()
                .filter(|a| match d.form {
                    DurationForm::Age => d
                        .subject_key
                        .as_ref()
                        .is_some_and(|k| a.context.is_some_and(|c| c.contains(k))),
                    _ => cx.claims[a.claim].sentence == c.sentence,
                })
                .collect();
            if linked.is_empty() {
                continue;
            }
            let (low, high) = stated_years(d);
            if linked
                .iter()
                .any(|a| low <= a.elapsed.1 + 1e-9 && a.elapsed.0 < high - 1e-9)
            {
                continue;
            }
            let Some(today) = cx.sources[c.source_id()].date else {
                continue;
            };
            let figure = stated_figure(d);
            let text = |k: usize| {
                cx.sources[cx.claims[k].source_id()]
                    .text()
                    .get(cx.claims[k].span.range())
                    .unwrap_or("")
            };
            let mut labels = vec![cx.label(i, figure.clone())];
            let mut sums = Vec::new();
            for a in &linked {
                labels.push(cx.label(
                    a.claim,
                    format!(
                        "{} to {}: {}",
                        a.date.display(),
                        today,
                        fmt_years(a.elapsed)
                    ),
                ));
                sums.push(arithmetic(a, today, &figure));
            }
            let severity = if d.qualifier == Qualifier::Exact {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(Finding {
                check: &INFO,
                severity,
                message: format!(
                    "`{}` does not fit `{}` in a text dated {}",
                    text(i).trim(),
                    text(linked[0].claim).trim(),
                    long_date(today)
                ),
                labels,
                help: Some(format!(
                    "{}; correct the age or the date it counts from",
                    sums.join("; ")
                )),
                fix: None,
            });
        }
    }
}

/// The years a stated age or span can mean, with its natural tolerance: half a year under
/// to just under one over (in its own unit).
fn stated_years(d: &DurationClaim) -> (f64, f64) {
    let u = d.unit.in_years();
    let (low, high) = (d.low, d.high);
    ((low - 0.5).max(0.0) * u, (high + 1.0) * u)
}

/// `5 years`, `more than 20 years`.
fn stated_figure(d: &DurationClaim) -> String {
    let unit = d.unit.as_str();
    let n = |x: f64| {
        if x == 1.0 {
            format!("1 {unit}")
        } else {
            format!("{} {unit}s", fmt_number(x))
        }
    };
    match d.qualifier {
        Qualifier::Exact => n(d.value),
        _ if d.high.is_infinite() => format!("at least {}", n(d.low)),
        _ => format!("{} to {}", fmt_number(d.low), n(d.high)),
    }
}

/// `5.0 to 6.0 years`.
fn fmt_years((a, b): (f64, f64)) -> String {
    let r = |x: f64| (x * 10.0).round() / 10.0;
    if r(a) == r(b) {
        format!("{:.1} years", r(a))
    } else {
        format!("{:.1} to {:.1} years", r(a), r(b))
    }
}

/// `2019 - 2011 = 8 years, not 5 years`, or for a month or a day: `from October 2018 to
/// 2020-01-15 is 1.2 to 1.3 years, not 5 years`.
fn arithmetic(a: &Anchor<'_>, today: jiff::civil::Date, figure: &str) -> String {
    if a.date.month.is_none()
        && a.date.season().is_none()
        && let Some(y) = a.date.year
    {
        let diff = i32::from(today.year()) - i32::from(y);
        return format!("{} - {y} = {diff} years, not {figure}", today.year());
    }
    format!(
        "from {} to {today} is {}, not {figure}",
        a.date.display(),
        fmt_years(a.elapsed)
    )
}
