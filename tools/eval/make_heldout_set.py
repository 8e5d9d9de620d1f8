#!/usr/bin/env python3
"""Copies a fixed sample of held-out emoji into one folder, for `repaint-studio evaluate`.

Takes the stems of tools/train/heldout_stems.txt that exist in both styles, orders them by the
SHA-256 of the stem (arbitrary but reproducible), keeps the first N, and copies both styles as
<stem>-g.png (Noto, Apache-2.0) and <stem>-t.png (Twemoji, CC-BY 4.0), composited onto white with
the training's own function, so that the Java engine, the Telea script and training read the same
RGB pixels. Needs the data fetched by tools/train/fetch_data.sh.

Usage: /usr/bin/python3 tools/eval/make_heldout_set.py --out DIR [--stems 32]
"""
import argparse
import hashlib
import os
import sys

import cv2

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = os.path.join(HERE, "..", "train")
sys.path.insert(0, TRAIN)
from dataset import composite_on_white  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--stems", type=int, default=32)
    ap.add_argument("--data", default=os.path.join(TRAIN, "data", "raw"))
    a = ap.parse_args()
    with open(os.path.join(TRAIN, "heldout_stems.txt")) as fh:
        stems = [l.strip() for l in fh if l.strip() and not l.startswith("#")]

    def path(style, stem):
        return os.path.join(a.data, style, "img", style, "64", stem + ".png")

    both = [s for s in stems if os.path.exists(path("google", s)) and os.path.exists(path("twitter", s))]
    if not both:
        raise SystemExit("no held-out images found: run tools/train/fetch_data.sh first")
    chosen = sorted(both, key=lambda s: hashlib.sha256(s.encode("utf-8")).hexdigest())[:a.stems]
    os.makedirs(a.out, exist_ok=True)
    for s in chosen:
        for style, suffix in (("google", "-g"), ("twitter", "-t")):
            rgb = composite_on_white(cv2.imread(path(style, s), cv2.IMREAD_UNCHANGED))
            if not cv2.imwrite(os.path.join(a.out, s + suffix + ".png"), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)):
                raise SystemExit(f"cannot write {a.out}")
    print(f"{2 * len(chosen)} images from {len(chosen)} held-out stems in {a.out}")


if __name__ == "__main__":
    main()
