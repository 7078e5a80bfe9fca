package io.livemig.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.ReadmeFigures;
import io.livemig.policy.Qemu;
import io.livemig.sim.SimConfig;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The qemu-check table README.md publishes, recomputed: the figures in the README's rows must be what
 * {@link QemuCheck} computes now, to the printed precision. Also what the table claims: every verdict of the
 * QEMU-accurate model right, the paper's model far off.
 */
class QemuCheckGoldenTest {
    static Table rows, summary;
    static List<List<String>> readme;

    @BeforeAll
    static void run() {
        rows = QemuCheck.rows(QemuCheck.traces(QemuCheck.SEEDS), Qemu.defaults(), SimConfig.defaults());
        summary = QemuCheck.summary(rows);
        readme = ReadmeFigures.table("| model (vs the simulator's QEMU, 300 ms)");
    }

    /** The README row of {@code label} against the summary row of {@code model}, cell by cell, to the printed digit. */
    private static void matches(String label, String model) {
        List<String> cells = readme.stream()
                .filter(r -> r.get(0).equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no qemu-check row '" + label + "'"));
        int r = -1;
        for (int i = 0; i < summary.rowCount(); i++)
            if (summary.stringColumn("model").get(i).equals(model)) r = i;
        assertThat(r).as("summary row for " + model).isNotNegative();
        String[] columns = {
            "cases",
            "converging",
            "p90_migration_err_pct",
            "p90_traffic_err_pct",
            "p90_downtime_err_pct",
            "both_do_not_converge",
            "verdict_right_pct"
        };
        for (int c = 0; c < columns.length; c++) {
            double computed = ((Number) summary.column(columns[c]).get(r)).doubleValue();
            ReadmeFigures.Figure printed =
                    ReadmeFigures.figures(cells.get(c + 1)).get(0);
            assertThat(printed.matches(computed))
                    .as("%s %s: README %s, computed %s", label, columns[c], printed.text(), computed)
                    .isTrue();
        }
    }

    @Test
    void theReadmeTableIsWhatQemuCheckComputes() {
        System.err.println(summary.printAll());
        matches("qemu-accurate", "qemu-accurate");
        matches("paper's model as is", "paper (as is)");
    }

    @Test
    void theQemuAccurateVerdictsAreAllRightAndThePaperModelIsFarOff() {
        assertThat(summary.doubleColumn("verdict_right_pct").get(0)).isEqualTo(100.0);
        assertThat(summary.doubleColumn("p90_migration_err_pct").get(1))
                .isGreaterThan(3 * summary.doubleColumn("p90_migration_err_pct").get(0));
    }

    /** The README's reading by shape: the worst time error of the QEMU-accurate model per shape, over the seeds. */
    @Test
    void theWorstErrorsAreWhereTheReadmeSaysTheyAre() {
        java.util.Map<String, Double> worst = new java.util.TreeMap<>();
        for (int i = 0; i < rows.rowCount(); i++) {
            if (!rows.stringColumn("model").get(i).equals("qemu-accurate")
                    || !rows.stringColumn("sim_verdict").get(i).equals("converges")) continue;
            String shape = rows.stringColumn("workload").get(i).replaceAll("[@#].*", "");
            worst.merge(shape, rows.doubleColumn("migration_err_pct").get(i), Math::max);
        }
        System.err.println("worst time error by shape: " + worst);
        assertThat(worst.get("uniform")).isLessThanOrEqualTo(5);
        assertThat(worst.get("hot-cold")).isLessThanOrEqualTo(5);
        assertThat(worst.get("twin-light")).isLessThanOrEqualTo(5);
        assertThat(worst.get("sequential")).isBetween(5.0, 16.0);
        assertThat(worst.get("twin-eclipse")).isBetween(25.0, 35.0);
    }
}
