"""Time candidate UNet configs: torch forward at batch 1 (inference, as in the app) and one
training step (forward + backward + Adam) at the training batch size.

  /usr/bin/python3 tools/train/bench_arch.py --threads 2 [--onnx-dir /tmp/bench_onnx]

With --onnx-dir each candidate is also exported to ONNX (random weights) for timing in
ONNX Runtime by an external harness.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # see train.py: robust under CPU contention
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unet import UNet2DModel  # noqa: E402


def emoji_config(channels, attn_levels, layers=2, head_dim=None, groups=16):
    n = len(channels)
    down = ["AttnDownBlock2D" if i in attn_levels else "DownBlock2D" for i in range(n)]
    up = list(reversed(["AttnUpBlock2D" if i in attn_levels else "UpBlock2D" for i in range(n)]))
    return {
        "_class_name": "UNet2DModel", "sample_size": 64, "in_channels": 3, "out_channels": 3,
        "center_input_sample": False, "time_embedding_type": "positional", "freq_shift": 0,
        "flip_sin_to_cos": True, "down_block_types": down, "up_block_types": up,
        "block_out_channels": list(channels), "layers_per_block": layers, "mid_block_scale_factor": 1,
        "downsample_padding": 1, "downsample_type": "conv", "upsample_type": "conv", "dropout": 0.0,
        "act_fn": "silu", "attention_head_dim": head_dim, "norm_num_groups": groups,
        "attn_norm_num_groups": None, "norm_eps": 1e-5, "resnet_time_scale_shift": "default",
        "add_attention": True, "class_embed_type": None, "num_class_embeds": None, "num_train_timesteps": None,
    }


CANDIDATES = {
    "A_32-64-64-128": emoji_config((32, 64, 64, 128), {2, 3}),
    "A8_32-64-64-128_attn8": emoji_config((32, 64, 64, 128), {3}),
    "A1_32-64-64-128_lpb1": emoji_config((32, 64, 64, 128), {2, 3}, layers=1),
    "B_32-64-96-128": emoji_config((32, 64, 96, 128), {2, 3}),
    "C_48-96-96-192": emoji_config((48, 96, 96, 192), {2, 3}),
    "D_64-128-128-256": emoji_config((64, 128, 128, 256), {2, 3}),
}


def time_forward(model, reps):
    x = torch.randn(1, 3, 64, 64)
    t = torch.tensor([500])
    with torch.no_grad():
        for _ in range(2):
            model(x, t)
        runs = []
        for _ in range(reps):
            t0 = time.perf_counter()
            model(x, t)
            runs.append(time.perf_counter() - t0)
    runs.sort()
    return runs[len(runs) // 2], runs


def time_train_step(model, batch, reps):
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    x = torch.randn(batch, 3, 64, 64)
    t = torch.randint(0, 1000, (batch,))
    runs = []
    for i in range(reps + 1):
        t0 = time.perf_counter()
        loss = torch.nn.functional.mse_loss(model(x, t), x)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if i:
            runs.append(time.perf_counter() - t0)
    return sum(runs) / len(runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--train-reps", type=int, default=3)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--onnx-dir")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    results = {}
    for name, cfg in CANDIDATES.items():
        if a.only and name not in a.only:
            continue
        m = UNet2DModel(cfg).eval()
        med, runs = time_forward(m, a.reps)
        m.train()
        step = time_train_step(m, a.batch, a.train_reps) if a.train_reps else None
        results[name] = {"params": m.num_parameters(), "fwd_b1_median_ms": round(med * 1e3, 1),
                         "fwd_b1_min_ms": round(min(runs) * 1e3, 1),
                         "train_step_s": None if step is None else round(step, 2),
                         "load_avg": os.getloadavg()[0]}
        print(name, json.dumps(results[name]), flush=True)
        if a.onnx_dir:
            os.makedirs(a.onnx_dir, exist_ok=True)
            m.eval()
            torch.onnx.export(m, (torch.randn(1, 3, 64, 64), torch.tensor([500])),
                              os.path.join(a.onnx_dir, name + ".onnx"), opset_version=17,
                              input_names=["sample", "timestep"], output_names=["out_sample"],
                              dynamic_axes={"sample": {0: "batch"}, "timestep": {0: "batch"},
                                            "out_sample": {0: "batch"}})
    print(json.dumps({"threads": a.threads, "batch": a.batch, "results": results}, indent=1))


if __name__ == "__main__":
    main()
