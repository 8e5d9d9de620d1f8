"""Quick visual check of a trained model (torch, no ONNX).

  /usr/bin/python3 tools/train/sample_grid.py                      # 16 unconditional samples
  /usr/bin/python3 tools/train/sample_grid.py --inpaint            # RePaint fills of held-out emoji

Weights (--weights): "best" (state-dir/best_ema.safetensors), "last" (EMA in
state-dir/checkpoint.pt), or a directory with config.json + diffusion_pytorch_model.safetensors
(e.g. models/emoji-64). "auto" = best, else last, else <repo>/models/emoji-64.

Unconditional: DDPM ancestral sampling (x0 clipped to [-1, 1]) on `--steps` evenly spaced
timesteps (1000 = plain DDPM; fewer = the same posterior on a respaced chain).
--inpaint: RePaint as in diffusers RePaintScheduler/RePaintPipeline (same step/undo arithmetic
as the app), on held-out emoji with a centre hole; rows = original | masked | fill.
PNGs go to tools/train/runs/ (gitignored).
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import dataset  # noqa: E402
import safetensors_io  # noqa: E402
from train import DEFAULT_STATE, REPO, alphas_cumprod  # noqa: E402
from unet import UNet2DModel  # noqa: E402


def load_model(spec, state_dir):
    best = os.path.join(state_dir, "best_ema.safetensors")
    ckpt = os.path.join(state_dir, "checkpoint.pt")
    repo_dir = os.path.join(REPO, "models", "emoji-64")
    if spec == "auto":
        spec = "best" if os.path.exists(best) else "last" if os.path.exists(ckpt) else repo_dir
    if spec == "best":
        with open(os.path.join(state_dir, "best.json")) as f:
            info = json.load(f)
        model = UNet2DModel(info["config"])
        model.load_state_dict(safetensors_io.load_torch_state_dict(best, torch.float32))
        desc = f"best EMA step {info['step']} val {info['val_loss']:.5f}"
    elif spec == "last":
        ck = torch.load(ckpt, map_location="cpu")
        model = UNet2DModel(ck["config"])
        model.load_state_dict(ck["ema"])
        desc = f"last EMA step {ck['step']}"
    else:
        with open(os.path.join(spec, "config.json")) as f:
            model = UNet2DModel(json.load(f))
        model.load_state_dict(safetensors_io.load_torch_state_dict(
            os.path.join(spec, "diffusion_pytorch_model.safetensors"), torch.float32))
        desc = spec
    return model.eval(), desc


@torch.no_grad()
def ddpm_sample(model, n, steps, gen):
    ac = alphas_cumprod().double()
    T = len(ac)
    ts = list(range(0, T, T // steps))[::-1] if steps < T else list(range(T - 1, -1, -1))
    x = torch.randn(n, 3, 64, 64, generator=gen)
    for i, t in enumerate(ts):
        t_prev = ts[i + 1] if i + 1 < len(ts) else -1
        a_t = ac[t]
        a_p = ac[t_prev] if t_prev >= 0 else torch.tensor(1.0, dtype=torch.float64)
        eps = model(x, torch.full((n,), t, dtype=torch.long)).double()
        xd = x.double()
        x0 = ((xd - (1 - a_t).sqrt() * eps) / a_t.sqrt()).clamp(-1, 1)
        beta = 1 - a_t / a_p
        mean = a_p.sqrt() * beta / (1 - a_t) * x0 + (1 - beta).sqrt() * (1 - a_p) / (1 - a_t) * xd
        if t_prev >= 0:
            var = beta * (1 - a_p) / (1 - a_t)
            mean = mean + var.sqrt() * torch.randn(x.shape, generator=gen, dtype=torch.float64)
        x = mean.float()
    return x


def repaint_timesteps(T, n, jump_length, jump_n_sample):
    """diffusers RePaintScheduler.set_timesteps."""
    n = min(n, T)
    jumps = {j: jump_n_sample - 1 for j in range(0, n - jump_length, jump_length)}
    t, out = n, []
    while t >= 1:
        t -= 1
        out.append(t)
        if jumps.get(t, 0) > 0:
            jumps[t] -= 1
            for _ in range(jump_length):
                t += 1
                out.append(t)
    return [v * (T // n) for v in out]


@torch.no_grad()
def repaint(model, image, mask, steps, jump, resample, eta, gen):
    """image in [-1,1] [N,3,H,W]; mask [N,1,H,W] 1 = known. Returns the filled sample."""
    ac = alphas_cumprod()
    betas = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float32)
    T = len(ac)
    r = T // steps
    ts = repaint_timesteps(T, steps, jump, resample)
    x = torch.randn(image.shape, generator=gen)
    t_last = ts[0] + 1
    calls = 0
    for t in ts:
        if t < t_last:
            eps = model(x, torch.full((x.shape[0],), t, dtype=torch.long))
            calls += 1
            prev = t - r
            a_t = ac[t]
            a_p = ac[prev] if prev >= 0 else torch.tensor(1.0)
            x0 = ((x - (1 - a_t).sqrt() * eps) / a_t.sqrt()).clamp(-1, 1)
            var = (1 - a_p) / (1 - a_t) * (1 - a_t / a_p)
            std = eta * var.sqrt()
            z = torch.randn(x.shape, generator=gen)
            unknown = a_p.sqrt() * x0 + (1 - a_p - std ** 2).sqrt() * eps
            if t > 0 and eta > 0:
                unknown = unknown + std * z
            known = a_p.sqrt() * image + (1 - a_p).sqrt() * z
            x = mask * known + (1 - mask) * unknown
        else:
            for i in range(r):
                b = betas[t_last + i]
                x = (1 - b).sqrt() * x + b.sqrt() * torch.randn(x.shape, generator=gen)
        t_last = t
    return x, calls


def to_u8(x):
    return ((x.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()


def save_grid(images_u8, cols, path, scale=2):
    import cv2
    n = len(images_u8)
    rows = (n + cols - 1) // cols
    pad = np.full((rows * cols - n, 64, 64, 3), 255, np.uint8)
    g = np.concatenate([images_u8, pad]).reshape(rows, cols, 64, 64, 3).transpose(0, 2, 1, 3, 4)
    g = g.reshape(rows * 64, cols * 64, 3)
    if scale != 1:
        g = cv2.resize(g, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    cv2.imwrite(path, g[:, :, ::-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="auto")
    ap.add_argument("--state-dir", default=DEFAULT_STATE)
    ap.add_argument("--n", type=int, default=16)
    ap.add_argument("--steps", type=int, default=100, help="sampling steps (1000 = full DDPM)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--inpaint", action="store_true")
    ap.add_argument("--jump", type=int, default=5)
    ap.add_argument("--resample", type=int, default=3)
    ap.add_argument("--eta", type=float, default=0.0)
    ap.add_argument("--hole", type=int, default=28, help="centre hole size in pixels (--inpaint)")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    model, desc = load_model(a.weights, a.state_dir)
    gen = torch.Generator().manual_seed(a.seed)
    t0 = time.time()
    if not a.inpaint:
        x = ddpm_sample(model, a.n, a.steps, gen)
        out = a.out or os.path.join(HERE, "runs", f"samples_{time.strftime('%H%M%S')}.png")
        save_grid(to_u8(x), 8, out)
    else:
        _, held, _ = dataset.load_split(a.data)
        pick = np.random.default_rng(a.seed).choice(len(held), a.n, replace=False)
        img = dataset.to_model_range(held[pick])
        mask = torch.ones(a.n, 1, 64, 64)
        lo = (64 - a.hole) // 2
        mask[:, :, lo:lo + a.hole, lo:lo + a.hole] = 0
        x, calls = repaint(model, img, mask, a.steps, a.jump, a.resample, a.eta, gen)
        shown = img * mask + (1 - mask) * 0.0  # grey hole
        rows = []
        for i in range(0, a.n, 8):
            rows += [to_u8(img[i:i + 8]), to_u8(shown[i:i + 8]), to_u8(x[i:i + 8])]
        out = a.out or os.path.join(HERE, "runs", f"inpaint_{time.strftime('%H%M%S')}.png")
        save_grid(np.concatenate(rows), 8, out)
        desc += f"; {calls} UNet calls"
    print(f"{out}  ({desc}; {time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
