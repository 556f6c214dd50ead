//! `part-exceeds-whole`: a part larger than the whole it belongs to.

use super::{
    Check, CheckInfo, Context, Finding, Interval, Label, Severity, fmt_interval, fmt_quantity,
    severity_for,
};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::extract::{ClaimRef, Frame, Unit};
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
aboard it.

With no rule at all it reads the wholes a text states for its parts:

- `57 of the 40 passengers`, `12 out of 40`, `Of the 40 passengers, 57 were ...`;
- an item of a list with its total (`176 people, including 200 Canadians`);
- across sources: a list with its total in one source says which key is part of what, so
  `57 Canadians` among `176 people` in one draft makes `180 Canadians` in another draft
  larger than the whole it belongs to.

A relation can also come from a rule pack:

    [[relations]]
    part = \"canadians-aboard\"
    whole = \"people-aboard\"

The figures may come from different sources; every statement of the whole is compared
with every statement of the part, so a typo in one draft is caught even when other drafts
have the figure right. Only a part that is certainly larger is reported: its lowest
reading must exceed the whole's highest, so `about 60` against `62` is not reported.

Severity: error when both figures are exact; warning when a hedge is involved.

## Example

    a.md: Officials said 57 of the 40 passengers held Canadian passports.

reports the 57 as more than the 40 it is part of.

    a.md: The jet carried 176 people, including 57 Canadians.
    b.md: The jet carried 17 people, including 57 Canadians.

reports the 57 Canadians in b.md as more than the 17 people aboard.

## Example that stays silent

    a.md: Officials said 12 of the 40 passengers held Canadian passports.
    b.md: The bus carried about 60 people, including 62 students.
",
};

impl Check for PartExceedsWhole {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        run_relations(cx, out, &mut seen);
        run_links(cx, out, &mut seen);
        run_across_sources(cx, out, &mut seen);
    }
}

/// Whether part `p` is certainly larger than whole `w`.
fn exceeds(cx: &Context<'_>, p: usize, w: usize) -> bool {
    let (pq, wq) = (cx.quantity(p), cx.quantity(w));
    let (piv, wiv) = (Interval::of(pq), Interval::of(wq));
    pq.unit == wq.unit && piv.low > wiv.high && !piv.overlaps(wiv)
}

fn finding(cx: &Context<'_>, p: usize, w: usize, message: String, extra: Vec<Label>) -> Finding {
    let (pq, wq) = (cx.quantity(p), cx.quantity(w));
    let (piv, wiv) = (Interval::of(pq), Interval::of(wq));
    let mut labels = vec![
        cx.label(p, format!("part: {}", fmt_interval(piv, &pq.unit))),
        cx.label(w, format!("whole: {}", fmt_interval(wiv, &wq.unit))),
    ];
    labels.extend(extra);
    Finding {
        check: &INFO,
        severity: severity_for(&[pq, wq]),
        message,
        labels,
        help: Some(format!(
            "{} is more than {}; a part cannot be larger than the whole it belongs to, so one of \
             the two figures is wrong",
            fmt_interval(piv, &pq.unit),
            fmt_interval(wiv, &wq.unit)
        )),
        fix: None,
    }
}

/// Parts the text ties to their whole: `57 of the 40`, an item of a list with its total.
fn run_links(cx: &Context<'_>, out: &mut Vec<Finding>, seen: &mut HashSet<(usize, usize)>) {
    for (p, c) in cx.claims.iter().enumerate() {
        let Some(w) = c.quantity().and_then(|q| q.part_of).map(ClaimRef::index) else {
            continue;
        };
        if w >= cx.claims.len() || seen.contains(&(p, w)) || !exceeds(cx, p, w) {
            continue;
        }
        seen.insert((p, w));
        out.push(finding(
            cx,
            p,
            w,
            "a part is larger than the whole it is part of".into(),
            Vec::new(),
        ));
    }
}

