package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.model.Prediction;
import io.livemig.policy.Qemu;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceHeader;
import io.livemig.units.DataRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * QEMU sends by address with a cursor (docs/qemu-lab.md, "What the rounds show"): the same 200 hot pages, dirtied in
 * every 100 ms unit of a 1000-page guest sent at 1000 pages a second, cost the second round more when they sit at
 * the bottom of memory (sent first, dirtied again behind the cursor, all counted by the first sync) than at the top
 * (sent last: the ones still pending at the first sync are not counted again), as the lab's guest has them.
 */
class QemuEngineCursorTest {
    static Prediction run(long firstHot) {
        RoaringBitmap hot = new RoaringBitmap();
        hot.add(firstHot, firstHot + 200);
        List<RoaringBitmap> units = new ArrayList<>();
        for (int k = 0; k < 10; k++) units.add(hot.clone());
        Trace t = Trace.ofPages("hot@" + firstHot, new TraceHeader(4096, 1000, 0.1), units);
        return Simulator.simulate(
                t,
                DataRate.ofBytesPerSecond(1000 * 4104.0),
                Qemu.defaults().withDowntimeLimit(Duration.ofMillis(100)),
                SimConfig.defaults().withTimeLimitSeconds(20));
    }

    @Test
    void pagesDirtiedBehindTheCursorWaitForTheNextSweep() {
        Prediction bottom = run(0), top = run(800);
        // the first pass runs until fewer than θ ≈ 100 pages are pending: 910 pages, the same in both
        assertThat(bottom.iterations().get(0).sentPages()).isEqualTo(910);
        assertThat(top.iterations().get(0).sentPages()).isEqualTo(910);
        // bottom: the sync adds all 200 hot pages to the 90 pending, 290; round 2 sends 3 bursts of 65 to get below θ.
        // top: 90 of the hot pages are still pending at the sync and are not counted again, 200; 2 bursts
        assertThat(bottom.iterations().get(1).sentPages()).isEqualTo(195);
        assertThat(top.iterations().get(1).sentPages()).isEqualTo(130);
    }
}
