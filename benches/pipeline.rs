//! Benchmarks of the pipeline on a generated corpus of 1,000 news-length drafts:
//! loading, extraction alone, the whole analysis, each check family alone, and report
//! rendering; and extraction of the same text as one long line.
//!
//! Run with `cargo bench --bench pipeline`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck::check::{CHECKS, Context};
use crosscheck::extract::extract_all;
use crosscheck::rules::Rules;
use crosscheck::source::{Source, SourceKind};

const DOCS: usize = 1000;
const DOC_BYTES: usize = 4000;

fn make_sources(texts: &[(String, String)]) -> Vec<Source> {
    texts
        .iter()
        .map(|(name, text)| Source::new(name.clone(), text.clone(), SourceKind::Markdown))
        .collect()
}

fn bench(c: &mut Criterion) {
    let rules = Rules::builtin().unwrap();
    let texts = crosscheck::corpus::generate(42, DOCS, DOC_BYTES);
    let sources = make_sources(&texts);
    let bytes: usize = sources.iter().map(|s| s.text().len()).sum();

    let mut g = c.benchmark_group("corpus-1000");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("load", |b| {
        b.iter(|| black_box(make_sources(black_box(&texts))))
    });
    g.bench_function("extract", |b| {
        b.iter(|| black_box(extract_all(black_box(&sources), &rules)))
    });
    g.bench_function("check", |b| {
        b.iter(|| black_box(crosscheck::analyze(black_box(sources.clone()), &rules)))
    });
    let analysis = crosscheck::analyze(sources.clone(), &rules);
    // Each check family alone, on the claims already extracted.
    let mut groups: Vec<&str> = CHECKS.iter().map(|c| c.info().group).collect();
    groups.sort_unstable();
    groups.dedup();
    let cx =
        Context::new(&analysis.sources, &analysis.claims, &rules).with_frames(&analysis.frames);
    for group in groups {
        g.bench_function(format!("checks-{group}"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                for check in CHECKS.iter().filter(|c| c.info().group == group) {
                    check.run(black_box(&cx), &mut out);
                }
                black_box(out)
            })
        });
    }
    g.bench_function("render-json", |b| {
        b.iter(|| black_box(crosscheck::report::json::render(black_box(&analysis))))
    });
    g.bench_function("render-human", |b| {
        b.iter(|| {
            black_box(crosscheck::report::render_human(
                black_box(&analysis),
                crosscheck::report::Style { color: false },
            ))
        })
    });
    g.finish();

    // The same text as one source on one line (no paragraph or line break): extraction
    // must stay linear in a single long paragraph, so its throughput here should be close
    // to the corpus's above, not fall as the text grows.
    let line: String = texts
        .iter()
        .map(|(_, t)| t.replace('\n', " "))
        .collect::<Vec<_>>()
        .join(" ");
    let one = vec![Source::new("line.txt".to_string(), line, SourceKind::Text)];
    let mut g = c.benchmark_group("one-line");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(one[0].text().len() as u64));
    g.bench_function("extract", |b| {
        b.iter(|| black_box(extract_all(black_box(&one), &rules)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
