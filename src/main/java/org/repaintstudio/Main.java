package org.repaintstudio;

import org.repaintstudio.cli.RepaintCli;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.desktop.OpenFileRequests;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of repaint-studio.jar: no arguments, {@code gui [image]} or an image file as the first
 * argument (as a desktop "Open with" passes it) opens the desktop app; anything else is a
 * command-line command.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Optional<String[]> gui = desktopAppArgs(args);
        if (gui.isPresent()) {
            launchDesktopApp(gui.get());
            return;
        }
        System.exit(RepaintCli.execute(args));
    }

    /** The arguments for the desktop app when these arguments open it; empty for a CLI command. */
    static Optional<String[]> desktopAppArgs(String[] args) {
        if (args.length == 0) {
            return Optional.of(args);
        }
        if ("gui".equals(args[0])) {
            return Optional.of(Arrays.copyOfRange(args, 1, args.length));
        }
        if (isImageFile(args[0])) {
            return Optional.of(args.clone());
        }
        return Optional.empty();
    }

    /** An existing regular file with an image extension the app opens. */
    static boolean isImageFile(String arg) {
        try {
            Path p = Path.of(arg);
            return Files.isRegularFile(p) && ImageFiles.hasImageExtension(p);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static void launchDesktopApp(String[] args) {
        // macOS hands files from Finder ("Open With", a double-click, a drop on the Dock icon) to a
        // running app as events, not arguments; catch them from the start (see OpenFileRequests).
        if (System.getProperty("os.name", "").startsWith("Mac")) {
            OpenFileRequests.installDesktopHandler();
        }
        // The app package is loaded reflectively so the CLI never needs JavaFX on the class path.
        try {
            Class<?> launcher = Class.forName("org.repaintstudio.app.StudioLauncher");
            launcher.getMethod("launch", String[].class).invoke(null, (Object) args);
        } catch (ClassNotFoundException e) {
            System.err.println("The desktop app is not part of this build yet; try --help for the commands.");
            System.exit(2);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            System.err.println("Error: the desktop app could not start: " + cause.getMessage());
            System.exit(1);
        }
    }
}
