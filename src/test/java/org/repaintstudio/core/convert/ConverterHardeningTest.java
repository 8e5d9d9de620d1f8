package org.repaintstudio.core.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.core.UserFacingException;

/** The converter warns about non-finite weights and never moves a model ONNX Runtime cannot load into place. */
class ConverterHardeningTest {
    @TempDir
    Path tmp;

    @Test
    void nonFiniteWeightsAreCountedAndWarnedAbout() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("nan"));
        Files.copy(Golden.unet("tiny").resolve("config.json"), dir.resolve("config.json"));
        Map<String, long[]> shapes = UnetConfig.read(dir.resolve("config.json")).parameterShapes();
        TestSafetensors.Values random = TestSafetensors.randomWeights(3);
        TestSafetensors.writeF32(dir.resolve("diffusion_pytorch_model.safetensors"), shapes,
                (name, i) -> name.equals("conv_out.weight") && i < 5 ? Float.NaN
                        : name.equals("conv_in.bias") && i == 0 ? Float.NEGATIVE_INFINITY : random.at(name, i));
        UnetConverter.Result r = UnetConverter.convert(dir.resolve("config.json"),
                dir.resolve("diffusion_pytorch_model.safetensors"), dir.resolve("model.onnx"), false, null, null);
        assertThat(r.nonFiniteWeights()).isEqualTo(6);
        assertThat(r.warning()).get().asString()
                .isEqualTo("6 weights (first in conv_in.bias) are NaN or infinite, so the model will probably produce NaN.");

        UnetConverter.Result clean = UnetConverter.convert(Golden.unet("tiny").resolve("config.json"),
                Golden.unet("tiny").resolve("diffusion_pytorch_model.safetensors"), tmp.resolve("ok/model.onnx"),
                false, null, null);
        assertThat(clean.warning()).isEmpty();
    }

    @Test
    void aFileOnnxRuntimeCannotLoadIsRefusedBeforeItIsMoved() throws Exception {
        Path bad = tmp.resolve("bad.onnx");
        Files.writeString(bad, "not a model");
        assertThatThrownBy(() -> OnnxLoadCheck.requireLoads(bad)).isInstanceOf(UserFacingException.class)
                .hasMessage("The converted model does not load in ONNX Runtime, so it was not saved "
                        + "(bad.onnx is not a valid ONNX file).");
    }
}
