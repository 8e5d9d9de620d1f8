package org.repaintstudio.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alpha rule and the "is it inverted?" warning, as documented in README's mask section. */
class MaskRulesTest {
    @TempDir
    Path dir;

    private Path rgba(String name, int rgb, boolean square) throws Exception {
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                boolean inside = x >= 5 && x < 10 && y >= 5 && y < 10;
                int alpha = square ? (inside ? 255 : 0) : 255;
                img.setRGB(x, y, alpha << 24 | rgb);
            }
        }
        Path f = dir.resolve(name);
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void aShapeOnlyInAlphaWithBlackRgbIsReadFromAlpha() throws Exception {
        Mask m = MaskFiles.read(rgba("black-brush.png", 0x000000, true), MaskConvention.WHITE_FILL);
        assertThat(m.fillCount()).isEqualTo(25);
        assertThat(m.isFill(7, 7)).isTrue();
        assertThat(m.isFill(0, 0)).isFalse();
        // Same rule in the other conventions: opaque counts as white.
        assertThat(MaskFiles.read(dir.resolve("black-brush.png"), MaskConvention.WHITE_KEEP).fillCount()).isEqualTo(400 - 25);
    }

    @Test
    void colourStillWinsWhenItCarriesTheShape() throws Exception {
        Mask white = MaskFiles.read(rgba("white-brush.png", 0xFFFFFF, true), MaskConvention.WHITE_FILL);
        assertThat(white.fillCount()).isEqualTo(25);
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                img.setRGB(x, y, 0xFF000000 | (x < 10 ? 0xFFFFFF : 0));
            }
        }
        Path f = dir.resolve("opaque-half.png");
        ImageIO.write(img, "png", f.toFile());
        assertThat(MaskFiles.read(f, MaskConvention.WHITE_FILL).fillCount()).isEqualTo(200);
        // Uniform colour and uniform alpha: the colour decides (black, opaque: empty).
        assertThat(MaskFiles.read(rgba("all-black.png", 0x000000, false), MaskConvention.WHITE_FILL).isEmpty()).isTrue();
    }

    @Test
    void aFullMaskGetsTheSameInvertedWarningAsANearlyFullOne() {
        Mask full = new Mask(10, 10);
        Mask most = new Mask(10, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                full.set(x, y, true);
                most.set(x, y, x + y > 0 && x + 10 * y != 1);
            }
        }
        assertThat(MaskFiles.invertedWarning(most, MaskConvention.WHITE_FILL)).get().asString()
                .contains("98%").contains("is it inverted?");
        assertThat(MaskFiles.invertedWarning(full, MaskConvention.WHITE_FILL)).get().asString()
                .contains("100%").contains("is it inverted?");
    }
}
