//! Output is byte-for-byte identical across runs and thread counts.

use std::process::Command;

fn run(dir: &std::path::Path, threads: &str, format: &str) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(dir)
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
            ".",
        ])
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("run crosscheck");
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

#[test]
fn identical_across_runs_and_thread_counts() {
    let d = tempfile::tempdir().unwrap();
    for (i, (name, text)) in crosscheck::corpus::generate(11, 120, 3000)
        .into_iter()
        .enumerate()
    {
        let sub = d.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(name), text).unwrap();
    }
    for format in ["human", "json"] {
        let reference = run(d.path(), "1", format);
        assert!(reference.len() > 1000, "the corpus produces findings");
        for threads in ["1", "2", "8", "32"] {
            assert!(
                run(d.path(), threads, format) == reference,
                "{format} output differs with {threads} threads"
            );
        }
    }
}
