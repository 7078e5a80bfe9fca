package io.livemig.kernel.insight;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The public top-level classes of a package, by simple name, for completing {@code new Strin} or {@code Tabl}.
 * JDK packages are listed from the run-time image ({@code jrt:/}), others from the jars and directories of the
 * class loader; each package is listed once and cached.
 */
final class ClassIndex {
    private final ClassLoader loader;
    private final Map<String, Set<String>> byPackage = new ConcurrentHashMap<>();

    ClassIndex(ClassLoader loader) {
        this.loader = loader;
    }

    /** Simple names of the package's public top-level classes; empty when it cannot be listed. */
    Set<String> simpleNames(String packageName) {
        return byPackage.computeIfAbsent(packageName, this::list);
    }

    private Set<String> list(String packageName) {
        Set<String> candidates = new TreeSet<>();
        String path = packageName.replace('.', '/');
        try {
            listJdk(packageName, path, candidates);
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                listUrl(roots.nextElement(), path, candidates);
            }
        } catch (IOException | RuntimeException unlistable) {
            // completion offers what it found so far
        }
        Set<String> names = new TreeSet<>();
        for (String simple : candidates) {
            try {
                Class<?> type = Class.forName(packageName + "." + simple, false, loader);
                if (Modifier.isPublic(type.getModifiers())) {
                    names.add(simple);
                }
            } catch (ClassNotFoundException | LinkageError notLoadable) {
                // not offered
            }
        }
        return Collections.unmodifiableSet(names);
    }

    private static void listJdk(String packageName, String path, Set<String> out) throws IOException {
        FileSystem jrt;
        try {
            jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        } catch (RuntimeException noRuntimeImage) {
            return;
        }
        Path modules = jrt.getPath("/packages", packageName);
        if (!Files.isDirectory(modules)) {
            return;
        }
        try (DirectoryStream<Path> links = Files.newDirectoryStream(modules)) {
            for (Path link : links) {
                Path dir = jrt.getPath("/modules", link.getFileName().toString(), path);
                if (Files.isDirectory(dir)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.class")) {
                        for (Path file : files) {
                            add(file.getFileName().toString(), out);
                        }
                    }
                }
            }
        }
    }

    private static void listUrl(URL url, String path, Set<String> out) throws IOException {
        if ("file".equals(url.getProtocol())) {
            try (DirectoryStream<Path> files =
                    Files.newDirectoryStream(Path.of(URI.create(url.toString())), "*.class")) {
                for (Path file : files) {
                    add(file.getFileName().toString(), out);
                }
            }
            return;
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(true);
            JarFile file = jar.getJarFile();
            String prefix = path + "/";
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                    add(name.substring(prefix.length()), out);
                }
            }
        }
    }

    private static void add(String fileName, Set<String> out) {
        if (fileName.endsWith(".class")
                && fileName.indexOf('$') < 0
                && !fileName.startsWith("package-info")
                && !fileName.startsWith("module-info")) {
            out.add(fileName.substring(0, fileName.length() - ".class".length()));
        }
    }
}
