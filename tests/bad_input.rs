//! The catalogue of bad inputs: each gets a clear single-line error (path, what is wrong,
//! exit status 2) or a documented graceful behaviour, and one bad file never stops the
//! others from being checked and reported.

use std::path::Path;
use std::process::{Command, Output};

fn crosscheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(dir)
        .arg("check")
        .arg("--no-config")
        .args(["--color", "never"])
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run crosscheck")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

/// Two drafts that disagree, so that a run shows whether they were still checked.
fn disagreeing_pair(dir: &Path) {
    std::fs::write(
        dir.join("a.md"),
        "The US keeps 5,200 American soldiers there.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        "The US keeps 5,000 American soldiers there.\n",
    )
    .unwrap();
}

fn assert_one_line_error(o: &Output, path: &str, what: &str) {
    let err = stderr(o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {err}");
    assert!(lines[0].starts_with("crosscheck: error: "), "{err}");
    assert!(lines[0].contains(path), "names the path: {err}");
    assert!(
        lines[0].contains(what),
        "says what is wrong ({what}): {err}"
    );
    assert_eq!(o.status.code(), Some(2), "{err}");
}

fn assert_pair_still_checked(o: &Output) {
    assert!(
        stdout(o).contains("`american troops` is given as 5,200 and 5,000"),
        "the other files were still checked: {}",
        stdout(o)
    );
}

#[test]
fn binary_file() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    std::fs::write(d.path().join("c.md"), b"PK\x03\x04\x00\x00binary\x00data").unwrap();
    let o = crosscheck(d.path(), &["."]);
    assert_one_line_error(&o, "c.md", "binary file");
    assert_pair_still_checked(&o);
}

/// A file longer than 4 GiB cannot be addressed. The file is sparse, so it takes no room
/// on disk, and it is refused from its size, before it is read.
#[cfg(unix)]
#[test]
fn file_over_4_gib() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    let big = std::fs::File::create(d.path().join("big.md")).unwrap();
    big.set_len(u64::from(u32::MAX) + 1).unwrap();
    drop(big);
    let o = crosscheck(d.path(), &["."]);
    assert_one_line_error(&o, "big.md", "too large to check (4294967296 bytes");
    assert_pair_still_checked(&o);
}

#[test]
fn invalid_utf8_says_where_and_lossy_reads_it() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    std::fs::write(
        d.path().join("c.md"),
        b"Line one.\nThe caf\xe9 has 12 tables.\n",
    )
    .unwrap();
    let o = crosscheck(d.path(), &["."]);
    assert_one_line_error(&o, "c.md", "invalid UTF-8 at line 2, column 8 (byte 17)");
    assert!(stderr(&o).contains("--lossy"));
    assert_pair_still_checked(&o);
    let o = crosscheck(d.path(), &["--lossy", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).is_empty());
    assert_eq!(json(&o)["summary"]["sources"], 3);
}

#[test]
fn byte_order_mark_is_not_a_column() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("a.md"),
        "\u{feff}We have 5,200 American soldiers.\n",
    )
    .unwrap();
    std::fs::write(d.path().join("b.md"), "We have 5,000 American soldiers.\n").unwrap();
    let o = crosscheck(d.path(), &["--format", "json", "."]);
    let v = json(&o);
    let label = &v["findings"][0]["labels"][0];
    assert_eq!(label["path"], "a.md");
    assert_eq!(label["start"], 11, "byte offsets count the mark");
    assert_eq!(label["column"], 9, "columns do not");
    assert_eq!(label["text"], "5,200 American soldiers");
    let human = stdout(&crosscheck(d.path(), &["."]));
    assert!(human.contains("[a.md:1:9]"), "{human}");
    assert!(
        !human.contains('\u{feff}'),
        "the mark is not shown: {human}"
    );
}

