package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import io.livemig.policy.Qemu;
import io.livemig.policy.QemuBurst;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceHeader;
import io.livemig.units.DataRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** The QEMU engine's bursts ({@link QemuBurst}): QEMU's whole-millisecond check, and a write quantum. */
class QemuEngineBurstTest {
    static final double PAGE = 4104, BPS = 100_000 * PAGE; // 100 000 normal pages a second
    static final Qemu LIMIT = Qemu.defaults().withDowntimeLimit(Duration.ofMillis(100));

    /**
     * 16 000 of 65 536 pages dirtied in every 100 ms unit: against a 100 ms limit the migration never converges, and its
     * rounds are one or two bursts long.
     */
    static Trace hot() {
        RoaringBitmap set = new RoaringBitmap();
        set.add(0L, 16_000L);
        List<RoaringBitmap> units = new ArrayList<>();
        for (int k = 0; k < 10; k++) units.add(set.clone());
        return Trace.ofPages("hot", new TraceHeader(4096, 65_536, 0.1), units);
    }

    static List<Iteration> liveAfterFirst(Prediction p) {
        return p.iterations().stream().filter(i -> !i.stopAndCopy()).skip(1).toList();
    }

    @Test
    void noRoundAfterTheFirstIsShorterThanFiftyOneMilliseconds() {
        Prediction p = Simulator.simulate(
                hot(),
                DataRate.ofBytesPerSecond(BPS),
                LIMIT,
                SimConfig.defaults().withTimeLimitSeconds(3));
        List<Iteration> rounds = liveAfterFirst(p);
        assertThat(rounds).hasSizeGreaterThan(5);
        // a one-burst round under a 50 ms rule would last 5057 pages, 50.6 ms
        assertThat(rounds).allSatisfy(i -> assertThat(i.durationSeconds()).isGreaterThanOrEqualTo(0.051));
        assertThat(rounds.stream().mapToDouble(Iteration::durationSeconds).min().orElseThrow())
                .isLessThan(0.052);
    }

    @Test
    void withAWriteQuantumEveryRoundIsAWholeNumberOfChunkedBursts() {
        double c = 8e6; // 19.5 ms a chunk: a burst is 3 chunks, 58.5 ms
        double burst = new QemuBurst(c).bytes(BPS) / BPS;
        assertThat(burst).isCloseTo(3 * c / BPS, within(1e-12));
        Prediction p = Simulator.simulate(
                hot(),
                DataRate.ofBytesPerSecond(BPS),
                LIMIT,
                SimConfig.defaults().withTimeLimitSeconds(3).withQemuBurst(new QemuBurst(c)));
        List<Iteration> rounds = liveAfterFirst(p);
        assertThat(rounds).hasSizeGreaterThan(5);
        double check = 64 * PAGE / BPS + 18 / BPS; // a burst stops at the next 64-page check, plus its end marker
        for (Iteration i : rounds) {
            double k = Math.floor(i.durationSeconds() / burst);
            assertThat(k)
                    .as("round %d: %.4f s", i.number(), i.durationSeconds())
                    .isGreaterThanOrEqualTo(1);
            assertThat(i.durationSeconds() - k * burst).isLessThanOrEqualTo(k * check + 1e-9);
        }
    }

    @Test
    void theStopAndCopyClockStopsWithHalfAChunkStillInTheSocket() {
        // nothing dirtied: the migration converges after its first pass; what is left goes paused
        Trace idle = Trace.ofPages(
                "idle", new TraceHeader(4096, 4096, 0.1), List.of(new RoaringBitmap(), new RoaringBitmap()));
        double bps = 1000 * PAGE, c = 100 * PAGE;
        Prediction p = Simulator.simulate(
                idle,
                DataRate.ofBytesPerSecond(bps),
                Qemu.defaults(),
                SimConfig.defaults().withQemuBurst(new QemuBurst(c)));
        double onTheWire = (p.downtimePages() * PAGE + 18) / bps;
        assertThat(p.downtimePages()).isPositive();
        assertThat(p.downtimeSeconds()).isCloseTo(Math.max(0, onTheWire - c / 2 / bps), within(1e-9));
    }
}
