package org.repaintstudio.core.model;

import java.nio.file.Path;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.task.ProgressListener;

/**
 * A model ready to run: its ONNX Runtime session, the noise schedule it was trained with and its
 * resolution. Any {@link ModelFolder} works: a diffusers folder (converted to ONNX on first use)
 * or a bare {@code .onnx} file. Missing settings default to diffusers' DDPM ones (1000 linear betas
 * from 1e-4 to 0.02) and to the resolution the ONNX file declares ({@value #DEFAULT_RESOLUTION} if
 * dynamic). Keep one open and reuse it across runs: creating the session is the expensive part.
 */
public final class LoadedModel implements AutoCloseable {
    /** Resolution used for models whose ONNX input size is dynamic and whose config names none. */
    public static final int DEFAULT_RESOLUTION = 64;

    private final ModelFolder folder;
    private final OnnxDenoiser denoiser;
    private final SchedulerConfig schedulerConfig;
    private final int resolution;

    private LoadedModel(ModelFolder folder, OnnxDenoiser denoiser, SchedulerConfig schedulerConfig, int resolution) {
        this.folder = folder;
        this.denoiser = denoiser;
        this.schedulerConfig = schedulerConfig;
        this.resolution = resolution;
    }

    public static LoadedModel open(Path path, int threads) {
        return open(path, ExecutionOptions.cpu(threads));
    }

    public static LoadedModel open(Path path, ExecutionOptions execution) {
        return open(ModelFolder.open(path), execution, ProgressListener.NONE, CancelToken.none());
    }

    public static LoadedModel open(ModelFolder folder, int threads, ProgressListener conversion, CancelToken cancel) {
        return open(folder, ExecutionOptions.cpu(threads), conversion, cancel);
    }

    /** Opens a model, converting its safetensors to ONNX first if that has not been done yet. */
    public static LoadedModel open(ModelFolder folder, ExecutionOptions execution, ProgressListener conversion,
                                   CancelToken cancel) {
        Path onnx = folder.ensureOnnx(conversion, cancel);
        SchedulerConfig scheduler = SchedulerConfig.fromJson(folder.schedulerConfig());
        OnnxDenoiser denoiser = OnnxDenoiser.open(onnx, execution);
        try {
            int res = denoiser.fixedHeight() > 0 ? denoiser.fixedHeight()
                    : folder.resolution().orElse(DEFAULT_RESOLUTION);
            int width = denoiser.fixedWidth() > 0 ? denoiser.fixedWidth() : res;
            if (width != res) {
                throw new UserFacingException("The model is not square (" + width + "×" + res
                        + "); RePaint Studio needs a square model.");
            }
            org.repaintstudio.core.sampler.Shape.checkModelResolution(res);
            return new LoadedModel(folder, denoiser, scheduler, res);
        } catch (RuntimeException e) {
            denoiser.close();
            throw e;
        }
    }

    public ModelFolder folder() {
        return folder;
    }

    public String name() {
        return folder.displayName();
    }

    public Path location() {
        return folder.location();
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

    public ExecutionOptions execution() {
        return denoiser.execution();
    }

    /** Key of the measured speed: the same model runs at different speeds on each device. */
    public String speedKey() {
        return location() + "@" + execution().deviceName();
    }

    @Override
    public void close() {
        denoiser.close();
    }
}
