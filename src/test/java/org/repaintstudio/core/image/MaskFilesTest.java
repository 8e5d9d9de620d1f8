package org.repaintstudio.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.tensor.RawTensors;

class MaskFilesTest {
    @TempDir
    Path dir;

    /** Left half white, right half black, as a grey PNG. */
    private Path halfWhite(int grey) throws IOException {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                img.getRaster().setSample(x, y, 0, x < 2 ? grey : 0);
            }
        }
        Path f = dir.resolve("m" + grey + ".png");
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void eachConventionIsReadExplicitly() throws IOException {
        Path f = halfWhite(255);
        Mask own = MaskFiles.read(f, MaskConvention.WHITE_FILL);
        assertThat(own.isFill(0, 0)).isTrue();
        assertThat(own.isFill(3, 0)).isFalse();
        Mask diffusers = MaskFiles.read(f, MaskConvention.WHITE_KEEP);
        assertThat(diffusers.isFill(0, 0)).isFalse();
        assertThat(diffusers.isFill(3, 0)).isTrue();
        Mask original = MaskFiles.read(f, MaskConvention.KNOWN_255);
        assertThat(original).isEqualTo(diffusers);
    }

    @Test
    void greyIsThresholdedAtHalf() throws IOException {
        assertThat(MaskFiles.read(halfWhite(128), MaskConvention.WHITE_FILL).isFill(0, 0)).isTrue();
        assertThat(MaskFiles.read(halfWhite(127), MaskConvention.WHITE_FILL).isFill(0, 0)).isFalse();
    }

    @Test
    void alphaIsThresholdedAtHalf() throws IOException {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0xFFFFFFFF);   // opaque white: fill
        img.setRGB(1, 0, 0x40FFFFFF);   // mostly transparent white: keep
        img.setRGB(2, 0, 0x00000000);   // transparent: keep
        Path f = dir.resolve("alpha.png");
        ImageIO.write(img, "png", f.toFile());
        Mask m = MaskFiles.read(f, MaskConvention.WHITE_FILL);
        assertThat(m.isFill(0, 0)).isTrue();
        assertThat(m.isFill(1, 0)).isFalse();
        assertThat(m.isFill(2, 0)).isFalse();
    }

    @Test
    void savedMasksAreWhiteFillAndRoundTrip() {
        Mask m = MaskPresets.THICK.create(50, 40, 3);
        Path f = dir.resolve("mask.png");
        MaskFiles.write(m, f, false);
        assertThat(MaskFiles.read(f, MaskConvention.WHITE_FILL)).isEqualTo(m);
        Mask inverted = m.copy();
        inverted.invert();
        assertThat(MaskFiles.read(f, MaskConvention.WHITE_KEEP)).isEqualTo(inverted);
    }

    @Test
    void conversionsToTheOtherConventionsAreExact() {
        Mask m = new Mask(2, 1);
        m.set(0, 0, true);
        assertThat(MaskConvention.toDiffusersKeep(m)).containsExactly(0f, 1f);
        assertThat(MaskConvention.toOriginalKnown255(m)).containsExactly((byte) 0, (byte) 255);
        assertThat(MaskConvention.fromDiffusersKeep(new float[] {0f, 1f}, 2, 1)).isEqualTo(m);
    }

    @Test
    void theGoldenPipelineMaskReadsTheSameInDiffusersConvention() {
        Path png = Golden.root().resolve("pipeline/eta0p0/mask.png");
        float[] keep = RawTensors.readF32(Golden.root().resolve("pipeline/eta0p0/mask.f32"));
        Mask fromPng = MaskFiles.read(png, MaskConvention.KNOWN_255);
        assertThat(MaskConvention.toDiffusersKeep(fromPng)).containsExactly(keep);
    }

    @Test
    void anInvertedLookingMaskIsFlagged() {
        Mask mostly = MaskPresets.EXPAND.create(100, 100, 0);
        assertThat(MaskFiles.invertedWarning(mostly, MaskConvention.WHITE_FILL)).isEmpty();
        Mask m = new Mask(10, 10);
        m.fillAll(true);
        m.set(0, 0, false);
        assertThat(MaskFiles.invertedWarning(m, MaskConvention.WHITE_KEEP)).get().asString()
                .contains("99%").contains("inverted");
    }

    @Test
    void presetsMatchThePaperPatterns() {
        Mask sr = MaskPresets.SUPER_RESOLUTION.create(8, 8, 0);
        assertThat(sr.isFill(0, 0)).isFalse();
        assertThat(sr.isFill(1, 0)).isTrue();
        assertThat(sr.coverage()).isEqualTo(0.75);
        Mask lines = MaskPresets.EVERY_SECOND_LINE.create(8, 8, 0);
        assertThat(lines.coverage()).isEqualTo(0.5);
        assertThat(lines.isFill(3, 0)).isFalse();
        assertThat(lines.isFill(3, 1)).isTrue();
        assertThat(MaskPresets.HALF_LEFT.create(8, 8, 0).isFill(0, 5)).isTrue();
        assertThat(MaskPresets.HALF_LEFT.create(8, 8, 0).isFill(7, 5)).isFalse();
        assertThat(MaskPresets.EXPAND.create(8, 8, 0).isFill(4, 4)).isFalse();
        assertThat(MaskPresets.EXPAND.create(8, 8, 0).coverage()).isEqualTo(0.75);
        double thin = MaskPresets.THIN.create(256, 256, 1).coverage();
        double thick = MaskPresets.THICK.create(256, 256, 1).coverage();
        assertThat(thin).isBetween(0.03, 0.6);
        assertThat(thick).isBetween(0.1, 0.8);
        assertThat(MaskPresets.THIN.create(64, 64, 5)).isEqualTo(MaskPresets.THIN.create(64, 64, 5));
        assertThatThrownBy(() -> MaskPresets.fromId("nope")).hasMessageContaining("Unknown mask preset");
    }
}
