package io.livemig.qmp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scripted QMP server on a unix socket, for tests: it plays one connection from a {@link Script} (greet, read a
 * request, reply, send an event, garbage, hang up), so a test states exactly what "QEMU" says and when. A script
 * failure (an assertion in the server thread) is rethrown by {@link #close()}.
 */
public final class FakeQmpServer implements AutoCloseable {
    /** What the fake QEMU does with one client. */
    @FunctionalInterface
    public interface Script {
        void run(Peer peer) throws Exception;
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;

    private FakeQmpServer(Path socket, Script script) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.thread = new Thread(
                () -> {
                    try (SocketChannel ch = server.accept()) {
                        script.run(new Peer(ch));
                        done.complete(null);
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                    }
                },
                "fake-qmp " + socket.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Listens on {@code socket} and plays {@code script} with the first client. */
    public static FakeQmpServer start(Path socket, Script script) {
        try {
            return new FakeQmpServer(socket, script);
        } catch (IOException e) {
            throw new IllegalStateException("fake QMP server on " + socket + ": " + e, e);
        }
    }

    public Path socket() {
        return socket;
    }

    /** Waits for the script to end and rethrows its failure. */
    public void awaitDone(Duration timeout) throws Exception {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw new AssertionError("fake QMP script failed", e.getCause());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
            if (done.isDone()) awaitDone(Duration.ofSeconds(1));
        } finally {
            thread.interrupt();
            Files.deleteIfExists(socket);
        }
    }

    /** The fake QEMU's side of one connection. */
    public static final class Peer {
        private final SocketChannel ch;
        private final ByteBuffer in = ByteBuffer.allocate(1 << 16);

        Peer(SocketChannel ch) {
            this.ch = ch;
            in.flip();
        }

        /** QEMU 10.0.2's greeting. */
        public void greet() throws IOException {
            greet(10, 0, 2);
        }

        public void greet(int major, int minor, int micro) throws IOException {
            send("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": " + micro + ", \"minor\": " + minor + ", \"major\": "
                    + major + "}, \"package\": \"fake\"}, \"capabilities\": [\"oob\"]}}");
        }

        /** Greeting plus the {@code qmp_capabilities} exchange. */
        public void handshake() throws IOException {
            handshake(10, 0, 2);
        }

        public void handshake(int major, int minor, int micro) throws IOException {
            greet(major, minor, micro);
            reply(expect("qmp_capabilities"), new JsonObject());
        }

        /** Sends one line (QEMU ends its lines with CRLF). */
        public void send(String line) throws IOException {
            sendRaw(line + "\r\n");
        }

        /** Sends bytes as they are, with no line end. */
        public void sendRaw(String text) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) ch.write(b);
        }

        /** The next request; null when the client hung up. */
        public JsonObject read() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                if (!in.hasRemaining()) {
                    in.clear();
                    int n = ch.read(in);
                    in.flip();
                    if (n < 0) return null;
                    continue;
                }
                byte b = in.get();
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8).strip();
                    if (!text.isEmpty()) return JsonParser.parseString(text).getAsJsonObject();
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }

        /** Reads a request and checks that it runs {@code command}. */
        public JsonObject expect(String command) throws IOException {
            JsonObject r = read();
            if (r == null) throw new AssertionError("fake QMP: expected '" + command + "', the client hung up");
            String got = r.get("execute").getAsString();
            if (!got.equals(command))
                throw new AssertionError("fake QMP: expected '" + command + "', got '" + got + "': " + r);
            return r;
        }

        public void reply(JsonObject request, JsonElement value) throws IOException {
            JsonObject m = new JsonObject();
            m.add("return", value);
            if (request.has("id")) m.add("id", request.get("id"));
            send(m.toString());
        }

        public void error(JsonObject request, String errorClass, String desc) throws IOException {
            JsonObject e = new JsonObject();
            e.addProperty("class", errorClass);
            e.addProperty("desc", desc);
            JsonObject m = new JsonObject();
            if (request.has("id")) m.add("id", request.get("id"));
            m.add("error", e);
            send(m.toString());
        }

        public void event(String name, JsonObject data) throws IOException {
            JsonObject m = new JsonObject();
            m.addProperty("event", name);
            if (data != null) m.add("data", data);
            JsonObject ts = new JsonObject();
            long now = System.currentTimeMillis();
            ts.addProperty("seconds", now / 1000);
            ts.addProperty("microseconds", (now % 1000) * 1000);
            m.add("timestamp", ts);
            send(m.toString());
        }

        /**
         * Answers requests until the client hangs up: {@code handler} returns the {@code return} value, or throws
         * {@link Refusal} for a QMP error.
         */
        public void serve(Function<JsonObject, JsonElement> handler) throws IOException {
            for (JsonObject r; (r = read()) != null; ) {
                try {
                    reply(r, handler.apply(r));
                } catch (Refusal e) {
                    error(r, e.errorClass, e.getMessage());
                }
            }
        }

        public void close() throws IOException {
            ch.close();
        }
    }

    /** Thrown by a {@link Peer#serve} handler to answer with a QMP error. */
    public static final class Refusal extends RuntimeException {
        final String errorClass;

        public Refusal(String errorClass, String desc) {
            super(desc);
            this.errorClass = errorClass;
        }
    }
}
