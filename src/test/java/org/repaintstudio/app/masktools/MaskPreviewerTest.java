package org.repaintstudio.app.masktools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The slider's preview runs off the UI thread and shows only the latest amount. */
class MaskPreviewerTest {
    private final List<Integer> computed = new CopyOnWriteArrayList<>();
    private final List<Integer> shown = new CopyOnWriteArrayList<>();
    /** Stands in for the UI thread: the test runs what is posted to it. */
    private final BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    /** A command whose first call waits, as a slow preview on a large picture would. */
    private MaskPreviewer previewer() {
        return new MaskPreviewer(amount -> {
            computed.add(amount);
            if (computed.size() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
            return new byte[] {(byte) amount};
        }, mask -> shown.add((int) mask[0]), ui::add);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void runUi() throws InterruptedException {
        Runnable r = ui.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a preview was posted to the UI thread").isNotNull();
        r.run();
    }

    @Test
    void amountsQueuedBehindASlowPreviewCollapseIntoTheLatest() throws InterruptedException {
        try (MaskPreviewer p = previewer()) {
            p.request(1);
            await(firstStarted);
            p.request(2); // the slider moves on while amount 1 is computed
            p.request(3);
            releaseFirst.countDown();
            runUi(); // amount 1's result arrives late: a newer amount was asked for
            runUi();
            assertThat(computed).containsExactly(1, 3);
            assertThat(shown).containsExactly(3);
        }
    }

    @Test
    void noPreviewArrivesAfterTheDialogCloses() throws InterruptedException {
        MaskPreviewer p = previewer();
        p.request(7);
        await(firstStarted);
        p.close(); // OK or Cancel while the preview is computed
        releaseFirst.countDown();
        runUi();
        assertThat(computed).containsExactly(7);
        assertThat(shown).isEmpty();
    }

    @Test
    void okReusesTheLastPreviewOfTheChosenAmountAndComputesAnyOther() throws InterruptedException {
        releaseFirst.countDown();
        try (MaskPreviewer p = previewer()) {
            p.request(5);
            runUi();
            assertThat(shown).containsExactly(5);
            assertThat(p.maskFor(5)).containsExactly(5);
            assertThat(computed).as("the preview of 5 is the result of 5").containsExactly(5);
            assertThat(p.maskFor(6)).containsExactly(6);
            assertThat(computed).containsExactly(5, 6);
        }
    }
}
