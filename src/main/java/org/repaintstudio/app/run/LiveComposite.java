package org.repaintstudio.app.run;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.inpaint.CropPlan;

/**
 * An x0 preview placed over the picture: the model-resolution image scaled up to the crop square,
 * opaque only where the mask fills, so the canvas can show what the result will look like while
 * the run goes on. Pure Java; rendered on the worker thread.
 */
public final class LiveComposite {
    private LiveComposite() {}

    /** ARGB image covering the crop square at up to {@code maxSide} pixels. */
    public static BufferedImage render(Mask mask, CropPlan plan, BufferedImage modelSpace, int maxSide) {
        int side = Math.max(1, Math.min(plan.side(), maxSide));
        int res = modelSpace.getWidth();
        int[] src = modelSpace.getRGB(0, 0, res, modelSpace.getHeight(), null, 0, res);
        int[] out = new int[side * side];
        double toImage = plan.side() / (double) side;
        double toModel = res / (double) side;
        for (int oy = 0; oy < side; oy++) {
            int iy = plan.y() + (int) ((oy + 0.5) * toImage);
            if (iy < 0 || iy >= mask.height()) {
                continue;
            }
            double my = (oy + 0.5) * toModel - 0.5;
            for (int ox = 0; ox < side; ox++) {
                int ix = plan.x() + (int) ((ox + 0.5) * toImage);
                if (ix < 0 || ix >= mask.width() || !mask.isFill(ix, iy)) {
                    continue;
                }
                out[oy * side + ox] = 0xFF000000 | bilinear(src, res, (ox + 0.5) * toModel - 0.5, my);
            }
        }
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, side, side, out, 0, side);
        return img;
    }

    private static int bilinear(int[] src, int res, double x, double y) {
        double cx = Math.max(0, Math.min(res - 1, x));
        double cy = Math.max(0, Math.min(res - 1, y));
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(res - 1, x0 + 1);
        int y1 = Math.min(res - 1, y0 + 1);
        double fx = cx - x0;
        double fy = cy - y0;
        int a = src[y0 * res + x0];
        int b = src[y0 * res + x1];
        int c = src[y1 * res + x0];
        int d = src[y1 * res + x1];
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = ((a >> shift) & 0xFF) * (1 - fx) + ((b >> shift) & 0xFF) * fx;
            double bottom = ((c >> shift) & 0xFF) * (1 - fx) + ((d >> shift) & 0xFF) * fx;
            rgb |= ((int) Math.round(top * (1 - fy) + bottom * fy) & 0xFF) << shift;
        }
        return rgb;
    }
}
