//! The command line: clap definitions, and the wiring of the library's pipeline.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::{CHECKS, Severity};
use crate::config::Config;
use crate::report::{self, Style};
use crate::rules::{Rules, testing};
use crate::walk::{self, ReadOptions, WalkOptions};
use crate::{Analysis, Error};

/// A linter for claims: it reads several sources on one story, extracts the figures in
/// them, and reports, compiler-style, where they disagree.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check sources and report where their claims disagree.
    Check(CheckArgs),
    /// List the claims extracted from sources (for writing and debugging rules).
    Claims(ClaimsArgs),
    /// Print the documentation of a check, by code or name.
    Explain {
        /// A check's code (`N001`) or name (`numeric-mismatch`).
        check: String,
    },
    /// List the checks and the loaded rule packs, or run the packs' inline tests.
    Rules(RulesArgs),
}

/// Where sources come from and how they are read.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Files or directories to read (directories are walked, honouring .gitignore, for
    /// .md, .markdown and .txt files); `-` reads standard input. Default: the configured
    /// paths, or `.`.
    pub paths: Vec<String>,
    /// Load an extra rule pack (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
    /// Only take files matching this glob from directories (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files and directories matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// The date of sources that do not give their own.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Read files that are not valid UTF-8, replacing bad bytes with U+FFFD.
    #[arg(long)]
    pub lossy: bool,
    /// Use this configuration file instead of looking for crosscheck.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any crosscheck.toml.
    #[arg(long)]
    pub no_config: bool,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics.
    Human,
    /// One JSON document (schema in the README).
    Json,
}

/// The least severity that makes `check` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn parse(s: &str) -> Option<FailOn> {
        FailOn::from_str(s, true).ok()
    }

    fn fails(self, sev: Severity) -> bool {
        match self {
            FailOn::Error => sev >= Severity::Error,
            FailOn::Warning => sev >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub src: SourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with status 1 when a finding reaches this severity [default: warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Colour the output (also off when NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub fixes: FixArgs,
}

/// Fact sheets and fixes.
#[derive(Debug, Args, Default)]
pub struct FixArgs {
    /// Check every claim against this fact sheet (repeatable; README: fact sheets).
    #[arg(long = "facts", value_name = "FILE")]
    pub facts: Vec<PathBuf>,
    /// Print the fixes as a unified diff and change nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Apply the fixes, writing each changed file atomically, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Fix a name spelled several ways to the spelling used most.
    #[arg(long)]
    pub prefer_majority: bool,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub src: SourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also list the figures set aside as not claims (years, times, identifiers ...).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    /// Load an extra rule pack (repeatable).
    #[arg(long = "rules", value_name = "FILE", global = true)]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Run the inline tests of the built-in packs and of PACKS.
    Test {
        /// Rule pack files whose tests to run (their own tests only, when given).
        packs: Vec<PathBuf>,
    },
}

/// Parse the command line, run, and return the exit status.
pub fn main() -> i32 {
    let cli = Cli::parse();
    run(cli)
}

/// Run a parsed command line and return the exit status.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => cmd_check(args),
        Command::Claims(args) => cmd_claims(args),
        Command::Explain { check } => cmd_explain(&check),
        Command::Rules(args) => cmd_rules(args),
    }
}

/// Print an error to standard error: one line, or a diagnostic pointing into a file.
pub fn print_error(e: &Error) {
    let mut err = std::io::stderr().lock();
    match e {
        Error::Rules(list) | Error::Config(list) | Error::Facts(list) => {
            let handler = miette::GraphicalReportHandler::new_themed(
                if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
                    miette::GraphicalTheme::unicode()
                } else {
                    miette::GraphicalTheme::unicode_nocolor()
                },
            )
            .with_width(100);
            for d in list {
                let mut s = String::new();
                let _ = handler.render_report(&mut s, d);
                let _ = writeln!(err, "crosscheck: error: {}", d.message);
                let _ = write!(err, "{}", s.split_once('\n').map_or("", |(_, r)| r));
            }
        }
        other => {
            let _ = writeln!(err, "crosscheck: error: {other}");
        }
    }
}

