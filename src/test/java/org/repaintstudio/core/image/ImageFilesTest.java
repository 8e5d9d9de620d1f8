package org.repaintstudio.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.io.AtomicFiles;

class ImageFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "gif", "tiff", "jpg"})
    void readsCommonFormats(String format) throws IOException {
        BufferedImage src = TestImages.gradient(40, 30);
        Path f = dir.resolve("img." + format);
        assertThat(ImageIO.write(src, format.equals("jpg") ? "jpeg" : format, f.toFile())).isTrue();
        BufferedImage read = ImageFiles.read(f);
        assertThat(read.getWidth()).isEqualTo(40);
        assertThat(read.getHeight()).isEqualTo(30);
        assertThat(read.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void readsWebpThroughThePlugin() throws Exception {
        // Made with ImageMagick: convert -size 40x30 gradient:red-blue -quality 90 gradient-40x30.webp
        Path webp = Path.of(getClass().getResource("/images/gradient-40x30.webp").toURI());
        BufferedImage read = ImageFiles.read(webp);
        assertThat(read.getWidth()).isEqualTo(40);
        assertThat(read.getHeight()).isEqualTo(30);
        assertThat((read.getRGB(20, 0) >> 16) & 0xFF).isGreaterThan(200);
        assertThat(read.getRGB(20, 29) & 0xFF).isGreaterThan(200);
    }

    @Test
    void corruptFilesGetOneClearSentence() throws IOException {
        Path f = dir.resolve("broken.png");
        Files.write(f, new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> ImageFiles.read(f)).isInstanceOf(UserFacingException.class)
                .hasMessage("broken.png is not an image RePaint Studio can read (PNG, JPEG, BMP, GIF, WebP or TIFF).");
        Path truncated = dir.resolve("cut.png");
        byte[] full = Files.readAllBytes(TestImages.writePng(TestImages.gradient(64, 64), dir.resolve("ok.png")));
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> ImageFiles.read(truncated)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("cut.png is damaged");
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("missing.png"))).hasMessageContaining("does not exist");
    }

    @Test
    void hugeImagesAreRefusedFromTheHeader() throws IOException {
        Path huge = TestImages.pngWithHeader(dir.resolve("huge.png"), 30000, 30000);
        assertThatThrownBy(() -> ImageFiles.read(huge)).isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("huge.png is 30000×30000 pixels; RePaint Studio opens images up to 64 megapixels");
    }

    @Test
    void zeroSizeImagesAreRefused() throws IOException {
        Path empty = TestImages.pngWithHeader(dir.resolve("empty.png"), 0, 10);
        assertThatThrownBy(() -> ImageFiles.read(empty)).isInstanceOf(UserFacingException.class)
                .hasMessage("empty.png is empty (0×10 pixels).");
    }

    @Test
    void exifOrientationIsApplied() throws IOException {
        // A 32×16 image with a red left half, stored with orientation 6 (display rotated 90° clockwise).
        BufferedImage src = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                src.setRGB(x, y, x < 16 ? 0xFF0000 : 0x0000FF);
            }
        }
        Path f = dir.resolve("rotated.jpg");
        Files.write(f, jpegWithOrientation(src, 6));
        BufferedImage read = ImageFiles.read(f);
        assertThat(read.getWidth()).isEqualTo(16);
        assertThat(read.getHeight()).isEqualTo(32);
        // The stored left half is now the top half.
        assertThat((read.getRGB(8, 4) >> 16) & 0xFF).isGreaterThan(200);
        assertThat((read.getRGB(8, 28) >> 16) & 0xFF).isLessThan(60);
    }

    @Test
    void everyOrientationMapsCornersLikeTheExifSpec() {
        BufferedImage src = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[] px = {1, 2, 3, 4, 5, 6};
        src.setRGB(0, 0, 3, 2, px, 0, 3);
        // Expected top-left pixel after each orientation: the stored pixel that displays there.
        int[] topLeft = {0, 1, 3, 6, 4, 1, 4, 6, 3};
        for (int o = 2; o <= 8; o++) {
            BufferedImage out = ImageFiles.applyOrientation(src, o);
            assertThat(out.getRGB(0, 0) & 0xFFFFFF).as("orientation " + o).isEqualTo(topLeft[o]);
            assertThat(out.getWidth()).isEqualTo(o >= 5 ? 2 : 3);
        }
    }

    @Test
    void pngTextMetadataRoundTrips() {
        Path f = dir.resolve("meta.png");
        ImageWriters.save(TestImages.gradient(8, 8), f, Map.of("repaint.seed", "42", "Software", "RePaint Studio"), false);
        assertThat(ImageWriters.readPngText(f)).containsEntry("repaint.seed", "42").containsEntry("Software", "RePaint Studio");
    }

    @Test
    void savingNeverOverwritesUnasked() throws IOException {
        Path f = dir.resolve("keep.png");
        Files.writeString(f, "precious");
        assertThatThrownBy(() -> ImageWriters.save(TestImages.gradient(8, 8), f, Map.of(), false))
                .isInstanceOf(AtomicFiles.ExistsException.class);
        assertThat(Files.readString(f)).isEqualTo("precious");
        ImageWriters.save(TestImages.gradient(8, 8), f, Map.of(), true);
        assertThat(ImageFiles.read(f).getWidth()).isEqualTo(8);
        try (var s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Path f = dir.resolve("fail.png");
        assertThatThrownBy(() -> AtomicFiles.write(f, false, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).isInstanceOf(UserFacingException.class).hasMessageContaining("disk full");
        try (var s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
    }

    /** A baseline JPEG with an EXIF APP1 segment holding only the orientation tag. */
    static byte[] jpegWithOrientation(BufferedImage img, int orientation) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", jpeg);
        byte[] plain = jpeg.toByteArray();
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int len = 2 + exifHeader.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((len >> 8) & 0xFF);
        out.write(len & 0xFF);
        out.write(exifHeader);
        out.write(tiff.array());
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }
}
