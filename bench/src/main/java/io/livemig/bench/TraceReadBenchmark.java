package io.livemig.bench;

import io.livemig.trace.Trace;
import io.livemig.trace.TraceFit;
import io.livemig.trace.TraceFormat;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.TraceReader;
import io.livemig.trace.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Streaming read of a binary {@code .lmt} trace from the page cache: header, per-frame CRC-32C, Roaring
 * deserialization and the page-range check. MB/s = file size / (seconds per op); the size is printed at setup.
 * Shapes: {@code sparse} (hot/cold, array containers) and {@code dense} (a 20 000-of-131 072 working set, bitmap containers).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TraceReadBenchmark {
    @Param({"sparse", "dense"})
    public String shape;

    Path file;

    @Setup
    public void setup() throws IOException {
        Workload w = shape.equals("dense")
                ? new Workload.UniformWorkingSet(131_072, 20_000)
                : new Workload.HotCold(4096, 2048, 65_536, 200);
        Trace t = TraceGenerator.generate("bench", w, new TraceHeader(4096, 262_144, 0.1), 3000, 1);
        file = Files.createTempDirectory("lmtbench").resolve("bench.lmt");
        t.write(TraceFormat.LMT, file);
        System.out.println("\n" + shape + ": " + Files.size(file) + " bytes, " + t.events() + " events");
        for (int i = 0; i < 3; i++) read(); // into the page cache
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.getParent());
    }

    /** Read and fit, the work of {@code livemig trace fit} after the JVM has started (every core). */
    @Benchmark
    public TraceFit fit() {
        return Trace.read().fit(file);
    }

    @Benchmark
    public long read() {
        long pages = 0;
        try (TraceReader r = Trace.read().open(file, TraceFormat.LMT)) {
            for (TraceReader.Unit u = r.next(); u != null; u = r.next()) pages += u.dirtied();
        }
        return pages;
    }
}
