package org.repaintstudio.app.ui;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;

import org.repaintstudio.core.image.ImageWriters;

/** Pictures written for tests. */
public final class TestImages {
    private TestImages() {}

    public static Path picture(Path dir, String name, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 120, 200), w, h, new Color(240, 200, 60)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(200, 40, 60));
        g.fillOval(w / 3, h / 3, w / 3, h / 3);
        g.dispose();
        Path p = dir.resolve(name);
        ImageWriters.save(img, p, Map.of(), true);
        return p;
    }
}
