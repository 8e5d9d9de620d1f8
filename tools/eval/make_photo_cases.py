#!/usr/bin/env python3
"""Writes the photo evaluation cases (issue 14, section 3) in the format of shared/photo-metrics/photo_metrics.py.

  /usr/bin/python3 tools/eval/make_photo_cases.py --out DIR [--set public|heldout|all]

DIR gets cases.json ({"cases": [{"name", "image", "set", "source"}]}), every photo as <name>.png (RGB; grey
photos become three equal channels) and masks mask-<name>-<kind>.png (white = fill):
  strokes  scratches: 3 thin (about 0.6% of the short side) and 2 thick (about 2.5%) random polylines;
  blob     one irregular blob (union of ellipses) of 2-5% of the image, placed at random; the truth under it
           is the photo itself;
  object   a hand-drawn polygon/ellipse over a real object of that photo (listed in OBJECTS below, in
           fractions of width and height), dilated by 1% of the short side; only photos with an entry get one.
Sets:
  public   the public test set: scikit-image sample photos and scikit-learn's china.jpg / flower.jpg
           (Debian python3-skimage-lib / python3-sklearn), at their own size;
  heldout  the validation photos of the photo model (tools/train/photo_dataset.py's hash rule, from
           tools/train/data/photo/manifest.json), shrunk (area filter) so that the long side is at most 2560.
Everything is seeded by the case name, so the cases are the same on every run and machine.
The reserved independent-check photos (tools/eval/reserved_photos.txt: Kite, EveningGlow, Path) are not used.
"""
import argparse
import hashlib
import json
import math
import os
import sys

import cv2
import numpy as np

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data"
SKLEARN = "/usr/lib/python3/dist-packages/sklearn/datasets/images"
MANIFEST = os.path.join(REPO, "tools", "train", "data", "photo", "manifest.json")
MAX_LONG_SIDE = 2560

PUBLIC = {  # name -> file: the photographs among the sample images (no synthetic, microscopy or text images)
    "astronaut": f"{SKIMAGE}/astronaut.png",
    "chelsea": f"{SKIMAGE}/chelsea.png",
    "coffee": f"{SKIMAGE}/coffee.png",
    "motorcycle": f"{SKIMAGE}/motorcycle_left.png",
    "rocket": f"{SKIMAGE}/rocket.jpg",
    "camera": f"{SKIMAGE}/camera.png",
    "grass": f"{SKIMAGE}/grass.png",
    "gravel": f"{SKIMAGE}/gravel.png",
    "brick": f"{SKIMAGE}/brick.png",
    "china": f"{SKLEARN}/china.jpg",
    "flower": f"{SKLEARN}/flower.jpg",
}

# Objects to remove, as ("poly", [(x, y), ...]) or ("ellipse", (cx, cy, rx, ry)) in fractions of width / height.
OBJECTS = {
    "coffee": ("poly", [(405 / 600, 68 / 400), (425 / 600, 75 / 400), (398 / 600, 170 / 400), (388 / 600, 232 / 400),
                        (407 / 600, 270 / 400), (405 / 600, 315 / 400), (370 / 600, 330 / 400), (330 / 600, 316 / 400),
                        (322 / 600, 270 / 400), (345 / 600, 240 / 400), (372 / 600, 225 / 400), (384 / 600, 160 / 400)]),
    "chelsea": ("ellipse", (262 / 451, 238 / 300, 32 / 451, 22 / 300)),            # the cat's nose
    "astronaut": ("ellipse", (170 / 512, 385 / 512, 40 / 512, 40 / 512)),         # the mission patch
    "rocket": ("poly", [(437 / 640, 118 / 427), (455 / 640, 118 / 427),           # the mast against the sky
                        (458 / 640, 330 / 427), (434 / 640, 330 / 427)]),
    "china": ("ellipse", (460 / 640, 234 / 427, 42 / 640, 12 / 427)),              # the island in the lake
    "flower": ("ellipse", (365 / 640, 410 / 427, 78 / 640, 40 / 427)),             # the second flower
    "motorcycle": ("poly", [(398 / 741, 52 / 500), (420 / 741, 52 / 500),          # the yellow bottle
                            (420 / 741, 94 / 500), (398 / 741, 94 / 500)]),
    "camera": ("poly", [(405 / 512, 112 / 512), (445 / 512, 112 / 512),            # the tower against the sky
                        (445 / 512, 198 / 512), (405 / 512, 198 / 512)]),
    "kleiber": ("poly", [(405 / 1000, 195 / 563), (425 / 1000, 205 / 563), (455 / 1000, 260 / 563),   # the bird
                         (495 / 1000, 330 / 563), (540 / 1000, 358 / 563), (500 / 1000, 360 / 563),
                         (470 / 1000, 372 / 563), (430 / 1000, 367 / 563), (405 / 1000, 322 / 563),
                         (398 / 1000, 250 / 563)]),
    "sunset": ("poly", [(630 / 1000, 450 / 667), (700 / 1000, 432 / 667), (850 / 1000, 432 / 667),    # stone table
                        (925 / 1000, 455 / 667), (925 / 1000, 500 / 667), (820 / 1000, 520 / 667),
                        (815 / 1000, 667 / 667), (712 / 1000, 667 / 667), (712 / 1000, 520 / 667),
                        (630 / 1000, 495 / 667)]),
}


