package org.repaintstudio.app.edit;

/** An undoable mask change: the XOR of before and after over the touched rectangle, compressed. */
public final class MaskEdit implements EditHistory.Edit {
    private final String label;
    private final MaskRaster mask;
    private final byte[] committed;
    private final PixelRect rect;
    private final byte[] packed;

    private MaskEdit(String label, MaskRaster mask, byte[] committed, PixelRect rect, byte[] packed) {
        this.label = label;
        this.mask = mask;
        this.committed = committed;
        this.rect = rect;
        this.packed = packed;
    }

    /**
     * Compares the mask with {@code committed} (its state after the previous edit) inside
     * {@code rect}, brings {@code committed} up to date and returns the edit, or null if nothing
     * changed.
     */
    public static MaskEdit capture(String label, MaskRaster mask, byte[] committed, PixelRect area) {
        PixelRect rect = area.clip(mask.width(), mask.height());
        if (rect.isEmpty()) {
            return null;
        }
        byte[] values = mask.values();
        int w = mask.width();
        byte[] delta = new byte[rect.width() * rect.height()];
        boolean any = false;
        for (int y = 0; y < rect.height(); y++) {
            int row = (rect.y() + y) * w + rect.x();
            int d = y * rect.width();
            for (int x = 0; x < rect.width(); x++) {
                byte b = (byte) (values[row + x] ^ committed[row + x]);
                delta[d + x] = b;
                any |= b != 0;
            }
        }
        if (!any) {
            return null;
        }
        mask.syncSnapshot(committed, rect);
        return new MaskEdit(label, mask, committed, rect, Deltas.deflate(delta));
    }

    private void apply() {
        mask.xorRect(rect, Deltas.inflate(packed, rect.width() * rect.height()));
        mask.syncSnapshot(committed, rect);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void undo() {
        apply();
    }

    @Override
    public void redo() {
        apply();
    }

    @Override
    public long sizeBytes() {
        return packed.length + 64L;
    }
}
