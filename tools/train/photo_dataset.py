"""Photo dataset for the natural-image model: preparation, the held-out split and multi-scale crops.

  /usr/bin/python3 tools/train/photo_dataset.py prepare --pkgs DIR --out DIR   # run by fetch_photos.sh
  /usr/bin/python3 tools/train/photo_dataset.py sheet --out crops.png          # 64 training crops to look at

prepare: reads tools/train/photo_sources.txt (which files of which Debian package) and
tools/eval/reserved_photos.txt (files never to train or tune on), decodes every selected image, shrinks
it so that its short side is at most 1024 px (area filter), and stores it as RGB uint8 .npy in
OUT/cache/, with OUT/manifest.json holding package, version, path, licence and copyright (from the
package's DEP-5 /usr/share/doc/PKG/copyright; for plasma wallpapers also the metadata.json author) of
every image. A reserved file is refused even if the source list names it.

HELD-OUT RULE (validation, by photo, never by crop):
    key = "<package>/<path inside the package>"
    held out  <=>  hashlib.sha256(key.encode()).hexdigest()[0] in "01"       (about 1 in 8)

Crops: a random square whose side is log-uniform between the model size and the image's short side
(of the cached image, i.e. up to 1024 px), shrunk to the model size with an area filter, flipped
horizontally with probability 1/2. Sources are drawn by kind: photos with probability `photo_share`,
textures otherwise, uniformly within a kind.
"""
import argparse
import fnmatch
import hashlib
import json
import math
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SOURCES = os.path.join(HERE, "photo_sources.txt")
RESERVED = os.path.join(REPO, "tools", "eval", "reserved_photos.txt")
DEFAULT_DATA = os.path.join(HERE, "data", "photo")
MAX_SHORT_SIDE = 1024
MIN_TEXTURE_SIDE = 256
IMAGE_EXT = (".jpg", ".jpeg", ".png", ".webp", ".tga")


