package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * Fitting streams: a trace whose units take more memory than the heap (3000 units of 20 000 pages, 48 MiB of bitmaps, 60 million events)
 * fits in a JVM of 32 MiB, on the parallel path (several parts, batches in flight), because neither the reader, nor
 * the batches handed to the threads, nor the fitter keep the units they are done with.
 */
class TraceFitMemoryTest {
    static final int UNITS = 3000, PER_UNIT = 20_000, WORKING_SET = 131_072;

    @Test
    void aTraceLargerThanTheHeapFitsIn32MiB() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-Xmx32m",
                        "-Dlivemig.fit.threads=2",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName())
                .redirectErrorStream(true)
                .start();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) p.destroyForcibly();
        assertThat(ended).as("ended").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.strip()).isEqualTo("events=" + (WORKING_SET + (UNITS - 1L) * PER_UNIT) + " mw=" + WORKING_SET);
    }

    /** Fits a generated stream of units that are never all in memory at once. */
    public static final class Child {
        public static void main(String[] args) {
            SplittableRandom r = new SplittableRandom(5);
            TraceHeader h = new TraceHeader(4096, 262_144, 0.1);
            int[] pages = new int[PER_UNIT];
            TraceReader stream = new TraceReader() {
                int k;

                @Override
                public Unit next() {
                    if (k == UNITS) return null;
                    // the first unit is the whole working set, so M_w is known; the others 20 000 of its pages
                    RoaringBitmap b = RoaringBitmap.bitmapOfRange(0, k == 0 ? WORKING_SET : 0);
                    for (int i = 0; i < PER_UNIT && k > 0; i++) pages[i] = r.nextInt(WORKING_SET);
                    if (k > 0) b.addN(pages, 0, PER_UNIT);
                    while (k > 0 && b.getCardinality() < PER_UNIT) b.add(r.nextInt(WORKING_SET));
                    return new Unit(k++, b, b.getLongCardinality());
                }

                @Override
                public TraceHeader header() {
                    return h;
                }

                @Override
                public String name() {
                    return "stream";
                }

                @Override
                public boolean hasPages() {
                    return true;
                }

                @Override
                public void close() {}
            };
            TraceFit f = TraceFit.of(stream);
            System.out.println("events=" + f.events() + " mw=" + f.mwPages());
        }
    }
}
