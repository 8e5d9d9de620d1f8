package org.repaintstudio.app.canvas;

import org.repaintstudio.app.edit.PixelRect;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A picture on screen: one view, or tiles when a side exceeds what a GPU texture reliably holds.
 * Views are placed in screen pixels with shared integer edges ({@link #place}), so tiles never
 * show seams. Changed regions are copied in without rebuilding the images.
 */
public final class ImageLayer extends Group {
    /** Larger sides are split into tiles; 8192 is the smallest max texture size of current GPUs. */
    static final int MAX_SINGLE = 8192;
    static final int TILE = 4096;

    private final BufferedImage source;
    private final int tile;
    private final int cols;
    private final WritableImage[] images;
    private final List<ImageView> views = new ArrayList<>();

    public ImageLayer(BufferedImage source) {
        this.source = source;
        int w = source.getWidth();
        int h = source.getHeight();
        tile = Math.max(w, h) <= MAX_SINGLE ? Math.max(w, h) : TILE;
        cols = (w + tile - 1) / tile;
        int rows = (h + tile - 1) / tile;
        images = new WritableImage[cols * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                WritableImage img = new WritableImage(Math.min(tile, w - c * tile), Math.min(tile, h - r * tile));
                images[r * cols + c] = img;
                ImageView v = new ImageView(img);
                v.setLayoutX(c * tile);
                v.setLayoutY(r * tile);
                views.add(v);
            }
        }
        getChildren().setAll(views);
        setMouseTransparent(true);
        update(new PixelRect(0, 0, w, h));
    }

    /** Positions the views for a view transform: screen = image × scale + (tx, ty). */
    public void place(double scale, double tx, double ty) {
        int rows = images.length / cols;
        for (int r = 0; r < rows; r++) {
            int y0 = (int) Math.round(r * tile * scale + ty);
            int y1 = (int) Math.round(Math.min(source.getHeight(), (r + 1) * tile) * scale + ty);
            for (int c = 0; c < cols; c++) {
                int x0 = (int) Math.round(c * tile * scale + tx);
                int x1 = (int) Math.round(Math.min(source.getWidth(), (c + 1) * tile) * scale + tx);
                ImageView v = views.get(r * cols + c);
                v.setLayoutX(x0);
                v.setLayoutY(y0);
                v.setFitWidth(Math.max(1, x1 - x0));
                v.setFitHeight(Math.max(1, y1 - y0));
            }
        }
    }

    public void setSmooth(boolean smooth) {
        for (ImageView v : views) {
            v.setSmooth(smooth);
        }
    }

    /** Copies the source's pixels inside {@code dirty} to the screen images. */
    public void update(PixelRect dirty) {
        PixelRect d = dirty.clip(source.getWidth(), source.getHeight());
        if (d.isEmpty()) {
            return;
        }
        int[] direct = source.getType() == BufferedImage.TYPE_INT_RGB
                ? ((DataBufferInt) source.getRaster().getDataBuffer()).getData() : null;
        int sw = source.getWidth();
        PixelFormat<IntBuffer> format = PixelFormat.getIntArgbInstance();
        int[] row = new int[d.width()];
        for (int r = d.y() / tile; r <= (d.bottom() - 1) / tile; r++) {
            for (int c = d.x() / tile; c <= (d.right() - 1) / tile; c++) {
                WritableImage img = images[r * cols + c];
                int tx = c * tile;
                int ty = r * tile;
                int x0 = Math.max(d.x(), tx);
                int x1 = Math.min(d.right(), tx + (int) img.getWidth());
                int y0 = Math.max(d.y(), ty);
                int y1 = Math.min(d.bottom(), ty + (int) img.getHeight());
                for (int y = y0; y < y1; y++) {
                    int n = x1 - x0;
                    if (direct != null) {
                        int base = y * sw + x0;
                        for (int i = 0; i < n; i++) {
                            row[i] = direct[base + i] | 0xFF000000;
                        }
                    } else {
                        source.getRGB(x0, y, n, 1, row, 0, n);
                    }
                    img.getPixelWriter().setPixels(x0 - tx, y - ty, n, 1, format, row, 0, n);
                }
            }
        }
    }
}
