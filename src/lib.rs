//! crosscheck: a linter for claims.
//!
//! It reads several sources on one story, extracts the numeric claims in them, and reports
//! where they disagree. The pipeline runs in one direction:
//!
//! ```text
//! paths ─► sources ─► claims ─► findings ─► report
//!          (load)     (extract)  (check)     (render)
//! ```
//!
//! The library exposes the same pipeline as the CLI, so tests, benchmarks and other tools
//! call it without a subprocess:
//!
//! ```
//! use crosscheck::{analyze, rules::Rules, source::{Source, SourceKind}};
//! let rules = Rules::builtin().unwrap();
//! let a = Source::new("a.md", "The army has 5,200 American soldiers there.".into(), SourceKind::Markdown);
//! let b = Source::new("b.md", "It keeps 5,000 American soldiers there.".into(), SourceKind::Markdown);
//! let analysis = analyze(vec![a, b], &rules);
//! assert_eq!(analysis.findings[0].check.name, "numeric-mismatch");
//! ```

pub mod check;
pub mod cli;
pub mod config;
#[doc(hidden)]
pub mod conformance;
#[doc(hidden)]
pub mod corpus;
pub mod diag;
pub mod entities;
pub mod extract;
pub mod facts;
pub mod fix;
#[doc(hidden)]
pub mod fuzzing;
pub mod report;
pub mod rules;
pub mod source;
pub mod triage;
pub mod walk;

use check::Finding;
use extract::{Claim, SetAside};
use source::Source;

/// Everything one run produced.
#[derive(Debug)]
pub struct Analysis {
    pub sources: Vec<Source>,
    /// Every claim, by source: each source's quantities in order of position, then its
    /// names and quotations in order of position. Claim references index this list.
    pub claims: Vec<Claim>,
    pub set_aside: Vec<SetAside>,
    /// Relations among the claims (lists, shares, changes, multiples), with claim indices
    /// into `claims`; a claim's `frame` indexes this list.
    pub frames: Vec<extract::Frame>,
    pub findings: Vec<Finding>,
    /// What triage hid (suppressed, in the baseline).
    pub triage: triage::Outcome,
}

/// How a run goes beyond the defaults. Every field has a default, so callers set only
/// what they need (`Options { field, ..Options::default() }`).
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Selection, severities, per-path overrides, inline suppressions and the baseline.
    pub triage: triage::Settings,
    /// Fact sheets every claim is checked against (`--facts`, `facts = [...]`).
    pub facts: Vec<facts::FactSheet>,
    /// Give name variants a fix to the spelling used most (`--prefer-majority`).
    pub prefer_majority: bool,
}

impl Options {
    /// The default options, borrowed for as long as needed.
    pub fn default_ref() -> &'static Options {
        static DEFAULT: std::sync::OnceLock<Options> = std::sync::OnceLock::new();
        DEFAULT.get_or_init(Options::default)
    }
}

/// Extract the claims of every source and run every check, with the default options.
pub fn analyze(sources: Vec<Source>, rules: &rules::Rules) -> Analysis {
    analyze_with(sources, rules, &Options::default())
}

/// Extract the claims of every source and run every check.
pub fn analyze_with(sources: Vec<Source>, rules: &rules::Rules, options: &Options) -> Analysis {
    let triage = &options.triage;
    let mut sources = sources;
    let mut claims: Vec<Claim> = Vec::new();
    let mut set_aside = Vec::new();
    let mut revised = Vec::new();
    let mut frames = Vec::new();
    // Each source's claims are appended as soon as its batch is extracted, so that no more
    // than one batch is held twice; a single large source's claims are taken as they are.
    extract::extract_each(&sources, rules, |e| {
        let base = claims.len();
        let frame_base = frames.len() as u32;
        let mut own = e.claims;
        for c in &mut own {
            c.remap_refs(|i| Some(i + base));
            if let extract::ClaimKind::Quantity(q) = &mut c.kind {
                q.frame = q.frame.map(|i| i + frame_base);
            }
        }
        if claims.is_empty() {
            claims = own;
        } else {
            claims.append(&mut own);
        }
        // Claims in a sentence that acknowledges a revision are the old figures.
        revised.extend(claims[base..].iter().map(|c| {
            e.revisions
                .iter()
                .any(|r| r.start <= c.span.start && c.span.start < r.end)
        }));
        frames.extend(e.frames.into_iter().map(|mut f| {
            for i in f.claims_mut() {
                *i += base;
            }
            f
        }));
        set_aside.extend(e.set_aside);
    });
    // The starting point of a change stated apart (`Turnout was 44%. ... down 3 points to
    // 41%`) is an old figure the text itself says has changed.
    for f in &frames {
        let old = match f {
            extract::Frame::Change(c) if c.from_apart => c.from,
            extract::Frame::Multiple(m) if m.base_apart => Some(m.base),
            _ => None,
        };
        if let Some(r) = old.and_then(|i| revised.get_mut(i)) {
            *r = true;
        }
    }
    let findings = {
        let mut cx = check::Context::new(&sources, &claims, rules)
            .with_frames(&frames)
            .with_options(options);
        cx.revised = revised;
        check::run_all(&cx)
    };
    let (findings, outcome) = triage::apply(&mut sources, findings, triage);
    Analysis {
        sources,
        claims,
        set_aside,
        frames,
        findings,
        triage: outcome,
    }
}

/// Errors that stop a run or a file: usage, I/O, rules. Each is one line, except rule
/// errors, which point into the TOML.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{0}")]
    Usage(String),
    #[error("{} error(s) in rule packs", .0.len())]
    Rules(Vec<rules::RuleError>),
    #[error("{} error(s) in configuration", .0.len())]
    Config(Vec<diag::SpanError>),
    #[error("{} error(s) in fact sheets", .0.len())]
    Facts(Vec<diag::SpanError>),
}

/// An I/O error as a short lowercase phrase (`no such file or directory`).
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => {
            let s = e.to_string();
            // Drop the "(os error N)" suffix.
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s.to_lowercase(),
            }
        }
    }
}
