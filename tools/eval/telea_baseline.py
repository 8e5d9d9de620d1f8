#!/usr/bin/env python3
"""OpenCV Telea inpainting on the same cases as `repaint-studio evaluate`, for the model card.

Reads the images folder given to `evaluate` and the masks it saved (OUT/masks/<mask>/<name>.png,
white = fill), fills each with cv2.inpaint(..., cv2.INPAINT_TELEA), and measures MAE and PSNR inside
the mask exactly as the Java command does (0-255 scale, all three channels). Adds the rows to
OUT/metrics.csv as method "telea" and writes OUT/summary-with-telea.md.

Usage: /usr/bin/python3 tools/eval/telea_baseline.py --images DIR --out OUT [--radius 3]
Needs Debian's python3-opencv and python3-numpy.
"""
import argparse
import csv
import math
import os
import sys

import cv2
import numpy as np


def load_rgb_on_white(path):
    img = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if img is None:
        sys.exit(f"cannot read {path}")
    if img.dtype == np.uint16:
        img = (img.astype(np.float64) / 257.0).round().astype(np.uint8)
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    if img.shape[2] == 4:
        alpha = img[:, :, 3:4].astype(np.float64) / 255.0
        img = (img[:, :, :3] * alpha + 255.0 * (1 - alpha)).round().astype(np.uint8)
    return img


def score(result, truth, fill):
    d = result.astype(np.float64)[fill] - truth.astype(np.float64)[fill]
    if d.size == 0:
        return 0.0, math.inf
    mae = np.abs(d).mean()
    mse = (d ** 2).mean()
    return mae, (math.inf if mse == 0 else 10 * math.log10(255.0 ** 2 / mse))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--images", required=True)
    ap.add_argument("--out", required=True, help="the folder `evaluate --out` wrote")
    ap.add_argument("--radius", type=float, default=3.0)
    a = ap.parse_args()
    masks_root = os.path.join(a.out, "masks")
    rows = []
    names = {os.path.splitext(f)[0]: f for f in os.listdir(a.images)}
    for mask_id in sorted(os.listdir(masks_root)):
        for f in sorted(os.listdir(os.path.join(masks_root, mask_id))):
            name = os.path.splitext(f)[0]
            truth = load_rgb_on_white(os.path.join(a.images, names[name]))
            mask = cv2.imread(os.path.join(masks_root, mask_id, f), cv2.IMREAD_GRAYSCALE)
            if truth.shape[:2] != mask.shape:
                truth = cv2.resize(truth, (mask.shape[1], mask.shape[0]), interpolation=cv2.INTER_CUBIC)
            fill = mask >= 128
            filled = cv2.inpaint(truth, fill.astype(np.uint8) * 255, a.radius, cv2.INPAINT_TELEA)
            os.makedirs(os.path.join(a.out, "telea", mask_id), exist_ok=True)
            cv2.imwrite(os.path.join(a.out, "telea", mask_id, name + ".png"), filled)
            mae, psnr = score(filled, truth, fill)
            rows.append((name, mask_id, "telea", mae, psnr))
    metrics = os.path.join(a.out, "metrics.csv")
    with open(metrics, newline="") as fh:
        existing = [r for r in csv.reader(fh)]
    header, body = existing[0], [r for r in existing[1:] if r[2] != "telea"]
    body += [[n, m, meth, f"{mae:.4f}", f"{psnr:.4f}"] for n, m, meth, mae, psnr in rows]
    tmp = metrics + ".tmp"
    with open(tmp, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
    os.replace(tmp, metrics)

    table = {}
    for n, m, meth, mae, psnr in ([r[0], r[1], r[2], float(r[3]), float(r[4])] for r in body):
        t = table.setdefault((m, meth), [[], []])
        t[0].append(mae)
        if math.isfinite(psnr):
            t[1].append(psnr)
    masks = sorted({m for m, _ in table}, key=lambda m: ["thin", "thick", "lines", "sr", "expand"].index(m)
                   if m in ["thin", "thick", "lines", "sr", "expand"] else 99)
    methods = ["repaint", "mean-colour", "telea"]
    lines = ["| mask | " + " | ".join(f"{x} MAE ↓ | {x} PSNR ↑" for x in methods) + " |",
             "| --- |" + " --- | --- |" * len(methods)]
    for m in masks:
        cells = []
        for meth in methods:
            maes, psnrs = table.get((m, meth), [[], []])
            cells.append(f"{np.mean(maes):.2f} | {np.mean(psnrs):.2f}" if maes else "– | –")
        lines.append(f"| {m} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(a.out, "summary-with-telea.md"), "w") as fh:
        fh.write(text)
    print(text)


if __name__ == "__main__":
    main()
