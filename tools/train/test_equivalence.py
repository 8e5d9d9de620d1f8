"""Check tools/train/unet.py against the diffusers goldens in shared/golden/unet.

Loads every golden model (config.json + diffusion_pytorch_model.safetensors) into our
UNet2DModel with strict state_dict loading, runs every io_*/ case and compares with
out_sample.f32. Exits non-zero if any max abs difference exceeds --tol (default 1e-4).
Also checks that unsupported config values raise a clear error and that the
safetensors writer round-trips.

  /usr/bin/python3 tools/train/test_equivalence.py [--golden /work/shared/golden]
"""
import argparse
import json
import os
import sys
import tempfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
from unet import UNet2DModel, UnsupportedConfigError  # noqa: E402


def default_golden():
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in (os.environ.get("REPAINT_GOLDEN"),
                 os.path.join(here, "..", "..", "..", "shared", "golden"),
                 "/work/shared/golden"):
        if cand and os.path.isdir(os.path.join(cand, "unet")):
            return os.path.abspath(cand)
    return "/work/shared/golden"


def read_tensor(case_dir, entry):
    dt = {"float32": "<f4", "int64": "<i8"}[entry["dtype"]]
    return np.fromfile(os.path.join(case_dir, entry["file"]), dtype=dt).reshape(entry["shape"])


def check_model(model_dir, tol):
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    model = UNet2DModel.from_config(cfg).eval()
    sd = safetensors_io.load_torch_state_dict(os.path.join(model_dir, "diffusion_pytorch_model.safetensors"))
    ours = model.state_dict()
    missing = sorted(set(ours) - set(sd))
    extra = sorted(set(sd) - set(ours))
    if missing or extra:
        raise AssertionError(f"state_dict name mismatch: missing={missing[:5]} unexpected={extra[:5]}")
    model.load_state_dict(sd, strict=True)
    info_path = os.path.join(model_dir, "model_info.json")
    if os.path.exists(info_path):
        with open(info_path) as f:
            info = json.load(f)
        want = info.get("params") or info.get("parameter_count")
        if isinstance(want, int) and want != model.num_parameters():
            raise AssertionError(f"parameter count {model.num_parameters()} != {want}")
    worst = 0.0
    cases = sorted(d for d in os.listdir(model_dir) if d.startswith("io_"))
    if not cases:
        raise AssertionError(f"no io_* cases in {model_dir}")
    for case in cases:
        cdir = os.path.join(model_dir, case)
        with open(os.path.join(cdir, "manifest.json")) as f:
            man = json.load(f)
        x = torch.from_numpy(read_tensor(cdir, man["inputs"]["sample"]))
        t = torch.from_numpy(read_tensor(cdir, man["inputs"]["timestep"]))
        want = read_tensor(cdir, man["outputs"]["out_sample"])
        with torch.no_grad():
            got = model(x, t).numpy()
        diff = float(np.max(np.abs(got - want)))
        worst = max(worst, diff)
        status = "ok" if diff <= tol else "FAIL"
        print(f"  {os.path.basename(model_dir)}/{case}: shape {list(want.shape)} t={t.tolist()} "
              f"max|diff| = {diff:.3e}  [{status}]")
    return worst, model.num_parameters()


def check_config_errors():
    base = {"block_out_channels": [32, 64], "down_block_types": ["DownBlock2D", "AttnDownBlock2D"],
            "up_block_types": ["AttnUpBlock2D", "UpBlock2D"], "sample_size": 32}
    bad = {"act_fn": "gelu", "time_embedding_type": "fourier", "resnet_time_scale_shift": "scale_shift",
           "class_embed_type": "timestep", "upsample_type": "resnet", "out_channels": 4,
           "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D"], "norm_num_groups": 24,
           "attention_head_dim": 7, "some_new_key": 1}
    for key, value in bad.items():
        try:
            UNet2DModel({**base, key: value})
        except UnsupportedConfigError as e:
            if e.key != key:
                raise AssertionError(f"error for {key} named {e.key}: {e}")
        else:
            raise AssertionError(f"config {key}={value!r} was accepted")
    print(f"  unsupported-config errors name the key: {len(bad)} cases ok")


def check_safetensors_roundtrip(golden):
    path = os.path.join(golden, "unet", "tiny", "diffusion_pytorch_model.safetensors")
    arrays, _ = safetensors_io.load(path)
    with tempfile.TemporaryDirectory() as d:
        p32 = os.path.join(d, "a.safetensors")
        safetensors_io.save(p32, arrays, metadata={"format": "pt"})
        with open(path, "rb") as a, open(p32, "rb") as b:
            same = a.read()[8:] == b.read()[8:]
        back, meta = safetensors_io.load(p32)
        assert meta == {"format": "pt"} and all(np.array_equal(back[k], arrays[k]) for k in arrays)
        p16 = os.path.join(d, "b.safetensors")
        safetensors_io.save(p16, arrays, dtype="F16")
        h16, _, _ = safetensors_io.read_header(p16)
        assert all(v["dtype"] == "F16" for v in h16.values())
        back16, _ = safetensors_io.load(p16)
        err = max(float(np.max(np.abs(back16[k].astype(np.float32) - arrays[k]))) for k in arrays)
        assert err < 1e-2
    print(f"  safetensors F32 round-trip exact (byte-identical to golden file: {same}), F16 max err {err:.1e}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--golden", default=default_golden())
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    failed = 0
    passed = 0
    for name in ("tiny", "celebahq_small"):
        worst, params = check_model(os.path.join(args.golden, "unet", name), args.tol)
        ok = worst <= args.tol
        print(f"{name}: params {params:,}  max abs diff {worst:.3e}  {'PASS' if ok else 'FAIL'}")
        passed += ok
        failed += not ok
    for fn in (check_config_errors, lambda: check_safetensors_roundtrip(args.golden)):
        try:
            fn()
            passed += 1
        except AssertionError as e:
            print("FAIL:", e)
            failed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
