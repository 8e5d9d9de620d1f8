import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies the ONNX Runtime jar keeping only one platform's native libraries: the published jar
 * carries them for every platform (about 54 MB, plus macOS debug symbols). Entries under
 * {@code ai/onnxruntime/native/<other platform>/} and any {@code .dSYM} folder are left out;
 * everything else is copied unchanged (the jar is not signed).
 *
 * <p>Run with the JDK's source launcher (the same on Linux, macOS and Windows):
 * {@code java installer/tools/StripNatives.java IN.jar OUT.jar PLATFORM}, PLATFORM being a folder
 * name under {@code ai/onnxruntime/native/}: linux-x64, linux-aarch64, osx-aarch64, win-x64.
 */
public final class StripNatives {
    private static final String NATIVE = "ai/onnxruntime/native/";

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java StripNatives.java IN.jar OUT.jar PLATFORM");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String keep = NATIVE + args[2] + "/";
        boolean kept = false;
        try (ZipFile zip = new ZipFile(in.toFile());
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                boolean otherPlatform = name.startsWith(NATIVE) && !name.equals(NATIVE) && !name.startsWith(keep);
                if (otherPlatform || name.contains(".dSYM/")) {
                    continue;
                }
                kept |= name.startsWith(keep) && !e.isDirectory();
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(e.getTime());
                zout.putNextEntry(copy);
                try (InputStream is = zip.getInputStream(e)) {
                    is.transferTo(zout);
                }
                zout.closeEntry();
            }
        }
        if (!kept) {
            Files.deleteIfExists(out);
            System.err.println("Error: " + in + " has no native libraries under " + keep);
            System.exit(1);
        }
        System.out.printf("%s: kept %s (%d MB -> %d MB)%n", out.getFileName(), keep,
                Files.size(in) >> 20, Files.size(out) >> 20);
    }
}
