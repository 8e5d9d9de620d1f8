package org.repaintstudio.app.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The app's log: full stack traces go to a rotating file in the user's data folder, so error
 * dialogs can stay one sentence long.
 */
public final class AppLog {
    private static final Logger LOG = Logger.getLogger("org.repaintstudio");
    private static volatile Path logFile;

    private AppLog() {}

    /** Sends the app's log records to {@code logs/repaint-studio.log} (rotated, 3 × 2 MB). */
    public static synchronized void init(Path logDir) {
        if (logFile != null) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
            FileHandler handler = new FileHandler(logDir.resolve("repaint-studio%g.log").toString(), 2_000_000, 3,
                    true);
            handler.setFormatter(new SimpleFormatter());
            handler.setLevel(Level.ALL);
            LOG.addHandler(handler);
            LOG.setLevel(Level.INFO);
            logFile = logDir.resolve("repaint-studio0.log");
        } catch (IOException | RuntimeException e) {
            // No log file is no reason not to start; records still reach the console.
            LOG.log(Level.WARNING, "cannot open the log file in " + logDir, e);
        }
    }

    public static Logger logger() {
        return LOG;
    }

    /** The current log file, or null when logging to a file failed. */
    public static Path logFile() {
        return logFile;
    }

    public static void error(String what, Throwable e) {
        LOG.log(Level.SEVERE, what, e);
    }

    public static void info(String message) {
        LOG.info(message);
    }
}
