package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No command writes over one of its inputs, whatever the way the output names it; a bad output is one line. */
class OutputSafetyTest {
    @TempDir
    Path dir;

    private Path copy(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.copy(Cli.root().resolve("data/traces").resolve(name), p);
        return p;
    }

    private void refused(Path input, String... args) throws Exception {
        byte[] before = Files.readAllBytes(input);
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(r.err().trim())
                .as(String.join(" ", args))
                .doesNotContain("\n")
                .contains("writing it would destroy the input");
        assertThat(Files.readAllBytes(input)).as(String.join(" ", args)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("livemig-tmp"));
        }
    }

    @Test
    void everyWriterRefusesToOverwriteItsInput() throws Exception {
        Path lmt = copy("hot-cold.lmt"), gz = copy("scan.csv.gz");
        Path link = Files.createSymbolicLink(dir.resolve("link.lmt"), lmt);
        Path hard = Files.createLink(dir.resolve("hard.lmt"), lmt);
        refused(lmt, "trace", "summary", lmt.toString(), "--csv", lmt.toString());
        refused(lmt, "trace", "summary", lmt.toString(), "--csv", link.toString());
        refused(lmt, "simulate", "--compare", lmt.toString(), "--rate", "50MBps", "--rows", lmt.toString());
        refused(gz, "trace", "convert", gz.toString(), gz.toString(), "--to", "lmt");
        refused(lmt, "trace", "convert", lmt.toString(), lmt.toString(), "--to", "pages");
        refused(lmt, "trace", "convert", link.toString(), hard.toString());
        refused(lmt, "trace", "generate", lmt.toString(), "--twin", "dacapo-eclipse", "--params", lmt.toString());
    }

    @Test
    void theRefusalComesBeforeAnyWork() throws Exception {
        Path lmt = copy("hot-cold.lmt");
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(Cli.run("trace", "summary", lmt.toString(), "--csv", lmt.toString())
                            .exitCode())
                    .isEqualTo(2);
            assertThat(Cli.run("simulate", "--compare", lmt.toString(), "--rate", "50MBps", "--rows", lmt.toString())
                            .exitCode())
                    .isEqualTo(2);
        } finally {
            System.setOut(old);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                .as("nothing computed or printed first")
                .isEmpty();
    }

    @Test
    void aBadOutputPlaceIsOneLineWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path folder = Files.createDirectory(dir.resolve("folder.lmt"));
        for (List<String> args : List.of(
                List.of("demo", "--out", file.toString()),
                List.of("demo", "--out", file.resolve("sub").toString()),
                List.of("trace", "generate", folder.toString(), "--units", "2"),
                List.of("trace", "generate", file.resolve("x.lmt").toString(), "--units", "2"))) {
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(args.toString()).isEqualTo(2);
            assertThat(r.err().trim())
                    .as(args.toString())
                    .doesNotContain("\n")
                    .doesNotContain("Exception")
                    .containsAnyOf("is a folder", "exists and is not a folder", "not a folder");
        }
    }
}