def rng_for(name, kind):
    return np.random.default_rng(int(hashlib.sha256(f"{name}/{kind}".encode()).hexdigest()[:16], 16))


def stroke_mask(h, w, rng):
    m = np.zeros((h, w), np.uint8)
    short = min(h, w)
    for width in [max(3, round(0.006 * short))] * 3 + [max(8, round(0.025 * short))] * 2:
        pts = [(rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h)]
        for _ in range(int(rng.integers(2, 5))):
            ang, step = rng.uniform(0, 2 * math.pi), rng.uniform(0.08, 0.25) * short
            x, y = pts[-1]
            pts.append((min(w - 1, max(0, x + step * math.cos(ang))), min(h - 1, max(0, y + step * math.sin(ang)))))
        cv2.polylines(m, [np.round(np.array(pts)).astype(np.int32)], False, 255, width, cv2.LINE_AA)
    return np.where(m > 0, 255, 0).astype(np.uint8)


def blob_mask(h, w, rng):
    """Union of 3-5 ellipses around a centre, scaled so that it covers the drawn 2-5% of the image."""
    target = rng.uniform(0.02, 0.05) * h * w
    parts = [(rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5), rng.uniform(0.5, 1.0), rng.uniform(0.3, 0.8),
              rng.uniform(0, 180)) for _ in range(int(rng.integers(3, 6)))]
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h

    def draw(scale):
        m = np.zeros((h, w), np.uint8)
        for dx, dy, ax, ay, ang in parts:
            cv2.ellipse(m, (round(cx + dx * scale), round(cy + dy * scale)),
                        (max(1, round(ax * scale)), max(1, round(ay * scale))), ang, 0, 360, 255, -1)
        return m

    lo, hi = 1.0, float(max(h, w))
    for _ in range(40):  # bisection on the scale for the target area
        mid = (lo + hi) / 2
        if (draw(mid) > 0).sum() < target:
            lo = mid
        else:
            hi = mid
    return draw(hi)


def object_mask(h, w, spec):
    m = np.zeros((h, w), np.uint8)
    shape, geo = spec
    if shape == "poly":
        cv2.fillPoly(m, [np.round(np.array([(x * w, y * h) for x, y in geo])).astype(np.int32)], 255)
    else:
        cx, cy, rx, ry = geo
        cv2.ellipse(m, (round(cx * w), round(cy * h)), (round(rx * w), round(ry * h)), 0, 0, 360, 255, -1)
    grow = max(2, round(0.01 * min(h, w)))
    return cv2.dilate(m, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1, 2 * grow + 1)))


def load_photo(path):
    img = cv2.imread(path, cv2.IMREAD_COLOR)  # grey files become 3 equal channels
    if img is None:
        sys.exit(f"cannot read {path}: install python3-skimage-lib / python3-sklearn, or run fetch_photos.sh")
    h, w = img.shape[:2]
    s = MAX_LONG_SIDE / max(h, w)
    if s < 1:
        img = cv2.resize(img, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
    return img


def heldout_photos():
    if not os.path.exists(MANIFEST):
        sys.exit(f"{MANIFEST} not found: run tools/train/fetch_photos.sh")
    with open(MANIFEST, encoding="utf-8") as f:
        images = json.load(f)["images"]
    pkgs = os.path.join(os.path.dirname(MANIFEST), "pkgs")
    out = {}
    for e in images:
        if e["heldout"] and e["kind"] == "photo":
            name = os.path.splitext(os.path.basename(e["path"]))[0].split("_")[0].lower()
            out[name] = os.path.join(pkgs, e["package"], e["path"])
    return out


def write_png(path, img):
    tmp = path + ".tmp.png"
    if not cv2.imwrite(tmp, img):
        sys.exit(f"cannot write {path}")
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--set", choices=["public", "heldout", "all"], default="all")
    a = ap.parse_args()
    photos = {}
    if a.set in ("public", "all"):
        photos.update({n: ("public", p) for n, p in PUBLIC.items()})
    if a.set in ("heldout", "all"):
        photos.update({n: ("heldout", p) for n, p in heldout_photos().items()})
    os.makedirs(a.out, exist_ok=True)
    cases = []
    for name, (which, path) in sorted(photos.items()):
        img = load_photo(path)
        h, w = img.shape[:2]
        write_png(os.path.join(a.out, f"{name}.png"), img)
        masks = {"strokes": stroke_mask(h, w, rng_for(name, "strokes")), "blob": blob_mask(h, w, rng_for(name, "blob"))}
        if name in OBJECTS:
            masks["object"] = object_mask(h, w, OBJECTS[name])
        for kind, m in masks.items():
            write_png(os.path.join(a.out, f"mask-{name}-{kind}.png"), m)
        cases.append({"name": name, "image": f"{name}.png", "set": which, "source": os.path.relpath(path, REPO)
                      if path.startswith(REPO) else path, "size": [w, h],
                      "mask_percent": {k: round(100 * float((m > 0).mean()), 2) for k, m in masks.items()}})
        print(f"{name}: {w}x{h} " + " ".join(f"{k} {v}%" for k, v in cases[-1]["mask_percent"].items()))
    with open(os.path.join(a.out, "cases.json.tmp"), "w") as f:
        json.dump({"cases": cases}, f, indent=1)
    os.replace(os.path.join(a.out, "cases.json.tmp"), os.path.join(a.out, "cases.json"))


if __name__ == "__main__":
    main()
