//! Fixes: the edits that resolve findings with a single right answer, shown as a unified
//! diff (`--diff`) or written to the files (`--fix`).
//!
//! Writing is all or nothing where it can be: every file is checked first (still there,
//! writable, unchanged since it was read), and nothing is written if one fails. Each file
//! is then written whole to a temporary file beside it, flushed to disk, and renamed over
//! the original, so a crash leaves each file either as it was or as fixed, never half
//! written. A fix never changes text outside its span; applying fixes twice changes nothing
//! the second time, since a fixed file has nothing left to fix.

use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::check::Finding;
use crate::source::{Source, SourceId};

/// The change that resolves a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// What the fix does, for people (`write `Adel Abdul-Mahdi``).
    pub message: String,
    pub edits: Vec<Edit>,
}

/// Replace the text at `span` in a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub source: SourceId,
    pub span: Range<usize>,
    pub replacement: String,
}

/// The environment variable that stops `--fix` as a crash would, for tests:
/// `before-rename` (before the first rename) or `before-rename:N` (before the N-th); or,
/// `reread-changed`, has every text read again for a report found changed
/// ([`crate::walk::reread`]).
pub const FAILPOINT_ENV: &str = "CROSSCHECK_FAILPOINT";

/// The edits of one source, sorted and without overlaps.
#[derive(Debug, Clone)]
pub struct FileEdits {
    pub source: SourceId,
    pub edits: Vec<Edit>,
}

/// Gather the edits of every finding's fix, by source. An edit that changes nothing, that
/// does not fall on character boundaries, or that overlaps an earlier one (in finding
/// order) is left out; the same edit proposed twice is kept once.
pub fn plan(findings: &[Finding], sources: &[Source]) -> Vec<FileEdits> {
    let mut by_source: Vec<Vec<Edit>> = vec![Vec::new(); sources.len()];
    for f in findings {
        let Some(fix) = &f.fix else { continue };
        for e in &fix.edits {
            let Some(src) = sources.get(e.source) else {
                continue;
            };
            let Some(current) = src.text().get(e.span.clone()) else {
                continue;
            };
            if current == e.replacement {
                continue;
            }
            let list = &mut by_source[e.source];
            if list.iter().any(|x| x == e) {
                continue;
            }
            let overlaps = list.iter().any(|x| {
                x.span.start < e.span.end && e.span.start < x.span.end
                    || (x.span.is_empty() && x.span.start == e.span.start)
            });
            if !overlaps {
                list.push(e.clone());
            }
        }
    }
    by_source
        .into_iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(source, mut edits)| {
            edits.sort_by_key(|e| (e.span.start, e.span.end));
            FileEdits { source, edits }
        })
        .collect()
}

/// The text with the edits (sorted, not overlapping) applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        if e.span.start < at || e.span.end > text.len() {
            continue;
        }
        out.push_str(text.get(at..e.span.start).unwrap_or(""));
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// The fixes as one unified diff (`a/path`, `b/path` headers, three lines of context).
pub fn render_diff(sources: &[Source], plan: &[FileEdits]) -> String {
    let mut out = String::new();
    for fe in plan {
        let s = &sources[fe.source];
        let new = apply_edits(s.text(), &fe.edits);
        let diff = similar::TextDiff::from_lines(s.text(), new.as_str());
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{}", s.path), &format!("b/{}", s.path))
                .to_string(),
        );
    }
    out
}

/// What `--fix` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub files: usize,
    pub edits: usize,
}

/// Which rename, if any, the failpoint stops before (1-based).
fn failpoint() -> Option<usize> {
    let v = std::env::var(FAILPOINT_ENV).ok()?;
    let rest = v.strip_prefix("before-rename")?;
    if rest.is_empty() {
        return Some(1);
    }
    rest.strip_prefix(':')?.parse().ok()
}

fn io_error(path: &str, message: impl Into<String>) -> Error {
    Error::Io {
        path: path.to_string(),
        message: message.into(),
    }
}

/// The temporary file a fixed file is written to first, beside it.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.crosscheck-{}.tmp", std::process::id()))
}

