#!/usr/bin/env bash
# Two model roots through the same code, alternating, RUNS times each, then the medians side by side.
#   demo/bench/compare-models.sh ROOT_A ROOT_B [RUNS] [bench arguments...]
#   e.g. demo/bench/compare-models.sh /tmp/old-models models 3 -n 120000 --warmup 60000 --threads 2 --preload --source simulated
# Each ROOT holds default/<version>/ (the newest is served). Both sides run `./sedstream bench --models-root ROOT`
# with the same arguments, SEDSTREAM_JAVA_OPTS=-Xmx512m, one at a time.
set -euo pipefail
root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
a="$1"; b="$2"; runs="${3:-3}"
shift $(( $# < 3 ? $# : 3 ))
args=("$@")
out="$(mktemp -d)"
for i in $(seq "$runs"); do
  for side in A B; do
    models="$a"; [[ "$side" == B ]] && models="$b"
    echo "compare-models: run $i $side = $models (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    (cd "$root" && SEDSTREAM_JAVA_OPTS=-Xmx512m timeout 1200 ./sedstream bench --models-root "$models" "${args[@]}" 2>/dev/null | tail -1) \
      > "$out/$side.$i.json" || echo '{}' > "$out/$side.$i.json"
  done
done
echo "A = $a, B = $b"
python3 "$(dirname "${BASH_SOURCE[0]}")/summarise.py" "$out" "$runs" A B
echo "compare-models: raw JSON lines in $out" >&2
