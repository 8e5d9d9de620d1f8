package org.repaintstudio.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.MemoryBudget;
import org.repaintstudio.core.UserFacingException;

/** The memory a job needs, from the header, against a 1 GB heap (java -Xmx1g) and a larger one. */
class ImageBudgetTest {
    static final long ONE_GB_HEAP = MemoryBudget.jobLimit(1L << 30);
    static final long EIGHT_GB_HEAP = MemoryBudget.jobLimit(8L << 30);

    @TempDir
    Path dir;

    @Test
    void sixteenBitRgbaNear8000IsRefusedUnderOneGigabyte() throws Exception {
        Path png = HostileImages.png(dir.resolve("rgba16.png"), 8000, 8000, 16, 6);
        ImageBudget.Header h = ImageFiles.probe(png);
        assertThat(h.bitsPerPixel()).isEqualTo(64);
        assertThatThrownBy(() -> ImageBudget.require(h, ONE_GB_HEAP)).isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("rgba16.png is 8000×8000 pixels at 64 bits per pixel; opening it needs about 1,465 MB")
                .hasMessageContaining("1,024 MB heap limit");
        assertThatCode(() -> ImageBudget.require(h, EIGHT_GB_HEAP)).doesNotThrowAnyException();
    }

    @Test
    void greyPngAndJpegWithTinyFilesAreRefusedFromTheHeader() throws Exception {
        Path png = HostileImages.png(dir.resolve("grey.png"), 8000, 8000, 8, 0);
        Path jpg = dir.resolve("grey.jpg");
        ImageIO.write(new BufferedImage(8000, 8000, BufferedImage.TYPE_BYTE_GRAY), "jpg", jpg.toFile());
        for (Path p : new Path[] {png, jpg}) {
            ImageBudget.Header h = ImageFiles.probe(p);
            assertThat(h.bitsPerPixel()).isEqualTo(8);
            assertThatThrownBy(() -> ImageBudget.require(h, ONE_GB_HEAP)).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("8000×8000 pixels").hasMessageContaining("heap limit");
            assertThatCode(() -> ImageBudget.require(h, EIGHT_GB_HEAP)).doesNotThrowAnyException();
        }
    }

    @Test
    void anOrdinaryPhotoFitsAndManySamplesOfItDoNot() {
        ImageBudget.Header photo = new ImageBudget.Header("photo.jpg", 6000, 4000, 24);
        assertThatCode(() -> ImageBudget.require(photo, ONE_GB_HEAP)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ImageBudget.checkRun(6000, 4000, 16, ONE_GB_HEAP))
                .hasMessageStartingWith("Repainting a 6000×4000 image into 16 samples needs about");
        assertThatCode(() -> ImageBudget.checkRun(6000, 4000, 1, ONE_GB_HEAP)).doesNotThrowAnyException();
    }

    @Test
    void readAndProbeRefuseTheSameWay() throws Exception {
        Path png = HostileImages.png(dir.resolve("grey.png"), 8000, 8000, 8, 0);
        long limit = MemoryBudget.jobLimit();
        ImageBudget.Header h = ImageFiles.probe(png);
        if (h.openBytes() > limit) {
            assertThatThrownBy(() -> ImageBudget.check(png)).isInstanceOf(UserFacingException.class);
            assertThatThrownBy(() -> ImageFiles.read(png)).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("heap limit");
        } else {
            assertThat(ImageBudget.check(png).width()).isEqualTo(8000);
        }
    }
}
