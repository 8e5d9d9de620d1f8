package org.repaintstudio.core.mask;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Grow, shrink and feather on a 4000×3000 mask, for an object-sized mask (a 420×300 blob, about 1%
 * of the picture) and a mask over most of the picture. Prints the median of five calls; it checks
 * nothing about speed; five warm-up calls come first. Run with
 * {@code mvn -o test -Dtest=MaskToolsBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class MaskToolsBenchmark {
    private static final int W = 4000;
    private static final int H = 3000;

    @Test
    void growShrinkAndFeatherAt4000x3000() {
        System.out.printf(Locale.ROOT, "LOAD %s%n", loadAverage());
        for (String kind : new String[] {"object blob 1%", "most of the picture"}) {
            byte[] mask = kind.startsWith("object") ? ellipse(2000, 1500, 210, 150) : ellipse(2000, 1500, 1900, 1400);
            time(kind, "grow 8 px (fields + apply)", () -> MaskMorphology.offset(mask, W, H, 8));
            time(kind, "shrink 8 px (fields + apply)", () -> MaskMorphology.offset(mask, W, H, -8));
            MaskMorphology.Offset prepared = MaskMorphology.prepareOffset(mask, W, H);
            prepared.apply(8);
            prepared.apply(-8);
            time(kind, "grow/shrink slider move (prepared)", () -> prepared.apply(12));
            time(kind, "feather 12 px", () -> MaskMorphology.feather(mask, W, H, 12));
        }
    }

    private static byte[] ellipse(int cx, int cy, int rx, int ry) {
        byte[] m = new byte[W * H];
        for (int y = Math.max(0, cy - ry); y < Math.min(H, cy + ry); y++) {
            for (int x = Math.max(0, cx - rx); x < Math.min(W, cx + rx); x++) {
                double dx = (x - cx) / (double) rx;
                double dy = (y - cy) / (double) ry;
                if (dx * dx + dy * dy <= 1) {
                    m[y * W + x] = (byte) 255;
                }
            }
        }
        return m;
    }

    private static void time(String kind, String what, Supplier<byte[]> op) {
        for (int i = 0; i < 5; i++) {
            op.get(); // warm-up: let the JIT compile the hot loops first
        }
        long[] ns = new long[5];
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            op.get();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "MASKTOOL %s · %s: median %.1f ms (min %.1f, max %.1f)%n", kind, what,
                ns[2] / 1e6, ns[0] / 1e6, ns[4] / 1e6);
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