/// Everything `check` and `claims` share: configuration, rules, sources.
struct Loaded {
    rules: Rules,
    analysis: Analysis,
    config: Config,
    errors: usize,
}

fn load(src: &SourceArgs, fixes: &FixArgs) -> Result<Loaded, i32> {
    let config = match load_config(src) {
        Ok(c) => c,
        Err(e) => {
            print_error(&e);
            return Err(2);
        }
    };
    let mut packs = config.rules.clone();
    packs.extend(src.rules.iter().cloned());
    let rules = match Rules::load(&packs) {
        Ok(r) => r,
        Err(e) => {
            print_error(&e);
            return Err(2);
        }
    };
    let date = match &src.date {
        Some(d) => match crate::source::parse_iso_date(d) {
            Some(d) => Some(d),
            None => {
                print_error(&Error::Usage(format!(
                    "--date `{d}` is not a date (expected YYYY-MM-DD)"
                )));
                return Err(2);
            }
        },
        None => config.date,
    };
    let mut paths = src.paths.clone();
    if paths.is_empty() {
        paths = config.paths.clone();
    }
    if paths.is_empty() {
        paths.push(".".into());
    }
    let mut opts = WalkOptions {
        include: config.include.clone(),
        exclude: config.exclude.clone(),
    };
    opts.include.extend(src.include.iter().cloned());
    opts.exclude.extend(src.exclude.iter().cloned());
    let (inputs, mut errors) = walk::collect(&paths, &opts);
    let (sources, read_errors) = walk::read_all(&inputs, ReadOptions { lossy: src.lossy });
    errors.extend(read_errors);
    for e in &errors {
        print_error(e);
    }
    let sources = sources
        .into_iter()
        .map(|s| s.with_default_date(date))
        .collect();
    let mut sheets = Vec::new();
    for p in config.facts.iter().chain(&fixes.facts) {
        match crate::facts::FactSheet::load(p) {
            Ok(s) => sheets.push(s),
            Err(e) => {
                print_error(&e);
                return Err(2);
            }
        }
    }
    let options = crate::Options {
        facts: sheets,
        prefer_majority: fixes.prefer_majority,
    };
    let analysis = crate::analyze_with(sources, &rules, &options);
    Ok(Loaded {
        rules,
        analysis,
        config,
        errors: errors.len(),
    })
}

fn load_config(src: &SourceArgs) -> Result<Config, Error> {
    if src.no_config {
        return Ok(Config::default());
    }
    if let Some(p) = &src.config {
        return Config::load(p);
    }
    let cwd = std::env::current_dir().map_err(|e| Error::Io {
        path: ".".into(),
        message: crate::io_message(&e),
    })?;
    match Config::discover(&cwd) {
        Some(p) => {
            // Show paths relative to where we are.
            let rel = p.strip_prefix(&cwd).map(PathBuf::from).unwrap_or(p);
            Config::load(&rel)
        }
        None => Ok(Config::default()),
    }
}

fn write_stdout(s: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`crosscheck check | head`) is not an error worth a panic.
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

