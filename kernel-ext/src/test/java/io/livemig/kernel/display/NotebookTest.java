package io.livemig.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookTest {

    @Test
    void htmlAndMarkdownCarryTheirSourceAndAPlainFallback() {
        DisplayData html = Notebook.html("<b>bold</b> text");
        assertThat(html.getData(MIMEType.TEXT_HTML)).isEqualTo("<b>bold</b> text");
        assertThat(html.getData(MIMEType.TEXT_PLAIN)).isEqualTo("bold text");
        DisplayData md = Notebook.markdown("# Title");
        assertThat(md.getData(MIMEType.TEXT_MARKDOWN)).isEqualTo("# Title");
    }

    @Test
    void imagesAreTypedByTheirBytesNotTheirName(@TempDir Path dir) throws Exception {
        DisplayData fromImage = Notebook.image(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        byte[] png = Base64.getDecoder().decode((String) fromImage.getData(MIMEType.IMAGE_PNG));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(fromImage.getData(MIMEType.TEXT_PLAIN)).isEqualTo("image (image/png, 3×2 image)");

        Path jpeg = dir.resolve("photo.png"); // a JPEG under a misleading name
        Files.write(jpeg, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});
        assertThat(Notebook.image(jpeg).hasDataForType(MIMEType.IMAGE_JPEG)).isTrue();

        Path svg = dir.resolve("c.svg");
        Files.writeString(svg, "<svg xmlns='http://www.w3.org/2000/svg'/>");
        assertThat(Notebook.image(svg.toString()).hasDataForType(MIMEType.IMAGE_SVG))
                .isTrue();
    }

    @Test
    void badInputIsAOneLineErrorNamingTheFunction(@TempDir Path dir) {
        assertThatThrownBy(() -> Notebook.svg("not svg"))
                .hasMessage("svg(): expected an SVG document (<svg ...>), got not svg");
        assertThatThrownBy(() -> Notebook.image(dir.resolve("missing.png")))
                .hasMessageStartingWith("image(): no such file ")
                .hasMessageEndingWith("missing.png");
        assertThatThrownBy(() -> Notebook.image(new byte[] {1, 2, 3}))
                .hasMessage("image(): expected PNG, JPEG or GIF data, got 3 bytes of another format");
        assertThatThrownBy(() -> Notebook.image(42))
                .hasMessage("image(): expected a BufferedImage, PNG/JPEG/GIF bytes or a file path, got Integer");
    }
}
