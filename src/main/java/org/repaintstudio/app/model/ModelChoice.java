package org.repaintstudio.app.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A model the picker can offer, described without opening it.
 *
 * @param resolution model input side in pixels, or 0 when unknown until opened
 * @param sizeBytes  size on disk
 * @param origin     where it was found: "bundled", "added", …
 */
public record ModelChoice(String name, Path location, int resolution, long sizeBytes, String origin) {

    /** e.g. "emoji-64 · 64 px · 35.2 MB". */
    public String label() {
        return name + " · " + (resolution > 0 ? resolution + " px" : "? px") + " · " + formatSize(sizeBytes);
    }

    public static String formatSize(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%d kB", Math.max(1, bytes / 1024));
    }

    @Override
    public String toString() {
        return label();
    }
}
