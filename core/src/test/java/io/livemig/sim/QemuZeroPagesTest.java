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
}