#[test]
fn crlf_and_lone_cr_keep_lines_and_columns_right() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("a.md"),
        "Title\r\n\r\nThe US keeps 5,200 American soldiers.\r\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("b.txt"),
        "Title\r\rThe US keeps 5,000 American soldiers.\r",
    )
    .unwrap();
    let o = crosscheck(d.path(), &["--format", "json", "."]);
    let v = json(&o);
    let labels = v["findings"][0]["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 2);
    for l in labels {
        assert_eq!(l["line"], 3, "{l}");
        assert_eq!(l["column"], 14, "{l}");
    }
    assert_eq!(labels[0]["start"], 22, "after `Title\\r\\n\\r\\n`");
    assert_eq!(labels[1]["start"], 20, "after `Title\\r\\r`");
    let human = stdout(&crosscheck(d.path(), &["."]));
    assert!(
        human.contains("[a.md:3:14]") && human.contains("[b.txt:3:14]"),
        "{human}"
    );
    assert!(!human.contains('\r'), "{human:?}");
}

#[test]
fn empty_files_are_fine() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.md"), "").unwrap();
    std::fs::write(d.path().join("b.txt"), "").unwrap();
    let o = crosscheck(d.path(), &["."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "no findings in 2 sources (0 claims)\n");
}

#[test]
fn a_path_that_does_not_exist() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    let o = crosscheck(d.path(), &["missing.md", "a.md", "b.md"]);
    assert_one_line_error(&o, "missing.md", "no such file or directory");
    assert_pair_still_checked(&o);
}

#[test]
fn an_unreadable_file() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    let c = d.path().join("c.md");
    std::fs::write(&c, "We have 12 Canadian troops.\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&c, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&c).is_ok() {
        // Running as root: permissions do not stop reading. A file the kernel refuses to
        // read stands in for it.
        eprintln!("this user can read mode-000 files; using /proc/self/mem instead");
        let o = crosscheck(d.path(), &["/proc/self/mem", "a.md", "b.md"]);
        assert_one_line_error(&o, "/proc/self/mem", "input/output error");
        assert_pair_still_checked(&o);
        return;
    }
    let o = crosscheck(d.path(), &["."]);
    assert_one_line_error(&o, "c.md", "permission denied");
    assert_pair_still_checked(&o);
}

