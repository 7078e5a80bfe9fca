package io.livemig.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * {@code livemig-all.jar} minimises fastutil only (kernel-ext/pom.xml says why): every other dependency is in it
 * whole, and every fastutil class that a class in the jar names is in it too.
 */
class ShadedJarIT {
    private static final String FASTUTIL = "it/unimi/dsi/fastutil/";

    private static Set<String> classes(ZipFile zip) {
        Set<String> names = new HashSet<>();
        zip.stream()
                .map(ZipEntry::getName)
                .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
                .forEach(names::add);
        return names;
    }

    @Test
    void everyDependencyButFastutilIsWhole() throws IOException {
        Set<String> shaded;
        try (ZipFile jar = new ZipFile(JupyterClients.jar().toFile())) {
            shaded = classes(jar);
        }
        List<String> whole = new ArrayList<>();
        boolean sawFastutil = false;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || Path.of(entry).equals(JupyterClients.jar())) continue;
            try (ZipFile dependency = new ZipFile(entry)) {
                Set<String> own = classes(dependency);
                Set<String> in = new HashSet<>(own);
                in.retainAll(shaded);
                if (in.isEmpty()) continue; // a test dependency: not in the jar at all
                if (own.stream().allMatch(n -> n.startsWith(FASTUTIL))) {
                    sawFastutil = true;
                    assertThat(in.size()).as("fastutil classes kept").isLessThan(own.size() / 2);
                    continue;
                }
                Set<String> missing = new TreeSet<>(own);
                missing.removeAll(shaded);
                assertThat(missing)
                        .as(entry + ": classes missing from the shaded jar (kernel-ext/pom.xml keeps only fastutil "
                                + "minimised: add this dependency's group to the filters there)")
                        .isEmpty();
                whole.add(Path.of(entry).getFileName().toString());
            }
        }
        assertThat(sawFastutil).as("fastutil on the class path").isTrue();
        assertThat(whole).as("dependencies in the jar").anyMatch(n -> n.startsWith("tablesaw-core"));
        assertThat(whole).anyMatch(n -> n.startsWith("groovy"));
    }

    @Test
    void everyFastutilClassThatAClassNamesIsInTheJar() throws IOException {
        // class names in a class file's constant pool, alone or inside descriptors and signatures; a name ends at a
        // character a class name cannot hold (package-info has a dash; ';', '<', or the next entry's tag byte)
        Pattern name = Pattern.compile(Pattern.quote(FASTUTIL) + "[A-Za-z0-9_$/-]+");
        Set<String> missing = new TreeSet<>();
        int referenced = 0;
        try (ZipFile jar = new ZipFile(JupyterClients.jar().toFile())) {
            Set<String> shaded = classes(jar);
            for (String entry : shaded) {
                String text =
                        new String(jar.getInputStream(jar.getEntry(entry)).readAllBytes(), StandardCharsets.ISO_8859_1);
                Matcher m = name.matcher(text);
                while (m.find()) {
                    referenced++;
                    if (!shaded.contains(m.group() + ".class")) missing.add(m.group() + " (named in " + entry + ")");
                }
            }
        }
        assertThat(referenced).as("fastutil names in the jar's classes").isPositive();
        assertThat(missing).isEmpty();
    }
}
