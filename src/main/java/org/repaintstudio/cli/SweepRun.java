package org.repaintstudio.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskPresets;
import org.repaintstudio.core.inpaint.InpaintEngine;
import org.repaintstudio.core.inpaint.PairedComparison;
import org.repaintstudio.core.inpaint.QualitySweep;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.io.AtomicFiles;
import org.repaintstudio.core.model.LoadedModel;

/**
 * {@code evaluate --sweep GRID}: every setting of the grid on the same images, masks and seeds.
 * Writes {@code sweep.csv} (one row per setting, image and mask) after each setting, so an
 * interrupted study keeps what it measured, and {@code sweep.md}: mean masked MAE and PSNR per
 * setting against its UNet calls, and the MAE ratio to the first setting with a paired bootstrap CI.
 */
final class SweepRun {
    private SweepRun() {}

    static int run(EvaluateCommand cmd, Path grid) throws IOException {
        PrintWriter err = cmd.spec.commandLine().getErr();
        List<QualitySweep.Setting> settings = readGrid(grid, RePaintParameters.defaults().withSeed(cmd.run.seed));
        Path csv = cmd.out.resolve("sweep.csv");
        if (Files.exists(csv) && !cmd.run.force) {
            throw new AtomicFiles.ExistsException(csv);
        }
        Map<String, List<QualitySweep.Row>> bySetting = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (LoadedModel loaded = cmd.model.open(err)) {
            InpaintEngine engine = InpaintEngine.of(loaded);
            QualitySweep.Cases cases = cases(cmd);
            for (QualitySweep.Setting s : settings) {
                long start = System.nanoTime();
                bySetting.put(s.label(), QualitySweep.run(engine, cases, s, cmd.batch, cmd.run.seed, line -> {
                    err.println(line);
                    err.flush();
                }));
                seconds.put(s.label(), (System.nanoTime() - start) / 1e9);
                writeCsv(csv, bySetting);
            }
        }
        String md = summary(settings, bySetting, seconds, cmd);
        AtomicFiles.write(cmd.out.resolve("sweep.md"), true, o -> o.write(md.getBytes(StandardCharsets.UTF_8)));
        cmd.spec.commandLine().getOut().print(md);
        cmd.spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<QualitySweep.Setting> readGrid(Path grid, RePaintParameters base) throws IOException {
        if (!Files.isRegularFile(grid)) {
            throw new UserFacingException("The sweep grid " + grid + " is not a file.");
        }
        List<QualitySweep.Setting> out = new ArrayList<>();
        for (String line : Files.readAllLines(grid, StandardCharsets.UTF_8)) {
            QualitySweep.Setting s = QualitySweep.parse(line, base);
            if (s != null) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw new UserFacingException("The sweep grid " + grid + " holds no settings.");
        }
        return out;
    }

    private static QualitySweep.Cases cases(EvaluateCommand cmd) throws IOException {
        List<String> names = new ArrayList<>();
        List<BufferedImage> truth = new ArrayList<>();
        for (Path f : cmd.imageFiles()) {
            truth.add(ImageFiles.read(f));
            names.add(f.getFileName().toString().replaceFirst("\\.[^.]+$", ""));
        }
        List<List<Mask>> masks = new ArrayList<>();
        for (String id : cmd.masks) {
            MaskPresets preset = MaskPresets.fromId(id);
            List<Mask> ms = new ArrayList<>();
            for (int i = 0; i < truth.size(); i++) {
                ms.add(preset.create(truth.get(i).getWidth(), truth.get(i).getHeight(), cmd.run.seed + i));
            }
            masks.add(ms);
        }
        return new QualitySweep.Cases(names, truth, List.copyOf(cmd.masks), masks);
    }

    private static void writeCsv(Path csv, Map<String, List<QualitySweep.Row>> bySetting) {
        StringBuilder sb = new StringBuilder("setting,image,mask,calls,mae,psnr\n");
        bySetting.values().forEach(rows -> rows.forEach(r -> sb.append(String.format(Locale.ROOT,
                "%s,%s,%s,%d,%.4f,%.4f%n", r.setting(), r.image(), r.mask(), r.calls(), r.mae(), r.psnr()))));
        AtomicFiles.write(csv, true, o -> o.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String summary(List<QualitySweep.Setting> settings, Map<String, List<QualitySweep.Row>> bySetting,
                                  Map<String, Double> seconds, EvaluateCommand cmd) {
        List<QualitySweep.Row> ref = bySetting.get(settings.get(0).label());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%d cases (images × masks %s), seed %d, batch %d; ratio = mean MAE / mean MAE of '%s', "
                        + "95%% CI: paired bootstrap over cases%n%n",
                ref.size(), String.join(",", cmd.masks), cmd.run.seed, cmd.batch, settings.get(0).label()));
        sb.append("| setting | mode | steps/j/r | eta | UNet calls (mean) | masked MAE | PSNR | MAE ratio | 95% CI | s |\n");
        sb.append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
        for (QualitySweep.Setting s : settings) {
            List<QualitySweep.Row> rows = bySetting.get(s.label());
            PairedComparison c = PairedComparison.of(PairedComparison.maeInOrder(rows, ref),
                    ref.stream().mapToDouble(QualitySweep.Row::mae).toArray(), 1);
            RePaintParameters p = s.params();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d/%d/%d | %s | %.0f | %.3f | %.2f | %.3f | %.3f–%.3f | %.0f |%n",
                    s.label(), p.mode().id() + (s.advised() ? " + narrow-hole advice" : ""), p.steps(), p.jumpLength(),
                    p.jumpNSample(), p.eta(), rows.stream().mapToInt(QualitySweep.Row::calls).average().orElse(0),
                    rows.stream().mapToDouble(QualitySweep.Row::mae).average().orElse(0),
                    rows.stream().mapToDouble(QualitySweep.Row::psnr).filter(Double::isFinite).average().orElse(0),
                    c.ratio(), c.low(), c.high(), seconds.get(s.label())));
        }
        return sb.toString();
    }
}