#[test]
fn a_special_file_is_refused_without_blocking() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    let fifo = d.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Named explicitly, it is refused; found in a directory, it is not taken.
    let o = crosscheck(d.path(), &["pipe.md", "a.md", "b.md"]);
    assert_one_line_error(&o, "pipe.md", "not a regular file");
    assert_pair_still_checked(&o);
    let o = crosscheck(d.path(), &["."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn a_file_changed_before_the_report_reads_it_again() {
    // `check` reads a file's text again for the report; the failpoint has every file
    // found changed by then, as if edited during the run.
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .current_dir(d.path())
            .args(["check", "--no-config", "--color", "never"])
            .args(args)
            .env("CROSSCHECK_FAILPOINT", "reread-changed")
            .output()
            .expect("run crosscheck")
    };
    let o = run(&["--format", "json", "."]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "a line for each file: {err}");
    for (line, path) in lines.iter().zip(["a.md", "b.md"]) {
        assert_eq!(
            *line,
            format!(
                "crosscheck: error: {path}: changed while it was being checked; \
                 its excerpts in this report are blank"
            )
        );
    }
    // The finding is still reported, at the same place, with blank excerpts.
    let v = json(&o);
    let label = &v["findings"][0]["labels"][0];
    assert_eq!(label["line"], 1);
    assert_eq!(label["text"].as_str().unwrap().trim(), "", "{label}");
    // A baseline of fingerprints over blank text would be wrong: none is written.
    let o = run(&["--write-baseline", "base.toml", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!d.path().join("base.toml").exists());
    // Without the failpoint, the same run is clean.
    let o = crosscheck(d.path(), &["--format", "json", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        json(&o)["findings"][0]["labels"][0]["text"],
        "5,200 American soldiers"
    );
}

#[test]
fn the_same_file_named_twice_is_read_once() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    let o = crosscheck(d.path(), &["--format", "json", ".", "a.md", "./b.md"]);
    assert_eq!(json(&o)["summary"]["sources"], 2, "{}", stderr(&o));
}

#[test]
fn a_directory_loop_through_symlinks_ends() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    std::fs::create_dir(d.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", d.path().join("sub/up")).unwrap();
    std::os::unix::fs::symlink("../sub", d.path().join("sub/self")).unwrap();
    // Symbolic links are not followed when walking (as ripgrep does by default), so the
    // loop is never entered: the run ends and reads each file once.
    let o = crosscheck(d.path(), &["--format", "json", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json(&o)["summary"]["sources"], 2);
}

#[test]
fn a_long_single_line_is_read_whole() {
    // 2 MB on one line, no full stop, a figure every 35 bytes: every figure is read and the
    // run ends normally. The time and memory of a 100 MB line are measured, in release
    // mode, by `benches/e2e.sh` (the `line-100MB` corpus), not by a timed test.
    let d = tempfile::tempdir().unwrap();
    let unit = "and around 500 Canadian troops with 5,200 American soldiers in 2019 ";
    let n = 2_000_000 / unit.len();
    std::fs::write(d.path().join("long.txt"), unit.repeat(n)).unwrap();
    let o = crosscheck(d.path(), &["--format", "json", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Two quantities and a date (`in 2019`) in each unit.
    assert_eq!(json(&o)["summary"]["claims"], 3 * n as u64);
}

#[test]
fn a_rule_pack_with_ten_thousand_patterns() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    let mut pack = String::from("[[keys]]\nname = \"many\"\npatterns = [\n");
    for i in 0..10_000 {
        pack.push_str(&format!("  '{{value}} widgets{i} ',\n"));
    }
    pack.push_str("]\n");
    std::fs::write(d.path().join("big.toml"), pack).unwrap();
    let o = crosscheck(d.path(), &["--rules", "big.toml", "a.md", "b.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_pair_still_checked(&o);
}

#[test]
fn a_pattern_too_large_to_compile() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    std::fs::write(
        d.path().join("huge.toml"),
        "[[keys]]\nname = \"huge\"\npatterns = ['{value} (?:\\w{1000}){1000}']\n",
    )
    .unwrap();
    let o = crosscheck(d.path(), &["--rules", "huge.toml", "a.md"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("crosscheck: error: huge.toml: invalid pattern for key `huge`"),
        "{err}"
    );
    assert!(err.contains("compiles to more than"), "{err}");
    assert!(
        err.contains("huge.toml:3:13"),
        "points at the pattern: {err}"
    );
}

#[test]
fn a_relation_cycle() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    std::fs::write(
        d.path().join("cycle.toml"),
        "[[keys]]\nname = \"a\"\n[[keys]]\nname = \"b\"\n\
         [[relations]]\ntotal = \"a\"\nparts = [\"b\"]\n\
         [[relations]]\ntotal = \"b\"\nparts = [\"a\"]\n",
    )
    .unwrap();
    let o = crosscheck(d.path(), &["--rules", "cycle.toml", "a.md"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("relations form a cycle: a contains b contains a"),
        "{err}"
    );
}

#[test]
fn a_config_that_names_a_missing_pack() {
    let d = tempfile::tempdir().unwrap();
    disagreeing_pair(d.path());
    std::fs::write(
        d.path().join("crosscheck.toml"),
        "rules = [\"packs/story.toml\"]\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(d.path())
        .args(["check", "."])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(
            "crosscheck: error: crosscheck.toml: rule pack `packs/story.toml` does not exist"
        ),
        "{err}"
    );
    assert!(
        err.contains("crosscheck.toml:1:10"),
        "points into the file: {err}"
    );
}
