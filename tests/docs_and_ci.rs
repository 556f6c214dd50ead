//! The files other tools read: the JSON Schema of the report, SARIF against the official
//! schema, the CI integration files (pre-commit, the GitHub Action), and the README's
//! snippets, each run through the CLI.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn crosscheck(dir: &Path, args: &[String]) -> std::process::Output {
    Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_committed_json_schema_is_up_to_date() {
    let path = root().join("schema/report.schema.json");
    let generated = crosscheck::report::json::schema();
    if std::env::var_os("CROSSCHECK_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/report.schema.json is out of date; CROSSCHECK_BLESS=1 cargo test --test docs_and_ci rewrites it"
    );
    // It is a schema that validators accept, and it requires what the report always has.
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let required = schema["required"].as_array().unwrap();
    for key in ["version", "sources", "findings", "summary"] {
        assert!(required.iter().any(|r| r == key), "{key} is not required");
    }
}

fn json_schema_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schema/report.schema.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

#[test]
fn the_json_report_of_the_seeds_validates_and_the_schema_can_fail() {
    let v = json_schema_validator();
    let out = crosscheck(&root(), &strings(&["check", "--format", "json"]));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = v.iter_errors(&report).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // A report with a finding missing its code does not validate.
    let mut broken = report.clone();
    broken["findings"][0]
        .as_object_mut()
        .expect("the seeds have findings")
        .remove("code");
    assert!(!v.is_valid(&broken));
    let mut broken = report;
    broken["findings"][0]["severity"] = "fatal".into();
    assert!(!v.is_valid(&broken));
}

/// The official SARIF schema, when the shared folder beside the repository has it.
fn sarif_validator() -> Option<jsonschema::Validator> {
    let path = root().join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipping SARIF schema validation: {} is not there",
            path.display()
        );
        return None;
    };
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    Some(jsonschema::validator_for(&schema).expect("the SARIF schema compiles"))
}

#[test]
fn sarif_from_the_seeds_has_one_result_per_finding_with_related_locations() {
    let json = crosscheck(&root(), &strings(&["check", "--format", "json"]));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let out = crosscheck(&root(), &strings(&["check", "--format", "sarif"]));
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    if let Some(v) = sarif_validator() {
        let errors: Vec<String> = v.iter_errors(&sarif).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let mut broken = sarif.clone();
        broken["runs"][0]["results"][0]["level"] = "fatal".into();
        assert!(!v.is_valid(&broken), "the validator must be able to fail");
    }
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let findings = report["findings"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert_eq!(results.len(), findings.len(), "one result per finding");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for i in crosscheck::triage::select::all_infos() {
        assert!(
            rules.iter().any(|r| r["id"] == i.code),
            "{} has no rule",
            i.code
        );
    }
    for (f, r) in findings.iter().zip(results) {
        assert_eq!(r["ruleId"], f["code"]);
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            f["code"]
        );
        let labels = f["labels"].as_array().unwrap();
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], labels[0]["path"]);
        assert_eq!(loc["region"]["startLine"], labels[0]["line"]);
        assert_eq!(loc["region"]["startColumn"], labels[0]["column"]);
        let related = r["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), labels.len() - 1);
        for (l, rel) in labels[1..].iter().zip(related) {
            assert_eq!(
                rel["physicalLocation"]["artifactLocation"]["uri"],
                l["path"]
            );
            assert_eq!(rel["physicalLocation"]["region"]["startLine"], l["line"]);
            assert_eq!(rel["message"]["text"], l["message"]);
        }
        let fp = r["partialFingerprints"]["crosscheckFingerprint/v1"]
            .as_str()
            .unwrap();
        assert_eq!(fp.len(), 16);
    }
    // Cross-source findings point into their second source.
    assert!(results.iter().any(|r| {
        let first = &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        r["relatedLocations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|rel| &rel["physicalLocation"]["artifactLocation"]["uri"] != first)
    }));
}

