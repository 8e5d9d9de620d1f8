package org.repaintstudio.core.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of equally tall cells: input | mask (white = fill) | each result, separated by a thin
 * gap, as in the RePaint paper's figures.
 */
public final class ComparisonGrid {
    public static final int GAP = 4;
    public static final Color BACKGROUND = Color.WHITE;

    private ComparisonGrid() {}

    /**
     * @param cellHeight height of every cell in pixels; the input's height if 0 or larger than it
     */
    public static BufferedImage render(BufferedImage input, Mask mask, List<BufferedImage> results, int cellHeight) {
        if (input.getWidth() != mask.width() || input.getHeight() != mask.height()) {
            throw new IllegalArgumentException("mask and image differ in size");
        }
        int h = cellHeight <= 0 ? input.getHeight() : Math.min(cellHeight, input.getHeight());
        int w = Math.max(1, (int) Math.round(input.getWidth() * (h / (double) input.getHeight())));
        List<BufferedImage> cells = new ArrayList<>();
        cells.add(input);
        cells.add(MaskFiles.toImage(mask));
        cells.addAll(results);
        BufferedImage out = new BufferedImage(cells.size() * w + (cells.size() - 1) * GAP, h,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            for (int i = 0; i < cells.size(); i++) {
                g.drawImage(cells.get(i), i * (w + GAP), 0, w, h, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
