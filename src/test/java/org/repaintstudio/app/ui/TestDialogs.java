package org.repaintstudio.app.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.repaintstudio.app.dialog.FxDialogService;
import org.repaintstudio.app.dialog.ScriptedDialogs;

/** Real alerts (so UI tests see and click them); the native file choosers stay scripted. */
public final class TestDialogs extends ScriptedDialogs {
    private final FxDialogService fx;

    public TestDialogs(FxDialogService fx) {
        this.fx = fx;
    }

    @Override
    public void showError(String title, String message) {
        super.showError(title, message);
        fx.showError(title, message);
    }

    @Override
    public void showWarning(String title, String message) {
        super.showWarning(title, message);
        fx.showWarning(title, message);
    }

    @Override
    public void showInfo(String title, String message) {
        super.showInfo(title, message);
        fx.showInfo(title, message);
    }

    @Override
    public boolean confirm(String title, String message, String okLabel) {
        messages.add(message);
        questions.add(message);
        return fx.confirm(title, message, okLabel);
    }

    @Override
    public SaveChoice askSaveChanges(String documentName, String what) {
        savePrompts.add(what);
        if (!saveChoices.isEmpty()) {
            return saveChoices.poll();
        }
        return fx.askSaveChanges(documentName, what);
    }

    @Override
    public <T> Optional<T> choose(String title, String message, List<T> options, T initial) {
        return fx.choose(title, message, options, initial);
    }

    @Override
    public boolean confirmOverwrite(Path target) {
        return fx.confirmOverwrite(target);
    }
}
