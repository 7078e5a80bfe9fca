package io.livemig.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class QemuTraceLogTest {
    /** Lines as QEMU 10's log backend writes them with -msg timestamp=on (shortened from a lab run). */
    static final List<String> LOG = List.of(
            "26401@1796027073.332390:migration_bitmap_sync_start ",
            "26401@1796027073.332887:migration_bitmap_sync_end dirty_pages 0",
            "26401@1796027073.333009:migrate_pending_estimate estimate pending size 268967936 (pre = 268967936 post=0)",
            "26401@1796027075.557412:migrate_pending_estimate estimate pending size 69849088 (pre = 69849088 post=0)",
            "26401@1796027077.293000:migrate_pending_estimate estimate pending size 6025216 (pre = 6025216 post=0)",
            "26401@1796027077.294134:migration_bitmap_sync_start ",
            "26401@1796027077.294302:migration_bitmap_sync_end dirty_pages 7820",
            "26401@1796027077.294400:migrate_pending_exact exact pending size 38055936 (pre = 38055936 post=0)",
            "26401@1796027078.562000:migrate_pending_estimate estimate pending size 5984256 (pre = 5984256 post=0)",
            "26401@1796027078.563736:migration_bitmap_sync_start ",
            "26401@1796027078.563801:migration_bitmap_sync_end dirty_pages 4908",
            "26401@1796027078.563900:migrate_pending_exact exact pending size 26087424 (pre = 26087424 post=0)",
            "some other line QEMU printed",
            "26401@1796027078.700000:migration_bitmap_sync_start ",
            "26401@1796027078.700100:migration_bitmap_sync_end dirty_pages 10");

    @Test
    void liveSyncsEndRoundsAndNewPagesAreExactMinusTheEstimateBefore() {
        List<QemuTraceLog.Round> rounds = QemuTraceLog.rounds(LOG, 4096);
        assertThat(rounds).hasSize(2); // the setup sync and the completion sync end no round
        QemuTraceLog.Round first = rounds.get(0), second = rounds.get(1);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.endSeconds()).isCloseTo(3.961744, within(1e-6));
        assertThat(first.seconds()).isCloseTo(3.961744, within(1e-6));
        assertThat(first.pendingBeforePages()).isEqualTo(6025216 / 4096);
        assertThat(first.pendingAfterPages()).isEqualTo(38055936 / 4096);
        assertThat(first.newDirtyPages()).isEqualTo((38055936 - 6025216) / 4096);
        assertThat(second.seconds()).isCloseTo(1796027078.563736 - 1796027077.294134, within(1e-6));
        assertThat(second.newDirtyPages()).isEqualTo((26087424 - 5984256) / 4096);
    }

    @Test
    void aLogWithoutLiveSyncsHasNoRounds() {
        assertThat(QemuTraceLog.rounds(LOG.subList(0, 4), 4096)).isEmpty();
        assertThat(QemuTraceLog.rounds(List.of(), 4096)).isEmpty();
    }
}
