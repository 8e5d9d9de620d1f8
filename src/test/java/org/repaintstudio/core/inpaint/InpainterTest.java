package org.repaintstudio.core.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.task.CancelToken;
import java.util.concurrent.CancellationException;
import org.repaintstudio.core.sampler.PipelineListener;
import org.repaintstudio.core.sampler.SeededNoise;

class InpainterTest {
    private static LoadedModel tiny;

    @BeforeAll
    static void load() {
        tiny = LoadedModel.open(Golden.root().resolve("unet/tiny"), 2);
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    private static RePaintParameters quick() {
        return new RePaintParameters(RePaintParameters.Mode.DIFFUSERS, 10, 2, 2, 0, 5, 1, null, 2);
    }

    private static Mask rect(int w, int h, int x0, int y0, int rw, int rh) {
        Mask m = new Mask(w, h);
        for (int y = y0; y < y0 + rh; y++) {
            for (int x = x0; x < x0 + rw; x++) {
                m.set(x, y, true);
            }
        }
        return m;
    }

    @Test
    void largeImageKeepsEveryPixelOutsideMaskAndFeather() {
        BufferedImage img = TestImages.gradient(640, 480);
        Mask mask = rect(640, 480, 300, 200, 30, 20);
        Inpainter inpainter = new Inpainter(tiny.denoiser(), tiny.schedulerConfig(), tiny.resolution());
        Inpainter.Outcome out = inpainter.run(img, mask, quick(), new SeededNoise(1), new Inpainter.Listener() {},
                CancelToken.none());
        BufferedImage result = out.results().get(0);
        assertThat(result.getWidth()).isEqualTo(640);
        assertThat(result.getHeight()).isEqualTo(480);
        int band = out.plan().feather() + 1;
        int changedInside = 0;
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                boolean nearMask = x >= 300 - band && x < 330 + band && y >= 200 - band && y < 220 + band;
                if (!nearMask) {
                    assertThat(result.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(img.getRGB(x, y));
                } else if (mask.isFill(x, y) && result.getRGB(x, y) != img.getRGB(x, y)) {
                    changedInside++;
                }
            }
        }
        assertThat(changedInside).isGreaterThan(300);
    }

    @Test
    void cropIsASquareAroundTheMaskWithContext() {
        Mask mask = rect(640, 480, 300, 200, 30, 20);
        CropPlan plan = CropPlan.plan(mask, 32, CropPlan.DEFAULT_CONTEXT);
        assertThat(plan.x()).isLessThanOrEqualTo(300 - plan.feather());
        assertThat(plan.y()).isLessThanOrEqualTo(200 - plan.feather());
        assertThat(plan.x() + plan.side()).isGreaterThanOrEqualTo(330 + plan.feather());
        assertThat(plan.y() + plan.side()).isGreaterThanOrEqualTo(220 + plan.feather());
        assertThat(plan.side()).isGreaterThanOrEqualTo(32).isLessThan(100);
        // A mask at the image edge keeps the square inside the image.
        CropPlan corner = CropPlan.plan(rect(640, 480, 0, 0, 10, 10), 32, CropPlan.DEFAULT_CONTEXT);
        assertThat(corner.x()).isZero();
        assertThat(corner.y()).isZero();
        // An image at the model's size is used whole, without resampling.
        CropPlan same = CropPlan.plan(rect(32, 32, 4, 4, 20, 20), 32, CropPlan.DEFAULT_CONTEXT);
        assertThat(same).isEqualTo(new CropPlan(0, 0, 32, 32, same.feather()));
    }

