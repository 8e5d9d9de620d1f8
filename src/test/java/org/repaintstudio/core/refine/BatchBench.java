package org.repaintstudio.core.refine;

import java.nio.file.Path;
import java.util.Arrays;

import org.repaintstudio.core.model.LoadedModel;
import org.repaintstudio.core.sampler.Shape;

/**
 * Measurement harness, not a test: UNet milliseconds per tile at several batch sizes, interleaved
 * round by round so that a busy machine slows every batch size alike.
 * <pre>java -cp 'target/classes:target/test-classes:target/lib/*' org.repaintstudio.core.refine.BatchBench MODEL_DIR [rounds]</pre>
 */
public final class BatchBench {
    private BatchBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] batches = {1, 2, 4, 8};
        try (LoadedModel model = LoadedModel.open(Path.of(args[0]), 2)) {
            int r = model.resolution();
            double[][] perTile = new double[batches.length][rounds];
            for (int round = -1; round < rounds; round++) {
                for (int b = 0; b < batches.length; b++) {
                    Shape shape = new Shape(batches[b], 3, r, r);
                    float[] in = new float[shape.size()];
                    float[] out = new float[batches[b] * model.denoiser().outputChannels() * r * r];
                    long t0 = System.nanoTime();
                    for (int k = 0; k < 8 / batches[b]; k++) {
                        model.denoiser().predict(in, shape, 500, out);
                    }
                    if (round >= 0) {
                        perTile[b][round] = (System.nanoTime() - t0) / 1e6 / 8;
                    }
                }
            }
            for (int b = 0; b < batches.length; b++) {
                Arrays.sort(perTile[b]);
                System.out.printf("batch %d: median %.1f ms per tile%n", batches[b], perTile[b][rounds / 2]);
            }
        }
    }
}
