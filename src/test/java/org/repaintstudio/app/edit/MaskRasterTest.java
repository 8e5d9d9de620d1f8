package org.repaintstudio.app.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MaskRasterTest {
    @Test
    void hardDabFillsADiscAndReportsOnlyItsRectangle() {
        MaskRaster m = new MaskRaster(100, 80);
        List<PixelRect> touched = new ArrayList<>();
        m.addListener(touched::add);

        PixelRect r = m.dab(50, 40, 10, 1.0, false);

        assertThat(m.isFill(50, 40)).isTrue();
        assertThat(m.isFill(50, 49)).isTrue();
        assertThat(m.isFill(50, 52)).isFalse();
        assertThat(r.width()).isLessThanOrEqualTo(22);
        assertThat(touched).containsExactly(r);
        assertThat(m.filledCount()).isBetween(290L, 330L);
    }

    @Test
    void softBrushFadesAndEraserRemoves() {
        MaskRaster m = new MaskRaster(100, 100);
        m.dab(50, 50, 20, 0.0, false);
        assertThat(m.valueAt(50, 50)).isGreaterThan(240);
        assertThat(m.valueAt(50, 66)).isBetween(1, 127);
        m.dab(50, 50, 30, 1.0, true);
        assertThat(m.isEmpty()).isTrue();
    }

    @Test
    void strokeConnectsPoints() {
        MaskRaster m = new MaskRaster(200, 50);
        m.stroke(10, 25, 190, 25, 3, 1.0, false);
        for (int x = 10; x < 190; x++) {
            assertThat(m.isFill(x, 25)).as("x=%d", x).isTrue();
        }
    }

    @Test
    void polygonAndRectangleFill() {
        MaskRaster m = new MaskRaster(100, 100);
        m.fillPolygon(new double[] {10, 90, 10}, new double[] {10, 10, 90}, false);
        assertThat(m.isFill(20, 20)).isTrue();
        assertThat(m.isFill(80, 80)).isFalse();
        m.fillRect(new PixelRect(60, 60, 30, 30), false);
        assertThat(m.isFill(80, 80)).isTrue();
        m.fillRect(new PixelRect(0, 0, 100, 100), true);
        assertThat(m.filledCount()).isZero();
    }

    @Test
    void invertAndCountStayConsistent() {
        MaskRaster m = new MaskRaster(10, 10);
        m.fillRect(new PixelRect(0, 0, 5, 10), false);
        assertThat(m.coverage()).isEqualTo(0.5);
        m.invert();
        assertThat(m.isFill(7, 3)).isTrue();
        assertThat(m.toMask().fillCount()).isEqualTo(50);
    }

    @Test
    void replacingAllValuesRedrawsOnlyWhereTheyDiffer() {
        MaskRaster m = new MaskRaster(100, 80);
        m.dab(20, 20, 10, 1.0, false);
        long before = m.filledCount();
        byte[] next = m.values().clone();
        next[30 * 100 + 70] = (byte) 255;
        next[33 * 100 + 64] = (byte) 200;
        next[20 * 100 + 20] = 0; // the dab's centre
        List<PixelRect> touched = new ArrayList<>();
        m.addListener(touched::add);

        m.setValues(next);

        assertThat(touched).containsExactly(new PixelRect(20, 20, 51, 14));
        assertThat(m.values()).isEqualTo(next);
        assertThat(m.filledCount()).isEqualTo(before + 1);
        touched.clear();
        m.setValues(next.clone());
        assertThat(touched).as("nothing differs, nothing to redraw").isEmpty();
    }

    @Test
    void replacingAMaskReportsOnlyTheBlocksThatChangeSoALargeGrowRedrawsARingNotThePicture() {
        int w = 1500;
        int h = 1100;
        MaskRaster m = new MaskRaster(w, h);
        byte[] disc = discValues(w, h, 500);
        m.setValues(disc);
        java.util.List<PixelRect> reported = new java.util.ArrayList<>();
        m.addListener(reported::add);
        byte[] grown = discValues(w, h, 503);
        m.setValues(grown);

        assertArrayEquals(grown, m.values());
        long expectedFilled = 0;
        for (byte b : grown) {
            expectedFilled += b != 0 ? 1 : 0;
        }
        assertEquals(expectedFilled, m.filledCount());
        long redrawn = reported.stream().mapToLong(r -> (long) r.width() * r.height()).sum();
        assertTrue(redrawn < (long) w * h / 2, "a 3-px ring redraws " + redrawn + " of " + (long) w * h + " pixels");
        for (PixelRect r : reported) {
            assertTrue(r.x() >= 0 && r.y() >= 0 && r.right() <= w && r.bottom() <= h, "inside the picture: " + r);
        }
    }

    private static byte[] discValues(int w, int h, int radius) {
        byte[] v = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long dx = x - w / 2;
                long dy = y - h / 2;
                v[y * w + x] = dx * dx + dy * dy <= (long) radius * radius ? (byte) 255 : 0;
            }
        }
        return v;
    }
}
