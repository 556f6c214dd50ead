//! The command line in each workflow: every option of `check`, the configuration file,
//! suppressions, the baseline, and the subcommands, each checked for its output and exit
//! status.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

const A: &str = "The United States has 5,200 American soldiers in the country.\n";
const B: &str = "Washington keeps 5,000 American soldiers there.\n";

struct Out {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run_in(dir: &Path, args: &[&str]) -> Out {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// `text` starts with `prefix` (the whole text is shown when not).
fn assert_starts(text: &str, prefix: &str) {
    assert!(
        text.starts_with(prefix),
        "expected a start of {prefix:?} in:\n{text}"
    );
}

/// A folder with two drafts that disagree (one N001 finding).
fn drafts() -> TempDir {
    let d = TempDir::new().unwrap();
    std::fs::write(d.path().join("a.md"), A).unwrap();
    std::fs::write(d.path().join("b.md"), B).unwrap();
    d
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

// ----- formats ----------------------------------------------------------------------------

#[test]
fn concise_is_one_line_per_finding_then_the_summary() {
    let d = drafts();
    let o = run_in(d.path(), &["check", "--format", "concise", "."]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", o.stdout);
    assert!(
        lines[0]
            .starts_with("a.md:1:23: error[N001] `american troops` is given as 5,200 and 5,000"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("b.md:1: 5,000"), "{}", lines[0]);
    assert_eq!(lines[1], "1 error in 2 sources (3 claims)");
}

#[test]
fn human_is_the_default_and_quiet_drops_the_summary() {
    let d = drafts();
    let o = run_in(d.path(), &["check", "--color", "never", "."]);
    assert_eq!(o.code, 1);
    assert_starts(&o.stdout, "error[numeric-mismatch]: ");
    assert!(o.stdout.contains("╭─[a.md:1:23]"), "{}", o.stdout);
    assert!(o.stdout.ends_with("1 error in 2 sources (3 claims)\n"));
    let q = run_in(d.path(), &["check", "--color", "never", "--quiet", "."]);
    assert_eq!(q.code, 1);
    assert!(!q.stdout.contains("1 error in"), "{}", q.stdout);
    assert!(q.stdout.contains("error[numeric-mismatch]"));
    let clean = TempDir::new().unwrap();
    write(clean.path(), "a.md", A);
    let q = run_in(clean.path(), &["check", "-q", "."]);
    assert_eq!((q.code, q.stdout.as_str()), (0, ""));
}

#[test]
fn github_annotations_one_per_source_of_each_finding() {
    let d = drafts();
    let o = run_in(d.path(), &["check", "--format", "github", "."]);
    assert_eq!(o.code, 1);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", o.stdout);
    assert!(
        lines[0].starts_with(
            "::error file=a.md,line=1,col=23,endLine=1,endColumn=46,title=numeric-mismatch (N001)::`american troops` is given as 5,200 and 5,000%0Aa.md:1:23: 5,200%0Ab.md:1:18: 5,000"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("::error file=b.md,line=1,col=18,"),
        "{}",
        lines[1]
    );
}

#[test]
fn junit_has_a_failing_case_per_finding() {
    let d = drafts();
    let o = run_in(d.path(), &["check", "--format", "junit", "."]);
    assert_eq!(o.code, 1);
    assert_starts(
        &o.stdout,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"crosscheck\" tests=\"1\" failures=\"1\"",
    );
    assert!(
        o.stdout
            .contains("<testcase name=\"N001 numeric-mismatch at a.md:1:23\" classname=\"a.md\"")
    );
    assert!(o.stdout.contains(
        "<failure message=\"`american troops` is given as 5,200 and 5,000\" type=\"error\">"
    ));
    assert_eq!(o.stdout.matches("<testcase").count(), 1);
    let clean = TempDir::new().unwrap();
    write(clean.path(), "a.md", A);
    let o = run_in(clean.path(), &["check", "--format", "junit", "."]);
    assert_eq!(o.code, 0);
    assert!(
        o.stdout.contains("<testcase name=\"no findings\""),
        "{}",
        o.stdout
    );
    assert!(!o.stdout.contains("<failure"));
}

#[test]
fn machine_formats_keep_standard_output_for_the_document() {
    let d = drafts();
    for format in ["json", "sarif"] {
        let o = run_in(
            d.path(),
            &["check", "--format", format, "--statistics", "."],
        );
        assert_eq!(o.code, 1);
        let v: serde_json::Value = serde_json::from_str(&o.stdout)
            .unwrap_or_else(|e| panic!("{format}: {e}\n{}", o.stdout));
        assert!(v.is_object());
        assert_eq!(o.stderr, "    1  N001  numeric-mismatch\n", "{format}");
    }
}

#[test]
fn output_writes_the_report_to_a_file_and_the_summary_to_the_terminal() {
    let d = drafts();
    let o = run_in(
        d.path(),
        &[
            "check",
            "--format",
            "sarif",
            "--output",
            "report.sarif",
            ".",
        ],
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(o.stdout, "1 error in 2 sources (3 claims)\n");
    let sarif = std::fs::read_to_string(d.path().join("report.sarif")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 1);
    // Human output in a file is never coloured.
    let o = run_in(
        d.path(),
        &[
            "check",
            "--color",
            "always",
            "-o",
            "r.txt",
            "--statistics",
            ".",
        ],
    );
    assert_eq!(
        o.stdout,
        "    1  N001  numeric-mismatch\n1 error in 2 sources (3 claims)\n"
    );
    let txt = std::fs::read_to_string(d.path().join("r.txt")).unwrap();
    assert!(txt.contains("error[numeric-mismatch]") && !txt.contains('\x1b'));
    let o = run_in(d.path(), &["check", "-o", "no/such/dir/r.txt", "."]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .starts_with("crosscheck: error: no/such/dir/r.txt: no such file or directory"),
        "{}",
        o.stderr
    );
}

#[test]
fn statistics_count_findings_per_check() {
    let d = drafts();
    write(
        d.path(),
        "c.md",
        "The jet carried 17 people, including 57 Canadians.\n",
    );
    write(
        d.path(),
        "d.md",
        "The jet carried 176 people, including 57 Canadians.\n",
    );
    write(
        d.path(),
        "story.toml",
        "[[keys]]\nname = \"aboard\"\npatterns = ['carried {value} people']\n[[keys]]\nname = \"canadians-aboard\"\npatterns = ['including {value} Canadians']\n[[relations]]\npart = \"canadians-aboard\"\nwhole = \"aboard\"\n",
    );
    let o = run_in(
        d.path(),
        &[
            "check",
            "--rules",
            "story.toml",
            "--format",
            "concise",
            "--statistics",
            "-q",
            ".",
        ],
    );
    assert_eq!(o.code, 1);
    assert!(
        o.stdout
            .ends_with("    2  N001  numeric-mismatch\n    1  N003  part-exceeds-whole\n"),
        "{}",
        o.stdout
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let d = drafts();
    let o = run_in(d.path(), &["check", "--color", "always", "."]);
    assert!(o.stdout.contains("\x1b["));
    let o = run_in(d.path(), &["check", "--color", "never", "."]);
    assert!(!o.stdout.contains("\x1b["));
    // Not a terminal: auto means no colour.
    let o = run_in(d.path(), &["check", "."]);
    assert!(!o.stdout.contains("\x1b["));
    assert!(!crosscheck::cli::use_color(
        crosscheck::cli::ColorChoice::Never,
        true
    ));
    assert!(crosscheck::cli::use_color(
        crosscheck::cli::ColorChoice::Always,
        false
    ));
    // NO_COLOR turns auto off even on a terminal (checked in one process, as the variable
    // is process-wide).
    unsafe { std::env::set_var("NO_COLOR", "1") };
    assert!(!crosscheck::cli::use_color(
        crosscheck::cli::ColorChoice::Auto,
        true
    ));
    unsafe { std::env::remove_var("NO_COLOR") };
    assert!(crosscheck::cli::use_color(
        crosscheck::cli::ColorChoice::Auto,
        true
    ));
}

#[test]
fn fail_on_sets_the_exit_status() {
    let d = drafts();
    assert_eq!(
        run_in(d.path(), &["check", "--fail-on", "never", "."]).code,
        0
    );
    assert_eq!(
        run_in(d.path(), &["check", "--fail-on", "error", "."]).code,
        1
    );
    let o = run_in(d.path(), &["check", "--fail-on", "loud", "."]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("invalid value 'loud'"), "{}", o.stderr);
}

// ----- selection ---------------------------------------------------------------------------

#[test]
fn select_and_ignore_on_the_command_line() {
    let d = drafts();
    let o = run_in(
        d.path(),
        &["check", "--ignore", "numeric-mismatch", "-q", "."],
    );
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
    let o = run_in(d.path(), &["check", "--select", "N002,N003", "-q", "."]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
    let o = run_in(
        d.path(),
        &[
            "check", "--select", "numbers", "--format", "concise", "-q", ".",
        ],
    );
    assert_eq!(o.code, 1);
    let o = run_in(d.path(), &["check", "--select", "numbers-mismatch", "."]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "crosscheck: error: `numbers-mismatch` is not a check's code, name or group; did you mean `numeric-mismatch`?\n"
    );
}

// ----- configuration -----------------------------------------------------------------------

#[test]
fn the_configuration_is_found_walking_up_and_the_command_line_wins() {
    let d = drafts();
    write(
        d.path(),
        "crosscheck.toml",
        "paths = [\".\"]\n[severity]\nN001 = \"info\"\n",
    );
    std::fs::create_dir(d.path().join("sub")).unwrap();
    let sub = d.path().join("sub");
    // From a subdirectory: the file above is found, its paths are relative to it.
    let o = run_in(&sub, &["check", "--format", "concise"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert_starts(&o.stdout, "../a.md:1:23: info[N001]");
    // The command line's fail-on wins over the default.
    assert_eq!(run_in(&sub, &["check", "--fail-on", "info"]).code, 1);
    // --no-config: the severity of the check itself.
    let o = run_in(
        d.path(),
        &["check", "--no-config", "--format", "concise", "."],
    );
    assert_starts(&o.stdout, "a.md:1:23: error[N001]");
    // .crosscheck.toml is found too; --config names another file.
    std::fs::rename(
        d.path().join("crosscheck.toml"),
        d.path().join(".crosscheck.toml"),
    )
    .unwrap();
    let o = run_in(&sub, &["check", "--format", "concise", "-q"]);
    assert_starts(&o.stdout, "../a.md:1:23: info[N001]");
    // The file's format, unless the command line gives one.
    write(d.path(), "concise.toml", "format = \"concise\"\n");
    let o = run_in(d.path(), &["check", "--config", "concise.toml", "-q", "."]);
    assert_starts(&o.stdout, "a.md:1:23: error[N001]");
    let o = run_in(
        d.path(),
        &[
            "check",
            "--config",
            "concise.toml",
            "--format",
            "human",
            "-q",
            ".",
        ],
    );
    assert_starts(&o.stdout, "error[numeric-mismatch]");
    write(
        d.path(),
        "strict.toml",
        "fail-on = \"info\"\nignore = [\"all\"]\n",
    );
    let o = run_in(d.path(), &["check", "--config", "strict.toml", "-q", "."]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
    let o = run_in(d.path(), &["check", "--config", "nope.toml", "."]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "crosscheck: error: nope.toml: no such file or directory\n"
    );
}

#[test]
fn a_bad_configuration_points_into_the_file() {
    let d = drafts();
    write(
        d.path(),
        "crosscheck.toml",
        "select = [\"numbers\"]\nignore = [\"sum-mismach\"]\n",
    );
    let o = run_in(d.path(), &["check", "."]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.starts_with("crosscheck: error: crosscheck.toml: `sum-mismach` is not a check's code, name or group\n"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("[crosscheck.toml:2:11]"), "{}", o.stderr);
    assert!(
        o.stderr.contains("did you mean `sum-mismatch`?"),
        "{}",
        o.stderr
    );
    write(
        d.path(),
        "crosscheck.toml",
        "[[overrides]]\npaths = [\"archive\"]\nseverty = {}\n",
    );
    let o = run_in(d.path(), &["check", "."]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("unknown field `severty`"), "{}", o.stderr);
    assert!(o.stderr.contains("[crosscheck.toml:3:1]"), "{}", o.stderr);
}

#[test]
fn overrides_loosen_checks_under_a_path() {
    let d = TempDir::new().unwrap();
    write(d.path(), "archive/a.md", A);
    write(d.path(), "archive/b.md", B);
    write(
        d.path(),
        "drafts/c.md",
        "The jet carried 17 people, including 57 Canadians.\n",
    );
    write(
        d.path(),
        "crosscheck.toml",
        "[[overrides]]\npaths = [\"archive\"]\n[overrides.severity]\nnumeric-mismatch = \"info\"\n\n[[overrides]]\npaths = [\"drafts/**/*.md\"]\nignore = [\"part-exceeds-whole\"]\n",
    );
    let o = run_in(d.path(), &["check", "--format", "concise", "-q", "."]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert_eq!(o.stdout.lines().count(), 1, "{}", o.stdout);
    assert_starts(&o.stdout, "archive/a.md:1:23: info[N001]");
    // A finding with one source outside the override keeps the top-level policy.
    write(
        d.path(),
        "c.md",
        "Washington keeps 4,000 American soldiers there.\n",
    );
    let o = run_in(d.path(), &["check", "--format", "concise", "-q", "."]);
    assert!(o.stdout.contains("error[N001]"), "{}", o.stdout);
}

#[test]
fn init_writes_a_starter_and_never_overwrites() {
    let d = drafts();
    let o = run_in(d.path(), &["init"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = std::fs::read_to_string(d.path().join("crosscheck.toml")).unwrap();
    assert_eq!(text, include_str!("../src/starter.toml"));
    // The starter is a working configuration.
    let o = run_in(d.path(), &["check", "--format", "concise", "-q"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let o = run_in(d.path(), &["init"]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "crosscheck: error: crosscheck.toml already exists; not overwriting it\n"
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("crosscheck.toml")).unwrap(),
        text
    );
    assert_eq!(run_in(d.path(), &["init", "other.toml"]).code, 0);
}

// ----- suppressions ------------------------------------------------------------------------

#[test]
fn markdown_comments_suppress_and_unused_ones_are_reported() {
    let d = drafts();
    write(
        d.path(),
        "a.md",
        &format!(
            "<!-- crosscheck-disable-next-line N001 -->\n{A}\n<!-- crosscheck-disable-next-line sum-mismatch -->\nNothing here.\n"
        ),
    );
    let o = run_in(d.path(), &["check", "--format", "concise", "."]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert_eq!(
        o.stdout,
        "a.md:4:1: info[S001] `crosscheck-disable-next-line sum-mismatch` suppresses nothing\n1 info in 2 sources (3 claims); 1 suppressed not shown\n"
    );
    // --ignore-suppressions shows the finding again; S001 can be turned off.
    let o = run_in(
        d.path(),
        &[
            "check",
            "--format",
            "concise",
            "--ignore-suppressions",
            "-q",
            ".",
        ],
    );
    assert_starts(&o.stdout, "a.md:2:23: error[N001]");
    let o = run_in(d.path(), &["check", "--ignore", "S001", "-q", "."]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
}

#[test]
fn regions_and_plain_text_line_comments() {
    let d = TempDir::new().unwrap();
    write(
        d.path(),
        "a.md",
        &format!(
            "<!-- crosscheck-disable numeric-mismatch -->\n{A}\n<!-- crosscheck-enable numeric-mismatch -->\n"
        ),
    );
    write(
        d.path(),
        "b.txt",
        &format!("# crosscheck-disable-next-line N009\n{B}"),
    );
    let o = run_in(d.path(), &["check", "--format", "concise", "-q", "."]);
    assert_eq!(
        o.stdout,
        "b.txt:1:1: info[S001] `N009` in `crosscheck-disable-next-line N009` is not a check\n"
    );
    write(
        d.path(),
        "b.txt",
        &format!("// crosscheck-disable-next-line N001\n{B}"),
    );
    write(d.path(), "a.md", A);
    let o = run_in(d.path(), &["check", "--format", "concise", "."]);
    assert_eq!(o.code, 0, "{}", o.stdout);
}

// ----- baseline ----------------------------------------------------------------------------

#[test]
fn a_baseline_hides_what_it_records_and_reports_stale_entries() {
    let d = drafts();
    let o = run_in(
        d.path(),
        &["check", "--write-baseline", "baseline.toml", "."],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stderr, "crosscheck: wrote 1 finding to baseline.toml\n");
    let text = std::fs::read_to_string(d.path().join("baseline.toml")).unwrap();
    assert!(
        text.contains("code = \"N001\"") && text.contains("reason = \"\""),
        "{text}"
    );
    let o = run_in(
        d.path(),
        &[
            "check",
            "--baseline",
            "baseline.toml",
            "--format",
            "concise",
            ".",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert_eq!(
        o.stdout,
        "no findings in 2 sources (3 claims); 1 in the baseline not shown\n"
    );
    // Edits elsewhere keep it hidden.
    write(d.path(), "a.md", &format!("A new first paragraph.\n\n{A}"));
    let o = run_in(
        d.path(),
        &["check", "--baseline", "baseline.toml", "-q", "."],
    );
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
    // A reason filled in is kept when the baseline is written again.
    let filled = text.replace("reason = \"\"", "reason = \"the desk confirmed both\"");
    write(d.path(), "baseline.toml", &filled);
    run_in(
        d.path(),
        &["check", "--write-baseline", "baseline.toml", "-q", "."],
    );
    let again = std::fs::read_to_string(d.path().join("baseline.toml")).unwrap();
    assert!(again.contains("the desk confirmed both"), "{again}");
    // Fixing the figure makes the entry stale.
    write(
        d.path(),
        "b.md",
        "Washington keeps 5,200 American soldiers there.\n",
    );
    let o = run_in(
        d.path(),
        &[
            "check",
            "--baseline",
            "baseline.toml",
            "--format",
            "concise",
            ".",
        ],
    );
    assert_eq!(o.code, 0);
    assert_starts(&o.stdout, "baseline.toml:");
    assert!(
        o.stdout.contains("info[S002] baseline entry N001"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.ends_with("1 info in 2 sources (3 claims)\n"),
        "{}",
        o.stdout
    );
    // --no-baseline and a broken baseline.
    write(d.path(), "b.md", B);
    assert_eq!(
        run_in(
            d.path(),
            &["check", "--baseline", "baseline.toml", "--no-baseline", "."]
        )
        .code,
        2
    );
    write(
        d.path(),
        "broken.toml",
        "version = 1\n[[finding]]\ncode = \"N001\"\n",
    );
    let o = run_in(d.path(), &["check", "--baseline", "broken.toml", "."]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .starts_with("crosscheck: error: broken.toml: missing field `fingerprint`"),
        "{}",
        o.stderr
    );
}

#[test]
fn the_configuration_names_a_baseline() {
    let d = drafts();
    run_in(
        d.path(),
        &["check", "--write-baseline", "accepted.toml", "-q", "."],
    );
    write(
        d.path(),
        "crosscheck.toml",
        "baseline = \"accepted.toml\"\n",
    );
    assert_eq!(run_in(d.path(), &["check", "."]).code, 0);
    assert_eq!(run_in(d.path(), &["check", "--no-baseline", "."]).code, 1);
}

// ----- subcommands -------------------------------------------------------------------------

#[test]
fn rules_lists_every_check_and_pack() {
    let o = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["rules", "--rules", "rules/examples/iraq-2020.toml"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    for i in crosscheck::triage::select::all_infos() {
        let row = o
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(i.code));
        let row = row.unwrap_or_else(|| panic!("{} is not listed", i.code));
        assert!(row.contains(i.name) && row.contains(i.group) && row.contains(i.summary));
        assert!(row.contains(i.default_severity.as_str()));
    }
    assert!(
        o.stdout.contains("rules/examples/iraq-2020.toml"),
        "{}",
        o.stdout
    );
    // The configuration's packs are loaded too (unless --no-config).
    let d = drafts();
    write(d.path(), "story.toml", "[pack]\nname = \"story\"\n");
    write(d.path(), "crosscheck.toml", "rules = [\"story.toml\"]\n");
    let o = run_in(d.path(), &["rules"]);
    assert!(o.stdout.contains("  story (story.toml)"), "{}", o.stdout);
    let o = run_in(d.path(), &["rules", "--no-config"]);
    assert!(!o.stdout.contains("story"), "{}", o.stdout);
    write(d.path(), "crosscheck.toml", "rules = [\"nope.toml\"]\n");
    assert_eq!(run_in(d.path(), &["rules"]).code, 2);
}

#[test]
fn explain_covers_every_code() {
    let d = TempDir::new().unwrap();
    for i in crosscheck::triage::select::all_infos() {
        let o = run_in(d.path(), &["explain", i.code]);
        assert_eq!(o.code, 0);
        assert!(o.stdout.starts_with(&format!("{} ({}): ", i.name, i.code)));
        assert!(
            o.stdout.contains("## Example that stays silent"),
            "{}",
            i.code
        );
    }
    let o = run_in(d.path(), &["explain", "unused-suppresion"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("did you mean `unused-suppression`?"),
        "{}",
        o.stderr
    );
}

#[test]
fn completions_and_man_page() {
    let d = TempDir::new().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = run_in(d.path(), &["completions", shell]);
        assert_eq!(o.code, 0, "{shell}");
        assert!(o.stdout.contains("crosscheck"), "{shell}");
        assert!(o.stdout.contains("write-baseline"), "{shell}");
    }
    assert_eq!(run_in(d.path(), &["completions", "tcsh"]).code, 2);
    let o = run_in(d.path(), &["man"]);
    assert_eq!(o.code, 0);
    assert!(
        o.stdout.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &o.stdout[..80.min(o.stdout.len())]
    );
    assert!(o.stdout.contains(".TH crosscheck 1"), "{}", o.stdout);
    let o = run_in(d.path(), &["man", "--out-dir", "man"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for page in [
        "crosscheck.1",
        "crosscheck-check.1",
        "crosscheck-rules.1",
        "crosscheck-init.1",
    ] {
        let text = std::fs::read_to_string(d.path().join("man").join(page))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH"), "{page}");
    }
    let check = std::fs::read_to_string(d.path().join("man/crosscheck-check.1")).unwrap();
    assert!(check.contains("baseline"), "{check}");
}

#[test]
fn rules_test_runs_the_inline_tests_of_packs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = run_in(root, &["rules", "test", "rules/examples/iraq-2020.toml"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stdout.lines().all(|l| !l.starts_with("FAIL")),
        "{}",
        o.stdout
    );
    let last = o.stdout.lines().last().unwrap();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    assert!(
        o.stdout.contains("ok    rules/examples/iraq-2020.toml:"),
        "{}",
        o.stdout
    );
    // A pack whose test fails: exit status 1, and the failure says why.
    let d = TempDir::new().unwrap();
    write(
        d.path(),
        "pack.toml",
        "[[tests]]\ntext = \"Around 200 troops arrived.\"\nlow = 100\nhigh = 150\n",
    );
    let o = run_in(d.path(), &["rules", "test", "pack.toml"]);
    assert_eq!(o.code, 1, "{}", o.stdout);
    assert!(
        o.stdout
            .contains("FAIL  pack.toml:2: Around 200 troops arrived."),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.ends_with("1 tests, 0 passed, 1 failed\n"),
        "{}",
        o.stdout
    );
    // Every pack's tests, run from the repository with its configuration: each pack is
    // tested against the built-in packs and itself, so the story pack's named keys do not
    // change what a built-in pack's tests find.
    let o = run_in(root, &["rules", "test"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stdout.contains("ok    rules/subjects.toml:"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("ok    rules/examples/iraq-2020.toml:"),
        "{}",
        o.stdout
    );
    // A broken pack is a diagnostic and exit status 2.
    write(d.path(), "broken.toml", "[[tests]]\ntxt = \"x\"\n");
    let o = run_in(d.path(), &["rules", "test", "broken.toml"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("unknown field `txt`"), "{}", o.stderr);
}

// ----- sources: include, exclude, date, standard input ----------------------------------------

#[test]
fn include_and_exclude_choose_files_on_the_command_line_and_in_the_file() {
    let d = drafts();
    write(
        d.path(),
        "archive/old.md",
        "Washington keeps 4,000 American soldiers there.\n",
    );
    write(
        d.path(),
        "notes.txt",
        "Washington keeps 3,000 American soldiers there.\n",
    );
    let sources = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let o = run_in(d.path(), &all);
        let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
        v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        sources(&["--no-config", "."]),
        ["a.md", "archive/old.md", "b.md", "notes.txt"]
    );
    assert_eq!(
        sources(&["--no-config", "--exclude", "archive", "."]),
        ["a.md", "b.md", "notes.txt"]
    );
    assert_eq!(
        sources(&["--no-config", "--include", "*.txt", "."]),
        ["notes.txt"]
    );
    write(d.path(), "crosscheck.toml", "exclude = [\"archive\"]\n");
    assert_eq!(sources(&["."]), ["a.md", "b.md", "notes.txt"]);
    // The command line adds to the file's list.
    assert_eq!(sources(&["--exclude", "*.txt", "."]), ["a.md", "b.md"]);
    let o = run_in(d.path(), &["check", "--no-config", "--exclude", "a[", "."]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("invalid --exclude glob `a[`"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_default_date_from_the_command_line_or_the_file() {
    let d = drafts();
    write(
        d.path(),
        "c.md",
        "---\ndate: 2020-01-20\n---\nNo figures.\n",
    );
    let dates = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let o = run_in(d.path(), &all);
        let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
        v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["date"].clone())
            .collect()
    };
    assert_eq!(
        dates(&["--no-config", "."]),
        [
            serde_json::Value::Null,
            serde_json::Value::Null,
            "2020-01-20".into()
        ]
    );
    assert_eq!(
        dates(&["--no-config", "--date", "2020-01-15", "."]),
        ["2020-01-15", "2020-01-15", "2020-01-20"]
    );
    write(d.path(), "crosscheck.toml", "date = \"2020-01-10\"\n");
    assert_eq!(dates(&["."]), ["2020-01-10", "2020-01-10", "2020-01-20"]);
    assert_eq!(
        dates(&["--date", "2020-01-15", "."]),
        ["2020-01-15", "2020-01-15", "2020-01-20"]
    );
    let o = run_in(d.path(), &["check", "--date", "soon", "."]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "crosscheck: error: --date `soon` is not a date (expected YYYY-MM-DD)\n"
    );
}

#[test]
fn standard_input_is_one_more_source() {
    let d = drafts();
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(d.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "-q",
            "a.md",
            "-",
        ])
        .write_stdin(B)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_starts(&stdout, "a.md:1:23: error[N001]");
    assert!(stdout.contains("<stdin>:1: 5,000"), "{stdout}");
}

#[test]
fn config_shows_the_settings_in_force() {
    let d = drafts();
    let o = run_in(d.path(), &["config"]);
    assert_eq!(o.code, 0);
    assert_starts(
        &o.stdout,
        "configuration: (none: built-in defaults)\npaths: .\n",
    );
    assert!(
        o.stdout
            .contains("  N001  numeric-mismatch         on, error by default\n"),
        "{}",
        o.stdout
    );
    write(
        d.path(),
        "crosscheck.toml",
        "fail-on = \"error\"\nignore = [\"N003\"]\n[severity]\nnumbers = \"warning\"\n[[overrides]]\npaths = [\"archive\"]\nignore = [\"sum-mismatch\"]\n",
    );
    let o = run_in(d.path(), &["config"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_starts(&o.stdout, "configuration: crosscheck.toml\n");
    for line in [
        "fail-on: error\n",
        "  N001  numeric-mismatch         on, warning\n",
        "  N003  part-exceeds-whole       off\n",
        "  S001  unused-suppression       on, info by default\n",
        "override for archive:\n  N002  sum-mismatch             off\n",
    ] {
        assert!(o.stdout.contains(line), "{line:?} not in:\n{}", o.stdout);
    }
    let o = run_in(d.path(), &["config", "--no-config"]);
    assert_starts(&o.stdout, "configuration: (none: built-in defaults)\n");
    write(d.path(), "crosscheck.toml", "fail-on = 3\n");
    assert_eq!(run_in(d.path(), &["config"]).code, 2);
}
