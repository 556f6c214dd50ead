//! `numeric-mismatch`: the same key with figures that cannot all be true.

use super::{
    Check, CheckInfo, Context, Distinct, Finding, Label, SeenFigures, Severity, dates_note,
    fmt_quantity, leq,
};
use crate::extract::WHOLE_MARK;

pub struct NumericMismatch;

/// The most distinct figures named in a message, and the most labels on one finding: past
/// these a finding stops being readable.
const MAX_VALUES: usize = 6;
const MAX_LABELS: usize = 8;

static INFO: CheckInfo = CheckInfo {
    code: "N001",
    name: "numeric-mismatch",
    group: "numbers",
    default_severity: Severity::Error,
    summary: "the same figure is given values that cannot all be true",
    doc: "\
Finds a figure that is stated more than once, for the same subject, with values that do not
overlap: `5,200 American soldiers` in one draft and `5,000 American soldiers` in another, or
twice in one text.

Each figure is read as an interval: `around 500` is 450 to 550 (the tolerance of each hedge is
set in the rules), `more than 200,000` has no upper end, `between 20 and 30` is 20 to 30. Two
figures disagree only when their intervals do not meet, so a hedged figure and an exact one
that falls inside it are fine.

Figures are compared only when their subjects share a key: the subject's words, normalised
(case, plurals, the synonym groups of the rules), with the location and the predicate that
change what is counted (`in Iraq`, `killed`). Subjects that are too generic on their own
(`people`, `others`) are not compared. Figures in one sentence are never compared with each
other (they are usually a deliberate contrast).

The whole of a share or a part (`a third of the 90 seats`, `12 of the 40 seats`) counts
every seat, not the seats its part counts, so its key is marked as the whole (`seat
(whole)`) and it is compared only with other wholes. Parts of one whole that differ within
one text (`18 seats, a fifth of the 90 seats ... 45 seats, half of the 90 seats`) are
different parts and are not compared.

Severity: error when two exact figures differ; warning when a hedge is involved. When the
sources have dates, the help says which is newer: the older figure may have been revised.

## Example

    a.md: The United States has 5,200 American soldiers in the country.
    b.md: Washington keeps 5,000 American soldiers there.

reports `american troops` as 5,200 and 5,000. Writing `about 5,000` in b.md (4,500 to 5,500)
would still be reported; `about 5,200` would not.

## Example that stays silent

    a.md: Around 500 Canadian troops are in Iraq.
    b.md: There are 480 Canadian troops in Iraq.

A part and the whole it is a share of:

    a.md: The party won 35 seats and 12 committee chairs. That is a third of the 90 seats.
",
};

