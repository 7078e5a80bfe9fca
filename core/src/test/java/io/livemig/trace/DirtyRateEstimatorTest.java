package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.livemig.LivemigException;
import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import io.livemig.model.StopReason;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class DirtyRateEstimatorTest {
    /** Pages 0..9 in every unit (hot), page 10 + k once in unit k (cold); 20 units of 100 ms, memory 100 pages. */
    private static Trace hotAndOnce() {
        List<RoaringBitmap> l = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            RoaringBitmap b = new RoaringBitmap();
            b.add(0L, 10L);
            b.add(10 + k);
            l.add(b);
        }
        return Trace.ofPages("h", new TraceHeader(4096, 100, 0.1), l);
    }

    @Test
    void averageAndEwmaAreCountsPerSecond() {
        Trace t = hotAndOnce();
        assertThat(new DirtyRateEstimator.Average().pagesPerSecond(t)).isCloseTo(110.0, within(1e-9));
        assertThat(new DirtyRateEstimator.ExponentiallyWeighted(0.5).pagesPerSecond(t))
                .isCloseTo(110.0, within(1e-9));
    }

    @Test
    void hotColdSplitsByThreshold() {
        // 1 s intervals: 2 in 2 s. Hot (dirty in ≥ 90 % of intervals): pages 0..9, β = 10/100.
        // Per second: 10 hot pages, 10 cold pages. S = 0.1·10 + 0.9·10 = 10
        assertThat(new DirtyRateEstimator.HotCold(2, 0.9).pagesPerSecond(hotAndOnce()))
                .isCloseTo(10.0, within(1e-9));
    }

    @Test
    void pacerCountsDistinctPagesPerSecond() {
        // hot pages q = 1 → 10 per second; cold pages q = 1/20 each, 20 of them: 20·(1 − 0.95^10)
        double expected = 10 + 20 * (1 - Math.pow(0.95, 10));
        assertThat(new DirtyRateEstimator.PacerFrequency(2).pagesPerSecond(hotAndOnce()))
                .isCloseTo(expected, within(1e-9));
    }

    @Test
    void dirtyProbabilityIsTheAuthorsFormula() {
        // windows of 1 s: 20 distinct pages each, p = 20/100; S = p·0.5·M = 10
        assertThat(new DirtyRateEstimator.DirtyProbability(1, 0.5).pagesPerSecond(hotAndOnce()))
                .isCloseTo(10.0, within(1e-9));
    }

    @Test
    void migrationLogWeightsByTime() {
        Prediction log = new Prediction(
                "sim",
                "v",
                DataRate.ofMBps(1),
                "xen",
                4096,
                List.of(Iteration.live(1, 100, 2, 50), Iteration.live(2, 50, 1, 40), Iteration.stopAndCopy(3, 40, 0.5)),
                3,
                0.5,
                StopReason.CONVERGED,
                "");
        assertThat(new DirtyRateEstimator.MigrationLog(log).pagesPerSecond(hotAndOnce()))
                .isCloseTo(30.0, within(1e-9));
    }

    @Test
    void countsOnlyTraceSaysWhichEstimatorsItSupports() {
        Trace c = Trace.ofCounts("c", TraceHeader.of(100), new long[] {5, 5});
        assertThat(new DirtyRateEstimator.Average().source(c)).isNotNull();
        for (DirtyRateEstimator e : DirtyRateEstimator.defaults()) {
            assertThat(e.supports(c)).isEqualTo(!e.needsPages());
            if (e.needsPages()) {
                assertThatThrownBy(() -> e.pagesPerSecond(c))
                        .isInstanceOf(LivemigException.class)
                        .hasMessage("c: estimator " + e.name()
                                + " needs page numbers; a counts-only trace supports average and ewma only");
            }
        }
    }
}
