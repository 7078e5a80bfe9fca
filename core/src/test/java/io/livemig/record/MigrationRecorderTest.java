package io.livemig.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.livemig.LivemigException;
import io.livemig.qmp.FakeQmpServer;
import io.livemig.qmp.QmpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration recorder against a fake QEMU whose query-migrate answers follow a script, with MIGRATION_PASS events. */
class MigrationRecorderTest {
    @TempDir
    Path dir;

    static JsonObject obj(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    static JsonObject active(long totalMs, long transferred, long remaining, long syncs) {
        return obj("{\"status\": \"active\", \"total-time\": " + totalMs
                + ", \"setup-time\": 2, \"ram\": {\"transferred\": " + transferred
                + ", \"remaining\": " + remaining + ", \"total\": 8388608, \"normal\": " + transferred / 4104
                + ", \"duplicate\": 10, "
                + "\"dirty-sync-count\": " + syncs + ", \"page-size\": 4096, \"mbps\": 80.5}}");
    }

    /** A fake QEMU: the n-th query-migrate gets {@code migrate.apply(n)}; a MIGRATION_PASS goes before a reply whose sync count grew. */
    static FakeQmpServer.Script script(IntFunction<JsonObject> migrate, List<String> commands) {
        return script(migrate, commands, true);
    }

    /** With {@code events} false, QEMU sends no MIGRATION_PASS and says the capability is off (it cannot be set mid-migration). */
    static FakeQmpServer.Script script(IntFunction<JsonObject> migrate, List<String> commands, boolean events) {
        return p -> {
            p.handshake();
            int n = 0;
            long syncs = 0;
            for (JsonObject r; (r = p.read()) != null; ) {
                String cmd = r.get("execute").getAsString();
                commands.add(cmd);
                switch (cmd) {
                    case "query-migrate" -> {
                        JsonObject m = migrate.apply(n++);
                        long s = m.has("ram")
                                ? m.getAsJsonObject("ram")
                                        .get("dirty-sync-count")
                                        .getAsLong()
                                : 0;
                        if (events)
                            for (long k = syncs + 1; k <= s; k++)
                                p.event("MIGRATION_PASS", obj("{\"pass\": " + k + "}"));
                        syncs = Math.max(syncs, s);
                        p.reply(r, m);
                    }
                    case "query-migrate-capabilities" -> {
                        JsonArray a = new JsonArray();
                        a.add(obj("{\"capability\": \"events\", \"state\": " + events + "}"));
                        p.reply(r, a);
                    }
                    case "query-migrate-parameters" ->
                        p.reply(r, obj("{\"downtime-limit\": 300, \"max-bandwidth\": 134217728}"));
                    case "query-memory-size-summary" -> p.reply(r, obj("{\"base-memory\": 8388608}"));
                    default -> p.reply(r, new JsonObject());
                }
            }
        };
    }

    static MigrationRecorder.Settings follow(Duration wait, Duration timeout) {
        return new MigrationRecorder.Settings(
                Duration.ofMillis(10), Optional.empty(), Optional.empty(), Optional.empty(), wait, timeout);
    }

    @Test
    void followsAMigrationTheUserStartsAndSplitsItAtEachSync() throws Exception {
        List<String> commands = new CopyOnWriteArrayList<>();
        IntFunction<JsonObject> migrate = n -> switch (n) {
            case 0, 1, 2 -> new JsonObject();
            case 3 -> active(100, 1_000_000, 7_000_000, 1);
            case 4 -> active(200, 3_000_000, 5_000_000, 1);
            case 5 -> active(300, 8_500_000, 400_000, 2);
            default ->
                obj(
                        "{\"status\": \"completed\", \"total-time\": 400, \"downtime\": 30, \"setup-time\": 2, \"ram\": {\"transferred\": 9000000, "
                                + "\"remaining\": 0, \"total\": 8388608, \"normal\": 2190, \"duplicate\": 10, \"dirty-sync-count\": 3, \"page-size\": 4096, \"mbps\": 81}}");
        };
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), script(migrate, commands));
                var qmp = QmpClient.connect(server.socket())) {
            List<String> lines = new CopyOnWriteArrayList<>();
            MeasuredMigration m = new MigrationRecorder(qmp)
                    .record(follow(Duration.ofSeconds(10), Duration.ofSeconds(10)), lines::add, () -> false);
            assertThat(commands).contains("migrate-set-capabilities").doesNotContain("migrate", "migrate_cancel");
            assertThat(m.status()).isEqualTo("completed");
            assertThat(m.converged()).isTrue();
            assertThat(m.migrationSeconds()).isEqualTo(0.4);
            assertThat(m.downtimeSeconds()).isEqualTo(0.03);
            assertThat(m.transferredBytes()).isEqualTo(9_000_000);
            assertThat(m.syncs()).isEqualTo(3);
            assertThat(m.rounds()).isEqualTo(1);
            assertThat(m.downtimeLimitMs()).isEqualTo(300);
            assertThat(m.iterations())
                    .hasSize(3)
                    .allSatisfy(it -> assertThat(it.fromEvent()).isTrue());
            assertThat(m.iterations().get(0).pendingPages()).isEqualTo(2048);
            assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).containsAnyOf("active", "completed"));
            Path csv = dir.resolve("run.csv");
            m.writeCsv(csv);
            assertThat(Files.readAllLines(csv).get(1)).startsWith("completed,400,30,2,9000000,2190,10,3,1,");
            assertThat(Files.readAllLines(dir.resolve("run.rounds.csv"))).hasSize(4);
        }
    }

    @Test
    void withoutEventsTheSyncsAreReadOffThePolls() throws Exception {
        List<String> commands = new CopyOnWriteArrayList<>();
        IntFunction<JsonObject> migrate = n -> switch (n) {
            case 0 -> active(100, 1_000_000, 7_000_000, 1);
            case 1 -> active(200, 3_000_000, 5_000_000, 1);
            case 2 -> active(300, 8_500_000, 400_000, 2);
            default ->
                obj(
                        "{\"status\": \"completed\", \"total-time\": 400, \"downtime\": 30, \"setup-time\": 2, \"ram\": {\"transferred\": 9000000, "
                                + "\"remaining\": 0, \"total\": 8388608, \"normal\": 2190, \"duplicate\": 10, \"dirty-sync-count\": 3, \"page-size\": 4096, \"mbps\": 81}}");
        };
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), script(migrate, commands, false));
                var qmp = QmpClient.connect(server.socket())) {
            MeasuredMigration m = new MigrationRecorder(qmp)
                    .record(follow(Duration.ofSeconds(10), Duration.ofSeconds(10)), null, () -> false);
            // already running when the recorder came: it does not touch the capabilities
            assertThat(commands).doesNotContain("migrate-set-capabilities");
            assertThat(m.converged()).isTrue();
            assertThat(m.iterations())
                    .hasSize(3)
                    .allSatisfy(it -> assertThat(it.fromEvent()).isFalse());
            assertThat(m.iterations().get(0).startSeconds()).isZero();
            // the second sync was first seen by the third poll, which also gave the pages it left pending
            assertThat(m.iterations().get(1).pendingPages()).isEqualTo(400_000 / 4096);
            long sum = m.iterations().stream()
                    .mapToLong(MeasuredMigration.Iteration::transferredBytes)
                    .sum();
            assertThat(sum).isEqualTo(9_000_000);
        }
    }

    @Test
    void startingAMigrationWhileOneRunsIsRefused() throws Exception {
        List<String> commands = new CopyOnWriteArrayList<>();
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), script(n -> active(100, 1, 1, 1), commands));
                var qmp = QmpClient.connect(server.socket())) {
            var s = new MigrationRecorder.Settings(
                    Duration.ofMillis(10),
                    Optional.of("tcp:127.0.0.1:4444"),
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1));
            assertThatThrownBy(() -> new MigrationRecorder(qmp).record(s, null, () -> false))
                    .isInstanceOf(LivemigException.class)
                    .hasMessageContaining("a migration is already in progress (query-migrate: 'active')");
            assertThat(commands).doesNotContain("migrate");
        }
    }

    @Test
    void noMigrationWithinTheWaitIsAnError() throws Exception {
        try (var server = FakeQmpServer.start(
                        dir.resolve("q.sock"), script(n -> new JsonObject(), new CopyOnWriteArrayList<>()));
                var qmp = QmpClient.connect(server.socket())) {
            assertThatThrownBy(() -> new MigrationRecorder(qmp)
                            .record(follow(Duration.ofMillis(100), Duration.ofSeconds(1)), null, () -> false))
                    .hasMessageContaining(
                            "no migration started within 100 ms (query-migrate: 'none'); start one (QMP 'migrate') or give --uri");
        }
    }

    @Test
    void aMigrationStillRunningAtTheTimeoutIsCancelledIfWeStartedItAndDoesNotConverge() throws Exception {
        List<String> commands = new CopyOnWriteArrayList<>();
        try (var server = FakeQmpServer.start(
                        dir.resolve("q.sock"),
                        script(
                                n -> n == 0 ? new JsonObject() : active(100L * n, 1000L * n, 5_000_000, 1 + n / 5),
                                commands));
                var qmp = QmpClient.connect(server.socket())) {
            var s = new MigrationRecorder.Settings(
                    Duration.ofMillis(10),
                    Optional.of("tcp:127.0.0.1:4444"),
                    Optional.of(Duration.ofMillis(100)),
                    Optional.of(io.livemig.units.DataRate.ofMiBps(10)),
                    Duration.ofSeconds(1),
                    Duration.ofMillis(300));
            MeasuredMigration m = new MigrationRecorder(qmp).record(s, null, () -> false);
            assertThat(commands)
                    .containsSubsequence(
                            "migrate-set-capabilities", "migrate-set-parameters", "migrate", "migrate_cancel");
            assertThat(m.converged()).isFalse();
            assertThat(m.stopReason()).isEqualTo("timeout after 300 ms (cancelled)");
            assertThat(m.labStatus()).isEqualTo("not-converged");
            assertThat(m.downtimeSeconds()).isNaN();
        }
    }

    @Test
    void aStopEndsTheRecordAsInterrupted() throws Exception {
        try (var server = FakeQmpServer.start(
                        dir.resolve("q.sock"),
                        script(n -> active(100L * (n + 1), 1000, 5_000_000, 1), new CopyOnWriteArrayList<>()));
                var qmp = QmpClient.connect(server.socket())) {
            int[] polls = {0};
            MeasuredMigration m = new MigrationRecorder(qmp)
                    .record(
                            follow(Duration.ofSeconds(1), Duration.ofSeconds(10)),
                            l -> polls[0]++,
                            () -> polls[0] >= 3);
            assertThat(m.stopReason()).isEqualTo("interrupted");
            assertThat(m.labStatus()).isEqualTo("interrupted");
            assertThat(m.converged()).isFalse();
        }
    }
}
