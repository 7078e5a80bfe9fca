package io.livemig.kernel.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Functions every cell can call without a prefix (the kernel imports them statically): {@code display} and
 * {@code updateDisplay}, the display helpers {@code html}, {@code markdown}, {@code svg} and {@code image} (each
 * returns a value shown as that MIME type, as a cell result or through {@code display}), {@code clearOutput},
 * {@code help} (the pager) and an interruptible {@code sleep}.
 */
public final class Notebook {
    private static final int PLAIN_TEXT_CHARS = 200;

    private Notebook() {}

    /** Shows a value now, rendered like a cell result (tables, charts, text); the handle updates it later. */
    public static DisplayHandle display(Object value) {
        if (value instanceof DisplayData data) {
            // already rendered (html(), svg(), ...): jjava's renderer would show the DisplayData object as text
            DisplayData copy = new DisplayData(data);
            String id = java.util.UUID.randomUUID().toString();
            copy.setDisplayId(id);
            BaseKernel.notebookKernel().display(copy);
            return new DisplayHandle(id);
        }
        return new DisplayHandle(BaseNotebookStatics.display(plain(value)));
    }

    /** Shows a value as the given MIME types only, e.g. {@code display(p, 'text/plain')}. */
    public static DisplayHandle display(Object value, String... mimeTypes) {
        return new DisplayHandle(BaseNotebookStatics.display(plain(value), mimeTypes));
    }

    /** Replaces what an earlier {@link #display(Object)} showed. */
    public static void updateDisplay(DisplayHandle handle, Object value) {
        updateDisplay(handle.id(), value);
    }

    /** Replaces what the display with this id showed. */
    public static void updateDisplay(String displayId, Object value) {
        if (value instanceof DisplayData data) {
            BaseKernel.notebookKernel().getIO().display.updateDisplay(displayId, new DisplayData(data));
        } else {
            BaseNotebookStatics.updateDisplay(displayId, plain(value));
        }
    }

    /** HTML, shown as {@code text/html} (with its text, tags removed, as the plain fallback). */
    public static DisplayData html(Object html) {
        String source = String.valueOf(html);
        DisplayData data = new DisplayData(fallback(source.replaceAll("<[^>]*>", "")));
        data.putHTML(source);
        return data;
    }

    /** Markdown, shown as {@code text/markdown} (the source is the plain fallback). */
    public static DisplayData markdown(Object markdown) {
        String source = String.valueOf(markdown);
        DisplayData data = new DisplayData(source);
        data.putMarkdown(source);
        return data;
    }

    /** An SVG document, shown as {@code image/svg+xml}. */
    public static DisplayData svg(Object svg) {
        String source = String.valueOf(svg);
        if (!source.contains("<svg")) {
            throw new IllegalArgumentException("svg(): expected an SVG document (<svg ...>), got " + fallback(source));
        }
        DisplayData data = new DisplayData("SVG image, " + source.length() + " characters");
        data.putSVG(source);
        return data;
    }

    /**
     * An image: a {@link RenderedImage} (as PNG), the bytes of a PNG, JPEG or GIF file, or the path of one
     * ({@link Path}, {@link File} or a String).
     */
    public static DisplayData image(Object image) {
        byte[] bytes;
        String what;
        if (image instanceof RenderedImage rendered) {
            bytes = png(rendered);
            what = rendered.getWidth() + "×" + rendered.getHeight() + " image";
        } else if (image instanceof byte[] raw) {
            bytes = raw;
            what = raw.length + " bytes";
        } else if (image instanceof Path || image instanceof File || image instanceof CharSequence) {
            Path path = image instanceof File f ? f.toPath() : Path.of(image.toString());
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("image(): no such file " + path.toAbsolutePath());
            }
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException("image(): cannot read " + path.toAbsolutePath(), e);
            }
            if (path.toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                return svg(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            what = path.getFileName().toString();
        } else {
            throw new IllegalArgumentException(
                    "image(): expected a BufferedImage, PNG/JPEG/GIF bytes or a file path, got "
                            + (image == null ? "nothing" : image.getClass().getSimpleName()));
        }
        MIMEType type = imageType(bytes);
        DisplayData data = new DisplayData("image (" + type.toString() + ", " + what + ")");
        data.putData(type, Base64.getEncoder().encodeToString(bytes));
        return data;
    }

    /** Clears this cell's output now; with {@code wait}, when the next output arrives (for animations). */
    public static void clearOutput(boolean wait) {
        host().clearOutput(wait);
    }

    /** Clears this cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Opens the pager with help on a value, or on a name such as {@code help('predict')}. */
    public static void help(Object subject) {
        host().page(subject);
    }

    /**
     * Sleeps, and stops when the cell is interrupted. Groovy's own {@code sleep} swallows interrupts, so a
     * notebook cell calling it could not be stopped.
     *
     * @throws InterruptedException when the cell is interrupted
     */
    public static void sleep(long milliseconds) throws InterruptedException {
        Thread.sleep(milliseconds);
    }

    /** A GString as its text: jjava's renderer would hand the GString object itself to gson. */
    public static Object plain(Object value) {
        return value instanceof CharSequence && !(value instanceof String) ? value.toString() : value;
    }

    private static NotebookHost host() {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (!(kernel instanceof NotebookHost host)) {
            throw new IllegalStateException(
                    "this kernel (" + kernel.getClass().getName() + ") has no pager or clear_output");
        }
        return host;
    }

    private static String fallback(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= PLAIN_TEXT_CHARS ? oneLine : oneLine.substring(0, PLAIN_TEXT_CHARS) + " …";
    }

    private static byte[] png(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("image(): cannot encode the image as PNG", e);
        }
        return out.toByteArray();
    }

    private static MIMEType imageType(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return MIMEType.IMAGE_PNG;
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return MIMEType.IMAGE_JPEG;
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return MIMEType.IMAGE_GIF;
        }
        throw new IllegalArgumentException(
                "image(): expected PNG, JPEG or GIF data, got " + b.length + " bytes of another format");
    }
}
