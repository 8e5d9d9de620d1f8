package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.image.PackedRgb;
import org.repaintstudio.core.image.SoftMask;

/** Moving pixels between image space and model space: crop, resize, feather and blend. */
final class Resample {
    private Resample() {}

    /**
     * Fills the model-space tensor (CHW in [-1, 1]) and keep-mask (1 = known) from the crop.
     * Downscaling averages the source pixels of each model pixel; a model pixel keeps {@code 1 - }
     * the largest fill weight among its source pixels (so with a binary mask it is filled if any of
     * them is), and is filled if it lies partly outside the image.
     */
    static void cropToModel(BufferedImage image, SoftMask mask, CropPlan plan, float[] tensor, float[] keep) {
        int r = plan.modelSize();
        int w = image.getWidth();
        int h = image.getHeight();
        int hw = r * r;
        double scale = plan.scale();
        int[] row = new int[w];
        double[] sum = new double[3 * hw];
        int[] count = new int[hw];
        float[] maxFill = new float[hw];
        if (scale >= 1) {
            // Box filter: every source pixel in the crop contributes to the model pixel it falls in.
            for (int sy = Math.max(0, plan.y()); sy < Math.min(h, plan.y() + plan.side()); sy++) {
                image.getRGB(0, sy, w, 1, row, 0, w);
                int my = (int) ((sy - plan.y()) / scale);
                for (int sx = Math.max(0, plan.x()); sx < Math.min(w, plan.x() + plan.side()); sx++) {
                    int mx = (int) ((sx - plan.x()) / scale);
                    int i = Math.min(r - 1, my) * r + Math.min(r - 1, mx);
                    int p = row[sx];
                    sum[i] += (p >> 16) & 0xFF;
                    sum[hw + i] += (p >> 8) & 0xFF;
                    sum[2 * hw + i] += p & 0xFF;
                    count[i]++;
                    maxFill[i] = Math.max(maxFill[i], mask.fill(sx, sy));
                }
            }
            for (int i = 0; i < hw; i++) {
                int my = i / r;
                int mx = i % r;
                // Cells reaching outside the image count as unknown.
                boolean outside = cellOutside(plan, mx, my, w, h);
                if (count[i] == 0) {
                    keep[i] = 0f;
                    continue;
                }
                keep[i] = outside ? 0f : 1f - maxFill[i];
                for (int c = 0; c < 3; c++) {
                    tensor[c * hw + i] = (float) (sum[c * hw + i] / count[i] / 255.0 * 2 - 1);
                }
            }
        } else {
            // The crop is smaller than the model: sample bilinearly, mask by nearest pixel.
            for (int my = 0; my < r; my++) {
                for (int mx = 0; mx < r; mx++) {
                    double sx = plan.x() + (mx + 0.5) * scale - 0.5;
                    double sy = plan.y() + (my + 0.5) * scale - 0.5;
                    int nx = (int) Math.round(sx);
                    int ny = (int) Math.round(sy);
                    int i = my * r + mx;
                    if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                        keep[i] = 0f;
                        continue;
                    }
                    keep[i] = 1f - mask.fill(nx, ny);
                    int[] rgb = bilinear(image, sx, sy);
                    for (int c = 0; c < 3; c++) {
                        tensor[c * hw + i] = (float) (rgb[c] / 255.0 * 2 - 1);
                    }
                }
            }
        }
    }

    private static boolean cellOutside(CropPlan plan, int mx, int my, int w, int h) {
        double s = plan.scale();
        double x0 = plan.x() + mx * s;
        double y0 = plan.y() + my * s;
        return x0 < 0 || y0 < 0 || x0 + s > w + 1e-9 || y0 + s > h + 1e-9;
    }

    private static int[] bilinear(BufferedImage img, double x, double y) {
        int w = img.getWidth();
        int h = img.getHeight();
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        double fx = x - x0;
        double fy = y - y0;
        int p00 = img.getRGB(x0, y0);
        int p10 = img.getRGB(x1, y0);
        int p01 = img.getRGB(x0, y1);
        int p11 = img.getRGB(x1, y1);
        int[] out = new int[3];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            double top = ((p00 >> shift) & 0xFF) * (1 - fx) + ((p10 >> shift) & 0xFF) * fx;
            double bottom = ((p01 >> shift) & 0xFF) * (1 - fx) + ((p11 >> shift) & 0xFF) * fx;
            out[c] = (int) Math.round(top * (1 - fy) + bottom * fy);
        }
        return out;
    }

    /**
     * Blend weights over the band where the result can differ from the input: the pixels with any
     * fill plus {@code feather + 1} pixels around them, within the crop. Outside it the weight is
     * 0, so the working set follows the mask, not the image or the crop.
     *
     * @param x      left edge of the band in image pixels
     * @param y      top edge
     * @param alpha  row-major weights, {@code width × height}
     */
    record BlendBand(int x, int y, int width, int height, float[] alpha) {
        float at(int ix, int iy) {
            int bx = ix - x;
            int by = iy - y;
            return bx < 0 || by < 0 || bx >= width || by >= height ? 0f : alpha[by * width + bx];
        }
    }

    /**
     * The blend weights: the fill weight on pixels with any fill, and outside them a band of
     * {@code feather} pixels falling linearly to 0, scaled by the weight of the nearest filled
     * pixel (so a soft edge fades rather than ending in a hard band). 0 outside the image.
     */
    static BlendBand featherAlpha(SoftMask mask, CropPlan plan) {
        return featherAlpha(mask, plan, plan.feather());
    }

    /** As above with a band of {@code f} pixels; 0 makes the fill weight the blend weight. */
    static BlendBand featherAlpha(SoftMask mask, CropPlan plan, int f) {
        org.repaintstudio.core.image.Mask.Box box = mask.support().bounds();
        int x0 = Math.max(Math.max(plan.x(), 0), box.x() - f - 1);
        int y0 = Math.max(Math.max(plan.y(), 0), box.y() - f - 1);
        int x1 = Math.min(Math.min(plan.x() + plan.side(), mask.width()), box.right() + f + 1);
        int y1 = Math.min(Math.min(plan.y() + plan.side(), mask.height()), box.bottom() + f + 1);
        int w = x1 - x0;
        int h = y1 - y0;
        // Chamfer distance (3-4 weights) in thirds of a pixel, capped just past the band, carrying
        // the fill weight of the pixel each distance was measured from.
        int cap = 3 * (f + 1);
        int[] d = new int[w * h];
        float[] weight = new float[w * h];
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                float v = mask.fill(x0 + bx, y0 + by);
                d[by * w + bx] = v > 0f ? 0 : cap;
                weight[by * w + bx] = v;
            }
        }
        chamferForward(d, weight, w, h);
        chamferBackward(d, weight, w, h);
        float[] alpha = new float[w * h];
        for (int i = 0; i < alpha.length; i++) {
            double dist = d[i] / 3.0;
            alpha[i] = dist == 0 ? weight[i] : dist > f ? 0f : (float) ((1 - dist / (f + 1)) * weight[i]);
        }
        return new BlendBand(x0, y0, w, h, alpha);
    }

    private static void relax(int[] d, float[] weight, int i, int from, int step) {
        int v = d[from] + step;
        if (v < d[i]) {
            d[i] = v;
            weight[i] = weight[from];
        }
    }

    private static void chamferForward(int[] d, float[] weight, int side, int rows) {
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < side; x++) {
                int i = y * side + x;
                if (d[i] == 0) {
                    continue;
                }
                if (x > 0) {
                    relax(d, weight, i, i - 1, 3);
                }
                if (y > 0) {
                    relax(d, weight, i, i - side, 3);
                    if (x > 0) {
                        relax(d, weight, i, i - side - 1, 4);
                    }
                    if (x < side - 1) {
                        relax(d, weight, i, i - side + 1, 4);
                    }
                }
            }
        }
    }

    private static void chamferBackward(int[] d, float[] weight, int side, int rows) {
        for (int y = rows - 1; y >= 0; y--) {
            for (int x = side - 1; x >= 0; x--) {
                int i = y * side + x;
                if (d[i] == 0) {
                    continue;
                }
                if (x < side - 1) {
                    relax(d, weight, i, i + 1, 3);
                }
                if (y < rows - 1) {
                    relax(d, weight, i, i + side, 3);
                    if (x < side - 1) {
                        relax(d, weight, i, i + side + 1, 4);
                    }
                    if (x > 0) {
                        relax(d, weight, i, i + side - 1, 4);
                    }
                }
            }
        }
    }

    /**
     * The input with the model's result, scaled to the crop, blended in where the band's weight is
     * above 0; only the band's rows and columns are touched after the copy.
     */
    static BufferedImage blendBack(BufferedImage image, BufferedImage modelOut, CropPlan plan, BlendBand band) {
        BufferedImage out = rgbCopy(image);
        double s = plan.scale();
        int r = plan.modelSize();
        int[] model = modelOut.getRGB(0, 0, r, r, null, 0, r);
        int[] row = new int[band.width()];
        for (int by = 0; by < band.height(); by++) {
            int y = band.y() + by;
            out.getRGB(band.x(), y, band.width(), 1, row, 0, band.width());
            double my = (y - plan.y() + 0.5) / s - 0.5;
            for (int bx = 0; bx < band.width(); bx++) {
                float a = band.alpha()[by * band.width() + bx];
                if (a <= 0f) {
                    continue;
                }
                int gen = sampleBilinear(model, r, (band.x() + bx - plan.x() + 0.5) / s - 0.5, my);
                row[bx] = a >= 1f ? gen : PackedRgb.mix(row[bx], gen, a);
            }
            out.setRGB(band.x(), y, band.width(), 1, row, 0, band.width());
        }
        return out;
    }

    /** An RGB copy with the pixels' own colour values (alpha dropped, not composited). */
    private static BufferedImage rgbCopy(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /**
     * The live composite: a model-space preview scaled up over the crop square (at most
     * {@code maxSide} pixels a side), opaque in proportion to the fill weight, transparent elsewhere.
     */
    static BufferedImage liveComposite(SoftMask mask, CropPlan plan, BufferedImage modelSpace, int maxSide) {
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
                float w = ix < 0 || ix >= mask.width() ? 0f : mask.fill(ix, iy);
                if (w > 0f) {
                    int opacity = Math.round(w * 255f) << 24;
                    out[oy * side + ox] = opacity | sampleBilinear(src, res, (ox + 0.5) * toModel - 0.5, my);
                }
            }
        }
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, side, side, out, 0, side);
        return img;
    }

    private static int sampleBilinear(int[] px, int size, double x, double y) {
        x = Math.max(0, Math.min(size - 1, x));
        y = Math.max(0, Math.min(size - 1, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(size - 1, x0 + 1);
        int y1 = Math.min(size - 1, y0 + 1);
        double fx = x - x0;
        double fy = y - y0;
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = ((px[y0 * size + x0] >> shift) & 0xFF) * (1 - fx) + ((px[y0 * size + x1] >> shift) & 0xFF) * fx;
            double bot = ((px[y1 * size + x0] >> shift) & 0xFF) * (1 - fx) + ((px[y1 * size + x1] >> shift) & 0xFF) * fx;
            out |= (int) Math.round(top * (1 - fy) + bot * fy) << shift;
        }
        return out;
    }
}