/// Findings with a fix carry it in SARIF: one `fix` whose `artifactChanges` replace exactly
/// what the JSON report's fix edits replace, valid against the official schema.
#[test]
fn sarif_carries_the_fixes_of_the_json_report() {
    for (case, extra) in [
        (
            "tests/ui/formats/fix-in-every-format",
            &["--prefer-majority"][..],
        ),
        (
            "tests/ui/fact-mismatch/figures-against-the-sheet",
            &["--facts", "facts.toml"][..],
        ),
    ] {
        let dir = root().join(case);
        let run = |format: &str| {
            let mut args = strings(&["check", "--no-config", "--format", format]);
            args.extend(strings(extra));
            args.push(".".into());
            let out = crosscheck(&dir, &args);
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
        };
        let report = run("json");
        let sarif = run("sarif");
        if let Some(v) = sarif_validator() {
            let errors: Vec<String> = v.iter_errors(&sarif).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{case}: {errors:?}");
            // The validator sees the fixes: a replacement without its region fails.
            let mut broken = sarif.clone();
            let result = broken["runs"][0]["results"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|r| r.get("fixes").is_some())
                .expect("a result with a fix");
            result["fixes"][0]["artifactChanges"][0]["replacements"][0]
                .as_object_mut()
                .unwrap()
                .remove("deletedRegion");
            assert!(
                !v.is_valid(&broken),
                "{case}: the validator must be able to fail"
            );
        }
        let findings = report["findings"].as_array().unwrap();
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert_eq!(findings.len(), results.len());
        let mut with_fix = 0;
        for (f, r) in findings.iter().zip(results) {
            let Some(fix) = f.get("fix") else {
                assert!(
                    r.get("fixes").is_none(),
                    "{case}: a SARIF fix the JSON has not"
                );
                continue;
            };
            with_fix += 1;
            let sfix = &r["fixes"][0];
            assert_eq!(sfix["description"]["text"], fix["message"]);
            // Every JSON edit is one SARIF replacement, in the same file and place.
            let mut replacements = Vec::new();
            for change in sfix["artifactChanges"].as_array().unwrap() {
                let uri = change["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string();
                for rep in change["replacements"].as_array().unwrap() {
                    let region = &rep["deletedRegion"];
                    replacements.push((
                        uri.clone(),
                        region["startLine"].as_u64().unwrap(),
                        region["startColumn"].as_u64().unwrap(),
                        rep["insertedContent"]["text"].as_str().unwrap().to_string(),
                    ));
                }
            }
            let mut edits: Vec<(String, u64, u64, String)> = fix["edits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["path"].as_str().unwrap().to_string(),
                        e["line"].as_u64().unwrap(),
                        e["column"].as_u64().unwrap(),
                        e["replacement"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            edits.sort();
            replacements.sort();
            assert_eq!(replacements, edits, "{case}");
        }
        assert!(with_fix > 0, "{case}: no finding with a fix");
    }
}

/// A temporary folder holding a copy of the sample drafts in `seeds/` (and the path of that
/// copy).
fn copy_of_seeds() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::TempDir::new().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    for e in std::fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, seeds.join(p.file_name().unwrap())).unwrap();
    }
    (dir, seeds)
}

