package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.profile.CurveDirtyProfile;
import io.livemig.profile.LinearDirtyProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace-following D(T) against the empirical unique-pages curve, on generated shapes and twins. */
class CurveProfileTest {

    static List<Trace> traces() {
        TraceHeader h = TraceHeader.of(131_072);
        List<Trace> l = new ArrayList<>();
        l.add(TraceGenerator.generate("uniform", new Workload.UniformWorkingSet(60_000, 2_500), h, 200, 3));
        l.add(TraceGenerator.generate("gen-hot-cold", new Workload.HotCold(4_000, 2_000, 60_000, 600), h, 200, 3));
        l.add(TraceGenerator.generate("sequential", new Workload.SequentialScan(50_000, 2_000), h, 200, 3));
        l.add(TraceGenerator.generate("growing", new Workload.GrowingHeap(10_000, 100, 60_000, 1_000), h, 200, 3));
        l.add(TraceGenerator.twin(
                new TwinTarget(
                        "twin",
                        131_072,
                        1_500,
                        new double[] {600, 400, 300, 250, 200, 180, 160, 150, 140, 130},
                        50_000),
                3));
        // the sample traces in data/ that have page numbers
        java.nio.file.Path data = java.nio.file.Path.of("..", "data", "traces");
        for (String f : new String[] {"hot-cold.lmt", "phases.lmt", "raytrace-twin.lmt", "scan.csv.gz"}) {
            java.nio.file.Path p = data.resolve(f);
            if (java.nio.file.Files.exists(p)) l.add(Trace.read().file(p));
        }
        return l;
    }

    @Test
    void withinTwoPercentOfTheEmpiricalCurveFromOneUnitToTenSeconds() {
        for (Trace t : traces()) {
            TraceFit fit = t.fit();
            CurveDirtyProfile curve = fit.curveProfile();
            LinearDirtyProfile line = fit.profile();
            double worstCurve = 0, worstLine = 0;
            int n = fit.empiricalD().length;
            for (int k = 1; k <= n; k++) {
                double emp = fit.empiricalDirtied(k), sec = k * t.header().unitSeconds();
                worstCurve = Math.max(worstCurve, Math.abs(curve.dirtiedPages(sec) - emp) / emp);
                worstLine = Math.max(worstLine, Math.abs(line.dirtiedPages(Math.nextDown(sec)) - emp) / emp);
            }
            assertThat(n).as(t.name()).isEqualTo(Math.min(100, t.unitCount()));
            assertThat(worstCurve).as(t.name()).isLessThanOrEqualTo(0.02);
            if (t.name().equals("twin") || t.name().equals("gen-hot-cold")) {
                // the paper's straight line between the 1 s steps misses the curve by far more
                assertThat(worstLine).as(t.name()).isGreaterThan(0.05);
            }
        }
    }

    @Test
    void definedBeyondTenSecondsUpToMw() {
        for (Trace t : traces()) {
            CurveDirtyProfile curve = t.curveProfile();
            double prev = curve.dirtiedPages(10);
            for (double s = 10.5; s <= 600; s += 0.5) {
                double v = curve.dirtiedPages(s);
                assertThat(v)
                        .as(t.name() + " at " + s + " s")
                        .isGreaterThanOrEqualTo(prev)
                        .isLessThanOrEqualTo(curve.mwPages());
                prev = v;
            }
            assertThat(curve.mwPages()).isEqualTo((double) t.fit().mwPages());
        }
    }

    @Test
    void theHeaderSaysHowManyPagesAreNonZero(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Trace t = TraceGenerator.generate("u", new Workload.UniformWorkingSet(1_000, 100), TraceHeader.of(4096), 20, 1)
                .withNonZeroPages(1_500);
        assertThat(t.fit().composition().nonZeroPages(4096)).isEqualTo(1500);
        java.nio.file.Path f = dir.resolve("u.csv");
        t.write(TraceFormat.PAGES_CSV, f);
        Trace back = Trace.read().csv(f);
        assertThat(back.header().nonZeroPages()).isEqualTo(1500);
        assertThat(Trace.read().csv(f).withNonZeroPages(-1).fit().composition().hasZeroPages())
                .isFalse();
    }
}
