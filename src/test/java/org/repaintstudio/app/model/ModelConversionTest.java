package org.repaintstudio.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.app.dialog.ScriptedDialogs;
import org.repaintstudio.app.prefs.Settings;
import org.repaintstudio.app.run.RunViewModel;
import org.repaintstudio.app.task.CurrentThreadTaskExecutor;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.model.ExecutionOptions;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.model.ModelFolder;

/**
 * A model picked in the main window that has safetensors but no model.onnx is converted with
 * progress and can be cancelled: the main window's run view-model with the real converter on the
 * tiny golden UNet, on the calling thread.
 */
class ModelConversionTest {
    @TempDir
    Path tmp;

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final ModelConversion conversion = new ModelConversion(executor);

    /** The tiny model as it comes from a download: safetensors and config, not yet converted. */
    private Path unconvertedModel() throws IOException {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("tiny"));
        Files.deleteIfExists(dir.resolve(ModelFolder.ONNX));
        assertThat(ModelFolder.open(dir).needsConversion()).isTrue();
        return dir;
    }

    private RunViewModel runViewModel(Path model) {
        ModelCatalog catalog = new ModelCatalog() {
            @Override
            public List<ModelChoice> list() {
                return List.of(new ModelChoice("tiny", model, 32, 1, "test"));
            }

            @Override
            public ModelChoice add(Path p) {
                throw new UnsupportedOperationException();
            }
        };
        BiFunction<Path, ExecutionOptions, LoadedModel> opener =
                (p, e) -> LoadedModel.open(p, new ExecutionOptions(e.provider(), e.deviceId(), 1));
        return new RunViewModel(catalog, executor, dialogs, new Settings(), () -> {}, conversion.converting(opener));
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void pickingAnUnconvertedModelConvertsItWithProgressThenOpensIt() throws IOException {
        Path model = unconvertedModel();
        RunViewModel run = runViewModel(model);
        List<Double> fractions = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        conversion.progressProperty().addListener((o, a, f) -> fractions.add(f.doubleValue()));
        conversion.titleProperty().addListener((o, a, t) -> titles.add(t));

        run.refreshModels();

        assertThat(titles).contains("Converting tiny to ONNX (first use)");
        assertThat(fractions).anySatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
        assertThat(conversion.activeProperty().get()).isFalse();
        assertThat(model.resolve(ModelFolder.ONNX)).isRegularFile();
        assertThat(run.modelProperty().get()).isNotNull();
        assertThat(run.modelProperty().get().resolution()).isEqualTo(32);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void cancellingTheConversionLeavesNoPartialModelAndNoLoadedModel() throws IOException {
        Path model = unconvertedModel();
        List<String> before = files(model);
        RunViewModel run = runViewModel(model);
        // Press Cancel once, as soon as the conversion reports its first step.
        boolean[] pressed = {false};
        conversion.progressTextProperty().addListener((o, a, text) -> {
            if (!pressed[0] && conversion.activeProperty().get() && !text.isEmpty() && !text.equals("Starting…")) {
                pressed[0] = true;
                conversion.cancel();
            }
        });

        run.refreshModels();

        assertThat(pressed[0]).isTrue();
        assertThat(files(model)).isEqualTo(before);
        assertThat(conversion.activeProperty().get()).isFalse();
        assertThat(run.modelProperty().get()).isNull();
        assertThat(run.modelLoadingProperty().get()).isFalse();
        assertThat(run.modelStatusProperty().get()).isEqualTo("No model loaded: converting tiny was stopped.");
        assertThat(run.selectedModelProperty().get()).isNull();
        assertThat(dialogs.errors).isEmpty();

        // Picking it again converts it after all.
        run.selectedModelProperty().set(run.models().get(0));
        assertThat(model.resolve(ModelFolder.ONNX)).isRegularFile();
        assertThat(run.modelProperty().get()).isNotNull();
    }

    @Test
    void aModelWhoseCardNamesADomainShowsItInThePicker() throws IOException {
        Path model = unconvertedModel();
        Files.writeString(model.resolve(ModelFolder.TRAINING_STATE), "{\"domain\": \"natural photos\"}");
        ModelChoice choice = RegistryModelCatalog.choice(new org.repaintstudio.core.model.ModelRegistry.Entry(
                ModelFolder.open(model), org.repaintstudio.core.model.ModelRegistry.Source.BUNDLED));
        assertThat(choice.domain()).isEqualTo("natural photos");
        assertThat(choice.label()).startsWith("tiny · natural photos · 32 px · ");
        ModelRow row = ModelRow.of(new org.repaintstudio.core.model.ModelRegistry.Entry(
                ModelFolder.open(model), org.repaintstudio.core.model.ModelRegistry.Source.BUNDLED), true);
        assertThat(ModelInspector.details(row).value("Domain")).isEqualTo("natural photos");
    }
}
