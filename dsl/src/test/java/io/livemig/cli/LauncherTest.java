package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./livemig} launched several times at once after a source change builds once and every launch runs a whole
 * jar. Run against a copy of the launcher with a fake {@code mvn} (slow, writes its jar in place, fails when two run
 * at once, as shade does) and a fake {@code java} (prints the jar it was given).
 */
class LauncherTest {
    @TempDir
    Path root;

    private static void script(Path p, String text) throws Exception {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void concurrentLaunchesAfterASourceChangeBuildOnceAndRunAWholeJar() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/flock")) || Files.isExecutable(Path.of("/bin/flock")))
                .as("flock (util-linux) is needed for the launcher's lock")
                .isTrue();
        Files.copy(Cli.root().resolve("livemig"), root.resolve("livemig"));
        Files.setPosixFilePermissions(root.resolve("livemig"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        for (String m : new String[] {"core", "dsl", "kernel-ext"})
            Files.createDirectories(root.resolve(m).resolve("src"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        script(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                t=kernel-ext/target
                mkdir -p "$t"
                mkdir "$t/.building" 2>/dev/null || { echo "Could not replace original artifact" >&2; exit 1; }
                echo build >> "$t/builds"
                : > "$t/livemig-all.jar"           # shade truncates, then writes: a reader in between sees half a jar
                sleep 1
                echo "whole jar $(cat "$t/builds" | wc -l)" > "$t/livemig-all.jar"
                rmdir "$t/.building"
                """);
        script(bin.resolve("java"), """
                #!/usr/bin/env bash
                # the launcher's start-up training (and its archive dump) after a build: counted, writes no archive
                case " $* " in *" io.livemig.cli.StartupTraining "*) echo train >> kernel-ext/target/trainings ;; esac
                while [ $# -gt 0 ] && [ "$1" != "-cp" ]; do shift; done
                [ "${3:-}" = io.livemig.cli.Main ] || exit 0    # a run of the command line's main class
                cat "$2"
                """);
        Files.writeString(root.resolve("core/src/A.java"), "class A {}");
        List<Process> launches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ProcessBuilder pb =
                    new ProcessBuilder(root.resolve("livemig").toString(), "predict").directory(root.toFile());
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            launches.add(pb.start());
        }
        for (Process p : launches) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("whole jar 1\n");
        }
        assertThat(Files.readAllLines(root.resolve("kernel-ext/target/builds"))).hasSize(1);
        // one training per build, not per launch, even when it wrote no archive
        assertThat(Files.readAllLines(root.resolve("kernel-ext/target/trainings")))
                .hasSize(1);
        // a later source change rebuilds once more
        Thread.sleep(1100);
        Files.writeString(root.resolve("core/src/B.java"), "class B {}");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("livemig").toString()).directory(root.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("whole jar 2\n");
        assertThat(Files.readAllLines(root.resolve("kernel-ext/target/trainings")))
                .hasSize(2);
    }

    /**
     * The archive is mapped at its own address only through a JVM that took the mapping flags when it wrote the
     * archive: a java that refuses them writes none, and then the launcher passes neither the archive nor the flags.
     */
    @Test
    void theArchiveMappingFlagsGoOnlyToAJavaThatWroteTheArchiveWithThem() throws Exception {
        Files.copy(Cli.root().resolve("livemig"), root.resolve("livemig"));
        Files.setPosixFilePermissions(root.resolve("livemig"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        for (String m : new String[] {"core", "dsl", "kernel-ext", "lab"})
            Files.createDirectories(root.resolve(m).resolve("src"));
        Path target = Files.createDirectories(root.resolve("kernel-ext/target"));
        Files.writeString(target.resolve("livemig.jar"), "a jar newer than every source: no build");
        Path bin = Files.createDirectories(root.resolve("bin"));
        // A fake java: the training writes a class list, the dump writes the archive only when it is given the
        // mapping flags and FAKE_JAVA_MAPS is set (else it fails as an unknown option would), a run prints its options
        script(bin.resolve("java"), """
                #!/usr/bin/env bash
                for a in "$@"; do
                  case "$a" in
                    -XX:DumpLoadedClassList=*) echo java/lang/Object > "${a#*=}" ;;
                    -XX:SharedArchiveFile=*) archive="${a#*=}" ;;
                  esac
                done
                case " $* " in
                  *" -Xshare:dump "*)
                    case " $* " in *" -XX:ArchiveRelocationMode=0 "*) ;; *) exit 1 ;; esac
                    [ -n "${FAKE_JAVA_MAPS:-}" ] || { echo "Unrecognized VM option" >&2; exit 1; }
                    echo archive > "$archive" ;;
                  *" io.livemig.cli.Main "*) printf '%s\n' "$@" ;;
                esac
                """);
        for (boolean maps : new boolean[] {true, false}) {
            Files.deleteIfExists(target.resolve("livemig.jsa.jvm")); // retrain, as after a build
            ProcessBuilder pb = new ProcessBuilder(root.resolve("livemig").toString(), "predict", "--help")
                    .directory(root.toFile());
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().remove("LIVEMIG_CDS");
            pb.environment().remove("LIVEMIG_JAVA_OPTS");
            if (maps) pb.environment().put("FAKE_JAVA_MAPS", "1");
            else pb.environment().remove("FAKE_JAVA_MAPS");
            Process p = pb.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> options =
                    List.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(options).as("a run").contains("io.livemig.cli.Main", "predict", "--help");
            if (maps) {
                assertThat(options)
                        .contains("-XX:SharedArchiveFile=" + target.resolve("livemig.jsa"))
                        .contains("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
            } else {
                assertThat(Files.exists(target.resolve("livemig.jsa"))).isFalse();
                assertThat(String.join(" ", options)).doesNotContain("SharedArchiveFile", "ArchiveRelocationMode");
            }
        }
    }
}
