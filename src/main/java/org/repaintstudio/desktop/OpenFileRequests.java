package org.repaintstudio.desktop;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Files the operating system asks the running app to open, for platforms that send them as events
 * instead of command-line arguments: on macOS a double-click on an associated image, Finder's
 * "Open With" and a drop on the Dock icon arrive as an open-documents event, also for the launch
 * itself. {@link org.repaintstudio.Main} installs the {@code java.awt.Desktop} handler on macOS
 * before JavaFX starts (so AWT's application delegate receives the events); requests that come
 * before the app is ready are kept until it registers its handler.
 *
 * <p>The app registers once its main window can open files:
 * <pre>{@code
 * OpenFileRequests.get().setHandler(files -> Platform.runLater(() -> window.open(files)));
 * }</pre>
 * Queued requests are delivered at once on the calling thread, later ones on the AWT event
 * thread, so the handler hops to the JavaFX thread itself. Only AWT is used here (no JavaFX), so
 * the command line can load this class too.
 */
public final class OpenFileRequests {
    private static final OpenFileRequests INSTANCE = new OpenFileRequests();

    private final List<Path> pending = new ArrayList<>();
    private Consumer<List<Path>> handler;

    OpenFileRequests() {}

    public static OpenFileRequests get() {
        return INSTANCE;
    }

    /**
     * Registers the {@code java.awt.Desktop} open-file handler where the platform supports it.
     * Returns whether it was registered; false (and nothing happens) when headless or unsupported.
     */
    public static boolean installDesktopHandler() {
        try {
            if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) {
                return false;
            }
            Desktop desktop = Desktop.getDesktop();
            if (!desktop.isSupported(Desktop.Action.APP_OPEN_FILE)) {
                return false;
            }
            desktop.setOpenFileHandler(event -> INSTANCE.offer(toPaths(event.getFiles())));
            return true;
        } catch (RuntimeException | LinkageError e) {
            // Never keep the app from starting: opening by argument still works.
            System.err.println("Warning: cannot receive open-file requests: " + e);
            return false;
        }
    }

    /**
     * Sets who opens files (null to stop). Requests kept so far are passed to it immediately,
     * as one list, on the calling thread.
     */
    public void setHandler(Consumer<List<Path>> newHandler) {
        List<Path> queued;
        synchronized (this) {
            handler = newHandler;
            if (newHandler == null || pending.isEmpty()) {
                return;
            }
            queued = List.copyOf(pending);
            pending.clear();
        }
        newHandler.accept(queued);
    }

    /** A request from the platform: passed on, or kept until a handler is set. */
    void offer(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        Consumer<List<Path>> h;
        synchronized (this) {
            h = handler;
            if (h == null) {
                pending.addAll(files);
                return;
            }
        }
        h.accept(List.copyOf(files));
    }

    /** Requests kept because no handler was set yet. */
    synchronized List<Path> pending() {
        return List.copyOf(pending);
    }

    static List<Path> toPaths(List<File> files) {
        return files.stream().map(File::toPath).toList();
    }
}
