package org.repaintstudio.app.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the model picker gets its list; {@link RegistryModelCatalog} in the app, small fakes-free
 * registries over temporary folders in tests.
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
