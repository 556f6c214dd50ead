//! Triage: what happens to findings after the checks ran and before they are reported.
//!
//! In order: the selection (`select`, `ignore`, `[severity]`, per-path overrides) drops
//! findings of checks that are off and sets severities; inline suppressions silence what
//! they cover; the baseline hides accepted findings. Suppressions that silence nothing
//! (`S001`) and baseline entries that match nothing (`S002`) are reported, so both shrink
//! over time.

pub mod baseline;
pub mod select;
pub mod suppress;

use foldhash::{HashMap, HashMapExt};

use crate::check::{CheckInfo, Finding, Label, Severity};
use crate::source::{Source, SourceKind};

pub use baseline::Baseline;
pub use select::{Level, Override, Policy, RuleSet};

/// How findings are triaged. The default reports every check at its own severity and
/// honours inline suppressions.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The top-level selection.
    pub rules: RuleSet,
    /// Per-path overrides, applied in order on top of `rules`.
    pub overrides: Vec<Override>,
    /// Report findings even where a comment suppresses them.
    pub ignore_suppressions: bool,
    /// Accepted findings to hide.
    pub baseline: Option<Baseline>,
}

/// What triage hid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings silenced by inline suppressions.
    pub suppressed: usize,
    /// Findings hidden because the baseline has them.
    pub baselined: usize,
    /// The baseline, when it was added to the sources to point at stale entries.
    pub baseline_source: Option<crate::source::SourceId>,
}

pub static UNUSED_SUPPRESSION: CheckInfo = CheckInfo {
    code: "S001",
    name: "unused-suppression",
    group: "suppression",
    default_severity: Severity::Info,
    summary: "a suppression comment that silences nothing",
    doc: "\
Reports an inline suppression (`<!-- crosscheck-disable-next-line N001 -->`,
`<!-- crosscheck-disable N001 -->` ... `<!-- crosscheck-enable N001 -->`, or in plain text
`# crosscheck-disable-next-line N001`) that silences no finding, or that names no check.
Once the figures it excused are fixed, the comment only hides the next real problem: remove
it.

A suppression of a check that is turned off (by `select`, `ignore` or `[severity]`) is not
reported.

## Example

    a.md: <!-- crosscheck-disable-next-line N001 -->
          Around 500 Canadian troops are in Iraq.

reports the comment: nothing on the next line is a `numeric-mismatch`.

## Example that stays silent

    a.md: <!-- crosscheck-disable-next-line N001 -->
          The United States has 5,200 American soldiers in the country.
    b.md: Washington keeps 5,000 American soldiers there.
",
};

pub static STALE_BASELINE: CheckInfo = CheckInfo {
    code: "S002",
    name: "stale-baseline-entry",
    group: "suppression",
    default_severity: Severity::Info,
    summary: "a baseline entry that matches no finding",
    doc: "\
Reports an entry of the baseline (`--baseline FILE`) whose finding is gone: the figures
were corrected, or the text was changed enough that the fingerprint (the check's code and
the text under each label) no longer matches. Delete the entry, or write the baseline again
with `--write-baseline FILE` (reasons already filled in are kept), so the baseline only
shrinks.

Entries for checks that are turned off are not reported.

## Example

    a.md: Around 500 Canadian troops are in Iraq.
    baseline.toml: version = 1
          [[finding]]
          code = \"N001\"
          fingerprint = \"0123456789abcdef\"
          reason = \"figures confirmed by the desk\"

reports the entry: no finding has that fingerprint.

## Example that stays silent

    a.md: Around 500 Canadian troops are in Iraq.
    baseline.toml: version = 1
",
};

/// Triage's own codes.
pub static INFOS: &[&CheckInfo] = &[&UNUSED_SUPPRESSION, &STALE_BASELINE];

