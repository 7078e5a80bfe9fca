package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceGeneratorTest {
    private static final TraceHeader H = new TraceHeader(4096, 65536, 0.1);

    @Test
    void sameSeedSameTrace() {
        var w = new Workload.HotCold(1000, 300, 20000, 50);
        Trace a = TraceGenerator.generate("a", w, H, 50, 7), b = TraceGenerator.generate("b", w, H, 50, 7);
        for (int k = 0; k < 50; k++) assertThat(a.unit(k)).isEqualTo(b.unit(k));
        assertThat(TraceGenerator.generate("c", w, H, 50, 8).unit(3)).isNotEqualTo(a.unit(3));
    }

    @Test
    void uniformWorkingSetHasTheExpectedStatistics() {
        Trace t = TraceGenerator.generate("u", new Workload.UniformWorkingSet(10_000, 1000), H, 300, 1);
        TraceFit f = t.fit();
        assertThat(f.sPages()).isEqualTo(1000.0);
        assertThat(f.mwPages()).isEqualTo(10_000);
        // a page is new after t units with probability 0.9^t: D(n) = W·(1 − 0.9^n) (tolerance: sampling noise)
        for (int n : new int[] {1, 5, 10, 30}) {
            assertThat(f.empiricalDirtied(n)).isCloseTo(10_000 * (1 - Math.pow(0.9, n)), within(60.0));
        }
    }

    @Test
    void scanDirtiesEveryPageOncePerSweep() {
        Trace t = TraceGenerator.generate("s", new Workload.SequentialScan(5000, 500), H, 100, 1);
        TraceFit f = t.fit();
        assertThat(f.empiricalDirtied(10)).isEqualTo(5000.0);
        assertThat(f.empiricalDirtied(4)).isEqualTo(2000.0);
        assertThat(f.sNewPages()[0]).isEqualTo(500.0); // every later unit of a 10-unit sweep is all new
    }

    @Test
    void growingHeapAndPhasesStayInsideMemory() {
        Trace g = TraceGenerator.generate("g", new Workload.GrowingHeap(1000, 100, 20_000, 200), H, 300, 3);
        assertThat(g.fit().mwPages()).isEqualTo(20_000);
        Trace p = TraceGenerator.generate(
                "p",
                new Workload.Phases(
                        List.of(new Workload.SequentialScan(4000, 400), new Workload.UniformWorkingSet(30_000, 100)),
                        20),
                H,
                120,
                3);
        assertThat(p.unitCount()).isEqualTo(120);
        assertThat(p.unit(0).getCardinality()).isEqualTo(400);
        assertThat(p.unit(20).getCardinality()).isEqualTo(100);
    }

    /** The fitted D(T) is the empirical D(T) of the trace it came from (exact up to the window-start edge term). */
    @Test
    void fittedCurveMatchesEmpiricalCurve() {
        Trace t = TraceGenerator.generate("h", new Workload.HotCold(2000, 800, 40_000, 300), H, 400, 5);
        TraceFit f = t.fit();
        var profile = f.profile();
        for (int k = 0; k < 10; k++) {
            int n = 10 * (k + 1);
            double fitted = profile.dirtiedPages(Math.nextDown(n * 0.1));
            // the fit's S averages every unit, the empirical first term only window starts 0…K−n: within 0.5 %
            assertThat(fitted)
                    .as("D(%d units)", n)
                    .isCloseTo(f.empiricalDirtied(n), within(0.005 * f.empiricalDirtied(n)));
        }
    }
}
