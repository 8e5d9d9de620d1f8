package org.repaintstudio.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.repaintstudio.app.edit.EditHistory;
import org.repaintstudio.app.edit.PixelRect;
import org.repaintstudio.core.image.MaskPresets;

class DocumentViewModelTest {
    private static DocumentViewModel open(int w, int h) {
        DocumentViewModel doc = new DocumentViewModel();
        doc.open(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), Path.of("photo.png"), null);
        return doc;
    }

    @Test
    void strokeUndoRedoRestoreTheMaskExactly() {
        DocumentViewModel doc = open(300, 200);
        doc.beginStroke(20, 20, 8, 0.5, false);
        doc.strokeTo(200, 150, 8, 0.5, false);
        doc.endStroke(false);
        byte[] painted = doc.mask().snapshot();
        assertThat(doc.mask().isEmpty()).isFalse();
        assertThat(doc.isDirty()).isTrue();
        assertThat(doc.titleProperty().get()).isEqualTo("*photo.png – RePaint Studio");

        doc.undo();
        assertThat(doc.mask().isEmpty()).isTrue();
        assertThat(doc.isDirty()).isFalse();
        doc.redo();
        assertThat(doc.mask().snapshot()).isEqualTo(painted);
    }

    @Test
    void keepsAtLeastFiftyLevelsOfFullImageEditsOnALargeMask() {
        DocumentViewModel doc = open(4000, 3000);
        for (int i = 0; i < 60; i++) {
            doc.fillRect(new PixelRect(i * 10, i * 10, 500, 500), i % 2 == 1);
            if (i % 10 == 0) {
                doc.invertMask();
            }
        }
        EditHistory h = doc.history();
        int levels = h.undoLevels();
        assertThat(levels).isGreaterThanOrEqualTo(50);
        // Compressed XOR patches: far below one raw copy of the mask per level.
        assertThat(h.sizeBytes()).isLessThan(4_000_000L);
        for (int i = 0; i < levels; i++) {
            doc.undo();
        }
        assertThat(doc.mask().isEmpty()).isTrue();
    }

    @Test
    void historyIsBoundedByLevels() {
        DocumentViewModel doc = new DocumentViewModel(new EditHistory(50, Long.MAX_VALUE));
        doc.open(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB), null, "Pasted image");
        for (int i = 0; i < 70; i++) {
            doc.fillRect(new PixelRect(i % 50, 0, 1, 1), i % 2 == 0 && i >= 50);
        }
        assertThat(doc.history().undoLevels()).isEqualTo(50);
    }

    @Test
    void presetsAreOneUndoableEdit() {
        DocumentViewModel doc = open(64, 64);
        doc.applyPreset(MaskPresets.HALF_LEFT, 1);
        assertThat(doc.coverageProperty().get()).isEqualTo(0.5);
        doc.undo();
        assertThat(doc.coverageProperty().get()).isZero();
    }

    @Test
    void applyingAResultIsUndoableAndNotifiesTheView() {
        DocumentViewModel doc = open(20, 20);
        BufferedImage result = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        result.setRGB(5, 5, 0xFF8040);
        int[] calls = {0};
        doc.addImageListener(r -> calls[0]++);
        doc.applyImage(result, new PixelRect(0, 0, 10, 10), "Apply sample 1");
        assertThat(doc.image().getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFF8040);
        assertThat(doc.unsavedDescription()).contains("inpainted");
        doc.undo();
        assertThat(doc.image().getRGB(5, 5) & 0xFFFFFF).isZero();
        assertThat(calls[0]).isEqualTo(2);
    }
}
