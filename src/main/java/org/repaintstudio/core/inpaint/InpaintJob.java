package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;
import org.repaintstudio.core.refine.RefineOptions;

/**
 * One inpainting request: the picture, the soft mask (1 = fill), the parameters (sampler, schedule,
 * seed, samples), how to preview, the source name for the metadata, the native-resolution
 * refinement after the coarse pass, and where the result may differ from the input.
 *
 * @param refine         the refinement levels' settings ({@link RefineOptions#off()} for the coarse pass only)
 * @param keepKnownExact true: the blend weight is the mask's own fill weight, so every pixel outside
 *                       the mask keeps its input value bit for bit (outpainting an extended canvas);
 *                       false: a blend band outside the mask hides the fill's edge (inpainting)
 */
public record InpaintJob(BufferedImage image, SoftMask mask, RePaintParameters params, PreviewPolicy previews,
                         String sourceName, RefineOptions refine, boolean keepKnownExact) {
    public InpaintJob {
        if (image.getWidth() != mask.width() || image.getHeight() != mask.height()) {
            throw new UserFacingException("The mask is " + mask.width() + "×" + mask.height()
                    + " pixels but the image is " + image.getWidth() + "×" + image.getHeight()
                    + "; use a mask of the same size (or --resize-mask).");
        }
        if (previews == null) {
            previews = PreviewPolicy.none();
        }
        if (refine == null) {
            refine = RefineOptions.defaults();
        }
    }

    /** A job with the default refinement and a blend band outside the mask. */
    public InpaintJob(BufferedImage image, SoftMask mask, RePaintParameters params, PreviewPolicy previews,
                      String sourceName) {
        this(image, mask, params, previews, sourceName, RefineOptions.defaults(), false);
    }

    /** A job with a binary mask. */
    public static InpaintJob of(BufferedImage image, Mask mask, RePaintParameters params) {
        return new InpaintJob(image, SoftMask.of(mask), params, PreviewPolicy.none(), null);
    }

    public InpaintJob withPreviews(PreviewPolicy policy) {
        return new InpaintJob(image, mask, params, policy, sourceName, refine, keepKnownExact);
    }

    public InpaintJob withSource(String name) {
        return new InpaintJob(image, mask, params, previews, name, refine, keepKnownExact);
    }

    public InpaintJob withParams(RePaintParameters p) {
        return new InpaintJob(image, mask, p, previews, sourceName, refine, keepKnownExact);
    }

    public InpaintJob withRefine(RefineOptions options) {
        return new InpaintJob(image, mask, params, previews, sourceName, options, keepKnownExact);
    }

    public InpaintJob withKeepKnownExact(boolean exact) {
        return new InpaintJob(image, mask, params, previews, sourceName, refine, exact);
    }
}
