//! Write a generated corpus of news-like drafts:
//! `cargo run --release --example gen_corpus -- DIR SIZE [SEED]`, where SIZE is a number of
//! megabytes (`10`, `10MB`), gigabytes (`1GB`) or documents (`1000docs`). Deterministic: the
//! same seed and size give the same files. Documents are about 4 kB, a thousand per folder.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_corpus DIR SIZE [SEED]   (SIZE: 10, 10MB, 1GB or 1000docs)");
        std::process::exit(2);
    }
    let dir = std::path::Path::new(&args[1]);
    let Some(limit) = parse_size(&args[2]) else {
        eprintln!(
            "gen_corpus: `{}` is not a size (10, 10MB, 1GB or 1000docs)",
            args[2]
        );
        std::process::exit(2);
    };
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("gen_corpus: {}: {e}", dir.display());
        std::process::exit(2);
    }
    let mut written = 0;
    let mut i = 0;
    while match limit {
        Limit::Bytes(b) => written < b,
        Limit::Docs(n) => i < n,
    } {
        let (name, text) = crosscheck::corpus::document(seed, i, 4000);
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("create directory");
        }
        std::fs::write(sub.join(name), &text).expect("write document");
        written += text.len();
        i += 1;
    }
    println!("{i} documents, {written} bytes in {}", dir.display());
}

enum Limit {
    Bytes(usize),
    Docs(usize),
}

fn parse_size(s: &str) -> Option<Limit> {
    let lower = s.to_ascii_lowercase();
    if let Some(n) = lower.strip_suffix("docs") {
        return n.parse().ok().map(Limit::Docs);
    }
    let (n, scale) = if let Some(n) = lower.strip_suffix("gb") {
        (n, 1e9)
    } else if let Some(n) = lower.strip_suffix("mb") {
        (n, 1e6)
    } else {
        (lower.as_str(), 1e6)
    };
    let n: f64 = n.parse().ok()?;
    (n.is_finite() && n >= 0.0).then_some(Limit::Bytes((n * scale) as usize))
}
