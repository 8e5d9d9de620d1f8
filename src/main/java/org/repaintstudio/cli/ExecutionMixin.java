package org.repaintstudio.cli;

import picocli.CommandLine.Option;

import org.repaintstudio.core.model.ExecutionOptions;

/** {@code --device} and {@code --threads}, shared by every command that runs a model. */
final class ExecutionMixin {
    @Option(names = "--device", paramLabel = "DEV",
            description = "Where the UNet runs: cpu (default), cuda or cuda:N (needs the CUDA build; see 'devices').")
    String device = "cpu";

    @Option(names = "--threads", paramLabel = "T",
            description = "CPU threads for ONNX Runtime (0 = one per core; default: ${DEFAULT-VALUE}).")
    int threads = 0;

    /** The execution options, range-checked (one sentence per problem). */
    ExecutionOptions options() {
        return ExecutionOptions.parse(device, threads);
    }
}
