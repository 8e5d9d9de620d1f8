package org.repaintstudio.app.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.repaintstudio.app.dialog.DialogService;

/** Remembers what would have been shown; answers every question with "no". */
final class RecordingDialogs implements DialogService {
    final List<String> messages = new ArrayList<>();

    @Override
    public void showError(String title, String message) {
        messages.add(message);
    }

    @Override
    public void showWarning(String title, String message) {
        messages.add(message);
    }

    @Override
    public void showInfo(String title, String message) {
        messages.add(message);
    }

    @Override
    public boolean confirm(String title, String message, String okLabel) {
        messages.add(message);
        return false;
    }

    @Override
    public SaveChoice askSaveChanges(String documentName, String what) {
        return SaveChoice.CANCEL;
    }

    @Override
    public <T> Optional<T> choose(String title, String message, List<T> options, T initial) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> openFile(String title, Path initialFolder, List<FileType> types) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> openFolder(String title, Path initialFolder) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> saveFile(String title, Path initialFolder, String initialName, List<FileType> types) {
        return Optional.empty();
    }

    @Override
    public boolean confirmOverwrite(Path target) {
        return false;
    }
}
