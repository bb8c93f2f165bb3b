#!/usr/bin/env bash
# End-to-end A/B of the stream: alternates `./sedstream bench` between BASE_TREE (a checkout of the
# reference commit) and this tree, RUNS times each, and prints one row per run plus per-tree medians:
# throughput and CPU per record by thread group (the bench's own cpu_us_per_record figures).
#
#   scripts/bench-stream-ab.sh BASE_TREE [RUNS] [extra bench args, e.g. --comparison]
#
# Environment: SEDSTREAM_JAVA_OPTS (default -Xmx512m, the heap target), N (default 100000),
# WARMUP (default 40000). Run it on a quiet machine; the load average is printed with every run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$(cd "${1:?usage: $0 BASE_TREE [RUNS] [extra bench args]}" && pwd)"
runs="${2:-2}"
shift $(( $# >= 2 ? 2 : 1 ))
n="${N:-100000}"; warmup="${WARMUP:-40000}"
export SEDSTREAM_JAVA_OPTS="${SEDSTREAM_JAVA_OPTS:--Xmx512m}"
out="$(mktemp -d /tmp/bench-stream-ab.XXXXXX)"

run_one() {  # tree label i
    local log="$out/$2-$3.log"
    (cd "$1" && ./sedstream bench -n "$n" --warmup "$warmup" --threads 2 --preload --source simulated "${@:4}") >"$log" 2>&1 \
        || { echo "bench failed in $1 (log: $log)" >&2; exit 1; }
    local json; json="$(grep '^{' "$log" | tail -1)"
    echo "$json" | jq -r --arg t "$2" --arg load "$(cut -d' ' -f1 /proc/loadavg)" \
        '[$t, .throughput_per_s, .cpu_us_per_record.total, .cpu_us_per_record.stream_threads, .cpu_us_per_record.broker,
          .cpu_us_per_record.jvm, .cpu_us_per_record.streams_producer, .cpu_us_per_record.bench_consumer,
          .cpu_us_per_record.gc_elapsed, .cpu_us_per_record.jit_elapsed, .duplicate_outputs, .dead_letters,
          (.records_in - .posteriors_out), $load] | @tsv' | tee -a "$out/rows.tsv"
}

# Both trees build themselves first, outside the timed runs.
(cd "$base" && ./sedstream --help >/dev/null); (cd "$here" && ./sedstream --help >/dev/null)
printf 'tree\tper_s\tcpu_us\tstream\tbroker\tjvm\ts_prod\tb_cons\tgc_el\tjit_el\tdups\tdead\tmissing\tload1\n'
for i in $(seq 1 "$runs"); do
    run_one "$base" base "$i" "$@"
    run_one "$here" new "$i" "$@"
done
echo "medians:"
for t in base new; do
    awk -F'\t' -v t="$t" '$1 == t' "$out/rows.tsv" | python3 -c '
import sys, statistics
rows = [l.rstrip("\n").split("\t") for l in sys.stdin]
cols = list(zip(*rows))
print("\t".join([rows[0][0]] + [f"{statistics.median(float(x) for x in c):.1f}" for c in cols[1:]]))'
done
echo "logs: $out"
