//! Reports: one emitter per output format. Emitters never decide anything.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::Analysis;
use crate::check::Severity;

pub use human::Style;

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(a: &Analysis) -> Counts {
        let mut c = Counts::default();
        for f in &a.findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The human report: every finding, then a summary line.
pub fn render_human(a: &Analysis, style: Style) -> String {
    let mut out = String::new();
    for f in &a.findings {
        out.push_str(&human::render_finding(f, &a.sources, style));
        out.push('\n');
    }
    out.push_str(&summary_line(a));
    out.push('\n');
    out
}

/// `2 errors, 1 warning in 3 sources (48 claims)`.
pub fn summary_line(a: &Analysis) -> String {
    let c = Counts::of(a);
    let mut parts = Vec::new();
    if c.errors > 0 {
        parts.push(plural(c.errors, "error", "errors"));
    }
    if c.warnings > 0 {
        parts.push(plural(c.warnings, "warning", "warnings"));
    }
    if c.infos > 0 {
        parts.push(plural(c.infos, "info", "infos"));
    }
    let found = if parts.is_empty() {
        "no findings".to_string()
    } else {
        parts.join(", ")
    };
    let mut line = format!(
        "{found} in {} ({})",
        plural(checked_sources(a), "source", "sources"),
        plural(a.claim_count(), "claim", "claims")
    );
    let mut hidden = Vec::new();
    if a.triage.suppressed > 0 {
        hidden.push(format!("{} suppressed", a.triage.suppressed));
    }
    if a.triage.baselined > 0 {
        hidden.push(format!("{} in the baseline", a.triage.baselined));
    }
    if !hidden.is_empty() {
        line.push_str(&format!("; {} not shown", hidden.join(", ")));
    }
    line
}

/// Each label of a finding as `path:line:col: message`, one per line, then `help: ...`.
pub fn label_lines(f: &crate::check::Finding, sources: &[crate::source::Source]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for l in &f.labels {
        if let Some(s) = sources.get(l.source) {
            let (line, col) = s.line_col(l.span.start);
            let _ = writeln!(out, "{}:{line}:{col}: {}", s.path, l.message);
        }
    }
    if let Some(h) = &f.help {
        let _ = writeln!(out, "help: {h}");
    }
    out
}

/// The number of sources checked: a baseline added to point at its stale entries is not
/// one of them.
pub fn checked_sources(a: &Analysis) -> usize {
    a.sources.len() - usize::from(a.triage.baseline_source.is_some())
}

/// `--statistics`: the number of findings of each check, most first.
pub fn statistics(a: &Analysis) -> String {
    let mut counts: Vec<(&crate::check::CheckInfo, usize)> = Vec::new();
    for f in &a.findings {
        match counts.iter_mut().find(|(i, _)| i.code == f.check.code) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.check, 1)),
        }
    }
    counts.sort_by(|(a, n), (b, m)| m.cmp(n).then_with(|| a.code.cmp(b.code)));
    let mut out = String::new();
    for (i, n) in counts {
        out.push_str(&format!("{n:>5}  {:<5} {}\n", i.code, i.name));
    }
    out
}

