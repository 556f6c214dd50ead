//! The baseline: findings a team has accepted, recorded by fingerprint so that a run
//! reports only new ones.
//!
//! A fingerprint is made of the check's code and, for each label, the source's path
//! (relative to the baseline's directory) and the normalised text the label covers (case
//! folded, runs of space made one). Line numbers play no part, so editing elsewhere in a
//! file keeps a finding matched; changing one of its figures does not.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::Error;
use crate::check::Finding;
use crate::diag::SpanError;
use crate::source::Source;

/// The format version written in the file.
pub const VERSION: u32 = 1;

/// One accepted finding, as written in the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub fingerprint: String,
    /// For people: the check's name, message, and where the finding was.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<String>,
    /// Why the finding is accepted; for the team to fill in.
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Serialize)]
struct FileOut<'a> {
    version: u32,
    finding: &'a [Entry],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    version: Spanned<u32>,
    #[serde(default)]
    finding: Vec<EntryIn>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryIn {
    code: String,
    fingerprint: Spanned<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    locations: Vec<String>,
    #[serde(default)]
    reason: String,
}

/// A loaded baseline.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The path as shown in reports.
    pub path: String,
    pub text: String,
    /// The directory that fingerprint paths are relative to (absolute).
    pub base: PathBuf,
    pub entries: Vec<Entry>,
    /// The span of each entry's fingerprint in the file.
    pub spans: Vec<Range<usize>>,
}

impl Baseline {
    /// Read and validate a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: crate::io_message(&e),
        })?;
        Baseline::parse(path, text).map_err(Error::Config)
    }

    /// Parse baseline text; `path` names it and anchors its fingerprints' paths.
    pub fn parse(path: &Path, text: String) -> Result<Baseline, Vec<SpanError>> {
        let name = crate::walk::display_path(path);
        let file: FileIn = toml::from_str(&text).map_err(|e| {
            vec![SpanError::from_toml(
                &name,
                &text,
                &e,
                "a baseline is written by `crosscheck check --write-baseline FILE`",
            )]
        })?;
        if *file.version.get_ref() != VERSION {
            return Err(vec![SpanError::new(
                &name,
                &text,
                Some(file.version.span()),
                format!(
                    "baseline version {} is not supported",
                    file.version.get_ref()
                ),
                format!("expected {VERSION}"),
                Some("write it again with `crosscheck check --write-baseline FILE`".into()),
            )]);
        }
        let mut entries = Vec::new();
        let mut spans = Vec::new();
        for e in file.finding {
            spans.push(e.fingerprint.span());
            entries.push(Entry {
                code: e.code,
                fingerprint: e.fingerprint.into_inner(),
                name: e.name,
                message: e.message,
                locations: e.locations,
                reason: e.reason,
            });
        }
        Ok(Baseline {
            path: name,
            text,
            base: base_dir(path),
            entries,
            spans,
        })
    }
}

/// The absolute directory of a file path.
pub fn base_dir(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new(""));
    let abs = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(dir))
            .unwrap_or_else(|_| dir.to_path_buf())
    };
    super::select::normalize(&abs)
}

/// FNV-1a, 64 bits: small, and stable across platforms and Rust versions (unlike std's
/// hasher), which a fingerprint kept in a repository needs.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A finding's fingerprint, with source paths taken relative to `base`.
pub fn fingerprint(f: &Finding, sources: &[Source], base: &Path) -> String {
    let mut h = Fnv::new();
    h.write(f.check.code.as_bytes());
    for l in &f.labels {
        let Some(s) = sources.get(l.source) else {
            continue;
        };
        h.write(b"\x00");
        h.write(super::select::relative_to(&s.path, base).as_bytes());
        h.write(b"\x00");
        let text = s.text().get(l.span.clone()).unwrap_or("");
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                h.write(b" ");
            }
            h.write(word.to_lowercase().as_bytes());
        }
    }
    format!("{:016x}", h.0)
}

/// A baseline entry for a finding.
pub fn entry(f: &Finding, sources: &[Source], base: &Path) -> Entry {
    Entry {
        code: f.check.code.to_string(),
        fingerprint: fingerprint(f, sources, base),
        name: f.check.name.to_string(),
        message: f.message.clone(),
        locations: f
            .labels
            .iter()
            .filter_map(|l| {
                let s = sources.get(l.source)?;
                let (line, col) = s.line_col(l.span.start);
                Some(format!("{}:{line}:{col}", s.path))
            })
            .collect(),
        reason: String::new(),
    }
}

/// The text of a baseline file holding `entries`, keeping the reasons of `previous`
/// entries that have the same fingerprint.
pub fn render(mut entries: Vec<Entry>, previous: Option<&Baseline>) -> String {
    if let Some(prev) = previous {
        for e in &mut entries {
            if let Some(p) = prev
                .entries
                .iter()
                .find(|p| p.fingerprint == e.fingerprint && p.code == e.code)
            {
                e.reason = p.reason.clone();
            }
        }
    }
    let body = toml::to_string_pretty(&FileOut {
        version: VERSION,
        finding: &entries,
    })
    .unwrap_or_default();
    format!(
        "# crosscheck baseline: findings accepted as they are. `crosscheck check --baseline FILE`\n\
         # hides them and reports only new ones. Fill in each `reason`; delete an entry to see\n\
         # its finding again. Written by `crosscheck check --write-baseline FILE`.\n\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_baseline_reads_back() {
        let e = Entry {
            code: "N001".into(),
            fingerprint: "00ff".into(),
            name: "numeric-mismatch".into(),
            message: "m".into(),
            locations: vec!["a.md:1:1".into()],
            reason: String::new(),
        };
        let text = render(vec![e], None);
        let b = Baseline::parse(Path::new("b.toml"), text.clone()).unwrap();
        assert_eq!(b.entries[0].fingerprint, "00ff");
        assert_eq!(&text[b.spans[0].clone()], "\"00ff\"");
    }

    #[test]
    fn reasons_are_kept_when_written_again() {
        let mut e = Entry {
            code: "N001".into(),
            fingerprint: "00ff".into(),
            name: String::new(),
            message: String::new(),
            locations: vec![],
            reason: "checked with the desk".into(),
        };
        let prev = Baseline::parse(Path::new("b.toml"), render(vec![e.clone()], None)).unwrap();
        e.reason.clear();
        let again = render(vec![e], Some(&prev));
        assert!(again.contains("checked with the desk"), "{again}");
    }

    #[test]
    fn bad_files_point_into_the_toml() {
        let e = Baseline::parse(Path::new("b.toml"), "version = 9\n".into()).unwrap_err();
        assert!(e[0].message.contains("version 9"), "{}", e[0].message);
        let e = Baseline::parse(
            Path::new("b.toml"),
            "version = 1\n[[finding]]\ncode = \"N001\"\nfingerprint = \"x\"\nreasn = \"\"\n".into(),
        )
        .unwrap_err();
        assert!(e[0].message.contains("unknown field"), "{}", e[0].message);
    }
}
