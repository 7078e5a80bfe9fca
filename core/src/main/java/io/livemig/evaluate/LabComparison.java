package io.livemig.evaluate;

import io.livemig.Percentiles;
import io.livemig.model.Iteration;
import io.livemig.model.MigrationModel;
import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.model.QemuAccurateModel;
import io.livemig.model.WorkingSetPlacement;
import io.livemig.plan.Margin;
import io.livemig.policy.Qemu;
import io.livemig.policy.QemuBurst;
import io.livemig.profile.Vm;
import io.livemig.sim.SimConfig;
import io.livemig.sim.Simulator;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.roaringbitmap.RoaringBitmap;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The QEMU-accurate model, the paper's model as is and the page-level simulator against the QEMU lab's measured
 * migrations ({@link LabDataset}). Per point (one configuration; the mean of its repeats), each predicts from the
 * workload's trace, as {@link QemuCheck} feeds them: the QEMU-accurate model gets the trace's curve D(T) and the
 * measured non-zero pages ({@link io.livemig.trace.Trace#accurateVm()}), the paper's model its linear D(T) with every page
 * non-zero ({@link io.livemig.trace.Trace#paperVm()}); the simulator replays each repeat's trace (the one period, looped, mapped
 * to that boot's guest-physical frames and started at the unit the guest was in when the migration began), with
 * the point's timeout as its time limit. The rate is the link's tbf rate (and, as a fourth contender, the
 * QEMU-accurate model at the rate QEMU itself reported reaching); the policy QEMU's with the point's downtime limit
 * and no QEMU-side limit.
 *
 * <p>Errors: relative, |predicted − measured| / measured × 100, for migration time (QEMU's total-time), bytes on
 * the wire (ram.transferred) and downtime; for the rounds, the absolute difference. A point where both say "does
 * not converge" has error 0, where only one says so an infinite error. A point's measured verdict is the majority
 * of its repeats; its figures are the mean of the repeats with that verdict.
 */
public final class LabComparison {
    /** The shapes held out: no model was tuned on them (docs/qemu-lab.md). */
    public static final Set<String> DEFAULT_HELD_OUT = Set.of("hotcold", "bursty");

    public static final String ACCURATE = "qemu-accurate",
            PAPER = "paper (as is)",
            SIMULATOR = "simulator (qemu)",
            SIMULATOR_MAPPED = "simulator, guest's non-zero map",
            ACCURATE_MEASURED_RATE = "qemu-accurate @ QEMU's rate",
            ACCURATE_TIMELINE = "qemu-accurate, run's time line",
            ACCURATE_CURSOR = "qemu-accurate, cursor (working set at its mean address)",
            ACCURATE_CURSOR_TIMELINE = "qemu-accurate, cursor + time line",
            ACCURATE_CURSOR_TIMELINE_MAPPED = "qemu-accurate, cursor + time line + non-zero map";

    private LabComparison() {}

    /** A migration's figures: measured (mean of repeats) or predicted. Rounds are pre-copy rounds (live syncs). */
    public record Figures(
            boolean converged, double migrationSeconds, double wireBytes, double downtimeSeconds, double rounds) {
        static Figures of(Prediction p) {
            return new Figures(
                    p.converged(), p.migrationSeconds(), p.wireTrafficBytes(), p.downtimeSeconds(), p.iterationCount());
        }
    }

    /**
     * One point: its runs, what was measured, and each contender's figures ({@link #ACCURATE}, {@link #PAPER},
     * {@link #ACCURATE_MEASURED_RATE}: the QEMU-accurate model at the rate QEMU reported, {@link #SIMULATOR}).
     * {@code atTheEdge}: the model the lab holds to QEMU ({@link #ACCURATE_CURSOR_TIMELINE_MAPPED}, or
     * {@link #ACCURATE_CURSOR_TIMELINE} without non-zero maps) changes its verdict within ±{@link Margin#EDGE} of the
     * link's rate for at least one repeat ({@link Margin#probe}).
     */
    public record Point(
            String configuration,
            List<LabRun> runs,
            Figures measured,
            Map<String, Figures> predicted,
            double spreadPct,
            boolean atTheEdge) {
        public LabRun first() {
            return runs.get(0);
        }

        /** Repeats that converged. */
        public int convergedRuns() {
            return (int) runs.stream().filter(LabRun::completed).count();
        }
    }

    /** Address ranges of memory the lab's placement of the working set is counted in (a 256 MiB guest: 1 MiB). */
    static final int PLACEMENT_RANGES = 256;

    /**
     * Where a run's working set lay in guest memory: its pages (every page the trace dirties) at that boot's frames,
     * counted per address range (docs/qemu-lab.md, "Send order": the region is not at the top of memory).
     */
    static WorkingSetPlacement frames(Trace regionTrace, LabRun run) {
        long[][] map = frameRuns(run.frames());
        RoaringBitmap ws = new RoaringBitmap();
        for (int i = 0; i < regionTrace.unitCount(); i++) ws.or(regionTrace.unit(i));
        long[] frames = new long[ws.getCardinality()];
        int[] k = {0};
        ws.forEach((int page) -> frames[k[0]++] = frame(map, Integer.toUnsignedLong(page)));
        return WorkingSetPlacement.ofFrames(frames, run.memoryMiB() * 256L, PLACEMENT_RANGES);
    }

    /**
     * What the model's cursor is given: the working set in one piece of its own size centred at its mean address, a
     * number a user can give (the exact frames are the lab's alone; on this dataset they do no better, docs/qemu-lab.md).
     */
    static WorkingSetPlacement placement(Trace regionTrace, LabRun run) {
        WorkingSetPlacement exact = frames(regionTrace, run);
        double width = Math.min(1, (double) regionTrace.fit().mwPages() / (run.memoryMiB() * 256L));
        double from = Math.max(0, Math.min(1 - width, exact.meanAddress() - width / 2));
        return WorkingSetPlacement.block(from, width, PLACEMENT_RANGES);
    }

    public static List<Point> compare(LabDataset data) {
        return compare(data, DEFAULT_HELD_OUT);
    }

    /** As {@link #compare(LabDataset)}, with the lab's write quantum fitted on the shapes not in {@code heldOut}. */
    public static List<Point> compare(LabDataset data, Set<String> heldOut) {
        return compare(data, writeQuantum(data, heldOut));
    }

    /**
     * As {@link #compare(LabDataset)}, with the lab's write quantum given: fitted on another dataset's tuning shapes
     * ({@link #writeQuantum}), so that a dataset of held-out shapes alone, measured apart, tunes nothing.
     */
    public static List<Point> compare(LabDataset data, QemuBurst burst) {
        Map<String, List<LabRun>> byConfig = new LinkedHashMap<>();
        for (LabRun r : data.runs()) {
            if (!r.status().equals(LabRun.FAILED))
                byConfig.computeIfAbsent(r.configuration(), k -> new ArrayList<>())
                        .add(r);
        }
        List<Point> out = new ArrayList<>();
        MigrationModel paper = ProposedModel.defaults();
        for (var e : byConfig.entrySet()) {
            List<LabRun> runs = e.getValue();
            LabRun first = runs.get(0);
            long nonZero = Math.round(
                    runs.stream().mapToLong(LabRun::nonZeroPages).average().orElseThrow());
            Trace trace = data.trace(first);
            trace = trace.withNonZeroPages(Math.max(nonZero, trace.fit().mwPages()))
                    .withName(first.configuration());
            DataRate rate = DataRate.ofBytesPerSecond(first.linkBytesPerSecond());
            Qemu policy = Qemu.defaults().withDowntimeLimit(Duration.ofMillis(first.downtimeLimitMs()));
            QemuAccurateModel accurate = new QemuAccurateModel(burst);
            Map<String, Figures> predicted = new LinkedHashMap<>();
            predicted.put(ACCURATE, Figures.of(accurate.predict(trace.accurateVm(), rate, policy)));
            predicted.put(PAPER, Figures.of(paper.predict(trace.paperVm(), rate, policy)));
            // the same model fed the rate QEMU reported reaching (ram.mbps), not the link's: it separates what the
            // model gets wrong from what the link rate gets wrong (at 1000 Mbit/s TCG does not keep up)
            double mbps = runs.stream()
                    .mapToDouble(LabRun::qemuMbps)
                    .filter(v -> v > 0)
                    .average()
                    .orElse(first.linkMbit());
            predicted.put(
                    ACCURATE_MEASURED_RATE,
                    Figures.of(
                            accurate.predict(trace.accurateVm(), DataRate.ofBytesPerSecond(mbps * 1e6 / 8), policy)));
            // Per repeat, one time line and one placement serve every contender below:
            // - the model fed the repeat's own time line (its trace from the phase it began at) instead of the
            //   stationary D(T): what it gets wrong about a workload that is not stationary (bursty) is the input's;
            // - QEMU's address cursor over the working set where the repeat's guest put it (the frames differ from
            //   boot to boot), on the stationary D(T) and on the time line;
            // - where the repeat's guest had non-zero pages (its own map, or the dataset's baseline boot); without one
            //   for every repeat the two "non-zero map" contenders are left out;
            // - whether the model held to QEMU (the mapped one, else cursor + time line) changes its verdict a few
            //   percent of rate either side (real QEMU is bistable there: docs/qemu-lab.md, "At the edge"); one
            //   repeat at the edge puts the point there.
            List<RoaringBitmap> maps = nonZeroMaps(data, runs);
            Vm vm = trace.accurateVm();
            List<Figures> timed = new ArrayList<>(),
                    cursor = new ArrayList<>(),
                    cursorTimed = new ArrayList<>(),
                    mappedTimed = new ArrayList<>();
            boolean edge = false;
            for (int i = 0; i < runs.size(); i++) {
                LabRun r = runs.get(i);
                LabTimeline timeline = new LabTimeline(trace, r.tracePhase());
                timed.add(Figures.of(accurate.predict(vm, rate, policy, timeline)));
                WorkingSetPlacement place = placement(trace, r);
                QemuAccurateModel held = new QemuAccurateModel(burst, place);
                cursor.add(Figures.of(held.predict(vm, rate, policy)));
                Prediction heldTimed = held.predict(vm, rate, policy, timeline);
                cursorTimed.add(Figures.of(heldTimed));
                if (maps != null) {
                    held = new QemuAccurateModel(
                            burst, place.withZeroPagesOutside(pageRuns(maps.get(i)), r.memoryMiB() * 256L));
                    heldTimed = held.predict(vm, rate, policy, timeline);
                    mappedTimed.add(Figures.of(heldTimed));
                }
                QemuAccurateModel probed = held;
                edge = edge
                        || Margin.probe(rate, heldTimed.converged(), x -> probed.predict(vm, x, policy, timeline))
                                .atTheEdge();
            }
            predicted.put(ACCURATE_TIMELINE, mean(timed));
            predicted.put(ACCURATE_CURSOR, mean(cursor));
            predicted.put(ACCURATE_CURSOR_TIMELINE, mean(cursorTimed));
            if (maps != null) predicted.put(ACCURATE_CURSOR_TIMELINE_MAPPED, mean(mappedTimed));
            // the simulator replays each repeat's trace; with a map the zero pages go where the guest had them (the
            // top of memory, where QEMU's first pass ends, is mostly non-zero) instead of evenly by the header's count
            List<Figures> sims = new ArrayList<>(), mapped = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                LabRun r = runs.get(i);
                Trace replay = physical(
                        trace.withNonZeroPages(
                                Math.max(r.nonZeroPages(), trace.fit().mwPages())),
                        r);
                SimConfig config = SimConfig.defaults()
                        .withSeed(r.repeat())
                        .withTimeLimitSeconds(r.timeoutSeconds())
                        .withQemuBurst(burst);
                sims.add(Figures.of(Simulator.simulate(replay, rate, policy, config)));
                if (maps != null)
                    mapped.add(
                            Figures.of(Simulator.simulate(replay, rate, policy, config.withNonZeroMap(maps.get(i)))));
            }
            predicted.put(SIMULATOR, mean(sims));
            if (maps != null) predicted.put(SIMULATOR_MAPPED, mean(mapped));
            List<Figures> measured = runs.stream().map(LabComparison::measured).toList();
            out.add(new Point(e.getKey(), runs, mean(measured), predicted, spread(measured), edge));
        }
        return out;
    }

    /** Each run's {@link #nonZeroMap}, or null when one of them has none. */
    private static List<RoaringBitmap> nonZeroMaps(LabDataset data, List<LabRun> runs) {
        List<RoaringBitmap> maps = new ArrayList<>();
        for (LabRun r : runs) {
            RoaringBitmap map = nonZeroMap(data, r);
            if (map == null) return null;
            maps.add(map);
        }
        return maps;
    }

    /** A set of pages as runs of {first page, pages} in address order. */
    static List<long[]> pageRuns(RoaringBitmap pages) {
        List<long[]> out = new ArrayList<>();
        long[] open = {-2, 0};
        pages.forEach((int p) -> {
            long page = Integer.toUnsignedLong(p);
            if (page == open[0] + open[1]) open[1]++;
            else {
                if (open[0] >= 0) out.add(open.clone());
                open[0] = page;
                open[1] = 1;
            }
        });
        if (open[0] >= 0) out.add(open.clone());
        return out;
    }

    /**
     * Where a run's guest had non-zero pages: its own map, or else the dataset's baseline boot with the workload's
     * region moved from that boot's frames to the run's (the rest of memory lies alike from boot to boot); null when
     * the dataset has neither.
     */
    static RoaringBitmap nonZeroMap(LabDataset data, LabRun r) {
        RoaringBitmap out = new RoaringBitmap();
        List<long[]> own = data.nonZeroRuns(r);
        if (!own.isEmpty()) {
            for (long[] run : own) out.add(run[0], run[0] + run[1]);
            return out;
        }
        List<long[]> base = data.baselineNonZeroRuns(r.memoryMiB());
        String baseFrames = data.baselineFrames(r.memoryMiB());
        if (base.isEmpty() || baseFrames.isEmpty()) return null;
        for (long[] run : base) out.add(run[0], run[0] + run[1]);
        for (long[] f : frameRuns(baseFrames)) out.remove(f[1], f[1] + f[2]);
        RoaringBitmap region = new RoaringBitmap();
        for (long[] f : frameRuns(r.frames())) region.add(f[1], f[1] + f[2]);
        out.or(region);
        // the page cache differs from boot to boot by a thousand pages or two: keep the boot's placement but the
        // run's own count, taking or giving the difference evenly over the pages outside the region
        long pages = r.memoryMiB() * 256L, have = out.getLongCardinality(), want = r.nonZeroPages();
        if (have != want) {
            boolean add = have < want;
            long pool = add ? pages - have : have - region.getLongCardinality(), change = Math.abs(want - have), j = 0;
            RoaringBitmap flip = new RoaringBitmap();
            for (int p = 0; p < pages && j < pool; p++) {
                if (region.contains(p) || out.contains(p) == add) continue;
                if ((j + 1) * change / pool > j * change / pool) flip.add(p);
                j++;
            }
            out.xor(flip);
        }
        return out;
    }

    /** Rounds a dataset's tuning shapes need before a write quantum is fitted to them. */
    private static final int MIN_ROUNDS_TO_FIT = 10;

    /**
     * The lab's write quantum ({@link QemuBurst}), fitted on the rounds after the first pass of the shapes not held
     * out: the chunk C (16 KiB … 8 MiB, in steps of 4 KiB) whose burst, ⌈0.051 × link / C⌉ chunks at the link's
     * rate, best explains every round as a whole number of bursts (least mean residual, relative to the burst). The
     * rounds of a real QEMU over the lab's loopback TCP come in such steps (docs/qemu-lab.md); with fewer than 10
     * rounds to go by, none. The bytes QEMU's downtime clock does not wait for are the mean, over the same shapes'
     * completed runs, of (pages pending at switch-over × 4104 B − downtime × link rate), at least 0.
     */
    public static QemuBurst writeQuantum(LabDataset data, Set<String> heldOut) {
        List<double[]> rounds = new ArrayList<>(); // {round length s, link B/s}
        for (LabRun r : data.runs()) {
            if (heldOut.contains(r.shape()) || r.status().equals(LabRun.FAILED)) continue;
            List<String[]> rs = data.rounds(r);
            for (int i = 1; i < rs.size(); i++)
                rounds.add(new double[] {Double.parseDouble(rs.get(i)[2]), r.linkBytesPerSecond()});
        }
        if (rounds.size() < MIN_ROUNDS_TO_FIT) return QemuBurst.none();
        double best = 0, bestResidual = Double.POSITIVE_INFINITY;
        for (int kib = 16; kib <= 8192; kib += 4) {
            QemuBurst b = new QemuBurst(kib * 1024.0);
            double sum = 0;
            for (double[] x : rounds) {
                double burst = b.bytes(x[1]) / x[1];
                double k = Math.max(1, Math.round(x[0] / burst));
                sum += Math.abs(x[0] - k * burst) / burst;
            }
            if (sum < bestResidual - 1e-9) {
                bestResidual = sum;
                best = kib * 1024.0;
            }
        }
        double shortBytes = 0;
        int n = 0;
        for (LabRun r : data.runs()) {
            if (heldOut.contains(r.shape()) || !r.completed() || r.switchoverPages() < 0) continue;
            shortBytes += r.switchoverPages() * 4104.0 - r.downtimeMs() / 1e3 * r.linkBytesPerSecond();
            n++;
        }
        return new QemuBurst(best, n == 0 ? best / 2 : Math.max(0, shortBytes / n));
    }

    /** A run's trace as its guest ran it: region pages mapped to that boot's frames, starting at its phase. */
    static Trace physical(Trace regionTrace, LabRun run) {
        long[][] map = frameRuns(run.frames());
        List<RoaringBitmap> units = new ArrayList<>();
        int n = regionTrace.unitCount();
        for (int i = 0; i < n; i++) {
            RoaringBitmap in = regionTrace.unit((run.tracePhase() + i) % n), out = new RoaringBitmap();
            in.forEach((int page) -> out.add((int) frame(map, Integer.toUnsignedLong(page))));
            units.add(out);
        }
        return Trace.ofPages(run.id(), regionTrace.header(), units);
    }

    private static long[][] frameRuns(String frames) {
        String[] parts = frames.split(";");
        long[][] out = new long[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            String[] f = parts[i].split(":");
            if (f.length != 3)
                throw new IllegalArgumentException(
                        "frames: expected firstRegionPage:firstFrame:count, got '" + parts[i] + "'");
            out[i] = new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
        }
        return out;
    }

    private static long frame(long[][] runs, long page) {
        for (long[] r : runs) if (page >= r[0] && page < r[0] + r[2]) return r[1] + page - r[0];
        throw new IllegalArgumentException("frames: region page " + page + " is in no run");
    }

    static Figures measured(LabRun r) {
        return new Figures(
                r.completed(),
                r.totalTimeMs() / 1e3,
                r.transferredBytes(),
                Math.max(0, r.downtimeMs()) / 1e3,
                r.rounds());
    }

    /** The majority verdict (ties: converges) and the mean of the figures with it. */
    static Figures mean(List<Figures> all) {
        long yes = all.stream().filter(Figures::converged).count();
        boolean converged = 2 * yes >= all.size();
        List<Figures> same =
                all.stream().filter(f -> f.converged() == converged).toList();
        if (!converged)
            return new Figures(
                    false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, avg(same, Figures::rounds));
        return new Figures(
                true,
                avg(same, Figures::migrationSeconds),
                avg(same, Figures::wireBytes),
                avg(same, Figures::downtimeSeconds),
                avg(same, Figures::rounds));
    }

    private static double avg(List<Figures> fs, ToDoubleFunction<Figures> f) {
        return fs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** The repeats' own spread: the largest relative deviation of a repeat's migration time from their mean, %. */
    static double spread(List<Figures> fs) {
        List<Figures> done = fs.stream().filter(Figures::converged).toList();
        if (done.size() < 2) return 0;
        double m = avg(done, Figures::migrationSeconds);
        return done.stream()
                .mapToDouble(f -> Math.abs(f.migrationSeconds() - m) / m * 100)
                .max()
                .orElse(0);
    }

    private static double roundsError(Figures p, Figures m) {
        if (!p.converged() || !m.converged()) return p.converged() == m.converged() ? 0 : Double.POSITIVE_INFINITY;
        return Math.abs(p.rounds() - m.rounds());
    }

    /** One row per point and contender: the point, measured and predicted figures, the errors. */
    public static Table points(List<Point> points) {
        Table t = Table.create(
                "lab: measured vs predicted (mean of repeats)",
                StringColumn.create("point"),
                StringColumn.create("shape"),
                IntColumn.create("memory_mib"),
                IntColumn.create("link_mbit"),
                IntColumn.create("downtime_limit_ms"),
                IntColumn.create("repeats"),
                IntColumn.create("measured_converged_runs"),
                BooleanColumn.create("at_the_edge"),
                StringColumn.create("contender"),
                StringColumn.create("measured_verdict"),
                StringColumn.create("verdict"),
                BooleanColumn.create("verdict_right"),
                DoubleColumn.create("measured_s"),
                DoubleColumn.create("predicted_s"),
                DoubleColumn.create("time_err_pct"),
                DoubleColumn.create("measured_MiB"),
                DoubleColumn.create("predicted_MiB"),
                DoubleColumn.create("traffic_err_pct"),
                DoubleColumn.create("measured_downtime_ms"),
                DoubleColumn.create("predicted_downtime_ms"),
                DoubleColumn.create("downtime_err_pct"),
                DoubleColumn.create("measured_rounds"),
                DoubleColumn.create("predicted_rounds"),
                DoubleColumn.create("rounds_err"));
        for (Point p : points) {
            Figures m = p.measured();
            for (var e : p.predicted().entrySet()) {
                Figures f = e.getValue();
                t.stringColumn("point").append(p.configuration());
                t.stringColumn("shape").append(p.first().shape());
                t.intColumn("memory_mib").append(p.first().memoryMiB());
                t.intColumn("link_mbit").append(p.first().linkMbit());
                t.intColumn("downtime_limit_ms").append(p.first().downtimeLimitMs());
                t.intColumn("repeats").append(p.runs().size());
                t.intColumn("measured_converged_runs").append(p.convergedRuns());
                t.booleanColumn("at_the_edge").append(p.atTheEdge());
                t.stringColumn("contender").append(e.getKey());
                t.stringColumn("measured_verdict").append(verdict(m.converged()));
                t.stringColumn("verdict").append(verdict(f.converged()));
                t.booleanColumn("verdict_right").append(m.converged() == f.converged());
                t.doubleColumn("measured_s").append(round(m.migrationSeconds(), 1000));
                t.doubleColumn("predicted_s").append(round(f.migrationSeconds(), 1000));
                t.doubleColumn("time_err_pct")
                        .append(round(
                                Errors.relativePct(
                                        f.migrationSeconds(), m.migrationSeconds(), m.converged(), f.converged()),
                                10));
                t.doubleColumn("measured_MiB").append(round(m.wireBytes() / 1048576, 10));
                t.doubleColumn("predicted_MiB").append(round(f.wireBytes() / 1048576, 10));
                t.doubleColumn("traffic_err_pct")
                        .append(round(
                                Errors.relativePct(f.wireBytes(), m.wireBytes(), m.converged(), f.converged()), 10));
                t.doubleColumn("measured_downtime_ms")
                        .append(round(m.converged() ? m.downtimeSeconds() * 1000 : Double.NaN, 1));
                t.doubleColumn("predicted_downtime_ms")
                        .append(round(f.converged() ? f.downtimeSeconds() * 1000 : Double.NaN, 1));
                t.doubleColumn("downtime_err_pct")
                        .append(round(
                                Errors.relativePct(
                                        f.downtimeSeconds(), m.downtimeSeconds(), m.converged(), f.converged()),
                                10));
                t.doubleColumn("measured_rounds").append(round(m.rounds(), 10));
                t.doubleColumn("predicted_rounds").append(round(f.rounds(), 10));
                t.doubleColumn("rounds_err").append(round(roundsError(f, m), 10));
            }
        }
        return t;
    }

    /**
     * Per contender, over all points and over the held-out shapes' points: points, p90 of the time, traffic and
     * downtime errors (%), p90 of the rounds error, verdicts right (%); and one row "measured repeats" with the p90
     * over points of the repeats' own time spread (the noise floor no model can beat).
     */
    public static Table summary(List<Point> points, Set<String> heldOut) {
        Table rows = points(points);
        Table t = Table.create(
                "lab: p90 errors over points",
                StringColumn.create("contender"),
                StringColumn.create("points_of"),
                IntColumn.create("points"),
                DoubleColumn.create("p90_time_err_pct"),
                DoubleColumn.create("p90_traffic_err_pct"),
                DoubleColumn.create("p90_downtime_err_pct"),
                DoubleColumn.create("p90_rounds_err"),
                DoubleColumn.create("verdict_right_pct"),
                DoubleColumn.create("verdict_right_off_edge_pct"));
        for (String c : List.of(
                ACCURATE,
                ACCURATE_MEASURED_RATE,
                ACCURATE_TIMELINE,
                ACCURATE_CURSOR,
                ACCURATE_CURSOR_TIMELINE,
                ACCURATE_CURSOR_TIMELINE_MAPPED,
                PAPER,
                SIMULATOR,
                SIMULATOR_MAPPED)) {
            for (boolean held : new boolean[] {false, true}) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < rows.rowCount(); i++) {
                    if (rows.stringColumn("contender").get(i).equals(c)
                            && (!held
                                    || heldOut.contains(
                                            rows.stringColumn("shape").get(i)))) idx.add(i);
                }
                if (idx.isEmpty()) continue;
                t.stringColumn("contender").append(c);
                t.stringColumn("points_of")
                        .append(
                                held
                                        ? "held out "
                                                + String.join(
                                                        "+",
                                                        heldOut.stream()
                                                                .sorted()
                                                                .toList())
                                        : "all shapes");
                t.intColumn("points").append(idx.size());
                for (String col : List.of("time_err_pct", "traffic_err_pct", "downtime_err_pct", "rounds_err")) {
                    t.doubleColumn("p90_" + col)
                            .append(round(
                                    Percentiles.nearestRank(
                                            idx.stream()
                                                    .mapToDouble(i -> rows.doubleColumn(col)
                                                            .getDouble(i))
                                                    .toArray(),
                                            0.9),
                                    10));
                }
                long right = idx.stream()
                        .filter(i -> rows.booleanColumn("verdict_right").get(i))
                        .count();
                t.doubleColumn("verdict_right_pct").append(round(100.0 * right / idx.size(), 10));
                List<Integer> off = idx.stream()
                        .filter(i -> !rows.booleanColumn("at_the_edge").get(i))
                        .toList();
                long rightOff = off.stream()
                        .filter(i -> rows.booleanColumn("verdict_right").get(i))
                        .count();
                t.doubleColumn("verdict_right_off_edge_pct")
                        .append(off.isEmpty() ? Double.NaN : round(100.0 * rightOff / off.size(), 10));
            }
        }
        t.stringColumn("contender").append("measured repeats");
        t.stringColumn("points_of").append("time spread of the repeats");
        t.intColumn("points").append(points.size());
        t.doubleColumn("p90_time_err_pct")
                .append(round(
                        Percentiles.nearestRank(
                                points.stream().mapToDouble(Point::spreadPct).toArray(), 0.9),
                        10));
        t.doubleColumn("p90_traffic_err_pct").appendMissing();
        t.doubleColumn("p90_downtime_err_pct").appendMissing();
        t.doubleColumn("p90_rounds_err").appendMissing();
        t.doubleColumn("verdict_right_pct").appendMissing();
        t.doubleColumn("verdict_right_off_edge_pct").appendMissing();
        noiseFloor(t, points);
        return t;
    }

    /**
     * Two rows of what the measurements themselves allow, over the converged points with at least two converged
     * repeats: each repeat against the mean of the others (p90 over repeats; what a model predicting one migration
     * exactly would score against another), and the standard error of a point's mean (sample standard deviation /
     * √repeats / mean, p90 over points; how far the mean the models are held to may sit from the true mean).
     */
    private static void noiseFloor(Table t, List<Point> points) {
        List<ToDoubleFunction<Figures>> metrics =
                List.of(Figures::migrationSeconds, Figures::wireBytes, Figures::downtimeSeconds);
        List<List<Double>> loo = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Double>> sem = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int n = 0;
        for (Point p : points) {
            if (!p.measured().converged()) continue;
            List<Figures> done = p.runs().stream()
                    .map(LabComparison::measured)
                    .filter(Figures::converged)
                    .toList();
            if (done.size() < 2) continue;
            n++;
            for (int k = 0; k < metrics.size(); k++) {
                double[] v = done.stream().mapToDouble(metrics.get(k)).toArray();
                double sum = java.util.Arrays.stream(v).sum(), mean = sum / v.length, ss = 0;
                for (double x : v) ss += (x - mean) * (x - mean);
                sem.get(k).add(Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length) / mean * 100);
                for (double x : v) {
                    double others = (sum - x) / (v.length - 1);
                    loo.get(k).add(Math.abs(x - others) / others * 100);
                }
            }
        }
        for (var row : List.of(
                Map.entry("one repeat vs the others' mean", loo), Map.entry("standard error of the mean", sem))) {
            t.stringColumn("contender").append("measured repeats");
            t.stringColumn("points_of").append(row.getKey());
            t.intColumn("points").append(n);
            List<String> cols = List.of("p90_time_err_pct", "p90_traffic_err_pct", "p90_downtime_err_pct");
            for (int k = 0; k < cols.size(); k++) {
                double[] v = row.getValue().get(k).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
                t.doubleColumn(cols.get(k))
                        .append(v.length == 0 ? Double.NaN : round(Percentiles.nearestRank(v, 0.9), 10));
            }
            t.doubleColumn("p90_rounds_err").appendMissing();
            t.doubleColumn("verdict_right_pct").appendMissing();
            t.doubleColumn("verdict_right_off_edge_pct").appendMissing();
        }
    }

    /**
     * One run's rounds side by side: measured (its rounds.csv: round length, pages a sync found newly dirty, pages
     * pending after it) and, for the same run, the QEMU-accurate model's and the simulator's iterations (length,
     * pages dirtied, pages sent). The stop-and-copy is the last row of the predictions.
     */
    public static Table rounds(LabDataset data, String runId) {
        return rounds(data, runId, writeQuantum(data, DEFAULT_HELD_OUT));
    }

    /** As {@link #rounds(LabDataset, String)}, with the lab's write quantum given (fitted on another dataset). */
    public static Table rounds(LabDataset data, String runId, QemuBurst burst) {
        LabRun run = data.runs().stream()
                .filter(r -> r.id().equals(runId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "run must be one of the dataset's ids (runs.csv), got '" + runId + "'"));
        Trace trace = data.trace(run);
        trace = trace.withNonZeroPages(Math.max(run.nonZeroPages(), trace.fit().mwPages()));
        DataRate rate = DataRate.ofBytesPerSecond(run.linkBytesPerSecond());
        Qemu policy = Qemu.defaults().withDowntimeLimit(Duration.ofMillis(run.downtimeLimitMs()));
        Prediction model = new QemuAccurateModel(burst).predict(trace.accurateVm(), rate, policy);
        Prediction sim = Simulator.simulate(
                physical(trace, run),
                rate,
                policy,
                SimConfig.defaults()
                        .withSeed(run.repeat())
                        .withTimeLimitSeconds(run.timeoutSeconds())
                        .withQemuBurst(burst));
        List<String[]> measured = data.rounds(run);
        Table t = Table.create(
                runId + ": rounds, measured vs predicted",
                IntColumn.create("round"),
                DoubleColumn.create("measured_s"),
                DoubleColumn.create("measured_new_pages"),
                DoubleColumn.create("measured_pending_after"),
                DoubleColumn.create("model_s"),
                DoubleColumn.create("model_dirtied"),
                DoubleColumn.create("model_sent"),
                StringColumn.create("model_row"),
                DoubleColumn.create("sim_s"),
                DoubleColumn.create("sim_dirtied"),
                DoubleColumn.create("sim_sent"),
                StringColumn.create("sim_row"));
        int n = Math.max(
                measured.size(),
                Math.max(model.iterations().size(), sim.iterations().size()));
        for (int i = 0; i < Math.min(n, 200); i++) {
            t.intColumn("round").append(i + 1);
            String[] m = i < measured.size() ? measured.get(i) : null;
            t.doubleColumn("measured_s").append(m == null ? Double.NaN : round(Double.parseDouble(m[2]), 1000));
            t.doubleColumn("measured_new_pages").append(m == null ? Double.NaN : Double.parseDouble(m[5]));
            t.doubleColumn("measured_pending_after").append(m == null ? Double.NaN : Double.parseDouble(m[4]));
            appendIteration(t, "model", model, i);
            appendIteration(t, "sim", sim, i);
        }
        return t;
    }

    /**
     * What the measured runs say about QEMU's mechanics, the figures docs/qemu-lab.md discusses: per link rate the
     * bandwidth QEMU reached (ram.mbps / tbf rate, completed runs); the shortest rounds (after the first pass);
     * the pages pending at switch-over against the threshold computed from the link rate and from QEMU's measured
     * rate; the non-zero pages outside the workload's region, per memory size; and, for the first pass, the pages
     * its closing sync found newly dirty against D(T1), the unique pages the workload dirtied in that time (near 1:
     * every page dirtied during the pass was behind QEMU's cursor and is sent again), and the pages pending after
     * that sync against what the QEMU-accurate model sends in its second round.
     */
    public static Table mechanics(LabDataset data) {
        return mechanics(data, writeQuantum(data, DEFAULT_HELD_OUT));
    }

    /**
     * As {@link #mechanics(LabDataset)}, reading the rounds with the write quantum given (fitted on another dataset's
     * tuning shapes, as `lab compare --tune` does).
     */
    public static Table mechanics(LabDataset data, QemuBurst burst) {
        Table t = Table.create(
                "lab: QEMU's mechanics, measured",
                StringColumn.create("figure"),
                StringColumn.create("of"),
                IntColumn.create("n"),
                DoubleColumn.create("mean"),
                DoubleColumn.create("min"),
                DoubleColumn.create("max"));
        List<LabRun> done = data.runs().stream().filter(LabRun::completed).toList();
        for (int link : data.runs().stream()
                .mapToInt(LabRun::linkMbit)
                .distinct()
                .sorted()
                .toArray()) {
            addStat(
                    t,
                    "QEMU mbps / link rate",
                    link + " Mbit/s",
                    done.stream()
                            .filter(r -> r.linkMbit() == link)
                            .mapToDouble(r -> r.qemuMbps() / r.linkMbit())
                            .toArray());
        }
        Set<String> tuning = new java.util.TreeSet<>();
        data.runs().forEach(r -> tuning.add(r.shape()));
        tuning.removeAll(DEFAULT_HELD_OUT);
        // the same fit on the held-out shapes alone: a property of the transport gives the same chunk (a dataset of
        // held-out shapes alone, measured apart, has no tuning fit to print)
        if (!tuning.isEmpty())
            addStat(
                    t,
                    "write quantum C, MB (rounds in whole bursts)",
                    "fitted on " + String.join("+", tuning),
                    new double[] {burst.writeQuantumBytes() / 1e6});
        QemuBurst heldOutFit = writeQuantum(data, tuning);
        addStat(t, "write quantum C, MB (rounds in whole bursts)", "fitted on held-out shapes", new double[] {
            heldOutFit.writeQuantumBytes() / 1e6
        });
        if (!tuning.isEmpty())
            addStat(
                    t,
                    "bytes the downtime clock does not wait for / C",
                    "fitted on " + String.join("+", tuning),
                    new double[] {burst.queuedAtEndBytes() / burst.writeQuantumBytes()});
        addStat(t, "bytes the downtime clock does not wait for / C", "fitted on held-out shapes", new double[] {
            heldOutFit.queuedAtEndBytes() / heldOutFit.writeQuantumBytes()
        });
        List<Double> shortest = new ArrayList<>();
        List<Double> overLink = new ArrayList<>(),
                overMeasured = new ArrayList<>(),
                firstNew = new ArrayList<>(),
                modelFirstNew = new ArrayList<>();
        for (LabRun r : data.runs()) {
            List<String[]> rounds = data.rounds(r);
            for (int i = 1; i < rounds.size(); i++) shortest.add(Double.parseDouble(rounds.get(i)[2]));
            if (r.completed() && r.switchoverPages() >= 0) {
                double bytes = r.switchoverPages() * 4096.0, dl = r.downtimeLimitMs() / 1e3;
                overLink.add(bytes / (r.linkBytesPerSecond() * dl));
                if (r.qemuMbps() > 0) overMeasured.add(bytes / (r.qemuMbps() * 1e6 / 8 * dl));
            }
            if (rounds.size() >= 2) {
                Trace trace = data.trace(r);
                double t1 = Double.parseDouble(rounds.get(0)[2]);
                double d = trace.curveProfile().dirtiedPages(t1);
                firstNew.add(Double.parseDouble(rounds.get(0)[5]) / d);
                Trace tr = trace.withNonZeroPages(
                        Math.max(r.nonZeroPages(), trace.fit().mwPages()));
                Prediction p = new QemuAccurateModel(burst)
                        .predict(
                                tr.accurateVm(),
                                DataRate.ofBytesPerSecond(r.linkBytesPerSecond()),
                                Qemu.defaults().withDowntimeLimit(Duration.ofMillis(r.downtimeLimitMs())));
                if (p.iterations().size() >= 2)
                    modelFirstNew.add(Double.parseDouble(rounds.get(0)[4])
                            / p.iterations().get(1).sentPages());
            }
        }
        // the threshold QEMU used: a sync happens at the first check with pending < θ and pending falls by one burst
        // between checks, so θ lies between the pending before the sync and that plus a burst; take the middle
        for (boolean held : new boolean[] {false, true}) {
            List<Double> theta = new ArrayList<>(), downShort = new ArrayList<>();
            for (LabRun r : data.runs()) {
                if (DEFAULT_HELD_OUT.contains(r.shape()) != held) continue;
                double link = r.linkBytesPerSecond(), limitPages = link * r.downtimeLimitMs() / 1e3 / 4096;
                double burstPages = burst.quantised() ? burst.bytes(link) / 4104 : burst.pages(4104, link);
                for (String[] round : data.rounds(r))
                    theta.add((Double.parseDouble(round[3]) + burstPages / 2) / limitPages);
                if (r.completed() && r.switchoverPages() >= 0)
                    downShort.add(r.downtimeMs() - r.switchoverPages() * 4104.0 / link * 1000);
            }
            if (theta.isEmpty() && downShort.isEmpty()) continue;
            String of = held ? "held-out shapes" : "tuning shapes";
            addStat(
                    t,
                    "threshold QEMU used / (link rate × limit), est.",
                    of + ", every sync",
                    theta.stream().mapToDouble(Double::doubleValue).toArray());
            addStat(
                    t,
                    "downtime − switch-over bytes / link rate, ms",
                    of + ", completed runs",
                    downShort.stream().mapToDouble(Double::doubleValue).toArray());
        }
        double[] sh = shortest.stream().mapToDouble(Double::doubleValue).toArray();
        addStat(t, "round length, s (min: the shortest)", "rounds after the first pass", sh);
        t.stringColumn("figure").append("round length p10, s");
        t.stringColumn("of").append("rounds after the first pass");
        t.intColumn("n").append(sh.length);
        t.doubleColumn("mean").append(round(Percentiles.nearestRank(sh, 0.1), 1000));
        t.doubleColumn("min").appendMissing();
        t.doubleColumn("max").appendMissing();
        addStat(
                t,
                "switch-over pages / (link rate × limit)",
                "completed runs",
                overLink.stream().mapToDouble(Double::doubleValue).toArray());
        addStat(
                t,
                "switch-over pages / (QEMU mbps × limit)",
                "completed runs",
                overMeasured.stream().mapToDouble(Double::doubleValue).toArray());
        int[] memorySizes = data.runs().stream()
                .mapToInt(LabRun::memoryMiB)
                .distinct()
                .sorted()
                .toArray();
        for (int mem : memorySizes) {
            addStat(
                    t,
                    "non-zero pages outside the region",
                    mem + " MiB",
                    data.runs().stream()
                            .filter(r -> r.memoryMiB() == mem)
                            .mapToDouble(r -> r.nonZeroPages() - r.regionPages())
                            .toArray());
        }
        // where the guest put the workload's region: not at the top of memory (docs/qemu-lab.md, "Send order")
        for (int mem : memorySizes) {
            addStat(
                    t,
                    "working set's mean address / memory size",
                    mem + " MiB",
                    data.runs().stream()
                            .filter(r -> r.memoryMiB() == mem)
                            .mapToDouble(r -> frames(data.trace(r), r).meanAddress())
                            .toArray());
        }
        addStat(
                t,
                "first pass: new pages / D(T1), measured",
                "runs with ≥ 2 rounds",
                firstNew.stream().mapToDouble(Double::doubleValue).toArray());
        addStat(
                t,
                "pending after the first pass: measured / model's round 2",
                "runs with ≥ 2 rounds",
                modelFirstNew.stream().mapToDouble(Double::doubleValue).toArray());
        return t;
    }

    private static void addStat(Table t, String figure, String of, double[] v) {
        t.stringColumn("figure").append(figure);
        t.stringColumn("of").append(of);
        t.intColumn("n").append(v.length);
        t.doubleColumn("mean").append(round(java.util.Arrays.stream(v).average().orElse(Double.NaN), 1000));
        t.doubleColumn("min").append(round(java.util.Arrays.stream(v).min().orElse(Double.NaN), 1000));
        t.doubleColumn("max").append(round(java.util.Arrays.stream(v).max().orElse(Double.NaN), 1000));
    }

    private static void appendIteration(Table t, String who, Prediction p, int i) {
        Iteration it = i < p.iterations().size() ? p.iterations().get(i) : null;
        t.doubleColumn(who + "_s").append(it == null ? Double.NaN : round(it.durationSeconds(), 1000));
        t.doubleColumn(who + "_dirtied").append(it == null ? Double.NaN : Math.round(it.dirtiedPages()));
        t.doubleColumn(who + "_sent").append(it == null ? Double.NaN : Math.round(it.sentPages()));
        t.stringColumn(who + "_row").append(it == null ? "" : it.stopAndCopy() ? "stop-and-copy" : "live");
    }

    private static String verdict(boolean converged) {
        return converged ? "converges" : "does not converge";
    }

    private static double round(double v, double scale) {
        return Double.isFinite(v) ? Math.round(v * scale) / scale : v;
    }
}