/// The claims listing for people: one line per claim.
pub fn render_claims_human(a: &Analysis, all: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut set_aside = a.set_aside.iter().peekable();
    // In order of position (a source's names and quotations follow its quantities in
    // `a.claims`).
    let mut order: Vec<&crate::extract::Claim> = a.claims.iter().collect();
    order.sort_by_key(|c| (c.source, c.span.start(), c.span.end()));
    for c in order {
        if all {
            while let Some(s) =
                set_aside.next_if(|s| (s.source, s.span.start) < (c.source_id(), c.span.start()))
            {
                write_set_aside(&mut out, a, s);
            }
        }
        let s = &a.sources[c.source_id()];
        let (line, col) = s.line_col(c.span.start());
        let _ = write!(out, "{}:{line}:{col}: ", s.path);
        match &c.kind {
            crate::extract::ClaimKind::Quantity(q) => {
                let _ = write!(
                    out,
                    "{} = {}",
                    one_line(&s.text()[c.span.range()]),
                    crate::check::fmt_quantity(q)
                );
                let _ = write!(out, " [{}", serde_plain(&q.qualifier));
                if q.unit != crate::extract::Unit::Count {
                    let _ = write!(out, ", {}", q.unit.as_str());
                }
                if let Some(d) = q.direction {
                    let _ = write!(out, ", {}", serde_plain(&d));
                }
                out.push(']');
                match &q.key {
                    Some(k) => {
                        let _ = write!(out, " key: {k}");
                    }
                    None => out.push_str(" (no key)"),
                }
            }
            crate::extract::ClaimKind::Date(_) | crate::extract::ClaimKind::Duration(_) => {
                let _ = write!(
                    out,
                    "{} = {}",
                    one_line(&s.text()[c.span.range()]),
                    describe_time(c)
                );
            }
            crate::extract::ClaimKind::Name(n) => {
                let _ = write!(out, "{} [{}]", n.text, n.kind.as_str());
                if let Some(t) = &n.title {
                    let _ = write!(out, " title: {}", t.text);
                }
                if let Some(full) = n
                    .refers_to
                    .and_then(|r| a.claims.get(r.index()))
                    .and_then(|c| c.name())
                {
                    let _ = write!(out, " (refers to {})", full.text);
                }
            }
            crate::extract::ClaimKind::Quote(q) => {
                let _ = write!(out, "“{}” [quote]", q.text);
                match &q.speaker {
                    Some(sp) => {
                        let _ = write!(out, " speaker: {sp}");
                        let full = q
                            .speaker_claim
                            .and_then(|i| crate::entities::full_name(&a.claims, i.index()));
                        if let Some(f) = full.filter(|f| *f != &**sp) {
                            let _ = write!(out, " ({f})");
                        }
                    }
                    None => out.push_str(" (no speaker)"),
                }
            }
        }
        if let Some(f) = c
            .quantity()
            .and_then(|q| q.frame)
            .and_then(|f| a.frames.get(f as usize).map(|x| (f, x)))
        {
            let _ = write!(out, " frame: {} {}", f.1.kind_str(), f.0);
        }
        out.push('\n');
    }
    if all {
        for s in set_aside {
            write_set_aside(&mut out, a, s);
        }
    }
    let _ = writeln!(
        out,
        "{} in {}",
        plural(a.claim_count(), "claim", "claims"),
        plural(a.sources.len(), "source", "sources")
    );
    out
}

/// How a date or a duration reads in the claims listing:
/// `2019-03-04 [date, weekday Monday]`, `6 years [duration, age] subject: conflict`.
fn describe_time(c: &crate::extract::Claim) -> String {
    use crate::extract::ClaimKind;
    match &c.kind {
        ClaimKind::Date(d) => {
            let mut s = format!("{} [date", d.iso());
            if let Some(w) = d.weekday {
                s.push_str(", ");
                s.push_str(crate::extract::time::weekday_name(w));
            }
            if let Some(r) = &d.relative {
                s.push_str(&format!(", relative to {}", r.anchor));
            }
            if d.role != crate::extract::DateRole::Mention {
                s.push_str(", ");
                s.push_str(&serde_plain(&d.role));
            }
            s.push(']');
            if let Some(e) = d.event() {
                s.push_str(" event: ");
                s.push_str(e);
            }
            s
        }
        ClaimKind::Duration(d) => {
            let iv = crate::check::Interval {
                low: d.low,
                high: d.high,
            };
            let unit = d.unit.as_str();
            let figure = if iv.is_point() {
                format!("{} {unit}s", crate::check::fmt_number(d.value))
            } else {
                format!(
                    "{} {unit}s",
                    crate::check::fmt_interval(iv, &crate::extract::Unit::Count)
                )
            };
            let mut s = format!("{figure} [duration, {}", serde_plain(&d.form));
            if let Some(since) = &d.since {
                s.push_str(&format!(", since {}", since.iso()));
            }
            s.push(']');
            if let Some(subj) = &d.subject {
                s.push_str(" subject: ");
                s.push_str(subj);
            }
            s
        }
        ClaimKind::Quantity(q) => crate::check::fmt_quantity(q),
        ClaimKind::Name(_) | ClaimKind::Quote(_) => String::new(),
    }
}

fn write_set_aside(out: &mut String, a: &Analysis, s: &crate::extract::SetAside) {
    use std::fmt::Write as _;
    let src = &a.sources[s.source];
    let (line, col) = src.line_col(s.span.start);
    let _ = writeln!(
        out,
        "{}:{line}:{col}: {} (set aside: {})",
        src.path,
        one_line(&src.text()[s.span.clone()]),
        s.reason.as_str()
    );
}

/// Text with its line breaks and runs of space made single spaces.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
