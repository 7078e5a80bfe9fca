package io.livemig.kernel.cli;

import com.google.gson.GsonBuilder;
import io.livemig.kernel.process.KernelLauncher;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The kernelspec directory Jupyter reads: {@code kernel.json} pointing at the launcher jar, and two logos drawn
 * here with Java2D (so no binary is committed).
 */
public final class KernelSpec {
    public static final String NAME = "livemig";
    public static final String DISPLAY_NAME = "Groovy (livemig)";

    private KernelSpec() {}

    /** Writes {@code kernels/livemig/} under {@code jupyterDataDir} and returns that directory. */
    public static Path write(Path jupyterDataDir, Path jar, Path java) throws IOException {
        Path dir = jupyterDataDir.resolve("kernels").resolve(NAME);
        Files.createDirectories(dir);
        Map<String, Object> spec = new LinkedHashMap<>();
        List<String> argv = new java.util.ArrayList<>(List.of(
                java.toString(),
                "-Djava.awt.headless=true",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto"));
        repoRoot(jar).ifPresent(root -> argv.add("-Dlivemig.root=" + root));
        // the launcher class directly, not `-jar ... kernel run`: skips the command line's start-up (see
        // KernelLauncher)
        argv.addAll(
                List.of("-cp", jar.toAbsolutePath().toString(), KernelLauncher.class.getName(), "{connection_file}"));
        spec.put("argv", argv);
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "groovy");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of());
        spec.put("metadata", Map.of("debugger", false));
        Files.writeString(
                dir.resolve("kernel.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(spec) + "\n");
        for (int size : new int[] {32, 64}) {
            ImageIO.write(
                    logo(size),
                    "png",
                    dir.resolve("logo-" + size + "x" + size + ".png").toFile());
        }
        return dir;
    }

    /**
     * The repository the jar was built in (so notebooks find {@code data/} and the dataset beside it): the
     * {@code livemig.root} property the launcher sets, else {@code <root>/kernel-ext/target/<jar>}.
     */
    static java.util.Optional<Path> repoRoot(Path jar) {
        String prop = System.getProperty("livemig.root");
        if (prop != null && !prop.isBlank()) {
            return java.util.Optional.of(Path.of(prop).toAbsolutePath().normalize());
        }
        Path target = jar.toAbsolutePath().getParent();
        if (target != null
                && target.getFileName().toString().equals("target")
                && target.getParent() != null
                && target.getParent().getParent() != null
                && Files.isRegularFile(target.getParent().getParent().resolve("pom.xml"))) {
            return java.util.Optional.of(target.getParent().getParent());
        }
        return java.util.Optional.empty();
    }

    /** The jar this class was loaded from (the shaded launcher jar when run through {@code ./livemig}). */
    public static Path ownJar() {
        try {
            return Path.of(KernelSpec.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the livemig jar: " + e.getMessage(), e);
        }
    }

    /** The java executable running now. */
    public static Path currentJava() {
        return ProcessHandle.current()
                .info()
                .command()
                .map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** A square logo: two hosts and the arrow of a migration between them. */
    static BufferedImage logo(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float s = size;
            g.setPaint(new GradientPaint(0, 0, new Color(0x2b6cb0), s, s, new Color(0x38a169)));
            g.fill(new RoundRectangle2D.Float(0, 0, s, s, s / 4, s / 4));
            g.setColor(Color.WHITE);
            float box = s * 0.26f;
            g.fill(new RoundRectangle2D.Float(s * 0.08f, s * 0.55f, box, box, s / 12, s / 12));
            g.fill(new RoundRectangle2D.Float(s * 0.66f, s * 0.55f, box, box, s / 12, s / 12));
            g.setStroke(new BasicStroke(Math.max(1.5f, s / 16), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D arc = new Path2D.Float();
            arc.moveTo(s * 0.21f, s * 0.50f);
            arc.quadTo(s * 0.5f, s * 0.05f, s * 0.79f, s * 0.50f);
            g.draw(arc);
            Path2D head = new Path2D.Float();
            head.moveTo(s * 0.79f, s * 0.50f);
            head.lineTo(s * 0.64f, s * 0.42f);
            head.moveTo(s * 0.79f, s * 0.50f);
            head.lineTo(s * 0.80f, s * 0.33f);
            g.draw(head);
            if (size >= 64) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(s * 0.16f)));
                g.setColor(new Color(0x2d3748));
                g.drawString("VM", s * 0.105f, s * 0.74f);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
