package org.repaintstudio.app.masktools;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Computes a mask command's live preview off the UI thread, for the latest amount only: the
 * slider moves at the UI's frame rate whatever the picture's size, and the preview follows as
 * fast as the command allows (a few milliseconds for an object-sized mask, a few hundred for one
 * over a whole 12-megapixel picture). {@link #maskFor} gives the exact mask for the chosen amount
 * on OK, reusing the last preview when it is of that amount. One previewer per dialog;
 * {@link #close()} when the dialog closes, after which no preview arrives any more.
 */
public final class MaskPreviewer implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final IntFunction<byte[]> command;
    private final Consumer<byte[]> show;
    private final Consumer<Runnable> uiThread;
    private final ExecutorService worker;
    /** Bumped per request and on close; a result is shown only if no newer request came meanwhile. */
    private final AtomicLong generation = new AtomicLong();
    /** The latest preview computed, written and read on the worker thread. */
    private Computed last;

    private record Computed(int amount, byte[] mask) {}

    /**
     * @param command  the mask per amount (called on the previewer's thread)
     * @param show     shows a preview (called on the UI thread)
     * @param uiThread runs an action on the UI thread, e.g. {@code Platform::runLater}
     */
    public MaskPreviewer(IntFunction<byte[]> command, Consumer<byte[]> show, Consumer<Runnable> uiThread) {
        this.command = command;
        this.show = show;
        this.uiThread = uiThread;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "repaint-mask-preview-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for the preview of {@code amount}; earlier requests that have not started are dropped. */
    public void request(int amount) {
        long mine = generation.incrementAndGet();
        worker.execute(() -> {
            if (generation.get() != mine) {
                return; // a newer amount is queued behind this one
            }
            byte[] mask = command.apply(amount);
            last = new Computed(amount, mask);
            uiThread.accept(() -> {
                if (generation.get() == mine) {
                    show.accept(mask);
                }
            });
        });
    }

    /**
     * The mask for the chosen amount, for OK: the last preview's when it was of this amount (the
     * same computation, so the same bytes), else computed now after any preview under way.
     */
    public byte[] maskFor(int amount) {
        generation.incrementAndGet(); // no more previews
        try {
            return worker.submit(() -> {
                Computed c = last;
                return c != null && c.amount() == amount ? c.mask() : command.apply(amount);
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command.apply(amount);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Drops every pending and late preview and ends the thread. */
    @Override
    public void close() {
        generation.incrementAndGet();
        worker.shutdown();
    }
}
