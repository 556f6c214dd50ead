//! Which checks run, and at what severity: `select`, `ignore` and `[severity]`, at the top
//! of the configuration and in per-path overrides.

use foldhash::HashMap;
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::check::{CHECKS, CheckInfo, Severity};

/// Every code a finding can carry: the checks, then triage's own.
pub fn all_infos() -> Vec<&'static CheckInfo> {
    CHECKS
        .iter()
        .map(|c| c.info())
        .chain(super::INFOS.iter().copied())
        .collect()
}

/// The check with this code or name (any case), triage's codes included.
pub fn find_info(code_or_name: &str) -> Option<&'static CheckInfo> {
    all_infos().into_iter().find(|i| {
        i.code.eq_ignore_ascii_case(code_or_name) || i.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Whether a selector (`all`, a code, a name or a group, any case) names this check.
pub fn matches(selector: &str, info: &CheckInfo) -> bool {
    selector.eq_ignore_ascii_case("all")
        || selector.eq_ignore_ascii_case(info.code)
        || selector.eq_ignore_ascii_case(info.name)
        || selector.eq_ignore_ascii_case(info.group)
}

/// Whether a selector names at least one check.
pub fn is_known(selector: &str) -> bool {
    all_infos().iter().any(|i| matches(selector, i))
}

/// Everything a selector may be, for "did you mean" hints.
pub fn selector_words() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = vec!["all"];
    for i in all_infos() {
        v.extend([i.code, i.name, i.group]);
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// A `did you mean` hint for an unknown selector.
pub fn hint(selector: &str) -> String {
    match crate::rules::closest(selector, &selector_words()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => "`crosscheck rules` lists the codes, names and groups".into(),
    }
}

/// A severity as configured: a level, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    /// Values the configuration accepts.
    pub const NAMES: &'static [&'static str] = &["error", "warning", "info", "off"];

    pub fn parse(s: &str) -> Option<Level> {
        Some(match s.to_ascii_lowercase().as_str() {
            "error" => Level::On(Severity::Error),
            "warning" => Level::On(Severity::Warning),
            "info" => Level::On(Severity::Info),
            "off" => Level::Off,
            _ => return None,
        })
    }
}

/// One layer of selection: the top of the configuration (with the command line's flags
/// merged in), or one override.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// At the top: only these run (`None`: all). In an override: these run again even if
    /// the top turned them off.
    pub select: Option<Vec<String>>,
    /// These do not run.
    pub ignore: Vec<String>,
    /// Severity per selector, applied in order (later entries win).
    pub severity: Vec<(String, Level)>,
}

/// What happens to a check's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Reported at the severity the check gave.
    Default,
    Off,
    At(Severity),
}

/// The resolved state of every code.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    states: HashMap<&'static str, State>,
}

impl Policy {
    /// The top-level policy of a rule set.
    pub fn top(rs: &RuleSet) -> Policy {
        let mut p = Policy::default();
        if let Some(sel) = &rs.select {
            for i in all_infos() {
                if !sel.iter().any(|s| matches(s, i)) {
                    p.states.insert(i.code, State::Off);
                }
            }
        }
        p.layer(rs, false);
        p
    }

    /// This policy with an override's rule set on top.
    pub fn with(&self, rs: &RuleSet) -> Policy {
        let mut p = self.clone();
        p.layer(rs, true);
        p
    }

    fn layer(&mut self, rs: &RuleSet, reselect: bool) {
        let infos = all_infos();
        if reselect && let Some(sel) = &rs.select {
            for i in &infos {
                if sel.iter().any(|s| matches(s, i)) {
                    self.states.insert(i.code, State::Default);
                }
            }
        }
        for i in &infos {
            if rs.ignore.iter().any(|s| matches(s, i)) {
                self.states.insert(i.code, State::Off);
            }
        }
        for (sel, level) in &rs.severity {
            for i in &infos {
                if !matches(sel, i) {
                    continue;
                }
                let cur = self.states.get(i.code).copied().unwrap_or(State::Default);
                let next = match level {
                    Level::Off => State::Off,
                    // A severity does not turn on a check that select/ignore turned off.
                    Level::On(_) if cur == State::Off => State::Off,
                    Level::On(s) => State::At(*s),
                };
                self.states.insert(i.code, next);
            }
        }
    }

    /// The severity a finding of `code` is reported at, or `None` when it is off.
    pub fn severity(&self, code: &str, given: Severity) -> Option<Severity> {
        match self.states.get(code).copied().unwrap_or(State::Default) {
            State::Default => Some(given),
            State::Off => None,
            State::At(s) => Some(s),
        }
    }

    /// How a check is reported, for people: `off`, `warning`, or `default (error)`.
    pub fn describe(&self, info: &CheckInfo) -> String {
        match self
            .states
            .get(info.code)
            .copied()
            .unwrap_or(State::Default)
        {
            State::Default => format!("on, {} by default", info.default_severity.as_str()),
            State::Off => "off".into(),
            State::At(s) => format!("on, {}", s.as_str()),
        }
    }

