package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;
import io.livemig.policy.XenLegacy;
import io.livemig.policy.XenV2;
import io.livemig.sim.reference.ReferenceSimulator;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceFile;
import io.livemig.trace.TraceFormat;
import io.livemig.trace.TraceHeader;
import io.livemig.units.DataRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.roaringbitmap.RoaringBitmap;

/**
 * The word-wise simulator computes exactly what the page-at-a-time one did ({@link ReferenceSimulator}, today's engines
 * kept verbatim in test code): the same rows, times, stop reasons and wire bytes, bit for bit, on random traces (array,
 * bitmap and run containers, empty units, empty traces, traces shorter and longer than the migration), every policy,
 * rate limits, zero pages of both kinds, device state and time limits; and streaming the trace from a file gives the
 * same result as loading it.
 */
class SimulatorDifferentialProperties {

    /** One random case, drawn from {@code seed} so a failure names what reproduces it. */
    record Case(Trace trace, DataRate rate, PrecopyPolicy policy, SimConfig config) {
        static Case of(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int size = r.nextInt(4);
            int memory = switch (size) {
                case 0 -> 1 + r.nextInt(200);
                case 1, 2 -> 1 + r.nextInt(6000);
                default -> 65_000 + r.nextInt(80_000); // crosses a container, with dense (bitmap) units
            };
            int pageSize = r.nextBoolean() ? 4096 : 512 + r.nextInt(8000);
            double unit = r.nextBoolean() || size == 3 ? 0.1 : 0.02 + r.nextDouble() * 0.5;
            int units = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(40);
            // mostly sparse, sometimes most of memory; the reference replays each page, so large VMs stay sparser
            double density = Math.pow(r.nextDouble(), 3) * (size == 3 ? 0.1 : 1);
            List<RoaringBitmap> list = new ArrayList<>();
            for (int k = 0; k < units; k++) list.add(unit(r, memory, density));
            Trace t = Trace.ofPages("t", new TraceHeader(pageSize, memory, unit), list);
            if (r.nextInt(4) == 0) t = t.withNonZeroPages(r.nextInt(memory + 1));
            double once = 0.02 + r.nextDouble() * 3; // seconds to send memory once
            DataRate rate = DataRate.ofBytesPerSecond(memory * (double) pageSize / once);
            PrecopyPolicy policy = switch (r.nextInt(7)) {
                case 0 -> Qemu.defaults();
                case 1 -> new Qemu(Duration.ofMillis(1 + r.nextInt(500)), DataRate.unlimited());
                case 2 ->
                    Qemu.defaults()
                            .withMaxBandwidth(
                                    DataRate.ofBytesPerSecond(rate.bytesPerSecond() * (0.2 + r.nextDouble())));
                case 3 -> XenLegacy.xen4_x();
                case 4 -> XenLegacy.xen4_x().withSkip(false);
                case 5 -> XenV2.xen4_6();
                default -> PrecopyPolicy.named(r.nextBoolean() ? "qemu-1.7" : "xen");
            };
            SimConfig config = SimConfig.defaults().withSeed(r.nextLong());
            if (r.nextInt(3) == 0) config = config.withZeroPageFraction(r.nextDouble());
            if (r.nextBoolean()) config = config.withDeviceStateBytes(r.nextInt(1 << 20));
            // QEMU iterates until the time limit when it does not converge: the default (minutes) only for small VMs
            if (size > 0 || r.nextBoolean()) config = config.withTimeLimitSeconds(0.5 + r.nextDouble() * 10);
            return new Case(t, rate, policy, config);
        }

        private static RoaringBitmap unit(SplittableRandom r, int memory, double density) {
            RoaringBitmap b = new RoaringBitmap();
            switch (r.nextInt(5)) {
                case 0 -> {} // an idle unit
                case 1 -> { // a few runs
                    for (int i = r.nextInt(4); i >= 0; i--) {
                        int from = r.nextInt(memory);
                        b.add((long) from, Math.min(memory, from + 1L + r.nextInt(1 + (int) (density * memory))));
                    }
                }
                default -> { // scattered pages
                    long n = (long) (density * memory) + r.nextInt(3);
                    for (long i = 0; i < n; i++) b.add(r.nextInt(memory));
                }
            }
            if (r.nextBoolean()) b.runOptimize();
            return b;
        }

        @Override
        public String toString() {
            return trace + " at " + rate + ", " + policy + ", " + config + ", " + trace.events() + " events";
        }
    }

    @Property(tries = 300)
    void wordWiseEnginesComputeWhatThePageAtATimeOnesDid(@ForAll long seed) {
        Case c = Case.of(seed);
        Prediction expected = ReferenceSimulator.simulate(c.trace(), c.rate(), c.policy(), c.config());
        Prediction actual = Simulator.simulate(c.trace(), c.rate(), c.policy(), c.config());
        assertThat(actual).as("%s", c).isEqualTo(expected);
    }

    @Property(tries = 60)
    void streamingTheFileGivesWhatTheLoadedTraceGives(@ForAll long seed) throws IOException {
        Case c = Case.of(seed);
        Path dir = Files.createTempDirectory("livemig-sim");
        try {
            boolean binary = seed % 3 != 0;
            Path file = dir.resolve(binary ? "t.lmt" : "t.csv");
            c.trace().write(binary ? TraceFormat.LMT : TraceFormat.PAGES_CSV, file);
            // a file keeps the unit in whole microseconds (or as text): compare with the file loaded
            Trace loaded = Trace.read().file(file);
            Prediction expected = Simulator.simulate(loaded, c.rate(), c.policy(), c.config());
            Prediction actual = Simulator.simulate(TraceFile.of(file), c.rate(), c.policy(), c.config());
            assertThat(actual).as("%s", c).isEqualTo(expected);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }
}
