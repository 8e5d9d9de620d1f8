"""Publish trained EMA weights into a repository checkout as models/emoji-64/ (or models/photo-64/).

  /usr/bin/python3 tools/train/publish.py --repo /path/to/checkout [--model emoji-64|photo-64] [--from best|last] [--dtype F16|F32]

--model picks the state folder, the model card (MODEL_CARD.md or PHOTO_MODEL_CARD.md) and the target folder.

Writes (each file to a temporary name in the target folder first, then renamed, so a reader
never sees a partial file):
  diffusion_pytorch_model.safetensors  state_dict in diffusers names (default F16 to keep git small)
  config.json                          diffusers UNet2DModel config (_class_name UNet2DModel)
  scheduler_config.json                RePaintScheduler / DDPMScheduler config of the training schedule
  model.onnx                           the project's Java converter (`repaint-studio convert`) run on
                                       exactly the safetensors and config.json written here; with
                                       --onnx torch, torch.onnx.export opset 17 instead. Either way:
                                       float32 weights, inputs sample f32 [N,3,64,64] + timestep
                                       i64 [N], one output, dynamic batch axis only
  training_state.json                  steps, losses, parameter count, sizes, sha256, date, commands
  README.md                            model card (architecture choice, measurements, data, licence),
                                       plus --evaluation FILE (markdown about these weights) if given
"""
import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import safetensors_io  # noqa: E402
from train import DEFAULT_STATE, SCHEDULE  # noqa: E402
from unet import UNet2DModel  # noqa: E402

PHOTO_STATE = os.path.join(os.path.expanduser("~"), ".cache", "repaint-studio-train-photo")
MODELS = {  # what differs between the published models
    "emoji-64": {"state_dir": DEFAULT_STATE, "card": "MODEL_CARD.md", "domain": "emoji on white",
                 "validation": "EMA model, MSE(eps_pred, eps) on the held-out emoji (tools/train/dataset.py), "
                               "fixed stratified timesteps and fixed noise seed"},
    "photo-64": {"state_dir": PHOTO_STATE, "card": "PHOTO_MODEL_CARD.md", "domain": "natural photos",
                 "validation": "EMA model, MSE(eps_pred, eps) on fixed multi-scale crops of the held-out photos and "
                               "textures (tools/train/photo_dataset.py, train_photo.py), fixed stratified timesteps "
                               "and fixed noise seed"},
}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def scheduler_config():
    return {
        "_class_name": "RePaintScheduler",
        "_diffusers_version": "0.24.0",
        "num_train_timesteps": SCHEDULE["num_train_timesteps"],
        "beta_start": SCHEDULE["beta_start"],
        "beta_end": SCHEDULE["beta_end"],
        "beta_schedule": SCHEDULE["beta_schedule"],
        "eta": 0.0,
        "trained_betas": None,
        "clip_sample": True,
        "variance_type": "fixed_small",
        "prediction_type": "epsilon",
    }


def check_onnx_contract(data):
    """The engine's contract: sample f32 [N,3,H,W] + timestep i64 [N] -> one output, batch axis dynamic."""
    import onnx
    m = onnx.load_from_string(data)
    onnx.checker.check_model(m)
    ins = {i.name: i for i in m.graph.input}
    assert list(ins) == ["sample", "timestep"], list(ins)
    assert ins["sample"].type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    assert ins["timestep"].type.tensor_type.elem_type == onnx.TensorProto.INT64
    assert len(m.graph.output) == 1, [o.name for o in m.graph.output]
    for vi in list(m.graph.input) + list(m.graph.output):
        dims = vi.type.tensor_type.shape.dim
        assert dims[0].dim_param and all(d.dim_value > 0 for d in dims[1:]), vi
    return data


def convert_with_java(jar, safetensors_path, config_text):
    """Runs `repaint-studio convert` on a scratch copy of the published weights; returns the ONNX bytes."""
    if not os.path.exists(jar):
        raise SystemExit(f"{jar} not found: build it with `mvn -q -DskipTests package`, or pass --onnx torch")
    with tempfile.TemporaryDirectory(prefix="model-convert-") as d:
        shutil.copy(safetensors_path, os.path.join(d, "diffusion_pytorch_model.safetensors"))
        with open(os.path.join(d, "config.json"), "w") as f:
            f.write(config_text)
        subprocess.run(["java", "-jar", jar, "convert", d], check=True, stdout=sys.stderr)
        with open(os.path.join(d, "model.onnx"), "rb") as f:
            return check_onnx_contract(f.read())


