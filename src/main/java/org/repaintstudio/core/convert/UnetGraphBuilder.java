package org.repaintstudio.core.convert;

import ai.onnx.proto.OnnxMl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.repaintstudio.core.convert.OnnxGraphBuilder.attr;
import static org.repaintstudio.core.convert.OnnxGraphBuilder.attrs;

/**
 * Emits the forward pass of diffusers' {@code UNet2DModel} (v0.24 semantics) as ONNX nodes.
 * Shapes are static except the batch axis, so reshapes use 0 ("copy the batch") and fixed sizes.
 *
 * <p>Graph contract: inputs {@code sample} float32 [N, in, H, W] and {@code timestep} int64 [N];
 * output {@code out_sample} float32 [N, out, H, W].
 */
final class UnetGraphBuilder {
    static final String INPUT_SAMPLE = "sample";
    static final String INPUT_TIMESTEP = "timestep";
    static final String OUTPUT = "out_sample";

    private final UnetConfig cfg;
    private final ParameterLookup w;
    private final OnnxGraphBuilder g = new OnnxGraphBuilder("unet2d");
    /** silu(time embedding), shared by every resnet's time projection. */
    private String embActivated;

    /** Supplies the tensor behind a parameter name after checking its shape. */
    @FunctionalInterface
    interface ParameterLookup {
        SafetensorsTensor require(String name, long... shape);
    }

    UnetGraphBuilder(UnetConfig cfg, ParameterLookup weights) {
        this.cfg = cfg;
        this.w = weights;
    }

    OnnxGraphBuilder build() {
        int h = cfg.sampleHeight();
        int wd = cfg.sampleWidth();
        List<Integer> ch = cfg.blockOutChannels();
        int levels = ch.size();
        g.input(INPUT_SAMPLE, OnnxMl.TensorProto.DataType.FLOAT, new long[] {-1, cfg.inChannels(), h, wd}, true);
        g.input(INPUT_TIMESTEP, OnnxMl.TensorProto.DataType.INT64, new long[] {-1}, true);

        String x = INPUT_SAMPLE;
        if (cfg.centerInputSample()) {
            x = g.op("Sub", "centered", List.of(
                    g.op("Mul", "doubled", List.of(x, scalar(2f))), scalar(1f)));
        }
        String emb = timeEmbedding();
        embActivated = silu(emb);

        x = conv(x, "conv_in", cfg.inChannels(), ch.get(0), 3, 1);
        Deque<Skip> skips = new ArrayDeque<>();
        skips.push(new Skip(x, ch.get(0)));

        int c = ch.get(0);
        for (int i = 0; i < levels; i++) {
            int out = ch.get(i);
            boolean attn = cfg.downBlockTypes().get(i).equals("AttnDownBlock2D");
            String p = "down_blocks." + i;
            for (int j = 0; j < cfg.layersPerBlock(); j++) {
                x = resnet(x, p + ".resnets." + j, c, out, h, wd, 1.0);
                c = out;
                if (attn) {
                    x = attention(x, p + ".attentions." + j, c, h, wd, headDim(c), cfg.normNumGroups(), 1.0);
                }
                skips.push(new Skip(x, c));
            }
            if (i < levels - 1) {
                x = downsample(x, p + ".downsamplers.0.conv", c);
                h /= 2;
                wd /= 2;
                skips.push(new Skip(x, c));
            }
        }

        double midScale = cfg.midBlockScaleFactor();
        x = resnet(x, "mid_block.resnets.0", c, c, h, wd, midScale);
        if (cfg.addAttention()) {
            x = attention(x, "mid_block.attentions.0", c, h, wd, headDim(c), cfg.midAttentionGroups(), midScale);
        }
        x = resnet(x, "mid_block.resnets.1", c, c, h, wd, midScale);

        for (int i = 0; i < levels; i++) {
            int out = ch.get(levels - 1 - i);
            boolean attn = cfg.upBlockTypes().get(i).equals("AttnUpBlock2D");
            String p = "up_blocks." + i;
            for (int j = 0; j <= cfg.layersPerBlock(); j++) {
                Skip skip = skips.pop();
                x = g.op("Concat", "cat", List.of(x, skip.value), attr("axis", 1L));
                x = resnet(x, p + ".resnets." + j, c + skip.channels, out, h, wd, 1.0);
                c = out;
                if (attn) {
                    x = attention(x, p + ".attentions." + j, c, h, wd, headDim(c), cfg.normNumGroups(), 1.0);
                }
            }
            if (i < levels - 1) {
                x = upsample(x, p + ".upsamplers.0.conv", c);
                h *= 2;
                wd *= 2;
            }
        }

        x = groupNorm(x, "conv_norm_out", c, h, wd, cfg.normNumGroups(), cfg.normEps());
        x = silu(x);
        x = conv(x, "conv_out", c, cfg.outChannels(), 3, 1);
        g.output(x, OUTPUT, new long[] {-1, cfg.outChannels(), h, wd}, true);
        return g;
    }

