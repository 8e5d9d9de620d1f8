package org.repaintstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repaintstudio.core.convert.Golden;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConvertCommandTest {

    @TempDir
    Path tmp;

    @Test
    void helpDescribesOptions() {
        CliRun r = CliRun.of("convert", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--out").contains("--force").contains("DIR");
    }

    @Test
    void convertsThenReusesThenRefusesForeignFile() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("tiny"));
        Path out = tmp.resolve("x/model.onnx");
        CliRun first = CliRun.of("convert", dir.toString(), "--out", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Converted tiny to " + out).contains("1.0 M parameters");
        assertThat(first.err()).contains("[########################] 100%");
        assertThat(out).exists();

        CliRun again = CliRun.of("convert", dir.toString(), "--out", out.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Up to date");

        Path foreign = tmp.resolve("y/model.onnx");
        Files.createDirectories(foreign.getParent());
        Files.writeString(foreign, "someone else's model");
        CliRun refused = CliRun.of("convert", dir.toString(), "--out", foreign.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).startsWith("Error: ").contains("--force").doesNotContain("\tat ");
        assertThat(Files.readString(foreign)).isEqualTo("someone else's model");

        CliRun forced = CliRun.of("convert", dir.toString(), "--out", foreign.toString(), "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(Files.size(foreign)).isGreaterThan(1_000_000L);
    }

    @Test
    void defaultOutputIsNextToTheWeights() throws Exception {
        Path dir = Golden.copyUnet("tiny", tmp.resolve("tiny"));
        CliRun r = CliRun.of("convert", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve("model.onnx")).exists();
        assertThat(dir.resolve("model.onnx.json")).exists();
    }

    @Test
    void badInputIsOneSentence() throws Exception {
        CliRun missing = CliRun.of("convert", tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err().strip()).startsWith("Error: Model path").endsWith("does not exist.")
                .doesNotContain("Exception");

        Path dir = Golden.copyUnet("tiny", tmp.resolve("t"));
        byte[] all = Files.readAllBytes(dir.resolve("diffusion_pytorch_model.safetensors"));
        Files.write(dir.resolve("diffusion_pytorch_model.safetensors"), java.util.Arrays.copyOf(all, 1000));
        CliRun truncated = CliRun.of("convert", dir.toString());
        assertThat(truncated.exitCode()).isNotZero();
        assertThat(truncated.err()).startsWith("Error: ").doesNotContain("\tat ");
        assertThat(truncated.err().strip().lines()).hasSize(1);
        assertThat(dir.resolve("model.onnx")).doesNotExist();
    }
}
