package org.repaintstudio.app.ui;

import java.io.File;
import java.security.AccessControlContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;

/**
 * A real {@link Dragboard} holding files, as the OS would deliver it, so tests can fire genuine
 * DRAG_OVER and DRAG_DROPPED events (JavaFX is on the class path, so its internals are reachable).
 */
final class TestDragboards {
    private TestDragboards() {}

    static Dragboard withFiles(List<File> files) {
        Map<DataFormat, Object> content = new HashMap<>();
        content.put(DataFormat.FILES, files);
        TKClipboard peer = new TKClipboard() {
            @Override
            @SuppressWarnings("removal")
            public void setSecurityContext(AccessControlContext ctx) {}

            @Override
            public Set<DataFormat> getContentTypes() {
                return content.keySet();
            }

            @Override
            @SafeVarargs
            public final boolean putContent(Pair<DataFormat, Object>... items) {
                for (Pair<DataFormat, Object> p : items) {
                    content.put(p.getKey(), p.getValue());
                }
                return true;
            }

            @Override
            public Object getContent(DataFormat format) {
                return content.get(format);
            }

            @Override
            public boolean hasContent(DataFormat format) {
                return content.containsKey(format);
            }

            @Override
            public Set<TransferMode> getTransferModes() {
                return Set.of(TransferMode.COPY);
            }

            @Override
            public void setDragView(Image image) {}

            @Override
            public void setDragViewOffsetX(double offsetX) {}

            @Override
            public void setDragViewOffsetY(double offsetY) {}

            @Override
            public Image getDragView() {
                return null;
            }

            @Override
            public double getDragViewOffsetX() {
                return 0;
            }

            @Override
            public double getDragViewOffsetY() {
                return 0;
            }
        };
        return DragboardHelper.createDragboard(peer);
    }
}
