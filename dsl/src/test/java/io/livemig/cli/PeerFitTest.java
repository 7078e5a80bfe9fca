package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numpy/pandas peer ({@code bench/peers/peerfit.py}, which {@code bench/peers/compare.py} times against livemig)
 * computes the same figures as {@code livemig trace fit --json}, double for double, from the CSV and from its
 * {@code .npz}. Runs Debian's {@code /usr/bin/python3} (python3-numpy, python3-pandas); without them the test is
 * skipped with a message, and fails under {@code CI=true}.
 */
class PeerFitTest {
    static final Path PYTHON = Path.of(System.getenv().getOrDefault("LIVEMIG_PYTHON", "/usr/bin/python3"));

    @TempDir
    static Path dir;

    @BeforeAll
    static void requireNumpyAndPandas() throws Exception {
        String why = null;
        if (!Files.isExecutable(PYTHON)) {
            why = PYTHON + " not found";
        } else {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy, pandas")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) why = "numpy or pandas missing: " + out.strip();
        }
        if (why == null) return;
        String message = "the numpy/pandas peer test needs python3-numpy and python3-pandas for " + PYTHON + ": " + why;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(message);
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    private static String peer(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                PYTHON.toString(), Cli.root().resolve("bench/peers/peerfit.py").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("peerfit.py timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
        return text;
    }

    /** Runs the command line in process; the trace commands print to System.out, so that is what is captured. */
    private static String livemig(String... args) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8));
        Cli.Result r;
        try {
            r = Cli.run(args);
        } finally {
            System.setOut(old);
        }
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return bytes.toString(StandardCharsets.UTF_8) + r.out();
    }

    private static void assertSameFit(Path trace) throws Exception {
        JsonObject expected = JsonParser.parseString(livemig("trace", "fit", "--json", trace.toString()))
                .getAsJsonObject();
        JsonObject fromCsv =
                JsonParser.parseString(peer("fit", "--json", trace.toString())).getAsJsonObject();
        Path npz = dir.resolve(trace.getFileName() + ".npz");
        peer("convert", trace.toString(), npz.toString());
        JsonObject fromNpz =
                JsonParser.parseString(peer("fit", "--json", npz.toString())).getAsJsonObject();
        for (JsonObject actual : List.of(fromCsv, fromNpz)) {
            assertThat(actual.keySet()).as(trace.toString()).isEqualTo(expected.keySet());
            for (String key : expected.keySet()) {
                JsonElement e = expected.get(key), a = actual.get(key);
                // JsonPrimitive compares numbers by value: 100 equals 100.0, and doubles must be identical
                assertThat(a).as(trace.getFileName() + ": " + key).isEqualTo(e);
            }
        }
    }

    @Test
    void generatedShapesGiveTheSameFiguresAsLivemig() throws Exception {
        String[][] shapes = {
            {"uniform", "--units", "400", "--seed", "3", "--working-set", "3000", "--per-unit", "700"},
            {"hot-cold", "--units", "250", "--seed", "5"},
            {"scan", "--units", "180", "--seed", "7"},
            {"phases", "--units", "500", "--seed", "11"},
            {"growing-heap", "--units", "300", "--seed", "13"}
        };
        for (String[] s : shapes) {
            Path csv = dir.resolve(s[0] + (s[0].equals("scan") ? ".csv.gz" : ".csv"));
            List<String> args = new ArrayList<>(List.of("trace", "generate", csv.toString(), "--memory", "64MiB"));
            args.add("--shape");
            args.addAll(List.of(s));
            livemig(args.toArray(String[]::new));
            assertSameFit(csv);
        }
    }

    @Test
    void handWrittenEdgeCasesGiveTheSameFigures() throws Exception {
        // no metadata, no header row, pages out of order and repeated within a unit, empty units between
        Path bare = dir.resolve("bare.csv");
        Files.writeString(bare, "0,9\n0,3\n0,9\n0,4\n2,3\n2,2\n5,100\n5,3\n5,3\n6,9\n");
        // 1 s units: the 1 s window is one unit, so S_new[0] is 0; declared trailing empty units
        Path seconds = dir.resolve("seconds.csv");
        StringBuilder b =
                new StringBuilder("# livemig-trace unit_ms=1000.0 page_size=4096 memory_pages=500 units=40\n");
        b.append("unit,page\n");
        for (int k = 0; k < 30; k++)
            for (int p = 0; p < 50; p += 1 + (k % 4))
                b.append(k).append(',').append((p * 7 + k) % 500).append('\n');
        Files.writeString(seconds, b.toString());
        // 250 ms units (4 per second), shorter than the 10 s window, with a non-zero page count
        Path quarter = dir.resolve("quarter.csv");
        b = new StringBuilder("# livemig-trace unit_ms=250.0 page_size=4096 memory_pages=2048 nonzero_pages=1500\n");
        for (int k = 0; k < 23; k++)
            for (int p = k; p < 2048; p += 37 + k)
                b.append(k).append(',').append(p).append('\n');
        Files.writeString(quarter, b.toString());
        for (Path p : List.of(bare, seconds, quarter)) assertSameFit(p);
    }

    @Test
    void theRepositorysSampleTracesGiveTheSameFigures() throws Exception {
        Path csv = dir.resolve("hot-cold.csv");
        Cli.Result r = Cli.run(
                "trace",
                "convert",
                Cli.root().resolve("data/traces/hot-cold.lmt").toString(),
                csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertSameFit(csv);
        assertSameFit(Cli.root().resolve("data/traces/scan.csv.gz"));
    }
}
