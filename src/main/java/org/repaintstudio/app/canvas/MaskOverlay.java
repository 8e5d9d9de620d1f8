package org.repaintstudio.app.canvas;

import org.repaintstudio.app.edit.PixelRect;
import org.repaintstudio.app.edit.MaskRaster;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The mask drawn as a translucent colour over the picture. It is cut into tiles so that a brush
 * dab re-uploads only the few small textures it touched, not a whole 12-megapixel overlay: that
 * keeps painting smooth on large photos. Tiles are placed in screen pixels with shared integer
 * edges ({@link #place}); scaled as a group they would leave faint seams at fractional zooms.
 */
public final class MaskOverlay extends Group {
    public static final int TILE = 512;
    public static final Color DEFAULT_COLOUR = Color.rgb(255, 36, 92);
    public static final double DEFAULT_OPACITY = 0.55;

    private final MaskRaster mask;
    private final int cols;
    private final int rows;
    private final WritableImage[] tiles;
    private final ImageView[] views;
    private final int[] lut = new int[256];
    private int[] buffer = new int[0];

    public MaskOverlay(MaskRaster mask) {
        this.mask = mask;
        this.cols = (mask.width() + TILE - 1) / TILE;
        this.rows = (mask.height() + TILE - 1) / TILE;
        this.tiles = new WritableImage[cols * rows];
        this.views = new ImageView[cols * rows];
        setColour(DEFAULT_COLOUR, DEFAULT_OPACITY);
        List<ImageView> views = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int w = Math.min(TILE, mask.width() - c * TILE);
                int h = Math.min(TILE, mask.height() - r * TILE);
                WritableImage img = new WritableImage(w, h);
                tiles[r * cols + c] = img;
                ImageView v = new ImageView(img);
                v.setLayoutX(c * TILE);
                v.setLayoutY(r * TILE);
                v.setSmooth(false);
                views.add(v);
                this.views[r * cols + c] = v;
            }
        }
        getChildren().setAll(views);
        setMouseTransparent(true);
        update(mask.bounds());
    }

    /** Positions the tiles for a view transform: screen = image × scale + (tx, ty). */
    public void place(double scale, double tx, double ty) {
        for (int r = 0; r < rows; r++) {
            int y0 = (int) Math.round(r * TILE * scale + ty);
            int y1 = (int) Math.round(Math.min(mask.height(), (r + 1) * TILE) * scale + ty);
            for (int c = 0; c < cols; c++) {
                int x0 = (int) Math.round(c * TILE * scale + tx);
                int x1 = (int) Math.round(Math.min(mask.width(), (c + 1) * TILE) * scale + tx);
                ImageView v = views[r * cols + c];
                v.setLayoutX(x0);
                v.setLayoutY(y0);
                v.setFitWidth(Math.max(1, x1 - x0));
                v.setFitHeight(Math.max(1, y1 - y0));
                v.setVisible(x1 > x0 && y1 > y0);
            }
        }
    }

    /** Premultiplied ARGB for each coverage value. */
    public void setColour(Color colour, double opacity) {
        for (int v = 0; v < 256; v++) {
            double a = opacity * v / 255.0;
            int ai = (int) Math.round(a * 255);
            int r = (int) Math.round(colour.getRed() * a * 255);
            int g = (int) Math.round(colour.getGreen() * a * 255);
            int b = (int) Math.round(colour.getBlue() * a * 255);
            lut[v] = (ai << 24) | (r << 16) | (g << 8) | b;
        }
    }

    /** Redraws the part of the overlay inside {@code dirty} (image pixels). */
    public void update(PixelRect dirty) {
        PixelRect d = dirty.clip(mask.width(), mask.height());
        if (d.isEmpty()) {
            return;
        }
        byte[] values = mask.values();
        int w = mask.width();
        PixelFormat<java.nio.IntBuffer> format = PixelFormat.getIntArgbPreInstance();
        for (int r = d.y() / TILE; r <= (d.bottom() - 1) / TILE; r++) {
            for (int c = d.x() / TILE; c <= (d.right() - 1) / TILE; c++) {
                int tx = c * TILE;
                int ty = r * TILE;
                WritableImage tile = tiles[r * cols + c];
                PixelRect part = PixelRect.ofBounds(Math.max(d.x(), tx), Math.max(d.y(), ty),
                        Math.min(d.right(), tx + (int) tile.getWidth()), Math.min(d.bottom(), ty + (int) tile.getHeight()));
                if (part.isEmpty()) {
                    continue;
                }
                int n = part.width() * part.height();
                if (buffer.length < n) {
                    buffer = new int[n];
                }
                for (int y = 0; y < part.height(); y++) {
                    int src = (part.y() + y) * w + part.x();
                    int dst = y * part.width();
                    for (int x = 0; x < part.width(); x++) {
                        buffer[dst + x] = lut[values[src + x] & 0xFF];
                    }
                }
                tile.getPixelWriter().setPixels(part.x() - tx, part.y() - ty, part.width(), part.height(), format,
                        buffer, 0, part.width());
            }
        }
    }
}
