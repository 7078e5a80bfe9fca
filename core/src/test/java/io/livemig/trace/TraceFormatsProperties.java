package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.TraceFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.roaringbitmap.RoaringBitmap;

/** Round trips lose no page; corrupted or truncated files fail only with the project's own error. */
class TraceFormatsProperties {
    /** One folder for every try, deleted at the end (jqwik has no {@code @TempDir}); each try overwrites its files. */
    private static Path DIR;

    @BeforeContainer
    static void createFolder() throws IOException {
        DIR = Files.createTempDirectory("livemig-formats");
    }

    @AfterContainer
    static void deleteFolder() throws IOException {
        try (var files = Files.walk(DIR)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Provide
    Arbitrary<Trace> traces() {
        Arbitrary<Integer> memory = Arbitraries.integers().between(1, 200_000);
        Arbitrary<Integer> units = Arbitraries.integers().between(0, 30);
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Combinators.combine(memory, units, seeds).as((m, n, seed) -> {
            Random r = new Random(seed);
            List<RoaringBitmap> list = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                RoaringBitmap b = new RoaringBitmap();
                int count = r.nextInt(Math.min(m, 3000) + 1);
                if (r.nextInt(4) == 0) b.add(0L, Math.min(m, 1 + r.nextInt(m))); // runs, too
                for (int i = 0; i < count; i++) b.add(r.nextInt(m));
                list.add(b);
            }
            // a third of the traces say how many pages are non-zero (the binary header's flag 1)
            long nonZero = r.nextInt(3) == 0 ? r.nextInt(m + 1) : -1;
            return Trace.ofPages("t", new TraceHeader(4096, m, 0.1, nonZero), list);
        });
    }

    @Property(tries = 40)
    void binaryRoundTripLosesNoPage(@ForAll("traces") Trace t) throws IOException {
        Path dir = DIR;
        Path f = dir.resolve("t.lmt");
        t.write(TraceFormat.LMT, f);
        Trace back = Trace.read().lmt(f);
        assertSame(t, back);
        assertThat(back.header()).isEqualTo(t.header());
    }

    @Property(tries = 20)
    void csvRoundTripLosesNoPage(@ForAll("traces") Trace t) throws IOException {
        Path dir = DIR;
        for (String name : new String[] {"t.csv", "t.csv.gz"}) {
            Path f = dir.resolve(name);
            t.write(TraceFormat.PAGES_CSV, f);
            Trace back = Trace.read().csv(f);
            // a pages CSV has no row for trailing empty units
            int n = t.unitCount();
            while (n > 0 && t.unit(n - 1).isEmpty()) n--;
            assertThat(back.unitCount()).isEqualTo(n);
            for (int k = 0; k < n; k++) assertThat(back.unit(k)).isEqualTo(t.unit(k));
            assertThat(back.memoryPages()).isEqualTo(t.memoryPages());
        }
    }

    @Property(tries = 200)
    void corruptedBinaryFailsOnlyWithTraceFormatException(@ForAll("traces") Trace t, @ForAll long seed)
            throws IOException {
        Path dir = DIR;
        Path f = dir.resolve("t.lmt");
        t.write(TraceFormat.LMT, f);
        byte[] bytes = Files.readAllBytes(f);
        Random r = new Random(seed);
        byte[] bad;
        int mode = r.nextInt(3);
        if (mode == 0) { // truncate
            bad = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length));
        } else if (mode == 1) { // flip some bytes
            bad = bytes.clone();
            for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
        } else { // append garbage
            bad = java.util.Arrays.copyOf(bytes, bytes.length + 1 + r.nextInt(64));
            for (int i = bytes.length; i < bad.length; i++) bad[i] = (byte) r.nextInt();
        }
        Files.write(f, bad);
        try {
            Trace back = Trace.read().lmt(f);
            assertSame(t, back); // only an undamaged file may read
        } catch (TraceFormatException e) {
            assertThat(e.getMessage()).startsWith("t.lmt: ").doesNotContain("\n");
        }
    }

    @Property(tries = 100)
    void corruptedCsvFailsOnlyWithTraceFormatException(@ForAll("traces") Trace t, @ForAll long seed)
            throws IOException {
        Path dir = DIR;
        Path f = dir.resolve("t.csv.gz");
        t.write(TraceFormat.PAGES_CSV, f);
        byte[] bytes = Files.readAllBytes(f);
        Random r = new Random(seed);
        byte[] bad = r.nextBoolean() ? java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length)) : bytes.clone();
        if (bad.length == bytes.length) bad[10 + r.nextInt(bad.length - 10)] ^= (byte) (1 + r.nextInt(255));
        Files.write(f, bad);
        try {
            Trace.read().csv(f);
        } catch (TraceFormatException e) {
            assertThat(e.getMessage()).startsWith("t.csv.gz: ");
        }
    }

    static void assertSame(Trace a, Trace b) {
        assertThat(b.unitCount()).isEqualTo(a.unitCount());
        for (int k = 0; k < a.unitCount(); k++) assertThat(b.unit(k)).isEqualTo(a.unit(k));
    }
}
