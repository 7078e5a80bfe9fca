package io.livemig.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted fake QEMU: the exchanges a real QEMU rarely shows on demand. */
class QmpClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static JsonObject obj(String json) {
        return com.google.gson.JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void readsTheGreetingAndNegotiatesCapabilities() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake(8, 2, 1);
                    p.read();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            assertThat(qmp.greeting().version()).isEqualTo(new QemuVersion(8, 2, 1, "fake"));
            assertThat(qmp.greeting().version().atLeast(8, 2)).isTrue();
            assertThat(qmp.greeting().version().atLeast(8, 3)).isFalse();
            assertThat(qmp.greeting().capabilities()).containsExactly("oob");
            assertThat(qmp.isOpen()).isTrue();
        }
    }

    @Test
    void sendsACommandWithArgumentsAndReturnsItsReply() throws Exception {
        var seen = new CopyOnWriteArrayList<JsonObject>();
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    JsonObject r = p.expect("calc-dirty-rate");
                    seen.add(r);
                    p.reply(r, new JsonObject());
                    p.reply(p.expect("query-status"), obj("{\"status\": \"running\", \"running\": true}"));
                    p.read();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            JsonObject args = obj("{\"calc-time\": 100, \"calc-time-unit\": \"millisecond\"}");
            assertThat(qmp.execute("calc-dirty-rate", args, WAIT)).isEqualTo(new JsonObject());
            assertThat(seen.get(0).getAsJsonObject("arguments")).isEqualTo(args);
            assertThat(qmp.execute("query-status").get("status").getAsString()).isEqualTo("running");
        }
    }

    @Test
    void anEventBetweenRequestAndReplyGoesToListenersAndTheQueue() throws Exception {
        var heard = new CopyOnWriteArrayList<QmpEvent>();
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    JsonObject r = p.expect("query-migrate");
                    p.event("MIGRATION_PASS", obj("{\"pass\": 2}"));
                    p.event("MIGRATION", obj("{\"status\": \"active\"}"));
                    p.reply(r, obj("{\"status\": \"active\"}"));
                    p.read();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            qmp.addEventListener(heard::add);
            assertThat(qmp.execute("query-migrate").get("status").getAsString()).isEqualTo("active");
            QmpEvent pass = qmp.awaitEvent("MIGRATION_PASS", WAIT).orElseThrow();
            assertThat(pass.data().get("pass").getAsInt()).isEqualTo(2);
            assertThat(qmp.awaitEvent("MIGRATION_PASS", Duration.ofMillis(50))).isEmpty();
            // the other event stayed buffered
            assertThat(qmp.drainEvents()).extracting(QmpEvent::name).containsExactly("MIGRATION");
            assertThat(heard).extracting(QmpEvent::name).containsExactly("MIGRATION_PASS", "MIGRATION");
        }
    }

    @Test
    void aCommandQemuDoesNotKnowIsAnExceptionWithClassAndDesc() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    p.error(
                            p.expect("calc-dirty-rat"),
                            "CommandNotFound",
                            "The command calc-dirty-rat has not been found");
                    p.reply(p.expect("query-status"), obj("{\"status\": \"paused\"}"));
                    p.read();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            assertThatThrownBy(() -> qmp.execute("calc-dirty-rat"))
                    .isInstanceOfSatisfying(QmpCommandException.class, e -> {
                        assertThat(e.command()).isEqualTo("calc-dirty-rat");
                        assertThat(e.errorClass()).isEqualTo("CommandNotFound");
                        assertThat(e.description()).isEqualTo("The command calc-dirty-rat has not been found");
                    })
                    .hasMessage(
                            "QMP socket " + server.socket()
                                    + ": 'calc-dirty-rat' failed: CommandNotFound: The command calc-dirty-rat has not been found");
            // an error reply does not end the connection
            assertThat(qmp.execute("query-status").get("status").getAsString()).isEqualTo("paused");
        }
    }

    @Test
    void aDisconnectInTheMiddleOfAReplyFailsThatCommandAndEveryLaterOne() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    p.expect("query-migrate");
                    p.sendRaw("{\"return\": {\"status\": \"act");
                    p.close();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            assertThatThrownBy(() -> qmp.execute("query-migrate"))
                    .isInstanceOf(QmpConnectionException.class)
                    .hasMessageContaining("'query-migrate'")
                    .hasMessageContaining(
                            "QEMU closed the connection in the middle of a message (26 bytes of it received)");
            assertThat(qmp.isOpen()).isFalse();
            assertThatThrownBy(() -> qmp.execute("query-status"))
                    .isInstanceOf(QmpConnectionException.class)
                    .hasMessageContaining("cannot send 'query-status': QEMU closed the connection");
            assertThatThrownBy(() -> qmp.awaitEvent("STOP", WAIT)).isInstanceOf(QmpConnectionException.class);
        }
    }

    @Test
    void garbageAfterTheHandshakeIsAProtocolError() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    p.expect("query-status");
                    p.send("hello\tworld, this is not JSON {");
                    p.read();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            assertThatThrownBy(() -> qmp.execute("query-status"))
                    .isInstanceOf(QmpProtocolException.class)
                    .hasMessageContaining("while waiting for the reply to 'query-status'")
                    .hasMessageContaining(
                            "not QMP: a line that is not a JSON object: 'hello\\x09world, this is not JSON {'");
            assertThat(qmp.isOpen()).isFalse();
        }
    }

    @Test
    void jsonThatIsNeitherReplyNorEventIsAProtocolError() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    p.expect("query-status");
                    p.send("{\"jsonrpc\": \"2.0\", \"result\": 1}");
                    p.read();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            assertThatThrownBy(() -> qmp.execute("query-status"))
                    .isInstanceOf(QmpProtocolException.class)
                    .hasMessageContaining("neither a reply nor an event");
        }
    }

    @Test
    void aServerThatDoesNotGreetWithQmpIsRefusedAtConnect() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
            p.send("SSH-2.0-OpenSSH_9.2");
            p.read();
        })) {
            assertThatThrownBy(() -> QmpClient.connect(server.socket(), WAIT))
                    .isInstanceOf(QmpProtocolException.class)
                    .hasMessageContaining("not QMP: a line that is not a JSON object: 'SSH-2.0-OpenSSH_9.2'");
        }
        try (var server = FakeQmpServer.start(dir.resolve("r.sock"), p -> {
            p.send("{\"hello\": 1}");
            p.read();
        })) {
            assertThatThrownBy(() -> QmpClient.connect(server.socket(), WAIT))
                    .isInstanceOf(QmpProtocolException.class)
                    .hasMessageContaining(
                            "not a QMP server: expected the greeting {\"QMP\": ...}, got '{\"hello\": 1}'");
        }
    }

    @Test
    void aSilentServerTimesOutAtConnect() throws Exception {
        var release = new CountDownLatch(1);
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> release.await(10, TimeUnit.SECONDS))) {
            assertThatThrownBy(() -> QmpClient.connect(server.socket(), Duration.ofMillis(200)))
                    .isInstanceOfSatisfying(
                            QmpTimeoutException.class,
                            e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200)))
                    .hasMessageContaining(
                            "no QMP greeting within 200 ms (not a QMP socket, or another client is connected to it)");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCommandTimesOutAndItsLateReplyIsNotGivenToTheNextCommand() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    JsonObject slow = p.expect("query-migrate");
                    JsonObject next = p.expect("query-status");
                    p.reply(slow, obj("{\"status\": \"late\"}"));
                    p.reply(next, obj("{\"status\": \"running\"}"));
                    p.read();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            assertThatThrownBy(() -> qmp.execute("query-migrate", null, Duration.ofMillis(100)))
                    .isInstanceOf(QmpTimeoutException.class)
                    .hasMessage("QMP socket " + server.socket() + ": no reply to 'query-migrate' within 100 ms");
            assertThat(qmp.isOpen()).isTrue();
            assertThat(qmp.execute("query-status").get("status").getAsString()).isEqualTo("running");
        }
    }

    @Test
    void aReturnValueThatIsNotAnObjectNeedsCall() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    JsonArray cmds = new JsonArray();
                    cmds.add(obj("{\"name\": \"query-status\"}"));
                    p.reply(p.expect("query-commands"), cmds);
                    p.reply(p.expect("query-commands"), cmds);
                    p.read();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            assertThatThrownBy(() -> qmp.execute("query-commands"))
                    .isInstanceOf(QmpProtocolException.class)
                    .hasMessageContaining("'query-commands' returned an array, expected an object");
            assertThat(qmp.call("query-commands", null, WAIT).getAsJsonArray()).hasSize(1);
        }
    }

    @Test
    void closingWhileACommandWaitsFailsIt() throws Exception {
        var received = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    p.expect("query-migrate");
                    received.countDown();
                    release.await(10, TimeUnit.SECONDS);
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            Thread closer = new Thread(() -> {
                try {
                    received.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                }
                qmp.close();
            });
            closer.start();
            assertThatThrownBy(() -> qmp.execute("query-migrate"))
                    .isInstanceOf(QmpConnectionException.class)
                    .hasMessageContaining("'query-migrate'")
                    .hasMessageContaining("connection closed by the client");
            closer.join();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aListenerCannotSendCommands() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
                    p.handshake();
                    JsonObject r = p.expect("query-status");
                    p.event("STOP", null);
                    p.reply(r, obj("{\"status\": \"paused\"}"));
                    p.read();
                });
                var qmp = QmpClient.connect(server.socket(), WAIT)) {
            qmp.addEventListener(e -> {
                try {
                    qmp.execute("cont");
                } catch (RuntimeException ex) {
                    failures.add(ex);
                }
            });
            qmp.execute("query-status");
            assertThat(qmp.awaitEvent("STOP", WAIT)).isPresent();
            assertThat(failures)
                    .singleElement()
                    .isInstanceOf(IllegalStateException.class)
                    .extracting(Throwable::getMessage)
                    .asString()
                    .contains("'cont' sent from an event listener");
        }
    }

    @Test
    void aMissingSocketOrAPlainFileIsAConnectionError() throws Exception {
        Path missing = dir.resolve("absent.sock");
        assertThatThrownBy(() -> QmpClient.connect(missing))
                .isInstanceOf(QmpConnectionException.class)
                .hasMessage("QMP socket " + missing + ": no such file");
        Path file = Files.writeString(dir.resolve("plain.txt"), "not a socket");
        assertThatThrownBy(() -> QmpClient.connect(file))
                .isInstanceOf(QmpConnectionException.class)
                .hasMessage("QMP socket " + file + ": cannot connect (not a socket)");
    }
}
