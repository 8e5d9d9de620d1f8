package org.repaintstudio.app;

import javafx.application.Application;

/**
 * Entry point called reflectively by {@code org.repaintstudio.Main}. It is not an Application
 * itself, so JavaFX starts from the class path without module-path checks.
 */
public final class StudioLauncher {
    private StudioLauncher() {}

    public static void launch(String[] args) {
        Application.launch(StudioApp.class, args);
    }
}
