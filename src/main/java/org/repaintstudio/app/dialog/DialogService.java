package org.repaintstudio.app.dialog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything that asks the user something, behind an interface (as in JabRef) so view-models
 * stay testable without windows.
 */
public interface DialogService {
    /** A file type filter: a label and glob patterns such as {@code *.png}. */
    record FileType(String label, List<String> patterns) {
        public static FileType of(String label, String... patterns) {
            return new FileType(label, List.of(patterns));
        }
    }

    /** Answer to "save your changes?". */
    enum SaveChoice { SAVE, DISCARD, CANCEL }

    void showError(String title, String message);

    void showWarning(String title, String message);

    void showInfo(String title, String message);

    boolean confirm(String title, String message, String okLabel);

    /** {@code what}: the unsaved things, one per line ("the mask", "2 results in the gallery"). */
    SaveChoice askSaveChanges(String documentName, String what);

    /**
     * Asks for a whole number between {@code min} and {@code max} with a slider; {@code preview}
     * hears every value while the dialog is open (a live preview), and the answer is empty on Cancel.
     */
    java.util.OptionalInt askAmount(String title, String question, int min, int max, int initial,
                                    java.util.function.IntConsumer preview);

    /** Asks how many pixels to add on each side of the canvas; empty on Cancel. */
    Optional<org.repaintstudio.core.mask.CanvasExtension.Margins> askMargins(String title, int initial);

    /** Picks one of {@code options}, shown by their {@code toString()}. */
    <T> Optional<T> choose(String title, String message, List<T> options, T initial);

    Optional<Path> openFile(String title, Path initialFolder, List<FileType> types);

    Optional<Path> openFolder(String title, Path initialFolder);

    Optional<Path> saveFile(String title, Path initialFolder, String initialName, List<FileType> types);

    /**
     * Asks before replacing an existing file. Native save dialogs already ask, so implementations
     * answer yes without a second question for a path their save dialog just returned.
     */
    boolean confirmOverwrite(Path target);
}
