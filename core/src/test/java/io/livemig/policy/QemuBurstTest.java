package io.livemig.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QemuBurstTest {
    /** The write quantum the QEMU lab's rounds give (docs/qemu-lab.md; LabDatasetFiguresTest fits it). */
    static final double LAB_C = 1_445_888;

    @Test
    void qemuComparesWholeMillisecondsSoABurstLastsFiftyOne() {
        QemuBurst q = QemuBurst.none();
        assertThat(q.over(0.0509, 0, 1)).isFalse(); // 50 whole ms is not > 50
        assertThat(q.over(0.051, 0, 1)).isTrue();
        // 1000 pages of 4104 B a second: the check after page 65 (65 ms) is the first at or past 51 ms
        assertThat(q.pages(4104, 4_104_000)).isEqualTo(65);
        // 100 000 pages a second: 5100 pages take 51 ms; checks come every 64 pages, so 5121 (50 ms would give 5057)
        assertThat(q.pages(4104, 410_400_000)).isEqualTo(5121);
    }

    @Test
    void withAWriteQuantumBurstsAreWholeChunksAndMatchTheLabsShortestRounds() {
        QemuBurst q = new QemuBurst(LAB_C);
        // the lab's rounds after the first pass come in steps of 57.7 ms at 200 and 1000 Mbit/s and 69.3 ms at 500
        assertThat(q.bytes(25e6) / 25e6).isCloseTo(0.0578, within(2e-4)); // 1 chunk of 57.8 ms
        assertThat(q.bytes(62.5e6) / 62.5e6).isCloseTo(0.0694, within(2e-4)); // 3 chunks of 23.1 ms
        assertThat(q.bytes(125e6) / 125e6).isCloseTo(0.0578, within(2e-4)); // 5 chunks of 11.6 ms
        assertThat(q.pages(4104, 25e6)).isCloseTo(LAB_C / 4104, within(1e-9));
        assertThat(q.over(0.2, LAB_C - 4104, 25e6)).isFalse(); // the chunk is not through yet
        assertThat(q.over(0.06, LAB_C, 25e6)).isTrue();
        assertThat(q.queuedAtEndBytes()).isEqualTo(LAB_C / 2);
        assertThat(QemuBurst.none().queuedAtEndBytes()).isZero();
    }

    @Test
    void aNegativeQuantumIsRefusedByName() {
        assertThatThrownBy(() -> new QemuBurst(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write quantum");
        assertThatThrownBy(() -> new QemuBurst(LAB_C, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes queued at the end");
        assertThat(new QemuBurst(LAB_C, 1000).queuedAtEndBytes()).isEqualTo(1000);
    }
}
