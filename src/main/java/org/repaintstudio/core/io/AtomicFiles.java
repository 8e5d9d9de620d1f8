package org.repaintstudio.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

import org.repaintstudio.core.UserFacingException;

/**
 * Writes files so that a reader never sees a half-written one and nothing is overwritten unasked:
 * data goes to a temporary file in the same folder, which is then moved over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Thrown when the target exists and overwriting was not allowed. */
    public static final class ExistsException extends UserFacingException {
        private final Path path;

        public ExistsException(Path path) {
            super(path + " already exists; choose another name or allow overwriting (--force).");
            this.path = path;
        }

        public Path path() {
            return path;
        }
    }

    /**
     * Writes {@code target} with the permissions new files get from the user's umask, like any
     * other program's output.
     */
    public static void write(Path target, boolean overwrite, Writer writer) {
        write(target, overwrite, false, writer);
    }

    /** Writes private state (autosave, settings): readable and writable by the owner only (0600). */
    public static void writePrivate(Path target, boolean overwrite, Writer writer) {
        write(target, overwrite, true, writer);
    }

    private static void write(Path target, boolean overwrite, boolean ownerOnly, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (!overwrite && Files.exists(abs)) {
            throw new ExistsException(target);
        }
        if (Files.isDirectory(abs)) {
            throw new UserFacingException(target + " is a folder.");
        }
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = createTemp(abs, ownerOnly);
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            move(temp, abs, overwrite);
            temp = null;
        } catch (FileAlreadyExistsException e) {
            throw new ExistsException(target);
        } catch (IOException e) {
            throw new UserFacingException("Could not save " + target + ": " + describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and harmless
                }
            }
        }
    }

    /**
     * A new hidden file next to the target. Files.createTempFile would make it 0600 whatever the
     * umask, and the move would carry that onto every output; so only private state asks for it.
     */
    private static Path createTemp(Path target, boolean ownerOnly) throws IOException {
        for (int attempt = 0; ; attempt++) {
            long r = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
            Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toString(r, 36) + ".part");
            try {
                if (ownerOnly && temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    return Files.createFile(temp, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                }
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path temp, Path target, boolean overwrite) throws IOException {
        if (!overwrite) {
            // Hard-linking fails if the target appeared meanwhile, so a racing writer is never clobbered.
            try {
                Files.createLink(target, temp);
                Files.delete(temp);
                return;
            } catch (UnsupportedOperationException | IOException e) {
                if (e instanceof FileAlreadyExistsException fe) {
                    throw fe;
                }
                if (Files.exists(target)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
            }
        }
        replace(temp, target);
    }

    /** Moves a finished temporary file over its target, atomically where the file system can. */
    public static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the folder does not exist";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
