//! Write a generated corpus of news-like drafts: `cargo run --release --example gen_corpus --
//! DIR MEGABYTES [SEED]`. Deterministic: the same seed and size give the same files.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_corpus DIR MEGABYTES [SEED]");
        std::process::exit(2);
    }
    let dir = std::path::Path::new(&args[1]);
    let megabytes: f64 = args[2].parse().unwrap_or_else(|_| {
        eprintln!("gen_corpus: `{}` is not a number of megabytes", args[2]);
        std::process::exit(2);
    });
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    let target = (megabytes * 1_000_000.0) as usize;
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("gen_corpus: {}: {e}", dir.display());
        std::process::exit(2);
    }
    let mut written = 0;
    let mut i = 0;
    while written < target {
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
