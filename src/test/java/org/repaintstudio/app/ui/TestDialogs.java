package org.repaintstudio.app.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.repaintstudio.app.dialog.DialogService;
import org.repaintstudio.app.dialog.FxDialogService;

/** Real alerts (so tests see and click them), scripted answers for the native file choosers. */
public final class TestDialogs implements DialogService {
    private final FxDialogService fx;
    public final Deque<Path> openAnswers = new ArrayDeque<>();
    public final Deque<Path> saveAnswers = new ArrayDeque<>();
    public final Deque<Path> folderAnswers = new ArrayDeque<>();

    public TestDialogs(FxDialogService fx) {
        this.fx = fx;
    }

    @Override
    public void showError(String title, String message) {
        fx.showError(title, message);
    }

    @Override
    public void showWarning(String title, String message) {
        fx.showWarning(title, message);
    }

    @Override
    public void showInfo(String title, String message) {
        fx.showInfo(title, message);
    }

    @Override
    public boolean confirm(String title, String message, String okLabel) {
        return fx.confirm(title, message, okLabel);
    }

    @Override
    public SaveChoice askSaveChanges(String documentName, String what) {
        return fx.askSaveChanges(documentName, what);
    }

    @Override
    public <T> Optional<T> choose(String title, String message, List<T> options, T initial) {
        return fx.choose(title, message, options, initial);
    }

    @Override
    public Optional<Path> openFile(String title, Path initialFolder, List<FileType> types) {
        return Optional.ofNullable(openAnswers.poll());
    }

    @Override
    public Optional<Path> openFolder(String title, Path initialFolder) {
        return Optional.ofNullable(folderAnswers.poll());
    }

    @Override
    public Optional<Path> saveFile(String title, Path initialFolder, String initialName, List<FileType> types) {
        return Optional.ofNullable(saveAnswers.poll());
    }

    @Override
    public boolean confirmOverwrite(Path target) {
        return fx.confirmOverwrite(target);
    }
}
