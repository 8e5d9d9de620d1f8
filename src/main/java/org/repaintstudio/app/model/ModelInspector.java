package org.repaintstudio.app.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.repaintstudio.app.model.ModelDetails.Fact;
import org.repaintstudio.app.model.ModelDetails.Section;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.convert.UnetConfig;
import org.repaintstudio.core.convert.UnetConverter;
import org.repaintstudio.core.hub.HubClient;
import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.model.ModelRegistry;

/** Reads what the Models dialog shows: table rows and the Info pane. Slow-ish (disk): off the UI thread. */
final class ModelInspector {
    /** Files listed in the Info pane before "… and N more". */
    static final int MAX_FILES = 40;

    private ModelInspector() {}

    /** All models and problems of a registry scan, as table rows. */
    static List<ModelRow> scan(ModelRegistry registry) {
        ModelRegistry.Listing listing = registry.list();
        List<ModelRow> rows = new ArrayList<>();
        for (ModelRegistry.Entry e : listing.models()) {
            rows.add(ModelRow.of(e, needsConversion(e.model())));
        }
        for (ModelRegistry.Problem p : listing.problems()) {
            rows.add(problemRow(p));
        }
        return rows;
    }

    static boolean needsConversion(ModelFolder m) {
        try {
            return m.needsConversion();
        } catch (UserFacingException e) {
            return false;
        }
    }

    /**
     * A problem row. A folder in the user's model folder named like a Hub pull ({@code owner--name})
     * that holds a part file or only configs is an unfinished download: say so, and how to go on.
     */
    static ModelRow problemRow(ModelRegistry.Problem p) {
        Path dir = p.location();
        long size = Files.isDirectory(dir) ? folderSize(dir) : 0;
        String repo = p.source() == ModelRegistry.Source.USER && Files.isDirectory(dir) ? repoIdOf(dir) : null;
        if (repo != null) {
            long partBytes = partBytes(dir);
            boolean started = partBytes > 0 || Files.isRegularFile(dir.resolve(ModelFolder.CONFIG))
                    || Files.isRegularFile(dir.resolve("unet").resolve(ModelFolder.CONFIG));
            if (started) {
                String sofar = size > 0 ? " (" + ModelRow.formatBytes(size) + " so far)" : "";
                return ModelRow.problem(p, size, "Unfinished download of " + repo + sofar
                        + ": Download resumes it, Delete removes it.", repo);
            }
        }
        return ModelRow.problem(p, size, withoutPath(p), null);
    }

    /** The engine's message names the full path; the table has a name column, so the name is enough. */
    static String withoutPath(ModelRegistry.Problem p) {
        String where = p.location().toString();
        Path file = p.location().getFileName();
        if (file != null && p.message().startsWith(where)) {
            return file + p.message().substring(where.length());
        }
        return p.message();
    }

    /** {@code owner--name} back to {@code owner/name}, if that is a valid repository id. */
    static String repoIdOf(Path dir) {
        String name = dir.getFileName().toString();
        int i = name.indexOf("--");
        if (i <= 0) {
            return null;
        }
        String repo = name.substring(0, i) + "/" + name.substring(i + 2);
        try {
            return HubClient.requireRepoId(repo);
        } catch (UserFacingException e) {
            return null;
        }
    }

