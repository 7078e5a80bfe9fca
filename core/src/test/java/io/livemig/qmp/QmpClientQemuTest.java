package io.livemig.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real QEMU with no guest ({@link RealQemu}): skipped visibly without QEMU, failed under CI. */
class QmpClientQemuTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void talksToARealQemu() throws Exception {
        try (RealQemu qemu = RealQemu.start(dir, 64);
                QmpClient qmp = QmpClient.connect(qemu.socket(), WAIT)) {
            QemuVersion v = qmp.greeting().version();
            assertThat(v.major()).as("QEMU major version from the greeting").isGreaterThanOrEqualTo(2);

            assertThat(qmp.execute("query-status").get("status").getAsString()).isEqualTo("running");
            // no migration has run: QEMU answers an empty object, without a status
            assertThat(qmp.execute("query-migrate").has("status")).isFalse();
            assertThat(qmp.execute("query-memory-size-summary")
                            .get("base-memory")
                            .getAsLong())
                    .isEqualTo(64L << 20);

            JsonObject args = new JsonObject();
            args.addProperty("calc-time", v.atLeast(8, 2) ? 100 : 1);
            if (v.atLeast(8, 2)) args.addProperty("calc-time-unit", "millisecond");
            args.addProperty("mode", "page-sampling");
            assertThat(qmp.execute("calc-dirty-rate", args, WAIT)).isEqualTo(new JsonObject());
            JsonObject rate = qmp.execute("query-dirty-rate");
            for (int i = 0; i < 200 && !"measured".equals(rate.get("status").getAsString()); i++) {
                Thread.sleep(50);
                rate = qmp.execute("query-dirty-rate");
            }
            assertThat(rate.get("status").getAsString()).isEqualTo("measured");
            assertThat(rate.get("mode").getAsString()).isEqualTo("page-sampling");
            assertThat(rate.get("dirty-rate").getAsLong()).isGreaterThanOrEqualTo(0);

            assertThatThrownBy(() -> qmp.execute("no-such-command"))
                    .isInstanceOfSatisfying(
                            QmpCommandException.class,
                            e -> assertThat(e.errorClass()).isEqualTo("CommandNotFound"));

            qmp.execute("stop");
            assertThat(qmp.awaitEvent("STOP", WAIT)).isPresent();
            assertThat(qmp.execute("query-status").get("status").getAsString()).isEqualTo("paused");
            qmp.execute("cont");
            assertThat(qmp.awaitEvent("RESUME", WAIT)).isPresent();
        }
    }
}