impl Check for NumericMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for ((key, _unit), claims) in &cx.by_key {
            let members = comparable(cx, claims);
            if members.len() < 2 {
                continue;
            }
            // Intervals on a line all meet iff the largest low is below the smallest high.
            let max_low = members
                .iter()
                .map(|&i| cx.quantity(i).low)
                .fold(f64::NEG_INFINITY, f64::max);
            let min_high = members
                .iter()
                .map(|&i| cx.quantity(i).high)
                .fold(f64::INFINITY, f64::min);
            if leq(max_low, min_high) {
                continue;
            }
            // A newer source revising an older figure is `stale-figure`'s.
            if super::stale_figure::split(cx, &members).is_some() {
                continue;
            }
            // The figures that disagree with at least one other.
            let involved: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| {
                    let q = cx.quantity(i);
                    !leq(max_low, q.high) || !leq(q.low, min_high)
                })
                .collect();
            let first = &cx.claims[involved[0]];
            if involved.iter().all(|&i| {
                cx.claims[i].source == first.source && cx.claims[i].sentence == first.sentence
            }) {
                continue;
            }
            // One label per distinct figure per source.
            let mut labels: Vec<Label> = Vec::new();
            let mut seen = SeenFigures::default();
            let mut distinct: Distinct<String> = Distinct::default();
            // The first exact value, and whether another differs from it.
            let mut first_exact: Option<f64> = None;
            let mut two_exact = false;
            for &i in &involved {
                let q = cx.quantity(i);
                if !seen.insert(cx, i) {
                    continue;
                }
                let text = fmt_quantity(q);
                distinct.push(text.clone());
                if q.is_exact() {
                    match first_exact {
                        None => first_exact = Some(q.value),
                        Some(v) => two_exact |= v != q.value,
                    }
                }
                labels.push(cx.label(i, text));
            }
            let distinct = distinct.items();
            let severity = if two_exact {
                Severity::Error
            } else {
                Severity::Warning
            };
            let list = match distinct.len() {
                0 | 1 => distinct.join(""),
                n if n > MAX_VALUES => format!(
                    "{} and {} others",
                    distinct[..MAX_VALUES - 1].join(", "),
                    n - (MAX_VALUES - 1)
                ),
                n => format!("{} and {}", distinct[..n - 1].join(", "), distinct[n - 1]),
            };

            let figures: Vec<(usize, String)> = labels
                .iter()
                .map(|l| (l.source, l.message.clone()))
                .collect();
            let mut help = match dates_note(cx, &figures) {
                Some(note) => format!("{note}; check which figure is right and use it everywhere"),
                None => "check which figure is right and use it everywhere".to_string(),
            };
            let hidden = labels.len().saturating_sub(MAX_LABELS);
            labels.truncate(MAX_LABELS);
            if hidden > 0 {
                help.push_str(&format!(" ({hidden} more places are not shown)"));
            }
            out.push(Finding {
                check: &INFO,
                severity,
                message: format!("`{key}` is given as {list}"),
                labels,
                help: Some(help),
                fix: None,
            });
        }
    }
}

/// The claims of one key that are compared: not anaphora, not a part of a named group
/// (`12 of the 40`) or of another figure of the key, not an old figure its text says was
/// revised (`previously, officials said 63`), and not parts of one whole that differ within
/// their source.
///
/// A part of a whole that counts the same thing (`The greens took 28 seats, nearly a third
/// of the 90 seats`) is keyed by what it counts, not by which part it is: two such parts
/// that differ in one text are two parts (`The liberals took 32 seats, roughly a third of
/// the 90 seats`), not two values of one figure. Such parts are left out where their
/// source gives them differing values, and compared otherwise.
pub(super) fn comparable(cx: &Context<'_>, claims: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(claims.len());
    // Parts of a whole keyed apart (`seat (whole)`), by source: (source, claim index).
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for &i in claims {
        let q = cx.quantity(i);
        // A part of a whole counted under the same key (`35 seats. That is a third of
        // the 90 seats`, under a named key) is a part, not another value of the whole.
        // `claims` is in claim order (see `Context::by_key`).
        let part_of_member = q
            .part_of
            .is_some_and(|w| claims.binary_search(&w.index()).is_ok());
        if q.refers_to.is_some() || q.partitive || cx.is_revised(i) || part_of_member {
            continue;
        }
        let of_marked_whole = q.part_of.is_some_and(|w| {
            let whole_key = cx
                .claims
                .get(w.index())
                .and_then(|c| c.quantity()?.key.as_deref());
            match (whole_key, q.key.as_deref()) {
                (Some(wk), Some(k)) => wk.strip_suffix(WHOLE_MARK) == Some(k),
                _ => false,
            }
        });
        if of_marked_whole {
            parts.push((cx.claims[i].source_id(), i));
        } else {
            out.push(i);
        }
    }
    if parts.is_empty() {
        return out;
    }
    parts.sort_unstable();
    for group in parts.chunk_by(|a, b| a.0 == b.0) {
        let max_low = group
            .iter()
            .map(|&(_, i)| cx.quantity(i).low)
            .fold(f64::NEG_INFINITY, f64::max);
        let min_high = group
            .iter()
            .map(|&(_, i)| cx.quantity(i).high)
            .fold(f64::INFINITY, f64::min);
        if leq(max_low, min_high) {
            out.extend(group.iter().map(|&(_, i)| i));
        }
    }
    out.sort_unstable();
    out
}