    /** Every parameter the config implies, by diffusers name, in graph order. */
    static java.util.LinkedHashMap<String, long[]> parameterShapes(UnetConfig cfg) {
        java.util.LinkedHashMap<String, long[]> shapes = new java.util.LinkedHashMap<>();
        new UnetGraphBuilder(cfg, (name, shape) -> {
            shapes.put(name, shape.clone());
            return new SafetensorsTensor(name, SafetensorsDType.F32, shape, 0, 0);
        }).build();
        return shapes;
    }

    private record Skip(String value, int channels) { }

    private int headDim(int channels) {
        return cfg.attentionHeadDim() == null ? channels : cfg.attentionHeadDim();
    }

    /** Sinusoidal projection (get_timestep_embedding) then linear-silu-linear. */
    private String timeEmbedding() {
        int dim = cfg.blockOutChannels().get(0);
        int half = dim / 2;
        float[] freqs = timestepFrequencies(half, (float) cfg.freqShift());
        String t = g.op("Cast", "t_float", INPUT_TIMESTEP, attr("to", (long) OnnxMl.TensorProto.DataType.FLOAT.getNumber()));
        t = g.op("Unsqueeze", "t_col", List.of(t, g.constInt64s("axes", 1)));
        String args = g.op("Mul", "t_args", List.of(t, g.constFloats("freqs", new long[] {1, half}, freqs)));
        String sin = g.op("Sin", "t_sin", args);
        String cos = g.op("Cos", "t_cos", args);
        List<String> parts = cfg.flipSinToCos() ? List.of(cos, sin) : List.of(sin, cos);
        String proj = g.op("Concat", "t_proj", parts, attr("axis", 1L));
        int embDim = cfg.timeEmbedDim();
        String e = linear(proj, "time_embedding.linear_1", dim, embDim);
        e = silu(e);
        return linear(e, "time_embedding.linear_2", embDim, embDim);
    }

    /**
     * exp(-ln(10000) * i / (half - shift)), rounded step by step in float32 as torch computes it
     * (scalar times float32 arange, divided, then exp), so large timesteps give the same phases.
     */
    static float[] timestepFrequencies(int half, float shift) {
        float logMax = (float) -Math.log(10000.0);
        float denom = half - shift;
        float[] f = new float[half];
        for (int i = 0; i < half; i++) {
            float exponent = (logMax * i) / denom;
            f[i] = (float) Math.exp(exponent);
        }
        return f;
    }

    private String resnet(String x, String p, int in, int out, int h, int wd, double outputScale) {
        int groups = cfg.normNumGroups();
        String y = groupNorm(x, p + ".norm1", in, h, wd, groups, cfg.normEps());
        y = silu(y);
        y = conv(y, p + ".conv1", in, out, 3, 1);
        String t = linear(embActivated, p + ".time_emb_proj", cfg.timeEmbedDim(), out);
        t = g.op("Unsqueeze", "temb4d", List.of(t, g.constInt64s("axes", 2, 3)));
        y = g.op("Add", "with_temb", List.of(y, t));
        y = groupNorm(y, p + ".norm2", out, h, wd, groups, cfg.normEps());
        y = silu(y);
        y = conv(y, p + ".conv2", out, out, 3, 1);
        String shortcut = in == out ? x : conv(x, p + ".conv_shortcut", in, out, 1, 0);
        String sum = g.op("Add", "res_out", List.of(shortcut, y));
        return outputScale == 1.0 ? sum : g.op("Div", "res_scaled", List.of(sum, scalar((float) outputScale)));
    }

    /**
     * diffusers Attention on a [N, C, H, W] map with group_norm, residual_connection and
     * rescale_output_factor. The linear projections act on channels, so they run as 1×1
     * convolutions and the layout stays channel-first.
     */
    private String attention(String x, String p, int c, int h, int wd, int headDim, int groups, double rescale) {
        int heads = c / headDim;
        long hw = (long) h * wd;
        String normed = groupNorm(x, p + ".group_norm", c, h, wd, groups, cfg.normEps());
        String q = linearAsConv(normed, p + ".to_q", c);
        String k = linearAsConv(normed, p + ".to_k", c);
        String v = linearAsConv(normed, p + ".to_v", c);
        String headShape = g.constInt64s("heads_shape", 0, heads, headDim, hw);
        q = g.op("Reshape", "q", List.of(q, headShape));
        k = g.op("Reshape", "k", List.of(k, headShape));
        v = g.op("Reshape", "v", List.of(v, headShape));
        // scoresT[n, h, j, i] = k_j . q_i, so softmax runs over keys (axis 2) and no transpose of the probabilities is needed.
        String kT = g.op("Transpose", "kT", k, attrs("perm", 0, 1, 3, 2));
        String scores = g.op("MatMul", "scoresT", List.of(kT, q));
        scores = g.op("Mul", "scoresT_scaled", List.of(scores, scalar((float) (1.0 / Math.sqrt(headDim)))));
        String probs = g.op("Softmax", "probsT", scores, attr("axis", 2L));
        String o = g.op("MatMul", "attn", List.of(v, probs));
        o = g.op("Reshape", "attn_map", List.of(o, g.constInt64s("map_shape", 0, c, h, wd)));
        o = linearAsConv(o, p + ".to_out.0", c);
        String sum = g.op("Add", "attn_out", List.of(o, x));
        return rescale == 1.0 ? sum : g.op("Div", "attn_scaled", List.of(sum, scalar((float) rescale)));
    }

