package org.repaintstudio.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.UserFacingException;

class ExecutionOptionsTest {
    @Test
    void devicesParse() {
        ExecutionOptions cpu = ExecutionOptions.parse("cpu", 2);
        assertThat(cpu.isCpu()).isTrue();
        assertThat(cpu.deviceName()).isEqualTo("cpu");
        assertThat(cpu.effectiveThreads()).isEqualTo(2);
        assertThat(ExecutionOptions.parse(null, 0).effectiveThreads())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        ExecutionOptions gpu = ExecutionOptions.parse("CUDA:1", 0);
        assertThat(gpu.provider().id()).isEqualTo("cuda");
        assertThat(gpu.deviceName()).isEqualTo("cuda:1");
        assertThat(gpu.onCpu().isCpu()).isTrue();
    }

    @Test
    void badValuesAreOneSentence() {
        assertThatThrownBy(() -> ExecutionOptions.parse("tpu", 0)).isInstanceOf(UserFacingException.class)
                .hasMessage("Unknown device 'tpu'; use one of: cpu, cuda.");
        assertThatThrownBy(() -> ExecutionOptions.parse("cuda:x", 0)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("is not a device");
        assertThatThrownBy(() -> ExecutionOptions.parse("cpu:1", 0)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("takes no number");
        assertThatThrownBy(() -> ExecutionOptions.parse("cuda:-1", 0)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("0 or more");
        int max = ExecutionOptions.maxThreads();
        assertThatThrownBy(() -> ExecutionOptions.cpu(max + 1)).isInstanceOf(UserFacingException.class)
                .hasMessage("Threads must be 0 (one per core) or 1 to " + max + " on this machine, not " + (max + 1) + ".");
        assertThatThrownBy(() -> ExecutionOptions.cpu(-1)).isInstanceOf(UserFacingException.class);
        assertThat(ExecutionOptions.cpu(max).threads()).isEqualTo(max);
    }

    @Test
    void cudaWithoutItsProviderNamesWhatIsMissing() {
        // The default build bundles ONNX Runtime's CPU-only library; the CUDA build (-Pcuda) has the
        // provider but, on a machine without the CUDA 12 runtime, fails when it is added.
        ExecutionProvider cuda = ExecutionProvider.byId("cuda");
        String expected = cuda.isCompiledIn() ? "could not be used: the CUDA 12 runtime"
                : "This is a CPU-only build of RePaint Studio";
        assertThatThrownBy(() -> LoadedModel.open(Golden.root().resolve("unet/tiny"), ExecutionOptions.parse("cuda", 1)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining(expected)
                .hasMessageContaining("CUDA 12 runtime");
    }

    @Test
    void theSpeedKeyNamesModelAndDevice() {
        try (LoadedModel m = LoadedModel.open(Golden.root().resolve("unet/tiny"), ExecutionOptions.cpu(1))) {
            assertThat(m.execution().deviceName()).isEqualTo("cpu");
            assertThat(m.speedKey()).isEqualTo(m.location() + "@cpu");
            assertThat(m.denoiser().threads()).isEqualTo(1);
        }
    }
}
