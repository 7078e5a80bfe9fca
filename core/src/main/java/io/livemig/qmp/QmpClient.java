package io.livemig.qmp;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One QMP connection to a QEMU monitor socket ({@code -qmp unix:PATH,server=on,wait=off}).
 *
 * <p>{@link #connect(Path, Duration)} reads the greeting and negotiates capabilities; {@link #execute} sends a
 * command and waits for its reply. A daemon thread reads the socket: it matches replies to commands by
 * {@code id}, keeps events in a bounded buffer for {@link #awaitEvent} and hands them to listeners. Commands may
 * be sent from several threads. A connection that failed (QEMU closed it, or sent a line that is not QMP)
 * stays failed: every later call throws an exception naming the command and the first cause.
 *
 * <p>QEMU serves one QMP client per socket at a time; a second client connects but gets no greeting until the
 * first leaves, which shows here as a {@link QmpTimeoutException} from {@code connect}.
 */
public final class QmpClient implements AutoCloseable {
    /** Time allowed for the greeting and for a command when the caller gives none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Events kept for {@link #awaitEvent} before the oldest are dropped (a client that never reads them must not grow without bound). */
    public static final int EVENT_BUFFER = 4096;
    // a peer that streams bytes without a newline is not QMP; stop before it exhausts the heap
    private static final int MAX_MESSAGE_BYTES = 64 << 20;
    private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);

    private final Path socket;
    private final SocketChannel channel;
    private final Thread reader;
    private final CompletableFuture<QmpGreeting> greetingFuture = new CompletableFuture<>();
    private final Object writeLock = new Object();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ReentrantLock eventLock = new ReentrantLock();
    private final Condition eventArrived = eventLock.newCondition();
    private final Deque<QmpEvent> events = new ArrayDeque<>();
    private final List<Consumer<QmpEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile QmpGreeting greeting;
    /** Why the connection ended; null while it is open. The first cause wins. */
    private volatile Ending ending;

    private record Pending(String command, CompletableFuture<JsonObject> reply) {}

    /** How the connection ended: a protocol failure, QEMU closing it, or the client closing it. */
    private record Ending(boolean protocol, String reason, Throwable cause) {}

    private QmpClient(Path socket, SocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
        this.reader = new Thread(this::readLoop, "qmp-reader " + socket.getFileName());
        this.reader.setDaemon(true);
    }

    /** {@link #connect(Path, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static QmpClient connect(Path socket) {
        return connect(socket, DEFAULT_TIMEOUT);
    }

    /**
     * Connects, reads the greeting and sends {@code qmp_capabilities}, each within {@code timeout}.
     *
     * @throws QmpConnectionException if the socket does not exist or refuses the connection
     * @throws QmpProtocolException if the peer's first message is not a QMP greeting
     * @throws QmpTimeoutException if no greeting comes within {@code timeout} (not a QMP socket, or another client holds it)
     */
    public static QmpClient connect(Path socket, Duration timeout) {
        Objects.requireNonNull(socket, "socket");
        checkTimeout(timeout);
        if (!Files.exists(socket)) throw new QmpConnectionException(socket, "no such file", null);
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new QmpConnectionException(socket, "cannot open a unix-domain socket: " + e.getMessage(), e);
        }
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            closeQuietly(channel);
            String what = Files.isRegularFile(socket) || Files.isDirectory(socket)
                    ? "not a socket"
                    : String.valueOf(e.getMessage());
            throw new QmpConnectionException(socket, "cannot connect (" + what + ")", e);
        }
        QmpClient client = new QmpClient(socket, channel);
        client.reader.start();
        try {
            client.greeting = client.awaitGreeting(timeout);
            client.execute("qmp_capabilities", null, timeout);
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private QmpGreeting awaitGreeting(Duration timeout) {
        try {
            return greetingFuture.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new QmpTimeoutException(
                    socket,
                    "no QMP greeting within " + format(timeout)
                            + " (not a QMP socket, or another client is connected to it)",
                    timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpInterruptedException(socket, "interrupted while waiting for the QMP greeting", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause(), "the QMP greeting");
        }
    }

    /** The socket this client is connected to. */
    public Path socket() {
        return socket;
    }

    /** QEMU's greeting: its version and capabilities. */
    public QmpGreeting greeting() {
        return greeting;
    }

    /** True until the connection fails or {@link #close()} is called. */
    public boolean isOpen() {
        return ending == null;
    }

    /** {@link #execute(String, JsonObject, Duration)} without arguments and with {@link #DEFAULT_TIMEOUT}. */
    public JsonObject execute(String command) {
        return execute(command, null, DEFAULT_TIMEOUT);
    }

    /** {@link #execute(String, JsonObject, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public JsonObject execute(String command, JsonObject arguments) {
        return execute(command, arguments, DEFAULT_TIMEOUT);
    }

    /**
     * Runs a command whose reply is a JSON object (most are; {@code {}} for commands that return nothing).
     *
     * @param arguments the command's {@code arguments}, or null for none
     * @return the reply's {@code return} member
     * @throws QmpCommandException if QEMU answers with an error (its class and desc are in the message)
     * @throws QmpProtocolException if the return value is not a JSON object (use {@link #call}) or the peer sent garbage
     * @throws QmpTimeoutException if no reply comes within {@code timeout}; the connection stays usable
     * @throws QmpConnectionException if the connection is or becomes closed
     * @throws IllegalStateException if called from an event listener (the reply could never be read)
     */
    public JsonObject execute(String command, JsonObject arguments, Duration timeout) {
        JsonElement value = call(command, arguments, timeout);
        if (!value.isJsonObject()) {
            throw new QmpProtocolException(
                    socket, "'" + command + "' returned " + kind(value) + ", expected an object", null);
        }
        return value.getAsJsonObject();
    }

    /**
     * Runs a command and returns its {@code return} member whatever its JSON type ({@code query-commands} returns
     * an array). Failures as in {@link #execute(String, JsonObject, Duration)}.
     */
    public JsonElement call(String command, JsonObject arguments, Duration timeout) {
        Objects.requireNonNull(command, "command");
        checkTimeout(timeout);
        if (Thread.currentThread() == reader) {
            throw new IllegalStateException("QMP socket " + socket + ": '" + command
                    + "' sent from an event listener; the reader thread cannot wait for its own reply");
        }
        Ending end = ending;
        if (end != null) throw endedException(end, "cannot send '" + command + "'");
        long id = ids.incrementAndGet();
        Pending p = new Pending(command, new CompletableFuture<>());
        pending.put(id, p);
        JsonObject request = new JsonObject();
        request.addProperty("execute", command);
        if (arguments != null) request.add("arguments", arguments);
        request.addProperty("id", id);
        try {
            write(request.toString() + "\n", command);
            // the reader may have ended between the check above and put(): it failed every pending command then, or not
            end = ending;
            if (end != null && !p.reply.isDone()) throw endedException(end, "cannot send '" + command + "'");
            JsonObject reply = p.reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (reply.has("error")) {
                JsonObject error =
                        reply.get("error").isJsonObject() ? reply.getAsJsonObject("error") : new JsonObject();
                throw new QmpCommandException(
                        socket, command, string(error, "class", "(no class)"), string(error, "desc", "(no desc)"));
            }
            return reply.get("return");
        } catch (TimeoutException e) {
            throw new QmpTimeoutException(socket, "no reply to '" + command + "' within " + format(timeout), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpInterruptedException(
                    socket, "interrupted while waiting for the reply to '" + command + "'", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause(), "the reply to '" + command + "'");
        } finally {
            pending.remove(id);
        }
    }

    private void write(String line, String command) {
        ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        synchronized (writeLock) {
            try {
                while (buf.hasRemaining()) channel.write(buf);
            } catch (IOException e) {
                Ending end = ending;
                if (end != null) throw endedException(end, "cannot send '" + command + "'");
                throw new QmpConnectionException(socket, "cannot send '" + command + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * Calls {@code listener} for every event from now on, on the reader thread, in arrival order. A listener must
     * return quickly and must not call {@link #execute}; an exception it throws is reported on stderr and does not
     * stop the connection. Events are also buffered for {@link #awaitEvent}.
     */
    public void addEventListener(Consumer<QmpEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeEventListener(Consumer<QmpEvent> listener) {
        listeners.remove(listener);
    }

    /**
     * Takes the oldest buffered event called {@code name} (case-sensitive, as QEMU spells it), waiting up to
     * {@code timeout} for one to arrive. Events of other names stay buffered.
     *
     * @return the event, or empty if none arrived in time
     * @throws QmpConnectionException if the connection ends while waiting (buffered events are still returned first)
     */
    public Optional<QmpEvent> awaitEvent(String name, Duration timeout) {
        Objects.requireNonNull(name, "name");
        checkTimeout(timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        eventLock.lock();
        try {
            while (true) {
                for (Iterator<QmpEvent> it = events.iterator(); it.hasNext(); ) {
                    QmpEvent e = it.next();
                    if (e.name().equals(name)) {
                        it.remove();
                        return Optional.of(e);
                    }
                }
                Ending end = ending;
                if (end != null) throw endedException(end, "waiting for event " + name);
                long left = deadline - System.nanoTime();
                if (left <= 0) return Optional.empty();
                eventArrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpInterruptedException(socket, "interrupted while waiting for event " + name, e);
        } finally {
            eventLock.unlock();
        }
    }

    /** Takes every buffered event, oldest first. */
    public List<QmpEvent> drainEvents() {
        eventLock.lock();
        try {
            List<QmpEvent> all = new ArrayList<>(events);
            events.clear();
            return all;
        } finally {
            eventLock.unlock();
        }
    }

    /** Closes the socket; commands still waiting fail with a {@link QmpConnectionException}. Idempotent. */
    @Override
    public void close() {
        end(new Ending(false, "connection closed by the client", null));
        closeQuietly(channel);
        if (Thread.currentThread() != reader) {
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- reader thread ----

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (ending == null) {
                buf.clear();
                int n = channel.read(buf);
                if (n < 0) {
                    String partial = line.size() > 0
                            ? " in the middle of a message (" + line.size() + " bytes of it received)"
                            : "";
                    end(new Ending(false, "QEMU closed the connection" + partial, null));
                    return;
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        String text = line.toString(StandardCharsets.UTF_8).strip();
                        line.reset();
                        if (!text.isEmpty()) dispatch(text);
                        if (ending != null) return;
                    } else {
                        line.write(b);
                        if (line.size() > MAX_MESSAGE_BYTES) {
                            end(new Ending(
                                    true,
                                    "not QMP: a message longer than " + (MAX_MESSAGE_BYTES >> 20)
                                            + " MiB without a line end, starting "
                                            + snippet(line.toString(StandardCharsets.UTF_8)),
                                    null));
                            return;
                        }
                    }
                }
            }
        } catch (ClosedChannelException e) {
            end(new Ending(false, "connection closed by the client", e));
        } catch (IOException e) {
            end(new Ending(false, "connection lost: " + e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            end(new Ending(true, "reader failed: " + e, e));
            throw e;
        } finally {
            closeQuietly(channel);
        }
    }

    private void dispatch(String text) {
        JsonObject msg;
        try {
            msg = parseStrict(text);
        } catch (JsonParseException | IOException | IllegalStateException e) {
            end(new Ending(true, "not QMP: a line that is not a JSON object: " + snippet(text), e));
            return;
        }
        if (!greetingFuture.isDone()) {
            if (!msg.has("QMP")) {
                end(new Ending(
                        true, "not a QMP server: expected the greeting {\"QMP\": ...}, got " + snippet(text), null));
                return;
            }
            try {
                greetingFuture.complete(parseGreeting(msg.get("QMP")));
            } catch (RuntimeException e) {
                end(new Ending(
                        true,
                        "not a QMP server: malformed greeting " + snippet(text) + " (" + e.getMessage() + ")",
                        e));
            }
            return;
        }
        if (msg.has("event")) {
            onEvent(msg);
        } else if (msg.has("return") || msg.has("error")) {
            onReply(msg, text);
        } else {
            end(new Ending(true, "not QMP: a message that is neither a reply nor an event: " + snippet(text), null));
        }
    }

    /** One line as a JSON object, strictly: Gson's default leniency would read {@code SSH-2.0-OpenSSH} as a string. */
    private static JsonObject parseStrict(String text) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement el = ELEMENTS.read(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) throw new JsonParseException("text after the JSON value");
        if (!el.isJsonObject()) throw new JsonParseException("not an object");
        return el.getAsJsonObject();
    }

    private static QmpGreeting parseGreeting(JsonElement qmp) {
        JsonObject q = qmp.getAsJsonObject();
        JsonObject version = q.getAsJsonObject("version");
        JsonObject v = version.getAsJsonObject("qemu");
        String pkg = version.has("package") && version.get("package").isJsonPrimitive()
                ? version.get("package").getAsString()
                : "";
        List<String> caps = new ArrayList<>();
        if (q.has("capabilities") && q.get("capabilities").isJsonArray()) {
            for (JsonElement c : q.getAsJsonArray("capabilities")) caps.add(c.getAsString());
        }
        return new QmpGreeting(
                new QemuVersion(
                        v.get("major").getAsInt(),
                        v.get("minor").getAsInt(),
                        v.get("micro").getAsInt(),
                        pkg),
                caps);
    }

    private void onEvent(JsonObject msg) {
        String name = msg.get("event").getAsString();
        JsonObject data =
                msg.has("data") && msg.get("data").isJsonObject() ? msg.getAsJsonObject("data") : new JsonObject();
        Instant at = Instant.now();
        if (msg.has("timestamp") && msg.get("timestamp").isJsonObject()) {
            JsonObject ts = msg.getAsJsonObject("timestamp");
            try {
                at = Instant.ofEpochSecond(
                        ts.get("seconds").getAsLong(), ts.get("microseconds").getAsLong() * 1000);
            } catch (RuntimeException ignored) {
                /* keep the arrival time: a bad timestamp does not make the event useless */
            }
        }
        QmpEvent event = new QmpEvent(name, data, at);
        eventLock.lock();
        try {
            if (events.size() >= EVENT_BUFFER) events.removeFirst();
            events.addLast(event);
            eventArrived.signalAll();
        } finally {
            eventLock.unlock();
        }
        for (Consumer<QmpEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                System.err.println("QMP socket " + socket + ": listener for " + name + " failed: " + e);
            }
        }
    }

    private void onReply(JsonObject msg, String text) {
        JsonElement idEl = msg.get("id");
        Pending p = null;
        if (idEl != null && idEl.isJsonPrimitive() && ((JsonPrimitive) idEl).isNumber()) {
            p = pending.get(idEl.getAsLong());
        } else if (idEl == null && pending.size() == 1) {
            // QEMU answers a request it could not parse without an id; with one command outstanding it is that one's
            p = pending.values().iterator().next();
        } else if (idEl == null) {
            end(new Ending(
                    true,
                    "not QMP: a reply without an id while " + pending.size() + " commands wait: " + snippet(text),
                    null));
            return;
        }
        // no match: the reply to a command that timed out; nobody waits for it any more
        if (p != null) p.reply.complete(msg);
    }

    private void end(Ending end) {
        synchronized (this) {
            if (ending != null) return;
            ending = end;
        }
        QmpException reason = end.protocol
                ? new QmpProtocolException(socket, end.reason, end.cause)
                : new QmpConnectionException(socket, end.reason, end.cause);
        greetingFuture.completeExceptionally(reason);
        for (Pending p : pending.values()) p.reply.completeExceptionally(reason);
        eventLock.lock();
        try {
            eventArrived.signalAll();
        } finally {
            eventLock.unlock();
        }
    }

    // ---- helpers ----

    private QmpException endedException(Ending end, String what) {
        String message = what + ": " + end.reason;
        return end.protocol
                ? new QmpProtocolException(socket, message, end.cause)
                : new QmpConnectionException(socket, message, end.cause);
    }

    /** Re-creates the reader's failure in the caller's thread, so its stack shows the caller, naming what was awaited. */
    private QmpException rethrow(Throwable cause, String what) {
        Ending end = ending;
        if (end != null) return endedException(end, "while waiting for " + what);
        if (cause instanceof QmpException q) return q;
        return new QmpConnectionException(socket, "while waiting for " + what + ": " + cause, cause);
    }

    private static void checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
    }

    private static String string(JsonObject o, String key, String absent) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : absent;
    }

    private static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) return "nothing";
        if (e instanceof JsonArray) return "an array";
        return e.isJsonPrimitive() ? "a value (" + e + ")" : "an object";
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /** The first 80 characters of a peer's text, control characters escaped, quoted: enough to recognise it in one line. */
    static String snippet(String text) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(text.length(), 80);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        sb.append('\'');
        if (text.length() > n) sb.append("... (").append(text.length()).append(" chars)");
        return sb.toString();
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            /* nothing left to release */
        }
    }
}
