package org.repaintstudio.app.dialog;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The one dialog double for tests: records every message and question, and answers from
 * scripted queues. An empty queue means the cautious answer: no, cancel, nothing chosen.
 */
public class ScriptedDialogs implements DialogService {
    /** Everything shown or asked, in order. */
    public final List<String> messages = new ArrayList<>();
    /** Errors and warnings. */
    public final List<String> errors = new ArrayList<>();
    /** Yes/no questions. */
    public final List<String> questions = new ArrayList<>();

    public final Deque<Boolean> confirmAnswers = new ArrayDeque<>();
    public final Deque<Path> openAnswers = new ArrayDeque<>();
    public final Deque<Path> folderAnswers = new ArrayDeque<>();
    public final Deque<Path> saveAnswers = new ArrayDeque<>();

    @Override
    public void showError(String title, String message) {
        messages.add(message);
        errors.add(message);
    }

    @Override
    public void showWarning(String title, String message) {
        messages.add(message);
        errors.add(message);
    }

    @Override
    public void showInfo(String title, String message) {
        messages.add(message);
    }

    @Override
    public boolean confirm(String title, String message, String okLabel) {
        messages.add(message);
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
        return Optional.ofNullable(saveAnswers.poll());
    }

    @Override
    public boolean confirmOverwrite(Path target) {
        return false;
    }
}
