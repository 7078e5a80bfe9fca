package io.livemig.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code %maven group:artifact:version ...}: resolves artifacts with their runtime dependencies through the
 * local {@code mvn} (so its settings, mirrors and offline mode apply) and adds the jars to the classpath.
 * Offline, an artifact missing from the local repository fails with mvn's own reason.
 */
final class MavenMagic {
    private static final Pattern COORDINATE = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+){1,3}");

    private MavenMagic() {}

    static Object eval(MagicHost kernel, List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("%maven: expected coordinates group:artifact:version, got nothing");
        }
        for (String coordinate : args) {
            if (!COORDINATE.matcher(coordinate).matches()) {
                throw new IllegalArgumentException("%maven: expected group:artifact:version, got '" + coordinate + "'");
            }
        }
        Path work = Files.createTempDirectory("livemig-maven");
        // the jars stay on the kernel's class path while it runs; the folder goes when the kernel's JVM exits
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(work), "livemig-maven-cleanup"));
        Path lib = work.resolve("lib");
        Files.writeString(work.resolve("pom.xml"), pom(args));
        List<String> command = new ArrayList<>(List.of(
                mvnExecutable(),
                "-B",
                "-q",
                "-Dstyle.color=never",
                "-f",
                work.resolve("pom.xml").toString(),
                "dependency:copy-dependencies",
                "-DincludeScope=runtime",
                "-DoutputDirectory=" + lib));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noMaven) {
            throw new IllegalStateException("%maven: cannot run mvn (" + noMaven.getMessage()
                    + "); install Maven or add the jars with %classpath");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            deleteQuietly(work); // nothing was resolved: the folder holds only the generated pom
            throw new IllegalStateException("%maven: could not resolve " + String.join(", ", args) + " (mvn exit "
                    + exit + "): " + reason(output));
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            kernel.evaluator().addClasspath(jar);
        }
        System.out.println("Added " + jars.size() + " jar(s): "
                + String.join(
                        ", ", jars.stream().map(p -> p.getFileName().toString()).toList()));
        return null;
    }

    private static String mvnExecutable() {
        String fromEnv = System.getenv("LIVEMIG_MVN");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : (File.separatorChar == '\\' ? "mvn.cmd" : "mvn");
    }

    private static String reason(String output) {
        return output.lines()
                .filter(l -> l.contains("[ERROR]") || l.contains("Could not"))
                .map(l -> l.replaceAll("\u001B\\[[0-9;]*m", "")
                        .replace("[ERROR]", "")
                        .replace("-> [Help 1]", "")
                        .strip())
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse(output.strip().lines().reduce((a, b) -> b).orElse("no output"));
    }

    private static String pom(List<String> coordinates) {
        StringBuilder deps = new StringBuilder();
        for (String c : coordinates) {
            String[] p = c.split(":");
            deps.append("<dependency><groupId>")
                    .append(p[0])
                    .append("</groupId><artifactId>")
                    .append(p[1])
                    .append("</artifactId><version>")
                    .append(p[p.length - 1])
                    .append("</version>");
            if (p.length >= 4) {
                deps.append("<type>").append(p[2]).append("</type>");
            }
            if (p.length == 5) {
                deps.append("<classifier>").append(p[3]).append("</classifier>");
            }
            deps.append("</dependency>");
        }
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>livemig.notebook</groupId><artifactId>maven-magic</artifactId><version>0</version>"
                + "<dependencies>" + deps + "</dependencies></project>";
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a folder in the temp directory
        }
    }
}
