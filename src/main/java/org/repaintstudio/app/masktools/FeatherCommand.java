package org.repaintstudio.app.masktools;

import java.util.function.IntFunction;

import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.mask.MaskMorphology;

/** Mask ▸ Feather…: softens the mask's edge over N pixels, so the fill blends in. */
public final class FeatherCommand implements MaskCommand {
    @Override
    public String id() {
        return "feather";
    }

    @Override
    public String label() {
        return "_Feather…";
    }

    @Override
    public String undoLabel(int amount) {
        return "Feather mask by " + amount + " px";
    }

    @Override
    public Amount amount() {
        return new Amount("Feather radius in pixels", 1, 100, 6);
    }

    @Override
    public IntFunction<byte[]> prepare(DocumentViewModel document) {
        if (document.mask() == null || document.mask().isEmpty()) {
            throw new UserFacingException("The mask is empty: paint or select something to feather first.");
        }
        byte[] mask = document.committedMask();
        int w = document.mask().width();
        int h = document.mask().height();
        return amount -> MaskMorphology.feather(mask, w, h, amount);
    }
}
