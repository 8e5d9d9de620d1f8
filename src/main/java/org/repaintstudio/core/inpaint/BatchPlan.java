package org.repaintstudio.core.inpaint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.ImageFiles;

/**
 * A folder of images to inpaint: which files, which mask goes with each (same base name in the
 * mask folder, any image extension), where each result goes, and which share of the folder this
 * machine takes ({@code --shard K/N}). A file's shard and seed depend only on its name, so any
 * split of a batch, and any resumed run, gives the same pixels for the same file.
 */
public final class BatchPlan {
    /** One image: its mask (absent with a mask preset) and its seed. */
    public record Item(Path image, Optional<Path> mask, String baseName, long seed) {}

    /** {@code K/N}: this machine takes shard K (0-based) of N. */
    public record Shard(int index, int count) {
        public static final Shard ALL = new Shard(0, 1);

        public static Shard parse(String text) {
            String[] parts = text == null ? new String[0] : text.trim().split("/");
            try {
                if (parts.length == 2) {
                    int k = Integer.parseInt(parts[0].trim());
                    int n = Integer.parseInt(parts[1].trim());
                    if (n >= 1 && k >= 0 && k < n) {
                        return new Shard(k, n);
                    }
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new UserFacingException("--shard must be K/N with 0 <= K < N (e.g. 0/4 for the first of four), not '"
                    + text + "'.");
        }

        public boolean takes(String baseName) {
            return Math.floorMod(nameHash(baseName), count) == index;
        }
    }

    private BatchPlan() {}

    /**
     * The images of {@code imageDir} in this shard, sorted by name, each with its mask from
     * {@code maskDir} (null with a mask preset; a missing mask is reported when the item runs).
     */
    public static List<Item> list(Path imageDir, Path maskDir, Shard shard, long seed) {
        List<Item> items = new ArrayList<>();
        for (Path image : images(imageDir)) {
            String base = baseName(image);
            if (shard.takes(base)) {
                Optional<Path> mask = maskDir == null ? Optional.empty() : Optional.of(findMask(maskDir, base));
                items.add(new Item(image, mask, base, seedFor(seed, base)));
            }
        }
        return items;
    }

    private static List<Path> images(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserFacingException(dir + " is not a folder.");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(ImageFiles::hasImageExtension).sorted().toList();
        } catch (IOException e) {
            throw new UserFacingException("Cannot list the folder " + dir + ".", e);
        }
    }

    /** The mask with the image's base name; if none exists, the PNG name it should have. */
    static Path findMask(Path maskDir, String base) {
        for (String ext : List.of("png", "PNG", "webp", "bmp", "tif", "tiff", "gif", "jpg", "jpeg")) {
            Path p = maskDir.resolve(base + "." + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return maskDir.resolve(base + ".png");
    }

    public static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The seed of one file: the batch seed mixed with the file's base name (SplitMix64 finaliser). */
    public static long seedFor(long seed, String baseName) {
        long z = seed ^ nameHash(baseName);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        // Non-negative and below 2^31, like the app's seeds, so it can be typed back in.
        return (z ^ (z >>> 31)) >>> 33;
    }

    /** FNV-1a over the name's UTF-8 bytes: the same on every machine and JVM. */
    static long nameHash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
