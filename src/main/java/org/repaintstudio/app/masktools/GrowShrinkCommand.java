package org.repaintstudio.app.masktools;

import java.util.function.IntFunction;

import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.mask.MaskMorphology;

/** Mask ▸ Grow or shrink…: moves the mask's edge out (positive) or in (negative) by N pixels. */
public final class GrowShrinkCommand implements MaskCommand {
    @Override
    public String id() {
        return "grow-shrink";
    }

    @Override
    public String label() {
        return "_Grow or shrink…";
    }

    @Override
    public String undoLabel(int amount) {
        return (amount >= 0 ? "Grow mask by " : "Shrink mask by ") + Math.abs(amount) + " px";
    }

    @Override
    public Amount amount() {
        return new Amount("Pixels to grow the mask by (negative: shrink)", -100, 100, 4);
    }

    @Override
    public IntFunction<byte[]> prepare(DocumentViewModel document) {
        byte[] mask = document.committedMask();
        if (document.mask() == null || document.mask().isEmpty()) {
            throw new UserFacingException("The mask is empty: paint or select something to grow first.");
        }
        // The distance fields are computed once, on first use; the slider then only thresholds them.
        MaskMorphology.Offset offset = MaskMorphology.prepareOffset(mask, document.mask().width(),
                document.mask().height());
        return offset::apply;
    }
}
