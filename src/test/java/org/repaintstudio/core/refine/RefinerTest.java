package org.repaintstudio.core.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.TestDenoisers;
import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.inpaint.CropPlan;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.sampler.SeededNoise;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.task.CancelToken;

class RefinerTest {
    private static final int TILE = 32;
    private static LoadedModel tiny;

    @BeforeAll
    static void load() {
        tiny = LoadedModel.open(Golden.tinyModel(), 2);
    }

    @AfterAll
    static void close() {
        tiny.close();
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

    private static RefineOptions quick() {
        return RefineOptions.defaults().withSteps(3).withOverlap(8).withMaxBatch(4).withEta(1);
    }

    /** The coarse pass stood in by a flat grey fill inside the mask (the refiner only needs its pixels). */
    static BufferedImage greyFill(BufferedImage photo, Mask mask) {
        BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                out.setRGB(x, y, mask.isFill(x, y) ? 0x808080 : photo.getRGB(x, y));
            }
        }
        return out;
    }

    private static BufferedImage flat(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void pixelsOutsideMaskAndBlendBandKeepTheirValuesExactly() {
        BufferedImage photo = TestImages.gradient(640, 480);
        Mask mask = rect(640, 480, 300, 200, 60, 40);
        CropPlan crop = CropPlan.plan(mask, TILE, CropPlan.DEFAULT_CONTEXT);
        RefineOptions opts = quick().withBlendWidth(3);
        BufferedImage out = Refiner.refine(photo, mask, greyFill(photo, mask), RefinePlan.plan(mask, crop.scale(), TILE, tiny.schedulerConfig(), opts), tiny.denoiser(), new SeededNoise(3), RefineListener.NONE, CancelToken.none());
        int band = opts.blendWidth() + 1;
        int changedInside = 0;
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                boolean near = x >= 300 - band && x < 360 + band && y >= 200 - band && y < 240 + band;
                if (!near) {
                    assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(photo.getRGB(x, y));
                } else if (mask.isFill(x, y) && out.getRGB(x, y) != 0xFF808080) {
                    changedInside++;
                }
            }
        }
        assertThat(changedInside).as("refined mask pixels").isGreaterThan(60 * 40 / 2);
    }

    @Test
    void levelsHalveTheScaleFromTheCropDownToTheImage() {
        assertThat(RefinePlan.levelCount(1.0)).isZero();
        assertThat(RefinePlan.levelCount(0.5)).isZero();
        assertThat(RefinePlan.levelCount(1.1)).isEqualTo(1);
        assertThat(RefinePlan.levelCount(2.1)).isEqualTo(1);
        assertThat(RefinePlan.levelCount(4.5)).isEqualTo(2);
        assertThat(RefinePlan.levelCount(7.86)).isEqualTo(3);
        Mask mask = rect(640, 480, 300, 200, 60, 40);
        RefinePlan plan = RefinePlan.plan(mask, CropPlan.plan(mask, TILE, 0.5).scale(), TILE, SchedulerConfig.defaults(), quick());
        assertThat(plan.levels()).extracting(RefineLevel::scale).containsExactly(2, 1);
    }

    @Test
    void nothingIsRefinedWhenTheCropIsNativeOrRefinementIsOff() {
        BufferedImage photo = TestImages.gradient(200, 150);
        Mask small = rect(200, 150, 90, 70, 8, 6);
        CropPlan nativeCrop = CropPlan.plan(small, TILE, CropPlan.DEFAULT_CONTEXT);
        assertThat(nativeCrop.scale()).isLessThanOrEqualTo(1.0);
        TestDenoisers.Counting counter = new TestDenoisers.Counting(tiny.denoiser(), -1, null);
        BufferedImage coarse = greyFill(photo, small);
        assertThat(Refiner.refine(photo, small, coarse, RefinePlan.plan(small, nativeCrop.scale(), TILE, tiny.schedulerConfig(), quick()), counter,
                new SeededNoise(1), RefineListener.NONE, CancelToken.none())).isSameAs(coarse);

        Mask large = rect(200, 150, 40, 30, 100, 80);
        CropPlan shrunk = CropPlan.plan(large, TILE, CropPlan.DEFAULT_CONTEXT);
        assertThat(shrunk.scale()).isGreaterThan(1.0);
        assertThat(Refiner.refine(photo, large, coarse, RefinePlan.plan(large, shrunk.scale(), TILE, tiny.schedulerConfig(), RefineOptions.off()), counter,
                new SeededNoise(1), RefineListener.NONE, CancelToken.none())).isSameAs(coarse);
        assertThat(counter.calls).isZero();
    }

    @Test
    void callCountIsStepsTimesTileBatchesPerLevel() {
        BufferedImage photo = TestImages.gradient(640, 480);
        Mask mask = rect(640, 480, 250, 180, 120, 90);
        CropPlan crop = CropPlan.plan(mask, TILE, CropPlan.DEFAULT_CONTEXT);
        RefineOptions opts = quick().withMaxBatch(3).withResampling(2, 2);
        RefinePlan plan = RefinePlan.plan(mask, crop.scale(), crop.modelSize(), tiny.schedulerConfig(), opts);
        int expected = 0;
        for (RefineLevel level : plan.levels()) {
            expected += plan.schedule().denoiseCount() * ((level.tiles().size() + 2) / 3);
        }
        // The tail of an 8-step schedule from index 2: steps 2, 1, 0, and the jumps at 2 and 0 each redo 2 steps.
        assertThat(plan.schedule().denoiseCount()).isEqualTo(3 + 2 + 2);
        assertThat(plan.totalCalls()).isEqualTo(expected);
        // A cheap analytic denoiser: this test counts calls, it does not judge pixels.
        TestDenoisers.Counting counter = new TestDenoisers.Counting(new TestDenoisers.IdealFlat(tiny.schedulerConfig(), 0x808080), -1,
                null);
        List<RefineProgress> events = new ArrayList<>();
        RefineListener listener = new RefineListener() {
            @Override
            public void running(RefineProgress p) {
                events.add(p);
            }
        };
        Refiner.refine(photo, mask, greyFill(photo, mask), plan, counter, new SeededNoise(2), listener,
                CancelToken.none());
        assertThat(counter.calls).isEqualTo(expected);
        assertThat(counter.samples).isEqualTo(plan.tileCount() * plan.schedule().denoiseCount());
        assertThat(events).hasSize(expected);
        assertThat(events.get(events.size() - 1).callsDone()).isEqualTo(expected - 1);
        assertThat(events.get(events.size() - 1).level()).isEqualTo(plan.levels().size());
    }

    @Test
    void cancellingBetweenTilesStopsBeforeTheNextUnetCall() {
        BufferedImage photo = TestImages.gradient(640, 480);
        Mask mask = rect(640, 480, 250, 180, 120, 90);
        CropPlan crop = CropPlan.plan(mask, TILE, CropPlan.DEFAULT_CONTEXT);
        CancelToken cancel = new CancelToken();
        TestDenoisers.Counting counter = new TestDenoisers.Counting(tiny.denoiser(), 3, cancel);
        assertThatThrownBy(() -> Refiner.refine(photo, mask, greyFill(photo, mask), RefinePlan.plan(mask, crop.scale(), TILE, tiny.schedulerConfig(), quick().withMaxBatch(1)), counter, new SeededNoise(1), RefineListener.NONE, cancel))
                .isInstanceOf(CancellationException.class);
        assertThat(counter.calls).isEqualTo(3);
    }

    /**
     * Stripes 4 px wide vanish into grey in every level above the photo's own pixels, so a scratch
     * across them can only follow them if the last level starts from its own known neighbours; the
     * coarse fill (grey) and the ideal denoiser (grey) carry none of them.
     */
    @Test
    void aScratchFollowsDetailThatOnlyTheLastLevelCanSee() {
        int w = 512;
        int h = 128;
        BufferedImage photo = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                photo.setRGB(x, y, (x / 4) % 2 == 0 ? 0x202020 : 0xE0E0E0);
            }
        }
        Mask scratch = rect(w, h, 16, 60, 480, 2);
        CropPlan crop = CropPlan.plan(scratch, TILE, CropPlan.DEFAULT_CONTEXT);
        SchedulerConfig cfg = SchedulerConfig.defaults();
        RefinePlan plan = RefinePlan.plan(scratch, crop.scale(), TILE, cfg, RefineOptions.defaults());
        assertThat(plan.levels()).hasSizeGreaterThanOrEqualTo(3);
        BufferedImage out = Refiner.refine(photo, scratch, greyFill(photo, scratch), plan,
                new TestDenoisers.IdealFlat(cfg, 0x808080), new SeededNoise(1), RefineListener.NONE, CancelToken.none());
        int right = 0;
        int total = 0;
        for (int y = 60; y < 62; y++) {
            for (int x = 16; x < 496; x++) {
                boolean dark = (photo.getRGB(x, y) & 0xFF) < 0x80;
                right += dark == ((out.getRGB(x, y) & 0xFF) < 0x80) ? 1 : 0;
                total++;
            }
        }
        assertThat(right).as("scratch pixels on the stripe's side of grey").isGreaterThan(total * 9 / 10);
    }

    @Test
    void aFlatPhotoStaysFlatAcrossOverlappingTiles() {
        int grey = 0x5A7896;
        BufferedImage photo = flat(400, 300, grey);
        Mask mask = rect(400, 300, 120, 90, 150, 110);
        CropPlan crop = CropPlan.plan(mask, TILE, CropPlan.DEFAULT_CONTEXT);
        SchedulerConfig cfg = SchedulerConfig.defaults();
        RefineOptions opts = quick().withOverlap(13).withMaxBatch(5);
        RefinePlan plan = RefinePlan.plan(mask, crop.scale(), crop.modelSize(), cfg, opts);
        assertThat(plan.levels().get(plan.levels().size() - 1).tiles().size()).isGreaterThan(4);
        BufferedImage out = Refiner.refine(photo, mask, photo, plan, new TestDenoisers.IdealFlat(cfg, grey),
                new SeededNoise(9), RefineListener.NONE, CancelToken.none());
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                assertThat(out.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(grey);
            }
        }
    }

    @Test
    void progressAndRegionEventsCoverEveryLevel() {
        BufferedImage photo = TestImages.gradient(640, 480);
        Mask mask = rect(640, 480, 300, 200, 60, 40);
        RefinePlan plan = RefinePlan.plan(mask, CropPlan.plan(mask, TILE, 0.5).scale(), TILE, tiny.schedulerConfig(), quick());
        List<Integer> levels = new ArrayList<>();
        List<RefineProgress> done = new ArrayList<>();
        RefineListener listener = new RefineListener() {
            @Override
            public void progressed(RefineProgress p) {
                done.add(p);
            }

            @Override
            public void regionUpdated(int level, int count, Mask.Box region, BufferedImage pixels) {
                levels.add(level);
                assertThat(pixels.getWidth()).isEqualTo(region.width());
                assertThat(region.x()).isLessThanOrEqualTo(300 - quick().blendWidth());
            }
        };
        Refiner.refine(photo, mask, greyFill(photo, mask), plan, tiny.denoiser(), new SeededNoise(4), listener,
                CancelToken.none());
        assertThat(levels).containsExactly(1, 2);
        assertThat(done).extracting(RefineProgress::callsDone).isSorted();
        assertThat(done.get(done.size() - 1).callsDone()).isEqualTo(plan.totalCalls());
        assertThat(done.get(done.size() - 1).fraction()).isEqualTo(1.0);
    }
}
