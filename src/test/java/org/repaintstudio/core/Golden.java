package org.repaintstudio.core;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The copy of the shared golden reference data in src/test/resources/golden. */
public final class Golden {
    private Golden() {}

    public static Path root() {
        try {
            return Path.of(Golden.class.getResource("/golden/README.md").toURI()).getParent();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("golden test resources missing", e);
        }
    }

    public static Path tinyModel() {
        return root().resolve("unet/tiny/model.onnx");
    }

    public static Path celebaSmallModel() {
        return root().resolve("unet/celebahq_small/model.onnx");
    }
}
