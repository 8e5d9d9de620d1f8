package org.repaintstudio.core.inpaint;

import java.awt.image.BufferedImage;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.SoftMask;

/**
 * One inpainting request: the picture, the soft mask (1 = fill), the parameters (sampler, schedule,
 * seed, samples), how to preview, and the source name for the metadata.
 */
public record InpaintJob(BufferedImage image, SoftMask mask, RePaintParameters params, PreviewPolicy previews,
                         String sourceName) {
    public InpaintJob {
        if (image.getWidth() != mask.width() || image.getHeight() != mask.height()) {
            throw new UserFacingException("The mask is " + mask.width() + "×" + mask.height()
                    + " pixels but the image is " + image.getWidth() + "×" + image.getHeight()
                    + "; use a mask of the same size (or --resize-mask).");
        }
        if (previews == null) {
            previews = PreviewPolicy.none();
        }
    }

    /** A job with a binary mask. */
    public static InpaintJob of(BufferedImage image, Mask mask, RePaintParameters params) {
        return new InpaintJob(image, SoftMask.of(mask), params, PreviewPolicy.none(), null);
    }

    public InpaintJob withPreviews(PreviewPolicy policy) {
        return new InpaintJob(image, mask, params, policy, sourceName);
    }

    public InpaintJob withSource(String name) {
        return new InpaintJob(image, mask, params, previews, name);
    }

    public InpaintJob withParams(RePaintParameters p) {
        return new InpaintJob(image, mask, p, previews, sourceName);
    }
}
