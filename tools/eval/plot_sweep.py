#!/usr/bin/env python3
"""Plot masked MAE against UNet calls from `evaluate --sweep` (sweep.csv), one or more files.

    python3 tools/eval/plot_sweep.py --csv OUT/sweep.csv [--csv MORE.csv] --out docs/quality-vs-calls.png

Each point is one setting: its mean masked MAE over every (image, mask) case, with a 95% paired
bootstrap interval of its MAE ratio to the reference (the first setting of the first file) drawn
as a vertical bar scaled to the reference's mean. The Pareto front (no other setting is both
cheaper and better) is joined. Files must share the reference's cases (same images, masks, seed).
"""
import argparse
import collections
import csv
import random

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def load(paths):
    """Rows by setting; a case measured in two files (the runs are deterministic) counts once."""
    settings = collections.OrderedDict()
    seen = set()
    for path in paths:
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                key = (row["setting"], row["image"], row["mask"])
                if key not in seen:
                    seen.add(key)
                    settings.setdefault(row["setting"], []).append(row)
    return settings


def ratio_ci(rows, ref, resamples=4000, seed=1):
    keys = [(r["image"], r["mask"]) for r in rows]
    a = [float(r["mae"]) for r in rows]
    b = [ref[k] for k in keys]
    rng = random.Random(seed)
    n = len(a)
    ratios = []
    for _ in range(resamples):
        idx = [rng.randrange(n) for _ in range(n)]
        ratios.append(sum(a[i] for i in idx) / sum(b[i] for i in idx))
    ratios.sort()
    return sum(a) / sum(b), ratios[int(0.025 * resamples)], ratios[int(0.975 * resamples) - 1]


def per_mask(rows, ref):
    """Ratio of mean MAEs per mask, and their geometric mean (each mask weighs the same)."""
    masks = list(dict.fromkeys(r["mask"] for r in rows))
    out = {}
    for m in masks:
        sel = [r for r in rows if r["mask"] == m]
        out[m] = sum(float(r["mae"]) for r in sel) / sum(ref[(r["image"], r["mask"])] for r in sel)
    geo = 1.0
    for v in out.values():
        geo *= v
    return out, geo ** (1.0 / len(out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", action="append", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--masks", help="only these masks (comma-separated), e.g. the narrow ones")
    args = ap.parse_args()
    settings = load(args.csv)
    if args.masks:
        keep = set(args.masks.split(","))
        settings = collections.OrderedDict((k, [r for r in v if r["mask"] in keep]) for k, v in settings.items())
    ref_name = next(iter(settings))
    ref = {(r["image"], r["mask"]): float(r["mae"]) for r in settings[ref_name]}
    ref_mean = sum(ref.values()) / len(ref)
    points = []
    for name, rows in settings.items():
        rows = [r for r in rows if (r["image"], r["mask"]) in ref]
        ratio, low, high = ratio_ci(rows, ref)
        points.append((int(rows[0]["calls"]), ratio * ref_mean, low * ref_mean, high * ref_mean, name, ratio, low, high))
    print(f"reference: {ref_name}, {len(ref)} cases, mean masked MAE {ref_mean:.3f}")
    masks = list(dict.fromkeys(r["mask"] for r in settings[ref_name]))
    print("| setting | UNet calls | masked MAE | ratio | 95% CI | " + " | ".join(masks) + " | per-mask geo. mean |")
    print("| --- | ---: | ---: | ---: | --- | " + " | ".join("---:" for _ in masks) + " | ---: |")
    for calls, mae, _, _, name, ratio, low, high in sorted(points):
        rows = [r for r in settings[name] if (r["image"], r["mask"]) in ref]
        by_mask, geo = per_mask(rows, ref)
        cells = " | ".join(f"{by_mask.get(m, float('nan')):.2f}" for m in masks)
        print(f"| {name} | {calls} | {mae:.3f} | {ratio:.3f} | {low:.3f}–{high:.3f} | {cells} | {geo:.3f} |")
    front, best = [], float("inf")
    for p in sorted(points):
        if p[1] < best:
            front.append(p)
            best = p[1]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=100)
    for calls, mae, low, high, name, *_ in points:
        ax.errorbar(calls, mae, yerr=[[mae - low], [high - mae]], fmt="o", ms=4, capsize=2,
                    color="tab:red" if name == ref_name else "tab:blue")
        ax.annotate(name, (calls, mae), fontsize=6, xytext=(3, 3), textcoords="offset points")
    ax.plot([p[0] for p in front], [p[1] for p in front], "--", color="grey", lw=1, label="Pareto front")
    ax.axhline(ref_mean * 1.03, color="tab:red", lw=0.8, ls=":", label=f"{ref_name} + 3%")
    ax.axvline(120, color="tab:green", lw=0.8, ls=":", label="120 calls")
    ax.set_xscale("log")
    ax.set_xlabel("UNet calls per run (log)")
    ax.set_ylabel("masked MAE (0-255), lower is better")
    masks = ",".join(dict.fromkeys(r["mask"] for r in settings[ref_name]))
    ax.set_title(f"emoji-64 hold-out, {len(ref)} cases (images × {masks}), paired 95% CI", fontsize=8)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
