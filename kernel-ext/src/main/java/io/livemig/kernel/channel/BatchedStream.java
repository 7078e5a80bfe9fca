package io.livemig.kernel.channel;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;

/**
 * A cell's stdout or stderr, sent as IOPub {@code stream} messages in batches: whatever was written in the last
 * {@value #FLUSH_MILLIS} ms, or {@value #MAX_BATCH_BYTES} bytes as soon as that much is waiting. jjava sends one
 * message per {@code println}, so a cell printing 100 000 lines queued 100 000 messages; ZeroMQ's PUB socket drops
 * what exceeds its queue, which lost most lines and the final {@code idle} status. Batching is how ipykernel keeps
 * up; nothing is dropped here: a write waits for the lock while a batch is being sent.
 *
 * <p>{@link #flush()} (which {@code System.out.flush()} and every {@code println} of an auto-flushing stream call)
 * only makes sure a batch goes out soon; {@link #drain()} sends everything now, and the kernel calls it before a
 * display, an error or the cell's result so outputs keep their order. A batch never splits a UTF-8 character.
 */
public final class BatchedStream extends OutputStream {

    /** How long written text may wait before it is sent. */
    public static final long FLUSH_MILLIS = 50;
    /** Bytes that are sent at once, without waiting for the timer. */
    public static final int MAX_BATCH_BYTES = 64 * 1024;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "livemig-stream-flush");
        t.setDaemon(true);
        return t;
    });

    private final BiConsumer<ShellReplyEnvironment, String> send;
    private byte[] buffer = new byte[8192];
    private int count;
    private ShellReplyEnvironment env;
    private boolean flushScheduled;

    /**
     * @param send publishes one batch, e.g. {@code ShellReplyEnvironment::writeToStdOut}
     */
    public BatchedStream(BiConsumer<ShellReplyEnvironment, String> send) {
        this.send = send;
    }

    /** Output from now on belongs to this request. */
    public synchronized void attach(ShellReplyEnvironment env) {
        this.env = env;
    }

    /** Sends what is left and stops sending: output written later (by a stray thread) is discarded. */
    public synchronized void detach(ShellReplyEnvironment env) {
        drain();
        if (this.env == env) {
            this.env = null;
        }
    }

    @Override
    public synchronized void write(int b) {
        ensureCapacity(count + 1);
        buffer[count++] = (byte) b;
        written();
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        ensureCapacity(count + length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
        written();
    }

    private void written() {
        if (env == null) {
            count = 0; // no request to send it to, as jjava's stream does
            return;
        }
        if (count >= MAX_BATCH_BYTES) {
            send(completeCharacters());
        } else {
            scheduleFlush();
        }
    }

    @Override
    public synchronized void flush() {
        if (count > 0) {
            scheduleFlush();
        }
    }

    /** Sends everything written so far, now (an incomplete UTF-8 character at the end goes too). */
    public synchronized void drain() {
        send(count);
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            TIMER.schedule(this::timerFlush, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void timerFlush() {
        flushScheduled = false;
        send(completeCharacters());
    }

    /** Sends the first {@code length} bytes and keeps the rest. */
    private void send(int length) {
        if (length <= 0) {
            return;
        }
        String text = new String(buffer, 0, length, StandardCharsets.UTF_8);
        System.arraycopy(buffer, length, buffer, 0, count - length);
        count -= length;
        if (env != null) {
            send.accept(env, text);
        }
        if (count > 0) {
            scheduleFlush();
        }
    }

    /** The length of the buffer's prefix that ends on a character boundary. */
    private int completeCharacters() {
        int end = count;
        int back = 0;
        // at most 3 continuation bytes (10xxxxxx) precede a lead byte; stop before an unfinished sequence
        while (back < 4 && end - back - 1 >= 0) {
            int b = buffer[end - back - 1] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > back + 1 ? end - back - 1 : end;
            }
            back++;
        }
        return end;
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
