//! Finding and reading sources: files, directories (walked honouring `.gitignore`), and
//! standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use crate::Error;
use crate::source::{MAX_SOURCE_LEN, Reread, Source, SourceKind};

/// The extensions taken from directories by default.
pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// How to find sources.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Globs a file found in a directory must match (instead of the default extensions).
    pub include: Vec<String>,
    /// Globs of files and directories to skip.
    pub exclude: Vec<String>,
}

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// Expand the paths given into the inputs to read, in a stable order. Problems with one
/// path (it does not exist, a directory cannot be read) are returned beside the inputs,
/// so that the others are still read.
pub fn collect(paths: &[String], opts: &WalkOptions) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Err(e) => errors.push(Error::Io {
                path: p.clone(),
                message: crate::io_message(&e),
            }),
            Ok(m) if m.is_dir() => walk_dir(path, opts, &mut inputs, &mut errors),
            Ok(m) if m.is_file() => inputs.push(Input::File(path.to_path_buf())),
            // A FIFO, socket or device: reading it could block or never end.
            Ok(_) => errors.push(Error::Io {
                path: p.clone(),
                message: "not a regular file; skipped".into(),
            }),
        }
    }
    // The same file named twice (`a.md`, `./a.md`, or through a directory) is read once.
    // One path cannot name a file twice: a directory walk does not follow symbolic links,
    // so each file it finds has one path. Only several paths need the (system-call heavy)
    // canonical names compared.
    if paths.len() < 2 {
        return (inputs, errors);
    }
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|i| match i {
        Input::File(p) => seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
        Input::Stdin => true,
    });
    (inputs, errors)
}

fn walk_dir(dir: &Path, opts: &WalkOptions, inputs: &mut Vec<Input>, errors: &mut Vec<Error>) {
    let mut ob = OverrideBuilder::new(dir);
    let mut glob_error = None;
    for g in &opts.include {
        if let Err(e) = ob.add(g) {
            glob_error = Some(format!("invalid --include glob `{g}`: {e}"));
        }
    }
    for g in &opts.exclude {
        if let Err(e) = ob.add(&format!("!{g}")) {
            glob_error = Some(format!("invalid --exclude glob `{g}`: {e}"));
        }
    }
    if let Some(msg) = glob_error {
        errors.push(Error::Usage(msg));
        return;
    }
    let overrides = match ob.build() {
        Ok(o) => o,
        Err(e) => {
            errors.push(Error::Usage(format!("invalid glob: {e}")));
            return;
        }
    };
    let walker = WalkBuilder::new(dir)
        .require_git(false)
        // Not following links keeps a walk finite and each file found once (see `collect`).
        .follow_links(false)
        .overrides(overrides)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    let mut found = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = e.path();
                let take = if opts.include.is_empty() {
                    path.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                        DEFAULT_EXTENSIONS.iter().any(|d| d.eq_ignore_ascii_case(x))
                    })
                } else {
                    true // the include globs already decided
                };
                if take {
                    found.push(path.to_path_buf());
                }
            }
            Err(e) => errors.push(walk_error(dir, e)),
        }
    }
    found.sort();
    inputs.extend(found.into_iter().map(Input::File));
}

fn walk_error(dir: &Path, e: ignore::Error) -> Error {
    let mut err = &e;
    let mut path = dir.display().to_string();
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = p.display().to_string();
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. } => err = inner,
            ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            ignore::Error::Loop { child, .. } => {
                return Error::Io {
                    path: child.display().to_string(),
                    message: "symbolic link loop; skipped".into(),
                };
            }
            ignore::Error::Io(io) => {
                return Error::Io {
                    path,
                    message: crate::io_message(io),
                };
            }
            other => {
                return Error::Io {
                    path,
                    message: other.to_string(),
                };
            }
        }
    }
}

/// The path as shown in reports: forward slashes, no leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

/// How to read file contents.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    pub lossy: bool,
}

