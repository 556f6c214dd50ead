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
    /// How many claims were extracted, still known once they are let go.
    claim_count: usize,
}

impl Analysis {
    /// How many claims were extracted.
    pub fn claim_count(&self) -> usize {
        self.claim_count
    }

    /// Let the claims, frames and set-aside figures go, for a report that shows only the
    /// findings: that report then holds only the findings and the texts it shows. The
    /// memory is given back on another thread, beside the rendering.
    pub fn release_claims(&mut self) {
        let claims = std::mem::take(&mut self.claims);
        let frames = std::mem::take(&mut self.frames);
        let set_aside = std::mem::take(&mut self.set_aside);
        rayon::spawn(move || drop((claims, frames, set_aside)));
    }
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
    /// Let each source's text go once its claims are extracted, and read it again from its
    /// file for the few checks and the report that show it: a run then holds the texts of
    /// only the sources it reports on. Sources read from standard input keep theirs.
    pub release_texts: bool,
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
    let mut gathered = Gathered::default();
    let shared = extract::SharedTexts::default();
    extract::extract_each(
        &sources,
        rules,
        |e| shared.share_all(&mut e.claims),
        |e| gathered.add(e),
    );
    drop(shared);
    gathered.check(sources, rules, options)
}

/// Read the inputs, extract the claims of each as it is read, and run every check. The
/// inputs that could not be read come back beside the analysis, in input order.
pub fn analyze_inputs(
    inputs: &[walk::Input],
    read: impl Fn(&walk::Input) -> Result<Source, Error> + Sync,
    rules: &rules::Rules,
    options: &Options,
) -> (Analysis, Vec<Error>) {
    let mut gathered = Gathered::default();
    let mut sources = Vec::with_capacity(inputs.len());
    let mut errors = Vec::new();
    let shared = extract::SharedTexts::default();
    // What lets a source's memory go is done by the worker that extracted it, so that the
    // memory goes back to the allocator of the thread that took it.
    let settle = |source: &mut Source, e: &mut extract::Extraction| {
        shared.share_all(&mut e.claims);
        if options.release_texts {
            source.release_text();
        }
    };
    extract::read_and_extract(inputs, walk::prefetch, read, rules, settle, |r| match r {
        Ok((source, e)) => {
            sources.push(source);
            gathered.add(e);
        }
        Err(e) => errors.push(e),
    });
    drop(shared);
    (gathered.check(sources, rules, options), errors)
}

/// Every source's extraction, joined into one list of claims as they come.
#[derive(Default)]
struct Gathered {
    claims: Vec<Claim>,
    set_aside: Vec<SetAside>,
    /// Per claim: whether it is an old figure the text says was revised.
    revised: Vec<bool>,
    frames: Vec<extract::Frame>,
}

impl Gathered {
    /// Append one source's extraction, its claim and frame indices moved past those
    /// already held. A single large source's claims are taken as they are, not copied.
    fn add(&mut self, e: extract::Extraction) {
        let base = self.claims.len();
        let frame_base = self.frames.len() as u32;
        let mut own = e.claims;
        for c in &mut own {
            c.remap_refs(|i| Some(i + base));
            if let extract::ClaimKind::Quantity(q) = &mut c.kind {
                q.frame = q.frame.map(|i| i + frame_base);
            }
        }
        if self.claims.is_empty() {
            self.claims = own;
        } else {
            self.claims.append(&mut own);
        }
        // Claims in a sentence that acknowledges a revision are the old figures.
        self.revised.extend(self.claims[base..].iter().map(|c| {
            e.revisions
                .iter()
                .any(|r| r.start <= c.span.start() && c.span.start() < r.end)
        }));
        self.frames.extend(e.frames.into_iter().map(|mut f| {
            for i in f.claims_mut() {
                *i += base;
            }
            f
        }));
        self.set_aside.extend(e.set_aside);
    }

