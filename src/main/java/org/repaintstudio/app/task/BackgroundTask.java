package org.repaintstudio.app.task;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.concurrent.CancellationException;

/**
 * A unit of background work described fluently (in the style of JabRef's BackgroundTask): what to
 * compute, and what to do with the result on the UI thread. Run it with a {@link TaskExecutor}.
 * The callbacks always run on the UI thread of the executor.
 */
public final class BackgroundTask<V> {
    /** The work itself; runs on a background thread. */
    @FunctionalInterface
    public interface Work<V> {
        V call(TaskContext context) throws Exception;
    }

    private final String title;
    private final Work<V> work;
    private Runnable onRunning = () -> {};
    private Consumer<V> onSuccess = v -> {};
    private Consumer<Throwable> onFailure;
    private Runnable onCancelled = () -> {};
    private Runnable onFinished = () -> {};
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty message = new SimpleStringProperty("");

    private BackgroundTask(String title, Work<V> work) {
        this.title = title;
        this.work = Objects.requireNonNull(work);
    }

    public static <V> BackgroundTask<V> of(String title, Work<V> work) {
        return new BackgroundTask<>(title, work);
    }

    public static <V> BackgroundTask<V> wrap(String title, Callable<V> callable) {
        return new BackgroundTask<>(title, ctx -> callable.call());
    }

    public static BackgroundTask<Void> run(String title, Runnable runnable) {
        return new BackgroundTask<>(title, ctx -> {
            runnable.run();
            return null;
        });
    }

    public BackgroundTask<V> onRunning(Runnable r) {
        onRunning = r;
        return this;
    }

    public BackgroundTask<V> onSuccess(Consumer<V> c) {
        onSuccess = c;
        return this;
    }

    public BackgroundTask<V> onFailure(Consumer<Throwable> c) {
        onFailure = c;
        return this;
    }

    public BackgroundTask<V> onCancelled(Runnable r) {
        onCancelled = r;
        return this;
    }

    /** After success, failure or cancellation. */
    public BackgroundTask<V> onFinished(Runnable r) {
        onFinished = r;
        return this;
    }

    public String title() {
        return title;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    // --- used by executors -------------------------------------------------------------------

    V call(TaskContext context) throws Exception {
        return work.call(context);
    }

    void setProgress(double value) {
        progress.set(value);
    }

    void setMessage(String value) {
        message.set(value);
    }

    void fireRunning() {
        onRunning.run();
    }

    void fireSucceeded(V value) {
        try {
            onSuccess.accept(value);
        } finally {
            onFinished.run();
        }
    }

    /** Cancellation surfaces as {@link CancellationException} from the engine and is not a failure. */
    void fireFailed(Throwable error, Consumer<Throwable> fallback) {
        try {
            if (error instanceof CancellationException) {
                onCancelled.run();
            } else if (onFailure != null) {
                onFailure.accept(error);
            } else {
                fallback.accept(error);
            }
        } finally {
            onFinished.run();
        }
    }
}
