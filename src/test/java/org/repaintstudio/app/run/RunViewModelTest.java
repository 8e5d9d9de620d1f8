package org.repaintstudio.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.repaintstudio.app.dialog.ScriptedDialogs;
import org.repaintstudio.app.model.ModelCatalog;
import org.repaintstudio.app.model.ModelChoice;
import org.repaintstudio.app.prefs.Settings;
import org.repaintstudio.app.task.CurrentThreadTaskExecutor;
import org.repaintstudio.core.Golden;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.inpaint.RePaintParameters.Preset;
import org.repaintstudio.core.model.LoadedModel;

/** The run view-model on the calling thread, with the tiny golden model: no stage needed. */
class RunViewModelTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    private RunViewModel create(Settings settings) {
        Path tiny = Golden.tinyModel().getParent();
        ModelCatalog catalog = new ModelCatalog() {
            @Override
            public List<ModelChoice> list() {
                return List.of(new ModelChoice("tiny", tiny, 32, 1, "test"));
            }

            @Override
            public ModelChoice add(Path p) {
                throw new UnsupportedOperationException();
            }
        };
        java.util.function.BiFunction<Path, org.repaintstudio.core.model.ExecutionOptions, LoadedModel> opener =
                (p, e) -> LoadedModel.open(p, new org.repaintstudio.core.model.ExecutionOptions(e.provider(), e.deviceId(), 1));
        RunViewModel vm = new RunViewModel(catalog, new CurrentThreadTaskExecutor(), dialogs, settings, () -> {}, opener);
        vm.refreshModels();
        return vm;
    }

    private static RunViewModel.RunInput input() {
        BufferedImage img = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
        Mask mask = new Mask(80, 60);
        for (int y = 20; y < 40; y++) {
            for (int x = 30; x < 50; x++) {
                mask.set(x, y, true);
            }
        }
        return new RunViewModel.RunInput(img, mask, "test.png");
    }

    @Test
    void presetsParametersScheduleAndEstimate() {
        Settings settings = new Settings();
        RunViewModel vm = create(settings);
        assertThat(vm.modelProperty().get().resolution()).isEqualTo(32);
        vm.applyPreset(Preset.PAPER);
        assertThat(vm.matchingPresetProperty().get()).isEqualTo(Preset.PAPER);
        assertThat(vm.scheduleProperty().get().denoiseCount()).isEqualTo(vm.modelCallsProperty().get());
        assertThat(vm.estimateProperty().get()).contains("UNet calls").contains("calls/s");
        assertThat(settings.msPerCall).hasSize(1);

        vm.etaProperty().set(0.0);
        assertThat(vm.matchingPresetProperty().get()).as("eta is part of a preset").isNull();
        vm.applyPreset(Preset.FAST);
        assertThat(vm.parameters().eta()).isEqualTo(Preset.ETA);
        assertThat(vm.matchingPresetProperty().get()).isEqualTo(Preset.FAST);

        vm.jumpLengthProperty().set(400);
        assertThat(vm.problemProperty().get()).startsWith("The jump length");
        assertThat(vm.matchingPresetProperty().get()).isNull();
        assertThat(vm.scheduleProperty().get()).isNull();
    }

    @Test
    void runDeliversPreviewsProgressAndResults() {
        Settings settings = new Settings();
        settings.steps = 10;
        settings.jumpLength = 3;
        settings.jumpNSample = 2;
        settings.samples = 2;
        settings.seed = 5;
        settings.seedLocked = true;
        RunViewModel vm = create(settings);
        List<Integer> cursor = new ArrayList<>();
        vm.cursorEntryProperty().addListener((o, a, b) -> cursor.add(b.intValue()));

        assertThat(vm.run(RunViewModelTest::input)).isTrue();

        assertThat(dialogs.messages).isEmpty();
        assertThat(vm.results()).hasSize(2);
        RunResult r = vm.results().get(0);
        assertThat(r.image().getWidth()).isEqualTo(80);
        assertThat(r.frames()).isNotEmpty();
        assertThat(r.metadata()).containsEntry("repaint.seed", "5").containsEntry("repaint.steps", "10");
        assertThat(vm.previewsReceivedProperty().get()).isGreaterThan(2);
        assertThat(cursor).contains(vm.scheduleProperty().get().size() - 1);
        assertThat(vm.lastRunProperty().get()).startsWith("Last run");
        assertThat(vm.seedProperty().get()).isEqualTo(5);
    }

    /** A 240×180 picture with a 50×40 hole: the tiny model's crop is shrunk, so two refinement levels follow. */
    private static RunViewModel.RunInput photoInput() {
        BufferedImage img = org.repaintstudio.core.TestImages.gradient(240, 180);
        Mask mask = new Mask(240, 180);
        for (int y = 70; y < 110; y++) {
            for (int x = 95; x < 145; x++) {
                mask.set(x, y, true);
            }
        }
        return new RunViewModel.RunInput(img, mask, "photo.png");
    }

    private static Settings quickSettings() {
        Settings settings = new Settings();
        settings.steps = 6;
        settings.jumpLength = 2;
        settings.jumpNSample = 1;
        settings.samples = 1;
        settings.seedLocked = true;
        return settings;
    }

    @Test
    void aRunShowsEveryLevelItsTileBatchesAndTheLiveCompositeOverTheWholeJob() {
        RunViewModel vm = create(quickSettings());
        List<String> stages = new ArrayList<>();
        List<Double> progress = new ArrayList<>();
        List<RunViewModel.LiveFrame> frames = new ArrayList<>();
        vm.stageTextProperty().addListener((o, a, b) -> stages.add(b));
        vm.progressProperty().addListener((o, a, b) -> progress.add(b.doubleValue()));
        vm.liveFrameProperty().addListener((o, a, b) -> frames.add(b));
        List<Integer> plotted = new ArrayList<>();
        List<Integer> cursor = new ArrayList<>();
        vm.scheduleProperty().addListener((o, a, b) -> plotted.add(b == null ? 0 : b.size()));
        vm.cursorEntryProperty().addListener((o, a, b) -> cursor.add(b.intValue()));
        int coarseEntries = vm.scheduleProperty().get().size();

        assertThat(vm.run(RunViewModelTest::photoInput)).isTrue();

        int whole = plotted.get(0);
        assertThat(whole).as("the plot shows the levels after the coarse schedule").isGreaterThan(coarseEntries);
        assertThat(cursor).as("the cursor walks into the levels").contains(whole - 1);

        assertThat(dialogs.messages).isEmpty();
        assertThat(stages).contains("Coarse pass (level 1 of 3)");
        assertThat(stages).anyMatch(t -> t.startsWith("Refining level 2 of 3 · tile batch 1/"));
        assertThat(stages).anyMatch(t -> t.startsWith("Refining level 3 of 3 · tile batch")
                && t.endsWith("at the photo's own resolution"));
        assertThat(vm.stageTextProperty().get()).as("cleared when done").isEmpty();
        assertThat(progress).isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
        assertThat(progress).as("the coarse pass is only part of the job").anyMatch(p -> p > 0.05 && p < 0.95);
        // A level's region is opaque from its corner; the coarse composite is transparent outside the mask.
        List<RunViewModel.LiveFrame> regions = frames.stream()
                .filter(f -> f != null && f.composite().getRGB(0, 0) >>> 24 == 0xFF).toList();
        assertThat(regions).as("one live region per refinement level").hasSize(2);
        assertThat(regions.get(1).plan().x()).isLessThanOrEqualTo(95);
        assertThat(vm.results().get(0).metadata().get("repaint.refine")).startsWith("levels=2");
        assertThat(vm.lastRunProperty().get()).startsWith("Last run");
    }

    @Test
    void theEstimateBeforeARunCountsTheRefinementOfThePaintedMaskAndMatchesTheRunsOwn() {
        RunViewModel vm = create(quickSettings());
        String coarseOnly = vm.estimateProperty().get();
        assertThat(coarseOnly).doesNotContain("refinement");

        vm.maskChanged(photoInput().mask());
        String before = vm.estimateProperty().get();
        assertThat(before).contains("+ 2 refinement levels").contains("about");
        vm.refineProperty().set(false);
        assertThat(vm.estimateProperty().get()).isEqualTo(coarseOnly);
        vm.refineProperty().set(true);
        assertThat(vm.estimateProperty().get()).isEqualTo(before);

        List<String> during = new ArrayList<>();
        vm.estimateProperty().addListener((o, a, b) -> during.add(b));
        assertThat(vm.run(RunViewModelTest::photoInput)).isTrue();
        // The run's plan gives the same calls as the forecast (the time may differ: it was re-measured; an
        // unchanged text fires no change).
        String atStart = during.isEmpty() ? vm.estimateProperty().get() : during.get(0);
        assertThat(atStart.replaceFirst(" · about.*", "")).isEqualTo(before.replaceFirst(" · about.*", ""));

        vm.maskChanged(null);
        assertThat(vm.estimateProperty().get()).doesNotContain("refinement");
    }

    @Test
    void detailSettingsArePersistedAndTheOffSwitchRunsTheCoarsePassOnly() {
        Settings settings = quickSettings();
        RunViewModel vm = create(settings);
        vm.refineProperty().set(false);
        vm.refineStrengthProperty().set(0.5);
        vm.blendWidthProperty().set(7);
        assertThat(vm.refineOptions().copyGrain()).as("copied grain is the default").isTrue();
        vm.copyGrainProperty().set(false);
        vm.storeSettings();
        assertThat(settings.refine).isFalse();
        assertThat(settings.copyGrain).isFalse();
        assertThat(settings.refineStrength).isEqualTo(0.5);
        assertThat(settings.blendWidth).isEqualTo(7);
        RunViewModel again = create(settings);
        assertThat(again.refineProperty().get()).isFalse();
        assertThat(again.refineOptions().strength()).isEqualTo(0.5);
        assertThat(again.refineOptions().blendWidth()).isEqualTo(7);
        assertThat(again.refineOptions().copyGrain()).isFalse();
        List<String> stages = new ArrayList<>();
        again.stageTextProperty().addListener((o, a, b) -> stages.add(b));
        assertThat(again.run(RunViewModelTest::photoInput)).isTrue();
        assertThat(stages).allMatch(String::isEmpty);
        assertThat(again.results().get(0).metadata()).containsEntry("repaint.refine", "off");
    }

    @Test
    void anExtendedCanvasRunKeepsEveryKnownPixelExactly() {
        BufferedImage picture = org.repaintstudio.core.TestImages.gradient(160, 120);
        org.repaintstudio.core.mask.CanvasExtension ext = org.repaintstudio.core.mask.CanvasExtension.of(picture,
                new org.repaintstudio.core.mask.CanvasExtension.Margins(0, 40, 0, 0));
        int w = ext.image().getWidth();
        int h = ext.image().getHeight();
        Mask mask = new Mask(w, h);
        for (int i = 0; i < ext.mask().length; i++) {
            mask.set(i % w, i / w, ext.mask()[i] != 0);
        }
        RunViewModel vm = create(quickSettings());
        assertThat(vm.run(() -> new RunViewModel.RunInput(ext.image(), mask, "wide.png"))).isTrue();
        BufferedImage result = vm.results().get(0).image();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < 160; x++) {
                assertThat(result.getRGB(x, y)).as("known pixel %d,%d", x, y).isEqualTo(picture.getRGB(x, y));
            }
        }
        assertThat(vm.results().get(0).metadata()).containsEntry("repaint.known_pixels", "exact");
    }

    @Test
    void unlockedSeedChangesPerRunAndAnEmptyMaskIsRefused() {
        Settings settings = new Settings();
        settings.steps = 5;
        settings.jumpLength = 2;
        settings.jumpNSample = 1;
        settings.samples = 1;
        RunViewModel vm = create(settings);
        long before = vm.seedProperty().get();
        vm.run(RunViewModelTest::input);
        assertThat(vm.seedProperty().get()).isNotEqualTo(before);

        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        assertThat(vm.run(() -> new RunViewModel.RunInput(img, new Mask(10, 10), "x"))).isFalse();
        assertThat(dialogs.messages).anySatisfy(m -> assertThat(m).contains("Paint over"));
    }

    @Test
    void anUnavailableGpuFallsBackToTheCpuWithANoticeAndStaysChosen() {
        Settings settings = new Settings();
        settings.device = "cuda:0";
        RunViewModel vm = create(settings);
        assertThat(vm.modelProperty().get()).as("the model still opens").isNotNull();
        assertThat(vm.deviceNoticeProperty().get()).startsWith("Running on the CPU: ").contains("CUDA");
        assertThat(vm.modelStatusProperty().get()).contains("cpu").contains("Running on the CPU");
        assertThat(vm.deviceProperty().get()).isEqualTo("cuda:0");
        vm.storeSettings();
        assertThat(settings.device).isEqualTo("cuda:0");
        assertThat(settings.msPerCall.keySet()).allSatisfy(k -> assertThat(k).contains("@cpu|batch "));
    }

    @Test
    void durationsReadNaturally() {
        assertThat(RunViewModel.formatDuration(0.2)).isEqualTo("1 s");
        assertThat(RunViewModel.formatDuration(42)).isEqualTo("42 s");
        assertThat(RunViewModel.formatDuration(125)).isEqualTo("2 min 05 s");
        assertThat(RunViewModel.formatDuration(7300)).isEqualTo("2 h 01 min");
    }
}
