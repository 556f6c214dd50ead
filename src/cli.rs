//! The command line: clap definitions, and the wiring of the library's pipeline.

use std::io::{IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::check::Severity;
use crate::config::Config;
use crate::report::{self, Style};
use crate::rules::{Rules, testing};
use crate::triage::{self, Baseline, select};
use crate::walk::{self, ReadOptions, WalkOptions};
use crate::{Analysis, Error, Options};

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
    /// Show the configuration in force: the file found, every setting, and the state of
    /// every check.
    Config {
        /// Use this configuration file instead of looking for crosscheck.toml.
        #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
        config: Option<PathBuf>,
        /// Ignore any crosscheck.toml (show the built-in defaults).
        #[arg(long)]
        no_config: bool,
    },
    /// Write a commented starter configuration (crosscheck.toml); never overwrites.
    Init {
        /// Where to write it.
        #[arg(default_value = "crosscheck.toml")]
        path: PathBuf,
    },
    /// Print a shell completion script (`crosscheck completions bash > ...`).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page, in roff (`crosscheck man > crosscheck.1`), or write one page per
    /// command into a directory.
    Man {
        /// Write crosscheck.1, crosscheck-check.1, ... into this directory.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
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
    /// One line per finding: `path:line:col: severity[code] message`.
    Concise,
    /// One JSON document (schema: schema/report.schema.json).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML, for CI dashboards.
    Junit,
}

/// Output formats of `claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormat {
    /// One line per claim.
    Human,
    /// One JSON document.
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
    /// Output format [default: the configuration's `format`, or human].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the report to FILE; the summary still goes to the terminal.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with status 1 when a finding reaches this severity [default: warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Colour the output (`auto`: when standard output is a terminal and NO_COLOR is unset).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print the findings only: no summary line, no notes.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Also print the number of findings of each check.
    #[arg(long)]
    pub statistics: bool,
    /// Run only these checks (codes, names or groups; comma-separated; replaces the
    /// configuration's `select`).
    #[arg(long, value_name = "CHECKS", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these checks (codes, names or groups; comma-separated; added to the
    /// configuration's `ignore`).
    #[arg(long, value_name = "CHECKS", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Report findings even where a comment suppresses them.
    #[arg(long)]
    pub ignore_suppressions: bool,
    /// Hide the findings recorded in this baseline (replaces the configuration's).
    #[arg(long, value_name = "FILE", conflicts_with = "no_baseline")]
    pub baseline: Option<PathBuf>,
    /// Use no baseline, even if the configuration names one.
    #[arg(long)]
    pub no_baseline: bool,
    /// Record every finding in this baseline file and exit (reasons already in it are kept).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub fixes: FixArgs,
}

/// Fact sheets and fixes.
#[derive(Debug, Args, Default)]
pub struct FixArgs {
    /// Check every claim against this fact sheet (repeatable; added to the configuration's
    /// `facts`).
    #[arg(long = "facts", value_name = "FILE")]
    pub facts: Vec<PathBuf>,
    /// Print the fixes as a unified diff and change nothing (exit 1 when there are fixes).
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
    #[arg(long, value_enum, default_value_t = ClaimsFormat::Human)]
    pub format: ClaimsFormat,
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
    /// Use this configuration file (for its `rules`) instead of looking for crosscheck.toml.
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any crosscheck.toml (load only the built-in packs and those given).
    #[arg(long, global = true)]
    pub no_config: bool,
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
        Command::Init { path } => cmd_init(&path),
        Command::Config { config, no_config } => cmd_config(config.as_deref(), no_config),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "crosscheck", &mut out);
            write_stdout(&String::from_utf8_lossy(&out));
            0
        }
        Command::Man { out_dir: Some(dir) } => {
            let made = std::fs::create_dir_all(&dir)
                .and_then(|()| clap_mangen::generate_to(Cli::command(), &dir));
            match made {
                Ok(()) => 0,
                Err(e) => {
                    print_error(&Error::Io {
                        path: dir.display().to_string(),
                        message: crate::io_message(&e),
                    });
                    2
                }
            }
        }
        Command::Man { out_dir: None } => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => {
                    write_stdout(&String::from_utf8_lossy(&out));
                    0
                }
                Err(e) => {
                    print_error(&Error::Usage(format!("cannot render the man page: {e}")));
                    2
                }
            }
        }
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
                // miette's header (the message, wrapped over several lines when long) is
                // replaced by the line above.
                let mut lines = s.lines().skip(1).peekable();
                while lines.next_if(|l| l.starts_with("  │ ")).is_some() {}
                for l in lines {
                    let _ = writeln!(err, "{l}");
                }
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
    /// Never dropped: the process ends right after reporting, and freeing a large run's
    /// claims one by one would only add to its time.
    analysis: ManuallyDrop<Analysis>,
    config: Config,
    errors: usize,
}

