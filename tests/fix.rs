//! `--diff` and `--fix` on copies of fixture files: the diff is exact, a fixed file checks
//! clean, fixing twice changes nothing, and a file that cannot be written (read-only,
//! vanished) stops the run with a clear error before any file is changed. A crash between
//! writing and renaming (injected with `CROSSCHECK_FAILPOINT`) leaves each file either as it
//! was or as fixed.

use std::path::Path;
use std::process::{Command, Output};

const FACTS: &str = "\
[[facts]]
pattern = '(?i)carried {value} people'
value = 176
source = \"the airline\"

[[facts]]
spelling = \"Adel Abdul-Mahdi\"
";

const SIDEBAR: &str = "\
# Who was aboard

The airliner carried 17 people when it came down.
Most of them were students.
";

const BRIEF: &str = "\
# Iraq

The caretaker prime minister, Adil Abdul-Mahdi, asked for a timetable.

Adil Abdul-Mahdi repeated the request on Tuesday.
";

const UNTOUCHED: &str = "Nothing here needs a fix: Adel Abdul-Mahdi spoke.\n";

fn crosscheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(dir)
        .arg("check")
        .args(["--no-config", "--color", "never", "--facts", "facts.toml"])
        .args(args)
        .env_remove("CROSSCHECK_FAILPOINT")
        .output()
        .expect("run crosscheck")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh copy of the fixture files.
fn fixture() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("facts.toml"), FACTS).unwrap();
    std::fs::write(d.path().join("sidebar.md"), SIDEBAR).unwrap();
    std::fs::write(d.path().join("brief.md"), BRIEF).unwrap();
    std::fs::write(d.path().join("untouched.md"), UNTOUCHED).unwrap();
    d
}

fn read(d: &Path, name: &str) -> String {
    std::fs::read_to_string(d.join(name)).unwrap()
}

const EXPECTED_DIFF: &str = "\
--- a/brief.md
+++ b/brief.md
@@ -1,5 +1,5 @@
 # Iraq
 
-The caretaker prime minister, Adil Abdul-Mahdi, asked for a timetable.
+The caretaker prime minister, Adel Abdul-Mahdi, asked for a timetable.
 
-Adil Abdul-Mahdi repeated the request on Tuesday.
+Adel Abdul-Mahdi repeated the request on Tuesday.
--- a/sidebar.md
+++ b/sidebar.md
@@ -1,4 +1,4 @@
 # Who was aboard
 
-The airliner carried 17 people when it came down.
+The airliner carried 176 people when it came down.
 Most of them were students.
";

#[test]
fn diff_prints_the_fixes_and_changes_nothing() {
    let d = fixture();
    let o = crosscheck(d.path(), &["--diff", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), EXPECTED_DIFF);
    assert_eq!(read(d.path(), "sidebar.md"), SIDEBAR);
    assert_eq!(read(d.path(), "brief.md"), BRIEF);
}

