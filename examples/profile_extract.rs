//! Extraction alone on a generated corpus, once, for a profiler:
//! `valgrind --tool=callgrind target/release/examples/profile_extract [DOCS]`.
fn main() {
    let docs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let rules = crosscheck::rules::Rules::builtin().expect("built-in rules load");
    let sources: Vec<_> = crosscheck::corpus::generate(42, docs, 4000)
        .into_iter()
        .map(|(name, text)| {
            crosscheck::source::Source::new(name, text, crosscheck::source::SourceKind::Markdown)
        })
        .collect();
    let out = crosscheck::extract::extract_all(&sources, &rules);
    let claims: usize = out.iter().map(|e| e.claims.len()).sum();
    println!("{} sources, {claims} claims", sources.len());
}
