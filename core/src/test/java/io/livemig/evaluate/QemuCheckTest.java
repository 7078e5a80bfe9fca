package io.livemig.evaluate;

import io.livemig.policy.Qemu;
import io.livemig.sim.SimConfig;
import io.livemig.trace.Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence thresholds of the QEMU-accurate model, computed on the fixed-seed trace set of {@link QemuCheck}
 * against the simulator: p90 error ≤ 8 % for migration time and traffic, ≤ 25 % for downtime, the convergence verdict
 * right in ≥ 95 % of cases; and the paper's model as is far off on the same cases.
 */
class QemuCheckTest {
    static Table summary;

    @BeforeAll static void run() {
        List<Trace> traces = QemuCheck.traces(7);
        summary = QemuCheck.summary(QemuCheck.rows(traces, Qemu.defaults(), SimConfig.defaults()));
        System.err.println(summary.printAll());
    }

    private static int row(String model) {
        for (int i = 0; i < summary.rowCount(); i++) if (summary.stringColumn("model").get(i).equals(model)) return i;
        throw new AssertionError("no row for " + model);
    }

    @Test void qemuAccurateMeetsTheThresholds() {
        int r = row("qemu-accurate");
        assertThat(summary.intColumn("cases").get(r)).isEqualTo(60);
        assertThat(summary.doubleColumn("p90_migration_err_pct").get(r)).isLessThanOrEqualTo(8);
        assertThat(summary.doubleColumn("p90_traffic_err_pct").get(r)).isLessThanOrEqualTo(8);
        assertThat(summary.doubleColumn("p90_downtime_err_pct").get(r)).isLessThanOrEqualTo(25);
        assertThat(summary.doubleColumn("verdict_right_pct").get(r)).isGreaterThanOrEqualTo(95);
    }

    @Test void thePaperModelAsIsIsFarOff() {
        int r = row("paper (as is)");
        assertThat(summary.doubleColumn("p90_migration_err_pct").get(r)).isGreaterThan(50);
        assertThat(summary.doubleColumn("p90_traffic_err_pct").get(r)).isGreaterThan(50);
    }
}