/// Write the planned fixes to the files. Every file is checked before any is written; if
/// one cannot be fixed, none is, and every problem is returned.
pub fn write(sources: &[Source], plan: &[FileEdits]) -> Result<Applied, Vec<Error>> {
    // 1. Check every file.
    let mut errors = Vec::new();
    let mut jobs: Vec<(&Source, PathBuf, String, usize)> = Vec::new();
    for fe in plan {
        let s = &sources[fe.source];
        if s.path == "<stdin>" {
            errors.push(io_error(
                &s.path,
                "standard input cannot be fixed; nothing was changed",
            ));
            continue;
        }
        let path = PathBuf::from(&s.path);
        match std::fs::metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(io_error(&s.path, "no longer exists; nothing was changed"));
                continue;
            }
            Err(e) => {
                errors.push(io_error(
                    &s.path,
                    format!("{}; nothing was changed", crate::io_message(&e)),
                ));
                continue;
            }
            Ok(m) if m.permissions().readonly() => {
                errors.push(io_error(&s.path, "is read-only; nothing was changed"));
                continue;
            }
            Ok(m) if !m.is_file() => {
                errors.push(io_error(
                    &s.path,
                    "is not a regular file; nothing was changed",
                ));
                continue;
            }
            Ok(_) => {}
        }
        match std::fs::read(&path) {
            Ok(bytes) if bytes == s.text().as_bytes() => {}
            Ok(_) => {
                errors.push(io_error(
                    &s.path,
                    "changed since it was read; nothing was changed",
                ));
                continue;
            }
            Err(e) => {
                errors.push(io_error(
                    &s.path,
                    format!("{}; nothing was changed", crate::io_message(&e)),
                ));
                continue;
            }
        }
        jobs.push((s, path, apply_edits(s.text(), &fe.edits), fe.edits.len()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // 2. Write every temporary file and flush it to disk.
    let mut temps: Vec<PathBuf> = Vec::new();
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for (s, path, new, _) in &jobs {
        let tmp = temp_path(path);
        let result = (|| -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            temps.push(tmp.clone());
            f.write_all(new.as_bytes())?;
            if let Ok(m) = std::fs::metadata(path) {
                f.set_permissions(m.permissions())?;
            }
            f.sync_all()
        })();
        if let Err(e) = result {
            cleanup(&temps);
            return Err(vec![io_error(
                &s.path,
                format!(
                    "cannot write the fixed file: {}; nothing was changed",
                    crate::io_message(&e)
                ),
            )]);
        }
    }
    // 3. Rename each over its original, then make the renames durable.
    let stop = failpoint();
    let mut applied = Applied::default();
    let mut errors = Vec::new();
    for (k, ((s, path, _, n), tmp)) in jobs.iter().zip(&temps).enumerate() {
        if stop == Some(k + 1) {
            eprintln!(
                "crosscheck: {FAILPOINT_ENV}: stopping before renaming {} as a crash would",
                tmp.display()
            );
            std::process::abort();
        }
        match std::fs::rename(tmp, path) {
            Ok(()) => {
                applied.files += 1;
                applied.edits += n;
                let dir = path
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                if let Ok(d) = std::fs::File::open(dir) {
                    let _ = d.sync_all();
                }
            }
            Err(e) => {
                let _ = std::fs::remove_file(tmp);
                errors.push(io_error(
                    &s.path,
                    format!("cannot replace the file: {}", crate::io_message(&e)),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(applied)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(span: Range<usize>, r: &str) -> Edit {
        Edit {
            source: 0,
            span,
            replacement: r.into(),
        }
    }

    #[test]
    fn edits_change_only_their_spans() {
        let text = "Adil met Adil's aide.";
        let out = apply_edits(text, &[edit(0..4, "Adel"), edit(9..13, "Adel")]);
        assert_eq!(out, "Adel met Adel's aide.");
        assert_eq!(apply_edits(text, &[]), text);
    }

    #[test]
    fn temporary_files_sit_beside_the_file() {
        assert_eq!(
            temp_path(Path::new("d/a.md")).parent(),
            Some(Path::new("d"))
        );
    }
}
