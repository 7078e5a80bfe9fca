package io.livemig.bench;

import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.sim.Simulator;
import io.livemig.units.DataRate;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link SimulatorBenchmark}'s runs timed in CPU time of the running thread rather than wall time, the median of 15
 * rounds after warm-up: on a machine shared with other builds a thread waiting for a core is not counted, so two jars
 * compare more fairly than by JMH's wall time. Uses only the simulator's long-standing API, so the same class runs
 * against an older core first on the class path:
 * {@code java -cp OLD-benchmarks.jar:bench/target/classes io.livemig.bench.SimulatorCpuTime}.
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
            for (int i = 0; i < 300; i++) Simulator.simulate(b.trace, rate, p); // warm-up
            double[] ms = new double[15];
            for (int round = 0; round < ms.length; round++) {
                int runs = 40;
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < runs; i++) Simulator.simulate(b.trace, rate, p);
                ms[round] = (threads.getCurrentThreadCpuTime() - t0) / 1e6 / runs;
            }
            Arrays.sort(ms);
            double median = ms[ms.length / 2];
            System.out.printf(
                    Locale.ROOT,
                    "%s\t%.3f ms CPU per run (median of %d; min %.3f, max %.3f)\t%.0f million pages sent/s%n",
                    name,
                    median,
                    ms.length,
                    ms[0],
                    ms[ms.length - 1],
                    pages / median / 1e3);
        }
    }
}
