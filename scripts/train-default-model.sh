#!/usr/bin/env bash
# Rebuilds the shipped default model bundle models/default/$VERSION from scratch:
#   1. simulate the training library (default forward model, JADES-like deep-tier noise, seed 1)
#   2. simulate a held-out library with a separate seed (never used in training)
#   3. train the MDN (DJL/PyTorch) and export ONNX + manifest.json
#   4. validate on the held-out library -> models/default/$VERSION/report/
# Libraries already present in $SEDSTREAM_WORK_DIR (same model, size and seed) are reused; delete them after
# a change to the forward model.
# Environment: VERSION, TRAIN_N, HELDOUT_N, MEMBERS, MAX_MINUTES, THREADS, SEDSTREAM_WORK_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/libraries.sh

VERSION="${VERSION:-1.2.0}"
TRAIN_N="${TRAIN_N:-500000}"
HELDOUT_N="${HELDOUT_N:-20000}"
MEMBERS="${MEMBERS:-1}"
MAX_MINUTES="${MAX_MINUTES:-55}"
THREADS="${THREADS:-2}"
WORK="${SEDSTREAM_WORK_DIR:-${TMPDIR:-/tmp}/sedstream-libs}"
TRAIN_LIB="$WORK/default-train-$TRAIN_N"
HELDOUT_LIB="$WORK/default-heldout-$HELDOUT_N"
OUT="models/default/$VERSION"

mkdir -p "$WORK"
ensure_library default "$TRAIN_N" 1 "$TRAIN_LIB"
ensure_library default "$HELDOUT_N" 9001 "$HELDOUT_LIB"

SEDSTREAM_JAVA_OPTS="${SEDSTREAM_JAVA_OPTS:--Xmx4g}" ./sedstream train --library "$TRAIN_LIB" --out "$OUT" \
  --members "$MEMBERS" --components 20 --hidden 256,256,256 --activation silu \
  --epochs 300 --batch 512 --lr 1e-3 --lr-plateau 3 --patience 10 --val-fraction 0.05 --seed 42 \
  --threads "$THREADS" --max-minutes "$MAX_MINUTES" \
  --description "Default NPE: full-covariance MDN on $TRAIN_N simulated galaxies (default model, jades-gs-14, deep noise, seed 1)"

./sedstream validate --model "$OUT" --library "$HELDOUT_LIB"
