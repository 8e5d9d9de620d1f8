package org.repaintstudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.repaintstudio.core.conformance.ConformanceSuite;

@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Checks this engine against a directory of reference data in the golden format",
                "(diffusers schedules, betas, step, undo, UNet outputs, pipelines; original RePaint schedules).",
                "Prints one line per failing case, then 'N passed, N failed'; exits 1 if any failed."})
final class ConformanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Root of the reference data (holds scheduler/, unet/, pipeline/ ...).")
    Path dir;

    @Option(names = {"-v", "--verbose"}, description = "Also print passing cases with what was measured.")
    boolean verbose;

    @picocli.CommandLine.Mixin
    ExecutionMixin execution;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int[] counts = new int[2];
        var options = execution.options();
        if (!options.isCpu()) {
            throw new org.repaintstudio.core.UserFacingException(
                    "Conformance runs on the CPU, where the reference data was made; leave out --device.");
        }
        try (ConformanceSuite suite = new ConformanceSuite(dir, options.threads())) {
            List<ConformanceSuite.CaseResult> results = suite.runAll(r -> {
                counts[r.passed() ? 0 : 1]++;
                if (!r.passed()) {
                    out.println("FAIL " + r.id() + ": " + r.detail());
                } else if (verbose) {
                    out.println("ok   " + r.id() + ": " + r.detail());
                }
                out.flush();
            });
            out.println(counts[0] + " passed, " + counts[1] + " failed");
            return results.stream().allMatch(ConformanceSuite.CaseResult::passed) ? 0 : 1;
        }
    }
}
