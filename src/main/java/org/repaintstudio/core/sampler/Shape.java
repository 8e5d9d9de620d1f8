package org.repaintstudio.core.sampler;

/** NCHW shape of the sample tensor the sampler works on. */
public record Shape(int batch, int channels, int height, int width) {
    public Shape {
        if (batch < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("bad shape " + batch + "x" + channels + "x" + height + "x" + width);
        }
    }

    public int pixels() {
        return height * width;
    }

    public int sampleSize() {
        return channels * height * width;
    }

    public int size() {
        return batch * channels * height * width;
    }

    public Shape withBatch(int n) {
        return new Shape(n, channels, height, width);
    }
}
