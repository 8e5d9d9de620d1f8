package org.repaintstudio.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UiCoalescerTest {
    /** Collects UI actions instead of running them, like a busy UI thread would. */
    static final class QueuedUi implements TaskExecutor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public <V> TaskHandle execute(BackgroundTask<V> task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void runOnUiThread(Runnable action) {
            queued.add(action);
        }

        @Override
        public void close() {}
    }

    @Test
    void aBurstBecomesOneUiActionWithTheLatestValue() {
        QueuedUi ui = new QueuedUi();
        List<Integer> seen = new ArrayList<>();
        UiCoalescer<Integer> c = new UiCoalescer<>(ui, seen::add);
        for (int i = 0; i < 1000; i++) {
            c.post(i);
        }
        assertThat(ui.queued).hasSize(1);
        ui.queued.get(0).run();
        assertThat(seen).containsExactly(999);
        c.post(1000);
        assertThat(ui.queued).hasSize(2);
    }

    @Test
    void currentThreadExecutorReportsCancellationSeparately() {
        CurrentThreadTaskExecutor ex = new CurrentThreadTaskExecutor();
        List<String> events = new ArrayList<>();
        ex.execute(BackgroundTask.of("t", ctx -> {
                    throw new java.util.concurrent.CancellationException();
                })
                .onSuccess(v -> events.add("success"))
                .onFailure(e -> events.add("failure"))
                .onCancelled(() -> events.add("cancelled"))
                .onFinished(() -> events.add("finished")));
        assertThat(events).containsExactly("cancelled", "finished");
    }
}
