package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private PrintStream oldOut, oldErr;

    @TempDir
    Path dir;

    static Path data(String name) {
        return Path.of(System.getProperty("livemig.root", ".."))
                .resolve("data/traces")
                .resolve(name);
    }

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private int run(String... args) {
        var cli = Main.commandLine();
        cli.setErr(new java.io.PrintWriter(System.err, true));
        return cli.execute(args);
    }

    @Test
    void fitJsonHasTheAgreedKeys() {
        assertThat(run("trace", "fit", data("hot-cold.lmt").toString(), "--json"))
                .as(() -> err.toString(StandardCharsets.UTF_8))
                .isZero();
        JsonObject o = JsonParser.parseString(
                        out.toString(StandardCharsets.UTF_8).trim())
                .getAsJsonObject();
        assertThat(o.keySet())
                .containsExactlyInAnyOrder("unit_ms", "s", "s_new", "m_w", "pages", "units", "d_t", "nonzero_pages");
        // the empirical D(T), one value per unit, nondecreasing, starting at S
        var d = o.getAsJsonArray("d_t");
        assertThat(d.size()).isGreaterThan(10);
        assertThat(d.get(0).getAsDouble()).isEqualTo(o.get("s").getAsDouble());
        for (int i = 1; i < d.size(); i++)
            assertThat(d.get(i).getAsDouble())
                    .isGreaterThanOrEqualTo(d.get(i - 1).getAsDouble());
        assertThat(o.get("unit_ms").getAsDouble()).isEqualTo(100.0);
        assertThat(o.getAsJsonArray("s_new")).hasSize(10);
        assertThat(o.get("units").getAsInt()).isEqualTo(300);
        assertThat(o.get("pages").getAsLong()).isEqualTo(262_144);
    }

    @Test
    void countsTraceFitsSOnly() {
        assertThat(run("trace", "fit", data("uniform.counts.csv").toString(), "--json"))
                .isZero();
        JsonObject o = JsonParser.parseString(
                        out.toString(StandardCharsets.UTF_8).trim())
                .getAsJsonObject();
        assertThat(o.get("s").getAsDouble()).isEqualTo(3276.0);
        assertThat(o.get("s_new").isJsonNull()).isTrue();
        assertThat(o.get("d_t").isJsonNull()).isTrue();
    }

    @Test
    void generateConvertInfoRoundTrip() throws Exception {
        Path lmt = dir.resolve("g.lmt"), csv = dir.resolve("g.csv.gz");
        assertThat(run("trace", "generate", lmt.toString(), "--shape", "scan", "--memory", "64MiB", "--units", "50"))
                .isZero();
        assertThat(run("trace", "convert", lmt.toString(), csv.toString())).isZero();
        out.reset();
        assertThat(run("trace", "info", csv.toString(), "--json")).isZero();
        JsonObject o = JsonParser.parseString(
                        out.toString(StandardCharsets.UTF_8).trim())
                .getAsJsonObject();
        assertThat(o.get("units").getAsInt()).isEqualTo(50);
        assertThat(o.get("events").getAsLong()).isEqualTo(50L * 81); // a 8192-page region, 1 % per unit
        assertThat(run("trace", "summary", lmt.toString(), "--rows", "3")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("cumulative_unique")
                .containsPattern("(?m)^… 47 more rows$"); // on a line of its own, not after the last row
    }

    @Test
    void aTwinIsReportedAsAShapeIs() {
        Path params = io.livemig.TestData.datasetDir().resolve("params.csv");
        Path lmt = dir.resolve("eclipse.lmt");
        assertThat(run("trace", "generate", lmt.toString(), "--twin", "dacapo-eclipse", "--params", params.toString()))
                .as(() -> err.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim())
                .matches("wrote .*eclipse\\.lmt: \\d+ units of 100\\.0 ms, 262144 pages of 4096 B");
    }

    @Test
    void theNonZeroCountTravelsThroughGenerateConvertAndInfo() {
        Path lmt = dir.resolve("z.lmt"), csv = dir.resolve("z.csv.gz");
        assertThat(run(
                        "trace",
                        "generate",
                        lmt.toString(),
                        "--shape",
                        "scan",
                        "--memory",
                        "64MiB",
                        "--units",
                        "20",
                        "--nonzero",
                        "40%"))
                .isZero();
        assertThat(run("trace", "convert", lmt.toString(), csv.toString())).isZero();
        for (Path p : new Path[] {lmt, csv}) {
            out.reset();
            assertThat(run("trace", "info", p.toString(), "--json")).isZero();
            JsonObject o = JsonParser.parseString(
                            out.toString(StandardCharsets.UTF_8).trim())
                    .getAsJsonObject();
            assertThat(o.get("nonzero_pages").getAsLong())
                    .as(p.getFileName().toString())
                    .isEqualTo(Math.round(0.4 * 16384));
        }
        out.reset();
        assertThat(run("trace", "info", lmt.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("6554 non-zero (40.0 %)");
    }

    @Test
    void simulateJson() {
        assertThat(run("simulate", data("phases.lmt").toString(), "--rate", "50MBps", "--policy", "xen-v2", "--json"))
                .isZero();
        JsonObject o = JsonParser.parseString(
                        out.toString(StandardCharsets.UTF_8).trim())
                .getAsJsonObject();
        assertThat(o.get("model").getAsString()).isEqualTo("simulator");
        assertThat(o.get("iterations").getAsInt()).isBetween(1, 5);
        // the same JSON form as predict --json, so model and simulator compare key by key
        assertThat(o.keySet()).contains("rate_bytes_per_second", "stop_reason", "wire_bytes", "rows");
        assertThat(o.getAsJsonArray("rows")).isNotEmpty();
    }

    @Test
    void badInputIsOneLineAndNonZero() throws Exception {
        assertThat(run("trace", "fit", dir.resolve("missing.lmt").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).trim())
                .doesNotContain("\n")
                .endsWith("missing.lmt: no such file");
        err.reset();
        Path bad = dir.resolve("bad.lmt");
        Files.write(bad, new byte[] {1, 2, 3});
        assertThat(run("trace", "info", bad.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("livemig info: bad.lmt: header at byte 0: truncated header; expected 44 bytes, got 3");
        err.reset();
        assertThat(run("simulate", data("phases.lmt").toString(), "--rate", "50MBps", "--policy", "vmware"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).trim())
                .doesNotContain("\n")
                .contains("unknown policy 'vmware'");
        err.reset();
        assertThat(run("trace", "fit", "--nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).trim()).doesNotContain("\n");
    }
}
