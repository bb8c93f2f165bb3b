#!/usr/bin/env bash
# The prior / model-error A/B on an HDF-N-like 7-band survey (issue 11 point 1; trainer/README.md
# "Population prior and model error: the HDF-N-like A/B"). Everything lives under $WORK, nothing under models/.
#   (a) baseline: default physics, uniform priors, z < 7, survey depth noise
#   (b) new recipe: the same physics and box, population prior + F814W <= 26 selection + 5% template error
#       + 0.04 mag zero-point jitter
#   (c) ablation: the population prior and selection without the model-error terms (population-z7-mock.model, seed 202)
# Both trained at equal budget (TRAIN_N galaxies, one member, the same network, seed and wall-clock cap),
# both validated on the same held-out population mock and the same misspecified mock.
# Environment: TRAIN_N (150000), MOCK_N (20000), MAX_MINUTES (22), WORK (/tmp/prior-ab).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TRAIN_N="${TRAIN_N:-150000}"
MOCK_N="${MOCK_N:-20000}"
MAX_MINUTES="${MAX_MINUTES:-22}"
WORK="${WORK:-/tmp/prior-ab}"
R=trainer/src/test/resources/surveys/hdfn
S="nice -n 10 ./sedstream"
SURVEY="--filters $R/hdfn-7.filters --noise $R/hdfn-depths.txt --no-progress"
mkdir -p "$WORK"

$S simulate --n "$TRAIN_N" --seed 101 --model $R/baseline-z7.model $SURVEY --out "$WORK/lib-baseline"
$S simulate --n "$TRAIN_N" --seed 201 --model $R/population-z7.model $SURVEY --out "$WORK/lib-population"
$S simulate --n "$TRAIN_N" --seed 202 --model $R/population-z7-mock.model $SURVEY --out "$WORK/lib-population-nome"
$S simulate --n "$MOCK_N" --seed 301 --model $R/population-z7-mock.model $SURVEY --out "$WORK/mock-population"
$S simulate --n "$MOCK_N" --seed 302 --model $R/misspecified-z7.model $SURVEY --out "$WORK/mock-misspecified"
for recipe in baseline population population-nome; do
  $S train --library "$WORK/lib-$recipe" --out "$WORK/models/hdfn-$recipe/1.0.0" --members 1 --max-minutes "$MAX_MINUTES" --seed 42
done
for recipe in baseline population population-nome; do
  for mock in population misspecified; do
    $S validate --model "$WORK/models/hdfn-$recipe/1.0.0" --library "$WORK/mock-$mock" --snr-band hst.wfpc2.f814w --snr-min 5 \
        --report "$WORK/reports/$recipe-on-$mock" --replace
  done
done
python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
print("| recipe | test set | N | NMAD | outliers | bias | cov68(z) | cov95(z) |")
print("|---|---|---|---|---|---|---|---|")
for recipe in ("baseline", "population", "population-nome"):
    for mock in ("population", "misspecified"):
        m = json.load(open(f"{w}/reports/{recipe}-on-{mock}/metrics.json"))
        z = m["redshift"]; p = m["parameters"]["redshift"]
        print(f"| {recipe} | {mock} | {m.get('count', '')} | {z['nmad']:.4f} | {z['outlier_fraction']:.3f} | {z['bias']:+.4f} "
              f"| {p['coverage68']:.3f} | {p['coverage95']:.3f} |")
PY
