#!/usr/bin/env bash
# Baseline vs current end-to-end bench, alternating, RUNS times each, then the medians side by side.
#   demo/bench/compare.sh [BASELINE_COMMIT] [RUNS] [bench arguments...]
#   e.g. demo/bench/compare.sh beadb76 3 -n 120000 --warmup 60000 --threads 2
# The baseline commit is exported (git archive) and built once under ${TMPDIR:-/tmp}; both sides run
# `./sedstream bench` with the same arguments, SEDSTREAM_JAVA_OPTS=-Xmx512m, at nice 10, one at a time.
set -euo pipefail
root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
base="${1:-beadb76}"; runs="${2:-3}"
shift $(( $# < 2 ? $# : 2 ))
args=("$@")
bdir="${TMPDIR:-/tmp}/sedstream-baseline-$base"
if [[ ! -d "$bdir" ]]; then
  mkdir -p "$bdir"
  git -C "$root" archive "$base" | tar -x -C "$bdir"
fi
(cd "$bdir" && nice -n 10 ./sedstream --help >/dev/null)  # the baseline's own launcher builds whatever layout it has
out="$(mktemp -d)"
for i in $(seq "$runs"); do
  for side in baseline current; do
    dir="$root"; [[ "$side" == baseline ]] && dir="$bdir"
    echo "compare: run $i $side (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    (cd "$dir" && SEDSTREAM_JAVA_OPTS=-Xmx512m nice -n 10 timeout 1200 ./sedstream bench "${args[@]}" 2>/dev/null | tail -1) \
      > "$out/$side.$i.json" || echo '{}' > "$out/$side.$i.json"
  done
done
python3 "$(dirname "${BASH_SOURCE[0]}")/summarise.py" "$out" "$runs"
echo "compare: raw JSON lines in $out" >&2
