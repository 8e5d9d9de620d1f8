"""Minimal safetensors reader/writer built on numpy (no third-party package).

File layout (https://github.com/huggingface/safetensors, format description):
  8 bytes   little-endian uint64 N = length of the JSON header
  N bytes   UTF-8 JSON: {name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]},
                         "__metadata__": {str: str}}   (optional metadata)
  rest      raw little-endian tensor bytes; offsets are relative to the start of this part.

Only the dtypes this project needs are supported (F32, F16, plus F64/I64/I32 for completeness).
"""
import json
import os
import struct

import numpy as np

_DTYPES = {
    "F64": np.dtype("<f8"),
    "F32": np.dtype("<f4"),
    "F16": np.dtype("<f2"),
    "I64": np.dtype("<i8"),
    "I32": np.dtype("<i4"),
}
_NAMES = {v: k for k, v in _DTYPES.items()}


def read_header(path):
    """Return (header dict without __metadata__, metadata dict, data start offset)."""
    with open(path, "rb") as f:
        raw = f.read(8)
        if len(raw) != 8:
            raise ValueError(f"{path}: too short for a safetensors file")
        (n,) = struct.unpack("<Q", raw)
        header = json.loads(f.read(n).decode("utf-8"))
    meta = header.pop("__metadata__", {}) or {}
    return header, meta, 8 + n


def load(path):
    """Read a safetensors file into {name: numpy array} (arrays are copies in native dtype).

    Returns (tensors, metadata)."""
    header, meta, start = read_header(path)
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read()
    out = {}
    for name, info in header.items():
        dt = _DTYPES.get(info["dtype"])
        if dt is None:
            raise ValueError(f"{path}: tensor {name!r} has unsupported dtype {info['dtype']}")
        b, e = info["data_offsets"]
        shape = tuple(info["shape"])
        count = int(np.prod(shape)) if shape else 1
        if e - b != count * dt.itemsize or e > len(data):
            raise ValueError(f"{path}: tensor {name!r} has inconsistent data_offsets")
        arr = np.frombuffer(data, dtype=dt, count=count, offset=b).reshape(shape)
        out[name] = arr.astype(dt.newbyteorder("="), copy=True)
    return out, meta


def save(path, tensors, metadata=None, dtype=None):
    """Write {name: numpy array} to `path` atomically (temp file + rename).

    dtype: None keeps each array's dtype (must be supported); "F16"/"F32" converts all
    floating-point arrays. Keys are sorted; the header is space-padded to a multiple of 8."""
    names = sorted(tensors)
    arrays = []
    header = {}
    offset = 0
    for name in names:
        a = np.asarray(tensors[name])
        if dtype is not None and np.issubdtype(a.dtype, np.floating):
            a = a.astype(_DTYPES[dtype])
        le = a.dtype.newbyteorder("<")
        if le not in _NAMES:
            raise ValueError(f"tensor {name!r}: unsupported dtype {a.dtype}")
        a = np.ascontiguousarray(a.astype(le, copy=False))
        nbytes = a.nbytes
        header[name] = {"dtype": _NAMES[le], "shape": list(a.shape),
                        "data_offsets": [offset, offset + nbytes]}
        offset += nbytes
        arrays.append(a)
    if metadata:
        header = {"__metadata__": {str(k): str(v) for k, v in metadata.items()}, **header}
    hb = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hb += b" " * ((8 - len(hb) % 8) % 8)
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        for a in arrays:
            f.write(a.tobytes(order="C"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load_torch_state_dict(path, dtype=None):
    """Read a safetensors file as {name: torch.Tensor} (optionally cast, e.g. torch.float32)."""
    import torch
    arrays, _ = load(path)
    sd = {}
    for k, v in arrays.items():
        t = torch.from_numpy(v)
        if dtype is not None and t.is_floating_point():
            t = t.to(dtype)
        sd[k] = t
    return sd


def save_torch_state_dict(path, state_dict, dtype=None, metadata=None):
    """Write a torch state_dict; dtype "F16"/"F32" converts floating tensors."""
    arrays = {k: v.detach().cpu().contiguous().numpy() for k, v in state_dict.items()}
    meta = {"format": "pt"}
    if metadata:
        meta.update(metadata)
    save(path, arrays, metadata=meta, dtype=dtype)
