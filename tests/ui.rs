//! UI tests: each case is a folder under `tests/ui/` holding input sources and the exact
//! output expected beside them, as rustc's `tests/ui` does.
//!
//! A case folder holds:
//! - the sources (any `.md` / `.txt` files, in subfolders too);
//! - `case.toml`: `args` (extra arguments), `command` (default `check`), `status` (the exit
//!   status expected), `paths` (default `["."]`), `formats` (default `["human", "json"]`);
//! - `expected.stdout`: standard output in the human format (colour off);
//! - `expected.json`: standard output with `--format json`;
//! - `expected.FORMAT` for any other format listed in `formats` (`expected.concise`,
//!   `expected.github`, `expected.junit`);
//! - `expected.stderr`, when the case expects anything on standard error.
//!
//! Run with `CROSSCHECK_BLESS=1` to write the expected files from the actual output.

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Case {
    #[serde(default)]
    args: Vec<String>,
    command: Option<String>,
    status: i32,
    paths: Option<Vec<String>>,
    formats: Option<Vec<String>>,
    #[serde(default)]
    description: String,
}

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.join("case.toml").is_file() {
            out.push(p);
        } else if p.is_dir() {
            cases(&p, out);
        }
    }
}

fn run_case(dir: &Path, case: &Case, format: &str) -> (String, String, i32) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    let command = case.command.as_deref().unwrap_or("check");
    cmd.current_dir(dir).arg(command);
    if command == "check" || command == "claims" {
        // A case's own configuration file is named with `--config` in its args.
        if !case.args.iter().any(|a| a == "--config") {
            cmd.arg("--no-config");
        }
        cmd.args(["--format", format]);
        if command == "check" {
            cmd.args(["--color", "never"]);
        }
    }
    cmd.args(&case.args);
    if command == "check" || command == "claims" {
        match &case.paths {
            Some(p) => {
                cmd.args(p);
            }
            None => {
                cmd.arg(".");
            }
        }
    }
    cmd.env_remove("NO_COLOR");
    let out = cmd.output().expect("run crosscheck");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .header("expected", "actual")
        .to_string()
}

#[test]
fn ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut all = Vec::new();
    cases(&root, &mut all);
    assert!(
        !all.is_empty(),
        "no UI cases found under {}",
        root.display()
    );
    let bless = std::env::var_os("CROSSCHECK_BLESS").is_some();
    let schema = report_schema();
    let mut failures = Vec::new();
    for dir in &all {
        let name = dir.strip_prefix(&root).unwrap().display().to_string();
        let case: Case = toml::from_str(&std::fs::read_to_string(dir.join("case.toml")).unwrap())
            .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
        let _ = &case.description;
        let formats = case
            .formats
            .clone()
            .unwrap_or_else(|| vec!["human".into(), "json".into()]);
        for format in &formats {
            let (stdout, stderr, status) = run_case(dir, &case, format);
            let file = match format.as_str() {
                "json" => "expected.json".to_string(),
                "human" => "expected.stdout".to_string(),
                other => format!("expected.{other}"),
            };
            let expected_path = dir.join(file);
            let stderr_path = dir.join("expected.stderr");
            if bless {
                std::fs::write(&expected_path, &stdout).unwrap();
                if !stderr.is_empty() {
                    std::fs::write(&stderr_path, &stderr).unwrap();
                } else if stderr_path.exists() {
                    std::fs::remove_file(&stderr_path).unwrap();
                }
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != stdout {
                failures.push(format!(
                    "{name} ({format}): output differs\n{}",
                    diff(&expected, &stdout)
                ));
            }
            let expected_err = std::fs::read_to_string(&stderr_path).unwrap_or_default();
            if expected_err != stderr {
                failures.push(format!(
                    "{name} ({format}): standard error differs\n{}",
                    diff(&expected_err, &stderr)
                ));
            }
            if status != case.status {
                failures.push(format!(
                    "{name} ({format}): exit status {status}, expected {}",
                    case.status
                ));
            }
            if format == "json" && case.command.as_deref().unwrap_or("check") == "check" {
                check_json_shape(&name, &stdout, dir, &mut failures);
                // The expected file itself, as committed, follows the JSON Schema.
                validate(&schema, &name, &expected, &mut failures);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} UI cases failed (CROSSCHECK_BLESS=1 rewrites the expected files):\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// The JSON Schema of the report, as committed.
fn report_schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json");
    let text = std::fs::read_to_string(&path).expect("schema/report.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// A JSON report validates against the schema.
fn validate(schema: &jsonschema::Validator, name: &str, text: &str, failures: &mut Vec<String>) {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => {
            for e in schema.iter_errors(&v) {
                failures.push(format!(
                    "{name}: expected.json does not follow schema/report.schema.json: {e} at {}",
                    e.instance_path()
                ));
            }
        }
        Err(e) => failures.push(format!("{name}: expected.json is not JSON: {e}")),
    }
}

/// Every JSON report follows the documented schema, and each label's `text` is exactly
/// the bytes of the file at `start..end`.
fn check_json_shape(name: &str, stdout: &str, dir: &Path, failures: &mut Vec<String>) {
    let v: serde_json::Value = match serde_json::from_str(stdout) {
        Ok(v) => v,
        Err(e) => {
            failures.push(format!("{name}: JSON does not parse: {e}"));
            return;
        }
    };
    let mut fail = |m: String| failures.push(format!("{name}: {m}"));
    if v["version"] != 1 {
        fail("version is not 1".into());
    }
    for key in ["sources", "claims", "errors", "warnings", "infos"] {
        if !v["summary"][key].is_u64() {
            fail(format!("summary.{key} is missing"));
        }
    }
    for s in v["sources"].as_array().into_iter().flatten() {
        if !s["path"].is_string() || !(s["date"].is_null() || s["date"].is_string()) {
            fail(format!("bad source entry {s}"));
        }
    }
    for f in v["findings"].as_array().into_iter().flatten() {
        for key in ["code", "name", "severity", "message"] {
            if !f[key].is_string() {
                fail(format!("finding without {key}: {f}"));
            }
        }
        if !matches!(f["severity"].as_str(), Some("error" | "warning" | "info")) {
            fail(format!("bad severity in {f}"));
        }
        if !(f["help"].is_null() || f["help"].is_string()) {
            fail(format!("bad help in {f}"));
        }
        for l in f["labels"].as_array().into_iter().flatten() {
            let path = l["path"].as_str().unwrap_or("");
            let (Some(start), Some(end)) = (l["start"].as_u64(), l["end"].as_u64()) else {
                fail(format!("label without start/end: {l}"));
                continue;
            };
            if l["line"].as_u64().unwrap_or(0) < 1 || l["column"].as_u64().unwrap_or(0) < 1 {
                fail(format!("label line/column not 1-based: {l}"));
            }
            if let Ok(bytes) = std::fs::read(dir.join(path)) {
                let text = bytes
                    .get(start as usize..end as usize)
                    .map(|b| String::from_utf8_lossy(b).into_owned());
                if text.as_deref() != l["text"].as_str() {
                    fail(format!(
                        "label text is not the file's bytes at {start}..{end}: {l}"
                    ));
                }
            }
        }
    }
}
