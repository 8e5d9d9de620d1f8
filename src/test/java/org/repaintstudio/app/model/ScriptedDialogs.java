package org.repaintstudio.app.model;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.repaintstudio.app.dialog.DialogService;

/** Records what would have been shown; answers questions and file choosers from scripts (default: no). */
final class ScriptedDialogs implements DialogService {
    final List<String> errors = new ArrayList<>();
    final List<String> questions = new ArrayList<>();
    final Deque<Boolean> confirmAnswers = new ArrayDeque<>();
    final Deque<Path> folderAnswers = new ArrayDeque<>();
    final Deque<Path> openAnswers = new ArrayDeque<>();

    @Override
    public void showError(String title, String message) {
        errors.add(message);
    }

    @Override
    public void showWarning(String title, String message) {
        errors.add(message);
    }

    @Override
    public void showInfo(String title, String message) { }

    @Override
    public boolean confirm(String title, String message, String okLabel) {
        questions.add(message);
        return Boolean.TRUE.equals(confirmAnswers.poll());
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
        return Optional.ofNullable(openAnswers.poll());
    }

    @Override
    public Optional<Path> openFolder(String title, Path initialFolder) {
        return Optional.ofNullable(folderAnswers.poll());
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
