package org.repaintstudio.core.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.UnetConfig;
import org.repaintstudio.core.model.ModelCatalog;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.task.CancelToken;
import org.repaintstudio.core.task.ProgressListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Pulls a diffusers DDPM from the Hub into a model folder and converts it: the UNet config (under
 * {@code unet/} or at the root), the scheduler config if any, the safetensors weights and the model
 * card, then {@code model.onnx}. Blocking: run it off the UI thread.
 */
public final class HubModelPuller {
    private final HubClient hub;

    public HubModelPuller(HubClient hub) {
        this.hub = hub;
    }

    /** Folder name for a repository id: {@code google/ddpm-x} becomes {@code google--ddpm-x}. */
    public static String folderName(String repoId) {
        return HubClient.requireRepoId(repoId).replace("/", "--");
    }

    /**
     * Downloads {@code repoId} at {@code revision} into {@code modelsRoot/<owner>--<name>} and converts it.
     * Re-running resumes partial downloads and skips a weights file already fetched for this revision.
     */
    public ModelFolder pull(String repoId, String revision, Path modelsRoot, DownloadListener downloads,
                            ProgressListener conversion, CancelToken cancel) {
        Path target = modelsRoot.resolve(folderName(repoId));
        boolean existed = Files.exists(target);
        CancelToken token = cancel == null ? CancelToken.none() : cancel;
        try {
            download(target, repoId, revision, downloads, token);
        } catch (RuntimeException | Error e) {
            if (!existed) {
                keepOnlyPartialDownloads(target);
            }
            throw e;
        }
        // Convert: a failure here leaves a complete download, which models lists and converts later.
        ModelFolder model = ModelFolder.open(target);
        model.ensureOnnx(conversion, token);
        return model;
    }

    /**
     * After a failed first pull: removes everything but the resumable {@code .part} files, and the
     * folder itself when none is left, so no half-made model folder stays behind.
     */
    static void keepOnlyPartialDownloads(Path target) {
        if (!Files.isDirectory(target)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                boolean partial = Files.isRegularFile(p) && p.getFileName().toString().endsWith(ModelFolder.PARTIAL_SUFFIX);
                if (partial) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    try (java.util.stream.Stream<Path> left = Files.list(p)) {
                        if (left.findAny().isPresent()) {
                            continue;
                        }
                    }
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: the original failure is what the user needs to see
        }
    }

    private void download(Path target, String repoId, String revision, DownloadListener downloads, CancelToken token) {
        String rev = revision == null || revision.isBlank() ? "main" : revision;

        // 1. Layout: a pipeline repo keeps the UNet under unet/, a bare UNet repo at the root.
        String prefix = "unet/";
        try {
            hub.download(repoId, rev, "unet/config.json", target.resolve("unet/config.json"), downloads, token);
        } catch (HubFileNotFoundException e) {
            prefix = "";
            try {
                hub.download(repoId, rev, "config.json", target.resolve("config.json"), downloads, token);
            } catch (HubFileNotFoundException e2) {
                throw new UserFacingException("Repository " + repoId + " has no diffusers UNet (neither unet/config.json"
                        + " nor config.json at revision " + rev + ").", e2);
            }
        }
        Path unetDir = prefix.isEmpty() ? target : target.resolve("unet");
        UnetConfig.read(unetDir.resolve(ModelFolder.CONFIG)); // reject unsupported models before a big download

        // 2. Scheduler config (optional: defaults apply without it).
        if (!tryDownload(repoId, rev, "scheduler/scheduler_config.json", target.resolve("scheduler/scheduler_config.json"), downloads, token)) {
            tryDownload(repoId, rev, "scheduler_config.json", target.resolve("scheduler_config.json"), downloads, token);
        }
        tryDownload(repoId, rev, "README.md", target.resolve("README.md"), downloads, token);

        // 3. Weights: safetensors only; pickled .bin files can run code on load and are refused.
        Path weights = unetDir.resolve(ModelFolder.WEIGHTS);
        if (!(Files.isRegularFile(weights) && sameSource(target, repoId, rev))) {
            try {
                hub.download(repoId, rev, prefix + ModelFolder.WEIGHTS, weights, downloads, token);
            } catch (HubFileNotFoundException e) {
                if (hub.exists(repoId, rev, prefix + "diffusion_pytorch_model.bin")) {
                    throw new UserFacingException("Repository " + repoId + " has only PyTorch .bin weights at revision " + rev
                            + ", which are not supported; use a revision with " + ModelFolder.WEIGHTS
                            + " (for example a refs/pr/N conversion branch) via --revision.", e);
                }
                throw new UserFacingException("Repository " + repoId + " has no " + prefix + ModelFolder.WEIGHTS
                        + " at revision " + rev + ".", e);
            }
        }
        writeSource(target, repoId, rev);
    }

    private boolean tryDownload(String repoId, String rev, String path, Path dest, DownloadListener l, CancelToken c) {
        try {
            hub.download(repoId, rev, path, dest, l, c);
            return true;
        } catch (HubFileNotFoundException e) {
            return false;
        }
    }

    private static boolean sameSource(Path target, String repoId, String rev) {
        Path f = target.resolve(ModelFolder.SOURCE_FILE);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(f.toFile());
            return repoId.equals(n.path("repo_id").asText()) && rev.equals(n.path("revision").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private void writeSource(Path target, String repoId, String rev) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = m.createObjectNode();
        n.put("repo_id", repoId);
        n.put("revision", rev);
        n.put("base_url", hub.baseUrl().toString());
        n.put("downloaded_at", Instant.now().toString());
        ModelCatalog.find(repoId).filter(i -> !i.license().equals("unknown")).ifPresent(i -> n.put("license", i.license()));
        try {
            m.writerWithDefaultPrettyPrinter().writeValue(target.resolve(ModelFolder.SOURCE_FILE).toFile(), n);
        } catch (IOException e) {
            throw new UserFacingException("Cannot write " + target.resolve(ModelFolder.SOURCE_FILE) + ": " + e.getMessage(), e);
        }
    }
}
