package org.repaintstudio.app.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A model the picker can offer, described without opening it.
 *
 * @param resolution model input side in pixels, or 0 when unknown until opened
 * @param sizeBytes  size on disk
 * @param origin     where it was found: "bundled", "added", …
 * @param domain     what kind of pictures it knows ("natural photos", "emoji"), or "" when its card does not say
 */
public record ModelChoice(String name, Path location, int resolution, long sizeBytes, String origin, String domain) {

    /** A model whose domain is unknown. */
    public ModelChoice(String name, Path location, int resolution, long sizeBytes, String origin) {
        this(name, location, resolution, sizeBytes, origin, "");
    }

    /** e.g. "photo-64 · natural photos · 64 px · 35.2 MB", so a user sees which model fits the picture. */
    public String label() {
        return name + (domain == null || domain.isBlank() ? "" : " · " + domain) + " · "
                + (resolution > 0 ? resolution + " px" : "? px") + " · " + formatSize(sizeBytes);
    }

    /** e.g. "photo-64 · natural photos": what fits in the closed picker; the list shows {@link #label()}. */
    public String shortLabel() {
        return name + (domain == null || domain.isBlank() ? "" : " · " + domain);
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
