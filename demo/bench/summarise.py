"""Medians of bench JSON lines side by side: summarise.py OUT_DIR RUNS [SIDE_A SIDE_B] (files OUT_DIR/SIDE.i.json)."""
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
rows = [("throughput_per_s (wall)", lambda r: r["throughput_per_s"])]
for k in ["total", "stream_threads", "streams_producer", "broker", "jvm", "bench_producer", "bench_consumer"]:
    rows.append((f"cpu us/record {k}", lambda r, k=k: r["cpu_us_per_record"][k]))
rows.append(("heap after GC max MB", lambda r: r["heap_after_gc_max_mb"]))
rows.append(("heap used max MB", lambda r: r["heap_used_max_mb"]))
sides = sys.argv[3:5] if len(sys.argv) > 4 else ["baseline", "current"]
res = {s: [json.load(open(f"{out}/{s}.{i}.json")) for i in range(1, runs + 1)] for s in sides}
print(f"{'median of %d runs' % runs:32s} {sides[0]:>10s} {sides[1]:>10s}")
for name, f in rows:
    vals = []
    for s in sides:
        try:
            vals.append(statistics.median(f(r) for r in res[s]))
        except Exception:
            vals.append(float("nan"))
    print(f"{name:32s} {vals[0]:10.1f} {vals[1]:10.1f}")
ok = all(r.get("complete") and r.get("duplicate_outputs") == 0 for s in res for r in res[s])
print("all runs complete, no duplicates:", ok)
