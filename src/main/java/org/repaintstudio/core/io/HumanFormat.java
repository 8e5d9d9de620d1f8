package org.repaintstudio.core.io;

import java.util.Locale;

/** Human-readable sizes and counts for tables. */
public final class HumanFormat {
    private HumanFormat() {}

    /** e.g. 455 MB, 4.1 MB, 812 B. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    /** e.g. 113.7 M, 1.2 k. */
    public static String count(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M", n / 1e6);
        }
        if (n >= 1_000) {
            return String.format(Locale.ROOT, "%.1f k", n / 1e3);
        }
        return Long.toString(n);
    }
}
