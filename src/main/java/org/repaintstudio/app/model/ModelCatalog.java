package org.repaintstudio.app.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the model picker gets its list. Small on purpose, so the shared {@code ModelRegistry}
 * can replace {@link LocalModelCatalog} behind it.
 */
public interface ModelCatalog {
    /** Models found now; may read small files, so call it off the UI thread. */
    List<ModelChoice> list();

    /**
     * Checks that a folder or .onnx file looks like a model, remembers it and describes it.
     *
     * @throws org.repaintstudio.core.UserFacingException if it is not a model
     */
    ModelChoice add(Path folderOrOnnx);
}
