package org.repaintstudio.app.masktools;

import java.util.function.IntFunction;

import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.core.UserFacingException;

/** Mask ▸ Reuse previous mask: after applying a result, paint the same area again in one click. */
public final class ReusePreviousMaskCommand implements MaskCommand {
    @Override
    public String id() {
        return "reuse-previous";
    }

    @Override
    public String label() {
        return "_Reuse previous mask";
    }

    @Override
    public String undoLabel(int amount) {
        return "Reuse previous mask";
    }

    @Override
    public Amount amount() {
        return null;
    }

    @Override
    public IntFunction<byte[]> prepare(DocumentViewModel document) {
        byte[] previous = document.previousMask()
                .orElseThrow(() -> new UserFacingException("There is no previous mask yet: it is kept when a result "
                        + "is applied."));
        byte[] mask = document.committedMask();
        return amount -> {
            byte[] out = mask.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Math.max(out[i] & 0xFF, previous[i] & 0xFF);
            }
            return out;
        };
    }
}
