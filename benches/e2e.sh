#!/usr/bin/env bash
# Whole-process benchmark: the release binary on generated corpora, as a user runs it.
#
#   bash benches/e2e.sh                 # 1,000 drafts, 10 MB, 100 MB, one 100 MB line
#   bash benches/e2e.sh 1000docs 1GB    # chosen sizes (NNNdocs, NNMB or NNGB)
#
# For each corpus it runs `crosscheck check --no-config --format json` (default rules, every
# check on, the report written to a file) with 1 thread and with every core, and prints
# wall time, throughput, MB/s per core, the parallel speed-up and peak memory (max RSS)
# against the input size. Corpora are generated once, deterministically (seed 42), under
# target/bench-e2e/ (or $CROSSCHECK_BENCH_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin crosscheck --example gen_corpus
bin="$PWD/target/release/crosscheck"
gen="$PWD/target/release/examples/gen_corpus"
work="${CROSSCHECK_BENCH_DIR:-$PWD/target/bench-e2e}"
cores=$(nproc)
mkdir -p "$work"
[ $# -gt 0 ] && sizes=("$@") || sizes=(1000docs 10MB 100MB line-100MB)

# run LABEL THREADS PATH: prints "seconds max-rss-kib"
run() {
    local threads=$2 path=$3
    RAYON_NUM_THREADS=$threads /usr/bin/time -f "%e %M" -o "$work/time.txt" \
        "$bin" check --no-config --format json --color never "$path" >"$work/report.json" || [ $? -eq 1 ]
    tail -n 1 "$work/time.txt"
}

printf '%-12s %9s %8s %9s %10s %10s %8s %9s %7s\n' corpus bytes claims "1 thread" "MB/s/core" \
    "$cores threads" "MB/s" speedup "rss/in"
for size in "${sizes[@]}"; do
    dir="$work/$size"
    if [ ! -e "$dir" ]; then
        case "$size" in
            line-*)
                mb="${size#line-}"
                "$gen" "$work/tmp-$size" "$mb" >/dev/null
                mkdir -p "$dir"
                find "$work/tmp-$size" -type f -print0 | sort -z | xargs -0 cat | tr '\n' ' ' >"$dir/one-line.txt"
                rm -rf "$work/tmp-$size"
                ;;
            *) "$gen" "$dir" "$size" >/dev/null ;;
        esac
    fi
    bytes=$(du -sb --apparent-size "$dir" | cut -f1)
    read -r t1 _ < <(run "$size" 1 "$dir")
    read -r tn rss < <(run "$size" "$cores" "$dir")
    # Counting claims reruns extraction: skip it on corpora over 200 MB.
    claims=0
    if [ "$bytes" -le 200000000 ]; then
        claims=$("$bin" claims --no-config --format json "$dir" 2>/dev/null | grep -c '"kind"' || true)
    fi
    awk -v s="$size" -v b="$bytes" -v c="$claims" -v t1="$t1" -v tn="$tn" -v rss="$rss" -v n="$cores" 'BEGIN {
        mb = b / 1e6
        printf "%-12s %9d %8d %8.3fs %10.1f %9.3fs %8.1f %8.2fx %7.2f\n", s, b, c, t1, mb / t1, tn, mb / tn, t1 / tn, rss * 1024 / b
    }'
done
