package org.repaintstudio.core.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.TestDenoisers;
import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.refine.RefineLevel;
import org.repaintstudio.core.refine.RefineOptions;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.task.CancelToken;

/** The engine's multi-pass jobs: the coarse pass, then refinement levels, with the tiny 32-px test model. */
class InpaintEngineRefineTest extends TinyEngineTest {

    private static RePaintParameters quick() {
        return new RePaintParameters(SamplerRegistry.byId("diffusers"), 10, 2, 2, 0, 5, 1, null, 2);
    }

    private static RefineOptions refine() {
        return RefineOptions.defaults().withSteps(3).withOverlap(8).withMaxBatch(4);
    }

    static Mask rect(int w, int h, int x0, int y0, int rw, int rh) {
        Mask m = new Mask(w, h);
        for (int y = y0; y < y0 + rh; y++) {
            for (int x = x0; x < x0 + rw; x++) {
                m.set(x, y, true);
            }
        }
        return m;
    }

    /** A 320×240 gradient with a 60×40 hole: the crop is shrunk about 3.75×, so two levels refine it. */
    private static InpaintJob job() {
        return InpaintJob.of(TestImages.gradient(320, 240), rect(320, 240, 130, 100, 60, 40), quick().withSeed(5))
                .withRefine(refine());
    }

