package io.livemig.bench;

import io.livemig.trace.Trace;
import io.livemig.trace.TraceFit;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.Workload;
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
 * One-pass fitting (S, S_new^T for 1…10 s, M_w, empirical D(T)) of an in-memory trace of {@code events} dirtied-page
 * events: a VM of {@code memoryGiB} (1 GiB by default) dirtying 20 000 random pages of a working set of half its memory
 * per 100 ms unit. Events per second = events / (seconds per op). The fit uses every core; {@code -jvmArgsAppend
 * -Dlivemig.fit.threads=1} measures one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TraceFitBenchmark {
    static final int PER_UNIT = 20_000;

    @Param({"1000000", "10000000", "100000000"})
    public long events;

    /** VM memory; the working set is half of it. */
    @Param({"1"})
    public int memoryGiB;

    Trace trace;

    @Setup
    public void setup() {
        int units = (int) (events / PER_UNIT);
        long pages = memoryGiB * 262_144L;
        trace = TraceGenerator.generate(
                "bench",
                new Workload.UniformWorkingSet((int) (pages / 2), PER_UNIT),
                new TraceHeader(4096, pages, 0.1),
                units,
                1);
    }

    @Benchmark
    public TraceFit fit() {
        try (var r = trace.reader()) {
            return TraceFit.of(r);
        }
    }
}
