package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.task.CancelToken;

/**
 * The fewer-calls study: runs sampler settings over the same images, masks and seeds, so that the
 * scores of two settings are paired case by case, and scores each case inside its mask. Images of
 * one batch share each UNet call and the noise of the batch's first seed, as {@code evaluate} does.
 */
public final class QualitySweep {
    /**
     * One point of the grid. {@code advised} runs it as the front ends do, through {@link HoleAdvisor},
     * so that a Fast line measures what a user gets on narrow holes too.
     */
    public record Setting(String label, RePaintParameters params, boolean advised) {}

    /** One image under one mask filled with one setting; {@code calls} are UNet calls per sample. */
    public record Row(String setting, String image, String mask, int calls, double mae, double psnr) {}

    /** The held-out cases: names, true images and, per mask preset, one mask per image. */
    public record Cases(List<String> names, List<BufferedImage> truth, List<String> maskIds, List<List<Mask>> masks) {}

    private QualitySweep() {}

    /**
     * One grid line: {@code LABEL MODE STEPS JUMP_LENGTH JUMP_N_SAMPLE ETA [advised]}, where MODE may
     * carry a value ({@code resample-late@0.4}); blank lines and {@code #} comments are skipped (null).
     */
    public static Setting parse(String line, RePaintParameters base) {
        String text = line.replaceFirst("#.*", "").trim();
        if (text.isEmpty()) {
            return null;
        }
        String[] f = text.split("\\s+");
        if (f.length != 6 && !(f.length == 7 && f[6].equals("advised"))) {
            throw new UserFacingException("A sweep line needs LABEL MODE STEPS JUMP N ETA [advised], not '"
                    + line.trim() + "'.");
        }
        try {
            RePaintParameters p = new RePaintParameters(SamplerRegistry.byId(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), Integer.parseInt(f[4]), Double.parseDouble(f[5]), base.seed(), 1,
                    base.variance(), 0);
            p.validateBeforeModel();
            return new Setting(f[0], p, f.length == 7);
        } catch (NumberFormatException e) {
            throw new UserFacingException("A number in the sweep line '" + line.trim() + "' is not a number.");
        }
    }

    /** Runs one setting on every case; {@code progress} gets one line per batch. */
    public static List<Row> run(InpaintEngine engine, Cases cases, Setting setting, int batch, long seed,
                                Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        int count = cases.truth().size();
        for (int m = 0; m < cases.maskIds().size(); m++) {
            List<Mask> masks = cases.masks().get(m);
            for (int first = 0; first < count; first += batch) {
                int n = Math.min(batch, count - first);
                RePaintParameters seeded = setting.params().withSeed(seed + first);
                // Advice can differ image by image (random strokes); each group of equal parameters shares calls.
                Map<RePaintParameters, List<Integer>> groups = new LinkedHashMap<>();
                for (int k = first; k < first + n; k++) {
                    groups.computeIfAbsent(paramsFor(engine, setting, seeded, masks.get(k)), p -> new ArrayList<>())
                            .add(k);
                }
                for (Map.Entry<RePaintParameters, List<Integer>> g : groups.entrySet()) {
                    rows.addAll(runGroup(engine, cases, m, setting.label(), g.getKey(), g.getValue()));
                }
                progress.accept(String.format(Locale.ROOT, "%s: %s images %d-%d, %s calls", setting.label(),
                        cases.maskIds().get(m), first + 1, first + n, callsText(engine, groups.keySet())));
            }
        }
        return rows;
    }

    private static RePaintParameters paramsFor(InpaintEngine engine, Setting setting, RePaintParameters seeded,
                                               Mask mask) {
        return setting.advised() ? HoleAdvisor.advise(SoftMask.of(mask), seeded, engine.modelSize()).params() : seeded;
    }

    private static List<Row> runGroup(InpaintEngine engine, Cases cases, int maskIndex, String label,
                                      RePaintParameters params, List<Integer> members) {
        List<InpaintJob> jobs = new ArrayList<>();
        for (int k : members) {
            jobs.add(InpaintJob.of(cases.truth().get(k), cases.masks().get(maskIndex).get(k), params));
        }
        List<InpaintOutcome> outs = engine.runBatch(jobs, EngineListener.NONE, CancelToken.none());
        int calls = params.modelCalls(engine.schedulerConfig());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            int k = members.get(i);
            Mask mask = cases.masks().get(maskIndex).get(k);
            InpaintMetrics.Score s = InpaintMetrics.score(outs.get(i).results().get(0), cases.truth().get(k), mask);
            rows.add(new Row(label, cases.names().get(k), cases.maskIds().get(maskIndex), calls, s.mae(), s.psnr()));
        }
        return rows;
    }

    private static String callsText(InpaintEngine engine, java.util.Set<RePaintParameters> params) {
        return params.stream().map(p -> Integer.toString(p.modelCalls(engine.schedulerConfig())))
                .collect(java.util.stream.Collectors.joining("+"));
    }
}
