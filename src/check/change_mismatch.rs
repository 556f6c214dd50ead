//! `change-mismatch`: a stated change that its endpoints do not give.

use super::arith::{fmt_round, minus, ratio, scale, shift, stated, stated_rounded};
use super::{Check, CheckInfo, Context, Finding, Interval, Severity, fmt_quantity, severity_for};
use crate::extract::{ChangeBy, Direction, Frame, Unit};

pub struct ChangeMismatch;

static INFO: CheckInfo = CheckInfo {
    code: "N006",
    name: "change-mismatch",
    group: "numbers",
    default_severity: Severity::Error,
    summary: "a stated change does not match its endpoints",
    doc: "\
Recomputes a change from its endpoints: `rose from 120 to 150, an increase of 30%` (it is
25%), `down 2 points to 41% from 45%` (it is 4 points), `fell from 3.9% to 3.6%` said with
`rose`. A change between two percentages given in percent when it is the difference in
percentage points (`from 40% to 44%, up 4%`), or in points when it is the relative change
(`from 40% to 44%, up 10 points`), is reported as that confusion.

The precision of each figure sets the tolerance: a percentage or a decimal may have been
rounded at its last digit (`25%` is 24.5% to 25.5%), a change amount too (`3 points` is 2.5
to 3.5 points), and hedged figures are intervals. Only a change that no reading allows is reported; a change of either sign is
read with the direction its words give (`up`, `fell`, `an increase of`).

The endpoints come from `from X to Y` or `to Y from X` after a change word; the amount is
the figure with a change word right before or after the endpoints. A change stated as an
amount and where it ended (`down 3 points to 41%`, `up 40 per cent to 1,400`, `fell by 12
to 88`) is recomputed when the text states where it started apart: `from 44%` earlier in
the sentence, or the same figure given in this sentence or the one before (`Turnout was
44% in 2015. This year turnout was down 3 points to 41%.`). That figure must share the
end's key, or its clause must name the same thing (`turnout`), and it must be the nearest
figure of its unit and the only value that fits; otherwise the change is left alone, as
it is when the start is not stated at all. The words are data in `rules/frames.toml`
(`topic_ignore` lists the words that say nothing of what a figure is about).

Severity: error when every figure is exact; warning when a hedge is involved or the change
is in the wrong unit.

## Example

    a.md: Sales rose from 120 to 150 units, an increase of 30%.

reports that from 120 to 150 is a rise of 25%, not 30%.

    a.md: Turnout in the district was 44% in 2015. This year turnout in the district was
          down 1 point to 41%.

reports that from 44% (stated before the change) to 41% is a fall of 3 points, not 1.

## Example that stays silent

    a.md: Sales rose from 120 to 150 units, an increase of 25%. Turnout fell from 44% to
          41%, down 3 points.

    a.md: Turnout was down 3 points to 41% this year.
",
};

fn abs(iv: Interval) -> Interval {
    if iv.low >= 0.0 {
        iv
    } else if iv.high <= 0.0 {
        Interval {
            low: -iv.high,
            high: -iv.low,
        }
    } else {
        Interval {
            low: 0.0,
            high: iv.high.max(-iv.low),
        }
    }
}

fn signed(iv: Interval, dir: Option<Direction>) -> Interval {
    match dir {
        Some(Direction::Up) => iv,
        Some(Direction::Down) => scale(iv, -1.0),
        None => abs(iv),
    }
}

fn fmt_iv(iv: Interval, suffix: &str) -> String {
    if (iv.high - iv.low).abs() < 0.005 {
        format!("{}{suffix}", fmt_round(iv.low, 2))
    } else {
        format!(
            "{}{suffix} to {}{suffix}",
            fmt_round(iv.low, 1),
            fmt_round(iv.high, 1)
        )
    }
}

