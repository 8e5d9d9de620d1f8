package org.repaintstudio.core.inpaint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.repaintstudio.core.Golden;
import org.repaintstudio.core.model.LoadedModel;

/**
 * The engine tests' shared fixture: the tiny 32-px test model, opened once per test class (ONNX
 * sessions are the slow part of these tests) and the engine over it.
 */
abstract class TinyEngineTest {
    protected static LoadedModel tiny;
    protected static InpaintEngine engine;

    @BeforeAll
    static void openTinyModel() {
        tiny = LoadedModel.open(Golden.root().resolve("unet/tiny"), 2);
        engine = InpaintEngine.of(tiny);
    }

    @AfterAll
    static void closeTinyModel() {
        tiny.close();
    }
}
