#!/usr/bin/env bash
# Side-by-side JMH of the estimator on the shipped bundle: this checkout against another (e.g. an untouched
# main worktree), alternating, RUNS times each. The SAME benchmark source (this checkout's
# ShippedBundleBenchmark) is compiled against each tree, so only the library code differs.
#   scripts/bench-summaries-ab.sh BASE_TREE HELDOUT_LIBRARY [RUNS] [BENCH_REGEX]
# Each tree must be built first (no mvn install):
#   nice -n 10 mvn -B -o -q -pl demo,trainer -am -DskipTests package
#   nice -n 10 mvn -B -o -q -pl trainer -am -DskipTests test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$(cd "$1" && pwd)"; library="$2"; runs="${3:-3}"; regex="${4:-summarise|estimateBatch}"
src="$here/trainer/src/test/java/io/sedstream/trainer/bench/ShippedBundleBenchmark.java"
for i in $(seq "$runs"); do
  for side in base new; do
    tree="$here"; [[ "$side" == base ]] && tree="$base"
    out="$(mktemp -d)"
    cp="$tree/trainer/target/classes:$(cat "$tree/trainer/target/test-classpath.txt")"
    javac -nowarn -d "$out" -cp "$cp" "$src" 2>&1 | grep -v '^Note' || true
    echo "== $side run $i $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd "$here" && java -Dbundle=models/default/1.2.0 -Dlibrary="$library" -Dbenchmarks="$regex" -cp "$out:$cp" \
        io.sedstream.trainer.bench.ShippedBundleBenchmark 2>&1 | grep -E ':p0.50 ')
    rm -rf "$out"
  done
done
