package org.repaintstudio.app.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiFunction;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.repaintstudio.app.task.TaskExecutor;
import org.repaintstudio.app.task.UiCoalescer;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.UnetConverter;
import org.repaintstudio.core.model.ExecutionOptions;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.task.ProgressListener;

/**
 * Converting a model's safetensors to ONNX, as {@code repaint-studio convert}: the Models window's
 * Convert button and the first open of a model from the main window's picker share it. The
 * converter writes to a temporary file and moves it into place at the end, so Cancel leaves no
 * partial {@code model.onnx}. An instance is the main window's view of conversions that happen
 * while a model opens: what is converted, how far, and Cancel.
 */
public final class ModelConversion {
    private record Update(double fraction, String text) {}

    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final TaskExecutor ui;
    private final UiCoalescer<Update> updates;
    private volatile CancelToken token;

    /** @param ui delivers updates to the UI thread (any executor's {@code runOnUiThread}) */
    public ModelConversion(TaskExecutor ui) {
        this.ui = ui;
        this.updates = new UiCoalescer<>(ui, this::show);
    }

    /** Converts the model folder at {@code location}; call off the UI thread. */
    public static UnetConverter.Result convert(Path location, String name, ProgressListener progress,
                                               CancelToken cancel) {
        ModelFolder m = ModelFolder.open(location);
        Path config = m.configFile().orElseThrow(() -> new UserFacingException(
                name + " has no config.json, so there is nothing to convert."));
        Path weights = m.weightsFile().orElseThrow(() -> new UserFacingException(
                name + " has no " + ModelFolder.WEIGHTS + " to convert."));
        return UnetConverter.convert(config, weights, m.onnxPath(), false, progress, cancel);
    }

    /** One line for a finished conversion, e.g. "Converted photo-64 to ONNX (…) in 3.2 s." */
    public static String describe(String name, UnetConverter.Result r) {
        return r.reused() ? name + " was already converted from these weights."
                : String.format(Locale.ROOT, "Converted %s to ONNX (%s, %s parameters) in %.1f s.",
                name, ModelRow.formatBytes(r.onnxBytes()), ModelRow.formatCount(r.parameterCount()),
                r.elapsed().toMillis() / 1000.0);
    }

    /**
     * The same opener, but a model that still needs converting is converted first, with this
     * object's progress and {@link #cancel()}; a cancelled conversion ends the open with a
     * {@link java.util.concurrent.CancellationException}. Runs on the opener's worker thread.
     */
    public BiFunction<Path, ExecutionOptions, LoadedModel> converting(
            BiFunction<Path, ExecutionOptions, LoadedModel> opener) {
        return (location, execution) -> {
            ModelFolder folder = ModelFolder.open(location);
            if (folder.needsConversion()) {
                convertWithProgress(location, folder.displayName());
            }
            return opener.apply(location, execution);
        };
    }

    private void convertWithProgress(Path location, String name) {
        CancelToken t = new CancelToken();
        token = t;
        ui.runOnUiThread(() -> {
            title.set("Converting " + name + " to ONNX (first use)");
            progress.set(-1);
            progressText.set("Starting…");
            active.set(true);
        });
        try {
            convert(location, name, (fraction, message) -> updates.post(new Update(fraction, message)), t);
        } finally {
            token = null;
            ui.runOnUiThread(() -> {
                active.set(false);
                title.set("");
                progressText.set("");
            });
        }
    }

    private void show(Update u) {
        if (!active.get()) {
            return; // a late update of a finished conversion
        }
        progress.set(u.fraction() < 0 ? -1 : u.fraction());
        progressText.set(u.text());
    }

    /** Stops the running conversion at its next check; nothing is written. */
    public void cancel() {
        CancelToken t = token;
        if (t != null) {
            progressText.set("Stopping…");
            t.cancel();
        }
    }

    /** Whether a conversion is running. */
    public ReadOnlyBooleanProperty activeProperty() { return active.getReadOnlyProperty(); }
    /** e.g. "Converting photo-64 to ONNX (first use)". */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** Fraction done, or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
}
