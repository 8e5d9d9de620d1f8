package org.repaintstudio;

import org.repaintstudio.cli.RepaintCli;

/**
 * Entry point of repaint-studio.jar: no arguments, {@code gui [image]} or an existing image file
 * opens the desktop app, anything else is a command-line command.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && opensInApp(args[0])) {
            launchDesktopApp(args);
            return;
        }
        if (args.length == 0 || "gui".equals(args[0])) {
            String[] rest = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            launchDesktopApp(rest);
            return;
        }
        System.exit(RepaintCli.execute(args));
    }

    /** {@code repaint-studio photo.jpg} (e.g. "Open with…" from a file manager) opens the app. */
    static boolean opensInApp(String arg) {
        if (arg.startsWith("-")) {
            return false;
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of(arg);
            return java.nio.file.Files.isRegularFile(p)
                    && org.repaintstudio.core.image.ImageFiles.hasImageExtension(p);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static void launchDesktopApp(String[] args) {
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
