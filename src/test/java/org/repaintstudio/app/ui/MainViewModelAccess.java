package org.repaintstudio.app.ui;

import java.awt.image.BufferedImage;

/** Picture copies for tests. */
final class MainViewModelAccess {
    private MainViewModelAccess() {}

    static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.setData(src.getRaster());
        return out;
    }
}
