package org.repaintstudio.app.edit;

import java.util.ArrayDeque;
import java.util.Deque;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Undo and redo for the document, bounded by levels and by memory: edits store compressed
 * differences of the rectangle they touched, and the oldest are dropped when either limit is hit.
 */
public final class EditHistory {
    /** One undoable change. */
    public interface Edit {
        String label();

        void undo();

        void redo();

        /** Memory this edit holds, for the budget. */
        long sizeBytes();
    }

    public static final int DEFAULT_MAX_LEVELS = 100;
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    private final int maxLevels;
    private final long maxBytes;
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private long bytes;
    /** Incremented by every change; lets a document know whether it is back at its saved state. */
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();
    private int nextVersion = 1;
    private final Deque<Integer> undoVersions = new ArrayDeque<>();
    private final Deque<Integer> redoVersions = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper("");

    public EditHistory() {
        this(DEFAULT_MAX_LEVELS, DEFAULT_MAX_BYTES);
    }

    public EditHistory(int maxLevels, long maxBytes) {
        this.maxLevels = maxLevels;
        this.maxBytes = maxBytes;
    }

    /** Records an edit that has already been applied. */
    public void push(Edit edit) {
        undoVersions.push(version.get());
        undo.push(edit);
        bytes += edit.sizeBytes();
        for (Edit e : redo) {
            bytes -= e.sizeBytes();
        }
        redo.clear();
        redoVersions.clear();
        version.set(nextVersion++);
        while (undo.size() > maxLevels || (bytes > maxBytes && undo.size() > 1)) {
            Edit oldest = undo.removeLast();
            undoVersions.removeLast();
            bytes -= oldest.sizeBytes();
        }
        update();
    }

    public void undo() {
        if (undo.isEmpty()) {
            return;
        }
        Edit e = undo.pop();
        e.undo();
        redo.push(e);
        redoVersions.push(version.get());
        version.set(undoVersions.pop());
        update();
    }

    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        Edit e = redo.pop();
        e.redo();
        undo.push(e);
        undoVersions.push(version.get());
        version.set(redoVersions.pop());
        update();
    }

    public void clear() {
        undo.clear();
        redo.clear();
        undoVersions.clear();
        redoVersions.clear();
        bytes = 0;
        version.set(nextVersion++);
        update();
    }

    private void update() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoLabel.set(undo.isEmpty() ? "" : undo.peek().label());
        redoLabel.set(redo.isEmpty() ? "" : redo.peek().label());
    }

    public int undoLevels() {
        return undo.size();
    }

    public long sizeBytes() {
        return bytes;
    }

    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }
}
