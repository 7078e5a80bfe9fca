package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.roaringbitmap.RoaringBitmap;

/** The one-pass fit equals the definitions computed window by window (docs/model.md §2.3). */
class TraceFitProperties {

    @Property(tries = 30)
    void onePassEqualsBruteForce(
            @ForAll long seed,
            @ForAll @IntRange(min = 10, max = 160) int units,
            @ForAll @IntRange(min = 5, max = 400) int memory) {
        Random r = new Random(seed);
        List<RoaringBitmap> list = new ArrayList<>();
        for (int k = 0; k < units; k++) {
            RoaringBitmap b = new RoaringBitmap();
            int n = r.nextInt(memory / 2 + 1);
            for (int i = 0; i < n; i++) b.add(r.nextInt(memory));
            list.add(b);
        }
        Trace t = Trace.ofPages("p", new TraceHeader(4096, memory, 0.1), list);
        TraceFit fit = t.fit();

        double s = list.stream()
                .mapToLong(RoaringBitmap::getLongCardinality)
                .average()
                .orElse(0);
        assertThat(fit.sPages()).isCloseTo(s, within(1e-9));
        RoaringBitmap all = new RoaringBitmap();
        list.forEach(all::or);
        assertThat(fit.mwPages()).isEqualTo(all.getLongCardinality());

        int nMax = Math.min(units, 100);
        for (int n = 1; n <= nMax; n++) {
            double sumUnion = 0, sumAvg = 0;
            int windows = units - n + 1;
            for (int j = 0; j < windows; j++) {
                RoaringBitmap u = new RoaringBitmap();
                double newSum = 0;
                for (int tt = 0; tt < n; tt++) {
                    RoaringBitmap b = list.get(j + tt);
                    if (tt > 0) newSum += RoaringBitmap.andNot(b, u).getLongCardinality();
                    u.or(b);
                }
                sumUnion += u.getLongCardinality();
                if (n > 1) sumAvg += newSum / (n - 1);
            }
            assertThat(fit.empiricalDirtied(n)).as("D(%d)", n).isCloseTo(sumUnion / windows, within(1e-6));
            if (n % 10 == 0) {
                assertThat(fit.sNewPages()[n / 10 - 1]).as("S_new(%d)", n).isCloseTo(sumAvg / windows, within(1e-6));
            }
        }
        assertThat(fit.sNewPages()).hasSize(Math.min(units / 10, 10));
    }
}
