//! `percent-mismatch`: a percentage or fraction that does not match the counts beside it.

use super::arith::{fmt_round, ratio, scale, stated};
use super::{Check, CheckInfo, Context, Finding, Interval, Severity, fmt_quantity, severity_for};
use crate::extract::{Frame, ShareOf, Unit};

pub struct PercentMismatch;

static INFO: CheckInfo = CheckInfo {
    code: "N005",
    name: "percent-mismatch",
    group: "numbers",
    default_severity: Severity::Error,
    summary: "a percentage or fraction does not match the counts it is stated with",
    doc: "\
Recomputes a share stated next to its counts: `12 of the 40 seats, or 35%` (12 of 40 is
30%), `30 seats, a third of the 90` (fine), `35 seats, a third of the 90 seats` (35 / 90 =
38.9%), `a third of the 90 seats, or 45` (45 is half). The part may be the one figure of
its unit in the sentence before, when the share's sentence points back to it (`The party
won 35 seats. That is a third of the 90 seats.`; the words are `share_back` in
`rules/frames.toml`).

As GRIM does for means in papers, the precision a share is written with sets how close it
must be: `35%` may be any value that rounds to 35 (34.5% to 35.5%), a
share with decimals is held to its last decimal, a fraction in words (`a third`) allows a
percentage point either way, and a hedged share (`about 35%`, `nearly half`) keeps its
hedge's interval; `more than a third` and `less than a third` are bounds. Hedged counts are intervals too. Only a share that no reading of the
figures allows is reported.

A percentage of something else (`12 of the 40 seats, or 35% of the vote`) is not compared.

Severity: error when every figure is exact; warning when a hedge is involved.

## Example

    a.md: The party won 12 of the 40 seats, or 35%.

reports that 12 / 40 = 30%, not 35% (35% of 40 is 14).

    a.md: The coalition won 35 seats, a third of the 90 seats in the assembly.

reports that 35 / 90 = 38.9%, not a third.

## Example that stays silent

    a.md: The party won 12 of the 40 seats, or 30%. It holds 31 seats, about a third
          of the 90 in the chamber.

    a.md: The coalition won 35 seats, more than a third of the 90 seats in the assembly.
",
};

impl Check for PercentMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for f in cx.frames {
            let Frame::Share(sh) = f else {
                continue;
            };
            let ShareOf::Percent(s) = sh.share else {
                continue;
            };
            let (pq, wq, sq) = (cx.quantity(sh.part), cx.quantity(sh.whole), cx.quantity(s));
            if pq.unit != wq.unit || sq.unit != Unit::Percent {
                continue;
            }
            let Some(actual) = ratio(Interval::of(pq), Interval::of(wq)).map(|r| scale(r, 100.0))
            else {
                continue;
            };
            let allowed = stated(sq);
            if actual.overlaps(allowed) {
                continue;
            }
            // As GRIM does, the actual share is shown one decimal finer than the stated one.
            let fraction = sq.stated_unit() == Some("fraction");
            let decimals = if fraction {
                1
            } else {
                -(super::arith::last_digit(sq.value).log10().round() as i32) + 1
            }
            .clamp(1, 4);
            let actual_str = if actual.is_point() {
                format!("{}%", fmt_round(actual.low, decimals))
            } else {
                format!(
                    "{}% to {}%",
                    fmt_round(actual.low, decimals),
                    fmt_round(actual.high, decimals)
                )
            };
            let written = cx
                .text(cx.claims[s].source_id(), &cx.claims[s].span.range())
                .trim();
            let share_str = if fraction {
                format!("{} ({})", written.to_lowercase(), fmt_quantity(sq))
            } else if sq.hedge.is_none() {
                format!("{}%", fmt_round(sq.value, 2))
            } else {
                fmt_quantity(sq)
            };
            let mut help = format!(
                "{} / {} = {actual_str}, not {share_str}",
                fmt_quantity(pq),
                fmt_quantity(wq)
            );
            if wq.low == wq.high && sq.hedge.is_none() {
                let expected = sq.value / 100.0 * wq.value;
                let of = if fraction {
                    written.to_lowercase()
                } else {
                    share_str.clone()
                };
                help.push_str(&format!(
                    "; {of} of {} is {}",
                    fmt_quantity(wq),
                    fmt_round(expected, 1)
                ));
            }
            out.push(Finding {
                check: &INFO,
                severity: severity_for(&[pq, wq, sq]),
                message: "the share does not match its counts".into(),
                labels: vec![
                    cx.label(sh.part, format!("part: {}", fmt_quantity(pq))),
                    cx.label(sh.whole, format!("whole: {}", fmt_quantity(wq))),
                    cx.label(s, format!("share: {}", fmt_quantity(sq))),
                ],
                help: Some(help),
                fix: None,
            });
        }
    }
}
