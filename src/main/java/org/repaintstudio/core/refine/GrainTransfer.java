package org.repaintstudio.core.refine;

import java.util.SplittableRandom;

import org.repaintstudio.core.mask.DistanceField;
import org.repaintstudio.core.task.CancelToken;

/**
 * The last level's fine grain, taken from the photo around the hole. The small model paints the
 * layout and colours of a fill well, but at the photo's own scale its texture is a soft smoke: a
 * fill in gravel, grass or brick has a third to a half of the photo's gradient (docs/photo-64.md).
 * So the fill keeps the model's low frequencies (a Gaussian blur) and takes its high frequencies
 * from the photo: each hole pixel copies the grain of the known place whose surroundings match its
 * own best (a patch search in the manner of PatchMatch, Barnes et al. 2009, on the blurred
 * picture, plus the photo's grain where a patch overlaps known pixels). A hole in a plain sky finds
 * only plain sky to copy, so it stays plain; a hole in gravel gets gravel's grain. The copied grain
 * fades in over the first pixels from the hole's edge, where the smooth start is already close to
 * the truth.
 *
 * <p>Each pixel takes its own match's grain, unaveraged. Averaging what the neighbours' matches
 * suggest (PatchMatch's usual vote, also with rounds that re-match on the copied grain, as in
 * Wexler et al. 2007) removed the speckle where neighbouring matches disagree, but also most of the
 * grain: on the photo test set's blobs only 3 or 4 of 14 fills kept the photo's detail, against 12
 * unaveraged. So a fill can look crunchy where its matches disagree (docs/photo-64.md).
 */
final class GrainTransfer {
    /** Blur sigma, in pixels, that separates the model's layout (kept) from the grain (copied). */
    static final double LAYOUT_SIGMA = 3.0;
    /** Half the side of the compared patches, in pixels. */
    static final int PATCH_RADIUS = 3;
    /** Pixels from the hole's edge over which the copied grain replaces the model's own. */
    static final float FADE_IN = 3f;
    /**
     * Only parts of the hole that hold a disc of this radius get copied grain: in a scratch the
     * smooth start is already close to the truth, and random grain there only adds error (it raised
     * the stroke error of the photo test set by a twentieth when it was copied into scratches too).
     */
    static final float WIDE_RADIUS = 10f;
    /** Search passes; each propagates good matches to neighbours and tries random ones nearby. */
    private static final int PASSES = 4;
    /** Fewer whole known patches than this and there is nothing trustworthy to copy. */
    private static final int MIN_SOURCES = 64;

    private final int width;
    private final int height;
    private final float[] layout;
    private final float[] grain;
    private final boolean[] hole;
    private final boolean[] source;
    private final int[] sources;
    private final int[] match;
    private final float[] cost;
    /** How much copied grain each pixel takes ({@link #grainWeights}); matches are searched where it is > 0. */
    private final float[] weight;
    private final SplittableRandom random;

    private GrainTransfer(float[] picture, boolean[] hole, boolean[] usable, int width, int height, long seed) {
        this.width = width;
        this.height = height;
        this.hole = hole;
        this.layout = LowFrequencyAnchor.blur(picture, width, height, LAYOUT_SIGMA);
        this.grain = new float[picture.length];
        for (int i = 0; i < picture.length; i++) {
            grain[i] = picture[i] - layout[i];
        }
        this.source = wholePatches(hole, usable, width, height);
        this.sources = DistanceField.indicesOf(source);
        this.match = new int[width * height];
        this.cost = new float[width * height];
        this.weight = grainWeights();
        this.random = new SplittableRandom(seed);
    }

    /**
     * Replaces the grain of the hole's pixels of {@code picture} (CHW in [-1, 1], known pixels equal
     * to the photo) in place.
     *
     * @param hole   pixels to give grain to (the mask at the level)
     * @param usable pixels that may be copied from when not in the hole (the photo's own pixels)
     * @param seed   the same seed gives the same grain
     * @param cancel checked once per row of every search pass, so that a huge hole stays cancellable
     */
    static void apply(float[] picture, boolean[] hole, boolean[] usable, int width, int height, long seed,
                      CancelToken cancel) {
        GrainTransfer t = new GrainTransfer(picture, hole, usable, width, height, seed);
        if (t.sources.length < MIN_SOURCES) {
            return;
        }
        t.search(cancel);
        t.copy(picture);
    }

    /** Finds a match for every pixel that takes grain, from random ones. */
    private void search(CancelToken cancel) {
        for (int p = 0; p < hole.length; p++) {
            if (weight[p] > 0) {
                match[p] = sources[random.nextInt(sources.length)];
                cost[p] = patchCost(p, match[p]);
            }
        }
        for (int pass = 0; pass < PASSES; pass++) {
            boolean forward = pass % 2 == 0;
            for (int k = 0; k < hole.length; k++) {
                if (k % width == 0) {
                    cancel.throwIfCancelled();
                }
                int p = forward ? k : hole.length - 1 - k;
                if (weight[p] > 0) {
                    propagate(p, forward ? -1 : 1);
                    randomSearch(p);
                }
            }
        }
    }

    /** Tries the matches of the previous pixel in the row and the column, shifted by one. */
    private void propagate(int p, int direction) {
        int x = p % width;
        int y = p / width;
        int nx = x + direction;
        if (nx >= 0 && nx < width && weight[y * width + nx] > 0) {
            tryCandidate(p, match[y * width + nx] - direction);
        }
        int ny = y + direction;
        if (ny >= 0 && ny < height && weight[ny * width + x] > 0) {
            tryCandidate(p, match[ny * width + x] - direction * width);
        }
    }

