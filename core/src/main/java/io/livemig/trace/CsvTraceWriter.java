package io.livemig.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.roaringbitmap.RoaringBitmap;

/** Writes {@code unit,page} or {@code unit,dirtied} CSV, gzipped when the target's name ends in {@code .gz}. */
final class CsvTraceWriter implements TraceWriter {
    private final AtomicOutput out;
    private final BufferedWriter w;
    private final boolean counts;
    private final StringBuilder line = new StringBuilder(32);
    private int unit;
    private boolean closed;

    CsvTraceWriter(Path target, TraceHeader header, boolean counts, Path... inputs) {
        this.counts = counts;
        this.out = AtomicOutput.open(target, inputs);
        try {
            OutputStream os = Files.newOutputStream(out.temp());
            if (String.valueOf(target.getFileName()).endsWith(".gz")) os = new GZIPOutputStream(os, 1 << 16);
            w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            w.write(header.csvMetadata());
            w.write('\n');
            w.write(counts ? "unit,dirtied\n" : "unit,page\n");
        } catch (IOException e) {
            out.abort();
            throw AtomicOutput.failure(target, "cannot write", e);
        }
    }

    @Override
    public void write(RoaringBitmap pages, long dirtied) {
        try {
            if (counts) {
                w.write(unit + "," + (pages != null ? pages.getLongCardinality() : dirtied) + "\n");
            } else {
                if (pages == null)
                    throw new IllegalArgumentException(
                            "a unit,page CSV needs page numbers; got a counts-only unit " + unit);
                String prefix = unit + ",";
                var it = pages.getIntIterator();
                while (it.hasNext()) {
                    line.setLength(0);
                    line.append(prefix)
                            .append(Integer.toUnsignedLong(it.next()))
                            .append('\n');
                    w.append(line);
                }
            }
            unit++;
        } catch (IOException e) {
            abort();
            throw AtomicOutput.failure(out.target(), "write failed", e);
        }
    }

    @Override
    public void abort() {
        if (closed) return;
        closed = true;
        try {
            w.close();
        } catch (IOException ignored) {
            /* the temporary file goes anyway */
        }
        out.abort();
    }

    @Override
    public void close() {
        if (closed) return;
        try {
            w.close();
        } catch (IOException e) {
            abort();
            throw AtomicOutput.failure(out.target(), "write failed", e);
        }
        closed = true;
        out.commit();
    }
}