/// Ask the operating system to start reading `inputs` into its cache, without waiting,
/// so that a worker that reads one of them later finds it there instead of waiting on the
/// disk. Advice only: a file that cannot be opened is left for `read` to report, and where
/// the system takes no such advice this does nothing.
pub fn prefetch(inputs: &[Input]) {
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
    for input in inputs {
        if let Input::File(p) = input
            && let Ok(f) = std::fs::File::open(p)
        {
            let _ = rustix::fs::fadvise(&f, 0, None, rustix::fs::Advice::WillNeed);
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd")))]
    let _ = inputs;
}

/// Read one input into a source.
pub fn read(input: &Input, opts: ReadOptions) -> Result<Source, Error> {
    match input {
        Input::Stdin => {
            let name = "<stdin>";
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Error::Io {
                    path: name.into(),
                    message: crate::io_message(&e),
                })?;
            let text = decode(name, buf, opts)?;
            // Standard input has no size beforehand.
            check_size(name, text.len() as u64)?;
            Ok(Source::new(name, text, SourceKind::Markdown))
        }
        Input::File(p) => {
            let name = display_path(p);
            let (text, regular) = read_file(p, &name, opts)?;
            let kind = SourceKind::from_path(&name);
            let source = Source::new(name, text, kind);
            // A pipe or a device cannot be read twice: its source keeps its text.
            Ok(if regular {
                source.with_reread(p.clone(), opts.lossy)
            } else {
                source
            })
        }
    }
}

/// Read the file at `path` (shown as `name`) as text, and whether it is a regular file.
fn read_file(path: &Path, name: &str, opts: ReadOptions) -> Result<(String, bool), Error> {
    let io = |e: std::io::Error| Error::Io {
        path: name.to_string(),
        message: crate::io_message(&e),
    };
    // The size first, so that a file too large to check is not read at all.
    let mut file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    let len = meta.len();
    check_size(name, len)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(io)?;
    let text = decode(name, bytes, opts)?;
    // Again on the text: a file may have grown, and a lossy reading may be longer than
    // the bytes read.
    check_size(name, text.len() as u64)?;
    Ok((text, meta.is_file()))
}

/// Read a source's text again, after it was let go ([`Source::release_text`]); what is
/// wrong (without the path) when the file cannot be read or no longer holds the text first
/// read.
///
/// For tests, `CROSSCHECK_FAILPOINT=reread-changed` has every file read again found
/// changed, as if it had been edited during the run.
pub fn reread(r: &Reread) -> Result<String, String> {
    let name = display_path(&r.path);
    let changed =
        std::env::var_os(crate::fix::FAILPOINT_ENV).is_some_and(|v| v == "reread-changed");
    match read_file(&r.path, &name, ReadOptions { lossy: r.lossy }) {
        Ok((text, _)) if !changed && text.len() == r.len && Reread::hash(&text) == r.hash => {
            Ok(text)
        }
        Ok(_) => {
            Err("changed while it was being checked; its excerpts in this report are blank".into())
        }
        Err(Error::Io { message, .. }) => Err(format!(
            "{message} when read again for this report; its excerpts are blank"
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// Refuse a source of `len` bytes longer than [`MAX_SOURCE_LEN`]: offsets into it could not
/// be held.
pub fn check_size(name: &str, len: u64) -> Result<(), Error> {
    if len <= MAX_SOURCE_LEN {
        return Ok(());
    }
    Err(Error::Io {
        path: name.to_string(),
        message: format!(
            "too large to check ({len} bytes; a source must be smaller than 4 GiB); skipped"
        ),
    })
}

/// Bytes to text: refuse binary files, and invalid UTF-8 unless reading lossily.
pub fn decode(name: &str, bytes: Vec<u8>, opts: ReadOptions) -> Result<String, Error> {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err(Error::Io {
            path: name.to_string(),
            message: "binary file (contains NUL bytes); skipped".into(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            if opts.lossy {
                return Ok(String::from_utf8_lossy(e.as_bytes()).into_owned());
            }
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&bytes[line_start..at])
                .chars()
                .count()
                + 1;
            Err(Error::Io {
                path: name.to_string(),
                message: format!(
                    "invalid UTF-8 at line {line}, column {col} (byte {at}); use --lossy to read it anyway"
                ),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_over_4_gib_is_refused_in_one_line() {
        assert!(check_size("a.md", 0).is_ok());
        assert!(check_size("a.md", MAX_SOURCE_LEN).is_ok());
        let shown = check_size("big.md", MAX_SOURCE_LEN + 1)
            .unwrap_err()
            .to_string();
        assert_eq!(shown.lines().count(), 1, "{shown}");
        assert!(shown.starts_with("big.md: too large to check"), "{shown}");
        assert!(shown.contains("4294967296 bytes"), "{shown}");
        assert!(check_size("big.md", u64::MAX).is_err());
    }
}
