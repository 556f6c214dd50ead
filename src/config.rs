//! `crosscheck.toml`: the repository's configuration, found by walking up from the current
//! directory.
//!
//! Layers merge in this order, later ones winning: the built-in defaults, the configuration
//! file, the command line. Lists of paths and globs (`include`, `exclude`, `rules`,
//! `facts`, `ignore`) given on the command line add to the file's; `paths`, `select`,
//! `date`, `fail-on`, `format` and `baseline` given on the command line replace the file's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::Error;
use crate::diag::SpanError;
use crate::triage::{Level, Override, RuleSet, select};

/// File names looked for, in order, in each directory.
pub const CONFIG_NAMES: &[&str] = &["crosscheck.toml", ".crosscheck.toml"];

/// The commented starter configuration `crosscheck init` writes.
pub const STARTER: &str = include_str!("starter.toml");

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    paths: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    include: Option<Vec<String>>,
    rules: Option<Vec<Spanned<String>>>,
    facts: Option<Vec<Spanned<String>>>,
    date: Option<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    format: Option<Spanned<String>>,
    baseline: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    overrides: Option<Vec<OverrideFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideFile {
    paths: Spanned<Vec<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
}

/// A loaded configuration, with paths resolved against the file's directory.
#[derive(Debug, Default, Clone)]
pub struct Config {
    /// The file it came from.
    pub path: Option<PathBuf>,
    pub paths: Vec<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub rules: Vec<PathBuf>,
    /// Fact sheets: files whose figures every draft is checked against.
    pub facts: Vec<PathBuf>,
    pub date: Option<jiff::civil::Date>,
    pub fail_on: Option<String>,
    /// The output format of `check`.
    pub format: Option<String>,
    pub baseline: Option<PathBuf>,
    /// `select`, `ignore` and `[severity]`.
    pub selection: RuleSet,
    pub overrides: Vec<Override>,
}

/// Values `fail-on` accepts.
pub const FAIL_ON: &[&str] = &["error", "warning", "info", "never"];

/// Values `format` accepts.
pub const FORMATS: &[&str] = &["human", "concise", "json", "sarif", "github", "junit"];

/// Collects errors while a file is validated.
struct Validator<'a> {
    name: String,
    text: &'a str,
    errors: Vec<SpanError>,
}

impl Validator<'_> {
    fn error(
        &mut self,
        span: std::ops::Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) {
        self.errors.push(SpanError::new(
            &self.name,
            self.text,
            Some(span),
            message,
            label,
            help,
        ));
    }

    /// A value that must be one of `allowed`; an error pointing at it when not.
    fn one_of(
        &mut self,
        value: Option<Spanned<String>>,
        allowed: &[&str],
        what: &str,
    ) -> Option<String> {
        let value = value?;
        if allowed.contains(&value.get_ref().as_str()) {
            return Some(value.into_inner());
        }
        self.error(
            value.span(),
            format!("`{}` is not {what}", value.get_ref()),
            &format!("expected one of {}", allowed.join(", ")),
            None,
        );
        None
    }

    /// Whether a selector names a check; an error pointing at it when not.
    fn known(&mut self, s: &Spanned<String>) -> bool {
        let known = select::is_known(s.get_ref());
        if !known {
            self.error(
                s.span(),
                format!("`{}` is not a check's code, name or group", s.get_ref()),
                "unknown check",
                Some(select::hint(s.get_ref())),
            );
        }
        known
    }

    fn selectors(&mut self, list: Option<Vec<Spanned<String>>>) -> Option<Vec<String>> {
        let list = list?;
        let mut out = Vec::new();
        for s in list {
            self.known(&s);
            out.push(s.into_inner());
        }
        Some(out)
    }

    fn severities(
        &mut self,
        map: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    ) -> Vec<(String, Level)> {
        let mut entries: Vec<_> = map.unwrap_or_default().into_iter().collect();
        // In file order, so that later lines win.
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut out = Vec::new();
        for (k, v) in entries {
            if !self.known(&k) {
                continue;
            }
            match Level::parse(v.get_ref()) {
                Some(l) => out.push((k.into_inner(), l)),
                None => self.error(
                    v.span(),
                    format!("`{}` is not a severity", v.get_ref()),
                    "expected one of error, warning, info, off",
                    None,
                ),
            }
        }
        out
    }

    fn files(
        &mut self,
        list: Option<Vec<Spanned<String>>>,
        what: &str,
        base: &Path,
    ) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for r in list.unwrap_or_default() {
            let p = PathBuf::from(resolve(base, r.get_ref()));
            if !p.is_file() {
                self.error(
                    r.span(),
                    format!("{what} `{}` does not exist", r.get_ref()),
                    "no such file",
                    Some(format!(
                        "paths are relative to the directory of {}",
                        self.name
                    )),
                );
            }
            out.push(p);
        }
        out
    }
}

