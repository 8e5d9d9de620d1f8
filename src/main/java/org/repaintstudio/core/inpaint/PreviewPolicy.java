package org.repaintstudio.core.inpaint;

/**
 * How often a job sends x0 previews, and whether it also renders the live composite (the preview
 * of the first sample placed over the crop, for the app's canvas).
 *
 * @param every    a preview every this many UNet calls; 0 = only the final result; -1 = adaptive
 *                 (every call for short runs, every 2nd or 4th for long ones)
 * @param liveSide side in pixels of the live composite, 0 for none
 */
public record PreviewPolicy(int every, int liveSide) {
    private static final int ADAPTIVE = -1;

    public PreviewPolicy {
        if (every < ADAPTIVE || liveSide < 0) {
            throw new IllegalArgumentException("bad preview policy " + every + ", " + liveSide);
        }
    }

    /** Only the final results. */
    public static PreviewPolicy none() {
        return new PreviewPolicy(0, 0);
    }

    public static PreviewPolicy every(int calls) {
        return new PreviewPolicy(Math.max(0, calls), 0);
    }

    /** What the app uses: adaptive cadence and a live composite of up to {@code side} pixels. */
    public static PreviewPolicy live(int side) {
        return new PreviewPolicy(ADAPTIVE, side);
    }

    /** The preview interval for a run of {@code calls} UNet calls. Previews cost little next to a call. */
    public int everyFor(int calls) {
        if (every != ADAPTIVE) {
            return every;
        }
        return calls <= 300 ? 1 : calls <= 1200 ? 2 : 4;
    }
}
