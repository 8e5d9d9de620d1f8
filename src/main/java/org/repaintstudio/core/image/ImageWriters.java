package org.repaintstudio.core.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.io.AtomicFiles;

/** Saves images as PNG (with text metadata) or JPEG, atomically and without overwriting unasked. */
public final class ImageWriters {
    private ImageWriters() {}

    /** Chooses the format from the extension: .jpg/.jpeg for JPEG, anything else PNG. */
    public static void save(BufferedImage image, Path target, Map<String, String> pngText, boolean overwrite) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            AtomicFiles.write(target, overwrite, out -> writeJpeg(image, 0.95f, out));
        } else if (name.endsWith(".png")) {
            AtomicFiles.write(target, overwrite, out -> writePng(image, pngText, out));
        } else {
            throw new UserFacingException("Cannot save " + target.getFileName() + ": use a .png or .jpg name.");
        }
    }

    /** PNG with {@code tEXt} entries (keyword to text), e.g. the RePaint parameters of a result. */
    public static void writePng(BufferedImage image, Map<String, String> text, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            if (text != null && !text.isEmpty()) {
                IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
                IIOMetadataNode tEXt = new IIOMetadataNode("tEXt");
                for (Map.Entry<String, String> e : text.entrySet()) {
                    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                    entry.setAttribute("keyword", e.getKey());
                    entry.setAttribute("value", e.getValue());
                    tEXt.appendChild(entry);
                }
                root.appendChild(tEXt);
                meta.mergeTree("javax_imageio_png_1.0", root);
            }
            writer.write(null, new IIOImage(image, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    public static void writeJpeg(BufferedImage image, float quality, OutputStream out) throws IOException {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = it.next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(ImageFiles.toRgb(image), null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** Reads the tEXt entries of a PNG (for tests and for reloading parameters). */
    public static Map<String, String> readPngText(Path file) {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReaderHolder h = new ImageReaderHolder(in);
            IIOMetadata meta = h.reader.getImageMetadata(0);
            Map<String, String> out = new java.util.LinkedHashMap<>();
            org.w3c.dom.Node root = meta.getAsTree("javax_imageio_png_1.0");
            for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("tEXt")) {
                    for (org.w3c.dom.Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                        org.w3c.dom.NamedNodeMap a = e.getAttributes();
                        out.put(a.getNamedItem("keyword").getNodeValue(), a.getNamedItem("value").getNodeValue());
                    }
                }
            }
            h.reader.dispose();
            return out;
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static final class ImageReaderHolder {
        final javax.imageio.ImageReader reader;

        ImageReaderHolder(javax.imageio.stream.ImageInputStream in) throws IOException {
            Iterator<javax.imageio.ImageReader> it = ImageIO.getImageReaders(in);
            if (!it.hasNext()) {
                throw new IOException("not an image");
            }
            reader = it.next();
            reader.setInput(in);
        }
    }
}
