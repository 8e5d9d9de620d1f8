package org.repaintstudio.app.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.repaintstudio.app.util.AppLog;
import org.repaintstudio.core.io.AtomicFiles;
import org.repaintstudio.core.image.ImageFiles;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskConvention;
import org.repaintstudio.core.image.MaskFiles;

/**
 * Keeps the painted mask (and a picture that exists nowhere else) in the user's data folder so
 * it survives a crash. A clean exit deletes it; finding it at start means the last session died.
 */
public final class Autosave {
    /** What was saved: the picture's file, or a copy of the picture when it has none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Session {
        public String source;
        public String displayName;
        public int width;
        public int height;
        public String savedAt;
        public boolean hasImageCopy;
    }

    /** A found session, ready to restore. */
    public record Recovery(Session session, BufferedImage image, Mask mask, Path source) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path folder;

    public Autosave(Path folder) {
        this.folder = folder;
    }

    /** The recovery folder, where other unsaved work (the gallery's results) is kept too. */
    public Path folder() {
        return folder;
    }

    private Path sessionFile() {
        return folder.resolve("session.json");
    }

    private Path maskFile() {
        return folder.resolve("mask.png");
    }

    private Path imageFile() {
        return folder.resolve("image.png");
    }

    /** Writes the mask, and the picture when {@code imageCopy} is not null. Any thread. */
    public void save(Path source, String displayName, Mask mask, BufferedImage imageCopy) {
        try {
            Files.createDirectories(folder);
            MaskFiles.write(mask, maskFile(), true);
            if (imageCopy != null) {
                ImageWriters.save(imageCopy, imageFile(), Map.of("Software", "RePaint Studio autosave"), true);
            }
            Session s = new Session();
            s.source = source == null ? null : source.toAbsolutePath().toString();
            s.displayName = displayName;
            s.width = mask.width();
            s.height = mask.height();
            s.savedAt = Instant.now().toString();
            s.hasImageCopy = imageCopy != null || (Files.exists(imageFile()) && source == null);
            byte[] json = JSON.writeValueAsBytes(s);
            AtomicFiles.writePrivate(sessionFile(), true, out -> out.write(json));
        } catch (IOException | RuntimeException e) {
            AppLog.error("autosave failed in " + folder, e);
        }
    }

    /** Forgets the autosave (clean exit, or the user saved or discarded the work). */
    public void clear() {
        for (Path p : new Path[] {sessionFile(), maskFile(), imageFile()}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                AppLog.error("cannot delete autosave file " + p, e);
            }
        }
    }

    public boolean exists() {
        return Files.isRegularFile(sessionFile()) && Files.isRegularFile(maskFile());
    }

    public Optional<Session> peek() {
        if (!exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(sessionFile().toFile(), Session.class));
        } catch (IOException e) {
            AppLog.error("damaged autosave " + sessionFile(), e);
            return Optional.empty();
        }
    }

    /** Reads the saved session back; throws a user-facing error when its picture is gone. */
    public Recovery load() {
        Session s = peek().orElseThrow(() -> new org.repaintstudio.core.UserFacingException(
                "The autosaved mask could not be read."));
        Path source = s.source == null ? null : Path.of(s.source);
        BufferedImage image;
        if (s.hasImageCopy && Files.isRegularFile(imageFile())) {
            image = ImageFiles.read(imageFile());
        } else if (source != null) {
            image = ImageFiles.read(source);
        } else {
            throw new org.repaintstudio.core.UserFacingException("The picture of the autosaved mask is gone.");
        }
        Mask mask = MaskFiles.read(maskFile(), MaskConvention.WHITE_FILL);
        if (mask.width() != image.getWidth() || mask.height() != image.getHeight()) {
            throw new org.repaintstudio.core.UserFacingException(
                    "The picture of the autosaved mask has changed size since; the mask cannot be restored.");
        }
        return new Recovery(s, image, mask, s.hasImageCopy ? null : source);
    }
}