/// The claim of a key that is most extreme by `better`, and the most extreme one from
/// another source than that one's: enough to find, for any source, the most extreme claim
/// of the key in the other sources.
fn extremes(
    cx: &Context<'_>,
    claims: &[usize],
    better: impl Fn(usize, usize) -> bool,
) -> [Option<usize>; 2] {
    let mut best: Option<usize> = None;
    for &c in claims {
        if best.is_none_or(|b| better(c, b)) {
            best = Some(c);
        }
    }
    let mut second: Option<usize> = None;
    if let Some(b) = best {
        let src = cx.claims[b].source;
        for &c in claims {
            if cx.claims[c].source != src && second.is_none_or(|x| better(c, x)) {
                second = Some(c);
            }
        }
    }
    [best, second]
}

/// Of the extremes, the one not in `source`.
fn outside(cx: &Context<'_>, ex: [Option<usize>; 2], source: usize) -> Option<usize> {
    ex.into_iter()
        .flatten()
        .find(|&c| cx.claims[c].source_id() != source)
}

/// A list with its total tells which keys are parts of what; the same keys in other sources
/// must fit the whole too (`57 Canadians` among `176 people` here; `180 Canadians` there).
fn run_across_sources(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    seen: &mut HashSet<(usize, usize)>,
) {
    // A whole a rule's relation already reported on is not reported again.
    let reported: HashSet<usize> = seen.iter().map(|&(_, w)| w).collect();
    let mut largest: HashMap<(&str, &Unit), [Option<usize>; 2]> = HashMap::new();
    let mut smallest: HashMap<(&str, &Unit), [Option<usize>; 2]> = HashMap::new();
    let low = |c: usize| cx.quantity(c).low;
    let high = |c: usize| cx.quantity(c).high;
    for f in cx.frames {
        let Frame::List(l) = f else {
            continue;
        };
        let Some(total) = l.total else {
            continue;
        };
        let tsrc = cx.claims[total].source_id();
        let tq = cx.quantity(total);
        for &item in &l.items {
            let iq = cx.quantity(item);
            // The item's key, stated larger than this total in another source.
            if let Some(k) = &iq.key
                && let Some(others) = cx.by_key.get(&(&**k, &iq.unit))
            {
                let ex = *largest
                    .entry((&**k, &iq.unit))
                    .or_insert_with(|| extremes(cx, others, |a, b| low(a) > low(b)));
                if let Some(o) = outside(cx, ex, tsrc)
                    && !reported.contains(&total)
                    && exceeds(cx, o, total)
                    && seen.insert((o, total))
                {
                    let extra = vec![cx.label(
                        item,
                        format!("counted here as part of the whole: {}", fmt_quantity(iq)),
                    )];
                    out.push(finding(
                        cx,
                        o,
                        total,
                        format!("`{k}` is larger than the whole another source counts it in"),
                        extra,
                    ));
                }
            }
            // The total's key, stated smaller than this item in another source.
            if let Some(k) = &tq.key
                && let Some(others) = cx.by_key.get(&(&**k, &tq.unit))
            {
                let ex = *smallest
                    .entry((&**k, &tq.unit))
                    .or_insert_with(|| extremes(cx, others, |a, b| high(a) < high(b)));
                if let Some(o) = outside(cx, ex, tsrc)
                    && !reported.contains(&o)
                    && exceeds(cx, item, o)
                    && seen.insert((item, o))
                {
                    let extra =
                        vec![cx.label(total, format!("the whole here: {}", fmt_quantity(tq)))];
                    out.push(finding(
                        cx,
                        item,
                        o,
                        format!("`{k}` in another source is smaller than a part of it here"),
                        extra,
                    ));
                }
            }
        }
    }
}

/// The relations of the rule packs.
fn run_relations(cx: &Context<'_>, out: &mut Vec<Finding>, seen: &mut HashSet<(usize, usize)>) {
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
            seen.insert((label_part, w));
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
                fix: None,
            });
        }
    }
}
