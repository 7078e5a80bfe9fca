package io.livemig.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.trace.Trace;
import io.livemig.trace.TraceHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class LabComparisonTest {
    static LabRun run(
            String id, String status, long totalMs, long downtimeMs, long bytes, int rounds, String frames, int phase) {
        return new LabRun(
                id,
                "uniform",
                8000,
                3,
                1,
                200,
                100,
                1,
                1,
                20,
                status,
                totalMs,
                downtimeMs,
                1,
                bytes,
                100,
                100,
                4,
                rounds,
                10,
                200,
                200,
                0,
                "traces/t.lmt",
                frames,
                phase,
                0.5,
                2,
                0,
                14,
                20);
    }

    @Test
    void aRunsTraceIsMappedToItsFramesAndStartsAtItsPhase() {
        Trace region = Trace.ofPages(
                "t",
                new TraceHeader(4096, 1024, 0.1, 300),
                List.of(RoaringBitmap.bitmapOf(0), RoaringBitmap.bitmapOf(1), RoaringBitmap.bitmapOf(2)));
        Trace t = LabComparison.physical(region, run("a-n1", LabRun.COMPLETED, 1, 1, 1, 1, "0:100:1;1:500:2", 1));
        assertThat(t.unitCount()).isEqualTo(3);
        assertThat(t.unit(0).toArray()).containsExactly(500);
        assertThat(t.unit(1).toArray()).containsExactly(501);
        assertThat(t.unit(2).toArray()).containsExactly(100);
        assertThat(t.header()).isEqualTo(region.header());
        assertThatThrownBy(
                        () -> LabComparison.physical(region, run("a-n1", LabRun.COMPLETED, 1, 1, 1, 1, "0:100:2", 0)))
                .hasMessage("frames: region page 2 is in no run");
    }

    @Test
    void aPointIsTheMajorityVerdictAndTheMeanOfTheRepeatsWithIt() {
        LabComparison.Figures m = LabComparison.mean(List.of(
                LabComparison.measured(run("a-n1", LabRun.COMPLETED, 2000, 100, 10, 3, "", 0)),
                LabComparison.measured(run("a-n2", LabRun.NOT_CONVERGED, 20000, -1, 99, 30, "", 0)),
                LabComparison.measured(run("a-n3", LabRun.COMPLETED, 4000, 300, 30, 5, "", 0))));
        assertThat(m.converged()).isTrue();
        assertThat(m.migrationSeconds()).isEqualTo(3.0);
        assertThat(m.downtimeSeconds()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.wireBytes()).isEqualTo(20.0);
        assertThat(m.rounds()).isEqualTo(4.0);
        LabComparison.Figures dnc = LabComparison.mean(List.of(
                LabComparison.measured(run("b-n1", LabRun.NOT_CONVERGED, 20000, -1, 9, 30, "", 0)),
                LabComparison.measured(run("b-n2", LabRun.NOT_CONVERGED, 20000, -1, 9, 20, "", 0)),
                LabComparison.measured(run("b-n3", LabRun.COMPLETED, 4000, 300, 30, 5, "", 0))));
        assertThat(dnc.converged()).isFalse();
        assertThat(dnc.migrationSeconds()).isInfinite();
        assertThat(dnc.rounds()).isEqualTo(25.0);
    }

    @Test
    void errorsAreRelativeZeroWhenBothDoNotConvergeInfiniteWhenOneDoes() {
        assertThat(Errors.relativePct(1.1, 1.0, true, true)).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Errors.relativePct(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false, false))
                .isZero();
        assertThat(Errors.relativePct(5, Double.POSITIVE_INFINITY, false, true)).isInfinite();
        assertThat(Errors.relativePct(Double.POSITIVE_INFINITY, 5, true, false)).isInfinite();
    }

    @Test
    void datasetLinesRoundTripAndABadLineNamesFileAndLine(@TempDir Path dir) throws Exception {
        LabRun r = run(
                "uniform-r8000-w32-m256-l200-d100-s1-n1",
                LabRun.COMPLETED,
                2164,
                305,
                137821228,
                2,
                "0:10413:1;1:10430:8191",
                11);
        assertThat(LabDataset.parse(LabDataset.format(r))).isEqualTo(r);
        assertThat(r.configuration()).isEqualTo("uniform-r8000-w32-m256-l200-d100-s1");
        Files.writeString(
                dir.resolve(LabDataset.RUNS),
                LabDataset.HEADER + "\n" + LabDataset.format(r) + "\n"
                        + LabDataset.format(r).replace(",2164,", ",soon,") + "\n");
        assertThatThrownBy(() -> LabDataset.read(dir))
                .hasMessage(dir.resolve(LabDataset.RUNS) + ":3: total_time_ms: not a number: 'soon'");
        assertThatThrownBy(() -> LabDataset.read(dir.resolve("none"))).hasMessageContaining("runs.csv: no such file");
    }

    /**
     * A run recorded without its own map gets the baseline boot's: the workload's region moved from that boot's
     * frames to the run's, and the run's own non-zero count, the difference taken evenly outside the region.
     */
    @Test
    void aBaselineMapKeepsItsPlacementButTakesTheRunsRegionAndCount(@TempDir Path dir) throws Exception {
        LabRun r = run("a-n1", LabRun.COMPLETED, 1, 1, 1, 1, "0:10:3", 0); // 1 MiB: 256 pages, 200 non-zero
        Files.writeString(dir.resolve(LabDataset.RUNS), LabDataset.HEADER + "\n" + LabDataset.format(r) + "\n");
        LabDataset data = LabDataset.read(dir);
        assertThat(LabComparison.nonZeroMap(data, r)).as("no map at all").isNull();

        Files.createDirectories(dir.resolve("baseline"));
        // the baseline boot: pages 50..249 non-zero (200), its region at frames 50..52
        Files.writeString(dir.resolve(LabDataset.baselineFile(1)), "first_page,pages\n50,200\n");
        Files.writeString(dir.resolve(LabDataset.baselineFramesFile(1)), "0:50:3\n");
        RoaringBitmap map = LabComparison.nonZeroMap(data, r);
        assertThat(map.getLongCardinality()).isEqualTo(r.nonZeroPages());
        assertThat(map.contains(10L, 13L)).as("the run's region").isTrue();
        assertThat(map.contains(249)).as("the boot's last non-zero page").isTrue();
        assertThat(map.contains(51)).as("the boot's region, moved away").isFalse();
        assertThat(map.contains(5)).isFalse();

        // a run with more non-zero pages than the boot: the rest spread over the zero pages, not piled up
        LabRun more = new LabRun(
                r.id(),
                r.shape(),
                r.ratePagesPerSecond(),
                r.regionPages(),
                r.memoryMiB(),
                r.linkMbit(),
                r.downtimeLimitMs(),
                r.repeat(),
                r.seed(),
                r.timeoutSeconds(),
                r.status(),
                r.totalTimeMs(),
                r.downtimeMs(),
                r.setupTimeMs(),
                r.transferredBytes(),
                r.normalPages(),
                r.duplicatePages(),
                r.dirtySyncCount(),
                r.rounds(),
                r.switchoverPages(),
                r.qemuMbps(),
                225,
                r.differingPages(),
                r.trace(),
                r.frames(),
                r.tracePhase(),
                r.lagMeanMs(),
                r.lagMaxMs(),
                r.displacedUnits(),
                r.bootSeconds(),
                r.wallSeconds());
        RoaringBitmap spread = LabComparison.nonZeroMap(data, more);
        assertThat(spread.getLongCardinality()).isEqualTo(225);
        assertThat(spread.rank(24)).as("some below page 25").isPositive();
        assertThat(spread.getLongCardinality() - spread.rank(49)).isGreaterThanOrEqualTo(197);

        // a run's own map wins over the baseline
        Files.createDirectories(dir.resolve("runs").resolve(r.id()));
        Files.writeString(dir.resolve("runs").resolve(r.id()).resolve(LabDataset.NONZERO), "first_page,pages\n0,7\n");
        assertThat(LabComparison.nonZeroMap(data, r).toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }
    /**
     * A dataset with no non-zero maps (no baseline, no per-run maps) has no "non-zero map" contenders; its points at
     * the edge come from the cursor + time line contender. Two points of data/qemu-lab-quiet copied without their
     * baseline: the bistable one stays at the edge, a 1000 Mbit/s one is far from it.
     */
    @Test
    void withoutMapsTheEdgeComesFromTheCursorAndTimeLineContender(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("livemig.root", ".."));
        Path quiet = root.resolve("data/qemu-lab-quiet");
        List<String> kept = List.of("hotcold-r8000-w64-m512-l200-d100-s1-", "hotcold-r8000-w64-m512-l1000-d300-s1-");
        List<String> lines = Files.readAllLines(quiet.resolve(LabDataset.RUNS));
        List<String> rows = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            if (kept.stream().noneMatch(line::startsWith)) continue;
            rows.add(line);
            String id = line.substring(0, line.indexOf(','));
            Path runDir = dir.resolve("runs").resolve(id);
            Files.createDirectories(runDir);
            try (var files = Files.list(quiet.resolve("runs").resolve(id))) {
                for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, runDir.resolve(f.getFileName()));
            }
        }
        Files.write(dir.resolve(LabDataset.RUNS), rows);
        Files.createDirectories(dir.resolve("traces"));
        try (var traces = Files.list(quiet.resolve("traces"))) {
            for (Path f : (Iterable<Path>) traces::iterator)
                Files.copy(f, dir.resolve("traces").resolve(f.getFileName()));
        }
        LabDataset data = LabDataset.read(dir);
        List<LabComparison.Point> points = LabComparison.compare(
                data,
                LabComparison.writeQuantum(
                        LabDataset.read(root.resolve("data/qemu-lab")), LabComparison.DEFAULT_HELD_OUT));
        assertThat(points).hasSize(2);
        for (LabComparison.Point p : points) {
            assertThat(p.predicted())
                    .containsKey(LabComparison.ACCURATE_CURSOR_TIMELINE)
                    .doesNotContainKeys(LabComparison.ACCURATE_CURSOR_TIMELINE_MAPPED, LabComparison.SIMULATOR_MAPPED);
            assertThat(p.atTheEdge()).as(p.configuration()).isEqualTo(p.first().linkMbit() == 200);
        }
    }
}
