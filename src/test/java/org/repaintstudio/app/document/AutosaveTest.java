package org.repaintstudio.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.repaintstudio.app.ui.TestImages;
import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.image.MaskPresets;

class AutosaveTest {
    @TempDir
    Path dir;

    @Test
    void recoversTheMaskOfAPictureOnDisk() {
        Path picture = TestImages.picture(dir, "photo.png", 60, 40);
        Autosave autosave = new Autosave(dir.resolve("autosave"));
        Mask mask = MaskPresets.THICK.create(60, 40, 3);
        autosave.save(picture, "photo.png", mask, null);

        assertThat(autosave.exists()).isTrue();
        Autosave.Recovery r = autosave.load();
        assertThat(r.mask()).isEqualTo(mask);
        assertThat(r.source()).isEqualTo(picture.toAbsolutePath());
        assertThat(r.image().getWidth()).isEqualTo(60);

        autosave.clear();
        assertThat(autosave.exists()).isFalse();
    }

    @Test
    void keepsACopyOfAPastedPicture() {
        Autosave autosave = new Autosave(dir.resolve("autosave"));
        BufferedImage pasted = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        pasted.setRGB(3, 3, 0x123456);
        autosave.save(null, "Pasted image", MaskPresets.HALF_TOP.create(20, 10, 0), pasted);
        Autosave.Recovery r = autosave.load();
        assertThat(r.source()).isNull();
        assertThat(r.image().getRGB(3, 3) & 0xFFFFFF).isEqualTo(0x123456);
        assertThat(r.session().displayName).isEqualTo("Pasted image");
    }
}
