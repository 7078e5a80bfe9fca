package io.livemig.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.policy.Qemu;
import io.livemig.policy.QemuBurst;
import io.livemig.policy.WireCost;
import io.livemig.profile.CurveDirtyProfile;
import io.livemig.profile.MemoryComposition;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Laws of the QEMU-accurate model on concave D(T) (the shape real and synthetic traces have). The model sends in
 * whole bursts (50 ms, a multiple of 64 pages), so a faster rate can end a round up to one burst later than the
 * fluid law allows: "more rate, never more traffic" holds up to one burst of the faster rate per round, and that
 * bound, not a percentage, is what the law asserts. Migration time has the same granularity: one burst per round.
 */
class QemuAccurateModelProperties {
    static final double MEMORY = 131072;

    @Provide
    Arbitrary<Vm> vm() {
        return Arbitraries.doubles()
                .between(50, 6000)
                .flatMap(first -> Arbitraries.doubles()
                        .between(0.3, 0.98)
                        .flatMap(decay -> Arbitraries.doubles().between(0.1, 1).map(nonZero -> {
                            double[] p = new double[100];
                            double inc = first;
                            p[0] = first;
                            for (int i = 1; i < p.length; i++) {
                                inc *= decay;
                                p[i] = Math.min(MEMORY * 0.5, p[i - 1] + inc);
                            }
                            CurveDirtyProfile d =
                                    new CurveDirtyProfile(0.1, p, Math.min(MEMORY * 0.6, p[99] * 1.5 + 1), 4096);
                            return new Vm(
                                    "vm",
                                    DataSize.ofBytes((long) MEMORY * 4096),
                                    d,
                                    MemoryComposition.ofNonZeroFraction(nonZero));
                        })));
    }

    @Property(tries = 1000)
    void moreRateNeverMoreTrafficNorLessConvergence(
            @ForAll("vm") Vm vm,
            @ForAll @DoubleRange(min = 5, max = 2000) double mbps,
            @ForAll @DoubleRange(min = 1.05, max = 4) double factor) {
        QemuAccurateModel m = new QemuAccurateModel();
        Prediction slow = m.predict(vm, DataRate.ofMBps(mbps), Qemu.defaults());
        Prediction fast = m.predict(vm, DataRate.ofMBps(mbps * factor), Qemu.defaults());
        if (slow.converged()) {
            assertThat(fast.converged())
                    .as("converges at %s but not at %s", slow.rate(), fast.rate())
                    .isTrue();
            WireCost wire = WireCost.of(Qemu.defaults(), vm.pageSizeBytes());
            double burstPages =
                    QemuBurst.none().pages(wire.normalPageBytes(), fast.rate().bytesPerSecond());
            int rounds = fast.iterations().size();
            double slackBytes = rounds * burstPages * wire.normalPageBytes();
            assertThat(fast.wireTrafficBytes()).isLessThanOrEqualTo(slow.wireTrafficBytes() + slackBytes);
            assertThat(fast.migrationSeconds())
                    .isLessThanOrEqualTo(slow.migrationSeconds() + rounds * QemuBurst.MIN_BURST_SECONDS);
        }
    }

    @Property(tries = 500)
    void zeroPagesNeverCostMore(@ForAll("vm") Vm vm, @ForAll @DoubleRange(min = 5, max = 2000) double mbps) {
        QemuAccurateModel m = new QemuAccurateModel();
        Prediction some = m.predict(vm, DataRate.ofMBps(mbps), Qemu.defaults());
        Prediction none =
                m.predict(vm.withComposition(MemoryComposition.allNonZero()), DataRate.ofMBps(mbps), Qemu.defaults());
        if (none.converged()) {
            assertThat(some.converged()).isTrue();
            assertThat(some.wireTrafficBytes()).isLessThanOrEqualTo(none.wireTrafficBytes() * 1.01);
        }
    }

    @Property(tries = 200)
    void neverNaNAndAlwaysAVerdict(@ForAll("vm") Vm vm, @ForAll @DoubleRange(min = 0.5, max = 5000) double mbps) {
        Prediction p = new QemuAccurateModel().predict(vm, DataRate.ofMBps(mbps), Qemu.defaults());
        assertThat(Double.isNaN(p.migrationSeconds())).isFalse();
        assertThat(Double.isFinite(p.downtimeSeconds())).isTrue();
        assertThat(p.converged() == Double.isFinite(p.precopySeconds())).isTrue();
    }

    /**
     * QEMU's burst check compares whole milliseconds with {@code > 50}: a round after the first pass lasts at least
     * 51 ms, unless it sent everything that was pending sooner; with a write quantum, at least one chunked burst.
     */
    @Property(tries = 300)
    void noRoundAfterTheFirstIsShorterThanOneBurst(
            @ForAll("vm") Vm vm,
            @ForAll @DoubleRange(min = 5, max = 2000) double mbps,
            @ForAll @DoubleRange(min = 0, max = 8e6) double quantum) {
        QemuBurst burst = new QemuBurst(quantum);
        vm = vm.withComposition(MemoryComposition.allNonZero()); // zero pages left from the first pass go faster
        DataRate rate = DataRate.ofMBps(mbps);
        double bps = rate.bytesPerSecond();
        WireCost wire = WireCost.of(Qemu.defaults(), vm.pageSizeBytes());
        double shortest = burst.quantised() ? burst.bytes(bps) / bps : QemuBurst.MIN_BURST_SECONDS;
        Prediction p = new QemuAccurateModel(burst).predict(vm, rate, Qemu.defaults());
        p.iterations().stream()
                .filter(i -> !i.stopAndCopy())
                .skip(1)
                .forEach(i -> assertThat(i.durationSeconds())
                        .as("round %d sent %.0f pages", i.number(), i.sentPages())
                        .isGreaterThanOrEqualTo(
                                Math.min(shortest, i.sentPages() * wire.normalPageBytes() / bps) - 1e-9));
    }

    /** The stop-and-copy's clock stops with half a chunk still in the socket: downtime falls by C/2 / rate at most. */
    @Property(tries = 200)
    void aWriteQuantumNeverLengthensTheDowntimeOfTheSamePending(
            @ForAll("vm") Vm vm, @ForAll @DoubleRange(min = 5, max = 2000) double mbps) {
        DataRate rate = DataRate.ofMBps(mbps);
        vm = vm.withComposition(MemoryComposition.allNonZero()); // every page pending at the end costs 4104 B
        QemuBurst burst = new QemuBurst(1_445_888);
        Prediction p = new QemuAccurateModel(burst).predict(vm, rate, Qemu.defaults());
        if (!p.converged()) return;
        WireCost wire = WireCost.of(Qemu.defaults(), vm.pageSizeBytes());
        double onTheWire = (p.downtimePages() * wire.normalPageBytes() + wire.perBatchBytes()) / rate.bytesPerSecond();
        assertThat(p.downtimeSeconds()).isLessThanOrEqualTo(onTheWire + 1e-9);
        assertThat(p.downtimeSeconds())
                .isGreaterThanOrEqualTo(onTheWire - burst.queuedAtEndBytes() / rate.bytesPerSecond() - 1e-9);
    }
}
