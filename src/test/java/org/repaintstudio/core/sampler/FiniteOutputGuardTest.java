package org.repaintstudio.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.TestDenoisers;
import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.task.CancelToken;

/** A model that turns NaN part-way through stops the run at that call, with a sentence naming it. */
class FiniteOutputGuardTest {
    /** Predicts zero noise, then {@code bad} from call {@code badFrom} on. */
    static final class TurnsBad extends TestDenoisers.AnySize {
        final int badFrom;
        final float bad;
        int calls;

        TurnsBad(int badFrom, float bad) {
            super(3);
            this.badFrom = badFrom;
            this.bad = bad;
        }

        @Override
        public void predict(float[] sample, Shape shape, int timestep, float[] out) {
            calls++;
            Arrays.fill(out, calls >= badFrom ? bad : 0f);
        }
    }

    @Test
    void nanAtTheThirdCallStopsTheRunThere() {
        TurnsBad model = new TurnsBad(3, Float.NaN);
        Shape shape = new Shape(1, 3, 8, 8);
        DiffusersSampler sampler = new DiffusersSampler(SchedulerConfig.defaults(), 10, 2, 2, 1.0, shape);
        float[] image = new float[shape.size()];
        float[] keep = new float[shape.batch() * shape.pixels()];
        RePaintPipeline.Request req = new RePaintPipeline.Request(shape, image, keep, sampler, new SeededNoise(1), 0);
        assertThatThrownBy(() -> new RePaintPipeline(model).run(req, new PipelineListener() { }, CancelToken.none()))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("The model produced NaN values at UNet call 3 (timestep ")
                .hasMessageContaining("nothing was written");
        assertThat(model.calls).isEqualTo(3);
    }

    @Test
    void infinityIsCaughtAndFiniteOutputPassesThrough() {
        Denoiser guarded = FiniteOutputGuard.wrap(new TurnsBad(2, Float.POSITIVE_INFINITY));
        assertThat(FiniteOutputGuard.wrap(guarded)).isSameAs(guarded);
        Shape shape = new Shape(1, 3, 4, 4);
        float[] out = new float[shape.size()];
        guarded.predict(new float[shape.size()], shape, 999, out);
        assertThatThrownBy(() -> guarded.predict(new float[shape.size()], shape, 980, out))
                .hasMessageStartingWith("The model produced infinite values at UNet call 2 (timestep 980)");
    }
}
