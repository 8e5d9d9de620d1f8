"""Emoji dataset: preprocessing and the train / held-out split.

Images: emoji-datasource-google (Noto Color Emoji, Apache-2.0) and emoji-datasource-twitter
(Twemoji, CC-BY 4.0), 64x64 PNGs, RGBA composited onto white -> 64x64 RGB uint8.

HELD-OUT RULE (evaluation set, about 1/16 of the emoji):
    stem   = the emoji-datasource file name without ".png": lowercase hex code points joined
             by "-", e.g. "1f600", "0023-fe0f-20e3", "1f44d-1f3fb"
    held out  <=>  hashlib.sha256(stem.encode("utf-8")).hexdigest()[0] == "0"
An emoji that is held out is held out in BOTH styles (the rule looks only at the stem).
Note that the rule works per stem, so e.g. a skin-tone variant can be held out while its
base emoji is in training; validation loss is therefore a little optimistic.

  /usr/bin/python3 tools/train/dataset.py prepare --data tools/train/data
writes data/emoji64.npz (images, stems, styles) and the held-out stem list
(data/heldout_stems.txt and tools/train/heldout_stems.txt).
"""
import argparse
import hashlib
import json
import os

import numpy as np

STYLES = ("google", "twitter")
SIZE = 64


def is_heldout(stem):
    """True if this emoji (file stem) belongs to the held-out evaluation set."""
    return hashlib.sha256(stem.encode("utf-8")).hexdigest()[0] == "0"


def composite_on_white(img):
    """img: HxWx4 (BGRA from cv2) or HxWx3/HxW uint8 -> HxWx3 RGB uint8 on a white background."""
    import cv2
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    if img.dtype != np.uint8:  # 16-bit PNG
        img = (img.astype(np.float64) / 257.0).round().astype(np.uint8)
    if img.shape[2] == 4:
        bgr = img[:, :, :3].astype(np.float32)
        a = img[:, :, 3:4].astype(np.float32) / 255.0
        out = bgr * a + 255.0 * (1.0 - a)
        img = np.clip(np.rint(out), 0, 255).astype(np.uint8)
    if img.shape[:2] != (SIZE, SIZE):
        img = cv2.resize(img, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(img[:, :, ::-1])  # BGR -> RGB


def prepare(data_dir):
    import cv2
    images, stems, styles = [], [], []
    for style in STYLES:
        d = os.path.join(data_dir, "raw", style, "img", style, "64")
        if not os.path.isdir(d):
            raise SystemExit(f"missing {d}: run tools/train/fetch_data.sh")
        for name in sorted(os.listdir(d)):
            if not name.endswith(".png"):
                continue
            img = cv2.imread(os.path.join(d, name), cv2.IMREAD_UNCHANGED)
            if img is None:
                print(f"warning: unreadable {style}/{name}, skipped")
                continue
            images.append(composite_on_white(img))
            stems.append(name[:-4].lower())
            styles.append(style)
    images = np.stack(images)
    stems = np.array(stems)
    styles = np.array(styles)
    tmp = os.path.join(data_dir, "emoji64.tmp.npz")
    np.savez(tmp, images=images, stems=stems, styles=styles)
    os.replace(tmp, os.path.join(data_dir, "emoji64.npz"))

    held = sorted({s for s in stems.tolist() if is_heldout(s)})
    text = ("# Held-out emoji-datasource stems: sha256(stem).hexdigest() starts with '0'.\n"
            "# Held out of training in both styles (google, twitter). One stem per line.\n"
            + "".join(s + "\n" for s in held))
    for path in (os.path.join(data_dir, "heldout_stems.txt"),
                 os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout_stems.txt")):
        with open(path + ".tmp", "w") as f:
            f.write(text)
        os.replace(path + ".tmp", path)
    counts = summarize(stems, styles)
    with open(os.path.join(data_dir, "counts.json"), "w") as f:
        json.dump(counts, f, indent=1)
    print(json.dumps(counts, indent=1))
    return counts


def summarize(stems, styles):
    held = np.array([is_heldout(s) for s in stems.tolist()], dtype=bool)
    out = {"total_images": int(len(stems)), "unique_stems": int(len(set(stems.tolist()))),
           "heldout_stems": int(len({s for s, h in zip(stems.tolist(), held) if h}))}
    for style in STYLES:
        m = styles == style
        out[style] = {"train": int((m & ~held).sum()), "heldout": int((m & held).sum())}
    out["train_images"] = int((~held).sum())
    out["heldout_images"] = int(held.sum())
    return out


def load_split(data_dir):
    """Return (train_uint8 [N,64,64,3], heldout_uint8 [M,64,64,3], info dict)."""
    z = np.load(os.path.join(data_dir, "emoji64.npz"))
    images, stems, styles = z["images"], z["stems"], z["styles"]
    held = np.array([is_heldout(s) for s in stems.tolist()], dtype=bool)
    return images[~held], images[held], summarize(stems, styles)


def to_model_range(u8):
    """uint8 NHWC -> float32 NCHW in [-1, 1] (torch tensor)."""
    import torch
    x = torch.from_numpy(u8).permute(0, 3, 1, 2).float()
    return x / 127.5 - 1.0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["prepare", "counts"])
    ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    a = ap.parse_args()
    if a.cmd == "prepare":
        prepare(a.data)
    else:
        print(json.dumps(load_split(a.data)[2], indent=1))
