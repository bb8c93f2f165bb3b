#!/usr/bin/env bash
# Spectroscopic redshift, two ways, on the same held-out galaxies (issue 11 point 5):
#   (a) a photometric network's joint posterior conditioned on the true redshift (validate --condition-on-true-redshift)
#   (b) a network trained with redshift as an input (train --redshift-input), validated with the true redshift given
# Usage: scripts/specz-ab.sh STANDARD_BUNDLE ZINPUT_BUNDLE HELDOUT_LIBRARY [OUT_DIR] [MAX_ROWS]
# Prints one markdown table (all bands, the report's S/N selection): R^2, 68/95% coverage per parameter,
# worst coverage error, mean log-density of the truth and TARP |ECP(0.5) - 0.5|.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 3 ]] || { echo "usage: $0 STANDARD_BUNDLE ZINPUT_BUNDLE HELDOUT_LIBRARY [OUT_DIR] [MAX_ROWS]" >&2; exit 2; }
A="$1"; B="$2"; HELDOUT="$3"; OUT="${4:-${TMPDIR:-/tmp}/specz-ab}"; MAX_ROWS="${5:-0}"
S="${SEDSTREAM:-$ROOT/sedstream}"
mkdir -p "$OUT"
"$S" validate --model "$A" --library "$HELDOUT" --max-rows "$MAX_ROWS" --report "$OUT/a-conditioned" --replace --condition-on-true-redshift
"$S" validate --model "$B" --library "$HELDOUT" --max-rows "$MAX_ROWS" --report "$OUT/b-redshift-input" --replace
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
a = json.load(open(f"{out}/a-conditioned/spec-z.json"))["scenarios"]["all_bands"]
b = json.load(open(f"{out}/b-redshift-input/metrics.json"))["scenarios"]["all_bands"]
print(f"all bands, {a['count']} galaxies (a) / {b['count']} (b)")
print("| parameter | R^2 (a) conditioned | R^2 (b) z input | cov68 (a) | cov68 (b) | cov95 (a) | cov95 (b) |")
print("|---|---|---|---|---|---|---|")
worst_b = 0.0
for name, pa in a["parameters"].items():
    s = pa["spectroscopic"]; q = b["parameters"][name]
    worst_b = max(worst_b, abs(q["coverage68"] - 0.68), abs(q["coverage95"] - 0.95))
    print(f"| {name} | {s['r2']:.4f} | {q['r2']:.4f} | {s['coverage68']:.3f} | {q['coverage68']:.3f} | "
          f"{s['coverage95']:.3f} | {q['coverage95']:.3f} |")
print(f"| worst 68/95% coverage error | {a['worst_coverage_error_spectroscopic']:.3f} | {worst_b:.3f} | | | | |")
print(f"| mean log-density of the truth (nats) | {a['mean_log_prob_spectroscopic']:.3f} | {b['mean_log_prob']:.3f} | | | | |")
print(f"| TARP abs(ECP(0.5) - 0.5) | {a['tarp_ecp50_error_spectroscopic']:.3f} | {b['tarp_ecp50_error']:.3f} | | | | |")
PY
