package io.livemig.kernel.magic;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %classpath path ...}: adds jars or class directories to what later cells can use; a path may end in
 * a glob such as {@code lib/*.jar}. Without arguments it lists what was added.
 */
final class ClasspathMagic {
    private ClasspathMagic() {}

    static Object eval(MagicHost kernel, List<String> args) throws IOException {
        if (args.isEmpty()) {
            List<String> urls = new ArrayList<>();
            for (var url : kernel.evaluator().classLoader().getURLs()) {
                urls.add(url.toString());
            }
            return urls.isEmpty() ? "nothing added yet" : String.join("\n", urls);
        }
        List<Path> added = new ArrayList<>();
        for (String arg : args) {
            for (Path path : expand(arg)) {
                kernel.evaluator().addClasspath(path);
                added.add(path);
            }
        }
        System.out.println("Added to the classpath: "
                + added.stream()
                        .map(Path::toString)
                        .reduce((a, b) -> a + ", " + b)
                        .orElse(""));
        return null;
    }

    static List<Path> expand(String arg) throws IOException {
        if (arg.contains("*") || arg.contains("?")) {
            Path pattern = Path.of(arg);
            Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
            List<Path> matches = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> stream =
                        Files.newDirectoryStream(dir, pattern.getFileName().toString())) {
                    stream.forEach(matches::add);
                }
            }
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("%classpath: " + arg + " matches no file");
            }
            matches.sort(null);
            return matches;
        }
        Path path = Path.of(arg);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("%classpath: no such jar or directory " + path.toAbsolutePath());
        }
        return List.of(path);
    }
}
