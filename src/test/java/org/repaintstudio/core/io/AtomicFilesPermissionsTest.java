package org.repaintstudio.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.TestImages;
import org.repaintstudio.core.image.ImageWriters;

/** Outputs get the permissions the umask gives any new file; only private state is owner-only. */
class AtomicFilesPermissionsTest {
    @TempDir
    Path dir;

    @Test
    void outputsHonourTheUmaskAndPrivateStateStaysPrivate() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        // What this process's umask gives a new file, e.g. rw-r--r-- under umask 022.
        Set<PosixFilePermission> umaskDefault = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        assumeTrue(umaskDefault.size() > 2, "the umask itself makes files owner-only");

        AtomicFiles.write(dir.resolve("out.txt"), false, o -> o.write(1));
        ImageWriters.save(TestImages.gradient(8, 8), dir.resolve("out.png"), java.util.Map.of(), false);
        assertThat(Files.getPosixFilePermissions(dir.resolve("out.txt"))).isEqualTo(umaskDefault);
        assertThat(Files.getPosixFilePermissions(dir.resolve("out.png"))).isEqualTo(umaskDefault);

        AtomicFiles.writePrivate(dir.resolve("settings.json"), true, o -> o.write('{'));
        assertThat(Files.getPosixFilePermissions(dir.resolve("settings.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }
}
