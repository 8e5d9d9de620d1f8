package org.repaintstudio.core.image;

import java.util.Locale;

import org.repaintstudio.core.UserFacingException;

/**
 * How a mask image's pixel values are to be read. The three conventions in use:
 * <ul>
 *   <li>{@link #WHITE_FILL}: RePaint Studio's own and its saved masks; white = area to fill.</li>
 *   <li>{@link #WHITE_KEEP}: diffusers' RePaintPipeline; 1.0 (white) = pixel to keep.</li>
 *   <li>{@link #KNOWN_255}: the original RePaint's {@code gt_keep_mask}; 255 = known pixel.</li>
 * </ul>
 * The last two agree on 8-bit images; they are kept apart so every conversion is explicit.
 */
public enum MaskConvention {
    WHITE_FILL("white-fill", "White = fill (RePaint Studio)"),
    WHITE_KEEP("white-keep", "White = keep (diffusers)"),
    KNOWN_255("known-255", "255 = known (original RePaint)");

    private final String id;
    private final String label;

    MaskConvention(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static MaskConvention fromId(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (MaskConvention c : values()) {
            if (c.id.equals(s) || c.name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new UserFacingException("Unknown mask convention '" + id + "'; use white-fill, white-keep or known-255.");
    }

    /** Whether a bright (≥ 50%) pixel in this convention marks an area to fill. */
    public boolean brightMeansFill() {
        return this == WHITE_FILL;
    }

    /** Interprets thresholded brightness: {@code bright} = value ≥ 50%. */
    public boolean isFill(boolean bright) {
        return bright == brightMeansFill();
    }

    /** diffusers' mask tensor, [H*W] with 1.0 = keep and 0.0 = inpaint. */
    public static float[] toDiffusersKeep(Mask mask) {
        boolean[] fill = mask.fillArray();
        float[] keep = new float[fill.length];
        for (int i = 0; i < fill.length; i++) {
            keep[i] = fill[i] ? 0f : 1f;
        }
        return keep;
    }

    /** The original RePaint's gt_keep_mask as 8-bit values: 255 = known, 0 = inpaint. */
    public static byte[] toOriginalKnown255(Mask mask) {
        boolean[] fill = mask.fillArray();
        byte[] out = new byte[fill.length];
        for (int i = 0; i < fill.length; i++) {
            out[i] = fill[i] ? 0 : (byte) 255;
        }
        return out;
    }

    /** From diffusers' mask values (≥ 0.5 = keep), as its pipeline thresholds them. */
    public static Mask fromDiffusersKeep(float[] keep, int width, int height) {
        boolean[] fill = new boolean[keep.length];
        for (int i = 0; i < keep.length; i++) {
            fill[i] = !(keep[i] >= 0.5f);
        }
        return Mask.wrap(width, height, fill);
    }
}