/// Load the configuration, the rules and the sources, and run the pipeline. `check`
/// passes its own arguments, which add selection and a baseline to the options.
fn load(src: &SourceArgs, check: Option<&CheckArgs>) -> Result<Loaded, i32> {
    let fail = |e: Error| {
        print_error(&e);
        2
    };
    let config = load_config(src.config.as_deref(), src.no_config).map_err(fail)?;
    let mut packs = config.rules.clone();
    packs.extend(src.rules.iter().cloned());
    let date = match &src.date {
        Some(d) => Some(crate::source::parse_iso_date(d).ok_or_else(|| {
            fail(Error::Usage(format!(
                "--date `{d}` is not a date (expected YYYY-MM-DD)"
            )))
        })?),
        None => config.date,
    };
    let options = match check {
        Some(args) => check_options(args, &config).map_err(fail)?,
        None => Options::default(),
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
    // The rule packs are compiled while the inputs are found (both take a few
    // milliseconds). A pack that does not load ends the run before any input is read.
    let (rules, (inputs, mut errors)) =
        rayon::join(|| Rules::load(&packs), || walk::collect(&paths, &opts));
    let rules = rules.map_err(fail)?;
    let read = ReadOptions { lossy: src.lossy };
    // Each input is extracted as soon as it is read; the errors of those that could not
    // be read follow the errors of the walk, in input order.
    let (analysis, read_errors) = crate::analyze_inputs(
        &inputs,
        |i| walk::read(i, read).map(|s| s.with_default_date(date)),
        &rules,
        &options,
    );
    errors.extend(read_errors);
    for e in &errors {
        print_error(e);
    }
    let analysis = ManuallyDrop::new(analysis);
    Ok(Loaded {
        rules,
        analysis,
        config,
        errors: errors.len(),
    })
}

/// The options of a `check` run: the configuration's selection and overrides, with the
/// command line's on top, and the baseline.
fn check_options(args: &CheckArgs, config: &Config) -> Result<Options, Error> {
    let mut selection = config.selection.clone();
    for s in args.select.iter().chain(&args.ignore) {
        if !select::is_known(s) {
            return Err(Error::Usage(format!(
                "`{s}` is not a check's code, name or group; {}",
                select::hint(s)
            )));
        }
    }
    if !args.select.is_empty() {
        selection.select = Some(args.select.clone());
    }
    selection.ignore.extend(args.ignore.iter().cloned());
    let baseline_path = if args.no_baseline || args.write_baseline.is_some() {
        None
    } else {
        args.baseline.clone().or_else(|| config.baseline.clone())
    };
    let baseline = baseline_path.as_deref().map(Baseline::load).transpose()?;
    let facts = config
        .facts
        .iter()
        .chain(&args.fixes.facts)
        .map(|p| crate::facts::FactSheet::load(p))
        .collect::<Result<Vec<_>, _>>()?;
    // A fix is checked against the text first read, and a fact's pattern is run over
    // every text: both keep the texts.
    let release_texts = !(args.fixes.fix
        || args.fixes.diff
        || facts.iter().any(crate::facts::FactSheet::reads_texts));
    // Options that other flags set keep their defaults here.
    #[allow(clippy::needless_update)]
    Ok(Options {
        triage: triage::Settings {
            rules: selection,
            overrides: config.overrides.clone(),
            ignore_suppressions: args.ignore_suppressions,
            baseline,
        },
        facts,
        prefer_majority: args.fixes.prefer_majority,
        release_texts,
        ..Options::default()
    })
}

/// The configuration: the file named, none, or the one found walking up.
fn load_config(named: Option<&Path>, none: bool) -> Result<Config, Error> {
    if none {
        return Ok(Config::default());
    }
    if let Some(p) = named {
        return Config::load(p);
    }
    let cwd = std::env::current_dir().map_err(|e| Error::Io {
        path: ".".into(),
        message: crate::io_message(&e),
    })?;
    match Config::discover(&cwd) {
        Some(p) => {
            // Show paths relative to where we are: `crosscheck.toml`, `../crosscheck.toml`.
            let rel = match p.parent().and_then(|dir| cwd.strip_prefix(dir).ok()) {
                Some(below) => {
                    let mut rel = PathBuf::new();
                    for _ in below.components() {
                        rel.push("..");
                    }
                    rel.join(p.file_name().unwrap_or_default())
                }
                None => p,
            };
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

fn write_stderr(s: &str) {
    let _ = std::io::stderr().lock().write_all(s.as_bytes());
}

/// Whether to colour: `always` and `never` as said; `auto` when standard output is a
/// terminal and NO_COLOR is unset (or empty).
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The report in a format.
pub fn render(a: &Analysis, format: Format, style: Style) -> String {
    match format {
        Format::Human => a
            .findings
            .iter()
            .map(|f| report::human::render_finding(f, &a.sources, style) + "\n")
            .collect(),
        Format::Concise => report::concise::render(a),
        Format::Json => report::json::render(a),
        Format::Sarif => report::sarif::render(a),
        Format::Github => report::github::render(a),
        Format::Junit => report::junit::render(a),
    }
}

fn cmd_check(args: CheckArgs) -> i32 {
    let mut loaded = match load(&args.src, Some(&args)) {
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
                if !args.quiet {
                    write_stderr(&format!(
                        "crosscheck: fixed {} in {}\n",
                        plural(done.edits, "place", "places"),
                        plural(done.files, "file", "files")
                    ));
                }
            }
            Err(errors) => {
                for e in &errors {
                    print_error(e);
                }
                return 2;
            }
        }
        // Report what is left, on the files as they are now.
        drop(ManuallyDrop::into_inner(loaded.analysis));
        loaded = match load(&args.src, Some(&args)) {
            Ok(l) => l,
            Err(code) => return code,
        };
    }
    // Only the findings and the texts they point at are shown from here on.
    loaded.analysis.release_claims();
    let a = &loaded.analysis;
    if let Some(path) = &args.write_baseline {
        return write_baseline(path, a, args.quiet, loaded.errors);
    }
    let format = args
        .format
        .or_else(|| {
            let f = loaded.config.format.as_deref()?;
            Format::from_str(f, true).ok()
        })
        .unwrap_or(Format::Human);
    let to_file = args.output.is_some();
    let style = Style {
        color: !to_file && use_color(args.color, std::io::stdout().is_terminal()),
    };
    let text = render(a, format, style);
    // What people read: the statistics and the summary line.
    let mut summary = String::new();
    if args.statistics {
        summary.push_str(&report::statistics(a));
    }
    if !args.quiet {
        summary.push_str(&report::summary_line(a));
        summary.push('\n');
    }
    let human_stdout = matches!(format, Format::Human | Format::Concise);
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &text) {
                print_error(&Error::Io {
                    path: path.display().to_string(),
                    message: crate::io_message(&e),
                });
                return 2;
            }
            write_stdout(&summary);
        }
        None if human_stdout => {
            write_stdout(&(text + &summary));
        }
        None => {
            // Standard output carries the document alone.
            write_stdout(&text);
            if args.statistics {
                write_stderr(&report::statistics(a));
            }
        }
    }
    let errors = loaded.errors + print_reread_errors(a);
    let fail_on = args
        .fail_on
        .or_else(|| loaded.config.fail_on.as_deref().and_then(FailOn::parse))
        .unwrap_or(FailOn::Warning);
    let _ = &loaded.rules;
    if errors > 0 {
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

/// Print one line for each text that was let go and could not be read again (its excerpts
/// are blank); how many.
fn print_reread_errors(a: &Analysis) -> usize {
    let mut n = 0;
    for s in &a.sources {
        if let Some(message) = s.reread_error() {
            print_error(&Error::Io {
                path: s.path.clone(),
                message: message.to_string(),
            });
            n += 1;
        }
    }
    n
}

fn write_baseline(path: &Path, a: &Analysis, quiet: bool, errors: usize) -> i32 {
    let base = triage::baseline::base_dir(path);
    let previous = std::fs::read_to_string(path)
        .ok()
        .and_then(|t| Baseline::parse(path, t).ok());
    let entries: Vec<_> = a
        .findings
        .iter()
        .map(|f| triage::baseline::entry(f, &a.sources, &base))
        .collect();
    // A fingerprint of a text that could not be read again would be wrong: write none.
    if print_reread_errors(a) > 0 {
        return 2;
    }
    let n = entries.len();
    let text = triage::baseline::render(entries, previous.as_ref());
    if let Err(e) = std::fs::write(path, text) {
        print_error(&Error::Io {
            path: path.display().to_string(),
            message: crate::io_message(&e),
        });
        return 2;
    }
    if !quiet {
        write_stderr(&format!(
            "crosscheck: wrote {} to {}\n",
            if n == 1 {
                "1 finding".to_string()
            } else {
                format!("{n} findings")
            },
            path.display()
        ));
    }
    if errors > 0 { 2 } else { 0 }
}

fn cmd_claims(args: ClaimsArgs) -> i32 {
    let loaded = match load(&args.src, None) {
        Ok(l) => l,
        Err(code) => return code,
    };
    match args.format {
        ClaimsFormat::Human => {
            write_stdout(&report::render_claims_human(&loaded.analysis, args.all))
        }
        ClaimsFormat::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            // As in `write_stdout`: a closed pipe ends the listing quietly.
            let _ =
                report::json::write_claims(&loaded.analysis, &mut out).and_then(|_| out.flush());
        }
    }
    if loaded.errors > 0 { 2 } else { 0 }
}

