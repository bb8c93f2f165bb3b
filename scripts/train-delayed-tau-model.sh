#!/usr/bin/env bash
# Rebuilds the second model's NPE, models/delayed-tau/$VERSION (delayed-tau SFH + SMC Bar dust; the model
# comparison's M2), exactly as scripts/train-default-model.sh does for the default model: training library
# (seed 2), held-out library (seed 9002), train, validate -> report/.
# Environment: VERSION, TRAIN_N, HELDOUT_N, MEMBERS, MAX_MINUTES, THREADS, SEDSTREAM_WORK_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/libraries.sh

VERSION="${VERSION:-1.1.0}"
TRAIN_N="${TRAIN_N:-300000}"
HELDOUT_N="${HELDOUT_N:-20000}"
MEMBERS="${MEMBERS:-1}"
MAX_MINUTES="${MAX_MINUTES:-20}"
THREADS="${THREADS:-2}"
WORK="${SEDSTREAM_WORK_DIR:-${TMPDIR:-/tmp}/sedstream-libs}"
TRAIN_LIB="$WORK/delayed-tau-train-$TRAIN_N"
HELDOUT_LIB="$WORK/delayed-tau-heldout-$HELDOUT_N"
OUT="models/delayed-tau/$VERSION"

mkdir -p "$WORK"
ensure_library delayed-tau "$TRAIN_N" 2 "$TRAIN_LIB"
ensure_library delayed-tau "$HELDOUT_N" 9002 "$HELDOUT_LIB"

SEDSTREAM_JAVA_OPTS="${SEDSTREAM_JAVA_OPTS:--Xmx4g}" ./sedstream train --library "$TRAIN_LIB" --out "$OUT" \
  --members "$MEMBERS" --components 20 --hidden 256,256,256 --activation silu \
  --epochs 300 --batch 512 --lr 1e-3 --lr-plateau 3 --patience 10 --val-fraction 0.05 --seed 43 \
  --threads "$THREADS" --max-minutes "$MAX_MINUTES" \
  --description "Second-model NPE: full-covariance MDN on $TRAIN_N simulated galaxies (delayed-tau SFH, SMC Bar dust, jades-gs-14, deep noise, seed 2)"

./sedstream validate --model "$OUT" --library "$HELDOUT_LIB"