#[test]
fn fix_writes_the_diff_then_the_files_check_clean() {
    let d = fixture();
    let o = crosscheck(d.path(), &["--fix", "."]);
    assert_eq!(o.status.code(), Some(0), "{}\n{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("fixed 3 places in 2 files"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        read(d.path(), "sidebar.md"),
        SIDEBAR.replace("17 people", "176 people")
    );
    assert_eq!(read(d.path(), "brief.md"), BRIEF.replace("Adil", "Adel"));
    // A file with nothing to fix is not written at all.
    assert_eq!(read(d.path(), "untouched.md"), UNTOUCHED);
    // No temporary file is left behind.
    let stray: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    // Checked again: clean. Fixed again: nothing changes.
    let o = crosscheck(d.path(), &["."]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("no findings"), "{}", stdout(&o));
    let o = crosscheck(d.path(), &["--diff", "."]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let before = (read(d.path(), "sidebar.md"), read(d.path(), "brief.md"));
    let o = crosscheck(d.path(), &["--fix", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        (read(d.path(), "sidebar.md"), read(d.path(), "brief.md")),
        before
    );
}

#[test]
fn the_majority_spelling_is_a_fix_only_when_asked_for() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("facts.toml"), "").unwrap();
    std::fs::write(
        d.path().join("a.md"),
        "Muhammad Karimi spoke first.\n\nMuhammad Karimi spoke again.\n",
    )
    .unwrap();
    std::fs::write(d.path().join("b.md"), "Then Mohammed Karimi left.\n").unwrap();
    let o = crosscheck(d.path(), &["--diff", "."]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "no single right answer without the flag"
    );
    assert_eq!(stdout(&o), "");
    let o = crosscheck(d.path(), &["--diff", "--prefer-majority", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("-Then Mohammed Karimi left.\n+Then Muhammad Karimi left.\n"),
        "{}",
        stdout(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_stops_the_fix_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let d = fixture();
    let p = d.path().join("sidebar.md");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = crosscheck(d.path(), &["--fix", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "crosscheck: error: sidebar.md: is read-only; nothing was changed\n"
    );
    assert_eq!(read(d.path(), "sidebar.md"), SIDEBAR);
    assert_eq!(read(d.path(), "brief.md"), BRIEF);
}

/// The analysis of `sources` with the fixture's fact sheet.
fn analyze_with_facts(sources: Vec<crosscheck::source::Source>) -> crosscheck::Analysis {
    let sheet = crosscheck::facts::FactSheet::parse("facts.toml", FACTS).unwrap();
    let options = crosscheck::Options {
        facts: vec![sheet],
        ..crosscheck::Options::default()
    };
    let rules = crosscheck::rules::Rules::builtin().unwrap();
    crosscheck::analyze_with(sources, &rules, &options)
}

#[test]
fn a_vanished_file_stops_the_fix_and_changes_nothing() {
    let d = fixture();
    let sources = vec![
        read_source(d.path(), "brief.md"),
        read_source(d.path(), "sidebar.md"),
    ];
    let a = analyze_with_facts(sources);
    let plan = crosscheck::fix::plan(&a.findings, &a.sources);
    assert_eq!(plan.len(), 2);
    // The file goes away between reading and fixing.
    std::fs::remove_file(d.path().join("sidebar.md")).unwrap();
    let errors = crosscheck::fix::write(&a.sources, &plan).unwrap_err();
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        vec![format!(
            "{}: no longer exists; nothing was changed",
            d.path().join("sidebar.md").display()
        )]
    );
    assert_eq!(read(d.path(), "brief.md"), BRIEF);
}

#[test]
fn a_file_changed_since_it_was_read_is_not_overwritten() {
    let d = fixture();
    let sources = vec![read_source(d.path(), "sidebar.md")];
    let a = analyze_with_facts(sources);
    let plan = crosscheck::fix::plan(&a.findings, &a.sources);
    std::fs::write(d.path().join("sidebar.md"), "Edited meanwhile.\n").unwrap();
    let errors = crosscheck::fix::write(&a.sources, &plan).unwrap_err();
    assert!(errors[0].to_string().contains("changed since it was read"));
    assert_eq!(read(d.path(), "sidebar.md"), "Edited meanwhile.\n");
}

fn read_source(dir: &Path, name: &str) -> crosscheck::source::Source {
    let path = dir.join(name);
    crosscheck::source::Source::new(
        path.display().to_string(),
        std::fs::read_to_string(&path).unwrap(),
        crosscheck::source::SourceKind::Markdown,
    )
}

#[test]
fn a_crash_before_a_rename_leaves_each_file_old_or_new() {
    for stop_before in 1..=2 {
        let d = fixture();
        let o = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .current_dir(d.path())
            .args([
                "check",
                "--no-config",
                "--facts",
                "facts.toml",
                "--fix",
                ".",
            ])
            .env(
                "CROSSCHECK_FAILPOINT",
                format!("before-rename:{stop_before}"),
            )
            .output()
            .unwrap();
        assert!(!o.status.success(), "the failpoint stops the run");
        let brief = read(d.path(), "brief.md");
        let sidebar = read(d.path(), "sidebar.md");
        let fixed_brief = BRIEF.replace("Adil", "Adel");
        let fixed_sidebar = SIDEBAR.replace("17 people", "176 people");
        assert!(
            brief == BRIEF || brief == fixed_brief,
            "brief.md is torn: {brief}"
        );
        assert!(
            sidebar == SIDEBAR || sidebar == fixed_sidebar,
            "sidebar.md is torn: {sidebar}"
        );
        // Files are renamed in path order: before the first rename nothing has changed;
        // before the second, the first file is fixed and the second is not.
        assert_eq!(brief == fixed_brief, stop_before == 2);
        assert_eq!(sidebar, SIDEBAR);
        assert_eq!(read(d.path(), "untouched.md"), UNTOUCHED);
        // Running again completes the job.
        let o = crosscheck(d.path(), &["--fix", "."]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(read(d.path(), "brief.md"), fixed_brief);
        assert_eq!(read(d.path(), "sidebar.md"), fixed_sidebar);
    }
}
