package org.repaintstudio.app.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.repaintstudio.core.model.ModelRegistry;

/** The model picker's list from the engine's registry: bundled, the user's folder, and imported models. */
public final class RegistryModelCatalog implements ModelCatalog {
    private final ModelRegistry registry;

    public RegistryModelCatalog(ModelRegistry registry) {
        this.registry = registry;
    }

    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public List<ModelChoice> list() {
        return registry.list().models().stream().map(RegistryModelCatalog::choice).toList();
    }

    @Override
    public ModelChoice add(Path folderOrOnnx) {
        return choice(registry.importModel(folderOrOnnx));
    }

    static ModelChoice choice(ModelRegistry.Entry e) {
        return new ModelChoice(e.name(), e.location(), e.resolution().orElse(0), e.sizeOnDisk(),
                e.source().name().toLowerCase(Locale.ROOT), e.model().domain().orElse(""));
    }
}
