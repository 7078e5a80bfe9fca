package io.livemig.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The guest's serial console (a QEMU chardev unix socket), read on a daemon thread. Each line the workload prints
 * ({@code lab/guest/lmwork.c}) is kept with the host's {@link System#nanoTime()} at its arrival, which ties the
 * guest's clock to the host's.
 */
final class SerialLog implements AutoCloseable {
    /** One unit the guest ran: its number, when its writes started and ended (guest µs), and what it wrote. */
    record Unit(long k, long startMicros, long endMicros, long pages, String hash, long hostNanos) {}

    /** A run of region pages on consecutive guest-physical frames. */
    record FrameRun(long firstRegionPage, long firstFrame, long count) {}

    private final SocketChannel channel;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();
    private final List<Unit> units = new ArrayList<>();
    private final List<FrameRun> frames = new ArrayList<>();
    private long readyMicros = -1;
    private String failure;

    private SerialLog(SocketChannel channel) {
        this.channel = channel;
        this.reader = new Thread(this::read, "lab-serial");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to the socket QEMU serves, retrying while QEMU starts. */
    static SerialLog connect(Path socket, Process qemu, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            try {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.connect(UnixDomainSocketAddress.of(socket));
                return new SerialLog(c);
            } catch (IOException e) {
                if (!qemu.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("serial console " + socket + ": cannot connect: " + e.getMessage());
                }
                Thread.sleep(20);
            }
        }
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                line = line.replace("\r", "");
                synchronized (this) {
                    lines.add(line);
                    parse(line, now);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // QEMU went away: the lines so far stay
        }
    }

    private void parse(String line, long now) {
        String[] f = line.trim().split("\\s+");
        if (line.contains("Kernel panic") || line.startsWith("LM EXIT")) failure = line.trim();
        if (f.length < 2 || !f[0].equals("LM")) return;
        try {
            switch (f[1]) {
                case "U" ->
                    units.add(new Unit(
                            Long.parseLong(f[2]),
                            Long.parseLong(f[3]),
                            Long.parseLong(f[4]),
                            Long.parseLong(f[5]),
                            f[6],
                            now));
                case "PFN" ->
                    frames.add(new FrameRun(Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
                case "READY" -> readyMicros = Long.parseLong(f[2]);
                default -> {}
            }
        } catch (RuntimeException e) {
            failure = "unreadable workload line: " + line.trim();
        }
    }

    /** Waits until the guest has run unit {@code k}; an error with the console's last lines if it fails or times out. */
    synchronized void awaitUnit(long k, int timeoutSeconds, Process qemu) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (units.isEmpty() || units.get(units.size() - 1).k() < k) {
            if (failure != null) throw new IllegalStateException("guest failed: " + failure + tail());
            if (!qemu.isAlive())
                throw new IllegalStateException(
                        "QEMU exited (" + qemu.exitValue() + ") before the workload ran" + tail());
            long left = deadline - System.nanoTime();
            if (left <= 0)
                throw new IllegalStateException(
                        "the guest's workload did not reach unit " + k + " within " + timeoutSeconds + " s" + tail());
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    synchronized List<Unit> units() {
        return List.copyOf(units);
    }

    synchronized List<FrameRun> frames() {
        return List.copyOf(frames);
    }

    synchronized long readyMicros() {
        return readyMicros;
    }

    /** The console's last lines, for an error message. */
    synchronized String tail() {
        List<String> last = lines.subList(Math.max(0, lines.size() - 8), lines.size());
        return last.isEmpty() ? " (the console printed nothing)" : "; console: " + String.join(" | ", last);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            /* closing anyway */
        }
    }
}
