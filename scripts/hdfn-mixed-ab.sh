#!/usr/bin/env bash
# Mixed-family training on the HDF-N-like 7-band survey (issue 11 point 1; trainer/README.md "Mixed-family training").
#   (p) population recipe: dense-basis SFH + Calzetti dust, population prior, F814W <= 26, model error (population-z7.model)
#   (m) the same recipe split over two families, trained as one network (train --library A --library B):
#       dense-basis + SMC Bar dust (mixed-db-smc-z7.model) and delayed-tau + Calzetti (mixed-dt-calzetti-z7.model)
# Equal budget: TRAIN_N galaxies in all (half per family for m), one member, the same network, EPOCHS epochs, seed 42.
# Tested on the same mocks: the held-out population mock, the delayed-tau + SMC mock (a pair neither network saw) and the
# full misspecified mock (that pair + 0.05 mag zero-point offsets + 5% template error).
# Environment: TRAIN_N (150000), MOCK_N (8000), EPOCHS (40), THREADS (1 per training; both train at once), WORK (/tmp/mix).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TRAIN_N="${TRAIN_N:-150000}"
MOCK_N="${MOCK_N:-8000}"
EPOCHS="${EPOCHS:-40}"
THREADS="${THREADS:-1}"
WORK="${WORK:-/tmp/mix}"
R=trainer/src/test/resources/surveys/hdfn
S="${SEDSTREAM:-./sedstream}"
SURVEY="--filters $R/hdfn-7.filters --noise $R/hdfn-depths.txt --no-progress"
mkdir -p "$WORK"
sim() { [[ -f "$4/library.json" ]] || $S simulate --n "$1" --seed "$2" --model "$3" $SURVEY --out "$4"; }
sim $((TRAIN_N / 2)) 401 $R/mixed-db-smc-z7.model "$WORK/lib-mixed-db-smc"
sim $((TRAIN_N / 2)) 402 $R/mixed-dt-calzetti-z7.model "$WORK/lib-mixed-dt-calzetti"
sim "$TRAIN_N" 201 $R/population-z7.model "$WORK/lib-population"
sim "$MOCK_N" 301 $R/population-z7-mock.model "$WORK/mock-population"
sim "$MOCK_N" 311 $R/misspecified-sfh-dust-z7.model "$WORK/mock-split-sfh-dust"
sim "$MOCK_N" 302 $R/misspecified-z7.model "$WORK/mock-misspecified"
NET="--members 1 --components 20 --hidden 256,256,256 --activation silu --epochs $EPOCHS --batch 512 --lr 1e-3 --lr-plateau 3
     --patience 10 --val-fraction 0.05 --seed 42 --threads $THREADS"
# Bundles already trained (manifest.json present) are reused; delete them to retrain.
[[ -f "$WORK/models/hdfn-mixed/1.0.0/manifest.json" ]] || $S train --library "$WORK/lib-mixed-db-smc" \
    --library "$WORK/lib-mixed-dt-calzetti" $NET --out "$WORK/models/hdfn-mixed/1.0.0" > "$WORK/train-mixed.log" 2>&1 &
[[ -f "$WORK/models/hdfn-population/1.0.0/manifest.json" ]] || $S train --library "$WORK/lib-population" $NET \
    --out "$WORK/models/hdfn-population/1.0.0" > "$WORK/train-population.log" 2>&1
wait
for recipe in population mixed; do
  for mock in population split-sfh-dust misspecified; do
    $S validate --model "$WORK/models/hdfn-$recipe/1.0.0" --library "$WORK/mock-$mock" --snr-band hst.wfpc2.f814w --snr-min 5 \
        --report "$WORK/reports/$recipe-on-$mock" --replace > /dev/null
  done
done
python3 - "$WORK" <<'PY'
import json, os, sys
w = sys.argv[1]
print("| training | test mock | N | NMAD | outliers | bias | cov68(z) | cov95(z) | R^2(surviving mass) | outliers by true z 0-1/1-2/2-3/3-4/4+ |")
print("|---|---|---|---|---|---|---|---|---|---|")
for recipe in ["population", "mixed"]:
    for mock in ["population", "split-sfh-dust", "misspecified"]:
        f = f"{w}/reports/{recipe}-on-{mock}/metrics.json"
        if not os.path.exists(f):
            continue
        d = json.load(open(f)); r = d["redshift"]; p = d["parameters"]["redshift"]
        m = d["parameters"]["log10_surviving_mass"]["r2"]
        byz = "/".join(f"{100 * b.get('outlier_fraction', float('nan')):.1f}%" for b in r.get("by_true_redshift", []))
        print(f"| {recipe} | {mock} | {d['count']} | {r['nmad']:.3f} | {100 * r['outlier_fraction']:.1f}% | "
              f"{r['bias']:+.3f} | {p['coverage68']:.2f} | {p['coverage95']:.2f} | {m:.3f} | {byz} |")
PY
