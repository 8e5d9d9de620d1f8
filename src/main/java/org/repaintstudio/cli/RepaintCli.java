package org.repaintstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.sampler.SamplerType;

/** Root of the batch front end; every subcommand has --help. */
@Command(name = "repaint-studio",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "RePaint diffusion inpainting on ONNX Runtime.",
        footer = {"", "  gui [PICTURE]  Opens the desktop app; so do no arguments or a picture file."},
        subcommands = {
                CommandLine.HelpCommand.class,
                InpaintCommand.class,
                ScheduleCommand.class,
                ConformanceCommand.class,
                BenchCommand.class,
                GenerateCommand.class,
                EvaluateCommand.class,
                ConvertCommand.class,
                ModelsCommand.class,
                DevicesCommand.class,
        })
public final class RepaintCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the configured command line; tests use it to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RepaintCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new CliErrors.Handler());
        cl.setParameterExceptionHandler(CliErrors::handleParameterError);
        for (String name : new String[] {"inpaint", "evaluate"}) {
            cl.getSubcommands().get(name).getCommandSpec().usageMessage().footer(defaultsFooter());
        }
        return cl;
    }

    /** Presets and samplers as the engine defines them, so the help never disagrees with it. */
    private static String[] defaultsFooter() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("");
        lines.add("Presets (sampler steps/jump length/resamplings): " + RePaintParameters.Preset.summary() + ".");
        lines.add("Samplers (--mode):");
        for (SamplerType t : SamplerRegistry.all()) {
            lines.add("  " + t.description());
        }
        return lines.toArray(String[]::new);
    }

    public static int execute(String... args) {
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Errors bypass picocli's handler; they still get one sentence and no stack trace.
            return new CliErrors.Handler().handleExecutionException(new RuntimeException(e), cl, null);
        }
    }
}
