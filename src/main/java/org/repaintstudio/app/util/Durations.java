package org.repaintstudio.app.util;

import java.util.Locale;

/** How long something takes, written for people: "40 s", "14 min 05 s", "1 h 02 min". */
public final class Durations {
    private Durations() {}

    public static String format(double seconds) {
        if (seconds < 1) {
            return "1 s";
        }
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        long total = Math.round(seconds);
        if (total < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", total / 60, total % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", total / 3600, (total % 3600) / 60);
    }
}
