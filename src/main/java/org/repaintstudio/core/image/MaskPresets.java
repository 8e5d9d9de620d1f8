package org.repaintstudio.core.image;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Locale;
import java.util.SplittableRandom;

import org.repaintstudio.core.UserFacingException;

/** The mask types of the RePaint paper's evaluation, for any image size. White (true) = fill. */
public enum MaskPresets {
    THIN("thin", "Thin strokes"),
    THICK("thick", "Thick strokes"),
    EVERY_SECOND_LINE("lines", "Every second line"),
    SUPER_RESOLUTION("sr", "Super-resolution ×2"),
    EXPAND("expand", "Expand (keep centre)"),
    HALF_LEFT("half-left", "Left half"),
    HALF_RIGHT("half-right", "Right half"),
    HALF_TOP("half-top", "Top half"),
    HALF_BOTTOM("half-bottom", "Bottom half");

    private final String id;
    private final String label;

    MaskPresets(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static MaskPresets fromId(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (MaskPresets p : values()) {
            if (p.id.equals(s)) {
                return p;
            }
        }
        throw new UserFacingException("Unknown mask preset '" + id
                + "'; use thin, thick, lines, sr, expand, half-left, half-right, half-top or half-bottom.");
    }

    /** Builds the mask; {@code seed} varies the random strokes and is ignored by the regular patterns. */
    public Mask create(int width, int height, long seed) {
        Mask m = new Mask(width, height);
        boolean[] f = m.fillArray();
        switch (this) {
            case THIN -> strokes(m, seed, 4, 7, 1 / 32.0, 1 / 16.0);
            case THICK -> strokes(m, seed, 2, 4, 1 / 10.0, 1 / 6.0);
            case EVERY_SECOND_LINE -> {
                for (int y = 1; y < height; y += 2) {
                    java.util.Arrays.fill(f, y * width, (y + 1) * width, true);
                }
            }
            case SUPER_RESOLUTION -> {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        f[y * width + x] = (x % 2 != 0) || (y % 2 != 0);
                    }
                }
            }
            case EXPAND -> {
                m.fillAll(true);
                int keepW = Math.max(1, width / 2);
                int keepH = Math.max(1, height / 2);
                int x0 = (width - keepW) / 2;
                int y0 = (height - keepH) / 2;
                for (int y = y0; y < y0 + keepH; y++) {
                    java.util.Arrays.fill(f, y * width + x0, y * width + x0 + keepW, false);
                }
            }
            case HALF_LEFT -> rect(m, 0, 0, width / 2, height);
            case HALF_RIGHT -> rect(m, width / 2, 0, width - width / 2, height);
            case HALF_TOP -> rect(m, 0, 0, width, height / 2);
            case HALF_BOTTOM -> rect(m, 0, height / 2, width, height - height / 2);
        }
        return m;
    }

    private static void rect(Mask m, int x0, int y0, int w, int h) {
        for (int y = y0; y < y0 + h; y++) {
            java.util.Arrays.fill(m.fillArray(), y * m.width() + x0, y * m.width() + x0 + w, true);
        }
    }

    /** Random brush strokes in the style of LaMa's irregular masks, used by the RePaint paper. */
    private static void strokes(Mask m, long seed, int minStrokes, int maxStrokes, double minWidth, double maxWidth) {
        int w = m.width();
        int h = m.height();
        double size = Math.min(w, h);
        SplittableRandom rnd = new SplittableRandom(seed);
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(java.awt.Color.WHITE);
            int strokes = rnd.nextInt(minStrokes, maxStrokes + 1);
            for (int s = 0; s < strokes; s++) {
                float width = (float) Math.max(1, size * (minWidth + rnd.nextDouble() * (maxWidth - minWidth)));
                g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                Path2D.Double path = new Path2D.Double();
                double x = rnd.nextDouble() * w;
                double y = rnd.nextDouble() * h;
                path.moveTo(x, y);
                int vertices = rnd.nextInt(3, 9);
                double angle = rnd.nextDouble() * 2 * Math.PI;
                for (int v = 0; v < vertices; v++) {
                    angle += (rnd.nextDouble() - 0.5) * Math.PI * 0.8;
                    double len = size * (0.08 + rnd.nextDouble() * 0.2);
                    x = Math.max(0, Math.min(w - 1, x + Math.cos(angle) * len));
                    y = Math.max(0, Math.min(h - 1, y + Math.sin(angle) * len));
                    path.lineTo(x, y);
                }
                g.draw(path);
            }
        } finally {
            g.dispose();
        }
        byte[] px = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        boolean[] f = m.fillArray();
        for (int i = 0; i < f.length; i++) {
            f[i] = (px[i] & 0xFF) >= 128;
        }
    }
}
