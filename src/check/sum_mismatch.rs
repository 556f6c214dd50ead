//! `sum-mismatch`: a relation's parts do not add up to its total.

use super::{
    Check, CheckInfo, Context, Finding, Interval, Severity, agreed, fmt_interval, fmt_number,
    severity_for,
};
use crate::extract::Qualifier;
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

The relation comes from a rule pack:

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
            let all_points = sum.is_point() && total_iv.is_point();
            let arithmetic = if all_points {
                format!(
                    "{} = {}, not {}",
                    part_ivs
                        .iter()
                        .map(|iv| fmt_number(iv.low))
                        .collect::<Vec<_>>()
                        .join(" + "),
                    fmt_number(sum.low),
                    fmt_number(total_iv.low)
                )
            } else {
                format!("the parts add up to {}", fmt_interval(sum, &unit))
            };
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
            out.push(Finding {
                check: &INFO,
                severity: severity_for(&quantities),
                message: message.into(),
                labels,
                help: Some(format!("{arithmetic}; {advice}")),
            });
        }
    }
}
