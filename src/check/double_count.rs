//! `double-count`: a part added again to a total that already contains it.

use super::{Check, CheckInfo, Context, Finding, Interval, Severity, fmt_number, fmt_quantity};
use crate::extract::{Frame, ListFrame};

pub struct DoubleCount;

static INFO: CheckInfo = CheckInfo {
    code: "N004",
    name: "double-count",
    group: "numbers",
    default_severity: Severity::Warning,
    summary: "a part is added again to a total that already contains it",
    doc: "\
Finds a part counted twice: a text says a total includes a part (`176 people, including
nine crew`) and then adds the part to the total again (`185 people were aboard`), or lists
a figure equal to the whole next to another part of it (`176 passengers and nine crew ...
all 176 people aboard`).

Both readings are given in the help, because either figure may be the wrong one: if the
total contains the part, the larger figure counts it twice; if it does not, the text should
not say it does.

Only exact figures are compared, and only within a few paragraphs of each other; the
larger figure must be the total of a list, be marked as a total (`in all`, `a total of`),
or count the same thing as the first total.

Severity: warning.

## Example

    a.md: The jet carried 176 people, including nine crew members. A total of 185
          people were aboard when it left Tehran.

reports that 185 = 176 + 9 counts the crew twice.

## Example that stays silent

    a.md: The jet carried 176 passengers and nine crew members. A total of 185 people
          were aboard when it left Tehran.
",
};

/// Whether a list repeats its own total as one of its items (`176 passengers and 9 crew
/// ... all 176 people aboard`): the item that equals the total, if the others add to it.
pub fn repeats_total(cx: &Context<'_>, l: &ListFrame) -> bool {
    repeated_item(cx, l).is_some()
}

fn repeated_item(cx: &Context<'_>, l: &ListFrame) -> Option<usize> {
    let total = l.total?;
    let tq = cx.quantity(total);
    if !tq.is_exact() || l.partial {
        return None;
    }
    let tiv = Interval::of(tq);
    let exact = l.items.iter().all(|&i| cx.quantity(i).is_exact());
    if !exact {
        return None;
    }
    let others: f64 = l.items.iter().map(|&i| cx.quantity(i).value).sum::<f64>();
    l.items.iter().copied().find(|&i| {
        let q = cx.quantity(i);
        Interval::of(q).overlaps(tiv) && others - q.value > 0.0
    })
}

impl Check for DoubleCount {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // A list that names its own total as an item.
        for f in cx.frames {
            let Frame::List(l) = f else {
                continue;
            };
            let (Some(total), Some(item)) = (l.total, repeated_item(cx, l)) else {
                continue;
            };
            let tq = cx.quantity(total);
            let rest: Vec<usize> = l.items.iter().copied().filter(|&i| i != item).collect();
            let rest_sum: f64 = rest.iter().map(|&i| cx.quantity(i).value).sum();
            let mut labels = vec![
                cx.label(total, format!("total: {}", fmt_quantity(tq))),
                cx.label(
                    item,
                    format!(
                        "part: {}, the same as the total",
                        fmt_quantity(cx.quantity(item))
                    ),
                ),
            ];
            for &i in &rest {
                labels.push(cx.label(i, format!("part: {}", fmt_quantity(cx.quantity(i)))));
            }
            let item_v = cx.quantity(item).value;
            out.push(Finding {
                check: &INFO,
                severity: Severity::Warning,
                message: "a part equal to the total is listed beside other parts".into(),
                labels,
                help: Some(format!(
                    "if the {t} already include the other parts, listing {r} beside them counts {r} twice \
                     and the total is {t}; if they do not, the total is {t} + {r} = {sum}, not {t}",
                    t = fmt_number(item_v),
                    r = fmt_number(rest_sum),
                    sum = fmt_number(item_v + rest_sum),
                )),
                fix: None,
            });
        }
        // A total said to include a part, then the part added to it again.
        for f in cx.frames {
            let Frame::List(l) = f else {
                continue;
            };
            let Some(whole) = l.total else {
                continue;
            };
            if !l.partial {
                continue;
            }
            let wq = cx.quantity(whole);
            if !wq.is_exact() || !l.items.iter().all(|&i| cx.quantity(i).is_exact()) {
                continue;
            }
            let part_sum: f64 = l.items.iter().map(|&i| cx.quantity(i).value).sum();
            if part_sum <= 0.0 {
                continue;
            }
            let target = wq.value + part_sum;
            let wc = &cx.claims[whole];
            let last = l.items.iter().copied().max().unwrap_or(whole);
            // Within a few paragraphs, and a bounded number of figures.
            for x in (last + 1..cx.claims.len()).take(60) {
                let xc = &cx.claims[x];
                if xc.source != wc.source || xc.paragraph > wc.paragraph + 2 {
                    break;
                }
                let Some(xq) = xc.quantity() else { continue };
                if !xq.is_exact() || xq.unit != wq.unit || (xq.value - target).abs() > 1e-9 {
                    continue;
                }
                let marked_total = xq.frame.is_some_and(|fid| {
                    matches!(cx.frames.get(fid as usize), Some(Frame::List(ol)) if ol.total == Some(x))
                }) || xq.is_total
                    || (xq.key.is_some() && xq.key == wq.key);
                if !marked_total {
                    continue;
                }
                let mut labels = vec![
                    cx.label(
                        whole,
                        format!("total: {}, said to include the parts", fmt_quantity(wq)),
                    ),
                    cx.label(
                        x,
                        format!("{}: the total with the parts added again", fmt_quantity(xq)),
                    ),
                ];
                for &i in &l.items {
                    labels.push(cx.label(i, format!("part: {}", fmt_quantity(cx.quantity(i)))));
                }
                let parts = l
                    .items
                    .iter()
                    .map(|&i| fmt_number(cx.quantity(i).value))
                    .collect::<Vec<_>>()
                    .join(" + ");
                out.push(Finding {
                    check: &INFO,
                    severity: Severity::Warning,
                    message: "a part is added again to a total that already includes it".into(),
                    labels,
                    help: Some(format!(
                        "{x} = {w} + {parts}; if the {w} include the parts (as the text says), the total \
                         is {w} and {x} counts them twice; if they do not, drop `including` and the \
                         total is {x}",
                        x = fmt_number(xq.value),
                        w = fmt_number(wq.value),
                    )),
                    fix: None,
                });
                break;
            }
        }
    }
}
