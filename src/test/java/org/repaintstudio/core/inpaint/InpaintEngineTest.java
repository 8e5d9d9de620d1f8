package org.repaintstudio.core.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.task.CancelToken;
import java.util.concurrent.CancellationException;
import org.repaintstudio.core.sampler.PipelineListener;
import org.repaintstudio.core.sampler.PipelineListener.Progress;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.refine.RefineOptions;

class InpaintEngineTest extends TinyEngineTest {

    private static RePaintParameters quick() {
        return new RePaintParameters(SamplerRegistry.byId("diffusers"), 10, 2, 2, 0, 5, 1, null, 2);
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
        InpaintOutcome out = engine.run(InpaintJob.of(img, mask, quick().withSeed(1)).withRefine(RefineOptions.off()), EngineListener.NONE,
                CancelToken.none());
        BufferedImage result = out.results().get(0);
        assertThat(result.getWidth()).isEqualTo(640);
        assertThat(result.getHeight()).isEqualTo(480);
        int band = out.crop().feather() + 1;
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
        InpaintOutcome out = engine.run(InpaintJob.of(img, mask, quick().withSamples(2).withSeed(3)),
                EngineListener.NONE, CancelToken.none());
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
        List<JobStage> stages = new ArrayList<>();
        InpaintJob job = InpaintJob.of(img, mask, quick().withSamples(2).withSeed(3)).withPreviews(PreviewPolicy.every(2));
        engine.run(job, new EngineListener() {
            @Override
            public void progressed(JobStage stage, Progress p) {
                progress.add(p);
                stages.add(stage);
            }

            @Override
            public void preview(Preview p) {
                assertThat(p.modelSpace().getWidth()).isEqualTo(32);
                assertThat(p.live()).as("no live composite unless asked").isNull();
                previewSamples.add(p.sample());
                if (p.isFinal()) {
                    finals[0]++;
                }
            }
        }, CancelToken.none());
        assertThat(stages).containsOnly(JobStage.COARSE);
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
        assertThatThrownBy(() -> engine.run(InpaintJob.of(img, mask, quick()), new EngineListener() {
            @Override
            public void progressed(JobStage stage, Progress p) {
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
        assertThatThrownBy(() -> engine.run(InpaintJob.of(img, new Mask(40, 30), quick()), EngineListener.NONE,
                CancelToken.none()))
                .isInstanceOf(UserFacingException.class).hasMessage("The mask is empty: there is nothing to inpaint.");
        assertThatThrownBy(() -> InpaintJob.of(img, new Mask(41, 30), quick()))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("The mask is 41×30 pixels but the image is 40×30");
        Mask full = new Mask(40, 30);
        full.fillAll(true);
        InpaintOutcome generated = engine.run(InpaintJob.of(img, full, quick()), EngineListener.NONE,
                CancelToken.none());
        assertThat(generated.results().get(0).getWidth()).isEqualTo(40);
    }

    @Test
    void sameSeedSameResult() {
        BufferedImage img = TestImages.gradient(32, 32);
        Mask mask = rect(32, 32, 8, 8, 10, 10);
        InpaintJob job = InpaintJob.of(img, mask, quick().withSeed(9));
        BufferedImage a = engine.run(job, EngineListener.NONE, CancelToken.none()).results().get(0);
        BufferedImage b = engine.run(job, EngineListener.NONE, CancelToken.none()).results().get(0);
        assertThat(a.getRGB(0, 0, 32, 32, null, 0, 32)).containsExactly(b.getRGB(0, 0, 32, 32, null, 0, 32));
    }

    @Test
    void metadataReproducesTheRunAndNamesTheCrop() {
        BufferedImage img = TestImages.gradient(120, 90);
        Mask mask = rect(120, 90, 50, 40, 12, 10);
        InpaintOutcome out = engine.run(InpaintJob.of(img, mask, quick().withSeed(4)).withSource("in.png"),
                EngineListener.NONE, CancelToken.none());
        CropPlan crop = out.crop();
        assertThat(crop).isEqualTo(InpaintEngine.cropPlan(mask, 32));
        assertThat(out.metadata(0))
                .containsEntry("Software", "RePaint Studio")
                .containsEntry("Source", "in.png")
                .containsEntry("Model", tiny.name())
                .containsEntry("repaint.mode", "diffusers")
                .containsEntry("repaint.steps", "10")
                .containsEntry("repaint.jump_length", "2")
                .containsEntry("repaint.seed", "4")
                .containsEntry("repaint.device", "cpu")
                .containsEntry("repaint.sample", "1")
                .containsEntry("repaint.crop", crop.x() + "," + crop.y() + "," + crop.side());
        JobPlan plan = out.plan();
        assertThat(plan.modelCalls()).isEqualTo(quick().modelCalls(tiny.schedulerConfig()));
        assertThat(out.stats().modelCalls()).isEqualTo(plan.modelCalls());
    }

    @Test
    void softMaskBlendsByWeightAndBinaryIsTheSpecialCase() {
        BufferedImage img = TestImages.gradient(32, 32);
        Mask mask = rect(32, 32, 8, 8, 12, 12);
        float[] weights = new float[32 * 32];
        for (int y = 8; y < 20; y++) {
            for (int x = 8; x < 20; x++) {
                weights[y * 32 + x] = x < 14 ? 1f : 0.5f;
            }
        }
        InpaintOutcome binary = engine.run(InpaintJob.of(img, mask, quick()), EngineListener.NONE, CancelToken.none());
        InpaintOutcome binaryAsSoft = engine.run(new InpaintJob(img, SoftMask.of(mask), quick(), null, null),
                EngineListener.NONE, CancelToken.none());
        assertThat(pixels(binaryAsSoft.results().get(0))).containsExactly(pixels(binary.results().get(0)));

        SoftMask soft = SoftMask.of(32, 32, weights);
        InpaintOutcome out = engine.run(new InpaintJob(img, soft, quick(), null, null), EngineListener.NONE,
                CancelToken.none());
        BufferedImage result = out.results().get(0);
        BufferedImage model = out.modelSpace().get(0);
        // At model size (scale 1) a half-weight pixel is the average of the input and the model's pixel.
        for (int y = 8; y < 20; y++) {
            for (int x = 14; x < 20; x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    int in = (img.getRGB(x, y) >> shift) & 0xFF;
                    int gen = (model.getRGB(x, y) >> shift) & 0xFF;
                    int got = (result.getRGB(x, y) >> shift) & 0xFF;
                    assertThat(Math.abs(got - (in + gen) / 2.0)).as("pixel %d,%d", x, y).isLessThanOrEqualTo(1.0);
                }
            }
        }
        // Full-weight pixels are the model's; pixels far from the mask are untouched.
        assertThat(result.getRGB(10, 10)).isEqualTo(model.getRGB(10, 10));
        assertThat(result.getRGB(30, 30)).isEqualTo(img.getRGB(30, 30));
    }

    @Test
    void liveCompositeIsOpaqueOnlyInsideTheMask() {
        BufferedImage img = TestImages.gradient(100, 100);
        Mask mask = rect(100, 100, 40, 40, 20, 20);
        List<EngineListener.Preview> live = new ArrayList<>();
        engine.run(InpaintJob.of(img, mask, quick()).withPreviews(PreviewPolicy.live(512)), new EngineListener() {
            @Override
            public void preview(Preview p) {
                if (p.live() != null) {
                    live.add(p);
                }
            }
        }, CancelToken.none());
        assertThat(live).isNotEmpty().allSatisfy(p -> assertThat(p.sample()).isZero());
        CropPlan plan = InpaintEngine.cropPlan(mask, 32);
        BufferedImage frame = live.get(live.size() - 1).live();
        assertThat(frame.getWidth()).isEqualTo(plan.side());
        assertThat(frame.getRGB(50 - plan.x(), 50 - plan.y()) >>> 24).isEqualTo(0xFF);
        assertThat(frame.getRGB(0, 0) >>> 24).isZero();
    }

    @Test
    void batchedJobsMatchTheirOwnCropsAndKeepPixelsOutside() {
        BufferedImage a = TestImages.gradient(48, 40);
        BufferedImage b = TestImages.gradient(32, 32);
        Mask ma = rect(48, 40, 10, 10, 8, 8);
        Mask mb = rect(32, 32, 4, 20, 10, 6);
        List<InpaintOutcome> outs = engine.runBatch(List.of(InpaintJob.of(a, ma, quick()), InpaintJob.of(b, mb, quick())),
                EngineListener.NONE, CancelToken.none());
        assertThat(outs).hasSize(2);
        assertThat(outs.get(0).results().get(0).getWidth()).isEqualTo(48);
        assertThat(outs.get(1).results().get(0).getWidth()).isEqualTo(32);
        assertThat(outs.get(1).results().get(0).getRGB(30, 2)).isEqualTo(b.getRGB(30, 2));
        assertThatThrownBy(() -> engine.runBatch(List.of(InpaintJob.of(a, ma, quick()),
                InpaintJob.of(b, mb, quick().withEta(0.5))), EngineListener.NONE, CancelToken.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBlendBandFollowsTheMaskNotTheImageOrTheCrop() {
        Mask mask = rect(4000, 3000, 2000, 1500, 40, 30);
        CropPlan crop = InpaintEngine.cropPlan(mask, 32);
        Resample.BlendBand band = Resample.featherAlpha(SoftMask.of(mask), crop);
        int f = crop.feather();
        assertThat(band.width()).isEqualTo(40 + 2 * (f + 1));
        assertThat(band.height()).isEqualTo(30 + 2 * (f + 1));
        assertThat(band.alpha().length).isLessThan(crop.side() * crop.side() / 2);
        assertThat(band.at(2010, 1510)).isEqualTo(1f);
        assertThat(band.at(2000 - f - 1, 1510)).isZero();
        assertThat(band.at(0, 0)).isZero();
    }

    @Test
    void softMasksStoreEightBitLevels() {
        SoftMask m = SoftMask.of(3, 1, new float[] {0f, 0.5f, 2f});
        assertThat(m.fill(0, 0)).isZero();
        assertThat(m.fill(1, 0)).isEqualTo(128 / 255f);
        assertThat(m.fill(2, 0)).isEqualTo(1f);
        assertThat(m.isBinary()).isFalse();
        assertThat(m.support().fillCount()).isEqualTo(2);
        assertThat(SoftMask.of(rect(4, 4, 1, 1, 2, 2)).isBinary()).isTrue();
        assertThat(SoftMask.of(new Mask(4, 4)).isEmpty()).isTrue();
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
