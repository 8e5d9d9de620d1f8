package org.repaintstudio.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.Golden;

/** Corrupt reference data is reported as unreadable, never as a measurement ("off by Infinity ulp"). */
class CorruptReferenceTest {
    @TempDir
    Path tmp;

    private Path copyOf(String rel) throws IOException {
        Path src = Golden.root().resolve(rel);
        Path dst = tmp.resolve(rel);
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dst.resolve(f.getFileName()));
            }
        }
        return dst;
    }

    private List<ConformanceSuite.CaseResult> run() {
        try (ConformanceSuite suite = new ConformanceSuite(tmp, 1)) {
            return suite.runAll(r -> { });
        }
    }

    @Test
    void truncatedOrGarbledDataAndManifestsAreUnreadable() throws IOException {
        Path betas = copyOf("scheduler/betas/linear_T100");
        Path cumprod = copyOf("scheduler/betas/linear_T1000");
        Path garbled = copyOf("scheduler/betas/scaled_linear_T1000");
        Path step = copyOf("scheduler/step/step_000");
        // Half the values: a length mismatch used to read as "off by Infinity ulp".
        byte[] b = Files.readAllBytes(betas.resolve("betas.f32"));
        Files.write(betas.resolve("betas.f32"), java.util.Arrays.copyOf(b, b.length / 2));
        // NaN bytes in the reference.
        byte[] c = Files.readAllBytes(cumprod.resolve("alphas_cumprod.f32"));
        c[0] = 0;
        c[1] = 0;
        c[2] = (byte) 0xC0;
        c[3] = 0x7F;
        Files.write(cumprod.resolve("alphas_cumprod.f32"), c);
        // A manifest cut in the middle.
        String m = Files.readString(garbled.resolve("manifest.json"));
        Files.writeString(garbled.resolve("manifest.json"), m.substring(0, m.length() / 2));
        // A manifest with the wrong structure.
        Files.writeString(step.resolve("manifest.json"), "[1, 2, 3]");

        List<ConformanceSuite.CaseResult> results = run();
        assertThat(results).hasSize(4);
        for (ConformanceSuite.CaseResult r : results) {
            assertThat(r.passed()).isFalse();
            assertThat(r.detail()).as(r.id()).contains("unreadable")
                    .doesNotContain("Infinity").doesNotContain("Exception").doesNotContain("[Source");
        }
    }
}