/// A path from the file, relative to the file's directory, as the CLI will show it.
fn resolve(base: &Path, p: &str) -> String {
    let pb = Path::new(p);
    if pb.is_absolute() || base.as_os_str().is_empty() {
        p.to_string()
    } else {
        // `..` joined with `.` is `..`, and `../drafts/..` is `..`: resolved lexically, with
        // the leading `..` kept.
        let mut out = PathBuf::new();
        for c in base.join(pb).components() {
            match c {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir
                    if matches!(
                        out.components().next_back(),
                        Some(std::path::Component::Normal(_))
                    ) =>
                {
                    out.pop();
                }
                other => out.push(other.as_os_str()),
            }
        }
        if out.as_os_str().is_empty() {
            ".".into()
        } else {
            crate::walk::display_path(&out)
        }
    }
}

impl Config {
    /// The nearest configuration file at or above `dir`.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        let mut d = Some(dir);
        while let Some(here) = d {
            for name in CONFIG_NAMES {
                let p = here.join(name);
                if p.is_file() {
                    return Some(p);
                }
            }
            d = here.parent();
        }
        None
    }

    /// Load and validate a configuration file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: crate::io_message(&e),
        })?;
        Config::parse(path, &text).map_err(Error::Config)
    }

    /// Parse configuration text; `path` names it and anchors its relative paths.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<SpanError>> {
        let name = crate::walk::display_path(path);
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            vec![SpanError::from_toml(
                &name,
                text,
                &e,
                "see the README's section on configuration, or `crosscheck init`",
            )]
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        let abs_base = crate::triage::baseline::base_dir(path);
        let mut v = Validator {
            name: name.clone(),
            text,
            errors: Vec::new(),
        };
        let mut cfg = Config {
            path: Some(path.to_path_buf()),
            paths: file
                .paths
                .unwrap_or_default()
                .iter()
                .map(|p| resolve(base, p))
                .collect(),
            include: file.include.unwrap_or_default(),
            exclude: file.exclude.unwrap_or_default(),
            ..Config::default()
        };
        cfg.rules = v.files(file.rules, "rule pack", base);
        cfg.facts = v.files(file.facts, "fact sheet", base);
        if let Some(b) = file.baseline {
            let p = PathBuf::from(resolve(base, b.get_ref()));
            if !p.is_file() {
                v.error(
                    b.span(),
                    format!("baseline `{}` does not exist", b.get_ref()),
                    "no such file",
                    Some("write one with `crosscheck check --write-baseline FILE`".into()),
                );
            }
            cfg.baseline = Some(p);
        }
        if let Some(d) = file.date {
            match crate::source::parse_iso_date(d.get_ref()) {
                Some(date) => cfg.date = Some(date),
                None => v.error(
                    d.span(),
                    format!("`{}` is not a date", d.get_ref()),
                    "expected YYYY-MM-DD",
                    None,
                ),
            }
        }
        cfg.fail_on = v.one_of(file.fail_on, FAIL_ON, "a severity");
        cfg.format = v.one_of(file.format, FORMATS, "an output format");
        cfg.selection = RuleSet {
            select: v.selectors(file.select),
            ignore: v.selectors(file.ignore).unwrap_or_default(),
            severity: v.severities(file.severity),
        };
        for o in file.overrides.unwrap_or_default() {
            let rules = RuleSet {
                select: v.selectors(o.select),
                ignore: v.selectors(o.ignore).unwrap_or_default(),
                severity: v.severities(o.severity),
            };
            let span = o.paths.span();
            let patterns = o.paths.into_inner();
            if patterns.is_empty() {
                v.error(
                    span,
                    "an override with no paths applies to nothing".into(),
                    "empty",
                    None,
                );
                continue;
            }
            match Override::new(patterns, abs_base.clone(), rules) {
                Ok(o) => cfg.overrides.push(o),
                Err(e) => v.error(
                    span,
                    e,
                    "here",
                    Some("globs follow .gitignore syntax".into()),
                ),
            }
        }
        // In file order.
        v.errors.sort_by_key(|e| e.span.map(|s| s.offset()));
        if v.errors.is_empty() {
            Ok(cfg)
        } else {
            Err(v.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, e: &SpanError) -> String {
        let span = e.span.unwrap();
        text[span.offset()..span.offset() + span.len()].to_string()
    }

    #[test]
    fn unknown_keys_and_bad_values_point_into_the_file() {
        let e = Config::parse(Path::new("crosscheck.toml"), "rulez = []\n").unwrap_err();
        assert!(e[0].message.contains("unknown field"), "{}", e[0].message);
        let text = "date = \"soon\"\nfail-on = \"loud\"\nformat = \"xml\"\n";
        let e = Config::parse(Path::new("crosscheck.toml"), text).unwrap_err();
        assert_eq!(e.len(), 3);
        assert_eq!(at(text, &e[2]), "\"xml\"");
        assert_eq!(at(text, &e[0]), "\"soon\"");
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let c = Config::parse(Path::new("dir/crosscheck.toml"), "paths = [\"drafts\"]\n").unwrap();
        assert_eq!(c.paths, vec!["dir/drafts".to_string()]);
        let c = Config::parse(
            Path::new("../crosscheck.toml"),
            "paths = [\".\", \"a/../b\"]\n",
        )
        .unwrap();
        assert_eq!(c.paths, vec!["..".to_string(), "../b".to_string()]);
        let c = Config::parse(Path::new("a/crosscheck.toml"), "paths = [\"..\"]\n").unwrap();
        assert_eq!(c.paths, vec![".".to_string()]);
    }

    #[test]
    fn selection_keys_are_validated_where_they_are_written() {
        let text = "select = [\"numbers\", \"numeric-mismach\"]\n[severity]\nN002 = \"loud\"\nN009 = \"info\"\n";
        let e = Config::parse(Path::new("crosscheck.toml"), text).unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
        assert_eq!(at(text, &e[0]), "\"numeric-mismach\"");
        assert!(e[0].help.as_deref().unwrap().contains("numeric-mismatch"));
        assert_eq!(at(text, &e[1]), "\"loud\"");
        assert_eq!(at(text, &e[2]), "N009");
    }

    #[test]
    fn overrides_are_read() {
        let text = "ignore = [\"N003\"]\n[severity]\nsum-mismatch = \"error\"\n\n[[overrides]]\npaths = [\"archive\"]\nignore = [\"numbers\"]\n[overrides.severity]\nS001 = \"off\"\n";
        let c = Config::parse(Path::new("crosscheck.toml"), text).unwrap();
        assert_eq!(c.selection.ignore, vec!["N003".to_string()]);
        assert_eq!(c.overrides.len(), 1);
        assert_eq!(c.overrides[0].rules.ignore, vec!["numbers".to_string()]);
        assert_eq!(
            c.overrides[0].rules.severity,
            vec![("S001".to_string(), Level::Off)]
        );
        let bad = "[[overrides]]\npaths = []\n";
        assert!(Config::parse(Path::new("crosscheck.toml"), bad).is_err());
        let typo = "[[overrides]]\npaths = [\"a\"]\nignor = []\n";
        let e = Config::parse(Path::new("crosscheck.toml"), typo).unwrap_err();
        assert_eq!(at(typo, &e[0]), "ignor");
    }

    #[test]
    fn the_starter_configuration_is_valid() {
        Config::parse(Path::new("crosscheck.toml"), STARTER).unwrap();
    }
}
