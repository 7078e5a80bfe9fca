package io.livemig.evaluate;

import io.livemig.policy.Qemu;
import io.livemig.sim.SimConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The qemu-check table README.md publishes, recomputed: the figures in the README's rows must be what
 * {@link QemuCheck} computes now, to the printed precision. Also what the table claims: every verdict of the
 * QEMU-accurate model right, the paper's model far off.
 */
class QemuCheckGoldenTest {
    static Table rows, summary;
    static List<String> readme;

    @BeforeAll static void run() throws IOException {
        rows = QemuCheck.rows(QemuCheck.traces(QemuCheck.SEEDS), Qemu.defaults(), SimConfig.defaults());
        summary = QemuCheck.summary(rows);
        readme = Files.readAllLines(root().resolve("README.md"));
    }

    static Path root() {
        String r = System.getProperty("livemig.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    /** The README row whose first cell is {@code label}, split into trimmed cells. */
    private static String[] readmeRow(String label) {
        return readme.stream().filter(l -> l.startsWith("| " + label + " |")).findFirst()
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split("\\|")).map(String::trim).toArray(String[]::new))
                .orElseThrow(() -> new AssertionError("README.md has no qemu-check row '" + label + "'"));
    }

    private static double number(String cell) { return Double.parseDouble(cell.replace("%", "").trim()); }

    private static void matches(String readmeLabel, String model) {
        String[] cells = readmeRow(readmeLabel);
        int r = -1;
        for (int i = 0; i < summary.rowCount(); i++) if (summary.stringColumn("model").get(i).equals(model)) r = i;
        assertThat(r).as("summary row for " + model).isNotNegative();
        assertThat(number(cells[1])).as("cases").isEqualTo((double) summary.intColumn("cases").get(r));
        assertThat(number(cells[2])).as("converging").isEqualTo((double) summary.intColumn("converging").get(r));
        assertThat(number(cells[3])).as("p90 time").isEqualTo(summary.doubleColumn("p90_migration_err_pct").get(r));
        assertThat(number(cells[4])).as("p90 traffic").isEqualTo(summary.doubleColumn("p90_traffic_err_pct").get(r));
        assertThat(number(cells[5])).as("p90 downtime").isEqualTo(summary.doubleColumn("p90_downtime_err_pct").get(r));
        assertThat(number(cells[6])).as("both do not converge").isEqualTo((double) summary.intColumn("both_do_not_converge").get(r));
        assertThat(number(cells[7])).as("verdicts right").isEqualTo(summary.doubleColumn("verdict_right_pct").get(r));
    }

    @Test void theReadmeTableIsWhatQemuCheckComputes() {
        System.err.println(summary.printAll());
        matches("qemu-accurate", "qemu-accurate");
        matches("paper's model as is", "paper (as is)");
    }

    @Test void theQemuAccurateVerdictsAreAllRightAndThePaperModelIsFarOff() {
        assertThat(summary.doubleColumn("verdict_right_pct").get(0)).isEqualTo(100.0);
        assertThat(summary.doubleColumn("p90_migration_err_pct").get(1)).isGreaterThan(3 * summary.doubleColumn("p90_migration_err_pct").get(0));
    }

    /** The README's reading by shape: the worst time error of the QEMU-accurate model per shape, over the seeds. */
    @Test void theWorstErrorsAreWhereTheReadmeSaysTheyAre() {
        java.util.Map<String, Double> worst = new java.util.TreeMap<>();
        for (int i = 0; i < rows.rowCount(); i++) {
            if (!rows.stringColumn("model").get(i).equals("qemu-accurate") || !rows.stringColumn("sim_verdict").get(i).equals("converges")) continue;
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
