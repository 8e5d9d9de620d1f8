package org.repaintstudio.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.schedule.SchedulerConfig;

/**
 * A model ready to run: its ONNX Runtime session, the noise schedule it was trained with and its
 * resolution. Accepts a folder in diffusers' layout ({@code model.onnx} with {@code config.json}
 * and {@code scheduler_config.json} at the root, or {@code unet/} and {@code scheduler/}
 * subfolders) or a bare {@code .onnx} file. Missing settings default to diffusers' DDPM ones:
 * 1000 linear betas from 1e-4 to 0.02, and the resolution the ONNX file declares (64 if dynamic).
 * Keep one open and reuse it across runs: creating the session is the expensive part.
 */
public final class LoadedModel implements AutoCloseable {
    /** Resolution used for models whose ONNX input size is dynamic and whose config names none. */
    public static final int DEFAULT_RESOLUTION = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path location;
    private final OnnxDenoiser denoiser;
    private final SchedulerConfig schedulerConfig;
    private final int resolution;

    private LoadedModel(String name, Path location, OnnxDenoiser denoiser, SchedulerConfig schedulerConfig,
                        int resolution) {
        this.name = name;
        this.location = location;
        this.denoiser = denoiser;
        this.schedulerConfig = schedulerConfig;
        this.resolution = resolution;
    }

    public static LoadedModel open(Path path, int threads) {
        if (!Files.exists(path)) {
            throw new UserFacingException("The model " + path + " does not exist.");
        }
        Path onnx;
        Path configDir;
        if (Files.isDirectory(path)) {
            configDir = Files.isRegularFile(path.resolve("unet/model.onnx")) ? path.resolve("unet") : path;
            onnx = configDir.resolve("model.onnx");
            if (!Files.isRegularFile(onnx)) {
                throw new UserFacingException("The model folder " + path + " has no model.onnx"
                        + (Files.exists(configDir.resolve("diffusion_pytorch_model.safetensors"))
                        ? "; convert it first (repaint-studio convert " + path + ")." : "."));
            }
        } else if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            onnx = path;
            configDir = path.getParent();
        } else {
            throw new UserFacingException(path.getFileName() + " is not a model: expected a folder or an .onnx file.");
        }
        JsonNode unetConfig = readOptional(configDir.resolve("config.json"));
        JsonNode scheduler = firstPresent(
                configDir.resolve("scheduler_config.json"),
                path.resolve("scheduler/scheduler_config.json"),
                configDir.resolveSibling("scheduler").resolve("scheduler_config.json"));
        SchedulerConfig sc = scheduler == null ? SchedulerConfig.defaults() : SchedulerConfig.fromJson(scheduler);
        if (scheduler == null && unetConfig != null && unetConfig.hasNonNull("num_train_timesteps")) {
            sc = sc.withTrainTimesteps(unetConfig.get("num_train_timesteps").asInt());
        }
        OnnxDenoiser denoiser = OnnxDenoiser.open(onnx, threads);
        try {
            int res = denoiser.fixedHeight() > 0 ? denoiser.fixedHeight()
                    : unetConfig != null && unetConfig.path("sample_size").isInt() ? unetConfig.get("sample_size").asInt()
                    : DEFAULT_RESOLUTION;
            if (denoiser.fixedWidth() > 0 && denoiser.fixedWidth() != res) {
                throw new UserFacingException("The model is not square (" + denoiser.fixedWidth() + "×"
                        + denoiser.fixedHeight() + "); RePaint Studio needs a square model.");
            }
            String name = Files.isDirectory(path) ? path.toAbsolutePath().normalize().getFileName().toString()
                    : path.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
            return new LoadedModel(name, path, denoiser, sc, res);
        } catch (RuntimeException e) {
            denoiser.close();
            throw e;
        }
    }

    private static JsonNode firstPresent(Path... candidates) {
        for (Path p : candidates) {
            JsonNode n = readOptional(p);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private static JsonNode readOptional(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserFacingException(file.getFileName() + " in " + file.getParent() + " is not valid JSON.", e);
        }
    }

    public String name() {
        return name;
    }

    public Path location() {
        return location;
    }

    public OnnxDenoiser denoiser() {
        return denoiser;
    }

    public SchedulerConfig schedulerConfig() {
        return schedulerConfig;
    }

    public int resolution() {
        return resolution;
    }

    @Override
    public void close() {
        denoiser.close();
    }
}
