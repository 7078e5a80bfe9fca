package io.livemig.evaluate;

import static io.livemig.evaluate.LabDatasetFiguresTest.repeats;
import static io.livemig.evaluate.LabDatasetFiguresTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The figures README.md ("Real QEMU") and docs/qemu-lab.md ("Each run's own map") publish for data/qemu-lab-maps:
 * the held-out shapes measured 3 times on an idle host, each run with its own non-zero map. What `livemig lab compare
 * data/qemu-lab-maps --tune data/qemu-lab` prints, and the same runs with the dataset's baseline boot's map instead.
 */
class LabMapsDatasetFiguresTest {
    static final LabDatasetFiguresTest.TunedOnTheLab LAB =
            LabDatasetFiguresTest.TunedOnTheLab.compare("data/qemu-lab-maps");
    static final Path root = LAB.root();
    static final LabDataset maps = LAB.data();
    static final List<LabComparison.Point> points = LAB.points();
    static final Table summary = LAB.summary();

    /** The one wrong verdict is the bistable point again (no repeat converged this time), marked at the edge. */
    @Test
    void theWrongVerdictIsTheBistablePointAtTheEdge() {
        assertThat(points.stream()
                        .filter(p -> p.measured().converged()
                                != p.predicted()
                                        .get(LabComparison.ACCURATE_CURSOR_TIMELINE_MAPPED)
                                        .converged())
                        .map(LabComparison.Point::configuration))
                .containsExactly("hotcold-r8000-w64-m512-l200-d100-s1");
        assertThat(points.stream().filter(LabComparison.Point::atTheEdge).map(LabComparison.Point::configuration))
                .contains("hotcold-r8000-w64-m512-l200-d100-s1");
    }

    @Test
    void everyRunHasItsOwnMapAndKeptMemoryIntact() {
        assertThat(maps.runs()).hasSize(72);
        assertThat(maps.runs()).allMatch(r -> LabComparison.DEFAULT_HELD_OUT.contains(r.shape()));
        assertThat(maps.runs().stream().filter(LabRun::completed)).hasSize(66).allMatch(r -> r.differingPages() == 0);
        assertThat(maps.runs()).allSatisfy(r -> assertThat(maps.nonZeroRuns(r)).isNotEmpty());
        assertThat(maps.runs()).allMatch(r -> r.lagMaxMs() < 15);
    }

    /** On an idle host the model on each run's time line meets 5 % in time and traffic on shapes that tuned nothing. */
    @Test
    void thePublishedP90ErrorsAreWhatTheDatasetGives() {
        assertThat(row(summary, LabComparison.ACCURATE, true)).containsExactly(24, 24.2, 23.4, 127, 19, 95.8);
        assertThat(row(summary, LabComparison.ACCURATE_TIMELINE, true)).containsExactly(24, 4.2, 4.7, 100, 2, 95.8);
        assertThat(row(summary, LabComparison.ACCURATE_CURSOR_TIMELINE, true))
                .containsExactly(24, 3.2, 4.2, 64.6, 3, 95.8);
        assertThat(row(summary, LabComparison.ACCURATE_CURSOR_TIMELINE_MAPPED, true))
                .containsExactly(24, 3.4, 4.2, 49.7, 3, 95.8);
        assertThat(row(summary, LabComparison.SIMULATOR, true)).containsExactly(24, 9.6, 8.9, 65.8, 2.7, 95.8);
        assertThat(row(summary, LabComparison.SIMULATOR_MAPPED, true)).containsExactly(24, 10.6, 8.9, 43.9, 2.7, 95.8);
        assertThat(row(summary, LabComparison.PAPER, true)).containsExactly(24, 282.2, 275, 72.5, 5, 95.8);
        assertThat(repeats(summary, "standard error of the mean")).containsExactly(22, 2, 1.8, 26.6);
        assertThat(repeats(summary, "one repeat vs the others' mean")).containsExactly(22, 4.4, 4.2, 59.3);
        assertThat(LabDatasetFiguresTest.offEdge(summary, LabComparison.ACCURATE_CURSOR_TIMELINE_MAPPED, true))
                .isEqualTo(100);
    }

    /**
     * Each run's own map against the baseline boot's (its region moved to the run's frames, its count reconciled to
     * the run's): the same runs compared twice. The model cannot tell them apart; the simulator moves within noise.
     */
    @Test
    void aRunsOwnMapGivesWhatTheBaselineBootsGives(@TempDir Path tmp) throws Exception {
        Path src = root.resolve("data/qemu-lab-maps");
        for (String f : List.of(LabDataset.RUNS, "plan.csv")) Files.copy(src.resolve(f), tmp.resolve(f));
        for (String d : List.of("traces", "baseline")) {
            Files.createDirectories(tmp.resolve(d));
            try (var files = Files.list(src.resolve(d))) {
                for (Path f : (Iterable<Path>) files::iterator)
                    Files.copy(f, tmp.resolve(d).resolve(f.getFileName()));
            }
        }
        try (var runs = Files.list(src.resolve("runs"))) {
            for (Path run : (Iterable<Path>) runs::iterator) {
                Path to = tmp.resolve("runs").resolve(run.getFileName());
                Files.createDirectories(to);
                Files.copy(run.resolve("rounds.csv"), to.resolve("rounds.csv")); // not nonzero.csv
            }
        }
        LabDataset baselineOnly = LabDataset.read(tmp);
        assertThat(baselineOnly.nonZeroRuns(baselineOnly.runs().get(0))).isEmpty();
        Table b =
                LabComparison.summary(LabComparison.compare(baselineOnly, LAB.burst()), LabComparison.DEFAULT_HELD_OUT);
        assertThat(row(b, LabComparison.ACCURATE_CURSOR_TIMELINE_MAPPED, true))
                .containsExactly(24, 3.4, 4.2, 49.1, 3, 95.8);
        assertThat(row(b, LabComparison.SIMULATOR_MAPPED, true)).containsExactly(24, 9.6, 8.9, 46.7, 2.7, 95.8);
    }
}
