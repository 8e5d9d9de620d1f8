package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.image.Mask;

/** Error of a filled image against the truth, measured only where the mask says fill. */
public final class InpaintMetrics {
    private InpaintMetrics() {}

    /** Mean absolute error (0-255 scale) and PSNR (dB, peak 255) over the masked pixels' channels. */
    public record Score(double mae, double psnr, long pixels) {}

    public static Score score(BufferedImage result, BufferedImage truth, Mask mask) {
        long n = 0;
        double abs = 0;
        double sq = 0;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (!mask.isFill(x, y)) {
                    continue;
                }
                int a = result.getRGB(x, y);
                int b = truth.getRGB(x, y);
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int d = ((a >> shift) & 0xFF) - ((b >> shift) & 0xFF);
                    abs += Math.abs(d);
                    sq += (double) d * d;
                }
                n++;
            }
        }
        if (n == 0) {
            return new Score(0, Double.POSITIVE_INFINITY, 0);
        }
        double mse = sq / (3.0 * n);
        double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
        return new Score(abs / (3.0 * n), psnr, n);
    }

    /** Baseline: every masked pixel takes the mean colour of the known pixels. */
    public static BufferedImage meanColourFill(BufferedImage image, Mask mask) {
        double[] sum = new double[3];
        long known = 0;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (!mask.isFill(x, y)) {
                    int p = image.getRGB(x, y);
                    sum[0] += (p >> 16) & 0xFF;
                    sum[1] += (p >> 8) & 0xFF;
                    sum[2] += p & 0xFF;
                    known++;
                }
            }
        }
        int fill = known == 0 ? 0x808080 : ((int) Math.round(sum[0] / known) << 16)
                | ((int) Math.round(sum[1] / known) << 8) | (int) Math.round(sum[2] / known);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                out.setRGB(x, y, mask.isFill(x, y) ? fill : image.getRGB(x, y));
            }
        }
        return out;
    }
}
