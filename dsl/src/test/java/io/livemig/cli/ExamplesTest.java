package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every script under examples/ runs as a test, through {@code livemig run}, and its answers are checked. */
class ExamplesTest {
    @TempDir
    Path out;

    static Path example(String name) {
        return Cli.root().resolve("examples").resolve(name);
    }

    @Test
    void everyExampleIsCoveredHere() throws IOException {
        try (Stream<Path> files = Files.list(Cli.root().resolve("examples"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy")))
                    .containsExactlyInAnyOrder(
                            "plan-deadline.groovy", "evacuate-host.groovy", "fit-and-compare.groovy", "demo.groovy");
        }
    }

    @Test
    void planDeadline() {
        Cli.Result r = Cli.run("run", example("plan-deadline.groovy").toString(), out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        // the planner's answers: a feasible rate for 10 s under QEMU and for 300 ms downtime under Xen
        assertThat(r.out())
                .contains("eclipse: lowest rate for migration time ≤ 10.0 s is ")
                .contains("eclipse: lowest rate for downtime ≤ 300 ms is ")
                .contains("sweep: eclipse on qemu(300 ms), 10 rates, proposed")
                .containsPattern("answer: [0-9.]+ MB/s migrates eclipse in (9\\.[0-9]{2}|10\\.00) s");
        assertThat(out.resolve("deadline-sweep.svg"))
                .content()
                .contains("migration rate (MiB/s)")
                .contains("downtime (s)");
        assertThat(out.resolve("deadline-plan.png")).isNotEmptyFile();
    }

    @Test
    void evacuateHost() throws IOException {
        Cli.Result r = Cli.run("run", example("evacuate-host.groovy").toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // web's downtime at 1 Gbps is above the 1 s bound, so it is never chosen; 2 GiB needs two 1 GiB VMs
        assertThat(r.out())
                .contains("downtime")
                .contains("exceeds the bound 1.000 s")
                .containsPattern("answer: migrate [a-z]+, [a-z]+ \\(2 GiB\\)")
                .doesNotContainPattern("answer: migrate .*web");
        List<String> csv = Files.readAllLines(out.resolve("evacuate.csv"));
        assertThat(csv.get(0)).isEqualTo("vm,memory_MiB,migration_s,downtime_s,traffic_MiB,eligible,chosen,note");
        assertThat(csv).hasSize(6);
        assertThat(out.resolve("evacuate.svg")).content().contains("<svg");
    }

    @Test
    void fitAndCompare() {
        Cli.Result r = Cli.run("run", example("fit-and-compare.groovy").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("TraceFit[hot-cold: 300 units of 100 ms")
                .contains("hot-cold · D(T)")
                .contains("simulator: hot-cold @ 100 MB/s on xen-legacy(skip)")
                .containsPattern("simulated [0-9.]+ s; proposed model [0-9.]+ s")
                .contains("compare: hot-cold @ 100 MB/s on xen-legacy(skip)")
                .contains("effective-rate")
                .contains("liu-iterative")
                .containsPattern("answer: proposed [0-9.]+ s; shortest prediction: [a-z-]+");
    }

    @Test
    void fitAndCompareOnAGivenTraceWritesCharts() {
        Path trace = io.livemig.dsl.VerbsTestAccess.writeTrace(out.resolve("given.lmt"));
        Cli.Result r = Cli.run("run", example("fit-and-compare.groovy").toString(), trace.toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("TraceFit[given: 50 units");
        assertThat(out.resolve("dirty-curve.svg"))
                .content()
                .contains("empirical (trace)")
                .contains("fitted profile");
        assertThat(out.resolve("models.svg")).content().contains("pre-copy time");
    }

    @Test
    void demo() {
        Cli.Result r = Cli.run("run", example("demo.groovy").toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("== 1. Predict")
                .contains("== 2. Plan")
                .contains("== 3. Compare")
                .contains("== 4. Sweep")
                .contains("proposed: dacapo-eclipse @ 100 MiB/s on xen-legacy(skip)")
                .contains("D(0.9 s) = 31022 pages, D(1.02 s) = 23165 pages")
                .contains("dell-store-db: lowest rate for migration time ≤ 15.0 s")
                .contains("== 5. A trace")
                .contains("TraceFit[raytrace-twin: ")
                .contains("simulator: raytrace-twin @ 100 MiB/s")
                .contains("charts and tables written to " + out);
        assertThat(out.resolve("raytrace-dirty-curve.svg"))
                .content()
                .contains("raytrace-twin: D(T), measured and fitted");
        assertThat(out.resolve("predict-xen.svg")).content().contains("proposed · dacapo-eclipse @ 100 MiB/s");
        assertThat(out.resolve("compare-models.html"))
                .content()
                .contains("<table")
                .contains("<svg");
        assertThat(out.resolve("sweep.csv")).content().startsWith("model,vm,rate_MiB_s");
    }
}