fn cmd_check(args: CheckArgs) -> i32 {
    let mut loaded = match load(&args.src, &args.fixes) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if args.fixes.diff || args.fixes.fix {
        let a = &loaded.analysis;
        let plan = crate::fix::plan(&a.findings, &a.sources);
        if args.fixes.diff {
            write_stdout(&crate::fix::render_diff(&a.sources, &plan));
            return if loaded.errors > 0 {
                2
            } else if plan.is_empty() {
                0
            } else {
                1
            };
        }
        match crate::fix::write(&a.sources, &plan) {
            Ok(done) => {
                eprintln!(
                    "crosscheck: fixed {} in {}",
                    plural(done.edits, "place", "places"),
                    plural(done.files, "file", "files")
                );
            }
            Err(errors) => {
                for e in &errors {
                    print_error(e);
                }
                return 2;
            }
        }
        // Report what is left, on the files as they are now.
        loaded = match load(&args.src, &args.fixes) {
            Ok(l) => l,
            Err(code) => return code,
        };
    }
    let a = &loaded.analysis;
    let text = match args.format {
        Format::Human => report::render_human(
            a,
            Style {
                color: use_color(args.color),
            },
        ),
        Format::Json => report::json::render(a),
    };
    write_stdout(&text);
    let fail_on = args
        .fail_on
        .or_else(|| loaded.config.fail_on.as_deref().and_then(FailOn::parse))
        .unwrap_or(FailOn::Warning);
    let _ = &loaded.rules;
    if loaded.errors > 0 {
        2
    } else if a.findings.iter().any(|f| fail_on.fails(f.severity)) {
        1
    } else {
        0
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn cmd_claims(args: ClaimsArgs) -> i32 {
    let loaded = match load(&args.src, &FixArgs::default()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let text = match args.format {
        Format::Human => report::render_claims_human(&loaded.analysis, args.all),
        Format::Json => report::json::render_claims(&loaded.analysis),
    };
    write_stdout(&text);
    if loaded.errors > 0 { 2 } else { 0 }
}

fn cmd_explain(name: &str) -> i32 {
    match crate::check::find(name) {
        Some(c) => {
            let i = c.info();
            write_stdout(&format!(
                "{} ({}): {}\n\ngroup: {}; default severity: {}\n\n{}",
                i.name,
                i.code,
                i.summary,
                i.group,
                i.default_severity.as_str(),
                i.doc
            ));
            0
        }
        None => {
            let names: Vec<&str> = CHECKS
                .iter()
                .flat_map(|c| [c.info().code, c.info().name])
                .collect();
            let hint = crate::rules::closest(name, &names)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_else(|| "; `crosscheck rules` lists them".into());
            print_error(&Error::Usage(format!("no check is called `{name}`{hint}")));
            2
        }
    }
}

fn cmd_rules(args: RulesArgs) -> i32 {
    let mut packs = args.rules.clone();
    let only: Vec<String> = match &args.action {
        Some(RulesAction::Test { packs: p }) => {
            packs.extend(p.iter().cloned());
            p.iter().map(|x| x.display().to_string()).collect()
        }
        None => Vec::new(),
    };
    let rules = match Rules::load(&packs) {
        Ok(r) => r,
        Err(e) => {
            print_error(&e);
            return 2;
        }
    };
    match args.action {
        None => {
            write_stdout(&list_rules(&rules));
            0
        }
        Some(RulesAction::Test { .. }) => {
            let outcomes = testing::run(&rules, &only);
            let mut out = String::new();
            let mut failed = 0;
            for o in &outcomes {
                let t = o.test;
                match &o.failure {
                    None => out.push_str(&format!(
                        "ok    {}:{}: {}\n",
                        t.path,
                        t.line,
                        t.def.text.get_ref()
                    )),
                    Some(why) => {
                        failed += 1;
                        out.push_str(&format!(
                            "FAIL  {}:{}: {}\n      {why}\n",
                            t.path,
                            t.line,
                            t.def.text.get_ref()
                        ));
                    }
                }
            }
            out.push_str(&format!(
                "{} tests, {} passed, {failed} failed\n",
                outcomes.len(),
                outcomes.len() - failed
            ));
            write_stdout(&out);
            if failed > 0 { 1 } else { 0 }
        }
    }
}

fn list_rules(rules: &Rules) -> String {
    let mut out = String::from("checks:\n");
    for c in CHECKS {
        let i = c.info();
        out.push_str(&format!(
            "  {:<5} {:<20} {:<8} {:<8} {}\n",
            i.code,
            i.name,
            i.default_severity.as_str(),
            i.group,
            i.summary
        ));
    }
    out.push_str("\npacks:\n");
    for p in &rules.packs {
        out.push_str(&format!(
            "  {} ({}{}): {} hedges, {} vague words, {} synonym groups, {} keys, {} relations, {} tests\n",
            p.name,
            if p.builtin { "built in, " } else { "" },
            p.path,
            p.hedges,
            p.vague,
            p.synonyms,
            p.keys,
            p.relations,
            p.tests
        ));
        if let Some(d) = &p.description {
            out.push_str(&format!("      {d}\n"));
        }
    }
    out
}
