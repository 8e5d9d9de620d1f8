package org.repaintstudio.app.masktools;

import java.io.IOException;
import java.util.function.IntFunction;

import org.repaintstudio.app.document.DocumentViewModel;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.mask.AlphaMask;

/** Mask ▸ From transparency: the transparent parts of the picture's file are added to the mask. */
public final class MaskFromAlphaCommand implements MaskCommand {
    @Override
    public String id() {
        return "from-alpha";
    }

    @Override
    public String label() {
        return "From the picture's _transparency";
    }

    @Override
    public String undoLabel(int amount) {
        return "Mask from transparency";
    }

    @Override
    public Amount amount() {
        return null;
    }

    @Override
    public IntFunction<byte[]> prepare(DocumentViewModel document) {
        if (document.file() == null) {
            throw new UserFacingException("This picture has no file to read transparency from.");
        }
        byte[] alpha;
        try {
            alpha = AlphaMask.read(document.file()).orElseThrow(() -> new UserFacingException(
                    document.file().getFileName() + " has no transparent pixels."));
        } catch (IOException e) {
            throw new UserFacingException("The transparency of " + document.file().getFileName()
                    + " cannot be read: " + e.getMessage(), e);
        }
        byte[] mask = document.committedMask();
        if (alpha.length != mask.length) {
            throw new UserFacingException("The picture's file has changed size since it was opened.");
        }
        return amount -> {
            byte[] out = mask.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Math.max(out[i] & 0xFF, alpha[i] & 0xFF);
            }
            return out;
        };
    }
}
