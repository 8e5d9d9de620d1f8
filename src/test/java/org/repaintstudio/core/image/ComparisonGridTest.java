package org.repaintstudio.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

class ComparisonGridTest {
    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void laysOutInputMaskAndResultsInOneRow() {
        Mask mask = new Mask(40, 20);
        mask.fillAll(true);
        BufferedImage grid = ComparisonGrid.render(solid(40, 20, 0xFF0000), mask,
                List.of(solid(40, 20, 0x00FF00), solid(40, 20, 0x0000FF)), 10);

        assertThat(grid.getHeight()).isEqualTo(10);
        assertThat(grid.getWidth()).isEqualTo(4 * 20 + 3 * ComparisonGrid.GAP);
        assertThat(grid.getRGB(10, 5) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(grid.getRGB(24 + 10, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(grid.getRGB(48 + 10, 5) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(grid.getRGB(72 + 10, 5) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(grid.getRGB(21, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void keepsTheInputHeightWhenAskedForMore() {
        BufferedImage grid = ComparisonGrid.render(solid(10, 10, 0), new Mask(10, 10), List.of(), 500);
        assertThat(grid.getHeight()).isEqualTo(10);
        assertThat(grid.getWidth()).isEqualTo(2 * 10 + ComparisonGrid.GAP);
    }
}
