package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.TraceFormatException;
import io.livemig.policy.Qemu;
import io.livemig.policy.XenLegacy;
import io.livemig.sim.SimConfig;
import io.livemig.sim.Simulator;
import io.livemig.units.DataRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** A trace streamed from its file: what it reports, what it refuses, and that a replay gets what loading gives. */
class TraceFileTest {
    @TempDir
    Path dir;

    @Test
    void aCsvWithoutMemorySizeGetsItsLargestPagePlusOneAsWhenLoaded() throws IOException {
        Path csv = dir.resolve("bare.csv");
        Files.writeString(csv, "unit,page\n0,5\n0,7\n1,9\n3,2\n");
        TraceFile f = TraceFile.of(csv);
        Trace loaded = Trace.read().csv(csv);
        assertThat(f.memoryPages()).isEqualTo(10).isEqualTo(loaded.memoryPages());
        assertThat(f.unitCount()).isEqualTo(loaded.unitCount()).isEqualTo(4);
        assertThat(f.events()).isEqualTo(loaded.events()).isEqualTo(4);
        assertThat(f.name()).isEqualTo(loaded.name()).isEqualTo("bare");
        DataRate r = DataRate.ofBytesPerSecond(4096 * 20);
        assertThat(Simulator.simulate(f, r, Qemu.defaults(), SimConfig.defaults()))
                .isEqualTo(Simulator.simulate(loaded, r, Qemu.defaults(), SimConfig.defaults()));
    }

    @Test
    void aDamagedFrameFailsWhenTheFileIsOpenedNotDuringTheReplay() throws IOException {
        Path lmt = dir.resolve("long.lmt");
        List<RoaringBitmap> units = java.util.Collections.nCopies(50, RoaringBitmap.bitmapOf(1, 2, 3));
        Trace.ofPages("long", TraceHeader.of(1024), units).write(TraceFormat.LMT, lmt);
        byte[] bytes = Files.readAllBytes(lmt);
        Path cut = dir.resolve("cut.lmt");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 5)); // the last frame is short
        assertThatThrownBy(() -> TraceFile.of(cut))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("cut.lmt");
    }

    @Test
    void aCountsOnlyTraceCannotBeReplayed() throws IOException {
        Path counts = dir.resolve("c.counts.csv");
        Files.writeString(counts, "unit,dirtied\n0,5\n1,7\n");
        TraceFile f = TraceFile.of(counts);
        assertThat(f.hasPages()).isFalse();
        assertThatThrownBy(() -> Simulator.simulate(f, DataRate.ofMBps(50), XenLegacy.xen4_x(), SimConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs page numbers");
    }

    @Test
    void aMigrationLongerThanTheTraceReadsTheFileAgainFromItsStart() {
        // 3 units of 100 ms, one pass of 2048 pages at 1000 pages/s: the replay loops the trace about 7 times
        Path lmt = dir.resolve("short.lmt");
        RoaringBitmap hot = new RoaringBitmap();
        hot.add(0L, 300L);
        Trace t = Trace.ofPages("short", TraceHeader.of(2048), List.of(hot, new RoaringBitmap(), hot));
        t.write(TraceFormat.LMT, lmt);
        DataRate r = DataRate.ofBytesPerSecond(4104.0 * 1000);
        SimConfig c = SimConfig.defaults().withSeed(5);
        assertThat(Simulator.simulate(TraceFile.of(lmt), r, XenLegacy.xen4_x(), c))
                .isEqualTo(Simulator.simulate(t, r, XenLegacy.xen4_x(), c));
    }
}
