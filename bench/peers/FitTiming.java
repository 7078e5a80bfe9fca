import io.livemig.trace.Trace;
import io.livemig.trace.TraceFit;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * livemig's side of the in-process comparison in bench/peers/compare.py: the trace is loaded once (Roaring bitmaps in
 * memory), then {@code TraceFit.of} is timed alone, after warm-up, as peerfit.py's time-fit times its numpy fit on
 * loaded arrays. Also a memory-bandwidth probe (System.arraycopy of a large array), the JVM's counterpart of the numpy
 * copy. Run as a single-file program against a livemig jar, so a second checkout's jar can be timed the same way:
 *
 * <pre>java -cp kernel-ext/target/livemig.jar bench/peers/FitTiming.java TRACE [REPEAT] [MiB]</pre>
 *
 * Prints one JSON line: median_s, events, events_per_s, copy_gb_per_s.
 */
public final class FitTiming {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int mib = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        Trace trace = Trace.read().file(file);
        long events = trace.events();
        long sink = 0;
        for (int i = 0; i < 3; i++) sink += TraceFit.of(trace).mwPages(); // warm-up: C1, then C2
        double[] t = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            sink += TraceFit.of(trace).mwPages();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        double median = t[repeat / 2];
        long[] src = new long[mib << 17], dst = new long[src.length];
        Arrays.fill(src, 1);
        System.arraycopy(src, 0, dst, 0, src.length);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            System.arraycopy(src, 0, dst, 0, src.length);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        sink += dst[dst.length - 1];
        System.out.printf(
                java.util.Locale.ROOT,
                "{\"median_s\": %.6f, \"events\": %d, \"events_per_s\": %.1f, \"copy_gb_per_s\": %.3f, \"check\": %d}%n",
                median,
                events,
                events / median,
                2.0 * 8 * src.length / best / 1e9,
                sink);
    }
}
