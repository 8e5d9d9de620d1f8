package org.repaintstudio.cli;

import org.repaintstudio.core.io.HumanFormat;
import org.repaintstudio.core.hub.HubClient;
import org.repaintstudio.core.hub.HubModelPuller;
import org.repaintstudio.core.model.ModelCatalog;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.task.CancelToken;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code models}: list, pull, import and the curated catalogue. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the models RePaint Studio can use (bundled, in your model folder, imported).",
                "Subcommands fetch models from the Hugging Face Hub or add folders you already have."},
        subcommands = {ModelsCommand.Pull.class, ModelsCommand.Import.class, ModelsCommand.Catalog.class})
final class ModelsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ModelRegistry reg = ModelRegistry.standard();
        ModelRegistry.Listing listing = reg.list();
        PrintWriter out = spec.commandLine().getOut();
        if (listing.models().isEmpty()) {
            out.println("No models found. Try 'repaint-studio models catalog' and 'repaint-studio models pull <repo-id>'.");
        } else {
            String fmt = "%-36s %-9s %-15s %6s %9s %9s  %s%n";
            out.printf(Locale.ROOT, fmt, "NAME", "SOURCE", "DOMAIN", "RES", "PARAMS", "SIZE", "LICENCE");
            for (ModelRegistry.Entry e : listing.models()) {
                out.printf(Locale.ROOT, fmt, e.name(), e.source().name().toLowerCase(Locale.ROOT), e.domain(),
                        e.resolution().isPresent() ? String.valueOf(e.resolution().getAsInt()) : "?",
                        e.parameterCount().isPresent() ? HumanFormat.count(e.parameterCount().getAsLong()) : "?",
                        HumanFormat.bytes(e.sizeOnDisk()), e.license());
            }
        }
        out.println();
        out.println("Bundled models: " + reg.bundledDir());
        out.println("Your models:    " + reg.userModelsDir());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (ModelRegistry.Problem p : listing.problems()) {
            if (p.isUnfinishedDownload()) {
                out.println("Unfinished download (resumable): " + p.location());
            } else {
                err.println("Skipped " + p.location() + ": " + p.message());
            }
        }
        out.flush();
        err.flush();
        return 0;
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Download a diffusers DDPM from the Hugging Face Hub into your model folder and convert it.",
                    "Interrupted downloads resume when run again. Uses https_proxy/no_proxy and HF_TOKEN if set."})
    static final class Pull implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "REPO-ID", description = "Repository id, e.g. google/ddpm-ema-celebahq-256.")
        String repoId;

        @Option(names = "--revision", defaultValue = "main", description = "Branch, tag or commit (default: ${DEFAULT-VALUE}).")
        String revision;

        @Option(names = "--base-url", paramLabel = "URL", description = "Hub address (default: HF_ENDPOINT or https://huggingface.co).")
        URI baseUrl;

        @Override
        public Integer call() {
            HubClient.requireRepoId(repoId);
            ModelRegistry reg = ModelRegistry.standard();
            HubClient hub = new HubClient(baseUrl != null ? baseUrl : HubClient.defaultBaseUrl());
            ConsoleProgress progress = ConsoleProgress.forStderr(spec.commandLine().getErr());
            ModelFolder m;
            try {
                m = new HubModelPuller(hub).pull(repoId, revision, reg.userModelsDir(), progress, progress, new CancelToken());
            } finally {
                progress.finishLine(); // an error message must start on its own line
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Pulled %s into %s; ready to use (%s).%n", repoId, m.location(), m.onnxPath().getFileName());
            out.flush();
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add a model folder (or .onnx file) you already have to the list; its files stay where they are.")
    static final class Import implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "Model folder or .onnx file.")
        Path dir;

        @Override
        public Integer call() {
            ModelRegistry.Entry e = ModelRegistry.standard().importModel(dir);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Imported %s (%s).%s%n", e.name(), e.location(),
                    e.model().needsConversion() ? " It will be converted to ONNX on first use (or run 'repaint-studio convert')." : "");
            out.flush();
            return 0;
        }
    }

    @Command(name = "catalog", aliases = "catalogue", mixinStandardHelpOptions = true,
            description = "Show the curated list of DDPM models known to work, for 'models pull'.")
    static final class Catalog implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String fmt = "%-32s %-30s %5s %8s  %-11s%n";
            out.printf(Locale.ROOT, fmt, "REPO", "DOMAIN", "RES", "DOWNLOAD", "LICENCE");
            for (ModelCatalog.Item i : ModelCatalog.items()) {
                out.printf(Locale.ROOT, fmt, i.repoId() + (i.recommended() ? " *" : ""), i.domain(), i.resolution(),
                        "~" + i.approxDownloadMb() + " MB", i.license());
            }
            out.println();
            out.println("* recommended. Fetch one with: repaint-studio models pull <repo>");
            out.flush();
            return 0;
        }
    }
}
