package io.livemig.trace;

import java.nio.file.Path;
import org.roaringbitmap.RoaringBitmap;

/**
 * A child process for {@link AtomicOutputTest}: starts writing a trace to {@code args[0]}, says so on stdout once
 * bytes are in its temporary file, and keeps writing until it is killed.
 */
public final class KilledWriter {
    public static void main(String[] args) throws Exception {
        TraceWriter w = TraceWriter.open(TraceFormat.PAGES_CSV, Path.of(args[0]), TraceHeader.of(1 << 20));
        RoaringBitmap unit = RoaringBitmap.bitmapOfRange(0, 50_000);
        for (long k = 0; ; k++) {
            w.write(unit);
            if (k == 2) {
                System.out.println("writing");
                System.out.flush();
            }
            if (k > 2) Thread.sleep(5);
        }
    }
}
