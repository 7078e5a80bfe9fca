package io.livemig.lab;

import io.livemig.trace.TraceFormat;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.roaringbitmap.RoaringBitmap;

/**
 * The workload's page-level trace of one run, from the guest's unit log: each unit's pages come from the seeded
 * generator ({@link WorkloadShape}, checked against the hash the guest printed). The file holds one period of the
 * pattern in 100 ms units, as region pages (the same for every run of the workload, so one file serves them all);
 * a run records its frame map (the guest's pagemap: region page to guest-physical frame, which on a {@code pc}
 * machine below 3.5 GiB is the page's offset in QEMU's RAM) and the unit it started in (its phase). The guest's
 * clock is tied to the host's by the earliest arrival of its lines, which places the migration's start on the
 * guest's unit schedule; units that ran late enough to land in another 100 ms slot are counted (displaced).
 */
final class WorkloadTrace {
    /** What a run's trace is: its file (relative to the dataset), phase, and how far the guest kept its schedule. */
    record Placement(String file, String frames, int phase, double lagMeanMs, double lagMaxMs, int displacedUnits) {}

    private WorkloadTrace() {}

    static Placement record(
            LabPlan.Point p,
            SerialLog serial,
            long migrateStartNanos,
            long migrateEndNanos,
            long nonZeroPages,
            Path datasetDir) {
        List<SerialLog.Unit> units = serial.units();
        List<SerialLog.FrameRun> frames = serial.frames();
        long ready = serial.readyMicros();
        if (units.isEmpty() || frames.isEmpty() || ready < 0)
            throw new IllegalStateException("the guest printed no unit log" + serial.tail());
        long unitMicros = Math.round(WorkloadShape.UNIT_SECONDS * 1e6);
        long perUnit = WorkloadShape.perUnit(p.ratePagesPerSecond());
        int period = p.shape().period(perUnit, p.regionPages());
        long[][] phases = new long[period][];
        for (int j = 0; j < period; j++) phases[j] = p.shape().pages(j, p.seed(), perUnit, p.regionPages());
        // host µs − guest µs: a line arrives after the guest printed it, so the smallest difference is the closest
        long offset = Long.MAX_VALUE;
        for (SerialLog.Unit u : units) {
            String want = WorkloadShape.hash(phases[(int) (u.k() % period)]);
            if (!want.equals(u.hash()) || u.pages() != phases[(int) (u.k() % period)].length) {
                throw new IllegalStateException("unit " + u.k() + ": the guest wrote " + u.pages() + " pages (hash "
                        + u.hash() + "), the host's generator gives " + phases[(int) (u.k() % period)].length
                        + " (hash " + want + "); lmwork.c and WorkloadShape disagree");
            }
            offset = Math.min(offset, u.hostNanos() / 1000 - u.endMicros());
        }
        long g0 = migrateStartNanos / 1000 - offset, g1 = migrateEndNanos / 1000 - offset;
        long kFirst = Math.floorDiv(g0 - ready + unitMicros - 1, unitMicros);
        double lagSum = 0, lagMax = 0;
        int n = 0, displaced = 0;
        for (SerialLog.Unit u : units) {
            if (u.startMicros() < g0 - unitMicros || u.startMicros() >= g1) continue;
            double lag = (u.startMicros() - (ready + u.k() * unitMicros)) / 1000.0;
            lagSum += lag;
            lagMax = Math.max(lagMax, lag);
            n++;
            long actual = Math.floorDiv(u.startMicros() - g0, unitMicros), ideal = u.k() - kFirst;
            if (actual != ideal) displaced++;
        }
        String name = String.format(
                Locale.ROOT,
                "traces/%s-r%d-w%d-m%d-s%d.lmt",
                p.shape().label(),
                p.ratePagesPerSecond(),
                p.regionPages(),
                p.memoryMiB(),
                p.seed());
        Path file = datasetDir.resolve(name);
        if (!Files.exists(file)) write(file, p, phases, nonZeroPages);
        return new Placement(
                name,
                frameMap(frames),
                (int) Math.floorMod(kFirst, (long) period),
                n == 0 ? 0 : lagSum / n,
                lagMax,
                displaced);
    }

    private static void write(Path file, LabPlan.Point p, long[][] phases, long nonZeroPages) {
        TraceHeader header =
                new TraceHeader(MemoryImages.PAGE, p.memoryPages(), WorkloadShape.UNIT_SECONDS, nonZeroPages);
        TraceWriter w = TraceWriter.open(TraceFormat.LMT, file, header);
        try {
            for (long[] pages : phases) {
                RoaringBitmap b = new RoaringBitmap();
                for (long page : pages) b.add((int) page);
                w.write(b);
            }
            w.close();
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    /** The frame map as {@link io.livemig.evaluate.LabRun#frames()} holds it. */
    static String frameMap(List<SerialLog.FrameRun> frames) {
        StringBuilder sb = new StringBuilder();
        for (SerialLog.FrameRun r : frames) {
            if (sb.length() > 0) sb.append(';');
            sb.append(r.firstRegionPage())
                    .append(':')
                    .append(r.firstFrame())
                    .append(':')
                    .append(r.count());
        }
        return sb.toString();
    }
}
