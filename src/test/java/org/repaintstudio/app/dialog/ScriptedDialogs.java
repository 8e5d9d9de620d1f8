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
    /** Answers to amount questions; each is also sent to the preview first, as a user dragging would. */
    public final Deque<Integer> amountAnswers = new ArrayDeque<>();
    public final Deque<org.repaintstudio.core.mask.CanvasExtension.Margins> marginAnswers = new ArrayDeque<>();
    public final Deque<SaveChoice> saveChoices = new ArrayDeque<>();
    /** The unsaved-work lists the save prompt showed. */
    public final List<String> savePrompts = new ArrayList<>();

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
        messages.add(what);
        savePrompts.add(what);
        SaveChoice c = saveChoices.poll();
        return c == null ? SaveChoice.CANCEL : c;
    }

    @Override
    public java.util.OptionalInt askAmount(String title, String question, int min, int max, int initial,
                                           java.util.function.IntConsumer preview) {
        messages.add(question);
        Integer answer = amountAnswers.poll();
        preview.accept(initial);
        if (answer == null) {
            return java.util.OptionalInt.empty();
        }
        preview.accept(answer);
        return java.util.OptionalInt.of(answer);
    }

    @Override
    public Optional<org.repaintstudio.core.mask.CanvasExtension.Margins> askMargins(String title, int initial) {
        return Optional.ofNullable(marginAnswers.poll());
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