    /** Tries random sources around the current match, in windows halving from the whole canvas. */
    private void randomSearch(int p) {
        int mx = match[p] % width;
        int my = match[p] / width;
        for (int r = Math.max(width, height); r >= 1; r /= 2) {
            int x = mx + random.nextInt(2 * r + 1) - r;
            int y = my + random.nextInt(2 * r + 1) - r;
            if (x >= 0 && x < width && y >= 0 && y < height) {
                tryCandidate(p, y * width + x);
            }
        }
    }

    private void tryCandidate(int p, int q) {
        if (q < 0 || q >= source.length || !source[q] || q == match[p]) {
            return;
        }
        float d = patchCost(p, q);
        if (d < cost[p]) {
            cost[p] = d;
            match[p] = q;
        }
    }

    /**
     * Squared difference of the two patches' layouts, plus of their grain where the hole's patch
     * covers known pixels (so that the copied grain continues the grain at the hole's edge).
     */
    private float patchCost(int p, int q) {
        int px = p % width;
        int py = p / width;
        int qx = q % width;
        int qy = q / width;
        int hw = width * height;
        float sum = 0;
        for (int dy = -PATCH_RADIUS; dy <= PATCH_RADIUS; dy++) {
            int ty = clamp(py + dy, height);
            for (int dx = -PATCH_RADIUS; dx <= PATCH_RADIUS; dx++) {
                int t = ty * width + clamp(px + dx, width);
                int s = (qy + dy) * width + qx + dx;
                boolean known = !hole[t];
                for (int c = 0; c < 3; c++) {
                    float d = layout[c * hw + t] - layout[c * hw + s];
                    sum += d * d;
                    if (known) {
                        float g = grain[c * hw + t] - grain[c * hw + s];
                        sum += g * g;
                    }
                }
            }
        }
        return sum;
    }

    /**
     * layout + fade·copied grain + (1 − fade)·own grain, on the pixels that take grain. The copied
     * grain is high-passed once more: grain stitched from different places does not average to zero
     * over a region, and without this it shifted a fill's colour towards the brighter or darker
     * places it copied from (a removed bottle's fill turned grey-white with speckles).
     */
    private void copy(float[] picture) {
        int hw = width * height;
        float[] copied = new float[3 * hw];
        for (int p = 0; p < hw; p++) {
            if (weight[p] > 0) {
                for (int c = 0; c < 3; c++) {
                    copied[c * hw + p] = grain[c * hw + match[p]];
                }
            }
        }
        float[] drift = LowFrequencyAnchor.blur(copied, width, height, LAYOUT_SIGMA);
        for (int p = 0; p < hw; p++) {
            if (weight[p] <= 0) {
                continue;
            }
            float fade = weight[p];
            for (int c = 0; c < 3; c++) {
                int i = c * hw + p;
                float v = layout[i] + fade * (copied[i] - drift[i]) + (1 - fade) * grain[i];
                picture[i] = Math.max(-1f, Math.min(1f, v));
            }
        }
    }

    /**
     * How much copied grain each pixel takes: 0 outside the hole and in its narrow parts, rising over
     * {@link #FADE_IN} pixels from the hole's edge, and over as many from the edge of the wide parts
     * (the hole's opening by a disc of radius {@link #WIDE_RADIUS}).
     */
    private float[] grainWeights() {
        float[] fromEdge = DistanceField.of(hole, width, height, false);
        boolean[] core = new boolean[hole.length];
        for (int p = 0; p < hole.length; p++) {
            core[p] = fromEdge[p] > WIDE_RADIUS;
        }
        float[] toCore = DistanceField.of(core, width, height, true);
        float[] weight = new float[hole.length];
        for (int p = 0; p < hole.length; p++) {
            if (hole[p]) {
                float edge = Math.min(1f, fromEdge[p] / FADE_IN);
                float wide = Math.max(0f, Math.min(1f, (WIDE_RADIUS + FADE_IN - toCore[p]) / FADE_IN));
                weight[p] = Math.min(edge, wide);
            }
        }
        return weight;
    }

    /** Pixels whose whole patch lies on usable pixels outside the hole. */
    private static boolean[] wholePatches(boolean[] hole, boolean[] usable, int width, int height) {
        int[] bad = new int[(width + 1) * (height + 1)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int b = hole[p] || !usable[p] ? 1 : 0;
                bad[(y + 1) * (width + 1) + x + 1] = b + bad[y * (width + 1) + x + 1]
                        + bad[(y + 1) * (width + 1) + x] - bad[y * (width + 1) + x];
            }
        }
        boolean[] out = new boolean[width * height];
        int r = PATCH_RADIUS;
        for (int y = r; y < height - r; y++) {
            for (int x = r; x < width - r; x++) {
                int x0 = x - r;
                int y0 = y - r;
                int x1 = x + r + 1;
                int y1 = y + r + 1;
                int count = bad[y1 * (width + 1) + x1] - bad[y0 * (width + 1) + x1] - bad[y1 * (width + 1) + x0]
                        + bad[y0 * (width + 1) + x0];
                out[y * width + x] = count == 0;
            }
        }
        return out;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
