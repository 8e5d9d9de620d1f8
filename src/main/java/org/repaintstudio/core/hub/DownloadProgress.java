package org.repaintstudio.core.hub;

import java.time.Duration;

/**
 * A snapshot of one file's download.
 *
 * @param bytesTotal total size, or -1 when the server did not say
 * @param bytesPerSecond recent transfer speed
 * @param eta estimated time left, or null when unknown
 */
public record DownloadProgress(String file, long bytesDone, long bytesTotal, double bytesPerSecond, Duration eta) {

    /** Fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        return bytesTotal > 0 ? Math.min(1.0, (double) bytesDone / bytesTotal) : -1;
    }
}
