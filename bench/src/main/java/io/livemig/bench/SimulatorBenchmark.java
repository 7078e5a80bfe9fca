package io.livemig.bench;

import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.sim.Simulator;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.Workload;
import io.livemig.units.DataRate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One simulated migration of a 1 GiB hot/cold VM at 87.5 MB/s per policy. Pages sent per second = the pages the run
 * sends (printed at setup) / (seconds per op); the replay of the trace's dirtyings is included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimulatorBenchmark {
    @Param({"qemu", "xen", "xen-noskip", "xen-v2"})
    public String policy;

    Trace trace;
    PrecopyPolicy p;
    DataRate rate = DataRate.ofMBps(87.5);

    @Setup
    public void setup() {
        trace = TraceGenerator.generate(
                "bench", new Workload.HotCold(4096, 2048, 65_536, 200), new TraceHeader(4096, 262_144, 0.1), 600, 1);
        p = PrecopyPolicy.named(policy);
        Prediction once = Simulator.simulate(trace, rate, p);
        System.out.println("\n" + policy + ": " + (long) (once.precopyPages() + once.downtimePages()) + " pages sent, "
                + once.iterationCount() + " iterations");
    }

    @Benchmark
    public Prediction simulate() {
        return Simulator.simulate(trace, rate, p);
    }
}
