//! `part-exceeds-whole`: a part larger than the whole it belongs to.

use super::{Check, CheckInfo, Context, Finding, Interval, Severity, fmt_interval, severity_for};
use crate::rules::Relation;

pub struct PartExceedsWhole;

static INFO: CheckInfo = CheckInfo {
    code: "N003",
    name: "part-exceeds-whole",
    group: "numbers",
    default_severity: Severity::Error,
    summary: "a part is larger than the whole it belongs to",
    doc: "\
Finds a part that is larger than its whole: more Canadians aboard a flight than people
aboard it. The relation comes from a rule pack:

    [[relations]]
    part = \"canadians-aboard\"
    whole = \"people-aboard\"

The figures may come from different sources; every statement of the whole is compared
with every statement of the part, so a typo in one draft is caught even when other drafts
have the figure right. Only a part that is certainly larger is reported: its lowest
reading must exceed the whole's highest, so `about 60` against `57` is not reported.

Severity: error when both figures are exact; warning when a hedge is involved.

## Example

    a.md: The jet carried 176 people, including 57 Canadians.
    b.md: The jet carried 17 people, including 57 Canadians.
    rules.toml: [[keys]]
          name = \"aboard\"
          patterns = ['carried {value} people']
          [[keys]]
          name = \"canadians-aboard\"
          patterns = ['including {value} Canadians']
          [[relations]]
          part = \"canadians-aboard\"
          whole = \"aboard\"

reports the 57 Canadians in b.md as more than the 17 people aboard.

## Example that stays silent

    a.md: The jet carried 176 people, including 57 Canadians.
    b.md: It carried about 60 Canadians, and 57 is the official count.
    rules.toml: [[keys]]
          name = \"aboard\"
          patterns = ['carried {value} people']
          [[keys]]
          name = \"canadians-aboard\"
          patterns = ['including {value} Canadians']
          [[relations]]
          part = \"canadians-aboard\"
          whole = \"aboard\"
",
};

impl Check for PartExceedsWhole {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for rel in &cx.rules.relations {
            let Relation::PartOf { part, whole, .. } = rel else {
                continue;
            };
            let parts = cx.claims_for(part);
            // The part statement with the highest floor is the one most likely to exceed.
            let Some(&p) = parts.iter().max_by(|&&a, &&b| {
                cx.quantity(a)
                    .low
                    .total_cmp(&cx.quantity(b).low)
                    .then(b.cmp(&a))
            }) else {
                continue;
            };
            let pq = cx.quantity(p);
            let piv = Interval::of(pq);
            for w in cx.claims_for(whole) {
                let wq = cx.quantity(w);
                if wq.unit != pq.unit {
                    continue;
                }
                let wiv = Interval::of(wq);
                if piv.low <= wiv.high || piv.overlaps(wiv) {
                    continue;
                }
                // Prefer a part stated in the same source as this whole, for the label.
                let label_part = parts
                    .iter()
                    .copied()
                    .filter(|&i| {
                        cx.claims[i].source == cx.claims[w].source && cx.quantity(i).low > wiv.high
                    })
                    .min()
                    .unwrap_or(p);
                let lq = cx.quantity(label_part);
                let liv = Interval::of(lq);
                out.push(Finding {
                    check: &INFO,
                    severity: severity_for(&[lq, wq]),
                    message: format!("`{part}` is larger than `{whole}`, which should contain it"),
                    labels: vec![
                        cx.label(label_part, format!("part: {}", fmt_interval(liv, &lq.unit))),
                        cx.label(w, format!("whole: {}", fmt_interval(wiv, &wq.unit))),
                    ],
                    help: Some(format!(
                        "{} is more than {}; one of the two figures is wrong",
                        fmt_interval(liv, &lq.unit),
                        fmt_interval(wiv, &wq.unit)
                    )),
                });
            }
        }
    }
}
