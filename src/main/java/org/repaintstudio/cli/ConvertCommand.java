package org.repaintstudio.cli;

import org.repaintstudio.core.io.HumanFormat;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.UnetConverter;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.task.CancelToken;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code convert DIR}: diffusers safetensors UNet to ONNX. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a diffusers UNet2DModel (config.json + diffusion_pytorch_model.safetensors) to ONNX.",
                "DIR is a model folder (or its pipeline root with unet/). The result is cached: an",
                "up-to-date conversion is reused, and a changed weights file is converted again."})
final class ConvertCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Model folder to convert.")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the ONNX model (default: model.onnx next to the weights).")
    Path out;

    @Option(names = "--force", description = "Replace an existing ONNX file that was not converted from these weights, and redo a current conversion.")
    boolean force;

    @Override
    public Integer call() {
        ModelFolder model = ModelFolder.open(dir);
        Path config = model.configFile().orElseThrow(() ->
                new UserFacingException(dir + " has no config.json, so there is nothing to convert."));
        Path weights = model.weightsFile().orElseThrow(() ->
                new UserFacingException(dir + " has no " + ModelFolder.WEIGHTS + " to convert."));
        Path target = out != null ? out.toAbsolutePath() : model.onnxPath();
        ConsoleProgress progress = ConsoleProgress.forStderr(spec.commandLine().getErr());
        UnetConverter.Result r;
        try {
            r = UnetConverter.convert(config, weights, target, force, progress, new CancelToken());
        } finally {
            progress.finishLine(); // an error message must start on its own line
        }
        var stdout = spec.commandLine().getOut();
        if (r.reused()) {
            stdout.printf("Up to date: %s was already converted from these weights (use --force to redo it).%n", r.onnx());
        } else {
            stdout.printf(Locale.ROOT, "Converted %s to %s (%s, %s parameters) in %.1f s.%n", model.displayName(), r.onnx(),
                    HumanFormat.bytes(r.onnxBytes()), HumanFormat.count(r.parameterCount()), r.elapsed().toMillis() / 1000.0);
        }
        stdout.flush();
        r.warning().ifPresent(w -> spec.commandLine().getErr().println("Warning: " + w));
        return 0;
    }
}
