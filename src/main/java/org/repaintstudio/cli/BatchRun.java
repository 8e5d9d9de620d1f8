package org.repaintstudio.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.inpaint.BatchPlan;
import org.repaintstudio.core.inpaint.EngineListener;
import org.repaintstudio.core.inpaint.InpaintEngine;
import org.repaintstudio.core.inpaint.HoleAdvisor;
import org.repaintstudio.core.inpaint.InpaintJob;
import org.repaintstudio.core.inpaint.JobProgress;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.task.CancelToken;

/**
 * {@code inpaint} over a folder: one model session for every image, one progress line for the
 * whole batch, a line per problem file (which is skipped), results already there skipped unless
 * --force (so an interrupted batch resumes), and a summary at the end.
 */
final class BatchRun {
    private final InpaintCommand cmd;
    private final RePaintParameters params;
    private int done;
    private int existing;
    private int failed;
    private int empty;

    BatchRun(InpaintCommand cmd, RePaintParameters params) {
        this.cmd = cmd;
        this.params = params;
    }

    int run() {
        PrintWriter err = cmd.spec.commandLine().getErr();
        if (cmd.mask != null && !Files.isDirectory(cmd.mask)) {
            throw new UserFacingException("With a folder of images, --mask must be a folder of masks named like them.");
        }
        if (cmd.previews != null) {
            throw new UserFacingException("--previews works for one image, not a folder.");
        }
        BatchPlan.Shard shard = cmd.shard == null ? BatchPlan.Shard.ALL : BatchPlan.Shard.parse(cmd.shard);
        List<BatchPlan.Item> items = BatchPlan.list(cmd.image, cmd.mask, shard, params.seed());
        createOut();
        err.printf(Locale.ROOT, "Batch: %d image(s) in %s%s%n", items.size(), cmd.image,
                cmd.shard == null ? "" : " (shard " + shard.index() + "/" + shard.count() + ")");
        err.flush();
        long start = System.nanoTime();
        ConsoleProgress progress = ConsoleProgress.forStderr(err);
        try (LoadedModel loaded = cmd.model.open(err)) {
            InpaintEngine engine = InpaintEngine.of(loaded);
            for (int i = 0; i < items.size(); i++) {
                runOne(engine, items.get(i), i, items.size(), progress, err);
            }
        }
        progress.finishLine();
        err.printf(Locale.ROOT, "Batch done in %.1f s: %d written, %d already there, %d with an empty mask, %d failed.%n",
                (System.nanoTime() - start) / 1e9, done, existing, empty, failed);
        err.flush();
        return failed > 0 ? 1 : 0;
    }

    private void createOut() {
        if (Files.exists(cmd.out) && !Files.isDirectory(cmd.out)) {
            throw new UserFacingException("With a folder of images, --out must be a folder, and " + cmd.out
                    + " is a file.");
        }
        try {
            Files.createDirectories(cmd.out);
        } catch (IOException e) {
            throw new UserFacingException("Cannot create the output folder " + cmd.out + ".", e);
        }
    }

    private void runOne(InpaintEngine engine, BatchPlan.Item item, int index, int total, ConsoleProgress progress,
                        PrintWriter err) {
        List<Path> targets = InpaintCommand.outputPaths(cmd.out.resolve(item.baseName() + ".png"), params.samples());
        if (!cmd.run.force && targets.stream().allMatch(Files::exists)) {
            existing++;
            return;
        }
        try {
            BufferedImage input = ImageFiles.read(item.image());
            RePaintParameters p = params.withSeed(item.seed());
            Mask m = cmd.readMask(item.mask().orElse(null), input, p.seed());
            if (m.isEmpty()) {
                empty++;
                return;
            }
            // As for one image, and as in the app: Fast on narrow holes may start part-way down.
            RePaintParameters advised = HoleAdvisor.advise(SoftMask.of(m), p, engine.modelSize()).params();
            InpaintJob job = InpaintJob.of(input, m, advised).withSource(item.image().getFileName().toString())
                    .withRefine(cmd.refineOptions());
            String label = String.format(Locale.ROOT, "image %d/%d %s", index + 1, total, item.baseName());
            var outcome = engine.run(job, new EngineListener() {
                @Override
                public void jobProgressed(JobProgress pr) {
                    progress.progress((index + pr.fraction()) / total, label);
                }
            }, CancelToken.none());
            for (int s = 0; s < targets.size(); s++) {
                org.repaintstudio.core.image.ImageWriters.save(outcome.results().get(s), targets.get(s),
                        outcome.metadata(s), true);
            }
            done++;
        } catch (UserFacingException e) {
            failed++;
            progress.finishLine();
            err.println("Skipped " + item.image().getFileName() + ": " + e.getMessage());
            err.flush();
        }
    }
}
