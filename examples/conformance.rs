//! Score crosscheck's extraction against the peer suites and print, per suite, precision,
//! recall and F1 over the in-scope cases, and the out-of-scope cases by class.
//!
//! ```text
//! cargo run --example conformance [-- [PEER_SUITES_DIR] [--misses]]
//! ```
//!
//! The folder defaults to `../shared/peer-suites`. `--misses` lists every in-scope case
//! where what was found differs from what was expected; `--toml` prints the figures
//! (rounded down) in the format of `tests/conformance-scores.toml`.

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses = args.iter().any(|a| a == "--misses");
    let as_toml = args.iter().any(|a| a == "--toml");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/peer-suites"));
    if !dir.is_dir() {
        eprintln!("error: {}: no such folder of peer suites", dir.display());
        std::process::exit(2);
    }
    let scores = match crosscheck::conformance::run(&dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    if as_toml {
        let floor = |x: f64| (x * 1000.0).floor() / 1000.0;
        for s in &scores {
            println!(
                "[{}]\nprecision = {:.3}\nrecall = {:.3}\nf1 = {:.3}\n",
                s.suite,
                floor(s.precision()),
                floor(s.recall()),
                floor(s.f1())
            );
        }
        return;
    }
    println!(
        "{:<12} {:>6} {:>6} {:>9} {:>7} {:>7}",
        "suite", "cases", "scored", "precision", "recall", "F1"
    );
    for s in &scores {
        println!(
            "{:<12} {:>6} {:>6} {:>9.3} {:>7.3} {:>7.3}",
            s.suite,
            s.cases.len(),
            s.scored().count(),
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
    for s in &scores {
        let out = s.out_of_scope();
        if !out.is_empty() {
            println!("\n{}: out of scope", s.suite);
            for (class, n) in out {
                println!("  {n:>3}  {class}");
            }
        }
    }
    if misses {
        for s in &scores {
            println!("\n{}: misses", s.suite);
            for c in s.scored() {
                let (_, fp, fn_) = c.counts();
                if fp + fn_ > 0 {
                    let show = |v: &[crosscheck::conformance::Item]| {
                        v.iter()
                            .map(|i| i.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    println!(
                        "  {:?}\n      expected [{}] found [{}]",
                        c.input,
                        show(&c.expected),
                        show(&c.found)
                    );
                }
            }
        }
    }
}
