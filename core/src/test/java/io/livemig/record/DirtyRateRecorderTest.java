package io.livemig.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.livemig.LivemigException;
import io.livemig.qmp.FakeQmpServer;
import io.livemig.qmp.QmpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder against a fake QEMU: the windows it asks for, the curve it builds, and every refusal. */
class DirtyRateRecorderTest {
    @TempDir
    Path dir;

    private static final List<Duration> WINDOWS =
            List.of(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200));

    private DirtyRateRecorder.Settings settings() {
        return DirtyRateRecorder.Settings.defaults().withWindows(WINDOWS);
    }

    private DirtyCurve record(FakeQemu q, DirtyRateRecorder.Settings s) throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), q.script());
                var qmp = QmpClient.connect(server.socket())) {
            return new DirtyRateRecorder(qmp).record(s, null, () -> false);
        }
    }

    @Test
    void measuresEachWindowInMillisecondsAndBuildsTheCurve() throws Exception {
        FakeQemu q = new FakeQemu();
        q.rateForWindowMs = ms -> ms == 50 ? 80 : ms == 100 ? 60 : 40; // MiB/s: D = 4, 6, 8 MiB
        DirtyCurve c = record(q, settings().withRepeats(2));
        assertThat(q.calcRequests()).hasSize(6);
        assertThat(q.calcRequests().get(0).getAsJsonObject("arguments").toString())
                .isEqualTo(
                        "{\"calc-time\":50,\"calc-time-unit\":\"millisecond\",\"mode\":\"page-sampling\",\"sample-pages\":4096}");
        assertThat(c.name()).isEqualTo("fake");
        assertThat(c.partial()).isFalse();
        assertThat(c.memoryBytes()).isEqualTo(512L << 20);
        assertThat(c.source()).isEqualTo(new DirtyCurve.Source("10.0.2", "page-sampling", 4096, "millisecond"));
        assertThat(c.points()).extracting(DirtyCurve.Point::windowSeconds).containsExactly(0.05, 0.1, 0.2);
        // 1 MiB = 256 pages of 4 KiB
        assertThat(c.points())
                .extracting(DirtyCurve.Point::dirtiedPages)
                .containsExactly(4 * 256.0, 6 * 256.0, 8 * 256.0);
        assertThat(c.points().get(0).samples()).hasSize(2);
        // 4096 samples per GiB of a 512 MiB guest: 2048 samples, one stands for 0.25 MiB = 64 pages (> 1 MiB/s × 50 ms
        // = 12.8 pages)
        assertThat(c.points().get(0).resolutionPages()).isCloseTo(64, within(1e-9));
        for (DirtyCurve.Point p : c.points()) {
            assertThat(p.lowerPages()).isLessThan(p.dirtiedPages());
            assertThat(p.upperPages()).isGreaterThan(p.dirtiedPages());
        }
        // the profile hits the measured points on its 50 ms grid
        var prof = c.profile();
        assertThat(prof.unitSeconds()).isEqualTo(0.05);
        assertThat(prof.dirtiedPages(0.1)).isCloseTo(6 * 256.0, within(1e-6));
        assertThat(prof.dirtiedPages(0.15)).isCloseTo(7 * 256.0, within(1e-6));
        assertThat(c.profile(DirtyCurve.Bound.LOWER).dirtiedPages(0.2)).isLessThan(prof.dirtiedPages(0.2));
        assertThat(c.profile(DirtyCurve.Bound.UPPER).dirtiedPages(0.2)).isGreaterThan(prof.dirtiedPages(0.2));
    }

    @Test
    void qemuBefore8_2MeasuresWholeSecondsAndSaysSo() throws Exception {
        FakeQemu q = new FakeQemu();
        q.major = 7;
        q.minor = 2;
        q.micro = 0;
        DirtyCurve c = record(q, settings().withWindows(List.of(Duration.ofMillis(500), Duration.ofSeconds(1))));
        assertThat(q.calcRequests())
                .singleElement()
                .extracting(r -> r.getAsJsonObject("arguments").toString())
                .isEqualTo("{\"calc-time\":1,\"mode\":\"page-sampling\",\"sample-pages\":4096}");
        assertThat(c.source().timeUnit()).isEqualTo("second");
        assertThat(c.notes())
                .anySatisfy(n -> assertThat(n)
                        .contains("QEMU 7.2.0 measures whole seconds only")
                        .contains("500 ms not measured"));
        assertThat(c.points()).extracting(DirtyCurve.Point::windowSeconds).containsExactly(1.0);
    }

    @Test
    void underKvmTheBitmapCountsEveryPageAndARefusalFallsBackToSampling() throws Exception {
        FakeQemu kvm = new FakeQemu();
        kvm.kvm = true;
        DirtyCurve c = record(kvm, settings());
        assertThat(c.source().mode()).isEqualTo("dirty-bitmap");
        assertThat(c.source().samplePagesPerGiB()).isZero();
        assertThat(kvm.calcRequests())
                .allSatisfy(r -> assertThat(r.getAsJsonObject("arguments").has("sample-pages"))
                        .isFalse());

        FakeQemu refusing = new FakeQemu();
        refusing.kvm = true;
        refusing.refuseMode = "dirty-bitmap";
        DirtyCurve d = record(refusing, settings());
        assertThat(d.source().mode()).isEqualTo("page-sampling");
        assertThat(d.points()).hasSize(3);
        assertThat(d.notes())
                .anySatisfy(
                        n -> assertThat(n).startsWith("mode dirty-bitmap refused (mode dirty-bitmap is not enabled"));

        // a mode the user asked for is not replaced
        FakeQemu asked = new FakeQemu();
        asked.refuseMode = "dirty-ring";
        assertThatThrownBy(() -> record(asked, settings().withMode("dirty-ring")))
                .hasMessageStartingWith("window 50 ms: QEMU 10.0.2 refused calc-dirty-rate")
                .hasMessageContaining("mode dirty-ring is not enabled");
    }

    @Test
    void qemuWithoutCalcDirtyRateIsTooOld() throws Exception {
        FakeQemu q = new FakeQemu();
        q.major = 5;
        q.minor = 1;
        q.micro = 0;
        q.hasCalcDirtyRate = false;
        assertThatThrownBy(() -> record(q, settings()))
                .isInstanceOf(LivemigException.class)
                .hasMessageContaining("QEMU 5.1.0 has no calc-dirty-rate (added in QEMU 5.2)");
    }

    @Test
    void aPausedVmIsRefused() throws Exception {
        FakeQemu q = new FakeQemu();
        q.status = "paused";
        assertThatThrownBy(() -> record(q, settings()))
                .hasMessageContaining("the VM is not running (query-status: 'paused')")
                .hasMessageContaining("resume it (QMP 'cont')");
        assertThat(q.calcRequests()).isEmpty();
    }

    @Test
    void aMigratingVmIsRefused() throws Exception {
        FakeQemu q = new FakeQemu();
        q.migrateStatus = "active";
        assertThatThrownBy(() -> record(q, settings()))
                .hasMessageContaining("a migration is in progress (query-migrate: 'active')");
        assertThat(q.calcRequests()).isEmpty();
    }

    @Test
    void aSecondMeasurementWhileOneRunsIsRefused() throws Exception {
        FakeQemu q = new FakeQemu();
        q.measuring = true;
        assertThatThrownBy(() -> record(q, settings()))
                .hasMessageContaining("a dirty-rate measurement is already running on this VM");
        assertThat(q.calcRequests()).isEmpty();
    }

    @Test
    void aMeasurementStartedByOthersBetweenTheCheckAndTheCommandIsRefusedToo() throws Exception {
        FakeQemu q = new FakeQemu();
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), q.script());
                var qmp = QmpClient.connect(server.socket())) {
            var rec = new DirtyRateRecorder(qmp);
            rec.checkReady();
            q.measuring = true; // someone else's calc-dirty-rate lands now
            assertThatThrownBy(() -> rec.record(settings(), null, () -> false)).hasMessageContaining("already running");
        }
    }

    @Test
    void aWindowQemuRefusesIsNamed() throws Exception {
        FakeQemu q = new FakeQemu();
        q.refuseWindowMs = 200;
        assertThatThrownBy(() -> record(q, settings()))
                .hasMessageStartingWith("window 200 ms: QEMU 10.0.2 refused calc-dirty-rate")
                .hasMessageContaining("Calculation time is out of range");
    }

    @Test
    void aWindowOutsideQemusRangeIsRefusedBeforeMeasuring() throws Exception {
        FakeQemu q = new FakeQemu();
        assertThatThrownBy(() -> record(q, settings().withWindows(List.of(Duration.ofMillis(20)))))
                .hasMessage("window 20 ms: QEMU 10.0.2 accepts 50 ms to 60 s");
        assertThat(q.calcRequests()).isEmpty();
    }

    @Test
    void aStopKeepsTheWindowsMeasuredAndMarksTheCurvePartial() throws Exception {
        FakeQemu q = new FakeQemu();
        AtomicInteger done = new AtomicInteger();
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), q.script());
                var qmp = QmpClient.connect(server.socket())) {
            DirtyCurve c = new DirtyRateRecorder(qmp)
                    .record(
                            settings(),
                            new DirtyRateRecorder.Listener() {
                                @Override
                                public void progress(DirtyRateRecorder.Progress p) {
                                    done.set(p.windowsDone());
                                }
                            },
                            () -> done.get() >= 2);
            assertThat(c.partial()).isTrue();
            assertThat(c.points()).extracting(DirtyCurve.Point::windowSeconds).containsExactly(0.05, 0.1);
            assertThat(c.notes())
                    .anySatisfy(n -> assertThat(n).startsWith("partial: interrupted after 2 of 3 windows"));
        }
    }

    @Test
    void aStopBeforeTheFirstWindowEndsIsAnErrorNotAnEmptyCurve() throws Exception {
        FakeQemu q = new FakeQemu();
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), q.script());
                var qmp = QmpClient.connect(server.socket())) {
            assertThatThrownBy(() -> new DirtyRateRecorder(qmp).record(settings(), null, () -> true))
                    .hasMessageContaining("interrupted before the first window (50 ms) finished; nothing to write");
        }
    }
}
