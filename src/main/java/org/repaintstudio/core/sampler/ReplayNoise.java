package org.repaintstudio.core.sampler;

/** Replays recorded draws (e.g. diffusers' randn_tensor outputs stored with the goldens) in order. */
public final class ReplayNoise implements NoiseSource {
    private final float[] draws;
    private final int drawLength;
    private int position;

    /** @param draws all draws concatenated; each draw holds {@code drawLength} values */
    public ReplayNoise(float[] draws, int drawLength) {
        if (drawLength <= 0 || draws.length % drawLength != 0) {
            throw new IllegalArgumentException("recorded noise of " + draws.length + " values is not a whole number of "
                    + drawLength + "-value draws");
        }
        this.draws = draws;
        this.drawLength = drawLength;
    }

    @Override
    public void next(float[] draw, int batch) {
        if (draw.length != drawLength) {
            throw new IllegalStateException("replay expected a draw of " + drawLength + " values, got " + draw.length);
        }
        if (position + drawLength > draws.length) {
            throw new IllegalStateException("replay noise exhausted after " + drawsUsed() + " draws");
        }
        System.arraycopy(draws, position, draw, 0, drawLength);
        position += drawLength;
    }

    public int drawsUsed() {
        return position / drawLength;
    }

    public int drawsRecorded() {
        return draws.length / drawLength;
    }
}
