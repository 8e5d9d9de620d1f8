package org.repaintstudio.app.dialog;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Dialogs as JavaFX alerts and the native file choosers, owned by the main window. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;
    /** Paths the native save dialog already confirmed replacing. */
    private final Set<Path> confirmedByChooser = new HashSet<>();

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    /**
     * The main window, or the focused window it owns (such as the Models dialog), so a question
     * asked from a dialog appears over that dialog.
     */
    private Window owner() {
        Window base = owner.get();
        if (base == null) {
            return null;
        }
        for (Window w : Window.getWindows()) {
            if (w != base && w.isShowing() && w.isFocused() && w instanceof Stage s && s.getOwner() == base) {
                return w;
            }
        }
        return base;
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert a = new Alert(type);
        a.initOwner(owner());
        a.setTitle(title);
        a.setHeaderText(null);
        // A wrapping label: long paths in messages must not widen the dialog off screen.
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.setId("dialog-message");
        a.getDialogPane().setContent(text);
        a.getDialogPane().setMinWidth(420);
        return a;
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message).showAndWait();
    }

    @Override
    public void showWarning(String title, String message) {
        alert(Alert.AlertType.WARNING, title, message).showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String okLabel) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, title, message);
        ButtonType ok = new ButtonType(okLabel, ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(ok, ButtonType.CANCEL);
        return a.showAndWait().filter(b -> b == ok).isPresent();
    }

    @Override
    public SaveChoice askSaveChanges(String documentName, String what) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, "Unsaved changes", documentName + " has unsaved work:\n• "
                + what.replace("\n", "\n• ") + "\n\nSave it before continuing? Save… asks where for each.");
        ButtonType save = new ButtonType("Save…", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        a.getButtonTypes().setAll(save, discard, ButtonType.CANCEL);
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == ButtonType.CANCEL) {
            return SaveChoice.CANCEL;
        }
        return r.get() == save ? SaveChoice.SAVE : SaveChoice.DISCARD;
    }

    @Override
    public java.util.OptionalInt askAmount(String title, String question, int min, int max, int initial,
                                           java.util.function.IntConsumer preview) {
        javafx.scene.control.Dialog<ButtonType> d = new javafx.scene.control.Dialog<>();
        d.initOwner(owner());
        d.setTitle(title);
        javafx.scene.control.Slider slider = new javafx.scene.control.Slider(min, max, initial);
        slider.setId("amount-slider");
        slider.setPrefWidth(320);
        javafx.scene.control.Spinner<Integer> spinner = new javafx.scene.control.Spinner<>(min, max, initial);
        spinner.setEditable(true);
        spinner.setId("amount-spinner");
        spinner.setPrefWidth(90);
        slider.valueProperty().addListener((o, a, v) -> spinner.getValueFactory().setValue((int) Math.round(v.doubleValue())));
        spinner.valueProperty().addListener((o, a, v) -> {
            slider.setValue(v);
            preview.accept(v);
        });
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(10, slider, spinner);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(8, new Label(question), row);
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        preview.accept(initial);
        Optional<ButtonType> r = d.showAndWait();
        return r.isPresent() && r.get() == ButtonType.OK ? java.util.OptionalInt.of(spinner.getValue())
                : java.util.OptionalInt.empty();
    }

    @Override
    public Optional<org.repaintstudio.core.mask.CanvasExtension.Margins> askMargins(String title, int initial) {
        javafx.scene.control.Dialog<ButtonType> d = new javafx.scene.control.Dialog<>();
        d.initOwner(owner());
        d.setTitle(title);
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        String[] sides = {"Top", "Right", "Bottom", "Left"};
        List<javafx.scene.control.Spinner<Integer>> spinners = new java.util.ArrayList<>();
        for (int i = 0; i < sides.length; i++) {
            javafx.scene.control.Spinner<Integer> s = new javafx.scene.control.Spinner<>(0, 4096, i == 1 ? initial : 0, 16);
            s.setEditable(true);
            s.setId("margin-" + sides[i].toLowerCase(java.util.Locale.ROOT));
            spinners.add(s);
            grid.addRow(i + 1, new Label(sides[i] + " (px)"), s);
        }
        grid.add(new Label("Pixels to add on each side. The new area becomes the mask, and Repaint fills it."),
                0, 0, 2, 1);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Optional<ButtonType> r = d.showAndWait();
        if (r.isEmpty() || r.get() != ButtonType.OK) {
            return Optional.empty();
        }
        return Optional.of(new org.repaintstudio.core.mask.CanvasExtension.Margins(spinners.get(0).getValue(),
                spinners.get(1).getValue(), spinners.get(2).getValue(), spinners.get(3).getValue()));
    }

    @Override
    public <T> Optional<T> choose(String title, String message, List<T> options, T initial) {
        ChoiceDialog<T> d = new ChoiceDialog<>(initial, options);
        d.initOwner(owner());
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText(message);
        return d.showAndWait();
    }

    private static FileChooser chooser(String title, Path folder, List<FileType> types) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        if (folder != null && Files.isDirectory(folder)) {
            fc.setInitialDirectory(folder.toFile());
        }
        for (FileType t : types) {
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(t.label(), t.patterns()));
        }
        return fc;
    }

    @Override
    public Optional<Path> openFile(String title, Path initialFolder, List<FileType> types) {
        File f = chooser(title, initialFolder, types).showOpenDialog(owner());
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<Path> openFolder(String title, Path initialFolder) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            dc.setInitialDirectory(initialFolder.toFile());
        }
        return Optional.ofNullable(dc.showDialog(owner())).map(File::toPath);
    }

    @Override
    public Optional<Path> saveFile(String title, Path initialFolder, String initialName, List<FileType> types) {
        FileChooser fc = chooser(title, initialFolder, types);
        fc.setInitialFileName(initialName);
        File f = fc.showSaveDialog(owner());
        if (f == null) {
            return Optional.empty();
        }
        Path p = f.toPath();
        if (Files.exists(p)) {
            confirmedByChooser.add(p.toAbsolutePath());
        }
        return Optional.of(p);
    }

    @Override
    public boolean confirmOverwrite(Path target) {
        if (confirmedByChooser.remove(target.toAbsolutePath())) {
            return true;
        }
        return confirm("Replace file?", target.getFileName() + " already exists in " + target.toAbsolutePath().getParent()
                + ". Replace it?", "Replace");
    }
}
