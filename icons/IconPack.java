import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Packs the rendered PNG sizes into a Windows {@code .ico} and a macOS {@code .icns}, both holding
 * the PNG data unchanged (PNG entries are valid in ICO since Windows Vista and in ICNS since
 * Mac OS X 10.7). No tool for ICNS ships with Debian's ImageMagick, hence this small program.
 *
 * <p>Run with the JDK's source launcher: {@code java icons/IconPack.java DIR NAME}, where
 * {@code DIR/NAME-<size>.png} exist for 16, 24, 32, 48, 64, 128, 256, 512 and 1024. Writes
 * {@code DIR/NAME.ico} and {@code DIR/NAME.icns}.
 */
public final class IconPack {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java IconPack.java DIR NAME");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String name = args[1];

        // ICO: the sizes Windows asks for in Explorer, the taskbar and the installer.
        int[] icoSizes = {16, 24, 32, 48, 64, 128, 256};
        Map<Integer, byte[]> ico = new LinkedHashMap<>();
        for (int s : icoSizes) {
            ico.put(s, png(dir, name, s));
        }
        Files.write(dir.resolve(name + ".ico"), ico(ico));

        // ICNS: element type -> pixel size (the @2x types reuse the larger renderings).
        Map<String, Integer> icnsTypes = new LinkedHashMap<>();
        icnsTypes.put("icp4", 16);
        icnsTypes.put("icp5", 32);
        icnsTypes.put("icp6", 64);
        icnsTypes.put("ic07", 128);
        icnsTypes.put("ic08", 256);
        icnsTypes.put("ic09", 512);
        icnsTypes.put("ic10", 1024); // 512@2x
        icnsTypes.put("ic11", 32);   // 16@2x
        icnsTypes.put("ic12", 64);   // 32@2x
        icnsTypes.put("ic13", 256);  // 128@2x
        icnsTypes.put("ic14", 512);  // 256@2x
        Map<String, byte[]> icns = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : icnsTypes.entrySet()) {
            icns.put(e.getKey(), png(dir, name, e.getValue()));
        }
        Files.write(dir.resolve(name + ".icns"), icns(icns));
    }

    private static byte[] png(Path dir, String name, int size) throws IOException {
        Path p = dir.resolve(name + "-" + size + ".png");
        byte[] data = Files.readAllBytes(p);
        for (int i = 0; i < PNG_MAGIC.length; i++) {
            if (data.length < PNG_MAGIC.length || data[i] != PNG_MAGIC[i]) {
                throw new IOException(p + " is not a PNG file");
            }
        }
        ByteBuffer ihdr = ByteBuffer.wrap(data, 16, 8).order(ByteOrder.BIG_ENDIAN);
        int w = ihdr.getInt();
        int h = ihdr.getInt();
        if (w != size || h != size) {
            throw new IOException(p + " is " + w + "x" + h + ", expected " + size + "x" + size);
        }
        return data;
    }

    /** ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNG data; little-endian. */
    static byte[] ico(Map<Integer, byte[]> images) {
        int headerSize = 6 + 16 * images.size();
        int total = headerSize + images.values().stream().mapToInt(b -> b.length).sum();
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        int offset = headerSize;
        for (Map.Entry<Integer, byte[]> e : images.entrySet()) {
            int s = e.getKey();
            buf.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s));
            buf.put((byte) 0).put((byte) 0);           // no palette, reserved
            buf.putShort((short) 1).putShort((short) 32); // planes, bits per pixel
            buf.putInt(e.getValue().length).putInt(offset);
            offset += e.getValue().length;
        }
        images.values().forEach(buf::put);
        return buf.array();
    }

    /** 'icns', total length, then (type, length including its 8-byte header, data); big-endian. */
    static byte[] icns(Map<String, byte[]> elements) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (Map.Entry<String, byte[]> e : elements.entrySet()) {
            out.writeBytes(e.getKey());
            out.writeInt(8 + e.getValue().length);
            out.write(e.getValue());
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(file);
        f.writeBytes("icns");
        f.writeInt(8 + body.size());
        body.writeTo(f);
        return file.toByteArray();
    }
}
