#!/usr/bin/env python3
"""The photo sweep's table (tools/eval/photo_sweep.sh): masked MAE against UNet calls, per run.

  /usr/bin/python3 tools/eval/photo_sweep_report.py --run LABEL=DIR [--run LABEL=DIR ...] > photo-sweep.md

Each DIR is a tools/eval/photo_eval.sh result folder (metrics.txt from shared/photo-metrics, times.txt with each
case's "(N UNet calls"). The first run is the reference: every ratio is a mean MAE over the cases both runs have,
divided by the reference's, with a paired bootstrap 95% CI over cases (4,000 resamples, fixed seed).
"""
import argparse
import os
import random
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from photo_report import parse_metrics  # noqa: E402

CALLS = re.compile(r"^(?P<case>[\w.]+-(?:strokes|blob|object)): .*\((?P<calls>\d+) UNet calls")


def read_calls(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = CALLS.match(line.strip())
            if m:
                out[m["case"]] = int(m["calls"])
    return out


def load(label, folder):
    metrics = {f"{case}-{kind}": v for (case, kind), v in parse_metrics(os.path.join(folder, "metrics.txt")).items()}
    return {"label": label, "metrics": metrics, "calls": read_calls(os.path.join(folder, "times.txt"))}


def ratio_ci(ours, ref, rounds=4000, seed=0):
    """Mean of ours / mean of ref, with a paired bootstrap 95% interval."""
    rng = random.Random(seed)
    n = len(ours)
    point = sum(ours) / sum(ref)
    draws = []
    for _ in range(rounds):
        idx = [rng.randrange(n) for _ in range(n)]
        draws.append(sum(ours[i] for i in idx) / sum(ref[i] for i in idx))
    draws.sort()
    return point, draws[int(0.025 * rounds)], draws[int(0.975 * rounds) - 1]


def mae(run, case):
    return run["metrics"][case]["mae"][0]


def row(run, ref, kinds):
    cells = [run["label"]]
    shared = sorted(c for c in ref["metrics"] if c in run["metrics"] and "mae" in ref["metrics"][c])
    calls = [run["calls"][c] for c in shared if c in run["calls"]]
    cells.append(f"{statistics.mean(calls):.0f}" if calls else "?")
    for kind in kinds:
        these = [c for c in shared if c.endswith("-" + kind)]
        cells.append(f"{statistics.mean(mae(run, c) for c in these):.2f}" if these else "-")
    blobs = [c for c in shared if c.endswith("-blob")]
    cells.append(f"{statistics.median(run['metrics'][c]['detail'][0] for c in blobs):.2f}" if blobs else "-")
    for kind in kinds + ["all"]:
        these = [c for c in shared if kind == "all" or c.endswith("-" + kind)]
        if not these:
            cells.append("-")
            continue
        p, lo, hi = ratio_ci([mae(run, c) for c in these], [mae(ref, c) for c in these])
        cells.append(f"{p:.3f} ({lo:.3f}–{hi:.3f})")
    return cells


def telea_run(ref):
    """Telea's values on the reference's cases as a run of their own (no UNet calls), for the same row."""
    metrics = {c: {k: (v[1], v[1]) for k, v in m.items()} for c, m in ref["metrics"].items()}
    return {"label": "OpenCV Telea", "metrics": metrics, "calls": {c: 0 for c in metrics}}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", action="append", required=True, help="LABEL=DIR; the first is the reference")
    args = ap.parse_args()
    runs = [load(*r.split("=", 1)) for r in args.run]
    ref = runs[0]
    kinds = [k for k in ("strokes", "blob") if any(c.endswith("-" + k) for c in ref["metrics"])]
    n = sum(1 for c in ref["metrics"] if "mae" in ref["metrics"][c])
    print(f"reference: {ref['label']}, {n} cases with known truth; MAE on the 0-255 scale (shared/photo-metrics); "
          "ratio = mean MAE / the reference's on the same cases, paired bootstrap 95% CI\n")
    head = ["setting", "UNet calls (mean per case)"] + [f"{k} MAE" for k in kinds] + ["blob detail (median)"] \
        + [f"{k} ratio" for k in kinds] + ["all ratio"]
    print("| " + " | ".join(head) + " |")
    print("| " + " | ".join(["---"] + ["---:"] * (len(head) - 1)) + " |")
    for run in runs:
        print("| " + " | ".join(row(run, ref, kinds)) + " |")
    print("| " + " | ".join(row(telea_run(ref), ref, kinds)) + " |")


if __name__ == "__main__":
    main()
