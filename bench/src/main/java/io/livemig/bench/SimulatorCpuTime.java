package io.livemig.bench;

import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.sim.Simulator;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.roaringbitmap.RoaringBitmap;

/**
 * {@link SimulatorBenchmark}'s runs timed in CPU time of the running thread rather than wall time, the median of 15
 * rounds of 40 runs after 300 untimed runs of the same mode: on a machine shared with other builds a thread waiting
 * for a core is not counted, so two jars compare more fairly than by JMH's wall time. Uses only the simulator's long-standing API, so the same class runs
 * against an older core first on the class path:
 * {@code java -cp OLD-benchmarks.jar:bench/target/classes io.livemig.bench.SimulatorCpuTime}.
 *
 * <p>Each policy is timed twice: {@code warm}, the same {@link Trace} object every run (what the simulator may keep
 * per trace, such as its units' words, is reused, as when a comparison or the lab replays one trace many times), and
 * {@code cold}, a new {@link Trace} object over the same units every run (nothing kept from earlier runs; making the
 * object is not timed).
 */
public final class SimulatorCpuTime {
    private SimulatorCpuTime() {}

    public static void main(String[] args) {
        String[] policies = args.length > 0 ? args : new String[] {"qemu", "xen", "xen-noskip", "xen-v2"};
        SimulatorBenchmark b = new SimulatorBenchmark();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DataRate rate = b.rate;
        for (String name : policies) {
            b.policy = name;
            b.setup(); // prints the pages the run sends
            PrecopyPolicy p = b.p;
            Prediction once = Simulator.simulate(b.trace, rate, p);
            double pages = once.precopyPages() + once.downtimePages();
            List<RoaringBitmap> units = new ArrayList<>();
            for (int k = 0; k < b.trace.unitCount(); k++) units.add(b.trace.unit(k));
            for (boolean cold : new boolean[] {false, true}) {
                // each mode warms up first: a cold replay runs code a warm one never reaches (a unit's partial
                // shuffle), which the JIT would otherwise compile while the first rounds are timed
                for (int i = 0; i < 300; i++) {
                    Simulator.simulate(
                            cold ? Trace.ofPages(b.trace.name(), b.trace.header(), units) : b.trace, rate, p);
                }
                double[] ms = new double[15];
                for (int round = 0; round < ms.length; round++) {
                    int runs = 40;
                    long cpu = 0;
                    for (int i = 0; i < runs; i++) {
                        Trace t = cold ? Trace.ofPages(b.trace.name(), b.trace.header(), units) : b.trace;
                        long t0 = threads.getCurrentThreadCpuTime();
                        Simulator.simulate(t, rate, p);
                        cpu += threads.getCurrentThreadCpuTime() - t0;
                    }
                    ms[round] = cpu / 1e6 / runs;
                }
                Arrays.sort(ms);
                double median = ms[ms.length / 2];
                System.out.printf(
                        Locale.ROOT,
                        "%s\t%s\t%.3f ms CPU per run (median of %d; min %.3f, max %.3f)\t%.0f million pages sent/s%n",
                        name,
                        cold ? "cold" : "warm",
                        median,
                        ms.length,
                        ms[0],
                        ms[ms.length - 1],
                        pages / median / 1e3);
            }
        }
    }
}