def export_onnx_bytes(model):
    model = model.float().eval()
    buf = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(
            model, (torch.randn(1, 3, 64, 64), torch.tensor([500], dtype=torch.long)), buf,
            opset_version=17, input_names=["sample", "timestep"], output_names=["out_sample"],
            dynamic_axes={"sample": {0: "batch"}, "timestep": {0: "batch"}, "out_sample": {0: "batch"}},
            do_constant_folding=True)
    return check_onnx_contract(buf.getvalue())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", required=True, help="repository checkout to write models/<model>/ into")
    ap.add_argument("--model", choices=sorted(MODELS), default="emoji-64")
    ap.add_argument("--from", dest="source", choices=["best", "last"], default="best",
                    help="best = lowest validation loss EMA; last = EMA in the latest checkpoint")
    ap.add_argument("--state-dir", help="training state folder (default: the model's)")
    ap.add_argument("--dtype", choices=["F16", "F32"], default="F16")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--note", default="", help="build-specific remark for the model card and training_state.json")
    ap.add_argument("--onnx", choices=["java", "torch"], default="java",
                    help="java = the project's converter, target/repaint-studio.jar in --repo (default); "
                         "torch = torch.onnx.export")
    ap.add_argument("--evaluation", help="markdown file about these weights, appended to the model card")
    a = ap.parse_args()
    profile = MODELS[a.model]
    a.state_dir = a.state_dir or profile["state_dir"]
    evaluation = None
    if a.evaluation:
        with open(a.evaluation, encoding="utf-8") as f:
            evaluation = f.read().strip() + "\n"
    torch.set_num_threads(a.threads)

    ck = torch.load(os.path.join(a.state_dir, "checkpoint.pt"), map_location="cpu")
    cfg = ck["config"]
    best_path = os.path.join(a.state_dir, "best_ema.safetensors")
    if a.source == "best" and os.path.exists(best_path):
        with open(os.path.join(a.state_dir, "best.json")) as f:
            best = json.load(f)
        sd = safetensors_io.load_torch_state_dict(best_path, torch.float32)
        step, val_loss, train_loss = best["step"], best["val_loss"], best.get("train_loss")
    else:
        if a.source == "best":
            print("no best_ema.safetensors yet: publishing the latest EMA")
        sd = {k: v.float() for k, v in ck["ema"].items()}
        best = ck.get("best", {})
        step, val_loss, train_loss = ck["step"], None, ck.get("last_train_loss")
        if best.get("step") == step:
            val_loss = best.get("val_loss")

    if a.dtype == "F16":  # the ONNX model gets exactly the weights stored in the F16 file
        sd = {k: (v.half().float() if v.is_floating_point() else v) for k, v in sd.items()}
    model = UNet2DModel(cfg)
    model.load_state_dict(sd)

    out_dir = os.path.join(os.path.abspath(a.repo), "models", a.model)
    os.makedirs(out_dir, exist_ok=True)
    tag = f".tmp{os.getpid()}"
    tmp_files = {}

    def stage(name, data=None, text=None):
        tmp = os.path.join(out_dir, name + tag)
        with open(tmp, "wb") as f:
            f.write(data if data is not None else text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        tmp_files[name] = tmp

    st_tmp = os.path.join(out_dir, "diffusion_pytorch_model.safetensors" + tag)
    safetensors_io.save_torch_state_dict(st_tmp, model.state_dict(), dtype=a.dtype)
    tmp_files["diffusion_pytorch_model.safetensors"] = st_tmp
    stage("config.json", text=json.dumps(model.diffusers_config(), indent=2) + "\n")
    stage("scheduler_config.json", text=json.dumps(scheduler_config(), indent=2) + "\n")
    if a.onnx == "java":
        with open(tmp_files["config.json"], encoding="utf-8") as f:
            onnx_bytes = convert_with_java(os.path.join(os.path.abspath(a.repo), "target", "repaint-studio.jar"),
                                           st_tmp, f.read())
    else:
        onnx_bytes = export_onnx_bytes(model)
    stage("model.onnx", data=onnx_bytes)

    files = {name: {"bytes": os.path.getsize(p), "sha256": sha256(p)} for name, p in tmp_files.items()}
    files["diffusion_pytorch_model.safetensors"]["dtype"] = a.dtype
    files["model.onnx"]["weights_dtype"] = "F32"
    files["model.onnx"]["made_by"] = "repaint-studio convert" if a.onnx == "java" else "torch.onnx.export"
    history = ck.get("history", [])
    state = {
        "model": a.model,
        "domain": profile["domain"],
        "steps_trained": step,
        "checkpoint_step": ck["step"],
        "weights": f"EMA ({'lowest validation loss' if a.source == 'best' else 'latest checkpoint'})",
        "validation_loss": val_loss,
        "validation": profile["validation"],
        "train_loss": train_loss,
        "parameters": model.num_parameters(),
        "files": files,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "schedule": {**SCHEDULE, "prediction_type": "epsilon"},
        "dataset": ck.get("counts"),
        "training_commands": [h.get("command") for h in history],
        "history": history,
        "torch": torch.__version__,
        "note": a.note,
    }
    stage("training_state.json", text=json.dumps(state, indent=1) + "\n")
    card_src = os.path.join(HERE, profile["card"])
    if os.path.exists(card_src):
        with open(card_src) as f:
            card = f.read()
        card += ("\n## This build\n\n"
                 f"- steps trained: {step} (batch {history[-1].get('batch_size') if history else '?'})\n"
                 f"- EMA validation loss: {val_loss if val_loss is None else round(val_loss, 5)}; "
                 f"train loss (last logged): {train_loss if train_loss is None else round(train_loss, 5)}\n"
                 f"- parameters: {model.num_parameters():,}; weights {a.dtype} "
                 f"({files['diffusion_pytorch_model.safetensors']['bytes']:,} bytes), "
                 f"model.onnx float32 ({files['model.onnx']['bytes']:,} bytes)\n"
                 f"- published {state['date']}; full details in training_state.json\n")
        if a.note:
            card += f"- note: {a.note}\n"
        if evaluation:
            card += "\n" + evaluation
        stage("README.md", text=card)
    for name, tmp in tmp_files.items():
        os.replace(tmp, os.path.join(out_dir, name))
    print(json.dumps({"out": out_dir, "steps_trained": step, "validation_loss": val_loss,
                      "files": {k: v["bytes"] for k, v in files.items()}}, indent=1))


if __name__ == "__main__":
    main()
