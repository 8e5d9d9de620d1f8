package org.repaintstudio.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.app.dialog.ScriptedDialogs;
import org.repaintstudio.app.model.ModelsViewModel.RemoveAction;
import org.repaintstudio.app.task.CurrentThreadTaskExecutor;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.hub.HubClient;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.model.ModelRegistry.Source;

/** The Models dialog's view-model on a real registry over temporary folders, on the calling thread. */
@Timeout(120)
class ModelsViewModelTest {
    @TempDir
    Path tmp;
    private Path bundled;
    private Path user;
    private ModelRegistry registry;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void setUp() {
        bundled = tmp.resolve("bundled");
        user = tmp.resolve("models");
        registry = new ModelRegistry(bundled, user, tmp.resolve("data"));
    }

    private ModelsViewModel create() {
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        ModelsViewModel vm = new ModelsViewModel(registry, () -> new HubClient(HubClient.DEFAULT_BASE_URL, null, 0),
                executor, executor, dialogs, changes::incrementAndGet);
        vm.refresh();
        return vm;
    }

    /** The tiny golden UNet (config, safetensors and a ready model.onnx) as a model folder. */
    static Path copyTiny(Path dir) throws IOException {
        Golden.copyUnet("tiny", dir);
        Files.copy(Golden.unet("tiny").resolve("model.onnx"), dir.resolve("model.onnx"));
        return dir;
    }

