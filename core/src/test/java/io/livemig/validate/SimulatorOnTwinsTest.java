package io.livemig.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.TestData;
import io.livemig.trace.TwinTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator-on-twins variants on two workloads' measured runs (the whole set takes about a minute:
 * {@code ./livemig validate --twins}): each run is replayed on a twin built from its own workload's parameters, under
 * its own skip setting, deterministically.
 */
class SimulatorOnTwinsTest {
    static List<MeasuredRun> runs;

    @BeforeAll
    static void load() {
        runs = Dataset.load(TestData.datasetDir()).runs().stream()
                .filter(r ->
                        r.workload().equals("mediawiki-db-10C") || r.workload().equals("dacapo-avrora"))
                .toList();
    }

    @Test
    void everyRunIsReplayedOnItsWorkloadsTwinUnderItsOwnSkipSetting() {
        ValidationResult r = Validation.run(runs, Map.of(), Variants.simulatorOnTwins(1), Set.of());
        var e = r.errors();
        for (String name : List.of("simulator_twins_noskip", "simulator_twins_skip")) {
            var rows = e.where(e.stringColumn("variant").isEqualTo(name));
            assertThat(rows.rowCount()).as(name).isEqualTo(14); // 2 workloads × 7 rates
            for (int i = 0; i < rows.rowCount(); i++) {
                assertThat(rows.doubleColumn("pred_migration_s").getDouble(i))
                        .as(name)
                        .isFinite()
                        .isPositive();
                assertThat(rows.intColumn("pred_iterations").getInt(i)).as(name).isBetween(1, 30);
            }
        }
        // the skip changes the replay: the two variants do not predict the same times
        double noSkip = e.where(e.stringColumn("variant").isEqualTo("simulator_twins_noskip"))
                .doubleColumn("pred_migration_s")
                .sum();
        double skip = e.where(e.stringColumn("variant").isEqualTo("simulator_twins_skip"))
                .doubleColumn("pred_migration_s")
                .sum();
        assertThat(skip).isNotEqualTo(noSkip);
    }

    @Test
    void theTwinIsBuiltFromTheRunsOwnWorkloadParameters() {
        MeasuredRun run = runs.get(0);
        assertThat(Variants.twinTarget(run))
                .isEqualTo(TwinTarget.fromParams(TestData.datasetDir().resolve("params.csv"), run.workload()));
    }

    @Test
    void theReplayIsDeterministic() {
        List<MeasuredRun> some = runs.subList(0, 3);
        var a = Validation.run(some, Map.of(), Variants.simulatorOnTwins(1), Set.of())
                .errors()
                .doubleColumn("pred_migration_s")
                .asDoubleArray();
        var b = Validation.run(some, Map.of(), Variants.simulatorOnTwins(1), Set.of())
                .errors()
                .doubleColumn("pred_migration_s")
                .asDoubleArray();
        assertThat(a).containsExactly(b);
    }
}
