package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.task.CancelToken;

/**
 * The fewer-calls study: runs sampler settings over the same images, masks and seeds, so that the
 * scores of two settings are paired case by case, and scores each case inside its mask. Images of
 * one batch share each UNet call and the noise of the batch's first seed, as {@code evaluate} does.
 */
public final class QualitySweep {
    /** One point of the grid. */
    public record Setting(String label, RePaintParameters params) {}

    /** One image under one mask filled with one setting; {@code calls} are UNet calls per sample. */
    public record Row(String setting, String image, String mask, int calls, double mae, double psnr) {}

    /** The held-out cases: names, true images and, per mask preset, one mask per image. */
    public record Cases(List<String> names, List<BufferedImage> truth, List<String> maskIds, List<List<Mask>> masks) {}

    private QualitySweep() {}

    /**
     * One grid line: {@code LABEL MODE STEPS JUMP_LENGTH JUMP_N_SAMPLE ETA}, where MODE may carry a
     * value ({@code resample-late@0.4}); blank lines and {@code #} comments are skipped (null).
     */
    public static Setting parse(String line, RePaintParameters base) {
        String text = line.replaceFirst("#.*", "").trim();
        if (text.isEmpty()) {
            return null;
        }
        String[] f = text.split("\\s+");
        if (f.length != 6) {
            throw new UserFacingException("A sweep line needs LABEL MODE STEPS JUMP N ETA, not '" + line.trim() + "'.");
        }
        try {
            RePaintParameters p = new RePaintParameters(SamplerRegistry.byId(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), Integer.parseInt(f[4]), Double.parseDouble(f[5]), base.seed(), 1,
                    base.variance(), 0);
            p.validateBeforeModel();
            return new Setting(f[0], p);
        } catch (NumberFormatException e) {
            throw new UserFacingException("A number in the sweep line '" + line.trim() + "' is not a number.");
        }
    }

    /** Runs one setting on every case; {@code progress} gets one line per batch. */
    public static List<Row> run(InpaintEngine engine, Cases cases, Setting setting, int batch, long seed,
                                Consumer<String> progress) {
        RePaintParameters params = setting.params();
        int calls = params.modelCalls(engine.schedulerConfig());
        List<Row> rows = new ArrayList<>();
        int count = cases.truth().size();
        for (int m = 0; m < cases.maskIds().size(); m++) {
            List<Mask> masks = cases.masks().get(m);
            for (int first = 0; first < count; first += batch) {
                int n = Math.min(batch, count - first);
                List<InpaintJob> jobs = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    jobs.add(InpaintJob.of(cases.truth().get(first + k), masks.get(first + k),
                            params.withSeed(seed + first)));
                }
                List<InpaintOutcome> outs = engine.runBatch(jobs, EngineListener.NONE, CancelToken.none());
                for (int k = 0; k < n; k++) {
                    InpaintMetrics.Score s = InpaintMetrics.score(outs.get(k).results().get(0),
                            cases.truth().get(first + k), masks.get(first + k));
                    rows.add(new Row(setting.label(), cases.names().get(first + k), cases.maskIds().get(m), calls,
                            s.mae(), s.psnr()));
                }
                progress.accept(String.format(Locale.ROOT, "%s: %s images %d-%d, %d calls", setting.label(),
                        cases.maskIds().get(m), first + 1, first + n, calls));
            }
        }
        return rows;
    }
}
