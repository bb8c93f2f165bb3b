#!/usr/bin/env bash
# Photo-z of `infer` output against a catalogue's true or spectroscopic redshifts, the way the issue-11 real check
# scores a run: NMAD = 1.48 median(|dz| / (1 + z)), outliers |dz| / (1 + z) > 0.15, bias median(dz / (1 + z)),
# and the fraction of truths inside the 68% (p16-p84) and 95% (p2.5-p97.5) intervals. One line per point
# estimate: the posterior median (p50, the real check's) and the posterior mode (the marginal's highest density,
# like EAZY's z_peak of a unimodal p(z)).
# Usage: scripts/photoz-vs-truth.sh POSTERIORS.csv CATALOGUE.csv [Z_COLUMN=z_true]   (rows joined on id; refused rows skipped)
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 POSTERIORS.csv CATALOGUE.csv [Z_COLUMN]" >&2; exit 2; }
python3 - "$1" "$2" "${3:-z_true}" <<'PY'
import csv, statistics, sys
post, cat, zcol = sys.argv[1:4]
truth = {r["id"]: float(r[zcol]) for r in csv.DictReader(open(cat, encoding="utf-8-sig")) if r.get(zcol, "") not in ("", None)}
rows = [r for r in csv.DictReader(open(post, encoding="utf-8-sig")) if r.get("status") == "ok" and r["id"] in truth]
if not rows:
    sys.exit("no posterior row with a truth: nothing to score")
c68 = sum(float(r["redshift_p16"]) <= truth[r["id"]] <= float(r["redshift_p84"]) for r in rows) / len(rows)
c95 = sum(float(r["redshift_p2_5"]) <= truth[r["id"]] <= float(r["redshift_p97_5"]) for r in rows) / len(rows)
for label, column in (("median", "redshift_p50"), ("mode", "redshift_mode")):
    dz = [(float(r[column]) - truth[r["id"]]) / (1 + truth[r["id"]]) for r in rows]
    ad = [abs(x) for x in dz]
    print(f"{label:6s} N {len(rows)}  NMAD {1.48 * statistics.median(ad):.4f}  outliers {100 * sum(a > 0.15 for a in ad) / len(ad):.1f}%  "
          f"bias {statistics.median(dz):+.4f}  cov68 {c68:.3f}  cov95 {c95:.3f}")
PY
