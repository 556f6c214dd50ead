//! Replays the fuzz corpora kept in `fuzz/corpus/` (and any crash reproducers kept in
//! `fuzz/regressions/`) through the same entry points the fuzz targets call, so that what
//! fuzzing found stays fixed on every `cargo test`.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            let result = std::panic::catch_unwind(|| run(&data));
            assert!(result.is_ok(), "{target}: {} panics", f.display());
            count += 1;
        }
    }
    assert!(count > 0, "no corpus for {target}");
}

#[test]
fn extract_corpus() {
    replay("extract", crosscheck::fuzzing::extract);
}

#[test]
fn markdown_corpus() {
    replay("markdown", crosscheck::fuzzing::markdown);
}

#[test]
fn rule_pack_corpus() {
    replay("rule_pack", crosscheck::fuzzing::rule_pack);
}

#[test]
fn config_corpus() {
    replay("config", crosscheck::fuzzing::config);
}
