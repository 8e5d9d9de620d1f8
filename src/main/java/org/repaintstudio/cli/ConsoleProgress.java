package org.repaintstudio.cli;

import org.repaintstudio.core.io.HumanFormat;
import org.repaintstudio.core.hub.DownloadListener;
import org.repaintstudio.core.hub.DownloadProgress;
import org.repaintstudio.core.inpaint.JobProgress;
import org.repaintstudio.core.sampler.PipelineListener;
import org.repaintstudio.core.task.ProgressListener;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, printed every 10% otherwise
 * (logs and tests), so piped output stays readable.
 */
final class ConsoleProgress implements ProgressListener, DownloadListener {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final boolean terminal;
    private String lastLabel = "";
    private int lastDecile = -1;
    private boolean lineOpen;
    private long lastDraw;

    ConsoleProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static ConsoleProgress forStderr(PrintWriter err) {
        return new ConsoleProgress(err, System.console() != null);
    }

    @Override
    public void progress(double fraction, String message) {
        show("conversion", fraction, message);
    }

    @Override
    public void progress(DownloadProgress p) {
        StringBuilder sb = new StringBuilder(p.file()).append("  ").append(HumanFormat.bytes(p.bytesDone()));
        if (p.bytesTotal() > 0) {
            sb.append(" / ").append(HumanFormat.bytes(p.bytesTotal()));
        }
        if (p.bytesPerSecond() > 0) {
            sb.append("  ").append(HumanFormat.bytes((long) p.bytesPerSecond())).append("/s");
        }
        if (p.eta() != null) {
            sb.append("  ETA ").append(eta(p.eta()));
        }
        show(p.file(), p.fraction(), sb.toString());
    }

    /**
     * A whole inpainting job: its level and tile batch (for a multi-pass job), UNet calls of every
     * pass, it/s and ETA, redrawn at most ten times a second.
     */
    void progress(JobProgress p) {
        long now = System.nanoTime();
        boolean last = p.callsDone() >= p.callsTotal();
        if (terminal && !last && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        String stage = p.stage().label();
        show("repaint", p.fraction(), String.format(Locale.ROOT, "%sUNet %d/%d  %.1f it/s  ETA %s",
                stage.isEmpty() ? "" : stage + "  ", p.callsDone(), p.callsTotal(), p.callsPerSecond(),
                eta(Duration.ofNanos(p.etaNanos()))));
        if (last) {
            finishLine();
        }
    }

    /** A RePaint run: step, UNet calls, it/s and ETA, redrawn at most ten times a second. */
    void progress(PipelineListener.Progress p) {
        long now = System.nanoTime();
        boolean last = p.entry() + 1 == p.entries();
        if (terminal && !last && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        show("repaint", p.fraction(), String.format(Locale.ROOT, "step %d/%d  UNet %d/%d  %.1f it/s  ETA %s",
                p.entry() + 1, p.entries(), p.denoiseDone(), p.denoiseTotal(), p.callsPerSecond(),
                eta(Duration.ofNanos(p.etaNanos()))));
        if (last) {
            finishLine();
        }
    }

    private void show(String label, double fraction, String text) {
        if (!label.equals(lastLabel)) {
            finishLine();
            lastLabel = label;
            lastDecile = -1;
        }
        String line = (fraction >= 0 ? bar(fraction) + " " : "") + text;
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            lineOpen = true;
        } else {
            int decile = fraction < 0 ? 0 : (int) Math.floor(fraction * 10);
            if (decile == lastDecile) {
                return;
            }
            lastDecile = decile;
            err.println(line);
        }
        err.flush();
    }

    /** Ends the in-place line so later output starts on a fresh one. */
    void finishLine() {
        if (lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }

    static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100));
    }

    static String eta(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
