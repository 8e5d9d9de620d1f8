package org.repaintstudio.app.main;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;

import org.repaintstudio.app.run.RunResult;
import org.repaintstudio.app.util.AppLog;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.inpaint.CropPlan;
import org.repaintstudio.core.inpaint.RePaintParameters;
import org.repaintstudio.core.io.AtomicFiles;
import org.repaintstudio.core.sampler.SamplerRegistry;
import org.repaintstudio.core.sampler.SamplerType;

/**
 * Keeps the gallery's unsaved results in the recovery folder, next to the autosaved mask, so a
 * crash loses none of them: one PNG per result and one list of what each result was made with.
 */
final class ResultRecovery {
    /** What a result was made with, enough to show, apply and save it again. */
    record Entry(String file, int run, int sample, RePaintParameters parameters, CropPlan plan, String modelName,
                 String sourceName, long runMillis, java.util.Map<String, String> metadata) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(samplerById());
    private final Path folder;

    ResultRecovery(Path autosaveFolder) {
        this.folder = autosaveFolder.resolve("results");
    }

    private Path listFile() {
        return folder.resolve("results.json");
    }

    /** Writes the results not yet written and the list; forgets results no longer given. Any thread. */
    void save(List<RunResult> results) {
        try {
            Files.createDirectories(folder);
            List<Entry> entries = new ArrayList<>();
            for (RunResult r : results) {
                String file = "result-" + r.run() + "-" + (r.sample() + 1) + ".png";
                if (!Files.exists(folder.resolve(file))) {
                    ImageWriters.save(r.image(), folder.resolve(file), r.metadata(), true);
                }
                entries.add(new Entry(file, r.run(), r.sample(), r.parameters(), r.plan(), r.modelName(),
                        r.sourceName(), r.runMillis(), r.engineMetadata()));
            }
            byte[] json = JSON.writeValueAsBytes(entries);
            AtomicFiles.write(listFile(), true, out -> out.write(json));
            deleteUnlisted(entries);
        } catch (IOException | RuntimeException e) {
            AppLog.error("cannot keep the results in " + folder, e);
        }
    }

    private void deleteUnlisted(List<Entry> entries) throws IOException {
        List<String> keep = entries.stream().map(Entry::file).toList();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".png") && !keep.contains(name)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** How many results a crashed session left; 0 when none or the list is unreadable. */
    int count() {
        return entries().size();
    }

    private List<Entry> entries() {
        if (!Files.isRegularFile(listFile())) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(listFile().toFile(), Entry[].class));
        } catch (IOException e) {
            AppLog.error("damaged result list " + listFile(), e);
            return List.of();
        }
    }

    /** A sampler is stored by its registry id, as the settings store it. */
    private static SimpleModule samplerById() {
        SimpleModule module = new SimpleModule("sampler-by-id");
        module.addSerializer(SamplerType.class, new ToStringSerializerBase(SamplerType.class) {
            @Override
            public String valueToString(Object value) {
                return ((SamplerType) value).id();
            }
        });
        module.addDeserializer(SamplerType.class, new FromStringDeserializer<>(SamplerType.class) {
            @Override
            protected SamplerType _deserialize(String id, DeserializationContext context) {
                return SamplerRegistry.byId(id);
            }
        });
        return module;
    }

    /** The kept results as gallery entries for {@code picture}; a result of another size is skipped. */
    List<RunResult> load(BufferedImage picture, Mask mask) {
        List<RunResult> out = new ArrayList<>();
        for (Entry e : entries()) {
            Path file = folder.resolve(e.file());
            try {
                BufferedImage image = ImageFiles.read(file);
                if (image.getWidth() != picture.getWidth() || image.getHeight() != picture.getHeight()) {
                    continue;
                }
                out.add(new RunResult(e.run(), e.sample(), image, modelView(image, e.plan()), e.plan(), picture,
                        mask, List.of(), e.parameters(), e.modelName(), e.sourceName(), e.runMillis(),
                        e.metadata() == null ? java.util.Map.of() : e.metadata()));
            } catch (RuntimeException ex) {
                AppLog.error("cannot recover the result " + file, ex);
            }
        }
        return out;
    }

    /** The crop the model saw, at its resolution: the gallery's thumbnail. */
    private static BufferedImage modelView(BufferedImage image, CropPlan plan) {
        int size = Math.max(1, plan.modelSize());
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size, size, plan.x(), plan.y(), plan.x() + plan.side(), plan.y() + plan.side(), null);
        g.dispose();
        return out;
    }

    void clear() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            AppLog.error("cannot clear " + folder, e);
        }
    }
}
