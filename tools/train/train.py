"""Resumable DDPM training of the bundled emoji model (64x64, epsilon prediction).

  /usr/bin/python3 tools/train/train.py --threads 2 --max-minutes 9        # a foreground chunk
  nohup /usr/bin/python3 tools/train/train.py --threads 2 --max-minutes 0 >/dev/null 2>&1 &   # background

State lives outside the repo in --state-dir (default ~/.cache/repaint-studio-train/):
  checkpoint.pt       model, EMA, optimizer, step, RNG + data-order state (written atomically)
  best_ema.safetensors / best.json   EMA weights with the lowest validation loss so far
  train.log           step, loss, throughput, validation lines
Start-up order: resume checkpoint.pt if present; else initialise model and EMA from the
committed weights in <repo>/models/emoji-64/ if present; else a fresh model from --config.

Training: linear betas 1e-4..0.02 over 1000 steps (diffusers DDPMScheduler/RePaintScheduler
"linear", float32), t ~ U{0..999}, loss = MSE(eps_pred, eps), Adam, linear LR warm-up,
grad-norm clip 1.0, EMA with warm-up decay min(ema_decay, (1+n)/(10+n)). No flips: emoji
contain text, digits and arrows that are not mirror-symmetric.
Validation: EMA model on the held-out emoji (see dataset.py) with fixed timesteps and a fixed
noise seed, so numbers are comparable across runs and resumes.
"""
import argparse
import json
import math
import os
import random
import shlex
import signal
import sys
import time

# libgomp's default busy-wait makes 2-thread torch 5-30x slower when the 2 cores are shared
# with other jobs (measured at load 3-13: 3.3 -> 18..43 s/step); passive waiting keeps it at
# roughly its fair share. Must be set before torch (libgomp) is loaded.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import dataset  # noqa: E402
import safetensors_io  # noqa: E402
from unet import UNet2DModel  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_STATE = os.path.join(os.path.expanduser("~"), ".cache", "repaint-studio-train")
SCHEDULE = {"num_train_timesteps": 1000, "beta_start": 0.0001, "beta_end": 0.02, "beta_schedule": "linear"}


def alphas_cumprod(sched=SCHEDULE):
    betas = torch.linspace(sched["beta_start"], sched["beta_end"], sched["num_train_timesteps"],
                           dtype=torch.float32)
    return torch.cumprod(1.0 - betas, dim=0)


def atomic_torch_save(obj, path):
    tmp = f"{path}.tmp{os.getpid()}"
    torch.save(obj, tmp)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def atomic_write_text(path, text):
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class Logger:
    def __init__(self, path):
        self.f = open(path, "a", buffering=1)

    def __call__(self, msg):
        line = time.strftime("%Y-%m-%d %H:%M:%S ") + msg
        self.f.write(line + "\n")
        print(line, flush=True)


class EMA:
    def __init__(self, model, max_decay):
        self.max_decay = max_decay
        self.shadow = {k: v.detach().clone() for k, v in model.state_dict().items()}
        self.updates = 0

    def decay(self):
        return min(self.max_decay, (1 + self.updates) / (10 + self.updates))

    @torch.no_grad()
    def update(self, model):
        d = self.decay()
        for k, v in model.state_dict().items():
            s = self.shadow[k]
            if v.dtype.is_floating_point:
                s.mul_(d).add_(v.detach(), alpha=1 - d)
            else:
                s.copy_(v)
        self.updates += 1


class Batches:
    """Epoch-wise random permutation over the training images; state is serialisable."""

    def __init__(self, n, seed):
        self.n = n
        self.gen = torch.Generator().manual_seed(seed)
        self.perm = torch.randperm(n, generator=self.gen)
        self.pos = 0
        self.epoch = 0

    def next(self, bs):
        parts, have = [], 0
        while have < bs:
            if self.pos >= self.n:
                self.perm = torch.randperm(self.n, generator=self.gen)
                self.pos = 0
                self.epoch += 1
            take = min(bs - have, self.n - self.pos)
            parts.append(self.perm[self.pos:self.pos + take])
            self.pos += take
            have += take
        return torch.cat(parts)

    def state(self):
        return {"gen": self.gen.get_state(), "perm": self.perm, "pos": self.pos, "epoch": self.epoch}

    def load(self, st):
        if len(st["perm"]) != self.n:
            return False  # dataset changed: keep the fresh permutation
        self.gen.set_state(st["gen"])
        self.perm, self.pos, self.epoch = st["perm"], st["pos"], st["epoch"]
        return True