fn cmd_explain(name: &str) -> i32 {
    match select::find_info(name) {
        Some(i) => {
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
            let infos = select::all_infos();
            let names: Vec<&str> = infos.iter().flat_map(|i| [i.code, i.name]).collect();
            let hint = crate::rules::closest(name, &names)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_else(|| "; `crosscheck rules` lists them".into());
            print_error(&Error::Usage(format!("no check is called `{name}`{hint}")));
            2
        }
    }
}

fn cmd_config(named: Option<&Path>, none: bool) -> i32 {
    use std::fmt::Write as _;
    let c = match load_config(named, none) {
        Ok(c) => c,
        Err(e) => {
            print_error(&e);
            return 2;
        }
    };
    let list = |v: &[String]| {
        if v.is_empty() {
            "(none)".to_string()
        } else {
            v.join(", ")
        }
    };
    let files = |v: &[PathBuf]| {
        list(
            &v.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>(),
        )
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "configuration: {}",
        c.path
            .as_ref()
            .map_or("(none: built-in defaults)".to_string(), |p| p
                .display()
                .to_string())
    );
    let paths = if c.paths.is_empty() {
        vec![".".to_string()]
    } else {
        c.paths.clone()
    };
    let _ = writeln!(out, "paths: {}", list(&paths));
    let _ = writeln!(out, "include: {}", list(&c.include));
    let _ = writeln!(out, "exclude: {}", list(&c.exclude));
    let _ = writeln!(out, "rules: {}", files(&c.rules));
    let _ = writeln!(out, "facts: {}", files(&c.facts));
    let _ = writeln!(
        out,
        "date: {}",
        c.date.map_or("(none)".to_string(), |d| d.to_string())
    );
    let _ = writeln!(
        out,
        "fail-on: {}",
        c.fail_on.as_deref().unwrap_or("warning")
    );
    let _ = writeln!(out, "format: {}", c.format.as_deref().unwrap_or("human"));
    let _ = writeln!(
        out,
        "baseline: {}",
        c.baseline
            .as_ref()
            .map_or("(none)".to_string(), |p| p.display().to_string())
    );
    let top = triage::Policy::top(&c.selection);
    out.push_str("checks:\n");
    for i in select::all_infos() {
        let _ = writeln!(out, "  {:<5} {:<24} {}", i.code, i.name, top.describe(i));
    }
    for o in &c.overrides {
        let p = top.with(&o.rules);
        let _ = writeln!(out, "override for {}:", o.patterns.join(", "));
        for i in select::all_infos() {
            if p.describe(i) != top.describe(i) {
                let _ = writeln!(out, "  {:<5} {:<24} {}", i.code, i.name, p.describe(i));
            }
        }
    }
    write_stdout(&out);
    0
}

fn cmd_init(path: &Path) -> i32 {
    if path.exists() {
        print_error(&Error::Usage(format!(
            "{} already exists; not overwriting it",
            path.display()
        )));
        return 2;
    }
    let mut f = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) => {
            print_error(&Error::Io {
                path: path.display().to_string(),
                message: crate::io_message(&e),
            });
            return 2;
        }
    };
    if let Err(e) = f.write_all(crate::config::STARTER.as_bytes()) {
        print_error(&Error::Io {
            path: path.display().to_string(),
            message: crate::io_message(&e),
        });
        return 2;
    }
    write_stderr(&format!(
        "crosscheck: wrote {}; edit it, then run `crosscheck check`\n",
        path.display()
    ));
    0
}

fn cmd_rules(args: RulesArgs) -> i32 {
    // The configuration's packs, then those of --rules, then PACKS.
    let mut packs = match load_config(args.config.as_deref(), args.no_config) {
        Ok(c) => c.rules,
        Err(e) => {
            print_error(&e);
            return 2;
        }
    };
    packs.extend(args.rules.iter().cloned());
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
    for i in select::all_infos() {
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
