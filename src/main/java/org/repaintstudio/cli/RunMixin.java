package org.repaintstudio.cli;

import picocli.CommandLine.Option;

/** {@code --seed} and {@code --force}, shared by the commands that write results. */
final class RunMixin {
    @Option(names = "--seed", description = "Noise seed; the same seed gives the same result (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;
}
