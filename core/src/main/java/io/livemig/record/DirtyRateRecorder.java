package io.livemig.record;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.livemig.Check;
import io.livemig.LivemigException;
import io.livemig.qmp.QemuVersion;
import io.livemig.qmp.QmpClient;
import io.livemig.qmp.QmpCommandException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Measures a live VM's dirty curve D(T) through QMP: one {@code calc-dirty-rate} per window length and repeat, each
 * read back with {@code query-dirty-rate}, then a {@link DirtyCurve} whose points carry their interval
 * ({@link DirtyCurve.Point#of}).
 *
 * <p>What QEMU offers, by version (QEMU's {@code qapi/migration.json}): {@code calc-dirty-rate} since 5.2 (whole
 * seconds); {@code sample-pages} since 6.1 and {@code mode} since 6.2; {@code calc-time-unit: millisecond} since 8.2
 * (windows 50 ms – 60 s). Before 8.2 windows are whole seconds (1 – 60 s): shorter ones are dropped with a note, and
 * the profile is linear from 0 below 1 s. The mode, unless given: {@code dirty-bitmap} (every page counted) when KVM
 * is on, {@code page-sampling} otherwise (under TCG the bitmap reads 0 and the ring needs KVM). {@code dirty-ring}
 * gives per-vCPU rates that count a page once per vCPU that wrote it, not unique pages, so it is never chosen.
 *
 * <p>Before measuring, the VM must be running, not migrating, and no other measurement may be under way (QEMU
 * measures one at a time). A {@code stop} signal (Ctrl-C) ends the measurement after the current poll: the windows
 * finished so far make a curve marked partial.
 */
public final class DirtyRateRecorder {
    /** 100 ms … 10 s: from the shortest iterations QEMU makes on a shaped link to a first pass of a few GiB. */
    public static final List<Duration> DEFAULT_WINDOWS = List.of(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10));
    /**
     * QEMU's maximum: one sampled page then stands for 256 KiB (64 pages) instead of 2 MiB at QEMU's default of 512.
     * Hashing 4096 pages per GiB twice per window is cheap next to the window itself.
     */
    public static final int DEFAULT_SAMPLE_PAGES = 4096;
    /**
     * Without it, the repeats of a window start at the same phase of a guest that dirties in cycles whenever one pass
     * over the windows lasts a whole number of cycles: the lab's bursty guest (2 s cycle) read 2× its mean D(0.1 s)
     * ten times in a row (docs/record.md).
     */
    public static final Duration DEFAULT_JITTER = Duration.ofSeconds(1);

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration RESULT_GRACE = Duration.ofSeconds(15);

    private final QmpClient qmp;

    public DirtyRateRecorder(QmpClient qmp) {
        this.qmp = Check.notNull("qmp", qmp);
    }

    /**
     * What to measure.
     *
     * @param windows           the window lengths T (at least one), any order
     * @param repeats           how many times each window is measured (the points average them)
     * @param samplePagesPerGiB page-sampling's sample size (QEMU accepts 128 … 4096)
     * @param mode              {@code auto}, {@code page-sampling}, {@code dirty-bitmap} or {@code dirty-ring}
     * @param name              the VM's name; empty: QEMU's {@code -name}, else {@code vm}
     * @param nonZeroPages      the VM's non-zero pages, when the user knows them (QMP does not say)
     * @param pageSizeBytes     guest page size
     * @param jitter            with repeats, a random pause in [0, jitter) before each window, so the repeats of a window
     *                          fall at different phases of a guest's periodic dirtying; zero: none
     */
    public record Settings(
            List<Duration> windows,
            int repeats,
            int samplePagesPerGiB,
            String mode,
            Optional<String> name,
            Optional<Double> nonZeroPages,
            int pageSizeBytes,
            Duration jitter) {
        /** The settings with {@link #DEFAULT_JITTER}. */
        public Settings(
                List<Duration> windows,
                int repeats,
                int samplePagesPerGiB,
                String mode,
                Optional<String> name,
                Optional<Double> nonZeroPages,
                int pageSizeBytes) {
            this(windows, repeats, samplePagesPerGiB, mode, name, nonZeroPages, pageSizeBytes, DEFAULT_JITTER);
        }

        public Settings {
            Check.notNull("jitter", jitter);
            Check.that(!jitter.isNegative(), "jitter must be >= 0, got " + jitter.toMillis() + " ms");
            Check.notNull("windows", windows);
            Check.that(!windows.isEmpty(), "windows: expected at least one window, got none");
            for (Duration w : windows)
                Check.that(!w.isNegative() && !w.isZero(), "window must be > 0, got " + w.toMillis() + " ms");
            Check.positive("repeats", repeats, "");
            Check.that(
                    samplePagesPerGiB >= 128 && samplePagesPerGiB <= 4096,
                    "sample pages must be in [128, 4096] per GiB (QEMU's range), got " + samplePagesPerGiB);
            Check.that(
                    List.of("auto", "page-sampling", "dirty-bitmap", "dirty-ring")
                            .contains(mode),
                    "mode must be one of auto, page-sampling, dirty-bitmap, dirty-ring; got '" + mode + "'");
            Check.positive("page size", pageSizeBytes, "B");
            windows = List.copyOf(new TreeSet<>(windows));
        }

        public static Settings defaults() {
            return new Settings(
                    DEFAULT_WINDOWS, 1, DEFAULT_SAMPLE_PAGES, "auto", Optional.empty(), Optional.empty(), 4096);
        }

        public Settings withWindows(List<Duration> w) {
            return new Settings(w, repeats, samplePagesPerGiB, mode, name, nonZeroPages, pageSizeBytes, jitter);
        }

        public Settings withRepeats(int r) {
            return new Settings(windows, r, samplePagesPerGiB, mode, name, nonZeroPages, pageSizeBytes, jitter);
        }

        public Settings withSamplePages(int s) {
            return new Settings(windows, repeats, s, mode, name, nonZeroPages, pageSizeBytes, jitter);
        }

        public Settings withMode(String m) {
            return new Settings(windows, repeats, samplePagesPerGiB, m, name, nonZeroPages, pageSizeBytes, jitter);
        }

        public Settings withName(String n) {
            return new Settings(
                    windows,
                    repeats,
                    samplePagesPerGiB,
                    mode,
                    Optional.ofNullable(n),
                    nonZeroPages,
                    pageSizeBytes,
                    jitter);
        }

        public Settings withNonZeroPages(Double p) {
            return new Settings(
                    windows, repeats, samplePagesPerGiB, mode, name, Optional.ofNullable(p), pageSizeBytes, jitter);
        }

        public Settings withJitter(Duration j) {
            return new Settings(windows, repeats, samplePagesPerGiB, mode, name, nonZeroPages, pageSizeBytes, j);
        }

        /** The measuring time alone (windows × repeats), without QEMU's and the polling overhead. */
        public Duration totalTime() {
            return windows.stream().reduce(Duration.ZERO, Duration::plus).multipliedBy(repeats);
        }
    }

    /**
     * Where the measurement is, for a progress bar.
     *
     * @param windowsDone   windows finished (over all repeats)
     * @param windowsTotal  windows planned (windows × repeats)
     * @param secondsDone   measuring time finished, seconds (windows done plus the elapsed part of the current one)
     * @param secondsTotal  measuring time planned, seconds
     * @param window        the current window
     * @param repeat        the current repeat, from 1
     */
    public record Progress(
            int windowsDone, int windowsTotal, double secondsDone, double secondsTotal, Duration window, int repeat) {}

    /** Hears the measurement: progress and notes. Called on the recording thread. */
    public interface Listener {
        default void progress(Progress p) {}

        default void note(String note) {}

        Listener NONE = new Listener() {};
    }

    /** What QEMU supports, found before measuring. */
    record Capabilities(QemuVersion version, boolean milliseconds, boolean modeArgument, boolean samplePagesArgument) {}

    /**
     * Measures the curve. Returns a partial curve (at least one window) when {@code stop} turns true midway.
     *
     * @throws LivemigException if QEMU is too old, the VM is paused or migrating, another measurement is running,
     *                          QEMU refuses a window (naming it), or {@code stop} came before any window finished
     * @throws io.livemig.qmp.QmpException if the connection fails
     */
    public DirtyCurve record(Settings settings, Listener listener, BooleanSupplier stop) {
        Check.notNull("settings", settings);
        Listener l = listener == null ? Listener.NONE : listener;
        Capabilities caps = capabilities();
        checkReady();
        List<String> notes = new ArrayList<>();
        List<Duration> windows = usableWindows(settings.windows(), caps, notes);
        notes.forEach(l::note);
        String mode = chooseMode(settings.mode(), caps, notes, l);
        long memory = memoryBytes();
        String name = settings.name().orElseGet(this::qemuName);

        Map<Duration, List<DirtyCurve.Sample>> samples = new LinkedHashMap<>();
        int total = windows.size() * settings.repeats();
        double totalSeconds =
                windows.stream().mapToDouble(DirtyRateRecorder::seconds).sum() * settings.repeats();
        int done = 0;
        double doneSeconds = 0;
        Instant started = Instant.now();
        java.util.Random jitter = new java.util.Random();
        boolean partial = false;
        measure:
        for (int r = 1; r <= settings.repeats(); r++) {
            for (Duration w : windows) {
                if (stop.getAsBoolean()) {
                    partial = true;
                    break measure;
                }
                if (settings.repeats() > 1 && !settings.jitter().isZero()) {
                    sleep((long) (jitter.nextDouble() * settings.jitter().toNanos()));
                }
                Progress at = new Progress(done, total, doneSeconds, totalSeconds, w, r);
                l.progress(at);
                Optional<DirtyCurve.Sample> s;
                try {
                    s = measureOne(w, mode, settings.samplePagesPerGiB(), caps, stop, l, at);
                } catch (Refused e) {
                    // the mode chosen for KVM may still be refused (a QEMU without dirty logging for this VM): every
                    // QEMU with calc-dirty-rate can page-sample, so start over with that rather than fail
                    if (!settings.mode().equals("auto") || mode.equals("page-sampling") || !samples.isEmpty()) throw e;
                    String note = "mode " + mode + " refused (" + e.qemuSaid + "); page-sampling instead";
                    notes.add(note);
                    l.note(note);
                    mode = "page-sampling";
                    s = measureOne(w, mode, settings.samplePagesPerGiB(), caps, stop, l, at);
                }
                if (s.isEmpty()) {
                    partial = true;
                    break measure;
                }
                samples.computeIfAbsent(w, k -> new ArrayList<>()).add(s.get());
                done++;
                doneSeconds += seconds(w);
                l.progress(new Progress(done, total, doneSeconds, totalSeconds, w, r));
            }
        }
        Instant finished = Instant.now();
        if (samples.isEmpty()) {
            throw new LivemigException("record dirty: interrupted before the first window (" + millis(windows.get(0))
                    + ") finished; nothing to write");
        }
        DirtyCurve.Source source = new DirtyCurve.Source(
                caps.version().toString(),
                mode,
                mode.equals("page-sampling") ? settings.samplePagesPerGiB() : 0,
                caps.milliseconds() ? "millisecond" : "second");
        if (partial) {
            notes.add(String.format(
                    Locale.ROOT,
                    "partial: interrupted after %d of %d windows; points average the repeats they have",
                    done,
                    total));
        }
        List<DirtyCurve.Point> points = new ArrayList<>();
        for (var e : samples.entrySet()) {
            points.add(
                    DirtyCurve.Point.of(seconds(e.getKey()), e.getValue(), memory, settings.pageSizeBytes(), source));
        }
        return new DirtyCurve(
                name,
                memory,
                settings.pageSizeBytes(),
                settings.nonZeroPages(),
                Optional.empty(),
                source,
                started,
                finished,
                partial,
                notes,
                points);
    }

    // ---- before measuring ----

    Capabilities capabilities() {
        QemuVersion v = qmp.greeting().version();
        JsonElement cmds = qmp.call("query-commands", null, QmpClient.DEFAULT_TIMEOUT);
        boolean has = false;
        for (JsonElement c : cmds.getAsJsonArray()) {
            if (c.isJsonObject()
                    && "calc-dirty-rate".equals(c.getAsJsonObject().get("name").getAsString())) has = true;
        }
        if (!has) {
            throw new LivemigException(
                    "QMP socket " + qmp.socket() + ": QEMU " + v + " has no calc-dirty-rate (added in QEMU 5.2); "
                            + "livemig record dirty needs QEMU >= 5.2, 8.2 or later for windows under 1 s");
        }
        return new Capabilities(v, v.atLeast(8, 2), v.atLeast(6, 2), v.atLeast(6, 1));
    }

    /**
     * Refuses a paused VM (it dirties nothing), one being migrated (the measurement would perturb and be perturbed),
     * and a measurement already running (QEMU runs one at a time).
     */
    void checkReady() {
        JsonObject status = qmp.execute("query-status");
        String s = status.has("status") ? status.get("status").getAsString() : "unknown";
        if (!s.equals("running")) {
            throw new LivemigException("QMP socket " + qmp.socket() + ": the VM is not running (query-status: '" + s
                    + "'); a stopped guest dirties no pages: resume it (QMP 'cont') and measure again");
        }
        JsonObject mig = qmp.execute("query-migrate");
        String ms = mig.has("status") ? mig.get("status").getAsString() : "none";
        if (MigrationRecorder.ACTIVE.contains(ms)) {
            throw new LivemigException("QMP socket " + qmp.socket() + ": a migration is in progress (query-migrate: '"
                    + ms + "'); measure D(T) before or after it, not during");
        }
        JsonObject dr = qmp.execute("query-dirty-rate");
        if (dr.has("status") && "measuring".equals(dr.get("status").getAsString())) {
            throw alreadyMeasuring();
        }
    }

    private LivemigException alreadyMeasuring() {
        return new LivemigException(
                "QMP socket " + qmp.socket() + ": a dirty-rate measurement is already running on this VM "
                        + "(query-dirty-rate: 'measuring'); QEMU measures one at a time: wait for it to finish and try again");
    }

    static List<Duration> usableWindows(List<Duration> asked, Capabilities caps, List<String> notes) {
        List<Duration> out = new ArrayList<>();
        if (caps.milliseconds()) {
            for (Duration w : asked) {
                Check.that(
                        w.toNanos() % 1_000_000 == 0,
                        "window " + w.toNanos() / 1e6 + " ms: QEMU measures in whole milliseconds");
                Check.that(
                        w.toMillis() >= 50 && w.toMillis() <= 60_000,
                        "window " + millis(w) + ": QEMU " + caps.version() + " accepts 50 ms to 60 s");
                out.add(w);
            }
            return out;
        }
        List<String> dropped = new ArrayList<>();
        for (Duration w : asked) {
            if (w.toNanos() % 1_000_000_000L != 0) {
                dropped.add(millis(w));
                continue;
            }
            Check.that(
                    w.toSeconds() >= 1 && w.toSeconds() <= 60,
                    "window " + millis(w) + ": QEMU " + caps.version() + " accepts 1 s to 60 s");
            out.add(w);
        }
        String why =
                "QEMU " + caps.version() + " measures whole seconds only (calc-time-unit millisecond came in QEMU 8.2)";
        if (out.isEmpty()) {
            throw new IllegalArgumentException("windows " + dropped + ": " + why
                    + "; expected at least one window of whole seconds, e.g. 1s,2s,5s,10s");
        }
        if (!dropped.isEmpty()) {
            notes.add(why + ": windows " + String.join(", ", dropped) + " not measured; D(T) below "
                    + millis(out.get(0)) + " is interpolated from 0");
        }
        return out;
    }

    private String chooseMode(String asked, Capabilities caps, List<String> notes, Listener l) {
        if (!caps.modeArgument()) {
            if (!asked.equals("auto") && !asked.equals("page-sampling")) {
                throw new IllegalArgumentException("mode '" + asked + "': QEMU " + caps.version()
                        + " has only page-sampling (modes came in QEMU 6.2)");
            }
            return "page-sampling";
        }
        if (!asked.equals("auto")) return asked;
        boolean kvm = false;
        try {
            JsonObject k = qmp.execute("query-kvm");
            kvm = k.has("enabled") && k.get("enabled").getAsBoolean();
        } catch (QmpCommandException e) {
            // a QEMU built without KVM support: page-sampling is the only mode that reads anything
        }
        String mode = kvm ? "dirty-bitmap" : "page-sampling";
        String note = "mode " + mode
                + (kvm ? " (KVM: every dirtied page counted)" : " (no KVM: under TCG only page-sampling measures)");
        notes.add(note);
        l.note(note);
        return mode;
    }

    private long memoryBytes() {
        JsonObject m = qmp.execute("query-memory-size-summary");
        long base = m.has("base-memory") ? m.get("base-memory").getAsLong() : 0;
        long plugged = m.has("plugged-memory") ? m.get("plugged-memory").getAsLong() : 0;
        if (base + plugged <= 0) {
            throw new LivemigException(
                    "QMP socket " + qmp.socket() + ": query-memory-size-summary gave no memory size: " + m);
        }
        return base + plugged;
    }

    private String qemuName() {
        try {
            JsonObject n = qmp.execute("query-name");
            if (n.has("name") && !n.get("name").getAsString().isBlank())
                return n.get("name").getAsString();
        } catch (QmpCommandException e) {
            // no name: fall through
        }
        return "vm";
    }

    // ---- one window ----

    private Optional<DirtyCurve.Sample> measureOne(
            Duration w,
            String mode,
            int samplePages,
            Capabilities caps,
            BooleanSupplier stop,
            Listener l,
            Progress at) {
        JsonObject args = new JsonObject();
        args.addProperty("calc-time", caps.milliseconds() ? w.toMillis() : w.toSeconds());
        if (caps.milliseconds()) args.addProperty("calc-time-unit", "millisecond");
        if (caps.modeArgument()) args.addProperty("mode", mode);
        if (mode.equals("page-sampling") && caps.samplePagesArgument()) args.addProperty("sample-pages", samplePages);
        Instant start = Instant.now();
        try {
            qmp.execute("calc-dirty-rate", args, QmpClient.DEFAULT_TIMEOUT);
        } catch (QmpCommandException e) {
            if (e.description().contains("already being measured")) throw alreadyMeasuring();
            throw new Refused(
                    "window " + millis(w) + ": QEMU " + caps.version() + " refused calc-dirty-rate " + args + ": "
                            + e.errorClass() + ": " + e.description(),
                    e.description());
        }
        long t0 = System.nanoTime();
        long windowNanos = w.toNanos();
        // the result cannot be ready before the window has passed; until then only watch for a stop and move the bar
        long lastTick = t0;
        while (System.nanoTime() - t0 < windowNanos) {
            if (stop.getAsBoolean()) return Optional.empty();
            sleep(Math.min(POLL.toNanos() * 5, windowNanos - (System.nanoTime() - t0)));
            if (System.nanoTime() - lastTick > 200_000_000L) {
                lastTick = System.nanoTime();
                double elapsed = Math.min(seconds(w), (lastTick - t0) / 1e9);
                l.progress(new Progress(
                        at.windowsDone(),
                        at.windowsTotal(),
                        at.secondsDone() + elapsed,
                        at.secondsTotal(),
                        w,
                        at.repeat()));
            }
        }
        JsonObject q = new JsonObject();
        if (caps.milliseconds()) q.addProperty("calc-time-unit", "millisecond");
        long deadline = System.nanoTime() + RESULT_GRACE.toNanos();
        while (true) {
            JsonObject r = qmp.execute("query-dirty-rate", caps.milliseconds() ? q : null, QmpClient.DEFAULT_TIMEOUT);
            String status = r.has("status") ? r.get("status").getAsString() : "unknown";
            if (status.equals("measured") && r.has("dirty-rate")) {
                long rate = r.get("dirty-rate").getAsLong();
                long calc = r.has("calc-time") ? r.get("calc-time").getAsLong() : -1;
                long want = caps.milliseconds() ? w.toMillis() : w.toSeconds();
                // QEMU reports the time it actually measured (a few ms over the window) and divides by it;
                // calc-dirty-rate
                // resets the status synchronously, so a "measured" seen now is this window's, never the previous one's
                if (calc < 0 || calc >= want) {
                    if (rate < 0) {
                        throw new LivemigException("window " + millis(w) + ": QEMU reported dirty rate " + rate
                                + " MiB/s (measurement failed)");
                    }
                    long calcMs = calc < 0 ? w.toMillis() : caps.milliseconds() ? calc : calc * 1000;
                    return Optional.of(new DirtyCurve.Sample(rate, start, calcMs));
                }
            }
            if (stop.getAsBoolean()) return Optional.empty();
            if (System.nanoTime() > deadline) {
                throw new LivemigException("window " + millis(w) + ": no result from query-dirty-rate within "
                        + RESULT_GRACE.toSeconds() + " s after the window ended (last status '" + status + "')");
            }
            sleep(POLL.toNanos());
        }
    }

    /** QEMU refused a window's calc-dirty-rate. */
    static final class Refused extends LivemigException {
        final String qemuSaid;

        Refused(String message, String qemuSaid) {
            super(message);
            this.qemuSaid = qemuSaid;
        }
    }

    private static void sleep(long nanos) {
        if (nanos <= 0) return;
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LivemigException("record dirty: interrupted");
        }
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    static String millis(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
