//! `sum-mismatch`: a relation's parts do not add up to its total.

use super::{
    Check, CheckInfo, Context, Finding, Interval, Severity, agreed, fmt_interval, fmt_number,
    severity_for,
};
use crate::extract::{Frame, Qualifier};
use crate::rules::Relation;

pub struct SumMismatch;

static INFO: CheckInfo = CheckInfo {
    code: "N002",
    name: "sum-mismatch",
    group: "numbers",
    default_severity: Severity::Warning,
    summary: "the parts do not add up to their total",
    doc: "\
Adds up the parts of a total and compares the sum with the total, using interval arithmetic
so that hedged figures keep their tolerance: `around 200` and `a similar number` add up to
360 to 440, which cannot be `roughly 500` (450 to 550).

With no rule at all, it checks the lists a text states with their total, in one sentence
or in the sentences next to each other:

- `the 57 victims were 41 Britons, 12 Germans and three Danes` (a total tied to its list
  by `were`, `comprising`, a colon or a dash);
- `a crew of 9 and 150 passengers ... All 160 people aboard` (a total marked by `all`,
  `a total of`, `in all` in the next or the previous sentence);
- `one coffin arrived on Monday, a second on Tuesday and 11 more are due ... all 14
  families` (`one`, `a second` and `11 more` count as 1, 1 and 11).

A list that says it is partial (`including`, `among them`, `such as`, `at least`) may
fall short of its total; it is reported only when its parts exceed it. A list with one part
equal to the total is left to `double-count`, and a single part larger than the total to
`part-exceeds-whole`. The words are data: `[frames]` in `rules/frames.toml`.

A relation can also come from a rule pack, across sources:

    [[relations]]
    total = \"canadian-personnel-iraq\"
    parts = [\"canadian-trainers-iraq\", \"canadian-special-forces-iraq\"]
    exhaustive = true

With `exhaustive = true` the parts must reach the total; with `exhaustive = false` they
need only not exceed it. The figures may come from different sources. A relation is checked
only when the total and every part are stated, and when the figures for each key agree
with each other (if not, `numeric-mismatch` reports that first).

Severity: error when every figure is exact; warning when a hedge is involved.

## Example

    a.md: The 57 victims of the crash were 41 Britons, 12 Germans and three Danes.

reports that 41 + 12 + 3 = 56, not 57.

    a.md: Canada has roughly 500 military personnel in Iraq.
    b.md: Around 200 of them train local forces. A similar number of special forces
          soldiers work in the north.
    rules.toml: [[keys]]
          name = \"personnel\"
          subjects = [\"troops in iraq\"]
          [[keys]]
          name = \"trainers\"
          patterns = ['{value} (?:of them )?train']
          [[keys]]
          name = \"special-forces\"
          patterns = ['{value} (?:of|are) special forces']
          [[relations]]
          total = \"personnel\"
          parts = [\"trainers\", \"special-forces\"]
          exhaustive = true

reports that the parts add up to 360 to 440, short of 450 to 550 (the pack names the keys
and the relation; the example in `rules/examples/iraq-2020.toml` is fuller).

## Example that stays silent

    a.md: The ferry carried 176 people, including 57 Canadians and dozens of others.

    a.md: Canada has roughly 500 military personnel in Iraq.
    b.md: Around 250 train local forces, and a similar number are special forces.
    rules.toml: [[keys]]
          name = \"personnel\"
          subjects = [\"troops in iraq\"]
          [[keys]]
          name = \"trainers\"
          patterns = ['{value} (?:of them )?train']
          [[keys]]
          name = \"special-forces\"
          patterns = ['{value} (?:of|are) special forces']
          [[relations]]
          total = \"personnel\"
          parts = [\"trainers\", \"special-forces\"]
          exhaustive = true
",
};

impl Check for SumMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut reported_totals = std::collections::HashSet::new();
        run_relations(cx, out, &mut reported_totals);
        run_frames(cx, out, &reported_totals);
    }
}

/// The help's arithmetic: `41 + 12 + 3 = 56, not 57` for exact figures, else the sum's
/// interval (and, with `with_total`, the total's).
fn sum_arithmetic(
    parts: &[Interval],
    sum: Interval,
    total: Interval,
    unit: &crate::extract::Unit,
    with_total: bool,
) -> String {
    if sum.is_point() && total.is_point() {
        let terms: Vec<String> = parts.iter().map(|iv| fmt_number(iv.low)).collect();
        format!(
            "{} = {}, not {}",
            terms.join(" + "),
            fmt_number(sum.low),
            fmt_number(total.low)
        )
    } else if with_total {
        format!(
            "the parts add up to {}, not {}",
            fmt_interval(sum, unit),
            fmt_interval(total, unit)
        )
    } else {
        format!("the parts add up to {}", fmt_interval(sum, unit))
    }
}

/// The relations of the rule packs.
fn run_relations(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    reported_totals: &mut std::collections::HashSet<usize>,
) {
    for rel in &cx.rules.relations {
        let Relation::Sum {
            total,
            parts,
            exhaustive,
            ..
        } = rel
        else {
            continue;
        };
        let total_claims = cx.claims_for(total);
        let Some(&total_first) = total_claims.first() else {
            continue;
        };
        let unit = cx.quantity(total_first).unit.clone();
        let same_unit = |v: Vec<usize>| -> Vec<usize> {
            v.into_iter()
                .filter(|&i| cx.quantity(i).unit == unit)
                .collect()
        };
        let total_claims = same_unit(total_claims);
        let Some(total_iv) = agreed(cx, &total_claims) else {
            continue;
        };
        let mut part_ivs = Vec::new();
        let mut part_firsts = Vec::new();
        for p in parts {
            let claims = same_unit(cx.claims_for(p));
            let (Some(&first), Some(iv)) = (claims.first(), agreed(cx, &claims)) else {
                break;
            };
            part_ivs.push(iv);
            part_firsts.push(first);
        }
        if part_ivs.len() != parts.len() {
            continue;
        }
        let sum = part_ivs.iter().fold(
            Interval {
                low: 0.0,
                high: 0.0,
            },
            |a, &b| a.plus(b),
        );
        let short = sum.high < total_iv.low && !sum.overlaps(total_iv);
        let over = sum.low > total_iv.high && !sum.overlaps(total_iv);
        if !(over || (*exhaustive && short)) {
            continue;
        }
        let mut labels = vec![cx.label(
            total_first,
            format!("total: {}", fmt_interval(total_iv, &unit)),
        )];
        for (&i, iv) in part_firsts.iter().zip(&part_ivs) {
            let q = cx.quantity(i);
            let text = match (q.qualifier, &q.hedge) {
                (Qualifier::Anaphora, Some(h)) => {
                    format!("part: {h} ({})", fmt_interval(*iv, &unit))
                }
                _ => format!("part: {}", fmt_interval(*iv, &unit)),
            };
            labels.push(cx.label(i, text));
        }
        let mut quantities = vec![cx.quantity(total_first)];
        quantities.extend(part_firsts.iter().map(|&i| cx.quantity(i)));
        let arithmetic = sum_arithmetic(&part_ivs, sum, total_iv, &unit, false);
        let (message, advice) = if over {
            (
                "the parts add up to more than the total",
                "one of the parts or the total is wrong",
            )
        } else {
            (
                "the parts do not add up to the total",
                "name the missing part or correct the total",
            )
        };
        reported_totals.extend(total_claims.iter().copied());
        out.push(Finding {
            check: &INFO,
            severity: severity_for(&quantities),
            message: message.into(),
            labels,
            help: Some(format!("{arithmetic}; {advice}")),
            fix: None,
        });
    }
}

/// The lists the text states with their totals (`the 57 victims were 41 Britons, ...`).
fn run_frames(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    reported_totals: &std::collections::HashSet<usize>,
) {
    for f in cx.frames {
        let Frame::List(l) = f else {
            continue;
        };
        let Some(total) = l.total else {
            continue;
        };
        if reported_totals.contains(&total) {
            continue;
        }
        let tq = cx.quantity(total);
        let tiv = Interval::of(tq);
        let ivs: Vec<Interval> = l
            .items
            .iter()
            .map(|&i| Interval::of(cx.quantity(i)))
            .collect();
        // One part alone larger than the total: `part-exceeds-whole` says so.
        if ivs.iter().any(|iv| iv.low > tiv.high && !iv.overlaps(tiv)) {
            continue;
        }
        // A part that is the total again: `double-count` says so, with both readings.
        if !l.partial && l.items.len() >= 2 && super::double_count::repeats_total(cx, l) {
            continue;
        }
        let sum = ivs.iter().fold(
            Interval {
                low: 0.0,
                high: 0.0,
            },
            |a, &b| a.plus(b),
        );
        let over = sum.low > tiv.high && !sum.overlaps(tiv);
        let short = !l.partial && sum.high < tiv.low && !sum.overlaps(tiv);
        if !(over || short) {
            continue;
        }
        let unit = &tq.unit;
        let mut labels = vec![cx.label(total, format!("total: {}", fmt_interval(tiv, unit)))];
        for (&i, iv) in l.items.iter().zip(&ivs) {
            labels.push(cx.label(i, format!("part: {}", fmt_interval(*iv, unit))));
        }
        let mut quantities = vec![tq];
        quantities.extend(l.items.iter().map(|&i| cx.quantity(i)));
        let arithmetic = sum_arithmetic(&ivs, sum, tiv, unit, true);
        let (message, advice) = match (over, l.partial) {
            (true, true) => (
                "the parts named add up to more than the total",
                "the list says it is partial, so the parts may fall short of the total, but they cannot exceed it; one of the figures is wrong",
            ),
            (true, false) => (
                "the parts add up to more than the total",
                "one of the parts or the total is wrong",
            ),
            _ => (
                "the parts do not add up to the total",
                "name the missing part, say the list is partial (`including ...`), or correct the total",
            ),
        };
        out.push(Finding {
            check: &INFO,
            severity: severity_for(&quantities),
            message: message.into(),
            labels,
            help: Some(format!("{arithmetic}; {advice}")),
            fix: None,
        });
    }
}