class EmojiData:
    """The emoji training images in epoch-wise random order, and the held-out emoji for validation."""

    def __init__(self, args):
        train_u8, self.heldout_u8, self.counts = dataset.load_split(args.data)
        self.train_x = torch.from_numpy(train_u8).permute(0, 3, 1, 2).contiguous()  # uint8 NCHW
        self.batches = Batches(len(self.train_x), args.seed)
        self.train_count = len(self.train_x)

    def next_batch(self, bs):
        """uint8 NCHW batch."""
        return self.train_x[self.batches.next(bs)]

    def epoch(self):
        return self.batches.epoch

    def state(self):
        return self.batches.state()

    def load(self, st):
        return self.batches.load(st)


def make_val_set(heldout_u8, per_image, seed=20240601):
    """Fixed (x0, t, noise) triples: every held-out image at `per_image` stratified timesteps."""
    x0 = dataset.to_model_range(heldout_u8)
    n = x0.shape[0]
    g = torch.Generator().manual_seed(seed)
    total = n * per_image
    # stratified over [0, 1000): one t per stratum, strata assigned to (image, k) by a fixed permutation
    strata = (torch.arange(total, dtype=torch.float64) + torch.rand(total, generator=g, dtype=torch.float64))
    t = (strata * 1000.0 / total).long().clamp(0, 999)
    t = t[torch.randperm(total, generator=g)]
    noise = torch.randn(total, *x0.shape[1:], generator=g)
    img_idx = torch.arange(n).repeat_interleave(per_image)
    return x0, img_idx, t, noise


@torch.no_grad()
def validate(model, val, ac, bs=64):
    x0, img_idx, t, noise = val
    model.eval()
    total, count = 0.0, 0
    for i in range(0, len(t), bs):
        sl = slice(i, i + bs)
        a = ac[t[sl]].view(-1, 1, 1, 1)
        xt = a.sqrt() * x0[img_idx[sl]] + (1 - a).sqrt() * noise[sl]
        pred = model(xt, t[sl])
        total += F.mse_loss(pred, noise[sl], reduction="sum").item()
        count += noise[sl].numel()
    return total / count


def load_committed_weights(model_dir):
    cfg_path = os.path.join(model_dir, "config.json")
    w_path = os.path.join(model_dir, "diffusion_pytorch_model.safetensors")
    if not (os.path.exists(cfg_path) and os.path.exists(w_path)):
        return None
    with open(cfg_path) as f:
        cfg = json.load(f)
    sd = safetensors_io.load_torch_state_dict(w_path, dtype=torch.float32)
    state = {}
    sp = os.path.join(model_dir, "training_state.json")
    if os.path.exists(sp):
        with open(sp) as f:
            state = json.load(f)
    return cfg, sd, state