    /** Bytes in {@code *.part} files under a folder (a download in progress or stopped). */
    static long partBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir, 3)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".part") && Files.isRegularFile(f))
                    .mapToLong(ModelInspector::size).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static long folderSize(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(ModelInspector::size).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The Info pane for a row: general facts, the UNet config, the scheduler, the files. */
    static ModelDetails details(ModelRow row) {
        List<Section> sections = new ArrayList<>();
        List<Fact> general = new ArrayList<>();
        general.add(new Fact("Location", row.location().toString()));
        general.add(new Fact("Source", row.sourceLabel()));
        if (!row.domain().isBlank()) {
            general.add(new Fact("Domain", row.domain()));
        }
        if (row.isProblem()) {
            general.add(new Fact("Problem", row.problem()));
            sections.add(new Section("General", general));
            sections.add(new Section("Files", files(row.location(), null)));
            return new ModelDetails(row.name(), row.location(), sections);
        }
        ModelFolder m;
        try {
            m = ModelFolder.open(row.location());
        } catch (UserFacingException e) {
            general.add(new Fact("Problem", e.getMessage()));
            sections.add(new Section("General", general));
            return new ModelDetails(row.name(), row.location(), sections);
        }
        general.add(new Fact("Layout", layoutLabel(m.layout())));
        general.add(new Fact("Licence", row.license()));
        general.add(new Fact("Status", row.statusLabel()));
        if (row.parameterCount() >= 0) {
            general.add(new Fact("Parameters", String.format(Locale.ROOT, "%,d", row.parameterCount())));
        }
        general.add(new Fact("Size on disk", ModelRow.formatBytes(row.sizeOnDisk())));
        sections.add(new Section("General", general));
        sections.add(new Section("UNet config", config(m, row)));
        sections.add(new Section("Scheduler", scheduler(m)));
        sections.add(new Section("Files", files(m.location(), m)));
        return new ModelDetails(row.name(), row.location(), sections);
    }

    static String layoutLabel(ModelFolder.Layout layout) {
        return switch (layout) {
            case DIFFUSERS_FOLDER -> "diffusers UNet folder (config.json and weights at the top)";
            case DIFFUSERS_PIPELINE -> "diffusers pipeline (unet/ and scheduler/)";
            case ONNX_FILE -> "single ONNX file";
        };
    }

    private static List<Fact> config(ModelFolder m, ModelRow row) {
        List<Fact> facts = new ArrayList<>();
        if (m.unetConfig().isEmpty()) {
            facts.add(new Fact("Config", m.configFile().isPresent()
                    ? "config.json is beyond what the converter reads; the ONNX model is used as it is"
                    : "none (read from the ONNX model's inputs)"));
            if (row.resolution() > 0) {
                facts.add(new Fact("Sample size", row.resolution() + " × " + row.resolution()));
            }
            return facts;
        }
        UnetConfig c = m.unetConfig().get();
        facts.add(new Fact("Sample size", c.sampleHeight() + " × " + c.sampleWidth()));
        facts.add(new Fact("Channels", c.inChannels() + " in, " + c.outChannels() + " out"));
        facts.add(new Fact("Block channels", c.blockOutChannels().stream().map(String::valueOf)
                .collect(Collectors.joining(", "))));
        facts.add(new Fact("Layers per block", String.valueOf(c.layersPerBlock())));
        facts.add(new Fact("Down blocks", String.join(", ", c.downBlockTypes())));
        facts.add(new Fact("Up blocks", String.join(", ", c.upBlockTypes())));
        if (c.attentionHeadDim() != null) {
            facts.add(new Fact("Attention head dim", String.valueOf(c.attentionHeadDim())));
        }
        facts.add(new Fact("Norm groups", String.valueOf(c.normNumGroups())));
        return facts;
    }

    private static List<Fact> scheduler(ModelFolder m) {
        List<Fact> facts = new ArrayList<>();
        JsonNode s = m.schedulerConfig();
        facts.add(new Fact("From", m.hasSchedulerConfig() ? ModelFolder.SCHEDULER_CONFIG
                : "defaults (no " + ModelFolder.SCHEDULER_CONFIG + ")"));
        String[][] keys = {
            {"_class_name", "Class"}, {"num_train_timesteps", "Train timesteps"}, {"beta_schedule", "Beta schedule"},
            {"beta_start", "Beta start"}, {"beta_end", "Beta end"}, {"variance_type", "Variance type"},
            {"clip_sample", "Clip sample"}, {"prediction_type", "Prediction type"},
        };
        for (String[] k : keys) {
            JsonNode v = s.get(k[0]);
            if (v != null && !v.isNull()) {
                facts.add(new Fact(k[1], v.isTextual() ? v.asText() : v.toString()));
            }
        }
        JsonNode betas = s.get("trained_betas");
        if (betas != null && betas.isArray()) {
            facts.add(new Fact("Trained betas", betas.size() + " values"));
        }
        return facts;
    }

    /** The files with their sizes, relative to the model folder. */
    static List<Fact> files(Path location, ModelFolder m) {
        List<Path> found = new ArrayList<>();
        Path base;
        if (m != null && m.layout() == ModelFolder.Layout.ONNX_FILE) {
            base = location.getParent();
            for (Path p : List.of(location, location.resolveSibling(location.getFileName() + ".data"),
                    UnetConverter.sidecarOf(location))) {
                if (Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        } else {
            base = location;
            if (Files.isDirectory(location)) {
                try (Stream<Path> s = Files.walk(location, 4)) {
                    s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).forEach(found::add);
                } catch (IOException | UncheckedIOException e) {
                    return List.of(new Fact("(unreadable)", e.getMessage()));
                }
            }
        }
        List<Fact> facts = new ArrayList<>();
        for (Path f : found.subList(0, Math.min(MAX_FILES, found.size()))) {
            String rel = base == null ? f.toString() : base.relativize(f).toString().replace('\\', '/');
            String size = ModelRow.formatBytes(size(f));
            facts.add(new Fact(rel, rel.endsWith(".part") ? size + " (partial download)" : size));
        }
        if (found.size() > MAX_FILES) {
            facts.add(new Fact("…", "and " + (found.size() - MAX_FILES) + " more files"));
        }
        if (facts.isEmpty()) {
            facts.add(new Fact("(none)", "no files"));
        }
        return facts;
    }
}
