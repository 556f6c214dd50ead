//! `stale-figure`: a figure that a newer source has revised.

use jiff::civil::Date;

use super::{
    Check, CheckInfo, Context, Distinct, Finding, Interval, Label, SeenFigures, Severity,
    fmt_interval, fmt_quantity,
};

pub struct StaleFigure;

static INFO: CheckInfo = CheckInfo {
    code: "N008",
    name: "stale-figure",
    group: "numbers",
    default_severity: Severity::Info,
    summary: "an older source gives a figure that a newer source has revised",
    doc: "\
Finds a figure that changed between sources of different dates, when the newest source is
consistent with itself: `63 Canadians` in a source dated January 9 and `57 Canadians` in one
dated January 12. This is what happens to a death toll or a count as a story develops, so it
is reported as information, naming the newer figure, rather than as a contradiction
(`numeric-mismatch` stays silent for such a pair).

Every figure involved must come from a dated source, the newest sources must agree among
themselves, every figure that disagrees with them must be older, and within a factor of
three of the newer figure (`17` against `176` is a typo, not a revision). Otherwise the
figures are a plain contradiction, and `numeric-mismatch` reports them.

A sentence that acknowledges the revision (`Previously, officials said 63 Canadians were
killed.`; the words are `revision` in `rules/time.toml`) is an old figure knowingly reported:
it is left out of this check and of `numeric-mismatch`.

## Example

    early.md: date 2020-01-09
      Officials said 63 Canadian citizens were killed in the crash.
    late.md: date 2020-01-12
      The government now says 57 Canadian citizens were killed in the crash.

reports that the newest source, late.md, gives 57, and early.md 63.

## Example that stays silent

    late.md: date 2020-01-12
      The government now says 57 Canadian citizens were killed in the crash. Previously,
      officials said 63 Canadian citizens were killed.
",
};

/// The figures of one key split by date: the newest sources agree, every figure that
/// disagrees with them is older.
pub struct Split {
    pub newest_date: Date,
    /// Claims of the newest sources.
    pub newest: Vec<usize>,
    /// The interval the newest sources agree on.
    pub agreed: Interval,
    /// Older claims that disagree with the newest.
    pub stale: Vec<usize>,
}

/// Whether the disagreement among `members` (claims of one key) is explained by a newer
/// source revising an older figure.
pub fn split(cx: &Context<'_>, members: &[usize]) -> Option<Split> {
    let date = |i: usize| cx.sources[cx.claims[i].source_id()].date;
    let mut newest_date: Option<Date> = None;
    for &i in members {
        let d = date(i)?;
        newest_date = Some(newest_date.map_or(d, |n: Date| n.max(d)));
    }
    let newest_date = newest_date?;
    let newest: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| date(i) == Some(newest_date))
        .collect();
    let mut agreed: Option<Interval> = None;
    for &i in &newest {
        let iv = Interval::of(cx.quantity(i));
        agreed = Some(match agreed {
            None => iv,
            Some(a) => a.intersect(iv)?,
        });
    }
    let agreed = agreed?;
    let stale: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| date(i) != Some(newest_date) && !Interval::of(cx.quantity(i)).overlaps(agreed))
        .collect();
    if stale.is_empty() {
        return None;
    }
    // A revision moves a figure by less than a factor of three; `17` against `176` is a
    // typo, a contradiction for `numeric-mismatch`.
    let plausible = |i: usize| {
        let v = cx.quantity(i).value;
        let n = agreed.low.max(f64::MIN_POSITIVE);
        let ratio = v / n;
        v > 0.0 && agreed.high.is_finite() && (1.0 / 3.0..=3.0).contains(&ratio)
    };
    if !stale.iter().all(|&i| plausible(i)) {
        return None;
    }
    Some(Split {
        newest_date,
        newest,
        agreed,
        stale,
    })
}

impl Check for StaleFigure {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for ((key, unit), claims) in &cx.by_key {
            let members = super::numeric_mismatch::comparable(cx, claims);
            if members.len() < 2 {
                continue;
            }
            let Some(split) = split(cx, &members) else {
                continue;
            };
            let mut labels: Vec<Label> = Vec::new();
            let mut seen = SeenFigures::default();
            let mut old_figures: Distinct<String> = Distinct::default();
            let mut old_sources: Distinct<String> = Distinct::default();
            for (i, newer) in split
                .newest
                .iter()
                .map(|&i| (i, true))
                .chain(split.stale.iter().map(|&i| (i, false)))
            {
                let c = &cx.claims[i];
                let q = cx.quantity(i);
                if !seen.insert(cx, i) {
                    continue;
                }
                let figure = fmt_quantity(q);
                let date = cx.sources[c.source_id()]
                    .date
                    .map_or_else(String::new, |d| d.to_string());
                let role = if newer { "newer" } else { "older" };
                if !newer {
                    old_figures.push(figure.clone());
                    old_sources.push(cx.describe_source(c.source_id()));
                }
                labels.push(cx.label(i, format!("{role}: {figure} ({date})")));
            }
            let (old_figures, old_sources) = (old_figures.items(), old_sources.items());
            let new_figure = fmt_interval(split.agreed, unit);
            let newest_sources: Vec<String> = {
                let mut v: Vec<String> = split
                    .newest
                    .iter()
                    .map(|&i| cx.describe_source(cx.claims[i].source_id()))
                    .collect();
                v.dedup();
                v
            };
            out.push(Finding {
                check: &INFO,
                severity: Severity::Info,
                message: format!(
                    "`{key}` was {} in older sources and is {new_figure} as of {}",
                    old_figures.join(" or "),
                    split.newest_date
                ),
                labels,
                help: Some(format!(
                    "the newest source, {}, gives {new_figure}; {} gives {}: update the older figure, or say that it was revised (`previously, ... {}`)",
                    newest_sources.join(", "),
                    old_sources.join(", "),
                    old_figures.join(" or "),
                    old_figures.first().map_or("", String::as_str)
                )),
                fix: None,
            });
        }
    }
}
