#!/usr/bin/env python3
"""Tables and a 100%-crop grid for the photo docs page, from photo_eval.sh result folders.

  /usr/bin/python3 tools/eval/photo_report.py --cases CASES --run LABEL=DIR [--run LABEL=DIR ...] \
      --grid OUT.jpg [--grid-cases name-kind,...] > tables.md

Each DIR is an OUT_DIR of tools/eval/photo_eval.sh (results <name>-<kind>.png and metrics.txt, the output of
shared/photo-metrics/photo_metrics.py, whose numbers are used as printed). Prints markdown: one summary
table (all runs and Telea, per mask kind) and one per-case table. The grid shows, per case, a square crop at
100 % (no resampling) around the mask (192 px, or 1.25x the mask's extent up to 384 px): input with the mask in red | Telea | each run.
"""
import argparse
import json
import os
import re
import sys

import cv2
import numpy as np

LINE = re.compile(r"^(?P<case>[\w.]+)-(?P<kind>strokes|blob|object): (?P<rest>.*)$")
PAIR = re.compile(r"(\w+) ([-\d.naif]+) \(telea ([-\d.naif]+)\)")


def parse_metrics(path):
    """{(case, kind): {metric: (ours, telea)}} from a photo_metrics.py output file."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line.strip())
            if m:
                out[(m["case"], m["kind"])] = {k: (float(a), float(b)) for k, a, b in PAIR.findall(m["rest"])}
    return out


def summary_line(path):
    with open(path, encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.startswith("photos:")]
    return lines[-1] if lines else "(no summary)"


def agg(values, how):
    v = [x for x in values if np.isfinite(x)]
    if not v:
        return float("nan")
    return float(np.mean(v) if how == "mean" else np.median(v))


def summary_table(runs, metrics):
    rows = ["| mask | metric | Telea | " + " | ".join(runs) + " |", "| --- | --- | --- | " + " | ".join("---" for _ in runs) + " |"]
    spec = [("strokes", "mae", "mean"), ("strokes", "seam", "median"), ("blob", "mae", "mean"),
            ("blob", "detail", "median"), ("blob", "seam", "median"), ("object", "detail", "median"),
            ("object", "colour", "median"), ("object", "seam", "median")]
    first = metrics[runs[0]]
    for kind, key, how in spec:
        telea = agg([v[key][1] for (c, k), v in first.items() if k == kind and key in v], how)
        ours = [agg([v[key][0] for (c, k), v in metrics[r].items() if k == kind and key in v], how) for r in runs]
        rows.append(f"| {kind} | {how} {key} | {telea:.2f} | " + " | ".join(f"{x:.2f}" for x in ours) + " |")
    return "\n".join(rows)


def case_table(runs, metrics):
    keys = sorted(set().union(*[set(m) for m in metrics.values()]), key=lambda ck: (ck[1], ck[0]))
    rows = ["| case | metric | Telea | " + " | ".join(runs) + " |", "| --- | --- | --- | " + " | ".join("---" for _ in runs) + " |"]
    for ck in keys:
        base = next(metrics[r][ck] for r in runs if ck in metrics[r])
        for key in base:
            vals = [f"{metrics[r][ck][key][0]:.2f}" if ck in metrics[r] else "–" for r in runs]
            rows.append(f"| {ck[0]}-{ck[1]} | {key} | {base[key][1]:.2f} | " + " | ".join(vals) + " |")
    return "\n".join(rows)


def crop_box(mask, side, largest=384):
    """A square around the mask: `side` px, or 1.25x the mask's extent up to `largest`, inside the image."""
    ys, xs = np.nonzero(mask)
    h, w = mask.shape
    extent = max(ys.max() - ys.min(), xs.max() - xs.min())
    side = min(max(side, int(1.25 * extent)), largest, h, w)
    cy, cx = int((ys.min() + ys.max()) / 2), int((xs.min() + xs.max()) / 2)
    y0 = min(max(0, cy - side // 2), h - side)
    x0 = min(max(0, cx - side // 2), w - side)
    return y0, x0, side


def grid(cases_dir, runs, dirs, names, out, side=192):
    rows = []
    for ck in names:
        name, kind = ck.rsplit("-", 1)
        img = cv2.imread(os.path.join(cases_dir, f"{name}.png"), cv2.IMREAD_COLOR)
        m = cv2.imread(os.path.join(cases_dir, f"mask-{name}-{kind}.png"), cv2.IMREAD_GRAYSCALE) > 127
        y0, x0, s = crop_box(m, side)
        shown = img.copy()
        shown[m] = (0.5 * shown[m] + 0.5 * np.array([0, 0, 255])).astype(np.uint8)
        telea = cv2.inpaint(img, m.astype(np.uint8) * 255, 5, cv2.INPAINT_TELEA)
        tiles = [shown, telea] + [cv2.imread(os.path.join(d, f"{ck}.png"), cv2.IMREAD_COLOR) for d in dirs]
        row = []
        for t in tiles:
            c = t[y0:y0 + s, x0:x0 + s]  # 100 %: no resampling
            row.append(np.pad(c, ((2, 2), (2, 2), (0, 0)), constant_values=255))
        label = np.full((20, sum(r.shape[1] for r in row), 3), 255, np.uint8)
        cv2.putText(label, f"{ck} ({x0},{y0}) {s}px: input+mask | Telea | " + " | ".join(runs), (4, 15),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1, cv2.LINE_AA)
        rows.append(np.vstack([label, np.hstack(row)]))
    width = max(r.shape[1] for r in rows)
    sheet = np.vstack([np.pad(r, ((0, 0), (0, width - r.shape[1]), (0, 0)), constant_values=255) for r in rows])
    cv2.imwrite(out, sheet, [cv2.IMWRITE_JPEG_QUALITY, 75])
    print(f"grid {out}: {len(rows)} cases, {os.path.getsize(out) // 1024} KB", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--run", action="append", required=True, help="LABEL=DIR (photo_eval.sh output)")
    ap.add_argument("--grid", help="output .jpg for the 100%% crop grid")
    ap.add_argument("--grid-cases", default="", help="comma-separated name-kind list (default: every object case)")
    a = ap.parse_args()
    runs, dirs = zip(*[r.split("=", 1) for r in a.run])
    metrics = {r: parse_metrics(os.path.join(d, "metrics.txt")) for r, d in zip(runs, dirs)}
    print("### Summary (photo_metrics.py; MAE on the 0-255 scale)\n")
    print(summary_table(list(runs), metrics) + "\n")
    for r, d in zip(runs, dirs):
        print(f"- {r}: `{summary_line(os.path.join(d, 'metrics.txt'))}`")
    print("\n### Every case\n")
    print(case_table(list(runs), metrics))
    if a.grid:
        with open(os.path.join(a.cases, "cases.json"), encoding="utf-8") as f:
            cases = json.load(f)["cases"]
        names = [n for n in a.grid_cases.split(",") if n] or [
            f"{c['name']}-object" for c in cases if os.path.exists(os.path.join(a.cases, f"mask-{c['name']}-object.png"))]
        grid(a.cases, list(runs), list(dirs), names, a.grid)


if __name__ == "__main__":
    main()