    /** Downsample2D with a conv: stride 2, padding 1, or an explicit (0,1,0,1) pad when downsample_padding is 0. */
    private String downsample(String x, String p, int c) {
        String wt = g.weight(p + ".weight", new long[] {c, c, 3, 3}, w.require(p + ".weight", c, c, 3, 3));
        String b = g.weight(p + ".bias", new long[] {c}, w.require(p + ".bias", c));
        long pad = cfg.downsamplePadding();
        // ONNX pads are [top, left, bottom, right]; F.pad(x, (0, 1, 0, 1)) adds one row at the bottom and one column at the right.
        long[] pads = pad == 0 ? new long[] {0, 0, 1, 1} : new long[] {pad, pad, pad, pad};
        return g.op("Conv", "down", List.of(x, wt, b),
                attrs("kernel_shape", 3, 3), attrs("strides", 2, 2), attrs("pads", pads));
    }

    /** Upsample2D: nearest-neighbour ×2 then a 3×3 conv. */
    private String upsample(String x, String p, int c) {
        String scales = g.constFloats("scales", new long[] {4}, 1f, 1f, 2f, 2f);
        String up = g.op("Resize", "up", List.of(x, "", scales),
                attr("mode", "nearest"), attr("coordinate_transformation_mode", "asymmetric"),
                attr("nearest_mode", "floor"));
        return conv(up, p, c, c, 3, 1);
    }

    private String conv(String x, String p, int in, int out, int kernel, int pad) {
        String wt = g.weight(p + ".weight", new long[] {out, in, kernel, kernel},
                w.require(p + ".weight", out, in, kernel, kernel));
        String b = g.weight(p + ".bias", new long[] {out}, w.require(p + ".bias", out));
        return g.op("Conv", "conv", List.of(x, wt, b),
                attrs("kernel_shape", kernel, kernel), attrs("pads", pad, pad, pad, pad));
    }

    /** nn.Linear on [N, in] as Gemm with the [out, in] weight used transposed. */
    private String linear(String x, String p, int in, int out) {
        String wt = g.weight(p + ".weight", new long[] {out, in}, w.require(p + ".weight", out, in));
        String b = g.weight(p + ".bias", new long[] {out}, w.require(p + ".bias", out));
        return g.op("Gemm", "linear", List.of(x, wt, b), attr("transB", 1L));
    }

    /** nn.Linear applied per pixel over channels: the [out, in] weight viewed as a 1×1 kernel. */
    private String linearAsConv(String x, String p, int c) {
        String wt = g.weight(p + ".weight", new long[] {c, c, 1, 1}, w.require(p + ".weight", c, c));
        String b = g.weight(p + ".bias", new long[] {c}, w.require(p + ".bias", c));
        return g.op("Conv", "proj", List.of(x, wt, b), attrs("kernel_shape", 1, 1));
    }

    /** GroupNorm as exported by torch: reshape to groups, InstanceNormalization, reshape back, affine. */
    private String groupNorm(String x, String p, int c, int h, int wd, int groups, double eps) {
        String gamma = g.weight(p + ".weight", new long[] {c, 1, 1}, w.require(p + ".weight", c));
        String beta = g.weight(p + ".bias", new long[] {c, 1, 1}, w.require(p + ".bias", c));
        float[] ones = new float[groups];
        java.util.Arrays.fill(ones, 1f);
        String grouped = g.op("Reshape", "grouped", List.of(x, g.constInt64s("group_shape", 0, groups, -1)));
        String normed = g.op("InstanceNormalization", "gn", List.of(grouped,
                g.constFloats("gn_ones", new long[] {groups}, ones),
                g.constFloats("gn_zeros", new long[] {groups}, new float[groups])),
                attr("epsilon", (float) eps));
        String back = g.op("Reshape", "ungrouped", List.of(normed, g.constInt64s("map_shape", 0, c, h, wd)));
        return g.op("Add", "gn_out", List.of(g.op("Mul", "gn_scaled", List.of(back, gamma)), beta));
    }

    private String silu(String x) {
        return g.op("Mul", "silu", List.of(x, g.op("Sigmoid", "sigmoid", x)));
    }

    private String scalar(float v) {
        return g.constFloats("scalar", new long[] {}, v);
    }
}
