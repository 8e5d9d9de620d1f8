"""A self-contained PyTorch UNet that is weight- and arithmetic-compatible with
diffusers' `UNet2DModel` (v0.24 semantics) for the configurations RePaint Studio uses.

Construct it from a diffusers `config.json` dict:

    model = UNet2DModel.from_config(json.load(open("config.json")))
    model.load_state_dict(safetensors_io.load_torch_state_dict("diffusion_pytorch_model.safetensors"))
    eps = model(sample, timestep)          # returns a tensor (no output dataclass)

`state_dict()` names are the diffusers ones (conv_in, time_embedding.linear_1,
down_blocks.N.resnets.M.norm1, down_blocks.N.attentions.M.to_q, ...to_out.0, ...group_norm,
down_blocks.N.downsamplers.0.conv, mid_block.*, up_blocks.N.upsamplers.0.conv,
conv_norm_out, conv_out). Config values this module does not implement raise
`UnsupportedConfigError` naming the key.

Written from the published semantics of the layers; no third-party code is included.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

# diffusers v0.24.0 UNet2DModel constructor defaults (the full config key set).
DEFAULT_CONFIG = {
    "sample_size": None,
    "in_channels": 3,
    "out_channels": 3,
    "center_input_sample": False,
    "time_embedding_type": "positional",
    "freq_shift": 0,
    "flip_sin_to_cos": True,
    "down_block_types": ["DownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D"],
    "up_block_types": ["AttnUpBlock2D", "AttnUpBlock2D", "AttnUpBlock2D", "UpBlock2D"],
    "block_out_channels": [224, 448, 672, 896],
    "layers_per_block": 2,
    "mid_block_scale_factor": 1,
    "downsample_padding": 1,
    "downsample_type": "conv",
    "upsample_type": "conv",
    "dropout": 0.0,
    "act_fn": "silu",
    "attention_head_dim": 8,
    "norm_num_groups": 32,
    "attn_norm_num_groups": None,
    "norm_eps": 1e-5,
    "resnet_time_scale_shift": "default",
    "add_attention": True,
    "class_embed_type": None,
    "num_class_embeds": None,
    "num_train_timesteps": None,
}
_IGNORED_KEYS = {"_class_name", "_diffusers_version", "_name_or_path", "_use_default_values"}
DOWN_TYPES = ("DownBlock2D", "AttnDownBlock2D")
UP_TYPES = ("UpBlock2D", "AttnUpBlock2D")


class UnsupportedConfigError(ValueError):
    """A config key has a value this implementation does not support."""

    def __init__(self, key, value, expected):
        super().__init__(f"config key {key!r} = {value!r} is not supported (supported: {expected})")
        self.key = key


def normalize_config(cfg):
    """Fill defaults, validate every key, and return a complete config dict (diffusers keys)."""
    cfg = dict(cfg)
    if cfg.get("_class_name", "UNet2DModel") != "UNet2DModel":
        raise UnsupportedConfigError("_class_name", cfg["_class_name"], "'UNet2DModel'")
    unknown = sorted(k for k in cfg if k not in DEFAULT_CONFIG and k not in _IGNORED_KEYS)
    if unknown:
        raise UnsupportedConfigError(unknown[0], cfg[unknown[0]], "a UNet2DModel config key")
    out = {k: cfg.get(k, v) for k, v in DEFAULT_CONFIG.items()}

    def need(key, ok, expected):
        if not ok:
            raise UnsupportedConfigError(key, out[key], expected)

    need("time_embedding_type", out["time_embedding_type"] == "positional", "'positional'")
    need("act_fn", out["act_fn"] == "silu", "'silu'")
    need("downsample_type", out["downsample_type"] == "conv", "'conv'")
    need("upsample_type", out["upsample_type"] == "conv", "'conv'")
    need("resnet_time_scale_shift", out["resnet_time_scale_shift"] == "default", "'default'")
    need("class_embed_type", out["class_embed_type"] is None, "null")
    need("num_class_embeds", out["num_class_embeds"] is None, "null")
    need("in_channels", isinstance(out["in_channels"], int) and out["in_channels"] > 0, "a positive int")
    need("out_channels", out["out_channels"] in (3, 6), "3 (epsilon) or 6 (epsilon + learned variance)")
    need("center_input_sample", isinstance(out["center_input_sample"], bool), "true/false")
    need("flip_sin_to_cos", isinstance(out["flip_sin_to_cos"], bool), "true/false")
    need("add_attention", isinstance(out["add_attention"], bool), "true/false")
    need("freq_shift", isinstance(out["freq_shift"], (int, float)), "a number")
    need("layers_per_block", isinstance(out["layers_per_block"], int) and out["layers_per_block"] >= 1,
         "an int >= 1")
    need("downsample_padding", out["downsample_padding"] in (0, 1), "0 or 1")
    need("mid_block_scale_factor", isinstance(out["mid_block_scale_factor"], (int, float))
         and out["mid_block_scale_factor"] > 0, "a positive number")
    need("norm_eps", isinstance(out["norm_eps"], (int, float)) and out["norm_eps"] > 0, "a positive number")
    need("dropout", isinstance(out["dropout"], (int, float)) and 0 <= out["dropout"] < 1, "0 <= p < 1")
    ch = out["block_out_channels"]
    need("block_out_channels", isinstance(ch, (list, tuple)) and len(ch) >= 1
         and all(isinstance(c, int) and c > 0 for c in ch), "a list of positive ints")
    out["block_out_channels"] = list(ch)
    g = out["norm_num_groups"]
    need("norm_num_groups", isinstance(g, int) and g > 0, "a positive int")
    need("norm_num_groups", all(c % g == 0 for c in ch), f"a divisor of every block_out_channels {ch}")
    ag = out["attn_norm_num_groups"]
    need("attn_norm_num_groups", ag is None or (isinstance(ag, int) and ch[-1] % ag == 0),
         f"null or a divisor of {ch[-1]}")
    dt, ut = list(out["down_block_types"]), list(out["up_block_types"])
    need("down_block_types", len(dt) == len(ch), f"{len(ch)} entries (one per block_out_channels)")
    need("up_block_types", len(ut) == len(ch), f"{len(ch)} entries (one per block_out_channels)")
    need("down_block_types", all(t in DOWN_TYPES for t in dt), f"entries from {DOWN_TYPES}")
    need("up_block_types", all(t in UP_TYPES for t in ut), f"entries from {UP_TYPES}")
    out["down_block_types"], out["up_block_types"] = dt, ut
    hd = out["attention_head_dim"]
    need("attention_head_dim", hd is None or (isinstance(hd, int) and hd > 0), "null or a positive int")
    if hd is not None:
        attn_ch = [c for c, t in zip(ch, dt) if t.startswith("Attn")]
        attn_ch += [c for c, t in zip(reversed(ch), ut) if t.startswith("Attn")]
        if out["add_attention"]:
            attn_ch.append(ch[-1])
        need("attention_head_dim", all(c % hd == 0 for c in attn_ch),
             f"a divisor of every attention block's channel count {sorted(set(attn_ch))}")
    ss = out["sample_size"]
    need("sample_size", ss is None or isinstance(ss, int) or (isinstance(ss, (list, tuple)) and len(ss) == 2),
         "null, an int or [h, w]")
    return out


def timestep_embedding(timesteps, dim, flip_sin_to_cos, freq_shift, max_period=10000.0):
    """Sinusoidal embedding: freq_k = exp(-ln(max_period) * k / (half - freq_shift)), k < half;
    returns [sin(t*f), cos(t*f)] (or [cos, sin] when flip_sin_to_cos), zero-padded if dim is odd."""
    half = dim // 2
    exponent = -math.log(max_period) * torch.arange(0, half, dtype=torch.float32, device=timesteps.device)
    exponent = exponent / (half - freq_shift)
    freqs = torch.exp(exponent)
    args = timesteps[:, None].float() * freqs[None, :]
    emb = torch.cat([torch.sin(args), torch.cos(args)], dim=-1)
    if flip_sin_to_cos:
        emb = torch.cat([emb[:, half:], emb[:, :half]], dim=-1)
    if dim % 2 == 1:
        emb = F.pad(emb, (0, 1, 0, 0))
    return emb


class TimestepEmbedding(nn.Module):
    """linear_1 -> SiLU -> linear_2."""

    def __init__(self, in_dim, dim):
        super().__init__()
        self.linear_1 = nn.Linear(in_dim, dim)
        self.act = nn.SiLU()
        self.linear_2 = nn.Linear(dim, dim)

    def forward(self, x):
        return self.linear_2(self.act(self.linear_1(x)))


class ResnetBlock(nn.Module):
    """GroupNorm-SiLU-Conv, + Linear(SiLU(temb)), GroupNorm-SiLU-Dropout-Conv, (skip + h) / scale."""

    def __init__(self, in_ch, out_ch, temb_ch, groups, eps, dropout, output_scale_factor=1.0):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, in_ch, eps=eps, affine=True)
        self.conv1 = nn.Conv2d(in_ch, out_ch, 3, stride=1, padding=1)
        self.time_emb_proj = nn.Linear(temb_ch, out_ch)
        self.norm2 = nn.GroupNorm(groups, out_ch, eps=eps, affine=True)
        self.dropout = nn.Dropout(dropout)
        self.conv2 = nn.Conv2d(out_ch, out_ch, 3, stride=1, padding=1)
        self.nonlinearity = nn.SiLU()
        self.output_scale_factor = output_scale_factor
        self.conv_shortcut = nn.Conv2d(in_ch, out_ch, 1, stride=1, padding=0) if in_ch != out_ch else None

    def forward(self, x, temb):
        h = self.conv1(self.nonlinearity(self.norm1(x)))
        h = h + self.time_emb_proj(self.nonlinearity(temb))[:, :, None, None]
        h = self.conv2(self.dropout(self.nonlinearity(self.norm2(h))))
        if self.conv_shortcut is not None:
            x = self.conv_shortcut(x)
        out = x + h
        if self.output_scale_factor != 1.0:
            out = out / self.output_scale_factor
        return out


class SpatialAttention(nn.Module):
    """Self-attention over the H*W positions of a feature map, diffusers `Attention` layout:
    group_norm -> to_q/to_k/to_v -> multi-head softmax(q k^T / sqrt(d)) v -> to_out.0,
    then (+ residual) / rescale_output_factor. Softmax is computed in float32."""

    def __init__(self, channels, head_dim, groups, eps, rescale_output_factor=1.0, dropout=0.0):
        super().__init__()
        self.heads = channels // head_dim
        self.head_dim = head_dim
        self.scale = head_dim ** -0.5
        self.group_norm = nn.GroupNorm(groups, channels, eps=eps, affine=True) if groups else None
        inner = self.heads * head_dim
        self.to_q = nn.Linear(channels, inner, bias=True)
        self.to_k = nn.Linear(channels, inner, bias=True)
        self.to_v = nn.Linear(channels, inner, bias=True)
        self.to_out = nn.ModuleList([nn.Linear(inner, channels, bias=True), nn.Dropout(dropout)])
        self.rescale_output_factor = rescale_output_factor

    def forward(self, x):
        b, c, hgt, wid = x.shape
        residual = x
        h = x
        if self.group_norm is not None:
            h = self.group_norm(h)
        h = h.reshape(b, c, hgt * wid).transpose(1, 2)            # [b, n, c]
        n = hgt * wid

        def split(t):                                             # [b, n, heads*d] -> [b*heads, n, d]
            return t.reshape(b, n, self.heads, self.head_dim).permute(0, 2, 1, 3).reshape(
                b * self.heads, n, self.head_dim)

        q, k, v = split(self.to_q(h)), split(self.to_k(h)), split(self.to_v(h))
        scores = torch.bmm(q, k.transpose(1, 2)) * self.scale
        probs = scores.float().softmax(dim=-1).to(q.dtype)
        o = torch.bmm(probs, v)
        o = o.reshape(b, self.heads, n, self.head_dim).permute(0, 2, 1, 3).reshape(b, n, self.heads * self.head_dim)
        o = self.to_out[1](self.to_out[0](o))
        o = o.transpose(1, 2).reshape(b, c, hgt, wid)
        o = o + residual
        if self.rescale_output_factor != 1.0:
            o = o / self.rescale_output_factor
        return o


class Downsample(nn.Module):
    """3x3 stride-2 conv; with padding 0 the input is first padded by one zero row/column at the
    bottom/right (asymmetric, as in the original DDPM)."""

    def __init__(self, ch, padding):
        super().__init__()
        self.padding = padding
        self.conv = nn.Conv2d(ch, ch, 3, stride=2, padding=padding)

    def forward(self, x):
        if self.padding == 0:
            x = F.pad(x, (0, 1, 0, 1), mode="constant", value=0.0)
        return self.conv(x)


class Upsample(nn.Module):
    """Nearest-neighbour x2, then a 3x3 conv."""

    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class DownBlock(nn.Module):
    """DownBlock2D / AttnDownBlock2D: `layers` resnets (each optionally followed by attention),
    then an optional downsampler. Returns (h, skip outputs)."""

    def __init__(self, in_ch, out_ch, temb_ch, layers, groups, eps, dropout, attn_head_dim,
                 with_attention, add_downsample, downsample_padding):
        super().__init__()
        self.resnets = nn.ModuleList(
            [ResnetBlock(in_ch if i == 0 else out_ch, out_ch, temb_ch, groups, eps, dropout) for i in range(layers)])
        if with_attention:
            self.attentions = nn.ModuleList(
                [SpatialAttention(out_ch, attn_head_dim, groups, eps) for _ in range(layers)])
        else:
            self.attentions = None
        self.downsamplers = nn.ModuleList([Downsample(out_ch, downsample_padding)]) if add_downsample else None

    def forward(self, h, temb):
        skips = []
        for i, resnet in enumerate(self.resnets):
            h = resnet(h, temb)
            if self.attentions is not None:
                h = self.attentions[i](h)
            skips.append(h)
        if self.downsamplers is not None:
            h = self.downsamplers[0](h)
            skips.append(h)
        return h, skips


class UpBlock(nn.Module):
    """UpBlock2D / AttnUpBlock2D: `layers` resnets over concat(h, skip), each optionally followed
    by attention, then an optional upsampler."""

    def __init__(self, in_ch, prev_out_ch, out_ch, temb_ch, layers, groups, eps, dropout, attn_head_dim,
                 with_attention, add_upsample):
        super().__init__()
        resnets = []
        for i in range(layers):
            skip_ch = in_ch if i == layers - 1 else out_ch
            res_in = prev_out_ch if i == 0 else out_ch
            resnets.append(ResnetBlock(res_in + skip_ch, out_ch, temb_ch, groups, eps, dropout))
        self.resnets = nn.ModuleList(resnets)
        if with_attention:
            self.attentions = nn.ModuleList(
                [SpatialAttention(out_ch, attn_head_dim, groups, eps) for _ in range(layers)])
        else:
            self.attentions = None
        self.upsamplers = nn.ModuleList([Upsample(out_ch)]) if add_upsample else None

    def forward(self, h, skips, temb):
        for i, resnet in enumerate(self.resnets):
            h = torch.cat([h, skips.pop()], dim=1)
            h = resnet(h, temb)
            if self.attentions is not None:
                h = self.attentions[i](h)
        if self.upsamplers is not None:
            h = self.upsamplers[0](h)
        return h


class MidBlock(nn.Module):
    """UNetMidBlock2D: resnet, (attention), resnet; all scaled by mid_block_scale_factor."""

    def __init__(self, ch, temb_ch, groups, attn_groups, eps, dropout, head_dim, scale, add_attention):
        super().__init__()
        self.attentions = nn.ModuleList(
            [SpatialAttention(ch, head_dim, attn_groups, eps, rescale_output_factor=scale)]) if add_attention else None
        self.resnets = nn.ModuleList([ResnetBlock(ch, ch, temb_ch, groups, eps, dropout, scale) for _ in range(2)])

    def forward(self, h, temb):
        h = self.resnets[0](h, temb)
        if self.attentions is not None:
            h = self.attentions[0](h)
        return self.resnets[1](h, temb)


class UNet2DModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        cfg = normalize_config(config)
        self.config = cfg
        ch = cfg["block_out_channels"]
        groups, eps, dropout = cfg["norm_num_groups"], float(cfg["norm_eps"]), float(cfg["dropout"])
        layers = cfg["layers_per_block"]
        hd = cfg["attention_head_dim"]
        temb_ch = ch[0] * 4

        self.conv_in = nn.Conv2d(cfg["in_channels"], ch[0], 3, padding=1)
        self.time_embedding = TimestepEmbedding(ch[0], temb_ch)

        self.down_blocks = nn.ModuleList()
        out_ch = ch[0]
        for i, kind in enumerate(cfg["down_block_types"]):
            in_ch, out_ch = out_ch, ch[i]
            self.down_blocks.append(DownBlock(
                in_ch, out_ch, temb_ch, layers, groups, eps, dropout, hd if hd is not None else out_ch,
                kind == "AttnDownBlock2D", add_downsample=i < len(ch) - 1,
                downsample_padding=cfg["downsample_padding"]))

        attn_groups = cfg["attn_norm_num_groups"] if cfg["attn_norm_num_groups"] is not None else groups
        self.mid_block = MidBlock(ch[-1], temb_ch, groups, attn_groups, eps, dropout,
                                  hd if hd is not None else ch[-1], float(cfg["mid_block_scale_factor"]),
                                  cfg["add_attention"])

        self.up_blocks = nn.ModuleList()
        rev = list(reversed(ch))
        out_ch = rev[0]
        for i, kind in enumerate(cfg["up_block_types"]):
            prev, out_ch = out_ch, rev[i]
            in_ch = rev[min(i + 1, len(ch) - 1)]
            self.up_blocks.append(UpBlock(
                in_ch, prev, out_ch, temb_ch, layers + 1, groups, eps, dropout, hd if hd is not None else out_ch,
                kind == "AttnUpBlock2D", add_upsample=i < len(ch) - 1))

        self.conv_norm_out = nn.GroupNorm(groups, ch[0], eps=eps, affine=True)
        self.conv_act = nn.SiLU()
        self.conv_out = nn.Conv2d(ch[0], cfg["out_channels"], 3, padding=1)

    @classmethod
    def from_config(cls, config):
        return cls(config)

    def diffusers_config(self):
        """The config dict to write as config.json (diffusers keys + _class_name)."""
        return {"_class_name": "UNet2DModel", "_diffusers_version": "0.24.0", **self.config}

    def num_parameters(self):
        return sum(p.numel() for p in self.parameters())

    def forward(self, sample, timestep):
        """sample: [N, C, H, W] float; timestep: int/float, 0-d or [N] tensor. Returns [N, out, H, W]."""
        cfg = self.config
        if cfg["center_input_sample"]:
            sample = 2 * sample - 1.0
        t = timestep
        if not torch.is_tensor(t):
            t = torch.tensor([t], dtype=torch.long, device=sample.device)
        elif t.dim() == 0:
            t = t[None].to(sample.device)
        t = t * torch.ones(sample.shape[0], dtype=t.dtype, device=t.device)
        t_emb = timestep_embedding(t, self.conv_in.out_channels, cfg["flip_sin_to_cos"], cfg["freq_shift"])
        emb = self.time_embedding(t_emb.to(self.conv_in.weight.dtype))

        h = self.conv_in(sample)
        skips = [h]
        for block in self.down_blocks:
            h, s = block(h, emb)
            skips.extend(s)
        h = self.mid_block(h, emb)
        for block in self.up_blocks:
            h = block(h, skips, emb)
        assert not skips
        h = self.conv_out(self.conv_act(self.conv_norm_out(h)))
        return h
