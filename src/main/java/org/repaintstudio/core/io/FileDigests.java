package org.repaintstudio.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

import org.repaintstudio.core.task.CancelToken;

/** Content hashes of files, read in chunks so large weights never sit in memory. */
public final class FileDigests {
    private FileDigests() {}

    /**
     * Hex SHA-256 of a file.
     *
     * @param bytesDone told the bytes read so far every 64 MB (may be null)
     * @param cancel    checked between chunks (may be null)
     */
    public static String sha256(Path file, LongConsumer bytesDone, CancelToken cancel) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buf = new byte[1 << 20];
        long done = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                done += n;
                if (bytesDone != null && (done & ((64L << 20) - 1)) < n) {
                    bytesDone.accept(done);
                }
                if (cancel != null) {
                    cancel.throwIfCancelled();
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
