package org.repaintstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        return cl;
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }
}
