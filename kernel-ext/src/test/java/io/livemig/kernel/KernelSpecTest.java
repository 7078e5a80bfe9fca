package io.livemig.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.livemig.kernel.cli.KernelSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecTest {
    @Test
    void writesKernelJsonPointingAtTheJarAndBothLogos(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("livemig-all.jar");
        Files.writeString(jar, "");
        Path dir = KernelSpec.write(tmp.resolve("share/jupyter"), jar, Path.of("/usr/bin/java"));
        var spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json")))
                .getAsJsonObject();
        assertThat(spec.get("interrupt_mode").getAsString()).isEqualTo("message");
        assertThat(spec.get("language").getAsString()).isEqualTo("groovy");
        assertThat(spec.get("argv").toString())
                .contains(
                        jar.toString(), io.livemig.kernel.process.KernelLauncher.class.getName(), "{connection_file}");
        for (int size : new int[] {32, 64}) {
            BufferedImage logo = ImageIO.read(
                    dir.resolve("logo-" + size + "x" + size + ".png").toFile());
            assertThat(logo.getWidth()).isEqualTo(size);
            assertThat(logo.getHeight()).isEqualTo(size);
        }
    }
}
