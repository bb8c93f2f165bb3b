#!/usr/bin/env bash
# Diagnosis of the HDF-N A/B's misspecified mock, one cause at a time (issue 11 point 1): the trained bundles
# of scripts/hdfn-prior-ab.sh validated on mocks that each carry ONE of the misspecified mock's differences:
# delayed-tau SFH + SMC dust only; +/-0.05 mag zero-point offsets only; extra 5% scatter only. No training.
# The SPS grid is the same in all (bc03-chabrier-tau), so it is not a cause here.
# Usage: scripts/hdfn-misspec-split.sh [WORK=/tmp/prior-ab] [MOCK_N=8000]; needs $WORK/models from hdfn-prior-ab.sh.
set -euo pipefail
WORK=${1:-/tmp/prior-ab}
MOCK_N=${2:-8000}
S=${SEDSTREAM:-./sedstream}
R=trainer/src/test/resources/surveys/hdfn
SURVEY="--filters $R/hdfn-7.filters --noise $R/hdfn-depths.txt --no-progress"
seed=311
for cause in sfh-dust zp scatter; do
  [ -d "$WORK/mock-split-$cause" ] || $S simulate --n "$MOCK_N" --seed $seed --model $R/misspecified-$cause-z7.model $SURVEY --out "$WORK/mock-split-$cause"
  seed=$((seed + 1))
done
for recipe in ${RECIPES:-population baseline population-nome}; do
  for cause in sfh-dust zp scatter; do
    $S validate --model "$WORK/models/hdfn-$recipe/1.0.0" --library "$WORK/mock-split-$cause" --snr-band hst.wfpc2.f814w --snr-min 5 \
        --report "$WORK/reports/$recipe-on-split-$cause" --replace
  done
done
python3 - "$WORK" <<'PY'
import json, os, sys
w = sys.argv[1]
print("| recipe | test set | N | NMAD | outliers | bias | cov68(z) | cov95(z) | outliers by true z 0-1/1-2/2-3/3-4/4+ |")
print("|---|---|---|---|---|---|---|---|---|")
for recipe in ["population", "population-nome", "baseline"]:
    for cause in ["sfh-dust", "zp", "scatter"]:
        f = f"{w}/reports/{recipe}-on-split-{cause}/metrics.json"
        if not os.path.exists(f):
            continue
        d = json.load(open(f)); r = d["redshift"]; p = d["parameters"]["redshift"]
        byz = "/".join(f"{100 * b.get('outlier_fraction', float('nan')):.1f}%" for b in r.get("by_true_redshift", []))
        print(f"| {recipe} | {cause} only | {d['count']} | {r['nmad']:.3f} | {100 * r['outlier_fraction']:.1f}% | "
              f"{r['bias']:+.3f} | {p['coverage68']:.2f} | {p['coverage95']:.2f} | {byz} |")
PY
