package org.repaintstudio.app.model;

import org.repaintstudio.core.io.HumanFormat;
import java.nio.file.Path;

import org.repaintstudio.core.model.ModelFolder;
import org.repaintstudio.core.model.ModelRegistry;
import org.repaintstudio.core.model.ModelRegistry.Source;

/**
 * One line of the Models dialog's table: a model, or a folder that could not be opened (then
 * {@link #problem()} says why in one sentence). Every value is read once, off the UI thread, so
 * the table never touches the disk.
 *
 * @param layout         empty for a problem
 * @param resolution     0 when unknown
 * @param parameterCount -1 when unknown
 * @param partialRepoId  for an unfinished Hub download in the user's folder: the repository it
 *                       was most likely pulled from, so Download can resume it; else null
 */
public record ModelRow(String name, Source source, Path location, ModelFolder.Layout layout, int resolution,
                       long parameterCount, long sizeOnDisk, String license, boolean needsConversion,
                       String problem, String partialRepoId, String domain) {

    public static ModelRow of(ModelRegistry.Entry e, boolean needsConversion) {
        return new ModelRow(e.name(), e.source(), e.location(), e.model().layout(), e.resolution().orElse(0),
                e.parameterCount().orElse(-1), e.sizeOnDisk(), e.license(), needsConversion, null, null,
                e.model().domain().orElse(""));
    }

    public static ModelRow problem(ModelRegistry.Problem p, long sizeOnDisk, String message, String partialRepoId) {
        Path file = p.location().getFileName();
        return new ModelRow(file == null ? p.location().toString() : file.toString(), p.source(), p.location(), null,
                0, -1, sizeOnDisk, "", false, message, partialRepoId, "");
    }

    public boolean isProblem() {
        return problem != null;
    }

    /** "bundled", "your folder" or "imported". */
    public String sourceLabel() {
        return sourceLabel(source);
    }

    public static String sourceLabel(Source source) {
        return switch (source) {
            case BUNDLED -> "bundled";
            case USER -> "your folder";
            case IMPORTED -> "imported";
        };
    }

    public String resolutionLabel() {
        return resolution > 0 ? resolution + " px" : isProblem() ? "" : "?";
    }

    public String parametersLabel() {
        return parameterCount >= 0 ? formatCount(parameterCount) : isProblem() ? "" : "?";
    }

    public String sizeLabel() {
        return sizeOnDisk > 0 ? formatBytes(sizeOnDisk) : isProblem() ? "" : "?";
    }

    /** "Ready", "Needs conversion to ONNX" or the problem. */
    public String statusLabel() {
        if (isProblem()) {
            return problem;
        }
        return needsConversion ? "Needs conversion to ONNX" : "Ready";
    }

    /** e.g. 113.7 M, 1.2 k. */
    public static String formatCount(long n) {
        return HumanFormat.count(n);
    }

    /** e.g. 455 MB, 4.1 MB, 812 B. */
    public static String formatBytes(long n) {
        return HumanFormat.bytes(n);
    }
}
