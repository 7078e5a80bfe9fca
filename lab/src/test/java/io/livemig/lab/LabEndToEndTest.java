package io.livemig.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.evaluate.LabComparison;
import io.livemig.evaluate.LabDataset;
import io.livemig.evaluate.LabRun;
import io.livemig.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real migration end to end (about 20 s: boot, 1 s of warm-up, migration, memory check): uniform writes at
 * 8000 pages/s over 32 MiB of a 256 MiB guest, a 500 Mbit/s link, downtime limit 300 ms, as in the dataset. The
 * recorded figures must agree with the QEMU-accurate model within these bounds, set from the dataset's repeats of
 * this point (docs/qemu-lab.md): same verdict, migration time within 25 %, wire bytes within 10 %, downtime within
 * 50 % (repeats alone differ by 10–20 %, and QEMU's downtime comes in ~10 ms steps), rounds within 3; and the
 * destination's memory must equal the source's.
 */
class LabEndToEndTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void oneMigrationIsRecordedAndTheModelAgreesWithIt(@TempDir Path out) throws Exception {
        LabTests.requireLab();
        LabPlan.Point p = new LabPlan.Point(WorkloadShape.UNIFORM, 8000, 32, 256, 500, 300, 1, 1, 20);
        long t0 = System.nanoTime();
        assertThat(LabCommand.runAll(List.of(p), out, GuestImage.prepare())).isZero();
        double wall = (System.nanoTime() - t0) / 1e9;
        System.err.printf("lab end-to-end: one migration in %.1f s of wall time%n", wall);
        assertThat(wall).as("wall time of one point, s").isLessThan(60);

        LabDataset data = LabDataset.read(out);
        LabRun run = data.runs().get(0);
        assertThat(run.status()).isEqualTo(LabRun.COMPLETED);
        assertThat(run.differingPages())
                .as("pages that differ between source and destination")
                .isZero();
        assertThat(run.nonZeroPages())
                .as("non-zero pages: at least the workload's region")
                .isGreaterThan(p.regionPages());
        assertThat(run.normalPages()).isGreaterThanOrEqualTo(run.nonZeroPages() - 1024);
        assertThat(run.rounds()).isPositive();
        assertThat(Files.readAllLines(out.resolve("runs").resolve(p.id()).resolve("rounds.csv")))
                .hasSize(run.rounds() + 1);
        Trace trace = data.trace(run);
        assertThat(trace.unitCount()).isEqualTo(WorkloadShape.UNIFORM.period(800, p.regionPages()));
        assertThat(trace.header().nonZeroPages()).isEqualTo(run.nonZeroPages());
        // where the non-zero pages lie: runs in address order that add up to the count, the region inside them
        List<long[]> nonZero = data.nonZeroRuns(run);
        assertThat(nonZero.stream().mapToLong(r -> r[1]).sum()).isEqualTo(run.nonZeroPages());
        for (int i = 1; i < nonZero.size(); i++)
            assertThat(nonZero.get(i)[0]).isGreaterThan(nonZero.get(i - 1)[0] + nonZero.get(i - 1)[1]);
        assertThat(nonZero.get(nonZero.size() - 1)[0] + nonZero.get(nonZero.size() - 1)[1])
                .isLessThanOrEqualTo(p.memoryPages());

        LabComparison.Point point = LabComparison.compare(data).get(0);
        LabComparison.Figures m = point.measured(), model = point.predicted().get(LabComparison.ACCURATE);
        assertThat(model.converged()).isEqualTo(m.converged());
        assertThat(rel(model.migrationSeconds(), m.migrationSeconds()))
                .as("time error, model %s s, measured %s s", model.migrationSeconds(), m.migrationSeconds())
                .isLessThan(0.25);
        assertThat(rel(model.wireBytes(), m.wireBytes())).as("traffic error").isLessThan(0.10);
        assertThat(rel(model.downtimeSeconds(), m.downtimeSeconds()))
                .as("downtime error, model %s s, measured %s s", model.downtimeSeconds(), m.downtimeSeconds())
                .isLessThan(0.50);
        assertThat(Math.abs(model.rounds() - m.rounds())).as("rounds").isLessThanOrEqualTo(3);
    }

    private static double rel(double predicted, double measured) {
        return Math.abs(predicted - measured) / measured;
    }
}
