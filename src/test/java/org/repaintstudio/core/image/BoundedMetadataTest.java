package org.repaintstudio.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 32×16 PNG whose text or ICC chunk inflates to 256 MB, read in a JVM with a 64 MB heap: only the
 * EXIF orientation is read (it is placed after the bomb, and still applied), nothing is inflated.
 */
class BoundedMetadataTest {
    static final long INFLATED = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void compressedChunksAreNeverInflated() throws Exception {
        List<byte[]> bombs = List.of(HostileImages.zTxtBomb(INFLATED), HostileImages.iTxtBomb(INFLATED),
                HostileImages.iccpBomb(INFLATED));
        int i = 0;
        for (byte[] bomb : bombs) {
            Path png = HostileImages.png(dir.resolve("bomb" + i++ + ".png"), 32, 16, 8, 2, bomb,
                    HostileImages.exifOrientation(6));
            assertThat(Files.size(png)).isLessThan(1 << 20);
            Result r = readInSmallHeap(png);
            assertThat(r.exit).as(r.output).isZero();
            // Orientation 6 rotates 32×16 to 16×32: the EXIF block after the bomb was found.
            assertThat(r.output.trim()).isEqualTo("16x32");
        }
    }

    private record Result(int exit, String output) { }

    private Result readInSmallHeap(Path file) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), ReadImageMain.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(done ? p.exitValue() : -1, out);
    }
}
