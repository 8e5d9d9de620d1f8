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
