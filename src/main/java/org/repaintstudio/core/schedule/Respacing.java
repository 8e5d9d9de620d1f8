package org.repaintstudio.core.schedule;

import java.util.TreeSet;

import org.repaintstudio.core.UserFacingException;

/**
 * guided-diffusion's {@code space_timesteps(T, "n")} for a single section: which training steps a
 * respaced n-step process keeps (0, 4, 8, ..., 999 for 250 of 1000, by rounding a running sum).
 */
public final class Respacing {
    private Respacing() {}

    public static int[] usedTimesteps(int numTrainTimesteps, int count) {
        if (count < 1 || count > numTrainTimesteps) {
            throw new UserFacingException("Cannot take " + count + " steps out of " + numTrainTimesteps + " training steps.");
        }
        double stride = count <= 1 ? 1 : (double) (numTrainTimesteps - 1) / (count - 1);
        TreeSet<Integer> taken = new TreeSet<>();
        double cur = 0.0;
        for (int i = 0; i < count; i++) {
            taken.add((int) Math.rint(cur));   // Python's round(): half to even
            cur += stride;
        }
        return taken.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Betas of the base process in double precision, as the original code builds them. */
    public static double[] baseBetas(SchedulerConfig config) {
        int n = config.numTrainTimesteps();
        double[] b = new double[n];
        if (config.trainedBetas() != null) {
            for (int i = 0; i < n; i++) {
                b[i] = config.trainedBetas()[i];
            }
            return b;
        }
        double start = config.betaStart();
        double end = config.betaEnd();
        for (int i = 0; i < n; i++) {
            double f = n == 1 ? 0 : (double) i / (n - 1);
            b[i] = switch (config.betaSchedule()) {
                case LINEAR -> start + (end - start) * f;
                case SCALED_LINEAR -> {
                    double r = Math.sqrt(start) + (Math.sqrt(end) - Math.sqrt(start)) * f;
                    yield r * r;
                }
                case SIGMOID -> 1 / (1 + Math.exp(-(-6 + 12 * f))) * (end - start) + start;
                case SQUAREDCOS_CAP_V2 -> {
                    double a1 = cos2((double) i / n);
                    double a2 = cos2((double) (i + 1) / n);
                    yield Math.min(1 - a2 / a1, 0.999);
                }
            };
        }
        return b;
    }

    private static double cos2(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }
}
