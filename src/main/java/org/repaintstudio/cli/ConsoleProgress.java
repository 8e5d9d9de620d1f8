package org.repaintstudio.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.repaintstudio.core.sampler.PipelineListener;

/**
 * A one-line progress bar on stderr: entry, UNet calls, it/s and ETA. Redrawn at most ten times
 * a second on a terminal; without one, a plain line every 10%.
 */
final class ConsoleProgress {
    private final PrintWriter err;
    private final boolean terminal;
    private long lastDraw;
    private int lastDecile = -1;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
        this.terminal = System.console() != null;
    }

    void update(PipelineListener.Progress p) {
        boolean last = p.entry() + 1 == p.entries();
        long now = System.nanoTime();
        if (terminal) {
            if (!last && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            err.print("\r" + line(p) + (last ? "\n" : ""));
        } else {
            int decile = (int) (p.fraction() * 10);
            if (decile == lastDecile && !last) {
                return;
            }
            lastDecile = decile;
            err.println(line(p));
        }
        err.flush();
    }

    static String line(PipelineListener.Progress p) {
        int width = 24;
        int filled = (int) Math.round(p.fraction() * width);
        String bar = "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "");
        return String.format(Locale.ROOT, "[%s] %3.0f%% step %d/%d  UNet %d/%d  %.1f it/s  ETA %s  ",
                bar, p.fraction() * 100, p.entry() + 1, p.entries(), p.denoiseDone(), p.denoiseTotal(),
                p.callsPerSecond(), duration(p.etaNanos()));
    }

    static String duration(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
