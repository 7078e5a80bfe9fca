package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.qmp.QmpClient;
import io.livemig.qmp.RealQemu;
import io.livemig.record.DirtyCurveFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record commands and advise against real guest-less QEMUs: skipped visibly without QEMU, failed under CI. */
class RecordCommandQemuTest {
    @TempDir
    Path dir;

    @Test
    void adviseRecordsAndAnswersInOneLine() throws Exception {
        try (RealQemu qemu = RealQemu.start(dir, 128)) {
            Path saved = dir.resolve("idle.curve.json");
            Cli.Result r = Cli.run(
                    "advise",
                    "--qmp",
                    qemu.socket().toString(),
                    "--rate",
                    "100MiB/s",
                    "--downtime",
                    "300ms",
                    "--windows",
                    "100ms,200ms",
                    "--save",
                    saved.toString(),
                    "--quiet");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().strip())
                    .startsWith("vm at 100.0 MiB/s, downtime limit 300 ms: converges; migration ")
                    .doesNotContain("\n");
            assertThat(DirtyCurveFile.read(saved).points()).hasSize(2);
        }
    }

    @Test
    void recordMigrationStartsAndFollowsARealMigration() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (RealQemu src = RealQemu.start(dir, "src", 64);
                RealQemu dst = RealQemu.start(dir, "dst", 64, "-incoming", "tcp:127.0.0.1:" + port);
                QmpClient incoming = QmpClient.connect(dst.socket())) {
            assertThat(incoming.execute("query-status").get("status").getAsString())
                    .isEqualTo("inmigrate");
            Path out = dir.resolve("run.csv");
            Cli.Result r = Cli.run(
                    "record",
                    "migration",
                    "--qmp",
                    src.socket().toString(),
                    "--uri",
                    "tcp:127.0.0.1:" + port,
                    "--downtime",
                    "300ms",
                    "--max-bandwidth",
                    "4MiB/s",
                    "-o",
                    out.toString(),
                    "--quiet");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("migration completed: ");
            assertThat(Files.readAllLines(out).get(1)).startsWith("completed,");
            assertThat(Files.readAllLines(dir.resolve("run.rounds.csv")).get(1)).startsWith("1,live,");
        }
    }

    @Test
    void downtimeWithoutUriIsRefused() {
        Cli.Result r = Cli.run(
                "record",
                "migration",
                "--qmp",
                dir.resolve("x.sock").toString(),
                "--downtime",
                "300ms",
                "-o",
                dir.resolve("r.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("--downtime and --max-bandwidth set up a migration this command starts; give --uri too");
    }
}
