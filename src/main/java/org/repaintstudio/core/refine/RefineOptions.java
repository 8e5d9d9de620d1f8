package org.repaintstudio.core.refine;

import org.repaintstudio.core.UserFacingException;

/**
 * How the coarse-to-fine refinement runs after the coarse crop pass.
 *
 * @param enabled     false skips refinement altogether (the coarse fill is returned as it is)
 * @param strength    how far each level re-noises its start image, as a fraction of the training
 *                    timesteps (diffusers' inpainting {@code strength}): 0.3 keeps the layout and adds
 *                    texture, 0.6 lets the model redraw more
 * @param steps       denoising steps (UNet calls per tile batch) per level, before resampling
 * @param jumpLength  RePaint resampling jump inside a level (1 = none)
 * @param jumpNSample RePaint resampling count inside a level (1 = none)
 * @param eta         DDIM/DDPM noise weight of each step, 0..1
 * @param overlap     tile overlap in level pixels; tiles are blended with raised-cosine weights
 * @param dilation    level pixels around the mask that each level also redraws, so the fill meets
 *                    the photo inside regenerated pixels (the last level redraws at least the blend
 *                    band); the default is 0, since redrawn known pixels at a coarse level only
 *                    blur the photo's own detail there, and it raised the stroke error (docs/photo-64.md)
 * @param blendWidth  width in image pixels of the final blend band outside the mask (like diffusers'
 *                    {@code blur_factor}); pixels beyond it keep the input's values exactly
 * @param maxBatch    tiles sent to the UNet in one call
 * @param anchorSigma Gaussian sigma in level pixels below which each level keeps its start image's
 *                    colours and layout ({@link LowFrequencyAnchor}); 0 lets the model redraw them
 * @param copyGrain   the last level takes the fill's fine grain from the best-matching places around
 *                    the hole ({@link GrainTransfer}); false keeps the model's own, softer grain
 */
public record RefineOptions(boolean enabled, double strength, int steps, int jumpLength, int jumpNSample, double eta,
                            int overlap, int dilation, int blendWidth, int maxBatch, double anchorSigma,
                            boolean copyGrain) {

    public RefineOptions {
        if (!(strength > 0 && strength <= 1)) {
            throw new UserFacingException("The refinement strength must lie in (0, 1], not " + strength + ".");
        }
        if (steps < 1 || jumpLength < 1 || jumpNSample < 1) {
            throw new UserFacingException("Refinement steps, jump length and jump n sample must be at least 1.");
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new UserFacingException("The refinement eta must lie between 0 and 1, not " + eta + ".");
        }
        if (overlap < 0 || dilation < 0 || blendWidth < 0) {
            throw new UserFacingException("Tile overlap, mask dilation and blend width cannot be negative.");
        }
        if (!(anchorSigma >= 0 && anchorSigma <= 16)) {
            throw new UserFacingException("The colour anchor sigma must lie between 0 and 16 pixels, not " + anchorSigma
                    + ".");
        }
        if (maxBatch < 1) {
            throw new UserFacingException("The refinement batch must hold at least one tile.");
        }
    }

    /** The tuned default (see the report in docs): cheap, sharp and seam-free on emoji-64 and photos. */
    public static RefineOptions defaults() {
        return new RefineOptions(true, 0.3, 10, 1, 1, 0.0, 24, 0, 4, 8, 1.5, true);
    }

    /** Refinement off: only the coarse crop pass runs. */
    public static RefineOptions off() {
        return defaults().withEnabled(false);
    }

    public RefineOptions withEnabled(boolean on) {
        return new RefineOptions(on, strength, steps, jumpLength, jumpNSample, eta, overlap, dilation, blendWidth,
                maxBatch, anchorSigma, copyGrain);
    }

    public RefineOptions withStrength(double s) {
        return new RefineOptions(enabled, s, steps, jumpLength, jumpNSample, eta, overlap, dilation, blendWidth,
                maxBatch, anchorSigma, copyGrain);
    }

    public RefineOptions withSteps(int n) {
        return new RefineOptions(enabled, strength, n, jumpLength, jumpNSample, eta, overlap, dilation, blendWidth,
                maxBatch, anchorSigma, copyGrain);
    }

    public RefineOptions withResampling(int jump, int nSample) {
        return new RefineOptions(enabled, strength, steps, jump, nSample, eta, overlap, dilation, blendWidth, maxBatch,
                anchorSigma, copyGrain);
    }

    public RefineOptions withEta(double e) {
        return new RefineOptions(enabled, strength, steps, jumpLength, jumpNSample, e, overlap, dilation, blendWidth,
                maxBatch, anchorSigma, copyGrain);
    }

    public RefineOptions withOverlap(int px) {
        return new RefineOptions(enabled, strength, steps, jumpLength, jumpNSample, eta, px, dilation, blendWidth,
                maxBatch, anchorSigma, copyGrain);
    }

    public RefineOptions withDilation(int px) {
        return new RefineOptions(enabled, strength, steps, jumpLength, jumpNSample, eta, overlap, px, blendWidth,
                maxBatch, anchorSigma, copyGrain);
    }

    public RefineOptions withBlendWidth(int px) {
        return new RefineOptions(enabled, strength, steps, jumpLength, jumpNSample, eta, overlap, dilation, px,
                maxBatch, anchorSigma, copyGrain);
    }

    public RefineOptions withAnchorSigma(double sigma) {
        return new RefineOptions(enabled, strength, steps, jumpLength, jumpNSample, eta, overlap, dilation, blendWidth,
                maxBatch, sigma, copyGrain);
    }

    public RefineOptions withCopyGrain(boolean on) {
        return new RefineOptions(enabled, strength, steps, jumpLength, jumpNSample, eta, overlap, dilation, blendWidth,
                maxBatch, anchorSigma, on);
    }

    public RefineOptions withMaxBatch(int n) {
        return new RefineOptions(enabled, strength, steps, jumpLength, jumpNSample, eta, overlap, dilation, blendWidth,
                n, anchorSigma, copyGrain);
    }
}
