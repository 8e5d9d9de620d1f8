package org.repaintstudio.core.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.image.Mask;

class InpaintMetricsTest {

    @Test
    void errorIsMeasuredOnlyInsideTheMask() {
        BufferedImage truth = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        truth.setRGB(0, 0, 0x102030);
        truth.setRGB(1, 0, 0x000000);
        BufferedImage result = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, 0x1A2A3A);   // off by 10 in every channel
        result.setRGB(1, 0, 0xFFFFFF);   // wrong, but known: not counted
        Mask mask = new Mask(2, 1);
        mask.set(0, 0, true);
        InpaintMetrics.Score s = InpaintMetrics.score(result, truth, mask);
        assertThat(s.pixels()).isEqualTo(1);
        assertThat(s.mae()).isEqualTo(10.0);
        assertThat(s.psnr()).isCloseTo(10 * Math.log10(255.0 * 255 / 100), within(1e-9));
        assertThat(InpaintMetrics.score(truth, truth, mask).psnr()).isInfinite();
    }

    @Test
    void meanColourBaselineFillsWithTheKnownMean() {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x000000);
        img.setRGB(1, 0, 0x646464);
        img.setRGB(2, 0, 0xFFFFFF);
        Mask mask = new Mask(3, 1);
        mask.set(2, 0, true);
        BufferedImage filled = InpaintMetrics.meanColourFill(img, mask);
        assertThat(filled.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0x323232);
        assertThat(filled.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x646464);
    }
}