    @Test
    void imageAtModelSizeKeepsKnownPixelsExactly() {
        BufferedImage img = TestImages.gradient(32, 32);
        Mask mask = rect(32, 32, 8, 8, 10, 10);
        Inpainter inpainter = new Inpainter(tiny.denoiser(), tiny.schedulerConfig(), 32);
        Inpainter.Outcome out = inpainter.run(img, mask, quick().withSamples(2), new SeededNoise(3),
                new Inpainter.Listener() {}, CancelToken.none());
        assertThat(out.results()).hasSize(2);
        BufferedImage model = out.modelSpace().get(0);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                if (!mask.isFill(x, y)) {
                    assertThat(model.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
                }
            }
        }
    }

    @Test
    void previewsAndProgressArriveForEverySample() {
        BufferedImage img = TestImages.gradient(64, 48);
        Mask mask = rect(64, 48, 20, 10, 15, 15);
        List<Integer> previewSamples = new ArrayList<>();
        List<PipelineListener.Progress> progress = new ArrayList<>();
        int[] finals = {0};
        Inpainter inpainter = new Inpainter(tiny.denoiser(), tiny.schedulerConfig(), tiny.resolution());
        inpainter.run(img, mask, quick().withSamples(2), new SeededNoise(3), new Inpainter.Listener() {
            @Override
            public void progressed(Progress p) {
                progress.add(p);
            }

            @Override
            public void previewImage(int sample, int denoiseDone, BufferedImage modelSpace, boolean isFinal) {
                assertThat(modelSpace.getWidth()).isEqualTo(32);
                previewSamples.add(sample);
                if (isFinal) {
                    finals[0]++;
                }
            }
        }, CancelToken.none());
        assertThat(finals[0]).isEqualTo(2);
        assertThat(previewSamples).contains(0, 1);
        assertThat(previewSamples.size()).isGreaterThanOrEqualTo(2 * 5);
        assertThat(progress).hasSize(quick().schedule(tiny.schedulerConfig()).size());
        PipelineListener.Progress last = progress.get(progress.size() - 1);
        assertThat(last.denoiseDone()).isEqualTo(last.denoiseTotal());
        assertThat(last.etaNanos()).isZero();
        assertThat(progress.get(0).elapsedNanos()).isLessThanOrEqualTo(last.elapsedNanos());
    }

    @Test
    void cancelStopsBeforeTheNextModelCall() {
        BufferedImage img = TestImages.gradient(32, 32);
        Mask mask = rect(32, 32, 8, 8, 10, 10);
        CancelToken token = new CancelToken();
        int[] calls = {0};
        Inpainter inpainter = new Inpainter(tiny.denoiser(), tiny.schedulerConfig(), 32);
        assertThatThrownBy(() -> inpainter.run(img, mask, quick(), new SeededNoise(1), new Inpainter.Listener() {
            @Override
            public void progressed(Progress p) {
                calls[0] = p.denoiseDone();
                if (p.denoiseDone() == 3) {
                    token.cancel();
                }
            }
        }, token)).isInstanceOf(CancellationException.class);
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void degenerateMasks() {
        BufferedImage img = TestImages.gradient(40, 30);
        Inpainter inpainter = new Inpainter(tiny.denoiser(), tiny.schedulerConfig(), 32);
        assertThatThrownBy(() -> inpainter.run(img, new Mask(40, 30), quick(), new SeededNoise(1),
                new Inpainter.Listener() {}, CancelToken.none()))
                .isInstanceOf(UserFacingException.class).hasMessage("The mask is empty: there is nothing to inpaint.");
        assertThatThrownBy(() -> inpainter.run(img, new Mask(41, 30), quick(), new SeededNoise(1),
                new Inpainter.Listener() {}, CancelToken.none()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("The mask is 41×30 pixels but the image is 40×30");
        Mask full = new Mask(40, 30);
        full.fillAll(true);
        Inpainter.Outcome generated = inpainter.run(img, full, quick(), new SeededNoise(1), new Inpainter.Listener() {},
                CancelToken.none());
        assertThat(generated.results().get(0).getWidth()).isEqualTo(40);
    }

    @Test
    void sameSeedSameResult() {
        BufferedImage img = TestImages.gradient(32, 32);
        Mask mask = rect(32, 32, 8, 8, 10, 10);
        Inpainter inpainter = new Inpainter(tiny.denoiser(), tiny.schedulerConfig(), 32);
        BufferedImage a = inpainter.run(img, mask, quick(), new SeededNoise(9), new Inpainter.Listener() {},
                CancelToken.none()).results().get(0);
        BufferedImage b = inpainter.run(img, mask, quick(), new SeededNoise(9), new Inpainter.Listener() {},
                CancelToken.none()).results().get(0);
        assertThat(a.getRGB(0, 0, 32, 32, null, 0, 32)).containsExactly(b.getRGB(0, 0, 32, 32, null, 0, 32));
    }
}
