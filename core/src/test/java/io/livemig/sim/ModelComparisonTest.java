package io.livemig.sim;

import io.livemig.policy.XenLegacy;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.Workload;
import io.livemig.units.DataRate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelComparisonTest {
    @Test void oneRowPerCaseAndModelAndTheProposedModelBeatsFullCopy() {
        Trace t = TraceGenerator.generate("hc", new Workload.HotCold(3000, 1500, 60_000, 600), new TraceHeader(4096, 131_072, 0.1), 200, 3);
        var rows = ModelComparison.rows(List.of(t), List.of(DataRate.ofMBps(25), DataRate.ofMBps(75)),
                List.of(XenLegacy.xen4_x().withSkip(false)), SimConfig.defaults());
        int models = ModelComparison.models(t).size();
        assertThat(rows.rowCount()).isEqualTo(2 * models);
        var p90 = ModelComparison.percentiles(rows);
        assertThat(p90.rowCount()).isEqualTo(models);
        double proposed = p90.where(p90.stringColumn("model").isEqualTo("proposed")).doubleColumn("p90_migration_err_pct").get(0);
        double full = p90.where(p90.stringColumn("model").isEqualTo("full-copy")).doubleColumn("p90_migration_err_pct").get(0);
        assertThat(proposed).isLessThan(full);
    }
}
