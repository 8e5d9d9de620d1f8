package org.repaintstudio.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.app.dialog.ScriptedDialogs;
import org.repaintstudio.app.model.ModelsViewModel.Job;
import org.repaintstudio.app.task.CurrentThreadTaskExecutor;
import org.repaintstudio.core.convert.Golden;
import org.repaintstudio.core.hub.FakeHub;
import org.repaintstudio.core.hub.HubClient;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.model.ModelRegistry.Source;

/**
 * Downloads through the Models view-model from a real HTTP server on loopback that serves the
 * Hub's URL layout ({@link FakeHub}); no part of the HTTP client is mocked.
 */
@Timeout(120)
class ModelsDownloadTest {
    private static final String REPO = "someone/ddpm-tiny";
    private static final String WEIGHTS = "unet/diffusion_pytorch_model.safetensors";

    @TempDir
    Path tmp;
    private FakeHub hub;
    private ModelRegistry registry;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final AtomicInteger changes = new AtomicInteger();
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<Double> fractions = new CopyOnWriteArrayList<>();
    private long weightsSize;

    @BeforeEach
    void setUp() throws IOException {
        hub = new FakeHub();
        byte[] weights = Files.readAllBytes(Golden.unet("tiny").resolve("diffusion_pytorch_model.safetensors"));
        weightsSize = weights.length;
        hub.put(REPO, "unet/config.json", Files.readAllBytes(Golden.unet("tiny").resolve("config.json")));
        hub.put(REPO, WEIGHTS, weights);
        hub.put(REPO, "scheduler/scheduler_config.json",
                "{\"_class_name\": \"DDPMScheduler\", \"num_train_timesteps\": 1000}".getBytes(StandardCharsets.UTF_8));
        hub.put(REPO, "README.md", "---\nlicense: mit\n---\n".getBytes(StandardCharsets.UTF_8));
        registry = new ModelRegistry(tmp.resolve("bundled"), tmp.resolve("models"), tmp.resolve("data"));
    }

    @AfterEach
    void tearDown() {
        hub.close();
    }

    private ModelsViewModel create(URI base) {
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        ModelsViewModel vm = new ModelsViewModel(registry, () -> new HubClient(base, null, 1), executor, executor,
                dialogs, changes::incrementAndGet);
        vm.refresh();
        vm.progressTextProperty().addListener((o, a, b) -> texts.add(b));
        vm.progressProperty().addListener((o, a, b) -> fractions.add(b.doubleValue()));
        return vm;
    }

    @Test
    void downloadShowsBytesSpeedAndTimeLeftThenConvertsAndListsTheModel() {
        hub.bytesPerSecond = 2_500_000; // about 1.6 s for the 4 MB weights: long enough to measure a speed
        ModelsViewModel vm = create(hub.baseUrl());
        vm.repoIdProperty().set(REPO);
        vm.download();

        assertThat(texts).anyMatch(t -> t.startsWith("unet/diffusion_pytorch_model.safetensors: ") && t.contains(" MB of 3.8 MB"));
        assertThat(texts).as("speed and time left").anyMatch(t -> t.contains("/s · ") && t.endsWith(" left"));
        assertThat(fractions).anyMatch(f -> f > 0.05 && f < 0.95);
        assertThat(texts).as("the conversion has its own progress").anyMatch(t -> t.startsWith("Converting to ONNX: "));
        assertThat(vm.jobProperty().get()).isEqualTo(Job.NONE);
        assertThat(vm.statusProperty().get()).isEqualTo("Downloaded someone/ddpm-tiny; it is ready to use.");
        assertThat(vm.statusIsErrorProperty().get()).isFalse();

        ModelRow row = vm.selectedProperty().get();
        assertThat(row.name()).isEqualTo(REPO);
        assertThat(row.source()).isEqualTo(Source.USER);
        assertThat(row.needsConversion()).isFalse();
        assertThat(row.license()).isEqualTo("mit");
        assertThat(row.location()).isEqualTo(tmp.resolve("models/someone--ddpm-tiny"));
        assertThat(tmp.resolve("models/someone--ddpm-tiny/unet/model.onnx")).exists();
        assertThat(changes).as("the run panel's picker is refreshed").hasValue(1);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void cancelKeepsThePartFileAndTheNextDownloadResumesFromIt() {
        hub.bytesPerSecond = 1_000_000;
        ModelsViewModel vm = create(hub.baseUrl());
        vm.repoIdProperty().set(REPO);
        // Stop as soon as a fifth of the weights has arrived (progress reaches the view-model).
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        vm.progressProperty().addListener((o, a, b) -> {
            if (vm.progressTextProperty().get().startsWith("unet/diffusion_pytorch_model") && b.doubleValue() > 0.2
                    && once.compareAndSet(false, true)) {
                vm.cancel();
            }
        });
        vm.download();

        Path part = tmp.resolve("models/someone--ddpm-tiny/" + WEIGHTS + ".part");
        assertThat(vm.statusProperty().get()).isEqualTo("Stopped; the next download resumes where this one stopped.");
        assertThat(vm.statusIsErrorProperty().get()).isFalse();
        assertThat(part).exists();
        long kept = part.toFile().length();
        assertThat(kept).isGreaterThan(0).isLessThan(weightsSize);
        assertThat(tmp.resolve("models/someone--ddpm-tiny/" + WEIGHTS)).doesNotExist();
        ModelRow unfinished = vm.selectedProperty().get();
        assertThat(unfinished.isProblem()).isTrue();
        assertThat(unfinished.problem()).startsWith("Unfinished download of someone/ddpm-tiny");
        assertThat(changes).hasValue(0);
        assertThat(dialogs.errors).isEmpty();

        hub.bytesPerSecond = 0;
        int before = hub.seen().size();
        vm.download();
        assertThat(vm.statusProperty().get()).isEqualTo("Downloaded someone/ddpm-tiny; it is ready to use.");
        assertThat(hub.seen().subList(before, hub.seen().size()))
                .filteredOn(s -> s.method().equals("GET") && s.path().endsWith(".safetensors"))
                .extracting(FakeHub.Seen::range).containsExactly("bytes=" + kept + "-");
        assertThat(part).doesNotExist();
        assertThat(vm.selectedProperty().get().name()).isEqualTo(REPO);
    }

    @Test
    void withoutANetworkOneClearSentence() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ModelsViewModel vm = create(URI.create("http://127.0.0.1:" + closedPort));
        vm.repoIdProperty().set(REPO);
        vm.download();

        String expected = "Could not connect to 127.0.0.1:" + closedPort
                + ": check the network connection (or the proxy settings) and try again.";
        assertThat(vm.statusProperty().get()).isEqualTo(expected);
        assertThat(vm.statusIsErrorProperty().get()).isTrue();
        assertThat(dialogs.errors).containsExactly(expected);
        assertThat(vm.jobProperty().get()).isEqualTo(Job.NONE);
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void aMissingRepositoryIsReportedAsTheHubSaysIt() {
        ModelsViewModel vm = create(hub.baseUrl());
        vm.repoIdProperty().set("someone/nothing-here");
        vm.download();
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0)).startsWith("Repository someone/nothing-here has no diffusers UNet")
                .doesNotContain("Exception");
    }
}
