package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.model.Prediction;
import io.livemig.model.StopReason;
import io.livemig.policy.Qemu;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceHeader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** The simulator's QEMU engine with the zero pages a trace's header implies, and its bytes on the wire. */
class QemuZeroPagesTest {
    static final double BPS = 4_104_000; // 1000 normal pages a second

    static Trace hot(long nonZero) {
        List<RoaringBitmap> l = new ArrayList<>();
        for (int k = 0; k < 20; k++) l.add(RoaringBitmap.bitmapOf(1, 2, 3));
        Trace t = Trace.ofPages("hot", new TraceHeader(4096, 1024, 0.1), l);
        return nonZero < 0 ? t : t.withNonZeroPages(nonZero);
    }

    @Test
    void zeroPagesAreTakenAmongPagesTheTraceNeverWritesEvenlySpread() {
        long[] z = QemuEngine.zeroSet(hot(24));
        assertThat(io.livemig.sim.Bits.count(z)).isEqualTo(1000);
        assertThat(io.livemig.sim.Bits.get(z, 1)).isFalse();
        // asking for fewer non-zero pages than the trace writes leaves those it writes non-zero
        assertThat(io.livemig.sim.Bits.count(QemuEngine.zeroSet(hot(0)))).isEqualTo(1021);
    }

    @Test
    void wireBytesCountHeadersAndNineByteZeroPages() {
        Prediction all = Simulator.simulate(hot(-1), io.livemig.units.DataRate.ofBytesPerSecond(BPS), Qemu.defaults());
        Prediction half =
                Simulator.simulate(hot(512), io.livemig.units.DataRate.ofBytesPerSecond(BPS), Qemu.defaults());
        assertThat(all.stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(half.stopReason()).isEqualTo(StopReason.CONVERGED);
        // every page once with its 8 B header, the 3 hot pages a few times more, 18 B per burst
        double pages = all.precopyPages() + all.downtimePages();
        assertThat(all.wireTrafficBytes()).isBetween(pages * 4104, pages * 4104 + 18 * 30);
        // 512 zero pages: 512 × 9 B instead of 512 × 4104 B
        double halfPages = half.precopyPages() + half.downtimePages();
        assertThat(half.wireTrafficBytes())
                .isBetween((halfPages - 512) * 4104 + 512 * 9, (halfPages - 512) * 4104 + 512 * 9 + 18 * 30);
        assertThat(half.migrationSeconds()).isLessThan(all.migrationSeconds() * 0.6);
    }

    @Test
    void aMeasuredMapPlacesTheZeroPagesAndThePagesTheTraceWritesStayNonZero() {
        RoaringBitmap measured = new RoaringBitmap();
        measured.add(1000L, 1024L); // the top 24 pages, and one past the end of memory, ignored
        measured.add(5000);
        long[] z = QemuEngine.mappedZeroSet(Replay.of(hot(24)), measured);
        assertThat(Bits.count(z)).isEqualTo(1024 - 24 - 3);
        assertThat(Bits.get(z, 2)).as("a page the trace writes").isFalse();
        assertThat(Bits.get(z, 999)).isTrue();
        assertThat(Bits.get(z, 1000)).isFalse();
    }

    /**
     * QEMU syncs as soon as fewer than the threshold's pages are left, so the end of its first pass is what the
     * stop-and-copy sends when nothing else is dirty: a guest whose non-zero pages lie at the top of memory has a
     * longer downtime than one whose lie at the bottom, with the same number of them (docs/qemu-lab.md).
     */
    /** A config is a value: changing the bitmap it was given, or the one it hands out, changes nothing in it. */
    @Test
    void aConfigKeepsItsOwnCopyOfTheMap() {
        RoaringBitmap given = RoaringBitmap.bitmapOf(1, 2, 3);
        SimConfig config = SimConfig.defaults().withNonZeroMap(given);
        given.add(4);
        config.nonZeroMap().add(5);
        assertThat(config.nonZeroMap().toArray()).containsExactly(1, 2, 3);
        assertThat(config.withSeed(9).nonZeroMap()).isEqualTo(RoaringBitmap.bitmapOf(1, 2, 3));
        assertThat(SimConfig.defaults().nonZeroMap()).isNull();
    }

    @Test
    void nonZeroPagesAtTheTopOfMemoryLengthenTheDowntimeOfAOneRoundMigration() {
        List<RoaringBitmap> idle = new ArrayList<>();
        for (int k = 0; k < 20; k++) idle.add(new RoaringBitmap());
        Trace quiet = Trace.ofPages("idle", new TraceHeader(4096, 8192, 0.1), idle);
        // 2048 non-zero pages either way; half of them first, so that QEMU's first 100 ms window sets a threshold
        RoaringBitmap top = new RoaringBitmap(), bottom = new RoaringBitmap();
        top.add(0L, 1024L);
        top.add(8192L - 1024, 8192L);
        bottom.add(0L, 2048L);
        io.livemig.units.DataRate rate = io.livemig.units.DataRate.ofBytesPerSecond(BPS * 10);
        Qemu policy = Qemu.defaults().withDowntimeLimit(java.time.Duration.ofMillis(300));
        Prediction atTop =
                Simulator.simulate(quiet, rate, policy, SimConfig.defaults().withNonZeroMap(top));
        Prediction atBottom =
                Simulator.simulate(quiet, rate, policy, SimConfig.defaults().withNonZeroMap(bottom));
        assertThat(atTop.stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(atBottom.stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(atTop.downtimePages()).isPositive();
        assertThat(atTop.downtimeSeconds()).isGreaterThan(atBottom.downtimeSeconds() + 0.02);
        // the same pages cross the wire either way
        assertThat(atTop.wireTrafficBytes())
                .isCloseTo(atBottom.wireTrafficBytes(), org.assertj.core.data.Offset.offset(100.0));
    }
}
