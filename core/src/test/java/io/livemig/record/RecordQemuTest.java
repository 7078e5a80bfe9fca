package io.livemig.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.qmp.QmpClient;
import io.livemig.qmp.RealQemu;
import io.livemig.units.DataRate;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both recorders against real guest-less QEMUs (SeaBIOS idles): a curve from {@code calc-dirty-rate}, and a real
 * migration over TCP loopback from one QEMU to another. Skipped visibly without QEMU, failed under CI.
 */
class RecordQemuTest {
    @TempDir
    Path dir;

    @Test
    void recordsADirtyCurveFromARealQemu() throws Exception {
        try (RealQemu qemu = RealQemu.start(dir, 128);
                QmpClient qmp = QmpClient.connect(qemu.socket())) {
            var s = DirtyRateRecorder.Settings.defaults()
                    .withWindows(List.of(Duration.ofMillis(100), Duration.ofMillis(200)));
            DirtyCurve c = new DirtyRateRecorder(qmp).record(s, null, () -> false);
            assertThat(c.memoryBytes()).isEqualTo(128L << 20);
            assertThat(c.source().mode()).isEqualTo("page-sampling");
            assertThat(c.source().timeUnit())
                    .isEqualTo(qmp.greeting().version().atLeast(8, 2) ? "millisecond" : "second");
            assertThat(c.points())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.samples()).hasSize(1));
            Path f = dir.resolve("idle.curve.json");
            DirtyCurveFile.write(c, f);
            assertThat(DirtyCurveFile.read(f)).isEqualTo(c);
            // a profile can always be built, even from an idle guest's zero readings
            assertThat(c.profile().dirtiedPages(1)).isPositive();
        }
    }

    @Test
    void recordsARealMigrationOverLoopback() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (RealQemu src = RealQemu.start(dir, "src", 64);
                RealQemu dst = RealQemu.start(dir, "dst", 64, "-incoming", "tcp:127.0.0.1:" + port);
                QmpClient qmp = QmpClient.connect(src.socket());
                QmpClient incoming = QmpClient.connect(dst.socket())) {
            // QEMU opens the QMP socket before it listens for the migration stream: wait until the monitor answers
            assertThat(incoming.execute("query-status").get("status").getAsString())
                    .isEqualTo("inmigrate");
            var s = new MigrationRecorder.Settings(
                    Duration.ofMillis(50),
                    Optional.of("tcp:127.0.0.1:" + port),
                    Optional.of(Duration.ofMillis(300)),
                    Optional.of(DataRate.ofMiBps(2)),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60));
            MeasuredMigration m = new MigrationRecorder(qmp).record(s, null, () -> false);
            assertThat(m.status()).as(m.summary()).isEqualTo("completed");
            assertThat(m.converged()).isTrue();
            assertThat(m.memoryBytes()).isEqualTo(64L << 20);
            assertThat(m.downtimeLimitMs()).isEqualTo(300);
            assertThat(m.maxBandwidthBytes()).isEqualTo(2L << 20);
            assertThat(m.migrationSeconds()).isPositive();
            assertThat(m.downtimeSeconds()).isGreaterThanOrEqualTo(0);
            // every page went: most of a guest-less machine's memory is zero pages
            assertThat(m.normalPages() + m.zeroPages()).isGreaterThanOrEqualTo((64L << 20) / 4096);
            assertThat(m.syncs()).isGreaterThanOrEqualTo(2);
            // MIGRATION_PASS was on: one row per sync, starting with the full first pass
            assertThat(m.iterations()).hasSize((int) m.syncs());
            assertThat(m.iterations().get(0).fromEvent()).isTrue();
            assertThat(m.iterations().get(0).pendingPages()).isEqualTo((64L << 20) / 4096);
            long sum = m.iterations().stream()
                    .mapToLong(MeasuredMigration.Iteration::transferredBytes)
                    .sum();
            // the rows partition the migration: interpolated between 50 ms polls, they add up to QEMU's total exactly
            assertThat(sum).isEqualTo(m.transferredBytes());
            Path csv = dir.resolve("run.csv");
            m.writeCsv(csv);
            List<String> run = Files.readAllLines(csv);
            assertThat(run).hasSize(2);
            assertThat(run.get(0)).isEqualTo(MeasuredMigration.RUN_HEADER);
            assertThat(run.get(1)).startsWith("completed," + Math.round(m.migrationSeconds() * 1000) + ",");
            List<String> rounds = Files.readAllLines(dir.resolve("run.rounds.csv"));
            assertThat(rounds.get(0)).isEqualTo(MeasuredMigration.ROUNDS_HEADER);
            assertThat(rounds).hasSize(m.iterations().size() + 1);
            assertThat(rounds.get(1)).startsWith("1,live,").contains(",16384,");
            assertThat(rounds.get(rounds.size() - 1)).contains(",stop-and-copy,");
        }
    }
}
