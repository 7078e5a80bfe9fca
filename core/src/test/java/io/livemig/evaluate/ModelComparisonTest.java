package io.livemig.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.policy.Qemu;
import io.livemig.policy.XenLegacy;
import io.livemig.sim.SimConfig;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.Workload;
import io.livemig.units.DataRate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelComparisonTest {
    @Test
    void oneRowPerCaseAndModelAndTheProposedModelBeatsFullCopy() {
        Trace t = TraceGenerator.generate(
                "hc", new Workload.HotCold(3000, 1500, 60_000, 600), new TraceHeader(4096, 131_072, 0.1), 200, 3);
        var rows = ModelComparison.rows(
                List.of(t),
                List.of(DataRate.ofMBps(25), DataRate.ofMBps(75)),
                List.of(XenLegacy.xen4_x().withSkip(false)),
                SimConfig.defaults());
        int models = ModelComparison.contenders(t, SimConfig.defaults()).size();
        assertThat(rows.rowCount()).isEqualTo(2 * models);
        var p90 = ModelComparison.percentiles(rows);
        assertThat(p90.rowCount()).isEqualTo(models);
        double proposed = p90.where(p90.stringColumn("model").isEqualTo("proposed"))
                .doubleColumn("p90_migration_err_pct")
                .get(0);
        double full = p90.where(p90.stringColumn("model").isEqualTo("full-copy"))
                .doubleColumn("p90_migration_err_pct")
                .get(0);
        assertThat(proposed).isLessThan(full);
    }

    @Test
    void underQemuWithZeroPagesTheQemuAccurateModelBeatsTheProposedOne() {
        Trace generated = TraceGenerator.generate(
                "hc", new Workload.HotCold(3000, 1500, 60_000, 600), new TraceHeader(4096, 131_072, 0.1), 200, 3);
        Trace t = generated.withNonZeroPages(Math.max(generated.fit().mwPages(), 131_072 * 4 / 10)); // the rest is zero
        // rates well above convergence: near it the verdicts can differ, which QemuCheck measures on its own
        var rows = ModelComparison.rows(
                List.of(t),
                List.of(DataRate.ofMBps(100), DataRate.ofMBps(150), DataRate.ofMBps(200)),
                List.of(Qemu.defaults()),
                SimConfig.defaults());
        var p90 = ModelComparison.percentiles(rows);
        double accurate = p90.where(p90.stringColumn("model").isEqualTo("qemu-accurate"))
                .doubleColumn("p90_migration_err_pct")
                .get(0);
        double proposed = p90.where(p90.stringColumn("model").isEqualTo("proposed"))
                .doubleColumn("p90_migration_err_pct")
                .get(0);
        assertThat(accurate).isLessThan(proposed).isLessThan(Double.POSITIVE_INFINITY);
    }

    @Test
    void theQemuAccurateModelSeesTheZeroPagesTheSimulatorAssumes() {
        Trace t = TraceGenerator.generate(
                "hc", new Workload.HotCold(3000, 1500, 60_000, 600), new TraceHeader(4096, 131_072, 0.1), 50, 3);
        double m = t.memoryPages(), mw = t.fit().mwPages();
        var half = ModelComparison.composition(t, SimConfig.defaults().withZeroPageFraction(0.5));
        assertThat(half.nonZeroPages(m)).isCloseTo(0.5 * m, org.assertj.core.data.Offset.offset(1.0));
        assertThat(ModelComparison.composition(t, SimConfig.defaults()).hasZeroPages())
                .isFalse();
        long nonZero = Math.round(mw) + 1000;
        assertThat(ModelComparison.composition(
                                t.withNonZeroPages(nonZero),
                                SimConfig.defaults().withZeroPageFraction(0.5))
                        .nonZeroPages(m))
                .isEqualTo(nonZero);
    }
}
