package io.livemig.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.livemig.policy.Qemu;
import io.livemig.profile.CurveDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataSize;
import org.junit.jupiter.api.Test;

/**
 * QEMU's address cursor in the fluid model ({@link WorkingSetPlacement}; docs/qemu-lab.md, "Send order"), on the run
 * of {@code QemuPrecopyTest.pagesDirtiedWhilePendingAreNotCountedTwice}: 1024 pages, 60 hot ones, a first pass that
 * leaves 244 pages pending when it syncs. Ranges of one page each, so the cursor's position is exact.
 */
class QemuCursorPlacementTest {
    static final Vm HOT = Vm.of(
            "hot", DataSize.ofBytes(1024 * 4096), new CurveDirtyProfile(0.1, new double[] {60, 60, 60}, 60, 4096));

    static Prediction run(WorkingSetPlacement placement) {
        return new QemuAccurateModel(io.livemig.policy.QemuBurst.none(), placement)
                .predict(HOT, QemuPrecopyTest.RATE, Qemu.defaults());
    }

    @Test
    void aWorkingSetAtTheTopIsStillPendingWhenTheFirstPassSyncs() {
        // the cursor reaches the top last: the 244 pages left are the top of memory, the 60 hot pages among them, so
        // the sync adds none of them and 244 pages switch over
        Prediction top = run(WorkingSetPlacement.top(60 / 1024.0, 1024));
        assertThat(top.converged()).isTrue();
        assertThat(top.iterationCount()).isEqualTo(1);
        assertThat(top.downtimePages()).isCloseTo(244, within(1e-6));
    }

    @Test
    void aWorkingSetAtTheBottomWasSentBeforeItWasDirtiedAgain() {
        // the cursor passed the hot pages first: all 60 come back, 244 + 60 = 304 > 300.59 pages, another round
        double[] shares = new double[1024];
        for (int i = 0; i < 60; i++) shares[i] = 1 / 60.0;
        Prediction bottom = run(new WorkingSetPlacement(shares));
        assertThat(bottom.iterations().get(0).sentPages()).isCloseTo(780, within(1e-6));
        assertThat(bottom.iterations().stream().filter(i -> !i.stopAndCopy()).count())
                .isGreaterThan(1);
        // without a placement the model takes pages evenly: 244/1024 of the hot ones are still pending
        Prediction even = run(null);
        assertThat(even.downtimePages()).isCloseTo(244 + 60 * (1 - 244 / 1024.0), within(1e-6));
        assertThat(even.iterations())
                .isEqualTo(new QemuAccurateModel()
                        .predict(HOT, QemuPrecopyTest.RATE, Qemu.defaults())
                        .iterations());
    }

    @Test
    void placementsAreChecked() {
        assertThatThrownBy(() -> new WorkingSetPlacement(new double[] {0.5, 0.4}))
                .hasMessage("shares must sum to 1, got 0.9");
        assertThatThrownBy(() -> WorkingSetPlacement.ofFrames(new long[] {5}, 4, 2))
                .hasMessage("frames: frame 5 is outside memory of 4 pages");
        assertThat(WorkingSetPlacement.ofFrames(new long[] {0, 1, 3, 3}, 4, 2).shares())
                .containsExactly(0.5, 0.5);
        assertThat(WorkingSetPlacement.block(0.25, 0.5, 4).shares()).containsExactly(0, 0.5, 0.5, 0);
        assertThat(WorkingSetPlacement.block(0.25, 0.5, 4).meanAddress()).isEqualTo(0.5);
        assertThatThrownBy(() -> WorkingSetPlacement.block(0.75, 0.5, 4))
                .hasMessage("from must be in [0, 1 - width], got 0.75 with width 0.5");
    }

    /**
     * Zero pages where a measured guest had them: with the non-zero pages at the top of memory, what the first pass
     * leaves when it syncs is non-zero, and the stop-and-copy takes longer than with the same zero pages at the top.
     */
    @Test
    void zeroPagesPlacedByAMeasuredMapDecideWhatTheFirstPassLeaves() {
        Vm idle = Vm.of(
                        "idle",
                        DataSize.ofBytes(1024 * 4096),
                        new CurveDirtyProfile(0.1, new double[] {1, 1, 1}, 1, 4096))
                .withComposition(io.livemig.profile.MemoryComposition.ofNonZeroPages(512));
        double[] shares = new double[1024];
        java.util.Arrays.fill(shares, 1 / 1024.0);
        WorkingSetPlacement even = new WorkingSetPlacement(shares);
        java.util.List<long[]> top = java.util.List.of(new long[] {512, 512}),
                bottom = java.util.List.of(new long[] {0, 512});
        Prediction atTop = new QemuAccurateModel(
                        io.livemig.policy.QemuBurst.none(), even.withZeroPagesOutside(top, 1024))
                .predict(idle, QemuPrecopyTest.RATE, Qemu.defaults());
        Prediction atBottom = new QemuAccurateModel(
                        io.livemig.policy.QemuBurst.none(), even.withZeroPagesOutside(bottom, 1024))
                .predict(idle, QemuPrecopyTest.RATE, Qemu.defaults());
        assertThat(atTop.converged()).isTrue();
        assertThat(atBottom.converged()).isTrue();
        assertThat(atTop.downtimeSeconds()).isGreaterThan(atBottom.downtimeSeconds());
        // the same pages go either way: the same traffic
        assertThat(atTop.wireTrafficBytes()).isCloseTo(atBottom.wireTrafficBytes(), within(1.0));
    }

    @Test
    void aMeasuredMapGivesEachRangeItsShareOfTheZeroPages() {
        WorkingSetPlacement p = WorkingSetPlacement.block(0, 0.5, 4)
                .withZeroPagesOutside(java.util.List.of(new long[] {0, 8}, new long[] {12, 2}), 16);
        // ranges of 4 pages: 0-3 and 4-7 non-zero, 8-11 all zero, 12-15 half zero: 6 zero pages in all
        assertThat(p.zeroShares()).containsExactly(0, 0, 4 / 6.0, 2 / 6.0);
        assertThat(p.shares()).containsExactly(0.5, 0.5, 0, 0);
        assertThatThrownBy(() -> p.withZeroPagesOutside(java.util.List.of(new long[] {0, 16}), 16))
                .hasMessage("nonZero covers all of memory: no zero page to place");
        assertThatThrownBy(() -> new WorkingSetPlacement(new double[] {1}, new double[] {0.5, 0.5}))
                .hasMessage("zeroShares must have the 1 ranges of shares, got 2");
    }
}