def is_heldout(key):
    """True if the image `<package>/<path>` belongs to the validation photos."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[0] in "01"


def read_rules(path, fields):
    """Non-comment lines of a whitespace-separated rules file, as tuples of `fields` columns."""
    rules = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                parts = line.split(None, fields - 1)
                if len(parts) != fields:
                    raise SystemExit(f"{path}: expected {fields} columns in: {line}")
                rules.append(tuple(parts))
    return rules


def is_reserved(package, rel, reserved):
    return any(package == p and fnmatch.fnmatch(rel, g) for p, g in reserved)


def parse_dep5(path):
    """DEP-5 copyright file -> list of (file patterns, copyright text, licence); later stanzas win."""
    if not os.path.exists(path):
        return []
    stanzas, cur, key = [], {}, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                if cur:
                    stanzas.append(cur)
                cur, key = {}, None
            elif line[0] in " \t" and key:
                cur[key] += "\n" + line.strip()
            elif ":" in line:
                key, val = line.split(":", 1)
                cur[key] = val.strip()
    if cur:
        stanzas.append(cur)
    out = []
    for s in stanzas:
        if "Files" in s and "License" in s:
            out.append((s["Files"].split(), s.get("Copyright", "").strip(), s["License"].split("\n")[0].strip()))
    return out


def pattern_matches(pattern, rel):
    """DEP-5 patterns name paths in the upstream tree, which differ from the installed paths: compare the
    base name, and for a wildcard base name (e.g. `base/textures/tex_nature/*`) also the folder above it."""
    if pattern == "*":
        return True
    p_parts, r_parts = pattern.split("/"), rel.split("/")
    if not fnmatch.fnmatch(r_parts[-1], p_parts[-1]):
        return False
    if re.search(r"[*?\[]", p_parts[-1]):
        return len(p_parts) > 1 and len(r_parts) > 1 and fnmatch.fnmatch(r_parts[-2], p_parts[-2])
    return True


def licence_of(dep5, rel):
    """(licence, copyright) of the last stanza with a pattern that matches `rel` (DEP-5: later wins)."""
    found = ("unknown", "")
    for patterns, cr, lic in dep5:
        if any(pattern_matches(p, rel) for p in patterns):
            found = (lic, cr)
    return found


def plasma_author(pkg_root, rel):
    m = re.match(r"usr/share/wallpapers/([^/]+)/", rel)
    if not m:
        return None
    meta = os.path.join(pkg_root, "usr/share/wallpapers", m.group(1), "metadata.json")
    try:
        with open(meta, encoding="utf-8") as f:
            plugin = json.load(f)["KPlugin"]
    except (OSError, KeyError, ValueError):
        return None
    names = ", ".join(a.get("Name", "") for a in plugin.get("Authors", []))
    return f"{plugin.get('Name', m.group(1))} by {names}" + (f" ({plugin['License']})" if plugin.get("License") else "")


def usable_texture(rel, img):
    """Photo textures only: no normal/specular maps, colour swatches, tiny or near-uniform images."""
    base = os.path.splitext(os.path.basename(rel))[0]
    if re.search(r"_(nm|sm|gloss|spec|bump|h)$", base) or base.startswith("c_"):
        return False
    if min(img.shape[:2]) < MIN_TEXTURE_SIDE:
        return False
    mean = img.reshape(-1, 3).mean(0)  # RGB
    if mean[2] > mean[0] + 40 and mean[2] > mean[1] + 30:  # a normal map saved without the suffix
        return False
    return float(img.mean(2).std()) >= 6.0


def select_files(pkgs_dir, sources, reserved):
    """[(package, version, kind, rel)] for every file the source list selects, minus excludes and reserved."""
    chosen, excluded, refused = [], set(), []
    for package, version, kind, glob in sources:
        if kind == "exclude":
            excluded.add((package, glob))
    for package, version, kind, glob in sources:
        if kind == "exclude":
            continue
        root = os.path.join(pkgs_dir, package)
        if not os.path.isdir(root):
            raise SystemExit(f"missing {root}: run tools/train/fetch_photos.sh")
        for dp, _, files in os.walk(root):
            for name in sorted(files):
                rel = os.path.relpath(os.path.join(dp, name), root)
                if not name.lower().endswith(IMAGE_EXT) or not fnmatch.fnmatch(rel, glob):
                    continue
                if any(p == package and fnmatch.fnmatch(rel, g) for p, g in excluded):
                    continue
                if is_reserved(package, rel, reserved):
                    refused.append(f"{package}/{rel}")
                    continue
                chosen.append((package, version, kind, rel))
    return sorted(set(chosen)), refused


def load_rgb(path):
    import cv2
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        return None
    return np.ascontiguousarray(img[:, :, ::-1])


def shrink_short_side(img, limit=MAX_SHORT_SIDE):
    import cv2
    h, w = img.shape[:2]
    s = limit / min(h, w)
    if s >= 1:
        return img
    return cv2.resize(img, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)


def prepare(pkgs_dir, out_dir):
    sources = read_rules(SOURCES, 4)
    reserved = read_rules(RESERVED, 2)
    files, refused = select_files(pkgs_dir, sources, reserved)
    cache = os.path.join(out_dir, "cache")
    os.makedirs(cache, exist_ok=True)
    dep5 = {}
    entries, dropped = [], []
    for package, version, kind, rel in files:
        root = os.path.join(pkgs_dir, package)
        img = load_rgb(os.path.join(root, rel))
        if img is None:
            dropped.append(f"{package}/{rel} (unreadable)")
            continue
        if kind == "texture" and not usable_texture(rel, img):
            dropped.append(f"{package}/{rel} (not a photo texture)")
            continue
        if package not in dep5:
            dep5[package] = parse_dep5(os.path.join(root, "usr/share/doc", package, "copyright"))
        lic, cr = licence_of(dep5[package], rel)
        key = f"{package}/{rel}"
        small = shrink_short_side(img)
        name = hashlib.sha256(key.encode()).hexdigest()[:16] + ".npy"
        np.save(os.path.join(cache, name), small)
        entries.append({"key": key, "package": package, "version": version, "kind": kind, "path": rel,
                        "licence": lic, "copyright": " ".join(cr.split()), "author": plasma_author(root, rel),
                        "size": [img.shape[1], img.shape[0]], "cached": [small.shape[1], small.shape[0]],
                        "file": name, "heldout": is_heldout(key)})
    manifest = {"max_short_side": MAX_SHORT_SIDE, "heldout_rule": "sha256('<package>/<path>')[0] in '01'",
                "images": entries, "dropped": dropped, "refused_reserved": refused,
                "counts": summarize(entries)}
    tmp = os.path.join(out_dir, "manifest.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
    os.replace(tmp, os.path.join(out_dir, "manifest.json"))
    print(json.dumps(manifest["counts"], indent=1))
    print(f"refused (reserved): {len(refused)}; dropped: {len(dropped)}")
    return manifest


def summarize(entries):
    out = {}
    for e in entries:
        c = out.setdefault(e["package"], {"version": e["version"], "train": 0, "heldout": 0, "licences": {}})
        c["heldout" if e["heldout"] else "train"] += 1
        c["licences"][e["licence"]] = c["licences"].get(e["licence"], 0) + 1
    return out


class PhotoSet:
    """The cached images of one split, with the multi-scale crop sampler."""

    def __init__(self, data_dir, heldout, size=64, photo_share=0.75):
        with open(os.path.join(data_dir, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.entries = [e for e in self.manifest["images"] if e["heldout"] == heldout]
        if not self.entries:
            raise SystemExit(f"no {'held-out' if heldout else 'training'} images in {data_dir}")
        self.images = [np.load(os.path.join(data_dir, "cache", e["file"])) for e in self.entries]
        self.size = size
        photos = [i for i, e in enumerate(self.entries) if e["kind"] == "photo"]
        textures = [i for i, e in enumerate(self.entries) if e["kind"] != "photo"]
        self.groups = [(photos, photo_share), (textures, 1 - photo_share)]
        self.groups = [(g, p) for g, p in self.groups if g]
        total = sum(p for _, p in self.groups)
        self.groups = [(g, p / total) for g, p in self.groups]

    def crop(self, rng, index=None):
        """One random crop as size x size x 3 uint8; rng is a numpy Generator."""
        import cv2
        if index is None:
            r, acc = rng.random(), 0.0
            for group, p in self.groups:
                acc += p
                if r < acc or group is self.groups[-1][0]:
                    index = group[int(rng.integers(len(group)))]
                    break
        img = self.images[index]
        h, w = img.shape[:2]
        short = min(h, w)
        lo = min(self.size, short)
        side = int(round(math.exp(rng.uniform(math.log(lo), math.log(short)))))
        side = max(lo, min(short, side))
        y, x = int(rng.integers(h - side + 1)), int(rng.integers(w - side + 1))
        c = img[y:y + side, x:x + side]
        if side != self.size:
            c = cv2.resize(c, (self.size, self.size), interpolation=cv2.INTER_AREA)
        if rng.random() < 0.5:
            c = c[:, ::-1]
        return np.ascontiguousarray(c)

    def batch(self, rng, n):
        return np.stack([self.crop(rng) for _ in range(n)])

    def fixed_crops(self, per_image, seed):
        """Deterministic validation crops: `per_image` crops of every image (all scales), NHWC uint8."""
        rng = np.random.default_rng(seed)
        return np.stack([self.crop(rng, i) for i in range(len(self.images)) for _ in range(per_image)])

    def counts(self):
        return summarize(self.entries)


def contact_sheet(data_dir, out, n=64, seed=1, size=64, zoom=2):
    import cv2
    ps = PhotoSet(data_dir, heldout=False, size=size)
    crops = ps.batch(np.random.default_rng(seed), n)
    cols = int(math.ceil(math.sqrt(n)))
    rows = int(math.ceil(n / cols))
    sheet = np.full((rows * (size + 2), cols * (size + 2), 3), 255, np.uint8)
    for i, c in enumerate(crops):
        r, q = divmod(i, cols)
        sheet[r * (size + 2):r * (size + 2) + size, q * (size + 2):q * (size + 2) + size] = c
    sheet = cv2.resize(sheet, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_NEAREST)
    cv2.imwrite(out, sheet[:, :, ::-1])
    print(f"{out}: {n} training crops of {len(ps.images)} training images")


def sources_table(data_dir):
    """Markdown table for the model card: one row per package and licence, with attribution and counts."""
    with open(os.path.join(data_dir, "manifest.json"), encoding="utf-8") as f:
        images = json.load(f)["images"]
    rows = {}
    for e in images:
        r = rows.setdefault((e["package"], e["licence"]), {"version": e["version"], "kind": e["kind"], "train": 0,
                                                            "heldout": 0, "credit": []})
        r["heldout" if e["heldout"] else "train"] += 1
        credit = e["author"] or e["copyright"]
        if e["kind"] != "photo":  # texture stanzas credit dozens of authors at once
            credit = "per-file authors in the package's debian/copyright (each image's in manifest.json)"
        if credit and credit not in r["credit"]:
            r["credit"].append(credit)
    out = ["| package (Debian bookworm) | version | kind | licence (debian/copyright) | images train / held-out | attribution |",
           "| --- | --- | --- | --- | --- | --- |"]
    for (pkg, lic), r in sorted(rows.items()):
        credit = "; ".join(c.replace("|", "/") for c in r["credit"])
        out.append(f"| {pkg} | {r['version']} | {r['kind']} | {lic} | {r['train']} / {r['heldout']} | {credit} |")
    return "\n".join(out)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["prepare", "sheet", "counts", "table"])
    ap.add_argument("--pkgs", default=os.path.join(DEFAULT_DATA, "pkgs"), help="extracted packages, one folder each")
    ap.add_argument("--data", default=DEFAULT_DATA, help="output of prepare (manifest.json, cache/)")
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "photo-crops.png"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.cmd == "prepare":
        prepare(a.pkgs, a.data)
    elif a.cmd == "sheet":
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        contact_sheet(a.data, a.out, seed=a.seed)
    elif a.cmd == "table":
        print(sources_table(a.data))
    else:
        print(json.dumps(PhotoSet(a.data, False).counts(), indent=1))
        print(json.dumps(PhotoSet(a.data, True).counts(), indent=1))
