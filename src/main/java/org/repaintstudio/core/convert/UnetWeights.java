package org.repaintstudio.core.convert;

import org.repaintstudio.core.UserFacingException;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Looks up UNet parameters by their current diffusers names, accepting the pre-0.15 attention
 * names (query/key/value/proj_attn) that diffusers renames on load, and checks every shape
 * against what the config implies.
 */
final class UnetWeights implements UnetGraphBuilder.ParameterLookup {
    private static final Map<String, String> LEGACY_ATTENTION = Map.of(
            ".to_q.", ".query.",
            ".to_k.", ".key.",
            ".to_v.", ".value.",
            ".to_out.0.", ".proj_attn.");

    private final SafetensorsFile file;
    private final Set<String> used = new LinkedHashSet<>();

    UnetWeights(SafetensorsFile file) {
        this.file = file;
    }

    /** The tensor for {@code name}, which must have {@code expected} shape (or its 1×1-conv form for a linear weight). */
    @Override
    public SafetensorsTensor require(String name, long... expected) {
        SafetensorsTensor t = file.tensors().get(name);
        if (t == null) {
            for (Map.Entry<String, String> e : LEGACY_ATTENTION.entrySet()) {
                if (name.contains(".attentions.") && name.contains(e.getKey())) {
                    t = file.tensors().get(name.replace(e.getKey(), e.getValue()));
                    if (t != null) {
                        break;
                    }
                }
            }
        }
        if (t == null) {
            throw new UserFacingException("The weights file " + file.path().getFileName() + " has no tensor '" + name
                    + "', which the model config needs; the weights do not belong to this config.json.");
        }
        if (!shapeMatches(t.shape(), expected)) {
            throw new UserFacingException("Tensor '" + t.name() + "' in " + file.path().getFileName() + " has shape "
                    + t.shapeString() + " but the model config expects " + Arrays.toString(expected)
                    + "; the weights do not belong to this config.json.");
        }
        if (!t.dtype().readableAsFloat()) {
            throw new UserFacingException("Tensor '" + t.name() + "' has dtype " + t.dtype()
                    + ", which is not supported (only F32, F16 and BF16 are).");
        }
        used.add(t.name());
        return t;
    }

    private static boolean shapeMatches(long[] actual, long[] expected) {
        if (Arrays.equals(actual, expected)) {
            return true;
        }
        // Old checkpoints stored attention projections as 1x1 convolutions.
        return expected.length == 2 && actual.length == 4 && actual[0] == expected[0] && actual[1] == expected[1]
                && actual[2] == 1 && actual[3] == 1;
    }

    /** Tensor names in the file that the graph did not use (diffusers would warn about them). */
    Set<String> unused() {
        Set<String> rest = new LinkedHashSet<>(file.tensors().keySet());
        rest.removeAll(used);
        return rest;
    }
}