    /// Whether `code` runs at all.
    pub fn enabled(&self, code: &str) -> bool {
        self.states.get(code) != Some(&State::Off)
    }
}

/// A per-path override: a rule set for the sources matching some globs.
#[derive(Debug, Clone)]
pub struct Override {
    /// The globs as written.
    pub patterns: Vec<String>,
    globs: GlobSet,
    /// The directory the globs are relative to (absolute).
    pub base: PathBuf,
    pub rules: RuleSet,
}

impl Override {
    /// An override for the paths matching `patterns`, relative to `base`.
    pub fn new(patterns: Vec<String>, base: PathBuf, rules: RuleSet) -> Result<Override, String> {
        let mut b = GlobSetBuilder::new();
        for p in &patterns {
            let g = Glob::new(p).map_err(|e| format!("invalid glob `{p}`: {}", e.kind()))?;
            b.add(g);
            // `archive` also covers everything under it, as `exclude` does.
            if !p.ends_with("/**")
                && let Ok(g) = Glob::new(&format!("{}/**", p.trim_end_matches('/')))
            {
                b.add(g);
            }
        }
        let globs = b.build().map_err(|e| e.to_string())?;
        Ok(Override {
            patterns,
            globs,
            base,
            rules,
        })
    }

    /// Whether a source (by the path it is shown with) falls under this override.
    pub fn applies_to(&self, source_path: &str) -> bool {
        let rel = relative_to(source_path, &self.base);
        self.globs.is_match(&rel)
    }
}

/// `path` (relative to the current directory, or absolute) relative to `base`, with
/// forward slashes; the path itself when it is not under `base`.
pub fn relative_to(path: &str, base: &Path) -> String {
    let p = Path::new(path);
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        match std::env::current_dir() {
            Ok(cwd) => cwd.join(p),
            Err(_) => return crate::walk::display_path(p),
        }
    };
    let abs = normalize(&abs);
    let base = normalize(base);
    match abs.strip_prefix(&base) {
        Ok(rel) => crate::walk::display_path(rel),
        Err(_) => crate::walk::display_path(p),
    }
}

/// A path with `.` and `..` resolved lexically.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rs(select: Option<&[&str]>, ignore: &[&str], severity: &[(&str, Level)]) -> RuleSet {
        RuleSet {
            select: select.map(|s| s.iter().map(|x| x.to_string()).collect()),
            ignore: ignore.iter().map(|x| x.to_string()).collect(),
            severity: severity.iter().map(|(s, l)| (s.to_string(), *l)).collect(),
        }
    }

    #[test]
    fn select_ignore_and_severity_layer() {
        let top = Policy::top(&rs(Some(&["numbers"]), &["N003"], &[]));
        assert!(top.enabled("N001"));
        assert!(!top.enabled("N003"));
        assert!(!top.enabled("S001"));
        let p = top.with(&rs(
            Some(&["part-exceeds-whole"]),
            &["numeric-mismatch"],
            &[("N002", Level::On(Severity::Info))],
        ));
        assert!(p.enabled("N003"));
        assert!(!p.enabled("N001"));
        assert_eq!(
            p.severity("N002", Severity::Error),
            Some(Severity::Info),
            "severity replaces what the check gave"
        );
        assert_eq!(p.severity("N003", Severity::Error), Some(Severity::Error));
    }

    #[test]
    fn severity_off_disables_but_a_level_does_not_enable() {
        let p = Policy::top(&rs(
            None,
            &["N001"],
            &[("N001", Level::On(Severity::Error)), ("N002", Level::Off)],
        ));
        assert!(!p.enabled("N001"));
        assert!(!p.enabled("N002"));
        assert!(p.enabled("N003"));
    }

    #[test]
    fn selectors_are_codes_names_groups_or_all() {
        assert!(is_known("n001"));
        assert!(is_known("sum-mismatch"));
        assert!(is_known("numbers"));
        assert!(is_known("ALL"));
        assert!(!is_known("numbers-mismatch"));
        assert!(hint("numeric-mismatc").contains("numeric-mismatch"));
    }

    #[test]
    fn overrides_match_directories_and_globs_relative_to_their_base() {
        let base = std::env::current_dir().unwrap();
        let o = Override::new(vec!["archive".into()], base.clone(), RuleSet::default()).unwrap();
        assert!(o.applies_to("archive/2019/a.md"));
        assert!(o.applies_to("./archive/a.md"));
        assert!(!o.applies_to("drafts/archive.md"));
        let o = Override::new(vec!["**/*.txt".into()], base, RuleSet::default()).unwrap();
        assert!(o.applies_to("wire/a.txt"));
        assert!(!o.applies_to("wire/a.md"));
        assert!(Override::new(vec!["a[".into()], PathBuf::new(), RuleSet::default()).is_err());
    }
}
