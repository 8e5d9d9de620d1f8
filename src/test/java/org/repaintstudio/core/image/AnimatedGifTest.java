package org.repaintstudio.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repaintstudio.core.io.AtomicFiles;

class AnimatedGifTest {
    @TempDir
    Path dir;

    private static BufferedImage solid(int rgb) {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void writesAllFramesWithDelayAndLoop() throws Exception {
        Path gif = dir.resolve("process.gif");
        AnimatedGif.save(List.of(solid(0xFF0000), solid(0x00FF00), solid(0x0000FF)), 100, 1000, gif, false);

        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            assertThat(reader.read(1).getRGB(4, 4) & 0xFFFFFF).isEqualTo(0x00FF00);
            IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode gce = (IIOMetadataNode) first.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(gce.getAttribute("delayTime")).isEqualTo("10");
            IIOMetadataNode app = (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            IIOMetadataNode last = (IIOMetadataNode) reader.getImageMetadata(2).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode lastGce = (IIOMetadataNode) last.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(lastGce.getAttribute("delayTime")).isEqualTo("100");
            reader.dispose();
        }
    }

    @Test
    void refusesToOverwriteAndToSaveNothing() throws Exception {
        Path gif = dir.resolve("a.gif");
        Files.writeString(gif, "keep me");
        assertThatThrownBy(() -> AnimatedGif.save(List.of(solid(0)), 100, 100, gif, false))
                .isInstanceOf(AtomicFiles.ExistsException.class);
        assertThat(Files.readString(gif)).isEqualTo("keep me");
        assertThatThrownBy(() -> AnimatedGif.save(List.of(), 100, 100, dir.resolve("b.gif"), false))
                .hasMessageContaining("no frames");
    }

    @Test
    void enlargesWithNearestNeighbour() {
        BufferedImage small = solid(0x123456);
        small.setRGB(0, 0, 0xFFFFFF);
        BufferedImage big = AnimatedGif.enlarge(small, 4);
        assertThat(big.getWidth()).isEqualTo(32);
        assertThat(big.getRGB(3, 3) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(big.getRGB(4, 4) & 0xFFFFFF).isEqualTo(0x123456);
    }
}
