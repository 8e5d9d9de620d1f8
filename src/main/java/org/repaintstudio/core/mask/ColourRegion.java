package org.repaintstudio.core.mask;

/**
 * "Select similar colour": the connected area around a clicked pixel whose colours lie within a
 * tolerance of the clicked colour, found by a scanline flood fill (each run of a row is filled
 * at once and only the rows above and below are searched), so a sky of millions of pixels takes
 * one pass.
 */
public final class ColourRegion {
    /** The largest RGB distance, sqrt(3 × 255²): tolerance 100 reaches it. */
    private static final double MAX_DISTANCE = Math.sqrt(3.0) * 255;

    private ColourRegion() {}

    /**
     * Pixels connected (4-neighbours) to ({@code x}, {@code y}) whose colour is within
     * {@code tolerance} percent of the RGB distance range from that pixel's colour: 255 in the
     * region, 0 elsewhere.
     */
    public static byte[] select(int[] rgb, int width, int height, int x, int y, double tolerance) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IllegalArgumentException("the point " + x + "," + y + " is outside the picture");
        }
        double limit = Math.max(0, Math.min(100, tolerance)) / 100 * MAX_DISTANCE;
        long limit2 = (long) Math.floor(limit * limit);
        int seed = rgb[y * width + x];
        byte[] region = new byte[rgb.length];
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = y * width + x;
        while (top > 0) {
            int p = stack[--top];
            if (region[p] != 0) {
                continue;
            }
            int row = p / width * width;
            int left = p;
            while (left > row && region[left - 1] == 0 && close(rgb[left - 1], seed, limit2)) {
                left--;
            }
            int right = p;
            while (right < row + width - 1 && region[right + 1] == 0 && close(rgb[right + 1], seed, limit2)) {
                right++;
            }
            for (int i = left; i <= right; i++) {
                region[i] = (byte) 255;
            }
            for (int neighbour : new int[] {row - width, row + width}) {
                if (neighbour < 0 || neighbour >= rgb.length) {
                    continue;
                }
                boolean inRun = false;
                for (int i = left - row; i <= right - row; i++) {
                    int q = neighbour + i;
                    boolean open = region[q] == 0 && close(rgb[q], seed, limit2);
                    if (open && !inRun) {
                        if (top == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                        }
                        stack[top++] = q;
                    }
                    inRun = open;
                }
            }
        }
        return region;
    }

    private static boolean close(int a, int b, long limit2) {
        int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
        int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return (long) dr * dr + (long) dg * dg + (long) db * db <= limit2;
    }
}
