package io.livemig.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livemig.policy.Qemu;
import io.livemig.policy.QemuBurst;
import io.livemig.profile.CurveDirtyProfile;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.MemoryComposition;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed runs of the QEMU loop. 1024 pages at 4 104 000 B/s (1000 normal pages a second with their headers),
 * 300 ms limit: θ = 1 231 200 B, i.e. 300.59 pages of payload; a burst of normal pages is 65 pages (the first multiple
 * of 64, plus one, at or past 51 ms: QEMU's check compares whole milliseconds with {@code > 50}).
 */
class QemuPrecopyTest {
    static final double BPS = 4_104_000;
    static final DataRate RATE = DataRate.ofBytesPerSecond(BPS);
    static final Qemu QEMU = Qemu.defaults();

    /** A VM that dirties (almost) nothing. */
    static Vm idle(MemoryComposition c) {
        return new Vm("idle", DataSize.ofBytes(1024 * 4096), LinearDirtyProfile.paper(1e-6, new double[] {0}, 10), c);
    }

    @Test
    void burstsAreSixtyFivePagesAtAThousandPagesPerSecond() {
        assertThat(QemuBurst.none().pages(4104, BPS)).isEqualTo(65);
        // 100 000 pages a second: 5100 pages take 51 ms, the check after the 5121st is the first to see them
        assertThat(QemuBurst.none().pages(4104, BPS * 100)).isEqualTo(64 * 80 + 1);
    }

    @Test
    void idleVmSyncsOnceBelowTheThresholdAndSwitchesOver() {
        Prediction p = new QemuAccurateModel().predict(idle(MemoryComposition.allNonZero()), RATE, QEMU);
        // 12 bursts of 65 take pending from 1024 to 244 < 300.59; the sync adds nothing; 244 pages go paused
        double burst = (65 * 4104 + 18) / BPS;
        assertThat(p.stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(p.iterationCount()).isEqualTo(1);
        assertThat(p.precopySeconds()).isCloseTo(12 * burst, within(1e-9));
        assertThat(p.downtimePages()).isCloseTo(244, within(1e-3));
        assertThat(p.downtimeSeconds()).isCloseTo((244 * 4104 + 18) / BPS, within(1e-6));
        assertThat(p.wireTrafficBytes()).isCloseTo(1024 * 4104 + 13 * 18, within(5.0));
    }

    @Test
    void zeroPagesCostNineBytesAndMakeBurstsLonger() {
        // half the pages are zero: mean cost 2056.5 B, a burst is 129 pages; 6 bursts leave 250 < 300.59 pending,
        // 125 of them zero
        Prediction p = new QemuAccurateModel().predict(idle(MemoryComposition.ofNonZeroFraction(0.5)), RATE, QEMU);
        double burst = (129 * 2056.5 + 18) / BPS;
        assertThat(p.precopySeconds()).isCloseTo(6 * burst, within(1e-9));
        assertThat(p.downtimeSeconds()).isCloseTo((125 * 4104 + 125 * 9 + 18) / BPS, within(1e-6));
        assertThat(p.wireTrafficBytes()).isCloseTo(512 * 4104 + 512 * 9 + 7 * 18, within(5.0));
        // the paper's model counts 4 KiB for every page
        Prediction paper = ProposedModel.defaults().predict(idle(MemoryComposition.ofNonZeroFraction(0.5)), RATE, QEMU);
        assertThat(paper.wireTrafficBytes()).isGreaterThan(1.9 * p.wireTrafficBytes());
    }

    @Test
    void zeroPagesAreNeverPagesTheVmWrites() {
        // M_w = 10 pages: asking for 1020 zero pages leaves 1014, the pages the VM never writes
        Vm vm = idle(MemoryComposition.ofNonZeroPages(4));
        Prediction p = new QemuAccurateModel().predict(vm, RATE, QEMU);
        Prediction ten = new QemuAccurateModel().predict(idle(MemoryComposition.ofNonZeroPages(10)), RATE, QEMU);
        assertThat(p.wireTrafficBytes()).isEqualTo(ten.wireTrafficBytes());
    }

    @Test
    void aVmDirtyingFasterThanTheLinkDoesNotConverge() {
        // 500 new pages per 100 ms against 1000 pages a second: every round dirties more than it sends
        Vm busy = Vm.of(
                "busy",
                DataSize.ofBytes(1024 * 4096),
                new CurveDirtyProfile(0.1, new double[] {500, 1000}, 1000, 4096));
        Prediction p = new QemuAccurateModel().predict(busy, RATE, QEMU);
        assertThat(p.stopReason()).isEqualTo(StopReason.DOES_NOT_CONVERGE);
        assertThat(p.precopySeconds()).isInfinite();
        assertThat(Double.isFinite(p.downtimeSeconds())).isTrue();
        assertThat(p.stopDetail())
                .startsWith("does not converge: each")
                .contains("stay pending against a threshold of 1.2 MiB");
        assertThat(p.wireTrafficBytes()).isInfinite();
    }

    @Test
    void pagesDirtiedWhilePendingAreNotCountedTwice() {
        // 60 hot pages: the first pass leaves 244 pages pending after 0.78 s; of the 60 dirtied, those among the 244
        // still pending (244/1024 of them) are not added again: 244 + 60·(1 − 244/1024) = 289.7 < 300.59 converges
        Vm hot = Vm.of(
                "hot", DataSize.ofBytes(1024 * 4096), new CurveDirtyProfile(0.1, new double[] {60, 60, 60}, 60, 4096));
        Prediction p = new QemuAccurateModel().predict(hot, RATE, QEMU);
        assertThat(p.stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(p.downtimePages()).isCloseTo(244 + 60 * (1 - 244 / 1024.0), within(1e-6));
    }

    @Test
    void phasedDirtyingOfAUnitIsLinearWithinIt() {
        CurveDirtyProfile d = new CurveDirtyProfile(0.1, new double[] {100, 150, 180}, 1000, 4096);
        // an interval of half a unit: with probability 1/2 it stays inside one unit (50 pages), else it spans two
        // thinned units whose shared pages (2·100 − 150 = 50) count once: 50 − E[αβ]·50 over the straddling phases
        double v = QemuPrecopy.phased(d, 0.05);
        assertThat(v).isLessThan(50).isGreaterThan(50 - 50 * 0.25);
        assertThat(QemuPrecopy.phased(d, 10)).isEqualTo(d.dirtiedPages(10)); // long intervals: phase no longer matters
    }

    /** A time line that only looks at the length of an interval is the stationary model, exactly. */
    @Test
    void aStationaryTimeLineGivesTheSameRunAsTheProfile() {
        CurveDirtyProfile d = new CurveDirtyProfile(0.1, new double[] {40, 70, 90, 100, 105}, 300, 4096);
        Vm vm = new Vm("c", DataSize.ofBytes(1024 * 4096), d, MemoryComposition.ofNonZeroPages(600));
        for (QemuBurst b : new QemuBurst[] {QemuBurst.none(), new QemuBurst(64 * 4104)}) {
            QemuAccurateModel m = new QemuAccurateModel(b);
            Prediction plain = m.predict(vm, RATE, QEMU);
            Prediction timed = m.predict(
                    vm, RATE, QEMU, (from, to) -> from == 0 ? d.dirtiedPages(to) : QemuPrecopy.phased(d, to - from));
            assertThat(timed.iterations()).isEqualTo(plain.iterations());
            assertThat(timed.downtimeSeconds()).isEqualTo(plain.downtimeSeconds());
            assertThat(timed.wireTrafficBytes()).isEqualTo(plain.wireTrafficBytes());
        }
    }

    /** A workload that stops dirtying once the migration began converges after its first pass, whatever D(T) says. */
    @Test
    void aTimeLineThatGoesQuietConvergesWhereTheStationaryProfileDoesNot() {
        CurveDirtyProfile d = new CurveDirtyProfile(0.1, new double[] {900, 1000}, 1000, 4096);
        Vm vm = new Vm("busy", DataSize.ofBytes(1024 * 4096), d, MemoryComposition.allNonZero());
        QemuAccurateModel m = new QemuAccurateModel();
        assertThat(m.predict(vm, RATE, QEMU).converged()).isFalse();
        Prediction quiet = m.predict(vm, RATE, QEMU, (from, to) -> 0);
        assertThat(quiet.converged()).isTrue();
        assertThat(quiet.iterationCount()).isEqualTo(1);
    }
}
