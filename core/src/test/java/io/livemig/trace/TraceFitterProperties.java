package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.roaringbitmap.RoaringBitmap;

/**
 * The fitter on one or several threads, with any batch size, gives bit for bit what the single-threaded fitter it
 * replaced gives ({@link ReferenceFitter}): same S, S_new^T, M_w and D(T) doubles, same memory for a header that
 * does not give it.
 */
class TraceFitterProperties {

    @Property(tries = 60)
    void partsAndThreadsChangeNoBit(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 260) int units,
            @ForAll @IntRange(min = 1, max = 400_000) int memory,
            @ForAll @IntRange(min = 1, max = 5) int parts,
            @ForAll @IntRange(min = 1, max = 3000) int batchEvents,
            @ForAll boolean memoryKnown) {
        Random r = new Random(seed);
        List<RoaringBitmap> list = new ArrayList<>();
        int hot = 1 + r.nextInt(memory);
        for (int k = 0; k < units; k++) {
            RoaringBitmap b = new RoaringBitmap();
            switch (r.nextInt(4)) {
                case 0 -> {} // an empty unit
                case 1 -> { // a run of pages (run containers)
                    long from = r.nextInt(memory);
                    b.add(from, Math.min(memory, from + 1 + r.nextInt(70_000)));
                }
                case 2 -> { // dense in a hot set (bitmap containers)
                    for (int i = 0, n = r.nextInt(6000); i < n; i++) b.add(r.nextInt(Math.min(hot, memory)));
                }
                default -> { // sparse anywhere (array containers)
                    for (int i = 0, n = r.nextInt(300); i < n; i++) b.add(r.nextInt(memory));
                }
            }
            list.add(b);
        }
        double unitMs = new double[] {100, 50, 250, 1000}[r.nextInt(4)];
        Trace t = Trace.ofPages("p", new TraceHeader(4096, memory, unitMs / 1000), list);
        if (!memoryKnown) t = Trace.ofPages("p", new TraceHeader(4096, 0, unitMs / 1000), list);

        TraceFit expected = ReferenceFitter.fit(t.reader());
        TraceFit actual = TraceFitter.fit(t.reader(), parts, batchEvents);
        assertSameBits(actual, expected);
    }

    static void assertSameBits(TraceFit actual, TraceFit expected) {
        assertThat(actual.header()).isEqualTo(expected.header());
        assertThat(actual.units()).isEqualTo(expected.units());
        assertThat(actual.events()).isEqualTo(expected.events());
        assertThat(Double.doubleToRawLongBits(actual.sPages()))
                .isEqualTo(Double.doubleToRawLongBits(expected.sPages()));
        assertThat(actual.hasPages()).isEqualTo(expected.hasPages());
        if (!expected.hasPages()) return;
        assertThat(actual.mwPages()).isEqualTo(expected.mwPages());
        assertThat(actual.sNewWindowUnits()).isEqualTo(expected.sNewWindowUnits());
        assertThat(bits(actual.sNewPages())).isEqualTo(bits(expected.sNewPages()));
        assertThat(bits(actual.empiricalD())).isEqualTo(bits(expected.empiricalD()));
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Double.doubleToRawLongBits(v[i]);
        return b;
    }
}