/// Triage the findings of a run. A baseline with stale entries is added to `sources` (after
/// every source that was checked) so that those entries can be pointed at.
pub fn apply(
    sources: &mut Vec<Source>,
    findings: Vec<Finding>,
    settings: &Settings,
) -> (Vec<Finding>, Outcome) {
    let mut outcome = Outcome::default();
    let top = Policy::top(&settings.rules);
    // Which overrides apply to each source.
    let applies: Vec<Vec<bool>> = sources
        .iter()
        .map(|s| {
            settings
                .overrides
                .iter()
                .map(|o| o.applies_to(&s.path))
                .collect()
        })
        .collect();
    let mut cache: HashMap<Vec<usize>, Policy> = HashMap::new();
    let mut policy_for = |ids: &mut dyn Iterator<Item = usize>| -> Policy {
        let ids: Vec<usize> = ids.collect();
        let key: Vec<usize> = (0..settings.overrides.len())
            .filter(|&o| {
                !ids.is_empty() && ids.iter().all(|&s| applies.get(s).is_some_and(|a| a[o]))
            })
            .collect();
        cache
            .entry(key)
            .or_insert_with_key(|key| {
                key.iter()
                    .fold(top.clone(), |p, &o| p.with(&settings.overrides[o].rules))
            })
            .clone()
    };

    // 1. Selection and severity.
    let mut kept = Vec::with_capacity(findings.len());
    for mut f in findings {
        let p = policy_for(&mut f.labels.iter().map(|l| l.source));
        if let Some(sev) = p.severity(f.check.code, f.severity) {
            f.severity = sev;
            kept.push(f);
        }
    }

    // 2. Inline suppressions.
    if !settings.ignore_suppressions {
        let mut entries: Vec<Vec<suppress::Entry>> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| suppress::scan(i, s))
            .collect();
        if entries.iter().any(|e| !e.is_empty()) {
            kept.retain(|f| {
                let mut hit = false;
                for l in &f.labels {
                    let (Some(src), Some(list)) =
                        (sources.get(l.source), entries.get_mut(l.source))
                    else {
                        continue;
                    };
                    for e in list.iter_mut() {
                        if e.covers(src, f.check, l.span.start) {
                            e.used = true;
                            hit = true;
                        }
                    }
                }
                if hit {
                    outcome.suppressed += 1;
                }
                !hit
            });
            for e in entries.iter().flatten().filter(|e| !e.used) {
                let p = policy_for(&mut std::iter::once(e.source));
                let Some(sev) =
                    p.severity(UNUSED_SUPPRESSION.code, UNUSED_SUPPRESSION.default_severity)
                else {
                    continue;
                };
                let (message, label, help) = match &e.selector {
                    Some(s) if !select::is_known(s) => (
                        format!("`{s}` in `{}` is not a check", e.directive),
                        format!("`{s}` names no check"),
                        select::hint(s),
                    ),
                    sel => {
                        let enabled = select::all_infos().iter().any(|i| {
                            sel.as_deref().is_none_or(|s| select::matches(s, i))
                                && p.enabled(i.code)
                        });
                        if !enabled {
                            continue;
                        }
                        let what = sel.as_deref().unwrap_or("any check");
                        (
                            format!("`{}` suppresses nothing", e.directive),
                            format!("no finding of {what} here"),
                            "remove the comment (or this code from it)".to_string(),
                        )
                    }
                };
                kept.push(Finding {
                    check: &UNUSED_SUPPRESSION,
                    severity: sev,
                    message,
                    labels: vec![Label {
                        source: e.source,
                        span: e.comment.clone(),
                        message: label,
                    }],
                    help: Some(help),
                    fix: None,
                });
            }
        }
    }

    // 3. The baseline.
    if let Some(b) = &settings.baseline {
        let mut open: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, e) in b.entries.iter().enumerate() {
            open.entry((e.code.clone(), e.fingerprint.clone()))
                .or_default()
                .push(i);
        }
        kept.retain(|f| {
            let fp = baseline::fingerprint(f, sources, &b.base);
            match open
                .get_mut(&(f.check.code.to_string(), fp))
                .and_then(|v| v.pop())
            {
                Some(_) => {
                    outcome.baselined += 1;
                    false
                }
                None => true,
            }
        });
        let mut stale: Vec<usize> = open.into_values().flatten().collect();
        stale.sort_unstable();
        let stale_sev = top.severity(STALE_BASELINE.code, STALE_BASELINE.default_severity);
        stale.retain(|&i| top.enabled(&b.entries[i].code) || !select::is_known(&b.entries[i].code));
        if let (Some(sev), false) = (stale_sev, stale.is_empty()) {
            let id = sources.len();
            outcome.baseline_source = Some(id);
            sources.push(Source::new(
                b.path.clone(),
                b.text.clone(),
                SourceKind::Text,
            ));
            for i in stale {
                let e = &b.entries[i];
                let what = if e.locations.is_empty() {
                    String::new()
                } else {
                    format!(" (was at {})", e.locations.join(", "))
                };
                kept.push(Finding {
                    check: &STALE_BASELINE,
                    severity: sev,
                    message: format!(
                        "baseline entry {} {} matches no finding{what}",
                        e.code, e.fingerprint
                    ),
                    labels: vec![Label {
                        source: id,
                        span: b.spans.get(i).cloned().unwrap_or(0..0),
                        message: "no finding has this fingerprint".into(),
                    }],
                    help: Some(format!(
                        "delete the entry, or write the baseline again with `--write-baseline {}`",
                        b.path
                    )),
                    fix: None,
                });
            }
        }
    }
    crate::check::sort_findings(&mut kept);
    (kept, outcome)
}
