//! `multiple-mismatch`: `twice as many`, `tripled`, `halved` against the two figures.

use super::arith::{fmt_round, ratio, stated};
use super::{Check, CheckInfo, Context, Finding, Interval, Label, Severity, fmt_quantity};
use crate::extract::Frame;
use crate::rules::HedgeKind;

pub struct MultipleMismatch;

static INFO: CheckInfo = CheckInfo {
    code: "N007",
    name: "multiple-mismatch",
    group: "numbers",
    default_severity: Severity::Warning,
    summary: "a multiple (`twice as many`, `tripled`, `halved`) does not match its figures",
    doc: "\
Recomputes a multiple from the two figures it relates: `tripled from 100 to 240` (2.4
times), `30 boys, twice as many as the 20 girls` (1.5 times), `halved from 80 to 60`.

The figures may be stated apart from the multiple. `twice as many Germans as Danes were
aboard: 12 Germans and 3 Danes` takes the counts of the two groups it names from the rest
of the sentence or the next one, when each group is counted exactly once. `exports
tripled to 240 tonnes` takes its starting figure from this sentence or the one before,
when that figure is the nearest of its unit and about the same thing (`Exports were 100
tonnes in 2018.`).

A plain multiple is read loosely, as prose uses it: within 5% of the factor (`doubled from
100 to 205` is fine). A hedge before it keeps its meaning (`more than doubled` needs at
least twice, `nearly tripled` a little under three times), and `three times more than` is
read both as three times and as four times as many. Only a multiple that no reading allows
is reported.

The words are data in `rules/frames.toml` (`[[frames.multiples]]`).

Severity: warning.

## Example

    a.md: Exports tripled from 100 to 240 tonnes.

reports that 240 / 100 = 2.4, not 3.

    a.md: Twice as many Germans as Danes were aboard: 12 Germans and 3 Danes.

reports that 12 / 3 = 4, not 2.

## Example that stays silent

    a.md: Exports more than doubled from 100 to 240 tonnes. The school has 32 boys,
          three times more than the 8 girls.

    a.md: Twice as many Germans as Danes were aboard: 12 Germans, 3 Danes and 4 other
          Danes.
",
};

/// The factors a multiple allows: as stated, or with its hedge's interval.
fn allowed(cx: &Context<'_>, factor: f64, hedge: Option<&str>) -> Interval {
    match hedge.and_then(|h| cx.rules.hedge(h)) {
        Some(h) if h.kind != HedgeKind::Range => Interval {
            low: factor * h.low.min(1.0) * 0.98,
            high: factor
                * h.high
                    .max(if h.kind == HedgeKind::Upper { 1.0 } else { 0.0 })
                * 1.02,
        },
        _ => Interval {
            low: factor * 0.95,
            high: factor * 1.05,
        },
    }
}

impl Check for MultipleMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for f in cx.frames {
            let Frame::Multiple(m) = f else {
                continue;
            };
            let (bq, rq) = (cx.quantity(m.base), cx.quantity(m.result));
            if bq.unit != rq.unit {
                continue;
            }
            let Some(r) = ratio(stated(rq), stated(bq)) else {
                continue;
            };
            let ok = allowed(cx, m.factor, m.hedge.as_deref());
            let ok_more = m
                .times_more
                .then(|| allowed(cx, m.factor + 1.0, m.hedge.as_deref()));
            if r.overlaps(ok) || ok_more.is_some_and(|o| r.overlaps(o)) {
                continue;
            }
            let src = cx.claims[m.base].source_id();
            let cue_text = cx.sources[src]
                .text()
                .get(m.cue.range())
                .unwrap_or("")
                .to_string();
            let actual = if r.is_point() {
                fmt_round(r.low, 2)
            } else {
                format!("{} to {}", fmt_round(r.low, 2), fmt_round(r.high, 2))
            };
            let mut factor = fmt_round(m.factor, 2);
            if let Some(h) = &m.hedge {
                factor = format!("{h} {factor}");
            }
            if m.times_more {
                factor.push_str(&format!(" (or {})", fmt_round(m.factor + 1.0, 2)));
            }
            out.push(Finding {
                check: &INFO,
                severity: Severity::Warning,
                message: format!("`{cue_text}` does not match the figures it relates"),
                labels: vec![
                    cx.label(m.result, fmt_quantity(rq)),
                    cx.label(m.base, fmt_quantity(bq)),
                    Label {
                        source: src,
                        span: m.cue.range(),
                        message: format!("says {factor} times"),
                    },
                ],
                help: Some(format!(
                    "{} / {} = {actual}, not {factor}",
                    fmt_quantity(rq),
                    fmt_quantity(bq)
                )),
                fix: None,
            });
        }
    }
}