impl Check for ChangeMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for f in cx.frames {
            let Frame::Change(c) = f else {
                continue;
            };
            let (Some(from), Some(to)) = (c.from, c.to) else {
                continue;
            };
            let (fq, tq) = (cx.quantity(from), cx.quantity(to));
            if fq.unit != tq.unit {
                continue;
            }
            let from_label = if c.from_apart {
                format!("from: {} (stated before the change)", fmt_quantity(fq))
            } else {
                format!("from: {}", fmt_quantity(fq))
            };
            let (fiv, tiv) = (stated(fq), stated(tq));
            let word = |d: Direction| match d {
                Direction::Up => "rise",
                Direction::Down => "fall",
            };
            // The direction the words give against the one the endpoints give.
            if let Some(dir) = c.direction {
                let wrong = match dir {
                    Direction::Up => tiv.high < fiv.low,
                    Direction::Down => tiv.low > fiv.high,
                };
                if wrong {
                    let mut labels = vec![
                        cx.label(from, from_label),
                        cx.label(to, format!("to: {}", fmt_quantity(tq))),
                    ];
                    if let Some(v) = &c.verb {
                        labels.push(super::Label {
                            source: cx.claims[from].source_id(),
                            span: v.range(),
                            message: format!("says a {}", word(dir)),
                        });
                    }
                    let actual = match dir {
                        Direction::Up => Direction::Down,
                        Direction::Down => Direction::Up,
                    };
                    out.push(Finding {
                        check: &INFO,
                        severity: severity_for(&[fq, tq]),
                        message: format!(
                            "the change is called a {}, but the figures {}",
                            word(dir),
                            match actual {
                                Direction::Up => "rose",
                                Direction::Down => "fell",
                            }
                        ),
                        labels,
                        help: Some(format!(
                            "from {} to {} is a {}; correct the direction word or swap the figures",
                            fmt_quantity(fq),
                            fmt_quantity(tq),
                            word(actual)
                        )),
                        fix: None,
                    });
                    continue;
                }
            }
            let Some(a) = c.amount else {
                continue;
            };
            let aq = cx.quantity(a);
            // A change amount is a rounded figure, a whole one too (`3 points`).
            let allowed = abs(stated_rounded(aq));
            let percents = fq.unit == Unit::Percent;
            let diff = signed(minus(tiv, fiv), c.direction);
            let Some(rel) =
                ratio(tiv, fiv).map(|r| signed(scale(shift(r, -1.0), 100.0), c.direction))
            else {
                continue;
            };
            let by = match c.by {
                ChangeBy::Amount if percents && aq.unit != Unit::Percent => ChangeBy::Points,
                b => b,
            };
            let (fits, other_reading) = match by {
                ChangeBy::Percent => (rel.overlaps(allowed), percents && diff.overlaps(allowed)),
                ChangeBy::Points => (diff.overlaps(allowed), percents && rel.overlaps(allowed)),
                ChangeBy::Amount => (diff.overlaps(allowed), false),
            };
            if fits {
                continue;
            }
            let dir = c.direction.unwrap_or(if tiv.low >= fiv.high {
                Direction::Up
            } else {
                Direction::Down
            });
            let span = format!("from {} to {}", fmt_quantity(fq), fmt_quantity(tq));
            // As stated, without the rounding allowance.
            let (fv, tv) = (Interval::of(fq), Interval::of(tq));
            let points = fmt_iv(abs(minus(tv, fv)), if percents { " points" } else { "" });
            let relative = ratio(tv, fv)
                .map(|r| fmt_iv(abs(scale(shift(r, -1.0), 100.0)), "%"))
                .unwrap_or_default();
            // A change in points read from a count (`3 points`) says so.
            let amount_str = if by == ChangeBy::Points && aq.unit == Unit::Count {
                let n = fmt_quantity(aq);
                let s = if aq.low == 1.0 && aq.high == 1.0 {
                    ""
                } else {
                    "s"
                };
                format!("{n} point{s}")
            } else {
                fmt_quantity(aq)
            };
            let labels = vec![
                cx.label(from, from_label),
                cx.label(to, format!("to: {}", fmt_quantity(tq))),
                cx.label(a, format!("stated change: {amount_str}")),
            ];
            let (message, severity, help) = match (by, other_reading) {
                (ChangeBy::Percent, true) => (
                    "a change in percentage points is given in percent".to_string(),
                    Severity::Warning,
                    format!(
                        "{span} is a {} of {points} (a relative {} of {relative}); write `{} percentage points`",
                        word(dir),
                        word(dir),
                        fmt_round(aq.value, 2)
                    ),
                ),
                (ChangeBy::Points, true) => (
                    "a relative change is given in percentage points".to_string(),
                    Severity::Warning,
                    format!(
                        "{span} is a {} of {points}; {} is the relative {} ({relative}), so write `{}%` or `{points}`",
                        word(dir),
                        fmt_quantity(aq),
                        word(dir),
                        fmt_round(aq.value, 2)
                    ),
                ),
                (ChangeBy::Percent, false) => (
                    "the stated change does not match its endpoints".to_string(),
                    severity_for(&[fq, tq, aq]),
                    format!(
                        "{span} is a {} of {relative} (({} - {}) / {}), not {}",
                        word(dir),
                        fmt_quantity(tq),
                        fmt_quantity(fq),
                        fmt_quantity(fq),
                        amount_str
                    ),
                ),
                _ => (
                    "the stated change does not match its endpoints".to_string(),
                    severity_for(&[fq, tq, aq]),
                    format!("{span} is a {} of {points}, not {}", word(dir), amount_str),
                ),
            };
            out.push(Finding {
                check: &INFO,
                severity,
                message,
                labels,
                help: Some(help),
                fix: None,
            });
        }
    }
}
