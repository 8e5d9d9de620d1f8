package org.repaintstudio.core.image;

import java.nio.file.Path;
import java.util.Locale;

import org.repaintstudio.core.MemoryBudget;

/**
 * The memory an image needs, worked out from its header before any pixel is decoded: pixels ×
 * bytes per pixel × working copies, against the Java heap limit. Front ends call
 * {@link #check(Path)} before opening a file; {@link ImageFiles#read} and {@link MaskFiles#read}
 * apply the same check themselves, so no path decodes an image that cannot fit.
 */
public final class ImageBudget {
    /** Packed-int RGB copies while opening: the converted image, and the orientation's two arrays and result. */
    static final int OPEN_INT_COPIES = 4;
    /** Full-size int copies in a run besides one per sample: the input and the image being encoded. */
    static final int RUN_INT_COPIES = 2;

    private ImageBudget() {}

    /** What the header says: size and bits per decoded pixel. */
    public record Header(String name, int width, int height, int bitsPerPixel) {
        public long pixels() {
            return (long) width * height;
        }

        /** Bytes the decoder's own image takes. */
        public long decodedBytes() {
            return MemoryBudget.product(pixels(), Math.max(1, (bitsPerPixel + 7) / 8));
        }

        /** Peak bytes while opening: the decoded image plus the RGB working copies. */
        public long openBytes() {
            return decodedBytes() + MemoryBudget.product(pixels(), Integer.BYTES, OPEN_INT_COPIES);
        }

        /** "8000×8000 pixels (64-bit)". */
        public String describe() {
            return String.format(Locale.ROOT, "%s is %d×%d pixels at %d bits per pixel", name, width, height, bitsPerPixel);
        }
    }

    /**
     * Reads the header of {@code file} and refuses it, with one sentence naming its size and the
     * memory limit, if opening it and running one sample would not fit in memory.
     */
    public static Header check(Path file) {
        Header h = ImageFiles.probe(file);
        require(h);
        return h;
    }

    /** Refuses an image whose opening or one-sample run would not fit in memory. */
    public static void require(Header h) {
        require(h, MemoryBudget.jobLimit());
    }

    /** {@link #require(Header)} against a given job limit (see {@link MemoryBudget#jobLimit()}). */
    public static void require(Header h, long jobLimit) {
        long need = Math.max(h.openBytes(), runBytes(h.width(), h.height(), 1));
        MemoryBudget.require(need, jobLimit, h.describe() + "; opening it");
    }

    /** Refuses a run at this image size with this many samples (one full-size result each) that cannot fit. */
    public static void checkRun(int width, int height, int samples) {
        checkRun(width, height, samples, MemoryBudget.jobLimit());
    }

    /** {@link #checkRun(int, int, int)} against a given job limit. */
    public static void checkRun(int width, int height, int samples, long jobLimit) {
        MemoryBudget.require(runBytes(width, height, samples), jobLimit, String.format(Locale.ROOT,
                "Repainting a %d×%d image into %d sample%s", width, height, samples, samples == 1 ? "" : "s"));
    }

    static long runBytes(int width, int height, int samples) {
        long pixels = (long) width * height;
        // ints for the input, the encoder and every sample's result, plus one byte per pixel of mask
        return MemoryBudget.product(pixels, Integer.BYTES, RUN_INT_COPIES + Math.max(1, samples)) + pixels;
    }
}
