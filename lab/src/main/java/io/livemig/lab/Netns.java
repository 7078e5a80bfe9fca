package io.livemig.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A private network namespace held open by a sleeping process ({@code unshare -n}), its loopback up and shaped with
 * a token bucket: both QEMUs run in it ({@code nsenter}) and migrate over its loopback, so the link rate is the
 * tbf rate and nothing else on the machine shares it. QMP and the serial consoles are unix sockets in the file
 * system, reachable from outside the namespace.
 */
final class Netns implements AutoCloseable {
    /** The tbf bucket: at least 64 KiB, or tbf stalls a sender that writes 64 KiB segments. */
    static final String BURST = "256kb";

    private final Process holder;

    private Netns(Process holder) {
        this.holder = holder;
    }

    /** A namespace with its loopback shaped to {@code linkMbit} Mbit/s. */
    static Netns shaped(int linkMbit) {
        Process p;
        try {
            p = Host.start(
                    new ProcessBuilder(Host.command("unshare", "-n", "sleep", "infinity")).redirectErrorStream(true));
        } catch (IOException e) {
            throw new UncheckedIOException("unshare: " + e.getMessage(), e);
        }
        Netns ns = new Netns(p);
        try {
            // unshare execs sleep in the same process, so its pid names the namespace; wait until it has switched
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!ns.ready()) {
                if (!p.isAlive())
                    throw new IllegalStateException(
                            "unshare -n failed (exit " + p.exitValue() + "): network namespaces need root");
                if (System.nanoTime() > deadline) throw new IllegalStateException("unshare -n: no namespace after 5 s");
                Thread.sleep(10);
            }
            Host.run(ns.inside(Host.command("ip", "link", "set", "lo", "up")), 10);
            Host.run(
                    ns.inside(Host.command(
                            "tc",
                            "qdisc",
                            "add",
                            "dev",
                            "lo",
                            "root",
                            "tbf",
                            "rate",
                            linkMbit + "mbit",
                            "burst",
                            BURST,
                            "latency",
                            "100ms")),
                    10);
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        } catch (InterruptedException e) {
            ns.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private boolean ready() {
        try {
            String self = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/net"))
                    .toString();
            String other = java.nio.file.Files.readSymbolicLink(
                            java.nio.file.Path.of("/proc/" + holder.pid() + "/ns/net"))
                    .toString();
            return !self.equals(other)
                    && holder.info().command().map(c -> c.endsWith("sleep")).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code argv} run inside the namespace. */
    List<String> inside(List<String> argv) {
        List<String> out = new ArrayList<>(Host.command("nsenter", "-t", Long.toString(holder.pid()), "-n", "--"));
        out.addAll(argv);
        return out;
    }

    /** The qdisc as {@code tc} reports it (for the record). */
    String qdisc() {
        return Host.run(inside(Host.command("tc", "qdisc", "show", "dev", "lo")), 10)
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        holder.destroy();
        try {
            if (!holder.waitFor(5, TimeUnit.SECONDS)) holder.destroyForcibly();
        } catch (InterruptedException e) {
            holder.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Host.forget(holder);
    }
}
