package org.repaintstudio.core.inpaint;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;

/**
 * The square region of an image that goes to the model: the mask's bounding box plus context on
 * every side (as IOPaint's crop strategy and diffusers' padding_mask_crop do), at least the model's
 * resolution where the image allows. Parts of the square outside the image are padding.
 *
 * @param x       left edge in image pixels (may be negative: padding)
 * @param y       top edge in image pixels (may be negative)
 * @param side    side of the square in image pixels
 * @param feather width in image pixels of the blend band around the mask
 */
public record CropPlan(int x, int y, int side, int modelSize, int feather) {

    /** Context on each side, as a fraction of the mask's larger bounding-box side. */
    public static final double DEFAULT_CONTEXT = 0.5;

    public static CropPlan plan(Mask mask, int modelSize, double context) {
        Mask.Box b = mask.bounds();
        if (b == null) {
            throw new UserFacingException("The mask is empty: paint the area to fill first.");
        }
        int w = mask.width();
        int h = mask.height();
        int need = Math.max(b.width(), b.height());
        // The blend band is about one model pixel wide and must lie inside the crop.
        int provisional = Math.max(need + 2 * (int) Math.ceil(context * need), modelSize);
        int feather = Math.max(2, (int) Math.ceil(provisional / (double) modelSize));
        int margin = Math.max((int) Math.ceil(context * need), 2 * feather);
        int side = need + 2 * margin;
        side = Math.max(side, Math.min(modelSize, Math.max(w, h)));
        // A square larger than the image's longer side only adds padding and costs resolution.
        side = Math.min(side, Math.max(w, h));
        int x = place(b.x() + b.width() / 2.0, side, w);
        int y = place(b.y() + b.height() / 2.0, side, h);
        return new CropPlan(x, y, side, modelSize, feather);
    }

    /** Centres the square on the mask, kept inside the image where it fits, centred on the image if not. */
    private static int place(double centre, int side, int extent) {
        if (side >= extent) {
            return (extent - side) / 2;
        }
        int start = (int) Math.round(centre - side / 2.0);
        return Math.max(0, Math.min(extent - side, start));
    }

    /** Image pixels per model pixel. */
    public double scale() {
        return side / (double) modelSize;
    }
}
