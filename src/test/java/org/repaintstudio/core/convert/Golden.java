package org.repaintstudio.core.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Access to the golden reference data under src/test/resources/golden (read-only: copy before writing). */
public final class Golden {
    private Golden() {}

    public static Path root() {
        return Paths.get("src", "test", "resources", "golden").toAbsolutePath();
    }

    public static Path unet(String name) {
        return root().resolve("unet").resolve(name);
    }

    /** Copies a golden UNet's config and weights (not its model.onnx) into {@code dir}. */
    public static Path copyUnet(String name, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(unet(name).resolve("config.json"), dir.resolve("config.json"));
        Path weights = unet(name).resolve("diffusion_pytorch_model.safetensors");
        if (Files.exists(weights)) {
            Files.copy(weights, dir.resolve("diffusion_pytorch_model.safetensors"));
        }
        return dir;
    }

    public static float[] readF32(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    public static long[] readI64(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / 8];
        b.asLongBuffer().get(out);
        return out;
    }
}