#[test]
fn a_baseline_written_on_the_seeds_makes_the_next_run_clean_until_a_figure_changes() {
    let (dir, seeds) = copy_of_seeds();
    std::fs::copy(
        root().join("rules/examples/iraq-2020.toml"),
        dir.path().join("pack.toml"),
    )
    .unwrap();
    let base = strings(&["check", "--no-config", "--rules", "pack.toml", "seeds"]);
    let with = |extra: &[&str]| {
        let mut a = base.clone();
        a.extend(strings(extra));
        a
    };
    let before = crosscheck(dir.path(), &with(&["--format", "concise", "-q"]));
    let n = String::from_utf8_lossy(&before.stdout).lines().count();
    assert!(n >= 3, "the seeds have findings");
    let w = crosscheck(dir.path(), &with(&["--write-baseline", "baseline.toml"]));
    assert_eq!(w.status.code(), Some(0));
    let clean = crosscheck(
        dir.path(),
        &with(&["--baseline", "baseline.toml", "--format", "concise"]),
    );
    assert_eq!(clean.status.code(), Some(0));
    let text = String::from_utf8_lossy(&clean.stdout);
    assert!(
        text.starts_with("no findings in 5 sources")
            && text.contains(&format!("{n} in the baseline")),
        "{text}"
    );
    // An edit elsewhere in a file changes nothing.
    let brief = seeds.join("mission-brief.md");
    let original = std::fs::read_to_string(&brief).unwrap();
    std::fs::write(
        &brief,
        original.replacen("\n\n", "\n\nAn added paragraph with no figures.\n\n", 1),
    )
    .unwrap();
    let still = crosscheck(dir.path(), &with(&["--baseline", "baseline.toml", "-q"]));
    assert_eq!((still.status.code(), still.stdout.len()), (Some(0), 0));
    // Editing one figure brings back exactly the finding it is part of (and the entry it
    // no longer matches is reported as stale).
    let sidebar = seeds.join("sidebar.md");
    let s = std::fs::read_to_string(&sidebar).unwrap();
    assert!(s.contains("17"));
    std::fs::write(&sidebar, s.replacen("17", "171", 1)).unwrap();
    let after = crosscheck(
        dir.path(),
        &with(&["--baseline", "baseline.toml", "--format", "concise", "-q"]),
    );
    let lines: Vec<String> = String::from_utf8_lossy(&after.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let new: Vec<&String> = lines.iter().filter(|l| !l.contains("[S002]")).collect();
    assert_eq!(new.len(), 1, "{lines:#?}");
    // The sidebar is a day older than the brief: 171 there against 176 in the brief reads
    // as a figure the newer source revised (information, so the exit status stays 0).
    assert!(
        new[0].contains("info[N008]") && new[0].contains("171"),
        "{lines:#?}"
    );
    assert_eq!(after.status.code(), Some(0));
}

// ----- CI integration files ------------------------------------------------------------------

/// The arguments of a `crosscheck ...` command line in a shell snippet (without the program
/// name), with `${{ ... }}` expressions replaced by `value`.
fn crosscheck_commands(script: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // Join continued lines.
    let joined = script.replace("\\\n", " ");
    for line in joined.lines() {
        let line = line.trim().trim_start_matches("- ").trim_start();
        let Some(rest) = line.strip_prefix("crosscheck ") else {
            continue;
        };
        let words: Vec<String> = rest
            .split_whitespace()
            .take_while(|w| !matches!(*w, "|" | "||" | "&&" | ">" | "2>&1" | "#"))
            .map(|w| w.trim_matches('"'))
            // Shell variables the action and the snippets set, with a value they may hold;
            // the others (lists of paths and arguments) may be empty.
            .filter_map(|w| match w {
                "$FAIL_ON" => Some("warning"),
                "$FORMAT" => Some("sarif"),
                "$SARIF_FILE" => Some("crosscheck.sarif"),
                w if w.starts_with('$') => None,
                w => Some(w),
            })
            .map(str::to_string)
            .collect();
        out.push(words);
    }
    out
}

/// Whether the CLI parses these arguments (without running them).
fn accepted(args: &[String]) -> Result<(), String> {
    use clap::Parser;
    let mut argv = vec!["crosscheck".to_string()];
    argv.extend(args.iter().cloned());
    crosscheck::cli::Cli::try_parse_from(&argv)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn the_pre_commit_hooks_run_commands_the_cli_accepts() {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    let hooks = hooks.as_sequence().expect("a list of hooks");
    assert!(!hooks.is_empty());
    for h in hooks {
        for key in ["id", "name", "entry", "language"] {
            assert!(h[key].is_string(), "hook without {key}: {h:?}");
        }
        assert_eq!(h["language"].as_str(), Some("rust"));
        let entry: Vec<String> = h["entry"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        assert_eq!(entry[0], "crosscheck");
        let mut args = entry[1..].to_vec();
        if let Some(extra) = h["args"].as_sequence() {
            args.extend(extra.iter().map(|a| a.as_str().unwrap().to_string()));
        }
        // pre-commit appends the staged files, unless told not to.
        if h["pass_filenames"].as_bool() != Some(false) {
            args.extend(strings(&["a.md", "b.md"]));
        }
        accepted(&args).unwrap_or_else(|e| panic!("{}: {e}", h["id"].as_str().unwrap()));
        let types = h["types_or"].as_sequence().or(h["types"].as_sequence());
        assert!(types.is_some(), "the hook should only take text files");
    }
}

#[test]
fn the_github_action_runs_commands_the_cli_accepts() {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let action: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    assert!(action["name"].is_string() && action["description"].is_string());
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let inputs = action["inputs"].as_mapping().expect("inputs");
    for key in ["paths", "format", "args", "fail-on"] {
        assert!(inputs.contains_key(key), "no input {key}");
    }
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let mut commands = Vec::new();
    let mut uploads = false;
    for s in steps {
        if let Some(run) = s["run"].as_str() {
            assert_eq!(
                s["shell"].as_str(),
                Some("bash"),
                "composite steps name their shell"
            );
            commands.extend(crosscheck_commands(run));
        }
        if s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
        {
            uploads = true;
        }
    }
    assert!(uploads, "the action uploads SARIF");
    assert!(!commands.is_empty(), "the action runs crosscheck");
    for c in &commands {
        accepted(c).unwrap_or_else(|e| panic!("{c:?}: {e}"));
    }
    let run_text: String = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(run_text.contains("--format sarif") && run_text.contains("--format github"));
    assert!(
        run_text.contains("cargo install"),
        "the action installs crosscheck"
    );
}

/// The fenced code blocks of the README with their info string, and whether they are in
/// the section on workflows.
fn readme_blocks() -> Vec<(String, String, bool)> {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut lines = text.lines();
    let mut in_workflows = false;
    while let Some(line) = lines.next() {
        if let Some(h) = line.strip_prefix("## ") {
            in_workflows = h == "Workflows";
        }
        if let Some(info) = line.strip_prefix("```") {
            let mut body = String::new();
            for l in lines.by_ref() {
                if l.starts_with("```") {
                    break;
                }
                body.push_str(l);
                body.push('\n');
            }
            out.push((info.trim().to_string(), body, in_workflows));
        }
    }
    out
}

#[test]
fn the_readme_snippets_are_accepted_by_the_cli() {
    let blocks = readme_blocks();
    let mut commands = 0;
    for (info, body, _) in &blocks {
        match info.as_str() {
            "sh" | "yaml" => {
                for c in crosscheck_commands(body) {
                    let args: Vec<String> = c.into_iter().filter(|w| !w.contains("${{")).collect();
                    accepted(&args).unwrap_or_else(|e| panic!("README: crosscheck {args:?}: {e}"));
                    commands += 1;
                }
                if info == "yaml" {
                    serde_norway::from_str::<serde_norway::Value>(body)
                        .unwrap_or_else(|e| panic!("README YAML does not parse: {e}\n{body}"));
                }
            }
            "toml" => {
                // Configuration snippets parse and validate (files they name aside).
                if !body.starts_with("# crosscheck.toml") {
                    continue;
                }
                if let Err(e) =
                    crosscheck::config::Config::parse(Path::new("crosscheck.toml"), body)
                {
                    let real: Vec<_> = e
                        .iter()
                        .filter(|e| !e.message.contains("does not exist"))
                        .collect();
                    assert!(real.is_empty(), "README TOML: {real:?}\n{body}");
                }
            }
            _ => {}
        }
    }
    assert!(
        commands >= 10,
        "only {commands} crosscheck commands in the README"
    );
}

#[test]
fn the_readme_workflow_commands_run_on_the_sample_drafts() {
    // A copy of the sample drafts, with no configuration file.
    let (dir, _) = copy_of_seeds();
    let mut ran = 0;
    for (info, body, in_workflows) in readme_blocks() {
        if info != "sh" || !in_workflows {
            continue;
        }
        for args in crosscheck_commands(&body) {
            let out = crosscheck(dir.path(), &args);
            let code = out.status.code();
            assert!(
                matches!(code, Some(0 | 1)),
                "README: crosscheck {args:?} exited {code:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 10, "only {ran} commands ran");
    // What the snippets said they would write is there.
    for f in [
        "crosscheck-baseline.toml",
        "crosscheck.sarif",
        "crosscheck-junit.xml",
        "man/crosscheck.1",
    ] {
        assert!(dir.path().join(f).is_file(), "{f} was not written");
    }
}