    private static ModelRow row(ModelsViewModel vm, String name) {
        return vm.rows().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + vm.rows()));
    }

    @Test
    void listsBundledUserAndImportedModelsAndBrokenFoldersWithTheirReason() throws IOException {
        copyTiny(bundled.resolve("tiny-bundled"));
        copyTiny(user.resolve("mine"));
        Files.createDirectories(user.resolve("broken"));
        Files.writeString(user.resolve("broken/README.md"), "not a model");
        registry.importModel(copyTiny(tmp.resolve("elsewhere/imported-tiny")));

        ModelsViewModel vm = create();

        assertThat(vm.rows()).extracting(ModelRow::name)
                .containsExactlyInAnyOrder("tiny-bundled", "mine", "imported-tiny", "broken");
        ModelRow b = row(vm, "tiny-bundled");
        assertThat(b.source()).isEqualTo(Source.BUNDLED);
        assertThat(b.sourceLabel()).isEqualTo("bundled");
        assertThat(b.resolution()).isEqualTo(32);
        assertThat(b.parameterCount()).isPositive();
        assertThat(b.sizeOnDisk()).isGreaterThan(8_000_000L);
        assertThat(b.license()).isEqualTo("unknown");
        assertThat(b.statusLabel()).isEqualTo("Ready");
        assertThat(row(vm, "mine").sourceLabel()).isEqualTo("your folder");
        assertThat(row(vm, "imported-tiny").sourceLabel()).isEqualTo("imported");
        ModelRow broken = row(vm, "broken");
        assertThat(broken.isProblem()).isTrue();
        assertThat(broken.statusLabel()).contains("is not a model folder").doesNotContain("Exception");
        // The first row is selected, so Info has something to show.
        assertThat(vm.selectedProperty().get()).isNotNull();
        assertThat(vm.detailsProperty().get()).isNotNull();
    }

    @Test
    void infoShowsLayoutConfigSchedulerFilesAndLicence() throws IOException {
        Path m = copyTiny(user.resolve("tiny-with-card"));
        Files.writeString(m.resolve("README.md"), "---\nlicense: mit\n---\n# tiny\n");
        Files.writeString(m.resolve("scheduler_config.json"),
                "{\"_class_name\": \"DDPMScheduler\", \"num_train_timesteps\": 1000, \"beta_schedule\": \"linear\","
                        + " \"beta_start\": 0.0001, \"beta_end\": 0.02, \"variance_type\": \"fixed_small\"}");
        ModelsViewModel vm = create();
        vm.selectedProperty().set(row(vm, "tiny-with-card"));

        ModelDetails d = vm.detailsProperty().get();
        assertThat(d.name()).isEqualTo("tiny-with-card");
        assertThat(d.value("Location")).isEqualTo(m.toAbsolutePath().normalize().toString());
        assertThat(d.value("Layout")).startsWith("diffusers UNet folder");
        assertThat(d.value("Licence")).isEqualTo("mit");
        assertThat(d.value("Sample size")).isEqualTo("32 × 32");
        assertThat(d.value("Channels")).isEqualTo("3 in, 3 out");
        assertThat(d.value("Block channels")).matches("\\d+(, \\d+)+");
        assertThat(d.value("Layers per block")).matches("\\d+");
        assertThat(d.value("From")).isEqualTo("scheduler_config.json");
        assertThat(d.value("Train timesteps")).isEqualTo("1000");
        assertThat(d.value("Beta schedule")).isEqualTo("linear");
        assertThat(d.value("Variance type")).isEqualTo("fixed_small");
        assertThat(d.section("Files").orElseThrow().facts()).extracting(ModelDetails.Fact::label)
                .contains("config.json", "diffusion_pytorch_model.safetensors", "model.onnx", "README.md");
        assertThat(d.value("model.onnx")).endsWith("MB");
        assertThat(d.asText()).contains("UNet config").contains("Scheduler").contains("Files");
    }

    @Test
    void importsAFolderAndAnOnnxFileThenRemovesThemFromTheListKeepingTheFiles() throws IOException {
        Path folder = copyTiny(tmp.resolve("downloads/my-ddpm"));
        Path onnxDir = Files.createDirectories(tmp.resolve("downloads/onnx"));
        Path onnx = Files.copy(Golden.unet("tiny").resolve("model.onnx"), onnxDir.resolve("faces.onnx"));
        ModelsViewModel vm = create();
        assertThat(vm.rows()).isEmpty();

        dialogs.folderAnswers.add(folder);
        vm.importFolderWithDialog();
        assertThat(row(vm, "my-ddpm").source()).isEqualTo(Source.IMPORTED);
        assertThat(vm.selectedProperty().get().name()).isEqualTo("my-ddpm");
        assertThat(vm.statusProperty().get()).isEqualTo("Imported my-ddpm.");
        assertThat(changes).hasValue(1);

        dialogs.openAnswers.add(onnx);
        vm.importOnnxWithDialog();
        ModelRow file = row(vm, "faces");
        assertThat(file.layout()).isEqualTo(ModelFolder.Layout.ONNX_FILE);
        assertThat(file.resolution()).isEqualTo(32);
        assertThat(vm.removeActionProperty().get()).isEqualTo(RemoveAction.FORGET);
        assertThat(changes).hasValue(2);

        vm.removeSelected();
        assertThat(vm.rows()).extracting(ModelRow::name).containsExactly("my-ddpm");
        assertThat(vm.statusProperty().get()).startsWith("Removed faces from the list; its files stay in");
        assertThat(onnx).exists();
        assertThat(changes).hasValue(3);

        vm.selectedProperty().set(row(vm, "my-ddpm"));
        vm.removeSelected();
        assertThat(vm.rows()).isEmpty();
        assertThat(folder.resolve("model.onnx")).exists();
        assertThat(dialogs.questions).as("forgetting asks nothing").isEmpty();
    }

    @Test
    void importingSomethingThatIsNotAModelSaysWhyInOneSentence() throws IOException {
        Path notAModel = Files.createDirectories(tmp.resolve("holiday-photos"));
        ModelsViewModel vm = create();
        vm.importModel(notAModel);
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0)).contains("is not a model folder").doesNotContain("\n").doesNotContain("Exception");
        assertThat(vm.statusIsErrorProperty().get()).isTrue();
        assertThat(changes).hasValue(0);
    }

    @Test
    void deletesAModelInTheUserFolderOnlyAfterConfirmationAndNeverABundledOne() throws IOException {
        copyTiny(bundled.resolve("tiny-bundled"));
        Path mine = copyTiny(user.resolve("mine"));
        ModelsViewModel vm = create();

        vm.selectedProperty().set(row(vm, "tiny-bundled"));
        assertThat(vm.removeActionProperty().get()).isEqualTo(RemoveAction.NONE);
        vm.removeSelected();
        assertThat(bundled.resolve("tiny-bundled/model.onnx")).exists();

        vm.selectedProperty().set(row(vm, "mine"));
        assertThat(vm.removeActionProperty().get()).isEqualTo(RemoveAction.DELETE);
        dialogs.confirmAnswers.add(false);
        vm.removeSelected();
        assertThat(dialogs.questions).hasSize(1);
        assertThat(dialogs.questions.get(0)).startsWith("Delete mine and its files").contains("cannot be undone");
        assertThat(mine).exists();
        assertThat(changes).hasValue(0);

        dialogs.confirmAnswers.add(true);
        vm.removeSelected();
        assertThat(mine).doesNotExist();
        assertThat(vm.rows()).extracting(ModelRow::name).containsExactly("tiny-bundled");
        assertThat(vm.statusProperty().get()).isEqualTo("Deleted mine.");
        assertThat(changes).hasValue(1);
    }

    @Test
    void convertsAModelThatNeedsConversionWithProgress() throws IOException {
        Path folder = Golden.copyUnet("celebahq_small", user.resolve("celeba-small"));
        ModelsViewModel vm = create();
        vm.selectedProperty().set(row(vm, "celeba-small"));
        ModelRow before = vm.selectedProperty().get();
        assertThat(before.needsConversion()).isTrue();
        assertThat(before.statusLabel()).isEqualTo("Needs conversion to ONNX");
        assertThat(vm.canConvertProperty().get()).isTrue();

        List<Double> fractions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<ModelsViewModel.Job> jobs = new ArrayList<>();
        vm.progressProperty().addListener((o, a, b) -> fractions.add(b.doubleValue()));
        vm.progressTextProperty().addListener((o, a, b) -> texts.add(b));
        vm.jobProperty().addListener((o, a, b) -> jobs.add(b));
        vm.convertSelected();

        assertThat(jobs).containsExactly(ModelsViewModel.Job.CONVERT, ModelsViewModel.Job.NONE);
        assertThat(fractions).anyMatch(f -> f > 0 && f < 1);
        assertThat(texts).anyMatch(t -> t.startsWith("Building the UNet graph"));
        assertThat(folder.resolve("model.onnx")).exists();
        assertThat(vm.statusProperty().get()).startsWith("Converted celeba-small to ONNX (").contains("parameters) in");
        ModelRow after = vm.selectedProperty().get();
        assertThat(after.name()).isEqualTo("celeba-small");
        assertThat(after.needsConversion()).isFalse();
        assertThat(vm.canConvertProperty().get()).isFalse();
        assertThat(changes).hasValue(1);
    }

    @Test
    void anUnfinishedDownloadIsShownAsSuchAndSelectingItOffersToResume() throws IOException {
        Path partial = Files.createDirectories(user.resolve("google--ddpm-ema-church-256/unet"));
        Files.writeString(partial.resolve("config.json"), "{}");
        Files.write(partial.resolve("diffusion_pytorch_model.safetensors.part"), new byte[5000]);
        ModelsViewModel vm = create();

        ModelRow r = row(vm, "google--ddpm-ema-church-256");
        assertThat(r.isProblem()).isTrue();
        assertThat(r.problem()).startsWith("Unfinished download of google/ddpm-ema-church-256 (")
                .endsWith("Download resumes it, Delete removes it.");
        vm.selectedProperty().set(r);
        assertThat(vm.repoIdProperty().get()).isEqualTo("google/ddpm-ema-church-256");
        assertThat(vm.removeActionProperty().get()).isEqualTo(RemoveAction.DELETE);
        assertThat(vm.detailsProperty().get().value("unet/diffusion_pytorch_model.safetensors.part"))
                .endsWith("(partial download)");
    }

    @Test
    void catalogueFillsTheRepositoryAndABadIdIsRefusedBeforeAnyNetwork() {
        ModelsViewModel vm = create();
        assertThat(vm.catalog()).isNotEmpty();
        assertThat(vm.catalog()).anyMatch(i -> i.repoId().equals("google/ddpm-ema-celebahq-256") && i.resolution() == 256);
        vm.selectedCatalogItemProperty().set(vm.catalog().get(0));
        assertThat(vm.repoIdProperty().get()).isEqualTo(vm.catalog().get(0).repoId());
        assertThat(vm.canDownloadBinding().get()).isTrue();

        vm.repoIdProperty().set("not a repo id");
        vm.download();
        assertThat(vm.jobProperty().get()).isEqualTo(ModelsViewModel.Job.NONE);
        assertThat(vm.statusIsErrorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).contains("is not a Hugging Face repository id");
        assertThat(vm.confirmClose()).isTrue();
        assertThat(dialogs.questions).isEmpty();
    }

    @Test
    void downloadProgressReadsAsBytesSpeedAndTimeLeft() {
        var p = new org.repaintstudio.core.hub.DownloadProgress("diffusion_pytorch_model.safetensors",
                12L << 20, 455L << 20, 4.2 * (1 << 20), java.time.Duration.ofSeconds(107));
        assertThat(ModelsViewModel.describe(p))
                .isEqualTo("diffusion_pytorch_model.safetensors: 12.0 MB of 455 MB · 4.2 MB/s · 1 min 47 s left");
        var unknown = new org.repaintstudio.core.hub.DownloadProgress("config.json", 812, -1, 0, null);
        assertThat(ModelsViewModel.describe(unknown)).isEqualTo("config.json: 812 B");
    }
}
