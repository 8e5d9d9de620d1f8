package org.repaintstudio.core.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** Reads one image and prints its upright size; run in a small-heap JVM by {@link BoundedMetadataTest}. */
public final class ReadImageMain {
    private ReadImageMain() {}

    public static void main(String[] args) {
        BufferedImage img = ImageFiles.read(Path.of(args[0]));
        System.out.println(img.getWidth() + "x" + img.getHeight());
    }
}
