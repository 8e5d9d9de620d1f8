package org.repaintstudio.core.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.repaintstudio.core.UserFacingException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The subset of a diffusers {@code UNet2DModel} config.json that the converter supports.
 * Missing keys take diffusers' constructor defaults; any value the converter cannot build is
 * rejected with a message naming the key and the value.
 */
public record UnetConfig(
        int sampleHeight,
        int sampleWidth,
        int inChannels,
        int outChannels,
        boolean centerInputSample,
        boolean flipSinToCos,
        double freqShift,
        List<String> downBlockTypes,
        List<String> upBlockTypes,
        List<Integer> blockOutChannels,
        int layersPerBlock,
        double midBlockScaleFactor,
        int downsamplePadding,
        Integer attentionHeadDim,
        int normNumGroups,
        Integer attnNormNumGroups,
        double normEps,
        boolean addAttention) {

    /** Largest sample_size accepted: DDPMs are trained at up to 1024 px; beyond, nothing runs. */
    public static final int MAX_SAMPLE_SIZE = 2048;
    /** Most resolution levels (block_out_channels entries). */
    public static final int MAX_LEVELS = 8;
    /** Largest channel count of a block (diffusers' largest DDPMs use 1024). */
    public static final int MAX_CHANNELS = 8192;
    /** Most resnet layers per block. */
    public static final int MAX_LAYERS_PER_BLOCK = 16;
    /** Largest total weight size: the ONNX file is one protobuf message, limited to 2 GB. */
    public static final long MAX_WEIGHT_BYTES = OnnxModelWriter.MAX_SINGLE_FILE_BYTES - (64L << 20);
    /** Largest attention score matrix of one sample, in bytes: beyond this a UNet call cannot run. */
    public static final long MAX_ATTENTION_BYTES = 4L << 30;

    static final Set<String> DOWN_TYPES = Set.of("DownBlock2D", "AttnDownBlock2D");
    static final Set<String> UP_TYPES = Set.of("UpBlock2D", "AttnUpBlock2D");

    /** Reads and validates a config.json file. */
    public static UnetConfig read(Path configJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(configJson.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserFacingException("Model config " + configJson + " does not exist.", e);
        } catch (JsonProcessingException e) {
            throw new UserFacingException("The model config " + org.repaintstudio.core.ErrorTranslator.json(e, configJson), e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read model config " + configJson + ": " + e.getMessage(), e);
        }
        return parse(root);
    }

    /** Validates an already parsed config.json. */
    public static UnetConfig parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new UserFacingException("The model config is not a JSON object.");
        }
        String cls = text(root, "_class_name", "UNet2DModel");
        if (!cls.equals("UNet2DModel")) {
            throw unsupported("_class_name", cls, "only UNet2DModel (unconditional DDPM) models can be converted");
        }
        JsonNode sample = root.get("sample_size");
        int h;
        int w;
        if (sample == null || sample.isNull()) {
            throw new UserFacingException("The model config has no sample_size, so the image resolution is unknown.");
        } else if (sample.isInt()) {
            h = w = sample.asInt();
        } else if (sample.isArray() && sample.size() == 2 && sample.get(0).isInt() && sample.get(1).isInt()) {
            h = sample.get(0).asInt();
            w = sample.get(1).asInt();
        } else {
            throw unsupported("sample_size", sample.toString(), "expected an integer or [height, width]");
        }

        requireRange("sample_size", sample.toString(), Math.min(h, w), Math.max(h, w), 1, MAX_SAMPLE_SIZE);

        requireEquals(root, "time_embedding_type", "positional", "positional");
        String act = text(root, "act_fn", "silu");
        if (!act.equals("silu") && !act.equals("swish")) {
            throw unsupported("act_fn", act, "only silu is supported");
        }
        requireEquals(root, "resnet_time_scale_shift", "default", "default");
        requireEquals(root, "downsample_type", "conv", "conv");
        requireEquals(root, "upsample_type", "conv", "conv");
        requireNull(root, "class_embed_type");
        requireNull(root, "num_class_embeds");

        List<String> down = strings(root, "down_block_types",
                List.of("DownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D"));
        List<String> up = strings(root, "up_block_types",
                List.of("AttnUpBlock2D", "AttnUpBlock2D", "AttnUpBlock2D", "UpBlock2D"));
        List<Integer> channels = ints(root, "block_out_channels", List.of(224, 448, 672, 896));
        for (String t : down) {
            if (!DOWN_TYPES.contains(t)) {
                throw unsupported("down_block_types", t, "supported are DownBlock2D and AttnDownBlock2D");
            }
        }
        for (String t : up) {
            if (!UP_TYPES.contains(t)) {
                throw unsupported("up_block_types", t, "supported are UpBlock2D and AttnUpBlock2D");
            }
        }
        if (channels.isEmpty() || down.size() != channels.size() || up.size() != channels.size()) {
            throw new UserFacingException("The model config lists " + down.size() + " down blocks, " + up.size()
                    + " up blocks and " + channels.size() + " block_out_channels; these counts must be equal.");
        }
        if (channels.size() > MAX_LEVELS) {
            throw unsupported("block_out_channels", channels.toString(), "at most " + MAX_LEVELS + " levels are supported");
        }
        for (int c : channels) {
            requireRange("block_out_channels", channels.toString(), c, c, 1, MAX_CHANNELS);
        }
        if (channels.get(0) % 2 != 0) {
            throw unsupported("block_out_channels", channels.toString(), "the first entry must be even");
        }

        JsonNode groupsNode = root.get("norm_num_groups");
        if (groupsNode != null && groupsNode.isNull()) {
            throw unsupported("norm_num_groups", "null", "a group count is required");
        }
        int groups = integer(root, "norm_num_groups", 32);
        Integer attnGroups = nullableInt(root, "attn_norm_num_groups", null);
        Integer headDim = nullableInt(root, "attention_head_dim", 8);
        int layers = integer(root, "layers_per_block", 2);
        int pad = integer(root, "downsample_padding", 1);
        requireRange("layers_per_block", String.valueOf(layers), layers, layers, 1, MAX_LAYERS_PER_BLOCK);
        if (groups < 1) {
            throw unsupported("norm_num_groups", String.valueOf(groups), "must be at least 1");
        }
        if (attnGroups != null && attnGroups < 1) {
            throw unsupported("attn_norm_num_groups", String.valueOf(attnGroups), "must be at least 1 or null");
        }
        if (pad < 0 || pad > 1) {
            throw unsupported("downsample_padding", String.valueOf(pad), "supported are 0 and 1");
        }
        if (headDim != null && headDim <= 0) {
            throw unsupported("attention_head_dim", String.valueOf(headDim), "must be positive or null");
        }
        int inCh = integer(root, "in_channels", 3);
        int outCh = integer(root, "out_channels", 3);
        if (inCh != 3) {
            throw unsupported("in_channels", String.valueOf(inCh), "RePaint needs an RGB model (3)");
        }
        if (outCh != 3 && outCh != 6) {
            throw unsupported("out_channels", String.valueOf(outCh), "RePaint needs 3 (noise) or 6 (noise and variance)");
        }
        int levels = channels.size();
        int factor = 1 << (levels - 1);
        if (h <= 0 || w <= 0 || h % factor != 0 || w % factor != 0) {
            throw unsupported("sample_size", sample.toString(), "must be divisible by " + factor
                    + " for " + levels + " resolution levels");
        }
        UnetConfig cfg = new UnetConfig(h, w, inCh, outCh,
                bool(root, "center_input_sample", false),
                bool(root, "flip_sin_to_cos", true),
                number(root, "freq_shift", 0),
                List.copyOf(down), List.copyOf(up), List.copyOf(channels), layers,
                number(root, "mid_block_scale_factor", 1), pad, headDim, groups, attnGroups,
                number(root, "norm_eps", 1e-5),
                bool(root, "add_attention", true));
        cfg.checkFiniteNumbers();
        cfg.checkGroupsAndHeads();
        cfg.checkSizes();
        return cfg;
    }

    private void checkFiniteNumbers() {
        if (!Double.isFinite(freqShift) || freqShift < 0) {
            throw unsupported("freq_shift", String.valueOf(freqShift), "must be a finite number of at least 0");
        }
        if (!Double.isFinite(midBlockScaleFactor) || midBlockScaleFactor <= 0) {
            throw unsupported("mid_block_scale_factor", String.valueOf(midBlockScaleFactor), "must be a positive number");
        }
        if (!(normEps > 0 && normEps < 1)) {
            throw unsupported("norm_eps", String.valueOf(normEps), "must be between 0 and 1");
        }
    }

    /**
     * The total weight size and the largest attention map, worked out from the shapes alone before
     * anything is built or read, so an absurd but well-formed config is refused up front.
     */
    private void checkSizes() {
        long bytes = MemoryBudgetMath.times(parameterCount(), Float.BYTES);
        if (bytes > MAX_WEIGHT_BYTES) {
            throw new UserFacingException(String.format(java.util.Locale.ROOT,
                    "The model config describes %,d parameters (%,d MB of weights); the converter writes at most %,d MB.",
                    parameterCount(), bytes >> 20, MAX_WEIGHT_BYTES >> 20));
        }
        long attention = largestAttentionBytes();
        if (attention > MAX_ATTENTION_BYTES) {
            throw new UserFacingException(String.format(java.util.Locale.ROOT,
                    "The model config puts attention on %d×%d pixels, which needs %,d MB per sample in each UNet call; "
                            + "the limit is %,d MB.", sampleHeight >> firstAttentionLevel(), sampleWidth >> firstAttentionLevel(),
                    attention >> 20, MAX_ATTENTION_BYTES >> 20));
        }
    }

    /** Level of the highest-resolution attention layer, or the last level (the middle block) when none is higher. */
    private int firstAttentionLevel() {
        int n = blockOutChannels.size();
        for (int i = 0; i < n; i++) {
            if (downBlockTypes.get(i).startsWith("Attn") || upBlockTypes.get(n - 1 - i).startsWith("Attn")) {
                return i;
            }
        }
        return n - 1;
    }

    /** Bytes of the attention score matrix (tokens² per head) at the finest attention level. */
    private long largestAttentionBytes() {
        int level = firstAttentionLevel();
        boolean any = level < blockOutChannels.size() - 1 || addAttention
                || downBlockTypes.get(level).startsWith("Attn");
        if (!any) {
            return 0;
        }
        long tokens = (long) (sampleHeight >> level) * (sampleWidth >> level);
        int c = blockOutChannels.get(level);
        long heads = attentionHeadDim == null ? 1 : Math.max(1, c / attentionHeadDim);
        return MemoryBudgetMath.times(MemoryBudgetMath.times(tokens, tokens), MemoryBudgetMath.times(heads, Float.BYTES));
    }

    private static void requireRange(String key, String shown, long min, long max, long low, long high) {
        if (min < low || max > high) {
            throw unsupported(key, shown, "each value must be between " + low + " and " + high);
        }
    }

    private void checkGroupsAndHeads() {
        for (int i = 0; i < blockOutChannels.size(); i++) {
            int c = blockOutChannels.get(i);
            if (normNumGroups <= 0 || c % normNumGroups != 0) {
                throw unsupported("norm_num_groups", String.valueOf(normNumGroups),
                        "it must divide every block_out_channels entry (" + c + ")");
            }
            int head = attentionHeadDim == null ? c : attentionHeadDim;
            boolean hasAttention = downBlockTypes.get(i).startsWith("Attn")
                    || upBlockTypes.get(blockOutChannels.size() - 1 - i).startsWith("Attn")
                    || (addAttention && i == blockOutChannels.size() - 1);
            if (hasAttention && c % head != 0) {
                throw unsupported("attention_head_dim", String.valueOf(attentionHeadDim),
                        "it must divide the channel count " + c + " of every attention layer");
            }
        }
        int mid = blockOutChannels.get(blockOutChannels.size() - 1);
        if (addAttention && mid % midAttentionGroups() != 0) {
            throw unsupported("attn_norm_num_groups", String.valueOf(attnNormNumGroups),
                    "it must divide the middle block's channel count " + mid);
        }
        if (freqShift >= blockOutChannels.get(0) / 2.0) {
            throw unsupported("freq_shift", String.valueOf(freqShift), "it must be smaller than half the first channel count");
        }
    }

    /** Every parameter tensor this config implies (diffusers names, current attention naming) with its shape. */
    public java.util.Map<String, long[]> parameterShapes() {
        return java.util.Collections.unmodifiableMap(UnetGraphBuilder.parameterShapes(this));
    }

    /** Parameter count implied by the config. */
    public long parameterCount() {
        long n = 0;
        for (long[] shape : parameterShapes().values()) {
            long p = 1;
            for (long d : shape) {
                p = MemoryBudgetMath.times(p, d);
            }
            n = MemoryBudgetMath.plus(n, p);
        }
        return n;
    }

    /** The time embedding width, 4 × the first block's channels as in diffusers. */
    public int timeEmbedDim() {
        return blockOutChannels.get(0) * 4;
    }

    /** Group count of the middle block's attention norm (diffusers: attn_norm_num_groups or the resnet groups). */
    public int midAttentionGroups() {
        return attnNormNumGroups != null ? attnNormNumGroups : normNumGroups;
    }

    /** The square resolution, or the height when the model is not square. */
    public int sampleSize() {
        return sampleHeight;
    }

    /** Saturating arithmetic for size estimates. */
    private static final class MemoryBudgetMath {
        static long times(long a, long b) {
            return org.repaintstudio.core.MemoryBudget.product(a, b);
        }

        static long plus(long a, long b) {
            long r = a + b;
            return r < 0 ? Long.MAX_VALUE : r;
        }
    }

    private static UserFacingException unsupported(String key, String value, String why) {
        return new UserFacingException("The model config value " + key + " = " + value + " is not supported: " + why + ".");
    }

    private static String text(JsonNode root, String key, String dflt) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw unsupported(key, n.toString(), "expected a string");
        }
        return n.asText();
    }

    private static void requireEquals(JsonNode root, String key, String dflt, String allowed) {
        String v = text(root, key, dflt);
        if (!v.equals(allowed)) {
            throw unsupported(key, v, "only " + allowed + " is supported");
        }
    }

    private static void requireNull(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n != null && !n.isNull()) {
            throw unsupported(key, n.toString(), "class-conditional models are not supported");
        }
    }

    private static boolean bool(JsonNode root, String key, boolean dflt) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw unsupported(key, n.toString(), "expected true or false");
        }
        return n.asBoolean();
    }

    private static double number(JsonNode root, String key, double dflt) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw unsupported(key, n.toString(), "expected a number");
        }
        return n.asDouble();
    }

    private static int integer(JsonNode root, String key, int dflt) {
        Integer v = nullableInt(root, key, dflt);
        return v == null ? dflt : v;
    }

    private static Integer nullableInt(JsonNode root, String key, Integer dflt) {
        JsonNode n = root.get(key);
        if (n == null) {
            return dflt;
        }
        if (n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            throw unsupported(key, n.toString(), "per-block lists are not supported, expected one integer");
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw unsupported(key, n.toString(), "expected an integer");
        }
        return n.asInt();
    }

    private static List<String> strings(JsonNode root, String key, List<String> dflt) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isArray()) {
            throw unsupported(key, n.toString(), "expected a list");
        }
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode root, String key, List<Integer> dflt) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isArray()) {
            throw unsupported(key, n.toString(), "expected a list of integers");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw unsupported(key, n.toString(), "expected a list of integers");
            }
            out.add(e.asInt());
        }
        return out;
    }
}
