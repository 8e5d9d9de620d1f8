"""Resumable DDPM training of the natural-image model photo-64 (64x64, epsilon prediction).

  nohup nice -n 10 /usr/bin/python3 tools/train/train_photo.py --max-minutes 0 > /tmp/train_photo.out 2>&1 &
  tail -f ~/.cache/repaint-studio-train-photo/train.log

Same loop, schedule, EMA, checkpointing and signals as train.py (this file only supplies the data and
the defaults); see train.py and tools/train/README.md.
State: ~/.cache/repaint-studio-train-photo/ (checkpoint.pt, best_ema.safetensors, best.json, train.log).
Start-up order: resume checkpoint.pt; else start from the committed weights in models/photo-64/ (a
published photo build: step count and EMA continue); else warm-start from models/emoji-64/ (same
architecture; step count from 0, EMA warm-up restarted, since it is a new domain).

Data (tools/train/photo_dataset.py, made by fetch_photos.sh): every batch is fresh random multi-scale crops
(side log-uniform from 64 px to the photo's short side, area-shrunk to 64, random horizontal flip), 3/4
from photographs and 1/4 from photographic textures. The crop RNG state is saved in the checkpoint.
Validation: the EMA model on fixed crops of the held-out photos (photo_dataset.py's hash rule; never
the reserved photos of tools/eval/reserved_photos.txt), fixed timesteps and noise, as train.py.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import train  # noqa: E402  (sets OMP_WAIT_POLICY before torch loads)

import numpy as np  # noqa: E402
import torch  # noqa: E402

import photo_dataset  # noqa: E402

PHOTO_MODEL = os.path.join(train.REPO, "models", "photo-64")
EMOJI_MODEL = os.path.join(train.REPO, "models", "emoji-64")
DEFAULT_STATE = os.path.join(os.path.expanduser("~"), ".cache", "repaint-studio-train-photo")
VAL_SEED = 20251206


class PhotoData:
    """Random multi-scale crops of the training photos; fixed crops of the held-out ones."""

    def __init__(self, args):
        self.train = photo_dataset.PhotoSet(args.data, heldout=False, size=64, photo_share=args.photo_share)
        held = photo_dataset.PhotoSet(args.data, heldout=True, size=64)
        crops = []
        rng = np.random.default_rng(VAL_SEED)
        for i, e in enumerate(held.entries):  # photos weigh more than textures in validation
            n = args.val_crops_photo if e["kind"] == "photo" else args.val_crops_texture
            crops += [held.crop(rng, i) for _ in range(n)]
        self.heldout_u8 = np.stack(crops)
        self.counts = {"train": self.train.counts(), "heldout": held.counts(),
                       "heldout_crops": len(crops), "photo_share": args.photo_share}
        self.train_count = len(self.train.images)
        self.rng = np.random.default_rng(args.seed)
        self.batches_drawn = 0

    def next_batch(self, bs):
        self.batches_drawn += 1
        return torch.from_numpy(self.train.batch(self.rng, bs)).permute(0, 3, 1, 2).contiguous()

    def epoch(self):
        return 0  # crops are drawn afresh; there are no epochs

    def state(self):
        return {"rng": self.rng.bit_generator.state, "batches_drawn": self.batches_drawn,
                "train_keys": [e["key"] for e in self.train.entries]}

    def load(self, st):
        if st.get("train_keys") != [e["key"] for e in self.train.entries]:
            return False  # the data set changed: keep the fresh crop stream
        self.rng.bit_generator.state = st["rng"]
        self.batches_drawn = st["batches_drawn"]
        return True


def extra_args(ap):
    ap.add_argument("--photo-share", type=float, default=0.75, help="share of crops from photos (rest: textures)")
    ap.add_argument("--val-crops-photo", type=int, default=24, help="fixed validation crops per held-out photo")
    ap.add_argument("--val-crops-texture", type=int, default=4, help="fixed validation crops per held-out texture")


def main():
    published = os.path.exists(os.path.join(PHOTO_MODEL, "diffusion_pytorch_model.safetensors"))
    defaults = {
        "state_dir": DEFAULT_STATE,
        "data": photo_dataset.DEFAULT_DATA,
        "init_from": PHOTO_MODEL if published else EMOJI_MODEL,
        "init_ema": "committed" if published else "restart",
        "init_step": "continue" if published else "zero",
        "max_minutes": 0.0,
        "batch_size": 32,
        "warmup_steps": 100,
        "val_minutes": 15.0,
    }
    train.main(doc=__doc__, defaults=defaults, make_data=PhotoData, extra_args=extra_args)


if __name__ == "__main__":
    main()
