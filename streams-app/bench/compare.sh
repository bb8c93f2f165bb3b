#!/usr/bin/env bash
# Baseline vs current end-to-end bench, alternating, RUNS times each, then the medians side by side.
#   streams-app/bench/compare.sh [BASELINE_COMMIT] [RUNS] [bench arguments...]
#   e.g. streams-app/bench/compare.sh beadb76 3 -n 120000 --warmup 60000 --threads 2
# The baseline commit is exported (git archive) and built once under ${TMPDIR:-/tmp}; both sides run
# `./sedstream bench` with the same arguments, SEDSTREAM_JAVA_OPTS=-Xmx512m, at nice 10, one at a time.
set -euo pipefail
root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
base="${1:-beadb76}"; runs="${2:-3}"
shift $(( $# < 2 ? $# : 2 ))
args=("$@")
bdir="${TMPDIR:-/tmp}/sedstream-baseline-$base"
if [[ ! -f "$bdir/streams-app/target/classpath.txt" ]]; then
  rm -rf "$bdir"; mkdir -p "$bdir"
  git -C "$root" archive "$base" | tar -x -C "$bdir"
  (cd "$bdir" && nice -n 10 mvn -B -q -o -DskipTests -pl streams-app -am package >&2 && touch streams-app/target/classpath.txt)
fi
out="$(mktemp -d)"
for i in $(seq "$runs"); do
  for side in baseline current; do
    dir="$root"; [[ "$side" == baseline ]] && dir="$bdir"
    echo "compare: run $i $side (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    (cd "$dir" && SEDSTREAM_JAVA_OPTS=-Xmx512m nice -n 10 timeout 1200 ./sedstream bench "${args[@]}" 2>/dev/null | tail -1) \
      > "$out/$side.$i.json" || echo '{}' > "$out/$side.$i.json"
  done
done
python3 - "$out" "$runs" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
rows = [("throughput_per_s (wall)", lambda r: r["throughput_per_s"])]
for k in ["total", "stream_threads", "streams_producer", "broker", "jvm", "bench_producer", "bench_consumer"]:
    rows.append((f"cpu us/record {k}", lambda r, k=k: r["cpu_us_per_record"][k]))
rows.append(("heap after GC max MB", lambda r: r["heap_after_gc_max_mb"]))
rows.append(("heap used max MB", lambda r: r["heap_used_max_mb"]))
res = {s: [json.load(open(f"{out}/{s}.{i}.json")) for i in range(1, runs + 1)] for s in ("baseline", "current")}
print(f"{'median of %d runs' % runs:32s} {'baseline':>10s} {'current':>10s}")
for name, f in rows:
    vals = []
    for s in ("baseline", "current"):
        try:
            vals.append(statistics.median(f(r) for r in res[s]))
        except Exception:
            vals.append(float("nan"))
    print(f"{name:32s} {vals[0]:10.1f} {vals[1]:10.1f}")
ok = all(r.get("complete") and r.get("duplicate_outputs") == 0 for s in res for r in res[s])
print("all runs complete, no duplicates:", ok)
PY
echo "compare: raw JSON lines in $out" >&2
