#!/usr/bin/env bash
# Rebuilds the shipped default model bundle models/default/$VERSION from scratch:
#   1. simulate the training library (default forward model, JADES-like deep-tier noise, seed 1)
#   2. simulate a held-out library with a separate seed (never used in training)
#   3. train the MDN ensemble (DJL/PyTorch) and export ONNX + manifest.json
#   4. validate on the held-out library -> models/default/$VERSION/report/
# Libraries already present in $SEDSTREAM_WORK_DIR with the requested size are reused.
# Environment: VERSION, TRAIN_N, HELDOUT_N, MEMBERS, MAX_MINUTES, THREADS, SEDSTREAM_WORK_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VERSION="${VERSION:-1.0.0}"
TRAIN_N="${TRAIN_N:-500000}"
HELDOUT_N="${HELDOUT_N:-20000}"
MEMBERS="${MEMBERS:-2}"
MAX_MINUTES="${MAX_MINUTES:-85}"
THREADS="${THREADS:-2}"
WORK="${SEDSTREAM_WORK_DIR:-${TMPDIR:-/tmp}/sedstream-libs}"
TRAIN_LIB="$WORK/train-$TRAIN_N"
HELDOUT_LIB="$WORK/heldout-$HELDOUT_N"
OUT="models/default/$VERSION"

have_library() { # dir n
  [[ -f "$1/library.json" ]] && grep -q "\"n\" : $2," "$1/library.json"
}

mkdir -p "$WORK"
if ! have_library "$TRAIN_LIB" "$TRAIN_N"; then
  ./sedstream simulate --n "$TRAIN_N" --seed 1 --noise deep --out "$TRAIN_LIB" --overwrite --no-progress
fi
if ! have_library "$HELDOUT_LIB" "$HELDOUT_N"; then
  ./sedstream simulate --n "$HELDOUT_N" --seed 9001 --noise deep --out "$HELDOUT_LIB" --overwrite --no-progress
fi

SEDSTREAM_JAVA_OPTS="${SEDSTREAM_JAVA_OPTS:--Xmx3g}" ./sedstream train --library "$TRAIN_LIB" --out "$OUT" \
  --members "$MEMBERS" --components 20 --hidden 256,256,256 --activation silu \
  --epochs 200 --batch 512 --lr 1e-3 --patience 12 --val-fraction 0.1 --seed 42 \
  --threads "$THREADS" --max-minutes "$MAX_MINUTES" \
  --description "Default NPE: full-covariance MDN ensemble on $TRAIN_N simulated galaxies (default model, jades-gs-14, deep noise, seed 1)"

./sedstream validate --model "$OUT" --library "$HELDOUT_LIB"