def main(argv=None, doc=__doc__, defaults=None, make_data=EmojiData, extra_args=None):
    """Parses argv and trains. train_photo.py calls this with its own data source and defaults."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--warmup-steps", type=int, default=200, help="linear LR warm-up over a new optimizer's first steps")
    ap.add_argument("--ema-decay", type=float, default=0.999, help="max EMA decay (warm-up (1+n)/(10+n))")
    ap.add_argument("--max-minutes", type=float, default=9.0, help="stop after this wall time; 0 = no limit")
    ap.add_argument("--max-steps", type=int, default=0, help="stop at this global step; 0 = no limit")
    ap.add_argument("--ckpt-minutes", type=float, default=5.0, help="checkpoint interval (<= 10)")
    ap.add_argument("--val-minutes", type=float, default=20.0, help="validation interval")
    ap.add_argument("--val-per-image", type=int, default=2, help="fixed timesteps per held-out image")
    ap.add_argument("--log-every", type=int, default=10, help="log every N steps")
    ap.add_argument("--config", default=os.path.join(HERE, "configs", "emoji64.json"),
                    help="UNet config for a fresh start")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--state-dir", default=DEFAULT_STATE)
    ap.add_argument("--init-from", default=os.path.join(REPO, "models", "emoji-64"),
                    help="committed weights used when there is no checkpoint")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--init-ema", choices=["committed", "restart"], default="committed",
                    help="when starting from committed weights: committed = treat them as an EMA (full decay); "
                         "restart = EMA warm-up from the start (for a new domain)")
    ap.add_argument("--init-step", choices=["continue", "zero"], default="continue",
                    help="when starting from committed weights: continue their step count, or count from 0")
    if extra_args:
        extra_args(ap)
    if defaults:
        ap.set_defaults(**defaults)
    args = ap.parse_args(argv)
    if args.ckpt_minutes > 10:
        ap.error("--ckpt-minutes must be <= 10")

    torch.set_num_threads(args.threads)
    os.makedirs(args.state_dir, exist_ok=True)
    log = Logger(os.path.join(args.state_dir, "train.log"))
    command = "/usr/bin/python3 " + " ".join(shlex.quote(a) for a in [os.path.relpath(os.path.abspath(sys.argv[0]), REPO)] + sys.argv[1:])

    data = make_data(args)
    held_u8, counts = data.heldout_u8, data.counts
    val = make_val_set(held_u8, args.val_per_image)
    ac = alphas_cumprod()

    ckpt_path = os.path.join(args.state_dir, "checkpoint.pt")
    history = []
    best = {"val_loss": float("inf"), "step": None}
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location="cpu")
        cfg = ck["config"]
        model = UNet2DModel(cfg)
        model.load_state_dict(ck["model"])
        ema = EMA(model, args.ema_decay)
        ema.shadow = ck["ema"]
        ema.updates = ck["ema_updates"]
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
        opt.load_state_dict(ck["optimizer"])
        step = ck["step"]
        opt_steps = ck.get("opt_steps", step)
        if not data.load(ck["batches"]):
            log("warning: training set size changed; data order restarted")
        torch.set_rng_state(ck["rng"]["torch"])
        np.random.set_state(ck["rng"]["numpy"])
        random.setstate(ck["rng"]["python"])
        history = ck.get("history", [])
        best = ck.get("best", best)
        source = f"resumed {ckpt_path} at step {step}"
    else:
        init = load_committed_weights(args.init_from)
        if init is not None:
            cfg, sd, st = init
            model = UNet2DModel(cfg)
            model.load_state_dict(sd)
            init_step = int(st.get("steps_trained", 0))
            if args.init_step == "continue":
                step, history = init_step, list(st.get("history", []))
            else:
                step = 0
            source = f"initialised from committed weights {args.init_from} (its step {init_step})"
        else:
            with open(args.config) as f:
                cfg = json.load(f)
            torch.manual_seed(args.seed)
            model = UNet2DModel(cfg)
            step = 0
            source = f"fresh model from {args.config}"
        ema = EMA(model, args.ema_decay)
        if init is not None and args.init_ema == "committed":
            ema.updates = 10 ** 6  # committed weights are already an EMA: use the full decay
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
        opt_steps = 0
        torch.manual_seed(args.seed + step)
    ema.max_decay = args.ema_decay
    for g in opt.param_groups:
        g["lr"] = args.lr
    start_step = step
    model.train()
    history.append({"start_step": step, "command": command, "source": source, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "threads": args.threads, "batch_size": args.batch_size, "lr": args.lr})
    log(f"{source}; params {model.num_parameters():,}; train images {data.train_count}, held-out {len(held_u8)} "
        f"({len(val[2])} val pairs); threads {args.threads}; batch {args.batch_size}; lr {args.lr}; "
        f"ema {args.ema_decay}; command: {command}")

    stop = {"flag": False}

    def on_signal(signum, frame):
        stop["flag"] = True
        log(f"signal {signum}: will checkpoint and stop after this step")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def save_checkpoint(last_loss):
        atomic_torch_save({
            "config": model.config, "model": model.state_dict(), "ema": ema.shadow, "ema_updates": ema.updates,
            "optimizer": opt.state_dict(), "step": step, "opt_steps": opt_steps, "batches": data.state(),
            "rng": {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate()},
            "history": history, "best": best, "schedule": SCHEDULE, "last_train_loss": last_loss,
            "counts": counts, "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }, ckpt_path)

    def run_validation(train_loss):
        ema_model = UNet2DModel(model.config)
        ema_model.load_state_dict(ema.shadow)
        t0 = time.time()
        vl = validate(ema_model, val, ac)
        improved = vl < best["val_loss"]
        if improved:
            best.update({"val_loss": vl, "step": step, "train_loss": train_loss,
                         "time": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
            safetensors_io.save_torch_state_dict(os.path.join(args.state_dir, "best_ema.safetensors"),
                                                 ema.shadow, dtype="F32", metadata={"step": str(step)})
            atomic_write_text(os.path.join(args.state_dir, "best.json"),
                              json.dumps({**best, "config": model.config, "history": history}, indent=1))
        dur = time.time() - t0
        log(f"val step {step} ema_val_loss {vl:.5f} ({dur:.0f}s){' NEW BEST' if improved else ''} "
            f"best {best['val_loss']:.5f}@{best['step']}")
        model.train()
        return dur

    t_start = time.time()
    t_ckpt = t_val = t_start
    t_log = time.time()
    loss_acc, loss_n, last_loss = 0.0, 0, float("nan")
    steps_since_log = 0
    if best["step"] is None and step > 0:
        run_validation(float("nan"))
        t_val = t_log = time.time()
    while True:
        if args.max_steps and step >= args.max_steps:
            break
        if args.max_minutes and (time.time() - t_start) / 60 >= args.max_minutes:
            break
        if stop["flag"]:
            break
        # warm-up over the optimizer's first steps (fresh start or restart from committed weights)
        lr = args.lr * min(1.0, (opt_steps + 1) / max(1, args.warmup_steps))
        for g in opt.param_groups:
            g["lr"] = lr
        x0 = data.next_batch(args.batch_size).float() / 127.5 - 1.0
        t = torch.randint(0, SCHEDULE["num_train_timesteps"], (x0.shape[0],))
        noise = torch.randn_like(x0)
        a = ac[t].view(-1, 1, 1, 1)
        xt = a.sqrt() * x0 + (1 - a).sqrt() * noise
        loss = F.mse_loss(model(xt, t), noise)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        gn = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        ema.update(model)
        step += 1
        opt_steps += 1
        steps_since_log += 1
        loss_acc += loss.item()
        loss_n += 1
        if step % args.log_every == 0:
            now = time.time()
            dt = (now - t_log) / steps_since_log
            last_loss = loss_acc / loss_n
            log(f"step {step} loss {last_loss:.5f} gnorm {float(gn):.3f} lr {opt.param_groups[0]['lr']:.2e} "
                f"{dt:.2f}s/step {args.batch_size / dt:.1f}img/s epoch {data.epoch()} "
                f"ema_decay {ema.decay():.4f} load {os.getloadavg()[0]:.2f}")
            history[-1]["last_train_loss"] = last_loss
            history[-1]["s_per_step"] = round(dt, 3)
            t_log, steps_since_log, loss_acc, loss_n = now, 0, 0.0, 0
        if (time.time() - t_val) / 60 >= args.val_minutes:
            t_log += run_validation(last_loss)  # keep validation time out of s/step
            t_val = time.time()
        if (time.time() - t_ckpt) / 60 >= args.ckpt_minutes:
            history[-1]["end_step"] = step
            save_checkpoint(last_loss)
            t_ckpt = time.time()
            log(f"checkpoint step {step} -> {ckpt_path}")
    if loss_n:
        last_loss = loss_acc / loss_n
    history[-1]["end_step"] = step
    if step > start_step and (best["step"] is None or best["step"] < step):
        run_validation(last_loss)
    save_checkpoint(last_loss)
    el = time.time() - t_start
    log(f"stopped at step {step} ({step - start_step} steps in {el / 60:.1f} min); checkpoint {ckpt_path}")


if __name__ == "__main__":
    main()
