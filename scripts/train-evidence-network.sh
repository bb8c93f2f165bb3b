#!/usr/bin/env bash
# Rebuilds the evidence network models/evidence-default-vs-delayed-tau/$VERSION: a classifier whose logit is
# ln K = ln p(x|default) - ln p(x|delayed-tau), trained on the two models' training libraries (the same ones
# scripts/train-default-model.sh and scripts/train-delayed-tau-model.sh use) with the NPE's band masking,
# then validated on both held-out libraries -> report/.
# The manifest names the two models as the NPE bundles trained on the same libraries (DEFAULT_VERSION,
# DELAYED_TAU_VERSION), which the stream checks when it pairs them.
# Environment: VERSION, TRAIN_N (rows per model), MAX_MINUTES, THREADS, SEDSTREAM_WORK_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/libraries.sh

VERSION="${VERSION:-1.0.0}"
TRAIN_N="${TRAIN_N:-300000}"
HELDOUT_N="${HELDOUT_N:-20000}"
MAX_MINUTES="${MAX_MINUTES:-12}"
THREADS="${THREADS:-2}"
WORK="${SEDSTREAM_WORK_DIR:-${TMPDIR:-/tmp}/sedstream-libs}"
OUT="models/evidence-default-vs-delayed-tau/$VERSION"

mkdir -p "$WORK"
ensure_library default 500000 1 "$WORK/default-train-500000"
ensure_library delayed-tau "$TRAIN_N" 2 "$WORK/delayed-tau-train-$TRAIN_N"
ensure_library default "$HELDOUT_N" 9001 "$WORK/default-heldout-$HELDOUT_N"
ensure_library delayed-tau "$HELDOUT_N" 9002 "$WORK/delayed-tau-heldout-$HELDOUT_N"

SEDSTREAM_JAVA_OPTS="${SEDSTREAM_JAVA_OPTS:--Xmx4g}" ./sedstream train-evidence \
  --library-m1 "$WORK/default-train-500000" --library-m2 "$WORK/delayed-tau-train-$TRAIN_N" --max-rows "$TRAIN_N" \
  --model1 "default:${DEFAULT_VERSION:-1.2.0}" --model2 "delayed-tau:${DELAYED_TAU_VERSION:-1.1.0}" \
  --out "$OUT" --members 1 --hidden 256,256,256 --epochs 200 --batch 512 --lr 1e-3 --patience 8 \
  --val-fraction 0.05 --seed 44 --threads "$THREADS" --max-minutes "$MAX_MINUTES"

./sedstream validate-evidence --model "$OUT" \
  --library-m1 "$WORK/default-heldout-$HELDOUT_N" --library-m2 "$WORK/delayed-tau-heldout-$HELDOUT_N"