    /// Run every check on the claims gathered from `sources`, then triage the findings.
    fn check(self, mut sources: Vec<Source>, rules: &rules::Rules, options: &Options) -> Analysis {
        let Gathered {
            claims,
            set_aside,
            mut revised,
            frames,
        } = self;
        // The starting point of a change stated apart (`Turnout was 44%. ... down 3 points
        // to 41%`) is an old figure the text itself says has changed.
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
        let (findings, outcome) = triage::apply(&mut sources, findings, &options.triage);
        Analysis {
            sources,
            claim_count: claims.len(),
            claims,
            set_aside,
            frames,
            findings,
            triage: outcome,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use source::SourceKind;
    use walk::Input;

    /// A draft that shares its figures and names with the others, so the checks find
    /// disagreements across sources.
    fn draft(i: usize) -> String {
        format!(
            "Officials said {} soldiers were deployed on Tuesday, and Mayor Jane Doe{} \
             said 12 of the 40 schools had closed.\n",
            5_000 + 100 * (i % 3),
            if i.is_multiple_of(5) { "e" } else { "" }
        )
    }

    /// Reading as the sources are extracted gives the same analysis as reading them all
    /// first, with the sources that could not be read left out and no gap in the source
    /// ids, over more inputs than one batch holds.
    /// Letting each text go after extraction and reading it again for the checks and the
    /// report that show it changes no byte of any report, and claims can be let go before
    /// rendering without changing one either.
    #[test]
    fn texts_let_go_and_read_again_give_the_same_reports() {
        use cli::Format;
        let rules = rules::Rules::shipped();
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for i in 0..40 {
            let path = dir.path().join(format!("{i:02}.md"));
            let mut text = format!("---\ndate: 2021-03-0{}\n---\n\n{}", 1 + i % 9, draft(i));
            if i == 7 {
                text.push_str("\nTurnout was 41%. <!-- crosscheck-disable-line -->\n");
            }
            std::fs::write(&path, text).unwrap();
            inputs.push(walk::Input::File(path));
        }
        let read = |i: &walk::Input| walk::read(i, walk::ReadOptions::default());
        let run = |release_texts: bool| {
            let options = Options {
                release_texts,
                ..Options::default()
            };
            let (mut a, errors) = analyze_inputs(&inputs, read, rules, &options);
            assert!(errors.is_empty());
            if release_texts {
                a.release_claims();
                assert!(a.claims.is_empty());
            }
            let formats = [
                Format::Human,
                Format::Concise,
                Format::Json,
                Format::Sarif,
                Format::Github,
                Format::Junit,
            ];
            let style = report::human::Style { color: false };
            let mut out: Vec<String> = formats.iter().map(|&f| cli::render(&a, f, style)).collect();
            out.push(report::summary_line(&a));
            out.push(report::statistics(&a));
            (out, a.claim_count(), a.findings.len())
        };
        let (kept, released) = (run(false), run(true));
        assert!(kept.2 > 0 && kept.1 > 0);
        assert_eq!(kept, released);
    }

    #[test]
    fn reading_while_extracting_matches_reading_first() {
        let rules = rules::Rules::shipped();
        let n = 700;
        let inputs: Vec<Input> = (0..n).map(|i| Input::File(format!("{i}").into())).collect();
        let fails = |i: usize| i % 7 == 3 || i == 0 || i == n - 1;
        let read = |input: &Input| {
            let Input::File(p) = input else {
                unreachable!()
            };
            let i: usize = p.to_str().unwrap().parse().unwrap();
            if fails(i) {
                return Err(Error::Usage(format!("{i} fails")));
            }
            Ok(Source::new(
                format!("{i}.md"),
                draft(i),
                SourceKind::Markdown,
            ))
        };
        let (a, errors) = analyze_inputs(&inputs, read, rules, Options::default_ref());
        let failed: Vec<String> = (0..n)
            .filter(|&i| fails(i))
            .map(|i| format!("{i} fails"))
            .collect();
        assert_eq!(
            errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
            failed
        );
        let sources: Vec<Source> = inputs.iter().filter_map(|i| read(i).ok()).collect();
        let b = analyze_with(sources, rules, Options::default_ref());
        let paths = |a: &Analysis| a.sources.iter().map(|s| s.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&a), paths(&b));
        assert_eq!(a.claims, b.claims);
        assert_eq!(a.set_aside, b.set_aside);
        assert_eq!(a.findings, b.findings);
        assert!(!a.findings.is_empty());
    }
}
