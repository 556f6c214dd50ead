//! `crosscheck.toml`: the repository's configuration, found by walking up from the current
//! directory. Command-line options override it; it overrides the built-in defaults.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::Error;
use crate::diag::SpanError;

/// File names looked for, in order, in each directory.
pub const CONFIG_NAMES: &[&str] = &["crosscheck.toml", ".crosscheck.toml"];

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
    /// Fact sheets every claim is checked against.
    pub facts: Vec<PathBuf>,
    pub date: Option<jiff::civil::Date>,
    pub fail_on: Option<String>,
}

/// Values `fail-on` accepts.
pub const FAIL_ON: &[&str] = &["error", "warning", "info", "never"];

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
                "see the README's section on configuration",
            )]
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let resolve = |p: &str| -> String {
            let pb = Path::new(p);
            if pb.is_absolute() || base.as_os_str().is_empty() {
                p.to_string()
            } else {
                crate::walk::display_path(&base.join(pb))
            }
        };
        let mut errors = Vec::new();
        let mut cfg = Config {
            path: Some(path.to_path_buf()),
            paths: file
                .paths
                .unwrap_or_default()
                .iter()
                .map(|p| resolve(p))
                .collect(),
            include: file.include.unwrap_or_default(),
            exclude: file.exclude.unwrap_or_default(),
            ..Config::default()
        };
        for r in file.rules.unwrap_or_default() {
            let p = PathBuf::from(resolve(r.get_ref()));
            if !p.is_file() {
                errors.push(SpanError::new(
                    &name,
                    text,
                    Some(r.span()),
                    format!("rule pack `{}` does not exist", r.get_ref()),
                    "no such file",
                    Some(format!("paths are relative to the directory of {name}")),
                ));
            }
            cfg.rules.push(p);
        }
        for f in file.facts.unwrap_or_default() {
            let p = PathBuf::from(resolve(f.get_ref()));
            if !p.is_file() {
                errors.push(SpanError::new(
                    &name,
                    text,
                    Some(f.span()),
                    format!("fact sheet `{}` does not exist", f.get_ref()),
                    "no such file",
                    Some(format!("paths are relative to the directory of {name}")),
                ));
            }
            cfg.facts.push(p);
        }
        if let Some(d) = file.date {
            match crate::source::parse_iso_date(d.get_ref()) {
                Some(date) => cfg.date = Some(date),
                None => errors.push(SpanError::new(
                    &name,
                    text,
                    Some(d.span()),
                    format!("`{}` is not a date", d.get_ref()),
                    "expected YYYY-MM-DD",
                    None,
                )),
            }
        }
        if let Some(f) = file.fail_on {
            if FAIL_ON.contains(&f.get_ref().as_str()) {
                cfg.fail_on = Some(f.get_ref().clone());
            } else {
                errors.push(SpanError::new(
                    &name,
                    text,
                    Some(f.span()),
                    format!("`{}` is not a severity", f.get_ref()),
                    "expected one of error, warning, info, never",
                    None,
                ));
            }
        }
        if errors.is_empty() {
            Ok(cfg)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_bad_values_point_into_the_file() {
        let e = Config::parse(Path::new("crosscheck.toml"), "rulez = []\n").unwrap_err();
        assert!(e[0].message.contains("unknown field"), "{}", e[0].message);
        let text = "date = \"soon\"\nfail-on = \"loud\"\n";
        let e = Config::parse(Path::new("crosscheck.toml"), text).unwrap_err();
        assert_eq!(e.len(), 2);
        let span = e[0].span.unwrap();
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "\"soon\"");
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let c = Config::parse(Path::new("dir/crosscheck.toml"), "paths = [\"drafts\"]\n").unwrap();
        assert_eq!(c.paths, vec!["dir/drafts".to_string()]);
    }
}
