package io.livemig.bench;

import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.sim.SimConfig;
import io.livemig.sim.Simulator;
import io.livemig.trace.TraceFile;
import io.livemig.units.DataRate;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One streamed simulation of a trace file, timed from opening the file (its check pass included) to the result, for
 * {@code bench/simulator-scaling.sh}, which runs it under {@code /usr/bin/time} for the peak memory. The time limit is
 * the trace's length, so a migration that does not converge replays every unit once: the work grows with the events.
 *
 * <p>Usage: {@code SimulatorScaling TRACE RATE POLICY}; prints one tab-separated line: memory pages, units, events,
 * pages sent, rounds, seconds. A run stopped by the time limit reports no pages for its unfinished round, so its pages
 * sent are given as the link's rate × the simulated time (prefixed ≈).
 */
public final class SimulatorScaling {
    private SimulatorScaling() {}

    public static void main(String[] args) {
        if (args.length != 3) throw new IllegalArgumentException("usage: SimulatorScaling TRACE RATE POLICY");
        long start = System.nanoTime();
        TraceFile file = TraceFile.of(Path.of(args[0]));
        double length = file.unitCount() * file.header().unitSeconds();
        SimConfig config = SimConfig.defaults().withTimeLimitSeconds(length);
        Prediction p = Simulator.simulate(file, DataRate.parse(args[1]), PrecopyPolicy.named(args[2]), config);
        double seconds = (System.nanoTime() - start) / 1e9;
        String sent = p.converged()
                ? String.valueOf((long) (p.precopyPages() + p.downtimePages()))
                : "≈"
                        + (long) (DataRate.parse(args[1]).bytesPerSecond()
                                * length
                                / (file.header().pageSizeBytes() + 8));
        System.out.printf(
                Locale.ROOT,
                "%d\t%d\t%d\t%s\t%d\t%.3f%n",
                file.memoryPages(),
                file.unitCount(),
                file.events(),
                sent,
                p.iterationCount(),
                seconds);
    }
}
