package org.repaintstudio.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.inpaint.CropPlan;

class LiveCompositeTest {
    @Test
    void previewIsOpaqueOnlyInsideTheMask() {
        Mask mask = new Mask(100, 100);
        for (int y = 40; y < 60; y++) {
            for (int x = 40; x < 60; x++) {
                mask.set(x, y, true);
            }
        }
        CropPlan plan = CropPlan.plan(mask, 32, CropPlan.DEFAULT_CONTEXT);
        BufferedImage preview = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                preview.setRGB(x, y, 0x00FF00);
            }
        }
        BufferedImage out = LiveComposite.render(mask, plan, preview, 512);
        assertThat(out.getWidth()).isEqualTo(plan.side());
        int cx = 50 - plan.x();
        int cy = 50 - plan.y();
        assertThat(out.getRGB(cx, cy)).isEqualTo(0xFF00FF00);
        assertThat(out.getRGB(0, 0) >>> 24).isZero();
    }
}
