package io.livemig.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireCostTest {

    @Test
    void qemuPagesHeadersZeroPagesAndBursts() {
        WireCost w = WireCost.of(Qemu.defaults(), 4096);
        assertThat(w.normalPageBytes()).isEqualTo(4104); // 8 B header + 4096
        assertThat(w.zeroPageBytes()).isEqualTo(9); // 8 B header + 1 B
        assertThat(w.savesZeroPages()).isTrue();
        // 10 normal + 5 zero pages over 120 ms: three bursts of at most 50 ms, 18 B each
        assertThat(w.bytes(10, 5, 0.12)).isEqualTo(10 * 4104 + 5 * 9 + 3 * 18);
        // a single page still makes one burst
        assertThat(w.bytes(1, 0, 0)).isEqualTo(4104 + 18);
        assertThat(w.bytes(0, 0, 0)).isZero();
    }

    @Test
    void xenLegacyFullPagesAndFourBytesPerBatch() {
        WireCost w = WireCost.of(XenLegacy.xen4_x(), 4096);
        assertThat(w.savesZeroPages()).isFalse();
        assertThat(w.bytes(2048, 0, 3)).isEqualTo(2048 * 4104 + 2 * 4);
        assertThat(w.bytes(1024, 1, 3)).isEqualTo(1025 * 4104 + 2 * 4); // a zero page costs a full page
    }

    @Test
    void xenV2SixteenBytesPerBatch() {
        assertThat(WireCost.of(XenV2.xen4_6(), 4096).bytes(1025, 0, 1)).isEqualTo(1025 * 4104 + 2 * 16);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new WireCost(0, 9, 0, 18, 0.05))
                .hasMessageContaining("normal page must be > 0, got 0 B");
        assertThatThrownBy(() -> WireCost.of(null, 4096)).hasMessageContaining("policy");
    }
}
