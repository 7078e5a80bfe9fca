package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.livemig.ReadmeFigures;
import io.livemig.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's "Models against the simulator" table and its downtime sentence, recomputed with the command the README
 * gives ({@code simulate --compare … --twins -1 --rate 25MBps,50MBps,87.5MBps --policy all}) and compared with the
 * numbers as README.md prints them. About 20 s of CPU (2026-11-30).
 */
class SimulateCompareGoldenTest {
    /** policy label → model → p90 row */
    static final Map<String, Map<String, JsonObject>> P90 = new LinkedHashMap<>();

    @BeforeAll
    static void run() {
        TestData.datasetDir(); // the twins need params.csv
        String traces = Cli.root().resolve("data/traces").toString();
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        Cli.Result r;
        try {
            r = Cli.run(
                    "simulate",
                    "--compare",
                    traces + "/hot-cold.lmt",
                    traces + "/phases.lmt",
                    traces + "/raytrace-twin.lmt",
                    traces + "/scan.csv.gz",
                    "--twins",
                    "-1",
                    "--rate",
                    "25MBps,50MBps,87.5MBps",
                    "--policy",
                    "all",
                    "--json");
        } finally {
            System.setOut(old);
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonArray rows = JsonParser.parseString(
                        out.toString(StandardCharsets.UTF_8).trim())
                .getAsJsonArray();
        for (JsonElement e : rows) {
            JsonObject o = e.getAsJsonObject();
            P90.computeIfAbsent(o.get("policy").getAsString(), k -> new LinkedHashMap<>())
                    .put(o.get("model").getAsString(), o);
        }
    }

    /** "geometric + Pacer" → geometric+pacer, "full copy" → full-copy, as the comparison names its contenders. */
    static String model(String header) {
        return header.toLowerCase(Locale.ROOT)
                .replace(" + ", "+")
                .replace("full copy", "full-copy")
                .replace("effective rate", "effective-rate");
    }

    @Test
    void theMigrationTimeTableIsRecomputed() {
        List<List<String>> table = ReadmeFigures.table("| policy | proposed | QEMU-accurate |");
        List<String> headers = ReadmeFigures.cells(readmeHeader());
        List<String> policies = new ArrayList<>(P90.keySet());
        assertThat(table).hasSize(policies.size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            for (int c = 1; c < headers.size(); c++) {
                ReadmeFigures.Figure f =
                        ReadmeFigures.figures(table.get(i).get(c)).get(0);
                JsonObject row = P90.get(policies.get(i)).get(model(headers.get(c)));
                assertThat(row).as("%s / %s", policies.get(i), headers.get(c)).isNotNull();
                double computed = row.get("p90_migration_err_pct").getAsDouble();
                if (!f.matches(computed))
                    mismatches.add(
                            policies.get(i) + " " + headers.get(c) + ": README " + f.text() + ", computed " + computed);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(P90.values()
                        .iterator()
                        .next()
                        .values()
                        .iterator()
                        .next()
                        .get("rows")
                        .getAsInt())
                .isEqualTo(177);
    }

    @Test
    void theDowntimeSentenceIsRecomputed() throws Exception {
        String readme = Files.readString(ReadmeFigures.readme()).replaceAll("\\s+", " ");
        Matcher m = Pattern.compile(
                        "p90 downtime errors: proposed (.*?) s \\(QEMU\\), (.*?) s \\(Xen skip\\), (.*?) s \\(Xen no skip\\), "
                                + "(.*?) s \\(Xen v2\\); QEMU-accurate (.*?) s, (.*?) s, (.*?) s, (.*?) s\\.")
                .matcher(readme);
        assertThat(m.find()).as("README's downtime sentence").isTrue();
        List<String> policies = new ArrayList<>(P90.keySet());
        for (int i = 0; i < 8; i++) {
            String model = i < 4 ? "proposed" : "qemu-accurate";
            ReadmeFigures.Figure f = ReadmeFigures.figures(m.group(i + 1)).get(0);
            double computed = P90.get(policies.get(i % 4))
                    .get(model)
                    .get("p90_downtime_err_s")
                    .getAsDouble();
            assertThat(f.matches(computed))
                    .as("%s %s downtime: README %s, computed %s", model, policies.get(i % 4), f.text(), computed)
                    .isTrue();
        }
    }

    private static String readmeHeader() {
        try {
            return Files.readAllLines(ReadmeFigures.readme()).stream()
                    .filter(l -> l.startsWith("| policy | proposed | QEMU-accurate |"))
                    .findFirst()
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
