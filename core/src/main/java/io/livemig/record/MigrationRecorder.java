package io.livemig.record;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.livemig.Check;
import io.livemig.LivemigException;
import io.livemig.qmp.QmpClient;
import io.livemig.qmp.QmpEvent;
import io.livemig.units.DataRate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows one migration over QMP and returns a {@link MeasuredMigration}: it polls {@code query-migrate} every
 * {@link Settings#poll()} (50–100 ms) and listens for {@code MIGRATION_PASS}, which QEMU sends at each dirty-bitmap
 * sync when the {@code events} capability is on. The iteration boundaries are the events' timestamps (QEMU's clock),
 * or, when events are off (a migration already running when the recorder came), the first poll that shows a new
 * {@code dirty-sync-count}; bytes and pages per iteration are interpolated between the polls around each boundary.
 *
 * <p>It follows a migration the user starts, or starts one ({@link Settings#uri()}) after turning {@code events} on and
 * setting {@code downtime-limit} and {@code max-bandwidth} if given. A migration still running after
 * {@link Settings#timeout()} is cancelled if the recorder started it and recorded as not converged.
 */
public final class MigrationRecorder {
    /** {@code query-migrate} statuses of a migration under way (QEMU's {@code MigrationStatus}). */
    public static final Set<String> ACTIVE = Set.of(
            "setup",
            "active",
            "pre-switchover",
            "device",
            "wait-unplug",
            "cancelling",
            "postcopy-active",
            "postcopy-paused",
            "postcopy-recover-setup",
            "postcopy-recover",
            "colo");
    /** Statuses that end a migration. */
    public static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

    private final QmpClient qmp;

    public MigrationRecorder(QmpClient qmp) {
        this.qmp = Check.notNull("qmp", qmp);
    }

    /**
     * @param poll          how often to poll {@code query-migrate} (10 ms … 1 s; 50–100 ms resolves QEMU's shortest rounds)
     * @param uri           start a migration to this URI (e.g. {@code tcp:127.0.0.1:4444}); empty: follow one the user starts
     * @param downtimeLimit set QEMU's {@code downtime-limit} before starting
     * @param maxBandwidth  set QEMU's {@code max-bandwidth} before starting
     * @param waitForStart  how long to wait for the user's migration to appear
     * @param timeout       how long a migration may run before it is recorded as not converging
     */
    public record Settings(
            Duration poll,
            Optional<String> uri,
            Optional<Duration> downtimeLimit,
            Optional<DataRate> maxBandwidth,
            Duration waitForStart,
            Duration timeout) {
        public Settings {
            Check.that(
                    poll.toMillis() >= 10 && poll.toMillis() <= 1000,
                    "poll interval must be in [10 ms, 1 s], got " + poll.toMillis() + " ms");
            Check.notNull("uri", uri);
            downtimeLimit.ifPresent(
                    d -> Check.that(d.toMillis() > 0, "downtime limit must be > 0 ms, got " + d.toMillis() + " ms"));
            maxBandwidth.ifPresent(r -> Check.that(
                    r.bytesPerSecond() > 0 && Double.isFinite(r.bytesPerSecond()),
                    "max bandwidth must be a finite rate > 0, got " + r));
            Check.that(!waitForStart.isNegative(), "wait must be >= 0 s");
            Check.that(timeout.toMillis() > 0, "timeout must be > 0 s, got " + timeout.toSeconds() + " s");
        }

        public static Settings follow() {
            return new Settings(
                    Duration.ofMillis(50),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(60),
                    Duration.ofMinutes(10));
        }
    }

    /** One {@code query-migrate} reading, on the recorder's clock mapped to wall time. */
    record Poll(
            Instant at,
            String status,
            long totalTimeMs,
            long transferred,
            long remaining,
            long normal,
            long zero,
            long syncs,
            double mbps) {}

    /**
     * Records one migration.
     *
     * @param progress called after every poll with a one-line status (recorder thread)
     * @param stop     turns true to stop following (Ctrl-C); the record then ends "interrupted"
     * @throws LivemigException if asked to start a migration while one runs, if none starts within the wait, or if QEMU refuses
     */
    public MeasuredMigration record(Settings s, Consumer<String> progress, BooleanSupplier stop) {
        List<QmpEvent> passes = new CopyOnWriteArrayList<>();
        Consumer<QmpEvent> listener = e -> {
            if (e.name().equals("MIGRATION_PASS")) passes.add(e);
        };
        qmp.addEventListener(listener);
        try {
            return follow(s, progress == null ? x -> {} : progress, stop, passes);
        } finally {
            qmp.removeEventListener(listener);
        }
    }

    private MeasuredMigration follow(
            Settings s, Consumer<String> progress, BooleanSupplier stop, List<QmpEvent> passes) {
        String before = status(qmp.execute("query-migrate"));
        boolean started = s.uri().isPresent();
        if (started) {
            if (ACTIVE.contains(before)) {
                throw new LivemigException(
                        "QMP socket " + qmp.socket() + ": a migration is already in progress (query-migrate: '" + before
                                + "'); follow it without --uri, or wait for it to end");
            }
            setEvents();
            JsonObject params = new JsonObject();
            s.downtimeLimit().ifPresent(d -> params.addProperty("downtime-limit", d.toMillis()));
            s.maxBandwidth().ifPresent(r -> params.addProperty("max-bandwidth", (long) Math.ceil(r.bytesPerSecond())));
            if (params.size() > 0) qmp.execute("migrate-set-parameters", params);
            JsonObject m = new JsonObject();
            m.addProperty("uri", s.uri().get());
            qmp.execute("migrate", m);
        } else if (!ACTIVE.contains(before)) {
            setEvents();
        }
        boolean events = eventsOn();
        JsonObject mp = qmp.execute("query-migrate-parameters");
        long downtimeLimit = mp.has("downtime-limit") ? mp.get("downtime-limit").getAsLong() : -1;
        long maxBandwidth = mp.has("max-bandwidth") ? mp.get("max-bandwidth").getAsLong() : -1;
        long memory = memoryBytes();

        List<Poll> polls = new ArrayList<>();
        long waitUntil = System.nanoTime() + s.waitForStart().toNanos();
        long t0 = -1;
        String stopReason = null;
        JsonObject last = null;
        while (true) {
            JsonObject q = qmp.execute("query-migrate");
            Instant now = Instant.now();
            String st = status(q);
            boolean running = ACTIVE.contains(st);
            boolean ended = FINAL.contains(st) && (t0 >= 0 || started);
            if (running || ended) {
                if (t0 < 0) t0 = System.nanoTime();
                polls.add(poll(q, now));
                last = q;
                progress.accept(line(polls.get(polls.size() - 1)));
            }
            if (ended) {
                stopReason = st.equals("completed")
                        ? "completed"
                        : st + (q.has("error-desc") ? ": " + q.get("error-desc").getAsString() : "");
                break;
            }
            if (stop.getAsBoolean()) {
                stopReason = "interrupted";
                break;
            }
            if (t0 < 0 && System.nanoTime() > waitUntil) {
                throw new LivemigException("QMP socket " + qmp.socket() + ": no migration started within "
                        + DirtyRateRecorder.millis(s.waitForStart()) + " (query-migrate: '" + st
                        + "'); start one (QMP 'migrate') or give --uri");
            }
            if (t0 >= 0 && System.nanoTime() - t0 > s.timeout().toNanos()) {
                stopReason = "timeout after " + DirtyRateRecorder.millis(s.timeout());
                if (started) {
                    qmp.execute("migrate_cancel");
                    stopReason += " (cancelled)";
                }
                break;
            }
            sleep(s.poll());
        }
        if (!events) passes.clear();
        return build(
                last == null ? new JsonObject() : last, polls, passes, stopReason, memory, downtimeLimit, maxBandwidth);
    }

    private void setEvents() {
        JsonObject cap = new JsonObject();
        cap.addProperty("capability", "events");
        cap.addProperty("state", true);
        JsonArray caps = new JsonArray();
        caps.add(cap);
        JsonObject args = new JsonObject();
        args.add("capabilities", caps);
        qmp.execute("migrate-set-capabilities", args);
    }

    private boolean eventsOn() {
        for (var e : qmp.call("query-migrate-capabilities", null, QmpClient.DEFAULT_TIMEOUT)
                .getAsJsonArray()) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("capability").getAsString().equals("events"))
                return c.get("state").getAsBoolean();
        }
        return false;
    }

    private long memoryBytes() {
        JsonObject m = qmp.execute("query-memory-size-summary");
        return (m.has("base-memory") ? m.get("base-memory").getAsLong() : 0)
                + (m.has("plugged-memory") ? m.get("plugged-memory").getAsLong() : 0);
    }

    MeasuredMigration build(
            JsonObject last,
            List<Poll> polls,
            List<QmpEvent> passes,
            String stopReason,
            long memory,
            long downtimeLimit,
            long maxBandwidth) {
        String status = status(last);
        JsonObject ram = last.has("ram") ? last.getAsJsonObject("ram") : new JsonObject();
        long pageSize = ram.has("page-size") ? ram.get("page-size").getAsLong() : 4096;
        boolean completed = status.equals("completed");
        double total =
                completed && last.has("total-time") ? last.get("total-time").getAsLong() / 1000.0 : Double.NaN;
        double downtime =
                completed && last.has("downtime") ? last.get("downtime").getAsLong() / 1000.0 : Double.NaN;
        double setup = last.has("setup-time") ? last.get("setup-time").getAsLong() / 1000.0 : Double.NaN;
        Poll end = polls.isEmpty() ? null : polls.get(polls.size() - 1);
        List<MeasuredMigration.Iteration> its =
                end == null ? List.of() : iterations(polls, passes, memory / pageSize, pageSize);
        return new MeasuredMigration(
                status,
                completed,
                stopReason,
                memory,
                downtimeLimit,
                maxBandwidth,
                total,
                downtime,
                setup,
                longOf(ram, "transferred"),
                longOf(ram, "normal"),
                longOf(ram, "duplicate"),
                longOf(ram, "dirty-sync-count"),
                ram.has("mbps") ? ram.get("mbps").getAsDouble() : Double.NaN,
                qmp.greeting().version().toString(),
                its);
    }

    /** Iteration rows from the sync instants (events, else the polls where the sync count grew). */
    static List<MeasuredMigration.Iteration> iterations(
            List<Poll> polls, List<QmpEvent> passes, long memoryPages, long pageSize) {
        Poll first = polls.get(0);
        Instant start = first.at().minusMillis(first.totalTimeMs());
        Poll end = polls.get(polls.size() - 1);
        Instant stop =
                FINAL.contains(end.status()) && end.totalTimeMs() > 0 ? start.plusMillis(end.totalTimeMs()) : end.at();
        if (stop.isBefore(end.at())) {
            // the final counters hold at completion, not at the (later) poll that read them
            polls = new ArrayList<>(polls);
            Poll last = polls.remove(polls.size() - 1);
            polls.add(new Poll(
                    stop.isAfter(
                                    polls.isEmpty()
                                            ? start
                                            : polls.get(polls.size() - 1).at())
                            ? stop
                            : last.at(),
                    last.status(),
                    last.totalTimeMs(),
                    last.transferred(),
                    last.remaining(),
                    last.normal(),
                    last.zero(),
                    last.syncs(),
                    last.mbps()));
        }
        List<Instant> syncs = new ArrayList<>();
        List<Boolean> fromEvent = new ArrayList<>();
        if (!passes.isEmpty()) {
            for (QmpEvent e : passes) {
                syncs.add(e.timestamp().isBefore(start) ? start : e.timestamp());
                fromEvent.add(true);
            }
        } else {
            long seen = 0;
            for (Poll p : polls) {
                if (p.syncs() > seen) {
                    syncs.add(seen == 0 ? start : p.at());
                    fromEvent.add(false);
                    seen = p.syncs();
                }
            }
        }
        if (syncs.isEmpty()) {
            syncs.add(start);
            fromEvent.add(false);
        }
        // Event and poll clocks differ by a little: keep the instants in order, so the rows partition the migration
        // and add up to the final counters exactly (the first row starts at 0, the last ends at completion).
        for (int i = 1; i < syncs.size(); i++)
            if (syncs.get(i).isBefore(syncs.get(i - 1))) syncs.set(i, syncs.get(i - 1));
        int n = syncs.size();
        double[][] counters = new double[3][n + 1];
        List<java.util.function.ToLongFunction<Poll>> fs = List.of(Poll::transferred, Poll::normal, Poll::zero);
        for (int c = 0; c < 3; c++) {
            counters[c][0] = 0;
            for (int i = 1; i < n; i++)
                counters[c][i] = Math.max(counters[c][i - 1], at(polls, syncs.get(i), fs.get(c)));
            counters[c][n] = Math.max(counters[c][n - 1], fs.get(c).applyAsLong(polls.get(polls.size() - 1)));
        }
        List<MeasuredMigration.Iteration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant a = syncs.get(i), b = i + 1 < n ? syncs.get(i + 1) : stop;
            if (b.isBefore(a)) b = a;
            // only a poll taken before the next sync shows what this sync left pending
            long sync = i + 1;
            Optional<Poll> next = i == 0
                    ? Optional.empty()
                    : after(polls, a).filter(p -> ACTIVE.contains(p.status()) && p.syncs() == sync);
            long pending = i == 0
                    ? memoryPages
                    : next.map(p -> p.remaining() / pageSize).orElse(-1L);
            out.add(new MeasuredMigration.Iteration(
                    i + 1,
                    seconds(start, a),
                    seconds(a, b),
                    pending,
                    Math.round(counters[0][i + 1]) - Math.round(counters[0][i]),
                    Math.round(counters[1][i + 1]) - Math.round(counters[1][i]),
                    Math.round(counters[2][i + 1]) - Math.round(counters[2][i]),
                    fromEvent.get(i),
                    next.isPresent()));
        }
        return out;
    }

    private static Optional<Poll> after(List<Poll> polls, Instant t) {
        for (Poll p : polls) if (!p.at().isBefore(t)) return Optional.of(p);
        return Optional.empty();
    }

    /** A counter at time t, linear between the polls around it (0 before the migration, the last value after). */
    private static double at(List<Poll> polls, Instant t, java.util.function.ToLongFunction<Poll> f) {
        Poll prev = null;
        for (Poll p : polls) {
            if (!p.at().isBefore(t)) {
                if (prev == null) {
                    Instant start = p.at().minusMillis(p.totalTimeMs());
                    double span = seconds(start, p.at());
                    return span <= 0 ? f.applyAsLong(p) : f.applyAsLong(p) * Math.max(0, seconds(start, t)) / span;
                }
                double span = seconds(prev.at(), p.at());
                double frac = span <= 0 ? 1 : seconds(prev.at(), t) / span;
                return f.applyAsLong(prev) + frac * (f.applyAsLong(p) - f.applyAsLong(prev));
            }
            prev = p;
        }
        return prev == null ? 0 : f.applyAsLong(prev);
    }

    private static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e9;
    }

    private static Poll poll(JsonObject q, Instant at) {
        JsonObject ram = q.has("ram") ? q.getAsJsonObject("ram") : new JsonObject();
        return new Poll(
                at,
                status(q),
                q.has("total-time") ? q.get("total-time").getAsLong() : 0,
                longOf(ram, "transferred"),
                longOf(ram, "remaining"),
                longOf(ram, "normal"),
                longOf(ram, "duplicate"),
                longOf(ram, "dirty-sync-count"),
                ram.has("mbps") ? ram.get("mbps").getAsDouble() : 0);
    }

    private static String line(Poll p) {
        return String.format(
                java.util.Locale.ROOT,
                "%s %.1f s: %.1f MiB sent, %.1f MiB pending, sync %d, %.0f Mbit/s",
                p.status(),
                p.totalTimeMs() / 1000.0,
                p.transferred() / 1048576.0,
                p.remaining() / 1048576.0,
                p.syncs(),
                p.mbps());
    }

    private static long longOf(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsLong() : 0;
    }

    static String status(JsonObject q) {
        return q.has("status") ? q.get("status").getAsString() : "none";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LivemigException("record migration: interrupted");
        }
    }
}
