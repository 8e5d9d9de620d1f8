package org.repaintstudio.core;

import org.repaintstudio.core.sampler.Denoiser;
import org.repaintstudio.core.sampler.Shape;
import org.repaintstudio.core.schedule.NoiseSchedule;
import org.repaintstudio.core.schedule.SchedulerConfig;
import org.repaintstudio.core.task.CancelToken;

/** Denoisers for tests: a call counter around a real model, and an analytic one for flat photos. */
public final class TestDenoisers {
    private TestDenoisers() {}

    /** Counts model calls and samples; optionally cancels a token after a given call. */
    public static final class Counting implements Denoiser {
        private final Denoiser inner;
        private final int cancelAfter;
        private final CancelToken token;
        public int calls;
        public int samples;

        public Counting(Denoiser inner, int cancelAfter, CancelToken token) {
            this.inner = inner;
            this.cancelAfter = cancelAfter;
            this.token = token;
        }

        @Override
        public int outputChannels() {
            return inner.outputChannels();
        }

        @Override
        public int fixedHeight() {
            return inner.fixedHeight();
        }

        @Override
        public int fixedWidth() {
            return inner.fixedWidth();
        }

        @Override
        public void predict(float[] sample, Shape shape, int timestep, float[] out) {
            inner.predict(sample, shape, timestep, out);
            calls++;
            samples += shape.batch();
            if (calls == cancelAfter) {
                token.cancel();
            }
        }

        @Override
        public void close() {}
    }

    /** A test model of any input size that holds nothing to close: a subclass only predicts. */
    public abstract static class AnySize implements Denoiser {
        private final int channels;

        protected AnySize(int channels) {
            this.channels = channels;
        }

        @Override
        public int outputChannels() {
            return channels;
        }

        @Override
        public int fixedHeight() {
            return -1;
        }

        @Override
        public int fixedWidth() {
            return -1;
        }

        @Override
        public void close() {}
    }

    /** The exact noise of x_t for a photo that is one flat colour: its x0 estimate is that colour everywhere. */
    public static final class IdealFlat extends AnySize {
        private final NoiseSchedule schedule;
        private final float[] colour = new float[3];

        public IdealFlat(SchedulerConfig cfg, int rgb) {
            super(3);
            this.schedule = NoiseSchedule.of(cfg);
            for (int c = 0; c < 3; c++) {
                colour[c] = ((rgb >> (16 - 8 * c)) & 0xFF) / 127.5f - 1;
            }
        }

        @Override
        public void predict(float[] sample, Shape shape, int t, float[] out) {
            float a = schedule.alphaCumprod(t);
            float sa = (float) Math.sqrt(a);
            float sb = (float) Math.sqrt(1 - a);
            int hw = shape.pixels();
            for (int n = 0; n < shape.batch(); n++) {
                for (int c = 0; c < 3; c++) {
                    for (int p = 0; p < hw; p++) {
                        int i = (n * 3 + c) * hw + p;
                        out[i] = (sample[i] - sa * colour[c]) / sb;
                    }
                }
            }
        }
    }
}
