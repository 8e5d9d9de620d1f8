package org.repaintstudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.task.CancelToken;

/** {@code --model} plus the execution options: how every command opens its model. */
final class ModelMixin {
    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder or .onnx file (default: the bundled " + ModelRegistry.DEFAULT_MODEL + ").")
    Path model;

    @Mixin
    ExecutionMixin execution;

    /** Opens the model, converting it to ONNX first (with progress on stderr) if needed. */
    LoadedModel open(PrintWriter err) {
        var options = execution.options();
        ModelFolder folder = ModelFolder.open(ModelRegistry.modelOrDefault(model));
        ConsoleProgress progress = ConsoleProgress.forStderr(err);
        if (folder.needsConversion()) {
            err.println("Converting " + folder.displayName() + " to ONNX (once)...");
        }
        LoadedModel loaded = LoadedModel.open(folder, options, progress, CancelToken.none());
        progress.finishLine();
        return loaded;
    }
}