    @Test
    void planHasTheCoarsePassThenOneStagePerLevelAndTheirTilesCoverTheMask() {
        InpaintJob job = job();
        JobPlan plan = engine.plan(job);
        assertThat(plan.refine().levels()).hasSize(2);
        assertThat(plan.stages()).extracting(JobStage::label)
                .containsExactly("level 1/3 coarse", "level 2/3", "level 3/3 · tiles 1/" + plan.stages().get(2).tileCount());
        assertThat(plan.modelCalls()).isEqualTo(plan.coarseCalls() + plan.refine().totalCalls());
        RefineLevel last = plan.refine().levels().get(1);
        assertThat(last.scale()).isEqualTo(1);
        Mask mask = job.mask().support();
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                if (mask.isFill(x, y)) {
                    int px = x;
                    int py = y;
                    assertThat(last.tiles()).as("tile over %d,%d", x, y).anySatisfy(t -> {
                        assertThat(px).isBetween(t.x(), t.right() - 1);
                        assertThat(py).isBetween(t.y(), t.bottom() - 1);
                    });
                }
            }
        }
    }

    @Test
    void pixelsOutsideTheMaskAndBlendBandStayBitIdenticalAndTheFillChanges() {
        InpaintJob job = job();
        InpaintOutcome refined = engine.run(job, EngineListener.NONE, CancelToken.none());
        InpaintOutcome coarse = engine.run(job.withRefine(RefineOptions.off()), EngineListener.NONE, CancelToken.none());
        BufferedImage in = job.image();
        BufferedImage out = refined.results().get(0);
        int band = refine().blendWidth() + 1;
        int differsFromCoarse = 0;
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                boolean near = x >= 130 - band && x < 190 + band && y >= 100 - band && y < 140 + band;
                if (!near) {
                    assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(in.getRGB(x, y));
                } else if (job.mask().fill(x, y) > 0 && out.getRGB(x, y) != coarse.results().get(0).getRGB(x, y)) {
                    differsFromCoarse++;
                }
            }
        }
        assertThat(differsFromCoarse).as("refined pixels").isGreaterThan(60 * 40 / 2);
        assertThat(pixels(refined.modelSpace().get(0))).as("the coarse pass is the same")
                .containsExactly(pixels(coarse.modelSpace().get(0)));
        assertThat(refined.metadata(0).get("repaint.refine")).startsWith("levels=2,strength=0.3,steps=3");
        assertThat(coarse.metadata(0)).containsEntry("repaint.refine", "off");
    }

    @Test
    void theOffSwitchGivesTheCoarsePassPixels() {
        InpaintJob job = job().withRefine(RefineOptions.off());
        JobPlan plan = engine.plan(job);
        assertThat(plan.refines()).isFalse();
        assertThat(plan.stages()).containsExactly(JobStage.COARSE);
        InpaintOutcome out = engine.run(job, EngineListener.NONE, CancelToken.none());
        BufferedImage expected = Resample.blendBack(job.image(), out.modelSpace().get(0), plan.crop(),
                Resample.featherAlpha(job.mask(), plan.crop()));
        assertThat(pixels(out.results().get(0))).containsExactly(pixels(expected));
        assertThat(out.jobCalls()).isEqualTo(out.stats().modelCalls());
    }

    @Test
    void nothingIsRefinedWhereTheCropWasNotShrunk() {
        InpaintJob job = InpaintJob.of(TestImages.gradient(200, 150), rect(200, 150, 90, 70, 8, 6), quick());
        JobPlan plan = engine.plan(job);
        assertThat(plan.crop().scale()).isLessThanOrEqualTo(1.0);
        assertThat(plan.refines()).isFalse();
        InpaintOutcome out = engine.run(job, EngineListener.NONE, CancelToken.none());
        InpaintOutcome off = engine.run(job.withRefine(RefineOptions.off()), EngineListener.NONE, CancelToken.none());
        assertThat(pixels(out.results().get(0))).containsExactly(pixels(off.results().get(0)));
        assertThat(out.metadata(0)).containsEntry("repaint.refine", "none");
    }

    @Test
    void aSeedReproducesTheRefinedPixels() {
        InpaintJob job = job();
        BufferedImage a = engine.run(job, EngineListener.NONE, CancelToken.none()).results().get(0);
        BufferedImage b = engine.run(job, EngineListener.NONE, CancelToken.none()).results().get(0);
        assertThat(pixels(a)).containsExactly(pixels(b));
    }

    @Test
    void progressCoversEveryPassAndReachesTheWholeJobsCalls() {
        TestDenoisers.Counting counter = new TestDenoisers.Counting(tiny.denoiser(), -1, null);
        InpaintEngine counted = new InpaintEngine(counter, tiny.schedulerConfig(), 32, "tiny", "cpu");
        InpaintJob job = job().withParams(quick().withSamples(2));
        JobPlan plan = counted.plan(job);
        List<JobProgress> events = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        counted.run(job, new EngineListener() {
            @Override
            public void jobProgressed(JobProgress p) {
                events.add(p);
            }

            @Override
            public void regionUpdated(JobStage stage, int sample, Mask.Box region, BufferedImage img) {
                assertThat(img.getWidth()).isEqualTo(region.width());
                regions.add(sample + ":" + stage.pass());
            }
        }, CancelToken.none());
        assertThat(plan.modelCalls()).isEqualTo(plan.coarseCalls() + 2 * plan.refine().totalCalls());
        assertThat(counter.calls).isEqualTo(plan.modelCalls());
        assertThat(events).extracting(JobProgress::callsDone).isSorted();
        JobProgress last = events.get(events.size() - 1);
        assertThat(last.callsDone()).isEqualTo(plan.modelCalls());
        assertThat(last.callsTotal()).isEqualTo(plan.modelCalls());
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(last.etaNanos()).isZero();
        assertThat(last.stage().label()).startsWith("level 3/3");
        assertThat(events).extracting(p -> p.stage().pass()).contains(0, 1, 2);
        assertThat(regions).containsExactly("0:1", "0:2", "1:1", "1:2");
    }

    @Test
    void cancelBetweenTilesStopsWithinOneCallAndReturnsNothing() {
        CancelToken token = new CancelToken();
        TestDenoisers.Counting counter = new TestDenoisers.Counting(tiny.denoiser(), -1, null);
        InpaintEngine counted = new InpaintEngine(counter, tiny.schedulerConfig(), 32, "tiny", "cpu");
        InpaintJob job = job().withRefine(refine().withMaxBatch(1));
        int coarseCalls = counted.plan(job).coarseCalls();
        List<InpaintOutcome> outcome = new ArrayList<>();
        assertThatThrownBy(() -> outcome.add(counted.run(job, new EngineListener() {
            @Override
            public void jobProgressed(JobProgress p) {
                if (p.stage().isRefinement() && p.callsDone() == coarseCalls + 3) {
                    token.cancel();
                }
            }
        }, token))).isInstanceOf(CancellationException.class);
        assertThat(counter.calls).isEqualTo(coarseCalls + 3);
        assertThat(outcome).isEmpty();
    }

    @Test
    void overlappingTilesAndTheBlendBandLeaveNoSeamOnAFlatPhoto() {
        int colour = 0x5A7896;
        BufferedImage photo = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                photo.setRGB(x, y, colour);
            }
        }
        SchedulerConfig cfg = SchedulerConfig.defaults();
        InpaintEngine ideal = new InpaintEngine(new TestDenoisers.IdealFlat(cfg, colour), cfg, 32, "flat", "cpu");
        InpaintJob job = InpaintJob.of(photo, rect(300, 200, 80, 50, 130, 90), quick())
                .withRefine(refine().withOverlap(13));
        JobPlan plan = ideal.plan(job);
        assertThat(plan.refine().levels().get(plan.refine().levels().size() - 1).tiles().size()).isGreaterThan(4);
        BufferedImage out = ideal.run(job, EngineListener.NONE, CancelToken.none()).results().get(0);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    int got = (out.getRGB(x, y) >> shift) & 0xFF;
                    assertThat(Math.abs(got - ((colour >> shift) & 0xFF))).as("pixel %d,%d", x, y)
                            .isLessThanOrEqualTo(1);
                }
            }
        }
    }

    @Test
    void outpaintingKeepsEveryKnownPixelExactlyWithAndWithoutRefinement() {
        BufferedImage canvas = TestImages.gradient(240, 120);
        Mask extension = rect(240, 120, 180, 0, 60, 120);
        for (RefineOptions opts : List.of(refine(), RefineOptions.off())) {
            InpaintJob job = InpaintJob.of(canvas, extension, quick()).withRefine(opts).withKeepKnownExact(true);
            InpaintOutcome out = engine.run(job, EngineListener.NONE, CancelToken.none());
            assertThat(out.plan().refines()).isEqualTo(opts.enabled());
            assertKnownPixelsExact(canvas, job.mask(), out.results().get(0));
            assertThat(out.metadata(0)).containsEntry("repaint.known_pixels", "exact");
        }
        InpaintOutcome banded = engine.run(InpaintJob.of(canvas, extension, quick()).withRefine(refine()),
                EngineListener.NONE, CancelToken.none());
        assertThat(banded.results().get(0).getRGB(178, 60)).as("inpainting blends outside the mask")
                .isNotEqualTo(canvas.getRGB(178, 60));
    }

    @Test
    void aSoftMaskBlendsByItsOwnWeightAndLeavesZeroWeightPixelsExact() {
        BufferedImage photo = TestImages.gradient(320, 240);
        float[] weights = new float[320 * 240];
        for (int y = 90; y < 150; y++) {
            for (int x = 120; x < 200; x++) {
                weights[y * 320 + x] = x < 130 ? 0.5f : 1f;
            }
        }
        SoftMask soft = SoftMask.of(320, 240, weights);
        InpaintJob job = new InpaintJob(photo, soft, quick(), null, null).withRefine(refine());
        InpaintOutcome out = engine.run(job, EngineListener.NONE, CancelToken.none());
        assertThat(out.plan().refines()).isTrue();
        assertKnownPixelsExact(photo, soft, out.results().get(0));
    }

    private static void assertKnownPixelsExact(BufferedImage input, SoftMask mask, BufferedImage result) {
        for (int y = 0; y < input.getHeight(); y++) {
            for (int x = 0; x < input.getWidth(); x++) {
                if (mask.fill(x, y) == 0f) {
                    assertThat(result.getRGB(x, y)).as("known pixel %d,%d", x, y).isEqualTo(input.getRGB(x, y));
                }
            }
        }
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
